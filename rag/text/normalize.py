"""Normalisation applied to indexed text and to questions alike (never to the text shown):
full-width ASCII -> half-width, Traditional -> Simplified Chinese."""

from __future__ import annotations

import re
from functools import cache

import opencc

# U+FF01..U+FF5E are full-width forms of ASCII '!'..'~'; U+3000 is the ideographic space.
_HALFWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)} | {0x3000: 0x20}

_CJK = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
CJK_RUN = re.compile(f"[{_CJK}]+")
HAS_CJK = re.compile(f"[{_CJK}]")
_LATIN_WORD = re.compile(r"[A-Za-z]+")


@cache
def _t2s() -> opencc.OpenCC:
    return opencc.OpenCC("t2s")


def to_halfwidth(text: str) -> str:
    return text.translate(_HALFWIDTH)


def to_simplified(text: str) -> str:
    return _t2s().convert(text) if HAS_CJK.search(text) else text


def normalize(text: str) -> str:
    return to_simplified(to_halfwidth(text))


def is_chinese(text: str) -> bool:
    """True when the text is mostly Chinese: more Chinese characters than English words, so
    "商汤SenseCore有多少GPU" is Chinese and "What is 毛利率 in 2022?" is English."""
    cjk = len(re.findall(f"[{_CJK}]", text))
    words = len(_LATIN_WORD.findall(text))
    return cjk > words
