"""Lesson 01 in a real JupyterLab and a real browser, driven from the keyboard as a learner might.

Needs Chromium (Debian's `chromium` package; .ci/run installs it) and Playwright (the [test]
extra). Without them the tests skip and say why. Playwright never downloads a browser here.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from lab_harness import NEEDS_CHROMIUM, TOKEN, notebook_page, serve_lab

from livermets_edu.quiz import load_bank

ROOT = Path(__file__).resolve().parents[2]

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (it comes with the [test] extra)"
)
pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]


@pytest.fixture(scope="module")
def lab(tmp_path_factory: pytest.TempPathFactory):
    """A JupyterLab server on loopback, serving a scratch copy of the lessons."""
    home = tmp_path_factory.mktemp("lab")
    shutil.copytree(ROOT / "notebooks", home / "notebooks")
    with serve_lab(home / "notebooks", home) as base:
        yield base


@pytest.fixture(scope="module")
def page(lab: str, tmp_path_factory: pytest.TempPathFactory):
    """Lesson 01 open in headless Chromium, with every cell run."""
    url = f"{lab}/lab/tree/01-liver-and-blood-supply.ipynb?reset&token={TOKEN}"
    screenshot = tmp_path_factory.getbasetemp() / "lesson-01.png"
    with notebook_page(playwright_api, url, screenshot) as tab:
        tab.wait_for_selector(".widget-toggle-button")
        tab.wait_for_selector("text=Question 1 of")
        yield tab


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
    total = len(load_bank("01-blood-supply"))  # the lesson shows the whole bank
    assert scores and all(text.strip().endswith(f" / {total}") for text in scores), scores
