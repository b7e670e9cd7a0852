"""`rag eval`: scoring rules, and the regression gate failing when retrieval is weakened."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from rag.answer.result import Answer
from rag.evaluate.dataset import EvalSetError, Item, load_set
from rag.evaluate.gate import compare
from rag.evaluate.scoring import exact_match, f1, has_fact, relevant, rgb_correct, states_a_wrong_figure
from rag.text.analyzer import Analyzer
from tests.test_cli import run


@pytest.mark.parametrize(
    ("answer", "fact", "found"),
    [
        ("SenseTime's revenue in 2022 was RMB 3.8 billion [1].", "38亿", True),
        ("2022年营业收入为38亿元[1]。", "3.8 billion", True),
        ("Revenue was RMB 1.43 billion.", "14.33亿", True),  # rounded in the answer
        ("收入14.33亿元。", "1.43 billion", True),  # rounded in the key fact
        ("It had 27,000 GPUs.", "2.7万", True),
        ("Revenue was RMB 38 billion.", "38亿", False),  # the wrong unit is a wrong figure
        ("毛利率为45.3%。", "67%", False),
        ("The model is called InternLM.", "internlm", True),
        ("The model is called InternLM.", "书生", False),
    ],
)
def test_key_facts_compare_numbers_across_units(answer: str, fact: str, found: bool) -> None:
    assert has_fact(answer, fact) is found


@pytest.mark.parametrize(
    ("text", "quote", "found"),
    [
        ("营业收入 | 1,175,301,034.32 | 1,088,456,092.10", "1175301034.32元", True),  # a bare figure, any format
        ("营业收入 | 1,175,301,034 |", "1175301034.32元", False),
        ("毛利率由22H1的66.0%下跌至23H1的45.3%", "毛利率由22H1的66.0%", True),
        ("毛利率 66.0% 下跌", "毛利率由22H1的66.0%", False),  # a quote with words must occur as written
    ],
)
def test_evidence_quotes_match_passages(text: str, quote: str, found: bool) -> None:
    item = Item("x", "zh", "fact", "q", evidence=[("doc", quote)])
    assert relevant(item, "doc", text) is found
    assert not relevant(item, "other-doc", text)


def test_squad_and_rgb_scoring() -> None:
    assert exact_match("The Dolby Digital.", ["Dolby Digital"])
    assert f1("DVB-兼容 MPEG-2", ["DVB-兼容 MPEG-2"]) == 1.0
    assert 0 < f1("使用 MPEG-2 编码", ["DVB-兼容 MPEG-2"]) < 1
    assert f1("something else", ["Dolby Digital"]) == 0.0
    assert rgb_correct("营收为1,000亿元，净利润为10亿元", ["1,000亿", ["10亿", "十亿"]])
    assert not rgb_correct("营收为1,000亿元", ["1,000亿", ["10亿", "十亿"]])


@pytest.mark.parametrize(
    ("answer", "abstained", "wrong"),
    [
        ("2023年上半年集团收入14.33亿元 [1]，同比增长1.3%。", False, False),
        ("2023年上半年收入3.118亿元 [1]。", False, True),  # Smart Life's revenue for the group's
        ("收入3.118亿元，集团合计14.33亿元 [1]。", False, False),  # the asked figure is there
        ("文件未提及。", True, False),
        ("商汤在2023年发布了新模型 [1]。", False, False),  # no figure given, none wrong
    ],
)
def test_the_wrong_figure_rate_counts_answers_whose_figures_are_all_another_s(
    analyzer: Analyzer, answer: str, abstained: bool, wrong: bool
) -> None:
    item = Item("x", "zh", "fact", "2023年上半年商汤收入是多少？", answer="14.33亿元", key_facts=["14.33亿"])
    given = Answer(item.question, answer, "zh", abstained, [], "none", None)
    assert states_a_wrong_figure(item, given, analyzer) is wrong
    assert states_a_wrong_figure(Item("y", "zh", "unanswerable", "q"), given, analyzer) is None


def summary(**values: float) -> dict:
    return {"items": 100, "summary": {"recall@5": 0.9, "mrr": 0.8, "unsupported_numbers": 0, **values}}


def test_gate_tolerances() -> None:
    baseline = summary()
    assert not any(d.failed for d in compare(summary(), baseline))
    assert not any(d.failed for d in compare(summary(**{"recall@5": 0.885}), baseline))  # within 0.02
    assert [d.metric for d in compare(summary(**{"recall@5": 0.85}), baseline) if d.failed] == ["recall@5"]
    assert [d.metric for d in compare(summary(unsupported_numbers=1), baseline) if d.failed] == ["unsupported_numbers"]
    worse = {"wrong_figure_rate": 0.05}
    assert not any(d.failed for d in compare(summary(wrong_figure_rate=0.06), summary(**worse)))  # within 0.02
    assert [d.metric for d in compare(summary(wrong_figure_rate=0.08), summary(**worse)) if d.failed] == [
        "wrong_figure_rate"
    ]
    small = {"items": 30, "summary": {"recall@5": 0.9 - 1 / 30, "mrr": 0.8, "unsupported_numbers": 0}}
    assert not any(d.failed for d in compare(small, baseline))  # one question of 30 is not a regression


def test_own_set_loads_with_conversations() -> None:
    items = load_set(None).items
    assert all(isinstance(item, Item) and item.turns[-1] == item.question for item in items)
    assert any(len(item.turns) > 1 for item in items)


def _folder(tmp_path: Path, name: str, rows: list[dict]) -> Path:
    folder = tmp_path / name
    (folder / "docs").mkdir(parents=True)
    (folder / "qa.jsonl").write_text(
        "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8"
    )
    return folder


def test_a_folder_in_our_format_is_read_as_ours_over_its_docs(tmp_path: Path) -> None:
    rows = [
        {
            "id": "a001",
            "language": "zh",
            "kind": "figure",
            "question": "江南精密2023年营业收入是多少？",
            "answer": "1元",
            "key_facts": ["1"],
            "evidence": [{"doc": "report_a", "quote": "1.00"}],
        },
        {
            "id": "a002",
            "language": "en",
            "kind": "multi_turn",
            "question": "And in 2022?",
            "answer": "2",
            "key_facts": ["2"],
            "evidence": [],
            "turns": ["What was the revenue in 2023?", "And in 2022?"],
        },
    ]
    loaded = load_set(_folder(tmp_path, "annual", rows))
    assert loaded.name == "annual" and loaded.corpus == (tmp_path / "annual" / "docs",)
    assert [item.id for item in loaded.items] == ["a001", "a002"]
    assert all(item.scoring == "facts" for item in loaded.items)
    assert (
        loaded.items[0].evidence == [("report_a", "1.00")]
        and loaded.items[1].turns[0] == "What was the revenue in 2023?"
    )


def test_benchmark_folders_keep_their_own_reading(tmp_path: Path) -> None:
    xquad = [
        {"id": "x1", "doc_id": "Article_1", "question": "问", "question_en": "Q", "answer": "答", "answer_en": "A"}
    ]
    loaded = load_set(_folder(tmp_path, "xquad", xquad))
    assert [item.scoring for item in loaded.items] == ["squad", "squad"]
    assert loaded.items[0].evidence == [("article_1", "答")]
    with pytest.raises(EvalSetError, match="unknown benchmark folder"):
        load_set(_folder(tmp_path, "other", [{"id": "1", "question": "q", "answer": "a"}]))


def test_the_annual_report_set_loads() -> None:
    loaded = load_set(Path(__file__).parent.parent / "eval" / "annual")
    assert loaded.name == "annual" and len(loaded.items) >= 60
    assert loaded.corpus[0].name == "docs" and any(loaded.corpus[0].glob("*.pdf"))
    assert {item.language for item in loaded.items} == {"zh", "en"}


@pytest.mark.slow
def test_gate_passes_on_the_baseline_and_fails_when_retrieval_is_weakened(tmp_path: Path) -> None:
    baselines = Path(__file__).parent.parent / "eval" / "baselines"
    assert (baselines / "qa-none.json").exists(), "run `rag eval --llm none --update-baseline` once"
    env = {"RAG_CACHE_DIR": str(_cache(tmp_path))}
    passed = run("eval", "--llm", "none", "-q", "--out", str(tmp_path / "ok"), env=env)
    assert passed.returncode == 0, passed.stdout + passed.stderr
    assert "REGRESSION" not in passed.stdout
    dense = {**env, "RAG_SEARCH_MODE": "dense"}
    weakened = run("eval", "--llm", "none", "-q", "--out", str(tmp_path / "dense"), env=dense)
    assert weakened.returncode == 3, weakened.stdout + weakened.stderr
    assert "REGRESSION" in weakened.stdout and "worse than the baseline" in weakened.stderr
    results = json.loads((tmp_path / "dense" / "qa-none.json").read_text(encoding="utf-8"))
    assert len(results["records"]) == results["items"] >= 150
    report = (tmp_path / "dense" / "qa-none.html").read_text(encoding="utf-8")
    assert "<svg" in report and "Regression" in report


def _cache(tmp_path: Path) -> Path:
    """A cache that shares the converted models but builds its own eval index."""
    from rag.config import Settings

    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "models").symlink_to(Settings().models_dir.resolve())
    return cache
