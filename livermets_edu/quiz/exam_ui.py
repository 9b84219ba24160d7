"""The exam as a notebook widget: answers saved without feedback, handed in once, then marked.

``exam_widget(definition, student_id)`` builds the student's paper from a quiz definition
(questions, options and numbers in the paper's order) and shows it with the quiz cards in
exam mode: Save answer says only that the answer was saved. Submit exam asks for a
confirmation (a second button, Yes, submit), then the session grades everything once, and
the score and each question's feedback appear. The attempt is appended to the results file
when one is given; if writing fails, the student is told in words, the record stays in
memory and a Try saving again button appears: work is never lost.

A time limit is shown as a countdown. A ``widgets.Play`` ticks once a second in the browser
and its value is observed here, so there are no threads; the time itself always comes from
the session's clock. At expiry the answer controls are locked and the student is told to
submit; the session flags a late submission.
"""

from __future__ import annotations

import html
import math
import os
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from .definition import QuizDefinition, load_quiz_definition
from .results import append_attempt, read_results
from .session import QuizSession
from .widget import Card, make_card

__all__ = ["ExamWidget", "exam_widget"]

EDUCATION_NOTE = "For education only: not medical advice."
EXAM_NOTE = (
    "Press <strong>Save answer</strong> under each question; you can change a saved answer "
    "until you hand in the exam. Nothing is marked before you press <strong>Submit exam</strong>."
)
TIME_UP_MESSAGE = (
    "Time is up. Your saved answers are kept: press Submit exam to hand them in. "
    "(Work handed in after the limit is marked late.)"
)
CONFIRM_QUESTION = "Hand in the exam now? You cannot change any answer afterwards."
# The Play counts past the limit by this much, so the last tick falls after the deadline.
_TICK_MARGIN_SECONDS = 5


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _hidden() -> widgets.Layout:
    return widgets.Layout(display="none")


def _message(text: str, role: str = "status") -> str:
    return f'<div role="{role}"><p>{text}</p></div>'


class ExamWidget(widgets.VBox):
    """One student's exam: countdown, a card per question, Submit exam with a confirmation."""

    def __init__(
        self,
        session: QuizSession,
        *,
        results_path: str | os.PathLike[str] | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        if not session.is_exam:
            raise ValueError(
                f"quiz {session.quiz_id or session.name!r} is a self-check quiz, not an exam; "
                "show it with quiz_widget"
            )
        self.session = session
        self.results_path = Path(results_path) if results_path is not None else None
        self.record: dict[str, Any] | None = None
        self.saved_to_file = False
        self.time_up = False
        self._clock = clock
        total = session.max_score
        self.cards: list[Card] = [
            make_card(question, number, total, session, self._update_progress)
            for number, question in enumerate(session.questions, start=1)
        ]
        self.title = widgets.HTML(
            value=f"<h3>{html.escape(session.title or session.name or 'Exam')}</h3>"
            f"<p>{EDUCATION_NOTE}</p><p>{EXAM_NOTE}</p>"
        )
        self.countdown = widgets.Label(value=session.time_text() or "No time limit")
        self.progress = widgets.Label(value=session.score_text())
        self.ticker = self._make_ticker()
        self.notice = widgets.HTML(value="")
        self.submit_button = widgets.Button(
            description="Submit exam",
            button_style="warning",
            icon="paper-plane",
            tooltip="Hand in the exam (you are asked to confirm)",
        )
        self.confirm_text = widgets.HTML(value="")
        self.confirm_button = widgets.Button(
            description="Yes, submit",
            button_style="danger",
            icon="check",
            tooltip="Hand in the exam now; answers can no longer change",
        )
        self.cancel_button = widgets.Button(
            description="Not yet", icon="times", tooltip="Go back to the exam"
        )
        self.confirm_box = widgets.VBox(
            [self.confirm_text, widgets.HBox([self.confirm_button, self.cancel_button])],
            layout=_hidden(),
        )
        self.result = widgets.HTML(value="")
        self.save_status = widgets.HTML(value="")
        self.save_again_button = widgets.Button(
            description="Try saving again",
            icon="save",
            tooltip="Write the handed-in answers to the results file again",
            layout=_hidden(),
        )
        self.submit_button.on_click(self.ask_to_submit)
        self.confirm_button.on_click(self.submit)
        self.cancel_button.on_click(self.cancel_submit)
        self.save_again_button.on_click(self.save_record)
        super().__init__(
            children=[
                self.title,
                widgets.HBox([self.countdown, self.progress, self.ticker]),
                self.notice,
                *self.cards,
                self.submit_button,
                self.confirm_box,
                self.result,
                self.save_status,
                self.save_again_button,
            ]
        )
        self.tick()

    def __repr__(self) -> str:
        # Shown as text where widgets cannot run (GitHub, nbviewer, a closed kernel).
        return (
            f"Exam, {self.session.max_score} questions: run it in Jupyter to answer the questions."
        )

    # --- the clock ---
    def _make_ticker(self) -> widgets.Play:
        remaining = self.session.time_left()
        seconds = math.ceil(remaining.total_seconds()) if remaining is not None else 0
        ticker = widgets.Play(
            value=0,
            min=0,
            max=seconds + _TICK_MARGIN_SECONDS,
            step=1,
            interval=1000,
            description="Exam clock",
            layout=_hidden(),  # the countdown Label shows the time; nobody should pause it
            # Tracking views lets the ticker start once the browser shows it (see _start).
            _view_count=0,
        )
        if remaining is not None:
            ticker.observe(self._start, names="_view_count")
            ticker.observe(lambda _change: self.tick(), names="value")
        return ticker

    def _start(self, change: dict[str, Any]) -> None:
        # The browser starts a Play's loop only when a view sees `playing` change to True, so
        # it is set once a view exists, and toggled for a new view (a reloaded page), whose
        # model already says playing. Each assignment is its own message, so none is lost.
        if (change["new"] or 0) <= (change["old"] or 0) or self.session.submitted:
            return
        if self.ticker.playing:
            self.ticker.playing = False
        self.ticker.playing = True

    def card(self, question_id: str) -> Card:
        """The card showing the question with this id."""
        for card in self.cards:
            if card.question.id == question_id:
                return card
        raise KeyError(f"this exam has no question {question_id!r}")

    def tick(self) -> None:
        """Update the countdown; at the time limit, lock the answers and say to submit."""
        if self.session.submitted:
            return
        self.countdown.value = self.session.time_text() or "No time limit"
        deadline = self.session.deadline
        if self.time_up or deadline is None or not deadline.expired(self._clock()):
            return
        self.time_up = True
        for card in self.cards:
            card.lock()
        self.notice.value = _message(html.escape(TIME_UP_MESSAGE), role="alert")

    def _update_progress(self) -> None:
        self.progress.value = self.session.score_text()
        self.tick()

    # --- handing in ---
    def ask_to_submit(self, _button: widgets.Button | None = None) -> None:
        """Show the confirmation step: what is unanswered, and the Yes, submit button."""
        if self.session.submitted:
            return
        unanswered = sum(not self.session.is_answered(card.question.id) for card in self.cards)
        unsaved = sum(card.changed_since_saved for card in self.cards) if not self.time_up else 0
        details = [CONFIRM_QUESTION]
        if unanswered:
            details.append(
                f"{unanswered} of {self.session.max_score} questions have no saved answer."
            )
        if unsaved:
            details.append("Answers you changed but did not save are saved first.")
        self.confirm_text.value = _message(" ".join(details))
        self.confirm_box.layout.display = None
        self.submit_button.disabled = True

    def cancel_submit(self, _button: widgets.Button | None = None) -> None:
        """Hide the confirmation and go back to the exam."""
        self.confirm_box.layout.display = "none"
        self.submit_button.disabled = False

    def submit(self, _button: widgets.Button | None = None) -> dict[str, Any]:
        """Hand in: save pending changes, grade, show score and feedback, write the record."""
        if self.record is not None:
            return self.record
        self.tick()
        if not self.time_up:
            for card in self.cards:
                card.save_pending()
        self.record = self.session.submit()
        self.ticker.playing = False
        self.confirm_box.layout.display = "none"
        self.submit_button.disabled = True
        for card in self.cards:
            card.show_final()
        self.progress.value = self.session.score_text()
        self.countdown.value = "Handed in"
        late = (
            " It was handed in after the time limit, so it is marked late."
            if self.session.late
            else ""
        )
        self.result.value = _message(
            f"<strong>Exam handed in. {html.escape(self.session.score_text())}.</strong>{late} "
            "The feedback for each question is shown under it."
        )
        self.save_record()
        return self.record

    def save_record(self, _button: widgets.Button | None = None) -> bool:
        """Append the handed-in attempt to the results file; say so in words if it fails."""
        if self.record is None:
            raise ValueError("the exam has not been handed in yet")
        if self.results_path is None:
            self.save_status.value = _message(
                "No results file was given, so your answers are kept in this notebook only."
            )
            return False
        try:
            append_attempt(self.results_path, self.record)
        except (OSError, ValueError) as error:  # TimeoutError is an OSError
            if not self._already_in_file():
                self._save_failed(error)
                return False
        self.saved_to_file = True
        self.save_again_button.layout.display = "none"
        self.save_status.value = _message(
            f"Your answers are saved in the results file {html.escape(self.results_path.name)}."
        )
        return True

    def _already_in_file(self) -> bool:
        """True if the attempt is in the results file (a retry after a write that did land)."""
        assert self.results_path is not None and self.record is not None
        try:
            read = read_results(self.results_path)
        except (OSError, ValueError):
            return False
        return any(record.attempt_id == self.record["attempt_id"] for record in read.records)

    def _save_failed(self, error: Exception) -> None:
        self.save_again_button.layout.display = None
        self.save_status.value = _message(
            "<strong>Your answers could not be written to the results file.</strong> "
            f"The reason: {html.escape(str(error))}. They are handed in and kept here: press "
            "Try saving again, and if that fails too, tell your teacher before you close "
            "this notebook.",
            role="alert",
        )


def exam_widget(
    definition_or_path: QuizDefinition | str | os.PathLike[str],
    student_id: str,
    *,
    results_path: str | os.PathLike[str] | None = None,
    clock: Callable[[], datetime] | None = None,
    bank_dirs: Sequence[str | os.PathLike[str]] = (),
) -> ExamWidget:
    """The exam a quiz definition (or its YAML file) gives this student, ready to display."""
    definition = (
        definition_or_path
        if isinstance(definition_or_path, QuizDefinition)
        else load_quiz_definition(definition_or_path, bank_dirs=bank_dirs)
    )
    clock = clock or _utc_now
    session = QuizSession.from_definition(definition, student_id, clock=clock, bank_dirs=bank_dirs)
    return ExamWidget(session, results_path=results_path, clock=clock)
