"""Bank 08 keys rest on relations between facts and model outputs; check they still hold.

Each test names the item whose key (or whose stated tolerance) depends on the relation, so a
change to a fact or to the dosimetry model that would make an item wrong fails here.
"""

from __future__ import annotations

import pytest

from livermets_edu import derived, facts
from livermets_edu.models import dosimetry
from livermets_edu.quiz import Numeric, grade, load_bank

BANK = load_bank("08-liver-directed")
CASE = derived.Y90_CASE


def fact(name: str) -> float:
    return facts.get(name).value


def value(name: str) -> float:
    return derived.value(name)


def numeric(question_id: str) -> Numeric:
    question = BANK[question_id]
    assert isinstance(question, Numeric)
    return question


def test_arterial_rationale_holds():
    # ld-001: tumours mostly arterial, normal liver mostly portal.
    assert fact("METASTASIS_ARTERIAL_SUPPLY_FRACTION") > 0.5
    assert fact("PORTAL_VEIN_FLOW_FRACTION") > 0.5


def test_microsphere_comparison_holds():
    # ld-008: resin spheres carry less activity, glass is denser whichever source, and resin
    # spheres can be larger than any glass sphere.
    assert fact("MICROSPHERE_ACTIVITY_RESIN") < fact("MICROSPHERE_ACTIVITY_GLASS")
    assert facts.get("MICROSPHERE_SPECIFIC_GRAVITY_GLASS").low > fact(
        "MICROSPHERE_SPECIFIC_GRAVITY_RESIN"
    )
    assert (
        facts.get("MICROSPHERE_DIAMETER_RESIN").high > facts.get("MICROSPHERE_DIAMETER_GLASS").high
    )


def test_trial_items_keep_the_two_hazard_ratios_of_0_69_apart():
    # ld-015, ld-017: the same number, two trials, two end points; first-line PFS and OS not
    # improved; liver PFS longer with SIRT.
    assert fact("SIRFLOX_LIVER_PFS_HR") == fact("EPOCH_PFS_HR")
    assert "not significant" in facts.get("SIRFLOX_PFS_HR").note
    assert "not significant" in facts.get("FOXFIRE_COMBINED_OS_HR").note
    assert fact("SIRFLOX_MEDIAN_LIVER_PFS_SIRT") > fact("SIRFLOX_MEDIAN_LIVER_PFS_CONTROL")
    assert "First-line" in facts.get("SIRFLOX_LIVER_PFS_HR").note
    assert "Second-line" in facts.get("EPOCH_PFS_HR").note


def test_hai_items_match_the_trial_notes():
    # ld-035: adjuvant setting; long-term OS difference not significant (P = 0.10).
    assert "Adjuvant" in facts.get("KEMENY_1999_PATIENTS").note
    assert "P = 0.10" in facts.get("KEMENY_UPDATE_MEDIAN_OS_HAI").note
    assert fact("KEMENY_1999_2Y_OS_HAI") > fact("KEMENY_1999_2Y_OS_SYSTEMIC")


def test_reild_is_not_the_external_beam_threshold():
    # ld-013: radioembolization has safely given more than the external-beam RILD threshold.
    assert (
        fact("RADIOEMBOLIZATION_SAFE_LIVER_DOSE_REPORTED")
        > facts.get("EBRT_RILD_DOSE_THRESHOLD").high
    )


def test_decay_items_hold():
    # ld-019: day 11 is a little over four half-lives and almost all the dose is delivered.
    half_lives = 11 * 24 / fact("Y90_HALF_LIFE")
    assert 4 < half_lives < 4.5
    assert value("Y90_PERCENT_OF_DOSE_DELIVERED_BY_DAY_11") > 90
    # ld-020: 90% takes a little over three half-lives.
    days_per_half_life = fact("Y90_HALF_LIFE") / 24
    assert 3 < value("Y90_DAYS_TO_DELIVER_90_PERCENT") / days_per_half_life < 3.5


def test_dose_coefficient_items_hold():
    # ld-021, ld-022: the first-principles figure and both conventions lie in the range; the
    # label's 50 gives a slightly higher dose than 49.67.
    coefficient = facts.get("Y90_DOSE_COEFFICIENT_EANM")
    for number in (
        value("Y90_ENERGY_PER_GBQ_FROM_DECAY"),
        fact("Y90_DOSE_COEFFICIENT_LABEL"),
        fact("Y90_DOSE_COEFFICIENT_EANM"),
    ):
        assert coefficient.low <= number <= coefficient.high
    assert 0 < value("Y90_LABEL_COEFFICIENT_EXCESS_OVER_EANM") < 1
    assert not facts.get("Y90_MEAN_BETA_ENERGY").verified  # the item calls it uncertain


def test_lung_dose_tolerance_accepts_the_label_coefficient():
    # ld-023: "answers within 1% ... includes the result with the label's 50 J/GBq".
    with_label = dosimetry.lung_dose_gy(
        2.0, 0.10, dose_coefficient=fact("Y90_DOSE_COEFFICIENT_LABEL")
    )
    assert grade(numeric("ld-023"), with_label).correct
    assert value("Y90_LUNG_DOSE_2_GBQ_LSF_10_PERCENT") < fact("LUNG_DOSE_LIMIT_PER_SESSION")


def test_second_session_crosses_the_session_limits_but_not_the_cumulative_one():
    # ld-024: options a and b keyed, c and d wrong, e wrong (a larger coefficient, a larger dose).
    assert value("Y90_LUNG_DOSE_8_GBQ_LSF_8_PERCENT") > fact("LUNG_DOSE_LIMIT_PER_SESSION")
    assert value("Y90_LUNG_ACTIVITY_8_GBQ_LSF_8_PERCENT") > fact("Y90_GLASS_LUNG_ACTIVITY_LIMIT")
    cumulative = value("Y90_CUMULATIVE_LUNG_DOSE_2_GBQ_LSF_10_THEN_8_GBQ_LSF_8")
    assert cumulative == pytest.approx(
        value("Y90_LUNG_DOSE_2_GBQ_LSF_10_PERCENT") + value("Y90_LUNG_DOSE_8_GBQ_LSF_8_PERCENT")
    )
    assert cumulative < fact("LUNG_DOSE_LIMIT_CUMULATIVE")
    assert fact("Y90_DOSE_COEFFICIENT_LABEL") > fact("Y90_DOSE_COEFFICIENT_EANM")


def test_lsf_item_rejects_dividing_by_liver_counts_alone():
    # ld-025
    question = numeric("ld-025")
    assert grade(question, 40 / 760 * 100).correct
    assert not grade(question, 40 / 720 * 100).correct


def test_glass_lung_activity_item_holds():
    # ld-026: the label limit allows slightly more than the 30 Gy rule with 49.67 J/GBq, and the
    # tolerance separates the two answers.
    question = numeric("ld-026")
    limit_activity = value("Y90_GLASS_MAX_ACTIVITY_LSF_8_PERCENT")
    assert limit_activity * 0.08 == pytest.approx(fact("Y90_GLASS_LUNG_ACTIVITY_LIMIT"))
    thirty_gy_activity = value("Y90_MAX_ACTIVITY_FOR_30_GY_LUNG_LSF_8_PERCENT")
    assert thirty_gy_activity < limit_activity
    assert value("Y90_GLASS_LUNG_LIMIT_DOSE_AT_LABEL_COEFFICIENT") > fact(
        "LUNG_DOSE_LIMIT_PER_SESSION"
    )
    assert not grade(question, round(thirty_gy_activity, 2)).correct
    assert grade(question, round(limit_activity, 2)).correct


def test_resin_bsa_item_tolerance():
    # ld-027: a rounded BSA is accepted; dividing by the normal liver alone is not.
    question = numeric("ld-027")
    tumour, liver = CASE["tumour_volume_ml"], CASE["liver_volume_ml"]
    offset = fact("Y90_RESIN_BSA_METHOD_OFFSET")
    rounded_bsa = round(value("Y90_CASE_BSA_DUBOIS"), 1)
    assert grade(question, rounded_bsa - offset + tumour / liver).correct
    assert not grade(question, rounded_bsa - offset + tumour / (liver - tumour)).correct


def test_resin_tier_items_hold():
    # ld-028: at 17% the tiers cut by the second step; Sangro would already withhold.
    assert dosimetry.resin_lsf_activity_reduction(0.17) == fact(
        "Y90_RESIN_LSF_SECOND_ACTIVITY_REDUCTION"
    )
    assert 0.17 >= fact("Y90_LSF_WITHHOLD_THRESHOLD_SANGRO")
    assert 0.17 <= fact("Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD")
    # ld-029: at 12% the first cut applies; giving 20% *of* the activity is rejected.
    cut = fact("Y90_RESIN_LSF_FIRST_ACTIVITY_REDUCTION")
    assert dosimetry.resin_lsf_activity_reduction(0.12) == cut
    base = value("Y90_CASE_RESIN_BSA_ACTIVITY")
    assert value("Y90_CASE_RESIN_BSA_ACTIVITY_LSF_12_PERCENT") == pytest.approx(base * (1 - cut))
    assert not grade(numeric("ld-029"), base * cut).correct


def test_glass_activity_item_tolerance():
    # ld-030: the label's 50 J/GBq is accepted; forgetting density or (1 − LSF) is not.
    question = numeric("ld-030")
    dose = fact("Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC")
    mass = dosimetry.liver_mass_kg(CASE["liver_volume_ml"])
    lsf = CASE["lung_shunt"]
    label = fact("Y90_DOSE_COEFFICIENT_LABEL")
    assert grade(
        question, dosimetry.single_compartment_activity_gbq(dose, mass, lsf, dose_coefficient=label)
    ).correct
    eanm = fact("Y90_DOSE_COEFFICIENT_EANM")
    no_density = dosimetry.single_compartment_activity_gbq(
        dose, CASE["liver_volume_ml"] / 1000, lsf, dose_coefficient=eanm
    )
    no_shunt = dosimetry.single_compartment_activity_gbq(dose, mass, 0.0, dose_coefficient=eanm)
    assert not grade(question, no_density).correct
    assert not grade(question, no_shunt).correct


def test_partition_items_hold():
    # ld-031: normal liver above the EANM limit; tumour = T/N × normal.
    normal = value("Y90_CASE_GLASS_NORMAL_LIVER_DOSE")
    assert normal > fact("Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT")
    assert value("Y90_CASE_GLASS_TUMOUR_DOSE") == pytest.approx(CASE["tumour_to_normal"] * normal)
    # ld-032: raising T/N at the same activity moves dose from normal liver to tumour, the
    # mass-weighted mean is unchanged, and at T/N 5 the tumour still holds less total activity.
    tumour_mass = dosimetry.liver_mass_kg(CASE["tumour_volume_ml"])
    normal_mass = dosimetry.liver_mass_kg(CASE["liver_volume_ml"] - CASE["tumour_volume_ml"])
    t3, n3 = value("Y90_CASE_GLASS_TUMOUR_DOSE"), normal
    t5, n5 = (
        value("Y90_CASE_GLASS_TUMOUR_DOSE_TN_5"),
        value("Y90_CASE_GLASS_NORMAL_LIVER_DOSE_TN_5"),
    )
    assert t5 > t3 and n5 < n3
    assert t5 * tumour_mass + n5 * normal_mass == pytest.approx(t3 * tumour_mass + n3 * normal_mass)
    assert 5 * tumour_mass < normal_mass
    # ld-033: planning at the normal-liver limit still reaches the tumour target, with less
    # activity than the single-compartment plan.
    assert value("Y90_CASE_GLASS_PARTITION_TUMOUR_DOSE") >= fact("Y90_GLASS_TUMOUR_DOSE_MCRC")
    assert value("Y90_CASE_GLASS_PARTITION_ACTIVITY") < value("Y90_CASE_GLASS_ACTIVITY")


def test_taranis_ratio_is_labelled_a_code_default():
    # ld-032 calls the T/N warning a code default, not a guideline.
    assert not facts.get("TARANIS_TUMOUR_TO_NORMAL_RATIO_WARNING").verified
    assert "not a guideline" in BANK["ld-032"].explanation
