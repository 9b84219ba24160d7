"""The blood-flow explorer, driven headlessly: set control values, check model and views."""

from __future__ import annotations

import re

import pytest

from livermets_edu.models.hemodynamics import SupplyRegime
from livermets_edu.widgets import blood_flow_explorer


@pytest.fixture
def explorer():
    return blood_flow_explorer()


def _alt(explorer) -> str:
    match = re.search(r'alt="([^"]*)"', explorer.diagram.value)
    assert match, "the diagram has no alt text"
    return match.group(1)


def test_first_state_is_drawn_on_creation(explorer):
    assert explorer.state.liver_flow == pytest.approx(1.0)
    assert "Occluded" not in _alt(explorer)
    assert explorer.diagram.value.startswith("<figure")
    assert "data:image/svg+xml;base64," in explorer.diagram.value
    assert "Normal liver: blood flow" in explorer.bars.value
    assert "portal vein" in explorer.message.value.lower()


def test_clamping_the_artery_starves_the_tumour_and_says_why(explorer):
    explorer.artery_occluded.value = True
    assert explorer.state.tumour.regime is SupplyRegime.ARTERIAL
    assert explorer.state.tumour_flow.high == pytest.approx(0.05)
    assert explorer.state.liver_flow == pytest.approx(0.75)
    assert re.search(r"Occluded[^.]*hepatic artery", _alt(explorer))
    label = re.search(r'aria-label="([^"]*)"', explorer.bars.value).group(1)
    assert "Normal liver flow 75%" in label and "metastasis flow 5%." in label
    assert "radioembolization" in explorer.message.value


def test_clamping_the_portal_vein_spares_the_tumour(explorer):
    explorer.portal_occluded.value = True
    assert explorer.state.liver_flow == pytest.approx(0.25)
    assert explorer.state.tumour_flow.low == pytest.approx(0.95)
    assert "portal vein embolization" in explorer.message.value


def test_a_tiny_tumour_follows_the_liver(explorer):
    explorer.artery_occluded.value = True
    explorer.tumour_diameter_mm.value = 0.1
    assert explorer.state.tumour.regime is SupplyRegime.SINUSOIDAL
    assert explorer.state.tumour_flow.low == pytest.approx(explorer.state.liver_flow)
    assert "no artery of its own" in _alt(explorer)
    explorer.tumour_diameter_mm.value = 30
    assert "tumour artery" in _alt(explorer).lower()


def test_a_small_tumour_shows_the_uncertain_band(explorer):
    explorer.artery_occluded.value = True
    explorer.tumour_diameter_mm.value = 10
    assert explorer.state.tumour.regime is SupplyRegime.DUAL
    assert "5%–75%" in explorer.bars.value
    assert "range" in explorer.bars.value


def test_bars_carry_their_numbers_for_screen_readers(explorer):
    explorer.artery_occluded.value = True
    label = re.search(r'aria-label="([^"]*)"', explorer.bars.value).group(1)
    assert "Normal liver flow 75%" in label and "metastasis flow 5%" in label


def test_an_impossible_size_is_refused_with_a_reason():
    with pytest.raises(ValueError, match="must be one of 0.1, 0.2, 0.5.*got 500 mm"):
        blood_flow_explorer(tumour_diameter_mm=500)


def test_the_size_steps_include_the_sourced_regime_boundaries(explorer):
    sizes = [value for _, value in explorer.tumour_diameter_mm.options]
    assert 0.2 in sizes and 15.0 in sizes
    explorer.tumour_diameter_mm.value = 0.2
    assert explorer.state.tumour.regime is SupplyRegime.SINUSOIDAL
    explorer.tumour_diameter_mm.value = 15.0
    assert explorer.state.tumour.regime is SupplyRegime.DUAL
    explorer.tumour_diameter_mm.value = 20.0
    assert explorer.state.tumour.regime is SupplyRegime.ARTERIAL


@pytest.mark.parametrize(
    ("size_mm", "says", "never_says"),
    [
        (30.0, "leaves an established metastasis most of its supply", "dual supply"),
        (10.0, "has a dual supply, so it loses flow too", "most of its supply"),
        (0.1, "micrometastasis fed from the sinusoids loses its supply", "most of its supply"),
    ],
)
def test_the_portal_clamp_message_follows_the_tumours_supply(explorer, size_mm, says, never_says):
    explorer.tumour_diameter_mm.value = size_mm
    explorer.portal_occluded.value = True
    text = explorer.message.value
    assert says in text and never_says not in text
    assert "buffer response" in text


def test_the_diagram_is_drawn_with_the_models_flows(explorer):
    explorer.portal_occluded.value = True
    assert re.search(r"Occluded[^.]*portal vein", _alt(explorer))
    assert explorer.state.liver_portal_flow == 0
    assert explorer.state.liver_arterial_flow == pytest.approx(0.25)


def test_where_widgets_cannot_run_the_text_says_how_to_use_it(explorer):
    text = explorer._repr_mimebundle_()["text/plain"]
    assert text.startswith("Interactive blood-flow explorer") and "Binder" in text
