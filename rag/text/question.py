"""Checks on a question before it reaches retrieval: empty is refused, huge is truncated."""

from __future__ import annotations


class BadQuestion(ValueError):
    pass


def check_question(raw: str, max_chars: int) -> tuple[str, list[str]]:
    """The question to use and any warnings. Raises BadQuestion for an empty one."""
    question = " ".join(raw.split())
    if not question:
        raise BadQuestion('the question is empty; ask something, e.g. rag ask "商汤2022年营业收入是多少？"')
    warnings = []
    if len(question) > max_chars:
        warnings.append(f"the question is {len(question):,} characters long; only the first {max_chars:,} are used")
        question = question[:max_chars]
    return question, warnings
