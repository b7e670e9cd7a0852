"""OCR of scanned PDF pages with Debian's tesseract (`apt-get install tesseract-ocr
tesseract-ocr-chi-sim`), run as a command: the page is rendered by pdfium at 300 dpi and read in
Simplified Chinese and English."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from functools import cache
from pathlib import Path

INSTALL_HINT = "install tesseract to read them: apt-get install tesseract-ocr tesseract-ocr-chi-sim"
_DPI = 300
_TIMEOUT_S = 180
_WANTED = ("chi_sim", "eng")
# tesseract puts spaces between Chinese characters; they are not in the page.
_SPACE_IN_CHINESE = re.compile(
    r"(?<=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])[ \t]+(?=[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef])"
)


@cache
def _installed_languages() -> tuple[str, ...] | None:
    if shutil.which("tesseract") is None:
        return None
    try:
        listed = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return tuple(line.strip() for line in listed.stdout.splitlines()[1:] if line.strip())


def unavailable() -> str:
    """Why scanned pages cannot be read here ("" when they can)."""
    installed = _installed_languages()
    if installed is None:
        return INSTALL_HINT
    if "chi_sim" not in installed:
        return "tesseract has no Simplified Chinese: apt-get install tesseract-ocr-chi-sim"
    return ""


def languages() -> str:
    installed = _installed_languages() or ()
    return "+".join(language for language in _WANTED if language in installed)


def read_page(pdf: Path, index: int) -> str:
    """The text of page `index` (0-based) of `pdf`, by OCR."""
    import pypdfium2

    document = pypdfium2.PdfDocument(str(pdf))
    try:
        image = document[index].render(scale=_DPI / 72).to_pil()
    finally:
        document.close()
    with tempfile.TemporaryDirectory(prefix="rag-ocr-") as folder:
        png = Path(folder) / "page.png"
        image.save(png)
        result = subprocess.run(
            ["tesseract", str(png), "stdout", "-l", languages(), "--psm", "3"],
            capture_output=True,
            text=True,
            timeout=_TIMEOUT_S,
            check=False,
        )
    if result.returncode != 0:
        return ""
    return _SPACE_IN_CHINESE.sub("", result.stdout)
