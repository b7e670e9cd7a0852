"""The sentences of the retrieved passages, scored by how well they match the question: what the
extractive answer quotes, and what the LLM is shown (to keep its context short)."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.chunk.sentences import split_sentences
from rag.figures.extract import count_unit, in_formula, stands_as_figure, technical_unit
from rag.ingest.tables import Table
from rag.retrieve.hybrid import Hit, Query
from rag.retrieve.rows import PARENT_FACTOR
from rag.retrieve.subjects import without_names
from rag.text.analyzer import Analyzer
from rag.text.numbers import count_or_year
from rag.text.periods import as_of_spans, numbers_outside_times, period_spans
from rag.text.question import asks_for_parent
from rag.text.slides import join_figure_label
from rag.text.terms import default_term_map

_SHORT = 20  # slide fragments shorter than this are read together with their neighbours
_FIGURE_BONUS = 0.2
_OFF_PERIOD = 0.5
MISPLACED = 0.5  # a sentence whose figures the figures table binds to another line or period
_OTHER_FORM = 0.8  # a term's other forms (商汤科技 for 商汤), an English word's Chinese words


@dataclass
class Unit:
    n: int  # the passage's number (its rank in the hits, from 1)
    start: int  # offsets in the passage's text
    end: int
    text: str  # whitespace collapsed
    score: float = 0.0  # how well it answers the question, read in its document (ranks units)
    stated: float = 0.0  # the same from its own words only (is the sentence itself an answer?)
    covers: frozenset[int] = frozenset()  # which of the question's concepts its own words cover
    parent: bool = False  # a row of a parent company's own statement


def score_units(
    hits: list[Hit], query: Query, analyzer: Analyzer, idf: Callable[[tuple[str, ...]], dict]
) -> list[Unit]:
    """Every sentence of every hit, scored by the share of the question it covers, plus a bonus
    for stating a figure, halved for a passage about another period; 0 when it covers nothing.
    (Adding sentence-embedding similarity made extractive answers worse on the eval set, 31 vs 34
    of 42, and 25x slower.)"""
    units = [
        unit
        for n, hit in enumerate(hits, start=1)
        for unit in passage_units(n, hit.chunk.text, hit.chunk.tables, hit.chunk.start)
    ]
    concepts = question_concepts(query, analyzer, idf)
    total = sum(weight for _, weight, _ in concepts)
    required = sum(weight for _, weight, needed in concepts if needed)
    # A sentence need not restate what its document's title says (示例科技 in "示例科技 2024 年度
    # 业绩公告"): the title's words count as covered in every sentence that covers something itself.
    titles = {n: set(analyzer.tokens(hit.chunk.title)) for n, hit in enumerate(hits, start=1)}
    parent_asked = asks_for_parent(query.text)

    def coverage(tokens: set[str]) -> tuple[float, float]:
        """The share of the question the words cover, as a ranking (every concept counts) and as
        an answer (a concept that is not required counts only where it is found: an everyday
        word's dictionary words may miss the filing's own word)."""
        covered = found_optional = 0.0
        for forms, weight, needed in concepts:
            found = weight * max((factor for form, factor in forms if form <= tokens), default=0.0)
            covered += found
            found_optional += weight if found and not needed else 0.0
        return (covered / total, covered / (required + found_optional)) if covered else (0.0, 0.0)

    for unit in units:
        tokens = set(analyzer.tokens(unit.text))
        _, stated = coverage(tokens)
        unit.covers = frozenset(i for i, (forms, *_) in enumerate(concepts) if any(f <= tokens for f, _ in forms))
        if stated:
            figure = _FIGURE_BONUS if states_a_figure(unit.text) else 0.0
            # Another period's passage counts half; the parent company's statement less than the group's.
            factor = _OFF_PERIOD if hits[unit.n - 1].off_period else 1.0
            factor *= PARENT_FACTOR if unit.parent and not parent_asked else 1.0
            unit.score = (coverage(tokens | titles[unit.n])[0] + figure) * factor
            unit.stated = (stated + figure) * factor
    return units


# ([(form's words, factor)], weight, required): a sentence answers by covering the required ones
Concept = tuple[list[tuple[frozenset[str], float]], float, bool]


def question_concepts(query: Query, analyzer: Analyzer, idf: Callable[[tuple[str, ...]], dict]) -> list[Concept]:
    """What a sentence must contain to answer the question: each finance term once, in any of its
    forms (SenseTime = 商汤 = 商汤科技; its main form, 营业收入 for revenue, counts fully, the
    others 80%), and each remaining word, weighted by rarity (idf); an English word the filings do
    not write is found as its everyday Chinese words, where they are (not required). The asked
    period and company are left out: they are judged by the passage's document (its period; the
    search is scoped to the company's documents), so "收入实现14.33亿元" answers "2023年上半年收入"
    in a 2023 H1 write-up."""
    period_words = set(analyzer.tokens(" ".join(p.label("zh") for p in query.periods)))
    text = without_names(query.text, {name for company in query.companies for name in company.names})
    rest = text
    concepts: list[Concept] = []
    named_periods = [text[start:end] for start, end, _ in period_spans(text)]
    for match in default_term_map().find(text):
        rest = rest.replace(match.surface, " ")
        if any(match.surface in named for named in named_periods):
            continue  # "上半年" in "2023年上半年" is the period, judged by the document
        main = {match.pair.chinese[0], match.pair.english[0]}
        forms = [
            (frozenset(_words(analyzer, form)), 1.0 if form in main else _OTHER_FORM)
            for form in (*match.pair.chinese, *match.pair.english)
        ]
        weights = idf(tuple(word for form, _ in forms for word in form))
        known = [(form, factor) for form, factor in forms if form and all(word in weights for word in form)]
        if known:  # a term is as telling as its commonest form: 商汤 counts, 商汤科技 does not add
            concepts.append((known, min(sum(weights[w] for w in form) / len(form) for form, _ in known), True))
    everyday = dict(query.everyday)
    for start, end, _ in as_of_spans(text):
        rest = rest.replace(text[start:end], " ")  # "by the end of 2022" is judged as the period is
    for word in dict.fromkeys(w for w in _words(analyzer, rest) if w not in period_words):
        # An English word the term map does not know is also found as the everyday Chinese words
        # for it ("offline area" in 线下场景覆盖总面积)
        forms = [(frozenset([word]), 1.0)] + [(frozenset([c]), _OTHER_FORM) for c in everyday.get(word, ())]
        weights = idf(tuple(token for form, _ in forms for token in form))
        known = [(form, factor) for form, factor in forms if form and all(token in weights for token in form)]
        if known:  # required when the filings write the English word itself
            weight = min(sum(weights[t] for t in form) / len(form) for form, _ in known)
            concepts.append((known, weight, word in weights))
    return concepts


def _words(analyzer: Analyzer, text: str) -> list[str]:
    return [token for token in analyzer.tokens(text) if not token.startswith("_")]


def best_units(units: list[Unit], limit: int, each: bool = False) -> list[Unit]:
    """The best units that do not overlap, at most `limit`, each at least half the best score. When
    the question asks for each of several things (`each`), after the first, one that states a
    figure for a part of the question the chosen ones do not cover comes first (营业外支出 and
    营业外收入 each get their row)."""
    ranked = sorted((u for u in units if u.score > 0), key=lambda u: (-u.score, u.n))
    candidates = [u for u in ranked if u.score >= ranked[0].score / 2] if ranked else []
    chosen: list[Unit] = []
    covered: frozenset[int] = frozenset()
    while candidates and len(chosen) < limit:
        fills_a_gap = (u for u in candidates if each and u.covers - covered and states_a_figure(u.text))
        unit = next(fills_a_gap, candidates[0])
        candidates.remove(unit)
        overlaps = any(c.n == unit.n and c.start < unit.end and unit.start < c.end for c in chosen)
        if not overlaps and all(unit.text != c.text for c in chosen):
            chosen.append(unit)
            covered |= unit.covers
    return chosen


def states_a_figure(text: str, kind: str = "") -> bool:
    """A percentage or an amount, not just a year, a period (23年6月, 23H1) or a list number.
    `kind`: "count" (a number of things: 162个, 4个) or "amount" (a line item's value), for a question
    asking for one: a percentage is neither."""
    for quantity in numbers_outside_times(text):
        if not stands_as_figure(text, quantity.start, quantity.end) or in_formula(text, quantity.start):
            continue  # a name or version (GPT-3.5, X80), a list number, a definition's constant (乘以365天)
        if quantity.percent:
            if kind:
                continue
            return True
        if abs(quantity.value) < 10:  # 3 segments, 秒画4.0; but 6 ExaFLOPS and 5.0+ exaFlops are figures
            if technical_unit(text[quantity.end :]) or (kind == "count" and count_unit(text[quantity.end :])):
                return True
            continue
        if count_or_year(quantity):  # 2022
            continue
        if kind == "count" and re.search(r"\.\d{2}$", quantity.text):
            continue  # 30,152,123.50: written to the cent, money, not a number of things
        if not re.fullmatch(r"(?:19|20)\d{2}\.\d{1,2}", quantity.text):  # 2023.03 dates a deck
            return True
    return False


def passage_units(n: int, text: str, tables: Sequence[Table] = (), offset: int = 0) -> list[Unit]:
    """Sentences; a table row is read with its column headers and unit ("营业收入（单位：元）：2019年度
    1,175,301,034.32；2018年度 …"); a slide figure and its label ("25 亿元 (67%)" / "毛利 (毛利率)")
    become one phrase, and another short slide fragment is joined with its short neighbours so it
    carries its meaning. `tables`: the passage's tables, their offsets `offset` before the text's."""
    spans = split_sentences(text)
    # Row start -> (row end, the row as read); a row whose wrapped label runs on covers several lines.
    rows = {
        row.start - offset: (row.end - offset, table.render(row), table.of_parent_company)
        for table in tables
        for row in table.rows
    }
    in_rows = {i for i, (start, end) in enumerate(spans) if any(a <= start and end <= b for a, (b, *_) in rows.items())}
    pairs = {}  # figure span -> the phrase it makes with the label span after it
    for i in range(len(spans) - 1):
        if i - 1 not in pairs and i not in in_rows and i + 1 not in in_rows:
            phrase = join_figure_label(text[slice(*spans[i])], text[slice(*spans[i + 1])])
            if phrase:
                pairs[i] = " ".join(phrase.split())
    in_pair = set(pairs) | {i + 1 for i in pairs} | in_rows

    def short(i: int) -> bool:
        return 0 <= i < len(spans) and i not in in_pair and spans[i][1] - spans[i][0] < _SHORT

    units = []
    for i, (start, end) in enumerate(spans):
        if start in rows:
            end, text_of_row, parent = rows[start]
            units.append(Unit(n, start, end, text_of_row, parent=parent))
        elif i in pairs:
            units.append(Unit(n, start, spans[i + 1][1], pairs[i]))
        elif i not in in_pair:
            if short(i):
                start = spans[i - 1][0] if short(i - 1) else start
                end = spans[i + 1][1] if short(i + 1) else end
            # Line breaks stay: in slide text they separate a figure from its label, and a small
            # model mixes them up when they run together.
            lines = (" ".join(line.split()) for line in text[start:end].splitlines())
            units.append(Unit(n, start, end, "\n".join(line for line in lines if line)))
    return units
