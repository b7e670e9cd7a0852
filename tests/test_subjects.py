"""Whose filings a question is about: title words that set documents apart name a subject, and a
document that never mentions the subject a question names is off-subject."""

from __future__ import annotations

import numpy as np

from rag.chunk.chunker import Chunk
from rag.retrieve.subjects import distinctive_title_words, off_subject, question_names
from rag.text.analyzer import Analyzer


def _chunk(doc_id: str, title: str) -> Chunk:
    return Chunk(f"{doc_id}-0", doc_id, title, f"{doc_id}.md", 0, 0, 1, None, "", "x", "x")


TWO_COMPANIES = [
    _chunk("a", "SenseTime 2022 annual results"),
    _chunk("a", "SenseTime 2022 annual results"),
    _chunk("b", "SenseTime 2023 H1 results and earnings call"),
    _chunk("c", "示例科技 2024 年度业绩公告"),
]


def test_title_words_that_set_documents_apart_are_names_not_periods_or_document_kinds(analyzer: Analyzer) -> None:
    assert distinctive_title_words(TWO_COMPANIES, analyzer) == {"sensetime", "示例", "科技"}


def test_one_company_s_filings_have_no_distinctive_names(analyzer: Analyzer) -> None:
    assert distinctive_title_words(TWO_COMPANIES[:3], analyzer) == frozenset()
    assert distinctive_title_words(TWO_COMPANIES[:1], analyzer) == frozenset()


def test_a_named_company_is_found_in_any_language_with_all_its_forms(analyzer: Analyzer) -> None:
    words = distinctive_title_words(TWO_COMPANIES, analyzer)
    for question in ("What was SenseTime's revenue in 2024?", "商汤2024年营业收入是多少？"):
        [name] = question_names(question, words, analyzer)
        assert ("商汤",) in name and ("sensetime",) in name
    assert question_names("示例科技2024年研发投入是多少？", words, analyzer) == [(("示例",),), (("科技",),)]
    assert question_names("2024年营业收入是多少？", words, analyzer) == []


def test_chunks_of_documents_that_never_mention_a_name_are_off_subject() -> None:
    document = np.array([0, 0, 1, 2])
    holding = {"商汤": np.array([False, True, True, False]), "示例": np.array([False, False, False, True])}

    def chunks_with(word: str) -> np.ndarray:
        return holding.get(word, np.zeros(4, dtype=bool))

    sensetime = (("商汤",), ("sensetime",))
    # Document 0 mentions 商汤 in its second chunk only: both of its chunks are on subject.
    assert off_subject([sensetime], document, chunks_with).tolist() == [False, False, False, True]
    assert off_subject([(("示例",),)], document, chunks_with).tolist() == [True, True, True, False]
    assert off_subject([sensetime, (("示例",),)], document, chunks_with).all()
    assert not off_subject([], document, chunks_with).any()
