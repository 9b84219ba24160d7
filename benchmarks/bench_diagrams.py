"""How long the dual-blood-supply diagram takes to build and to render as PNG.

The blood-flow widget redraws it on every slider move, so this is the number to watch.
Run: ``python benchmarks/bench_diagrams.py`` (prints p50/p95 in milliseconds; asserts nothing).
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib

matplotlib.use("Agg")

from timing import time_action  # noqa: E402

from livermets_edu.diagrams import dual_blood_supply  # noqa: E402

RUNS = 30


def _time(label: str, action: Callable[[], object], runs: int = RUNS) -> None:
    time_action(label, action, runs, width=44)


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
