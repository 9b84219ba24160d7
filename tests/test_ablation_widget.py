"""The ablation simulator, driven headlessly: set control values, check model and views."""

from __future__ import annotations

import re

import pytest

from livermets_edu import facts
from livermets_edu.models.ablation import MarginVerdict
from livermets_edu.widgets import ablation_simulator


@pytest.fixture
def simulator():
    return ablation_simulator()


def _alt(simulator) -> str:
    match = re.search(r'alt="([^"]*)"', simulator.map.value)
    assert match, "the map has no alt text"
    return match.group(1)


def test_first_state_is_drawn_on_creation(simulator):
    assert simulator.result.setup.modality == "rfa"
    assert simulator.map.value.startswith("<figure")
    assert "data:image/svg+xml;base64," in simulator.map.value
    assert "20" in _alt(simulator)  # the tumour diameter is described
    assert "Minimal margin" in simulator.summary.value
    assert "backs off" in simulator.summary.value  # RF delivers less than it is set to
    assert "Time to kill" in simulator.children[1].children[1].children[2].value


def test_moving_the_tumour_slider_reruns_the_model(simulator):
    before = simulator.result.minimal_margin_mm
    simulator.tumour_diameter_mm.value = 30
    assert simulator.result.setup.tumour_diameter_mm == 30
    assert simulator.result.minimal_margin_mm == pytest.approx(before - 5.0, abs=1.0)


def test_a_vessel_shows_the_heat_sink_in_numbers_and_words(simulator):
    simulator.vessel.value = True
    simulator.vessel_gap_mm.value = 1
    result = simulator.result
    assert result.margin_toward_vessel_mm < result.margin_away_from_vessel_mm
    assert "On the vessel side" in simulator.summary.value
    assert "vessel side" in simulator.edges.value
    assert not simulator.vessel_gap_mm.disabled


def test_a_tumour_over_3_cm_gets_a_clear_message(simulator):
    simulator.tumour_diameter_mm.value = 36
    ideal = facts.get("IDEAL_ABLATION_LESION_MAX_SIZE").text
    assert "role='alert'" in simulator.summary.value
    assert f"larger than {ideal}" in simulator.summary.value
    assert simulator.result.margin_verdict is MarginVerdict.INCOMPLETE
    assert "leave tumour behind" in simulator.summary.value


def test_cryo_disables_power_and_reports_the_lethal_isotherm(simulator):
    simulator.modality.value = "cryo"
    assert simulator.power_w.disabled
    assert simulator.result.setup.modality == "cryo"
    assert facts.get("CRYOABLATION_LETHAL_TEMPERATURE").text in simulator.summary.value
    assert "argon" in simulator.message.value
    assert "from heat ablation" in simulator.summary.value  # outcome data are not cryo data


def test_microwave_reports_the_energy_that_boiled_water(simulator):
    simulator.modality.value = "microwave"
    assert simulator.result.vaporized_energy_j > 0
    assert "boiled tissue water" in simulator.summary.value


def test_an_impossible_setup_is_explained_not_raised(simulator):
    simulator.vessel.value = True
    simulator.tumour_diameter_mm.value = 40
    simulator.vessel_diameter_mm.value = 12
    simulator.vessel_gap_mm.value = 15  # the vessel would leave the simulated region
    assert "Cannot simulate this" in simulator.message.value
    assert "Gap to vessel (mm)" in simulator.message.value  # the label, not the field name
    assert "last setting" in simulator.message.value
    simulator.vessel_gap_mm.value = 2
    assert simulator.message.value == ""


def test_controls_are_labelled_for_keyboard_and_screen_reader_users(simulator):
    for control in (simulator.power_w, simulator.minutes, simulator.tumour_diameter_mm):
        assert control.description
    assert "run the lesson in Jupyter" in repr(simulator)
