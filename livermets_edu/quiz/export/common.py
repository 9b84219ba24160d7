"""What every exporter shares: the quiz to export, and errors for what a format cannot hold."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..render import markdown_to_plain_text, markdown_to_safe_html
from ..schema import Bank, Question

__all__ = [
    "ExportError",
    "ExportQuiz",
    "UnsupportedQuestion",
    "plain_text",
    "safe_html",
    "safe_identifier",
]


class ExportError(ValueError):
    """A quiz that cannot be written in the asked format; the message says which item and why."""


class UnsupportedQuestion(ExportError):
    """A question type the format has no way to express."""

    def __init__(self, format_name: str, question: Question) -> None:
        kind = getattr(question, "type", type(question).__name__)
        super().__init__(f"{question.id}: {format_name} cannot hold a {kind} question")
        self.question = question


@dataclass(frozen=True)
class ExportQuiz:
    """A quiz ready to export: an id (used in file names and GUIDs), a title, concrete questions."""

    quiz_id: str
    title: str
    questions: tuple[Question, ...]

    def __post_init__(self) -> None:
        if not self.questions:
            raise ExportError(f"quiz {self.quiz_id!r} has no questions to export")
        seen: set[str] = set()
        for question in self.questions:
            if question.id in seen:
                raise ExportError(
                    f"quiz {self.quiz_id!r}: question id {question.id!r} appears twice"
                )
            seen.add(question.id)

    @classmethod
    def from_bank(cls, bank: Bank) -> ExportQuiz:
        """Every question of a bank, in bank order."""
        return cls(bank.name, bank.title, tuple(bank))

    @classmethod
    def of(cls, quiz_id: str, title: str, questions: Iterable[Question]) -> ExportQuiz:
        """A quiz from any iterable of questions."""
        return cls(quiz_id, title, tuple(questions))


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
