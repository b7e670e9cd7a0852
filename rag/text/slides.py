"""Slides print a figure on one line and its label on the next ("25 亿元 (67%)" / "毛利 (毛利率)").
Read apart, the pair is ambiguous (a small model reads it as a 25% gross margin); read together as
"毛利 25 亿元 (毛利率 67%)" it is a sentence."""

from __future__ import annotations

import re

from rag.text.numbers import find_quantities

# "main (aside)": a line with at most one trailing parenthesis.
_PARTS = re.compile(r"^(?P<main>[^()（）]*?)\s*(?:[(（](?P<aside>[^()（）]*)[)）])?$")
# What may surround a figure on a figure line: units, signs, arrows.
_FIGURE_NOISE = re.compile(r"[\d.,，\s+\-−–~↑↓%％]|亿元|万元|亿|万|千|元|个|家|倍|m²|平方米|exaFlops", re.I)
# "2023.03" on a title slide is when, not how much; "02" before a section title is its number.
_NOT_A_FIGURE = re.compile(r"^((19|20)\d\d([.\-/]\d{1,2})*|\d{1,2})$")
_MAX_LABEL = 24


def _parts(line: str) -> tuple[str, str] | None:
    match = _PARTS.match(line.strip())
    return (match["main"].strip(), (match["aside"] or "").strip()) if match else None


def _is_figure(text: str) -> bool:
    if not text or _NOT_A_FIGURE.match(text):
        return False
    return bool(find_quantities(text)) and not _FIGURE_NOISE.sub("", text)


def join_figure_label(figure_line: str, label_line: str) -> str | None:
    """One phrase for a figure line followed by its label line, or None when they are not such a pair."""
    figure, label = _parts(figure_line), _parts(label_line)
    if not figure or not label:
        return None
    (value, value_aside), (name, name_aside) = figure, label
    if not _is_figure(value) or (value_aside and not _is_figure(value_aside)):
        return None
    if not name or len(name) > _MAX_LABEL or re.search(r"\d", name):
        return None
    aside = " ".join(part for part in (name_aside, value_aside) if part)
    return f"{name} {value}" + (f" ({aside})" if aside else "")
