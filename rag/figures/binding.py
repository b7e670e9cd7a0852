"""The binding check: a figure in an answer is the one asked for only when the figures table binds
it, where the cited passage states it, to the business line and period the sentence (or else the
question) is about. 108% is stated in the passage, but for Smart Life and Smart Auto together, so
it is not Smart Life's growth; 30,000 GPUs is the count of the write-up's date, not of end-March.
A figure the table did not read (a ratio inside a sentence it could not parse) is not judged: the
passage check stands for it."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from rag.figures.extract import count_unit
from rag.figures.lookup import same_period
from rag.figures.model import GROUP, PARENT, Figure
from rag.figures.plan import Plan, asked_periods, scopes_named
from rag.text.numbers import Quantity, same_amount
from rag.text.periods import Period

_CJK = re.compile(r"[\u4e00-\u9fff]")
_DATE = re.compile(r"(\d{4})-(\d{2})(?:-\d{2})?")
# A sentence that moves from one time to another, or says "now": its figures are of several times.
_SPANS_TIMES = re.compile(r"[从由].{1,40}[到至]|\bfrom\b.{1,60}\bto\b|目前|现在|\bnow\b|currently", re.I)
_REPORTING_LAG = 6  # months after a period's end its report may date a figure (截至2023年3月28日 in the FY2022 deck)
_NEAR = 80  # two figures this close in one document are alternatives of one statement (由 A 提升至 B)


@dataclass(frozen=True)
class Verdict:
    misbound: bool
    instead: tuple[int, Figure] | None = None  # (passage, figure): the one figure bound as asked


class BindingCheck:
    """The check for one question. `stated_in(n)`: the figures table's rows inside passage n;
    `scopes`: the business lines the table knows."""

    def __init__(
        self,
        plan: Plan,
        stated_in: Callable[[int], Sequence[Figure]],
        scopes: set[str],
        sentence_of: Callable[[int, Figure], str] = lambda n, figure: figure.label,
        question: str = "",
    ) -> None:
        """`sentence_of(n, figure)`: the sentence of passage n that states the figure; `question`:
        its words, with their terms in the other language."""
        self.plan, self.stated_in, self.scopes, self.sentence_of = plan, stated_in, scopes, sentence_of
        self.question = question

    def verdict(self, claim: Quantity, support: list[int], pool: list[int], sentence: str) -> Verdict:
        """Whether the claimed figure, as the passages `support` state it, is bound to another
        business line or period than the sentence's (else the question's); and if so, the one
        figure of the passages `pool` that states the same measure, as asked, with the same sign."""
        stated = [(n, f) for n in support for f in self.stated_in(n) if same_amount(claim, _quantity(f))]
        rows = [figure for _, figure in stated]
        if not rows:
            return Verdict(False)
        unit = count_unit(sentence[claim.end :])
        counted = {row.unit for row in rows if row.kind == "count" and row.unit}
        if unit and counted and unit not in counted:
            return Verdict(True)  # "800万个城市" where the filings say 800万台 (vehicles)
        if self.counts_a_narrower_group(rows):
            return Verdict(True)  # 3,400 R&D staff, for how many employees
        scopes = scopes_named(sentence, self.scopes) or self.plan.scopes
        periods = asked_periods(sentence) or self.plan.periods
        if len(periods) > 1 or _SPANS_TIMES.search(sentence):
            periods = []  # "from 27,000 at end-March to 30,000 now": each figure has its own time
        about_a_thing = not scopes and self.plan.subjects  # else no sentence need be read
        if about_a_thing and self._of_a_line_only([(figure, self.sentence_of(n, figure)) for n, figure in stated]):
            return Verdict(True)  # Smart City's 12.8% share, for generative AI's
        if any(_fits(row, scopes, periods) for row in rows):
            return Verdict(False)
        instead = [
            (n, figure)
            for n in pool
            for figure in self.stated_in(n)
            if _fits(figure, scopes, periods)
            and any(_alternative(figure, row) for row in rows)
            and (figure.value < 0) == (claim.value < 0)
        ]
        found = {figure.value for _, figure in instead}  # one value, stated once or more
        if len(found) == 1:
            return Verdict(True, instead[0])
        return Verdict(not (_unplaced(rows, periods) and not found))

    def counts_a_narrower_group(self, rows: Sequence[Figure]) -> bool:
        """Whether the rows are all counts of a narrower group than the question counts (how many
        employees: 3,400 研发人员): the asked thing narrowed by a word the question does not have."""
        asked = {operand.measure for operand in self.plan.operands}
        asked |= {form for subject in self.plan.subjects for form in subject if _CJK.search(form)}
        if self.plan.asks_kind != "count" or not asked or not rows:
            return False
        return all(row.kind == "count" and self._another(row.measure, asked) for row in rows)

    def _another(self, measure: str, asked: set[str]) -> bool:
        narrowed = next((form for form in asked if measure.endswith(form) and measure != form), None)
        return narrowed is not None and measure[: -len(narrowed)] not in self.question

    def _of_a_line_only(self, stated: list[tuple[Figure, str]]) -> bool:
        """Whether the question asks about a thing (生成式AI) and no business line, and every
        passage sentence stating the figure (`stated`: row, its sentence) is a business line's that
        names none of its subjects."""
        return (
            bool(self.plan.subjects)
            and bool(stated)
            and all(row.scope not in (GROUP, PARENT) and not self._names_a_subject(text) for row, text in stated)
        )

    def _names_a_subject(self, sentence: str) -> bool:
        sentence = sentence.lower()
        return any(form.lower() in sentence for subject in self.plan.subjects for form in subject)

    def misplaced(self, rows: Sequence[Figure], sentence: str = "") -> bool:
        """Whether a passage sentence's figures (`rows`) are all bound to another business line or
        period than the question asks about, or are all business lines' where the question asks
        about a thing that is none and the sentence does not name it: a sentence to quote last, if
        at all."""
        if not self.plan.scopes and self._of_a_line_only([(row, sentence) for row in rows]):
            return True
        if self.counts_a_narrower_group(rows):
            return True
        periods = self.plan.periods if len(self.plan.periods) == 1 else []
        if not rows or not (self.plan.scopes or periods):
            return False
        if any(_fits(row, self.plan.scopes, periods) for row in rows):
            return False
        return not _unplaced(rows, periods)


def _unplaced(rows: Sequence[Figure], periods: list[str]) -> bool:
    """A figure the table ties to no business line anywhere (GROUP by default: a slide whose line
    is named only in a picture), of the asked period: not taken as another line's."""
    return all(row.scope == GROUP for row in rows) and any(_fits(row, [], periods) for row in rows)


def _alternative(figure: Figure, row: Figure) -> bool:
    """The same kind of figure for the same measure (or written beside it), in another scope or
    period. A row with no line is another line's figure only under the same label: 4个海外城市 is
    not Smart City's 162 cities."""
    same_kind = (figure.kind, figure.unit, figure.relation) == (row.kind, row.unit, row.relation)
    beside = figure.doc_id == row.doc_id and abs(figure.start - row.start) <= _NEAR
    if row.scope == GROUP and not beside and not _same_label(figure.label, row.label):
        return False
    return same_kind and figure.value != row.value and (figure.measure == row.measure or beside)


def _same_label(one: str, other: str) -> bool:
    words = [re.sub(r"[\W\d_]+", "", label) for label in (one, other)]
    return all(words) and (words[0] in words[1] or words[1] in words[0])


def _fits(figure: Figure, scopes: list[str], periods: list[str]) -> bool:
    if scopes and figure.scope not in scopes:
        return False
    return not periods or not figure.period or any(_same_time(figure.period, asked) for asked in periods)


def _same_time(written: str, asked: str) -> bool:
    """Whether a figure's period or as-of date is the asked one: an as-of month asked (2023-03)
    takes a figure of that month, or of a period ending in it or shortly before (FY2022)."""
    date = _DATE.fullmatch(asked)
    if date is None:
        return same_period(written, Period.parse(asked))
    month = 12 * int(date[1]) + int(date[2])
    stated = _DATE.fullmatch(written)
    if stated is not None:
        return 12 * int(stated[1]) + int(stated[2]) == month
    # a report on a period states stocks as of its end or of a later date before it is published
    end = Period.parse(written).months()[1]
    return end <= month <= end + _REPORTING_LAG


def _quantity(figure: Figure) -> Quantity:
    percent = figure.kind in ("percent", "pp")
    return Quantity(figure.value, percent, figure.start, figure.end, figure.text)
