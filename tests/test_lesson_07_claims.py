"""Lesson 07 and bank 07 state things about the simulator's output; check they still hold."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from livermets_edu import derived, facts

ROOT = Path(__file__).resolve().parents[1]


def test_the_lesson_generators_claims_about_the_model_hold(monkeypatch):
    monkeypatch.syspath_prepend(str(ROOT / "scripts"))  # the generator imports lesson_tools
    spec = importlib.util.spec_from_file_location(
        "make_lesson_07", ROOT / "scripts" / "make_lesson_07.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module._check_claims()  # raises when the model no longer says what the lesson says


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
