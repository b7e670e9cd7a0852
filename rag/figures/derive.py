"""One-step results of two stated figures, so that a model's arithmetic is checked in code.

The small model sometimes computes (InternLM-123B has 190亿 more parameters: 1230亿 − 1040亿) and
sometimes guesses (13.3% for 27,000 -> 30,000 GPUs). A figure no passage states is accepted only
when code gets the same value, to the precision it is written with, from two figures of the same
kind and unit that stand together: in one sentence, or each right after the same word of the
question (参数量1040亿 / 参数量提升至1230亿). The formula is then shown with the result."""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal

from rag.figures.extract import count_unit, stands_as_figure, technical_unit
from rag.text.numbers import Quantity, count_or_year, same_amount
from rag.text.periods import numbers_outside_times

_HUNDRED = Decimal(100)
_LABEL_CHARS = 12  # how far before a figure its label may start
_CURRENCY = re.compile(r"^\s*(?:美元|元|人民币)|(?:RMB|US\$|\$)\s*$", re.I)


@dataclass(frozen=True)
class Operand:
    quantity: Quantity
    n: int  # the passage that states it
    sentence: int  # which of the passages' relevant sentences
    unit: str  # 块 / ExaFLOPS / 元 / "" (what it counts or measures)
    label: frozenset[str]  # the words just before it


@dataclass(frozen=True)
class Derivation:
    value: Decimal
    percent: bool
    formula: str  # as the operands are written: "1230亿 − 1040亿"
    cited: tuple[int, ...]
    points: bool = False  # a difference of two percents: in percentage points, not percent


def operands(sentences: Iterable[tuple[int, str]], words: Callable[[str], list[str]]) -> list[Operand]:
    """The figures of relevant sentences (passage number, text), with what each counts and the
    words before it (`words`: the analyzer's tokens). Years and dates, small plain counts and parts
    of names are not figures."""
    found = []
    for index, (n, text) in enumerate(sentences):
        for quantity in numbers_outside_times(text):
            if not stands_as_figure(text, quantity.start, quantity.end):
                continue
            after, before = text[quantity.end : quantity.end + 12], text[max(0, quantity.start - 6) : quantity.start]
            unit = technical_unit(after) or count_unit(after) or ("元" if _CURRENCY.search(after + before) else "")
            if count_or_year(quantity) and not technical_unit(after):
                continue
            label = frozenset(words(text[max(0, quantity.start - _LABEL_CHARS) : quantity.start]))
            found.append(Operand(quantity, n, index, unit.lower(), label))
    return found


def derivations(found: list[Operand], asked: set[str]) -> Iterator[Derivation]:
    """Differences, sums, growth rates and shares of every two figures that may be combined: same
    kind (amount or percent) and unit, in one sentence or labelled by the same asked word."""
    for a, b in itertools.permutations(found, 2):
        if a.quantity.percent != b.quantity.percent or a.unit != b.unit or a.quantity.value == b.quantity.value:
            continue
        if a.sentence != b.sentence and not (a.label & b.label & asked):
            continue
        x, y = a.quantity.value, b.quantity.value
        cited = tuple(sorted({a.n, b.n}))
        wa, wb = a.quantity.text, b.quantity.text
        if x > y:
            yield Derivation(x - y, a.quantity.percent, f"{wa} − {wb}", cited, points=a.quantity.percent)
        yield Derivation(x + y, a.quantity.percent, f"{wa} + {wb}", cited)
        if not a.quantity.percent and y > 0 and x > 0:
            yield Derivation((x / y - 1) * _HUNDRED, True, f"{wa} ÷ {wb} − 1", cited)
            if x < y:
                yield Derivation(x / y * _HUNDRED, True, f"{wa} ÷ {wb}", cited)


def derived(claim: Quantity, candidates: Iterable[Derivation], in_points: bool) -> Derivation | None:
    """The one computation giving the claim's value to its written precision (None when none or
    several disagreeing ones do: a coincidence is no check). `in_points`: the claim is written in
    percentage points (14个百分点), as a difference of percents must be (64% − 34% is not a 30% rise)."""
    matches = [
        d
        for d in candidates
        if d.points == in_points and same_amount(claim, Quantity(d.value, d.percent or in_points, 0, 0, ""))
    ]
    # Several matches of one value are one computation whose figures two passages quote.
    return matches[0] if len({(m.value, m.percent) for m in matches}) == 1 else None
