"""A quiz as a printable page: a student version with no answers, and an answer key.

Both versions number the questions the same way and show options, items and choices in the same
order, so a key line such as "Question 3: B" fits the student's sheet. The student version is
built from the stem, the options and the other texts a learner must see, and nothing else: no
answer, no option feedback, no explanation, no source, not even in an attribute or a comment.
Items to put in order, and the choices of a matching question, are shown in
``exam.scrambled`` order: fixed by the question id (SHA-256, the same on every Python) and
never the bank's order, which for items to put in order is the answer.

A short-answer question shows a blank line ("Answer: ______") on the student sheet; the key
gives the accepted answers as typed (code spans, so no character of an answer is read as
markup) and the feedback written for particular answers, right or wrong.

Print CSS keeps each question on one page where it fits (``break-inside: avoid``). Markup is
plain, accessible HTML: one ``h1``, an ``h2`` per question, lists for options, ``alt`` text for
diagrams, and no meaning carried by colour.
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from typing import Any

from ..schema import (
    MultipleResponse,
    Numeric,
    Question,
    ShortAnswer,
    SingleBestAnswer,
    TrueFalse,
)
from .common import (
    ExportError,
    ExportQuiz,
    UnsupportedQuestion,
    bank_html,
    case_units,
    numeric_target,
    option_letter,
    plain_text,
    require_concrete,
    short_answer_explanation_markdown,
    short_answer_key_markdown,
    shown_order,
)

__all__ = ["EDUCATION_NOTE", "shown_order", "to_printable_html"]

FORMAT_NAME = "printable HTML"
EDUCATION_NOTE = "For education only: not medical advice."

_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; line-height: 1.45;
  max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #111; background: #fff; }
h1 { font-size: 1.5rem; margin-bottom: 0.25rem; }
h2 { font-size: 1.1rem; margin: 0 0 0.5rem; }
.lm-version { font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; }
.lm-note { border: 1px solid #111; padding: 0.25rem 0.5rem; display: inline-block; }
.lm-fields p { margin: 0.25rem 0; }
.lm-question { border-top: 1px solid #555; padding: 0.75rem 0; }
.lm-list { list-style: none; padding-left: 0.5rem; }
.lm-list li { margin: 0.3rem 0; }
.lm-box { display: inline-block; min-width: 1.5em; font-family: monospace; }
.lm-blank { display: inline-block; min-width: 8em; border-bottom: 1px solid #111; }
.lm-instruction { font-style: italic; }
.lm-part { margin-left: 1rem; }
.lm-key { border-left: 4px solid #111; padding-left: 0.75rem; margin-top: 0.5rem; }
.lm-key h3 { font-size: 1rem; margin: 0.25rem 0; }
figure { margin: 0.5rem 0; } figure img { max-width: 100%; height: auto; }
@page { margin: 18mm; }
@media print {
  body { max-width: none; margin: 0; padding: 0; font-size: 11pt; }
  .lm-question { break-inside: avoid; page-break-inside: avoid; }
  h2, h3 { break-after: avoid; page-break-after: avoid; }
  figure, table { break-inside: avoid; page-break-inside: avoid; }
  a { color: inherit; }
}
""".strip()


def _option_list(labels_and_html: Sequence[tuple[str, str]], box: str) -> str:
    items = "".join(
        f'<li><span class="lm-box" aria-hidden="true">{box}</span> '
        f"<strong>{label}.</strong> {text}</li>"
        for label, text in labels_and_html
    )
    return f'<ul class="lm-list">{items}</ul>'


def _blank(label: str) -> str:
    return f'<p>{label} <span class="lm-blank" aria-label="blank to write in">&#160;</span></p>'


class _Page:
    """Renders one version (student or key) of the page; each question gives a section."""

    def __init__(self, quiz: ExportQuiz, answer_key: bool) -> None:
        self.quiz = quiz
        self.answer_key = answer_key

    # --- what the learner sees ---------------------------------------------------------------

    def body(self, question: Question) -> str:
        kind = getattr(question, "type", None)
        if isinstance(question, (SingleBestAnswer, MultipleResponse)):
            single = isinstance(question, SingleBestAnswer)
            instruction = "Choose one answer." if single else "Choose all that apply."
            options = [
                (question.label(o.id), bank_html(o.text, inline=True)) for o in question.options
            ]
            return self.instruction(instruction) + _option_list(options, "( )" if single else "[ ]")
        if isinstance(question, TrueFalse):
            return self.instruction("True or false?") + _option_list(
                [("T", "True"), ("F", "False")], "( )"
            )
        if isinstance(question, Numeric):
            unit = question.answer.unit
            instruction = f"Write a number in {html.escape(unit)}." if unit else "Write a number."
            return self.instruction(instruction) + _blank("Answer:")
        if isinstance(question, ShortAnswer):
            return self.instruction("Write a word or a short phrase.") + _blank("Answer:")
        if kind == "matching":
            return self.matching(question)
        if kind == "ordering":
            return self.ordering(question)
        if kind == "label_diagram":
            return self.label_diagram(question)
        raise UnsupportedQuestion(FORMAT_NAME, question)

    def instruction(self, text: str) -> str:
        return f'<p class="lm-instruction">{text}</p>'

    def matching_choices(self, question: Any) -> list[tuple[str, Any]]:
        choices = shown_order(question.choices, question.id)
        return [(option_letter(index), choice) for index, choice in enumerate(choices)]

    def matching(self, question: Any) -> str:
        choices = self.matching_choices(question)
        rows = "".join(
            f"<tr><td>{number}.</td><td>{bank_html(prompt.text, inline=True)}</td>"
            '<td><span class="lm-blank" aria-label="letter of the matching choice">&#160;</span>'
            "</td></tr>"
            for number, prompt in enumerate(question.prompts, start=1)
        )
        return (
            self.instruction("Write the letter of the matching choice next to each prompt.")
            + f"<table><caption>Prompts</caption><tbody>{rows}</tbody></table>"
            + "<p>Choices:</p>"
            + _option_list(
                [(label, bank_html(choice.text, inline=True)) for label, choice in choices], ""
            )
        )

    def ordering_items(self, question: Any) -> list[tuple[str, Any]]:
        items = shown_order(question.items, question.id)
        return [(option_letter(index), item) for index, item in enumerate(items)]

    def ordering(self, question: Any) -> str:
        items = self.ordering_items(question)
        return self.instruction(
            f"Number the items from 1 to {len(items)} in sequence."
        ) + _option_list(
            [(label, bank_html(item.text, inline=True)) for label, item in items], "__"
        )

    def label_diagram(self, question: Any) -> str:
        drawing = question.drawing
        image = base64.b64encode(drawing.png()).decode("ascii")
        alt = html.escape(drawing.alt_text(), quote=True)
        numbers = "".join(
            f"<li>{number}. "
            '<span class="lm-blank" aria-label="name of this numbered part">&#160;</span></li>'
            for number in question.answer
        )
        names = "".join(f"<li>{html.escape(name)}</li>" for name in question.name_choices)
        return (
            f'<figure><img src="data:image/png;base64,{image}" alt="{alt}">'
            f"<figcaption>{html.escape(drawing.title)}</figcaption></figure>"
            + self.instruction("Write the name of each numbered part.")
            + f'<ul class="lm-list">{numbers}</ul><p>Names to choose from:</p><ul>{names}</ul>'
        )

    # --- the key -----------------------------------------------------------------------------

    def answer(self, question: Question) -> str:
        kind = getattr(question, "type", None)
        if isinstance(question, SingleBestAnswer):
            option = question.option(question.answer)
            text = bank_html(option.text, inline=True)
            return f"<strong>{question.label(option.id)}</strong>: {text}"
        if isinstance(question, MultipleResponse):
            return "; ".join(
                f"<strong>{question.label(o.id)}</strong>: {bank_html(o.text, inline=True)}"
                for o in question.options
                if o.id in question.answer
            )
        if isinstance(question, TrueFalse):
            return "<strong>True</strong>" if question.answer else "<strong>False</strong>"
        if isinstance(question, Numeric):
            low, high = question.answer.accepted_interval
            value, _ = numeric_target(question)
            unit = html.escape(question.answer.unit)
            return (
                f"<strong>{_quantity(value, unit)}</strong> "
                f"(accepted: {_quantity(low, unit)} to {_quantity(high, unit)})"
            )
        if isinstance(question, ShortAnswer):
            return bank_html(short_answer_key_markdown(question), inline=True)
        if kind == "matching":
            letters = {choice.id: label for label, choice in self.matching_choices(question)}
            choices = {choice.id: choice for choice in question.choices}
            return "<br>".join(
                f"{number}. <strong>{letters[question.answer[prompt.id]]}</strong>: "
                f"{bank_html(choices[question.answer[prompt.id]].text, inline=True)}"
                for number, prompt in enumerate(question.prompts, start=1)
            )
        if kind == "ordering":
            letters = {item.id: label for label, item in self.ordering_items(question)}
            return "<br>".join(
                f"{position}. <strong>{letters[item.id]}</strong>: "
                f"{bank_html(item.text, inline=True)}"
                for position, item in enumerate(question.items, start=1)
            )
        if kind == "label_diagram":
            return "<br>".join(
                f"{number}. {html.escape(name)}" for number, name in question.answer.items()
            )
        raise UnsupportedQuestion(FORMAT_NAME, question)

    def feedback(self, question: Question) -> str:
        if isinstance(question, ShortAnswer):
            about = short_answer_explanation_markdown(question)
            return f"<h3>About some answers</h3>{bank_html(about)}" if about else ""
        if not isinstance(question, (SingleBestAnswer, MultipleResponse)):
            return ""
        right = (
            {question.answer} if isinstance(question, SingleBestAnswer) else set(question.answer)
        )
        items = "".join(
            f"<li><strong>{question.label(o.id)}</strong> "
            f"({'correct' if o.id in right else 'incorrect'}): "
            f"{bank_html(o.feedback, inline=True)}</li>"
            for o in question.options
            if o.feedback
        )
        return f"<h3>About each option</h3><ul>{items}</ul>" if items else ""

    def key(self, question: Question, source: str) -> str:
        if not self.answer_key:
            return ""
        explanation = (
            f"<h3>Explanation</h3>{bank_html(question.explanation)}"
            if question.explanation.strip()
            else ""
        )
        return (
            f'<div class="lm-key"><h3>Answer</h3><p>{self.answer(question)}</p>'
            f"{self.feedback(question)}{explanation}"
            f"<p><strong>Source:</strong> {bank_html(source, inline=True)}</p>"
            f'<p class="lm-id">Question id: {html.escape(question.id)}</p></div>'
        )

    # --- the page ----------------------------------------------------------------------------

    def section(self, question: Question, number: int) -> str:
        anchor = f"q{number}"
        if getattr(question, "type", None) == "case":
            parts = "".join(
                f'<div class="lm-part"><h3 id="{anchor}{option_letter(index).lower()}">'
                f"Part {option_letter(index).lower()}</h3>"
                f"{bank_html(part.stem)}{self.body(part)}"
                f"{self.key(part, getattr(part, 'source', None) or question.source)}</div>"
                for index, part in enumerate(question.parts)
            )
            content = f"{bank_html(question.stem)}{parts}"
        else:
            key = self.key(question, question.source)
            content = f"{bank_html(question.stem)}{self.body(question)}{key}"
        return (
            f'<section class="lm-question" aria-labelledby="{anchor}">'
            f'<h2 id="{anchor}">Question {number}</h2>{content}</section>'
        )

    def document(self) -> str:
        title = html.escape(plain_text(self.quiz.title))
        version = "Answer key" if self.answer_key else "Student version"
        fields = (
            ""
            if self.answer_key
            else '<div class="lm-fields"><p>Name: <span class="lm-blank">&#160;</span></p>'
            '<p>Date: <span class="lm-blank">&#160;</span></p></div>'
        )
        sections = "\n".join(
            self.section(question, number)
            for number, question in enumerate(self.quiz.questions, start=1)
        )
        count = len(self.quiz.questions)
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{title}: {version}</title>\n<style>\n{_CSS}\n</style>\n</head>\n<body>\n"
            f'<header><h1>{title}</h1><p class="lm-version">{version}</p>'
            f'<p class="lm-note" role="note">{EDUCATION_NOTE}</p>'
            f"<p>{count} question{'' if count == 1 else 's'}.</p>{fields}</header>\n"
            f"<main>\n{sections}\n</main>\n</body>\n</html>\n"
        )


def _quantity(number: float, unit_html: str) -> str:
    text = f"{number:.6g}"
    if not unit_html:
        return text
    return f"{text}{unit_html}" if unit_html == "%" else f"{text} {unit_html}"


def to_printable_html(quiz: ExportQuiz, *, answer_key: bool) -> str:
    """The quiz as a printable page: the student version, or the answer key if ``answer_key``."""
    if not isinstance(answer_key, bool):
        raise ExportError("answer_key must be True (the key) or False (the student version)")
    case_units(quiz)  # refuses a case part and a question that would share an id
    for question in quiz.questions:
        parts = question.parts if getattr(question, "type", None) == "case" else [question]
        for part in parts:
            require_concrete(part, "print")
    return _Page(quiz, answer_key).document()
