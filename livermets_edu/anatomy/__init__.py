"""Anatomy parts for the diagrams: liver and lobes, heart, intestines, vessels, metastasis,
and the devices of image-guided ablation (applicators, ultrasound probe, CT gantry).

Each part is a drawing element (see :mod:`livermets_edu.draw`) with named anchors such as
the liver's ``hilum`` or a vessel's ``start`` and ``end``, so diagrams attach parts by name.
"""

from livermets_edu.anatomy.devices import (
    APPLICATORS,
    Applicator,
    ApplicatorKind,
    CTGantry,
    UltrasoundProbe,
)
from livermets_edu.anatomy.liver import Liver
from livermets_edu.anatomy.organs import Heart, Intestines
from livermets_edu.anatomy.tumour import Metastasis, schematic_radius
from livermets_edu.anatomy.vessels import ARTERY, BILE, PORTAL, VEIN, VesselKind, vessel

__all__ = [
    "APPLICATORS",
    "ARTERY",
    "BILE",
    "PORTAL",
    "VEIN",
    "Applicator",
    "ApplicatorKind",
    "CTGantry",
    "Heart",
    "Intestines",
    "Liver",
    "Metastasis",
    "UltrasoundProbe",
    "VesselKind",
    "schematic_radius",
    "vessel",
]
