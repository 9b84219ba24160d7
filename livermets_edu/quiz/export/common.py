"""What every exporter shares: the quiz to export, errors for what a format cannot hold, and
the format-neutral pieces (texts as HTML, cases as their parts, numeric targets, letters)."""

from __future__ import annotations

import html
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import get_args

from ..grading import PartialCredit
from ..render import markdown_to_plain_text, markdown_to_safe_html
from ..schema import Bank, Case, Numeric, Question
from ..yaml_source import NOT_A_CHARACTER

__all__ = [
    "ExportError",
    "ExportQuiz",
    "UnsupportedQuestion",
    "bank_html",
    "case_units",
    "expand_cases",
    "numeric_target",
    "option_letter",
    "plain_text",
    "refuse_non_characters",
    "refuse_partial_credit",
    "require_concrete",
    "safe_html",
    "safe_identifier",
    "unit_sentence",
    "writable_target",
]


class ExportError(ValueError):
    """A quiz that cannot be written in the asked format; the message says which item and why."""


class UnsupportedQuestion(ExportError):
    """A question type the format has no way to express."""

    def __init__(self, format_name: str, question: Question) -> None:
        kind = str(getattr(question, "type", type(question).__name__))
        article = _article(kind)
        super().__init__(f"{question.id}: {format_name} cannot hold {article} {kind} question")
        self.question = question


def _article(word: str) -> str:
    """'an' before a vowel sound as written ('an ordering'), else 'a' ('a matching')."""
    return "an" if word[:1].lower() in "aeiou" else "a"


PARTIAL_CREDIT_CHOICES: tuple[str, ...] = get_args(PartialCredit)


@dataclass(frozen=True)
class ExportQuiz:
    """A quiz ready to export: an id (used in file names and GUIDs), a title, concrete questions,
    and how it gives partial credit (as the quiz definition says; 'off' is all-or-nothing)."""

    quiz_id: str
    title: str
    questions: tuple[Question, ...]
    partial_credit: PartialCredit = "net-correct"

    def __post_init__(self) -> None:
        if not self.questions:
            raise ExportError(f"quiz {self.quiz_id!r} has no questions to export")
        if self.partial_credit not in PARTIAL_CREDIT_CHOICES:
            raise ExportError(
                f"quiz {self.quiz_id!r}: partial credit {self.partial_credit!r} is not one of "
                f"{', '.join(PARTIAL_CREDIT_CHOICES)}"
            )
        if self.partial_credit == "off":  # the grader's alias; exporters see one name
            object.__setattr__(self, "partial_credit", "all-or-nothing")
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ExportError(
                    f"quiz {self.quiz_id!r}: question id {question.id!r} appears twice"
                )
            seen.add(question.id)

    @classmethod
    def from_bank(cls, bank: Bank, partial_credit: PartialCredit = "net-correct") -> ExportQuiz:
        """Every question of a bank, in bank order."""
        return cls(bank.name, bank.title, tuple(bank), partial_credit)

    @classmethod
    def of(
        cls,
        quiz_id: str,
        title: str,
        questions: Iterable[Question],
        partial_credit: PartialCredit = "net-correct",
    ) -> ExportQuiz:
        """A quiz from any iterable of questions."""
        return cls(quiz_id, title, tuple(questions), partial_credit)


def refuse_partial_credit(
    format_name: str, question_id: str, mode: str, kind: str, why: str
) -> ExportError:
    """The error for a question whose format cannot score it with the quiz's partial credit."""
    return ExportError(
        f"{question_id}: {format_name} cannot score {_article(kind)} {kind} question with "
        f"partial credit {mode!r}: {why}"
    )


def safe_html(markdown: str, *, inline: bool = False) -> str:
    """Bank Markdown as sanitized HTML (scripts, handlers and javascript: links removed)."""
    return markdown_to_safe_html(markdown, inline=inline)


def plain_text(markdown: str) -> str:
    """Bank Markdown flattened to one line of plain text (for formats without markup)."""
    return markdown_to_plain_text(markdown)


_NOT_IDENTIFIER = re.compile(r"[^A-Za-z0-9_.-]")


def safe_identifier(text: str, prefix: str = "i") -> str:
    """An XML-safe identifier (NCName) built from an id: 'ld-001' stays, '1a' becomes 'i1a'."""
    cleaned = _NOT_IDENTIFIER.sub("_", text)
    return cleaned if cleaned[:1].isalpha() or cleaned[:1] == "_" else f"{prefix}{cleaned}"


_TAG = re.compile(r"<[^>]*>")


def bank_html(markdown: str, *, inline: bool = False) -> str:
    """Sanitised HTML for a text a learner must see; if sanitising leaves nothing, the text
    itself, escaped, so an option or a stem never silently goes blank."""
    rendered = safe_html(markdown, inline=inline)
    if _TAG.sub("", rendered).strip() or not markdown.strip():
        return rendered
    shown = html.escape(markdown.strip())
    return shown if inline else f"<p>{shown}</p>"


def option_letter(index: int) -> str:
    """A, B, … Z, AA, AB, … for the index-th entry (0-based), as options are labelled."""
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(ord("A") + remainder) + letters
    return letters


def refuse_non_characters(text: str, owner: str, field: str = "text") -> None:
    """ExportError naming ``owner`` if ``text`` holds a lone surrogate or U+FFFE/U+FFFF.

    The bank loader refuses them; a question built in code may still hold one, and then the
    sanitiser cannot even encode the text, and no XML file can hold it.
    """
    match = NOT_A_CHARACTER.search(text)
    if match:
        raise ExportError(
            f"{owner}: its {field} contains U+{ord(match.group(0)):04X}, which is not a "
            "character (XML cannot hold it); remove it from the bank"
        )


def _fields(question: Question) -> Iterable[tuple[str, str]]:
    texts = getattr(question, "texts", None)
    if callable(texts):
        for location, text in texts():
            yield ".".join(str(part) for part in location), text
    yield "source", str(getattr(question, "source", "") or "")
    answer = getattr(question, "answer", None)
    yield "unit", str(getattr(answer, "unit", "") or "")


def require_concrete(
    question: Question, verb: str = "export", exported_as: str | None = None
) -> Question:
    """The question itself; ExportError (naming it ``exported_as``, by default its id) if it is
    a template (it names a generator) or if a text holds a code point that is not a character."""
    owner = exported_as or question.id
    if getattr(question, "is_template", False):
        raise ExportError(
            f"{owner}: is a template (it names a generator); {verb} a variant made "
            "with livermets_edu.quiz.variants.concrete"
        )
    for field, text in _fields(question):
        refuse_non_characters(text, owner, field)
    return question


def _describe_unit(question: Question, case: Case | None) -> str:
    return f"part {question.id!r} of case {case.id!r}" if case else f"question {question.id!r}"


def case_units(quiz: ExportQuiz, separator: str = ".") -> list[tuple[str, Question, str]]:
    """(export id, question, vignette) per item: a case becomes its parts, in order, each
    with the id CASE.PART (or CASE/PART) and the case's stem as its vignette.

    ExportError if two items would get the same id: a question 'c.p' beside case 'c' with
    part 'p', or case 'c.p' part 'q' beside case 'c' part 'p.q'. Both separators are checked
    whichever is asked, so a quiz exports to every format or to none, with the same message.
    """
    units: list[tuple[str, Question, str]] = []
    owners: dict[str, str] = {}
    for question in quiz.questions:
        members = (
            [(part, question) for part in question.parts]
            if isinstance(question, Case)
            else [(question, None)]
        )
        for member, case in members:
            for sep in dict.fromkeys((separator, ".", "/")):
                export_id = f"{case.id}{sep}{member.id}" if case else member.id
                described = _describe_unit(member, case)
                if owners.setdefault(export_id, described) != described:
                    raise ExportError(
                        f"{export_id}: {owners[export_id]} and {described} would both be "
                        "exported under this id; rename one"
                    )
            export_id = f"{case.id}{separator}{member.id}" if case else member.id
            units.append((export_id, member, case.stem if case else ""))
    return units


def expand_cases(quiz: ExportQuiz) -> Iterator[tuple[Question, str, str]]:
    """Each exported item as (question, stem Markdown, source); a case gives one per part,
    named ``case-id/part-id`` (the id its results use), its vignette repeated in each stem."""
    for export_id, question, vignette in case_units(quiz, "/"):
        stem = question.stem
        if vignette:
            question = question.model_copy(update={"id": export_id})
            stem = f"{vignette.rstrip()}\n\n{stem}"
        yield require_concrete(question), stem, question.source


def numeric_target(question: Numeric) -> tuple[float, float]:
    """The answer and absolute tolerance that accept exactly our interval (midpoint for ranges)."""
    answer = question.answer
    if answer.accept == "range":
        low, high = answer.accepted_interval
        return (low + high) / 2, (high - low) / 2
    return answer.expected, answer.tolerance


def unit_sentence(question: Numeric) -> str:
    """A line (HTML) for the stem saying which unit to answer in ('' for a plain number)."""
    unit = question.answer.unit
    return f"<p><em>Give the answer in {html.escape(unit)}.</em></p>" if unit else ""


def writable_target(path: str | os.PathLike[str], suffix: str) -> Path:
    """The path to write an export to; ExportError if it is a folder or its folder is missing."""
    target = Path(path)
    if target.is_dir():
        raise ExportError(f"{target} is a folder; give a file name ending in {suffix}")
    if not target.parent.is_dir():
        blocking = [parent for parent in target.parents if parent.is_file()]
        reason = (
            f"{blocking[-1]} is a file, not a folder"
            if blocking
            else f"the folder {target.parent} does not exist"
        )
        raise ExportError(f"{target}: cannot write: {reason}")
    return target
