"""A conversation with the filings, as a library object: each question is made standalone from
the one before it (rag.retrieve.followup), answered in the language it was typed in, and
remembered with its answer. `rag chat`, the web page and `rag eval` all keep their conversations
in one of these, so a follow-up is rewritten the same way everywhere."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from rag.answer.result import Answer
from rag.retrieve.followup import standalone
from rag.text.normalize import is_chinese

if TYPE_CHECKING:
    from rag.pipeline import Pipeline


@dataclass
class Turn:
    question: str  # as typed
    asked: str  # the standalone question that was answered
    answer: Answer | None = None


@dataclass
class Conversation:
    turns: list[Turn] = field(default_factory=list)

    @property
    def last_question(self) -> str | None:
        """The standalone form of the last question, which the next one may follow up."""
        return self.turns[-1].asked if self.turns else None

    def standalone(self, question: str) -> str:
        """`question` as it will be asked: a follow-up rewritten against the last question."""
        return standalone(question, self.last_question)

    def add(self, question: str, answer: Answer | None = None) -> Turn:
        """Remembers a question (and its answer, when there is one): the next follows it up."""
        turn = Turn(question, self.standalone(question), answer)
        self.turns.append(turn)
        return turn

    def ask_stream(
        self, pipeline: Pipeline, question: str, k: int | None = None, llm: str | None = None
    ) -> Iterator[str | Answer]:
        """Asks `pipeline` the standalone question, in the language the question was typed in;
        yields the answer's text as it comes, then the Answer, and remembers it."""
        asked = self.standalone(question)
        language = "zh" if is_chinese(question) else "en"
        for event in pipeline.ask_stream(asked, k, llm, language):
            if isinstance(event, Answer):
                self.turns.append(Turn(question, asked, event))  # before a caller stops at it
            yield event

    def clear(self) -> None:
        self.turns.clear()
