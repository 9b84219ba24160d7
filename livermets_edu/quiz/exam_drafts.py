"""Exam drafts: an exam not yet in the results file, kept on disk so a new kernel finds it.

A draft says when the exam began, the saved answers, a fingerprint of the paper (a sha256 of
its question and option ids), which kernel wrote it (``owner``: pid, host, nonce) and when
(``saved_at``). It lives in ``<results>.drafts/`` (a folder of the student's own, 0700; the
draft 0600, written atomically, never through a link). Handing in rewrites it as *handed in*,
with the record, before any score is shown; the record is then filed in the results file and
the draft deleted. So an interrupted hand-in is never reopened: the next run only files it.

A draft that another live kernel wrote in the last ``OPEN_ELSEWHERE_MINUTES`` minutes is not
resumed (the exam is open in another window); one of this computer whose kernel is gone is
resumed at once. A draft that cannot be read, or is damaged (an answer saved before the exam
began), is renamed ``….corrupt``; one written for another version of the paper is renamed
``….stale``: both are kept for the teacher, never deleted, and the exam starts afresh.

No widgets here: ``exam_ui`` shows what these functions decide, and ``QuizSession.draft`` and
``resume`` use ``draft_data`` and ``draft_content`` for what a draft holds.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import secrets
import socket
import stat
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from . import atomic
from .exam import normalise_student_id
from .grading import PartialCredit, grade_partial, normalise_response
from .results import AttemptRecord, append_attempt, read_results
from .schema import Question

if TYPE_CHECKING:  # pragma: no cover
    from .session import QuizSession

__all__ = [
    "DRAFT_FORMAT",
    "DRAFT_VERSION",
    "NO_DRAFTS",
    "OPEN_ELSEWHERE_MINUTES",
    "DraftContent",
    "PaperChanged",
    "Resumed",
    "draft_content",
    "draft_data",
    "draft_path",
    "file_record",
    "handed_in_draft",
    "open_draft",
    "paper_fingerprint",
    "write_draft",
]

DRAFT_FORMAT = "livermets-exam-draft"
DRAFT_VERSION = 1
OPEN_ELSEWHERE = (
    "This exam is open in another window (another notebook kernel saved it {ago}). Carry on "
    "there. If that window is closed, wait {minutes} minutes and run this cell again: the "
    "exam then continues here with its saved answers."
)
NO_DRAFTS = (
    "Your answers are kept in this notebook only (not in a draft file) until you hand in, "
    "so do not restart it. Tell your teacher."
)
# A draft written this recently by another kernel that may still run is that kernel's exam.
OPEN_ELSEWHERE_MINUTES = 2
# Which kernel writes a draft: a new kernel (another pid) gets another token.
_OWNER: dict[str, Any] = {
    "pid": os.getpid(),
    "host": socket.gethostname(),
    "nonce": secrets.token_hex(8),
}
_DRAFTS_SUFFIX = ".drafts"

# Whether the results file holds this very record, another one with its id, or neither.
Filed = Literal["same", "different", "absent"]


class PaperChanged(ValueError):
    """A draft written for other questions or options than this paper has: not applied."""


# --- what a draft holds ----------------------------------------------------------------------
def paper_fingerprint(questions: Mapping[str, Question]) -> str:
    """A sha256 of the paper's question ids and their option (part, prompt…) ids, in order."""
    shape = [[question_id, _nested_ids(q.model_dump())] for question_id, q in questions.items()]
    text = json.dumps(shape, ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("ascii")).hexdigest()


def draft_data(
    *,
    quiz_id: str,
    seed: int,
    student_id: str,
    attempt_id: str,
    started_at: datetime,
    paper: str,
    saved: Mapping[str, tuple[Any, datetime]],
) -> dict[str, Any]:
    """An unsubmitted exam as JSON-ready draft data; ``saved``: question id -> (answer, when)."""
    return {
        "format": DRAFT_FORMAT,
        "version": DRAFT_VERSION,
        "quiz_id": quiz_id,
        "seed": seed,
        "student_id": student_id,
        "attempt_id": attempt_id,
        "started_at": started_at.isoformat(),
        "paper": paper,
        "saved": {
            question_id: {"response": response, "saved_at": saved_at.isoformat()}
            for question_id, (response, saved_at) in saved.items()
        },
    }


@dataclass(frozen=True)
class DraftContent:
    """What a draft brings back: the start, the attempt id, the answers, notes for the student."""

    started_at: datetime
    attempt_id: str
    answers: dict[str, tuple[Any, datetime]]  # question id -> (response, saved_at)
    notes: list[str]


def draft_content(
    draft: Mapping[str, Any],
    *,
    quiz_id: str,
    seed: int,
    student_id: str,
    paper: str,
    questions: Mapping[str, Question],
    partial_credit: PartialCredit,
    now: datetime,
) -> DraftContent:
    """Check a draft is this exam's (quiz, seed, student, paper) and read its answers.

    ValueError if it is not, or is malformed; ``PaperChanged`` if the paper differs. An answer
    the paper no longer asks or accepts is left out, with a note naming its question number.
    """
    if not isinstance(draft, Mapping) or draft.get("format") != DRAFT_FORMAT:
        raise ValueError("this is not an exam draft")
    if draft.get("version") != DRAFT_VERSION:
        raise ValueError(f"exam draft version {draft.get('version')!r} is not supported")
    for name, value in {"quiz_id": quiz_id, "seed": seed}.items():
        if draft.get(name) != value:
            raise ValueError(f"the draft's {name} is {draft.get(name)!r}, not {value!r}")
    # Compared as seeds and draft file names see ids ("S042" and "s042 " are one student).
    theirs = draft.get("student_id")
    if not isinstance(theirs, str) or _student_key(theirs) != _student_key(student_id):
        raise ValueError(f"the draft's student_id is {theirs!r}, not {student_id!r}")
    started_at = _aware_time(draft.get("started_at"), "started_at")
    if started_at > now:
        raise ValueError("the draft's exam starts in the future")
    if "saved_at" in draft and _aware_time(draft["saved_at"], "saved_at") < started_at:
        raise ValueError("the draft says it was saved before its exam began")
    if draft.get("paper") != paper:
        raise PaperChanged(
            "the exam's questions or options have changed since this draft was saved"
        )
    saved = draft.get("saved")
    if not isinstance(saved, Mapping):
        raise ValueError("the draft's saved answers are not a mapping")
    attempt_id = draft.get("attempt_id")
    if not isinstance(attempt_id, str) or not (attempt_id.isascii() and attempt_id.isalnum()):
        raise ValueError("the draft's attempt_id is not a plain id")
    answers: dict[str, tuple[Any, datetime]] = {}
    notes = []
    numbers = {question_id: n for n, question_id in enumerate(questions, start=1)}
    for question_id, entry in saved.items():
        if not isinstance(entry, Mapping) or "response" not in entry:
            raise ValueError(f"the draft's answer to {question_id!r} is malformed")
        saved_at = _aware_time(entry.get("saved_at"), f"saved_at of {question_id!r}")
        if saved_at < started_at:
            raise ValueError("the draft holds an answer saved before its exam began")
        question = questions.get(question_id)
        if question is None:
            notes.append("An answer to a question that is not on this paper was left out.")
            continue
        number = numbers[question_id]
        try:
            response = normalise_response(entry["response"])
        except ValueError as error:
            notes.append(f"Your answer to question {number} was left out: {error}")
            continue
        checked = grade_partial(question, response, partial_credit=partial_credit)
        if not checked.valid:
            notes.append(f"Your answer to question {number} was left out: {checked.feedback}")
            continue
        answers[question_id] = (response, saved_at)
    return DraftContent(started_at, attempt_id, answers, notes)


def handed_in_draft(record: dict[str, Any]) -> dict[str, Any]:
    """The draft of an exam handed in: its record, kept until the results file holds it."""
    return {"format": DRAFT_FORMAT, "version": DRAFT_VERSION, "submitted": True, "record": record}


def _aware_time(value: Any, what: str) -> datetime:
    """An ISO 8601 time with its offset, as a draft stores it; ValueError otherwise."""
    try:
        moment = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"the draft's {what} is not a time: {value!r}") from None
    if moment.tzinfo is None:
        raise ValueError(f"the draft's {what} has no time zone")
    return moment


def _student_key(student_id: str) -> str:
    """The student id as seeds use it, or the text itself if it cannot be normalised."""
    try:
        return normalise_student_id(student_id)
    except ValueError:
        return student_id


def _nested_ids(value: Any) -> list[Any]:
    """Every ``id`` inside a question's data (options, parts, prompts…), in the bank's order."""
    found: list[Any] = []
    if isinstance(value, Mapping):
        if "id" in value and not isinstance(value["id"], Mapping | list):
            found.append(value["id"])
        for key, inner in value.items():
            if key != "id":
                found += _nested_ids(inner)
    elif isinstance(value, list | tuple):
        for inner in value:
            found += _nested_ids(inner)
    return found


# --- draft files -------------------------------------------------------------------------------
def draft_path(results_path: str | os.PathLike[str], quiz_id: str, student_id: str) -> Path:
    """Where a student's unsubmitted exam is kept: ``<results>.drafts/<quiz>-<student>.json``.

    The student part is the id as seeds use it, reduced to safe file-name characters, plus a
    short hash of the full id, so two ids never share a draft and no id can name another folder.
    """
    key = normalise_student_id(student_id)
    safe = re.sub(r"[^a-z0-9_.-]+", "_", key)[:40].strip("._") or "student"
    digest = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:12]
    return Path(f"{results_path}{_DRAFTS_SUFFIX}") / f"{quiz_id}-{safe}-{digest}.json"


def write_draft(draft_file: Path, draft: dict[str, Any], now: datetime) -> None:
    """Write a draft as this kernel's, saved ``now``: 0600 in a 0700 folder, never via a link."""
    draft.update(owner=_OWNER, saved_at=now.isoformat())
    draft_file.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
    if draft_file.is_symlink():  # the write would follow it somewhere else
        raise OSError(f"{draft_file.name} is a link, not a file")
    atomic.write_text(
        draft_file,
        json.dumps(draft, ensure_ascii=True, default=str),
        mode=0o600,  # student data: readable by its owner only
    )


def _drafts_folder_problem(folder: Path) -> str | None:
    """Why drafts must not be kept in this folder (None if fine); loose permissions of the
    student's own folder are tightened to 0700 (a draft holds their answers)."""
    try:
        info = folder.stat()
    except FileNotFoundError:
        return None  # made (0700) with the first draft
    except OSError as error:
        return f"The exam's drafts folder {folder} cannot be used ({error.strerror or error})."
    if not stat.S_ISDIR(info.st_mode):
        return f"The exam's drafts folder {folder} is not a folder."
    owner = os.getuid() if hasattr(os, "getuid") else None  # Windows: no owners to compare
    if owner is not None and info.st_uid != owner:
        return (
            f"The exam's drafts folder {folder} belongs to another user, so your draft is not "
            "kept there."
        )
    if owner is not None and stat.S_IMODE(info.st_mode) & 0o077:
        try:
            folder.chmod(0o700)
        except OSError as error:
            return (
                f"The exam's drafts folder {folder} can be read by other users and could not "
                f"be made private ({error.strerror or error})."
            )
    return None


def _set_aside(draft: Path, reason: str, kind: str = "corrupt") -> str:
    """Rename a draft that is not used to ``….corrupt`` or ``….stale`` (never over another)."""
    target = draft.with_name(f"{draft.name}.{kind}")
    counter = 1
    while target.exists():
        counter += 1
        target = draft.with_name(f"{draft.name}.{counter}.{kind}")
    try:
        draft.rename(target)
        kept = f"it is kept as {target.name} for your teacher"
    except OSError as error:
        kept = f"it stays as {draft.name} ({error}); show it to your teacher"
    if kind == "stale":
        return (
            "Your saved draft of this exam was written for other questions or options than "
            f"this exam has now (your teacher has changed it), so its answers are not put into "
            f"this one; {kept}. The exam starts afresh: answer the questions again."
        )
    return (
        f"The saved draft of this exam could not be read ({reason}); {kept}. "
        "The exam starts afresh: answer the questions again."
    )


def _read_draft(draft: Path) -> str | None:
    """The draft's text, never through a link (OSError if it is one); None if there is none."""
    try:
        descriptor = os.open(draft, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except FileNotFoundError:
        return None
    with os.fdopen(descriptor, "rb") as stream:
        return stream.read().decode("utf-8")


# --- filing a handed-in record -------------------------------------------------------------------
def _as_checked(record: Any) -> AttemptRecord | None:
    """The record as the results file would hold it, or None if the file would refuse it."""
    if not isinstance(record, dict):
        return None
    try:
        return AttemptRecord.model_validate_json(json.dumps(record, default=str))
    except (ValueError, TypeError):  # ValidationError is a ValueError
        return None


def _filed(results_path: Path, record: dict[str, Any]) -> Filed:
    """Whether the results file holds this very record, another one with its id, or neither."""
    ours = _as_checked(record)
    try:
        read = read_results(results_path)
    except (OSError, ValueError):
        return "absent"
    for stored in read.records:
        if stored.attempt_id == record.get("attempt_id"):
            # Items (responses, scores), score, times and student: the whole record must match.
            return "same" if ours is not None and stored == ours else "different"
    return "absent"


def file_record(results_path: Path, record: dict[str, Any]) -> tuple[Filed, Exception | None]:
    """Append a handed-in record to the results file: whether the file now holds this very
    record ("same"), another with its id ("different") or none ("absent"), and the write's error.

    A write that fails after it did land (a retry finds the record "already recorded") is
    "same": that record is saved. A record the file refuses comes back with its
    ValidationError, so the caller can say a retry will not help.
    """
    try:
        append_attempt(results_path, record)
    except (OSError, ValueError) as error:  # TimeoutError is an OSError
        return _filed(results_path, record), error
    return "same", None


def _attempt_in_file(results_path: Path, attempt_id: str) -> bool:
    """True if the results file holds an attempt with this id."""
    try:
        read = read_results(results_path)
    except (OSError, ValueError):
        return False
    return any(record.attempt_id == attempt_id for record in read.records)


# --- bringing a draft back -----------------------------------------------------------------------
@dataclass
class Resumed:
    """What became of a draft: notes for the student, and what the cell shows now."""

    notes: list[str] = field(default_factory=list)
    # open: the exam (resumed or new); blocked: open in another window; handed_in: a record to file
    state: Literal["open", "blocked", "handed_in"] = "open"
    record: dict[str, Any] | None = None
    problem: str | None = None
    use_draft: bool = True


def _file_handed_in(draft: Path, record: Any, results_path: Path) -> Resumed:
    """A draft of an exam handed in whose record may not have reached the results file: file it.

    Only a record the results file would refuse sets the draft aside; a write that fails (a
    lock held too long, a full disk) keeps the draft and shows the record with a retry.
    """
    if _as_checked(record) is None:
        return Resumed([_set_aside(draft, "it holds a handed-in exam the results file refuses")])
    found = _filed(results_path, record)
    if found == "different":
        return Resumed(state="handed_in", record=record, problem="conflict")
    written_now = found == "absent"
    if written_now:
        found, error = file_record(results_path, record)
        if found != "same":
            problem = "conflict" if found == "different" else str(error)
            return Resumed(state="handed_in", record=record, problem=problem)
        written_now = error is None  # else "already recorded": another kernel filed it
    with contextlib.suppress(FileNotFoundError):
        draft.unlink()
    said = (
        "The exam you handed in earlier had not reached the results file; it is saved there now."
        if written_now
        else "The exam you handed in earlier is in the results file."
    )
    return Resumed([f"{said} This is a new attempt."])


def _kernel_alive(pid: Any) -> bool:
    """True unless a process of this computer with this id is known to be gone."""
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0 or os.name == "nt":
        return True  # on Windows, os.kill stops a process: never used just to look
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # another user's process, say: it exists
    return True


def _open_elsewhere(data: dict[str, Any], now: datetime) -> str | None:
    """If another live kernel wrote this draft lately, the message that says so; else None."""
    owner = data.get("owner")
    if not isinstance(owner, dict) or owner == _OWNER:
        return None
    if owner.get("host") == _OWNER["host"] and not _kernel_alive(owner.get("pid")):
        return None  # this computer's kernel that wrote it is gone (a restart)
    try:
        saved_at = datetime.fromisoformat(data.get("saved_at"))  # type: ignore[arg-type]
        age = now - saved_at
    except (TypeError, ValueError):
        return None  # no usable time: the draft's own checks decide
    window = timedelta(minutes=OPEN_ELSEWHERE_MINUTES)
    if not -window < age < window:  # a clock far ahead of ours does not hold it forever
        return None
    ago = f"{max(int(age.total_seconds()), 0)} seconds ago"
    return OPEN_ELSEWHERE.format(ago=ago, minutes=OPEN_ELSEWHERE_MINUTES)


def open_draft(session: QuizSession, draft: Path, results_path: Path) -> Resumed:
    """Bring back the draft (if any) into a fresh exam session; what happened, in words."""
    problem = _drafts_folder_problem(draft.parent)
    if problem is not None:
        return Resumed([f"{problem} {NO_DRAFTS}"], use_draft=False)
    if draft.is_symlink():
        return Resumed(
            [
                f"The exam's draft file {draft.name} is a link, not a file, so it is not used. "
                + NO_DRAFTS
            ],
            use_draft=False,
        )
    try:
        text = _read_draft(draft)
    except (OSError, UnicodeError) as error:
        return Resumed([_set_aside(draft, f"it could not be read: {error}")])
    if text is None:
        return Resumed()
    try:
        data = json.loads(text)
    except ValueError:
        return Resumed([_set_aside(draft, "it is not valid JSON")])
    if not isinstance(data, dict):
        return Resumed([_set_aside(draft, "it is not an exam draft")])
    if data.get("submitted") is True:
        return _file_handed_in(draft, data.get("record"), results_path)
    elsewhere = _open_elsewhere(data, session.now())
    if elsewhere is not None:
        return Resumed([elsewhere], state="blocked")
    attempt_id = data.get("attempt_id")
    if isinstance(attempt_id, str) and _attempt_in_file(results_path, attempt_id):
        with contextlib.suppress(FileNotFoundError):
            draft.unlink()  # its record is the one handed in; the draft is not needed
        return Resumed(
            [
                "The exam you worked on earlier was already handed in and is in the results "
                "file. This is a new attempt."
            ]
        )
    try:
        notes = session.resume(data)
    except PaperChanged as error:
        return Resumed([_set_aside(draft, str(error), kind="stale")])
    except ValueError as error:
        return Resumed([_set_aside(draft, str(error))])
    started = session.started_at.strftime("%H:%M UTC") if session.started_at else "earlier"
    return Resumed(
        [
            f"Your exam continues where you left it (it began at {started}): "
            "your saved answers are shown again.",
            *notes,
        ]
    )
