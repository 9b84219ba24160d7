"""The lesson banks drill with the newer question types, and those items are sound.

Banks 01, 07 and 08 must hold matching, ordering, label-the-diagram, case and parametrized
numeric items (the issue's list, written out below). Label items may ask only regions a
learner can name unambiguously; ordering items have something to order; every parametrized
answer is recomputed here from the dosimetry model on the variant's params *and* from the
published formula with its constants written out, so a wrong generator, model or fact fails.
Bank text is read raw (before placeholders are filled) to check that no number is typed by
hand outside the literals each bank's header allows.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import pytest
import yaml

from livermets_edu import facts
from livermets_edu.models import dosimetry
from livermets_edu.quiz import (
    Case,
    LabelTheDiagram,
    Numeric,
    Ordering,
    Question,
    grade,
    load_bank,
)
from livermets_edu.quiz.generators import GENERATORS, make_variant
from livermets_edu.quiz.label_diagrams import LABEL_DIAGRAMS
from livermets_edu.quiz.loader import find_bank
from livermets_edu.quiz.variants import concrete, format_param

BANKS = ("01-blood-supply", "07-ablation", "08-liver-directed")
# The list: at least this many items of each type per bank ("generator" counts
# top-level numeric items that name a generator).
REQUIRED = {
    "01-blood-supply": {"label_diagram": 1, "matching": 1, "case": 1},
    "07-ablation": {"matching": 1, "ordering": 1, "label_diagram": 1, "case": 1},
    "08-liver-directed": {
        "ordering": 1,
        "matching": 1,
        "label_diagram": 1,
        "case": 1,
        "generator": 2,
    },
}
NEW_TYPES = {"matching", "ordering", "label_diagram", "case"}
SEEDS = range(50)

# Published constants, written out so these tests do not share them with the code under test.
EANM_J_PER_GBQ = 49.67  # EANM 2022: energy deposited per GBq of Y-90 fully decayed
LIVER_G_PER_ML = 1.03  # liver density used for dosimetry
LUNG_MASS_KG = 1.0  # the assumed lung mass
LUNG_LIMIT_GY = 30.0  # lung dose limit per session
RESIN_BSA_OFFSET = 0.2  # resin BSA method: A = (BSA − 0.2) + tumour share
RESIN_FIRST_CUT_PERCENT = 10  # resin: the activity is cut only above a 10% lung shunt
GLASS_LUNG_ACTIVITY_LIMIT_GBQ = 0.61  # TheraSphere label: at most 0.61 GBq to the lungs


def bank(name: str) -> list[Question]:
    return list(load_bank(name))


def with_parts(questions: list[Question]) -> Iterator[Question]:
    """Every question, and every part of every case."""
    for question in questions:
        yield question
        if isinstance(question, Case):
            yield from question.parts


def templates(name: str) -> list[Numeric]:
    """The parametrized numeric questions of a bank, case parts included."""
    return [q for q in with_parts(bank(name)) if isinstance(q, Numeric) and q.generator]


# --- the types the issue asks for ----------------------------------------------------------------
@pytest.mark.parametrize("name", BANKS)
def test_each_bank_holds_the_new_types(name: str) -> None:
    questions = bank(name)
    counts = Counter(question.type for question in questions)
    counts["generator"] = sum(isinstance(q, Numeric) and q.generator is not None for q in questions)
    short = {
        kind: (counts[kind], need) for kind, need in REQUIRED[name].items() if counts[kind] < need
    }
    assert not short, f"{name}: (have, need) by type: {short}"


@pytest.mark.parametrize("name", BANKS)
def test_cases_have_two_or_three_parts_of_more_than_one_type(name: str) -> None:
    cases = [q for q in bank(name) if isinstance(q, Case)]
    assert cases
    for case in cases:
        assert 2 <= len(case.parts) <= 3, f"{case.id} has {len(case.parts)} parts"
        assert len({part.type for part in case.parts}) >= 2, f"{case.id}: parts of one type only"


def test_the_y90_case_has_three_parts_one_of_them_parametrized() -> None:
    (case,) = [q for q in bank("08-liver-directed") if isinstance(q, Case)]
    assert len(case.parts) == 3
    assert case.is_template
    assert sum(isinstance(p, Numeric) and p.generator is not None for p in case.parts) == 1


# --- label and ordering items --------------------------------------------------------------------
LABEL_ITEMS = [
    pytest.param(q, id=f"{name}:{q.id}")
    for name in BANKS
    for q in with_parts(bank(name))
    if isinstance(q, LabelTheDiagram)
]


def test_there_are_label_items() -> None:
    assert len(LABEL_ITEMS) >= 3  # otherwise the next test would pass vacuously


@pytest.mark.parametrize("question", LABEL_ITEMS)
def test_label_items_ask_only_askable_regions(question: LabelTheDiagram) -> None:
    drawing = LABEL_DIAGRAMS[question.diagram]
    # An explicit list, so a region later added to the figure is never asked unseen.
    assert question.ask, f"{question.id} should list the regions it asks"
    not_askable = [region for region in question.ask if region not in drawing.askable]
    assert not not_askable, f"{question.id} asks {not_askable}"
    # Every name asked is a distinct display name, so each number has one right answer.
    names = [drawing.display_names[region] for region in question.ask]
    assert len(set(names)) == len(names)
    assert not set(question.distractors) & set(drawing.display_names.values())


ORDERING_ITEMS = [
    pytest.param(q, id=f"{name}:{q.id}")
    for name in BANKS
    for q in with_parts(bank(name))
    if isinstance(q, Ordering)
]


def test_there_are_ordering_items() -> None:
    assert len(ORDERING_ITEMS) >= 3


@pytest.mark.parametrize("question", ORDERING_ITEMS)
def test_ordering_items_have_at_least_three_distinct_steps(question: Ordering) -> None:
    texts = [item.text for item in question.items]
    assert len(texts) >= 3
    assert len(set(texts)) == len(texts)
    # The keyed order scores 1; the reversed order does not.
    assert grade(question, question.answer).score == 1
    assert grade(question, question.answer[::-1]).score < 1


# --- parametrized items --------------------------------------------------------------------------
def bsa_activity(p: Mapping[str, Any]) -> tuple[float, float]:
    """Resin BSA-method activity: from the model, and from the published formula."""
    lsf = float(p["lung_shunt_percent"]) / 100
    model = dosimetry.bsa_activity_gbq(
        float(p["bsa_m2"]), float(p["tumour_volume_ml"]), float(p["normal_liver_volume_ml"])
    ) * (1 - dosimetry.resin_lsf_activity_reduction(lsf))
    tumour, normal = float(p["tumour_volume_ml"]), float(p["normal_liver_volume_ml"])
    formula = float(p["bsa_m2"]) - RESIN_BSA_OFFSET + tumour / (tumour + normal)
    return model, formula


def lung_dose(p: Mapping[str, Any]) -> tuple[float, float]:
    """Mean lung dose: from the model, and from k·A·LSF / lung mass."""
    activity, lsf = float(p["activity_gbq"]), float(p["lung_shunt_percent"]) / 100
    model = dosimetry.lung_dose_gy(
        activity,
        lsf,
        lung_mass_kg=float(p["lung_mass_kg"]),
        dose_coefficient=float(p["dose_coefficient"]),
    )
    return model, EANM_J_PER_GBQ * activity * lsf / LUNG_MASS_KG


def single_compartment(p: Mapping[str, Any]) -> tuple[float, float]:
    """Glass single-compartment activity: from the model, and from D·M / (k·(1 − LSF))."""
    lsf = float(p["lung_shunt_percent"]) / 100
    mass_kg = dosimetry.liver_mass_kg(
        float(p["perfused_volume_ml"]), density_g_per_ml=float(p["liver_density"])
    )
    model = dosimetry.single_compartment_activity_gbq(
        float(p["target_dose_gy"]), mass_kg, lsf, dose_coefficient=float(p["dose_coefficient"])
    )
    formula_mass_kg = float(p["perfused_volume_ml"]) * LIVER_G_PER_ML / 1000
    formula = float(p["target_dose_gy"]) * formula_mass_kg / (EANM_J_PER_GBQ * (1 - lsf))
    return model, formula


# For each generator a bank uses: the answer computed independently, and the params the stem
# must show for a learner to compute it (device, limits and thresholds included).
EXPECTED: dict[str, tuple[Callable[[Mapping[str, Any]], tuple[float, float]], set[str]]] = {
    "y90_bsa_activity": (
        bsa_activity,
        {
            "bsa_m2",
            "tumour_volume_ml",
            "normal_liver_volume_ml",
            "lung_shunt_percent",
            "lsf_reduction_threshold_percent",
            "bsa_offset",
        },
    ),
    "y90_lung_dose": (
        lung_dose,
        {"activity_gbq", "lung_shunt_percent", "lung_mass_kg", "dose_coefficient", "lung_limit_gy"},
    ),
    "y90_single_compartment_activity": (
        single_compartment,
        {
            "device",
            "target_dose_gy",
            "perfused_volume_ml",
            "liver_density",
            "lung_shunt_percent",
            "dose_coefficient",
        },
    ),
}

TEMPLATES = [pytest.param(q, id=f"08:{q.id}") for q in templates("08-liver-directed")]


def test_the_parametrized_items_use_known_generators() -> None:
    assert len(TEMPLATES) >= 3  # two standalone items and the case's part
    for param in TEMPLATES:
        (question,) = param.values
        assert isinstance(question, Numeric)
        assert question.generator in EXPECTED, f"add {question.generator} to EXPECTED"


@pytest.mark.parametrize("question", TEMPLATES)
def test_the_stem_shows_every_input(question: Numeric) -> None:
    assert question.generator is not None
    _, shown = EXPECTED[question.generator]
    missing = {name for name in shown if f"{{param:{name}}}" not in question.stem}
    assert not missing, f"{question.id}: the stem does not show {sorted(missing)}"
    assert question.answer.rel_tol == 0.02


@pytest.mark.parametrize("question", TEMPLATES)
def test_parametrized_answers_match_the_model_and_grade_full_marks(question: Numeric) -> None:
    assert question.generator is not None
    compute, shown = EXPECTED[question.generator]
    for seed in SEEDS:
        params = make_variant(question.generator, seed).params
        made = concrete(question, seed)
        assert isinstance(made, Numeric) and not made.is_template
        model, formula = compute(params)
        assert made.answer.value == pytest.approx(model, rel=1e-9), f"seed {seed}"
        # The published formula on the numbers the stem shows gives the same answer.
        assert math.isclose(formula, model, rel_tol=1e-3), f"seed {seed}: {formula} vs {model}"
        assert grade(made, model).score == 1, f"seed {seed}"
        # The rounded figure the explanation prints is accepted, with its unit.
        assert grade(made, f"{format_param(model)} {made.answer.unit}").score == 1
        assert grade(made, model * 1.05).score == 0, f"seed {seed}: tolerance too wide"
        for name in shown:
            assert format_param(params[name]) in made.stem, f"seed {seed}: {name} not shown"


@pytest.mark.parametrize("seed", SEEDS)
def test_variant_facts_the_stems_rely_on(seed: int) -> None:
    # ld-041 says no cut applies: the shunt is at or below the first resin threshold.
    bsa = make_variant("y90_bsa_activity", seed).params
    assert float(bsa["lung_shunt_percent"]) <= RESIN_FIRST_CUT_PERCENT
    assert bsa["lsf_reduction_threshold_percent"] == RESIN_FIRST_CUT_PERCENT
    assert float(bsa["bsa_m2"]) == pytest.approx(
        dosimetry.bsa_dubois(float(bsa["height_cm"]), float(bsa["weight_kg"])), abs=0.005
    )
    # ld-042 prints the verdict the generator gives; it must agree with the 30 Gy limit.
    lung = make_variant("y90_lung_dose", seed).params
    over = lung_dose(lung)[1] > LUNG_LIMIT_GY
    assert lung["over_lung_limit"] == ("yes" if over else "no")
    assert lung["lung_limit_gy"] == LUNG_LIMIT_GY
    # ld-043 says the glass plan keeps the lungs within both limits.
    glass = make_variant("y90_single_compartment_activity", seed).params
    activity, lsf = float(glass["activity_gbq"]), float(glass["lung_shunt_percent"]) / 100
    assert glass["device"] == "glass"
    assert EANM_J_PER_GBQ * activity * lsf / LUNG_MASS_KG <= LUNG_LIMIT_GY
    assert activity * lsf <= GLASS_LUNG_ACTIVITY_LIMIT_GBQ
    target = facts.get("Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC")
    assert target.low <= float(glass["target_dose_gy"]) <= target.high


@pytest.mark.parametrize("seed", range(5))
def test_the_whole_y90_case_grades_full_marks_with_every_part_right(seed: int) -> None:
    (case,) = [q for q in bank("08-liver-directed") if isinstance(q, Case)]
    made = concrete(case, seed)
    assert isinstance(made, Case) and not made.is_template
    response = {
        part.id: part.answer.expected if isinstance(part, Numeric) else part.answer
        for part in made.parts
    }
    assert grade(made, response).score == 1
    one_wrong = {**response, made.parts[0].id: []}
    assert grade(made, one_wrong).score < 1


# --- no number typed by hand ---------------------------------------------------------------------
PLACEHOLDER = re.compile(r"\{(?:fact|fact_range|derived|param):[A-Za-z_][A-Za-z0-9_]*\}")
# What each bank's header allows besides placeholders, as far as these items use it.
ALLOWED = {
    "01-blood-supply": [],
    # "the 5 mm margin mark"
    "07-ablation": [r"\b5 mm or\s+less"],
    # names with digits; tolerances stated in explanations; the 1 of (1 − LSF) in a formula
    "08-liver-directed": [r"\bY-90\b", r"\bTc-99m\b", r"within \d+%", r"\(1 − "],
}
TEXT_KEYS = {"stem", "explanation", "text", "feedback", "objective"}


def raw_items(name: str) -> list[dict[str, Any]]:
    """The bank's questions as written, before any placeholder is filled."""
    with find_bank(name).open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)["questions"]


def learner_texts(node: Any) -> Iterator[str]:
    """Every text a learner reads in a raw item, its parts and options (not ids or sources)."""
    if isinstance(node, dict):
        for key, value in node.items():
            if key in TEXT_KEYS and isinstance(value, str):
                yield value
            elif key == "distractors":
                yield from (str(text) for text in value)
            elif isinstance(value, list | dict) and key not in {"answer", "ask", "tags"}:
                yield from learner_texts(value)
    elif isinstance(node, list):
        for value in node:
            yield from learner_texts(value)


def hand_typed_numbers(text: str, allowed: list[str]) -> list[str]:
    """Digits left once placeholders and the header's allowed literals are removed."""
    text = PLACEHOLDER.sub("", text)
    for pattern in allowed:
        text = re.sub(pattern, "", text)
    return re.findall(r"\S*\d\S*", text)


def test_the_digit_check_can_fail() -> None:
    assert hand_typed_numbers("about 75% of flow", []) == ["75%"]
    assert hand_typed_numbers("about {fact:PORTAL_VEIN_FLOW_FRACTION}", []) == []
    assert hand_typed_numbers("within 2% of Y-90", ALLOWED["08-liver-directed"]) == []


@pytest.mark.parametrize("name", BANKS)
def test_new_items_type_no_number_outside_placeholders(name: str) -> None:
    checked = [
        item for item in raw_items(name) if item["type"] in NEW_TYPES or item.get("generator")
    ]
    assert checked
    found = {
        item["id"]: numbers
        for item in checked
        if (
            numbers := [
                n for text in learner_texts(item) for n in hand_typed_numbers(text, ALLOWED[name])
            ]
        )
    }
    assert not found, f"{name}: numbers typed by hand: {found}"


def test_every_template_generator_is_registered() -> None:
    # The EXPECTED table names real generators (a renamed one would skip its checks silently).
    assert set(EXPECTED) <= set(GENERATORS)
