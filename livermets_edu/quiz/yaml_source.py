"""Reading YAML files people write (banks, quiz definitions) with every problem located.

A file is read as UTF-8 text of at most 2 MB and parsed with PyYAML's ``SafeLoader`` (no
Python objects, no code) into a node tree that keeps line numbers, so any later error can be
mapped back to its line by walking that tree along the error's location (:func:`walk`) and
reported as ``file:line: field: message`` (:class:`BankError`).

A walk over the node tree (a loop, never recursion) finds what a schema cannot see: duplicate
keys, keys that YAML reads as numbers or booleans, control characters, which would
otherwise reach a terminal or a page raw, and code points that are not characters at all
(written as YAML escapes such as ``"\\uFFFF"``), which no XML export could hold. Files
nested deeper than ``MAX_NESTING`` are refused from the event stream before a node tree is
built.

Messages name the kind of document (:class:`DocumentKind`): "a bank must be under 2 MB".
"""

from __future__ import annotations

import bisect
import os
import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

__all__ = [
    "BANK",
    "CONTROL_CHARACTER",
    "NOT_A_CHARACTER",
    "QUIZ_DEFINITION",
    "BankError",
    "BankErrors",
    "DocumentKind",
    "Location",
    "Parsed",
    "describe_error",
    "format_field",
    "in_line_order",
    "parse_yaml",
    "read_document",
    "walk",
]


@dataclass(frozen=True)
class DocumentKind:
    """What a file holds, for messages: its noun, how deep it nests, the fields it needs."""

    noun: str  # "bank"
    levels: str  # how many levels of lists and mappings it needs, in words: "five"
    needs: str  # its required fields, e.g. "bank, title, lesson and questions"


# A bank nests five levels (bank, questions, question, options, option); a quiz definition
# three (quiz, items, item).
BANK = DocumentKind("bank", "five", "bank, title, lesson and questions")
QUIZ_DEFINITION = DocumentKind("quiz definition", "three", "quiz, title, seed and items")

MAX_FILE_BYTES = 2_000_000  # these files are text for people; anything bigger is a mistake
# Refusing deep files up front keeps every later step, including libyaml's recursive composer,
# out of trouble; no document needs more than five levels.
MAX_NESTING = 20

Location = tuple[str | int, ...]

# Control characters (Unicode category Cc: C0, DEL and C1) other than tab and line feed.
# They would reach a terminal or a page raw, so the text of a file may not contain them.
CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Code points that are not characters, which XML 1.0 cannot hold even escaped: the surrogates
# (a lone one is half of a UTF-16 pair, not text) and the noncharacters U+FFFE and U+FFFF. A
# UTF-8 file cannot hold them raw, but YAML escapes such as "\uFFFF" or "\uD800" produce them.
NOT_A_CHARACTER = re.compile("[\ud800-\udfff\ufffe\uffff]")
# In the file itself a carriage return is part of a line break, so it is allowed there.
RAW_CONTROL_CHARACTER = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def _printable(text: str) -> str:
    """Text with any control character written as an escape, e.g. '\\x1b', for a terminal."""
    return CONTROL_CHARACTER.sub(lambda match: repr(match.group(0))[1:-1], text)


class BankError(Exception):
    """A problem in a bank (or quiz definition) file, located by file, line and field."""

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


# --- Reading and checking ---------------------------------------------------------------------
def display_name(path: Path) -> str:
    """The path as it is best shown: relative to the working folder when inside it."""
    try:
        relative = os.path.relpath(path)
    except ValueError:  # another drive on Windows
        return str(path)
    return str(path) if relative.startswith("..") else relative


def format_field(loc: Location) -> str:
    """A location as an author writes it, e.g. 'questions[2].stem'."""
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


@dataclass
class Parsed:
    """A parsed file: its (masked) text, its node tree with lines, and the data it holds."""

    text: str
    root: yaml.Node | None
    data: Any


def read_text(path: Path, shown: str, kind: DocumentKind) -> str:
    """The file's text; a BankError if it is missing, over 2 MB or not UTF-8."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise BankError(
                shown, None, "", f"file is {size} bytes; a {kind.noun} must be under 2 MB"
            )
        raw = path.read_bytes()
    except OSError as error:
        reason = error.strerror or str(error)
        raise BankError(shown, None, "", f"cannot read the file: {reason}") from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        raise BankError(shown, line, "", "the file is not UTF-8 text") from None


def _compose(text: str, loader_class: type[yaml.SafeLoader]) -> Parsed:
    loader = loader_class(text)
    try:
        root = loader.get_single_node()
        data = loader.construct_document(root) if root is not None else None
    finally:
        loader.dispose()
    return Parsed(text, root, data)


# libyaml is about ten times faster; the pure-Python loader words errors the same everywhere.
FAST_LOADER: type[yaml.SafeLoader] | None = getattr(yaml, "CSafeLoader", None)


def parse_yaml(
    text: str,
    shown: str,
    kind: DocumentKind,
    fast_loader: type[yaml.SafeLoader] | None = FAST_LOADER,
) -> Parsed:
    """The parsed text; a BankError at the line (and field) where YAML cannot read it."""
    _refuse_deep_nesting(text, shown, kind, fast_loader)
    if fast_loader is not None:
        try:
            return _compose(text, fast_loader)
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
    return format_field(tuple(loc))


def _refuse_deep_nesting(
    text: str, shown: str, kind: DocumentKind, fast_loader: type[yaml.SafeLoader] | None
) -> None:
    """Raise a BankError at the first list or mapping nested deeper than MAX_NESTING."""
    # The event stream is read with an explicit stack (in libyaml and in PyYAML alike), so
    # this is safe at any depth; composing a node tree is not.
    tracker = _PathTracker()
    try:
        for event in yaml.parse(text, Loader=fast_loader or yaml.SafeLoader):
            tracker.feed(event)
            if tracker.depth > MAX_NESTING:
                loc = tuple(tracker.location())
                field = format_field(loc[:4]) + ("…" if len(loc) > 4 else "")
                raise BankError(
                    shown,
                    event.start_mark.line + 1,
                    field,
                    f"nested too deeply: more than {MAX_NESTING} levels of lists and mappings "
                    f"(a {kind.noun} needs {kind.levels}); look for unclosed brackets",
                    column=event.start_mark.column + 1,
                )
    except yaml.YAMLError:
        pass  # reported, with its line, when the file is parsed for real


def _key_text(node: yaml.Node) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def walk(root: yaml.Node, loc: Location) -> tuple[yaml.Node, int]:
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


def line_of_needle(text: str, node: yaml.Node, needle: str, default: int) -> int:
    """The first line of ``node`` that contains ``needle``, else ``default``."""
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
                BankError(shown, line, format_field(loc), "a key must be a word, not a list")
            )
        elif key.tag not in (_STR_TAG, _MERGE_TAG):
            kind = _KEY_KINDS.get(key.tag, f"a value tagged {key.tag}")
            errors.append(
                BankError(
                    shown,
                    line,
                    format_field(loc),
                    f"the key {key.value or '(empty)'} is read by YAML as {kind}, not as a "
                    "field name; field names are words such as stem or answer",
                )
            )
        elif key.value in first_line:
            errors.append(
                BankError(
                    shown,
                    line,
                    format_field((*loc, key.value)),
                    f"duplicate key {key.value!r} (first given at line {first_line[key.value]})",
                )
            )
        else:
            first_line[key.value] = line
    return errors


def _control_character_error(
    node: yaml.ScalarNode, loc: Location, shown: str, text: str, raw: list[int], noun: str
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
            return _not_a_character_error(node, loc, shown, noun)
        character, line = match.group(0), node.start_mark.line + 1
    return BankError(
        shown,
        line,
        format_field(loc),
        f"contains the control character U+{ord(character):04X}; {noun} text may hold only "
        "printable characters, line breaks and tabs",
    )


def _not_a_character_error(
    node: yaml.ScalarNode, loc: Location, shown: str, noun: str
) -> BankError | None:
    """An error if a scalar holds a surrogate or U+FFFE/U+FFFF (from an escape like \\uFFFF)."""
    match = NOT_A_CHARACTER.search(node.value)
    if match is None:
        return None
    return BankError(
        shown,
        node.start_mark.line + 1,
        format_field(loc),
        f"contains U+{ord(match.group(0)):04X}, which is not a character (a noncharacter or "
        f"half of a surrogate pair) and cannot be exported; {noun} text may hold only "
        "printable characters, line breaks and tabs",
    )


def tree_errors(
    parsed: Parsed, shown: str, text: str, raw: list[int], kind: DocumentKind
) -> list[BankError]:
    """Problems the schema cannot see: duplicate and non-text keys, control characters and
    code points that are not characters."""
    assert parsed.root is not None
    errors: list[BankError] = []
    found_raw: set[int] = set()
    for node, loc in _nodes(parsed.root):
        if isinstance(node, yaml.MappingNode):
            errors += _key_errors(node, loc, shown)
        elif isinstance(node, yaml.ScalarNode):
            error = _control_character_error(node, loc, shown, text, raw, kind.noun)
            if error is not None:
                errors.append(error)
                found_raw.update(p for p in raw if node.start_mark.index <= p < node.end_mark.index)
    outside = [p for p in raw if p not in found_raw]
    return errors + raw_control_errors(text, outside, shown, kind)


def raw_control_errors(
    text: str, raw: list[int], shown: str, kind: DocumentKind
) -> list[BankError]:
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
                f"contains the control character U+{code:04X}; {kind.noun} files may hold only "
                "printable characters, line breaks and tabs",
                column=column,
            )
    return list(errors.values())


def yaml_kind(value: Any) -> str:
    """What YAML read a value as, in an author's words: 'the number 3', 'a list'."""
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


def describe_error(
    error: dict[str, Any], loc: Location, nouns: dict[str, str] | None = None
) -> str:
    """A pydantic error about YAML data in an author's words ('should be a number, not …')."""
    kind, ctx, given = error["type"], error.get("ctx") or {}, error.get("input")
    if kind == "missing":
        return "required field is missing"
    if kind == "literal_error":
        expected = str(ctx.get("expected", "")).replace("'", "")
        return f"{given!r} is not allowed; use one of {expected}"
    if kind == "string_type":
        return f"should be text, not {yaml_kind(given)}"
    if kind in ("float_type", "float_parsing", "int_type", "int_parsing"):
        return f"should be a number, not {yaml_kind(given)}{_number_hint(given)}"
    if kind == "finite_number":
        return "should be a finite number"
    if kind in ("bool_type", "bool_parsing"):
        return f"should be true or false, not {yaml_kind(given)}"
    if kind == "list_type":
        return f"should be a list, not {yaml_kind(given)}"
    if kind in ("model_type", "model_attributes_type", "dict_type"):
        return f"should be a mapping of fields, not {yaml_kind(given)}"
    if kind == "too_short":
        count = ctx.get("min_length")
        noun = (nouns or {}).get(str(loc[-1]), "item")
        return f"needs at least {count} {noun}{'' if count == 1 else 's'}"
    if kind == "string_pattern_mismatch":
        return f"{given!r} is not a valid id: use letters, digits, '-', '_' or '.'"
    if kind == "string_too_long":
        return f"is too long (at most {ctx.get('max_length')} characters)"
    if kind == "greater_than_equal":
        return f"must be at least {ctx.get('ge')}, not {given!r}"
    message = str(ctx.get("message") or error["msg"])
    return message.removeprefix("Value error, ")


def in_line_order(errors: Sequence[BankError]) -> list[BankError]:
    """The errors without repeats, in line order (errors with no line last)."""
    unique = {(e.line, e.field, e.message): e for e in errors}
    return sorted(unique.values(), key=lambda e: (e.line is None, e.line or 0, e.field))


def read_document(
    path: Path,
    kind: DocumentKind,
    parse: Callable[[str, str], Parsed] | None = None,
) -> tuple[str, Parsed | None, list[BankError]]:
    """The file's shown name, its parsed content (None if unreadable) and the problems so far.

    ``parse(text, shown)`` replaces :func:`parse_yaml` (the bank loader's test seam).
    """
    shown = display_name(path)
    try:
        text = read_text(path, shown, kind)
    except BankError as error:
        return shown, None, [error]
    # Control characters in the file itself would stop the YAML reader with no line to show;
    # masking them lets the file be read, so each is reported at its line and field.
    raw = [match.start() for match in RAW_CONTROL_CHARACTER.finditer(text)]
    masked = RAW_CONTROL_CHARACTER.sub("\ufffd", text) if raw else text
    try:
        parsed = parse(masked, shown) if parse is not None else parse_yaml(masked, shown, kind)
    except BankError as error:
        return shown, None, [error, *raw_control_errors(text, raw, shown, kind)]
    except RecursionError:  # a safety net: nesting is refused before anything recurses
        return shown, None, [BankError(shown, None, "", "nested too deeply to read")]
    if parsed.root is None:
        empty = f"the file is empty; a {kind.noun} needs {kind.needs}"
        return (
            shown,
            None,
            [BankError(shown, 1, "", empty), *raw_control_errors(text, raw, shown, kind)],
        )
    return shown, parsed, tree_errors(parsed, shown, text, raw, kind)
