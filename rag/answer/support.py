"""Which sentences of a cited passage support the answer: what the web UI highlights when a
citation [n] is opened. The same rules as the verifier: a sentence stating one of the figures of
an answer sentence that cites [n]; for a sentence without figures, the passage sentence sharing
most of its words (in any language form of a finance term)."""

from __future__ import annotations

import re

from rag.answer.evidence import passage_units
from rag.answer.result import Answer
from rag.answer.verify import MIN_OVERLAP, Verifier
from rag.chunk.sentences import split_sentences
from rag.text.analyzer import Analyzer

_MARK = re.compile(r"\[(\d+)\]")


def mark_support(answer: Answer, analyzer: Analyzer) -> None:
    """Sets `support` on each of the answer's citations."""
    citing = _citing_sentences(answer.answer)
    for citation in answer.citations:
        sentences = citing.get(citation.n, [])
        if not sentences:
            continue
        units = passage_units(citation.n, citation.text)
        verifier = Verifier({i: unit.text for i, unit in enumerate(units)}, answer.language, analyzer)
        chosen: set[int] = set()
        for sentence in sentences:
            claims = verifier.claims(sentence)
            stating = [i for i in range(len(units)) if any(verifier.supports(i, claim) for claim in claims)]
            if stating:
                chosen.update(stating)
                continue
            best = max(range(len(units)), key=lambda i: verifier.overlap(sentence, i), default=None)
            if best is not None and verifier.overlap(sentence, best) >= MIN_OVERLAP:
                chosen.add(best)
        citation.support = _merged([(units[i].start, units[i].end) for i in chosen])


def _merged(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Overlapping spans (short slide fragments are read with their neighbours) as one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _citing_sentences(text: str) -> dict[int, list[str]]:
    """Citation number -> the answer's sentences (without their marks) that cite it."""
    citing: dict[int, list[str]] = {}
    for line in text.splitlines():
        previous = ""
        for start, end in split_sentences(line):
            sentence = line[start:end]
            # Marks after the closing punctuation ("…所致。 [3]") belong to the sentence before.
            plain = _MARK.sub("", sentence).strip(" -") or previous
            for n in dict.fromkeys(int(n) for n in _MARK.findall(sentence)):
                if plain:
                    citing.setdefault(n, []).append(plain)
            previous = plain
    return citing
