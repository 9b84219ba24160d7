"""Blood-flow explorer: clamp the hepatic artery or portal vein and see who loses their blood.

Binds the hemodynamics model to the dual-blood-supply diagram and a bar chart. The widget
holds no numbers of its own: the model computes, facts supply the sourced values.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from livermets_edu import facts
from livermets_edu.draw.theme import OKABE_ITO
from livermets_edu.models.hemodynamics import Band, Occlusion, SupplyRegime, occlusion_effect

__all__ = ["BloodFlowExplorer", "blood_flow_explorer"]

# Okabe–Ito colours for the bars; every bar also carries its name and value in text.
_LIVER_COLOUR = OKABE_ITO["blue"]
_OXYGEN_COLOUR = OKABE_ITO["bluish_green"]
_TUMOUR_COLOUR = OKABE_ITO["vermillion"]

# Sizes a learner can pick: they include the sourced boundaries between supply regimes
# (facts.MICROMETASTASIS_SINUSOIDAL_MAX_SIZE, facts.SMALL_METASTASIS_DUAL_SUPPLY_MAX_SIZE).
_SIZE_STEPS_MM = (0.1, 0.5, 1.0, 2.0, 5.0, 10.0, 20.0, 30.0, 40.0, 50.0, 60.0)
TUMOUR_SIZES_MM: tuple[float, ...] = tuple(
    sorted(
        {
            *_SIZE_STEPS_MM,
            facts.MICROMETASTASIS_SINUSOIDAL_MAX_SIZE.value,
            facts.SMALL_METASTASIS_DUAL_SUPPLY_MAX_SIZE.value,
        }
    )
)


@lru_cache(maxsize=128)
def _diagram_html(
    artery_occluded: bool,
    portal_occluded: bool,
    diameter_mm: float,
    own_artery: bool,
    flows: tuple,
) -> str:
    """The diagram as an SVG <figure> with alt text; cached, since learners revisit states.

    SVG renders faster than a PNG here (benchmarks/bench_blood_flow_widget.py).
    """
    from livermets_edu.diagrams import dual_blood_supply

    occluded = [
        name
        for name, shut in (("hepatic_artery", artery_occluded), ("portal_vein", portal_occluded))
        if shut
    ]
    diagram = dual_blood_supply(
        flows=dict(flows),
        occluded=occluded,
        tumour_diameter_mm=diameter_mm,
        tumour_artery=own_artery,
    )
    return diagram.to_svg_html()


def _percent(value: float) -> str:
    return f"{value * 100:.0f}%"


def _band_text(band: Band) -> str:
    if band.is_exact:
        return _percent(band.low)
    return f"{_percent(band.low)}–{_percent(band.high)}"


def _bar(label: str, band: Band, colour: str) -> str:
    """One horizontal bar; a band is drawn as a solid part plus a hatched uncertain part."""
    solid = band.low * 100
    uncertain = (band.high - band.low) * 100
    hatch = f"repeating-linear-gradient(45deg,{colour} 0 4px,#ffffff 4px 8px)"
    return (
        '<div style="display:flex;align-items:center;gap:0.5em;margin:0.25em 0">'
        f'<span style="width:15em">{html.escape(label)}</span>'
        '<span style="flex:1;max-width:20em;height:1.1em;border:1px solid #444;display:flex">'
        f'<span style="width:{solid:.1f}%;background:{colour}"></span>'
        f'<span style="width:{uncertain:.1f}%;background:{hatch}"></span></span>'
        f'<strong style="width:6em">{_band_text(band)}</strong></div>'
    )


def _bars_html(state: Occlusion) -> str:
    exact = Band(state.liver_flow, state.liver_flow)
    oxygen = Band(state.liver_oxygen, state.liver_oxygen)
    rows = [
        _bar("Normal liver: blood flow", exact, _LIVER_COLOUR),
        _bar("Normal liver: oxygen supply", oxygen, _OXYGEN_COLOUR),
        _bar("Metastasis: blood flow", state.tumour_flow, _TUMOUR_COLOUR),
    ]
    summary = (
        f"Share of baseline left. Normal liver flow {_percent(state.liver_flow)}, "
        f"normal liver oxygen {_percent(state.liver_oxygen)}, "
        f"metastasis flow {_band_text(state.tumour_flow)}."
    )
    note = (
        "<p style='font-size:0.85em;margin:0.25em 0'>Hatched: the sources give a range, not a "
        "single value, for a small metastasis's supply. The sources give no oxygen split for "
        "metastases, so only their flow is shown.</p>"
        if not state.tumour_flow.is_exact
        else ""
    )
    return (
        f'<div role="img" aria-label="{html.escape(summary)}">'
        "<p style='margin:0.25em 0'><strong>What is left, as a share of normal</strong></p>"
        + "".join(rows)
        + "</div>"
        + note
    )


def _lesson(state: Occlusion, artery: bool, portal: bool) -> str:
    """The teaching point for this state, in words, from the model's numbers."""
    tumour, regime = state.tumour_flow, state.tumour.regime
    parts = [state.tumour.explanation]
    if artery and not portal:
        if regime is SupplyRegime.ARTERIAL:
            parts.append(
                f"Clamping the hepatic artery leaves the metastasis {_band_text(tumour)} of its "
                f"blood, while normal liver keeps {_percent(state.liver_flow)} through the portal "
                "vein. That selectivity is why chemoembolization (TACE), radioembolization (Y-90) "
                "and hepatic arterial infusion (HAI) are delivered through the hepatic artery."
            )
        else:
            parts.append(
                "A tumour this small still draws on portal or sinusoidal blood, so treatment "
                "through the artery spares it more than it spares a larger metastasis."
            )
    elif portal and not artery:
        liver = (
            f"Clamping the portal vein cuts normal liver to {_percent(state.liver_flow)} "
            "of its flow"
        )
        if regime is SupplyRegime.ARTERIAL:
            parts.append(
                f"{liver}, but leaves an established metastasis most of its supply "
                f"({_band_text(tumour)})."
            )
        elif regime is SupplyRegime.DUAL:
            parts.append(
                f"{liver}. A metastasis this small has a dual supply, so it loses "
                f"flow too: it keeps somewhere between {_band_text(tumour)}."
            )
        else:
            parts.append(
                f"{liver}, and a micrometastasis fed from the sinusoids loses its "
                f"supply with it (it keeps {_band_text(tumour)})."
            )
        parts.append(
            "The hepatic arterial buffer response makes up "
            f"{facts.ARTERIAL_BUFFER_RESPONSE.range_text} of the lost portal flow. Blocking one "
            "portal branch on purpose (portal vein embolization) makes the other side of the "
            "liver grow before surgery."
        )
    elif artery and portal:
        parts.append("With both inflows clamped, neither liver nor tumour receives blood.")
    else:
        parts.append(
            f"Normal liver gets about {facts.PORTAL_VEIN_FLOW_FRACTION.text} of its blood but "
            f"only {facts.PORTAL_VEIN_O2_FRACTION.range_text} of its oxygen from the portal vein. "
            "Clamp a vessel to see who depends on it."
        )
    return "".join(f"<p style='margin:0.3em 0'>{html.escape(p)}</p>" for p in parts)


def _clamp_button(description: str, tooltip: str) -> widgets.ToggleButton:
    return widgets.ToggleButton(
        value=False, description=description, tooltip=tooltip, layout=widgets.Layout(width="auto")
    )


class BloodFlowExplorer(widgets.VBox):
    """Toggle hepatic artery and portal vein occlusion and a tumour's size; see flow and oxygen."""

    def __init__(self, tumour_diameter_mm: float = 30.0) -> None:
        if tumour_diameter_mm not in TUMOUR_SIZES_MM:
            sizes = ", ".join(f"{size:g}" for size in TUMOUR_SIZES_MM)
            raise ValueError(
                f"tumour diameter must be one of {sizes} mm, got {tumour_diameter_mm:g} mm"
            )
        self.artery_occluded = _clamp_button(
            "Clamp hepatic artery", "Occlude the hepatic artery (as an embolization would)"
        )
        self.portal_occluded = _clamp_button(
            "Clamp portal vein",
            "Occlude the portal vein (as portal vein embolization would on one side)",
        )
        self.tumour_diameter_mm = widgets.SelectionSlider(
            options=[(f"{size:g} mm", size) for size in TUMOUR_SIZES_MM],
            value=tumour_diameter_mm,
            description="Tumour size",
            continuous_update=True,
            style={"description_width": "initial"},
            layout=widgets.Layout(width="28em"),
        )
        self.diagram = widgets.HTML()
        self.bars = widgets.HTML()
        self.message = widgets.HTML()
        self.state: Occlusion = occlusion_effect()
        controls = widgets.HBox([self.artery_occluded, self.portal_occluded])
        right = widgets.VBox([self.bars, self.message], layout=widgets.Layout(width="32em"))
        super().__init__(
            [
                controls,
                self.tumour_diameter_mm,
                widgets.HBox([self.diagram, right], layout=widgets.Layout(flex_flow="row wrap")),
            ]
        )
        for control in (self.artery_occluded, self.portal_occluded, self.tumour_diameter_mm):
            control.observe(self._update, names="value")
        self._update()

    def __repr__(self) -> str:
        # Shown as text where widgets cannot run (GitHub, nbviewer, a closed kernel).
        return (
            "Interactive blood-flow explorer: run the lesson in Jupyter or on Binder to clamp "
            "the vessels."
        )

    def _update(self, change: object = None) -> None:
        artery = bool(self.artery_occluded.value)
        portal = bool(self.portal_occluded.value)
        diameter = float(self.tumour_diameter_mm.value)
        self.state = occlusion_effect(
            artery_occluded=artery, portal_occluded=portal, tumour_diameter_mm=diameter
        )
        flows = (
            ("hepatic_artery", self.state.liver_arterial_flow),
            ("portal_vein", self.state.liver_portal_flow),
            ("hepatic_veins", self.state.liver_flow),
        )
        own_artery = self.state.tumour.regime is not SupplyRegime.SINUSOIDAL
        self.diagram.value = _diagram_html(artery, portal, diameter, own_artery, flows)
        self.bars.value = _bars_html(self.state)
        self.message.value = _lesson(self.state, artery, portal)


def blood_flow_explorer(tumour_diameter_mm: float = 30.0) -> BloodFlowExplorer:
    """An interactive explorer of the liver's dual blood supply and vessel occlusion."""
    return BloodFlowExplorer(tumour_diameter_mm=tumour_diameter_mm)
