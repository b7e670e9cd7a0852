"""Follow-ups in a conversation become standalone questions."""

from __future__ import annotations

import pytest

from rag.retrieve.followup import standalone


@pytest.mark.parametrize(
    ("previous", "follow_up", "rewritten"),
    [
        # a new period for the same question
        ("商汤2022年营业收入是多少？", "那2023年上半年呢？", "商汤2023年上半年营业收入是多少？"),
        ("2022年的毛利率是多少？", "2023年上半年的呢", "2023年上半年的毛利率是多少？"),
        ("2023年上半年商汤的毛利率是多少？", "2022年呢？", "2022年商汤的毛利率是多少？"),
        ("What was SenseTime's revenue in 2022?", "What about H1 2023?", "What was SenseTime's revenue in H1 2023?"),
        ("What was the gross margin in H1 2023?", "And for 2022?", "What was the gross margin in 2022?"),
        # a new measure for the same period
        ("商汤2022年营业收入是多少？", "毛利率呢？", "商汤2022年毛利率是多少？"),
        # a measure of another kind replaces the one that is not a business line's name
        ("2023年上半年智能汽车收入是多少？", "客户数呢？", "2023年上半年智能汽车客户数是多少？"),
        ("商汤2022年营业收入是多少？", "那研发投入呢", "商汤2022年研发投入是多少？"),
        (
            "What was SenseTime's revenue in 2022?",
            "And the gross margin?",
            "What was SenseTime's gross margin in 2022?",
        ),
        ("What was the 2023 H1 revenue?", "And the net loss?", "What was the 2023 H1 net loss?"),
        # a business line for another: the term of the same kind is swapped, the rest kept
        (
            "2023年上半年智慧商业收入占总收入的比例是多少？",
            "那智慧生活呢？",
            "2023年上半年智慧生活收入占总收入的比例是多少？",
        ),
        (
            "What share of H1 2023 revenue came from Smart Business?",
            "What about Smart Life?",
            "What share of H1 2023 revenue came from Smart Life?",
        ),
        # …also from the other language (answered in the follow-up's: the eval and the chat pass it)
        (
            "2023年上半年智慧商业收入占总收入的比例是多少？",
            "What about Smart Life?",
            "2023年上半年智慧生活收入占总收入的比例是多少？",
        ),
        # in the other language: a plain previous question is written out in the follow-up's language
        ("商汤2022年营业收入是多少？", "What about H1 2023?", "What was SenseTime's revenue in H1 2023?"),
        ("商汤2023年上半年营业收入是多少？", "And the gross margin?", "What was SenseTime's gross margin in H1 2023?"),
        ("2022年的毛利率是多少？", "And 2023 H1?", "What was the gross margin in H1 2023?"),
        ("What was SenseTime's revenue in 2022?", "那2023年上半年呢？", "商汤2023年上半年营业收入是多少？"),
        ("What was the gross margin in the first half of 2023?", "净亏损呢？", "2023年上半年净亏损是多少？"),
        ("商汤2022年营业收入是多少？", "它的毛利呢？", "商汤2022年毛利是多少？"),  # the term, not "它的"
        ("How many cities had it served in 2022?", "And by H1 2023?", "How many cities had it served in H1 2023?"),
        # a line named twice is swapped in both places
        (
            "根据2022年集团营业收入和智慧商业收入占比，2022年智慧商业收入约为多少？",
            "What about Smart City?",
            "根据2022年集团营业收入和智慧城市收入占比，2022年智慧城市收入约为多少？",
        ),
        # "now" after an as-of date: the same question as of the document's present
        ("截至2023年3月，大装置有多少块GPU？", "现在呢？", "目前，大装置有多少块GPU？"),
        (
            "How many GPUs did SenseCore have at the end of March 2023?",
            "And now?",
            "How many GPUs did SenseCore have currently?",
        ),
        # another as-of date: the previous question as of it
        ("2022年底未使用的银行授信额度是多少？", "2021年底呢？", "2021年底未使用的银行授信额度是多少？"),
        ("2022年底未使用的银行授信额度是多少？", "2022年上半年末呢？", "2022年上半年末未使用的银行授信额度是多少？"),
        (
            "What were SenseTime's unused bank credit facilities at the end of 2022?",
            "And at the end of 2021?",
            "What were SenseTime's unused bank credit facilities at the end of 2021?",
        ),
        # another relation of the same figure: the previous question, then what the follow-up asks
        ("2023年上半年智慧生活收入是多少？", "同比增长多少？", "2023年上半年智慧生活收入是多少？同比增长多少？"),
        (
            "2023年上半年智慧生活收入是多少？",
            "占总收入的比例呢？",
            "2023年上半年智慧生活收入是多少？占总收入的比例呢？",
        ),
        (
            "How many customers did Smart Auto have in H1 2023?",
            "And the year-on-year growth?",
            "How many customers did Smart Auto have in H1 2023? And the year-on-year growth?",
        ),
    ],
)
def test_follow_up_is_rewritten(previous: str, follow_up: str, rewritten: str) -> None:
    assert standalone(follow_up, previous) == rewritten


@pytest.mark.parametrize(
    ("previous", "question"),
    [
        (None, "那2023年上半年呢？"),  # nothing to follow
        ("What was SenseTime's revenue in 2022?", "How many GPUs does SenseCore have?"),  # a new question
        ("商汤2022年营业收入是多少？", "商汤的首席财务官是谁？"),
        ("How many GPUs does SenseCore have?", "And its revenue?"),  # no single measure to swap
        ("What is SenseCore?", "And in 2022?"),  # the previous question names no period
        # in the other language, when the previous question is more than "measure, period", or the
        # follow-up more than one measure
        ("商汤2022年营业收入同比下降了多少？", "What about H1 2023?"),
        ("What was SenseTime's revenue in 2022?", "毛利和毛利率呢？"),
    ],
)
def test_standalone_questions_are_left_alone(previous: str | None, question: str) -> None:
    assert standalone(question, previous) == question
