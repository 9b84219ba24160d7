"""Speed and accuracy of the ablation simulator (a script, not a test).

Run: python benchmarks/bench_ablation.py [--quick]

1. Latency: p50/p95 of a full 10-minute ablation on the default 1 mm grid, per modality and
   view, with the result cache cleared before every run (one core: numpy runs single-threaded
   here).
2. Accuracy against analytic solutions: steady point source (axisymmetric) and line source
   (planar) in perfused liver, relative error at 5, 10 and 20 mm.
3. Grid convergence: zone diameter and margins on 2, 1 and 0.5 mm grids against a 0.25 mm
   reference (the slowest part; --quick stops at 0.5 mm and uses it as the reference).
4. The widget: p50/p95 of one slider move, simulation and redraw included (cache cleared).
"""

from __future__ import annotations

import math
import sys
import time

import matplotlib
import numpy as np

matplotlib.use("Agg")

from timing import percentiles  # noqa: E402

from livermets_edu.models.ablation import AblationSetup, simulate_ablation  # noqa: E402
from livermets_edu.models.bioheat import Tissue, make_grid, solve_pennes  # noqa: E402


def _latency(setup: AblationSetup, repeats: int = 15) -> tuple[float, float]:
    samples = []
    for _ in range(repeats):
        simulate_ablation.cache_clear()
        start = time.perf_counter()
        simulate_ablation(setup)
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles(samples)


def latency() -> None:
    print("1. Full 10-minute ablation, default 1 mm grid (cache cleared each run)")
    for view in ("transverse", "axial"):
        for modality in ("rfa", "microwave", "cryo"):
            setup = AblationSetup(modality=modality, view=view)
            p50, p95 = _latency(setup)
            print(f"   {modality:<10} {view:<11} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")
    p50, p95 = _latency(AblationSetup(vessel_diameter_mm=6.0, vessel_gap_mm=2.0))
    print(f"   {'rfa+vessel':<10} {'transverse':<11} p50 {p50:6.1f} ms   p95 {p95:6.1f} ms")


def _k0(x: float) -> float:
    t = np.linspace(0.0, 12.0, 40001)
    return float(np.trapezoid(np.exp(-x * np.cosh(t)), t))


def analytic() -> None:
    print("2. Steady source in perfused liver vs the analytic Pennes solution (1 mm grid)")
    tissue = Tissue()
    k, length = tissue.conductivity, tissue.thermal_length_m
    for geometry in ("axisymmetric", "planar"):
        depth = 0.01
        grid = make_grid(geometry, 0.05, 0.001, depth_m=depth)
        weights = np.where(grid.distance_to(0, 0) < 0.001, 1.0, 0.0) * grid.volume_m3
        source = 0.5 * weights / weights.sum()
        solution = solve_pennes(grid, tissue, source, 3000.0, perfusion_stops_when_coagulated=False)
        errors = []
        for distance in (0.005, 0.01, 0.02):
            column = int(np.argmin(np.abs(grid.x_m - distance)))
            r = math.hypot(grid.x_m[column], grid.y_m[0])
            rise = solution.temperature_c[0, column] - tissue.arterial_temperature_c
            if geometry == "axisymmetric":
                exact = 0.5 / (4 * math.pi * k * r) * math.exp(-r / length)
            else:
                exact = 0.5 / depth / (2 * math.pi * k) * _k0(r / length)
            errors.append(f"{r * 1000:4.1f} mm {100 * (rise / exact - 1):+5.2f}%")
        print(f"   {geometry:<13} " + "   ".join(errors))


def convergence(quick: bool) -> None:
    grids = (2.0, 1.0, 0.5) if quick else (2.0, 1.0, 0.5, 0.25)
    reference_mm = grids[-1]
    print(f"3. Grid convergence, 10 min, 6 mm vessel 2 mm away (reference: {reference_mm} mm)")
    print("   grid    zone min/max (mm)   margin vessel/far (mm)   error vs ref (mm)    time")
    for modality in ("rfa", "microwave", "cryo"):
        print(f"   {modality}")
        rows = {}
        for grid_mm in grids:
            setup = AblationSetup(
                modality=modality, vessel_diameter_mm=6.0, vessel_gap_mm=2.0, grid_mm=grid_mm
            )
            simulate_ablation.cache_clear()
            start = time.perf_counter()
            result = simulate_ablation(setup)
            seconds = time.perf_counter() - start
            rows[grid_mm] = (
                *result.zone_diameters_mm(),
                result.margin_toward_vessel_mm,
                result.margin_away_from_vessel_mm,
                seconds,
            )
        ref = rows[reference_mm]
        for grid_mm, (short, long, toward, away, seconds) in rows.items():
            measured = (short, long, toward, away)
            error = max(abs(a - b) for a, b in zip(measured, ref[:4], strict=True))
            print(
                f"   {grid_mm:4.2f}   {short:6.1f} / {long:5.1f}      {toward:6.2f} / {away:5.2f}"
                f"          {error:5.2f}         {seconds * 1000:7.0f} ms"
            )


def widget() -> None:
    from livermets_edu.widgets import ablation as widget_module
    from livermets_edu.widgets import ablation_simulator

    simulator = ablation_simulator()
    samples = []
    for diameter in (12, 14, 16, 18, 22, 24, 26, 28, 30, 32, 34, 36):
        simulate_ablation.cache_clear()
        widget_module._map_html.cache_clear()
        start = time.perf_counter()
        simulator.tumour_diameter_mm.value = diameter
        samples.append((time.perf_counter() - start) * 1000)
    p50, p95 = percentiles(samples)
    print("4. Widget: one slider move, simulation and map redrawn (nothing cached)")
    print(f"   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   n={len(samples)}")


def main(argv: list[str]) -> None:
    quick = "--quick" in argv
    latency()
    analytic()
    convergence(quick)
    widget()


if __name__ == "__main__":
    main(sys.argv[1:])
