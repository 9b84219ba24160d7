"""Lesson figures: functions of their parameters that return a Diagram.

Each figure has alt text, named regions (for tests and label-the-diagram questions) and
displays itself in Jupyter. Importing this package loads matplotlib.
"""

from livermets_edu.diagrams.blood_supply import (
    DISPLAY_NAMES,
    FLOW_VESSELS,
    REGIONS,
    VESSELS,
    dual_blood_supply,
)
from livermets_edu.draw.diagram import Diagram

__all__ = ["DISPLAY_NAMES", "FLOW_VESSELS", "REGIONS", "VESSELS", "Diagram", "dual_blood_supply"]
