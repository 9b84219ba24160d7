"""How long the thermal-ablation diagrams take to build and to render as SVG and PNG.

The ablation simulator redraws the cross-section on every slider move (as SVG), so its
``to_svg()`` with a 61×61 temperature map, two isotherms and a zone outline is the number to
watch. Run: ``python benchmarks/bench_ablation_diagrams.py`` (prints p50/p95 in milliseconds;
asserts nothing).
"""

from __future__ import annotations

from collections.abc import Callable

import matplotlib
import numpy as np

matplotlib.use("Agg")

from timing import time_action  # noqa: E402

from livermets_edu.diagrams import ablation, ablation_cross_section  # noqa: E402
from livermets_edu.draw.geometry import contour_lines  # noqa: E402

RUNS = 30


def _time(label: str, action: Callable[[], object], runs: int = RUNS) -> None:
    time_action(label, action, runs, width=52)


def _synthetic_map() -> dict[str, object]:
    """A 61×61 map like the simulator's: a hot spot, cooled beside a vessel at (19, 0) mm."""
    grid = np.arange(-30.0, 31.0)
    x, y = np.meshgrid(grid, grid)
    heat = 60.0 * np.exp(-(x**2 + y**2) / 200.0)
    cooled = 1.0 - np.exp(-((np.hypot(x - 19.0, y) / 4.0) ** 2))
    temperature = 37.0 + heat * cooled
    outline = max(contour_lines(grid, grid, temperature, 55.0), key=len)
    return {
        "temperature_map": (grid, grid, temperature),
        "isotherms_c": (50.0, 60.0),
        "zone_outline_mm": outline,
        "vessel_centre_mm": (19.0, 0.0),
        "vessel_diameter_mm": 6.0,
        "title": "Hottest temperature reached, across the needle at mid-tip",
    }


def main() -> None:
    """Print build-only, SVG and PNG timings for both ablation diagrams."""
    overlays = _synthetic_map()
    _time(
        "ablation_cross_section(61×61 map...) build only",
        lambda: ablation_cross_section(**overlays),
    )
    _time(
        "ablation_cross_section(61×61 map...).to_svg()",
        lambda: ablation_cross_section(**overlays).to_svg(),
    )
    _time(
        "ablation_cross_section(61×61 map...).to_png()",
        lambda: ablation_cross_section(**overlays).to_png(),
    )
    _time("ablation_cross_section() plain .to_svg()", lambda: ablation_cross_section().to_svg())
    _time("ablation(vessel=True) build only", lambda: ablation(vessel=True))
    _time("ablation(vessel=True).to_svg()", lambda: ablation(vessel=True).to_svg())
    _time("ablation(vessel=True).to_png()", lambda: ablation(vessel=True).to_png())
    _time(
        "ablation(cryo, CT, vessel, numbered).to_png()",
        lambda: ablation(modality="cryo", guidance="ct", vessel=True, numbered=True).to_png(),
    )
    section = ablation_cross_section(**overlays)
    print(
        f"cross-section SVG: {len(section.to_svg()) / 1024:.0f} KiB; "
        f"PNG: {len(section.to_png()) / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
