"""The bilingual term map (rag/resources/finance_terms.tsv): English questions reach the Chinese
line items of annual reports, Chinese aliases find their row, and the data is consistent."""

from collections import defaultdict
from importlib import resources

import pytest

from rag.text.normalize import normalize
from rag.text.terms import default_term_map


def _rows() -> list[tuple[int, list[str], list[str]]]:
    text = resources.files("rag.resources").joinpath("finance_terms.tsv").read_text(encoding="utf-8")
    rows = []
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not line.startswith("#"):
            english, chinese = line.split("\t")
            rows.append((number, english.split("|"), chinese.split("|")))
    return rows


def _chinese_main_forms(text: str) -> list[str]:
    return [match.pair.chinese[0] for match in default_term_map().find(normalize(text))]


@pytest.mark.parametrize(
    ("question", "chinese"),
    [
        ("What was the company's revenue in 2019?", "营业收入"),
        ("What were total operating revenues in 2019?", "营业总收入"),
        ("What was the cost of sales?", "营业成本"),
        ("What were the taxes and surcharges?", "税金及附加"),
        ("What were the selling expenses and administrative expenses?", "销售费用"),
        ("What were the R&D expenses?", "研发费用"),
        ("How much was the R&D investment?", "研发投入"),
        ("What were the financial expenses?", "财务费用"),
        ("What was the investment income?", "投资收益"),
        ("What were the credit impairment losses?", "信用减值损失"),
        ("What was the operating profit?", "营业利润"),
        ("What were the non-operating income and non-operating expenses?", "营业外支出"),
        ("What was the profit before tax?", "利润总额"),
        ("What was the income tax expense?", "所得税费用"),
        ("What was the net profit attributable to shareholders of the listed company?", "归属于上市公司股东的净利润"),
        ("What was the net profit attributable to owners of the parent?", "归属于上市公司股东的净利润"),
        (
            "What was the net profit after deducting non-recurring gains and losses?",
            "归属于上市公司股东的扣除非经常性损益的净利润",
        ),
        ("What were the diluted EPS and basic EPS?", "稀释每股收益"),
        ("What was the weighted average ROE?", "加权平均净资产收益率"),
        ("What were the monetary funds at the end of 2019?", "货币资金"),
        ("What were the accounts receivable?", "应收账款"),
        ("How large were inventories?", "存货"),
        ("What was the goodwill?", "商誉"),
        ("What were the total assets?", "资产总计"),
        ("What were the employee benefits payable?", "应付职工薪酬"),
        ("What was the share capital?", "股本"),
        ("What were the retained earnings?", "未分配利润"),
        ("What was the equity attributable to owners of the parent?", "归属于母公司所有者权益"),
        ("What was the operating cash flow?", "经营活动产生的现金流量净额"),
        ("What was the net cash from investing activities?", "投资活动产生的现金流量净额"),
        ("What were cash and cash equivalents at the end of the year?", "期末现金及现金等价物余额"),
        ("What was the capex?", "资本支出"),
        ("Where is the income statement?", "利润表"),
        ("Show the P&L.", "利润表"),
        ("What does the statement of financial position show?", "资产负债表"),
        ("What does the cash flow statement show?", "现金流量表"),
        ("What are the key audit matters?", "关键审计事项"),
        ("What does the auditor's report say?", "审计报告"),
        ("What were the non-recurring gains and losses?", "非经常性损益"),
        ("Summarise the MD&A.", "管理层讨论与分析"),
        ("How much did the top five customers buy?", "前五名客户"),
        ("What was revenue by region?", "分地区"),
        ("Who is the legal representative?", "法定代表人"),
        ("Who is the board secretary?", "董事会秘书"),
        ("What is the company's e-mail address?", "电子信箱"),
        ("What is the telephone number?", "电话"),
        ("What is the registered address?", "注册地址"),
        ("What is the company's website?", "公司网址"),
        ("What is the stock code?", "股票代码"),
        ("What is the stock abbreviation?", "股票简称"),
        ("What is the company's English name?", "外文名称"),
        ("Which accounting firm audits the company?", "会计师事务所"),
        ("What is the headcount?", "在职员工的数量合计"),
    ],
)
def test_english_questions_reach_the_chinese_line_item(question: str, chinese: str) -> None:
    assert chinese in _chinese_main_forms(question)
    assert chinese in default_term_map().expand(normalize(question))


@pytest.mark.parametrize(
    ("question", "main"),
    [
        ("2019年归母净利润是多少？", "归属于上市公司股东的净利润"),
        ("归属于母公司所有者的净利润是多少？", "归属于上市公司股东的净利润"),
        ("扣非净利润是多少？", "归属于上市公司股东的扣除非经常性损益的净利润"),
        ("2019年总资产是多少？", "资产总计"),
        ("资产总额是多少？", "资产总计"),
        ("研发经费是多少？", "研发投入"),
        ("营收是多少？", "营业收入"),
        ("经营现金流是多少？", "经营活动产生的现金流量净额"),
        ("董秘是谁？", "董事会秘书"),
        ("公司的电子邮箱是什么？", "电子信箱"),
        ("证券代码是多少？", "股票代码"),
        ("企业名称是什么？", "公司名称"),
        ("股东权益合计是多少？", "所有者权益合计"),
        ("实收资本是多少？", "股本"),
        ("预付账款是多少？", "预付款项"),
        ("经营情况讨论与分析说了什么？", "管理层讨论与分析"),
    ],
)
def test_chinese_aliases_find_their_row(question: str, main: str) -> None:
    assert _chinese_main_forms(question) == [main]


@pytest.mark.parametrize(
    ("question", "main"),
    [
        # Different line items, however alike their names.
        ("营业总收入是多少？", "营业总收入"),
        ("营业总成本是多少？", "营业总成本"),
        ("研发费用是多少？", "研发费用"),
        ("少数股东损益是多少？", "少数股东损益"),
        ("少数股东权益是多少？", "少数股东权益"),
        ("利息收入是多少？", "利息收入"),
        ("营业外收入是多少？", "营业外收入"),
        ("营业利润是多少？", "营业利润"),
        ("利润总额是多少？", "利润总额"),
        ("副董事长是谁？", "副董事长"),
    ],
)
def test_similar_items_stay_apart(question: str, main: str) -> None:
    assert _chinese_main_forms(question) == [main]


def test_generic_words_are_not_line_items() -> None:
    """Net profit is not any profit, and "operating income" (revenue or operating profit?) is
    ambiguous, so it is in no row."""
    assert default_term_map().expand("net profit") == ["净利润"]
    assert "利润" not in default_term_map().expand("net profit attributable to owners of the parent")
    assert not default_term_map().find("operating income")
    ordinary = "Please take notes: the name, the board and the address of the firm."
    assert not default_term_map().find(ordinary)


def test_no_form_is_in_two_rows() -> None:
    """One meaning per row: a Chinese term or English phrase in two rows would give a question the
    other row's terms (and the first row wins every match)."""
    chinese, english = defaultdict(list), defaultdict(list)
    for number, english_forms, chinese_forms in _rows():
        for form in chinese_forms:
            chinese[form].append(number)
        for form in english_forms:
            english[form.lower()].append(number)
    assert {form: lines for form, lines in chinese.items() if len(lines) > 1} == {}
    assert {form: lines for form, lines in english.items() if len(lines) > 1} == {}


def test_forms_are_well_formed() -> None:
    for number, english_forms, chinese_forms in _rows():
        for form in (*english_forms, *chinese_forms):
            assert form and form == form.strip(), f"line {number}: empty or padded form {form!r}"
        for form in chinese_forms:
            # Questions are matched after normalisation: a full-width bracket would never match.
            assert normalize(form) == form, f"line {number}: {form!r} is not in normalised form"
        # The main English form is written as shown to people (SenseChat); aliases in lower case.
        for form in english_forms[1:]:
            assert form == form.lower(), f"line {number}: {form!r} should be lower case"


def test_the_map_covers_the_standard_statements() -> None:
    """The line items of the three statements and the company-information fields all have a row."""
    required = (
        "营业收入 营业总收入 营业成本 营业总成本 税金及附加 销售费用 管理费用 研发费用 财务费用 利息费用 "
        "利息收入 其他收益 投资收益 公允价值变动收益 信用减值损失 资产减值损失 营业利润 营业外收入 营业外支出 "
        "利润总额 所得税费用 净利润 少数股东损益 基本每股收益 稀释每股收益 加权平均净资产收益率 毛利率 货币资金 "
        "交易性金融资产 应收票据 应收账款 预付款项 其他应收款 存货 合同资产 流动资产合计 长期股权投资 固定资产 "
        "在建工程 无形资产 商誉 长期待摊费用 递延所得税资产 非流动资产合计 资产总计 短期借款 应付票据 应付账款 "
        "合同负债 应付职工薪酬 应交税费 流动负债合计 长期借款 负债合计 股本 资本公积 盈余公积 未分配利润 "
        "所有者权益合计 归属于母公司所有者权益 经营活动产生的现金流量净额 投资活动产生的现金流量净额 "
        "筹资活动产生的现金流量净额 现金及现金等价物净增加额 期末现金及现金等价物余额 资本支出 "
        "利润表 资产负债表 现金流量表 所有者权益变动表 主要会计数据和财务指标 管理层讨论与分析 公司简介 审计报告 "
        "关键审计事项 财务报表附注 非经常性损益 员工情况 前五名客户 前五名供应商 研发投入 分行业 分产品 分地区 "
        "社会责任 环境信息 公司治理 股东情况 利润分配 法定代表人 董事长 总经理 董事会秘书 证券事务代表 电子信箱 "
        "电话 传真 注册地址 办公地址 公司网址 股票代码 股票简称 公司名称 外文名称 会计师事务所 股票上市交易所 "
        "在职员工的数量合计"
    ).split()
    chinese = {form for _, _, forms in _rows() for form in forms}
    assert [term for term in required if term not in chinese] == []
