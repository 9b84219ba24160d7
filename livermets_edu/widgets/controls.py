"""Controls the lesson widgets share, so every slider looks and behaves the same."""

from __future__ import annotations

import ipywidgets as widgets

__all__ = ["slider"]


def slider(
    description: str, value: float, low: float, high: float, step: float, *, tooltip: str = ""
) -> widgets.FloatSlider:
    """A labelled slider that updates when released (keyboard: arrow keys move one step)."""
    return widgets.FloatSlider(
        value=value,
        min=low,
        max=high,
        step=step,
        description=description,
        readout_format=".0f" if step >= 1 else ".1f",
        continuous_update=False,
        style={"description_width": "10em"},
        layout=widgets.Layout(width="30em"),
        tooltip=tooltip,
    )
