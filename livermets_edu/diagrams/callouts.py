"""Labels placed in columns and rows beside a figure, spread so that none overlap.

Shared by the lesson figures: each figure says what to label, where the leader points and
which side of the figure the label goes on; :func:`place_callouts` finds the places.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from livermets_edu.draw import Point
from livermets_edu.draw.diagram import Diagram

__all__ = ["Callout", "place_callouts", "spread"]


def spread(
    wanted: Sequence[float], heights: Sequence[float], low: float, high: float
) -> list[float]:
    """Label positions near ``wanted`` along one line, each at least its height from the next."""
    order = sorted(range(len(wanted)), key=lambda i: wanted[i])
    places = [min(max(wanted[i], low), high) for i in order]
    sizes = [heights[i] for i in order]
    for k in range(1, len(places)):
        places[k] = max(places[k], places[k - 1] + (sizes[k] + sizes[k - 1]) / 2)
    if places and places[-1] > high:
        places[-1] = high
        for k in range(len(places) - 2, -1, -1):
            places[k] = min(places[k], places[k + 1] - (sizes[k] + sizes[k + 1]) / 2)
    out = [0.0] * len(wanted)
    for k, i in enumerate(order):
        out[i] = places[k]
    return out


@dataclass(frozen=True)
class Callout:
    """A label to place: region, text, leader target, and the side of the figure it goes on.

    ``side`` is the 'left' or 'right' column or the 'top' row; ``wanted`` is where along it the
    label would like to sit (default: level with its target).
    """

    name: str
    text: str
    target: Point
    side: str
    wanted: float | None = None


def place_callouts(
    diagram: Diagram,
    callouts: Sequence[Callout],
    *,
    columns: Mapping[str, float],
    rows: Mapping[str, float],
    span: tuple[float, float],
    row_span: tuple[float, float] = (0.0, 100.0),
) -> None:
    """Label each callout in its row (y given) or column (x given), spread to avoid overlaps.

    Labels are made in reading order (the top row left to right, then each column top to
    bottom), so numbered labels count the way the eye reads them.
    """
    line = diagram.context.units(diagram.theme.font_size * 1.35)
    char = diagram.context.units(diagram.theme.font_size * 0.62)
    placed: list[tuple[Callout, Point, str]] = []
    for side, y in rows.items():
        group = [c for c in callouts if c.side == side]
        widths = [char * max(map(len, c.text.split("\n"))) + line for c in group]
        if diagram.numbered:
            widths = [line * 2.0] * len(group)
        wanted = [c.target[0] if c.wanted is None else c.wanted for c in group]
        xs = spread(wanted, widths, *row_span)
        placed += sorted(
            ((c, (x, y), "above") for c, x in zip(group, xs, strict=True)),
            key=lambda item: item[1][0],
        )
    for side, x in columns.items():
        group = [c for c in callouts if c.side == side]
        heights = [line * (c.text.count("\n") + 1.35) for c in group]
        if diagram.numbered:
            heights = [line * 1.7] * len(group)
        wanted = [c.target[1] if c.wanted is None else c.wanted for c in group]
        ys = spread(wanted, heights, *span)
        align = "right" if side == "left" else "left"
        placed += sorted(
            ((c, (x, y), align) for c, y in zip(group, ys, strict=True)),
            key=lambda item: -item[1][1],
        )
    for callout, at, align in placed:
        diagram.label(callout.name, callout.text, at=at, target=callout.target, align=align)
