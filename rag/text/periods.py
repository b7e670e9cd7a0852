"""Reporting periods (FY2022, 2023H1, 2023Q4, or just a year) found in Chinese or English text, so a
question about 2022 is not answered with a 2023 H1 figure, and questions about periods the filings
do not cover are recognised."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from rag.text.normalize import normalize
from rag.text.numbers import Quantity, find_quantities

_Y = r"(20\d{2}|(?<![\d.])\d{2}(?=\s?[hHqQ年]))"  # 2023, or 23 directly before H1/Q4/年
_PATTERNS: list[tuple[re.Pattern[str], str]] = [
    # half years: 23H1, 2023 H1, H1 2023, 1H23, 2023年上半年, first half of 2023, 2023年中期
    (re.compile(rf"{_Y}\s?h([12])(?![a-z0-9])", re.I), "H"),
    (re.compile(r"(?<![a-z0-9])h([12])\s?(?:of\s)?(20\d{2})(?!\d)", re.I), "H-rev"),
    (re.compile(r"(?<![a-z0-9])([12])h\s?(20\d{2}|\d{2})(?!\d)", re.I), "H-rev"),
    (re.compile(rf"{_Y}\s?年\s?(上|下)半年"), "H-zh"),
    (re.compile(r"(first|second) half(?: of)?(?: the year)?(?: of)?\s(20\d{2})", re.I), "H-en"),
    (re.compile(rf"{_Y}\s?年?\s?(?:中期|interim)", re.I), "H1"),
    (re.compile(rf"{_Y}\s?年\s?(?:半年度|半年报)"), "H1"),
    # quarters: 2023Q4, 23年Q4, Q4 2023, 2023年第四季度, the fourth quarter of 2023
    (re.compile(rf"{_Y}\s?年?\s?q([1-4])(?![a-z0-9])", re.I), "Q"),
    (re.compile(r"(?<![a-z0-9])q([1-4])\s?(?:of\s)?(20\d{2})(?!\d)", re.I), "Q-rev"),
    (re.compile(rf"{_Y}\s?年\s?第?\s?([一二三四1-4])\s?季度"), "Q-zh"),
    (re.compile(r"(first|second|third|fourth) quarter(?: of)?\s(20\d{2})(?!\d)", re.I), "Q-en"),
    # full years: FY2022, FY22, 2022全年, 2022年度, full year 2022, 2022 annual
    (re.compile(r"(?<![a-z])fy\s?(20\d{2}|\d{2})(?!\d)", re.I), "FY"),
    (re.compile(rf"{_Y}\s?年?\s?(?:全年|年度|年报)"), "FY"),
    (re.compile(r"(?:full[- ]year|fiscal(?: year)?|whole year)(?: of)?\s(20\d{2})(?!\d)", re.I), "FY"),
    (re.compile(r"(?<!\d)(20\d{2})\s(?:annual|full[- ]year)", re.I), "FY"),
    # a bare year: 2022年, in 2022
    (re.compile(r"(?<![\d.])(20\d{2})(?![\d.])"), "Y"),
    (re.compile(r"(?<![\d.])(1[5-9]|2\d|3[0-5])\s?年"), "Y"),
]
QUARTERS = {"一": "1", "二": "2", "三": "3", "四": "4"}  # 第一季度 is Q1
_ORDINALS = ("first", "second", "third", "fourth")


@dataclass(frozen=True)
class Period:
    year: int
    part: str = ""  # "FY", "H1", "H2", "Q1".."Q4", or "" for just the year

    def __str__(self) -> str:
        return f"FY{self.year}" if self.part == "FY" else f"{self.year}{self.part}"

    def label(self, language: str) -> str:
        """How a reader writes it: FY2023 / "2023年全年", 2023H1 / "H1 2023" / "2023年上半年"."""
        if language == "zh":
            parts = {"FY": "全年", "H1": "上半年", "H2": "下半年", "": ""}
            part = parts.get(self.part, f"第{self.part[1:]}季度")
            return f"{self.year}年{part}"
        return str(self) if self.part in ("FY", "") else f"{self.part} {self.year}"

    def months(self) -> tuple[int, int]:
        """The first and last month it spans, counted from year 0 (so periods compare)."""
        first, last = {"H1": (1, 6), "H2": (7, 12)}.get(self.part, (1, 12))
        if self.part.startswith("Q"):
            first, last = 3 * int(self.part[1]) - 2, 3 * int(self.part[1])
        return 12 * self.year + first, 12 * self.year + last

    def after(self, other: Period) -> bool:
        """Whether it begins after `other` has ended (2024 after FY2022 and after 2023H1)."""
        return self.months()[0] > other.months()[1]

    @classmethod
    def parse(cls, text: str) -> Period:
        match = re.fullmatch(r"FY(\d{4})|(\d{4})([HQ]\d)?", text)
        if not match:
            raise ValueError(f"not a period: {text!r}")
        return cls(int(match[1]), "FY") if match[1] else cls(int(match[2]), match[3] or "")


def speaks_to(asked: Period, reported: Period | None, named: list[Period]) -> bool:
    """Whether a passage of a document that reports on `reported`, and that names `named`, can
    answer a question about `asked`. A question about "2022" wants the year: a 2023 H1 passage that
    names "22H1" as a comparison does not answer it; a FY2022 passage does."""
    if (
        reported
        and reported.year == asked.year
        and (not asked.part or not reported.part or reported.part == asked.part)
    ):
        return True
    return any(
        period.year == asked.year and (period.part == asked.part if asked.part else period.part in ("", "FY"))
        for period in named
    )


# A year that only dates an event (报告日 2024年4月20日) or numbers a document (审字[2024]第0798号)
# is not a period the text speaks of; a period's end (2023年12月31日, 6月30日) is.
_EVENT_DATE = re.compile(r"\s?年\s?(\d{1,2})\s?月\s?(\d{1,2})\s?日")
_PERIOD_ENDS = {(3, 31), (6, 30), (9, 30), (12, 31)}
_OPENING, _CLOSING = re.compile(r"[\[〔【(（]\s*$"), re.compile(r"\s*[\]〕】)）]")


_PERIOD_WORDS = ("上半年", "下半年", "全年", "年度", "中期", "year", "half", "quarter", "month", "annual", "period")


def is_period_word(word: str) -> bool:
    """A word naming a part of a period (上半年, 全年, H1): not a measure, whatever the term map says."""
    return word in _PERIOD_WORDS or bool(re.fullmatch(r"[hHqQ][1-4]", word))


def find_periods(text: str) -> list[Period]:
    """Periods mentioned, without duplicates; bare years only when no more specific period of
    that year is mentioned, and not when they only date an event or number a document."""
    text = normalize(text)
    found = [period for start, end, period in period_spans(text) if period.part or _speaks_of_year(text, start, end)]
    specific_years = {p.year for p in found if p.part}
    return list(dict.fromkeys(p for p in found if p.part or p.year not in specific_years))


def period_spans(text: str) -> list[tuple[int, int, Period]]:
    """Where periods are written in `text` (start, end, period), most specific patterns first."""
    spans: list[tuple[int, int, Period]] = []
    taken = [False] * len(text)
    for pattern, kind in _PATTERNS:
        for match in pattern.finditer(text):
            if not any(taken[match.start() : match.end()]):
                taken[match.start() : match.end()] = [True] * (match.end() - match.start())
                spans.append((match.start(), match.end(), _period(match, kind)))
    return sorted(spans, key=lambda span: span[0])


_DATE = re.compile(
    r"(?:(?:19|20)\d{2}\s?年\s?)?(?<!\d)\d{1,2}\s?月(?:\s?\d{1,2}\s?日)?|(?<!\d)(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2}(?!\d)"
)


_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
           "november", "december")  # fmt: skip
_MONTH = rf"({'|'.join(_MONTHS)}|{'|'.join(m[:3] for m in _MONTHS)})\.?"
_AS_OF: list[tuple[re.Pattern[str], str]] = [
    # 截至2023年3月28日 / 2023年3月底 / 截至2023年3月 (an as-of month needs 截至, 底, 末 or a day)
    (re.compile(r"(?:截至|截止)\s*(20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日|底|末)?"), "ymd"),
    (re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日|底|末)"), "ymd"),
    (re.compile(r"(20\d{2})\s?年\s?(?:年底|年末|底|末)"), "year-end"),
    (re.compile(r"(20\d{2})\s?年\s?上半年\s?(?:末|底)"), "half-end"),  # 2022年上半年末: 2022-06-30
    (re.compile(r"end[- ](?:of\s)?(20\d{2})(?!\d)", re.I), "year-end"),
    # as of / at the end of March 2023, as of 28 March 2023, as of March 28, 2023
    (
        re.compile(
            rf"(?:as (?:of|at)|(?:(?:at|by) )?(?:the )?end of|by)\s+"
            rf"(?:(\d{{1,2}})\s+)?{_MONTH}\s+(?:(\d{{1,2}}),\s*)?(20\d{{2}})",
            re.I,
        ),
        "en",
    ),
]


def as_of_spans(text: str) -> list[tuple[int, int, str]]:
    """Where an as-of date is written (start, end, date): 截至2023年3月28日 -> 2023-03-28, 2023年3月底 /
    "at the end of March 2023" -> 2023-03, 2022年年底 -> 2022-12-31. A stock of things (GPUs,
    cities, cash) is stated as of a date, not for a period."""
    spans: list[tuple[int, int, str]] = []
    for pattern, kind in _AS_OF:
        for match in pattern.finditer(text):
            if any(start < match.end() and match.start() < end for start, end, _ in spans):
                continue
            if kind == "ymd":
                day = f"-{int(match[3]):02d}" if match[3] else ""
                date = f"{match[1]}-{int(match[2]):02d}{day}"
            elif kind == "year-end":
                date = f"{match[1]}-12-31"
            elif kind == "half-end":
                date = f"{match[1]}-06-30"
            else:
                month = next(i for i, name in enumerate(_MONTHS, 1) if name.startswith(match[2].lower()[:3]))
                day = match[1] or match[3]
                date = f"{match[4]}-{month:02d}" + (f"-{int(day):02d}" if day else "")
            spans.append((match.start(), match.end(), date))
    return sorted(spans)


def document_date(text: str) -> str:
    """When a document was written, from a date on its opening lines (2023-08-29 21:58 under a
    write-up's title, 2023.03 on a deck's cover): what its 目前 / "currently" means; "" if none."""
    match = _WRITTEN.search(text[:_OPENING_CHARS])
    return f"{match[1]}-{int(match[2]):02d}" if match else ""


_OPENING_CHARS = 400
_WRITTEN = re.compile(r"(?<![\d.])(20\d{2})\s?(?:[-./]|年)\s?(\d{1,2})(?![\d.])(?:\s?月)?")


def date_spans(text: str) -> list[tuple[int, int]]:
    """Where dates are written (2023年12月31日, 6月30日, 2023-12-31): their numbers are not figures."""
    return [match.span() for match in _DATE.finditer(text)]


def time_spans(text: str) -> list[tuple[int, int]]:
    """Where periods and dates are written: numbers inside them (2023, 6月30日, 23H1) are no figures."""
    return [(start, end) for start, end, _ in period_spans(text)] + date_spans(text)


def numbers_outside_times(text: str) -> list[Quantity]:
    """The numbers of a text that are not part of a year, date or period (2023年3月底, 23H1)."""
    times = time_spans(text)
    return [q for q in find_quantities(text) if not any(start < q.end and q.start < end for start, end in times)]


def _speaks_of_year(text: str, start: int, end: int) -> bool:
    date = _EVENT_DATE.match(text, end)
    if date and (int(date[1]), int(date[2])) not in _PERIOD_ENDS:
        return False
    bracketed = _OPENING.search(text, max(0, start - 3), start) and _CLOSING.match(text, end)
    return not bracketed


def document_period(title: str, text: str) -> Period | None:
    """The period a document reports on: the most mentioned specific period in its title (which
    counts most) and opening text."""
    votes: Counter[Period] = Counter()
    for period in find_periods(title):
        votes[period] += 10
    for period in find_periods(text[:2000]):
        votes[period] += 1
    specific = [(count, period) for period, count in votes.items() if period.part]
    return max(specific, key=lambda item: (item[0], item[1].year))[1] if specific else None


def _year(text: str) -> int:
    return int(text) if len(text) == 4 else 2000 + int(text)


def _period(match: re.Match[str], kind: str) -> Period:
    groups = match.groups()
    if kind == "H":
        return Period(_year(groups[0]), f"H{groups[1]}")
    if kind == "H-rev":
        return Period(_year(groups[1]), f"H{groups[0]}")
    if kind == "H-zh":
        return Period(_year(groups[0]), "H1" if groups[1] == "上" else "H2")
    if kind == "H-en":
        return Period(_year(groups[1]), "H1" if groups[0].lower() == "first" else "H2")
    if kind == "H1":
        return Period(_year(groups[0]), "H1")
    if kind == "Q":
        return Period(_year(groups[0]), f"Q{groups[1]}")
    if kind == "Q-rev":
        return Period(_year(groups[1]), f"Q{groups[0]}")
    if kind == "Q-zh":
        return Period(_year(groups[0]), f"Q{QUARTERS.get(groups[1], groups[1])}")
    if kind == "Q-en":
        return Period(_year(groups[1]), f"Q{_ORDINALS.index(groups[0].lower()) + 1}")
    if kind == "FY":
        return Period(_year(groups[0]), "FY")
    return Period(_year(groups[0]))
