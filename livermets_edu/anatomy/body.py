"""A schematic body seen from the front, for figures that follow a catheter from the skin.

The patient faces the viewer, so the patient's right is on the viewer's left, as for
:class:`~livermets_edu.anatomy.liver.Liver`. The torso runs from the neck to the upper thighs;
the arms hang at the sides, palms forward (the anatomical position).
"""

from __future__ import annotations

import numpy as np

from livermets_edu.draw import Group, Shape
from livermets_edu.draw.geometry import Points, smooth_closed

__all__ = ["Body"]

# Local units, origin on the midline at the groin; x grows to the patient's left (the viewer's
# right). One side of the torso and leg, from the neck down; the other side is its mirror.
_TORSO_SIDE = [
    (3.2, 50.0),
    (3.6, 47.6),
    (9.5, 46.0),
    (14.2, 44.4),
    (15.4, 41.0),
    (15.0, 34.0),
    (13.8, 24.0),
    (15.6, 12.0),
    (15.4, 2.0),
    (14.6, -4.0),
]
_INNER_LEG = [(2.0, -4.0), (0.0, -1.2)]
# The patient's left arm (viewer's right), down the outer edge and back up the inner edge.
_ARM = [
    (15.6, 44.2),
    (18.4, 42.6),
    (19.9, 36.0),
    (20.3, 26.0),
    (20.2, 15.5),
    (20.8, 10.5),
    (19.6, 7.0),
    (17.6, 8.4),
    (17.3, 15.5),
    (17.0, 26.0),
    (16.2, 36.0),
    (15.0, 40.5),
]

_ANCHORS = {
    "centre": (0.0, 25.0),
    "groin": (0.0, 0.0),
    # Where the femoral artery is punctured: the patient's right groin, just below the crease.
    "femoral_puncture": (-6.2, -1.5),
    "right_leg_end": (-7.0, -4.0),
    "left_leg_end": (7.0, -4.0),
    # The radial artery at the patient's left wrist.
    "radial_puncture": (18.8, 12.0),
    "left_elbow": (18.6, 26.0),
    "left_armpit": (17.6, 37.5),
    "left_shoulder": (13.0, 43.0),
    # The lower abdominal wall on the patient's left, below the navel.
    "lower_abdomen": (7.5, 12.0),
    "neck": (0.0, 50.0),
    "label": (-12.0, 20.0),
}


def _mirror(points: Points) -> Points:
    return points * np.array([-1.0, 1.0])


class Body(Group):
    """The outline of the torso and thighs (region 'body') and both arms ('right_arm', 'left_arm').

    Anchors: groin, femoral_puncture, right_leg_end, left_leg_end, radial_puncture,
    left_elbow, left_armpit, left_shoulder, lower_abdomen, neck, centre, label.
    """

    def __init__(self, *, fill: str, edge: str) -> None:
        super().__init__("body_parts")
        side = np.asarray(_TORSO_SIDE + _INNER_LEG)
        # The patient's left half runs down, its mirror runs back up: one closed outline.
        outline = np.vstack([side, _mirror(side)[::-1]])
        torso = smooth_closed(outline, samples_per_segment=6)
        arm = smooth_closed(np.asarray(_ARM), samples_per_segment=6)
        for points, name in ((arm, "left_arm"), (_mirror(arm)[::-1], "right_arm")):
            self.add(Shape(points, name=name).fill(fill).colour(edge).width(1.0).layer(0.1))
        self.torso = self.add(
            Shape(torso, name="body").fill(fill).colour(edge).width(1.2).layer(0.15)
        )
        self.local_anchors.update(_ANCHORS)
