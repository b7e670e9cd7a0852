"""The answer without an LLM: the sentences of the retrieved passages that best match the
question, quoted as they are, each with its citation [n]."""

from __future__ import annotations

from dataclasses import dataclass

from rag.answer.result import Answer, Citation
from rag.chunk.sentences import split_sentences
from rag.retrieve.hybrid import Hit, Query
from rag.text.analyzer import Analyzer
from rag.text.normalize import is_chinese
from rag.text.numbers import find_quantities

_SHORT = 20  # slide fragments shorter than this are read together with their neighbours
_MAX_SENTENCES = 3
_FIGURE_BONUS = 0.2


@dataclass
class _Unit:
    n: int  # citation number (the passage's rank)
    start: int
    end: int
    text: str
    score: float = 0.0


def answer_extractively(
    question: str, query: Query, hits: list[Hit], analyzer: Analyzer, idf: dict[str, float], missing: list[str]
) -> Answer:
    """`missing`: what the question asks about that the filings never mention (then: not found)."""
    language = "zh" if is_chinese(question) else "en"
    if missing:
        return _abstain(question, language, hits, missing)
    units = [unit for n, hit in enumerate(hits, start=1) for unit in _units(n, hit.chunk.text)]
    # Score = the share of the question's (idf-weighted) keyword tokens a sentence contains, plus a
    # bonus for stating a figure. (Adding sentence-embedding similarity made answers worse on the
    # eval set, 31 vs 34 of 42, and 25x slower.)
    query_tokens = {t for t in query.keyword_tokens if not t.startswith("_") and idf.get(t, 0) > 0}
    total = sum(idf[t] for t in query_tokens)
    for unit in units:
        shared = query_tokens & set(analyzer.tokens(unit.text))
        if shared and total > 0:
            figure = _FIGURE_BONUS if _states_a_figure(unit.text) else 0.0
            unit.score = sum(idf[t] for t in shared) / total + figure
    chosen = _pick(units)
    if not chosen:
        return _abstain(question, language, hits, [])
    cited = sorted({unit.n for unit in chosen})
    lead = "根据文件：" if language == "zh" else "From the filings (quoted as written):"
    body = "\n".join(f"- {unit.text} [{unit.n}]" for unit in chosen)
    citations = [Citation.from_hit(n, hits[n - 1]) for n in cited]
    return Answer(question, f"{lead}\n{body}", language, False, citations, "none", None)


def _units(n: int, text: str) -> list[_Unit]:
    """Sentences; a short slide fragment ("38 亿元") is joined with its short neighbours
    ("集团营业收入 (同比 -19%)") so it carries its meaning."""
    spans = split_sentences(text)
    units = []
    for i, (start, end) in enumerate(spans):
        if end - start < _SHORT:
            if i > 0 and spans[i - 1][1] - spans[i - 1][0] < _SHORT:
                start = spans[i - 1][0]
            if i + 1 < len(spans) and spans[i + 1][1] - spans[i + 1][0] < _SHORT:
                end = spans[i + 1][1]
        units.append(_Unit(n, start, end, " ".join(text[start:end].split())))
    return units


def _states_a_figure(text: str) -> bool:
    """A percentage or an amount, not just a year or a list number."""
    for quantity in find_quantities(text):
        if quantity.percent:
            return True
        date_like = 1900 <= quantity.value <= 2100  # 2022, 2023.03
        small_count = quantity.value == quantity.value.to_integral() and abs(quantity.value) < 10
        if not (date_like or small_count):
            return True
    return False


def _pick(units: list[_Unit]) -> list[_Unit]:
    """Best units that do not overlap, at most _MAX_SENTENCES, each at least half the best score."""
    ranked = sorted((u for u in units if u.score > 0), key=lambda u: (-u.score, u.n))
    chosen: list[_Unit] = []
    for unit in ranked:
        if len(chosen) == _MAX_SENTENCES or unit.score < ranked[0].score / 2:
            break
        if any(c.n == unit.n and c.start < unit.end and unit.start < c.end for c in chosen):
            continue
        if any(unit.text == c.text for c in chosen):
            continue
        chosen.append(unit)
    return chosen


def _abstain(question: str, language: str, hits: list[Hit], missing: list[str]) -> Answer:
    if language == "zh":
        about = f"关于“{'、'.join(missing)}”的" if missing else "相关"
        text = f"文件中没有找到{about}信息。以下是最接近的段落，供参考。"
    else:
        about = f" mention {', '.join(missing)}" if missing else " say"
        text = f"The filings do not{about}. The nearest passages are listed below for reference."
    related = [Citation.from_hit(n, hit) for n, hit in enumerate(hits[:3], start=1)]
    return Answer(question, text, language, True, [], "none", None, related=related)
