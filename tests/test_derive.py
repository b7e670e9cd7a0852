"""A model's arithmetic checked in code (rag.figures.derive, used by the verifier): a figure no
passage states stands only when code computes the same value, to its written precision, from two
figures of the same kind and unit that stand together; the formula is then shown.

Fast: no model is loaded, only jieba (the session's `analyzer` fixture from conftest.py)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from rag.answer.verify import Verifier
from rag.figures.derive import derivations, derived, operands
from rag.text.analyzer import Analyzer
from rag.text.numbers import find_quantities

PASSAGES = {
    1: "8月新模型InternLM-123B完成训练,新模型参数量提升至1230亿。测试成绩排名全球第二,共51个评测集。",
    2: "6月,基模型InternLM发布,参数量1040亿,使用1.6万亿token的多语言语料训练。",
    3: "经调整净亏损23.93亿元,经调整净亏损率为167%,去年同期为净亏损率181%。",
    4: "上线GPU数量由2023年3月底的27,000块提升至目前约30,000块,算力规模从5ExaFLOPS提升至6ExaFLOPS。",
    5: "超千万人口城市 16个，累计赋能城市 162个。",
}


def check(analyzer: Analyzer, question: str, sentence: str, language: str = "zh"):
    verifier = Verifier(PASSAGES, language, analyzer, question)
    checked = verifier.check(sentence)
    return checked, verifier.render(checked)


@pytest.mark.parametrize(
    ("question", "sentence", "language", "shown"),
    [
        # a difference across passages, the operands labelled by the asked word (参数)
        (
            "InternLM-123B比InternLM多了多少参数？",
            "InternLM-123B比InternLM多了190亿参数[1]。",
            "zh",
            "InternLM-123B比InternLM多了190亿参数（1230亿 − 1040亿）[1][2]。",
        ),
        # the same in English: the term map links parameters to 参数量
        (
            "How many more parameters does InternLM-123B have than InternLM?",
            "InternLM-123B has 19 billion more parameters than InternLM [1].",
            "en",
            "InternLM-123B has 19 billion (123 billion − 104 billion) more parameters than InternLM [1][2].",
        ),
        # percentage points between two rates of one sentence
        ("经调整净亏损率改善了多少个百分点？", "改善了14个百分点[3]。", "zh", "改善了14个百分点（181% − 167%）[3]。"),
        (
            "By how many percentage points did the adjusted net loss margin improve?",
            "It improved by 14 percentage points [3].",
            "en",
            "It improved by 14 percentage points (181% − 167%) [3].",
        ),
        # growth between two figures of one unit, to the precision written (11% for 11.1%)
        (
            "GPU增加了多少块？增幅约多少？",
            "增加了3,000块，增幅约11%[4]。",
            "zh",
            "增加了3,000块（30,000 − 27,000），增幅约11%（30,000 ÷ 27,000 − 1）[4]。",
        ),
        (
            "By what percentage did computing power grow?",
            "It grew by 20% [4].",
            "en",
            "It grew by 20% (6 ÷ 5 − 1) [4].",
        ),
        # a share of a whole
        ("超千万人口城市占比多少？", "占比约9.9%[5]。", "zh", "占比约9.9%（16 ÷ 162）[5]。"),
    ],
)
def test_a_figure_code_computes_from_two_stated_ones_stands_with_its_formula(
    analyzer: Analyzer, question: str, sentence: str, language: str, shown: str
) -> None:
    checked, rendered = check(analyzer, question, sentence, language)
    assert checked.ok, checked.unsupported
    assert rendered == shown
    assert any(note.startswith("checked ") for note in checked.notes)


@pytest.mark.parametrize(
    ("question", "sentence", "wrong"),
    [
        # wrong arithmetic: 3,000 of 27,000 is 11.1%, not 13.3%
        ("GPU增幅约多少？", "增幅约13.3%[4]。", "13.3%"),
        # wrong precision: 9.88% is not 9.8%
        ("超千万人口城市占比多少？", "占比约9.8%[5]。", "9.8%"),
        # figures of different units are not combined: 30,000块 − 6 ExaFLOPS
        ("GPU和算力相差多少？", "相差29,994[4]。", "29,994"),
        # a percentage and an amount are not combined: 181% of 23.93亿元
        ("经调整净亏损是多少？", "约43.3亿元[3]。", "43.3亿"),
        # figures of different sentences, not labelled by one asked word, are not combined
        ("两者合计多少？", "合计1,190[1]。", "1,190"),
        # a difference of two percents is in percentage points, not a rise of 14%
        ("经调整净亏损率改善了多少？", "改善了14%[3]。", "14%"),
    ],
)
def test_a_figure_code_does_not_compute_stays_unsupported(
    analyzer: Analyzer, question: str, sentence: str, wrong: str
) -> None:
    checked, _ = check(analyzer, question, sentence)
    assert checked.unsupported == [wrong]


def test_years_and_small_plain_counts_are_no_operands(analyzer: Analyzer) -> None:
    text = "2023年3月底的27,000块，共5个评测集，6ExaFLOPS"
    found = operands([(1, text)], analyzer.tokens)
    assert [o.quantity.text for o in found] == ["27,000", "6"]
    assert [o.unit for o in found] == ["块", "exaflops"]


def test_a_value_two_computations_give_differently_is_no_check(analyzer: Analyzer) -> None:
    found = operands([(1, "甲为10亿元，乙为11.1亿元，丙为12.12亿元")], analyzer.tokens)
    # "1亿" fits 11.1 − 10 and 12.12 − 11.1 alike: a coincidence, not a check
    assert derived(find_quantities("1亿")[0], derivations(found, set()), False) is None
    # "1.1亿" fits one: 11.1亿 − 10亿
    assert derived(find_quantities("1.1亿")[0], derivations(found, set()), False).formula == "11.1亿 − 10亿"
    # one value from two computations (a figure quoted twice) is one check
    twice = operands([(1, "甲为10亿元，乙为12亿元"), (2, "甲为10亿元，乙为12亿元")], analyzer.tokens)
    assert derived(find_quantities("2亿")[0], derivations(twice, set()), False).value == Decimal("2E+8")
