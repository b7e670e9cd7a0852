"""An annual-report PDF as users have them: running headers, page numbers, a statement that runs
over a page break without repeating its header. Read, indexed and asked about end to end."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from rag.ingest import ocr
from rag.ingest.readers import IngestError, read_document
from rag.pipeline import Pipeline
from tests.conftest import make_settings
from tests.reports import CODE, COMPANY, HEADER, LATE_ROWS, SHORT, build_report, cjk_font, image_of_text


@pytest.fixture(scope="module")
def report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report") / "corpus"
    folder.mkdir()
    return build_report(folder / "scan_0042.pdf")  # a name that says nothing


def test_page_furniture_goes_and_the_statement_keeps_its_header_and_unit(report: Path) -> None:
    document = read_document(report, "scan-0042")
    assert len(document.page_starts) == 3
    assert HEADER not in document.text and not re.search(r"^\d+ / 3$", document.text, re.MULTILINE)
    [table] = [t for t in document.tables if t.title == "合并利润表"]
    assert table.unit == "单位：万元" and table.header == ["项目", "2023年度", "2022年度"]
    label, this_year, last_year = LATE_ROWS[0]
    [row] = [r for r in table.rows if r.label == label]
    assert document.page_at(row.start) == 3  # the statement went on to the next page
    assert table.columns(row) == [("2023年度", this_year), ("2022年度", last_year)]
    assert table.render(row) == f"【合并利润表】{label}（单位：万元）：2023年度 {this_year}；2022年度 {last_year}"


def test_company_and_period_come_from_the_cover_not_the_file_name(report: Path) -> None:
    document = read_document(report, "scan-0042")
    assert document.title == f"{COMPANY} 2023年年度报告"
    assert (document.meta.code, document.meta.short_name, document.meta.period) == (CODE, SHORT, "FY2023")


@pytest.mark.slow
def test_a_row_on_the_second_page_is_indexed_with_its_columns_and_answered_with_its_page(
    report: Path, tmp_path: Path, embedder, analyzer
) -> None:
    pipeline = Pipeline(make_settings(tmp_path, report.parent), progress=False)
    pipeline.embedder, pipeline.analyzer = embedder, analyzer
    pipeline.index()
    label, this_year, _ = LATE_ROWS[0]
    [chunk] = [c for c in pipeline.retriever.index.chunks if f"{label} | {this_year}" in c.text]
    assert chunk.page == 3
    assert "项目 | 2023年度 | 2022年度" not in chunk.text  # the header is on page 2 …
    assert "合并利润表 · 单位:万元 · 项目 | 2023年度 | 2022年度" in chunk.indexed_text  # … and travels with the chunk
    assert label in [row.label for table in chunk.tables for row in table.rows]
    for other in pipeline.retriever.index.chunks:
        assert HEADER not in other.text and not re.search(r"^\d+ / 3$", other.text, re.MULTILINE)

    answer = pipeline.ask(f"{SHORT}2023年的研发费用是多少？", llm="none")
    assert not answer.abstained and this_year in answer.answer and "2023年" in answer.answer
    assert any(c.page == 3 and label in c.text for c in answer.citations)
    status = pipeline.retriever.index.manifest.files[str(report)]
    assert status.meta["company"] == COMPANY and status.meta["period"] == "FY2023" and status.pages == 3


needs_font = pytest.mark.skipif(
    cjk_font() is None and not os.environ.get("CI"), reason="needs a Chinese font (apt-get install fonts-noto-cjk)"
)


@needs_font
def test_a_scanned_page_is_read_by_ocr_or_reported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = build_report(tmp_path / "with-scan.pdf", scanned_page=True)
    if ocr.unavailable():
        assert not os.environ.get("CI"), f"CI reads scans: .ci/run installs tesseract ({ocr.unavailable()})"
        document = read_document(path, "with-scan")
        assert document.notes and "apt-get install tesseract-ocr" in document.notes[0]
        return
    document = read_document(path, "with-scan")
    assert "read by OCR" in document.notes[0]
    assert "其中研发人员三百名" in document.text  # without the spaces tesseract puts between characters
    monkeypatch.setattr(ocr, "unavailable", lambda: ocr.INSTALL_HINT)
    document = read_document(path, "with-scan")
    assert "page 4 has no text layer" in document.notes[0] and ocr.INSTALL_HINT in document.notes[0]


@needs_font
def test_a_pdf_with_no_text_at_all_is_refused_with_the_hint(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from reportlab.pdfgen import canvas

    scan = tmp_path / "scan.pdf"
    page = canvas.Canvas(str(scan))
    image_of_text("营业收入").drawOn(page, 72, 72)
    page.save()
    monkeypatch.setattr(ocr, "unavailable", lambda: ocr.INSTALL_HINT)
    with pytest.raises(IngestError, match=r"no text layer.*apt-get install tesseract-ocr"):
        read_document(scan, "scan")
