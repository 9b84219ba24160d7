"""How long the figures of therapy through the hepatic artery take to build and to render.

The Y-90 planner redraws ``radioembolization(...)`` as SVG on every slider move (its whole
budget is 50 ms), so ``radioembolization(lung_shunt_fraction=...).to_svg()``, built afresh each
time as the widget does, is the number to watch: aim for p50 <= 30 ms. The sweep changes the
shunt fraction on every call, as a slider does. Run:
``python benchmarks/bench_liver_directed_diagrams.py`` (prints p50/p95 in ms; asserts nothing).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import count

import matplotlib

matplotlib.use("Agg")

from timing import time_action  # noqa: E402

from livermets_edu.diagrams import (  # noqa: E402
    chemoembolization,
    hai_pump,
    radioembolization,
)

RUNS = 30


def _time(label: str, action: Callable[[], object], runs: int = RUNS) -> None:
    time_action(label, action, runs, width=58)


def main() -> None:
    """Print build, SVG and PNG timings for the three figures at the default size and dpi."""
    moves = count()

    def slider_move() -> str:
        """A new shunt fraction each call, 0 to 0.3 in steps of 0.01, as the widget sends."""
        shunt = (next(moves) % 31) / 100
        return radioembolization(lung_shunt_fraction=shunt, device="resin").to_svg()

    _time("radioembolization() build only", lambda: radioembolization())
    _time("radioembolization().to_svg()", lambda: radioembolization().to_svg())
    _time("radioembolization(shunt 0–0.3 sweep, resin).to_svg()", slider_move)
    _time(
        "radioembolization(radial, segmental, 0.12).to_svg()",
        lambda: radioembolization(
            access="radial", delivery="segmental", lung_shunt_fraction=0.12
        ).to_svg(),
    )
    _time("radioembolization().to_png()", lambda: radioembolization().to_png())
    _time(
        "radioembolization(numbered=True).to_png()",
        lambda: radioembolization(numbered=True).to_png(),
    )
    _time("chemoembolization().to_svg()", lambda: chemoembolization().to_svg())
    _time(
        "chemoembolization(drug_eluting_beads).to_png()",
        lambda: chemoembolization(agent="drug_eluting_beads").to_png(),
    )
    _time("hai_pump().to_svg()", lambda: hai_pump().to_svg())
    _time("hai_pump().to_png()", lambda: hai_pump().to_png())
    diagram = radioembolization(lung_shunt_fraction=0.12)
    width, height = diagram.size_pixels()
    print(
        f"radioembolization: {len(diagram.figure.artists)} artists; PNG {width}x{height} px, "
        f"{len(diagram.to_png()) / 1024:.0f} KiB; SVG {len(diagram.to_svg()) / 1024:.0f} KiB"
    )


if __name__ == "__main__":
    main()
