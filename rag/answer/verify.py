"""Checks a generated answer, sentence by sentence, against the passages it was given:

- every number (with its unit) must occur in a cited passage; units are converted in code
  (38亿元 = RMB 3.8 billion = 3,800 million). A number stated in the wrong unit (38 billion for
  38亿) is repaired from the passage; one no passage supports makes the sentence fail;
- a citation to a passage that does not support its sentence is dropped; a sentence whose figure
  is in a passage it did not cite gets that citation;
- amounts are written the way the answer's language writes them (38亿元 -> RMB 3.8 billion)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import cached_property

from rag.chunk.sentences import split_sentences
from rag.figures.binding import BindingCheck, Verdict
from rag.figures.derive import Derivation, derivations, derived, operands
from rag.figures.extract import count_unit, in_formula, unit_length
from rag.figures.model import Figure
from rag.text.analyzer import Analyzer
from rag.text.dictionary import default_dictionary, in_english
from rag.text.normalize import is_chinese
from rag.text.numbers import (
    Quantity,
    chinese_amount,
    count_or_year,
    digits,
    english_amount,
    find_quantities,
    same_amount,
)
from rag.text.periods import Period, find_periods, numbers_outside_times, period_spans
from rag.text.terms import TermPair, default_term_map

_CITATION = re.compile(r"\s*[\[【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]】]")
_END_PUNCTUATION = re.compile(r"[。！？.!?；;]+$")
_CURRENCY_AFTER = re.compile(r"^\s*(?:美元|元|人民币|RMB|yuan)", re.I)
_CURRENCY_BEFORE = re.compile(r"(?:RMB|CNY|人民币|¥|US\$|\$)\s*$", re.I)
_CURRENCY_NEAR = re.compile(r"(?:RMB|CNY|yuan|人民币|¥|US\$|\$|元)", re.I)
_POINTS = re.compile(r"百分点|pp$", re.I)  # a figure written in percentage points (14个百分点)
_POINTS_AFTER = re.compile(r"\s*(?:个?百分点|percentage points?|pp\b)", re.I)  # or with them after it
_NAME = re.compile(r"(?<![A-Za-z0-9])[A-Za-z][A-Za-z0-9]*(?:[-.][A-Za-z0-9]+)*")
_SENTENCE_ENDS = "。！？；;!?\n"


def _version_of(longer: str, name: str) -> bool:
    """InternLM-123B of InternLM, GPT-3.5 of GPT: the name and a suffix with a digit (GPUs is no version of GPU)."""
    return longer.startswith(name) and re.match(r"[-.]?[A-Za-z]*\d", longer[len(name) :]) is not None


# How a model opens an answer ("根据资料，", "According to the filings,"): no word of the answer.
_PREAMBLE = re.compile(
    r"^\s*(?:根据(?:提供的|以上)?(?:资料|文件|文档|材料|段落|信息)[，,：:]?"
    r"|according to the (?:filings|passages|documents|"
    r"information)[,:]?)",
    re.IGNORECASE,
)
_TENSE = re.compile(r"(?<=[a-z]{3})(?:ed|ing)$")
# Share of a sentence's words that a passage must contain to support it (when it states no figure).
MIN_OVERLAP = 0.34


@dataclass
class Checked:
    """One sentence after checking: its final text, the passages it cites, what was changed."""

    text: str
    cited: list[int] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    unsupported: list[str] = field(default_factory=list)  # figures no passage supports
    off_topic: list[str] = field(default_factory=list)  # figures only in sentences about something else
    misbound: list[str] = field(default_factory=list)  # figures the table binds to another line or period

    @property
    def ok(self) -> bool:
        return not self.unsupported and not self.off_topic and not self.misbound


class Verifier:
    def __init__(
        self,
        passages: dict[int, str],
        language: str,
        analyzer: Analyzer,
        question: str = "",
        relevant: list[str] | None = None,
        derived: tuple[str, ...] = (),
        binding: BindingCheck | None = None,
    ) -> None:
        """`relevant`: the passage sentences that are about the question; a figure must come from
        one of them (the 166亿 cash reserves is not the revenue, though it is in the passage).
        `derived`: results computed in code from cited figures (59.6% = 8.536亿 ÷ 14.33亿), which
        no passage states. `binding`: the figures table's check that each figure is the asked line's and period's.
        A figure no passage states that code computes from two of theirs (rag.figures.derive) stands,
        with its formula."""
        self.passages = passages  # citation number -> the passage's full text
        self.language = language
        self.analyzer = analyzer
        self._relevant = None if relevant is None else [q for text in relevant for q in find_quantities(text)]
        self._quantities = {n: find_quantities(text) for n, text in passages.items()}
        self._tokens = {n: set(analyzer.tokens(text)) for n, text in passages.items()}
        self._asked = {q.key for q in find_quantities(question)}
        self._derived = [q for text in derived for q in find_quantities(text)]
        self._binding = binding or _Unchecked()
        self._question = question
        self._names = set(_NAME.findall(question))  # InternLM, InternLM-123B, GPT-3.5
        self._relevant_sentences = relevant

    @cached_property
    def _asked_terms(self) -> list[TermPair]:
        return [match.pair for match in default_term_map().find(self._question)]

    @cached_property
    def _periods(self) -> dict[int, set[Period]]:
        return {n: set(find_periods(text)) for n, text in self.passages.items()}

    @cached_property
    def _asked_periods(self) -> set[Period]:
        return set(find_periods(self._question))

    @cached_property
    def _asked_words(self) -> set[str]:
        return set(self.analyzer.tokens(self._question))

    @cached_property
    def _computable(self) -> list[Derivation]:
        """What code computes from two of the relevant sentences' figures (built only when needed:
        when a figure is in no passage)."""
        sentences = self._relevant_sentences
        if sentences is None:
            sentences = [text[a:b] for text in self.passages.values() for a, b in split_sentences(text)]
        found = operands(((self._passage_of(text), text) for text in sentences), self.analyzer.tokens)
        return list(derivations(found, _asked_words(self._question, self.analyzer)))

    def _passage_of(self, sentence: str) -> int:
        return next((n for n, text in self.passages.items() if sentence in text), 0)

    def check(self, sentence: str) -> Checked:
        cited = self._citations(sentence)
        text = _CITATION.sub("", sentence).strip()
        result = Checked(text)
        claims = self.claims(text)
        used: set[int] = set()  # passages that state (or correct) one of the sentence's figures
        replacements: list[tuple[Quantity, str]] = []
        for claim in claims:
            if any(same_amount(claim, result) for result in self._derived):
                continue  # computed, and its operands are checked as claims of their own
            support = [n for n in cited if self.supports(n, claim)]
            if not support:
                support = [n for n in self.passages if self.supports(n, claim)]
                if support:
                    result.notes.append(f"cited [{support[0]}] for {claim.text}")
            verdict = self._binding.verdict(claim, support, list(self.passages), text) if support else None
            if verdict is not None and verdict.instead is not None:
                n, figure = verdict.instead  # the figure of the asked line and period, where the model took another
                used.add(n)
                replacements.append((claim, self._bound(figure, claim)))
                result.notes.append(
                    f"corrected {claim.text} to {replacements[-1][1]} from [{n}]: "
                    f"{claim.text} is stated for another business line or period"
                )
                continue
            if support:
                used.update(support if set(support) <= set(cited) else support[:1])
                if self._relevant is not None and not any(same_amount(claim, q) for q in self._relevant):
                    result.off_topic.append(claim.text)
                elif (verdict is not None and verdict.misbound) or all(self._of_a_variant(n, claim) for n in support):
                    result.misbound.append(claim.text)
                continue
            in_points = bool(_POINTS.search(claim.text) or _POINTS_AFTER.match(text, claim.end))
            computed = derived(claim if not in_points else replace(claim, percent=True), self._computable, in_points)
            if computed is not None:
                used.update(n for n in computed.cited if n)
                # The formula after the figure's unit: 3,000块（30,000 − 27,000）
                points = _POINTS_AFTER.match(text, claim.end)
                end = points.end() if points else claim.end + unit_length(text[claim.end :])
                shown = f"（{computed.formula}）" if self.language == "zh" else f" ({computed.formula})"
                replacements.append((replace(claim, end=end), text[claim.start : end] + shown))
                result.notes.append(f"checked {claim.text} = {computed.formula} in code")
                continue
            repair = self._repair(claim, cited or list(self.passages))
            if repair is None:
                result.unsupported.append(claim.text)
                continue
            n, source = repair
            as_meant = replace(source, start=claim.start, end=claim.end)  # the passage's figure, where the claim is
            if self._binding.verdict(as_meant, [n], [], text).misbound:
                result.misbound.append(claim.text)  # Smart City's 1.838亿, for SenseCore's external revenue
                continue
            used.add(n)
            replacements.append((claim, self._written(source, self.passages[n])))
            result.notes.append(f"corrected {claim.text} to {replacements[-1][1]} from [{n}]")
        for quantity, new in sorted(replacements, key=lambda item: -item[0].start):
            start, end = quantity.start, quantity.end
            if new.startswith("RMB"):  # "38 billion yuan" / "US$38 billion" -> "RMB 3.8 billion"
                before, after = _CURRENCY_BEFORE.search(text[:start]), _CURRENCY_AFTER.match(text[end:])
                start -= len(before.group()) if before else 0
                end += after.end() if after else 0
            text = text[:start] + new + text[end:]
        if claims:
            keep = [n for n in cited if n in used] + sorted(used - set(cited))
        else:
            keep = [n for n in cited if self.backs(n, text)]
            if not keep and text:
                best = max(self.passages, key=lambda n: self.overlap(text, n), default=None)
                if best is not None and self.backs(best, text):
                    keep = [best]
        dropped = [n for n in cited if n not in keep]
        if dropped:
            result.notes.append(
                f"dropped citation {', '.join(f'[{n}]' for n in dropped)}: it does not support the sentence"
            )
        result.text = self._localise(text)
        if self.language == "en" and not is_chinese(result.text):  # a Chinese sentence is not the answer
            result.text, translated = in_english(result.text, self.analyzer.words)
            if translated:
                result.notes.append(f"wrote {translated} Chinese word(s) of the answer in English")
        result.cited = sorted(set(keep))
        return result

    def _of_a_variant(self, n: int, claim: Quantity) -> bool:
        """Whether passage n states the figure of another version of a name the question asks
        about (InternLM-123B's 1230亿 parameters, for InternLM): the nearest name before it in its
        sentence extends the asked name, or the asked one extends it."""
        text = self.passages[n]
        for source in self._quantities[n]:
            if not same_amount(claim, source):
                continue
            before = text[: source.start]
            names = _NAME.findall(before[max(before.rfind(mark) for mark in _SENTENCE_ENDS) + 1 :])
            nearest = names[-1] if names else ""
            if not nearest or nearest in self._names:
                return False
            if not any(_version_of(nearest, name) or _version_of(name, nearest) for name in self._names):
                return False
        return True

    def restates_question(self, text: str) -> bool:
        """Whether a sentence only says the question back (…的那家厂商是全球汽车OEM厂商, or the question
        itself): no word, and no figure, the question does not have."""
        if text.rstrip().endswith(("?", "？")):
            return True

        def roots(sentence: str) -> set[str]:  # partnered / partner, outperformed / outperform
            return {
                _TENSE.sub("", t) for t in self.analyzer.tokens(sentence) if not t.startswith(("_", "num:", "pct:"))
            }

        words = roots(_PREAMBLE.sub("", text))
        return bool(words) and not self.claims(text) and words <= roots(self._question)

    def names_something(self, text: str) -> bool:
        """Whether a sentence names something the question does not (for a question asking who, or
        which company): a Latin name written with capitals inside it (NXP, CCTV, iFlytek) or
        capitalised after the sentence's first word (Honda), or a rare Chinese word (恩智浦, 本田);
        not a description in everyday words (one of Hong Kong's largest jewellery groups,
        一间全球汽车OEM厂商)."""
        asked = {word.lower() for word in self.analyzer.words(self._question)}
        words = [word for word in self.analyzer.words(text) if word.strip()]
        for i, word in enumerate(words):
            if word.lower() in asked:
                continue
            if re.fullmatch(r"[A-Za-z][A-Za-z0-9&.-]*", word):
                if re.search(r"[A-Z]", word[1:]) or (word[0].isupper() and i > 0):
                    return True
            elif len(word) > 1 and is_chinese(word) and self.analyzer.rare(word):
                return True
        return False

    def render(self, checked: Checked) -> str:
        """The sentence with its citations, before its closing punctuation: "…38亿元[1]。"."""
        marks = "".join(f"[{n}]" for n in checked.cited)
        text = checked.text
        end = _END_PUNCTUATION.search(text)
        if end:
            body, tail = text[: end.start()].rstrip(), end.group()
        else:
            body, tail = text, ""
        spacer = " " if marks and self.language == "en" else ""
        return f"{body}{spacer}{marks}{tail}"

    def _citations(self, sentence: str) -> list[int]:
        numbers = [int(n) for group in _CITATION.findall(sentence) for n in re.findall(r"\d+", group)]
        return list(dict.fromkeys(n for n in numbers if n in self.passages))

    def claims(self, text: str) -> list[Quantity]:
        """The figures a sentence states: not years, dates or period shorthands (23H1), not small
        counts without their measure word (8块 GPU is a figure, "3 segments" is not), not numbers
        the question itself contains."""
        claims = []
        for quantity in numbers_outside_times(text):
            if quantity.key in self._asked:
                continue
            if count_or_year(quantity) and not count_unit(text[quantity.end :]):
                continue
            claims.append(quantity)
        return claims

    def supports(self, n: int, claim: Quantity) -> bool:
        text = self.passages[n]
        return any(
            same_amount(claim, source)
            for source in self._quantities[n]
            if (not count_or_year(source) or count_unit(text[source.end :]))  # 8 家, 4个海外城市
            and not in_formula(text, source.start)  # 乘以365天 is no number of days the filings report
        )

    def _repair(self, claim: Quantity, pool: list[int]) -> tuple[int, Quantity] | None:
        """The passage figure the model meant but wrote in the wrong unit: same digits (38 billion
        for 38亿), same kind (percentage or amount)."""
        for n in pool:
            for source in self._quantities[n]:
                figure = source.percent or re.search(r"[万亿千百,]|[a-z]", source.text, re.I)  # not "123" in "123H1"
                signed = claim.percent or (claim.value < 0) == (source.value < 0)  # "-38亿" is not the 38亿 revenue
                if figure and signed and source.percent == claim.percent and digits(source) == digits(claim) != "":
                    return n, source
        return None

    def _bound(self, figure: Figure, claim: Quantity) -> str:
        """A figures-table figure written as the claim it replaces was (8.536亿 / 853.6 million, 130%)."""
        if figure.kind in ("percent", "pp"):
            return f"{abs(figure.value).normalize():f}%"
        if self.language == "zh":
            return chinese_amount(abs(figure.value)) if re.search(r"[万亿]", claim.text) else f"{abs(figure.value):,f}"
        return english_amount(abs(figure.value))

    def _written(self, source: Quantity, passage: str) -> str:
        """A passage figure as this answer's language writes it."""
        if self.language == "zh":
            return "".join(source.text.split())
        amount = f"{english_amount(abs(source.value))}{_more_than(source)}{'%' if source.percent else ''}"
        currency = _CURRENCY_AFTER.match(passage[source.end : source.end + 4])
        if currency and "美元" not in currency.group():
            return f"RMB {amount}"
        return amount

    def _localise(self, text: str) -> str:
        """Amounts in the answer's own units: 38亿元 -> RMB 3.8 billion in English, 3.8 billion ->
        38亿 in Chinese."""
        pieces = []
        last = 0
        for quantity in find_quantities(text):
            written = quantity.text
            if self.language == "en" and re.search(r"[万亿]", written):
                new = english_amount(quantity.value) + _more_than(quantity)
                start, end = quantity.start, quantity.end
                after = _CURRENCY_AFTER.match(text[end:])
                before = re.search(r"人民币\s*$", text[last:start])
                if after:
                    end += after.end()
                if before:
                    start -= len(before.group())
                if after and "美元" in after.group():
                    new = f"US${new}"
                elif before or (after and not _CURRENCY_NEAR.search(text[max(0, start - 5) : start])):
                    new = f"RMB {new}"
                pieces += [text[last:start], new]
                last = end
            elif self.language == "zh" and re.search(r"[a-z]", written, re.I) and not quantity.percent:
                pieces += [text[last : quantity.start], chinese_amount(quantity.value)]
                last = quantity.end
        pieces.append(text[last:])
        return "".join(pieces)

    def backs(self, n: int, sentence: str) -> bool:
        """Whether passage n backs a sentence that states no figure: it has enough of the
        sentence's words, and enough of those the question does not have (what the answer adds:
        a company's name written after the question's words is not backed by those words)."""
        return self.overlap(sentence, n) >= MIN_OVERLAP and self.overlap(sentence, n, added=True) >= MIN_OVERLAP

    def overlap(self, sentence: str, n: int, added: bool = False) -> float:
        """Share of the sentence's terms and words found in passage n; a finance term counts as
        found in any of its forms (gross margin = 毛利率). `added`: only of those the question
        does not have (1.0 when there are none)."""
        tokens = self._tokens[n]
        asked = self._asked_words if added else set()

        def present(text: str) -> bool:
            words = [t for t in self.analyzer.tokens(text) if not t.startswith("_")]
            return bool(words) and all(word in tokens for word in words)

        found = total = 0
        rest = sentence
        for start, end, period in period_spans(sentence)[::-1]:  # the fourth quarter of 2023 = 23年Q4
            rest = rest[:start] + " " + rest[end:]
            if added and period in self._asked_periods:
                continue
            total += 1
            found += any(_same_period(period, named) for named in self._periods[n])
        for match in default_term_map().find(rest):
            rest = rest.replace(match.surface, " ")
            if match.pair in self._asked_terms and added:
                continue
            total += 1
            found += any(present(form) for form in (*match.pair.chinese, *match.pair.english))
        for word in {t for t in self.analyzer.tokens(rest) if not t.startswith(("_", "num:", "pct:"))} - asked:
            total += 1
            # an English word of a sentence about a Chinese passage, in any of its everyday Chinese words
            found += word in tokens or any(chinese in tokens for chinese in default_dictionary().chinese(word))
        return found / total if total else 1.0


def _same_period(one: Period, other: Period) -> bool:
    """2022 and FY2022 are one period; 2023 and 2023Q4 are not."""
    full = ("", "FY")
    return one.year == other.year and (one.part == other.part or (one.part in full and other.part in full))


def _asked_words(question: str, analyzer: Analyzer) -> set[str]:
    """The question's words, and its finance terms in both languages (parameters -> 参数量)."""
    words = set(analyzer.tokens(question))
    for match in default_term_map().find(question):
        for form in (*match.pair.chinese, *match.pair.english):
            words.update(analyzer.tokens(form))
    return words


class _Unchecked:
    """No figures table to check against: every figure stands as its passage states it."""

    def verdict(self, claim: Quantity, support: list[int], pool: list[int], sentence: str) -> Verdict:
        return Verdict(False)


def _more_than(quantity: Quantity) -> str:
    """The "+" of "1,500万+" (more than), kept when the amount is rewritten."""
    return "+" if "+" in quantity.text else ""
