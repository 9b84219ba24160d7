"""QuizSession: first-try scores, attempts, retry and reset, and records ready for export."""

from __future__ import annotations

import itertools
import json
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import numpy as np
import pytest

from livermets_edu.quiz import QuizSession, load_bank
from livermets_edu.quiz.grading import grade

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
        "variant_seed": item_seed(0, "anonymous", "gb-multiple"),
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


# --- exam and self-check modes, and the attempt record ----------------------------------------
from dataclasses import fields as dataclass_fields  # noqa: E402

from livermets_edu.quiz.definition import load_quiz_definition  # noqa: E402
from livermets_edu.quiz.exam import item_seed, make_paper  # noqa: E402
from livermets_edu.quiz.session import SAVED, ExamClosed, Recorded  # noqa: E402
from livermets_edu.quiz.variants import concrete  # noqa: E402

DATA = Path(__file__).parent / "data"
EXAM = load_quiz_definition(DATA / "quizzes" / "good-quiz.yaml", bank_dirs=[DATA / "banks"])
RECORD_KEYS = {
    "format",
    "version",
    "attempt_id",
    "student_id",
    "quiz_id",
    "mode",
    "seed",
    "started_at",
    "submitted_at",
    "items",
    "score",
    "max_score",
}
ITEM_KEYS = {"question_id", "type", "variant_seed", "response", "score", "max_score"}
# Words a graded result would carry; none may reach a student before an exam is submitted.
REVEALING = re.compile(r"correct|not quite|partly|right|wrong|answer is|score|%|\*\*", re.I)


class ManualClock:
    """A clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def exam_session(student: str = "s001", clock: ManualClock | None = None) -> QuizSession:
    return QuizSession.from_definition(
        EXAM, student, clock=clock or ManualClock(), bank_dirs=[DATA / "banks"]
    )


def everything_said(value: object) -> str:
    """Every text a returned object carries: its repr and each field."""
    parts = [repr(value), str(value)]
    if hasattr(value, "__dataclass_fields__"):
        parts += [str(getattr(value, f.name)) for f in dataclass_fields(value)]  # type: ignore[arg-type]
    return " ".join(parts)


def test_an_exam_never_reveals_correctness_before_submit() -> None:
    session = exam_session()
    right = {"gb-single": "a", "gb-multiple": ["a", "b"], "gb-true-false": True}
    wrong = {"gb-single": "b", "gb-multiple": ["c"], "gb-true-false": False}
    said = []
    for responses in (right, wrong, right):
        for question_id, response in responses.items():
            result = session.answer(question_id, response)
            assert isinstance(result, Recorded) and result.valid
            assert not hasattr(result, "score") and not hasattr(result, "correct")
            said.append(everything_said(result).replace(question_id, "ID"))
    assert len(set(said)) == 1  # right and wrong answers get the very same words
    assert not REVEALING.search(said[0].replace("Recorded", "")), said[0]
    for peek in (
        lambda: session.score,
        lambda: session.grade_for("gb-single"),
        lambda: session.first_grade_for("gb-single"),
        session.record,
    ):
        with pytest.raises(ExamClosed, match="submit"):
            peek()
    assert session.attempts == [] and session.results() == []
    for text in (session.score_text(), repr(session), session.time_text()):
        assert not REVEALING.search(text), text
    assert session.score_text() == "Answered 3 of 4"


def test_an_ungradable_exam_answer_is_refused_without_a_verdict() -> None:
    session = exam_session()
    result = session.answer("gb-single", "")
    assert isinstance(result, Recorded) and not result.valid
    assert result.feedback == "Choose an option first."
    assert not session.is_answered("gb-single") and session.answered == 0


def test_exam_answers_can_change_until_submit_which_grades_the_last() -> None:
    clock = ManualClock()
    session = exam_session(clock=clock)
    session.answer("gb-single", "b")
    clock.advance(minutes=5)
    session.answer("gb-single", "a")  # changed: the last saved answer counts
    session.answer("gb-multiple", {"b", "a"})
    session.answer("gb-true-false", False)
    session.retry("gb-true-false")  # in an exam, retry takes a saved answer back
    assert session.saved_response("gb-single") == "a"
    assert session.saved_response("gb-true-false") is None
    clock.advance(minutes=10)
    record = session.submit()
    # gb-single right (1), gb-multiple all of a, b (1), gb-true-false and gb-numeric-value
    # unanswered (0 each): 2 of 4.
    assert (record["score"], record["max_score"]) == (2.0, 4.0)
    assert session.score == 2 and session.finished and session.submitted
    assert session.score_text() == "Score: 2 / 4"
    scores = {item["question_id"]: (item["response"], item["score"]) for item in record["items"]}
    assert scores == {
        "gb-single": ("a", 1.0),
        "gb-multiple": (["a", "b"], 1.0),
        "gb-true-false": (None, 0.0),
        "gb-numeric-value": (None, 0.0),
    }
    assert record["started_at"] == "2026-11-23T10:00:00+00:00"
    assert record["submitted_at"] == "2026-11-23T10:15:00+00:00"
    assert "late" not in record
    after = session.answer("gb-true-false", True)
    assert isinstance(after, Recorded) and not after.valid and "submitted" in after.feedback
    assert session.submit() == record  # a second submit changes nothing
    with pytest.raises(ExamClosed):
        session.reset()


def test_past_the_deadline_answers_are_refused_but_submit_keeps_the_work() -> None:
    clock = ManualClock()
    session = exam_session(clock=clock)
    clock.advance(minutes=17, seconds=55)
    assert session.time_text() == "12:05 left"  # the fixture's limit is 30 minutes
    session.answer("gb-single", "a")
    clock.advance(minutes=12, seconds=5)
    assert session.time_text() == "0:00 left"
    assert session.answer("gb-true-false", True).valid  # exactly on time is in time
    clock.advance(seconds=1)
    refused = session.answer("gb-multiple", ["a", "b"])
    assert not refused.valid and refused.feedback.startswith("Time is up")
    assert session.time_text() == "Time is up" and session.time_left() == timedelta(0)
    record = session.submit()
    assert record["late"] is True and session.late
    assert record["score"] == 2.0  # the two answers saved in time
    assert session.saved_response("gb-multiple") is None


def test_shuffled_papers_score_the_same_answers_the_same() -> None:
    # gb-single 'a' is right (1); gb-multiple ['a'] picks 1 of 2 right options, which the
    # fixture's all-or-nothing rule scores 0; gb-true-false False is wrong (0);
    # gb-numeric-value 1.5 L/min is right (1). Total 2, whatever the order shown.
    responses = {
        "gb-single": "a",
        "gb-multiple": ["a"],
        "gb-true-false": False,
        "gb-numeric-value": "1.5",
    }
    orders = set()
    for student in [f"s{number:03d}" for number in range(50)]:
        session = exam_session(student)
        orders.add(tuple(q.id for q in session.questions))
        for question_id in [q.id for q in session.questions]:
            session.answer(question_id, responses[question_id])
        assert session.submit()["score"] == 2.0
    assert len(orders) > 10  # the papers really were shuffled


def test_the_exam_record_has_the_results_file_shape() -> None:
    session = exam_session(" S001 ")
    session.answer("gb-numeric-value", 1.5)
    record = session.submit()
    assert set(record) == RECORD_KEYS
    assert all(set(item) == ITEM_KEYS for item in record["items"])
    assert (record["format"], record["version"]) == ("livermets-results", 1)
    assert re.fullmatch(r"[0-9a-f]{32}", record["attempt_id"])
    assert (record["student_id"], record["quiz_id"], record["mode"]) == (
        "S001",
        "gb-midterm",
        "exam",
    )
    assert record["seed"] == 20261123
    seeds = {item["question_id"]: item["variant_seed"] for item in record["items"]}
    assert seeds == {qid: item_seed(20261123, "s001", qid) for qid in EXAM_IDS}
    assert [item["question_id"] for item in record["items"]] == [q.id for q in session.questions]
    assert {item["type"] for item in record["items"]} == {
        "single",
        "multiple",
        "true_false",
        "numeric",
    }
    assert json.loads(json.dumps(record)) == record
    assert exam_session("s001").attempt_id != session.attempt_id


EXAM_IDS = [item.id for item in EXAM.items]


def test_a_self_check_record_scores_first_tries() -> None:
    session = QuizSession(BANK, clock=ticking_clock(), student_id="s9", quiz_id="gb", seed=5)
    session.answer("gb-single", "b")  # wrong first try, 00:00
    session.retry("gb-single")
    session.answer("gb-single", "a")  # right, but not first: 00:01
    session.answer("gb-multiple", ["a"])  # half credit under net-correct: 00:02
    record = session.record()  # submitted_at is the next tick, 00:03
    assert set(record) == RECORD_KEYS and record["mode"] == "self-check"
    items = {item["question_id"]: item for item in record["items"]}
    assert (items["gb-single"]["response"], items["gb-single"]["score"]) == ("b", 0.0)
    assert items["gb-multiple"]["score"] == 0.5 and items["gb-numeric-fact"]["response"] is None
    assert (record["score"], record["max_score"]) == (0.5, 5.0)
    assert record["started_at"] == "2025-01-01T00:00:00+00:00"
    assert record["submitted_at"] == "2025-01-01T00:03:00+00:00"
    assert items["gb-single"]["variant_seed"] == item_seed(5, "s9", "gb-single")
    # Self-check shows feedback at once, as before.
    assert session.grade_for("gb-single").correct


def test_a_self_check_session_from_a_definition_shows_feedback() -> None:
    practice = EXAM.model_copy(update={"mode": "self-check", "time_limit_minutes": None})
    session = QuizSession.from_definition(
        practice, "s001", clock=ManualClock(), bank_dirs=[DATA / "banks"]
    )
    result = session.answer("gb-single", "a")
    assert result.correct and session.score == 1 and session.time_text() == ""
    assert session.title == "Blood supply: midterm (test)" and session.quiz_id == "gb-midterm"


def test_mode_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="only to exam mode"):
        QuizSession(BANK, time_limit=timedelta(minutes=5))
    with pytest.raises(ValueError, match="'self-check' or 'exam'"):
        QuizSession(BANK, mode="homework")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="must not be empty"):
        QuizSession(BANK, student_id="  ")


def test_records_are_accepted_by_the_results_model() -> None:
    from livermets_edu.quiz.results import AttemptRecord

    exam = exam_session()
    exam.answer("gb-multiple", {"a"})
    practice = QuizSession(BANK)
    practice.answer("gb-single", "a")
    for record in (exam.submit(), practice.record()):
        checked = AttemptRecord.model_validate_json(json.dumps(record))
        assert checked.score == record["score"] and checked.attempt_id == record["attempt_id"]


# --- responses are normalised once, then graded and stored ------------------------------------
TYPES = load_bank(DATA / "banks" / "types" / "all-types.yaml")


def odd_but_right_responses() -> list[tuple[str, object]]:
    """Ways a front end may pass the right at-multiple answer {a, b} (a fresh generator each)."""
    return [
        ("dict_keys", {"a": 1, "b": 1}.keys()),
        ("generator", (option for option in ("b", "a"))),
        ("tuple", ("a", "b")),
        ("set", {"b", "a"}),
        ("numpy", np.array(["a", "b"])),
        ("numpy-partly-wrong", np.array(["a", "c"])),  # net-correct: (1 - 1) / 2 = 0
    ]


@pytest.mark.parametrize("mode", ["exam", "self-check"])
def test_odd_response_types_are_stored_and_graded_as_the_same_plain_value(mode: str) -> None:
    question = TYPES["at-multiple"]
    raw_scores = {
        name: grade(question, response).score for name, response in odd_but_right_responses()
    }
    # Independent expectation: a and b right, c wrong; net-correct scores 1 and 0.
    assert raw_scores == {
        "dict_keys": 1.0,
        "generator": 1.0,
        "tuple": 1.0,
        "set": 1.0,
        "numpy": 1.0,
        "numpy-partly-wrong": 0.0,
    }
    for name, response in odd_but_right_responses():
        session = QuizSession([question], mode=mode)  # type: ignore[arg-type]
        assert session.answer(question.id, response).valid, name
        record = session.submit() if mode == "exam" else session.record()
        (item,) = record["items"]
        assert item["score"] == raw_scores[name], name
        assert isinstance(item["response"], list) and sorted(item["response"]) in (
            ["a", "b"],
            ["a", "c"],
        )
        assert json.loads(json.dumps(record)) == record


def test_a_response_that_cannot_be_normalised_is_refused_with_a_message() -> None:
    session = QuizSession([TYPES["at-multiple"]], mode="exam")
    refused = session.answer("at-multiple", itertools.count())  # endless: never hangs
    assert isinstance(refused, Recorded) and not refused.valid and "too many" in refused.feedback
    practice = QuizSession([TYPES["at-label"]])
    result = practice.answer("at-label", {1: "x", "1": "y"})
    assert not result.valid and "given twice" in result.feedback and practice.attempts == []


# --- parametrized questions -------------------------------------------------------------------
TEMPLATE = TYPES["at-numeric-template"]


def test_a_template_is_made_concrete_with_the_item_seed_and_can_be_answered() -> None:
    session = QuizSession([TEMPLATE, TYPES["at-single"]], student_id="S1", seed=7)
    seed = item_seed(7, "s1", TEMPLATE.id)
    expected = concrete(TEMPLATE, seed).answer.expected  # the variants module, independently
    (asked, _) = session.questions
    assert not asked.is_template and asked.answer.expected == expected
    assert session.variant_seed(TEMPLATE.id) == seed and session.has_variants(TEMPLATE.id)
    assert not session.has_variants("at-single")
    result = session.answer(TEMPLATE.id, expected)  # before the fix: TemplateQuestionError
    assert result.correct
    assert session.record()["items"][0]["variant_seed"] == seed
    anonymous = QuizSession([TEMPLATE])
    assert anonymous.variant_seed(TEMPLATE.id) == item_seed(0, "anonymous", TEMPLATE.id)


def test_an_exam_with_a_template_grades_the_variant_it_showed() -> None:
    session = QuizSession([TEMPLATE], mode="exam", student_id="s2", seed=11)
    seed = item_seed(11, "s2", TEMPLATE.id)
    right = concrete(TEMPLATE, seed).answer.expected
    assert session.answer(TEMPLATE.id, right).valid
    record = session.submit()
    assert record["items"][0]["variant_seed"] == seed and record["score"] == 1.0
    with pytest.raises(ExamClosed, match="fixed"):
        session.new_variant(TEMPLATE.id, 5)


def test_new_numbers_clear_the_answer_and_the_first_variant_keeps_the_score() -> None:
    session = QuizSession([TEMPLATE, TYPES["at-single"]], clock=ticking_clock())
    first_seed = session.variant_seed(TEMPLATE.id)
    first = session.question(TEMPLATE.id)
    assert session.answer(TEMPLATE.id, first.answer.expected * 3).score == 0.0  # wrong
    new = session.new_variant(TEMPLATE.id, first_seed + 1)
    assert new.answer.expected == concrete(TEMPLATE, first_seed + 1).answer.expected
    assert new.answer.expected != first.answer.expected  # really new numbers
    assert (
        session.question(TEMPLATE.id) == new and session.variant_seed(TEMPLATE.id) == first_seed + 1
    )
    assert session.grade_for(TEMPLATE.id) is None  # the current answer was cleared
    assert session.answer(TEMPLATE.id, new.answer.expected).correct
    assert session.score == 0.0  # the first try (first variant, wrong) holds the score
    attempts = session.attempts_for(TEMPLATE.id)
    assert [a.variant_seed for a in attempts] == [first_seed, first_seed + 1]
    item = session.record()["items"][0]
    assert (item["variant_seed"], item["score"]) == (first_seed, 0.0)
    with pytest.raises(ValueError, match="no numbers to change"):
        session.new_variant("at-single", 3)
    with pytest.raises(TypeError, match="whole number"):
        session.new_variant(TEMPLATE.id, "3")  # type: ignore[arg-type]


def test_a_paper_lets_a_practice_session_change_numbers() -> None:
    paper = make_paper([TEMPLATE], quiz_id="p", quiz_seed=4, student_id="s3")
    session = QuizSession(paper.questions, paper=paper, seed=4, student_id="s3")
    assert session.variant_seed(TEMPLATE.id) == paper.variant_seeds[TEMPLATE.id]
    assert session.question(TEMPLATE.id) == paper.questions[0]
    assert session.has_variants(TEMPLATE.id)
    assert session.new_variant(TEMPLATE.id, 99) == concrete(TEMPLATE, 99)


# --- unfinished exam answers ------------------------------------------------------------------
def test_an_exam_saves_an_unfinished_matching_answer_and_grades_it_with_partial_credit() -> None:
    session = QuizSession([TYPES["at-matching"], TYPES["at-case"]], mode="exam")
    saved = session.answer("at-matching", {"sirt": "spheres", "tace": "heat"})
    assert isinstance(saved, Recorded) and saved.valid and saved.feedback == SAVED
    assert session.answer("at-case", {"portal": True}).valid
    assert not session.answer("at-matching", {}).valid  # nothing matched is not an answer
    record = session.submit()
    scores = {item["question_id"]: item["score"] for item in record["items"]}
    # sirt right, tace wrong, mwa left out: 1 of 3. Case: portal right, two parts left: 1 of 3.
    assert scores == {"at-matching": pytest.approx(1 / 3), "at-case": pytest.approx(1 / 3)}
    assert "not matched" in session.grade_for("at-matching").feedback
    practice = QuizSession([TYPES["at-matching"]])  # self-check still asks for every prompt
    assert not practice.answer("at-matching", {"sirt": "spheres"}).valid


# --- issue 5 review: ids the results file refuses, late saves of earlier edits, drafts ---


@pytest.mark.parametrize("student_id", ["x" * 201, "a\tb", "a\x00b", "\ud800"])
def test_a_student_id_the_results_file_would_refuse_is_refused_at_once(student_id: str) -> None:
    with pytest.raises(ValueError, match="student id"):
        QuizSession(BANK, mode="exam", student_id=student_id)


def test_a_student_id_of_200_printable_characters_is_accepted() -> None:
    # 200 is the results file's limit (results.StudentId max_length), surrounding spaces aside.
    assert QuizSession(BANK, mode="exam", student_id=" " + "é" * 200 + " ").student_id == "é" * 200


def _exam(clock) -> QuizSession:
    return QuizSession(
        BANK, mode="exam", student_id="s1", time_limit=timedelta(minutes=10), clock=clock
    )


def test_an_answer_edited_before_the_limit_is_saved_after_it_but_not_one_edited_later() -> None:
    now = [datetime(2025, 1, 1, tzinfo=timezone.utc)]
    session = _exam(lambda: now[0])
    first, second = (question.id for question in session.questions[:2])
    correct = BANK.questions[0].answer
    now[0] += timedelta(minutes=11)  # past the limit
    edited_in_time = now[0] - timedelta(minutes=2)
    assert session.answer(first, correct, edited_at=edited_in_time).valid
    assert session.saved_response(first) == correct
    assert not session.answer(second, correct, edited_at=now[0] - timedelta(seconds=30)).valid
    assert not session.answer(second, correct).valid
    # A stamp in the future changes nothing: it counts as now.
    assert not session.answer(second, correct, edited_at=now[0] + timedelta(hours=1)).valid


def test_a_draft_brings_back_the_start_the_attempt_and_the_saved_answers() -> None:
    now = [datetime(2025, 1, 1, tzinfo=timezone.utc)]
    session = _exam(lambda: now[0])
    question_id = session.questions[0].id
    session.answer(question_id, BANK.questions[0].answer)
    draft = json.loads(json.dumps(session.draft()))  # as a file holds it
    now[0] += timedelta(minutes=4)
    again = _exam(lambda: now[0])
    assert again.resume(draft) == []
    assert again.started_at == session.started_at and again.attempt_id == session.attempt_id
    assert again.saved_response(question_id) == BANK.questions[0].answer
    assert again.time_left() == timedelta(minutes=6)


def test_a_draft_of_another_student_or_a_malformed_one_changes_nothing() -> None:
    session = _exam(ticking_clock())
    draft = session.draft()
    other = QuizSession(BANK, mode="exam", student_id="s2", time_limit=timedelta(minutes=10))
    with pytest.raises(ValueError, match="student_id"):
        other.resume(draft)
    fresh = _exam(ticking_clock())
    started = fresh.started_at
    for broken in ({**draft, "started_at": "yesterday"}, {**draft, "saved": []}, {"x": 1}):
        with pytest.raises(ValueError):
            fresh.resume(broken)
        assert fresh.started_at == started and fresh.answered == 0


def _session_of(student_id: str, clock, questions=None) -> QuizSession:
    return QuizSession(
        questions or BANK,
        name=BANK.name,
        mode="exam",
        student_id=student_id,
        time_limit=timedelta(minutes=10),
        clock=clock,
    )


def test_a_draft_resumes_for_the_same_id_in_other_capitals_and_spacing() -> None:
    clock = ticking_clock()
    session = _session_of("S042", clock)
    question_id = session.questions[0].id
    session.answer(question_id, BANK.questions[0].answer)
    again = _session_of("s042 ", clock)  # what exam.normalise_student_id makes one id
    assert again.resume(json.loads(json.dumps(session.draft()))) == []
    assert again.saved_response(question_id) == BANK.questions[0].answer


def test_a_draft_with_an_answer_saved_before_its_start_is_damaged() -> None:
    clock = ticking_clock()
    session = _exam(clock)
    question_id = session.questions[0].id
    session.answer(question_id, BANK.questions[0].answer)
    draft = json.loads(json.dumps(session.draft()))
    early = (session.started_at - timedelta(seconds=1)).isoformat()
    draft["saved"][question_id]["saved_at"] = early
    fresh = _exam(clock)
    with pytest.raises(ValueError, match="saved before its exam began"):
        fresh.resume(draft)
    with pytest.raises(ValueError, match="saved before its exam began"):
        fresh.resume({**session.draft(), "saved_at": early})
    assert fresh.answered == 0


def test_a_draft_of_another_paper_is_refused_and_notes_name_question_numbers() -> None:
    from livermets_edu.quiz.session import PaperChanged

    clock = ticking_clock()
    session = _exam(clock)
    draft = json.loads(json.dumps(session.draft()))
    # One question fewer: another paper, whatever the answers.
    fewer = _session_of("s1", clock, BANK.questions[1:])
    with pytest.raises(PaperChanged, match="changed since this draft"):
        fewer.resume(draft)
    assert fewer.answered == 0
    # Same paper, an answer it cannot take: the note counts questions from 1, not ids.
    second = session.questions[1]
    draft["saved"] = {
        second.id: {"response": {"not": "an answer"}, "saved_at": draft["started_at"]},
        "gone": {"response": "a", "saved_at": draft["started_at"]},
    }
    notes = _exam(clock).resume(draft)
    assert len(notes) == 2 and notes[0].startswith("Your answer to question 2 was left out")
    assert notes[1] == "An answer to a question that is not on this paper was left out."
    assert not any(second.id in note or "gone" in note for note in notes)
