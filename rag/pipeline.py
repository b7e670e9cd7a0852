"""The pipeline wired together (ingest → chunk → index → retrieve → answer), as the CLI, the web
UI and the evaluation use it. Models and the index load lazily, once."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from functools import cached_property
from pathlib import Path

from rag.answer.computed import answer_from_figures
from rag.answer.evidence import MISPLACED, Unit, score_units, states_a_figure
from rag.answer.extractive import answer_extractively, quotes_a_named_list
from rag.answer.grounded import generate_answer
from rag.answer.llm import LLM, LLMUnavailable, load_llm
from rag.answer.result import Answer, abstained
from rag.answer.support import mark_support
from rag.answer.translate import Translator
from rag.chunk.sentences import sentence_at
from rag.config import Settings
from rag.figures.binding import BindingCheck
from rag.figures.lookup import matching_figures
from rag.figures.model import Figure
from rag.figures.plan import Plan, plan_question
from rag.index.builder import BuildReport, build_index, open_index
from rag.index.embedder import Embedder
from rag.retrieve.hybrid import Hit, Query, Retriever
from rag.text.analyzer import Analyzer
from rag.text.normalize import is_chinese
from rag.text.question import asks_for_list, asks_for_outlook, check_question


class Pipeline:
    def __init__(
        self,
        settings: Settings | None = None,
        warn: Callable[[str], None] = lambda m: None,
        progress: bool = True,
        info: Callable[[str], None] = lambda m: None,
    ) -> None:
        self.settings = settings or Settings()
        self.warn = warn
        self.info = info  # what is happening, for slow steps (loading a model)
        self.progress = progress
        self.embedder = Embedder(self.settings)
        self.analyzer = Analyzer()
        self._models: dict[str, LLM] = {}
        self._model_lock = threading.Lock()  # one load per backend, however many callers

    @cached_property
    def retriever(self) -> Retriever:
        index = open_index(self.settings, self.embedder, self.analyzer, self.progress, self.warn)
        return Retriever(index, self.embedder, self.analyzer, self.settings)

    def index(self, paths: list[Path] | None = None, rebuild: bool = False) -> BuildReport:
        report = build_index(self.settings, self.embedder, self.analyzer, paths, rebuild, self.progress, self.warn)
        self.__dict__.pop("retriever", None)  # reload on next use
        return report

    def model(self, backend: str) -> LLM:
        """The language model for "local" or "hosted", loaded once (raises LLMUnavailable)."""
        with self._model_lock:
            if backend not in self._models:
                if backend == "local":
                    self.info("loading the local model (the first time it is assembled from its packages: ~10 s)")
                self._models[backend] = load_llm(self.settings, backend)
            return self._models[backend]

    def loaded(self, backend: str) -> bool:
        return backend in self._models

    def search(self, question: str, k: int | None = None, mode: str | None = None) -> tuple[str, list[Hit]]:
        question = self._check(question)
        return question, self.retriever.search(question, k, mode)

    def figures(self, question: str, limit: int = 20) -> tuple[str, list[Figure]]:
        """The figures the indexed filings state about a question or a term (rag.figures.lookup)."""
        question = self._check(question)
        retriever = self.retriever
        return question, matching_figures(retriever.index.figures, retriever.prepare(question), self.analyzer, limit)

    def ask(self, question: str, k: int | None = None, llm: str | None = None, language: str | None = None) -> Answer:
        *_, answer = self.ask_stream(question, k, llm, language)
        assert isinstance(answer, Answer)
        return answer

    def ask_stream(
        self, question: str, k: int | None = None, llm: str | None = None, language: str | None = None
    ) -> Iterator[str | Answer]:
        """Yields the answer text as it is generated and verified, then the final Answer.
        `language`: the answer's, when it is not the question's (a follow-up typed in English and
        asked as the Chinese question it continues); by default the question's."""
        started = time.perf_counter()
        question = self._check(question)
        backend = llm or self.settings.llm
        query = self.retriever.prepare(question)
        hits = self.retriever.search(query, k)
        retrieved = time.perf_counter()
        language = language or ("zh" if is_chinese(question) else "en")
        plan = self.plan(query)
        gaps = self._gaps(query, language, plan)
        units = score_units(hits, query, self.analyzer, self.retriever.idf)
        binding = self._binding(query, plan, hits)
        self._demote_misplaced(units, hits, binding, plan.asks_kind)
        answer: Answer | None = None
        flags: list[str] = []
        if gaps or not hits:
            answer = abstained(question, language, hits, gaps)
        elif computed := answer_from_figures(
            question, language, plan, self._figures_of(query), self.retriever.index.chunk_by_id, hits
        ):
            answer = computed
        elif backend == "none":
            answer = answer_extractively(question, language, hits, units, plan.asks_figure, asks_kind=plan.asks_kind)
        elif asks_for_list(question) and not plan.asks_figure and quotes_a_named_list(question, hits, units):
            # the list the question names by its caption, whole (a model summarises it, or picks another)
            answer = answer_extractively(question, language, hits, units, translate=self._translator(backend, language))
        else:
            try:
                model = self.model(backend)
                events = generate_answer(
                    question,
                    language,
                    hits,
                    units,
                    model,
                    self.analyzer,
                    self.settings,
                    query.expansions,
                    binding,
                    plan.asks_figure,
                    plan.asks_kind,
                )
                for event in events:
                    if isinstance(event, Answer):
                        answer = event
                    else:
                        yield event
            except LLMUnavailable as err:
                self.warn(str(err))
                flags.append(f"{backend} model unavailable ({err}): answered with the passages' own sentences")
                answer = answer_extractively(
                    question, language, hits, units, plan.asks_figure, asks_kind=plan.asks_kind
                )
                answer.unavailable = str(err)
        assert answer is not None
        answer.flags = flags + answer.flags
        answer.plan = plan.to_json()
        mark_support(answer, self.analyzer)
        done = time.perf_counter()
        answer.timings = {
            "retrieve_s": round(retrieved - started, 3),
            "ttft_s": round(answer.timings.get("ttft_s", 0.0) + retrieved - started, 3),
            "generate_s": round(answer.timings.get("generate_s", done - retrieved), 3),
            "total_s": round(done - started, 3),
        }
        yield answer

    def _translator(self, backend: str, language: str) -> Translator | None:
        """The model's translation of quoted sentences, for an English answer (None if unavailable)."""
        if language != "en":
            return None
        try:
            return Translator(self.model(backend), self.analyzer, self.settings.llm_max_tokens)
        except LLMUnavailable as err:
            self.warn(str(err))
            return None

    def plan(self, query: Query) -> Plan:
        """The question's plan, over the business lines the figures table knows."""
        index = self.retriever.index
        return plan_question(query, index.scopes, index.measures)

    def _binding(self, query: Query, plan: Plan, hits: list[Hit]) -> BindingCheck:
        """The binding check of a model's figures against the figures table, over these passages
        (each passage's figures looked up once)."""
        index = self.retriever.index
        stated = [index.figures_in(hit.chunk) for hit in hits]

        def sentence_of(n: int, figure: Figure) -> str:
            chunk = hits[n - 1].chunk
            return sentence_at(chunk.text, figure.start - chunk.start)

        question = " ".join((query.text, *query.expansions))
        return BindingCheck(plan, lambda n: stated[n - 1], index.scopes, sentence_of, question)

    def _demote_misplaced(self, units: list[Unit], hits: list[Hit], binding: BindingCheck, kind: str) -> None:
        """A sentence whose figures are all another business line's or period's than asked (108%
        of Smart Life and Smart Auto together, for Smart Life), or that states no figure of the
        asked kind (收入同比 -49% for how many cities), counts half, as another period's does."""
        for unit in units:
            offset = hits[unit.n - 1].chunk.start
            rows = [f for f in binding.stated_in(unit.n) if unit.start <= f.start - offset < unit.end]
            if binding.misplaced(rows, unit.text) or (kind and not states_a_figure(unit.text, kind)):
                unit.score *= MISPLACED
                unit.stated *= MISPLACED

    def _figures_of(self, query: Query) -> list[Figure]:
        """The figures a computation may use: of the named company's filings, when one is named."""
        figures = self.retriever.index.figures
        if not query.companies:
            return figures
        documents = set().union(*(company.documents for company in query.companies))
        return [figure for figure in figures if figure.doc_id in documents]

    def _gaps(self, query: Query, language: str, plan: Plan) -> list[str]:
        """What the question asks about that the filings do not cover: terms they never mention,
        periods they neither report on nor name (nor forecast, when the question asks for that). The
        words naming a computation (降幅, 占比) are the question's, not terms to look for."""
        gaps = [term for term in self.retriever.missing_terms(query) if term not in plan.cues]
        uncovered = self.retriever.uncovered_periods(query, outlooks=asks_for_outlook(query.text))
        return gaps + [period.label(language) for period in uncovered]

    def _check(self, question: str) -> str:
        question, warnings = check_question(question, self.settings.max_question_chars)
        for message in warnings:
            self.warn(message)
        return question
