"""Split Chinese/English text into sentences without breaking numbers (38.5, 5.0+, 1,500万),
percentages or English abbreviations (U.S., Inc., e.g.)."""

from __future__ import annotations

import re

# Always a sentence end (also ';'/'；' which separate list-like clauses in filings).
_HARD_ENDS = "。！？；!?;…"
# Closing quotes/brackets that belong to the sentence they end.
_CLOSERS = "”’」』）)]】》\"'"
_ABBREVIATIONS = {
    "mr",
    "mrs",
    "ms",
    "dr",
    "prof",
    "inc",
    "ltd",
    "co",
    "corp",
    "no",
    "vs",
    "etc",
    "e.g",
    "i.e",
    "u.s",
    "u.k",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
    "st",
    "jr",
    "sr",
    "fig",
    "approx",
    "est",
    "yoy",
    "q.e.d",
    "p",
    "pp",
}
_WORD_BEFORE_DOT = re.compile(r"([A-Za-z](?:[A-Za-z.]*[A-Za-z])?)$")
_LIST_MARKER = re.compile(r"(?:^|[\n。！？；!?;])[ \t]*\d{1,3}$")


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Sentence spans (start, end) within text[start:end], whitespace trimmed, empty ones dropped."""
    end = len(text) if end is None else end
    spans: list[tuple[int, int]] = []
    sentence_start = start
    i = start
    while i < end:
        ch = text[i]
        boundary_after = None  # index just past the sentence end
        if ch == "\n":
            _add(spans, text, sentence_start, i)
            sentence_start = i + 1
        elif ch in _HARD_ENDS or (ch == "." and _is_period_end(text, i, end)):
            boundary_after = i + 1
        if boundary_after is not None:
            while boundary_after < end and (text[boundary_after] in _CLOSERS or text[boundary_after] in _HARD_ENDS):
                boundary_after += 1
            _add(spans, text, sentence_start, boundary_after)
            sentence_start = i = boundary_after
            continue
        i += 1
    _add(spans, text, sentence_start, end)
    return spans


def _is_period_end(text: str, i: int, end: int) -> bool:
    """A '.' ends a sentence when what follows is space/end/CJK, and it is not a decimal point,
    an abbreviation or a list marker like "1."."""
    after = text[i + 1] if i + 1 < end else ""
    if after and not (after.isspace() or "\u4e00" <= after <= "\u9fff" or after in _CLOSERS):
        return False  # 38.5, 4.0, U.S., www.x.com
    before = text[max(0, i - 20) : i]
    if _LIST_MARKER.search(before):
        return False
    word = _WORD_BEFORE_DOT.search(before)
    if word:
        token = word[1].lower()
        if token in _ABBREVIATIONS or len(token) == 1:  # "J. Smith"
            return False
    return True


def _add(spans: list[tuple[int, int]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end))


def sentence_at(text: str, offset: int) -> str:
    """The sentence of the text that holds the offset ("" when none does)."""
    return next((text[start:end] for start, end in split_sentences(text) if start <= offset < end), "")
