"""Quoted Chinese sentences shown in English for an English question (rag.answer.translate): the
filings' names put in first, and a translation shown only when it keeps every figure, adds none
and leaves no Chinese behind. The check is tested here on given drafts; the real model's
translations in tests/test_answer.py.

Fast: no model is loaded, only jieba (the session's `analyzer` fixture from conftest.py)."""

from __future__ import annotations

import pytest

from rag.answer.translate import checked_translation, with_names
from rag.text.analyzer import Analyzer


@pytest.mark.parametrize(
    ("sentence", "named"),
    [
        ("「如影」数字人服务了央视", "「SenseAvatar」数字人服务了央视"),  # 数字人 is a common word of the row
        (
            "在「日日新」大模型基础上发布了「商量」、「秒画」",
            "在「SenseNova」大模型基础上发布了「SenseChat」、「SenseMirage」",
        ),
        ("商汤科技与商汤集团", "SenseTime与SenseTime"),  # every Chinese form holding the name
        ("AI大装置SenseCore上线GPU", "SenseCore上线GPU"),  # not SenseCoreSenseCore
        ("通过如影平台，如影数字人", "通过SenseAvatar平台，SenseAvatar数字人"),  # every occurrence
        ("营业收入38亿元", "营业收入38亿元"),  # finance words stay for the model to translate
    ],
)
def test_names_are_put_in_before_translating(sentence: str, named: str) -> None:
    assert with_names(sentence) == named


@pytest.mark.parametrize(
    ("source", "draft", "shown"),
    [
        # figures are written the English way
        (
            "集团营业收入 / 38 亿元 / (同比 -19%)",
            "Group revenue / 38亿元 / (year-on-year -19%)",
            "Group revenue / RMB 3.8 billion / (year-on-year -19%)",
        ),
        # a figure in the wrong unit is repaired from the source (50万 is 500,000, not 50 million)
        (
            "- 智能车舱量产收入大幅提高, 量产数量超过50万台",
            "Smart cockpit mass-production revenue rose sharply, with over 50 million units produced",
            "Smart cockpit mass-production revenue rose sharply, with over 500,000 units produced",
        ),
        # no figures: shown as translated
        (
            "深入10个垂直行业深度定制行业大模型,包括能源、金融、地产。",
            "Customized industry large models in 10 verticals, including energy, finance and real estate.",
            "Customized industry large models in 10 verticals, including energy, finance and real estate.",
        ),
    ],
)
def test_a_translation_keeping_the_figures_is_shown(analyzer: Analyzer, source: str, draft: str, shown: str) -> None:
    assert checked_translation(source, draft, analyzer) == shown


@pytest.mark.parametrize(
    ("source", "draft"),
    [
        # a figure left out
        ("集团营业收入38亿元，同比-19%", "Group revenue was RMB 3.8 billion, down year on year."),
        # a figure added
        ("集团营业收入38亿元", "Group revenue was RMB 3.8 billion, 12% of the market."),
        # Chinese left behind
        (
            "服务了央视、广电、工商银行等典型客户，录得三位数同比强劲增长",
            "served CCTV and others, 录得三位数同比强劲增长",
        ),
        # cut short
        (
            "23年6月联合多家国内顶尖科研机构发布预训练大语言模型InternLM,成为国内首个超越GPT-3.5-turbo性能的基座模型",
            "In June",
        ),
        # another period: 23H1 is the first half of 2023
        (
            "一二线城市智慧城市分部收入占比从22H1的34%上升到23H1的64%。",
            "The tier-1 and tier-2 share rose from 34% in the first half of 2022 to 64% in the second half of 2022.",
        ),
        # nothing
        ("集团营业收入38亿元", ""),
    ],
)
def test_a_translation_failing_its_check_is_not_shown(analyzer: Analyzer, source: str, draft: str) -> None:
    assert checked_translation(source, draft, analyzer) is None
