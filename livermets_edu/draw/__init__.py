"""The drawing language: a theme, shapes with anchors, vessels, dots, labels and the Diagram.

It knows nothing about medicine (that lives in :mod:`livermets_edu.anatomy`). Importing this
package does not load matplotlib; :class:`Diagram` loads it on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from livermets_edu.draw.elements import (
    ColourBar,
    Dots,
    Element,
    Field,
    Frame,
    Group,
    Label,
    Legend,
    LegendEntry,
    Shape,
    Vessel,
)
from livermets_edu.draw.geometry import Point
from livermets_edu.draw.theme import DEFAULT_THEME, OKABE_ITO, Theme, tint

if TYPE_CHECKING:  # pragma: no cover
    from livermets_edu.draw.diagram import Diagram

__all__ = [
    "DEFAULT_THEME",
    "OKABE_ITO",
    "ColourBar",
    "Diagram",
    "Dots",
    "Element",
    "Field",
    "Frame",
    "Group",
    "Label",
    "Legend",
    "LegendEntry",
    "Point",
    "Shape",
    "Theme",
    "Vessel",
    "tint",
]


def __getattr__(name: str) -> Any:
    if name == "Diagram":  # the one place that needs matplotlib, loaded when first asked for
        from livermets_edu.draw.diagram import Diagram

        return Diagram
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
