"""A question about figures, parsed once into a plan: the operation (a share, a sum, a difference,
a multiple, a prior-period value implied by a growth rate, a financial ratio from its line items,
or plain text), and its operands, each a measure of a business line in a period. Rules only: the
term map names measures and business lines, the period parser periods, cue words the operation.
Questions the rules cannot plan keep the passages-and-model path (operation "text")."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, replace

from rag.figures.extract import is_relation_cue
from rag.figures.model import GROUP, PARENT
from rag.retrieve.hybrid import Query
from rag.text.numbers import find_quantities
from rag.text.periods import Period, as_of_spans, is_period_word, period_spans
from rag.text.question import asks_for_parent
from rag.text.terms import Ratio, TermPair, default_ratios, default_term_map

COMPUTED = (
    "share", "sum", "difference", "multiple", "implied_prior", "implied_part",
    "ratio", "compare", "list", "rank", "lookup",
)  # fmt: skip
EACH = "*"  # an operand's scope that stands for each business line of the filings

_SHARE = re.compile(
    r"占.{0,8}(?:比例|比重|百分比|多少)|占比|(?:what|which) (?:share|percentage|proportion)|share of|percentage of",
    re.I,
)
_SUM = re.compile(r"合计|总共|加起来|之和|combined|in total|together|total of|sum of", re.I)
_DIFFERENCE = re.compile(
    r"多多少|少多少|(?<![同相对])比.{1,16}[多少高低]|相差|差额|差距"
    r"|difference|how much more|how much less|more than|less than",
    re.I,
)
_MULTIPLE = re.compile(r"多少倍|几倍|how many times|times as (?:large|much|high)", re.I)
_IMPLIED_PRIOR = re.compile(
    r"根据.{0,24}(?:增幅|增长|降幅|下降|下跌|同比)|implied by"
    r"|based on the reported (?:[\d.]+% )?(?:growth|decline|increase)",
    re.I,
)
# "From the group's revenue and a line's share of it": the line's amount is the product.
_IMPLIED_PART = re.compile(r"根据.{0,30}(?:占比|比例|比重)|based on .{0,60}(?:share|proportion)", re.I)
_POINTS = re.compile(r"百分点|percentage points?", re.I)
# How two figures compare, or how much one moved from one time to another (从A到B增加了多少, how
# much did it increase from A to B): with two operands, the same reading either way.
_COMPARE = re.compile(
    r"相比|相较|比较|对比|变化|分别|(?:增加|增长|减少|下降|提高|提升|降低)了?多少|compare|change|versus|\bvs\.?\b"
    r"|how much did .{1,80}\b(?:increase|rise|grow|fall|decline|drop|decrease)",
    re.I,
)
_GROWTH = re.compile(r"增速|增幅|增长率|同比|增长最|增长更|growth|grew|grow|year-on-year|year on year", re.I)
_RANK = re.compile(
    r"哪个|哪一|最快|最高|最低|最大|最多|最少|fastest|highest|lowest|largest|biggest|smallest|most|least"
    r"|\bwhich\b[^?]{0,80}\b(?:larger|bigger|higher|greater|smaller|lower|faster|slower)\b",
    re.I,
)
# A question about how a figure moved (单客户收入提高了多少): not the figure's value.
_MOVED = re.compile(
    r"增速|增幅|增长|提高|提升|下降|降低|减少|变化|变动|同比|growth|grew|grow|change|increase|rise|rose|fall|fell|decline",
    re.I,
)
# Asking for one figure's value (not why, nor how something happened).
_HOW_MUCH = re.compile(
    r"多少|几[个家块款种条台项]|多快|how much|how many|how fast|what (?:was|is|were|are)\b|what's"
    r"|what (?:share|percentage|proportion)",
    re.I,
)
# The finance_terms.tsv sections whose terms are figures (营业收入, 资本支出, 每股收益), not words.
_STATEMENT_SECTIONS = ("Income statement", "Balance sheet", "Cash flow", "Per-share and key indicators")
_COUNTED = re.compile(r"多少|几[个家块款种条台项位名]|how much|how many", re.I)
# Asking how many things (多少个城市, 几家, how many GPUs): a count answers it, not a percentage.
_HOW_MANY = re.compile(
    r"多少[个家块张台辆款位名项座条次种]|几[个家块款种条台项位名]|数量|数目|个数|how many|number of", re.I
)
_WHY = re.compile(r"为什么|为何|原因|怎么|如何|why|how did|how does|how do|explain|reason", re.I)
# Asking for the value of each (分别是多少 / list … each), or which ones there are (哪些 / which).
_EACH = re.compile(r"分别|各自|各为|列出|each|list|respectively", re.I)
_LIST = re.compile(rf"{_EACH.pattern}|各个|每个|哪些|哪几|是什么|有什么|every|which|what are|what were", re.I)
# The business lines themselves, or each of them: 四大业务, 各业务线, business lines, segments.
_LINES = re.compile(r"业务线|业务板块|业务分部|[四五六几各]大?业务|business lines?|segments|lines of business", re.I)
# A measure that is itself a percent (收入占比, 毛利率): a share of it is not computed.
PERCENT_MEASURE = re.compile(r"率|占比|比例|比重|margin|ratio|share", re.I)
# The words that say what to compute: question words, not terms the filings must contain.
_CUE_WORDS = re.compile(r"增幅|降幅|涨幅|跌幅|增速|占比|比例|比重|合计|总共|之和|相差|差额|差距|百分点|倍数")
# "Than a year earlier": the same period of the prior year is the other operand.
_YEAR_EARLIER = re.compile(
    r"去年同期|上年同期|上一年同期|(?:from|than|over|with|to) (?:a|one) year (?:earlier|before|ago)"
    r"|(?:from|than) the prior year",
    re.I,
)
_QUALIFIER = re.compile(r"以上|以下|不足|不少于|至少|\bat least\b|\bmore than\b|\bover\b|\babove\b|\bbelow\b", re.I)
_DIGITS = {"一": 1, "两": 2, "二": 2, "三": 3, "四": 4, "one": 1, "two": 2, "three": 3, "four": 4}
_DECIMALS = re.compile(r"保留\s*([一两二三四1-4])\s*位小数|(?:to\s+)?(one|two|three|four|[1-4])\s+decimal", re.I)
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
    ratio: str = ""  # for "ratio": its name in ratios.tsv (毛利率), whose formula combines the operands
    decimals: int | None = None  # the rounding the question asks for (保留两位小数), else the operation's own
    cues: list[str] = field(default_factory=list)  # the question's words that name the operation (降幅)
    # What the question names, whatever its operation: the business lines, and the periods or
    # as-of dates (2023-03 for 截至2023年3月); a figure in an answer must be bound to these.
    scopes: list[str] = field(default_factory=list)
    periods: list[str] = field(default_factory=list)
    asks_figure: bool = False  # how much / how many, or what a finance measure was: a figure answers it
    # The kind of figure that answers it: "count" (how many things), "amount" (what a line item
    # such as 销售费用 was), else "": never a growth rate or a share alone.
    asks_kind: str = ""
    # What it asks about that the figures table knows as no measure, business line or period, nor
    # the company (生成式AI): a business line's figure answers it only where its sentence names one.
    subjects: list[list[str]] = field(default_factory=list)

    @property
    def computed(self) -> bool:
        return self.operation in COMPUTED

    def to_json(self) -> dict:
        return asdict(self)


def plan_question(query: Query, scopes: set[str], measures: set[str] = frozenset()) -> Plan:
    """The plan for a question; `scopes`: the business lines the figures table knows; `measures`:
    what its figures quantify."""
    plan = _plan(query, scopes)
    if plan.computed:
        plan.cues = list(dict.fromkeys(_CUE_WORDS.findall(query.text)))
    plan.scopes = scopes_named(query.text, scopes)
    plan.periods = asked_periods(query.text)
    statement = any(match.pair.section in _STATEMENT_SECTIONS for match in default_term_map().find(query.text))
    measured = statement and _HOW_MUCH.search(query.text) is not None
    plan.asks_figure = (measured or _COUNTED.search(query.text) is not None) and not _WHY.search(query.text)
    rate = any(cue.search(query.text) for cue in (_GROWTH, _SHARE, _POINTS, PERCENT_MEASURE))  # 续约率 too
    if plan.asks_figure and not rate:
        plan.asks_kind = "count" if _HOW_MANY.search(query.text) else ("amount" if measured else "")
    plan.subjects = _subjects(query, scopes | measures)
    return plan


def _subjects(query: Query, known: set[str]) -> list[list[str]]:
    """The question's terms that are things, not figures' measures, lines, periods or cues."""
    names = {name for company in query.companies for name in company.names}

    def a_thing(pair: TermPair) -> bool:
        word = pair.chinese[0]
        if pair.section in _STATEMENT_SECTIONS or known & set(pair.chinese) or is_period_word(word):
            return False
        return not is_relation_cue(word) and not names & {form.lower() for form in (*pair.chinese, *pair.english)}

    return [[*m.pair.chinese, *m.pair.english] for m in default_term_map().find(query.text) if a_thing(m.pair)]


# Computations within one period, which a question may ask for several periods at once.
_WITHIN_A_PERIOD = ("share", "sum", "difference", "multiple", "ratio", "implied_part")


def per_period(plan: Plan) -> list[Plan]:
    """The plan once for each period the question names, when it computes within one period (the
    combined share in 2022, and in 2021): the first as planned, then with each other named period."""
    periods = [period for period in plan.periods if "-" not in period]  # not the as-of dates
    if plan.operation not in _WITHIN_A_PERIOD or len(periods) < 2:
        return [plan]
    if {operand.period for operand in plan.operands} != {periods[0]}:
        return [plan]  # the operands are already of different periods (a change from one to the other)
    others = [
        replace(plan, operands=[replace(operand, period=period) for operand in plan.operands]) for period in periods[1:]
    ]
    return [plan, *others]


def asked_periods(text: str) -> list[str]:
    """The periods and as-of dates a text names, as written in order: 截至2023年3月 -> 2023-03 (not
    the year 2023), 2023年上半年 -> 2023H1, 2022年 -> 2022."""
    dates = as_of_spans(text)
    named = [(start, date) for start, _, date in dates]
    for start, end, period in period_spans(text):
        if not any(a < end and start < b for a, b, _ in dates):
            named.append((start, str(period)))
    return list(dict.fromkeys(period for _, period in sorted(named)))


def _plan(query: Query, scopes: set[str]) -> Plan:
    text = query.text
    named_scopes = scopes_named(text, scopes)
    measures = _measures(text, scopes | {n for company in query.companies for n in company.names})
    periods = [str(period) for period in query.periods]
    if len(query.periods) == 1 and _YEAR_EARLIER.search(text):
        asked = query.periods[0]
        periods.append(str(Period(asked.year - 1, asked.part)))
    measure = measures[0] if measures else ""
    period = periods[0] if periods else ""
    points = bool(_POINTS.search(text))
    ratio = _ratio_named(text, scopes)
    # one ratio of one line in one period (not 毛利率, 净亏损率 and 经调整净亏损率 listed together)
    ratios = [m for m in measures if PERCENT_MEASURE.search(m)]
    one = len(ratios) <= 1 and len(periods) <= 1 and len(named_scopes) <= 1
    # the ratio's value (not its growth: 单客户收入同比增长86% is stated, not computed)
    if ratio is not None and one and not _compares(text, points) and not _MOVED.search(text):
        scope = named_scopes[0] if named_scopes else (PARENT if asks_for_parent(text) else GROUP)
        operands = [Operand(item, scope, period) for item in ratio.operands]
        decimals = _decimals(text, 2) if ratio.unit != "amount" or _DECIMALS.search(text) else None
        return Plan("ratio", operands, ratio=ratio.names[0], decimals=decimals)
    lines = _LINES.search(text) is not None and not named_scopes
    relation = "yoy" if _GROWTH.search(text) else "value"
    if relation == "yoy" and not measures:
        measures = ["营业收入"]  # how fast a business grew: its revenue (which line grew fastest)
        measure = measures[0]
    if lines and _RANK.search(text) and measure:
        return Plan("rank", [Operand(measure, EACH, period, relation)])
    listed = lines and _LIST.search(text) is not None
    if not measure:
        return Plan("list") if listed else Plan("text")  # the business lines themselves
    if listed and not _compares(text, points):
        return Plan("list", [Operand(m, EACH, period, relation) for m in measures[:1]])
    if _IMPLIED_PART.search(text) and len(named_scopes) == 1 and ratios:  # a share of the whole
        whole = next((m for m in measures if m not in ratios), "营业收入")
        return Plan("implied_part", [Operand(whole, GROUP, period), Operand(ratios[0], named_scopes[0], period)])
    if _IMPLIED_PRIOR.search(text):
        scope = named_scopes[0] if named_scopes else GROUP
        latest = _reported_period(query.periods)
        return Plan("implied_prior", [Operand(measure, scope, latest), Operand(measure, scope, latest, "yoy")])
    percent = PERCENT_MEASURE.search(measure) is not None
    if _SHARE.search(text) and len(named_scopes) == 1 and not (_SUM.search(text) or points or percent):
        share = [Operand(measure, named_scopes[0], period), Operand(measure, GROUP, period)]
        return Plan("share", share, decimals=_decimals(text, 1))
    pairs = _pairs(measures, named_scopes, periods)
    if pairs is None:
        # "what share of revenue" names a measure that is itself a share (收入占比): no computation
        compares = _compares(_SHARE.sub(" ", text) if percent else text, points)
        asks_one = _HOW_MUCH.search(text) and not _WHY.search(text) and not compares
        if asks_one and not _qualified(text):
            scope = named_scopes[0] if named_scopes else GROUP
            return Plan("lookup", [Operand(measure, scope, period, relation)])
        return Plan("text")
    if _MULTIPLE.search(text):
        return Plan("multiple", pairs, decimals=_decimals(text, 1))
    if _SUM.search(text) and relation == "yoy" and len(named_scopes) >= 2:
        # growth rates do not add up: the lines' combined growth is a figure of its own (智慧生活+智能汽车)
        return Plan("lookup", [Operand(measure, "+".join(named_scopes), period, "yoy")])
    if _SUM.search(text):
        return Plan("sum", pairs)
    if _DIFFERENCE.search(text) or points:
        return Plan("difference", pairs, points)
    if _COMPARE.search(text) or _RANK.search(text):  # 相比 / compare, or which of the two is larger (哪个更快)
        return Plan("compare", [Operand(o.measure, o.scope, o.period, relation) for o in _chronological(pairs)])
    if _EACH.search(text):
        return Plan("list", [Operand(o.measure, o.scope, o.period, relation) for o in pairs])
    return Plan("text")


def _qualified(text: str) -> bool:
    """Whether the question narrows what it counts by a figure of its own (cities "with more than 10
    million people", 千万人口以上城市): no one figure of the measure answers it."""
    if _QUALIFIER.search(text):
        return True
    taken = [(a, b) for a, b, _ in period_spans(text)] + [(a, b) for a, b, _ in as_of_spans(text)]
    return any(not any(a < q.end and q.start < b for a, b in taken) for q in find_quantities(text))


def _chronological(operands: list[Operand]) -> list[Operand]:
    """Operands across periods, earliest first (a change is read from the earlier to the later)."""
    if len({operand.period for operand in operands}) < len(operands) or not all(o.period for o in operands):
        return operands
    return sorted(operands, key=lambda operand: Period.parse(operand.period).months())


def _reported_period(named: tuple[Period, ...]) -> str:
    """The period whose value and growth imply the prior one: the latest named; when only the
    asked prior period is named (H1 2022), the one a year after it."""
    if not named:
        return ""
    if len(named) == 1:
        return str(Period(named[0].year + 1, named[0].part))
    return str(max(named, key=lambda period: period.months()))


def _ratio_named(text: str, scopes: set[str]) -> Ratio | None:
    """The ratio the question asks for (毛利率, gross margin), by its longest name found, read
    without the business lines it names ("revenue per Smart Business customer")."""
    for match in default_term_map().find(text):
        if any(form in scopes for form in match.pair.chinese):
            text = text.replace(match.surface, " ")
    for scope in scopes:
        text = text.replace(scope, "")
    lowered = " ".join(text.lower().split())
    named = [(name, ratio) for name, ratio in default_ratios().items() if name in lowered]
    return max(named, key=lambda item: len(item[0]))[1] if named else None


def _compares(text: str, points: bool) -> bool:
    """Whether the question asks how two things differ or combine, not for one value."""
    return points or any(cue.search(text) for cue in (_SUM, _DIFFERENCE, _MULTIPLE, _IMPLIED_PRIOR, _SHARE))


def _decimals(text: str, default: int) -> int:
    match = _DECIMALS.search(text)
    if not match:
        return default
    digit = (match[1] or match[2]).lower()
    return int(digit) if digit.isdigit() else _DIGITS[digit]


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


def scopes_named(text: str, scopes: set[str]) -> list[str]:
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
        if is_period_word(match.surface) or is_period_word(canonical) or is_relation_cue(canonical):
            continue
        found.setdefault(canonical, text.lower().find(match.surface.lower()))
    return sorted(found, key=found.__getitem__)
