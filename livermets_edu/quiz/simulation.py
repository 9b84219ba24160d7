"""Made-up but realistic exam results for a quiz, to try item analysis before a real class sits it.

A simple Rasch-like model: each student has an ability θ ~ N(0, 1), each item a difficulty b
spread evenly over [-1.5, 1.5] in a random order, and a student knows an item with probability
1 / (1 + exp(b - θ)). Responses are what a learner would give, and each is graded with
:func:`livermets_edu.quiz.grading.grade`, so the scores are the grader's:

- single: the answer, else a wrong option drawn with weights that favour one plausible
  distractor (halving weights, as real item analyses show); multiple: each right option ticked
  with the item's probability, each wrong one with the rest of it times its weight;
  true_false: the truth value or its opposite; numeric: the answer, or a slip (a factor of ten
  either way, or just outside the tolerance); short_answer: the first right answer as read, or
  a listed wrong one ("not sure" when the bank lists none);
- matching: each prompt known with the item's probability, else matched to a wrong choice
  (distractors included), so partial knowledge earns partial credit;
- ordering: the right order, else the right order with one adjacent swap (two for a weaker
  student), so the longest-common-subsequence credit shows, and now and then a scrambled order;
- label_diagram: each asked number named right with the item's probability, else given a
  wrong name from the names offered;
- case: every part answered by its own type's rule with the case's probability, so the parts
  of a case go together as one student's knowledge does; the response is {part_id: response}.

A parametrized question (or a case with such parts) is made concrete per student with the
seed ``exam.item_seed(seed, student_id, question_id)``, which every item records as its
``variant_seed``, as a quiz session does. The same seed gives the same records, attempt ids
and times included.
"""

from __future__ import annotations

import math
import random
import uuid
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from typing import Any

from .exam import item_seed, scrambled
from .grading import grade, normalise_response
from .render import markdown_to_plain_text
from .results import AttemptRecord, ItemResult
from .schema import (
    QUESTION_MODELS,
    Case,
    LabelTheDiagram,
    Matching,
    MultipleResponse,
    Numeric,
    Ordering,
    Question,
    ShortAnswer,
    SingleBestAnswer,
    TrueFalse,
)
from .variants import concrete

__all__ = ["NO_IDEA", "SIMULATED_TYPES", "simulate_results"]

SIMULATED_TYPES = tuple(QUESTION_MODELS)
# Typed by a learner who has no idea, when the bank lists no common wrong answer.
NO_IDEA = "not sure"
# How often a learner who does not know an order gives up on it and places the items anyhow.
SCRAMBLED_ORDER_SHARE = 0.1
_SIMULATION_START = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)


@dataclass(frozen=True)
class _Attraction:
    """How strongly each candidate answer of a question draws a learner who does not know it.

    ``weights`` go with the question's candidates in bank order (options, choices, offered
    names, listed wrong answers); a case holds one attraction per part instead.
    """

    weights: list[float]
    parts: Mapping[str, _Attraction] = field(default_factory=dict)


def _success_probability(ability: float, difficulty: float) -> float:
    return 1.0 / (1.0 + math.exp(difficulty - ability))


def _plausibility(rng: random.Random, count: int) -> list[float]:
    # Halving weights in a random order: one distractor draws most wrong answers, as in
    # real item analyses, and the rest fewer and fewer.
    weights = [0.5**rank for rank in range(count)]
    rng.shuffle(weights)
    return weights


def _candidate_count(question: Question) -> int:
    """How many answers a guess may fall on: options, choices, offered names, listed mistakes."""
    if isinstance(question, ShortAnswer):
        return sum(not answer.correct for answer in question.answers)
    if isinstance(question, Matching):
        return len(question.choices)
    if isinstance(question, LabelTheDiagram):
        return len(question.name_choices)
    return len(getattr(question, "options", []))


def _attraction(rng: random.Random, question: Question) -> _Attraction:
    if isinstance(question, Case):
        return _Attraction([], {part.id: _attraction(rng, part) for part in question.parts})
    return _Attraction(_plausibility(rng, _candidate_count(question)))


def _wrong_pick(
    rng: random.Random, candidates: Sequence[Any], right: Any, weights: list[float]
) -> Any:
    """A candidate other than the right one, drawn with its attraction weight."""
    pairs = [(c, w) for c, w in zip(candidates, weights, strict=True) if c != right]
    if not pairs:  # nothing else is offered: even a guess lands on the right answer
        return right
    return rng.choices([c for c, _ in pairs], weights=[w for _, w in pairs])[0]


def _wrong_number(rng: random.Random, question: Numeric) -> float:
    # The slips learners make: a factor of ten either way, or just outside the tolerance.
    expected = question.answer.expected
    low, high = question.answer.accepted_interval
    width = max(high - low, abs(expected) * 0.05, 1e-6)
    slips = [expected * 10, expected / 10, high + width, low - width]
    return float(f"{rng.choices(slips, weights=[2, 2, 1, 1])[0]:.6g}")


def _matching_response(
    rng: random.Random, question: Matching, chance: float, weights: list[float]
) -> dict[str, str]:
    response = {}
    for prompt_id in question.prompt_ids:
        right = question.answer[prompt_id]
        known = rng.random() < chance
        response[prompt_id] = (
            right if known else _wrong_pick(rng, question.choice_ids, right, weights)
        )
    return response


def _ordering_response(rng: random.Random, question: Ordering, chance: float) -> list[str]:
    order = question.answer
    if rng.random() < chance:
        return order
    if rng.random() < SCRAMBLED_ORDER_SHARE:
        return scrambled(order, rng.getrandbits(53))
    # One adjacent pair swapped, or two for a weaker student. Two different adjacent swaps
    # never undo each other, so the order is always wrong and LCS gives n-1 or n-2 of n.
    swaps = 2 if rng.random() > chance else 1
    given = list(order)
    for position in rng.sample(range(len(order) - 1), min(swaps, len(order) - 1)):
        given[position], given[position + 1] = given[position + 1], given[position]
    return given


def _label_response(
    rng: random.Random, question: LabelTheDiagram, chance: float, weights: list[float]
) -> dict[str, str]:
    names = question.name_choices
    # Keys as text: a results file is JSON, whose keys are text; the grader reads '3' as 3.
    return {
        str(number): right if rng.random() < chance else _wrong_pick(rng, names, right, weights)
        for number, right in question.answer.items()
    }


def _simulated_response(
    rng: random.Random, question: Question, chance: float, attraction: _Attraction
) -> Any:
    if isinstance(question, Matching):
        return _matching_response(rng, question, chance, attraction.weights)
    if isinstance(question, Ordering):
        return _ordering_response(rng, question, chance)
    if isinstance(question, LabelTheDiagram):
        return _label_response(rng, question, chance, attraction.weights)
    if isinstance(question, Case):
        # One ability, one probability for every part: a student who knows the patient's
        # story tends to get its parts right together.
        return {
            part.id: _simulated_response(rng, part, chance, attraction.parts[part.id])
            for part in question.parts
        }
    weights = attraction.weights
    knows = rng.random() < chance
    if isinstance(question, SingleBestAnswer):
        if knows:
            return question.answer
        wrong = [option for option in question.option_ids if option != question.answer]
        return rng.choices(wrong, weights=weights[: len(wrong)])[0]
    if isinstance(question, MultipleResponse):
        wrong = [option for option in question.option_ids if option not in question.answer]
        chosen = [option for option in question.answer if rng.random() < chance]
        chosen += [
            option
            for option, weight in zip(wrong, weights, strict=False)
            if rng.random() < (1.0 - chance) * weight
        ]
        if not chosen:  # an empty choice is not an attempt; a learner picks something
            chosen = [question.answer[0] if knows or not wrong else wrong[0]]
        return sorted(chosen, key=question.option_ids.index)
    if isinstance(question, TrueFalse):
        return question.answer if knows else not question.answer
    if isinstance(question, Numeric):
        if knows:
            return float(f"{question.answer.expected:.6g}")
        return _wrong_number(rng, question)
    if isinstance(question, ShortAnswer):
        # What a learner types is the answer as read, not its Markdown.
        if knows:
            return markdown_to_plain_text(question.correct_answers[0].text)
        wrong = [answer for answer in question.answers if not answer.correct]
        if not wrong:
            return NO_IDEA
        return markdown_to_plain_text(rng.choices(wrong, weights=weights[: len(wrong)])[0].text)
    raise AssertionError("unsupported types are refused before simulating")


def _checked_questions(
    quiz_questions: Iterable[Question], n_students: int, seed: int
) -> list[Question]:
    questions = list(quiz_questions)
    if not questions:
        raise ValueError("give at least one question to simulate results for")
    if isinstance(n_students, bool) or not isinstance(n_students, int) or n_students < 1:
        raise ValueError(f"n_students must be a whole number of at least 1, not {n_students!r}")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise ValueError(f"seed must be a whole number, not {seed!r}")
    for question in questions:
        kind = getattr(question, "type", type(question).__name__)
        if kind not in SIMULATED_TYPES or not isinstance(question, QUESTION_MODELS[kind]):
            raise ValueError(
                f"cannot simulate responses to question {getattr(question, 'id', '?')!r} of type "
                f"{kind!r}; simulate_results supports {', '.join(SIMULATED_TYPES)}"
            )
    repeated = sorted(qid for qid, n in Counter(q.id for q in questions).items() if n > 1)
    if repeated:
        raise ValueError(f"each question may appear once; repeated: {', '.join(repeated)}")
    return questions


def _item_result(
    rng: random.Random,
    template: Question,
    variant_seed: int,
    chance: float,
    attraction: _Attraction,
) -> ItemResult:
    question = concrete(template, variant_seed)
    # Stored exactly as graded (text keys, lists), so re-grading the file gives the same score.
    response = normalise_response(_simulated_response(rng, question, chance, attraction))
    result = grade(question, response)
    if not result.valid:  # a bug in the simulator, not a learner's mistake
        raise RuntimeError(
            f"simulated response {response!r} to {question.id} is invalid: {result.feedback}"
        )
    return ItemResult(
        question_id=question.id,
        type=question.type,  # type: ignore[attr-defined]
        variant_seed=variant_seed,
        response=response,
        score=result.score,
        max_score=1.0,
    )


def simulate_results(
    quiz_questions: Iterable[Question],
    n_students: int,
    seed: int,
    *,
    quiz_id: str = "simulated-quiz",
) -> list[AttemptRecord]:
    """Made-up but realistic results for a quiz: one graded exam attempt per student.

    Every question type can be simulated (see the module's notes for how each is answered);
    parametrized questions get each student's own variant. The same seed gives the same
    records.
    """
    questions = _checked_questions(quiz_questions, n_students, seed)
    rng = random.Random(seed)
    count = len(questions)
    difficulties = [-1.5 + 3.0 * index / max(count - 1, 1) for index in range(count)]
    rng.shuffle(difficulties)
    attractions = [_attraction(rng, question) for question in questions]
    records = []
    for number in range(1, n_students + 1):
        student_id = f"sim-{number:03d}"
        ability = rng.gauss(0.0, 1.0)
        items = [
            _item_result(
                rng,
                question,
                item_seed(seed, student_id, question.id),
                _success_probability(ability, difficulty),
                attraction,
            )
            for question, difficulty, attraction in zip(
                questions, difficulties, attractions, strict=True
            )
        ]
        started = _SIMULATION_START + timedelta(minutes=3 * number + rng.randint(0, 2))
        submitted = started + timedelta(minutes=rng.randint(8, 30), seconds=rng.randint(0, 59))
        records.append(
            AttemptRecord(
                # A uuid4 hex drawn from the seeded generator, so the same seed gives the same
                # ids (results.new_attempt_id draws from the system and differs on every run).
                attempt_id=uuid.UUID(int=rng.getrandbits(128), version=4).hex,
                student_id=student_id,
                quiz_id=quiz_id,
                mode="exam",
                seed=seed,
                started_at=started,
                submitted_at=submitted,
                items=items,
                score=math.fsum(item.mark for item in items),
                max_score=float(len(items)),
            )
        )
    return records
