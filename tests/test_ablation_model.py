"""The ablation simulator: zones, margins, heat sink, modalities, and input checks."""

from __future__ import annotations

import math

import numpy as np
import pytest

from livermets_edu import facts
from livermets_edu.models.ablation import (
    AblationSetup,
    MarginVerdict,
    microwave_attenuation_per_m,
    simulate_ablation,
)
from livermets_edu.models.thermal_damage import (
    damage_fraction,
    time_to_cem43,
    time_to_omega,
)

RF = AblationSetup()
HEAT_SINK = AblationSetup(vessel_diameter_mm=6.0, vessel_gap_mm=2.0)


def test_arrhenius_thresholds_mean_63_and_99_percent():
    assert damage_fraction(facts.get("ARRHENIUS_OMEGA_63_PERCENT_DAMAGE").value) == (
        pytest.approx(1 - math.exp(-1))
    )
    assert damage_fraction(4.6) == pytest.approx(0.99, abs=0.001)


def test_hotter_tissue_dies_faster_by_both_measures():
    temperatures = np.array([50.0, 55.0, 60.0, 70.0])
    assert np.all(np.diff(time_to_omega(temperatures)) < 0)
    assert np.all(np.diff(time_to_cem43(temperatures)) < 0)
    # Rule of thumb (clinical-facts §5): 50 °C kills within minutes, above 60–70 °C at once.
    assert 60 <= time_to_omega(50.0) <= 6 * 60
    assert time_to_omega(70.0) < 1.0


def test_microwave_penetration_follows_the_liver_dielectric_properties():
    alpha = microwave_attenuation_per_m()
    # Low-loss limit: α ≈ (σ/2)·√(μ0/ε) is within a few per cent at loss tangent 0.29.
    epsilon_0 = facts.get("VACUUM_PERMITTIVITY").value
    epsilon = facts.get("LIVER_RELATIVE_PERMITTIVITY_2_45_GHZ").value * epsilon_0
    sigma = facts.get("LIVER_ELECTRICAL_CONDUCTIVITY_2_45_GHZ").value
    mu_0 = facts.get("VACUUM_PERMEABILITY").value
    assert alpha == pytest.approx(sigma / 2 * math.sqrt(mu_0 / epsilon), rel=0.03)
    assert microwave_attenuation_per_m(conductivity_s_per_m=0.0) == 0.0


def test_rf_zone_lies_in_the_sourced_range_of_clinical_zones():
    result = simulate_ablation(RF)
    zone = facts.get("RFA_ABLATION_ZONE_DIAMETER")
    shortest, longest = result.zone_diameters_mm()
    assert zone.low * 10 <= shortest <= longest <= zone.high * 10
    assert not result.reaches_edge


def test_rf_generator_backs_off_before_tissue_boils():
    result = simulate_ablation(RF)
    assert (
        result.solution.peak_temperature_c.max()
        <= facts.get("VAPORIZATION_TEMPERATURE").value + 1e-9
    )
    assert result.delivered_energy_j < RF.power_w * RF.duration_s


def test_microwave_makes_a_larger_zone_than_rf_at_the_same_power_and_time():
    # RCT (clinical-facts §5): ablation volume MWA 50.5 vs RFA 22.9 cm³.
    rf = simulate_ablation(AblationSetup(view="axial"))
    mw = simulate_ablation(AblationSetup(view="axial", modality="microwave"))
    assert mw.zone_size() > rf.zone_size()


def test_axial_zone_is_longer_along_the_needle_than_across_it():
    across, along = simulate_ablation(AblationSetup(view="axial")).zone_diameters_mm()
    assert along > across


def test_margin_agrees_with_the_zone_for_a_centred_tumour():
    result = simulate_ablation(RF)
    shortest, _ = result.zone_diameters_mm()
    assert result.minimal_margin_mm == pytest.approx(
        shortest / 2 - RF.tumour_diameter_mm / 2, abs=0.3
    )
    assert result.margin_toward_vessel_mm == pytest.approx(
        result.margin_away_from_vessel_mm, abs=0.3
    )


def test_heat_sink_pulls_the_zone_back_on_the_vessel_side():
    result = simulate_ablation(HEAT_SINK)
    assert result.margin_toward_vessel_mm < result.margin_away_from_vessel_mm - 3.0
    assert result.minimal_margin_mm == pytest.approx(result.margin_toward_vessel_mm, abs=0.3)


def test_heat_sink_weakens_as_the_vessel_moves_away():
    margins = [
        simulate_ablation(
            AblationSetup(vessel_diameter_mm=6.0, vessel_gap_mm=gap)
        ).margin_toward_vessel_mm
        for gap in (1.0, 5.0, 15.0)
    ]
    assert margins[0] < margins[1] < margins[2]


def test_larger_tumours_get_smaller_margins_and_verdicts_follow_the_5_and_10_mm_marks():
    verdicts = {}
    for diameter in (10.0, 20.0, 30.0, 40.0):
        result = simulate_ablation(AblationSetup(tumour_diameter_mm=diameter))
        verdicts[diameter] = (result.minimal_margin_mm, result.margin_verdict)
    margins = [margin for margin, _ in verdicts.values()]
    assert margins == sorted(margins, reverse=True)
    for margin, verdict in verdicts.values():
        expected = (
            MarginVerdict.INCOMPLETE
            if margin < 0
            else MarginVerdict.AT_MOST_5_MM
            if margin <= 5
            else MarginVerdict.FROM_5_TO_10_MM
            if margin <= 10
            else MarginVerdict.OVER_10_MM
        )
        assert verdict is expected
    assert verdicts[40.0][1] is MarginVerdict.INCOMPLETE


def test_cryo_zone_is_where_tissue_reached_the_lethal_temperature():
    result = simulate_ablation(AblationSetup(modality="cryo"))
    lethal = facts.get("CRYOABLATION_LETHAL_TEMPERATURE").value
    assert np.all(result.solution.lowest_temperature_c[result.dead()] <= lethal)
    assert result.solution.lowest_temperature_c.min() == pytest.approx(
        facts.get("ARGON_NORMAL_BOILING_POINT").value
    )
    # One probe makes little lethal ice (Littrup 2009: 12 mm at 15 min with a 2.4 mm probe).
    shortest, _ = result.zone_diameters_mm()
    assert 5.0 < shortest < 2 * facts.get("CRYO_LETHAL_ICE_DIAMETER_SINGLE_PROBE").value


def test_criteria_nest_99_percent_inside_63_percent():
    result = simulate_ablation(RF)
    assert result.zone_size("omega_4_6") <= result.zone_size("omega_1")
    assert np.all(result.dead("omega_1")[result.dead("omega_4_6")])


def test_outline_is_closed_and_mirrored():
    outline = simulate_ablation(HEAT_SINK).outline_mm()
    assert outline.shape[1] == 2
    assert outline[0] == pytest.approx(outline[-1])
    upper = outline[: len(outline) // 2 + 1]
    assert np.all(upper[:, 1] >= -1e-9)


def test_full_plane_mirrors_the_computed_half():
    result = simulate_ablation(RF)
    x, y, field = result.full_plane(result.solution.peak_temperature_c)
    assert field.shape == (y.size, x.size)
    assert np.allclose(field, field[::-1])
    assert np.allclose(y, -y[::-1])


def test_same_setup_is_computed_once():
    assert simulate_ablation(AblationSetup()) is simulate_ablation(AblationSetup())


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"power_w": -5.0}, "power_w"),
        ({"power_w": float("nan")}, "power_w"),
        ({"duration_s": 1e6}, "duration_s"),
        ({"modality": "laser"}, "modality must be one of rfa, microwave, cryo"),
        ({"view": "oblique"}, "view"),
        ({"tumour_diameter_mm": 0.0}, "tumour_diameter_mm"),
        ({"tumour_offset_mm": 15.0}, "tumour_offset_mm"),
        ({"vessel_diameter_mm": 30.0}, "vessel_diameter_mm"),
        ({"vessel_diameter_mm": 6.0, "vessel_gap_mm": 50.0}, "vessel_gap_mm"),
        ({"vessel_diameter_mm": 6.0, "view": "axial"}, "axial symmetry"),
        ({"probe_temperature_c": 20.0}, "probe_temperature_c"),
    ],
)
def test_impossible_setups_say_why(changes, message):
    with pytest.raises(ValueError, match=message):
        AblationSetup(**changes)


@pytest.mark.parametrize("modality", ["rfa", "microwave", "cryo"])
def test_every_simulated_ablation_conserves_energy(modality):
    result = simulate_ablation(AblationSetup(modality=modality, vessel_diameter_mm=6.0))
    assert abs(result.solution.energy_imbalance_j) < 1e-9 * max(
        result.delivered_energy_j, abs(result.solution.energy_j["fixed_cells"])
    )


def test_microwave_reports_the_energy_spent_boiling_water():
    result = simulate_ablation(AblationSetup(modality="microwave"))
    assert result.solution.peak_temperature_c.max() == pytest.approx(
        facts.get("VAPORIZATION_TEMPERATURE").value
    )
    assert 0 < result.vaporized_energy_j < result.delivered_energy_j
    assert result.delivered_energy_j == pytest.approx(40.0 * 600.0)


def test_cem43_zone_is_a_separate_criterion_that_also_surrounds_the_needle():
    result = simulate_ablation(RF)
    assert result.zone_size("cem43") > 0
    assert result.dead("cem43")[result.needle].all()
    assert result.zone_size("cem43") != pytest.approx(result.zone_size("omega_4_6"))


def test_an_off_centre_tumour_loses_margin_on_the_side_it_moved_to():
    centred = simulate_ablation(RF)
    moved = simulate_ablation(AblationSetup(tumour_offset_mm=5.0))
    assert moved.margin_toward_vessel_mm == pytest.approx(
        centred.margin_toward_vessel_mm - 5.0, abs=0.6
    )
    assert moved.minimal_margin_mm < centred.minimal_margin_mm - 3.0


def test_cached_results_cannot_be_altered():
    result = simulate_ablation(RF)
    with pytest.raises(ValueError, match="read-only"):
        result.solution.temperature_c[0, 0] = 0.0


def test_a_zone_near_the_edge_of_the_region_is_flagged():
    assert not simulate_ablation(AblationSetup(modality="microwave")).reaches_edge
    big = simulate_ablation(AblationSetup(modality="microwave", power_w=150, duration_s=1200))
    assert big.reaches_edge


def test_a_simulation_too_large_to_run_quickly_is_refused():
    with pytest.raises(ValueError, match="would take minutes"):
        AblationSetup(grid_mm=0.1, extent_mm=100.0, duration_s=3600.0)


def test_extreme_temperature_reports_the_hottest_or_coldest_moment():
    heat = simulate_ablation(RF)
    times, temperatures = heat.temperature_history_c(10.0)
    hottest, when = heat.extreme_temperature_c(10.0)
    assert hottest == temperatures.max() and when in times
    cold = simulate_ablation(AblationSetup(modality="cryo"))
    coldest, _ = cold.extreme_temperature_c(3.0)
    assert coldest == cold.temperature_history_c(3.0)[1].min() < 0.0
