"""The Pennes bioheat equation solved on a 2-D finite-volume grid, planar or axisymmetric.

    ρc ∂T/∂t = ∇·(k∇T) + ω_b ρ_b c_b (T_a − T) + Q

Conduction, blood perfusion and a heat source Q. Two geometries share one solver:

- ``planar``: a slab of tissue ``depth_m`` thick, seen in the (x, y) plane. The line y = 0
  is a mirror line, so only y ≥ 0 is computed (each cell also stands for its mirror image).
- ``axisymmetric``: a body of revolution in (z, r) around the axis r = 0; the first
  coordinate is z and the second is r.

Half a cell beyond the outer edges, tissue is held at arterial temperature (tissue far away
is at body temperature).
Cells can be held at a fixed temperature, which models a large vessel whose fast flow keeps
its wall near 37 °C, or a cryoprobe. Time stepping is explicit (forward Euler) with a step
below the stability limit; every term is a flux between neighbouring cells, so energy is
conserved exactly and the solver reports an energy balance.

While stepping, the solver accumulates the Arrhenius damage integral Ω, the thermal dose in
CEM43, and the highest and lowest temperature of each cell.

For education only: not for treating patients.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from livermets_edu import facts
from livermets_edu.models.thermal_damage import arrhenius_rate, cem43_rate

__all__ = ["Grid", "PennesSolution", "Tissue", "make_grid", "solve_pennes"]

Geometry = Literal["planar", "axisymmetric"]
FloatArray = NDArray[np.float64]


@dataclass(frozen=True)
class Tissue:
    """Thermal properties of tissue and blood for the Pennes equation, in SI units."""

    density: float = facts.get("LIVER_TISSUE_DENSITY").value
    specific_heat: float = facts.get("LIVER_SPECIFIC_HEAT_CAPACITY").value
    conductivity: float = facts.get("LIVER_THERMAL_CONDUCTIVITY").value
    blood_density: float = facts.get("BLOOD_DENSITY").value
    blood_specific_heat: float = facts.get("BLOOD_SPECIFIC_HEAT_CAPACITY").value
    perfusion_per_s: float = facts.get("LIVER_BLOOD_PERFUSION_RATE").value
    arterial_temperature_c: float = facts.get("ARTERIAL_BLOOD_TEMPERATURE").value

    def __post_init__(self) -> None:
        for name in ("density", "specific_heat", "conductivity", "blood_density"):
            if not getattr(self, name) > 0:
                raise ValueError(f"{name} must be positive, got {getattr(self, name)!r}")
        if not self.blood_specific_heat > 0:
            raise ValueError("blood_specific_heat must be positive")
        if not self.perfusion_per_s >= 0:
            raise ValueError(f"perfusion_per_s cannot be negative, got {self.perfusion_per_s!r}")

    @property
    def diffusivity(self) -> float:
        """Thermal diffusivity k/(ρc) in m²/s."""
        return self.conductivity / (self.density * self.specific_heat)

    @property
    def perfusion_coefficient(self) -> float:
        """ω_b ρ_b c_b in W/(m³·K): heat carried away per degree above arterial temperature."""
        return self.perfusion_per_s * self.blood_density * self.blood_specific_heat

    @property
    def perfusion_time_constant_s(self) -> float:
        """ρc/(ω_b ρ_b c_b): how fast perfusion alone pulls a warm spot back to 37 °C."""
        if self.perfusion_coefficient == 0:
            return math.inf
        return self.density * self.specific_heat / self.perfusion_coefficient

    @property
    def thermal_length_m(self) -> float:
        """√(k/(ω_b ρ_b c_b)): how far heat spreads before perfusion carries it away."""
        if self.perfusion_coefficient == 0:
            return math.inf
        return math.sqrt(self.conductivity / self.perfusion_coefficient)


@dataclass(frozen=True, eq=False)
class Grid:
    """Cell centres, volumes and face areas of a uniform 2-D finite-volume grid."""

    geometry: Geometry
    spacing_m: float
    x_m: FloatArray  # along the first axis (planar x; axisymmetric z), both signs
    y_m: FloatArray  # across (planar y ≥ 0; axisymmetric r ≥ 0)
    volume_m3: FloatArray  # (ny, nx)
    area_x_m2: FloatArray  # faces between x-neighbours, (ny, nx − 1)
    area_y_m2: FloatArray  # faces between y-neighbours, (ny − 1, nx)
    edge_area_x_m2: FloatArray  # each of the two outer x edges, (ny,)
    edge_area_y_m2: FloatArray  # the outer y edge, (nx,)

    @property
    def shape(self) -> tuple[int, int]:
        return (self.y_m.size, self.x_m.size)

    def distance_to(self, x_m: float, y_m: float) -> FloatArray:
        """Distance from each cell centre to the point (x, y), in the grid's plane."""
        return np.hypot(self.x_m[None, :] - x_m, self.y_m[:, None] - y_m)


def make_grid(geometry: Geometry, extent_m: float, spacing_m: float, depth_m: float = 1.0) -> Grid:
    """A grid from −extent to +extent along x and 0 to extent across, with cubic cells."""
    if geometry not in ("planar", "axisymmetric"):
        raise ValueError(f"geometry must be 'planar' or 'axisymmetric', got {geometry!r}")
    if not 0 < spacing_m < extent_m:
        raise ValueError("spacing_m must be positive and smaller than extent_m")
    n_across = round(extent_m / spacing_m)
    h = extent_m / n_across
    x = (np.arange(2 * n_across) + 0.5) * h - extent_m
    y = (np.arange(n_across) + 0.5) * h
    nx, ny = x.size, y.size
    if geometry == "planar":
        # Each cell stands for itself and its mirror image below y = 0, so volumes and areas
        # count both and sums over the grid (power, energy) are for the whole plane.
        volume = np.full((ny, nx), 2 * h * h * depth_m)
        area_x = np.full((ny, nx - 1), 2 * h * depth_m)
        area_y = np.full((ny - 1, nx), 2 * h * depth_m)
        edge_x = np.full(ny, 2 * h * depth_m)
        edge_y = np.full(nx, 2 * h * depth_m)
    else:
        ring = 2 * math.pi * y[:, None]
        volume = np.broadcast_to(ring * h * h, (ny, nx)).copy()
        area_x = np.broadcast_to(ring * h, (ny, nx - 1)).copy()
        faces_r = 2 * math.pi * (y[:-1] + h / 2)
        area_y = np.broadcast_to(faces_r[:, None] * h, (ny - 1, nx)).copy()
        edge_x = 2 * math.pi * y * h
        edge_y = np.full(nx, 2 * math.pi * extent_m * h)
    return Grid(geometry, h, x, y, volume, area_x, area_y, edge_x, edge_y)


@dataclass(eq=False)
class PennesSolution:
    """Fields at the end of a run, their extremes and doses over the run, and the energy."""

    grid: Grid
    temperature_c: FloatArray
    peak_temperature_c: FloatArray
    lowest_temperature_c: FloatArray
    omega: FloatArray
    cem43_min: FloatArray
    history_times_s: FloatArray
    history_axis_c: FloatArray  # (n_times, nx): the row nearest the symmetry axis
    energy_j: dict[str, float] = field(default_factory=dict)
    steps: int = 0
    time_step_s: float = 0.0

    @property
    def energy_imbalance_j(self) -> float:
        """Stored heat minus the sum of all heat gains; zero up to rounding."""
        e = self.energy_j
        return e["stored"] - sum(value for name, value in e.items() if name != "stored")


def _stable_time_step(grid: Grid, tissue: Tissue, capacity: FloatArray) -> float:
    k, h = tissue.conductivity, grid.spacing_m
    conductance = np.zeros(grid.shape)
    conductance[:, :-1] += k * grid.area_x_m2 / h
    conductance[:, 1:] += k * grid.area_x_m2 / h
    conductance[:-1, :] += k * grid.area_y_m2 / h
    conductance[1:, :] += k * grid.area_y_m2 / h
    conductance[:, 0] += k * grid.edge_area_x_m2 / h
    conductance[:, -1] += k * grid.edge_area_x_m2 / h
    conductance[-1, :] += k * grid.edge_area_y_m2 / h
    conductance += tissue.perfusion_coefficient * grid.volume_m3
    return float(np.min(capacity / conductance))


def solve_pennes(
    grid: Grid,
    tissue: Tissue,
    source_w: FloatArray,
    duration_s: float,
    *,
    fixed_mask: NDArray[np.bool_] | None = None,
    fixed_temperature_c: float | FloatArray | None = None,
    temperature_limit_c: float | None = None,
    boiling_point_c: float | None = None,
    perfusion_stops_when_coagulated: bool = True,
    history_every_s: float = 10.0,
    safety: float = 0.9,
) -> PennesSolution:
    """Heat tissue for ``duration_s`` with the power in each cell (W) and return the fields.

    ``fixed_mask`` cells are held at ``fixed_temperature_c`` (one value, or one per masked
    cell). With ``temperature_limit_c``
    the source is scaled down whenever it would push any cell above that temperature, as an
    RF generator does when tissue next to the electrode starts to boil. With
    ``boiling_point_c`` the source keeps its power but no cell rises above that temperature:
    the excess energy boils tissue water instead (reported as ``vaporization``). With
    ``perfusion_stops_when_coagulated`` blood flow in a cell falls with the share of cells
    still alive, exp(−Ω), since coagulated tissue is no longer perfused; frozen tissue
    (below 0 °C) is not perfused either.
    """
    if duration_s < 0:
        raise ValueError(f"duration_s cannot be negative, got {duration_s:g}")
    source = np.asarray(source_w, dtype=float)
    if source.shape != grid.shape:
        raise ValueError(f"source_w has shape {source.shape}, the grid {grid.shape}")
    if not np.all(np.isfinite(source)):
        raise ValueError("source_w must be finite in every cell")
    if not 0 < safety <= 1:
        raise ValueError(f"safety must be in (0, 1], got {safety:g}")
    if fixed_mask is not None:
        if fixed_mask.shape != grid.shape or fixed_mask.dtype != np.bool_:
            raise ValueError(f"fixed_mask must be a boolean array of shape {grid.shape}")
        if fixed_temperature_c is None:
            raise ValueError("fixed_mask needs fixed_temperature_c")

    h, k = grid.spacing_m, tissue.conductivity
    body = tissue.arterial_temperature_c
    capacity = tissue.density * tissue.specific_heat * grid.volume_m3
    g_x = k * grid.area_x_m2 / h
    g_y = k * grid.area_y_m2 / h
    # The outer boundary sits a full cell beyond the last centre, so edge cells are no less
    # stable than inner ones and the time step is set by the inner cells.
    g_edge_x = k * grid.edge_area_x_m2 / h
    g_edge_y = k * grid.edge_area_y_m2 / h
    perfusion = tissue.perfusion_coefficient * grid.volume_m3

    dt_max = _stable_time_step(grid, tissue, capacity)
    steps = max(1, math.ceil(duration_s / (safety * dt_max))) if duration_s > 0 else 0
    dt = duration_s / steps if steps else 0.0
    dt_over_c = dt / capacity

    # The liver constants give a small damage rate even at body temperature (Ω = 1 after
    # about an hour at 37 °C). Counting only the rate above the body-temperature rate keeps
    # unheated tissue undamaged and changes the rate at 50 °C by under 2%.
    baseline_rate = float(arrhenius_rate(body))

    temperature = np.full(grid.shape, body)
    if fixed_mask is not None:
        held_at = np.broadcast_to(
            np.asarray(fixed_temperature_c, dtype=float), (int(fixed_mask.sum()),)
        )
        temperature[fixed_mask] = held_at
    start = temperature.copy()
    peak = temperature.copy()
    lowest = temperature.copy()
    omega = np.zeros(grid.shape)
    cem = np.zeros(grid.shape)
    flow = np.empty(grid.shape)
    heated = source > 0
    source_heated = source[heated]
    total_source = float(source.sum())

    history_stride = max(1, round(history_every_s / dt)) if steps else 1
    times = [0.0]
    axis = [temperature[0].copy()]
    gained = {
        "source": 0.0,
        "perfusion": 0.0,
        "outer_edges": 0.0,
        "fixed_cells": 0.0,
        "vaporization": 0.0,
    }

    for step in range(1, steps + 1):
        # Conduction between neighbours: every face's flux leaves one cell and enters the next.
        flow.fill(0.0)
        flux = g_x * (temperature[:, 1:] - temperature[:, :-1])
        flow[:, :-1] += flux
        flow[:, 1:] -= flux
        flux = g_y * (temperature[1:, :] - temperature[:-1, :])
        flow[:-1, :] += flux
        flow[1:, :] -= flux
        edges = g_edge_x * (body - temperature[:, 0])
        flow[:, 0] += edges
        edge_gain = float(edges.sum())
        edges = g_edge_x * (body - temperature[:, -1])
        flow[:, -1] += edges
        edge_gain += float(edges.sum())
        edges = g_edge_y * (body - temperature[-1, :])
        flow[-1, :] += edges
        edge_gain += float(edges.sum())

        blood = perfusion * (body - temperature)
        if perfusion_stops_when_coagulated:
            blood *= np.exp(-omega)
            blood[temperature < 0.0] = 0.0
        flow += blood

        scale = 1.0
        if temperature_limit_c is not None and source_heated.size:
            headroom = temperature_limit_c - (temperature + dt_over_c * flow)
            allowed = headroom[heated] / (dt_over_c[heated] * source_heated)
            scale = min(1.0, max(0.0, float(allowed.min())))
        temperature += dt_over_c * (flow + scale * source) if scale else dt_over_c * flow

        if boiling_point_c is not None:
            excess = temperature - boiling_point_c
            boiling = excess > 0
            if boiling.any():
                gained["vaporization"] -= float((capacity[boiling] * excess[boiling]).sum())
                temperature[boiling] = boiling_point_c

        gained["source"] += dt * scale * total_source
        gained["perfusion"] += dt * float(blood.sum())
        gained["outer_edges"] += dt * edge_gain
        if fixed_mask is not None:
            held = capacity[fixed_mask] * (held_at - temperature[fixed_mask])
            gained["fixed_cells"] += float(held.sum())
            temperature[fixed_mask] = held_at

        omega += dt * np.maximum(arrhenius_rate(temperature) - baseline_rate, 0.0)
        cem += (dt / 60.0) * cem43_rate(temperature)
        np.maximum(peak, temperature, out=peak)
        np.minimum(lowest, temperature, out=lowest)
        if step % history_stride == 0 or step == steps:
            times.append(step * dt)
            axis.append(temperature[0].copy())

    gained["stored"] = float((capacity * (temperature - start)).sum())
    return PennesSolution(
        grid=grid,
        temperature_c=temperature,
        peak_temperature_c=peak,
        lowest_temperature_c=lowest,
        omega=omega,
        cem43_min=cem,
        history_times_s=np.asarray(times),
        history_axis_c=np.asarray(axis),
        energy_j=gained,
        steps=steps,
        time_step_s=dt,
    )
