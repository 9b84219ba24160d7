"""What the three figures of therapy through the hepatic artery share: a body seen from the
front, the liver with a metastasis in its right lobe, the portal vein, the arterial route
from the aorta to the tumour, a catheter along it, a magnified inset, labels and legend.

:func:`radioembolization`, :func:`chemoembolization` and :func:`hai_pump` each build a
:class:`Scene` and add their own parts; none of them draws the route or the liver itself.

Sources for the vessels named here (beyond the seeds and :mod:`livermets_edu.facts`):

- The route from the aorta: the coeliac trunk gives the common hepatic artery, which gives the
  gastroduodenal artery and goes on as the proper hepatic artery, which divides into the right
  and left hepatic arteries. RadioGraphics 2004;24(5):1367, figure 3
  (http://radiographics.rsnajnls.org/cgi/content-nw/full/24/5/1367/F3A); Elsevier anatomy,
  "Common hepatic artery"
  (https://elsevier.com/resources/anatomy/cardiovascular-system/arteries/common-hepatic-artery/22763).
  Segmental branches and a lobar versus segmental injection: van Roekel, thesis ch. 2 p. 24
  (https://publicatie-online.nl/uploaded/flipbook/143091-Caren-van-Roekel/24).
- Access through the femoral artery (the usual route) or the radial artery: van Roekel p. 24
  (transfemoral approach); Bishay VL et al., AJR 2016;207:1112, "Transradial approach for
  hepatic radioembolization" (https://scholars.mssm.edu/en/publications/transradial-approach-for-hepatic-radioembolization-initial-result-2);
  JoVE 2020, doi:10.3791/61109 (transradial chemoembolization).
- The pump's catheter in the gastroduodenal artery: Thiels CA et al., "Hepatic artery infusion
  pumps", J Surg Oncol 2020;122:70, doi:10.1002/jso.25913; SIR 2023 educational abstract
  (https://eventscribe.net/2023/SIR23/fsPopup.asp?Mode=presInfo&PresentationID=1176352).

No vessel is drawn to scale: only a magnified inset that says so carries a scale bar.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from numbers import Real

import numpy as np

from livermets_edu import facts
from livermets_edu.anatomy import (
    ARTERY,
    PORTAL,
    Body,
    Catheter,
    Heart,
    Liver,
    Lungs,
    Metastasis,
    vessel,
)
from livermets_edu.diagrams.callouts import Callout, place_callouts
from livermets_edu.draw import (
    DEFAULT_THEME,
    Element,
    Group,
    Label,
    Legend,
    LegendEntry,
    Point,
    Shape,
    Theme,
    Vessel,
    tint,
)
from livermets_edu.draw.diagram import Diagram
from livermets_edu.draw.geometry import (
    Points,
    path_between,
    point_along,
    rounded_path,
    spread_points,
)

__all__ = [
    "ROUTE_REGIONS",
    "SCENE_REGIONS",
    "ACCESS_ROUTES",
    "FIGURE_SIZE",
    "LEFT_COLUMN",
    "LEGEND_AT",
    "PORTAL_TEXT",
    "RIGHT_COLUMN",
    "Inset",
    "access_callout",
    "Look",
    "Scene",
    "add_inset",
    "build_scene",
    "check_choice",
    "check_flag",
    "dense_and_sparse",
    "finish",
    "fraction",
    "label_all",
    "label_inset",
    "legend",
    "new_diagram",
    "number_of",
    "numbered_alt_text",
    "percent",
    "point_inside",
    "route_callouts",
    "route_sentence",
]

ACCESS_ROUTES = ("femoral", "radial")
#: Regions every figure on this scene has: the body and its organs, then the hepatic route.
SCENE_REGIONS = (
    "body",
    "left_arm",
    "right_arm",
    "lungs",
    "heart",
    "liver",
    "right_lobe",
    "left_lobe",
    "aorta",
)
ROUTE_REGIONS = (
    "coeliac_trunk",
    "common_hepatic_artery",
    "gastroduodenal_artery",
    "proper_hepatic_artery",
    "right_hepatic_artery",
    "left_hepatic_artery",
    "segmental_artery",
    "portal_vein",
    "metastasis",
)
FIGURE_SIZE = (12.0, 8.0)

# --- layout, in drawing units (100 across, about 67 up) ---------------------------------------
_MIDLINE = 42.0
_BODY_AT = (_MIDLINE, 5.4)  # the body's midline at the groin
_BODY_SCALE = 1.2
_LIVER_AT = (_MIDLINE - 17.6, 35.0)
_LIVER_SCALE = 0.53
_LUNGS_AT = (_MIDLINE + 1.0, 48.0)
_LUNGS_SCALE = 0.95
_LUNG_GAP = 10.0
_HEART_AT = (_MIDLINE + 0.6, 50.2)
_HEART_SCALE = 0.36
_AORTA_X = _MIDLINE + 4.6
_ARCH_Y = 58.0
_COELIAC_Y = 33.0
_BIFURCATION_Y = 15.0
_JUNCTION_X = _MIDLINE - 1.4  # where the gastroduodenal artery leaves the common hepatic
_PORTAL_X = _MIDLINE - 3.8
_PORTAL_START_Y = 21.0
# In the liver's local units (see Liver): where the arteries and the portal vein enter, the
# tumour, and where the intrahepatic branches end.
_ARTERY_INLET = (32.0, 9.4)
_PORTAL_INLET = (27.0, 6.4)
_PORTAL_DIVISION = (27.6, 9.6)
_TUMOUR_SITE = (16.0, 12.4)
_RIGHT_ARTERY_END = (5.5, 18.0)
_RIGHT_PORTAL_END = (5.0, 5.2)
_SEE_THROUGH = 0.8
_TUMOUR_DRAWN_MM = 28.0  # sets the drawn size only; the figures state no tumour size
#: Label columns: right-aligned text ends at the left one, left-aligned starts at the right.
LEFT_COLUMN = 15.5
RIGHT_COLUMN = 69.0
LEGEND_AT = (66.0, 64.8)


# --- checking what was asked for ----------------------------------------------------------------
def check_choice(name: str, value: object, allowed: Sequence[str]) -> str:
    """The one of ``allowed`` that ``value`` is (a plain str, also for a str enum), else a
    ValueError naming ``name`` and the choices."""
    if isinstance(value, str) and value in allowed:
        return allowed[list(allowed).index(value)]
    listed = ", ".join(repr(a) for a in allowed)
    raise ValueError(f"{name} must be one of {listed}; got {value!r}")


def check_flag(name: str, value: object) -> bool:
    """``value`` if it is True or False, else a ValueError naming ``name``."""
    if not isinstance(value, bool | np.bool_):
        raise ValueError(f"{name} must be True or False; got {value!r}")
    return bool(value)


def percent(share: float) -> str:
    """A share as a reader says it: 12%, 12.5%, 0.4%."""
    text = f"{share * 100:.1f}".rstrip("0").rstrip(".")
    return f"{text}%"


def fraction(name: str, value: object) -> float:
    """A number from 0 up to (not including) 1, else a ValueError naming ``name``."""
    is_number = isinstance(value, Real) and not isinstance(value, bool)
    number = float(value) if is_number else math.nan  # type: ignore[arg-type]
    if not (math.isfinite(number) and 0.0 <= number < 1.0):
        raise ValueError(f"{name} must be a fraction from 0 up to (not including) 1; got {value!r}")
    return number


# --- colours --------------------------------------------------------------------------------------
@dataclass(frozen=True)
class Look:
    """The colours the three figures share, from the theme."""

    theme: Theme = DEFAULT_THEME

    def __getitem__(self, name: str) -> str:
        return self.theme.colour(name)

    @property
    def liver(self) -> str:
        return tint(self["orange"], 0.62)

    @property
    def left_lobe(self) -> str:
        return tint(self["orange"], 0.72)

    @property
    def tumour(self) -> str:
        return tint(self["black"], 0.82)

    @property
    def body(self) -> str:
        return tint(self["black"], 0.95)

    @property
    def body_edge(self) -> str:
        return tint(self["black"], 0.55)

    @property
    def lungs(self) -> str:
        return tint(self["sky_blue"], 0.72)

    @property
    def heart(self) -> str:
        return tint(self["vermillion"], 0.6)

    @property
    def catheter(self) -> str:
        return self["black"]

    @property
    def drug(self) -> str:
        return self["reddish_purple"]

    @property
    def radiation(self) -> str:
        return self["bluish_green"]


# --- the scene ------------------------------------------------------------------------------------
@dataclass
class Scene:
    """The parts every figure shares, placed, and the routes through them (drawing units)."""

    look: Look
    body: Body
    lungs: Lungs
    heart: Heart
    liver: Liver
    tumour: Metastasis
    vessels: dict[str, Vessel]
    access: str | None
    extra: list[Element] = field(default_factory=list)

    @property
    def parts(self) -> list[Element]:
        """Everything to draw, back to front."""
        return [
            self.body,
            self.lungs,
            self.liver,
            self.heart,
            *self.vessels.values(),
            self.tumour,
            *self.extra,
        ]

    def path(self, name: str) -> Points:
        """The centre line of vessel ``name`` in drawing units, upstream first."""
        item = self.vessels[name]
        return item.to_world(item.route)

    def tumour_outline(self) -> Points:
        """The metastasis's outline in drawing units."""
        return self.tumour.to_world(self.tumour.outline)

    @property
    def segment_branch_at(self) -> Point:
        """Where the segmental branch leaves the right hepatic artery."""
        return tuple(self.path("segmental_artery")[0])  # type: ignore[return-value]

    def catheter_route(self, stop: str) -> Points:
        """The path of a catheter from the access site to its tip, along the vessels' centres.

        ``stop`` is where the tip lies: 'proper_hepatic_artery', 'right_hepatic_artery' (the
        lobar position, before the segmental branch) or 'segmental_artery' (near the tumour).
        """
        if self.access is None:
            raise ValueError("this scene was built without an access route")
        coeliac = tuple(self.path("coeliac_trunk")[0])
        access = self.path("access_artery")
        aorta = self.path("aorta")
        joins = tuple(access[0])  # where the access artery leaves the aorta
        pieces = [
            access[::-1],  # from the puncture back towards the aorta, against the flow
            path_between(aorta, joins, coeliac),
            self.path("coeliac_trunk"),
            self.path("common_hepatic_artery"),
            self.path("proper_hepatic_artery"),
        ]
        if stop in ("right_hepatic_artery", "segmental_artery"):
            right = self.path("right_hepatic_artery")
            branch_at = self.segment_branch_at
            if stop == "right_hepatic_artery":
                # The lobar tip: a little way into the right hepatic artery, before the branch.
                before = path_between(right, right[0], branch_at)
                pieces.append(path_between(before, before[0], _along(before, 0.55)))
            else:
                pieces.append(path_between(right, right[0], branch_at))
                segment = self.path("segmental_artery")
                pieces.append(path_between(segment, segment[0], _along(segment, 0.7)))
        elif stop != "proper_hepatic_artery":
            raise ValueError(f"unknown catheter stop {stop!r}")
        return _joined(pieces)

    def pump_route(self, outlet: Point) -> Points:
        """A pump catheter's path: from ``outlet`` up to the gastroduodenal artery, then up it
        to its tip where that artery leaves the common hepatic artery."""
        gda = self.path("gastroduodenal_artery")
        low = gda[-1]
        approach = np.array([outlet, (outlet[0], low[1] - 4.0), (low[0], low[1] - 4.0)])
        return _joined([approach, gda[::-1]])


def _point(xy: Points) -> Point:
    return (float(xy[0]), float(xy[1]))


def _along(path: Points, share: float) -> Point:
    return point_along(path, share)[0]


def _joined(pieces: Sequence[Points]) -> Points:
    """One path from pieces that meet end to start (repeated meeting points dropped)."""
    out = [np.asarray(pieces[0], dtype=float)]
    for piece in pieces[1:]:
        piece = np.asarray(piece, dtype=float)
        if np.hypot(*(piece[0] - out[-1][-1])) < 1e-6:
            piece = piece[1:]
        out.append(piece)
    return np.vstack(out)


def build_scene(look: Look, *, access: str | None) -> Scene:
    """Body, lungs, heart, liver with a metastasis, and the vessels of the route.

    ``access`` 'femoral' or 'radial' adds the access artery from the puncture to the aorta;
    None draws none (for the implanted pump).
    """
    body = Body(fill=look.body, edge=look.body_edge).at(_BODY_AT).scale(_BODY_SCALE)
    lungs = Lungs(fill=look.lungs, gap=_LUNG_GAP).at(_LUNGS_AT).scale(_LUNGS_SCALE)
    heart = Heart(fill=look.heart).at(_HEART_AT).scale(_HEART_SCALE)
    liver = Liver(fill=look.liver, left_lobe_fill=look.left_lobe)
    liver.at(_LIVER_AT).scale(_LIVER_SCALE)
    # See-through organs: the aorta behind them stays in view, as on an angiogram.
    for part in (liver.right_lobe, liver.left_lobe, *lungs.children):
        part.opacity(_SEE_THROUGH)
    heart.opacity(_SEE_THROUGH)
    site = liver.to_world([_TUMOUR_SITE])[0]
    # No dotted hatch on the tumour here: dots stand for microspheres, particles or drug.
    tumour = Metastasis(_TUMOUR_DRAWN_MM, fill=look.tumour, edge=look["black"]).hatch(None)
    tumour.at((float(site[0]), float(site[1])))
    vessels = _vessels(body, heart, liver, tumour, access, look.theme)
    return Scene(look, body, lungs, heart, liver, tumour, vessels, access)


def _vessels(
    body: Body, heart: Heart, liver: Liver, tumour: Metastasis, access: str | None, theme: Theme
) -> dict[str, Vessel]:
    """Every vessel of the route, upstream first, between the parts' anchors."""

    def local(point: Point) -> Point:
        x, y = liver.to_world([point])[0]
        return (float(x), float(y))

    root = heart.anchor("aortic_root")
    x_a, y_c = _AORTA_X, _COELIAC_Y
    bifurcation = (_MIDLINE + 1.0, _BIFURCATION_Y)
    inlet = local(_ARTERY_INLET)
    junction = (_JUNCTION_X, y_c)
    out: dict[str, Vessel] = {}

    # The aorta runs behind the lungs, heart and liver (they are drawn over it, see-through).
    aorta = vessel(
        ARTERY,
        [root, (root[0], _ARCH_Y), (x_a, _ARCH_Y), (x_a, bifurcation[1] + 3.5), bifurcation],
        name="aorta",
    )
    legs = {"right": body.anchor("right_leg_end"), "left": body.anchor("left_leg_end")}
    for side, end in legs.items():
        if access == "femoral" and side == "right":
            continue  # drawn as the access artery
        aorta.branch([bifurcation, (end[0], bifurcation[1] - 6.0), end], arrows=())
    out["aorta"] = aorta.width(7.0).arrows(0.8).layer(0.9)
    if access == "femoral":
        end = legs["right"]
        out["access_artery"] = vessel(
            ARTERY, [bifurcation, (end[0], bifurcation[1] - 6.0), end], name="access_artery"
        )
    elif access == "radial":
        # It leaves the top of the arch (as the drawn arch is rounded, its highest point).
        arch = aorta.to_world(aorta.route)
        top = arch[int(np.argmax(arch[:, 1]))]
        out["access_artery"] = vessel(
            ARTERY,
            [
                (float(top[0]), float(top[1])),
                body.anchor("left_shoulder"),
                body.anchor("left_armpit"),
                body.anchor("left_elbow"),
                body.anchor("radial_puncture"),
            ],
            name="access_artery",
        )
    if "access_artery" in out:
        out["access_artery"].width(3.6).arrows().layer(0.9)
    out["coeliac_trunk"] = (
        vessel(ARTERY, [(x_a, y_c), (x_a - 2.2, y_c)], name="coeliac_trunk").width(5.0).arrows()
    )
    out["common_hepatic_artery"] = (
        vessel(ARTERY, [(x_a - 2.2, y_c), junction], name="common_hepatic_artery")
        .width(4.4)
        .arrows()
    )
    out["gastroduodenal_artery"] = (
        vessel(
            ARTERY,
            [junction, (junction[0], y_c - 4.0), (junction[0] + 1.4, y_c - 7.0)],
            name="gastroduodenal_artery",
        )
        .width(2.6)
        .arrows()
    )
    out["proper_hepatic_artery"] = (
        vessel(
            ARTERY, [junction, (junction[0], inlet[1] - 1.5), inlet], name="proper_hepatic_artery"
        )
        .width(4.0)
        .arrows()
    )
    centre = tumour.anchor("centre")
    radius = tumour.radius
    over = (centre[0] + radius * 0.3, centre[1] + radius + 1.3)
    out["right_hepatic_artery"] = (
        vessel(
            ARTERY,
            [inlet, (inlet[0] - 3.0, inlet[1] + 2.6), over, local(_RIGHT_ARTERY_END)],
            name="right_hepatic_artery",
        )
        .width(3.2)
        .arrows(0.85)
    )
    out["left_hepatic_artery"] = (
        vessel(
            ARTERY,
            [inlet, (inlet[0] + 2.5, inlet[1] + 1.4), liver.anchor("left_artery_end")],
            name="left_hepatic_artery",
        )
        .width(3.0)
        .arrows(0.7)
    )
    # The segmental branch leaves the right hepatic artery above the tumour's right side.
    right = rounded_path(np.array([inlet, (inlet[0] - 3.0, inlet[1] + 2.6), over]), 2.5)
    branch_from = point_along(right, 0.62)[0]
    towards = math.atan2(branch_from[1] - centre[1], branch_from[0] - centre[0])
    edge = (centre[0] + radius * math.cos(towards), centre[1] + radius * math.sin(towards))
    out["segmental_artery"] = (
        vessel(ARTERY, [branch_from, edge], name="segmental_artery").width(2.6).arrows().layer(3.7)
    )
    portal_in = local(_PORTAL_INLET)
    division = local(_PORTAL_DIVISION)
    out["portal_vein"] = (
        vessel(
            PORTAL,
            [(_PORTAL_X, _PORTAL_START_Y), (_PORTAL_X, portal_in[1]), division],
            name="portal_vein",
        )
        .width(6.0)
        .arrows(0.3)
        .branch(
            [division, (division[0] - 3.0, division[1] - 2.2), local(_RIGHT_PORTAL_END)],
            width_scale=0.55,
            arrows=(),
        )
        .branch(
            [division, (division[0] + 3.0, division[1] + 1.6), liver.anchor("left_portal_end")],
            width_scale=0.55,
            arrows=(),
        )
        .layer(2.4)
    )
    return out


# --- the magnified inset -------------------------------------------------------------------------
@dataclass
class Inset:
    """A framed, magnified view: ``local`` units map to drawing units at ``scale`` per unit.

    ``corner`` is the frame's lower-left corner and ``size`` its width and height in drawing
    units. Parts added with :meth:`add` are placed in local units (origin at the lower-left)
    and clipped to the frame.
    """

    corner: Point
    size: tuple[float, float]
    scale: float
    title: str
    group: Group = field(init=False)

    def __post_init__(self) -> None:
        self.group = Group("inset_view").at(self.corner).scale(self.scale)
        width, height = self.local_size
        self.group.clip((0.0, 0.0), (width, height))

    @property
    def local_size(self) -> tuple[float, float]:
        """The frame's width and height in local units."""
        return (self.size[0] / self.scale, self.size[1] / self.scale)

    def add(self, element: Element) -> Element:
        """Place ``element`` in the inset (local units)."""
        return self.group.add(element)

    def at(self, local: Point) -> Point:
        """A local point in drawing units."""
        x, y = self.group.to_world([local])[0]
        return (float(x), float(y))

    def frame(self) -> Shape:
        """The inset's frame (region 'inset')."""
        x, y = self.corner
        w, h = self.size
        return (
            Shape([(x, y), (x + w, y), (x + w, y + h), (x, y + h)], name="inset")
            .fill(None)
            .colour("#333333")
            .width(1.4)
            .layer(4.8)
        )


def add_inset(
    diagram: Diagram, inset: Inset, marker_at: Point, marker_size: float, *, letter: str = "left"
) -> None:
    """Draw the inset, its frame and title, and a box 'A' round what it magnifies.

    ``letter`` is the side of the box ('left' or 'right') its letter sits on, above it.
    """
    diagram.add(inset.group)
    diagram.add(inset.frame())
    x, y = inset.corner
    diagram.add(Label(inset.title, at=(x, y + inset.size[1] + 1.0), align="left", bold=True))
    half = marker_size / 2
    mx, my = marker_at
    box = [
        (mx - half, my - half),
        (mx + half, my - half),
        (mx + half, my + half),
        (mx - half, my + half),
    ]
    diagram.add(Shape(box, name="zoom").fill(None).colour("#333333").width(1.0).layer(4.6))
    if letter == "left":
        diagram.add(Label("A", at=(mx - half - 0.4, my + half), align="right", bold=True))
    else:
        diagram.add(Label("A", at=(mx + half + 0.4, my + half), align="left", bold=True))


def label_inset(
    diagram: Diagram, name: str, text: str, *, at: Point, target: Point | None, align: str
) -> None:
    """Label a part of an inset, on a white box so it reads over the picture."""
    diagram.label(name, text, at=at, target=target, align=align, background="#FFFFFF")


# --- dots: dense in the tumour, sparse in normal liver ----------------------------------------
def dense_and_sparse(
    scene: Scene, region: Points, *, dense: int, sparse: int
) -> tuple[Points, Points]:
    """Points packed in the tumour and scattered thinly in the rest of ``region``.

    What the hepatic artery carries lodges mostly in the tumour, which takes most of its blood
    from that artery; the normal liver takes most of its blood from the portal vein.
    """
    tumour = scene.tumour_outline()
    centre = np.asarray(scene.tumour.anchor("centre"))
    # Keep clear of the tumour's edge line, so the two groups read apart.
    core = centre + (tumour - centre) * 0.86
    return spread_points(core, dense), spread_points(region, sparse, avoid=tumour)


def point_inside(region: Points, *, avoid: Points, towards: tuple[float, float]) -> Point:
    """A point of ``region`` outside ``avoid``, as far as it goes in the direction ``towards``."""
    candidates = spread_points(region, 40, avoid=avoid)
    x, y = candidates[int(np.argmax(candidates @ np.asarray(towards)))]
    return (float(x), float(y))


# --- labels, legend and alt text -----------------------------------------------------------------
def label_all(
    diagram: Diagram,
    callouts: Sequence[Callout],
    *,
    left_span: tuple[float, float],
    right_span: tuple[float, float],
) -> None:
    """Label the body view from its two columns (left first, each read top to bottom), spread
    within each column's span so that no two labels overlap."""
    for side, column, span in (
        ("left", LEFT_COLUMN, left_span),
        ("right", RIGHT_COLUMN, right_span),
    ):
        place_callouts(
            diagram,
            [c for c in callouts if c.side == side],
            columns={side: column},
            rows={},
            span=span,
        )


PORTAL_TEXT = "Portal vein\n(~{share} of the liver's\nblood, from the gut)"


def route_callouts(scene: Scene, *, portal_text: str = PORTAL_TEXT) -> list[Callout]:
    """Labels for the parts every figure shares: organs, the route's arteries, portal vein.

    ``portal_text`` is the portal vein's label, with ``{share}`` for its share of the liver's
    blood (from the facts).
    """
    share = facts.PORTAL_VEIN_FLOW_FRACTION
    tumour_share = facts.METASTASIS_ARTERIAL_SUPPLY_FRACTION
    out = [
        Callout("lungs", "Lungs", scene.lungs.anchor("label"), "left"),
        Callout("liver", "Liver", _point(scene.liver.to_world([(47.0, 19.0)])[0]), "right"),
        Callout(
            "metastasis",
            f"Metastasis (~{tumour_share.text}\nof its blood from the\nhepatic artery)",
            scene.tumour.anchor("label"),
            "left",
        ),
        Callout(
            "portal_vein",
            portal_text.format(share=share.text),
            tuple(scene.path("portal_vein")[0] + (0.0, 4.0)),
            "left",
        ),
        Callout("heart", "Heart", scene.heart.anchor("label"), "right"),
        Callout("aorta", "Aorta", (_AORTA_X + 0.9, 25.0), "right"),
        Callout(
            "coeliac_trunk", "Coeliac trunk", _along(scene.path("coeliac_trunk"), 0.4), "right"
        ),
        Callout(
            "common_hepatic_artery",
            "Common hepatic artery",
            _along(scene.path("common_hepatic_artery"), 0.5),
            "right",
        ),
        Callout(
            "proper_hepatic_artery",
            "Proper hepatic artery",
            _along(scene.path("proper_hepatic_artery"), 0.45),
            "right",
        ),
        Callout(
            "left_hepatic_artery",
            "Left hepatic artery",
            _along(scene.path("left_hepatic_artery"), 0.75),
            "right",
        ),
        Callout(
            "right_hepatic_artery",
            "Right hepatic artery",
            _along(scene.path("right_hepatic_artery"), 0.7),
            "left",
        ),
    ]
    return out


def access_callout(access: str, catheter: Catheter) -> Callout:
    """The label of the artery the catheter goes in by, pointing at the puncture."""
    return Callout(
        "access_artery",
        f"{access.capitalize()} artery\n(catheter goes in here)",
        catheter.anchor("start"),
        "right",
    )


def route_sentence(access: str, onwards: str) -> str:
    """The catheter's way in words, from the access artery to the hepatic artery and
    ``onwards`` (how the sentence ends)."""
    where = "in the groin" if access == "femoral" else "at the wrist"
    return (
        f"A catheter enters the {access} artery ({where}), runs through the aorta, the coeliac "
        f"trunk, the common and the proper hepatic artery, and {onwards}."
    )


def legend(diagram: Diagram, entries: Sequence[LegendEntry], *, at: Point, title: str) -> None:
    """The legend: artery and portal vein as in the blood-supply figure, then ``entries``."""
    if diagram.numbered:
        return  # the legend would give the answers away
    # The blood-supply figure's entries; the portal vein's said shorter, to fit beside the body.
    portal = LegendEntry(
        f"{PORTAL.style}: {PORTAL.name}, blood from the gut", PORTAL.colour, PORTAL.style
    )
    rows = [ARTERY.legend_entry(), portal, *entries]
    diagram.add(Legend(rows, title=title).at(at))


def numbered_alt_text(diagram: Diagram, inset: str, notes: Sequence[str] = ()) -> str:
    """The figure in words for a label-the-diagram question: no structure is named."""
    overview = (
        f"Schematic of a liver-directed treatment, front view of the body, with {inset}; "
        f"numbers 1 to {len(diagram.numbering)} mark the structures to identify."
    )
    return " ".join([overview, *notes])


def number_of(diagram: Diagram, region: str) -> int:
    """The number that marks ``region`` in numbered mode."""
    return next(number for number, name in diagram.numbering.items() if name == region)


def finish(diagram: Diagram, alt_text: str, title: str | None) -> Diagram:
    """Set the alt text, said after the title when there is one."""
    diagram.alt_text = f"{title.rstrip('.')}. {alt_text}" if title else alt_text
    return diagram


def new_diagram(theme: Theme, title: str | None, numbered: bool) -> Diagram:
    """An empty figure of the shared size."""
    # SVG text as <text>: the widgets redraw these on every move, and glyph outlines would
    # double the time to write one.
    return Diagram(size=FIGURE_SIZE, theme=theme, title=title, numbered=numbered, svg_text="text")
