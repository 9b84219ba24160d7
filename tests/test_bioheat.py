"""The Pennes solver against analytic limits: no source, steady sources, energy, damage."""

from __future__ import annotations

import math

import numpy as np
import pytest

from livermets_edu.models.bioheat import Tissue, make_grid, solve_pennes
from livermets_edu.models.thermal_damage import arrhenius_rate

TISSUE = Tissue()
BODY = TISSUE.arterial_temperature_c


def bessel_k0(x: float) -> float:
    """K0(x) = ∫₀^∞ exp(−x·cosh t) dt, by the trapezoid rule (ample for x ≥ 0.3)."""
    t = np.linspace(0.0, 12.0, 40001)
    return float(np.trapezoid(np.exp(-x * np.cosh(t)), t))


def test_k0_helper_matches_tabulated_values():
    # Abramowitz & Stegun table 9.8: K0(0.5) = 0.9244191, K0(1) = 0.4210244, K0(2) = 0.1138939.
    assert bessel_k0(0.5) == pytest.approx(0.9244191, rel=1e-6)
    assert bessel_k0(1.0) == pytest.approx(0.4210244, rel=1e-6)
    assert bessel_k0(2.0) == pytest.approx(0.1138939, rel=1e-6)


@pytest.mark.parametrize("geometry", ["planar", "axisymmetric"])
def test_without_a_source_tissue_stays_at_body_temperature_and_undamaged(geometry):
    grid = make_grid(geometry, 0.02, 0.001, depth_m=0.01)
    solution = solve_pennes(grid, TISSUE, np.zeros(grid.shape), 600.0)
    assert np.all(solution.temperature_c == BODY)
    assert np.all(solution.omega == 0.0)
    # CEM43 still ticks at body temperature, at R^(43 − 37) = 0.25^6 minutes per minute.
    assert solution.cem43_min == pytest.approx(np.full(grid.shape, 10 * 0.25**6))


def _centred_source(grid, watts, radius_m=0.001):
    weights = np.where(grid.distance_to(0.0, 0.0) < radius_m, 1.0, 0.0) * grid.volume_m3
    return watts * weights / weights.sum()


def _axis_profile(solution, distances_m):
    grid = solution.grid
    columns = [int(np.argmin(np.abs(grid.x_m - d))) for d in distances_m]
    radii = np.hypot(grid.x_m[columns], grid.y_m[0])
    return radii, solution.temperature_c[0, columns] - BODY


def test_steady_point_source_matches_the_analytic_pennes_solution():
    # 3-D point source in a perfused medium: ΔT = P/(4πkR)·exp(−R/L), L = √(k/(ω ρ_b c_b)).
    power = 0.5
    grid = make_grid("axisymmetric", 0.05, 0.001)
    solution = solve_pennes(
        grid, TISSUE, _centred_source(grid, power), 3000.0, perfusion_stops_when_coagulated=False
    )
    radii, rise = _axis_profile(solution, [0.005, 0.01, 0.02, 0.03])
    k, length = TISSUE.conductivity, TISSUE.thermal_length_m
    analytic = power / (4 * math.pi * k * radii) * np.exp(-radii / length)
    # Stated accuracy on the default 1 mm grid: within 3% from 5 mm outwards.
    assert rise == pytest.approx(analytic, rel=0.03)


def test_steady_line_source_matches_the_analytic_pennes_solution():
    # 2-D line source of q' W/m in a perfused medium: ΔT = q'/(2πk)·K0(r/L).
    power, depth = 0.5, 0.01
    grid = make_grid("planar", 0.05, 0.001, depth_m=depth)
    solution = solve_pennes(
        grid, TISSUE, _centred_source(grid, power), 3000.0, perfusion_stops_when_coagulated=False
    )
    radii, rise = _axis_profile(solution, [0.005, 0.01, 0.02, 0.03])
    k, length = TISSUE.conductivity, TISSUE.thermal_length_m
    analytic = [power / depth / (2 * math.pi * k) * bessel_k0(r / length) for r in radii]
    assert rise == pytest.approx(analytic, rel=0.01)


def test_without_perfusion_heat_stays_in_the_tissue():
    still = Tissue(perfusion_per_s=0.0)
    grid = make_grid("axisymmetric", 0.04, 0.001)
    solution = solve_pennes(grid, still, _centred_source(grid, 1.0), 60.0)
    assert solution.energy_j["perfusion"] == 0.0
    # After one minute hardly any heat has reached the edges 40 mm away.
    assert solution.energy_j["stored"] == pytest.approx(60.0, rel=1e-3)


@pytest.mark.parametrize("geometry", ["planar", "axisymmetric"])
def test_energy_balance_closes_with_every_term_active(geometry):
    grid = make_grid(geometry, 0.03, 0.001, depth_m=0.02)
    held = grid.distance_to(0.012, 0.0) < 0.003  # a vessel-like cold spot
    solution = solve_pennes(
        grid,
        TISSUE,
        _centred_source(grid, 30.0),
        300.0,
        fixed_mask=held,
        fixed_temperature_c=BODY,
        boiling_point_c=100.0,
    )
    energy = solution.energy_j
    assert energy["source"] == pytest.approx(30.0 * 300.0)
    assert energy["fixed_cells"] < 0 and energy["perfusion"] < 0 and energy["vaporization"] < 0
    assert abs(solution.energy_imbalance_j) < 1e-9 * energy["source"]


def test_damage_accumulates_at_the_rate_of_a_held_temperature():
    grid = make_grid("planar", 0.005, 0.001)
    everywhere = np.ones(grid.shape, dtype=bool)
    solution = solve_pennes(
        grid,
        TISSUE,
        np.zeros(grid.shape),
        60.0,
        fixed_mask=everywhere,
        fixed_temperature_c=55.0,
    )
    expected_omega = 60.0 * (arrhenius_rate(55.0) - arrhenius_rate(BODY))
    assert solution.omega == pytest.approx(np.full(grid.shape, expected_omega))
    # One minute at 55 °C is 2^(55 − 43) = 4096 equivalent minutes at 43 °C.
    assert solution.cem43_min == pytest.approx(np.full(grid.shape, 4096.0))


def test_temperature_limit_backs_off_the_source():
    grid = make_grid("axisymmetric", 0.03, 0.001)
    solution = solve_pennes(
        grid, TISSUE, _centred_source(grid, 50.0), 300.0, temperature_limit_c=100.0
    )
    assert solution.peak_temperature_c.max() <= 100.0 + 1e-9
    assert solution.energy_j["source"] < 0.5 * 50.0 * 300.0


def test_inputs_are_checked():
    grid = make_grid("planar", 0.01, 0.001)
    with pytest.raises(ValueError, match="duration_s"):
        solve_pennes(grid, TISSUE, np.zeros(grid.shape), -1.0)
    with pytest.raises(ValueError, match="shape"):
        solve_pennes(grid, TISSUE, np.zeros((2, 2)), 1.0)
    with pytest.raises(ValueError, match="geometry"):
        make_grid("spherical", 0.01, 0.001)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="perfusion_per_s"):
        Tissue(perfusion_per_s=-1.0)
