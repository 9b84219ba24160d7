"""The bank schema: what a valid question is, and what each invalid one is told."""

from __future__ import annotations

import copy
from typing import Any

import pytest
from pydantic import ValidationError

from livermets_edu import facts
from livermets_edu.quiz import Bank, MultipleResponse, Numeric, SingleBestAnswer, TrueFalse
from livermets_edu.quiz.placeholders import PlaceholderError, fill_fact_placeholders
from livermets_edu.quiz.schema import DEFAULT_REL_TOL, parse_question

SOURCE = "clinical-facts.md §1"


def single(**changes: Any) -> dict[str, Any]:
    question = {
        "id": "q-single",
        "type": "single",
        "stem": "Which vessel brings most blood into the liver?",
        "options": [
            {"id": "a", "text": "Portal vein", "feedback": "Yes."},
            {"id": "b", "text": "Hepatic artery"},
            {"id": "c", "text": "Hepatic vein"},
        ],
        "answer": "a",
        "source": SOURCE,
    }
    question.update(changes)
    return question


def bank_data(*questions: dict[str, Any]) -> dict[str, Any]:
    return {
        "bank": "test-bank",
        "title": "Test bank",
        "lesson": "01-liver-and-blood-supply",
        "questions": list(questions) or [single()],
    }


def error_types(error: ValidationError) -> list[str]:
    return [item["type"] for item in error.errors()]


def test_each_type_parses_to_its_own_class() -> None:
    multiple = single(id="q-m", type="multiple", answer=["a", "b"])
    true_false = {"id": "q-tf", "type": "true_false", "stem": "S", "answer": False, "source": "x"}
    numeric = {
        "id": "q-n",
        "type": "numeric",
        "stem": "S",
        "answer": {"value": 75, "unit": "%", "abs_tol": 5},
        "source": "x",
    }
    bank = Bank.model_validate(bank_data(single(), multiple, true_false, numeric))
    assert [type(q) for q in bank] == [SingleBestAnswer, MultipleResponse, TrueFalse, Numeric]
    assert len(bank) == 4
    assert bank["q-n"].answer.expected == 75.0
    assert bank[0].id == "q-single"
    assert "q-tf" in bank and "nope" not in bank
    assert bank.ids == ["q-single", "q-m", "q-tf", "q-n"]
    assert bank.name == "test-bank"


def test_missing_question_lookup_suggests_near_ids() -> None:
    bank = Bank.model_validate(bank_data())
    with pytest.raises(KeyError, match="did you mean q-single"):
        bank["q-singel"]


def test_answer_must_be_an_option() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_question(single(answer="e"))
    (error,) = caught.value.errors()
    assert error["loc"][-1] == "answer"
    assert error["msg"] == "'e' is not one of the options a, b, c"


def test_multiple_answers_must_be_options_and_unique_and_not_empty() -> None:
    with pytest.raises(ValidationError, match="'z' is not one of the options a, b, c"):
        parse_question(single(type="multiple", answer=["a", "z"]))
    with pytest.raises(ValidationError, match="'a' is listed twice"):
        parse_question(single(type="multiple", answer=["a", "a"]))
    with pytest.raises(ValidationError, match="at least one correct option"):
        parse_question(single(type="multiple", answer=[]))


def test_option_ids_must_be_unique() -> None:
    options = [{"id": "a", "text": "One"}, {"id": "a", "text": "Two"}]
    with pytest.raises(ValidationError, match="option id 'a' is used twice") as caught:
        parse_question(single(options=options))
    assert caught.value.errors()[0]["ctx"]["at"] == (1, "id")


def test_a_choice_question_needs_two_options() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_question(single(options=[{"id": "a", "text": "Only"}]))
    assert "too_short" in error_types(caught.value)


def test_unknown_type_is_rejected_with_the_allowed_list() -> None:
    with pytest.raises(ValidationError) as caught:
        parse_question(single(type="essay"))
    (error,) = caught.value.errors()
    assert error["type"] == "union_tag_invalid"
    for allowed in ("single", "multiple", "true_false", "numeric"):
        assert allowed in error["ctx"]["expected_tags"]


@pytest.mark.parametrize(
    "where", ["question", "option", "numeric answer", "bank"], ids=lambda where: where
)
def test_unknown_keys_are_rejected_everywhere(where: str) -> None:
    data = bank_data(
        single(),
        {"id": "n", "type": "numeric", "stem": "S", "source": "x", "answer": {"value": 1}},
    )
    if where == "question":
        data["questions"][0]["explaination"] = "typo"
    elif where == "option":
        data["questions"][0]["options"][0]["correct"] = True
    elif where == "numeric answer":
        data["questions"][1]["answer"]["tolerance"] = 1
    else:
        data["author"] = "someone"
    with pytest.raises(ValidationError) as caught:
        Bank.model_validate(data)
    assert error_types(caught.value) == ["extra_forbidden"]


def test_duplicate_question_ids_are_rejected_at_the_second() -> None:
    with pytest.raises(ValidationError, match="question id 'q-single' is used twice") as caught:
        Bank.model_validate(bank_data(single(), single()))
    assert caught.value.errors()[0]["ctx"]["at"] == ("questions", 1, "id")


def test_a_bank_needs_questions() -> None:
    data = bank_data()
    data["questions"] = []
    with pytest.raises(ValidationError):
        Bank.model_validate(data)


@pytest.mark.parametrize("field", ["source", "stem"])
def test_required_text_must_not_be_blank(field: str) -> None:
    with pytest.raises(ValidationError, match="must not be empty"):
        parse_question(single(**{field: "   "}))
    without = single()
    del without[field]
    with pytest.raises(ValidationError, match="Field required"):
        parse_question(without)


def test_true_false_answers_are_strict_booleans() -> None:
    base = {"id": "tf", "type": "true_false", "stem": "S", "source": "x"}
    assert parse_question({**base, "answer": True}).answer is True
    for loose in ("yes", "true", 1):
        with pytest.raises(ValidationError):
            parse_question({**base, "answer": loose})


def test_difficulty_is_one_of_three() -> None:
    assert parse_question(single(difficulty="hard")).difficulty == "hard"
    with pytest.raises(ValidationError):
        parse_question(single(difficulty="hardest"))


def numeric(answer: dict[str, Any]) -> dict[str, Any]:
    return {"id": "n", "type": "numeric", "stem": "S", "source": "x", "answer": answer}


def test_numeric_fact_answer_resolves_to_value_times_scale() -> None:
    question = parse_question(
        numeric({"fact": "PORTAL_VEIN_FLOW_FRACTION", "scale": 100, "unit": "%", "abs_tol": 5})
    )
    expected = facts.get("PORTAL_VEIN_FLOW_FRACTION").value * 100
    assert question.answer.expected == pytest.approx(expected)
    assert question.answer.tolerance == 5


def test_numeric_fact_answer_is_rounded_free_of_binary_noise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    assert 0.29 * 100 != 29.0  # the noise this guards against
    monkeypatch.setitem(facts.ALL, "TEST_NOISY_FRACTION", facts.Fact(0.29, "fraction", "test"))
    question = parse_question(numeric({"fact": "TEST_NOISY_FRACTION", "scale": 100}))
    assert question.answer.expected == 29.0


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"unit": "%"}, "exactly one of value, fact or derived"),
        (
            {"value": 1, "fact": "PORTAL_VEIN_FLOW_FRACTION"},
            "exactly one of value, fact or derived",
        ),
        ({"value": 1, "derived": "THERMAL_LENGTH"}, "exactly one of value, fact or derived"),
        ({"derived": "THERMAL_LENGHT"}, "did you mean THERMAL_LENGTH"),
        ({"derived": "THERMAL_LENGTH", "accept": "range"}, "accept: range needs a fact"),
        ({"value": 1, "scale": 100}, "scale applies only to a fact"),
        ({"value": 1, "abs_tol": -1}, "greater than or equal to 0"),
        ({"value": 1, "rel_tol": -0.1}, "greater than or equal to 0"),
        ({"fact": "NO_SUCH_FACT"}, "no fact called 'NO_SUCH_FACT'"),
        ({"value": float("nan")}, "finite"),
        ({"value": "75"}, "valid number"),
    ],
)
def test_bad_numeric_answers(answer: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        parse_question(numeric(answer))


def test_numeric_tolerances() -> None:
    def tolerance(**answer: Any) -> float:
        return parse_question(numeric({"value": 200, **answer})).answer.tolerance

    assert tolerance() == pytest.approx(DEFAULT_REL_TOL * 200)  # PrairieLearn's default
    assert tolerance(abs_tol=5) == 5
    assert tolerance(rel_tol=0.1) == pytest.approx(20)
    assert tolerance(abs_tol=5, rel_tol=0.1) == pytest.approx(20)  # the wider wins
    assert tolerance(abs_tol=0) == 0


def test_accept_range_takes_the_interval_from_the_fact() -> None:
    portal = facts.get("PORTAL_VEIN_FLOW_FRACTION")
    assert portal.low is not None and portal.high is not None
    answer = parse_question(
        numeric(
            {"fact": "PORTAL_VEIN_FLOW_FRACTION", "scale": 100, "unit": "%", "accept": "range"}
        )
    ).answer
    assert answer.accept == "range"
    assert answer.accepted_interval == (
        pytest.approx(portal.low * 100),
        pytest.approx(portal.high * 100),
    )
    assert answer.expected == pytest.approx(portal.value * 100)
    low, high = answer.accepted_interval
    assert answer.tolerance == pytest.approx(max(answer.expected - low, high - answer.expected))


def test_accept_range_is_free_of_binary_noise_and_ordered(monkeypatch: pytest.MonkeyPatch) -> None:
    assert 0.29 * 100 != 29.0
    monkeypatch.setitem(
        facts.ALL, "TEST_NOISY_RANGE", facts.Fact(0.3, "fraction", "test", low=0.29, high=0.57)
    )
    answer = parse_question(
        numeric({"fact": "TEST_NOISY_RANGE", "scale": 100, "accept": "range"})
    ).answer
    assert answer.accepted_interval == (29.0, 57.0)
    flipped = parse_question(
        numeric({"fact": "TEST_NOISY_RANGE", "scale": -1, "accept": "range"})
    ).answer
    assert flipped.accepted_interval == (-0.57, -0.29)


def test_tolerance_answers_have_an_interval_too() -> None:
    answer = parse_question(numeric({"value": 200, "abs_tol": 5})).answer
    assert answer.accept == "tolerance" and answer.accepted_interval == (195, 205)


@pytest.mark.parametrize(
    ("answer", "message"),
    [
        ({"value": 75, "accept": "range"}, "accept: range needs a fact, not a value"),
        (
            {"fact": "TOTAL_HEPATIC_BLOOD_FLOW", "accept": "range"},
            "TOTAL_HEPATIC_BLOOD_FLOW has none; give abs_tol or rel_tol instead",
        ),
        (
            {"fact": "PORTAL_VEIN_FLOW_FRACTION", "accept": "range", "abs_tol": 8},
            "remove abs_tol and rel_tol",
        ),
        ({"fact": "PORTAL_VEIN_FLOW_FRACTION", "accept": "ranges"}, "'tolerance' or 'range'"),
    ],
)
def test_bad_accept_range_answers(answer: dict[str, Any], message: str) -> None:
    assert not facts.get("TOTAL_HEPATIC_BLOOD_FLOW").has_range  # the premise of one case
    with pytest.raises(ValidationError, match=message):
        parse_question(numeric(answer))


def test_fact_placeholders_are_filled_in_stem_options_feedback_and_explanation() -> None:
    portal = facts.get("PORTAL_VEIN_FLOW_FRACTION")
    question = parse_question(
        single(
            stem="About {fact:PORTAL_VEIN_FLOW_FRACTION}?",
            explanation="Range {fact_range:PORTAL_VEIN_FLOW_FRACTION}.",
            options=[
                {
                    "id": "a",
                    "text": "{fact:PORTAL_VEIN_FLOW_FRACTION}",
                    "feedback": "Yes, {fact_range:PORTAL_VEIN_FLOW_FRACTION}",
                },
                {"id": "b", "text": "Other"},
            ],
        )
    )
    assert question.stem == f"About {portal.text}?"
    assert question.explanation == f"Range {portal.range_text}."
    assert question.options[0].text == portal.text
    assert question.options[0].feedback == f"Yes, {portal.range_text}"
    assert portal.text == "75%" and portal.range_text == "67–80%"


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("{fact:PORTAL_FLOW}", "names no fact"),
        ("{fact_range:NOPE}", "names no fact"),
        ("{fact: PORTAL_VEIN_FLOW_FRACTION}", "malformed placeholder"),
        ("{facts:PORTAL_VEIN_FLOW_FRACTION}", "malformed placeholder"),
    ],
)
def test_bad_placeholders_are_errors(text: str, message: str) -> None:
    with pytest.raises(PlaceholderError, match=message):
        fill_fact_placeholders(text)
    with pytest.raises(ValidationError, match=message):
        parse_question(single(stem=text))


@pytest.mark.parametrize(
    "text", ["{0}", "{__class__}", "{stem}", "Use {braces} freely", "{{double}}", "f'{1+1}'"]
)
def test_other_braces_are_left_alone_and_never_formatted(text: str) -> None:
    assert fill_fact_placeholders(text) == text


def test_labels_are_letters_even_past_z() -> None:
    options = [{"id": f"o{i}", "text": f"Option {i}"} for i in range(28)]
    question = parse_question(single(options=options, answer="o27"))
    assert [question.label(f"o{i}") for i in (0, 1, 25, 26, 27)] == ["A", "B", "Z", "AA", "AB"]


def test_models_are_immutable() -> None:
    question = parse_question(single())
    with pytest.raises(ValidationError):
        question.answer = "b"  # type: ignore[misc]


def test_validation_does_not_change_the_input() -> None:
    data = bank_data(single(stem="{fact:PORTAL_VEIN_FLOW_FRACTION}"))
    before = copy.deepcopy(data)
    Bank.model_validate(data)
    assert data == before
