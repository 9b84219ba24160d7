"""The label-the-diagram registry: its stored numbers and names match what each figure draws.

The registry is data (so grading loads no matplotlib); these tests draw every figure, with and
without numbers, and compare.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

from livermets_edu.diagrams import blood_supply
from livermets_edu.quiz.label_diagrams import (
    LABEL_DIAGRAMS,
    LabelDiagram,
    label_diagram,
    name_from_label,
)

NAMES = sorted(LABEL_DIAGRAMS)
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"

# The regions a question may ask, written by hand after looking at each numbered figure and
# the medical reviewer's findings: anatomical structures (and devices) whose number points at
# them alone. Left out, as descriptions: the tumour artery ("Arterial branch to the
# metastasis"), the ablation margins ("5 mm", "10 mm margin"), where microspheres or drug lie,
# the treated territory, the β ranges, "Blocked: …", "No flow past", "Particles block the
# artery", both "Portal vein…: still feeds normal liver", the HAI drug path, catheters and
# pump ("… from the pump", "… to the hepatic artery", "Pump in the abdominal wall") and
# "Inside the abdomen". Left out as ambiguous: liver and left lobe (one place), the coeliac
# trunk and common hepatic artery (one straight vessel), the ablation's ultrasound beam (ends
# on the ablation zone), TACE's four leaders meeting at the tumour and its inset drug, the
# catheter drawn inside the aorta, HAI's right hepatic artery (two numbers) and its
# gastroduodenal artery (on the catheter).
BLOOD_SUPPLY_ASKABLE = {
    "heart",
    "aorta",
    "hepatic_artery",
    "portal_vein",
    "hepatic_veins",
    "ivc",
    "right_lobe",
    "intestines",
    "metastasis",
}
EXPECTED_ASKABLE = {
    "dual_blood_supply": BLOOD_SUPPLY_ASKABLE,
    "dual_blood_supply_bile_duct": BLOOD_SUPPLY_ASKABLE | {"bile_duct"},
    "ablation": {
        "applicator",
        "ultrasound_probe",
        "tumour",
        "ablation_zone",
        "skin",
        "body_wall",
        "liver",
        "active_tip",
        "spine",
    },
    "radioembolization": {
        "lungs",
        "right_hepatic_artery",
        "metastasis",
        "portal_vein",
        "heart",
        "liver",
        "left_hepatic_artery",
        "proper_hepatic_artery",
        "aorta",
        "access_artery",
        "inset_tumour",
    },
    "chemoembolization": {
        "lungs",
        "right_hepatic_artery",
        "heart",
        "liver",
        "left_hepatic_artery",
        "proper_hepatic_artery",
        "aorta",
        "access_artery",
        "inset_artery",
        "inset_tumour",
    },
    "hai_pump": {
        "lungs",
        "metastasis",
        "portal_vein",
        "heart",
        "liver",
        "left_hepatic_artery",
        "proper_hepatic_artery",
        "aorta",
        "inset_skin",
        "inset_abdominal_wall",
        "inset_pump",
    },
}
# Printed labels that describe rather than name (from the review): none may ever be asked.
DESCRIPTIONS = {
    "Arterial branch to the metastasis",
    "5 mm",
    "Treated territory: right lobe",
    "Few in normal liver",
    "Microspheres packed in the metastasis",
    "Max. ~10–11 mm",
    "Mean β range 2.5 mm",
    "Blocked: no arterial flow past",
    "Portal vein: still feeds normal liver",
    "No flow past",
    "Particles block the artery",
    "Chemotherapy goes to the liver through the hepatic artery",
    "Most drug reaches the metastasis",
    "Inside the abdomen",
}


def test_every_diagram_that_can_be_numbered_is_registered() -> None:
    functions = {entry.function.split(":")[1] for entry in LABEL_DIAGRAMS.values()}
    assert {
        "dual_blood_supply",
        "ablation",
        "radioembolization",
        "chemoembolization",
        "hai_pump",
    } <= functions


def test_importing_the_registry_and_reading_a_key_loads_no_matplotlib() -> None:
    code = (
        "import sys\n"
        "from livermets_edu.quiz.label_diagrams import LABEL_DIAGRAMS\n"
        "key = LABEL_DIAGRAMS['hai_pump'].answer_key(['inset_pump', 'aorta'])\n"
        "assert key, key\n"
        "print(sorted(name for name in sys.modules if name.split('.')[0] == 'matplotlib'))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


@pytest.mark.parametrize("name", NAMES)
def test_stored_numbering_is_what_the_numbered_figure_draws(name: str) -> None:
    entry = LABEL_DIAGRAMS[name]
    drawn = entry.draw()
    assert drawn.numbered
    assert drawn.numbering == dict(entry.numbering)


@pytest.mark.parametrize("name", NAMES)
def test_display_names_are_the_labels_the_unnumbered_figure_prints(name: str) -> None:
    entry = LABEL_DIAGRAMS[name]
    module_name, function_name = entry.function.split(":")
    function = getattr(__import__(module_name, fromlist=[function_name]), function_name)
    labelled = function(numbered=False, **entry.kwargs)
    printed = {region: name_from_label(labelled.labels[region]) for region in entry.regions}
    assert printed == dict(entry.display_names)


def test_blood_supply_names_agree_with_its_own_display_names() -> None:
    # The figure's words for each region (blood_supply.DISPLAY_NAMES) and its printed labels say
    # the same thing, except the tumour artery, whose label describes it in full.
    entry = LABEL_DIAGRAMS["dual_blood_supply_bile_duct"]
    for region, name in entry.display_names.items():
        if region != "tumour_artery":
            assert name.lower() == blood_supply.DISPLAY_NAMES[region], region


@pytest.mark.parametrize(
    ("label", "name"),
    [
        ("Metastasis (~95%\nof its blood from the\nhepatic artery)", "Metastasis"),
        ("Inferior\nvena cava", "Inferior vena cava"),
        ("Blocked (✕): no\narterial flow past", "Blocked: no arterial flow past"),
        ("Mean β range\n2.5 mm", "Mean β range 2.5 mm"),
    ],
)
def test_a_printed_label_becomes_a_one_line_name_without_its_notes(label: str, name: str) -> None:
    assert name_from_label(label) == name


def test_every_diagram_asks_exactly_the_reviewed_structures() -> None:
    assert {name: set(entry.askable) for name, entry in LABEL_DIAGRAMS.items()} == (
        EXPECTED_ASKABLE
    )


@pytest.mark.parametrize("name", NAMES)
def test_no_askable_region_is_a_description(name: str) -> None:
    entry = LABEL_DIAGRAMS[name]
    asked = set(entry.names_for())
    assert not asked & DESCRIPTIONS
    # Every description the figure prints is refused by name.
    for region, label in entry.display_names.items():
        if label in DESCRIPTIONS:
            with pytest.raises(ValueError, match="is a description, not a structure"):
                entry.names_for([region])


@pytest.mark.parametrize(
    ("name", "region"),
    [
        ("dual_blood_supply", "liver"),
        ("dual_blood_supply", "left_lobe"),
        ("radioembolization", "coeliac_trunk"),
        ("radioembolization", "common_hepatic_artery"),
        ("chemoembolization", "metastasis"),
        ("chemoembolization", "segmental_artery"),
        ("hai_pump", "gastroduodenal_artery"),
        ("hai_pump", "right_hepatic_artery"),
    ],
)
def test_an_ambiguous_number_is_refused_saying_so(name: str, region: str) -> None:
    entry = LABEL_DIAGRAMS[name]
    with pytest.raises(ValueError, match=f"'{region}' cannot be asked.*number is ambiguous"):
        entry.answer_key([region])
    assert entry.number_of(region) in entry.numbering  # still numbered on the figure


def test_names_for_asks_every_askable_region_by_default_and_the_asked_ones_in_order() -> None:
    entry = LABEL_DIAGRAMS["dual_blood_supply"]
    askable = EXPECTED_ASKABLE["dual_blood_supply"]
    in_number_order = [region for region in entry.numbering.values() if region in askable]
    assert entry.names_for(None) == [entry.display_names[r] for r in in_number_order]
    assert entry.names_for(["portal_vein", "hepatic_artery"]) == ["Portal vein", "Hepatic artery"]


def test_answer_key_maps_each_asked_number_to_its_name() -> None:
    entry = LABEL_DIAGRAMS["radioembolization"]
    key = entry.answer_key(["proper_hepatic_artery", "lungs"])
    # Read off the stored numbering independently of answer_key.
    lungs = next(n for n, region in entry.numbering.items() if region == "lungs")
    proper = next(n for n, region in entry.numbering.items() if region == "proper_hepatic_artery")
    assert key == {lungs: "Lungs", proper: "Proper hepatic artery"}
    assert list(key) == sorted(key)
    assert entry.numbers_for(["proper_hepatic_artery", "lungs"]) == sorted([lungs, proper])
    assert len(entry.answer_key()) == len(EXPECTED_ASKABLE["radioembolization"])


def test_asking_for_an_unknown_region_names_the_near_one() -> None:
    entry = LABEL_DIAGRAMS["hai_pump"]
    with pytest.raises(ValueError, match="no region 'pmup'.*did you mean pump"):
        entry.names_for(["pmup"])
    with pytest.raises(ValueError, match="twice"):
        entry.names_for(["inset_pump", "inset_pump"])
    with pytest.raises(TypeError, match="list of region ids"):
        entry.names_for("inset_pump")
    with pytest.raises(ValueError, match="no region 'pmup'"):
        entry.number_of("pmup")


def test_an_unknown_diagram_is_a_key_error_that_suggests_the_near_name() -> None:
    with pytest.raises(KeyError, match="did you mean hai_pump"):
        label_diagram("hai_pmp")
    assert label_diagram("ablation") is LABEL_DIAGRAMS["ablation"]


def test_png_and_alt_text_are_the_numbered_figure_drawn_once() -> None:
    entry = LABEL_DIAGRAMS["dual_blood_supply"]
    png = entry.png()
    assert png.startswith(PNG_SIGNATURE)
    assert entry.png() is png  # cached: a second question on this diagram does not redraw
    drawn = entry.draw()
    assert entry.alt_text() == drawn.alt_text
    assert f"numbers 1 to {len(entry.numbering)}" in entry.alt_text()
    # The numbered alt text must not give away which number marks what.
    for number, region in entry.numbering.items():
        assert f"{number} is {entry.display_names[region]}" not in entry.alt_text()


def test_an_unregistered_diagram_draws_without_the_cache() -> None:
    entry = LabelDiagram(
        name="dual_blood_supply",  # same name as a registered one, but a different figure
        title="Blood supply with the bile duct",
        function="livermets_edu.diagrams:dual_blood_supply",
        kwargs={"show_bile_duct": True},
        numbering=dict(LABEL_DIAGRAMS["dual_blood_supply_bile_duct"].numbering),
        display_names=dict(LABEL_DIAGRAMS["dual_blood_supply_bile_duct"].display_names),
        askable=frozenset({"bile_duct"}),
    )
    assert entry.png().startswith(PNG_SIGNATURE)
    assert entry.png() != LABEL_DIAGRAMS["dual_blood_supply"].png()


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"function": "livermets_edu.diagrams.dual_blood_supply"}, "package.module:function"),
        ({"numbering": {1: "heart", 3: "aorta"}}, "run 1, 2, 3"),
        ({"numbering": {1: "heart", 2: "heart"}}, "numbered twice"),
        ({"display_names": {"heart": "Heart"}}, "exactly the numbered regions"),
        ({"display_names": {"heart": "Heart", "aorta": "Heart"}}, "share a display name"),
        ({"askable": frozenset()}, "at least one region"),
        ({"askable": frozenset({"heart", "liver"})}, r"askable names regions.*\['liver'\]"),
        ({"ambiguous": {"spleen": "x"}}, r"ambiguous names regions.*\['spleen'\]"),
        ({"ambiguous": {"heart": "x"}}, "cannot be askable and ambiguous"),
    ],
)
def test_a_malformed_entry_is_refused(change: dict, message: str) -> None:
    fields = {
        "name": "toy",
        "title": "Toy",
        "function": "livermets_edu.diagrams:dual_blood_supply",
        "kwargs": {},
        "numbering": {1: "heart", 2: "aorta"},
        "display_names": {"heart": "Heart", "aorta": "Aorta"},
        "askable": frozenset({"heart"}),
        **change,
    }
    with pytest.raises(ValueError, match=message):
        LabelDiagram(**fields)


def test_a_registry_entry_cannot_be_changed_in_place() -> None:
    entry = LABEL_DIAGRAMS["ablation"]
    with pytest.raises(TypeError):
        entry.display_names["tumour"] = "Something else"  # type: ignore[index]
    with pytest.raises(TypeError):
        entry.numbering[1] = "liver"  # type: ignore[index]
    with pytest.raises(TypeError):
        entry.ambiguous["tumour"] = "x"  # type: ignore[index]
    assert isinstance(entry.askable, frozenset)
