"""Quizzes: typed question banks, validation with line numbers, grading, and three front ends.

    from livermets_edu.quiz import load_bank, show_quiz, show_static
    bank = load_bank("01-blood-supply")      # validated; errors name file, line and field
    show_quiz("01-blood-supply")             # interactive widget (needs a kernel)
    show_static("01-blood-supply")           # plain HTML with <details>; works on GitHub

Importing this package loads neither ipywidgets nor matplotlib; the widget module is loaded
on first use of ``quiz_widget`` / ``show_quiz``.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .grading import Grade, grade
from .loader import BankError, BankErrors, list_banks, load_bank, validate_bank
from .render import markdown_to_safe_html
from .schema import (
    Bank,
    MultipleResponse,
    Numeric,
    NumericAnswer,
    Option,
    Question,
    SingleBestAnswer,
    TrueFalse,
)
from .session import Attempt, QuizSession
from .static_html import StaticQuiz, show_static, to_static_html

if TYPE_CHECKING:  # pragma: no cover
    from .widget import QuizWidget, quiz_widget, show_quiz

__all__ = [
    "Attempt",
    "Bank",
    "BankError",
    "BankErrors",
    "Grade",
    "MultipleResponse",
    "Numeric",
    "NumericAnswer",
    "Option",
    "Question",
    "QuizSession",
    "QuizWidget",
    "SingleBestAnswer",
    "StaticQuiz",
    "TrueFalse",
    "grade",
    "list_banks",
    "load_bank",
    "markdown_to_safe_html",
    "quiz_widget",
    "show_quiz",
    "show_static",
    "to_static_html",
    "validate_bank",
]

_LAZY = {"QuizWidget", "quiz_widget", "show_quiz"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.widget"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
