"""One evaluation run: every item asked through the real pipeline (follow-ups rewritten as in
`rag chat`), scored, and summarised overall, by language and by kind."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from tqdm import tqdm

from rag.evaluate import scoring
from rag.evaluate.dataset import EvalSet, Item
from rag.pipeline import Pipeline

RETRIEVAL = ("recall@1", "recall@3", "recall@5", "recall@10", "mrr", "ndcg@10")


def run_eval(
    pipeline: Pipeline,
    eval_set: EvalSet,
    llm: str,
    k: int | None = None,
    progress: bool = True,
    on_item: Callable[[dict], None] = lambda record: None,
) -> dict:
    started = time.perf_counter()
    chunks = pipeline.retriever.index.chunks
    records = []
    for item in tqdm(eval_set.items, desc=f"eval {eval_set.name} ({llm})", unit="q", disable=not progress):
        record = _evaluate(pipeline, item, llm, k, chunks)
        records.append(record)
        on_item(record)
    model = next((r["model"] for r in records if r["model"]), None)
    return {
        "set": eval_set.name,
        "llm": llm,
        "model": model,
        "k": k or pipeline.settings.top_k,
        "items": len(records),
        "wall_s": round(time.perf_counter() - started, 1),
        "summary": summarise(records),
        "by_language": {key: summarise(group) for key, group in _groups(records, "language").items()},
        "by_kind": {key: summarise(group) for key, group in _groups(records, "kind").items()},
        "records": records,
    }


def _evaluate(pipeline: Pipeline, item: Item, llm: str, k: int | None, chunks: list) -> dict:
    question = item.asked()
    record: dict = {
        "id": item.id,
        "language": item.language,
        "kind": item.kind,
        "question": item.question,
        "asked": question,
        "gold": item.answer,
        "answerable": item.answerable,
    }
    if item.evidence:
        hits = pipeline.retriever.search(question, scoring.DEPTH)
        total = sum(scoring.relevant(item, chunk.doc_id, chunk.text) for chunk in chunks)
        record["retrieval"] = scoring.retrieval_scores(item, hits, total)
    # A follow-up is answered in the language it was typed in, whatever its rewritten form's.
    answer = pipeline.ask(question, k, llm, item.language if len(item.turns) > 1 else None)
    text = scoring.answer_text(answer)
    good, cited = scoring.cited_with_evidence(item, answer) if item.evidence else (0, 0)
    record |= {
        "answer": answer.answer,
        "abstained": answer.abstained,
        "model": answer.model,
        "citations": [{"n": c.n, "doc": c.doc, "chunk_id": c.chunk_id} for c in answer.citations],
        "cited_with_evidence": good,
        "cited": cited,
        "unsupported": scoring.unsupported_figures(answer, pipeline.analyzer),
        "wrong_figure": scoring.states_a_wrong_figure(item, answer, pipeline.analyzer),
        "flags": answer.flags,
        "total_s": answer.timings.get("total_s", 0.0),
        "ttft_s": answer.timings.get("ttft_s", 0.0),
    }
    golds = [item.answer, *item.acceptable]
    if item.scoring == "squad":
        record["exact_match"] = scoring.exact_match(text, golds)
        record["f1"] = scoring.f1(text, golds)
        record["correct"] = any(scoring.has_fact(text, gold) for gold in golds)
    elif item.scoring == "rgb":
        record["correct"] = scoring.rgb_correct(text, item.rgb_items)
    elif item.answerable:
        found = [fact for fact in item.key_facts if scoring.has_fact(text, fact)]
        record["facts_found"], record["facts"] = len(found), len(item.key_facts)
        record["correct"] = bool(item.key_facts) and len(found) == len(item.key_facts) and not answer.abstained
        record["exact_match"] = scoring.exact_match(text, golds)
    else:
        record["correct"] = answer.abstained
    return record


def summarise(records: list[dict]) -> dict[str, float | int | None]:
    """The tracked metrics of a group of records (None where the group has nothing to measure)."""
    answerable = [r for r in records if r["answerable"]]
    with_retrieval = [r for r in records if "retrieval" in r]
    with_facts = [r for r in answerable if r.get("facts")]
    summary: dict[str, float | int | None] = {"items": len(records)}
    for metric in RETRIEVAL:
        summary[metric] = _mean([r["retrieval"][metric] for r in with_retrieval])
    summary["accuracy"] = _mean([float(r["correct"]) for r in records])
    summary["key_fact_accuracy"] = _mean([float(r["correct"]) for r in with_facts])
    summary["key_fact_recall"] = _ratio(sum(r["facts_found"] for r in with_facts), sum(r["facts"] for r in with_facts))
    summary["exact_match"] = _mean([float(r["exact_match"]) for r in answerable if "exact_match" in r])
    summary["f1"] = _mean([r["f1"] for r in records if "f1" in r])
    abstained = [r for r in records if r["abstained"]]
    unanswerable = [r for r in records if not r["answerable"]]
    right = sum(not r["answerable"] for r in abstained)
    summary["abstention_precision"] = _ratio(right, len(abstained))
    summary["abstention_recall"] = _ratio(right, len(unanswerable))
    summary["citation_precision"] = _ratio(
        sum(r["cited_with_evidence"] for r in answerable), sum(r["cited"] for r in answerable)
    )
    summary["unsupported_numbers"] = sum(len(r["unsupported"]) for r in records)
    measured = [r["wrong_figure"] for r in records if r.get("wrong_figure") is not None]
    summary["wrong_figure_rate"] = _ratio(sum(measured), len(measured))
    times = sorted(r["total_s"] for r in records)
    summary["latency_p50_s"] = round(statistics.median(times), 3) if times else None
    summary["latency_p95_s"] = round(times[min(len(times) - 1, int(0.95 * len(times)))], 3) if times else None
    return summary


def _mean(values: list[float]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _groups(records: list[dict], key: str) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for record in records:
        groups.setdefault(record[key], []).append(record)
    return dict(sorted(groups.items()))
