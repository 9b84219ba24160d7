"""One learner working through a set of questions, in self-check or exam mode; no widgets.

The notebook widget, a command-line drill or an export all read and drive the same
``QuizSession``. Each question is worth one point.

A parametrized question (a template with a generator) is made concrete when the session is
created, with the seed ``exam.item_seed(seed, student_id or 'anonymous', question_id)`` (or the
exam paper's), so ``questions`` are always concrete and a record's ``variant_seed`` is the seed
really used. Every response is first turned into plain JSON data (``normalise_response``), and
that same value is graded and stored.

*Self-check* (the default): every answer is graded at once and its feedback shown. The
running score counts each question's FIRST graded attempt: a wrong answer reveals the right
one, so a later attempt says little about what the learner knew. ``retry`` clears the
question for another go, for practice; its grade is shown but does not change the score.
``new_variant`` asks a parametrized question again with fresh numbers (PrairieLearn's
homework style); the first try, with its first variant, still holds the score. The full
history stays in ``attempts`` (and ``results()``). An ungradable response (nothing chosen,
not a number) is not an attempt.

*Exam*: ``answer`` only saves the response and returns a ``Recorded`` that says nothing about
correctness; a student may change answers until ``submit``, which grades everything once
(unanswered scores 0), freezes the session and returns the attempt record. A half-finished
matching, label or case answer can be saved too, and is graded with what is left out counting
as wrong (``grading.grade_partial``), as Moodle does. Past the time limit new answers are
refused, but ``submit`` still works, so saved work is never lost; such a record carries
``"late": true``.

``record()`` (and ``submit()``) give the attempt as a results-file record (see
docs/design/quiz-library.md, "Results file"); writing it is ``results.append_attempt``'s job.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from typing import TYPE_CHECKING, Any, Literal

from . import exam_drafts
from .exam import Deadline, ExamPaper, OptionOrder, item_seed, make_paper
from .exam_drafts import PaperChanged  # what resume() raises: part of this API
from .grading import Grade, PartialCredit, grade, grade_partial, normalise_response
from .schema import Bank, Question
from .session_record import (
    ANONYMOUS,
    Attempt,
    attempt_record,
    check_student_id,
    copy_record,
    record_item,
)
from .variants import concrete

if TYPE_CHECKING:  # pragma: no cover
    from .definition import QuizDefinition

__all__ = ["Attempt", "ExamClosed", "PaperChanged", "QuizSession", "Recorded", "SessionMode"]

SessionMode = Literal["self-check", "exam"]

SAVED = "Answer saved. You can change it until you submit."
TIME_IS_UP = (
    "Time is up: answers can no longer be saved or changed. "
    "Submit to hand in the answers already saved."
)
ALREADY_SUBMITTED = "This quiz has been submitted: answers can no longer be changed."


class ExamClosed(RuntimeError):
    """Asked for something an exam does not allow now (a grade before submitting, a reset)."""


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


@dataclass(frozen=True)
class Recorded:
    """An exam answer saved (``valid``) or refused, with a message that never says if it is right.

    It has ``valid`` and ``feedback`` like a ``Grade``, so a front end can show either, and
    deliberately no ``score`` or ``correct``.
    """

    question_id: str
    valid: bool
    feedback: str


@dataclass(frozen=True)
class _Saved:
    response: Any
    saved_at: datetime


class QuizSession:
    """A learner's progress through a bank (or a list of questions), self-check or exam."""

    def __init__(
        self,
        bank_or_questions: Bank | Iterable[Question],
        *,
        partial_credit: PartialCredit = "net-correct",
        name: str | None = None,
        clock: Callable[[], datetime] = _utc_now,
        mode: SessionMode = "self-check",
        student_id: str | None = None,
        quiz_id: str | None = None,
        seed: int = 0,
        time_limit: timedelta | None = None,
        paper: ExamPaper | None = None,
    ) -> None:
        questions = list(bank_or_questions)
        if not questions:
            raise ValueError("a quiz session needs at least one question")
        if name is None and isinstance(bank_or_questions, Bank):
            name = bank_or_questions.name
        if mode not in ("self-check", "exam"):
            raise ValueError(f"mode must be 'self-check' or 'exam', not {mode!r}")
        if time_limit is not None and mode != "exam":
            raise ValueError("a time limit applies only to exam mode")
        if student_id is not None:
            check_student_id(student_id)
        self.name = name
        self.title = name  # what a front end shows; a quiz definition's title when made from one
        self.partial_credit: PartialCredit = partial_credit
        self.mode: SessionMode = mode
        self.student_id = student_id.strip() if student_id is not None else None
        self.quiz_id = quiz_id
        self.seed = seed
        self.paper = paper
        self._questions: dict[str, Question] = {}
        self._templates: dict[str, Question] = {}  # what new_variant makes new numbers from
        self._variant_seeds: dict[str, int] = {}  # the seed of the variant asked now
        for question in questions:
            if question.id in self._questions:
                raise ValueError(f"question id {question.id!r} appears twice")
            self._add(question)
        self.attempt_id = uuid.uuid4().hex
        self._clock = clock
        self._current: dict[str, Grade] = {}  # what is shown now; retry clears it
        self._first: dict[str, Grade] = {}  # the first graded attempt, which is scored
        self._attempts: list[Attempt] = []
        self._saved: dict[str, _Saved] = {}  # exam answers, ungraded until submit
        self._record: dict[str, Any] | None = None  # set by submit(); the session is then frozen
        # An exam's clock starts now; a self-check session starts at its first answer.
        self._started_at: datetime | None = clock() if mode == "exam" else None
        self.deadline: Deadline | None = (
            Deadline(self._started_at, time_limit) if self._started_at is not None else None
        )

    def _add(self, question: Question) -> None:
        """Ask this question, a template made concrete with its item (or paper) seed."""
        question_id = question.id
        if self.paper is not None and question_id in self.paper.variant_seeds:
            seed = self.paper.variant_seeds[question_id]
        else:
            seed = item_seed(self.seed, self.student_id or ANONYMOUS, question_id)
        template = question if question.is_template else None
        if template is None and self.paper is not None:
            template = self.paper.templates.get(question_id)  # the paper made it concrete
        if template is not None:
            self._templates[question_id] = template
        self._questions[question_id] = concrete(question, seed)
        self._variant_seeds[question_id] = seed

    @classmethod
    def from_definition(
        cls,
        definition: QuizDefinition,
        student_id: str,
        *,
        clock: Callable[[], datetime] = _utc_now,
        bank_dirs: Sequence[str | os.PathLike[str]] = (),
    ) -> QuizSession:
        """The session one student gets for a quiz definition: their paper, mode and limit."""
        from .definition import resolve  # definition imports the loader; keep this module light

        paper = make_paper(
            resolve(definition, bank_dirs=bank_dirs),
            quiz_id=definition.quiz,
            quiz_seed=definition.seed,
            student_id=student_id,
            shuffle_questions=definition.shuffle_questions,
            shuffle_options=definition.shuffle_options,
        )
        limit = definition.time_limit_minutes
        session = cls(
            paper.questions,
            partial_credit=definition.partial_credit,  # type: ignore[arg-type]
            name=definition.quiz,
            clock=clock,
            mode=definition.mode,
            student_id=student_id,
            quiz_id=definition.quiz,
            seed=definition.seed,
            time_limit=timedelta(minutes=limit) if limit is not None else None,
            paper=paper,
        )
        session.title = definition.title
        return session

    # --- what is being asked ---
    @property
    def questions(self) -> list[Question]:
        """The questions in order."""
        return list(self._questions.values())

    def question(self, question_id: str) -> Question:
        """The question with this id."""
        try:
            return self._questions[question_id]
        except KeyError:
            raise KeyError(f"this quiz has no question {question_id!r}") from None

    def option_order(self, question_id: str) -> OptionOrder:
        """The order to show this question's options (etc.) in: {'options': ['c', 'a', …]}."""
        self.question(question_id)
        return dict(self.paper.option_orders.get(question_id, {})) if self.paper else {}

    def variant_seed(self, question_id: str) -> int:
        """The seed of the variant of this question asked now (see ``new_variant``)."""
        self.question(question_id)
        return self._variant_seeds[question_id]

    def has_variants(self, question_id: str) -> bool:
        """True if the question is parametrized, so ``new_variant`` can change its numbers."""
        self.question(question_id)
        return question_id in self._templates

    def new_variant(self, question_id: str, seed: int) -> Question:
        """Self-check: ask a parametrized question again with the numbers of ``seed``.

        The question's current answer is cleared; its earlier attempts stay, and the score
        keeps the first try's grade (made on the first variant). Returns the new question.
        """
        self.question(question_id)
        if self.is_exam:
            raise ExamClosed("an exam's numbers are fixed: new numbers are for self-check")
        if self.submitted:
            raise ExamClosed(ALREADY_SUBMITTED)
        template = self._templates.get(question_id)
        if template is None:
            raise ValueError(f"question {question_id!r} has no numbers to change")
        if isinstance(seed, bool) or not isinstance(seed, int):
            raise TypeError(f"a variant seed is a whole number, not {seed!r}")
        made = concrete(template, seed)
        self._questions[question_id] = made
        self._variant_seeds[question_id] = seed
        self._current.pop(question_id, None)
        return made

    # --- state ---
    @property
    def is_exam(self) -> bool:
        """True in exam mode: no feedback or score until submitted."""
        return self.mode == "exam"

    @property
    def submitted(self) -> bool:
        """True once submit() has been called; the session no longer changes."""
        return self._record is not None

    @property
    def started_at(self) -> datetime | None:
        """When the exam began (on creation) or the self-check began (its first answer)."""
        return self._started_at

    def time_left(self) -> timedelta | None:
        """Time left in a timed exam (never negative), or None without a limit."""
        return self.deadline.remaining(self._clock()) if self.deadline else None

    def time_text(self) -> str:
        """Time left as a student reads it, e.g. '12:05 left', or '' without a limit."""
        if self.deadline is None or self.deadline.limit is None:
            return ""
        return self.deadline.text(self._clock())

    def _expired(self, now: datetime) -> bool:
        return self.deadline is not None and self.deadline.expired(now)

    def _hide_until_submitted(self, what: str) -> None:
        if self.is_exam and not self.submitted:
            raise ExamClosed(f"{what} is shown only after the exam is submitted")

    # --- answering ---
    def now(self) -> datetime:
        """The time by the session's clock (the one its deadline is kept by)."""
        return self._clock()

    def answer(
        self, question_id: str, response: Any, *, edited_at: datetime | None = None
    ) -> Grade | Recorded:
        """Self-check: grade the response and record it. Exam: save it without grading.

        ``edited_at`` (exam only) is when the student last changed this answer, if that was
        before now: an answer edited before the time limit is saved even when the save itself
        comes after it (the front end saves unsaved edits at expiry), so typed work is not lost.
        """
        question = self.question(question_id)
        if self.submitted:
            return Recorded(question_id, False, ALREADY_SUBMITTED)
        if self.is_exam:
            return self._save(question, response, edited_at)
        try:
            response = normalise_response(response)  # graded and stored: the very same value
        except ValueError as error:
            return Grade(0.0, False, str(error), valid=False)
        result = grade(question, response, partial_credit=self.partial_credit)
        if not result.valid:
            return result
        now = self._clock()
        if self._started_at is None:
            self._started_at = now
        self._current[question_id] = result
        self._first.setdefault(question_id, result)
        self._attempts.append(
            Attempt(
                question_id=question_id,
                attempt=len(self.attempts_for(question_id)) + 1,
                response=response,
                score=result.score,
                correct=result.correct,
                timestamp=now,
                variant_seed=self._variant_seeds[question_id],
            )
        )
        return result

    def _save(self, question: Question, response: Any, edited_at: datetime | None) -> Recorded:
        now = self._clock()
        if edited_at is not None:
            now = min(now, edited_at)  # never later than now: a future stamp changes nothing
        if self._expired(now):
            return Recorded(question.id, False, TIME_IS_UP)
        try:
            response = normalise_response(response)  # saved and graded: the very same value
        except ValueError as error:
            return Recorded(question.id, False, str(error))
        # Grading only checks the response can be graded: the messages for an ungradable
        # response are about its form ("choose an option first") and the grade is dropped.
        # Unfinished matching, label and case answers are kept, as submit grades them so.
        checked = grade_partial(question, response, partial_credit=self.partial_credit)
        if not checked.valid:
            return Recorded(question.id, False, checked.feedback)
        self._saved[question.id] = _Saved(response, now)
        return Recorded(question.id, True, SAVED)

    def draft(self) -> dict[str, Any]:
        """An unsubmitted exam's state as JSON-ready data: when it began and the saved answers.

        ``resume`` on a new session for the same quiz and student brings it back, so a restarted
        notebook keeps the answers and the clock.
        """
        if not self.is_exam or self.submitted:
            raise ExamClosed("only an exam not yet handed in has a draft")
        assert self._started_at is not None
        return exam_drafts.draft_data(
            quiz_id=self.quiz_id or self.name or "quiz",
            seed=self.seed,
            student_id=self.student_id or ANONYMOUS,
            attempt_id=self.attempt_id,
            started_at=self._started_at,
            paper=self.paper_fingerprint(),
            saved={qid: (saved.response, saved.saved_at) for qid, saved in self._saved.items()},
        )

    def paper_fingerprint(self) -> str:
        """A sha256 of the paper's question ids and their option (part, prompt…) ids, in order."""
        return exam_drafts.paper_fingerprint(self._questions)

    def resume(self, draft: Mapping[str, Any]) -> list[str]:
        """Bring back a ``draft()`` of this exam: its start time, attempt id and saved answers.

        Returns a note, in the student's words, for each saved answer that could not be brought
        back (a question no longer on the paper, an answer it no longer accepts). ValueError if
        the draft is not one of this quiz and student, or is malformed (an answer saved before
        the exam began, say); ``PaperChanged`` (a ValueError) if it was written for a paper
        with other questions or options, so its answers are not applied to this one.
        """
        if not self.is_exam or self.submitted or self._saved:
            raise ExamClosed("only a fresh exam, with nothing saved yet, can be resumed")
        content = exam_drafts.draft_content(
            draft,
            quiz_id=self.quiz_id or self.name or "quiz",
            seed=self.seed,
            student_id=self.student_id or ANONYMOUS,
            paper=self.paper_fingerprint(),
            questions=self._questions,
            partial_credit=self.partial_credit,
            now=self._clock(),
        )
        # Only now that all of it is read does the session change: a bad draft changes nothing.
        self._started_at = content.started_at
        if self.deadline is not None:
            self.deadline = Deadline(content.started_at, self.deadline.limit)
        self.attempt_id = content.attempt_id
        self._saved.update(
            (question_id, _Saved(response, saved_at))
            for question_id, (response, saved_at) in content.answers.items()
        )
        return content.notes

    def saved_response(self, question_id: str) -> Any:
        """The exam answer saved for this question (JSON-ready), or None."""
        self.question(question_id)
        saved = self._saved.get(question_id)
        return saved.response if saved else None

    def retry(self, question_id: str) -> None:
        """Clear the current answer so it can be tried again (the score stays); exam: unsave it."""
        self.question(question_id)
        if self.submitted:
            raise ExamClosed(ALREADY_SUBMITTED)
        if self.is_exam:
            if self._expired(self._clock()):
                raise ExamClosed(TIME_IS_UP)
            self._saved.pop(question_id, None)
            return
        self._current.pop(question_id, None)

    def reset(self) -> None:
        """Start over: forget every answer and attempt (self-check only)."""
        if self.is_exam or self.submitted:
            raise ExamClosed("an exam cannot be started over; its answers stay until submitted")
        self._current.clear()
        self._first.clear()
        self._attempts.clear()
        self._started_at = None

    def submit(self) -> dict[str, Any]:
        """Hand in: grade every question once (unanswered scores 0), freeze, return the record.

        Works after the time limit too (the record then says ``"late": true``); a second call
        returns the same record.
        """
        if self._record is not None:
            return copy_record(self._record)
        now = self._clock()
        if self.is_exam:
            for question_id, question in self._questions.items():
                saved = self._saved.get(question_id)
                if saved is None:
                    continue
                result = grade_partial(question, saved.response, partial_credit=self.partial_credit)
                self._current[question_id] = self._first[question_id] = result
                self._attempts.append(
                    Attempt(
                        question_id,
                        1,
                        saved.response,
                        result.score,
                        result.correct,
                        saved.saved_at,
                        self._variant_seeds[question_id],
                    )
                )
        self._record = self._build_record(now)
        return copy_record(self._record)

    # --- progress ---
    def grade_for(self, question_id: str) -> Grade | None:
        """The grade of the answer shown now, or None while unanswered (or retried)."""
        self.question(question_id)
        self._hide_until_submitted("a grade")
        return self._current.get(question_id)

    def first_grade_for(self, question_id: str) -> Grade | None:
        """The grade of the first graded attempt, the one that counts, or None if untried."""
        self.question(question_id)
        self._hide_until_submitted("a grade")
        return self._first.get(question_id)

    def is_answered(self, question_id: str) -> bool:
        """True once the question has an answer (graded, or saved in an exam)."""
        self.question(question_id)
        if self.is_exam:
            return question_id in self._saved
        return question_id in self._current

    @property
    def score(self) -> float:
        """Sum of the first-attempt scores (each question is worth 1); retries do not count."""
        self._hide_until_submitted("the score")
        return sum(result.score for result in self._first.values())

    @property
    def max_score(self) -> int:
        """The most that can be scored: the number of questions."""
        return len(self._questions)

    @property
    def answered(self) -> int:
        """How many questions have been tried (self-check) or have a saved answer (exam)."""
        return len(self._saved) if self.is_exam else len(self._first)

    @property
    def finished(self) -> bool:
        """True when the score is final: every question tried, or the exam submitted."""
        if self.is_exam:
            return self.submitted
        return self.answered == self.max_score

    @property
    def attempts(self) -> list[Attempt]:
        """Every graded attempt, oldest first, including those since retried."""
        return list(self._attempts)

    def attempts_for(self, question_id: str) -> list[Attempt]:
        """The graded attempts at one question, oldest first."""
        return [attempt for attempt in self._attempts if attempt.question_id == question_id]

    def results(self) -> list[dict[str, Any]]:
        """Every attempt as a JSON-ready record: bank, question_id, attempt, response, score…"""
        return [{"bank": self.name, **attempt.as_record()} for attempt in self._attempts]

    def score_text(self) -> str:
        """The score as a learner reads it: 'First-try score: 3 / 5', or exam progress."""
        if self.is_exam and not self.submitted:
            return f"Answered {self.answered} of {self.max_score}"
        if self.is_exam:
            return f"Score: {round(self.score, 2):g} / {self.max_score}"
        return f"First-try score: {round(self.score, 2):g} / {self.max_score}"

    # --- the attempt record ---
    def record(self) -> dict[str, Any]:
        """This attempt as a results-file record; self-check: first tries; exam: once submitted."""
        if self._record is not None:
            return copy_record(self._record)
        if self.is_exam:
            raise ExamClosed("an exam's record exists once it is submitted: call submit()")
        return self._build_record(self._clock())

    @property
    def late(self) -> bool:
        """True if the exam was submitted after its time limit."""
        return bool(self._record and self._record.get("late"))

    def _build_record(self, now: datetime) -> dict[str, Any]:
        items = [
            record_item(
                question,
                self.attempts_for(question_id),
                self._first.get(question_id),
                self._variant_seeds[question_id],
            )
            for question_id, question in self._questions.items()
        ]
        return attempt_record(
            items,
            attempt_id=self.attempt_id,
            student_id=self.student_id or ANONYMOUS,
            quiz_id=self.quiz_id or self.name or "quiz",
            mode=self.mode,
            seed=self.seed,
            started=self._started_at or now,
            now=now,
            late=self._expired(now),
        )

    def __repr__(self) -> str:
        if self.is_exam and not self.submitted:
            return f"<QuizSession exam, {self.answered}/{self.max_score} answered>"
        return f"<QuizSession {self.score:g}/{self.max_score}, {len(self._attempts)} attempts>"
