"""How fast the blood-flow explorer answers a control change (a script, not a test).

Run: python benchmarks/bench_blood_flow_widget.py
Reports p50/p95 latency of one update for a state seen before (cached diagram) and for a new
tumour size (diagram redrawn), which is the worst case a slider drag meets.
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

from livermets_edu.widgets import blood_flow_explorer  # noqa: E402


def _time(action, repeats: int) -> list[float]:
    samples = []
    for i in range(repeats):
        start = time.perf_counter()
        action(i)
        samples.append((time.perf_counter() - start) * 1000)
    return samples


def _report(name: str, samples: list[float]) -> None:
    ordered = sorted(samples)
    p95 = ordered[max(0, round(0.95 * len(ordered)) - 1)]
    median = statistics.median(ordered)
    print(f"{name:<34} p50 {median:7.1f} ms   p95 {p95:7.1f} ms   n={len(ordered)}")


def main() -> None:
    explorer = blood_flow_explorer()
    sizes = [2.0 + 0.5 * i for i in range(60)]  # distinct at two significant figures

    def new_size(i: int) -> None:
        explorer.tumour_diameter_mm.value = sizes[i]

    def toggle(i: int) -> None:
        explorer.artery_occluded.value = not explorer.artery_occluded.value

    _report("new tumour size (redraw)", _time(new_size, len(sizes)))
    _report("toggle artery (cached diagrams)", _time(toggle, 40))


if __name__ == "__main__":
    main()
