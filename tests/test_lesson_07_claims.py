"""Lesson 07 and bank 07 state things about the simulator's output; check they still hold."""

from __future__ import annotations

from livermets_edu import derived, facts


def test_the_lesson_generators_claims_about_the_model_hold(lesson_generator):
    lesson_generator("07")._check_claims()  # raises when the model no longer says what it says


def test_bank_heat_sink_item_keys_hold():
    # ab-021: the minimal margin is on the vessel side and under 5 mm; the far side is over it.
    high_risk = facts.get("MARGIN_HIGH_RISK_MAX").value
    assert derived.value("MODEL_HEAT_SINK_MARGIN_TOWARD_VESSEL") < high_risk
    assert derived.value("MODEL_HEAT_SINK_MARGIN_AWAY_FROM_VESSEL") > high_risk


def test_bank_rf_back_off_item_key_holds():
    # ab-013: RF set to 40 W delivers less on average because the generator backs off.
    assert derived.value("MODEL_RFA_MEAN_DELIVERED_POWER_10_MIN") < 40.0


def test_bank_rf_zone_lies_in_the_published_range():
    zone = facts.get("RFA_ABLATION_ZONE_DIAMETER")
    assert zone.low * 10 <= derived.value("MODEL_RFA_ZONE_DIAMETER_10_MIN") <= zone.high * 10


def test_bank_single_cryoprobe_item_key_holds():
    # ab-017: one probe leaves a 20 mm tumour uncovered and makes lethal ice of similar size
    # to the one-probe phantom figure.
    single_probe = facts.get("CRYO_LETHAL_ICE_DIAMETER_SINGLE_PROBE").value
    model = derived.value("MODEL_CRYO_LETHAL_DIAMETER_10_MIN")
    assert model < 20.0
    assert 0.5 * single_probe < model < 1.5 * single_probe
