"""Checks on a question before it reaches retrieval: empty is refused, huge is truncated."""

from __future__ import annotations

import re

# How the answer should be written ("请保留两位小数", "rounded to two decimal places"): not what the
# question is about, so retrieval and the "not in the filings" check leave it out.
_FORMAT = re.compile(
    r"\s*[，,；;]?\s*(?:请|并)?(?:保留|精确到)(?:小数点后)?[\d一二两三四五]+位(?:小数)?\s*[。.]?"
    r"|\s*[,;(]?\s*\b(?:rounded|round|correct)\s+to\s+(?:\d+|one|two|three|four)\s+decimal(?:\s+places?|s)?\)?",
    re.IGNORECASE,
)


# "分别是多少", "respectively", "each": the question asks for several figures, one for each thing it names.
_EACH = re.compile(r"分别|各自|各是|各为|respectively|\beach\b", re.IGNORECASE)


# "哪些功能", "which products": the question asks for the members of a list, not a figure.
_LIST = re.compile(r"哪些|哪几|有什么|包括什么|\bwhich\b|\bwhat (?:are|were)\b|\blist\b", re.IGNORECASE)


# "哪家公司", "who", "which automakers": the question asks for a counterparty's name, which a
# description (一间全球汽车OEM厂商, one of Hong Kong's largest jewellery groups) does not give.
_NAME = re.compile(
    r"哪[一两三四五几]?家|哪[一两三四五几]?个(?:公司|企业|厂商|集团|机构|银行|品牌|客户|伙伴|合作伙伴|车企|事务所)|"
    r"哪[一两三四五几]?所|是谁|谁是|叫什么|什么名字|名称是|\bwho\b|\bwhat (?:company|firm|bank|group)\b|"
    r"\bwhich (?:\w+[ -]){0,3}(?:compan(?:y|ies)|firms?|groups?|oems?|(?:auto|car|chip)?makers?|manufacturers?|banks?|"
    r"partners?|customers?|clients?|brands?|suppliers?|vendors?|investors?|shareholders?|auditors?|universit(?:y|ies)|"
    r"institutions?|organi[sz]ations?)\b",
    re.IGNORECASE,
)


# A question about the parent company's own statements, not the group's consolidated ones.
_PARENT = re.compile(r"母公司|parent company|parent's|of the parent", re.IGNORECASE)


# A question about expectations (预计 2024 年…, the 2024 outlook): a period after the filings' own may
# be answered from what they forecast.
_OUTLOOK = re.compile(
    r"预计|预期|展望|指引|目标|计划|有望|expect|forecast|guidance|outlook|plan|target|estimate|will\b", re.IGNORECASE
)


def asks_for_outlook(question: str) -> bool:
    return bool(_OUTLOOK.search(question))


def asks_for_list(question: str) -> bool:
    return bool(_LIST.search(question))


def asks_for_name(question: str) -> bool:
    return bool(_NAME.search(question))


def asks_for_parent(question: str) -> bool:
    return bool(_PARENT.search(question))


def asks_for_each(question: str) -> bool:
    return bool(_EACH.search(question))


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


def without_format(question: str) -> str:
    """The question without instructions on how to write the answer."""
    return _FORMAT.sub("", question).strip()
