"""A quiz as plain HTML with no JavaScript and no kernel: answers open with ``<details>``.

GitHub and nbviewer strip scripts from notebooks, so jupyterquiz-style JavaScript quizzes go
blank there. This page keeps working: each question lists its options, and a "Show answer"
disclosure (native HTML, keyboard and screen-reader friendly) reveals the answer, the
feedback for each option and the explanation. Every piece of bank text is rendered through
the sanitiser in ``render``; everything else is escaped.
"""

from __future__ import annotations

import html
import os
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .grading import answer_markdown
from .render import markdown_to_safe_html
from .schema import MultipleResponse, Numeric, Question, SingleBestAnswer, TrueFalse
from .selection import QuizSource, Selection, select_questions

__all__ = ["StaticQuiz", "show_static", "to_static_html"]

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
""".strip()

_PAGE_CSS = """
body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; margin: 2rem auto;
  padding: 0 1rem; max-width: 50rem; color: #1a1a1a; background: #ffffff; }
a { color: #0b5394; }
@media (prefers-color-scheme: dark) {
  body { color: #f0f0f0; background: #121212; } a { color: #8ab4f8; } }
""".strip()


def _slug(text: str) -> str:
    return re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-") or "quiz"


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
    return ""


def _options_html(question: Question) -> str:
    if isinstance(question, (SingleBestAnswer, MultipleResponse)):
        items = "".join(
            f"<li><strong>{question.label(option.id)}.</strong> "
            f"{markdown_to_safe_html(option.text, inline=True)}</li>"
            for option in question.options
        )
        return f'<ul class="lm-quiz-options">{items}</ul>'
    if isinstance(question, TrueFalse):
        return '<ul class="lm-quiz-options"><li>True</li><li>False</li></ul>'
    return ""


def _feedback_html(question: Question) -> str:
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


def _question_html(question: Question, anchor: str) -> str:
    explanation = (
        f'<div class="lm-quiz-explanation">{markdown_to_safe_html(question.explanation)}</div>'
        if question.explanation.strip()
        else ""
    )
    answer = markdown_to_safe_html(answer_markdown(question), inline=True)
    return (
        f'<li class="lm-quiz-question" id="{anchor}-{_slug(question.id)}">'
        f'<div class="lm-quiz-stem">{markdown_to_safe_html(question.stem)}</div>'
        f'<p class="lm-quiz-prompt">{_prompt(question)}</p>'
        f"{_options_html(question)}"
        "<details><summary>Show answer</summary>"
        f"<p><strong>Answer:</strong> {answer}</p>"
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
        """Write the quiz as a standalone HTML page and return its path."""
        target = Path(path)
        target.write_text(_document(self.selection), encoding="utf-8")
        return target


def show_static(bank_or_name: QuizSource, questions: Sequence[str] | None = None) -> StaticQuiz:
    """A static (no-kernel) quiz for a notebook cell: ``show_static("01-blood-supply")``."""
    return StaticQuiz(select_questions(bank_or_name, questions))
