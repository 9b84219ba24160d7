"""How long a big bank takes: load and validate 1000 items, then export them to every format.

A measurement, not a test: ``python benchmarks/bench_quiz_library.py [N_ITEMS]``. The target
(issue 5) is under 0.5 s to load and validate and under 2 s to export to all formats. The
synthetic bank cycles through every question type that every format can hold, with per-option
feedback, explanations and tags, so it is as heavy per item as a real bank.
"""

from __future__ import annotations

import copy
import sys
import tempfile
import time
from functools import partial
from pathlib import Path

import yaml


def _item(number: int) -> dict[str, object]:
    common = {
        "id": f"syn-{number:04d}",
        "stem": f"Synthetic question {number}: which statement about **item {number}** holds?",
        "explanation": "An explanation with *Markdown*, a list:\n\n- one\n- two\n",
        "objective": "Measure the quiz engine",
        "difficulty": ("easy", "medium", "hard")[number % 3],
        "tags": ["synthetic", f"group-{number % 10}"],
        "source": "benchmarks/bench_quiz_library.py",
    }
    options = [
        {"id": letter, "text": f"Option {letter} of {number}", "feedback": f"About {letter}."}
        for letter in "abcd"
    ]
    kind = number % 4
    if kind == 0:
        return {**common, "type": "single", "options": options, "answer": "b"}
    if kind == 1:
        return {**common, "type": "multiple", "options": options, "answer": ["a", "c"]}
    if kind == 2:
        return {**common, "type": "true_false", "answer": number % 2 == 0}
    return {**common, "type": "numeric", "answer": {"value": 42.5, "unit": "%", "abs_tol": 2.5}}


def write_bank(folder: Path, items: int) -> Path:
    """A synthetic bank of ``items`` questions, written as YAML into ``folder``."""
    path = folder / "synthetic.yaml"
    data = {
        "bank": "synthetic",
        "title": "Synthetic bank",
        "lesson": "benchmark",
        "questions": [_item(number) for number in range(items)],
    }
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


ALL_TYPES = Path(__file__).resolve().parents[1] / "tests" / "data" / "banks" / "types"


def write_mixed_bank(folder: Path, items: int) -> Path:
    """A bank of ``items`` questions cycling through the test bank of every type (matching,
    ordering, label-the-diagram, case, short answer, parametrized numeric...), ids renumbered."""
    source = yaml.safe_load((ALL_TYPES / "all-types.yaml").read_text(encoding="utf-8"))
    templates = source["questions"]
    questions = []
    for number in range(items):
        # A deep copy, or YAML would write the shared options once and point at them (aliases).
        question = copy.deepcopy(templates[number % len(templates)])
        question["id"] = f"mix-{number:04d}"
        questions.append(question)
    path = folder / "mixed.yaml"
    data = {**source, "bank": "mixed", "questions": questions}
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def _best_of(runs: int, action) -> tuple[float, object]:
    best, result = float("inf"), None
    for _ in range(runs):
        start = time.perf_counter()
        result = action()
        best = min(best, time.perf_counter() - start)
    return best, result


def main(argv: list[str]) -> int:
    """Print load and export times for a synthetic bank."""
    items = int(argv[0]) if argv else 1000
    from livermets_edu.quiz import load_bank
    from livermets_edu.quiz.export import FORMATS, ExportQuiz, export_quiz
    from livermets_edu.quiz.render import markdown_to_plain_text, markdown_to_safe_html

    with tempfile.TemporaryDirectory() as folder:
        path = write_bank(Path(folder), items)
        size_kib = path.stat().st_size / 1024
        seconds, bank = _best_of(5, lambda: load_bank(path))
        print(f"load + validate {items} items ({size_kib:.0f} KiB YAML): {seconds * 1000:7.1f} ms")
        mixed = write_mixed_bank(Path(folder), items)
        seconds, _ = _best_of(5, lambda: load_bank(mixed))
        size_kib = mixed.stat().st_size / 1024
        label = f"load + validate {items} items of every type ({size_kib:.0f} KiB YAML):"
        print(f"{label} {seconds * 1000:7.1f} ms")
        quiz = ExportQuiz.from_bank(bank)
        targets = {
            name: Path(folder) / f"out-{name}{export_format.suffix}"
            for name, export_format in FORMATS.items()
        }
        for name, target in targets.items():
            export_quiz(quiz, name, target)  # warm-up: imports

        def every_format_from_cold() -> None:
            # Text renders are cached across formats; start each run with an empty cache, as a
            # fresh process exporting a bank would.
            markdown_to_safe_html.cache_clear()
            markdown_to_plain_text.cache_clear()
            for name, target in targets.items():
                export_quiz(quiz, name, target)

        seconds, _ = _best_of(3, every_format_from_cold)
        print(f"export to all {len(FORMATS)} formats, cold render cache: {seconds * 1000:7.1f} ms")
        for name, target in targets.items():
            seconds, _ = _best_of(3, partial(export_quiz, quiz, name, target))
            size = target.stat().st_size / 1024
            print(f"  {name:<14} alone, warm cache {seconds * 1000:7.1f} ms  {size:8.0f} KiB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
