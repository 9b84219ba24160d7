"""Devices for image-guided ablation: the applicator (RF electrode, microwave antenna or
cryoprobe), an ultrasound probe with its fan-shaped beam, and a CT gantry.

Each device is a group of named parts with anchors, drawn in its own local units: the
applicator in millimetres (scale it to the figure's mm), the others in drawing units.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from livermets_edu import facts
from livermets_edu.draw import Group, Shape, Vessel
from livermets_edu.draw.geometry import Points, circle

__all__ = [
    "APPLICATORS",
    "ApplicatorKind",
    "Applicator",
    "UltrasoundProbe",
    "CTGantry",
]


@dataclass(frozen=True)
class ApplicatorKind:
    """One kind of ablation applicator: its modality, its name, and the fact giving its size."""

    modality: str
    name: str
    diameter_fact: str

    @property
    def diameter_mm(self) -> float:
        """Shaft diameter in mm, from :mod:`livermets_edu.facts`."""
        return facts.get(self.diameter_fact).value


#: Applicator kinds by modality. No microwave antenna size is sourced, so the antenna is given
#: the 17-gauge RF electrode's size, as in :mod:`livermets_edu.models.ablation`.
APPLICATORS: dict[str, ApplicatorKind] = {
    kind.modality: kind
    for kind in (
        ApplicatorKind("rfa", "RF electrode", "RF_ELECTRODE_DIAMETER"),
        ApplicatorKind("microwave", "microwave antenna", "RF_ELECTRODE_DIAMETER"),
        ApplicatorKind("cryo", "cryoprobe", "CRYOPROBE_DIAMETER"),
    )
}

# Schematic handle, in mm: big enough to hold, not to scale with any product.
_HANDLE_LENGTH_MM = 22.0
_HANDLE_WIDTH_MM = 6.0


class Applicator(Group):
    """A needle-like applicator in mm, its tip at the local origin and its shaft along −x.

    Parts: 'applicator' (the shaft), 'active_tip' (the part that heats or freezes, hatched)
    and an unnamed handle. Anchors: tip, active_middle (the centre of the active tip),
    shaft_middle, entry_side (where the shaft meets the handle), label.
    """

    def __init__(
        self,
        kind: ApplicatorKind,
        *,
        length_mm: float,
        active_length_mm: float,
        colour: str,
        tip_colour: str,
    ) -> None:
        super().__init__("applicator_device")
        if not 0 < active_length_mm < length_mm:
            raise ValueError("the active tip must be shorter than the applicator")
        self.kind = kind
        self.length_mm = float(length_mm)
        self.active_length_mm = float(active_length_mm)
        half = kind.diameter_mm / 2
        point = 3 * half  # the bevelled point
        shaft = [(-length_mm, -half), (-active_length_mm, -half)]
        shaft += [(-active_length_mm, half), (-length_mm, half)]
        tip = [(-active_length_mm, -half), (-point, -half), (0.0, 0.0)]
        tip += [(-point, half), (-active_length_mm, half)]
        grip = _HANDLE_WIDTH_MM / 2
        handle = [
            (-length_mm - _HANDLE_LENGTH_MM, -grip),
            (-length_mm, -grip * 0.7),
            (-length_mm, grip * 0.7),
            (-length_mm - _HANDLE_LENGTH_MM, grip),
        ]
        self.shaft = self.add(Shape(shaft, name="applicator").fill(colour).width(0.8).layer(4.0))
        self.tip = self.add(
            Shape(tip, name="active_tip").fill(tip_colour).hatch("////").width(0.8).layer(4.1)
        )
        self.handle = self.add(Shape(handle).fill(colour).width(1.0).layer(4.0))
        self.local_anchors.update(
            {
                "centre": (-length_mm / 2, 0.0),
                "tip": (0.0, 0.0),
                "active_middle": (-active_length_mm / 2, 0.0),
                "shaft_middle": (-(length_mm + active_length_mm) / 2, 0.0),
                "entry_side": (-length_mm, 0.0),
                "label": (-length_mm - _HANDLE_LENGTH_MM * 0.5, grip),
            }
        )


def _arc(radius: float, start_degrees: float, end_degrees: float, samples: int = 40) -> Points:
    angle = np.radians(np.linspace(start_degrees, end_degrees, samples))
    return np.column_stack([radius * np.cos(angle), radius * np.sin(angle)])


class UltrasoundProbe(Group):
    """A convex ultrasound probe with its fan-shaped beam, face centre at the local origin.

    The beam points down (−y), ``depth`` deep and ``spread_degrees`` wide, from a face
    ``face_width`` across (drawing units). Parts: 'ultrasound_probe' (the transducer) and
    'ultrasound_beam' (the fan, translucent and dotted). Anchors: face, beam_end, label.
    """

    def __init__(
        self,
        *,
        depth: float,
        fill: str,
        beam_fill: str,
        beam_edge: str,
        spread_degrees: float = 60.0,
        face_width: float = 7.0,
    ) -> None:
        super().__init__("ultrasound")
        if depth <= 0 or not 0 < spread_degrees < 180:
            raise ValueError("the beam needs a positive depth and a spread below 180°")
        half = spread_degrees / 2
        # The face is an arc around a virtual apex above it, as for a curved-array probe.
        radius = face_width / 2 / math.sin(math.radians(half))
        apex = np.array([0.0, radius])
        face = _arc(radius, -90 - half, -90 + half) + apex
        far = _arc(radius + depth, -90 + half, -90 - half) + apex
        beam = np.vstack([face, far])
        right, left = face[-1], face[0]
        height = face_width * 1.3
        body = np.vstack(
            [
                face,
                [right + (0.15, height * 0.45), (right[0] * 0.55, right[1] + height)],
                [(left[0] * 0.55, left[1] + height), left + (-0.15, height * 0.45)],
            ]
        )
        self.beam = self.add(
            Shape(beam, name="ultrasound_beam")
            .fill(beam_fill)
            .colour(beam_edge)
            .dotted()
            .width(1.2)
            .opacity(0.55)
            .layer(1.9)
        )
        self.body = self.add(Shape(body, name="ultrasound_probe").fill(fill).width(1.2).layer(4.2))
        top = (0.0, float(right[1] + height))
        self.cable = self.add(
            Vessel([top, (0.0, top[1] + 3.0), (2.5, top[1] + 6.0)], corner_radius=1.5)
            .arrows()
            .width(2.2)
            .layer(4.1)
        )
        self.local_anchors.update(
            {
                "centre": (0.0, height / 2),
                "face": (0.0, 0.0),
                "beam_end": (0.0, -depth),
                "label": (right[0] * 0.7, right[1] + height * 0.6),
            }
        )


class CTGantry(Group):
    """A CT gantry seen along the table: a ring around the local origin, the patient inside.

    Parts: 'ct_gantry' (the housing, ``radius`` to its outer edge, ``thickness`` deep) and
    its bore. Anchors: centre, top, label (on the ring's upper right).
    """

    def __init__(self, *, radius: float, thickness: float, fill: str, bore_fill: str) -> None:
        super().__init__("ct")
        if not 0 < thickness < radius:
            raise ValueError("the gantry ring needs 0 < thickness < radius")
        self.housing = self.add(
            Shape(circle(radius, samples=144), name="ct_gantry").fill(fill).width(1.2).layer(0.2)
        )
        self.bore = self.add(
            Shape(circle(radius - thickness, samples=144)).fill(bore_fill).width(1.0).layer(0.3)
        )
        middle = radius - thickness / 2
        slant = math.radians(40)
        self.local_anchors.update(
            {
                "centre": (0.0, 0.0),
                "top": (0.0, middle),
                "label": (middle * math.cos(slant), middle * math.sin(slant)),
            }
        )
