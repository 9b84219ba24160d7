"""How long the dual-blood-supply diagram takes to build and to render as PNG.

The blood-flow widget redraws it on every slider move, so this is the number to watch.
Run: ``python benchmarks/bench_diagrams.py`` (prints p50/p95 in milliseconds; asserts nothing).
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

from livermets_edu.diagrams import dual_blood_supply  # noqa: E402

RUNS = 30


def _percentiles(timings_ms: list[float]) -> tuple[float, float]:
    ordered = sorted(timings_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def _time(label: str, action: Callable[[], object], runs: int = RUNS) -> None:
    action()  # warm-up: font cache, imports
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    p50, p95 = _percentiles(timings)
    print(f"{label:<44} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   ({runs} runs)")


def main() -> None:
    """Print build-only and build+PNG timings at the default size and dpi."""
    _time("dual_blood_supply() build only", lambda: dual_blood_supply())
    _time("dual_blood_supply().to_png()", lambda: dual_blood_supply().to_png())
    _time(
        "occluded artery, 60 mm tumour, .to_png()",
        lambda: dual_blood_supply(
            occluded=["hepatic_artery"], tumour_diameter_mm=60.0, show_bile_duct=True
        ).to_png(),
    )
    diagram = dual_blood_supply()
    _time("to_png() of an already built diagram", diagram.to_png)
    _time("_repr_mimebundle_() (what Jupyter calls)", diagram._repr_mimebundle_)
    width, height = diagram.size_pixels()
    print(f"default PNG: {width}x{height} px, {len(diagram.to_png()) / 1024:.0f} KiB")


if __name__ == "__main__":
    main()
