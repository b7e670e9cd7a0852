"""Web page benchmark: what visitors of `rag serve` wait for.

Starts `rag serve` on a free loopback port over the bundled corpus (its index in a temporary
folder, models from the normal cache) and measures through Gradio's API with gradio_client, which
goes through the same queue as the page:
- start: from launching the process until the page answers (the index is built first);
- first answer: the first /ask, which loads the local model (once, for every visitor);
- one visitor: end-to-end seconds per answer, p50/p95, over N questions;
- two visitors at once, each asking N other questions: the queue runs one answer at a time, so
  each visitor waits about twice as long per answer as one visitor alone, the model is loaded
  once (server log) and the server's resident memory is that of one model. Every question is
  asked once: llama.cpp reuses a prompt it has seen, which would flatter a repeat;
- upload: one small filing added with the documents library (the Documents tab's code: store,
  read, chunk, embed, update the index) until a search finds it, embedding model already loaded.

    .venv/bin/python bench/web.py                  # ~3 min on 2 cores
    .venv/bin/python bench/web.py --questions 2 --llm none

Single runs on a shared 2-core machine: read the seconds as rough and the ratios as the finding."""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import psutil
from gradio_client import Client

from rag.config import BUNDLED_CORPUS, Settings
from rag.pipeline import Pipeline
from rag.web.documents import Library

FIRST = "商汤2022年营业收入是多少？"
QUESTIONS = [  # one visitor's, then the two visitors'
    "What was the gross margin in H1 2023?",
    "大装置有多少块GPU？",
    "What was SenseTime's revenue in 2022?",
    "2023年上半年经调整净亏损是多少？",
    "How many vehicles entered mass production in 2022?",
    "2022年的毛利率是多少？",
    "What was the adjusted net loss in 1H23?",
    "2023年上半年智慧生活收入是多少？",
    "How many parameters does InternLM-123B have?",
    "2022年研发人员占比是多少？",
    "What was the revenue of Smart Business in H1 2023?",
    "截至2022年底，智慧城市业务累计赋能了多少个城市？",
]
UPLOAD = "# 示例科技 2024 年度业绩公告\n\n示例科技2024年营业收入为12.5亿元，同比增长18%。研发投入为3.2亿元。\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--questions", type=int, default=4, choices=range(1, 5), help="per visitor (default 4)")
    parser.add_argument("--llm", default="local", help="backend the visitors choose (default local)")
    args = parser.parse_args()
    n = args.questions

    with tempfile.TemporaryDirectory() as folder:
        server, url, log = start(Path(folder))
        try:
            client = Client(url, verbose=False)
            print(f"first answer (loads the model): {ask(client, FIRST, args.llm):.1f} s")
            one = [ask(client, question, args.llm) for question in QUESTIONS[:n]]
            print(f"one visitor: {n} answers, p50 {pct(one, 50):.1f} s, p95 {pct(one, 95):.1f} s")
            two, wall = two_visitors(url, [QUESTIONS[n : 2 * n], QUESTIONS[2 * n : 3 * n]], args.llm)
            print(
                f"two visitors at once: {2 * n} answers in {wall:.1f} s; each visitor waited p50 "
                f"{pct(two, 50):.1f} s per answer = {pct(two, 50) / pct(one, 50):.2f}x one visitor alone"
            )
            loads = log.read_text(errors="replace").count("loading the local model")
            rss = psutil.Process(server.pid).memory_info().rss / 2**30
            print(f"server: model loaded {loads} time(s), resident memory {rss:.2f} GiB")
        finally:
            server.terminate()
            server.wait(timeout=30)
        print(f"upload to searchable: {upload(Path(folder)):.1f} s")


def start(folder: Path) -> tuple[subprocess.Popen, str, Path]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    env = {name: value for name, value in os.environ.items() if not name.startswith("RAG_") or name == "RAG_CACHE_DIR"}
    env |= {"RAG_INDEX_DIR": str(folder / "index"), "RAG_UPLOADS_DIR": str(folder / "uploads")}
    log = folder / "serve.log"
    started = time.perf_counter()
    with log.open("w") as out:
        command = [sys.executable, "-m", "rag.cli", "serve", "--port", str(port)]
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    while True:
        if server.poll() is not None:
            sys.exit(f"rag serve exited:\n{log.read_text(errors='replace')[-2000:]}")
        try:
            with urllib.request.urlopen(url, timeout=5):
                break
        except OSError:
            time.sleep(0.5)
    print(f"start (index built, page up): {time.perf_counter() - started:.1f} s")
    return server, url, log


def ask(client: Client, question: str, llm: str) -> float:
    started = time.perf_counter()
    result = client.predict(question, llm, api_name="/ask")
    if not result.get("answer"):
        sys.exit(f"no answer to {question!r}: {result}")
    return time.perf_counter() - started


def two_visitors(url: str, questions: list[list[str]], llm: str) -> tuple[list[float], float]:
    seconds: list[float] = []

    def visit(mine: list[str]) -> None:
        client = Client(url, verbose=False)
        seconds.extend(ask(client, question, llm) for question in mine)

    visitors = [threading.Thread(target=visit, args=(mine,)) for mine in questions]
    started = time.perf_counter()
    for visitor in visitors:
        visitor.start()
    for visitor in visitors:
        visitor.join()
    return seconds, time.perf_counter() - started


def upload(folder: Path) -> float:
    settings = Settings(corpus=(BUNDLED_CORPUS,), index_dir=folder / "index", uploads_dir=folder / "uploads")
    library = Library(Pipeline(settings, progress=False))
    library.pipeline.embedder  # noqa: B018 - loaded before the clock starts, as in a running server
    source = folder / "upload.md"
    source.write_text(UPLOAD, encoding="utf-8")
    started = time.perf_counter()
    result = library.add([(source, "示例科技 2024.md")])
    _, hits = library.pipeline.search("示例科技研发投入", 1)
    elapsed = time.perf_counter() - started
    if result.problems or "示例科技" not in hits[0].chunk.title:
        sys.exit(f"the upload was not searchable: {result.problems}")
    return elapsed


def pct(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100, method="inclusive")[q - 1] if len(values) > 1 else values[0]


if __name__ == "__main__":
    main()
