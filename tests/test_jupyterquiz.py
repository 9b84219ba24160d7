"""jupyterquiz JSON: export validates against strict schemas; import reads upstream's examples."""

from __future__ import annotations

import base64
import json
import math
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from livermets_edu.quiz.export.common import ExportQuiz, UnsupportedQuestion
from livermets_edu.quiz.export.jupyterquiz import to_jupyterquiz, write_jupyterquiz
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.jupyterquiz_import import (
    JupyterquizImportError,
    html_to_markdown,
    import_jupyterquiz,
    literal_markdown,
    write_bank_yaml,
)
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.render import markdown_to_plain_text, markdown_to_safe_html
from livermets_edu.quiz.schema import Question, parse_question

TESTS = Path(__file__).parent
FIXTURES = TESTS / "data" / "jupyterquiz"
SCHEMAS = TESTS / "schemas" / "jupyterquiz"
BANK_INFO = {"bank_id": "jq-test", "title": "Imported", "lesson": "Test lesson", "source": "jq"}


def schema(name: str) -> dict[str, Any]:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


STRICT = {
    "multiple_choice": schema("mc_strict.json"),
    "many_choice": schema("mc_strict.json"),
    "numeric": schema("num_strict.json"),
    "string": schema("string_strict.json"),
}
UPSTREAM = {
    "multiple_choice": schema("upstream/mc_schema.json"),
    "many_choice": schema("upstream/mc_schema.json"),
    "numeric": schema("upstream/num_schema.json"),
    "string": schema("upstream/string_schema.json"),
}


def assert_valid(questions: list[dict[str, Any]]) -> None:
    for question in questions:
        jsonschema.Draft202012Validator(STRICT[question["type"]]).validate(question)


def fixture(name: str) -> list[dict[str, Any]]:
    return json.loads((FIXTURES / name).read_text(encoding="utf-8"))


def q(data: dict[str, Any]) -> Question:
    return parse_question({"source": "Test source", **data})


SINGLE = q(
    {
        "id": "s-1",
        "type": "single",
        "stem": "Most liver blood comes from? <script>alert(1)</script>",
        "options": [
            {"id": "ha", "text": "Hepatic artery", "feedback": "About a quarter."},
            {"id": "pv", "text": "Portal vein", "feedback": "About three quarters."},
        ],
        "answer": "pv",
        "explanation": "Gut blood drains to the portal vein.",
    }
)
MULTIPLE = q(
    {
        "id": "m-1",
        "type": "multiple",
        "stem": "Which are inflows?",
        "options": [
            {"id": "ha", "text": "Hepatic artery"},
            {"id": "hv", "text": "Hepatic veins", "feedback": "Outflow."},
            {"id": "pv", "text": "Portal vein"},
        ],
        "answer": ["ha", "pv"],
    }
)
TRUE_FALSE = q({"id": "t-1", "type": "true_false", "stem": "Tumours are arterial.", "answer": True})
NUMERIC = q(
    {
        "id": "n-1",
        "type": "numeric",
        "stem": "Share of inflow from the portal vein?",
        "answer": {"value": 75.0, "unit": "%", "abs_tol": 5.0},
    }
)
QUIZ = ExportQuiz.of("jq", "jq", [SINGLE, MULTIPLE, TRUE_FALSE, NUMERIC])


# --- export ---
def test_export_validates_against_the_strict_schemas() -> None:
    exported = to_jupyterquiz(QUIZ)
    assert [item["type"] for item in exported] == [
        "multiple_choice",
        "many_choice",
        "multiple_choice",
        "numeric",
    ]
    assert_valid(exported)


def test_choices_keep_their_correctness_feedback_and_explanation() -> None:
    single, multiple, true_false, _ = to_jupyterquiz(QUIZ)
    assert [(a["answer"], a["correct"]) for a in single["answers"]] == [
        ("Hepatic artery", False),
        ("Portal vein", True),
    ]
    assert "About a quarter." in single["answers"][0]["feedback"]
    right = single["answers"][1]["feedback"]
    assert "About three quarters." in right and "Gut blood drains" in right
    assert "<script" not in single["question"] and "Most liver blood" in single["question"]
    assert [a["correct"] for a in multiple["answers"]] == [True, False, True]
    assert [(a["answer"], a["correct"]) for a in true_false["answers"]] == [
        ("True", True),
        ("False", False),
    ]


def jupyterquiz_accepts(answer: dict[str, Any], number: float) -> bool:
    """jupyterquiz's own range test (js/numeric.js): low <= x < high."""
    low, high = answer["range"]
    return low <= number < high


def test_numeric_range_holds_exactly_the_accepted_interval() -> None:
    exported = to_jupyterquiz(QUIZ)[3]
    correct = exported["answers"][0]
    assert correct["correct"] is True
    low, high = 70.0, 80.0  # 75 ± 5, from the question above
    for inside in (low, 75.0, high):
        assert jupyterquiz_accepts(correct, inside)
    for outside in (math.nextafter(low, -math.inf), math.nextafter(high, math.inf)):
        assert not jupyterquiz_accepts(correct, outside)
    assert exported["answers"][1]["type"] == "default"
    assert "75%" in exported["answers"][1]["feedback"]
    assert "Answer in %" in exported["question"]


def test_write_jupyterquiz_writes_the_same_list(tmp_path: Path) -> None:
    path = write_jupyterquiz(QUIZ, tmp_path / "quiz.json")
    assert json.loads(path.read_text(encoding="utf-8")) == to_jupyterquiz(QUIZ)


MATCHING = {
    "id": "mt-1",
    "type": "matching",
    "stem": "Match.",
    "prompts": [{"id": "p1", "text": "Portal vein"}, {"id": "p2", "text": "Hepatic artery"}],
    "choices": [{"id": "c1", "text": "Gut blood"}, {"id": "c2", "text": "Oxygenated blood"}],
    "answer": {"p1": "c1", "p2": "c2"},
}
ORDERING = {
    "id": "or-1",
    "type": "ordering",
    "stem": "Order.",
    "items": [{"id": "a", "text": "A"}, {"id": "b", "text": "B"}, {"id": "c", "text": "C"}],
}
LABEL = {"id": "ld-1", "type": "label_diagram", "stem": "Label.", "diagram": "dual_blood_supply"}


@pytest.mark.parametrize("data", [MATCHING, ORDERING, LABEL], ids=lambda d: d["type"])
def test_types_jupyterquiz_cannot_hold_are_refused_by_id(data: dict[str, Any]) -> None:
    with pytest.raises(UnsupportedQuestion, match=f"^{data['id']}: jupyterquiz cannot hold"):
        to_jupyterquiz(ExportQuiz.of("x", "x", [SINGLE, q(data)]))


def case(*parts: dict[str, Any]) -> Question:
    return q(
        {"id": "case-1", "type": "case", "stem": "A 60-year-old patient.", "parts": list(parts)}
    )


def test_a_case_becomes_its_parts_in_sequence() -> None:
    part_one = {**SINGLE.model_dump(exclude={"source"}), "id": "p1"}
    part_two = {**TRUE_FALSE.model_dump(exclude={"source"}), "id": "p2"}
    exported = to_jupyterquiz(ExportQuiz.of("x", "x", [case(part_one, part_two)]))
    assert [item["type"] for item in exported] == ["multiple_choice", "multiple_choice"]
    assert "A 60-year-old patient." in exported[0]["question"]
    assert "part 2 of 2" in exported[1]["question"]
    assert_valid(exported)


def test_a_case_with_a_part_jupyterquiz_cannot_hold_names_case_and_part() -> None:
    part_one = {**SINGLE.model_dump(exclude={"source"}), "id": "p1"}
    with pytest.raises(UnsupportedQuestion, match=r"^case-1: part p2: jupyterquiz cannot hold"):
        to_jupyterquiz(ExportQuiz.of("x", "x", [case(part_one, {**MATCHING, "id": "p2"})]))


# --- the schemas: ours accept every upstream example and refuse what upstream lets through ---
@pytest.mark.parametrize("name", ["questions.json", "readme_examples.json", "string.json"])
def test_strict_schemas_accept_upstream_examples(name: str) -> None:
    assert_valid(fixture(name))


def test_strict_schemas_refuse_what_the_loose_ones_accept() -> None:
    sneaky_type = {**fixture("questions.json")[2], "type": "not_multiple_choice_at_all"}
    no_answers = {"question": "How many?", "type": "numeric"}
    for question, kind in [(sneaky_type, "multiple_choice"), (no_answers, "numeric")]:
        jsonschema.Draft202012Validator(UPSTREAM[kind]).validate(question)  # loose: passes
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.Draft202012Validator(STRICT[kind]).validate(question)


# --- import ---
def test_upstream_examples_report_every_numeric_with_two_correct_answers_at_once() -> None:
    with pytest.raises(JupyterquizImportError) as caught:
        import_jupyterquiz(FIXTURES / "questions.json", **BANK_INFO)
    message = "answers: needs exactly one correct value or range; found 2 (answers[0], answers[1])"
    assert caught.value.problems == [
        f"questions.json: question 4: {message}. Our numeric questions accept one value or one "
        "interval",
        f"questions.json: question 5: {message}. Our numeric questions accept one value or one "
        "interval",
    ]


def test_upstream_choice_examples_import_with_code_and_feedback() -> None:
    choices = [item for item in fixture("questions.json") if item["type"] != "numeric"]
    bank = import_jupyterquiz(choices, **BANK_INFO)
    questions = bank["questions"]
    assert [item["id"] for item in questions] == [f"jq-test-{n:03d}" for n in range(1, 7)]
    assert [item["type"] for item in questions] == ["multiple", "multiple", "single"] + [
        "single"
    ] * 3
    assert questions[0]["answer"] == ["a", "b", "c", "d"]  # the four true answers, in order
    assert questions[2]["answer"] == "c"  # "Markdown" is the third answer
    assert questions[2]["options"][0]["feedback"] == "False."
    assert '```\na="1"\nb="2"\nprint(a+b)\n```' in questions[3]["stem"]
    assert questions[4]["options"][1]["text"] == "`mylist+=[3]`" and questions[4]["answer"] == "b"
    assert {item["source"] for item in questions} == {"jq"}


def test_true_and_false_answers_become_a_true_false_question() -> None:
    data = [
        {
            "question": "The portal vein carries most inflow.",
            "type": "multiple_choice",
            "answers": [
                {"answer": "True", "correct": True, "feedback": "Yes, about 75%."},
                {"answer": "False", "correct": False},
            ],
        }
    ]
    (question,) = import_jupyterquiz(data, **BANK_INFO)["questions"]
    assert question["type"] == "true_false" and question["answer"] is True
    assert "Yes, about 75%." in question["explanation"]


def numeric_quiz(answers: list[dict[str, Any]], **extra: Any) -> list[dict[str, Any]]:
    return [{"question": "How much?", "type": "numeric", "answers": answers, **extra}]


def imported(data: list[dict[str, Any]]) -> Question:
    return parse_question(import_jupyterquiz(data, **BANK_INFO)["questions"][0])


def to_precision(number: float, digits: int) -> float:
    """JavaScript's Number(x.toPrecision(digits)) for ordinary magnitudes (js/numeric.js)."""
    return float(f"{number:.{digits}g}")


def test_precision_becomes_half_a_unit_in_the_last_significant_digit() -> None:
    question = imported(numeric_quiz([{"value": 3.14159, "correct": True}], precision=3))
    # By hand: 3.14159 to 3 significant digits is 3.14; half a unit in the last digit, 0.005.
    assert question.answer.value == 3.14  # type: ignore[attr-defined]
    assert question.answer.abs_tol == pytest.approx(0.005)  # type: ignore[attr-defined]
    # Away from the rounding boundary, our grade agrees with jupyterquiz's rounded comparison.
    for response in (3.1351, 3.138, 3.14, 3.1449, 3.1351 - 0.001, 3.1451, 3.2, 2.0):
        jupyterquiz_says = to_precision(response, 3) == to_precision(3.14159, 3)
        assert (grade(question, response).score == 1.0) == jupyterquiz_says, response


def test_a_range_becomes_its_midpoint_and_half_width() -> None:
    question = imported(
        numeric_quiz(
            [
                {"type": "range", "range": [60, 80], "correct": True, "feedback": "Right."},
                {"type": "range", "range": [0, 60], "correct": False, "feedback": "Too low."},
                {"type": "default", "feedback": "Think again."},
            ]
        )
    )
    assert question.answer.value == pytest.approx(70.0)  # type: ignore[attr-defined]
    assert question.answer.abs_tol == pytest.approx(10.0)  # type: ignore[attr-defined]
    assert [grade(question, x).score for x in (60, 79.999, 80.01, 59.99)] == [1, 1, 0, 0]
    assert "Right." in question.explanation
    assert "An answer from 0 up to (not including) 60: Too low." in question.explanation
    assert "Any other answer: Think again." in question.explanation


def test_every_problem_is_reported_with_question_and_field() -> None:
    data: list[Any] = [
        {"question": "Q1", "type": "multiple_choice", "answers": [{"answer": "x"}]},
        {
            "question": "Q2",
            "type": "string",
            "answers": [{"answer": "x", "correct": True, "fuzzy_threshold": 2}],
        },
        {"question": "", "type": "numeric", "answers": []},
        {"question": "Q4", "type": "many_choice", "answers": [{"answer": "x", "correct": "yes"}]},
        {"question": "Q5", "type": "multiple_choice", "colour": "red", "answers": "none"},
        "just text",
        {"question": "Q7", "type": "numeric", "answers": [{"range": [5, 1], "correct": True}]},
    ]
    with pytest.raises(JupyterquizImportError) as caught:
        import_jupyterquiz(data, **BANK_INFO)
    prefix = "jupyterquiz data: question"
    assert caught.value.problems == [
        f"{prefix} 1: answers[0].correct: missing",
        f"{prefix} 2: answers[0].fuzzy_threshold: must be a number from 0 to 1",
        f"{prefix} 3: question: must not be empty",
        f"{prefix} 3: answers: must be a non-empty list",
        f"{prefix} 4: answers[0].correct: must be true or false",
        f"{prefix} 5: colour: unknown field (known: answer_cols, answers, code, input_width, "
        "precision, question, type)",
        f"{prefix} 5: answers: must be a non-empty list",
        f"{prefix} 6: must be an object with question, type and answers",
        f"{prefix} 7: answers[0].range: low 5 must be below high 1",
    ]


def test_the_string_fixture_imports_as_a_short_answer() -> None:
    (data,) = import_jupyterquiz(FIXTURES / "string.json", **BANK_INFO)["questions"]
    # As written in string.json: one answer, fuzzy_threshold 0.8, and a default answer.
    assert data["type"] == "short_answer"
    assert data["answers"] == [
        {"text": "portal vein", "fuzzy": 0.8, "feedback": "Yes: about three quarters."}
    ]
    assert data["explanation"] == "Any other answer: Think of the vessel that drains the gut."
    question = parse_question(data)
    assert grade(question, "Portal Vein").score == 1.0
    assert grade(question, "portl vein").score == 1.0  # 1 - 1/11 = 0.91
    assert grade(question, "hepatic artery").score == 0.0


def string_quiz(*answers: dict[str, Any]) -> list[dict[str, Any]]:
    return [{"question": "Which vessel?", "type": "string", "answers": list(answers)}]


def test_string_answers_keep_order_case_and_a_zero_threshold_means_exact() -> None:
    question = imported(
        string_quiz(
            {"answer": "hepatic artery", "correct": False, "feedback": "A <b>quarter</b>."},
            {"answer": "PV", "correct": True, "match_case": True},
            {"answer": "portal vein", "correct": True, "fuzzy_threshold": 0},
        )
    )
    assert [(a.correct, a.match_case, a.fuzzy) for a in question.answers] == [  # type: ignore[attr-defined]
        (False, False, 1.0),
        (True, True, 1.0),
        (True, False, 1.0),  # jupyterquiz skips fuzzy matching for a threshold of 0
    ]
    assert grade(question, "PV").score == 1.0 and grade(question, "pv").score == 0.0
    assert grade(question, "portl vein").score == 0.0
    mistake = grade(question, "Hepatic Artery")
    assert mistake.score == 0.0 and "A <b>quarter</b>." in mistake.feedback


@pytest.mark.parametrize(
    ("answers", "problem"),
    [
        ([{"answer": "x"}], "answers[0].correct: missing"),
        ([{"answer": "x", "correct": "yes"}], "answers[0].correct: must be true or false"),
        (
            [{"answer": "x", "correct": True, "match_case": 1}],
            "answers[0].match_case: must be true or false",
        ),
        (
            [{"answer": "x", "correct": True, "fuzzy_threshold": -0.5}],
            "answers[0].fuzzy_threshold: must be a number from 0 to 1",
        ),
        ([{"answer": " ", "correct": True}], "answers[0].answer: must not be empty"),
        (
            [{"answer": "x", "correct": True, "fuzzy": 0.5}],
            "answers[0].fuzzy: unknown field "
            "(known: answer, correct, feedback, fuzzy_threshold, match_case)",
        ),
        (
            [{"type": "range", "feedback": "f"}],
            "answers[0].type: only 'default' is known in a string question",
        ),
        ([{"answer": "x", "correct": False}], "answers: no answer is marked correct"),
    ],
)
def test_bad_string_answers_are_reported_by_field(answers: list[Any], problem: str) -> None:
    with pytest.raises(JupyterquizImportError) as caught:
        import_jupyterquiz(string_quiz(*answers), **BANK_INFO)
    assert caught.value.problems == [f"jupyterquiz data: question 1: {problem}"]


# jupyterquiz compares the typed text with the answer character for character, so an answer's
# text is literal: '2*3', 'x_1', '<b>' and '&amp;' are what the learner types.
@settings(derandomize=True, database=None, max_examples=300, deadline=None)
@given(text=st.text(st.characters(codec="utf-8", exclude_categories=("Cc", "Cs")), max_size=20))
def test_literal_markdown_reads_back_as_the_same_text(text: str) -> None:
    assert markdown_to_plain_text(literal_markdown(text)) == " ".join(text.split())


@pytest.mark.parametrize("literal", ["2*3*4", "x_1", "<b>bold</b>", "&amp;", "1. first", "# 5"])
def test_a_literal_string_answer_is_graded_as_typed(literal: str) -> None:
    question = imported(string_quiz({"answer": literal, "correct": True}))
    assert grade(question, literal).score == 1.0


def jupyterquiz_string_check(answers: list[dict[str, Any]], submission: str) -> bool:
    """jupyterquiz's check_string (js/string.js), transcribed: is the submission correct?"""
    submission = submission.strip()
    for answer in answers:
        if answer.get("type") == "default":
            continue
        typed, expected = submission, answer["answer"]
        if not answer.get("match_case"):
            typed, expected = typed.lower(), expected.lower()
        if typed == expected:
            return bool(answer["correct"])
        if answer.get("fuzzy_threshold"):
            ratio = 1 - textbook_distance(typed, expected) / max(len(typed), len(expected))
            if ratio >= answer["fuzzy_threshold"]:
                return bool(answer["correct"])
    return False


def textbook_distance(first: str, second: str) -> int:
    """Levenshtein distance by the full table, written out here (not our implementation)."""
    # First row and column: the distance from the empty text is the other text's length.
    table = [[max(row, column) if 0 in (row, column) else 0 for column in range(len(second) + 1)]
             for row in range(len(first) + 1)]  # fmt: skip
    for row in range(1, len(first) + 1):
        for column in range(1, len(second) + 1):
            table[row][column] = min(
                table[row - 1][column] + 1,
                table[row][column - 1] + 1,
                table[row - 1][column - 1] + (first[row - 1] != second[column - 1]),
            )
    return table[-1][-1]


SHORT = q(
    {
        "id": "sa-1",
        "type": "short_answer",
        "stem": "Which vessel brings most of the normal liver's blood?",
        "answers": [
            {"text": "portal vein", "fuzzy": 0.8, "feedback": "About three quarters."},
            {"text": "PV", "match_case": True},
            {"text": "hepatic artery", "correct": False, "fuzzy": 0.8},
        ],
        "explanation": "Gut blood drains to the portal vein.",
    }
)
TYPED = ["portal vein", "Portal Vein", "portl vein", "portl ven", "prtl ven", "PV", "pv",
         "hepatic artery", "hepatic arteries", "aorta", "vein"]  # fmt: skip


def test_a_short_answer_exports_as_a_string_question_jupyterquiz_grades_alike() -> None:
    (exported,) = to_jupyterquiz(ExportQuiz.of("x", "x", [SHORT]))
    assert_valid([exported])
    assert exported["type"] == "string"
    right, initials, mistake, default = exported["answers"]
    assert (right["answer"], right["correct"], right["fuzzy_threshold"]) == (
        "portal vein",
        True,
        0.8,
    )
    assert "About three quarters." in right["feedback"] and "Gut blood" in right["feedback"]
    assert (initials["answer"], initials["match_case"]) == ("PV", True)
    assert "fuzzy_threshold" not in initials  # fuzzy 1: jupyterquiz's exact comparison
    assert (mistake["correct"], mistake["feedback"]) == (False, "<p>Not quite.</p>")
    assert default["type"] == "default" and "portal vein" in default["feedback"]
    # None of these texts has extra inner spaces or letters whose case folding differs from
    # lower-casing, where our rule is knowingly more lenient: both graders must agree.
    for typed in TYPED:
        jupyterquiz_says = jupyterquiz_string_check(exported["answers"], typed)
        assert (grade(SHORT, typed).score == 1.0) == jupyterquiz_says, typed


def test_a_short_answer_survives_export_and_import() -> None:
    exported = to_jupyterquiz(ExportQuiz.of("x", "x", [SHORT]))
    back = imported(exported)
    for typed in TYPED:
        assert grade(back, typed).score == grade(SHORT, typed).score, typed


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('[\n  {"question": }\n]', "bad.json:2:16: not valid JSON: Expecting value"),
        ('[{"question": "q", "question": "r"}]', "the key 'question' appears twice"),
        ('[{"value": NaN}]', "NaN is not a number JSON allows"),
        ("%%% not json", "not JSON, nor base64-encoded JSON"),
        ('{"question": "q"}', "must be a non-empty JSON list of questions"),
    ],
)
def test_unreadable_files_get_one_clear_line(tmp_path: Path, text: str, expected: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(JupyterquizImportError, match=expected):
        import_jupyterquiz(path, **BANK_INFO)


def test_base64_json_reads_like_plain_json(tmp_path: Path) -> None:
    plain = (FIXTURES / "readme_examples.json").read_bytes()
    choices = json.dumps(json.loads(plain)[:1]).encode()
    (tmp_path / "plain.json").write_bytes(choices)
    (tmp_path / "hidden.txt").write_bytes(base64.b64encode(choices))
    assert import_jupyterquiz(tmp_path / "hidden.txt", **BANK_INFO) == import_jupyterquiz(
        tmp_path / "plain.json", **BANK_INFO
    )


def test_caller_must_give_the_source_and_a_valid_bank_id() -> None:
    data = fixture("readme_examples.json")[:1]
    with pytest.raises(JupyterquizImportError, match="source: must be given"):
        import_jupyterquiz(data, **{**BANK_INFO, "source": " "})
    with pytest.raises(JupyterquizImportError, match="^bank_id: 'no spaces allowed' must be"):
        import_jupyterquiz(data, **{**BANK_INFO, "bank_id": "no spaces allowed"})


def test_write_bank_yaml_refuses_a_file_name_the_loader_would_reject(tmp_path: Path) -> None:
    bank = import_jupyterquiz(fixture("readme_examples.json")[:1], **BANK_INFO)
    with pytest.raises(ValueError, match="jq-test.yaml"):
        write_bank_yaml(bank, tmp_path / "other.yaml")


# --- round trip: our bank -> jupyterquiz -> our bank, graded ---
def correct_response(original: Any, imported_question: Any) -> Any:
    """The response that is right for the original, in the imported question's terms."""
    if original.type == "single":
        return imported_question.option_ids[original.option_ids.index(original.answer)]
    if original.type == "multiple":
        return [imported_question.option_ids[original.option_ids.index(i)] for i in original.answer]
    if original.type == "true_false":
        return original.answer
    if original.type == "short_answer":
        return markdown_to_plain_text(original.correct_answers[0].text)
    return original.answer.expected


@pytest.mark.parametrize("bank_name", ["01-blood-supply", "07-ablation", "08-liver-directed"])
def test_round_trip_keeps_every_correct_answer_correct(tmp_path: Path, bank_name: str) -> None:
    original = load_bank(bank_name)
    exportable = [
        question
        for question in original
        if question.type in ("single", "multiple", "true_false", "numeric", "short_answer")
        and not question.is_template
    ]
    exported = to_jupyterquiz(ExportQuiz.of(bank_name, original.title, exportable))
    assert_valid(exported)
    bank = import_jupyterquiz(
        exported, bank_id="round-trip", title="Round trip", lesson="x", source="jq"
    )
    reloaded = load_bank(write_bank_yaml(bank, tmp_path))  # the loader validates it
    assert len(reloaded) == len(exportable)
    for before, after in zip(exportable, reloaded, strict=True):
        assert grade(after, correct_response(before, after)).score == 1.0, before.id
        if before.type == "numeric":
            low, high = before.answer.accepted_interval
            assert grade(after, low).score == grade(after, high).score == 1.0, before.id
            beyond = high + max(1e-6, 1e-3 * (high - low))
            assert grade(after, beyond).score == 0.0, before.id


def test_the_export_dispatcher_writes_jupyterquiz(tmp_path: Path) -> None:
    from livermets_edu.quiz.export import export_quiz

    path = export_quiz(QUIZ, "jupyterquiz", tmp_path / "quiz.json")
    assert json.loads(path.read_text(encoding="utf-8")) == to_jupyterquiz(QUIZ)


# --- jupyterquiz texts are HTML; our banks are Markdown -------------------------------------


def _choice_quiz(question: str, answers: list[str]) -> list[dict[str, Any]]:
    listed = [{"answer": text, "correct": index == 0} for index, text in enumerate(answers)]
    return [{"question": question, "type": "multiple_choice", "answers": listed}]


@pytest.mark.parametrize(
    ("html_text", "shown"),
    [
        # What a browser shows for jupyterquiz's innerHTML, worked out by hand.
        ("What is 2*3*4?", "<p>What is 2*3*4?</p>"),
        ("Solve \\(x_1 + x_2\\) now", "<p>Solve \\(x_1 + x_2\\) now</p>"),  # MathJax intact
        ("<p>2*3*4 and a_b_c</p>", "2*3*4 and a_b_c"),
        ("# not a heading", "<p># not a heading</p>"),
        ("1. not a list", "<p>1. not a list</p>"),
        ("[not](a link) `nor code` ~~nor struck~~", "[not](a link) `nor code` ~~nor struck~~"),
        ("Line one\n\n    indented, not code", "<p>Line one indented, not code</p>"),
        ("a &lt; b and <b>bold</b>", "<p>a &lt; b and <b>bold</b></p>"),
    ],
)
def test_imported_html_renders_as_jupyterquiz_showed_it(html_text: str, shown: str) -> None:
    question = imported(_choice_quiz(html_text, ["A*B*C", "\\(y\\)"]))
    assert shown in markdown_to_safe_html(question.stem)
    options = [markdown_to_safe_html(o.text, inline=True) for o in question.options]
    assert options == ["A*B*C", "\\(y\\)"]


def test_imported_feedback_keeps_its_characters() -> None:
    data = _choice_quiz("Pick", ["A", "B"])
    data[0]["answers"][1]["feedback"] = "No: 2*3 is not \\(x_1\\)"
    question = imported(data)
    assert markdown_to_safe_html(question.options[1].feedback or "", inline=True) == (
        "No: 2*3 is not \\(x_1\\)"
    )


def test_html_to_markdown_keeps_preformatted_lines() -> None:
    rendered = markdown_to_safe_html(html_to_markdown("<pre>a = 1\n  b*c\n\nend</pre>"))
    assert "<pre>a = 1\n  b*c\n\nend</pre>" in rendered


def test_non_characters_in_a_jupyterquiz_file_are_reported() -> None:
    with pytest.raises(JupyterquizImportError, match=r"question 1: question: contains U\+FFFF"):
        import_jupyterquiz(_choice_quiz("Bad \uffff", ["A", "B"]), **BANK_INFO)
