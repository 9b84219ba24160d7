"""Thermal ablation of a liver tumour: the procedure, and the plane across the applicator.

:func:`ablation` draws the procedure in a schematic cross-section of the upper abdomen: an
applicator through the skin into the tumour under ultrasound or CT guidance, the ablation zone
around its active tip, rings 5 mm and 10 mm outside the tumour, and a nearby vessel whose
flowing blood pulls the zone back (the heat sink). :func:`ablation_cross_section` draws the
plane across the applicator in millimetres, with what the model computed laid over it: a
temperature map, isotherms and the zone's outline.

Both figures draw the numbers they are given and compute no physiology; the published marks
(margins, heat-sink vessel size, lethal cryo temperature) come from :mod:`livermets_edu.facts`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np
from numpy.typing import ArrayLike, NDArray

from livermets_edu import facts
from livermets_edu.anatomy import APPLICATORS, Applicator, CTGantry, UltrasoundProbe
from livermets_edu.diagrams.callouts import Callout, place_callouts
from livermets_edu.draw import (
    DEFAULT_THEME,
    ColourBar,
    Element,
    Field,
    Frame,
    Group,
    Label,
    Point,
    Shape,
    Theme,
    Vessel,
    tint,
)
from livermets_edu.draw.diagram import Diagram
from livermets_edu.draw.geometry import (
    Points,
    as_points,
    circle,
    inside,
    nice_ticks,
    smooth_closed,
)

__all__ = [
    "CROSS_SECTION_REGIONS",
    "GUIDANCE",
    "MODALITIES",
    "REGIONS",
    "ablation",
    "ablation_cross_section",
    "margin_region",
    "simulated_cross_section",
]

MODALITIES = ("rfa", "microwave", "cryo")
GUIDANCE = ("ultrasound", "ct")

#: Every region :func:`ablation` can draw, with the default margins (``margin_<mm>_mm``).
REGIONS = (
    "skin",
    "body_wall",
    "liver",
    "spine",
    "tumour",
    "applicator",
    "active_tip",
    "ablation_zone",
    "ice_ball",
    "margin_5_mm",
    "margin_10_mm",
    "vessel",
    "heat_sink",
    "ultrasound_probe",
    "ultrasound_beam",
    "ct_gantry",
    "scale_bar",
)
#: Every region :func:`ablation_cross_section` can draw, with the default margins.
CROSS_SECTION_REGIONS = (
    "frame",
    "temperature_map",
    "colour_bar",
    "tumour",
    "margin_5_mm",
    "margin_10_mm",
    "vessel",
    "ablation_zone",
    "applicator",
)

# Schematic, not physiology: the rim of tissue around a large vessel that the drawn zone
# leaves unablated. The model computes the real rim; this picture only shows the idea.
_COOLED_RIM_MM = 2.0


# --- checking what was asked for ----------------------------------------------------------------
def _choice(name: str, value: object, allowed: Sequence[str]) -> None:
    if value not in allowed:
        listed = ", ".join(repr(a) for a in allowed)
        raise ValueError(f"{name} must be one of {listed}; got {value!r}")


def _positive(name: str, value: object, *, zero_ok: bool = False) -> float:
    is_number = isinstance(value, Real) and not isinstance(value, bool)
    number = float(value) if is_number else math.nan  # type: ignore[arg-type]
    if not math.isfinite(number) or number < 0 or (number == 0 and not zero_ok):
        wanted = "0 mm or more" if zero_ok else "a positive number of mm"
        raise ValueError(f"{name} must be {wanted}, got {value!r}")
    return number


def _margins(margins_mm: Sequence[float] | None) -> tuple[float, ...]:
    if margins_mm is None:
        return (facts.MARGIN_HIGH_RISK_MAX.value, facts.MARGIN_WITHOUT_LOCAL_PROGRESSION.value)
    values = tuple(_positive("margins_mm", m) for m in margins_mm)
    if not values or len(set(values)) != len(values):
        raise ValueError(
            f"margins_mm must hold one or more different sizes in mm, got {margins_mm}"
        )
    return tuple(sorted(values))


def _point(name: str, value: object) -> tuple[float, float]:
    try:
        x, y = (float(v) for v in value)  # type: ignore[attr-defined]
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be an (x, y) pair in mm, got {value!r}") from None
    if not (math.isfinite(x) and math.isfinite(y)):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return (x, y)


# --- words ------------------------------------------------------------------------------------
def _mm(value: float) -> str:
    """A length as a reader says it: 3, 2.5, 12.3 (mm implied)."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace("-", "\u2212")


def _celsius(fact: facts.Fact) -> str:
    return fact.text.replace("-", "\u2212")


def margin_region(margin_mm: float) -> str:
    """The region name of the ring ``margin_mm`` outside the tumour, e.g. 'margin_5_mm'."""
    return f"margin_{margin_mm:g}_mm".replace(".", "_")


def _margin_labels(margins: Sequence[float]) -> dict[str, str]:
    """Inner rings say their size; the outermost says it is the margin to aim for."""
    return {
        margin_region(m): f"{_mm(m)} mm margin" if m == margins[-1] else f"{_mm(m)} mm"
        for m in margins
    }


def _listed(words: Sequence[str]) -> str:
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"


def _capital(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- shared parts, in mm ---------------------------------------------------------------------
@dataclass(frozen=True)
class _Look:
    """The colours both figures share, from the theme."""

    theme: Theme

    @property
    def liver(self) -> str:
        return tint(self.theme.colour("orange"), 0.62)

    @property
    def tumour(self) -> str:
        return tint(self.theme.colour("black"), 0.82)

    @property
    def zone(self) -> str:
        return self.theme.colour("vermillion")

    @property
    def cold(self) -> str:
        return self.theme.colour("blue")

    @property
    def vessel(self) -> str:
        return self.theme.colour("blue")


# Edge widths in points. Over a temperature map every edge gets a white halo _HALO wider.
_TUMOUR_EDGE, _RING_EDGE, _VESSEL_EDGE, _OUTLINE_EDGE, _HALO = 2.0, 1.3, 1.6, 3.2, 2.6


def _tumour(radius: float, centre: Point, look: _Look, *, filled: bool) -> Shape:
    shape = Shape(circle(radius, centre), name="tumour").colour(look.theme.colour("black"))
    if filled:
        return shape.fill(look.tumour).hatch("...").width(_TUMOUR_EDGE).layer(2.5)
    return shape.fill(None).width(_TUMOUR_EDGE).layer(2.5)


def _rings(radius: float, centre: Point, margins: Sequence[float], look: _Look) -> list[Shape]:
    return [
        Shape(circle(radius + m, centre, samples=144), name=margin_region(m))
        .fill(None)
        .colour(look.theme.colour("black"))
        .dashed()
        .width(_RING_EDGE)
        .layer(2.7)
        for m in margins
    ]


def _vessel(radius: float, centre: Point, look: _Look) -> Shape:
    return (
        Shape(circle(radius, centre), name="vessel")
        .fill(tint(look.vessel, 0.55))
        .colour(look.vessel)
        .width(_VESSEL_EDGE)
        .layer(2.8)
    )


def _halo(shape: Shape, width: float) -> Shape:
    """A white line under ``shape``'s edge, so the edge reads over a colour map."""
    white = Shape(shape.outline).fill(None).colour("#FFFFFF").width(width + _HALO)
    return white.layer(shape.zorder - 0.05)


# --- the procedure ----------------------------------------------------------------------------
_PROCEDURE_SIZE = (10.0, 7.4)
_BODY_CENTRE = (52.0, 35.5)
# An upper-abdominal slice seen from the feet (as in CT): front up, the patient's right on the
# left, a slight dip at the back for the spine. Drawing units, around the body's centre.
_BODY = [
    (-28.0, 3.0),
    (-25.3, 12.5),
    (-16.3, 19.5),
    (0.0, 21.0),
    (16.3, 19.5),
    (25.3, 12.5),
    (28.0, 3.0),
    (24.4, -9.0),
    (13.5, -16.5),
    (4.5, -18.0),
    (0.0, -16.0),
    (-4.5, -18.0),
    (-13.5, -16.5),
    (-24.4, -9.0),
]
_BODY_WALL = 2.4  # drawing units between the skin and the inside of the body wall
# The liver fills the patient's right (the viewer's left) and crosses the midline in front.
_LIVER = [
    (-25.2, -1.0),
    (-23.4, 10.0),
    (-17.5, 16.3),
    (-7.5, 18.3),
    (2.5, 17.0),
    (11.5, 13.0),
    (7.0, 9.0),
    (1.8, 6.0),
    (0.8, -1.0),
    (-2.5, -9.0),
    (-12.5, -14.0),
    (-21.0, -10.8),
]
# A vertebra: the rounded body in front, the spinous process pointing back.
_VERTEBRA = [
    (-3.0, 0.8),
    (-2.2, 2.8),
    (0.0, 3.4),
    (2.2, 2.8),
    (3.0, 0.8),
    (2.2, -1.2),
    (0.9, -1.7),
    (0.6, -4.0),
    (-0.6, -4.0),
    (-0.9, -1.7),
    (-2.2, -1.2),
]
_SPINE_AT = (0.0, -11.0)
_TUMOUR_AT = (-11.8, 2.8)
_WINDOW = 11.5  # drawing units from the tumour's centre that the mm-scale parts may fill
_LARGEST_SCALE = 0.5  # drawing units per mm
_NEEDLE_FROM = 150.0  # degrees: the applicator comes in from the patient's right, in front
_PROBE_FROM = 98.0  # degrees: the ultrasound probe sits on the skin in front of the tumour
_BEAM_SPREAD = 40.0  # degrees across the fan
_VESSEL_TOWARDS = 35.0  # degrees: the vessel lies on the tumour's upper right, off the needle line
_GANTRY_RADIUS = 32.3
_GANTRY_DEPTH = 3.2
_SCALE_BAR_AT = (3.0, 10.0)
_LEFT_COLUMN, _RIGHT_COLUMN, _TOP_ROW = 17.0, 86.5, 70.0


def _ray_to_edge(outline: Points, start: Point, degrees: float, step: float = 0.1) -> Point:
    """Where a ray from ``start`` (inside the outline) first leaves it."""
    direction = np.array([math.cos(math.radians(degrees)), math.sin(math.radians(degrees))])
    distances = np.arange(0.0, 150.0, step)
    points = np.asarray(start) + distances[:, None] * direction
    x, y = points[int(np.argmax(~inside(outline, points)))]
    return (float(x), float(y))


def _notch(radius: float, vessel_centre: Point, bite_radius: float) -> Points | None:
    """The tissue a vessel keeps cool: its disc tapering outward to a point past ``radius``.

    A convex teardrop, counter-clockwise, densely sampled; None when it misses the circle.
    """
    centre = np.asarray(vessel_centre, dtype=float)
    distance = float(np.hypot(*centre))
    if distance - bite_radius >= radius:
        return None
    away = centre / distance if distance > 0 else np.array([1.0, 0.0])
    apex = away * max(radius * 1.08, distance + bite_radius * 1.5)
    hull = _convex_hull(np.vstack([circle(bite_radius, tuple(centre), 96), apex[None, :]]))
    # Cut the two long sides into short steps, so crossings with the circle are found finely.
    pieces = []
    for start, end in zip(hull, np.roll(hull, -1, axis=0), strict=True):
        steps = max(int(np.hypot(*(end - start)) / 0.2), 1)
        pieces.append(start + (end - start) * np.linspace(0.0, 1.0, steps, endpoint=False)[:, None])
    return np.vstack(pieces)


def _pulled_back(
    radius: float, notch: Points | None, samples: int = 360
) -> tuple[Points, Points | None]:
    """A circle of ``radius`` round the origin less ``notch``, and the part taken away.

    The heat sink, drawn schematically: the zone stops short of the vessel and of the tissue
    just behind it. Returns the outline, and the spared part (None when nothing is spared).
    """
    ring = circle(radius, samples=samples)
    if notch is None:
        return ring, None
    kept = ~inside(notch, ring)
    within = np.hypot(notch[:, 0], notch[:, 1]) < radius
    if kept.all() or not kept.any() or not within.any() or within.all():
        return ring, None
    kept_arc = _cyclic_run(ring, kept)
    lost_arc = _cyclic_run(ring, ~kept)
    edge = _cyclic_run(notch, within)

    # Join each arc of the circle to the notch's edge, starting from the edge's nearer end.
    def joined(arc: Points) -> Points:
        forward = np.hypot(*(edge[0] - arc[-1])) <= np.hypot(*(edge[-1] - arc[-1]))
        return np.vstack([arc, edge if forward else edge[::-1]])

    return joined(kept_arc), joined(lost_arc)


def _cyclic_run(points: Points, mask: NDArray) -> Points:
    """The points where ``mask`` holds, in order, for a mask true on one run round a loop."""
    start = int(np.argmax(~mask))  # a point outside the run, so the run does not wrap
    order = np.roll(np.arange(len(points)), -start)
    return points[order[mask[order]]]


def _convex_hull(points: Points) -> Points:
    """The convex hull, counter-clockwise (monotone chain)."""
    ordered = sorted(map(tuple, points))

    def half(sequence: list[tuple[float, float]]) -> list[tuple[float, float]]:
        chain: list[tuple[float, float]] = []
        for p in sequence:
            while len(chain) >= 2:
                (ox, oy), (ax, ay) = chain[-2], chain[-1]
                if (ax - ox) * (p[1] - oy) - (ay - oy) * (p[0] - ox) > 0:
                    break
                chain.pop()
            chain.append(p)
        return chain

    lower, upper = half(ordered), half(ordered[::-1])
    return np.asarray(lower[:-1] + upper[:-1], dtype=float)


@dataclass(frozen=True)
class _Procedure:
    """What the procedure figure shows, in mm, checked; and how it says it."""

    modality: str
    guidance: str
    tumour_mm: float
    zone_mm: float
    margins: tuple[float, ...]
    vessel: bool
    vessel_mm: float
    gap_mm: float

    @property
    def cryo(self) -> bool:
        return self.modality == "cryo"

    @property
    def inset_mm(self) -> float:
        """How far the lethal isotherm lies inside the ice ball's edge (0 for heat)."""
        return facts.CRYO_LETHAL_ISOTHERM_INSIDE_ICE_EDGE.value if self.cryo else 0.0

    @property
    def outer_radius_mm(self) -> float:
        """Radius of the ice ball (cryo) or the ablation zone (heat)."""
        return self.zone_mm / 2 + self.inset_mm

    @property
    def vessel_centre_mm(self) -> Point:
        distance = self.tumour_mm / 2 + self.gap_mm + self.vessel_mm / 2
        angle = math.radians(_VESSEL_TOWARDS)
        return (distance * math.cos(angle), distance * math.sin(angle))

    @property
    def big_enough_for_heat_sink(self) -> bool:
        return self.vessel_mm > facts.HEAT_SINK_VESSEL_DIAMETER.value

    @property
    def scale(self) -> float:
        """Drawing units per mm: as large as fits the window round the tumour."""
        reach = max(self.outer_radius_mm, self.tumour_mm / 2 + self.margins[-1])
        if self.vessel:
            reach = max(reach, float(np.hypot(*self.vessel_centre_mm)) + self.vessel_mm / 2)
        return min(_LARGEST_SCALE, _WINDOW / reach)


def ablation(
    *,
    modality: str = "microwave",
    tumour_diameter_mm: float = 20.0,
    zone_diameter_mm: float | None = None,
    margins_mm: Sequence[float] | None = None,
    vessel: bool = False,
    vessel_diameter_mm: float = 6.0,
    vessel_gap_mm: float = 3.0,
    guidance: str = "ultrasound",
    show_labels: bool = True,
    numbered: bool = False,
    title: str | None = None,
    theme: Theme = DEFAULT_THEME,
) -> Diagram:
    """Draw a percutaneous ablation: applicator, tumour, zone, margin rings, guidance, vessel.

    ``modality`` is 'rfa', 'microwave' or 'cryo'; ``guidance`` 'ultrasound' or 'ct'. The
    zone is ``zone_diameter_mm`` across (default: the tumour plus the widest margin all
    round); for cryo it is the lethal zone inside a larger ice ball. ``margins_mm`` are the
    rings outside the tumour's edge (default 5 mm and the 10 mm of
    ``facts.MARGIN_WITHOUT_LOCAL_PROGRESSION``). ``vessel`` adds a round vessel
    ``vessel_gap_mm`` from the tumour's edge; one wider than the heat-sink size pulls the zone
    back. Tumour, rings, zone and vessel are to scale (10 mm scale bar); body and liver are
    schematic. ``numbered`` shows numbers instead of names (key: ``Diagram.numbering``), and
    the alt text then names no structure.
    """
    _choice("modality", modality, MODALITIES)
    _choice("guidance", guidance, GUIDANCE)
    tumour_mm = _positive("tumour_diameter_mm", tumour_diameter_mm)
    margins = _margins(margins_mm)
    zone_mm = (
        tumour_mm + 2 * margins[-1]
        if zone_diameter_mm is None
        else _positive("zone_diameter_mm", zone_diameter_mm)
    )
    scene = _Procedure(
        modality,
        guidance,
        tumour_mm,
        zone_mm,
        margins,
        bool(vessel),
        _positive("vessel_diameter_mm", vessel_diameter_mm),
        _positive("vessel_gap_mm", vessel_gap_mm, zero_ok=True),
    )
    look = _Look(theme)
    diagram = Diagram(size=_PROCEDURE_SIZE, theme=theme, title=title, numbered=numbered)

    body = _abdomen(look, with_gantry=guidance == "ct")
    site, heat_sink = _site(scene, look)
    applicator = _applicator(scene, look, body.skin_outline)
    site.add(applicator)
    probe = _probe(scene, look, body.skin_outline) if guidance == "ultrasound" else None
    diagram.add_all(body.parts)
    if probe is not None:
        diagram.add(probe)
    diagram.add(site)
    _scale_bar(diagram, scene.scale)

    if show_labels or numbered:
        place_callouts(
            diagram,
            _procedure_callouts(scene, body, site, applicator, probe, heat_sink),
            columns={"left": _LEFT_COLUMN, "right": _RIGHT_COLUMN},
            rows={"top": _TOP_ROW},
            span=(17.0, 64.0),
            row_span=(8.0, 92.0),
        )
    if numbered:
        alt_text = (
            "Schematic cross-section of the abdomen during image-guided ablation of a liver "
            f"tumour; numbers 1 to {len(diagram.numbering)} mark the structures to identify. "
            "A 10 mm scale bar gives the size of the parts drawn to scale."
        )
    else:
        alt_text = _procedure_alt_text(scene, heat_sink is not None)
    diagram.alt_text = f"{title.rstrip('.')}. {alt_text}" if title else alt_text
    return diagram


@dataclass
class _Abdomen:
    """The body in drawing units: the skin's and the body cavity's outlines, and the parts."""

    skin_outline: Points
    cavity_outline: Points
    parts: list[Element]
    spine: Shape
    gantry: CTGantry | None


def _abdomen(look: _Look, *, with_gantry: bool) -> _Abdomen:
    """Skin, body wall, liver and spine (drawing units), and the CT gantry when asked for."""
    palette = look.theme.palette
    control = np.asarray(_BODY)
    half_size = control.max(axis=0)
    skin_outline = smooth_closed(control, 10) + _BODY_CENTRE
    cavity_outline = smooth_closed(control * (1 - _BODY_WALL / half_size), 10) + _BODY_CENTRE
    # The body wall is the band between the two outlines: one polygon round the skin, then back
    # round the cavity the other way; its edge is drawn in its own colour, so the seam hides.
    wall_colour = tint(palette["reddish_purple"], 0.72)
    band = np.vstack([skin_outline, skin_outline[:1], cavity_outline[::-1], cavity_outline[-1:]])
    parts: list[Element] = []
    gantry = None
    if with_gantry:
        gantry = CTGantry(
            radius=_GANTRY_RADIUS,
            thickness=_GANTRY_DEPTH,
            fill=tint(palette["black"], 0.7),
            bore_fill="#FFFFFF",
        ).at((_BODY_CENTRE[0], _BODY_CENTRE[1] + 0.5))
        parts.append(gantry)
    spine = (
        Shape(_VERTEBRA, smooth=True, name="spine")
        .fill(tint(palette["black"], 0.85))
        .width(1.2)
        .layer(1.2)
        .at((_BODY_CENTRE[0] + _SPINE_AT[0], _BODY_CENTRE[1] + _SPINE_AT[1]))
    )
    parts += [
        Shape(band, name="body_wall").fill(wall_colour).colour(wall_colour).width(0.5),
        Shape(cavity_outline).fill("#FFFFFF").width(0.9).layer(1.05),
        Shape(_LIVER, smooth=True, name="liver")
        .fill(look.liver)
        .width(1.8)
        .layer(1.2)
        .at(_BODY_CENTRE),
        spine,
        Shape(skin_outline, name="skin").fill(None).width(2.0).layer(1.3),
    ]
    return _Abdomen(skin_outline, cavity_outline, parts, spine, gantry)


def _site(scene: _Procedure, look: _Look) -> tuple[Group, Points | None]:
    """Tumour, zone (or ice ball and lethal zone), rings and vessel, in mm round the tumour.

    Returns the group, placed and scaled into the liver, and the outline of the tissue the
    heat sink spares (None when nothing is spared).
    """
    palette = look.theme.palette
    tumour_at = (_BODY_CENTRE[0] + _TUMOUR_AT[0], _BODY_CENTRE[1] + _TUMOUR_AT[1])
    site = Group("site").at(tumour_at).scale(scene.scale)
    tumour_r = scene.tumour_mm / 2
    outer_r = scene.outer_radius_mm
    notch = None
    if scene.vessel and scene.big_enough_for_heat_sink:
        bite = scene.vessel_mm / 2 + _COOLED_RIM_MM
        notch = _notch(outer_r, scene.vessel_centre_mm, bite)
    outer, spared = _pulled_back(outer_r, notch)
    if scene.cryo:
        lethal, _ = _pulled_back(scene.zone_mm / 2, notch)
        site.add(
            Shape(outer, name="ice_ball")
            .fill(tint(palette["sky_blue"], 0.62))
            .colour(palette["sky_blue"])
            .hatch("\\\\\\")
            .width(2.0)
            .layer(2.0)
        )
        site.add(
            Shape(lethal, name="ablation_zone")
            .fill(tint(look.cold, 0.62))
            .colour(look.cold)
            .style("dashdot")
            .width(2.0)
            .layer(2.1)
        )
    else:
        site.add(
            Shape(outer, name="ablation_zone")
            .fill(tint(look.zone, 0.72))
            .colour(look.zone)
            .hatch("///")
            .width(2.0)
            .layer(2.0)
        )
    if spared is not None:
        site.add(
            Shape(spared, name="heat_sink")
            .fill(look.liver)
            .colour(look.cold if scene.cryo else look.zone)
            .dotted()
            .width(1.8)
            .layer(2.05)
        )
    site.add(_tumour(tumour_r, (0.0, 0.0), look, filled=True))
    for ring in _rings(tumour_r, (0.0, 0.0), scene.margins, look):
        site.add(ring)
    if scene.vessel:
        site.add(_vessel(scene.vessel_mm / 2, scene.vessel_centre_mm, look))
    return site, spared


def _needle_direction() -> NDArray:
    angle = math.radians(_NEEDLE_FROM)
    return np.array([math.cos(angle), math.sin(angle)])


def _applicator(scene: _Procedure, look: _Look, skin: Points) -> Applicator:
    """The applicator, in the site's mm, from outside the skin to its tip past the tumour."""
    palette = look.theme.palette
    active_mm = 0.7 * scene.zone_mm  # schematic: an active tip most of the zone's length
    tumour_at = (_BODY_CENTRE[0] + _TUMOUR_AT[0], _BODY_CENTRE[1] + _TUMOUR_AT[1])
    entry = _ray_to_edge(skin, tumour_at, _NEEDLE_FROM)
    to_skin_mm = float(np.hypot(entry[0] - tumour_at[0], entry[1] - tumour_at[1])) / scene.scale
    applicator = Applicator(
        APPLICATORS[scene.modality],
        length_mm=to_skin_mm + active_mm / 2 + 5.0 / scene.scale,
        active_length_mm=active_mm,
        colour=tint(palette["black"], 0.55),
        tip_colour=look.cold if scene.cryo else look.zone,
    )
    # The active tip's middle sits in the tumour's centre.
    tip = -_needle_direction() * active_mm / 2
    return applicator.at((float(tip[0]), float(tip[1]))).rotate(_NEEDLE_FROM + 180.0)


def _probe(scene: _Procedure, look: _Look, skin: Points) -> UltrasoundProbe:
    """An ultrasound probe on the skin, its beam fanning down through the tumour."""
    palette = look.theme.palette
    tumour_at = (_BODY_CENTRE[0] + _TUMOUR_AT[0], _BODY_CENTRE[1] + _TUMOUR_AT[1])
    face = _ray_to_edge(skin, tumour_at, _PROBE_FROM)
    to_tumour = float(np.hypot(face[0] - tumour_at[0], face[1] - tumour_at[1]))
    probe = UltrasoundProbe(
        depth=to_tumour + scene.outer_radius_mm * scene.scale,
        fill=tint(palette["black"], 0.35),
        beam_fill=tint(palette["sky_blue"], 0.45),
        beam_edge=palette["blue"],
        spread_degrees=_BEAM_SPREAD,
    )
    return probe.at(face).rotate(_PROBE_FROM - 90.0)


def _scale_bar(diagram: Diagram, scale: float) -> None:
    """A 10 mm bar at the mm scale, never numbered, and (unless numbered) what is to scale."""
    x, y = _SCALE_BAR_AT
    palette = diagram.theme.palette
    bar = Vessel([(x, y), (x + 10.0 * scale, y)], name="scale_bar").arrows()
    diagram.add(bar.colour(palette["black"]).width(3.0).layer(4.0))
    diagram.add(Label("10 mm", at=(x + 10.0 * scale + 1.2, y), align="left"))
    if not diagram.numbered:  # the note names the parts a numbered question asks for
        note = "Tumour, rings, zone and vessel\nto scale; body and liver schematic"
        diagram.add(Label(note, at=(x, y - 3.4), align="left"))


def _procedure_callouts(
    scene: _Procedure,
    body: _Abdomen,
    site: Group,
    applicator: Applicator,
    probe: UltrasoundProbe | None,
    spared: Points | None,
) -> list[Callout]:
    """Every label: its text, where its leader points and which side it goes on."""
    tumour_r = scene.tumour_mm / 2
    zone_r = scene.zone_mm / 2

    def at(local: ArrayLike, element: Element = site) -> Point:
        x, y = element.to_world(np.atleast_2d(np.asarray(local, dtype=float)))[0]
        return (float(x), float(y))

    def on_circle(radius: float, degrees: float, centre: Point = (0.0, 0.0)) -> Point:
        angle = math.radians(degrees)
        return at((centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle)))

    band = min(scene.margins[0], zone_r - tumour_r)
    kind = APPLICATORS[scene.modality]
    wall = np.mean(
        [_ray_to_edge(o, _BODY_CENTRE, 222.0) for o in (body.skin_outline, body.cavity_outline)],
        axis=0,
    )
    wall = (float(wall[0]), float(wall[1]))
    out = [
        Callout("skin", "Skin", _ray_to_edge(body.skin_outline, _BODY_CENTRE, 200.0), "left"),
        Callout("body_wall", "Body wall", wall, "left"),
        Callout("liver", "Liver", (_BODY_CENTRE[0] + 9.0, _BODY_CENTRE[1] + 11.5), "right"),
        Callout("spine", "Spine", body.spine.anchor("centre"), "right"),
        Callout(
            "tumour",
            f"Tumour ({_mm(scene.tumour_mm)} mm)",
            on_circle(tumour_r * 0.6, 200.0),
            "left",
        ),
        Callout(
            "applicator",
            _capital(kind.name),
            applicator.anchor("entry_side"),
            "top",
        ),
        Callout(
            "active_tip",
            "Active tip",
            at((-0.25 * applicator.active_length_mm, 0.0), applicator),
            "right",
        ),
    ]
    zone_target = on_circle(tumour_r + band / 2 if band > 0 else zone_r * 0.8, 235.0)
    if scene.cryo:
        lethal = _celsius(facts.CRYOABLATION_LETHAL_TEMPERATURE)
        out.append(
            Callout(
                "ablation_zone",
                f"Lethal zone, {lethal}\n({_mm(scene.zone_mm)} mm)",
                zone_target,
                "left",
            )
        )
        out.append(
            Callout(
                "ice_ball",
                f"Ice ball, 0 °C edge\n({_mm(2 * scene.outer_radius_mm)} mm)",
                on_circle(scene.outer_radius_mm - scene.inset_mm / 2, 250.0),
                "left",
            )
        )
    else:
        out.append(
            Callout(
                "ablation_zone",
                f"Ablation zone\n({_mm(scene.zone_mm)} mm)",
                zone_target,
                "left",
            )
        )
    for index, (name, text) in enumerate(_margin_labels(scene.margins).items()):
        angle = -20.0 - 22.0 * index
        out.append(Callout(name, text, on_circle(tumour_r + scene.margins[index], angle), "right"))
    if scene.vessel:
        out.append(
            Callout(
                "vessel",
                f"Vessel ({_mm(scene.vessel_mm)} mm)",
                on_circle(scene.vessel_mm / 2, 20.0, scene.vessel_centre_mm),
                "right",
            )
        )
    if spared is not None:
        out.append(Callout("heat_sink", "Heat sink", at(spared[len(spared) // 4]), "right"))
    if probe is not None:
        out.append(Callout("ultrasound_probe", "Ultrasound probe", probe.anchor("label"), "top"))
        beam = probe.anchor("beam_end")
        face = probe.anchor("face")
        out.append(
            Callout(
                "ultrasound_beam",
                "Ultrasound beam",
                (face[0] + 0.3 * (beam[0] - face[0]) + 2.0, face[1] + 0.3 * (beam[1] - face[1])),
                "top",
            )
        )
    if body.gantry is not None:
        out.append(
            Callout("ct_gantry", "CT gantry\n(scan plane)", body.gantry.anchor("label"), "right")
        )
    return out


def _margin_phrase(scene: _Procedure, heat_sink: bool) -> str:
    margin = (scene.zone_mm - scene.tumour_mm) / 2
    if margin > 0:
        if heat_sink:
            return f"a {_mm(margin)} mm margin around the tumour, except on the vessel side"
        return f"a {_mm(margin)} mm margin all round the tumour"
    if margin == 0:
        return "no margin: the zone just reaches the tumour's edge"
    return f"it is smaller than the tumour, leaving a {_mm(-margin)} mm rim of tumour untreated"


def _procedure_alt_text(scene: _Procedure, heat_sink: bool) -> str:
    """The procedure in words, with every number drawn (labelled mode)."""
    kind = APPLICATORS[scene.modality]
    how = {
        "rfa": "radiofrequency ablation",
        "microwave": "microwave ablation",
        "cryo": "cryoablation",
    }[scene.modality]
    guided = {"ultrasound": "ultrasound", "ct": "CT"}[scene.guidance]
    sentences = [
        "Schematic cross-section of the upper abdomen, seen from the feet as in CT (front up, "
        f"the patient's right on the left), during percutaneous {how} of a liver tumour under "
        f"{guided} guidance."
    ]
    sentences.append(
        f"A {kind.name} passes through the skin and body wall into the liver; its active tip "
        f"lies across the middle of a {_mm(scene.tumour_mm)} mm tumour."
    )
    if scene.guidance == "ultrasound":
        sentences.append(
            f"An ultrasound probe on the skin shows the {kind.name} in its fan-shaped beam."
        )
    else:
        sentences.append(
            "A CT gantry ring surrounds the body: the picture is the CT scan plane in which "
            f"the {kind.name} is guided."
        )
    margin = _margin_phrase(scene, heat_sink)
    if scene.cryo:
        lethal = _celsius(facts.CRYOABLATION_LETHAL_TEMPERATURE)
        sentences.append(
            f"An ice ball (hatched, {_mm(2 * scene.outer_radius_mm)} mm across, 0 °C at its "
            f"edge) surrounds the tumour. The lethal zone inside it (dash-dot outline, "
            f"{_mm(scene.zone_mm)} mm across), where tissue reaches {lethal}, lies "
            f"{_mm(scene.inset_mm)} mm inside the ice ball's edge: {margin}."
        )
    else:
        sentences.append(
            f"The ablation zone (hatched, solid outline) is {_mm(scene.zone_mm)} mm across, "
            f"centred on the tumour: {margin}."
        )
    rings = [f"{_mm(m)} mm" for m in scene.margins]
    noun = "ring marks" if len(rings) == 1 else "rings mark"
    sentences.append(f"Dashed {noun} {_listed(rings)} outside the tumour's edge.")
    if scene.vessel:
        sentences.append(
            f"A {_mm(scene.vessel_mm)} mm vessel lies {_mm(scene.gap_mm)} mm from the tumour's "
            "edge."
        )
        limit = facts.HEAT_SINK_VESSEL_DIAMETER
        if heat_sink:
            carries = "warms the tissue" if scene.cryo else "carries heat away"
            sentences.append(
                f"Blood flowing through it {carries} (the heat sink), so the zone is drawn "
                "pulled back on the vessel side, leaving tissue next to the vessel unablated "
                "(dotted outline; schematic)."
            )
        elif not scene.big_enough_for_heat_sink:
            sentences.append(
                f"Vessels of {limit.text} or less cause little heat sink, so the zone is drawn "
                "whole."
            )
        else:
            sentences.append("It lies beyond the zone's reach, so the zone is drawn whole.")
    sentences.append(
        "Tumour, rings, zone and vessel are drawn to scale (a 10 mm scale bar); the body and "
        "liver are schematic."
    )
    return " ".join(sentences)


# --- the plane across the applicator ---------------------------------------------------------
_SECTION_SIZE = (9.0, 7.0)
_PANEL_CENTRE = (50.0, 47.0)
_PANEL_HALF = 25.0  # drawing units from the panel's centre to its edge
_SECTION_COLUMNS = {"left": 18.5, "right": 79.0}
_COLOUR_BAR_AT = (_PANEL_CENTRE[0] - _PANEL_HALF + 5.0, 5.5)
_COLOUR_BAR_SIZE = (40.0, 2.4)


def ablation_cross_section(
    *,
    modality: str = "microwave",
    tumour_diameter_mm: float = 20.0,
    tumour_centre_mm: tuple[float, float] = (0.0, 0.0),
    margins_mm: Sequence[float] | None = None,
    vessel_centre_mm: tuple[float, float] | None = None,
    vessel_diameter_mm: float | None = None,
    temperature_map: tuple[ArrayLike, ArrayLike, ArrayLike] | None = None,
    isotherms_c: Sequence[float] = (),
    zone_outline_mm: ArrayLike | None = None,
    extent_mm: float = 30.0,
    show_labels: bool = True,
    title: str | None = None,
    theme: Theme = DEFAULT_THEME,
) -> Diagram:
    """Draw the plane across the applicator at mid-tip, in mm, with the model's results on it.

    The applicator is at (0, 0), seen end-on. ``temperature_map`` is ``(x_mm, y_mm, t_c)``:
    cell centres along x (nx) and y (ny) and temperatures in °C, shape (ny, nx), shown in
    colour with a colour bar; ``isotherms_c`` are contoured on it. ``zone_outline_mm`` is an
    (N, 2) closed outline of the ablation zone. Tumour, rings and the vessel (give both
    ``vessel_centre_mm`` and ``vessel_diameter_mm``, or neither) are drawn from their mm.
    The view spans ``-extent_mm`` to ``extent_mm`` both ways. Computes no physiology.
    """
    _choice("modality", modality, MODALITIES)
    tumour_mm = _positive("tumour_diameter_mm", tumour_diameter_mm)
    tumour_at = _point("tumour_centre_mm", tumour_centre_mm)
    margins = _margins(margins_mm)
    extent = _positive("extent_mm", extent_mm)
    if (vessel_centre_mm is None) != (vessel_diameter_mm is None):
        raise ValueError("give both vessel_centre_mm and vessel_diameter_mm, or neither")
    vessel_at = None if vessel_centre_mm is None else _point("vessel_centre_mm", vessel_centre_mm)
    vessel_mm = (
        None if vessel_diameter_mm is None else _positive("vessel_diameter_mm", vessel_diameter_mm)
    )
    field = (
        None if temperature_map is None else _temperature_field(temperature_map, extent, modality)
    )
    levels = tuple(float(t) for t in isotherms_c)
    if levels and field is None:
        raise ValueError("isotherms_c need a temperature_map to be drawn on")
    if not all(math.isfinite(t) for t in levels):
        raise ValueError(f"isotherms_c must be finite temperatures in °C, got {isotherms_c!r}")
    outline = None if zone_outline_mm is None else _outline("zone_outline_mm", zone_outline_mm)

    look = _Look(theme)
    palette = theme.palette
    kind = APPLICATORS[modality]
    diagram = Diagram(size=_SECTION_SIZE, theme=theme, title=title)
    plane = Group("plane").at(_PANEL_CENTRE).scale(_PANEL_HALF / extent)
    corner, opposite = (-extent, -extent), (extent, extent)
    ticks = nice_ticks(-extent, extent, count=6)
    plane.add(
        Frame(
            (-extent, extent),
            (-extent, extent),
            x_title="x (mm)",
            y_title="y (mm)",
            x_ticks=ticks,
            y_ticks=ticks,
        )
    )
    tumour_r = tumour_mm / 2
    overlays: list[Element] = []
    if field is not None:
        if levels:
            low, high = field.limits
            # White on the dark end of the colour scale, black on the light end.
            colours = ["#FFFFFF" if (t - low) / (high - low) < 0.55 else "#000000" for t in levels]
            field.contours(
                levels,
                colour=colours,
                width=1.3,
                label_format="{} °C",
                label_angles=[105.0 + 30.0 * i for i in range(len(levels))],
            )
        overlays.append(field)
    else:
        background = [corner, (extent, -extent), opposite, (-extent, extent)]
        overlays.append(Shape(background).fill(look.liver).width(0.1).layer(0.4))
    on_map = field is not None
    # Each shape with its edge width, so a map gets a white halo under every edge.
    shapes: list[tuple[Shape, float]] = [
        (_tumour(tumour_r, tumour_at, look, filled=not on_map), _TUMOUR_EDGE),
        *((ring, _RING_EDGE) for ring in _rings(tumour_r, tumour_at, margins, look)),
    ]
    if vessel_at is not None and vessel_mm is not None:
        shapes.append((_vessel(vessel_mm / 2, vessel_at, look), _VESSEL_EDGE))
    if outline is not None:
        zone = Shape(outline, name="ablation_zone").fill(None).width(_OUTLINE_EDGE).layer(3.0)
        shapes.append((zone.colour(look.cold if modality == "cryo" else look.zone), _OUTLINE_EDGE))
    if on_map:
        overlays += [_halo(shape, width) for shape, width in shapes]
    applicator = (
        Shape(circle(APPLICATORS[modality].diameter_mm / 2, samples=24), name="applicator")
        .fill(palette["black"])
        .colour("#FFFFFF")
        .width(1.2)
        .layer(4.0)
    )
    for element in [*overlays, *(shape for shape, _ in shapes), applicator]:
        plane.add(element.clip(corner, opposite))
    diagram.add(plane)
    if field is not None:
        low, high = field.limits
        bar = ColourBar(
            field.colormap,
            low,
            high,
            length=2 * _PANEL_HALF - 10.0,
            thickness=2.4,
            title="Temperature (°C)",
            horizontal=True,
        )
        diagram.add(bar.at(_COLOUR_BAR_AT))

    if show_labels:
        callouts = _section_callouts(
            plane, kind.name, tumour_mm, tumour_at, margins, vessel_at, vessel_mm, outline
        )
        place_callouts(
            diagram,
            callouts,
            columns=_SECTION_COLUMNS,
            rows={},
            span=(_PANEL_CENTRE[1] - _PANEL_HALF, _PANEL_CENTRE[1] + _PANEL_HALF),
        )
    alt_text = _section_alt_text(
        kind.name,
        extent,
        tumour_mm,
        tumour_at,
        margins,
        vessel_at,
        vessel_mm,
        field,
        levels,
        outline,
    )
    diagram.alt_text = f"{title.rstrip('.')}. {alt_text}" if title else alt_text
    return diagram


def _temperature_field(
    temperature_map: tuple[ArrayLike, ArrayLike, ArrayLike], extent: float, modality: str
) -> Field:
    """The map as a Field, cut down to the cells the view shows, on a stable colour scale."""
    try:
        x_mm, y_mm, values = temperature_map
    except (TypeError, ValueError):
        raise ValueError("temperature_map must be a tuple (x_mm, y_mm, temperature_c)") from None
    x = np.asarray(x_mm, dtype=float)
    y = np.asarray(y_mm, dtype=float)
    t = np.asarray(values, dtype=float)
    if x.ndim != 1 or y.ndim != 1 or t.shape != (y.size, x.size):
        raise ValueError(
            "temperature_map must hold 1-D x (nx), 1-D y (ny) and temperatures of shape "
            f"(ny, nx); got x {x.shape}, y {y.shape} and temperatures {t.shape}"
        )
    finite = t[np.isfinite(t)]
    if finite.size == 0:
        raise ValueError("temperature_map holds no finite temperature")
    # One cell beyond the view on each side keeps contours right up to its edge.
    step_x = abs(x[1] - x[0]) if x.size > 1 else 1.0
    step_y = abs(y[1] - y[0]) if y.size > 1 else 1.0
    keep_x = np.abs(x) <= extent + step_x
    keep_y = np.abs(y) <= extent + step_y
    if keep_x.sum() >= 2 and keep_y.sum() >= 2:
        x, y, t = x[keep_x], y[keep_y], t[np.ix_(keep_y, keep_x)]
    # A fixed scale from body temperature to boiling keeps colours comparable between runs;
    # it widens only when the map goes past it.
    body = facts.ARTERIAL_BLOOD_TEMPERATURE.value
    low, high = min(float(finite.min()), body), max(float(finite.max()), body)
    if modality != "cryo":
        high = max(high, facts.VAPORIZATION_TEMPERATURE.value)
    try:
        return Field(x, y, t, colormap="cividis", limits=(low, high), name="temperature_map")
    except ValueError as error:
        raise ValueError(f"temperature_map: {error}") from None


def _outline(name: str, points: ArrayLike) -> Points:
    try:
        outline = as_points(points)
    except ValueError:
        raise ValueError(f"{name} must be an (N, 2) array of points in mm") from None
    if len(outline) < 3 or not np.all(np.isfinite(outline)):
        raise ValueError(f"{name} must hold at least 3 finite points")
    return outline


def _section_callouts(
    plane: Group,
    applicator_name: str,
    tumour_mm: float,
    tumour_at: Point,
    margins: Sequence[float],
    vessel_at: Point | None,
    vessel_mm: float | None,
    outline: Points | None,
) -> list[Callout]:
    def at(x: float, y: float) -> Point:
        world = plane.to_world([(x, y)])[0]
        return (float(world[0]), float(world[1]))

    def on_circle(centre: Point, radius: float, degrees: float) -> Point:
        angle = math.radians(degrees)
        return at(centre[0] + radius * math.cos(angle), centre[1] + radius * math.sin(angle))

    tumour_r = tumour_mm / 2
    # The model puts a vessel on +x: the applicator and tumour are labelled from the left, so
    # no leader crosses the vessel; the rings, zone and vessel from the right.
    applicator = at(0.0, 0.0)
    out = [
        Callout("applicator", _capital(applicator_name), applicator, "left", applicator[1] - 3.5),
        Callout(
            "tumour",
            f"Tumour ({_mm(tumour_mm)} mm)",
            on_circle(tumour_at, tumour_r, 150.0),
            "left",
        ),
    ]
    for index, (name, text) in enumerate(_margin_labels(margins).items()):
        angle = 40.0 + 20.0 * index
        out.append(
            Callout(name, text, on_circle(tumour_at, tumour_r + margins[index], angle), "right")
        )
    if vessel_at is not None and vessel_mm is not None:
        body = facts.ARTERIAL_BLOOD_TEMPERATURE.text
        out.append(
            Callout(
                "vessel",
                f"Vessel\n(blood at {body})",
                on_circle(vessel_at, vessel_mm / 2, 30.0),
                "right",
            )
        )
    if outline is not None:
        # The outline's point furthest down and to the right, clear of the other targets.
        target = outline[int(np.argmax(outline @ np.array([0.5, -0.87])))]
        out.append(Callout("ablation_zone", "Ablation zone", at(*target), "right"))
    return out


def _coverage(outline: Points, tumour_at: Point, tumour_r: float, margins: Sequence[float]) -> str:
    """What the zone outline encloses, as a sighted reader would see it."""

    def enclosed(radius: float) -> NDArray:
        return inside(outline, circle(radius, tumour_at, samples=72))

    tumour = enclosed(tumour_r)
    if not tumour.all():
        if tumour.any():
            return "leaves part of the tumour outside"
        from_centre = np.hypot(outline[:, 0] - tumour_at[0], outline[:, 1] - tumour_at[1])
        if np.all(from_centre < tumour_r):
            return "lies inside the tumour, leaving the tumour's edge untreated"
        return "misses the tumour"
    reached = []
    for margin in margins:
        if not enclosed(tumour_r + margin).all():
            ring = f"{_mm(margin)} mm ring"
            if reached:
                done = _listed(reached)
                return f"encloses the whole tumour and the {done} ring but not all of the {ring}"
            return f"encloses the whole tumour but not all of the {ring}"
        reached.append(f"{_mm(margin)} mm")
    noun = "ring" if len(reached) == 1 else "rings"
    return f"encloses the whole tumour and the {_listed(reached)} {noun}"


def _section_alt_text(
    applicator_name: str,
    extent: float,
    tumour_mm: float,
    tumour_at: Point,
    margins: Sequence[float],
    vessel_at: Point | None,
    vessel_mm: float | None,
    field: Field | None,
    levels: Sequence[float],
    outline: Points | None,
) -> str:
    """The plane in words, with every number it was given."""

    def where(point: Point) -> str:
        return f"({_mm(point[0])}, {_mm(point[1])}) mm"

    sentences = [
        f"Cross-section across the {applicator_name} at the middle of its active tip, in "
        f"millimetres: a square from {_mm(-extent)} to {_mm(extent)} mm on both axes, with the "
        f"{applicator_name} at the centre (0, 0), seen end-on.",
    ]
    centred = "on the applicator" if tumour_at == (0.0, 0.0) else f"at {where(tumour_at)}"
    rings = [f"{_mm(m)} mm" for m in margins]
    sentences.append(
        f"A {_mm(tumour_mm)} mm tumour (solid circle) is centred {centred}; dashed "
        f"{'ring' if len(rings) == 1 else 'rings'} mark {_listed(rings)} outside its edge."
    )
    if vessel_at is not None and vessel_mm is not None:
        gap = float(np.hypot(vessel_at[0] - tumour_at[0], vessel_at[1] - tumour_at[1]))
        gap -= (tumour_mm + vessel_mm) / 2
        body = facts.ARTERIAL_BLOOD_TEMPERATURE.text
        sentences.append(
            f"A {_mm(vessel_mm)} mm vessel (blood at {body}) is centred at {where(vessel_at)}, "
            f"{_mm(gap)} mm from the tumour's edge."
        )
    if field is not None:
        finite = field.values[np.isfinite(field.values)]
        low, high = (f"{v:.0f}".replace("-", "\u2212") for v in (finite.min(), finite.max()))
        sentences.append(
            "Colour shows the temperature, from dark blue (coolest) to yellow (hottest) on the "
            f"colour bar below; the map ranges from {low} °C to {high} °C."
        )
    if levels:
        temperatures = [f"{t:g}".replace("-", "\u2212") for t in levels]
        noun = "Isotherm" if len(levels) == 1 else "Isotherms"
        sentences.append(f"{noun} (thin labelled lines) at {_listed(temperatures)} °C.")
    if outline is not None:
        reach = np.hypot(outline[:, 0], outline[:, 1])
        sentences.append(
            f"The computed ablation zone outline (thick solid line) reaches {_mm(reach.min())} "
            f"to {_mm(reach.max())} mm from the {applicator_name}; it "
            f"{_coverage(outline, tumour_at, tumour_mm / 2, margins)}."
        )
    if field is None and outline is None:
        sentences.append("No temperature map or zone outline is drawn.")
    return " ".join(sentences)


#: Isotherms drawn on a simulated map: where heat starts to kill, where it kills fast, and for
#: cryo the ice's 0 °C edge (temperatures from facts.HYPERTHERMIC_CELL_DEATH_TEMPERATURE etc.).
_SIMULATED_ISOTHERMS_HOT_C = (
    facts.HYPERTHERMIC_CELL_DEATH_TEMPERATURE.value,
    facts.IMMEDIATE_CELL_DEATH_TEMPERATURE.low,
)
_SIMULATED_ISOTHERMS_COLD_C = (0.0,)


def simulated_cross_section(result: object, *, title: str | None = None) -> Diagram:
    """The cross-section of a simulated ablation (a ``models.ablation.AblationResult``).

    Draws the hottest temperature each point reached (the coldest, for cryo), the zone's
    outline, the tumour and any vessel, all read from the result; the figure computes nothing.
    """
    setup = result.setup  # type: ignore[attr-defined]
    solution = result.solution  # type: ignore[attr-defined]
    cryo = setup.modality == "cryo"
    field = solution.lowest_temperature_c if cryo else solution.peak_temperature_c
    return ablation_cross_section(
        modality=setup.modality,
        tumour_diameter_mm=setup.tumour_diameter_mm,
        tumour_centre_mm=(setup.tumour_offset_mm, 0.0),
        vessel_centre_mm=setup.vessel_centre_mm,
        vessel_diameter_mm=setup.vessel_diameter_mm,
        temperature_map=result.full_plane(field),  # type: ignore[attr-defined]
        isotherms_c=_SIMULATED_ISOTHERMS_COLD_C if cryo else _SIMULATED_ISOTHERMS_HOT_C,
        zone_outline_mm=result.outline_mm(),  # type: ignore[attr-defined]
        title=title,
    )
