"""Find, read and check quiz banks, reporting every problem as ``file:line: field: message``.

The YAML is read by :mod:`.yaml_source` (safe loader, a node tree that keeps lines, duplicate
key and control-character checks). Each pydantic error is then mapped back to the line of the
offending node by walking that tree along the error's location, so an author sees
``quizzes/01-blood-supply.yaml:42: questions[3].answer: 'e' is not one of the options a, b``
rather than a stack trace. This module adds what is particular to banks: where they are found,
and the schema's errors in a bank author's words.
"""

from __future__ import annotations

import difflib
import os
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from . import yaml_source
from .question_types import CASE_PART_TYPES
from .schema import (
    QUESTION_MODELS,
    QUESTION_TYPES,
    Bank,
    Case,
    Item,
    Numeric,
    NumericAnswer,
    Option,
    TextAnswer,
)
from .yaml_source import BANK, BankError, BankErrors, Location, Parsed, format_field, walk

# Kept importable from here, where callers have always found them.
from .yaml_source import CONTROL_CHARACTER as CONTROL_CHARACTER
from .yaml_source import MAX_NESTING as MAX_NESTING

__all__ = [
    "BankError",
    "BankErrors",
    "bank_directories",
    "check_bank",
    "find_bank",
    "list_banks",
    "load_bank",
    "validate_bank",
]

MAX_BANK_BYTES = yaml_source.MAX_FILE_BYTES

BANK_SUFFIXES = (".yaml", ".yml")
# The lists of mappings inside a question, and the model of each entry.
_LIST_ENTRY_MODELS: dict[str, type] = {
    "options": Option,
    "prompts": Item,
    "choices": Item,
    "items": Item,
    "answers": TextAnswer,
}
_NOUNS = {
    "options": "option",
    "questions": "question",
    "prompts": "prompt",
    "choices": "choice",
    "items": "item",
    "answers": "answer",
    "parts": "part",
    "ask": "region",
}


# --- Finding banks ----------------------------------------------------------------------------
def bank_directories() -> list[Path]:
    """Folders searched for banks by name: the installed package's, then the source checkout's."""
    here = Path(__file__).resolve()
    installed = here.parents[1] / "quizzes"  # hatchling force-include puts them here in a wheel
    checkout = here.parents[2]
    found = [installed] if installed.is_dir() else []
    if (checkout / "pyproject.toml").is_file() and (checkout / "quizzes").is_dir():
        found.append(checkout / "quizzes")
    return found


def list_banks() -> list[str]:
    """The names of the banks that ship with livermets-edu, e.g. ['01-blood-supply']."""
    names = {
        path.stem
        for directory in bank_directories()
        for path in directory.iterdir()
        if path.suffix in BANK_SUFFIXES and path.is_file()
    }
    return sorted(names)


def _looks_like_a_path(name_or_path: str | os.PathLike[str]) -> bool:
    if isinstance(name_or_path, os.PathLike):
        return True
    text = str(name_or_path)
    return "/" in text or os.sep in text or text.endswith(BANK_SUFFIXES) or Path(text).is_file()


def find_bank(name_or_path: str | os.PathLike[str]) -> Path:
    """The file for a bank name like '01-blood-supply', or the given path itself."""
    if _looks_like_a_path(name_or_path):
        return Path(name_or_path)
    name = str(name_or_path)
    for directory in bank_directories():
        for suffix in BANK_SUFFIXES:
            candidate = directory / f"{name}{suffix}"
            if candidate.is_file():
                return candidate
    available = list_banks()
    close = difflib.get_close_matches(name, available, n=3)
    hint = (
        f"did you mean {', '.join(close)}?"
        if close
        else (f"available: {', '.join(available)}" if available else "no banks are installed")
    )
    raise BankError(name, None, "", f"no quiz bank called {name!r}; {hint}")


# Test seams: tests read banks with the pure-Python parser, or with one that fails.
_FAST_LOADER = yaml_source.FAST_LOADER


def _parse_yaml(text: str, shown: str) -> Parsed:
    return yaml_source.parse_yaml(text, shown, BANK, fast_loader=_FAST_LOADER)


def _duplicate_question_ids(parsed: Parsed, shown: str) -> list[BankError]:
    questions = parsed.data.get("questions") if isinstance(parsed.data, dict) else None
    if not isinstance(questions, list) or parsed.root is None:
        return []
    errors: list[BankError] = []
    first_index: dict[str, int] = {}
    for index, question in enumerate(questions):
        question_id = question.get("id") if isinstance(question, dict) else None
        if not isinstance(question_id, str):
            continue
        if question_id in first_index:
            loc = ("questions", index, "id")
            _, line = walk(parsed.root, loc)
            _, first_line = walk(parsed.root, ("questions", first_index[question_id], "id"))
            errors.append(
                BankError(
                    shown,
                    line,
                    format_field(loc),
                    f"question id {question_id!r} is used twice (first at line {first_line})",
                )
            )
        else:
            first_index[question_id] = index
    return errors


def _model_at(loc: Location, data: Any) -> type | None:
    """The schema model describing the mapping at ``loc`` (for listing its allowed fields)."""
    # ``model`` is a model class, or ("list", entry model) while inside a list of entries.
    model: Any = Bank
    value = data
    for part in loc:
        try:
            value = value[part]
        except (KeyError, IndexError, TypeError):
            return None
        if (model is Bank and part == "questions") or (model is Case and part == "parts"):
            model = ("list", "question")  # the entry's model depends on its type
        elif model == ("list", "question") and isinstance(part, int):
            model = QUESTION_MODELS.get(value.get("type")) if isinstance(value, dict) else None
        elif isinstance(model, type) and part in _LIST_ENTRY_MODELS and part in model.model_fields:
            model = ("list", _LIST_ENTRY_MODELS[part])
        elif isinstance(model, tuple) and isinstance(part, int):
            model = model[1]
        elif model is Numeric and part == "answer":
            model = NumericAnswer
        else:
            return None
    return model if isinstance(model, type) else None


def _meant_field(loc: Location, data: Any) -> str | None:
    """For an unknown field such as 'choice', the allowed field it is close to ('choices')."""
    model = _model_at(loc[:-1], data)
    allowed = list(model.model_fields) if model is not None else []
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    return close[0] if close else None


def _describe(error: dict[str, Any], loc: Location, data: Any) -> str:
    """A pydantic error in a bank author's words, naming question types and allowed fields."""
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    allowed_types = ", ".join(QUESTION_TYPES)
    if kind == "extra_forbidden":
        close = _meant_field(loc, data)
        if close:
            return f"unknown field {loc[-1]!r}; did you mean {close!r}?"
        model = _model_at(loc[:-1], data)
        allowed = list(model.model_fields) if model is not None else []
        listed = f"; allowed: {', '.join(allowed)}" if allowed else ""
        return f"unknown field {loc[-1]!r}{listed}"
    in_a_case = len(loc) >= 3 and loc[-3] == "parts"
    if in_a_case:
        allowed_types = ", ".join(CASE_PART_TYPES)
    if kind == "union_tag_invalid":
        if in_a_case and ctx.get("tag") == "case":
            return f"a case part cannot itself be a case; use one of {allowed_types}"
        return f"{ctx.get('tag')!r} is not a question type; use one of {allowed_types}"
    if kind == "union_tag_not_found":
        return f"required field is missing; use one of {allowed_types}"
    if kind in ("greater_than", "less_than_equal") and loc and loc[-1] == "fuzzy":
        return (
            f"should be above 0 and at most 1 (1 accepts only the text as written), not {given!r}"
        )
    if kind == "dict_type" and loc and loc[-1] == "answer":
        kind_read = yaml_source.yaml_kind(given)
        return f"should be a mapping of prompt ids to choice ids, not {kind_read}"
    return yaml_source.describe_error(error, loc, _NOUNS)


def _normalise(loc: Location, error: dict[str, Any]) -> Location:
    parts: list[str | int] = []
    for part in loc:
        # Discriminated unions put the type after the index of a question or a case part
        # (questions[0].single.stem); authors never wrote it.
        after_an_index = len(parts) >= 2 and parts[-2] in ("questions", "parts")
        if after_an_index and isinstance(parts[-1], int) and part in QUESTION_TYPES:
            continue
        parts.append(part)
    ctx = error.get("ctx") or {}
    if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
        parts.append("type")
    parts.extend(ctx.get("at") or ())
    return tuple(parts)


def _schema_errors(
    parsed: Parsed, shown: str, skip_duplicate_ids: bool
) -> tuple[Bank | None, list[BankError]]:
    try:
        return Bank.model_validate(parsed.data), []
    except ValidationError as validation:
        located = [
            (_normalise(tuple(error["loc"]), error), error)
            for error in validation.errors()
            if not (skip_duplicate_ids and error["type"] == "duplicate_question_id")
            # reported at the key's line by _key_errors
            and error["type"] != "invalid_key"
        ]
        # A misspelt required field ('choice:') is one mistake: "did you mean 'choices'?"
        # already says that choices is missing, so that is not reported again.
        misspelt = {
            (*loc[:-1], meant)
            for loc, error in located
            if error["type"] == "extra_forbidden"
            for meant in [_meant_field(loc, parsed.data)]
            if meant is not None
        }
        errors = []
        for loc, error in located:
            if error["type"] == "missing" and loc in misspelt:
                continue
            assert parsed.root is not None
            node, line = walk(parsed.root, loc)
            needle = (error.get("ctx") or {}).get("needle")
            if needle:
                line = yaml_source.line_of_needle(parsed.text, node, needle, line)
            message = _describe(error, loc, parsed.data)
            errors.append(BankError(shown, line, format_field(loc), message))
        return None, errors


def _check_name(parsed: Parsed, path: Path, shown: str) -> list[BankError]:
    name = parsed.data.get("bank") if isinstance(parsed.data, dict) else None
    if not isinstance(name, str) or name == path.stem or parsed.root is None:
        return []
    _, line = walk(parsed.root, ("bank",))
    return [
        BankError(
            shown, line, "bank", f"{name!r} must equal the file name without .yaml: {path.stem!r}"
        )
    ]


def _check(path: Path) -> tuple[Bank | None, list[BankError]]:
    shown, parsed, errors = yaml_source.read_document(path, BANK, parse=_parse_yaml)
    if parsed is None:
        return None, errors
    duplicate_ids = _duplicate_question_ids(parsed, shown)
    errors += duplicate_ids
    bank, schema_errors = _schema_errors(parsed, shown, skip_duplicate_ids=bool(duplicate_ids))
    errors += schema_errors + _check_name(parsed, path, shown)
    errors = yaml_source.in_line_order(errors)
    return (None, errors) if errors else (bank, [])


def check_bank(name_or_path: str | os.PathLike[str]) -> tuple[Bank | None, list[BankError]]:
    """The bank and no errors, or None and every problem found; never raises BankError."""
    try:
        path = find_bank(name_or_path)
    except BankError as error:
        return None, [error]
    return _check(path)


def validate_bank(name_or_path: str | os.PathLike[str]) -> list[BankError]:
    """Every problem in a bank, in line order; an empty list means the bank is valid."""
    return check_bank(name_or_path)[1]


def load_bank(name_or_path: str | os.PathLike[str]) -> Bank:
    """The validated bank for a name like '01-blood-supply' or a path; raises BankErrors."""
    bank, errors = _check(find_bank(name_or_path))
    if errors:
        raise BankErrors(errors)
    assert bank is not None
    return bank
