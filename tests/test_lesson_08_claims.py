"""Lesson 08 states things about the Y-90 model and the trial facts; check they still hold."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from livermets_edu import derived, facts
from livermets_edu.models.dosimetry import PlanInputs, plan_y90

ROOT = Path(__file__).resolve().parents[1]


def _generator(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))  # the generator imports lesson_tools
    spec = importlib.util.spec_from_file_location(
        "make_lesson_08", ROOT / "scripts" / "make_lesson_08.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_lesson_generators_claims_about_the_model_hold(monkeypatch):
    module = _generator(monkeypatch)
    module._check_claims()  # raises when the model or facts no longer say what the lesson says


def test_the_lesson_reads_each_confidence_interval_from_its_fact(monkeypatch):
    module = _generator(monkeypatch)
    interval = module.ci("SIRFLOX_PFS_HR")
    assert f"95% CI {interval}" in facts.SIRFLOX_PFS_HR.note
    low, high = module.ci_bounds("SIRFLOX_PFS_HR")
    assert low < facts.SIRFLOX_PFS_HR.value < high


def test_the_worked_case_is_the_derived_case():
    # Section 6 prints the planner's plan for derived.Y90_CASE; the prose quotes derived values.
    plan = plan_y90(PlanInputs(**derived.Y90_CASE))
    assert plan.activity_gbq == derived.value("Y90_CASE_GLASS_ACTIVITY")
    assert plan.doses.tumour_gy == derived.value("Y90_CASE_GLASS_TUMOUR_DOSE")


def test_the_planner_starts_at_the_lesson_case():
    # Section 5 says the planner opens on the worked case of section 6.
    from livermets_edu.widgets import y90_planner

    case = PlanInputs(**derived.Y90_CASE)
    planner = y90_planner()
    # The planner states its target dose; the case takes the same sourced default.
    assert planner.plan.inputs == PlanInputs(**derived.Y90_CASE, target_dose_gy=case.target_dose)
    assert planner.plan.activity_gbq == plan_y90(case).activity_gbq
