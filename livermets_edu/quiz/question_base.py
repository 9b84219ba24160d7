"""The base of every question and the choice, true/false and numeric types.

Validation errors carry, in their context, where inside the offending node they belong (``at``)
and, for text, the snippet to find (``needle``), so the loader can point at the exact YAML line.
Fact placeholders are resolved during validation; ``{param:NAME}`` placeholders stay until
``variants.concrete`` fills them. The newer types build on these in :mod:`.question_types`,
and :mod:`.schema` gathers them all; import from there.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from livermets_edu import derived as derived_quantities
from livermets_edu import facts
from livermets_edu.names import did_you_mean

from .placeholders import PlaceholderError, fill_fact_placeholders, param_placeholders

__all__ = [
    "QUESTION_TYPES",
    "MultipleResponse",
    "Numeric",
    "NumericAnswer",
    "Option",
    "Question",
    "SingleBestAnswer",
    "TemplateQuestionError",
    "TrueFalse",
]

QUESTION_TYPES = (
    "single",
    "multiple",
    "true_false",
    "numeric",
    "matching",
    "ordering",
    "label_diagram",
    "short_answer",
    "case",
)
# PrairieLearn's pl-number-input defaults, used when a bank gives no tolerance at all.
DEFAULT_REL_TOL = 1e-2
DEFAULT_ABS_TOL = 1e-8


def located_error(
    kind: str, message: str, at: tuple[str | int, ...] = (), **extra: Any
) -> PydanticCustomError:
    """A validation error whose ``at`` says where, below the validated node, it belongs."""
    return PydanticCustomError(kind, "{message}", {"message": message, "at": at, **extra})


def _not_blank(text: str) -> str:
    if not text.strip():
        raise located_error("blank_text", "must not be empty")
    return text


class TemplateQuestionError(TypeError):
    """A parametrized question used where a concrete one is needed (grading, answer keys)."""

    def __init__(self, question_id: str) -> None:
        super().__init__(
            f"question {question_id!r} is a template (it names a generator); make a variant "
            "first with livermets_edu.quiz.variants.concrete(question, seed)"
        )
        self.question_id = question_id


def generator_registry() -> Mapping[str, Any]:
    """The registered generators by name (imported on first use: most banks need none)."""
    return importlib.import_module("livermets_edu.quiz.generators").GENERATORS


def _fill(text: str | None) -> str | None:
    if text is None:
        return None
    try:
        return fill_fact_placeholders(text)
    except PlaceholderError as error:
        raise located_error("unknown_fact", str(error), needle=error.needle) from None


Text = Annotated[str, Strict(), AfterValidator(_not_blank)]
Identifier = Annotated[str, Strict(), Field(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=64)]
Number = Annotated[float, Strict(), Field(allow_inf_nan=False)]
Tolerance = Annotated[float, Strict(), Field(ge=0, allow_inf_nan=False)]
Difficulty = Literal["easy", "medium", "hard"]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Option(_Strict):
    """One choice of a single- or multiple-answer question, with optional feedback."""

    id: Identifier
    text: Text
    feedback: Annotated[str, Strict()] | None = None

    @field_validator("text", "feedback")
    @classmethod
    def _fill_placeholders(cls, text: str | None) -> str | None:
        return _fill(text)


class NumericAnswer(_Strict):
    """A number (given, a fact, or a derived model output, times ``scale``) with tolerances.

    With ``accept: range`` the answer names a fact that carries a sourced range, and every
    number from ``low × scale`` to ``high × scale`` is accepted, so a bank never copies the
    range by hand into a tolerance.
    """

    value: Number | None = None
    fact: Annotated[str, Strict()] | None = None
    derived: Annotated[str, Strict()] | None = None
    param: Identifier | None = None
    scale: Number = 1.0
    unit: Annotated[str, Strict()] = ""
    abs_tol: Tolerance | None = None
    rel_tol: Tolerance | None = None
    accept: Literal["tolerance", "range"] = "tolerance"

    @field_validator("fact")
    @classmethod
    def _fact_exists(cls, name: str | None) -> str | None:
        if name is not None and name not in facts.ALL:
            hint = did_you_mean(name, facts.ALL)
            raise located_error("unknown_fact", f"no fact called {name!r}{hint}")
        return name

    @field_validator("derived")
    @classmethod
    def _derived_exists(cls, name: str | None) -> str | None:
        if name is not None and name not in derived_quantities.ALL:
            hint = did_you_mean(name, derived_quantities.ALL)
            raise located_error("unknown_derived", f"no derived quantity called {name!r}{hint}")
        return name

    @model_validator(mode="after")
    def _value_or_fact(self) -> NumericAnswer:
        sources = (self.value, self.fact, self.derived, self.param)
        if sum(source is not None for source in sources) != 1:
            raise located_error(
                "numeric_answer",
                "give exactly one of value, fact or derived (or param, with a generator)",
            )
        if (self.value is not None or self.param is not None) and self.scale != 1.0:
            raise located_error(
                "numeric_answer", "scale applies only to a fact or derived", at=("scale",)
            )
        if self.accept == "range":
            if self.param is not None:
                raise located_error(
                    "numeric_answer", "accept: range needs a fact, not a param", at=("accept",)
                )
            if self.fact is None:
                raise located_error(
                    "numeric_answer", "accept: range needs a fact, not a value", at=("accept",)
                )
            if not facts.get(self.fact).has_range:
                raise located_error(
                    "numeric_answer",
                    f"accept: range needs a fact with a sourced range, and {self.fact} has "
                    "none; give abs_tol or rel_tol instead",
                    at=("accept",),
                )
            if self.abs_tol is not None or self.rel_tol is not None:
                raise located_error(
                    "numeric_answer",
                    "accept: range takes the accepted interval from the fact's range; "
                    "remove abs_tol and rel_tol",
                    at=("accept",),
                )
        return self

    def _scaled(self, number: float) -> float:
        # Round away binary noise such as 0.525 * 100 == 52.50000000000001.
        return float(f"{number * self.scale:.12g}")

    @property
    def is_template(self) -> bool:
        """True while the number comes from a generator's param and no variant has set it."""
        return self.value is None and self.param is not None

    @property
    def expected(self) -> float:
        """The correct number, in the answer's unit."""
        if self.value is not None:
            return self.value
        if self.param is not None:
            raise TypeError(
                f"the answer is the generator's param {self.param!r}; make a variant first "
                "with livermets_edu.quiz.variants.concrete(question, seed)"
            )
        if self.derived is not None:
            return self._scaled(derived_quantities.value(self.derived))
        assert self.fact is not None
        return self._scaled(facts.get(self.fact).value)

    @property
    def accepted_interval(self) -> tuple[float, float]:
        """The lowest and highest accepted answers, both included, in the answer's unit."""
        if self.accept == "range":
            assert self.fact is not None
            fact = facts.get(self.fact)
            assert fact.low is not None and fact.high is not None
            ends = (self._scaled(fact.low), self._scaled(fact.high))
            return min(ends), max(ends)
        return self.expected - self.tolerance, self.expected + self.tolerance

    @property
    def tolerance(self) -> float:
        """The largest accepted distance from ``expected``: relative or absolute, the wider."""
        if self.accept == "range":
            low, high = self.accepted_interval
            return max(self.expected - low, high - self.expected)
        if self.abs_tol is None and self.rel_tol is None:
            return max(DEFAULT_ABS_TOL, DEFAULT_REL_TOL * abs(self.expected))
        return max(self.abs_tol or 0.0, (self.rel_tol or 0.0) * abs(self.expected))


class Question(_Strict):
    """What every question has: id, stem, explanation, objective, difficulty, tags, source."""

    id: Identifier
    stem: Text
    explanation: Annotated[str, Strict()] = ""
    objective: Annotated[str, Strict()] | None = None
    difficulty: Difficulty | None = None
    tags: list[Annotated[str, Strict()]] = Field(default_factory=list)
    source: Text

    @field_validator("stem", "explanation")
    @classmethod
    def _fill_placeholders(cls, text: str | None) -> str | None:
        return _fill(text)

    def texts(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Every text of this question a learner may read, with its field path (e.g. stem)."""
        yield ("stem",), self.stem
        if self.explanation:
            yield ("explanation",), self.explanation

    @property
    def is_template(self) -> bool:
        """True for a parametrized question: it must become a variant before it is graded."""
        return False

    @model_validator(mode="after")
    def _params_need_a_generator(self) -> Question:
        generator_name = getattr(self, "generator", None)
        known = generator_registry()[generator_name].param_names if generator_name else None
        for at, text in self.texts():
            try:
                placeholders = param_placeholders(text)
            except PlaceholderError as error:
                raise located_error(
                    "malformed_param", str(error), at=at, needle=error.needle
                ) from None
            for name, placeholder in placeholders:
                if known is None:
                    raise located_error(
                        "param_without_generator",
                        f"{placeholder} needs a generator: only a numeric question that names "
                        "one may use {param:NAME}",
                        at=at,
                        needle=placeholder,
                    )
                if name not in known:
                    raise located_error(
                        "unknown_param",
                        f"{placeholder}: generator {generator_name!r} has no param {name!r}; "
                        f"it has {', '.join(sorted(known))}",
                        at=at,
                        needle=placeholder,
                    )
        return self


def check_unique_ids(entries: Sequence[Any], noun: str, where: str = "") -> None:
    """Refuse a list whose entries repeat an id, at the repeat: 'option id 'a' is used twice'."""
    seen: set[str] = set()
    for index, entry in enumerate(entries):
        if entry.id in seen:
            raise located_error(
                f"duplicate_{noun}_id",
                f"{noun} id {entry.id!r} is used twice{where}",
                at=(index, "id"),
            )
        seen.add(entry.id)


class _WithOptions(Question):
    options: Annotated[list[Option], Field(min_length=2)]

    @field_validator("options")
    @classmethod
    def _unique_option_ids(cls, options: list[Option]) -> list[Option]:
        check_unique_ids(options, "option")
        return options

    def texts(self) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """Every text of this question a learner may read, with its field path."""
        yield from super().texts()
        for index, option in enumerate(self.options):
            yield ("options", index, "text"), option.text
            if option.feedback:
                yield ("options", index, "feedback"), option.feedback

    @property
    def option_ids(self) -> list[str]:
        """The option ids in bank order."""
        return [option.id for option in self.options]

    def option(self, option_id: str) -> Option:
        """The option with this id."""
        for option in self.options:
            if option.id == option_id:
                return option
        raise KeyError(f"question {self.id!r} has no option {option_id!r}")

    def label(self, option_id: str) -> str:
        """The letter a learner sees for this option: A, B, C…"""
        return _letter(self.option_ids.index(option_id))


def _letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


class SingleBestAnswer(_WithOptions):
    """One correct option among several."""

    type: Literal["single"]
    answer: Annotated[str, Strict()]

    @field_validator("answer")
    @classmethod
    def _answer_is_an_option(cls, answer: str, info: ValidationInfo) -> str:
        options = info.data.get("options")  # absent when the options failed (and were reported)
        if options is not None and answer not in [option.id for option in options]:
            ids = ", ".join(option.id for option in options)
            raise located_error(
                "answer_not_an_option", f"{answer!r} is not one of the options {ids}"
            )
        return answer


class MultipleResponse(_WithOptions):
    """Several correct options; graded with partial credit by default."""

    type: Literal["multiple"]
    answer: list[Annotated[str, Strict()]]

    @field_validator("answer")
    @classmethod
    def _answers_are_options(cls, answer: list[str], info: ValidationInfo) -> list[str]:
        if not answer:
            raise located_error("no_correct_option", "list at least one correct option")
        for position, option_id in enumerate(answer):
            if option_id in answer[:position]:
                raise located_error(
                    "duplicate_answer", f"{option_id!r} is listed twice", at=(position,)
                )
        options = info.data.get("options")
        if options is not None:
            ids = [option.id for option in options]
            for position, option_id in enumerate(answer):
                if option_id not in ids:
                    raise located_error(
                        "answer_not_an_option",
                        f"{option_id!r} is not one of the options {', '.join(ids)}",
                        at=(position,),
                    )
        return answer


class TrueFalse(Question):
    """A statement that is true or false."""

    type: Literal["true_false"]
    answer: Annotated[bool, Strict()]


class Numeric(Question):
    """A number within a tolerance, in a stated unit; with ``generator``, a template."""

    type: Literal["numeric"]
    generator: Identifier | None = None
    answer: NumericAnswer

    @field_validator("generator")
    @classmethod
    def _generator_exists(cls, name: str | None) -> str | None:
        registry = generator_registry() if name is not None else {}
        if name is not None and name not in registry:
            raise located_error(
                "unknown_generator", f"no generator called {name!r}{did_you_mean(name, registry)}"
            )
        return name

    @model_validator(mode="after")
    def _answer_param_matches_generator(self) -> Numeric:
        param = self.answer.param
        if self.generator is None:
            if param is not None:
                raise located_error(
                    "param_without_generator",
                    f"answer: {{param: {param}}} needs a generator: on the question",
                    at=("answer", "param"),
                )
            return self
        if param is None:
            raise located_error(
                "generator_needs_param",
                f"a question with generator {self.generator!r} takes its answer from one of "
                "the generator's params: write answer: {param: NAME}",
                at=("answer",),
            )
        known = generator_registry()[self.generator].param_names
        if param not in known:
            raise located_error(
                "unknown_param",
                f"generator {self.generator!r} has no param {param!r}; "
                f"it has {', '.join(sorted(known))}",
                at=("answer", "param"),
            )
        return self

    @property
    def is_template(self) -> bool:
        """True while the answer is a generator's param with no value yet (not a variant)."""
        return self.answer.is_template
