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

Re-running the exam cell, or restarting the notebook, does not restart the exam: an exam not
yet handed in is kept in this module (one per quiz, seed, student and results file) and the
cell shows it again with its saved answers and its clock. With a results file, a draft (when
the exam began and the saved answers) is also kept in ``<results>.drafts/`` (owner-only,
written atomically), so a new kernel resumes it; it is deleted once the attempt is in the
results file. A draft that cannot be read is renamed ``….corrupt`` (kept for the teacher),
the student is told, and the exam starts afresh.
"""

from __future__ import annotations

import contextlib
import hashlib
import html
import json
import math
import os
import re
from collections.abc import Callable, Sequence
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic import ValidationError

from . import atomic
from .definition import QuizDefinition, load_quiz_definition
from .exam import normalise_student_id
from .results import append_attempt, read_results
from .session import DRAFT_FORMAT, DRAFT_VERSION, QuizSession
from .widget import Card, make_card

__all__ = ["ExamWidget", "draft_path", "exam_widget", "forget_open_exams"]

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
# Open (unsubmitted) exams of this kernel: (quiz id, quiz seed, student, results file) -> session.
_OPEN_EXAMS: dict[tuple[str, int, str, str | None], QuizSession] = {}
_DRAFTS_SUFFIX = ".drafts"
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
    ) -> None:
        """``draft_file``: where to keep the unsubmitted answers (see ``draft_path``);
        ``notes``: messages for the student about how the exam was resumed."""
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
        self._clock = clock or session.now
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
        for card in self.cards:
            card.restore()  # a resumed exam shows its saved answers
        self.tick()
        self._keep_draft()

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
        self.progress.value = self.session.score_text()
        self.tick()
        self._keep_draft()

    # --- handing in ---
    def ask_to_submit(self, _button: widgets.Button | None = None) -> None:
        """Show the confirmation step: what is unanswered, and the Yes, submit button."""
        if self.session.submitted:
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
        """Hand in: save pending changes, grade, show score and feedback, write the record."""
        if self.record is not None:
            return self.record
        self.tick()
        for card in self.cards:
            card.save_pending()  # an edit made after the limit is refused by the session
        self.record = self.session.submit()
        _forget(self.session)
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
        except ValidationError as error:  # the record itself is refused: a retry cannot help
            self._record_refused(error)
            return False
        except (OSError, ValueError) as error:  # TimeoutError is an OSError
            if not self._already_in_file():
                self._save_failed(error)
                return False
        self.saved_to_file = True
        self._drop_draft()
        self.save_again_button.layout.display = "none"
        self.save_status.value = _message(
            f"Your answers are saved in the results file {html.escape(self.results_path.name)}."
        )
        return True

    def _already_in_file(self) -> bool:
        """True if the attempt is in the results file (a retry after a write that did land)."""
        assert self.results_path is not None and self.record is not None
        return _in_results(self.results_path, self.record["attempt_id"])

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
        if self.draft_file is None or self.saved_to_file:
            return
        if self.session.submitted:
            draft: dict[str, Any] = {
                "format": DRAFT_FORMAT,
                "version": DRAFT_VERSION,
                "submitted": True,
                "record": self.record,
            }
        else:
            draft = self.session.draft()
        try:
            self.draft_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
            atomic.write_text(
                self.draft_file,
                json.dumps(draft, ensure_ascii=True, default=str),
                mode=0o600,  # student data: readable by its owner only
            )
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

    def _save_failed(self, error: Exception) -> None:
        self._keep_draft()
        self.save_again_button.layout.display = None
        self.save_status.value = _message(
            "<strong>Your answers could not be written to the results file.</strong> "
            f"The reason: {html.escape(str(error))}. They are handed in and kept here: press "
            "Try saving again, and if that fails too, tell your teacher before you close "
            "this notebook.",
            role="alert",
        )


def _plain_reasons(error: ValidationError) -> str:
    """What the results file's checks refused, as 'where: why' phrases (no pydantic dump)."""
    reasons = []
    for detail in error.errors(include_url=False)[:3]:
        where = ".".join(str(part) for part in detail["loc"])
        reasons.append(f"{where}: {detail['msg']}" if where else detail["msg"])
    return "; ".join(reasons)


def _in_results(results_path: Path, attempt_id: str) -> bool:
    """True if the results file already holds this attempt."""
    try:
        read = read_results(results_path)
    except (OSError, ValueError):
        return False
    return any(record.attempt_id == attempt_id for record in read.records)


def _forget(session: QuizSession) -> None:
    for key, open_session in list(_OPEN_EXAMS.items()):
        if open_session is session:
            del _OPEN_EXAMS[key]


def forget_open_exams() -> None:
    """Forget the exams this kernel keeps open (as a new kernel would; their drafts stay)."""
    _OPEN_EXAMS.clear()


def draft_path(results_path: str | os.PathLike[str], quiz_id: str, student_id: str) -> Path:
    """Where a student's unsubmitted exam is kept: ``<results>.drafts/<quiz>-<student>.json``.

    The student part is the id as seeds use it, reduced to safe file-name characters, plus a
    short hash of the full id, so two ids never share a draft and no id can name another folder.
    """
    key = normalise_student_id(student_id)
    safe = re.sub(r"[^a-z0-9_.-]+", "_", key)[:40].strip("._") or "student"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Path(f"{results_path}{_DRAFTS_SUFFIX}") / f"{quiz_id}-{safe}-{digest}.json"


def _set_aside(draft: Path, reason: str) -> str:
    """Rename an unreadable draft to ``….corrupt`` (never over another); say so in words."""
    target = draft.with_name(f"{draft.name}.corrupt")
    counter = 1
    while target.exists():
        counter += 1
        target = draft.with_name(f"{draft.name}.{counter}.corrupt")
    try:
        draft.rename(target)
        kept = f"it is kept as {target.name} for your teacher"
    except OSError as error:
        kept = f"it stays as {draft.name} ({error}); show it to your teacher"
    return (
        f"The saved draft of this exam could not be read ({reason}); {kept}. "
        "The exam starts afresh: answer the questions again."
    )


def _file_handed_in(draft: Path, record: Any, results_path: Path) -> str:
    """A draft of an exam handed in whose record never reached the results file: file it now."""
    attempt_id = record.get("attempt_id") if isinstance(record, dict) else None
    try:
        if not (isinstance(attempt_id, str) and _in_results(results_path, attempt_id)):
            append_attempt(results_path, record)
    except (OSError, ValueError, TypeError):
        return _set_aside(draft, "it holds a handed-in exam that could not be saved")
    with contextlib.suppress(FileNotFoundError):
        draft.unlink()
    return (
        "The exam you handed in earlier had not reached the results file; it is saved there now. "
        "This is a new attempt."
    )


def _resume(session: QuizSession, draft: Path, results_path: Path) -> list[str]:
    """Bring back a draft into a fresh session; messages for the student on what happened."""
    try:
        text = draft.read_text(encoding="utf-8")
    except FileNotFoundError:
        return []
    except (OSError, UnicodeError) as error:
        return [_set_aside(draft, f"it could not be read: {error}")]
    try:
        data = json.loads(text)
    except ValueError:
        return [_set_aside(draft, "it is not valid JSON")]
    if isinstance(data, dict) and data.get("submitted") is True:
        return [_file_handed_in(draft, data.get("record"), results_path)]
    try:
        notes = session.resume(data)
    except ValueError as error:
        return [_set_aside(draft, str(error))]
    started = session.started_at.strftime("%H:%M UTC") if session.started_at else "earlier"
    return [
        f"Your exam continues where you left it (it began at {started}): "
        "your saved answers are shown again.",
        *notes,
    ]


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
    same exam (its clock and saved answers), from this kernel or from the draft file.
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
    draft = draft_path(results, definition.quiz, student_id) if results is not None else None
    session = _OPEN_EXAMS.get(key)
    notes: list[str] = []
    if session is None or session.submitted:
        session = QuizSession.from_definition(
            definition, student_id, clock=clock or _utc_now, bank_dirs=bank_dirs
        )
        if not session.is_exam:
            return ExamWidget(session)  # which explains that a self-check quiz is no exam
        if draft is not None and results is not None:
            notes = _resume(session, draft, results)
        _OPEN_EXAMS[key] = session
    else:
        notes = ["This exam is already running: your saved answers and the clock carry on."]
    return ExamWidget(session, results_path=results, draft_file=draft, notes=notes)
