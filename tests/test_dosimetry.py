"""Y-90 dosimetry against the sheet's worked examples and the formulas' analytic limits.

Worked examples are from ../shared/reference/clinical-facts.md ("Worked examples usable as
test cases"); each test names its number. Hand calculations say how they were derived.
"""

from __future__ import annotations

import math

import pytest

from livermets_edu import facts
from livermets_edu.models import dosimetry as d
from livermets_edu.models.dosimetry import Device, Method, PlanInputs, Severity, plan_y90


def f(name: str) -> float:
    return facts.get(name).value


# --- decay and energy ----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("days", "delivered", "tolerance"),
    [(2.67, 0.500, 0.001), (7, 0.837, 0.001), (11, 0.9424, 0.0001), (14, 0.974, 0.001)],
)
def test_fraction_of_dose_delivered_worked_example_16(
    days: float, delivered: float, tolerance: float
) -> None:
    assert d.fraction_of_dose_delivered(days * 24) == pytest.approx(delivered, abs=tolerance)


def test_half_the_dose_is_delivered_in_one_half_life() -> None:
    assert d.fraction_of_dose_delivered(f("Y90_HALF_LIFE")) == pytest.approx(0.5, abs=1e-12)
    assert d.hours_to_deliver(0.5) == pytest.approx(f("Y90_HALF_LIFE"), rel=1e-12)


def test_hours_to_deliver_inverts_fraction_delivered() -> None:
    for fraction in (0.1, 0.9, 0.99):
        hours = d.hours_to_deliver(fraction)
        assert d.fraction_of_dose_delivered(hours) == pytest.approx(fraction, rel=1e-12)


def test_activity_decays_by_half_each_half_life() -> None:
    half_life = f("Y90_HALF_LIFE")
    assert d.activity_remaining_gbq(3.0, 2 * half_life) == pytest.approx(0.75, rel=1e-12)
    assert d.activity_remaining_gbq(3.0, 0.0) == 3.0


@pytest.mark.parametrize(
    ("energy_mev", "joules", "tolerance"),
    [(0.9367, 49.96, 0.005), (0.9267, 49.43, 0.005), (0.9327, 49.7, 0.05)],
)
def test_dose_coefficient_from_first_principles(
    energy_mev: float, joules: float, tolerance: float
) -> None:
    # The sheet's 🧮 line: 1e9·T½/ln2·Ē with T½ = 64.1 h; the tolerance is half its last digit.
    coefficient = d.dose_coefficient_from_decay(mean_beta_energy_mev=energy_mev)
    assert coefficient == pytest.approx(joules, abs=tolerance)


def test_both_sourced_coefficients_lie_within_first_principles_range() -> None:
    low = d.dose_coefficient_from_decay(mean_beta_energy_mev=facts.Y90_MEAN_BETA_ENERGY.low)
    high = d.dose_coefficient_from_decay(mean_beta_energy_mev=facts.Y90_MEAN_BETA_ENERGY.high)
    assert low < f("Y90_DOSE_COEFFICIENT_EANM") < high
    assert f("Y90_DOSE_COEFFICIENT_LABEL") == pytest.approx(high, abs=0.05)


# --- body size, masses, lung shunt ---------------------------------------------------------------
def test_bsa_worked_example_10() -> None:
    assert d.bsa_mosteller(180, 80) == pytest.approx(2.000, abs=0.001)
    assert d.bsa_dubois(180, 80) == pytest.approx(1.9964, abs=0.0001)


def test_lung_mass_from_ct_worked_example_4() -> None:
    assert d.lung_mass_from_ct_g(1000, -700) == pytest.approx(300.0)
    assert d.lung_mass_from_ct_g(1000, 0) == pytest.approx(1000.0)  # water: 1 g/mL


def test_lsf_from_counts_worked_example_3() -> None:
    assert d.lung_shunt_fraction(40, 720) == pytest.approx(0.05263, abs=0.00001)


def test_planar_lsf_uses_geometric_means() -> None:
    # Equal anterior and posterior counts reduce to the simple ratio.
    assert d.lung_shunt_fraction_planar(40, 40, 720, 720) == pytest.approx(40 / 760)
    # Lung 10 and 90 (geometric mean 30), liver 270 and 270: 30 / 300 = 10%.
    assert d.lung_shunt_fraction_planar(10, 90, 270, 270) == pytest.approx(0.10)


def test_lung_dose_worked_example_1() -> None:
    assert d.lung_dose_gy(2.0, 0.10) == pytest.approx(9.934, abs=0.01)


def test_lung_dose_worked_example_2_crosses_the_session_limit() -> None:
    dose = d.lung_dose_gy(8.0, 0.08)
    assert dose == pytest.approx(31.79, abs=0.01)
    assert dose > f("LUNG_DOSE_LIMIT_PER_SESSION")


def test_lung_dose_falls_with_lung_mass() -> None:
    assert d.lung_dose_gy(2.0, 0.10, lung_mass_kg=0.5) == pytest.approx(
        2 * d.lung_dose_gy(2.0, 0.10)
    )


def test_glass_lung_activity_limit_is_about_30_gy_at_the_label_coefficient() -> None:
    dose = d.lung_dose_from_lung_activity_gy(
        f("Y90_GLASS_LUNG_ACTIVITY_LIMIT"), dose_coefficient=f("Y90_DOSE_COEFFICIENT_LABEL")
    )
    assert dose == pytest.approx(30.5, abs=0.01)  # 0.61 GBq in the lungs: the sheet's 30.5 Gy


# --- activity methods ----------------------------------------------------------------------------
def test_single_compartment_hand_example() -> None:
    # 120 Gy to 1.5 kg with LSF 5% at the label's 50 J/GBq: A = 120·1.5 / (50·0.95) = 3.7895 GBq.
    label = f("Y90_DOSE_COEFFICIENT_LABEL")
    activity = d.single_compartment_activity_gbq(120, 1.5, 0.05, dose_coefficient=label)
    assert activity == pytest.approx(3.7895, abs=0.0001)
    assert d.single_compartment_dose_gy(
        activity, 1.5, 0.05, dose_coefficient=label
    ) == pytest.approx(120)


def test_eanm_coefficient_needs_more_activity_than_the_label() -> None:
    eanm = d.single_compartment_activity_gbq(120, 1.5, 0.05)  # the default: EANM's 49.67
    label = d.single_compartment_activity_gbq(
        120, 1.5, 0.05, dose_coefficient=f("Y90_DOSE_COEFFICIENT_LABEL")
    )
    assert eanm / label == pytest.approx(50 / 49.67)


def test_bsa_method_hand_example() -> None:
    # BSA 2.0 m², 300 mL tumour in a 1500 mL liver: (2.0 − 0.2) + 300/1500 = 2.0 GBq.
    assert d.bsa_activity_gbq(2.0, 300, 1200) == pytest.approx(2.0)


@pytest.mark.parametrize(
    ("lsf", "reduction"),
    [(0.0, 0.0), (0.10, 0.0), (0.11, 0.20), (0.15, 0.20), (0.16, 0.40), (0.20, 0.40), (0.21, 1.0)],
)
def test_resin_lsf_reduction_tiers(lsf: float, reduction: float) -> None:
    # "Reduce 20% / 40% / 100% when LSF is >10% / >15% / >20%": a threshold itself does not cut.
    assert d.resin_lsf_activity_reduction(lsf) == reduction


def test_partition_model_with_equal_uptake_is_the_single_compartment_model() -> None:
    doses = d.partition_doses(3.0, 1.0, 0.3, 1.2, 0.05)
    single = d.single_compartment_dose_gy(
        3.0, 1.5, 0.05, dose_coefficient=f("Y90_DOSE_COEFFICIENT_EANM")
    )
    assert doses.tumour_gy == pytest.approx(single)
    assert doses.normal_liver_gy == pytest.approx(single)
    assert doses.perfused_liver_gy == pytest.approx(single)


def test_partition_model_conserves_energy() -> None:
    activity, lung_mass = 2.5, 0.9
    doses = d.partition_doses(activity, 4.0, 0.25, 1.4, 0.07, lung_mass_kg=lung_mass)
    deposited = doses.tumour_gy * 0.25 + doses.normal_liver_gy * 1.4 + doses.lung_gy * lung_mass
    assert deposited == pytest.approx(f("Y90_DOSE_COEFFICIENT_EANM") * activity, rel=1e-12)
    assert doses.tumour_gy / doses.normal_liver_gy == pytest.approx(4.0)


def test_partition_activity_gives_the_target_normal_liver_dose() -> None:
    activity = d.partition_activity_gbq(40, 3.0, 0.2, 1.3, 0.08)
    doses = d.partition_doses(activity, 3.0, 0.2, 1.3, 0.08)
    assert doses.normal_liver_gy == pytest.approx(40)
    assert doses.tumour_gy == pytest.approx(120)


def test_partition_hand_example() -> None:
    # D_N 40 Gy, T/N 3, M_T 0.2 kg, M_N 1.3 kg, LSF 8%: A = 40·(3·0.2 + 1.3)/(49.67·0.92)
    # = 76 / 45.6964 = 1.6632 GBq.
    assert d.partition_activity_gbq(40, 3.0, 0.2, 1.3, 0.08) == pytest.approx(1.6632, abs=0.0001)


def test_higher_tumour_uptake_shifts_dose_from_normal_liver_to_tumour() -> None:
    low = d.partition_doses(2.0, 2.0, 0.2, 1.3, 0.05)
    high = d.partition_doses(2.0, 5.0, 0.2, 1.3, 0.05)
    assert high.tumour_gy > low.tumour_gy
    assert high.normal_liver_gy < low.normal_liver_gy
    assert high.perfused_liver_gy == pytest.approx(low.perfused_liver_gy)


# --- bad input -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: d.liver_mass_kg(-5), "volume_ml"),
        (lambda: d.single_compartment_activity_gbq(120, -1.5, 0.05), "perfused_mass_kg"),
        (lambda: d.single_compartment_activity_gbq(120, 1.5, 1.0), "lung_shunt"),
        (lambda: d.lung_dose_gy(2.0, 1.2), "lung_shunt"),
        (lambda: d.lung_dose_gy(2.0, -0.1), "lung_shunt"),
        (lambda: d.partition_doses(2.0, 0.0, 0.2, 1.3, 0.05), "tumour_to_normal"),
        (lambda: d.partition_doses(2.0, -2.0, 0.2, 1.3, 0.05), "tumour_to_normal"),
        (lambda: d.partition_activity_gbq(40, 3.0, -0.2, 1.3, 0.05), "tumour_mass_kg"),
        (lambda: d.bsa_mosteller(0, 80), "height_cm"),
        (lambda: d.bsa_dubois(180, math.nan), "weight_kg"),
        (lambda: d.bsa_activity_gbq(0.1, 300, 1200), "bsa_m2"),
        (lambda: d.lung_shunt_fraction(40, 0), "liver_counts"),
        (lambda: d.lung_shunt_fraction_planar(40, -1, 720, 720), "lung_posterior"),
        (lambda: d.lung_mass_from_ct_g(1000, -1200), "mean_hu"),
        (lambda: d.hours_to_deliver(1.0), "fraction"),
        (lambda: d.fraction_of_dose_delivered(-1), "hours"),
    ],
)
def test_impossible_inputs_name_the_input(call, name: str) -> None:
    with pytest.raises(ValueError, match=name):
        call()


# --- a whole plan --------------------------------------------------------------------------------
def inputs(**changes: object) -> PlanInputs:
    base: dict[str, object] = {
        "height_cm": 180,
        "weight_kg": 80,
        "liver_volume_ml": 1500,
        "tumour_volume_ml": 300,
        "lung_shunt": 0.05,
        "tumour_to_normal": 3.0,
    }
    return PlanInputs(**(base | changes))  # type: ignore[arg-type]


def test_glass_single_compartment_plan_uses_the_sourced_perfused_dose() -> None:
    plan = plan_y90(inputs())
    target = f("Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC")
    assert plan.doses.perfused_liver_gy == pytest.approx(target)
    mass = 1.5 * f("Y90_DOSIMETRY_LIVER_DENSITY")
    assert plan.activity_gbq == pytest.approx(target * mass / (49.67 * 0.95))


def test_resin_bsa_plan_cuts_activity_for_a_high_shunt() -> None:
    plain = plan_y90(inputs(device="resin", method="bsa"))
    shunted = plan_y90(inputs(device="resin", method="bsa", lung_shunt=0.12))
    assert plain.lsf_reduction == 0.0
    assert shunted.planned_activity_gbq == pytest.approx(plain.planned_activity_gbq)
    assert shunted.activity_gbq == pytest.approx(0.8 * plain.activity_gbq)
    crossed = {check.name for check in shunted.crossed}
    assert "resin_lsf_reduction" in crossed
    assert shunted.treatable


def test_resin_bsa_plan_uses_dubois() -> None:
    plan = plan_y90(inputs(device="resin", method="bsa"))
    bsa = d.bsa_dubois(180, 80)
    assert plan.bsa_m2 == pytest.approx(bsa)
    assert plan.planned_activity_gbq == pytest.approx((bsa - 0.2) + 300 / 1500)


def test_resin_plan_is_withheld_above_20_percent_shunt() -> None:
    plan = plan_y90(inputs(device="resin", method="bsa", lung_shunt=0.25))
    assert plan.activity_gbq == 0.0
    assert not plan.treatable
    assert plan.crossed[0].severity is Severity.STOP


def test_lung_limit_stops_a_plan() -> None:
    plan = plan_y90(inputs(lung_shunt=0.15, liver_volume_ml=2500, tumour_volume_ml=500))
    assert plan.doses.lung_gy > f("LUNG_DOSE_LIMIT_PER_SESSION")
    names = {check.name for check in plan.crossed if check.severity is Severity.STOP}
    assert {"lung_dose_per_session", "glass_lung_activity"} <= names
    assert not plan.treatable


def test_previous_lung_dose_counts_toward_the_cumulative_limit() -> None:
    first = plan_y90(inputs())
    assert not any(c.name == "lung_dose_cumulative" for c in first.crossed)
    second = plan_y90(inputs(previous_lung_dose_gy=45.0))
    assert second.cumulative_lung_gy == pytest.approx(45.0 + first.doses.lung_gy)
    assert any(c.name == "lung_dose_cumulative" for c in second.crossed)


def test_partition_plan_aims_at_the_normal_liver_limit() -> None:
    plan = plan_y90(inputs(method="partition"))
    limit = f("Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT")
    assert plan.doses.normal_liver_gy == pytest.approx(limit)
    assert plan.doses.tumour_gy == pytest.approx(3.0 * limit)
    assert not any(c.name == "normal_liver_dose" for c in plan.crossed)


def test_low_tumour_to_normal_ratio_warns() -> None:
    plan = plan_y90(inputs(tumour_to_normal=1.2))
    assert any(c.name == "tumour_to_normal_ratio" for c in plan.crossed)
    assert all(c.source for c in plan.checks)


def test_a_plan_aimed_at_a_limit_never_crosses_it() -> None:
    # The partition model aims normal liver exactly at its limit; round-off must not flag it.
    for liver in range(1000, 3600, 97):
        for shunt in (0.0, 0.031, 0.071, 0.12):
            for ratio in (1.5, 2.7, 4.4, 7.9):
                for device in ("glass", "resin"):
                    plan = plan_y90(
                        inputs(
                            device=device,
                            method="partition",
                            liver_volume_ml=liver,
                            tumour_volume_ml=liver * 0.17,
                            lung_shunt=shunt,
                            tumour_to_normal=ratio,
                        )
                    )
                    check = next(c for c in plan.checks if c.name == "normal_liver_dose")
                    assert check.value == pytest.approx(check.limit, rel=1e-12)
                    assert not check.crossed


def test_checks_carry_their_value_and_limit() -> None:
    plan = plan_y90(inputs(lung_shunt=0.15, liver_volume_ml=2500, tumour_volume_ml=500))
    lung = next(c for c in plan.checks if c.name == "lung_dose_per_session")
    assert lung.value == plan.doses.lung_gy
    assert lung.limit == f("LUNG_DOSE_LIMIT_PER_SESSION")
    assert lung.crossed == (lung.value > lung.limit)


def test_withheld_resin_plan_cites_the_no_treatment_threshold() -> None:
    plan = plan_y90(inputs(device="resin", method="bsa", lung_shunt=0.25))
    check = next(c for c in plan.checks if c.name == "resin_lsf_reduction")
    assert check.fact == "Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD"


def test_the_bsa_method_has_no_target_dose() -> None:
    assert inputs(device="resin", method="bsa").target_dose is None


@pytest.mark.parametrize("bad", ["tall", None, [180]])
def test_non_numbers_name_the_input(bad: object) -> None:
    with pytest.raises(ValueError, match="height_cm must be a number"):
        inputs(height_cm=bad)


def test_every_check_names_a_real_fact() -> None:
    for device, method in [
        ("glass", "single_compartment"),
        ("resin", "bsa"),
        ("glass", "partition"),
    ]:
        plan = plan_y90(inputs(device=device, method=method, lung_shunt=0.18))
        for check in plan.checks:
            assert facts.get(check.fact).source


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"tumour_volume_ml": 1600}, "tumour_volume_ml"),
        ({"liver_volume_ml": -1}, "liver_volume_ml"),
        ({"lung_shunt": 1.0}, "lung_shunt"),
        ({"tumour_to_normal": 0}, "tumour_to_normal"),
        ({"device": "glass", "method": "bsa"}, "bsa"),
        ({"device": "resin", "method": "single_compartment"}, "single_compartment"),
        ({"device": "plastic"}, "plastic"),
        ({"target_dose_gy": -5}, "target_dose_gy"),
    ],
)
def test_plan_inputs_reject_impossible_values(changes: dict[str, object], name: str) -> None:
    with pytest.raises(ValueError, match=name):
        inputs(**changes)


def test_plan_inputs_take_enum_values() -> None:
    plan_inputs = inputs(device=Device.RESIN, method=Method.PARTITION)
    assert plan_inputs.device is Device.RESIN
    assert plan_inputs.target_dose == f("TARANIS_NORMAL_LIVER_WARNING_DOSE_RESIN")
