"""Canvas Classic Quizzes export (QTI 1.2 zip): valid against our Canvas schema, honest scoring.

tests/schemas/canvas-qti12.xsd is written from the structure text2qti generates (Canvas
documents its dialect only through exports); it is XSD 1.1, for its assertions. The tests
check that it accepts text2qti's own output and rejects broken documents, so it can fail.
"""

from __future__ import annotations

import copy
import math
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema

from livermets_edu.quiz import load_bank, variants
from livermets_edu.quiz.export.canvas_qti12 import (
    canvas_assessment_xml,
    canvas_files,
    canvas_item_xml,
    write_canvas_qti12,
)
from livermets_edu.quiz.export.common import (
    ExportError,
    ExportQuiz,
    UnsupportedQuestion,
    case_units,
)
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.schema import Question, parse_question

TESTS = Path(__file__).parent
ROOT = TESTS.parent
GOLDEN = TESTS / "data" / "golden"
BANK_FILES = sorted((ROOT / "quizzes").glob("*.yaml"))
HOSTILE = load_bank(TESTS / "data" / "banks" / "xss-bank.yaml")
ALL_TYPES = load_bank(TESTS / "data" / "banks" / "types" / "all-types.yaml")
Q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
META = "{http://canvas.instructure.com/xsd/cccv1p0}"
DANGEROUS = ("<script", "<iframe", "<img", "<svg", "<style", "onerror=", "onmouseover=",
             'href="javascript')  # fmt: skip

SMALL_QUIZ = ExportQuiz.of(
    "golden-canvas",
    "Golden <Canvas> quiz",
    [
        parse_question(
            {
                "id": "c-single",
                "type": "single",
                "stem": "Which vessel brings **most** inflow?",
                "options": [
                    {"id": "a", "text": "Portal vein", "feedback": "Right."},
                    {"id": "b", "text": "Hepatic artery", "feedback": "No: about a quarter."},
                ],
                "answer": "a",
                "explanation": "Portal flow dominates.",
                "source": "test",
            }
        ),
        parse_question(
            {
                "id": "c-multiple",
                "type": "multiple",
                "stem": "Which bring blood into the liver?",
                "options": [
                    {"id": "a", "text": "Portal vein"},
                    {"id": "b", "text": "Hepatic artery"},
                    {"id": "c", "text": "Hepatic veins"},
                ],
                "answer": ["a", "b"],
                "source": "test",
            }
        ),
        parse_question(
            {
                "id": "c-tf",
                "type": "true_false",
                "stem": "The hepatic veins drain into the IVC.",
                "answer": True,
                "source": "test",
            }
        ),
        parse_question(
            {
                "id": "c-numeric",
                "type": "numeric",
                "stem": "How many mL?",
                "answer": {"value": 250.0, "unit": "mL", "abs_tol": 10.0},
                "source": "test",
            }
        ),
    ],
)


@pytest.fixture(scope="session")
def canvas_schema() -> xmlschema.XMLSchema11:
    """Our Canvas QTI 1.2 schema (XSD 1.1)."""
    return xmlschema.XMLSchema11(str(TESTS / "schemas" / "canvas-qti12.xsd"))


def _errors(schema: xmlschema.XMLSchema11, text: str) -> list[str]:
    return [str(error).splitlines()[0] for error in schema.iter_errors(text)]


CANVAS_TYPES = {"single", "multiple", "true_false", "numeric", "matching", "label_diagram"}


def _bank_quiz(path: Path) -> ExportQuiz:
    """A shipped bank's questions Canvas holds (see the refusal tests), templates made."""
    bank = load_bank(path)
    kept = [
        variants.concrete(q, 0)
        for q in bank
        if all(p.type in CANVAS_TYPES for p in (getattr(q, "parts", None) or [q]))
    ]
    return ExportQuiz.of(bank.name, bank.title, kept)


def _assessment_name(names: list[str]) -> str:
    [name] = [n for n in names if n.endswith(".xml") and "/" in n and "assessment_meta" not in n]
    return name


# --- the schema itself is honest ---------------------------------------------------------------


def test_schema_accepts_what_text2qti_writes(canvas_schema):
    reference = (GOLDEN / "canvas-text2qti-0.8.0-reference.xml").read_text()
    assert _errors(canvas_schema, reference) == []


def _broken_documents() -> dict[str, ET.Element]:
    """Our export of the small quiz, each copy broken in one way Canvas would not accept."""
    good = ET.fromstring(canvas_assessment_xml(SMALL_QUIZ))
    broken: dict[str, ET.Element] = {}

    def variant(name: str) -> ET.Element:
        broken[name] = copy.deepcopy(good)
        return broken[name]

    first = f"{Q}assessment/{Q}section/{Q}item"
    doc = variant("unknown question type")
    doc.find(f"{first}//{Q}fieldentry").text = "essay_question"
    doc = variant("metadata field missing")
    fields = doc.find(f"{first}/{Q}itemmetadata/{Q}qtimetadata")
    fields.remove(fields[1])
    doc = variant("feedback link to nothing")
    doc.find(f"{first}//{Q}displayfeedback").set("linkrefid", "no_such_fb")
    doc = variant("condition on an unknown response")
    doc.find(f"{first}//{Q}varequal").set("respident", "response9")
    doc = variant("correct answer that is no choice")
    doc.find(first).findall(f".//{Q}varequal")[-1].text = "choice_zz"
    doc = variant("no condition gives full marks")
    for setvar in doc.find(first).iter(f"{Q}setvar"):
        setvar.text = "50"
    doc = variant("numeric bound that is no number")
    doc.find(f".//{Q}vargte").text = "about 240"
    doc = variant("duplicate item ident")
    items = doc.findall(f"{Q}assessment/{Q}section/{Q}item")
    items[1].set("ident", items[0].get("ident"))
    doc = variant("multiple answers shown as radio buttons")
    doc.findall(f"{Q}assessment/{Q}section/{Q}item")[1].find(f".//{Q}response_lid").set(
        "rcardinality", "Single"
    )
    doc = variant("raw HTML element inside mattext")
    mattext = doc.find(f"{first}//{Q}mattext")
    ET.SubElement(mattext, "p").text = "markup, not escaped text"
    return broken


@pytest.mark.parametrize("name", list(_broken_documents()))
def test_schema_rejects_a_broken_document(canvas_schema, name):
    document = ET.tostring(_broken_documents()[name], encoding="unicode")
    assert _errors(canvas_schema, document), name


def test_the_unbroken_document_is_valid(canvas_schema):
    # The control for the test above: the breakage, not the baseline, is what fails.
    assert _errors(canvas_schema, canvas_assessment_xml(SMALL_QUIZ)) == []


# --- exports -------------------------------------------------------------------------------------


@pytest.mark.parametrize("bank_file", BANK_FILES, ids=lambda path: path.stem)
def test_every_real_bank_exports_valid_with_manifest_and_meta(canvas_schema, bank_file, tmp_path):
    quiz = _bank_quiz(bank_file)
    units = [export_id for export_id, _, _ in case_units(quiz)]
    path = write_canvas_qti12(quiz, tmp_path / "canvas.zip")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        assert "non_cc_assessments/" in names
        name = _assessment_name(names)
        document = archive.read(name).decode()
        assert _errors(canvas_schema, document) == []
        items = ET.fromstring(document).findall(f"{Q}assessment/{Q}section/{Q}item")
        assert [item.get("title") for item in items] == units
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        hrefs = {file.get("href") for file in manifest.iter(f"{CP}file")}
        assert hrefs == {
            n for n in names if n.endswith((".xml", ".png")) and n != "imsmanifest.xml"
        }
        [meta_name] = [n for n in names if n.endswith("assessment_meta.xml")]
        meta = ET.fromstring(archive.read(meta_name))
        # One point per question; the meta names the assessment the manifest lists.
        assert float(meta.find(f"{META}points_possible").text) == len(units)
        assert meta.find(f"{META}assignment/{META}quiz_identifierref").text == meta.get(
            "identifier"
        )
        assert name == f"{meta.get('identifier')}/{meta.get('identifier')}.xml"


def test_hostile_bank_is_escaped_and_valid(canvas_schema):
    document = canvas_assessment_xml(ExportQuiz.from_bank(HOSTILE))
    assert _errors(canvas_schema, document) == []
    root = ET.fromstring(document)
    for mattext in root.iter(f"{Q}mattext"):
        # mattext holds HTML as escaped text: the HTML inside is sanitized, so no tag to fear.
        assert len(mattext) == 0
        lowered = (mattext.text or "").lower()
        assert not any(needle in lowered for needle in DANGEROUS), mattext.text
    assert "<script" not in root.find(f"{Q}assessment").get("title").lower()


def _item(question: Question) -> ET.Element:
    return ET.fromstring(canvas_item_xml(question))


def test_choice_items_score_the_bank_answer():
    for question in (q for path in BANK_FILES for q in load_bank(path)):
        if question.type not in ("single", "true_false"):
            continue
        item = _item(question)
        labels = {
            label.get("ident"): label.find(f"{Q}material/{Q}mattext").text
            for label in item.iter(f"{Q}response_label")
        }
        full = [c for c in item.iter(f"{Q}respcondition") if c.find(f"{Q}setvar") is not None]
        [scoring] = full
        chosen = scoring.find(f"{Q}conditionvar/{Q}varequal").text
        # The label scored 100 shows the bank's answer text (an independent path to the key).
        if question.type == "single":
            assert labels[chosen] == question.option(question.answer).text, question.id
        else:
            assert labels[chosen] == str(question.answer), question.id


def test_multiple_answers_require_exactly_the_correct_set():
    question = SMALL_QUIZ.questions[1]
    item = _item(question)
    labels = {
        label.get("ident"): label.find(f"{Q}material/{Q}mattext").text
        for label in item.iter(f"{Q}response_label")
    }
    condition = item.find(f"{Q}resprocessing/{Q}respcondition/{Q}conditionvar/{Q}and")
    required = {labels[v.text] for v in condition.findall(f"{Q}varequal")}
    refused = {labels[v.text] for v in condition.findall(f"{Q}not/{Q}varequal")}
    assert required == {"Portal vein", "Hepatic artery"}
    assert refused == {"Hepatic veins"}


def test_numeric_bounds_agree_with_the_grader():
    numerics = [
        variants.concrete(q, 0)
        for path in BANK_FILES
        for q in load_bank(path)
        if q.type == "numeric"
    ]
    assert numerics
    for question in numerics:
        item = _item(question)
        low = float(item.find(f".//{Q}vargte").text)
        high = float(item.find(f".//{Q}varlte").text)
        step = max(abs(question.answer.expected), 1.0) * 1e-6
        for response in (question.answer.expected, low, high, low - step, high + step):
            accepted = low <= response <= high
            assert accepted == (grade(question, response).score == 1.0), (question.id, response)
        assert question.answer.unit in item.find(f"{Q}presentation//{Q}mattext").text


def test_matching_question_adds_shares_of_100_for_each_right_pair(canvas_schema):
    question = variants.concrete(ALL_TYPES["at-matching"], seed=1)
    document = canvas_assessment_xml(ExportQuiz.of("m", "M", [question]))
    assert _errors(canvas_schema, document) == []
    item = ET.fromstring(document).find(f".//{Q}item")
    assert item.find(f".//{Q}fieldentry").text == "matching_question"
    lids = item.findall(f"{Q}presentation/{Q}response_lid")
    prompts = [lid.find(f"{Q}material/{Q}mattext").text for lid in lids]
    assert prompts == [prompt.text for prompt in question.prompts]
    shares = [float(s.text) for s in item.iter(f"{Q}setvar") if s.get("action") == "Add"]
    assert math.isclose(sum(shares), 100.0) and len(shares) == len(question.prompts)
    for lid in lids:
        labels = {
            label.get("ident"): label.find(f".//{Q}mattext").text
            for label in lid.iter(f"{Q}response_label")
        }
        [right] = [
            v.text for v in item.iter(f"{Q}varequal") if v.get("respident") == lid.get("ident")
        ]
        prompt = next(p for p in question.prompts if p.text == lid.find(f".//{Q}mattext").text)
        assert labels[right] == question.choice(question.answer[prompt.id]).text


def test_ordering_is_refused_naming_the_item():
    # Label-the-diagram questions export as matching (test_export_label_diagram.py).
    with pytest.raises(UnsupportedQuestion, match="at-ordering"):
        canvas_files(ExportQuiz.of("q", "Q", [ALL_TYPES["at-ordering"]]))


def test_a_case_with_an_ordering_part_is_refused_naming_case_and_part():
    case = variants.concrete(ALL_TYPES["at-case"], seed=1)
    assert "ordering" in [part.type for part in case.parts]  # the fixture has one
    with pytest.raises(UnsupportedQuestion, match=r"at-case\.route"):
        canvas_files(ExportQuiz.of("q", "Q", [case]))


def test_a_case_becomes_its_parts_each_with_the_vignette(canvas_schema):
    case = variants.concrete(ALL_TYPES["at-case"], seed=1)
    parts = [part for part in case.parts if part.type != "ordering"]
    exportable = case.model_copy(update={"parts": parts})
    document = canvas_assessment_xml(ExportQuiz.of("c", "C", [exportable]))
    assert _errors(canvas_schema, document) == []
    items = ET.fromstring(document).findall(f".//{Q}item")
    assert [item.get("title") for item in items] == [f"{case.id}.{p.id}" for p in parts]
    opening = case.stem.split()[0]
    for item in items:
        assert item.find(f"{Q}presentation/{Q}material/{Q}mattext").text.find(opening) >= 0


def test_template_question_is_refused():
    with pytest.raises(ExportError, match="at-numeric-template"):
        canvas_item_xml(ALL_TYPES["at-numeric-template"])


def test_same_quiz_same_bytes_and_golden(tmp_path):
    first = write_canvas_qti12(SMALL_QUIZ, tmp_path / "a.zip").read_bytes()
    assert first == write_canvas_qti12(SMALL_QUIZ, tmp_path / "b.zip").read_bytes()
    with zipfile.ZipFile(tmp_path / "a.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
    # Regenerate after a deliberate format change by writing canvas_assessment_xml's output.
    golden = (GOLDEN / "canvas-golden-quiz.xml").read_text()
    assert canvas_assessment_xml(SMALL_QUIZ) == golden


def test_golden_file_and_fresh_output_are_schema_valid(canvas_schema):
    assert _errors(canvas_schema, (GOLDEN / "canvas-golden-quiz.xml").read_text()) == []
    assert _errors(canvas_schema, canvas_assessment_xml(SMALL_QUIZ)) == []


def _shape(item: ET.Element) -> list[tuple[str, tuple[str, ...], str]]:
    """Each element's tag, attribute names and, for fixed words, its text (not ids or HTML)."""
    fixed = {"fieldlabel", "fieldentry", "setvar", "decvar"}
    shape = []
    for element in item.iter():
        tag = element.tag.removeprefix(Q)
        text = (element.text or "").strip()
        if tag == "fieldentry" and (text.startswith(("g", "text2qti", "choice_")) or "," in text):
            text = "<id>"  # identifiers differ between tools; their place does not
        shape.append((tag, tuple(sorted(element.attrib)), text if tag in fixed else ""))
    return shape


@pytest.mark.parametrize(
    ("question_id", "canvas_type"),
    [("c-tf", "true_false_question"), ("c-multiple", "multiple_answers_question")],
)
def test_items_have_the_structure_text2qti_writes(question_id, canvas_type):
    # The independent expectation: text2qti 0.8.0's own output for the same kind of question
    # (tests/data/golden/canvas-text2qti-0.8.0-reference.xml), compared element by element.
    reference = ET.fromstring((GOLDEN / "canvas-text2qti-0.8.0-reference.xml").read_text())
    [expected] = [
        item
        for item in reference.iter(f"{Q}item")
        if any(entry.text == canvas_type for entry in item.iter(f"{Q}fieldentry"))
    ]
    question = next(q for q in SMALL_QUIZ.questions if q.id == question_id)
    ours = ET.fromstring(canvas_item_xml(question, SMALL_QUIZ.quiz_id))
    assert _shape(ours)[1:] == _shape(expected)[1:]  # the <item> itself differs only in ids
