"""The answer without an LLM: the sentences of the retrieved passages that best match the
question, quoted as they are, each with its citation [n]."""

from __future__ import annotations

import re
from collections.abc import Callable

from rag.answer.evidence import Unit, best_units, states_a_figure
from rag.answer.result import Answer, Citation, abstained
from rag.retrieve.hybrid import Hit
from rag.text.normalize import is_chinese
from rag.text.question import asks_for_each, asks_for_list

_MAX_SENTENCES = 3


def answer_extractively(
    question: str,
    language: str,
    hits: list[Hit],
    units: list[Unit],
    asks_figure: bool = False,
    translate: Callable[[str], str | None] | None = None,
    asks_kind: str = "",
) -> Answer:
    """`asks_figure`: the question asks how much or how many; sentences that state no figure (not
    of `asks_kind`: a count, an amount) do not answer it, and the filings are said not to.
    `translate`: Chinese sentences in English, for an English question (rag.answer.translate; None
    where it fails its check)."""
    chosen = best_units(units, _MAX_SENTENCES, each=asks_for_each(question))
    if not chosen or (asks_figure and not any(states_a_figure(unit.text, asks_kind) for unit in chosen)):
        return abstained(question, language, hits, [])
    if asks_for_list(question) and not asks_figure:
        chosen = _lists_first(chosen, units, hits, question)
    quoted = [" / ".join(unit.text.splitlines()) for unit in chosen]
    translated = [None] * len(quoted)
    if language == "en" and translate is not None:
        translated = [translate(text) if is_chinese(text) else None for text in quoted]
    lines = [english or text for english, text in zip(translated, quoted, strict=True)]
    if language == "zh":
        lead = "根据文件："
    elif any(translated):
        lead = "From the filings (translated; the Chinese originals are in the sources):"
    else:
        lead = "From the filings (quoted as written):"
    body = "\n".join(f"- {line} [{unit.n}]" for line, unit in zip(lines, chosen, strict=True))
    citations = [Citation.from_hit(n, hits[n - 1]) for n in sorted({unit.n for unit in chosen})]
    answer = Answer(question, f"{lead}\n{body}", language, False, citations, "none", None)
    if any(translated):
        answer.flags.append(f"translated {sum(map(bool, translated))} of {len(quoted)} quoted sentences into English")
    return answer


_BULLET = re.compile(r"^\s*[-•·●▪]\s*(?=\S)")  # a bullet line's mark
_MIN_BULLETS = 3
_CAPTION_CHARS = 12


def quotes_a_named_list(question: str, hits: list[Hit], units: list[Unit]) -> bool:
    """Whether a well-matching sentence is part of a bulleted list the question names by its
    caption (`DMS` under `- 驾驶身份识别 - 疲劳监测 …`): the list itself answers which things there
    are, whole, better than a model's summary of it."""
    chosen = best_units(units, _MAX_SENTENCES)
    return bool(chosen) and _list_of(chosen, units, hits, question, captioned=True) is not None


def _lists_first(chosen: list[Unit], units: list[Unit], hits: list[Hit], question: str) -> list[Unit]:
    """For a question asking which things there are: a well-matching sentence that is part of a
    bulleted list (a slide's `- 疲劳监测` lines) is quoted as the whole list, first."""
    whole = _list_of(chosen, units, hits, question, captioned=False)
    if whole is None:
        return chosen
    rest = [u for u in chosen if not (u.n == whole.n and u.start < whole.end and whole.start < u.end)]
    return [whole, *rest][:_MAX_SENTENCES]


def _list_of(chosen: list[Unit], units: list[Unit], hits: list[Hit], question: str, captioned: bool) -> Unit | None:
    """The whole bulleted list of the best-matching sentence that is part of one (with a caption
    the question names, if `captioned`)."""
    candidates = sorted((u for u in units if u.score >= chosen[0].score / 2), key=lambda u: -u.score)
    runs = [run for unit in candidates if (run := _bullet_run(unit, hits[unit.n - 1].chunk.text, question))]
    named = next((whole for whole, named in runs if named), None) or _list_by_caption(candidates, hits, question)
    if named is not None or captioned:
        return named
    return runs[0][0] if runs else None


def _list_by_caption(candidates: list[Unit], hits: list[Hit], question: str) -> Unit | None:
    """A list the question names by its caption, in a passage of a well-matching sentence, though
    none of its own lines matches (`APP` over `- 虚拟伴侣 - 绝影智拍 …`)."""
    for n in dict.fromkeys(unit.n for unit in candidates):
        lines = _lines(hits[n - 1].chunk.text)
        score = max(unit.score for unit in candidates if unit.n == n)
        lists = dict.fromkeys(_list_around(lines, i) for i, line in enumerate(lines) if _BULLET.match(line[2]))
        for first, last in lists:
            caption = _caption_of(lines, first, last, question)
            if caption is not None and last - first + 1 >= _MIN_BULLETS:
                return _list_unit(n, lines, first, last, caption, score)
    return None


def _lines(text: str) -> list[tuple[int, int, str]]:
    """The text's non-blank lines: (start, end, line)."""
    return [(m.start(), m.end(), m[0]) for m in re.finditer(r"[^\n]*", text) if m[0].strip()]


def _named(caption: str, question: str) -> bool:
    """Whether the question names the caption: a Latin one as written (`APP`, `DMS`; not "key" for
    `KEY`), as a word."""
    caption = caption.strip()
    if re.search(r"[A-Za-z]", caption):
        return re.search(rf"(?<![A-Za-z]){re.escape(caption)}(?![A-Za-z])", question) is not None
    return caption in question


def _bullet_run(unit: Unit, text: str, question: str) -> tuple[Unit, bool] | None:
    """The bulleted lines the unit is part of, as one unit, with the short line that captions them
    when the question names it (a slide's `DMS` under its list, `APP` over its own), and whether it
    was so captioned; None unless the unit holds a bullet of a list of 3 or more."""
    lines = _lines(text)
    inside = [i for i, (start, end, line) in enumerate(lines) if start < unit.end and unit.start < end]
    bullets = [i for i in inside if _BULLET.match(lines[i][2])]
    if not bullets:
        return None
    first, last = _list_around(lines, bullets[0])
    if last - first + 1 < _MIN_BULLETS:
        return None
    caption = _caption_of(lines, first, last, question)
    return _list_unit(unit.n, lines, first, last, caption, unit.score), caption is not None


def _caption_of(lines: list[tuple[int, int, str]], first: int, last: int, question: str) -> int | None:
    """The line captioning the list (lines first..last) that the question names, if any: the one
    under it, else the one over it."""
    return next(
        (
            c
            for c in (last + 1, first - 1)
            if _is_caption(lines, c) and _named(lines[c][2], question) and _captioned_list(lines, c) == (first, last)
        ),
        None,
    )


def _list_unit(
    n: int, lines: list[tuple[int, int, str]], first: int, last: int, caption: int | None, score: float
) -> Unit:
    """The list as one unit of passage n: its items joined, after its caption when it has one."""
    items = [_BULLET.sub("", lines[i][2]).strip() for i in range(first, last + 1)]
    start, end = lines[first][0], lines[last][1]
    if caption is None:
        return Unit(n, start, end, "、".join(items), score)
    text = f"{lines[caption][2].strip()}：{'、'.join(items)}"
    return Unit(n, min(start, lines[caption][0]), max(end, lines[caption][1]), text, score)


def _list_around(lines: list[tuple[int, int, str]], i: int) -> tuple[int, int]:
    """The first and last line of the bulleted list holding line i."""
    first = last = i
    while first > 0 and _BULLET.match(lines[first - 1][2]):
        first -= 1
    while last + 1 < len(lines) and _BULLET.match(lines[last + 1][2]):
        last += 1
    return first, last


def _is_caption(lines: list[tuple[int, int, str]], i: int) -> bool:
    return 0 <= i < len(lines) and len(lines[i][2].strip()) <= _CAPTION_CHARS and not _BULLET.match(lines[i][2])


def _captioned_list(lines: list[tuple[int, int, str]], c: int) -> tuple[int, int] | None:
    """The list a caption line stands for: the one right above it (`DMS` under its functions), but
    the one right below when the list above has a caption of its own over it and the one below has
    none under it (`KEY` / list / `APP` / list: the second list is APP's)."""
    above = _list_around(lines, c - 1) if c > 0 and _BULLET.match(lines[c - 1][2]) else None
    below = _list_around(lines, c + 1) if c + 1 < len(lines) and _BULLET.match(lines[c + 1][2]) else None
    if above and below and _is_caption(lines, above[0] - 1) and not _is_caption(lines, below[1] + 1):
        return below
    return above or below
