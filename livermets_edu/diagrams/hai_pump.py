"""Hepatic arterial infusion (HAI): a pump in the abdominal wall sends chemotherapy to the liver
through the hepatic artery.

From the seeds: the pump is small, "about the size of a hockey puck", placed "inside the
abdominal wall" (seed 004) "in the lower abdomen" (seed 001); its catheter is inserted into
"the blood vessel that connects to the hepatic artery" (seed 004), so that chemotherapy goes
"directly to the liver" through the hepatic artery. That vessel is the gastroduodenal artery,
with the catheter's tip where it meets the hepatic artery: Thiels CA et al., "Hepatic artery
infusion pumps", J Surg Oncol 2020;122:70, doi:10.1002/jso.25913 (standard placement of the
catheter into the gastroduodenal artery); Curley SA et al., Langenbecks Arch Chir
1990;375:119, doi:10.1007/BF00713397 (tip at the junction of the gastroduodenal and hepatic
arteries). Other vessel names are sourced in :mod:`livermets_edu.diagrams.arterial_route`.

The figure computes nothing; its numbers (the tumour's arterial share of blood, the portal
vein's share of the liver's) come from :mod:`livermets_edu.facts`. No pump size is sourced in
millimetres, so none is drawn to scale or stated.
"""

from __future__ import annotations

import numpy as np

from livermets_edu import facts
from livermets_edu.anatomy.catheters import Catheter, InfusionPump
from livermets_edu.diagrams.arterial_route import (
    LEGEND_AT,
    ROUTE_REGIONS,
    SCENE_REGIONS,
    Inset,
    Look,
    Scene,
    add_inset,
    build_scene,
    check_flag,
    dense_and_sparse,
    finish,
    label_all,
    label_inset,
    legend,
    new_diagram,
    numbered_alt_text,
    route_callouts,
)
from livermets_edu.diagrams.callouts import Callout
from livermets_edu.draw import DEFAULT_THEME, Dots, LegendEntry, Shape, Theme, Vessel, tint
from livermets_edu.draw.diagram import Diagram
from livermets_edu.draw.geometry import path_between

__all__ = ["HAI_PUMP_REGIONS", "hai_pump"]

#: Every region the figure draws.
HAI_PUMP_REGIONS = (
    *SCENE_REGIONS,
    *ROUTE_REGIONS,
    "pump",
    "catheter",
    "chemotherapy",
    "tumour_drug",
    "liver_drug",
    "zoom",
    "inset",
    "inset_abdomen",
    "inset_abdominal_wall",
    "inset_skin",
    "inset_pump",
    "inset_catheter",
    "legend",
)

_PUMP_RADIUS = 2.3  # drawing units: schematic, no size in mm is sourced
_INSET_CORNER = (0.8, 0.8)
_INSET_SIZE = (30.0, 23.0)
_SKIN_Y = 16.0  # inset units, from the inset's bottom
_WALL_DEPTH = 7.0


def hai_pump(
    *, numbered: bool = False, title: str | None = None, theme: Theme = DEFAULT_THEME
) -> Diagram:
    """Draw hepatic arterial infusion: the pump in the abdominal wall, its catheter to the
    hepatic artery, and chemotherapy reaching the liver (most of it the metastasis) that way.

    ``numbered`` shows numbers instead of names (key: ``Diagram.numbering``).
    """
    numbered = check_flag("numbered", numbered)
    look = Look(theme)
    diagram = new_diagram(theme, title, numbered)
    scene = build_scene(look, access=None)
    pump = InfusionPump(radius=_PUMP_RADIUS, fill=tint(look["black"], 0.45), edge=look["black"]).at(
        scene.body.anchor("lower_abdomen")
    )
    catheter = Catheter(scene.pump_route(pump.anchor("outlet")), colour=look.catheter)
    flow = _chemotherapy(scene)
    packed, scattered = dense_and_sparse(
        scene, scene.liver.to_world(scene.liver.outline.outline), dense=30, sparse=22
    )
    drug = [
        Dots(points, sizes=3.0, name=name).fill(look.drug).layer(3.7)
        for points, name in ((packed, "tumour_drug"), (scattered, "liver_drug"))
    ]
    scene.extra += [pump, catheter, flow, *drug]
    diagram.add_all(scene.parts)

    inset = _inset(look, numbered)
    add_inset(diagram, inset, pump.anchor("centre"), 2 * _PUMP_RADIUS + 1.6, letter="right")

    callouts = [*route_callouts(scene), *_callouts(scene, pump, catheter, flow, drug)]
    label_all(diagram, callouts, left_span=(28.0, 64.0), right_span=(2.0, 52.0))
    _label_inset(diagram, inset)
    legend(
        diagram,
        [
            LegendEntry("pump catheter", look.catheter, "solid", 2.0),
            LegendEntry("chemotherapy drug and its path", look.drug, "dotted", 4.0),
        ],
        at=LEGEND_AT,
        title="Schematic, not to scale",
    )
    alt_text = _numbered_alt_text(diagram) if numbered else _alt_text()
    return finish(diagram, alt_text, title)


def _chemotherapy(scene: Scene) -> Vessel:
    """The drug's way from the catheter tip: up the proper hepatic artery into both lobes."""
    proper = scene.path("proper_hepatic_artery")
    right = scene.path("right_hepatic_artery")
    left = scene.path("left_hepatic_artery")
    main = np.vstack([proper, right[1:]])
    return (
        Vessel(main, corner_radius=0.0, name="chemotherapy")
        .colour(scene.look.drug)
        .dotted()
        .width(2.6)
        .arrows(0.25, 0.75)
        .branch(path_between(left, left[0], left[-1]), width_scale=1.0, arrows=(0.6,))
        .layer(3.8)
    )


def _callouts(
    scene: Scene, pump: InfusionPump, catheter: Catheter, flow: Vessel, drug: list[Dots]
) -> list[Callout]:
    gda = scene.path("gastroduodenal_artery")
    packed = drug[0]
    x, y = packed.to_world(packed.points).mean(axis=0)
    return [
        Callout(
            "pump",
            "Pump in the abdominal wall\n(about the size of\na hockey puck)",
            pump.anchor("label"),
            "right",
        ),
        Callout("catheter", "Catheter from the pump", catheter.point_at(0.3), "right"),
        Callout(
            "gastroduodenal_artery",
            "Gastroduodenal artery (the\ncatheter's tip lies where it\nmeets the hepatic artery)",
            tuple(gda[len(gda) // 2]),
            "right",
        ),
        Callout(
            "chemotherapy",
            "Chemotherapy goes to\nthe liver through the\nhepatic artery",
            flow.point_at(0.62),
            "left",
        ),
        Callout("tumour_drug", "Most drug reaches\nthe metastasis", (float(x), float(y)), "left"),
    ]


# --- the inset: a cut through the abdominal wall, seen from the side ----------------------------
def _inset(look: Look, numbered: bool) -> Inset:
    title = "A, side view (schematic)" if numbered else "A: side view through the abdominal wall"
    inset = Inset(_INSET_CORNER, _INSET_SIZE, 1.0, title)
    width, height = inset.local_size
    wall_bottom = _SKIN_Y - _WALL_DEPTH

    def band(low: float, high: float) -> list[tuple[float, float]]:
        return [(0.0, low), (width, low), (width, high), (0.0, high)]

    inset.add(Shape(band(0.0, wall_bottom), name="inset_abdomen").fill("#FFFFFF").width(0.1))
    inset.add(
        Shape(band(wall_bottom, _SKIN_Y), name="inset_abdominal_wall")
        .fill(tint(look["reddish_purple"], 0.72))
        .colour(tint(look["reddish_purple"], 0.72))
        .hatch("--")
        .layer(0.4)
    )
    inset.add(
        Vessel([(-0.5, _SKIN_Y), (width + 0.5, _SKIN_Y)], corner_radius=0.0, name="inset_skin")
        .colour(look["black"])
        .width(2.0)
        .arrows()
        .layer(0.6)
    )
    pump = InfusionPump(
        radius=6.0,
        fill=tint(look["black"], 0.45),
        edge=look["black"],
        view="side",
        name="inset_pump",
    ).at((width * 0.5, _SKIN_Y - 3.3))
    inset.add(pump)
    outlet = pump.anchor("outlet")
    inset.add(
        Catheter(
            [
                outlet,
                (outlet[0] + 2.5, outlet[1]),
                (outlet[0] + 4.0, wall_bottom - 2.0),
                (outlet[0] + 5.0, 1.0),
                (width + 0.5, 1.0),
            ],
            colour=look.catheter,
            name="inset_catheter",
        )
    )
    return inset


def _label_inset(diagram: Diagram, inset: Inset) -> None:
    width, height = inset.local_size
    wall_bottom = _SKIN_Y - _WALL_DEPTH
    at = inset.at
    label_inset(
        diagram,
        "inset_skin",
        "Skin",
        at=at((0.5, _SKIN_Y + 2.2)),
        target=at((3.5, _SKIN_Y)),
        align="left",
    )
    label_inset(
        diagram,
        "inset_abdominal_wall",
        "Abdominal wall",
        at=at((0.5, wall_bottom + 1.6)),
        target=None,
        align="left",
    )
    label_inset(
        diagram,
        "inset_pump",
        "Pump",
        at=at((width * 0.5, _SKIN_Y + 2.6)),
        target=at((width * 0.5, _SKIN_Y - 1.6)),
        align="above",
    )
    label_inset(
        diagram,
        "inset_catheter",
        "Catheter to the\nhepatic artery",
        at=at((width - 0.5, 4.6)),
        target=at((width - 3.0, 1.0)),
        align="right",
    )
    label_inset(
        diagram,
        "inset_abdomen",
        "Inside the abdomen",
        at=at((0.5, 2.4)),
        target=None,
        align="left",
    )


# --- words ----------------------------------------------------------------------------------
def _alt_text() -> str:
    return " ".join(
        [
            "Schematic of hepatic arterial infusion (HAI), front view of the body, the "
            "patient's right on the viewer's left.",
            "A pump about the size of a hockey puck sits in the wall of the lower abdomen. "
            "Its catheter runs up inside the abdomen into the gastroduodenal artery, with its "
            "tip where that artery meets the hepatic artery.",
            "Chemotherapy (dotted purple line with arrows) flows from there up the proper "
            "hepatic artery into the right and left hepatic arteries, so it reaches the liver "
            "directly. Drug dots are packed in the metastasis, which takes about "
            f"{facts.METASTASIS_ARTERIAL_SUPPLY_FRACTION.text} of its blood from the hepatic "
            "artery, and sparse in the normal liver, which takes about "
            f"{facts.PORTAL_VEIN_FLOW_FRACTION.text} of its blood from the portal vein "
            "(dashed).",
            "Inset A is a side view through the abdominal wall (schematic): the pump lies in "
            "the wall under the skin, and its catheter goes on into the abdomen.",
        ]
    )


def _numbered_alt_text(diagram: Diagram) -> str:
    return numbered_alt_text(diagram, "a schematic side-view inset")
