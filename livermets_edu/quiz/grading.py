"""Grade a learner's response to one question: pure functions, no widgets, no state.

Single-answer and true/false questions are all-or-nothing. Multiple-response questions follow
PrairieLearn's pl-checkbox ``partial-credit`` modes (docs/elements/pl-checkbox.md, "Partial
credit grading"):

- ``net-correct`` (the default here): (right picks - wrong picks) / number of right options,
  never below zero;
- ``each-answer`` ("every decision counts"): each option is a true/false decision worth 1/n of
  the n options, right when a correct option is chosen or an incorrect one left unchosen;
- ``all-or-nothing``, also called ``off`` as in PrairieLearn: 1 only for exactly the right set.

Matching and label-the-diagram questions score the share of prompts (numbers) answered right,
as Moodle's matching question does. Ordering questions score LCS(response, correct order) / n,
the longest common subsequence, after PrairieLearn's pl-order-blocks ``partial-credit="lcs"``
(docs/elements/pl-order-blocks.md). Under ``all-or-nothing`` these too give 1 or 0. A case
scores the mean of its parts, each graded by its own type, an unanswered part counting 0.

A short-answer response is text, compared with the bank's answers in order by
:mod:`.text_match` (jupyterquiz's rule: case-insensitive unless ``match_case``, close
spellings accepted when ``fuzzy`` is below 1); the first answer it matches decides: a right one
scores 1, a listed wrong one 0 with its feedback, and no match 0 with the answer revealed. The
answers are compared as the learner reads them (their Markdown as plain text), so an answer
written ``x\\_1`` in a bank is typed ``x_1``. Partial-credit modes do not apply.

Numeric answers are accepted within the wider of the absolute and relative tolerance
(PrairieLearn's "relabs" comparison), or, for an answer with ``accept: range``, anywhere in the
fact's sourced range, ends included.

A response that cannot be graded (nothing chosen, not a number, a different unit, an id that is
missing, unknown or given twice) returns a ``Grade`` with ``valid=False``: it scores 0 and says
why, and a session does not count it as an attempt, as PrairieLearn does with format errors.
A template (a question with a generator) is not gradable at all: make a variant first.

``grade_partial`` is for an exam's saved work: a matching, label or case answer that leaves some
prompts, numbers or parts out is graded with those counting as wrong, as Moodle does, where
``grade`` refuses it ("Match every prompt first"). ``normalise_response`` turns whatever a
front end passed (a tuple, a set, dict keys, a generator, a numpy array) into the plain JSON
data that is graded and stored, so the two never differ.
"""

from __future__ import annotations

import itertools
import math
import numbers
import re
import reprlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from .render import markdown_to_plain_text
from .schema import (
    Case,
    LabelTheDiagram,
    Matching,
    MultipleResponse,
    Numeric,
    NumericAnswer,
    Ordering,
    Question,
    ShortAnswer,
    SingleBestAnswer,
    TemplateQuestionError,
    TextAnswer,
    TrueFalse,
)
from .text_match import TextPattern, first_match, normalise

__all__ = [
    "Grade",
    "PartialCredit",
    "answer_markdown",
    "format_quantity",
    "grade",
    "grade_part",
    "grade_partial",
    "longest_common_subsequence",
    "normalise_response",
    "parse_number",
    "typed_text",
]

PartialCredit = Literal["net-correct", "all-or-nothing", "each-answer", "off"]
PARTIAL_CREDIT_MODES: tuple[str, ...] = ("net-correct", "all-or-nothing", "each-answer", "off")

# A plain decimal, then optionally a unit that starts with a letter or a symbol such as %.
_NUMBER_WITH_UNIT = re.compile(
    r"^\s*(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)"
    r"\s*(?P<unit>(?:[^\W\d_]|[%°µ])[^\n]*?)?\s*$"
)
_UNIT_SYNONYMS = {"percent": "%", "pct": "%"}
# More ids than any question has options, and a nesting no answer needs: bounds that keep
# an endless generator or a pathological structure from hanging or crashing the grader.
MAX_RESPONSE_ITEMS = 10_000
MAX_RESPONSE_DEPTH = 20
# A short answer is a word or phrase; a longer text is pasted by mistake, and refusing it keeps
# the edit-distance comparison quick.
MAX_SHORT_ANSWER_CHARS = 1_000
_SHORT = reprlib.Repr()
_SHORT.maxstring = _SHORT.maxother = 60


def _shown(value: Any) -> str:
    """A short repr of a response value for a message (never raises, never pages long)."""
    try:
        return _SHORT.repr(value)
    # Any repr may fail (an int past Python's 4300-digit limit, a broken __repr__): a message
    # about a bad response must not itself raise.
    except Exception:  # noqa: BLE001
        return f"(a {type(value).__name__} value too long to show)"


@dataclass(frozen=True)
class Grade:
    """The result of grading one response: score 0..1, correct, Markdown feedback, valid.

    For a case, ``parts`` holds (part id, grade) for each part answered, in case order.
    """

    score: float
    correct: bool
    feedback: str
    valid: bool = True
    parts: tuple[tuple[str, Grade], ...] = ()


def format_quantity(number: float, unit: str = "") -> str:
    """A number with its unit as a reader writes it: '75%', '1.5 L/min'."""
    text = f"{number:.6g}"
    if not unit:
        return text
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"


def _accepted_range(answer: NumericAnswer) -> str:
    low, high = answer.accepted_interval
    if low == high:
        return f"exactly {format_quantity(answer.expected, answer.unit)}"
    interval = f"{low:.6g}–{format_quantity(high, answer.unit)}"
    return f"{interval}, the range the sources give" if answer.accept == "range" else interval


def _one_line(text: str) -> str:
    """Text folded onto one line, so it stays inside its Markdown list item."""
    return " ".join(text.split())


def answer_markdown(question: Question) -> str:
    """The correct answer written out in Markdown, e.g. '**A**: About 75%'."""
    if question.is_template:
        raise TemplateQuestionError(question.id)
    if isinstance(question, SingleBestAnswer):
        option = question.option(question.answer)
        return f"**{question.label(option.id)}**: {option.text}"
    if isinstance(question, MultipleResponse):
        return "; ".join(
            f"**{question.label(option_id)}**: {question.option(option_id).text}"
            for option_id in sorted(question.answer, key=question.option_ids.index)
        )
    if isinstance(question, TrueFalse):
        return "**True**" if question.answer else "**False**"
    if isinstance(question, Numeric):
        answer = question.answer
        return (
            f"**{format_quantity(answer.expected, answer.unit)}** "
            f"(accepted: {_accepted_range(answer)})"
        )
    if isinstance(question, Matching):
        return "\n".join(
            f"- {_one_line(prompt.text)} → **{_one_line(question.choice(choice_id).text)}**"
            for prompt in question.prompts
            for choice_id in [question.answer[prompt.id]]
        )
    if isinstance(question, Ordering):
        return "\n".join(
            f"{position}. {_one_line(item.text)}"
            for position, item in enumerate(question.items, start=1)
        )
    if isinstance(question, LabelTheDiagram):
        return "\n".join(
            f"- **{number}**: {_one_line(name)}" for number, name in question.answer.items()
        )
    if isinstance(question, ShortAnswer):
        first, *others = question.correct_answers
        also = "; ".join(_accepted_text(answer) for answer in others)
        return _accepted_text(first) + (f" (also accepted: {also})" if also else "")
    if isinstance(question, Case):
        return "\n\n".join(
            _part_heading(position, answer_markdown(part))
            for position, part in enumerate(question.parts, start=1)
        )
    raise TypeError(f"cannot describe the answer to a {type(question).__name__}")


def _accepted_text(answer: TextAnswer) -> str:
    """'**portal vein**', or '**PV**, with these capitals' when the case must match."""
    shown = f"**{_one_line(answer.text)}**"
    return f"{shown}, with these capitals" if answer.match_case else shown


def _part_heading(position: int, markdown: str) -> str:
    """'**Part 2.** text', with a block (a list) set below the heading rather than beside it."""
    heading = f"**Part {position}.**"
    return f"{heading}\n\n{markdown}" if "\n" in markdown else f"{heading} {markdown}"


def _invalid(message: str) -> Grade:
    return Grade(score=0.0, correct=False, feedback=message, valid=False)


def _verdict(score: float) -> str:
    if score >= 1.0:
        return "**Correct.**"
    if score > 0.0:
        return f"**Partly right** ({score:.0%} credit)."
    return "**Not quite.**"


def _option_feedback(question: SingleBestAnswer | MultipleResponse, chosen: Iterable[str]) -> str:
    lines = [
        f"- **{question.label(option_id)}**: {question.option(option_id).feedback}"
        for option_id in sorted(chosen, key=question.option_ids.index)
        if question.option(option_id).feedback
    ]
    return "\n".join(lines)


def _join(*parts: str) -> str:
    return "\n\n".join(part for part in parts if part)


def _grade_single(question: SingleBestAnswer, response: Any) -> Grade:
    if response is None or (isinstance(response, str) and not response):
        return _invalid("Choose an option first.")
    if not isinstance(response, str) or response not in question.option_ids:
        return _invalid(
            f"{_shown(response)} is not one of the options {_ids(question.option_ids)}."
        )
    score = 1.0 if response == question.answer else 0.0
    reveal = "" if score else f"The answer is {answer_markdown(question)}."
    verdict = _verdict(score) + (f" {reveal}" if reveal else "")
    return Grade(score, score == 1.0, _join(verdict, _option_feedback(question, [response])))


def _grade_multiple(
    question: MultipleResponse, response: Any, partial_credit: PartialCredit
) -> Grade:
    if response is None:
        response = []
    if isinstance(response, str):
        response = [response]
    try:
        # At most one more than the limit is read, so an endless iterator cannot hang grading.
        listed = list(itertools.islice(response, MAX_RESPONSE_ITEMS + 1))
        chosen = set(listed)
    except TypeError:
        return _invalid("Give the chosen options as a list of option ids.")
    if len(listed) > MAX_RESPONSE_ITEMS:
        return _invalid(f"Choose at most {len(question.option_ids)} options.")
    unknown = sorted(_shown(option_id) for option_id in chosen - set(question.option_ids))
    if unknown:
        return _invalid(f"{_ids(unknown)} not among the options {_ids(question.option_ids)}.")
    if not chosen:
        return _invalid("Choose at least one option first.")
    correct = set(question.answer)
    right, wrong = len(chosen & correct), len(chosen - correct)
    if partial_credit == "all-or-nothing":
        score = 1.0 if chosen == correct else 0.0
    elif partial_credit == "each-answer":
        left_out_rightly = len(set(question.option_ids) - chosen - correct)
        score = (right + left_out_rightly) / len(question.option_ids)
    else:
        score = max(0.0, (right - wrong) / len(correct))
    summary = (
        f"You chose {right} of the {len(correct)} correct options"
        f" and {wrong} incorrect {'option' if wrong == 1 else 'options'}."
    )
    reveal = "" if score >= 1.0 else f" The correct options are {answer_markdown(question)}."
    return Grade(
        score,
        score >= 1.0,
        _join(f"{_verdict(score)} {summary}{reveal}", _option_feedback(question, chosen)),
    )


def _as_bool(response: Any) -> bool | None:
    if isinstance(response, bool):
        return response
    if isinstance(response, str) and response.strip().lower() in ("true", "false"):
        return response.strip().lower() == "true"
    return None


def _grade_true_false(question: TrueFalse, response: Any) -> Grade:
    if response is None or (isinstance(response, str) and not response):
        return _invalid("Choose true or false first.")
    value = _as_bool(response)
    if value is None:
        return _invalid(f"{_shown(response)} is neither true nor false.")
    score = 1.0 if value == question.answer else 0.0
    reveal = "" if score else f" The statement is {answer_markdown(question).lower()}."
    return Grade(score, score == 1.0, _verdict(score) + reveal)


def _same_unit(given: str, expected: str) -> bool:
    def normal(unit: str) -> str:
        unit = unit.replace(" ", "").lower()
        return _UNIT_SYNONYMS.get(unit, unit)

    return normal(given) == normal(expected)


def parse_number(response: Any, unit: str = "") -> float:
    """The number in a response like '75', '75 %' or '7.5e1'; ValueError saying why if none."""
    if isinstance(response, bool):
        raise ValueError("true/false is not a number")
    if isinstance(response, (numbers.Real, Decimal)):
        try:
            number = float(response)
        # 10**400 overflows a float; Decimal('sNaN') refuses to convert at all.
        except (OverflowError, ValueError, TypeError):
            raise ValueError(f"{_shown(response)} is not a number that can be graded") from None
    elif isinstance(response, str):
        text = response.replace("\u2212", "-")  # a typographic minus sign
        match = _NUMBER_WITH_UNIT.match(text)
        if not text.strip():
            raise ValueError("enter a number first")
        if match is None:
            if re.fullmatch(r"\s*[+-]?\d+,\d+.*", text):
                raise ValueError(
                    f"{_shown(response)} is not a number; use a decimal point, not a comma"
                )
            raise ValueError(f"{_shown(response)} is not a number")
        given_unit = match.group("unit")
        if given_unit and not _same_unit(given_unit, unit):
            expected = f"in {unit}" if unit else "as a plain number"
            raise ValueError(f"give the answer {expected}, not in {_shown(given_unit)}")
        number = float(match.group("number"))  # '1e999' gives inf, refused below
    else:
        raise ValueError(f"{_shown(response)} is not a number")
    if not math.isfinite(number):
        raise ValueError(f"{_shown(response)} is not a finite number")
    return number


def normalise_response(response: Any) -> Any:
    """The response as the plain JSON data to grade and store: lists, text-keyed dicts, numbers.

    Any iterable but text (tuple, set, dict keys, generator, numpy array) becomes a list, a set
    sorted so the same choice is always stored alike; a mapping becomes a dict with text keys;
    numbers stay numbers (numpy's as Python's, Decimal and Fraction as float, one that is not
    finite as its text); anything else becomes its text. Text with a lone surrogate (which no
    UTF-8 or JSON file can hold) has it replaced by U+FFFD. ValueError, in a learner's words, for
    a response too long or too deeply nested, or naming one key twice ({1: …, '1': …}).
    """
    return _normalised(response, 0)


def _normalised(value: Any, depth: int) -> Any:
    if depth > MAX_RESPONSE_DEPTH:
        raise ValueError("This answer is nested too deeply to be graded.")
    if value is None or isinstance(value, bool):
        return value
    if isinstance(value, str):
        return _valid_text(str(value))  # a str subclass (numpy.str_) as plain text
    if isinstance(value, int):
        return int(value)
    if getattr(value, "shape", None) == () and callable(getattr(value, "item", None)):
        item = value.item()  # a numpy scalar or 0-d array: its Python value
        if type(item) is not type(value):
            return _normalised(item, depth + 1)
    if isinstance(value, numbers.Integral):
        return int(value)
    if isinstance(value, (numbers.Real, Decimal)):
        try:
            number = float(value)
        except (OverflowError, ValueError, TypeError):
            return _text(value)
        # JSON has no NaN or infinity: such a number is kept as its text ('nan', 'Infinity').
        return number if math.isfinite(number) else _text(value)
    if isinstance(value, Mapping):
        if len(value) > MAX_RESPONSE_ITEMS:
            raise ValueError("This answer has too many entries to be graded.")
        plain: dict[str, Any] = {}
        for key, entry in value.items():
            text = _normalised(key, depth + 1)
            text = text if isinstance(text, str) else _text(text)
            if text in plain:
                raise ValueError(f"{_shown(key)} is given twice in this answer.")
            plain[text] = _normalised(entry, depth + 1)
        return plain
    if isinstance(value, (bytes, bytearray)) or not isinstance(value, Iterable):
        return _text(value)
    listed = list(itertools.islice(value, MAX_RESPONSE_ITEMS + 1))
    if len(listed) > MAX_RESPONSE_ITEMS:
        raise ValueError("This answer lists too many values to be graded.")
    items = [_normalised(item, depth + 1) for item in listed]
    if isinstance(value, (set, frozenset)):
        # A set has no order of its own; sorting stores the same choice the same way each time.
        items.sort(key=lambda item: item if isinstance(item, str) else _shown(item))
    return items


def _text(value: Any) -> str:
    try:
        return _valid_text(str(value))
    except Exception:  # noqa: BLE001 - any __str__ may fail; the short repr never does
        return _shown(value)


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_text(text: str) -> str:
    """The text as valid Unicode: a lone surrogate (not writable as UTF-8 or JSON) becomes U+FFFD.

    A surrogate pair that arrived as two code points is joined into its one character.
    """
    if _SURROGATE.search(text) is None:
        return text
    return text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")


def _grade_numeric(question: Numeric, response: Any) -> Grade:
    answer = question.answer
    if response is None:
        return _invalid("Enter a number first.")
    try:
        number = parse_number(response, answer.unit)
    except ValueError as error:
        message = str(error)
        return _invalid(message[:1].upper() + message[1:] + ".")
    # A hair of slack so that binary rounding (0.1 + 0.2) never rejects a boundary answer.
    slack = 1e-12 * max(1.0, abs(answer.expected), abs(number))
    if answer.accept == "range":
        low, high = answer.accepted_interval
        slack = 1e-12 * max(1.0, abs(low), abs(high), abs(number))
        accepted = low - slack <= number <= high + slack
    else:
        accepted = abs(number - answer.expected) <= answer.tolerance + slack
    score = 1.0 if accepted else 0.0
    given = format_quantity(number, answer.unit)
    if score:
        detail = f"{given} is within the accepted range ({_accepted_range(answer)})."
    else:
        detail = f"You gave {given}; the answer is {answer_markdown(question)}."
    return Grade(score, score == 1.0, f"{_verdict(score)} {detail}")


def _ids(values: Iterable[Any]) -> str:
    # Sorted, so no message lists items, choices or options in the key's (or bank's) order.
    return ", ".join(sorted(value if isinstance(value, str) else _shown(value) for value in values))


def _share(right: int, total: int, partial_credit: PartialCredit) -> float:
    if partial_credit == "all-or-nothing":
        return 1.0 if right == total else 0.0
    return right / total


def _grade_matching(
    question: Matching, response: Any, partial_credit: PartialCredit, complete: bool
) -> Grade:
    if not isinstance(response, Mapping):
        return _invalid("Give the matches as a mapping of prompt ids to choice ids.")
    unknown = [key for key in response if key not in question.prompt_ids]
    if unknown:
        return _invalid(f"{_ids(unknown)} not among the prompts {_ids(question.prompt_ids)}.")
    missing = [prompt_id for prompt_id in question.prompt_ids if prompt_id not in response]
    if not response:
        return _invalid("Match at least one prompt first.")
    if missing and complete:
        return _invalid(f"Match every prompt first: no choice for {_ids(missing)}.")
    # The type is checked first: `in` on a numpy array compares element-wise and then raises.
    not_choices = [
        value
        for value in response.values()
        if not isinstance(value, str) or value not in question.choice_ids
    ]
    if not_choices:
        return _invalid(
            f"{_ids(map(_shown, not_choices))} not among the choices {_ids(question.choice_ids)}."
        )
    wrong = [p for p in question.prompt_ids if response.get(p) != question.answer[p]]
    total = len(question.prompt_ids)
    score = _share(total - len(wrong), total, partial_credit)
    summary = f"You matched {total - len(wrong)} of the {total} prompts right."
    if not wrong:
        return Grade(score, True, f"{_verdict(score)} {summary}")
    corrections = "\n".join(
        f"- {_one_line(question.prompt(p).text)}: "
        + (
            f"you chose {_one_line(question.choice(response[p]).text)}"
            if p in response
            else "not matched"
        )
        + f"; the match is **{_one_line(question.choice(question.answer[p]).text)}**"
        for p in wrong
    )
    return Grade(score, False, _join(f"{_verdict(score)} {summary}", corrections))


def longest_common_subsequence(first: Sequence[Any], second: Sequence[Any]) -> int:
    """The length of the longest subsequence the two sequences share (not necessarily adjacent)."""
    previous = [0] * (len(second) + 1)
    for item in first:
        current = [0]
        for position, other in enumerate(second):
            current.append(
                previous[position] + 1
                if item == other
                else max(previous[position + 1], current[position])
            )
        previous = current
    return previous[-1]


def _grade_ordering(question: Ordering, response: Any, partial_credit: PartialCredit) -> Grade:
    if isinstance(response, (str, bytes)) or not isinstance(response, Sequence):
        return _invalid("Give the order as a list of item ids, first to last.")
    if len(response) > MAX_RESPONSE_ITEMS:
        return _invalid(f"Place the {len(question.answer)} items, each once.")
    given, correct = list(response), question.answer
    unknown = [
        item_id for item_id in given if not isinstance(item_id, str) or item_id not in correct
    ]
    if unknown:
        return _invalid(f"{_ids(map(_shown, unknown))} not among the items {_ids(correct)}.")
    twice = [item_id for position, item_id in enumerate(given) if item_id in given[:position]]
    if twice:
        return _invalid(f"Place each item once: {_ids(twice)} placed twice.")
    missing = [item_id for item_id in correct if item_id not in given]
    if missing:
        return _invalid(f"Place every item first: {_ids(missing)} not placed.")
    in_order = longest_common_subsequence(given, correct)
    score = _share(in_order, len(correct), partial_credit)
    if score >= 1.0:
        return Grade(1.0, True, f"{_verdict(1.0)} Every item is in its place.")
    summary = (
        f"The longest run of items in the right relative order (gaps allowed) holds {in_order} "
        f"of the {len(correct)} items."
    )
    reveal = f"The right order:\n\n{answer_markdown(question)}"
    return Grade(score, False, _join(f"{_verdict(score)} {summary}", reveal))


def typed_text(answer: TextAnswer) -> str:
    """What a learner types to give this short answer: its text as read, not its Markdown."""
    return markdown_to_plain_text(answer.text)


def _pattern(answer: TextAnswer) -> TextPattern:
    return TextPattern(typed_text(answer), answer.match_case, answer.fuzzy)


def _grade_short_answer(question: ShortAnswer, response: Any) -> Grade:
    if response is None or (isinstance(response, str) and not response.strip()):
        return _invalid("Type an answer first.")
    if not isinstance(response, str):
        return _invalid(f"Type the answer as words, not {_shown(response)}.")
    if len(response) > MAX_SHORT_ANSWER_CHARS:
        return _invalid(
            f"Keep the answer to a word or phrase (at most {MAX_SHORT_ANSWER_CHARS:,} characters)."
        )
    index = first_match(response, [_pattern(answer) for answer in question.answers])
    if index is None:
        return Grade(0.0, False, f"{_verdict(0.0)} The answer is {answer_markdown(question)}.")
    matched = question.answers[index]
    feedback = matched.feedback or ""
    if not matched.correct:
        reveal = f"The answer is {answer_markdown(question)}."
        return Grade(0.0, False, _join(f"{_verdict(0.0)} {reveal}", feedback))
    pattern = _pattern(matched)
    exact = normalise(response, match_case=pattern.match_case) == normalise(
        pattern.text, match_case=pattern.match_case
    )
    # A close spelling earns the mark; showing the right spelling teaches it.
    spelling = "" if exact else f" Close enough: the spelling is {_accepted_text(matched)}."
    return Grade(1.0, True, _join(f"{_verdict(1.0)}{spelling}", feedback))


def _diagram_number(key: Any) -> int | None:
    """The region number a response key names: 3 or '3' (never True, which is also 1)."""
    if isinstance(key, int) and not isinstance(key, bool):
        return key
    # The length cap keeps int() inside Python's digit limit; no diagram has that many regions.
    if isinstance(key, str) and key.strip().isdecimal() and len(key.strip()) <= 6:
        return int(key.strip())
    return None


def _grade_label_diagram(
    question: LabelTheDiagram, response: Any, partial_credit: PartialCredit, complete: bool
) -> Grade:
    if not isinstance(response, Mapping):
        return _invalid("Give the names as a mapping of numbers to names.")
    expected = question.answer
    named: dict[int, Any] = {}
    for key, name in response.items():
        number = _diagram_number(key)
        if number is None or number not in expected:
            return _invalid(f"{_shown(key)} is not a number asked here; name {_ids(expected)}.")
        if number in named:
            return _invalid(f"Number {number} is named twice.")
        if not isinstance(name, str):
            return _invalid(f"Give number {number} a name, not {_shown(name)}.")
        named[number] = name.strip()  # a name typed by hand may carry stray spaces
    missing = [number for number in expected if number not in named]
    if not named:
        return _invalid("Name at least one number first.")
    if missing and complete:
        return _invalid(f"Name every number first: no name for {_ids(missing)}.")
    wrong = [number for number in expected if named.get(number) != expected[number]]
    score = _share(len(expected) - len(wrong), len(expected), partial_credit)
    summary = f"You named {len(expected) - len(wrong)} of the {len(expected)} numbers right."
    if not wrong:
        return Grade(score, True, f"{_verdict(score)} {summary}")
    corrections = "\n".join(
        f"- **{number}**: "
        + (
            f"you wrote {_one_line(named[number]) or '(nothing)'}"
            if number in named
            else "not named"
        )
        + f"; it is **{_one_line(expected[number])}**"
        for number in wrong
    )
    return Grade(score, False, _join(f"{_verdict(score)} {summary}", corrections))


def _grade_case(case: Case, response: Any, partial_credit: PartialCredit, complete: bool) -> Grade:
    if not isinstance(response, Mapping):
        return _invalid("Give the answers as a mapping of part ids to responses.")
    unknown = [key for key in response if key not in case.part_ids]
    if unknown:
        return _invalid(f"{_ids(unknown)} not among the parts {_ids(case.part_ids)}.")
    if not response:
        return _invalid("Answer at least one part first.")
    graded: list[tuple[str, Grade]] = []
    sections: list[str] = []
    for position, part in enumerate(case.parts, start=1):
        if part.id not in response:
            sections.append(f"**Part {position}.** Not answered.")
            continue
        result = _grade(part, response[part.id], partial_credit, complete)
        if not result.valid:
            return _invalid(f"Part {position}: {result.feedback}")
        graded.append((part.id, result))
        sections.append(_part_heading(position, result.feedback))
    # Unanswered parts count 0: the case is one item, scored over all its parts.
    score = sum(result.score for _, result in graded) / len(case.parts)
    answered = f"You answered {len(graded)} of the {len(case.parts)} parts."
    return Grade(
        score,
        score >= 1.0,
        _join(f"{_verdict(score)} {answered}", *sections),
        parts=tuple(graded),
    )


def _check_mode(partial_credit: str) -> PartialCredit:
    """The partial-credit mode to grade with ('off' is 'all-or-nothing'); ValueError if unknown."""
    if partial_credit not in PARTIAL_CREDIT_MODES:
        raise ValueError(
            f"partial_credit must be one of {', '.join(PARTIAL_CREDIT_MODES)}, "
            f"not {partial_credit!r}"
        )
    return "all-or-nothing" if partial_credit == "off" else partial_credit  # type: ignore[return-value]


def _grade(question: Question, response: Any, mode: PartialCredit, complete: bool) -> Grade:
    if question.is_template:
        raise TemplateQuestionError(question.id)
    if isinstance(question, SingleBestAnswer):
        return _grade_single(question, response)
    if isinstance(question, MultipleResponse):
        return _grade_multiple(question, response, mode)
    if isinstance(question, TrueFalse):
        return _grade_true_false(question, response)
    if isinstance(question, Numeric):
        return _grade_numeric(question, response)
    if isinstance(question, Matching):
        return _grade_matching(question, response, mode, complete)
    if isinstance(question, Ordering):
        return _grade_ordering(question, response, mode)
    if isinstance(question, LabelTheDiagram):
        return _grade_label_diagram(question, response, mode, complete)
    if isinstance(question, ShortAnswer):
        return _grade_short_answer(question, response)
    if isinstance(question, Case):
        return _grade_case(question, response, mode, complete)
    raise TypeError(f"cannot grade a {type(question).__name__}")


def grade(
    question: Question, response: Any, *, partial_credit: PartialCredit = "net-correct"
) -> Grade:
    """Grade a response to a question; never raises for a malformed response."""
    return _grade(question, response, _check_mode(partial_credit), complete=True)


def grade_partial(
    question: Question, response: Any, *, partial_credit: PartialCredit = "net-correct"
) -> Grade:
    """Grade an exam's saved answer, prompts, numbers or parts left out counting as wrong.

    A matching or label answer, or a case (its parts too), may cover only some of its prompts,
    numbers or parts, as Moodle grades an unfinished matching question; any other response
    is graded as ``grade`` does.
    """
    return _grade(question, response, _check_mode(partial_credit), complete=False)


def grade_part(
    case: Case, part_id: str, response: Any, *, partial_credit: PartialCredit = "net-correct"
) -> Grade:
    """Grade the response to one part of a case, for revealing the parts one at a time."""
    return grade(case.part(part_id), response, partial_credit=partial_credit)
