"""Parametrized-question generators: determinism, spread, ranges, and answers from the stem.

Every expected answer is worked out here from the published formula (DuBois BSA, the resin
BSA method, MIRD single compartment, the partition model, Y-90 decay, CEM43), with the
published constants written out, so a wrong model or a wrong fact fails these tests. The
limits every planning variant must respect (EANM 2022 Table 2 for glass in colorectal
metastases, the lung limits) are written out too.
"""

from __future__ import annotations

import json
import math
import os
import random
import subprocess
import sys
from collections.abc import Mapping
from typing import Any

import pytest

from livermets_edu import facts
from livermets_edu.models import dosimetry
from livermets_edu.quiz import generators
from livermets_edu.quiz.generators import GENERATORS, Steps, Variant, generator, make_variant
from livermets_edu.quiz.variants import format_param

SEEDS = range(200)
EXPECTED = {
    "y90_bsa_activity",
    "y90_lung_dose",
    "y90_single_compartment_activity",
    "y90_partition_activity",
    "y90_dose_delivered",
    "thermal_dose_minutes",
}
# Published constants, written out so the test does not share them with the code under test.
EANM_J_PER_GBQ = 49.67  # EANM 2022: J deposited per GBq of Y-90 fully decayed
LIVER_G_PER_ML = 1.03  # the TheraSphere-style liver density
Y90_HALF_LIFE_H = 64.1
CEM43_THRESHOLD_MIN = 240.0  # Sapareto–Dewey necrosis threshold
CEM43_R_ABOVE = 0.5  # each °C above 43 halves the time needed
GLASS_NORMAL_LIVER_LIMIT_GY = 75.0  # EANM 2022 Table 2, glass, mCRC: normal liver < 75 Gy
GLASS_TUMOUR_AIM_GY = 189.0  # EANM 2022 Table 2, glass, mCRC: tumour at least 189 Gy
LUNG_LIMIT_GY = 30.0  # per session
GLASS_LUNG_ACTIVITY_LIMIT_GBQ = 0.61  # TheraSphere label: at most 0.61 GBq to the lungs
RESIN_FIRST_REDUCTION_PERCENT = 10  # resin BSA: the activity is cut only above a 10% shunt


def variants(name: str) -> list[Variant]:
    return [make_variant(name, seed) for seed in SEEDS]


def test_the_registry_holds_the_documented_generators() -> None:
    assert EXPECTED <= set(GENERATORS)
    for name, entry in GENERATORS.items():
        assert entry.name == name
        assert entry.description.strip()
        assert entry.answers, f"{name} computes nothing"
        assert set(entry.inputs) <= entry.param_names


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_the_same_seed_gives_the_same_variant(name: str) -> None:
    assert make_variant(name, 12345) == make_variant(name, 12345)
    assert make_variant(name, 12345).seed == 12345


def test_variants_do_not_depend_on_the_hash_seed_or_the_process() -> None:
    # A fresh interpreter with a different hash seed must give the same params: no hash(), no
    # set order, no state left over from this process.
    code = (
        "import json; from livermets_edu.quiz.generators import GENERATORS, make_variant; "
        "print(json.dumps({n: [dict(make_variant(n, s).params) for s in (0, 7, 99991)] "
        "for n in sorted(GENERATORS)}))"
    )
    here = {
        name: [dict(make_variant(name, seed).params) for seed in (0, 7, 99991)]
        for name in sorted(GENERATORS)
    }
    for hash_seed in ("1", "4242"):
        env = {**os.environ, "PYTHONHASHSEED": hash_seed}
        out = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True
        )
        assert json.loads(out.stdout) == json.loads(json.dumps(here))


def test_variants_neither_use_nor_disturb_the_global_random_generator() -> None:
    random.seed(1)
    state = random.getstate()
    first = make_variant("y90_lung_dose", 5)
    assert random.getstate() == state
    random.seed(2)
    assert make_variant("y90_lung_dose", 5) == first


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_different_seeds_give_different_variants(name: str) -> None:
    drawn = [tuple(sorted(variant.params.items())) for variant in variants(name)]
    space = math.prod(steps.count for steps in GENERATORS[name].inputs.values())
    # Small spaces must be covered in 200 draws; large ones must rarely repeat.
    assert len(set(drawn)) >= min(space, 150)
    for param in GENERATORS[name].inputs:
        assert len({variant.params[param] for variant in variants(name)}) > 1, param


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_param_is_finite_and_inputs_stay_on_their_declared_steps(name: str) -> None:
    entry = GENERATORS[name]
    for variant in variants(name):
        assert set(variant.params) == entry.param_names
        for param, value in variant.params.items():
            assert isinstance(value, int | float | str) and not isinstance(value, bool)
            if not isinstance(value, str):
                assert math.isfinite(value), (param, value)
        for param, steps in entry.inputs.items():
            value = variant.params[param]
            assert steps.low <= value <= steps.high, (param, value)
            assert steps.holds(value), (param, value)
            # The stem shows the input exactly, so a learner computes from the same number.
            assert float(format_param(value)) == value, (param, value)


def test_inputs_with_clinical_ranges_take_them_from_facts() -> None:
    # Drawn ranges are the sourced ranges (named in generators.py), checked against the facts.
    perfused = facts.Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC
    assert (generators.PERFUSED_LIVER_DOSE_GY.low, generators.PERFUSED_LIVER_DOSE_GY.high) == (
        perfused.low,
        perfused.high,
    )
    # The partition target stays below the normal-liver limit (its value, not the HCC 50/90 Gy
    # range), one step under it at the top; 40 Gy is the teaching low end.
    target = generators.NORMAL_LIVER_DOSE_GY
    limit = facts.Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT.value
    assert (target.low, target.high) == (40, limit - target.step)
    assert generators.LSF_NO_REDUCTION_PERCENT.high / 100 == pytest.approx(
        facts.Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD.value
    )
    assert generators.LSF_ANY_PERCENT.high / 100 == pytest.approx(
        facts.Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD.value
    )
    assert (
        generators.LSF_TREATABLE_PERCENT.high / 100 < facts.Y90_LSF_WITHHOLD_THRESHOLD_SANGRO.value
    )


def test_bsa_activity_is_dubois_bsa_minus_0_2_plus_the_tumour_share() -> None:
    for variant in variants("y90_bsa_activity"):
        p = variant.params
        height, weight = p["height_cm"], p["weight_kg"]
        # DuBois: BSA = 0.007184 × W[kg]^0.425 × H[cm]^0.725, shown to 2 decimals.
        dubois = 0.007184 * weight**0.425 * height**0.725
        assert abs(p["bsa_m2"] - dubois) <= 0.005 + 5e-4  # rounded; 0.007184 is itself rounded
        # A plausible adult build: BMI = W / H[m]² within the 18.5–35 teaching bounds.
        assert 18.5 <= weight / (height / 100) ** 2 <= 35
        # The shunt is at or below 10%, so the resin activity is not cut.
        assert 1 <= p["lung_shunt_percent"] <= RESIN_FIRST_REDUCTION_PERCENT
        assert p["lsf_reduction_threshold_percent"] == RESIN_FIRST_REDUCTION_PERCENT
        # Resin BSA method: A = (BSA − 0.2) + V_tumour / (V_tumour + V_normal).
        share = p["tumour_volume_ml"] / (p["tumour_volume_ml"] + p["normal_liver_volume_ml"])
        assert p["activity_gbq"] == pytest.approx(p["bsa_m2"] - 0.2 + share, rel=1e-12)
        assert abs(p["tumour_percent"] - 100 * share) <= 0.05 + 1e-9  # shown to 1 decimal
        # Every variant is an activity the method gives in practice (Grosser 2015: 1.01–2.71).
        practice = facts.Y90_RESIN_BSA_ACTIVITY_IN_PRACTICE
        assert practice.low <= p["activity_gbq"] <= practice.high


def test_bsa_variants_redraw_an_implausible_build_rather_than_show_it() -> None:
    # Some seed's first height and weight (drawn first, in that order) fall outside the BMI
    # bounds; its variant must then differ from that first draw.
    redrawn = 0
    for seed in SEEDS:
        rng = random.Random(seed)
        height, weight = generators.HEIGHT_CM.draw(rng), generators.WEIGHT_KG.draw(rng)
        if not 18.5 <= weight / (height / 100) ** 2 <= 35:
            p = make_variant("y90_bsa_activity", seed).params
            assert (p["height_cm"], p["weight_kg"]) != (height, weight)
            redrawn += 1
    assert redrawn > 0


def test_lung_dose_is_49_67_times_activity_times_shunt_over_one_kg() -> None:
    for variant in variants("y90_lung_dose"):
        p = variant.params
        assert p["dose_coefficient"] == EANM_J_PER_GBQ and p["lung_mass_kg"] == 1
        expected = EANM_J_PER_GBQ * p["activity_gbq"] * p["lung_shunt_percent"] / 100 / 1.0
        assert p["lung_dose_gy"] == pytest.approx(expected, rel=1e-12)
        # The verdict a stem can show, so no dose over the limit reads as one to give.
        assert p["lung_limit_gy"] == LUNG_LIMIT_GY
        assert p["over_lung_limit"] == ("yes" if expected > LUNG_LIMIT_GY else "no")


def test_lung_dose_variants_fall_on_both_sides_of_the_30_gy_limit() -> None:
    # The question teaches the limit, so some variants must cross it and most must not.
    doses = [variant.params["lung_dose_gy"] for variant in variants("y90_lung_dose")]
    assert 0 < sum(dose > LUNG_LIMIT_GY for dose in doses) < len(doses) / 2
    verdicts = {variant.params["over_lung_limit"] for variant in variants("y90_lung_dose")}
    assert verdicts == {"yes", "no"}


def test_single_compartment_activity_is_dose_times_mass_over_k_times_liver_share() -> None:
    for variant in variants("y90_single_compartment_activity"):
        p = variant.params
        mass_kg = p["perfused_volume_ml"] * LIVER_G_PER_ML / 1000
        assert p["perfused_mass_kg"] == pytest.approx(mass_kg, rel=1e-12)
        lsf = p["lung_shunt_percent"] / 100
        # MIRD: A = D × M / (k × (1 − LSF)).
        expected = p["target_dose_gy"] * mass_kg / (EANM_J_PER_GBQ * (1 - lsf))
        assert p["activity_gbq"] == pytest.approx(expected, rel=1e-12)
        assert p["device"] == "glass"
        _assert_glass_lungs_within_limits(p)


def _assert_glass_lungs_within_limits(p: Mapping[str, Any]) -> None:
    # Lung dose = k × A × LSF / 1 kg; lung activity = A × LSF: both under their limits, so no
    # variant is a plan the planner would stop.
    lung_activity = p["activity_gbq"] * p["lung_shunt_percent"] / 100
    assert p["lung_dose_gy"] == pytest.approx(EANM_J_PER_GBQ * lung_activity, rel=1e-12)
    assert EANM_J_PER_GBQ * lung_activity <= LUNG_LIMIT_GY, p
    assert lung_activity <= GLASS_LUNG_ACTIVITY_LIMIT_GBQ, p


@pytest.mark.parametrize("name", ["y90_single_compartment_activity", "y90_partition_activity"])
def test_glass_variants_are_plans_the_planner_would_not_stop(name: str) -> None:
    # An independent path: plan_y90's own stop checks on every variant's inputs.
    for variant in variants(name):
        p = variant.params
        if name == "y90_single_compartment_activity":
            liver_ml, tumour_ml, target = p["perfused_volume_ml"], 0.0, p["target_dose_gy"]
            method = dosimetry.Method.SINGLE_COMPARTMENT
        else:
            tumour_ml = p["tumour_volume_ml"]
            liver_ml, target = tumour_ml + p["normal_liver_volume_ml"], p["normal_liver_dose_gy"]
            method = dosimetry.Method.PARTITION
        plan = dosimetry.plan_y90(
            dosimetry.PlanInputs(
                height_cm=170,
                weight_kg=70,
                liver_volume_ml=liver_ml,
                tumour_volume_ml=tumour_ml,
                lung_shunt=p["lung_shunt_percent"] / 100,
                tumour_to_normal=p.get("tumour_to_normal", 1.0),
                device=dosimetry.Device.GLASS,
                method=method,
                target_dose_gy=target,
            )
        )
        assert plan.activity_gbq == pytest.approx(p["activity_gbq"], rel=1e-12)
        stops = [c.name for c in plan.crossed if c.severity is dosimetry.Severity.STOP]
        assert stops == [], (variant.seed, stops)


def test_partition_activity_gives_normal_liver_its_dose_and_the_tumour_t_n_times_it() -> None:
    for variant in variants("y90_partition_activity"):
        p = variant.params
        tumour_kg = p["tumour_volume_ml"] * LIVER_G_PER_ML / 1000
        normal_kg = p["normal_liver_volume_ml"] * LIVER_G_PER_ML / 1000
        assert p["tumour_mass_kg"] == pytest.approx(tumour_kg, rel=1e-12)
        assert p["normal_liver_mass_kg"] == pytest.approx(normal_kg, rel=1e-12)
        ratio, lsf = p["tumour_to_normal"], p["lung_shunt_percent"] / 100
        # Ho 1996: A = D_N × (T/N × M_T + M_N) / (k × (1 − LSF)); D_T = T/N × D_N.
        expected = (
            p["normal_liver_dose_gy"]
            * (ratio * tumour_kg + normal_kg)
            / (EANM_J_PER_GBQ * (1 - lsf))
        )
        assert p["activity_gbq"] == pytest.approx(expected, rel=1e-12)
        assert p["tumour_dose_gy"] == pytest.approx(ratio * p["normal_liver_dose_gy"], rel=1e-12)
        # EANM 2022, glass, colorectal metastases: normal liver below 75 Gy, tumour ≥ 189 Gy.
        assert p["device"] == "glass"
        assert p["normal_liver_dose_gy"] < GLASS_NORMAL_LIVER_LIMIT_GY
        assert p["normal_liver_limit_gy"] == GLASS_NORMAL_LIVER_LIMIT_GY
        assert ratio * p["normal_liver_dose_gy"] >= GLASS_TUMOUR_AIM_GY
        assert p["tumour_dose_aim_gy"] == GLASS_TUMOUR_AIM_GY
        _assert_glass_lungs_within_limits(p)


def test_partition_variants_redraw_rather_than_show_an_underdosed_tumour() -> None:
    # The first draw of many seeds gives the tumour less than 189 Gy (T/N × D_N, the first
    # two draws); those variants must have been redrawn.
    redrawn = 0
    for seed in SEEDS:
        rng = random.Random(seed)
        dose, ratio = (
            generators.NORMAL_LIVER_DOSE_GY.draw(rng),
            generators.TUMOUR_TO_NORMAL.draw(rng),
        )
        if ratio * dose < GLASS_TUMOUR_AIM_GY:
            p = make_variant("y90_partition_activity", seed).params
            assert (p["normal_liver_dose_gy"], p["tumour_to_normal"]) != (dose, ratio)
            redrawn += 1
    assert redrawn > 0


def test_dose_delivered_follows_the_y90_half_life() -> None:
    for variant in variants("y90_dose_delivered"):
        p = variant.params
        assert p["hours"] == 24 * p["days"] and p["half_life_h"] == Y90_HALF_LIFE_H
        # 1 − e^(−λt) with λ = ln 2 / T½: the same law written the other way.
        expected = 100 * (1 - math.exp(-math.log(2) * p["hours"] / Y90_HALF_LIFE_H))
        assert p["percent_delivered"] == pytest.approx(expected, rel=1e-12)


def test_thermal_dose_minutes_halve_with_each_degree_above_43() -> None:
    # The threshold is unverified and not liver-specific, so it is a param the stem shows as
    # given, and the generator says so.
    assert "not one checked for liver" in GENERATORS["thermal_dose_minutes"].description
    for variant in variants("thermal_dose_minutes"):
        p = variant.params
        assert p["threshold_cem43_min"] == CEM43_THRESHOLD_MIN
        assert p["r_above_43"] == CEM43_R_ABOVE
        # CEM43 = t × R^(43 − T) reaches 240 min when t = 240 × R^(T − 43).
        expected = CEM43_THRESHOLD_MIN * CEM43_R_ABOVE ** (p["temperature_c"] - 43)
        assert p["minutes"] == pytest.approx(expected, rel=1e-12)


def test_a_generator_that_never_finds_an_acceptable_draw_says_so() -> None:
    with pytest.raises(RuntimeError, match="'toy' found no acceptable variant in 1000 draws"):
        generators._redraw_until("toy", random.Random(1), lambda rng: {"n": 1}, lambda p: False)


def test_an_unknown_generator_is_a_key_error_that_suggests_the_near_name() -> None:
    with pytest.raises(KeyError, match="no generator called 'y90_lung_dos'.*y90_lung_dose"):
        make_variant("y90_lung_dos", 1)


@pytest.mark.parametrize("seed", ["1", 1.0, True, None])
def test_a_seed_that_is_not_an_integer_is_a_type_error(seed: object) -> None:
    with pytest.raises(TypeError, match="seed must be an integer"):
        make_variant("y90_lung_dose", seed)  # type: ignore[arg-type]


@pytest.fixture
def empty_registry(monkeypatch: pytest.MonkeyPatch) -> dict:
    registry: dict = {}
    monkeypatch.setattr(generators, "GENERATORS", registry)
    return registry


def test_registering_reads_param_names_from_seed_0(empty_registry: dict) -> None:
    @generator("toy", "A toy.", inputs={"n": Steps(1, 9, 1)})
    def toy(rng: random.Random) -> dict:
        n = rng.randrange(1, 10)
        return {"n": n, "square": n * n, "word": "tumour"}

    entry = empty_registry["toy"]
    assert entry.param_names == frozenset({"n", "square", "word"})
    assert entry.answers == frozenset({"square", "word"})
    assert generators.make_variant("toy", 3).params["square"] == (
        random.Random(3).randrange(1, 10) ** 2
    )
    with pytest.raises(ValueError, match="already registered"):
        generator("toy", "Again.")


@pytest.mark.parametrize(
    ("params", "error", "message"),
    [
        ({"x": math.nan}, ValueError, "not a finite number"),
        ({"x": True}, TypeError, "number or text"),
        ({"x": [1, 2]}, TypeError, "number or text"),
        ({"x": "a" * 200}, ValueError, "characters"),
        ({"Bad Name": 1}, ValueError, "snake_case"),
    ],
)
def test_a_generator_returning_a_bad_param_is_refused_at_registration(
    empty_registry: dict, params: dict, error: type[Exception], message: str
) -> None:
    with pytest.raises(error, match=message):
        generator("bad", "Bad.")(lambda rng: params)
    assert "bad" not in empty_registry


def test_a_generator_whose_params_change_with_the_seed_is_caught(empty_registry: dict) -> None:
    # Seed 0 draws 0.84, so "moody" registers as {a}; about half the other seeds add b.
    generator("moody", "Moody.")(lambda rng: {"a": 1, "b": 2} if rng.random() < 0.5 else {"a": 1})
    assert empty_registry["moody"].param_names == frozenset({"a"})
    with pytest.raises(RuntimeError, match="not the registered"):
        for seed in range(50):
            generators.make_variant("moody", seed)


def test_steps_hold_exactly_their_round_values() -> None:
    steps = Steps(1.5, 6.0, 0.5)
    assert steps.count == 10
    assert [steps.value(i) for i in (0, 1, 9)] == [1.5, 2.0, 6.0]
    assert steps.holds(3.5) and not steps.holds(3.25) and not steps.holds(6.5)
    whole = Steps(150, 195, 5)
    assert isinstance(whole.value(2), int) and whole.value(2) == 160
    with pytest.raises(ValueError, match="whole number"):
        Steps(0, 1, 0.3)
