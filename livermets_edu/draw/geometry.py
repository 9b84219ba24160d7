"""Plane geometry for schematic shapes: smooth outlines, rounded paths, points along a path.

Everything works on arrays of (x, y) points in drawing units, with numpy only.
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
    "Placement",
    "nearest_index",
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
