"""Table rows found by their label: the ranking that finds `营业收入 | 1,175,301,034.32 | …` among a
report's hundred tables when the question asks for 营业收入 (or revenue, or 营收).

A question's measures are the terms it asks about (each with all its forms in the bilingual term
map) and the rest of its Chinese phrases (电子信箱, 法定代表人). A passage scores, per measure, 1 for a row whose
label is the measure (`其中：营业收入` and `营业收入（元）` are), half for one whose label contains it;
rows of the parent company's own statements count less unless the question asks for them."""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass

import numpy as np

from rag.chunk.chunker import Chunk
from rag.text.analyzer import Analyzer
from rag.text.normalize import normalize
from rag.text.periods import Period, period_spans
from rag.text.question import asks_for_parent
from rag.text.terms import TermMap, default_ratios, default_term_map

_EXACT, _CONTAINED = 1.0, 0.5
PARENT_FACTOR = 0.8  # a parent-company statement's row, when the group's is what is asked
# A row of a table whose columns name the asked year (or say 本期 in a report on that year) counts
# fully; one whose columns say nothing of years a little less; one whose columns are other years less.
_UNDATED_FACTOR = 0.85
_OTHER_YEARS_FACTOR = 0.6
_YEAR_WORD = re.compile(r"\s?(?:年度|年)?")  # "2019年" is the period "2019" and its 年
_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")
_CURRENT = re.compile(r"本期|本年|本报告期|期末|报告期|current|this year", re.IGNORECASE)
# List marks and the words a statement or a profile puts before a label: `一、`, `其中：`, `加：`, and
# `公司的` (公司的法定代表人 is the 法定代表人).
_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[.、．)）](?!\d)|其中[:：]|加[:：]|减[:：]|[:：*]"
    r"|公司的)\s*"
)
_TRAIL = re.compile(r"\s*[（(][^()（）]{0,16}[)）]\s*$|[:：]\s*$")

Measure = tuple[str, ...]  # one measure's forms, as row labels write them


def row_label(label: str) -> str:
    """A label as compared: `一、营业总收入` -> 营业总收入, `营业收入（元）` -> 营业收入."""
    label = normalize(label).lower().replace(" ", "")
    for _ in range(2):  # "其中：(1)…"
        label = _LEAD.sub("", label)
    for _ in range(2):  # "…（元）（%）"
        label = _TRAIL.sub("", label)
    return label


@dataclass(frozen=True)
class _Place:
    chunk: int  # the chunk's number
    parent: bool  # from a parent-company statement
    years: frozenset[int]  # the years its table's columns name
    current: bool  # its columns say 本期 / 期末 …


class RowIndex:
    def __init__(self, chunks: list[Chunk]) -> None:
        self._rows: dict[str, list[_Place]] = defaultdict(list)  # label -> where rows with it are
        self._years = [Period.parse(chunk.period).year if chunk.period else None for chunk in chunks]
        for number, chunk in enumerate(chunks):
            for table in chunk.tables:
                columns = " ".join(table.header)
                place = _Place(
                    number,
                    table.of_parent_company,
                    frozenset(int(year) for year in _YEAR.findall(columns)),
                    bool(_CURRENT.search(columns)),
                )
                for row in table.rows:
                    label = row_label(row.label)
                    if label and any(value.strip() for value in row.values):
                        self._rows[label].append(place)
        self._count = len(chunks)

    def measures(self, text: str, analyzer: Analyzer) -> tuple[Measure, ...]:
        """What the question asks the value of: its terms (every form) and its other phrases."""
        terms = default_term_map()
        spans = [(start, end + len(_YEAR_WORD.match(text, end)[0])) for start, end, _ in period_spans(text)]
        named_periods = [text[start:end] for start, end in spans]
        asked: list[tuple[str, ...]] = []  # each measure's forms as written
        rest = text
        for start, end in reversed(spans):
            rest = rest[:start] + " " + rest[end:]
        # A ratio is found through the line items it is computed from (毛利率: 营业收入, 营业成本).
        for name, ratio in sorted(default_ratios().items(), key=lambda item: -len(item[0])):
            if name in rest.lower():
                rest = re.sub(re.escape(name), " ", rest, flags=re.IGNORECASE)
                asked += [ratio.names, *(_forms(operand, terms) for operand in ratio.operands)]
        for match in terms.find(rest):
            if not any(match.surface in period for period in named_periods):
                asked.append((*match.pair.chinese, *match.pair.english))
            rest = rest.replace(match.surface, " ")
        asked += [(phrase,) for phrase in dict.fromkeys(analyzer.phrases(rest)) if len(phrase) >= 2]
        measures = (tuple(dict.fromkeys(label for label in map(row_label, forms) if label)) for forms in asked)
        return tuple(dict.fromkeys(measure for measure in measures if measure))

    def scores(self, measures: tuple[Measure, ...], question: str, periods: tuple[Period, ...]) -> np.ndarray:
        """Per chunk: how well its rows' labels match the question's measures, for its periods."""
        scores = np.zeros(self._count, dtype=np.float32)
        if not measures or not self._rows:
            return scores
        parent_asked = asks_for_parent(question)
        years = {period.year for period in periods}
        for measure in measures:
            best = np.zeros(self._count, dtype=np.float32)
            for label, places in self._rows.items():
                weight = _EXACT if label in measure else _CONTAINED if _contains(label, measure) else 0.0
                if not weight:
                    continue
                for place in places:
                    value = weight * (PARENT_FACTOR if place.parent and not parent_asked else 1.0)
                    value *= self._dated(place, years)
                    best[place.chunk] = max(best[place.chunk], value)
            scores += best
        return scores

    def _dated(self, place: _Place, years: set[int]) -> float:
        if not years or place.years & years or (place.current and self._years[place.chunk] in years):
            return 1.0
        return _OTHER_YEARS_FACTOR if place.years else _UNDATED_FACTOR


def _forms(term: str, terms: TermMap) -> tuple[str, ...]:
    """A line item's forms in the term map (itself alone when the map does not know it)."""
    match = next((m for m in terms.find(term) if m.surface == term), None)
    return (*match.pair.chinese, *match.pair.english) if match else (term,)


def _contains(label: str, measure: Measure) -> bool:
    return any(len(form) >= 2 and form in label for form in measure)
