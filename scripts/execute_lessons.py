"""Execute lessons in place so they are committed with outputs, as nbval and readers need.

Run: python scripts/execute_lessons.py [notebooks/NN-*.ipynb ...]
(default: every lesson, then the instructor notebooks)

Saved widget state is dropped afterwards: it is large (it embeds every rendered image) and is
rebuilt whenever a learner runs the lesson.
"""

from __future__ import annotations

import sys
from pathlib import Path

import nbformat
from nbconvert.preprocessors import ExecutePreprocessor

NOTEBOOKS = Path(__file__).resolve().parents[1] / "notebooks"


def execute(path: Path) -> None:
    """Run every cell of one lesson from its own folder and save it with outputs."""
    notebook = nbformat.read(path, as_version=4)
    ExecutePreprocessor(timeout=600, kernel_name="python3").preprocess(
        notebook, {"metadata": {"path": str(path.parent)}}
    )
    notebook.metadata.pop("widgets", None)
    nbformat.write(notebook, path)
    print(f"executed {path.name} ({path.stat().st_size / 1024:.0f} KiB)")


def main(argv: list[str]) -> int:
    paths = [Path(a).resolve() for a in argv] or [
        *sorted(NOTEBOOKS.glob("[0-9][0-9]-*.ipynb")),
        *sorted(NOTEBOOKS.glob("instructor/*.ipynb")),
    ]
    for path in paths:
        execute(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
