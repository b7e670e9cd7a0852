"""Hybrid search: dense (FAISS, cosine), keyword (BM25) and table-row rankings fused by reciprocal
rank fusion. English questions are bridged to Chinese text by the bilingual term map.

- A question that names a company is answered from that company's documents only (a filter), and
  a name most of their passages hold no longer scores in keyword search.
- Table rows whose label is the measure asked about (`营业收入`, `电子信箱`) make a ranking of their
  own, so the statement row that answers is found among a report's hundred tables; consolidated
  statements rank before the parent company's unless the question asks for the parent's.
- Passages about another period than the question's, and boilerplate (contents, definitions, legal
  notices, audit formulae) rank lower."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from rag.chunk.boilerplate import boilerplate_section
from rag.chunk.chunker import Chunk
from rag.config import Settings
from rag.index.embedder import Embedder
from rag.index.store import StoredIndex
from rag.retrieve.rows import Measure, RowIndex
from rag.retrieve.subjects import Company, companies, in_scope, named_in, without_names
from rag.text.analyzer import Analyzer
from rag.text.dictionary import default_dictionary
from rag.text.normalize import is_chinese, normalize
from rag.text.periods import Period, find_periods, is_period_word, speaks_to
from rag.text.question import without_format
from rag.text.terms import default_ratios, default_term_map

MODES = ("hybrid", "dense", "keyword")
# Fused score factor for passages about another period than the question's (measured on
# eval/qa.jsonl), and for boilerplate.
_ELSEWHERE_PENALTY = 0.5
_BOILERPLATE_PENALTY = 0.5
_COMMON_NAME_SHARE = 0.5
_LATIN = re.compile(r"[a-z][a-z0-9]*")


@dataclass
class Hit:
    rank: int
    chunk: Chunk
    dense: float  # cosine similarity
    keyword: float  # BM25 score
    fused: float  # reciprocal rank fusion score (what the ranking uses in hybrid mode)
    dense_rank: int | None
    keyword_rank: int | None
    off_period: bool = False  # from a document about another period than the question's
    row_rank: int | None = None  # rank among passages holding a table row of the asked measure

    def scores(self) -> dict[str, float | int | None]:
        return {
            "dense": round(self.dense, 4),
            "keyword": round(self.keyword, 4),
            "fused": round(self.fused, 5),
            "dense_rank": self.dense_rank,
            "keyword_rank": self.keyword_rank,
            "row_rank": self.row_rank,
        }


@dataclass(frozen=True)
class Query:
    text: str  # normalised question
    expansions: tuple[str, ...]  # terms added from the bilingual map
    keyword_tokens: tuple[str, ...]
    dense_text: str
    periods: tuple[Period, ...] = ()  # the periods the question asks about
    companies: tuple[Company, ...] = ()  # whose filings it asks about
    measures: tuple[Measure, ...] = ()  # what it asks the value of, as table rows label it
    # An English question's everyday words that the term map does not know, each with the Chinese
    # words for it that the index holds ("offline area": offline (线下, 离线), area (面积, 区域, 领域))
    everyday: tuple[tuple[str, tuple[str, ...]], ...] = ()


class Retriever:
    def __init__(self, index: StoredIndex, embedder: Embedder, analyzer: Analyzer, settings: Settings) -> None:
        self.index = index
        self.embedder = embedder
        self.analyzer = analyzer
        self.settings = settings

    def prepare(self, question: str) -> Query:
        text = normalize(without_format(question))
        expansions = tuple(default_term_map().expand(text)) if self.settings.expand_query else ()
        named = tuple(named_in(" ".join((text, *expansions)), self._companies))
        # A name that most of the company's passages hold (a report names its company on every page,
        # and its title heads every passage) tells them nothing apart: keyword search leaves it out.
        common = self._common_names(named)
        searched = without_names(text, common)
        kept = tuple(term for term in expansions if term.lower() not in common)
        keyword_tokens = tuple(dict.fromkeys(self.analyzer.tokens(" ".join((searched, *kept)))))
        dense_text = text  # the embedding model reads the whole question best
        # The embedding model is weak English -> Chinese; giving it the Chinese terms helps.
        if self.settings.expand_dense and expansions and not is_chinese(text):
            dense_text = f"{text} ({' '.join(expansions)})"
        measures = self._rows.measures(without_names(text, {n for c in named for n in c.names}), self.analyzer)
        everyday = self._everyday(searched) if self.settings.expand_query and not is_chinese(text) else ()
        periods = tuple(find_periods(text))
        return Query(text, expansions, keyword_tokens, dense_text, periods, named, measures, everyday)

    def _everyday(self, text: str) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each English word the term map does not know, with the Chinese words for it the index holds."""
        for match in default_term_map().find(text):
            text = text.replace(match.surface, " ")
        vocab = self.index.keyword.vocab_dict
        found = {}
        for word in self.analyzer.tokens(text):
            if not _LATIN.fullmatch(word) or is_period_word(word):  # "year" is judged as the period is
                continue
            if chinese := [c for c in default_dictionary().chinese(word) if c in vocab]:
                found[word] = tuple(chinese)
        return tuple(found.items())

    def search(self, question: str | Query, k: int | None = None, mode: str | None = None) -> list[Hit]:
        mode = mode or self.settings.search_mode
        if mode not in MODES:
            raise ValueError(f"unknown search mode {mode!r}; use one of {', '.join(MODES)}")
        query = question if isinstance(question, Query) else self.prepare(question)
        k = k or self.settings.top_k
        n = len(self.index.chunks)
        zeros = np.zeros(n, np.float32)
        dense = self._dense_scores(query.dense_text) if mode != "keyword" else zeros
        keyword = zeros
        if mode != "dense":
            keyword = self._keyword_scores(query.keyword_tokens) + self._everyday_scores(query)
        rows = self._rows.scores(query.measures, query.text, query.periods) if mode == "hybrid" else zeros
        scope = self._scope(query)
        if scope is not None:  # another company's passages are not candidates at all
            dense, keyword, rows = (np.where(scope, scores, 0) for scores in (dense, keyword, rows))
            dense = np.where(scope, dense, -np.inf)
        dense_rank = _ranks(dense) if mode != "keyword" else None
        keyword_rank = _ranks(keyword, positive_only=True) if mode != "dense" else None
        row_rank = _ranks(rows + 1e-6 * keyword * (rows > 0), positive_only=True) if mode == "hybrid" else None
        fused = np.zeros(n, dtype=np.float64)
        if dense_rank is not None:
            fused += 1.0 / (self.settings.rrf_k + dense_rank)
        if keyword_rank is not None:
            weight = self._keyword_weight(query) if mode == "hybrid" else 1.0
            fused += weight * np.where(keyword_rank > 0, 1.0 / (self.settings.rrf_k + keyword_rank), 0.0)
        if row_rank is not None:
            fused += np.where(row_rank > 0, 1.0 / (self.settings.rrf_k + row_rank), 0.0)
        off_period = self._off_period(query.periods) if query.periods else np.zeros(n, dtype=bool)
        if mode == "hybrid":
            fused *= np.where(off_period, _ELSEWHERE_PENALTY, 1.0)
            fused *= np.where(self._boilerplate_for(query), _BOILERPLATE_PENALTY, 1.0)
        if scope is not None:
            fused[~scope] = -1.0
        order = np.lexsort((-dense, -keyword, -fused))[:k]  # ties: keyword, then dense score
        if scope is not None:
            order = order[scope[order]]
        if mode == "keyword":
            order = order[keyword[order] > 0]  # no filler: only chunks that share a keyword
        return [
            Hit(
                rank=position + 1,
                chunk=self.index.chunks[i],
                dense=float(dense[i]),
                keyword=float(keyword[i]),
                fused=float(fused[i]),
                dense_rank=int(dense_rank[i]) if dense_rank is not None else None,
                keyword_rank=int(keyword_rank[i]) if keyword_rank is not None and keyword_rank[i] > 0 else None,
                off_period=bool(off_period[i]),
                row_rank=int(row_rank[i]) if row_rank is not None and row_rank[i] > 0 else None,
            )
            for position, i in enumerate(order)
        ]

    def _keyword_weight(self, query: Query) -> np.ndarray | float:
        """Keyword matches between an English question and Chinese text are only meaningful through
        the bilingual term map; when the map found nothing in the question, they are coincidences
        (a name, a number), so they count half. Measured on XQuAD en->zh: R@1 0.71 -> 0.76, with no
        change on the filings set (bench/retrieval.py)."""
        if query.expansions or query.everyday or is_chinese(query.text):
            return 1.0
        return np.where(self._chinese_chunks, 0.5, 1.0)

    def _off_period(self, asked: tuple[Period, ...]) -> np.ndarray:
        """Chunks of a document about another period that do not name the asked period either
        (a 2023 H1 passage for a question about 2022)."""
        off = np.zeros(len(self.index.chunks), dtype=bool)
        for i, chunk in enumerate(self.index.chunks):
            if chunk.period:
                reported, named = _periods_of(chunk)
                off[i] = not any(speaks_to(q, reported, named) for q in asked)
        return off

    def uncovered_periods(self, query: Query, outlooks: bool = False) -> list[Period]:
        """Asked-about periods that no document (of the company asked about) reports on and no
        passage names (2024, FY2023). A period after its document's own (24年 in a 2023 H1 call)
        can only be forecast there: it counts when `outlooks` are asked for."""
        scope = self._scope(query)
        chunks = [_periods_of(chunk) for i, chunk in enumerate(self.index.chunks) if scope is None or scope[i]]
        return [
            q
            for q in query.periods
            if not any(
                speaks_to(q, reported, named) and (outlooks or reported is None or not q.after(reported))
                for reported, named in chunks
            )
        ]

    def _common_names(self, named: tuple[Company, ...]) -> set[str]:
        """The names of the named companies that at least half of their passages hold."""
        scope = in_scope(list(named), self._chunk_documents, self._without_company, self._chunks_naming)
        if scope is None or not scope.any():
            return set()
        names = {name for company in named for name in company.names}
        return {name for name in names if self._chunks_naming(name)[scope].mean() >= _COMMON_NAME_SHARE}

    def _scope(self, query: Query) -> np.ndarray | None:
        return in_scope(list(query.companies), self._chunk_documents, self._without_company, self._chunks_naming)

    def _chunks_naming(self, name: str) -> np.ndarray:
        """Which chunks hold every word of a name."""
        words = [token for token in self.analyzer.tokens(name) if not token.startswith("_")]
        if not words:
            return np.zeros(len(self.index.chunks), dtype=bool)
        return np.logical_and.reduce([self._chunks_with(word) for word in words])

    def _chunks_with(self, token: str) -> np.ndarray:
        """Which chunks hold the token (none when the keyword index does not know it)."""
        if token not in self.index.keyword.vocab_dict:
            return np.zeros(len(self.index.chunks), dtype=bool)
        return np.asarray(self.index.keyword.get_scores([token])) > 0

    def _boilerplate_for(self, query: Query) -> np.ndarray:
        """Boilerplate passages, except those under a heading the question itself names
        (关键审计事项 asks for the auditor's text)."""
        words = set(query.keyword_tokens)
        return np.array(
            [
                chunk.boilerplate and not (words & set(self.analyzer.tokens(boilerplate_section(chunk.section) or "")))
                for chunk in self.index.chunks
            ],
            dtype=bool,
        )

    @cached_property
    def _companies(self) -> list[Company]:
        return companies((entry.doc_id, entry.meta.get("names", [])) for entry in self.index.manifest.files.values())

    @cached_property
    def _without_company(self) -> set[str]:
        return {entry.doc_id for entry in self.index.manifest.files.values() if not entry.meta.get("names")}

    @cached_property
    def _chunk_documents(self) -> list[str]:
        return [chunk.doc_id for chunk in self.index.chunks]

    @cached_property
    def _rows(self) -> RowIndex:
        return RowIndex(self.index.chunks)

    @cached_property
    def _chinese_chunks(self) -> np.ndarray:
        return np.array([is_chinese(chunk.text) for chunk in self.index.chunks], dtype=bool)

    def _dense_scores(self, text: str) -> np.ndarray:
        """Cosine similarity of the question to every chunk (FAISS inner product search)."""
        n = len(self.index.chunks)
        similarities, ids = self.index.dense.search(self.embedder.embed_query(text)[None, :], n)
        scores = np.zeros(n, dtype=np.float32)
        scores[ids[0]] = similarities[0]
        return scores

    def _keyword_scores(self, tokens: tuple[str, ...]) -> np.ndarray:
        vocab = self.index.keyword.vocab_dict
        known = [token for token in tokens if token in vocab]
        if not known:
            return np.zeros(len(self.index.chunks), dtype=np.float32)
        return np.asarray(self.index.keyword.get_scores(known), dtype=np.float32)

    def _everyday_scores(self, query: Query) -> np.ndarray:
        """Each everyday word once, by the best of its Chinese words in each passage (a word with
        many translations is no more telling than one with one). Measured on XQuAD en->zh: keyword R@1
        0.48 -> 0.84, hybrid 0.78 -> 0.90; on eval/qa.jsonl's English questions keyword 0.48 -> 0.53,
        hybrid R@5 0.874 -> 0.889 (bench/retrieval.py)."""
        scores = np.zeros(len(self.index.chunks), dtype=np.float32)
        for _, chinese in query.everyday:
            scores += np.max([self._keyword_scores((word,)) for word in chinese], axis=0)
        return scores

    def missing_terms(self, query: Query) -> list[str]:
        """What the question asks about that occurs nowhere in the indexed filings: a finance term
        in any of its Chinese/English forms, or a Chinese noun (首席财务官, 股息, 美国). If any,
        the filings cannot answer the question."""
        vocab = self.index.keyword.vocab_dict

        def known(text: str) -> bool:
            words = [t for t in self.analyzer.tokens(text) if not t.startswith("_")]
            return bool(words) and all(word in vocab for word in words)

        missing: list[str] = []
        matches = default_term_map().find(query.text)
        for match in matches:
            if not any(known(form) for form in (*match.pair.chinese, *match.pair.english)):
                missing.append(match.surface)
        # A ratio the filings never state (营业成本率) is computed from line items they do.
        ratios = [ratio for name, ratio in default_ratios().items() if name in query.text.lower()]
        computable = {name for ratio in ratios if all(known(item) for item in ratio.operands) for name in ratio.names}
        covered = "".join(match.surface for match in matches) + " ".join(computable)
        for noun in self.analyzer.nouns(query.text):
            if noun[0] in "年月" and re.search(rf"\d\s*{re.escape(noun)}", query.text):
                noun = noun[1:]  # "2022年收入" is cut as 2022 + 年收入: the 年 is the period's
            if not noun or self._asked_kind(query.text, noun):
                continue
            bigrams = [f"_{noun[i : i + 2]}" for i in range(len(noun) - 1)]
            if noun not in covered and noun not in vocab and sum(b in vocab for b in bigrams) * 2 < len(bigrams) + 1:
                missing.append(noun)
        return list(dict.fromkeys(missing))

    def _asked_kind(self, text: str, noun: str) -> bool:
        """Whether the noun is the kind of thing the question asks for, right after its question
        word, and an everyday word (哪些类型的客户, 包括哪些项目), not a term of the trade (什么股息)."""
        kind = re.sub(rf"^{_QUESTION_WORD}", "", noun)  # 哪些项目 may be cut as one word
        before = text[: text.find(noun) + len(noun) - len(kind)]
        return bool(kind) and re.search(rf"{_QUESTION_WORD}$", before) is not None and self.analyzer.common(kind)

    def idf(self, tokens: tuple[str, ...]) -> dict[str, float]:
        """BM25 inverse document frequency of each token the keyword index knows."""
        n = len(self.index.chunks)
        result = {}
        for token in tokens:
            if token in self.index.keyword.vocab_dict:
                df = int(np.count_nonzero(self._chunks_with(token)))
                result[token] = math.log(1 + (n - df + 0.5) / (df + 0.5))
        return result


_QUESTION_WORD = r"(?:哪些|哪几[个类种项]?|什么|何种)"


def _periods_of(chunk: Chunk) -> tuple[Period | None, list[Period]]:
    return (Period.parse(chunk.period) if chunk.period else None), [Period.parse(p) for p in chunk.mentions]


def _ranks(scores: np.ndarray, positive_only: bool = False) -> np.ndarray:
    """1-based rank of every item by score (0 = unranked, for zero keyword scores)."""
    order = np.argsort(-scores, kind="stable")
    ranks = np.empty(len(scores), dtype=np.int64)
    ranks[order] = np.arange(1, len(scores) + 1)
    if positive_only:
        ranks[scores <= 0] = 0
    return ranks
