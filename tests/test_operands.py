"""The figures a computed answer used, shown as a table in the terminal and on the web page (each
value linked to its source), with bars when they compare like with like."""

from __future__ import annotations

from rag.answer.operands import bars, operand_rows, operands_text, plan_line
from rag.answer.result import Answer
from rag.figures.extract import extract_figures
from rag.web.render import operands_html

TEXT = "1)智慧商业\n\n23H1实现收入8.536亿元,同比增长50.2%。\n\n2)智慧生活\n\n23H1实现收入3.118亿元,同比增长6.7%。"


def answer(language: str, kinds: tuple[str, ...] = ("amount",)) -> Answer:
    found = [f for f in extract_figures("d", TEXT, [], "2023H1") if f.kind in kinds]
    operands = [{**f.to_dict(), "n": n, "operand": f.measure, "asked_scope": f.scope} for n, f in enumerate(found, 1)]
    return Answer("q", "…", language, False, [], "figures", None, operands=operands)


def test_rows_name_measure_line_and_period_in_the_answer_s_language() -> None:
    zh, en = operand_rows(answer("zh")), operand_rows(answer("en"))
    assert [(r.measure, r.scope, r.period, r.value, r.n) for r in zh] == [
        ("营业收入", "智慧商业", "2023年上半年", "8.536亿元", 1),
        ("营业收入", "智慧生活", "2023年上半年", "3.118亿元", 2),
    ]
    assert (en[0].measure, en[0].scope, en[0].period) == ("revenue", "Smart Business", "H1 2023")
    assert operands_text(answer("en")).splitlines()[2].split() == [
        "revenue",
        "Smart",
        "Business",
        "H1",
        "2023",
        "8.536亿元",
        "[1]",
    ]


def test_bars_compare_like_with_like_only() -> None:
    drawn = bars(operand_rows(answer("zh")))
    assert [(label, round(length, 3)) for label, _, length in drawn] == [("智慧商业", 1.0), ("智慧生活", 0.365)]
    assert (
        bars(operand_rows(answer("zh", ("amount", "percent")))) == []
    )  # amounts and growth rates do not share an axis


def test_the_web_page_shows_the_table_with_linked_sources_and_nothing_for_other_answers() -> None:
    shown = operands_html(answer("en"), turn=3)
    assert '<table class="operands">' in shown and 'href="#source-3-2"' in shown and "Smart Life" in shown
    assert 'class="bar-fill"' in shown
    plain = Answer("q", "quoted", "en", False, [], "none", None)
    assert operands_html(plain, 0) == "" and operands_text(plain) == ""


def test_the_plan_a_computed_answer_executed_is_named_in_its_language() -> None:
    zh, en = answer("zh"), answer("en")
    zh.computation = en.computation = {"operation": "sum", "result": "", "formula": "", "exact": True}
    assert plan_line(zh) == "计划：合计（智慧商业营业收入、智慧生活营业收入；2023年上半年）"
    assert plan_line(en) == "Plan: sum (Smart Business revenue, Smart Life revenue; H1 2023)"
    assert operands_text(en).splitlines()[0] == plan_line(en)
    assert '<p class="plan">Plan: sum' in operands_html(en, turn=1)
    assert plan_line(answer("en")) == ""  # not computed
