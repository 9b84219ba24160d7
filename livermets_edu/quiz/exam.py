"""Exam papers: per-student seeds, shuffled question and option orders, and the time limit.

Everything here is a pure function of the quiz seed, the student id and the question ids,
so a paper can be rebuilt at any time (to grade, to review, to answer a complaint) and is
the same on every machine. Seeds come from SHA-256 of a canonical JSON string, never from
Python's ``hash`` (salted per process) or ``random.shuffle`` (whose algorithm may change
between Python versions); shuffles are a Fisher–Yates walk driven by SHA-256 too.

An ordering question's items are written in answer order, and writers list a matching
question's choices in the order of its prompts, so both are always ``scrambled``: shuffled, and
never shown in bank order, even when an exam does not shuffle options (exporters and the static
page use the same function). Bank order turned by one place would give the key away (each
prompt's answer one place above it), so no list is ever rotated.

Outside an exam (a bank page, a bank export, the self-check widget) a parametrized question is
shown as one variant for every reader: ``anonymous_item_seed``, the seed of student
'anonymous' with quiz seed 0.

Student ids are compared after Unicode NFKC normalisation, stripping and case folding, so
' S001' and 's001' get the same paper: a roster typed twice should not give one student two
papers. Seeds are below 2**53, so they survive JSON readers that hold numbers as doubles.
"""

from __future__ import annotations

import hashlib
import json
import unicodedata
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, TypeVar

from .schema import Question
from .variants import concrete

__all__ = [
    "ANONYMOUS_STUDENT",
    "Deadline",
    "ExamPaper",
    "anonymous_item_seed",
    "item_seed",
    "make_paper",
    "normalise_student_id",
    "option_order",
    "option_seed",
    "question_order",
    "scrambled",
    "shuffled",
    "student_key",
    "student_seed",
]

SCHEME = "livermets-edu exam v1"  # part of every hashed string: change it only with the scheme
# The lists a question shows in an order of the exam's choosing, by attribute name.
SHUFFLED_LISTS = ("options", "prompts", "choices", "items")
# Bank order IS the answer for an ordering question, and a matching question's choices tend to
# follow its prompts, so these are always scrambled (never shown in bank order), even when an
# exam does not shuffle options.
ALWAYS_SHUFFLED = {("ordering", "items"), ("matching", "choices")}
# Who reads a bank outside an exam; with quiz seed 0 it fixes the variant everyone sees there.
ANONYMOUS_STUDENT = "anonymous"

T = TypeVar("T")
OptionOrder = dict[str, list[str]]


def normalise_student_id(student_id: str) -> str:
    """The student id as seeds use it: NFKC-normalised, stripped and case-folded."""
    if not isinstance(student_id, str):
        raise TypeError(f"a student id is text, not {type(student_id).__name__}")
    normal = unicodedata.normalize("NFKC", student_id).strip().casefold()
    if not normal:
        raise ValueError("a student id must not be empty")
    return normal


def student_key(student_id: str) -> str:
    """The id to group a student's results by: as seeds use it, or as given if that is empty."""
    try:
        return normalise_student_id(student_id)
    except ValueError:
        return student_id  # a results file may hold an id of spaces; keep it apart, not crash


def _digest_seed(*parts: str | int) -> int:
    """A 53-bit seed from SHA-256 of the parts written as one canonical JSON list."""
    canonical = json.dumps([SCHEME, *parts], ensure_ascii=True, separators=(",", ":"))
    digest = hashlib.sha256(canonical.encode("ascii")).digest()
    return int.from_bytes(digest[:8], "big") >> 11


def _check_seed(quiz_seed: int) -> int:
    if isinstance(quiz_seed, bool) or not isinstance(quiz_seed, int):
        raise TypeError(f"a quiz seed is a whole number, not {quiz_seed!r}")
    return quiz_seed


def student_seed(quiz_seed: int, student_id: str) -> int:
    """The seed of one student's paper for this quiz: it orders the questions."""
    return _digest_seed("student", _check_seed(quiz_seed), normalise_student_id(student_id))


def item_seed(quiz_seed: int, student_id: str, question_id: str) -> int:
    """The seed of one student's variant of one question (the variant's numbers)."""
    return _digest_seed(
        "item", _check_seed(quiz_seed), normalise_student_id(student_id), question_id
    )


def anonymous_item_seed(question_id: str) -> int:
    """The seed of the variant a bank shows every reader: a page, a bank export, self-check."""
    return item_seed(0, ANONYMOUS_STUDENT, question_id)


def option_seed(quiz_seed: int, student_id: str, question_id: str) -> int:
    """The seed that orders one student's options of one question (apart from its variant)."""
    return _digest_seed(
        "options", _check_seed(quiz_seed), normalise_student_id(student_id), question_id
    )


def shuffled(values: Sequence[T], seed: int) -> list[T]:
    """The values in an order fixed by the seed: the same on every machine and Python."""
    result = list(values)
    for last in range(len(result) - 1, 0, -1):
        digest = hashlib.sha256(f"{SCHEME}|shuffle|{seed}|{last}".encode("ascii")).digest()
        # 64 bits reduced modulo at most a few hundred: the bias is below 1e-16.
        other = int.from_bytes(digest[:8], "big") % (last + 1)
        result[last], result[other] = result[other], result[last]
    return result


def scrambled(values: Sequence[T], seed: int | str) -> list[T]:
    """The distinct values in a seed-fixed order that is never their given order (2 or more).

    A shuffle returns the given order once in n! draws (1 in 6 for three items); for an
    ordering question that order is the answer, so the shuffle is then drawn again with a
    seed made from this one, until it differs. (Turning the list by one place instead would
    show a rotation of the answer, which a learner can read.) Every order but the given one is
    equally likely. A text seed (such as a question id) is hashed to a number first.
    """
    result = list(values)
    if any(value == other for index, value in enumerate(result) for other in result[:index]):
        raise ValueError("only distinct values can be scrambled (ids must be unique)")
    number = _digest_seed("scramble", seed) if isinstance(seed, str) else seed
    mixed = shuffled(result, number)
    draw = 0
    while len(mixed) >= 2 and mixed == result:
        # Two or more distinct values have another order, so this ends (in 2 draws on average
        # for two values, and almost always in one for more).
        draw += 1
        mixed = shuffled(result, _digest_seed("scramble again", number, draw))
    return mixed


def question_order(
    question_ids: Sequence[str], quiz_seed: int, student_id: str, *, shuffle: bool = True
) -> list[str]:
    """The order one student sees the questions in (the given order when not shuffling)."""
    if not shuffle:
        return list(question_ids)
    return shuffled(question_ids, student_seed(quiz_seed, student_id))


def _ids(values: Sequence[Any]) -> list[str] | None:
    """The ids of a list of options/prompts/items (or the list itself if it holds text)."""
    ids = []
    for value in values:
        if isinstance(value, str):
            ids.append(value)
        elif isinstance(getattr(value, "id", None), str):
            ids.append(value.id)
        else:
            return None
    return ids


def option_order(question: Question, seed: int, *, shuffle: bool = True) -> OptionOrder:
    """For each list a learner chooses from ('options', 'prompts', …), its ids in shown order.

    Case parts are listed as 'PART_ID.options' and so on. Without ``shuffle`` the bank order
    is kept, except for an ordering question's items and a matching question's choices, which
    are always ``scrambled`` (bank order is, or may give away, the answer).
    """
    orders: OptionOrder = {}
    kind = getattr(question, "type", "")
    for name in SHUFFLED_LISTS:
        values = getattr(question, name, None)
        if not isinstance(values, Sequence) or isinstance(values, str):
            continue
        ids = _ids(values)
        if ids is None:
            continue
        # Each list gets its own seed, so prompts and choices are not shuffled in step.
        list_seed = _digest_seed("list", seed, name)
        if (kind, name) in ALWAYS_SHUFFLED:
            orders[name] = scrambled(ids, list_seed)
        else:
            orders[name] = shuffled(ids, list_seed) if shuffle else ids
    for part in getattr(question, "parts", None) or ():
        part_id = getattr(part, "id", None)
        if isinstance(part_id, str):
            part_seed = _digest_seed("part", seed, part_id)
            for name, ids in option_order(part, part_seed, shuffle=shuffle).items():
                orders[f"{part_id}.{name}"] = ids
    return orders


@dataclass(frozen=True)
class Deadline:
    """When time runs out: the start plus the limit (no limit: never)."""

    started_at: datetime
    limit: timedelta | None

    def __post_init__(self) -> None:
        if self.started_at.tzinfo is None:
            raise ValueError("the start time must carry a time zone (use UTC)")
        if self.limit is not None and self.limit <= timedelta(0):
            raise ValueError(f"a time limit must be positive, not {self.limit}")

    @property
    def ends_at(self) -> datetime | None:
        """The moment time is up, or None without a limit."""
        return None if self.limit is None else self.started_at + self.limit

    def remaining(self, now: datetime) -> timedelta | None:
        """Time left at ``now`` (never negative), or None without a limit."""
        if self.ends_at is None:
            return None
        return max(self.ends_at - now, timedelta(0))

    def expired(self, now: datetime) -> bool:
        """True once the limit has passed (exactly at the end counts as in time)."""
        return self.ends_at is not None and now > self.ends_at

    def text(self, now: datetime) -> str:
        """Time left as a student reads it: '12:05 left', '1:02:03 left', 'Time is up'."""
        remaining = self.remaining(now)
        if remaining is None:
            return "No time limit"
        if self.expired(now):
            return "Time is up"
        # Round up, so the display never shows 0:00 while answers are still accepted.
        seconds = -int(-remaining.total_seconds() // 1)
        hours, rest = divmod(seconds, 3600)
        minutes, seconds = divmod(rest, 60)
        clock = f"{hours}:{minutes:02d}:{seconds:02d}" if hours else f"{minutes}:{seconds:02d}"
        return f"{clock} left"


@dataclass(frozen=True)
class ExamPaper:
    """One student's paper: concrete questions in their order, variant seeds, option orders.

    ``templates`` keeps the parametrized questions the paper's variants were made from, so a
    self-check session can ask one again with new numbers.
    """

    quiz_id: str
    student_id: str
    quiz_seed: int
    questions: tuple[Question, ...]
    variant_seeds: Mapping[str, int] = field(default_factory=dict)
    option_orders: Mapping[str, OptionOrder] = field(default_factory=dict)
    templates: Mapping[str, Question] = field(default_factory=dict)

    @property
    def question_ids(self) -> list[str]:
        """The question ids in the order this student sees them."""
        return [question.id for question in self.questions]


def make_paper(
    questions: Sequence[Question],
    *,
    quiz_id: str,
    quiz_seed: int,
    student_id: str,
    shuffle_questions: bool = False,
    shuffle_options: bool = False,
) -> ExamPaper:
    """The paper this student gets: the same every time for the same quiz seed and id."""
    by_id = {question.id: question for question in questions}
    if len(by_id) != len(questions):
        raise ValueError("question ids in a quiz must be unique")
    order = question_order(list(by_id), quiz_seed, student_id, shuffle=shuffle_questions)
    variant_seeds = {qid: item_seed(quiz_seed, student_id, qid) for qid in order}
    made = tuple(concrete(by_id[qid], variant_seeds[qid]) for qid in order)
    option_orders = {
        question.id: option_order(
            question, option_seed(quiz_seed, student_id, question.id), shuffle=shuffle_options
        )
        for question in made
    }
    return ExamPaper(
        quiz_id=quiz_id,
        student_id=student_id.strip(),
        quiz_seed=quiz_seed,
        questions=made,
        variant_seeds=variant_seeds,
        option_orders=option_orders,
        templates={qid: by_id[qid] for qid in order if by_id[qid].is_template},
    )
