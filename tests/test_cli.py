"""The `rag` command: JSON contract, bad input, clear errors."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from rag.cli import main


def run(*args: str, env: dict[str, str] | None = None, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "rag.cli", *args],
        capture_output=True,
        text=True,
        input=stdin,
        env={**os.environ, **(env or {})},
        timeout=600,
    )


@pytest.mark.parametrize("question", ["", "   ", "\n\t"])
def test_empty_question_is_a_one_line_error_with_exit_code_2(question: str) -> None:
    for command in ("ask", "search"):
        result = run(command, question)
        assert result.returncode == 2
        assert result.stderr.count("\n") == 1 and "question is empty" in result.stderr
        assert result.stdout == ""


def test_missing_corpus_path(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "index"))
    assert main(["index", str(tmp_path / "does-not-exist")]) == 2
    assert "corpus path not found" in capsys.readouterr().err


def test_bad_k(capsys) -> None:
    assert main(["search", "毛利率", "-k", "0"]) == 2
    assert "-k must be between 1 and 100" in capsys.readouterr().err


def test_status_without_an_index(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("RAG_INDEX_DIR", str(tmp_path / "none"))
    assert main(["status"]) == 0
    assert "no index" in capsys.readouterr().out


@pytest.mark.slow
def test_search_json_contract(bundled) -> None:
    env = {"RAG_INDEX_DIR": str(bundled.settings.resolved_index_dir)}
    result = run("search", "What was SenseTime's revenue in 2022?", "-k", "3", "--json", env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert data["query"] == "What was SenseTime's revenue in 2022?"
    assert [r["rank"] for r in data["results"]] == [1, 2, 3]
    for row in data["results"]:
        assert {"rank", "doc", "chunk_id", "text", "scores"} <= row.keys()
        assert {"dense", "keyword", "fused"} <= row["scores"].keys()
    assert any("38 亿元" in row["text"] for row in data["results"])


@pytest.mark.slow
def test_huge_question_is_truncated_with_a_warning(bundled) -> None:
    env = {"RAG_INDEX_DIR": str(bundled.settings.resolved_index_dir)}
    result = run("search", "-", "-k", "1", "--json", env=env, stdin="毛利率" * 34_000)  # 102,000 characters
    assert result.returncode == 0
    assert "only the first 2,000 are used" in result.stderr
    assert len(json.loads(result.stdout)["query"]) == 2000


@pytest.mark.slow
def test_ask_json_contract_and_citations(bundled) -> None:
    env = {"RAG_INDEX_DIR": str(bundled.settings.resolved_index_dir)}
    result = run("ask", "2023年上半年的毛利率是多少？", "--json", "--llm", "none", env=env)
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert {
        "question",
        "answer",
        "language",
        "abstained",
        "citations",
        "backend",
        "model",
        "flags",
        "timings",
    } <= data.keys()
    assert data["language"] == "zh" and data["abstained"] is False and data["backend"] == "figures"
    assert "45.3%" in data["answer"]
    cited = {int(n) for n in __import__("re").findall(r"\[(\d+)\]", data["answer"])}
    assert cited == {c["n"] for c in data["citations"]}
    assert {"retrieve_s", "ttft_s", "generate_s", "total_s"} <= data["timings"].keys()


@pytest.mark.slow
def test_first_search_builds_the_index(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("商汤集团2022年营业收入38亿元。", encoding="utf-8")
    env = {"RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_CORPUS": str(corpus)}
    result = run("search", "营业收入", "--json", env=env)
    assert result.returncode == 0, result.stderr
    assert "no index yet" in result.stderr
    assert json.loads(result.stdout)["results"][0]["doc"] == "a"
    status = run("status", env=env)
    assert re.search(r"  a: .*; 1 chunks — ", status.stdout), status.stdout
    assert "vectors by: openvino-" in status.stdout


@pytest.mark.slow
def test_corrupt_index_is_a_one_line_error(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("营业收入38亿元。", encoding="utf-8")
    env = {"RAG_INDEX_DIR": str(tmp_path / "index"), "RAG_CORPUS": str(corpus)}
    assert run("index", "-q", env=env).returncode == 0
    pointer = (tmp_path / "index" / "CURRENT").read_text().strip()
    (tmp_path / "index" / pointer / "chunks.jsonl").write_text("{broken", encoding="utf-8")
    result = run("search", "营业收入", env=env)
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "corrupt" in result.stderr and "--rebuild" in result.stderr


@pytest.mark.slow
def test_chat_rewrites_follow_ups(bundled) -> None:
    env = {"RAG_INDEX_DIR": str(bundled.settings.resolved_index_dir)}
    turns = "商汤2022年营业收入是多少？\n那2023年上半年呢？\nAnd the gross margin?\n/new\nAnd the gross margin?\n"
    result = run("chat", "--llm", "none", env=env, stdin=turns)
    assert result.returncode == 0, result.stderr
    assert "38 亿元" in result.stdout
    assert "→ 商汤2023年上半年营业收入是多少？" in result.stdout
    assert "14.33亿元" in result.stdout
    # A follow-up in English: the conversation's question, written out and answered in English.
    rewritten = "→ What was SenseTime's gross margin in H1 2023?"
    assert rewritten in result.stdout
    english = result.stdout.split(rewritten)[1]
    assert english.lstrip().startswith("The group's gross margin in H1 2023 was 45.3%")  # in English, as asked
    assert result.stdout.count("→") == 2  # after /new there is nothing to follow


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--auth", "analyst"], "--auth needs USER:PASSWORD"),
        (["--auth", ":secret"], "--auth needs USER:PASSWORD"),
        (["--port", "70000"], "--port must be between 1 and 65535"),
    ],
)
def test_serve_refuses_bad_options(args: list[str], message: str) -> None:
    result = run("serve", *args)
    assert result.returncode == 2 and message in result.stderr


def test_serve_on_a_port_in_use_is_a_one_line_error(tmp_path: Path) -> None:
    import socket

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = run("serve", "--port", str(port), env={"RAG_INDEX_DIR": str(tmp_path / "index")})
    assert result.returncode == 2
    assert (
        result.stderr.strip()
        == f"rag: error: cannot listen on 127.0.0.1:{port} (Address already in use); choose another with --port"
    )
    assert not (tmp_path / "index").exists()  # refused before any slow work
