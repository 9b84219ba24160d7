"""Printable HTML: the student version carries no answer anywhere; the key carries them all.

"Anywhere" is checked on the raw page text (so attributes and comments count too), against
answer material taken from the bank itself: option feedback, explanations, sources, the
numeric answers and the word "correct" beyond what the visible question text already says.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
from html_checks import ParsedHTML

from livermets_edu.quiz.export import ExportError, ExportQuiz
from livermets_edu.quiz.export.common import bank_html
from livermets_edu.quiz.export.printable import EDUCATION_NOTE, to_printable_html
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.variants import concrete

ROOT = Path(__file__).resolve().parents[1]
BANKS = ROOT / "tests" / "data" / "banks"
SHIPPED_BANKS = sorted((ROOT / "quizzes").glob("*.yaml"))
ALL_TYPES = BANKS / "types" / "all-types.yaml"
EVERY_BANK = [*SHIPPED_BANKS, BANKS / "good-bank.yaml", BANKS / "xss-bank.yaml", ALL_TYPES]


def quiz_of(path: Path, seed: int = 11) -> ExportQuiz:
    bank = load_bank(path)
    return ExportQuiz.of(bank.name, bank.title, [concrete(question, seed) for question in bank])


def leaf_questions(quiz: ExportQuiz) -> list:
    """Every question a learner answers: case parts stand in for their case."""
    out = []
    for question in quiz.questions:
        out += list(question.parts) if question.type == "case" else [question]
    return out


def visible_texts(quiz: ExportQuiz) -> list[str]:
    """The HTML of every text the student version must show."""
    texts = [bank_html(q.stem) for q in quiz.questions]
    for question in leaf_questions(quiz):
        texts.append(bank_html(question.stem))
        for option in getattr(question, "options", []):
            texts.append(bank_html(option.text, inline=True))
        for field in ("prompts", "choices", "items"):
            texts += [bank_html(item.text, inline=True) for item in getattr(question, field, [])]
        if question.type == "label_diagram":
            texts += question.name_choices
    return texts


def answer_texts(question) -> list[str]:
    """HTML only the key may hold for this question: feedback, explanation."""
    options = getattr(question, "options", [])
    texts = [bank_html(o.feedback, inline=True) for o in options if o.feedback]
    # A short answer: the accepted texts (shown as typed, so escaped) and every answer's feedback.
    answers = getattr(question, "answers", [])
    texts += [html.escape(a.text) for a in answers if a.correct]
    texts += [bank_html(a.feedback, inline=True) for a in answers if a.feedback]
    if question.explanation.strip():
        texts.append(bank_html(question.explanation))
    return texts


def sections(page: str) -> list[str]:
    """The page's question sections, in order."""
    return re.findall(r"<section .*?</section>", page, re.DOTALL)


def without(page: str, texts: list[str]) -> str:
    """The page with every occurrence of the given texts cut out, longest first."""
    for text in sorted((t for t in texts if t), key=len, reverse=True):
        page = page.replace(text, "")
    return page


def number_in(text: str, number: str) -> bool:
    return re.search(rf"(?<![\d.]){re.escape(number)}(?![\d.])", text) is not None


@pytest.mark.parametrize("path", EVERY_BANK, ids=lambda path: path.stem)
def test_student_version_holds_no_answer(path):
    quiz = quiz_of(path)
    student = to_printable_html(quiz, answer_key=False)
    visible = visible_texts(quiz)
    # What remains once every text the learner must read is cut out: the page's own words.
    remainder = without(student, visible)
    assert not re.search(r"correct|explanation|feedback|answer key", remainder, re.IGNORECASE)
    assert "<!--" not in remainder and "Source" not in remainder
    for question in leaf_questions(quiz):
        for text in answer_texts(question):
            assert text not in remainder, (question.id, text)
    units = [html.escape(q.answer.unit) for q in leaf_questions(quiz) if q.type == "numeric"]
    for section, question in zip(sections(student), quiz.questions, strict=True):
        # The section's own words, without its heading ("Question 28") and learner-visible text.
        own = re.sub(r"<section[^>]*>|<h2.*?</h2>", "", without(section, visible + units))
        for leaf in question.parts if question.type == "case" else [question]:
            if leaf.type == "numeric":
                low, high = leaf.answer.accepted_interval
                for number in {f"{leaf.answer.expected:.6g}", f"{low:.6g}", f"{high:.6g}"}:
                    assert not number_in(own, number), (leaf.id, number)


@pytest.mark.parametrize("path", EVERY_BANK, ids=lambda path: path.stem)
def test_answer_key_holds_every_answer(path):
    quiz = quiz_of(path)
    key = to_printable_html(quiz, answer_key=True)
    for question in leaf_questions(quiz):
        for text in answer_texts(question):
            assert text in key, (question.id, text)
        if question.type == "single":
            assert f"<strong>{question.label(question.answer)}</strong>: " in key
        if question.type == "numeric":
            assert f"<strong>{question.answer.expected:.6g}" in key or question.answer.accept == (
                "range"
            )
    sources = [bank_html(q.source, inline=True) for q in leaf_questions(quiz)]
    assert all(f"<strong>Source:</strong> {source}" in key for source in sources)


@pytest.mark.parametrize("path", EVERY_BANK, ids=lambda path: path.stem)
def test_both_versions_are_accessible_printable_pages_numbered_alike(path):
    quiz = quiz_of(path)
    student = to_printable_html(quiz, answer_key=False)
    key = to_printable_html(quiz, answer_key=True)
    expected = [f"Question {n}" for n in range(1, len(quiz.questions) + 1)]
    for page in (student, key):
        assert page.startswith('<!DOCTYPE html>\n<html lang="en">')
        assert (
            EDUCATION_NOTE in page and EDUCATION_NOTE == "For education only: not medical advice."
        )
        assert "@media print" in page and "break-inside: avoid" in page
        tree = ParsedHTML(page)
        assert tree.headings == expected
        assert [tag for tag, _ in tree.tags].count("h1") == 1
        for tag, attrs in tree.tags:
            assert tag not in ("script", "iframe", "object", "embed"), tag
            assert not any(name.startswith("on") for name in attrs), (tag, attrs)
            assert not any("javascript:" in (value or "").lower() for value in attrs.values())
            if tag == "img":
                assert attrs.get("alt"), "every image needs alt text"


def test_ordering_items_and_matching_choices_are_not_in_answer_order():
    quiz = quiz_of(ALL_TYPES)
    student = to_printable_html(quiz, answer_key=False)
    key = to_printable_html(quiz, answer_key=True)
    ordering = next(q for q in quiz.questions if q.type == "ordering")
    positions = [student.index(f"{item.text}</li>") for item in ordering.items]
    assert positions != sorted(positions), "items shown in the order that answers the question"
    # The key's letters refer to the student's sheet: the first item's letter on the key is
    # the letter printed before it in the student version.
    first = ordering.items[0].text
    letter = re.search(rf"<strong>([A-Z]+)\.</strong> {re.escape(first)}</li>", student)[1]
    assert f"1. <strong>{letter}</strong>: {first}" in key


def test_key_and_student_version_differ_only_by_key_material():
    quiz = quiz_of(BANKS / "good-bank.yaml")
    student = to_printable_html(quiz, answer_key=False)
    key = to_printable_html(quiz, answer_key=True)
    without_key = re.sub(r'<div class="lm-key">.*?</div>(?=</section>)', "", key, flags=re.DOTALL)
    # Same question sections, same order, same options: only the key blocks were added.
    assert sections(student) == sections(without_key)


def test_template_question_is_refused():
    bank = load_bank(ALL_TYPES)
    with pytest.raises(ExportError, match="at-numeric-template"):
        to_printable_html(ExportQuiz.from_bank(bank), answer_key=False)
