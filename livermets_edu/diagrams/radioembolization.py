"""Y-90 radioembolization: microspheres through a catheter in the hepatic artery.

The figure shows the catheter's way from the femoral or radial artery through the aorta into
the hepatic artery, stopping in the right hepatic artery (lobar) or in a segmental branch
(segmental); microspheres lodged densely in the metastasis and sparsely in the normal liver
of the treated territory, because metastases take most of their blood from the hepatic
artery while normal liver takes most of its blood from the portal vein; the lung shunt as an
arrow to the lungs whose width grows with the shunt fraction; and, in a magnified inset
drawn to scale with its own scale bar, the mean tissue penetration of the beta particles as a
halo round the sphere-laden edge of the tumour.

It draws the numbers it is given and computes no physiology or dose: every clinical number
comes from :mod:`livermets_edu.facts`. Vessel names are sourced in
:mod:`livermets_edu.diagrams.arterial_route`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from livermets_edu import facts
from livermets_edu.anatomy.catheters import MICROSPHERE_DIAMETERS, Catheter, Microspheres
from livermets_edu.diagrams.arterial_route import (
    ACCESS_ROUTES,
    LEGEND_AT,
    ROUTE_REGIONS,
    SCENE_REGIONS,
    Inset,
    Look,
    Scene,
    access_callout,
    add_inset,
    build_scene,
    check_choice,
    check_flag,
    dense_and_sparse,
    finish,
    fraction,
    label_all,
    label_inset,
    legend,
    new_diagram,
    number_of,
    numbered_alt_text,
    percent,
    point_inside,
    route_callouts,
    route_sentence,
)
from livermets_edu.diagrams.callouts import Callout
from livermets_edu.draw import (
    DEFAULT_THEME,
    Label,
    LegendEntry,
    Point,
    Shape,
    Theme,
    Vessel,
    tint,
)
from livermets_edu.draw.diagram import Diagram
from livermets_edu.draw.geometry import Points, circle, spread_points

__all__ = [
    "DELIVERY",
    "DEVICES",
    "RADIOEMBOLIZATION_REGIONS",
    "lung_shunt_width",
    "radioembolization",
]


@dataclass(frozen=True)
class _Delivery:
    """Where the catheter tip stops for one kind of delivery, and what that treats."""

    tip: str  # the vessel the tip lies in
    tip_words: str
    territory_words: str
    sparse_spheres: int  # spheres drawn in the territory's normal liver (schematic)
    alt_text: str


_DELIVERIES = {
    "whole_liver": _Delivery(
        "proper_hepatic_artery",
        "proper hepatic artery",
        "whole liver",
        24,
        "stops in the proper hepatic artery, before it divides, so the whole liver is treated "
        "(whole-liver delivery)",
    ),
    "lobar": _Delivery(
        "right_hepatic_artery",
        "right hepatic artery",
        "right lobe",
        16,
        "stops in the right hepatic artery, so the whole right lobe is treated (lobar delivery)",
    ),
    "segmental": _Delivery(
        "segmental_artery",
        "segmental branch",
        "one segment",
        6,
        "goes on into a segmental branch next to the metastasis, so one segment is treated "
        "(segmental delivery)",
    ),
}
DELIVERY = tuple(_DELIVERIES)
DEVICES = tuple(MICROSPHERE_DIAMETERS)

#: Every region the figure can draw ('lung_shunt' only when the shunt fraction is above 0).
RADIOEMBOLIZATION_REGIONS = (
    *SCENE_REGIONS,
    "access_artery",
    *ROUTE_REGIONS,
    "treated_territory",
    "catheter",
    "tumour_microspheres",
    "liver_microspheres",
    "lung_shunt",
    "zoom",
    "inset",
    "inset_liver",
    "inset_tumour",
    "inset_arterioles",
    "inset_microspheres",
    "beta_range",
    "beta_max_range",
    "scale_bar",
    "legend",
)

# Drawn symbol size: enlarged about a hundredfold in the body view, so a sphere can be seen.
_POINTS_PER_UM = 0.085
_INSET_POINTS_PER_UM = 0.11
_TUMOUR_SPHERES = 46

# The inset: a window on the tumour's edge, in mm, drawn at _INSET_SCALE drawing units per mm.
_INSET_CORNER = (0.8, 0.8)
_INSET_SIZE = (30.0, 23.0)
_INSET_SCALE = 1.75
_INSET_TUMOUR_RADIUS_MM = 12.0
_INSET_EDGE_MM = 4.0  # from the window's right side to the tumour's edge, at mid-height
_RIM_MM = 1.6  # the sphere-laden rim inside the tumour's edge
_SCALE_BAR_MM = 5.0
_SCALE_BAR_Y = 0.75
_DIMENSION_AT_DEGREES = 170.0  # where the 2.5 mm dimension crosses the halo


def radioembolization(
    *,
    access: str = "femoral",
    delivery: str = "lobar",
    lung_shunt_fraction: float = 0.0,
    device: str = "glass",
    numbered: bool = False,
    title: str | None = None,
    theme: Theme = DEFAULT_THEME,
) -> Diagram:
    """Draw Y-90 radioembolization: catheter route, microspheres, lung shunt and beta range.

    ``access`` 'femoral' or 'radial' is where the catheter enters; ``delivery``
    'whole_liver' stops it in the proper hepatic artery (the whole liver is treated), 'lobar'
    in the right hepatic artery (the right lobe), 'segmental' in a segmental branch (one
    segment). ``lung_shunt_fraction`` (0 up to 1) draws an arrow from
    the liver to the lungs, wider for a larger shunt, and none at 0. ``device`` 'glass' or
    'resin' sets the spheres' drawn sizes from their sourced diameters. The body view is
    schematic; the inset is to scale (its scale bar), except the spheres, enlarged to be
    seen. ``numbered`` shows numbers instead of names (key: ``Diagram.numbering``).
    """
    access = check_choice("access", access, ACCESS_ROUTES)
    delivery = check_choice("delivery", delivery, DELIVERY)
    device = check_choice("device", device, DEVICES)
    shunt = fraction("lung_shunt_fraction", lung_shunt_fraction)
    numbered = check_flag("numbered", numbered)

    look = Look(theme)
    diagram = new_diagram(theme, title, numbered)
    scene = build_scene(look, access=access)
    territory = _territory(scene, delivery)
    catheter = Catheter(scene.catheter_route(_DELIVERIES[delivery].tip), colour=look.catheter)
    packed, sparse = _body_spheres(scene, territory, device, delivery)
    scene.extra += [territory, catheter, packed, sparse]
    arrow = _lung_shunt(scene, shunt) if shunt > 0 else None
    if arrow is not None:
        scene.extra.append(arrow)
    diagram.add_all(scene.parts)

    inset, tumour_centre_mm = _inset(look, device, numbered)
    centre = scene.tumour.anchor("centre")
    add_inset(diagram, inset, (centre[0] - scene.tumour.radius, centre[1]), 3.4)

    callouts = [
        *route_callouts(scene),
        *_callouts(scene, catheter, territory, delivery, access, shunt, arrow, sparse),
    ]
    label_all(diagram, callouts, left_span=(28.0, 64.0), right_span=(2.0, 52.0))
    _label_inset(diagram, inset, tumour_centre_mm)
    _legend(diagram, device)
    alt_text = (
        _numbered_alt_text(diagram, shunt)
        if numbered
        else _alt_text(access, delivery, shunt, device)
    )
    return finish(diagram, alt_text, title)


# --- the body view ---------------------------------------------------------------------------
def _territory(scene: Scene, delivery: str) -> Shape:
    """The treated territory: the whole liver, the right lobe, or one segment round the tumour."""
    liver = scene.liver
    if delivery == "whole_liver":
        outline = liver.whole_outline()
    elif delivery == "lobar":
        outline = liver.lobe_outline("right_lobe")
    else:
        outline = liver.segment_outline(scene.tumour.anchor("centre"), spread_degrees=46.0)
    look = scene.look
    return (
        Shape(outline, name="treated_territory")
        .fill(tint(look.radiation, 0.8))
        .colour(look.radiation)
        .style("dashdot")
        .hatch("\\\\")
        .width(1.6)
        .opacity(0.85)
        .layer(1.6)
    )


def _body_spheres(scene: Scene, territory: Shape, device: str, delivery: str) -> list[Microspheres]:
    """Spheres packed in the tumour, scattered thinly through the rest of the territory."""
    look = scene.look
    packed, scattered = dense_and_sparse(
        scene,
        territory.to_world(territory.outline),
        dense=_TUMOUR_SPHERES,
        sparse=_DELIVERIES[delivery].sparse_spheres,
    )
    return [
        Microspheres(
            points,
            device=device,
            points_per_um=_POINTS_PER_UM,
            colour=look.radiation,
            edge=look["black"],
            name=name,
        )
        for points, name in ((packed, "tumour_microspheres"), (scattered, "liver_microspheres"))
    ]


def lung_shunt_width(shunt: float) -> float:
    """Arrow width in points for a lung shunt fraction: grows with it, from 2 pt towards 16."""
    return 2.0 + 14.0 * shunt / (shunt + 0.15)


def _lung_shunt(scene: Scene, shunt: float) -> Vessel:
    """An arrow from the liver to the right lung, as wide as the shunt is large."""
    start = scene.liver.to_world([(17.0, 21.0)])[0]
    end = scene.lungs.anchor("right_centre")
    bend = (float(start[0]) - 3.0, (float(start[1]) + end[1]) / 2)
    return (
        Vessel([tuple(start), bend, end], corner_radius=2.0, name="lung_shunt")
        .colour(scene.look.radiation)
        .width(lung_shunt_width(shunt))
        .arrows(0.88)
        .layer(4.2)
    )


def _lowest(spheres: Microspheres) -> Point:
    """The lowest of the spheres, for a leader line to end on."""
    points = spheres.to_world(spheres.points)
    x, y = points[int(np.argmin(points[:, 1]))]
    return (float(x), float(y))


def _callouts(
    scene: Scene,
    catheter: Catheter,
    territory: Shape,
    delivery: str,
    access: str,
    shunt: float,
    arrow: Vessel | None,
    sparse: Microspheres,
) -> list[Callout]:
    where = _DELIVERIES[delivery].tip_words
    region = territory.to_world(territory.outline)
    tumour = scene.tumour_outline()
    out = [
        Callout("catheter", f"Catheter (tip in the\n{where})", catheter.point_at(0.42), "right"),
        access_callout(access, catheter),
        Callout(
            "treated_territory",
            f"Treated territory:\n{_DELIVERIES[delivery].territory_words}",
            point_inside(region, avoid=tumour, towards=(-1.0, -0.3)),
            "left",
        ),
        Callout(
            "tumour_microspheres",
            "Microspheres packed\nin the metastasis",
            scene.tumour.anchor("centre"),
            "left",
        ),
        Callout("liver_microspheres", "Few in normal liver", _lowest(sparse), "left"),
    ]
    if delivery == "segmental":
        out.append(
            Callout(
                "segmental_artery",
                "Segmental branch",
                scene.vessels["segmental_artery"].point_at(0.3),
                "left",
            )
        )
    if arrow is not None:
        out.append(
            Callout("lung_shunt", f"Lung shunt {percent(shunt)}", arrow.point_at(0.45), "left")
        )
    return out


# --- the inset, in mm -------------------------------------------------------------------------
def _inset(look: Look, device: str, numbered: bool) -> tuple[Inset, Point]:
    """The magnified window on the tumour's edge, and the tumour's centre in its mm.

    The tumour lies to the right (its centre beyond the window), normal liver to the left.
    """
    title = "A, magnified to scale" if numbered else "A: edge of the metastasis, to scale"
    inset = Inset(_INSET_CORNER, _INSET_SIZE, _INSET_SCALE, title)
    width, height = inset.local_size
    radius = _INSET_TUMOUR_RADIUS_MM
    centre = (width - _INSET_EDGE_MM + radius, height / 2)
    mean = facts.Y90_MEAN_TISSUE_PENETRATION.value
    longest = facts.Y90_MAX_TISSUE_PENETRATION.value
    window = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)]
    inset.add(Shape(window, name="inset_liver").fill(look.liver).colour(look.liver).layer(0.3))
    inset.add(
        Shape(circle(radius + longest, centre, samples=200), name="beta_max_range")
        .fill(None)
        .colour(look.radiation)
        .dashed()
        .width(1.3)
        .layer(0.6)
    )
    inset.add(
        Shape(circle(radius + mean, centre, samples=200), name="beta_range")
        .fill(tint(look.radiation, 0.6))
        .colour(look.radiation)
        .hatch("////")
        .width(1.6)
        .layer(0.7)
    )
    inset.add(
        Shape(circle(radius, centre, samples=200), name="inset_tumour")
        .fill(look.tumour)
        .colour(look["black"])
        .width(1.8)
        .layer(0.8)
    )
    ends = _arteriole_ends(centre, radius)
    for index, end in enumerate(ends):
        start = (-0.5, end[1] + (index - 1) * 1.0)
        bend = (end[0] - 3.5, end[1] + (index - 1) * 0.5)
        inset.add(
            Vessel([start, bend, end], corner_radius=1.5, name="inset_arterioles")
            .colour(look["vermillion"])
            .width(1.6)
            .arrows(0.3)
            .layer(0.9)
        )
    # A dimension across the halo: from the tumour's edge out to the mean range.
    theta = np.radians(_DIMENSION_AT_DEGREES)
    direction = np.array([np.cos(theta), np.sin(theta)])
    middle = np.asarray(centre) + direction * (radius + mean / 2)
    for reach in (radius, radius + mean):
        inset.add(
            Vessel([tuple(middle), tuple(np.asarray(centre) + direction * reach)], corner_radius=0)
            .colour(look["black"])
            .width(1.0)
            .arrows(1.0)
            .layer(1.1)
        )
    inset.add(
        Microspheres(
            _rim_spheres(centre, radius, width, height),
            device=device,
            points_per_um=_INSET_POINTS_PER_UM,
            colour=look.radiation,
            edge=look["black"],
            name="inset_microspheres",
        ).layer(1.0)
    )
    bar = [(0.9, _SCALE_BAR_Y), (0.9 + _SCALE_BAR_MM, _SCALE_BAR_Y)]
    inset.add(
        Vessel(bar, corner_radius=0.0, name="scale_bar")
        .colour(look["black"])
        .width(3.0)
        .arrows()
        .layer(1.2)
    )
    return inset, centre


def _arteriole_ends(centre: Point, radius: float) -> list[Point]:
    """Where three arterioles reach into the tumour's rim, above, level with and below."""
    reach = radius - _RIM_MM * 0.55
    return [
        (
            float(centre[0] + reach * np.cos(np.radians(180.0 + angle))),
            float(centre[1] + reach * np.sin(np.radians(180.0 + angle))),
        )
        for angle in (-26.0, 2.0, 24.0)
    ]


def _rim_spheres(centre: Point, radius: float, width: float, height: float) -> Points:
    """Spheres packed in the tumour's rim, and a few lodged in the normal liver."""
    window = np.array([(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)])
    candidates = spread_points(window, 1200)
    distance = np.hypot(candidates[:, 0] - centre[0], candidates[:, 1] - centre[1])
    rim = candidates[(distance > radius - _RIM_MM) & (distance < radius - 0.12)]
    normal = candidates[distance > radius + 1.0][::70]
    return np.vstack([rim[:80], normal[:4]])


def _label_inset(diagram: Diagram, inset: Inset, centre: Point) -> None:
    width, height = inset.local_size
    radius = _INSET_TUMOUR_RADIUS_MM
    cx, cy = centre
    mean = facts.Y90_MEAN_TISSUE_PENETRATION
    longest = facts.Y90_MAX_TISSUE_PENETRATION
    at = inset.at
    label_inset(
        diagram,
        "inset_tumour",
        "Tumour",
        at=at((width - 0.5, height - 1.3)),
        target=None,
        align="right",
    )
    label_inset(
        diagram,
        "inset_microspheres",
        "Microspheres in the\ntumour's arterioles",
        at=at((width - 0.5, 2.2)),
        target=at((cx - radius + _RIM_MM * 0.5, cy - 3.6)),
        align="right",
    )
    theta = np.radians(_DIMENSION_AT_DEGREES)
    reach = radius + mean.value / 2
    label_inset(
        diagram,
        "beta_range",
        f"Mean β range\n{mean.text}",
        at=at((cx - radius - mean.value - 2.4, cy + 2.2)),
        target=at((cx + reach * np.cos(theta), cy + reach * np.sin(theta))),
        align="right",
    )
    far = radius + longest.value
    rise = min(height - 2.2 - cy, far)
    label_inset(
        diagram,
        "beta_max_range",
        f"Max. ~{longest.range_text}\n(approximate)",
        at=at((0.5, height - 1.5)),
        target=at((cx - np.sqrt(far**2 - rise**2), cy + rise)),
        align="left",
    )
    end = at((0.9 + _SCALE_BAR_MM, _SCALE_BAR_Y))
    diagram.add(Label(f"{_SCALE_BAR_MM:g} mm", at=(end[0] + 1.0, end[1]), align="left"))


# --- legend and words -------------------------------------------------------------------------
def _legend(diagram: Diagram, device: str) -> None:
    diameter = facts.get(MICROSPHERE_DIAMETERS[device])
    look = Look(diagram.theme)
    legend(
        diagram,
        [
            LegendEntry("catheter", look.catheter, "solid", 2.0),
            LegendEntry(
                f"Y-90 {device} microspheres, {diameter.range_text}",
                look.radiation,
                width=5.0,
                symbol="dot",
                edge=look["black"],
            ),
        ],
        at=LEGEND_AT,
        title="Schematic; spheres enlarged; only inset A to scale",
    )


def _alt_text(access: str, delivery: str, shunt: float, device: str) -> str:
    diameter = facts.get(MICROSPHERE_DIAMETERS[device])
    onwards = _DELIVERIES[delivery].alt_text
    sentences = [
        "Schematic of Y-90 radioembolization, front view of the body, the patient's right on "
        "the viewer's left.",
        route_sentence(access, onwards),
        f"{device.capitalize()} microspheres ({diameter.range_text} across, drawn enlarged) "
        "are packed in the metastasis and scattered thinly in the normal liver of the treated "
        "territory: the metastasis takes about "
        f"{facts.METASTASIS_ARTERIAL_SUPPLY_FRACTION.text} of its blood from the hepatic "
        "artery, while the portal vein (dashed) brings about "
        f"{facts.PORTAL_VEIN_FLOW_FRACTION.text} of the liver's blood.",
    ]
    if shunt > 0:
        sentences.append(
            f"The lung shunt fraction is {percent(shunt)}: an arrow from the liver to the "
            "lungs, wider for a larger shunt, shows spheres that pass the liver to the lungs."
        )
    else:
        sentences.append("The lung shunt fraction is 0%, so no arrow to the lungs is drawn.")
    sentences.append(
        f"Inset A magnifies the tumour's edge to scale, with a {_SCALE_BAR_MM:g} mm scale bar: "
        "spheres sit in the tumour's arterioles near its edge, and a halo shows the beta "
        f"particles' mean tissue penetration of {facts.Y90_MEAN_TISSUE_PENETRATION.text} "
        "beyond the tumour's edge; a "
        f"faint dashed ring marks the maximum range, about "
        f"{facts.Y90_MAX_TISSUE_PENETRATION.range_text} (approximate)."
    )
    return " ".join(sentences)


def _numbered_alt_text(diagram: Diagram, shunt: float) -> str:
    notes = []
    if shunt > 0:
        notes.append(
            f"Number {number_of(diagram, 'lung_shunt')} is an arrow whose width stands for "
            f"{percent(shunt)}."
        )
    return numbered_alt_text(diagram, "a magnified inset drawn to scale", notes)
