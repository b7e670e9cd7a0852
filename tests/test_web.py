"""The chat page end to end: `rag serve` on a free port with the real index and local model, driven
by Playwright in headless Chromium (Debian's, installed by .ci/run). Screenshots go to
build/screenshots/ (desktop and 390 px phone width)."""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from rag.config import BUNDLED_CORPUS, PROJECT_ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]

CHROMIUM = Path("/usr/bin/chromium")
# Without the background-networking flags Chromium keeps trying to reach Google on a closed network.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update"]
SHOTS = PROJECT_ROOT / "build" / "screenshots"
ANSWER_TIMEOUT_MS = 240_000  # a local answer on a busy 2-core machine

if not CHROMIUM.exists() and os.environ.get("CI") != "true":
    pytest.skip("needs Debian's chromium (apt install chromium); .ci/run installs it", allow_module_level=True)

UPLOAD = """# 示例科技 2024 年度业绩公告

示例科技2024年全年营业收入为12.5亿元，同比增长18%。
研发投入为3.2亿元，占营业收入的25.6%。
公司员工总数为1,180人。
"""


@dataclass
class Served:
    url: str
    process: subprocess.Popen
    log: Path
    uploads: Path

    def output(self) -> str:
        return self.log.read_text(errors="replace")


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _start(folder: Path, *options: str) -> Served:
    port = _free_port()
    env = {name: value for name, value in os.environ.items() if not name.startswith("RAG_") or name == "RAG_CACHE_DIR"}
    env |= {
        "RAG_CORPUS": str(BUNDLED_CORPUS),
        "RAG_INDEX_DIR": str(folder.parent / "index"),  # shared by the servers of this module
        "RAG_UPLOADS_DIR": str(folder / "uploads"),
    }
    log = folder / "serve.log"
    with log.open("w") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "rag.cli", "serve", "--port", str(port), *options],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    served = Served(f"http://127.0.0.1:{port}/", process, log, folder / "uploads")
    deadline = time.monotonic() + 600  # the first start builds the index
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"rag serve exited with {process.returncode}:\n{served.output()[-3000:]}")
        try:
            with urllib.request.urlopen(served.url, timeout=5) as response:
                if response.status == 200:
                    return served
        except OSError:
            time.sleep(1)
    process.kill()
    pytest.fail(f"rag serve did not answer within 10 minutes:\n{served.output()[-3000:]}")


def _stop(served: Served) -> None:
    served.process.terminate()
    try:
        served.process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        served.process.kill()


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("web")


@pytest.fixture(scope="module")
def server(folder: Path) -> Iterator[Served]:
    (folder / "main").mkdir()
    served = _start(folder / "main")
    yield served
    _stop(served)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, server: Served):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server.url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    yield page
    page.close()


def ask(page, question: str) -> str:
    """Types a question, waits for the whole streamed answer (its sources appear at the end), and
    returns the answer's text."""
    turns = page.locator('#chat [data-testid="bot"]').count()
    page.fill("#question textarea", question)
    page.click("#ask")
    page.wait_for_function(
        """(turns) => {
            const bots = document.querySelectorAll('#chat [data-testid="bot"]');
            const panel = document.querySelector('#sources .sources');
            return bots.length > turns && panel && Number(panel.dataset.turn) === turns;
        }""",
        arg=turns,
        timeout=ANSWER_TIMEOUT_MS,
    )
    return page.locator('#chat [data-testid="bot"]').nth(turns).inner_text()


def shoot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


def test_chinese_question_streams_an_answer_and_its_citation_opens_the_passage(page) -> None:
    shoot(page, "desktop-start.png")
    answer = ask(page, "商汤2022年营业收入是多少？")
    assert "38" in answer, answer
    link = page.locator('#chat [data-testid="bot"]').last.locator('a[href*="#source-"]').first
    link.click()
    opened = page.locator("#sources details[open]")
    opened.wait_for(timeout=10_000)
    assert "38" in opened.locator(".passage").inner_text()
    assert "38" in opened.locator("mark").first.inner_text()  # the supporting sentence, highlighted
    assert "FY2022" in opened.locator(".meta").inner_text()
    assert re.search(r"fused \d\.\d{4} · dense", opened.locator(".scores").inner_text())

    follow_up = ask(page, "那2023年上半年呢？")
    note = page.locator('#chat [data-testid="bot"]').last.locator(".rewritten").inner_text()
    assert "2023年上半年" in note and "营业收入" in note, note
    assert follow_up.strip()
    shoot(page, "desktop-chinese.png")

    # A follow-up in English continues the Chinese conversation and is answered in English.
    english = ask(page, "And the gross margin?")
    note = page.locator('#chat [data-testid="bot"]').last.locator(".rewritten").inner_text()
    assert "What was SenseTime's gross margin in H1 2023?" in note, note
    assert "45.3%" in english.replace(note, ""), english

    # A citation of the first answer still opens the first answer's passage.
    page.locator('#chat [data-testid="bot"]').first.locator('a[href*="#source-"]').first.click()
    page.wait_for_selector('#sources .sources[data-turn="0"] details[open]', timeout=10_000)

    page.click("#new-chat")
    page.wait_for_function("document.querySelectorAll('#chat [data-testid=\"bot\"]').length === 0")


def test_english_question_is_answered_in_english_with_converted_units(page) -> None:
    answer = ask(page, "What was SenseTime's revenue in 2022?")
    assert "3.8 billion" in answer, answer
    assert page.locator("#sources details.source").count() >= 1
    shoot(page, "desktop-english.png")


def test_an_uploaded_document_is_listed_searchable_and_removable(page, server: Served, tmp_path: Path) -> None:
    document = tmp_path / "示例科技 2024 年报.md"
    document.write_text(UPLOAD, encoding="utf-8")
    fake = tmp_path / "fake.pdf"
    fake.write_text("not a pdf")
    page.get_by_role("tab", name="Documents · 文件").click()
    page.set_input_files("#upload input[type=file]", [str(document), str(fake)])
    page.wait_for_selector("#upload-message :text('Added')", timeout=ANSWER_TIMEOUT_MS)
    message = page.locator("#upload-message").inner_text()
    assert "示例科技-2024-年报.md" in message and "fake.pdf: this is not a .pdf file" in message, message
    assert "示例科技 2024 年度业绩公告" in page.locator("#documents").inner_text()
    assert [p.name for p in server.uploads.iterdir()] == ["示例科技-2024-年报.md"]
    shoot(page, "desktop-documents.png")

    page.get_by_role("tab", name="Chat · 问答").click()
    answer = ask(page, "示例科技2024年研发投入是多少？")
    assert "3.2" in answer, answer
    assert "示例科技" in page.locator("#sources").inner_text()

    page.get_by_role("tab", name="Documents · 文件").click()
    page.locator("#remove-choice input").click()
    page.get_by_role("option", name="示例科技-2024-年报.md").click()
    page.click("#remove")
    page.wait_for_selector("#upload-message :text('Removed')", timeout=120_000)
    assert "示例科技" not in page.locator("#documents").inner_text()
    assert not any(server.uploads.iterdir())


def test_phone_width_is_readable(browser, server: Served) -> None:
    page = browser.new_page(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page.goto(server.url)
    page.wait_for_selector("#question textarea", timeout=60_000)
    ask(page, "2023年上半年的毛利率是多少？")
    page.locator('#chat [data-testid="bot"]').last.locator('a[href*="#source-"]').first.click()
    page.wait_for_selector("#sources details[open] mark", timeout=10_000)
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # nothing wider than the phone
    shoot(page, "phone.png")
    page.close()


def test_one_model_serves_visitors_asking_at_once(browser, server: Served) -> None:
    pages = [browser.new_page() for _ in range(2)]
    for page, question in zip(pages, ["SenseCore有多少GPU？", "How many GPUs does SenseCore have?"], strict=True):
        page.goto(server.url)
        page.wait_for_selector("#question textarea", timeout=60_000)
        page.fill("#question textarea", question)
    for page in pages:
        page.click("#ask")
    for page in pages:
        page.wait_for_selector('#sources .sources[data-turn="0"]', timeout=2 * ANSWER_TIMEOUT_MS)
        page.close()
    assert server.output().count("loading the local model") == 1


def test_the_ask_api_answers_through_gradio_client(server: Served) -> None:
    from gradio_client import Client

    result = Client(server.url, verbose=False).predict("商汤2022年营业收入是多少？", "none", api_name="/ask")
    assert result["backend"] == "figures" and "38亿元" in result["answer"]  # one figure, from the figures table
    assert result["citations"] and result["citations"][0]["support"]


def test_login_is_required_with_auth(folder: Path, browser) -> None:
    from gradio_client import Client

    (folder / "auth").mkdir()
    served = _start(folder / "auth", "--auth", "analyst:s3cret", "--llm", "none")
    try:
        page = browser.new_page()
        page.goto(served.url)
        page.wait_for_selector("input[type=password]", timeout=60_000)
        assert page.locator("#question textarea").count() == 0
        page.close()
        with pytest.raises(Exception, match=r"(?i)login|auth|401|403"):
            Client(served.url, verbose=False)
        result = Client(served.url, auth=("analyst", "s3cret"), verbose=False).predict(
            "What was the gross margin in H1 2023?", api_name="/ask"
        )
        assert "45.3%" in result["answer"]
    finally:
        _stop(served)
