"""Thermal ablation of a liver tumour: heat (or cold) from a needle, cell death, zone, margin.

:func:`simulate_ablation` takes an :class:`AblationSetup` (modality, power, time, tumour, an
optional large vessel) and returns an :class:`AblationResult`: the temperature field, the
Arrhenius damage and CEM43 dose, the ablation zone, its diameters, and the minimal ablative
margin around the tumour compared with the 5 mm and 10 mm marks from the literature.

The model, stated so a learner can question it:

- Heat flow is the Pennes bioheat equation (:mod:`livermets_edu.models.bioheat`) with liver
  and blood properties from :mod:`livermets_edu.facts`. Tumour and liver share those
  properties (no tumour-specific values are sourced).
- Two views. ``transverse`` is the plane across the needle through the middle of its active
  tip, treating the tip as long; it can hold a large vessel running alongside the needle,
  which is how the heat-sink effect is shown. ``axial`` contains the needle (axisymmetric
  around it) and shows the zone's length along the tip; a vessel cannot be placed there.
- Radiofrequency (RF): Joule heating from current leaving the electrode. The power density
  follows the electric field of a uniformly charged segment the length of the active tip, so
  most heat is deposited within a few millimetres of the electrode and the rest of the zone
  is heated by conduction. The generator backs off whenever tissue would pass the
  vaporization temperature, as impedance rises when tissue boils and chars.
- Microwave (MW): an antenna radiating at 2.45 GHz. Power falls as exp(−2αd)/d with distance
  d from the antenna, with the attenuation α computed from the liver's sourced permittivity
  and conductivity at that frequency; there is no back-off at 100 °C.
- Cryoablation: the probe wall is held at a fixed cold temperature (by default the boiling
  point of argon, the coldest the wall can be); the zone is where tissue reached the lethal
  temperature. Latent heat of freezing is ignored, so the ice grows faster than in tissue.
- A large vessel is a circle held at arterial temperature by its flow.
- Coagulated tissue stops being perfused (perfusion falls as exp(−Ω)).

For education only: not for treating patients.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from enum import Enum
from functools import cached_property, lru_cache
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from livermets_edu import facts
from livermets_edu.models.bioheat import (
    Grid,
    PennesSolution,
    Tissue,
    make_grid,
    solve_pennes,
)

__all__ = [
    "CRITERIA",
    "MODALITIES",
    "AblationResult",
    "AblationSetup",
    "MarginVerdict",
    "microwave_attenuation_per_m",
    "simulate_ablation",
]

Modality = Literal["rfa", "microwave", "cryo"]
View = Literal["transverse", "axial"]
Criterion = Literal["omega_1", "omega_4_6", "cem43", "cryo_lethal"]
FloatArray = NDArray[np.float64]

MODALITIES: tuple[Modality, ...] = ("rfa", "microwave", "cryo")
VIEWS: tuple[View, ...] = ("transverse", "axial")
#: How each criterion decides that a cell is dead: (field, fact holding the threshold).
CRITERIA: dict[Criterion, tuple[str, str]] = {
    "omega_1": ("omega", "ARRHENIUS_OMEGA_63_PERCENT_DAMAGE"),
    "omega_4_6": ("omega", "ARRHENIUS_OMEGA_99_PERCENT_DAMAGE"),
    "cem43": ("cem43", "CEM43_NECROSIS_THRESHOLD"),
    "cryo_lethal": ("lowest", "CRYOABLATION_LETHAL_TEMPERATURE"),
}

_SUBSAMPLES = 4  # per cell side, when averaging the steep source profiles over a cell
_RAYS = 181  # directions from 0 to 180° when tracing the zone boundary
_WORK_BUDGET = 1e9  # cell updates (cells × time steps): about 15 s on one core


def microwave_attenuation_per_m(
    frequency_hz: float | None = None,
    relative_permittivity: float | None = None,
    conductivity_s_per_m: float | None = None,
) -> float:
    """Field attenuation constant α (Np/m) of a plane wave in liver; power falls as exp(−2αd)."""
    eps_r = (
        facts.get("LIVER_RELATIVE_PERMITTIVITY_2_45_GHZ").value
        if relative_permittivity is None
        else relative_permittivity
    )
    sigma = (
        facts.get("LIVER_ELECTRICAL_CONDUCTIVITY_2_45_GHZ").value
        if conductivity_s_per_m is None
        else conductivity_s_per_m
    )
    if frequency_hz is None:
        frequency_hz = facts.get("MICROWAVE_ABLATION_FREQUENCY").value
    omega = 2 * math.pi * frequency_hz
    epsilon = eps_r * facts.get("VACUUM_PERMITTIVITY").value
    loss_tangent = sigma / (omega * epsilon)
    return (
        omega
        * math.sqrt(facts.get("VACUUM_PERMEABILITY").value * epsilon / 2)
        * math.sqrt(math.sqrt(1 + loss_tangent**2) - 1)
    )


def _check_range(name: str, value: float, low: float, high: float, unit: str) -> float:
    value = float(value)
    if not (math.isfinite(value) and low <= value <= high):
        raise ValueError(
            f"{name} must be between {low:g} and {high:g} {unit} in this simulator, got {value:g}"
        )
    return value


@dataclass(frozen=True)
class AblationSetup:
    """What the operator chooses and where the tumour and vessel are. Lengths in mm.

    The vessel, when given, runs alongside the needle (perpendicular to the transverse
    plane) on the +x side of the tumour, ``vessel_gap_mm`` from the tumour's edge.
    """

    modality: Modality = "rfa"
    power_w: float = 40.0
    duration_s: float = 600.0
    tumour_diameter_mm: float = 20.0
    tumour_offset_mm: float = 0.0  # along x: across the needle (transverse), along it (axial)
    vessel_diameter_mm: float | None = None
    vessel_gap_mm: float = 3.0
    view: View = "transverse"
    active_length_mm: float = 30.0
    applicator_diameter_mm: float | None = None
    probe_temperature_c: float | None = None
    grid_mm: float = 1.0
    extent_mm: float = 40.0
    tissue: Tissue = field(default_factory=Tissue)
    perfusion_stops_when_coagulated: bool = True

    def __post_init__(self) -> None:
        if self.modality not in MODALITIES:
            raise ValueError(
                f"modality must be one of {', '.join(MODALITIES)}; got {self.modality!r}"
            )
        if self.view not in VIEWS:
            raise ValueError(f"view must be one of {', '.join(VIEWS)}; got {self.view!r}")
        _check_range("power_w", self.power_w, 0.0, 500.0, "W")
        _check_range("duration_s", self.duration_s, 0.0, 3600.0, "s")
        _check_range("grid_mm", self.grid_mm, 0.1, 2.0, "mm")
        _check_range("extent_mm", self.extent_mm, 10.0, 100.0, "mm")
        _check_range("active_length_mm", self.active_length_mm, 2.0, 80.0, "mm")
        _check_range("tumour_diameter_mm", self.tumour_diameter_mm, 1.0, self.extent_mm, "mm")
        radius = self.tumour_diameter_mm / 2
        _check_range(
            "tumour_offset_mm", abs(self.tumour_offset_mm), 0.0, radius, "mm (from the needle)"
        )
        if self.applicator_diameter_mm is not None:
            _check_range("applicator_diameter_mm", self.applicator_diameter_mm, 0.2, 5.0, "mm")
        if self.probe_temperature_c is not None:
            _check_range("probe_temperature_c", self.probe_temperature_c, -273.15, 0.0, "°C")
        cells = 2 * (self.extent_mm / self.grid_mm) ** 2
        steps = self.duration_s / (0.9 * (self.grid_mm / 1000) ** 2 / (4 * self.tissue.diffusivity))
        if cells * steps > _WORK_BUDGET:
            raise ValueError(
                f"grid_mm={self.grid_mm:g} with extent_mm={self.extent_mm:g} and "
                f"duration_s={self.duration_s:g} would take minutes to compute; use a coarser "
                "grid, a smaller extent or a shorter time"
            )
        if self.vessel_diameter_mm is not None:
            if self.view == "axial":
                raise ValueError(
                    "a vessel beside the needle breaks the axial symmetry; "
                    "use view='transverse' to model a nearby vessel"
                )
            _check_range("vessel_diameter_mm", self.vessel_diameter_mm, 0.5, 20.0, "mm")
            room = self.extent_mm - (self.tumour_offset_mm + radius + self.vessel_diameter_mm) - 2
            _check_range("vessel_gap_mm", self.vessel_gap_mm, 0.0, max(room, 0.0), "mm")

    @property
    def applicator_radius_m(self) -> float:
        if self.applicator_diameter_mm is not None:
            return self.applicator_diameter_mm / 2000
        # The microwave antenna is given the RF electrode's 17-gauge size: no antenna size is
        # sourced, and at 1 mm cells the difference is below the grid's resolution.
        name = "CRYOPROBE_DIAMETER" if self.modality == "cryo" else "RF_ELECTRODE_DIAMETER"
        return facts.get(name).value / 2000

    @property
    def vessel_centre_mm(self) -> tuple[float, float] | None:
        """Centre of the vessel in the transverse plane, or None without a vessel."""
        if self.vessel_diameter_mm is None:
            return None
        x = (
            self.tumour_offset_mm
            + self.tumour_diameter_mm / 2
            + self.vessel_gap_mm
            + self.vessel_diameter_mm / 2
        )
        return (x, 0.0)

    @property
    def default_criterion(self) -> Criterion:
        """The lethal-isotherm criterion for cryo; 99% cell kill (Ω ≥ 4.6) for heat."""
        return "cryo_lethal" if self.modality == "cryo" else "omega_4_6"


class MarginVerdict(Enum):
    """Where the minimal ablative margin falls against the published marks."""

    INCOMPLETE = "incomplete"
    AT_MOST_5_MM = "5 mm or less"
    FROM_5_TO_10_MM = "over 5 mm, up to 10 mm"
    OVER_10_MM = "over 10 mm"


def _segment_distance(x: FloatArray, y: FloatArray, half_length: float) -> FloatArray:
    """Distance from (x along the needle, y across it) to the segment |x| ≤ half_length."""
    along = np.maximum(np.abs(x) - half_length, 0.0)
    return np.hypot(along, y)


def _rf_power_density(
    x: FloatArray, y: FloatArray, half_length: float, radius: float
) -> FloatArray:
    """|E|² around a uniformly charged segment (the electrode), up to a constant."""
    rho = np.maximum(np.abs(y), radius)
    ahead, behind = x + half_length, x - half_length
    d_ahead, d_behind = np.hypot(rho, ahead), np.hypot(rho, behind)
    e_radial = (ahead / d_ahead - behind / d_behind) / rho
    e_axial = 1 / d_behind - 1 / d_ahead
    return e_radial**2 + e_axial**2


def _microwave_power_density(distance: FloatArray, radius: float) -> FloatArray:
    """exp(−2αd)/d: a cylindrical wave losing power to tissue as it spreads."""
    d = np.maximum(distance, radius)
    return np.exp(-2 * microwave_attenuation_per_m() * d) / d


@lru_cache(maxsize=64)
def _source_shape(
    view: View,
    modality: Modality,
    extent_m: float,
    spacing_m: float,
    half_length: float,
    radius: float,
) -> FloatArray:
    """Share of the applicator's power deposited in each cell (sums to 1), averaged over cells."""
    grid = _grid(view, extent_m, spacing_m, 2 * half_length)
    h = grid.spacing_m
    offsets = ((np.arange(_SUBSAMPLES) + 0.5) / _SUBSAMPLES - 0.5) * h
    sub_x = grid.x_m[None, None, :] + offsets[:, None, None, None]
    sub_y = grid.y_m[None, :, None] + offsets[None, :, None, None]
    sub_x, sub_y = np.broadcast_arrays(sub_x, sub_y)
    sub_x = sub_x.reshape(-1, *grid.shape)
    sub_y = np.abs(sub_y.reshape(-1, *grid.shape))
    if view == "transverse":
        # The middle of a long tip: the needle runs perpendicular to the plane, through (0, 0).
        rho = np.hypot(sub_x, sub_y)
        if modality == "rfa":
            density = _rf_power_density(np.zeros_like(rho), rho, half_length, radius)
        else:
            density = _microwave_power_density(rho, radius)
        weight = np.ones_like(rho)
    else:
        if modality == "rfa":
            density = _rf_power_density(sub_x, sub_y, half_length, radius)
        else:
            density = _microwave_power_density(_segment_distance(sub_x, sub_y, half_length), radius)
        weight = np.maximum(sub_y, 1e-12)  # ring volume grows with r
    # No heat is made inside the metal of the needle itself.
    inside = (
        rho if view == "transverse" else _segment_distance(sub_x, sub_y, half_length)
    ) < radius
    density = np.where(inside, 0.0, density)
    per_cell = (density * weight).mean(axis=0) / weight.mean(axis=0) * grid.volume_m3
    shape = per_cell / per_cell.sum()
    shape.flags.writeable = False
    return shape


@lru_cache(maxsize=16)
def _grid(view: View, extent_m: float, spacing_m: float, depth_m: float) -> Grid:
    return make_grid(
        "planar" if view == "transverse" else "axisymmetric", extent_m, spacing_m, depth_m
    )


@dataclass(frozen=True, eq=False)
class AblationResult:
    """The simulated ablation: fields on the grid, and the zone and margin read from them."""

    setup: AblationSetup
    solution: PennesSolution
    needle: NDArray[np.bool_]  # cells occupied by the applicator: counted inside the zone

    # --- fields -------------------------------------------------------------------------
    @property
    def grid(self) -> Grid:
        return self.solution.grid

    @property
    def x_mm(self) -> FloatArray:
        """Cell centres along x (transverse) or along the needle (axial), in mm."""
        return self.grid.x_m * 1000

    @property
    def y_mm(self) -> FloatArray:
        """Cell centres across, from the mirror plane or axis outwards, in mm."""
        return self.grid.y_m * 1000

    def full_plane(self, values: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
        """(x_mm, y_mm, values) mirrored across the symmetry line, ready to draw."""
        y = np.concatenate([-self.y_mm[::-1], self.y_mm])
        return self.x_mm, y, np.concatenate([values[::-1], values])

    def indicator(self, criterion: Criterion | None = None) -> FloatArray:
        """Positive where cells are dead by ``criterion``, negative where they survive."""
        kind, fact_name = CRITERIA[criterion or self.setup.default_criterion]
        threshold = facts.get(fact_name).value
        if kind == "omega":
            values = np.log(np.maximum(self.solution.omega, 1e-300) / threshold)
        elif kind == "cem43":
            values = np.log(np.maximum(self.solution.cem43_min, 1e-300) / threshold)
        else:
            values = threshold - self.solution.lowest_temperature_c
        # The needle is not tissue; a zone that surrounds it must not end at its cooled wall.
        surrounded = self.needle & (values.max() >= 0)
        return np.where(surrounded, np.maximum(values, 0.0), values)

    def dead(self, criterion: Criterion | None = None) -> NDArray[np.bool_]:
        """Cells past the threshold of ``criterion`` (the default one for the modality)."""
        return self.indicator(criterion) >= 0

    # --- zone ---------------------------------------------------------------------------
    def _boundary_mm(
        self, centre_mm: tuple[float, float], criterion: Criterion | None
    ) -> tuple[FloatArray, FloatArray]:
        """Angles 0–180° and the distance from ``centre_mm`` to the zone edge along each."""
        f = self.indicator(criterion)
        h = self.setup.grid_mm
        angles = np.linspace(0.0, math.pi, _RAYS)
        radii = np.arange(0.0, self.setup.extent_mm * math.sqrt(2) + h, h / 4)
        px = centre_mm[0] + radii[None, :] * np.cos(angles)[:, None]
        py = centre_mm[1] + radii[None, :] * np.sin(angles)[:, None]
        values = _bilinear(f, self.x_mm, self.y_mm, px, py)
        outside = values < 0
        first = np.where(outside.any(axis=1), outside.argmax(axis=1), radii.size - 1)
        edge = radii[first].copy()
        inner = first > 0
        rows = np.nonzero(inner & outside.any(axis=1))[0]
        before, after = values[rows, first[rows] - 1], values[rows, first[rows]]
        edge[rows] = radii[first[rows] - 1] + (radii[1] - radii[0]) * before / (before - after)
        edge[outside[:, 0]] = 0.0
        return angles, edge

    def outline_mm(self, criterion: Criterion | None = None) -> FloatArray:
        """Closed polygon of the zone edge around the needle, (N, 2) in mm, both halves."""
        angles, edge = self._boundary_mm((0.0, 0.0), criterion)
        x, y = edge * np.cos(angles), edge * np.sin(angles)
        upper = np.column_stack([x, y])
        lower = np.column_stack([x[::-1], -y[::-1]])[1:]
        return np.vstack([upper, lower])

    def zone_diameters_mm(self, criterion: Criterion | None = None) -> tuple[float, float]:
        """Shortest and longest zone diameter through the needle, in mm.

        In the axial view these are across the needle and along it.
        """
        angles, edge = self._boundary_mm((0.0, 0.0), criterion)
        if self.setup.view == "axial":
            across = 2 * float(np.interp(math.pi / 2, angles, edge))
            return across, float(edge[0] + edge[-1])
        through = edge + edge[::-1]  # r(θ) + r(π − θ): opposite directions, by the mirror
        return float(through.min()), float(through.max())

    def zone_size(self, criterion: Criterion | None = None) -> float:
        """Zone area in cm² (transverse) or volume in cm³ (axial), counting dead cells."""
        dead = self.dead(criterion)
        if self.setup.view == "axial":
            return float(self.grid.volume_m3[dead].sum() * 1e6)
        h_cm = self.grid.spacing_m * 100
        return float(2 * dead.sum() * h_cm * h_cm)  # the half computed, and its mirror

    # --- margin -------------------------------------------------------------------------
    @cached_property
    def _margin_rays(self) -> tuple[FloatArray, FloatArray]:
        centre = (self.setup.tumour_offset_mm, 0.0)
        return self._boundary_mm(centre, None)

    @property
    def minimal_margin_mm(self) -> float:
        """Smallest distance from the tumour's edge to the zone's edge (negative: tumour left)."""
        return float(self._margin_rays[1].min() - self.setup.tumour_diameter_mm / 2)

    @property
    def margin_toward_vessel_mm(self) -> float:
        """Margin on the +x side, where a vessel is placed (along the needle in axial view)."""
        return float(self._margin_rays[1][0] - self.setup.tumour_diameter_mm / 2)

    @property
    def margin_away_from_vessel_mm(self) -> float:
        """Margin on the −x side, opposite the vessel."""
        return float(self._margin_rays[1][-1] - self.setup.tumour_diameter_mm / 2)

    @property
    def margin_verdict(self) -> MarginVerdict:
        """The minimal margin against the 5 mm and 10 mm marks (Shady 2018; Wang 2013)."""
        margin = self.minimal_margin_mm
        if margin < 0:
            return MarginVerdict.INCOMPLETE
        if margin <= facts.get("MARGIN_HIGH_RISK_MAX").value:
            return MarginVerdict.AT_MOST_5_MM
        if margin <= facts.get("MARGIN_WITHOUT_LOCAL_PROGRESSION").value:
            return MarginVerdict.FROM_5_TO_10_MM
        return MarginVerdict.OVER_10_MM

    @property
    def reaches_edge(self) -> bool:
        """True when the zone comes within one thermal length of the computed region's edge.

        Tissue there is held near body temperature by the boundary, so the zone would be
        cut short: enlarge ``extent_mm``.
        """
        grid, reach = self.grid, self.setup.tissue.thermal_length_m
        edge = self.setup.extent_mm / 1000 - reach
        near_edge = (np.abs(grid.x_m)[None, :] > edge) | (grid.y_m[:, None] > edge)
        return bool((self.dead() & near_edge).any())

    # --- histories ----------------------------------------------------------------------
    def temperature_history_c(self, x_mm: float) -> tuple[FloatArray, FloatArray]:
        """Times (s) and temperatures (°C) next to the symmetry line at ``x_mm``."""
        column = int(np.argmin(np.abs(self.x_mm - x_mm)))
        return self.solution.history_times_s, self.solution.history_axis_c[:, column]

    def extreme_temperature_c(self, x_mm: float) -> tuple[float, float]:
        """The hottest temperature at ``x_mm`` (coldest, for cryo) and when it was reached (s)."""
        times, temperatures = self.temperature_history_c(x_mm)
        index = int(
            np.argmin(temperatures) if self.setup.modality == "cryo" else np.argmax(temperatures)
        )
        return float(temperatures[index]), float(times[index])

    @property
    def vaporized_energy_j(self) -> float:
        """Energy that went into boiling tissue water at the vaporization temperature (MW)."""
        return -self.solution.energy_j["vaporization"]

    @property
    def delivered_energy_j(self) -> float:
        """Energy the applicator put into tissue (less than power × time when RF backs off)."""
        return self.solution.energy_j["source"]


def _bilinear(
    values: FloatArray, x: FloatArray, y: FloatArray, px: FloatArray, py: FloatArray
) -> FloatArray:
    """Bilinear interpolation on cell centres; points past the outer centres take the edge."""
    h = x[1] - x[0]
    fx = np.clip((px - x[0]) / h, 0.0, x.size - 1.0)
    fy = np.clip((py - y[0]) / h, 0.0, y.size - 1.0)
    ix = np.minimum(fx.astype(int), x.size - 2)
    iy = np.minimum(fy.astype(int), y.size - 2)
    tx, ty = fx - ix, fy - iy
    v00, v01 = values[iy, ix], values[iy, ix + 1]
    v10, v11 = values[iy + 1, ix], values[iy + 1, ix + 1]
    return (v00 * (1 - tx) + v01 * tx) * (1 - ty) + (v10 * (1 - tx) + v11 * tx) * ty


@lru_cache(maxsize=128)
def simulate_ablation(setup: AblationSetup) -> AblationResult:
    """Run the ablation described by ``setup`` and return its fields, zone and margin."""
    extent_m, h_m = setup.extent_mm / 1000, setup.grid_mm / 1000
    half_length = setup.active_length_mm / 2000
    grid = _grid(setup.view, extent_m, h_m, setup.active_length_mm / 1000)
    radius = setup.applicator_radius_m
    body = setup.tissue.arterial_temperature_c
    fixed = np.zeros(grid.shape, dtype=bool)
    held_at = np.full(grid.shape, body)
    source = np.zeros(grid.shape)

    # The cells whose centres lie inside the needle; on a grid too coarse for that, the
    # cells nearest its axis. Results depend on this staircase (benchmarks/bench_ablation.py).
    if setup.view == "transverse":
        from_needle = grid.distance_to(0.0, 0.0)
    else:
        from_needle = _segment_distance(grid.x_m[None, :], grid.y_m[:, None], half_length)
    needle = from_needle <= max(radius, from_needle.min() * (1 + 1e-9))
    limit = boiling = None
    if setup.modality == "cryo":
        fixed |= needle
        held_at[needle] = (
            facts.get("ARGON_NORMAL_BOILING_POINT").value
            if setup.probe_temperature_c is None
            else setup.probe_temperature_c
        )
    else:
        source = setup.power_w * _source_shape(
            setup.view, setup.modality, extent_m, h_m, half_length, radius
        )
        vaporization = facts.get("VAPORIZATION_TEMPERATURE").value
        if setup.modality == "rfa":
            # An internally cooled electrode: its wall is held at body temperature (the
            # coolant is colder in practice, but no coolant temperature is sourced), and the
            # generator backs off before tissue boils.
            fixed |= needle
            limit = vaporization
            # The cooled electrode's cells are held at body temperature, so power put there
            # would go straight to the coolant: give it to the tissue instead.
            source = np.where(needle, 0.0, source)
            source *= setup.power_w / source.sum()
        else:
            boiling = vaporization

    centre = setup.vessel_centre_mm
    if centre is not None and setup.vessel_diameter_mm is not None:
        distance = grid.distance_to(centre[0] / 1000, centre[1] / 1000)
        vessel = distance <= max(setup.vessel_diameter_mm / 2000, 0.75 * h_m)
        fixed |= vessel
        held_at[vessel] = body

    solution = solve_pennes(
        grid,
        setup.tissue,
        source,
        setup.duration_s,
        fixed_mask=fixed if fixed.any() else None,
        fixed_temperature_c=held_at[fixed] if fixed.any() else None,
        temperature_limit_c=limit,
        boiling_point_c=boiling,
        perfusion_stops_when_coagulated=setup.perfusion_stops_when_coagulated,
    )
    # Results are cached and shared: make their arrays read-only so no caller can alter them.
    for array in (
        solution.temperature_c,
        solution.peak_temperature_c,
        solution.lowest_temperature_c,
        solution.omega,
        solution.cem43_min,
        solution.history_times_s,
        solution.history_axis_c,
        needle,
    ):
        array.flags.writeable = False
    return AblationResult(setup, solution, needle)
