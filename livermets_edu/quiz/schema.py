"""The typed shape of a quiz bank: options, answers, the question types, the bank.

A bank is data, checked here once, so grading and rendering can trust it. Validation errors
carry, in their context, where inside the offending node they belong (``at``) and, for text,
the snippet to find (``needle``), so the loader can point at the exact YAML line.

Fact placeholders in text are resolved during validation: a validated ``Question`` holds the
text a learner reads. ``{param:NAME}`` placeholders stay: only a numeric question that names a
``generator`` may use them, and it is a template until ``variants.concrete`` fills them in.

The base class and the choice, true/false and numeric types live in :mod:`.question_base`;
matching, ordering, label-the-diagram and case (vignette) questions in :mod:`.question_types`,
which builds on it. This module gathers every type into one union and defines the bank.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Any

from pydantic import Field, PrivateAttr, TypeAdapter, model_validator

from livermets_edu.names import did_you_mean

from .question_base import (
    DEFAULT_ABS_TOL,
    DEFAULT_REL_TOL,
    QUESTION_TYPES,
    Identifier,
    MultipleResponse,
    Numeric,
    NumericAnswer,
    Option,
    Question,
    SingleBestAnswer,
    TemplateQuestionError,
    Text,
    TrueFalse,
    _Strict,
    located_error,
)

__all__ = [
    "DEFAULT_ABS_TOL",
    "DEFAULT_REL_TOL",
    "Identifier",
    "Text",
    "located_error",
    "QUESTION_MODELS",
    "QUESTION_TYPES",
    "AnyQuestion",
    "Bank",
    "Case",
    "CasePart",
    "Item",
    "LabelTheDiagram",
    "Matching",
    "MultipleResponse",
    "Numeric",
    "NumericAnswer",
    "Option",
    "Ordering",
    "ShortAnswer",
    "TextAnswer",
    "Question",
    "SingleBestAnswer",
    "TemplateQuestionError",
    "TrueFalse",
    "parse_question",
]

from .question_types import (
    Case,
    CasePart,
    Item,
    LabelTheDiagram,
    Matching,
    Ordering,
    ShortAnswer,
    TextAnswer,
)

AnyQuestion = Annotated[
    SingleBestAnswer
    | MultipleResponse
    | TrueFalse
    | Numeric
    | Matching
    | Ordering
    | LabelTheDiagram
    | ShortAnswer
    | Case,
    Field(discriminator="type"),
]
QUESTION_MODELS: dict[str, type[Question]] = {
    "single": SingleBestAnswer,
    "multiple": MultipleResponse,
    "true_false": TrueFalse,
    "numeric": Numeric,
    "matching": Matching,
    "ordering": Ordering,
    "label_diagram": LabelTheDiagram,
    "short_answer": ShortAnswer,
    "case": Case,
}
_QUESTION_ADAPTER: TypeAdapter[Question] = TypeAdapter(AnyQuestion)


def parse_question(data: dict[str, Any]) -> Question:
    """A validated question of the right type from a mapping (as written in a bank)."""
    return _QUESTION_ADAPTER.validate_python(data)


class Bank(_Strict):
    """A lesson's questions: ``len(bank)``, ``for q in bank``, ``bank["bs-001"]``."""

    bank: Identifier
    title: Text
    lesson: Text
    questions: Annotated[list[AnyQuestion], Field(min_length=1)]

    _by_id: dict[str, Question] = PrivateAttr(default_factory=dict)

    @model_validator(mode="after")
    def _unique_question_ids(self) -> Bank:
        seen: set[str] = set()
        for index, question in enumerate(self.questions):
            if question.id in seen:
                raise located_error(
                    "duplicate_question_id",
                    f"question id {question.id!r} is used twice",
                    at=("questions", index, "id"),
                )
            seen.add(question.id)
        return self

    def model_post_init(self, context: Any, /) -> None:
        self._by_id = {question.id: question for question in self.questions}

    @property
    def name(self) -> str:
        """The bank's name, e.g. '01-blood-supply' (also its file stem)."""
        return self.bank

    @property
    def ids(self) -> list[str]:
        """The question ids in bank order."""
        return list(self._by_id)

    def __len__(self) -> int:
        return len(self.questions)

    def __iter__(self) -> Iterator[Question]:  # type: ignore[override]
        return iter(self.questions)

    def __contains__(self, question_id: object) -> bool:
        return question_id in self._by_id

    def __getitem__(self, key: str | int) -> Question:
        if isinstance(key, int):
            return self.questions[key]
        try:
            return self._by_id[key]
        except KeyError:
            hint = did_you_mean(str(key), self._by_id)
            raise KeyError(f"bank {self.bank!r} has no question {key!r}{hint}") from None
