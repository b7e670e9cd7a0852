"""Retrieval benchmark: passage-level recall@1/5/10 and MRR for dense, keyword and hybrid search, what
the bilingual term map adds, and indexing / search timings. Run from the project root:

    .venv/bin/python bench/retrieval.py                  # everything (~10 min on 2 cores)
    .venv/bin/python bench/retrieval.py --only xquad     # filings | xquad | rgb | timings (repeatable)
    .venv/bin/python bench/retrieval.py --json bench/out/retrieval.json

Question sets (public data is read by path from ../shared/bench, never copied into the project):
- filings: the project's own eval/qa.jsonl over the bundled SenseTime corpus, zh and en questions;
- xquad-zh / xquad-en: XQuAD's Chinese questions, and the English ones, over the 4 Chinese articles;
- rgb: RGB's Chinese finance questions over the positive and the distractor news docs together.

A retrieved chunk is relevant when it is from the gold document and contains the gold answer (or,
for the filings, the evidence quote), by the same rule as `rag eval`: whitespace ignored, a bare
figure matched in any format. Each set gets its own index in a temporary
folder; the model cache is the normal one (RAG_CACHE_DIR). Timings use a fresh temporary cache, so
the cold `rag index` includes converting the embedding model. Figures are single runs on a shared
2-core machine: read the timings as rough."""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from rag.config import BUNDLED_CORPUS, PROJECT_ROOT, Settings
from rag.evaluate.dataset import Item
from rag.evaluate.scoring import relevant
from rag.pipeline import Pipeline

DATA = PROJECT_ROOT.parent / "shared" / "bench"
PARTS = ("filings", "xquad", "rgb", "timings")
MODES = ("dense", "keyword", "hybrid")
DEPTH = 10
TIMING_QUESTIONS = (
    "商汤2022年营业收入是多少？",
    "What was SenseTime's revenue in 2022?",
    "2023年上半年的毛利率",
    "How many GPUs does SenseCore have?",
    "How many vehicles entered mass production in 2022?",
    "2022年GAAP净亏损是多少？",
    "What was the adjusted net loss in 1H23?",
    "InternLM的参数量是多少？",
    "How much revenue did Smart Business generate in H1 2023?",
    "2022年底商汤的总现金储备有多少？",
)


@dataclass(frozen=True)
class Question:
    text: str
    gold: tuple[tuple[str, str], ...]  # (doc_id, text the relevant chunk must contain), any of them

    def relevant(self, doc_id: str, text: str) -> bool:
        """The rule `rag eval` scores by (rag.evaluate.scoring.relevant)."""
        return relevant(Item("", "", "", self.text, evidence=list(self.gold)), doc_id, text)


@dataclass(frozen=True)
class QuestionSet:
    name: str
    questions: list[Question]


def load_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def filings_sets() -> tuple[list[Path], list[QuestionSet]]:
    rows = [row for row in load_jsonl(PROJECT_ROOT / "eval" / "qa.jsonl") if row.get("evidence")]
    sets = []
    for language in ("zh", "en"):
        questions = [
            Question(row["question"], tuple((e["doc"], e["quote"]) for e in row["evidence"]))
            for row in rows
            if row["language"] == language
        ]
        sets.append(QuestionSet(f"filings-{language}", questions))
    return [BUNDLED_CORPUS], sets


def xquad_sets(data: Path) -> tuple[list[Path], list[QuestionSet]]:
    rows = load_jsonl(data / "xquad" / "qa.jsonl")
    paths = [data / "xquad" / "docs" / f"{doc}.txt" for doc in sorted({row["doc_id"] for row in rows})]
    zh = [Question(row["question"], ((row["doc_id"], row["answer"]),)) for row in rows]
    en = [
        Question(row["question_en"], ((row["doc_id"], row["answer"]), (row["doc_id"], row["answer_en"])))
        for row in rows
    ]
    return paths, [QuestionSet("xquad-zh", zh), QuestionSet("xquad-en", en)]


def rgb_sets(data: Path) -> tuple[list[Path], list[QuestionSet]]:
    rows = load_jsonl(data / "rgb" / "qa.jsonl")
    paths = sorted((data / "rgb" / "docs").glob("*.txt"))  # positives and distractors together
    questions = [
        Question(row["question"], tuple((row["doc_id"], answer) for answer in _flatten(row["answer_rgb"])))
        for row in rows
    ]
    return paths, [QuestionSet("rgb", questions)]


def _flatten(items: Iterable) -> list[str]:
    return [leaf for item in items for leaf in (_flatten(item) if isinstance(item, list) else [str(item)])]


def evaluate(pipeline: Pipeline, question_set: QuestionSet, mode: str) -> dict:
    ranks = []
    for question in question_set.questions:
        hits = pipeline.retriever.search(question.text, DEPTH, mode)
        ranks.append(next((h.rank for h in hits if question.relevant(h.chunk.doc_id, h.chunk.text)), None))
    n = len(ranks)
    scores = {f"R@{k}": sum(1 for r in ranks if r and r <= k) / n for k in (1, 5, 10)}
    return scores | {"MRR": sum(1 / r for r in ranks if r) / n, "n": n}


def run_retrieval(name: str, paths: list[Path], sets: list[QuestionSet]) -> list[dict]:
    rows = []
    with tempfile.TemporaryDirectory(prefix=f"rag-bench-{name}-") as tmp:
        pipeline = Pipeline(Settings(corpus=tuple(paths), index_dir=Path(tmp) / "index"), progress=False)
        report = pipeline.index(paths)
        print(f"[bench] {name}: {report.summary()}", file=sys.stderr)
        chunks = pipeline.retriever.index.chunks
        for question_set in sets:
            reachable = sum(1 for q in question_set.questions if any(q.relevant(c.doc_id, c.text) for c in chunks))
            for mode in MODES:
                rows.append(
                    {
                        "set": question_set.name,
                        "mode": mode,
                        "term_map": True,
                        "chunks": len(chunks),
                        "reachable": reachable,
                    }
                    | evaluate(pipeline, question_set, mode)
                )
            if question_set.name.endswith("-en"):  # what the bilingual term map adds
                retriever = pipeline.retriever
                retriever.settings = retriever.settings.model_copy(
                    update={"expand_query": False, "expand_dense": False}
                )
                for mode in MODES:
                    rows.append(
                        {
                            "set": question_set.name,
                            "mode": mode,
                            "term_map": False,
                            "chunks": len(chunks),
                            "reachable": reachable,
                        }
                        | evaluate(pipeline, question_set, mode)
                    )
                retriever.settings = pipeline.settings
    return rows


def run_cli(args: list[str], env: dict[str, str]) -> float:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "rag.cli", *args], env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise SystemExit(f"rag {' '.join(args)} failed:\n{done.stderr}")
    return time.perf_counter() - started


def run_timings() -> dict:
    with tempfile.TemporaryDirectory(prefix="rag-bench-timings-") as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("RAG_")}
        env |= {"RAG_CACHE_DIR": f"{tmp}/cache", "RAG_INDEX_DIR": f"{tmp}/index"}
        result = {
            "cold `rag index` (model conversion included)": run_cli(["index", "-q"], env),
            "`rag index` again, nothing changed": run_cli(["index", "-q"], env),
            "one-shot `rag search` command (warm cache)": run_cli(["search", TIMING_QUESTIONS[0]], env),
            "one-shot `rag ask` command (warm cache)": run_cli(["ask", TIMING_QUESTIONS[1]], env),
        }
        settings = Settings(cache_dir=Path(tmp) / "cache", index_dir=Path(tmp) / "index")
        started = time.perf_counter()
        pipeline = Pipeline(settings, progress=False)
        pipeline.search(TIMING_QUESTIONS[0])
        result["in-process: load index + models, first search"] = time.perf_counter() - started
        for name, call in (("search", pipeline.search), ("ask", pipeline.ask)):
            samples = []
            for _ in range(3):
                for question in TIMING_QUESTIONS:
                    started = time.perf_counter()
                    call(question)
                    samples.append(time.perf_counter() - started)
            result[f"in-process {name} p50 ({len(samples)} calls)"] = float(np.percentile(samples, 50))
            result[f"in-process {name} p95"] = float(np.percentile(samples, 95))
        return result


def print_tables(rows: list[dict], timings: dict | None) -> None:
    if rows:
        print("| set | mode | term map | R@1 | R@5 | R@10 | MRR | n | reachable | chunks |")
        print("|---|---|---|---:|---:|---:|---:|---:|---:|---:|")
        for r in rows:
            print(
                f"| {r['set']} | {r['mode']} | {'on' if r['term_map'] else 'off'} | {r['R@1']:.3f} | "
                f"{r['R@5']:.3f} | {r['R@10']:.3f} | {r['MRR']:.3f} | {r['n']} | {r['reachable']} | {r['chunks']} |"
            )
        print("\n'reachable': questions with a relevant chunk anywhere in the index (the ceiling).\n")
    if timings:
        print("| measurement | time |\n|---|---:|")
        for name, seconds in timings.items():
            print(f"| {name} | {seconds * 1000:.0f} ms |" if seconds < 1 else f"| {name} | {seconds:.1f} s |")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--only", action="append", choices=PARTS, help="run only this part (repeatable)")
    parser.add_argument("--data", type=Path, default=DATA, help=f"public benchmark data (default {DATA})")
    parser.add_argument("--json", type=Path, help="also write the figures as JSON")
    args = parser.parse_args()
    parts = args.only or list(PARTS)
    settings = Settings()
    print(
        f"# Retrieval benchmark\n\n{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f}; "
        f"model {settings.embed_model}, chunk_tokens {settings.chunk_tokens}, rrf_k {settings.rrf_k}.\n"
    )
    started = time.perf_counter()
    rows: list[dict] = []
    sources = {"filings": filings_sets, "xquad": lambda: xquad_sets(args.data), "rgb": lambda: rgb_sets(args.data)}
    for name, load in sources.items():
        if name in parts:
            rows += run_retrieval(name, *load())
    timings = run_timings() if "timings" in parts else None
    print_tables(rows, timings)
    print(f"\nTotal: {time.perf_counter() - started:.0f} s.")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"retrieval": rows, "timings": timings}, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
