"""The figures a question or a term is about: those whose measure is the question's finance term
(in any of its Chinese or English forms) or whose label shares its words, of the company, period
and business line it names. What `rag figures` lists, so anyone can audit what was read."""

from __future__ import annotations

import re

from rag.figures.model import GROUP, Figure
from rag.retrieve.hybrid import Query
from rag.text.analyzer import Analyzer
from rag.text.periods import Period
from rag.text.terms import default_term_map


def matching_figures(figures: list[Figure], query: Query, analyzer: Analyzer, limit: int = 20) -> list[Figure]:
    """The best-matching figures, best first: measure named > label words shared; the asked
    period and business line required when the question names them."""
    terms = default_term_map().find(query.text)
    forms = {form for match in terms for form in match.pair.chinese}
    canonical = {match.pair.chinese[0] for match in terms}
    words = {token for token in analyzer.tokens(query.text) if token[0] != "_" and ":" not in token and len(token) > 1}
    documents = {doc for company in query.companies for doc in company.documents}
    scopes = {figure.scope for figure in figures if figure.scope != GROUP}
    asked_scopes = {scope for scope in scopes if scope in query.text or any(scope in e for e in query.expansions)}
    scored = []
    for position, figure in enumerate(figures):
        if documents and figure.doc_id not in documents:
            continue
        if query.periods and not any(same_period(figure.period, asked) for asked in query.periods):
            continue
        if asked_scopes and not any(scope in figure.scope for scope in asked_scopes):
            continue
        score = 2.0 if figure.measure in canonical else (1.5 if any(form in figure.label for form in forms) else 0.0)
        label_words = set(analyzer.tokens(figure.label))
        score += len(words & label_words) / max(len(words), 1)
        if score > 0:
            scored.append((-score, figure.scope != GROUP and not asked_scopes, position, figure))
    return [figure for *_, figure in sorted(scored, key=lambda item: item[:3])[:limit]]


def same_period(written: str, asked: Period) -> bool:
    """Whether a figure's period (FY2022, 2023H1, or an as-of date 2023-03-28) is the asked one,
    or an as-of date falls within it."""
    if not written:
        return False
    date = re.fullmatch(r"(\d{4})-(\d{2})(?:-\d{2})?", written)
    if date:
        month = 12 * int(date[1]) + int(date[2])
        first, last = asked.months()
        return first <= month <= last
    period = Period.parse(written)
    if period.year != asked.year:
        return False
    return period.part == asked.part or (asked.part in ("", "FY") and period.part in ("", "FY"))
