"""Lesson 01 in a real JupyterLab and a real browser, driven from the keyboard as a learner might.

Needs Chromium (Debian's `chromium` package; .ci/run installs it) and Playwright (the [test]
extra). Without them the tests skip and say why. Playwright never downloads a browser here.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
TOKEN = "livermets-browser-test"
TIMEOUT_MS = 90_000

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (it comes with the [test] extra)"
)
pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not Path(CHROMIUM).exists(), reason=f"no Chromium at {CHROMIUM} (apt-get install chromium)"
    ),
]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):
    """A JupyterLab server on loopback, serving a scratch copy of the lessons."""
    home = tmp_path_factory.mktemp("lab")
    lessons = home / "notebooks"
    shutil.copytree(ROOT / "notebooks", lessons)
    env = {
        **os.environ,
        "JUPYTER_CONFIG_DIR": str(home / "config"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "JUPYTER_DATA_DIR": str(home / "data"),
    }
    port = _free_port()
    command = [
        sys.executable, "-m", "jupyterlab", "--no-browser", f"--port={port}",
        "--ServerApp.ip=127.0.0.1", f"--IdentityProvider.token={TOKEN}",
        f"--notebook-dir={lessons}",
    ]
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        command.append("--allow-root")
    log = (home / "lab.log").open("w")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"JupyterLab did not start: {(home / 'lab.log').read_text()}")
                time.sleep(0.5)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
        log.close()


@pytest.fixture(scope="module")
def page(lab: str, tmp_path_factory: pytest.TempPathFactory):
    """Lesson 01 open in headless Chromium, with every cell run."""
    with playwright_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox", "--headless", "--disable-gpu", "--no-first-run",
                "--disable-background-networking", "--disable-component-update",
                "--disable-sync",
            ],
        )
        tab = browser.new_page(viewport={"width": 1400, "height": 1000})
        tab.set_default_timeout(TIMEOUT_MS)
        tab.goto(f"{lab}/lab/tree/01-liver-and-blood-supply.ipynb?reset&token={TOKEN}")
        tab.wait_for_selector(".jp-Notebook")
        tab.wait_for_selector("text=/\\| Idle/")  # the status bar: the kernel is ready
        tab.locator(".lm-MenuBar-item", has_text="Run").first.click()
        tab.locator("li[data-command='runmenu:run-all']").click()
        tab.wait_for_selector(".widget-toggle-button")
        tab.wait_for_selector("text=Question 1 of")
        try:
            yield tab
        finally:
            tab.screenshot(path=str(tmp_path_factory.getbasetemp() / "lesson-01.png"))
            browser.close()


def _bars(page) -> str:
    return page.locator("[aria-label^='Share of baseline left']").first.get_attribute("aria-label")


def test_clamping_the_artery_from_the_keyboard_updates_the_bars(page):
    clamp = page.locator(".widget-toggle-button", has_text="Clamp hepatic artery")
    clamp.focus()
    page.keyboard.press("Space")
    page.wait_for_function(
        "() => [...document.querySelectorAll('[aria-label]')].some("
        "e => e.getAttribute('aria-label').includes('metastasis flow 5%'))"
    )
    assert "Normal liver flow 75%" in _bars(page)
    message = page.locator(".widget-html", has_text="Clamping the hepatic artery").first
    assert "radioembolization" in message.inner_text()
    image = page.locator(".widget-html figure img").first
    assert "clamped" in image.get_attribute("alt")


def test_the_size_slider_moves_with_the_arrow_keys(page):
    handle = page.locator(".noUi-handle").first
    handle.focus()
    for _ in range(12):
        page.keyboard.press("ArrowLeft")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html')].some("
        "e => e.innerText.includes('sinusoids'))"
    )
    assert "0.1 mm" in page.locator(".widget-readout").first.inner_text()


def test_a_quiz_answer_gets_feedback_and_a_score(page):
    first = page.locator(".widget-radio-box input").first
    first.focus()
    page.keyboard.press("Space")
    assert first.is_checked()
    submit = page.locator(".widget-button", has_text="Submit").first
    submit.focus()
    page.keyboard.press("Enter")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.widget-html')].some("
        "e => e.innerText.includes('Explanation') && e.innerText.includes('The answer is'))"
    )
    scores = page.locator(".widget-label", has_text="Score:").all_text_contents()
    assert scores and all(text.strip().endswith(" / 28") for text in scores), scores
