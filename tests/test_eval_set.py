"""The evaluation set eval/qa.jsonl is well formed, big and varied enough, and every evidence quote
occurs in the bundled corpus as the project indexes it (cleaned text, whitespace ignored). Fast: no models."""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache

import pytest

from rag.config import BUNDLED_CORPUS, PROJECT_ROOT, Settings
from rag.evaluate.dataset import squash as flat
from rag.ingest.files import find_sources
from rag.ingest.readers import read_document

QA_PATH = PROJECT_ROOT / "eval" / "qa.jsonl"
QA = [json.loads(line) for line in QA_PATH.read_text(encoding="utf-8").splitlines() if line.strip()]

KINDS = {"fact", "figure", "comparison", "calculation", "list", "unanswerable", "multi_turn"}
LANGUAGES = {"zh", "en"}
REQUIRED = {
    "id": str,
    "language": str,
    "kind": str,
    "question": str,
    "answer": str,
    "acceptable": list,
    "key_facts": list,
    "evidence": list,
}
# The whole set's minimum size, per language, and per kind.
MIN_ITEMS = 165
MIN_PER_LANGUAGE = 70
MIN_PER_KIND = {
    "unanswerable": 22,
    "multi_turn": 12,
    "figure": 15,
    "comparison": 15,
    "calculation": 10,
    "list": 10,
}
MAX_QUOTE_CHARS = 60

_CJK = re.compile(r"[\u3400-\u9fff]")


@cache
def corpus_texts() -> dict[str, str]:
    """doc id -> cleaned text with all whitespace removed, read as `rag index` reads the bundled corpus."""
    sources, _ = find_sources([BUNDLED_CORPUS], Settings().exclude)
    return {source.doc_id: flat(read_document(source.path, source.doc_id).text) for source in sources}


def ids(items: list[dict]) -> list[str]:
    return [item.get("id", "?") for item in items]


def test_ids_are_unique() -> None:
    duplicates = [item_id for item_id, n in Counter(ids(QA)).items() if n > 1]
    assert not duplicates


@pytest.mark.parametrize("item", QA, ids=ids(QA))
def test_item_fields_and_types(item: dict) -> None:
    for field, expected in REQUIRED.items():
        assert isinstance(item.get(field), expected), f"{field} should be a {expected.__name__}"
    assert re.fullmatch(r"q\d{3,}", item["id"])
    assert item["language"] in LANGUAGES
    assert item["kind"] in KINDS
    assert item["question"].strip() and item["answer"].strip()
    assert all(isinstance(text, str) and text.strip() for text in item["acceptable"] + item["key_facts"])
    for evidence in item["evidence"]:
        assert set(evidence) == {"doc", "quote"}
        assert isinstance(evidence["doc"], str) and isinstance(evidence["quote"], str)
        assert 0 < len(evidence["quote"]) <= MAX_QUOTE_CHARS


@pytest.mark.parametrize("item", QA, ids=ids(QA))
def test_language_matches_the_script(item: dict) -> None:
    for text in item.get("turns", [item["question"]]):
        has_chinese = bool(_CJK.search(text))
        assert has_chinese == (item["language"] == "zh"), text


@pytest.mark.parametrize("item", QA, ids=ids(QA))
def test_kind_specific_rules(item: dict) -> None:
    turns = item.get("turns")
    if item["kind"] == "multi_turn":
        assert isinstance(turns, list) and len(turns) >= 2
        assert all(isinstance(turn, str) and turn.strip() for turn in turns)
        assert turns[-1] == item["question"]
    else:
        assert turns is None, "only multi_turn items have turns"
    if item["kind"] == "unanswerable":
        assert not item["evidence"] and not item["key_facts"] and not item["acceptable"]
    else:
        assert item["evidence"], "an answerable item needs evidence"
        assert item["key_facts"], "an answerable item needs key facts"


def test_set_size_and_balance() -> None:
    languages = Counter(item["language"] for item in QA)
    kinds = Counter(item["kind"] for item in QA)
    assert len(QA) >= MIN_ITEMS
    assert all(languages[language] >= MIN_PER_LANGUAGE for language in LANGUAGES), languages
    assert all(kinds[kind] >= n for kind, n in MIN_PER_KIND.items()), kinds


def test_evidence_docs_are_the_bundled_corpus() -> None:
    known = corpus_texts()
    unknown = {(item["id"], e["doc"]) for item in QA for e in item["evidence"] if e["doc"] not in known}
    assert not unknown, f"known doc ids: {sorted(known)}"


def test_every_evidence_quote_occurs_in_its_document() -> None:
    texts = corpus_texts()
    missing = [
        (item["id"], e["quote"])
        for item in QA
        for e in item["evidence"]
        if e["doc"] in texts and flat(e["quote"]) not in texts[e["doc"]]
    ]
    assert not missing
