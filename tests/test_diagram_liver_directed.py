"""The figures of therapy through the hepatic artery: Y-90 radioembolization, chemoembolization
(TACE) and the hepatic arterial infusion pump; and the drawing features they added."""

from __future__ import annotations

import contextlib
import io
import itertools
import math
import re

import numpy as np
import pytest
from figure_checks import overlapping_texts, texts_outside_figure
from matplotlib.path import Path as MplPath

from livermets_edu import facts
from livermets_edu.diagrams import (
    CHEMOEMBOLIZATION_REGIONS,
    HAI_PUMP_REGIONS,
    RADIOEMBOLIZATION_REGIONS,
    chemoembolization,
    hai_pump,
    radioembolization,
)
from livermets_edu.diagrams.radioembolization import lung_shunt_width
from livermets_edu.draw import Dots, LegendEntry
from livermets_edu.draw.diagram import Diagram
from livermets_edu.draw.geometry import (
    clip_polygon,
    distance_along,
    inside,
    path_between,
    path_length,
    spread_points,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(scope="module")
def lobar():
    return radioembolization()


@pytest.fixture(scope="module")
def segmental():
    return radioembolization(delivery="segmental")


# --- reading the figure back -------------------------------------------------------------------
def _points(diagram, name: str) -> np.ndarray:
    """The region's main outline or line, in drawing units."""
    artist = diagram.regions[name]
    return np.asarray(artist.get_xy() if hasattr(artist, "get_xy") else artist.get_xydata())


def _all_points(diagram, name: str) -> np.ndarray:
    """Every point drawn for a region of symbols (one artist per drawn size)."""
    return np.vstack([np.asarray(a.get_xydata()) for a in diagram.artists[name]])


def _radius(diagram, name: str) -> float:
    points = _points(diagram, name)
    return float(points[:, 0].max() - points[:, 0].min()) / 2


def _centre(diagram, name: str) -> np.ndarray:
    points = _points(diagram, name)
    return (points.min(axis=0) + points.max(axis=0)) / 2


def _area(outline: np.ndarray) -> float:
    x, y = outline[:, 0], outline[:, 1]
    return abs(float(np.dot(x, np.roll(y, -1)) - np.dot(y, np.roll(x, -1)))) / 2


def _inset_scale(diagram) -> float:
    """Drawing units per mm in the inset, read from the scale bar and the label beside it."""
    bar = _points(diagram, "scale_bar")
    label = next(t.get_text() for t in diagram.texts if re.fullmatch(r"[\d.]+ mm", t.get_text()))
    millimetres = float(label.split()[0])
    return float(bar[:, 0].max() - bar[:, 0].min()) / millimetres


def _catheter(diagram) -> np.ndarray:
    return _points(diagram, "catheter")


def _distance_to_path(point, path: np.ndarray) -> float:
    starts, steps = path[:-1], np.diff(path, axis=0)
    share = np.clip(
        np.einsum("ij,ij->i", np.asarray(point) - starts, steps)
        / np.maximum(np.einsum("ij,ij->i", steps, steps), 1e-12),
        0.0,
        1.0,
    )
    return float(np.min(np.hypot(*(starts + steps * share[:, None] - np.asarray(point)).T)))


# --- radioembolization: what is drawn ------------------------------------------------------------
def test_default_draws_every_region_but_the_lung_shunt(lobar):
    expected = set(RADIOEMBOLIZATION_REGIONS) - {"lung_shunt"}
    assert set(lobar.regions) == expected


def test_the_beta_halo_is_the_mean_range_on_the_insets_scale(lobar):
    scale = _inset_scale(lobar)
    beyond_edge = (_radius(lobar, "beta_range") - _radius(lobar, "inset_tumour")) / scale
    assert beyond_edge == pytest.approx(facts.Y90_MEAN_TISSUE_PENETRATION.value, abs=0.01)
    assert np.allclose(_centre(lobar, "beta_range"), _centre(lobar, "inset_tumour"))
    assert "2.5 mm" in lobar.labels["beta_range"]


def test_the_halo_follows_the_fact_not_a_literal(monkeypatch):
    monkeypatch.setattr(facts, "Y90_MEAN_TISSUE_PENETRATION", facts.Fact(4.0, "mm", "test"))
    diagram = radioembolization()
    scale = _inset_scale(diagram)
    beyond_edge = (_radius(diagram, "beta_range") - _radius(diagram, "inset_tumour")) / scale
    assert beyond_edge == pytest.approx(4.0, abs=0.01)
    assert "4 mm" in diagram.labels["beta_range"]
    assert "4 mm" in diagram.alt_text


def test_the_maximum_range_is_a_faint_dashed_ring_said_to_be_approximate(lobar):
    fact = facts.Y90_MAX_TISSUE_PENETRATION
    assert not fact.verified  # why the figure must say 'approximate'
    scale = _inset_scale(lobar)
    beyond_edge = (_radius(lobar, "beta_max_range") - _radius(lobar, "inset_tumour")) / scale
    assert beyond_edge == pytest.approx(fact.value, abs=0.01)
    assert lobar.element("beta_max_range").line_style == "dashed"
    assert "approximate" in lobar.labels["beta_max_range"]
    assert fact.range_text in lobar.labels["beta_max_range"]
    assert "approximate" in lobar.alt_text


def test_the_inset_is_clipped_to_its_frame(lobar):
    frame = _points(lobar, "inset")
    (x0, y0), (x1, y1) = frame.min(axis=0), frame.max(axis=0)
    box = lobar.regions["beta_max_range"].get_clip_box()
    assert box is not None
    to_units = lobar._transform.inverted()
    (bx0, by0), (bx1, by1) = to_units.transform([(box.x0, box.y0), (box.x1, box.y1)])
    assert (bx0, by0, bx1, by1) == pytest.approx((x0, y0, x1, y1), abs=1e-6)


def test_spheres_are_dense_in_the_tumour_and_sparse_in_normal_liver(lobar):
    tumour = _points(lobar, "metastasis")
    territory = _points(lobar, "treated_territory")
    in_tumour = _all_points(lobar, "tumour_microspheres")
    in_liver = _all_points(lobar, "liver_microspheres")
    assert inside(tumour, in_tumour).all()
    assert inside(territory, in_liver).all() and not inside(tumour, in_liver).any()
    tumour_density = len(in_tumour) / _area(tumour)
    liver_density = len(in_liver) / (_area(territory) - _area(tumour))
    assert tumour_density > 4 * liver_density


def test_lobar_treats_the_right_lobe_and_segmental_one_segment(lobar, segmental):
    lobe = _points(lobar, "right_lobe")
    assert _area(_points(lobar, "treated_territory")) == pytest.approx(_area(lobe), rel=0.01)
    segment = _points(segmental, "treated_territory")
    assert _area(segment) < 0.6 * _area(lobe)
    assert inside(lobe, segment * 0.999 + segment.mean(axis=0) * 0.001).all()
    for diagram in (lobar, segmental):
        assert inside(_points(diagram, "treated_territory"), [_centre(diagram, "metastasis")])[0]
    assert "right lobe" in lobar.labels["treated_territory"]
    assert "one segment" in segmental.labels["treated_territory"]


def test_the_segmental_tip_lies_further_along_the_route_than_the_lobar_tip(lobar, segmental):
    lobar_path, segmental_path = _catheter(lobar), _catheter(segmental)
    # Both follow the same route from the groin; the lobar catheter stops earlier.
    assert np.allclose(lobar_path[0], segmental_path[0])
    lobar_tip, segmental_tip = lobar_path[-1], segmental_path[-1]
    assert _distance_to_path(lobar_tip, segmental_path) < 1e-6
    assert (
        distance_along(segmental_path, segmental_tip)
        > distance_along(segmental_path, lobar_tip) + 1.0
    )
    assert path_length(segmental_path) > path_length(lobar_path)
    # The lobar tip is in the right hepatic artery; the segmental tip in the segmental branch.
    assert _distance_to_path(lobar_tip, _points(lobar, "right_hepatic_artery")) < 1e-6
    assert _distance_to_path(segmental_tip, _points(segmental, "segmental_artery")) < 1e-6
    assert _distance_to_path(lobar_tip, _points(lobar, "segmental_artery")) > 1.0
    tumour = _centre(segmental, "metastasis")
    assert np.hypot(*(segmental_tip - tumour)) < np.hypot(*(lobar_tip - tumour))


def test_whole_liver_delivery_stops_before_the_hepatic_artery_divides(lobar):
    whole = radioembolization(delivery="whole_liver")
    path, lobar_path = _catheter(whole), _catheter(lobar)
    tip = path[-1]
    assert _distance_to_path(tip, _points(whole, "proper_hepatic_artery")) < 1e-6
    assert _distance_to_path(tip, lobar_path) < 1e-6  # on the lobar route, short of its tip
    assert path_length(path) < path_length(lobar_path) - 1.0
    liver = _points(whole, "liver")
    territory = _points(whole, "treated_territory")
    assert _area(territory) == pytest.approx(_area(liver), rel=0.01)
    assert _area(territory) > 1.2 * _area(_points(lobar, "treated_territory"))
    assert "whole liver" in whole.labels["treated_territory"]
    assert "whole liver is treated" in whole.alt_text


def test_radial_access_starts_at_the_arm_and_femoral_at_the_groin(lobar):
    radial = radioembolization(access="radial")
    start = _catheter(radial)[0]
    assert MplPath(_points(radial, "left_arm")).contains_point(start)
    assert not MplPath(_points(radial, "body")).contains_point(start)
    femoral_start = _catheter(lobar)[0]
    assert MplPath(_points(lobar, "body")).contains_point(femoral_start)
    for arm in ("left_arm", "right_arm"):
        assert not MplPath(_points(lobar, arm)).contains_point(femoral_start)
    # The groin lies below the aorta's end; the wrist's artery joins the aorta at its arch.
    assert femoral_start[1] < _points(lobar, "aorta")[:, 1].min()
    assert "Radial artery" in radial.labels["access_artery"]
    assert "Femoral artery" in lobar.labels["access_artery"]
    # Either way the catheter runs along the access artery, against its flow.
    access = _points(radial, "access_artery")
    assert np.allclose(start, access[-1])


def test_the_catheter_follows_the_route_into_the_hepatic_artery(lobar):
    path = _catheter(lobar)
    for name in ("coeliac_trunk", "common_hepatic_artery", "proper_hepatic_artery"):
        vessel = _points(lobar, name)
        for point in vessel[:: max(1, len(vessel) // 4)]:
            assert _distance_to_path(point, path) < 1e-6, name


def test_the_lung_shunt_arrow_exists_only_above_zero_and_widens_with_it():
    assert "lung_shunt" not in radioembolization(lung_shunt_fraction=0.0).regions
    shunts = [0.005, 0.05, 0.1, 0.2, 0.5, 0.95]
    widths = []
    for shunt in shunts:
        diagram = radioembolization(lung_shunt_fraction=shunt)
        arrow = diagram.regions["lung_shunt"]
        widths.append(arrow.get_linewidth())
        assert "arrow" in [a.get_label() for a in diagram.artists["lung_shunt"]]
    assert all(b > a for a, b in itertools.pairwise(widths))
    assert widths == pytest.approx([lung_shunt_width(s) for s in shunts])


def test_the_lung_shunt_runs_from_the_liver_to_the_lungs():
    diagram = radioembolization(lung_shunt_fraction=0.12)
    arrow = _points(diagram, "lung_shunt")
    assert MplPath(_points(diagram, "liver")).contains_point(arrow[0])
    lungs = diagram.artists["lungs"]
    assert any(MplPath(lung.get_xy()).contains_point(arrow[-1]) for lung in lungs)
    assert diagram.labels["lung_shunt"] == "Lung shunt 12%"


@pytest.mark.parametrize(("shunt", "shown"), [(0.125, "12.5%"), (0.004, "0.4%"), (0.3, "30%")])
def test_the_lung_shunt_label_says_the_fraction(shunt, shown):
    diagram = radioembolization(lung_shunt_fraction=shunt)
    assert diagram.labels["lung_shunt"] == f"Lung shunt {shown}"
    assert f"lung shunt fraction is {shown}" in diagram.alt_text


def test_resin_spheres_are_drawn_with_a_wider_spread_of_sizes(lobar):
    resin = radioembolization(device="resin")

    def sizes(diagram) -> list[float]:
        return sorted({a.get_markersize() for a in diagram.artists["inset_microspheres"]})

    glass_sizes, resin_sizes = sizes(lobar), sizes(resin)
    assert len(resin_sizes) > 1
    spread = {name: max(s) / min(s) for name, s in (("glass", glass_sizes), ("resin", resin_sizes))}
    glass, resin_fact = facts.MICROSPHERE_DIAMETER_GLASS, facts.MICROSPHERE_DIAMETER_RESIN
    assert spread["glass"] == pytest.approx(glass.high / glass.low, rel=0.1)
    assert spread["resin"] == pytest.approx(resin_fact.high / resin_fact.low, rel=0.1)
    legend = " ".join(a.get_text() for a in resin.artists["legend"] if hasattr(a, "get_text"))
    assert f"resin microspheres, {resin_fact.range_text}" in legend


def test_the_legend_keeps_the_blood_supply_vocabulary(lobar):
    legend = " ".join(a.get_text() for a in lobar.artists["legend"] if hasattr(a, "get_text"))
    assert "solid: artery" in legend and "dashed: portal vein" in legend
    assert "only inset A to scale" in legend
    assert lobar.regions["portal_vein"].get_linestyle() == "--"
    assert lobar.regions["proper_hepatic_artery"].get_linestyle() == "-"


def test_labels_take_their_shares_from_the_facts(monkeypatch):
    monkeypatch.setattr(facts, "PORTAL_VEIN_FLOW_FRACTION", facts.Fact(0.7, "fraction", "test"))
    monkeypatch.setattr(
        facts, "METASTASIS_ARTERIAL_SUPPLY_FRACTION", facts.Fact(0.9, "fraction", "test")
    )
    diagram = radioembolization()
    assert "~70%" in diagram.labels["portal_vein"]
    assert "~90%" in diagram.labels["metastasis"]
    assert "about 70%" in diagram.alt_text and "about 90%" in diagram.alt_text


# --- radioembolization: words ------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "phrases"),
    [
        (
            {},
            [
                "enters the femoral artery (in the groin)",
                "lobar delivery",
                "Glass microspheres (20–30 µm",
                "lung shunt fraction is 0%, so no arrow",
            ],
        ),
        (
            {
                "access": "radial",
                "delivery": "segmental",
                "lung_shunt_fraction": 0.08,
                "device": "resin",
            },
            [
                "enters the radial artery (at the wrist)",
                "segmental delivery",
                "Resin microspheres (20–60 µm",
                "lung shunt fraction is 8%: an arrow from the liver to the lungs",
            ],
        ),
    ],
)
def test_alt_text_says_the_state(options, phrases):
    alt = radioembolization(**options).alt_text
    for phrase in phrases:
        assert phrase in alt, phrase
    assert "2.5 mm" in alt and "scale bar" in alt


def test_a_title_comes_first_in_the_alt_text():
    diagram = radioembolization(title="Y-90 radioembolization")
    assert diagram.alt_text.startswith("Y-90 radioembolization. Schematic of Y-90")


def test_no_text_overlaps_or_leaves_the_figure_and_all_is_10_pt_or_more():
    variants = [
        radioembolization(),
        radioembolization(access="radial", delivery="segmental", lung_shunt_fraction=0.6),
        radioembolization(device="resin", lung_shunt_fraction=0.004, title="Y-90"),
        radioembolization(numbered=True, lung_shunt_fraction=0.1, title="Label it"),
        chemoembolization(),
        chemoembolization(agent="drug_eluting_beads", access="radial", numbered=True),
        hai_pump(),
        hai_pump(numbered=True, title="HAI"),
    ]
    for diagram in variants:
        assert not overlapping_texts(diagram), diagram.alt_text[:60]
        assert not texts_outside_figure(diagram), diagram.alt_text[:60]
        assert min(t.get_fontsize() for t in diagram.texts) >= 10


# --- numbered mode -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "make",
    [
        lambda: radioembolization(numbered=True, lung_shunt_fraction=0.1),
        lambda: chemoembolization(numbered=True),
        lambda: hai_pump(numbered=True),
    ],
)
def test_numbered_mode_has_a_key_with_every_number(make):
    diagram = make()
    numbers = sorted(diagram.numbering)
    assert numbers == list(range(1, len(numbers) + 1)) and len(numbers) >= 15
    shown = [t.get_text() for t in diagram.texts]
    for number, name in diagram.numbering.items():
        assert diagram.labels[name] == str(number)
        assert shown.count(str(number)) == 1, number
        assert name in diagram.regions, name
    assert "legend" not in diagram.regions  # the legend would give the answers away
    alt = diagram.alt_text.lower()
    assert f"numbers 1 to {len(numbers)} mark the structures to identify" in alt
    for word in ("portal vein", "hepatic artery", "catheter", "pump", "microsphere", "aorta"):
        assert word not in alt, word


def test_numbered_and_labelled_name_the_same_structures(lobar):
    numbered = radioembolization(numbered=True)
    assert set(numbered.numbering.values()) == set(lobar.labels)


# --- radioembolization: bad input -----------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"access": "arm"}, ["access", "'femoral'", "'radial'"]),
        ({"access": None}, ["access", "'femoral'", "'radial'"]),
        ({"delivery": "whole liver"}, ["delivery", "'whole_liver'", "'lobar'", "'segmental'"]),
        ({"device": "holmium"}, ["device", "'glass'", "'resin'"]),
        ({"lung_shunt_fraction": -0.01}, ["lung_shunt_fraction", "0", "1"]),
        ({"lung_shunt_fraction": 1.0}, ["lung_shunt_fraction"]),
        ({"lung_shunt_fraction": float("nan")}, ["lung_shunt_fraction"]),
        ({"lung_shunt_fraction": "0.1"}, ["lung_shunt_fraction"]),
        ({"lung_shunt_fraction": True}, ["lung_shunt_fraction"]),
        ({"numbered": "yes"}, ["numbered"]),
    ],
)
def test_bad_radioembolization_input_names_the_parameter(options, words):
    with pytest.raises(ValueError) as caught:
        radioembolization(**options)
    for word in words:
        assert word in str(caught.value)


def test_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        radioembolization("radial")  # type: ignore[misc]
    with pytest.raises(TypeError):
        chemoembolization("conventional")  # type: ignore[misc]
    with pytest.raises(TypeError):
        hai_pump(True)  # type: ignore[misc]


def test_the_widgets_device_enum_is_accepted():
    from enum import Enum

    class Device(str, Enum):
        GLASS = "glass"

    diagram = radioembolization(device=Device.GLASS)
    assert "Glass microspheres" in diagram.alt_text
    legend = " ".join(a.get_text() for a in diagram.artists["legend"] if hasattr(a, "get_text"))
    assert "Y-90 glass microspheres" in legend


# --- chemoembolization ---------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tace():
    return chemoembolization()


def test_tace_draws_every_region(tace):
    assert set(tace.regions) == set(CHEMOEMBOLIZATION_REGIONS)


def test_tace_catheter_sits_in_the_branch_feeding_the_tumour(tace):
    tip = _catheter(tace)[-1]
    branch = _points(tace, "segmental_artery")
    assert _distance_to_path(tip, branch) < 1e-6
    assert np.hypot(*(branch[-1] - _centre(tace, "metastasis"))) < np.hypot(
        *(branch[0] - _centre(tace, "metastasis"))
    )


def test_tace_blocks_the_tumours_artery_but_not_the_portal_vein(tace):
    blocked = tace.regions["blocked_artery"]
    roles = [a.get_label() for a in tace.artists["blocked_artery"]]
    assert "clamp" in roles and "arrow" not in roles
    assert blocked.get_alpha() is not None and blocked.get_alpha() < 1
    inset_roles = [a.get_label() for a in tace.artists["inset_blocked_artery"]]
    assert "clamp" in inset_roles
    portal = tace.regions["portal_vein"]
    assert portal.get_alpha() in (None, 1.0) and portal.get_linestyle() == "--"
    assert "arrow" in [a.get_label() for a in tace.artists["portal_vein"]]
    assert "arrow" in [a.get_label() for a in tace.artists["inset_portal_vein"]]
    assert "feeds normal liver" in tace.labels["portal_vein"]
    # The block lies past the embolic agent, inside the tumour.
    agent = _all_points(tace, "embolic_agent")
    assert MplPath(_points(tace, "metastasis")).contains_point(_points(tace, "blocked_artery")[-1])
    assert np.hypot(*(agent.mean(axis=0) - _points(tace, "blocked_artery")[0])) < 2.0


def test_the_agent_changes_what_is_drawn_and_said(tace):
    beads = chemoembolization(agent="drug_eluting_beads")
    assert tace.regions["embolic_agent"].get_marker() == "D"  # particles: diamonds
    assert beads.regions["embolic_agent"].get_marker() == "o"  # beads: round
    assert (
        beads.regions["embolic_agent"].get_markersize()
        > tace.regions["embolic_agent"].get_markersize()
    )
    assert "particles" in tace.labels["embolic_agent"]
    assert "Drug-eluting beads" in beads.labels["embolic_agent"]
    assert "embolic particles" in tace.alt_text
    assert "drug-eluting beads" in beads.alt_text and "release the drug" in beads.alt_text
    for diagram in (tace, beads):
        assert inside(_points(diagram, "metastasis"), _all_points(diagram, "drug")).all()


def test_tace_alt_text_says_the_access(tace):
    assert "enters the femoral artery (in the groin)" in tace.alt_text
    radial = chemoembolization(access="radial")
    assert "enters the radial artery (at the wrist)" in radial.alt_text
    assert MplPath(_points(radial, "left_arm")).contains_point(_catheter(radial)[0])


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"agent": "lipiodol"}, ["agent", "'conventional'", "'drug_eluting_beads'"]),
        ({"access": "carotid"}, ["access", "'femoral'", "'radial'"]),
    ],
)
def test_bad_tace_input_names_the_parameter(options, words):
    with pytest.raises(ValueError) as caught:
        chemoembolization(**options)
    for word in words:
        assert word in str(caught.value)


# --- HAI pump ------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def pump():
    return hai_pump()


def test_hai_draws_every_region(pump):
    assert set(pump.regions) == set(HAI_PUMP_REGIONS)
    assert "access_artery" not in pump.regions


def test_the_pump_sits_in_the_lower_abdomen_and_its_catheter_reaches_the_artery(pump):
    centre = _centre(pump, "pump")
    assert MplPath(_points(pump, "body")).contains_point(centre)
    assert centre[1] < _points(pump, "liver")[:, 1].min() - 5.0
    path = _catheter(pump)
    assert np.hypot(*(path[0] - centre)) <= _radius(pump, "pump") + 1e-6
    # The tip lies where the gastroduodenal artery leaves the common hepatic artery.
    gda = _points(pump, "gastroduodenal_artery")
    assert np.allclose(path[-1], gda[0])
    assert _distance_to_path(gda[len(gda) // 2], path) < 1e-6
    assert "Gastroduodenal artery" in pump.labels["gastroduodenal_artery"]
    assert "hockey puck" in pump.labels["pump"] and "abdominal wall" in pump.labels["pump"]


def test_chemotherapy_runs_from_the_tip_through_the_hepatic_artery_into_the_liver(pump):
    flow = _points(pump, "chemotherapy")
    assert np.allclose(flow[0], _catheter(pump)[-1])
    assert MplPath(_points(pump, "liver")).contains_point(flow[-1])
    proper = _points(pump, "proper_hepatic_artery")
    assert all(_distance_to_path(p, flow) < 1e-6 for p in proper)
    assert pump.element("chemotherapy").line_style == "dotted"
    tumour = _points(pump, "metastasis")
    in_tumour = _all_points(pump, "tumour_drug")
    in_liver = _all_points(pump, "liver_drug")
    liver = _points(pump, "liver")
    density = len(in_tumour) / _area(tumour)
    assert density > 4 * len(in_liver) / (_area(liver) - _area(tumour))


def test_hai_alt_text_and_inset(pump):
    alt = pump.alt_text
    for phrase in ("hockey puck", "wall of the lower abdomen", "gastroduodenal artery"):
        assert phrase in alt, phrase
    assert "side view through the abdominal wall" in alt
    frame = _points(pump, "inset")
    skin = _points(pump, "inset_skin")
    assert frame[:, 1].min() < skin[0, 1] < frame[:, 1].max()
    wall = _points(pump, "inset_abdominal_wall")
    assert wall[:, 1].max() == pytest.approx(skin[0, 1])
    pump_side = _points(pump, "inset_pump")
    assert wall[:, 1].min() < pump_side[:, 1].min() and pump_side[:, 1].max() < skin[0, 1]


# --- output ------------------------------------------------------------------------------------
@pytest.mark.parametrize("make", [radioembolization, chemoembolization, hai_pump])
def test_renders_to_png_and_svg_with_the_alt_text(make, tmp_path):
    from PIL import Image

    diagram = make()
    png = diagram.save(tmp_path / "figure.png").read_bytes()
    assert png.startswith(PNG_SIGNATURE) and len(png) > 20_000
    with Image.open(io.BytesIO(png)) as image:
        assert image.info["Description"] == diagram.alt_text
        assert image.size == diagram.size_pixels()
    svg = diagram.save(tmp_path / "figure.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "<text" in svg  # text stays text: faster, and selectable
    data, metadata = diagram._repr_mimebundle_()
    assert data["text/plain"] == diagram.alt_text
    assert metadata["image/png"]["alt"] == diagram.alt_text


def test_the_same_call_draws_the_same_svg():
    first = radioembolization(lung_shunt_fraction=0.1).to_svg()
    assert radioembolization(lung_shunt_fraction=0.1).to_svg() == first


# --- the drawing features these figures added ----------------------------------------------------
def test_remembered_text_sizes_leave_the_svg_unchanged(monkeypatch):
    from livermets_edu.draw import Theme
    from livermets_edu.draw import diagram as module

    made = radioembolization(lung_shunt_fraction=0.2)
    # Measured by matplotlib itself, with the memory switched off.
    with monkeypatch.context() as without_memory:
        without_memory.setattr(module, "_remembered_text_sizes", contextlib.nullcontext)
        measured = made.to_svg()
    monkeypatch.setattr(module, "_TEXT_SIZES", {})
    assert made.to_svg() == measured  # first pass fills the memory
    # The same words in a larger font must be measured again, not taken from memory.
    radioembolization(lung_shunt_fraction=0.2, theme=Theme(font_size=16.0)).to_svg()
    assert made.to_svg() == measured  # from memory, byte for byte the same
    assert len(module._TEXT_SIZES) > 40
    paths = Diagram(title="Glyphs")
    assert "<text" not in paths.to_svg()  # the default still draws text as outlines


def test_svg_text_is_checked():
    with pytest.raises(ValueError, match="svg_text"):
        Diagram(svg_text="fonts")


def test_clip_polygon_keeps_the_part_inside_a_convex_window():
    square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    half = clip_polygon(square, [(2, -1), (9, -1), (9, 9), (2, 9)])
    assert _area(half) == pytest.approx(8.0)
    clockwise = clip_polygon(square, [(2, -1), (2, 9), (9, 9), (9, -1)])
    assert _area(clockwise) == pytest.approx(8.0)
    assert len(clip_polygon(square, [(5, 5), (6, 5), (6, 6)])) == 0
    with pytest.raises(ValueError):
        clip_polygon(square, [(0, 0), (1, 1)])


def test_path_between_runs_either_way_along_a_polyline():
    path = np.array([(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)])
    forward = path_between(path, (2, 1), (9, 5))
    assert np.allclose(forward, [(2, 0), (10, 0), (10, 5)])
    assert np.allclose(path_between(path, (9, 5), (2, 1)), forward[::-1])
    assert distance_along(path, (11, 3)) == pytest.approx(13.0)


def test_spread_points_is_deterministic_and_avoids_a_hole():
    square = np.array([(0, 0), (10, 0), (10, 10), (0, 10)], dtype=float)
    hole = np.array([(4, 4), (6, 4), (6, 6), (4, 6)], dtype=float)
    points = spread_points(square, 50, avoid=hole)
    assert len(points) == 50
    assert np.array_equal(points, spread_points(square, 50, avoid=hole))
    assert inside(square, points).all() and not inside(hole, points).any()
    assert len(spread_points(square, 0)) == 0


def test_dots_draw_one_artist_per_size_and_check_their_input():
    diagram = Diagram()
    diagram.add(Dots([(10, 10), (20, 20), (30, 15)], sizes=[3.0, 6.0, 3.0], name="dots"))
    sizes = sorted(a.get_markersize() for a in diagram.artists["dots"])
    assert sizes == [3.0, 6.0] and diagram.regions["dots"].get_markersize() == 6.0
    with pytest.raises(ValueError, match="symbol"):
        Dots([(0, 0)], symbol="star")
    with pytest.raises(ValueError, match="positive"):
        Dots([(0, 0)], sizes=0.0)
    with pytest.raises(ValueError, match="symbol"):
        LegendEntry("x", "#000000", symbol="star")


def test_label_backgrounds_and_leader_dots():
    diagram = Diagram()
    diagram.label("a", "On a box", at=(10, 10), target=(20, 20), background="#FFFFFF")
    text, leader = diagram.artists["label:a"]
    assert text.get_bbox_patch() is not None
    assert leader.get_marker() == "o" and list(leader.get_markevery()) == [1]
    assert math.isclose(leader.get_xydata()[-1][0], 20.0)
