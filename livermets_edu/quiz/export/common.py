"""What every exporter shares: the quiz to export, errors for what a format cannot hold, and
the format-neutral pieces (texts as HTML, cases as their parts, numeric targets, letters)."""

from __future__ import annotations

import hashlib
import html
import os
import re
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, get_args

from ..exam import scrambled
from ..grading import PartialCredit, typed_text
from ..render import markdown_to_plain_text, markdown_to_safe_html
from ..schema import Bank, Case, Numeric, Question, ShortAnswer, TextAnswer
from ..text_match import normalise
from ..yaml_source import NOT_A_CHARACTER

__all__ = [
    "shown_order",
    "LABEL_INSTRUCTION",
    "DiagramFigure",
    "ExportError",
    "ExportQuiz",
    "UnsupportedQuestion",
    "alt_text_gives_key",
    "diagram_figure",
    "label_name_choices",
    "label_number_text",
    "media_file_name",
    "bank_html",
    "answers_overlap",
    "case_matters",
    "case_units",
    "expand_cases",
    "literal_markdown",
    "numeric_target",
    "option_letter",
    "plain_text",
    "refuse_non_characters",
    "refuse_partial_credit",
    "refuse_short_answer",
    "refuse_unmatchable_short_answer",
    "require_concrete",
    "safe_html",
    "safe_identifier",
    "short_answer_case_rule",
    "short_answer_explanation_markdown",
    "short_answer_key_markdown",
    "short_answer_text",
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


def refuse_short_answer(format_name: str, question_id: str, why: str) -> ExportError:
    """The error for a short_answer question the format cannot grade as our grader does."""
    return ExportError(
        f"{question_id}: {format_name} cannot grade this short_answer question as the bank "
        f"does: {why}"
    )


# --- short answers: what every format compares, and what it cannot --------------------------
#
# Our grader compares a response with each listed answer in order, the first match deciding:
# whitespace runs count as one space and the ends are trimmed; case counts only with
# ``match_case``; ``fuzzy`` below 1 also accepts close spellings. The LMS formats compare text
# exactly, at most ignoring case (Moodle, QTI per match, Canvas always), so what they cannot
# do the exporters refuse with these helpers, naming the item, rather than grade otherwise.


def short_answer_text(answer: TextAnswer) -> str:
    """An answer as the text a response must equal, as the grader reads it: its Markdown
    flattened to plain text ("a*b*" is "ab"), trimmed, whitespace runs as one space, NFC."""
    return normalise(typed_text(answer), match_case=True)


def case_matters(text: str) -> bool:
    """Whether matching ``text`` with or without case can differ: it holds a cased letter."""
    return any(character.lower() != character.upper() for character in text)


def answers_overlap(first: TextAnswer, second: TextAnswer) -> bool:
    """Whether one response matches both exact (non-fuzzy) answers under our grader's rules."""
    left, right = short_answer_text(first), short_answer_text(second)
    if first.match_case and second.match_case:
        return left == right
    # One ignores case: the other's own text (any case it demands) then matches both.
    return normalise(left) == normalise(right)


def refuse_unmatchable_short_answer(
    question: ShortAnswer,
    question_id: str,
    format_name: str,
    *,
    ignores_case: bool = False,
    drops_wrong_answers: bool = False,
) -> None:
    """ExportError unless the format can grade ``question`` as our grader does.

    Refused: an answer that reads as nothing once its Markdown is flattened (no response can
    match it, and Moodle drops a blank answer); any ``fuzzy`` below 1 (no LMS format matches
    approximately); with
    ``ignores_case`` (the format always ignores case), an answer with ``match_case`` whose text
    has a cased letter; with ``drops_wrong_answers`` (the format has no 0 % answers), a wrong
    answer listed before a right one that some response matches too, since dropping it would
    make that response right. A wrong answer that shadows nothing scores as no match at all,
    so dropping it loses only its feedback.
    """
    for answer in question.answers:
        if not short_answer_text(answer):
            raise refuse_short_answer(
                format_name,
                question_id,
                f"answer {answer.text!r} is empty as plain text; write the words to type",
            )
        if answer.fuzzy < 1:
            raise refuse_short_answer(
                format_name,
                question_id,
                f"answer {answer.text!r} uses fuzzy matching (fuzzy: {answer.fuzzy:g}); list "
                "spelling variants as answers instead",
            )
        if ignores_case and answer.match_case and case_matters(short_answer_text(answer)):
            raise refuse_short_answer(
                format_name,
                question_id,
                f"answer {answer.text!r} has match_case: true, and {format_name} always "
                "ignores case; drop match_case or export to a format that keeps it",
            )
    if not drops_wrong_answers:
        return
    for index, wrong in enumerate(question.answers):
        if wrong.correct:
            continue
        shadowed = next(
            (
                later
                for later in question.answers[index + 1 :]
                if later.correct and answers_overlap(wrong, later)
            ),
            None,
        )
        if shadowed is not None:
            raise refuse_short_answer(
                format_name,
                question_id,
                f"wrong answer {wrong.text!r} comes before right answer {shadowed.text!r} "
                f"and decides the same responses, but {format_name} keeps right answers only",
            )


def short_answer_case_rule(question: ShortAnswer, question_id: str, format_name: str) -> bool:
    """Whether the question's answers match case, for a format with one rule per question
    (Moodle's ``usecase``); ExportError if answers that hold cased letters disagree."""
    rules = {
        answer.match_case for answer in question.answers if case_matters(short_answer_text(answer))
    }
    if len(rules) > 1:
        raise refuse_short_answer(
            format_name,
            question_id,
            "some answers have match_case: true and others not, but "
            f"{format_name} matches case for the whole question or not at all; give every "
            "answer the same match_case",
        )
    return rules == {True}


def literal_markdown(text: str) -> str:
    """``text`` as a Markdown code span, so it shows exactly as typed (no emphasis, no HTML)."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    # CommonMark drops one space at each end of a span that has both; a text that starts or
    # ends with a backtick needs that padding to stay apart from the fence.
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def short_answer_key_markdown(question: ShortAnswer) -> str:
    """The accepted answers as Markdown for a key or a card back, each shown as typed."""
    accepted = " or ".join(
        literal_markdown(short_answer_text(answer)) for answer in question.correct_answers
    )
    cased = any(
        a.match_case and case_matters(short_answer_text(a)) for a in question.correct_answers
    )
    return f"{accepted} (capitals as shown)" if cased else accepted


def short_answer_explanation_markdown(question: ShortAnswer) -> str:
    """Feedback written for particular answers, as a Markdown list ('' if there is none)."""
    return "\n".join(
        f"- {literal_markdown(short_answer_text(answer))} "
        f"({'accepted' if answer.correct else 'not accepted'}): {answer.feedback}"
        for answer in question.answers
        if answer.feedback
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


# --- label-the-diagram: the figure as a file, and what the learner matches ------------------

LABEL_INSTRUCTION = "Name each numbered structure."


@dataclass(frozen=True)
class DiagramFigure:
    """A label question's numbered figure as a package file: PNG bytes, alt text, file name."""

    png: bytes
    alt: str
    file_name: str


def media_file_name(png: bytes) -> str:
    """A file name from an image's content: the same PNG always gets the same name, so an
    export stores a figure two items share once. The prefix keeps it apart from other files
    in a shared media folder (Anki's, a course's files in an LMS)."""
    return f"livermets-{hashlib.sha256(png).hexdigest()[:20]}.png"


def alt_text_gives_key(alt: str, key: Mapping[int, str]) -> bool:
    """Whether ``alt`` ties a number to its name ("3: Aorta", "Aorta (3)", "number 3 is the
    aorta"), which would hand a screen-reader user the answer."""
    for number, name in key.items():
        word = re.escape(name.strip())
        if not word:
            continue
        after = rf"\b{number}\b(?:\W+|\s+(?:is|marks?|=)\s+)(?:the\s+)?{word}"
        before = rf"{word}\W+(?:number\s+)?{number}\b"
        if re.search(after, alt, re.IGNORECASE) or re.search(before, alt, re.IGNORECASE):
            return True
    return False


def diagram_figure(question: Question, owner: str | None = None) -> DiagramFigure:
    """The numbered figure of a label-the-diagram question, ready to store in a package.

    The alt text is the diagram's own (it says what the figure shows, not which number marks
    what); should it ever name a number's structure, a generic one replaces it.
    ExportError naming ``owner`` (by default the question id) if the drawing gives no PNG.
    """
    drawing = getattr(question, "drawing")  # noqa: B009 (only label questions have one)
    png = drawing.png()
    if not isinstance(png, bytes | bytearray) or not png:
        raise ExportError(f"{owner or question.id}: diagram {drawing.name!r} gave no PNG image")
    alt = " ".join(str(drawing.alt_text() or "").split())
    key = {number: drawing.display_names[region] for number, region in drawing.numbering.items()}
    if not alt or alt_text_gives_key(alt, key):
        alt = f"Diagram with numbered structures: {drawing.title}"
    return DiagramFigure(bytes(png), alt, media_file_name(bytes(png)))


def label_number_text(number: int) -> str:
    """How a number to name is shown beside its drop-down: "Number 3" (as in Moodle XML)."""
    return f"Number {number}"


def label_name_choices(question: Question, owner: str | None = None) -> list[str]:
    """The names a learner picks from, as plain text, in the question's order; ExportError if
    two would read the same once flattened (a learner could not tell them apart)."""
    shown: dict[str, str] = {}
    for name in getattr(question, "name_choices"):  # noqa: B009 (label questions only)
        text = plain_text(name) or name.strip()
        if text in shown:
            raise ExportError(
                f"{owner or question.id}: names {shown[text]!r} and {name!r} both read "
                f"{text!r}; reword the distractor"
            )
        shown[text] = name
    return list(shown)


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


def shown_order(entries: Sequence[Any], question_id: str) -> list[Any]:
    """Entries (with ids) in the order the page shows them: fixed by the question id, and
    never the bank's order when there are two or more."""
    by_id = {entry.id: entry for entry in entries}
    return [by_id[entry_id] for entry_id in scrambled(list(by_id), question_id)]
