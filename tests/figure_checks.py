"""Checks on a drawn figure's text that several diagram tests share."""

from __future__ import annotations

import itertools


def overlapping_texts(diagram) -> list[tuple[str, str]]:
    """Pairs of texts whose boxes overlap on the page."""
    renderer = diagram.figure._get_renderer()
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in diagram.texts]
    return [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if box_a.overlaps(box_b)
    ]


def texts_outside_figure(diagram) -> list[str]:
    """Texts that reach past the edge of the figure."""
    renderer = diagram.figure._get_renderer()
    page = diagram.figure.bbox
    return [
        t.get_text()
        for t in diagram.texts
        if not (
            page.x0 <= (box := t.get_window_extent(renderer)).x0
            and box.x1 <= page.x1
            and page.y0 <= box.y0
            and box.y1 <= page.y1
        )
    ]
