"""Transarterial chemoembolization (TACE): drug and embolic agent through the hepatic artery.

A catheter from the femoral or radial artery reaches a selective branch of the hepatic
artery that feeds the metastasis. ``conventional`` TACE gives a chemotherapy drug with embolic
particles that block the tumour's artery; ``drug_eluting_beads`` gives beads loaded with drug
that block the artery and release the drug (seeds 002 and 004). Past the block the tumour's
artery is drawn faded with a stop mark (✕), while the portal vein, dashed, keeps feeding the
normal liver. A magnified inset, schematic, shows the blocked artery.

The figure computes nothing; its one number (the portal vein's share of the liver's blood)
comes from :mod:`livermets_edu.facts`. Vessel names are sourced in
:mod:`livermets_edu.diagrams.arterial_route`.
"""

from __future__ import annotations

import numpy as np

from livermets_edu import facts
from livermets_edu.anatomy import ARTERY, PORTAL, vessel
from livermets_edu.anatomy.catheters import Catheter, DrugElutingBeads, EmbolicParticles
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
    label_all,
    label_inset,
    legend,
    new_diagram,
    number_of,
    numbered_alt_text,
    route_callouts,
    route_sentence,
)
from livermets_edu.diagrams.callouts import Callout
from livermets_edu.draw import DEFAULT_THEME, Dots, Element, LegendEntry, Point, Shape, Theme
from livermets_edu.draw.diagram import Diagram
from livermets_edu.draw.geometry import Points, circle, point_along, spread_points

__all__ = ["AGENTS", "CHEMOEMBOLIZATION_REGIONS", "chemoembolization"]

AGENTS = ("conventional", "drug_eluting_beads")

#: Every region the figure draws.
CHEMOEMBOLIZATION_REGIONS = (
    *SCENE_REGIONS,
    "access_artery",
    *ROUTE_REGIONS,
    "catheter",
    "embolic_agent",
    "drug",
    "blocked_artery",
    "zoom",
    "inset",
    "inset_liver",
    "inset_tumour",
    "inset_artery",
    "inset_embolic_agent",
    "inset_drug",
    "inset_blocked_artery",
    "inset_portal_vein",
    "legend",
)

_WORDS = {
    "conventional": {
        "agent": "Embolic particles\nwith the drug",
        "legend": "embolic particles",
        "inset": "Particles block\nthe artery",
        "alt": "a chemotherapy drug given with embolic particles, which block the artery",
    },
    "drug_eluting_beads": {
        "agent": "Drug-eluting beads\n(loaded with drug)",
        "legend": "drug-eluting beads (loaded with drug)",
        "inset": "Beads block the\nartery, release drug",
        "alt": "drug-eluting beads, loaded with chemotherapy drug, which block the artery "
        "and release the drug",
    },
}

_INSET_CORNER = (0.8, 0.8)
_INSET_SIZE = (30.0, 23.0)
_PLUG = (11.0, 17.0)  # where the embolic agent packs the inset's artery (inset units)
_TUMOUR_EDGE = 19.5  # the tumour's edge on the inset's artery (inset units)


def chemoembolization(
    *,
    agent: str = "conventional",
    access: str = "femoral",
    numbered: bool = False,
    title: str | None = None,
    theme: Theme = DEFAULT_THEME,
) -> Diagram:
    """Draw TACE: a catheter in the artery feeding the metastasis, drug and embolic agent.

    ``agent`` 'conventional' (chemotherapy drug with embolic particles) or
    'drug_eluting_beads' (beads loaded with drug); ``access`` 'femoral' or 'radial'. The
    tumour's artery is blocked past the agent (faded, ✕); the portal vein keeps feeding the
    normal liver. ``numbered`` shows numbers instead of names (key: ``Diagram.numbering``).
    """
    agent = check_choice("agent", agent, AGENTS)
    access = check_choice("access", access, ACCESS_ROUTES)
    numbered = check_flag("numbered", numbered)

    look = Look(theme)
    diagram = new_diagram(theme, title, numbered)
    scene = build_scene(look, access=access)
    catheter = Catheter(scene.catheter_route("segmental_artery"), colour=look.catheter)
    blocked = _blocked_artery(scene)
    embolic = _embolic_agent(scene, agent, _plug_points(scene.path("segmental_artery")))
    drug = _drug(scene, agent)
    scene.extra += [catheter, blocked, drug, embolic]
    diagram.add_all(scene.parts)

    inset = _inset(look, agent, numbered)
    add_inset(diagram, inset, scene.path("segmental_artery")[-1], 3.0)

    callouts = [
        *route_callouts(scene, portal_text=_PORTAL_TEXT),
        *_callouts(scene, catheter, blocked, agent, access),
    ]
    label_all(diagram, callouts, left_span=(28.0, 64.0), right_span=(2.0, 52.0))
    _label_inset(diagram, inset, agent)
    legend(
        diagram,
        [
            LegendEntry("catheter", look.catheter, "solid", 2.0),
            _agent_legend(agent, look),
            LegendEntry("chemotherapy drug", look.drug, width=4.0, symbol="dot"),
        ],
        at=LEGEND_AT,
        title="Schematic, not to scale",
    )
    alt_text = _numbered_alt_text(diagram) if numbered else _alt_text(agent, access)
    return finish(diagram, alt_text, title)


_PORTAL_TEXT = "Portal vein: still\nfeeds normal liver\n(~{share} of liver blood)"


def _agent_legend(agent: str, look: Look) -> LegendEntry:
    if agent == "conventional":
        return LegendEntry(_WORDS[agent]["legend"], look["black"], width=5.0, symbol="diamond")
    return LegendEntry(
        _WORDS[agent]["legend"], look.drug, width=7.0, symbol="dot", edge=look["black"]
    )


# --- the body view ---------------------------------------------------------------------------
def _blocked_artery(scene: Scene) -> Element:
    """The tumour's own artery past the block: faded, with a stop mark where flow ends."""
    edge = scene.path("segmental_artery")[-1]
    centre = np.asarray(scene.tumour.anchor("centre"))
    inward = edge + (centre - edge) * 0.75
    return (
        vessel(ARTERY, [tuple(edge), tuple(inward)], name="blocked_artery")
        .width(2.6)
        .occlude(at=0.55)
        .layer(3.9)
    )


def _plug_points(segment: Points) -> Points:
    """Where the embolic agent packs the end of the segmental branch (drawing units)."""
    out = []
    for index, share in enumerate(np.linspace(0.8, 1.0, 6)):
        (x, y), (dx, dy) = point_along(segment, float(share))
        side = 0.28 * (1 if index % 2 else -1)
        out.append((x - dy * side, y + dx * side))
    return np.asarray(out)


def _embolic_agent(scene: Scene, agent: str, points: Points) -> Dots:
    look = scene.look
    if agent == "conventional":
        return EmbolicParticles(points, colour=look["black"], size=4.2, name="embolic_agent")
    return DrugElutingBeads(
        points[::2], colour=look.drug, edge=look["black"], size=6.5, name="embolic_agent"
    )


def _drug(scene: Scene, agent: str) -> Dots:
    """The drug in the tumour: spread through it, or gathered round the beads that release it."""
    look = scene.look
    in_tumour, _ = dense_and_sparse(scene, scene.tumour_outline(), dense=34, sparse=0)
    if agent == "drug_eluting_beads":
        entry = scene.path("segmental_artery")[-1]
        near = np.hypot(*(in_tumour - entry).T)
        in_tumour = in_tumour[np.argsort(near)][:20]
    return Dots(in_tumour, sizes=3.0, name="drug").fill(look.drug).layer(3.7)


def _callouts(
    scene: Scene, catheter: Catheter, blocked: Element, agent: str, access: str
) -> list[Callout]:
    segment = scene.path("segmental_artery")
    return [
        Callout(
            "catheter",
            "Catheter (tip in the branch\nfeeding the metastasis)",
            catheter.point_at(0.42),
            "right",
        ),
        access_callout(access, catheter),
        Callout(
            "segmental_artery",
            "Branch feeding\nthe metastasis",
            point_along(segment, 0.35)[0],
            "left",
        ),
        Callout("embolic_agent", _WORDS[agent]["agent"], tuple(segment[-1]), "left"),
        Callout(
            "blocked_artery",
            "Blocked (✕): no\narterial flow past",
            blocked.anchor("end"),
            "left",
        ),
        Callout("drug", "Drug in the metastasis", scene.tumour.anchor("centre"), "left"),
    ]


# --- the inset (schematic, its own units) ------------------------------------------------------
def _inset(look: Look, agent: str, numbered: bool) -> Inset:
    title = "A, magnified (schematic)" if numbered else "A: the tumour's artery, magnified"
    inset = Inset(_INSET_CORNER, _INSET_SIZE, 1.0, title)
    width, height = inset.local_size
    middle = height / 2 - 1.0
    window = [(0.0, 0.0), (width, 0.0), (width, height), (0.0, height)]
    inset.add(Shape(window, name="inset_liver").fill(look.liver).colour(look.liver).layer(0.3))
    radius = 15.0
    centre = (_TUMOUR_EDGE + radius, middle)
    inset.add(
        Shape(circle(radius, centre, samples=120), name="inset_tumour")
        .fill(look.tumour)
        .colour(look["black"])
        .width(1.8)
        .layer(0.5)
    )
    inset.add(
        vessel(ARTERY, [(-0.5, middle), (_PLUG[1], middle)], name="inset_artery")
        .width(9.0)
        .arrows(0.3)
        .layer(0.8)
    )
    inset.add(
        vessel(ARTERY, [(_PLUG[1], middle), (width + 0.5, middle)], name="inset_blocked_artery")
        .width(9.0)
        .occlude(at=0.12)
        .layer(0.8)
    )
    inset.add(
        vessel(
            PORTAL,
            [(-0.5, height - 3.2), (width * 0.55, height - 3.2), (width * 0.62, height + 0.5)],
            name="inset_portal_vein",
        )
        .width(6.0)
        .arrows(0.3)
        .layer(0.7)
    )
    plug = _inset_plug(middle)
    if agent == "conventional":
        inset.add(
            EmbolicParticles(plug, colour=look["black"], size=6.0, name="inset_embolic_agent")
        )
    else:
        inset.add(
            DrugElutingBeads(
                plug[::3],
                colour=look.drug,
                edge=look["black"],
                size=11.0,
                name="inset_embolic_agent",
            )
        )
    inset.add(
        Dots(_inset_drug(centre, radius, middle, agent), sizes=5.0, name="inset_drug").fill(
            look.drug
        )
    )
    return inset


def _inset_plug(middle: float) -> Points:
    """The embolic agent packed across the artery (inset units)."""
    xs = np.linspace(_PLUG[0], _PLUG[1], 12)
    ys = middle + np.tile([-0.32, 0.32, 0.0], 4)[: len(xs)]
    return np.column_stack([xs, ys])


def _inset_drug(centre: Point, radius: float, middle: float, agent: str) -> Points:
    """Drug in the tumour beyond the block (and, for beads, round the beads too)."""
    inside_tumour = spread_points(circle(radius - 0.8, centre, samples=72), 60)
    points = inside_tumour[
        (inside_tumour[:, 0] < 29.5) & (np.abs(inside_tumour[:, 1] - middle) > 1.2)
    ][:26]
    if agent == "drug_eluting_beads":
        xs = np.linspace(_PLUG[0], _PLUG[1], 8)
        halo = np.column_stack([xs, middle + np.tile([-1.0, 1.0], 4)])
        points = np.vstack([points, halo])
    return points


def _label_inset(diagram: Diagram, inset: Inset, agent: str) -> None:
    width, height = inset.local_size
    middle = height / 2 - 1.0
    at = inset.at
    label_inset(
        diagram,
        "inset_artery",
        "Artery to\nthe tumour",
        at=at((0.5, middle - 3.5)),
        target=at((4.0, middle)),
        align="left",
    )
    label_inset(
        diagram,
        "inset_embolic_agent",
        _WORDS[agent]["inset"],
        at=at((8.0, 2.4)),
        target=at(((_PLUG[0] + _PLUG[1]) / 2, middle - 0.4)),
        align="left",
    )
    label_inset(
        diagram,
        "inset_blocked_artery",
        "No flow\npast (✕)",
        at=at((width - 0.5, middle + 4.2)),
        target=at((width - 3.0, middle + 0.5)),
        align="right",
    )
    label_inset(
        diagram,
        "inset_drug",
        "Drug",
        at=at((width - 0.5, 2.0)),
        target=at((width - 4.0, 4.5)),
        align="right",
    )
    label_inset(
        diagram,
        "inset_tumour",
        "Tumour",
        at=at((width - 0.5, height - 1.2)),
        target=None,
        align="right",
    )
    label_inset(
        diagram,
        "inset_portal_vein",
        "Portal vein branch:\nstill feeds normal liver",
        at=at((0.5, height - 6.0)),
        target=at((6.0, height - 3.2)),
        align="left",
    )


# --- words ----------------------------------------------------------------------------------
def _alt_text(agent: str, access: str) -> str:
    return " ".join(
        [
            "Schematic of transarterial chemoembolization (TACE), front view of the body, the "
            "patient's right on the viewer's left.",
            route_sentence(
                access,
                "through the right hepatic artery into the branch that feeds a metastasis in "
                "the right lobe",
            ),
            f"Through it goes {_WORDS[agent]['alt']}; the drug is drawn as dots in the metastasis.",
            "Past the block the tumour's artery is faded and marked with a cross: no arterial "
            "blood flows on. The portal vein (dashed) keeps feeding the normal liver, which "
            f"takes about {facts.PORTAL_VEIN_FLOW_FRACTION.text} of its blood from it.",
            "Inset A magnifies the blocked artery (schematic, not to scale): the embolic agent "
            "packs the artery, no blood flows past it into the tumour, the drug lies in the "
            "tumour, and a portal vein branch still flows to the normal liver.",
        ]
    )


def _numbered_alt_text(diagram: Diagram) -> str:
    crossed = number_of(diagram, "blocked_artery")
    note = f"Number {crossed} is faded and marked with a cross where flow stops."
    return numbered_alt_text(diagram, "a magnified, schematic inset", [note])
