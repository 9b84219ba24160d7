"""Interactive lesson widgets (ipywidgets): controls bound to one model and one view each."""

from livermets_edu.widgets.blood_flow import BloodFlowExplorer, blood_flow_explorer

__all__ = ["BloodFlowExplorer", "blood_flow_explorer"]
