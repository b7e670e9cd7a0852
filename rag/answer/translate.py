"""Quoted Chinese passage sentences in English, for an English question: the answer is in the
question's language, always, also when it falls back to the passages' own sentences.

The language model translates one sentence at a time (a short, constrained job), with the filings'
company and product names put in first (如影 -> SenseAvatar: the small model does not know them). A
translation is shown only if it keeps every figure of its sentence, adds none, and leaves no
Chinese behind; else the sentence is quoted as written."""

from __future__ import annotations

import re

from rag.answer.llm import LLM
from rag.answer.verify import Verifier
from rag.text.analyzer import Analyzer
from rag.text.numbers import find_quantities, same_amount
from rag.text.periods import as_of_spans, numbers_outside_times, period_spans
from rag.text.terms import default_term_map

_SYSTEM = (
    "Translate Chinese text from a company filing into English. Translate faithfully and completely, "
    "add nothing, and keep every number with its Chinese unit exactly as written (38 亿元, 50万台)."
)
_CHINESE = re.compile(r"[\u4e00-\u9fff]")
_LEFT_OVER = 4  # Chinese characters a translation may keep (a name it could not render)
# A stretch of Chinese a draft left untranslated (the small model switches language midway:
# "…which generated AI-related business录得三位数同比强劲增长.").
_UNTRANSLATED = re.compile(r"[\u4e00-\u9fff]{3,}(?:[，、,]?[\u4e00-\u9fff]+)*")
_RETRIES = 2  # stretches translated again at most; a draft with more is no translation


class Translator:
    def __init__(self, llm: LLM, analyzer: Analyzer, max_tokens: int) -> None:
        self.llm = llm
        self.analyzer = analyzer
        self.max_tokens = max_tokens

    def __call__(self, sentence: str) -> str | None:
        """The sentence in English, figures as English writes them (RMB 3.8 billion); None when the
        translation fails its check."""
        draft = self._translate(with_names(sentence))
        if len(_UNTRANSLATED.findall(draft)) <= _RETRIES:
            draft = _UNTRANSLATED.sub(self._translated_alone, draft)
        return checked_translation(sentence, draft, self.analyzer)

    def _translate(self, text: str) -> str:
        messages = [{"role": "system", "content": _SYSTEM}, {"role": "user", "content": text}]
        return "".join(self.llm.stream(messages, self.max_tokens)).strip().strip('"“”')

    def _translated_alone(self, left: re.Match[str]) -> str:
        """A stretch the draft left in Chinese, translated on its own (a shorter job), spaced as a
        phrase of the sentence; as it was if that fails too (the check then refuses the draft)."""
        english = self._translate(left[0]).rstrip(".")
        if not english or _CHINESE.search(english):
            return left[0]
        previous = left.string[: left.start()].rstrip()
        if previous and previous[-1] not in ".!?" and english[1:2].islower():
            english = english[0].lower() + english[1:]  # "Recorded strong growth" mid-sentence
        before = " " if previous and not left.string[left.start() - 1].isspace() else ""
        return before + english


def with_names(sentence: str) -> str:
    """The filings' company and product names in their English form (「如影」 -> 「SenseAvatar」,
    商汤集团 -> SenseTime); not a common word listed with a name (数字人, digital human)."""
    names = {
        form: match.pair.name
        for match in default_term_map().find(sentence)
        if match.pair.is_name
        for form in match.pair.chinese
        if match.pair.chinese[0] in form
    }
    if not names:
        return sentence
    pattern = "|".join(map(re.escape, sorted(names, key=len, reverse=True)))
    sentence = re.sub(pattern, lambda m: names[m[0]], sentence)
    for name in set(names.values()):  # AI大装置SenseCore -> SenseCore, not SenseCoreSenseCore
        sentence = re.sub(rf"({re.escape(name)})\s*\1", r"\1", sentence)
    return sentence


def checked_translation(source: str, draft: str, analyzer: Analyzer) -> str | None:
    """The draft, with figures written in the wrong unit repaired (50 million for 50万), if it
    states each of the source's figures and no other, names the same periods and dates, is no
    shorter than the source and is English."""
    if len(_CHINESE.findall(draft)) > _LEFT_OVER or len(draft) < len(source):
        return None
    verifier = Verifier({1: source}, "en", analyzer)
    checked = verifier.check(draft)
    if not checked.ok:
        return None
    stated = find_quantities(checked.text)
    if not all(any(same_amount(s, number) for s in stated) for number in numbers_outside_times(source)):
        return None  # a number left out, or written in words (5种 as "five kinds")
    if _periods(checked.text) != _periods(source):
        return None  # 23H1 read as the second half of 2022
    return checked.text


def _periods(text: str) -> set[str]:
    return {str(period) for _, _, period in period_spans(text)} | {date for _, _, date in as_of_spans(text)}
