"""Kinds of vessel and how each is drawn: colour and line style both carry the meaning.

Artery solid, portal vein dashed, veins dotted, bile duct dash-dot, so the figure still reads
in grey or for a colour-blind learner; every vessel is also labelled by name.
"""

from __future__ import annotations

from dataclasses import dataclass

from numpy.typing import ArrayLike

from livermets_edu.draw import OKABE_ITO, LegendEntry, Vessel

__all__ = ["VesselKind", "ARTERY", "PORTAL", "VEIN", "BILE", "vessel"]


@dataclass(frozen=True)
class VesselKind:
    """What a kind of vessel carries, and its colour and line style."""

    name: str
    carries: str
    colour: str
    style: str

    def legend_entry(self) -> LegendEntry:
        """A legend row: line sample, then 'style: kind, what it carries'."""
        return LegendEntry(
            f"{self.style.replace('dashdot', 'dash-dot')}: {self.name}, {self.carries}",
            self.colour,
            self.style,
        )


ARTERY = VesselKind("artery", "oxygen-rich blood", OKABE_ITO["vermillion"], "solid")
PORTAL = VesselKind("portal vein", "nutrient-rich blood from the gut", OKABE_ITO["blue"], "dashed")
VEIN = VesselKind("vein", "blood back to the heart", OKABE_ITO["reddish_purple"], "dotted")
BILE = VesselKind("bile duct", "bile to the gut", OKABE_ITO["bluish_green"], "dashdot")


def vessel(kind: VesselKind, points: ArrayLike, *, name: str | None = None) -> Vessel:
    """A vessel of ``kind`` along ``points`` (upstream first)."""
    return Vessel(points, name=name).colour(kind.colour).style(kind.style)
