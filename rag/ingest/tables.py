"""Tables in a document's text, as structure: rows with their label and cells, the column headers
and the unit that apply to them, and the table's title.

Readers write table rows one per line with cells separated by ` | ` (PDF tables read by pdfplumber,
HTML `<tr>`, DOCX tables). Text exports of PDFs leave rows as a label followed by numbers separated
by spaces (`营业收入 1,175,301,034.32 1,230,537,181.80 -4.49`), with long labels wrapped above and
below the numbers; both kinds are found here. A table that continues on the next page without
repeating its header (as statements do) keeps the header, unit and title of its first part, so a
row on the second page still says which column is which year and what unit the figures are in."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field

_CELL_SEPARATOR = re.compile(r"\s*\|\s*")
_MARKDOWN_RULE = re.compile(r"^\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?$")
# A cell that is a figure: 1,175,301,034.32 / -4.49 / 12.5% / (1,234.00) / - / —
_AMOUNT = re.compile(r"^[(（]?[-−–]?[\d,]*\d(?:\.\d+)?[)）]?%?$|^[-—–]{1,2}$")
# A reference to a note of the statements: 七、61 / 五(二)1 / 附注七、1 / 注1
# 七、61 / 附注五(1) / 注1 are always note references; 5.1 only where notes stand (beside a row's figures).
_NOTE_WORDS = re.compile(r"^(?:附注)?[一二三四五六七八九十]+[、.．(（]?[\d一二三四五六七八九十)）]*$|^注\d+$")
_NOTE_REF = re.compile(rf"{_NOTE_WORDS.pattern}|^\d+[-.]\d+$")
_YEAR_COLUMN = re.compile(
    r"^(?:20\d{2}|19\d{2})\s?年?(?:度|末|初|年末|年初|\d{1,2}月(?:\d{1,2}日)?|[1-4一二三四]季度|上半年|半年度)?"
    r"(?:\s?[（(]?[^)）]{0,8}[)）]?)?$|^(?:20\d{2})[-./]\d{1,2}(?:[-./]\d{1,2})?$"
)
_HEADER_WORDS = re.compile(
    r"本期|上期|本年|上年|同期|期末|期初|年末|年初|增减|变动|比例|比率|占比|金额|项目|附注|余额|发生额|数量|单价|"
    r"营业收入|营业成本|毛利率|合计|说明|情况|名称|姓名|职务|行业|产品|地区|类别|序号|方式|时点|日期|原因|类型|性质|"
    r"关系|持股|出资|"
    r"current|prior|previous|change|amount|item|note|total",
    re.IGNORECASE,
)
_UNIT = re.compile(
    r"^\s*(?:金额|货币)?单位\s*[:：]\s*\S.{0,40}$|^\s*(?:unit|in)\s*[:：]?\s*(?:rmb|hk\$|us\$|yuan)", re.IGNORECASE
)
_SENTENCE_PUNCTUATION = re.compile(r"[。；！？，]|[.;!?]\s")
# `2019年1—12月`, `2019年12月31日`: the period line between a statement's title and its unit.
_PERIOD_LINE = re.compile(
    r"^\s*(?:20\d{2}\s?年)?\s?\d{1,2}\s?[—\-–至]+\s?\d{1,2}\s?月\s*$|^\s*20\d{2}\s?年\s?\d{1,2}\s?月\s?\d{1,2}\s?日\s*$"
)
# A wrapped label goes on after a line that ends in the middle of a phrase.
_CONTINUES = tuple("的和及与或、）)")
# The line naming who prepared a statement, between its title and its unit.
_PREPARER = re.compile(r"^\s*(?:编制单位|填报单位|单位名称)\s*[:：]")
_HEADING = re.compile(
    r"#|第[一二三四五六七八九十百\d]+[章节部分篇]|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[)）]"
)
_PARENT_TABLE = re.compile(r"母公司|parent company", re.IGNORECASE)
_PUNCTUATION_ONLY = re.compile(r"^[\W_]+$")
_MAX_LABEL_CHARS = 40
_MAX_FRAGMENT_CHARS = 24
_MAX_TITLE_CHARS = 40
_TITLE_LOOKBACK = 4


@dataclass
class Row:
    start: int  # offsets of the row's text in the document
    end: int
    cells: list[str]  # cells[0] is the row's label ("" when the row has none)

    @property
    def label(self) -> str:
        return self.cells[0] if self.cells else ""

    @property
    def values(self) -> list[str]:
        return self.cells[1:]


@dataclass
class Table:
    start: int  # from the table's title or header to its last row
    end: int
    rows: list[Row] = field(default_factory=list)
    header: list[str] = field(default_factory=list)  # column headers, the label column's first ([] unknown)
    unit: str = ""  # "单位：元 币种：人民币"
    title: str = ""  # "合并利润表"
    page: int | None = None

    @property
    def of_parent_company(self) -> bool:
        """A parent company's own statement (母公司利润表), beside the group's consolidated one."""
        return bool(_PARENT_TABLE.search(self.title))

    def columns(self, row: Row) -> list[tuple[str, str]]:
        """The row's values under their column headers, where the columns can be told apart: all
        of them, or the rightmost ones when only the note column is missing. Empty otherwise."""
        if not self.header or len(self.header) < 2:
            return []
        names, values = self.header[1:], row.values
        if len(values) == len(names):
            return [(name, value) for name, value in zip(names, values, strict=True) if value]
        skipped = names[: len(names) - len(values)]
        if values and len(values) < len(names) and all(_is_note_column(name) for name in skipped):
            return list(zip(names[len(skipped) :], values, strict=True))
        return []

    def context(self) -> str:
        """What a passage cut from the table must say to be read alone: title, unit and columns."""
        parts = [part for part in (self.title, self.unit) if part]
        if self.header:
            parts.append(" | ".join(self.header))
        return " · ".join(parts)

    def render(self, row: Row) -> str:
        """A row as a self-contained line: `【合并利润表】营业收入（单位：元）：2019年度 1,175,301,034.32；
        2018年度 …`."""
        title = f"【{self.title}】" if self.title else ""
        unit = f"（{self.unit}）" if self.unit else ""
        pairs = [(name, value) for name, value in self.columns(row) if not _is_note_column(name)]
        if pairs:
            body = "；".join(f"{name} {value}" for name, value in pairs)
        else:
            body = " ".join(value for value in row.values if value)
        label = title + (row.label or "—")
        return f"{label}{unit}：{body}" if body else label

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> Table:
        rows = [Row(**row) for row in data.get("rows", [])]
        return cls(**{**data, "rows": rows})


def is_note_reference(cell: str) -> bool:
    """七、61 / 附注七、1 / 注1: where a note explains the row, not a figure."""
    return bool(_NOTE_WORDS.match(cell.strip()))


def _is_note_column(name: str) -> bool:
    return name.strip() in {"附注", "注释", "附注编号", "note", "notes", ""}


@dataclass
class _Line:
    start: int
    end: int
    text: str  # stripped
    kind: str  # "pipe", "numbers", "header", "unit", "blank", "text"
    cells: list[str] = field(default_factory=list)


def find_tables(text: str, page_at: Callable[[int], int | None] = lambda offset: None) -> list[Table]:
    """The tables in `text`, in order: two rows or more, or one under a header or unit (a lone
    `收入同比: -25%` on a slide is not a table)."""
    lines = _classify(text)
    tables: list[Table] = []
    i = 0
    while i < len(lines):
        if lines[i].kind in ("pipe", "numbers", "header"):
            table, i = _read_table(lines, i)
            if len(table.rows) >= 2 or (table.rows and (table.header or table.unit)):
                table.page = page_at(table.start)
                tables.append(table)
        else:
            i += 1
    return tables


def _classify(text: str) -> list[_Line]:
    lines: list[_Line] = []
    offset = 0
    for raw in text.split("\n"):
        start = offset + len(raw) - len(raw.lstrip())
        stripped = raw.strip()
        line = _Line(start, start + len(stripped), stripped, "text")
        if not stripped:
            line.kind = "blank"
        elif _UNIT.match(stripped):
            line.kind = "unit"
        elif _MARKDOWN_RULE.match(stripped):
            line.kind = "blank"
        elif "|" in stripped and len(_pipe_cells(raw)) >= 2:
            line.cells = _pipe_cells(raw)
            line.kind = "header" if _is_header(line.cells) else "pipe"
        else:
            cells = _number_cells(stripped)
            if cells is not None:
                line.kind, line.cells = "numbers", cells
            elif _is_header(stripped.split()) and len(stripped.split()) >= 3:
                line.kind, line.cells = "header", stripped.split()
        lines.append(line)
        offset += len(raw) + 1
    return lines


def _pipe_cells(line: str) -> list[str]:
    """Cells of a `a | b | c` row. `| a | b |` at the start of its line is a Markdown row whose outer
    pipes are borders; otherwise a pipe at either end leaves an empty cell there (` | 2019年 | 2018年`)."""
    inner = line.strip()
    if line.startswith("|") and inner.endswith("|") and len(inner) > 1:
        inner = inner[1:-1]
    return [cell.strip() for cell in _CELL_SEPARATOR.split(inner)]


def _number_cells(line: str) -> list[str] | None:
    """A text-export row: a label, then figures (and note references) separated by spaces."""
    tokens = line.split()
    values: list[str] = []
    while tokens and (_AMOUNT.match(tokens[-1]) or (values and _NOTE_REF.match(tokens[-1]))):
        values.insert(0, tokens.pop())
    if not values or not any(_AMOUNT.match(v) and any(ch.isdigit() for ch in v) for v in values):
        return None
    label = " ".join(tokens)
    if len(label) > _MAX_LABEL_CHARS or _SENTENCE_PUNCTUATION.search(label):
        return None
    if not label and len(values) < 2:
        return None  # a lone number: a page number or a wrapped figure, not a row
    if label and len(values) == 1 and _YEAR_COLUMN.match(values[0]):
        return None  # "截至 2019", a heading's year
    return [label, *values]


def _is_header(cells: list[str]) -> bool:
    """Column headers: years and header words, no figures (and not a definition: `报告期末 | 指 | …`)."""
    filled = [cell for cell in cells if cell]
    if not filled or (len(cells) > 2 and cells[1] == "指"):
        return False
    if any(_AMOUNT.match(cell) and not _YEAR_COLUMN.match(cell) for cell in filled):
        return False
    if any(_SENTENCE_PUNCTUATION.search(cell) for cell in filled):
        return False
    if not cells[0] and len(cells) > 2:
        return True  # `| 董事会秘书 | 证券事务代表`: nothing to label, so it names the columns
    telling = sum(1 for cell in filled if _YEAR_COLUMN.match(cell) or _HEADER_WORDS.search(cell))
    return len(filled) >= 2 and telling >= 2


def _read_table(lines: list[_Line], i: int) -> tuple[Table, int]:
    """The table whose first header or row is lines[i]; returns it and the index after it."""
    header: list[str] = []
    first_body = i
    before = i
    if lines[i].kind == "header":
        header, before, first_body = _wrapped_header(lines, i)
    title, unit, start = _preamble(lines, before)
    table = Table(start, lines[i].end, unit=unit, title=title)
    fragments: list[_Line] = []  # label pieces waiting for the row they belong to
    last_row: Row | None = None
    j = first_body
    while j < len(lines):
        line = lines[j]
        if line.kind == "blank":
            j += 1
            continue
        if line.kind == "header":
            if table.rows:
                break  # a new header starts the next table
            header = _merge_header(header, line.cells)
        elif line.kind == "unit":
            if table.rows:
                break
            table.unit = line.text
        elif line.kind in ("pipe", "numbers"):
            cells = list(line.cells)
            if line.kind == "numbers":
                cells[0] = _attach_fragments(fragments, last_row, cells[0])
            fragments = []
            last_row = Row(line.start, line.end, cells)
            table.rows.append(last_row)
        elif _is_fragment(line):
            if not _PUNCTUATION_ONLY.match(line.text):
                fragments.append(line)
        else:
            break
        table.end = max(table.end, line.end)
        j += 1
    if last_row is not None:
        _end_fragments(fragments, last_row)
        table.end = max(table.end, last_row.end)
    table.header = header
    while j > first_body and lines[j - 1].kind == "blank":
        j -= 1
    return table, max(j, i + 1)


def _wrapped_header(lines: list[_Line], i: int) -> tuple[list[str], int, int]:
    """The header on lines[i], with the pieces of a long cell that a text export wraps above and
    below its line (`本期比上` / `主要会计数据 2019年 2018年 年同期增 2017年` / `减(%)`): when exactly
    one column besides the label column is not a year, the pieces are its. Returns the header, the
    index of its first line and the index after its last."""
    header = list(lines[i].cells)
    if header and _YEAR_COLUMN.match(header[0]) and lines[i].kind == "header" and "|" not in lines[i].text:
        header.insert(0, "")  # `2019年末 2018年末`: the label column has no header of its own
    above = lines[i - 1] if i > 0 and _is_header_piece(lines[i - 1]) else None
    below = lines[i + 1] if i + 1 < len(lines) and _is_header_piece(lines[i + 1]) else None
    others = [
        n for n, cell in enumerate(header[1:], start=1) if not _YEAR_COLUMN.match(cell) and not _is_note_column(cell)
    ]
    if not (above or below) or len(others) != 1:
        return header, i, i + 1
    n = others[0]
    header[n] = (above.text if above else "") + header[n] + (below.text if below else "")
    return header, i - 1 if above else i, i + 2 if below else i + 1


def _preamble(lines: list[_Line], i: int) -> tuple[str, str, int]:
    """The title and unit written just before lines[i] (skipping the table's period line)."""
    title, unit, start = "", "", lines[i].start
    for k in range(i - 1, max(-1, i - 1 - _TITLE_LOOKBACK), -1):
        line = lines[k]
        if line.kind == "blank":
            continue
        if line.kind == "unit" and not unit:
            unit, start = line.text, line.start
        elif _PERIOD_LINE.match(line.text) or _PREPARER.match(line.text):
            start = line.start
        elif line.kind == "text" and len(line.text) <= _MAX_TITLE_CHARS and not _SENTENCE_PUNCTUATION.search(line.text):
            title, start = line.text.lstrip("#").strip(), line.start
            break
        else:
            break
    return title, unit, start


def _merge_header(header: list[str], cells: list[str]) -> list[str]:
    """Two header lines of one table are one header, column by column (`本年末比上年末增` over `减`)."""
    if not header:
        return list(cells)
    if len(header) != len(cells):
        return list(cells)
    return [_join(a, b) for a, b in zip(header, cells, strict=True)]


def _is_header_piece(line: _Line) -> bool:
    """A wrapped piece of a header cell; `流动资产：` is a row of its own (a section of the statement)."""
    return _is_fragment(line) and not line.text.endswith((":", "：")) and not _PREPARER.match(line.text)


def _is_fragment(line: _Line) -> bool:
    """A short piece of text inside a table: a wrapped label or header cell, a label-only row. A
    heading (`第二节 …`, `一、公司信息`, `（二）…`) is not: it ends the table."""
    return (
        line.kind == "text"
        and len(line.text) <= _MAX_FRAGMENT_CHARS
        and not _SENTENCE_PUNCTUATION.search(line.text)
        and not _HEADING.match(line.text)
    )


def _attach_fragments(fragments: list[_Line], previous: Row | None, label: str) -> str:
    """Label pieces between two rows: those that go on from the row above are its; the rest
    begin this row's label when it has none or starts mid-phrase, else they are rows of their own
    (label-only rows such as `其他权益工具`)."""
    pieces = list(fragments)
    while pieces and previous is not None and _needs_more(previous.label, pieces[0].text):
        piece = pieces.pop(0)
        previous.cells[0] = _join(previous.label, piece.text)
        previous.end = piece.end
    if not pieces:
        return label
    if not label or label.startswith(_CONTINUES):
        return _join("".join(piece.text for piece in pieces), label)
    return label


def _needs_more(label: str, piece: str) -> bool:
    opened = label.count("（") + label.count("(") > label.count("）") + label.count(")")
    return opened or piece.startswith(_CONTINUES)


def _end_fragments(fragments: list[_Line], last_row: Row) -> None:
    for piece in fragments:
        if not _needs_more(last_row.label, piece.text):
            break
        last_row.cells[0] = _join(last_row.label, piece.text)
        last_row.end = piece.end


def _join(a: str, b: str) -> str:
    if not a or not b:
        return a or b
    wide = "\u4e00" <= a[-1] <= "\u9fff" or "\u4e00" <= b[0] <= "\u9fff" or not a[-1].isascii() or not b[0].isascii()
    return f"{a}{b}" if wide else f"{a} {b}"
