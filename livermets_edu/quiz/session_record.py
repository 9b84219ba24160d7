"""A session's attempt as the results file holds it: the record, its items, the student id rule.

``QuizSession.record()`` and ``submit()`` build their record here (see
docs/design/quiz-library.md, "Results file"): each item's share of credit and marks, the
attempt's sums, and ``"late": true`` only for an exam handed in after its limit. A student id
the results file would refuse is refused before any session starts, so no work is lost to it.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any

from pydantic import TypeAdapter, ValidationError

from .grading import Grade
from .results import StudentId
from .schema import Question

__all__ = ["ANONYMOUS", "STUDENT_ID_MAX_LENGTH", "Attempt", "attempt_record", "record_item"]

RESULTS_FORMAT = "livermets-results"
RESULTS_VERSION = 1
ANONYMOUS = "anonymous"
_STUDENT_ID_RULE = TypeAdapter(StudentId)
STUDENT_ID_MAX_LENGTH: int = _STUDENT_ID_RULE.json_schema()["maxLength"]  # the results file's


@dataclass(frozen=True)
class Attempt:
    """One graded answer: which question, what was given, the score, when, and which variant."""

    question_id: str
    attempt: int
    response: Any
    score: float
    correct: bool
    timestamp: datetime
    variant_seed: int | None = None

    def as_record(self) -> dict[str, Any]:
        """This attempt as a flat, JSON-ready dict (timestamp in ISO 8601)."""
        record = asdict(self)
        record["timestamp"] = self.timestamp.isoformat()
        return record


def check_student_id(student_id: str) -> None:
    """Refuse a student id the results file would refuse, so no exam starts with one."""
    if not isinstance(student_id, str):
        raise TypeError(f"a student id is text, not {type(student_id).__name__}")
    stripped = student_id.strip()
    if not stripped:
        raise ValueError("a student id must not be empty")
    try:
        _STUDENT_ID_RULE.validate_python(stripped)
        stripped.encode("utf-8")  # a lone surrogate cannot be written to the file either
    except (ValidationError, UnicodeEncodeError):
        raise ValueError(
            f"a student id is at most {STUDENT_ID_MAX_LENGTH} characters of printable text on "
            f"one line (no tab, line break or other control character); this one has "
            f"{len(stripped)} characters: ask your teacher which id to use"
        ) from None


def record_item(
    question: Question, attempts: list[Attempt], first: Grade | None, asked_seed: int
) -> dict[str, Any]:
    """One question's line in the record: the scored (first) attempt, or unanswered (0)."""
    return {
        "question_id": question.id,
        "type": getattr(question, "type", type(question).__name__),
        # The variant the scored (first) attempt answered; unanswered: the one asked.
        "variant_seed": attempts[0].variant_seed if attempts else asked_seed,
        "response": attempts[0].response if attempts else None,
        "score": first.score if first else 0.0,
        "max_score": 1.0,
    }


def attempt_record(
    items: list[dict[str, Any]],
    *,
    attempt_id: str,
    student_id: str,
    quiz_id: str,
    mode: str,
    seed: int,
    started: datetime,
    now: datetime,
    late: bool,
) -> dict[str, Any]:
    """The attempt as a results-file record: who, which quiz, when, the items and their sums."""
    record: dict[str, Any] = {
        "format": RESULTS_FORMAT,
        "version": RESULTS_VERSION,
        "attempt_id": attempt_id,
        "student_id": student_id,
        "quiz_id": quiz_id,
        "mode": mode,
        "seed": seed,
        "started_at": started.isoformat(),
        "submitted_at": max(now, started).isoformat(),
        "items": items,
        "score": math.fsum(item["score"] * item["max_score"] for item in items),
        "max_score": float(len(items)),
    }
    # Only a late exam says so, so on-time records stay as the design note shows them.
    if late:
        record["late"] = True
    return record


def copy_record(record: dict[str, Any]) -> dict[str, Any]:
    """A copy a caller may change without changing the frozen session's record."""
    return {**record, "items": [dict(item) for item in record["items"]]}
