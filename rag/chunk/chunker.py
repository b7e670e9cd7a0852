"""Pack sentences into chunks of about `max_tokens` tokens (counted with the embedding model's own
tokenizer), starting afresh at each heading and page, with a sentence of overlap otherwise."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field

from rag.chunk.headings import Heading, find_headings
from rag.chunk.sentences import split_sentences
from rag.ingest.readers import Document
from rag.text.normalize import normalize
from rag.text.periods import document_period, find_periods

# Bump when chunk boundaries or indexed text change, so old indexes are refused.
CHUNKER_VERSION = 2

TokenCounter = Callable[[Sequence[str]], list[int]]

_SOFT_BREAKS = re.compile(r"[，,、：:]")


@dataclass(frozen=True)
class ChunkerSettings:
    max_tokens: int = 256
    overlap_sentences: int = 1

    def as_manifest(self) -> dict:
        return {"version": CHUNKER_VERSION, **asdict(self)}


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
    opens_block: bool  # a heading or a new page: never share a chunk with what came before


def chunk_document(doc: Document, count_tokens: TokenCounter, settings: ChunkerSettings) -> list[Chunk]:
    pieces = _pieces(doc, count_tokens, settings.max_tokens)
    period = document_period(doc.title, doc.text)
    chunks: list[Chunk] = []
    current: list[_Piece] = []

    def emit() -> None:
        first, last = current[0], current[-1]
        text = doc.text[first.start : last.end]
        # The "document (period) › section" line that is embedded and indexed with the chunk.
        header = f"{doc.title} ({period})" if period else doc.title
        header = f"{header} › {first.section}" if first.section else header
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
                section=first.section,
                text=text,
                indexed_text=f"{normalize(header)}\n{normalize(text)}",
                period=str(period) if period else "",
                mentions=[str(p) for p in find_periods(text)],
            )
        )

    header_budget = max(count_tokens([doc.title])[0] + 12, 16)
    budget = max(settings.max_tokens - header_budget, 32)
    for piece in pieces:
        used = sum(p.tokens for p in current)
        if current and (piece.opens_block or used + piece.tokens > budget):
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


def _pieces(doc: Document, count_tokens: TokenCounter, max_tokens: int) -> list[_Piece]:
    """Sentences with their token counts, section path and page; sentences longer than the
    budget are cut at commas or, failing that, between characters that are not inside a number."""
    headings = find_headings(doc.text)
    spans = split_sentences(doc.text)
    counts = count_tokens([doc.text[a:b] for a, b in spans])
    pieces: list[_Piece] = []
    path: list[Heading] = []
    next_heading = 0
    last_page = None
    for (start, end), tokens in zip(spans, counts, strict=True):
        opens = False
        while next_heading < len(headings) and headings[next_heading].start <= start:
            heading = headings[next_heading]
            path = [h for h in path if h.level < heading.level] + [heading]
            next_heading += 1
            opens = True
        page = doc.page_at(start)
        if page != last_page and last_page is not None:
            opens = True
        last_page = page
        section = " › ".join(h.title for h in path)
        for i, (a, b, n) in enumerate(_split_long(doc.text, start, end, tokens, count_tokens, max_tokens // 2)):
            pieces.append(_Piece(a, b, n, section, page, opens and i == 0))
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
