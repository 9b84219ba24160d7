"""Short-answer questions in every export: each format grades as our grader does, or refuses.

Independent judges, not the exporters' own code: the Moodle XML schema (checked here against
Moodle's own expected shortanswer export), gift-pegjs (a GIFT grammar), the IMS QTI 2.1 schema
and a QTI response-processing interpreter (tests/test_export_partial_credit.py, with
``stringMatch`` added here from the specification), our Canvas schema (checked against
text2qti's own short-answer output), and the official anki library. Scores are compared with
``grading.grade``, through Python transcriptions of each LMS's matching rule: Moodle's
``qtype_shortanswer_question::compare_string_with_wildcard`` and Canvas's
``Quizzes::QuizQuestion::ShortAnswerQuestion#matching_answer``.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import xmlschema
from test_export_anki import collection, import_package, notes_by_id  # noqa: F401 (fixture)
from test_export_canvas import _shape
from test_export_gift import gift_parser, parse_gift  # noqa: F401 (fixture)
from test_export_partial_credit import QtiItem, _local
from test_export_qti21 import _errors as qti_errors
from test_export_qti21 import qti_schema  # noqa: F401 (fixture)

from livermets_edu.quiz.export import ExportError, ExportQuiz
from livermets_edu.quiz.export.anki import write_anki
from livermets_edu.quiz.export.canvas_qti12 import canvas_assessment_xml, canvas_item_xml
from livermets_edu.quiz.export.gift import to_gift
from livermets_edu.quiz.export.moodle_xml import to_moodle_xml
from livermets_edu.quiz.export.printable import to_printable_html
from livermets_edu.quiz.export.qti21 import qti21_files, qti21_item_xml
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.render import markdown_to_plain_text, markdown_to_safe_html
from livermets_edu.quiz.schema import Question, parse_question

TESTS = Path(__file__).parent
GOLDEN = TESTS / "data" / "golden"
ALL_TYPES = load_bank(TESTS / "data" / "banks" / "types" / "all-types.yaml")
Q12 = "{http://www.imsglobal.org/xsd/ims_qtiasiv1p2}"
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def short(question_id: str, answers: list[dict], **fields: Any) -> Question:
    """A short-answer question built as a bank would write it."""
    return parse_question(
        {
            "id": question_id,
            "type": "short_answer",
            "stem": fields.pop("stem", "Which vessel brings most of the liver's inflow?"),
            "answers": answers,
            "source": "test",
            **fields,
        }
    )


# Wrong answers before and after the right ones, feedback on both kinds, and a '*' that
# Moodle would read as a wildcard.
VESSEL = short(
    "sa-vessel",
    [
        {"text": "hepatic artery", "correct": False, "feedback": "It brings *less* of it."},
        {"text": "portal vein", "feedback": "Yes: gut blood."},
        {"text": "hepatic portal  vein"},
        {"text": "PV*"},
        {"text": "hepatic vein", "correct": False, "feedback": "That one drains the liver."},
    ],
    explanation="The portal vein carries most of the inflow.",
)
# A wrong answer that decides responses a later right one also matches: a case-sensitive
# "HCC" comes first, so "HCC" scores 0 while "hcc" and "Hcc" score 1.
SHADOW = short(
    "sa-shadow",
    [
        {"text": "HCC", "correct": False, "match_case": True, "feedback": "Write it in full."},
        {"text": "hcc"},
    ],
    stem="Type the abbreviation in lower case.",
)
# "2" has no letter, so its match_case cannot disagree with the others'.
CASED = short(
    "sa-cased",
    [{"text": "FOLFOX", "match_case": True}, {"text": "5-FU", "match_case": True}, {"text": "2"}],
    stem="Name the regimen (or its number in the list above).",
)
MIXED = short("sa-mixed", [{"text": "FOLFOX", "match_case": True}, {"text": "Folfiri"}])
FUZZY = short("sa-fuzzy", [{"text": "portal vein", "fuzzy": 0.8}])
HOSTILE_TEXT = "<script>alert(1)</script> ]]> & ~=#{}: \\ 'q' \"q\" [x] %50%"
HOSTILE = short(
    "sa-hostile",
    [
        {"text": HOSTILE_TEXT, "feedback": "<img src=x onerror=alert(2)> ]]> & ~=#{}:"},
        {"text": "[html]<b>b</b>"},
        {"text": "%100% right", "correct": False, "feedback": "#### not general"},
    ],
    stem="Type ]]> & <script>alert(3)</script> ~=#{}:",
)
RESPONSES = ["portal vein", "Portal Vein", "PORTAL VEIN", "hepatic portal vein", "PV*", "pv*",
             "PVx", "PV", "hepatic artery", "Hepatic Vein", "HCC", "hcc", "", "x"]  # fmt: skip


def quiz(*questions: Question) -> ExportQuiz:
    return ExportQuiz.of("sa-quiz", "Short answers", questions)


def typed(answer: Any) -> str:
    """What a learner types for an answer, by the grader's documented rule (an answer is read
    as its Markdown's plain text), spaces merged."""
    return " ".join(markdown_to_plain_text(answer.text).split())


# --- Moodle XML ----------------------------------------------------------------------------------

# Moodle's expected export of a shortanswer question (question/format/xml/tests/
# xmlformat_test.php, test_export_shortanswer), copied by hand inside a <quiz>.
MOODLE_OWN_SHORTANSWER = """<quiz>
  <question type="shortanswer">
    <name><text>Short answer question</text></name>
    <questiontext format="html">
      <text>Fill in the gap in this sequence: Alpha, ________, Gamma.</text>
    </questiontext>
    <generalfeedback format="html"><text>The answer is Beta.</text></generalfeedback>
    <defaultgrade>1</defaultgrade>
    <penalty>0.3333333</penalty>
    <hidden>0</hidden>
    <idnumber></idnumber>
    <usecase>0</usecase>
    <answer fraction="100" format="plain_text">
      <text>Beta</text>
      <feedback format="html"><text>Well done!</text></feedback>
    </answer>
    <answer fraction="0" format="plain_text">
      <text>*</text>
      <feedback format="html"><text>Doh!</text></feedback>
    </answer>
    <hint format="html"><text>Hint 1</text></hint>
    <hint format="html"><text>Hint 2</text></hint>
  </question>
</quiz>"""


@pytest.fixture(scope="module")
def moodle_schema() -> xmlschema.XMLSchema11:
    return xmlschema.XMLSchema11(str(TESTS / "schemas" / "moodle-xml.xsd"))


def test_moodle_schema_accepts_moodles_own_shortanswer(moodle_schema):
    assert moodle_schema.is_valid(MOODLE_OWN_SHORTANSWER)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('fraction="100"', 'fraction="50"'),  # no 100 % answer: Moodle's "fractionsnomax"
        ("<text>Beta</text>", "<text>  </text>"),  # a blank answer, which import skips
        ("<usecase>0</usecase>", "<usecase>2</usecase>"),
        ("<usecase>0</usecase>", ""),
        ('fraction="0"', 'fraction="33"'),  # not one of Moodle's grades
    ],
)
def test_moodle_schema_rejects_a_broken_shortanswer(moodle_schema, old, new):
    assert old in MOODLE_OWN_SHORTANSWER
    assert not moodle_schema.is_valid(MOODLE_OWN_SHORTANSWER.replace(old, new, 1))


def _moodle_questions(xml_text: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml_text)
    return {q.findtext("name/text"): q for q in root.findall("question") if q.get("type")}


def test_moodle_writes_every_answer_in_order_with_fraction_and_feedback(moodle_schema):
    xml_text = to_moodle_xml(quiz(VESSEL, CASED, HOSTILE))
    moodle_schema.validate(xml_text)
    exported = _moodle_questions(xml_text)
    vessel = exported["sa-vessel"]
    assert vessel.get("type") == "shortanswer" and vessel.findtext("usecase") == "0"
    written = [
        (a.get("fraction"), a.findtext("text"), a.findtext("feedback/text"))
        for a in vessel.findall("answer")
    ]
    # By hand from the bank: 0 % for wrong answers, spaces merged, '*' written '\*' (Moodle's
    # escape for a literal star), feedback as sanitised inline HTML.
    assert written == [
        ("0", "hepatic artery", "It brings <em>less</em> of it."),
        ("100", "portal vein", "Yes: gut blood."),
        ("100", "hepatic portal vein", ""),
        ("100", "PV\\*", ""),
        ("0", "hepatic vein", "That one drains the liver."),
    ]
    assert exported["sa-cased"].findtext("usecase") == "1"  # "2" has no case to disagree on


def moodle_matches(response: str, pattern: str, ignore_case: bool) -> bool:
    """qtype_shortanswer_question::compare_string_with_wildcard, transcribed from Moodle: NFC,
    split on unescaped runs of '*', each bit with '\\*' made '*' and quoted, joined by '.*',
    anchored, matched against the trimmed response."""
    pattern = unicodedata.normalize("NFC", pattern)
    response = unicodedata.normalize("NFC", response)
    bits = re.split(r"(?<!\\)\*+", pattern)
    regexp = "^" + ".*".join(re.escape(bit.replace("\\*", "*")) for bit in bits) + "$"
    flags = re.IGNORECASE if ignore_case else 0
    return re.match(regexp, response.strip(" \t\n\r\0\x0b"), flags) is not None


def moodle_score(question: ET.Element, response: str) -> float:
    """Moodle's grade: the fraction of the first answer that matches (0 if none does)."""
    ignore_case = question.findtext("usecase") == "0"
    for answer in question.findall("answer"):
        if moodle_matches(response, answer.findtext("text"), ignore_case):
            return float(answer.get("fraction")) / 100
    return 0.0


def test_moodle_scores_every_response_as_our_grader():
    exported = _moodle_questions(to_moodle_xml(quiz(VESSEL, CASED, HOSTILE)))
    for question in (VESSEL, CASED, HOSTILE):
        responses = [*RESPONSES, *(typed(a) for a in question.answers), " portal vein "]
        for response in responses:
            expected = grade(question, response).score  # our grader is the oracle
            assert moodle_score(exported[question.id], response) == expected, response


SHARP_S = short("sa-sharp-s", [{"text": "Straße"}], stem="Which German word means street?")


def test_case_is_ignored_by_lower_case_as_every_lms_does():
    # Lower-cased, "Straße" is "straße" and "STRASSE" is "strasse": two different texts. Full
    # case folding (ß → ss) would accept "strasse" and "STRASSE" too, but Moodle (preg_match
    # with /iu: one letter for one letter), Canvas (downcase) and jupyterquiz (toLowerCase)
    # do not, so a learner marked right here would be marked wrong there. Expected by hand:
    expected = {"Straße": 1.0, "straße": 1.0, "STRAßE": 1.0, "strasse": 0.0, "STRASSE": 0.0}
    moodle = _moodle_questions(to_moodle_xml(quiz(SHARP_S)))["sa-sharp-s"]
    canvas = ET.fromstring(canvas_item_xml(SHARP_S, "sa-quiz"))
    for response, score in expected.items():
        assert grade(SHARP_S, response).score == score, response
        # The transcribed LMS rules agree with the grader, response by response.
        assert moodle_score(moodle, response) == score, response
        assert canvas_score(canvas, response) == score, response
        # jupyterquiz: submission.trim().toLowerCase() === answer.toLowerCase()
        assert float(response.strip().lower() == "Straße".lower()) == score, response


def test_moodle_inner_spaces_are_the_one_documented_difference():
    # moodle_xml's docstring says so: Moodle trims a response but keeps two spaces inside it.
    exported = _moodle_questions(to_moodle_xml(quiz(VESSEL)))["sa-vessel"]
    assert grade(VESSEL, "portal  vein").score == 1.0
    assert moodle_score(exported, "portal  vein") == 0.0


# --- refusals, shared by the LMS formats ---------------------------------------------------------


def _writers() -> dict[str, Any]:
    return {
        "Moodle XML": to_moodle_xml,
        "GIFT": to_gift,
        "QTI 2.1": qti21_files,
        "Canvas": canvas_assessment_xml,
    }


@pytest.mark.parametrize("format_name", list(_writers()))
def test_fuzzy_matching_is_refused_by_name(format_name):
    with pytest.raises(ExportError, match=r"sa-fuzzy: .*fuzzy matching.*list spelling variants"):
        _writers()[format_name](quiz(VESSEL, FUZZY))


@pytest.mark.parametrize("format_name", list(_writers()))
def test_the_shared_fixtures_fuzzy_short_answer_is_refused_not_dropped(format_name):
    question = ALL_TYPES["at-short-answer"]
    assert any(answer.fuzzy < 1 for answer in question.answers)  # the premise
    with pytest.raises(ExportError, match="at-short-answer: .*fuzzy"):
        _writers()[format_name](quiz(question))


def test_a_case_part_is_refused_under_its_exported_name():
    case = parse_question(
        {
            "id": "case-sa",
            "type": "case",
            "stem": "A patient with liver metastases.",
            "source": "test",
            "parts": [
                {**CASED.model_dump(exclude={"source", "tags"}), "id": "p1"},
                {**FUZZY.model_dump(exclude={"source", "tags"}), "id": "p2"},
            ],
        }
    )
    with pytest.raises(ExportError, match="^case-sa/p2: Moodle XML cannot grade"):
        to_moodle_xml(quiz(case))
    with pytest.raises(ExportError, match="^case-sa.p2: QTI 2.1 cannot grade"):
        qti21_files(quiz(case))


def test_moodle_refuses_answers_that_disagree_on_case():
    with pytest.raises(ExportError, match="sa-mixed: Moodle XML .*match_case"):
        to_moodle_xml(quiz(MIXED))
    with pytest.raises(ExportError, match="sa-shadow: Moodle XML .*match_case"):
        to_moodle_xml(quiz(SHADOW))


@pytest.mark.parametrize("writer", [to_gift, canvas_assessment_xml])
def test_formats_that_always_ignore_case_refuse_match_case(writer):
    with pytest.raises(ExportError, match="sa-cased: .*'FOLFOX' has match_case: true"):
        writer(quiz(CASED))


# --- GIFT ----------------------------------------------------------------------------------------


@pytest.mark.usefixtures("gift_parser")
def test_gift_parses_back_to_the_same_answers_weights_and_feedback():
    parsed = parse_gift(to_gift(quiz(VESSEL, HOSTILE)))
    assert [q["type"] for q in parsed] == ["Short", "Short"]
    for question, read in zip((VESSEL, HOSTILE), parsed, strict=True):
        assert read["title"] == question.id
        # Every answer is '=' (GIFT's short answer); a wrong one weighs 0 %. Texts come back
        # with spaces merged and each '*' as '\*' (Moodle's literal star).
        assert all(choice["isCorrect"] for choice in read["choices"])
        got = [(c["weight"], c["text"]["text"], (c["feedback"] or {}).get("text"))
               for c in read["choices"]]  # fmt: skip
        expected = [
            (
                None if a.correct and not typed(a).startswith("%") else (100 if a.correct else 0),
                typed(a).replace("*", "\\*"),
                markdown_to_safe_html(a.feedback, inline=True).replace("->", "-&gt;")
                if a.feedback
                else None,
            )
            for a in question.answers
        ]
        assert got == expected
        assert "Source:" in read["globalFeedback"]["text"]
    # Texts starting with '[' say their format, so '[html]' stays part of the answer.
    assert [c["text"]["format"] for c in parsed[1]["choices"]][1] == "plain"


def test_gift_refuses_an_answer_moodle_would_read_as_matching():
    arrow = short("sa-arrow", [{"text": "portal vein -> liver"}])
    with pytest.raises(ExportError, match="sa-arrow: GIFT .*'->'"):
        to_gift(quiz(arrow))


@pytest.mark.usefixtures("gift_parser")
def test_gift_hostile_stem_and_feedback_carry_no_live_markup():
    # The answers come back verbatim (test above); the HTML texts are sanitised.
    [read] = parse_gift(to_gift(quiz(HOSTILE)))
    html_texts = [read["stem"]["text"], read["globalFeedback"]["text"]]
    html_texts += [c["feedback"]["text"] for c in read["choices"] if c["feedback"]]
    for text in html_texts:
        assert "<script" not in text and "onerror" not in text and "<img" not in text


# --- QTI 2.1 -------------------------------------------------------------------------------------


class ShortAnswerQtiItem(QtiItem):
    """The interpreter of test_export_partial_credit plus stringMatch (QTI 2.1: true if the
    two strings match, by case only if caseSensitive; NULL if either is NULL)."""

    def value(self, expression: ET.Element) -> Any:
        if _local(expression) == "stringMatch":
            left, right = (self.value(argument) for argument in expression)
            if left is None or right is None:
                return None
            if expression.get("caseSensitive") == "true":
                return left == right
            # Lower case, as QTI players (Java's equalsIgnoreCase) and our grader compare.
            return left.lower() == right.lower()
        return super().value(expression)


def test_qti_items_are_schema_valid(qti_schema):  # noqa: F811 (fixture)
    for question in (VESSEL, SHADOW, CASED, MIXED, HOSTILE):
        assert qti_errors(qti_schema, qti21_item_xml(question)) == [], question.id


@pytest.mark.parametrize("question", [VESSEL, SHADOW, CASED, MIXED, HOSTILE], ids=lambda q: q.id)
def test_qti_scores_and_feedback_follow_the_first_matching_answer(question):
    item = ShortAnswerQtiItem(qti21_item_xml(question))
    responses = [*RESPONSES, *(typed(a) for a in question.answers)]
    # stringMatch compares the whole string (see qti21's docstring), so responses are given
    # as our grader sees them: trimmed, spaces merged.
    for response in (" ".join(r.split()) for r in responses):
        assert item.score(response) == grade(question, response).score, response
        # The feedback shown is that of the first answer the response matches, by hand:
        first = next(
            (
                index
                for index, a in enumerate(question.answers, start=1)
                if response == typed(a)
                or (not a.match_case and response.lower() == typed(a).lower())
            ),
            None,
        )
        has_feedback = first is not None and question.answers[first - 1].feedback
        assert item.values.get("FEEDBACK") == (f"A{first}" if has_feedback else None), response


def test_qti_shadowing_wrong_answer_keeps_its_place():
    # By hand: "HCC" is the case-sensitive wrong answer listed first; "Hcc" and "hcc" are right.
    item = ShortAnswerQtiItem(qti21_item_xml(SHADOW))
    assert [item.score(r) for r in ("HCC", "Hcc", "hcc", "HC")] == [0.0, 1.0, 1.0, 0.0]
    declaration = ET.fromstring(qti21_item_xml(SHADOW)).find(f"{QTI}responseDeclaration")
    assert declaration.get("baseType") == "string"
    assert declaration.findtext(f"{QTI}correctResponse/{QTI}value") == "hcc"


# --- Canvas --------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def canvas_schema() -> xmlschema.XMLSchema11:
    return xmlschema.XMLSchema11(str(TESTS / "schemas" / "canvas-qti12.xsd"))


def _canvas_errors(schema: xmlschema.XMLSchema11, text: str) -> list[str]:
    return [str(error).splitlines()[0] for error in schema.iter_errors(text)]


TEXT2QTI_SHORT = GOLDEN / "canvas-text2qti-0.8.0-short-answer.xml"


def test_canvas_schema_accepts_text2qtis_short_answers(canvas_schema):
    assert _canvas_errors(canvas_schema, TEXT2QTI_SHORT.read_text()) == []


def _broken_short_answer(name: str) -> str:
    """text2qti's own short-answer document, broken in one way Canvas would not read."""
    document = ET.fromstring(TEXT2QTI_SHORT.read_text())
    item = document.find(f".//{Q12}item")
    varequal = item.find(f".//{Q12}varequal")
    if name == "number box":
        item.find(f".//{Q12}render_fib").set("fibtype", "Decimal")
    elif name == "blank answer":
        varequal.text = "  "
    elif name == "other in the score condition":
        scoring = [
            c for c in item.iter(f"{Q12}respcondition") if c.find(f"{Q12}setvar") is not None
        ]
        ET.SubElement(scoring[0].find(f"{Q12}conditionvar"), f"{Q12}other")
    elif name == "partial marks":
        item.find(f".//{Q12}setvar").text = "50"
    elif name == "not a type we write":
        item.find(f".//{Q12}fieldentry").text = "essay_question"
    return ET.tostring(document, encoding="unicode")


@pytest.mark.parametrize(
    "name",
    ["number box", "blank answer", "other in the score condition", "partial marks",
     "not a type we write"],
)  # fmt: skip
def test_canvas_schema_rejects_a_broken_short_answer(canvas_schema, name):
    assert _canvas_errors(canvas_schema, _broken_short_answer(name))


def test_canvas_item_has_the_structure_text2qti_writes(canvas_schema):
    # text2qti's first question: a general feedback and two right answers, no other feedback.
    reference = ET.fromstring(TEXT2QTI_SHORT.read_text())
    expected = reference.find(f".//{Q12}item")
    question = short(
        "sa-two", [{"text": "portal vein"}, {"text": "hepatic portal vein"}], explanation="Why."
    )
    ours = ET.fromstring(canvas_item_xml(question, "sa-quiz"))
    assert _shape(ours)[1:] == _shape(expected)[1:]
    assert _canvas_errors(canvas_schema, canvas_assessment_xml(quiz(question, VESSEL))) == []


def canvas_score(item: ET.Element, response: str) -> float:
    """Canvas's matching_answer, transcribed: any listed answer equal to the response once
    both are trimmed and lower-cased scores full marks (every listed answer is right)."""
    answers = [v.text or "" for v in item.iter(f"{Q12}varequal")]
    typed = response.strip().lower()
    return 1.0 if any(a.strip().lower() == typed and a.strip() for a in answers) else 0.0


def test_canvas_keeps_right_answers_only_and_scores_as_our_grader():
    item = ET.fromstring(canvas_item_xml(VESSEL, "sa-quiz"))
    # By hand: the three right answers, spaces merged; the wrong ones are left out.
    assert [v.text for v in item.iter(f"{Q12}varequal")] == [
        "portal vein",
        "hepatic portal vein",
        "PV*",
    ]
    for response in [*RESPONSES, " Portal vein "]:
        assert canvas_score(item, response) == grade(VESSEL, response).score, response
    # The feedback of the answers left out (and of right ones) joins the general feedback.
    general = item.find(f"{Q12}itemfeedback[@ident='general_fb']").findtext(f".//{Q12}mattext")
    assert "That one drains the liver." in general and "Yes: gut blood." in general


def test_canvas_refuses_a_wrong_answer_that_decides_a_right_ones_responses():
    shadow = short(
        "sa-shadowed",
        [{"text": "portal vein", "correct": False}, {"text": "Portal Vein"}],
    )
    with pytest.raises(ExportError, match="sa-shadowed: .*wrong answer 'portal vein' comes before"):
        canvas_assessment_xml(quiz(shadow))
    # Moodle and QTI keep the wrong answer in its place, so they export it.
    assert "shortanswer" in to_moodle_xml(quiz(shadow))
    assert qti21_item_xml(shadow)


# --- Anki and printable ---------------------------------------------------------------------------


def test_anki_card_asks_with_a_blank_and_answers_on_the_back(
    tmp_path: Path,
    collection,  # noqa: F811 (fixture)
) -> None:
    case = parse_question(
        {
            "id": "case-sa",
            "type": "case",
            "stem": "A patient with liver metastases.",
            "source": "test",
            "parts": [
                {**SHADOW.model_dump(exclude={"source", "tags"}), "id": "p1"},
                {**CASED.model_dump(exclude={"source", "tags"}), "id": "p2"},
            ],
        }
    )
    import_package(collection, write_anki(quiz(VESSEL, HOSTILE, FUZZY, case), tmp_path / "a.apkg"))
    notes = notes_by_id(collection)
    vessel = notes["sa-vessel"]
    assert "Answer: ______" in vessel["Question"]
    assert "portal vein" not in vessel["Question"]
    assert "<code>portal vein</code>" in vessel["Answer"] and "<code>PV*</code>" in vessel["Answer"]
    assert "hepatic artery" not in vessel["Answer"]  # a mistake is no accepted answer
    assert "That one drains the liver." in vessel["Explanation"]
    assert "The portal vein carries most of the inflow." in vessel["Explanation"]
    case_note = notes["case-sa"]
    assert case_note["Question"].count("Answer: ______") == 2
    assert (
        "<code>hcc</code>" in case_note["Answer"] and "<code>FOLFOX</code>" in case_note["Answer"]
    )
    assert "Write it in full." in case_note["Explanation"]
    everything = " ".join(" ".join(note.fields) for note in notes.values()).lower()
    assert "<script" not in everything and "onerror" not in everything


def test_printable_student_sheet_has_a_blank_and_the_key_the_answers():
    page = quiz(VESSEL, HOSTILE)
    student = to_printable_html(page, answer_key=False)
    key = to_printable_html(page, answer_key=True)
    assert student.count('Answer: <span class="lm-blank"') == 2
    for answer in VESSEL.answers:
        assert typed(answer) not in student
        if answer.feedback:
            assert markdown_to_safe_html(answer.feedback, inline=True) not in student
            assert markdown_to_safe_html(answer.feedback, inline=True) in key
    assert "<code>portal vein</code> or <code>hepatic portal vein</code> or <code>PV*</code>" in key
    assert "<code>hepatic vein</code> (not accepted)" in key
    for page_text in (student, key):
        assert "<script" not in page_text and "onerror" not in page_text


# --- hostile text in the XML formats --------------------------------------------------------------


def test_hostile_answers_survive_every_xml_format_as_text(moodle_schema, canvas_schema):
    moodle = to_moodle_xml(quiz(HOSTILE))
    moodle_schema.validate(moodle)
    answers = _moodle_questions(moodle)["sa-hostile"].findall("answer")
    assert answers[0].findtext("text") == typed(HOSTILE.answers[0])  # no '*', so as it is
    assert "onerror" not in moodle and moodle.count("<script") == 0
    qti = ET.fromstring(qti21_item_xml(HOSTILE))
    values = [v.text for v in qti.iter(f"{QTI}baseValue") if v.get("baseType") == "string"]
    assert values == [typed(a) for a in HOSTILE.answers]
    assert not any(_local(e) == "script" for e in qti.iter())
    canvas = canvas_assessment_xml(quiz(HOSTILE))
    assert _canvas_errors(canvas_schema, canvas) == []
    canvas_texts = [v.text for v in ET.fromstring(canvas).iter(f"{Q12}varequal")]
    assert canvas_texts == [typed(a) for a in HOSTILE.correct_answers]
