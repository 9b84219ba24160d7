"""The answer controls of the notebook quiz, one kind per question type; stock ipywidgets only.

Each control turns what the learner set into the response ``grade`` expects, and can be
cleared, locked and watched for changes. Every control is keyboard-usable and labelled: a
radio group or checkbox per option, a text box (a number, or a short answer's word or
phrase), or one Dropdown per prompt, position or
number whose description (a real ``<label>``) says what it is for. Dropdown and radio labels
are plain text (bank Markdown flattened), so nothing in them is read as HTML.

Lists are shown in the order ``static_html.shown_orders`` gives (an exam paper's order when
there is one): an ordering question's items never in bank order, which is the answer.
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import ipywidgets as widgets
from traitlets import TraitError

from .exam import OptionOrder
from .render import markdown_to_plain_text
from .schema import (
    Case,
    LabelTheDiagram,
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    SingleBestAnswer,
    TrueFalse,
)
from .static_html import letter

__all__ = [
    "CHOICE_LABEL",
    "PLACEHOLDER",
    "AnswerControl",
    "ChoiceControl",
    "DiagramControl",
    "MatchingControl",
    "NumberControl",
    "OptionsControl",
    "OrderingControl",
    "TextControl",
    "answer_control",
    "instruction",
]

PLACEHOLDER = "—"  # the empty choice of a Dropdown: nothing picked yet
CHOICE_LABEL = "Your answer"  # the label of a radio group (one answer, or True/False)
_WIDE_LABEL = {"description_width": "initial"}


def _full_width() -> widgets.Layout:
    return widgets.Layout(width="100%")


def instruction(question: Question, *, exam: bool = False) -> str:
    """What to do, in words, e.g. 'Choose one answer, then press Submit.'"""
    press = "Save answer" if exam else "Submit"
    if isinstance(question, MultipleResponse):
        task = "Choose all that apply"
    elif isinstance(question, Numeric):
        task = "Type a number"
    elif isinstance(question, ShortAnswer):
        task = "Type a word or phrase"
    elif isinstance(question, Matching):
        task = "For each prompt, choose its match from the list (a choice may fit more than one)"
    elif isinstance(question, Ordering):
        task = "For each position, first to last, choose the item that goes there"
    elif isinstance(question, LabelTheDiagram):
        task = "For each number on the figure, choose the name of the part it marks"
    else:
        task = "Choose one answer"
    return f"{task}, then press {press}."


def _ordered(ids_in_bank_order: Sequence[str], shown: Sequence[str] | None) -> list[str]:
    """The ids in the shown order (bank order when none is given)."""
    if not shown:
        return list(ids_in_bank_order)
    return [item_id for item_id in shown if item_id in ids_in_bank_order]


def _plain(text: str) -> str:
    return markdown_to_plain_text(text)


class AnswerControl:
    """What a card shows to take an answer: ``widget``, plus read, clear, lock and watch."""

    widget: widgets.Widget

    def value_widgets(self) -> list[widgets.ValueWidget]:
        """The widgets whose value is the answer (to watch for changes and to lock)."""
        return [self.widget]  # type: ignore[list-item]

    def response(self) -> Any:
        """What the learner has entered so far, in the form ``grade`` expects."""
        return self.widget.value  # type: ignore[attr-defined]

    def problem(self) -> str | None:
        """Why the answer is not complete yet, in the learner's words, or None."""
        return None

    def clear(self) -> None:
        """Empty the control."""
        for control in self.value_widgets():
            control.value = None

    def show(self, response: Any) -> None:
        """Set the control to a saved response (as ``normalise_response`` stores it)."""
        _set(self.widget, response)

    def set_enabled(self, enabled: bool) -> None:
        """Allow or stop changes."""
        for control in self.value_widgets():
            control.disabled = not enabled  # type: ignore[attr-defined]

    def on_change(self, callback: Callable[[], None]) -> None:
        """Call ``callback`` whenever the learner changes the answer."""
        for control in self.value_widgets():
            control.observe(lambda _change: callback(), names="value")


class ChoiceControl(AnswerControl):
    """Radio buttons: one option of a single-answer question, or True/False."""

    def __init__(self, question: SingleBestAnswer | TrueFalse, shown: Sequence[str] | None) -> None:
        if isinstance(question, TrueFalse):
            options: list[tuple[str, Any]] = [("True", True), ("False", False)]
        else:
            ids = _ordered(question.option_ids, shown)
            # Letters follow the bank (the feedback names options by them); a shuffled exam
            # paper shows no letters, so none can disagree with the feedback.
            lettered = ids == question.option_ids
            options = [
                (
                    f"{question.label(option_id)}. {_plain(question.option(option_id).text)}"
                    if lettered
                    else _plain(question.option(option_id).text),
                    option_id,
                )
                for option_id in ids
            ]
        # The description is the radio group's label (ipywidgets renders it as a <label> tied
        # to the group), so a screen reader names the group; the stem is read just above it.
        self.widget = widgets.RadioButtons(
            options=options,
            value=None,
            description=CHOICE_LABEL,
            style=_WIDE_LABEL,
            layout=_full_width(),
        )


class OptionsControl(AnswerControl):
    """A checkbox per option of a multiple-response question."""

    def __init__(self, question: MultipleResponse, shown: Sequence[str] | None) -> None:
        ids = _ordered(question.option_ids, shown)
        lettered = ids == question.option_ids
        self.checkboxes: dict[str, widgets.Checkbox] = {}
        for option_id in ids:
            text = _plain(question.option(option_id).text)
            self.checkboxes[option_id] = widgets.Checkbox(
                value=False,
                description=f"{question.label(option_id)}. {text}" if lettered else text,
                indent=False,
                layout=_full_width(),
            )
        self.widget = widgets.VBox(list(self.checkboxes.values()))

    def value_widgets(self) -> list[widgets.ValueWidget]:
        """The checkboxes."""
        return list(self.checkboxes.values())

    def response(self) -> list[str]:
        """The ids of the options ticked."""
        return [option_id for option_id, box in self.checkboxes.items() if box.value]

    def clear(self) -> None:
        """Untick every box."""
        for box in self.checkboxes.values():
            box.value = False

    def show(self, response: Any) -> None:
        """Tick the boxes of the saved option ids."""
        chosen = set(response) if isinstance(response, list) else set()
        for option_id, box in self.checkboxes.items():
            box.value = option_id in chosen


class NumberControl(AnswerControl):
    """A text box for a number, labelled with its unit."""

    def __init__(self, question: Numeric) -> None:
        unit = question.answer.unit
        self.widget = widgets.Text(
            value="",
            placeholder="a number",
            description=f"Answer ({unit})" if unit else "Answer",
            style=_WIDE_LABEL,
        )

    def clear(self) -> None:
        """Empty the box."""
        self.widget.value = ""  # type: ignore[attr-defined]

    def show(self, response: Any) -> None:
        """Put the saved number (or the text typed) back in the box."""
        self.widget.value = "" if response is None else str(response)  # type: ignore[attr-defined]


class TextControl(AnswerControl):
    """A text box for a short answer: a word or phrase."""

    def __init__(self) -> None:
        # No hint of the answer's length or spelling: the placeholder only says what to type.
        self.widget = widgets.Text(
            value="",
            placeholder="a word or phrase",
            description="Answer",
            style=_WIDE_LABEL,
            layout=widgets.Layout(width="32em", max_width="100%"),
        )

    def clear(self) -> None:
        """Empty the box."""
        self.widget.value = ""  # type: ignore[attr-defined]

    def show(self, response: Any) -> None:
        """Put the saved text back in the box."""
        self.widget.value = response if isinstance(response, str) else ""  # type: ignore[attr-defined]


def _dropdown(description: str, options: list[tuple[str, Any]], tooltip: str) -> widgets.Dropdown:
    return widgets.Dropdown(
        options=[(PLACEHOLDER, None), *options],
        value=None,
        description=description,
        tooltip=tooltip,
        style=_WIDE_LABEL,
        layout=widgets.Layout(width="max-content", max_width="100%"),
    )


class _DropdownsControl(AnswerControl):
    """Several Dropdowns that together make one answer."""

    dropdowns: Mapping[Any, widgets.Dropdown]

    def value_widgets(self) -> list[widgets.ValueWidget]:
        """The Dropdowns."""
        return list(self.dropdowns.values())

    def _unset(self) -> list[Any]:
        return [key for key, dropdown in self.dropdowns.items() if dropdown.value is None]

    def show(self, response: Any) -> None:
        """Set each Dropdown to the saved choice: {prompt or number (as text): id}, or a list."""
        if isinstance(response, list):
            picked = {position: value for position, value in enumerate(response, start=1)}
        elif isinstance(response, Mapping):
            picked = {str(key): value for key, value in response.items()}
        else:
            picked = {}
        for key, dropdown in self.dropdowns.items():
            _set(dropdown, picked.get(key, picked.get(str(key))))


class MatchingControl(_DropdownsControl):
    """One Dropdown per prompt, described by the prompt, offering every choice."""

    def __init__(self, question: Matching, orders: OptionOrder, prefix: str = "") -> None:
        choices = [
            (_plain(question.choice(choice_id).text), choice_id)
            for choice_id in _ordered(question.choice_ids, orders.get(f"{prefix}choices"))
        ]
        prompts = _ordered(question.prompt_ids, orders.get(f"{prefix}prompts"))
        self.dropdowns: dict[str, widgets.Dropdown] = {
            prompt_id: _dropdown(
                _plain(question.prompt(prompt_id).text),
                choices,
                tooltip="Choose the match for this prompt",
            )
            for prompt_id in prompts
        }
        self.widget = widgets.VBox(list(self.dropdowns.values()))

    def response(self) -> dict[str, str]:
        """{prompt id: choice id} for every prompt matched so far."""
        return {key: d.value for key, d in self.dropdowns.items() if d.value is not None}

    def problem(self) -> str | None:
        """Asks for a match for every prompt."""
        unset = self._unset()
        if not unset:
            return None
        return f"Choose a match for every prompt first ({len(unset)} still to choose)."


class OrderingControl(_DropdownsControl):
    """One Dropdown per position, first to last, each offering every item.

    A Dropdown per position (rather than up/down buttons) keeps the keyboard focus where the
    learner put it and lets a screen reader announce "Position 2 of 4" with the item chosen.
    The items are listed, lettered, in a shuffled order above the Dropdowns; the Dropdowns
    start empty, so nothing suggests an order.
    """

    def __init__(self, question: Ordering, orders: OptionOrder, prefix: str = "") -> None:
        self.shown_order = _ordered(question.answer, orders.get(f"{prefix}items"))
        items = [
            (f"{letter(index)}. {_plain(question.item(item_id).text)}", item_id)
            for index, item_id in enumerate(self.shown_order)
        ]
        count = len(items)
        self.items_list = widgets.HTML(
            value="<p>Items:</p><ul>"
            + "".join(f"<li>{_escape(label)}</li>" for label, _ in items)
            + "</ul>"
        )
        self.dropdowns: dict[int, widgets.Dropdown] = {
            position: _dropdown(
                f"Position {position} of {count}"
                + (" (first)" if position == 1 else " (last)" if position == count else ""),
                items,
                tooltip=f"Choose the item that goes in position {position}",
            )
            for position in range(1, count + 1)
        }
        self.widget = widgets.VBox([self.items_list, *self.dropdowns.values()])

    def response(self) -> list[str | None]:
        """The item ids by position, first to last (None where nothing is chosen yet)."""
        return [dropdown.value for dropdown in self.dropdowns.values()]

    def problem(self) -> str | None:
        """Asks for an item in every position, each item once."""
        if self._unset():
            return "Choose an item for every position first."
        chosen = self.response()
        twice = [
            dropdown.label
            for position, dropdown in self.dropdowns.items()
            if chosen.index(dropdown.value) < position - 1
        ]
        if twice:
            return f"Use each item once: {'; '.join(sorted(set(twice)))} is chosen twice."
        return None


class DiagramControl(_DropdownsControl):
    """The numbered figure, its alt text as a caption, and one Dropdown per number asked."""

    def __init__(self, question: LabelTheDiagram) -> None:
        drawing = question.drawing
        alt = drawing.alt_text()
        # widgets.Image has no alt attribute: the alt text goes in its tooltip (the img title)
        # and, for everyone, in a caption beneath it.
        self.image = widgets.Image(
            value=drawing.png(),
            format="png",
            tooltip=alt,
            layout=widgets.Layout(max_width="100%", height="auto"),
        )
        self.caption = widgets.HTML(value=f'<p class="lm-quiz-caption"><em>{_escape(alt)}</em></p>')
        names = [(name, name) for name in question.name_choices]
        self.dropdowns: dict[int, widgets.Dropdown] = {
            number: _dropdown(
                f"Number {number}", names, tooltip=f"Choose the name of the part numbered {number}"
            )
            for number in question.answer
        }
        self.widget = widgets.VBox([self.image, self.caption, *self.dropdowns.values()])

    def response(self) -> dict[int, str]:
        """{number: name} for every number named so far."""
        return {number: d.value for number, d in self.dropdowns.items() if d.value is not None}

    def problem(self) -> str | None:
        """Asks for a name for every number."""
        unset = self._unset()
        if not unset:
            return None
        return (
            f"Choose a name for every number first (still to name: {', '.join(map(str, unset))})."
        )


def _set(control: widgets.Widget, value: Any) -> None:
    """Set a choice widget's value, or leave it empty if the value is not among its options."""
    try:
        control.value = value  # type: ignore[attr-defined]
    except TraitError:  # not one of its options (a changed bank): show nothing rather than fail
        control.value = None  # type: ignore[attr-defined]


def _escape(text: str) -> str:
    return html.escape(text, quote=True)


def answer_control(question: Question, orders: OptionOrder, prefix: str = "") -> AnswerControl:
    """The control for a question's answer, lists in the given order ('PART.' keys: prefix)."""
    if isinstance(question, (SingleBestAnswer, TrueFalse)):
        shown = orders.get(f"{prefix}options") if isinstance(question, SingleBestAnswer) else None
        return ChoiceControl(question, shown)
    if isinstance(question, MultipleResponse):
        return OptionsControl(question, orders.get(f"{prefix}options"))
    if isinstance(question, Numeric):
        return NumberControl(question)
    if isinstance(question, ShortAnswer):
        return TextControl()
    if isinstance(question, Matching):
        return MatchingControl(question, orders, prefix)
    if isinstance(question, Ordering):
        return OrderingControl(question, orders, prefix)
    if isinstance(question, LabelTheDiagram):
        return DiagramControl(question)
    if isinstance(question, Case):
        raise TypeError("a case has a card of its own (CaseCard), not one answer control")
    raise TypeError(f"no widget for a {type(question).__name__}")
