"""The newer question types (matching, ordering, label the diagram, short answer, case) and
parametrized numeric questions: what a valid one is, where an invalid one is blamed, and how
each is graded.

Expected scores are worked out by hand in the comments; expected lines are found in the fixture
files by searching for the offending text, never taken from the loader.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from livermets_edu import facts
from livermets_edu.quiz import load_bank, validate_bank
from livermets_edu.quiz.generators import GENERATORS, make_variant
from livermets_edu.quiz.grading import PARTIAL_CREDIT_MODES, answer_markdown, grade, grade_part
from livermets_edu.quiz.label_diagrams import LABEL_DIAGRAMS
from livermets_edu.quiz.placeholders import fill_param_placeholders, param_placeholders
from livermets_edu.quiz.schema import (
    QUESTION_MODELS,
    QUESTION_TYPES,
    Case,
    LabelTheDiagram,
    Matching,
    Numeric,
    Ordering,
    TemplateQuestionError,
    parse_question,
)
from livermets_edu.quiz.variants import concrete

TYPES = Path(__file__).parent / "data" / "banks" / "types"
ALL_TYPES = load_bank(TYPES / "all-types.yaml")


def line_of(path: Path, text: str, occurrence: int = 1, *, exact: bool = False) -> int:
    """The 1-based line holding ``text`` (its n-th occurrence), read straight from the file."""
    lines = [
        number
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if (line.strip() == text if exact else text in line)
    ]
    return lines[occurrence - 1]


def matching(**changes: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": "m",
        "type": "matching",
        "stem": "Match.",
        "source": "x",
        "prompts": [{"id": "p1", "text": "One"}, {"id": "p2", "text": "Two"}],
        "choices": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}],
        "answer": {"p1": "a", "p2": "b"},
    }
    return {**data, **changes}


def ordering(**changes: Any) -> dict[str, Any]:
    items = [{"id": item, "text": item.upper()} for item in "abcd"]
    return {
        "id": "o",
        "type": "ordering",
        "stem": "Order.",
        "source": "x",
        "items": items,
        **changes,
    }


def short(**changes: Any) -> dict[str, Any]:
    data = {"id": "s", "type": "short_answer", "stem": "Which vessel?", "source": "x"}
    return {**data, "answers": [{"text": "portal vein"}], **changes}


def label(**changes: Any) -> dict[str, Any]:
    data = {"id": "l", "type": "label_diagram", "stem": "Name.", "source": "x"}
    return {**data, "diagram": "radioembolization", **changes}


def case(*parts: dict[str, Any], **changes: Any) -> dict[str, Any]:
    tf = {"id": "tf", "type": "true_false", "stem": "T?", "answer": True}
    data = {"id": "c", "type": "case", "stem": "Vignette.", "source": "case source"}
    return {**data, "parts": list(parts) or [tf, ordering(id="order")], **changes}


def messages(error: ValidationError) -> list[str]:
    return [str((item.get("ctx") or {}).get("message", item["msg"])) for item in error.errors()]


# --- the bank with every type ------------------------------------------------------------------
def test_every_type_is_known_and_in_the_fixture_bank() -> None:
    assert set(QUESTION_MODELS) == set(QUESTION_TYPES)
    assert {question.type for question in ALL_TYPES} == set(QUESTION_TYPES)
    assert validate_bank(TYPES / "all-types.yaml") == []


def test_case_parts_inherit_the_source_unless_they_give_their_own() -> None:
    vignette = ALL_TYPES["at-case"]
    assert isinstance(vignette, Case)
    assert [part.source for part in vignette.parts] == [
        "lesson 08",
        "lesson 08",
        "clinical-facts.md §1",
    ]
    assert vignette.part_ids == ["supply", "route", "portal"]
    assert vignette.part_result_id("route") == "at-case/route"
    with pytest.raises(KeyError, match="did you mean route"):
        vignette.part("rout")


def test_validation_does_not_change_the_bank_data() -> None:
    data = case()
    kept = copy.deepcopy(data)
    parse_question(data)
    assert data == kept  # the inherited source went into a copy


# --- located errors in bank files --------------------------------------------------------------
BAD = [
    (
        "bad-matching-answer.yaml",
        "p2: x",
        "questions[0].answer.p2",
        "'x' is not one of the choices a, b, c",
    ),
    (
        "bad-ordering-duplicate.yaml",
        "Proper hepatic",
        "questions[0].items[2].id",
        "item id 'common' is used twice",
    ),
    (
        "bad-label-region.yaml",
        "celiac_trunk",
        "questions[0].ask[1]",
        "diagram 'radioembolization' has no numbered region 'celiac_trunk'; "
        "did you mean coeliac_trunk?",
    ),
    (
        "bad-label-description.yaml",
        "treated_territory",
        "questions[0].ask[1]",
        "'treated_territory' is a description, not a structure, in diagram 'radioembolization' "
        "(its label reads 'Treated territory: right lobe'); askable regions: lungs,",
    ),
    (
        "bad-case-part.yaml",
        "        type: case",
        "questions[0].parts[1].type",
        "a case part cannot itself be a case",
    ),
    (
        "bad-param-no-generator.yaml",
        "{param:lung_shunt_percent}",
        "questions[0].stem",
        "{param:lung_shunt_percent} needs a generator",
    ),
    (
        "bad-unknown-param.yaml",
        "{param:shunt_percent}",
        "questions[0].stem",
        "{param:shunt_percent}: generator 'y90_lung_dose' has no param 'shunt_percent'",
    ),
    (
        "bad-unknown-generator.yaml",
        "generator:",
        "questions[0].generator",
        "no generator called 'y90_lung_doses'; did you mean y90_lung_dose?",
    ),
]


@pytest.mark.parametrize(("fixture", "marker", "field", "message"), BAD)
def test_each_bad_bank_gives_one_error_at_the_offending_line(
    fixture: str, marker: str, field: str, message: str
) -> None:
    path = TYPES / fixture
    errors = validate_bank(path)
    assert len(errors) == 1, "\n".join(map(str, errors))
    (error,) = errors
    assert (error.line, error.field) == (line_of(path, marker), field)
    assert error.message.startswith(message)


def test_several_errors_in_one_file_each_at_its_own_line() -> None:
    path = TYPES / "bad-many-new-types.yaml"
    errors = validate_bank(path)
    expected = [
        (line_of(path, "p2: x"), "questions[0].answer.p2"),
        (line_of(path, "{id: b, text: C}"), "questions[1].items[2].id"),
        (line_of(path, "celiac_trunk"), "questions[2].ask[1]"),
        (line_of(path, "type: case", 2), "questions[3].parts[1].type"),
        (line_of(path, "feedbak"), "questions[4].parts[0].options[1].feedbak"),
        (line_of(path, "{param:dose}"), "questions[4].parts[1].stem"),
        (line_of(path, "{param:nope}"), "questions[5].stem"),
        (line_of(path, "generator: y90_lung_dos", exact=True), "questions[6].generator"),
        (line_of(path, "{param: lung_dose_gy}", 3), "questions[7].answer.param"),
        (line_of(path, "{param: lung_dose}"), "questions[8].answer.param"),
        (line_of(path, "{value: 3}"), "questions[9].answer"),
        (line_of(path, "radioembolisation"), "questions[10].diagram"),
        (line_of(path, "choices:", 2), "questions[11].choices"),
        (line_of(path, "answer: [a, b]"), "questions[11].answer"),
    ]
    assert [(error.line, error.field) for error in errors] == expected
    assert len({str(error) for error in errors}) == len(errors)  # one message per error


# --- schema: what each new type refuses --------------------------------------------------------
@pytest.mark.parametrize(
    ("data", "message"),
    [
        (matching(answer={"p1": "a"}), "give the matching choice for p2"),
        (
            matching(answer={"p1": "a", "p2": "b", "p9": "c"}),
            "'p9' is not one of the prompts p1, p2",
        ),
        (
            matching(
                choices=[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}],
                prompts=[{"id": f"p{i}", "text": "P"} for i in range(3)],
            ),
            "needs at least as many choices as prompts (3)",
        ),
        (
            matching(prompts=[{"id": "p1", "text": "One"}, {"id": "p1", "text": "Two"}]),
            "prompt id 'p1' is used twice",
        ),
        (ordering(items=[{"id": "a", "text": "A"}, {"id": "b", "text": "B"}]), "at least 3"),
        (ordering(answer=["a", "b", "c", "d"]), "Extra inputs are not permitted"),
        (label(ask=["aorta", "aorta"]), "'aorta' is asked twice"),
        (
            label(ask=["coeliac_trunk"]),
            "'coeliac_trunk' cannot be asked in diagram 'radioembolization': its number is "
            "ambiguous",
        ),
        (label(ask=["beta_range"]), "'beta_range' is a description, not a structure"),
        (label(distractors=["Aorta"]), "'Aorta' names a region of diagram 'radioembolization'"),
        (label(distractors=["Splenic artery", "Splenic artery"]), "listed twice"),
        (case(case()["parts"][0]), "at least 2"),
        (
            case(
                {"id": "x", "type": "true_false", "stem": "S", "answer": True},
                {"id": "x", "type": "true_false", "stem": "S", "answer": False},
            ),
            "part id 'x' is used twice in this case",
        ),
        (
            short(answers=[{"text": "hepatic artery", "correct": False}]),
            "list at least one answer with correct: true",
        ),
        (short(answers=[{"text": "portal vein", "fuzzy": 0.0}]), "greater than 0"),
        (short(answers=[{"text": "portal vein", "fuzzy": 0.8, "fuzz": 1}]), "Extra inputs"),
        (short(answer="portal vein"), "Extra inputs are not permitted"),
        (matching(stem="Uses {param:x}"), "{param:x} needs a generator"),
        (
            ordering(items=[{"id": i, "text": f"{{param: {i}}}"} for i in "abc"]),
            "malformed placeholder '{param: a}'",
        ),
    ],
)
def test_new_types_refuse_bad_data_with_a_clear_message(data: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError) as caught:
        parse_question(data)
    assert any(message in text for text in messages(caught.value)), messages(caught.value)


@pytest.mark.parametrize("text", ["<span></span>", "<b> </b>", "<br>", "&nbsp;", "<!-- x -->"])
def test_a_short_answer_nobody_could_type_is_refused_at_its_line(tmp_path: Path, text: str) -> None:
    # Each reads as nothing once the Markdown/HTML is gone (an &nbsp; is a space), so every
    # response would score 0 and the revealed answer would be blank.
    bank = tmp_path / "sa.yaml"
    bank.write_text(
        "bank: sa\ntitle: T\nlesson: L\nquestions:\n"
        "  - id: s1\n    type: short_answer\n    stem: Which vessel?\n    source: x\n"
        "    answers:\n      - {text: portal vein}\n"
        f"      - text: {yaml_quoted(text)}\n        correct: false\n",
        encoding="utf-8",
    )
    (error,) = validate_bank(bank)
    # Line 11 by hand: the second answer's text, under bank, title, lesson, questions, five
    # lines of question and "answers:".
    assert (error.line, error.field) == (11, "questions[0].answers[1].text")
    assert "reads as nothing a learner could type" in error.message
    # Text that keeps something to type after the markup goes is still accepted.
    assert parse_question(short(answers=[{"text": "<em>portal</em> vein"}])).answers


def yaml_quoted(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def test_a_case_whose_source_is_missing_is_told_once_not_once_per_part() -> None:
    data = case()
    del data["source"]
    with pytest.raises(ValidationError) as caught:
        parse_question(data)
    assert [error["loc"] for error in caught.value.errors()] == [("case", "source")]


def test_label_diagram_answer_comes_from_the_registry() -> None:
    question = parse_question(
        label(ask=["right_hepatic_artery", "aorta"], distractors=["Splenic artery"])
    )
    assert isinstance(question, LabelTheDiagram)
    drawing = LABEL_DIAGRAMS["radioembolization"]
    number = {region: n for n, region in drawing.numbering.items()}  # inverted by hand
    expected = {
        number["aorta"]: drawing.display_names["aorta"],
        number["right_hepatic_artery"]: drawing.display_names["right_hepatic_artery"],
    }
    assert question.answer == dict(sorted(expected.items()))
    assert set(question.name_choices) == {*expected.values(), "Splenic artery"}
    # No ask: every askable region, and no description such as the β range.
    every = parse_question(label())
    assert set(every.answer) == {number[region] for region in drawing.askable}
    assert drawing.display_names["beta_range"] not in every.answer.values()


# --- parametrized numeric questions ------------------------------------------------------------
TEMPLATE = ALL_TYPES["at-numeric-template"]


def test_a_template_keeps_its_param_placeholders_and_cannot_be_graded() -> None:
    assert isinstance(TEMPLATE, Numeric) and TEMPLATE.is_template
    names = {name for _, text in TEMPLATE.texts() for name, _ in param_placeholders(text)}
    # As written in the fixture: the stem states the lung mass, the explanation the limit.
    assert names == {
        "activity_gbq",
        "lung_shunt_percent",
        "lung_mass_kg",
        "dose_coefficient",
        "lung_limit_gy",
        "over_lung_limit",
    }
    assert names <= GENERATORS["y90_lung_dose"].param_names
    with pytest.raises(TemplateQuestionError, match="variants.concrete"):
        grade(TEMPLATE, 5)
    with pytest.raises(TypeError, match="make a variant first"):
        answer_markdown(TEMPLATE)
    with pytest.raises(TypeError, match="make a variant first"):
        _ = TEMPLATE.answer.expected


def test_a_variant_of_a_template_grades_against_the_generator_value() -> None:
    variant = concrete(TEMPLATE, seed=11)
    dose = make_variant("y90_lung_dose", 11).params["lung_dose_gy"]  # the generator's own value
    assert not variant.is_template and variant.answer.expected == pytest.approx(dose)
    assert grade(variant, dose).score == 1.0
    assert grade(variant, float(dose) * 1.05).score == 0.0  # outside rel_tol 0.02


def test_fill_param_placeholders_names_a_missing_param() -> None:
    assert fill_param_placeholders("{param:a} and {param:b}", {"a": 1, "b": "x"}) == "1 and x"
    with pytest.raises(KeyError, match="did you mean"):
        fill_param_placeholders("{param:activty}", {"activity": 1.5})


# --- grading ------------------------------------------------------------------------------------
MATCHING = ALL_TYPES["at-matching"]
ORDERING = ALL_TYPES["at-ordering"]
LABEL = ALL_TYPES["at-label"]
CASE = ALL_TYPES["at-case"]
RIGHT_MATCHES = {"sirt": "spheres", "tace": "drug", "mwa": "heat"}  # as written in the fixture


def test_matching_scores_the_share_of_prompts_matched_right() -> None:
    assert isinstance(MATCHING, Matching)
    assert grade(MATCHING, RIGHT_MATCHES).score == 1.0
    two_of_three = {**RIGHT_MATCHES, "mwa": "beam"}
    result = grade(MATCHING, two_of_three)
    assert (result.score, result.correct) == (pytest.approx(2 / 3), False)
    assert "Heat from an applicator" in result.feedback  # the right match is revealed
    shared = {"sirt": "spheres", "tace": "spheres", "mwa": "spheres"}  # one choice, many prompts
    assert grade(MATCHING, shared).score == pytest.approx(1 / 3)
    assert grade(MATCHING, two_of_three, partial_credit="off").score == 0.0


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (None, "mapping"),
        (["spheres"], "mapping"),
        # Sorted, never in the key's order (grading lists ids sorted so no message gives it away).
        ({"sirt": "spheres"}, "no choice for mwa, tace"),
        ({**RIGHT_MATCHES, "x": "spheres"}, "x not among the prompts"),
        ({**RIGHT_MATCHES, "mwa": "laser"}, "'laser' not among the choices"),
        ({**RIGHT_MATCHES, "mwa": ["heat"]}, "not among the choices"),
    ],
)
def test_matching_responses_that_cannot_be_graded(response: Any, reason: str) -> None:
    result = grade(MATCHING, response)
    assert (result.valid, result.score) == (False, 0.0) and reason in result.feedback


@pytest.mark.parametrize(
    ("order", "score"),
    [
        # LCS with coeliac, common, proper, right worked out by hand, divided by 4 items.
        (["coeliac", "common", "proper", "right"], 1.0),
        (["common", "coeliac", "proper", "right"], 3 / 4),  # e.g. coeliac, proper, right
        (["right", "proper", "common", "coeliac"], 1 / 4),  # reversed: any single item
        (["coeliac", "right", "common", "proper"], 3 / 4),  # coeliac, common, proper
        (("proper", "right", "coeliac", "common"), 2 / 4),  # a tuple is a list too
    ],
)
def test_ordering_scores_the_longest_common_subsequence(order: list[str], score: float) -> None:
    assert isinstance(ORDERING, Ordering)
    assert grade(ORDERING, order).score == pytest.approx(score)
    assert grade(ORDERING, order, partial_credit="all-or-nothing").score == (score == 1.0)


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        ("coeliac,common,proper,right", "list of item ids"),
        (["coeliac", "common", "proper"], "right not placed"),
        (["coeliac", "common", "common", "right"], "common placed twice"),
        (["coeliac", "common", "proper", "right", "left"], "'left' not among the items"),
        ({"coeliac": 1}, "list of item ids"),
    ],
)
def test_ordering_responses_that_cannot_be_graded(response: Any, reason: str) -> None:
    result = grade(ORDERING, response)
    assert (result.valid, result.score) == (False, 0.0) and reason in result.feedback


def test_label_diagram_names_compared_per_number_with_int_or_text_keys() -> None:
    assert isinstance(LABEL, LabelTheDiagram)
    drawing = LABEL_DIAGRAMS["radioembolization"]
    number = {region: n for n, region in drawing.numbering.items()}
    aorta, hepatic, proper = (
        number[r] for r in ("aorta", "right_hepatic_artery", "proper_hepatic_artery")
    )
    right = {
        aorta: "Aorta",
        str(hepatic): "Right hepatic artery",
        proper: " Proper hepatic artery ",
    }
    assert grade(LABEL, right).score == 1.0
    one_wrong = {**right, proper: "Splenic artery"}
    assert grade(LABEL, one_wrong).score == pytest.approx(2 / 3)
    assert grade(LABEL, {**right, proper: "proper hepatic artery"}).score == pytest.approx(2 / 3)
    for bad, reason in [
        ({aorta: "Aorta"}, "no name for"),
        ({**right, 1: "Lungs"}, "not a number asked here"),
        ({**right, str(aorta): "Aorta"}, f"Number {aorta} is named twice"),
        ({**right, True: "Aorta"}, "not a number asked here"),
        ({**right, aorta: 3}, "Give number"),
        ("Aorta", "mapping"),
    ]:
        result = grade(LABEL, bad)
        assert not result.valid and reason in result.feedback, (bad, result.feedback)


SHORT_ANSWER = ALL_TYPES["at-short-answer"]


@pytest.mark.parametrize(
    ("response", "score"),
    [
        # As written in the fixture: 'portal vein' (fuzzy 0.8), 'hepatic portal vein' (exact),
        # then the mistake 'hepatic artery' (fuzzy 0.8). Similarities worked by hand.
        ("portal vein", 1.0),
        ("  Portal VEIN ", 1.0),  # spaces and capitals never count
        ("portal vien", 1.0),  # 2 substitutions over 11 characters: 1 - 2/11 = 0.82
        ("hepatic portal vein", 1.0),
        # Not the exact text; the length difference alone puts it 8 edits from 'portal vein'
        # (at most 1 - 8/19 = 0.58) and 5 from 'hepatic artery' (at most 1 - 5/19 = 0.74).
        ("hepatic portal vien", 0.0),
        ("hepatic arteries", 0.0),  # the mistake: 1 - 3/16 = 0.81
        ("aorta", 0.0),
    ],
)
def test_short_answer_scores_the_first_answer_it_matches(response: str, score: float) -> None:
    assert grade(SHORT_ANSWER, response).score == score
    assert grade(SHORT_ANSWER, response, partial_credit="off").score == score


def test_short_answer_feedback_is_the_matched_answers_with_facts_filled() -> None:
    artery, portal = facts.HEPATIC_ARTERY_FLOW_FRACTION.text, facts.PORTAL_VEIN_FLOW_FRACTION.text
    mistake = grade(SHORT_ANSWER, "hepatic arteries").feedback
    assert f"The hepatic artery brings only about {artery} of it." in mistake
    assert "The answer is **portal vein** (also accepted: **hepatic portal vein**)." in mistake
    assert f"about {portal} of the inflow" in grade(SHORT_ANSWER, "portal vein").feedback


CASE_RIGHT = {"supply": "a", "route": ["coeliac", "common", "right"], "portal": True}


def test_a_case_scores_the_mean_of_its_parts_unanswered_counting_zero() -> None:
    assert grade(CASE, CASE_RIGHT).score == 1.0
    # supply right (1), route with two swapped (LCS 2 of 3), portal wrong (0): mean 5/9
    mixed = {"supply": "a", "route": ["common", "coeliac", "right"], "portal": False}
    result = grade(CASE, mixed)
    assert result.score == pytest.approx((1 + 2 / 3 + 0) / 3)
    assert [part_id for part_id, _ in result.parts] == ["supply", "route", "portal"]
    only_first = grade(CASE, {"supply": "a"})
    assert only_first.valid and only_first.score == pytest.approx(1 / 3)
    assert "Not answered" in only_first.feedback


def test_grade_part_grades_one_part_for_reveal_as_you_go() -> None:
    assert isinstance(CASE, Case)
    assert grade_part(CASE, "route", ["coeliac", "common", "right"]).score == 1.0
    assert grade_part(CASE, "portal", "false").score == 0.0
    with pytest.raises(KeyError, match="no part 'nope'"):
        grade_part(CASE, "nope", True)


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        ("a", "mapping"),
        ({}, "at least one part"),
        ({"supply": "z"}, "Part 1:"),
        ({"supply": "a", "extra": 1}, "extra not among the parts"),
    ],
)
def test_case_responses_that_cannot_be_graded(response: Any, reason: str) -> None:
    result = grade(CASE, response)
    assert (result.valid, result.score) == (False, 0.0) and reason in result.feedback


# --- multiple response: each-answer and the "off" alias ---------------------------------------
MULTIPLE = ALL_TYPES["at-multiple"]  # options a, b, c, d; correct a, b


@pytest.mark.parametrize(
    ("chosen", "each_answer", "net_correct"),
    [
        # each-answer counts the 4 decisions: a, b chosen right; c, d left out right.
        (["a", "b"], 4 / 4, 1.0),
        (["a"], 3 / 4, 1 / 2),  # b wrongly left out
        (["a", "c"], 2 / 4, 0.0),  # b left out, c chosen
        (["c", "d"], 0 / 4, 0.0),  # every decision wrong
        (["a", "b", "c", "d"], 2 / 4, 0.0),
    ],
)
def test_each_answer_counts_every_option_as_a_decision(
    chosen: list[str], each_answer: float, net_correct: float
) -> None:
    assert grade(MULTIPLE, chosen, partial_credit="each-answer").score == pytest.approx(each_answer)
    assert grade(MULTIPLE, chosen).score == pytest.approx(net_correct)
    off = grade(MULTIPLE, chosen, partial_credit="off").score
    assert off == grade(MULTIPLE, chosen, partial_credit="all-or-nothing").score
    assert off == (1.0 if sorted(chosen) == ["a", "b"] else 0.0)


def test_partial_credit_modes_are_prairielearns_names() -> None:
    assert set(PARTIAL_CREDIT_MODES) == {"net-correct", "all-or-nothing", "each-answer", "off"}


# --- answer keys -------------------------------------------------------------------------------
def test_answer_markdown_describes_every_new_type() -> None:
    assert answer_markdown(MATCHING).splitlines() == [
        "- Radioembolization → **Radioactive microspheres through the hepatic artery**",
        "- Chemoembolization → **Chemotherapy and an embolic agent through the hepatic artery**",
        "- Microwave ablation → **Heat from an applicator placed in the tumour**",
    ]
    assert answer_markdown(ORDERING).splitlines() == [
        "1. Coeliac trunk",
        "2. Common hepatic artery",
        "3. Proper hepatic artery",
        "4. Right hepatic artery",
    ]
    drawing = LABEL_DIAGRAMS["radioembolization"]
    number = {region: n for n, region in drawing.numbering.items()}
    lines = answer_markdown(LABEL).splitlines()
    for region in ("aorta", "right_hepatic_artery", "proper_hepatic_artery"):
        assert f"- **{number[region]}**: {drawing.display_names[region]}" in lines
    key = answer_markdown(CASE)
    assert key.startswith("**Part 1.** **A**: They draw most of their blood from the hepatic")
    assert "**Part 2.**\n\n1. Coeliac trunk\n2. Common hepatic artery" in key
    assert key.endswith("**Part 3.** **True**")


def test_a_case_with_a_parametrized_part_is_a_template_until_made_concrete() -> None:
    part = {
        "id": "dose",
        "type": "numeric",
        "generator": "y90_lung_dose",
        "stem": "Lung dose after {param:activity_gbq} GBq, in Gy?",
        "answer": {"param": "lung_dose_gy", "unit": "Gy"},
    }
    template = parse_question(case(case()["parts"][0], part))
    assert template.is_template
    with pytest.raises(TemplateQuestionError):
        grade(template, {"tf": True})
    variant = concrete(template, seed=3)
    params = make_variant("y90_lung_dose", 3).params  # the generator's own numbers
    assert not variant.is_template
    assert variant.part("dose").stem == f"Lung dose after {params['activity_gbq']} GBq, in Gy?"
    assert grade(variant, {"tf": True, "dose": params["lung_dose_gy"]}).score == 1.0
