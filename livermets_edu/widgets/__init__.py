"""Interactive lesson widgets (ipywidgets): controls bound to one model and one view each."""

from livermets_edu.widgets.ablation import AblationSimulator, ablation_simulator
from livermets_edu.widgets.blood_flow import BloodFlowExplorer, blood_flow_explorer

__all__ = ["AblationSimulator", "BloodFlowExplorer", "ablation_simulator", "blood_flow_explorer"]
