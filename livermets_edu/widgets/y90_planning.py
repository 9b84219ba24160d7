"""Y-90 planner: a patient, an MAA scan and a device in; activity, doses and their limits out.

Binds :func:`livermets_edu.models.dosimetry.plan_y90` to the radioembolization diagram
(:func:`livermets_edu.diagrams.radioembolization`), dose bars against their sourced limits, and
the checks a plan fails. The widget holds no numbers of its own: the model computes and the
facts supply every threshold, with its source.
"""

from __future__ import annotations

import html
from dataclasses import replace
from functools import lru_cache

import ipywidgets as widgets

from livermets_edu import derived, facts
from livermets_edu.draw.theme import OKABE_ITO
from livermets_edu.models.dosimetry import (
    DEFAULT_TARGET_FACT,
    EANM_COEFFICIENT,
    LABEL_COEFFICIENT,
    Check,
    Device,
    Method,
    PlanInputs,
    Severity,
    Y90Plan,
    fraction_of_dose_delivered,
    plan_y90,
)
from livermets_edu.widgets.controls import slider

__all__ = ["Y90Planner", "y90_planner"]

_METHODS_BY_DEVICE = {
    Device.GLASS: (
        ("Single compartment", Method.SINGLE_COMPARTMENT),
        ("Partition", Method.PARTITION),
    ),
    Device.RESIN: (("BSA", Method.BSA), ("Partition", Method.PARTITION)),
}
_TARGET_LABELS = {
    Method.SINGLE_COMPARTMENT: "Liver dose (Gy)",
    Method.PARTITION: "Normal-liver dose (Gy)",
    Method.BSA: "Target (not used)",
}
_COEFFICIENTS = (
    (f"{EANM_COEFFICIENT:g} J/GBq (EANM)", EANM_COEFFICIENT),
    (f"{LABEL_COEFFICIENT:g} J/GBq (label)", LABEL_COEFFICIENT),
)
_SEVERITY_WORDS = {Severity.STOP: "Stop", Severity.WARNING: "Check"}
_FIELD_LABELS = {
    "height_cm": "Height",
    "weight_kg": "Weight",
    "liver_volume_ml": "Liver volume",
    "tumour_volume_ml": "Tumour volume",
    "lung_shunt": "Lung shunt",
    "tumour_to_normal": "T/N ratio",
    "target_dose_gy": "Target dose",
    "previous_lung_dose_gy": "Earlier lung dose",
}
_DAYS_SHOWN = (3, 7, 11)
#: (field, control attribute, label, low, high, step, control value per field unit)
_SLIDERS = (
    ("height_cm", "height_cm", "Height (cm)", 140, 210, 1, 1),
    ("weight_kg", "weight_kg", "Weight (kg)", 35, 180, 1, 1),
    ("liver_volume_ml", "liver_volume_ml", "Liver volume (mL)", 600, 3500, 50, 1),
    ("tumour_volume_ml", "tumour_volume_ml", "Tumour volume (mL)", 0, 1500, 10, 1),
    ("lung_shunt", "lung_shunt_percent", "Lung shunt (%)", 0, 30, 0.5, 100),
    ("tumour_to_normal", "tumour_to_normal", "T/N ratio", 0.5, 10, 0.1, 1),
    ("target_dose", "target_dose_gy", "Target dose (Gy)", 10, 500, 1, 1),  # > 400: segmentectomy
    ("previous_lung_dose_gy", "previous_lung_dose_gy", "Earlier lung dose (Gy)", 0, 50, 1, 1),
)


@lru_cache(maxsize=256)
def _diagram_html(lung_shunt: float, device: str) -> str:
    """The radioembolization diagram as an SVG <figure>; cached, since learners revisit states."""
    from livermets_edu.diagrams import radioembolization

    # The planner treats the liver volume it is given as one territory: drawn as the whole liver.
    diagram = radioembolization(
        delivery="whole_liver", lung_shunt_fraction=lung_shunt, device=device
    )
    return diagram.to_svg_html("Text description of the diagram")


def _dose_bar(label: str, check: Check) -> str:
    """A bar for one checked dose with a dashed mark at its limit; the verdict in words too."""
    minimum = check.name == "tumour_dose"
    scale = max(check.value, check.limit) * 1.25 or 1.0
    width = check.value / scale * 100
    mark = check.limit / scale * 100
    verdict = f"aim ≥ {check.limit:g} Gy" if minimum else f"limit {check.limit:g} Gy"
    if check.crossed:
        status = "below the aim" if minimum else "OVER the limit"
    else:
        status = "reached" if minimum else "within"
    # A dose on the wrong side of its limit is hatched as well as coloured.
    background = (
        f"repeating-linear-gradient(45deg,{OKABE_ITO['vermillion']} 0 4px,#ffffff 4px 7px)"
        if check.crossed
        else OKABE_ITO["blue"]
    )
    return (
        '<div style="display:flex;align-items:center;gap:0.5em;margin:0.25em 0">'
        f'<span style="width:9em">{html.escape(label)}</span>'
        '<span style="position:relative;flex:1;max-width:16em;height:1.1em;border:1px solid #444">'
        f'<span style="position:absolute;left:0;top:0;bottom:0;width:{width:.1f}%;'
        f'background:{background}"></span>'
        f'<span style="position:absolute;left:{mark:.1f}%;top:-3px;bottom:-3px;'
        'border-left:2px dashed #000"></span></span>'
        f"<strong>{check.value:.0f} Gy</strong>"
        f'<span style="font-size:0.85em">({html.escape(verdict)}: {status})</span></div>'
    )


def _activity_html(plan: Y90Plan) -> str:
    inputs = plan.inputs
    lines = [
        f"<p style='font-size:1.2em;margin:0.2em 0'><strong>Activity: "
        f"{plan.activity_gbq:.2f} GBq</strong></p>"
    ]
    if inputs.method is Method.BSA:
        lines.append(
            f"<p style='margin:0.2em 0'>BSA (DuBois) {plan.bsa_m2:.2f} m² gives "
            f"{plan.planned_activity_gbq:.2f} GBq before any cut for the lung shunt; "
            f"{facts.Y90_RESIN_BSA_ACTIVITY_IN_PRACTICE.range_text} was the range given in "
            "practice (Grosser 2015).</p>"
        )
    delivered = ", ".join(
        f"{fraction_of_dose_delivered(days * 24):.0%} by day {days}" for days in _DAYS_SHOWN
    )
    lines.append(
        f"<p style='margin:0.2em 0'>Delivered as Y-90 decays (half-life "
        f"{facts.Y90_HALF_LIFE.text}): {delivered}.</p>"
    )
    return "".join(lines)


def _doses_html(plan: Y90Plan) -> str:
    checks = {check.name: check for check in plan.checks}
    bars = [
        "<p style='margin:0.25em 0'><strong>Mean doses (partition model)</strong></p>",
        _dose_bar("Tumour", checks["tumour_dose"]),
        _dose_bar("Normal liver", checks["normal_liver_dose"]),
        _dose_bar("Lung (this session)", checks["lung_dose_per_session"]),
    ]
    if plan.inputs.previous_lung_dose_gy > 0:
        bars.append(_dose_bar("Lung (all sessions)", checks["lung_dose_cumulative"]))
    bars.append(
        "<p style='font-size:0.85em;margin:0.2em 0'>Dashed mark: the limit or aim. Normal "
        f"liver sits {plan.inputs.tumour_to_normal:g}× below the tumour because T/N = "
        f"{plan.inputs.tumour_to_normal:g}. Volumes are those of the liver the catheter "
        "feeds; the BSA method assumes that is the whole liver.</p>"
    )
    return "".join(bars)


def _checks_html(plan: Y90Plan) -> str:
    crossed = plan.crossed
    if not crossed:
        return (
            "<p style='margin:0.3em 0'>This plan stays within every limit shown. Thresholds "
            "vary by device and disease; see the sources below each limit.</p>"
        )
    items = "".join(
        f"<li><strong>{_SEVERITY_WORDS[check.severity]}:</strong> {html.escape(check.message)} "
        f"<span style='font-size:0.85em'>(Source: {html.escape(check.source)}"
        f"{'; a code default, not a guideline' if facts.TARANIS_DOSEGUARD in check.source else ''})"
        "</span></li>"
        for check in crossed
    )
    verdict = "Not treatable as planned." if not plan.treatable else "Treatable, with checks."
    return f"<p style='margin:0.3em 0'><strong>{verdict}</strong></p><ul>{items}</ul>"


class Y90Planner(widgets.VBox):
    """Plan a Y-90 radioembolization: activity, tumour, normal-liver and lung doses, checks."""

    def __init__(self, inputs: PlanInputs | None = None) -> None:
        # The first state is lesson 08's worked case, so the lesson and the widget agree.
        inputs = inputs or PlanInputs(**derived.Y90_CASE)  # type: ignore[arg-type]
        self._syncing = False
        self.device = widgets.ToggleButtons(
            options=[("Glass", Device.GLASS), ("Resin", Device.RESIN)],
            value=inputs.device,
            description="Microspheres",
        )
        self.method = widgets.ToggleButtons(
            options=_METHODS_BY_DEVICE[inputs.device], value=inputs.method, description="Method"
        )
        for field, attribute, label, low, high, step, scale in _SLIDERS:
            value = getattr(inputs, field)
            if value is None:  # the BSA method has no target: show the partition default
                value = facts.get(DEFAULT_TARGET_FACT[inputs.device, Method.PARTITION]).value
            if not low <= value * scale <= high:
                raise ValueError(
                    f"{field} = {value:g} is outside what the planner offers "
                    f"({low / scale:g} to {high / scale:g})"
                )
            setattr(self, attribute, slider(label, value * scale, low, high, step))
        if inputs.dose_coefficient not in dict(_COEFFICIENTS).values():
            raise ValueError(
                f"dose_coefficient = {inputs.dose_coefficient:g} is not one the planner offers "
                f"({', '.join(label for label, _ in _COEFFICIENTS)})"
            )
        self.dose_coefficient = widgets.ToggleButtons(
            options=list(_COEFFICIENTS), value=inputs.dose_coefficient, description="Energy per GBq"
        )
        self.diagram = widgets.HTML()
        self.activity = widgets.HTML()
        self.doses = widgets.HTML()
        # Not an alert: it changes on every move; only "Cannot plan" interrupts a screen reader.
        self.checks = widgets.HTML()
        self.message = widgets.HTML()
        self._given = inputs  # keeps what has no control, e.g. lung mass and liver density
        self.plan: Y90Plan = plan_y90(inputs)
        self._inputs = (
            self.device,
            self.method,
            self.height_cm,
            self.weight_kg,
            self.liver_volume_ml,
            self.tumour_volume_ml,
            self.lung_shunt_percent,
            self.tumour_to_normal,
            self.target_dose_gy,
            self.dose_coefficient,
            self.previous_lung_dose_gy,
        )
        controls = widgets.VBox([*self._inputs, self.message])
        panel = widgets.VBox(
            [self.activity, self.doses, self.checks], layout=widgets.Layout(width="36em")
        )
        super().__init__(
            [
                controls,
                widgets.HBox([self.diagram, panel], layout=widgets.Layout(flex_flow="row wrap")),
            ]
        )
        self.device.observe(self._device_changed, names="value")
        self.method.observe(self._method_changed, names="value")
        for control in self._inputs[2:]:
            control.observe(self._update, names="value")
        self._show_target(reset=False)  # a given target dose stays as given
        self._update()

    def __repr__(self) -> str:
        # Shown as text where widgets cannot run (GitHub, nbviewer, a closed kernel).
        return (
            "Interactive Y-90 planner: run the lesson in Jupyter or on Binder to change the "
            "patient, the lung shunt, T/N, the microspheres and the method."
        )

    def inputs(self) -> PlanInputs:
        """The plan inputs the controls describe; ValueError says why when they are impossible."""
        return replace(
            self._given,
            height_cm=float(self.height_cm.value),
            weight_kg=float(self.weight_kg.value),
            liver_volume_ml=float(self.liver_volume_ml.value),
            tumour_volume_ml=float(self.tumour_volume_ml.value),
            lung_shunt=float(self.lung_shunt_percent.value) / 100,
            tumour_to_normal=float(self.tumour_to_normal.value),
            device=self.device.value,
            method=self.method.value,
            target_dose_gy=(
                None if self.method.value is Method.BSA else float(self.target_dose_gy.value)
            ),
            dose_coefficient=float(self.dose_coefficient.value),
            previous_lung_dose_gy=float(self.previous_lung_dose_gy.value),
        )

    def _device_changed(self, change: object = None) -> None:
        device = Device(self.device.value)
        self._syncing = True
        try:
            self.method.options = _METHODS_BY_DEVICE[device]
            self.method.value = _METHODS_BY_DEVICE[device][0][1]
            self._show_target()
        finally:
            self._syncing = False
        self._update()

    def _method_changed(self, change: object = None) -> None:
        if self._syncing:
            return
        self._syncing = True
        try:
            self._show_target()
        finally:
            self._syncing = False
        self._update()

    def _show_target(self, *, reset: bool = True) -> None:
        """Label the target slider for this method and (on a change) set its sourced default."""
        method = Method(self.method.value)
        self.target_dose_gy.description = _TARGET_LABELS[method]
        self.target_dose_gy.disabled = method is Method.BSA
        fact = DEFAULT_TARGET_FACT.get((Device(self.device.value), method))
        if reset and fact is not None:
            self.target_dose_gy.value = facts.get(fact).value

    def _update(self, change: object = None) -> None:
        if self._syncing:
            return
        try:
            inputs = self.inputs()
        except ValueError as error:
            reason = str(error)
            for name, label in _FIELD_LABELS.items():
                reason = reason.replace(name, f"“{label}”")
            self.message.value = (
                f"<p role='alert'><strong>Cannot plan this:</strong> {html.escape(reason)}. "
                "The numbers still show the last plan that could be made.</p>"
            )
            return
        self.message.value = ""
        self.plan = plan_y90(inputs)
        self.diagram.value = _diagram_html(round(inputs.lung_shunt, 4), inputs.device.value)
        self.activity.value = _activity_html(self.plan)
        self.doses.value = _doses_html(self.plan)
        self.checks.value = _checks_html(self.plan)


def y90_planner(inputs: PlanInputs | None = None) -> Y90Planner:
    """An interactive Y-90 radioembolization planner with doses checked against their limits."""
    return Y90Planner(inputs)
