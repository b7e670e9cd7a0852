"""The figures an answer was computed from, as a reader sees them: one row per figure (measure,
business line, period, value as written, source [n]) in the answer's language, for the terminal
and the web page, and the values to draw as bars when they compare like with like."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from rag.answer.result import Answer
from rag.figures.execute import english_name
from rag.figures.model import GROUP
from rag.text.periods import Period

HEADINGS = {"zh": ("指标", "业务", "期间", "数值", "来源"), "en": ("Measure", "Line", "Period", "Value", "Source")}
# What each plan operation does, as the plan line names it.
OPERATIONS = {
    "lookup": ("查找", "lookup"),
    "share": ("占比", "share"),
    "sum": ("合计", "sum"),
    "difference": ("差额", "difference"),
    "multiple": ("倍数", "multiple"),
    "implied_prior": ("由增速推算上期", "prior period implied by growth"),
    "implied_part": ("由占比推算金额", "amount implied by a share"),
    "ratio": ("比率", "ratio"),
    "compare": ("比较", "comparison"),
    "list": ("列举", "list"),
    "rank": ("排序", "ranking"),
}


@dataclass(frozen=True)
class OperandRow:
    measure: str
    scope: str
    period: str
    value: str  # as the filing writes it: 8.536亿元
    n: int  # its citation
    amount: Decimal  # in base units, for the bars
    kind: str


def operand_rows(answer: Answer) -> list[OperandRow]:
    """One row per figure of a computed answer, in the order the answer uses them."""
    zh = answer.language == "zh"
    rows = []
    for operand in answer.operands:
        measure, scope = operand["operand"], operand["scope"]
        growth = operand["relation"] == "yoy"
        counted = operand["kind"] == "count"  # a number of things: 客户数 / customer count
        if zh:
            measure += "数" if counted and not measure.endswith(("数", "数量")) else ""
            measure += "（同比）" if growth else ""
            scope = "集团" if scope == GROUP else scope
        else:
            measure = english_name(measure) + (" count" if counted else "") + (" (year on year)" if growth else "")
            scope = "Group" if scope == GROUP else " + ".join(english_name(part).title() for part in scope.split("+"))
        rows.append(
            OperandRow(
                measure,
                scope,
                _period(operand["period"], answer.language),
                "".join(operand["text"].split()),
                operand["n"],
                Decimal(operand["value"]),
                operand["kind"],
            )
        )
    return rows


def bars(rows: list[OperandRow]) -> list[tuple[str, OperandRow, float]]:
    """(label, row, length from 0 to 1) for each row, when the figures compare like with like (two
    or more of one kind, none negative and none zero-sized); else []."""
    if len(rows) < 2 or len({row.kind for row in rows}) != 1 or any(row.amount < 0 for row in rows):
        return []
    largest = max(row.amount for row in rows)
    if not largest:
        return []
    periods = len({row.period for row in rows}) > 1
    return [(row.period if periods else row.scope, row, float(row.amount / largest)) for row in rows]


def plan_line(answer: Answer) -> str:
    """The plan a computed answer executed, in its language: "计划：占比（智慧商业营业收入, 集团营业收入；
    2023年上半年）" / "Plan: share (Smart Business revenue, Group revenue; H1 2023)"; "" otherwise."""
    rows = operand_rows(answer)
    operation = (answer.computation or {}).get("operation", "")
    if not rows or operation not in OPERATIONS:
        return ""
    zh = answer.language == "zh"
    what = OPERATIONS[operation][0 if zh else 1]
    names = list(dict.fromkeys(f"{row.scope}{'' if zh else ' '}{row.measure}" for row in rows))
    periods = list(dict.fromkeys(row.period for row in rows if row.period))
    joined = ("、" if zh else ", ").join(names) + (("；" if zh else "; ") + ("、" if zh else ", ").join(periods))
    return f"计划：{what}（{joined}）" if zh else f"Plan: {what} ({joined})"


def operands_text(answer: Answer) -> str:
    """The figures as a small table for the terminal; "" when the answer was not computed."""
    rows = operand_rows(answer)
    if not rows:
        return ""
    table = [HEADINGS[answer.language]] + [(r.measure, r.scope, r.period, r.value, f"[{r.n}]") for r in rows]
    widths = [max(_width(line[column]) for line in table) for column in range(5)]
    lines = [
        "  ".join(cell + " " * (width - _width(cell)) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in table
    ]
    heading = "计算所用数字：" if answer.language == "zh" else "Figures used:"
    plan = plan_line(answer)
    return "\n".join([plan, heading, *lines] if plan else [heading, *lines])


def _period(written: str, language: str) -> str:
    if not written or "-" in written:  # an as-of date (2023-03-28) reads as written
        return written
    return Period.parse(written).label(language)


def _width(text: str) -> int:
    """Columns a string takes in a terminal: CJK characters take two."""
    return sum(2 if "\u2e80" <= ch <= "\uffef" else 1 for ch in text)
