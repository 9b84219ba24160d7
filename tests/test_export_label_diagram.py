"""Label-the-diagram questions in the QTI 2.1 and Canvas packages: figure, alt text, scoring.

The oracle for scores is ``grading.grade``; QTI items are run by the response-processing
interpreter of test_export_partial_credit.py (written from the QTI specification, not from the
exporter) and Canvas items by Canvas's matching rule (the shares of the right pairs, added).
Which number and name each identifier stands for is read back from the texts the learner sees
("Number 3", the name), never from the exporter's own tables. The expected PNG is drawn by the
diagram registry itself.
"""

from __future__ import annotations

import itertools
import posixpath
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from types import SimpleNamespace

import pytest
import xmlschema
from test_export_partial_credit import QtiItem
from test_export_qti21 import _errors as qti_errors
from test_export_qti21 import qti_schema  # noqa: F401 (fixture)

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
    alt_text_gives_key,
    diagram_figure,
)
from livermets_edu.quiz.export.qti21 import qti21_files, qti21_item_xml, write_qti21
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.label_diagrams import LABEL_DIAGRAMS
from livermets_edu.quiz.schema import LabelTheDiagram, Question, parse_question

TESTS = Path(__file__).parent
ROOT = TESTS.parent
ALL_TYPES = load_bank(TESTS / "data" / "banks" / "types" / "all-types.yaml")
AT_LABEL = ALL_TYPES["at-label"]
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
Q = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
CANVAS_CP = "{http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1}"
MODES = ("net-correct", "each-answer", "all-or-nothing")


def _bank_labels() -> list[LabelTheDiagram]:
    """Every label question of the shipped banks (a case's label parts too)."""
    found = []
    for path in sorted((ROOT / "quizzes").glob("*.yaml")):
        for question in load_bank(path):
            for part in getattr(question, "parts", None) or [question]:
                if isinstance(part, LabelTheDiagram):
                    found.append(variants.concrete(part, 0))
    return found


BANK_LABELS = _bank_labels()


def _label(question_id: str, diagram: str, ask: list[str], distractors=()) -> Question:
    return parse_question(
        {
            "id": question_id,
            "type": "label_diagram",
            "stem": "Name the numbered structures.",
            "diagram": diagram,
            "ask": ask,
            "distractors": list(distractors),
            "source": "test",
        }
    )


def test_the_banks_have_label_questions_to_export():
    assert len(BANK_LABELS) >= 3  # 01, 07 and 08 each hold one (test_bank_new_types.py)


# --- alt text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(LABEL_DIAGRAMS))
def test_no_registered_diagram_alt_text_gives_the_key(name):
    drawing = LABEL_DIAGRAMS[name]
    key = {number: drawing.display_names[region] for number, region in drawing.numbering.items()}
    assert not alt_text_gives_key(drawing.alt_text(), key)


def test_the_alt_text_check_catches_a_number_tied_to_its_name():
    key = {1: "Heart", 3: "Aorta"}
    for leaking in ("3: Aorta", "Aorta (3)", "number 3 is the aorta", "1 = heart"):
        assert alt_text_gives_key(leaking, key), leaking
    for safe in ("numbers 1 to 12 mark the structures", "the heart; number 6 is faded"):
        assert not alt_text_gives_key(safe, key), safe


def test_an_alt_text_that_gives_the_key_is_replaced_by_a_generic_one():
    drawing = SimpleNamespace(
        name="fake",
        title="A fake figure",
        numbering={1: "heart"},
        display_names={"heart": "Heart"},
        png=lambda: b"\x89PNG fake",
        alt_text=lambda: "A heart, labelled 1: Heart.",
    )
    figure = diagram_figure(SimpleNamespace(id="q", drawing=drawing))  # type: ignore[arg-type]
    assert figure.alt == "Diagram with numbered structures: A fake figure"


# --- QTI 2.1 -----------------------------------------------------------------------------------


def _qti_ids(item: ET.Element) -> tuple[dict[int, str], dict[str, str]]:
    """Number -> identifier and name -> identifier, read from the texts the learner sees."""
    numbers, names = item.findall(f".//{QTI}matchInteraction/{QTI}simpleMatchSet")
    by_number = {int(c.text.removeprefix("Number ")): c.get("identifier") for c in numbers}
    return by_number, {c.text: c.get("identifier") for c in names}


@pytest.mark.parametrize(
    ("question", "mode"),
    [(AT_LABEL, mode) for mode in MODES] + [(question, "net-correct") for question in BANK_LABELS],
    ids=lambda value: getattr(value, "id", value),
)
def test_qti_label_item_is_schema_valid(qti_schema, question, mode):  # noqa: F811
    assert qti_errors(qti_schema, qti21_item_xml(question, mode)) == []


@pytest.mark.parametrize("mode", MODES)
def test_qti_label_scores_as_the_grader_for_every_response(mode):
    item = QtiItem(qti21_item_xml(AT_LABEL, mode))
    by_number, by_name = _qti_ids(item.root)
    numbers = list(AT_LABEL.answer)
    assert sorted(by_number) == numbers and sorted(by_name) == sorted(AT_LABEL.name_choices)
    for picked in itertools.product(AT_LABEL.name_choices, repeat=len(numbers)):
        response = dict(zip(numbers, picked, strict=True))
        pairs = [f"{by_number[n]} {by_name[name]}" for n, name in response.items()]
        expected = grade(AT_LABEL, response, partial_credit=mode).score
        assert item.score(pairs) == pytest.approx(expected), response
    assert item.score(None) == 0.0


@pytest.mark.parametrize("question", BANK_LABELS, ids=lambda q: q.id)
def test_qti_bank_label_right_and_all_wrong_answers_score_as_the_grader(question):
    item = QtiItem(qti21_item_xml(question))
    by_number, by_name = _qti_ids(item.root)
    names = question.name_choices
    right = dict(question.answer)
    # Each number given the next name along the list: wrong for every number (names differ).
    shifted = {n: names[(names.index(name) + 1) % len(names)] for n, name in right.items()}
    one_wrong = {**right, next(iter(right)): shifted[next(iter(right))]}
    for response in (right, shifted, one_wrong):
        pairs = [f"{by_number[n]} {by_name[name]}" for n, name in response.items()]
        assert item.score(pairs) == pytest.approx(grade(question, response).score), response


def test_qti_prompt_shows_the_figure_with_its_alt_text_and_the_instruction():
    item = ET.fromstring(qti21_item_xml(AT_LABEL))
    prompt = item.find(f".//{QTI}matchInteraction/{QTI}prompt")
    [image] = prompt.iter(f"{QTI}img")
    assert image.get("alt") == LABEL_DIAGRAMS["radioembolization"].alt_text()
    assert image.get("src").startswith("media/") and image.get("src").endswith(".png")
    assert "Name each numbered structure" in "".join(prompt.itertext())
    assert [img for img in item.iter(f"{QTI}img")] == [image]  # only the figure


def _qti_package(tmp_path: Path, questions: list[Question]) -> zipfile.ZipFile:
    return zipfile.ZipFile(write_qti21(ExportQuiz.of("q", "Q", questions), tmp_path / "q.zip"))


def test_qti_package_holds_the_png_the_item_points_at_and_lists_it(tmp_path):
    second = _label("x-2", "radioembolization", ["aorta", "lungs"])
    other = _label("x-3", "ablation", ["tumour", "skin"])
    diagrams = {"at-label": "radioembolization", "x-2": "radioembolization", "x-3": "ablation"}
    with _qti_package(tmp_path, [AT_LABEL, second, other]) as archive:
        names = archive.namelist()
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        pngs = [name for name in names if name.endswith(".png")]
        # Two items show the radioembolization figure: it is stored once, beside ablation's.
        assert len(pngs) == 2
        for resource in manifest.iter(f"{CP}resource"):
            if resource.get("type") != "imsqti_item_xmlv2p1":
                continue
            href = resource.get("href")
            item = ET.fromstring(archive.read(href))
            [image] = item.iter(f"{QTI}img")
            # The src resolves against the item's own location, as a browser resolves it.
            target = posixpath.normpath(posixpath.join(posixpath.dirname(href), image.get("src")))
            diagram = LABEL_DIAGRAMS[diagrams[item.get("identifier")]]
            assert archive.read(target) == diagram.png()
            listed = [file.get("href") for file in resource.findall(f"{CP}file")]
            assert listed == [href, target]
        all_listed = {file.get("href") for file in manifest.iter(f"{CP}file")}
        assert all_listed == set(names) - {"imsmanifest.xml"}


def test_qti_package_with_a_figure_is_the_same_bytes_every_time(tmp_path):
    quiz = ExportQuiz.of("q", "Q", [AT_LABEL, *BANK_LABELS])
    first = write_qti21(quiz, tmp_path / "a.zip").read_bytes()
    assert first == write_qti21(quiz, tmp_path / "b.zip").read_bytes()
    # A freshly drawn figure gives the same PNG bytes: the name and the zip do not drift.
    assert LABEL_DIAGRAMS["radioembolization"].draw().to_png() == AT_LABEL.drawing.png()


def test_qti_a_case_with_a_label_part_opens_with_the_vignette(qti_schema):  # noqa: F811
    case = parse_question(
        {
            "id": "case-1",
            "type": "case",
            "stem": "A patient is referred for radioembolization.",
            "source": "test",
            "parts": [
                AT_LABEL.model_dump(exclude_none=True) | {"id": "route"},
                ALL_TYPES["at-single"].model_dump(exclude_none=True) | {"id": "why"},
            ],
        }
    )
    files = dict(qti21_files(ExportQuiz.of("q", "Q", [case])))
    item = files["items/case-1.route.xml"]
    assert qti_errors(qti_schema, item) == []
    body = ET.fromstring(item).find(f"{QTI}itemBody")
    assert body[0].get("class") == "case" and "radioembolization" in "".join(body[0].itertext())
    assert sum(name.endswith(".png") for name in files) == 1


def test_qti_distractor_markup_is_text_not_markup():
    hostile = _label("x-4", "ablation", ["tumour"], ['<img src=x onerror="alert(1)">'])
    item = ET.fromstring(qti21_item_xml(hostile))
    assert len(list(item.iter(f"{QTI}img"))) == 1  # the figure, and nothing from the bank
    texts = [c.text for c in item.iter(f"{QTI}simpleAssociableChoice")]
    assert any("onerror" in (text or "") for text in texts)  # shown as typed, escaped


# --- Canvas --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def canvas_schema() -> xmlschema.XMLSchema11:
    return xmlschema.XMLSchema11(str(TESTS / "schemas" / "canvas-qti12.xsd"))


def _canvas_errors(schema: xmlschema.XMLSchema11, text: str) -> list[str]:
    return [str(error).splitlines()[0] for error in schema.iter_errors(text)]


def _canvas_score(item: ET.Element, response: dict[int, str]) -> float:
    """Canvas's matching rule: add the share of every pair answered right, out of 100."""
    total = 0.0
    lids = {lid.get("ident"): lid for lid in item.iter(f"{Q}response_lid")}
    chosen = {}
    for ident, lid in lids.items():
        number = int(lid.find(f"{Q}material/{Q}mattext").text.removeprefix("Number "))
        labels = {
            label.find(f".//{Q}mattext").text: label.get("ident")
            for label in lid.iter(f"{Q}response_label")
        }
        chosen[ident] = labels[response[number]]
    for condition in item.iter(f"{Q}respcondition"):
        test = condition.find(f"{Q}conditionvar/{Q}varequal")
        setvar = condition.find(f"{Q}setvar")
        if test is not None and setvar is not None and chosen[test.get("respident")] == test.text:
            total += float(setvar.text)
    return total / 100


@pytest.mark.parametrize("question", [AT_LABEL, *BANK_LABELS], ids=lambda q: q.id)
def test_canvas_label_is_valid_matching_scored_as_the_grader(canvas_schema, question):
    document = canvas_assessment_xml(ExportQuiz.of("q", "Q", [question]))
    assert _canvas_errors(canvas_schema, document) == []
    item = ET.fromstring(document).find(f".//{Q}item")
    assert item.find(f".//{Q}fieldentry").text == "matching_question"
    names = question.name_choices
    responses = (
        itertools.product(names, repeat=len(question.answer))
        if len(question.answer) <= 3
        else [  # right, all wrong, and one wrong for a larger question
            list(question.answer.values()),
            [names[(names.index(n) + 1) % len(names)] for n in question.answer.values()],
            [names[(names.index(n) + 1) % len(names)] for n in question.answer.values()][:1]
            + list(question.answer.values())[1:],
        ]
    )
    for picked in responses:
        response = dict(zip(question.answer, picked, strict=True))
        # Shares are rounded to hundredths of a point, as Canvas stores them.
        assert _canvas_score(item, response) == pytest.approx(
            grade(question, response).score, abs=1e-4
        ), response


def test_canvas_single_number_label_is_valid(canvas_schema):
    one = _label("x-5", "radioembolization", ["aorta"], ["Splenic artery"])
    document = canvas_assessment_xml(ExportQuiz.of("q", "Q", [one]))
    assert _canvas_errors(canvas_schema, document) == []
    item = ET.fromstring(document).find(f".//{Q}item")
    assert _canvas_score(item, {14: "Aorta"}) == 1.0
    assert _canvas_score(item, {14: "Splenic artery"}) == 0.0


def test_canvas_refuses_an_all_or_nothing_label_naming_the_item():
    with pytest.raises(ExportError, match="at-label: Canvas.*label_diagram.*all-or-nothing"):
        canvas_item_xml(AT_LABEL, partial_credit="all-or-nothing")


def test_canvas_image_follows_text2qti(tmp_path):
    # text2qti (markdown.py, Image): src "%24IMS-CC-FILEBASE%24/images/NAME", the file at
    # images/NAME in the zip, and a webcontent resource whose href and file are that path.
    second = _label("x-2", "radioembolization", ["aorta", "lungs"])
    quiz = ExportQuiz.of("q", "Q", [AT_LABEL, second])
    path = write_canvas_qti12(quiz, tmp_path / "c.zip")
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        [png] = [name for name in names if name.endswith(".png")]  # two items, one file
        assert png.startswith("images/")
        assert archive.read(png) == LABEL_DIAGRAMS["radioembolization"].png()
        manifest = ET.fromstring(archive.read("imsmanifest.xml"))
        [resource] = [
            r for r in manifest.iter(f"{CANVAS_CP}resource") if r.get("type") == "webcontent"
        ]
        assert resource.get("href") == png
        assert [f.get("href") for f in resource.findall(f"{CANVAS_CP}file")] == [png]
        [assessment] = [n for n in names if n.endswith(".xml") and "/" in n and "meta" not in n]
        for item in ET.fromstring(archive.read(assessment)).iter(f"{Q}item"):
            html_text = item.find(f"{Q}presentation/{Q}material/{Q}mattext").text
            src = f'src="%24IMS-CC-FILEBASE%24/{urllib.parse.quote(png)}"'
            assert src in html_text
            alt = LABEL_DIAGRAMS["radioembolization"].alt_text()
            assert f'alt="{alt}"' in html_text
            assert "Name each numbered structure." in html_text
    assert path.read_bytes() == write_canvas_qti12(quiz, tmp_path / "d.zip").read_bytes()


def test_canvas_files_without_a_label_have_no_images():
    names = [name for name, _ in canvas_files(ExportQuiz.of("q", "Q", [ALL_TYPES["at-single"]]))]
    assert not any(name.startswith("images/") for name in names)
