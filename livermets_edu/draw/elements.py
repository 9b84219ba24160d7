"""Elements: shapes drawn in their own local coordinates, with named anchors.

Build an element, place it with chainable setters, then add it to a :class:`Diagram`::

    blob = Shape([(0, 0), (4, 0), (4, 3), (0, 3)], smooth=True).at((10, 20)).fill("#E69F00")
    pipe = Vessel([blob.anchor("centre"), (30, 20)]).flow(0.75).dashed().named("pipe")

Elements know nothing about medicine and nothing about matplotlib: they describe
themselves as primitives (see :mod:`livermets_edu.draw.primitives`) for the renderer.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike

from livermets_edu.draw.geometry import (
    Placement,
    Point,
    Points,
    as_points,
    path_length,
    point_along,
    rounded_path,
    smooth_closed,
)
from livermets_edu.draw.primitives import (
    LINE_STYLES,
    Area,
    Mark,
    Primitive,
    RenderContext,
    Stroke,
    Words,
)

__all__ = ["Element", "Group", "Shape", "Vessel", "Label", "LegendEntry", "Legend"]

E = TypeVar("E", bound="Element")
V = TypeVar("V", bound="Vessel")


class Element:
    """Something drawable with a name, a placement, a style and named anchors."""

    default_layer = 2.0

    def __init__(self, name: str | None = None) -> None:
        self.name = name
        self.placement = Placement()
        self.parent: Element | None = None
        self.local_anchors: dict[str, Point] = {}
        self._edge: str | None = None
        self._fill: str | None = None
        self._width: float | None = None
        self._style = "solid"
        self._alpha = 1.0
        self._hatch: str | None = None
        self._layer: float | None = None
        self._emphasised = False
        self._label: dict[str, object] | None = None

    # --- placement (chainable) -------------------------------------------------------------
    def at(self: E, xy: Point) -> E:
        """Move the element's local origin to ``xy`` in drawing units."""
        self.placement.offset = (float(xy[0]), float(xy[1]))
        return self

    def scale(self: E, factor: float) -> E:
        """Grow or shrink the element about its local origin."""
        if factor <= 0:
            raise ValueError(f"scale must be positive, got {factor:g}")
        self.placement.scale = float(factor)
        return self

    def rotate(self: E, degrees: float) -> E:
        """Turn the element counter-clockwise about its local origin."""
        self.placement.rotation = float(degrees)
        return self

    def named(self: E, name: str) -> E:
        """Give the element the region name the diagram files it under."""
        self.name = name
        return self

    # --- style (chainable) -----------------------------------------------------------------
    def colour(self: E, colour: str) -> E:
        """Line or edge colour."""
        self._edge = colour
        return self

    def fill(self: E, colour: str | None) -> E:
        """Fill colour of a closed shape (None for no fill)."""
        self._fill = colour
        return self

    def width(self: E, points: float) -> E:
        """Line width in points."""
        if points <= 0:
            raise ValueError(f"line width must be positive, got {points:g}")
        self._width = float(points)
        return self

    def style(self: E, name: str) -> E:
        """Line style: 'solid', 'dashed', 'dotted' or 'dashdot'."""
        if name not in LINE_STYLES:
            raise ValueError(f"unknown line style {name!r}; choose from {', '.join(LINE_STYLES)}")
        self._style = name
        return self

    def dashed(self: E) -> E:
        """Draw with dashes."""
        return self.style("dashed")

    def dotted(self: E) -> E:
        """Draw with dots."""
        return self.style("dotted")

    def opacity(self: E, alpha: float) -> E:
        """0 (invisible) to 1 (opaque)."""
        if not 0.0 <= alpha <= 1.0:
            raise ValueError(f"opacity must be between 0 and 1, got {alpha:g}")
        self._alpha = float(alpha)
        return self

    def hatch(self: E, pattern: str | None) -> E:
        """A hatch pattern for the fill, e.g. '//' or '..'."""
        self._hatch = pattern
        return self

    def layer(self: E, zorder: float) -> E:
        """Drawing order: higher layers are drawn on top."""
        self._layer = float(zorder)
        return self

    def emphasise(self: E, on: bool = True) -> E:
        """Draw a highlight halo behind the element."""
        self._emphasised = bool(on)
        return self

    def label(
        self: E,
        text: str,
        *,
        at: Point,
        target: str | Point | None = None,
        align: str = "left",
    ) -> E:
        """Label the element with ``text`` at ``at``, with a leader line to ``target``.

        ``target`` is an anchor name or a point; by default the 'label' anchor, else 'centre'.
        """
        self._label = {"text": text, "at": at, "target": target, "align": align}
        return self

    # --- reading back ------------------------------------------------------------------------
    @property
    def emphasised(self) -> bool:
        """True when the element is highlighted."""
        return self._emphasised

    @property
    def line_style(self) -> str:
        """The line style name: 'solid', 'dashed', 'dotted' or 'dashdot'."""
        return self._style

    @property
    def zorder(self) -> float:
        """The drawing layer in use."""
        return self.default_layer if self._layer is None else self._layer

    @property
    def pending_label(self) -> dict[str, object] | None:
        """The label asked for with :meth:`label`, for the diagram to draw."""
        return self._label

    def to_world(self, points: ArrayLike) -> Points:
        """Local points in drawing units, through this element's and its parents' placement."""
        world = self.placement.apply(points)
        return self.parent.to_world(world) if self.parent is not None else world

    def anchor(self, name: str) -> Point:
        """The named anchor in drawing units."""
        try:
            local = self.local_anchors[name]
        except KeyError:
            known = ", ".join(sorted(self.local_anchors)) or "none"
            kind = type(self).__name__
            raise KeyError(f"{kind} has no anchor {name!r}; it has {known}") from None
        x, y = self.to_world([local])[0]
        return (float(x), float(y))

    @property
    def anchors(self) -> dict[str, Point]:
        """Every anchor by name, in drawing units."""
        return {name: self.anchor(name) for name in self.local_anchors}

    def label_target(self, target: str | Point | None) -> Point:
        """Where a label's leader line should end."""
        if target is None:
            target = "label" if "label" in self.local_anchors else "centre"
        if isinstance(target, str):
            return self.anchor(target)
        return (float(target[0]), float(target[1]))

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        """What to draw, in drawing units."""
        return []


class Group(Element):
    """Several named elements placed together; moving the group moves them all."""

    def __init__(self, name: str | None = None) -> None:
        super().__init__(name)
        self.children: list[Element] = []

    def add(self, child: E) -> E:
        """Make ``child`` part of the group; its placement becomes relative to the group."""
        child.parent = self
        self.children.append(child)
        return child

    def part(self, name: str) -> Element:
        """The child called ``name``."""
        for child in self.children:
            if child.name == name:
                return child
        raise KeyError(f"no part {name!r}; parts are {[c.name for c in self.children]}")


class Shape(Element):
    """A closed outline from local points; ``smooth`` runs a curve through them."""

    default_layer = 1.0

    def __init__(self, points: ArrayLike, *, smooth: bool = False, name: str | None = None) -> None:
        super().__init__(name)
        corners = as_points(points)
        self.outline: Points = smooth_closed(corners) if smooth else corners
        centre = self.outline.mean(axis=0)
        self.local_anchors["centre"] = (float(centre[0]), float(centre[1]))

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        theme = ctx.theme
        points = self.to_world(self.outline)
        edge = self._edge or theme.outline_colour
        width = self._width or theme.outline_width
        z = self.zorder
        if not self._emphasised:
            return [Area(points, self._fill, edge, width, self._style, self._alpha, self._hatch, z)]
        return [
            Area(points, self._fill, None, width, self._style, self._alpha, self._hatch, z),
            Area(
                points,
                None,
                theme.highlight_colour,
                width + theme.highlight_extra_width,
                "solid",
                1.0,
                None,
                z + 0.01,
                role="highlight",
            ),
            Area(
                points,
                None,
                edge,
                width * 1.6,
                self._style,
                self._alpha,
                None,
                z + 0.02,
                role="edge",
            ),
        ]


class Vessel(Element):
    """A tube along a path: width from its flow, arrows showing the direction of flow.

    The path runs from upstream to downstream. Corners are rounded for a schematic look.
    """

    default_layer = 3.0

    def __init__(
        self,
        points: ArrayLike,
        *,
        corner_radius: float = 2.5,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.route: Points = rounded_path(as_points(points), corner_radius)
        self._flow: float | None = None
        self._arrow_fractions: tuple[float, ...] = (0.55,)
        self._branches: list[tuple[Points, float, tuple[float, ...]]] = []
        self._occluded_at: float | None = None
        self._faded = False
        self._bridge = False
        self._update_anchors()

    def _update_anchors(self) -> None:
        start, end = self.route[0], self.route[-1]
        self.local_anchors["start"] = (float(start[0]), float(start[1]))
        self.local_anchors["end"] = (float(end[0]), float(end[1]))
        self.local_anchors["middle"] = point_along(self.route, 0.5)[0]
        self.local_anchors["centre"] = self.local_anchors["middle"]

    # --- chainable -----------------------------------------------------------------------------
    def flow(self: V, share: float) -> V:
        """The share of flow (0..1) this vessel carries; sets its line width."""
        share = float(share)
        if not 0.0 <= share <= 1.0:
            raise ValueError(f"flow must be a share between 0 and 1, got {share:g}")
        self._flow = share
        return self

    def arrows(self: V, *fractions: float) -> V:
        """Put flow arrows this far along the path (0 = start, 1 = end); none for no arrows."""
        self._arrow_fractions = tuple(float(f) for f in fractions)
        return self

    def branch(
        self: V, points: ArrayLike, *, width_scale: float = 0.6, arrows: Sequence[float] = (0.6,)
    ) -> V:
        """Add a side branch, upstream to downstream, drawn thinner in the same style."""
        self._branches.append(
            (rounded_path(as_points(points), 2.0), float(width_scale), tuple(arrows))
        )
        return self

    def occlude(self: V, at: float = 0.5) -> V:
        """Clamp the vessel: a ✕ at ``at`` along the path, faded, no flow arrows."""
        self._occluded_at = float(at)
        return self

    def fade(self: V) -> V:
        """Draw faded, without arrows (for a vessel downstream of a clamp)."""
        self._faded = True
        return self

    def bridge(self: V) -> V:
        """Draw a white edge so the vessel visibly passes over lines it crosses."""
        self._bridge = True
        return self

    # --- reading back ------------------------------------------------------------------------
    @property
    def occluded(self) -> bool:
        """True when the vessel is clamped."""
        return self._occluded_at is not None

    @property
    def faded(self) -> bool:
        """True when drawn faded (clamped, or downstream of a clamp)."""
        return self._faded or self.occluded

    @property
    def share(self) -> float | None:
        """The flow share it was given, if any."""
        return self._flow

    def line_width(self, ctx: RenderContext) -> float:
        """Width in points: set explicitly, else from the flow, else the thinnest vessel."""
        if self._width is not None:
            return self._width
        if self._flow is not None:
            return ctx.theme.width_for_flow(self._flow)
        return ctx.theme.vessel_min_width

    def point_at(self, fraction: float) -> Point:
        """The point ``fraction`` (0..1) of the way along the vessel, in drawing units."""
        local, _ = point_along(self.route, fraction)
        x, y = self.to_world([local])[0]
        return (float(x), float(y))

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        theme = ctx.theme
        colour = self._edge or theme.outline_colour
        width = self.line_width(ctx)
        alpha = theme.faded_alpha if self.faded else self._alpha
        z = self.zorder
        paths = [(self.to_world(self.route), 1.0, self._arrow_fractions)]
        paths += [(self.to_world(p), s, a) for p, s, a in self._branches]
        out: list[Primitive] = []
        for index, (path, scale, arrow_at) in enumerate(paths):
            role = "main" if index == 0 else "branch"
            line_width = max(width * scale, theme.vessel_min_width * 0.75)
            if self._emphasised:
                out.append(
                    Stroke(
                        path,
                        theme.highlight_colour,
                        line_width + theme.highlight_extra_width,
                        "solid",
                        1.0,
                        z - 0.2,
                        role="highlight",
                    )
                )
            if self._bridge and not self.faded:
                out.append(
                    Stroke(path, "#FFFFFF", line_width + 5.0, "solid", 1.0, z - 0.1, role="bridge")
                )
            out.append(Stroke(path, colour, line_width, self._style, alpha, z, role=role))
            if not self.faded:
                out.extend(_arrowhead(path, f, line_width, colour, z + 0.05, ctx) for f in arrow_at)
        if self._occluded_at is not None:
            where, _ = point_along(paths[0][0], self._occluded_at)
            out.append(Mark(where, "clamp", 20.0, theme.text_colour, "#FFFFFF", z + 3, "clamp"))
        return out


def _arrowhead(
    path: Points, fraction: float, width: float, colour: str, zorder: float, ctx: RenderContext
) -> Area:
    """A filled triangle on the path pointing downstream, sized to the line."""
    tip_at = min(fraction + 0.5 * ctx.units(max(2.2 * width, 9.0)) / path_length(path), 1.0)
    (x, y), (dx, dy) = point_along(path, tip_at)
    length = ctx.units(max(2.2 * width, 9.0))
    half = ctx.units(max(1.25 * width, 5.0))
    base_x, base_y = x - dx * length, y - dy * length
    points = np.array(
        [(x, y), (base_x - dy * half, base_y + dx * half), (base_x + dy * half, base_y - dx * half)]
    )
    return Area(points, colour, "#FFFFFF", 0.8, "solid", 1.0, None, zorder, role="arrow")


class Label(Element):
    """Text outside a shape, joined to it by a thin leader line.

    ``align`` says where the text sits relative to ``at``: 'left' (text runs to the right of
    it), 'right', 'above' or 'below'. In numbered mode the text is a number in a circle.
    """

    default_layer = 5.0

    def __init__(
        self,
        text: str,
        *,
        at: Point,
        target: Point | None = None,
        align: str = "left",
        bold: bool = False,
        circled: bool = False,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        if align not in ("left", "right", "above", "below"):
            raise ValueError(f"align must be left, right, above or below, got {align!r}")
        self.text = text
        self.position = (float(at[0]), float(at[1]))
        self.target = None if target is None else (float(target[0]), float(target[1]))
        self.align = align
        self.bold = bold
        self.circled = circled
        self.local_anchors["centre"] = self.position

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        theme = ctx.theme
        ha, va = {
            "left": ("left", "center"),
            "right": ("right", "center"),
            "above": ("center", "bottom"),
            "below": ("center", "top"),
        }[self.align]
        x, y = self.position
        out: list[Primitive] = []
        if self.circled:
            # The circle's edge, not its centre, sits where the leader meets the text.
            radius = ctx.units(theme.font_size * 0.95)
            dx, dy = {"left": (1, 0), "right": (-1, 0), "above": (0, 1), "below": (0, -1)}[
                self.align
            ]
            x, y = x + dx * radius, y + dy * radius
            ha, va = "center", "center"
        out.append(
            Words(
                (x, y),
                self.text,
                theme.font_size,
                theme.text_colour,
                ha,
                va,
                self.bold,
                self.circled,
                self.zorder,
                role="text",
            )
        )
        if self.target is not None:
            start = np.asarray(self.position)
            end = np.asarray(self.target)
            gap = ctx.units(2.5)
            direction = end - start
            distance = float(np.hypot(*direction))
            if distance > 2 * gap:
                start = start + direction / distance * gap
                out.append(
                    Stroke(
                        np.vstack([start, end]),
                        theme.leader_colour,
                        theme.leader_width,
                        "solid",
                        1.0,
                        self.zorder - 0.5,
                        role="leader",
                    )
                )
                out.append(
                    Mark(
                        self.target,
                        "dot",
                        4.0,
                        theme.leader_colour,
                        theme.leader_colour,
                        self.zorder - 0.5,
                        role="leader_dot",
                    )
                )
        return out


@dataclass(frozen=True)
class LegendEntry:
    """One row of a legend: a line sample and what it means."""

    text: str
    colour: str
    style: str = "solid"
    width: float = 4.0


class Legend(Element):
    """Line samples with their meaning, in rows (and columns); the top-left is at the origin."""

    default_layer = 5.0

    def __init__(
        self,
        entries: Iterable[LegendEntry],
        *,
        title: str | None = None,
        columns: int = 1,
        column_width: float = 40.0,
    ) -> None:
        super().__init__("legend")
        if columns < 1:
            raise ValueError("a legend needs at least one column")
        self.entries = list(entries)
        self.title = title
        self.columns = columns
        self.column_width = column_width

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        theme = ctx.theme
        size = theme.small_font_size
        row = ctx.units(size * 1.8)
        sample = ctx.units(34.0)
        gap = ctx.units(7.0)
        x0, top = self.to_world([(0.0, 0.0)])[0]
        out: list[Primitive] = []

        def words(at: Point, text: str, role: str) -> Words:
            return Words(at, text, size, theme.text_colour, zorder=self.zorder, role=role)

        if self.title:
            out.append(words((x0, top), self.title, "legend_title"))
            top -= row
        rows = -(-len(self.entries) // self.columns)
        for index, entry in enumerate(self.entries):
            x = x0 + (index // rows) * self.column_width
            y = top - (index % rows) * row
            line = np.array([(x, y), (x + sample, y)])
            out.append(
                Stroke(
                    line,
                    entry.colour,
                    entry.width,
                    entry.style,
                    1.0,
                    self.zorder,
                    role="legend_line",
                )
            )
            out.append(words((x + sample + gap, y), entry.text, "legend_text"))
        return out
