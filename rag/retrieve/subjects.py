"""Whose filings a question is about.

Every document knows its company (rag.ingest.metadata: the legal name and its core, the short
name, the stock code, the English name, and the forms the bilingual term map pairs with them).
Documents that share a name are one company's. A question that names a company is answered from
that company's documents only, plus documents of no known company that mention it: a filter, not a
bonus, so another company's passages are never quoted, however well they match the rest."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

import numpy as np

from rag.text.normalize import normalize

# A stock code or Latin name is a whole word, not part of a longer number or word.
_WORD_EDGE = r"(?<![A-Za-z0-9]){}(?![A-Za-z0-9])"


@dataclass(frozen=True)
class Company:
    names: tuple[str, ...]  # normalised, lower case, longest first
    documents: frozenset[str]  # doc ids

    @property
    def name(self) -> str:
        return self.names[0]


def companies(documents: Iterable[tuple[str, list[str]]]) -> list[Company]:
    """(doc id, its company's names) -> the companies, documents that share a name joined."""
    groups: list[tuple[set[str], set[str]]] = []
    for doc_id, names in documents:
        forms = {_form(name) for name in names if name.strip()}
        if not forms:
            continue
        joined = [group for group in groups if group[0] & forms]
        merged = (forms.union(*(g[0] for g in joined)), {doc_id}.union(*(g[1] for g in joined)))
        groups = [group for group in groups if group not in joined] + [merged]
    return [Company(tuple(sorted(names, key=lambda n: (-len(n), n))), frozenset(docs)) for names, docs in groups]


def named_in(text: str, known: list[Company]) -> list[Company]:
    """The companies a question names, in any of their forms (`text` may carry the term map's
    expansions: SenseTime's question then names 商汤 too). A Latin name of three words or more is
    also named by its first two when no other company's name starts with them ("Jiangnan
    Precision" for Jiangnan Precision Machinery)."""
    lowered = _form(text)
    prefixes = {company: _latin_prefixes(company.names) for company in known}
    taken = [prefix for found in prefixes.values() for prefix in found]
    named = []
    for company in known:
        forms = [*company.names, *(prefix for prefix in prefixes[company] if taken.count(prefix) == 1)]
        if any(_mentions(lowered, name) for name in forms):
            named.append(company)
    return named


def _latin_prefixes(names: Iterable[str]) -> set[str]:
    return {
        " ".join(words[:2])
        for words in (name.split() for name in names if not re.search(r"[\u4e00-\u9fff]", name))
        if len(words) >= 3 and all(len(word) > 2 for word in words[:2])
    }


def _mentions(text: str, name: str) -> bool:
    if re.search(r"[\u4e00-\u9fff]", name):
        return name in text
    return re.search(_WORD_EDGE.format(re.escape(name)), text) is not None


def _form(text: str) -> str:
    return normalize(text).lower().strip()


def in_scope(
    named: list[Company],
    chunk_documents: list[str],
    without_company: set[str],
    chunks_naming: Callable[[str], np.ndarray],
) -> np.ndarray | None:
    """For every chunk: is it from a document of one of the named companies, or from a document of
    no known company that mentions one of them? None when the question names no company."""
    if not named:
        return None
    documents = np.array(chunk_documents)
    wanted = set().union(*(company.documents for company in named))
    mask = np.isin(documents, list(wanted))
    if without_company:
        mentioning = np.zeros(len(documents), dtype=bool)
        for company in named:
            for name in company.names:
                mentioning |= chunks_naming(name)
        mentioned_by = set(documents[mentioning]) & without_company
        mask |= np.isin(documents, list(mentioned_by))
    return mask


def without_names(text: str, names: set[str]) -> str:
    """The text without these names (longest first, any case), a long Latin name's first two words
    included (the "Jiangnan Precision" of Jiangnan Precision Machinery)."""
    for name in sorted(names | _latin_prefixes(names), key=len, reverse=True):
        text = re.sub(re.escape(name), " ", text, flags=re.IGNORECASE)
    return " ".join(text.split())
