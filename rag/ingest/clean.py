"""Cleaning applied to every document's text (and so to what is shown): slide-export noise out,
meaning kept."""

from __future__ import annotations

import re

from rag.ingest.footnotes import name_definitions

_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*|__(?=\S)(.+?)(?<=\S)__", re.DOTALL)
_STRAY_BOLD = re.compile(r"\*\*")
# Footnote marks: ⁽¹⁾, or bare superscript digits, except squared/cubed units (m², km³).
_FOOTNOTE = re.compile(r"⁽[⁰¹²³⁴-⁹]+⁾|(?<!(?<![A-Za-z])[mM])(?<!(?<![A-Za-z])[ck]m)(?<!ft)[⁰¹²³⁴-⁹]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_TRAILING_SPACE = re.compile(r"[ \t\u00a0\u3000]+$", re.MULTILINE)
_BLANK_RUN = re.compile(r"\n{3,}")


def clean_text(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u00a0", " ")
    text = _INVISIBLE.sub("", text)
    text = _BOLD.sub(lambda m: m[1] or m[2], text)
    text = _STRAY_BOLD.sub("", text)
    text = _FOOTNOTE.sub("", name_definitions(text))  # a note that leaves out its term gets it first
    text = _TRAILING_SPACE.sub("", text)
    text = _BLANK_RUN.sub("\n\n", text)
    return text.strip("\n")
