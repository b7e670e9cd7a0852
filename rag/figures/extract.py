"""Every figure a document states, read with what it quantifies: from prose (`23H1实现收入8.536亿元,
同比增长50.2%`), from slides where a figure line and its label line stand apart (`38 亿元` /
`集团营业收入 (同比 -19%)`), and from table rows under period columns and a unit header.

The rules are about how financial text is written, not about any one company: a figure's label
is the clause before it (or, on a figure line, the label line after it); cue words give its
relation (同比 -> yoy, 占比 -> share, a 率 measure -> margin, an earlier period -> prior, 预计 ->
target); a period written in its clause, else the document's own, is its period; a business
line is a name the document itself writes before 收入 / 业务 (`智慧商业收入`, `国际业务`), taken from
the label or from the last line that opened with one."""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from rag.chunk.chunker import Chunk
from rag.figures.model import GROUP, PARENT, Figure
from rag.ingest.readers import Document
from rag.ingest.tables import Row, Table, is_note_reference
from rag.text.numbers import find_quantities
from rag.text.periods import QUARTERS, Period, as_of_spans, date_spans, document_date, is_period_word, period_spans
from rag.text.terms import default_term_map

# Where a figure's clause begins: the end of the previous sentence, clause or figure.
_CLAUSE_BREAK = re.compile(r"[。；;，,！？!?:：\n(（)）、]")
_CURRENCY_BEFORE = re.compile(r"(?:人民币|RMB|HK\$|US\$|USD|\$|¥|￥)\s*$", re.IGNORECASE)
_CURRENCY_AFTER = re.compile(r"^\s*(?:亿|万|千|百万)?\s*(?:元|美元|港元|人民币)")
# A technical unit written after the number: compute, power, speed, time, length, multiples.
_OTHER_UNIT = re.compile(
    r"^\s*(?:exaflops|eflops|pflops|tflops|flops|[ep](?![a-z])|fps|mw|kw|kv|gb|tb|m²|平方米|公里|千米|"
    r"分钟|小时|秒|个月|天|年(?![度末初])|倍|参数|tokens?|帧)",
    re.IGNORECASE,
)
_MEASURE_WORD = re.compile(
    r"^\s*\+?\s*(?:多)?\s*(个|家|块|张|台|辆|款|位|名|项|座|条|次|卡|人|户|所|颗|套|部|种|场|篇)"
)
_LETTER = re.compile(r"[A-Za-z]")
_CUE_BEFORE = re.compile(r"(?<![a-z])(?:yoy|qoq|hoh)\s?[-+]?$", re.I)
_RANGE_AFTER = re.compile(r"[-~～–至*×]\d")  # written tight: "1,230.54 -4.49" are two figures
_RANGE_BEFORE = re.compile(r"\d[-~～–*×]$")
_TIME = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?::\d{2})?(?!\d)")
# A formula's operator before a number: the number is a constant of a definition (乘以365天, × 100%).
_OPERATOR_BEFORE = re.compile(r"(?:乘以|除以|[×÷]|multiplied by|divided by)[^\d。；;,，]{0,6}$", re.I)
_NUMBERING = re.compile(r"^\s*[.)）、．]\s*(?!\d)")
_DOWN = re.compile(r"(?:下降|下跌|降低|减少|缩短|收窄|↓|decrease|decline|down|fell)\s*(?:了|至|约)?\s*$", re.I)
_YOY = re.compile(
    r"同比|年增长|增长率|较上年|比上年|较去年|year[- ]on[- ]year|yoy|↑|↓|增长|增加|上升|下降|下跌|增速", re.I
)
_CHANGE = re.compile(r"降低|缩短|减少|提升|提高|节省")
_SHARE = re.compile(r"占比|比例|份额|share", re.I)
_TARGET = re.compile(r"预计|估计|预期|目标|有望|计划|将达|到\s*\d{2,4}\s*年|expect|target|forecast", re.I)
_PRIOR = re.compile(r"去年同期|上年同期|上期|前一年|prior year|last year|\(\s?\d{2}\s?年\s?[:：]", re.I)
_PERIOD_ASIDE = re.compile(r"\s*[(（]\s*(?:20)?\d{2}\s*年?\s*(?:[hH][12])?\s*[:：]\s*")
_CONJUNCTION = re.compile(r"[及和与、]|以及|and", re.I)
_QUARTER_COLUMN = re.compile(r"第\s*([一二三四1-4])\s*季度")
# A unit written after a row's label: 营业收入（元）, 基本每股收益(元/股), 毛利率（%）.
_UNIT_AFTER = re.compile(r"\s*[（(][^（()）]{0,8}(?:元|股|%|％)[^（()）]{0,4}[)）]\s*$")
_MARGIN = re.compile(r"(?:毛利|净利|利润|亏损|净亏损|经营利润|ebitda)率|margin", re.I)
# A line that is a name heading what follows: `智慧商业`, `1)智慧商业`, `智能汽车：提供…`.
_HEADING_NAME = re.compile(r"^\s*(\d+\s*[.)）、]\s*)?([\u4e00-\u9fff]{2,8}|[A-Za-z][A-Za-z ]{2,20}?)\s*(?:[：:]|$)")
_NOT_SEGMENT = re.compile(
    r"^(?:备注|注|说明|来源|数据来源|单位|目录|附注|其中|合计|总计|小计)|(?:收入|占比|增长|利润|成本|费用|开支|率|额|数|量|项)$"
    # words every filing uses for what is not a business line of its own
    r"|^(?:客户|用户|员工|公司|本公司|集团|本集团|企业|项目|其他|投资|产品|业务|行业|市场|相关|产生|事项描述|审计应对)$"
)
# "Now", as a write-up says it: the figure is as of the document's date.
_NOW = re.compile(r"目前|当前|现时|至今|迄今|\b(?:currently|to date|as of now|now)\b", re.I)
_CARD_FIGURES = 6  # at most this many figures on one slide card
_LABEL_CHARS = 24
_SCOPE_LOOKBACK = 1200
_PERIOD_CHARS = 12  # a period written this close before a figure is its period ("22H1的66.0%")


def is_relation_cue(word: str) -> bool:
    """增长 / 同比 / 收窄 / 占比 / growth: how a figure relates to its measure, not a measure itself."""
    return any(pattern.fullmatch(word) for pattern in (_YOY, _CHANGE, _SHARE, _PRIOR)) or bool(_DOWN.match(word))


def figures_of(document: Document, chunks: list[Chunk]) -> list[Figure]:
    """The document's figures, each tied to the first of its chunks that holds it."""
    meta = document.meta
    figures = extract_figures(
        document.doc_id, document.text, document.tables, meta.period, meta.short_name or meta.company, document.page_at
    )
    for figure in figures:
        holder = next((chunk for chunk in chunks if chunk.start <= figure.start < chunk.end), None)
        figure.chunk_id = holder.id if holder else ""
    return figures


def extract_figures(
    doc_id: str,
    text: str,
    tables: list[Table],
    period: str,
    company: str = "",
    page_at: Callable[[int], int | None] = lambda offset: None,
) -> list[Figure]:
    """The document's figures in order of appearance; `period` is the one the document reports on."""
    segments = _segments(text)
    figures: list[Figure] = []
    read_rows: list[tuple[int, int]] = []  # rows read by their columns; the others are read as text
    for table in tables:
        for row in table.rows:
            cells = _row_figures(doc_id, text, table, row, period, segments)
            if cells:
                figures += cells
                read_rows.append((row.start, row.end))
    figures += _text_figures(doc_id, text, read_rows, period, segments, document_date(text))
    figures.sort(key=lambda figure: figure.start)
    _place_unnamed_blocks(figures)
    for figure in figures:
        figure.company, figure.page = company, page_at(figure.start)
    return figures


def _place_unnamed_blocks(figures: list[Figure]) -> None:
    """Slide cards whose business line is named only in a picture (`收入占比 38% (21年: 42%) 收入年增长:
    -25%`, four times over): a run of figures under no business line that repeats its first
    measure is a row of cards, one per repeat; a card is the line whose own growth or share the
    document states with the same value elsewhere (`智慧商业 / 收入同比: -25%`), when exactly one
    line's does."""
    named: dict[tuple[str, str, str, Decimal], set[str]] = {}
    for figure in figures:
        if figure.scope not in (GROUP, PARENT) and figure.kind == "percent":
            named.setdefault((figure.measure, figure.relation, figure.period, figure.value), set()).add(figure.scope)
    for card in _cards(figures):
        lines = set().union(*(named.get((f.measure, f.relation, f.period, f.value), set()) for f in card))
        if len(lines) == 1:
            line = lines.pop()
            for figure in card:
                figure.scope = line


def _cards(figures: list[Figure]) -> list[list[Figure]]:
    """Cards of one layout repeated side by side: within a run of consecutive figures of no
    business line, a sequence of measures and relations (2 to 6 figures) that comes again at once."""
    cards: list[list[Figure]] = []
    runs: list[list[Figure]] = [[]]
    for figure in figures:
        if figure.scope == GROUP and figure.measure:
            runs[-1].append(figure)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        keys = [(figure.measure, figure.relation) for figure in run]
        i = 0
        while i < len(run):
            for size in range(2, _CARD_FIGURES + 1):
                repeats = 1
                while keys[i + repeats * size : i + (repeats + 1) * size] == keys[i : i + size]:
                    repeats += 1
                if repeats > 1:
                    cards += [run[i + r * size : i + (r + 1) * size] for r in range(repeats)]
                    i += repeats * size
                    break
            else:
                i += 1
    return cards


def _text_figures(
    doc_id: str, text: str, skip: list[tuple[int, int]], period: str, segments: set[str], written: str
) -> list[Figure]:
    """Figures written in prose and slide lines; `written`: when the document was (目前's date)."""
    not_figures = [*date_spans(text), *[(a, b) for a, b, _ in period_spans(text)]]
    not_figures += [m.span() for m in _TIME.finditer(text)]
    figures: list[Figure] = []
    previous_end = 0
    for quantity in find_quantities(text):
        start, end = quantity.start, quantity.end
        if any(a <= start < b for a, b in skip) or any(a < end and start < b for a, b in not_figures):
            continue
        if not stands_as_figure(text, start, end):
            continue
        kind, unit, end = _kind(text, start, end, quantity.percent)
        if kind == "count" and not unit and "." in quantity.text:
            continue  # a bare decimal is a version or a score (商量2.0, 工分 0.69), not a count
        clause = text[max(previous_end, _clause_start(text, start)) : start]
        sentence = _sentence_before(text, start, previous_end)
        # a slide's "38%" then "(21年: 42%)": the same measure a year before
        aside = bool(figures) and _PERIOD_ASIDE.fullmatch(text[figures[-1].end : start]) is not None
        earlier = figures[-1] if figures and (figures[-1].end >= start - len(sentence) or aside) else None
        cue = _strip(clause)
        # "收入8.536亿元,同比增长50.2%": that 收入's growth; "比例为16.0%,2022年为16.8%": that 比例 in 2022;
        # "分别为92亿人民币及81亿人民币": the same measure's next figure
        joined = aside or _CONJUNCTION.fullmatch(cue) is not None
        if earlier and (joined or ((_has_words(cue) or period_spans(cue)) and _only_cues(cue))):
            label, measure = f"{earlier.label} {cue}", earlier.measure
        else:
            label = _label(text, clause, start, end)
            measure = _of_a_product(label, _measure(label), segments)
            if kind == "count" and measure == label:
                measure = _counted(text, end) or measure
        value = quantity.value
        minus = text[max(0, start - 1) : start] == "-" and _CUE_BEFORE.search(text[max(0, start - 5) : start])
        if value > 0 and (_DOWN.search(clause[-6:]) or text[max(0, start - 1) : start] == "↓" or minus):
            value = -value
        figure_period, relation = _period_and_relation(sentence, label, text[end : end + 8], period, kind, written)
        figures.append(
            Figure(
                doc_id,
                start,
                end,
                text[start:end],
                value,
                kind,
                unit,
                label,
                measure,
                relation,
                _scope(text, start, label, segments),
                figure_period,
            )
        )
        previous_end = end
    return figures


def _sentence_before(text: str, start: int, previous_end: int) -> str:
    """The sentence so far, up to the figure (not before the previous figure's clause)."""
    window = text[max(0, start - 80) : start]
    breaks = [m.end() for m in re.finditer(r"[。；;！？!?\n]", window)]
    return window[breaks[-1] if breaks else 0 :]


def in_formula(text: str, start: int) -> bool:
    """Whether the number at `start` is a constant of a formula (`乘以365天`, `除以过去12个月的收入`,
    `× 100%`), not a figure the filings report."""
    return _OPERATOR_BEFORE.search(text[max(0, start - 16) : start]) is not None


def stands_as_figure(text: str, start: int, end: int) -> bool:
    """Not part of a name or version (GPT-4, X80, 12S, InternLM-123B, 4K, 2B2C), nor a list or
    section number (`1.` / `2)` / `02 财务回顾`)."""
    before, after = text[max(0, start - 1) : start], text[end : end + 1]
    cue = _CUE_BEFORE.search(text[max(0, start - 5) : start])  # yoy-6.1%: a change, not a name
    if not cue and (_LETTER.match(before) or (before == "-" and _LETTER.match(text[max(0, start - 2) : start - 1]))):
        return False
    if _LETTER.match(after) and not _OTHER_UNIT.match(text[end:]):
        return False
    if _RANGE_AFTER.match(text, end) or _RANGE_BEFORE.search(text[max(0, start - 3) : start]):
        return False  # one end of a range (5-6倍) or of a dimension (2*2): not a single value
    if text[end : end + 1] == "强":
        return False  # a ranking's name (《财富》500强)
    digits = text[start:end]
    line_start = text.rfind("\n", 0, start) + 1
    at_line_start = not text[line_start:start].strip()
    numbering = _NUMBERING.match(text[end:]) or (at_line_start and digits[0] == "0")
    return not (re.fullmatch(r"\d{1,2}", digits) and numbering)


def _kind(text: str, start: int, end: int, percent: bool) -> tuple[str, str, int]:
    """The kind of quantity, its unit, and where the figure as written ends (with its unit)."""
    written = text[start:end]
    if percent:
        points = "百分点" in written or written.lower().endswith("pp")
        return ("pp", "pp", end) if points else ("percent", "%", end)
    rest = text[end : end + 12]
    if _CURRENCY_BEFORE.search(text[max(0, start - 6) : start]) or _CURRENCY_AFTER.match(rest):
        match = _CURRENCY_AFTER.match(rest)
        return "amount", "CNY", end + (match.end() if match else 0)
    other = _OTHER_UNIT.match(rest)
    if other:
        return "other", other.group().strip(), end + other.end()
    word = _MEASURE_WORD.match(rest)
    if word:
        return "count", word[1], end + word.end()
    return "count", "", end


def technical_unit(after: str) -> str:
    """A technical unit written after a number ("6ExaFLOPS" -> ExaFLOPS, "5倍" -> 倍), else ""."""
    unit = _OTHER_UNIT.match(after)
    return unit.group().strip() if unit else ""


def unit_length(after: str) -> int:
    """How many characters of `after` are the unit written right after a number (块, 亿元, ExaFLOPS)."""
    unit = _OTHER_UNIT.match(after) or _MEASURE_WORD.match(after) or re.match(r"^\s*(?:美元|元)", after)
    return unit.end() if unit else 0


def count_unit(after: str) -> str:
    """The measure word written after a count ("800万台" -> 台, "163个城市" -> 个), else ""."""
    word = _MEASURE_WORD.match(after)
    return word[1] if word else ""


def _clause_start(text: str, start: int) -> int:
    """Where the clause holding the figure begins (at most a label's length back)."""
    window = text[max(0, start - 60) : start]
    breaks = [m.end() for m in _CLAUSE_BREAK.finditer(window)]
    return max(0, start - 60) + (breaks[-1] if breaks else 0)


def _label(text: str, clause: str, start: int, end: int) -> str:
    """What the figure is: its clause, or on a slide's figure line, the label line after it (or
    before it, when the line after holds figures too)."""
    words = _strip(clause)
    if _has_words(words) and not _only_cues(words):
        return words[-_LABEL_CHARS:]
    line_start, line_end = text.rfind("\n", 0, start) + 1, _line_end(text, end)
    line = text[line_start:line_end]
    aside = re.search(r"[(（]([^()（）]*)[)）]\s*$", _next_line(text, line_end))
    if aside and _has_words(aside[1]) and re.search(r"[(（][^)）]*$", text[line_start:start]):
        return aside[1].strip()  # "25 亿元 (67%)" over "毛利 (毛利率)": 67% is the 毛利率
    outside = _strip(re.sub(r"[(（][^)）]*[)）]", " ", line.replace(text[start:end], " ")))
    if _has_words(outside) and not _only_cues(outside):
        return (outside if not _only_cues(words) else f"{outside} {words}")[-_LABEL_CHARS:].strip()
    for neighbour in (*_next_labels(text, line_end), _previous_line(text, line_start)):
        main = _strip(re.sub(r"[(（][^)）]*[)）]", " ", neighbour))
        standing = [q for q in find_quantities(main) if stands_as_figure(main, q.start, q.end)]
        if _has_words(main) and len(main) <= _LABEL_CHARS and not standing:
            return f"{main} {words}".strip() if words else main
    return words


def _period_and_relation(
    sentence: str, label: str, after: str, period: str, kind: str, now: str = ""
) -> tuple[str, str]:
    """When the figure is, and how it relates to its measure, from the sentence before it: the
    cue nearest the figure decides (同比 / 增长 -> yoy, 占比 -> share, 去年同期 / an earlier period ->
    prior, 预计 -> target); a change verb ending in 至 / 到 gives the new level, not the change.
    `now`: the document's date, what 目前 (提升至目前约30,000块) means."""
    own = Period.parse(period) if period else None
    near = sentence[-_PERIOD_CHARS:]
    respective = _respective_period(sentence)
    written = [respective] if respective else [p for _, end, p in period_spans(near)]
    figure_period = period
    current = now if now and _NOW.search(near) else ""
    as_of = None if respective else current or _as_of(near) or _as_of(sentence)
    if as_of:
        figure_period = as_of
    elif written:
        stated = written[-1]
        figure_period = str(stated if stated.part else Period(stated.year, "FY"))
    later = [p for _, _, p in period_spans(sentence) if own and p.after(own)]
    if _TARGET.search(sentence) or later:
        return (str(Period(later[-1].year, "FY")) if later and not as_of else figure_period), "target"
    cues = _cues(sentence)
    if re.match(r"\s?的?\s?(?:同比)?(?:增长|增幅|增速)", after):
        cues.append((len(sentence), "yoy"))
    nearest = max(cues, default=(0, ""))[1]
    if not cues and kind in ("percent", "pp") and any(relation == "yoy" for _, relation in _cues(label)):
        nearest = "yoy"  # a slide's figure line under its label line (90% / 人均研发模型数同比增长)
    # A growth rate of an earlier period (2022年收入同比增长130% in a 2023 H1 report) is that period's.
    if nearest == "yoy" and (kind in ("percent", "pp") or re.search(r"(?:同比|增长|增加)\s?$", sentence)):
        return figure_period, "yoy"
    if nearest == "prior" or (written and own and own.after(written[-1])):
        if own and not written and not as_of:
            figure_period = str(Period(own.year - 1, own.part))
        return figure_period, "prior"
    if nearest == "change" and kind in ("percent", "pp"):
        return figure_period, "change"
    if kind in ("percent", "pp"):
        if _SHARE.search(f"{label} {sentence}"):
            return figure_period, "share"
        if _MARGIN.search(f"{label} {sentence}"):
            return figure_period, "margin"
    return figure_period, "value"


def _respective_period(sentence: str) -> Period | None:
    """`2022年上半年期末、2021年年底…分别为92亿及81亿`: the n-th figure after 分别 is of the n-th
    period named before it."""
    at = sentence.rfind("分别")
    if at < 0:
        return None
    periods = [p for _, _, p in period_spans(sentence[:at])]
    index = len(find_quantities(sentence[at:]))  # the figures already written after 分别
    return periods[index] if len(periods) >= 2 and index < len(periods) else None


def _cues(sentence: str) -> list[tuple[int, str]]:
    """Where each relation cue ends in the sentence; a change verb followed by 至 / 到 states the
    level reached, so it is no cue."""
    found = []
    for pattern, relation in ((_YOY, "yoy"), (_CHANGE, "change"), (_PRIOR, "prior"), (_SHARE, "share")):
        for match in pattern.finditer(sentence):
            if relation in ("yoy", "change") and re.match(r"\s?[至到]", sentence[match.end() : match.end() + 2]):
                continue
            found.append((match.end(), relation))
    return found


def _as_of(text: str) -> str:
    """The first as-of date written in the text (截至2023年3月28日 -> 2023-03-28)."""
    dates = as_of_spans(text)
    return dates[0][2] if dates else ""


def _measure(label: str) -> str:
    """The term map's canonical Chinese term for the last term the label names, else the label;
    a unit written after it (营业收入（元）, 基本每股收益(元/股)), a relation cue (集团营业收入 同比) and
    a period word (2022年全年客户数量) are not the measure."""
    text = _UNIT_AFTER.sub("", label) or label
    matches = sorted(default_term_map().find(text), key=lambda match: text.find(match.surface))
    measures = [m for m in matches if not is_relation_cue(m.pair.chinese[0]) and not is_period_word(m.surface)]
    return (measures or matches)[-1].pair.chinese[0] if matches else label


def _of_a_product(label: str, measure: str, segments: set[str]) -> str:
    """A measure the label qualifies by a product that is no business line is that product's
    (`SenseCore对外服务收入占比` under 智慧商业: 大装置收入占比, not Smart Business's share of revenue)."""
    at = label.find(measure)
    for match in default_term_map().find(label[: max(at, 0)]):
        if match.pair.is_name and not set(match.pair.chinese) & segments and match.pair.chinese[0] != measure:
            return match.pair.chinese[0] + measure
    return measure


def _counted(text: str, end: int) -> str:
    """What a count counts, when its label names no term: the term right after its classifier
    (持续赋能162个城市: 城市), or after a modifier with a figure of its own (1000个参数量数十亿至上千亿的
    大模型: 大模型), else ""."""
    after = _CLAUSE_BREAK.split(text[end : end + 24], maxsplit=1)[0]
    modifier = re.match(r"[^的]*[\d十百千万亿][^的]*的", after)
    after = after[modifier.end() :] if modifier else after
    at = {m.pair.chinese[0]: after.find(m.surface) for m in default_term_map().find(after)}
    first = min((term for term in at if not is_relation_cue(term)), key=at.__getitem__, default="")
    # right after the classifier, or after a short modifier (8家大型客户), not one of size (20个千亿参数量模型)
    return first if first and at[first] <= 2 and not re.search(r"[\d十百千万亿]", after[: at[first]]) else ""


def _segments(text: str) -> set[str]:
    """The business lines a document names: names that head a line of their own (`智慧生活`,
    `2)智慧生活`, `智能汽车：SenseAuto Pilot`) and that it also writes before 收入 / 业务 / 分部 / 板块
    (`智慧城市业务`) or whose numbered heading opens on its revenue (`1)智慧商业` / `23H1实现收入…`); not notes'
    headings nor measures (`收入占比`)."""
    names = set()
    for line in re.finditer(r"^.*$", text, re.MULTILINE):
        match = _HEADING_NAME.match(line[0])
        if not match or _NOT_SEGMENT.search(match[2]):
            continue
        name = match[2].strip()
        # what follows the heading reports its revenue, or the name is written as a line of business
        opens_on_revenue = match[1] and "收入" in text[line.end() : line.end() + 40]
        if opens_on_revenue or re.search(re.escape(name) + r"\s*(?:收入|业务|分部|板块)", text):
            names.add(name)
    return names


def _scope(text: str, start: int, label: str, segments: set[str]) -> str:
    """The business line the label names, else the one heading the part of the document the
    figure is in (the nearest heading line before it, if that names a business line)."""
    named = [name for name in segments if name in label]
    if named:
        return "+".join(sorted(named, key=label.index))
    for line in reversed(text[max(0, start - _SCOPE_LOOKBACK) : start].splitlines()[:-1]):
        heading = _HEADING_NAME.match(line)
        if heading and re.search(r"\d", line[heading.end() :]):
            continue  # a label with its figure (`收入同比: +59%` under `智能汽车`), not a heading
        if heading:
            return heading[2].strip() if heading[2].strip() in segments else GROUP
    return GROUP


def _row_figures(doc_id: str, text: str, table: Table, row: Row, period: str, segments: set[str]) -> list[Figure]:
    """The row's cells under their column headers: 本期 / 2019年 is the report's year, 上期 / 上年同期
    the year before, 增减 / 变动 the reported change."""
    figures = []
    # A unit in the row's label (营业收入（元）) is the row's, before the table's (单位：万元).
    row_unit = _UNIT_AFTER.search(row.label)
    scale, money = _table_scale(row_unit[0] if row_unit else table.unit)
    own = Period.parse(period) if period else None
    position = row.start
    # A parent company's own statement (母公司利润表) is not the group's.
    scope = PARENT if table.of_parent_company else _scope(text, row.start, row.label, segments)
    for name, cell in table.columns(row):
        if is_note_reference(cell):
            continue
        quantities = find_quantities(cell.replace("（", "(").strip("()"))
        offset = text.find(cell, position, row.end)
        if not quantities or offset < 0:
            continue
        position = offset + len(cell)
        quantity = quantities[0]
        negative = cell.strip().startswith(("(", "（"))
        column_period, relation = _column(name, own)
        percent = quantity.percent or relation == "yoy" or "%" in name or "比例" in name or "率" in row.label
        percent = percent or bool(row_unit and "%" in row_unit[0])
        value = -quantity.value if negative else quantity.value
        kind, unit = ("percent", "%") if percent else (("amount", "CNY") if money else ("count", ""))
        if not percent:
            value *= scale
        measure = _measure(row.label)
        if relation == "value" and percent and _MARGIN.search(row.label):
            relation = "margin"
        figures.append(
            Figure(
                doc_id,
                offset,
                offset + len(cell),
                cell,
                value,
                kind,
                unit,
                row.label,
                measure,
                relation,
                scope,
                column_period,
            )
        )
    return figures


def _column(name: str, own: Period | None) -> tuple[str, str]:
    """The period and relation of a column: 本期 / 本年 / 2019年 … / 上期 / 上年同期 / 增减."""
    if re.search(r"增减|变动|增长|change", name, re.I):
        return (str(own) if own else ""), "yoy"
    written = [p for _, _, p in period_spans(name)]
    quarter = _QUARTER_COLUMN.search(name)
    if quarter and not written and own:  # 第一季度 in an annual report's 分季度主要财务指标
        return f"{own.year}Q{QUARTERS.get(quarter[1], quarter[1])}", "value"
    if written:
        stated = written[0] if written[0].part else Period(written[0].year, own.part if own else "FY")
        prior = own is not None and own.after(stated)
        return str(stated), "prior" if prior else "value"
    if re.search(r"上期|上年|去年|prior|previous", name, re.I) and own:
        return str(Period(own.year - 1, own.part)), "prior"
    return (str(own) if own else ""), "value"


def _table_scale(unit: str) -> tuple[Decimal, bool]:
    """What a table's figures are in (单位：人民币百万元 -> 1e6, money)."""
    scales = {"万亿": 12, "亿": 8, "百万": 6, "千万": 7, "万": 4, "千": 3, "million": 6, "thousand": 3, "billion": 9}
    power = next((p for word, p in scales.items() if word in unit.lower()), 0)
    money = bool(re.search(r"元|人民币|rmb|yuan|hk\$|us\$", unit, re.I))
    return Decimal(10) ** power, money


def _strip(text: str) -> str:
    return re.sub(r"^[\s\-—–:：|·•*#]+|[\s\-—–:：|·•*#为是达约超过近了的]+$", "", " ".join(text.split()))


def _has_words(text: str) -> bool:
    return bool(re.search(r"[\u4e00-\u9fff]{2}|[A-Za-z]{3}", text))


def _only_cues(text: str) -> bool:
    """The words are only a relation cue (同比 / 年增长 / yoy) or a comparison with another period
    (相较于2022年的 / 去年同期为): the measure is said elsewhere."""
    rest = _YOY.sub("", _SHARE.sub("", text))
    rest = re.sub(r"[\s\d]|年|h[12]|收窄|扩大|实现|约|超过|为|达到|了", "", rest, flags=re.I)
    rest = re.sub(r"相较于?|相比|较|去年同期|上年同期|去年|上年|同期|的", "", rest)
    return not _has_words(rest)


def _line_end(text: str, position: int) -> int:
    end = text.find("\n", position)
    return len(text) if end < 0 else end


def _next_line(text: str, line_end: int) -> str:
    for line in text[line_end : line_end + 200].splitlines():
        if line.strip():
            return line
    return ""


def _next_labels(text: str, line_end: int) -> tuple[str, ...]:
    """What may label a slide's figure line from below: the lines up to the next blank one (a label
    wrapped: "当期" / "客户"), else the first of them."""
    block = re.split(r"\n\s*\n", text[line_end : line_end + 200].lstrip())[0]
    lines = [line.strip() for line in block.splitlines() if line.strip()]
    return tuple(dict.fromkeys((" ".join(lines), *lines[:1])))


def _previous_line(text: str, line_start: int) -> str:
    for line in reversed(text[max(0, line_start - 200) : line_start].splitlines()):
        if line.strip():
            return line
    return ""
