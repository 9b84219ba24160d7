"""How long the quiz engine takes: load a bank, render static HTML, build the widget, grade.

A measurement, not a test: run ``python benchmarks/bench_quiz.py [BANK]`` and read the
milliseconds (median of several runs). BANK defaults to 01-blood-supply when it exists,
otherwise the test fixture bank.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

FALLBACK = Path(__file__).resolve().parents[1] / "tests" / "data" / "banks" / "good-bank.yaml"


def median_ms(action: Callable[[], object], repeats: int = 20) -> float:
    """The median wall time of ``action`` in milliseconds."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def once_ms(action: Callable[[], object]) -> float:
    """The wall time of one call in milliseconds (for first-time costs such as imports)."""
    return median_ms(action, repeats=1)


def report(label: str, milliseconds: float) -> None:
    print(f"{label:<40} {milliseconds:9.2f} ms")


def main(argv: list[str]) -> int:
    """Print timings for one bank."""
    report("import livermets_edu.quiz", once_ms(lambda: __import__("livermets_edu.quiz")))
    from livermets_edu.quiz import QuizSession, list_banks, load_bank, to_static_html, validate_bank

    default = "01-blood-supply" if "01-blood-supply" in list_banks() else FALLBACK
    target = argv[0] if argv else default
    report("first load_bank", once_ms(lambda: load_bank(target)))
    bank = load_bank(target)
    print(f"bank: {bank.name} ({len(bank)} questions)")
    report("load_bank", median_ms(lambda: load_bank(target)))
    report("validate_bank", median_ms(lambda: validate_bank(target)))
    report(
        f"to_static_html ({len(to_static_html(bank)) // 1024} KiB)",
        median_ms(lambda: to_static_html(bank)),
    )

    def grade_every_question() -> None:
        session = QuizSession(bank)
        for question in bank:
            session.answer(question.id, None)

    report("session + grade every question", median_ms(grade_every_question))
    report(
        "import the widget module (ipywidgets)",
        once_ms(lambda: __import__("livermets_edu.quiz.widget")),
    )
    from livermets_edu.quiz.widget import quiz_widget

    report("quiz_widget", median_ms(lambda: quiz_widget(bank), repeats=5))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
