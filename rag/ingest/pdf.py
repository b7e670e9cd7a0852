"""PDFs read page by page with pdfplumber: ruled tables come out as tables (one row per line, cells
separated by ` | `, a cell's wrapped lines joined), the text around them in reading order. Pages
without a text layer (scans) are read by OCR when tesseract is installed (rag.ingest.ocr)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from rag.ingest import ocr
from rag.ingest.clean import clean_text

# A page with less text than this and images over this share of it is a scan.
_SCAN_MAX_CHARS = 60
_SCAN_MIN_COVER = 0.3


class PdfError(Exception):
    """A PDF that cannot be read; the message says why in one line."""


@dataclass
class PdfText:
    pages: list[str]
    title: str | None
    notes: list[str] = field(default_factory=list)  # what a reader should know (pages OCRed or skipped)


def read_pdf(path: Path) -> PdfText:
    import pdfplumber
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    try:
        pdf = pdfplumber.open(path)
    except (PDFPasswordIncorrect, PDFEncryptionError) as err:
        raise PdfError("encrypted PDF (needs a password)") from err
    with pdf:
        pages: list[str] = []
        scanned: list[int] = []
        for page in pdf.pages:
            text = _page_text(page)
            if _scanned(page, text):
                scanned.append(page.page_number)
            pages.append(text)
        title = str((pdf.metadata or {}).get("Title") or "").strip() or None
    notes: list[str] = []
    if scanned:
        notes += _read_scans(path, pages, scanned)
    return PdfText(pages, title, notes)


def _scanned(page, text: str) -> bool:
    """A page that is a picture: images over much of it, and no more text than a header and a
    page number."""
    if len(text.strip()) >= _SCAN_MAX_CHARS or not page.images:
        return False
    covered = sum(abs((image["x1"] - image["x0"]) * (image["bottom"] - image["top"])) for image in page.images)
    return covered >= _SCAN_MIN_COVER * page.width * page.height


def _page_text(page) -> str:
    """The page's lines and tables, top to bottom."""
    tables = page.find_tables()
    boxes = [table.bbox for table in tables]

    def outside(obj: dict) -> bool:
        middle_x, middle_y = (obj["x0"] + obj["x1"]) / 2, (obj["top"] + obj["bottom"]) / 2
        return not any(x0 <= middle_x <= x1 and top <= middle_y <= bottom for x0, top, x1, bottom in boxes)

    text_part = page.filter(outside) if boxes else page
    blocks = [(line["top"], line["text"]) for line in text_part.extract_text_lines(return_chars=False)]
    blocks += [(table.bbox[1], _table_lines(table.extract())) for table in tables]
    return clean_text("\n".join(text for _, text in sorted(blocks, key=lambda block: block[0]) if text))


def _table_lines(rows: list[list[str | None]]) -> str:
    lines = []
    for row in rows:
        cells = [_cell(cell) for cell in row]
        if any(cells):
            lines.append(" | ".join(cells))
    return "\n".join(lines)


def _cell(cell: str | None) -> str:
    """A cell's text on one line: wrapped Chinese joined without a space, other text with one."""
    parts = [part.strip() for part in (cell or "").splitlines() if part.strip()]
    text = ""
    for part in parts:
        wide = text and (not text[-1].isascii() or not part[0].isascii())
        text = f"{text}{part}" if wide or not text else f"{text} {part}"
    return text.replace("|", "/")


def _read_scans(path: Path, pages: list[str], scanned: list[int]) -> list[str]:
    listed = _pages_list(scanned)
    missing = ocr.unavailable()
    if missing:
        return [f"{listed} no text layer (scanned) and were not read: {missing}"]
    for number in scanned:
        pages[number - 1] = clean_text(ocr.read_page(path, number - 1))
    return [f"{listed} no text layer: read by OCR ({ocr.languages()})"]


def _pages_list(numbers: list[int]) -> str:
    shown = ", ".join(str(n) for n in numbers[:10]) + (" …" if len(numbers) > 10 else "")
    return f"page {shown} has" if len(numbers) == 1 else f"{len(numbers)} pages ({shown}) have"
