"""What every exporter must never do: show the answer order, write XML that does not parse,
pack two items under one name, or leave a half-written file.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from livermets_edu.quiz import atomic
from livermets_edu.quiz.export import ExportError, ExportQuiz, UnsupportedQuestion
from livermets_edu.quiz.export.anki import shown_item_order, write_anki
from livermets_edu.quiz.export.canvas_qti12 import (
    canvas_assessment_xml,
    canvas_files,
    write_canvas_qti12,
)
from livermets_edu.quiz.export.common import case_units
from livermets_edu.quiz.export.gift import to_gift
from livermets_edu.quiz.export.jupyterquiz import to_jupyterquiz, write_jupyterquiz
from livermets_edu.quiz.export.moodle_xml import to_moodle_xml
from livermets_edu.quiz.export.printable import to_printable_html
from livermets_edu.quiz.export.qti21 import qti21_files, qti21_item_xml, write_qti21
from livermets_edu.quiz.export.xml_tools import zip_bytes
from livermets_edu.quiz.loader import check_bank, load_bank
from livermets_edu.quiz.schema import Question, parse_question

TESTS = Path(__file__).parent
ALL_TYPES = load_bank(TESTS / "data" / "banks" / "types" / "all-types.yaml")
QTI = "{http://www.imsglobal.org/xsd/imsqti_v2p1}"


def ordering(question_id: str, count: int) -> Question:
    """An ordering question whose items i1, i2, … are written in the right order."""
    items = [{"id": f"i{n}", "text": f"Item {n}"} for n in range(1, count + 1)]
    return parse_question(
        {"id": question_id, "type": "ordering", "stem": "Order.", "items": items, "source": "t"}
    )


def matching(question_id: str, count: int) -> Question:
    """A matching question with ``count`` choices c1, c2, … in bank order."""
    prompts = [{"id": f"p{n}", "text": f"Prompt {n}"} for n in range(1, count + 1)]
    choices = [{"id": f"c{n}", "text": f"Choice {n}"} for n in range(1, count + 1)]
    return parse_question(
        {
            "id": question_id,
            "type": "matching",
            "stem": "Match.",
            "prompts": prompts,
            "choices": choices,
            "answer": {f"p{n}": f"c{n}" for n in range(1, count + 1)},
            "source": "t",
        }
    )


# --- 2: no exporter shows items in the answer's order -----------------------------------------
# Ordering questions need at least 3 items (the schema), so 2 entries are tested through the
# printable page's matching choices, the one scrambled list that may hold two.

IDS = [f"q-{n:03d}" for n in range(300)]


@pytest.mark.parametrize("count", [3, 4])
def test_anki_never_shows_ordering_items_in_the_right_order(count):
    leaks = [
        qid for qid in IDS if [i.id for i in shown_item_order(ordering(qid, count))] == [
            f"i{n}" for n in range(1, count + 1)
        ]
    ]  # fmt: skip
    assert leaks == []


@pytest.mark.parametrize("count", [3, 4])
def test_qti_never_writes_ordering_items_in_the_right_order(count):
    leaks = []
    for qid in IDS[:150]:
        question = ordering(qid, count)
        item = ET.fromstring(qti21_item_xml(question, "all-or-nothing"))
        shown = [c.get("identifier") for c in item.iter(f"{QTI}simpleChoice")]
        right = [v.text for v in item.find(f"{QTI}responseDeclaration/{QTI}correctResponse")]
        assert sorted(shown) == sorted(right)
        leaks += [qid] if shown == right else []
    assert leaks == []


@pytest.mark.parametrize(("kind", "count"), [("ordering", 3), ("ordering", 4), ("matching", 2)])
def test_printable_never_lists_entries_in_bank_order(kind, count):
    make = ordering if kind == "ordering" else matching
    quiz = ExportQuiz.of("leaks", "Leaks", [make(qid, count) for qid in IDS])
    page = to_printable_html(quiz, answer_key=False)
    word = "Item" if kind == "ordering" else "Choice"
    sections = re.findall(r'<section class="lm-question".*?</section>', page, re.DOTALL)
    assert len(sections) == len(IDS)
    leaks = []
    for qid, section in zip(IDS, sections, strict=True):
        shown = re.findall(rf"</strong> {word} (\d+)</li>", section)
        assert sorted(shown) == [str(n) for n in range(1, count + 1)], qid
        leaks += [qid] if shown == sorted(shown) else []
    assert leaks == []


def test_shown_orders_are_the_same_on_every_run_and_the_key_agrees():
    # The key letters must point at the student's sheet: item i1 is first in the right order.
    question = ordering("fixed", 4)
    quiz = ExportQuiz.of("k", "K", [question])
    student = to_printable_html(quiz, answer_key=False)
    key = to_printable_html(quiz, answer_key=True)
    letters = dict(re.findall(r"<strong>([A-D])\.</strong> Item (\d)</li>", student))
    first = re.search(r"1\. <strong>([A-D])</strong>: Item (\d)", key)
    assert first and letters[first.group(1)] == first.group(2) == "1"
    assert to_printable_html(quiz, answer_key=False) == student


# --- 3: text XML cannot hold is refused, naming the item --------------------------------------


@pytest.mark.parametrize("character", ["\uffff", "\ufffe", "\ud800", "\x01"])
def test_xml_exporters_refuse_characters_xml_cannot_hold(character):
    bad = parse_question(
        {"id": "bad-1", "type": "true_false", "stem": f"A {character} B", "answer": True,
         "source": "s"}
    )  # fmt: skip
    code = f"U\\+{ord(character):04X}"
    for export in (
        lambda q: qti21_item_xml(q),
        lambda q: canvas_assessment_xml(ExportQuiz.of("q", "Q", [q])),
        lambda q: to_moodle_xml(ExportQuiz.of("q", "Q", [q])),
    ):
        with pytest.raises(ExportError, match=f"bad-1: .*{code}"):
            export(bad)


def test_a_bad_character_in_a_case_part_names_the_part_and_in_the_title_the_quiz():
    case = ALL_TYPES["at-case"]
    parts = list(case.parts)
    parts[0] = parts[0].model_copy(update={"explanation": "oops \uffff"})
    broken = case.model_copy(update={"parts": parts})
    with pytest.raises(ExportError, match=r"at-case\.supply: .*U\+FFFF"):
        qti21_files(ExportQuiz.of("q", "Q", [broken]))
    with pytest.raises(ExportError, match=r"quiz 'q': .*U\+FFFF"):
        qti21_files(ExportQuiz.of("q", "Title \uffff", [ALL_TYPES["at-single"]]))


@pytest.mark.parametrize(
    ("escape", "code"), [("\\uFFFF", "FFFF"), ("\\uFFFE", "FFFE"), ("\\uD800", "D800")]
)
def test_the_bank_loader_refuses_non_characters_at_their_line_and_field(tmp_path, escape, code):
    path = tmp_path / "nonchar.yaml"
    path.write_text(
        "bank: nonchar\ntitle: t\nlesson: x\nquestions:\n"
        "  - id: q1\n    type: true_false\n"
        f'    stem: "Bad {escape} text"\n'
        "    answer: true\n    source: s\n",
        encoding="utf-8",
    )
    bank, errors = check_bank(path)
    assert bank is None
    assert [str(e) for e in errors] == [
        f"{path}:7: questions[0].stem: contains U+{code}, which is not a character (a "
        "noncharacter or half of a surrogate pair) and cannot be exported; bank text may hold "
        "only printable characters, line breaks and tabs"
    ]


def test_the_loader_still_accepts_other_planes_and_ordinary_text(tmp_path):
    # U+10FFFF is a noncharacter XML allows; emoji sit above the surrogate range.
    path = tmp_path / "fine.yaml"
    path.write_text(
        "bank: fine\ntitle: t\nlesson: x\nquestions:\n  - id: q1\n    type: true_false\n"
        '    stem: "Fine \\U0001F600 and \\U0010FFFF"\n    answer: true\n    source: s\n',
        encoding="utf-8",
    )
    bank, errors = check_bank(path)
    assert errors == [] and bank is not None
    ET.fromstring(qti21_item_xml(bank["q1"]))  # and it exports to XML that parses


# --- 4: one item per id in every exporter -------------------------------------------------------

CLASH = parse_question(
    {"id": "at-case.portal", "type": "true_false", "stem": "Another statement.", "answer": False,
     "source": "s"}
)  # fmt: skip


@pytest.mark.parametrize(
    "export",
    [
        lambda quiz: qti21_files(quiz),
        lambda quiz: canvas_files(quiz),
        lambda quiz: to_moodle_xml(quiz),
        lambda quiz: to_gift(quiz),
        lambda quiz: to_jupyterquiz(quiz),
        lambda quiz: to_printable_html(quiz, answer_key=False),
    ],
    ids=["qti21", "canvas", "moodle", "gift", "jupyterquiz", "printable"],
)
def test_a_question_named_like_a_case_part_is_refused_naming_both(export):
    quiz = ExportQuiz.of("q", "Q", [ALL_TYPES["at-case"], CLASH])
    message = r"part 'portal' of case 'at-case' and question 'at-case\.portal'"
    with pytest.raises(ExportError, match=message):
        export(quiz)


def test_anki_refuses_the_same_clash(tmp_path):
    with pytest.raises(ExportError, match="at-case.portal"):
        write_anki(ExportQuiz.of("q", "Q", [CLASH, ALL_TYPES["at-case"]]), tmp_path / "q.apkg")


def test_two_cases_whose_parts_would_share_an_id_are_refused():
    first = ALL_TYPES["at-case"].model_copy(update={"id": "c"})
    parts = [p.model_copy(update={"id": f"x.{p.id}"}) for p in first.parts]
    second = first.model_copy(update={"id": "c.x", "parts": [p.model_copy() for p in first.parts]})
    first = first.model_copy(update={"parts": parts})
    with pytest.raises(ExportError, match=r"c\.x\.supply: part 'x\.supply' of case 'c' and part"):
        case_units(ExportQuiz.of("q", "Q", [first, second]))


def test_a_zip_never_holds_two_entries_of_one_name():
    with pytest.raises(ExportError, match="items/a.xml"):
        zip_bytes([("items/a.xml", b"1"), ("items/a.xml", b"2")])


# --- 8: messages read as English ---------------------------------------------------------------


def test_unsupported_type_messages_use_a_and_an():
    with pytest.raises(UnsupportedQuestion, match="GIFT cannot hold an ordering question"):
        to_gift(ExportQuiz.of("q", "Q", [ALL_TYPES["at-ordering"]]))
    with pytest.raises(UnsupportedQuestion, match="jupyterquiz cannot hold a matching question"):
        to_jupyterquiz(ExportQuiz.of("q", "Q", [ALL_TYPES["at-matching"]]))


# --- 9: a failed write leaves the old file as it was -------------------------------------------

QUIZ = ExportQuiz.of("w", "W", [ALL_TYPES["at-single"]])
WRITERS = {
    "jupyterquiz": write_jupyterquiz,
    "qti21": write_qti21,
    "canvas": write_canvas_qti12,
    "anki": write_anki,
}


@pytest.mark.parametrize("name", list(WRITERS))
def test_writers_replace_the_file_in_one_step(tmp_path, monkeypatch, name):
    target = tmp_path / "export.out"
    target.write_bytes(b"the previous export")

    def interrupted(source: object, destination: object) -> None:
        raise OSError("disk full")  # the moment the new file would take the old one's place

    monkeypatch.setattr(atomic.os, "replace", interrupted)
    with pytest.raises(OSError, match="disk full"):
        WRITERS[name](QUIZ, target)
    assert target.read_bytes() == b"the previous export"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["export.out"]  # no temp file left
    monkeypatch.undo()
    WRITERS[name](QUIZ, target)
    assert target.read_bytes() != b"the previous export"


@pytest.mark.parametrize("name", list(WRITERS))
def test_writers_say_clearly_when_the_folder_is_missing(tmp_path, name):
    with pytest.raises(ExportError, match="does not exist"):
        WRITERS[name](QUIZ, tmp_path / "missing" / "export.out")


def test_jupyterquiz_file_is_the_json_of_the_quiz(tmp_path):
    path = write_jupyterquiz(QUIZ, tmp_path / "q.json")
    assert json.loads(path.read_text(encoding="utf-8")) == to_jupyterquiz(QUIZ)
