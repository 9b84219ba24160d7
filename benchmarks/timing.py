"""Shared timing helpers for the benchmark scripts (run as scripts, so imported by file name)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def percentiles(timings_ms: list[float]) -> tuple[float, float]:
    """Median and 95th percentile of a list of timings."""
    ordered = sorted(timings_ms)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return statistics.median(ordered), p95


def time_action(label: str, action: Callable[[], object], runs: int = 30, width: int = 52) -> None:
    """Run ``action`` once to warm up, then ``runs`` times; print p50 and p95 in ms."""
    action()  # warm-up: font cache, imports
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        timings.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(timings)
    print(f"{label:<{width}} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   ({runs} runs)")
