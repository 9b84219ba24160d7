"""Short-answer questions: the text comparison (normalising, edit distance, jupyterquiz's
similarity rule), grading, and simulated results.

Edit distances are worked out by hand in the comments, and checked against a second,
textbook implementation (the recursive definition) written here, not imported.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livermets_edu import facts
from livermets_edu.quiz.grading import (
    MAX_SHORT_ANSWER_CHARS,
    PARTIAL_CREDIT_MODES,
    answer_markdown,
    grade,
    grade_partial,
)
from livermets_edu.quiz.schema import ShortAnswer, parse_question
from livermets_edu.quiz.simulation import NO_IDEA, simulate_results
from livermets_edu.quiz.text_match import (
    TextPattern,
    first_match,
    levenshtein,
    matches,
    normalise,
    similarity,
)

SETTINGS = settings(derandomize=True, database=None, max_examples=200, deadline=None)


def short_answer(*answers: dict[str, Any], question_id: str = "sa") -> ShortAnswer:
    question = parse_question(
        {
            "id": question_id,
            "type": "short_answer",
            "stem": "Which vessel brings most of the normal liver's blood?",
            "source": "test",
            "answers": list(answers),
        }
    )
    assert isinstance(question, ShortAnswer)
    return question


# --- edit distance -----------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("first", "second", "distance"),
    [
        ("kitten", "sitting", 3),  # k→s, e→i, insert g
        ("saturday", "sunday", 3),  # delete a, delete t, r→n
        ("flaw", "lawn", 2),  # delete f, insert n
        ("gumbo", "gambol", 2),  # u→a, insert l
        ("portal vein", "portl vein", 1),  # delete a
        ("portal vein", "potral vien", 4),  # each swapped pair is two substitutions
        ("artery", "arteries", 3),  # y→i, insert e, insert s
        ("", "abc", 3),  # three insertions
        ("abc", "abc", 0),
        ("abc", "", 3),
    ],
)
def test_levenshtein_matches_distances_worked_by_hand(
    first: str, second: str, distance: int
) -> None:
    assert levenshtein(first, second) == distance
    assert levenshtein(second, first) == distance  # the same edits, undone


def test_a_limit_stops_early_and_reports_one_past_it() -> None:
    assert levenshtein("kitten", "sitting", limit=2) == 3  # 3 > 2: reported as 2 + 1
    assert levenshtein("kitten", "sitting", limit=3) == 3
    assert levenshtein("kitten", "sitting", limit=10) == 3
    assert levenshtein("a" * 5000, "b", limit=4) == 5  # the length difference alone is 4999


@cache
def textbook_distance(first: str, second: str) -> int:
    """The recursive definition of the Levenshtein distance (slow; short texts only)."""
    if not first or not second:
        return len(first) + len(second)
    return min(
        textbook_distance(first[1:], second) + 1,
        textbook_distance(first, second[1:]) + 1,
        textbook_distance(first[1:], second[1:]) + (first[0] != second[0]),
    )


SHORT_TEXT = st.text(alphabet="abcé ", max_size=7)


@SETTINGS
@given(first=SHORT_TEXT, second=SHORT_TEXT, limit=st.integers(0, 8))
def test_levenshtein_agrees_with_the_textbook_definition(
    first: str, second: str, limit: int
) -> None:
    expected = textbook_distance(first, second)
    assert levenshtein(first, second) == expected
    assert levenshtein(first, second, limit=limit) == min(expected, limit + 1)


# --- similarity: jupyterquiz's rule ------------------------------------------------------------
def test_similarity_is_one_minus_distance_over_the_longer_length() -> None:
    assert similarity("kitten", "sitting") == pytest.approx(1 - 3 / 7)  # longer: sitting, 7
    assert similarity("portl vein", "portal vein") == pytest.approx(1 - 1 / 11)
    assert similarity("abc", "abc") == 1.0 and similarity("", "") == 1.0
    assert similarity("abc", "xyz") == 0.0  # three substitutions over three letters


@pytest.mark.parametrize(
    ("typed", "accepted", "fuzzy", "expected"),
    [
        # 'portal vein' has 11 characters; at 0.8, 2 edits pass (1 - 2/11 = 0.82), 3 do not
        # (1 - 3/11 = 0.73).
        ("portl vein", "portal vein", 0.8, True),  # 1 edit
        ("portl ven", "portal vein", 0.8, True),  # 2 edits
        ("prtl ven", "portal vein", 0.8, False),  # 3 edits
        # 'liver' has 5: one edit gives exactly 1 - 1/5 = 0.8, on the threshold, which passes.
        ("livr", "liver", 0.8, True),
        ("lvr", "liver", 0.8, False),  # 1 - 2/5 = 0.6
        # jupyterquiz divides by the longer text: 'veins!' against 'vein' is 2 edits over 6
        # characters, 1 - 2/6 = 0.67, which passes 0.6 (over the answer's 4 it would be 0.5).
        ("veins!", "vein", 0.6, True),
        ("veins!", "vein", 0.7, False),
        # fuzzy 1 means the text itself, after normalising.
        ("portl vein", "portal vein", 1.0, False),
        (" PORTAL   vein\t", "portal vein", 1.0, True),
    ],
)
def test_matching_follows_jupyterquizs_threshold_rule(
    typed: str, accepted: str, fuzzy: float, expected: bool
) -> None:
    assert matches(typed, TextPattern(accepted, fuzzy=fuzzy)) is expected


def test_normalising_trims_collapses_composes_and_lower_cases() -> None:
    assert normalise("  Portal\t\n VEIN ") == "portal vein"
    assert normalise("cafe\u0301") == normalise("café")  # e + combining acute is é
    # Lower-casing as every export target does (JavaScript toLowerCase), not case folding:
    # "ß" has no one-letter upper case, so only "straße" and "STRAßE" match "Straße".
    assert normalise("STRAßE") == normalise("Straße") == "straße"
    assert normalise("STRASSE") != normalise("Straße")
    assert normalise("  pH  value", match_case=True) == "pH value"
    assert matches("ph", TextPattern("pH", match_case=True)) is False
    assert matches("pH", TextPattern("pH", match_case=True)) is True


def test_the_first_matching_pattern_decides() -> None:
    # 'arteri' is 1 edit from 'artery' (1 - 1/6 = 0.83) and 2 from 'arteries' (1 - 2/8 = 0.75):
    # both pass 0.5, so the order alone decides.
    patterns = [TextPattern("artery", fuzzy=0.5), TextPattern("arteries", fuzzy=0.5)]
    assert first_match("arteri", patterns) == 0  # artery
    assert first_match("arteri", patterns[::-1]) == 0  # now arteries
    # 'arteries' is 3 edits from 'artery' (1 - 3/8 = 0.625): even the second's exact text
    # is taken by the first.
    assert first_match("arteries", patterns) == 0
    # 'vein' to 'artery': v→a, insert r, insert t, keep e, i→r, n→y: 1 - 5/6 = 0.17.
    assert first_match("vein", patterns) is None


def test_a_long_text_is_refused_quickly_not_compared() -> None:
    # The length difference alone rules it out; no 100,000 × 11 table is filled.
    assert matches("x" * 100_000, TextPattern("portal vein", fuzzy=0.1)) is False


# --- grading -----------------------------------------------------------------------------------
PORTAL = short_answer(
    {
        "text": "portal vein",
        "fuzzy": 0.8,
        "feedback": "About {fact:PORTAL_VEIN_FLOW_FRACTION} of the inflow.",
    },
    {"text": "hepatic portal vein"},
    {
        "text": "hepatic artery",
        "correct": False,
        "fuzzy": 0.8,
        "feedback": "Only about {fact:HEPATIC_ARTERY_FLOW_FRACTION}.",
    },
)
PORTAL_SHARE = facts.PORTAL_VEIN_FLOW_FRACTION.text
ARTERY_SHARE = facts.HEPATIC_ARTERY_FLOW_FRACTION.text


@pytest.mark.parametrize(
    ("response", "score", "says"),
    [
        ("portal vein", 1.0, f"About {PORTAL_SHARE} of the inflow."),
        ("  Portal   VEIN ", 1.0, "**Correct.**"),  # spaces and capitals never matter
        ("portl vein", 1.0, "Close enough: the spelling is **portal vein**."),  # 1 - 1/11
        ("hepatic portal vein", 1.0, "**Correct.**"),  # the second accepted answer, exactly
        ("hepatic arteries", 0.0, f"Only about {ARTERY_SHARE}."),  # 1 - 3/16 = 0.81: mistake
        ("potral vien", 0.0, "The answer is **portal vein**"),  # 1 - 4/11 = 0.64: no match
        ("hepatic", 0.0, "The answer is **portal vein**"),  # 1 - 7/14 = 0.5 from the mistake
    ],
)
def test_the_first_answer_matched_decides_the_score_and_feedback(
    response: str, score: float, says: str
) -> None:
    result = grade(PORTAL, response)
    assert (result.valid, result.score, result.correct) == (True, score, score == 1.0)
    assert says in result.feedback
    if score == 0.0:
        assert "The answer is **portal vein** (also accepted: **hepatic portal vein**)." in (
            result.feedback
        )


def test_partial_credit_modes_do_not_change_a_short_answer() -> None:
    for mode in PARTIAL_CREDIT_MODES:
        assert grade(PORTAL, "portl vein", partial_credit=mode).score == 1.0  # type: ignore[arg-type]
        assert grade(PORTAL, "aorta", partial_credit=mode).score == 0.0  # type: ignore[arg-type]
    assert grade_partial(PORTAL, "portal vein") == grade(PORTAL, "portal vein")


@pytest.mark.parametrize(
    ("response", "reason"),
    [
        (None, "Type an answer first."),
        ("", "Type an answer first."),
        (" \t\n", "Type an answer first."),
        (5, "Type the answer as words, not 5."),
        (["portal vein"], "Type the answer as words"),
        ({"text": "portal vein"}, "Type the answer as words"),
        ("portal vein " * 100, f"at most {MAX_SHORT_ANSWER_CHARS:,} characters"),
    ],
)
def test_responses_that_cannot_be_graded_say_why(response: Any, reason: str) -> None:
    result = grade(PORTAL, response)
    assert (result.valid, result.score) == (False, 0.0) and reason in result.feedback


def test_match_case_makes_capitals_count_and_the_answer_says_so() -> None:
    question = short_answer({"text": "pH", "match_case": True})
    assert grade(question, "pH").score == 1.0
    assert grade(question, "PH").score == 0.0
    assert answer_markdown(question) == "**pH**, with these capitals"


def test_the_answer_is_compared_as_read_not_as_its_markdown() -> None:
    # In Markdown, x\_1 reads x_1 and **CEA** reads CEA: the learner types what they read.
    question = short_answer({"text": "x\\_1"}, {"text": "**CEA**"})
    assert grade(question, "x_1").score == 1.0
    assert grade(question, "CEA").score == 1.0
    assert grade(question, "x\\_1").score == 0.0


def test_answer_markdown_gives_the_first_right_answer_then_the_others() -> None:
    assert answer_markdown(PORTAL) == "**portal vein** (also accepted: **hepatic portal vein**)"
    alone = short_answer({"text": "hepatic artery", "correct": False}, {"text": "portal vein"})
    assert answer_markdown(alone) == "**portal vein**"


@pytest.mark.parametrize(
    ("answers", "message"),
    [
        ([{"text": "hepatic artery", "correct": False}], "list at least one answer with correct"),
        ([], "at least 1"),
        ([{"text": "portal vein", "fuzzy": 0}], "greater than 0"),
        ([{"text": "portal vein", "fuzzy": 1.2}], "less than or equal to 1"),
        ([{"text": "portal vein", "match_case": "yes"}], "valid boolean"),
        ([{"text": "   "}], "blank"),
    ],
)
def test_the_schema_refuses_bad_answers(answers: list[dict[str, Any]], message: str) -> None:
    from pydantic import ValidationError

    with pytest.raises(ValidationError) as caught:
        short_answer(*answers)
    assert message in str(caught.value)


def test_a_case_part_may_be_a_short_answer() -> None:
    case = parse_question(
        {
            "id": "c",
            "type": "case",
            "stem": "A patient.",
            "source": "test",
            "parts": [
                {"id": "tf", "type": "true_false", "stem": "True?", "answer": True},
                {"id": "vessel", **PORTAL.model_dump(exclude={"id", "source"})},
            ],
        }
    )
    result = grade(case, {"tf": True, "vessel": "portl vein"})
    assert result.score == 1.0
    assert grade(case, {"tf": True, "vessel": "hepatic artery"}).score == 0.5  # (1 + 0) / 2


# --- simulated results -------------------------------------------------------------------------
def test_simulated_responses_are_a_right_answer_or_a_listed_wrong_one() -> None:
    no_mistake_listed = short_answer({"text": "portal vein"}, question_id="sa-2")
    records = simulate_results([PORTAL, no_mistake_listed], 200, seed=4)
    first = {record.items[0].response for record in records}
    second = {record.items[1].response for record in records}
    assert first == {"portal vein", "hepatic artery"}  # as written in PORTAL's answers
    assert second == {"portal vein", NO_IDEA}
    for record in records:
        for item in record.items:
            assert item.score == (1.0 if item.response == "portal vein" else 0.0)


def test_simulated_short_answers_can_be_analysed() -> None:
    from livermets_edu.quiz.analysis import analyse

    no_mistake_listed = short_answer({"text": "portal vein"}, question_id="sa-2")
    questions = [PORTAL, no_mistake_listed]
    analysis = analyse(simulate_results(questions, 100, seed=2), questions=questions)
    responses = {row.value for row in analysis.item("sa").responses}
    assert responses == {"portal vein", "hepatic artery"}
