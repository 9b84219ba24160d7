"""Quizzes: typed question banks, grading, self-check and exam sessions, exports, item analysis.

    from livermets_edu.quiz import load_bank, show_quiz, show_static
    bank = load_bank("01-blood-supply")      # validated; errors name file, line and field
    show_quiz("01-blood-supply")             # interactive widget (needs a kernel)
    show_static("01-blood-supply")           # plain HTML with <details>; works on GitHub

Instructors: ``build_quiz`` / ``load_quiz_definition`` (which items, mode, seed, time limit),
``livermets_edu.quiz.export`` (Moodle XML, GIFT, QTI 2.1, Canvas, Anki, print, jupyterquiz),
``append_attempt`` / ``read_results`` (results files) and ``analyse`` (Moodle item statistics).
The design is in docs/design/quiz-library.md.

Importing this package loads neither ipywidgets, matplotlib nor numpy; the widget and
analysis modules are loaded on first use of their names.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from .definition import QuizDefinition, build_quiz, load_quiz_definition, save_quiz_definition
from .grading import Grade, grade, grade_part
from .loader import BankError, BankErrors, list_banks, load_bank, validate_bank
from .render import markdown_to_safe_html
from .results import AttemptRecord, append_attempt, read_results
from .schema import (
    Bank,
    Case,
    LabelTheDiagram,
    Matching,
    MultipleResponse,
    Numeric,
    NumericAnswer,
    Option,
    Ordering,
    Question,
    SingleBestAnswer,
    TemplateQuestionError,
    TrueFalse,
)
from .session import Attempt, ExamClosed, QuizSession, Recorded
from .static_html import StaticQuiz, show_static, to_static_html

if TYPE_CHECKING:  # pragma: no cover
    from .analysis import QuizAnalysis, analyse
    from .exam_ui import ExamWidget, exam_widget
    from .widget import QuizWidget, quiz_widget, show_quiz

__all__ = [
    "Attempt",
    "AttemptRecord",
    "Bank",
    "BankError",
    "BankErrors",
    "Case",
    "ExamClosed",
    "ExamWidget",
    "Grade",
    "LabelTheDiagram",
    "Matching",
    "MultipleResponse",
    "Numeric",
    "NumericAnswer",
    "Option",
    "Ordering",
    "Question",
    "QuizAnalysis",
    "QuizDefinition",
    "QuizSession",
    "QuizWidget",
    "Recorded",
    "SingleBestAnswer",
    "StaticQuiz",
    "TemplateQuestionError",
    "TrueFalse",
    "analyse",
    "append_attempt",
    "build_quiz",
    "exam_widget",
    "grade",
    "grade_part",
    "list_banks",
    "load_bank",
    "load_quiz_definition",
    "markdown_to_safe_html",
    "quiz_widget",
    "read_results",
    "save_quiz_definition",
    "show_quiz",
    "show_static",
    "to_static_html",
    "validate_bank",
]

# Names whose modules are heavy (ipywidgets, numpy), imported on first use: name -> module.
_LAZY = {
    "QuizWidget": "widget",
    "quiz_widget": "widget",
    "show_quiz": "widget",
    "QuizAnalysis": "analysis",
    "analyse": "analysis",
    "ExamWidget": "exam_ui",
    "exam_widget": "exam_ui",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})
