"""Grading: all-or-nothing choices, partial credit, numeric tolerances, bad responses."""

from __future__ import annotations

import itertools
import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from livermets_edu import facts
from livermets_edu.quiz import Grade, grade, load_bank
from livermets_edu.quiz.grading import (
    answer_markdown,
    grade_partial,
    normalise_response,
    parse_number,
)
from livermets_edu.quiz.schema import Question, parse_question

OPTIONS = [
    {"id": "a", "text": "Portal vein", "feedback": "Most of the inflow."},
    {"id": "b", "text": "Hepatic artery", "feedback": "The rest of the inflow."},
    {"id": "c", "text": "Hepatic veins", "feedback": "These drain the liver."},
    {"id": "d", "text": "Splenic vein"},
]


def question(kind: str, answer: Any, **extra: Any) -> Question:
    data: dict[str, Any] = {"id": "q", "type": kind, "stem": "S", "source": "x", "answer": answer}
    if kind in ("single", "multiple"):
        data["options"] = OPTIONS
    data.update(extra)
    return parse_question(data)


SINGLE = question("single", "a")
MULTIPLE = question("multiple", ["a", "b"])
TRUE_FALSE = question("true_false", False)
PERCENT = question("numeric", {"value": 75, "unit": "%", "abs_tol": 5})
FLOW = question("numeric", {"value": 1.5, "unit": "L/min", "rel_tol": 0.1})


# --- single best answer and true/false: all or nothing ---
def test_single_right_and_wrong() -> None:
    right = grade(SINGLE, "a")
    assert (right.score, right.correct, right.valid) == (1.0, True, True)
    assert "Correct" in right.feedback and "Most of the inflow." in right.feedback
    wrong = grade(SINGLE, "c")
    assert (wrong.score, wrong.correct) == (0.0, False)
    assert "These drain the liver." in wrong.feedback  # feedback on the chosen option
    assert "Most of the inflow." not in wrong.feedback  # not on options not chosen
    assert "**A**: Portal vein" in wrong.feedback  # the answer is revealed


@pytest.mark.parametrize("response", [None, "", "e", 1, ["a"]])
def test_single_ungradable_responses(response: Any) -> None:
    result = grade(SINGLE, response)
    assert (result.score, result.valid) == (0.0, False)


@pytest.mark.parametrize(
    ("response", "score"), [(False, 1.0), ("false", 1.0), (" False ", 1.0), (True, 0.0)]
)
def test_true_false(response: Any, score: float) -> None:
    assert grade(TRUE_FALSE, response).score == score


@pytest.mark.parametrize("response", [None, "maybe", 0, "no"])
def test_true_false_ungradable(response: Any) -> None:
    assert grade(TRUE_FALSE, response).valid is False


# --- multiple response: net-correct partial credit by default ---
@pytest.mark.parametrize(
    ("chosen", "score"),
    [
        (["a", "b"], 1.0),
        (["b", "a"], 1.0),
        (["a"], 0.5),
        (["a", "b", "c"], 0.5),
        (["a", "c"], 0.0),
        (["c", "d"], 0.0),  # never below zero
        (["a", "b", "c", "d"], 0.0),
        ({"a", "b"}, 1.0),
        ("a", 0.5),  # a lone id counts as one choice
    ],
)
def test_multiple_net_correct(chosen: Any, score: float) -> None:
    result = grade(MULTIPLE, chosen)
    assert result.score == pytest.approx(score)
    assert result.correct is (score == 1.0)


def test_multiple_partial_feedback_counts_and_reveals() -> None:
    result = grade(MULTIPLE, ["a", "c"])
    assert "You chose 1 of the 2 correct options and 1 incorrect option" in result.feedback
    assert "Most of the inflow." in result.feedback and "These drain the liver." in result.feedback
    half = grade(MULTIPLE, ["a"])
    assert "Partly right" in half.feedback and "50%" in half.feedback


@pytest.mark.parametrize(
    ("chosen", "score"), [(["a", "b"], 1.0), (["a"], 0.0), (["a", "b", "c"], 0.0)]
)
def test_multiple_all_or_nothing(chosen: list[str], score: float) -> None:
    assert grade(MULTIPLE, chosen, partial_credit="all-or-nothing").score == score


@pytest.mark.parametrize("response", [None, [], ["z"], ["a", "z"], 7, [["a"]]])
def test_multiple_ungradable(response: Any) -> None:
    result = grade(MULTIPLE, response)
    assert (result.score, result.valid) == (0.0, False)


def test_unknown_partial_credit_mode_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="net-correct, all-or-nothing"):
        grade(MULTIPLE, ["a"], partial_credit="coverage")  # type: ignore[arg-type]


# --- numeric: relative or absolute tolerance, whichever is wider ---
@pytest.mark.parametrize(
    ("response", "score"),
    [
        (75, 1.0),
        (80, 1.0),  # the edge of abs_tol is accepted
        (70, 1.0),
        (80.001, 0.0),
        (69.999, 0.0),
        ("75", 1.0),
        ("75 %", 1.0),
        ("75%", 1.0),
        (" 7.5e1 ", 1.0),
        ("0.75e2", 1.0),
        ("76.5 percent", 1.0),
        ("+78", 1.0),
        ("-75", 0.0),
        ("\u221275", 0.0),  # typographic minus is a minus, so wrong rather than unreadable
    ],
)
def test_numeric_absolute_tolerance(response: Any, score: float) -> None:
    result = grade(PERCENT, response)
    assert result.valid and result.score == score


@pytest.mark.parametrize(
    ("response", "score"), [(1.65, 1.0), (1.35, 1.0), (1.66, 0.0), (1.34, 0.0)]
)
def test_numeric_relative_tolerance(response: float, score: float) -> None:
    assert grade(FLOW, response).score == score


@pytest.mark.parametrize(
    ("response", "message"),
    [
        ("abc", "'abc' is not a number"),
        ("", "Enter a number first"),
        ("   ", "Enter a number first"),
        (None, "Enter a number first"),
        ("3/4", "is not a number"),
        ("75,5", "use a decimal point"),
        ("nan", "is not a number"),
        ("inf", "is not a number"),
        (float("nan"), "not a finite number"),
        (True, "true/false is not a number"),
        ([75], "is not a number"),
        ("75 L/min", "give the answer in %, not in 'L/min'"),
    ],
)
def test_numeric_ungradable_responses_explain_themselves(response: Any, message: str) -> None:
    result = grade(PERCENT, response)
    assert (result.score, result.correct, result.valid) == (0.0, False, False)
    assert message.lower() in result.feedback.lower()


def test_numeric_without_unit_refuses_a_unit() -> None:
    plain = question("numeric", {"value": 3, "abs_tol": 0})
    assert grade(plain, "3").score == 1.0
    assert grade(plain, "3.0000001").score == 0.0  # zero tolerance means exact
    assert "as a plain number" in grade(plain, "3 mm").feedback


def test_numeric_default_tolerance_is_prairielearn_relative_one_percent() -> None:
    default = question("numeric", {"value": 200})
    assert grade(default, 202).score == 1.0
    assert grade(default, 202.1).score == 0.0


def test_numeric_fact_answer_boundaries_survive_binary_noise(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(facts.ALL, "TEST_NOISY_FRACTION", facts.Fact(0.29, "fraction", "test"))
    noisy = question(
        "numeric", {"fact": "TEST_NOISY_FRACTION", "scale": 100, "unit": "%", "abs_tol": 0.1}
    )
    assert grade(noisy, "28.9").score == 1.0
    assert grade(noisy, "29.1").score == 1.0
    assert grade(noisy, "29.2").score == 0.0


def test_numeric_feedback_gives_the_accepted_range() -> None:
    assert "70–80%" in grade(PERCENT, 78).feedback
    wrong = grade(PERCENT, 90)
    assert "You gave 90%" in wrong.feedback and "**75%**" in wrong.feedback


PORTAL_RANGE = question(
    "numeric",
    {"fact": "PORTAL_VEIN_FLOW_FRACTION", "scale": 100, "unit": "%", "accept": "range"},
)


def test_accept_range_grades_the_whole_sourced_range_and_nothing_more() -> None:
    portal = facts.get("PORTAL_VEIN_FLOW_FRACTION")
    assert portal.low is not None and portal.high is not None
    low, high = portal.low * 100, portal.high * 100
    for inside in (low, high, (low + high) / 2, portal.value * 100, f"{low:g}", f"{high:g} %"):
        assert grade(PORTAL_RANGE, inside).score == 1.0, inside
    for outside in (low - 0.01, high + 0.01, low - 1, high + 1):
        assert grade(PORTAL_RANGE, outside).score == 0.0, outside


def test_accept_range_feedback_shows_the_sourced_interval() -> None:
    interval = facts.get("PORTAL_VEIN_FLOW_FRACTION").range_text  # e.g. '67–80%'
    right = grade(PORTAL_RANGE, "72")
    assert f"({interval}, the range the sources give)" in right.feedback
    wrong = grade(PORTAL_RANGE, "90")
    assert "You gave 90%" in wrong.feedback and interval in wrong.feedback
    assert answer_markdown(PORTAL_RANGE) == (
        f"**{facts.get('PORTAL_VEIN_FLOW_FRACTION').text}** "
        f"(accepted: {interval}, the range the sources give)"
    )


def test_parse_number() -> None:
    assert parse_number("  1.5 L/min ", "L/min") == 1.5
    assert parse_number("1.5l/min", "L/min") == 1.5  # units compare without case and spaces
    assert parse_number(2) == 2.0
    with pytest.raises(ValueError):
        parse_number("1.5 mL/min", "L/min")


@pytest.mark.parametrize(
    "response", [None, object(), [1, 2], {"a": 1}, 3.5, "a", b"a", ["a", None]]
)
@pytest.mark.parametrize("kind", [SINGLE, MULTIPLE, TRUE_FALSE, PERCENT], ids=lambda q: q.type)
def test_grade_never_raises_for_odd_responses(kind: Question, response: Any) -> None:
    result = grade(kind, response)
    assert isinstance(result, Grade) and 0.0 <= result.score <= 1.0


def test_answer_markdown_for_each_type() -> None:
    assert answer_markdown(SINGLE) == "**A**: Portal vein"
    assert answer_markdown(question("multiple", ["b", "a"])) == (
        "**A**: Portal vein; **B**: Hepatic artery"
    )
    assert answer_markdown(TRUE_FALSE) == "**False**"
    assert answer_markdown(FLOW) == "**1.5 L/min** (accepted: 1.35–1.65 L/min)"


# --- numbers float() cannot take, and responses of odd Python types ---------------------------
@pytest.mark.parametrize(
    "response",
    [10**400, -(10**400), Fraction(10**400, 3), Decimal("NaN"), Decimal("sNaN"), Decimal("1e400")],
    ids=["huge-int", "huge-negative", "huge-fraction", "decimal-nan", "decimal-snan", "dec-1e400"],
)
def test_numbers_beyond_a_float_are_refused_not_raised(response: Any) -> None:
    # Before the fix, float(10**400) raised OverflowError out of grade().
    result = grade(PERCENT, response)
    assert not result.valid and result.score == 0.0
    assert "not a" in result.feedback and "number" in result.feedback


def test_decimal_and_fraction_answers_are_graded_as_their_value() -> None:
    # PERCENT accepts 75 ± 5: 74.5 and 157/2 = 78.5 are inside, 81 is outside.
    assert grade(PERCENT, Decimal("74.5")).correct
    assert grade(PERCENT, Fraction(157, 2)).correct
    assert grade(PERCENT, Decimal("81")).valid and not grade(PERCENT, Decimal("81")).correct


def test_numpy_arrays_never_make_grading_raise() -> None:
    # `array == ""` and `array in list` compare element-wise and then raise when truth-tested.
    for kind in (SINGLE, MULTIPLE, TRUE_FALSE, PERCENT, MATCHING):
        result = grade(kind, np.array(["a", "b"]))
        assert 0.0 <= result.score <= 1.0
    assert not grade(MATCHING, {"p1": np.array(["x", "y"]), "p2": "y"}).valid


def test_normalise_response_gives_plain_json_data() -> None:
    assert normalise_response({"b": 1, "a": 2}.keys()) == ["b", "a"]  # insertion order kept
    assert normalise_response(letter for letter in "ca") == ["c", "a"]
    assert normalise_response({"c", "a", "b"}) == ["a", "b", "c"]  # a set: sorted
    assert normalise_response(("a", np.int64(3), np.float64(0.5), np.bool_(True))) == [
        "a",
        3,
        0.5,
        True,
    ]
    assert normalise_response({2: "x", "y": ("z",)}) == {"2": "x", "y": ["z"]}
    assert normalise_response(Decimal("2.5")) == 2.5 and normalise_response(Fraction(1, 4)) == 0.25
    assert normalise_response(float("nan")) == "nan"  # JSON has no NaN
    assert normalise_response(Decimal("sNaN")) == "sNaN"
    plain = normalise_response({"a": [np.array(["x", "y"])], "b": None})
    assert plain == {"a": [["x", "y"]], "b": None}
    assert json.loads(json.dumps(plain)) == plain
    nested: list[Any] = []
    nested.append(nested)
    for bad, message in [
        ({1: "a", "1": "b"}, "given twice"),
        (itertools.count(), "too many"),
        (nested, "nested too deeply"),
    ]:
        with pytest.raises(ValueError, match=message):
            normalise_response(bad)


# --- partial answers, graded as an exam grades saved work -------------------------------------
MATCHING = question(
    "matching",
    {"p1": "x", "p2": "y", "p3": "x"},
    prompts=[{"id": f"p{n}", "text": f"Prompt {n}"} for n in (1, 2, 3)],
    choices=[{"id": c, "text": f"Choice {c}"} for c in "xyz"],
)


def test_a_partial_matching_answer_counts_what_is_left_out_as_wrong() -> None:
    assert not grade(MATCHING, {"p1": "x"}).valid  # grade asks for every prompt
    assert "Match every prompt" in grade(MATCHING, {"p1": "x"}).feedback
    # p1 right, p2 and p3 left out: 1 of 3, as Moodle scores an unfinished matching question.
    result = grade_partial(MATCHING, {"p1": "x"})
    assert result.valid and result.score == pytest.approx(1 / 3)
    assert "Prompt 2: not matched; the match is **Choice y**" in result.feedback
    assert grade_partial(MATCHING, {"p1": "x"}, partial_credit="all-or-nothing").score == 0.0
    assert grade_partial(MATCHING, {"p1": "x", "p2": "y", "p3": "x"}).score == 1.0
    assert not grade_partial(MATCHING, {}).valid  # nothing matched is not an answer
    assert not grade_partial(MATCHING, {"p1": "w"}).valid  # a choice that does not exist
    assert not grade_partial(MATCHING, {"p9": "x"}).valid


def test_partial_label_and_case_answers() -> None:
    bank = load_bank(Path(__file__).parent / "data" / "banks" / "types" / "all-types.yaml")
    label, case = bank["at-label"], bank["at-case"]
    key = dict(label.answer)  # number -> name; three numbers are asked
    first = next(iter(key))
    result = grade_partial(label, {first: key[first]})
    assert result.valid and result.score == pytest.approx(1 / len(key))
    assert "not named" in result.feedback and not grade(label, {first: key[first]}).valid
    # A case part half answered (the ordering part complete, single part missing) under
    # grade_partial; right ordering = 1, others 0: mean 1/3.
    route = [item.id for item in case.part("route").items]
    assert grade_partial(case, {"route": route}).score == pytest.approx(1 / 3)
    # An ordering response is never partial: a missing item is still refused.
    assert not grade_partial(case, {"route": route[:2]}).valid


# --- no refusal message gives away a key order (issue 5 review) ---

# Items whose answer order (zeta, mu, alpha) is the reverse of the alphabet, so a message that
# listed them in answer order would read "zeta, mu, alpha".
REVERSED = parse_question(
    {
        "id": "o",
        "type": "ordering",
        "stem": "S",
        "source": "x",
        "items": [{"id": i, "text": i.title()} for i in ("zeta", "mu", "alpha")],
    }
)
MATCHED = parse_question(
    {
        "id": "m",
        "type": "matching",
        "stem": "S",
        "source": "x",
        "prompts": [{"id": p, "text": p} for p in ("zp", "yp", "xp")],
        "choices": [{"id": c, "text": c} for c in ("zc", "yc", "xc", "wc")],
        "answer": {"zp": "zc", "yp": "yc", "xp": "xc"},
    }
)


@pytest.mark.parametrize(
    ("graded", "response", "listed"),
    [
        (REVERSED, ["nope", "zeta", "mu"], "alpha, mu, zeta"),
        (REVERSED, ["zeta"], "alpha, mu not placed"),
        (MATCHED, {"zp": "nope", "yp": "yc", "xp": "xc"}, "wc, xc, yc, zc"),
        (MATCHED, {"nope": "zc"}, "xp, yp, zp"),
        (MATCHED, {"zp": "zc"}, "xp, yp"),
        (SINGLE, "nope", "a, b, c, d"),
    ],
)
def test_refusals_list_ids_alphabetically_never_in_key_order(
    graded: Question, response: Any, listed: str
) -> None:
    result = grade(graded, response)
    assert not result.valid
    assert listed in result.feedback, result.feedback
    assert "zeta, mu" not in result.feedback and "zc, yc" not in result.feedback


def test_a_lone_surrogate_becomes_a_replacement_character_and_a_pair_one_character() -> None:
    # U+FFFD by definition; the pair D83D DE00 is U+1F600 (UTF-16).
    assert normalise_response("a\ud800b") == "a\ufffdb"
    assert normalise_response(["\udfff"]) == ["\ufffd"]
    assert normalise_response({"\ud800": "x"}) == {"\ufffd": "x"}
    assert normalise_response("\ud83d\ude00") == "\U0001f600"
    json.dumps(normalise_response("a\ud800b"), ensure_ascii=False).encode("utf-8")  # no error
