"""Moodle XML export: every export is checked against tests/schemas/moodle-xml.xsd with xmlschema.

The schema itself is checked first against Moodle's own test data (tests/data/golden), so a
passing export means "shaped as Moodle writes it", not just "shaped as we write it". Grades are
checked by simulating Moodle's multiple-response scoring (sum of the chosen fractions, clamped
to 0..1) and comparing it with our own grader on every possible response.
"""

from __future__ import annotations

import base64
import itertools
import math
import os
import re
import textwrap
import xml.etree.ElementTree as ElementTree
from pathlib import Path
from types import SimpleNamespace

import pytest
import xmlschema

from livermets_edu import facts
from livermets_edu.quiz.export import ExportError, ExportQuiz, UnsupportedQuestion
from livermets_edu.quiz.export.moodle_xml import _cdata, to_moodle_xml
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.render import markdown_to_safe_html
from livermets_edu.quiz.schema import parse_question
from livermets_edu.quiz.variants import concrete

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "data" / "golden"
BANKS = ROOT / "tests" / "data" / "banks"
SHIPPED_BANKS = sorted((ROOT / "quizzes").glob("*.yaml"))
ALL_TYPES = BANKS / "types" / "all-types.yaml"


@pytest.fixture(scope="module")
def schema() -> xmlschema.XMLSchema11:
    return xmlschema.XMLSchema11(str(ROOT / "tests" / "schemas" / "moodle-xml.xsd"))


def exact(question):
    """A short answer with every fuzzy answer made exact (Moodle cannot match approximately;
    that refusal is tested in test_export_short_answer.py); any other question as it is."""
    if question.type != "short_answer":
        return question
    answers = [answer.model_copy(update={"fuzzy": 1.0}) for answer in question.answers]
    return question.model_copy(update={"answers": answers})


def quiz_of(path: Path, seed: int = 11) -> ExportQuiz:
    """Every question of a bank, templates made concrete with a fixed seed, short answers exact."""
    bank = load_bank(path)
    questions = [exact(concrete(question, seed)) for question in bank]
    return ExportQuiz.of(bank.name, bank.title, questions)


def items(quiz: ExportQuiz) -> list:
    """What an export must contain: each question, or each part of a case, in order."""
    out = []
    for question in quiz.questions:
        if question.type == "case":
            out += [(f"{question.id}/{part.id}", part) for part in question.parts]
        else:
            out.append((question.id, question))
    return out


def questions_by_name(xml_text: str) -> dict[str, ElementTree.Element]:
    root = ElementTree.fromstring(xml_text)
    return {
        element.findtext("name/text"): element
        for element in root.findall("question")
        if element.get("type") != "category"
    }


# --- the schema is Moodle's shape -----------------------------------------------------------


def test_schema_accepts_moodle_own_exports(schema):
    # tests/data/golden/moodle-fixtures.xml is copied from Moodle's tests: one question of each
    # type we write (and a category), as Moodle itself writes them.
    fixture = GOLDEN / "moodle-fixtures.xml"
    schema.validate(str(fixture))
    kinds = sorted(q.get("type") for q in ElementTree.parse(fixture).getroot())
    expected = ["category", "matching", "multichoice", "numerical", "ordering", "truefalse"]
    assert kinds == sorted([*expected, "truefalse"])


def test_schema_rejects_the_grade_moodle_rejects(schema):
    # Moodle's fixture error_invalid_grades.xml fails to import because of fraction="33".
    fixture = (GOLDEN / "moodle-error-invalid-grades.xml").read_text(encoding="utf-8")
    errors = list(schema.iter_errors(fixture))
    assert len(errors) == 1
    assert errors[0].path == "/quiz/question/answer[2]"
    assert "33" in str(errors[0].reason)
    fixed = fixture.replace('fraction="33" ', 'fraction="33.33333" ')
    assert schema.is_valid(fixed)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('fraction="50"', 'fraction="51"'),  # not a Moodle grade
        ("<text>false</text>", "<text>true</text>"),  # true/false twice
        ('<question type="truefalse">', '<question type="truefalsy">'),  # unknown type
        ("<tolerance>5</tolerance>", "<tolerance>-5</tolerance>"),
        ("<single>false</single>", ""),  # a required element missing
    ],
)
def test_schema_catches_broken_exports(schema, old, new):
    xml_text = to_moodle_xml(quiz_of(BANKS / "good-bank.yaml"))
    assert schema.is_valid(xml_text)
    assert old in xml_text
    assert not schema.is_valid(xml_text.replace(old, new, 1))


# --- every bank exports to valid Moodle XML ---------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [*SHIPPED_BANKS, BANKS / "good-bank.yaml", BANKS / "xss-bank.yaml", ALL_TYPES],
    ids=lambda path: path.stem,
)
def test_every_bank_exports_valid_moodle_xml(schema, path):
    quiz = quiz_of(path)
    xml_text = to_moodle_xml(quiz)
    schema.validate(xml_text)
    names = list(questions_by_name(xml_text))
    assert names == [name for name, _ in items(quiz)]  # nothing dropped, nothing added


def test_every_shipped_bank_is_covered():
    # The brief names the banks in quizzes/; make sure the glob above really finds them.
    assert len(SHIPPED_BANKS) >= 3


def test_golden_file_for_the_good_bank():
    # Reviewed by hand once; regenerate with LIVERMETS_UPDATE_GOLDEN=1 after a deliberate change.
    # Updating writes the file and skips: a comparison with what was just written proves nothing.
    golden = GOLDEN / "good-bank.moodle.xml"
    exported = to_moodle_xml(quiz_of(BANKS / "good-bank.yaml"))
    if os.environ.get("LIVERMETS_UPDATE_GOLDEN"):
        golden.write_text(exported, encoding="utf-8")
        pytest.skip(f"LIVERMETS_UPDATE_GOLDEN is set: {golden.name} rewritten, not compared")
    assert exported == golden.read_text(encoding="utf-8")


# One true/false item written by hand from Moodle's documentation (docs.moodle.org/en/
# Moodle_XML_format, "True/false") and the fixture tests/data/golden/moodle-fixtures.xml, not
# from our output: fraction 100 on the right answer, penalty 1, the texts as HTML in CDATA.
HAND_WRITTEN_TRUE_FALSE = """\
  <question type="truefalse">
    <name><text>hw-tf</text></name>
    <questiontext format="html"><text><![CDATA[<p>The liver has two inflows.</p>]]></text></questiontext>
    <generalfeedback format="html"><text><![CDATA[<p>Source: Test</p>]]></text></generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>1</penalty>
    <hidden>0</hidden>
    <idnumber>hw-tf</idnumber>
    <answer fraction="100" format="moodle_auto_format"><text>true</text><feedback format="html"><text></text></feedback></answer>
    <answer fraction="0" format="moodle_auto_format"><text>false</text><feedback format="html"><text></text></feedback></answer>
  </question>
"""  # noqa: E501


def test_a_true_false_item_matches_the_hand_written_expectation(schema):
    question = parse_question(
        {"id": "hw-tf", "type": "true_false", "stem": "The liver has two inflows.",
         "answer": True, "source": "Test"}
    )  # fmt: skip
    exported = to_moodle_xml(ExportQuiz.of("hw", "HW", [question]))
    assert HAND_WRITTEN_TRUE_FALSE in exported
    schema.validate(exported)


# --- key facts survive the round trip ---------------------------------------------------------


def moodle_multiple_score(fractions: dict[str, float], chosen: set[str]) -> float:
    """Moodle's multiple-response score: the chosen fractions added, clamped to 0..1."""
    return min(1.0, max(0.0, sum(fractions[option] for option in chosen)))


@pytest.mark.parametrize("path", [*SHIPPED_BANKS, BANKS / "good-bank.yaml"], ids=lambda p: p.stem)
def test_multiple_response_grades_as_our_net_correct(path):
    quiz = quiz_of(path)
    exported = questions_by_name(to_moodle_xml(quiz))
    multiples = [q for q in quiz.questions if q.type == "multiple"]
    assert multiples, f"{path.name} has no multiple-response question to check"
    for question in multiples:
        answers = exported[question.id].findall("answer")
        fractions = {
            option.id: float(answer.get("fraction")) / 100
            for option, answer in zip(question.options, answers, strict=True)
        }
        # Correct options share 100%, so ticking every option is never full marks.
        correct = sum(f for f in fractions.values() if f > 0)
        assert math.isclose(correct, 1.0, abs_tol=1e-6)
        assert moodle_multiple_score(fractions, set(fractions)) < 1.0 or len(
            question.answer
        ) == len(question.options)
        for size in range(1, len(question.options) + 1):
            for chosen in itertools.combinations(question.option_ids, size):
                ours = grade(question, list(chosen)).score
                assert moodle_multiple_score(fractions, set(chosen)) == pytest.approx(
                    ours, abs=1e-6
                ), (question.id, chosen)


def test_single_answer_and_true_false_fractions():
    quiz = quiz_of(BANKS / "good-bank.yaml")
    exported = questions_by_name(to_moodle_xml(quiz))
    single = exported["gb-single"]
    # The bank says answer: a, the first of three options.
    assert [a.get("fraction") for a in single.findall("answer")] == ["100", "0", "0"]
    assert single.findtext("single") == "true"
    true_false = exported["gb-true-false"]
    # The bank says answer: true.
    assert {a.findtext("text"): a.get("fraction") for a in true_false.findall("answer")} == {
        "true": "100",
        "false": "0",
    }


def test_numeric_tolerance_and_units():
    exported = questions_by_name(to_moodle_xml(quiz_of(BANKS / "good-bank.yaml")))
    # gb-numeric-fact: the portal share x 100 with abs_tol 5 (from the bank file).
    portal = facts.get("PORTAL_VEIN_FLOW_FRACTION").value * 100
    answer = exported["gb-numeric-fact"].find("answer")
    assert float(answer.findtext("text")) == pytest.approx(portal)
    assert float(answer.findtext("tolerance")) == pytest.approx(5)
    assert exported["gb-numeric-fact"].findtext("units/unit/unit_name") == "%"
    # gb-numeric-value: 1.5 L/min with rel_tol 0.1, so +-0.15.
    answer = exported["gb-numeric-value"].find("answer")
    assert float(answer.findtext("text")) == pytest.approx(1.5)
    assert float(answer.findtext("tolerance")) == pytest.approx(0.15)


def test_numeric_range_becomes_midpoint_and_half_width():
    bank = load_bank(ROOT / "quizzes" / "01-blood-supply.yaml")
    ranged = [q for q in bank if q.type == "numeric" and q.answer.accept == "range"]
    assert ranged, "the shipped bank has no accept: range question to check"
    exported = questions_by_name(to_moodle_xml(ExportQuiz.from_bank(bank)))
    for question in ranged:
        fact = facts.get(question.answer.fact)
        low, high = fact.low * question.answer.scale, fact.high * question.answer.scale
        answer = exported[question.id].find("answer")
        value, tolerance = float(answer.findtext("text")), float(answer.findtext("tolerance"))
        assert value - tolerance == pytest.approx(low)
        assert value + tolerance == pytest.approx(high)


def test_texts_are_the_sanitised_html():
    quiz = quiz_of(BANKS / "good-bank.yaml")
    exported = questions_by_name(to_moodle_xml(quiz))
    for question in quiz.questions:
        stem = exported[question.id].findtext("questiontext/text")
        assert stem.startswith(markdown_to_safe_html(question.stem))
        feedback = exported[question.id].findtext("generalfeedback/text")
        assert f"Source: {question.source}" in feedback


def test_matching_ordering_and_label_diagram():
    quiz = quiz_of(ALL_TYPES)
    exported = questions_by_name(to_moodle_xml(quiz))
    bank = {question.id: question for question in quiz.questions}

    matching = bank["at-matching"]
    pairs = [
        (sub.findtext("text"), sub.findtext("answer/text"))
        for sub in exported["at-matching"].findall("subquestion")
    ]
    choice_text = {choice.id: choice.text for choice in matching.choices}
    expected = [(p.text, choice_text[matching.answer[p.id]]) for p in matching.prompts]
    used = set(matching.answer.values())
    expected += [("", c.text) for c in matching.choices if c.id not in used]
    assert pairs == expected

    ordering = exported["at-ordering"]
    assert [a.findtext("text") for a in ordering.findall("answer")] == [
        item.text for item in bank["at-ordering"].items
    ]
    assert [a.get("fraction") for a in ordering.findall("answer")] == ["1", "2", "3", "4"]
    assert ordering.findtext("gradingtype") == "LONGEST_ORDERED_SUBSET"

    label = exported["at-label"]
    assert label.get("type") == "matching"
    named = {
        sub.findtext("text"): sub.findtext("answer/text") for sub in label.findall("subquestion")
    }
    expected_names = {f"Number {n}": name for n, name in bank["at-label"].answer.items()}
    assert named == {**expected_names, "": "Splenic artery"}
    png = label.find("questiontext/file")
    assert png.get("encoding") == "base64"
    assert base64.b64decode(png.text).startswith(b"\x89PNG\r\n\x1a\n")
    assert f"@@PLUGINFILE@@/{png.get('name')}" in label.findtext("questiontext/text")


def test_case_parts_repeat_the_vignette():
    quiz = quiz_of(ALL_TYPES)
    case = next(q for q in quiz.questions if q.type == "case")
    exported = questions_by_name(to_moodle_xml(quiz))
    vignette = markdown_to_safe_html(case.stem)
    for part in case.parts:
        stem = exported[f"{case.id}/{part.id}"].findtext("questiontext/text")
        assert stem.startswith(vignette)
        assert markdown_to_safe_html(part.stem) in stem


# --- hostile text ------------------------------------------------------------------------------

HOSTILE = textwrap.dedent(
    """\
    bank: hostile
    title: "Tricky ]]> & <script>alert('t')</script> \\"quoted\\" ~=#{}: \\\\ title"
    lesson: "x"
    questions:
      - id: h-single
        type: single
        stem: "Stem ]]> & <script>alert(1)</script> 'single' \\"double\\" ~=#{}: \\\\ end"
        options:
          - id: a
            text: "A ]]> & <img src=x onerror=alert(1)> ~=#{}: 'q' \\"q\\""
            feedback: "F ]]> & <script>alert(2)</script> ~=#{}: 'q'"
          - id: b
            text: "<script>alert(3)</script>"
        answer: a
        explanation: "E ]]> & <b onclick=alert(4)>bold</b> ~=#{}: \\"q\\""
        tags: ["t]]>&<x>'\\""]
        source: "S ]]> & <script>alert(5)</script> ~=#{}:"
      - id: h-numeric
        type: numeric
        stem: "N ]]> &amp; ~=#{}:"
        answer: {value: 2, unit: "m]]>&<s>", abs_tol: 0.5}
        source: "s"
    """
)


@pytest.fixture
def hostile_quiz(tmp_path) -> ExportQuiz:
    path = tmp_path / "hostile.yaml"
    path.write_text(HOSTILE, encoding="utf-8")
    return quiz_of(path)


def test_hostile_text_gives_valid_xml_with_no_live_script(schema, hostile_quiz):
    xml_text = to_moodle_xml(hostile_quiz)
    schema.validate(xml_text)
    root = ElementTree.fromstring(xml_text)
    texts = [element.text or "" for element in root.iter()]
    joined = "\n".join(texts)
    assert not re.search(r"<script|onerror|onclick|javascript:", joined, re.IGNORECASE)
    # The sanitiser writes the '>' of ']]>' as '&gt;'; the text survives the round trip.
    stem = questions_by_name(xml_text)["h-single"].findtext("questiontext/text")
    assert stem == markdown_to_safe_html(hostile_quiz.questions[0].stem)
    assert "]]&gt;" in stem
    # An option the sanitiser would empty is shown as escaped text, never dropped.
    answers = questions_by_name(xml_text)["h-single"].findall("answer")
    assert answers[1].findtext("text") == "&lt;script&gt;alert(3)&lt;/script&gt;"
    assert questions_by_name(xml_text)["h-numeric"].findtext("units/unit/unit_name") == ("m]]>&<s>")


@pytest.mark.parametrize("text", ["]]>", "a]]>b]]>c", "]]]]>>", "<![CDATA[x]]>", "]]"])
def test_cdata_sections_split_every_end_marker(text):
    # Moodle's own test (xmlformat_test.php, test_xml_escape_*): parsing gives the input back.
    parsed = ElementTree.fromstring(f"<div>{_cdata(text)}</div>").text
    assert parsed == text


# --- what Moodle cannot hold is refused, never dropped ---------------------------------------


def test_all_or_nothing_multiple_response_is_refused():
    bank = quiz_of(BANKS / "good-bank.yaml")
    quiz = ExportQuiz.of(bank.quiz_id, bank.title, bank.questions, "all-or-nothing")
    with pytest.raises(ExportError, match="gb-multiple: Moodle XML cannot score .*all-or-nothing"):
        to_moodle_xml(quiz)


def test_template_question_is_refused():
    bank = load_bank(ALL_TYPES)
    with pytest.raises(ExportError, match="at-numeric-template: .*template"):
        to_moodle_xml(ExportQuiz.from_bank(bank))


def test_unknown_type_is_refused_by_name():
    # A question type no export knows (a stand-in: the schema has no such type yet).
    hotspot = SimpleNamespace(
        id="gb-hotspot",
        type="hotspot",
        stem="Click the tumour.",
        source="s",
        explanation="",
        tags=[],
    )
    with pytest.raises(UnsupportedQuestion, match="gb-hotspot: Moodle XML cannot hold a hotspot"):
        to_moodle_xml(ExportQuiz.of("q", "Q", [hotspot]))
