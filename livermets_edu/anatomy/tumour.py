"""A liver metastasis: a slightly lobulated nodule whose drawn size grows with its diameter."""

from __future__ import annotations

import math

import numpy as np

from livermets_edu.draw import Shape

__all__ = ["Metastasis", "schematic_radius"]

# Schematic scale, not anatomy: the drawn radius grows steadily with the diameter up to the
# largest size the widget offers, and never shrinks below a visible dot.
_SMALLEST_RADIUS = 0.7
_LARGEST_RADIUS = 7.0
_LARGEST_DIAMETER_MM = 60.0


def schematic_radius(diameter_mm: float) -> float:
    """Drawn radius (drawing units) for a metastasis of ``diameter_mm``; grows with it."""
    if not math.isfinite(diameter_mm) or diameter_mm <= 0:
        raise ValueError(f"tumour diameter must be a positive number of mm, got {diameter_mm!r}")
    share = min(diameter_mm, _LARGEST_DIAMETER_MM) / _LARGEST_DIAMETER_MM
    return _SMALLEST_RADIUS + (_LARGEST_RADIUS - _SMALLEST_RADIUS) * share


class Metastasis(Shape):
    """A metastasis centred on its local origin. Anchors: centre, feed (lower right), label."""

    def __init__(self, diameter_mm: float, *, fill: str, edge: str) -> None:
        radius = schematic_radius(diameter_mm)
        angle = np.linspace(0.0, 2 * math.pi, 60, endpoint=False)
        bumps = 1.0 + 0.06 * np.sin(5 * angle + 0.4) + 0.03 * np.cos(3 * angle)
        outline = np.column_stack([radius * bumps * np.cos(angle), radius * bumps * np.sin(angle)])
        super().__init__(outline, name="metastasis")
        self.radius = radius
        self.fill(fill).colour(edge).width(1.6).hatch("...").layer(3.5)
        feed = math.radians(-35)
        self.local_anchors.update(
            {
                "centre": (0.0, 0.0),
                "feed": (radius * math.cos(feed), radius * math.sin(feed)),
                "label": (-radius * 0.7, radius * 0.7),
            }
        )
