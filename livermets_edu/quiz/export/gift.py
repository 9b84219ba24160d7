"""GIFT: Moodle's plain-text question format (docs.moodle.org/en/GIFT_format).

Every text is escaped with GIFT's rules, as Moodle's own exporter (``repchar`` in
``question/format/gift/format.php``) does: ``\\`` first, then ``~ = # { } :`` get a backslash,
and a line break becomes ``\\n``, so a question never spans a blank line (which would end it) and
no line of bank text can start with ``//`` (which would make it a comment).

Texts are marked ``[html]`` and carry the sanitised HTML that the Moodle XML export carries, not
``[markdown]``: our Markdown is CommonMark with tables and rendered through an allow-list
sanitiser, while Moodle's Markdown filter is a different dialect; HTML keeps what learners see
the same in every export, and no unsanitised bank text reaches Moodle.

- Single answer: ``=right ~wrong``; multiple response: ``~%50%right ~%-50%wrong`` with the
  fractions of the Moodle XML export (net-correct partial credit; see ``moodle_xml``). GIFT
  becomes Moodle's multichoice and matching questions, so a quiz whose partial credit those
  cannot give (all-or-nothing or each-answer multiple response, all-or-nothing matching)
  raises ``ExportError`` naming the item, as the Moodle XML export does.
- Option feedback after ``#``; explanation and source as general feedback after ``####``.
- Numeric: ``{#value:tolerance}``, or ``{#low..high}`` for an answer that accepts a range. GIFT
  has no units, so the stem says which unit to answer in.
- Matching: ``{=prompt -> choice}``; a distractor is ``= -> choice``, as Moodle writes it.
- Short answer: ``{=right =%0%wrong#feedback}`` with every listed answer in bank order, as
  Moodle's GIFT importer reads it (``=`` answers with an optional ``%weight%``, feedback after
  ``#``); Moodle's first matching answer decides, as ours does, so a 0 % answer keeps both its
  feedback and its place. Answers are plain text, escaped with ``escape_gift``; a ``*`` (Moodle's
  wildcard) is written ``\\*`` first (see ``moodle_xml.moodle_literal``), an answer starting
  with ``[`` gets ``[plain]`` so that it is not read as a format marker, and one starting with
  ``%`` an explicit ``%100%``. GIFT has no ``usecase``: Moodle imports every GIFT short answer
  as case-insensitive, so an answer with ``match_case`` (and a cased letter) raises
  ``ExportError``, as do ``fuzzy`` below 1 and an answer containing ``->``, which would make
  Moodle read the question as a matching one (GIFT has no escape for it).
- Case: its parts in sequence, the vignette repeated in each stem (``common.expand_cases``).
- Ordering (needs a Moodle plug-in syntax no GIFT grammar knows) and label-the-diagram (needs a
  picture) raise ``UnsupportedQuestion``.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from ..grading import PartialCredit
from ..schema import (
    MultipleResponse,
    Numeric,
    Question,
    ShortAnswer,
    SingleBestAnswer,
    TrueFalse,
)
from .common import (
    ExportQuiz,
    UnsupportedQuestion,
    bank_html,
    expand_cases,
    numeric_target,
    plain_text,
    refuse_short_answer,
    refuse_unmatchable_short_answer,
    safe_html,
    short_answer_text,
    unit_sentence,
)
from .moodle_xml import moodle_literal, multiple_fractions, refuse_all_or_nothing_pairs

__all__ = ["escape_gift", "to_gift"]

FORMAT_NAME = "GIFT"
_SPECIAL = "~=#{}:"


def escape_gift(text: str) -> str:
    """Text with GIFT's special characters escaped and line breaks written as \\n."""
    escaped = text.replace("\\", "\\\\")
    for character in _SPECIAL:
        escaped = escaped.replace(character, "\\" + character)
    return escaped.replace("\r\n", "\n").replace("\r", "\n").replace("\n", "\\n")


def _html(markdown: str, *, inline: bool = False) -> str:
    html = bank_html(markdown, inline=inline)
    # '->' splits a matching pair, so write '>' as the entity it stands for.
    html = html.replace("->", "-&gt;")
    # A text that itself starts with '[' would be read as a format marker: say the format.
    return escape_gift(f"[html]{html}" if html.startswith("[") else html)


def _number(value: float) -> str:
    # Plain decimal notation: GIFT parsers read '0.00000001' but not always '1e-08'.
    return format(Decimal(f"{value:.12g}"), "f")


def _general_feedback(question: Question, source: str) -> str:
    parts = [safe_html(question.explanation)] if question.explanation.strip() else []
    parts.append(f"<p>Source: {safe_html(source, inline=True)}</p>")
    return "\t####" + escape_gift("".join(parts).replace("->", "-&gt;"))


def _choices(
    question: SingleBestAnswer | MultipleResponse, partial_credit: PartialCredit
) -> list[str]:
    if isinstance(question, SingleBestAnswer):
        marks = {
            option.id: "=" if option.id == question.answer else "~" for option in question.options
        }
    else:
        marks = {
            option_id: f"~%{fraction}%"
            for option_id, fraction in multiple_fractions(
                question, partial_credit, FORMAT_NAME
            ).items()
        }
    lines = []
    for option in question.options:
        feedback = f"#{_html(option.feedback, inline=True)}" if option.feedback else ""
        lines.append(f"\t{marks[option.id]}{_html(option.text, inline=True)}{feedback}")
    return lines


def _numeric(question: Numeric) -> list[str]:
    if question.answer.accept == "range":
        low, high = question.answer.accepted_interval
        return [f"\t#{_number(low)}..{_number(high)}"]
    value, tolerance = numeric_target(question)
    return [f"\t#{_number(value)}:{_number(tolerance)}"]


def _matching(question: Any) -> list[str]:
    choices = {choice.id: choice.text for choice in question.choices}
    lines = [
        f"\t={_html(prompt.text, inline=True)} -> "
        f"{escape_gift(plain_text(choices[question.answer[prompt.id]]))}"
        for prompt in question.prompts
    ]
    used = set(question.answer.values())
    lines += [
        f"\t= -> {escape_gift(plain_text(choice.text))}"
        for choice in question.choices
        if choice.id not in used
    ]
    return lines


def _short_answer_text(text: str, question_id: str) -> str:
    if "->" in text:
        why = f"answer {text!r} contains '->', which makes Moodle read a matching question"
        raise refuse_short_answer(FORMAT_NAME, question_id, why)
    literal = moodle_literal(text)
    # Moodle reads a leading [name] as a text format (parse_text_with_format); say it.
    return escape_gift(f"[plain]{literal}" if literal.startswith("[") else literal)


def _short_answer(question: ShortAnswer) -> list[str]:
    refuse_unmatchable_short_answer(question, question.id, FORMAT_NAME, ignores_case=True)
    lines = []
    for answer in question.answers:
        text = short_answer_text(answer)
        weight = "%100%" if answer.correct else "%0%"
        if answer.correct and not text.startswith("%"):
            weight = ""  # 100 % is the default; written only where the text starts with '%'
        feedback = f"#{_html(answer.feedback, inline=True)}" if answer.feedback else ""
        lines.append(f"\t={weight}{_short_answer_text(text, question.id)}{feedback}")
    return lines


def _question(question: Question, stem: str, source: str, partial_credit: PartialCredit) -> str:
    kind = getattr(question, "type", None)
    stem_html = bank_html(stem)
    if isinstance(question, (SingleBestAnswer, MultipleResponse)):
        body = _choices(question, partial_credit)
    elif isinstance(question, TrueFalse):
        body = ["\tTRUE" if question.answer else "\tFALSE"]
    elif isinstance(question, Numeric):
        body = _numeric(question)
        stem_html += unit_sentence(question)
    elif isinstance(question, ShortAnswer):
        body = _short_answer(question)
    elif kind == "matching":
        refuse_all_or_nothing_pairs(question, partial_credit, FORMAT_NAME)
        body = _matching(question)
    else:
        raise UnsupportedQuestion(FORMAT_NAME, question)
    head = f"::{escape_gift(question.id)}::[html]{escape_gift(stem_html.replace('->', '-&gt;'))}"
    return "\n".join([head + " {", *body, _general_feedback(question, source), "}"])


def to_gift(quiz: ExportQuiz) -> str:
    """The quiz as GIFT text: a category named after the quiz, then one block per question
    (ExportError naming the item where Moodle cannot give the quiz's partial credit)."""
    # The title goes in a comment only, where a line break is the one thing that could escape.
    title = " ".join(plain_text(quiz.title).split())
    blocks = [
        f"// {title}\n// For education only: not medical advice.\n"
        f"$CATEGORY: $course$/top/{escape_gift(quiz.quiz_id)}"
    ]
    blocks += [
        _question(question, stem, source, quiz.partial_credit)
        for question, stem, source in expand_cases(quiz)
    ]
    return "\n\n".join(blocks) + "\n"
