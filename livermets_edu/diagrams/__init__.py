"""Lesson figures: functions of their parameters that return a Diagram.

Each figure has alt text, named regions (for tests and label-the-diagram questions) and
displays itself in Jupyter. Importing this package loads matplotlib.
"""

from livermets_edu.diagrams.ablation import (
    CROSS_SECTION_REGIONS,
    ablation,
    ablation_cross_section,
    simulated_cross_section,
)
from livermets_edu.diagrams.ablation import REGIONS as ABLATION_REGIONS
from livermets_edu.diagrams.blood_supply import (
    DISPLAY_NAMES,
    FLOW_VESSELS,
    REGIONS,
    VESSELS,
    dual_blood_supply,
)
from livermets_edu.draw.diagram import Diagram

__all__ = [
    "ABLATION_REGIONS",
    "CROSS_SECTION_REGIONS",
    "DISPLAY_NAMES",
    "FLOW_VESSELS",
    "REGIONS",
    "VESSELS",
    "Diagram",
    "ablation",
    "ablation_cross_section",
    "dual_blood_supply",
    "simulated_cross_section",
]
