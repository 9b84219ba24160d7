"""A quiz as jupyterquiz JSON, for lessons that already use ``jupyterquiz.display_quiz``.

jupyterquiz (jmshea/jupyterquiz, MIT) reads a list of questions, each ``{question, type,
answers}``, and shows the text as HTML, so every text here is bank Markdown passed through the
sanitiser. The mapping:

- ``single`` and ``true_false`` become ``multiple_choice`` (true/false as the answers "True"
  and "False"); ``multiple`` becomes ``many_choice``; option feedback becomes answer feedback,
  and the explanation is added to the feedback of the correct answers.
- ``numeric`` becomes ``numeric`` with one correct ``range`` answer and a ``default`` answer.
  jupyterquiz ranges are half-open, [low, high), and we accept both ends, so ``high`` is
  nudged up by one float step (``math.nextafter``): every number we accept, and no other
  float, falls in the range. The unit goes into the question text, since the box takes only
  a number.
- ``short_answer`` becomes ``string``, answers in the same order (the first that matches
  decides, in both), each answer's text as the plain text a learner types (its Markdown
  flattened, as our grader compares it), ``fuzzy`` as ``fuzzy_threshold`` (both: 1 − edit
  distance ÷ the longer text's length), ``match_case`` and feedback kept (a listed wrong
  answer without feedback gets "Not quite.", since jupyterquiz would otherwise say
  "Correct"), and a ``default`` answer that reveals the answer. jupyterquiz only trims the
  learner's text and lower-cases it; we also collapse spaces and case-fold, so the few
  differences lean towards jupyterquiz being stricter.
- ``case`` questions become their parts in sequence, the vignette shown with the first part.
- ``matching``, ``ordering`` and ``label_diagram`` have no jupyterquiz form: they raise
  ``UnsupportedQuestion`` naming the item.
- jupyterquiz gives feedback, never a score, so the quiz's partial credit does not apply.
"""

from __future__ import annotations

import html
import json
import math
import os
from pathlib import Path
from typing import Any

from .. import atomic
from ..grading import answer_markdown, format_quantity
from ..schema import Question
from .common import (
    ExportQuiz,
    UnsupportedQuestion,
    case_units,
    plain_text,
    refuse_non_characters,
    require_concrete,
    safe_html,
    writable_target,
)

__all__ = ["to_jupyterquiz", "write_jupyterquiz"]

FORMAT_NAME = "jupyterquiz"
TRUE_FALSE_ANSWERS = ("True", "False")


def _with_explanation(feedback: str | None, question: Question) -> str:
    parts = [text for text in (feedback, question.explanation) if text and text.strip()]
    return safe_html("\n\n".join(parts)) if parts else ""


def _answer(text_html: str, correct: bool, feedback_html: str) -> dict[str, Any]:
    answer: dict[str, Any] = {"answer": text_html, "correct": correct}
    if feedback_html:
        answer["feedback"] = feedback_html
    return answer


def _choice(question: Any, stem_html: str) -> dict[str, Any]:
    correct_ids = {question.answer} if question.type == "single" else set(question.answer)
    answers = []
    for option in question.options:
        correct = option.id in correct_ids
        feedback = (
            _with_explanation(option.feedback, question)
            if correct
            else safe_html(option.feedback or "")
        )
        answers.append(_answer(safe_html(option.text, inline=True), correct, feedback))
    kind = "multiple_choice" if question.type == "single" else "many_choice"
    return {"question": stem_html, "type": kind, "answers": answers}


def _true_false(question: Any, stem_html: str) -> dict[str, Any]:
    answers = []
    for label in TRUE_FALSE_ANSWERS:
        correct = (label == "True") == question.answer
        feedback = _with_explanation("Correct.", question) if correct else ""
        answers.append(_answer(label, correct, feedback))
    return {"question": stem_html, "type": "multiple_choice", "answers": answers}


def _numeric(question: Any, stem_html: str) -> dict[str, Any]:
    answer = question.answer
    low, high = answer.accepted_interval
    unit = answer.unit
    if unit:
        stem_html += f"\n<p>Answer in {html.escape(unit)}.</p>"
    expected = format_quantity(answer.expected, unit)
    return {
        "question": stem_html,
        "type": "numeric",
        "answers": [
            {
                "type": "range",
                "range": [low, math.nextafter(high, math.inf)],
                "correct": True,
                "feedback": _with_explanation("Correct.", question),
            },
            {
                "type": "default",
                "feedback": safe_html(f"Not quite: the answer is **{expected}**."),
            },
        ],
    }


def _string(question: Any, stem_html: str) -> dict[str, Any]:
    answers = []
    for answer in question.answers:
        if answer.correct:
            feedback = _with_explanation(answer.feedback or "Correct.", question)
        else:
            feedback = safe_html(answer.feedback or "Not quite.")
        entry = _answer(plain_text(answer.text), answer.correct, feedback)
        if answer.match_case:
            entry["match_case"] = True
        if answer.fuzzy < 1.0:
            entry["fuzzy_threshold"] = answer.fuzzy
        answers.append(entry)
    reveal = safe_html(f"Not quite: the answer is {answer_markdown(question)}.")
    answers.append({"type": "default", "feedback": reveal})
    return {"question": stem_html, "type": "string", "answers": answers}


def _convert(question: Question, stem_html: str) -> dict[str, Any]:
    require_concrete(question)
    kind = getattr(question, "type", None)
    if kind in ("single", "multiple"):
        return _choice(question, stem_html)
    if kind == "true_false":
        return _true_false(question, stem_html)
    if kind == "numeric":
        return _numeric(question, stem_html)
    if kind == "short_answer":
        return _string(question, stem_html)
    raise UnsupportedQuestion(FORMAT_NAME, question)


def _case_parts(case: Any) -> list[dict[str, Any]]:
    parts = list(case.parts)
    vignette = safe_html(case.stem)
    converted = []
    for number, part in enumerate(parts, start=1):
        heading = f"<p><strong>Case, part {number} of {len(parts)}</strong></p>"
        lead = f"{heading}\n{vignette}" if number == 1 else heading
        try:
            converted.append(_convert(part, f"{lead}\n{safe_html(part.stem)}"))
        except UnsupportedQuestion as error:
            # Part ids are unique only within their case, so name both.
            error.args = (f"{case.id}: part {error.args[0]}",)
            raise
    return converted


def to_jupyterquiz(quiz: ExportQuiz) -> list[dict[str, Any]]:
    """The quiz as jupyterquiz's list of question dicts (answers included: it self-checks)."""
    for export_id, question, vignette in case_units(quiz):  # refuses ids a part would share
        require_concrete(question, exported_as=export_id)  # before any text is rendered
        refuse_non_characters(vignette, export_id, "case vignette")
    questions: list[dict[str, Any]] = []
    for question in quiz.questions:
        if getattr(question, "type", None) == "case":
            questions.extend(_case_parts(question))
        else:
            questions.append(_convert(question, safe_html(question.stem)))
    return questions


def write_jupyterquiz(quiz: ExportQuiz, path: str | os.PathLike[str]) -> Path:
    """Write the quiz as a jupyterquiz JSON file (replaced in one step) and return its path."""
    target = writable_target(path, ".json")
    text = json.dumps(to_jupyterquiz(quiz), indent=2, ensure_ascii=False, allow_nan=False)
    return atomic.write_text(target, text + "\n")
