"""Whose filings a question is about, when the index holds more than one company's.

A filing's title names its subject ("示例科技 2024 年度业绩公告", "SenseTime 2022 annual results"). A
question that uses a word found in some titles but not in all of them (SenseTime, with SenseTime's
and 示例科技's filings indexed) is about that subject: a passage from a document that never mentions
it answers another company's question, however well it matches the rest. With one company's
filings only, no title word sets documents apart and nothing changes."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from rag.chunk.chunker import Chunk
from rag.text.analyzer import Analyzer
from rag.text.terms import default_term_map

# Title words that say what kind of document it is or which period, not whose it is.
_DOCUMENT_WORDS = frozenset(
    "annual interim quarterly report result presentation earning call transcript filing announcement "
    "statement summary review update h1 h2 q1 q2 q3 q4 fy half year first second full "
    "年 年度 年报 半年 上半年 下半年 上半 下半 中期 季度 全年 报告 业绩 公告 简报 纪要 业绩会 电话会 说明会 "
    "摘要 梳理 发布 演示 财报 股份 有限公司 集团 控股".split()
)

Name = tuple[tuple[str, ...], ...]  # a subject's forms (SenseTime = 商汤 = 商汤科技), each as words


def distinctive_title_words(chunks: list[Chunk], analyzer: Analyzer) -> frozenset[str]:
    """Words of some documents' titles but not of all (empty with fewer than two documents)."""
    titles = {chunk.doc_id: chunk.title for chunk in chunks}
    words = [{w for w in analyzer.tokens(title) if _is_name_word(w)} for title in titles.values()]
    if len(words) < 2:
        return frozenset()
    return frozenset(set().union(*words) - set.intersection(*words))


def question_names(text: str, title_words: frozenset[str], analyzer: Analyzer) -> list[Name]:
    """The subjects the question names: a term in any of its forms (SenseTime finds 商汤's
    filings), or a single word, that is a distinctive title word."""
    names: list[Name] = []
    rest = text
    for match in default_term_map().find(text):
        rest = rest.replace(match.surface, " ")
        forms = tuple(tuple(_words(analyzer, form)) for form in (*match.pair.chinese, *match.pair.english))
        if any(set(form) & title_words for form in forms):
            names.append(tuple(form for form in forms if form))
    names += [((word,),) for word in dict.fromkeys(_words(analyzer, rest)) if word in title_words]
    return names


def off_subject(names: list[Name], document: np.ndarray, chunks_with: Callable[[str], np.ndarray]) -> np.ndarray:
    """For every chunk: does its document leave one of the names unmentioned, in all its forms?
    `document` numbers each chunk's document; `chunks_with(word)` marks the chunks holding a word."""
    off = np.zeros(len(document), dtype=bool)
    for forms in names:
        said = np.zeros(len(document), dtype=bool)
        for form in forms:
            said |= np.logical_and.reduce([chunks_with(word) for word in form])
        off |= ~np.isin(document, document[said])
    return off


def _words(analyzer: Analyzer, text: str) -> list[str]:
    return [word for word in analyzer.tokens(text) if _is_name_word(word)]


def _is_name_word(word: str) -> bool:
    return not word.startswith(("_", "num:")) and not any(c.isdigit() for c in word) and word not in _DOCUMENT_WORDS
