"""How fast the Y-90 planner answers a control change (a script, not a test).

Run: python benchmarks/bench_y90_planner.py
Reports p50/p95 latency of one slider move: the plan, the dose bars and checks, and (for the
lung-shunt slider) the diagram redrawn with its cache cleared, which is the worst case.
"""

from __future__ import annotations

import time

import matplotlib

matplotlib.use("Agg")

from timing import percentiles  # noqa: E402

from livermets_edu.widgets import y90_planner, y90_planning  # noqa: E402


def _moves(slider, values, *, clear_diagram: bool) -> list[float]:
    samples = []
    for value in values:
        if clear_diagram:
            y90_planning._diagram_html.cache_clear()
        start = time.perf_counter()
        slider.value = value
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def main() -> None:
    planner = y90_planner()
    planner.lung_shunt_percent.value = 1.0  # warm-up: fonts, imports
    shunts = [0.5 * i for i in range(1, 61)]
    redrawn = _moves(planner.lung_shunt_percent, shunts, clear_diagram=True)
    _moves(planner.lung_shunt_percent, shunts, clear_diagram=False)  # untimed: fill the cache
    rows = {
        "lung shunt move, diagram redrawn": redrawn,
        "lung shunt move, diagram cached": _moves(
            planner.lung_shunt_percent, shunts[::-1], clear_diagram=False
        ),
        "T/N move (diagram unchanged)": _moves(
            planner.tumour_to_normal, [1 + 0.1 * i for i in range(60)], clear_diagram=False
        ),
        "liver volume move": _moves(
            planner.liver_volume_ml, [1000 + 50 * i for i in range(40)], clear_diagram=False
        ),
    }
    for label, samples in rows.items():
        p50, p95 = percentiles(samples)
        print(f"{label:<40} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   ({len(samples)} moves)")


if __name__ == "__main__":
    main()
