"""An answer computed from the figures table: a planned share, sum, difference, multiple, implied
prior-period value, ratio, comparison or list, executed in code over figures bound to the asked
measure, business line and period, cited to the passages that state them. No model is asked: it
would only reword the result."""

from __future__ import annotations

from dataclasses import asdict

from rag.answer.result import Answer, Citation
from rag.chunk.chunker import Chunk
from rag.figures.execute import compose, execute, written
from rag.figures.model import Figure
from rag.figures.plan import Plan, per_period
from rag.retrieve.hybrid import Hit


def answer_from_figures(
    question: str, language: str, plan: Plan, figures: list[Figure], chunks: dict[str, Chunk], hits: list[Hit]
) -> Answer | None:
    """The computed answer, or None when the plan is not a computation or an operand is missing."""
    if not plan.computed:
        return None
    first, *others = per_period(plan)  # 2022, and 2021: the same computation for each named period
    computation = execute(first, figures)
    if computation is None or any(figure.chunk_id not in chunks for figure in computation.operands):
        return None
    also = [c for c in (execute(other, figures) for other in others) if c is not None]
    computations = [computation, *(c for c in also if all(f.chunk_id in chunks for f in c.operands))]
    cite: dict[str, int] = {}
    for figure in (figure for c in computations for figure in c.operands):
        cite.setdefault(figure.chunk_id, len(cite) + 1)
    retrieved = {hit.chunk.id: hit for hit in hits}
    citations = [
        Citation.from_hit(n, retrieved[chunk_id]) if chunk_id in retrieved else Citation.from_chunk(n, chunks[chunk_id])
        for chunk_id, n in cite.items()
    ]
    operands = [
        {**figure.to_dict(), "n": cite[figure.chunk_id], "operand": asked.measure, "asked_scope": asked.scope}
        for c in computations
        for figure, asked in zip(c.operands, c.plan.operands, strict=True)
    ]
    result, formula = written(computation, language)
    return Answer(
        question,
        (" " if language == "en" else "").join(compose(c, language, cite) for c in computations),
        language,
        False,
        citations,
        "figures",
        None,
        operands=operands,
        computation={
            "operation": computation.plan.operation,
            "result": result,
            "formula": formula,
            "exact": computation.exact,
            # what a list or ranking lacks: the operands the filings give no figure for
            "missing": [asdict(operand) for operand in computation.missing],
            # the same computation for the question's other periods: result and formula of each
            "also": [dict(zip(("result", "formula"), written(c, language), strict=True)) for c in computations[1:]],
        },
    )
