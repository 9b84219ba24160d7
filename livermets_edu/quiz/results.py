"""Submitted quiz attempts, kept in JSON-lines results files that only ever grow.

One line is one submitted attempt (the format is in docs/design/quiz-library.md, "Results
file"). An item's ``score`` is the grader's share of credit (0..1) and its ``max_score`` the
marks it is worth, so its mark is ``score * max_score``; the attempt's ``score`` is the sum of
its item marks and its ``max_score`` the sum of their ``max_score``.

Writing (:func:`append_attempt`) is atomic and append-only: under a file lock, the old bytes
plus the new line go to a temporary file in the same folder, which is flushed, fsynced and
moved over the results file with ``os.replace``. A crash leaves the old file or the new one,
never a torn line; the previous version stays beside it as ``<file>.bak``. An attempt id that
is already in the file is refused, so an earlier attempt is never overwritten.

A file whose last line is corrupt (say, cut short by a full disk before this module existed)
is kept exactly as it is: the new attempt goes on a fresh line after it, and reading reports
the bad line. Nothing here deletes data.

Reading (:func:`read_results`) reports every unreadable line as ``file:line: reason`` and
skips it; the good lines are kept.

Simulated results, for trying the analysis, come from :mod:`.simulation`.
"""

from __future__ import annotations

import csv
import io
import json
import math
import re
import stat
import uuid
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any, Literal

from filelock import FileLock, Timeout
from pydantic import (
    AwareDatetime,
    BaseModel,
    ConfigDict,
    Field,
    JsonValue,
    ValidationError,
    model_validator,
)

from . import atomic
from .exam import student_key

__all__ = [
    "RESULTS_FORMAT",
    "RESULTS_VERSION",
    "AttemptRecord",
    "ItemResult",
    "ResultsProblem",
    "ResultsRead",
    "append_attempt",
    "merge_results",
    "new_attempt_id",
    "read_results",
    "scores_table",
    "write_scores_csv",
]

RESULTS_FORMAT = "livermets-results"
RESULTS_VERSION = 1
LOCK_TIMEOUT_SECONDS = 30.0
SCORE_COLUMNS = (
    "student_id",
    "quiz_id",
    "attempts",
    "first_score",
    "best_score",
    "max_score",
    "percent",
    "submitted_at",
)
# Binary rounding of a sum of marks; a record whose total is further off is wrong.
_TOTAL_TOLERANCE = 1e-9
# A spreadsheet runs a cell that starts with one of these as a formula (OWASP "CSV injection").
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")

Identifier = Annotated[str, Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
# Student ids come from outside (a login, an e-mail): any printable text on one line.
StudentId = Annotated[str, Field(pattern=r"^[^\x00-\x1f\x7f]+$", min_length=1, max_length=200)]
Fraction = Annotated[float, Field(ge=0.0, le=1.0, allow_inf_nan=False)]
Marks = Annotated[float, Field(ge=0.0, allow_inf_nan=False)]
PositiveMarks = Annotated[float, Field(gt=0.0, allow_inf_nan=False)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class ItemResult(_Strict):
    """One question's result within an attempt: the response, its credit and its weight."""

    question_id: Identifier
    type: Identifier
    variant_seed: int | None = None
    response: JsonValue
    score: Fraction
    max_score: PositiveMarks

    @property
    def mark(self) -> float:
        """The marks earned: the share of credit times what the item is worth."""
        return self.score * self.max_score


class AttemptRecord(_Strict):
    """One submitted attempt at a quiz by one student: a line of a results file."""

    format: Literal["livermets-results"] = RESULTS_FORMAT
    version: Literal[1] = RESULTS_VERSION
    attempt_id: Identifier
    student_id: StudentId
    quiz_id: Identifier
    mode: Literal["exam", "self-check"]
    seed: int
    started_at: AwareDatetime
    submitted_at: AwareDatetime
    items: Annotated[list[ItemResult], Field(min_length=1)]
    score: Marks
    max_score: PositiveMarks
    late: bool = False  # submitted after the time limit: kept, and flagged for the instructor

    @model_validator(mode="after")
    def _consistent(self) -> AttemptRecord:
        if self.submitted_at < self.started_at:
            raise ValueError("submitted_at is earlier than started_at")
        seen: set[str] = set()
        for item in self.items:
            if item.question_id in seen:
                raise ValueError(f"question {item.question_id!r} appears twice in items")
            seen.add(item.question_id)
        marks = math.fsum(item.mark for item in self.items)
        most = math.fsum(item.max_score for item in self.items)
        if not math.isclose(self.score, marks, rel_tol=_TOTAL_TOLERANCE, abs_tol=1e-12):
            raise ValueError(f"score {self.score:g} is not the sum of the item marks ({marks:g})")
        if not math.isclose(self.max_score, most, rel_tol=_TOTAL_TOLERANCE):
            raise ValueError(
                f"max_score {self.max_score:g} is not the sum of the items' max_score ({most:g})"
            )
        return self

    @property
    def percent(self) -> float:
        """The attempt's score as a percentage of its maximum."""
        return 100.0 * self.score / self.max_score

    def to_line(self) -> str:
        """This attempt as one JSON line (no newline at the end)."""
        return self.model_dump_json()


def new_attempt_id() -> str:
    """A fresh attempt id: a random UUID4 as 32 hex digits."""
    return uuid.uuid4().hex


@dataclass(frozen=True)
class ResultsProblem:
    """A line of a results file that was skipped, and why."""

    file: Path
    line: int
    reason: str
    kind: Literal["encoding", "json", "field", "duplicate"]

    def __str__(self) -> str:
        return f"{self.file}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class ResultsRead:
    """What reading results files gave: the good attempts and every skipped line."""

    records: list[AttemptRecord]
    problems: list[ResultsProblem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when every line was read."""
        return not self.problems

    def report(self) -> str:
        """A short text for a person: how many attempts were read and what was skipped."""
        lines = [f"{len(self.records)} attempts read, {len(self.problems)} lines skipped"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


# --- writing --------------------------------------------------------------------------------


def _lock(path: Path) -> FileLock:
    # The real file's lock, so two links to one shared results file take the same lock.
    return FileLock(f"{atomic.real_target(path)}.lock", timeout=LOCK_TIMEOUT_SECONDS)


def _id_pattern(attempt_id: str) -> re.Pattern[bytes]:
    return re.compile(rb'"attempt_id"\s*:\s*"' + re.escape(attempt_id.encode()) + rb'"')


def _contains_attempt(existing: bytes, attempt_id: str) -> bool:
    # Checked on the raw bytes, so an id inside a corrupt line still counts as taken.
    return _id_pattern(attempt_id).search(existing) is not None


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    raise TypeError(f"{type(value).__name__} is not JSON data")


def append_attempt(path: str | Path, record: AttemptRecord | Mapping[str, Any]) -> Path:
    """Add one submitted attempt to a results file, atomically; never overwrite an earlier one."""
    if not isinstance(record, AttemptRecord):
        # Through JSON, so a mapping is checked exactly as a line read back from the file.
        as_json = json.dumps(dict(record), default=_json_default)
        record = AttemptRecord.model_validate_json(as_json)
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    line = record.to_line().encode("utf-8") + b"\n"
    try:
        with _lock(target):
            existing = target.read_bytes() if target.exists() else b""
            if _contains_attempt(existing, record.attempt_id):
                raise ValueError(
                    f"{target}: attempt {record.attempt_id} is already recorded; an attempt "
                    "is never overwritten (give a new attempt_id for a new attempt)"
                )
            # A last line without its newline (cut short) stays as it is, on its own line.
            separator = b"\n" if existing and not existing.endswith(b"\n") else b""
            # An existing file keeps its permissions; a new one is readable by its owner only
            # (0600), as it holds student data.
            file_mode = stat.S_IMODE(target.stat().st_mode) if target.exists() else 0o600
            # The previous version stays beside the file as <file>.bak.
            atomic.write_bytes(
                target, existing + separator + line, keep_backup=True, mode=file_mode
            )
    except Timeout:
        raise TimeoutError(
            f"{target} is locked by another writer (lock file {atomic.real_target(target)}.lock); "
            "try again, or "
            "delete the lock file if no quiz is running"
        ) from None
    return target


# --- reading --------------------------------------------------------------------------------


def _where(location: tuple[int | str, ...]) -> str:
    text = ""
    for part in location:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


_PYDANTIC_WORDS = {
    "missing": "field required",
    "extra_forbidden": "unknown field",
}


def _field_reason(error: ValidationError) -> str:
    reasons = []
    for detail in error.errors(include_url=False):
        where = _where(tuple(detail["loc"]))
        message = _PYDANTIC_WORDS.get(detail["type"], detail["msg"])
        message = message.removeprefix("Value error, ")
        reasons.append(f"{where}: {message}" if where else message)
    return "; ".join(reasons)


def _parse_line(text: str) -> AttemptRecord | tuple[str, str]:
    """The attempt on one line, or (kind, reason) saying why it cannot be read."""
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        return "json", f"not valid JSON: {error.msg} (column {error.colno}); was it cut short?"
    if not isinstance(data, dict):
        return "json", f"expected a JSON object, got {type(data).__name__}"
    missing = [name for name in ("format", "version") if name not in data]
    if missing:
        return "field", "; ".join(f"{name}: field required" for name in missing)
    try:
        return AttemptRecord.model_validate_json(text)
    except ValidationError as error:
        return "field", _field_reason(error)


def read_results(*paths: str | Path) -> ResultsRead:
    """Every readable attempt in these results files, and each skipped line as file:line: why."""
    if not paths:
        raise ValueError("give at least one results file to read")
    records: list[AttemptRecord] = []
    problems: list[ResultsProblem] = []
    first_seen: dict[str, tuple[Path, int, AttemptRecord]] = {}
    for given in paths:
        path = Path(given)
        if not path.is_file():
            raise FileNotFoundError(f"no results file at {path}")
        for number, raw in enumerate(path.read_bytes().split(b"\n"), start=1):
            if not raw.strip():
                continue
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as error:
                reason = f"not UTF-8 text (byte {error.start + 1})"
                problems.append(ResultsProblem(path, number, reason, "encoding"))
                continue
            parsed = _parse_line(text)
            if isinstance(parsed, tuple):
                problems.append(ResultsProblem(path, number, parsed[1], parsed[0]))  # type: ignore[arg-type]
                continue
            earlier = first_seen.get(parsed.attempt_id)
            if earlier is not None:
                place = f"{earlier[0]}:{earlier[1]}"
                same = "a copy of" if earlier[2] == parsed else "a different attempt than"
                reason = f"duplicate attempt_id {parsed.attempt_id}, {same} {place}; skipped"
                problems.append(ResultsProblem(path, number, reason, "duplicate"))
                continue
            first_seen[parsed.attempt_id] = (path, number, parsed)
            records.append(parsed)
    return ResultsRead(records, problems)


def _attempt_order(record: AttemptRecord) -> tuple[datetime, datetime, str]:
    return record.submitted_at, record.started_at, record.attempt_id


def merge_results(paths: Sequence[str | Path], out_path: str | Path) -> ResultsRead:
    """Merge results files into a new one, one line per attempt id, oldest submission first."""
    target = Path(out_path)
    if target.exists():
        raise FileExistsError(
            f"{target} already exists; merging writes a new file and never overwrites one"
        )
    read = read_results(*paths)
    ordered = sorted(read.records, key=_attempt_order)
    data = "".join(record.to_line() + "\n" for record in ordered).encode("utf-8")
    target.parent.mkdir(parents=True, exist_ok=True)
    with _lock(target):
        atomic.write_bytes(target, data)
    return ResultsRead(ordered, read.problems)


# --- scores ---------------------------------------------------------------------------------


def scores_table(records: Iterable[AttemptRecord]) -> list[dict[str, Any]]:
    """One row per student and quiz: attempts, first and best score, max, percent, last time.

    ``percent`` is the best attempt's (Moodle's default grading method, "highest grade");
    ``submitted_at`` is when the last attempt was submitted.
    """
    groups: dict[tuple[str, str], list[AttemptRecord]] = {}
    for record in records:
        # ' S001' and 's001' are one student, as they get one exam paper.
        groups.setdefault((record.quiz_id, student_key(record.student_id)), []).append(record)
    rows = []
    for (quiz_id, _), attempts in sorted(groups.items()):
        attempts.sort(key=_attempt_order)
        student_id = attempts[0].student_id  # as first written
        best = max(attempts, key=lambda record: record.percent)
        rows.append(
            {
                "student_id": student_id,
                "quiz_id": quiz_id,
                "attempts": len(attempts),
                "first_score": attempts[0].score,
                "best_score": best.score,
                "max_score": best.max_score,
                "percent": round(best.percent, 2),
                "submitted_at": attempts[-1].submitted_at.isoformat(),
            }
        )
    return rows


def _safe_cell(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.10g}"
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_STARTS) else text


def write_scores_csv(records: Iterable[AttemptRecord], path: str | Path) -> Path:
    """Write :func:`scores_table` as CSV, with cells a spreadsheet cannot run as formulas."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=SCORE_COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    for row in scores_table(records):
        writer.writerow({name: _safe_cell(value) for name, value in row.items()})
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    atomic.write_text(target, buffer.getvalue())
    return target


# --- simulation -----------------------------------------------------------------------------
