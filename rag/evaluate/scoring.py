"""How one answer is scored: retrieval by evidence match, key facts with numbers compared after
unit conversion (38亿 = 3.8 billion), exact match, abstention, citation precision, figures no
cited passage supports, and figures that belong to something other than what was asked. Public
sets add their own: SQuAD EM/F1 (XQuAD), every listed item (RGB)."""

from __future__ import annotations

import math
import re
import string
from collections import Counter

from rag.answer.result import Answer
from rag.answer.verify import Verifier
from rag.chunk.sentences import split_sentences
from rag.evaluate.dataset import Item, squash
from rag.retrieve.hybrid import Hit
from rag.text.analyzer import Analyzer
from rag.text.numbers import find_quantities, same_amount

DEPTH = 10  # retrieval is scored to this depth, whatever -k the answer reads
_CITATIONS = re.compile(r"\s*\[\d+\]")
_BARE_FIGURE_REST = re.compile(r"[\s元%％]|人民币|RMB", re.I)
_PUNCTUATION = set(string.punctuation) | set("，。！？；：、“”‘’（）《》【】—…·")


def relevant(item: Item, doc_id: str, text: str) -> bool:
    """A passage is relevant when it is from an evidence document and holds its quote; a quote
    that is one bare figure ("1175301034.32元") is found however the passage writes it
    (1,175,301,034.32)."""
    return any(doc == doc_id and _holds(text, quote) for doc, quote in item.evidence)


def _holds(text: str, quote: str) -> bool:
    if squash(quote) in squash(text):
        return True
    figures = find_quantities(quote)
    bare = len(figures) == 1 and not _BARE_FIGURE_REST.sub("", quote[: figures[0].start] + quote[figures[0].end :])
    return bare and any(same_amount(figures[0], found) for found in find_quantities(text))


def retrieval_scores(item: Item, hits: list[Hit], relevant_total: int) -> dict[str, float]:
    """recall@1/3/5/10 (a relevant passage within the first k), MRR and nDCG@10 (binary gains; the
    ideal ranking puts every relevant passage of the index first)."""
    ranks = [rank for rank, hit in enumerate(hits[:DEPTH], start=1) if relevant(item, hit.chunk.doc_id, hit.chunk.text)]
    scores = {f"recall@{k}": float(any(rank <= k for rank in ranks)) for k in (1, 3, 5, 10)}
    scores["mrr"] = 1 / ranks[0] if ranks else 0.0
    ideal = sum(1 / math.log2(rank + 1) for rank in range(1, min(relevant_total, DEPTH) + 1))
    scores["ndcg@10"] = sum(1 / math.log2(rank + 1) for rank in ranks) / ideal if ideal else 0.0
    return scores


def has_fact(answer: str, fact: str) -> bool:
    """A key fact is in the answer: its figures as amounts (any unit or rounding the answer wrote
    them in), its words as written (case and spacing ignored)."""
    figures = find_quantities(fact)
    if figures:
        stated = find_quantities(answer)
        return all(any(_close(s, f) for s in stated) for f in figures)
    return squash(fact).lower() in squash(answer).lower()


def _close(stated, fact) -> bool:
    # Either side may be the rounder one: "RMB 1.43 billion" for 14.33亿, or "14.33亿" for "1.43 billion".
    return same_amount(stated, fact) or same_amount(fact, stated)


def answer_text(answer: Answer) -> str:
    """The answer without its citation marks."""
    return _CITATIONS.sub("", answer.answer).strip()


def exact_match(answer: str, golds: list[str]) -> bool:
    return _normal(answer) in {_normal(gold) for gold in golds if gold}


def _normal(text: str) -> str:
    text = "".join(ch for ch in text.lower() if ch not in _PUNCTUATION)
    text = re.sub(r"\b(a|an|the)\b", " ", text)
    return " ".join(text.split())


def f1(answer: str, golds: list[str]) -> float:
    """SQuAD token F1; Chinese is compared character by character (XQuAD's convention)."""
    return max((_f1(_tokens(answer), _tokens(gold)) for gold in golds if gold), default=0.0)


def _tokens(text: str) -> list[str]:
    text = _normal(text)
    return [ch for ch in text if not ch.isspace()] if re.search(r"[\u4e00-\u9fff]", text) else text.split()


def _f1(predicted: list[str], gold: list[str]) -> float:
    common = sum((Counter(predicted) & Counter(gold)).values())
    if not common:
        return 0.0
    precision, recall = common / len(predicted), common / len(gold)
    return 2 * precision * recall / (precision + recall)


def rgb_correct(answer: str, items: list) -> bool:
    """RGB's rule: every top-level item appears; a nested list means any one of its strings."""
    text = squash(answer).lower()
    return all(
        any(squash(option).lower() in text for option in (item if isinstance(item, list) else [item])) for item in items
    )


def cited_with_evidence(item: Item, answer: Answer) -> tuple[int, int]:
    """(citations whose passage holds the evidence, citations) — for answered items with evidence."""
    good = sum(relevant(item, c.doc, c.text) for c in answer.citations)
    return good, len(answer.citations)


def unsupported_figures(answer: Answer, analyzer: Analyzer) -> list[str]:
    """Figures in the answer that no passage it cites states (the checker's own rule)."""
    if answer.abstained or not answer.citations:
        return []
    # An answer computed from figures states its result, and its operands as bound from the cited
    # passages: a table cell 16.47 under 增减(%) is stated as 16.47%.
    derived = ()
    if answer.computation:
        operands = [f"{o['value']}%" if o["kind"] == "percent" else o["text"] for o in answer.operands]
        derived = (answer.computation["result"], *operands)
    passages = {c.n: c.text for c in answer.citations}
    verifier = Verifier(passages, answer.language, analyzer, answer.question, derived=derived)
    missing = []
    for start, end in split_sentences(answer.answer):
        missing += verifier.check(answer.answer[start:end]).unsupported
    return missing


def states_a_wrong_figure(item: Item, answer: Answer, analyzer: Analyzer) -> bool | None:
    """Whether the answer gives figures but none of them is a gold one (the gold answer's, a key
    fact's, a gold operand's): the figure it states is bound to another measure, business line or
    period (Smart Life's 3.118亿 for the group's 14.33亿). Giving figures is giving what the checker
    counts as one (not years, small counts, or numbers the question contains). An abstention gives
    none. None where not measured: unanswerable items and items whose gold has no figure."""
    if not item.answerable:
        return None
    golds = (item.answer, *item.acceptable, *item.key_facts, *(operand["figure"] for operand in item.operands))
    gold = [quantity for text in golds for quantity in find_quantities(text)]
    if not gold:
        return None
    if answer.abstained:
        return False
    text = answer_text(answer)
    stated = Verifier({}, answer.language, analyzer, answer.question).claims(text)
    # A gold count too small to be a claim ("4个海外城市") still counts as stated.
    return bool(stated) and not any(_close(s, g) for s in find_quantities(text) for g in gold)
