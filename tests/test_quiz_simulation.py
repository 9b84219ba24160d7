"""Simulated results: every question type, graded as the grader does, repeatable, analysable."""

import types
import uuid
from collections import Counter
from itertools import combinations
from pathlib import Path

import pytest

from livermets_edu.quiz.analysis import analyse
from livermets_edu.quiz.exam import item_seed
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.results import AttemptRecord, append_attempt, read_results
from livermets_edu.quiz.schema import QUESTION_MODELS, parse_question
from livermets_edu.quiz.simulation import simulate_results
from livermets_edu.quiz.variants import concrete

ALL_TYPES_BANK = Path(__file__).parent / "data" / "banks" / "types" / "all-types.yaml"
ALL_TYPES = list(load_bank(ALL_TYPES_BANK))
BY_ID = {question.id: question for question in ALL_TYPES}
SEED = 5
STUDENTS = 200


@pytest.fixture(scope="module")
def simulated_class() -> list[AttemptRecord]:
    """200 simulated students sitting the bank that holds every question type."""
    return simulate_results(ALL_TYPES, STUDENTS, seed=SEED)


def _items(records: list[AttemptRecord], question_id: str) -> list:
    return [item for record in records for item in record.items if item.question_id == question_id]


# --- every type, graded as the grader does ----------------------------------------------------


def test_every_type_is_simulated_and_each_stored_score_is_the_graders(simulated_class):
    # The fixture holds one question of every type: each must appear in the records.
    assert {item.type for item in simulated_class[0].items} == set(QUESTION_MODELS)
    for record in simulated_class:
        for item in record.items:
            # The variant seed is the exam's, recomputed here from the quiz seed and ids.
            assert item.variant_seed == item_seed(SEED, record.student_id, item.question_id)
            # Re-making the variant from the stored seed and re-grading the stored response
            # gives the stored score: the record says everything needed to check it.
            regraded = grade(concrete(BY_ID[item.question_id], item.variant_seed), item.response)
            assert regraded.valid, (item, regraded.feedback)
            assert regraded.score == item.score
        assert record.score == pytest.approx(sum(item.score for item in record.items))


def test_a_template_gets_each_students_own_variant(simulated_class):
    template = BY_ID["at-numeric-template"]
    assert template.is_template  # the fixture's parametrized question
    items = _items(simulated_class, template.id)
    variants = {item.variant_seed: concrete(template, item.variant_seed) for item in items}
    assert len({made.answer.expected for made in variants.values()}) > 10  # numbers differ
    # A right answer is right for its own variant: graded against the variant of a student
    # whose expected value is far off (more than the 2 % tolerance), it scores 0.
    right = next(item for item in items if item.score == 1.0)
    own = variants[right.variant_seed].answer.expected
    other = next(
        made for made in variants.values() if abs(made.answer.expected - own) > 0.1 * abs(own)
    )
    assert grade(other, right.response).score == 0.0


def test_the_same_seed_gives_the_same_records(simulated_class):
    again = simulate_results(ALL_TYPES, STUDENTS, seed=SEED)
    assert again == simulated_class  # attempt ids and times included
    assert simulate_results(ALL_TYPES, STUDENTS, seed=SEED + 1) != simulated_class
    ids = [record.attempt_id for record in simulated_class]
    assert len(set(ids)) == STUDENTS
    assert all(uuid.UUID(hex=attempt_id).version == 4 for attempt_id in ids)


def test_simulated_records_round_trip_through_a_file(tmp_path):
    path = tmp_path / "sim.jsonl"
    records = simulate_results(ALL_TYPES, 5, seed=11)
    for attempt in records:
        append_attempt(path, attempt)
    # Label answers keyed by number, case answers nested: all survive JSON unchanged.
    assert read_results(path).records == records


# --- what the analysis sees -------------------------------------------------------------------


def test_the_analysis_sees_spread_facility_and_positive_discrimination(simulated_class):
    analysis = analyse(simulated_class, questions=ALL_TYPES)
    assert [item.question_id for item in analysis.items] == list(BY_ID)
    facilities = [item.facility_percent for item in analysis.items]
    # Difficulties spread over [-1.5, 1.5] logits: from about 80 % right to about 20 %.
    assert max(facilities) - min(facilities) > 30
    # Every answer comes from one ability, so every item correlates with the rest of the test.
    assert all(item.discrimination_index > 0 for item in analysis.items)


@pytest.mark.parametrize("question_id", ["at-matching", "at-ordering", "at-label", "at-case"])
def test_partial_knowledge_earns_partial_credit(simulated_class, question_id):
    scores = Counter(item.score for item in _items(simulated_class, question_id))
    partial = sum(count for score, count in scores.items() if 0.0 < score < 1.0)
    assert partial >= 10, scores


# --- how each new type is answered --------------------------------------------------------------


def test_a_matching_slip_picks_a_wrong_choice_distractors_included(simulated_class):
    question = BY_ID["at-matching"]
    wrong = Counter()
    for item in _items(simulated_class, question.id):
        assert list(item.response) == question.prompt_ids
        right = [p for p in question.prompt_ids if item.response[p] == question.answer[p]]
        assert item.score == len(right) / len(question.prompt_ids)  # share of prompts right
        wrong.update(item.response[p] for p in question.prompt_ids if p not in right)
    assert "beam" in wrong  # the choice no prompt takes (a pure distractor) draws some


def _inversions(given: list[str], correct: list[str]) -> int:
    """Pairs of items placed in the wrong relative order (brute force over every pair)."""
    place = {item_id: position for position, item_id in enumerate(given)}
    return sum(place[first] > place[second] for first, second in combinations(correct, 2))


def test_a_wrong_order_is_mostly_the_right_one_with_adjacent_swaps(simulated_class):
    question = BY_ID["at-ordering"]
    correct = [item.id for item in question.items]  # the bank lists them in order
    wrong = [item for item in _items(simulated_class, question.id) if item.score < 1.0]
    assert all(sorted(item.response) == sorted(correct) for item in wrong)  # each id once
    inversions = Counter(_inversions(item.response, correct) for item in wrong)
    assert 0 not in inversions
    # One adjacent swap inverts one pair, two different ones two; a scrambled order usually more.
    assert inversions[1] + inversions[2] >= 0.75 * len(wrong)
    # Both kinds are common; a scrambled order (10 % of slips) inverts exactly two pairs in only
    # 5 of its 23 orders, so two-pair slips come from the swaps.
    assert inversions[1] >= 0.2 * len(wrong) and inversions[2] >= 0.2 * len(wrong)
    assert sum(count for pairs, count in inversions.items() if pairs > 2) > 0  # scrambled
    # One swap of four items leaves three in order: LCS 3 of 4.
    assert {item.score for item in wrong if _inversions(item.response, correct) == 1} == {0.75}


def test_a_label_slip_is_another_offered_name(simulated_class):
    question = BY_ID["at-label"]
    expected = {str(number): name for number, name in question.answer.items()}
    offered = set(expected.values()) | set(question.distractors)  # what the dropdown lists
    chosen = Counter()
    for item in _items(simulated_class, question.id):
        assert set(item.response) == set(expected)
        assert set(item.response.values()) <= offered
        right = sum(item.response[number] == name for number, name in expected.items())
        assert item.score == right / len(expected)
        chosen.update(item.response.values())
    assert chosen["Splenic artery"] > 0  # the bank's distractor is picked by some


def test_the_parts_of_a_case_go_together(simulated_class):
    case = BY_ID["at-case"]
    responses = [item.response for item in _items(simulated_class, case.id)]
    assert all(list(response) == case.part_ids for response in responses)
    # Right answers read from the bank: part 'supply' is option a, part 'portal' is true.
    knew_supply = [r["portal"] is True for r in responses if r["supply"] == "a"]
    missed_supply = [r["portal"] is True for r in responses if r["supply"] != "a"]
    # One ability answers both parts: who got the first right gets the third right more often.
    assert sum(knew_supply) / len(knew_supply) > sum(missed_supply) / len(missed_supply) + 0.1


# --- the older types -----------------------------------------------------------------------------

CHOICES = [
    parse_question(data)
    for data in (
        {
            "id": "sim-single",
            "type": "single",
            "stem": "Pick b.",
            "source": "test",
            "answer": "b",
            "options": [{"id": key, "text": key.upper()} for key in "abcd"],
        },
        {
            "id": "sim-number",
            "type": "numeric",
            "stem": "How many?",
            "source": "test",
            "answer": {"value": 42.0, "abs_tol": 0.5},
        },
    )
]


def test_wrong_answers_favour_one_distractor():
    records = simulate_results(CHOICES, 400, seed=3)
    wrong = [r.items[0].response for r in records if r.items[0].response != "b"]  # answer b
    counts = sorted(wrong.count(option) for option in "acd")
    # Plausibility weights 1, 1/2, 1/4: the favourite draws about 4 times the rarest.
    assert counts[2] > 2 * counts[0]
    numbers = {r.items[1].response for r in records}
    assert {42.0, 420.0, 4.2} <= numbers  # the right answer and the factor-of-ten slips


# --- bad input and the old import path ------------------------------------------------------------


def test_bad_input_is_a_clear_error():
    essay = types.SimpleNamespace(id="e-1", type="essay")
    with pytest.raises(ValueError, match="'e-1' of type 'essay'; .* supports single, multiple"):
        simulate_results([CHOICES[0], essay], 5, seed=1)
    with pytest.raises(ValueError, match="repeated: sim-single"):
        simulate_results([CHOICES[0], CHOICES[0]], 5, seed=1)
    with pytest.raises(ValueError, match="n_students"):
        simulate_results(CHOICES, 0, seed=1)
    with pytest.raises(ValueError, match="seed must be a whole number"):
        simulate_results(CHOICES, 5, seed="five")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="at least one question"):
        simulate_results([], 5, seed=1)
