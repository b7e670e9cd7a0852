"""Annual-report PDFs built for tests with reportlab: a cover, running headers and page numbers on
every page, prose, and a ruled 合并利润表 (单位：万元) long enough to continue on the next page without
repeating its header, as real statements do. Figures are invented; the company is fictional."""

from __future__ import annotations

from pathlib import Path

COMPANY = "测试精密制造股份有限公司"
SHORT = "测试精密"
CODE = "688999"
HEADER = f"{SHORT} 2023年年度报告"
# (label, 2023, 2022) in 万元; the statement runs over two pages, these come after the break.
LATE_ROWS = [
    ("研发费用", "3,456.78", "2,987.65"),
    ("财务费用", "-123.45", "-98.76"),
    ("营业利润", "9,876.54", "8,765.43"),
]
FILLER_ROWS = 46  # rows before LATE_ROWS: enough to push them onto the next page


def statement_rows() -> list[tuple[str, str, str]]:
    rows = [("一、营业总收入", "56,789.01", "50,123.45"), ("其中：营业收入", "56,789.01", "50,123.45")]
    rows += [(f"其他项目{i}", f"{100 + i}.00", f"{90 + i}.00") for i in range(FILLER_ROWS)]
    return rows + LATE_ROWS


def build_report(path: Path, scanned_page: bool = False) -> Path:
    """Writes the report; with `scanned_page`, one more page holds its text only as an image."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=10.5, leading=16, wordWrap="CJK")

    def furniture(canvas, document) -> None:
        canvas.saveState()
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(72, A4[1] - 40, HEADER)
        canvas.drawCentredString(A4[0] / 2, 30, f"{document.page} / {pages}")
        canvas.restoreState()

    story = [
        Paragraph(f"公司代码：{CODE}　公司简称：{SHORT}", body),
        Paragraph(COMPANY, body),
        Paragraph("2023 年年度报告", body),
        PageBreak(),
        Paragraph(
            "报告期内，公司实现营业收入56,789.01万元，较上年同期增长13.30%，主要是由于精密部件订单增加、"
            "海外客户拓展顺利以及新产线投产，研发投入持续加大，经营活动现金流保持稳健。",
            body,
        ),
        Paragraph("合并利润表", body),
        Paragraph("单位：万元", body),
    ]
    table = Table([["项目", "2023年度", "2022年度"], *statement_rows()], repeatRows=0)
    table.setStyle(
        TableStyle([("FONT", (0, 0), (-1, -1), "STSong-Light", 9), ("GRID", (0, 0), (-1, -1), 0.5, colors.black)])
    )
    story.append(table)
    if scanned_page:
        story += [PageBreak(), image_of_text("公司全体员工共有一千二百名，其中研发人员三百名。")]
    pages = 4 if scanned_page else 3
    SimpleDocTemplate(str(path), pagesize=A4, invariant=1).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return path


def cjk_font() -> str | None:
    """A font file that draws Chinese (Debian's fonts-noto-cjk, which .ci/run installs)."""
    import shutil
    import subprocess

    if shutil.which("fc-match") is None:
        return None
    found = subprocess.run(["fc-match", "-f", "%{file}", "Noto Sans CJK SC:lang=zh"], capture_output=True, text=True)
    path = found.stdout.strip()
    return path if path and "CJK" in path else None


def image_of_text(text: str):
    """A page's text as a picture only (a scan, 6 x 8 inches at 200 dpi, the text at its top)."""
    import io

    from PIL import Image as Picture
    from PIL import ImageDraw, ImageFont
    from reportlab.lib.units import inch
    from reportlab.platypus import Image

    font = cjk_font()
    assert font, "needs a Chinese font: apt-get install fonts-noto-cjk"
    picture = Picture.new("L", (1200, 1600), 255)
    ImageDraw.Draw(picture).text((40, 60), text, fill=0, font=ImageFont.truetype(font, 40))
    buffer = io.BytesIO()
    picture.save(buffer, format="PNG")
    buffer.seek(0)
    return Image(buffer, width=6 * inch, height=8 * inch)
