"""Turn a parametrized question into the concrete question one learner sees.

A numeric question that names a ``generator`` uses the variant's params in its text as
``{param:NAME}`` and names its answer as ``answer: {param: NAME}``. :func:`concrete` makes
the variant for a seed, fills the text and sets ``answer.value``, and returns a plain numeric
question (same id) that grading, exports and front ends treat like any other.

Bank text is untrusted, so placeholders are found with the one regular expression in
:mod:`.placeholders` and looked up by name; nothing is evaluated and ``str.format`` never
sees the text.
"""

from __future__ import annotations

import math
from typing import Any, TypeVar

from pydantic import BaseModel

from livermets_edu.names import did_you_mean

from .generators import ParamValue, make_variant
from .placeholders import fill_param_placeholders, param_placeholders

__all__ = ["concrete", "format_param"]

Q = TypeVar("Q", bound=BaseModel)

# Significant figures for a computed number such as 1.8534218 GBq: enough to compare against
# a 1% tolerance, few enough to read.
_SIGNIFICANT = 4


def format_param(value: ParamValue) -> str:
    """A param as a reader sees it: 240, 1.03, 2.35 or 1.853, never 1.0000000002."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise TypeError(f"a param must be a number or text, got {type(value).__name__}")
    if isinstance(value, int):
        return str(value)
    if not math.isfinite(value):
        raise ValueError(f"a param must be a finite number, got {value}")
    if value == round(value) and abs(value) < 1e15:
        return str(int(round(value)))
    # A number the generator rounded for display (1.03, 0.0515) is shown as given; a computed
    # one is cut to a few significant figures, without switching to 1e+03 notation.
    shown = repr(value)
    digits = shown.replace("-", "").replace("0.", "", 1).lstrip("0")
    if "e" not in shown and len(digits) <= _SIGNIFICANT + 1:
        return shown
    if abs(value) >= 10 ** (_SIGNIFICANT - 1):
        return f"{value:.0f}"
    text = f"{value:.{_SIGNIFICANT}g}"
    if "e" in text:  # very small: fixed point with enough decimals for the significant figures
        decimals = _SIGNIFICANT - 1 - math.floor(math.log10(abs(value)))
        text = f"{value:.{decimals}f}".rstrip("0")
    return text


def _set(data: Any, path: tuple[str | int, ...], value: str) -> None:
    """Put ``value`` at ``path`` inside dumped question data (dicts and lists)."""
    for step in path[:-1]:
        data = data[step]
    data[path[-1]] = value


def concrete(question: Q, seed: int) -> Q:
    """The question one learner sees for ``seed``: params filled in, answer set, same id.

    A question without a ``generator`` is returned unchanged. In a case, every part that
    names a generator is made concrete with the same seed, so parts that share a generator
    share one variant (one patient's numbers across the vignette).
    """
    name = getattr(question, "generator", None)
    if name is None:
        return _with_concrete_parts(question, seed)
    question_id = getattr(question, "id", "?")
    variant = make_variant(name, seed)
    shown = {param: format_param(value) for param, value in variant.params.items()}
    data = question.model_dump()
    # Exactly the texts the schema checked for {param:NAME}: what a learner reads.
    for path, text in question.texts():  # type: ignore[attr-defined]
        param_placeholders(text)  # a malformed placeholder is an error, never left in
        _set(data, path, fill_param_placeholders(text, shown))
    param = data["answer"].get("param")
    if param is None:
        raise ValueError(
            f"question {question_id!r} names generator {name!r} but its answer names no "
            "param; write answer: {param: NAME, ...}"
        )
    if param not in variant.params:
        raise KeyError(
            f"question {question_id!r}: generator {name!r} has no param {param!r}"
            f"{did_you_mean(param, variant.params)}"
        )
    value = variant.params[param]
    if isinstance(value, str):
        raise ValueError(
            f"question {question_id!r}: answer param {param!r} is text ({value!r}), not a number"
        )
    data["answer"] = {**data["answer"], "value": float(value), "param": None}
    data["generator"] = None
    return type(question).model_validate(data)


def _with_concrete_parts(question: Q, seed: int) -> Q:
    """A case with its parametrized parts made concrete; any other question as it is."""
    parts = getattr(question, "parts", None)
    if not parts:
        return question
    made = [concrete(part, seed) for part in parts]
    if all(new is old for new, old in zip(made, parts, strict=True)):
        return question
    data = question.model_dump()
    data["parts"] = [part.model_dump() for part in made]
    return type(question).model_validate(data)
