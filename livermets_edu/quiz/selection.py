"""Accept a bank, a bank name or a list of questions wherever a quiz is shown."""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from .loader import load_bank
from .schema import Bank, Question

__all__ = ["QuizSource", "Selection", "select_questions"]

QuizSource = Bank | str | os.PathLike[str] | Iterable[Question]
DEFAULT_TITLE = "Check your understanding"


@dataclass(frozen=True)
class Selection:
    """The questions to show, with the title and bank name that go with them."""

    title: str
    questions: list[Question]
    bank_name: str | None = None


def select_questions(source: QuizSource, question_ids: Sequence[str] | None = None) -> Selection:
    """The questions of a bank (or a name or path to load, or a list), optionally by id."""
    if isinstance(source, (str, os.PathLike)):
        source = load_bank(source)
    if isinstance(source, Bank):
        title, bank_name, questions = source.title, source.name, list(source)
    else:
        title, bank_name, questions = DEFAULT_TITLE, None, list(source)
        for question in questions:
            if not isinstance(question, Question):
                raise TypeError(f"expected Question objects, got {type(question).__name__}")
    if question_ids is not None:
        if isinstance(question_ids, str):
            question_ids = [question_ids]
        by_id = {question.id: question for question in questions}
        missing = [qid for qid in question_ids if qid not in by_id]
        if missing:
            raise KeyError(f"no question(s) {', '.join(map(repr, missing))} in this quiz")
        questions = [by_id[qid] for qid in question_ids]
    if not questions:
        raise ValueError("there are no questions to show")
    return Selection(title, questions, bank_name)
