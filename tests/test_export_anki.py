"""Anki export: the .apkg imports into real Anki, re-imports update notes, media travel along."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from html import escape as html_escape
from pathlib import Path
from typing import Any

import pytest
from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition
from PIL import Image

from livermets_edu.quiz.export.anki import MODEL_ID, anki_deck_id, write_anki
from livermets_edu.quiz.export.common import ExportError, ExportQuiz
from livermets_edu.quiz.label_diagrams import LABEL_DIAGRAMS
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.schema import Question, SingleBestAnswer, parse_question
from livermets_edu.quiz.variants import concrete

# Anki's import dialog offers "Update notes: if newer / always / never"; the API names them:
ALWAYS = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_ALWAYS
IF_NEWER = ImportAnkiPackageUpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER

SINGLE = parse_question(
    {
        "id": "t-001",
        "type": "single",
        "stem": "Which vessel brings **most** blood to the liver?",
        "options": [
            {"id": "a", "text": "Hepatic artery", "feedback": "About a quarter."},
            {"id": "b", "text": "Portal vein", "feedback": "About three quarters."},
            {"id": "c", "text": "Hepatic vein"},
        ],
        "answer": "b",
        "explanation": "The portal vein carries gut blood.",
        "tags": ["blood supply", "anatomy"],
        "source": "Test source",
    }
)
TRUE_FALSE = parse_question(
    {
        "id": "t-002",
        "type": "true_false",
        "stem": "Tumours draw blood mainly from the hepatic artery.",
        "answer": True,
        "source": "Test source",
    }
)
NUMERIC = parse_question(
    {
        "id": "t-003",
        "type": "numeric",
        "stem": "How many segments does Couinaud describe?",
        "answer": {"value": 8.0, "abs_tol": 0.0},
        "source": "Test source",
    }
)
HOSTILE = parse_question(
    {
        "id": "t-004",
        "type": "single",
        "stem": "Pick one <script>alert('stem')</script> please",
        "options": [
            {"id": "a", "text": '<img src=x onerror="alert(1)">first'},
            {"id": "b", "text": "[second](javascript:alert(2))"},
        ],
        "answer": "a",
        "source": "Test source",
    }
)
QUIZ = ExportQuiz.of("anki-test", "Anki test deck", [SINGLE, TRUE_FALSE, NUMERIC, HOSTILE])


@pytest.fixture
def collection(tmp_path: Path) -> Iterator[Collection]:
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        yield col
    finally:
        col.close()


def import_package(col: Collection, path: Path, update: int = IF_NEWER) -> None:
    options = ImportAnkiPackageOptions(update_notes=update, with_scheduling=False)
    col.import_anki_package(ImportAnkiPackageRequest(package_path=str(path), options=options))


def notes_by_id(col: Collection) -> dict[str, Any]:
    notes = [col.get_note(note_id) for note_id in col.find_notes("")]
    return {note["ID"]: note for note in notes}


def test_every_item_becomes_one_note_with_its_fields_and_tags(
    tmp_path: Path, collection: Collection
) -> None:
    path = write_anki(QUIZ, tmp_path / "quiz.apkg")
    import_package(collection, path)
    notes = notes_by_id(collection)
    assert sorted(notes) == ["t-001", "t-002", "t-003", "t-004"]

    note = notes["t-001"]
    assert note.note_type()["id"] == MODEL_ID
    # Letters follow bank order (a, b, c -> A, B, C); the answer is option b, so "B".
    assert "<strong>most</strong>" in note["Question"]
    for letter, text in [("A", "Hepatic artery"), ("B", "Portal vein"), ("C", "Hepatic vein")]:
        assert f"{letter}.</span>{text}" in note["Question"]
    assert "<strong>B</strong>: Portal vein" in note["Answer"]
    assert "The portal vein carries gut blood." in note["Explanation"]
    assert "About three quarters." in note["Explanation"]  # option feedback on the back
    assert note["Source"] == "Test source"
    assert sorted(note.tags) == sorted(["blood_supply", "anatomy", "anki-test"])

    assert "True or false?" in notes["t-002"]["Question"]
    assert "<strong>True</strong>" in notes["t-002"]["Answer"]
    assert "<strong>8</strong>" in notes["t-003"]["Answer"]

    # Anki's importer matches decks by name (it assigns its own id), so check the name.
    decks = {collection.decks.name(collection.get_card(c).did) for c in collection.find_cards("")}
    assert decks == {"Anki test deck"}


def test_fields_carry_no_script_handler_or_javascript_link(
    tmp_path: Path, collection: Collection
) -> None:
    import_package(collection, write_anki(QUIZ, tmp_path / "quiz.apkg"))
    note = notes_by_id(collection)["t-004"]
    html = " ".join(note.fields).lower()
    assert "<script" not in html and "onerror" not in html and "<img" not in html
    # markdown-it refuses the javascript: link, so it stays visible text, never an href.
    assert "href" not in html
    assert "pick one" in html and "please" in html and "first" in html and "second" in html


def test_reexport_after_an_edit_updates_the_note_instead_of_adding_one(
    tmp_path: Path, collection: Collection
) -> None:
    import_package(collection, write_anki(QUIZ, tmp_path / "v1.apkg", timestamp=1_700_000_000))
    before = notes_by_id(collection)
    edited = SINGLE.model_copy(update={"explanation": "Edited: gut blood goes portal."})
    quiz_v2 = ExportQuiz.of("anki-test", "Anki test deck", [edited, TRUE_FALSE, NUMERIC, HOSTILE])
    # update_notes=ALWAYS is Anki's "Update notes: Always": it updates even from an older
    # export. (An export stamped the very same second counts as the same version and is
    # skipped even then: seen with anki 26.9.3.) The default, IF_NEWER, is tested below.
    older = write_anki(quiz_v2, tmp_path / "v2.apkg", timestamp=1_600_000_000)
    import_package(collection, older, update=ALWAYS)
    after = notes_by_id(collection)
    assert collection.note_count() == len(before) == 4
    assert after["t-001"].id == before["t-001"].id
    assert "Edited: gut blood goes portal." in after["t-001"]["Explanation"]
    assert after["t-002"]["Question"] == before["t-002"]["Question"]


def test_default_import_updates_when_the_export_is_newer(
    tmp_path: Path, collection: Collection
) -> None:
    first = write_anki(QUIZ, tmp_path / "v1.apkg", timestamp=1_700_000_000)
    import_package(collection, first)
    edited = SINGLE.model_copy(update={"explanation": "Newer explanation."})
    quiz_v2 = ExportQuiz.of("anki-test", "Anki test deck", [edited, TRUE_FALSE, NUMERIC, HOSTILE])
    stale = write_anki(quiz_v2, tmp_path / "stale.apkg", timestamp=1_700_000_000)
    import_package(collection, stale)  # same stamp: IF_NEWER keeps the collection's note
    assert "Newer explanation." not in notes_by_id(collection)["t-001"]["Explanation"]
    import_package(collection, write_anki(quiz_v2, tmp_path / "v2.apkg", timestamp=1_800_000_000))
    assert collection.note_count() == 4
    assert "Newer explanation." in notes_by_id(collection)["t-001"]["Explanation"]


def test_the_same_item_in_two_decks_gives_two_notes(tmp_path: Path, collection: Collection) -> None:
    # genanki#61: with field-hash GUIDs the second deck's identical note would be skipped.
    import_package(
        collection, write_anki(ExportQuiz.of("deck-one", "One", [SINGLE]), tmp_path / "1.apkg")
    )
    import_package(
        collection, write_anki(ExportQuiz.of("deck-two", "Two", [SINGLE]), tmp_path / "2.apkg")
    )
    assert collection.note_count() == 2
    decks = {collection.decks.name(collection.get_card(c).did) for c in collection.find_cards("")}
    assert decks == {"One", "Two"}


def test_deck_ids_are_stable_and_in_genankis_range() -> None:
    # A compatibility pin: learners' decks are keyed by this number, so it must never change.
    # Computed outside Python from the documented formula: the first 8 bytes of
    # `printf 'livermets-edu deck:08-liver-directed' | sha256sum` are 6d85c939549c08d4, and
    # 0x6d85c939549c08d4 mod 2**30 + 2**30 = 1419512020 (shell arithmetic).
    assert anki_deck_id("08-liver-directed") == 1_419_512_020
    assert anki_deck_id("08-liver-directed") != anki_deck_id("07-ablation")
    for quiz_id in ("a", "08-liver-directed", "y90-midterm"):
        assert 1 << 30 <= anki_deck_id(quiz_id) < 1 << 31


@pytest.mark.parametrize("bank_name", ["01-blood-supply", "07-ablation", "08-liver-directed"])
def test_every_shipped_bank_exports_one_note_per_question(
    tmp_path: Path, collection: Collection, bank_name: str
) -> None:
    bank = load_bank(bank_name)
    quiz = ExportQuiz.of(bank.name, bank.title, [concrete(q, 0) for q in bank])
    import_package(collection, write_anki(quiz, tmp_path / "bank.apkg"))
    assert sorted(notes_by_id(collection)) == sorted(bank.ids)


def test_blank_deck_name_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="deck name is empty"):
        write_anki(QUIZ, tmp_path / "quiz.apkg", deck_name="  ")


# --- media: a question with a diagram carries its PNG into the collection ---
class DiagramQuestion(SingleBestAnswer):
    """A stand-in for a label_diagram question: any question that names a diagram."""

    diagram: str


@dataclass(frozen=True)
class FakeDiagram:
    image: bytes
    alt_text: str

    def png(self) -> bytes:
        return self.image


def tiny_png(colour: tuple[int, int, int]) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), colour).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def diagram_registry() -> dict[str, Any]:
    """The real registry; tests add entries with monkeypatch.setitem, which undoes them."""
    return LABEL_DIAGRAMS


def with_diagram(question: Question, name: str, question_id: str) -> DiagramQuestion:
    data = question.model_dump() | {"id": question_id, "diagram": name}
    return DiagramQuestion.model_validate(data)


def test_a_diagram_is_stored_once_as_media_and_shown_with_alt_text(
    tmp_path: Path,
    collection: Collection,
    diagram_registry: dict[str, Any],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    png = tiny_png((0, 114, 178))
    monkeypatch.setitem(diagram_registry, "test-square", FakeDiagram(png, 'A "blue" square'))
    quiz = ExportQuiz.of(
        "media-test",
        "Media",
        [with_diagram(SINGLE, "test-square", "m-1"), with_diagram(SINGLE, "test-square", "m-2")],
    )
    import_package(collection, write_anki(quiz, tmp_path / "media.apkg"))
    media_files = sorted(Path(collection.media.dir()).iterdir())
    assert [path.read_bytes() for path in media_files] == [png]  # two uses, one file
    name = media_files[0].name
    question = notes_by_id(collection)["m-1"]["Question"]
    assert f'src="{name}"' in question and 'alt="A &quot;blue&quot; square"' in question


def test_media_names_follow_content_so_a_new_image_gets_a_new_name(
    tmp_path: Path, diagram_registry: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    names = []
    for index, colour in enumerate([(0, 0, 0), (0, 0, 0), (230, 159, 0)]):
        monkeypatch.setitem(diagram_registry, "test-square", FakeDiagram(tiny_png(colour), "x"))
        quiz = ExportQuiz.of("m", "M", [with_diagram(SINGLE, "test-square", "m-1")])
        col = Collection(str(tmp_path / f"c{index}.anki2"))
        try:
            import_package(col, write_anki(quiz, tmp_path / f"{index}.apkg"))
            names.append([path.name for path in Path(col.media.dir()).iterdir()])
        finally:
            col.close()
    assert names[0] == names[1] and names[0] != names[2]


def test_an_unknown_diagram_is_a_clear_error(
    tmp_path: Path, diagram_registry: dict[str, Any]
) -> None:
    quiz = ExportQuiz.of("m", "M", [with_diagram(SINGLE, "no-such-diagram", "m-9")])
    with pytest.raises(ExportError, match="m-9: no label diagram called 'no-such-diagram'"):
        write_anki(quiz, tmp_path / "bad.apkg")


def test_a_real_label_diagram_question_carries_its_figure(
    tmp_path: Path, collection: Collection
) -> None:
    question = parse_question(
        {
            "id": "ld-1",
            "type": "label_diagram",
            "stem": "Name the numbered structures.",
            "diagram": "dual_blood_supply",
            "source": "Test source",
        }
    )
    drawing = LABEL_DIAGRAMS["dual_blood_supply"]
    import_package(
        collection, write_anki(ExportQuiz.of("ld", "LD", [question]), tmp_path / "l.apkg")
    )
    (stored,) = Path(collection.media.dir()).iterdir()
    assert stored.read_bytes() == drawing.png()
    note = notes_by_id(collection)["ld-1"]
    assert html_escape(drawing.alt_text()) in note["Question"]
    for name in question.answer.values():  # the registry's names, independent of export
        assert name in note["Answer"]


MATCHING = {
    "id": "mt-1",
    "type": "matching",
    "stem": "Match each vessel to what it carries.",
    "prompts": [{"id": "pv", "text": "Portal vein"}, {"id": "ha", "text": "Hepatic artery"}],
    "choices": [
        {"id": "gut", "text": "Gut blood"},
        {"id": "oxy", "text": "Oxygenated blood"},
        {"id": "bile", "text": "Bile"},
    ],
    "answer": {"pv": "gut", "ha": "oxy"},
    "source": "Test source",
}
ORDERING = {
    "id": "or-1",
    "type": "ordering",
    "stem": "Order the path of a microsphere.",
    "items": [
        {"id": "fem", "text": "Femoral artery"},
        {"id": "aorta", "text": "Aorta"},
        {"id": "ha", "text": "Hepatic artery"},
        {"id": "tumour", "text": "Tumour arterioles"},
    ],
    "source": "Test source",
}


def shown_letters(question_html: str) -> dict[str, str]:
    """Item text -> the letter the card shows it under, read back from the card."""
    return {
        text: letter
        for letter, text in re.findall(r'lm-letter">([A-Z]+)\.</span>([^<]+)</li>', question_html)
    }


def test_matching_ordering_and_case_become_cards_with_answers(
    tmp_path: Path, collection: Collection
) -> None:
    case = parse_question(
        {
            "id": "case-1",
            "type": "case",
            "stem": "A 60-year-old with colorectal liver metastases.",
            "source": "Test source",
            "parts": [
                {**SINGLE.model_dump(exclude={"source", "tags"}), "id": "p1"},
                {**MATCHING, "id": "p2"},
            ],
        }
    )
    quiz = ExportQuiz.of("mix", "Mix", [parse_question(MATCHING), parse_question(ORDERING), case])
    import_package(collection, write_anki(quiz, tmp_path / "mix.apkg"))
    notes = notes_by_id(collection)

    # Each prompt is shown with the choice it takes, on one line of the answer.
    answer_lines = notes["mt-1"]["Answer"].splitlines()
    assert any("Portal vein" in line and "Gut blood" in line for line in answer_lines)
    assert any("Hepatic artery" in line and "Oxygenated blood" in line for line in answer_lines)

    # The front lists every item, in an order that need not be the answer; the back gives
    # the bank's order (the bank writes items in the correct order).
    ordering = notes["or-1"]
    assert sorted(shown_letters(ordering["Question"])) == sorted(
        item["text"] for item in ORDERING["items"]
    )
    positions = [ordering["Answer"].index(item["text"]) for item in ORDERING["items"]]
    assert positions == sorted(positions)

    case_note = notes["case-1"]
    assert "colorectal liver metastases" in case_note["Question"]
    assert "Part 1" in case_note["Question"] and "Part 2" in case_note["Question"]
    assert "<strong>B</strong>: Portal vein" in case_note["Answer"]  # part 1: option b
    assert "Part 2" in case_note["Answer"] and "Gut blood" in case_note["Answer"]


def test_the_export_dispatcher_writes_anki(tmp_path: Path, collection: Collection) -> None:
    from livermets_edu.quiz.export import export_quiz

    import_package(collection, export_quiz(QUIZ, "anki", tmp_path / "quiz.apkg"))
    assert collection.note_count() == len(QUIZ.questions)


def test_anki_markup_in_bank_text_reaches_anki_as_plain_brackets(
    tmp_path: Path, collection: Collection
) -> None:
    # Anki plays [sound:…] and runs [latex]…[/latex] found in a field; bank text must not.
    hostile = parse_question(
        {
            "id": "t-005",
            "type": "single",
            "stem": "Listen [sound:../../x.mp3] and [latex]\\input{/etc/passwd}[/latex]",
            "options": [
                {"id": "a", "text": "[anki:tts lang=en_US]hi[/anki:tts]"},
                {"id": "b", "text": "plain", "feedback": "[sound:f.mp3]"},
            ],
            "answer": "a",
            "explanation": "See [sound:e.mp3]",
            "source": "[latex]x[/latex]",
        }
    )
    quiz = ExportQuiz.of("brackets", "Brackets", [hostile])
    import_package(collection, write_anki(quiz, tmp_path / "b.apkg"))
    note = notes_by_id(collection)["t-005"]
    fields = " ".join(note.fields)
    assert "[" not in fields  # every bracket of bank text is the entity &#91;
    assert "&#91;sound:../../x.mp3]" in note["Question"]
    assert "&#91;latex]\\input{/etc/passwd}&#91;/latex]" in note["Question"]
    assert "&#91;sound:e.mp3]" in note["Explanation"] and "&#91;sound:f.mp3]" in note["Explanation"]
    assert note["Source"] == "&#91;latex]x&#91;/latex]"
    # Anki finds no sound or LaTeX reference: its media scan of the fields comes back empty.
    assert collection.media.files_in_str(note.mid, fields) == []
    card = collection.get_card(collection.find_cards("")[0])
    assert card.question_av_tags() == [] and card.answer_av_tags() == []
