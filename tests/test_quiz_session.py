"""QuizSession: first-try scores, attempts, retry and reset, and records ready for export."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from livermets_edu.quiz import QuizSession, load_bank

BANK = load_bank(Path(__file__).parent / "data" / "banks" / "good-bank.yaml")


def ticking_clock():
    moments = iter(
        datetime(2025, 1, 1, tzinfo=timezone.utc) + timedelta(minutes=i) for i in range(100)
    )
    return lambda: next(moments)


def test_a_fresh_session_scores_nothing_out_of_every_question() -> None:
    session = QuizSession(BANK)
    assert (session.score, session.max_score, session.answered) == (0, 5, 0)
    assert session.score_text() == "First-try score: 0 / 5"
    assert session.name == "good-bank"
    assert not session.finished


def test_answers_add_up_with_partial_credit() -> None:
    session = QuizSession(BANK)
    assert session.answer("gb-single", "a").correct
    assert session.answer("gb-multiple", ["a"]).score == 0.5
    session.answer("gb-true-false", True)
    assert session.score == pytest.approx(2.5)
    assert session.score_text() == "First-try score: 2.5 / 5"
    assert session.grade_for("gb-numeric-fact") is None


def test_all_or_nothing_sessions() -> None:
    session = QuizSession(BANK, partial_credit="all-or-nothing")
    assert session.answer("gb-multiple", ["a"]).score == 0.0


def test_retry_clears_the_current_answer_but_keeps_the_history() -> None:
    session = QuizSession(BANK, clock=ticking_clock())
    session.answer("gb-single", "b")
    session.retry("gb-single")
    assert not session.is_answered("gb-single") and session.grade_for("gb-single") is None
    session.answer("gb-single", "a")
    assert session.grade_for("gb-single").correct  # the retry is graded and its feedback shown
    attempts = session.attempts_for("gb-single")
    assert [(a.attempt, a.response, a.score) for a in attempts] == [(1, "b", 0.0), (2, "a", 1.0)]
    assert attempts[1].timestamp > attempts[0].timestamp


def test_the_score_counts_first_tries_so_retries_cannot_inflate_it() -> None:
    # A wrong answer reveals the right one; answering it after a retry proves nothing.
    session = QuizSession(BANK)
    wrong_then_right = [
        ("gb-single", "b", "a"),
        ("gb-multiple", ["c"], ["a", "b"]),
        ("gb-true-false", False, True),
        ("gb-numeric-fact", "10", "75"),
        ("gb-numeric-value", "9", "1.5"),
    ]
    for question_id, wrong, right in wrong_then_right:
        assert session.answer(question_id, wrong).score == 0
        session.retry(question_id)
        assert session.answer(question_id, right).correct
    assert session.score == 0 and session.score_text() == "First-try score: 0 / 5"
    assert session.finished and session.answered == 5
    assert session.first_grade_for("gb-single").score == 0
    assert session.grade_for("gb-single").score == 1
    assert len(session.results()) == 10  # every attempt is kept for export


def test_a_right_first_try_keeps_its_point_after_a_retry() -> None:
    session = QuizSession(BANK)
    session.answer("gb-true-false", True)
    session.retry("gb-true-false")
    assert session.score == 1  # retrying clears the answer shown, not the score
    session.answer("gb-true-false", False)
    assert session.score == 1 and session.grade_for("gb-true-false").score == 0


def test_answering_again_without_retry_does_not_change_the_score() -> None:
    session = QuizSession(BANK)
    session.answer("gb-true-false", False)
    session.answer("gb-true-false", True)
    assert session.score == 0 and len(session.attempts) == 2
    assert session.grade_for("gb-true-false").correct  # the latest grade is what is shown


def test_ungradable_responses_use_no_attempt() -> None:
    session = QuizSession(BANK)
    result = session.answer("gb-numeric-fact", "seventy")
    assert not result.valid and "not a number" in result.feedback
    assert session.attempts == [] and not session.is_answered("gb-numeric-fact")
    assert session.first_grade_for("gb-numeric-fact") is None and session.answered == 0
    session.answer("gb-numeric-fact", "75")  # so the first graded answer is the one that counts
    assert session.score == 1 and session.attempts_for("gb-numeric-fact")[0].attempt == 1


def test_reset_forgets_everything() -> None:
    session = QuizSession(BANK)
    session.answer("gb-single", "a")
    session.reset()
    assert (session.score, session.attempts, session.answered) == (0, [], 0)
    assert session.first_grade_for("gb-single") is None


def test_finished_once_every_question_has_an_answer() -> None:
    session = QuizSession(BANK)
    for qid, response in [
        ("gb-single", "a"),
        ("gb-multiple", ["a", "b"]),
        ("gb-true-false", True),
        ("gb-numeric-fact", "75"),
        ("gb-numeric-value", 1.5),
    ]:
        session.answer(qid, response)
    assert session.finished and session.score == session.max_score == 5


def test_results_are_json_ready_records() -> None:
    session = QuizSession(BANK, clock=ticking_clock())
    session.answer("gb-multiple", {"b", "a"})
    session.answer("gb-numeric-value", "1.4")
    records = session.results()
    assert records[0] == {
        "bank": "good-bank",
        "question_id": "gb-multiple",
        "attempt": 1,
        "response": ["a", "b"],
        "score": 1.0,
        "correct": True,
        "timestamp": "2025-01-01T00:00:00+00:00",
    }
    assert records[1]["response"] == "1.4" and records[1]["correct"] is True
    json.dumps(records)


def test_a_session_over_a_subset_of_questions() -> None:
    session = QuizSession([BANK["gb-single"], BANK["gb-true-false"]])
    assert session.max_score == 2 and session.name is None
    with pytest.raises(KeyError, match="no question 'gb-multiple'"):
        session.answer("gb-multiple", ["a"])


def test_bad_sessions_are_refused() -> None:
    with pytest.raises(ValueError, match="appears twice"):
        QuizSession([BANK["gb-single"], BANK["gb-single"]])
    with pytest.raises(ValueError, match="at least one question"):
        QuizSession([])
