"""Grade a learner's response to one question: pure functions, no widgets, no state.

Single-answer and true/false questions are all-or-nothing. Multiple-response questions give
partial credit by default in PrairieLearn's "net-correct" way: (right picks - wrong picks) /
number of right options, never below zero. Numeric answers are accepted within the wider of
the absolute and relative tolerance (PrairieLearn's "relabs" comparison), or, for an answer
with ``accept: range``, anywhere in the fact's sourced range, ends included.

A response that cannot be graded (nothing chosen, not a number, a different unit) returns a
``Grade`` with ``valid=False``: it scores 0 and says why, and a session does not count it as an
attempt, as PrairieLearn does with format errors.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from .schema import MultipleResponse, Numeric, NumericAnswer, Question, SingleBestAnswer, TrueFalse

__all__ = [
    "Grade",
    "PartialCredit",
    "answer_markdown",
    "format_quantity",
    "grade",
    "parse_number",
]

PartialCredit = Literal["net-correct", "all-or-nothing"]
PARTIAL_CREDIT_MODES: tuple[str, ...] = ("net-correct", "all-or-nothing")

# A plain decimal, then optionally a unit that starts with a letter or a symbol such as %.
_NUMBER_WITH_UNIT = re.compile(
    r"^\s*(?P<number>[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?)"
    r"\s*(?P<unit>(?:[^\W\d_]|[%°µ])[^\n]*?)?\s*$"
)
_UNIT_SYNONYMS = {"percent": "%", "pct": "%"}


@dataclass(frozen=True)
class Grade:
    """The result of grading one response: score 0..1, correct, Markdown feedback, valid."""

    score: float
    correct: bool
    feedback: str
    valid: bool = True


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


def answer_markdown(question: Question) -> str:
    """The correct answer written out in Markdown, e.g. '**A**: About 75%'."""
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
    raise TypeError(f"cannot describe the answer to a {type(question).__name__}")


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
    if response is None or response == "":
        return _invalid("Choose an option first.")
    if not isinstance(response, str) or response not in question.option_ids:
        return _invalid(f"{response!r} is not one of the options {', '.join(question.option_ids)}.")
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
        chosen = set(response)
    except TypeError:
        return _invalid("Give the chosen options as a list of option ids.")
    unknown = sorted(str(option_id) for option_id in chosen - set(question.option_ids))
    if unknown:
        return _invalid(
            f"{', '.join(unknown)} not among the options {', '.join(question.option_ids)}."
        )
    if not chosen:
        return _invalid("Choose at least one option first.")
    correct = set(question.answer)
    right, wrong = len(chosen & correct), len(chosen - correct)
    if partial_credit == "all-or-nothing":
        score = 1.0 if chosen == correct else 0.0
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
    if response is None or response == "":
        return _invalid("Choose true or false first.")
    value = _as_bool(response)
    if value is None:
        return _invalid(f"{response!r} is neither true nor false.")
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
    if isinstance(response, (int, float)):
        number = float(response)
    elif isinstance(response, str):
        text = response.replace("\u2212", "-")  # a typographic minus sign
        match = _NUMBER_WITH_UNIT.match(text)
        if not text.strip():
            raise ValueError("enter a number first")
        if match is None:
            if re.fullmatch(r"\s*[+-]?\d+,\d+.*", text):
                raise ValueError(f"{response!r} is not a number; use a decimal point, not a comma")
            raise ValueError(f"{response!r} is not a number")
        given_unit = match.group("unit")
        if given_unit and not _same_unit(given_unit, unit):
            expected = f"in {unit}" if unit else "as a plain number"
            raise ValueError(f"give the answer {expected}, not in {given_unit!r}")
        number = float(match.group("number"))
    else:
        raise ValueError(f"{response!r} is not a number")
    if not math.isfinite(number):
        raise ValueError(f"{response!r} is not a finite number")
    return number


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


def grade(
    question: Question, response: Any, *, partial_credit: PartialCredit = "net-correct"
) -> Grade:
    """Grade a response to a question; never raises for a malformed response."""
    if partial_credit not in PARTIAL_CREDIT_MODES:
        raise ValueError(
            f"partial_credit must be one of {', '.join(PARTIAL_CREDIT_MODES)}, "
            f"not {partial_credit!r}"
        )
    if isinstance(question, SingleBestAnswer):
        return _grade_single(question, response)
    if isinstance(question, MultipleResponse):
        return _grade_multiple(question, response, partial_credit)
    if isinstance(question, TrueFalse):
        return _grade_true_false(question, response)
    if isinstance(question, Numeric):
        return _grade_numeric(question, response)
    raise TypeError(f"cannot grade a {type(question).__name__}")
