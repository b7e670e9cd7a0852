"""Page layout of text read from paged documents (PDFs, text exports of them): page furniture out,
hard-wrapped lines joined back into paragraphs.

- Furniture: lines at the top or bottom of most pages that differ only in their numbers (the
  running header `2019年年度报告`, the footer `12 / 156`) are dropped; the page numbers stay as
  provenance (each page's offset in the text). Without page breaks, a line that repeats the report's
  own name many times over (`XX公司2019年年度报告全文`, left behind by HTML exports) is dropped too.
- Reflow: a text export of a PDF breaks every line at the page width. When most long lines have the
  same display width, a line of that width that does not end a sentence continues on the next line,
  and the two are joined (without a space between Chinese characters)."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Only the first and last few lines of a page can be its header or footer.
_EDGE_LINES = 2
# Share of pages a header/footer must be on (and at least this many pages).
_FURNITURE_SHARE = 0.5
_FURNITURE_MIN_PAGES = 3
# A report's name repeated as a running header where the text has no page breaks.
_REPORT_NAME = re.compile(r"年度报告|半年度报告|季度报告|annual report|interim report", re.IGNORECASE)
_NAME_REPEATS = 5
_MAX_FURNITURE_CHARS = 60

# Reflow: lines at least this wide (display columns) are candidates for the page width. A text is
# hard-wrapped when many of its lines have the commonest such width (within _WRAP_SLACK columns) and
# hardly any is wider (measured: 1.7% in text exports of PDF annual reports, 13-59% in HTML
# exports and slide text).
_MIN_WRAP_WIDTH = 40
_WRAP_SHARE = 0.15
_WIDER_SHARE = 0.05
_WRAP_SLACK = 6
# A line this close to the page width goes on to the next (proportional digits make a full line of
# text a few columns narrower than a full line of Chinese).
_JOIN_SLACK = 10
_SENTENCE_END = tuple("。！？；：!?;:")
_ROW_END = re.compile(r"\s-?[\d,]+(?:\.\d+)?%?$|\s[-—–]$|\|")
# "联系地址 江苏省…", "法定代表人：黄杰 主管会计工作负责人：黄华": fields and values, not a paragraph.
_FIELDS = re.compile(r"[\u4e00-\u9fff：:]\s+[\u4e00-\u9fff]")
_STARTS_BLOCK = re.compile(
    r"^\s*(?:#|第[一二三四五六七八九十百\d]+[章节部分篇]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d{1,2}[、.．)）](?!\d)|[□√■●•◆▪\-*]\s?)"
)


def remove_furniture(pages: list[str]) -> list[str]:
    """The pages without their running headers and footers."""
    if len(pages) < _FURNITURE_MIN_PAGES:
        return [_drop_repeated_report_name(page) for page in pages] if len(pages) == 1 else pages
    lines = [page.split("\n") for page in pages]
    tops, bottoms = Counter(), Counter()
    for page in lines:
        top, bottom = _edges(page)
        tops.update({_shape(page[i]) for i in top})
        bottoms.update({_shape(page[i]) for i in bottom})
    needed = max(_FURNITURE_MIN_PAGES, _FURNITURE_SHARE * len(pages))
    header = {shape for shape, count in tops.items() if count >= needed and shape}
    footer = {shape for shape, count in bottoms.items() if count >= needed and shape}
    cleaned = []
    for page in lines:
        top, bottom = _edges(page)
        drop = {i for i in top if _shape(page[i]) in header} | {i for i in bottom if _shape(page[i]) in footer}
        cleaned.append("\n".join(line for i, line in enumerate(page) if i not in drop).strip("\n"))
    return cleaned


def _edges(page: list[str]) -> tuple[list[int], list[int]]:
    """Indexes of the first and last few non-empty lines."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    return filled[:_EDGE_LINES], filled[-_EDGE_LINES:]


def _shape(line: str) -> str:
    """A line with its numbers and spaces taken out: `1 / 156` and `2 / 156` look the same."""
    line = line.strip()
    if len(line) > _MAX_FURNITURE_CHARS:
        return ""
    return re.sub(r"\s+", "", re.sub(r"\d+", "#", line))


def _drop_repeated_report_name(text: str) -> str:
    lines = text.split("\n")
    counts = Counter(_shape(line) for line in lines)
    repeated = {
        shape for shape, count in counts.items() if count >= _NAME_REPEATS and shape and _REPORT_NAME.search(shape)
    }
    if not repeated:
        return text
    first = next(i for i, line in enumerate(lines) if _shape(line) in repeated)  # the cover keeps its title
    return "\n".join(line for i, line in enumerate(lines) if i == first or _shape(line) not in repeated)


def reflow(text: str) -> str:
    """Hard-wrapped lines joined into their paragraphs (unchanged when the text is not hard-wrapped)."""
    lines = text.split("\n")
    width = _wrap_width(lines)
    if width is None:
        return text
    out: list[str] = []
    joining = False
    for i, line in enumerate(lines):
        if joining:
            out[-1] = _join(out[-1], line.strip())
        else:
            out.append(line)
        following = lines[i + 1] if i + 1 < len(lines) else ""
        # A joined paragraph is judged by its last physical line, whose width was the page's.
        joining = _continues(line, following, width)
    return "\n".join(out)


def _wrap_width(lines: list[str]) -> int | None:
    widths = [display_width(line) for line in lines if not _ROW_END.search(line.rstrip())]  # table rows aside
    long = [w for w in widths if w >= _MIN_WRAP_WIDTH]
    if not long:
        return None
    common = Counter(long).most_common(1)[0][0]
    near = sum(1 for w in long if abs(w - common) <= _WRAP_SLACK)
    wider = sum(1 for w in long if w > common + _WRAP_SLACK)
    lines_of_text = sum(1 for w in widths if w >= 20)
    return common if near >= _WRAP_SHARE * lines_of_text and wider <= _WIDER_SHARE * lines_of_text else None


def _continues(line: str, following: str, width: int) -> bool:
    stripped = line.rstrip()
    return (
        display_width(stripped) >= width - _JOIN_SLACK
        and bool(following.strip())
        and not stripped.endswith(_SENTENCE_END)
        and not _ROW_END.search(stripped)
        and not _ROW_END.search(following.strip())
        and not _FIELDS.search(stripped)
        and not _FIELDS.search(following)
        and not _STARTS_BLOCK.match(following)
    )


def _join(left: str, right: str) -> str:
    if not left or not right:
        return left + right
    space = "" if _is_wide(left[-1]) or _is_wide(right[0]) else " "
    return left + space + right


def display_width(line: str) -> int:
    return sum(2 if _is_wide(ch) else 1 for ch in line)


def _is_wide(ch: str) -> bool:
    return unicodedata.east_asian_width(ch) in "WF"
