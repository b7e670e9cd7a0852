"""Follow-up questions made standalone from the conversation, by rule (a 1.5B model rewrites
badly and slowly): "那2023年上半年呢？" after "商汤2022年营业收入是多少？" becomes
"商汤2023年上半年营业收入是多少？"; "And the gross margin?" after "What was SenseTime's revenue
in 2022?" becomes "What was SenseTime's gross margin in 2022?". A follow-up in the other language
is written out in its own language when the previous question is a plain "measure, period"
question: "What about H1 2023?" after "商汤2022年营业收入是多少？" becomes "What was SenseTime's
revenue in H1 2023?" (the small model answers a Chinese question in Chinese, whatever it is told)."""

from __future__ import annotations

import re

from rag.text.normalize import is_chinese
from rag.text.periods import Period, as_of_spans, period_spans
from rag.text.terms import TermMatch, TermPair, default_term_map

# How follow-ups open and close: "那…呢？", "还有…吗", "And …?", "What about …?"
_LEAD = re.compile(r"^\s*(?:那么?|还有|以及|另外|(?:and\s+)?(?:what|how)\s+about|and)\s*", re.I)
_TAIL = re.compile(r"\s*(?:呢|吗|又如何|怎么样|如何)?\s*[？?。.!！]*\s*$")
_ARTICLE = re.compile(r"^(?:the|its|their)\s+", re.I)
_SUBJECT = "SenseTime"  # the company: a subject to keep, not a measure to swap
_FILLER = re.compile(r"\b(?:in|for|of|the|its|their|during|period|by|at)\b|[\s,，、的和及与在期间年它其]", re.I)
# A follow-up that asks for another relation of the same figure: its growth, or its share of the
# whole ("同比增长多少？", "占总收入的比例呢？", "And the year-on-year growth?", "What share of group
# revenue is that?"). What it leaves once these words are taken out is filler.
_RELATION = re.compile(
    r"同比(?:增长|增速|增幅|变化|下降)?|增长率?|增速|增幅|降幅|占(?:总收入|集团收入|总营收)?的?(?:比例|比重|百分比)|占比"
    r"|year[- ]on[- ]year|yoy|growth|change|share|proportion|percentage",
    re.I,
)
_RELATION_REST = re.compile(
    r"是多少|多少|几何|what|which|how|much|was|were|is|are|that|this|it|did|does|of|group|total|revenue|rate|\?|？",
    re.I,
)
# What is left of a plain question once its company, measure and period are taken out.
_ASKING = re.compile(r"\b(?:what|was|were|is|are|how|much|many)\b|'s|是多少|多少|是什么|[？?。.]", re.I)
_NOW = re.compile(r"现在|目前|当前|如今|now|currently|today|at present", re.I)
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
    only_periods = bool(periods) and _covers(core, [(start, end) for start, end, _ in periods])
    only_measures = bool(measures) and not periods and _covers(core, [(m.start, m.end) for m in measures])
    language = "zh" if is_chinese(question) else "en"
    if is_chinese(previous) != (language == "zh"):
        parts = _plain_parts(previous)
        if parts is None and only_measures and len(measures) == 1:
            # "What about Smart Life?" after a Chinese question: that question about 智慧生活 (the
            # answer is still written in the follow-up's language, see Pipeline.ask)
            pair = measures[0].match.pair
            return _swap_measure(previous, pair.chinese[0] if is_chinese(previous) else pair.english[0]) or question
        if parts is None or not (only_periods or (only_measures and len(measures) == 1)):
            return question
        subject, measure, asked = parts
        if only_periods:
            asked = [period for _, _, period in periods]
        else:
            measure = measures[0].match.pair
        return _plain_question(language, subject, measure, asked)
    if only_periods:
        return _swap_periods(previous, [period for _, _, period in periods]) or question
    dates = [(start, end) for start, end, _ in as_of_spans(core)]
    if dates and _covers(core, dates + [(start, end) for start, end, _ in periods]):
        return _swap_dates(previous, core[dates[0][0] : dates[-1][1]]) or question
    if _NOW.fullmatch(core) and (dates := as_of_spans(previous)):  # "现在呢？" after "截至2023年3月…"
        start, end, _ = dates[0]
        now = "目前" if is_chinese(previous) else ("Currently" if start == 0 else "currently")
        return previous[:start] + now + previous[end:]
    if not periods and _asks_only_a_relation(core):  # the previous question, then what it adds
        return f"{previous.strip()}{'' if language == 'zh' else ' '}{question.strip()}"
    if only_measures:
        return _swap_measure(previous, core) or question
    return question


def _asks_only_a_relation(core: str) -> bool:
    """Whether the follow-up only asks for another relation of the previous figure (its growth,
    its share of the total), naming no subject, measure or period of its own."""
    if not _RELATION.search(core):
        return False
    return not _FILLER.sub("", _RELATION_REST.sub(" ", _RELATION.sub(" ", core)))


def _plain_parts(question: str) -> tuple[TermPair | None, TermPair, list[Period]] | None:
    """(the company it names, its one measure, its periods) of a question that holds nothing else
    ("商汤2022年营业收入是多少？"), else None."""
    periods = period_spans(question)
    measures = _measures(question)
    if len(measures) != 1 or not periods:
        return None
    spans = [(m.start, m.end) for m in measures] + [(start, end) for start, end, _ in periods]
    matches = default_term_map().find(question)
    subject = [_Span(m, question) for m in matches if m.pair.english[0] == _SUBJECT.lower()]
    spans += [(span.start, span.end) for span in subject]
    if not _covers(_ASKING.sub(" ", _cut(question, spans)), []):
        return None
    return (subject[0].match.pair if subject else None), measures[0].match.pair, [period for _, _, period in periods]


def _plain_question(language: str, subject: TermPair | None, measure: TermPair, periods: list[Period]) -> str:
    if language == "zh":
        whose = subject.chinese[0] if subject else ""
        return f"{whose}{'和'.join(p.label('zh') for p in periods)}{measure.chinese[0]}是多少？"
    whose = f"{_SUBJECT}'s" if subject else "the"  # the term map keeps English in lower case
    return f"What was {whose} {measure.english[0]} in {' and '.join(p.label('en') for p in periods)}?"


def _measures(text: str) -> list[_Span]:
    """The finance terms a text asks about, apart from the company and the period."""
    periods = period_spans(text)
    spans = [_Span(match, text) for match in default_term_map().find(text) if match.pair.english[0] != _SUBJECT.lower()]
    return [span for span in spans if not any(s < span.end and span.start < e for s, e, _ in periods)]


class _Span:
    """Where a term match sits in the text it was found in."""

    def __init__(self, match: TermMatch, text: str) -> None:
        self.match = match
        self.start = text.find(match.surface)
        self.end = self.start + len(match.surface)


def _covers(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether the spans are (nearly) all the text holds: "2023年上半年", "the gross margin"."""
    return not _FILLER.sub("", _cut(text, spans))


def _cut(text: str, spans: list[tuple[int, int]]) -> str:
    for start, end in sorted(spans, reverse=True):
        text = text[:start] + " " + text[end:]
    return text


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


def _swap_dates(previous: str, date: str) -> str | None:
    """The previous question as of the new date ("2021年底" for "2022年底未使用的银行授信额度是多少？"),
    or None when it names no date nor period to replace."""
    spans = [(start, end) for start, end, _ in as_of_spans(previous)] or [(s, e) for s, e, _ in period_spans(previous)]
    if not spans:
        return None
    return previous[: spans[0][0]] + date + previous[spans[-1][1] :]


def _swap_measure(previous: str, core: str) -> str | None:
    """The previous question about the new term: its one term replaced by the follow-up's, or,
    when it names several, the one of the same kind (智慧商业 for 智慧生活: both business lines;
    收入 for 毛利: both income-statement items), the term map's section telling the kind; else the
    one that is not a company's or product's name."""
    old = _measures(previous)
    new = _measures(core)
    if len(old) > 1 and len(new) == 1:
        # of the same kind; else, in Chinese (…是多少 asks any measure's value alike; not so "how many
        # GPUs" / "how much revenue"), the one that is not a name (客户数 for 收入 in 智能汽车收入)
        kind = [span for span in old if span.match.pair.section == new[0].match.pair.section]
        if not kind and is_chinese(previous) and not new[0].match.pair.is_name:
            kind = [span for span in old if not span.match.pair.is_name]
        old = kind
    if len(old) != 1 or not new or old[0].match.pair == new[0].match.pair:
        return None
    span = old[0]
    term = core[new[0].start : new[0].end] if new[0].start >= 0 else core.strip()  # "它的毛利" -> 毛利
    if term.isascii() and span.match.surface[:1].isupper():
        term = term.title()  # Smart Business -> Smart Life, as the question wrote names
    # every place the question names it (智慧商业收入占比 … 智慧商业收入), not inside a longer term
    longer = [
        (m.start(), m.end())
        for other in default_term_map().find(previous)
        if len(other.surface) > len(span.match.surface)
        for m in re.finditer(re.escape(other.surface), previous)
    ]
    places = [
        m.span()
        for m in re.finditer(re.escape(span.match.surface), previous)
        if not any(a <= m.start() and m.end() <= b for a, b in longer)
    ]
    for start, end in reversed(places):
        previous = previous[:start] + term + previous[end:]
    return previous
