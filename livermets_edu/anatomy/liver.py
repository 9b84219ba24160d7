"""A schematic liver seen from the front: the right lobe on the viewer's left, the smaller
left lobe tapering to the viewer's right, the hilum (porta hepatis) on the underside."""

from __future__ import annotations

import math

from livermets_edu.draw import Group, Point, Shape
from livermets_edu.draw.geometry import Points, clip_polygon, nearest_index, smooth_closed

__all__ = ["Liver"]

# Local units, origin at the bottom-left corner; about 56 wide and 25 tall. Clockwise from the
# right lobe's lateral edge, over the dome, to the left lobe's tip and back along the underside.
_OUTLINE = [
    (0.5, 12.0),
    (3.0, 19.5),
    (10.0, 24.0),
    (21.0, 25.3),
    (31.0, 24.2),
    (36.0, 23.6),
    (45.0, 22.4),
    (52.5, 19.8),
    (56.0, 17.2),
    (51.0, 14.6),
    (42.0, 11.6),
    (35.0, 9.2),
    (27.0, 4.2),
    (15.0, 0.6),
    (5.5, 3.0),
]
# Where the line between the lobes (along the falciform ligament) meets the outline.
_DIVIDE_TOP = (34.0, 24.0)
_DIVIDE_BOTTOM = (36.5, 9.6)

_ANCHORS = {
    "centre": (26.0, 13.0),
    "hilum": (33.0, 8.0),
    "portal_inlet": (30.5, 6.8),
    "artery_inlet": (36.5, 10.0),
    "bile_outlet": (33.4, 8.6),
    "portal_division": (31.0, 11.0),
    "dome": (21.0, 25.3),
    "vein_outlet": (10.0, 23.0),
    "left_vein_start": (39.0, 17.0),
    "vein_bend": (20.0, 21.0),
    "right_vein_start": (4.5, 12.0),
    "right_vein_bend": (9.0, 19.5),
    "right_portal_end": (7.0, 7.0),
    "left_portal_end": (47.0, 16.5),
    "left_artery_end": (48.5, 13.5),
    "left_tip": (56.0, 17.2),
    "lateral_edge": (0.5, 12.0),
    "right_lobe_centre": (16.0, 13.5),
    "left_lobe_centre": (46.0, 17.0),
    "tumour_site": (15.0, 12.5),
    "label": (42.0, 22.8),
}


class Liver(Group):
    """Liver outline (region 'liver') with its right and left lobes ('right_lobe', 'left_lobe').

    Anchors: hilum, portal_inlet, artery_inlet, bile_outlet, portal_division, dome,
    vein_outlet, left_tip, lateral_edge, right_lobe_centre, left_lobe_centre, tumour_site,
    and where the drawn intrahepatic vessels start or end (left_vein_start, vein_bend,
    right_vein_start, right_vein_bend, right_portal_end, left_portal_end, left_artery_end).
    """

    def __init__(self, *, fill: str, left_lobe_fill: str | None = None) -> None:
        super().__init__("liver")
        outline = smooth_closed(_OUTLINE, samples_per_segment=10)
        top = nearest_index(outline, _DIVIDE_TOP)
        bottom = nearest_index(outline, _DIVIDE_BOTTOM)
        right = list(outline[bottom:]) + list(outline[: top + 1])
        left = outline[top : bottom + 1]
        self.right_lobe = self.add(Shape(right, name="right_lobe").fill(fill).width(0.9))
        self.left_lobe = self.add(
            Shape(left, name="left_lobe").fill(left_lobe_fill or fill).width(0.9)
        )
        # The outline is drawn last, on top of the lobes, with no fill of its own.
        self.outline = self.add(Shape(outline, name="liver").fill(None).layer(1.5).width(2.0))
        self.local_anchors.update(_ANCHORS)

    def whole_outline(self) -> Points:
        """The outline of the whole liver in drawing units."""
        return self.outline.to_world(self.outline.outline)

    def lobe_outline(self, lobe: str) -> Points:
        """The outline of 'right_lobe' or 'left_lobe' in drawing units."""
        shapes = {"right_lobe": self.right_lobe, "left_lobe": self.left_lobe}
        if lobe not in shapes:
            raise ValueError(f"lobe must be 'right_lobe' or 'left_lobe'; got {lobe!r}")
        shape = shapes[lobe]
        return shape.to_world(shape.outline)

    def segment_outline(
        self, towards: Point, *, lobe: str = "right_lobe", spread_degrees: float = 44.0
    ) -> Points:
        """A schematic segment in drawing units: the wedge of ``lobe`` round ``towards``,
        ``spread_degrees`` wide as seen from the hilum, as if fed by one segmental branch."""
        if not 0 < spread_degrees < 180:
            raise ValueError(f"spread_degrees must be between 0 and 180, got {spread_degrees!r}")
        hub = self.anchor("hilum")
        aim = math.atan2(towards[1] - hub[1], towards[0] - hub[0])
        reach = 4 * 56.0 * self.placement.scale  # past any edge of the liver
        half = math.radians(spread_degrees) / 2
        wedge = [hub] + [
            (hub[0] + reach * math.cos(aim + a), hub[1] + reach * math.sin(aim + a))
            for a in (-half, 0.0, half)
        ]
        return clip_polygon(self.lobe_outline(lobe), wedge)
