"""Questions about figures as plans, executed in code: a share, a sum, a difference, a multiple or a
prior-period value implied by a growth rate, computed exactly from figures bound to the asked
measure, business line and period, and composed with formula and a citation per operand."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rag.figures.execute import compose, execute
from rag.figures.extract import extract_figures
from rag.figures.model import GROUP, Figure
from rag.figures.plan import Operand, Plan, per_period, plan_question
from rag.ingest.tables import find_tables
from rag.pipeline import Pipeline
from rag.retrieve.hybrid import Query
from rag.text.periods import find_periods
from rag.text.terms import default_term_map

SCOPES = {"智慧商业", "智慧生活", "智慧城市", "智能汽车"}
H1 = (
    "123H1业绩总体表现: 收入实现14.33亿元,同比增加1.3%。净亏损31.43亿元。经调整净亏损23.93亿元。\n\n"
    "1)智慧商业\n\n23H1实现收入8.536亿元,同比增长50.2%。\n\n"
    "2)智慧生活\n\n23H1实现收入3.118亿元,同比增长6.7%,收入占比提升至21.8%。\n\n"
    "3)智慧城市\n\n23H1实现收入1.838亿元,收入占比为12.8%。"
)


def query(text: str) -> Query:
    return Query(text, tuple(default_term_map().expand(text)), (), text, tuple(find_periods(text)))


def h1_figures() -> list[Figure]:
    found = extract_figures("h1", H1, find_tables(H1), "2023H1")
    for figure in found:
        figure.chunk_id = "h1#0" if figure.start < H1.index("1)智慧商业") else f"h1#{figure.scope}"
    return found


@pytest.mark.parametrize(
    ("question", "operation", "operands"),
    [
        ("2023年上半年智慧商业收入占总收入的比例是多少？", "share", [("智慧商业", "2023H1"), (GROUP, "2023H1")]),
        (
            "What share of H1 2023 revenue came from Smart Business?",
            "share",
            [("智慧商业", "2023H1"), (GROUP, "2023H1")],
        ),
        ("2023年上半年智慧商业和智慧生活的收入合计是多少？", "sum", [("智慧商业", "2023H1"), ("智慧生活", "2023H1")]),
        ("2023年上半年智慧商业收入比智慧生活多多少？", "difference", [("智慧商业", "2023H1"), ("智慧生活", "2023H1")]),
        (
            "In H1 2023, how many times as large as Smart Auto's revenue was Smart City's revenue?",
            "multiple",
            [("智能汽车", "2023H1"), ("智慧城市", "2023H1")],
        ),
    ],
)
def test_cue_words_business_lines_and_periods_make_the_plan(question: str, operation: str, operands: list) -> None:
    plan = plan_question(query(question), SCOPES)
    assert plan.operation == operation
    assert [(operand.scope, operand.period) for operand in plan.operands] == operands
    assert {operand.measure for operand in plan.operands} == {"营业收入"}


def test_a_computation_within_a_period_is_planned_for_each_period_named() -> None:
    plan = plan_question(query("2022年和2021年智慧商业与智慧城市的收入占比合计分别是多少？"), SCOPES)
    plans = per_period(plan)
    assert [p.operation for p in plans] == ["sum", "sum"]
    assert [{o.period for o in p.operands} for p in plans] == [{"2022"}, {"2021"}]
    assert [o.scope for o in plans[1].operands] == ["智慧商业", "智慧城市"]
    # a change from one period to the other is one computation
    change = plan_question(query("智慧生活的收入增速2022年与2023年上半年相比如何？"), SCOPES)
    assert per_period(change) == [change]


def test_a_growth_rate_question_plans_the_implied_prior_value() -> None:
    plan = plan_question(query("根据2023年上半年收入及其同比增幅，2022年上半年商汤收入约为多少？"), SCOPES)
    assert plan.operation == "implied_prior"
    assert [(o.period, o.relation) for o in plan.operands] == [("2023H1", "value"), ("2023H1", "yoy")]


LINES = (
    "收入实现14.33亿元,同比增加1.3%。\n\n"
    "1)智慧商业\n\n23H1实现收入8.536亿元,同比增长50.2%。\n\n"
    "2)智慧生活\n\n23H1实现收入3.118亿元,同比增长6.7%。\n\n"
    "3)智能汽车\n\n23H1实现收入0.839亿元,同比下降30.5%。\n\n"
    "4)智慧城市\n\n23H1实现收入1.838亿元,同比下降57.7%。\n\n"
    "5)国际业务\n\n23H1收入2.292亿元,同比增长19.2%。"
)


def lines_figures() -> list[Figure]:
    found = extract_figures("l", LINES, [], "2023H1")
    for figure in found:
        figure.chunk_id = f"l#{figure.scope}"
    return found


def test_a_lookup_gives_the_one_bound_figure_and_its_growth_and_refuses_when_values_differ() -> None:
    plan = plan_question(query("2023年上半年智能汽车收入是多少？"), SCOPES)
    assert plan.operation == "lookup" and plan.operands == [Operand("营业收入", "智能汽车", "2023H1")]
    looked = execute(plan, lines_figures())
    assert looked is not None
    assert (
        compose(looked, "zh", {"l#智能汽车": 1}) == "2023年上半年智能汽车营业收入为0.839亿元 [1]，同比下降30.5% [1]。"
    )
    english = execute(
        plan_question(query("What was Smart Business's revenue growth in H1 2023?"), SCOPES), lines_figures()
    )
    assert english is not None
    assert (
        compose(english, "en", {"l#智慧商业": 1}) == "Smart Business revenue in H1 2023 was up 50.2% year on year [1]."
    )
    # Revenue without a period: 14.33亿 (H1 2023) here, 38亿 (2022) elsewhere: not one figure, so none.
    other = extract_figures("y", "2022年全年收入38亿元。", [], "FY2022")
    assert execute(plan_question(query("商汤的营业收入是多少？"), SCOPES), lines_figures() + other) is None
    assert not plan_question(query("Why did Smart City revenue fall in H1 2023?"), SCOPES).computed


COUNTS = (
    "110家 客户\n\n1)智慧商业\n\n23H1实现收入8.536亿元。服务客户数481,yoy-6.1%,单客户收入提高59.9%。\n\n"
    "2)智慧生活\n\n23H1实现收入3.118亿元。客户数达到270,yoy+47.5%\n"
)


def test_a_count_its_label_calls_the_number_of_the_measure_is_looked_up_with_its_change() -> None:
    found = extract_figures("c", COUNTS, [], "2023H1")
    for figure in found:
        figure.chunk_id = "c#1"
    assert [(f.text, f.value, f.relation) for f in found if f.scope == "智慧商业"][1:3] == [
        ("481", Decimal(481), "value"),
        ("6.1%", Decimal("-6.1"), "yoy"),  # yoy-6.1% is a fall, not part of a name
    ]
    looked = execute(plan_question(query("How many customers did Smart Life have in H1 2023?"), SCOPES), found)
    assert looked is not None
    assert (
        compose(looked, "en", {"c#1": 1})
        == "Smart Life customer count in H1 2023 was 270 [1], up 47.5% year on year [1]."
    )
    zh = execute(plan_question(query("2023年上半年智慧商业服务客户数是多少？"), SCOPES), found)
    assert zh is not None and compose(zh, "zh", {"c#1": 1}) == "2023年上半年智慧商业客户数为481 [1]，同比下降6.1% [1]。"
    # cities "with populations over 10 million" are not all the cities: no one count answers it
    for narrowed in ("How many cities with populations over 10 million has it served?", "其中千万人口以上城市有几个？"):
        assert plan_question(query(narrowed), SCOPES).operation == "text"
    # "110家 客户" (110 of the Fortune 500 among the customers) does not say it is the customer count
    assert execute(plan_question(query("集团2023年上半年有多少客户？"), SCOPES), found) is None


def test_revenue_per_customer_is_computed_from_revenue_and_the_customer_count() -> None:
    found = extract_figures("c", COUNTS, [], "2023H1")
    for figure in found:
        figure.chunk_id = "c#1"
    plan = plan_question(query("What was the average revenue per Smart Life customer in H1 2023?"), SCOPES)
    assert (plan.operation, plan.ratio, plan.decimals) == ("ratio", "单客户平均收入", None)
    computed = execute(plan, found)
    assert computed is not None and computed.result == Decimal("1155000")  # 3.118亿 ÷ 270, four digits kept
    assert "about RMB 1.155 million (revenue ÷ customer = RMB 311.8 million ÷ 270)" in compose(
        computed, "en", {"c#1": 1}
    )
    zh = execute(plan_question(query("2023年上半年智慧商业单客户平均收入约为多少？"), SCOPES), found)
    assert zh is not None and "约为177.5万元（营业收入 ÷ 客户 = 8.536亿元 ÷ 481）" in compose(zh, "zh", {"c#1": 1})
    # its growth is a stated figure, not a computation
    assert plan_question(query("2023年上半年智慧商业单客户收入同比增长多少？"), SCOPES).operation != "ratio"


def test_the_combined_growth_of_two_lines_is_the_figure_stated_for_both_not_a_sum_of_rates() -> None:
    text = "智慧生活\n\n收入同比: +130%\n\n智能汽车\n\n收入同比: +59%\n\n全年\n\n"
    text += "智慧生活 + 智能汽车收入同比增长108%\n\n智慧生活业务、智能汽车业务"
    found = extract_figures("g", text, [], "FY2022")
    for figure in found:
        figure.chunk_id = "g#1"
    for question, language, expected in [
        ("2022年智慧生活和智能汽车收入合计同比增长多少？", "zh", "2022年智慧生活与智能汽车营业收入同比增长108% [1]。"),
        (
            "How much did Smart Auto and Smart Life revenue grow combined in 2022?",
            "en",
            "Smart Auto and Smart Life combined revenue in 2022 was up 108% year on year [1].",
        ),
    ]:
        computed = execute(plan_question(query(question), SCOPES), found)
        assert computed is not None and compose(computed, language, {"g#1": 1}) == expected


def test_a_line_s_amount_implied_by_the_group_s_and_its_share_is_their_product() -> None:
    text = "2022年全年业绩亮点\n\n38 亿元\n\n集团营业收入 (同比 -19%)\n\n智慧商业\n\n业务收入占比为38%。"
    found = extract_figures("p", text, [], "FY2022")
    for figure in found:
        figure.chunk_id = "p#1"
    plan = plan_question(query("根据2022年集团营业收入和智慧商业收入占比，2022年智慧商业收入约为多少？"), SCOPES)
    assert plan.operation == "implied_part"
    computed = execute(plan, found)
    assert computed is not None and computed.result == Decimal("1.44E+9")  # 38亿 × 38%, three digits kept
    assert compose(computed, "zh", {"p#1": 1}).startswith(
        "据集团营业收入及智慧商业收入占比推算，2022年智慧商业营业收入约为14.4亿元（38亿元 × 38%）。"
    )


def test_the_business_lines_are_those_whose_revenues_add_up_to_the_group_s() -> None:
    plan = plan_question(query("四大业务线是哪些？"), SCOPES | {"国际业务"})
    assert (plan.operation, plan.operands) == ("list", [])
    computation = execute(plan, lines_figures())
    assert computation is not None  # 国际业务 is a region: its revenue overlaps the four lines'
    assert [figure.scope for figure in computation.operands] == ["智慧商业", "智慧生活", "智能汽车", "智慧城市"]
    cite = {f"l#{line}": n for n, line in enumerate(["智慧商业", "智慧生活", "智能汽车", "智慧城市"], 1)}
    assert compose(computation, "en", cite).startswith(
        "The filings report 4 business lines: Smart Business [1], Smart Life [2], Smart Auto [3] and Smart City [4]"
    )


def test_each_business_line_s_figure_is_listed_and_ranked() -> None:
    cite = {f"l#{line}": n for n, line in enumerate(["智慧商业", "智慧生活", "智能汽车", "智慧城市"], 1)}
    listed = execute(plan_question(query("2023年上半年四大业务的收入分别是多少？"), SCOPES), lines_figures())
    assert listed is not None and compose(listed, "zh", cite) == (
        "2023年上半年，智慧商业营业收入8.536亿元 [1]，智慧生活营业收入3.118亿元 [2]，"
        "智能汽车营业收入0.839亿元 [3]，智慧城市营业收入1.838亿元 [4]。"
    )
    plan = plan_question(query("Which business line grew fastest in H1 2023?"), SCOPES)
    assert plan.operation == "rank" and plan.operands[0].relation == "yoy"
    ranked = execute(plan, lines_figures())
    assert ranked is not None
    assert [figure.text for figure in ranked.operands] == ["50.2%", "6.7%", "30.5%", "57.7%"]
    assert compose(ranked, "en", cite).endswith("Highest: Smart Business; lowest: Smart City.")


def test_a_business_line_the_filings_give_no_figure_for_is_named_as_missing_not_dropped() -> None:
    # customer counts for three of the four lines: ranked, and the fourth said to be missing
    text = LINES + "\n\n智慧商业服务客户数481,yoy-6.1%。智慧生活客户数量270,yoy+47.5%。智能汽车客户数量34,yoy+70.0%。"
    figures = extract_figures("l", text, [], "2023H1")
    for figure in figures:
        figure.chunk_id = "l#0"
    ranked = execute(plan_question(query("2023年上半年哪个业务线的客户数增长最快？"), SCOPES), figures)
    assert ranked is not None and [o.scope for o in ranked.missing] == ["智慧城市"]
    assert compose(ranked, "zh", {"l#0": 1}).endswith(
        "最高为智能汽车，最低为智慧商业。文件未给出智慧城市客户同比增速。"
    )
    english = execute(
        plan_question(query("Which business line's customer count grew fastest in H1 2023?"), SCOPES), figures
    )
    assert english is not None
    assert compose(english, "en", {"l#0": 1}).endswith("The filings do not give Smart City customer growth.")
    # a named operand missing still computes nothing
    assert execute(plan_question(query("2023年上半年智慧城市和智慧商业的客户数分别是多少？"), SCOPES), figures) is None


GROWTH = "1)智慧生活\n\n2022年收入同比增长130%。23H1实现收入3.118亿元,同比增长6.7%。"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        (
            "智慧生活的收入增速2022年与2023年上半年相比如何？",
            "智慧生活营业收入同比增速从2022年的130% [1]降至2023年上半年的6.7% [1]，下降123.3个百分点（6.7% − 130%）。",
        ),
        (
            "How did Smart Life's revenue growth in H1 2023 compare with 2022?",
            "Smart Life revenue growth went from 130% in 2022 [1] to 6.7% in H1 2023 [1], "
            "down 123.3 percentage points (6.7% − 130%).",
        ),
    ],
)
def test_a_comparison_across_periods_states_both_figures_and_the_change(question: str, expected: str) -> None:
    found = extract_figures("g", GROWTH, [], "2023H1")
    for figure in found:
        figure.chunk_id = "g#0"
    plan = plan_question(query(question), SCOPES)
    assert plan.operation == "compare" and [o.relation for o in plan.operands] == ["yoy", "yoy"]
    assert [o.period for o in plan.operands] == ["2022", "2023H1"]  # the earlier first, however asked
    computation = execute(plan, found)
    assert computation is not None and computation.result == Decimal("-123.3")
    assert compose(computation, "zh" if "智慧" in question else "en", {"g#0": 1}) == expected


def test_than_a_year_earlier_is_the_same_period_of_the_prior_year() -> None:
    plan = plan_question(query("2023年上半年经调整净亏损率比去年同期改善了多少个百分点？"), SCOPES)
    assert plan.operation == "difference" and [o.period for o in plan.operands] == ["2023H1", "2022H1"]
    prior = plan_question(
        query("Based on the reported growth, how much revenue did Smart Life make in H1 2022?"), SCOPES
    )
    assert prior.operation == "implied_prior" and prior.operands[0].period == "2023H1"  # the year after the asked


@pytest.mark.parametrize(
    ("question", "ratio", "operands", "decimals"),
    [
        ("2019年四方科技毛利率是多少？请保留两位小数。", "毛利率", ["营业收入", "营业成本"], 2),
        ("安靠智电2019年营业成本率是多少?保留2位小数。", "营业成本率", ["营业成本", "营业收入"], 2),
        (
            "What was the administrative expense ratio in 2019, to one decimal place?",
            "管理费用率",
            ["管理费用", "营业收入"],
            1,
        ),
    ],
)
def test_a_ratio_question_plans_its_line_items(question: str, ratio: str, operands: list, decimals: int) -> None:
    plan = plan_question(query(question), SCOPES)
    assert (plan.operation, plan.ratio, plan.decimals) == ("ratio", ratio, decimals)
    assert [(o.measure, o.scope, o.period) for o in plan.operands] == [(m, GROUP, "2019") for m in operands]


STATEMENT = (
    "合并利润表\n单位：元\n项目 | 附注 | 2019年度 | 2018年度\n"
    "一、营业总收入 | | 1,175,301,034.32 | 1,230,540,000.00\n"
    "其中：营业收入 | 七、61 | 1,175,301,034.32 | 1,230,540,000.00\n"
    "其中：营业成本 | 七、61 | 903,236,584.52 | 950,000,000.00\n"
    "管理费用 | 七、64 | 46,869,502.38 | 45,000,000.00"
)


def test_a_ratio_is_computed_from_its_line_items_by_its_formula_and_rounded_as_asked() -> None:
    found = extract_figures("r", STATEMENT, find_tables(STATEMENT), "FY2019")
    for figure in found:
        figure.chunk_id = "r#0"
    plan = plan_question(query("2019年毛利率是多少？请保留两位小数。"), SCOPES)
    computation = execute(plan, found)
    assert computation is not None
    assert (computation.result, computation.kind) == (Decimal("23.15"), "percent")
    assert [figure.text for figure in computation.operands] == ["1,175,301,034.32", "903,236,584.52"]
    assert compose(computation, "zh", {"r#0": 1}) == (
        "2019年集团毛利率为23.15%（(营业收入 − 营业成本) ÷ 营业收入 = "
        "(1,175,301,034.32元 − 903,236,584.52元) ÷ 1,175,301,034.32元，保留两位小数）。"
        "其中集团营业收入1,175,301,034.32元 [1]，集团营业成本903,236,584.52元 [1]。"
    )
    english = execute(plan_question(query("What was the administrative expense ratio in 2019?"), SCOPES), found)
    assert english is not None and english.result == Decimal("3.99")
    assert compose(english, "en", {"r#0": 1}).startswith(
        "In 2019, the group's administrative expense ratio was 3.99% (administrative expenses ÷ revenue = "
        "RMB 46,869,502.38 ÷ RMB 1,175,301,034.32, rounded to 2 decimal places)"
    )
    # The prior year's figures are not this year's; a line item not stated computes nothing.
    assert execute(plan_question(query("2020年毛利率是多少？"), SCOPES), found) is None
    assert execute(plan_question(query("2019年销售费用率是多少？"), SCOPES), found) is None


@pytest.mark.parametrize(
    "question",
    ["商汤的发展战略是什么？", "Why did Smart City revenue fall in 2022?", "How did SenseTime improve its cash flow?"],
)
def test_questions_without_a_computation_keep_the_passages_path(question: str) -> None:
    assert not plan_question(query(question), SCOPES).computed


def test_a_share_is_computed_exactly_from_the_bound_figures_and_rounded_as_stated() -> None:
    plan = Plan("share", [Operand("营业收入", "智慧商业", "2023H1"), Operand("营业收入", GROUP, "2023H1")])
    computation = execute(plan, h1_figures())
    assert computation is not None
    assert [figure.text for figure in computation.operands] == ["8.536亿元", "14.33亿元"]
    assert (computation.result, computation.kind, computation.exact) == (Decimal("59.6"), "percent", False)
    cite = {"h1#智慧商业": 1, "h1#0": 2}
    assert compose(computation, "zh", cite) == (
        "2023年上半年智慧商业营业收入占集团营业收入的比例约为59.6%（8.536亿元 ÷ 14.33亿元）。"
        "其中智慧商业营业收入8.536亿元 [1]，集团营业收入14.33亿元 [2]。"
    )
    english = compose(computation, "en", cite)
    assert english.startswith("In H1 2023, Smart Business revenue as a share of the group's revenue was about 59.6%")
    assert "RMB 853.6 million [1]" in english and "RMB 1.433 billion [2]" in english


def test_sums_and_differences_are_exact_and_name_their_operands() -> None:
    lines = [Operand("营业收入", "智慧商业", "2023H1"), Operand("营业收入", "智慧生活", "2023H1")]
    total, gap = execute(Plan("sum", lines), h1_figures()), execute(Plan("difference", lines), h1_figures())
    assert total is not None and gap is not None
    assert (total.result, total.exact) == (Decimal("1165400000"), True)
    assert gap.result == Decimal("541800000")
    cite = {"h1#智慧商业": 1, "h1#智慧生活": 2}
    assert "合计为11.654亿元（8.536亿元 + 3.118亿元）" in compose(total, "zh", cite)
    assert compose(gap, "en", cite).startswith(
        "In H1 2023, Smart Business revenue was RMB 541.8 million more than Smart Life revenue"
        " (RMB 853.6 million − RMB 311.8 million): Smart Business revenue RMB 853.6 million [1]"
    )
    assert "智慧商业营业收入比智慧生活营业收入多5.418亿元" in compose(gap, "zh", cite)


def test_a_difference_of_percents_is_in_percentage_points() -> None:
    shares = Plan(
        "difference", [Operand("收入占比", "智慧生活", "2023H1"), Operand("收入占比", "智慧城市", "2023H1")], True
    )
    computation = execute(shares, h1_figures())
    assert computation is not None and (computation.result, computation.kind) == (Decimal("9.0"), "pp")
    assert "智慧生活收入占比比智慧城市收入占比高9个百分点（21.8% − 12.8%）" in compose(
        computation, "zh", {"h1#智慧生活": 1, "h1#智慧城市": 2}
    )


def test_the_implied_prior_value_divides_by_one_plus_the_growth_rate() -> None:
    plan = Plan("implied_prior", [Operand("营业收入", GROUP, "2023H1"), Operand("营业收入", GROUP, "2023H1", "yoy")])
    computation = execute(plan, h1_figures())
    assert computation is not None and computation.result == Decimal("1415000000")
    text = compose(computation, "zh", {"h1#0": 1})
    assert text.startswith("据2023年上半年数据推算，2022年上半年集团营业收入约为14.15亿元（14.33亿元 ÷ (1 + 1.3%)）")
    assert "同比增长1.3% [1]" in text


@pytest.mark.parametrize(
    "plan",
    [
        # Smart Auto's revenue is not stated: no guess, the passages' path answers instead.
        Plan("share", [Operand("营业收入", "智能汽车", "2023H1"), Operand("营业收入", GROUP, "2023H1")]),
        # Another period's figure is not this period's.
        Plan("sum", [Operand("营业收入", "智慧商业", "FY2022"), Operand("营业收入", "智慧生活", "FY2022")]),
    ],
)
def test_a_missing_operand_computes_nothing(plan: Plan) -> None:
    assert execute(plan, h1_figures()) is None


def test_an_amount_and_a_percent_do_not_combine() -> None:
    amount = Figure(
        "d", 0, 1, "3亿元", Decimal("3e8"), "amount", "CNY", "收入", "营业收入", "value", "智慧生活", "2023H1"
    )
    percent = Figure(
        "d", 2, 3, "21.8%", Decimal("21.8"), "percent", "%", "收入", "营业收入", "value", "智慧城市", "2023H1"
    )
    plan = Plan("sum", [Operand("营业收入", "智慧生活", "2023H1"), Operand("营业收入", "智慧城市", "2023H1")])
    assert execute(plan, [amount, percent]) is None


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("2023年上半年智慧商业收入占总收入的比例是多少？", ["59.6%", "8.536亿元", "14.33亿元"]),
        ("What share of SenseTime's H1 2023 revenue came from Smart Business?", ["59.6%", "853.6 million"]),
        ("2023年上半年智慧商业和智慧生活的收入合计是多少？", ["11.654亿元"]),
        ("How much more revenue did Smart Business make than Smart Life in H1 2023?", ["RMB 541.8 million"]),
        ("2022年哪个业务线收入增长最快？哪个下降最多？", ["最高为智慧生活", "最低为智慧城市", "130%", "-49%"]),
        ("智慧生活的收入增速2022年与2023年上半年相比如何？", ["130%", "6.7%"]),
        ("2023年上半年国际业务收入和智慧城市收入哪个更高？", ["2.292亿元", "1.838亿元", "前者比后者高"]),
        ("List the year-on-year revenue change of each of SenseTime's four business lines in H1 2023", ["50.2%"]),
        ("2022年智慧生活业务收入同比增长多少？", ["130%"]),  # not Smart Life + Smart Auto's 108%
        ("What was Smart Life's revenue growth in 2022?", ["130%"]),
        ("What was SenseTime's revenue in the first half of 2023?", ["RMB 1.433 billion"]),  # not Smart Life's
        ("2023年上半年商汤的收入是多少？", ["14.33亿元"]),
        # one computation for each named period
        (
            "What combined share of revenue did Smart Life and Smart Auto contribute in 2022, and in 2021?",
            ["33% (25% + 8%)", "13% (9% + 4%)"],
        ),
    ],
)
def test_the_bundled_filings_answer_computations_from_figures(bundled: Pipeline, question: str, expected: list) -> None:
    answer = bundled.ask(question, llm="local")  # computed answers need no model, whichever is asked for
    assert answer.backend == "figures" and not answer.abstained
    for text in expected:
        assert text in answer.answer
    assert answer.plan["operation"] in ("share", "sum", "difference", "rank", "compare", "list", "lookup")
    cited = {citation.chunk_id for citation in answer.citations}
    assert {operand["chunk_id"] for operand in answer.operands} <= cited
    for operand in answer.operands:
        assert operand["text"] in answer.citations[operand["n"] - 1].text


@pytest.mark.parametrize(
    ("question", "lines"),
    [
        ("商汤的四大业务分别是什么？", ["智慧商业", "智慧生活", "智能汽车", "智慧城市"]),
        ("What are SenseTime's four business lines?", ["Smart Business", "Smart Life", "Smart Auto", "Smart City"]),
    ],
)
def test_the_four_business_lines_are_listed_from_the_filings_not_invented(
    bundled: Pipeline, question: str, lines: list
) -> None:
    answer = bundled.ask(question, llm="local")  # the list comes from the figures table, whatever model
    assert answer.backend == "figures" and answer.plan["operation"] == "list"
    assert all(line in answer.answer for line in lines) and len(answer.citations) >= 1
    for operand in answer.operands:  # each line cited where its revenue is stated
        assert operand["scope"] in answer.citations[operand["n"] - 1].text


def test_every_answer_carries_its_plan(bundled: Pipeline) -> None:
    answer = bundled.ask("商汤2023年上半年智慧生活的发展战略是什么？", llm="none")
    assert answer.plan == {
        "operation": "text",
        "operands": [],
        "points": False,
        "ratio": "",
        "decimals": None,
        "cues": [],
        "scopes": ["智慧生活"],  # what the question names, that a model's figures must be bound to
        "periods": ["2023H1"],
        "asks_figure": False,
        "asks_kind": "",
        "subjects": [],
    }


def test_a_follow_up_in_english_about_another_business_line_is_answered_in_english(bundled: Pipeline) -> None:
    from rag.retrieve.followup import standalone

    asked = standalone("What about Smart Life?", "2023年上半年智慧商业收入占总收入的比例是多少？")
    answer = bundled.ask(asked, llm="none", language="en")
    assert answer.language == "en" and answer.backend == "figures"
    assert answer.answer.startswith("In H1 2023, Smart Life revenue as a share of the group's revenue was about 21.8%")


def test_a_ratio_the_filings_state_but_cannot_be_computed_is_looked_up(bundled: Pipeline) -> None:
    answer = bundled.ask("What was the gross margin in 2022?", llm="none")  # no 营业成本 in the slides
    assert answer.backend == "figures" and answer.plan["operation"] == "ratio"
    assert answer.computation["operation"] == "lookup" and "67%" in answer.answer


def test_a_figure_question_whose_best_sentences_state_no_figure_is_not_answered(bundled: Pipeline) -> None:
    # the deck names 资本支出 as a chart title only: a quote without a figure is no answer to "what was"
    answer = bundled.ask("What was SenseTime's capital expenditure in 2022?", llm="none")
    assert answer.abstained and answer.plan["asks_figure"]
    listed = bundled.ask("What were the five strategic priorities in SenseTime's 2022 results outlook?", llm="none")
    assert not listed.abstained and not listed.plan["asks_figure"]  # a list of words, not a figure


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("How many cities had SenseTime's smart city business served by the end of 2022?", "count"),
        ("2022年智慧生活业务的客户数量是多少？", "count"),
        ("2022年智慧城市业务当期新增了多少个城市？", "count"),
        ("商汤2022年营业收入是多少？", "amount"),
        ("商汤2022年的销售费用是多少？", "amount"),
        ("2022年客户数量同比增长多少？", ""),  # a growth rate
        ("SenseMARS赋能了多少个APP？客户续约率是多少？", ""),  # a rate too
        ("2022年的毛利率是多少？", ""),
    ],
)
def test_the_kind_of_figure_asked_for_is_in_the_plan(question: str, kind: str) -> None:
    assert plan_question(query(question), SCOPES).asks_kind == kind


def test_how_many_things_is_answered_by_a_sentence_stating_a_count_not_a_growth_rate(bundled: Pipeline) -> None:
    # the best-matching sentences include 智慧城市 / 收入同比: -49%: a percentage counts no cities
    answer = bundled.ask("How many cities had SenseTime's smart city business served by the end of 2022?", llm="none")
    assert not answer.abstained and "162" in answer.answer and "-49%" not in answer.answer


def test_a_share_the_filings_state_is_looked_up_not_computed() -> None:
    plan = plan_question(query("What share of revenue did Smart Life contribute in H1 2023?"), SCOPES)
    assert plan.operation == "lookup" and plan.operands == [Operand("收入占比", "智慧生活", "2023H1")]
    looked = execute(plan, h1_figures())
    assert looked is not None and looked.operands[0].text == "21.8%"


def test_compared_with_a_year_earlier_names_the_prior_period() -> None:
    for question in (
        "How did the net loss margin in H1 2023 compare with a year earlier?",
        "What was the net loss margin in H1 2023 compared to a year earlier?",
    ):
        plan = plan_question(query(question), SCOPES)
        assert plan.operation == "compare" and [o.period for o in plan.operands] == ["2022H1", "2023H1"]


def test_how_much_a_figure_moved_between_two_times_compares_them() -> None:
    for question in (
        "未使用的银行授信额度从2021年底到2022年底增加了多少？",
        "How much did the unused bank credit increase from end-2021 to end-2022?",
    ):
        plan = plan_question(query(question), SCOPES)
        assert plan.operation == "compare" and [o.period for o in plan.operands] == ["2021", "2022"], plan
    # one period: the growth the filings state, not a comparison
    assert plan_question(query("2023年上半年收入同比增长了多少？"), SCOPES).operation == "lookup"


@pytest.mark.parametrize(
    ("question", "scopes", "relation"),
    [
        ("Which was larger in H1 2023: international or Smart City revenue?", ["国际业务", "智慧城市"], "value"),
        # how fast a business line grew is its revenue's growth
        ("Which grew faster in H1 2023, Smart Life or Smart Auto?", ["智慧生活", "智能汽车"], "yoy"),
        ("2023年上半年智慧生活和智能汽车哪个增长更快？", ["智慧生活", "智能汽车"], "yoy"),
    ],
)
def test_which_of_two_is_larger_or_grew_faster_compares_them(question: str, scopes: list, relation: str) -> None:
    plan = plan_question(query(question), SCOPES | {"国际业务"})
    assert plan.operation == "compare", plan
    assert plan.operands == [Operand("营业收入", scope, "2023H1", relation) for scope in scopes]


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("Which was larger in H1 2023: international or Smart City revenue?", ["229.2 million", "183.8 million"]),
        ("Which grew faster in 2022, Smart Life or Smart Auto?", ["130%", "59%"]),
        ("2022年智慧生活和智能汽车哪个增长更快？", ["130%", "59%"]),
    ],
)
def test_which_of_two_is_larger_is_computed_from_both_figures(bundled: Pipeline, question: str, figures: list) -> None:
    answer = bundled.ask(question, llm="none")
    assert answer.computation and all(figure in answer.answer for figure in figures), answer.answer


def test_how_fast_a_line_grew_is_its_revenue_growth() -> None:
    plan = plan_question(query("How fast did Smart Life grow in H1 2023?"), SCOPES)
    assert plan.operation == "lookup" and plan.operands == [Operand("营业收入", "智慧生活", "2023H1", "yoy")]
    assert plan_question(query("Why did Smart Life grow so fast in H1 2023?"), SCOPES).operation == "text"


@pytest.mark.parametrize(
    "text", ["the fourth quarter of 2023", "23年Q4准备就绪", "Q4 2023", "2023年第四季度", "2023 Q4", "23Q4"]
)
def test_a_quarter_is_read_however_it_is_written(text: str) -> None:
    assert [str(period) for period in find_periods(text)] == ["2023Q4"]


def test_counts_of_different_measures_do_not_combine_because_one_is_written_without_its_unit() -> None:
    # 1040亿 parameters and 51 benchmarks: no difference between them, whatever the plan says
    figures = [
        Figure("d", 0, 5, "1040亿", Decimal("104000000000"), "count", "", "参数", "参数", "value", GROUP, "2023H1"),
        Figure("d", 9, 12, "51个", Decimal(51), "count", "个", "评测", "评测集", "value", GROUP, "2023H1"),
    ]
    plan = Plan("difference", [Operand("参数", GROUP, "2023H1"), Operand("评测", GROUP, "2023H1")])
    assert execute(plan, figures) is None
    plan = Plan("compare", [Operand("参数", GROUP, "2023H1"), Operand("参数", GROUP, "2023H1")])
    same = [
        figures[0],
        Figure(
            "d", 20, 26, "1230亿个", Decimal("123000000000"), "count", "个", "参数", "参数", "value", GROUP, "2023H1"
        ),
    ]
    assert execute(plan, same) is not None
