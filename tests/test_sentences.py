import pytest

from rag.chunk.sentences import split_sentences


def sentences(text: str) -> list[str]:
    return [text[a:b] for a, b in split_sentences(text)]


def test_chinese_sentence_ends() -> None:
    assert sentences("收入实现14.33亿元,同比增加1.3%。净亏损31.43亿元;经调整净亏损23.93亿元！对吗？") == [
        "收入实现14.33亿元,同比增加1.3%。",
        "净亏损31.43亿元;",
        "经调整净亏损23.93亿元！",
        "对吗？",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "毛利率为38.5%，同比下降。",
        "版本4.0已发布。",
        "覆盖1,500万+ m²的场景。",
        "算力达5.0+ exaFLOPS。",
        "参数量1.6万亿token。",
        "收入3.8 billion in 2022.",
    ],
)
def test_numbers_are_never_split(text: str) -> None:
    assert sentences(text) == [text]


def test_english_abbreviations_do_not_end_sentences() -> None:
    text = "Revenue fell 19% vs. 2021. The U.S. market grew. Mr. Xu spoke, e.g. about Inc. results."
    assert sentences(text) == [
        "Revenue fell 19% vs. 2021.",
        "The U.S. market grew.",
        "Mr. Xu spoke, e.g. about Inc. results.",
    ]


def test_list_numbers_stay_with_their_item() -> None:
    assert sentences("1. 大装置：持续突破。2. 计算机视觉：成果显著！") == [
        "1. 大装置：持续突破。",
        "2. 计算机视觉：成果显著！",
    ]


def test_line_breaks_end_fragments_and_closing_quotes_stay() -> None:
    assert sentences("38 亿元\n\n集团营业收入 (同比 -19%)\n他说：“很好。”然后") == [
        "38 亿元",
        "集团营业收入 (同比 -19%)",
        "他说：“很好。”",
        "然后",
    ]


def test_spans_point_into_the_text() -> None:
    text = "  第一句。  第二句\n"
    for start, end in split_sentences(text):
        assert text[start:end].strip() == text[start:end]
