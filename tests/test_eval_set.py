"""The evaluation set eval/qa.jsonl is well formed, big and varied enough (each kind half Chinese, half
English), every evidence quote occurs in the bundled corpus as the project indexes it (cleaned text,
whitespace ignored), and every gold operand (the figures an answer is made from) is quoted from its
filing byte for byte and agrees with its value. Fast: no models."""

from __future__ import annotations

import json
import re
from collections import Counter
from decimal import Decimal
from functools import cache

import pytest

from rag.config import BUNDLED_CORPUS, PROJECT_ROOT, Settings
from rag.evaluate.dataset import load_set
from rag.evaluate.dataset import squash as flat
from rag.ingest.clean import clean_text
from rag.ingest.files import find_sources
from rag.ingest.readers import decode, read_document
from rag.text.numbers import find_quantities

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
MIN_ITEMS = 300
MIN_PER_LANGUAGE = 150
MIN_PER_KIND = {
    "fact": 80,
    "figure": 40,
    "comparison": 40,
    "calculation": 40,
    "list": 30,
    "unanswerable": 36,
    "multi_turn": 26,
}
MAX_QUOTE_CHARS = 60

# Gold operands: what each is, and which items must have them. A calculation, comparison or list always
# does; a fact, figure or conversation when its answer is a figure (a key fact holds a number).
OPERAND_FIELDS = {"doc", "quote", "figure", "value", "kind", "measure", "scope", "period"}
OPERAND_KINDS = {"amount", "percent", "pp", "count", "other"}
ALWAYS_OPERANDS = {"calculation", "comparison", "list"}
OPERANDS_IF_A_FIGURE = {"fact", "figure", "multi_turn"}
_PERIOD = re.compile(r"FY\d{4}|\d{4}H[12]|\d{4}Q[1-4]|\d{4}-\d{2}(?:-\d{2})?")
_DECIMAL = re.compile(r"-?\d+(?:\.\d+)?")
# "500多万台" is five million and more: read without the 多 (find_quantities would stop at 500).
_MORE_THAN = re.compile(r"(?<=\d)[多余](?=[万亿千百])")

_CJK = re.compile(r"[\u3400-\u9fff]")


@cache
def corpus_texts() -> dict[str, str]:
    """doc id -> cleaned text with all whitespace removed, read as `rag index` reads the bundled corpus."""
    sources, _ = find_sources([BUNDLED_CORPUS], Settings().exclude)
    return {source.doc_id: flat(read_document(source.path, source.doc_id).text) for source in sources}


@cache
def raw_texts() -> dict[str, str]:
    """doc id -> the corpus file's text exactly as stored (operand quotes are copied from it)."""
    sources, _ = find_sources([BUNDLED_CORPUS], Settings().exclude)
    return {source.doc_id: decode(source.path.read_bytes())[0] for source in sources}


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


def test_each_kind_is_half_chinese_half_english() -> None:
    counts = Counter((item["kind"], item["language"]) for item in QA)
    for kind in KINDS:
        zh, en = counts[kind, "zh"], counts[kind, "en"]
        assert abs(zh - (zh + en) / 2) <= 1, f"{kind}: {zh} zh, {en} en"


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


def needs_operands(item: dict) -> bool:
    if item["kind"] in ALWAYS_OPERANDS:
        return True
    return item["kind"] in OPERANDS_IF_A_FIGURE and any(find_quantities(fact) for fact in item["key_facts"])


WITH_OPERANDS = [item for item in QA if item.get("operands")]


def test_items_that_need_operands_have_them() -> None:
    missing = [item["id"] for item in QA if needs_operands(item) and not item.get("operands")]
    assert not missing


def test_unanswerable_items_have_no_operands() -> None:
    assert not [item["id"] for item in QA if item["kind"] == "unanswerable" and "operands" in item]


@pytest.mark.parametrize("item", WITH_OPERANDS, ids=ids(WITH_OPERANDS))
def test_operand_fields(item: dict) -> None:
    assert isinstance(item["operands"], list)
    for operand in item["operands"]:
        assert set(operand) == OPERAND_FIELDS, operand
        assert all(isinstance(operand[name], str) and operand[name].strip() for name in OPERAND_FIELDS), operand
        assert operand["kind"] in OPERAND_KINDS, operand
        assert _PERIOD.fullmatch(operand["period"]), operand
        assert operand["doc"] in corpus_texts(), operand
        assert 0 < len(flat(operand["quote"])) <= MAX_QUOTE_CHARS, operand


def test_every_operand_quote_occurs_in_its_document() -> None:
    """Byte for byte in the file, and (cleaned, whitespace ignored) in the text the index holds."""
    raw, indexed = raw_texts(), corpus_texts()
    not_in_file = [
        (item["id"], o["quote"]) for item in WITH_OPERANDS for o in item["operands"] if o["quote"] not in raw[o["doc"]]
    ]
    not_indexed = [
        (item["id"], o["quote"])
        for item in WITH_OPERANDS
        for o in item["operands"]
        if flat(clean_text(o["quote"])) not in indexed[o["doc"]]
    ]
    assert not not_in_file
    assert not not_indexed


def operand_problem(operand: dict) -> str | None:
    """Why an operand's figure, quote and value disagree, or None. A figure is one number as its quote
    writes it (8.536亿元, -25%, 27,000块), its value that number in base units (853600000, -25, 27000);
    a named item of a list (智慧商业, vivo X80) has kind "other" and itself as its value."""
    figure, value, kind = operand["figure"], operand["value"], operand["kind"]
    if figure not in operand["quote"]:
        return "the figure is not in the quote"
    if not _DECIMAL.fullmatch(value):
        return None if kind == "other" and value == figure else "the value is not a plain decimal"
    found = find_quantities(_MORE_THAN.sub("", figure))
    if len(found) != 1:
        return f"the figure holds {len(found)} numbers, not one"
    if Decimal(value) != found[0].value:
        return f"the figure says {found[0].value}"
    if found[0].percent != (kind in {"percent", "pp"}):
        return "a percent figure is kind percent or pp, and only it"
    return None


def test_every_operand_figure_is_in_its_quote_and_agrees_with_its_value() -> None:
    wrong = [
        (item["id"], operand["figure"], operand["value"], problem)
        for item in WITH_OPERANDS
        for operand in item["operands"]
        if (problem := operand_problem(operand))
    ]
    assert not wrong


def test_calculations_and_comparisons_are_made_of_figures() -> None:
    named = [
        (item["id"], operand["figure"])
        for item in WITH_OPERANDS
        if item["kind"] in {"calculation", "comparison"}
        for operand in item["operands"]
        if not _DECIMAL.fullmatch(operand["value"])
    ]
    assert not named


@pytest.mark.parametrize(
    ("operand", "problem"),
    [
        ({"quote": "实现收入8.536亿元", "figure": "8.536亿元", "value": "853600000", "kind": "amount"}, None),
        ({"quote": "新增定点数量达500多万台", "figure": "500多万台", "value": "5000000", "kind": "count"}, None),
        ({"quote": "收入同比: -25%", "figure": "-25%", "value": "-25", "kind": "percent"}, None),
        ({"quote": "智慧商业", "figure": "智慧商业", "value": "智慧商业", "kind": "other"}, None),
        ({"quote": "实现收入8.536亿元", "figure": "8.536亿元", "value": "8.536", "kind": "amount"}, "the figure says"),
        (
            {"quote": "实现收入8.536亿元", "figure": "3.118亿元", "value": "311800000", "kind": "amount"},
            "not in the quote",
        ),
        ({"quote": "同比增长130%", "figure": "130%", "value": "130", "kind": "count"}, "percent"),
        ({"quote": "巡检效率提升 5-6倍", "figure": "5-6倍", "value": "5", "kind": "other"}, "2 numbers"),
        ({"quote": "38 亿元", "figure": "38 亿元", "value": "38亿", "kind": "amount"}, "plain decimal"),
    ],
)
def test_operand_check_catches_bad_data(operand: dict, problem: str | None) -> None:
    found = operand_problem(operand)
    assert found is None if problem is None else problem in (found or "")


def test_the_loader_keeps_operands() -> None:
    loaded = {item.id: item for item in load_set(QA_PATH).items}
    assert all(loaded[row["id"]].operands == row.get("operands", []) for row in QA)
