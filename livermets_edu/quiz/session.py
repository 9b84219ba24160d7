"""One learner working through a set of questions: answers, scores, attempts, retries.

No widgets here: the notebook widget, a command-line drill or an export all read and drive
the same ``QuizSession``. Each question is worth one point, and the running score counts each
question's FIRST graded attempt: a wrong answer reveals the right one, so a later attempt
says little about what the learner knew. ``retry`` clears the question for another go, for
practice; its grade and feedback are shown but do not change the score. The full attempt
history stays in ``attempts`` (and ``results()``) for exports and item analysis. An
ungradable response (nothing chosen, not a number) is not an attempt.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass
from datetime import datetime, timezone
from typing import Any

from .grading import Grade, PartialCredit, grade
from .schema import Bank, Question

__all__ = ["Attempt", "QuizSession"]


def _utc_now() -> datetime:
    return datetime.now(timezone.utc)


def _plain(response: Any) -> Any:
    """The response as JSON-ready data: sets and tuples become sorted or plain lists."""
    if isinstance(response, (set, frozenset)):
        return sorted(response, key=str)
    if isinstance(response, tuple):
        return list(response)
    return response


@dataclass(frozen=True)
class Attempt:
    """One graded answer: which question, what was given, the score, and when."""

    question_id: str
    attempt: int
    response: Any
    score: float
    correct: bool
    timestamp: datetime

    def as_record(self) -> dict[str, Any]:
        """This attempt as a flat, JSON-ready dict (timestamp in ISO 8601)."""
        record = asdict(self)
        record["timestamp"] = self.timestamp.isoformat()
        return record


class QuizSession:
    """A learner's progress through a bank (or a list of questions)."""

    def __init__(
        self,
        bank_or_questions: Bank | Iterable[Question],
        *,
        partial_credit: PartialCredit = "net-correct",
        name: str | None = None,
        clock: Callable[[], datetime] = _utc_now,
    ) -> None:
        questions = list(bank_or_questions)
        if not questions:
            raise ValueError("a quiz session needs at least one question")
        if name is None and isinstance(bank_or_questions, Bank):
            name = bank_or_questions.name
        self.name = name
        self._questions: dict[str, Question] = {}
        for question in questions:
            if question.id in self._questions:
                raise ValueError(f"question id {question.id!r} appears twice")
            self._questions[question.id] = question
        self.partial_credit: PartialCredit = partial_credit
        self._clock = clock
        self._current: dict[str, Grade] = {}  # what is shown now; retry clears it
        self._first: dict[str, Grade] = {}  # the first graded attempt, which is scored
        self._attempts: list[Attempt] = []

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

    # --- answering ---
    def answer(self, question_id: str, response: Any) -> Grade:
        """Grade a response and record it; an ungradable response is not counted."""
        result = grade(self.question(question_id), response, partial_credit=self.partial_credit)
        if not result.valid:
            return result
        self._current[question_id] = result
        self._first.setdefault(question_id, result)
        self._attempts.append(
            Attempt(
                question_id=question_id,
                attempt=len(self.attempts_for(question_id)) + 1,
                response=_plain(response),
                score=result.score,
                correct=result.correct,
                timestamp=self._clock(),
            )
        )
        return result

    def retry(self, question_id: str) -> None:
        """Clear the current answer to one question so it can be tried again (the score stays)."""
        self.question(question_id)
        self._current.pop(question_id, None)

    def reset(self) -> None:
        """Start over: forget every answer and attempt."""
        self._current.clear()
        self._first.clear()
        self._attempts.clear()

    # --- progress ---
    def grade_for(self, question_id: str) -> Grade | None:
        """The grade of the answer shown now, or None while unanswered (or retried)."""
        self.question(question_id)
        return self._current.get(question_id)

    def first_grade_for(self, question_id: str) -> Grade | None:
        """The grade of the first graded attempt, the one that counts, or None if untried."""
        self.question(question_id)
        return self._first.get(question_id)

    def is_answered(self, question_id: str) -> bool:
        """True once the question has a graded answer (and has not been retried since)."""
        return self.grade_for(question_id) is not None

    @property
    def score(self) -> float:
        """Sum of the first-attempt scores (each question is worth 1); retries do not count."""
        return sum(result.score for result in self._first.values())

    @property
    def max_score(self) -> int:
        """The most that can be scored: the number of questions."""
        return len(self._questions)

    @property
    def answered(self) -> int:
        """How many questions have been tried (have a scored first attempt)."""
        return len(self._first)

    @property
    def finished(self) -> bool:
        """True when every question has been tried, so the score is final."""
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
        """The running score as a learner reads it, e.g. 'First-try score: 3 / 5'."""
        return f"First-try score: {round(self.score, 2):g} / {self.max_score}"

    def __repr__(self) -> str:
        return f"<QuizSession {self.score:g}/{self.max_score}, {len(self._attempts)} attempts>"
