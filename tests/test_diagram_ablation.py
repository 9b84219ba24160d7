"""The thermal-ablation figures: the procedure view and the plane across the applicator."""

from __future__ import annotations

import io
import math

import numpy as np
import pytest
from figure_checks import overlapping_texts, texts_outside_figure

from livermets_edu import facts
from livermets_edu.diagrams import (
    ABLATION_REGIONS,
    CROSS_SECTION_REGIONS,
    ablation,
    ablation_cross_section,
    simulated_cross_section,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
ALWAYS = {
    "skin",
    "body_wall",
    "liver",
    "spine",
    "tumour",
    "applicator",
    "active_tip",
    "ablation_zone",
    "margin_5_mm",
    "margin_10_mm",
    "scale_bar",
}


@pytest.fixture(scope="module")
def default():
    return ablation()


@pytest.fixture(scope="module")
def with_vessel():
    return ablation(vessel=True)


def _points(diagram, name: str) -> np.ndarray:
    """The region's outline (or line) in drawing units."""
    artist = diagram.regions[name]
    return np.asarray(artist.get_xy() if hasattr(artist, "get_xy") else artist.get_xydata())


def _radius(diagram, name: str) -> float:
    points = _points(diagram, name)
    return float(points[:, 0].max() - points[:, 0].min()) / 2


def _centre(diagram, name: str) -> np.ndarray:
    points = _points(diagram, name)
    return (points.min(axis=0) + points.max(axis=0)) / 2


def _procedure_scale(diagram) -> float:
    """Drawing units per mm, read from the 10 mm scale bar."""
    bar = _points(diagram, "scale_bar")
    return float(bar[:, 0].max() - bar[:, 0].min()) / 10.0


def _label_text(diagram, name: str) -> str:
    return next(a for a in diagram.artists[f"label:{name}"] if a.get_label() == "text").get_text()


# --- the procedure: what is drawn ----------------------------------------------------------------
def test_default_draws_the_procedure_under_ultrasound(default):
    assert set(default.regions) == ALWAYS | {"ultrasound_probe", "ultrasound_beam"}
    assert set(default.regions) <= set(ABLATION_REGIONS)
    for name in ("vessel", "heat_sink", "ct_gantry", "ice_ball"):
        assert name not in default.regions, name
    assert set(default.labels) == set(default.regions) - {"scale_bar"}


def test_ct_guidance_draws_a_gantry_and_no_ultrasound():
    diagram = ablation(guidance="ct")
    assert "ct_gantry" in diagram.regions
    assert "ultrasound_probe" not in diagram.regions and "ultrasound_beam" not in diagram.regions
    assert "CT gantry" in diagram.labels["ct_gantry"]
    assert "under CT guidance" in diagram.alt_text


@pytest.mark.parametrize(
    ("modality", "name", "says"),
    [
        ("rfa", "RF electrode", "radiofrequency ablation"),
        ("microwave", "Microwave antenna", "microwave ablation"),
        ("cryo", "Cryoprobe", "cryoablation"),
    ],
)
def test_the_applicator_is_named_for_its_modality(modality, name, says):
    diagram = ablation(modality=modality)
    assert diagram.labels["applicator"] == name
    assert name.lower() in diagram.alt_text.lower() and says in diagram.alt_text


def test_a_large_vessel_draws_a_heat_sink(with_vessel):
    assert {"vessel", "heat_sink"} <= set(with_vessel.regions)
    assert with_vessel.labels["heat_sink"] == "Heat sink"
    assert with_vessel.labels["vessel"] == "Vessel (6 mm)"


def _reach(diagram, name: str, direction: np.ndarray) -> float:
    """How far the region reaches from the tumour's centre along ``direction`` (drawing units)."""
    from matplotlib.path import Path

    steps = np.linspace(0.0, 40.0, 8001)
    ray = _centre(diagram, "tumour") + steps[:, None] * direction
    inside = Path(_points(diagram, name)).contains_points(ray)
    return float(steps[int(np.argmin(inside))])


def test_the_zone_is_pulled_back_on_the_vessel_side(default, with_vessel):
    toward = _centre(with_vessel, "vessel") - _centre(with_vessel, "tumour")
    toward /= np.hypot(*toward)
    scale = _procedure_scale(with_vessel)
    near, far = (
        _reach(with_vessel, "ablation_zone", toward),
        _reach(with_vessel, "ablation_zone", -toward),
    )
    assert far / scale == pytest.approx(20.0, abs=0.05)
    # Short of the vessel's near wall (3 mm past the tumour's 10 mm edge) by the spared rim.
    assert near / scale < 10.0 + 3.0 - 1.0
    assert near / scale > 10.0  # still past the tumour's edge: a thin margin, not none
    # Without a vessel the zone is round: the same reach both ways.
    assert _reach(default, "ablation_zone", toward) == pytest.approx(far, abs=0.01)
    # The heat sink fills the gap between the pulled-back edge and where the zone would end.
    assert _reach(with_vessel, "heat_sink", toward) == 0.0  # starts beyond the centre
    spared = _points(with_vessel, "heat_sink") - _centre(with_vessel, "tumour")
    assert np.hypot(*spared.T).min() == pytest.approx(near, abs=0.05)
    assert np.hypot(*spared.T).max() == pytest.approx(far, abs=0.05)


def test_a_vessel_no_wider_than_the_heat_sink_size_leaves_the_zone_whole():
    size = facts.HEAT_SINK_VESSEL_DIAMETER.value
    diagram = ablation(vessel=True, vessel_diameter_mm=size)
    assert "vessel" in diagram.regions and "heat_sink" not in diagram.regions
    assert f"Vessels of {facts.HEAT_SINK_VESSEL_DIAMETER.text} or less" in diagram.alt_text


def test_a_distant_vessel_leaves_the_zone_whole():
    diagram = ablation(vessel=True, vessel_gap_mm=25.0)
    assert "vessel" in diagram.regions and "heat_sink" not in diagram.regions
    assert "beyond the zone's reach" in diagram.alt_text


def test_cryo_draws_an_ice_ball_round_a_smaller_lethal_zone():
    diagram = ablation(modality="cryo")
    assert "ice_ball" in diagram.regions
    scale = _procedure_scale(diagram)
    inset = facts.CRYO_LETHAL_ISOTHERM_INSIDE_ICE_EDGE.value
    lethal = 2 * _radius(diagram, "ablation_zone") / scale
    ice = 2 * _radius(diagram, "ice_ball") / scale
    assert lethal == pytest.approx(40.0, abs=0.05)
    assert ice == pytest.approx(40.0 + 2 * inset, abs=0.05)
    lethal_text = facts.CRYOABLATION_LETHAL_TEMPERATURE.text.replace("-", "\u2212")
    assert lethal_text in diagram.labels["ablation_zone"]
    assert "Ice ball" in diagram.labels["ice_ball"]
    assert diagram.element("ablation_zone").line_style == "dashdot"
    assert diagram.element("ice_ball").line_style == "solid"


def test_the_zone_is_hatched_and_outlined_not_only_coloured(default):
    zone = default.regions["ablation_zone"]
    assert zone.get_hatch() and zone.get_linewidth() > 0
    for ring in ("margin_5_mm", "margin_10_mm"):
        assert default.element(ring).line_style == "dashed"
        assert default.regions[ring].get_linestyle() != "solid"  # a dash pattern is drawn
        assert default.regions[ring].get_facecolor()[3] == 0  # a ring, not a disc


# --- the procedure: to scale ---------------------------------------------------------------------
@pytest.mark.parametrize("tumour_mm", [10.0, 20.0, 35.0])
def test_tumour_rings_and_zone_are_to_scale(tumour_mm):
    diagram = ablation(tumour_diameter_mm=tumour_mm, zone_diameter_mm=tumour_mm + 14.0)
    scale = _procedure_scale(diagram)
    tumour = _radius(diagram, "tumour")
    assert 2 * tumour / scale == pytest.approx(tumour_mm, abs=0.01)
    assert (_radius(diagram, "margin_10_mm") - tumour) / scale == pytest.approx(10.0, abs=0.01)
    assert (_radius(diagram, "margin_5_mm") - tumour) / scale == pytest.approx(5.0, abs=0.01)
    assert 2 * _radius(diagram, "ablation_zone") / scale == pytest.approx(tumour_mm + 14, abs=0.05)


def test_the_default_zone_is_the_tumour_plus_the_widest_margin_all_round(default):
    scale = _procedure_scale(default)
    assert 2 * _radius(default, "ablation_zone") / scale == pytest.approx(40.0, abs=0.05)
    assert "40 mm across" in default.alt_text and "a 10 mm margin all round" in default.alt_text


def test_the_vessel_sits_its_gap_from_the_tumour_edge():
    diagram = ablation(vessel=True, vessel_diameter_mm=8.0, vessel_gap_mm=4.0)
    scale = _procedure_scale(diagram)
    distance = np.hypot(*(_centre(diagram, "vessel") - _centre(diagram, "tumour"))) / scale
    assert 2 * _radius(diagram, "vessel") / scale == pytest.approx(8.0, abs=0.01)
    assert distance - 10.0 - 4.0 == pytest.approx(4.0, abs=0.01)


def test_the_applicator_tip_lies_in_the_zone_and_the_shaft_crosses_the_skin(default):
    from matplotlib.path import Path

    tip = _points(default, "active_tip")
    zone = Path(_points(default, "ablation_zone"))
    assert zone.contains_points(tip).all()
    skin = Path(_points(default, "skin"))
    shaft = _points(default, "applicator")
    inside = skin.contains_points(shaft)
    assert inside.any() and not inside.all()


# --- the procedure: facts, not literals ----------------------------------------------------------
def test_default_margins_follow_the_facts(monkeypatch):
    monkeypatch.setattr(facts, "MARGIN_WITHOUT_LOCAL_PROGRESSION", facts.Fact(12.0, "mm", "test"))
    diagram = ablation()
    assert {"margin_5_mm", "margin_12_mm"} <= set(diagram.regions)
    assert diagram.labels["margin_12_mm"] == "12 mm margin"
    scale = _procedure_scale(diagram)
    assert 2 * _radius(diagram, "ablation_zone") / scale == pytest.approx(44.0, abs=0.05)


def test_the_heat_sink_size_follows_the_facts(monkeypatch):
    monkeypatch.setattr(facts, "HEAT_SINK_VESSEL_DIAMETER", facts.Fact(7.0, "mm", "test"))
    assert "heat_sink" not in ablation(vessel=True, vessel_diameter_mm=6.0).regions
    assert "heat_sink" in ablation(vessel=True, vessel_diameter_mm=8.0).regions


def test_the_cryo_marks_follow_the_facts(monkeypatch):
    monkeypatch.setattr(facts, "CRYOABLATION_LETHAL_TEMPERATURE", facts.Fact(-30.0, "°C", "test"))
    monkeypatch.setattr(facts, "CRYO_LETHAL_ISOTHERM_INSIDE_ICE_EDGE", facts.Fact(5.0, "mm", "t"))
    diagram = ablation(modality="cryo")
    assert "\u221230 °C" in diagram.labels["ablation_zone"]
    assert "(50 mm)" in diagram.labels["ice_ball"]


def test_custom_margins_draw_and_name_their_rings():
    diagram = ablation(margins_mm=(2.5, 7.5, 15))
    for name in ("margin_2_5_mm", "margin_7_5_mm", "margin_15_mm"):
        assert name in diagram.regions
    assert diagram.labels["margin_15_mm"] == "15 mm margin"
    assert diagram.labels["margin_2_5_mm"] == "2.5 mm"
    assert "2.5 mm, 7.5 mm and 15 mm outside the tumour's edge" in diagram.alt_text


# --- the procedure: alt text ---------------------------------------------------------------------
def test_alt_text_gives_the_numbers(with_vessel):
    alt = with_vessel.alt_text
    for words in (
        "microwave ablation",
        "ultrasound guidance",
        "20 mm tumour",
        "40 mm across",
        "5 mm and 10 mm outside the tumour's edge",
        "A 6 mm vessel lies 3 mm from the tumour's edge",
        "heat sink",
        "except on the vessel side",
        "10 mm scale bar",
    ):
        assert words in alt, words


def test_alt_text_follows_the_sizes_given():
    diagram = ablation(
        modality="rfa", tumour_diameter_mm=25, zone_diameter_mm=31, vessel=True, vessel_gap_mm=1.5
    )
    alt = diagram.alt_text
    assert "25 mm tumour" in alt and "31 mm across" in alt and "a 3 mm margin" in alt
    assert "lies 1.5 mm from the tumour's edge" in alt


def test_alt_text_says_when_the_zone_is_smaller_than_the_tumour():
    diagram = ablation(tumour_diameter_mm=30, zone_diameter_mm=26)
    assert "smaller than the tumour, leaving a 2 mm rim of tumour untreated" in diagram.alt_text


def test_a_title_is_said_first_and_display_is_stable(default):
    diagram = ablation(title="Microwave ablation.")
    assert diagram.alt_text.startswith("Microwave ablation. Schematic cross-section")
    assert ablation()._repr_mimebundle_() == default._repr_mimebundle_()


# --- the procedure: numbered ---------------------------------------------------------------------
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"vessel": True, "modality": "cryo", "guidance": "ct"},
        {"vessel": True, "modality": "rfa", "title": "Label the diagram"},
    ],
)
def test_numbered_mode_hides_the_names(options):
    diagram = ablation(numbered=True, **options)
    labelled = set(diagram.regions) - {"scale_bar"}
    assert sorted(diagram.numbering) == list(range(1, len(labelled) + 1))
    assert set(diagram.numbering.values()) == labelled
    shown = " ".join(t.get_text() for t in diagram.texts).lower()
    for word in ("skin", "liver", "tumour", "antenna", "electrode", "probe", "margin", "vessel"):
        assert word not in shown, word
    overview = (
        "Schematic cross-section of the abdomen during image-guided ablation of a liver tumour; "
        f"numbers 1 to {len(labelled)} mark the structures to identify."
    )
    assert overview in diagram.alt_text
    rest = diagram.alt_text.replace(overview, "").lower()
    for word in (
        "skin",
        "wall",
        "spine",
        "applicator",
        "antenna",
        "electrode",
        "cryoprobe",
        "probe",
        "ultrasound",
        "gantry",
        "zone",
        "ice",
        "margin",
        "ring",
        "vessel",
        "heat sink",
        "hatched",
        "dashed",
    ):
        assert word not in rest, word


def test_numbers_run_in_reading_order():
    diagram = ablation(numbered=True, vessel=True)
    renderer = diagram.figure._get_renderer()
    places = {}
    for number, name in diagram.numbering.items():
        text = next(a for a in diagram.artists[f"label:{name}"] if a.get_label() == "text")
        box = text.get_window_extent(renderer)
        places[number] = (box.x0, box.y0)
    left = [n for n, (x, _) in places.items() if x < diagram.figure.bbox.width * 0.3]
    right = [n for n, (x, _) in places.items() if x > diagram.figure.bbox.width * 0.7]
    for column in (left, right):
        heights = [places[n][1] for n in sorted(column)]
        assert heights == sorted(heights, reverse=True)  # top to bottom


def test_show_labels_false_draws_no_labels():
    diagram = ablation(show_labels=False, vessel=True)
    assert diagram.labels == {} and "tumour" in diagram.regions


# --- the procedure: looks ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "options",
    [
        {},
        {"vessel": True},
        {"vessel": True, "modality": "cryo", "guidance": "ct", "title": "Cryoablation"},
        {"numbered": True, "vessel": True},
        {"modality": "rfa", "tumour_diameter_mm": 45.0, "margins_mm": (5, 10, 15)},
    ],
)
def test_procedure_text_is_readable_unclipped_and_apart(options):
    diagram = ablation(**options)
    assert min(t.get_fontsize() for t in diagram.texts) >= 10
    assert not overlapping_texts(diagram)
    assert not texts_outside_figure(diagram)


def test_colours_come_from_the_okabe_ito_palette(default):
    from matplotlib.colors import to_hex

    from livermets_edu.draw import OKABE_ITO, tint

    zone = default.regions["ablation_zone"]
    assert to_hex(zone.get_edgecolor()).upper() == OKABE_ITO["vermillion"]
    assert to_hex(zone.get_facecolor()).upper() == tint(OKABE_ITO["vermillion"], 0.72)


# --- the procedure: bad input --------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"modality": "laser"}, ["modality", "'rfa'", "'microwave'", "'cryo'"]),
        ({"guidance": "mri"}, ["guidance", "'ultrasound'", "'ct'"]),
        ({"tumour_diameter_mm": 0}, ["tumour_diameter_mm", "positive"]),
        ({"tumour_diameter_mm": -5}, ["tumour_diameter_mm"]),
        ({"tumour_diameter_mm": float("nan")}, ["tumour_diameter_mm"]),
        ({"tumour_diameter_mm": "20"}, ["tumour_diameter_mm"]),
        ({"zone_diameter_mm": float("inf")}, ["zone_diameter_mm"]),
        ({"vessel_diameter_mm": 0.0}, ["vessel_diameter_mm"]),
        ({"vessel_gap_mm": -1.0}, ["vessel_gap_mm", "0 mm or more"]),
        ({"margins_mm": ()}, ["margins_mm"]),
        ({"margins_mm": (5, 5)}, ["margins_mm"]),
        ({"margins_mm": (0, 10)}, ["margins_mm"]),
    ],
)
def test_bad_input_raises_value_error_naming_the_parameter(options, words):
    with pytest.raises(ValueError) as caught:
        ablation(**options)
    for word in words:
        assert word in str(caught.value), word


def test_a_vessel_touching_the_tumour_is_allowed():
    assert "vessel" in ablation(vessel=True, vessel_gap_mm=0).regions


def test_procedure_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        ablation("rfa")  # type: ignore[misc]


# --- the procedure: output ---------------------------------------------------------------------
def test_png_and_svg_carry_the_alt_text(with_vessel, tmp_path):
    from PIL import Image

    png = with_vessel.save(tmp_path / "ablation.png").read_bytes()
    assert png.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(png)) as image:
        assert image.info["Description"] == with_vessel.alt_text
        assert image.size == with_vessel.size_pixels()
    svg = with_vessel.save(tmp_path / "ablation.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "heat sink" in svg
    data, metadata = with_vessel._repr_mimebundle_()
    assert data["text/plain"] == with_vessel.alt_text
    assert metadata["image/png"]["alt"] == with_vessel.alt_text


# --- the plane across the applicator --------------------------------------------------------------
GRID = np.arange(-30.0, 31.0)  # 61 cell centres, 1 mm apart
X, Y = np.meshgrid(GRID, GRID)
HOT = 37.0 + 60.0 * np.exp(-(X**2 + Y**2) / 200.0)


def _isotherm_radius(level: float) -> float:
    return math.sqrt(-200.0 * math.log((level - 37.0) / 60.0))


def _square(half: float) -> np.ndarray:
    return np.array([(-half, -half), (half, -half), (half, half), (-half, half)])


@pytest.fixture(scope="module")
def section():
    outline = 14.0 * np.column_stack(
        [np.cos(np.linspace(0, 2 * np.pi, 90)), np.sin(np.linspace(0, 2 * np.pi, 90))]
    )
    return ablation_cross_section(
        temperature_map=(GRID, GRID, HOT),
        isotherms_c=(50, 60),
        zone_outline_mm=outline,
        vessel_centre_mm=(16.0, 0.0),
        vessel_diameter_mm=6.0,
    )


def _plane(diagram) -> tuple[np.ndarray, float]:
    """The plane's origin in drawing units and its drawing units per mm, from the frame."""
    frame = _points(diagram, "frame")
    low, high = frame.min(axis=0), frame.max(axis=0)
    return (low + high) / 2, float(high[0] - low[0]) / 60.0  # the default view is 60 mm


def _to_mm(diagram, points: np.ndarray) -> np.ndarray:
    origin, scale = _plane(diagram)
    return (np.asarray(points) - origin) / scale


def test_plain_section_draws_the_plane_tumour_rings_and_applicator():
    diagram = ablation_cross_section()
    assert set(diagram.regions) == {"frame", "tumour", "margin_5_mm", "margin_10_mm", "applicator"}
    assert set(diagram.regions) <= set(CROSS_SECTION_REGIONS)
    assert "No temperature map or zone outline is drawn." in diagram.alt_text
    ticks = [a.get_text() for a in diagram.artists["frame"] if a.get_label() == "tick_label"]
    assert {"\u221230", "0", "30"} <= set(ticks)
    titles = [a.get_text() for a in diagram.artists["frame"] if "title" in a.get_label()]
    assert titles == ["x (mm)", "y (mm)"]


def test_every_overlay_is_drawn(section):
    assert set(section.regions) == set(CROSS_SECTION_REGIONS)
    roles = [a.get_label() for a in section.artists["temperature_map"]]
    assert roles.count("main") == 1 and roles.count("contour") >= 2
    labels = [
        a.get_text() for a in section.artists["temperature_map"] if a.get_label() == "contour_label"
    ]
    assert labels == ["50 °C", "60 °C"]
    bar_title = [a.get_text() for a in section.artists["colour_bar"] if a.get_label() == "title"]
    assert bar_title == ["Temperature (°C)"]
    zone = section.regions["ablation_zone"]
    assert zone.get_linestyle() == "solid" and zone.get_linewidth() >= 3
    assert section.labels["ablation_zone"] == "Ablation zone"
    assert section.labels["vessel"] == "Vessel\n(blood at 37 °C)"
    assert section.labels["applicator"] == "Microwave antenna"


def test_the_map_is_an_image_on_a_colour_blind_safe_scale(section):
    image = section.regions["temperature_map"]
    assert image.get_cmap().name == "cividis"
    low, high = image.norm.vmin, image.norm.vmax
    assert low <= HOT.min() and high >= HOT.max()
    assert low == facts.ARTERIAL_BLOOD_TEMPERATURE.value
    assert high == facts.VAPORIZATION_TEMPERATURE.value  # a fixed top while the map stays under


def test_isotherms_lie_where_the_map_crosses_them(section):
    lines = [a for a in section.artists["temperature_map"] if a.get_label() == "contour"]
    radii = sorted(float(np.hypot(*_to_mm(section, line.get_xydata()).T).mean()) for line in lines)
    assert radii == pytest.approx([_isotherm_radius(60), _isotherm_radius(50)], abs=0.15)


def test_isotherm_lines_are_white_on_dark_and_black_on_light():
    diagram = ablation_cross_section(temperature_map=(GRID, GRID, HOT), isotherms_c=(45, 95))
    colours = {
        a.get_color() for a in diagram.artists["temperature_map"] if a.get_label() == "contour"
    }
    assert colours == {"#FFFFFF", "#000000"}


def test_section_geometry_is_in_millimetres(section):
    tumour = _to_mm(section, _points(section, "tumour"))
    ring = _to_mm(section, _points(section, "margin_10_mm"))
    tumour_r = np.hypot(*tumour.T).max()
    assert tumour_r == pytest.approx(10.0, abs=0.01)
    assert np.hypot(*ring.T).max() - tumour_r == pytest.approx(10.0, abs=0.01)
    vessel = _to_mm(section, _points(section, "vessel"))
    assert (vessel.min(axis=0) + vessel.max(axis=0)) / 2 == pytest.approx((16.0, 0.0), abs=0.01)
    zone = _to_mm(section, _points(section, "ablation_zone"))
    assert np.hypot(*zone.T) == pytest.approx(14.0, abs=0.01)
    applicator = _to_mm(section, _points(section, "applicator"))
    assert np.hypot(*applicator.T).max() == pytest.approx(
        facts.RF_ELECTRODE_DIAMETER.value / 2, abs=0.01
    )


def test_a_tumour_off_the_applicator_is_drawn_where_it_is():
    diagram = ablation_cross_section(tumour_centre_mm=(4.0, -2.0), tumour_diameter_mm=12.0)
    tumour = _to_mm(diagram, _points(diagram, "tumour"))
    assert (tumour.min(axis=0) + tumour.max(axis=0)) / 2 == pytest.approx((4.0, -2.0), abs=0.01)
    assert "centred at (4, \u22122) mm" in diagram.alt_text


def test_overlays_are_clipped_to_the_plane(section):
    from matplotlib.transforms import Bbox

    frame = section.regions["frame"].get_window_extent()
    for name in ("temperature_map", "tumour", "margin_10_mm", "vessel", "ablation_zone"):
        box = section.regions[name].get_clip_box()
        assert box is not None, name
        assert np.allclose(Bbox(box).get_points(), frame.get_points()), name
    assert section.artists["frame"][0].get_clip_box() is None  # the ticks stay outside


def test_a_wider_view_shows_more_of_the_map():
    grid = np.arange(-39.5, 40.0)
    xx, yy = np.meshgrid(grid, grid)
    t = 37.0 + 60.0 * np.exp(-(xx**2 + yy**2) / 200.0)
    narrow = ablation_cross_section(temperature_map=(grid, grid, t))
    wide = ablation_cross_section(temperature_map=(grid, grid, t), extent_mm=40.0)
    assert "from \u221230 to 30 mm" in narrow.alt_text and "from \u221240 to 40 mm" in wide.alt_text
    narrow_ticks = [a.get_text() for a in narrow.artists["frame"] if a.get_label() == "tick_label"]
    assert "\u221240" not in narrow_ticks and "40" not in narrow_ticks


def test_cryo_section_uses_the_cold_range_and_true_minus_signs():
    cold = 37.0 - 220.0 * np.exp(-(X**2 + Y**2) / 30.0)
    diagram = ablation_cross_section(
        modality="cryo", temperature_map=(GRID, GRID, cold), isotherms_c=(0, -40)
    )
    image = diagram.regions["temperature_map"]
    assert image.norm.vmin == pytest.approx(cold.min()) and image.norm.vmax == 37.0
    labels = [
        a.get_text() for a in diagram.artists["temperature_map"] if a.get_label() == "contour_label"
    ]
    assert labels == ["0 °C", "\u221240 °C"]
    assert diagram.labels["applicator"] == "Cryoprobe"
    assert "0 and \u221240 °C" in diagram.alt_text


def test_section_alt_text_gives_the_numbers(section):
    alt = section.alt_text
    for words in (
        "across the microwave antenna",
        "from \u221230 to 30 mm",
        "A 20 mm tumour",
        "5 mm and 10 mm outside its edge",
        "A 6 mm vessel (blood at 37 °C) is centred at (16, 0) mm, 3 mm from the tumour's edge",
        "the map ranges from 37 °C to 97 °C",
        "at 50 and 60 °C",
        "computed ablation zone outline",
        "reaches 14 to 14 mm",
        "encloses the whole tumour but not all of the 5 mm ring",
    ):
        assert words in alt, words


@pytest.mark.parametrize(
    ("radius", "says"),
    [
        (4.0, "lies inside the tumour"),
        (12.0, "encloses the whole tumour but not all of the 5 mm ring"),
        (17.0, "encloses the whole tumour and the 5 mm ring but not all of the 10 mm ring"),
        (21.0, "encloses the whole tumour and the 5 mm and 10 mm rings"),
    ],
)
def test_alt_text_says_what_the_zone_encloses(radius, says):
    angle = np.linspace(0, 2 * np.pi, 120, endpoint=False)
    outline = radius * np.column_stack([np.cos(angle), np.sin(angle)])
    assert says in ablation_cross_section(zone_outline_mm=outline).alt_text


def test_a_zone_beside_the_tumour_leaves_part_of_it_outside():
    angle = np.linspace(0, 2 * np.pi, 120, endpoint=False)
    outline = np.column_stack([12 + 8 * np.cos(angle), 8 * np.sin(angle)])
    assert (
        "leaves part of the tumour outside"
        in ablation_cross_section(zone_outline_mm=outline).alt_text
    )


@pytest.mark.parametrize("options", [{}, {"title": "Hottest temperature reached"}])
def test_section_text_is_readable_unclipped_and_apart(section, options):
    diagram = (
        section
        if not options
        else ablation_cross_section(
            temperature_map=(GRID, GRID, HOT),
            isotherms_c=(50, 60),
            vessel_centre_mm=(16.0, 0.0),
            vessel_diameter_mm=6.0,
            **options,
        )
    )
    assert min(t.get_fontsize() for t in diagram.texts) >= 10
    assert not overlapping_texts(diagram)
    assert not texts_outside_figure(diagram)


def test_the_widgets_call_with_model_output_draws():
    from livermets_edu.models.ablation import AblationSetup, simulate_ablation

    setup = AblationSetup(vessel_diameter_mm=6.0, grid_mm=2.0, duration_s=120.0)
    result = simulate_ablation(setup)
    diagram = simulated_cross_section(result, title="Hottest temperature reached")
    assert set(diagram.regions) == set(CROSS_SECTION_REGIONS)
    assert "<svg" in diagram.to_svg()
    assert "A 6 mm vessel" in diagram.alt_text  # the vessel comes from the result's setup
    assert "50 and 60 °C" in diagram.alt_text  # isotherms from the facts' death temperatures
    html = diagram.to_svg_html("Text description of the map")
    assert html.startswith("<figure>") and "data:image/svg+xml;base64," in html
    assert "<summary>Text description of the map</summary>" in html


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"modality": "laser"}, ["modality", "'rfa'"]),
        ({"tumour_diameter_mm": 0}, ["tumour_diameter_mm"]),
        ({"extent_mm": -30}, ["extent_mm"]),
        ({"tumour_centre_mm": (1.0,)}, ["tumour_centre_mm"]),
        ({"vessel_centre_mm": (16.0, 0.0)}, ["vessel_centre_mm", "vessel_diameter_mm"]),
        ({"vessel_diameter_mm": 6.0}, ["vessel_centre_mm", "vessel_diameter_mm"]),
        ({"vessel_centre_mm": (16.0, 0.0), "vessel_diameter_mm": 0}, ["vessel_diameter_mm"]),
        ({"isotherms_c": (50,)}, ["isotherms_c", "temperature_map"]),
        ({"temperature_map": (GRID, GRID)}, ["temperature_map"]),
        ({"temperature_map": (GRID, GRID, HOT[:, :10])}, ["temperature_map", "(ny, nx)"]),
        ({"temperature_map": (GRID[::-1], GRID, HOT)}, ["temperature_map", "increasing"]),
        ({"temperature_map": (GRID, GRID, HOT * np.nan)}, ["temperature_map"]),
        (
            {"temperature_map": (GRID, GRID, HOT), "isotherms_c": (float("nan"),)},
            ["isotherms_c"],
        ),
        ({"zone_outline_mm": np.zeros((5, 3))}, ["zone_outline_mm"]),
        ({"zone_outline_mm": np.zeros((2, 2))}, ["zone_outline_mm"]),
    ],
)
def test_bad_section_input_raises_value_error_naming_it(options, words):
    with pytest.raises(ValueError) as caught:
        ablation_cross_section(**options)
    for word in words:
        assert word in str(caught.value), word


def test_section_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        ablation_cross_section("rfa")  # type: ignore[misc]


def test_section_exports_png_and_a_light_svg(section, tmp_path):
    from PIL import Image

    png = section.save(tmp_path / "plane.png").read_bytes()
    with Image.open(io.BytesIO(png)) as image:
        assert image.info["Description"] == section.alt_text
    svg = section.to_svg()
    assert svg.count("<image") == 2  # the map and the colour bar, embedded as they are
    assert len(svg) < 250_000
