import itertools
import re
from pathlib import Path

import pytest

from rag.chunk.chunker import ChunkerSettings, chunk_document
from rag.chunk.headings import find_headings
from rag.ingest.readers import Document
from rag.ingest.tables import find_tables


def char_count(texts):  # one token per character: budgets become easy to reason about
    return [len(t) for t in texts]


def doc(text: str, page_starts: list[int] | None = None, tables: bool = False) -> Document:
    document = Document("report", "Annual report", Path("/x/report.txt"), "0" * 64, text, "utf-8", page_starts or [])
    if tables:
        document.tables = find_tables(text, document.page_at)
    return document


NUMBERS = re.compile(r"\d[\d,.]*\d(?:万|亿)?\+?%?|\d")


def test_chunks_respect_the_budget_and_never_cut_numbers() -> None:
    sentences = [f"第{i}项业务收入为{i}.5亿元，同比增长{i * 3}.25%，客户1,500万+。" for i in range(1, 40)]
    text = "".join(sentences)
    chunks = chunk_document(doc(text), char_count, ChunkerSettings(max_tokens=120, overlap_sentences=1))
    assert len(chunks) > 5
    for chunk in chunks:
        assert len(chunk.text) <= 120
        assert chunk.text == text[chunk.start : chunk.end]
        # every number in a chunk is a whole number from the source
        for match in NUMBERS.finditer(chunk.text):
            whole = NUMBERS.search(text, chunk.start + match.start())
            assert whole is not None and whole.group() == match.group()


def test_one_sentence_of_overlap() -> None:
    text = "".join(f"这是第{i}句话，内容足够长以便测试。" for i in range(20))
    chunks = chunk_document(doc(text), char_count, ChunkerSettings(max_tokens=80, overlap_sentences=1))
    for before, after in itertools.pairwise(chunks):
        assert after.start < before.end  # the next chunk repeats the previous chunk's last sentence


def test_no_overlap_when_disabled() -> None:
    text = "".join(f"这是第{i}句话，内容足够长以便测试。" for i in range(20))
    chunks = chunk_document(doc(text), char_count, ChunkerSettings(max_tokens=80, overlap_sentences=0))
    for before, after in itertools.pairwise(chunks):
        assert after.start >= before.end


def test_a_sentence_longer_than_the_budget_is_cut_at_commas_not_inside_numbers() -> None:
    text = "，".join(f"第{i}部分收入12,345.67万元" for i in range(30)) + "。"
    chunks = chunk_document(doc(text), char_count, ChunkerSettings(max_tokens=100, overlap_sentences=0))
    assert len(chunks) > 3
    assert "".join(c.text for c in chunks) == text
    for chunk in chunks:
        assert not re.match(r"[\d,.]", chunk.text) or chunk.text.startswith("第")


def test_section_path_and_header_line() -> None:
    text = "# 年度报告\n\n## 财务回顾\n\n营业收入38亿元。\n\n## 业务回顾\n\n智慧生活收入增长130%。"
    chunks = chunk_document(doc(text), char_count, ChunkerSettings(max_tokens=200))
    # A heading does not make a chunk of its own: the first chunk is "年度报告 › 财务回顾" with its text.
    assert [c.section for c in chunks] == ["年度报告 › 财务回顾", "年度报告 › 业务回顾"]
    assert chunks[0].indexed_text.startswith("Annual report › 年度报告 › 财务回顾\n")
    assert chunks[0].text.startswith("# 年度报告") and "营业收入38亿元" in chunks[0].text


def test_check_boxes_do_not_make_a_chunk_of_their_own() -> None:
    text = "# 26、无形资产\n\n√适用 □不适用\n\n单位：元\n项目 | 2019年度 | 2018年度\n土地使用权 | 1,000.00 | 900.00"
    chunks = chunk_document(doc(text, tables=True), char_count, ChunkerSettings(max_tokens=200))
    assert len(chunks) == 1 and "√适用" in chunks[0].text and "土地使用权" in chunks[0].text


def test_ids_are_stable_and_ordered() -> None:
    text = "".join(f"第{i}句。" for i in range(200))
    first = chunk_document(doc(text), char_count, ChunkerSettings(max_tokens=60))
    again = chunk_document(doc(text), char_count, ChunkerSettings(max_tokens=60))
    assert [c.id for c in first] == [c.id for c in again]
    assert [c.id for c in first][:2] == ["report#000", "report#001"]


def test_pages_are_hard_boundaries() -> None:
    pages = ["第一页营业收入38亿元。", "第二页毛利率67%。"]
    text = "\n\n".join(pages)
    chunks = chunk_document(doc(text, [0, len(pages[0]) + 2]), char_count, ChunkerSettings(max_tokens=500))
    assert [(c.page, c.text) for c in chunks] == [(1, pages[0]), (2, pages[1])]


def test_indexed_text_is_normalised_but_shown_text_is_not() -> None:
    text = "營業收入ＲＭＢ３.８ｂｉｌｌｉｏｎ。"
    [chunk] = chunk_document(doc(text), char_count, ChunkerSettings())
    assert chunk.text == text
    assert "营业收入RMB3.8billion" in chunk.indexed_text


@pytest.mark.parametrize(
    ("text", "titles"),
    [
        ("01\n\n业务回顾\n\n—\n\n内容", ["业务回顾"]),
        ("一、公司概况\n内容。\n（一）主要业务\n内容。", ["一、公司概况", "（一）主要业务"]),
        ("2、分业务表现:\n1)智慧商业\n收入实现8.536亿元。", ["2、分业务表现", "1)智慧商业"]),
    ],
)
def test_headings(text: str, titles: list[str]) -> None:
    assert [h.title for h in find_headings(text)] == titles


def test_long_numbered_lines_are_not_headings() -> None:
    line = "1、" + "公司在其智能计算基础设施上持续突破并实现了大量算力输出以支持多个模型同时训练" * 2
    assert find_headings(line) == []
