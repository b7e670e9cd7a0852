"""Whose document it is and what period it reports on, read from the document itself: the cover
(`公司代码：603339 公司简称：四方科技`, `四方科技集团股份有限公司`, `2019 年年度报告`) and the company
profile (`公司的中文名称`, `公司的外文名称`, `股票代码`), so that company scoping and period tagging
work on files with meaningless names."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field

from rag.text.normalize import normalize
from rag.text.periods import Period, document_period, find_periods
from rag.text.terms import default_term_map

# How far into the text the cover and the company profile are looked for.
_COVER_CHARS = 1500
_PROFILE_CHARS = 30000

_SEP = r"\s*(?:[|:：]\s*)*"
_VALUE = r"([^|\n]+?)\s*(?=\||\n|$)"
_FIELDS = {
    "company": re.compile(rf"(?:公司|企业)(?:的)?(?:中文)?(?:全称|名称){_SEP}{_VALUE}"),
    "short_name": re.compile(rf"(?:公司的中文简称|公司简称|股票简称|证券简称|A股简称){_SEP}([^\s|，,:：;；]{{2,12}})"),
    "code": re.compile(rf"(?:公司代码|股票代码|证券代码|A股代码){_SEP}(\d{{6}}|\d{{4,5}}(?:\.HK)?)(?!\d)"),
    "english_name": re.compile(rf"公司的?外文名称(?:[（(]如有[)）])?{_SEP}([A-Za-z][^|\n]{{2,100}}?)\s*(?=\||\n|$)"),
    "english_short": re.compile(
        rf"公司的?外文名称缩写(?:[（(]如有[)）])?{_SEP}([A-Za-z][A-Za-z0-9 .&-]{{1,30}}?)\s*(?=\||\n|$)"
    ),
}
# A title line such as "浙江海翔药业股份有限公司 2019年年度报告（海翔药业，002099）".
_NAME_AND_CODE = re.compile(r"[（(]([\u4e00-\u9fff*A-Z]{2,10})[，,、\s]+(\d{6})[)）]")
_LEGAL_NAME = re.compile(r"([\u4e00-\u9fff（）()]{2,40}?(?:股份有限公司|有限责任公司|有限公司))")
_LEGAL_SUFFIX = re.compile(r"(?:股份有限公司|有限责任公司|有限公司|股份公司|公司)$")
_GROUP_SUFFIX = re.compile(r"(?:集团|控股|股份)$")
_ENGLISH_SUFFIX = re.compile(r"[\s,.]*(?:co\.?,?\s*ltd|limited|inc|corp(?:oration)?|company)\.?$", re.IGNORECASE)
_STATUS_PREFIX = re.compile(r"^\*?ST\s?")
_REGIONS = (
    "北京 天津 上海 重庆 河北 山西 辽宁 吉林 黑龙江 江苏 浙江 安徽 福建 江西 山东 河南 湖北 湖南 广东 海南 四川 "
    "贵州 云南 陕西 甘肃 青海 台湾 内蒙古 广西 西藏 宁夏 新疆 香港 澳门 深圳 广州 杭州 南京 苏州 武汉 成都 西安 厦门 "
    "宁波 青岛 大连 无锡"
).split()
# Report kinds as a cover names them, and the part of the year they report on.
_REPORTS = [
    (re.compile(r"(20\d{2})\s*年\s*(?:半年度报告|中期报告|半年报)"), "interim report", "H1"),
    (re.compile(r"(20\d{2})\s*年\s*(?:第一季度报告|一季度报告)"), "quarterly report", "Q1"),
    (re.compile(r"(20\d{2})\s*年\s*(?:第三季度报告|三季度报告)"), "quarterly report", "Q3"),
    (re.compile(r"(20\d{2})\s*年\s*(?:年度报告|年报)"), "annual report", "FY"),
    (
        re.compile(
            r"(?:interim report|half[- ]year report)\s*(20\d{2})|(20\d{2})\s*(?:interim|half[- ]year) report", re.I
        ),
        "interim report",
        "H1",
    ),
    (re.compile(r"annual report\s*(20\d{2})|(20\d{2})\s*annual report", re.I), "annual report", "FY"),
]
_KIND_ZH = {"annual report": "年度报告", "interim report": "半年度报告", "quarterly report": "季度报告"}
_QUARTER_ZH = {"Q1": "第一季度报告", "Q3": "第三季度报告"}
# Words that say what kind of document a title names, not whose it is.
_DOCUMENT_WORDS = re.compile(
    r"^(?:annual|interim|quarterly|report|results?|presentation|earnings|call|transcript|filing|"
    r"announcement|statement|summary|review|update|年报|年度报告|报告|业绩|公告|简报|纪要)$",
    re.IGNORECASE,
)


@dataclass
class DocumentMeta:
    company: str = ""  # legal name: 四方科技集团股份有限公司
    short_name: str = ""  # 四方科技
    code: str = ""  # 603339
    english_name: str = ""  # SQUARE TECHNOLOGY GROUP CO.,LTD
    english_short: str = ""  # SQTEG
    period: str = ""  # FY2019, 2020H1, 2021Q3 ("" if unknown)
    kind: str = ""  # annual report, interim report, quarterly report ("" if unknown)
    names: list[str] = field(default_factory=list)  # every form a question may name the company by

    def to_dict(self) -> dict:
        return asdict(self)

    @property
    def title(self) -> str:
        """ "四方科技集团股份有限公司 2019年年度报告", when the cover says both."""
        if not (self.company or self.short_name) or not self.kind or not self.period:
            return ""
        period = Period.parse(self.period)
        kind = _QUARTER_ZH.get(period.part, _KIND_ZH[self.kind])
        return f"{self.company or self.short_name} {period.year}年{kind}"


def read_metadata(text: str, title: str = "") -> DocumentMeta:
    """What the opening of a document says about whose it is and its period. `title`: what the
    file is called, used when the text names no company (`示例科技 2024 年度业绩公告`)."""
    cover, profile = text[:_COVER_CHARS], text[:_PROFILE_CHARS]
    meta = DocumentMeta()
    for name, pattern in _FIELDS.items():
        match = pattern.search(profile)
        if match:
            setattr(meta, name, _clean(normalize(match[1])))
    listed = _NAME_AND_CODE.search(cover)
    if listed:
        meta.short_name = meta.short_name or listed[1]
        meta.code = meta.code or listed[2]
    if not _LEGAL_NAME.fullmatch(meta.company):
        legal = _LEGAL_NAME.search(cover)
        meta.company = legal[1] if legal else ""
    meta.period, meta.kind = _report_period(cover)
    if not meta.period:  # not a report's cover: the period its title and opening speak of most
        period = document_period(title, text)
        meta.period = str(period) if period else ""
    if not (meta.company or meta.short_name):
        meta.short_name = _name_in_title(title)
    meta.names = company_names(meta)
    return meta


def _clean(value: str) -> str:
    value = value.strip(" \t:：|")
    return "" if value in {"/", "-", "无", "不适用"} else value


def _report_period(cover: str) -> tuple[str, str]:
    for pattern, kind, part in _REPORTS:
        match = pattern.search(cover)
        if match:
            year = int(next(group for group in match.groups() if group))
            return str(Period(year, part)), kind
    return "", ""


def _name_in_title(title: str) -> str:
    """The words of a title before its period, when they are not the kind of document:
    "示例科技 2024 年度业绩公告" -> 示例科技, "SenseTime 2022 annual results" -> SenseTime."""
    for period in find_periods(title):
        year = str(period.year)
        at = title.find(year) if year in title else title.find(year[2:])
        if at > 0:
            words = title[:at].strip(" -_·")
            if words and not all(_DOCUMENT_WORDS.match(word) for word in words.split()):
                return words
    return ""


def company_names(meta: DocumentMeta) -> list[str]:
    """The forms a question may use: the legal name and its core (浙江海翔药业股份有限公司 ->
    浙江海翔药业, 海翔药业), the short name, the stock code, the English name and abbreviation, and
    what the bilingual term map pairs with any of them (SenseTime = 商汤)."""
    names = [*_cores(meta.company), _STATUS_PREFIX.sub("", meta.short_name), meta.english_short]
    if meta.english_name:
        names.append(meta.english_name)
        names.append(
            re.sub(
                r"[\s,.]*(?:co\.?,?\s*ltd|limited|inc|corp(?:oration)?|company)\.?$", "", meta.english_name, flags=re.I
            )
        )
    if meta.code:
        names.append(meta.code)
    for match in default_term_map().find(" ".join(names)):
        names += [*match.pair.chinese, *match.pair.english]
    return [name for name in dict.fromkeys(n.strip() for n in names) if _telling(name)]


def _cores(name: str) -> list[str]:
    """A legal name and its shorter forms: without 股份有限公司, without 集团, without the region."""
    if not name:
        return []
    forms = [name]
    bare = _LEGAL_SUFFIX.sub("", name)
    for form in (bare, _GROUP_SUFFIX.sub("", bare)):
        forms.append(form)
        region = next((r for r in _REGIONS if form.startswith(r) and len(form) - len(r) >= 2), None)
        if region:
            forms.append(form[len(region) :])
    return forms


def _telling(name: str) -> bool:
    """Long enough to name one company: two Chinese characters, or three letters or digits."""
    if re.search(r"[\u4e00-\u9fff]", name):
        return len(name) >= 2
    return len(name) >= 3
