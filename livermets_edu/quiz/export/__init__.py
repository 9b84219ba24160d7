"""Export a quiz to the formats instructors and learners use: LMSs, Anki, print, jupyterquiz.

    from livermets_edu.quiz.export import ExportQuiz, export_quiz
    quiz = ExportQuiz.from_bank(load_bank("08-liver-directed"))
    export_quiz(quiz, "moodle", "quiz.xml")

Each format lives in its own module, imported only when used; this one maps format names to
writers. Every writer takes concrete questions (parametrized ones already made into a variant).
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .. import atomic
from .common import ExportError, ExportQuiz, UnsupportedQuestion

__all__ = [
    "FORMATS",
    "ExportError",
    "ExportFormat",
    "ExportQuiz",
    "UnsupportedQuestion",
    "export_quiz",
]


@dataclass(frozen=True)
class ExportFormat:
    """One format: its name, what it is for, the usual file suffix, and where its writer lives."""

    name: str
    description: str
    suffix: str
    writer_path: str  # "module:function" inside this package
    writes_text: bool  # the function returns text (True) or writes the path itself (False)
    options: tuple[tuple[str, object], ...] = ()

    def writer(self) -> Callable[..., object]:
        """The function that produces this format (its module is imported now)."""
        module, function = self.writer_path.split(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), function)


_TEXT, _FILE = True, False
FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("moodle", "Moodle XML", ".xml", "moodle_xml:to_moodle_xml", _TEXT),
        ExportFormat("gift", "GIFT text (Moodle)", ".gift.txt", "gift:to_gift", _TEXT),
        ExportFormat("qti21", "IMS QTI 2.1 package", ".zip", "qti21:write_qti21", _FILE),
        ExportFormat(
            "canvas", "Canvas QTI 1.2 package", ".zip", "canvas_qti12:write_canvas_qti12", _FILE
        ),
        ExportFormat("anki", "Anki deck", ".apkg", "anki:write_anki", _FILE),
        ExportFormat(
            "printable",
            "printable page for students (no answers)",
            ".html",
            "printable:to_printable_html",
            _TEXT,
            (("answer_key", False),),
        ),
        ExportFormat(
            "printable-key",
            "printable answer key",
            ".html",
            "printable:to_printable_html",
            _TEXT,
            (("answer_key", True),),
        ),
        ExportFormat(
            "jupyterquiz", "jupyterquiz JSON", ".json", "jupyterquiz:write_jupyterquiz", _FILE
        ),
    )
}


def export_quiz(quiz: ExportQuiz, format_name: str, path: str | os.PathLike[str]) -> Path:
    """Write ``quiz`` in the named format (see ``FORMATS``) to ``path`` and return the path."""
    try:
        export_format = FORMATS[format_name]
    except KeyError:
        raise ExportError(
            f"unknown export format {format_name!r}; choose one of {', '.join(FORMATS)}"
        ) from None
    target = Path(path)
    writer = export_format.writer()
    options = dict(export_format.options)
    if export_format.writes_text:
        target.parent.mkdir(parents=True, exist_ok=True)
        atomic.write_text(target, str(writer(quiz, **options)))
    else:
        writer(quiz, target, **options)
    return target
