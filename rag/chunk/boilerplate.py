"""Which passages are boilerplate: a report's contents pages (dot leaders and page numbers), its
definitions table (`本公司、公司 指 …`), and sections whose wording every report repeats (legal
notices, the auditor's formulae), listed as data in rag/resources/boilerplate_sections.txt."""

from __future__ import annotations

import re
from functools import cache

from rag.ingest.tables import Table
from rag.text.normalize import normalize
from rag.text.terms import resource_lines

_CONTENTS_LINE = re.compile(r"(?:\.{4,}|…{2,}|·{4,}|-{6,})\s*\d+\s*$")
_DEFINITION_LINE = re.compile(r"^\S.{0,40}?\s+指\s+\S")
_MOSTLY = 0.5


@cache
def _sections() -> tuple[str, ...]:
    return tuple(normalize(line).lower() for line in resource_lines("boilerplate_sections.txt"))


def boilerplate_section(section: str) -> str | None:
    """The boilerplate phrase in a section path, if any."""
    lowered = normalize(section).lower()
    return next((phrase for phrase in _sections() if phrase in lowered), None)


def is_boilerplate(section: str, text: str, tables: list[Table]) -> bool:
    if boilerplate_section(section):
        return True
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return False
    contents = sum(1 for line in lines if _CONTENTS_LINE.search(line))
    definitions = sum(1 for line in lines if _DEFINITION_LINE.match(line))
    definitions += sum(1 for table in tables for row in table.rows if len(row.cells) > 2 and row.cells[1] == "指")
    return max(contents, definitions) >= _MOSTLY * len(lines)
