"""Find numbers with their scale in Chinese or English text and bring them to one value, so that
38亿元, RMB 3.8 billion and 3,800 million compare equal, as do 2.7万 and 27,000."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

_CN_SCALES = {
    "万亿": Decimal(10) ** 12,
    "千亿": Decimal(10) ** 11,
    "百亿": Decimal(10) ** 10,
    "十亿": Decimal(10) ** 9,
    "亿": Decimal(10) ** 8,
    "千万": Decimal(10) ** 7,
    "百万": Decimal(10) ** 6,
    "十万": Decimal(10) ** 5,
    "万": Decimal(10) ** 4,
    "千": Decimal(10) ** 3,
}
_EN_SCALES = {
    "trillion": Decimal(10) ** 12,
    "tn": Decimal(10) ** 12,
    "billion": Decimal(10) ** 9,
    "bn": Decimal(10) ** 9,
    "million": Decimal(10) ** 6,
    "mn": Decimal(10) ** 6,
    "mln": Decimal(10) ** 6,
    "thousand": Decimal(10) ** 3,
}

_QUANTITY = re.compile(
    r"""
    (?P<sign>(?<![\w.])[-−–])?                          # a minus sign, not a hyphen inside a word
    (?<![\d.,])                                         # start of the number, not its middle
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?![\d])
    \+?                                                 # "5.0+", "3,400+"
    (?:\s?(?P<cn>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)
      |\s?(?P<en>trillion|billion|million|thousand|tn|bn|mn|mln)\b)?
    \+?
    (?P<pct>\s?(?:%|％|percent\b|per\s+cent\b|个百分点|pp\b))?
    """,
    re.VERBOSE | re.IGNORECASE,
)


@dataclass(frozen=True)
class Quantity:
    """A number as written (`text` at `start:end`) and its value with the scale applied."""

    value: Decimal
    percent: bool
    start: int
    end: int
    text: str

    @property
    def key(self) -> str:
        """A unit-free token that is equal for equal amounts: 38亿 and 3.8 billion -> num:3.8E+9.
        The sign is left out so that "-19%" matches "down 19%"."""
        prefix = "pct" if self.percent else "num"
        return f"{prefix}:{canonical(abs(self.value))}"


def canonical(value: Decimal) -> str:
    return str(value.normalize())


def find_quantities(text: str) -> list[Quantity]:
    quantities = []
    for match in _QUANTITY.finditer(text):
        value = Decimal(match["num"].replace(",", ""))
        if match["cn"]:
            value *= _CN_SCALES[match["cn"]]
        elif match["en"]:
            value *= _EN_SCALES[match["en"].lower()]
        if match["sign"]:
            value = -value
        end = match.end()
        # Don't swallow trailing whitespace that belonged to an optional group which didn't match.
        while end > match.start() and text[end - 1].isspace():
            end -= 1
        quantities.append(Quantity(value, bool(match["pct"]), match.start(), end, text[match.start() : end]))
    return quantities
