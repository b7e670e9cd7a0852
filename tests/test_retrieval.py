"""Retrieval over the real bundled filings with the real model."""

import json
import re

import pytest

from rag.config import BUNDLED_CORPUS, PROJECT_ROOT
from rag.ingest.clean import clean_text

pytestmark = pytest.mark.slow

QA = [json.loads(line) for line in (PROJECT_ROOT / "eval" / "qa.jsonl").read_text(encoding="utf-8").splitlines()]


def flat(text: str) -> str:
    return re.sub(r"\s+", "", text)


def evidence_rank(pipeline, item: dict, k: int = 10, mode: str = "hybrid") -> int | None:
    _, hits = pipeline.search(item["question"], k, mode)
    for hit in hits:
        if any(e["doc"] == hit.chunk.doc_id and flat(e["quote"]) in flat(hit.chunk.text) for e in item["evidence"]):
            return hit.rank
    return None


@pytest.mark.parametrize(
    "question",
    [
        "商汤2022年营业收入是多少？",
        "What was SenseTime's revenue in 2022?",
        "2023年上半年的毛利率是多少？",
        "How many GPUs does SenseCore have?",
        "How many vehicles entered mass production in 2022?",
    ],
)
def test_the_answering_passage_is_in_the_top_5(bundled, question: str) -> None:
    item = next(item for item in QA if item["question"] == question)
    rank = evidence_rank(bundled, item)
    assert rank is not None and rank <= 5, f"evidence at rank {rank}"


@pytest.mark.parametrize("language", ["zh", "en"])
def test_recall_at_5_over_the_question_set(bundled, language: str) -> None:
    items = [item for item in QA if item["language"] == language and item.get("evidence")]
    ranks = [evidence_rank(bundled, item) for item in items]
    recall = sum(1 for r in ranks if r and r <= 5) / len(items)
    assert recall >= 0.85, [(i["id"], r) for i, r in zip(items, ranks, strict=True) if not r or r > 5]


def test_term_map_bridges_english_questions(bundled) -> None:
    """Without the bilingual term map, English questions lose most of their Chinese evidence."""
    items = [item for item in QA if item["language"] == "en" and item.get("evidence")]
    with_map = sum(1 for item in items if (evidence_rank(bundled, item, mode="keyword") or 99) <= 5)
    retriever = bundled.retriever
    original = retriever.settings
    retriever.settings = original.model_copy(update={"expand_query": False, "expand_dense": False})
    try:
        without = sum(1 for item in items if (evidence_rank(bundled, item, mode="keyword") or 99) <= 5)
    finally:
        retriever.settings = original
    assert with_map >= without + len(items) // 4


def test_every_evidence_quote_occurs_in_the_corpus() -> None:
    texts = {
        path.stem.lower(): flat(clean_text(path.read_text(encoding="utf-8"))) for path in BUNDLED_CORPUS.glob("*.txt")
    }
    for item in QA:
        for evidence in item.get("evidence", []):
            assert flat(evidence["quote"]) in texts[evidence["doc"]], (item["id"], evidence["quote"])


def test_search_reports_all_scores(bundled) -> None:
    _, hits = bundled.search("2023年上半年的毛利率", 3)
    assert [h.rank for h in hits] == [1, 2, 3]
    assert all(h.dense_rank and h.fused > 0 for h in hits)
    assert hits[0].fused >= hits[1].fused >= hits[2].fused
