"""A quiz as plain HTML with no JavaScript and no kernel: answers open with ``<details>``.

GitHub and nbviewer strip scripts from notebooks, so jupyterquiz-style JavaScript quizzes go
blank there. This page keeps working: each question lists its options, and a "Show answer"
disclosure (native HTML, keyboard and screen-reader friendly) reveals the answer, the
feedback for each option and the explanation. Every piece of bank text is rendered through
the sanitiser in ``render``; everything else is escaped.

Every question type renders: matching as a table of numbered prompts and lettered choices,
ordering as a lettered list in a scrambled order (never the bank's, which is the answer; a
matching question's choices likewise, as writers list them in the order of the prompts),
label-the-diagram as the numbered figure (a PNG data URI with alt text, repeated as a
caption) and the numbers to name, a short answer as its prompt alone (the accepted answers,
and any listed wrong answers with their feedback, wait in the <details>), and a case as its
vignette and parts. A parametrized
question is shown as the variant the self-check widget first shows and a bank export carries
(``exam.anonymous_item_seed``: student 'anonymous', quiz seed 0), marked "numbers vary per
student".

``shown_orders`` is the one place that decides the order a front end without an exam paper
shows lists in; the notebook widget uses it too.
"""

from __future__ import annotations

import base64
import hashlib
import html
import os
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from . import atomic
from .exam import SHUFFLED_LISTS, OptionOrder, anonymous_item_seed, option_order, scrambled
from .grading import answer_markdown
from .render import markdown_to_safe_html
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
from .selection import QuizSource, Selection, select_questions
from .variants import concrete

__all__ = ["StaticQuiz", "letter", "show_static", "shown_orders", "to_static_html"]

EDUCATION_NOTE = "For education only: not medical advice."

# Colours inherit from the page so the quiz stays readable in light and dark notebook themes;
# the full page sets its own high-contrast colours.
_QUIZ_CSS = """
.lm-quiz { max-width: 48rem; line-height: 1.5; }
.lm-quiz-questions > li { margin: 0 0 1.5rem; }
.lm-quiz-options { list-style: none; padding-left: 0.5rem; }
.lm-quiz-options li { margin: 0.25rem 0; }
.lm-quiz-prompt { font-style: italic; margin: 0.25rem 0; }
.lm-quiz details { border: 1px solid currentColor; border-radius: 4px; padding: 0.25rem 0.75rem;
  margin-top: 0.5rem; }
.lm-quiz summary { cursor: pointer; font-weight: 600; text-decoration: underline; }
.lm-quiz summary:focus-visible { outline: 3px solid #0072B2; outline-offset: 2px; }
.lm-quiz-source, .lm-quiz-note { font-size: 0.9em; }
.lm-quiz table { border-collapse: collapse; margin: 0.25rem 0; }
.lm-quiz th, .lm-quiz td { border: 1px solid currentColor; padding: 0.2rem 0.5rem;
  text-align: left; vertical-align: top; }
.lm-quiz figure { margin: 0.5rem 0; } .lm-quiz figure img { max-width: 100%; height: auto; }
.lm-quiz-parts > li { margin: 0.75rem 0; }
""".strip()

_PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
  padding: 0 1rem; max-width: 50rem; color: #1a1a1a; background: #ffffff; }
a { color: #0b5394; }
@media (prefers-color-scheme: dark) {
  body { color: #f0f0f0; background: #121212; } a { color: #8ab4f8; } }
""".strip()


class _Entry(Protocol):
    """An option, prompt, choice or item: it has an id and a text."""

    @property
    def id(self) -> str: ...

    @property
    def text(self) -> str: ...


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "quiz"


# Lists that reveal the answer in bank order: an ordering's items are written in the right
# order, and writers tend to list a matching question's choices in the order of its prompts.
_ANSWER_ORDERED_LISTS = ("items", "choices")


def _fixed_seed(question_id: str) -> int:
    """A seed fixed by the question id, so a page shows the same order on every render."""
    return int.from_bytes(hashlib.sha256(f"shown order|{question_id}".encode()).digest()[:8], "big")


def _list_name(key: str) -> str:
    return key.rsplit(".", 1)[-1]


def _bank_orders(question: Question, prefix: str = "") -> OptionOrder:
    """Each list of the question (and of a case's parts) in bank order, keyed as exam keys it."""
    orders: OptionOrder = {}
    for name in SHUFFLED_LISTS:
        entries = getattr(question, name, None)
        if isinstance(entries, list) and all(hasattr(entry, "id") for entry in entries):
            orders[f"{prefix}{name}"] = [entry.id for entry in entries]
    for part in getattr(question, "parts", None) or ():
        orders.update(_bank_orders(part, f"{part.id}."))
    return orders


def shown_orders(
    question: Question, orders: Mapping[str, Sequence[str]] | None = None
) -> OptionOrder:
    """The order to show each list of a question in ('options', 'PART.items', …).

    ``orders`` is an exam paper's (``QuizSession.option_order``); without one, options and
    prompts keep the bank's order (their letters match the feedback) and items and choices
    are ``exam.scrambled`` with a seed fixed by the question id. Either way an ordering's items
    (and a matching question's choices) are never shown in bank order, nor bank order turned
    by one place (that would put each prompt's answer one place above it): a list that comes
    in bank order is scrambled.
    """
    bank = _bank_orders(question)
    if orders is None:
        mixed = option_order(question, _fixed_seed(question.id), shuffle=True)
        orders = {
            key: ids if _list_name(key) in _ANSWER_ORDERED_LISTS else bank.get(key, ids)
            for key, ids in mixed.items()
        }
    result: OptionOrder = {}
    for key, ids in orders.items():
        shown = list(ids)
        if _list_name(key) in _ANSWER_ORDERED_LISTS and len(shown) > 1 and shown == bank.get(key):
            shown = scrambled(shown, f"{question.id}|{key}")
        result[key] = shown
    return result


def letter(index: int) -> str:
    """The letter a learner sees for the index-th shown entry (0-based): A, B, … Z, AA, …"""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def _in_order(entries: Sequence[_Entry], ids: Sequence[str] | None) -> list[_Entry]:
    """The entries (options, items…) in the shown order; bank order without one."""
    if not ids:
        return list(entries)
    by_id = {entry.id: entry for entry in entries}
    return [by_id[entry_id] for entry_id in ids if entry_id in by_id]


def _prompt(question: Question) -> str:
    if isinstance(question, SingleBestAnswer):
        return "Choose one answer."
    if isinstance(question, MultipleResponse):
        return "Choose all that apply."
    if isinstance(question, TrueFalse):
        return "True or false?"
    if isinstance(question, Numeric):
        unit = question.answer.unit
        return f"Enter a number (in {html.escape(unit)})." if unit else "Enter a number."
    if isinstance(question, Matching):
        return "Match each numbered prompt to a lettered choice (a choice may fit more than one)."
    if isinstance(question, Ordering):
        return "Put these in order, first to last."
    if isinstance(question, LabelTheDiagram):
        return "Name each numbered part of the figure."
    if isinstance(question, ShortAnswer):
        return "Type a word or phrase."
    if isinstance(question, Case):
        return "Read the case, then answer its parts in order."
    return ""


def _lettered_list(entries: Sequence[_Entry], css: str = "lm-quiz-options") -> str:
    items = "".join(
        f"<li><strong>{letter(index)}.</strong> "
        f"{markdown_to_safe_html(entry.text, inline=True)}</li>"
        for index, entry in enumerate(entries)
    )
    return f'<ul class="{css}">{items}</ul>'


def _matching_html(question: Matching, orders: OptionOrder, prefix: str) -> str:
    rows = "".join(
        f'<tr><th scope="row">{number}</th>'
        f"<td>{markdown_to_safe_html(prompt.text, inline=True)}</td></tr>"
        for number, prompt in enumerate(
            _in_order(question.prompts, orders.get(f"{prefix}prompts")), start=1
        )
    )
    choices = _in_order(question.choices, orders.get(f"{prefix}choices"))
    return (
        '<table class="lm-quiz-matching"><caption>Prompts</caption>'
        '<thead><tr><th scope="col">#</th><th scope="col">Prompt</th></tr></thead>'
        f"<tbody>{rows}</tbody></table>"
        f"<p>Choices:</p>{_lettered_list(choices)}"
    )


def _diagram_html(question: LabelTheDiagram) -> str:
    drawing = question.drawing
    # The PNG is drawn by our own code; only the alt text is text, and it is escaped.
    image = base64.b64encode(drawing.png()).decode("ascii")
    alt = html.escape(drawing.alt_text(), quote=True)
    numbers = "".join(f"<li>Number {number}</li>" for number in question.answer)
    names = "".join(
        f"<li>{markdown_to_safe_html(name, inline=True)}</li>" for name in question.name_choices
    )
    return (
        f'<figure><img src="data:image/png;base64,{image}" alt="{alt}">'
        f"<figcaption>{alt}</figcaption></figure>"
        f'<p>Numbers to name:</p><ul class="lm-quiz-options">{numbers}</ul>'
        f"<p>Names to choose from:</p><ul>{names}</ul>"
    )


def _options_html(question: Question, orders: OptionOrder | None = None, prefix: str = "") -> str:
    orders = shown_orders(question) if orders is None else orders
    if isinstance(question, (SingleBestAnswer, MultipleResponse)):
        items = "".join(
            f"<li><strong>{question.label(option.id)}.</strong> "
            f"{markdown_to_safe_html(option.text, inline=True)}</li>"
            for option in _in_order(question.options, orders.get(f"{prefix}options"))
        )
        return f'<ul class="lm-quiz-options">{items}</ul>'
    if isinstance(question, TrueFalse):
        return '<ul class="lm-quiz-options"><li>True</li><li>False</li></ul>'
    if isinstance(question, Matching):
        return _matching_html(question, orders, prefix)
    if isinstance(question, Ordering):
        return _lettered_list(_in_order(question.items, orders.get(f"{prefix}items")))
    if isinstance(question, LabelTheDiagram):
        return _diagram_html(question)
    if isinstance(question, Case):
        parts = "".join(
            f'<li class="lm-quiz-part"><p><strong>Part {position}.</strong></p>'
            f'<div class="lm-quiz-stem">{markdown_to_safe_html(part.stem)}</div>'
            f'<p class="lm-quiz-prompt">{_prompt(part)}</p>'
            f"{_options_html(part, orders, f'{part.id}.')}</li>"
            for position, part in enumerate(question.parts, start=1)
        )
        return f'<ol class="lm-quiz-parts">{parts}</ol>'
    return ""


def _short_answer_feedback_html(question: ShortAnswer) -> str:
    items = "".join(
        f"<li><strong>{markdown_to_safe_html(answer.text, inline=True)}</strong> "
        f"({'accepted' if answer.correct else 'not accepted'}): "
        f"{markdown_to_safe_html(answer.feedback, inline=True)}</li>"
        for answer in question.answers
        if answer.feedback
    )
    return f"<p>About some answers:</p><ul>{items}</ul>" if items else ""


def _feedback_html(question: Question) -> str:
    if isinstance(question, ShortAnswer):
        return _short_answer_feedback_html(question)
    if not isinstance(question, (SingleBestAnswer, MultipleResponse)):
        return ""
    correct = {question.answer} if isinstance(question, SingleBestAnswer) else set(question.answer)
    items = "".join(
        f"<li><strong>{question.label(option.id)}</strong> "
        f"({'correct' if option.id in correct else 'incorrect'}): "
        f"{markdown_to_safe_html(option.feedback, inline=True)}</li>"
        for option in question.options
        if option.feedback
    )
    return f"<p>About each option:</p><ul>{items}</ul>" if items else ""


TEMPLATE_NOTE = "Numbers vary per student: this is one example of the question."


def _answer_html(question: Question) -> str:
    markdown = answer_markdown(question)
    if "\n" not in markdown:
        return f"<p><strong>Answer:</strong> {markdown_to_safe_html(markdown, inline=True)}</p>"
    # A list (matching, ordering, a case's parts) is a block: it cannot sit inside a <p>.
    return (
        '<div class="lm-quiz-answer"><p><strong>Answer:</strong></p>'
        f"{markdown_to_safe_html(markdown)}</div>"
    )


def _question_html(question: Question, anchor: str) -> str:
    note = ""
    if question.is_template:
        # The page cannot draw numbers per reader, so it shows the variant the self-check
        # widget first shows (and a bank export carries), and says so.
        question = concrete(question, anonymous_item_seed(question.id))
        note = f'<p class="lm-quiz-note"><em>{TEMPLATE_NOTE}</em></p>'
    explanation = (
        f'<div class="lm-quiz-explanation">{markdown_to_safe_html(question.explanation)}</div>'
        if question.explanation.strip()
        else ""
    )
    return (
        f'<li class="lm-quiz-question" id="{anchor}-{_slug(question.id)}">'
        f'<div class="lm-quiz-stem">{markdown_to_safe_html(question.stem)}</div>'
        f"{note}"
        f'<p class="lm-quiz-prompt">{_prompt(question)}</p>'
        f"{_options_html(question)}"
        "<details><summary>Show answer</summary>"
        f"{_answer_html(question)}"
        f"{_feedback_html(question)}"
        f"{explanation}"
        f'<p class="lm-quiz-source">Source: {html.escape(question.source)}</p>'
        "</details></li>"
    )


def _fragment(selection: Selection) -> str:
    anchor = f"lm-quiz-{_slug(selection.bank_name or 'quiz')}"
    questions = "".join(_question_html(question, anchor) for question in selection.questions)
    count = len(selection.questions)
    return (
        f'<section class="lm-quiz" lang="en" aria-labelledby="{anchor}-title">'
        f"<style>{_QUIZ_CSS}</style>"
        f'<h2 id="{anchor}-title">{html.escape(selection.title)}</h2>'
        f'<p class="lm-quiz-note">{count} question{"" if count == 1 else "s"}. '
        f"Answer each in your head, then open <em>Show answer</em>. {EDUCATION_NOTE}</p>"
        f'<ol class="lm-quiz-questions">{questions}</ol>'
        "</section>"
    )


def _document(selection: Selection) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(selection.title)}</title>\n<style>{_PAGE_CSS}</style>\n"
        f"</head>\n<body>\n<main>\n{_fragment(selection)}\n</main>\n</body>\n</html>\n"
    )


def to_static_html(
    bank_or_questions: QuizSource,
    questions: Sequence[str] | None = None,
    *,
    full_document: bool = True,
) -> str:
    """The quiz as self-contained HTML with no JavaScript (a page, or a fragment to embed)."""
    selection = select_questions(bank_or_questions, questions)
    return _document(selection) if full_document else _fragment(selection)


@dataclass(frozen=True)
class StaticQuiz:
    """A static quiz that a notebook displays as HTML; works without a kernel."""

    selection: Selection

    @property
    def html(self) -> str:
        """The quiz as an HTML fragment."""
        return _fragment(self.selection)

    def _repr_html_(self) -> str:
        return self.html

    def __repr__(self) -> str:
        count = len(self.selection.questions)
        return f"<StaticQuiz {self.selection.title!r}: {count} questions>"

    def save(self, path: str | os.PathLike[str]) -> Path:
        """Write the quiz as a standalone HTML page, in one step, and return its path."""
        return atomic.write_text(Path(path), _document(self.selection))


def show_static(bank_or_name: QuizSource, questions: Sequence[str] | None = None) -> StaticQuiz:
    """A static (no-kernel) quiz for a notebook cell: ``show_static("01-blood-supply")``."""
    return StaticQuiz(select_questions(bank_or_name, questions))
