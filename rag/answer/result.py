"""What `rag ask` returns. `to_json()` is a stable contract: fields may be added, never renamed."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from rag.chunk.chunker import Chunk
from rag.retrieve.hybrid import Hit


@dataclass
class Citation:
    n: int  # the [n] used in the answer
    doc: str
    chunk_id: str
    text: str
    score: float
    title: str = ""
    section: str = ""
    page: int | None = None
    start: int = 0
    end: int = 0
    period: str = ""  # the period the document reports on ("FY2022", "2023H1"; "" if unknown)
    # The sentences of `text` that support the answer, as [start, end) offsets (see answer.support).
    support: list[tuple[int, int]] = field(default_factory=list)
    scores: dict[str, float | int | None] = field(default_factory=dict)  # dense, keyword, fused and their ranks

    @classmethod
    def from_hit(cls, n: int, hit: Hit) -> Citation:
        citation = cls.from_chunk(n, hit.chunk)
        citation.score, citation.scores = round(hit.fused, 5), hit.scores()
        return citation

    @classmethod
    def from_chunk(cls, n: int, chunk: Chunk) -> Citation:
        """A passage cited without being retrieved (it states an operand of a computed answer)."""
        return cls(
            n,
            chunk.doc_id,
            chunk.id,
            chunk.text,
            0.0,
            chunk.title,
            chunk.section,
            chunk.page,
            chunk.start,
            chunk.end,
            chunk.period,
        )


@dataclass
class Answer:
    question: str
    answer: str
    language: str  # "zh" | "en"
    abstained: bool
    citations: list[Citation]
    backend: str
    model: str | None
    flags: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)
    related: list[Citation] = field(default_factory=list)  # nearest passages when abstaining
    # Why the requested model could not answer (one line), when the passages' sentences stand in.
    unavailable: str = ""
    # The figures that failed checking in the model's draft, when the passages' sentences stand in.
    rejected_draft: str = ""
    # The question parsed as a plan (rag.figures.plan): operation, operands, points.
    plan: dict = field(default_factory=dict)
    # For an answer computed from the figures table: each operand's figure, with its citation n,
    # and the computation (result and formula as the answer writes them, exact or rounded).
    operands: list[dict] = field(default_factory=list)
    computation: dict = field(default_factory=dict)

    def to_json(self) -> dict:
        return asdict(self)


def abstained(question: str, language: str, hits: list[Hit], gaps: list[str]) -> Answer:
    """ "The filings do not say", in the question's language, naming what they lack if known, with
    the nearest passages as related reading."""
    if language == "zh":
        about = f"关于“{'、'.join(gaps)}”的" if gaps else "能回答这个问题的"
        text = f"文件中没有找到{about}信息。以下是最接近的段落，供参考。"
    else:
        about = f"say nothing about {', '.join(gaps)}" if gaps else "do not say"
        text = f"The filings {about}. The nearest passages are listed below for reference."
    related = [Citation.from_hit(n, hit) for n, hit in enumerate(hits[:3], start=1)]
    return Answer(question, text, language, True, [], "none", None, related=related)
