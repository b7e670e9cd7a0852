"""The annual-report eval set (eval/annual): fictional A-share reports written by
eval/annual/generate.py, and 60-80 bilingual questions over them in our own item format.

Fast checks: the items are well formed and balanced; every key fact agrees with the table cell the
generator printed for it (SOURCES below names that cell); the generator's figures are consistent
(statements add up, the same figure agrees across tables and reports); the committed PDFs are what the
generator writes, byte for byte. Slow (pdfplumber over every page): every evidence quote is in the text
pdfplumber and the project's own PDF reader extract from its document."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from decimal import Decimal
from functools import cache

import pytest

from rag.config import PROJECT_ROOT
from rag.evaluate.dataset import Item, squash
from rag.evaluate.scoring import has_fact, relevant

SET = PROJECT_ROOT / "eval" / "annual"
QA = [json.loads(line) for line in (SET / "qa.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
KINDS = {"fact", "figure", "prior-year", "consolidated-vs-parent", "interim", "unanswerable", "multi_turn"}
MIN_PER_KIND = {
    "fact": 8,
    "figure": 12,
    "prior-year": 6,
    "consolidated-vs-parent": 6,
    "interim": 6,
    "unanswerable": 8,
    "multi_turn": 4,
}
_CJK = re.compile(r"[\u3400-\u9fff]")

# Which printed cell each answerable item's key facts come from: "doc:table|row|column", with "@万" or
# "@%" when the table prints the figure without its unit (单位：万元, a percentage column).
SOURCES = {
    "a001": ["report_a:公司信息|公司的法定代表人", "report_d:公司信息|公司的法定代表人"],
    "a002": ["report_e:基本情况简介|电子信箱", "report_b:基本情况简介|电子信箱"],
    "a003": ["report_c:公司信息|公司的中文名称"],
    "a004": ["report_a:基本情况简介|公司注册地址", "report_d:基本情况简介|公司注册地址"],
    "a005": ["report_a:联系人和联系方式|姓名|董事会秘书"],
    "a006": [
        "report_e:其他相关资料|公司聘请的会计师事务所（境内）名称",
        "report_b:其他相关资料|公司聘请的会计师事务所（境内）名称",
    ],
    "a007": ["report_e:公司信息|公司的法定代表人", "report_b:公司信息|公司的法定代表人"],
    "a008": ["report_a:公司股票简况|A股|股票代码", "report_d:公司股票简况|A股|股票代码"],
    "a009": ["report_d:联系人和联系方式|姓名|董事会秘书"],
    "a010": ["report_c:基本情况简介|公司注册地址"],
    "a011": ["report_e:公司信息|公司的外文名称", "report_b:公司信息|公司的外文名称"],
    "a012": ["report_c:联系人和联系方式|电子信箱|董事会秘书"],
    "a013": ["report_a:主要会计数据|营业收入|2023年", "report_a:合并利润表|营业收入|2023年度"],
    "a014": [
        "report_e:主要会计数据|归属于上市公司股东的净利润|2023年",
        "report_e:合并利润表|归属于母公司股东的净利润|2023年度",
    ],
    "a015": [
        "report_a:主要会计数据|经营活动产生的现金流量净额|2023年",
        "report_a:合并现金流量表|经营活动产生的现金流量净额|2023年度",
    ],
    "a016": ["report_e:主要会计数据|总资产|2023年末", "report_e:合并资产负债表|资产总计|2023年12月31日"],
    "a017": ["report_a:研发投入情况表|研发投入合计"],
    "a018": ["report_b:前五名客户|合计|销售额@万"],
    "a019": ["report_e:研发投入情况表|研发投入合计"],
    "a020": ["report_a:合并利润表|销售费用|2023年度"],
    "a021": ["report_a:主要会计数据|营业收入|2023年", "report_a:合并利润表|营业收入|2023年度"],
    "a022": ["report_e:合并利润表|营业成本|2023年度"],
    "a023": ["report_a:主要会计数据|总资产|2023年末", "report_a:合并资产负债表|资产总计|2023年12月31日"],
    "a024": ["report_b:研发投入情况表|研发投入合计"],
    "a025": ["report_e:主要会计数据|归属于上市公司股东的扣除非经常性损益的净利润|2023年"],
    "a026": [
        "report_e:主要会计数据|经营活动产生的现金流量净额|2023年",
        "report_e:合并现金流量表|经营活动产生的现金流量净额|2023年度",
    ],
    "a027": ["report_a:员工情况|在职员工的数量合计", "report_a:专业构成|合计|专业构成人数"],
    "a028": ["report_e:员工情况|在职员工的数量合计"],
    "a029": ["report_d:员工情况|在职员工的数量合计"],
    "a030": ["report_a:主要财务指标|基本每股收益（元／股）|2023年"],
    "a031": ["report_a:主要财务指标|加权平均净资产收益率（%）|2023年@%"],
    "a032": ["report_a:前五名客户|合计|占年度销售总额比例（%）@%"],
    "a033": [
        "report_a:主要会计数据|营业收入|2022年",
        "report_d:主要会计数据|营业收入|2022年",
        "report_a:合并利润表|营业收入|2022年度",
        "report_d:合并利润表|营业收入|2022年度",
    ],
    "a034": [
        "report_e:主要会计数据|归属于上市公司股东的净利润|2022年",
        "report_b:主要会计数据|归属于上市公司股东的净利润|2022年",
    ],
    "a035": [
        "report_a:主要会计数据|营业收入|2021年",
        "report_d:主要会计数据|营业收入|2021年",
        "report_d:合并利润表|营业收入|2021年度",
    ],
    "a036": [
        "report_e:主要会计数据|总资产|2022年末",
        "report_b:主要会计数据|总资产|2022年末",
        "report_e:合并资产负债表|资产总计|2022年12月31日",
        "report_b:合并资产负债表|资产总计|2022年12月31日",
    ],
    "a037": ["report_a:合并利润表|营业成本|2022年度", "report_d:合并利润表|营业成本|2022年度"],
    "a038": [
        "report_b:主要会计数据|营业收入|2021年",
        "report_e:主要会计数据|营业收入|2021年",
        "report_b:合并利润表|营业收入|2021年度",
    ],
    "a039": [
        "report_a:主要会计数据|经营活动产生的现金流量净额|2022年",
        "report_d:主要会计数据|经营活动产生的现金流量净额|2022年",
    ],
    "a040": ["report_b:主要会计数据|营业收入|2020年"],
    "a041": ["report_a:合并资产负债表|货币资金|2023年12月31日", "report_a:货币资金|合计|期末余额"],
    "a042": ["report_e:合并利润表|净利润|2023年度"],
    "a043": ["report_a:合并利润表|研发费用|2023年度", "report_a:研发投入情况表|本期费用化研发投入"],
    "a044": ["report_c:合并资产负债表|应收账款|2023年6月30日"],
    "a045": ["report_e:合并资产负债表|应收账款|2023年12月31日"],
    "a046": ["report_a:合并利润表|净利润|2023年度"],
    "a047": ["report_b:合并资产负债表|货币资金|2022年12月31日", "report_e:合并资产负债表|货币资金|2022年12月31日"],
    "a048": ["report_c:合并利润表|研发费用|2023年半年度"],
    "a049": ["report_c:主要会计数据|营业收入|本报告期（1－6月）", "report_c:合并利润表|营业收入|2023年半年度"],
    "a050": ["report_c:主要会计数据|归属于上市公司股东的净利润|本报告期（1－6月）"],
    "a051": ["report_c:主要会计数据|总资产|本报告期末", "report_c:合并资产负债表|资产总计|2023年6月30日"],
    "a052": ["report_c:主要会计数据|营业收入|上年同期", "report_c:合并利润表|营业收入|2022年半年度"],
    "a053": ["report_c:主要会计数据|营业收入|本报告期（1－6月）", "report_c:合并利润表|营业收入|2023年半年度"],
    "a054": [
        "report_c:主要会计数据|经营活动产生的现金流量净额|本报告期（1－6月）",
        "report_c:合并现金流量表|经营活动产生的现金流量净额|2023年半年度",
    ],
    "a055": ["report_c:主要会计数据|总资产|上年度末", "report_c:合并资产负债表|资产总计|2022年12月31日"],
    "a056": ["report_c:主要财务指标|基本每股收益（元／股）|本报告期（1－6月）"],
    "a067": ["report_a:合并利润表|营业成本|2023年度"],
    "a068": [
        "report_e:主要会计数据|归属于上市公司股东的净利润|2022年",
        "report_b:主要会计数据|归属于上市公司股东的净利润|2022年",
    ],
    "a069": ["report_c:主要会计数据|经营活动产生的现金流量净额|本报告期（1－6月）"],
    "a070": ["report_a:合并利润表|研发费用|2023年度"],
    "a071": ["report_e:主要会计数据|营业收入|2022年", "report_b:主要会计数据|营业收入|2022年"],
    "a072": ["report_c:合并资产负债表|负债合计|2023年6月30日"],
}


@cache
def generator():
    spec = importlib.util.spec_from_file_location("annual_generate", SET / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look their module up
    spec.loader.exec_module(module)
    return module


@cache
def ledger() -> dict:
    return generator().facts()


def ids(items: list[dict]) -> list[str]:
    return [item["id"] for item in items]


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", "")) if text else Decimal(0)


def test_ids_are_unique_and_ours() -> None:
    assert len(set(ids(QA))) == len(QA)
    assert all(re.fullmatch(r"a\d{3}", item_id) for item_id in ids(QA))


def test_size_balance_and_kinds() -> None:
    languages = Counter(item["language"] for item in QA)
    kinds = Counter(item["kind"] for item in QA)
    assert 60 <= len(QA) <= 80
    assert languages["zh"] == languages["en"] == len(QA) // 2, languages
    assert set(kinds) == KINDS
    assert all(kinds[kind] >= n for kind, n in MIN_PER_KIND.items()), kinds


@pytest.mark.parametrize("item", QA, ids=ids(QA))
def test_item_format(item: dict) -> None:
    assert set(item) <= {"id", "language", "kind", "question", "answer", "acceptable", "key_facts", "evidence", "turns"}
    assert item["language"] in ("zh", "en") and item["kind"] in KINDS
    assert item["question"].strip() and item["answer"].strip()
    for text in item.get("turns", [item["question"]]):
        assert bool(_CJK.search(text)) == (item["language"] == "zh"), text
    if item["kind"] == "multi_turn":
        assert len(item["turns"]) >= 2 and item["turns"][-1] == item["question"]
    else:
        assert "turns" not in item
    if item["kind"] == "unanswerable":
        assert not item["evidence"] and not item["key_facts"] and not item["acceptable"]
        assert item["id"] not in SOURCES
    else:
        assert item["evidence"] and item["key_facts"] and item["id"] in SOURCES
    for evidence in item["evidence"]:
        assert set(evidence) == {"doc", "quote"} and 0 < len(evidence["quote"]) <= 40
        assert "\n" not in evidence["quote"]


def test_evidence_docs_are_the_generated_documents() -> None:
    docs = {path.stem.lower() for path in (SET / "docs").glob("*.pdf")}
    assert docs == set(ledger())
    assert {e["doc"] for item in QA for e in item["evidence"]} <= docs


def test_questions_name_a_company_except_follow_ups() -> None:
    names = (
        "江南精密",
        "青禾",
        "闽海",
        "Jiangnan",
        "Qinghe",
        "Minhai",
        "605977",
        "688947",
        "605893",
        "华岳",
        "Beichen",
    )
    for item in QA:
        first = item.get("turns", [item["question"]])[0]
        assert any(name in first for name in names), first


@pytest.mark.parametrize("item", [i for i in QA if i["id"] in SOURCES], ids=ids([i for i in QA if i["id"] in SOURCES]))
def test_key_facts_are_what_the_generator_printed(item: dict) -> None:
    printed = []
    for ref in SOURCES[item["id"]]:
        doc, key = ref.split(":", 1)
        key, _, unit = key.partition("@")
        assert key in ledger()[doc], f"{doc} prints no cell {key}"
        printed.append(ledger()[doc][key] + unit)
    assert len(set(printed)) == 1, f"the cells disagree: {printed}"
    # The first key fact is the printed cell; the others (a growth rate, a share) are in the gold answer.
    assert has_fact(printed[0], item["key_facts"][0]), (item["key_facts"][0], printed[0])
    for fact in item["key_facts"]:
        assert has_fact(item["answer"], fact), (fact, item["answer"])
    docs = {ref.split(":")[0] for ref in SOURCES[item["id"]]}
    assert {e["doc"] for e in item["evidence"]} <= docs


def test_growth_rates_in_key_facts_are_the_printed_ones() -> None:
    for item in QA:
        for fact in item["key_facts"][1:]:
            doc = item["evidence"][0]["doc"]
            assert any(has_fact(value + "%", fact) for value in ledger()[doc].values()), (item["id"], fact)


# -- the generator's figures


def _statements(doc: str, table: str) -> dict[str, dict[str, Decimal]]:
    """column -> row -> amount, for one statement of one document."""
    out: dict[str, dict[str, Decimal]] = {}
    for key, value in ledger()[doc].items():
        name, row, *column = key.split("|")
        if name == table and column and column[0] != "附注" and re.fullmatch(r"-?[\d,]+\.\d\d", value):
            out.setdefault(column[0], {})[row] = amount(value)
    return out


@pytest.mark.parametrize("doc", ["report_a", "report_b", "report_c", "report_d", "report_e"])
def test_statements_add_up(doc: str) -> None:
    for table in ("合并资产负债表", "母公司资产负债表"):
        for column, rows in _statements(doc, table).items():
            assert rows["资产总计"] == rows["负债和所有者权益（或股东权益）总计"], (table, column)
            assert rows["资产总计"] == rows["流动资产合计"] + rows["非流动资产合计"]
            assert rows["负债合计"] == rows["流动负债合计"] + rows["非流动负债合计"]
            current = [
                "货币资金",
                "交易性金融资产",
                "应收票据",
                "应收账款",
                "应收款项融资",
                "预付款项",
                "其他应收款",
                "存货",
                "合同资产",
                "其他流动资产",
            ]
            assert rows["流动资产合计"] == sum(rows.get(k, 0) for k in current)
    for rows in _statements(doc, "合并利润表").values():
        assert rows["净利润"] == rows["利润总额"] - rows["所得税费用"]
        assert rows["净利润"] == rows["归属于母公司股东的净利润"] + rows.get("少数股东损益", 0)
        assert rows["营业总成本"] == sum(
            rows[k] for k in ("营业成本", "税金及附加", "销售费用", "管理费用", "研发费用", "财务费用")
        )
    for table in ("合并现金流量表", "母公司现金流量表"):
        for column, rows in _statements(doc, table).items():
            for part in ("经营", "投资", "筹资"):
                net = rows[f"{part}活动产生的现金流量净额"]
                assert net == rows[f"{part}活动现金流入小计"] - rows[f"{part}活动现金流出小计"], (table, column, part)
            assert (
                rows["期末现金及现金等价物余额"] == rows["期初现金及现金等价物余额"] + rows["现金及现金等价物净增加额"]
            )


@pytest.mark.parametrize(
    ("later", "earlier", "year"), [("report_a", "report_d", "2022"), ("report_e", "report_b", "2022")]
)
def test_the_comparative_column_is_the_earlier_report(later: str, earlier: str, year: str) -> None:
    compared = 0
    for table in (
        "合并资产负债表",
        "合并利润表",
        "合并现金流量表",
        "母公司资产负债表",
        "母公司利润表",
        "母公司现金流量表",
    ):
        for column in (f"{year}年度", f"{year}年12月31日"):
            then, now = _statements(later, table).get(column), _statements(earlier, table).get(column)
            if then and now:
                assert then == now, (table, column)
                compared += 1
    assert compared == 6
    for key, value in ledger()[later].items():
        if key.startswith("主要会计数据|") and key.endswith(f"|{year}年"):
            assert ledger()[earlier][key] == value, key


@pytest.mark.parametrize("doc", ["report_a", "report_b", "report_d", "report_e"])
def test_key_figures_agree_with_the_statements(doc: str) -> None:
    facts = ledger()[doc]
    year = next(k.split("|")[2] for k in facts if k.startswith("主要会计数据|营业收入|"))[:4]
    assert facts[f"主要会计数据|营业收入|{year}年"] == facts[f"合并利润表|营业收入|{year}年度"]
    assert facts[f"主要会计数据|总资产|{year}年末"] == facts[f"合并资产负债表|资产总计|{year}年12月31日"]
    assert (
        facts[f"主要会计数据|经营活动产生的现金流量净额|{year}年"]
        == facts[f"合并现金流量表|经营活动产生的现金流量净额|{year}年度"]
    )
    assert (
        facts[f"主要会计数据|归属于上市公司股东的净资产|{year}年末"]
        == facts[f"合并资产负债表|归属于母公司所有者权益（或股东权益）合计|{year}年12月31日"]
    )
    assert facts["研发投入情况表|本期费用化研发投入"] == facts[f"合并利润表|研发费用|{year}年度"]
    quarters = [amount(v) for k, v in facts.items() if k.startswith("分季度主要财务数据|营业收入|")]
    assert sum(quarters) == amount(facts[f"合并利润表|营业收入|{year}年度"])
    # The parent company's lines are different figures: the distractors of consolidated-vs-parent.
    for row in ("营业收入", "净利润", "研发费用"):
        assert facts[f"母公司利润表|{row}|{year}年度"] != facts[f"合并利润表|{row}|{year}年度"]


def test_the_committed_pdfs_are_what_the_generator_writes() -> None:
    generate = generator()
    for spec in generate.SPECS:
        data, _, pages = generate.render(spec)
        assert 40 <= pages <= 80, (spec.file, pages)
        assert data == (generate.DOCS / spec.file).read_bytes(), f"run python eval/annual/generate.py ({spec.file})"


# -- the text as extracted


@cache
def texts() -> dict[str, dict[str, str]]:
    """doc id -> extractor -> all pages' text: pdfplumber's page text, and the project's own reader's."""
    import pdfplumber

    from rag.ingest.readers import read_document

    out = {}
    for path in sorted((SET / "docs").glob("*.pdf")):
        with pdfplumber.open(path) as pdf:
            plumber = "\n".join(page.extract_text() or "" for page in pdf.pages)
        out[path.stem.lower()] = {"pdfplumber": plumber, "rag": read_document(path, path.stem.lower()).text}
    return out


@pytest.mark.slow
@pytest.mark.parametrize("item", [i for i in QA if i["evidence"]], ids=ids([i for i in QA if i["evidence"]]))
def test_every_evidence_quote_is_in_the_extracted_text(item: dict) -> None:
    for evidence in item["evidence"]:
        one = Item(
            item["id"],
            item["language"],
            item["kind"],
            item["question"],
            evidence=[(evidence["doc"], evidence["quote"])],
        )
        for extractor, text in texts()[evidence["doc"]].items():
            assert relevant(one, evidence["doc"], text), (
                f"{evidence['quote']!r} not in {extractor}'s text of {evidence['doc']}"
            )
            if not re.fullmatch(r"[\d,.]+(万元)?", evidence["quote"]):  # a phrase: as written, whitespace aside
                assert squash(evidence["quote"]) in squash(text)


@pytest.mark.slow
def test_the_prose_states_the_table_figures_in_wan() -> None:
    """MD&A prose gives revenue in 万元: the 元 figure rounded to 0.01万元."""
    for doc, facts in ledger().items():
        revenue = next(v for k, v in facts.items() if k.startswith("合并利润表|营业收入|"))
        wan = f"{(amount(revenue) / 10_000).quantize(Decimal('0.01'), rounding='ROUND_HALF_UP'):,}"
        assert f"营业收入{wan}万元" in squash(texts()[doc]["pdfplumber"]), (doc, wan)
