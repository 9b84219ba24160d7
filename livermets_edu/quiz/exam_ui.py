"""The exam as a notebook widget: answers saved without feedback, handed in once, then marked.

``exam_widget(definition, student_id)`` builds the student's paper from a quiz definition
(questions, options and numbers in the paper's order) and shows it with the quiz cards in
exam mode: Save answer says only that the answer was saved. Submit exam asks for a
confirmation (a second button, Yes, submit), then the session grades everything once, and
the score and each question's feedback appear. The attempt is appended to the results file
when one is given; if writing fails, the student is told in words, the record stays in
memory and a Try saving again button appears: work is never lost.

A record the results file refuses (it should not happen: the student id is checked when the
exam starts and text is made valid Unicode when saved) is explained in plain words and shown
as JSON in a box the student can copy from, so it is never lost either.

A time limit is shown as a countdown. A ``widgets.Play`` ticks once a second in the browser
and its value is observed here, so there are no threads; the time itself always comes from
the session's clock. At expiry, every answer changed but not saved is saved first, as it
stood when last changed, if that was before the deadline and it is complete (the session
accepts an answer stamped before the deadline: the edit time is the kernel's clock when the
change arrived); then the controls are locked and the student is told to submit. The session
flags a late submission.

Answers are not saved on every change (Moodle autosaves): saving a case part locks it and
shows the next part, which may give the earlier answer away, so it must be the student's own
step; and an explicit Save keeps the student deciding what is handed in. Unsaved complete
edits are saved at expiry and at hand-in, so within a running kernel typed work is not lost.

Re-running the exam cell does not restart the exam: an exam not yet handed in is kept in this
module (one per quiz, seed, student and results file) and the cell shows it again with its
saved answers and its clock. This registry is kernel memory, tied to the widgets showing its
sessions, so it stays here. With a results file, the exam is also kept as a draft file, so a
new kernel resumes it: ``exam_drafts`` says what a draft holds, where it lives, when it is
resumed, filed or set aside; this module shows what it decides.
"""

from __future__ import annotations

import html
import json
import math
import os
import weakref
from collections.abc import Callable, Sequence
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from . import exam_drafts
from .definition import QuizDefinition, load_quiz_definition
from .exam import normalise_student_id
from .session import QuizSession
from .widget import Card, make_card

__all__ = ["ExamWidget", "exam_widget", "forget_open_exams"]

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
RECORD_REFUSED = (
    "<strong>Your handed-in answers could not be written to the results file, because the "
    "record does not pass the file's checks</strong> ({reason}). Trying again will not help. "
    "Your answers are handed in and kept here: select all the text in the box below, copy it "
    "and send it to your teacher before you close this notebook."
)
RECORD_CONFLICT = (
    "<strong>The results file already holds a different record with this exam's attempt id"
    "</strong> (the exam was probably open in two windows). Your handed-in answers are kept "
    "here and in the exam's draft: select all the text in the box below, copy it and send it "
    "to your teacher."
)
# A timed exam's clock ticks every second; its draft (and owner's stamp) is refreshed this often.
_REFRESH_SECONDS = 30
# Open (unsubmitted) exams of this kernel: (quiz id, quiz seed, student, results file) -> session.
_OPEN_EXAMS: dict[tuple[str, int, str, str | None], QuizSession] = {}
# Every exam widget shown in this kernel: a cell run twice shows one session twice, and once
# one of them hands in, the other must stop taking answers.
_VIEWS: weakref.WeakSet[ExamWidget] = weakref.WeakSet()
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
        clock: Callable[[], datetime] | None = None,
        draft_file: str | os.PathLike[str] | None = None,
        notes: Sequence[str] = (),
        blocked: bool = False,
        handed_in: dict[str, Any] | None = None,
        handed_in_problem: str | None = None,
    ) -> None:
        """``draft_file``: where to keep the unsubmitted answers (see ``exam_drafts.draft_path``);
        ``notes``: messages for the student about how the exam was resumed; ``blocked``: the
        exam is open in another window, so nothing is shown to answer and no draft written;
        ``handed_in``: a record handed in earlier that has not reached the results file (no
        exam is shown, only the record and a retry), ``handed_in_problem`` saying why (an error
        text; ``"conflict"`` if the file holds another record with its attempt id)."""
        if not session.is_exam:
            raise ValueError(
                f"quiz {session.quiz_id or session.name!r} is a self-check quiz, not an exam; "
                "show it with quiz_widget"
            )
        self.session = session
        self.results_path = Path(results_path) if results_path is not None else None
        self.record: dict[str, Any] | None = handed_in
        self.saved_to_file = False
        self.time_up = False
        self.blocked = blocked
        # True when this widget shows no exam to answer: blocked, or an earlier record to file.
        self._no_paper = blocked or handed_in is not None
        self._clock = clock or session.now
        self._draft_written_at: datetime | None = None
        self.draft_file = Path(draft_file) if draft_file is not None else None
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
        self.draft_status = widgets.HTML(
            value=_message(" ".join(html.escape(note) for note in notes)) if notes else ""
        )
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
        # Read-only in effect (ipywidgets has no readonly flag, and a disabled box cannot be
        # selected in every browser): any edit is undone, so what is copied is the record.
        self.record_box = widgets.Textarea(
            value="",
            description="Your record",
            rows=12,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", display="none"),
        )
        self.record_box.observe(self._keep_record_text, names="value")
        self.submit_button.on_click(self.ask_to_submit)
        self.confirm_button.on_click(self.submit)
        self.cancel_button.on_click(self.cancel_submit)
        self.save_again_button.on_click(self.save_record)
        super().__init__(
            children=[
                self.title,
                widgets.HBox([self.countdown, self.progress, self.ticker]),
                self.notice,
                self.draft_status,
                *self.cards,
                self.submit_button,
                self.confirm_box,
                self.result,
                self.save_status,
                self.save_again_button,
                self.record_box,
            ]
        )
        _VIEWS.add(self)
        if self._no_paper:
            self._hide_paper()
            if handed_in is not None:
                self._show_earlier_record(handed_in_problem)
            return
        for card in self.cards:
            card.restore()  # a resumed exam shows its saved answers
        self.tick()
        self._keep_draft()

    def _hide_paper(self) -> None:
        """No exam to answer here: the cards, clock and Submit are hidden and locked."""
        self.ticker.playing = False
        for card in self.cards:
            card.lock()
            card.layout.display = "none"
        self.submit_button.disabled = True
        self.submit_button.layout.display = "none"
        self.countdown.value = "Handed in" if self.record is not None else "Open elsewhere"
        self.progress.value = ""

    def _show_earlier_record(self, problem: str | None) -> None:
        """An exam handed in earlier whose record is not in the results file yet."""
        self.result.value = _message(
            "<strong>This exam was handed in earlier</strong>, but its record is not in the "
            "results file yet. It is shown below; no new exam starts until it is saved."
        )
        if problem == "conflict":
            self._record_conflict()
        else:
            self._save_failed(OSError(problem or "the results file could not be written"))

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
        if self._no_paper:
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
        if self._no_paper or self.session.submitted:
            if self.record is None and self.session.submitted:
                self._handed_in_elsewhere()
            return
        self._refresh_draft()
        self.countdown.value = self.session.time_text() or "No time limit"
        deadline = self.session.deadline
        if self.time_up or deadline is None or not deadline.expired(self._clock()):
            return
        self.time_up = True
        # Edits made before the deadline but not saved are saved now, before the lock.
        kept = sum(card.save_pending() for card in self.cards)
        for card in self.cards:
            card.lock()
        saved = (
            f" {kept} answer{'s' if kept != 1 else ''} you had changed but not saved "
            f"{'were' if kept != 1 else 'was'} saved as {'they' if kept != 1 else 'it'} stood "
            "before the time limit."
            if kept
            else ""
        )
        self.notice.value = _message(html.escape(TIME_UP_MESSAGE + saved), role="alert")

    def _update_progress(self) -> None:
        if self.record is None and self.session.submitted:
            self._handed_in_elsewhere()  # a card of an older output of the cell was used
            return
        self.progress.value = self.session.score_text()
        self.tick()
        self._keep_draft()

    def _handed_in_elsewhere(self) -> None:
        """Another output of this exam handed it in: lock this one; it writes nothing."""
        self.ticker.playing = False
        for card in self.cards:
            card.lock()
        self.submit_button.disabled = True
        self.confirm_box.layout.display = "none"
        self.countdown.value = "Handed in"
        self.notice.value = _message(
            "This exam was handed in from another output of this cell: its score and "
            "feedback are shown there. Nothing can be changed here."
        )

    def _refresh_draft(self) -> None:
        """Rewrite the draft now and then, so it shows that this kernel still holds the exam."""
        written = self._draft_written_at
        if written is not None and self._clock() - written >= timedelta(seconds=_REFRESH_SECONDS):
            self._keep_draft()

    # --- handing in ---
    def ask_to_submit(self, _button: widgets.Button | None = None) -> None:
        """Show the confirmation step: what is unanswered, and the Yes, submit button."""
        if self._no_paper or self.session.submitted:
            self.tick()  # says so if another output of the cell handed it in
            return
        self.tick()  # at the limit, this saves what can still be saved
        saveable, unsaveable = self._pending()
        will_save = set(saveable)
        unanswered = sum(
            not self.session.is_answered(card.question.id) and number not in will_save
            for number, card in enumerate(self.cards, start=1)
        )
        details = [CONFIRM_QUESTION]
        if unanswered:
            details.append(
                f"{unanswered} of {self.session.max_score} questions have no saved answer."
            )
        if saveable:
            names = ", ".join(f"question {number}" for number in saveable)
            details.append(f"Your unsaved change to {names} will be saved first.")
        for number, reason in unsaveable:
            details.append(f"Your change to question {number} cannot be saved: {reason}")
        self.confirm_text.value = _message(" ".join(html.escape(text) for text in details))
        self.confirm_box.layout.display = None
        self.submit_button.disabled = True

    def _pending(self) -> tuple[list[int], list[tuple[int, str]]]:
        """Changed-but-unsaved answers: question numbers submit will save, and those it cannot."""
        saveable: list[int] = []
        unsaveable: list[tuple[int, str]] = []
        for number, card in enumerate(self.cards, start=1):
            if not card.changed_since_saved:
                continue
            problem = card.pending_problem()
            if problem is not None:
                unsaveable.append((number, f"it is not complete ({problem})"))
            elif self.time_up:
                # tick saved every edit made in time, so this one was made after the limit.
                unsaveable.append((number, "it was made after the time limit."))
            else:
                saveable.append(number)
        return saveable, unsaveable

    def cancel_submit(self, _button: widgets.Button | None = None) -> None:
        """Hide the confirmation and go back to the exam."""
        self.confirm_box.layout.display = "none"
        self.submit_button.disabled = False

    def submit(self, _button: widgets.Button | None = None) -> dict[str, Any]:
        """Hand in: save pending changes, grade, keep the handed-in draft, show, write the record.

        The draft says "handed in" (with the record) before any score or feedback is shown,
        so an interrupted hand-in is never reopened: the next run only files the record.
        """
        if self.record is not None:
            return self.record
        if self._no_paper:
            raise ValueError("this exam is open in another window; hand it in there")
        if self.session.submitted:  # handed in from another output of this cell
            self._handed_in_elsewhere()
            return self.session.record()
        self.tick()
        for card in self.cards:
            card.save_pending()  # an edit made after the limit is refused by the session
        self.record = self.session.submit()
        _forget(self.session)
        self._keep_draft()  # before anything is shown: from now on the draft is handed in
        for view in list(_VIEWS):
            if view is not self and view.session is self.session:
                view._handed_in_elsewhere()
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
        found, error = exam_drafts.file_record(self.results_path, self.record)
        if isinstance(error, ValidationError):  # the record itself is refused: no retry helps
            self._record_refused(error)
            return False
        if found == "different":
            self._record_conflict()
            return False
        if found == "absent":
            self._save_failed(error or OSError("the results file could not be written"))
            return False
        self.saved_to_file = True
        self._drop_draft()
        self.save_again_button.layout.display = "none"
        self.record_box.layout.display = "none"
        again = " Run this cell again to start a new attempt." if self._no_paper else ""
        self.save_status.value = _message(
            f"Your answers are saved in the results file {html.escape(self.results_path.name)}."
            + again
        )
        return True

    # --- the record as text, and the draft ---
    @property
    def _record_json(self) -> str:
        # ASCII escapes keep any odd character intact and the text valid to send and paste.
        return json.dumps(self.record, indent=2, ensure_ascii=True, default=str)

    def _keep_record_text(self, change: dict[str, Any]) -> None:
        if self.record is not None and self.record_box.layout.display != "none":
            if change["new"] != self._record_json:
                self.record_box.value = self._record_json

    def _keep_draft(self) -> None:
        """Write the draft file (if there is one): the answers so far, or a record not filed."""
        if self.draft_file is None or self.saved_to_file or self.blocked:
            return
        if self.record is not None:
            draft = exam_drafts.handed_in_draft(self.record)
        elif self.session.submitted:
            return  # handed in from another output of this cell, which keeps the draft
        else:
            draft = self.session.draft()
        try:
            exam_drafts.write_draft(self.draft_file, draft, self.session.now())
            self._draft_written_at = self._clock()
        except OSError as error:
            self.draft_status.value = _message(
                "Your saved answers could not be copied to the draft file "
                f"({html.escape(str(error))}); they stay in this notebook while it runs.",
                role="alert",
            )

    def _drop_draft(self) -> None:
        if self.draft_file is None:
            return
        try:
            self.draft_file.unlink(missing_ok=True)
        except OSError as error:
            self.draft_status.value = _message(
                f"The exam's draft file {html.escape(str(self.draft_file))} could not be "
                f"deleted ({html.escape(str(error))}); delete it before this exam is run again.",
                role="alert",
            )

    def _record_refused(self, error: ValidationError) -> None:
        self.save_again_button.layout.display = "none"
        self.record_box.value = self._record_json
        self.record_box.layout.display = None
        self.save_status.value = _message(
            RECORD_REFUSED.format(reason=html.escape(_plain_reasons(error))), role="alert"
        )
        self._keep_draft()

    def _record_conflict(self) -> None:
        self._keep_draft()
        self.save_again_button.layout.display = "none"  # the other record stays: no retry helps
        self.record_box.value = self._record_json
        self.record_box.layout.display = None
        self.save_status.value = _message(RECORD_CONFLICT, role="alert")

    def _save_failed(self, error: Exception) -> None:
        self._keep_draft()
        self.save_again_button.layout.display = None
        self.record_box.value = self._record_json
        self.record_box.layout.display = None
        self.save_status.value = _message(
            "<strong>Your answers could not be written to the results file.</strong> "
            f"The reason: {html.escape(str(error))}. They are handed in and kept here and in "
            "the exam's draft (the box below holds them): press Try saving again, and if that "
            "fails too, copy the box and send it to your teacher before you close this notebook.",
            role="alert",
        )


def _plain_reasons(error: ValidationError) -> str:
    """What the results file's checks refused, as 'where: why' phrases (no pydantic dump)."""
    reasons = []
    for detail in error.errors(include_url=False)[:3]:
        where = ".".join(str(part) for part in detail["loc"])
        reasons.append(f"{where}: {detail['msg']}" if where else detail["msg"])
    return "; ".join(reasons)


def _forget(session: QuizSession) -> None:
    for key, open_session in list(_OPEN_EXAMS.items()):
        if open_session is session:
            del _OPEN_EXAMS[key]


def forget_open_exams() -> None:
    """Forget the exams this kernel keeps open (as a new kernel would; their drafts stay)."""
    _OPEN_EXAMS.clear()


def exam_widget(
    definition_or_path: QuizDefinition | str | os.PathLike[str],
    student_id: str,
    *,
    results_path: str | os.PathLike[str] | None = None,
    clock: Callable[[], datetime] | None = None,
    bank_dirs: Sequence[str | os.PathLike[str]] = (),
) -> ExamWidget:
    """The exam a quiz definition (or its YAML file) gives this student, ready to display.

    Run again for the same quiz, student and results file before handing in, it shows the
    same exam (its clock and saved answers), from this kernel or from the draft file. An exam
    handed in whose record is not in the results file yet is filed first; if that fails, the
    cell shows the record and a retry, not a new exam.
    """
    definition = (
        definition_or_path
        if isinstance(definition_or_path, QuizDefinition)
        else load_quiz_definition(definition_or_path, bank_dirs=bank_dirs)
    )
    results = Path(results_path) if results_path is not None else None
    key = (
        definition.quiz,
        definition.seed,
        normalise_student_id(student_id),
        str(results.resolve()) if results is not None else None,
    )
    draft = (
        None if results is None else exam_drafts.draft_path(results, definition.quiz, student_id)
    )
    session = _OPEN_EXAMS.get(key)
    if session is not None and not session.submitted:
        notes = ["This exam is already running: your saved answers and the clock carry on."]
        return ExamWidget(session, results_path=results, draft_file=draft, notes=notes)
    session = QuizSession.from_definition(
        definition, student_id, clock=clock or _utc_now, bank_dirs=bank_dirs
    )
    if not session.is_exam:
        return ExamWidget(session)  # which explains that a self-check quiz is no exam
    resumed = exam_drafts.Resumed()
    if draft is not None and results is not None:
        resumed = exam_drafts.open_draft(session, draft, results)
    if resumed.state == "open":
        _OPEN_EXAMS[key] = session
    return ExamWidget(
        session,
        results_path=results,
        draft_file=draft if resumed.use_draft else None,
        notes=resumed.notes,
        blocked=resumed.state == "blocked",
        handed_in=resumed.record,
        handed_in_problem=resumed.problem,
    )
