"""Read .txt/.md/.html/.pdf/.docx files into cleaned text, the same way for every format:

- headings found in the markup come out as markdown '#' lines, table rows as `cell | cell` lines;
- pages (of PDFs, and of text exports that mark them with form feeds or `[page N]` lines) lose
  their running headers and footers, hard-wrapped lines are joined into paragraphs, and each
  page's start is kept as an offset (its number is provenance);
- tables are found in the text (rag.ingest.tables), and whose document it is and its period are
  read from its cover and company profile (rag.ingest.metadata)."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path

import charset_normalizer

from rag.ingest.clean import clean_text
from rag.ingest.layout import reflow, remove_furniture
from rag.ingest.metadata import DocumentMeta, read_metadata
from rag.ingest.pdf import PdfError, read_pdf
from rag.ingest.tables import Table, find_tables

TEXT_SUFFIXES = {".txt", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm"}
SUPPORTED_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | {".pdf", ".docx"}

_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
# Encodings a Chinese filing is likely to be in, besides UTF-8. GB18030 is a superset of GBK/GB2312.
_CHINESE_ENCODINGS = ["gb18030", "big5"]
# Page breaks in text exports of PDFs: a form feed, or a "[page 12]" line.
_PAGE_MARK = re.compile(r"\f|^[ \t]*\[\s*page\s+\d+\s*\][ \t]*$", re.IGNORECASE | re.MULTILINE)


class IngestError(Exception):
    """A file that cannot be read; the message says why in one line."""


@dataclass
class Document:
    doc_id: str
    title: str
    path: Path
    sha256: str
    text: str
    encoding: str = ""
    # For paged documents: the offset in `text` where each page starts (page n at page_starts[n-1]).
    page_starts: list[int] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    notes: list[str] = field(default_factory=list)  # what the reader should be told (pages OCRed or skipped)

    def page_at(self, offset: int) -> int | None:
        if not self.page_starts:
            return None
        page = 0
        for page, start in enumerate(self.page_starts, start=1):
            if start > offset:
                return page - 1
        return page


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def decode(data: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding). UTF-8 first, then GB18030/GBK or Big5 as detected."""
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise IngestError("binary file (contains NUL bytes), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data, cp_isolation=_CHINESE_ENCODINGS).best()
    if best is None:
        raise IngestError("unknown text encoding (tried UTF-8, GB18030/GBK, Big5)")
    return str(best), best.encoding


def read_document(path: Path, doc_id: str) -> Document:
    """Read one file. Raises IngestError with a one-line reason if it cannot be read."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        raise IngestError(f"unsupported file type {suffix or '(none)'}")
    try:
        data = path.read_bytes()
    except OSError as err:
        raise IngestError(f"cannot read: {err.strerror or err}") from err
    title = _title_from_name(path)
    encoding = ""
    notes: list[str] = []
    try:
        if suffix in TEXT_SUFFIXES:
            text, encoding = decode(data)
            pages = [clean_text(page) for page in _PAGE_MARK.split(text)]
            if suffix != ".txt":
                title = _first_markdown_heading(pages[0]) or title
        elif suffix in HTML_SUFFIXES:
            html, encoding = decode(data)
            text, html_title = _html_to_text(html)
            pages, title = [text], html_title or title
        elif suffix == ".pdf":
            pdf = read_pdf(path)
            pages, title, notes = pdf.pages, pdf.title or title, pdf.notes
        else:
            text, docx_title = _read_docx(path)
            pages, title = [text], docx_title or title
    except IngestError:
        raise
    except PdfError as err:
        raise IngestError(str(err)) from err
    except Exception as err:  # parsers raise many types on corrupt input
        raise IngestError(f"corrupt or unreadable {suffix[1:].upper()}: {err}") from err
    if pages and not pages[0].strip() and len(pages) > 1:
        pages = pages[1:]  # the text before the first "[page 1]" mark
    meta = read_metadata("\n".join(pages), title)  # as written: the running header names the report too
    text, page_starts = _join_pages([reflow(page) for page in remove_furniture(pages)])
    if not text.strip():
        if suffix == ".pdf":
            raise IngestError(f"no text found: {notes[0] if notes else 'the PDF has no text layer'}")
        raise IngestError("empty")
    document = Document(doc_id, meta.title or title, path, hashlib.sha256(data).hexdigest(), text, encoding)
    document.page_starts = page_starts if len(pages) > 1 or suffix == ".pdf" else []
    document.tables = find_tables(text, document.page_at)
    document.meta, document.notes = meta, notes
    return document


def _join_pages(pages: list[str]) -> tuple[str, list[int]]:
    starts, offset = [], 0
    for page in pages:
        starts.append(offset)
        offset += len(page) + 2  # the "\n\n" joining pages
    return "\n\n".join(pages), starts


def _title_from_name(path: Path) -> str:
    return re.sub(r"[-_]+", " ", path.stem).strip()


def _first_markdown_heading(text: str) -> str | None:
    match = re.search(r"^#{1,2}\s+(.+)$", text, re.MULTILINE)
    return match[1].strip() if match else None


def _html_to_text(html: str) -> tuple[str, str | None]:
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "html.parser")
    for tag in soup(["script", "style", "noscript", "nav", "header", "footer", "template"]):
        tag.decompose()
    title = soup.title.get_text(" ", strip=True) if soup.title else None
    if soup.title:
        soup.title.decompose()
    for level in range(1, 7):
        for tag in soup.find_all(f"h{level}"):
            tag.replace_with(f"\n\n{'#' * level} {tag.get_text(' ', strip=True)}\n\n")
    for row in soup.find_all("tr"):
        cells = [cell.get_text(" ", strip=True) for cell in row.find_all(["td", "th"])]
        row.replace_with("\n" + " | ".join(cells) + "\n")
    for tag in soup.find_all(["p", "div", "li", "br", "section", "article", "table"]):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = clean_text(re.sub(r"[ \t]+", " ", soup.get_text()))
    return text, title or _first_markdown_heading(text)


def _read_docx(path: Path) -> tuple[str, str | None]:
    import docx

    document = docx.Document(str(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, docx.table.Table):
            for row in block.rows:
                lines.append(" | ".join(cell.text.strip() for cell in row.cells))
            lines.append("")
            continue
        text = block.text.strip()
        style = (block.style.name if block.style is not None else "") or ""
        heading = re.fullmatch(r"Heading (\d)", style)
        level = int(heading[1]) if heading else (1 if style == "Title" else 0)
        lines.append(f"{'#' * level} {text}" if text and level else text)
        lines.append("")
    text = clean_text("\n".join(lines))
    title = (document.core_properties.title or "").strip() or _first_markdown_heading(text)
    return text, title
