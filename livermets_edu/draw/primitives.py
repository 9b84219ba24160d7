"""What elements hand to the renderer: strokes, areas, marks, words and rasters in drawing units.

Plain records with no matplotlib in them, so elements stay testable without a figure.
The ``role`` says what a primitive is for ('main', 'arrow', 'clamp', 'leader', ...): the
diagram files artists by element name and role, which is how tests find them.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from livermets_edu.draw.geometry import Point, Points
from livermets_edu.draw.theme import Theme

__all__ = [
    "LINE_STYLES",
    "Stroke",
    "Area",
    "Mark",
    "Symbols",
    "Words",
    "Raster",
    "Primitive",
    "RenderContext",
]

# Dash patterns in multiples of the line width (matplotlib scales dashes by width), so a thick
# vessel and a thin branch of the same kind read alike. A tiny "on" with round caps makes dots.
LINE_STYLES: dict[str, tuple[float, tuple[float, ...]] | str] = {
    "solid": "solid",
    "dashed": (0.0, (3.0, 1.6)),
    "dotted": (0.0, (0.01, 1.9)),
    "dashdot": (0.0, (3.0, 1.4, 0.01, 1.4)),
}


@dataclass
class Stroke:
    """An open line through ``points``; ``end_dot`` (points across) puts a dot on its end."""

    points: Points
    colour: str
    width: float
    style: str = "solid"
    alpha: float = 1.0
    zorder: float = 2.0
    role: str = "main"
    end_dot: float = 0.0


@dataclass
class Area:
    """A closed outline, filled and/or edged."""

    points: Points
    fill: str | None
    edge: str | None
    width: float
    style: str = "solid"
    alpha: float = 1.0
    hatch: str | None = None
    zorder: float = 1.0
    role: str = "main"


@dataclass
class Mark:
    """A symbol at one point: 'clamp' (a bold ✕) or 'dot'."""

    at: Point
    symbol: str
    size: float
    colour: str
    edge: str = "#FFFFFF"
    zorder: float = 6.0
    role: str = "mark"


@dataclass
class Symbols:
    """Many small symbols of one size drawn as one artist: ``symbol`` 'dot' (circle),
    'square' or 'diamond', ``size`` points across."""

    points: Points
    size: float
    colour: str
    edge: str | None = None
    symbol: str = "dot"
    edge_width: float = 0.5
    zorder: float = 3.0
    role: str = "main"


@dataclass
class Words:
    """Text at a point; ``circled`` draws it inside a circle (for numbered labels).

    ``background`` puts the text on a rounded box of that colour, to keep it readable over
    an image.
    """

    at: Point
    text: str
    size: float
    colour: str
    ha: str = "left"
    va: str = "center"
    bold: bool = False
    circled: bool = False
    zorder: float = 5.0
    role: str = "text"
    background: str | None = None


@dataclass
class Raster:
    """A grid of values shown as colours, filling the rectangle ``extent`` (x0, x1, y0, y1).

    Row 0 of ``values`` is at y0 (the bottom). Colours come from the named matplotlib
    colormap, from ``low`` to ``high``; ``smooth`` blends between cells instead of showing blocks.
    """

    values: NDArray[np.float64]
    extent: tuple[float, float, float, float]
    colormap: str
    low: float
    high: float
    smooth: bool = True
    zorder: float = 0.5
    role: str = "main"


Primitive = Stroke | Area | Mark | Symbols | Words | Raster


@dataclass(frozen=True)
class RenderContext:
    """What an element needs to size itself: the theme and how many units one point is."""

    theme: Theme
    units_per_point: float

    def units(self, points: float) -> float:
        """A length in points (1/72 inch) as drawing units."""
        return points * self.units_per_point
