"""The Y-90 planner, driven headlessly: set control values, check the plan and the views."""

from __future__ import annotations

import re

import pytest

from livermets_edu import derived, facts
from livermets_edu.models.dosimetry import Device, Method, PlanInputs, Severity, plan_y90
from livermets_edu.widgets import y90_planner


@pytest.fixture
def planner():
    return y90_planner()


def _alt(planner) -> str:
    match = re.search(r'alt="([^"]*)"', planner.diagram.value)
    assert match, "the diagram has no alt text"
    return match.group(1)


def test_first_plan_is_drawn_on_creation(planner):
    assert planner.plan.inputs.device is Device.GLASS
    assert planner.plan.inputs.method is Method.SINGLE_COMPARTMENT
    assert planner.diagram.value.startswith("<figure")
    assert f"Activity: {planner.plan.activity_gbq:.2f} GBq" in planner.activity.value
    for label in ("Tumour", "Normal liver", "Lung (this session)"):
        assert label in planner.doses.value
    assert "by day 11" in planner.activity.value


def test_the_plan_is_the_models_plan(planner):
    planner.liver_volume_ml.value = 2000
    planner.tumour_volume_ml.value = 400
    assert planner.plan == plan_y90(planner.inputs())
    assert planner.plan.inputs.liver_volume_ml == 2000


def test_target_slider_starts_at_the_sourced_dose(planner):
    assert planner.target_dose_gy.value == facts.get("Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC").value
    assert planner.plan.doses.perfused_liver_gy == pytest.approx(planner.target_dose_gy.value)


def test_switching_to_resin_offers_the_bsa_method(planner):
    planner.device.value = Device.RESIN
    methods = [value for _, value in planner.method.options]
    assert methods == [Method.BSA, Method.PARTITION]
    assert planner.plan.inputs.method is Method.BSA
    assert planner.target_dose_gy.disabled
    assert "BSA (DuBois)" in planner.activity.value
    planner.method.value = Method.PARTITION
    assert not planner.target_dose_gy.disabled
    assert (
        planner.target_dose_gy.value == facts.get("TARANIS_NORMAL_LIVER_WARNING_DOSE_RESIN").value
    )
    assert planner.plan.doses.normal_liver_gy == pytest.approx(planner.target_dose_gy.value)


def test_a_high_lung_shunt_stops_the_plan_and_says_why(planner):
    planner.lung_shunt_percent.value = 20
    assert not planner.plan.treatable
    assert "Not treatable as planned" in planner.checks.value
    assert facts.get("LUNG_DOSE_LIMIT_PER_SESSION").source in planner.checks.value
    assert "OVER the limit" in planner.doses.value


def test_resin_shunt_reduction_is_shown(planner):
    planner.device.value = Device.RESIN
    planner.lung_shunt_percent.value = 12
    assert planner.plan.lsf_reduction == pytest.approx(0.2)
    assert "cut by 20%" in planner.checks.value


def test_the_diagram_follows_the_lung_shunt(planner):
    planner.lung_shunt_percent.value = 0
    assert "no arrow to the lungs" in _alt(planner)
    planner.lung_shunt_percent.value = 12
    assert "12%" in _alt(planner)


def test_code_defaults_are_marked_as_such(planner):
    planner.device.value = Device.RESIN
    planner.tumour_to_normal.value = 1.0
    assert any(c.name == "tumour_to_normal_ratio" for c in planner.plan.crossed)
    assert "a code default, not a guideline" in planner.checks.value


def test_an_impossible_setting_names_the_control_and_keeps_the_last_plan(planner):
    planner.tumour_volume_ml.value = 1500  # valid: the liver is still larger
    last, shown = planner.plan, planner.doses.value
    planner.liver_volume_ml.value = 1000  # now the tumour is larger than the liver
    assert "Cannot plan this" in planner.message.value
    assert "“Tumour volume”" in planner.message.value
    assert "tumour_volume_ml" not in planner.message.value
    assert planner.plan is last
    assert planner.doses.value == shown
    planner.liver_volume_ml.value = 2500
    assert planner.message.value == ""
    assert planner.plan.inputs.liver_volume_ml == 2500


def test_given_inputs_are_kept_even_without_a_control():
    given = PlanInputs(
        **(derived.Y90_CASE | {"target_dose_gy": 90.0, "lung_mass_kg": 0.8})  # type: ignore[arg-type]
    )
    planner = y90_planner(given)
    assert planner.target_dose_gy.value == 90
    assert planner.plan.doses.perfused_liver_gy == pytest.approx(90)
    assert planner.plan.inputs.lung_mass_kg == 0.8
    planner.tumour_to_normal.value = 4
    assert planner.plan.inputs.lung_mass_kg == 0.8


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"height_cm": 230.0}, "height_cm"),
        ({"tumour_to_normal": 0.2}, "tumour_to_normal"),
        ({"dose_coefficient": 49.0}, "dose_coefficient"),
    ],
)
def test_values_the_controls_cannot_show_are_refused_by_name(change, field):
    with pytest.raises(ValueError, match=field):
        y90_planner(PlanInputs(**(derived.Y90_CASE | change)))  # type: ignore[arg-type]


def test_the_checks_are_not_an_alert_but_a_bad_setting_is(planner):
    planner.lung_shunt_percent.value = 20
    assert "role='alert'" not in planner.checks.value
    planner.tumour_volume_ml.value = 1500
    planner.liver_volume_ml.value = 1000
    assert "role='alert'" in planner.message.value


def test_earlier_lung_dose_adds_a_cumulative_bar(planner):
    assert "Lung (all sessions)" not in planner.doses.value
    planner.previous_lung_dose_gy.value = 45
    assert "Lung (all sessions)" in planner.doses.value
    assert planner.plan.cumulative_lung_gy > 45


def test_energy_per_gbq_is_a_choice(planner):
    eanm = planner.plan.activity_gbq
    planner.dose_coefficient.value = facts.get("Y90_DOSE_COEFFICIENT_LABEL").value
    ratio = (
        facts.get("Y90_DOSE_COEFFICIENT_EANM").value / facts.get("Y90_DOSE_COEFFICIENT_LABEL").value
    )
    assert planner.plan.activity_gbq == pytest.approx(eanm * ratio)


def test_a_given_plan_sets_the_controls():
    given = PlanInputs(
        height_cm=160,
        weight_kg=60,
        liver_volume_ml=1400,
        tumour_volume_ml=100,
        lung_shunt=0.08,
        tumour_to_normal=4,
        device="resin",
        method="partition",
    )
    planner = y90_planner(given)
    assert planner.plan.inputs.lung_shunt == pytest.approx(0.08)
    assert planner.plan.inputs.method is Method.PARTITION
    assert planner.plan.inputs.device is Device.RESIN


def test_repr_explains_where_widgets_cannot_run(planner):
    assert "Binder" in repr(planner)


def test_every_crossed_check_appears_in_words(planner):
    planner.lung_shunt_percent.value = 25
    planner.tumour_to_normal.value = 1.0
    for check in planner.plan.crossed:
        word = {Severity.STOP: "Stop", Severity.WARNING: "Check"}
        assert f"{word[check.severity]}:</strong>" in planner.checks.value
