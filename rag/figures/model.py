"""A stated figure as data: its value in base units, what kind of quantity it is, what it
quantifies (measure, scope, relation), when (period or as-of date), and where it is written."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from decimal import Decimal

KINDS = ("amount", "percent", "pp", "count", "other")
# value: the figure itself; yoy: its change on the prior period; share: of a total; margin: a
# profit ratio (毛利率); prior: the earlier period's comparative stated beside it; change: another
# change (降低50%); target: a forecast or goal.
RELATIONS = ("value", "yoy", "share", "margin", "prior", "change", "target")
GROUP = "集团"  # the scope of a figure about the company as a whole
PARENT = "母公司"  # the listed parent company's own statements, beside the consolidated group's
# Bumped when what is read as a figure changes: an index built by another version is rebuilt.
FIGURES_VERSION = 19


@dataclass
class Figure:
    doc_id: str
    start: int  # offsets of `text` in the document's cleaned text
    end: int
    text: str  # as written: "8.536亿元", "-19%", "2.7万+"
    value: Decimal  # in base units (yuan, a count); percents and points keep their number
    kind: str  # one of KINDS
    unit: str  # "CNY", "%", "pp", or what is counted / measured in ("个城市", "EFLOPS")
    label: str  # the words that say what it is, as written nearest the figure
    measure: str  # the term map's canonical Chinese term for the label's measure, else the label
    relation: str  # one of RELATIONS
    scope: str  # GROUP, or the business line / product / region the label or heading names
    period: str  # "FY2022", "2023H1", or an as-of date "2023-03-28"; "" unknown
    company: str = ""
    page: int | None = None
    chunk_id: str = ""  # the passage that holds it (the first, where passages overlap)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["value"] = f"{self.value.normalize():f}"
        return data

    @classmethod
    def from_dict(cls, data: dict) -> Figure:
        return cls(**{**data, "value": Decimal(data["value"])})
