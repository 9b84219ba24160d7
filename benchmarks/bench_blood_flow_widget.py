"""How fast the blood-flow explorer answers a control change (a script, not a test).

Run: python benchmarks/bench_blood_flow_widget.py
Reports p50/p95 latency of one control change when the diagram must be redrawn (the worst
case, cache cleared first) and when the state was seen before (cached diagram).
"""

from __future__ import annotations

import statistics
import time

import matplotlib

matplotlib.use("Agg")

from livermets_edu.widgets import blood_flow, blood_flow_explorer  # noqa: E402


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
    redraws: list[float] = []
    for clamp in (False, True, False):
        explorer.artery_occluded.value = clamp  # untimed: set the scene
        for size in blood_flow.TUMOUR_SIZES_MM:
            if size == explorer.tumour_diameter_mm.value:
                continue
            blood_flow._diagram_html.cache_clear()  # the worst case: nothing drawn before

            def move(_: int, size: float = size) -> None:
                explorer.tumour_diameter_mm.value = size

            redraws += _time(move, 1)

    def toggle(_: int) -> None:
        explorer.artery_occluded.value = not explorer.artery_occluded.value

    _report("slider move, diagram redrawn", redraws)
    _report("toggle, diagram cached", _time(toggle, 40))


if __name__ == "__main__":
    main()
