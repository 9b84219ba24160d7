"""Properties every grader keeps, for every question type, on questions hypothesis makes up.

- the score is always in [0, 1], whatever the response (and grading never raises);
- the correct answer always scores 1, in every partial-credit mode;
- the order of the options, prompts or choices shown, and the order a response lists them in,
  never change the score;
- an ordering response put back into the correct order scores 1;
- a case scores the mean of its parts' scores;
- a short answer's score never depends on capitals (unless an answer sets match_case) or on
  spaces before, after or between its words;
- odd numbers (huge ints, Decimals, Fractions) and nested junk never make grading raise, in
  ``grade``, ``grade_partial`` or after ``normalise_response``;
- a partial answer (some prompts, numbers or parts left out) scores what the same answer
  would with every left-out entry wrong.

The correct answers are built here from the question data hypothesis drew, not from the grader.
Runs are derandomized (the same examples every time) and keep no example database.
"""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from livermets_edu.quiz.grading import (
    PARTIAL_CREDIT_MODES,
    grade,
    grade_partial,
    normalise_response,
)
from livermets_edu.quiz.label_diagrams import LABEL_DIAGRAMS
from livermets_edu.quiz.schema import QUESTION_TYPES, parse_question

FAST = settings(
    derandomize=True,
    database=None,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
MODES = st.sampled_from(PARTIAL_CREDIT_MODES)
BASE = {"stem": "Question?", "source": "test"}


def ids(prefix: str, count: int) -> list[str]:
    return [f"{prefix}{index}" for index in range(count)]


def entries(prefix: str, count: int) -> list[dict[str, str]]:
    return [{"id": entry_id, "text": f"Text {entry_id}"} for entry_id in ids(prefix, count)]


@st.composite
def single(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    count = draw(st.integers(2, 6))
    answer = draw(st.sampled_from(ids("o", count)))
    options = entries("o", count)
    return {**BASE, "id": question_id, "type": "single", "options": options, "answer": answer}


@st.composite
def multiple(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    count = draw(st.integers(2, 6))
    answer = draw(st.lists(st.sampled_from(ids("o", count)), min_size=1, unique=True))
    options = entries("o", count)
    return {**BASE, "id": question_id, "type": "multiple", "options": options, "answer": answer}


@st.composite
def true_false(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    return {**BASE, "id": question_id, "type": "true_false", "answer": draw(st.booleans())}


@st.composite
def numeric(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    value = draw(st.floats(-1e6, 1e6, allow_nan=False, allow_infinity=False))
    tolerance = draw(st.sampled_from([{}, {"abs_tol": 0.5}, {"rel_tol": 0.1}]))
    answer = {"value": value, "unit": "mL", **tolerance}
    return {**BASE, "id": question_id, "type": "numeric", "answer": answer}


@st.composite
def matching(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    prompts = draw(st.integers(2, 5))
    choices = prompts + draw(st.integers(0, 2))
    answer = {p: draw(st.sampled_from(ids("c", choices))) for p in ids("p", prompts)}
    return {
        **BASE,
        "id": question_id,
        "type": "matching",
        "prompts": entries("p", prompts),
        "choices": entries("c", choices),
        "answer": answer,
    }


@st.composite
def ordering(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    items = entries("i", draw(st.integers(3, 7)))
    return {**BASE, "id": question_id, "type": "ordering", "items": items}


@st.composite
def label_diagram(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    name = draw(st.sampled_from(sorted(LABEL_DIAGRAMS)))
    regions = LABEL_DIAGRAMS[name].askable_regions  # descriptions may not be asked
    ask = draw(st.none() | st.lists(st.sampled_from(regions), min_size=1, max_size=5, unique=True))
    data = {**BASE, "id": question_id, "type": "label_diagram", "diagram": name}
    return data if ask is None else {**data, "ask": ask, "distractors": ["Not a region name"]}


# Words of letters whose capitals case-fold back to them (ß's capital is SS, which folds to ss).
WORDS = st.text(alphabet="abcdeéßABCDÉ ", min_size=1, max_size=12).filter(str.strip)


@st.composite
def short_answer(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    count = draw(st.integers(1, 4))
    answers = [
        {
            "text": draw(WORDS),
            # The first answer is right, so nothing listed before it can take its text.
            "correct": index == 0 or draw(st.booleans()),
            "match_case": draw(st.booleans()),
            "fuzzy": draw(st.sampled_from([1.0, 0.9, 0.75, 0.5])),
        }
        for index in range(count)
    ]
    return {**BASE, "id": question_id, "type": "short_answer", "answers": answers}


PART_STRATEGIES = [
    single,
    multiple,
    true_false,
    numeric,
    matching,
    ordering,
    label_diagram,
    short_answer,
]


@st.composite
def case(draw: st.DrawFn, question_id: str = "q") -> dict[str, Any]:
    count = draw(st.integers(2, 4))
    kinds = [draw(st.sampled_from(PART_STRATEGIES)) for _ in range(count)]
    parts = [draw(kind(f"part{index}")) for index, kind in enumerate(kinds)]
    for part in parts:
        del part["source"]  # inherited from the case
    return {**BASE, "id": question_id, "type": "case", "parts": parts}


STRATEGIES = {
    "single": single,
    "multiple": multiple,
    "true_false": true_false,
    "numeric": numeric,
    "matching": matching,
    "ordering": ordering,
    "label_diagram": label_diagram,
    "short_answer": short_answer,
    "case": case,
}
QUESTIONS = st.sampled_from(list(STRATEGIES.values())).flatmap(lambda strategy: strategy())


def test_every_type_has_a_strategy() -> None:
    assert set(STRATEGIES) == set(QUESTION_TYPES)


def correct_response(data: dict[str, Any]) -> Any:
    """The right response, from the question data as drawn (not from the grader)."""
    kind = data["type"]
    if kind in ("single", "multiple", "true_false", "matching"):
        return data["answer"]
    if kind == "numeric":
        return data["answer"]["value"]
    if kind == "ordering":
        return [item["id"] for item in data["items"]]
    if kind == "label_diagram":
        drawing = LABEL_DIAGRAMS[data["diagram"]]
        asked = data.get("ask", drawing.askable_regions)
        return {
            number: drawing.display_names[region]
            for number, region in drawing.numbering.items()
            if region in asked
        }
    if kind == "short_answer":
        return data["answers"][0]["text"]
    return {part["id"]: correct_response(part) for part in data["parts"]}


@st.composite
def any_response(draw: st.DrawFn, data: dict[str, Any]) -> Any:
    """A response of the right shape (ids and names from the question), right or wrong."""
    kind = data["type"]
    if kind == "single":
        return draw(st.sampled_from([option["id"] for option in data["options"]]))
    if kind == "multiple":
        option_ids = [option["id"] for option in data["options"]]
        return draw(st.lists(st.sampled_from(option_ids), min_size=1, unique=True))
    if kind == "true_false":
        return draw(st.booleans())
    if kind == "numeric":
        return draw(st.floats(-1e6, 1e6, allow_nan=False))
    if kind == "matching":
        choice_ids = [choice["id"] for choice in data["choices"]]
        return {prompt["id"]: draw(st.sampled_from(choice_ids)) for prompt in data["prompts"]}
    if kind == "ordering":
        return draw(st.permutations([item["id"] for item in data["items"]]))
    if kind == "label_diagram":
        right = correct_response(data)
        names = [*right.values(), "Not a region name"]
        return {number: draw(st.sampled_from(names)) for number in right}
    if kind == "short_answer":
        return draw(st.sampled_from([answer["text"] for answer in data["answers"]]) | WORDS)
    return {part["id"]: draw(any_response(part)) for part in data["parts"]}


JUNK = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=5),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=8,
)


@FAST
@given(data=QUESTIONS, junk=JUNK, mode=MODES)
def test_any_response_scores_between_zero_and_one_and_never_raises(
    data: dict[str, Any], junk: Any, mode: str
) -> None:
    result = grade(parse_question(data), junk, partial_credit=mode)  # type: ignore[arg-type]
    assert 0.0 <= result.score <= 1.0
    assert result.valid or result.score == 0.0


@FAST
@given(data=QUESTIONS.flatmap(lambda d: st.tuples(st.just(d), any_response(d))), mode=MODES)
def test_well_formed_responses_are_valid_and_score_between_zero_and_one(
    data: tuple[dict[str, Any], Any], mode: str
) -> None:
    question_data, response = data
    result = grade(parse_question(question_data), response, partial_credit=mode)  # type: ignore[arg-type]
    assert result.valid, result.feedback
    assert 0.0 <= result.score <= 1.0
    assert result.correct == (result.score >= 1.0)


@FAST
@given(data=QUESTIONS, mode=MODES)
def test_the_correct_answer_always_scores_one(data: dict[str, Any], mode: str) -> None:
    result = grade(parse_question(data), correct_response(data), partial_credit=mode)  # type: ignore[arg-type]
    assert (result.score, result.correct, result.valid) == (1.0, True, True), result.feedback


def shuffled(data: dict[str, Any], random: Any) -> dict[str, Any]:
    """The same question with its options, prompts and choices (and case parts') reordered."""
    copy = dict(data)
    for field in ("options", "prompts", "choices"):
        if field in copy:
            copy[field] = random.sample(copy[field], len(copy[field]))
    if "parts" in copy:
        copy["parts"] = [shuffled(part, random) for part in copy["parts"]]
    return copy


def reordered(data: dict[str, Any], response: Any, random: Any) -> Any:
    """The same response listing its entries in another order (an ordering's list is kept)."""
    if data["type"] == "multiple":
        return random.sample(response, len(response))
    if data["type"] in ("matching", "label_diagram"):
        keys = random.sample(list(response), len(response))
        return {key: response[key] for key in keys}
    if data["type"] == "case":
        parts = random.sample(data["parts"], len(data["parts"]))
        return {part["id"]: reordered(part, response[part["id"]], random) for part in parts}
    return response


@FAST
@given(
    data=QUESTIONS.flatmap(lambda d: st.tuples(st.just(d), any_response(d))),
    mode=MODES,
    random=st.randoms(use_true_random=False),
)
def test_display_order_and_response_order_never_change_the_score(
    data: tuple[dict[str, Any], Any], mode: str, random: Any
) -> None:
    question_data, response = data
    before = grade(parse_question(question_data), response, partial_credit=mode)  # type: ignore[arg-type]
    again = reordered(question_data, response, random)
    after = grade(parse_question(shuffled(question_data, random)), again, partial_credit=mode)  # type: ignore[arg-type]
    assert after.score == pytest.approx(before.score)


@FAST
@given(data=ordering().flatmap(lambda d: st.tuples(st.just(d), any_response(d))), mode=MODES)
def test_an_ordering_response_put_into_the_correct_order_scores_one(
    data: tuple[dict[str, Any], Any], mode: str
) -> None:
    question_data, response = data
    rank = {item["id"]: index for index, item in enumerate(question_data["items"])}
    fixed = sorted(response, key=rank.__getitem__)
    assert grade(parse_question(question_data), fixed, partial_credit=mode).score == 1.0  # type: ignore[arg-type]


@FAST
@given(data=case().flatmap(lambda d: st.tuples(st.just(d), any_response(d))), mode=MODES)
def test_a_case_scores_the_mean_of_its_parts(data: tuple[dict[str, Any], Any], mode: str) -> None:
    question_data, response = data
    question = parse_question(question_data)
    part_scores = [
        grade(part, response[part.id], partial_credit=mode).score  # type: ignore[arg-type, attr-defined]
        for part in question.parts  # type: ignore[attr-defined]
    ]
    result = grade(question, response, partial_credit=mode)  # type: ignore[arg-type]
    assert result.score == pytest.approx(sum(part_scores) / len(part_scores))


# --- short answers: capitals and spaces ----------------------------------------------------
@st.composite
def spaced_out(draw: st.DrawFn, text: str) -> str:
    """The same words with other whitespace before, after and between them."""
    gaps = st.text(alphabet=" \t\n\u00a0\u2003", min_size=1, max_size=3)
    return draw(gaps) + draw(gaps).join(text.split()) + draw(gaps)


@FAST
@given(
    data=short_answer().flatmap(lambda d: st.tuples(st.just(d), any_response(d))),
    case_change=st.sampled_from([str.upper, str.lower, str.swapcase, str.title]),
)
def test_capitals_never_matter_unless_an_answer_says_so(
    data: tuple[dict[str, Any], Any], case_change: Any
) -> None:
    question_data, response = data
    ignoring_case = {
        **question_data,
        "answers": [{**answer, "match_case": False} for answer in question_data["answers"]],
    }
    question = parse_question(ignoring_case)
    assert grade(question, case_change(response)).score == grade(question, response).score


@FAST
@given(
    data=short_answer().flatmap(lambda d: st.tuples(st.just(d), any_response(d))), gaps=st.data()
)
def test_spaces_around_and_between_words_never_matter(
    data: tuple[dict[str, Any], Any], gaps: st.DataObject
) -> None:
    question_data, response = data
    question = parse_question(question_data)
    respaced = gaps.draw(spaced_out(response))
    assert grade(question, respaced).score == grade(question, response).score


# --- odd responses ------------------------------------------------------------------------------
ODD_NUMBERS = (
    st.integers(min_value=10**300, max_value=10**5000).flatmap(
        lambda big: st.sampled_from([big, -big])
    )
    | st.decimals(allow_nan=True, allow_infinity=True)
    | st.sampled_from([Decimal("sNaN"), Decimal("1e400"), Decimal("-1e99999"), Decimal("NaN")])
    | st.fractions()
    | st.builds(Fraction, st.integers(10**310, 10**400), st.integers(1, 3))
    | st.floats()
    | st.complex_numbers()
)
ODD_LEAVES = ODD_NUMBERS | st.none() | st.booleans() | st.text(max_size=5) | st.binary(max_size=3)
NESTED_JUNK = st.recursive(
    ODD_LEAVES,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.lists(inner, max_size=4).map(tuple)
        | st.frozensets(st.text(max_size=2) | st.integers(), max_size=3)
        | st.dictionaries(st.text(max_size=3) | st.integers(), inner, max_size=3)
    ),
    max_leaves=10,
)


def assert_a_sound_grade(result: Any) -> None:
    assert 0.0 <= result.score <= 1.0
    assert result.valid or result.score == 0.0
    assert isinstance(result.feedback, str) and result.feedback


@FAST
@given(data=QUESTIONS, junk=NESTED_JUNK, mode=MODES)
def test_odd_numbers_and_nested_junk_never_make_grading_raise(
    data: dict[str, Any], junk: Any, mode: str
) -> None:
    question = parse_question(data)
    for grader in (grade, grade_partial):
        assert_a_sound_grade(grader(question, junk, partial_credit=mode))  # type: ignore[arg-type]
    try:
        plain = normalise_response(junk)
    except ValueError:
        return  # refused with a message, which a session shows as an ungradable answer
    assert_a_sound_grade(grade(question, plain, partial_credit=mode))  # type: ignore[arg-type]


@FAST
@given(number=ODD_NUMBERS, mode=MODES)
def test_an_odd_number_to_a_numeric_question_is_graded_or_refused(number: Any, mode: str) -> None:
    data = {**BASE, "id": "q", "type": "numeric", "answer": {"value": 5.0, "abs_tol": 0.5}}
    result = grade(parse_question(data), number, partial_credit=mode)  # type: ignore[arg-type]
    assert_a_sound_grade(result)
    # Independently: a real number whose float is finite is graded, and scores 1 only near 5.
    try:
        as_float = float(number)
    except (OverflowError, ValueError, TypeError):
        as_float = math.nan
    if math.isfinite(as_float):
        assert result.valid and result.correct == (abs(as_float - 5.0) <= 0.5 + 1e-11)
    else:
        assert not result.valid


def left_out(data: dict[str, Any], response: Any, keep: list[bool]) -> tuple[Any, Any]:
    """(the response with some entries left out, the same with those entries made wrong)."""
    keys = list(response)
    kept = {key: response[key] for key, stay in zip(keys, keep, strict=False) if stay}
    if not kept:
        kept = {keys[0]: response[keys[0]]}  # a partial answer keeps at least one entry
    if data["type"] == "case":
        return kept, kept  # an unanswered part already scores 0 in a case
    # A value the answer never uses: the extra choice added below, or a distractor name.
    filler = "c-none" if data["type"] == "matching" else "Not a region name"
    return kept, {key: kept.get(key, filler) for key in keys}


@FAST
@given(
    data=st.sampled_from([matching, label_diagram])
    .flatmap(lambda strategy: strategy())
    .flatmap(lambda d: st.tuples(st.just(d), any_response(d))),
    keep=st.lists(st.booleans(), min_size=12, max_size=12),
    mode=MODES,
)
def test_a_partial_answer_scores_as_if_what_is_left_out_were_wrong(
    data: tuple[dict[str, Any], Any], keep: list[bool], mode: str
) -> None:
    question_data, response = data
    if question_data["type"] == "matching":
        # A distractor no prompt's answer uses, so it can stand for "wrong".
        extra = {"id": "c-none", "text": "None of these"}
        question_data = {**question_data, "choices": [*question_data["choices"], extra]}
    else:
        question_data = {**question_data, "distractors": ["Not a region name"]}
    question = parse_question(question_data)
    partial, completed = left_out(question_data, response, keep)
    expected = grade(question, completed, partial_credit=mode)  # type: ignore[arg-type]
    result = grade_partial(question, partial, partial_credit=mode)  # type: ignore[arg-type]
    assert result.valid, result.feedback
    assert result.score == pytest.approx(expected.score)
    if len(partial) < len(response):
        assert not grade(question, partial, partial_credit=mode).valid  # type: ignore[arg-type]
