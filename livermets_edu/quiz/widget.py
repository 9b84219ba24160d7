"""The quiz as a notebook widget: standard ipywidgets controls bound to a ``QuizSession``.

The widget only collects responses and shows results; grading and scoring live in the
session, so tests (and any other front end) drive the same logic. Controls are the stock
ipywidgets ones (radio buttons, checkboxes, a text box), which are keyboard-usable, and option
labels are plain text. Every piece of bank text shown as HTML goes through the sanitiser.

This is the only quiz module that imports ipywidgets; ``livermets_edu.quiz`` loads it lazily.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Sequence
from typing import Any

import ipywidgets as widgets

from .grading import Grade, PartialCredit
from .render import markdown_to_plain_text, markdown_to_safe_html
from .schema import MultipleResponse, Numeric, Question, SingleBestAnswer, TrueFalse
from .selection import QuizSource, select_questions
from .session import QuizSession

__all__ = ["QuestionCard", "QuizWidget", "quiz_widget", "show_quiz"]


SCORING_NOTE = (
    "The score counts your first answer to each question. "
    "<strong>Retry</strong> is for practice: it shows feedback but does not change the score."
)
PRACTICE_NOTE = "Practice attempt: the score keeps your first answer."


def _full_width() -> widgets.Layout:
    return widgets.Layout(width="100%")


def _prompt(question: Question) -> str:
    if isinstance(question, MultipleResponse):
        return "Choose all that apply, then press Submit."
    if isinstance(question, Numeric):
        return "Type a number, then press Submit."
    return "Choose one answer, then press Submit."


def _option_label(question: SingleBestAnswer | MultipleResponse, option_id: str) -> str:
    # Radio and checkbox labels show plain text only, so Markdown is flattened, not escaped.
    return f"{question.label(option_id)}. {markdown_to_plain_text(question.option(option_id).text)}"


class QuestionCard(widgets.VBox):
    """One question: stem, answer control, Submit and Retry buttons, and feedback."""

    def __init__(
        self,
        question: Question,
        number: int,
        total: int,
        session: QuizSession,
        on_change: Callable[[], None] = lambda: None,
    ) -> None:
        self.question = question
        self.session = session
        self._on_change = on_change
        self.stem = widgets.HTML(
            value=(
                f"<p><strong>Question {number} of {total}</strong></p>"
                f"{markdown_to_safe_html(question.stem)}"
                f"<p><em>{_prompt(question)}</em></p>"
            ),
            layout=_full_width(),
        )
        self.checkboxes: dict[str, widgets.Checkbox] = {}
        self.control = self._make_control(question)
        self.submit_button = widgets.Button(
            description="Submit", button_style="primary", icon="check", tooltip="Check my answer"
        )
        self.retry_button = widgets.Button(
            description="Retry",
            icon="redo",
            tooltip="Clear my answer and try again (the score keeps my first try)",
            disabled=True,
        )
        self.feedback = widgets.HTML(value="", layout=_full_width())
        self.submit_button.on_click(self.submit)
        self.retry_button.on_click(self.retry)
        super().__init__(
            children=[
                self.stem,
                self.control,
                widgets.HBox([self.submit_button, self.retry_button]),
                self.feedback,
            ],
            layout=widgets.Layout(border="1px solid #767676", padding="0.5em", margin="0 0 1em 0"),
        )

    def _make_control(self, question: Question) -> widgets.Widget:
        if isinstance(question, SingleBestAnswer):
            return widgets.RadioButtons(
                options=[(_option_label(question, o.id), o.id) for o in question.options],
                value=None,
                layout=_full_width(),
            )
        if isinstance(question, TrueFalse):
            return widgets.RadioButtons(options=[("True", True), ("False", False)], value=None)
        if isinstance(question, MultipleResponse):
            for option in question.options:
                self.checkboxes[option.id] = widgets.Checkbox(
                    value=False,
                    description=_option_label(question, option.id),
                    indent=False,
                    layout=_full_width(),
                )
            return widgets.VBox(list(self.checkboxes.values()))
        if isinstance(question, Numeric):
            unit = question.answer.unit
            return widgets.Text(
                value="",
                placeholder="a number",
                description=f"Answer ({unit})" if unit else "Answer",
                style={"description_width": "initial"},
            )
        raise TypeError(f"no widget for a {type(question).__name__}")

    # --- reading and clearing the control ---
    def response(self) -> Any:
        """What the learner has entered so far, in the form ``grade`` expects."""
        if self.checkboxes:
            return [option_id for option_id, box in self.checkboxes.items() if box.value]
        return self.control.value  # type: ignore[attr-defined]

    def _set_enabled(self, enabled: bool) -> None:
        for control in [self.control, *self.checkboxes.values()]:
            if hasattr(control, "disabled"):
                control.disabled = not enabled
        self.submit_button.disabled = not enabled
        self.retry_button.disabled = enabled

    def clear(self) -> None:
        """Empty the answer control and the feedback, and make the question answerable again."""
        self._clear_control()
        self.feedback.value = ""
        self._set_enabled(True)

    def _clear_control(self) -> None:
        if self.checkboxes:
            for box in self.checkboxes.values():
                box.value = False
        elif isinstance(self.control, widgets.Text):
            self.control.value = ""
        else:
            self.control.value = None  # type: ignore[attr-defined]

    # --- actions ---
    def _show(self, result: Grade) -> None:
        parts = [markdown_to_safe_html(result.feedback)]
        if result.valid and len(self.session.attempts_for(self.question.id)) > 1:
            parts.append(f'<p class="lm-quiz-practice"><em>{PRACTICE_NOTE}</em></p>')
        if result.valid and self.question.explanation.strip():
            parts.append(
                '<div class="lm-quiz-explanation"><p><strong>Explanation</strong></p>'
                f"{markdown_to_safe_html(self.question.explanation)}</div>"
            )
        self.feedback.value = f'<div class="lm-quiz-feedback" role="status">{"".join(parts)}</div>'

    def submit(self, _button: widgets.Button | None = None) -> Grade:
        """Grade the current response through the session and show the feedback."""
        result = self.session.answer(self.question.id, self.response())
        self._show(result)
        if result.valid:
            self._set_enabled(False)
        self._on_change()
        return result

    def retry(self, _button: widgets.Button | None = None) -> None:
        """Clear this question's answer and feedback so it can be tried again."""
        self.session.retry(self.question.id)
        self.clear()
        self._on_change()


class QuizWidget(widgets.VBox):
    """A whole quiz: a card per question, a running score and a Start-over button."""

    def __init__(self, title: str, session: QuizSession) -> None:
        self.session = session
        total = session.max_score
        self.title = widgets.HTML(
            value=(
                f"<h3>{html.escape(title)}</h3><p>For education only: not medical advice.</p>"
                f"<p>{SCORING_NOTE}</p>"
            )
        )
        self.cards = [
            QuestionCard(question, number, total, session, on_change=self._update_score)
            for number, question in enumerate(session.questions, start=1)
        ]
        self.score_label = widgets.Label(value=session.score_text())
        # Repeated under the last question, so the score is in view at both ends of a long quiz.
        self.score_footer = widgets.Label(value=session.score_text())
        self.reset_button = widgets.Button(
            description="Start over", icon="refresh", tooltip="Clear every answer"
        )
        self.reset_button.on_click(self.reset)
        super().__init__(
            children=[
                self.title,
                widgets.HBox([self.score_label, self.reset_button]),
                *self.cards,
                self.score_footer,
            ]
        )

    def __repr__(self) -> str:
        # Shown as text where widgets cannot run (GitHub, nbviewer, a closed kernel).
        return (
            f"Interactive quiz, {self.session.max_score} questions: run the lesson in Jupyter "
            "or on Binder to answer them."
        )

    def card(self, question_id: str) -> QuestionCard:
        """The card showing the question with this id."""
        for card in self.cards:
            if card.question.id == question_id:
                return card
        raise KeyError(f"this quiz has no question {question_id!r}")

    def _update_score(self) -> None:
        self.score_label.value = self.score_footer.value = self.session.score_text()

    def reset(self, _button: widgets.Button | None = None) -> None:
        """Start the whole quiz over."""
        self.session.reset()
        for card in self.cards:
            card.clear()
        self._update_score()


def quiz_widget(
    bank_or_name: QuizSource,
    questions: Sequence[str] | None = None,
    *,
    partial_credit: PartialCredit = "net-correct",
) -> QuizWidget:
    """An interactive quiz for a bank (or name, or list of questions), optionally a subset by id."""
    selection = select_questions(bank_or_name, questions)
    session = QuizSession(
        selection.questions, partial_credit=partial_credit, name=selection.bank_name
    )
    return QuizWidget(selection.title, session)


def show_quiz(name: QuizSource, questions: Sequence[str] | None = None) -> QuizWidget:
    """The lesson quiz for a bank name; end a notebook cell with it to display it."""
    return quiz_widget(name, questions)
