"""A quiz as an Anki deck (.apkg): one note per question, re-importable to update, with media.

Identity, so that a re-export updates a learner's cards instead of duplicating them:

- The note type (``MODEL_ID``) is one hard-coded number: genanki needs ids that never change,
  and a new id would make Anki treat every note as a new note type.
- The deck id is derived from the quiz id: the first 8 bytes of
  ``sha256("livermets-edu deck:" + quiz_id)`` as an integer, folded into [2**30, 2**31) (the
  range genanki's README suggests). The same quiz id gives the same deck on any machine.
- A note's GUID is ``genanki.guid_for("livermets-edu", quiz_id, question_id)``. genanki's
  default hashes the fields, so editing an answer would make a new note; hashing the question
  id alone would make the same item in two decks one note, so importing the second deck would
  skip or move it (genanki#61). Quiz id + question id is stable across edits and distinct
  between decks.

Anki's importer matches a note by GUID and updates it when the package's note is newer: the
default "Update notes: if newer" (``update_notes=IF_NEWER``) compares modification times, which
genanki stamps at export (``timestamp``); "Always" also takes an older package. A package
stamped in the very same second counts as the same version and is skipped (anki 26.9.3).
Decks are matched by name on import (Anki assigns its own deck id).

Every text field is bank Markdown rendered by the sanitiser in ``render`` (no scripts, no event
handlers, no ``javascript:`` links); ids and alt text are escaped. Anki also reads markup of
its own in a field's text: ``[sound:file]`` plays a media file, ``[latex]…[/latex]`` runs LaTeX
on the learner's machine, ``[anki:tts]`` speaks. So every ``[`` of bank text is written as the
entity ``&#91;``, which shows the same character and matches none of Anki's tags.

A short-answer card asks for the answer on a blank line; its back gives the accepted answers,
each as typed (a code span, so that no character of an answer is read as markup), and the
explanation lists the feedback written for particular answers, right or wrong.

Items to put in order, and a matching question's choices, are shown in ``exam.scrambled``
order: fixed by the question id, so a re-import does not churn the card, and never the bank's
order (the answer for items; and writers list choices in the order of their prompts).
"""

from __future__ import annotations

import hashlib
import html
import os
import re
import tempfile
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki

from .. import atomic
from ..exam import scrambled
from ..grading import answer_markdown
from ..schema import Case, Question, ShortAnswer
from .common import (
    ExportError,
    ExportQuiz,
    UnsupportedQuestion,
    case_units,
    media_file_name,
    option_letter,
    require_concrete,
    safe_html,
    short_answer_explanation_markdown,
    short_answer_key_markdown,
    writable_target,
)

__all__ = [
    "MODEL_ID",
    "anki_deck_id",
    "anki_guid",
    "anki_tags",
    "no_anki_markup",
    "shown_item_order",
    "write_anki",
]

FORMAT_NAME = "Anki"
MODEL_ID = 1_920_509_655  # chosen once at random in [2**30, 2**31); never change it
MODEL_NAME = "livermets-edu question"
FIELDS = ("ID", "Question", "Answer", "Explanation", "Source")

# Okabe–Ito blue and vermilion mark the parts; labels say the same, so colour is never the
# only signal. Large type for phones; night mode keeps the contrast.
CSS = """
.card { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  font-size: 22px; line-height: 1.5; text-align: left; color: #000; background: #fff;
  max-width: 40em; margin: 0 auto; padding: 0 0.5em; }
.card.nightMode, .nightMode .card { color: #f2f2f2; background: #1e1e1e; }
.lm-options { padding-left: 0; list-style: none; }
.lm-options li { margin: 0.3em 0; }
.lm-letter { font-weight: 700; margin-right: 0.4em; }
.lm-ask { font-style: italic; }
.lm-answer { border-left: 6px solid #0072B2; padding-left: 0.6em; }
.lm-explanation { border-left: 6px dashed #D55E00; padding-left: 0.6em; margin-top: 1em; }
.lm-label { font-size: 0.8em; font-weight: 700; text-transform: uppercase; letter-spacing: 0.05em; }
.lm-source { font-size: 0.75em; margin-top: 1.2em; }
.lm-figure img { max-width: 100%; height: auto; }
code, pre { font-size: 0.9em; }
"""
FRONT = '<div class="lm-question">{{Question}}</div>'
BACK = (
    "{{FrontSide}}\n<hr id=answer>\n"
    '<div class="lm-answer"><div class="lm-label">Answer</div>{{Answer}}</div>\n'
    '{{#Explanation}}<div class="lm-explanation"><div class="lm-label">Why</div>'
    "{{Explanation}}</div>{{/Explanation}}\n"
    '<div class="lm-source">Source: {{Source}} · {{ID}}</div>'
)


def _model() -> genanki.Model:
    return genanki.Model(
        MODEL_ID,
        MODEL_NAME,
        fields=[{"name": name} for name in FIELDS],
        templates=[{"name": "Question", "qfmt": FRONT, "afmt": BACK}],
        css=CSS,
        sort_field_index=0,
    )


def anki_deck_id(quiz_id: str) -> int:
    """The Anki deck id for a quiz: the same number for the same quiz id, everywhere."""
    digest = hashlib.sha256(f"livermets-edu deck:{quiz_id}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:8], "big") % (1 << 30)


def anki_guid(quiz_id: str, question_id: str) -> str:
    """The note GUID for a question in a quiz: stable across edits, distinct between decks."""
    return genanki.guid_for("livermets-edu", quiz_id, question_id)


_WHITESPACE = re.compile(r"\s+")


def anki_tags(quiz_id: str, question: Question) -> list[str]:
    """The note's tags: the question's own (spaces become underscores), then the quiz id."""
    tags: list[str] = []
    for tag in [*question.tags, quiz_id]:
        cleaned = _WHITESPACE.sub("_", tag.strip())
        if cleaned and cleaned not in tags:
            tags.append(cleaned)
    return tags


def no_anki_markup(text: str) -> str:
    """Text for an Anki field with every '[' as '&#91;', so Anki reads no [sound:…] or
    [latex] tag in it (the entity shows the same '[')."""
    return text.replace("[", "&#91;")


def _field_html(markdown: str, *, inline: bool = False) -> str:
    """Bank Markdown as sanitised HTML that Anki shows as it is."""
    return no_anki_markup(safe_html(markdown, inline=inline))


def _listed(entries: Iterable[Any], marker: str = "letter") -> str:
    """Entries with ``text`` as an HTML list marked A, B, C… or 1, 2, 3…"""
    items = []
    for index, entry in enumerate(entries):
        mark = option_letter(index) if marker == "letter" else str(index + 1)
        text = _field_html(entry.text, inline=True)
        items.append(f'<li><span class="lm-letter">{mark}.</span>{text}</li>')
    return f'<ul class="lm-options">{"".join(items)}</ul>'


def shown_item_order(question: Any) -> list[Any]:
    """An ordering question's items as the card shows them: never in the right order."""
    return [question.item(item_id) for item_id in scrambled(question.answer, question.id)]


def shown_choice_order(question: Any) -> list[Any]:
    """A matching question's choices as the card shows them: never in bank order."""
    by_id = {choice.id: choice for choice in question.choices}
    return [by_id[choice_id] for choice_id in scrambled(list(by_id), question.id)]


@dataclass(frozen=True)
class _Text:
    text: str


class _Media:
    """PNG files for one export, named by content hash so the same image is stored once."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.paths: dict[str, Path] = {}

    def add(self, png: bytes) -> str:
        name = media_file_name(png)
        if name not in self.paths:
            path = self.folder / name
            path.write_bytes(png)
            self.paths[name] = path
        return name


def _alt_text(diagram: Any) -> str:
    text = getattr(diagram, "alt_text", "")
    text = text() if callable(text) else text
    return text.strip() if isinstance(text, str) else ""


def _diagram_html(question: Question, media: _Media) -> str:
    name = getattr(question, "diagram", None)
    if name is None:
        return ""
    from .. import label_diagrams  # imported only when a question has a diagram

    try:
        diagram = label_diagrams.LABEL_DIAGRAMS[name]
    except KeyError:
        raise ExportError(f"{question.id}: no label diagram called {name!r}") from None
    png = diagram.png()
    if not isinstance(png, bytes | bytearray):
        raise ExportError(f"{question.id}: diagram {name!r} did not give PNG bytes")
    alt = _alt_text(diagram) or f"Diagram {name} with numbered regions"
    file_name = media.add(bytes(png))
    return (
        f'<div class="lm-figure"><img src="{html.escape(file_name)}" '
        f'alt="{html.escape(alt, quote=True)}"></div>'
    )


def _prompt_html(question: Question, media: _Media) -> str:
    """The front of a card: stem, figure, and whatever the learner chooses from."""
    q: Any = question  # the type-specific fields are read by the type name
    parts = [_field_html(q.stem), _diagram_html(q, media)]
    kind = getattr(q, "type", "")
    if hasattr(q, "options"):
        parts.append(_listed(q.options))
    elif kind == "true_false":
        parts.append('<p class="lm-ask">True or false?</p>')
    elif kind == "short_answer":
        parts.append('<p class="lm-ask">Answer: ______</p>')
    elif kind == "numeric":
        unit = q.answer.unit
        ask = f"Give a number in {unit}." if unit else "Give a number."
        parts.append(f'<p class="lm-ask">{no_anki_markup(html.escape(ask))}</p>')
    elif kind == "matching":
        parts.append(_listed(q.prompts, "number"))
        parts.append('<p class="lm-ask">Match each to one of:</p>')
        parts.append(_listed(shown_choice_order(q)))
    elif kind == "ordering":
        parts.append('<p class="lm-ask">Put these in order:</p>')
        parts.append(_listed(shown_item_order(q)))
    elif kind == "label_diagram":
        numbers = ", ".join(str(number) for number in q.answer)
        parts.append(f'<p class="lm-ask">Name the regions numbered {numbers}, from:</p>')
        parts.append(_listed([_Text(name) for name in q.name_choices]))
    elif kind == "case":
        for number, part in enumerate(q.parts, start=1):
            parts.append(f'<div class="lm-part"><div class="lm-label">Part {number}</div>')
            parts.append(_prompt_html(part, media))
            parts.append("</div>")
    return "\n".join(part for part in parts if part)


def _answer_markdown(question: Question) -> str:
    # Short answers (a case's parts too) are written here, each answer as a code span.
    if isinstance(question, ShortAnswer):
        return short_answer_key_markdown(question)
    if isinstance(question, Case):
        return "\n\n".join(
            _part_heading(position, _answer_markdown(part))
            for position, part in enumerate(question.parts, start=1)
        )
    try:
        return answer_markdown(question)
    except TypeError:  # a type grading cannot describe has no card back either
        raise UnsupportedQuestion(FORMAT_NAME, question) from None


def _part_heading(position: int, markdown: str) -> str:
    """'**Part 2.** text', a block (a list) set below the heading, as grading writes it."""
    heading = f"**Part {position}.**"
    return f"{heading}\n\n{markdown}" if "\n" in markdown else f"{heading} {markdown}"


def _explanation_html(question: Question) -> str:
    """The explanation, then each option's feedback, so the back teaches why."""
    pieces = [question.explanation] if question.explanation.strip() else []
    options = getattr(question, "options", None) or []
    feedback = [
        f"- **{option_letter(index)}**: {option.feedback}"
        for index, option in enumerate(options)
        if option.feedback
    ]
    if feedback:
        pieces.append("\n".join(feedback))
    parts = question.parts if isinstance(question, Case) else [question]
    for position, part in enumerate(parts, start=1):
        if isinstance(part, ShortAnswer) and (about := short_answer_explanation_markdown(part)):
            pieces.append(_part_heading(position, about) if part is not question else about)
    return _field_html("\n\n".join(pieces)) if pieces else ""


def _note(quiz: ExportQuiz, question: Question, model: genanki.Model, media: _Media) -> Any:
    require_concrete(question)
    fields = [
        html.escape(question.id),
        _prompt_html(question, media),
        _field_html(_answer_markdown(question)),
        _explanation_html(question),
        _field_html(question.source, inline=True),
    ]
    return genanki.Note(
        model=model,
        fields=fields,
        tags=anki_tags(quiz.quiz_id, question),
        guid=anki_guid(quiz.quiz_id, question.id),
    )


def write_anki(
    quiz: ExportQuiz,
    path: str | os.PathLike[str],
    *,
    deck_name: str | None = None,
    timestamp: float | None = None,
) -> Path:
    """Write the quiz as an Anki package (.apkg) and return its path.

    ``timestamp`` (seconds since 1970) stamps the notes; by default, now. Anki updates a
    note already in a collection only when the package's stamp is newer.
    """
    name = (deck_name if deck_name is not None else quiz.title).strip()
    if not name:
        raise ExportError(f"quiz {quiz.quiz_id!r}: the deck name is empty")
    target = writable_target(path, ".apkg")
    case_units(quiz)  # refuses a case part and a question that would share an id
    model = _model()
    deck = genanki.Deck(anki_deck_id(quiz.quiz_id), name)
    with tempfile.TemporaryDirectory(prefix="livermets-anki-") as folder:
        media = _Media(Path(folder))
        for question in quiz.questions:
            deck.add_note(_note(quiz, question, model, media))
        package = genanki.Package(deck, media_files=[str(p) for p in media.paths.values()])
        # Built beside the media, then moved into place in one step (atomic.write_bytes).
        built = Path(folder) / "deck.apkg"
        package.write_to_file(str(built), timestamp=timestamp)
        atomic.write_bytes(target, built.read_bytes())
    return target
