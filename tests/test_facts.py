"""The facts module: every number sourced, ranges explained, and the sheet's worked examples."""

from __future__ import annotations

import ast
import math
import re
from pathlib import Path

import pytest

from livermets_edu import facts
from livermets_edu.facts import ALL, Fact

FACTS_PY = Path(facts.__file__)
HOURS_PER_DAY = 24.0
SECONDS_PER_HOUR = 3600.0


def f(name: str) -> float:
    return facts.get(name).value


# --- Every fact ---------------------------------------------------------------------------------


def test_there_are_facts() -> None:
    assert len(ALL) > 100


@pytest.mark.parametrize("name", sorted(ALL))
def test_every_fact_has_a_source_and_a_unit(name: str) -> None:
    fact = ALL[name]
    assert fact.source.strip(), name
    assert fact.unit.strip(), name


@pytest.mark.parametrize("name", sorted(n for n, fact in ALL.items() if fact.has_range))
def test_every_range_is_explained(name: str) -> None:
    fact = ALL[name]
    assert fact.note.strip(), f"{name} has a range but no note"
    assert fact.low is not None and fact.high is not None
    assert fact.low <= fact.value <= fact.high


@pytest.mark.parametrize("name", sorted(n for n, fact in ALL.items() if not fact.verified))
def test_every_unverified_fact_says_why(name: str) -> None:
    assert ALL[name].note.strip(), f"{name} is unverified but has no note"


@pytest.mark.parametrize("name", sorted(n for n, fact in ALL.items() if fact.unit == "fraction"))
def test_fractions_lie_between_0_and_1(name: str) -> None:
    fact = ALL[name]
    for number in (fact.value, fact.low, fact.high):
        if number is not None:
            assert 0.0 <= number <= 1.0, f"{name}: {number}"


def test_names_are_upper_snake() -> None:
    for name in ALL:
        assert name.isupper() and name.replace("_", "").isalnum(), name


def test_no_fact_name_is_defined_twice() -> None:
    tree = ast.parse(FACTS_PY.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names += [t.id for t in targets if isinstance(t, ast.Name)]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    assert not duplicates, duplicates
    assert set(ALL) <= set(names)


def test_taranis_defaults_are_flagged_as_code_defaults() -> None:
    taranis = [name for name in ALL if name.startswith("TARANIS_")]
    assert len(taranis) == 7
    for name in taranis:
        assert not ALL[name].verified
        assert "not a guideline" in ALL[name].note


def test_disputed_fong_survival_by_score_is_unverified() -> None:
    by_score = [name for name in ALL if name.startswith("FONG_5Y_SURVIVAL_SCORE_")]
    assert len(by_score) == 6
    for name in by_score:
        assert not ALL[name].verified
        assert "Disputed" in ALL[name].note


# --- The Fact class -----------------------------------------------------------------------------


def test_get_unknown_name_raises_key_error() -> None:
    with pytest.raises(KeyError, match="NOPE"):
        facts.get("NOPE")


def test_get_suggests_near_matches() -> None:
    with pytest.raises(KeyError, match="did you mean.*Y90_HALF_LIFE"):
        facts.get("Y90_HALF_LIF")


def test_fact_rejects_value_outside_range() -> None:
    with pytest.raises(ValueError, match="outside"):
        Fact(2.0, "Gy", "a source", low=0.0, high=1.0)


def test_fact_rejects_missing_source() -> None:
    with pytest.raises(ValueError, match="source"):
        Fact(1.0, "Gy", "  ")


@pytest.mark.parametrize("bounds", [{"low": 0.0}, {"high": 2.0}])
def test_fact_rejects_half_range(bounds: dict[str, float]) -> None:
    with pytest.raises(ValueError, match="both"):
        Fact(1.0, "Gy", "a source", **bounds)


def test_text_and_range_text() -> None:
    portal = facts.get("PORTAL_VEIN_FLOW_FRACTION")
    assert portal.text == "75%"
    assert portal.range_text == "67–80%"
    assert facts.get("Y90_HALF_LIFE").text == "64.1 h"
    assert facts.get("Y90_HALF_LIFE").range_text == "64.1 h"
    assert facts.get("MIN_SFLR_NORMAL_LIVER").range_text == "20–25%"
    assert facts.get("BLOOD_DENSITY").range_text == "1000–1020 kg/m^3"
    assert facts.get("TELV_VAUTHEY_R_SQUARED").text == "0.46"
    # Large counts read as words or with thousands separators, never as 6e+07.
    assert facts.get("MICROSPHERES_PER_3_GBQ_RESIN").text == "60 million spheres"
    assert facts.get("MICROSPHERES_PER_3_GBQ_GLASS").text == "1.2 million spheres"
    assert facts.get("LIVER_ARRHENIUS_ACTIVATION_ENERGY").text == "257,700 J/mol"


# --- Worked examples from the sheet, computed from the facts ------------------------------------


def test_glass_lung_activity_limit_matches_30_gy() -> None:
    dose = f("Y90_GLASS_LUNG_ACTIVITY_LIMIT") * f("Y90_DOSE_COEFFICIENT_LABEL")
    assert dose == pytest.approx(30.5, abs=0.01)
    assert dose == pytest.approx(f("LUNG_DOSE_LIMIT_PER_SESSION"), rel=0.02)


def test_ho166_reference_dose() -> None:
    dose = f("HO166_ACTIVITY_PER_KG_FOR_60_GY") * f("HO166_DOSE_COEFFICIENT")
    assert dose == pytest.approx(59.99, abs=0.01)


def test_resin_lsf_tiers_are_ordered() -> None:
    first = f("Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD")
    second = f("Y90_RESIN_LSF_SECOND_REDUCTION_THRESHOLD")
    assert first < second < f("Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD")
    reductions = (
        "Y90_RESIN_LSF_FIRST_ACTIVITY_REDUCTION",
        "Y90_RESIN_LSF_SECOND_ACTIVITY_REDUCTION",
    )
    assert f(reductions[0]) < f(reductions[1])


def telv(bsa: float) -> float:
    return f("TELV_VAUTHEY_INTERCEPT") + f("TELV_VAUTHEY_BSA_COEFFICIENT") * bsa


@pytest.mark.parametrize(("bsa", "expected"), [(1.9, 1613.4), (1.7, 1360.0), (2.0, 1740.15)])
def test_telv(bsa: float, expected: float) -> None:
    assert telv(bsa) == pytest.approx(expected, abs=0.05)


def cem43_minutes_to_threshold(temperature_c: float) -> float:
    reference = f("CEM43_REFERENCE_TEMPERATURE")
    r = f("CEM43_R_AT_OR_ABOVE_43") if temperature_c >= reference else f("CEM43_R_BELOW_43")
    return f("CEM43_NECROSIS_THRESHOLD") / r ** (reference - temperature_c)


@pytest.mark.parametrize(
    ("temperature_c", "minutes"),
    [(43, 240.0), (45, 60.0), (50, 1.875), (52, 0.469), (55, 3.5 / 60), (60, 0.11 / 60)],
)
def test_cem43_time_to_necrosis_threshold(temperature_c: float, minutes: float) -> None:
    assert cem43_minutes_to_threshold(temperature_c) == pytest.approx(minutes, rel=0.01, abs=1e-3)


def test_thermal_scales() -> None:
    rho, c, k = (
        f("LIVER_TISSUE_DENSITY"),
        f("LIVER_SPECIFIC_HEAT_CAPACITY"),
        f("LIVER_THERMAL_CONDUCTIVITY"),
    )
    diffusivity = k / (rho * c)
    assert diffusivity == pytest.approx(1.36e-7, rel=0.01)
    perfusion = (
        f("LIVER_BLOOD_PERFUSION_RATE") * f("BLOOD_DENSITY") * f("BLOOD_SPECIFIC_HEAT_CAPACITY")
    )
    tau = rho * c / perfusion
    assert tau == pytest.approx(292, abs=1)
    assert math.sqrt(diffusivity * tau) == pytest.approx(6.3e-3, abs=0.05e-3)


def test_arrhenius_omega_meanings() -> None:
    for omega, damaged in (
        ("ARRHENIUS_OMEGA_63_PERCENT_DAMAGE", "ARRHENIUS_DAMAGE_AT_OMEGA_1"),
        ("ARRHENIUS_OMEGA_99_PERCENT_DAMAGE", "ARRHENIUS_DAMAGE_AT_OMEGA_4_6"),
    ):
        assert 1 - math.exp(-f(omega)) == pytest.approx(f(damaged), abs=0.005)


def test_heat_sink_counts() -> None:
    assert f("LOCAL_RECURRENCE_NEAR_LARGE_VESSEL") == pytest.approx(20 / 101, abs=0.0005)
    assert f("LOCAL_RECURRENCE_AWAY_FROM_LARGE_VESSEL") == pytest.approx(13 / 463, abs=0.0005)


def test_margin_lpfs_rises_with_margin() -> None:
    rates = [
        f(name)
        for name in (
            "LPFS_2Y_MARGIN_0_MM",
            "LPFS_2Y_MARGIN_1_TO_5_MM",
            "LPFS_2Y_MARGIN_6_TO_10_MM",
            "LPFS_2Y_MARGIN_11_TO_15_MM",
        )
    ]
    assert rates == sorted(rates)


def ppv(se: float, sp: float, p: float) -> float:
    return se * p / (se * p + (1 - sp) * (1 - p))


def npv(se: float, sp: float, p: float) -> float:
    return sp * (1 - p) / (sp * (1 - p) + (1 - se) * p)


@pytest.mark.parametrize(
    ("modality", "p", "expected_ppv", "expected_npv"),
    [
        ("CT", 0.05, 47.2, 98.6),
        ("CT", 0.25, 85.0, 91.9),
        ("MRI", 0.50, 96.7, 83.7),
        ("PET", 0.05, 79.2, 99.7),
    ],
)
def test_bayes_table_from_floriani(
    modality: str, p: float, expected_ppv: float, expected_npv: float
) -> None:
    se = f(f"FLORIANI_{modality}_SENSITIVITY_PER_PATIENT")
    sp = f(f"FLORIANI_{modality}_SPECIFICITY_PER_PATIENT")
    assert 100 * ppv(se, sp, p) == pytest.approx(expected_ppv, abs=0.06)
    assert 100 * npv(se, sp, p) == pytest.approx(expected_npv, abs=0.06)


def test_likelihood_ratios_from_floriani() -> None:
    se = f("FLORIANI_CT_SENSITIVITY_PER_PATIENT")
    sp = f("FLORIANI_CT_SPECIFICITY_PER_PATIENT")
    assert se / (1 - sp) == pytest.approx(17.0, abs=0.05)
    assert (1 - se) / sp == pytest.approx(0.264, abs=0.001)


# --- §2b Liver-directed therapy: trial facts ------------------------------------------------

LIVER_DIRECTED_TRIALS = ("SIRFLOX_", "FOXFIRE_", "EPOCH_", "FIORENTINI_", "DEBIRI_", "KEMENY_")
SETTING_WORDS = ("first-line", "second-line", "adjuvant", "salvage", "colorectal")
CI_IN_NOTE = re.compile(r"HR (\d+\.\d+), 95% CI (\d+\.\d+)–(\d+\.\d+)")
FACT_NAME_IN_NOTE = re.compile(r"\b[A-Z][A-Z0-9]+(?:_[A-Z0-9]+)+\b")


@pytest.mark.parametrize("name", sorted(n for n in ALL if n.startswith(LIVER_DIRECTED_TRIALS)))
def test_every_trial_fact_names_its_setting(name: str) -> None:
    note = ALL[name].note.lower()
    assert any(word in note for word in SETTING_WORDS), f"{name}: say which line/disease"


@pytest.mark.parametrize("name", sorted(n for n in ALL if CI_IN_NOTE.search(ALL[n].note)))
def test_hazard_ratio_lies_in_its_ci_and_significance_matches_the_note(name: str) -> None:
    match = CI_IN_NOTE.search(ALL[name].note)
    assert match is not None
    hr, low, high = (float(group) for group in match.groups())
    assert hr == ALL[name].value
    assert low <= hr <= high
    crosses_one = low <= 1.0 <= high
    assert crosses_one == ("not significant" in ALL[name].note), name


def test_benefits_claimed_by_the_trials_are_hazard_ratios_below_1() -> None:
    for name in (
        "SIRFLOX_LIVER_PFS_HR",
        "FOXFIRE_COMBINED_LIVER_PROGRESSION_HR",
        "EPOCH_PFS_HR",
        "EPOCH_HEPATIC_PFS_HR",
        "HAI_PERIOPERATIVE_OS_HR",
    ):
        assert f(name) < 1.0, name
    assert f("FOXFIRE_COMBINED_OS_HR") >= 1.0  # first-line SIRT: no survival benefit


def test_sirflox_arms() -> None:
    liver_gain = f("SIRFLOX_MEDIAN_LIVER_PFS_SIRT") - f("SIRFLOX_MEDIAN_LIVER_PFS_CONTROL")
    assert liver_gain == pytest.approx(7.9)  # the '7.9 months' quoted by secondary sources
    any_site_gain = f("SIRFLOX_MEDIAN_PFS_SIRT") - f("SIRFLOX_MEDIAN_PFS_CONTROL")
    assert 0 < any_site_gain < liver_gain
    assert f("SIRFLOX_LIVER_ORR_SIRT") > f("SIRFLOX_LIVER_ORR_CONTROL")
    assert f("SIRFLOX_LIVER_FIRST_PROGRESSION_SIRT") < f("SIRFLOX_LIVER_FIRST_PROGRESSION_CONTROL")
    assert f("SIRFLOX_PATIENTS") < f("FOXFIRE_COMBINED_PATIENTS")  # SIRFLOX is one of the three


def test_adding_radioembolization_adds_toxicity() -> None:
    assert f("SIRFLOX_GRADE_3_AE_SIRT") > f("SIRFLOX_GRADE_3_AE_CONTROL")
    assert f("EPOCH_GRADE_3_AE_TARE") > f("EPOCH_GRADE_3_AE_CONTROL")


@pytest.mark.parametrize(
    ("better", "worse"),
    [
        ("EPOCH_MEDIAN_PFS_TARE", "EPOCH_MEDIAN_PFS_CONTROL"),
        ("FIORENTINI_MEDIAN_OS_DEBIRI", "FIORENTINI_MEDIAN_OS_FOLFIRI"),
        ("FIORENTINI_MEDIAN_PFS_DEBIRI", "FIORENTINI_MEDIAN_PFS_FOLFIRI"),
        ("KEMENY_1999_2Y_OS_HAI", "KEMENY_1999_2Y_OS_SYSTEMIC"),
        ("KEMENY_1999_MEDIAN_OS_HAI", "KEMENY_1999_MEDIAN_OS_SYSTEMIC"),
        (
            "KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_HAI",
            "KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_SYSTEMIC",
        ),
        ("KEMENY_UPDATE_MEDIAN_OS_HAI", "KEMENY_UPDATE_MEDIAN_OS_SYSTEMIC"),
        ("KEMENY_UPDATE_10Y_OS_HAI", "KEMENY_UPDATE_10Y_OS_SYSTEMIC"),
        ("KEMENY_UPDATE_MEDIAN_PFS_HAI", "KEMENY_UPDATE_MEDIAN_PFS_SYSTEMIC"),
    ],
)
def test_experimental_arm_ahead(better: str, worse: str) -> None:
    assert f(better) > f(worse)


def test_secondary_figures_are_flagged() -> None:
    for name, fact in ALL.items():
        if "Seen only in a secondary source" in fact.note:
            assert not fact.verified, name


def test_fact_names_in_notes_exist() -> None:
    for name, fact in ALL.items():
        for mentioned in FACT_NAME_IN_NOTE.findall(fact.note):
            assert mentioned in ALL, f"{name} mentions {mentioned}"
