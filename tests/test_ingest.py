from pathlib import Path

import opencc
import pytest

from rag.ingest.clean import clean_text
from rag.ingest.files import CorpusPathError, find_sources
from rag.ingest.readers import IngestError, decode, read_document
from rag.text.normalize import is_chinese, normalize

SAMPLE = "商汤集团2022年营业收入38亿元，同比下降19%；毛利率67%。SenseCore大装置拥有2.7万块GPU。" * 3


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk", "gb2312", "utf-16"])
def test_simplified_chinese_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "filing.txt"
    path.write_bytes(SAMPLE.encode(encoding))
    assert read_document(path, "filing").text == SAMPLE


def test_big5_traditional_chinese(tmp_path: Path) -> None:
    traditional = opencc.OpenCC("s2t").convert(SAMPLE)
    path = tmp_path / "filing.txt"
    path.write_bytes(traditional.encode("big5"))
    document = read_document(path, "filing")
    assert document.text == traditional  # shown as written
    assert normalize(document.text) == normalize(SAMPLE)  # indexed as Simplified


def test_short_gbk_text_is_detected() -> None:
    text, encoding = decode("营业收入38亿元".encode("gbk"))
    assert text == "营业收入38亿元"
    assert encoding in {"gb18030", "gbk"}


def test_binary_file_is_refused_with_a_reason(tmp_path: Path) -> None:
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 4)
    with pytest.raises(IngestError, match="binary"):
        read_document(path, "image")


def test_corrupt_pdf_and_docx_are_refused(tmp_path: Path) -> None:
    for name in ("broken.pdf", "broken.docx"):
        path = tmp_path / name
        path.write_bytes(b"this is not really a " + name.encode())
        with pytest.raises(IngestError, match="corrupt or unreadable"):
            read_document(path, "broken")


def test_empty_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "empty.md"
    path.write_text("\n\n  \n", encoding="utf-8")
    with pytest.raises(IngestError, match="empty"):
        read_document(path, "empty")


def test_pdf_pages_and_title(tmp_path: Path) -> None:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    path = tmp_path / "report.pdf"
    pdf = canvas.Canvas(str(path))
    pdf.setTitle("测试年报")
    for line in ("第一页：营业收入38亿元。", "第二页：毛利率67%。"):
        pdf.setFont("STSong-Light", 12)
        pdf.drawString(72, 720, line)
        pdf.showPage()
    pdf.save()
    document = read_document(path, "report")
    assert document.title == "测试年报"
    assert document.page_at(document.text.index("营业收入")) == 1
    assert document.page_at(document.text.index("毛利率")) == 2


def test_docx_headings_tables_and_title(tmp_path: Path) -> None:
    import docx

    word = docx.Document()
    word.core_properties.title = "半年报"
    word.add_heading("财务回顾", level=1)
    word.add_paragraph("收入实现14.33亿元,同比增加1.3%。")
    table = word.add_table(rows=2, cols=2)
    for row, values in zip(table.rows, [("指标", "数值"), ("毛利率", "45.3%")], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    path = tmp_path / "h1.docx"
    word.save(str(path))
    document = read_document(path, "h1")
    assert document.title == "半年报"
    assert "# 财务回顾" in document.text
    assert "毛利率 | 45.3%" in document.text


def test_html_text_headings_and_tables(tmp_path: Path) -> None:
    html = """<html><head><meta charset="gbk"><title>业绩公告</title><style>p{}</style></head>
    <body><nav>首页 登录</nav><h2>盈利能力</h2><p>毛利率由66.0%下跌至<b>45.3%</b>。</p>
    <table><tr><td>收入</td><td>14.33亿元</td></tr></table><script>var x=1;</script></body></html>"""
    path = tmp_path / "notice.html"
    path.write_bytes(html.encode("gbk"))
    document = read_document(path, "notice")
    assert document.title == "业绩公告"
    assert "## 盈利能力" in document.text
    assert "毛利率由66.0%下跌至45.3%。" in document.text
    assert "收入 | 14.33亿元" in document.text
    assert "var x" not in document.text and "登录" not in document.text


def test_slide_noise_is_removed_but_units_stay() -> None:
    raw = "收入同比增长**108%**\r\n\r\n\r\n\r\n2.7万+\nGPU²\n客户数量⁽¹⁾\n1,500万+ m²\n   \n\n\n备注"
    assert clean_text(raw) == "收入同比增长108%\n\n2.7万+\nGPU\n客户数量\n1,500万+ m²\n\n备注"


def test_a_footnote_defining_a_term_it_leaves_out_names_the_term() -> None:
    raw = (
        "运营支出⁽¹⁾年增长率\n\n备注:\n1. 运营支出 = 研发费用 + 管理费用\n\n"
        "资本支出⁽¹⁾\n\n总现金储备⁽²⁾\n\n备注:\n1. 定义为购买物业 + 购买无形资产\n2. 定义为现金 + 定期存款\n\n"
        "Capital expenditure⁽³⁾\n\nNotes:\n(3) Defined as purchases of property"
    )
    cleaned = clean_text(raw)
    assert "1. 资本支出定义为购买物业" in cleaned and "2. 总现金储备定义为现金" in cleaned
    assert "1. 运营支出 = 研发费用" in cleaned and "运营支出年增长率" in cleaned  # a note that names its term stays
    assert "(3) Capital expenditure: Defined as purchases" in cleaned and "⁽" not in cleaned


def test_normalisation_full_width_and_traditional() -> None:
    assert normalize("ＳｅｎｓｅＣｏｒｅ　營業收入３８億元") == "SenseCore 营业收入38亿元"


def test_language_detection() -> None:
    assert is_chinese("2023年上半年的毛利率")
    assert is_chinese("商汤SenseCore有多少GPU？")
    assert not is_chinese("How many GPUs does SenseCore have?")
    assert not is_chinese("What is 毛利率 in 2022?")


def test_find_sources_skips_notes_and_unsupported_files(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    for name in ("a.txt", "SOURCES.md", "sub/b.pdf", "sub/b.docx", "c.jpg", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    sources, warnings = find_sources([tmp_path], ("SOURCES.md", ".*"))
    assert [(s.path.name, s.doc_id) for s in sources] == [("a.txt", "a"), ("b.docx", "sub-b"), ("b.pdf", "sub-b-pdf")]
    assert not warnings


def test_missing_corpus_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CorpusPathError, match="not found"):
        find_sources([tmp_path / "nope"])


def test_explicit_unsupported_file_warns(tmp_path: Path) -> None:
    path = tmp_path / "scan.jpg"
    path.write_bytes(b"\xff\xd8")
    sources, warnings = find_sources([path])
    assert sources == [] and "unsupported" in warnings[0]
