"""A question about figures, parsed once into a plan: the operation (a share, a sum, a difference,
a multiple, a prior-period value implied by a growth rate, or plain text), and its operands, each a
measure of a business line in a period. Rules only: the term map names measures and business
lines, the period parser periods, cue words the operation. Questions the rules cannot plan keep
the passages-and-model path (operation "text")."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from rag.figures.extract import is_relation_cue
from rag.figures.model import GROUP
from rag.retrieve.hybrid import Query
from rag.text.terms import default_term_map

COMPUTED = ("share", "sum", "difference", "multiple", "implied_prior")

_SHARE = re.compile(
    r"占.{0,8}(?:比例|比重|百分比|多少)|占比|(?:what|which) (?:share|percentage|proportion)|share of|percentage of",
    re.I,
)
_SUM = re.compile(r"合计|总共|加起来|之和|combined|in total|together|total of|sum of", re.I)
_DIFFERENCE = re.compile(
    r"多多少|少多少|比.{1,16}[多少高低]|相差|差额|差距|difference|how much more|how much less|more than|less than", re.I
)
_MULTIPLE = re.compile(r"多少倍|几倍|how many times|times as (?:large|much|high)", re.I)
_IMPLIED_PRIOR = re.compile(
    r"根据.{0,24}(?:增幅|增长|降幅|下降|下跌|同比)|implied by|based on the reported (?:growth|decline|increase)", re.I
)
_POINTS = re.compile(r"百分点|percentage points?", re.I)
# The whole when a share is asked of it: 总收入 / total revenue is the group's revenue.
_TOTAL = re.compile(r"总收入|营业总收入|集团收入|total revenue|group revenue|(?:its|the) revenue", re.I)


@dataclass(frozen=True)
class Operand:
    measure: str  # the term map's canonical Chinese term (营业收入)
    scope: str  # GROUP or a business line
    period: str  # "2023H1", "FY2022", or "" for the one the filings report on
    relation: str = "value"


@dataclass
class Plan:
    operation: str  # one of COMPUTED, or "text"
    operands: list[Operand] = field(default_factory=list)
    points: bool = False  # the answer is a difference of percentages, in percentage points

    @property
    def computed(self) -> bool:
        return self.operation in COMPUTED

    def to_json(self) -> dict:
        return asdict(self)


def plan_question(query: Query, scopes: set[str]) -> Plan:
    """The plan for a question; `scopes`: the business lines the figures table knows."""
    text = query.text
    named_scopes = _scopes_named(text, query.expansions, scopes)
    measures = _measures(text, scopes | {n for company in query.companies for n in company.names})
    periods = [str(period) for period in query.periods]
    measure = measures[0] if measures else ""
    if not measure:
        return Plan("text")
    period = periods[0] if periods else ""
    points = bool(_POINTS.search(text))
    if _IMPLIED_PRIOR.search(text):
        scope = named_scopes[0] if named_scopes else GROUP
        latest = str(max(query.periods, key=lambda p: p.months())) if query.periods else ""
        return Plan("implied_prior", [Operand(measure, scope, latest), Operand(measure, scope, latest, "yoy")])
    if _SHARE.search(text) and len(named_scopes) == 1 and not (_SUM.search(text) or points):
        return Plan("share", [Operand(measure, named_scopes[0], period), Operand(measure, GROUP, period)])
    pairs = _pairs(measures, named_scopes, periods)
    if pairs is None:
        return Plan("text")
    if _MULTIPLE.search(text):
        return Plan("multiple", pairs)
    if _SUM.search(text):
        return Plan("sum", pairs)
    if _DIFFERENCE.search(text) or points:
        return Plan("difference", pairs, points)
    return Plan("text")


def _pairs(measures: list[str], scopes: list[str], periods: list[str]) -> list[Operand] | None:
    """Two or more operands that differ in one thing: business line, measure, or period."""
    period = periods[0] if periods else ""
    if len(scopes) >= 2:
        return [Operand(measures[0], scope, period) for scope in scopes]
    scope = scopes[0] if scopes else GROUP
    if len(measures) >= 2:
        return [Operand(measure, scope, period) for measure in measures]
    if len(periods) >= 2:
        return [Operand(measures[0], scope, p) for p in periods]
    return None


def _scopes_named(text: str, expansions: tuple[str, ...], scopes: set[str]) -> list[str]:
    """The business lines the question names, in the order it names them (English names through
    the term map's Chinese forms)."""
    found: dict[str, int] = {}
    for scope in scopes:
        at = text.find(scope)
        if at >= 0:
            found[scope] = at
    for match in default_term_map().find(text):
        for form in match.pair.chinese:
            if form in scopes and form not in found:
                found[form] = text.lower().find(match.surface.lower())
    return sorted(found, key=found.__getitem__)


def _measures(text: str, not_measures: set[str]) -> list[str]:
    """The finance terms the question asks about, canonical, in order, without business lines,
    company names and periods; the whole (总收入) counts as the measure it totals."""
    text = _TOTAL.sub("收入", text)
    found: dict[str, int] = {}
    for match in default_term_map().find(text):
        canonical = match.pair.chinese[0]
        if canonical in not_measures or any(form in not_measures for form in match.pair.chinese):
            continue
        if _is_period_word(match.surface) or is_relation_cue(canonical):
            continue
        found.setdefault(canonical, text.lower().find(match.surface.lower()))
    return sorted(found, key=found.__getitem__)


def _is_period_word(surface: str) -> bool:
    return surface in ("上半年", "下半年", "全年", "年度", "中期") or bool(re.fullmatch(r"[hHqQ][1-4]", surface))
