"""Ablation simulator: choose a modality, power, time, tumour and vessel; see zone and margin.

Binds :func:`livermets_edu.models.ablation.simulate_ablation` to the cross-section diagram
(:func:`livermets_edu.diagrams.ablation_cross_section`), a margin panel and a time-to-kill
table. The widget holds no numbers of its own: the model computes, facts supply the marks.
"""

from __future__ import annotations

import html
from functools import lru_cache

import ipywidgets as widgets

from livermets_edu import facts
from livermets_edu.models.ablation import (
    AblationResult,
    AblationSetup,
    MarginVerdict,
    simulate_ablation,
)
from livermets_edu.models.thermal_damage import time_to_cem43, time_to_omega
from livermets_edu.widgets.controls import slider

__all__ = ["AblationSimulator", "ablation_simulator"]

_MODALITIES = (("RF", "rfa"), ("Microwave", "microwave"), ("Cryo", "cryo"))
#: Temperatures in the time-to-kill table: the sheet's rule-of-thumb band and above.
_TABLE_TEMPERATURES_C = (50.0, 55.0, 60.0, 70.0)


def _duration_text(seconds: float) -> str:
    if seconds >= 3600:
        return f"{seconds / 3600:.1f} h"
    if seconds >= 120:
        return f"{seconds / 60:.1f} min"
    if seconds >= 1:
        return f"{seconds:.1f} s"
    return f"{seconds * 1000:.0f} ms"


@lru_cache(maxsize=256)
def _map_html(setup: AblationSetup) -> str:
    """The simulated cross-section as an SVG <figure>; cached, since learners revisit states."""
    from livermets_edu.diagrams import simulated_cross_section

    title = ("Coldest" if setup.modality == "cryo" else "Hottest") + " temperature reached"
    diagram = simulated_cross_section(
        simulate_ablation(setup), title=f"{title}, across the needle at mid-tip"
    )
    return diagram.to_svg_html("Text description of the map")


def _margin_bar(label: str, margin_mm: float) -> str:
    """A bar from 0 to 15 mm with the 5 and 10 mm marks; the value in text as well."""
    scale = 15.0
    width = max(0.0, min(margin_mm, scale)) / scale * 100
    marks = "".join(
        f'<span style="position:absolute;left:{mark / scale * 100:.1f}%;top:-2px;bottom:-2px;'
        'border-left:2px dashed #000"></span>'
        for mark in (
            facts.get("MARGIN_HIGH_RISK_MAX").value,
            facts.get("MARGIN_WITHOUT_LOCAL_PROGRESSION").value,
        )
    )
    text = f"{margin_mm:.1f} mm" if margin_mm >= 0 else "tumour not covered"
    return (
        '<div style="display:flex;align-items:center;gap:0.5em;margin:0.25em 0">'
        f'<span style="width:11em">{html.escape(label)}</span>'
        '<span style="position:relative;flex:1;max-width:16em;height:1.1em;border:1px solid #444">'
        f'<span style="position:absolute;left:0;top:0;bottom:0;width:{width:.1f}%;'
        f'background:repeating-linear-gradient(45deg,#0072B2 0 4px,#ffffff 4px 7px)"></span>'
        f"{marks}</span><strong>{html.escape(text)}</strong></div>"
    )


def _verdict_text(result: AblationResult) -> str:
    verdict = result.margin_verdict
    lpfs = {
        MarginVerdict.AT_MOST_5_MM: facts.get("LPFS_2Y_MARGIN_1_TO_5_MM").text,
        MarginVerdict.FROM_5_TO_10_MM: facts.get("LPFS_2Y_MARGIN_6_TO_10_MM").text,
        MarginVerdict.OVER_10_MM: facts.get("LPFS_2Y_MARGIN_11_TO_15_MM").text,
    }
    if verdict is MarginVerdict.INCOMPLETE:
        return (
            "Part of the tumour is outside the zone: this ablation would leave tumour behind. "
            f"Even a 0 mm margin kept only {facts.get('LPFS_2Y_MARGIN_0_MM').text} of tumours "
            "free of local progression at 2 years (Wang 2013)."
        )
    advice = {
        MarginVerdict.AT_MOST_5_MM: (
            "A margin of 5 mm or less carried a hazard ratio for local progression of "
            f"{facts.get('LOCAL_PROGRESSION_HR_MARGIN_5_MM_OR_LESS_RFA').text} after RF "
            "(Shady 2018)."
        ),
        MarginVerdict.FROM_5_TO_10_MM: "Aim for more than 10 mm where it is safe to do so.",
        MarginVerdict.OVER_10_MM: (
            "No local progression was seen with margins over "
            f"{facts.get('MARGIN_WITHOUT_LOCAL_PROGRESSION').text} (Shady 2018)."
        ),
    }[verdict]
    band = lpfs[verdict]
    if result.minimal_margin_mm < 0.5:  # rounds to Wang's "0 mm" group
        band = facts.get("LPFS_2Y_MARGIN_0_MM").text
    return (
        f"Minimal margin {verdict.value}. Published 2-year local-progression-free rate for "
        f"this margin: {band} (Wang 2013). {advice}"
    )


def _size_warning(setup: AblationSetup) -> str:
    ideal = facts.get("IDEAL_ABLATION_LESION_MAX_SIZE")
    if setup.tumour_diameter_mm <= ideal.value * 10:
        return ""
    return (
        f"<p role='alert' style='margin:0.3em 0'><strong>This tumour is larger than "
        f"{ideal.text}.</strong> The ideal lesion for ablation is solitary and at most "
        f"{ideal.text} (Petre &amp; Sofocleous 2017): an adequate margin around a larger "
        "tumour needs a bigger zone than one applicator makes here.</p>"
    )


def _summary_html(result: AblationResult) -> str:
    setup = result.setup
    shortest, longest = result.zone_diameters_mm()
    parts = [
        "<p style='margin:0.25em 0'><strong>Margin around the tumour</strong></p>",
        _margin_bar("Minimal margin", result.minimal_margin_mm),
    ]
    if setup.vessel_diameter_mm is not None:
        parts += [
            _margin_bar("On the vessel side", result.margin_toward_vessel_mm),
            _margin_bar("Opposite the vessel", result.margin_away_from_vessel_mm),
        ]
    parts.append(
        "<p style='font-size:0.85em;margin:0.2em 0'>Dashed marks: "
        f"{facts.get('MARGIN_HIGH_RISK_MAX').text} and "
        f"{facts.get('MARGIN_WITHOUT_LOCAL_PROGRESSION').text}.</p>"
    )
    parts.append(f"<p style='margin:0.3em 0'>{html.escape(_verdict_text(result))}</p>")
    if setup.modality == "cryo":
        parts.append(
            "<p style='font-size:0.85em;margin:0.2em 0'>These outcome figures come from heat "
            "ablation (RF and microwave); they are shown for comparison only.</p>"
        )
    parts.append(_size_warning(setup))
    if setup.modality == "cryo":
        what = f"reached {facts.get('CRYOABLATION_LETHAL_TEMPERATURE').text} or colder"
    else:
        what = "99% cell kill (Arrhenius Ω ≥ 4.6)"
    parts.append(
        f"<p style='margin:0.3em 0'>Zone ({html.escape(what)}): {shortest:.0f}–{longest:.0f} mm "
        f"across in this plane.</p>"
    )
    if setup.modality == "rfa":
        average = result.delivered_energy_j / setup.duration_s
        parts.append(
            f"<p style='margin:0.3em 0'>The generator delivered {average:.0f} W on average of "
            f"the {setup.power_w:.0f} W set: it backs off whenever tissue at the electrode "
            f"would reach {facts.get('VAPORIZATION_TEMPERATURE').text} and boil.</p>"
        )
    if setup.modality == "microwave" and result.vaporized_energy_j > 0:
        share = result.vaporized_energy_j / result.delivered_energy_j
        parts.append(
            f"<p style='margin:0.3em 0'>{share:.0%} of the energy boiled tissue water at "
            f"{facts.get('VAPORIZATION_TEMPERATURE').text} instead of heating tissue further "
            "(the model caps temperature there).</p>"
        )
    if result.reaches_edge:
        parts.append(
            "<p style='margin:0.3em 0'>The zone comes close to the edge of the simulated "
            "region, so its size is underestimated.</p>"
        )
    return "".join(parts)


def _time_to_kill_html() -> str:
    """How long tissue must stay at a temperature to die, by the two dose models."""
    rows = "".join(
        f"<tr><th scope='row'>{t:.0f} °C</th>"
        f"<td>{_duration_text(float(time_to_omega(t, 1.0)))}</td>"
        f"<td>{_duration_text(float(time_to_omega(t, 4.6)))}</td>"
        f"<td>{_duration_text(60 * float(time_to_cem43(t)))}</td></tr>"
        for t in _TABLE_TEMPERATURES_C
    )
    threshold = facts.get("CEM43_NECROSIS_THRESHOLD").text
    return (
        "<table style='border-collapse:collapse'>"
        "<caption style='text-align:left'><strong>Time to kill at a steady temperature"
        "</strong></caption><thead><tr><th scope='col'>Temperature</th>"
        "<th scope='col'>Ω = 1 (63%)</th><th scope='col'>Ω = 4.6 (99%)</th>"
        f"<th scope='col'>{html.escape(threshold)} CEM43</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )


def _edge_history_html(result: AblationResult) -> str:
    """The hottest (or coldest) temperature at the tumour's edge, and when it was reached."""
    setup = result.setup
    radius = setup.tumour_diameter_mm / 2
    cryo = setup.modality == "cryo"
    lines = []
    sides = [("far side", setup.tumour_offset_mm - radius)]
    if setup.vessel_diameter_mm is not None:
        sides.insert(0, ("vessel side", setup.tumour_offset_mm + radius))
    for name, x in sides:
        extreme, when = result.extreme_temperature_c(x)
        lines.append(
            f"Tumour edge, {name}: {'coldest' if cryo else 'hottest'} {extreme:.0f} °C "
            f"(at {when / 60:.1f} min)."
        )
    return "".join(f"<p style='margin:0.2em 0'>{html.escape(line)}</p>" for line in lines)


class AblationSimulator(widgets.VBox):
    """Set modality, power, time, tumour size and a nearby vessel; see the zone and margin."""

    def __init__(self, setup: AblationSetup | None = None) -> None:
        setup = setup or AblationSetup()
        self.modality = widgets.ToggleButtons(
            options=list(_MODALITIES), value=setup.modality, description="Modality"
        )
        self.power_w = slider("Power (W)", setup.power_w, 5, 150, 5, tooltip="W")
        self.minutes = slider("Time (min)", setup.duration_s / 60, 1, 20, 1, tooltip="min")
        self.tumour_diameter_mm = slider(
            "Tumour (mm)", setup.tumour_diameter_mm, 5, 40, 1, tooltip="mm"
        )
        self.vessel = widgets.Checkbox(
            value=setup.vessel_diameter_mm is not None, description="Large vessel beside it"
        )
        self.vessel_diameter_mm = slider(
            "Vessel size (mm)", setup.vessel_diameter_mm or 6.0, 1, 12, 1, tooltip="mm"
        )
        self.vessel_gap_mm = slider(
            "Gap to vessel (mm)", setup.vessel_gap_mm, 0, 15, 1, tooltip="mm"
        )
        self.map = widgets.HTML()
        self.summary = widgets.HTML()
        self.edges = widgets.HTML()
        self.message = widgets.HTML()
        self.result: AblationResult = simulate_ablation(setup)
        inputs = (
            self.modality,
            self.power_w,
            self.minutes,
            self.tumour_diameter_mm,
            self.vessel,
            self.vessel_diameter_mm,
            self.vessel_gap_mm,
        )
        controls = widgets.VBox([*inputs, self.message])
        panel = widgets.VBox(
            [self.summary, self.edges, widgets.HTML(_time_to_kill_html())],
            layout=widgets.Layout(width="34em"),
        )
        super().__init__(
            [controls, widgets.HBox([self.map, panel], layout=widgets.Layout(flex_flow="row wrap"))]
        )
        for control in inputs:
            control.observe(self._update, names="value")
        self._update()

    def __repr__(self) -> str:
        # Shown as text where widgets cannot run (GitHub, nbviewer, a closed kernel).
        return (
            "Interactive ablation simulator: run the lesson in Jupyter or on Binder to change "
            "the modality, power, time, tumour and vessel."
        )

    def setup(self) -> AblationSetup:
        """The setup the controls describe; ValueError says why when it is impossible."""
        has_vessel = bool(self.vessel.value)
        return AblationSetup(
            modality=self.modality.value,
            power_w=float(self.power_w.value),
            duration_s=float(self.minutes.value) * 60,
            tumour_diameter_mm=float(self.tumour_diameter_mm.value),
            vessel_diameter_mm=float(self.vessel_diameter_mm.value) if has_vessel else None,
            vessel_gap_mm=float(self.vessel_gap_mm.value),
        )

    def _controls_by_field(self) -> dict[str, widgets.Widget]:
        return {
            "power_w": self.power_w,
            "duration_s": self.minutes,
            "tumour_diameter_mm": self.tumour_diameter_mm,
            "vessel_diameter_mm": self.vessel_diameter_mm,
            "vessel_gap_mm": self.vessel_gap_mm,
        }

    def _update(self, change: object = None) -> None:
        cryo = self.modality.value == "cryo"
        self.power_w.disabled = cryo
        self.vessel_diameter_mm.disabled = self.vessel_gap_mm.disabled = not self.vessel.value
        try:
            setup = self.setup()
        except ValueError as error:
            reason = str(error)
            for name, control in self._controls_by_field().items():
                reason = reason.replace(name, f"“{control.description}”")
            self.message.value = (
                f"<p role='alert'><strong>Cannot simulate this:</strong> {html.escape(reason)}. "
                "The map and numbers still show the last setting that could be simulated.</p>"
            )
            return
        self.message.value = (
            "<p style='font-size:0.85em'>A cryoprobe has no power setting here: its wall is "
            "held at the boiling point of argon.</p>"
            if cryo
            else ""
        )
        self.result = simulate_ablation(setup)
        self.map.value = _map_html(setup)
        self.summary.value = _summary_html(self.result)
        self.edges.value = _edge_history_html(self.result)


def ablation_simulator(setup: AblationSetup | None = None) -> AblationSimulator:
    """An interactive thermal-ablation simulator (RF, microwave, cryo) with zone and margin."""
    return AblationSimulator(setup)
