"""Partial credit reaches every exporter: each scores as our grader does, or refuses by name.

The oracle is always ``grading.grade(question, response, partial_credit=mode)``. QTI 2.1 items
are scored by a small interpreter of the response-processing operators written here from the
QTI 2.1 specification (imsqti_v2p1p2.xsd annotations), not from the exporter; Moodle
multiple-response grades by Moodle's rule (the chosen fractions added, clamped to 0..1).
"""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from livermets_edu.quiz.export import ExportError, ExportQuiz, export_quiz
from livermets_edu.quiz.export.canvas_qti12 import canvas_assessment_xml
from livermets_edu.quiz.export.gift import to_gift
from livermets_edu.quiz.export.jupyterquiz import to_jupyterquiz
from livermets_edu.quiz.export.moodle_xml import to_moodle_xml
from livermets_edu.quiz.export.qti21 import qti21_item_xml
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.schema import Question, parse_question

TESTS = Path(__file__).parent
ALL_TYPES = load_bank(TESTS / "data" / "banks" / "types" / "all-types.yaml")
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
MODES = ("net-correct", "each-answer", "all-or-nothing")

MULTIPLE = parse_question(
    {
        "id": "pc-multiple",
        "type": "multiple",
        "stem": "Which bring blood into the liver?",
        "options": [
            {"id": "a", "text": "Portal vein"},
            {"id": "b", "text": "Hepatic artery"},
            {"id": "c", "text": "Hepatic veins"},
            {"id": "d", "text": "IVC"},
        ],
        "answer": ["a", "b"],
        "source": "test",
    }
)
ORDERING_5 = parse_question(
    {
        "id": "pc-ordering",
        "type": "ordering",
        "stem": "Order the steps.",
        "items": [{"id": f"s{n}", "text": f"Step {n}"} for n in range(1, 6)],
        "source": "test",
    }
)


# --- a QTI 2.1 response-processing interpreter (the operators the spec defines) ---------------


def _local(element: ET.Element) -> str:
    return element.tag.removeprefix(QTI)


class QtiItem:
    """Runs an assessmentItem's responseProcessing on one response, as the spec describes."""

    def __init__(self, xml_text: str) -> None:
        self.root = ET.fromstring(xml_text)
        declaration = self.root.find(f"{QTI}responseDeclaration")
        assert declaration is not None
        self.cardinality = declaration.get("cardinality")
        self.correct = [v.text for v in declaration.iter(f"{QTI}value")]
        mapping = declaration.find(f"{QTI}mapping")
        self.mapping = mapping

    def score(self, response: Any) -> float:
        self.values: dict[str, Any] = {"RESPONSE": response}
        for outcome in self.root.findall(f"{QTI}outcomeDeclaration"):
            default = outcome.find(f"{QTI}defaultValue/{QTI}value")
            kind = int if outcome.get("baseType") == "integer" else float
            self.values[outcome.get("identifier")] = (
                kind(default.text) if default is not None and outcome.get("baseType") in
                ("integer", "float") else None
            )  # fmt: skip
        processing = self.root.find(f"{QTI}responseProcessing")
        assert processing is not None
        self.run(processing)
        return float(self.values["SCORE"])

    def run(self, rules: ET.Element) -> None:
        for rule in rules:
            name = _local(rule)
            if name == "setOutcomeValue":
                self.values[rule.get("identifier")] = self.value(rule[0])
            elif name == "responseCondition":
                for branch in rule:
                    if _local(branch) == "responseElse" or self.value(branch[0]) is True:
                        self.run(branch if _local(branch) == "responseElse" else branch[1:])
                        break
            else:
                raise AssertionError(f"rule {name} not understood")

    def value(self, expression: ET.Element) -> Any:  # noqa: PLR0911, PLR0912
        name, args = _local(expression), list(expression)
        if name == "variable":
            return self.values[expression.get("identifier")]
        if name == "baseValue":
            kind = expression.get("baseType")
            text = expression.text or ""
            return int(text) if kind == "integer" else float(text) if kind == "float" else text
        if name == "correct":
            return self.correct if self.cardinality != "single" else self.correct[0]
        if name == "isNull":
            value = self.value(args[0])
            return value is None or value == [] or value == ""
        if name == "match":
            left, right = (self.value(arg) for arg in args)
            if left is None or right is None:
                return None
            if self.cardinality == "multiple" and isinstance(left, list):
                return sorted(left) == sorted(right)
            return left == right
        if name == "index":  # the nth value of an ordered container, 1-based; NULL past its end
            container = self.value(args[0])
            n = int(expression.get("n"))
            return container[n - 1] if container and n <= len(container) else None
        if name == "mapResponse":  # the sum of mapped values of distinct entries, bounded
            response = self.values["RESPONSE"] or []
            entries = {e.get("mapKey"): float(e.get("mappedValue")) for e in self.mapping}
            default = float(self.mapping.get("defaultValue", "0"))
            total = sum(entries.get(key, default) for key in set(response))
            if self.mapping.get("lowerBound") is not None:
                total = max(total, float(self.mapping.get("lowerBound")))
            if self.mapping.get("upperBound") is not None:
                total = min(total, float(self.mapping.get("upperBound")))
            return total
        values = [self.value(arg) for arg in args]
        if any(value is None for value in values):
            return None
        operators = {
            "and": lambda v: all(v),
            "or": lambda v: any(v),
            "not": lambda v: not v[0],
            "gt": lambda v: v[0] > v[1],
            "lt": lambda v: v[0] < v[1],
            "gte": lambda v: v[0] >= v[1],
            "lte": lambda v: v[0] <= v[1],
            "sum": sum,
            "max": max,
            "divide": lambda v: v[0] / v[1],
        }
        assert name in operators, f"operator {name} not understood"
        return operators[name](values)


def _qti_choice_ids(item: QtiItem, question: Question) -> dict[str, str]:
    """Bank option id -> QTI identifier (choices are written in bank order)."""
    choices = item.root.iter(f"{QTI}simpleChoice")
    return dict(zip(question.option_ids, (c.get("identifier") for c in choices), strict=True))


def _subsets(ids: list[str]) -> Iterator[tuple[str, ...]]:
    for size in range(1, len(ids) + 1):
        yield from itertools.combinations(ids, size)


@pytest.mark.parametrize("mode", MODES)
def test_qti_multiple_response_scores_as_the_grader_in_every_mode(mode):
    item = QtiItem(qti21_item_xml(MULTIPLE, mode))
    to_qti = _qti_choice_ids(item, MULTIPLE)
    for chosen in _subsets(MULTIPLE.option_ids):
        expected = grade(MULTIPLE, list(chosen), partial_credit=mode).score
        assert item.score([to_qti[c] for c in chosen]) == pytest.approx(expected), chosen
    # Nothing chosen is no attempt for our grader, and 0 in the package (each-answer would
    # otherwise credit every wrong option left alone).
    assert item.score(None) == 0.0


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("question", [ORDERING_5, ALL_TYPES["at-ordering"]], ids=lambda q: q.id)
def test_qti_ordering_scores_as_the_grader_for_every_permutation(mode, question):
    item = QtiItem(qti21_item_xml(question, mode))
    to_qti = dict(zip(question.answer, item.correct, strict=True))
    for order in itertools.permutations(question.answer):
        expected = grade(question, list(order), partial_credit=mode).score
        assert item.score([to_qti[i] for i in order]) == pytest.approx(expected), order
    assert item.score(None) == 0.0


@pytest.mark.parametrize("mode", MODES)
def test_qti_matching_scores_as_the_grader_for_every_response(mode):
    question = ALL_TYPES["at-matching"]
    item = QtiItem(qti21_item_xml(question, mode))
    sets = item.root.findall(f".//{QTI}simpleMatchSet")
    prompts = dict(zip(question.prompt_ids, (c.get("identifier") for c in sets[0]), strict=True))
    # Choices are shown scrambled: read which is which from the text the learner sees.
    by_text = {choice.text: choice.id for choice in question.choices}
    choices = {by_text["".join(c.itertext()).strip()]: c.get("identifier") for c in sets[1]}
    assert list(choices) != question.choice_ids  # never in bank order
    for picked in itertools.product(question.choice_ids, repeat=len(question.prompt_ids)):
        response = dict(zip(question.prompt_ids, picked, strict=True))
        pairs = [f"{prompts[p]} {choices[c]}" for p, c in response.items()]
        expected = grade(question, response, partial_credit=mode).score
        assert item.score(pairs) == pytest.approx(expected), response


# --- Moodle and GIFT: what core Moodle can score, and clear refusals -------------------------


def _moodle_questions(xml_text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml_text)
    return {q.findtext("name/text"): q for q in root.findall("question")}


def test_moodle_net_correct_fractions_score_as_the_grader():
    exported = _moodle_questions(to_moodle_xml(ExportQuiz.of("q", "Q", [MULTIPLE])))
    fractions = {
        option_id: float(answer.get("fraction")) / 100
        for option_id, answer in zip(
            MULTIPLE.option_ids, exported["pc-multiple"].findall("answer"), strict=True
        )
    }
    for chosen in _subsets(MULTIPLE.option_ids):
        moodle = min(1.0, max(0.0, sum(fractions[c] for c in chosen)))  # Moodle's rule
        assert moodle == pytest.approx(grade(MULTIPLE, list(chosen)).score), chosen


@pytest.mark.parametrize("mode", ["all-or-nothing", "each-answer", "off"])
@pytest.mark.parametrize(
    ("writer", "format_name"), [(to_moodle_xml, "Moodle XML"), (to_gift, "GIFT")]
)
def test_moodle_formats_refuse_multiple_response_modes_core_moodle_lacks(writer, format_name, mode):
    quiz = ExportQuiz.of("q", "Q", [MULTIPLE], mode)
    shown = "all-or-nothing" if mode == "off" else mode
    with pytest.raises(ExportError, match=f"pc-multiple: {format_name} .*'{shown}'"):
        writer(quiz)


@pytest.mark.parametrize("writer", [to_moodle_xml, to_gift])
def test_moodle_formats_refuse_all_or_nothing_matching(writer):
    quiz = ExportQuiz.of("q", "Q", [ALL_TYPES["at-matching"]], "all-or-nothing")
    with pytest.raises(ExportError, match="at-matching: .*matching question.*all-or-nothing"):
        writer(quiz)


def test_moodle_ordering_grading_follows_the_mode():
    ordering = ALL_TYPES["at-ordering"]
    for mode, expected in [
        ("net-correct", "LONGEST_ORDERED_SUBSET"),
        ("each-answer", "LONGEST_ORDERED_SUBSET"),
        ("all-or-nothing", "ALL_OR_NOTHING"),
    ]:
        exported = _moodle_questions(to_moodle_xml(ExportQuiz.of("q", "Q", [ordering], mode)))
        assert exported["at-ordering"].findtext("gradingtype") == expected, mode


def test_modes_that_do_not_touch_a_question_export_it_unchanged():
    # Single answers score 1 or 0 in every mode, so every mode writes the same file.
    single = ALL_TYPES["at-single"]
    texts = {to_moodle_xml(ExportQuiz.of("q", "Q", [single], mode)) for mode in MODES}
    assert len(texts) == 1


# --- Canvas: Classic Quizzes grade multiple answers net-correct, whatever the file says ------


@pytest.mark.parametrize("mode", ["all-or-nothing", "each-answer"])
def test_canvas_refuses_multiple_answers_outside_net_correct(mode):
    with pytest.raises(ExportError, match=f"pc-multiple: Canvas.*'{mode}'"):
        canvas_assessment_xml(ExportQuiz.of("q", "Q", [MULTIPLE], mode))


def test_canvas_refuses_all_or_nothing_matching_and_accepts_net_correct():
    matching = ALL_TYPES["at-matching"]
    with pytest.raises(ExportError, match="at-matching: Canvas.*all-or-nothing"):
        canvas_assessment_xml(ExportQuiz.of("q", "Q", [matching], "all-or-nothing"))
    assert "matching_question" in canvas_assessment_xml(ExportQuiz.of("q", "Q", [matching]))
    assert "multiple_answers_question" in canvas_assessment_xml(ExportQuiz.of("q", "Q", [MULTIPLE]))


# --- the quiz carries its mode --------------------------------------------------------------


def test_off_is_all_or_nothing_and_unknown_modes_are_refused():
    assert ExportQuiz.of("q", "Q", [MULTIPLE], "off").partial_credit == "all-or-nothing"
    assert ExportQuiz.of("q", "Q", [MULTIPLE]).partial_credit == "net-correct"
    with pytest.raises(ExportError, match="'sometimes' is not one of"):
        ExportQuiz.of("q", "Q", [MULTIPLE], "sometimes")  # type: ignore[arg-type]


def test_the_dispatcher_passes_the_quiz_mode_on(tmp_path):
    quiz = ExportQuiz.of("q", "Q", [MULTIPLE], "all-or-nothing")
    with pytest.raises(ExportError, match="all-or-nothing"):
        export_quiz(quiz, "moodle", tmp_path / "q.xml")
    assert not (tmp_path / "q.xml").exists()  # nothing half-written


def test_self_check_formats_have_no_score_and_accept_every_mode():
    # jupyterquiz only says right or wrong; it has no score to disagree with.
    for mode in MODES:
        assert to_jupyterquiz(ExportQuiz.of("q", "Q", [MULTIPLE], mode))[0]["type"] == "many_choice"
