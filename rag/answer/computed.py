"""An answer computed from the figures table: a planned share, sum, difference, multiple, implied
prior-period value, ratio, comparison or list, executed in code over figures bound to the asked
measure, business line and period, cited to the passages that state them. No model is asked: it
would only reword the result."""

from __future__ import annotations

from rag.answer.result import Answer, Citation
from rag.chunk.chunker import Chunk
from rag.figures.execute import compose, execute, written
from rag.figures.model import Figure
from rag.figures.plan import Plan
from rag.retrieve.hybrid import Hit


def answer_from_figures(
    question: str, language: str, plan: Plan, figures: list[Figure], chunks: dict[str, Chunk], hits: list[Hit]
) -> Answer | None:
    """The computed answer, or None when the plan is not a computation or an operand is missing."""
    if not plan.computed:
        return None
    computation = execute(plan, figures)
    if computation is None or any(figure.chunk_id not in chunks for figure in computation.operands):
        return None
    cite: dict[str, int] = {}
    for figure in computation.operands:
        cite.setdefault(figure.chunk_id, len(cite) + 1)
    retrieved = {hit.chunk.id: hit for hit in hits}
    citations = [
        Citation.from_hit(n, retrieved[chunk_id]) if chunk_id in retrieved else Citation.from_chunk(n, chunks[chunk_id])
        for chunk_id, n in cite.items()
    ]
    operands = [
        {**figure.to_dict(), "n": cite[figure.chunk_id], "operand": asked.measure, "asked_scope": asked.scope}
        for figure, asked in zip(computation.operands, computation.plan.operands, strict=True)
    ]
    result, formula = written(computation, language)
    return Answer(
        question,
        compose(computation, language, cite),
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
        },
    )
