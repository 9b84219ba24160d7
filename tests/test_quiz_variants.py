"""Variants: a parametrized question becomes the plain numeric question one learner sees.

The key test reads the numbers back out of the filled stem, as a learner would, and works the
answer out with the published formula: the answer set on the question must match it.
"""

from __future__ import annotations

import math
import re

import pytest

from livermets_edu.quiz import grading
from livermets_edu.quiz.generators import make_variant
from livermets_edu.quiz.schema import Numeric, parse_question
from livermets_edu.quiz.variants import concrete, format_param

EANM_J_PER_GBQ = 49.67  # EANM 2022: J per GBq of Y-90 fully decayed
LONG_DECIMAL = re.compile(r"\d\.\d{5,}")


def lung_dose_template(**changes: object) -> Numeric:
    data = {
        "id": "ld-gen-001",
        "type": "numeric",
        "generator": "y90_lung_dose",
        "stem": (
            "A patient is to receive {param:activity_gbq} GBq of Y-90 microspheres. The MAA scan "
            "shows a lung shunt fraction of {param:lung_shunt_percent}%. Taking "
            "{param:dose_coefficient} J/GBq and a lung mass of {param:lung_mass_kg} kg, what is "
            "the mean lung dose in Gy?"
        ),
        "explanation": (
            "D = {param:dose_coefficient} × {param:activity_gbq} × "
            "{param:lung_shunt_percent}% / {param:lung_mass_kg} = {param:lung_dose_gy} Gy, "
            "against a limit of {fact:LUNG_DOSE_LIMIT_PER_SESSION} a session."
        ),
        "answer": {"param": "lung_dose_gy", "unit": "Gy", "rel_tol": 0.02},
        "source": "EANM 2022",
        **changes,
    }
    question = parse_question(data)
    assert isinstance(question, Numeric)
    return question


def numbers_in(text: str) -> list[float]:
    # Numbers standing alone: not the 90 of "Y-90".
    return [float(number) for number in re.findall(r"(?<![-\w.])\d+(?:\.\d+)?", text)]


@pytest.mark.parametrize("seed", [0, 1, 2, 17, 2026, 987654321])
def test_the_answer_is_what_a_learner_computes_from_the_filled_stem(seed: int) -> None:
    made = concrete(lung_dose_template(), seed)
    activity, lsf_percent, coefficient, lung_mass = numbers_in(made.stem)
    assert coefficient == EANM_J_PER_GBQ and lung_mass == 1
    # D_lung = k × A × LSF / M_lung, worked from the numbers the learner reads.
    expected = EANM_J_PER_GBQ * activity * lsf_percent / 100 / lung_mass
    assert made.answer.value == pytest.approx(expected, rel=1e-12)
    assert grading.grade(made, expected).correct
    assert not grading.grade(made, expected * 1.1).correct


def test_a_variant_is_a_plain_numeric_question_with_the_same_id() -> None:
    template = lung_dose_template()
    assert template.is_template
    made = concrete(template, 5)
    assert isinstance(made, Numeric)
    assert made.id == template.id
    assert made.generator is None and made.answer.param is None
    assert not made.is_template
    # Everything the bank set besides the answer's source stays as it was.
    assert (made.answer.unit, made.answer.rel_tol, made.source) == ("Gy", 0.02, "EANM 2022")
    assert "{param:" not in made.stem and "{param:" not in made.explanation
    # The fact placeholder was filled when the bank was validated, and stays filled.
    assert "30 Gy a session" in made.explanation
    # A concrete question is valid bank data in its own right.
    assert parse_question(made.model_dump()) == made


def test_numbers_in_the_text_read_as_a_person_writes_them() -> None:
    for seed in range(100):
        made = concrete(lung_dose_template(), seed)
        for text in (made.stem, made.explanation):
            assert not LONG_DECIMAL.search(text), text
        shown = float(re.search(r"= ([\d.]+) Gy", made.explanation).group(1))  # type: ignore[union-attr]
        # Four significant figures: close enough to check an answer against a 2% tolerance.
        assert shown == pytest.approx(made.answer.value, rel=5e-4)


def test_the_same_seed_gives_the_same_question_and_other_seeds_other_ones() -> None:
    template = lung_dose_template()
    assert concrete(template, 42) == concrete(template, 42)
    stems = {concrete(template, seed).stem for seed in range(50)}
    assert len(stems) > 40
    # The variant is the generator's: concrete adds no randomness of its own.
    assert (
        concrete(template, 42).answer.value
        == make_variant("y90_lung_dose", 42).params["lung_dose_gy"]
    )


def test_a_question_without_a_generator_is_returned_as_it_is() -> None:
    plain = parse_question(
        {
            "id": "q1",
            "type": "numeric",
            "stem": "How many hours is the Y-90 half-life?",
            "answer": {"fact": "Y90_HALF_LIFE", "unit": "h"},
            "source": "label",
        }
    )
    assert concrete(plain, 3) is plain


def test_parts_of_a_case_that_share_a_generator_share_one_variant() -> None:
    part = lung_dose_template().model_dump(exclude_none=True)
    second = {**part, "id": "b", "answer": {"param": "activity_gbq", "unit": "GBq"}}
    second["stem"] = "What activity was given, in GBq?"
    second["explanation"] = ""
    case = parse_question(
        {
            "id": "case-1",
            "type": "case",
            "stem": "A patient with colorectal liver metastases is planned for radioembolization.",
            "parts": [{**part, "id": "a"}, second],
            "source": "EANM 2022",
        }
    )
    made = concrete(case, 11)
    assert made.id == "case-1"
    first_part, second_part = made.parts  # type: ignore[attr-defined]
    assert not first_part.is_template and not second_part.is_template
    # The activity in part a's stem is the answer to part b: one patient, one set of numbers.
    assert numbers_in(first_part.stem)[0] == second_part.answer.value
    untouched = parse_question(
        {
            "id": "case-2",
            "type": "case",
            "stem": "A vignette.",
            "parts": [
                {"id": "x", "type": "true_false", "stem": "True?", "answer": True},
                {"id": "y", "type": "true_false", "stem": "False?", "answer": False},
            ],
            "source": "none",
        }
    )
    assert concrete(untouched, 1) is untouched


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        (1.0000000002, "1"),  # binary noise never reaches the learner
        (0.1 + 0.2, "0.3"),
        (240.0, "240"),
        (1200, "1200"),
        (1.03, "1.03"),  # a rounded input is shown exactly as drawn
        (0.0515, "0.0515"),
        (49.67, "49.67"),
        ("right lobe", "right lobe"),
    ],
)
def test_format_param_examples(value: float | str, shown: str) -> None:
    assert format_param(value) == shown


def test_format_param_keeps_four_significant_figures_of_a_computed_number() -> None:
    for value in (2.409259259259259, 23.642920000000004, 359.99999999999994, 1234.5678, 3.7e-5):
        text = format_param(value)
        assert "e" not in text
        assert float(text) == pytest.approx(value, rel=5e-4)
        digits = text.replace(".", "").lstrip("0")
        assert len(digits) <= 4, text


@pytest.mark.parametrize("value", [math.nan, math.inf, True, None])
def test_format_param_refuses_what_is_not_a_finite_number_or_text(value: object) -> None:
    with pytest.raises((TypeError, ValueError)):
        format_param(value)  # type: ignore[arg-type]
