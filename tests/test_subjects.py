"""Whose filings a question is about: documents name their company (read from the document),
documents that share a name are one company's, and a question naming a company is scoped to its
documents, plus documents of no known company that mention it."""

from __future__ import annotations

import numpy as np

from rag.ingest.metadata import DocumentMeta, company_names, read_metadata
from rag.retrieve.subjects import companies, in_scope, named_in, without_names

COVER = """[page 1]
2019年年度报告
公司代码：603339 公司简称：四方科技
四方科技集团股份有限公司
2019 年年度报告
"""
PROFILE = """公司的中文名称 四方科技集团股份有限公司
公司的中文简称 四方科技
公司的外文名称 SQUARE TECHNOLOGY GROUP CO.,LTD
公司的外文名称缩写 SQTEG
公司的法定代表人 黄杰
"""


def test_company_and_period_are_read_from_the_cover_and_profile() -> None:
    meta = read_metadata(COVER + PROFILE, title="report 7")
    assert (meta.company, meta.short_name, meta.code) == ("四方科技集团股份有限公司", "四方科技", "603339")
    assert (meta.english_name, meta.english_short) == ("SQUARE TECHNOLOGY GROUP CO.,LTD", "SQTEG")
    assert (meta.period, meta.kind) == ("FY2019", "annual report")
    assert meta.title == "四方科技集团股份有限公司 2019年年度报告"
    for name in ("四方科技集团股份有限公司", "四方科技集团", "四方科技", "603339", "SQUARE TECHNOLOGY GROUP", "SQTEG"):
        assert name in meta.names


def test_interim_reports_and_names_in_a_title_line() -> None:
    meta = read_metadata("浙江海翔药业股份有限公司 2020年半年度报告（海翔药业，002099）\n", title="x")
    assert (meta.company, meta.short_name, meta.code, meta.period) == (
        "浙江海翔药业股份有限公司",
        "海翔药业",
        "002099",
        "2020H1",
    )
    assert {"浙江海翔药业", "海翔药业"} <= set(
        meta.names
    )  # the legal name without 股份有限公司, and without its province


def test_without_a_name_in_the_text_the_title_names_the_company() -> None:
    meta = read_metadata("示例科技2024年营业收入为12.5亿元。", title="示例科技 2024 年度业绩公告")
    assert meta.short_name == "示例科技" and meta.names == ["示例科技"]
    assert read_metadata("营业收入为12.5亿元。", title="annual report 2024").names == []


def test_without_a_report_cover_the_period_is_the_one_title_and_opening_speak_of() -> None:
    assert read_metadata("23H1业绩总体表现：收入实现14.33亿元", title="SenseTime 2023 H1 results").period == "2023H1"
    assert read_metadata("2022年全年业绩概览", title="SenseTime 2022 annual results").period == "FY2022"
    assert read_metadata("营业收入为12.5亿元。", title="notes").period == ""


def test_the_term_map_adds_other_language_forms_of_a_name() -> None:
    names = company_names(DocumentMeta(company="商汤集团股份有限公司"))
    assert {"商汤集团", "商汤", "sensetime"} <= set(names)


def test_documents_sharing_a_name_are_one_company() -> None:
    known = companies(
        [
            ("a", ["商汤集团股份有限公司", "商汤", "sensetime"]),
            ("b", ["SenseTime", "商汤"]),
            ("c", ["示例科技"]),
            ("d", []),
        ]
    )
    assert sorted(sorted(company.documents) for company in known) == [["a", "b"], ["c"]]
    [sensetime] = named_in("What was SenseTime's revenue in 2024?", known)
    assert sensetime.documents == {"a", "b"}
    assert [c.documents for c in named_in("示例科技2024年研发投入是多少？", known)] == [{"c"}]
    assert named_in("2024年营业收入是多少？", known) == []


def test_a_code_or_latin_name_is_a_whole_word() -> None:
    known = companies([("a", ["603339", "SQTEG"])])
    assert named_in("603339的营业收入", known) and named_in("What did sqteg earn?", known)
    assert not named_in("营业收入16033390元", known) and not named_in("SQTEGX", known)


def test_a_question_naming_a_company_is_scoped_to_its_documents() -> None:
    known = companies([("a", ["商汤"]), ("c", ["示例科技"])])
    chunk_documents = ["a", "a", "b", "c", "d"]  # b and d: documents of no known company
    mentions = {"商汤": np.array([False, True, True, False, False])}

    def naming(name: str) -> np.ndarray:
        return mentions.get(name, np.zeros(5, dtype=bool))

    sensetime = named_in("商汤2024年营业收入", known)
    # b mentions 商汤 and names no company of its own: in scope; d does not mention it; c is another company's.
    assert in_scope(sensetime, chunk_documents, {"b", "d"}, naming).tolist() == [True, True, True, False, False]
    assert in_scope(named_in("示例科技", known), chunk_documents, {"b", "d"}, naming).tolist() == [
        False,
        False,
        False,
        True,
        False,
    ]
    assert in_scope([], chunk_documents, {"b", "d"}, naming) is None


def test_a_long_english_name_is_named_by_its_first_two_words_when_they_are_its_own() -> None:
    known = companies(
        [
            ("a", ["jiangnan precision machinery"]),
            ("b", ["china merchants bank"]),
            ("c", ["china merchants securities"]),
        ]
    )
    [jiangnan] = named_in("What was Jiangnan Precision's operating revenue in 2023?", known)
    assert jiangnan.documents == {"a"}
    assert named_in("What did China Merchants earn?", known) == []  # two companies start so


def test_a_long_latin_name_is_taken_out_with_its_short_form() -> None:
    # "Jiangnan Precision" names Jiangnan Precision Machinery: its words are no part of what is asked
    names = {"jiangnan precision machinery co., ltd.", "jiangnan precision machinery", "江南精密"}
    assert without_names("What was Jiangnan Precision's return on equity?", names) == "What was 's return on equity?"
