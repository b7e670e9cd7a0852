"""The documents of the annual-report eval set: fictional A-share annual and interim reports.

Three invented companies, five reports, laid out the way Shanghai-listed companies' reports are:
cover, 重要提示, 目录 with dot leaders, 释义, 公司简介和主要财务指标, 管理层讨论与分析 with 分行业/分产品/
分地区 tables, 公司治理 and 员工情况, 审计报告, the consolidated and parent-company statements as ruled
tables (several run over a page break, the continuation without a header row), and 附注 with more
tables. Every page but the cover carries a running header and an `n / N` page number.

All figures come from one small model per company (integer cents, a fixed seed), so they agree
wherever they are printed: totals add up, the 主要会计数据 table, the statements, the notes and the
prose (in 万元) state the same amounts, and a FY2023 report's 2022 column is the FY2022 report's
current one. `facts()` returns every printed table cell by "table|row|column" for the tests.

    python eval/annual/generate.py      # rewrites eval/annual/docs/*.pdf, byte for byte the same

Everything here is fictional and written for this project; no real company's filing was copied.
"""

from __future__ import annotations

import io
import random
import re
import sys
import time
import zlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    BaseDocTemplate,
    CondPageBreak,
    Flowable,
    Frame,
    NextPageTemplate,
    PageBreak,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
FONT = "STSong-Light"
pdfmetrics.registerFont(UnicodeCIDFont(FONT))

PAGE_W, PAGE_H = A4
TEXT_W = 495
MARGIN_X, MARGIN_TOP, MARGIN_BOTTOM = (PAGE_W - TEXT_W) / 2, 70, 58
WIDE_W = PAGE_H - 2 * MARGIN_X  # text width of a landscape page
BODY = 10.5  # 五号
CELL = 8.5  # table text
CELL_PAD = 3

# ---------------------------------------------------------------------------------------------
# Money: integer cents, printed as 元 (1,234,567.89) or 万元 (123.46), rounded half up.


def _half_up(value: Decimal, places: str = "0.01") -> Decimal:
    return value.quantize(Decimal(places), rounding=ROUND_HALF_UP)


def yuan(c: int | None) -> str:
    if c is None:
        return ""
    sign = "-" if c < 0 else ""
    return f"{sign}{abs(c) // 100:,}.{abs(c) % 100:02d}"


def wan(c: int) -> str:
    """Cents in 万元 with two decimals."""
    value = _half_up(Decimal(c) / Decimal(1_000_000))
    return f"{value:,.2f}"


def yi(c: int) -> str:
    return f"{_half_up(Decimal(c) / Decimal(10_000_000_000)):,.2f}"


def change(current: int, prior: int) -> str:
    """本期比上年同期增减(%), two decimals."""
    return f"{_half_up(Decimal(current - prior) * 100 / abs(Decimal(prior))):.2f}"


def share(part: int, whole: int) -> str:
    return f"{_half_up(Decimal(part) * 100 / Decimal(whole)):.2f}"


def points(current: str, prior: str) -> str:
    """A change of a percentage, in 个百分点, as reports write it."""
    delta = _half_up(Decimal(current) - Decimal(prior))
    return f"增加{delta:.2f}个百分点" if delta >= 0 else f"减少{-delta:.2f}个百分点"


def grew(current: int, prior: int) -> str:
    """同比增长8.52% / 同比下降3.10%."""
    pct = change(current, prior)
    return f"同比下降{pct.lstrip('-')}%" if pct.startswith("-") else f"同比增长{pct}%"


def count(n: int) -> str:
    return f"{n:,}"


class Dice:
    """The one source of variation: a seeded generator, used in a fixed order."""

    def __init__(self, seed: int) -> None:
        self._rng = random.Random(seed)

    def unit(self) -> float:
        return self._rng.random()

    def near(self, x: float, spread: float = 0.05) -> float:
        return x * (1 + spread * (2 * self.unit() - 1))

    def money(self, cents: float) -> int:
        """An amount near `cents` with arbitrary cents, as real ledgers have."""
        return int(cents) // 100 * 100 + int(self.unit() * 100)

    def of(self, base: int, ratio: float, spread: float = 0.05) -> int:
        return self.money(base * self.near(ratio, spread))

    def split(self, total: int, weights: list[float], unit: int = 1, spread: float = 0.15) -> list[int]:
        """`total` in parts near `weights` (the last part takes the rest); each a multiple of `unit`."""
        raw = [self.near(w, spread) for w in weights]
        scale = sum(raw)
        parts = [int(total * w / scale) // unit * unit for w in raw[:-1]]
        return [*parts, total - sum(parts)]


# ---------------------------------------------------------------------------------------------
# The companies.


@dataclass
class Company:
    key: str
    seed: int
    full: str
    short: str
    english: str
    abbr: str
    code: str
    board: str  # 上海证券交易所主板 / 科创板
    industry: str  # 所属行业 as the 分行业 table names it
    legal_rep: str
    general_manager: str
    cfo: str
    accounting_head: str
    secretary: dict[int, str]  # year -> 董事会秘书 at the report date
    securities_rep: str
    reg_address: str
    reg_post: str
    office_address: str
    office_post: str
    website: str
    email: str
    phone: str
    fax: str
    controller: str  # 控股股东
    controller_share: float
    auditor: str
    auditor_address: str
    cpas: tuple[str, str]
    subsidiaries: list[tuple[str, str, str, int]]  # name, short, business, share %
    shares: int
    revenue: dict[str, float]  # period -> yuan; the first one only opens the balance sheet
    ratios: dict[str, float]
    segments: dict[str, list[tuple[str, float, float]]]  # 分行业/分产品/分地区: (name, weight, cost ratio)
    products: list[tuple[str, str, float]]  # 产销量: product, unit, units per 万元 of its revenue
    staff: dict[int, tuple[int, int]]  # year -> (母公司, 主要子公司)
    staff_mix: list[tuple[str, float]]
    education: list[tuple[str, float]]
    rd_staff_share: float
    directors: list[tuple[str, str, str, int, float]]  # name, 职务, 性别, 年龄, 报酬 (万元)
    shareholders: list[tuple[str, float, str]]  # name, % of shares, 性质 (after the controller)
    dividend_per10: dict[str, float]  # period -> cash dividend per 10 shares decided for it
    business: str  # 主要业务 paragraph
    industry_text: str
    strengths: list[str]
    plans: list[str]
    risks: list[tuple[str, str]]
    rd_projects: list[str]
    customers_share: float
    suppliers_share: float


JIANGNAN = Company(
    key="jn",
    seed=2023_0917,
    full="江南精密机械股份有限公司",
    short="江南精密",
    english="Jiangnan Precision Machinery Co., Ltd.",
    abbr="JNPM",
    code="605977",
    board="上海证券交易所主板",
    industry="通用设备制造业",
    legal_rep="周立衡",
    general_manager="顾承安",
    cfo="沈嘉禾",
    accounting_head="贾文静",
    secretary={2022: "陈思远", 2023: "林雅琴"},
    securities_rep="许晨",
    reg_address="江苏省无锡市锡山区春晖东路188号",
    reg_post="214101",
    office_address="江苏省无锡市锡山区春晖东路188号江南精密科技园",
    office_post="214101",
    website="www.jiangnanjingmi.com.cn",
    email="ir@jiangnanjingmi.com.cn",
    phone="0510-88765432",
    fax="0510-88765400",
    controller="无锡衡立投资集团有限公司",
    controller_share=38.62,
    auditor="中衡信德会计师事务所（特殊普通合伙）",
    auditor_address="上海市黄浦区汉口路359号中衡大厦12楼",
    cpas=("马骏", "冯婷"),
    subsidiaries=[
        ("无锡江精传动科技有限公司", "江精传动", "滚珠丝杠、直线导轨的生产和销售", 100),
        ("常州江精数控装备有限公司", "江精数控", "数控转台、刀库的生产和销售", 70),
        ("江精（泰国）精密工业有限公司", "泰国江精", "精密传动部件的生产和销售", 100),
    ],
    shares=412_800_000,
    revenue={"2019": 1_583e6, "2020": 1_712e6, "2021": 2_035e6, "2022": 2_274e6, "2023": 2_468e6},
    ratios=dict(
        cost=0.728,
        tax=0.0072,
        sell=0.034,
        admin=0.052,
        rd=0.056,
        rd_cap=0.0,
        other_income=0.0085,
        invest=0.0031,
        fair=0.0009,
        credit=-0.0042,
        impair=-0.0021,
        disposal=0.0004,
        nonop_in=0.0006,
        nonop_out=0.0009,
        tax_rate=0.128,
        minority=0.031,
        oci=0.0012,
        fixed=0.46,
        parent_rev=0.63,
        parent_cost=0.745,
        parent_invest=0.021,
        export=0.22,
    ),
    segments={
        "分行业": [("通用设备制造业", 0.86, 0.72), ("专用设备制造业", 0.14, 0.76)],
        "分产品": [
            ("滚珠丝杠副", 0.38, 0.70),
            ("直线导轨副", 0.27, 0.73),
            ("数控转台", 0.21, 0.75),
            ("精密减速器", 0.14, 0.74),
        ],
        "分地区": [("境内", 0.78, 0.73), ("境外", 0.22, 0.71)],
    },
    products=[("滚珠丝杠副", "万套", 0.0042), ("直线导轨副", "万米", 0.0061), ("数控转台", "台", 1.35)],
    staff={2021: (1_352, 948), 2022: (1_417, 1_064), 2023: (1_486, 1_127)},
    staff_mix=[("生产人员", 0.58), ("销售人员", 0.06), ("技术人员", 0.21), ("财务人员", 0.02), ("行政人员", 0.13)],
    education=[("博士", 0.004), ("硕士", 0.05), ("本科", 0.29), ("专科", 0.27), ("专科以下", 0.386)],
    rd_staff_share=0.157,
    directors=[
        ("周立衡", "董事长", "男", 58, 168.4),
        ("顾承安", "副董事长、总经理", "男", 52, 142.6),
        ("沈嘉禾", "董事、副总经理、财务总监", "女", 47, 96.8),
        ("钱蔚然", "董事", "男", 45, 0.0),
        ("陆文博", "独立董事", "男", 63, 12.0),
        ("孙若澜", "独立董事", "女", 55, 12.0),
        ("蒋一鸣", "独立董事", "男", 49, 12.0),
        ("杨振东", "监事会主席", "男", 54, 48.2),
        ("吕晓燕", "监事", "女", 41, 31.5),
        ("何建平", "职工代表监事", "男", 39, 27.9),
        ("朱明哲", "副总经理", "男", 46, 88.3),
    ],
    shareholders=[
        ("周立衡", 9.85, "境内自然人"),
        ("无锡锡衡企业管理合伙企业（有限合伙）", 5.12, "其他"),
        ("香港中央结算有限公司", 2.37, "境外法人"),
        ("顾承安", 1.96, "境内自然人"),
        ("中国工商银行股份有限公司－某某智能制造混合型证券投资基金", 1.41, "其他"),
        ("江苏锡山产业投资有限公司", 1.22, "国有法人"),
        ("全国社保基金一一二组合", 0.93, "其他"),
        ("沈嘉禾", 0.61, "境内自然人"),
        ("招商银行股份有限公司－某某高端装备股票型证券投资基金", 0.57, "其他"),
    ],
    dividend_per10={"2020": 2.0, "2021": 2.5, "2022": 2.8, "2023": 3.2},
    business=(
        "公司主要从事精密传动与直线运动部件的研发、生产和销售，主要产品包括滚珠丝杠副、直线导轨副、数控转台和精密减速器，"
        "广泛应用于数控机床、半导体设备、锂电及光伏设备、工业机器人等领域。公司采取“以销定产、适度备货”的生产模式，"
        "销售以直销为主、经销为辅，主要客户为国内外知名机床及自动化设备制造企业。"
    ),
    industry_text=(
        "公司所处行业为通用设备制造业中的机械基础零部件行业。精密传动部件是高端装备的核心功能部件，其精度、刚性和寿命直接决定整机的加工性能。"
        "近年来，在制造业转型升级和关键零部件自主可控的推动下，国内数控机床、半导体设备和工业机器人产业持续发展，"
        "对高精度滚珠丝杠、直线导轨的需求稳步增长，国产替代空间广阔。与此同时，行业竞争格局仍以境外品牌为主导，"
        "国内企业在高端产品的一致性、可靠性方面仍需持续投入。"
    ),
    strengths=[
        "技术研发优势：公司建有省级企业技术中心和精密传动工程研究中心，掌握高速重载滚珠丝杠、超精密研磨等核心工艺。",
        "客户资源优势：公司与国内主要数控机床企业建立了长期合作关系，产品进入多家半导体设备和机器人整机企业的供应链。",
        "制造与质量优势：公司拥有恒温精密加工车间和完整的检测体系，关键工序实现自动化、数字化管控，产品精度等级稳定。",
        "成本与规模优势：公司在无锡、常州及泰国布局生产基地，规模效应和本地化配套能力较强。",
    ],
    plans=[
        "持续推进高精度产品的研发与量产，提升P1级以上滚珠丝杠和直线导轨的产能占比；",
        "加快泰国生产基地的产能爬坡，拓展东南亚及欧洲市场；",
        "推进数字化工厂建设，提高生产效率和产品一致性；",
        "完善人才梯队和激励机制，吸引和培养高端技术人才。",
    ],
    risks=[
        ("宏观经济波动风险", "公司产品的下游为机床、自动化设备等资本品行业，受宏观经济和固定资产投资周期的影响较大。"),
        ("原材料价格波动风险", "公司主要原材料为轴承钢、合金结构钢等钢材，钢材价格波动将影响公司的毛利率。"),
        ("汇率波动风险", "公司境外销售及泰国子公司的经营以外币结算，汇率波动可能产生汇兑损益。"),
        ("市场竞争加剧风险", "境外知名品牌在高端市场占据优势，国内同行持续扩产，市场竞争可能加剧。"),
    ],
    rd_projects=[
        "高速重载滚珠丝杠副研发及产业化",
        "半导体设备用超精密直线导轨研发",
        "五轴联动数控转台关键技术研究",
        "机器人用精密摆线减速器研发",
    ],
    customers_share=0.212,
    suppliers_share=0.268,
)

QINGHE = Company(
    key="qh",
    seed=2023_0452,
    full="青禾生物医药股份有限公司",
    short="青禾医药",
    english="Qinghe Biopharmaceutical Co., Ltd.",
    abbr="QHBIO",
    code="688947",
    board="上海证券交易所科创板",
    industry="医药制造业",
    legal_rep="许明川",
    general_manager="韩雪松",
    cfo="邵丽华",
    accounting_head="袁志刚",
    secretary={2022: "唐晓雯", 2023: "唐晓雯"},
    securities_rep="方毅",
    reg_address="浙江省杭州市钱塘区青禾路66号",
    reg_post="310018",
    office_address="浙江省杭州市钱塘区青禾路66号青禾医药研发中心",
    office_post="310018",
    website="www.qinghe-bio.com.cn",
    email="ir@qinghe-bio.com.cn",
    phone="0571-86901234",
    fax="0571-86901200",
    controller="杭州青禾控股有限公司",
    controller_share=34.18,
    auditor="华衡致远会计师事务所（特殊普通合伙）",
    auditor_address="北京市西城区阜成门外大街28号致远大厦9层",
    cpas=("汪磊", "谢安琪"),
    subsidiaries=[
        ("青禾药业（浙江）有限公司", "青禾药业", "化学药品制剂的生产", 100),
        ("上海青禾生物技术研究院有限公司", "青禾研究院", "新药研发及技术服务", 100),
        ("杭州青禾医药销售有限公司", "青禾销售", "药品批发和销售", 100),
        ("青禾健康科技（海南）有限公司", "青禾健康", "医疗健康产品销售", 60),
    ],
    shares=236_500_000,
    revenue={"2019": 842e6, "2020": 985e6, "2021": 1_148e6, "2022": 1_316e6, "2023": 1_529e6},
    ratios=dict(
        cost=0.252,
        tax=0.0115,
        sell=0.318,
        admin=0.071,
        rd=0.138,
        rd_cap=0.19,
        other_income=0.0142,
        invest=0.0062,
        fair=0.0021,
        credit=-0.0035,
        impair=-0.0048,
        disposal=-0.0002,
        nonop_in=0.0004,
        nonop_out=0.0021,
        tax_rate=0.118,
        minority=0.012,
        oci=0.0,
        fixed=0.34,
        parent_rev=0.58,
        parent_cost=0.29,
        parent_invest=0.034,
        export=0.0,
    ),
    segments={
        "分行业": [("医药制造业", 0.97, 0.25), ("医药商业", 0.03, 0.82)],
        "分产品": [
            ("抗肿瘤类", 0.41, 0.21),
            ("心脑血管类", 0.27, 0.26),
            ("消化系统类", 0.19, 0.28),
            ("其他", 0.13, 0.36),
        ],
        "分地区": [
            ("华东", 0.46, 0.25),
            ("华北", 0.16, 0.25),
            ("华南", 0.15, 0.26),
            ("华中", 0.12, 0.25),
            ("西南及其他", 0.11, 0.27),
        ],
    },
    products=[("抗肿瘤类", "万支", 0.0062), ("心脑血管类", "万盒", 0.021), ("消化系统类", "万盒", 0.034)],
    staff={2021: (908, 612), 2022: (976, 688), 2023: (1_043, 761)},
    staff_mix=[("生产人员", 0.27), ("销售人员", 0.38), ("技术人员", 0.24), ("财务人员", 0.02), ("行政人员", 0.09)],
    education=[("博士", 0.03), ("硕士", 0.17), ("本科", 0.48), ("专科", 0.21), ("专科以下", 0.11)],
    rd_staff_share=0.214,
    directors=[
        ("许明川", "董事长", "男", 56, 186.0),
        ("韩雪松", "董事、总经理", "男", 50, 158.3),
        ("邵丽华", "董事、财务总监", "女", 48, 92.4),
        ("梁文涛", "董事、首席科学家", "男", 53, 210.5),
        ("郭子谦", "独立董事", "男", 61, 15.0),
        ("钟慧敏", "独立董事", "女", 57, 15.0),
        ("曹景行", "独立董事", "男", 52, 15.0),
        ("马一帆", "监事会主席", "男", 49, 45.0),
        ("苏青", "监事", "女", 38, 28.6),
        ("陶然", "职工代表监事", "男", 36, 24.1),
        ("唐晓雯", "董事会秘书", "女", 42, 78.9),
    ],
    shareholders=[
        ("许明川", 11.26, "境内自然人"),
        ("杭州禾盛股权投资合伙企业（有限合伙）", 6.48, "其他"),
        ("某某创新医疗股权投资基金（有限合伙）", 4.05, "其他"),
        ("香港中央结算有限公司", 2.91, "境外法人"),
        ("梁文涛", 2.24, "境内自然人"),
        ("中国建设银行股份有限公司－某某医疗健康混合型证券投资基金", 1.73, "其他"),
        ("浙江省产业基金有限公司", 1.35, "国有法人"),
        ("韩雪松", 0.88, "境内自然人"),
        ("基本养老保险基金一零零三组合", 0.76, "其他"),
    ],
    dividend_per10={"2020": 1.5, "2021": 1.8, "2022": 2.2, "2023": 2.6},
    business=(
        "公司是一家以创新药和高端仿制药为核心的生物医药企业，主要从事化学药品制剂及原料药的研发、生产和销售，"
        "产品覆盖抗肿瘤、心脑血管和消化系统等治疗领域。公司拥有从药物发现、临床研究到商业化生产的完整产业链，"
        "销售以学术推广模式为主，终端覆盖全国三十个省、自治区和直辖市的二级以上医院。"
    ),
    industry_text=(
        "公司所处行业为医药制造业。随着人口老龄化程度加深和居民健康意识提升，医药市场需求保持增长；"
        "国家持续推进药品集中带量采购、医保目录动态调整和药品审评审批制度改革，行业加速向创新驱动转型，"
        "具备研发能力和成本优势的企业有望获得更大的市场份额。"
    ),
    strengths=[
        "研发创新优势：公司建有小分子创新药研发平台和制剂技术平台，拥有在研项目二十余项，其中多项处于临床阶段。",
        "产品管线优势：公司核心产品注射用青禾替尼已纳入国家医保目录，心脑血管和消化领域产品梯队完整。",
        "质量管理优势：公司生产线均通过药品GMP符合性检查，建立了覆盖研发、生产、流通的质量管理体系。",
        "营销网络优势：公司建立了专业化的学术推广团队，与全国主要医药流通企业保持长期合作。",
    ],
    plans=[
        "加快在研管线的临床推进，力争一至两个品种提交上市申请；",
        "推进新建制剂车间的验证和投产，提升产能和质量水平；",
        "深化学术推广，扩大核心产品在基层医疗机构的覆盖；",
        "加强合规管理，完善内部控制体系。",
    ],
    risks=[
        ("新药研发风险", "新药研发周期长、投入大，临床试验结果和审评审批存在不确定性。"),
        ("药品降价风险", "集中带量采购和医保谈判可能导致公司产品价格下降，影响收入和毛利率。"),
        ("产品质量风险", "药品生产流程复杂，若质量控制出现疏漏，可能对公司经营和声誉造成不利影响。"),
        ("核心技术人员流失风险", "公司的研发依赖核心技术团队，人员流失可能影响研发进度。"),
    ],
    rd_projects=[
        "QH-1021片治疗非小细胞肺癌II期临床研究",
        "QH-2203注射液治疗急性缺血性脑卒中I期临床研究",
        "青禾缓释片一致性评价",
        "QH-3305胶囊治疗功能性消化不良临床前研究",
    ],
    customers_share=0.287,
    suppliers_share=0.342,
)

MINHAI = Company(
    key="mh",
    seed=2023_0368,
    full="闽海新材料科技股份有限公司",
    short="闽海新材",
    english="Minhai Advanced Materials Technology Co., Ltd.",
    abbr="MHAM",
    code="605893",
    board="上海证券交易所主板",
    industry="化学原料和化学制品制造业",
    legal_rep="郑海波",
    general_manager="黄立群",
    cfo="潘秀梅",
    accounting_head="曾凡",
    secretary={2023: "吴佳宁"},
    securities_rep="陈露",
    reg_address="福建省泉州市晋江市闽海大道8号",
    reg_post="362200",
    office_address="福建省厦门市思明区环岛东路2188号闽海大厦20层",
    office_post="361008",
    website="www.minhai-am.com.cn",
    email="zqb@minhai-am.com.cn",
    phone="0592-5123678",
    fax="0592-5123600",
    controller="泉州闽海实业集团有限公司",
    controller_share=41.35,
    auditor="瑞衡华信会计师事务所（特殊普通合伙）",
    auditor_address="福建省福州市鼓楼区五四路128号华信中心16层",
    cpas=("黄志强", "林珊"),
    subsidiaries=[
        ("闽海新材料（江西）有限公司", "江西闽海", "改性塑料的生产和销售", 100),
        ("厦门闽海高分子材料有限公司", "厦门高分子", "高分子材料的研发和销售", 100),
        ("闽海材料（香港）有限公司", "香港闽海", "进出口贸易", 100),
    ],
    shares=318_000_000,
    revenue={"2021": 3_215e6, "2022": 3_612e6, "2022H1": 1_726e6, "2023H1": 1_873e6},
    ratios=dict(
        cost=0.861,
        tax=0.0041,
        sell=0.018,
        admin=0.026,
        rd=0.036,
        rd_cap=0.0,
        other_income=0.0052,
        invest=0.0018,
        fair=-0.0006,
        credit=-0.0019,
        impair=-0.0031,
        disposal=0.0002,
        nonop_in=0.0003,
        nonop_out=0.0005,
        tax_rate=0.142,
        minority=0.0,
        oci=0.0004,
        fixed=0.31,
        parent_rev=0.55,
        parent_cost=0.87,
        parent_invest=0.012,
        export=0.12,
    ),
    segments={
        "分行业": [("化学原料和化学制品制造业", 0.94, 0.86), ("贸易", 0.06, 0.95)],
        "分产品": [
            ("改性聚丙烯", 0.36, 0.85),
            ("改性工程塑料", 0.31, 0.84),
            ("环保阻燃材料", 0.21, 0.86),
            ("色母粒及其他", 0.12, 0.90),
        ],
        "分地区": [("境内", 0.88, 0.86), ("境外", 0.12, 0.87)],
    },
    products=[("改性聚丙烯", "吨", 0.0011), ("改性工程塑料", "吨", 0.00062), ("环保阻燃材料", "吨", 0.00071)],
    staff={2022: (812, 1_196), 2023: (838, 1_241)},
    staff_mix=[("生产人员", 0.66), ("销售人员", 0.07), ("技术人员", 0.15), ("财务人员", 0.02), ("行政人员", 0.10)],
    education=[("博士", 0.002), ("硕士", 0.03), ("本科", 0.21), ("专科", 0.28), ("专科以下", 0.478)],
    rd_staff_share=0.118,
    directors=[
        ("郑海波", "董事长", "男", 55, 0.0),
        ("黄立群", "董事、总经理", "男", 51, 0.0),
        ("潘秀梅", "董事、财务总监", "女", 46, 0.0),
        ("吴佳宁", "董事会秘书", "女", 40, 0.0),
    ],
    shareholders=[
        ("郑海波", 7.42, "境内自然人"),
        ("晋江海润投资合伙企业（有限合伙）", 4.86, "其他"),
        ("香港中央结算有限公司", 1.98, "境外法人"),
        ("福建省产业股权投资基金有限公司", 1.57, "国有法人"),
        ("黄立群", 1.12, "境内自然人"),
        ("中国银行股份有限公司－某某新材料产业混合型证券投资基金", 0.96, "其他"),
        ("泉州市国有资产投资经营有限责任公司", 0.84, "国有法人"),
        ("潘秀梅", 0.45, "境内自然人"),
        ("交通银行股份有限公司－某某先进制造混合型证券投资基金", 0.39, "其他"),
    ],
    dividend_per10={"2021": 2.0, "2022": 2.4},
    business=(
        "公司主要从事高性能改性塑料及环保阻燃材料的研发、生产和销售，产品包括改性聚丙烯、改性工程塑料、环保阻燃材料和色母粒，"
        "主要应用于汽车零部件、家用电器、电子电气和新能源等领域。公司以直销模式为主，根据客户的性能要求进行配方设计和定制化生产。"
    ),
    industry_text=(
        "公司所处行业为化学原料和化学制品制造业中的改性塑料行业。改性塑料具有轻量化、易加工和性价比高等特点，"
        "在汽车轻量化、家电升级和新能源产业发展的带动下需求持续增长。上半年，受主要原材料价格波动和下游需求复苏节奏影响，"
        "行业企业盈利分化，具备配方技术和规模优势的企业表现相对稳健。"
    ),
    strengths=[
        "配方技术优势：公司积累了数千个产品配方，能够根据客户需求快速完成材料开发和认证。",
        "客户与认证优势：公司产品通过多家主流汽车和家电企业的材料认证，客户粘性较强。",
        "产能布局优势：公司在福建、江西建有生产基地，贴近华东、华南和华中的主要客户。",
    ],
    plans=[
        "推进江西基地二期项目建设，扩大环保阻燃材料产能；",
        "加大新能源汽车和储能领域专用材料的开发力度；",
        "优化采购策略，降低原材料价格波动的影响。",
    ],
    risks=[
        ("原材料价格波动风险", "公司主要原材料为聚丙烯、聚碳酸酯等石化产品，价格受原油价格影响较大。"),
        ("下游行业波动风险", "汽车和家电行业的景气程度直接影响公司产品的需求。"),
        ("应收账款回收风险", "公司应收账款金额较大，若客户经营出现困难，可能产生坏账损失。"),
    ],
    rd_projects=[
        "新能源汽车电池包用阻燃聚丙烯材料开发",
        "低气味高光泽改性聚丙烯材料研究",
        "无卤阻燃聚碳酸酯合金材料开发",
    ],
    customers_share=0.236,
    suppliers_share=0.412,
)

COMPANIES = {c.key: c for c in (JIANGNAN, QINGHE, MINHAI)}


@dataclass(frozen=True)
class Spec:
    """One document: whose, which period, and the file it is written to."""

    file: str
    company: str
    period: str  # "2023" (a year) or "2023H1"

    @property
    def interim(self) -> bool:
        return self.period.endswith("H1")

    @property
    def year(self) -> int:
        return int(self.period[:4])


# File names say nothing about whose report it is or which period: the reader has to find out.
SPECS = (
    Spec("report_a.pdf", "jn", "2023"),
    Spec("report_b.pdf", "qh", "2022"),
    Spec("report_c.pdf", "mh", "2023H1"),
    Spec("report_d.pdf", "jn", "2022"),
    Spec("report_e.pdf", "qh", "2023"),
)


# ---------------------------------------------------------------------------------------------
# The books: one set per company and period, in integer cents.


def dice(company: Company, period: str, what: str) -> Dice:
    """A generator of its own for each figure group, so a period's figures are the same in every
    report that prints them, whatever else was drawn before."""
    return Dice(company.seed * 1000 + zlib.crc32(f"{period}|{what}".encode()))


def _sum(d: dict[str, int | None], keys: list[str]) -> int:
    return sum(d.get(k) or 0 for k in keys)


IS_COSTS = ["营业成本", "税金及附加", "销售费用", "管理费用", "研发费用", "财务费用"]
IS_GAINS = ["其他收益", "投资收益", "公允价值变动收益", "信用减值损失", "资产减值损失", "资产处置收益"]
CURRENT_ASSETS = [
    "货币资金",
    "交易性金融资产",
    "应收票据",
    "应收账款",
    "应收款项融资",
    "预付款项",
    "其他应收款",
    "存货",
    "合同资产",
    "其他流动资产",
]
NONCURRENT_ASSETS = [
    "长期股权投资",
    "其他权益工具投资",
    "投资性房地产",
    "固定资产",
    "在建工程",
    "使用权资产",
    "无形资产",
    "开发支出",
    "商誉",
    "长期待摊费用",
    "递延所得税资产",
    "其他非流动资产",
]
CURRENT_LIABILITIES = [
    "短期借款",
    "应付票据",
    "应付账款",
    "合同负债",
    "应付职工薪酬",
    "应交税费",
    "其他应付款",
    "一年内到期的非流动负债",
    "其他流动负债",
]
NONCURRENT_LIABILITIES = ["长期借款", "租赁负债", "预计负债", "递延收益", "递延所得税负债"]
EQUITY = ["实收资本（或股本）", "资本公积", "其他综合收益", "盈余公积", "未分配利润"]
RECEIVABLES = ["应收票据", "应收账款", "应收款项融资", "预付款项", "其他应收款", "合同资产"]
PAYABLES = ["应付票据", "应付账款", "合同负债", "应付职工薪酬", "应交税费", "其他应付款"]


def previous(period: str) -> str:
    """The balance sheet a period's cash flow starts from: 2023 -> 2022, 2023H1 -> 2022."""
    return str(int(period[:4]) - 1)


def prior(period: str) -> str:
    """The comparative period: 2023 -> 2022, 2023H1 -> 2022H1."""
    return str(int(period[:4]) - 1) + period[4:]


@dataclass
class Books:
    period: str
    income: dict[str, int | None] = field(default_factory=dict)
    parent_income: dict[str, int | None] = field(default_factory=dict)
    balance: dict[str, int | None] = field(default_factory=dict)
    parent_balance: dict[str, int | None] = field(default_factory=dict)
    cash_flow: dict[str, int | None] = field(default_factory=dict)
    parent_cash_flow: dict[str, int | None] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def _income(company: Company, period: str, revenue: int, parent: bool) -> dict[str, int | None]:
    r = company.ratios
    d = dice(company, period, "parent income" if parent else "income")
    inc: dict[str, int | None] = {"营业收入": revenue, "营业总收入": revenue}
    inc["营业成本"] = d.of(revenue, r["parent_cost"] if parent else r["cost"], 0.012)
    inc["税金及附加"] = d.of(revenue, r["tax"], 0.1)
    inc["销售费用"] = d.of(revenue, r["sell"] * (0.82 if parent else 1), 0.04)
    inc["管理费用"] = d.of(revenue, r["admin"] * (0.88 if parent else 1), 0.04)
    inc["研发费用"] = d.of(revenue, r["rd"] * (0.8 if parent else 1), 0.04)
    inc["利息费用"] = d.of(revenue, 0.0046, 0.2)
    inc["利息收入"] = d.of(revenue, 0.0023, 0.2)
    inc["汇兑损益"] = d.money(revenue * 0.0009 * (2 * d.unit() - 1)) if r["export"] else 0
    inc["手续费及其他"] = d.of(revenue, 0.0003, 0.3)
    inc["财务费用"] = inc["利息费用"] - inc["利息收入"] + inc["汇兑损益"] + inc["手续费及其他"]
    inc["营业总成本"] = _sum(inc, IS_COSTS)
    inc["其他收益"] = d.of(revenue, r["other_income"], 0.2)
    inc["对联营企业和合营企业的投资收益"] = d.of(revenue, 0.0007, 0.3)
    inc["投资收益"] = inc["对联营企业和合营企业的投资收益"] + d.of(revenue, r["invest"], 0.3)
    if parent:
        inc["投资收益"] += d.of(revenue, r["parent_invest"], 0.2)  # dividends from the subsidiaries
    inc["公允价值变动收益"] = d.money(revenue * r["fair"] * d.near(1, 0.4))
    inc["信用减值损失"] = d.money(revenue * r["credit"] * d.near(1, 0.3))
    inc["资产减值损失"] = d.money(revenue * r["impair"] * d.near(1, 0.3))
    inc["资产处置收益"] = d.money(revenue * r["disposal"] * d.near(1, 0.5))
    inc["营业利润"] = inc["营业总收入"] - inc["营业总成本"] + _sum(inc, IS_GAINS)
    inc["营业外收入"] = d.of(revenue, r["nonop_in"], 0.3)
    inc["营业外支出"] = d.of(revenue, r["nonop_out"], 0.3)
    inc["利润总额"] = inc["营业利润"] + inc["营业外收入"] - inc["营业外支出"]
    inc["所得税费用"] = d.money(inc["利润总额"] * d.near(r["tax_rate"], 0.08))
    inc["净利润"] = inc["利润总额"] - inc["所得税费用"]
    inc["持续经营净利润"] = inc["净利润"]
    inc["终止经营净利润"] = None
    minority = 0 if parent or not r["minority"] else d.money(inc["净利润"] * d.near(r["minority"], 0.1))
    inc["少数股东损益"] = minority
    inc["归属于母公司股东的净利润"] = inc["净利润"] - minority
    oci = 0 if parent or not r["oci"] else d.money(revenue * r["oci"] * (2 * d.unit() - 1))
    inc["其他综合收益的税后净额"] = oci
    inc["归属母公司所有者的其他综合收益的税后净额"] = oci
    inc["外币财务报表折算差额"] = oci
    inc["不能重分类进损益的其他综合收益"] = None
    inc["将重分类进损益的其他综合收益"] = oci
    inc["归属于少数股东的其他综合收益的税后净额"] = None
    inc["综合收益总额"] = inc["净利润"] + oci
    inc["归属于母公司所有者的综合收益总额"] = inc["归属于母公司股东的净利润"] + oci
    inc["归属于少数股东的综合收益总额"] = minority
    return inc


def _balance(
    company: Company,
    period: str,
    scale: int,
    opening: dict[str, int | None] | None,
    income: dict[str, int | None] | None,
    reserve: int,
    dividend: int,
    parent: bool,
    cash: int | None = None,
) -> dict[str, int | None]:
    """Assets and liabilities scaled to a year's revenue; equity rolled forward from `opening` with the
    period's profit, the statutory reserve and the dividend paid; cash makes the two sides agree (for
    the parent company, given `cash`, its investment in the subsidiaries does)."""
    r = company.ratios
    d = dice(company, period, "parent balance" if parent else "balance")
    cost = int(scale * (r["parent_cost"] if parent else r["cost"]))
    bs: dict[str, int | None] = {}
    bs["交易性金融资产"] = d.of(scale, 0.045, 0.3)
    bs["应收票据"] = d.of(scale, 0.028, 0.25)
    bs["应收账款"] = d.of(scale, 0.235 if not parent else 0.27, 0.08)
    bs["应收款项融资"] = d.of(scale, 0.019, 0.3)
    bs["预付款项"] = d.of(cost, 0.021, 0.3)
    bs["其他应收款"] = d.of(scale, 0.006 if not parent else 0.09, 0.3)  # the parent lends to its subsidiaries
    bs["存货"] = d.of(cost, 0.27 if not parent else 0.16, 0.08)
    bs["合同资产"] = d.of(scale, 0.009, 0.3)
    bs["其他流动资产"] = d.of(scale, 0.011, 0.3)
    bs["长期股权投资"] = 0 if parent else d.of(scale, 0.027, 0.1)
    bs["其他权益工具投资"] = d.of(scale, 0.008, 0.1)
    bs["投资性房地产"] = None if parent else d.of(scale, 0.004, 0.1)
    bs["固定资产"] = d.of(scale, r["fixed"] * (0.55 if parent else 1), 0.06)
    bs["在建工程"] = d.of(scale, 0.058 * (0.5 if parent else 1), 0.3)
    bs["使用权资产"] = d.of(scale, 0.009, 0.2)
    bs["无形资产"] = d.of(scale, 0.066 * (0.6 if parent else 1), 0.1)
    bs["开发支出"] = d.of(scale, r["rd"] * r["rd_cap"] * 1.4, 0.2) if r["rd_cap"] and not parent else None
    bs["商誉"] = None if parent else int(company.revenue[next(iter(company.revenue))] * 1.2) + 37  # never impaired
    bs["长期待摊费用"] = d.of(scale, 0.004, 0.3)
    bs["递延所得税资产"] = d.of(scale, 0.0078, 0.2)
    bs["其他非流动资产"] = d.of(scale, 0.014, 0.4)

    bs["短期借款"] = d.of(scale, 0.075 * (1.2 if parent else 1), 0.2)
    bs["应付票据"] = d.of(cost, 0.085, 0.2)
    bs["应付账款"] = d.of(cost, 0.21 if not parent else 0.25, 0.1)
    bs["合同负债"] = d.of(scale, 0.038, 0.2)
    bs["应付职工薪酬"] = d.of(scale, 0.024 * (0.6 if parent else 1), 0.1)
    bs["应交税费"] = d.of(scale, 0.0095, 0.25)
    bs["其他应付款"] = d.of(scale, 0.011 if not parent else 0.05, 0.3)
    bs["一年内到期的非流动负债"] = d.of(scale, 0.016, 0.3)
    bs["其他流动负债"] = d.of(scale, 0.0052, 0.3)
    bs["长期借款"] = d.of(scale, 0.058, 0.3)
    bs["租赁负债"] = d.of(scale, 0.0068, 0.2)
    bs["预计负债"] = d.of(scale, 0.0016, 0.3) if not parent else None
    bs["递延收益"] = d.of(scale, 0.012, 0.2)
    bs["递延所得税负债"] = d.of(scale, 0.0036, 0.2)

    bs["实收资本（或股本）"] = company.shares * 100
    bs["库存股"] = None
    if opening is None:  # the first balance sheet of the model
        bs["资本公积"] = d.of(company.shares * 100, 2.37 if not parent else 2.41, 0.02)
        bs["其他综合收益"] = d.of(scale, 0.0015, 0.5) if r["oci"] and not parent else None
        bs["盈余公积"] = dice(company, period, "surplus reserve").of(company.shares * 100, 0.17, 0.05)  # the parent's
        bs["未分配利润"] = d.of(scale, 0.33 if not parent else 0.24, 0.05)
        bs["少数股东权益"] = None if parent or not r["minority"] else d.of(scale, 0.021, 0.1)
    else:
        assert income is not None
        bs["资本公积"] = opening["资本公积"]
        oci = income.get("归属母公司所有者的其他综合收益的税后净额") or 0
        bs["其他综合收益"] = None if opening["其他综合收益"] is None else opening["其他综合收益"] + oci
        bs["盈余公积"] = opening["盈余公积"] + reserve
        profit = income["归属于母公司股东的净利润"] if not parent else income["净利润"]
        bs["未分配利润"] = opening["未分配利润"] + profit - reserve - dividend
        minority = opening.get("少数股东权益")
        bs["少数股东权益"] = None if minority is None else minority + (income["少数股东损益"] or 0)
    bs["归属于母公司所有者权益（或股东权益）合计"] = _sum(bs, EQUITY)
    bs["所有者权益（或股东权益）合计"] = bs["归属于母公司所有者权益（或股东权益）合计"] + (bs["少数股东权益"] or 0)

    def settle() -> None:
        bs["流动负债合计"] = _sum(bs, CURRENT_LIABILITIES)
        bs["非流动负债合计"] = _sum(bs, NONCURRENT_LIABILITIES)
        bs["负债合计"] = bs["流动负债合计"] + bs["非流动负债合计"]
        bs["负债和所有者权益（或股东权益）总计"] = bs["负债合计"] + bs["所有者权益（或股东权益）合计"]
        bs["非流动资产合计"] = _sum(bs, NONCURRENT_ASSETS)
        if cash is None:
            others = _sum(bs, [k for k in CURRENT_ASSETS if k != "货币资金"])
            bs["货币资金"] = bs["负债和所有者权益（或股东权益）总计"] - bs["非流动资产合计"] - others
        else:
            bs["货币资金"] = cash
            others = _sum(bs, [k for k in [*CURRENT_ASSETS, *NONCURRENT_ASSETS] if k != "长期股权投资"])
            bs["长期股权投资"] = bs["负债和所有者权益（或股东权益）总计"] - others
            assert bs["长期股权投资"] > scale * 0.1, "the parent's investment in its subsidiaries came out too small"
            bs["非流动资产合计"] = _sum(bs, NONCURRENT_ASSETS)
        bs["流动资产合计"] = _sum(bs, CURRENT_ASSETS)
        bs["资产总计"] = bs["流动资产合计"] + bs["非流动资产合计"]

    settle()
    floor = int(scale * 0.09)
    if cash is None and bs["货币资金"] < floor:  # borrow what the cash needs
        bs["短期借款"] += d.money(floor - bs["货币资金"] + scale * 0.01)
        settle()
    assert bs["资产总计"] == bs["负债和所有者权益（或股东权益）总计"]
    # 其他货币资金 (deposits behind bills payable) is cash but not a cash equivalent.
    bs["其他货币资金"] = d.of(bs["应付票据"], 0.28, 0.2)
    bs["库存现金"] = d.of(scale, 0.00004, 0.4)
    bs["银行存款"] = bs["货币资金"] - bs["其他货币资金"] - bs["库存现金"]
    bs["现金及现金等价物"] = bs["货币资金"] - bs["其他货币资金"]
    return bs


def _cash_flow(
    company: Company,
    period: str,
    income: dict[str, int | None],
    balance: dict[str, int | None],
    opening: dict[str, int | None],
    dividend: int,
    parent: bool,
) -> dict[str, int | None]:
    """Operating and investing flows near the income statement; financing closes the change in cash."""
    d = dice(company, period, "parent cash flow" if parent else "cash flow")
    revenue = income["营业收入"]
    cf: dict[str, int | None] = {}
    target = d.money(income["净利润"] * d.near(1.18 if not parent else 0.9, 0.15))
    cf["销售商品、提供劳务收到的现金"] = d.of(revenue, 1.07, 0.03)
    cf["收到的税费返还"] = d.of(revenue, 0.008 + company.ratios["export"] * 0.02, 0.3)
    cf["收到其他与经营活动有关的现金"] = d.of(revenue, 0.011, 0.3)
    cf["经营活动现金流入小计"] = _sum(
        cf, ["销售商品、提供劳务收到的现金", "收到的税费返还", "收到其他与经营活动有关的现金"]
    )
    cf["支付给职工及为职工支付的现金"] = d.of(revenue, 0.105 if not parent else 0.085, 0.08)
    cf["支付的各项税费"] = d.of(revenue, 0.046, 0.1)
    cf["支付其他与经营活动有关的现金"] = d.of(revenue, 0.05 + company.ratios["sell"] * 0.4, 0.1)
    paid = _sum(cf, ["支付给职工及为职工支付的现金", "支付的各项税费", "支付其他与经营活动有关的现金"])
    cf["购买商品、接受劳务支付的现金"] = cf["经营活动现金流入小计"] - target - paid
    cf["经营活动现金流出小计"] = paid + cf["购买商品、接受劳务支付的现金"]
    cf["经营活动产生的现金流量净额"] = cf["经营活动现金流入小计"] - cf["经营活动现金流出小计"]

    cf["收回投资收到的现金"] = d.of(revenue, 0.16, 0.3)
    cf["取得投资收益收到的现金"] = d.of(max(income["投资收益"], revenue // 500), 0.8, 0.2)
    cf["处置固定资产、无形资产和其他长期资产收回的现金净额"] = d.of(revenue, 0.0006, 0.5)
    cf["投资活动现金流入小计"] = _sum(
        cf, ["收回投资收到的现金", "取得投资收益收到的现金", "处置固定资产、无形资产和其他长期资产收回的现金净额"]
    )
    cf["购建固定资产、无形资产和其他长期资产支付的现金"] = d.of(revenue, 0.085 if not parent else 0.045, 0.2)
    cf["投资支付的现金"] = d.of(revenue, 0.17, 0.3)
    cf["投资活动现金流出小计"] = _sum(cf, ["购建固定资产、无形资产和其他长期资产支付的现金", "投资支付的现金"])
    cf["投资活动产生的现金流量净额"] = cf["投资活动现金流入小计"] - cf["投资活动现金流出小计"]

    cf["汇率变动对现金及现金等价物的影响"] = -(income.get("汇兑损益") or 0) // 2 * 1
    cf["期初现金及现金等价物余额"] = opening["现金及现金等价物"]
    cf["期末现金及现金等价物余额"] = balance["现金及现金等价物"]
    cf["现金及现金等价物净增加额"] = cf["期末现金及现金等价物余额"] - cf["期初现金及现金等价物余额"]
    financing = (
        cf["现金及现金等价物净增加额"]
        - cf["经营活动产生的现金流量净额"]
        - cf["投资活动产生的现金流量净额"]
        - cf["汇率变动对现金及现金等价物的影响"]
    )
    cf["吸收投资收到的现金"] = None
    cf["取得借款收到的现金"] = d.of(revenue, 0.13, 0.2)
    cf["收到其他与筹资活动有关的现金"] = None
    cf["分配股利、利润或偿付利息支付的现金"] = dividend + d.of(income["利息费用"], 0.95, 0.05)
    cf["支付其他与筹资活动有关的现金"] = d.of(revenue, 0.006, 0.3)
    repay = (
        cf["取得借款收到的现金"]
        - cf["分配股利、利润或偿付利息支付的现金"]
        - cf["支付其他与筹资活动有关的现金"]
        - financing
    )
    least = d.of(revenue, 0.05, 0.2)
    if repay < least:  # borrow more rather than repay less than a year's maturities
        cf["取得借款收到的现金"] += least - repay
        repay = least
    cf["偿还债务支付的现金"] = repay
    cf["筹资活动现金流入小计"] = _sum(cf, ["吸收投资收到的现金", "取得借款收到的现金", "收到其他与筹资活动有关的现金"])
    cf["筹资活动现金流出小计"] = _sum(
        cf, ["偿还债务支付的现金", "分配股利、利润或偿付利息支付的现金", "支付其他与筹资活动有关的现金"]
    )
    cf["筹资活动产生的现金流量净额"] = cf["筹资活动现金流入小计"] - cf["筹资活动现金流出小计"]
    assert cf["筹资活动产生的现金流量净额"] == financing
    return cf


def _months(period: str) -> int:
    return 6 if period.endswith("H1") else 12


def books(company: Company) -> dict[str, Books]:
    """Every period of the company's model, the first one only as the opening balance sheet."""
    periods = list(company.revenue)
    out: dict[str, Books] = {}
    first = periods[0]
    opening = Books(first)
    scale0 = int(company.revenue[first] * 100)
    opening.balance = _balance(company, first, scale0, None, None, 0, 0, False)
    parent_cash = dice(company, first, "parent cash").of(opening.balance["货币资金"], 0.52, 0.1)
    p_scale0 = int(scale0 * company.ratios["parent_rev"])
    opening.parent_balance = _balance(company, first, p_scale0, None, None, 0, 0, True, parent_cash)
    per10 = company.dividend_per10.get(first)
    opening.extra["dividend"] = round(per10 * 10) * company.shares if per10 else 0
    out[first] = opening
    for period in periods[1:]:
        b = Books(period)
        d0 = dice(company, period, "revenue level")
        revenue = dice(company, period, "revenue").money(company.revenue[period] * 100 * d0.near(1, 0.004))
        parent_revenue = dice(company, period, "parent revenue").of(revenue, company.ratios["parent_rev"], 0.03)
        b.income = _income(company, period, revenue, False)
        b.parent_income = _income(company, period, parent_revenue, True)
        start = out[previous(period)]
        decided = out[previous(period)].extra.get("dividend", 0)  # paid in this period
        capital = company.shares * 100
        reserve = max(0, min(b.parent_income["净利润"] // 10, capital // 2 - start.parent_balance["盈余公积"]))
        reserve = reserve // 100 * 100
        if period.endswith("H1"):
            reserve = 0  # the statutory reserve is set aside at the year end
        scale = revenue * 12 // _months(period)
        b.balance = _balance(company, period, scale, start.balance, b.income, reserve, decided, False)
        p_scale = parent_revenue * 12 // _months(period)
        parent_cash = dice(company, period, "parent cash").of(b.balance["货币资金"], 0.52, 0.1)
        b.parent_balance = _balance(
            company, period, p_scale, start.parent_balance, b.parent_income, reserve, decided, True, parent_cash
        )
        b.cash_flow = _cash_flow(company, period, b.income, b.balance, start.balance, decided, False)
        b.parent_cash_flow = _cash_flow(
            company, period, b.parent_income, b.parent_balance, start.parent_balance, decided, True
        )
        b.extra["reserve"] = reserve
        b.extra["dividend_paid"] = decided
        per10 = company.dividend_per10.get(period)
        if per10:
            b.extra["per10"] = per10
            b.extra["dividend"] = round(per10 * 10) * company.shares  # cents: per10 元 / 10 shares
        _details(company, b, start)
        out[period] = b
    return out


WAN = 1_000_000  # cents in 1万元
HUNDRED = 10_000  # cents in 0.01万元: amounts printed in 万元 are exact multiples of it

NONRECURRING = [
    "非流动性资产处置损益，包括已计提资产减值准备的冲销部分",
    "计入当期损益的政府补助，但与公司正常经营业务密切相关、符合国家政策规定、按照确定的标准享有、对公司损益"
    "产生持续影响的政府补助除外",
    "除同公司正常经营业务相关的有效套期保值业务外，非金融企业持有金融资产和金融负债产生的公允价值变动损益以及处置"
    "金融资产和金融负债产生的损益",
    "除上述各项之外的其他营业外收入和支出",
    "减：所得税影响额",
    "少数股东权益影响额（税后）",
    "合计",
]


def nonrecurring(books_: Books, n: int) -> str:
    """A 非经常性损益 line as printed: the tax and minority lines are subtracted, so shown positive."""
    value = books_.extra["nonrecurring"][n]
    return yuan(-value if NONRECURRING[n].startswith(("减：", "少数股东")) else value)


def _details(company: Company, b: Books, start: Books) -> None:
    """The figures behind the MD&A tables and the notes, drawn per period so that every report
    printing them prints the same."""
    inc, bs, x = b.income, b.balance, b.extra
    revenue, cost = inc["营业收入"], inc["营业成本"]
    d = dice(company, b.period, "segments")
    other_revenue = d.of(revenue, 0.017, 0.3)
    x["主营业务收入"] = (revenue - other_revenue) // HUNDRED * HUNDRED
    x["其他业务收入"] = revenue - x["主营业务收入"]
    x["主营业务成本"] = (cost - d.of(x["其他业务收入"], 0.62, 0.1)) // HUNDRED * HUNDRED
    x["其他业务成本"] = cost - x["主营业务成本"]
    x["segments"] = {}
    for dimension, rows in company.segments.items():
        revenues = d.split(x["主营业务收入"], [w for _, w, _ in rows], HUNDRED, 0.06)
        costs = d.split(x["主营业务成本"], [r * c for r, (_, _, c) in zip(revenues, rows, strict=True)], HUNDRED, 0.01)
        x["segments"][dimension] = [(name, r, c) for (name, _, _), r, c in zip(rows, revenues, costs, strict=True)]
    p = b.parent_income
    x["母公司主营业务收入"] = (p["营业收入"] - d.of(p["营业收入"], 0.021, 0.2)) // 100 * 100
    x["母公司其他业务收入"] = p["营业收入"] - x["母公司主营业务收入"]
    x["母公司主营业务成本"] = (p["营业成本"] - d.of(x["母公司其他业务收入"], 0.6, 0.1)) // 100 * 100
    x["母公司其他业务成本"] = p["营业成本"] - x["母公司主营业务成本"]

    d = dice(company, b.period, "volumes")
    x["volumes"] = []
    for name, unit, per_wan in company.products:
        product_revenue = next(r for n, r, _ in x["segments"]["分产品"] if n == name)
        sold = int(
            product_revenue / WAN * per_wan * d.near(1, 0.03) * (100 if unit in ("万套", "万米", "万支", "万盒") else 1)
        )
        made = int(sold * d.near(1.02, 0.03))
        stock = int(sold * d.near(0.13, 0.2))
        x["volumes"].append((name, unit, made, sold, stock))

    d = dice(company, b.period, "customers")
    top5 = (revenue * d.near(company.customers_share, 0.04)) // HUNDRED * HUNDRED
    x["customers"] = sorted(d.split(int(top5), [0.32, 0.22, 0.18, 0.15, 0.13], HUNDRED, 0.1), reverse=True)
    x["purchases"] = d.money(cost * d.near(0.86, 0.03))
    top5 = (x["purchases"] * d.near(company.suppliers_share, 0.04)) // HUNDRED * HUNDRED
    x["suppliers"] = sorted(d.split(int(top5), [0.3, 0.23, 0.18, 0.16, 0.13], HUNDRED, 0.1), reverse=True)

    # R&D: what was expensed is the income statement's 研发费用; some is capitalised.
    cap = company.ratios["rd_cap"]
    x["研发费用化"] = inc["研发费用"]
    x["研发资本化"] = d.money(inc["研发费用"] * cap / (1 - cap) * d.near(1, 0.05)) if cap else 0
    x["研发投入合计"] = x["研发费用化"] + x["研发资本化"]

    # Non-recurring items, and the profit without them (扣非).
    d = dice(company, b.period, "nonrecurring")
    gains = [
        inc["资产处置收益"],
        d.money(inc["其他收益"] * d.near(0.78, 0.05)),
        inc["公允价值变动收益"] + d.money((inc["投资收益"] - inc["对联营企业和合营企业的投资收益"]) * 0.6),
        inc["营业外收入"] - inc["营业外支出"],
    ]
    tax = -d.money(sum(gains) * d.near(0.15, 0.05))
    minority = -d.money(sum(gains) * company.ratios["minority"]) if company.ratios["minority"] else 0
    items = [*gains, tax, minority]
    x["nonrecurring"] = [*items, sum(items)]
    x["扣非净利润"] = inc["归属于母公司股东的净利润"] - sum(items)

    shares = Decimal(company.shares)
    x["基本每股收益"] = _half_up(Decimal(inc["归属于母公司股东的净利润"]) / 100 / shares)
    x["稀释每股收益"] = x["基本每股收益"]
    x["扣非每股收益"] = _half_up(Decimal(x["扣非净利润"]) / 100 / shares)
    inc["基本每股收益"] = inc["稀释每股收益"] = None  # printed from x, not in cents
    equity = "归属于母公司所有者权益（或股东权益）合计"
    average = Decimal(start.balance[equity] + bs[equity]) / 2
    x["加权平均净资产收益率"] = _half_up(Decimal(inc["归属于母公司股东的净利润"]) * 100 / average)
    x["扣非加权平均净资产收益率"] = _half_up(Decimal(x["扣非净利润"]) * 100 / average)

    if not b.period.endswith("H1"):
        d = dice(company, b.period, "quarters")
        cash = b.cash_flow["经营活动产生的现金流量净额"]
        x["quarters"] = {
            "营业收入": d.split(revenue, [0.22, 0.245, 0.25, 0.285], 1, 0.05),
            "归属于上市公司股东的净利润": d.split(inc["归属于母公司股东的净利润"], [0.21, 0.26, 0.25, 0.28], 1, 0.08),
            "经营活动产生的现金流量净额": d.split(cash, [-0.12, 0.28, 0.31, 0.53], 1, 0.1),
        }
        profit = x["quarters"]["归属于上市公司股东的净利润"]
        nonrec = d.split(sum(items), [0.2, 0.25, 0.25, 0.3], 1, 0.2)
        x["quarters"]["归属于上市公司股东的扣除非经常性损益后的净利润"] = [
            q - n for q, n in zip(profit, nonrec, strict=True)
        ]
    if int(b.period[:4]) in company.staff:
        parent_staff, subsidiary_staff = company.staff[int(b.period[:4])]
        total = parent_staff + subsidiary_staff
        d = dice(company, b.period, "staff")
        x["staff"] = (parent_staff, subsidiary_staff, total)
        mix, education = company.staff_mix, company.education
        x["staff_mix"] = list(zip([n for n, _ in mix], d.split(total, [w for _, w in mix]), strict=True))
        x["education"] = list(zip([n for n, _ in education], d.split(total, [w for _, w in education]), strict=True))
        x["rd_staff"] = int(total * d.near(company.rd_staff_share, 0.03))

    # Notes: breakdowns of statement lines, at this period's end or for this period.
    d = dice(company, b.period, "notes")
    for which, sheet in (("", bs), ("母公司", b.parent_balance)):
        allowance = d.money(sheet["应收账款"] * d.near(0.064, 0.1))
        gross = sheet["应收账款"] + allowance
        x[which + "应收账款账龄"] = [
            *d.split(gross, [0.86, 0.09, 0.03, 0.02], 1, 0.1),
            gross,
            allowance,
            sheet["应收账款"],
        ]
    kinds = {"jn": ["原材料", "在产品", "库存商品", "发出商品"], "qh": ["原材料", "在产品", "库存商品", "周转材料"]}
    names = kinds.get(company.key, ["原材料", "库存商品", "发出商品", "委托加工物资"])
    values = d.split(bs["存货"], [0.31, 0.24, 0.33, 0.12], 1, 0.1)
    provisions = [d.money(v * d.near(0.025, 0.5)) for v in values]
    x["存货明细"] = [(n, v + p, p, v) for n, v, p in zip(names, values, provisions, strict=True)]
    x["固定资产明细"] = list(
        zip(
            ["房屋及建筑物", "机器设备", "运输工具", "电子设备及其他"],
            d.split(bs["固定资产"], [0.42, 0.49, 0.02, 0.07]),
            strict=True,
        )
    )
    x["无形资产明细"] = list(
        zip(["土地使用权", "软件", "专利权及非专利技术"], d.split(bs["无形资产"], [0.71, 0.09, 0.2]), strict=True)
    )
    x["短期借款明细"] = list(
        zip(["信用借款", "保证借款", "抵押借款"], d.split(bs["短期借款"], [0.55, 0.3, 0.15]), strict=True)
    )
    x["应付职工薪酬明细"] = list(
        zip(
            ["短期薪酬", "离职后福利－设定提存计划", "辞退福利"],
            d.split(bs["应付职工薪酬"], [0.9, 0.08, 0.02]),
            strict=True,
        )
    )
    x["税金及附加明细"] = list(
        zip(
            ["城市维护建设税", "教育费附加", "房产税", "土地使用税", "印花税"],
            d.split(inc["税金及附加"], [0.35, 0.25, 0.2, 0.1, 0.1]),
            strict=True,
        )
    )
    selling = {
        "qh": ["职工薪酬", "市场推广费", "学术会议费", "差旅费", "业务招待费", "其他"],
        "jn": ["职工薪酬", "售后服务费", "差旅费", "业务招待费", "广告宣传费", "其他"],
    }.get(company.key, ["职工薪酬", "仓储及装卸费", "差旅费", "业务招待费", "广告宣传费", "其他"])
    x["销售费用明细"] = list(zip(selling, d.split(inc["销售费用"], [0.38, 0.3, 0.11, 0.08, 0.06, 0.07]), strict=True))
    x["管理费用明细"] = list(
        zip(
            ["职工薪酬", "折旧与摊销", "中介服务费", "办公费", "其他"],
            d.split(inc["管理费用"], [0.52, 0.18, 0.1, 0.08, 0.12]),
            strict=True,
        )
    )
    x["研发费用明细"] = list(
        zip(
            ["职工薪酬", "直接材料", "折旧与摊销", "委托研发费", "其他"],
            d.split(inc["研发费用"], [0.47, 0.25, 0.11, 0.1, 0.07]),
            strict=True,
        )
    )
    grants = d.money(inc["其他收益"] * d.near(0.9, 0.03))
    refund = d.money((inc["其他收益"] - grants) * 0.3)
    x["其他收益明细"] = [
        ("政府补助", grants),
        ("代扣个人所得税手续费返还", refund),
        ("增值税加计抵减", inc["其他收益"] - grants - refund),
    ]
    deferred = (start.balance["递延所得税资产"] - bs["递延所得税资产"]) + (
        bs["递延所得税负债"] - start.balance["递延所得税负债"]
    )
    x["所得税费用明细"] = [("当期所得税费用", inc["所得税费用"] - deferred), ("递延所得税费用", deferred)]
    held = d.split(
        b.parent_balance["长期股权投资"], [0.04 + 0.03 * n for n in range(len(company.subsidiaries))] + [0.02]
    )
    x["母公司长期股权投资"] = held
    x["母公司投资收益"] = [
        ("成本法核算的长期股权投资收益", d.money(b.parent_income["投资收益"] * 0.62)),
        ("权益法核算的长期股权投资收益", b.parent_income["对联营企业和合营企业的投资收益"]),
    ]
    rest = b.parent_income["投资收益"] - sum(v for _, v in x["母公司投资收益"])
    x["母公司投资收益"].append(("处置交易性金融资产取得的投资收益", rest))
    # The indirect method: net profit to operating cash flow; the change in payables closes it.
    months = _months(b.period)
    ob = start.balance
    recon = [
        ("净利润", inc["净利润"]),
        ("加：资产减值准备", -inc["资产减值损失"]),
        ("信用减值损失", -inc["信用减值损失"]),
        ("固定资产折旧、油气资产折耗、生产性生物资产折旧", d.money(bs["固定资产"] * 0.082 * months / 12)),
        ("使用权资产摊销", d.money(bs["使用权资产"] * 0.28 * months / 12)),
        ("无形资产摊销", d.money(bs["无形资产"] * 0.035 * months / 12)),
        ("长期待摊费用摊销", d.money(bs["长期待摊费用"] * 0.3 * months / 12)),
        ("处置固定资产、无形资产和其他长期资产的损失（收益以“－”号填列）", -inc["资产处置收益"]),
        ("公允价值变动损失（收益以“－”号填列）", -inc["公允价值变动收益"]),
        ("财务费用（收益以“－”号填列）", inc["利息费用"]),
        ("投资损失（收益以“－”号填列）", -inc["投资收益"]),
        ("递延所得税资产减少（增加以“－”号填列）", ob["递延所得税资产"] - bs["递延所得税资产"]),
        ("递延所得税负债增加（减少以“－”号填列）", bs["递延所得税负债"] - ob["递延所得税负债"]),
        ("存货的减少（增加以“－”号填列）", ob["存货"] - bs["存货"]),
        ("经营性应收项目的减少（增加以“－”号填列）", _sum(ob, RECEIVABLES) - _sum(bs, RECEIVABLES)),
    ]
    payables = b.cash_flow["经营活动产生的现金流量净额"] - sum(v for _, v in recon)
    recon.append(("经营性应付项目的增加（减少以“－”号填列）", payables))
    recon.append(("经营活动产生的现金流量净额", b.cash_flow["经营活动产生的现金流量净额"]))
    x["现金流量表补充资料"] = recon


# ---------------------------------------------------------------------------------------------
# Layout: prose wrapped by us (a figure or a Latin word is never broken over two lines), ruled
# tables whose every cell is checked to fit, and the page furniture.

_TOKEN = re.compile(r"[A-Za-z0-9@._%:/+\-,'&#·]+|\s+|.", re.S)
_NO_START = set("，。、；：？！）》」』”’％%,.;:)]")
_NO_END = set("（《「『“‘([")


def _width(text: str, size: float) -> float:
    return pdfmetrics.stringWidth(text, FONT, size)


def _tokens(text: str) -> list[str]:
    out: list[str] = []
    for token in _TOKEN.findall(text):
        if out and (token[0] in _NO_START or out[-1][-1] in _NO_END):
            out[-1] += token
        else:
            out.append(token)
    return out


def wrap_lines(text: str, size: float, width: float, first_indent: float = 0.0) -> list[str]:
    lines: list[str] = []
    line, used = "", first_indent
    for token in _tokens(text):
        w = _width(token, size)
        if line and used + w > width:
            lines.append(line.rstrip())
            line, used = "", 0.0
            if token.isspace():
                continue
        if w > width:  # a token longer than the line (a long URL): break it anywhere
            for ch in token:
                if line and used + _width(ch, size) > width:
                    lines.append(line)
                    line, used = "", 0.0
                line += ch
                used += _width(ch, size)
            continue
        line += token
        used += w
    if line.strip():
        lines.append(line.rstrip())
    return lines


class Prose(Flowable):
    """A paragraph: first line indented two characters, lines never break inside a number."""

    def __init__(
        self,
        text: str,
        size: float = BODY,
        indent: float = 2,
        leading: float | None = None,
        align: str = "left",
        before: float = 0,
        after: float = 3,
        lines: list[str] | None = None,
        first: bool = True,
    ) -> None:
        super().__init__()
        self.text, self.size, self.indent, self.align = text, size, indent, align
        self.leading = leading or size * 1.65
        self.spaceBefore, self.spaceAfter = before, after
        self.lines, self.first = lines, first

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        if self.lines is None:
            self.lines = wrap_lines(self.text, self.size, avail_width, self.indent * self.size)
        return avail_width, len(self.lines) * self.leading

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        self.wrap(avail_width, avail_height)
        fit = int(avail_height // self.leading)
        if fit < 2 or fit >= len(self.lines) or len(self.lines) < 4:
            return []
        fit = min(fit, len(self.lines) - 2)  # no widow line
        head = Prose(
            self.text,
            self.size,
            self.indent,
            self.leading,
            self.align,
            self.spaceBefore,
            0,
            self.lines[:fit],
            self.first,
        )
        tail = Prose(
            self.text, self.size, self.indent, self.leading, self.align, 0, self.spaceAfter, self.lines[fit:], False
        )
        return [head, tail]

    def draw(self) -> None:
        canvas = self.canv
        canvas.setFont(FONT, self.size)
        top = len(self.lines) * self.leading
        for n, line in enumerate(self.lines):
            y = top - (n + 1) * self.leading + (self.leading - self.size) * 0.45
            if self.align == "center":
                canvas.drawCentredString(self.avail / 2, y, line)
            elif self.align == "right":
                canvas.drawRightString(self.avail, y, line)
            else:
                x = self.indent * self.size if n == 0 and self.first else 0
                canvas.drawString(x, y, line)


class Heading(Prose):
    """A section or sub-section title; level-1 titles go into the 目录."""

    def __init__(self, text: str, level: int, toc: bool = True) -> None:
        size = {0: 16, 1: 14, 2: 11.5, 3: BODY}[level]
        align = "center" if level <= 1 else "left"
        before, after = {0: (0, 10), 1: (0, 12), 2: (8, 4), 3: (4, 3)}[level]
        super().__init__(text, size, 0, size * 1.5, align, before, after)
        self.level, self.toc = level, toc and level == 1

    def split(self, avail_width: float, avail_height: float) -> list[Flowable]:
        return []


class Line(Flowable):
    """One line with a left and a right part (公司代码：… 公司简称：…; 编制单位：… 单位：元)."""

    def __init__(self, left: str, right: str = "", size: float = BODY, after: float = 2) -> None:
        super().__init__()
        self.left, self.right, self.size = left, right, size
        self.spaceAfter = after

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.size * 1.6

    def draw(self) -> None:
        self.canv.setFont(FONT, self.size)
        self.canv.drawString(0, self.size * 0.4, self.left)
        if self.right:
            self.canv.drawRightString(self.avail, self.size * 0.4, self.right)


class Contents(Flowable):
    """A 目录 entry: title, dot leaders, page number."""

    def __init__(self, title: str, page: int, size: float = 11.5) -> None:
        super().__init__()
        self.title, self.page, self.size = title, page, size

    def wrap(self, avail_width: float, avail_height: float) -> tuple[float, float]:
        self.avail = avail_width
        return avail_width, self.size * 2.2

    def draw(self) -> None:
        canvas, size = self.canv, self.size
        canvas.setFont(FONT, size)
        number = str(self.page)
        canvas.drawString(0, size * 0.6, self.title)
        canvas.drawRightString(self.avail, size * 0.6, number)
        start = _width(self.title, size) + 4
        room = self.avail - _width(number, size) - 4 - start
        dots = "." * int(room / _width(".", size))
        canvas.drawRightString(self.avail - _width(number, size) - 4, size * 0.6, dots)


class ReportDoc(BaseDocTemplate):
    """Cover without furniture; every other page with the running header and `n / N`."""

    def __init__(self, target, header_left: str, header_right: str, total: int, title: str) -> None:
        super().__init__(
            target,
            pagesize=A4,
            leftMargin=MARGIN_X,
            rightMargin=MARGIN_X,
            topMargin=MARGIN_TOP,
            bottomMargin=MARGIN_BOTTOM,
            invariant=1,
            title=title,
            author="",
            subject="",
            creator="",
            producer="",
        )
        self.header_left, self.header_right, self.total = header_left, header_right, total
        self.toc_pages: dict[str, int] = {}
        frame = Frame(MARGIN_X, MARGIN_BOTTOM, TEXT_W, PAGE_H - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0, id="body")
        wide = Frame(MARGIN_X, MARGIN_BOTTOM, WIDE_W, PAGE_W - MARGIN_TOP - MARGIN_BOTTOM, 0, 0, 0, 0, id="wide")
        self.addPageTemplates(
            [
                PageTemplate("cover", [frame], autoNextPageTemplate="body"),
                PageTemplate("body", [frame], self._furniture),
                PageTemplate("wide", [wide], self._furniture, pagesize=landscape(A4)),
            ]
        )

    def _furniture(self, canvas, doc) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 9)
        width, height = canvas._pagesize
        y = height - 44
        canvas.drawString(MARGIN_X, y, self.header_left)
        canvas.drawRightString(width - MARGIN_X, y, self.header_right)
        canvas.setLineWidth(0.6)
        canvas.line(MARGIN_X, y - 5, width - MARGIN_X, y - 5)
        canvas.drawCentredString(width / 2, 32, f"{doc.page} / {self.total}")
        canvas.restoreState()

    def afterFlowable(self, flowable: Flowable) -> None:
        if isinstance(flowable, Heading) and flowable.toc:
            self.toc_pages.setdefault(flowable.text, self.page)


def _indent_of(cell: str) -> tuple[int, str]:
    stripped = cell.lstrip("\t")
    return len(cell) - len(stripped), stripped


class Facts(dict):
    """Every printed table cell by "table|row|column" (row and column as printed, line breaks removed)."""


def ruled(
    facts: Facts,
    name: str,
    rows: list[list[str]],
    widths: list[float],
    headers: tuple[int, ...] = (0,),
    left: tuple[int, ...] = (0,),
    spans: tuple[tuple[tuple[int, int], tuple[int, int]], ...] = (),
    size: float = CELL,
    pad: float = 2.5,
) -> Table:
    """A ruled table. A first cell starting with tabs is indented one step per tab. Header rows are
    centred; columns in `left` are left-aligned, the others right-aligned (figures)."""
    assert sum(widths) <= max(TEXT_W, WIDE_W) + 0.5, (name, sum(widths))
    data, style = (
        [],
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), size),
            ("LEADING", (0, 0), (-1, -1), size + 2.5),
            ("GRID", (0, 0), (-1, -1), 0.5, "black"),
            ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
            ("TOPPADDING", (0, 0), (-1, -1), pad),
            ("BOTTOMPADDING", (0, 0), (-1, -1), pad + 0.5),
            ("LEFTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("RIGHTPADDING", (0, 0), (-1, -1), CELL_PAD),
            ("ALIGN", (0, 0), (-1, -1), "RIGHT"),
        ],
    )
    for col in left:
        style.append(("ALIGN", (col, 0), (col, -1), "LEFT"))
    header: list[str] = []
    spanned = {(r, c) for (c0, r0), (c1, r1) in spans for r in range(r0, r1 + 1) for c in range(c0, c1 + 1)}
    for r, row in enumerate(rows):
        assert len(row) == len(widths), (name, row)
        cells = []
        for c, cell in enumerate(row):
            level, text = _indent_of(cell)
            inset = CELL_PAD + level * size * 0.75
            if level:
                style.append(("LEFTPADDING", (c, r), (c, r), inset))
            if (r, c) not in spanned:
                for line in text.split("\n"):
                    if _width(line, size) + inset + CELL_PAD > widths[c] + 0.01:
                        raise ValueError(f"{name}: {line!r} is wider than its column ({widths[c]})")
            cells.append(text)
        data.append(cells)
        if r in headers:
            style.append(("ALIGN", (0, r), (-1, r), "CENTER"))
            header = [cell.replace("\n", "") for cell in cells]
            continue
        label = cells[0].replace("\n", "")
        for c in range(1, len(cells)):
            column = header[c] if header else ""
            key = f"{name}|{label}|{column}" if column else f"{name}|{label}"
            facts.setdefault(key, cells[c].replace("\n", ""))
    style += [("SPAN", a, b) for a, b in spans]
    return Table(data, colWidths=widths, style=TableStyle(style), repeatRows=0, hAlign="LEFT")


def cellwrap(text: str, width: float, size: float = CELL) -> str:
    """A long cell text in lines that fit its column."""
    return "\n".join(wrap_lines(text, size, width - 2 * CELL_PAD - 0.5))


# ---------------------------------------------------------------------------------------------
# The reports.

SECTIONS = [
    "第一节 释义",
    "第二节 公司简介和主要财务指标",
    "第三节 管理层讨论与分析",
    "第四节 公司治理",
    "第五节 环境与社会责任",
    "第六节 重要事项",
    "第七节 股份变动及股东情况",
    "第八节 优先股相关情况",
    "第九节 债券相关情况",
    "第十节 财务报告",
]
# Notes to the consolidated statements, in the statements' order: 附注 七、n.
NOTES = [
    "货币资金",
    "交易性金融资产",
    "应收票据",
    "应收账款",
    "应收款项融资",
    "预付款项",
    "其他应收款",
    "存货",
    "合同资产",
    "其他流动资产",
    "长期股权投资",
    "固定资产",
    "在建工程",
    "使用权资产",
    "无形资产",
    "递延所得税资产",
    "其他非流动资产",
    "短期借款",
    "应付票据",
    "应付账款",
    "合同负债",
    "应付职工薪酬",
    "应交税费",
    "其他应付款",
    "一年内到期的非流动负债",
    "长期借款",
    "递延收益",
    "实收资本（或股本）",
    "资本公积",
    "盈余公积",
    "未分配利润",
    "营业收入和营业成本",
    "税金及附加",
    "销售费用",
    "管理费用",
    "研发费用",
    "财务费用",
    "其他收益",
    "投资收益",
    "信用减值损失",
    "资产减值损失",
    "营业外收入",
    "营业外支出",
    "所得税费用",
    "现金流量表补充资料",
]
# Notes that break one statement line into parts: the parts' names and rough weights.
BREAKDOWNS = {
    "交易性金融资产": [("银行理财产品", 0.62), ("结构性存款", 0.38)],
    "应收票据": [("银行承兑票据", 0.83), ("商业承兑票据", 0.17)],
    "应收款项融资": [("应收票据", 1.0)],
    "预付款项": [("1年以内", 0.93), ("1至2年", 0.05), ("2至3年", 0.02)],
    "其他应收款": [("保证金及押金", 0.46), ("备用金", 0.18), ("往来款", 0.24), ("其他", 0.12)],
    "合同资产": [("未到期质保金", 1.0)],
    "其他流动资产": [("待抵扣进项税额", 0.71), ("预缴企业所得税", 0.29)],
    "长期股权投资": [("对联营企业投资", 1.0)],
    "在建工程": [("新建生产基地项目", 0.58), ("研发中心建设项目", 0.27), ("零星工程", 0.15)],
    "使用权资产": [("房屋及建筑物", 0.88), ("机器设备", 0.12)],
    "递延所得税资产": [
        ("资产减值准备", 0.31),
        ("信用减值准备", 0.34),
        ("递延收益", 0.22),
        ("内部交易未实现利润", 0.13),
    ],
    "其他非流动资产": [("预付设备及工程款", 1.0)],
    "应付票据": [("银行承兑汇票", 1.0)],
    "应付账款": [("材料采购款", 0.78), ("工程及设备款", 0.15), ("费用款", 0.07)],
    "合同负债": [("预收货款", 1.0)],
    "应交税费": [
        ("增值税", 0.41),
        ("企业所得税", 0.43),
        ("个人所得税", 0.06),
        ("城市维护建设税", 0.04),
        ("其他", 0.06),
    ],
    "其他应付款": [("押金及保证金", 0.38), ("预提费用", 0.44), ("其他", 0.18)],
    "一年内到期的非流动负债": [("一年内到期的长期借款", 0.79), ("一年内到期的租赁负债", 0.21)],
    "长期借款": [("保证借款", 0.6), ("信用借款", 0.4)],
    "递延收益": [("政府补助", 1.0)],
    "实收资本（或股本）": [("人民币普通股", 1.0)],
    "资本公积": [("股本溢价", 0.97), ("其他资本公积", 0.03)],
    "盈余公积": [("法定盈余公积", 1.0)],
    "投资收益": [("权益法核算的长期股权投资收益", 0.0), ("理财产品收益", 1.0)],
    "信用减值损失": [("应收账款坏账损失", 0.86), ("其他应收款坏账损失", 0.1), ("应收票据坏账损失", 0.04)],
    "资产减值损失": [("存货跌价损失及合同履约成本减值损失", 0.84), ("合同资产减值损失", 0.16)],
    "营业外收入": [("无需支付的款项", 0.42), ("赔偿及罚没收入", 0.31), ("其他", 0.27)],
    "营业外支出": [("对外捐赠", 0.36), ("非流动资产毁损报废损失", 0.41), ("其他", 0.23)],
}
PARENT_NOTES = ["应收账款", "长期股权投资", "营业收入和营业成本", "投资收益"]
W4 = [255, 40, 100, 100]  # 项目 | 附注 | this period | the comparative one


def note(item: str) -> str:
    return f"七、{NOTES.index(item) + 1}" if item in NOTES else ""


def parent_note(item: str) -> str:
    return f"十四、{PARENT_NOTES.index(item) + 1}" if item in PARENT_NOTES else ""


class Report:
    def __init__(self, spec: Spec, toc_pages: dict[str, int] | None = None) -> None:
        self.spec = spec
        self.c = c = COMPANIES[spec.company]
        self.all = books(c)
        self.now = self.all[spec.period]
        self.then = self.all[prior(spec.period)]
        self.start = self.all[previous(spec.period)]  # the opening balance sheet
        self.toc_pages = toc_pages or {}
        self.story: list[Flowable] = []
        self.facts = Facts()
        y = spec.year
        self.y = y
        if spec.interim:
            self.title = f"{y}年半年度报告"
            self.cover_title = f"{y} 年半年度报告"
            self.col_now, self.col_then = f"{y}年半年度", f"{y - 1}年半年度"
            self.date_now, self.date_then = f"{y}年6月30日", f"{y - 1}年12月31日"
            self.span = f"{y}年1月1日至{y}年6月30日"
            self.span_short = f"{y}年1—6月"
        else:
            self.title = f"{y}年年度报告"
            self.cover_title = f"{y} 年年度报告"
            self.col_now, self.col_then = f"{y}年度", f"{y - 1}年度"
            self.date_now, self.date_then = f"{y}年12月31日", f"{y - 1}年12月31日"
            self.span = f"{y}年1月1日至{y}年12月31日"
            self.span_short = f"{y}年1—12月"
        self.secretary = c.secretary[y]

    # -- building blocks
    def p(self, text: str, **kw) -> None:
        self.story.append(Prose(text, **kw))

    def h(self, text: str, level: int = 2) -> None:
        if level >= 2:
            self.story.append(CondPageBreak(90))
        self.story.append(Heading(text, level))

    def unit(self, text: str = "单位：元 币种：人民币") -> None:
        self.story.append(Prose(text, size=9, indent=0, align="right", after=1))

    def table(self, name: str, rows: list[list[str]], widths: list[float], **kw) -> None:
        self.story.append(ruled(self.facts, name, rows, widths, **kw))
        self.story.append(Spacer(1, 6))

    def kv(self, name: str, pairs: list[tuple[str, str]], widths: tuple[float, float] = (175, 320)) -> None:
        """A two-column table of labels and values (公司信息 …), long values wrapped."""
        rows = [[cellwrap(k, widths[0]), cellwrap(v, widths[1])] for k, v in pairs]
        self.table(name, rows, list(widths), headers=(), left=(0, 1))

    def new_section(self, n: int) -> None:
        self.story.append(PageBreak())
        self.story.append(Heading(SECTIONS[n], 1))

    # -- the document
    def build(self) -> list[Flowable]:
        self.cover()
        self.notice()
        self.contents()
        self.definitions()
        self.profile()
        self.discussion()
        self.governance()
        self.environment()
        self.events()
        self.shareholders()
        self.new_section(7)
        self.p("报告期内，公司不存在优先股相关情况。")
        self.new_section(8)
        self.p("报告期内，公司不存在企业债券、公司债券和非金融企业债务融资工具。")
        self.financial_report()
        return self.story

    def cover(self) -> None:
        c = self.c
        self.story.append(Line(f"公司代码：{c.code}", f"公司简称：{c.short}", size=12))
        self.story.append(Spacer(1, 230))
        self.story.append(Prose(c.full, size=24, indent=0, align="center", after=18))
        self.story.append(Prose(self.cover_title, size=24, indent=0, align="center"))
        self.story.append(PageBreak())

    def notice(self) -> None:
        c, y = self.c, self.y
        self.story.append(Heading("重要提示", 1, toc=False))
        kind = "半年度报告" if self.spec.interim else "年度报告"
        self.p(
            f"一、本公司董事会、监事会及董事、监事、高级管理人员保证{kind}内容的真实性、准确性、完整性，"
            "不存在虚假记载、误导性陈述或重大遗漏，并承担个别和连带的法律责任。"
        )
        self.p("二、公司全体董事出席董事会会议。")
        if self.spec.interim:
            self.p("三、本半年度报告未经审计。")
        else:
            self.p(f"三、{c.auditor}为本公司出具了标准无保留意见的审计报告。")
        self.p(
            f"四、公司负责人{c.legal_rep}、主管会计工作负责人{c.cfo}及会计机构负责人（会计主管人员）{c.accounting_head}"
            f"声明：保证{kind}中财务报告的真实、准确、完整。"
        )
        if self.spec.interim:
            self.p("五、董事会决议通过的本报告期利润分配预案或公积金转增股本预案：无。")
        else:
            per10 = self.now.extra["per10"]
            total = self.now.extra["dividend"]
            self.p(
                f"五、董事会决议通过的本报告期利润分配预案或公积金转增股本预案：经{c.auditor}审计，公司{y}年度"
                f"实现归属于上市公司股东的净利润{yuan(self.now.income['归属于母公司股东的净利润'])}元。公司拟以实施权益分派"
                f"股权登记日登记的总股本为基数，向全体股东每10股派发现金红利{per10:.2f}元（含税），不送红股，"
                f"不以资本公积金转增股本。截至{self.date_now}，公司总股本{count(c.shares)}股，以此计算合计拟派发"
                f"现金红利{yuan(total)}元（含税）。该预案尚需提交公司{y}年年度股东大会审议。"
            )
        self.p(
            "六、前瞻性陈述的风险声明：本报告所涉及的未来计划、发展战略等前瞻性描述不构成公司对投资者的实质承诺，"
            "敬请投资者注意投资风险。"
        )
        self.p("七、是否存在被控股股东及其他关联方非经营性占用资金情况：否。")
        self.p("八、是否存在违反规定决策程序对外提供担保的情况：否。")
        self.p("九、是否存在半数以上董事无法保证公司所披露" + kind + "的真实性、准确性和完整性：否。")
        risk = "、".join(name for name, _ in c.risks)
        self.p(
            f"十、重大风险提示：公司已在本报告中详细描述可能存在的{risk}等，敬请查阅“第三节 管理层讨论与分析”中"
            "“可能面对的风险”部分的内容。"
        )
        self.story.append(PageBreak())

    def contents(self) -> None:
        self.story.append(Heading("目录", 0, toc=False))
        for title in SECTIONS:
            self.story.append(Contents(title, self.toc_pages.get(title, 0)))
        self.story.append(Spacer(1, 30))
        self.story.append(Heading("备查文件目录", 3, toc=False))
        documents = [
            "载有公司负责人、主管会计工作负责人、会计机构负责人（会计主管人员）签名并盖章的财务报表",
            "报告期内公开披露过的所有公司文件的正本及公告的原稿",
        ]
        if not self.spec.interim:
            documents.insert(1, "载有会计师事务所盖章、注册会计师签名并盖章的审计报告原件")
        rows = [["备查文件目录" if n == 0 else "", cellwrap(text, 380)] for n, text in enumerate(documents)]
        self.table("备查文件目录", rows, [115, 380], headers=(), left=(0, 1), spans=(((0, 0), (0, len(rows) - 1)),))

    def definitions(self) -> None:
        c = self.c
        self.new_section(0)
        self.p("在本报告书中，除非文义另有所指，下列词语具有如下含义：")
        terms = [
            (f"本公司、公司、{c.short}", c.full),
            ("报告期", self.span),
            ("报告期末", self.date_now),
            ("中国证监会", "中国证券监督管理委员会"),
            ("上交所", "上海证券交易所"),
            ("控股股东", c.controller),
            ("实际控制人", c.legal_rep),
            *[(short, name) for name, short, _, _ in c.subsidiaries],
            ("会计师事务所", c.auditor) if not self.spec.interim else ("股东大会", f"{c.full}股东大会"),
            ("董事会", f"{c.full}董事会"),
            ("公司章程", f"《{c.full}章程》"),
            ("《公司法》", "《中华人民共和国公司法》"),
            ("《证券法》", "《中华人民共和国证券法》"),
            ("元、万元、亿元", "人民币元、人民币万元、人民币亿元"),
        ]
        if c.key == "jn":
            terms += [
                ("滚珠丝杠副", "由丝杠、螺母和滚珠组成，将旋转运动转化为直线运动的传动部件"),
                ("直线导轨副", "由导轨和滑块组成，为机械设备提供高精度直线运动导向的部件"),
                ("数控转台", "由数控系统控制、可实现分度或连续回转的机床功能部件"),
                ("P1级、P3级", "滚珠丝杠副的精度等级，数字越小精度越高"),
            ]
        elif c.key == "qh":
            terms += [
                ("GMP", "药品生产质量管理规范（Good Manufacturing Practice）"),
                ("NMPA", "国家药品监督管理局"),
                ("IND", "新药临床试验申请（Investigational New Drug）"),
                ("NDA", "新药上市申请（New Drug Application）"),
                ("一致性评价", "仿制药质量和疗效一致性评价"),
                ("集采", "国家组织药品集中带量采购"),
            ]
        else:
            terms += [
                ("改性塑料", "在通用塑料和工程塑料的基础上，经填充、共混、增强等方法加工，改善其性能的塑料制品"),
                ("PP", "聚丙烯（Polypropylene）"),
                ("PC", "聚碳酸酯（Polycarbonate）"),
                ("阻燃材料", "能够抑制或者延滞燃烧而自己并不容易燃烧的材料"),
            ]
        rows = [["常用词语释义", "", ""]] + [[cellwrap(t, 150), "指", cellwrap(d, 305)] for t, d in terms]
        self.table("释义", rows, [150, 40, 305], headers=(0,), left=(0, 2), spans=(((0, 0), (2, 0)),))
        rows_center = len(rows)
        del rows_center

    def profile(self) -> None:
        c = self.c
        self.new_section(1)
        self.h("一、公司信息")
        self.kv(
            "公司信息",
            [
                ("公司的中文名称", c.full),
                ("公司的中文简称", c.short),
                ("公司的外文名称", c.english),
                ("公司的外文名称缩写", c.abbr),
                ("公司的法定代表人", c.legal_rep),
            ],
        )
        self.h("二、联系人和联系方式")
        rows = [
            ["", "董事会秘书", "证券事务代表"],
            ["姓名", self.secretary, c.securities_rep],
            ["联系地址", cellwrap(c.office_address, 200), cellwrap(c.office_address, 200)],
            ["电话", c.phone, c.phone],
            ["传真", c.fax, c.fax],
            ["电子信箱", c.email, c.email],
        ]
        self.table("联系人和联系方式", rows, [95, 200, 200], left=(0, 1, 2))
        self.h("三、基本情况简介")
        self.kv(
            "基本情况简介",
            [
                ("公司注册地址", c.reg_address),
                ("公司注册地址的历史变更情况", "无"),
                ("公司办公地址", c.office_address),
                ("公司办公地址的邮政编码", c.office_post),
                ("公司网址", c.website),
                ("电子信箱", c.email),
            ],
        )
        self.h("四、信息披露及备置地点")
        kind = "半年度报告" if self.spec.interim else "年度报告"
        self.kv(
            "信息披露及备置地点",
            [
                ("公司选定的信息披露报纸名称", "《中国证券报》《上海证券报》《证券时报》"),
                (f"登载{kind}的网站地址", "www.sse.com.cn"),
                (f"公司{kind}备置地点", "公司证券部"),
            ],
        )
        self.h("五、公司股票简况")
        exchange = "上海证券交易所科创板" if "科创板" in c.board else "上海证券交易所"
        self.table(
            "公司股票简况",
            [
                ["股票种类", "股票上市交易所", "股票简称", "股票代码", "变更前股票简称"],
                ["A股", exchange, c.short, c.code, "不适用"],
            ],
            [70, 140, 95, 90, 100],
            left=(0, 1, 2, 3, 4),
        )
        if not self.spec.interim:
            self.h("六、其他相关资料")
            self.kv(
                "其他相关资料",
                [
                    ("公司聘请的会计师事务所（境内）名称", c.auditor),
                    ("会计师事务所办公地址", c.auditor_address),
                    ("签字会计师姓名", "、".join(c.cpas)),
                ],
            )
            self.key_figures_annual()
        else:
            self.key_figures_interim()

    def key_figures_annual(self) -> None:
        y, now, then = self.y, self.now, self.then
        early = self.all[str(y - 2)]
        self.h("七、近三年主要会计数据和财务指标")
        self.h("（一）主要会计数据", 3)
        self.unit()
        w = [150, 90, 90, 75, 90]
        equity = "归属于母公司所有者权益（或股东权益）合计"
        rows = [["主要会计数据", f"{y}年", f"{y - 1}年", "本期比上年\n同期增减(%)", f"{y - 2}年"]]
        lines = [
            ("营业收入", lambda b: b.income["营业收入"]),
            ("归属于上市公司股东的净利润", lambda b: b.income["归属于母公司股东的净利润"]),
            ("归属于上市公司股东的扣除非经常性损益的净利润", lambda b: b.extra["扣非净利润"]),
            ("经营活动产生的现金流量净额", lambda b: b.cash_flow["经营活动产生的现金流量净额"]),
        ]
        for label, get in lines:
            rows.append(
                [cellwrap(label, w[0]), yuan(get(now)), yuan(get(then)), change(get(now), get(then)), yuan(get(early))]
            )
        rows.append(["", f"{y}年末", f"{y - 1}年末", "本期末比上年\n同期末增减(%)", f"{y - 2}年末"])
        for label, key in (("归属于上市公司股东的净资产", equity), ("总资产", "资产总计")):
            a, b, e = now.balance[key], then.balance[key], early.balance[key]
            rows.append([cellwrap(label, w[0]), yuan(a), yuan(b), change(a, b), yuan(e)])
        self.table("主要会计数据", rows, w, headers=(0, 5))
        self.h("（二）主要财务指标", 3)
        rows = [["主要财务指标", f"{y}年", f"{y - 1}年", "本期比上年\n同期增减(%)", f"{y - 2}年"]]
        for label, key in (
            ("基本每股收益（元／股）", "基本每股收益"),
            ("稀释每股收益（元／股）", "稀释每股收益"),
            ("扣除非经常性损益后的基本每股收益（元／股）", "扣非每股收益"),
        ):
            a, b, e = now.extra[key], then.extra[key], early.extra[key]
            rows.append([cellwrap(label, w[0]), f"{a:.2f}", f"{b:.2f}", change(int(a * 100), int(b * 100)), f"{e:.2f}"])
        for label, key in (
            ("加权平均净资产收益率（%）", "加权平均净资产收益率"),
            ("扣除非经常性损益后的加权平均净资产收益率（%）", "扣非加权平均净资产收益率"),
        ):
            a, b, e = now.extra[key], then.extra[key], early.extra[key]
            rows.append(
                [cellwrap(label, w[0]), f"{a:.2f}", f"{b:.2f}", cellwrap(points(str(a), str(b)), w[3]), f"{e:.2f}"]
            )
        self.table("主要财务指标", rows, w)
        self.p(
            f"报告期内，公司营业收入{grew(now.income['营业收入'], then.income['营业收入'])}，"
            f"归属于上市公司股东的净利润"
            f"{grew(now.income['归属于母公司股东的净利润'], then.income['归属于母公司股东的净利润'])}，"
            "主要系公司主营业务销售规模扩大、产品结构优化所致。"
        )
        self.h("八、境内外会计准则下会计数据差异")
        self.p(
            "报告期内，公司不存在按照国际会计准则或境外会计准则与按中国会计准则披露的财务报告中净利润和净资产差异情况。"
        )
        self.h(f"九、{y}年分季度主要财务数据")
        self.unit()
        q = now.extra["quarters"]
        rows = [
            [
                "项目",
                "第一季度\n（1-3月份）",
                "第二季度\n（4-6月份）",
                "第三季度\n（7-9月份）",
                "第四季度\n（10-12月份）",
            ]
        ]
        for label in (
            "营业收入",
            "归属于上市公司股东的净利润",
            "归属于上市公司股东的扣除非经常性损益后的净利润",
            "经营活动产生的现金流量净额",
        ):
            values = q[label]
            rows.append([cellwrap(label, 135), *[yuan(v) for v in values]])
        self.table("分季度主要财务数据", rows, [135, 90, 90, 90, 90])
        self.p("季度数据与已披露定期报告数据不存在差异。")
        self.h("十、非经常性损益项目和金额")
        self.unit()
        w = [195, 80, 60, 80, 80]
        rows = [["非经常性损益项目", f"{y}年金额", "附注（如\n适用）", f"{y - 1}年金额", f"{y - 2}年金额"]]
        for n, label in enumerate(NONRECURRING):
            rows.append(
                [
                    cellwrap(label, w[0]),
                    nonrecurring(now, n),
                    "",
                    nonrecurring(then, n),
                    nonrecurring(early, n),
                ]
            )
        self.table("非经常性损益项目和金额", rows, w)

    def key_figures_interim(self) -> None:
        now, then = self.now, self.then
        year_end = self.start  # 上年度末
        self.h("六、公司主要会计数据和财务指标")
        self.h("（一）主要会计数据", 3)
        self.unit()
        w = [185, 105, 105, 100]
        equity = "归属于母公司所有者权益（或股东权益）合计"
        rows = [["主要会计数据", "本报告期\n（1－6月）", "上年同期", "本报告期比上年\n同期增减(%)"]]
        for label, get in (
            ("营业收入", lambda b: b.income["营业收入"]),
            ("归属于上市公司股东的净利润", lambda b: b.income["归属于母公司股东的净利润"]),
            ("归属于上市公司股东的扣除非经常性损益的净利润", lambda b: b.extra["扣非净利润"]),
            ("经营活动产生的现金流量净额", lambda b: b.cash_flow["经营活动产生的现金流量净额"]),
        ):
            rows.append([cellwrap(label, w[0]), yuan(get(now)), yuan(get(then)), change(get(now), get(then))])
        rows.append(["", "本报告期末", "上年度末", "本报告期末比上\n年度末增减(%)"])
        for label, key in (("归属于上市公司股东的净资产", equity), ("总资产", "资产总计")):
            a, b = now.balance[key], year_end.balance[key]
            rows.append([cellwrap(label, w[0]), yuan(a), yuan(b), change(a, b)])
        self.table("主要会计数据", rows, w, headers=(0, 5))
        self.h("（二）主要财务指标", 3)
        rows = [["主要财务指标", "本报告期\n（1－6月）", "上年同期", "本报告期比上年\n同期增减(%)"]]
        for label, key in (
            ("基本每股收益（元／股）", "基本每股收益"),
            ("稀释每股收益（元／股）", "稀释每股收益"),
            ("扣除非经常性损益后的基本每股收益（元／股）", "扣非每股收益"),
        ):
            a, b = now.extra[key], then.extra[key]
            rows.append([cellwrap(label, w[0]), f"{a:.2f}", f"{b:.2f}", change(int(a * 100), int(b * 100))])
        for label, key in (
            ("加权平均净资产收益率（%）", "加权平均净资产收益率"),
            ("扣除非经常性损益后的加权平均净资产收益率（%）", "扣非加权平均净资产收益率"),
        ):
            a, b = now.extra[key], then.extra[key]
            rows.append([cellwrap(label, w[0]), f"{a:.2f}", f"{b:.2f}", points(str(a), str(b))])
        self.table("主要财务指标", rows, w)
        self.h("七、境内外会计准则下会计数据差异")
        self.p("报告期内，公司不存在境内外会计准则下会计数据差异。")
        self.h("八、非经常性损益项目和金额")
        self.unit()
        w = [300, 110, 85]
        rows = [["非经常性损益项目", "金额", "附注（如适用）"]]
        for n, label in enumerate(NONRECURRING):
            rows.append([cellwrap(label, w[0]), nonrecurring(now, n), ""])
        self.table("非经常性损益项目和金额", rows, w)

    def discussion(self) -> None:
        c, y, now, then = self.c, self.y, self.now, self.then
        inc, pinc = now.income, then.income
        self.new_section(2)
        interim = self.spec.interim
        when = "报告期内" if not interim else f"{y}年上半年"
        end = "末" if not interim else "6月末"
        equity = "归属于母公司所有者权益（或股东权益）合计"
        opening = self.start.balance
        ocf = now.cash_flow["经营活动产生的现金流量净额"]
        self.h("一、经营情况讨论与分析" if not interim else "一、报告期内公司所属行业及主营业务情况说明")
        if interim:
            self.p(c.industry_text)
            self.p(c.business)
            self.h("二、核心竞争力分析")
            for text in c.strengths:
                self.p(text)
            self.h("三、经营情况的讨论与分析")
        self.p(
            f"{when}，面对复杂多变的外部环境，公司坚持以客户为中心，聚焦主业，持续加大研发投入，推进降本增效，"
            f"经营业绩保持稳健增长。{when}，公司实现营业收入{wan(inc['营业收入'])}万元，"
            f"{grew(inc['营业收入'], pinc['营业收入'])}；"
            f"实现归属于上市公司股东的净利润{wan(inc['归属于母公司股东的净利润'])}万元，"
            f"{grew(inc['归属于母公司股东的净利润'], pinc['归属于母公司股东的净利润'])}；"
            f"归属于上市公司股东的扣除非经常性损益的净利润{wan(now.extra['扣非净利润'])}万元，"
            f"{grew(now.extra['扣非净利润'], then.extra['扣非净利润'])}。"
        )
        self.p(
            f"截至{y}年{end}，公司总资产{wan(now.balance['资产总计'])}万元，较上年末"
            f"{'增长' if now.balance['资产总计'] >= opening['资产总计'] else '下降'}"
            f"{change(now.balance['资产总计'], opening['资产总计']).lstrip('-')}%；归属于上市公司股东的净资产"
            f"{wan(now.balance[equity])}万元。{when}经营活动产生的现金流量净额为{wan(ocf)}万元，"
            f"{grew(ocf, then.cash_flow['经营活动产生的现金流量净额'])}。"
            f"基本每股收益{now.extra['基本每股收益']:.2f}元，"
            f"加权平均净资产收益率为{now.extra['加权平均净资产收益率']:.2f}%。"
        )
        topics = [
            (
                "市场开拓方面",
                f"公司深化与重点客户的战略合作，{c.segments['分产品'][0][0]}等核心产品的销售收入保持增长，"
                "新客户开发和新领域拓展取得积极进展。",
            ),
            (
                "研发创新方面",
                f"公司围绕{'、'.join(c.rd_projects[:2])}等项目开展攻关，研发投入持续增加，"
                "多项新产品完成开发并实现小批量供货。",
            ),
            (
                "生产运营方面",
                "公司推进精益生产和数字化车间建设，优化供应链管理，主要产品的生产效率和交付能力进一步提升。",
            ),
            ("内部管理方面", "公司持续完善内部控制体系，加强预算管理和应收账款管理，提升资金使用效率，防范经营风险。"),
        ]
        for n, (topic, text) in enumerate(topics, start=1):
            self.p(f"{'（' + '一二三四'[n - 1] + '）'}{topic}：{text}")
        if not interim:
            self.h("二、报告期内公司所处行业情况")
            self.p(c.industry_text)
            self.h("三、报告期内公司从事的业务情况")
            self.p(c.business)
            self.p("（一）经营模式", indent=0)
            for name, text in MODES:
                self.p(f"{name}：{text.format(short=c.short)}")
            self.p("（二）核心技术", indent=0)
            rows = [["核心技术名称", "技术来源", "应用产品", "所处阶段"]]
            for n, project in enumerate(c.rd_projects):
                product = c.segments["分产品"][n % len(c.segments["分产品"])][0]
                rows.append(
                    [
                        cellwrap(project.replace("研发及产业化", "技术").replace("研发", "技术"), 190),
                        "自主研发",
                        product,
                        "批量应用" if n % 2 == 0 else "小批量验证",
                    ]
                )
            self.table("核心技术", rows, [190, 80, 120, 105], left=(0, 1, 2, 3))
            self.h("四、报告期内核心竞争力分析")
            for text in c.strengths:
                self.p(text)
        self.h("五、报告期内主要经营情况" if not interim else "四、报告期内主要经营情况")
        self.h("（一）主营业务分析", 3)
        self.p("1. 利润表及现金流量表相关科目变动分析表" if not interim else "1. 财务报表相关科目变动分析表")
        self.unit()
        reasons = {
            "营业收入": "主要系销售规模扩大所致",
            "营业成本": "主要系销售收入增长相应结转成本增加所致",
            "销售费用": "主要系销售人员薪酬及市场开拓费用增加所致",
            "管理费用": "主要系职工薪酬及折旧摊销增加所致",
            "财务费用": "主要系利息收入及汇兑损益变动所致",
            "研发费用": "主要系研发项目投入增加所致",
            "经营活动产生的现金流量净额": "主要系销售回款及采购支付变动所致",
            "投资活动产生的现金流量净额": "主要系购买及赎回理财产品、购建长期资产变动所致",
            "筹资活动产生的现金流量净额": "主要系取得及偿还借款、分配股利变动所致",
        }
        rows = [["科目", "本期数", "上年同期数", "变动比例（%）", "变动原因"]]
        for item, reason in reasons.items():
            source = now.cash_flow if "现金流量" in item else inc
            prior_source = then.cash_flow if "现金流量" in item else pinc
            rows.append(
                [
                    cellwrap(item, 95),
                    yuan(source[item]),
                    yuan(prior_source[item]),
                    change(source[item], prior_source[item]),
                    cellwrap(reason, 130),
                ]
            )
        self.table("利润表及现金流量表相关科目变动分析表", rows, [95, 95, 95, 80, 130], left=(0, 4))
        self.p("2. 收入和成本分析")
        self.p(
            f"{when}，公司主营业务收入{wan(now.extra['主营业务收入'])}万元，主营业务成本{wan(now.extra['主营业务成本'])}万元，"
            f"主营业务毛利率为"
            f"{share(now.extra['主营业务收入'] - now.extra['主营业务成本'], now.extra['主营业务收入'])}%。"
        )
        self.p("（1）主营业务分行业、分产品、分地区情况", indent=0)
        self.unit("单位：万元 币种：人民币")
        w = [95, 68, 68, 52, 70, 70, 72]
        for dimension in ("分行业", "分产品", "分地区"):
            rows = [
                [
                    dimension if dimension != "分行业" else "分行业",
                    "营业收入",
                    "营业成本",
                    "毛利率\n（%）",
                    "营业收入比\n上年增减（%）",
                    "营业成本比\n上年增减（%）",
                    "毛利率比上年\n增减（%）",
                ]
            ]
            previous_rows = {name: (r, k) for name, r, k in then.extra["segments"][dimension]}
            total_r = total_c = prior_r = prior_c = 0
            for name, r, k in now.extra["segments"][dimension]:
                pr, pk = previous_rows[name]
                margin, prior_margin = share(r - k, r), share(pr - pk, pr)
                rows.append(
                    [
                        cellwrap(name, w[0]),
                        wan(r),
                        wan(k),
                        margin,
                        change(r, pr),
                        change(k, pk),
                        cellwrap(points(margin, prior_margin), w[6]),
                    ]
                )
                total_r, total_c, prior_r, prior_c = total_r + r, total_c + k, prior_r + pr, prior_c + pk
            margin, prior_margin = share(total_r - total_c, total_r), share(prior_r - prior_c, prior_r)
            rows.append(
                [
                    "合计",
                    wan(total_r),
                    wan(total_c),
                    margin,
                    change(total_r, prior_r),
                    change(total_c, prior_c),
                    cellwrap(points(margin, prior_margin), w[6]),
                ]
            )
            self.table(f"主营业务{dimension}情况", rows, w)
        if not interim:
            self.p("（2）产销量情况分析表", indent=0)
            rows = [
                ["主要产品", "单位", "生产量", "销售量", "库存量", "生产量比上\n年增减（%）", "销售量比上\n年增减（%）"]
            ]
            prior_volumes = {name: (made, sold) for name, _, made, sold, _ in then.extra["volumes"]}
            for name, unit, made, sold, stock in now.extra["volumes"]:
                pm, ps = prior_volumes[name]
                rows.append([name, unit, count(made), count(sold), count(stock), change(made, pm), change(sold, ps)])
            self.table("产销量情况分析表", rows, [95, 45, 75, 75, 70, 67, 68], left=(0, 1))
            self.p("（3）成本分析表", indent=0)
            self.unit("单位：万元 币种：人民币")
            parts = [("直接材料", 0.71), ("直接人工", 0.12), ("制造费用", 0.13), ("运输费用", 0.04)]
            rows = [
                [
                    "成本构成项目",
                    "本期金额",
                    "本期占总成本\n比例（%）",
                    "上年同期金额",
                    "上年同期占总\n成本比例（%）",
                    "本期金额较上年同\n期变动比例（%）",
                ]
            ]
            splits = []
            for books_ in (now, then):
                d = dice(self.c, books_.period, "cost structure")
                splits.append(d.split(books_.extra["主营业务成本"], [w_ for _, w_ in parts], HUNDRED, 0.04))
            for n, (name, _) in enumerate(parts):
                a, b = splits[0][n], splits[1][n]
                rows.append(
                    [
                        name,
                        wan(a),
                        share(a, now.extra["主营业务成本"]),
                        wan(b),
                        share(b, then.extra["主营业务成本"]),
                        change(a, b),
                    ]
                )
            rows.append(
                [
                    "合计",
                    wan(now.extra["主营业务成本"]),
                    "100.00",
                    wan(then.extra["主营业务成本"]),
                    "100.00",
                    change(now.extra["主营业务成本"], then.extra["主营业务成本"]),
                ]
            )
            self.table("成本分析表", rows, [80, 80, 75, 80, 75, 105], left=(0,))
            self.customers()
            self.p("3. 费用")
            self.p(
                f"报告期内，公司销售费用{wan(inc['销售费用'])}万元，{grew(inc['销售费用'], pinc['销售费用'])}；"
                f"管理费用{wan(inc['管理费用'])}万元，{grew(inc['管理费用'], pinc['管理费用'])}；"
                f"研发费用{wan(inc['研发费用'])}万元，{grew(inc['研发费用'], pinc['研发费用'])}；"
                f"财务费用{wan(inc['财务费用'])}万元。"
            )
            self.research()
            self.p("5. 现金流")
            cf, pcf = now.cash_flow, then.cash_flow
            self.p(
                f"报告期内，公司经营活动产生的现金流量净额{wan(cf['经营活动产生的现金流量净额'])}万元，"
                f"投资活动产生的现金流量净额{wan(cf['投资活动产生的现金流量净额'])}万元，"
                f"筹资活动产生的现金流量净额{wan(cf['筹资活动产生的现金流量净额'])}万元。"
                f"经营活动现金流量净额{grew(cf['经营活动产生的现金流量净额'], pcf['经营活动产生的现金流量净额'])}，"
                "主要系销售回款增加所致。"
            )
        self.h("（二）非主营业务导致利润重大变化的说明", 3)
        self.p("报告期内，公司不存在非主营业务导致利润重大变化的情况。")
        self.h("（三）资产、负债情况分析", 3)
        self.unit("单位：万元 币种：人民币")
        total, prior_total = now.balance["资产总计"], opening["资产总计"]
        rows = [
            [
                "项目名称",
                "本期期末数",
                "本期期末数\n占总资产的\n比例（%）",
                "上期期末数",
                "上期期末数\n占总资产的\n比例（%）",
                "本期期末金额\n较上期期末变\n动比例（%）",
            ]
        ]
        for item in (
            "货币资金",
            "交易性金融资产",
            "应收账款",
            "存货",
            "固定资产",
            "在建工程",
            "无形资产",
            "短期借款",
            "应付账款",
            "合同负债",
            "长期借款",
        ):
            a, b = now.balance[item], opening[item]
            rows.append([item, wan(a), share(a, total), wan(b), share(b, prior_total), change(a, b)])
        self.table("资产及负债状况", rows, [95, 80, 75, 80, 75, 90])
        self.p(f"截至报告期末，公司受限资产为用于开具银行承兑汇票的保证金{wan(now.balance['其他货币资金'])}万元。")
        if not interim:
            self.h("（四）投资状况分析", 3)
            self.p("报告期内，公司对外股权投资主要为对子公司的增资及设立，均以自有资金投入，未发生重大股权投资。")
        self.h("（五）主要控股参股公司分析" if not interim else "（四）主要控股参股公司分析", 3)
        self.unit("单位：万元 币种：人民币")
        rows = [["公司名称", "主要业务", "持股比\n例（%）", "总资产", "净资产", "净利润"]]
        d = dice(c, self.spec.period, "subsidiaries")
        for n, (name, _, business, held) in enumerate(c.subsidiaries):
            assets = d.of(now.balance["资产总计"], 0.18 - 0.03 * n, 0.2) // HUNDRED * HUNDRED
            net = d.of(assets, 0.55, 0.15) // HUNDRED * HUNDRED
            profit = d.of(inc["净利润"], 0.16 - 0.03 * n, 0.3) // HUNDRED * HUNDRED
            rows.append([cellwrap(name, 120), cellwrap(business, 105), str(held), wan(assets), wan(net), wan(profit)])
        self.table("主要控股参股公司分析", rows, [120, 105, 45, 75, 75, 75], left=(0, 1))
        self.h("六、公司关于公司未来发展的讨论与分析" if not interim else "五、其他披露事项")
        if not interim:
            self.h("（一）行业格局和趋势", 3)
            self.p(c.industry_text)
            self.h("（二）公司发展战略", 3)
            self.p(
                f"公司将坚持“专注主业、创新驱动、质量为本”的发展战略，围绕{c.industry}的核心环节持续投入，"
                "巩固在细分领域的竞争优势，努力成为具有国际竞争力的行业领先企业。"
            )
            self.h("（三）经营计划", 3)
            self.p(
                f"{y + 1}年，公司将重点做好以下工作："
                + "".join(f"{'（' + str(n) + '）'}{t}" for n, t in enumerate(c.plans, 1))
            )
            self.h("（四）可能面对的风险", 3)
        else:
            self.h("（一）可能面对的风险", 3)
        for n, (name, text) in enumerate(c.risks, 1):
            self.p(f"{n}. {name}：{text}公司将密切关注相关变化，及时采取应对措施。")

    def customers(self) -> None:
        now, inc = self.now, self.now.income
        self.p("（4）主要销售客户及主要供应商情况", indent=0)
        customers, suppliers = now.extra["customers"], now.extra["suppliers"]
        self.p(
            f"前五名客户销售额{wan(sum(customers))}万元，占年度销售总额{share(sum(customers), inc['营业收入'])}%；"
            "其中前五名客户销售额中关联方销售额0万元，占年度销售总额0%。"
        )
        self.unit("单位：万元 币种：人民币")
        rows = [["序号", "客户名称", "销售额", "占年度销售总额比例（%）"]]
        for n, amount in enumerate(customers, 1):
            rows.append([str(n), f"客户{'一二三四五'[n - 1]}", wan(amount), share(amount, inc["营业收入"])])
        rows.append(["合计", "", wan(sum(customers)), share(sum(customers), inc["营业收入"])])
        self.table("前五名客户", rows, [50, 175, 120, 150], left=(0, 1))
        self.p(
            f"前五名供应商采购额{wan(sum(suppliers))}万元，"
            f"占年度采购总额{share(sum(suppliers), now.extra['purchases'])}%；"
            "其中前五名供应商采购额中关联方采购额0万元，占年度采购总额0%。"
        )
        rows = [["序号", "供应商名称", "采购额", "占年度采购总额比例（%）"]]
        for n, amount in enumerate(suppliers, 1):
            rows.append([str(n), f"供应商{'一二三四五'[n - 1]}", wan(amount), share(amount, now.extra["purchases"])])
        rows.append(["合计", "", wan(sum(suppliers)), share(sum(suppliers), now.extra["purchases"])])
        self.table("前五名供应商", rows, [50, 175, 120, 150], left=(0, 1))

    def research(self) -> None:
        x, inc = self.now.extra, self.now.income
        self.p("4. 研发投入")
        self.p("（1）研发投入情况表", indent=0)
        self.unit()
        self.kv(
            "研发投入情况表",
            [
                ("本期费用化研发投入", yuan(x["研发费用化"])),
                ("本期资本化研发投入", yuan(x["研发资本化"]) if x["研发资本化"] else "0"),
                ("研发投入合计", yuan(x["研发投入合计"])),
                ("研发投入总额占营业收入比例（%）", share(x["研发投入合计"], inc["营业收入"])),
                ("研发投入资本化的比重（%）", share(x["研发资本化"], x["研发投入合计"])),
            ],
            (250, 245),
        )
        self.p("（2）研发人员情况表", indent=0)
        self.kv(
            "研发人员情况表",
            [
                ("公司研发人员的数量", count(x["rd_staff"])),
                ("研发人员数量占公司总人数的比例（%）", share(x["rd_staff"], x["staff"][2])),
            ],
            (250, 245),
        )
        self.p("（3）在研项目情况", indent=0)
        self.unit("单位：万元 币种：人民币")
        d = dice(self.c, self.now.period, "rd projects")
        spent = d.split(
            int(x["研发投入合计"] * 0.72) // HUNDRED * HUNDRED,
            [0.4, 0.27, 0.2, 0.13][: len(self.c.rd_projects)],
            HUNDRED,
        )
        rows = [["项目名称", "预计总投资规模", "本期投入金额", "累计投入金额", "进展或阶段性成果"]]
        stages = ["已完成小试，进入中试阶段", "样品已通过客户验证", "按计划推进中", "已完成方案设计"]
        for n, (project, amount) in enumerate(zip(self.c.rd_projects, spent, strict=True)):
            total = amount * 4 // HUNDRED * HUNDRED
            rows.append(
                [
                    cellwrap(project, 150),
                    wan(total),
                    wan(amount),
                    wan(amount * 2 // HUNDRED * HUNDRED),
                    cellwrap(stages[n % 4], 105),
                ]
            )
        self.table("在研项目情况", rows, [150, 80, 80, 80, 105], left=(0, 4))
        self.p("（4）情况说明", indent=0)
        self.p(
            f"报告期内，公司研发投入合计{wan(x['研发投入合计'])}万元，"
            f"{grew(x['研发投入合计'], self.then.extra['研发投入合计'])}，占营业收入的比例为"
            f"{share(x['研发投入合计'], inc['营业收入'])}%。公司重点推进的研发项目包括："
            + "；".join(self.c.rd_projects)
            + "。"
        )

    def governance(self) -> None:
        c, y, interim = self.c, self.y, self.spec.interim
        self.new_section(3)
        self.h("一、股东大会情况简介")
        if interim:
            meetings = [(f"{y - 1}年年度股东大会", f"{y}-05-18"), (f"{y}年第一次临时股东大会", f"{y}-02-16")]
        else:
            meetings = [
                (f"{y - 1}年年度股东大会", f"{y}-05-{10 + len(c.short)}"),
                (f"{y}年第一次临时股东大会", f"{y}-09-14"),
            ]
        rows = [["会议届次", "召开日期", "决议刊登的指定网站\n的查询索引", "决议刊登的\n披露日期", "会议决议"]]
        for name, date in meetings:
            rows.append(
                [
                    cellwrap(name, 120),
                    date,
                    "www.sse.com.cn",
                    date,
                    cellwrap("审议通过全部议案，不存在否决议案的情况", 110),
                ]
            )
        self.table("股东大会情况简介", rows, [120, 70, 110, 85, 110], left=(0, 4))
        self.h("二、董事、监事和高级管理人员的情况" if not interim else "二、公司董事、监事、高级管理人员变动情况")
        people = list(c.directors)
        if not any(role.endswith("董事会秘书") for _, role, _, _, _ in people):
            people.append((self.secretary, "董事会秘书", "女", 38, 62.5))
        changed = [name for year, name in c.secretary.items() if year < y and name != self.secretary]
        if not interim:
            rows = [
                [
                    "姓名",
                    "职务",
                    "性别",
                    "年龄",
                    "任期起始日期",
                    "任期终止日期",
                    "报告期内从公司获\n得的税前报酬总\n额（万元）",
                ]
            ]
            for name, role, sex, age, pay in people:
                began = f"{y - 2}-05-1{len(name)}" if not (name == self.secretary and changed) else f"{y}-04-21"
                rows.append(
                    [
                        name,
                        cellwrap(role, 110),
                        sex,
                        str(age + y - 2023),
                        began,
                        f"{y + 1}-05-1{len(name)}",
                        f"{pay * (1 + 0.04 * (y - 2023)):.2f}",
                    ]
                )
            for name in changed:
                rows.append(
                    [name, "董事会秘书（离任）", "男", str(44 + y - 2023), f"{y - 2}-05-13", f"{y}-04-20", "18.60"]
                )
            self.table("董事、监事和高级管理人员的情况", rows, [55, 110, 35, 35, 80, 80, 100], left=(0, 1, 2))
            if changed:
                self.p("公司董事、监事、高级管理人员变动情况：", indent=0)
                rows = [["姓名", "担任的职务", "变动情形", "变动原因"]]
                for name in changed:
                    rows.append([name, "董事会秘书", "离任", "工作调整"])
                rows.append([self.secretary, "董事会秘书", "聘任", "董事会聘任"])
                self.table("董事、监事、高级管理人员变动情况", rows, [100, 150, 100, 145], left=(0, 1, 2, 3))
                self.p(
                    f"{y}年4月20日，{changed[0]}先生因工作调整原因申请辞去公司董事会秘书职务。经公司第三届董事会第"
                    f"十二次会议审议通过，聘任{self.secretary}女士为公司董事会秘书，任期自董事会审议通过之日起至本届董事会届满之日止。"
                )
            self.p("现任董事、监事、高级管理人员主要工作经历：", indent=0)
            for n, (name, role, sex, age, _) in enumerate(people):
                self.p(biography(n, name, role, sex, age + y - 2023, y))
            self.h("三、报告期内召开的董事会有关情况")
            meetings = 6 + len(c.key)
            self.p(
                f"报告期内，公司共召开董事会会议{meetings}次，全体董事均亲自出席，会议的召集、召开和表决程序符合"
                "《公司法》和《公司章程》的规定。"
            )
            rows = [["会议届次", "召开日期", "会议决议"]]
            agenda = [
                "审议通过年度报告、利润分配预案等议案",
                "审议通过第一季度报告",
                "审议通过聘任高级管理人员的议案",
                "审议通过半年度报告",
                "审议通过向银行申请综合授信额度的议案",
                "审议通过第三季度报告",
                "审议通过对外投资设立子公司的议案",
                "审议通过修订公司部分治理制度的议案",
                "审议通过年度经营计划",
            ]
            for n in range(meetings):
                rows.append(
                    [
                        f"第三届董事会第{'一二三四五六七八九十'[n]}次会议"
                        if n < 10
                        else f"第三届董事会第十{n - 9}次会议",
                        f"{y}-{1 + n * 11 // meetings:02d}-{8 + n * 2:02d}",
                        cellwrap(agenda[n % len(agenda)], 260),
                    ]
                )
            self.table("报告期内召开的董事会", rows, [150, 85, 260], left=(0, 1, 2))
            self.h("四、董事会下设专门委员会情况")
            independents = [name for name, role, *_ in people if role == "独立董事"]
            rows = [["专门委员会类别", "成员姓名"]]
            rows.append(["审计委员会", "、".join([*independents[:2], people[2][0]])])
            rows.append(["提名委员会", "、".join([*independents[1:3], people[0][0]])])
            rows.append(["薪酬与考核委员会", "、".join([*independents[:2], people[1][0]])])
            rows.append(["战略委员会", "、".join([people[0][0], people[1][0], independents[-1]])])
            self.table("董事会下设专门委员会", rows, [160, 335], left=(0, 1))
            self.h("五、监事会发现公司存在风险的说明")
            self.p("监事会对报告期内的监督事项无异议。")
            self.staff()
            self.h("七、利润分配或资本公积金转增预案")
            x = self.now.extra
            self.p(
                "公司重视对投资者的合理投资回报，现金分红政策的制定及执行符合《公司章程》的规定，决策程序和机制完备。"
                f"{y}年度利润分配预案为：向全体股东每10股派发现金红利{x['per10']:.2f}元（含税）。"
            )
            profit = self.now.income["归属于母公司股东的净利润"]
            self.kv(
                "现金分红",
                [
                    ("每10股送红股数（股）", "0"),
                    ("每10股派息数（元）（含税）", f"{x['per10']:.2f}"),
                    ("每10股转增数（股）", "0"),
                    ("现金分红金额（含税）", yuan(x["dividend"])),
                    ("分红年度合并报表中归属于上市公司普通股股东的净利润", yuan(profit)),
                    ("占合并报表中归属于上市公司普通股股东的净利润的比率（%）", share(x["dividend"], profit)),
                ],
                (300, 195),
            )
            self.h("八、报告期内的内部控制制度建设及实施情况")
            self.p(
                "公司按照《企业内部控制基本规范》及其配套指引的要求，结合自身经营特点，建立健全了覆盖各业务环节的内部控制"
                "制度，并持续开展内部控制评价工作。报告期内，公司内部控制体系运行有效，未发现财务报告及非财务报告内部控制重大缺陷。"
            )
            self.p(
                f"{c.auditor}对公司{y}年12月31日的财务报告内部控制的有效性进行了审计，出具了标准无保留意见的内部控制审计报告。"
            )
        else:
            self.p("报告期内，公司董事、监事、高级管理人员未发生变动。")
            rows = [["姓名", "职务"]] + [[name, role] for name, role, *_ in people]
            self.table("董事、监事和高级管理人员", rows, [160, 335], left=(0, 1))
            self.h("三、利润分配或资本公积金转增预案")
            self.kv(
                "半年度利润分配预案",
                [
                    ("是否分配或转增", "否"),
                    ("每10股送红股数（股）", "0"),
                    ("每10股派息数（元）（含税）", "0"),
                    ("每10股转增数（股）", "0"),
                ],
                (300, 195),
            )
            paid = self.now.extra["dividend_paid"]
            self.p(f"报告期内，公司实施了{y - 1}年度利润分配方案，向全体股东派发现金红利{yuan(paid)}元（含税）。")

    def staff(self) -> None:
        x = self.now.extra
        parent, subsidiaries, total = x["staff"]
        self.h("六、报告期末母公司和主要子公司的员工情况")
        self.h("（一）员工情况", 3)
        self.kv(
            "员工情况",
            [
                ("母公司在职员工的数量", count(parent)),
                ("主要子公司在职员工的数量", count(subsidiaries)),
                ("在职员工的数量合计", count(total)),
                ("母公司及主要子公司需承担费用的离退休职工人数", "0"),
            ],
            (300, 195),
        )
        self.p(
            f"截至报告期末，母公司在职员工{count(parent)}人，主要子公司在职员工{count(subsidiaries)}人，"
            f"在职员工的数量合计为{count(total)}人。"
        )
        rows = (
            [["专业构成类别", "专业构成人数"]] + [[n, count(v)] for n, v in x["staff_mix"]] + [["合计", count(total)]]
        )
        self.table("专业构成", rows, [300, 195])
        rows = [["教育程度类别", "数量（人）"]] + [[n, count(v)] for n, v in x["education"]] + [["合计", count(total)]]
        self.table("教育程度", rows, [300, 195])
        self.h("（二）薪酬政策", 3)
        self.p(
            "公司实行以岗位价值为基础、以绩效为导向的薪酬体系，员工薪酬由基本工资、绩效奖金和福利构成，并根据经营业绩和"
            "市场薪酬水平适时调整。公司依法为员工缴纳社会保险和住房公积金。"
        )
        self.h("（三）培训计划", 3)
        self.p(
            "公司建立了分层分类的培训体系，围绕新员工入职、专业技能、安全生产和管理能力开展培训，"
            "并与高校和职业院校合作培养技术技能人才。"
        )

    def environment(self) -> None:
        c = self.c
        self.new_section(4)
        self.h("一、环境信息情况")
        self.p(
            "公司及主要子公司不属于环境保护部门公布的重点排污单位。公司严格遵守国家和地方的环境保护法律法规，"
            "生产过程中产生的废水、废气、固体废物和噪声均按要求处理后达标排放，报告期内未发生环境污染事故，"
            "未受到环境保护部门的行政处罚。"
        )
        self.h("二、建设项目环境影响评价及其他环境保护行政许可情况")
        self.p("公司新建、改建和扩建项目均按规定履行了环境影响评价和竣工环境保护验收手续。")
        self.h("三、为减少其碳排放所采取的措施及效果")
        self.p(
            "公司通过建设屋顶分布式光伏电站、淘汰高耗能设备、优化生产工艺和推行节能管理等措施降低能源消耗，"
            "持续推进绿色工厂建设。"
        )
        self.h("四、巩固拓展脱贫攻坚成果、乡村振兴等工作具体情况")
        self.p(f"报告期内，{c.short}积极参与所在地的乡村振兴和公益活动，通过消费帮扶、助学捐赠等方式回馈社会。")

    def events(self) -> None:
        c = self.c
        self.new_section(5)
        self.h("一、承诺事项履行情况")
        rows = [["承诺背景", "承诺类型", "承诺方", "承诺内容", "是否严格履行"]]
        rows.append(
            [
                "与首次公开发行相关的承诺",
                "股份限售",
                cellwrap(c.controller, 110),
                cellwrap(
                    "自公司股票上市之日起三十六个月内，不转让或者委托他人管理其直接或间接持有的公司首次公开发行股票前已发行的股份",
                    140,
                ),
                "是",
            ]
        )
        rows.append(
            [
                "与首次公开发行相关的承诺",
                "解决同业竞争",
                cellwrap(f"{c.controller}、{c.legal_rep}", 110),
                cellwrap("不直接或间接从事与公司主营业务构成竞争的业务", 140),
                "是",
            ]
        )
        rows = [[cellwrap(r[0], 85) if n else r[0], *r[1:]] for n, r in enumerate(rows)]
        self.table("承诺事项履行情况", rows, [85, 80, 110, 140, 80], left=(0, 1, 2, 3))
        self.h("二、报告期内控股股东及其他关联方非经营性占用资金情况")
        self.p("报告期内，公司不存在控股股东及其他关联方非经营性占用资金的情况。")
        self.h("三、违规担保情况")
        self.p("报告期内，公司不存在违规担保的情况。")
        if not self.spec.interim:
            self.h("四、公司对会计政策、会计估计变更或重大会计差错更正原因和影响的分析说明")
            self.p(
                "报告期内，公司根据财政部发布的企业会计准则解释的要求变更了相关会计政策，该变更对公司财务状况、"
                "经营成果和现金流量无重大影响。"
            )
            self.h("五、聘任、解聘会计师事务所情况")
            self.unit("单位：万元 币种：人民币")
            self.kv(
                "聘任会计师事务所",
                [
                    ("境内会计师事务所名称", c.auditor),
                    ("境内会计师事务所报酬", f"{80 + 5 * len(c.subsidiaries)}"),
                    ("境内会计师事务所审计年限", str(4 + len(c.key))),
                    ("境内会计师事务所注册会计师姓名", "、".join(c.cpas)),
                    ("内部控制审计会计师事务所", c.auditor),
                ],
                (250, 245),
            )
        self.h("六、重大诉讼、仲裁事项" if not self.spec.interim else "四、重大诉讼、仲裁事项")
        self.p("报告期内，公司无重大诉讼、仲裁事项。")
        self.h("七、公司及其控股股东、实际控制人诚信状况的说明" if not self.spec.interim else "五、诚信状况的说明")
        self.p("报告期内，公司及其控股股东、实际控制人不存在未履行法院生效判决、所负数额较大的债务到期未清偿等情况。")
        self.h("八、重大关联交易" if not self.spec.interim else "六、重大关联交易")
        self.p(
            "报告期内，公司与关联方之间的日常关联交易均按照公平、公允的原则进行，交易价格参照市场价格确定，"
            "不存在损害公司及股东利益的情形。"
        )
        self.h("九、重大合同及其履行情况" if not self.spec.interim else "七、重大合同及其履行情况")
        guarantee = (
            dice(c, self.spec.period, "guarantee").of(self.now.balance["短期借款"], 0.4, 0.1)
            // (WAN * 100)
            * (WAN * 100)
        )
        self.unit("单位：万元 币种：人民币")
        self.kv(
            "公司对子公司的担保情况",
            [
                ("报告期内对子公司担保发生额合计", wan(guarantee)),
                ("报告期末对子公司担保余额合计（B）", wan(guarantee)),
                ("担保总额（A+B）", wan(guarantee)),
                (
                    "担保总额占公司净资产的比例（%）",
                    share(guarantee, self.now.balance["归属于母公司所有者权益（或股东权益）合计"]),
                ),
            ],
            (300, 195),
        )

    def shareholders(self) -> None:
        c = self.c
        self.new_section(6)
        self.h("一、股本变动情况")
        self.p("报告期内，公司股份总数及股本结构未发生变化。")
        rows = [
            ["项目", "数量（股）", "比例（%）"],
            ["一、有限售条件股份", "0", "0.00"],
            ["二、无限售条件流通股份", count(c.shares), "100.00"],
            ["其中：人民币普通股", count(c.shares), "100.00"],
            ["三、股份总数", count(c.shares), "100.00"],
        ]
        self.table("股份变动情况表", rows, [255, 140, 100])
        self.h("二、股东情况")
        d = dice(c, self.spec.period, "holders")
        holders = int(d.near(26_000, 0.3))
        self.kv(
            "股东总数",
            [
                ("截至报告期末普通股股东总数（户）", count(holders)),
                (
                    "年度报告披露日前上一月末的普通股股东总数（户）"
                    if not self.spec.interim
                    else "截至报告期末表决权恢复的优先股股东总数（户）",
                    count(int(holders * d.near(0.97, 0.02))) if not self.spec.interim else "0",
                ),
            ],
            (300, 195),
        )
        self.p("前十名股东持股情况", indent=0, align="center")
        rows = [["股东名称（全称）", "报告期内增减", "期末持股数量", "比例(%)", "股东性质"]]
        holdings = [(c.controller, c.controller_share, "境内非国有法人"), *c.shareholders]
        for name, pct, kind in holdings:
            held = int(c.shares * pct / 100) // 100 * 100
            delta = "0" if kind != "其他" and kind != "境外法人" else count(int(d.near(held * 0.1, 0.5)) // 100 * 100)
            rows.append([cellwrap(name, 175), delta, count(held), f"{pct:.2f}", kind])
        self.table("前十名股东持股情况", rows, [175, 85, 95, 55, 85], left=(0, 4))
        self.p("前十名无限售条件股东持股情况", indent=0, align="center")
        rows = [["股东名称", "持有无限售条件流通股的数量", "股份种类"]]
        for name, pct, _ in holdings:
            rows.append([cellwrap(name, 225), count(int(c.shares * pct / 100) // 100 * 100), "人民币普通股"])
        self.table("前十名无限售条件股东持股情况", rows, [225, 150, 120], left=(0, 2))
        self.p(
            "上述股东关联关系或一致行动的说明：" + f"{c.legal_rep}为{c.controller}的实际控制人，二者构成一致行动人；"
            "除此之外，公司未知其他股东之间是否存在关联关系或属于一致行动人。"
        )
        self.h("三、控股股东及实际控制人情况")
        self.kv(
            "控股股东情况",
            [
                ("名称", c.controller),
                ("单位负责人或法定代表人", c.legal_rep),
                ("成立日期", f"{2002 + len(c.full) % 7}年3月18日"),
                ("主要经营业务", "实业投资、股权投资及投资管理"),
            ],
        )
        self.kv(
            "实际控制人情况",
            [
                ("姓名", c.legal_rep),
                ("国籍", "中国"),
                ("是否取得其他国家或地区居留权", "否"),
                ("主要职业及职务", f"{c.full}董事长、{c.controller}执行董事"),
            ],
        )

    # -- 第十节 财务报告
    def financial_report(self) -> None:
        self.new_section(9)
        self.h("一、审计报告")
        if self.spec.interim:
            self.p("本半年度财务报告未经审计。")
        else:
            self.audit_report()
        self.story.append(PageBreak())
        self.h("二、财务报表")
        self.statement("合并资产负债表", BALANCE_ROWS, self.now.balance, self.start.balance, consolidated=True)
        self.statement("母公司资产负债表", PARENT_BALANCE_ROWS, self.now.parent_balance, self.start.parent_balance)
        self.statement("合并利润表", INCOME_ROWS, self.now.income, self.then.income, consolidated=True)
        self.statement("母公司利润表", PARENT_INCOME_ROWS, self.now.parent_income, self.then.parent_income)
        self.statement("合并现金流量表", CASH_ROWS, self.now.cash_flow, self.then.cash_flow, consolidated=True)
        self.statement("母公司现金流量表", CASH_ROWS, self.now.parent_cash_flow, self.then.parent_cash_flow)
        self.story.append(NextPageTemplate("wide"))
        self.story.append(PageBreak())
        self.equity_statement("合并所有者权益变动表", consolidated=True)
        self.story.append(PageBreak())
        self.equity_statement("母公司所有者权益变动表", consolidated=False)
        self.story.append(NextPageTemplate("body"))
        self.story.append(PageBreak())
        self.company_notes()
        self.policies()
        self.taxes()
        self.consolidated_notes()
        self.other_notes()
        self.parent_notes()
        self.supplementary()

    def audit_report(self) -> None:
        c, y = self.c, self.y
        inc = self.now.income
        number = f"{c.auditor[:4]}审字[{y + 1}]第{int(c.code) % 997:04d}号"
        self.story.append(Heading("审计报告", 2, toc=False))
        self.p(number, indent=0, align="center")
        self.p(f"{c.full}全体股东：", indent=0)
        self.h("一、审计意见", 3)
        self.p(
            f"我们审计了{c.full}（以下简称“{c.short}”）财务报表，包括{self.date_now}的合并及母公司资产负债表，{y}年度的"
            "合并及母公司利润表、合并及母公司现金流量表、合并及母公司所有者权益变动表以及相关财务报表附注。"
        )
        self.p(
            f"我们认为，后附的财务报表在所有重大方面按照企业会计准则的规定编制，公允反映了{c.short}{self.date_now}的合并及"
            f"母公司财务状况以及{y}年度的合并及母公司经营成果和现金流量。"
        )
        self.h("二、形成审计意见的基础", 3)
        self.p(
            "我们按照中国注册会计师审计准则的规定执行了审计工作。审计报告的“注册会计师对财务报表审计的责任”部分进一步阐述了"
            f"我们在这些准则下的责任。按照中国注册会计师职业道德守则，我们独立于{c.short}，并履行了职业道德方面的其他责任。"
            "我们相信，我们获取的审计证据是充分、适当的，为发表审计意见提供了基础。"
        )
        self.h("三、关键审计事项", 3)
        self.p(
            "关键审计事项是我们根据职业判断，认为对本期财务报表审计最为重要的事项。这些事项的应对以对财务报表整体进行审计"
            "并形成审计意见为背景，我们不对这些事项单独发表意见。"
        )
        self.p("（一）收入确认", indent=0)
        self.p(
            f"如财务报表附注七、{NOTES.index('营业收入和营业成本') + 1}所述，{y}年度{c.short}合并营业收入为"
            f"{yuan(inc['营业收入'])}元。由于营业收入是公司的关键业绩指标之一，存在管理层为了达到特定目标或期望而操纵收入"
            "确认时点的固有风险，我们将收入确认识别为关键审计事项。"
        )
        self.p(
            "我们针对收入确认执行的审计程序主要包括：了解和评价与收入确认相关的关键内部控制的设计和运行有效性；检查主要销售"
            "合同，评价收入确认政策是否符合企业会计准则的要求；执行分析性程序，分析收入和毛利率变动的合理性；抽样检查销售"
            "合同、出库单、签收单或报关单、发票及回款记录；对主要客户执行函证程序；对资产负债表日前后的收入执行截止性测试。"
        )
        self.p("（二）应收账款的预期信用损失", indent=0)
        ar = self.now.extra["应收账款账龄"]
        self.p(
            f"截至{self.date_now}，{c.short}合并财务报表中应收账款账面余额为{yuan(ar[4])}元，坏账准备为{yuan(ar[5])}元。"
            "由于应收账款金额重大，且预期信用损失的确定涉及管理层的重大判断和估计，我们将其识别为关键审计事项。"
        )
        self.p(
            "我们执行的审计程序主要包括：了解和评价与应收账款减值相关的内部控制；复核管理层计提坏账准备所依据的信息，包括"
            "客户信用状况、历史回款情况和前瞻性信息；重新计算坏账准备计提金额；检查期后回款情况。"
        )
        self.h("四、其他信息", 3)
        self.p(
            f"{c.short}管理层对其他信息负责。其他信息包括年度报告中涵盖的信息，但不包括财务报表和我们的审计报告。"
            "我们对财务报表发表的审计意见并不涵盖其他信息，我们也不对其他信息发表任何形式的鉴证结论。"
            "基于我们已执行的工作，我们没有任何需要报告的事项。"
        )
        self.h("五、管理层和治理层对财务报表的责任", 3)
        self.p(
            "管理层负责按照企业会计准则的规定编制财务报表，使其实现公允反映，并设计、执行和维护必要的内部控制，以使财务报表"
            f"不存在由于舞弊或错误导致的重大错报。在编制财务报表时，管理层负责评估{c.short}的持续经营能力，披露与持续经营"
            "相关的事项，并运用持续经营假设，除非计划进行清算、终止运营或别无其他现实的选择。治理层负责监督财务报告过程。"
        )
        self.h("六、注册会计师对财务报表审计的责任", 3)
        self.p(
            "我们的目标是对财务报表整体是否不存在由于舞弊或错误导致的重大错报获取合理保证，并出具包含审计意见的审计报告。"
            "合理保证是高水平的保证，但并不能保证按照审计准则执行的审计在某一重大错报存在时总能发现。错报可能由于舞弊或错误"
            "导致，如果合理预期错报单独或汇总起来可能影响财务报表使用者依据财务报表作出的经济决策，则通常认为错报是重大的。"
        )
        for text in (
            "（一）识别和评估由于舞弊或错误导致的财务报表重大错报风险，设计和实施审计程序以应对这些风险，并获取充分、适当的"
            "审计证据，作为发表审计意见的基础。",
            "（二）了解与审计相关的内部控制，以设计恰当的审计程序。",
            "（三）评价管理层选用会计政策的恰当性和作出会计估计及相关披露的合理性。",
            "（四）对管理层使用持续经营假设的恰当性得出结论。同时，根据获取的审计证据，就可能导致对持续经营能力产生重大疑虑的"
            "事项或情况是否存在重大不确定性得出结论。",
            "（五）评价财务报表的总体列报、结构和内容，并评价财务报表是否公允反映相关交易和事项。",
            "（六）就集团中实体或业务活动的财务信息获取充分、适当的审计证据，以对合并财务报表发表审计意见。",
        ):
            self.p(text)
        self.p(
            "我们与治理层就计划的审计范围、时间安排和重大审计发现等事项进行沟通，包括沟通我们在审计中识别出的值得关注的内部"
            "控制缺陷。我们还就已遵守与独立性相关的职业道德要求向治理层提供声明，并与治理层沟通可能被合理认为影响我们独立性"
            "的所有关系和其他事项，以及相关的防范措施。"
        )
        self.story.append(Spacer(1, 12))
        self.story.append(Line(c.auditor, f"中国注册会计师：{c.cpas[0]}（项目合伙人）"))
        city = re.search(r"([^省]{2})市", c.auditor_address)[1]
        self.story.append(Line(f"中国{city}", f"中国注册会计师：{c.cpas[1]}"))
        self.story.append(Line("", f"{y + 1}年4月{10 + len(c.key) * 3}日"))

    def statement(self, name: str, template, now: dict, then: dict, consolidated: bool = False) -> None:
        c = self.c
        balance = "资产负债表" in name
        self.story.append(CondPageBreak(160))
        self.story.append(Prose(name, size=12, indent=0, align="center", before=6, after=2))
        self.story.append(
            Prose(self.date_now if balance else self.span_short, size=BODY, indent=0, align="center", after=2)
        )
        self.story.append(Line(f"编制单位：{c.full}", "单位：元 币种：人民币", size=9))
        cols = [self.date_now, self.date_then] if balance else [self.col_now, self.col_then]
        rows = [["项目", "附注", *cols]]
        for label, key, level in template:
            ref = "" if key is None else (note(key) if consolidated else parent_note(key))
            if key == "营业收入" and consolidated:
                ref = note("营业收入和营业成本")
            if key == "营业成本" and consolidated:
                ref = note("营业收入和营业成本")
            if key in ("营业收入", "营业成本") and not consolidated:
                ref = parent_note("营业收入和营业成本")
            if key in ("基本每股收益", "稀释每股收益"):
                values = ["", ""] if not consolidated else [f"{self.now.extra[key]:.2f}", f"{self.then.extra[key]:.2f}"]
            elif key is None:
                values = ["", ""]
            else:
                assert key in now and key in then, f"{name}: the model has no line {key}"
                values = [yuan(now[key]), yuan(then[key])]
            rows.append(["\t" * level + label, ref, *values])
        keys = {label: key for label, key, _ in template}
        table = ruled(self.facts, name, rows, W4, left=(0, 1), size=9, pad=3.2)
        # Register each line under its item's plain name too ("合并利润表|营业收入|2023年度").
        for label, key in keys.items():
            if key:
                for col in cols:
                    printed = self.facts.get(f"{name}|{label}|{col}")
                    if printed is not None:
                        self.facts.setdefault(f"{name}|{key}|{col}", printed)
        self.story.append(table)
        self.story.append(Spacer(1, 4))
        self.story.append(
            Line(
                f"公司负责人：{c.legal_rep}",
                f"主管会计工作负责人：{c.cfo}    会计机构负责人：{c.accounting_head}",
                size=9,
            )
        )
        self.story.append(Spacer(1, 10))

    def equity_statement(self, name: str, consolidated: bool) -> None:
        """本期 and 上期 movements of each equity line: opening balance, comprehensive income, the
        statutory reserve, the dividend paid, closing balance."""
        c = self.c
        columns = ["实收资本（或股本）", "资本公积", "其他综合收益", "盈余公积", "未分配利润"]
        if consolidated:
            columns.append("少数股东权益")
        headers = {"实收资本（或股本）": "实收资本\n（或股本）", "少数股东权益": "少数股东\n权益"}
        for label, books_ in (("本期", self.now), ("上期", self.then)):
            opening = self.all[previous(books_.period)]
            open_bs = opening.balance if consolidated else opening.parent_balance
            end_bs = books_.balance if consolidated else books_.parent_balance
            inc = books_.income if consolidated else books_.parent_income
            oci = inc.get("归属母公司所有者的其他综合收益的税后净额") or 0
            profit = inc["归属于母公司股东的净利润"] if consolidated else inc["净利润"]
            reserve, paid = books_.extra["reserve"], books_.extra["dividend_paid"]
            moves = {
                "（一）综合收益总额": {
                    "其他综合收益": oci,
                    "未分配利润": profit,
                    "少数股东权益": inc.get("少数股东损益") or 0,
                },
                "（二）所有者投入和减少资本": {},
                "（三）利润分配": {"盈余公积": reserve, "未分配利润": -reserve - paid},
                "\t1．提取盈余公积": {"盈余公积": reserve, "未分配利润": -reserve},
                "\t2．对所有者（或股东）的分配": {"未分配利润": -paid},
                "（四）所有者权益内部结转": {},
            }
            for key in columns:
                change_ = sum(moves[m].get(key, 0) for m in ("（一）综合收益总额", "（三）利润分配"))
                assert (open_bs.get(key) or 0) + change_ == (end_bs.get(key) or 0), (name, label, key)

            def cells(values: dict[str, int]) -> list[str]:
                present = [values.get(k) for k in columns]
                total = sum(v or 0 for v in present)
                return [yuan(v) if v else "" for v in present] + [yuan(total) if any(present) else ""]

            opening_values = {k: open_bs.get(k) or 0 for k in columns}
            ending = {k: end_bs.get(k) or 0 for k in columns}
            net = {k: ending[k] - opening_values[k] for k in columns}
            period = self.col_now if label == "本期" else self.col_then
            self.story.append(Prose(name, size=12, indent=0, align="center", after=2))
            self.story.append(Prose(period, size=BODY, indent=0, align="center", after=2))
            self.story.append(Line(f"编制单位：{c.full}", "单位：元 币种：人民币", size=9))
            width = (WIDE_W - 190) / (len(columns) + 1)
            rows = [["项目", *[headers.get(k, k) for k in columns], "所有者权益\n合计"]]
            rows.append(["一、上年年末余额", *cells(opening_values)])
            rows.append(["加：会计政策变更", *[""] * (len(columns) + 1)])
            rows.append(["二、本年期初余额", *cells(opening_values)])
            rows.append([cellwrap("三、本期增减变动金额（减少以“－”号填列）", 190), *cells(net)])
            for move, values in moves.items():
                rows.append([move, *cells(values)])
            rows.append(["四、本期期末余额", *cells(ending)])
            self.table(f"{name}（{label}）", rows, [190] + [width] * (len(columns) + 1), left=(0,))
        self.story.append(
            Line(
                f"公司负责人：{c.legal_rep}",
                f"主管会计工作负责人：{c.cfo}    会计机构负责人：{c.accounting_head}",
                size=9,
            )
        )

    # -- 附注
    def company_notes(self) -> None:
        c = self.c
        self.h("三、公司基本情况")
        self.p(
            f"{c.full}（以下简称“公司”或“本公司”）系经批准设立的股份有限公司，统一社会信用代码9132{c.code}MA1{c.abbr[:3]}，"
            f"注册地址为{c.reg_address}，法定代表人为{c.legal_rep}。公司股票于上海证券交易所上市，股票代码{c.code}。"
            f"截至{self.date_now}，公司注册资本为人民币{count(c.shares)}元，股份总数{count(c.shares)}股（每股面值1元）。"
        )
        self.p(c.business)
        self.p(
            f"本财务报表业经公司董事会于{self.y + (0 if self.spec.interim else 1)}年"
            f"{'8' if self.spec.interim else '4'}月{10 + len(c.key) * 3}日批准报出。"
        )
        self.p("本期纳入合并财务报表范围的子公司共" + "一二三四五六"[len(c.subsidiaries) - 1] + "家，具体如下：")
        rows = [["子公司名称", "主要经营地", "业务性质", "持股比例（%）", "取得方式"]]
        for name, _, business, held in c.subsidiaries:
            place = "泰国" if "泰国" in name else "香港" if "香港" in name else c.reg_address[:3]
            rows.append([cellwrap(name, 150), place, cellwrap(business, 130), str(held), "设立"])
        self.table("纳入合并范围的子公司", rows, [150, 70, 130, 70, 75], left=(0, 1, 2, 4))
        self.h("四、财务报表的编制基础")
        self.p(
            "本公司以持续经营为基础，根据实际发生的交易和事项，按照财政部发布的《企业会计准则——基本准则》和各项具体会计准则、"
            "企业会计准则应用指南、企业会计准则解释及其他相关规定进行确认和计量，并在此基础上编制财务报表。"
        )
        self.p("本公司自报告期末起12个月内具备持续经营能力，不存在导致对持续经营能力产生重大疑虑的事项或情况。")

    def policies(self) -> None:
        c = self.c
        self.h("五、重要会计政策及会计估计")
        for n, (title, text) in enumerate(POLICIES, start=1):
            self.p(f"{n}. {title}", indent=0, before=3)
            self.p(text.format(short=c.short, end=self.date_now))
            if title == "应收款项的预期信用损失":
                rows = [
                    ["账龄", "应收账款预期信用损失率（%）", "其他应收款预期信用损失率（%）"],
                    ["1年以内（含1年）", "5.00", "5.00"],
                    ["1－2年", "10.00", "10.00"],
                    ["2－3年", "30.00", "30.00"],
                    ["3年以上", "100.00", "100.00"],
                ]
                self.table("账龄组合预期信用损失率", rows, [165, 165, 165], left=(0,))
            if title == "固定资产":
                rows = [
                    ["类别", "折旧方法", "折旧年限（年）", "残值率（%）", "年折旧率（%）"],
                    ["房屋及建筑物", "年限平均法", "20", "5.00", "4.75"],
                    ["机器设备", "年限平均法", "5－10", "5.00", "9.50－19.00"],
                    ["运输工具", "年限平均法", "4－5", "5.00", "19.00－23.75"],
                    ["电子设备及其他", "年限平均法", "3－5", "5.00", "19.00－31.67"],
                ]
                self.table("固定资产折旧方法", rows, [125, 90, 90, 90, 100], left=(0, 1))
            if title == "收入":
                self.p(REVENUE_POLICY[c.key])

    def taxes(self) -> None:
        c = self.c
        self.h("六、税项")
        rate = "15"
        rows = [
            ["税种", "计税依据", "税率"],
            [
                "增值税",
                cellwrap(
                    "以按税法规定计算的销售货物和应税劳务收入为基础计算销项税额，扣除当期允许抵扣的进项税额后的差额",
                    290,
                ),
                "13%、9%、6%",
            ],
            ["城市维护建设税", "实际缴纳的流转税税额", "7%"],
            ["教育费附加", "实际缴纳的流转税税额", "3%"],
            ["地方教育附加", "实际缴纳的流转税税额", "2%"],
            ["企业所得税", "应纳税所得额", f"{rate}%、25%"],
        ]
        self.table("主要税种及税率", rows, [110, 290, 95], left=(0, 1, 2))
        self.p(
            f"本公司于{self.y - 1}年通过高新技术企业资格复审，取得《高新技术企业证书》，有效期三年，报告期内企业所得税"
            "按15%的优惠税率计缴。除上述税收优惠外，境内子公司按25%的税率计缴企业所得税。"
            + (
                "泰国子公司适用当地20%的企业所得税税率。"
                if c.key == "jn"
                else "香港子公司适用16.5%的利得税税率。"
                if c.key == "mh"
                else ""
            )
        )

    def consolidated_notes(self) -> None:
        self.h("七、合并财务报表项目注释")
        self.p(
            "以下注释项目除非特别注明，期初系指上年年末，期末系指报告期末；本期系指报告期，上期系指上年同期。金额单位为人民币元。"
        )
        special = {
            "货币资金": self.note_cash,
            "应收账款": self.note_receivables,
            "存货": self.note_inventory,
            "固定资产": self.note_fixed_assets,
            "无形资产": lambda: self.note_parts(
                "无形资产", "无形资产明细", "无形资产情况", ("项目", "期末账面价值", "期初账面价值")
            ),
            "短期借款": lambda: self.note_parts("短期借款", "短期借款明细", "短期借款分类"),
            "应付职工薪酬": lambda: self.note_parts("应付职工薪酬", "应付职工薪酬明细", "应付职工薪酬"),
            "未分配利润": self.note_retained,
            "营业收入和营业成本": self.note_revenue,
            "税金及附加": lambda: self.note_parts("税金及附加", "税金及附加明细", "税金及附加", income=True),
            "销售费用": lambda: self.note_parts("销售费用", "销售费用明细", "销售费用", income=True),
            "管理费用": lambda: self.note_parts("管理费用", "管理费用明细", "管理费用", income=True),
            "研发费用": lambda: self.note_parts("研发费用", "研发费用明细", "研发费用", income=True),
            "财务费用": self.note_finance,
            "其他收益": lambda: self.note_parts("其他收益", "其他收益明细", "其他收益", income=True),
            "所得税费用": lambda: self.note_parts("所得税费用", "所得税费用明细", "所得税费用", income=True),
            "现金流量表补充资料": self.note_cash_flow,
        }
        for n, item in enumerate(NOTES, start=1):
            title = "股本" if item == "实收资本（或股本）" else item
            self.story.append(CondPageBreak(70))
            self.p(f"{n}. {title}", indent=0, before=4)
            if item in special:
                special[item]()
            else:
                self.note_breakdown(item, title)

    W3 = (215, 140, 140)

    def _split(self, books_: Books, item: str, total: int) -> list[int]:
        """A statement line in parts, the same for a period in every report that prints it."""
        weights = [w for _, w in BREAKDOWNS[item]]
        if item == "投资收益":
            assoc = books_.income["对联营企业和合营企业的投资收益"]
            return [assoc, total - assoc]
        return dice(self.c, books_.period, f"note {item}").split(total, weights, 1, 0.1)

    def note_breakdown(self, item: str, title: str) -> None:
        income = item in self.now.income
        if income:
            now, then, books_ = self.now.income, self.then.income, (self.now, self.then)
            header = ["项目", "本期发生额", "上期发生额"]
        else:
            now, then, books_ = self.now.balance, self.start.balance, (self.now, self.start)
            header = ["项目", "期末余额", "期初余额"]
        a, b = now.get(item) or 0, then.get(item) or 0
        parts_a, parts_b = self._split(books_[0], item, a), self._split(books_[1], item, b)
        rows = [header] + [
            [name, yuan(x), yuan(y)] for (name, _), x, y in zip(BREAKDOWNS[item], parts_a, parts_b, strict=True)
        ]
        rows.append(["合计", yuan(a), yuan(b)])
        self.table(title, rows, list(self.W3), left=(0,))

    def note_parts(self, item: str, key: str, name: str, header: tuple[str, ...] = (), income: bool = False) -> None:
        now, other = (self.now, self.then) if income else (self.now, self.start)
        header = header or (("项目", "本期发生额", "上期发生额") if income else ("项目", "期末余额", "期初余额"))
        before = dict(other.extra[key])
        rows = [list(header)] + [[n, yuan(a), yuan(before[n])] for n, a in now.extra[key]]
        source = (now.income, other.income) if income else (now.balance, other.balance)
        rows.append(["合计", yuan(source[0][item]), yuan(source[1][item])])
        self.table(name, rows, list(self.W3), left=(0,))

    def note_cash(self) -> None:
        bs, obs = self.now.balance, self.start.balance
        rows = [["项目", "期末余额", "期初余额"]] + [
            [k, yuan(bs[k]), yuan(obs[k])] for k in ("库存现金", "银行存款", "其他货币资金")
        ]
        rows.append(["合计", yuan(bs["货币资金"]), yuan(obs["货币资金"])])
        self.table("货币资金", rows, list(self.W3), left=(0,))
        self.p(
            f"期末其他货币资金{yuan(bs['其他货币资金'])}元为银行承兑汇票保证金，使用受到限制，未作为现金及现金等价物。"
        )

    def note_receivables(self) -> None:
        x, ox = self.now.extra, self.start.extra
        self.p("（1）按账龄披露", indent=0)
        labels = ["1年以内（含1年）", "1至2年", "2至3年", "3年以上", "小计", "减：坏账准备", "合计"]
        rows = [["账龄", "期末账面余额", "期初账面余额"]]
        rows += [
            [label, yuan(a), yuan(b)] for label, a, b in zip(labels, x["应收账款账龄"], ox["应收账款账龄"], strict=True)
        ]
        self.table("应收账款账龄", rows, list(self.W3), left=(0,))
        top = dice(self.c, self.now.period, "receivable top5").of(x["应收账款账龄"][4], 0.31, 0.1)
        self.p(
            f"（2）按欠款方归集的期末余额前五名的应收账款情况：期末余额前五名的应收账款合计{yuan(top)}元，占应收账款期末余额"
            f"合计数的比例为{share(top, x['应收账款账龄'][4])}%。"
        )

    def note_inventory(self) -> None:
        x, ox = self.now.extra, self.start.extra
        rows = [
            ["项目", "期末余额", "", "", "期初余额", "", ""],
            ["", "账面余额", "存货跌价准备", "账面价值", "账面余额", "存货跌价准备", "账面价值"],
        ]
        before = {n: (g, p, v) for n, g, p, v in ox["存货明细"]}
        for name, g, p_, v in x["存货明细"]:
            og, op, ov = before[name]
            rows.append([name, yuan(g), yuan(p_), yuan(v), yuan(og), yuan(op), yuan(ov)])
        totals = [sum(r[i] for r in x["存货明细"]) for i in (1, 2, 3)] + [
            sum(r[i] for r in ox["存货明细"]) for i in (1, 2, 3)
        ]
        rows.append(["合计", *[yuan(t) for t in totals]])
        self.table(
            "存货分类",
            rows,
            [61, 74, 72, 74, 74, 66, 74],
            headers=(0, 1),
            left=(0,),
            spans=(((1, 0), (3, 0)), ((4, 0), (6, 0)), ((0, 0), (0, 1))),
            size=7.5,
        )

    def note_fixed_assets(self) -> None:
        bs, obs, x, ox = self.now.balance, self.start.balance, self.now.extra, self.start.extra
        rows = [
            ["项目", "期末余额", "期初余额"],
            ["固定资产", yuan(bs["固定资产"]), yuan(obs["固定资产"])],
            ["固定资产清理", "", ""],
            ["合计", yuan(bs["固定资产"]), yuan(obs["固定资产"])],
        ]
        self.table("固定资产", rows, list(self.W3), left=(0,))
        rows = [["项目", "期末账面价值", "期初账面价值"]]
        rows += [[n, yuan(a), yuan(b)] for (n, a), (_, b) in zip(x["固定资产明细"], ox["固定资产明细"], strict=True)]
        rows.append(["合计", yuan(bs["固定资产"]), yuan(obs["固定资产"])])
        self.table("固定资产情况", rows, list(self.W3), left=(0,))

    def note_retained(self) -> None:
        now, then, x = self.now, self.then, self.now.extra
        obs = self.start.balance
        then_open = self.all[previous(then.period)].balance["未分配利润"]
        rows = [
            ["项目", "本期", "上期"],
            ["调整前上期末未分配利润", yuan(obs["未分配利润"]), yuan(then_open)],
            ["调整后期初未分配利润", yuan(obs["未分配利润"]), yuan(then_open)],
            [
                "加：本期归属于母公司所有者的净利润",
                yuan(now.income["归属于母公司股东的净利润"]),
                yuan(then.income["归属于母公司股东的净利润"]),
            ],
            ["减：提取法定盈余公积", yuan(x["reserve"]), yuan(then.extra["reserve"])],
            ["应付普通股股利", yuan(x["dividend_paid"]), yuan(then.extra["dividend_paid"])],
            ["期末未分配利润", yuan(now.balance["未分配利润"]), yuan(then.balance["未分配利润"])],
        ]
        self.table("未分配利润", rows, list(self.W3), left=(0,))

    def note_revenue(self) -> None:
        now, then, x = self.now, self.then, self.now.extra
        rows = [["项目", "本期发生额", "", "上期发生额", ""], ["", "收入", "成本", "收入", "成本"]]
        for label, r_key, c_key in (
            ("主营业务", "主营业务收入", "主营业务成本"),
            ("其他业务", "其他业务收入", "其他业务成本"),
        ):
            rows.append([label, yuan(x[r_key]), yuan(x[c_key]), yuan(then.extra[r_key]), yuan(then.extra[c_key])])
        rows.append(
            [
                "合计",
                yuan(now.income["营业收入"]),
                yuan(now.income["营业成本"]),
                yuan(then.income["营业收入"]),
                yuan(then.income["营业成本"]),
            ]
        )
        self.table(
            "营业收入和营业成本",
            rows,
            [95, 100, 100, 100, 100],
            headers=(0, 1),
            left=(0,),
            spans=(((1, 0), (2, 0)), ((3, 0), (4, 0)), ((0, 0), (0, 1))),
        )

    def note_finance(self) -> None:
        now, then = self.now.income, self.then.income
        rows = [["项目", "本期发生额", "上期发生额"]]
        for label, key in (
            ("利息支出", "利息费用"),
            ("减：利息收入", "利息收入"),
            ("汇兑损益", "汇兑损益"),
            ("手续费及其他", "手续费及其他"),
        ):
            rows.append([label, yuan(now[key]), yuan(then[key])])
        rows.append(["合计", yuan(now["财务费用"]), yuan(then["财务费用"])])
        self.table("财务费用", rows, list(self.W3), left=(0,))

    def note_cash_flow(self) -> None:
        now, then = self.now, self.then
        self.p("（1）将净利润调节为经营活动现金流量", indent=0)
        before = dict(then.extra["现金流量表补充资料"])
        rows = [["补充资料", "本期金额", "上期金额"]]
        rows += [[cellwrap(n, 215), yuan(a), yuan(before[n])] for n, a in now.extra["现金流量表补充资料"]]
        self.table("现金流量表补充资料", rows, list(self.W3), left=(0,))
        self.p("（2）现金及现金等价物净变动情况", indent=0)
        cf, pcf = now.cash_flow, then.cash_flow
        rows = [
            ["补充资料", "本期金额", "上期金额"],
            ["现金的期末余额", yuan(cf["期末现金及现金等价物余额"]), yuan(pcf["期末现金及现金等价物余额"])],
            ["减：现金的期初余额", yuan(cf["期初现金及现金等价物余额"]), yuan(pcf["期初现金及现金等价物余额"])],
            ["现金及现金等价物净增加额", yuan(cf["现金及现金等价物净增加额"]), yuan(pcf["现金及现金等价物净增加额"])],
        ]
        self.table("现金及现金等价物净变动情况", rows, list(self.W3), left=(0,))

    def other_notes(self) -> None:
        c = self.c
        self.h("八、合并范围的变更")
        self.p("报告期内，公司合并范围未发生变更。")
        self.h("九、与金融工具相关的风险")
        self.p(
            "公司在经营过程中面临各种金融风险：信用风险、流动性风险和市场风险（包括汇率风险和利率风险）。公司管理层全面负责"
            "风险管理目标和政策的确定，并对风险管理目标和政策承担最终责任。"
        )
        self.p(
            "信用风险主要来自货币资金、应收票据、应收账款和其他应收款等。公司的银行存款主要存放于信用评级较高的银行；对于"
            "应收款项，公司根据客户的信用状况设定信用额度和信用期限，并定期监控客户的信用记录。"
        )
        self.p(
            "流动性风险是指公司在履行以交付现金或其他金融资产的方式结算的义务时发生资金短缺的风险。公司通过维持充足的货币资金"
            "和银行授信额度，确保能够履行到期债务。"
        )
        self.h("十、关联方及关联交易")
        self.kv(
            "本公司的母公司情况",
            [
                ("母公司名称", c.controller),
                ("注册地", c.reg_address[:3]),
                ("业务性质", "实业投资、股权投资"),
                ("母公司对本公司的持股比例（%）", f"{c.controller_share:.2f}"),
                ("本公司最终控制方", c.legal_rep),
            ],
        )
        self.p(
            "报告期内，公司与关联方之间发生的关联交易金额较小，均按照市场价格定价。"
            "公司关键管理人员报酬详见“第四节 公司治理”。"
        )
        self.h("十一、承诺及或有事项")
        self.p("截至资产负债表日，公司不存在需要披露的重要承诺及或有事项。")
        self.h("十二、资产负债表日后事项")
        if self.spec.interim:
            self.p("截至本报告批准报出日，公司不存在需要披露的资产负债表日后事项。")
        else:
            x = self.now.extra
            self.p(
                f"根据公司董事会决议，公司拟以{self.y}年度权益分派股权登记日的总股本为基数，向全体股东每10股派发现金红利"
                f"{x['per10']:.2f}元（含税），合计派发现金红利{yuan(x['dividend'])}元。该预案尚需股东大会审议通过。"
            )
        self.h("十三、其他重要事项")
        self.p("报告期内，公司不存在需要披露的其他重要事项。")

    def parent_notes(self) -> None:
        c, now, start, then = self.c, self.now, self.start, self.then
        x, ox = now.extra, start.extra
        self.h("十四、母公司财务报表主要项目注释")
        w3 = [215, 140, 140]
        self.p("1. 应收账款", indent=0)
        labels = ["1年以内（含1年）", "1至2年", "2至3年", "3年以上", "小计", "减：坏账准备", "合计"]
        rows = [["账龄", "期末账面余额", "期初账面余额"]]
        rows += [
            [label, yuan(a), yuan(b)]
            for label, a, b in zip(labels, x["母公司应收账款账龄"], ox["母公司应收账款账龄"], strict=True)
        ]
        self.table("母公司应收账款账龄", rows, w3, left=(0,))
        self.p("2. 长期股权投资", indent=0)
        rows = [["被投资单位", "期末余额", "期初余额"]]
        names = [name for name, *_ in c.subsidiaries] + ["对联营企业投资"]
        rows += [
            [cellwrap(n, 215), yuan(a), yuan(b)]
            for n, a, b in zip(names, x["母公司长期股权投资"], ox["母公司长期股权投资"], strict=True)
        ]
        rows.append(["合计", yuan(now.parent_balance["长期股权投资"]), yuan(start.parent_balance["长期股权投资"])])
        self.table("母公司长期股权投资", rows, w3, left=(0,))
        self.p("3. 营业收入和营业成本", indent=0)
        rows = [["项目", "本期发生额", "", "上期发生额", ""], ["", "收入", "成本", "收入", "成本"]]
        for label, r_key, c_key in (
            ("主营业务", "母公司主营业务收入", "母公司主营业务成本"),
            ("其他业务", "母公司其他业务收入", "母公司其他业务成本"),
        ):
            rows.append([label, yuan(x[r_key]), yuan(x[c_key]), yuan(then.extra[r_key]), yuan(then.extra[c_key])])
        rows.append(
            [
                "合计",
                yuan(now.parent_income["营业收入"]),
                yuan(now.parent_income["营业成本"]),
                yuan(then.parent_income["营业收入"]),
                yuan(then.parent_income["营业成本"]),
            ]
        )
        self.table(
            "母公司营业收入和营业成本",
            rows,
            [95, 100, 100, 100, 100],
            headers=(0, 1),
            left=(0,),
            spans=(((1, 0), (2, 0)), ((3, 0), (4, 0)), ((0, 0), (0, 1))),
        )
        self.p("4. 投资收益", indent=0)
        before_ = dict(then.extra["母公司投资收益"])
        rows = [["项目", "本期发生额", "上期发生额"]] + [[n, yuan(a), yuan(before_[n])] for n, a in x["母公司投资收益"]]
        rows.append(["合计", yuan(now.parent_income["投资收益"]), yuan(then.parent_income["投资收益"])])
        self.table("母公司投资收益", rows, w3, left=(0,))

    def supplementary(self) -> None:
        now = self.now
        self.h("十五、补充资料")
        self.p("1. 当期非经常性损益明细表", indent=0)
        w = [330, 165]
        rows = [["项目", "金额"]] + [
            [cellwrap(label, w[0]), nonrecurring(now, n)] for n, label in enumerate(NONRECURRING)
        ]
        self.table("当期非经常性损益明细表", rows, w, left=(0,))
        self.p("2. 净资产收益率及每股收益", indent=0)
        x = now.extra
        rows = [
            ["报告期利润", "加权平均净资产\n收益率（%）", "每股收益", ""],
            ["", "", "基本每股收益", "稀释每股收益"],
            [
                "归属于公司普通股股东的净利润",
                f"{x['加权平均净资产收益率']:.2f}",
                f"{x['基本每股收益']:.2f}",
                f"{x['稀释每股收益']:.2f}",
            ],
            [
                cellwrap("扣除非经常性损益后归属于公司普通股股东的净利润", 195),
                f"{x['扣非加权平均净资产收益率']:.2f}",
                f"{x['扣非每股收益']:.2f}",
                f"{x['扣非每股收益']:.2f}",
            ],
        ]
        self.table(
            "净资产收益率及每股收益",
            rows,
            [195, 100, 100, 100],
            headers=(0, 1),
            left=(0,),
            spans=(((2, 0), (3, 0)), ((0, 0), (0, 1)), ((1, 0), (1, 1))),
        )
        self.story.append(Spacer(1, 20))
        self.story.append(Line("", f"董事长：{self.c.legal_rep}"))
        self.story.append(
            Line(
                "",
                f"董事会批准报送日期：{self.y + (0 if self.spec.interim else 1)}年"
                f"{'8' if self.spec.interim else '4'}月{10 + len(self.c.key) * 3}日",
            )
        )


MODES = [
    (
        "采购模式",
        "{short}实行“以产定购”的采购模式，由采购部门根据生产计划和安全库存确定采购需求，对主要原材料建立合格"
        "供应商名录，通过询价、比价和招标等方式确定供应商，并定期对供应商的质量、交期和价格进行考核。",
    ),
    (
        "生产模式",
        "{short}主要采用“以销定产、适度备货”的生产模式，根据客户订单和销售预测编制生产计划，对通用型号保持合理"
        "库存，对定制产品按订单组织生产，关键工序由公司自主完成。",
    ),
    (
        "销售模式",
        "{short}以直销为主、经销为辅，直接面向下游客户开展销售，通过参加行业展会、技术交流和客户走访等方式"
        "开拓市场，对境外市场通过当地子公司及代理商进行销售。",
    ),
    (
        "研发模式",
        "{short}以自主研发为主，同时与高校和科研院所开展产学研合作。研发项目经立项评审后实施，按照方案设计、"
        "样品试制、验证测试和批量转化的流程进行管理。",
    ),
]
_CAREERS = [
    "曾任某研究院工程师、某制造企业技术部经理，公司创始人之一",
    "曾任某大型企业集团事业部总经理、副总裁",
    "曾任某会计师事务所审计经理、某上市公司财务部经理",
    "曾任某投资公司投资总监",
    "现任某大学教授、博士生导师",
    "现任某律师事务所合伙人",
    "注册会计师，现任某大学会计学院副教授",
    "曾任公司生产部经理、质量部经理",
    "曾任公司行政部主管、人力资源部经理",
    "曾任公司工艺工程师、车间主任",
    "曾任公司销售部经理、营销中心总监",
    "曾任某证券公司投资银行部项目经理",
]


def biography(n: int, name: str, role: str, sex: str, age: int, year: int) -> str:
    """A made-up career summary in the usual form of the 主要工作经历 paragraphs."""
    education = ["硕士研究生", "本科", "博士研究生", "本科", "博士研究生"][n % 5]
    career = _CAREERS[n % len(_CAREERS)]
    return (
        f"{name}，{sex}，{year - age}年出生，中国国籍，无境外永久居留权，{education}学历。{career}。"
        f"现任公司{role.replace('（离任）', '')}。"
    )


def _rows(spec: str) -> list[tuple[str, str | None, int]]:
    """Statement lines from a compact spec: one line each, `level|printed label|key` (key `-` for a
    heading line without figures, empty for the label itself)."""
    rows = []
    for line in spec.strip().splitlines():
        level, label, key = [*line.strip().split("|"), ""][:3]
        rows.append((label, None if key == "-" else key or label, int(level)))
    return rows


BALANCE_ROWS = _rows("""
0|流动资产：|-
1|货币资金
1|交易性金融资产
1|应收票据
1|应收账款
1|应收款项融资
1|预付款项
1|其他应收款
1|存货
1|合同资产
1|其他流动资产
1|流动资产合计
0|非流动资产：|-
1|长期股权投资
1|其他权益工具投资
1|投资性房地产
1|固定资产
1|在建工程
1|使用权资产
1|无形资产
1|开发支出
1|商誉
1|长期待摊费用
1|递延所得税资产
1|其他非流动资产
1|非流动资产合计
0|资产总计
0|流动负债：|-
1|短期借款
1|应付票据
1|应付账款
1|合同负债
1|应付职工薪酬
1|应交税费
1|其他应付款
1|一年内到期的非流动负债
1|其他流动负债
1|流动负债合计
0|非流动负债：|-
1|长期借款
1|租赁负债
1|预计负债
1|递延收益
1|递延所得税负债
1|非流动负债合计
0|负债合计
0|所有者权益（或股东权益）：|-
1|实收资本（或股本）
1|资本公积
1|减：库存股|库存股
1|其他综合收益
1|盈余公积
1|未分配利润
1|归属于母公司所有者权益（或股东权益）合计
1|少数股东权益
0|所有者权益（或股东权益）合计
0|负债和所有者权益（或股东权益）总计
""")
PARENT_BALANCE_ROWS = [
    row for row in BALANCE_ROWS if row[1] not in ("归属于母公司所有者权益（或股东权益）合计", "少数股东权益")
]

INCOME_ROWS = _rows("""
0|一、营业总收入|营业总收入
1|其中：营业收入|营业收入
0|二、营业总成本|营业总成本
1|其中：营业成本|营业成本
2|税金及附加
2|销售费用
2|管理费用
2|研发费用
2|财务费用
3|其中：利息费用|利息费用
4|利息收入
1|加：其他收益|其他收益
1|投资收益（损失以“－”号填列）|投资收益
2|其中：对联营企业和合营企业的投资收益|对联营企业和合营企业的投资收益
1|公允价值变动收益（损失以“－”号填列）|公允价值变动收益
1|信用减值损失（损失以“－”号填列）|信用减值损失
1|资产减值损失（损失以“－”号填列）|资产减值损失
1|资产处置收益（损失以“－”号填列）|资产处置收益
0|三、营业利润（亏损以“－”号填列）|营业利润
1|加：营业外收入|营业外收入
1|减：营业外支出|营业外支出
0|四、利润总额（亏损总额以“－”号填列）|利润总额
1|减：所得税费用|所得税费用
0|五、净利润（净亏损以“－”号填列）|净利润
1|（一）按经营持续性分类|-
2|1.持续经营净利润（净亏损以“－”号填列）|持续经营净利润
2|2.终止经营净利润（净亏损以“－”号填列）|终止经营净利润
1|（二）按所有权归属分类|-
2|1.归属于母公司股东的净利润（净亏损以“－”号填列）|归属于母公司股东的净利润
2|2.少数股东损益（净亏损以“－”号填列）|少数股东损益
0|六、其他综合收益的税后净额|其他综合收益的税后净额
1|（一）归属母公司所有者的其他综合收益的税后净额|归属母公司所有者的其他综合收益的税后净额
2|1.不能重分类进损益的其他综合收益|不能重分类进损益的其他综合收益
2|2.将重分类进损益的其他综合收益|将重分类进损益的其他综合收益
3|（1）外币财务报表折算差额|外币财务报表折算差额
1|（二）归属于少数股东的其他综合收益的税后净额|归属于少数股东的其他综合收益的税后净额
0|七、综合收益总额|综合收益总额
1|（一）归属于母公司所有者的综合收益总额|归属于母公司所有者的综合收益总额
1|（二）归属于少数股东的综合收益总额|归属于少数股东的综合收益总额
0|八、每股收益：|-
1|（一）基本每股收益(元/股)|基本每股收益
1|（二）稀释每股收益(元/股)|稀释每股收益
""")
PARENT_INCOME_ROWS = _rows("""
0|一、营业收入|营业收入
1|减：营业成本|营业成本
2|税金及附加
2|销售费用
2|管理费用
2|研发费用
2|财务费用
3|其中：利息费用|利息费用
4|利息收入
1|加：其他收益|其他收益
1|投资收益（损失以“－”号填列）|投资收益
2|其中：对联营企业和合营企业的投资收益|对联营企业和合营企业的投资收益
1|公允价值变动收益（损失以“－”号填列）|公允价值变动收益
1|信用减值损失（损失以“－”号填列）|信用减值损失
1|资产减值损失（损失以“－”号填列）|资产减值损失
1|资产处置收益（损失以“－”号填列）|资产处置收益
0|二、营业利润（亏损以“－”号填列）|营业利润
1|加：营业外收入|营业外收入
1|减：营业外支出|营业外支出
0|三、利润总额（亏损总额以“－”号填列）|利润总额
1|减：所得税费用|所得税费用
0|四、净利润（净亏损以“－”号填列）|净利润
1|（一）持续经营净利润（净亏损以“－”号填列）|持续经营净利润
1|（二）终止经营净利润（净亏损以“－”号填列）|终止经营净利润
0|五、其他综合收益的税后净额|其他综合收益的税后净额
0|六、综合收益总额|综合收益总额
0|七、每股收益：|-
1|（一）基本每股收益(元/股)|基本每股收益
1|（二）稀释每股收益(元/股)|稀释每股收益
""")
CASH_ROWS = _rows("""
0|一、经营活动产生的现金流量：|-
1|销售商品、提供劳务收到的现金
1|收到的税费返还
1|收到其他与经营活动有关的现金
1|经营活动现金流入小计
1|购买商品、接受劳务支付的现金
1|支付给职工及为职工支付的现金
1|支付的各项税费
1|支付其他与经营活动有关的现金
1|经营活动现金流出小计
1|经营活动产生的现金流量净额
0|二、投资活动产生的现金流量：|-
1|收回投资收到的现金
1|取得投资收益收到的现金
1|处置固定资产、无形资产和其他长期资产收回的现金净额
1|投资活动现金流入小计
1|购建固定资产、无形资产和其他长期资产支付的现金
1|投资支付的现金
1|投资活动现金流出小计
1|投资活动产生的现金流量净额
0|三、筹资活动产生的现金流量：|-
1|吸收投资收到的现金
1|取得借款收到的现金
1|收到其他与筹资活动有关的现金
1|筹资活动现金流入小计
1|偿还债务支付的现金
1|分配股利、利润或偿付利息支付的现金
1|支付其他与筹资活动有关的现金
1|筹资活动现金流出小计
1|筹资活动产生的现金流量净额
0|四、汇率变动对现金及现金等价物的影响|汇率变动对现金及现金等价物的影响
0|五、现金及现金等价物净增加额|现金及现金等价物净增加额
1|加：期初现金及现金等价物余额|期初现金及现金等价物余额
0|六、期末现金及现金等价物余额|期末现金及现金等价物余额
""")

POLICIES = [
    (
        "遵循企业会计准则的声明",
        "本公司编制的财务报表符合企业会计准则的要求，真实、完整地反映了公司的财务状况、经营成果和现金流量等有关信息。",
    ),
    ("会计期间", "本公司的会计年度自公历1月1日起至12月31日止。"),
    ("营业周期", "本公司以12个月作为一个营业周期，并以其作为资产和负债的流动性划分标准。"),
    (
        "记账本位币",
        "本公司及境内子公司以人民币为记账本位币。境外子公司根据其经营所处的主要经济环境确定记账本位币，"
        "编制财务报表时折算为人民币。",
    ),
    (
        "同一控制下和非同一控制下企业合并的会计处理方法",
        "同一控制下的企业合并，合并方在合并中取得的资产和负债，按照合并日被合并方在最终控制方合并财务报表中的账面价值计量；"
        "取得的净资产账面价值与支付的合并对价账面价值的差额，调整资本公积，资本公积不足冲减的，调整留存收益。"
        "非同一控制下的企业合并，购买方在购买日对合并成本大于合并中取得的被购买方可辨认净资产公允价值份额的差额，确认为商誉；"
        "小于的差额，经复核后计入当期损益。",
    ),
    (
        "合并财务报表的编制方法",
        "合并财务报表的合并范围以控制为基础确定，包括本公司及全部子公司。合并财务报表以本公司和子公司的财务报表为基础，"
        "由本公司按照《企业会计准则第33号——合并财务报表》编制。编制时，母公司与子公司之间、子公司相互之间的内部交易、"
        "往来余额及未实现损益均予以抵销；子公司所有者权益中不属于母公司的份额，作为少数股东权益在合并资产负债表中"
        "所有者权益项目下单独列示。",
    ),
    (
        "现金及现金等价物的确定标准",
        "现金是指库存现金以及可以随时用于支付的存款。现金等价物是指持有的期限短（一般是指从购买日起三个月内到期）、"
        "流动性强、易于转换为已知金额现金、价值变动风险很小的投资。",
    ),
    (
        "外币业务和外币报表折算",
        "外币交易在初始确认时，采用交易发生日的即期汇率折算为记账本位币金额。资产负债表日，外币货币性项目采用资产负债表日"
        "即期汇率折算，因汇率不同而产生的汇兑差额计入当期损益。境外经营的资产和负债项目采用资产负债表日的即期汇率折算，"
        "收入和费用项目采用交易发生日的即期汇率或近似汇率折算，产生的外币财务报表折算差额计入其他综合收益。",
    ),
    (
        "金融工具",
        "本公司成为金融工具合同的一方时，确认一项金融资产或金融负债。本公司根据管理金融资产的业务模式和金融资产的合同现金流量"
        "特征，将金融资产分类为以摊余成本计量的金融资产、以公允价值计量且其变动计入其他综合收益的金融资产和以公允价值计量"
        "且其变动计入当期损益的金融资产。金融负债于初始确认时分类为以公允价值计量且其变动计入当期损益的金融负债和以摊余成本"
        "计量的金融负债。金融资产和金融负债在初始确认时以公允价值计量。收取该金融资产现金流量的合同权利终止，或该金融资产已"
        "转移且符合终止确认条件的，终止确认该金融资产。",
    ),
    (
        "应收款项的预期信用损失",
        "本公司以预期信用损失为基础，对以摊余成本计量的金融资产、合同资产等进行减值会计处理并确认损失准备。对于应收账款和"
        "合同资产，无论是否存在重大融资成分，本公司均按照整个存续期的预期信用损失计量损失准备。当单项金融资产无法以合理成本"
        "评估预期信用损失的信息时，本公司依据信用风险特征将应收款项划分为若干组合，在组合基础上计算预期信用损失。"
        "账龄组合的预期信用损失率如下：",
    ),
    (
        "存货",
        "存货包括原材料、在产品、库存商品、发出商品等。存货按成本进行初始计量，发出存货采用月末一次加权平均法计价。"
        "存货的盘存制度为永续盘存制。资产负债表日，存货按照成本与可变现净值孰低计量，对成本高于可变现净值的，计提存货跌价准备，"
        "计入当期损益。可变现净值按存货的估计售价减去至完工时估计将要发生的成本、估计的销售费用以及相关税费后的金额确定。",
    ),
    (
        "长期股权投资",
        "对子公司的投资，在母公司财务报表中采用成本法核算，在编制合并财务报表时按权益法调整后进行合并；对合营企业和联营企业的"
        "投资，采用权益法核算。采用成本法核算时，被投资单位宣告分派的现金股利或利润，确认为当期投资收益。",
    ),
    (
        "固定资产",
        "固定资产是指为生产商品、提供劳务、出租或经营管理而持有的，使用寿命超过一个会计年度的有形资产。固定资产在同时满足"
        "与其有关的经济利益很可能流入企业、其成本能够可靠计量时予以确认。固定资产按成本进行初始计量，采用年限平均法计提折旧。"
        "各类固定资产的折旧方法、折旧年限、残值率和年折旧率如下：",
    ),
    (
        "在建工程",
        "在建工程按实际发生的成本计量，包括建筑费用、机器设备原价、其他为使在建工程达到预定可使用状态所发生的必要支出。"
        "在建工程达到预定可使用状态时，按估计价值转入固定资产，待办理竣工决算后再按实际成本调整原暂估价值。",
    ),
    (
        "借款费用",
        "可直接归属于符合资本化条件的资产的购建或者生产的借款费用，予以资本化，计入相关资产成本；其他借款费用，"
        "在发生时确认为费用，计入当期损益。",
    ),
    (
        "无形资产",
        "无形资产包括土地使用权、软件、专利权及非专利技术等，按成本进行初始计量。使用寿命有限的无形资产，在使用寿命内采用"
        "直线法摊销。内部研究开发项目研究阶段的支出，于发生时计入当期损益；开发阶段的支出，同时满足技术上可行、具有完成并"
        "使用或出售的意图、能够带来经济利益、有足够的资源支持以及支出能够可靠计量等条件时，确认为无形资产，否则计入当期损益。",
    ),
    (
        "长期资产减值",
        "对长期股权投资、固定资产、在建工程、使用权资产、无形资产等长期资产，于资产负债表日存在减值迹象的，进行减值测试。"
        "减值测试结果表明资产的可收回金额低于其账面价值的，按其差额计提减值准备并计入减值损失。商誉至少于每年年度终了进行减值测试。",
    ),
    (
        "职工薪酬",
        "职工薪酬包括短期薪酬、离职后福利、辞退福利和其他长期职工福利。在职工为公司提供服务的会计期间，将实际发生的短期薪酬"
        "确认为负债，并计入当期损益或相关资产成本。离职后福利计划均为设定提存计划，公司按规定比例缴纳的基本养老保险和失业"
        "保险费，在发生时计入当期损益或相关资产成本。",
    ),
    (
        "预计负债",
        "因产品质量保证、亏损合同等或有事项形成的义务成为公司承担的现时义务，履行该义务很可能导致经济利益流出，且该义务的金额"
        "能够可靠计量时，确认为预计负债。预计负债按照履行相关现时义务所需支出的最佳估计数进行初始计量。",
    ),
    (
        "收入",
        "本公司在履行了合同中的履约义务，即在客户取得相关商品或服务控制权时确认收入。合同中包含两项或多项履约义务的，"
        "在合同开始日按照各单项履约义务所承诺商品或服务的单独售价的相对比例，将交易价格分摊至各单项履约义务。",
    ),
    (
        "政府补助",
        "政府补助在满足政府补助所附条件并能够收到时予以确认。与资产相关的政府补助，确认为递延收益，在相关资产使用寿命内按照"
        "合理、系统的方法分期计入损益；与收益相关的政府补助，用于补偿以后期间的相关成本费用或损失的，确认为递延收益，并在"
        "确认相关成本费用或损失的期间计入当期损益；用于补偿已发生的相关成本费用或损失的，直接计入当期损益。",
    ),
    (
        "递延所得税资产和递延所得税负债",
        "根据资产、负债的账面价值与其计税基础之间的差额，按照预期收回该资产或清偿该负债期间的适用税率计算确认递延所得税资产"
        "或递延所得税负债。递延所得税资产的确认以很可能取得用来抵扣可抵扣暂时性差异的应纳税所得额为限。",
    ),
    (
        "租赁",
        "在租赁期开始日，本公司对租赁确认使用权资产和租赁负债，短期租赁和低价值资产租赁除外。使用权资产按照成本进行初始计量，"
        "并在租赁期内计提折旧；租赁负债按照租赁期开始日尚未支付的租赁付款额的现值进行初始计量，并按照固定的周期性利率计算"
        "利息费用，计入当期损益。",
    ),
]
REVENUE_POLICY = {
    "jn": "公司销售精密传动部件，属于在某一时点履行的履约义务。内销收入在公司将产品交付客户、客户签收或验收后确认；"
    "外销收入在公司办理完出口报关手续、取得提单或货物已交付承运人时确认。",
    "qh": "公司销售药品，属于在某一时点履行的履约义务。公司根据合同约定将药品交付给客户，经客户签收后确认收入；"
    "技术服务收入在服务已经提供、客户确认服务成果后确认。",
    "mh": "公司销售改性塑料等产品，属于在某一时点履行的履约义务。内销收入在产品已发出并经客户签收或对账确认后确认；"
    "外销收入在产品报关出口、取得报关单和提单后确认。",
}


# ---------------------------------------------------------------------------------------------
# Writing the files.


def render(spec: Spec) -> tuple[bytes, Facts, int]:
    """The PDF, its printed table cells, and its page count. Built twice: the first pass finds the
    page each section starts on and the page count, the second prints them in the 目录 and footers."""
    pages: dict[str, int] = {}
    total = 999
    for _ in range(2):
        report = Report(spec, pages)
        story = report.build()
        c = report.c
        buffer = io.BytesIO()
        doc = ReportDoc(buffer, c.full, report.title, total, report.title)
        doc.build(story)
        if doc.toc_pages == pages and doc.page == total:
            break
        pages, total = dict(doc.toc_pages), doc.page
    assert doc.toc_pages == pages and doc.page == total, "the second pass paginated differently"
    return buffer.getvalue(), report.facts, total


def doc_id(spec: Spec) -> str:
    """The document id `rag index` gives the file (rag.ingest.files.doc_slug)."""
    return re.sub(r"[^\w]+", "-", Path(spec.file).stem.lower()).strip("-")


def facts() -> dict[str, Facts]:
    """doc id -> every printed table cell of that document, by "table|row|column"."""
    out = {}
    for spec in SPECS:
        report = Report(spec)
        report.build()
        out[doc_id(spec)] = report.facts
    return out


def main() -> int:
    DOCS.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    for spec in SPECS:
        data, _, pages = render(spec)
        (DOCS / spec.file).write_bytes(data)
        c = COMPANIES[spec.company]
        print(f"{spec.file}: {c.short} {spec.period}, {pages} pages, {len(data):,} bytes")
    print(f"done in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
