"""Reading annual-report text: page furniture, hard-wrapped lines, tables in text exports (rows as
a label and numbers, wrapped labels and header cells), and table rows found by their label."""

from __future__ import annotations

from rag.chunk.boilerplate import is_boilerplate
from rag.ingest.layout import reflow, remove_furniture
from rag.ingest.tables import find_tables
from rag.retrieve.rows import RowIndex, row_label
from rag.text.analyzer import Analyzer
from rag.text.periods import Period, find_periods

BODIES = ["营业收入增长。", "毛利率下降。", "研发投入增加。", "现金流稳健。", "员工人数持平。"]
PAGES = [f"2019年年度报告\n{body}\n{n} / 156" for n, body in enumerate(BODIES, start=1)]


def test_running_headers_and_page_numbers_are_dropped_the_body_stays() -> None:
    cleaned = remove_furniture(PAGES)
    assert cleaned == BODIES


def test_a_line_on_only_some_pages_is_not_furniture() -> None:
    pages = [*PAGES[:2], "合并利润表\n项目 附注 2019年度\n3 / 156"]
    assert remove_furniture(pages)[2] == "合并利润表\n项目 附注 2019年度"


def test_a_report_name_repeated_through_text_without_pages_is_dropped_but_the_cover_keeps_it() -> None:
    text = "\n".join(["示例公司2019年年度报告全文", *[f"第{i}段。\n示例公司2019年年度报告全文" for i in range(6)]])
    [cleaned] = remove_furniture([text])
    assert cleaned.count("示例公司2019年年度报告全文") == 1 and "第5段。" in cleaned


FULL = "这是一行排满的文字宽度与页面相同用来说明版面的换行规则是否正确处理了折行的情况和效果"  # 42 wide characters
WRAPPED = "\n".join(
    [
        "报告期内，公司实现营业收入117,530.10万元，较去年同期减少4.49%，实现归属上市公司股东",  # as wide as FULL
        "的净利润12,946.50万元，较去年同期减少28.95%。",
        "(一) 主营业务分析",
        *[FULL[:-1] + "。" for _ in range(8)],
    ]
)


def test_hard_wrapped_lines_are_joined_into_their_paragraph_headings_and_rows_are_not() -> None:
    text = reflow(WRAPPED + "\n营业收入 1,175,301,034.32 1,230,537,181.80\n营业成本 903,236,584.52 901,488,823.98")
    assert "实现归属上市公司股东的净利润12,946.50万元" in text
    assert "\n(一) 主营业务分析\n" in text
    assert "营业收入 1,175,301,034.32 1,230,537,181.80\n营业成本" in text


def test_text_that_is_not_hard_wrapped_is_left_alone() -> None:
    slides = "38 亿元\n集团营业收入 (同比 -19%)\n智慧生活 + 智能汽车收入同比增长108%\n61 亿元 (↓65%)"
    assert reflow(slides) == slides


STATEMENT = """(一) 主要会计数据
单位：元 币种：人民币
本期比上
主要会计数据 2019年 2018年 年同期增 2017年
减(%)
营业收入 1,175,301,034.32 1,230,537,181.80 -4.49 1,008,714,515.86
归属于上市公司股东
129,465,020.68 182,223,387.13 -28.95 172,184,765.20
的净利润
投资收益（损失以“－”号填 七、68 -12,558,289.50 -7,090,058.91 1.00 2.00
列）
其他权益工具
第二节 公司业务概要
公司主要从事冷链装备的研发。"""


def test_a_text_export_table_keeps_its_header_unit_and_wrapped_labels() -> None:
    [table] = find_tables(STATEMENT)
    assert table.title == "(一) 主要会计数据" and table.unit == "单位：元 币种：人民币"
    assert table.header == ["主要会计数据", "2019年", "2018年", "本期比上年同期增减(%)", "2017年"]
    labels = [row.label for row in table.rows]
    assert labels == ["营业收入", "归属于上市公司股东的净利润", "投资收益（损失以“－”号填列）"]
    assert table.columns(table.rows[1])[:2] == [("2019年", "129,465,020.68"), ("2018年", "182,223,387.13")]
    assert "公司主要从事" not in STATEMENT[table.start : table.end]  # the heading ended the table


def test_pipe_rows_a_header_over_two_lines_and_a_definitions_table() -> None:
    text = (
        " |  |  | 本年末比上年末增 | \n | 2019年末 | 2018年末 | 减 | 2017年末\n"
        "资产总额（元） | 1,050.15 | 1,060.44 | -0.94% | 1,018.57"
    )
    [table] = find_tables(text)
    assert table.header == ["", "2019年末", "2018年末", "本年末比上年末增减", "2017年末"]
    definitions = "释义项 | 指 | 释义内容\n报告期末 | 指 | 2022年12月31日\n本公司 | 指 | 测试股份有限公司"
    [table] = find_tables(definitions)
    assert table.header == [] and [row.label for row in table.rows] == ["释义项", "报告期末", "本公司"]
    assert is_boilerplate("", definitions, [table])


def test_one_label_and_a_figure_is_not_a_table() -> None:
    assert find_tables("智慧商业\n收入同比: -25%\n- 推进AI云转型") == []


def test_row_labels_are_compared_without_list_marks_units_and_profile_wording() -> None:
    assert row_label("其中：营业收入") == row_label("营业收入（元）") == row_label("一、营业收入") == "营业收入"
    assert row_label("公司的法定代表人") == "法定代表人"


def test_the_row_ranking_prefers_the_group_s_statement_and_the_asked_year(analyzer: Analyzer) -> None:
    from rag.chunk.chunker import Chunk

    def chunk(title: str, header: list[str], value: str) -> Chunk:
        [table] = find_tables(f"{title}\n单位：元\n{' | '.join(header)}\n营业收入 | {value} | 1.00")
        return Chunk("x", "x", "报告", "x", 0, 0, 1, None, "", "", "", period="FY2019", tables=[table])

    chunks = [
        chunk("母公司利润表", ["项目", "2019年度", "2018年度"], "421.00"),
        chunk("合并利润表", ["项目", "2019年度", "2018年度"], "1,175.00"),
        chunk("合并利润表", ["项目", "2017年度", "2016年度"], "900.00"),
        chunk("分季度主要财务数据", ["项目", "第一季度", "第二季度"], "333.00"),
    ]
    rows = RowIndex(chunks)
    measures = rows.measures("2019年营业收入是多少？", analyzer)
    assert measures[0][:1] == ("营业收入",)
    scores = rows.scores(measures, "2019年营业收入是多少？", (Period(2019),)).tolist()
    assert scores.index(max(scores)) == 1  # the group's statement for 2019
    assert scores[1] > scores[0] and scores[1] > scores[3] > scores[2]
    assert rows.scores(measures, "2019年母公司营业收入是多少？", (Period(2019),)).tolist()[0] == max(scores)


def test_a_ratio_is_looked_for_through_its_line_items(analyzer: Analyzer) -> None:
    measures = RowIndex([]).measures("2019年营业成本率是多少？", analyzer)
    assert {"营业成本", "营业收入"} <= {form for measure in measures for form in measure}


def test_years_that_date_an_event_or_number_a_document_are_not_periods_spoken_of() -> None:
    assert find_periods("审字[2024]第0798号，报告日2024年4月20日") == []
    assert find_periods("截至2022年12月31日，(21年: 46%)") == [Period(2022), Period(2021)]
    assert find_periods("2023年半年度报告") == [Period(2023, "H1")]


def test_a_period_is_after_another_when_it_begins_once_that_one_has_ended() -> None:
    assert Period(2024).after(Period(2023, "H1")) and Period(2024).after(Period(2022, "FY"))
    assert Period(2023, "H2").after(Period(2023, "H1")) and Period(2023, "Q3").after(Period(2023, "H1"))
    assert not Period(2023).after(Period(2023, "H1")) and not Period(2022).after(Period(2023, "H1"))
