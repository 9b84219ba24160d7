"""The look shared by every diagram: Okabe–Ito colours, font sizes and line weights.

Pure data (no matplotlib), so widgets and quiz views can use the same colours without
loading a plotting library.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

__all__ = ["OKABE_ITO", "Theme", "DEFAULT_THEME", "tint"]

# Okabe & Ito (2008), "Color Universal Design". matplotlib >= 3.10 ships the same eight colours
# as the ``okabe_ito`` colour sequence; we spell them out so older matplotlib works too.
OKABE_ITO: Mapping[str, str] = MappingProxyType(
    {
        "black": "#000000",
        "orange": "#E69F00",
        "sky_blue": "#56B4E9",
        "bluish_green": "#009E73",
        "yellow": "#F0E442",
        "blue": "#0072B2",
        "vermillion": "#D55E00",
        "reddish_purple": "#CC79A7",
    }
)


def tint(colour: str, amount: float) -> str:
    """A lighter version of a hex colour: ``amount`` 0 gives the colour, 1 gives white."""
    if not 0.0 <= amount <= 1.0:
        raise ValueError(f"tint amount must be between 0 and 1, got {amount:g}")
    text = colour.lstrip("#")
    if len(text) != 6:
        raise ValueError(f"expected a colour like '#D55E00', got {colour!r}")
    channels = [int(text[i : i + 2], 16) for i in (0, 2, 4)]
    mixed = [round(c + (255 - c) * amount) for c in channels]
    return "#" + "".join(f"{c:02X}" for c in mixed)


@dataclass(frozen=True)
class Theme:
    """Colours, font sizes (points) and line weights (points) for a diagram."""

    palette: Mapping[str, str] = field(default_factory=lambda: OKABE_ITO)
    font_size: float = 11.0
    small_font_size: float = 10.0
    title_font_size: float = 13.0
    text_colour: str = "#000000"
    outline_colour: str = "#333333"
    outline_width: float = 1.5
    leader_colour: str = "#555555"
    leader_width: float = 0.9
    vessel_min_width: float = 2.0
    vessel_max_width: float = 10.0
    trunk_width: float = 12.0
    faded_alpha: float = 0.4
    highlight_colour: str = OKABE_ITO["yellow"]
    highlight_extra_width: float = 8.0
    figure_size: tuple[float, float] = (9.0, 6.0)
    dpi: float = 100.0

    def __post_init__(self) -> None:
        sizes = {
            "font_size": self.font_size,
            "small_font_size": self.small_font_size,
            "title_font_size": self.title_font_size,
        }
        too_small = ", ".join(f"{name}={size:g}" for name, size in sizes.items() if size < 10)
        if too_small:
            raise ValueError(f"text must be at least 10 pt to stay readable; got {too_small}")
        if not 0 < self.vessel_min_width <= self.vessel_max_width:
            raise ValueError("vessel widths need 0 < min <= max")

    def colour(self, name: str) -> str:
        """The palette colour called ``name`` (e.g. 'vermillion')."""
        try:
            return self.palette[name]
        except KeyError:
            known = ", ".join(self.palette)
            raise KeyError(f"no colour {name!r}; the palette has {known}") from None

    def width_for_flow(self, flow: float) -> float:
        """Line width in points for a vessel carrying ``flow`` (0..1 of the total)."""
        share = min(max(float(flow), 0.0), 1.0)
        return self.vessel_min_width + (self.vessel_max_width - self.vessel_min_width) * share


DEFAULT_THEME = Theme()
