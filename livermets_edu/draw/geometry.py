"""Plane geometry for schematic shapes: smooth outlines, rounded paths, points along a path,
circles, tick values, and contour lines of a gridded field.

Everything works on arrays of (x, y) points in drawing units, with numpy only, except
:func:`contour_lines`, which asks contourpy (matplotlib's own contouring engine, installed with
it) when it is first called.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "Point",
    "Points",
    "as_points",
    "smooth_closed",
    "rounded_path",
    "path_length",
    "point_along",
    "distance_along",
    "path_between",
    "Placement",
    "nearest_index",
    "circle",
    "inside",
    "clip_polygon",
    "spread_points",
    "nice_ticks",
    "contour_lines",
]

Point = tuple[float, float]
Points = NDArray[np.float64]


def as_points(points: ArrayLike) -> Points:
    """Points as a float array of shape (n, 2); raises ValueError for any other shape."""
    array = np.asarray(points, dtype=float)
    if array.ndim != 2 or array.shape[1] != 2:
        raise ValueError(f"expected (x, y) points, got an array of shape {array.shape}")
    return array


def smooth_closed(points: ArrayLike, samples_per_segment: int = 12) -> Points:
    """A smooth closed curve through ``points`` (centripetal Catmull–Rom, no loops or cusps)."""
    control = as_points(points)
    n = len(control)
    if n < 3:
        raise ValueError("a closed curve needs at least 3 points")
    p0 = np.roll(control, 1, axis=0)
    p1 = control
    p2 = np.roll(control, -1, axis=0)
    p3 = np.roll(control, -2, axis=0)
    return _catmull_rom(p0, p1, p2, p3, samples_per_segment).reshape(-1, 2)


def _catmull_rom(
    p0: Points, p1: Points, p2: Points, p3: Points, samples: int
) -> NDArray[np.float64]:
    """Centripetal Catmull–Rom segments p1→p2, all at once; shape (segments, samples, 2)."""

    def knot(a: Points, b: Points) -> NDArray[np.float64]:
        return np.maximum(np.linalg.norm(b - a, axis=1), 1e-9) ** 0.5

    t0 = np.zeros(len(p1))
    t1 = t0 + knot(p0, p1)
    t2 = t1 + knot(p1, p2)
    t3 = t2 + knot(p2, p3)
    t = t1[:, None] + (t2 - t1)[:, None] * np.linspace(0.0, 1.0, samples, endpoint=False)
    # Barry–Goldman pyramid: three linear blends, then two, then one.
    a1 = _blend(p0, p1, t, t0, t1)
    a2 = _blend(p1, p2, t, t1, t2)
    a3 = _blend(p2, p3, t, t2, t3)
    b1 = _blend(a1, a2, t, t0, t2)
    b2 = _blend(a2, a3, t, t1, t3)
    return _blend(b1, b2, t, t1, t2)


def _blend(
    a: NDArray[np.float64], b: NDArray[np.float64], t: NDArray, ta: NDArray, tb: NDArray
) -> NDArray[np.float64]:
    if a.ndim == 2:
        a = a[:, None, :]
    if b.ndim == 2:
        b = b[:, None, :]
    span = (tb - ta)[:, None]
    wa = ((tb[:, None] - t) / span)[..., None]
    wb = ((t - ta[:, None]) / span)[..., None]
    return wa * a + wb * b


def rounded_path(points: ArrayLike, radius: float, samples_per_corner: int = 8) -> Points:
    """An open polyline whose corners are rounded off with arcs of about ``radius``."""
    corners = as_points(points)
    if len(corners) < 3 or radius <= 0:
        return corners.copy()
    out: list[NDArray[np.float64]] = [corners[:1]]
    for before, corner, after in zip(corners[:-2], corners[1:-1], corners[2:], strict=True):
        into, out_of = corner - before, after - corner
        len_in, len_out = float(np.hypot(*into)), float(np.hypot(*out_of))
        if len_in == 0 or len_out == 0:
            continue
        cut = min(radius, len_in / 2, len_out / 2)
        start = corner - into / len_in * cut
        end = corner + out_of / len_out * cut
        u = np.linspace(0.0, 1.0, samples_per_corner)[:, None]
        # A quadratic Bézier with the corner as control point: tangent to both segments.
        out.append((1 - u) ** 2 * start + 2 * (1 - u) * u * corner + u**2 * end)
    out.append(corners[-1:])
    return np.vstack(out)


def path_length(points: ArrayLike) -> float:
    """Total length of an open polyline."""
    path = as_points(points)
    return float(np.hypot(*np.diff(path, axis=0).T).sum())


def point_along(points: ArrayLike, fraction: float) -> tuple[Point, Point]:
    """The point a ``fraction`` (0..1) of the way along a polyline, and the unit direction there."""
    path = as_points(points)
    steps = np.diff(path, axis=0)
    lengths = np.hypot(*steps.T)
    total = float(lengths.sum())
    if total == 0:
        raise ValueError("a path of zero length has no direction")
    target = min(max(fraction, 0.0), 1.0) * total
    cumulative = np.concatenate([[0.0], np.cumsum(lengths)])
    index = int(np.clip(np.searchsorted(cumulative, target, side="right") - 1, 0, len(steps) - 1))
    while lengths[index] == 0:  # skip repeated points
        index = index + 1 if index + 1 < len(steps) else index - 1
    direction = steps[index] / lengths[index]
    where = path[index] + direction * (target - cumulative[index])
    return (float(where[0]), float(where[1])), (float(direction[0]), float(direction[1]))


def distance_along(points: ArrayLike, target: Sequence[float]) -> float:
    """How far along an open polyline (from its start) its point nearest ``target`` lies."""
    path = as_points(points)
    starts, steps = path[:-1], np.diff(path, axis=0)
    lengths = np.hypot(*steps.T)
    with np.errstate(divide="ignore", invalid="ignore"):
        share = np.einsum("ij,ij->i", np.asarray(target) - starts, steps) / lengths**2
    share = np.clip(np.nan_to_num(share), 0.0, 1.0)
    nearest = starts + steps * share[:, None]
    index = int(np.argmin(np.hypot(*(nearest - np.asarray(target)).T)))
    return float(lengths[:index].sum() + share[index] * lengths[index])


def path_between(points: ArrayLike, start: Sequence[float], end: Sequence[float]) -> Points:
    """The stretch of an open polyline between its points nearest ``start`` and ``end``.

    It runs from ``start`` to ``end``: backwards along the polyline when ``end`` comes first.
    """
    path = as_points(points)
    lengths = np.hypot(*np.diff(path, axis=0).T)
    cumulative = np.concatenate([[0.0], np.cumsum(lengths)])
    total = float(cumulative[-1])
    if total == 0:
        raise ValueError("a path of zero length has no stretches")
    first, last = distance_along(path, start), distance_along(path, end)
    low, high = sorted((first, last))
    inner = path[(cumulative > low) & (cumulative < high)]
    ends = [point_along(path, d / total)[0] for d in (low, high)]
    stretch = np.vstack([ends[0], inner, ends[1]]) if len(inner) else np.asarray(ends)
    return stretch if first <= last else stretch[::-1]


class Placement:
    """Where a local shape goes: scale, then rotate (degrees), then move to ``offset``."""

    __slots__ = ("offset", "scale", "rotation")

    def __init__(self, offset: Point = (0.0, 0.0), scale: float = 1.0, rotation: float = 0.0):
        self.offset = (float(offset[0]), float(offset[1]))
        self.scale = float(scale)
        self.rotation = float(rotation)

    def apply(self, points: ArrayLike) -> Points:
        """Local points in drawing units."""
        local = as_points(points)
        theta = math.radians(self.rotation)
        cos, sin = math.cos(theta), math.sin(theta)
        rotation = np.array([[cos, sin], [-sin, cos]])  # row vectors: p @ R
        return local * self.scale @ rotation + np.asarray(self.offset)


def nearest_index(points: ArrayLike, target: Sequence[float]) -> int:
    """Index of the point closest to ``target``."""
    path = as_points(points)
    return int(np.argmin(np.hypot(path[:, 0] - target[0], path[:, 1] - target[1])))


def circle(radius: float, centre: Sequence[float] = (0.0, 0.0), samples: int = 96) -> Points:
    """Points around a circle, counter-clockwise from +x (the first point is not repeated)."""
    if radius <= 0 or not math.isfinite(radius):
        raise ValueError(f"a circle needs a positive radius, got {radius!r}")
    angle = np.linspace(0.0, 2 * math.pi, samples, endpoint=False)
    return np.column_stack([centre[0] + radius * np.cos(angle), centre[1] + radius * np.sin(angle)])


def inside(polygon: ArrayLike, points: ArrayLike) -> NDArray[np.bool_]:
    """True for each point inside the closed ``polygon`` (even–odd rule; edges count either way)."""
    ring = as_points(polygon)
    query = as_points(points)
    x, y = query[:, 0][:, None], query[:, 1][:, None]
    x0, y0 = ring[:, 0][None, :], ring[:, 1][None, :]
    x1, y1 = np.roll(ring[:, 0], -1)[None, :], np.roll(ring[:, 1], -1)[None, :]
    straddles = (y0 > y) != (y1 > y)
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing_x = x0 + (y - y0) * (x1 - x0) / (y1 - y0)
    crossings = straddles & (x < crossing_x)
    return np.asarray(crossings.sum(axis=1) % 2 == 1)


def clip_polygon(subject: ArrayLike, window: ArrayLike) -> Points:
    """The part of the closed ``subject`` polygon inside the convex ``window`` polygon.

    Sutherland–Hodgman clipping: ``subject`` may be concave; ``window`` must be convex, its
    corners in either turning order. Returns an empty (0, 2) array when nothing is left.
    """
    polygon = as_points(subject)
    corners = as_points(window)
    if len(corners) < 3:
        raise ValueError("a clipping window needs at least 3 corners")
    following = np.roll(corners, -1, axis=0)
    turn = float(np.sum(corners[:, 0] * following[:, 1] - following[:, 0] * corners[:, 1]))
    sign = 1.0 if turn >= 0 else -1.0
    for corner, edge in zip(corners, following - corners, strict=True):
        if len(polygon) == 0:
            break
        # Positive on the window's side of this edge.
        offset = polygon - corner
        side = sign * (edge[0] * offset[:, 1] - edge[1] * offset[:, 0])
        kept: list[NDArray[np.float64]] = []
        previous, previous_side = polygon[-1], side[-1]
        for point, point_side in zip(polygon, side, strict=True):
            if (point_side >= 0) != (previous_side >= 0):
                share = previous_side / (previous_side - point_side)
                kept.append(previous + (point - previous) * share)
            if point_side >= 0:
                kept.append(point)
            previous, previous_side = point, point_side
        polygon = np.asarray(kept, dtype=float).reshape(-1, 2)
    return polygon


def spread_points(polygon: ArrayLike, count: int, *, avoid: ArrayLike | None = None) -> Points:
    """``count`` points spread evenly over the inside of ``polygon``, none inside ``avoid``.

    Deterministic (a low-discrepancy sequence over the polygon's bounding box), so a figure
    drawn twice looks the same. Fewer points come back when the polygon is too small.
    """
    ring = as_points(polygon)
    if count <= 0:
        return np.zeros((0, 2))
    low, high = ring.min(axis=0), ring.max(axis=0)
    # The R2 sequence (additive recurrence with the plastic number) fills a box evenly.
    plastic = 1.324717957244746
    steps = np.array([1 / plastic, 1 / plastic**2])
    trial = max(count * 8, 64)
    unit = (0.5 + np.arange(1, trial + 1)[:, None] * steps) % 1.0
    candidates = low + unit * (high - low)
    keep = inside(ring, candidates)
    if avoid is not None:
        keep &= ~inside(avoid, candidates)
    return candidates[keep][:count]


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """About ``count`` round tick values (steps of 1, 2 or 5 × 10ⁿ) from ``low`` to ``high``."""
    if not (math.isfinite(low) and math.isfinite(high)) or high <= low:
        raise ValueError(f"ticks need finite low < high, got {low!r} and {high!r}")
    rough = (high - low) / max(count, 1)
    power = 10.0 ** math.floor(math.log10(rough))
    step = next(m * power for m in (1.0, 2.0, 5.0, 10.0) if m * power >= rough)
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    # Rounding keeps 0.30000000000000004 from reaching a tick label.
    return [round(i * step, 10) + 0.0 for i in range(first, last + 1)]


def contour_lines(x: ArrayLike, y: ArrayLike, values: ArrayLike, level: float) -> list[Points]:
    """The lines where gridded ``values`` (shape (len(y), len(x))) cross ``level``.

    ``x`` and ``y`` are the grid's coordinates; each line is an (n, 2) array, closed loops
    ending where they start. NaN values count as missing.
    """
    import contourpy  # matplotlib's contouring engine; loaded only for diagrams that need it

    grid_x = np.asarray(x, dtype=float)
    grid_y = np.asarray(y, dtype=float)
    field = np.ma.masked_invalid(np.asarray(values, dtype=float))
    if field.shape != (grid_y.size, grid_x.size):
        raise ValueError(
            f"values must have shape (len(y), len(x)) = {(grid_y.size, grid_x.size)}, "
            f"got {field.shape}"
        )
    generator = contourpy.contour_generator(grid_x, grid_y, field, line_type="Separate")
    return [np.asarray(line, dtype=float) for line in generator.lines(float(level))]
