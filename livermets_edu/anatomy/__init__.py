"""Anatomy parts for the diagrams: liver and lobes, heart, intestines, lungs, the body seen from
the front, vessels, metastasis, the devices of image-guided ablation (applicators, ultrasound
probe, CT gantry) and of therapy through the hepatic artery (catheter, microspheres, embolic
particles, drug-eluting beads, infusion pump).

Each part is a drawing element (see :mod:`livermets_edu.draw`) with named anchors such as
the liver's ``hilum`` or a vessel's ``start`` and ``end``, so diagrams attach parts by name.
"""

from livermets_edu.anatomy.body import Body
from livermets_edu.anatomy.catheters import (
    MICROSPHERE_DIAMETERS,
    Catheter,
    DrugElutingBeads,
    EmbolicParticles,
    InfusionPump,
    Microspheres,
    microsphere_diameters_um,
)
from livermets_edu.anatomy.devices import (
    APPLICATORS,
    Applicator,
    ApplicatorKind,
    CTGantry,
    UltrasoundProbe,
)
from livermets_edu.anatomy.liver import Liver
from livermets_edu.anatomy.organs import Heart, Intestines, Lungs
from livermets_edu.anatomy.tumour import Metastasis, schematic_radius
from livermets_edu.anatomy.vessels import ARTERY, BILE, PORTAL, VEIN, VesselKind, vessel

__all__ = [
    "APPLICATORS",
    "MICROSPHERE_DIAMETERS",
    "ARTERY",
    "BILE",
    "PORTAL",
    "VEIN",
    "Applicator",
    "ApplicatorKind",
    "Body",
    "CTGantry",
    "Catheter",
    "DrugElutingBeads",
    "EmbolicParticles",
    "Heart",
    "InfusionPump",
    "Intestines",
    "Liver",
    "Lungs",
    "Metastasis",
    "Microspheres",
    "UltrasoundProbe",
    "VesselKind",
    "microsphere_diameters_um",
    "schematic_radius",
    "vessel",
]
