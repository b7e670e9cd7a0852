"""Follow-up questions made standalone from the conversation, by rule (a 1.5B model rewrites
badly and slowly): "那2023年上半年呢？" after "商汤2022年营业收入是多少？" becomes
"商汤2023年上半年营业收入是多少？"; "And the gross margin?" after "What was SenseTime's revenue
in 2022?" becomes "What was SenseTime's gross margin in 2022?". A follow-up in the other language
rewrites the previous question in its own language ("What about H1 2023?" after a Chinese question
about 2022 asks it about 2023年上半年); the answer still comes in the follow-up's language."""

from __future__ import annotations

import re

from rag.text.normalize import is_chinese
from rag.text.periods import Period, period_spans
from rag.text.terms import TermMatch, default_term_map

# How follow-ups open and close: "那…呢？", "还有…吗", "And …?", "What about …?"
_LEAD = re.compile(r"^\s*(?:那么?|还有|以及|另外|(?:and\s+)?(?:what|how)\s+about|and)\s*", re.I)
_TAIL = re.compile(r"\s*(?:呢|吗|又如何|怎么样|如何)?\s*[？?。.!！]*\s*$")
_ARTICLE = re.compile(r"^(?:the|its|their)\s+", re.I)
_SUBJECT = "sensetime"  # the company: a subject to keep, not a measure to swap
_FILLER = re.compile(r"\b(?:in|for|of|the|its|their|during|period)\b|[\s,，、的和及与在期间年]", re.I)
_MAX_FOLLOW_UP = 40  # characters: a longer question stands on its own


def standalone(question: str, previous: str | None) -> str:
    """`question` as a standalone question, given the previous standalone question. A follow-up
    that names only a period asks the previous question about that period; one that names only a
    measure asks it about that measure; anything else stands on its own."""
    if not previous or len(question) > _MAX_FOLLOW_UP:
        return question
    core = _ARTICLE.sub("", _TAIL.sub("", _LEAD.sub("", question)))
    periods = period_spans(core)
    measures = _measures(core)
    if periods and _covers(core, [(start, end) for start, end, _ in periods]):
        return _swap_periods(previous, [period for _, _, period in periods]) or question
    if measures and not periods and _covers(core, [(m.start, m.end) for m in measures]):
        return _swap_measure(previous, core, measures) or question
    return question


def _measures(text: str) -> list[_Span]:
    """The finance terms a text asks about, apart from the company and the period."""
    periods = period_spans(text)
    spans = [_Span(match, text) for match in default_term_map().find(text) if match.pair.english[0] != _SUBJECT]
    return [span for span in spans if not any(s < span.end and span.start < e for s, e, _ in periods)]


class _Span:
    """Where a term match sits in the text it was found in."""

    def __init__(self, match: TermMatch, text: str) -> None:
        self.match = match
        self.start = text.find(match.surface)
        self.end = self.start + len(match.surface)


def _covers(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the spans are (nearly) all the text holds: "2023年上半年", "the gross margin"."""
    rest = text
    for start, end in sorted(spans, reverse=True):
        rest = rest[:start] + rest[end:]
    return not _FILLER.sub("", rest)


def _swap_periods(previous: str, periods: list[Period]) -> str | None:
    """The previous question about the new period(s), or None when it names no period."""
    spans = period_spans(previous)
    if not spans:
        return None
    language = "zh" if is_chinese(previous) else "en"
    new = ("和" if language == "zh" else " and ").join(period.label(language) for period in periods)
    end = spans[-1][1]
    end += len(re.match(r"\s?(?:年度|年)?", previous[end:]).group())  # "2022年" is read as the year "2022"
    return previous[: spans[0][0]] + new + previous[end:]


def _swap_measure(previous: str, core: str, measures: list[_Span]) -> str | None:
    """The previous question about the new measure: its one measure replaced by the follow-up's
    (translated by the term map when the follow-up is in the other language)."""
    old = _measures(previous)
    if len(old) != 1:
        return None
    new = core.strip()
    if is_chinese(core) != is_chinese(previous):
        if len(measures) != 1:
            return None
        pair = measures[0].match.pair
        new = pair.chinese[0] if is_chinese(previous) else pair.english[0]
    span = old[0]
    return previous[: span.start] + new + previous[span.end :]
