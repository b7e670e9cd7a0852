"""Footnotes that define a term without naming it: a slide's `资本支出⁽¹⁾` over `备注: 1. 定义为购买物业、
厂房及设备 + …`. The note gets its term written in (`1. 资本支出定义为…`), so a question about what the
term includes finds the note, and the note's sentence says what it defines."""

from __future__ import annotations

import re

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
# A term and its note marker, the term's words whole (not a figure's unit, `99亿人民币⁽³⁾`): `资本支出⁽¹⁾`,
# `Capital expenditure⁽³⁾`.
_MARKER = re.compile(
    r"(?<![\w~.])([\u4e00-\u9fff][\u4e00-\u9fffA-Za-z]{1,15}|[A-Za-z][A-Za-z -]{1,40}?)\s*⁽([¹²³⁴⁵⁶⁷⁸⁹])⁾"
)
# A note line that opens on its definition, the term left out.
_DEFINITION = r"(定义为|指|即|包括|defined as|refers to|represents|includes)"
_REACH = 3000  # a note stands this close after its marker (the slide's own notes)


def name_definitions(text: str) -> str:
    """The text with each definition note that leaves its term out opening on the term marked
    with its number before it (the first such note after the marker)."""
    inserts: dict[int, str] = {}
    for marker in _MARKER.finditer(text):
        term, number = marker[1].strip(), marker[2].translate(_SUPERSCRIPTS)
        note = re.compile(rf"^[ \t]*\(?{number}[.．、)]\s*", re.MULTILINE)  # its note: the next one so numbered
        found = note.search(text, marker.end(), marker.end() + _REACH)
        defines = found is not None and re.match(_DEFINITION, text[found.end() :], re.IGNORECASE)
        if defines and found.end() not in inserts:
            english = not re.search(r"[\u4e00-\u9fff]", term)
            inserts[found.end()] = f"{term}: " if english else term
    for at in sorted(inserts, reverse=True):
        text = text[:at] + inserts[at] + text[at:]
    return text
