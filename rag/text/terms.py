"""The bilingual finance term map (rag/resources/finance_terms.tsv): lets an English question find
Chinese passages by adding the Chinese terms for the English ones it contains, and vice versa."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib import resources


@dataclass(frozen=True)
class TermPair:
    english: tuple[str, ...]
    chinese: tuple[str, ...]
    section: str = ""  # the finance_terms.tsv section it is listed in (Income statement, …): its kind
    name: str = ""  # the main English form as written (SenseChat), for text shown to people

    @property
    def is_name(self) -> bool:
        """A company's or product's name (the first section), not a finance word."""
        return self.section.startswith("Companies")


@dataclass(frozen=True)
class TermMatch:
    surface: str  # as written in the text
    pair: TermPair
    english: bool  # found by its English side


class TermMap:
    def __init__(self, pairs: list[TermPair]) -> None:
        self.pairs = pairs
        # Longest phrases first, so "adjusted net loss" wins over "net loss" and "loss".
        english = sorted(((phrase, pair) for pair in pairs for phrase in pair.english), key=lambda item: -len(item[0]))
        self._english = [(_phrase_pattern(phrase), pair) for phrase, pair in english]
        self._chinese = sorted(
            ((term, pair) for pair in pairs for term in pair.chinese), key=lambda item: -len(item[0])
        )

    def find(self, text: str) -> list[TermMatch]:
        """The terms in `text`, longest match first, without overlaps."""
        found: list[TermMatch] = []
        lowered = text.lower()
        taken = [False] * len(lowered)

        def claim(start: int, end: int, pair: TermPair, english: bool) -> None:
            if not any(taken[start:end]):
                taken[start:end] = [True] * (end - start)
                found.append(TermMatch(text[start:end], pair, english))

        for pattern, pair in self._english:
            for match in pattern.finditer(lowered):
                claim(match.start(), match.end(), pair, english=True)
        for term, pair in self._chinese:
            start = lowered.find(term.lower())
            if start >= 0:
                claim(start, start + len(term), pair, english=False)
        return found

    def expand(self, text: str) -> list[str]:
        """Terms in the other language for the terms found in `text`."""
        extra: list[str] = []
        for match in self.find(text):
            for term in match.pair.chinese if match.english else match.pair.english:
                if term not in extra:
                    extra.append(term)
        return extra

    def chinese_words(self) -> set[str]:
        return {term for pair in self.pairs for term in pair.chinese if re.search(r"[\u4e00-\u9fff]", term)}


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word) for word in phrase.split()]
    # Plurals and possessives: "GPUs", "customers'", "SenseTime's".
    return re.compile(r"(?<![a-z0-9])" + r"\s+".join(words) + r"(?:e?s)?(?:'s?)?(?![a-z0-9])")


_SECTION = re.compile(r"#\s*---\s*(.+?)\s*(?:\(.*\))?\s*---")


@cache
def default_term_map() -> TermMap:
    pairs = []
    for section, line in resource_sections("finance_terms.tsv"):
        english, chinese = line.split("\t")
        phrases = english.split("|")
        pairs.append(TermPair(tuple(p.lower() for p in phrases), tuple(chinese.split("|")), section, phrases[0]))
    return TermMap(pairs)


@dataclass(frozen=True)
class Ratio:
    names: tuple[str, ...]  # 毛利率, gross margin, …
    operands: tuple[str, ...]  # the line items it is computed from (Chinese main forms)
    formula: str  # over the operands: (营业收入-营业成本)/营业收入
    unit: str  # "percent", or "times" (流动比率 1.52)


@cache
def default_ratios() -> dict[str, Ratio]:
    """Ratios by each of their names (lower case): what a question about one must find."""
    ratios: dict[str, Ratio] = {}
    for line in resource_lines("ratios.tsv"):
        names, operands, formula, unit = line.split("\t")
        ratio = Ratio(tuple(names.lower().split("|")), tuple(operands.split("|")), formula, unit)
        ratios.update(dict.fromkeys(ratio.names, ratio))
    return ratios


@cache
def extra_jieba_words() -> tuple[str, ...]:
    return tuple(resource_lines("jieba_words.txt"))


def resource_lines(name: str) -> list[str]:
    """The lines of a data file in rag/resources, without blank lines and # comments."""
    return [line for _, line in resource_sections(name)]


def resource_sections(name: str) -> list[tuple[str, str]]:
    """Each data line of a file in rag/resources with the section it stands in: the title of the
    last `# --- Title (note) ---` comment before it ("" before any)."""
    text = resources.files("rag.resources").joinpath(name).read_text(encoding="utf-8")
    section, lines = "", []
    for line in text.splitlines():
        if header := _SECTION.match(line):
            section = header[1]
        elif line.strip() and not line.startswith("#"):
            lines.append((section, line.strip()))
    return lines
