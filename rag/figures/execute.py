"""A plan executed in code: each operand is a figure from the figures table bound to the asked
measure, business line and period (never a number from a model's text); the arithmetic is exact
decimal; the answer states the result, the formula and every operand with its citation, in the
question's language."""

from __future__ import annotations

import ast
import operator
import re
import unicodedata
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from itertools import combinations

from rag.figures.lookup import same_period
from rag.figures.model import GROUP, PARENT, Figure
from rag.figures.plan import EACH, PERCENT_MEASURE, Operand, Plan
from rag.text.numbers import chinese_amount, english_amount, find_quantities, last_digit_step
from rag.text.periods import Period
from rag.text.terms import default_ratios, default_term_map

_HUNDRED = Decimal(100)
# A label that opens on the whole: 集团营业收入, 本公司营业收入, Group revenue, Total revenue.
# A figure written as a bound, not exactly (500多万台, 1,500万+, 约30,000块): what is computed from it is approximate.
_APPROXIMATE = re.compile(r"多|余|\+|约|近|超")
_BOUND = re.compile(r"^(?:more than|about) ")
_NAMES_GROUP = re.compile(r"^\s*(?:本?集团|本?公司|group|total)", re.I)
_MOST_LINES = 10  # candidate business lines tried as a partition of revenue
_PARTITION_SLACK = Decimal("0.005")  # the lines' rounded revenues add up to the group's within 0.5%
_OPERATORS = {ast.Add: operator.add, ast.Sub: operator.sub, ast.Mult: operator.mul, ast.Div: operator.truediv}
_SYMBOLS = {"+": " + ", "-": " − ", "*": " × ", "/": " ÷ "}
# A bare table cell's scale, from its value over its written number: 117,530.10 in a 万元 table.
_SCALES = {
    Decimal(10) ** power: word for power, word in ((0, "元"), (3, "千元"), (4, "万元"), (6, "百万元"), (8, "亿元"))
}


@dataclass
class Computation:
    plan: Plan
    operands: list[Figure]  # one per plan operand, in order
    result: Decimal
    kind: str  # "amount", "count", "percent", "pp" or "times"; for a list, "count" (of figures) or "lines"
    exact: bool  # False when the result was rounded
    missing: list[Operand] = field(default_factory=list)  # of a list or ranking: what the filings do not give


def execute(plan: Plan, figures: list[Figure]) -> Computation | None:
    """The computed answer, or None when an operand is not in the figures table or the operands
    cannot be combined (an amount and a percent)."""
    if plan.operation == "lookup":
        return _looked_up(plan, figures)
    if plan.operation == "ratio":  # computed from its line items, or else as the filings state it
        return _ratio(plan, figures) or _looked_up(Plan("lookup", [_stated_ratio(plan)]), figures)
    if plan.operation == "list":
        return _listed(plan, figures)
    if plan.operation == "rank":
        listed = _listed(plan, figures)
        if listed is None or len({figure.kind for figure in listed.operands}) != 1:
            return None
        ranked = sorted(zip(listed.plan.operands, listed.operands, strict=True), key=lambda pair: -pair[1].value)
        order = Plan("rank", [operand for operand, _ in ranked])
        return Computation(order, [figure for _, figure in ranked], listed.result, "count", True, listed.missing)
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
    if plan.operation == "implied_part":  # the whole times the line's share of it
        whole, share = found
        if share.kind != "percent" or whole.kind == "percent":
            return None
        part = whole.value * share.value / _HUNDRED
        return _rounded(plan, found, part, whole.kind, _significant(part, 3))
    units, measures = {figure.unit for figure in found}, {figure.measure for figure in found}
    if len(kinds) != 1 or (len(units) > 1 and ("" not in units or len(units) > 2 or len(measures) > 1)):
        # an amount and a percent, or counts of different things (台, 个), do not combine; a count
        # of one measure written without its unit (a slide's `800万` beside `新增定点`) is of its unit
        return None
    kind = kinds.pop()
    step = _step_of(plan)
    if plan.operation == "share":
        if kind == "percent" or not values[1]:
            return None
        return _rounded(plan, found, values[0] / values[1] * _HUNDRED, "percent", step)
    if plan.operation == "multiple":  # "how many times": the larger over the smaller
        larger, smaller = max(values), min(values)
        return _rounded(plan, found, larger / smaller, "times", step) if smaller > 0 else None
    if plan.operation == "sum":
        return Computation(plan, found, sum(values, Decimal(0)), kind, True)
    result_kind = "pp" if kind == "percent" else kind
    if plan.operation == "difference":
        return Computation(plan, found, abs(values[0] - values[1]), result_kind, True)
    if plan.operation == "compare" and len(found) == 2:  # the later (or first named) against the other
        return Computation(plan, found, values[1] - values[0], result_kind, True)
    return None


def _listed(plan: Plan, figures: list[Figure]) -> Computation | None:
    """Each business line (EACH) or each named operand with its figure; the business lines
    themselves when the plan names no measure. None unless every one (and at least two) is found."""
    lines = business_lines(figures)
    if not plan.operands:  # 四大业务线是哪些: the lines, each cited where its revenue is stated
        asked = [Operand(line.measure, line.scope, line.period) for line in lines]
        return Computation(Plan("list", asked), lines, Decimal(len(lines)), "lines", True) if lines else None
    asked = [
        Operand(operand.measure, line.scope, operand.period, operand.relation)
        for operand in plan.operands
        for line in (lines if operand.scope == EACH else [operand])
    ]
    found = [(operand, resolve(operand, figures)) for operand in asked]
    kept = [(operand, figure) for operand, figure in found if figure is not None]
    missing = [operand for operand, figure in found if figure is None]
    each = all(operand.scope == EACH for operand in plan.operands)
    if len(kept) < 2 or (missing and not each):
        return None  # a named operand missing: the passages' path answers
    # a business line whose figure the filings do not give is named as missing, never dropped silently
    listed = Plan("list", [operand for operand, _ in kept])
    return Computation(listed, [figure for _, figure in kept], Decimal(len(kept)), "count", True, missing)


def business_lines(figures: list[Figure]) -> list[Figure]:
    """The business lines of a filing, as the revenue figures of the latest period whose lines'
    revenues add up to the group's (segments partition revenue: a region's revenue, 国际业务,
    overlaps them and is left out), in the order the filing states them; [] when none add up."""
    revenues: dict[tuple[str, str], list[Figure]] = {}
    for figure in figures:
        revenue = figure.measure == "营业收入" and figure.relation == "value" and figure.kind == "amount"
        if revenue and figure.period and "-" not in figure.period:  # a period, not an as-of date
            revenues.setdefault((figure.doc_id, figure.period), []).append(figure)
    for key in sorted(revenues, key=lambda key: Period.parse(key[1]).months(), reverse=True):
        stated = revenues[key]
        total = next((figure.value for figure in stated if figure.scope == GROUP), None)
        first: dict[str, Figure] = {}
        for figure in stated:
            if figure.scope not in (GROUP, PARENT) and "+" not in figure.scope:
                first.setdefault(figure.scope, figure)
        candidates = list(first.values())[:_MOST_LINES]
        for size in range(len(candidates), 1, -1):
            for subset in combinations(candidates, size):
                if total and abs(sum(figure.value for figure in subset) - total) <= total * _PARTITION_SLACK:
                    return sorted(subset, key=lambda figure: figure.start)
    return []


def _evaluate(formula: str, values: dict[str, Decimal]) -> Decimal | None:
    """A ratios.tsv formula over the operands' values, in exact decimals; None on a zero divisor.
    (Python reads 营业收入 as a name, normalised to NFKC.)"""
    named = {unicodedata.normalize("NFKC", name): value for name, value in values.items()}

    def value(node: ast.AST) -> Decimal:
        if isinstance(node, ast.BinOp) and type(node.op) in _OPERATORS:
            return _OPERATORS[type(node.op)](value(node.left), value(node.right))
        if isinstance(node, ast.Name):
            return named[node.id]
        raise ValueError(f"not a ratio formula: {formula}")

    try:
        return value(ast.parse(formula, mode="eval").body)
    except ZeroDivisionError:
        return None


def _ratio(plan: Plan, figures: list[Figure]) -> Computation | None:
    """The ratio by its ratios.tsv formula over its line items' amounts."""
    ratio = default_ratios()[plan.ratio]
    kinds = ("amount", "count") if ratio.unit == "amount" else ("amount",)  # revenue per customer
    found = [resolve(operand, figures) for operand in plan.operands]
    if any(figure is None or figure.kind not in kinds for figure in found):
        return None
    operands = [figure for figure in found if figure is not None]
    value = _evaluate(ratio.formula, {o.measure: f.value for o, f in zip(plan.operands, operands, strict=True)})
    if value is None:
        return None
    if ratio.unit == "percent":
        return _rounded(plan, operands, value * _HUNDRED, "percent", _step_of(plan))
    if ratio.unit == "amount":
        step = _step_of(plan) if plan.decimals is not None else _significant(value, 4)
        return _rounded(plan, operands, value, "amount", step)
    return _rounded(plan, operands, value, "times", _step_of(plan))


def _significant(value: Decimal, digits: int) -> Decimal:
    """The step that keeps `digits` significant digits (1,774,636 -> 1,000: 177.5万)."""
    return Decimal(1).scaleb(value.copy_abs().adjusted() - digits + 1) if value else Decimal(1)


def _stated_ratio(plan: Plan) -> Operand:
    """The ratio itself as a measure (毛利率 as the slides state it), of the plan's line and period."""
    asked = plan.operands[0]
    canonical = next((m.pair.chinese[0] for m in default_term_map().find(plan.ratio)), plan.ratio)
    return Operand(canonical, asked.scope, asked.period)


def _step_of(plan: Plan) -> Decimal:
    return Decimal(1).scaleb(-(1 if plan.decimals is None else plan.decimals))


def _looked_up(plan: Plan, figures: list[Figure]) -> Computation | None:
    """The one figure asked for, with its year-on-year change when the filings state it beside
    it; None when the filings state different values for it (a period or scope the question
    leaves open: 38亿 for 2022, 14.33亿 for H1 2023), so that no one of them is guessed."""
    asked = plan.operands[0]
    figure = _only(asked, figures)
    if figure is None or not (figure.kind in ("amount", "percent") or _counts(figure, asked.measure)):
        return None  # other counts (80+条, 1个, 110家 客户) are read less surely: the passages answer
    growth = Operand(asked.measure, asked.scope, figure.period, "yoy")
    dated = "-" in figure.period  # an as-of date (截至2023年3月28日) has no year-on-year change
    stated = asked.relation == "value" and figure.kind != "percent" and figure.period and not dated
    change = _only(growth, figures) if stated else None
    if change is not None and change.doc_id == figure.doc_id:
        return Computation(Plan("lookup", [asked, growth]), [figure, change], figure.value, figure.kind, True)
    return Computation(Plan("lookup", [asked]), [figure], figure.value, figure.kind, True)


def _counts(figure: Figure, measure: str) -> bool:
    """A count its label says is the number of the measure (服务客户数481, 城市数量163)."""
    forms = "|".join(re.escape(form) for form in _forms(measure))
    return figure.kind == "count" and re.search(rf"(?:{forms})\S{{0,4}}?数", figure.label) is not None


def _only(operand: Operand, figures: list[Figure]) -> Figure | None:
    """The figure stating the operand when every best-bound one says the same value."""
    found = _candidates(operand, figures)
    best = [figure for rank, figure in found if rank == found[0][0]] if found else []
    return best[0] if best and len({figure.value for figure in best}) == 1 else None


def resolve(operand: Operand, figures: list[Figure]) -> Figure | None:
    """The figure stating the operand: its measure (or the measure's other forms in the label),
    its business line, its period and its relation; the first such figure written."""
    found = _candidates(operand, figures)
    return found[0][1] if found else None


def _candidates(operand: Operand, figures: list[Figure]) -> list[tuple[int, Figure]]:
    """Every figure stating the operand with how well it is bound (0: its measure; 1: one of the
    measure's forms in its label; one better when the label names the group itself, 集团营业收入,
    for the group's figure), best first, then as written."""
    forms = _forms(operand.measure)
    asked = Period.parse(operand.period) if operand.period else None
    relations = ("yoy",) if operand.relation == "yoy" else ("value", "margin", "share")
    if asked is not None and operand.relation != "yoy":
        relations += ("prior",)  # H1 2022's 66.0% stated beside H1 2023's is H1 2022's value
    ratio = operand.relation == "yoy" or PERCENT_MEASURE.search(operand.measure) is not None
    found: list[tuple[int, Figure]] = []
    for figure in figures:
        if set(figure.scope.split("+")) != set(operand.scope.split("+")) or figure.relation not in relations:
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
        if operand.scope == GROUP and _NAMES_GROUP.search(figure.label):
            rank -= 1
        found.append((rank, figure))
    return sorted(found, key=lambda pair: pair[0])  # stable: as written within a rank


def compose(computation: Computation, language: str, cite: dict[str, int]) -> str:
    """The answer: result and formula first, then each operand with its citation [n] (`cite`:
    chunk id -> n)."""
    plan = computation.plan
    if plan.operation == "compare":
        return _compose_comparison(computation, language, cite)
    if plan.operation in ("list", "rank"):
        return _compose_list(computation, language, cite)
    if plan.operation == "lookup":
        return _compose_lookup(computation, language, cite)
    dated = len({operand.period for operand in plan.operands}) > 1  # 2022年上半年毛利率 vs 2023年上半年毛利率
    counted = [figure.kind == "count" for figure in computation.operands]
    named = [_name(operand, language, dated, count) for operand, count in zip(plan.operands, counted, strict=True)]
    operands, names = _ordered(computation, named)
    shown = [_amount(figure.value, figure.kind, language, figure.text) for figure in operands]
    result, formula = written(computation, language)
    # A result rounded as asked (保留两位小数) says so; one rounded otherwise is "about".
    asked_rounding = plan.operation == "ratio" and plan.decimals is not None
    about = "" if computation.exact or asked_rounding else ("约" if language == "zh" else "about ")
    if plan.operation == "implied_prior":
        fell = operands[1].value < 0
        names[1] = ("同比下降" if fell else "同比增长") if language == "zh" else "year-on-year change"
        shown[1] = shown[1].lstrip("-") if language == "zh" else shown[1]
    cited = [
        f"{name}{' ' if language == 'en' else ''}{value} [{cite[f.chunk_id]}]"
        for name, value, f in zip(names, shown, operands, strict=True)
    ]
    period = _period_label(plan, language)
    prior = _prior_label(plan, language)
    ratio = _ratio_name(plan, language)
    # the amount implied for the line: 智慧商业营业收入 / Smart Business revenue
    part = _name(Operand(plan.operands[0].measure, plan.operands[-1].scope, ""), language)
    rounding = _rounding(plan, language)
    if language == "zh":
        what = {
            "ratio": ratio,
            "share": f"{names[0]}占{names[1]}的比例",
            "sum": f"{'与'.join(names)}合计",
            "difference": f"{names[0]}比{names[1]}{'高' if computation.kind == 'pp' else '多'}",
            "multiple": f"{names[0]}是{names[1]}的",
            "implied_prior": f"据{period}数据推算，{prior}{names[0]}",
            "implied_part": f"据{names[0]}及{names[1]}推算，{period}{part}",
        }[plan.operation]
        lead = what if plan.operation in ("implied_prior", "implied_part") else period + what
        verb = "" if plan.operation in ("difference", "multiple") else "为"
        return f"{lead}{about}{verb}{result}（{formula}{rounding}）。其中{'，'.join(cited)}。"
    more = "higher" if computation.kind == "pp" else "more"
    what = {
        "ratio": ratio,
        "share": f"{names[0]} as a share of {names[1]}",
        "sum": f"{' and '.join(names)} combined",
        "difference": f"{names[0]} was {about}{result} {more} than {names[1]}",
        "multiple": f"{names[0]} as a multiple of {names[1]}",
        "implied_prior": f"the implied {prior} {names[0]}",
        "implied_part": f"from {names[0]} and {names[1]}, {part}{' in ' + period if period else ''}",
    }[plan.operation]
    inferred = plan.operation in ("implied_prior", "implied_part")
    lead = f"In {period}, {what}" if period and not inferred else _capitalised(what)
    stated = lead if plan.operation == "difference" else f"{lead} was {about}{result}"
    return f"{stated} ({formula}{rounding}): {'; '.join(cited)}."


def _compose_lookup(computation: Computation, language: str, cite: dict[str, int]) -> str:
    """The figure asked for, cited, and its year-on-year change when stated beside it."""
    asked = computation.plan.operands[0]
    figure, *change = computation.operands
    stated = asked.period or (figure.period if "-" not in figure.period else "")  # no period asked: the figure's
    period = Period.parse(stated).label(language) if stated else ""
    name = _name(Operand(asked.measure, asked.scope, asked.period), language, count=figure.kind == "count")
    if language == "zh":
        if asked.relation == "yoy":
            return f"{period}{name}{_change(figure, language, cite)}。"
        value = f"{_amount(figure.value, figure.kind, language, figure.text)} [{cite[figure.chunk_id]}]"
        return f"{period}{name}为{value}{'，' + _change(change[0], language, cite) if change else ''}。"
    name = _capitalised(name)
    when = f" in {period}" if period else ""
    if asked.relation == "yoy":
        return f"{name}{when} was {_change(figure, language, cite)}."
    value = f"{_amount(figure.value, figure.kind, language, figure.text)} [{cite[figure.chunk_id]}]"
    return f"{name}{when} was {value}{', ' + _change(change[0], language, cite) if change else ''}."


def _change(figure: Figure, language: str, cite: dict[str, int]) -> str:
    """同比增长6.7% [1] / up 6.7% year on year [1]."""
    size, n = _plain(abs(figure.value)), cite[figure.chunk_id]
    if language == "zh":
        return f"同比{'增长' if figure.value >= 0 else '下降'}{size}% [{n}]"
    return f"{'up' if figure.value >= 0 else 'down'} {size}% year on year [{n}]"


def _compose_list(computation: Computation, language: str, cite: dict[str, int]) -> str:
    """Every listed figure with its citation; or the business lines, each cited where its revenue
    is stated."""
    plan = computation.plan
    period = _period_label(plan, language)
    if computation.kind == "lines":
        lines = [(figure.scope, cite[figure.chunk_id]) for figure in computation.operands]
        if language == "zh":
            named = "、".join(f"{line} [{n}]" for line, n in lines)
            return f"业务线共{len(lines)}条：{named}（其{period}收入之和即集团收入）。"
        names = [f"{english_name(line).title()} [{n}]" for line, n in lines]
        return (
            f"The filings report {len(names)} business lines: {', '.join(names[:-1])} and {names[-1]}"
            f" (their {period} revenues add up to the group's)."
        )
    dated = not period
    stated = [
        f"{_name(o, language, dated)}{'' if language == 'zh' else ' '}{_amount(f.value, f.kind, language, f.text)}"
        f" [{cite[f.chunk_id]}]"
        for o, f in zip(plan.operands, computation.operands, strict=True)
    ]
    missing = _missing(computation.missing, language, dated)
    if plan.operation == "rank":  # highest first, then which is highest and which lowest
        top, bottom = plan.operands[0].scope, plan.operands[-1].scope
        if language == "zh":
            lead = f"{period}，" if period else ""
            return f"{lead}由高到低：{'，'.join(stated)}。最高为{top}，最低为{bottom}。{missing}"
        top, bottom = english_name(top).title(), english_name(bottom).title()
        lead = f"In {period}, highest first" if period else "Highest first"
        return f"{lead}: {'; '.join(stated)}. Highest: {top}; lowest: {bottom}.{missing}"
    if language == "zh":
        return f"{period + '，' if period else ''}{'，'.join(stated)}。{missing}"
    return f"{'In ' + period + ': ' if period else ''}{'; '.join(stated)}.{missing}"


def _missing(operands: list[Operand], language: str, dated: bool) -> str:
    """What a list or ranking lacks, said: 文件未给出智慧城市客户数同比增速。/ The filings do not give …"""
    if not operands:
        return ""
    names = [_name(operand, language, dated) for operand in operands]
    if language == "zh":
        return f"文件未给出{'、'.join(names)}。"
    return f" The filings do not give {', '.join(names)}."


def _compose_comparison(computation: Computation, language: str, cite: dict[str, int]) -> str:
    """Both values with their citations and the change between them: across periods, from the
    earlier to the later; across business lines or measures, the first named against the other."""
    plan = computation.plan
    first, second = computation.operands
    a, b = (_amount(f.value, f.kind, language, f.text) for f in (first, second))
    n1, n2 = cite[first.chunk_id], cite[second.chunk_id]
    result, formula = written(computation, language)
    across_periods = plan.operands[0].period != plan.operands[1].period
    change = computation.result if across_periods else -computation.result
    labels = [Period.parse(o.period).label(language) if o.period else "" for o in plan.operands]
    if language == "zh":
        rise, fall = ("提高", "下降") if computation.kind == "pp" else ("增加", "减少")
        moved = "持平" if not change else f"{rise if change > 0 else fall}{result}"
        if across_periods:
            to = "升至" if change > 0 else ("降至" if change < 0 else "持平于")
            name = _name(plan.operands[0], language, count=computation.kind == "count")
            return f"{name}从{labels[0]}的{a} [{n1}]{to}{labels[1]}的{b} [{n2}]，{moved}（{formula}）。"
        names = [_name(o, language) for o in plan.operands]
        more = "持平" if not change else f"{'高' if change > 0 else '低'}{result}"
        return f"{labels[0]}{names[0]}为{a} [{n1}]，{names[1]}为{b} [{n2}]，前者比后者{more}（{formula}）。"
    if across_periods:
        moved = "unchanged" if not change else f"{'up' if change > 0 else 'down'} {result}"
        name = _capitalised(_name(plan.operands[0], language, count=computation.kind == "count"))
        return f"{name} went from {a} in {labels[0]} [{n1}] to {b} in {labels[1]} [{n2}], {moved} ({formula})."
    names = [_name(o, language) for o in plan.operands]
    more = "the same" if not change else f"{result} {'higher' if change > 0 else 'lower'}"
    lead = f"In {labels[0]}, {names[0]}" if labels[0] else _capitalised(names[0])
    return f"{lead} was {a} [{n1}] and {names[1]} {b} [{n2}]: {more} ({formula})."


def written(computation: Computation, language: str) -> tuple[str, str]:
    """The result and its formula as the answer writes them: ("59.6%", "8.536亿元 ÷ 14.33亿元")."""
    operands, _ = _ordered(computation, [])
    # the formula's operands as numbers (500多万台 − 800万; 5 million − 8 million, not "more than 5 million")
    shown = [_BOUND.sub("", _amount(figure.value, figure.kind, language, figure.text)) for figure in operands]
    result = _amount(computation.result, computation.kind, language)
    if computation.plan.operation == "implied_prior":
        growth = operands[1].value
        return result, f"{shown[0]} ÷ (1 {'+' if growth >= 0 else '−'} {abs(growth).normalize():f}%)"
    if computation.plan.operation == "implied_part":
        return result, f"{shown[0]} × {shown[1]}"
    if computation.plan.operation == "ratio":
        formula = default_ratios()[computation.plan.ratio].formula
        words = values = re.sub(r"\s*([-+*/])\s*", lambda m: _SYMBOLS[m[1]], formula)
        for operand, amount in zip(computation.plan.operands, shown, strict=True):
            values = values.replace(operand.measure, amount)
            name = operand.measure if language == "zh" else english_name(operand.measure)
            words = words.replace(operand.measure, name)
        return result, f"{words} = {values}"
    if computation.plan.operation in ("list", "rank"):
        return str(len(computation.operands)), ""
    if computation.plan.operation == "lookup":
        return _amount(computation.result, computation.kind, language, computation.operands[0].text), ""
    about = ("约" if language == "zh" else "about ") if any(_APPROXIMATE.search(f.text) for f in operands) else ""
    if computation.plan.operation == "compare":
        later_first = computation.plan.operands[0].period != computation.plan.operands[1].period
        signed = [f"({value})" if value.startswith("-") else value for value in shown]  # 50.2% − (-25%)
        return about + _amount(abs(computation.result), computation.kind, language), " − ".join(
            signed[::-1] if later_first else signed
        )
    symbol = {"share": "÷", "multiple": "÷", "sum": "+", "difference": "−"}[computation.plan.operation]
    return about + result, f" {symbol} ".join(shown)


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


def _ratio_name(plan: Plan, language: str) -> str:
    """集团毛利率 / the group's gross margin, for a ratio plan."""
    if plan.operation != "ratio":
        return ""
    scope = plan.operands[0].scope
    if language == "zh":
        return f"{'集团' if scope == GROUP else scope}{plan.ratio}"
    english = next((name for name in default_ratios()[plan.ratio].names if name.isascii()), plan.ratio)
    return f"{'the group' if scope == GROUP else english_name(scope).title()}'s {english}"


def _rounding(plan: Plan, language: str) -> str:
    if plan.operation != "ratio" or plan.decimals is None:
        return ""
    if language == "zh":
        return f"，保留{'两' if plan.decimals == 2 else plan.decimals}位小数"
    return f", rounded to {plan.decimals} decimal place{'s' if plan.decimals != 1 else ''}"


def _amount(value: Decimal, kind: str, language: str, written: str = "") -> str:
    if kind == "percent":
        return f"{_plain(value)}%"
    if kind == "pp":
        return f"{_plain(value)}个百分点" if language == "zh" else f"{_plain(value)} percentage points"
    if kind == "times":
        return f"{_plain(value)}倍" if language == "zh" else f"{_plain(value)} times"
    cell = bool(written) and kind == "amount" and re.fullmatch(r"[-−(（]?[\d,.]+[)）]?", written.strip()) is not None
    if language == "zh":
        if cell:
            return written.strip() + _scale_word(value, written)  # a table cell under 单位：元 / 万元
        if written:
            return "".join(written.split())  # "166 亿元" as 166亿元
        return chinese_amount(value) + ("元" if kind == "amount" else "")
    # A cell written to the yuan (1,175,301,034.32) stays as written; 8.536亿 and 247,265.47万 read
    # as 853.6 million and 2.4726547 billion, every written digit kept.
    number = f"{value.normalize():,f}" if cell and _scale_word(value, written) == "元" else english_amount(value)
    bound = "more than " if re.search(r"多|余|\+|超", written) else ("about " if re.search("约|近", written) else "")
    return bound + ("RMB " if kind == "amount" else "") + number


def _scale_word(value: Decimal, written: str) -> str:
    number = Decimal(re.sub(r"[^\d.]", "", written) or "0")
    return _SCALES.get(abs(value) / number if number else Decimal(1), "")


def _capitalised(text: str) -> str:
    """An English sentence's opening: the group's revenue -> The group's revenue (not str.title)."""
    return text[:1].upper() + text[1:]


def _plain(value: Decimal) -> str:
    return f"{value.normalize():f}"


def _name(operand: Operand, language: str, dated: bool = False, count: bool = False) -> str:
    """智慧商业营业收入 / Smart Business revenue; the group's line is 集团 / the group's; `dated`:
    with the operand's period (2022年上半年集团毛利率 / the group's gross margin in H1 2022);
    `count`: the measure is a number of things (智慧商业客户数 / Smart Business customer count)."""
    period = Period.parse(operand.period).label(language) if dated and operand.period else ""
    growth = operand.relation == "yoy"
    parts = operand.scope.split("+")  # lines reported together: 智慧生活+智能汽车
    if language == "zh":
        scope = "集团" if operand.scope == GROUP else "与".join(parts)
        number = "数" if count and not operand.measure.endswith(("数", "数量")) else ""
        return f"{period}{scope}{operand.measure}{number}{'同比增速' if growth else ''}"
    scope = "the group's" if operand.scope == GROUP else " and ".join(english_name(p).title() for p in parts)
    scope += " combined" if len(parts) > 1 else ""
    measure = english_name(operand.measure) + (" count" if count else "") + (" growth" if growth else "")
    return f"{scope} {measure}" + (f" in {period}" if period else "")


def english_name(chinese: str) -> str:
    """The term map's English name of a measure or business line (营业收入 -> revenue)."""
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
