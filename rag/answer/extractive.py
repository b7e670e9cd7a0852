"""The answer without an LLM: the sentences of the retrieved passages that best match the
question, quoted as they are, each with its citation [n]."""

from __future__ import annotations

from rag.answer.evidence import Unit, best_units, states_a_figure
from rag.answer.result import Answer, Citation, abstained
from rag.retrieve.hybrid import Hit
from rag.text.question import asks_for_each

_MAX_SENTENCES = 3


def answer_extractively(
    question: str, language: str, hits: list[Hit], units: list[Unit], asks_figure: bool = False
) -> Answer:
    """`asks_figure`: the question asks how much or how many; sentences that state no figure do
    not answer it, and the filings are said not to."""
    chosen = best_units(units, _MAX_SENTENCES, each=asks_for_each(question))
    if not chosen or (asks_figure and not any(states_a_figure(unit.text) for unit in chosen)):
        return abstained(question, language, hits, [])
    lead = "根据文件：" if language == "zh" else "From the filings (quoted as written):"
    body = "\n".join(f"- {' / '.join(unit.text.splitlines())} [{unit.n}]" for unit in chosen)
    citations = [Citation.from_hit(n, hits[n - 1]) for n in sorted({unit.n for unit in chosen})]
    return Answer(question, f"{lead}\n{body}", language, False, citations, "none", None)
