"""QTI 2.1 export: schema-valid items and test, a complete manifest, the scoring our grader gives.

The IMS schema lives outside the repository, in ../shared/schemas (see its README); where it is
absent the schema tests skip and say so. It imports xml.xsd (bundled with xmlschema), XInclude
and APIP: those two are mapped to the minimal stand-ins in tests/schemas/stand-ins/.
"""

from __future__ import annotations

import itertools
import math
import time
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest
import xmlschema

from livermets_edu.quiz import load_bank, variants
from livermets_edu.quiz.export.common import (
    ExportError,
    ExportQuiz,
    UnsupportedQuestion,
    case_units,
)
from livermets_edu.quiz.export.qti21 import (
    qti21_files,
    qti21_item_xml,
    qti21_test_xml,
    write_qti21,
)
from livermets_edu.quiz.export.xml_tools import append_xhtml
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.render import markdown_to_plain_text
from livermets_edu.quiz.schema import MultipleResponse, Question, parse_question

ROOT = Path(__file__).resolve().parents[1]
TESTS = Path(__file__).parent
QTI_SCHEMA = ROOT.parent / "shared" / "schemas" / "qti-2.1" / "imsqti_v2p1p2.xsd"
STAND_INS = TESTS / "schemas" / "stand-ins"
GOLDEN = TESTS / "data" / "golden"
BANK_FILES = sorted((ROOT / "quizzes").glob("*.yaml"))
HOSTILE = load_bank(TESTS / "data" / "banks" / "xss-bank.yaml")
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"
CP = "{http://www.imsglobal.org/xsd/imscp_v1p1}"
DANGEROUS_TAGS = {"script", "style", "iframe", "img", "svg", "object", "embed", "form", "input",
                    "details", "math"}  # fmt: skip

# A small fixed quiz for the golden file: one question of each type, with feedback, a unit,
# and Markdown that QTI's XHTML needs converting (a line break, a table, a struck word).
SMALL_QUIZ = ExportQuiz.of(
    "golden-quiz",
    "Golden quiz",
    [
        parse_question(
            {
                "id": "g-single",
                "type": "single",
                "stem": "Which vessel brings **most** inflow?  \nPick one.",
                "options": [
                    {"id": "a", "text": "Portal vein", "feedback": "Right."},
                    {"id": "b", "text": "Hepatic ~~vein~~ artery", "feedback": "No."},
                ],
                "answer": "a",
                "explanation": "| vessel | share |\n|---|---|\n| portal | most |",
                "source": "test",
            }
        ),
        parse_question(
            {
                "id": "g-multiple",
                "type": "multiple",
                "stem": "Which bring blood **into** the liver?",
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
                "id": "g-tf",
                "type": "true_false",
                "stem": "The liver has a dual blood supply.",
                "answer": True,
                "explanation": "> Both vessels feed it.",
                "source": "test",
            }
        ),
        parse_question(
            {
                "id": "g-numeric",
                "type": "numeric",
                "stem": "How many mL?",
                "answer": {"value": 250.0, "unit": "mL", "abs_tol": 10.0},
                "source": "test",
            }
        ),
    ],
)


@pytest.fixture(scope="session")
def qti_schema() -> xmlschema.XMLSchema:
    """The IMS QTI 2.1.2 schema, built once per session (about a second)."""
    if not QTI_SCHEMA.exists():
        pytest.skip(
            f"QTI 2.1 schema not found at {QTI_SCHEMA} (the shared schemas folder next to the "
            "project); schema validation skipped"
        )
    started = time.perf_counter()
    schema = xmlschema.XMLSchema(
        str(QTI_SCHEMA),
        locations=[
            ("http://www.w3.org/2001/XInclude", str(STAND_INS / "XInclude.xsd")),
            (
                "http://www.imsglobal.org/xsd/apip/apipv1p0/imsapip_qtiv1p0",
                str(STAND_INS / "apip-stand-in.xsd"),
            ),
        ],
    )
    print(f"QTI 2.1 schema built in {time.perf_counter() - started:.2f} s")
    return schema


def _errors(schema: xmlschema.XMLSchema, text: str | bytes) -> list[str]:
    source = text.decode() if isinstance(text, bytes) else text
    return [str(error).splitlines()[0] + " " + error.path for error in schema.iter_errors(source)]


def _bank_quiz(path: Path) -> ExportQuiz:
    """A shipped bank's questions (QTI holds every type), templates made concrete (seed 0)."""
    bank = load_bank(path)
    return ExportQuiz.of(bank.name, bank.title, [variants.concrete(q, 0) for q in bank])


def _is_item(name: str) -> bool:
    """An item file of the package (items/ID.xml), not a figure in items/media/."""
    return name.startswith("items/") and name.endswith(".xml")


def _quizzes() -> list[ExportQuiz]:
    return [_bank_quiz(path) for path in BANK_FILES]


# --- schema validity ---------------------------------------------------------------------------


@pytest.mark.parametrize("bank_file", BANK_FILES, ids=lambda path: path.stem)
def test_every_item_and_the_test_of_a_real_bank_are_schema_valid(qti_schema, bank_file):
    quiz = _bank_quiz(bank_file)
    files = qti21_files(quiz)
    # The manifest first, then the test, then one item per question (a case: per part), then
    # any label figures (PNG, not XML).
    names = [name for name, _ in files]
    assert names[:2] == ["imsmanifest.xml", "assessment-test.xml"]
    assert len([name for name in names if _is_item(name)]) == len(case_units(quiz))
    for name, data in files[1:]:
        if name.endswith(".xml"):
            assert _errors(qti_schema, data) == [], name


def test_there_are_real_banks_to_export():
    # The design names at least these lessons' banks; an empty glob would pass vacuously.
    assert {"01-blood-supply", "07-ablation", "08-liver-directed"} <= {p.stem for p in BANK_FILES}


def test_hostile_bank_exports_schema_valid_and_without_script(qti_schema, tmp_path):
    quiz = ExportQuiz.from_bank(HOSTILE)
    path = write_qti21(quiz, tmp_path / "hostile.zip")
    with zipfile.ZipFile(path) as archive:
        for name in archive.namelist():
            text = archive.read(name).decode()
            if name.startswith("items/") or name == "assessment-test.xml":
                assert _errors(qti_schema, text) == [], name
            # Parsed, not searched: "javascript:" may survive as visible text, never as a link.
            for element in ET.fromstring(text).iter():
                tag = element.tag.rpartition("}")[2]
                assert tag not in DANGEROUS_TAGS, (name, tag)
                assert not any(key.lower().startswith("on") for key in element.attrib), name
                href = element.get("href", "")
                assert href.split(":")[0] in {"http", "https", "mailto"} or ":" not in href, href
    # The title's "</title><script>" is text, not markup: the test title keeps only plain words.
    title = ET.fromstring(qti21_test_xml(quiz)).get("title")
    assert title is not None and "<" not in title and "Hostile" in title


@pytest.mark.parametrize(
    "markdown",
    [
        "line one  \nline two",  # <br>, void in HTML
        "<u>under</u> <s>struck</s> <del>gone</del> <ins>new</ins> <mark>seen</mark>",
        "<blockquote>loose text <em>and inline</em></blockquote>",
        '<a href="javascript:alert(1)">bad link</a> and <a href="https://x.org" title="t">ok</a>',
        "<p>para <ul><li>list in a paragraph</li></ul></p>",
        "<table><tr><td>no head</td></tr></table>",
        "| only | header |\n|---|---|",
        "<ol start=3><li>third</li></ol><dl><dt>term</dt><dd>meaning</dd></dl>",
        "<abbr title='computed tomography'>CT</abbr> <q>quoted</q> H<sub>2</sub>O x<sup>2</sup>",
        "<ul></ul><ul>text in a list</ul>",
        "<li>an item outside any list</li>",
    ],
)
def test_html_that_qti_does_not_allow_is_rewritten_into_valid_xhtml(qti_schema, markdown):
    question = parse_question(
        {
            "id": "html-1",
            "type": "single",
            "stem": markdown,
            "options": [
                {"id": "a", "text": markdown.replace("\n", " "), "feedback": markdown},
                {"id": "b", "text": "plain"},
            ],
            "answer": "a",
            "explanation": markdown,
            "source": "test",
        }
    )
    assert _errors(qti_schema, qti21_item_xml(question)) == []


def test_xhtml_conversion_keeps_the_words_and_maps_tags():
    parent = ET.Element("div")
    append_xhtml(parent, '<p>a<br>b <u>u</u> <a href="https://x.org" rel="noopener">l</a></p>')
    # Words and order kept; <u> becomes a span marked 'u'; only href survives on <a>.
    assert "".join(parent.itertext()) == "ab u l"
    assert parent.find("p/br") is not None
    assert parent.find("p/span").attrib == {"class": "u"}
    assert parent.find("p/a").attrib == {"href": "https://x.org"}
    quote = ET.Element("blockquote")
    append_xhtml(quote, "loose <em>text</em>", "block")
    assert [child.tag for child in quote] == ["p"]  # blockquote takes blocks only in QTI


# --- package structure -------------------------------------------------------------------------


def _manifest(archive: zipfile.ZipFile) -> ET.Element:
    return ET.fromstring(archive.read("imsmanifest.xml"))


def test_manifest_lists_every_file_and_the_test_references_every_item(tmp_path):
    quiz = _bank_quiz(BANK_FILES[0])
    path = write_qti21(quiz, tmp_path / "quiz.zip")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        manifest = _manifest(archive)
        resources = manifest.findall(f"{CP}resources/{CP}resource")
        types = [resource.get("type") for resource in resources]
        assert types.count("imsqti_test_xmlv2p1") == 1
        assert types.count("imsqti_item_xmlv2p1") == len(case_units(quiz))
        listed = {file.get("href") for file in manifest.iter(f"{CP}file")}
        assert listed == names - {"imsmanifest.xml"}
        for resource in resources:
            assert resource.get("href") in names
        test_resource = next(r for r in resources if r.get("type") == "imsqti_test_xmlv2p1")
        item_ids = {
            r.get("identifier") for r in resources if r.get("type") != test_resource.get("type")
        }
        depends = {d.get("identifierref") for d in test_resource.findall(f"{CP}dependency")}
        assert depends == item_ids
        test = ET.fromstring(archive.read(test_resource.get("href")))
        refs = [ref for ref in test.iter(f"{QTI}assessmentItemRef")]
        # Every question once, in quiz order, each href a file whose item id matches.
        assert [ref.get("identifier") for ref in refs] == [i for i, _, _ in case_units(quiz)]
        for ref in refs:
            item = ET.fromstring(archive.read(ref.get("href")))
            assert item.get("identifier") == ref.get("identifier")


def test_same_quiz_gives_identical_bytes_with_fixed_timestamps(tmp_path):
    first = write_qti21(SMALL_QUIZ, tmp_path / "one.zip").read_bytes()
    second = write_qti21(SMALL_QUIZ, tmp_path / "two.zip").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "one.zip") as archive:
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}


def test_golden_small_quiz():
    # Regenerate after a deliberate format change by writing these strings to the files.
    items = {question.id: qti21_item_xml(question) for question in SMALL_QUIZ.questions}
    for question_id, text in items.items():
        assert text == (GOLDEN / f"qti21-{question_id}.xml").read_text(), question_id
    assert qti21_test_xml(SMALL_QUIZ) == (GOLDEN / "qti21-golden-quiz-test.xml").read_text()


def test_golden_files_and_fresh_output_are_schema_valid(qti_schema):
    golden = sorted(GOLDEN.glob("qti21-*.xml"))
    assert len(golden) == len(SMALL_QUIZ.questions) + 1
    for path in golden:
        assert _errors(qti_schema, path.read_text()) == [], path.name
    # What the exporter writes today, not only what it wrote when the files were saved.
    for name, data in qti21_files(SMALL_QUIZ)[1:]:
        assert _errors(qti_schema, data) == [], name


# QTI 2.1's standard response-processing template match_correct (rptemplates/match_correct.xml
# in the IMS specification), written by hand: SCORE 1 when the response matches the correct
# response, else 0. A true/false item is a choice item with one correct identifier.
HAND_WRITTEN_MATCH_CORRECT = f"""
<responseProcessing xmlns="{QTI[1:-1]}">
  <responseCondition>
    <responseIf>
      <match><variable identifier="RESPONSE"/><correct identifier="RESPONSE"/></match>
      <setOutcomeValue identifier="SCORE">
        <baseValue baseType="float">1</baseValue>
      </setOutcomeValue>
    </responseIf>
    <responseElse>
      <setOutcomeValue identifier="SCORE">
        <baseValue baseType="float">0</baseValue>
      </setOutcomeValue>
    </responseElse>
  </responseCondition>
</responseProcessing>
"""
HAND_WRITTEN_TRUE_DECLARATION = f"""
<responseDeclaration xmlns="{QTI[1:-1]}" identifier="RESPONSE" cardinality="single"
    baseType="identifier">
  <correctResponse><value>true</value></correctResponse>
</responseDeclaration>
"""


def _canonical(element_or_text: ET.Element | str) -> tuple:
    """Tag, attributes, text and children, whitespace between elements ignored."""
    element = (
        ET.fromstring(element_or_text) if isinstance(element_or_text, str) else element_or_text
    )
    children = tuple(_canonical(child) for child in element)
    return (element.tag, sorted(element.attrib.items()), (element.text or "").strip(), children)


def test_a_true_false_item_scores_by_the_hand_written_match_correct_template():
    # g-tf without its explanation (which adds an outcome for the modal feedback).
    item = _item(SMALL_QUIZ.questions[2].model_copy(update={"explanation": ""}))
    assert _canonical(item.find(f"{QTI}responseProcessing")) == _canonical(
        HAND_WRITTEN_MATCH_CORRECT
    )
    assert _canonical(item.find(f"{QTI}responseDeclaration")) == _canonical(
        HAND_WRITTEN_TRUE_DECLARATION
    )
    interaction = item.find(f"{QTI}itemBody/{QTI}choiceInteraction")
    assert [(c.get("identifier"), c.text) for c in interaction] == [
        ("true", "True"),
        ("false", "False"),
    ]


# --- scoring: the exported rules give what grading.py gives ------------------------------------


def _item(question: Question) -> ET.Element:
    return ET.fromstring(qti21_item_xml(question))


def _qti_multiple_score(item: ET.Element, chosen: set[str]) -> float:
    """Evaluate QTI's mapResponse / k as the spec defines it (sum of mapped values, bounded)."""
    mapping = item.find(f"{QTI}responseDeclaration/{QTI}mapping")
    values = {entry.get("mapKey"): float(entry.get("mappedValue")) for entry in mapping}
    total = sum(values.get(choice, float(mapping.get("defaultValue"))) for choice in chosen)
    total = min(max(total, float(mapping.get("lowerBound"))), float(mapping.get("upperBound")))
    divide = item.find(f"{QTI}responseProcessing/{QTI}setOutcomeValue/{QTI}divide")
    assert divide[0].tag == f"{QTI}mapResponse"
    return total / float(divide[1].text)


def test_multiple_response_mapping_matches_net_correct_grading_for_every_choice():
    questions = [
        q for path in BANK_FILES for q in load_bank(path) if isinstance(q, MultipleResponse)
    ]
    assert questions
    for question in questions:
        item = _item(question)
        for size in range(1, len(question.option_ids) + 1):
            for chosen in itertools.combinations(question.option_ids, size):
                expected = grade(question, list(chosen)).score  # our grader is the oracle
                assert math.isclose(_qti_multiple_score(item, set(chosen)), expected), (
                    question.id,
                    chosen,
                )


def test_choice_items_declare_the_bank_answer_as_correct():
    for question in (q for path in BANK_FILES for q in load_bank(path)):
        if question.type not in ("single", "true_false"):
            continue
        item = _item(question)
        values = [v.text for v in item.iter(f"{QTI}value") if v.text]
        correct = item.find(f"{QTI}responseDeclaration/{QTI}correctResponse/{QTI}value").text
        expected = question.answer if question.type == "single" else str(question.answer).lower()
        assert correct == expected, question.id
        interaction = item.find(f"{QTI}itemBody/{QTI}choiceInteraction")
        assert interaction.get("maxChoices") == "1"
        assert values


def _bounds(item: ET.Element) -> tuple[float, float]:
    condition = item.find(
        f"{QTI}responseProcessing/{QTI}responseCondition/{QTI}responseIf/{QTI}and"
    )
    gte, lte = condition.find(f"{QTI}gte"), condition.find(f"{QTI}lte")
    assert gte[0].get("identifier") == lte[0].get("identifier") == "RESPONSE"
    return float(gte[1].text), float(lte[1].text)


def test_numeric_bounds_accept_what_the_grader_accepts():
    numerics = [
        variants.concrete(q, 0)
        for path in BANK_FILES
        for q in load_bank(path)
        if q.type == "numeric"
    ]
    assert numerics
    for question in numerics:
        item = _item(question)
        declaration = item.find(f"{QTI}responseDeclaration")
        assert declaration.get("baseType") == "float"
        low, high = _bounds(item)
        expected = question.answer.expected
        step = max(abs(expected), 1.0) * 1e-6
        # Inside, at the ends, and just outside: the exported interval agrees with grade().
        for response in (expected, low, high, low - step, high + step):
            accepted = low <= response <= high
            assert accepted == (grade(question, response).score == 1.0), (question.id, response)


# --- what the format cannot hold ---------------------------------------------------------------


class Essay(Question):
    """A question type no exporter knows, standing for any type added later."""

    type: str = "essay"


def test_an_unknown_question_type_raises_naming_the_item():
    essay = Essay(id="es-001", stem="Discuss.", source="test")
    with pytest.raises(UnsupportedQuestion, match="es-001"):
        qti21_item_xml(essay)
    with pytest.raises(UnsupportedQuestion, match="es-001"):
        qti21_files(ExportQuiz.of("q", "Q", [SMALL_QUIZ.questions[0], essay]))


def test_ids_that_collide_as_identifiers_are_refused():
    question = parse_question(
        {
            "id": "clash",
            "type": "single",
            "stem": "?",
            "options": [{"id": "1", "text": "one"}, {"id": "o1", "text": "o-one"}],
            "answer": "1",
            "source": "test",
        }
    )
    with pytest.raises(ExportError, match="clash"):
        qti21_item_xml(question)
    upper = SMALL_QUIZ.questions[2].model_copy(update={"id": "G-TF"})
    lower = SMALL_QUIZ.questions[2].model_copy(update={"id": "g-tf"})
    with pytest.raises(ExportError, match="G-TF"):
        qti21_files(ExportQuiz.of("q", "Q", [upper, lower]))


def test_writing_into_a_missing_folder_is_a_clear_error(tmp_path):
    with pytest.raises(ExportError, match="does not exist"):
        write_qti21(SMALL_QUIZ, tmp_path / "no-such-folder" / "quiz.zip")


def test_all_real_banks_export(tmp_path):
    for quiz in _quizzes():
        path = write_qti21(quiz, tmp_path / f"{quiz.quiz_id}.zip")
        with zipfile.ZipFile(path) as archive:
            assert archive.testzip() is None
            items = [name for name in archive.namelist() if _is_item(name)]
            assert len(items) == len(case_units(quiz))


# --- the newer types: matching, ordering, case (label_diagram: test_export_label_diagram.py) ----

ALL_TYPES = load_bank(TESTS / "data" / "banks" / "types" / "all-types.yaml")


def _concrete(question_id: str) -> Question:
    return variants.concrete(ALL_TYPES[question_id], seed=7)


def _exact(question: Question) -> Question:
    """A short answer with its fuzzy answers made exact (QTI cannot match approximately; that
    refusal is tested in test_export_short_answer.py); any other question as it is."""
    if question.type != "short_answer":
        return question
    answers = [answer.model_copy(update={"fuzzy": 1.0}) for answer in question.answers]
    return question.model_copy(update={"answers": answers})


def test_every_exportable_type_is_schema_valid(qti_schema):
    exportable = [_exact(_concrete(q.id)) for q in ALL_TYPES]
    assert "label_diagram" in {q.type for q in exportable}
    files = qti21_files(ExportQuiz.of("all-types", "All types", exportable))
    for name, data in files[1:]:
        if name.endswith(".xml"):
            assert _errors(qti_schema, data) == [], name


def test_matching_mapping_scores_as_the_grader_for_every_response():
    question = _concrete("at-matching")
    item = _item(question)
    sets = item.findall(f"{QTI}itemBody/{QTI}matchInteraction/{QTI}simpleMatchSet")
    prompts = [c.get("identifier") for c in sets[0]]
    choices = [c.get("identifier") for c in sets[1]]
    # Prompts follow bank order; choices are scrambled, so their text says which is which.
    to_prompt = dict(zip(prompts, question.prompt_ids, strict=True))
    by_text = {choice.text: choice.id for choice in question.choices}
    to_choice = {c.get("identifier"): by_text["".join(c.itertext()).strip()] for c in sets[1]}
    assert [to_choice[c] for c in choices] != question.choice_ids  # never in bank order
    mapping = item.find(f"{QTI}responseDeclaration/{QTI}mapping")
    values = {entry.get("mapKey"): float(entry.get("mappedValue")) for entry in mapping}
    divisor = float(item.find(f".//{QTI}divide/{QTI}baseValue").text)
    for picked in itertools.product(choices, repeat=len(prompts)):
        pairs = [f"{p} {c}" for p, c in zip(prompts, picked, strict=True)]
        total = sum(values.get(pair, 0.0) for pair in pairs)
        total = min(max(total, float(mapping.get("lowerBound"))), float(mapping.get("upperBound")))
        qti_score = total / divisor
        response = {to_prompt[p]: to_choice[c] for p, c in zip(prompts, picked, strict=True)}
        assert math.isclose(qti_score, grade(question, response).score), response


def test_ordering_declares_the_bank_order_and_does_not_show_it():
    question = _concrete("at-ordering")
    item = _item(question)
    correct = [v.text for v in item.find(f"{QTI}responseDeclaration/{QTI}correctResponse")]
    interaction = item.find(f"{QTI}itemBody/{QTI}orderInteraction")
    shown = [choice.get("identifier") for choice in interaction]
    assert correct == [item_id for item_id in question.answer]  # bank order is the answer
    assert sorted(shown) == sorted(correct) and shown != correct
    assert interaction.get("shuffle") == "true"


def test_a_case_becomes_its_parts_in_order_each_with_the_vignette():
    case = _concrete("at-case")
    quiz = ExportQuiz.of("cases", "Cases", [case])
    test = ET.fromstring(qti21_test_xml(quiz))
    refs = [ref.get("identifier") for ref in test.iter(f"{QTI}assessmentItemRef")]
    assert refs == [f"{case.id}.{part.id}" for part in case.parts]
    vignette_words = markdown_to_plain_text(case.stem).split()[:5]
    for name, data in qti21_files(quiz)[2:]:
        body = ET.fromstring(data).find(f"{QTI}itemBody")
        text = " ".join("".join(body[0].itertext()).split())
        assert body[0].get("class") == "case" and " ".join(vignette_words) in text, name


def test_a_template_question_is_refused_until_a_variant_is_made():
    with pytest.raises(ExportError, match="at-numeric-template.*variant"):
        qti21_item_xml(ALL_TYPES["at-numeric-template"])
