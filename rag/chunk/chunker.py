"""Pack sentences into chunks of about `max_tokens` tokens (counted with the embedding model's own
tokenizer), starting afresh at each heading, page and table, with a sentence of overlap otherwise.

A chunk cut from a table keeps the table's rows as structure (cells, column headers, unit, page)
and, in the text that is embedded and indexed, the table's title, unit and column headers, so a
chunk from the middle of a long statement still says which column is which year."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace

from rag.chunk.boilerplate import is_boilerplate
from rag.chunk.headings import Heading, find_headings
from rag.chunk.sentences import split_sentences
from rag.figures.model import FIGURES_VERSION
from rag.ingest.readers import Document
from rag.ingest.tables import Table
from rag.text.normalize import normalize
from rag.text.periods import Period, find_periods

# Bump when chunk boundaries or indexed text change, so old indexes are refused.
CHUNKER_VERSION = 4

TokenCounter = Callable[[Sequence[str]], list[int]]

_SOFT_BREAKS = re.compile(r"[，,、：:]")
_FILLER = re.compile(r"(?:\s|[□√■☑☐✓✔×]|不适用|适用|是|否|无)*")


@dataclass(frozen=True)
class ChunkerSettings:
    max_tokens: int = 256
    overlap_sentences: int = 1

    def as_manifest(self) -> dict:
        # The figures table is read with the chunks: a new figures reader rebuilds like a new chunker.
        return {"version": CHUNKER_VERSION, "figures": FIGURES_VERSION, **asdict(self)}


@dataclass
class Chunk:
    id: str
    doc_id: str
    title: str
    source: str
    ordinal: int
    start: int  # character offsets into the document's cleaned text
    end: int
    page: int | None
    section: str
    text: str  # as shown
    indexed_text: str  # "title › section" line + normalised text: what is embedded and keyword-indexed
    period: str = ""  # the period the document reports on, e.g. "FY2022", "2023H1" ("" if unknown)
    mentions: list[str] = field(default_factory=list)  # periods the chunk itself names
    tables: list[Table] = field(default_factory=list)  # the tables it holds rows of (only those rows)
    boilerplate: bool = False  # contents, definitions, legal notices, audit-report formulae

    def __post_init__(self) -> None:
        self.tables = [table if isinstance(table, Table) else Table.from_dict(table) for table in self.tables]

    @property
    def location(self) -> str:
        where = f"p.{self.page}" if self.page else f"chars {self.start}-{self.end}"
        return f"{where}, {self.section}" if self.section else where


@dataclass(frozen=True)
class _Piece:
    start: int
    end: int
    tokens: int
    section: str
    page: int | None
    opens_block: bool  # a heading, a table or a new page: never share a chunk with what came before
    heading: bool = False  # the piece is a heading line


def chunk_document(doc: Document, count_tokens: TokenCounter, settings: ChunkerSettings) -> list[Chunk]:
    pieces = _pieces(doc, count_tokens, settings.max_tokens)
    period = Period.parse(doc.meta.period) if doc.meta.period else None
    chunks: list[Chunk] = []
    current: list[_Piece] = []

    def emit() -> None:
        first, last = current[0], current[-1]
        # Headings that open the chunk lead to what it is about: the section is the one under them.
        section = next((p.section for p in current if not p.heading), first.section)
        text = doc.text[first.start : last.end]
        tables = _tables_within(doc.tables, first.start, last.end)
        # The "document (period) › section" line that is embedded and indexed with the chunk, and
        # the title, unit and columns of a table whose header is not in the chunk.
        header = f"{doc.title} ({period})" if period else doc.title
        header = f"{header} › {section}" if section else header
        contexts = [table.context() for table in tables if table.start < first.start and table.context()]
        header = "\n".join([header, *contexts])
        chunks.append(
            Chunk(
                id=f"{doc.doc_id}#{len(chunks):03d}",
                doc_id=doc.doc_id,
                title=doc.title,
                source=str(doc.path),
                ordinal=len(chunks),
                start=first.start,
                end=last.end,
                page=first.page,
                section=section,
                text=text,
                indexed_text=f"{normalize(header)}\n{normalize(text)}",
                period=str(period) if period else "",
                mentions=[str(p) for p in find_periods(text)],
                tables=tables,
                boilerplate=is_boilerplate(section, text, tables),
            )
        )

    header_budget = max(count_tokens([doc.title])[0] + 12, 16)
    budget = max(settings.max_tokens - header_budget, 32)
    for piece in pieces:
        used = sum(p.tokens for p in current)
        # Headings, and check boxes that say nothing alone ("√适用 □不适用"), never make a chunk of
        # their own: what follows them on their page joins them.
        alone = all(p.heading or _FILLER.fullmatch(doc.text[p.start : p.end]) for p in current)
        opens = piece.opens_block and not (alone and all(p.page == piece.page for p in current))
        if current and (opens or used + piece.tokens > budget):
            emit()
            carried = []
            if not piece.opens_block and settings.overlap_sentences:
                carried = current[-settings.overlap_sentences :]
            # Overlap is at most half a chunk, and never pushes the next sentence over budget.
            while carried and (
                sum(p.tokens for p in carried) > budget // 2 or sum(p.tokens for p in carried) + piece.tokens > budget
            ):
                carried = carried[1:]
            current = list(carried)
        current.append(piece)
    if current:
        emit()
    return chunks


def _tables_within(tables: list[Table], start: int, end: int) -> list[Table]:
    """The tables with rows in [start, end), each with only those rows."""
    inside = []
    for table in tables:
        rows = [row for row in table.rows if start <= row.start and row.end <= end]
        if rows:
            inside.append(replace(table, rows=rows))
    return inside


def _pieces(doc: Document, count_tokens: TokenCounter, max_tokens: int) -> list[_Piece]:
    """Sentences with their token counts, section path and page; sentences longer than the
    budget are cut at commas or, failing that, between characters that are not inside a number."""
    rows = {row.start for table in doc.tables for row in table.rows}
    headings = find_headings(doc.text, rows)
    spans = split_sentences(doc.text)
    counts = count_tokens([doc.text[a:b] for a, b in spans])
    # A table with column headers or a unit is a block of its own: its first line (title, unit or
    # header) and the line after it open blocks.
    framed = [table for table in doc.tables if table.header or table.unit]
    edges = sorted({table.start for table in framed} | {table.end for table in framed})
    pieces: list[_Piece] = []
    path: list[Heading] = []
    next_heading = 0
    next_edge = 0
    last_page = None
    for (start, end), tokens in zip(spans, counts, strict=True):
        opens = is_heading = False
        while next_edge < len(edges) and edges[next_edge] <= start:
            next_edge += 1
            opens = True
        while next_heading < len(headings) and headings[next_heading].start <= start:
            heading = headings[next_heading]
            path = [h for h in path if h.level < heading.level] + [heading]
            next_heading += 1
            opens, is_heading = True, heading.start == start
        page = doc.page_at(start)
        if page != last_page and last_page is not None:
            opens = True
        last_page = page
        section = " › ".join(h.title for h in path)
        for i, (a, b, n) in enumerate(_split_long(doc.text, start, end, tokens, count_tokens, max_tokens // 2)):
            pieces.append(_Piece(a, b, n, section, page, opens and i == 0, is_heading and i == 0))
    return pieces


def _split_long(
    text: str, start: int, end: int, tokens: int, count_tokens: TokenCounter, limit: int
) -> list[tuple[int, int, int]]:
    if tokens <= limit:
        return [(start, end, tokens)]
    # Cut points after commas first; else an even cut that does not fall inside a number.
    cuts = [m.end() for m in _SOFT_BREAKS.finditer(text, start, end) if m.end() < end]
    parts: list[tuple[int, int]] = []
    part_start = start
    target = (end - start) * limit // tokens  # characters per piece, from the token density
    for cut in [*cuts, end]:
        if cut - part_start >= target:
            parts.append((part_start, cut))
            part_start = cut
    if part_start < end:
        parts.append((part_start, end))
    result: list[tuple[int, int, int]] = []
    for a, b in parts:
        n = count_tokens([text[a:b]])[0]
        if n > limit and b - a > 1:
            middle = _safe_cut(text, (a + b) // 2, a, b)
            for sub in ((a, middle), (middle, b)):
                result += _split_long(text, *sub, count_tokens([text[sub[0] : sub[1]]])[0], count_tokens, limit)
        else:
            result.append((a, b, n))
    return result


def _safe_cut(text: str, near: int, lo: int, hi: int) -> int:
    """The cut position closest to `near` that is not between two characters of one number."""
    for offset in range(0, hi - lo):
        for pos in (near - offset, near + offset):
            if lo < pos < hi and not (_numeric(text[pos - 1]) and _numeric(text[pos])):
                return pos
    return near


def _numeric(ch: str) -> bool:
    return ch.isdigit() or ch in ".,%+万亿"
