"""Find heading lines (markdown '#', Chinese/number outlines, slide section titles) so every
chunk knows its section path."""

from __future__ import annotations

import re
from dataclasses import dataclass

_MAX_HEADING_CHARS = 40
_MARKDOWN = re.compile(r"#{1,6}(?=\s)")
_LEVEL1 = re.compile(r"第[一二三四五六七八九十百\d]+[章节部分篇]|[一二三四五六七八九十]+[、.．]|\d{1,2}、")
_LEVEL2 = re.compile(r"[（(][一二三四五六七八九十\d]+[)）]|\d{1,2}[)）]")
_SLIDE_SECTION_NUMBER = re.compile(r"0\d")
_RUN_IN_NUMBER = re.compile(r"\d[A-Z\u4e00-\u9fff]")
_SENTENCE_END = tuple("。！？；!?;，,")


@dataclass(frozen=True)
class Heading:
    start: int  # offset of the heading line in the document text
    level: int
    title: str


def find_headings(text: str, rows: set[int] | frozenset[int] = frozenset()) -> list[Heading]:
    """Heading lines of `text`; `rows`: where table rows start (`一、营业总收入 1,175,301,034.32` is a
    row, not a heading)."""
    lines = _lines(text)
    prose = _is_prose(lines)
    headings: list[Heading] = []
    for n, (start, line) in enumerate(lines):
        stripped = line.strip()
        if start + len(line) - len(line.lstrip()) in rows:
            continue
        level = _level(stripped)
        title = stripped
        if level and level > 0 and (_MARKDOWN.match(stripped) or len(stripped) <= _MAX_HEADING_CHARS):
            title = _MARKDOWN.sub("", stripped, count=1).strip()
        elif _SLIDE_SECTION_NUMBER.fullmatch(stripped):
            # Slide decks: "02" on one line, the section title ("财务回顾") on the next.
            following = next((line.strip() for _, line in lines[n + 1 :] if line.strip()), "")
            if following and len(following) <= _MAX_HEADING_CHARS and not following.endswith(_SENTENCE_END):
                level, title = 1, following
            else:
                continue
        elif prose and (_standalone_short_line(lines, n) or _run_in_number(stripped)):
            level = 1
        else:
            continue
        headings.append(Heading(start, level, title.rstrip(":：").strip()))
    return headings


def _level(line: str) -> int:
    marker = _MARKDOWN.match(line)
    if marker:
        return len(marker[0])
    if line.endswith(_SENTENCE_END) or " | " in line:
        return 0
    if _LEVEL1.match(line):
        return 1
    if _LEVEL2.match(line):
        return 2
    return 0


def _lines(text: str) -> list[tuple[int, str]]:
    lines, offset = [], 0
    for line in text.split("\n"):
        lines.append((offset, line))
        offset += len(line) + 1
    return lines


def _is_prose(lines: list[tuple[int, str]]) -> bool:
    """Prose (paragraphs ending in punctuation), as opposed to slide text where most lines are
    fragments; only in prose is a short standalone line a reliable heading."""
    content = [line.strip() for _, line in lines if line.strip()]
    total = sum(len(line) for line in content)
    in_sentences = sum(len(line) for line in content if line.endswith(_SENTENCE_END) or len(line) > 60)
    return total > 0 and in_sentences >= 0.6 * total


def _run_in_number(line: str) -> bool:
    """An outline number glued to its title, as text exports leave it: "3AI大模型相关布局及进展"."""
    return bool(_RUN_IN_NUMBER.match(line)) and len(line) <= _MAX_HEADING_CHARS and not line.endswith(_SENTENCE_END)


def _standalone_short_line(lines: list[tuple[int, str]], n: int) -> bool:
    line = lines[n][1].strip()
    if not line or len(line) > 12 or line.endswith(_SENTENCE_END) or any(ch.isdigit() for ch in line):
        return False
    before = lines[n - 1][1].strip() if n > 0 else ""
    after = lines[n + 1][1].strip() if n + 1 < len(lines) else ""
    return not before and not after
