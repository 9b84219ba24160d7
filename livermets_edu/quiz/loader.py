"""Find, read and check quiz banks, reporting every problem as ``file:line: field: message``.

YAML is parsed with PyYAML's ``SafeLoader`` (no Python objects, no code) into a node tree
that keeps line numbers. Each pydantic error is then mapped back to the line of the
offending node by walking that tree along the error's location, so an author sees
``quizzes/01-blood-supply.yaml:42: questions[3].answer: 'e' is not one of the options a, b``
rather than a stack trace.

A walk over the node tree (a loop, never recursion) finds what the schema cannot see:
duplicate keys, keys that YAML reads as numbers or booleans, and control characters, which
would otherwise reach a terminal or a page raw. Files nested deeper than ``MAX_NESTING`` are
refused from the event stream before a node tree is built.
"""

from __future__ import annotations

import bisect
import difflib
import os
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

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
)

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

BANK_SUFFIXES = (".yaml", ".yml")
# The lists of mappings inside a question, and the model of each entry.
_LIST_ENTRY_MODELS: dict[str, type] = {
    "options": Option,
    "prompts": Item,
    "choices": Item,
    "items": Item,
}
_NOUNS = {
    "options": "option",
    "questions": "question",
    "prompts": "prompt",
    "choices": "choice",
    "items": "item",
    "parts": "part",
    "ask": "region",
}
MAX_BANK_BYTES = 2_000_000  # a bank is text for people; anything bigger is a mistake
# A bank nests five levels (bank, questions, question, options, option). Refusing deep files
# up front keeps every later step, including libyaml's recursive composer, out of trouble.
MAX_NESTING = 20

Location = tuple[str | int, ...]

# Control characters (Unicode category Cc: C0, DEL and C1) other than tab and line feed.
# They would reach a terminal or a page raw, so bank text may not contain them.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# In the file itself a carriage return is part of a line break, so it is allowed there.
_RAW_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """Text with any control character written as an escape, e.g. '\\x1b', for a terminal."""
    return CONTROL_CHARACTER.sub(lambda match: repr(match.group(0))[1:-1], text)


class BankError(Exception):
    """A problem in a bank file, located by file, line and field."""

    def __init__(
        self,
        file: str,
        line: int | None,
        field: str,
        message: str,
        column: int | None = None,
    ) -> None:
        super().__init__(file, line, field, message)
        self.file = file
        self.line = line
        self.field = field
        self.message = message
        self.column = column

    def __str__(self) -> str:
        where = _printable(self.file)
        if self.line is not None:
            where += f":{self.line}"
            if self.column is not None:
                where += f":{self.column}"
        field = f" {_printable(self.field)}:" if self.field else ""
        return f"{where}:{field} {_printable(self.message)}"


class BankErrors(BankError):
    """Every problem found in one bank file; ``errors`` lists them in line order."""

    def __init__(self, errors: Sequence[BankError]) -> None:
        if not errors:
            raise ValueError("BankErrors needs at least one error")
        first = errors[0]
        super().__init__(first.file, first.line, first.field, first.message, first.column)
        self.errors = list(errors)

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)

    def __len__(self) -> int:
        return len(self.errors)


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


# --- Reading and checking ---------------------------------------------------------------------
def _display_name(path: Path) -> str:
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def _format_field(loc: Location) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass
class _Parsed:
    text: str
    root: yaml.Node | None
    data: Any


def _read_text(path: Path, shown: str) -> str:
    try:
        size = path.stat().st_size
        if size > MAX_BANK_BYTES:
            raise BankError(shown, None, "", f"file is {size} bytes; a bank must be under 2 MB")
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise BankError(shown, None, "", f"cannot read the file: {reason}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BankError(shown, line, "", "the file is not UTF-8 text") from None


def _compose(text: str, loader_class: type[yaml.SafeLoader]) -> _Parsed:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return _Parsed(text, root, data)


# libyaml is about ten times faster; the pure-Python loader words errors the same everywhere.
_FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def _parse_yaml(text: str, shown: str) -> _Parsed:
    _refuse_deep_nesting(text, shown)
    if _FAST_LOADER is not None:
        try:
            return _compose(text, _FAST_LOADER)
        except yaml.YAMLError:
            pass  # parse again below, to report the error in PyYAML's words
    try:
        return _compose(text, yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or "could not be read"
        if error.context and error.context_mark and error.context_mark is not mark:
            problem += f" ({error.context} at line {error.context_mark.line + 1})"
        elif error.context:
            problem += f" ({error.context})"
        if "expected <block end>" in problem:
            problem += "; look for an unclosed quote or a wrong indent just above"
        raise BankError(
            shown,
            mark.line + 1 if mark else None,
            _path_at_yaml_error(text, mark.line if mark else None),
            f"invalid YAML: {problem}",
            column=mark.column + 1 if mark else None,
        ) from None
    except yaml.YAMLError as error:  # anything else the reader refuses
        raise BankError(shown, None, "", f"invalid YAML: {' '.join(str(error).split())}") from None


class _Frame:
    def __init__(self, is_mapping: bool) -> None:
        self.is_mapping = is_mapping
        self.key: str | None = None
        self.expecting_key = True
        self.index = -1


class _PathTracker:
    """Follows a YAML event stream and says which field is being read, e.g. 'questions[2].stem'."""

    def __init__(self) -> None:
        self.stack: list[_Frame] = []

    @property
    def depth(self) -> int:
        """How many mappings and lists are open."""
        return len(self.stack)

    def _value_done(self) -> None:
        if self.stack and self.stack[-1].is_mapping:
            self.stack[-1].expecting_key = True

    def feed(self, event: yaml.Event) -> None:
        """Take the next event into account."""
        stack = self.stack
        if isinstance(event, yaml.NodeEvent) and not isinstance(
            event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)
        ):
            top = stack[-1] if stack else None
            if top is not None and top.is_mapping and top.expecting_key:
                top.key = event.value if isinstance(event, yaml.ScalarEvent) else "?"
                top.expecting_key = False
                if isinstance(event, yaml.CollectionStartEvent):
                    stack.append(_Frame(isinstance(event, yaml.MappingStartEvent)))
                return
            if top is not None and not top.is_mapping:
                top.index += 1
            if isinstance(event, yaml.CollectionStartEvent):
                stack.append(_Frame(isinstance(event, yaml.MappingStartEvent)))
            else:
                self._value_done()
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            if stack:
                stack.pop()
            self._value_done()

    def location(self) -> list[str | int]:
        """The location of the node being read."""
        loc: list[str | int] = []
        for frame in self.stack:
            if frame.is_mapping and not frame.expecting_key and frame.key is not None:
                loc.append(frame.key)
            elif not frame.is_mapping and frame.index >= 0:
                loc.append(frame.index)
        return loc


_KEY_AT_LINE_START = re.compile(r"^\s*([A-Za-z_][\w-]*)\s*:")


def _path_at_yaml_error(text: str, error_line: int | None) -> str:
    """The field being read when the YAML parser gave up, e.g. 'questions[2].stem'."""
    tracker = _PathTracker()
    try:
        for event in yaml.parse(text, Loader=yaml.SafeLoader):
            tracker.feed(event)
    except yaml.YAMLError:
        pass
    loc = tracker.location()
    # The scanner fails before it hands over the key on the failing line ("stem: a: b"),
    # so name that key when the line starts with one inside the mapping being read.
    lines = text.splitlines()
    stack = tracker.stack
    if stack and stack[-1].is_mapping and stack[-1].expecting_key and error_line is not None:
        match = _KEY_AT_LINE_START.match(lines[error_line]) if error_line < len(lines) else None
        if match:
            loc.append(match.group(1))
    return _format_field(tuple(loc))


def _refuse_deep_nesting(text: str, shown: str) -> None:
    """Raise a BankError at the first list or mapping nested deeper than MAX_NESTING."""
    # The event stream is read with an explicit stack (in libyaml and in PyYAML alike), so
    # this is safe at any depth; composing a node tree is not.
    tracker = _PathTracker()
    try:
        for event in yaml.parse(text, Loader=_FAST_LOADER or yaml.SafeLoader):
            tracker.feed(event)
            if tracker.depth > MAX_NESTING:
                loc = tuple(tracker.location())
                field = _format_field(loc[:4]) + ("…" if len(loc) > 4 else "")
                raise BankError(
                    shown,
                    event.start_mark.line + 1,
                    field,
                    f"nested too deeply: more than {MAX_NESTING} levels of lists and mappings "
                    "(a bank needs five); look for unclosed brackets",
                    column=event.start_mark.column + 1,
                )
    except yaml.YAMLError:
        pass  # reported, with its line, when the file is parsed for real


def _key_text(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _walk(root: yaml.Node, loc: Location) -> tuple[yaml.Node, int]:
    """The deepest node along ``loc`` and the (1-based) line that best points at it."""
    node, line = root, root.start_mark.line
    for part in loc:
        if isinstance(node, yaml.MappingNode) and isinstance(part, str):
            # The last duplicate wins when constructing, so search from the end.
            for key, value in reversed(node.value):
                if _key_text(key) == part:
                    node, line = value, key.start_mark.line
                    break
            else:
                break
        elif isinstance(node, yaml.SequenceNode) and isinstance(part, int):
            if not 0 <= part < len(node.value):
                break
            node = node.value[part]
            line = node.start_mark.line
        else:
            break
    return node, line + 1


def _line_of_needle(text: str, node: yaml.Node, needle: str, default: int) -> int:
    lines = text.splitlines()
    for number in range(node.start_mark.line, min(node.end_mark.line + 1, len(lines))):
        if needle in lines[number]:
            return number + 1
    return default


def _nodes(root: yaml.Node) -> Iterator[tuple[yaml.Node, Location]]:
    """Every node once, in document order, with its location; keys come as (key, loc of value)."""
    # An explicit stack rather than recursion: depth is capped, but aliases can still chain.
    seen: set[int] = set()
    stack: list[tuple[yaml.Node, Location]] = [(root, ())]
    while stack:
        node, loc = stack.pop()
        if id(node) in seen:  # aliases share nodes; visit each once
            continue
        seen.add(id(node))
        yield node, loc
        children: list[tuple[yaml.Node, Location]] = []
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                name = _key_text(key)
                child_loc = (*loc, name if name is not None else "?")
                children += [(key, child_loc), (value, child_loc)]
        elif isinstance(node, yaml.SequenceNode):
            children = [(item, (*loc, index)) for index, item in enumerate(node.value)]
        stack.extend(reversed(children))


_STR_TAG = "tag:yaml.org,2002:str"
_MERGE_TAG = "tag:yaml.org,2002:merge"
_KEY_KINDS = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "empty (null)",
    "tag:yaml.org,2002:timestamp": "a date",
}


def _key_errors(node: yaml.MappingNode, loc: Location, shown: str) -> list[BankError]:
    """Duplicate keys, and keys that YAML does not read as text (1:, yes:, 2024-01-01:)."""
    errors: list[BankError] = []
    first_line: dict[str, int] = {}
    for key, _ in node.value:
        line = key.start_mark.line + 1
        if not isinstance(key, yaml.ScalarNode):
            errors.append(
                BankError(shown, line, _format_field(loc), "a key must be a word, not a list")
            )
        elif key.tag not in (_STR_TAG, _MERGE_TAG):
            kind = _KEY_KINDS.get(key.tag, f"a value tagged {key.tag}")
            errors.append(
                BankError(
                    shown,
                    line,
                    _format_field(loc),
                    f"the key {key.value or '(empty)'} is read by YAML as {kind}, not as a "
                    "field name; field names are words such as stem or answer",
                )
            )
        elif key.value in first_line:
            errors.append(
                BankError(
                    shown,
                    line,
                    _format_field((*loc, key.value)),
                    f"duplicate key {key.value!r} (first given at line {first_line[key.value]})",
                )
            )
        else:
            first_line[key.value] = line
    return errors


def _control_character_error(
    node: yaml.ScalarNode, loc: Location, shown: str, text: str, raw: list[int]
) -> BankError | None:
    """An error if a scalar holds a control character, written raw or as an escape like \\e."""
    start, end = node.start_mark.index, node.end_mark.index
    first_raw = bisect.bisect_left(raw, start)
    if first_raw < len(raw) and raw[first_raw] < end:
        position = raw[first_raw]
        character, line = text[position], text.count("\n", 0, position) + 1
    else:
        match = CONTROL_CHARACTER.search(node.value)
        if match is None:
            return None
        character, line = match.group(0), node.start_mark.line + 1
    return BankError(
        shown,
        line,
        _format_field(loc),
        f"contains the control character U+{ord(character):04X}; bank text may hold only "
        "printable characters, line breaks and tabs",
    )


def _tree_errors(parsed: _Parsed, shown: str, text: str, raw: list[int]) -> list[BankError]:
    """Problems the schema cannot see: duplicate and non-text keys, control characters."""
    assert parsed.root is not None
    errors: list[BankError] = []
    found_raw: set[int] = set()
    for node, loc in _nodes(parsed.root):
        if isinstance(node, yaml.MappingNode):
            errors += _key_errors(node, loc, shown)
        elif isinstance(node, yaml.ScalarNode):
            error = _control_character_error(node, loc, shown, text, raw)
            if error is not None:
                errors.append(error)
                found_raw.update(p for p in raw if node.start_mark.index <= p < node.end_mark.index)
    return errors + _raw_control_errors(text, [p for p in raw if p not in found_raw], shown)


def _raw_control_errors(text: str, raw: list[int], shown: str) -> list[BankError]:
    """Errors for control characters outside any value (in a comment, say), one per line."""
    errors: dict[int, BankError] = {}
    for position in raw:
        line = text.count("\n", 0, position) + 1
        if line not in errors:
            column = position - (text.rfind("\n", 0, position) + 1) + 1
            code = ord(text[position])
            errors[line] = BankError(
                shown,
                line,
                "",
                f"contains the control character U+{code:04X}; bank files may hold only "
                "printable characters, line breaks and tabs",
                column=column,
            )
    return list(errors.values())


def _duplicate_question_ids(parsed: _Parsed, shown: str) -> list[BankError]:
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
            _, line = _walk(parsed.root, loc)
            _, first_line = _walk(parsed.root, ("questions", first_index[question_id], "id"))
            errors.append(
                BankError(
                    shown,
                    line,
                    _format_field(loc),
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


def _yaml_kind(value: Any) -> str:
    if value is None:
        return "empty (nothing after the colon)"
    if isinstance(value, bool):
        return f"{str(value).lower()} (true/false)"
    if isinstance(value, (int, float)):
        return f"the number {value!r}"
    if isinstance(value, str):
        return f"the text {value!r}"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a mapping"
    return f"a {type(value).__name__}"


def _number_hint(given: Any) -> str:
    """For text that reads as a number ('1e-2': YAML 1.1 wants '1.0e-2'), how to write it."""
    if not isinstance(given, str):
        return ""
    try:
        number = Decimal(given.strip())
    except InvalidOperation:
        return ""
    if not number.is_finite():
        return ""
    written = format(number, "f")
    if "." in written:
        written = written.rstrip("0").rstrip(".")
    return f"; YAML reads {given.strip()} as text: write {written}"


def _meant_field(loc: Location, data: Any) -> str | None:
    """For an unknown field such as 'choice', the allowed field it is close to ('choices')."""
    model = _model_at(loc[:-1], data)
    allowed = list(model.model_fields) if model is not None else []
    close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
    return close[0] if close else None


def _describe(error: dict[str, Any], loc: Location, data: Any) -> str:
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    allowed_types = ", ".join(QUESTION_TYPES)
    if kind == "missing":
        return "required field is missing"
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
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"{given!r} is not allowed; use one of {expected}"
    if kind == "string_type":
        return f"should be text, not {_yaml_kind(given)}"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing"):
        return f"should be a number, not {_yaml_kind(given)}{_number_hint(given)}"
    if kind == "finite_number":
        return "should be a finite number"
    if kind in ("bool_type", "bool_parsing"):
        return f"should be true or false, not {_yaml_kind(given)}"
    if kind == "list_type":
        return f"should be a list, not {_yaml_kind(given)}"
    if kind == "dict_type" and loc and loc[-1] == "answer":
        return f"should be a mapping of prompt ids to choice ids, not {_yaml_kind(given)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"should be a mapping of fields, not {_yaml_kind(given)}"
    if kind == "too_short":
        count = ctx.get("min_length")
        noun = _NOUNS.get(str(loc[-1]), "item")
        return f"needs at least {count} {noun}{'' if count == 1 else 's'}"
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not a valid id: use letters, digits, '-', '_' or '.'"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {given!r}"
    message = str(ctx.get("message") or error["msg"])
    return message.removeprefix("Value error, ")


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
    parsed: _Parsed, shown: str, skip_duplicate_ids: bool
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
            node, line = _walk(parsed.root, loc)
            needle = (error.get("ctx") or {}).get("needle")
            if needle:
                line = _line_of_needle(parsed.text, node, needle, line)
            message = _describe(error, loc, parsed.data)
            errors.append(BankError(shown, line, _format_field(loc), message))
        return None, errors


def _check_name(parsed: _Parsed, path: Path, shown: str) -> list[BankError]:
    name = parsed.data.get("bank") if isinstance(parsed.data, dict) else None
    if not isinstance(name, str) or name == path.stem or parsed.root is None:
        return []
    _, line = _walk(parsed.root, ("bank",))
    return [
        BankError(
            shown, line, "bank", f"{name!r} must equal the file name without .yaml: {path.stem!r}"
        )
    ]


def _check(path: Path) -> tuple[Bank | None, list[BankError]]:
    shown = _display_name(path)
    try:
        text = _read_text(path, shown)
    except BankError as error:
        return None, [error]
    # Control characters in the file itself would stop the YAML reader with no line to show;
    # masking them lets the file be read, so each is reported at its line and field.
    raw = [match.start() for match in _RAW_CONTROL_CHARACTER.finditer(text)]
    masked = _RAW_CONTROL_CHARACTER.sub("\ufffd", text) if raw else text
    try:
        parsed = _parse_yaml(masked, shown)
    except BankError as error:
        return None, [error, *_raw_control_errors(text, raw, shown)]
    except RecursionError:  # a safety net: nesting is refused before anything recurses
        return None, [BankError(shown, None, "", "nested too deeply to read")]
    if parsed.root is None:
        empty = "the file is empty; a bank needs bank, title, lesson and questions"
        return None, [BankError(shown, 1, "", empty), *_raw_control_errors(text, raw, shown)]
    errors = _tree_errors(parsed, shown, text, raw)
    duplicate_ids = _duplicate_question_ids(parsed, shown)
    errors += duplicate_ids
    bank, schema_errors = _schema_errors(parsed, shown, skip_duplicate_ids=bool(duplicate_ids))
    errors += schema_errors + _check_name(parsed, path, shown)
    unique = {(e.line, e.field, e.message): e for e in errors}
    errors = sorted(unique.values(), key=lambda e: (e.line is None, e.line or 0, e.field))
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
