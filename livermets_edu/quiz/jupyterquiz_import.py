"""Bring a jupyterquiz quiz (JSON) into our bank format, reporting every problem at once.

jupyterquiz (jmshea/jupyterquiz, MIT) keeps questions as a JSON list of
``{question, type, answers}``. The mapping:

- ``multiple_choice`` with one correct answer becomes ``single``, or ``true_false`` when the
  answers are exactly "True" and "False"; with several correct answers it becomes ``multiple``,
  because jupyterquiz grades by the number of correct answers, not by the type name.
  ``many_choice`` becomes ``multiple``. Option ids are a, b, c… in file order; an answer's
  ``feedback`` becomes the option's feedback; an answer's ``code`` is shown as code.
- ``numeric`` needs exactly one correct answer. A ``range`` [A, B) (A included, B not)
  becomes ``value`` = its midpoint and ``abs_tol`` = half its width, taking B as the float
  just below it (``math.nextafter``), so the same floats are accepted. A ``value`` is matched
  exactly, unless ``precision`` is given: jupyterquiz then rounds both the learner's number
  and the value to that many significant digits (``toPrecision``) and compares, so the value
  becomes the rounded value and ``abs_tol`` half a unit in its last significant digit,
  0.5 × 10^(e − p + 1) for a value of magnitude 10^e (3.14 to 3 digits: ± 0.005). At an exact
  power of ten jupyterquiz's band is narrower below the value than above; we accept the wider,
  symmetric band. Feedback for wrong ranges or values and the default feedback go into the
  explanation, since our numeric questions have no per-answer feedback.
- ``string`` becomes ``short_answer``, answers in the same order (the first that matches
  decides, in both). Each answer's text is literal, not HTML (jupyterquiz compares the typed
  text with it character by character), so it is written as Markdown that reads back as
  exactly that text; ``correct``, ``match_case`` and ``feedback`` carry over, and
  ``fuzzy_threshold`` becomes ``fuzzy``: both mean 1 − edit distance ÷ the longer text's
  length, and a threshold of 0 (or none) means the exact text, as in jupyterquiz. A
  ``default`` answer's feedback goes into the explanation. At least one answer must be
  correct.
- Any field we would otherwise drop silently is reported.
- The question's ``code`` is appended to the stem as a fenced code block.
- jupyterquiz shows its texts as HTML (``innerHTML``), and our banks hold Markdown, so each
  question, answer and feedback text goes through :func:`html_to_markdown`: tags are kept (our
  renderer passes them through the sanitiser), whitespace is collapsed as a browser does, and
  every character Markdown would read as markup is backslash-escaped, so ``2*3*4`` stays
  ``2*3*4`` (not emphasis) and MathJax's ``\\(x_1\\)`` keeps its backslashes for MathJax.

jupyterquiz has no ids and no sources: ids are ``{bank_id}-001``, ``-002``…, and the source is
required from the caller. Problems read ``quiz.json: question 3: answers[1].correct: missing``:
questions are numbered from 1 as a reader counts them, answers by their index in the file
(from 0). The file is read with the json module only; base64-encoded JSON, as jupyterquiz
accepts in a hidden notebook element, is decoded too.
"""

from __future__ import annotations

import base64
import binascii
import html
import json
import math
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from . import atomic
from .loader import CONTROL_CHARACTER
from .schema import Bank, parse_question
from .yaml_source import NOT_A_CHARACTER

__all__ = [
    "JupyterquizImportError",
    "html_to_markdown",
    "import_jupyterquiz",
    "literal_markdown",
    "write_bank_yaml",
]

MAX_FILE_BYTES = 2_000_000  # the loader's limit for a bank: anything larger is a mistake
QUESTION_KEYS = {"question", "type", "answers", "code", "answer_cols", "precision", "input_width"}
CHOICE_ANSWER_KEYS = {"answer", "code", "correct", "feedback"}
NUMERIC_ANSWER_KEYS = {"type", "value", "range", "correct", "feedback"}
STRING_ANSWER_KEYS = {"answer", "correct", "feedback", "match_case", "fuzzy_threshold"}
DEFAULT_ANSWER_KEYS = {"type", "feedback"}
MAX_BANK_ID = 60  # question ids are the bank id plus '-001', and ids may be 64 characters
_BANK_ID = re.compile(rf"[A-Za-z0-9][A-Za-z0-9_.-]{{0,{MAX_BANK_ID - 1}}}")
TYPES = ("multiple_choice", "many_choice", "numeric", "string")


class JupyterquizImportError(ValueError):
    """A jupyterquiz file that cannot become a bank; ``problems`` lists every reason."""

    def __init__(self, problems: Sequence[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


class _Problems:
    """Collects problems for one question, each prefixed with where it is."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.found: list[str] = []

    def add(self, field: str, message: str) -> None:
        self.found.append(
            f"{self.prefix}: {field}: {message}" if field else f"{self.prefix}: {message}"
        )


# --- reading ---
def _reject_constant(name: str) -> None:
    raise ValueError(f"{name} is not a number JSON allows")


def _no_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {key!r} appears twice in one object")
        result[key] = value
    return result


def _parse_json(text: str, shown: str) -> Any:
    stripped = text.strip()
    how = ""
    if stripped and stripped[0] not in "[{":
        try:
            stripped = base64.b64decode(stripped, validate=True).decode("utf-8")
            how = " (after base64 decoding)"
        except (binascii.Error, UnicodeDecodeError):
            raise JupyterquizImportError(
                [f"{shown}: not JSON, nor base64-encoded JSON: it should start with '['"]
            ) from None
    try:
        return json.loads(
            stripped, parse_constant=_reject_constant, object_pairs_hook=_no_duplicate_keys
        )
    except json.JSONDecodeError as error:
        where = f"{shown}:{error.lineno}:{error.colno}"
        raise JupyterquizImportError([f"{where}: not valid JSON{how}: {error.msg}"]) from None
    except ValueError as error:
        raise JupyterquizImportError([f"{shown}: {error}{how}"]) from None


def _read(path_or_data: Any) -> tuple[Any, str]:
    if isinstance(path_or_data, str | os.PathLike):
        path = Path(path_or_data)
        shown = path.name
        try:
            if path.stat().st_size > MAX_FILE_BYTES:
                raise JupyterquizImportError(
                    [f"{shown}: larger than {MAX_FILE_BYTES:,} bytes; is this a quiz?"]
                )
            text = path.read_bytes().decode("utf-8-sig")
        except FileNotFoundError:
            raise JupyterquizImportError([f"{path}: no such file"]) from None
        except IsADirectoryError:
            raise JupyterquizImportError([f"{path}: is a folder, not a JSON file"]) from None
        except UnicodeDecodeError as error:
            raise JupyterquizImportError(
                [f"{shown}: not UTF-8 text (byte {error.start})"]
            ) from None
        return _parse_json(text, shown), shown
    return path_or_data, "jupyterquiz data"


# --- text helpers ---
# A tag or a comment; what lies between is text. A '<' that opens no tag is text too.
_TAG = re.compile(r"(<!--.*?-->|</?[A-Za-z][^<>]*>)", re.DOTALL)
# Characters Markdown reads as markup anywhere in a line: escapes, code, emphasis, links and
# images, HTML and autolinks, strikethrough. A backslash before ASCII punctuation always gives
# the character itself, so escaping is safe wherever it is not needed.
_MARKDOWN_INLINE = re.compile(r"([\\`*_\[\]<>~])")
# What Markdown reads as markup only at the start of a line (headings, list items, rules,
# quotes): the text is written on one line, so only its start needs it.
_MARKDOWN_LINE_START = re.compile(r"^(\d{1,9})([.)])|^([#+\-=])")


def html_to_markdown(html_text: str) -> str:
    """jupyterquiz text (HTML) as Markdown that our renderer shows the same way."""
    pieces: list[str] = []
    in_pre = 0
    for index, piece in enumerate(_TAG.split(html_text)):
        if index % 2:  # a tag: kept, on one line
            name = piece[1:].lstrip("/").split(None, 1)[0].rstrip(">").lower()
            if name == "pre":
                in_pre = max(0, in_pre + (-1 if piece.startswith("</") else 1))
            pieces.append(" ".join(piece.split()))
            continue
        escaped = _MARKDOWN_INLINE.sub(r"\\\1", piece)
        if in_pre:  # line breaks kept as the entity, so Markdown sees one line
            pieces.append(escaped.replace("\r\n", "\n").replace("\n", "&#10;"))
        else:
            pieces.append(re.sub(r"\s+", " ", escaped))
    markdown = "".join(pieces).strip()
    markdown = _MARKDOWN_LINE_START.sub(lambda m: f"{m[1] or ''}\\{m[2] or m[3]}", markdown)
    # A line that opens with a block tag (<p>, <div>…) would make Markdown pass the whole text
    # through as an HTML block, escapes and all; behind an inline <span> it stays a paragraph.
    return f"<span>{markdown}</span>" if markdown.startswith("<") else markdown


def _fence(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}\n{code}\n{fence}"


def _inline_code(code: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", code)), default=0)
    ticks = "`" * (longest + 1)
    padded = f" {code} " if code.startswith("`") or code.endswith("`") else code
    return f"{ticks}{padded}{ticks}"


def _code_markdown(code: str) -> str:
    # jupyterquiz puts code into the page as HTML, so entities such as &lt; are what a
    # learner reads as '<'.
    code = html.unescape(code)
    return _inline_code(code) if "\n" not in code else _fence(code)


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("a") + remainder) + letters
    return letters


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _text(value: Any, field: str, problems: _Problems, *, required: bool) -> str | None:
    if value is None:
        if required:
            problems.add(field, "missing")
        return None
    if not isinstance(value, str):
        problems.add(field, f"must be text, not {type(value).__name__}")
        return None
    if required and not value.strip():
        problems.add(field, "must not be empty")
        return None
    match = CONTROL_CHARACTER.search(value)
    if match:
        problems.add(field, f"contains the control character {match.group(0)!r}")
        return None
    match = NOT_A_CHARACTER.search(value)
    if match:
        code = f"U+{ord(match.group(0)):04X}"
        problems.add(field, f"contains {code}, which is not a character and cannot be exported")
        return None
    return value


def _html_text(value: Any, field: str, problems: _Problems, *, required: bool) -> str | None:
    """A jupyterquiz text (HTML), checked as _text does, as Markdown for our bank."""
    text = _text(value, field, problems, required=required)
    return None if text is None else html_to_markdown(text)


def _unknown_keys(
    entry: Mapping[str, Any], allowed: set[str], field: str, problems: _Problems
) -> None:
    for key in entry:
        if key not in allowed:
            where = f"{field}.{key}" if field else str(key)
            problems.add(where, f"unknown field (known: {', '.join(sorted(allowed))})")


# --- choice questions ---
def _choice(raw: Mapping[str, Any], answers: list[Any], problems: _Problems) -> dict[str, Any]:
    options: list[dict[str, Any]] = []
    correct: list[str] = []
    for index, answer in enumerate(answers):
        field = f"answers[{index}]"
        if not isinstance(answer, dict):
            problems.add(field, "must be an object")
            continue
        _unknown_keys(answer, CHOICE_ANSWER_KEYS, field, problems)
        text = _html_text(answer.get("answer"), f"{field}.answer", problems, required=False)
        code = _text(answer.get("code"), f"{field}.code", problems, required=False)
        if "answer" not in answer and "code" not in answer:
            problems.add(field, "needs answer or code")
        feedback = _html_text(answer.get("feedback"), f"{field}.feedback", problems, required=False)
        if "correct" not in answer:
            problems.add(f"{field}.correct", "missing")
        elif not isinstance(answer["correct"], bool):
            problems.add(f"{field}.correct", "must be true or false")
        option_id = _letter(index)
        shown = "\n\n".join(part for part in (text, code and _code_markdown(code)) if part)
        option: dict[str, Any] = {"id": option_id, "text": shown}
        if feedback:
            option["feedback"] = feedback
        options.append(option)
        if answer.get("correct") is True:
            correct.append(option_id)
    if problems.found:
        return {}
    if not correct:
        problems.add("answers", "no answer is marked correct")
        return {}
    texts = [option["text"].strip().casefold() for option in options]
    if raw["type"] == "multiple_choice" and len(correct) == 1:
        if sorted(texts) == ["false", "true"]:
            chosen = options[[option["id"] for option in options].index(correct[0])]
            feedback = [
                f"- **{option['text'].strip()}**: {option['feedback']}"
                for option in options
                if option.get("feedback")
            ]
            result: dict[str, Any] = {
                "type": "true_false",
                "answer": chosen["text"].strip().casefold() == "true",
            }
            if feedback:
                result["explanation"] = "\n".join(feedback)
            return result
        return {"type": "single", "options": options, "answer": correct[0]}
    return {"type": "multiple", "options": options, "answer": correct}


# --- numeric questions ---
def _rounded_to(value: float, digits: int) -> tuple[float, float]:
    """The value to ``digits`` significant digits, and half a unit in its last digit."""
    if value == 0:
        return 0.0, 0.0
    rounded = float(f"{value:.{digits}g}")
    exponent = math.floor(math.log10(abs(rounded)))
    return rounded, float(f"{0.5 * 10.0 ** (exponent - digits + 1):.12g}")


def _describe(answer: Mapping[str, Any]) -> str:
    if "range" in answer:
        low, high = answer["range"]
        return f"An answer from {low:g} up to (not including) {high:g}"
    return f"An answer of {answer['value']:g}"


def _numeric_answer(answer: Mapping[str, Any], precision: int | None) -> dict[str, float]:
    if "range" in answer:
        low, high = (float(end) for end in answer["range"])
        highest = math.nextafter(high, -math.inf)  # [low, high) holds floats up to this one
        return {"value": (low + highest) / 2, "abs_tol": (highest - low) / 2}
    value = float(answer["value"])
    if precision is None:
        return {"value": value, "abs_tol": 0.0}
    rounded, half_step = _rounded_to(value, precision)
    return {"value": rounded, "abs_tol": half_step}


def _check_numeric_answer(answer: Any, field: str, problems: _Problems) -> str | None:
    """The answer's kind ('value', 'range', 'default') if it is well formed, else None."""
    if not isinstance(answer, dict):
        problems.add(field, "must be an object")
        return None
    before = len(problems.found)
    _unknown_keys(answer, NUMERIC_ANSWER_KEYS, field, problems)
    _text(answer.get("feedback"), f"{field}.feedback", problems, required=False)
    if answer.get("type") == "default":
        kind = "default"
    elif "range" in answer:
        kind = "range"
        ends = answer["range"]
        if not (isinstance(ends, list) and len(ends) == 2 and all(map(_is_number, ends))):
            problems.add(f"{field}.range", "must be two finite numbers [low, high]")
        elif not ends[0] < ends[1]:
            problems.add(f"{field}.range", f"low {ends[0]} must be below high {ends[1]}")
    elif "value" in answer:
        kind = "value"
        if not _is_number(answer["value"]):
            problems.add(f"{field}.value", "must be a finite number")
    else:
        problems.add(field, "needs value, range, or type: default")
        return None
    if kind != "default":
        if "correct" not in answer:
            problems.add(f"{field}.correct", "missing")
        elif not isinstance(answer["correct"], bool):
            problems.add(f"{field}.correct", "must be true or false")
    return kind if len(problems.found) == before else None


def _numeric(raw: Mapping[str, Any], answers: list[Any], problems: _Problems) -> dict[str, Any]:
    precision = raw.get("precision")
    if precision is not None and not (
        isinstance(precision, int) and not isinstance(precision, bool) and precision >= 1
    ):
        problems.add("precision", "must be a whole number of significant digits, 1 or more")
    kinds = [
        _check_numeric_answer(answer, f"answers[{index}]", problems)
        for index, answer in enumerate(answers)
    ]
    if problems.found:
        return {}
    correct = [
        index
        for index, (answer, kind) in enumerate(zip(answers, kinds, strict=True))
        if kind != "default" and answer["correct"]
    ]
    if len(correct) != 1:
        listed = ", ".join(f"answers[{index}]" for index in correct)
        problems.add(
            "answers",
            f"needs exactly one correct value or range; found {len(correct)}"
            + (f" ({listed})" if listed else "")
            + ". Our numeric questions accept one value or one interval",
        )
        return {}
    right = answers[correct[0]]
    notes = [html_to_markdown(right["feedback"])] if right.get("feedback") else []
    others = [
        f"- {_describe(answer)}: {html_to_markdown(answer['feedback'])}"
        for index, (answer, kind) in enumerate(zip(answers, kinds, strict=True))
        if kind in ("value", "range") and index != correct[0] and answer.get("feedback")
    ]
    others += [
        f"- Any other answer: {html_to_markdown(answer['feedback'])}"
        for answer, kind in zip(answers, kinds, strict=True)
        if kind == "default" and answer.get("feedback")
    ]
    if others:
        notes.append("\n".join(others))
    result: dict[str, Any] = {
        "type": "numeric",
        "answer": _numeric_answer(right, precision if "value" in right else None),
    }
    if notes:
        result["explanation"] = "\n\n".join(notes)
    return result


# --- string questions ---
def literal_markdown(text: str) -> str:
    """Markdown that shows exactly this text (spaces collapsed), whatever characters it holds."""
    # Escaped as HTML first, html_to_markdown sees no tags: it only escapes Markdown's markup.
    return html_to_markdown(html.escape(text, quote=False))


def _check_bool(answer: Mapping[str, Any], key: str, field: str, problems: _Problems) -> None:
    if key in answer and not isinstance(answer[key], bool):
        problems.add(f"{field}.{key}", "must be true or false")


def _string_answer(answer: Mapping[str, Any], field: str, problems: _Problems) -> dict[str, Any]:
    _unknown_keys(answer, STRING_ANSWER_KEYS, field, problems)
    text = _text(answer.get("answer"), f"{field}.answer", problems, required=True)
    feedback = _html_text(answer.get("feedback"), f"{field}.feedback", problems, required=False)
    if "correct" not in answer:
        problems.add(f"{field}.correct", "missing")
    _check_bool(answer, "correct", field, problems)
    _check_bool(answer, "match_case", field, problems)
    threshold = answer.get("fuzzy_threshold", 0)
    if not (_is_number(threshold) and 0 <= threshold <= 1):
        problems.add(f"{field}.fuzzy_threshold", "must be a number from 0 to 1")
        threshold = 0
    entry: dict[str, Any] = {"text": literal_markdown(text) if text else ""}
    if answer.get("correct") is False:
        entry["correct"] = False
    if answer.get("match_case") is True:
        entry["match_case"] = True
    # jupyterquiz skips the fuzzy comparison for a threshold of 0: only the exact text counts.
    if 0 < threshold < 1:
        entry["fuzzy"] = float(threshold)
    if feedback:
        entry["feedback"] = feedback
    return entry


def _string(answers: list[Any], problems: _Problems) -> dict[str, Any]:
    entries: list[dict[str, Any]] = []
    otherwise: list[str] = []
    for index, answer in enumerate(answers):
        field = f"answers[{index}]"
        if not isinstance(answer, dict):
            problems.add(field, "must be an object")
        elif "type" in answer:
            if answer["type"] != "default":
                problems.add(f"{field}.type", "only 'default' is known in a string question")
                continue
            _unknown_keys(answer, DEFAULT_ANSWER_KEYS, field, problems)
            feedback = _html_text(
                answer.get("feedback"), f"{field}.feedback", problems, required=False
            )
            if feedback:
                otherwise.append(feedback)
        else:
            entries.append(_string_answer(answer, field, problems))
    if problems.found:
        return {}
    if not any(entry.get("correct", True) for entry in entries):
        problems.add("answers", "no answer is marked correct")
        return {}
    result: dict[str, Any] = {"type": "short_answer", "answers": entries}
    if otherwise:
        result["explanation"] = "\n".join(f"Any other answer: {text}" for text in otherwise)
    return result


# --- one question ---
def _field_name(loc: tuple[str | int, ...]) -> str:
    renamed = {"stem": "question", "options": "answers", "text": "answer"}
    field = ""
    for part in loc:
        if isinstance(part, int):
            field += f"[{part}]"
        elif part in ("single", "multiple", "true_false", "numeric", "short_answer"):
            continue  # the union's tag, not a field
        else:
            field += ("." if field else "") + renamed.get(part, part)
    return field


def _convert(
    raw: Any, number: int, question_id: str, source: str, shown: str
) -> tuple[dict[str, Any], list[str]]:
    problems = _Problems(f"{shown}: question {number}")
    if not isinstance(raw, dict):
        problems.add("", "must be an object with question, type and answers")
        return {}, problems.found
    _unknown_keys(raw, QUESTION_KEYS, "", problems)
    stem = _html_text(raw.get("question"), "question", problems, required=True)
    code = _text(raw.get("code"), "code", problems, required=False)
    kind = raw.get("type")
    answers = raw.get("answers")
    if kind not in TYPES:
        problems.add("type", f"must be one of {', '.join(TYPES)}, not {kind!r}")
    if not isinstance(answers, list) or not answers:
        problems.add("answers", "missing" if answers is None else "must be a non-empty list")
    if problems.found:
        return {}, problems.found
    assert isinstance(answers, list) and stem is not None
    if kind == "numeric":
        body = _numeric(raw, answers, problems)
    elif kind == "string":
        body = _string(answers, problems)
    else:
        body = _choice(raw, answers, problems)
    if problems.found:
        return {}, problems.found
    if code:
        stem = f"{stem}\n\n{_fence(html.unescape(code))}"
    question = {"id": question_id, "type": body.pop("type"), "stem": stem, **body, "source": source}
    try:
        parse_question(question)
    except ValidationError as error:
        for detail in error.errors():
            problems.add(_field_name(tuple(detail["loc"])), detail["msg"])
    return question, problems.found


def import_jupyterquiz(
    path_or_data: str | os.PathLike[str] | Sequence[Any],
    *,
    bank_id: str,
    title: str,
    lesson: str,
    source: str,
) -> dict[str, Any]:
    """A jupyterquiz quiz (file or list) as bank data for yaml.safe_dump and our loader.

    Raises JupyterquizImportError listing every problem, each with its question and field.
    """
    data, shown = _read(path_or_data)
    problems: list[str] = []
    for name, value in (
        ("bank_id", bank_id),
        ("title", title),
        ("lesson", lesson),
        ("source", source),
    ):
        if not isinstance(value, str) or not value.strip():
            problems.append(f"{name}: must be given as non-empty text")
    if not problems and not _BANK_ID.fullmatch(bank_id):
        problems.append(
            f"bank_id: {bank_id!r} must be letters, digits, '_', '.' or '-', start with a "
            f"letter or digit, and be at most {MAX_BANK_ID} characters (ids add '-001')"
        )
    if problems:
        raise JupyterquizImportError(problems)
    if not isinstance(data, list) or not data:
        raise JupyterquizImportError([f"{shown}: must be a non-empty JSON list of questions"])
    questions = []
    for number, raw in enumerate(data, start=1):
        question, found = _convert(raw, number, f"{bank_id}-{number:03d}", source, shown)
        questions.append(question)
        problems += found
    if problems:
        raise JupyterquizImportError(problems)
    bank = {"bank": bank_id, "title": title, "lesson": lesson, "questions": questions}
    try:
        Bank.model_validate(bank)
    except ValidationError as error:  # bank-level fields: the id's pattern and length
        raise JupyterquizImportError(
            [f"{_field_name(tuple(d['loc'])) or 'bank'}: {d['msg']}" for d in error.errors()]
        ) from None
    return bank


def write_bank_yaml(bank: Mapping[str, Any], path: str | os.PathLike[str]) -> Path:
    """Write bank data as YAML the loader reads (replaced in one step); a folder gets
    ``{bank id}.yaml``."""
    target = Path(path)
    if target.is_dir():
        target = target / f"{bank['bank']}.yaml"
    if target.stem != bank["bank"]:
        raise ValueError(
            f"{target.name}: the loader needs the file named after the bank: {bank['bank']}.yaml"
        )
    text = yaml.safe_dump(dict(bank), sort_keys=False, allow_unicode=True, width=100)
    return atomic.write_text(target, text)
