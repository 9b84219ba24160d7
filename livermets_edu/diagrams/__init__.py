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
from livermets_edu.diagrams.chemoembolization import (
    CHEMOEMBOLIZATION_REGIONS,
    chemoembolization,
)
from livermets_edu.diagrams.hai_pump import HAI_PUMP_REGIONS, hai_pump
from livermets_edu.diagrams.radioembolization import (
    RADIOEMBOLIZATION_REGIONS,
    radioembolization,
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
    "RADIOEMBOLIZATION_REGIONS",
    "CHEMOEMBOLIZATION_REGIONS",
    "HAI_PUMP_REGIONS",
    "radioembolization",
    "chemoembolization",
    "hai_pump",
]
