"""The newer question types: matching, ordering, label the diagram, case (a vignette with parts).

Import them from :mod:`livermets_edu.quiz.schema`, which builds the bank's question union from
them; this module builds on the base classes defined there.

- ``matching``: each prompt takes one of the choices (Moodle's matching question; extra choices
  are distractors, and two prompts may share a choice).
- ``ordering``: items written in the correct order; graded by longest common subsequence, as
  PrairieLearn's pl-order-blocks does with ``partial-credit="lcs"``.
- ``label_diagram``: a registered diagram with numbered regions; the learner names each number.
- ``short_answer``: a word or phrase typed by the learner, checked against the bank's answers
  in order (the first that matches decides, as in Moodle and jupyterquiz): case-insensitive
  unless ``match_case``, and with ``fuzzy`` below 1, close spellings pass (similarity
  1 − edit distance ÷ the longer text's length, jupyterquiz's rule). Wrong answers may be listed
  too, with feedback for a common mistake.
- ``case``: a clinical vignette (the stem) and at least two parts, each a question of any other
  type, revealed in order; a part's ``source`` defaults to the case's. A part may name a
  generator; ``variants.concrete`` then gives every such part the same seed.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, Sequence
from typing import Annotated, Any, Literal

from pydantic import Field, Strict, ValidationInfo, field_validator, model_validator

from livermets_edu.names import did_you_mean

from .question_base import (
    Identifier,
    MultipleResponse,
    Numeric,
    Question,
    SingleBestAnswer,
    Text,
    TrueFalse,
    _fill,
    _Strict,
    check_unique_ids,
    located_error,
)
from .render import markdown_to_plain_text
from .text_match import normalise

__all__ = [
    "CASE_PART_TYPES",
    "Case",
    "CasePart",
    "Item",
    "LabelTheDiagram",
    "Matching",
    "Ordering",
    "ShortAnswer",
    "TextAnswer",
    "diagram_registry",
]

Location = tuple[str | int, ...]


def diagram_registry() -> Mapping[str, Any]:
    """The diagrams a label-the-diagram question may name (imported on first use)."""
    return importlib.import_module("livermets_edu.quiz.label_diagrams").LABEL_DIAGRAMS


class Item(_Strict):
    """A prompt or choice of a matching question, or an item to put in order: id and text."""

    id: Identifier
    text: Text

    @field_validator("text")
    @classmethod
    def _fill_placeholders(cls, text: str) -> str | None:
        return _fill(text)


def _item_texts(field: str, items: Sequence[Item]) -> Iterator[tuple[Location, str]]:
    for index, item in enumerate(items):
        yield (field, index, "text"), item.text


class Matching(Question):
    """Match each prompt to a choice; score: the share of prompts matched right."""

    type: Literal["matching"]
    prompts: Annotated[list[Item], Field(min_length=2)]
    choices: Annotated[list[Item], Field(min_length=2)]
    answer: dict[Annotated[str, Strict()], Annotated[str, Strict()]]

    @field_validator("prompts")
    @classmethod
    def _unique_prompt_ids(cls, prompts: list[Item]) -> list[Item]:
        check_unique_ids(prompts, "prompt")
        return prompts

    @field_validator("choices")
    @classmethod
    def _enough_unique_choices(cls, choices: list[Item], info: ValidationInfo) -> list[Item]:
        check_unique_ids(choices, "choice")
        prompts = info.data.get("prompts")
        if prompts is not None and len(choices) < len(prompts):
            raise located_error(
                "too_few_choices",
                f"needs at least as many choices as prompts ({len(prompts)}); "
                f"there are {len(choices)}",
            )
        return choices

    @field_validator("answer")
    @classmethod
    def _answer_matches_every_prompt(
        cls, answer: dict[str, str], info: ValidationInfo
    ) -> dict[str, str]:
        prompts, choices = info.data.get("prompts"), info.data.get("choices")
        if prompts is None or choices is None:  # already reported
            return answer
        prompt_ids, choice_ids = [p.id for p in prompts], [c.id for c in choices]
        for prompt_id, choice_id in answer.items():
            if prompt_id not in prompt_ids:
                raise located_error(
                    "answer_not_a_prompt",
                    f"{prompt_id!r} is not one of the prompts {', '.join(prompt_ids)}",
                    at=(prompt_id,),
                )
            if choice_id not in choice_ids:
                raise located_error(
                    "answer_not_a_choice",
                    f"{choice_id!r} is not one of the choices {', '.join(choice_ids)}",
                    at=(prompt_id,),
                )
        missing = [prompt_id for prompt_id in prompt_ids if prompt_id not in answer]
        if missing:
            raise located_error(
                "unmatched_prompt", f"give the matching choice for {', '.join(missing)}"
            )
        return answer

    def texts(self) -> Iterator[tuple[Location, str]]:
        """Every text of this question a learner may read, with its field path."""
        yield from super().texts()
        yield from _item_texts("prompts", self.prompts)
        yield from _item_texts("choices", self.choices)

    @property
    def prompt_ids(self) -> list[str]:
        """The prompt ids in bank order."""
        return [prompt.id for prompt in self.prompts]

    @property
    def choice_ids(self) -> list[str]:
        """The choice ids in bank order."""
        return [choice.id for choice in self.choices]

    def prompt(self, prompt_id: str) -> Item:
        """The prompt with this id."""
        return _find(self.prompts, prompt_id, self.id, "prompt")

    def choice(self, choice_id: str) -> Item:
        """The choice with this id."""
        return _find(self.choices, choice_id, self.id, "choice")


def _find(items: Sequence[Item], item_id: str, question_id: str, noun: str) -> Item:
    for item in items:
        if item.id == item_id:
            return item
    raise KeyError(f"question {question_id!r} has no {noun} {item_id!r}")


class Ordering(Question):
    """Put the items in order; they are written in the correct order. Score: LCS / n."""

    type: Literal["ordering"]
    items: Annotated[list[Item], Field(min_length=3)]

    @field_validator("items")
    @classmethod
    def _unique_item_ids(cls, items: list[Item]) -> list[Item]:
        check_unique_ids(items, "item")
        return items

    def texts(self) -> Iterator[tuple[Location, str]]:
        """Every text of this question a learner may read, with its field path."""
        yield from super().texts()
        yield from _item_texts("items", self.items)

    @property
    def answer(self) -> list[str]:
        """The item ids in the correct order (the order the bank lists them)."""
        return [item.id for item in self.items]

    def item(self, item_id: str) -> Item:
        """The item with this id."""
        return _find(self.items, item_id, self.id, "item")


class LabelTheDiagram(Question):
    """Name the numbered regions of a registered diagram; score: the share named right."""

    type: Literal["label_diagram"]
    diagram: Annotated[str, Strict()]
    ask: Annotated[list[Annotated[str, Strict()]], Field(min_length=1)] | None = None
    distractors: list[Text] = Field(default_factory=list)

    @field_validator("diagram")
    @classmethod
    def _diagram_exists(cls, name: str) -> str:
        registry = diagram_registry()
        if name not in registry:
            hint = did_you_mean(name, registry) or f"; available: {', '.join(sorted(registry))}"
            raise located_error("unknown_diagram", f"no diagram called {name!r}{hint}")
        return name

    @field_validator("ask")
    @classmethod
    def _asked_regions_are_numbered(
        cls, ask: list[str] | None, info: ValidationInfo
    ) -> list[str] | None:
        name = info.data.get("diagram")
        if ask is None or name is None:
            return ask
        drawing = diagram_registry()[name]
        numbered = list(drawing.numbering.values())
        for position, region in enumerate(ask):
            if region in ask[:position]:
                raise located_error(
                    "duplicate_region", f"{region!r} is asked twice", at=(position,)
                )
            if region not in numbered:
                raise located_error(
                    "unknown_region",
                    f"diagram {name!r} has no numbered region {region!r}"
                    f"{did_you_mean(region, numbered)}",
                    at=(position,),
                )
            # A description or an ambiguous number has no single right name to ask for.
            refusal = drawing.refusal(region)
            if refusal:
                raise located_error(
                    "region_not_askable",
                    f"{refusal}; askable regions: {', '.join(drawing.askable_regions)}",
                    at=(position,),
                )
        return ask

    @field_validator("distractors")
    @classmethod
    def _distractors_are_wrong_names(
        cls, distractors: list[str], info: ValidationInfo
    ) -> list[str]:
        name = info.data.get("diagram")
        names = set(diagram_registry()[name].display_names.values()) if name else set()
        for position, distractor in enumerate(distractors):
            if distractor in names:
                raise located_error(
                    "distractor_is_a_name",
                    f"{distractor!r} names a region of diagram {name!r}, so it is no distractor",
                    at=(position,),
                )
            if distractor in distractors[:position]:
                raise located_error(
                    "duplicate_distractor", f"{distractor!r} is listed twice", at=(position,)
                )
        return distractors

    def texts(self) -> Iterator[tuple[Location, str]]:
        """Every text of this question a learner may read, with its field path."""
        yield from super().texts()
        for position, distractor in enumerate(self.distractors):
            yield ("distractors", position), distractor

    @property
    def drawing(self) -> Any:
        """The registered diagram (``label_diagrams.LABEL_DIAGRAMS[self.diagram]``)."""
        return diagram_registry()[self.diagram]

    @property
    def answer(self) -> dict[int, str]:
        """Each asked number, in increasing order, with the name a learner must give."""
        return dict(self.drawing.answer_key(self.ask))

    @property
    def name_choices(self) -> list[str]:
        """The names a learner picks from: those of the asked regions and the distractors."""
        return sorted({*self.answer.values(), *self.distractors}, key=str.casefold)


class TextAnswer(_Strict):
    """One answer a short-answer question recognises: right (default) or a common mistake."""

    text: Text
    correct: Annotated[bool, Strict()] = True
    match_case: Annotated[bool, Strict()] = False
    # The least similarity accepted: 1 = the same text (spaces and, unless match_case, case
    # aside); 0.8 lets one slip in five letters pass.
    fuzzy: Annotated[float, Strict(), Field(gt=0.0, le=1.0, allow_inf_nan=False)] = 1.0
    feedback: Annotated[str, Strict()] | None = None

    @field_validator("text", "feedback")
    @classmethod
    def _fill_placeholders(cls, text: str | None) -> str | None:
        return _fill(text)

    @field_validator("text")
    @classmethod
    def _something_to_type(cls, text: str) -> str:
        # An answer is what a learner types: its Markdown's plain text (grading.typed_text).
        # Markup alone (<span></span>, **) reads as nothing, so nobody could ever match it
        # and the revealed answer would be blank.
        if not normalise(markdown_to_plain_text(text)):
            raise located_error(
                "empty_answer",
                f"{text!r} reads as nothing a learner could type once its Markdown or HTML "
                "is taken away; write the answer as plain text",
            )
        return text


class ShortAnswer(Question):
    """Type a word or phrase; the first listed answer it matches decides the score."""

    type: Literal["short_answer"]
    answers: Annotated[list[TextAnswer], Field(min_length=1)]

    @field_validator("answers")
    @classmethod
    def _one_right_answer_at_least(cls, answers: list[TextAnswer]) -> list[TextAnswer]:
        if not any(answer.correct for answer in answers):
            raise located_error("no_correct_answer", "list at least one answer with correct: true")
        return answers

    def texts(self) -> Iterator[tuple[Location, str]]:
        """Every text of this question a learner may read, with its field path."""
        yield from super().texts()
        for index, answer in enumerate(self.answers):
            yield ("answers", index, "text"), answer.text
            if answer.feedback:
                yield ("answers", index, "feedback"), answer.feedback

    @property
    def correct_answers(self) -> list[TextAnswer]:
        """The answers that score 1, in bank order."""
        return [answer for answer in self.answers if answer.correct]


# Every question type but case; a case part is one of these.
CasePart = Annotated[
    SingleBestAnswer
    | MultipleResponse
    | TrueFalse
    | Numeric
    | Matching
    | Ordering
    | LabelTheDiagram
    | ShortAnswer,
    Field(discriminator="type"),
]
CASE_PART_TYPES = (
    "single",
    "multiple",
    "true_false",
    "numeric",
    "matching",
    "ordering",
    "label_diagram",
    "short_answer",
)
# Stands in for a part's source while the case's own is missing or invalid: that error is
# reported once, at the case, rather than again at every part that inherits it.
_SOURCE_REPORTED_AT_THE_CASE = "(the case's source)"


class Case(Question):
    """A clinical vignette (the stem) with parts revealed in order; score: the mean of parts."""

    type: Literal["case"]
    parts: Annotated[list[CasePart], Field(min_length=2)]

    @model_validator(mode="before")
    @classmethod
    def _parts_inherit_the_source(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("parts"), list):
            return data
        source = data.get("source")
        if not (isinstance(source, str) and source.strip()):
            source = _SOURCE_REPORTED_AT_THE_CASE
        parts = [
            {**part, "source": source} if isinstance(part, dict) and "source" not in part else part
            for part in data["parts"]
        ]
        return {**data, "parts": parts}  # a copy: validation never changes the bank's data

    @field_validator("parts")
    @classmethod
    def _unique_part_ids(cls, parts: list[Question]) -> list[Question]:
        check_unique_ids(parts, "part", " in this case")
        return parts

    @property
    def is_template(self) -> bool:
        """True while a part names a generator: ``variants.concrete`` makes the case's variant."""
        return any(part.is_template for part in self.parts)

    @property
    def part_ids(self) -> list[str]:
        """The part ids in the order they are revealed."""
        return [part.id for part in self.parts]

    def part(self, part_id: str) -> Question:
        """The part with this id."""
        for part in self.parts:
            if part.id == part_id:
                return part
        hint = did_you_mean(str(part_id), self.part_ids)
        raise KeyError(f"case {self.id!r} has no part {part_id!r}{hint}")

    def part_result_id(self, part_id: str) -> str:
        """The id a part's result is recorded under: 'case_id/part_id'."""
        return f"{self.id}/{self.part(part_id).id}"
