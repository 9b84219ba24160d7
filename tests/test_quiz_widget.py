"""The notebook quiz widget, driven headlessly: set control values, click buttons."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import ipywidgets as widgets
import pytest

from livermets_edu import quiz
from livermets_edu.quiz import load_bank
from livermets_edu.quiz.widget import QuizWidget, quiz_widget, show_quiz

BANKS = Path(__file__).parent / "data" / "banks"
GOOD = load_bank(BANKS / "good-bank.yaml")


@pytest.fixture
def app() -> QuizWidget:
    return quiz_widget(GOOD)


def test_importing_the_quiz_package_loads_no_ipywidgets_or_matplotlib() -> None:
    code = (
        "import sys, livermets_edu.quiz as q\n"
        "q.load_bank, q.to_static_html, q.grade\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('ipywidgets', 'matplotlib', 'IPython'))\n"
        "print(heavy)\n"
    )
    result = subprocess.run(
        [sys.executable, "-W", "error", "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "[]"


def test_widget_entry_points_load_lazily_from_the_package() -> None:
    assert quiz.quiz_widget is quiz_widget
    assert quiz.show_quiz is show_quiz
    assert "quiz_widget" in dir(quiz)


def test_one_card_per_question_with_the_right_controls(app: QuizWidget) -> None:
    assert isinstance(app, widgets.VBox)
    assert [card.question.id for card in app.cards] == GOOD.ids
    single, multiple, true_false, numeric, _ = app.cards
    assert isinstance(single.control, widgets.RadioButtons)
    assert single.control.options == (
        ("A. About 75%", "a"),
        ("B. About 25%", "b"),
        ("C. About 50%", "c"),
    )
    assert single.control.value is None  # nothing pre-selected
    assert list(multiple.checkboxes) == ["a", "b", "c", "d"]
    assert multiple.checkboxes["a"].description == "A. Portal vein"
    assert isinstance(true_false.control, widgets.RadioButtons)
    assert true_false.control.options == (("True", True), ("False", False))
    assert isinstance(numeric.control, widgets.Text)
    assert numeric.control.description == "Answer (%)"
    assert "<strong>portal vein</strong>" in single.stem.value
    assert "Question 1 of 5" in single.stem.value
    assert app.score_label.value == app.score_footer.value == "First-try score: 0 / 5"
    assert "first answer to each question" in app.title.value
    assert "not medical advice" in app.title.value


def test_submitting_grades_through_the_session(app: QuizWidget) -> None:
    single = app.card("gb-single")
    single.control.value = "a"
    single.submit_button.click()
    assert app.session.score == 1
    assert app.score_label.value == app.score_footer.value == "First-try score: 1 / 5"
    assert "Correct." in single.feedback.value
    assert "Right - most inflow is portal." in single.feedback.value  # per-option feedback
    assert "sources give 67–80%" in single.feedback.value  # the explanation
    assert single.submit_button.disabled and single.control.disabled
    assert not single.retry_button.disabled


def test_partial_credit_from_checkboxes(app: QuizWidget) -> None:
    card = app.card("gb-multiple")
    card.checkboxes["a"].value = True
    card.submit_button.click()
    assert app.session.score == 0.5
    assert app.score_label.value == "First-try score: 0.5 / 5"
    assert "Partly right" in card.feedback.value
    assert all(box.disabled for box in card.checkboxes.values())


def test_numeric_text_box_and_a_response_that_is_not_a_number(app: QuizWidget) -> None:
    card = app.card("gb-numeric-fact")
    card.control.value = "about seventy"
    card.submit_button.click()
    assert "not a number" in card.feedback.value
    assert app.session.attempts == []  # not counted
    assert not card.submit_button.disabled  # and the learner can fix it
    card.control.value = "72 %"
    card.submit_button.click()
    assert app.session.score == 1
    assert "within the accepted range" in card.feedback.value


def test_submitting_nothing_asks_for_an_answer(app: QuizWidget) -> None:
    card = app.card("gb-true-false")
    card.submit_button.click()
    assert "Choose true or false first." in card.feedback.value
    assert app.session.score == 0 and not card.submit_button.disabled


def test_retry_clears_the_answer_but_the_score_keeps_the_first_try(app: QuizWidget) -> None:
    card = app.card("gb-true-false")
    card.control.value = False
    card.submit_button.click()
    assert "Not quite." in card.feedback.value and "The statement is" in card.feedback.value
    assert "Practice attempt" not in card.feedback.value
    card.retry_button.click()
    assert card.control.value is None and card.feedback.value == ""
    assert not card.submit_button.disabled and card.retry_button.disabled
    assert app.score_label.value == "First-try score: 0 / 5"
    card.control.value = True
    card.submit_button.click()
    assert "Correct." in card.feedback.value  # the retry still gets its feedback
    assert "Practice attempt: the score keeps your first answer." in card.feedback.value
    assert app.score_label.value == app.score_footer.value == "First-try score: 0 / 5"
    assert [a.attempt for a in app.session.attempts_for("gb-true-false")] == [1, 2]
    assert "first try" in card.retry_button.tooltip


def test_start_over_resets_every_card(app: QuizWidget) -> None:
    app.cards[0].control.value = "a"
    app.cards[0].submit_button.click()
    app.cards[1].checkboxes["a"].value = True
    app.cards[1].submit_button.click()
    app.reset_button.click()
    assert app.session.score == 0 and app.session.attempts == []
    assert app.score_label.value == "First-try score: 0 / 5"
    assert app.cards[0].control.value is None
    assert not any(box.value for box in app.cards[1].checkboxes.values())
    assert all(card.feedback.value == "" and not card.submit_button.disabled for card in app.cards)


def test_a_subset_and_all_or_nothing() -> None:
    app = quiz_widget(BANKS / "good-bank.yaml", ["gb-multiple"], partial_credit="all-or-nothing")
    assert len(app.cards) == 1 and app.session.name == "good-bank"
    app.cards[0].checkboxes["a"].value = True
    app.cards[0].submit_button.click()
    assert app.score_label.value == "First-try score: 0 / 1"


def test_hostile_text_is_neutralised_in_the_widget() -> None:
    app = show_quiz(BANKS / "xss-bank.yaml")
    card = app.card("xss-single")
    card.control.value = "b"
    card.submit_button.click()
    shown = [app.title.value] + [
        part for c in app.cards for part in (c.stem.value, c.feedback.value)
    ]
    for html in shown:
        lowered = html.lower()
        assert "<script" not in lowered and "<iframe" not in lowered and "<svg" not in lowered
        assert "onerror" not in lowered and "onmouseover" not in lowered
        assert "ontoggle" not in lowered and 'href="javascript' not in lowered
        assert "data:text/html" not in lowered
    assert "&lt;script&gt;" in app.title.value  # escaped, shown as text
    # Radio labels are plain text (the browser sets textContent), with markup flattened.
    assert card.control.options == (("A. Portal vein CO2", "a"), ("B. Hepatic artery", "b"))
    # The hostile unit reaches the description only as text (descriptions are not HTML).
    numeric = app.card("xss-numeric").control
    assert numeric.description_allow_html is False


def test_where_widgets_cannot_run_the_text_says_how_to_use_the_quiz(app: QuizWidget) -> None:
    text = app._repr_mimebundle_()["text/plain"]
    assert text.startswith("Interactive quiz, 5 questions") and "Binder" in text
