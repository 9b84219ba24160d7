"""The dual-blood-supply model against the sourced figures in clinical-facts.md §1."""

from __future__ import annotations

import itertools

import pytest

from livermets_edu import facts
from livermets_edu.models.hemodynamics import (
    SupplyRegime,
    hepatic_inflow,
    liver_inflow_after_portal_occlusion,
    occlusion_effect,
    oxygen_delivery_split,
    tumour_supply,
)


def test_inflow_split_matches_the_asa_figures():
    # ASA: about 1.5 L/min in all, 75% portal and 25% arterial -> 1.125 and 0.375 L/min.
    split = hepatic_inflow()
    assert split.portal_l_min == pytest.approx(1.125)
    assert split.arterial_l_min == pytest.approx(0.375)
    assert split.total_l_min == pytest.approx(1.5)


def test_inflow_split_follows_the_disputed_portal_share():
    # Paulson's 80/20 split of the same total.
    split = hepatic_inflow(portal_fraction=0.80)
    assert split.arterial_l_min == pytest.approx(0.30)
    assert split.portal_fraction == pytest.approx(0.80)


def test_oxygen_split_is_nearly_even_although_flow_is_not():
    oxygen = oxygen_delivery_split()
    assert oxygen.portal + oxygen.arterial == pytest.approx(1.0)
    assert 0.50 <= oxygen.portal <= 0.55  # ASA range
    assert oxygen.arterial > facts.HEPATIC_ARTERY_FLOW_FRACTION.value


def test_artery_occlusion_starves_an_established_metastasis_not_the_liver():
    # Taylor 1978: hepatic artery occlusion cut flow into colorectal metastases to ~5% of baseline.
    result = occlusion_effect(artery_occluded=True, tumour_diameter_mm=30)
    assert result.tumour.regime is SupplyRegime.ARTERIAL
    assert result.tumour_flow.low == pytest.approx(0.05)
    assert result.tumour_flow.is_exact
    # The liver keeps its portal flow (75%) and the portal share of its oxygen (50-55%).
    assert result.liver_flow == pytest.approx(0.75)
    assert 0.50 <= result.liver_oxygen <= 0.55
    assert result.tumour_flow.high < result.liver_flow / 10
    assert (result.liver_arterial_flow, result.liver_portal_flow) == pytest.approx((0, 0.75))


def test_portal_occlusion_spares_an_established_metastasis():
    result = occlusion_effect(portal_occluded=True, tumour_diameter_mm=30)
    assert result.tumour_flow.low == pytest.approx(0.95)
    assert result.liver_flow == pytest.approx(0.25)
    assert result.tumour_flow.low > 3 * result.liver_flow
    assert (result.liver_arterial_flow, result.liver_portal_flow) == pytest.approx((0.25, 0))


def test_a_micrometastasis_shares_the_livers_fate():
    result = occlusion_effect(artery_occluded=True, tumour_diameter_mm=0.1)
    assert result.tumour.regime is SupplyRegime.SINUSOIDAL
    assert result.tumour_flow.low == pytest.approx(result.liver_flow)


def test_a_small_metastasis_gets_a_band_not_a_made_up_number():
    supply = tumour_supply(10)
    assert supply.regime is SupplyRegime.DUAL
    assert supply.arterial_fraction.low == pytest.approx(0.25)
    assert supply.arterial_fraction.high == pytest.approx(0.95)
    result = occlusion_effect(artery_occluded=True, tumour_diameter_mm=10)
    assert result.tumour_flow.low == pytest.approx(0.05)
    assert result.tumour_flow.high == pytest.approx(0.75)


@pytest.mark.parametrize(
    ("diameter_mm", "regime"),
    [(0.2, SupplyRegime.SINUSOIDAL), (0.21, SupplyRegime.DUAL), (15, SupplyRegime.DUAL),
     (15.1, SupplyRegime.ARTERIAL)],
)
def test_size_thresholds_follow_the_facts(diameter_mm, regime):
    assert tumour_supply(diameter_mm).regime is regime


def test_no_occlusion_leaves_everything_at_baseline_and_both_leave_nothing():
    for d in (0.1, 10, 50):
        base = occlusion_effect(tumour_diameter_mm=d)
        assert (base.liver_flow, base.liver_oxygen) == pytest.approx((1.0, 1.0))
        assert (base.tumour_flow.low, base.tumour_flow.high) == pytest.approx((1.0, 1.0))
        both = occlusion_effect(artery_occluded=True, portal_occluded=True, tumour_diameter_mm=d)
        assert (both.liver_flow, both.liver_oxygen, both.tumour_flow.high) == (0, 0, 0)


def test_occluding_more_never_increases_supply():
    for d, portal_share in itertools.product((0.1, 5, 30), (0.67, 0.75, 0.80)):
        states = {
            (a, p): occlusion_effect(
                artery_occluded=a, portal_occluded=p, tumour_diameter_mm=d,
                portal_flow_fraction=portal_share,
            )
            for a, p in itertools.product((False, True), repeat=2)
        }
        worse = states[(True, True)]
        for state in states.values():
            assert 0 <= state.liver_flow <= 1 and 0 <= state.tumour_flow.low <= 1
            assert worse.liver_flow <= state.liver_flow
            assert worse.tumour_flow.high <= state.tumour_flow.low + 1e-12


def test_buffer_response_bounds_from_the_sheet():
    # 25% arterial + 25-60% of the lost 75% portal flow -> 43.75% to 70% of baseline inflow.
    assert liver_inflow_after_portal_occlusion(0.25) == pytest.approx(0.4375)
    assert liver_inflow_after_portal_occlusion(0.60) == pytest.approx(0.70)
    assert liver_inflow_after_portal_occlusion(0.0) == pytest.approx(0.25)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: hepatic_inflow(total_l_min=0), "must be positive"),
        (lambda: hepatic_inflow(portal_fraction=1.2), "portal_fraction must be a fraction"),
        (lambda: tumour_supply(-3), "tumour diameter must be positive"),
        (lambda: occlusion_effect(portal_flow_fraction=-0.1), "portal_flow_fraction"),
        (lambda: liver_inflow_after_portal_occlusion(2), "buffer_response"),
    ],
)
def test_impossible_inputs_say_why(call, message):
    with pytest.raises(ValueError, match=message):
        call()
