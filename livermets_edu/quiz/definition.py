"""Quiz definitions: which bank items make up a quiz, its mode, seed and time limit, as YAML.

A definition is written by ``build_quiz`` (filters plus a seeded sample), saved for review and
version control, and loaded back with every problem reported as ``file:line: field: message``,
including items whose bank or question does not exist. ``resolve`` turns it into questions.

The YAML is read as banks are (:mod:`.yaml_source`: safe loader, line-keeping node tree,
duplicate-key and control-character checks), so a definition and a bank fail the same way.
"""

from __future__ import annotations

import difflib
import os
import random
import re
import secrets
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    PrivateAttr,
    Strict,
    ValidationError,
    field_validator,
    model_validator,
)

from livermets_edu.names import did_you_mean

from . import atomic, loader
from .schema import QUESTION_TYPES, Bank, Identifier, Question, Text, located_error
from .yaml_source import (
    CONTROL_CHARACTER,
    QUIZ_DEFINITION,
    BankError,
    BankErrors,
    Location,
    Parsed,
    describe_error,
    format_field,
    in_line_order,
    read_document,
    walk,
)

__all__ = [
    "MAX_TIME_LIMIT_MINUTES",
    "MODES",
    "PARTIAL_CREDIT_CHOICES",
    "QuizDefinition",
    "QuizItem",
    "bank_files",
    "build_quiz",
    "check_quiz_definition",
    "definition_summary",
    "load_quiz_definition",
    "resolve",
    "save_quiz_definition",
]

MODES = ("exam", "self-check")
PARTIAL_CREDIT_CHOICES = ("net-correct", "all-or-nothing", "each-answer")
# PrairieLearn's pl-checkbox calls all-or-nothing grading "off"; accept its word too.
_PARTIAL_CREDIT_ALIASES = {"off": "all-or-nothing"}
DIFFICULTIES = ("easy", "medium", "hard")
# One week: longer than any sitting, and small enough that a deadline stays a real date (a
# limit such as 1e308 minutes overflows the clock).
MAX_TIME_LIMIT_MINUTES = 7 * 24 * 60

Mode = Literal["exam", "self-check"]
PartialCreditChoice = Literal["net-correct", "all-or-nothing", "each-answer"]
BankSource = str | os.PathLike[str] | Bank


def _partial_credit_alias(value: Any) -> Any:
    # YAML 1.1 reads a bare `off` (and `no`) as false, so false is the same alias.
    if value is False:
        return "all-or-nothing"
    return _PARTIAL_CREDIT_ALIASES.get(value, value) if isinstance(value, str) else value


def _repeated_items(items: Sequence[tuple[Any, Any]]) -> list[tuple[int, int, str]]:
    """(index, index of its first use, message) for each item whose question id came before."""
    first: dict[Any, int] = {}
    repeats = []
    for index, (bank, question_id) in enumerate(items):
        if question_id not in first:
            first[question_id] = index
            continue
        earlier = first[question_id]
        message = (
            f"{bank}/{question_id} is listed twice"
            if items[earlier][0] == bank
            else f"question id {question_id!r} is also items[{earlier}] from bank "
            f"{items[earlier][0]}; question ids in a quiz must be unique"
        )
        repeats.append((index, earlier, message))
    return repeats


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class QuizItem(_Strict):
    """One question of a quiz: the bank it comes from and its id there."""

    bank: Identifier
    id: Identifier


class QuizDefinition(_Strict):
    """A quiz: its id, title, mode, seed, shuffling, partial-credit rule and items in order."""

    quiz: Identifier
    title: Text
    mode: Mode = "self-check"
    time_limit_minutes: (
        Annotated[float, Strict(), Field(gt=0, le=MAX_TIME_LIMIT_MINUTES, allow_inf_nan=False)]
        | None
    ) = None
    seed: Annotated[int, Strict()]
    shuffle_questions: Annotated[bool, Strict()] = False
    shuffle_options: Annotated[bool, Strict()] = False
    partial_credit: Annotated[PartialCreditChoice, BeforeValidator(_partial_credit_alias)] = (
        "net-correct"
    )
    items: Annotated[list[QuizItem], Field(min_length=1)]

    # How build_quiz chose the items, for the saved file's header; not part of the quiz.
    _built_from: str = PrivateAttr(default="")

    @field_validator("items")
    @classmethod
    def _unique_question_ids(cls, items: list[QuizItem]) -> list[QuizItem]:
        repeats = _repeated_items([(item.bank, item.id) for item in items])
        if repeats:
            index, first, message = repeats[0]
            raise located_error("duplicate_item", message, at=(index, "id"), first=first)
        return items

    @model_validator(mode="after")
    def _time_limit_only_in_exams(self) -> QuizDefinition:
        if self.time_limit_minutes is not None and self.mode != "exam":
            raise located_error(
                "time_limit_not_exam",
                "a time limit applies only to mode: exam",
                at=("time_limit_minutes",),
            )
        return self

    @property
    def built_from(self) -> str:
        """How the items were chosen (filters and sample), or '' for a loaded definition."""
        return self._built_from

    @property
    def time_limit_text(self) -> str:
        """The time limit as a person reads it, e.g. '30 min', or 'no time limit'."""
        if self.time_limit_minutes is None:
            return "no time limit"
        return f"{self.time_limit_minutes:g} min"


# --- Finding banks ----------------------------------------------------------------------------
class _Banks:
    """Banks by name, each loaded once: from the given folders first, then the shipped ones."""

    def __init__(self, bank_dirs: Sequence[str | os.PathLike[str]] = ()) -> None:
        self.bank_dirs = [Path(directory) for directory in bank_dirs]
        self._loaded: dict[str, Bank] = {}
        self._failed: dict[str, str] = {}

    def _path(self, name: str) -> Path:
        for directory in self.bank_dirs:
            for suffix in loader.BANK_SUFFIXES:
                if (directory / f"{name}{suffix}").is_file():
                    return directory / f"{name}{suffix}"
        try:
            return loader.find_bank(name)
        except BankError:
            raise BankError(
                name, None, "", f"no quiz bank called {name!r}{self._hint(name)}"
            ) from None

    def _hint(self, name: str) -> str:
        names = set(loader.list_banks())
        for directory in self.bank_dirs:
            if directory.is_dir():
                names.update(
                    path.stem for path in directory.iterdir() if path.suffix in loader.BANK_SUFFIXES
                )
        return did_you_mean(name, sorted(names)) or (
            f"; available: {', '.join(sorted(names))}" if names else "; no banks are installed"
        )

    def get(self, name: str) -> Bank:
        """The bank called ``name``; raises BankError saying why not."""
        if name in self._failed:
            raise BankError(name, None, "", self._failed[name])
        if name not in self._loaded:
            try:
                bank, errors = loader.check_bank(self._path(name))
            except BankError as error:
                self._failed[name] = error.message
                raise
            if errors:
                noun = "problem" if len(errors) == 1 else "problems"
                self._failed[name] = (
                    f"bank {name!r} has {len(errors)} {noun}; the first: {errors[0]}"
                )
                raise BankError(name, None, "", self._failed[name])
            assert bank is not None
            self._loaded[name] = bank
        return self._loaded[name]


def _missing_item(item: QuizItem, banks: _Banks) -> tuple[str, str] | None:
    """('bank' or 'id', message) when the item's bank or question cannot be found, else None."""
    try:
        bank = banks.get(item.bank)
    except BankError as error:
        return "bank", error.message
    if item.id not in bank:
        return "id", f"no question {item.id!r} in bank {item.bank}{did_you_mean(item.id, bank.ids)}"
    return None


def bank_files(
    definition: QuizDefinition, *, bank_dirs: Sequence[str | os.PathLike[str]] = ()
) -> list[Path]:
    """The files the quiz's banks are read from, as ``resolve`` finds them (missing: left out)."""
    banks = _Banks(bank_dirs)
    found = []
    for name in dict.fromkeys(item.bank for item in definition.items):
        try:
            found.append(banks._path(name))
        except BankError:
            continue  # resolve reports it, with a hint
    return found


def resolve(
    definition: QuizDefinition, *, bank_dirs: Sequence[str | os.PathLike[str]] = ()
) -> list[Question]:
    """The quiz's questions in the definition's order, loading each bank once."""
    banks = _Banks(bank_dirs)
    problems = [
        f"items[{index}].{field}: {message}"
        for index, item in enumerate(definition.items)
        if (missing := _missing_item(item, banks)) is not None
        for field, message in [missing]
    ]
    if problems:
        raise ValueError(f"quiz {definition.quiz!r} cannot be assembled:\n" + "\n".join(problems))
    return [banks.get(item.bank)[item.id] for item in definition.items]


# --- Loading ----------------------------------------------------------------------------------
def _model_fields_at(loc: Location) -> list[str]:
    if not loc:
        return list(QuizDefinition.model_fields)
    if loc[0] == "items" and len(loc) == 2:
        return list(QuizItem.model_fields)
    return []


def _describe(error: dict[str, Any], loc: Location) -> str:
    """A pydantic error in an author's words; the bank loader's wording where it fits."""
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "extra_forbidden":
        allowed = _model_fields_at(loc[:-1])
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        if close:
            return f"unknown field {loc[-1]!r}; did you mean {close[0]!r}?"
        return f"unknown field {loc[-1]!r}; allowed: {', '.join(allowed)}"
    if kind == "greater_than":
        return f"must be more than {ctx.get('gt'):g}, not {given!r}"
    if kind == "less_than_equal" and loc == ("time_limit_minutes",):
        return (
            f"must be at most {MAX_TIME_LIMIT_MINUTES} minutes (one week), not {given!r}; "
            "a quiz open for longer needs no time limit"
        )
    if kind == "too_short" and loc == ("items",):
        return "needs at least one item: {bank: NAME, id: QUESTION_ID}"
    if kind == "literal_error" and loc == ("partial_credit",):
        return f"{given!r} is not allowed; use one of {', '.join(PARTIAL_CREDIT_CHOICES)} (or off)"
    return describe_error(error, loc)


def _schema_errors(parsed: Parsed, shown: str) -> tuple[QuizDefinition | None, list[BankError]]:
    try:
        return QuizDefinition.model_validate(parsed.data), []
    except ValidationError as validation:
        errors = []
        for error in validation.errors():
            if error["type"] == "duplicate_item":  # found with every other one by _item_errors
                continue
            ctx = error.get("ctx") or {}
            loc = (*error["loc"], *(ctx.get("at") or ()))
            _, line = walk(parsed.root, loc)
            errors.append(BankError(shown, line, format_field(loc), _describe(error, loc)))
        return None, errors


def _item_errors(parsed: Parsed, shown: str, banks: _Banks, skip: set[int]) -> list[BankError]:
    """An error at each item listed twice, or whose bank or question does not exist."""
    items = parsed.data.get("items") if isinstance(parsed.data, dict) else None
    if not isinstance(items, list):
        return []
    errors = []
    pairs = [
        (raw.get("bank"), raw.get("id")) if isinstance(raw, dict) else (None, object())
        for raw in items
    ]
    for index, first, message in _repeated_items(pairs):
        if isinstance(pairs[index][1], str):
            _, line = walk(parsed.root, ("items", index, "id"))
            _, first_line = walk(parsed.root, ("items", first, "id"))
            where = f"items[{index}].id"
            errors.append(BankError(shown, line, where, f"{message} (first at line {first_line})"))
    for index, raw in enumerate(items):
        if index in skip:
            continue
        try:
            item = QuizItem.model_validate(raw)
        except ValidationError:
            continue  # reported by the schema check
        missing = _missing_item(item, banks)
        if missing is not None:
            field, message = missing
            _, line = walk(parsed.root, ("items", index, field))
            errors.append(BankError(shown, line, f"items[{index}].{field}", message))
    return errors


def _check(path: Path, banks: _Banks) -> tuple[QuizDefinition | None, list[BankError]]:
    shown, parsed, errors = read_document(path, QUIZ_DEFINITION)
    if parsed is None:
        return None, errors
    definition, schema_errors = _schema_errors(parsed, shown)
    errors += schema_errors
    # Items the schema already faulted are not looked up, so each problem is said once.
    skip = {
        int(match.group(1))
        for error in schema_errors
        if (match := re.match(r"items\[(\d+)\]", error.field))
    }
    errors += _item_errors(parsed, shown, banks, skip)
    errors = in_line_order(errors)
    return (None, errors) if errors else (definition, [])


def check_quiz_definition(
    path: str | os.PathLike[str], *, bank_dirs: Sequence[str | os.PathLike[str]] = ()
) -> list[BankError]:
    """Every problem in a quiz definition file, in line order; empty when it is valid."""
    return _check(Path(path), _Banks(bank_dirs))[1]


def load_quiz_definition(
    path: str | os.PathLike[str], *, bank_dirs: Sequence[str | os.PathLike[str]] = ()
) -> QuizDefinition:
    """The checked quiz definition in a YAML file; raises BankErrors listing every problem."""
    definition, errors = _check(Path(path), _Banks(bank_dirs))
    if errors:
        raise BankErrors(errors)
    assert definition is not None
    return definition


# --- Building ---------------------------------------------------------------------------------
def _as_list(value: str | Iterable[str] | None) -> list[str] | None:
    if value is None:
        return None
    return [value] if isinstance(value, str) else list(value)


def _check_choices(given: list[str] | None, allowed: Sequence[str], what: str) -> None:
    for value in given or ():
        if value not in allowed:
            raise ValueError(
                f"{value!r} is not a {what}; use one of {', '.join(allowed)}"
                f"{did_you_mean(value, allowed)}"
            )


def _lesson_matches(bank: Bank, lessons: list[str]) -> bool:
    """True if the bank's lesson is one of these, by name ('08-liver-…') or number ('8', '08')."""
    number = bank.lesson.split("-", 1)[0]
    for lesson in lessons:
        wanted = lesson.strip()
        if wanted == bank.lesson or wanted == bank.name:
            return True
        if wanted.isdigit() and number.isdigit() and int(wanted) == int(number):
            return True
    return False


def _describe_filters(**filters: Any) -> str:
    # repr() keeps any newline or '#' in a tag on one line of the saved file's header comment.
    return ", ".join(f"{name}={value!r}" for name, value in filters.items() if value is not None)


def build_quiz(
    banks: Iterable[BankSource] | BankSource | None = None,
    *,
    quiz_id: str,
    title: str | None = None,
    lessons: str | Iterable[str] | None = None,
    tags: str | Iterable[str] | None = None,
    difficulty: str | Iterable[str] | None = None,
    types: str | Iterable[str] | None = None,
    n: int | None = None,
    seed: int | None = None,
    mode: Mode = "self-check",
    time_limit_minutes: float | None = None,
    shuffle_questions: bool | None = None,
    shuffle_options: bool | None = None,
    partial_credit: str = "net-correct",
) -> QuizDefinition:
    """A quiz of the bank questions that pass every filter (tags: any of them), or n of them.

    ``banks`` are names, paths or loaded banks (default: every shipped bank); items name the
    bank, so a bank that is not shipped needs ``bank_dirs`` when the quiz is loaded. ``n``
    draws that many at random with ``seed`` (chosen and recorded when not given), kept in bank
    order. Shuffling defaults to on in exam mode and off in self-check mode.
    """
    if seed is None:
        seed = secrets.randbelow(10**9)  # recorded in the definition, so the quiz is repeatable
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
    if banks is None:
        banks = loader.list_banks()
        if not banks:
            raise ValueError("no quiz banks are installed, so there is nothing to build from")
    elif isinstance(banks, (str, os.PathLike, Bank)):
        banks = [banks]
    loaded = [bank if isinstance(bank, Bank) else loader.load_bank(bank) for bank in banks]
    lesson_list, tag_list = _as_list(lessons), _as_list(tags)
    difficulty_list, type_list = _as_list(difficulty), _as_list(types)
    _check_choices(difficulty_list, DIFFICULTIES, "difficulty")
    _check_choices(type_list, QUESTION_TYPES, "question type")

    matches: list[QuizItem] = []
    for bank in loaded:
        if lesson_list is not None and not _lesson_matches(bank, lesson_list):
            continue
        for question in bank:
            if tag_list is not None and not set(tag_list) & set(question.tags):
                continue
            if difficulty_list is not None and question.difficulty not in difficulty_list:
                continue
            if type_list is not None and getattr(question, "type", None) not in type_list:
                continue
            matches.append(QuizItem(bank=bank.name, id=question.id))

    filters = _describe_filters(
        banks=[bank.name for bank in loaded],
        lessons=lesson_list,
        tags=tag_list,
        difficulty=difficulty_list,
        types=type_list,
    )
    if not matches:
        raise ValueError(f"no question matches the filters ({filters})")
    if n is not None:
        if isinstance(n, bool) or not isinstance(n, int) or n < 1:
            raise ValueError(f"n must be a whole number of questions, at least 1, not {n!r}")
        if n > len(matches):
            raise ValueError(
                f"only {len(matches)} question{'' if len(matches) == 1 else 's'} match the "
                f"filters ({filters}); cannot draw {n}"
            )
        # Sample positions, then sort them, so the drawn questions keep their bank order.
        chosen = sorted(random.Random(seed).sample(range(len(matches)), n))
        matches = [matches[position] for position in chosen]

    exam = mode == "exam"
    definition = QuizDefinition.model_validate(
        {
            "quiz": quiz_id,
            "title": title if title is not None else quiz_id,
            "mode": mode,
            "time_limit_minutes": time_limit_minutes,
            "seed": seed,
            "shuffle_questions": exam if shuffle_questions is None else shuffle_questions,
            "shuffle_options": exam if shuffle_options is None else shuffle_options,
            "partial_credit": partial_credit,
            "items": [item.model_dump() for item in matches],
        }
    )
    sample = f"n={n} drawn with seed {seed}" if n is not None else "every match"
    definition._built_from = f"{filters}; {sample}"
    return definition


# --- Saving -----------------------------------------------------------------------------------
def _definition_yaml(definition: QuizDefinition) -> str:
    data = definition.model_dump(exclude_none=True)  # field order is the design note's order
    data["items"] = [dict(item) for item in data["items"]]
    # Block style for the quiz, flow style ({bank: …, id: …}) for each one-line item.
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, default_flow_style=None)


def save_quiz_definition(
    definition: QuizDefinition, path: str | os.PathLike[str], *, note: str | None = None
) -> Path:
    """Write the definition as reviewable YAML, atomically; the header says how it was built."""
    target = Path(path)
    how = note if note is not None else definition.built_from
    # No timestamp: saving the same quiz twice gives the same bytes, so diffs show real changes.
    header = [
        "# Quiz definition for livermets-edu.",
        f"# Built from: {how}." if how else "# Written from a quiz definition (not built here).",
        "# Review it, then version it with the course; `quiz` names it in results.",
    ]
    # A header line must stay one comment line whatever the filters held.
    header = [CONTROL_CHARACTER.sub("?", line.replace("\n", " ")) for line in header]
    atomic.write_text(target, "\n".join(header) + "\n" + _definition_yaml(definition))
    return target


def definition_summary(definition: QuizDefinition) -> str:
    """One line describing the quiz, e.g. 'y90-midterm: 12 questions, exam, 30 min'."""
    count = len(definition.items)
    noun = "question" if count == 1 else "questions"
    limit = f", {definition.time_limit_text}" if definition.mode == "exam" else ""
    return f"{definition.quiz}: {count} {noun}, {definition.mode}{limit}"
