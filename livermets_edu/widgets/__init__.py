"""Interactive lesson widgets (ipywidgets): controls bound to one model and one view each."""

from livermets_edu.widgets.ablation import AblationSimulator, ablation_simulator
from livermets_edu.widgets.blood_flow import BloodFlowExplorer, blood_flow_explorer
from livermets_edu.widgets.y90_planning import Y90Planner, y90_planner

__all__ = [
    "AblationSimulator",
    "BloodFlowExplorer",
    "Y90Planner",
    "ablation_simulator",
    "blood_flow_explorer",
    "y90_planner",
]
