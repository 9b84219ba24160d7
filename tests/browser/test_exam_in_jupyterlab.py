"""An exam in a real JupyterLab and browser: the countdown ticks, answers are saved, the attempt
is handed in and lands in the results file.

The countdown is driven by a hidden ``widgets.Play`` that ticks in the browser, so only a real
front end shows that it runs; the unit tests move its value by hand.
"""

from __future__ import annotations

import json
import re
import time

import nbformat
import pytest
from lab_harness import NEEDS_CHROMIUM, TOKEN, notebook_page, serve_lab
from nbformat.v4 import new_code_cell, new_notebook

playwright_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright is not installed (it comes with the [test] extra)"
)
pytestmark = [pytest.mark.browser, NEEDS_CHROMIUM]

EXAM_CELL = """\
from livermets_edu.quiz import build_quiz, exam_widget, save_quiz_definition

definition = build_quiz(
    "08-liver-directed", quiz_id="browser-exam", title="Browser exam", types="true_false",
    n=3, seed=1, mode="exam", time_limit_minutes=2,
)
save_quiz_definition(definition, "exam.yaml")
exam_widget("exam.yaml", "s001", results_path="results.jsonl")
"""
_CLOCK = re.compile(r"(\d+):(\d\d) left")


def _seconds_left(page) -> int:
    text = page.locator(".widget-label", has_text=" left").first.inner_text()
    match = _CLOCK.search(text)
    assert match, f"no countdown in {text!r}"
    return int(match.group(1)) * 60 + int(match.group(2))


@pytest.fixture(scope="module")
def exam(tmp_path_factory: pytest.TempPathFactory):
    """The exam notebook run in headless Chromium, and the folder it writes results into."""
    home = tmp_path_factory.mktemp("exam-lab")
    folder = home / "work"
    folder.mkdir()
    notebook = new_notebook(cells=[new_code_cell(EXAM_CELL)])
    # Without a kernelspec JupyterLab asks which kernel to use, and the kernel never starts.
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3"}
    nbformat.write(notebook, folder / "exam.ipynb")
    with serve_lab(folder, home) as base:
        url = f"{base}/lab/tree/exam.ipynb?reset&token={TOKEN}"
        with notebook_page(playwright_api, url, home / "exam.png") as page:
            page.wait_for_selector("text=Submit exam")
            yield page, folder


def test_the_countdown_ticks_in_the_browser(exam):
    page, _ = exam
    page.wait_for_selector(".widget-label >> text=/\\d+:\\d\\d left/")
    first = _seconds_left(page)
    assert 100 <= first <= 120  # a two-minute exam, just started
    deadline = time.monotonic() + 15
    while _seconds_left(page) >= first:
        assert time.monotonic() < deadline, "the countdown did not move in 15 s"
        time.sleep(0.5)


def test_an_answer_is_saved_without_feedback_and_the_exam_is_handed_in(exam):
    page, folder = exam
    first = page.locator(".widget-radio-box input").first
    first.focus()
    page.keyboard.press("Space")
    save = page.locator(".widget-button", has_text="Save answer").first
    save.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector("text=Answer saved")
    body = page.locator(".jp-OutputArea").first.inner_text()
    assert "Correct" not in body and "Explanation" not in body  # no feedback before submit
    page.locator(".widget-button", has_text="Submit exam").click()
    page.locator(".widget-button", has_text="Yes, submit").click()
    page.wait_for_selector("text=Handed in")
    page.wait_for_selector("text=Explanation")  # feedback once handed in
    lines = (folder / "results.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) == 1
    record = json.loads(lines[0])
    assert (record["student_id"], record["quiz_id"], record["mode"]) == (
        "s001",
        "browser-exam",
        "exam",
    )
    assert record["max_score"] == 3 and len(record["items"]) == 3
    answered = [item for item in record["items"] if item["response"] is not None]
    assert len(answered) == 1 and answered[0]["response"] in (True, False)
