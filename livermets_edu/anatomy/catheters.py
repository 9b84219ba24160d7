"""Devices of therapy through the hepatic artery: the catheter, Y-90 microspheres, embolic
particles, drug-eluting beads, and the implanted pump of hepatic arterial infusion.

Sizes come from :mod:`livermets_edu.facts` where a fact gives them (microsphere diameters);
everything else is schematic. Symbols keep their size in points, so no sphere, particle or
bead is drawn to scale; figures that claim a scale say so only for distances.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from livermets_edu import facts
from livermets_edu.draw import Dots, Group, Shape, Vessel
from livermets_edu.draw.geometry import circle
from livermets_edu.draw.primitives import Mark, Primitive, RenderContext, Stroke

__all__ = [
    "MICROSPHERE_DIAMETERS",
    "Catheter",
    "DrugElutingBeads",
    "EmbolicParticles",
    "InfusionPump",
    "Microspheres",
    "microsphere_diameters_um",
]

#: The fact giving each Y-90 microsphere device's diameter (value and low–high range, µm).
MICROSPHERE_DIAMETERS = {
    "glass": "MICROSPHERE_DIAMETER_GLASS",
    "resin": "MICROSPHERE_DIAMETER_RESIN",
}


class Catheter(Vessel):
    """A catheter along a path from where it enters the body to its tip, drawn dark and thin
    on a white casing, so it reads inside the artery it runs through.

    The path is used as given (no corners rounded): build it from the vessels it follows.
    Anchors: start, tip (the end), middle.
    """

    default_layer = 4.5

    def __init__(self, points: ArrayLike, *, colour: str, name: str | None = "catheter") -> None:
        super().__init__(points, corner_radius=0.0, name=name)
        self.colour(colour).width(1.5).arrows()
        self.local_anchors["tip"] = self.local_anchors["end"]

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        colour = self._edge or ctx.theme.outline_colour
        width = self.line_width(ctx)
        path = self.to_world(self.route)
        return [
            Stroke(path, "#FFFFFF", width + 1.6, "solid", 1.0, self.zorder - 0.1, role="casing"),
            Stroke(path, colour, width, self._style, self._alpha, self.zorder, role="main"),
            Mark(self.anchor("tip"), "dot", 6.5, colour, "#FFFFFF", self.zorder + 0.1, "tip"),
        ]


def microsphere_diameters_um(device: str, count: int) -> NDArray[np.float64]:
    """``count`` diameters (µm) across the device's sourced range: its smallest, middle and
    largest sizes in turn (three sizes are enough to show the spread, and draw cheaply)."""
    try:
        fact = facts.get(MICROSPHERE_DIAMETERS[device])
    except KeyError:
        known = ", ".join(repr(name) for name in MICROSPHERE_DIAMETERS)
        raise ValueError(f"device must be one of {known}; got {device!r}") from None
    low = fact.low if fact.low is not None else fact.value
    high = fact.high if fact.high is not None else fact.value
    share = (np.arange(count) % 3) / 2.0
    return low + (high - low) * share


class Microspheres(Dots):
    """Y-90 microspheres at local points, their drawn size following the device's diameters.

    ``points_per_um`` turns µm into points: symbols are enlarged to be seen, never to scale.
    Attributes: device, diameters_um.
    """

    default_layer = 3.6

    def __init__(
        self,
        points: ArrayLike,
        *,
        device: str,
        points_per_um: float,
        colour: str,
        edge: str,
        name: str | None = "microspheres",
    ) -> None:
        array = np.asarray(points, dtype=float).reshape(-1, 2)
        self.device = device
        self.diameters_um = microsphere_diameters_um(device, len(array))
        sizes = self.diameters_um * points_per_um if len(array) else 1.0
        super().__init__(array, sizes=sizes, symbol="dot", name=name)
        self.fill(colour).colour(edge).width(0.5)


class EmbolicParticles(Dots):
    """Embolic particles (small irregular grains, drawn as diamonds) at local points."""

    default_layer = 3.6

    def __init__(
        self, points: ArrayLike, *, colour: str, size: float = 3.4, name: str | None = "particles"
    ) -> None:
        super().__init__(points, sizes=size, symbol="diamond", name=name)
        self.fill(colour).colour("#FFFFFF").width(0.4)


class DrugElutingBeads(Dots):
    """Drug-eluting beads (round, loaded with drug) at local points."""

    default_layer = 3.6

    def __init__(
        self,
        points: ArrayLike,
        *,
        colour: str,
        edge: str,
        size: float = 6.0,
        name: str | None = "beads",
    ) -> None:
        super().__init__(points, sizes=size, symbol="dot", name=name)
        self.fill(colour).colour(edge).width(0.9)


class InfusionPump(Group):
    """The implanted pump of hepatic arterial infusion, a disc like a hockey puck.

    ``view`` 'front' shows its face (a disc with the central filling port); 'side' shows it
    edge-on (a flat rounded block), as in a cut through the abdominal wall. ``radius`` is in
    local units: schematic, no size is sourced. Parts: the pump, named ``name``. Anchors:
    centre, outlet (where the catheter leaves), top, label.
    """

    def __init__(
        self, *, radius: float, fill: str, edge: str, view: str = "front", name: str = "pump"
    ) -> None:
        super().__init__(f"{name}_device")
        if view not in ("front", "side"):
            raise ValueError(f"view must be 'front' or 'side'; got {view!r}")
        if not (math.isfinite(radius) and radius > 0):
            raise ValueError(f"a pump needs a positive radius, got {radius!r}")
        if view == "front":
            body = circle(radius, samples=72)
            self.add(Shape(body, name=name).fill(fill).colour(edge).width(1.4).layer(4.0))
            port = Shape(circle(radius * 0.3, samples=36)).fill("#FFFFFF").colour(edge)
            self.add(port.width(1.0).layer(4.1))
            outlet = (radius * math.cos(math.radians(60)), radius * math.sin(math.radians(60)))
            top = (0.0, radius)
        else:
            # A hockey puck is about three times as wide as it is thick.
            half_height = radius / 3
            corners = [
                (-radius, -half_height),
                (radius, -half_height),
                (radius, half_height),
                (-radius, half_height),
            ]
            body = _rounded_rectangle(corners, half_height * 0.6)
            self.add(Shape(body, name=name).fill(fill).colour(edge).width(1.4).layer(4.0))
            septum = [(-radius * 0.3, half_height), (radius * 0.3, half_height)]
            self.add(Vessel(septum, corner_radius=0.0).colour("#FFFFFF").width(2.5).arrows())
            outlet = (radius, -half_height * 0.3)
            top = (0.0, half_height)
        self.local_anchors.update(
            {"centre": (0.0, 0.0), "outlet": outlet, "top": top, "label": (-radius * 0.6, 0.0)}
        )


def _rounded_rectangle(corners: list[tuple[float, float]], radius: float) -> NDArray:
    """A closed outline through ``corners`` with each corner rounded by an arc of ``radius``."""
    out = []
    points = np.asarray(corners, dtype=float)
    for index, corner in enumerate(points):
        before = points[index - 1]
        after = points[(index + 1) % len(points)]
        into = (corner - before) / np.hypot(*(corner - before))
        out_of = (after - corner) / np.hypot(*(after - corner))
        start, end = corner - into * radius, corner + out_of * radius
        u = np.linspace(0.0, 1.0, 7)[:, None]
        out.append((1 - u) ** 2 * start + 2 * (1 - u) * u * corner + u**2 * end)
    return np.vstack(out)
