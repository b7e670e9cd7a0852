"""A plan executed in code: each operand is a figure from the figures table bound to the asked
measure, business line and period (never a number from a model's text); the arithmetic is exact
decimal; the answer states the result, the formula and every operand with its citation, in the
question's language."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from rag.figures.lookup import same_period
from rag.figures.model import GROUP, Figure
from rag.figures.plan import Operand, Plan
from rag.text.numbers import chinese_amount, english_amount, find_quantities, last_digit_step
from rag.text.periods import Period
from rag.text.terms import default_term_map

_HUNDRED = Decimal(100)
_RATIO = re.compile(r"率|占比|比例|比重|margin|ratio|share", re.I)


@dataclass
class Computation:
    plan: Plan
    operands: list[Figure]  # one per plan operand, in order
    result: Decimal
    kind: str  # "amount", "count", "percent", "pp" or "times"
    exact: bool  # False when the result was rounded


def execute(plan: Plan, figures: list[Figure]) -> Computation | None:
    """The computed answer, or None when an operand is not in the figures table or the operands
    cannot be combined (an amount and a percent)."""
    operands = [resolve(operand, figures) for operand in plan.operands]
    if any(figure is None for figure in operands):
        return None
    found = [figure for figure in operands if figure is not None]
    values = [figure.value for figure in found]
    kinds = {figure.kind for figure in found}
    if plan.operation == "implied_prior":
        value, growth = found
        if growth.kind != "percent" or value.kind == "percent":
            return None
        return _rounded(plan, found, value.value / (1 + growth.value / _HUNDRED), value.kind, _step(value))
    if len(kinds) != 1 or len({figure.unit for figure in found}) != 1:
        return None  # an amount and a percent, or counts of different things, do not combine
    kind = kinds.pop()
    if plan.operation == "share":
        if kind == "percent" or not values[1]:
            return None
        return _rounded(plan, found, values[0] / values[1] * _HUNDRED, "percent", Decimal("0.1"))
    if plan.operation == "multiple":  # "how many times": the larger over the smaller
        larger, smaller = max(values), min(values)
        return _rounded(plan, found, larger / smaller, "times", Decimal("0.1")) if smaller > 0 else None
    if plan.operation == "sum":
        return Computation(plan, found, sum(values, Decimal(0)), kind, True)
    if plan.operation == "difference":
        result_kind = "pp" if kind == "percent" else kind
        return Computation(plan, found, abs(values[0] - values[1]), result_kind, True)
    return None


def resolve(operand: Operand, figures: list[Figure]) -> Figure | None:
    """The figure stating the operand: its measure (or the measure's other forms in the label),
    its business line, its period and its relation; the first such figure written."""
    forms = _forms(operand.measure)
    asked = Period.parse(operand.period) if operand.period else None
    relations = ("yoy",) if operand.relation == "yoy" else ("value", "margin", "share")
    if asked is not None and operand.relation != "yoy":
        relations += ("prior",)  # H1 2022's 66.0% stated beside H1 2023's is H1 2022's value
    ratio = operand.relation == "yoy" or _RATIO.search(operand.measure) is not None
    best: tuple[int, Figure] | None = None
    for figure in figures:
        if figure.scope != operand.scope or figure.relation not in relations:
            continue
        if (figure.kind == "percent") != ratio:
            continue  # a 收入 figure is an amount, a 收入占比 or 毛利率 figure a percent
        if asked is not None and not same_period(figure.period, asked):
            continue
        if figure.measure == operand.measure:
            rank = 0
        elif any(form in figure.label for form in forms):
            rank = 1
        else:
            continue
        if best is None or rank < best[0]:
            best = (rank, figure)
    return best[1] if best else None


def compose(computation: Computation, language: str, cite: dict[str, int]) -> str:
    """The answer: result and formula first, then each operand with its citation [n] (`cite`:
    chunk id -> n)."""
    plan = computation.plan
    dated = len({operand.period for operand in plan.operands}) > 1  # 2022年上半年毛利率 vs 2023年上半年毛利率
    operands, names = _ordered(computation, [_name(operand, language, dated) for operand in plan.operands])
    shown = [_amount(figure.value, figure.kind, language, figure.text) for figure in operands]
    result, formula = written(computation, language)
    about = "" if computation.exact else ("约" if language == "zh" else "about ")
    if plan.operation == "implied_prior":
        names[1] = "同比增长" if language == "zh" else "year-on-year change"
    cited = [
        f"{name}{' ' if language == 'en' else ''}{value} [{cite[f.chunk_id]}]"
        for name, value, f in zip(names, shown, operands, strict=True)
    ]
    period = _period_label(plan, language)
    prior = _prior_label(plan, language)
    if language == "zh":
        what = {
            "share": f"{names[0]}占{names[1]}的比例",
            "sum": f"{'与'.join(names)}合计",
            "difference": f"{names[0]}比{names[1]}{'高' if computation.kind == 'pp' else '多'}",
            "multiple": f"{names[0]}是{names[1]}的",
            "implied_prior": f"据{period}数据推算，{prior}{names[0]}",
        }[plan.operation]
        lead = what if plan.operation == "implied_prior" else period + what
        verb = "" if plan.operation in ("difference", "multiple") else "为"
        return f"{lead}{about}{verb}{result}（{formula}）。其中{'，'.join(cited)}。"
    more = "higher" if computation.kind == "pp" else "more"
    what = {
        "share": f"{names[0]} as a share of {names[1]}",
        "sum": f"{' and '.join(names)} combined",
        "difference": f"{names[0]} was {about}{result} {more} than {names[1]}",
        "multiple": f"{names[0]} as a multiple of {names[1]}",
        "implied_prior": f"the implied {prior} {names[0]}",
    }[plan.operation]
    lead = f"In {period}, {what}" if period and plan.operation != "implied_prior" else what[0].upper() + what[1:]
    stated = lead if plan.operation == "difference" else f"{lead} was {about}{result}"
    return f"{stated} ({formula}): {'; '.join(cited)}."


def written(computation: Computation, language: str) -> tuple[str, str]:
    """The result and its formula as the answer writes them: ("59.6%", "8.536亿元 ÷ 14.33亿元")."""
    operands, _ = _ordered(computation, [])
    shown = [_amount(figure.value, figure.kind, language, figure.text) for figure in operands]
    result = _amount(computation.result, computation.kind, language)
    if computation.plan.operation == "implied_prior":
        growth = operands[1].value
        return result, f"{shown[0]} ÷ (1 {'+' if growth >= 0 else '−'} {abs(growth).normalize():f}%)"
    symbol = {"share": "÷", "multiple": "÷", "sum": "+", "difference": "−"}[computation.plan.operation]
    return result, f" {symbol} ".join(shown)


def _ordered(computation: Computation, names: list[str]) -> tuple[list[Figure], list[str]]:
    """Operands (and their names) in the order the answer states them: for a difference or "how
    many times as large", the larger first."""
    operands = list(computation.operands)
    if computation.plan.operation in ("multiple", "difference") and operands[0].value < operands[1].value:
        return operands[::-1], names[::-1]
    return operands, names


def _rounded(plan: Plan, operands: list[Figure], value: Decimal, kind: str, step: Decimal) -> Computation:
    rounded = (value / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step
    return Computation(plan, operands, rounded, kind, rounded == value)


def _step(figure: Figure) -> Decimal:
    """The precision the figure was written with (8.536亿 -> 100,000)."""
    quantities = find_quantities(figure.text)
    return last_digit_step(quantities[0]) if quantities else Decimal(1)


def _amount(value: Decimal, kind: str, language: str, written: str = "") -> str:
    if kind == "percent":
        return f"{_plain(value)}%"
    if kind == "pp":
        return f"{_plain(value)}个百分点" if language == "zh" else f"{_plain(value)} percentage points"
    if kind == "times":
        return f"{_plain(value)}倍" if language == "zh" else f"{_plain(value)} times"
    if language == "zh":
        if written:
            return "".join(written.split())  # "166 亿元" as 166亿元
        return chinese_amount(value) + ("元" if kind == "amount" else "")
    return ("RMB " if kind == "amount" else "") + english_amount(value)


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _name(operand: Operand, language: str, dated: bool = False) -> str:
    """智慧商业营业收入 / Smart Business revenue; the group's line is 集团 / the group's; `dated`:
    with the operand's period (2022年上半年集团毛利率 / the group's gross margin in H1 2022)."""
    period = Period.parse(operand.period).label(language) if dated and operand.period else ""
    if language == "zh":
        return f"{period}{'集团' if operand.scope == GROUP else operand.scope}{operand.measure}"
    scope = "the group's" if operand.scope == GROUP else _english(operand.scope).title()
    return f"{scope} {_english(operand.measure)}" + (f" in {period}" if period else "")


def _english(chinese: str) -> str:
    for match in default_term_map().find(chinese):
        if chinese in match.pair.chinese:
            return match.pair.english[0]
    return chinese


def _forms(measure: str) -> tuple[str, ...]:
    for match in default_term_map().find(measure):
        if match.pair.chinese[0] == measure:
            return match.pair.chinese
    return (measure,)


def _period_label(plan: Plan, language: str) -> str:
    periods = {operand.period for operand in plan.operands if operand.period}
    if len(periods) != 1:
        return ""
    return Period.parse(periods.pop()).label(language)


def _prior_label(plan: Plan, language: str) -> str:
    """The period a year before the operands' (2023H1 -> 2022年上半年), else "the prior period"."""
    periods = {operand.period for operand in plan.operands if operand.period}
    if len(periods) != 1:
        return "上一期" if language == "zh" else "prior-period"
    period = Period.parse(periods.pop())
    return Period(period.year - 1, period.part).label(language)
