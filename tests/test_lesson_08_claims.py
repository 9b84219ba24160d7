"""Lesson 08 states things about the Y-90 model and the trial facts; check they still hold."""

from __future__ import annotations

from livermets_edu import derived, facts
from livermets_edu.models.dosimetry import PlanInputs, plan_y90


def test_the_lesson_generators_claims_about_the_model_hold(lesson_generator):
    module = lesson_generator("08")
    module._check_claims()  # raises when the model or facts no longer say what the lesson says


def test_the_lesson_reads_each_confidence_interval_from_its_fact(lesson_generator):
    module = lesson_generator("08")
    interval = module.ci("SIRFLOX_PFS_HR")
    assert f"95% CI {interval}" in facts.SIRFLOX_PFS_HR.note
    low, high = module.ci_bounds("SIRFLOX_PFS_HR")
    assert low < facts.SIRFLOX_PFS_HR.value < high


def test_the_planner_starts_at_the_lesson_case():
    # Section 5 says the planner opens on the worked case of section 6.
    from livermets_edu.widgets import y90_planner

    case = PlanInputs(**derived.Y90_CASE)
    planner = y90_planner()
    # The planner states its target dose; the case takes the same sourced default.
    assert planner.plan.inputs == PlanInputs(**derived.Y90_CASE, target_dose_gy=case.target_dose)
    assert planner.plan.activity_gbq == plan_y90(case).activity_gbq
