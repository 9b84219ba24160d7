"""Schematic organs around the liver: the heart, the intestines and the lungs."""

from __future__ import annotations

import numpy as np

from livermets_edu.draw import Group, Shape, Vessel

__all__ = ["Heart", "Intestines", "Lungs"]


def _heart_outline(width: float = 12.0, tilt_degrees: float = -18.0) -> np.ndarray:
    """The classic heart curve, softened and tilted so the apex points down to the right."""
    t = np.linspace(0.0, 2 * np.pi, 72, endpoint=False)
    x = 16 * np.sin(t) ** 3
    y = 13 * np.cos(t) - 4 * np.cos(2 * t) - 1.5 * np.cos(3 * t) - 0.5 * np.cos(4 * t)
    points = np.column_stack([x, y - 2.0]) * (width / 32.0)
    angle = np.radians(tilt_degrees)
    rotation = np.array([[np.cos(angle), np.sin(angle)], [-np.sin(angle), np.cos(angle)]])
    return points @ rotation


class Heart(Shape):
    """A heart. Anchors: right_atrium (blood in from the veins), aortic_root (blood out)."""

    def __init__(self, *, fill: str) -> None:
        super().__init__(_heart_outline(), name="heart")
        self.fill(fill).width(2.0)
        self.local_anchors.update(
            {
                "centre": (0.0, 0.0),
                "right_atrium": (-5.3, 2.2),
                "aortic_root": (0.6, 2.0),
                "label": (5.6, 0.8),
            }
        )


class Intestines(Group):
    """The bowel as a rounded frame with looped small intestine inside.

    Anchors: venous_outlet (top: where the gut's veins leave, forming the portal vein),
    bile_inlet (top right: where bile arrives), centre, label.
    """

    def __init__(self, *, fill: str, loop_colour: str) -> None:
        super().__init__("intestines")
        width, height = 24.0, 10.0
        frame = [
            (0.0, 1.5),
            (0.5, 8.5),
            (3.0, 10.0),
            (12.0, 9.5),
            (21.0, 10.0),
            (23.5, 8.5),
            (24.0, 1.5),
            (21.0, 0.0),
            (12.0, 0.5),
            (3.0, 0.0),
        ]
        self.frame = self.add(Shape(frame, smooth=True, name="intestines").fill(fill).width(2.0))
        # The small intestine: a meander across the inside, schematic only.
        x = np.linspace(3.5, width - 3.5, 160)
        y = height / 2 + 2.3 * np.sin((x - 3.5) / (width - 7.0) * 5 * np.pi)
        loop = Vessel(np.column_stack([x, y]), corner_radius=0.0).colour(loop_colour)
        self.add(loop.width(1.4).arrows().layer(1.2))
        self.local_anchors.update(
            {
                "centre": (width / 2, height / 2),
                "venous_outlet": (10.0, 9.6),
                "bile_inlet": (17.0, 9.8),
                "label": (1.0, 3.0),
            }
        )


# Local units: the right lung (viewer's left) from its apex down to its base on the diaphragm.
_RIGHT_LUNG = [
    (-4.5, 10.6),
    (-2.2, 9.6),
    (-1.2, 5.0),
    (-1.8, 0.6),
    (-5.5, 0.0),
    (-10.0, -0.4),
    (-12.8, 1.0),
    (-12.6, 6.0),
    (-9.5, 10.2),
]


class Lungs(Group):
    """Both lungs seen from the front, with a gap between them for the heart and great vessels.

    Local origin on the midline at the level of the lung bases. Both lungs are drawn as region
    'lungs' (the right lung, on the viewer's left, first). Anchors: right_base, left_base,
    right_centre, centre, label.
    """

    def __init__(self, *, fill: str, gap: float = 3.0) -> None:
        super().__init__("lungs_parts")
        right = np.asarray(_RIGHT_LUNG) - (gap / 2, 0.0)
        left = right * np.array([-1.0, 1.0])
        self.right = self.add(Shape(right, smooth=True, name="lungs").fill(fill).width(1.2))
        self.left = self.add(Shape(left[::-1], smooth=True, name="lungs").fill(fill).width(1.2))
        self.local_anchors.update(
            {
                "centre": (0.0, 5.0),
                "right_base": (-6.5 - gap / 2, 1.2),
                "left_base": (6.5 + gap / 2, 1.2),
                "right_centre": (-7.0 - gap / 2, 5.0),
                "label": (-11.0 - gap / 2, 7.5),
            }
        )
