"""Slide figures read together with their labels, so neither a reader nor a small model pairs a
figure with the wrong label."""

from __future__ import annotations

import pytest

from rag.answer.evidence import passage_units
from rag.text.slides import join_figure_label


@pytest.mark.parametrize(
    ("figure", "label", "phrase"),
    [
        ("25 亿元 (67%)", "毛利 (毛利率)", "毛利 25 亿元 (毛利率 67%)"),
        ("38 亿元", "集团营业收入 (同比 -19%)", "集团营业收入 38 亿元 (同比 -19%)"),
        ("61 亿元 (↓65%)", "GAAP净亏损 (同比收窄)", "GAAP净亏损 61 亿元 (同比收窄 ↓65%)"),
        ("2.7万+", "GPU", "GPU 2.7万+"),
        ("1,500万+ m²", "线下场景覆盖总面积", "线下场景覆盖总面积 1,500万+ m²"),
        ("90%", "人均研发模型数同比增长", "人均研发模型数同比增长 90%"),
    ],
)
def test_figure_and_label_become_one_phrase(figure: str, label: str, phrase: str) -> None:
    assert join_figure_label(figure, label) == phrase


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("2023.03", "Smart Life"),  # a date on a title slide
        ("02", "财务回顾"),  # a section number
        ("38%", "(21年: 42%)"),  # the next line is an aside, not a label
        ("38%", "收入年增长: -25%"),  # the next line has its own figure
        ("误检率控制在", "0.5%以内"),  # label before the figure: left as it is
        ("0.5%以内", "聚焦服务头部客户，持续优化业务现金流，推动多板块数字化转型"),  # a sentence, not a label
        ("集团营业收入达到38亿元", "毛利率"),  # the first line is a sentence
    ],
)
def test_other_line_pairs_are_left_alone(first: str, second: str) -> None:
    assert join_figure_label(first, second) is None


def test_units_read_a_slide_as_phrases() -> None:
    slide = "2022年全年业绩亮点\n\n38 亿元\n\n集团营业收入 (同比 -19%)\n\n25 亿元 (67%)\n\n毛利 (毛利率)\n"
    texts = [unit.text for unit in passage_units(1, slide)]
    assert texts == ["2022年全年业绩亮点", "集团营业收入 38 亿元 (同比 -19%)", "毛利 25 亿元 (毛利率 67%)"]
