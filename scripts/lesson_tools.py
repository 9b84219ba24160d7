"""What every lesson generator shares: facts in prose, the reference list, notebook assembly.

A generator (``scripts/make_lesson_NN.py``) lists its cells as ``("md" | "code", text)`` and
fills numbers into Markdown from :mod:`livermets_edu.facts` and :mod:`livermets_edu.derived`
with :func:`fact`, :func:`value` and :func:`model`, so a corrected fact corrects the lesson when
it is regenerated. Code cells compute their own numbers when run.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable, Sequence
from pathlib import Path

import nbformat
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook

from livermets_edu import derived, facts
from livermets_edu.lesson import taught

__all__ = [
    "FURTHER_REFERENCES",
    "REFERENCES_MARKER",
    "WIDGET_MARKER",
    "build",
    "fact",
    "model",
    "quiz_cells",
    "references",
    "value",
    "write",
]

#: The last lines of every lesson's reference list (after the facts' own sources).
FURTHER_REFERENCES = """\
- Patient information: Verywell Health, *How liver metastasis is treated*; Roswell Park
  Comprehensive Cancer Center; Memorial Sloan Kettering Cancer Center; a hospital
  patient-information page and a patient-information article on liver metastases.
- Every figure in this lesson, with its source, is in `livermets_edu/facts.py`; the model's
  outputs are named in `livermets_edu/derived.py`."""

WIDGET_MARKER = "# NBVAL_IGNORE_OUTPUT: an interactive widget, which nbval cannot compare"
REFERENCES_MARKER = "<<REFERENCES>>"

Cell = tuple[str, str]


def fact(name: str) -> str:
    """A fact as the lesson teaches it (its range where the sources disagree)."""
    return taught(facts.get(name))


def value(name: str) -> str:
    """A fact's single value with its unit, e.g. '10 mm' (a true minus sign in prose)."""
    text = facts.get(name).text
    return "\u2212" + text[1:] if text.startswith("-") else text


def model(name: str) -> str:
    """A derived model output with its unit, e.g. '6.3 mm'."""
    return derived.get(name).text


def quiz_cells(bank: str, number: int) -> list[Cell]:
    """The check-your-understanding section: the quiz widget and its static copy."""
    return [
        (
            "md",
            f"""\
## {number} · Check your understanding
Answer each question and press **Submit**. You get feedback on your choice and an explanation.
The score counts your first answer to each question; **Retry** lets you practise again. The score
is for you alone: nothing is recorded or sent anywhere.""",
        ),
        (
            "code",
            f"""\
{WIDGET_MARKER}
from livermets_edu.quiz import show_quiz

show_quiz("{bank}")""",
        ),
        (
            "md",
            """\
No kernel (reading on GitHub or nbviewer)? The same questions, with answers revealed on
click:""",
        ),
        (
            "code",
            f"""\
from livermets_edu.quiz import show_static

show_static("{bank}")""",
        ),
    ]


def references(
    code: str, topics: Iterable[tuple[str, str]], first_lines: Sequence[str] = ()
) -> str:
    """The reference list from the facts' own sources, one line per source.

    ``topics`` pairs what a reference supports with a fact citing it. Every fact the code cells
    show must have its source listed, or the build stops.
    """
    topics = tuple(topics)
    cited = {facts.get(name).source for _, name in topics}
    shown = [n for n in re.findall(r"\b[A-Z][A-Z0-9_]{3,}\b", code) if n in facts.ALL]
    missing = sorted({n for n in shown if facts.get(n).source not in cited})
    if missing:
        raise SystemExit(f"facts shown in the lesson whose source is not referenced: {missing}")
    lines = list(first_lines)
    seen: set[str] = set()
    for topic, name in topics:
        source = facts.get(name).source
        if source not in seen:
            seen.add(source)
            lines.append(f"- {topic[0].upper()}{topic[1:]}: {source}.")
    return "\n".join(lines)


def build(
    cells: Sequence[Cell], topics: Iterable[tuple[str, str]], first_lines: Sequence[str] = ()
) -> nbformat.NotebookNode:
    """The lesson as an unexecuted notebook, with its reference list filled in."""
    code = "\n".join(src for kind, src in cells if kind == "code")
    listed = references(code, topics, first_lines)
    notebook = new_notebook(
        cells=[
            new_markdown_cell(src.replace(REFERENCES_MARKER, listed))
            if kind == "md"
            else new_code_cell(src)
            for kind, src in cells
        ]
    )
    for index, cell in enumerate(notebook.cells):
        # Ids from position and text, so regenerating an unchanged lesson changes nothing.
        cell.id = hashlib.sha1(f"{index}\n{cell.source}".encode()).hexdigest()[:8]
    notebook.metadata = {
        "kernelspec": {
            "display_name": "Python 3 (ipykernel)",
            "language": "python",
            "name": "python3",
        },
        "language_info": {"name": "python"},
    }
    return notebook


def write(notebook: nbformat.NotebookNode, path: Path) -> None:
    """Validate and write the notebook (without outputs)."""
    nbformat.validate(notebook)
    nbformat.write(notebook, path)
    print(f"wrote {path.relative_to(path.parents[1])} ({len(notebook.cells)} cells)")
