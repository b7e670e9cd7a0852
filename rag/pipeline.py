"""The pipeline wired together (ingest → chunk → index → retrieve → answer), as the CLI, the web
UI and the evaluation use it. Models and the index load lazily, once."""

from __future__ import annotations

import time
from collections.abc import Callable
from functools import cached_property
from pathlib import Path

from rag.answer.extractive import answer_extractively
from rag.answer.result import Answer
from rag.config import Settings
from rag.index.builder import BuildReport, build_index, open_index
from rag.index.embedder import Embedder
from rag.retrieve.hybrid import Hit, Retriever
from rag.text.analyzer import Analyzer
from rag.text.question import check_question


class Pipeline:
    def __init__(
        self, settings: Settings | None = None, warn: Callable[[str], None] = lambda m: None, progress: bool = True
    ) -> None:
        self.settings = settings or Settings()
        self.warn = warn
        self.progress = progress
        self.embedder = Embedder(self.settings)
        self.analyzer = Analyzer()

    @cached_property
    def retriever(self) -> Retriever:
        index = open_index(self.settings, self.embedder, self.analyzer, self.progress, self.warn)
        return Retriever(index, self.embedder, self.analyzer, self.settings)

    def index(self, paths: list[Path] | None = None, rebuild: bool = False) -> BuildReport:
        report = build_index(self.settings, self.embedder, self.analyzer, paths, rebuild, self.progress, self.warn)
        self.__dict__.pop("retriever", None)  # reload on next use
        return report

    def search(self, question: str, k: int | None = None, mode: str = "hybrid") -> tuple[str, list[Hit]]:
        question = self._check(question)
        return question, self.retriever.search(question, k, mode)

    def ask(self, question: str, k: int | None = None) -> Answer:
        started = time.perf_counter()
        question = self._check(question)
        query = self.retriever.prepare(question)
        hits = self.retriever.search(query, k)
        retrieved = time.perf_counter()
        idf = self.retriever.idf(query.keyword_tokens)
        missing = self.retriever.missing_terms(query)
        answer = answer_extractively(question, query, hits, self.analyzer, idf, missing)
        done = time.perf_counter()
        answer.timings = {
            "retrieve_s": round(retrieved - started, 3),
            "ttft_s": round(done - started, 3),
            "generate_s": round(done - retrieved, 3),
            "total_s": round(done - started, 3),
        }
        return answer

    def _check(self, question: str) -> str:
        question, warnings = check_question(question, self.settings.max_question_chars)
        for message in warnings:
            self.warn(message)
        return question
