"""Derived quantities: model outputs named for banks and lessons, checked against the models."""

from __future__ import annotations

import math

import pytest

from livermets_edu import derived, facts
from livermets_edu.quiz.placeholders import PlaceholderError, fill_fact_placeholders
from livermets_edu.quiz.schema import parse_question


def test_arrhenius_time_matches_the_closed_form_from_the_facts():
    a = facts.get("LIVER_ARRHENIUS_FREQUENCY_FACTOR").value
    ea = facts.get("LIVER_ARRHENIUS_ACTIVATION_ENERGY").value
    r = facts.get("MOLAR_GAS_CONSTANT").value
    expected = 1.0 / (a * math.exp(-ea / (r * (55.0 + 273.15))))
    assert derived.value("ARRHENIUS_SECONDS_TO_OMEGA_1_AT_55_C") == pytest.approx(expected)
    # Ω = 4.6 takes 4.6 times as long at the same temperature.
    assert derived.value("ARRHENIUS_SECONDS_TO_OMEGA_4_6_AT_55_C") == pytest.approx(4.6 * expected)


def test_cem43_times_match_the_sheets_worked_example():
    # clinical-facts.md worked example 14: 60 min at 45 °C, 1.875 min at 50 °C, 3.5 s at 55 °C.
    assert derived.value("CEM43_MINUTES_TO_THRESHOLD_AT_45_C") == pytest.approx(60.0)
    assert derived.value("CEM43_MINUTES_TO_THRESHOLD_AT_50_C") == pytest.approx(1.875)
    assert derived.value("CEM43_SECONDS_TO_THRESHOLD_AT_55_C") == pytest.approx(3.5, abs=0.05)


def test_tissue_scales_match_the_sheets_implied_values():
    # clinical-facts.md §5: α = 1.36e-7 m²/s, τ ≈ 292 s, thermal length ≈ 6.3 mm.
    assert derived.value("LIVER_THERMAL_DIFFUSIVITY") == pytest.approx(1.36e-7, rel=0.01)
    assert derived.value("PERFUSION_TIME_CONSTANT") == pytest.approx(292, rel=0.01)
    assert derived.value("THERMAL_LENGTH") == pytest.approx(6.3, rel=0.01)


def test_text_rounds_to_the_stated_digits_with_the_unit():
    assert derived.get("CEM43_MINUTES_TO_THRESHOLD_AT_50_C").text == "1.875 min"
    assert derived.get("THERMAL_LENGTH").text == "6.3 mm"


def test_unknown_name_suggests_close_ones():
    with pytest.raises(KeyError, match="did you mean THERMAL_LENGTH"):
        derived.get("THERMAL_LENGHT")


def test_placeholders_fill_derived_text_and_reject_unknown_names():
    assert fill_fact_placeholders("L = {derived:THERMAL_LENGTH}.") == "L = 6.3 mm."
    with pytest.raises(PlaceholderError, match="names no quantity"):
        fill_fact_placeholders("{derived:NOPE}")
    with pytest.raises(PlaceholderError, match="malformed placeholder"):
        fill_fact_placeholders("{derived: THERMAL_LENGTH}")


def test_numeric_answer_from_a_derived_quantity_grades_against_the_model():
    question = parse_question(
        {
            "id": "d-001",
            "type": "numeric",
            "stem": "How many seconds at 55 °C until Ω = 1?",
            "answer": {"derived": "ARRHENIUS_SECONDS_TO_OMEGA_1_AT_55_C", "rel_tol": 0.1},
            "source": "model",
        }
    )
    expected = derived.value("ARRHENIUS_SECONDS_TO_OMEGA_1_AT_55_C")
    assert question.answer.expected == pytest.approx(expected)
    low, high = question.answer.accepted_interval
    assert low == pytest.approx(0.9 * expected) and high == pytest.approx(1.1 * expected)


def test_simulated_quantities_agree_with_the_simulator():
    from livermets_edu.models.ablation import AblationSetup, simulate_ablation

    result = simulate_ablation(AblationSetup(**derived.HEAT_SINK_CASE))
    assert derived.value("MODEL_HEAT_SINK_MARGIN_TOWARD_VESSEL") == pytest.approx(
        result.margin_toward_vessel_mm
    )
    assert derived.value("MODEL_HEAT_SINK_MARGIN_TOWARD_VESSEL") < derived.value(
        "MODEL_HEAT_SINK_MARGIN_AWAY_FROM_VESSEL"
    )
