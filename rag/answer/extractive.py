"""The answer without an LLM: the sentences of the retrieved passages that best match the
question, quoted as they are, each with its citation [n]."""

from __future__ import annotations

import re

from rag.answer.evidence import Unit, best_units, states_a_figure
from rag.answer.result import Answer, Citation, abstained
from rag.retrieve.hybrid import Hit
from rag.text.question import asks_for_each, asks_for_list

_MAX_SENTENCES = 3


def answer_extractively(
    question: str, language: str, hits: list[Hit], units: list[Unit], asks_figure: bool = False
) -> Answer:
    """`asks_figure`: the question asks how much or how many; sentences that state no figure do
    not answer it, and the filings are said not to."""
    chosen = best_units(units, _MAX_SENTENCES, each=asks_for_each(question))
    if not chosen or (asks_figure and not any(states_a_figure(unit.text) for unit in chosen)):
        return abstained(question, language, hits, [])
    if asks_for_list(question) and not asks_figure:
        chosen = _lists_first(chosen, units, hits, question)
    lead = "根据文件：" if language == "zh" else "From the filings (quoted as written):"
    body = "\n".join(f"- {' / '.join(unit.text.splitlines())} [{unit.n}]" for unit in chosen)
    citations = [Citation.from_hit(n, hits[n - 1]) for n in sorted({unit.n for unit in chosen})]
    return Answer(question, f"{lead}\n{body}", language, False, citations, "none", None)


_BULLET = re.compile(r"^\s*[-•·●▪]\s*(?=\S)")  # a bullet line's mark
_MIN_BULLETS = 3
_CAPTION_CHARS = 12


def _lists_first(chosen: list[Unit], units: list[Unit], hits: list[Hit], question: str) -> list[Unit]:
    """For a question asking which things there are: a well-matching sentence that is part of a
    bulleted list (a slide's `- 疲劳监测` lines) is quoted as the whole list, first."""
    candidates = sorted((u for u in units if u.score >= chosen[0].score / 2), key=lambda u: -u.score)
    for unit in candidates:
        whole = _bullet_run(unit, hits[unit.n - 1].chunk.text, question)
        if whole is not None:
            rest = [u for u in chosen if not (u.n == whole.n and u.start < whole.end and whole.start < u.end)]
            return [whole, *rest][:_MAX_SENTENCES]
    return chosen


def _bullet_run(unit: Unit, text: str, question: str) -> Unit | None:
    """The bulleted lines the unit is part of, as one unit, with the short line right after them
    when the question names it (a slide's `DMS` under its list); None unless the unit holds a
    bullet of a list of 3 or more."""
    lines = [(m.start(), m.end(), m[0]) for m in re.finditer(r"[^\n]*", text) if m[0].strip()]
    inside = [i for i, (start, end, line) in enumerate(lines) if start < unit.end and unit.start < end]
    bullets = [i for i in inside if _BULLET.match(lines[i][2])]
    if not bullets:
        return None
    first = last = bullets[0]
    while first > 0 and _BULLET.match(lines[first - 1][2]):
        first -= 1
    while last + 1 < len(lines) and _BULLET.match(lines[last + 1][2]):
        last += 1
    if last - first + 1 < _MIN_BULLETS:
        return None
    items = [_BULLET.sub("", lines[i][2]).strip() for i in range(first, last + 1)]
    end = lines[last][1]
    caption = lines[last + 1] if last + 1 < len(lines) else None
    named = caption is not None and caption[2].strip().lower() in question.lower()
    if caption and named and len(caption[2].strip()) <= _CAPTION_CHARS and not _BULLET.match(caption[2]):
        items = [f"{caption[2].strip()}：{'、'.join(items)}"]
        end = caption[1]
    return Unit(unit.n, lines[first][0], end, items[0] if len(items) == 1 else "、".join(items), unit.score)
