"""The dual-blood-supply lesson figure: regions, labels, alt text, flow widths and occlusion."""

from __future__ import annotations

import base64
import html
import io
import itertools

import pytest

from livermets_edu import facts
from livermets_edu.diagrams import (
    DISPLAY_NAMES,
    FLOW_VESSELS,
    REGIONS,
    VESSELS,
    dual_blood_supply,
)

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DEFAULT_REGIONS = [name for name in REGIONS if name != "bile_duct"]


@pytest.fixture(scope="module")
def default():
    return dual_blood_supply()


def _width(diagram, name: str) -> float:
    return diagram.regions[name].get_linewidth()


def _roles(diagram, name: str) -> list[str]:
    return [artist.get_label() for artist in diagram.artists[name]]


def _label_artist(diagram, name: str):
    return next(a for a in diagram.artists[f"label:{name}"] if a.get_label() == "text")


# --- regions and labels --------------------------------------------------------------------
def test_every_region_is_drawn_and_labelled(default):
    for name in DEFAULT_REGIONS:
        assert name in default.regions, name
        assert default.labels.get(name), name
        assert _label_artist(default, name).get_text() == default.labels[name]
    assert "bile_duct" not in default.regions and "bile_duct" not in default.labels


def test_bile_duct_appears_only_when_asked_for():
    diagram = dual_blood_supply(show_bile_duct=True)
    assert "bile_duct" in diagram.regions and "Bile duct" in diagram.labels["bile_duct"]
    assert diagram.element("bile_duct").line_style == "dashdot"
    assert diagram.regions["bile_duct"].get_linestyle() == "--"  # matplotlib: any dash pattern
    assert "bile duct" in diagram.alt_text


def test_without_the_metastasis_there_is_no_tumour_or_its_artery():
    diagram = dual_blood_supply(show_metastasis=False)
    assert "metastasis" not in diagram.regions and "tumour_artery" not in diagram.regions
    assert "metastasis" not in diagram.alt_text


def test_flow_labels_take_their_percentages_from_facts(default):
    assert facts.HEPATIC_ARTERY_FLOW_FRACTION.text in default.labels["hepatic_artery"]
    assert facts.PORTAL_VEIN_FLOW_FRACTION.text in default.labels["portal_vein"]


def test_labels_follow_the_facts_module_not_literals(monkeypatch):
    changed = facts.Fact(0.3, "fraction", "test source")
    monkeypatch.setattr(facts, "HEPATIC_ARTERY_FLOW_FRACTION", changed)
    diagram = dual_blood_supply()
    assert "30%" in diagram.labels["hepatic_artery"]
    assert "30%" in diagram.alt_text


def test_artery_is_solid_and_portal_vein_dashed_in_distinct_colours(default):
    artery, portal = default.regions["hepatic_artery"], default.regions["portal_vein"]
    assert artery.get_linestyle() == "-"
    assert portal.get_linestyle() == "--"
    assert artery.get_color() != portal.get_color()


def test_every_vessel_has_a_flow_arrow(default):
    for name in ("aorta", "hepatic_artery", "portal_vein", "hepatic_veins", "ivc", "tumour_artery"):
        assert "arrow" in _roles(default, name), name


def test_the_legend_explains_solid_dashed_and_arrows(default):
    texts = " ".join(a.get_text() for a in default.artists["legend"] if hasattr(a, "get_text"))
    assert "solid: artery" in texts and "dashed: portal vein" in texts
    assert "direction of flow" in texts


@pytest.mark.parametrize(
    "options", [{}, {"title": "Blood supply"}, {"numbered": True, "show_bile_duct": True}]
)
def test_text_is_at_least_10_pt(options):
    diagram = dual_blood_supply(**options)
    sizes = {text.get_text(): text.get_fontsize() for text in diagram.texts}
    assert sizes and min(sizes.values()) >= 10
    if "title" in options:
        assert sizes["Blood supply"] >= 10


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"show_bile_duct": True, "tumour_diameter_mm": 60.0, "title": "Blood supply"},
        {"numbered": True, "show_bile_duct": True},
        {"occluded": ["hepatic_artery", "portal_vein"], "highlight": "portal_vein"},
        {"occluded": ["aorta"], "show_bile_duct": True, "flows": {"tumour_artery": 0.2}},
    ],
)
def test_no_two_texts_overlap(options):
    diagram = dual_blood_supply(**options)
    renderer = diagram.figure._get_renderer()
    boxes = [
        (t.get_text(), t.get_window_extent(renderer).expanded(1.02, 1.05)) for t in diagram.texts
    ]
    assert len(boxes) >= 12
    clashes = [
        (a, b)
        for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2)
        if box_a.overlaps(box_b)
    ]
    assert not clashes


def test_labels_sit_outside_the_liver(default):
    renderer = default.figure._get_renderer()
    liver = default.regions["liver"]
    for name in default.labels:
        box = _label_artist(default, name).get_window_extent(renderer)
        corners = [(box.x0, box.y0), (box.x0, box.y1), (box.x1, box.y0), (box.x1, box.y1)]
        assert not any(liver.contains_point(c) for c in corners), name


# --- alt text ----------------------------------------------------------------------------------
def test_alt_text_names_every_vessel_and_organ():
    diagram = dual_blood_supply(show_bile_duct=True)
    for name in REGIONS:
        assert DISPLAY_NAMES[name] in diagram.alt_text, name


def test_alt_text_and_notebook_display_are_stable_across_builds(default):
    assert dual_blood_supply().alt_text == default.alt_text
    assert dual_blood_supply()._repr_mimebundle_() == default._repr_mimebundle_()
    assert default._repr_mimebundle_()[0]["text/plain"] == default.alt_text


def test_alt_text_states_the_size_of_the_metastasis():
    assert "42 mm metastasis" in dual_blood_supply(tumour_diameter_mm=42).alt_text


@pytest.mark.parametrize("diameter", [0.1, 10.0, 40.0])
def test_alt_text_about_the_tumour_says_only_what_is_drawn(diameter):
    # How a metastasis of a given size is fed is the model's call, not the figure's.
    with_artery = dual_blood_supply(tumour_diameter_mm=diameter).alt_text
    without = dual_blood_supply(tumour_diameter_mm=diameter, tumour_artery=False).alt_text
    assert "An arterial branch of the hepatic artery (the tumour artery) runs into it." in (
        with_artery
    )
    assert "no artery of its own is drawn." in without
    for text in (with_artery, without):
        assert "pass it by" not in text and "sinusoid" not in text


def test_a_title_is_said_first_in_the_alt_text():
    diagram = dual_blood_supply(title="Hepatic artery clamped", occluded=["hepatic_artery"])
    assert diagram.alt_text.startswith("Hepatic artery clamped. Schematic of the liver")


# --- flow widths -------------------------------------------------------------------------------
def test_default_widths_follow_the_default_flows(default):
    assert _width(default, "portal_vein") > _width(default, "hepatic_artery")
    assert _width(default, "hepatic_veins") > _width(default, "portal_vein")


def test_more_arterial_flow_draws_a_wider_artery():
    diagram = dual_blood_supply(flows={"hepatic_artery": 0.9})
    assert _width(diagram, "hepatic_artery") > _width(diagram, "portal_vein")
    assert "90%" in diagram.labels["hepatic_artery"]


def test_widths_are_ordered_like_any_flows_given():
    flows = {"hepatic_artery": 0.6, "portal_vein": 0.1, "hepatic_veins": 0.7, "tumour_artery": 0.3}
    diagram = dual_blood_supply(flows=flows)
    by_width = sorted(flows, key=lambda name: _width(diagram, name))
    assert by_width == sorted(flows, key=flows.get)


# --- occlusion and highlight -------------------------------------------------------------------
def test_occluded_artery_is_named_marked_faded_and_without_arrows(default):
    diagram = dual_blood_supply(occluded=["hepatic_artery"])
    artery = diagram.regions["hepatic_artery"]
    assert artery.get_alpha() is not None and artery.get_alpha() < 1
    assert default.regions["hepatic_artery"].get_alpha() in (None, 1.0)
    assert "clamp" in _roles(diagram, "hepatic_artery")
    assert "clamp" not in _roles(default, "hepatic_artery")
    assert "arrow" not in _roles(diagram, "hepatic_artery")
    assert "Occluded" in diagram.alt_text and "hepatic artery" in diagram.alt_text
    assert "clamped" in diagram.labels["hepatic_artery"]


def test_downstream_of_a_clamped_artery_is_faded_but_the_portal_vein_is_not():
    diagram = dual_blood_supply(occluded=["hepatic_artery"])
    assert diagram.regions["tumour_artery"].get_alpha() < 1
    assert "clamp" not in _roles(diagram, "tumour_artery")
    assert diagram.regions["portal_vein"].get_alpha() in (None, 1.0)
    assert "Faded (no flow: fed only through the clamp): tumour artery." in diagram.alt_text
    assert "no flow: fed only\nthrough the clamp" in diagram.labels["tumour_artery"]


def test_clamping_the_aorta_stops_flow_in_the_arteries_it_feeds():
    diagram = dual_blood_supply(occluded=["aorta"], flows={"tumour_artery": 0.2})
    for name in ("hepatic_artery", "tumour_artery"):
        assert diagram.regions[name].get_alpha() < 1, name
        assert "clamp" not in _roles(diagram, name) and "arrow" not in _roles(diagram, name)
        label = diagram.labels[name]
        assert "no flow: fed only\nthrough the clamp" in label, name
        assert "%" not in label and "of flow" not in label, name
    assert "clamped" in diagram.labels["aorta"]
    assert facts.PORTAL_VEIN_FLOW_FRACTION.text in diagram.labels["portal_vein"]  # unaffected
    alt = diagram.alt_text
    assert "blood entering the liver" not in alt  # the artery's usual share is not claimed
    assert "carries oxygen-rich blood, but here it has no flow: fed only through the clamp." in (
        alt
    )
    assert "Occluded (clamped, marked with a cross and faded, no flow): aorta." in alt
    assert "Faded (no flow: fed only through the clamp): hepatic artery, tumour artery." in alt


def test_occluded_portal_vein_is_named_in_alt_text():
    diagram = dual_blood_supply(occluded=["portal_vein"])
    assert "Occluded (clamped, marked with a cross and faded, no flow): portal vein" in (
        diagram.alt_text
    )
    assert "clamp" in _roles(diagram, "portal_vein")


def test_widget_style_call_with_zero_flow_for_a_clamped_artery():
    flows = {
        "hepatic_artery": 0.0,
        "portal_vein": facts.PORTAL_VEIN_FLOW_FRACTION.value,
        "hepatic_veins": 0.75,
    }
    diagram = dual_blood_supply(flows=flows, occluded=["hepatic_artery"], tumour_diameter_mm=0.1)
    assert diagram.to_png().startswith(PNG_SIGNATURE)


def test_highlight_adds_a_halo_and_bold_label(default):
    diagram = dual_blood_supply(highlight="portal_vein")
    assert "highlight" in _roles(diagram, "portal_vein")
    assert "highlight" not in _roles(default, "portal_vein")
    assert _label_artist(diagram, "portal_vein").get_fontweight() == "bold"
    assert "Highlighted: portal vein" in diagram.alt_text


def test_highlighting_a_lobe_marks_that_lobe_only():
    diagram = dual_blood_supply(highlight="left_lobe")
    assert "highlight" in _roles(diagram, "left_lobe")
    assert "highlight" not in _roles(diagram, "right_lobe")


# --- numbered mode -----------------------------------------------------------------------------
def test_numbered_mode_shows_numbers_not_names():
    diagram = dual_blood_supply(numbered=True)
    assert sorted(diagram.numbering) == list(range(1, len(DEFAULT_REGIONS) + 1))
    assert sorted(diagram.numbering.values()) == sorted(DEFAULT_REGIONS)
    for number, name in diagram.numbering.items():
        assert diagram.labels[name] == str(number)
    shown = {text.get_text() for text in diagram.texts}
    assert not any("Portal" in s or "artery" in s for s in shown)
    assert "legend" not in diagram.regions  # the legend would give the answers away


@pytest.mark.parametrize(
    "options",
    [
        {},
        {"show_bile_duct": True, "title": "Label the diagram"},
        {"occluded": ["aorta", "portal_vein"], "highlight": "hepatic_veins"},
        {"tumour_artery": False, "tumour_diameter_mm": 40.0},
    ],
)
def test_numbered_alt_text_does_not_give_the_answers_away(options):
    diagram = dual_blood_supply(numbered=True, **options)
    alt = diagram.alt_text.lower()
    n = len(diagram.numbering)
    assert f"numbers 1 to {n} mark the structures to identify" in alt
    # The whole figure is named once, in general terms; no structure is named by its number,
    # colour or line style, so the text is no word bank for the question.
    overview = "schematic of the liver, its blood vessels, the heart and the intestines;"
    assert alt.count(overview) == 1
    rest = alt.replace(overview, "")
    for name in diagram.numbering.values():
        assert DISPLAY_NAMES[name] not in rest, name
    for word in ("vermillion", "blue", "purple", "green", "solid", "dashed", "dotted", "dash-dot"):
        assert word not in alt, word
    assert all(label not in diagram.alt_text for label in ("Portal vein", "Hepatic artery"))


def test_numbered_alt_text_says_which_numbers_are_clamped_and_highlighted():
    diagram = dual_blood_supply(numbered=True, occluded=["aorta"], highlight="portal_vein")
    number = {name: n for n, name in diagram.numbering.items()}
    downstream = sorted((number["hepatic_artery"], number["tumour_artery"]))
    assert f"Number {number['aorta']} is clamped, marked with a cross and faded." in (
        diagram.alt_text
    )
    assert (
        f"Numbers {downstream[0]} and {downstream[1]} are faded "
        "(no flow: fed only through the clamp)."
    ) in diagram.alt_text
    assert f"Number {number['portal_vein']} is highlighted." in diagram.alt_text


def test_unnumbered_diagram_has_no_numbering(default):
    assert default.numbering == {}


def test_show_labels_false_draws_no_labels_but_keeps_the_legend():
    diagram = dual_blood_supply(show_labels=False)
    assert diagram.labels == {}
    assert "legend" in diagram.regions


# --- size --------------------------------------------------------------------------------------
def test_metastasis_grows_with_its_diameter():
    def width(diameter):
        region = dual_blood_supply(tumour_diameter_mm=diameter).regions["metastasis"]
        return region.get_path().get_extents().width

    assert width(5) < width(20) < width(50)


# --- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("options", "listed"),
    [
        ({"flows": {"hepatic_arteries": 0.5}}, FLOW_VESSELS),
        ({"flows": {"aorta": 0.5}}, FLOW_VESSELS),
        ({"occluded": ["splenic_artery"]}, VESSELS[:-1]),
        ({"occluded": ["bile_duct"]}, VESSELS[:-1]),
        ({"highlight": "spleen"}, REGIONS[:-1]),
    ],
)
def test_unknown_names_raise_value_error_listing_valid_names(options, listed):
    with pytest.raises(ValueError) as caught:
        dual_blood_supply(**options)
    for name in listed:
        assert name in str(caught.value)


@pytest.mark.parametrize(
    "options",
    [
        {"flows": {"portal_vein": 1.5}},
        {"flows": {"portal_vein": float("nan")}},
        {"tumour_diameter_mm": 0.0},
        {"tumour_diameter_mm": float("inf")},
    ],
)
def test_bad_numbers_raise_value_error(options):
    with pytest.raises(ValueError):
        dual_blood_supply(**options)


def test_parameters_are_keyword_only():
    with pytest.raises(TypeError):
        dual_blood_supply({"portal_vein": 0.5})  # type: ignore[misc]


# --- output ------------------------------------------------------------------------------------
def test_saved_png_and_svg_carry_the_alt_text(default, tmp_path):
    from PIL import Image

    png = default.save(tmp_path / "supply.png").read_bytes()
    assert png.startswith(PNG_SIGNATURE) and len(png) > 10_000
    with Image.open(io.BytesIO(png)) as image:
        assert image.info["Description"] == default.alt_text
    svg = default.save(tmp_path / "supply.svg").read_text(encoding="utf-8")
    assert "<svg" in svg and "hepatic artery" in svg


def test_notebook_display_is_html_png_and_alt_text(default):
    data, metadata = default._repr_mimebundle_(include=None, exclude=None)
    assert set(data) == {"text/html", "image/png", "text/plain"}
    assert base64.b64decode(data["image/png"]).startswith(PNG_SIGNATURE)
    assert f'alt="{html.escape(default.alt_text)}"' in data["text/html"]
    assert "liver&#x27;s dual blood supply" in data["text/html"]  # the apostrophe is escaped
    assert f'<img src="data:image/png;base64,{data["image/png"]}"' in data["text/html"]
    assert metadata == {
        "image/png": {
            "alt": default.alt_text,
            "width": default.size_pixels()[0],
            "height": default.size_pixels()[1],
        }
    }


def test_a_metastasis_can_be_drawn_without_an_artery_of_its_own():
    diagram = dual_blood_supply(tumour_diameter_mm=0.1, tumour_artery=False)
    assert "metastasis" in diagram.regions
    assert "tumour_artery" not in diagram.regions
    assert "tumour_artery" not in diagram.labels
    assert "no artery of its own is drawn" in diagram.alt_text
    with pytest.raises(ValueError):
        dual_blood_supply(tumour_artery=False, occluded=["tumour_artery"])
