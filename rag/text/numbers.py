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
    (?P<sign>(?<![A-Za-z0-9_.])[-−–])?                 # a minus sign, not a hyphen in "A-1" or "2022-23"
    (?<![\d.,])                                         # start of the number, not its middle
    (?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)
    (?![\d])
    \+?                                                 # "5.0+", "3,400+"
    (?:[多余](?=万|亿|千))?                              # "500多万": over 5 million
    (?:[ \t]?(?P<cn>万亿|千亿|百亿|十亿|亿|千万|百万|十万|万|千)                # a unit on the same line
      |[ \t]?(?P<en>trillion|billion|million|thousand|tn|bn|mn|mln)(?![a-z]))?
    \+?
    (?P<pct>[ \t]?(?:%|％|percent(?![a-z])|per\s+cent(?![a-z])|个百分点|pp(?![a-z])))?
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


def count_or_year(quantity: Quantity) -> bool:
    """A small count ("3 segments") or a year ("2022"), written plainly: not a figure. "6.0", "5+"
    and "2,022" are figures."""
    plain = not quantity.percent and re.fullmatch(r"[-−–]?\d+", quantity.text)
    return bool(plain) and (abs(quantity.value) < 10 or 1900 <= quantity.value <= 2100)


def same_amount(stated: Quantity, source: Quantity) -> bool:
    """Whether `stated` (in an answer) says the same as `source` (in a passage): equal value after
    unit conversion, or `source` rounded to the precision `stated` was written with (RMB 1.43
    billion for 14.33亿). Signs are compared by magnitude: "down 19%" states "-19%"."""
    if stated.percent != source.percent:
        return False
    if stated.value < 0 < source.value and not stated.percent:
        return False  # "-38亿" is not the 38亿 revenue
    a, b = abs(stated.value), abs(source.value)
    if a == b:
        return True
    step = last_digit_step(stated)
    return step > 0 and abs(a - b) <= step / 2


def last_digit_step(quantity: Quantity) -> Decimal:
    """The value of one unit in the last written digit: 1.43 billion -> 0.01 billion."""
    match = re.search(r"\d[\d,]*(?:\.(\d+))?", quantity.text)
    if not match:
        return Decimal(0)
    decimals = len(match[1] or "")
    written = Decimal(match[0].replace(",", ""))
    scale = abs(quantity.value) / written if written else Decimal(1)
    return scale * Decimal(10) ** -decimals


def digits(quantity: Quantity) -> str:
    """The significant digits as written, without separators or scale: 14.33亿 -> "1433"."""
    match = re.search(r"\d[\d,]*(?:\.\d+)?", quantity.text)
    return match[0].replace(",", "").replace(".", "").strip("0") if match else ""


def english_amount(value: Decimal) -> str:
    """3.8E+9 -> "3.8 billion", 2.7E+4 -> "27,000", 8.39E+7 -> "83.9 million"."""
    magnitude = abs(value)
    for size, word in ((Decimal(10) ** 12, "trillion"), (Decimal(10) ** 9, "billion"), (Decimal(10) ** 6, "million")):
        if magnitude >= size:
            return f"{_plain(value / size)} {word}"
    return f"{value.normalize():,f}" if value == value.to_integral() else _plain(value)


def chinese_amount(value: Decimal) -> str:
    """3.8E+9 -> "38亿", 2.7E+4 -> "2.7万", 1.04E+11 -> "1040亿", 1.6E+12 -> "1.6万亿"."""
    magnitude = abs(value)
    for size, word in ((Decimal(10) ** 12, "万亿"), (Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if magnitude >= size:
            return f"{_plain(value / size)}{word}"
    return _plain(value)


def _plain(value: Decimal) -> str:
    text = f"{value.normalize():f}"
    return text.rstrip("0").rstrip(".") if "." in text else text
