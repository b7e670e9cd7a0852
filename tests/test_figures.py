"""The figures table: every stated figure read with its kind, measure, relation, scope and period,
from prose, slide layouts and table rows; audited against a hand-labelled sample of the bundled
filings (tests/data/figures_gold.jsonl); stored with the index and listed by `rag figures`."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from rag.config import BUNDLED_CORPUS
from rag.figures.extract import extract_figures
from rag.figures.model import GROUP, Figure
from rag.ingest.clean import clean_text
from rag.ingest.readers import Document, read_document
from rag.ingest.tables import find_tables
from tests.test_cli import run

GOLD = Path(__file__).parent / "data" / "figures_gold.jsonl"


def figures(text: str, period: str = "FY2022") -> list[Figure]:
    return extract_figures("d", text, find_tables(text), period)


def by_text(found: list[Figure]) -> dict[str, Figure]:
    return {figure.text: figure for figure in found}


def test_prose_figures_carry_measure_scope_period_and_relation() -> None:
    text = "1)智慧商业\n\n23H1实现收入8.536亿元,同比增长50.2%。\n\n2)智慧生活\n\n23H1实现收入3.118亿元,同比增长6.7%。"
    found = by_text(figures(text, "2023H1"))
    revenue, growth = found["8.536亿元"], found["50.2%"]
    assert (revenue.value, revenue.kind, revenue.measure, revenue.relation) == (
        Decimal("853600000"),
        "amount",
        "营业收入",
        "value",
    )
    assert revenue.scope == "智慧商业" and revenue.period == "2023H1"
    assert (growth.kind, growth.relation, growth.scope) == ("percent", "yoy", "智慧商业")
    assert found["3.118亿元"].scope == "智慧生活"


def test_a_slide_figure_line_reads_its_label_line_and_its_aside() -> None:
    text = "38 亿元\n\n集团营业收入 (同比 -19%)\n\n25 亿元 (67%)\n\n毛利 (毛利率)\n\n收入占比 38% (21年: 42%)"
    found = by_text(figures(text))
    assert found["38 亿元"].measure == "营业收入" and found["38 亿元"].scope == GROUP
    assert (found["-19%"].value, found["-19%"].relation) == (Decimal(-19), "yoy")
    assert (found["67%"].measure, found["67%"].relation) == ("毛利率", "margin")
    assert found["25 亿元"].measure == "毛利"
    assert (found["38%"].relation, found["38%"].period) == ("share", "FY2022")
    assert (found["42%"].relation, found["42%"].period) == ("prior", "FY2021")


def test_names_versions_dates_list_numbers_and_ranges_are_not_figures() -> None:
    text = "1. 基于GPT-4与InternLM-123B，商量2.0于2023年7月6日发布，21:58:40\n《财富》500强的2*2 OCL，效率提升5-6倍"
    assert figures(text) == []


def test_table_cells_take_their_column_s_period_and_the_table_s_unit() -> None:
    header = "项目 | 2019年度 | 2018年度 | 本期比上年同期增减(%)"
    text = f"合并利润表\n单位：万元\n{header}\n营业收入 | 1,175.30 | 1,230.54 | -4.49"
    found = by_text(figures(text, "FY2019"))
    now, before, change = found["1,175.30"], found["1,230.54"], found["-4.49"]
    assert (now.value, now.kind, now.period, now.relation) == (Decimal("11753000"), "amount", "FY2019", "value")
    assert (before.period, before.relation) == ("FY2018", "prior")
    assert (change.kind, change.relation, change.value) == ("percent", "yoy", Decimal("-4.49"))
    assert now.measure == "营业收入"


def test_an_annual_report_s_quarter_columns_note_references_and_parent_statements() -> None:
    quarters = "分季度主要财务指标\n单位：元\n | 第一季度 | 第二季度\n营业收入 | 62,991,572.27 | 62,612,350.94"
    found = by_text(figures(quarters, "FY2019"))
    assert (found["62,991,572.27"].period, found["62,612,350.94"].period) == ("2019Q1", "2019Q2")
    statement = "合并利润表\n单位：元\n项目 | 附注 | 2019年度\n营业收入（元） | 七、61 | 1,175,301,034.32"
    found = by_text(figures(statement, "FY2019"))
    assert list(found) == ["1,175,301,034.32"]  # 七、61 points to a note: not a figure
    assert (found["1,175,301,034.32"].measure, found["1,175,301,034.32"].scope) == ("营业收入", GROUP)
    units = "主要会计数据\n | 2019年 | 2018年\n营业收入（元） | 318,024,319.30 | 320,070,653.13\n"
    units += "净资产收益率（%） | 7.77 | 9.06"
    found = by_text(figures(units, "FY2019"))  # no 单位 line: the label says what the row is in
    assert (found["318,024,319.30"].kind, found["7.77"].kind) == ("amount", "percent")
    parent = statement.replace("合并利润表", "母公司利润表")
    assert by_text(figures(parent, "FY2019"))["1,175,301,034.32"].scope == "母公司"


def test_respective_figures_take_their_periods_in_order_and_the_measure_named_once() -> None:
    found = by_text(figures("2022年上半年期末、2021年年底未使用银行授信额度分别为92亿人民币及81亿人民币"))
    assert (found["92亿人民币"].period, found["81亿人民币"].period) == ("2022H1", "FY2021")
    assert found["81亿人民币"].measure == found["92亿人民币"].measure == "银行授信"
    found = by_text(figures("23H1收入贡献比例为16.0%,2022年为16.8%。", "2023H1"))
    assert (found["16.8%"].measure, found["16.8%"].period) == (found["16.0%"].measure, "FY2022")


def test_a_decrease_in_words_is_negative_and_a_level_reached_is_not_a_change() -> None:
    found = by_text(figures("毛利率由22H1的66.0%下跌至23H1的45.3%，净亏损同比下降19%", "2023H1"))
    assert (found["66.0%"].relation, found["66.0%"].period) == ("prior", "2022H1")
    assert (found["45.3%"].relation, found["45.3%"].period) == ("margin", "2023H1")
    assert (found["19%"].value, found["19%"].relation) == (Decimal(-19), "yoy")


def _documents() -> dict[str, Document]:
    documents = {}
    for path in sorted(BUNDLED_CORPUS.glob("*.txt")):
        document = read_document(path, path.stem.lower())
        documents[document.doc_id] = document
    return documents


def _locate(passage: str, text: str) -> tuple[int, int] | None:
    """The passage's span in the cleaned document text, read past the whitespace, bold marks and
    footnote markers that cleaning removes."""

    def squash(s: str) -> list[tuple[int, str]]:
        return [(i, c) for i, c in enumerate(s) if not c.isspace() and c not in "*⁰¹²³⁴⁵⁶⁷⁸⁹⁽⁾"]

    letters = squash(text)
    at = "".join(c for _, c in letters).find("".join(c for _, c in squash(passage)))
    if at < 0:
        return None
    return letters[at][0], letters[at + len(squash(passage)) - 1][0] + 1


def audit() -> dict[str, float]:
    """The extractor against the hand-labelled sample: a gold figure is found when an extracted
    figure of its passage has its value; it is right when kind, relation and period agree too."""
    documents = _documents()
    gold_total = extracted_total = found = right = 0
    for line in GOLD.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        document = documents[row["doc"]]
        span = _locate(clean_text(row["passage"]), document.text)  # cleaned as the document was
        assert span, row["passage"][:40]
        extracted = [
            figure
            for figure in extract_figures(document.doc_id, document.text, document.tables, document.meta.period)
            if span[0] <= figure.start < span[1]
        ]
        gold_total += len(row["figures"])
        extracted_total += len(extracted)
        unused = list(extracted)
        for gold in row["figures"]:
            value = None if "-" in gold["value"][1:] else Decimal(gold["value"])  # a range "5-6"
            match = next((figure for figure in unused if figure.value == value), None)
            if match is None:
                continue
            unused.remove(match)
            found += 1
            right += (match.kind, match.relation, match.period) == (gold["kind"], gold["relation"], gold["period"])
    return {
        "recall": found / gold_total,
        "precision": found / extracted_total,
        "right_recall": right / gold_total,
        "right_precision": right / extracted_total,
    }


def test_the_extractor_against_the_hand_labelled_sample() -> None:
    """Measured floors (the figures issue's target is precision 0.97 / recall 0.9 with the
    binding right; see the closing note for where it stands)."""
    scores = audit()
    assert scores["recall"] >= 0.95 and scores["precision"] >= 0.95, scores
    assert scores["right_recall"] >= 0.75 and scores["right_precision"] >= 0.75, scores


def test_the_gold_sample_is_large_and_complete_enough_to_audit_with() -> None:
    rows = [json.loads(line) for line in GOLD.read_text(encoding="utf-8").splitlines()]
    assert sum(len(row["figures"]) for row in rows) >= 150 and len({row["doc"] for row in rows}) == 2


@pytest.mark.slow
def test_rag_figures_lists_what_the_index_read(tmp_path: Path) -> None:
    env = {"RAG_INDEX_DIR": str(tmp_path / "index")}
    result = run("figures", "2022年毛利率", "--json", env=env)
    assert result.returncode == 0, result.stderr
    first = json.loads(result.stdout)["figures"][0]
    assert (first["text"], first["measure"], first["period"], first["relation"]) == (
        "67%",
        "毛利率",
        "FY2022",
        "margin",
    )
    assert first["chunk_id"].startswith("sensetime-2022-annual-results#")
    assert "67%" in run("figures", "gross margin 2022", env=env).stdout


CARDS = "\n\n".join(
    [
        "智慧商业\n\n收入同比: -25%",
        "智慧城市\n\n收入同比: -49%",
        "各业务收入占比",
        "收入占比\n\n38%\n\n(21年: 42%)\n\n收入年增长: -25%",
        "收入占比\n\n29%\n\n(21年: 46%)\n\n收入年增长: -49%",
    ]
)


def test_slide_cards_whose_line_is_named_in_a_picture_take_the_line_whose_growth_they_repeat() -> None:
    # the two cards repeat one layout; each card's growth is the one a named line has elsewhere
    found = [(f.text, f.scope, f.period, f.relation) for f in extract_figures("d", CARDS, [], "FY2022")]
    assert found[2:] == [
        ("38%", "智慧商业", "FY2022", "share"),
        ("42%", "智慧商业", "FY2021", "prior"),  # "(21年: 42%)": the same measure a year before
        ("-25%", "智慧商业", "FY2022", "yoy"),
        ("29%", "智慧城市", "FY2022", "share"),
        ("46%", "智慧城市", "FY2021", "prior"),
        ("-49%", "智慧城市", "FY2022", "yoy"),
    ]
    assert [f.measure for f in extract_figures("d", CARDS, [], "FY2022")][2:4] == ["收入占比", "收入占比"]
    # a single card, or cards whose growth no named line shares, stay the group's
    alone = extract_figures("d", "收入占比\n\n38%\n\n(21年: 42%)\n\n收入年增长: -25%", [], "FY2022")
    assert {f.scope for f in alone} == {"集团"}


def test_a_label_wrapped_over_two_lines_is_read_whole() -> None:
    found = by_text(figures("717家\n\n当期\n客户\n\n110家+\n\n当期《财富》500强\n企业及上市公司客户\n\n大装置"))
    assert (found["717家"].label, found["717家"].measure) == ("当期 客户", "客户")
    assert found["110家"].label == "当期《财富》500强 企业及上市公司客户" and found["110家"].measure == "客户"


def test_a_label_with_its_figure_is_no_heading_and_a_count_names_what_it_counts() -> None:
    # `收入同比: +59%` stands under the 智能汽车 heading: the bullets below are still its
    text = "智能汽车\n\n收入同比: +59%\n\n- 2022年量产数量超过50万\n\n智慧城市\n\n收入同比: -49%\n\n- 持续赋能162个城市"
    found = by_text(figures(text))
    assert found["50万"].scope == "智能汽车" and found["162个"].scope == "智慧城市"
    assert found["162个"].measure == "城市"  # counted after its classifier
    sized = by_text(figures("支持最多20个千亿参数量超大模型同时训练"))
    assert sized["20个"].measure != "参数"  # 千亿 sizes the models: they are not 20 parameters


def test_a_measure_qualified_by_a_product_is_the_product_s() -> None:
    # SenseCore's share of Smart Business revenue is not Smart Business's share of the group's
    found = by_text(figures("智慧商业\n\n收入同比: -25%\n\n- SenseCore对外服务收入占比超过20%, 业务规模持续增长"))
    assert (found["20%"].scope, found["20%"].measure) == ("智慧商业", "大装置收入占比")
