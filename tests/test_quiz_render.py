"""Rendering: sanitised Markdown, and the static (no JavaScript) quiz page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from html_checks import ParsedHTML

from livermets_edu.quiz import StaticQuiz, load_bank, show_static, to_static_html
from livermets_edu.quiz.render import ALLOWED_TAGS, markdown_to_plain_text, markdown_to_safe_html

BANKS = Path(__file__).parent / "data" / "banks"
GOOD = load_bank(BANKS / "good-bank.yaml")
HOSTILE = load_bank(BANKS / "xss-bank.yaml")


def assert_harmless(html: str, allowed: set[str]) -> None:
    """No tag outside ``allowed``, no event handler, no script or data URL anywhere."""
    parsed = ParsedHTML(html)
    assert parsed.names() <= allowed, parsed.names() - allowed
    for tag, attrs in parsed.tags:
        for name, value in attrs.items():
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src", "action"):
                assert not re.match(r"\s*(javascript|data|vbscript):", value or "", re.I), value
    assert "<script" not in html.lower()


# --- Markdown to safe HTML ---
@pytest.mark.parametrize(
    "attack",
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "Text <img src=x onerror=alert(1)> more",
        "[x](javascript:alert(1))",
        '<a href="JaVaScRiPt:alert(1)">x</a>',
        '<a href="data:text/html,<script>alert(1)</script>">x</a>',
        '<iframe src="https://example.org"></iframe>',
        "<style>body{display:none}</style>",
        "<svg onload=alert(1)></svg>",
        '<div onclick="alert(1)">x</div>',
        '<p style="position:fixed">x</p>',
        "<details open ontoggle=alert(1)>x</details>",
        '<form action="https://evil"><input autofocus onfocus=alert(1)></form>',
        "<math><mtext><script>alert(1)</script></mtext></math>",
        "<scr<script>ipt>alert(1)</script>",
        "<!--<script>alert(1)</script>-->",
    ],
)
def test_attacks_are_neutralised(attack: str) -> None:
    for inline in (False, True):
        html = markdown_to_safe_html(attack, inline=inline)
        assert_harmless(html, set(ALLOWED_TAGS))
        assert "style=" not in html and "display:none" not in html


def test_script_and_style_content_is_dropped_not_shown() -> None:
    html = markdown_to_safe_html("Before <script>alert(1)</script><style>p{}</style> after")
    assert "alert" not in html and "p{}" not in html
    assert "Before" in html and "after" in html


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("**bold** and *em*", "<strong>bold</strong> and <em>em</em>"),
        ("`code <b>`", "<code>code &lt;b&gt;</code>"),
        ("CO<sub>2</sub> and m<sup>2</sup>", "CO<sub>2</sub> and m<sup>2</sup>"),
        ("- one\n- two", "<ul>\n<li>one</li>\n<li>two</li>\n</ul>"),
        ("1. one\n2. two", "<ol>\n<li>one</li>\n<li>two</li>\n</ol>"),
        (
            "[source](https://example.org)",
            '<a href="https://example.org" rel="noopener noreferrer">source</a>',
        ),
        ("| a | b |\n|---|---|\n| 1 | 2 |", "<td>1</td>"),
    ],
)
def test_basic_formatting_survives(markdown: str, expected: str) -> None:
    assert expected in markdown_to_safe_html(markdown)


def test_inline_rendering_has_no_paragraph() -> None:
    assert markdown_to_safe_html("**A**", inline=True) == "<strong>A</strong>"
    assert markdown_to_safe_html("**A**") == "<p><strong>A</strong></p>"


def test_plain_text_flattens_markdown_and_markup() -> None:
    assert markdown_to_plain_text("**Portal** <b>vein</b> & CO<sub>2</sub>") == "Portal vein & CO2"
    assert markdown_to_plain_text("x <script>alert(1)</script>") == "x"


# --- the static quiz page ---
def test_static_page_is_a_complete_accessible_document_without_javascript() -> None:
    page = to_static_html(GOOD)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    parsed = ParsedHTML(page)
    assert parsed.unbalanced == [] and parsed.open == []
    assert "<script" not in page.lower()
    assert not any(name.startswith("on") for _, attrs in parsed.tags for name in attrs)
    assert page.count('<li class="lm-quiz-question"') == len(GOOD) == 5
    assert page.count("<summary>Show answer</summary>") == len(GOOD)
    assert all(attrs == {} for tag, attrs in parsed.tags if tag == "details")  # start closed
    assert '<ol class="lm-quiz-questions">' in page  # numbered by a real list


def test_each_question_shows_its_options_and_hides_its_answer() -> None:
    page = to_static_html(GOOD, full_document=False)
    questions = page.split('<li class="lm-quiz-question"')[1:]
    single, multiple, true_false, numeric_fact, numeric_value = questions
    visible, hidden = single.split("<details>")
    assert "<strong>A.</strong> About 75%" in visible and "<strong>C.</strong> About 50%" in visible
    assert "Choose one answer." in visible
    assert "Answer:" not in visible and "Right - most inflow" not in visible
    assert "<strong>Answer:</strong> <strong>A</strong>: About 75%" in hidden
    assert "(correct): Right - most inflow is portal." in hidden
    assert "(incorrect): That is the hepatic artery" in hidden  # not by colour alone
    assert "sources give 67–80%" in hidden  # explanation, facts filled in
    assert "Source: clinical-facts.md §1; ASA Anesthesia Toolbox" in hidden
    assert "Choose all that apply." in multiple
    assert (
        "<li>True</li><li>False</li>" in true_false and "<strong>False</strong>" not in true_false
    )
    assert "Enter a number (in %)." in numeric_fact.split("<details>")[0]
    assert "<strong>75%</strong> (accepted: 70–80%)" in numeric_fact
    assert "Enter a number (in L/min)." in numeric_value


def test_hostile_bank_is_neutralised_in_static_html() -> None:
    page = to_static_html(HOSTILE)
    ours = {"html", "head", "meta", "title", "style", "body", "main", "section", "h2", "ol",
            "details", "summary", "div", "p"}  # fmt: skip
    assert_harmless(page, set(ALLOWED_TAGS) | ours)
    assert page.count("<style>") == 2  # the page's and the quiz's, nothing from the bank
    assert "display:none" not in page and "<svg" not in page and "<iframe" not in page
    assert "onerror" not in page and "onmouseover" not in page and "ontoggle" not in page
    assert "&lt;script&gt;" in page  # the title and source are shown as text, escaped
    assert "<strong>Bold</strong>" in page
    assert '<a href="https://example.org" rel="noopener noreferrer">a safe link</a>' in page


def test_subsets_and_lists_of_questions() -> None:
    page = to_static_html(GOOD, ["gb-true-false"], full_document=False)
    assert page.count('<li class="lm-quiz-question"') == 1
    listed = to_static_html([GOOD["gb-single"], GOOD["gb-multiple"]])
    assert "<title>Check your understanding</title>" in listed
    with pytest.raises(KeyError, match="nope"):
        to_static_html(GOOD, ["nope"])


def test_show_static_displays_in_a_notebook(tmp_path: Path) -> None:
    quiz = show_static(BANKS / "good-bank.yaml")
    assert isinstance(quiz, StaticQuiz)
    fragment = quiz._repr_html_()
    assert fragment.startswith('<section class="lm-quiz" lang="en"')
    assert "<html" not in fragment
    assert "5 questions" in repr(quiz)
    saved = quiz.save(tmp_path / "quiz.html")
    assert saved.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_a_lone_surrogate_is_replaced_not_a_crash() -> None:
    # "\ud800" cannot be encoded as UTF-8; the sanitiser would raise UnicodeEncodeError on it.
    assert markdown_to_safe_html("a \ud800 b") == "<p>a \ufffd b</p>"
    assert markdown_to_plain_text("x \udfff") == "x \ufffd"
