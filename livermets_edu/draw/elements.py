"""Elements: shapes drawn in their own local coordinates, with named anchors.

Build an element, place it with chainable setters, then add it to a :class:`Diagram`::

    blob = Shape([(0, 0), (4, 0), (4, 3), (0, 3)], smooth=True).at((10, 20)).fill("#E69F00")
    pipe = Vessel([blob.anchor("centre"), (30, 20)]).flow(0.75).dashed().named("pipe")

Elements know nothing about medicine and nothing about matplotlib: they describe
themselves as primitives (see :mod:`livermets_edu.draw.primitives`) for the renderer.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from numpy.typing import ArrayLike, NDArray

from livermets_edu.draw.geometry import (
    Placement,
    Point,
    Points,
    as_points,
    contour_lines,
    nice_ticks,
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
    Raster,
    RenderContext,
    Stroke,
    Symbols,
    Words,
)

__all__ = [
    "Element",
    "Group",
    "Shape",
    "Dots",
    "Vessel",
    "Label",
    "LegendEntry",
    "Legend",
    "Field",
    "ColourBar",
    "Frame",
]

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
        self._clip: tuple[Point, Point] | None = None

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

    def clip(self: E, corner: Point, opposite: Point) -> E:
        """Draw only inside the rectangle with these opposite corners (local units), parts too."""
        self._clip = (
            (float(corner[0]), float(corner[1])),
            (float(opposite[0]), float(opposite[1])),
        )
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

    @property
    def clip_rectangle(self) -> tuple[float, float, float, float] | None:
        """(x0, y0, x1, y1) in drawing units that the element is drawn inside, or None."""
        outer = self.parent.clip_rectangle if self.parent is not None else None
        if self._clip is None:
            return outer
        (ax, ay), (bx, by) = self._clip
        corners = self.to_world([(ax, ay), (bx, ay), (bx, by), (ax, by)])
        x0, y0 = corners.min(axis=0)
        x1, y1 = corners.max(axis=0)
        if outer is not None:
            x0, y0 = max(x0, outer[0]), max(y0, outer[1])
            x1, y1 = max(min(x1, outer[2]), x0), max(min(y1, outer[3]), y0)
        return (float(x0), float(y0), float(x1), float(y1))

    @property
    def rotation(self) -> float:
        """Total turn in degrees, this element's and its parents'."""
        return self.placement.rotation + (self.parent.rotation if self.parent else 0.0)

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


SYMBOLS = ("dot", "square", "diamond")


class Dots(Element):
    """Many small symbols at local points, cheap however many there are.

    ``sizes`` is one width in points for all, or one per point; symbols keep their size in
    points when the element is scaled. ``symbol`` is 'dot', 'square' or 'diamond'. Sizes are
    drawn to the nearest quarter point, one artist per size, the largest first.
    """

    default_layer = 3.2

    def __init__(
        self,
        points: ArrayLike,
        *,
        sizes: float | ArrayLike = 3.0,
        symbol: str = "dot",
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        if symbol not in SYMBOLS:
            raise ValueError(f"unknown symbol {symbol!r}; choose from {', '.join(SYMBOLS)}")
        array = np.asarray(points, dtype=float)
        self.points: Points = array.reshape(-1, 2) if array.size == 0 else as_points(array)
        widths = np.broadcast_to(np.asarray(sizes, dtype=float), (len(self.points),))
        if np.any(~np.isfinite(widths)) or np.any(widths <= 0):
            raise ValueError("symbol sizes must be positive numbers of points")
        self.sizes = widths.copy()
        self.symbol = symbol
        centre = self.points.mean(axis=0) if len(self.points) else np.zeros(2)
        self.local_anchors["centre"] = (float(centre[0]), float(centre[1]))

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        if len(self.points) == 0:
            return []
        fill = self._fill or self._edge or ctx.theme.outline_colour
        edge = self._edge if self._fill is not None else None
        width = 0.5 if self._width is None else self._width
        world = self.to_world(self.points)
        rounded = np.round(self.sizes * 4.0) / 4.0
        out: list[Primitive] = []
        for index, size in enumerate(sorted(set(rounded.tolist()), reverse=True)):
            out.append(
                Symbols(
                    world[rounded == size],
                    float(size),
                    fill,
                    edge,
                    self.symbol,
                    width,
                    self.zorder,
                    role="main" if index == 0 else "more",
                )
            )
        return out


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
    ``background`` puts the text on a rounded box of that colour, to read over a picture.
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
        background: str | None = None,
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
        self.background = background
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
                background=None if self.circled else self.background,
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
                # The dot where the leader meets its target is drawn with the line: one artist.
                out.append(
                    Stroke(
                        np.vstack([start, end]),
                        theme.leader_colour,
                        theme.leader_width,
                        "solid",
                        1.0,
                        self.zorder - 0.5,
                        role="leader",
                        end_dot=4.0,
                    )
                )
        return out


@dataclass(frozen=True)
class LegendEntry:
    """One row of a legend: a line sample (or, with ``symbol``, three symbols) and its meaning.

    ``symbol`` is one of :class:`Dots`' symbols, drawn ``width`` points across in ``colour``
    with an ``edge`` of that colour when one is given.
    """

    text: str
    colour: str
    style: str = "solid"
    width: float = 4.0
    symbol: str | None = None
    edge: str | None = None

    def __post_init__(self) -> None:
        if self.symbol is not None and self.symbol not in SYMBOLS:
            raise ValueError(f"unknown symbol {self.symbol!r}; choose from {', '.join(SYMBOLS)}")


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
            if entry.symbol is None:
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
            else:
                out.append(
                    Symbols(
                        np.column_stack([np.linspace(x, x + sample, 3), np.full(3, y)]),
                        entry.width,
                        entry.colour,
                        entry.edge,
                        entry.symbol,
                        0.6,
                        self.zorder,
                        role="legend_symbols",
                    )
                )
            out.append(words((x + sample + gap, y), entry.text, "legend_text"))
        return out


_ABOVE_DRAWING = 4.9  # contour labels: over the shapes drawn on a field, under diagram labels


def _number(value: float) -> str:
    """A tick value as text, with a true minus sign."""
    return f"{value:g}".replace("-", "\u2212")


def _axis_aligned(element: Element) -> None:
    if element.rotation % 360:
        raise ValueError(f"a {type(element).__name__} cannot be rotated; place it upright")


@dataclass(frozen=True)
class _ContourStyle:
    """How a field's contour lines and their labels look (see :meth:`Field.contours`)."""

    colours: tuple[str, ...] = ("#FFFFFF",)
    width: float = 1.2
    style: str = "solid"
    label_format: str | None = "{}"
    label_angles: tuple[float, ...] = ()
    halo: str | None = None


class Field(Element):
    """Values on a regular grid shown as colours, with contour lines where asked.

    ``x`` (nx) and ``y`` (ny) are the cell centres in local units, evenly spaced and increasing;
    ``values`` has shape (ny, nx) and may hold NaN for missing cells. Colours run through the
    named matplotlib colormap from ``limits`` (default: the data's range).
    """

    default_layer = 0.5

    def __init__(
        self,
        x: ArrayLike,
        y: ArrayLike,
        values: ArrayLike,
        *,
        colormap: str = "cividis",
        limits: tuple[float, float] | None = None,
        smooth: bool = True,
        name: str | None = None,
    ) -> None:
        super().__init__(name)
        self.x = _grid_axis(x, "x")
        self.y = _grid_axis(y, "y")
        self.values = np.asarray(values, dtype=float)
        if self.values.shape != (self.y.size, self.x.size):
            raise ValueError(
                f"values must have shape (len(y), len(x)) = {(self.y.size, self.x.size)}, "
                f"got {self.values.shape}"
            )
        if limits is None:
            finite = self.values[np.isfinite(self.values)]
            if finite.size == 0:
                raise ValueError("a field needs at least one finite value")
            low, high = float(finite.min()), float(finite.max())
            limits = (low, high) if high > low else (low - 1.0, low + 1.0)
        if not limits[0] < limits[1]:
            raise ValueError(f"colour limits need low < high, got {limits}")
        self.limits = (float(limits[0]), float(limits[1]))
        self.colormap = colormap
        self.smooth = smooth
        self.levels: tuple[float, ...] = ()
        self._contour = _ContourStyle()
        self.local_anchors["centre"] = (
            float((self.x[0] + self.x[-1]) / 2),
            float((self.y[0] + self.y[-1]) / 2),
        )

    def contours(
        self,
        levels: Iterable[float],
        *,
        colour: str | Sequence[str] = "#FFFFFF",
        width: float = 1.2,
        style: str = "solid",
        label_format: str | None = "{}",
        label_angles: Sequence[float] | None = None,
        halo: str | None = None,
    ) -> Field:
        """Draw lines where the values cross ``levels``, each labelled with ``label_format``.

        The format's ``{}`` receives the level as text, with a true minus sign (e.g. '{} °C');
        None draws no labels. A level's label sits where its line reaches furthest in the
        direction ``label_angles[i]`` (degrees, counter-clockwise from +x; default 90, then 30°
        more for each level), on a white box above the other parts. ``colour`` is one colour,
        or one per level; ``halo`` draws a wider line of that colour underneath, so the lines
        read on any colour.
        """
        if style not in LINE_STYLES:
            raise ValueError(f"unknown line style {style!r}; choose from {', '.join(LINE_STYLES)}")
        self.levels = tuple(float(level) for level in levels)
        colours = (colour,) if isinstance(colour, str) else tuple(colour)
        if len(colours) not in (1, len(self.levels)):
            raise ValueError("give one contour colour, or one per level")
        angles = tuple(label_angles or (90.0 + 30.0 * i for i in range(len(self.levels))))
        self._contour = _ContourStyle(colours, float(width), style, label_format, angles, halo)
        return self

    @property
    def extent(self) -> tuple[float, float, float, float]:
        """(x0, x1, y0, y1): the outer edges of the grid's cells, in local units."""
        dx = (self.x[-1] - self.x[0]) / (self.x.size - 1)
        dy = (self.y[-1] - self.y[0]) / (self.y.size - 1)
        return (
            float(self.x[0] - dx / 2),
            float(self.x[-1] + dx / 2),
            float(self.y[0] - dy / 2),
            float(self.y[-1] + dy / 2),
        )

    def contour_lines(self, level: float) -> list[Points]:
        """The lines where the values cross ``level``, in local units."""
        return contour_lines(self.x, self.y, self.values, level)

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        _axis_aligned(self)
        x0, x1, y0, y1 = self.extent
        (wx0, wy0), (wx1, wy1) = self.to_world([(x0, y0), (x1, y1)])
        low, high = self.limits
        out: list[Primitive] = [
            Raster(
                self.values,
                (float(wx0), float(wx1), float(wy0), float(wy1)),
                self.colormap,
                low,
                high,
                self.smooth,
                self.zorder,
            )
        ]
        if not self.levels:
            return out
        look = self._contour
        for index, level in enumerate(self.levels):
            lines = self.contour_lines(level)
            for line in lines:
                points = self.to_world(line)
                if look.halo is not None:
                    out.append(
                        Stroke(
                            points,
                            look.halo,
                            look.width + 2.5,
                            "solid",
                            1.0,
                            self.zorder + 0.05,
                            role="contour_halo",
                        )
                    )
                out.append(
                    Stroke(
                        points,
                        look.colours[index % len(look.colours)],
                        look.width,
                        look.style,
                        1.0,
                        self.zorder + 0.1,
                        role="contour",
                    )
                )
            if lines and look.label_format is not None and look.label_angles:
                theta = math.radians(look.label_angles[index % len(look.label_angles)])
                longest = max(lines, key=len)
                reach = longest @ np.array([math.cos(theta), math.sin(theta)])
                at = self.to_world(longest[int(np.argmax(reach))][None, :])[0]
                out.append(
                    Words(
                        (float(at[0]), float(at[1])),
                        look.label_format.format(_number(level)),
                        ctx.theme.small_font_size,
                        ctx.theme.text_colour,
                        "center",
                        "center",
                        zorder=_ABOVE_DRAWING,
                        role="contour_label",
                        background="#FFFFFF",
                    )
                )
        return out


def _grid_axis(values: ArrayLike, name: str) -> NDArray[np.float64]:
    axis = np.asarray(values, dtype=float)
    if axis.ndim != 1 or axis.size < 2:
        raise ValueError(f"{name} must be a 1-D array of at least 2 cell centres")
    steps = np.diff(axis)
    if not (np.all(np.isfinite(axis)) and steps[0] > 0 and np.allclose(steps, steps[0])):
        raise ValueError(f"{name} must be evenly spaced and increasing")
    return axis


class ColourBar(Element):
    """A colour scale: a colormap from ``low`` to ``high`` along a bar, with ticks and a title.

    Local units: the bar's lower-left corner is the origin; it runs ``length`` up (or to the
    right when ``horizontal``) and is ``thickness`` across. Tick labels sit to the right of a
    vertical bar and below a horizontal one; the title sits above the bar.
    """

    default_layer = 4.0

    def __init__(
        self,
        colormap: str,
        low: float,
        high: float,
        *,
        length: float,
        thickness: float,
        title: str = "",
        ticks: Sequence[float] | None = None,
        horizontal: bool = False,
        name: str | None = "colour_bar",
    ) -> None:
        super().__init__(name)
        if not (math.isfinite(low) and math.isfinite(high) and low < high):
            raise ValueError(f"a colour bar needs finite low < high, got {low!r} and {high!r}")
        if length <= 0 or thickness <= 0:
            raise ValueError("a colour bar needs a positive length and thickness")
        self.colormap = colormap
        self.low, self.high = float(low), float(high)
        self.length, self.thickness = float(length), float(thickness)
        self.title = title
        self.ticks = [
            t for t in (nice_ticks(low, high) if ticks is None else ticks) if low <= t <= high
        ]
        self.horizontal = horizontal
        size = (length, thickness) if horizontal else (thickness, length)
        self.local_anchors["centre"] = (size[0] / 2, size[1] / 2)

    def _along(self, value: float) -> float:
        return (value - self.low) / (self.high - self.low) * self.length

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        _axis_aligned(self)
        theme = ctx.theme
        ramp = np.linspace(self.low, self.high, 256)
        if self.horizontal:
            corners = [(0.0, 0.0), (self.length, self.thickness)]
            ramp = ramp[None, :]
        else:
            corners = [(0.0, 0.0), (self.thickness, self.length)]
            ramp = ramp[:, None]
        (x0, y0), (x1, y1) = self.to_world(corners)
        tick = ctx.units(4.0)
        gap = ctx.units(3.0)
        size = theme.small_font_size
        out: list[Primitive] = [
            Raster(ramp, (x0, x1, y0, y1), self.colormap, self.low, self.high, True, self.zorder),
            Area(
                np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)]),
                None,
                theme.outline_colour,
                0.8,
                zorder=self.zorder + 0.1,
                role="frame",
            ),
        ]
        marks: list[tuple[float, float]] = []
        for value in self.ticks:
            local = (self._along(value), 0.0) if self.horizontal else (0.0, self._along(value))
            ((x, y),) = self.to_world([local])
            if self.horizontal:
                marks += [(x, y0), (x, y0 - tick), (math.nan, math.nan)]
                at, ha, va = (x, y0 - tick - gap), "center", "top"
            else:
                marks += [(x1, y), (x1 + tick, y), (math.nan, math.nan)]
                at, ha, va = (x1 + tick + gap, y), "left", "center"
            out.append(
                Words(
                    at,
                    _number(value),
                    size,
                    theme.text_colour,
                    ha,
                    va,
                    zorder=self.zorder,
                    role="tick_label",
                )
            )
        if marks:
            out.append(
                Stroke(np.array(marks), theme.outline_colour, 0.8, zorder=self.zorder, role="tick")
            )
        if self.title:
            out.append(
                Words(
                    (x0, y1 + gap * 1.5),
                    self.title,
                    size,
                    theme.text_colour,
                    "left",
                    "bottom",
                    zorder=self.zorder,
                    role="title",
                )
            )
        return out


class Frame(Element):
    """Axes for a quantitative figure: a box over ``x_range`` × ``y_range`` (local units).

    Outward ticks with numbered labels run along the bottom and left edges; ``x_title`` sits
    under the bottom labels and ``y_title`` above the left edge. Ticks default to round
    values (see :func:`~livermets_edu.draw.geometry.nice_ticks`).
    """

    default_layer = 4.0

    def __init__(
        self,
        x_range: tuple[float, float],
        y_range: tuple[float, float],
        *,
        x_title: str = "",
        y_title: str = "",
        x_ticks: Sequence[float] | None = None,
        y_ticks: Sequence[float] | None = None,
        name: str | None = "frame",
    ) -> None:
        super().__init__(name)
        (ax, bx), (ay, by) = x_range, y_range
        if not (ax < bx and ay < by):
            raise ValueError(f"a frame needs increasing ranges, got {x_range} and {y_range}")
        self.x_range = (float(ax), float(bx))
        self.y_range = (float(ay), float(by))
        self.x_title, self.y_title = x_title, y_title
        self.x_ticks = list(nice_ticks(ax, bx) if x_ticks is None else x_ticks)
        self.y_ticks = list(nice_ticks(ay, by) if y_ticks is None else y_ticks)
        self.local_anchors["centre"] = ((ax + bx) / 2, (ay + by) / 2)

    def primitives(self, ctx: RenderContext) -> list[Primitive]:
        _axis_aligned(self)
        theme = ctx.theme
        (ax, bx), (ay, by) = self.x_range, self.y_range
        (x0, y0), (x1, y1) = self.to_world([(ax, ay), (bx, by)])
        tick, gap = ctx.units(4.0), ctx.units(3.0)
        size = theme.small_font_size
        out: list[Primitive] = [
            Area(
                np.array([(x0, y0), (x1, y0), (x1, y1), (x0, y1)]),
                None,
                theme.outline_colour,
                1.0,
                zorder=self.zorder,
            )
        ]
        marks: list[tuple[float, float]] = []

        def words(at: Point, text: str, ha: str, va: str, role: str) -> Words:
            return Words(at, text, size, theme.text_colour, ha, va, zorder=self.zorder, role=role)

        for value in self.x_ticks:
            ((x, _),) = self.to_world([(value, ay)])
            marks += [(x, y0), (x, y0 - tick), (math.nan, math.nan)]
            out.append(words((x, y0 - tick - gap), _number(value), "center", "top", "tick_label"))
        for value in self.y_ticks:
            ((_, y),) = self.to_world([(ax, value)])
            marks += [(x0, y), (x0 - tick, y), (math.nan, math.nan)]
            out.append(words((x0 - tick - gap, y), _number(value), "right", "center", "tick_label"))
        out.append(
            Stroke(np.array(marks), theme.outline_colour, 1.0, zorder=self.zorder, role="tick")
        )
        if self.x_title:
            below = y0 - tick - gap - ctx.units(size * 1.5)
            out.append(words(((x0 + x1) / 2, below), self.x_title, "center", "top", "x_title"))
        if self.y_title:
            above = y1 + ctx.units(size * 0.9)
            out.append(words((x0, above), self.y_title, "center", "bottom", "y_title"))
        return out
