"""The instructor toolkit's functions: build, export, import, collect and analyse results."""

from __future__ import annotations

import csv
import json
import math
from pathlib import Path

import pytest
import yaml

from livermets_edu.quiz import exam, output_guard, results, toolkit
from livermets_edu.quiz.definition import load_quiz_definition
from livermets_edu.quiz.export import FORMATS, ExportError
from livermets_edu.quiz.grading import grade
from livermets_edu.quiz.jupyterquiz_import import JupyterquizImportError
from livermets_edu.quiz.loader import BankError, BankErrors, load_bank
from livermets_edu.quiz.simulation import simulate_results
from livermets_edu.quiz.variants import concrete

BANKS = Path(__file__).parent / "data" / "banks"
GOOD_BANK = BANKS / "good-bank.yaml"
ALL_TYPES = BANKS / "types" / "all-types.yaml"
QUIZZES = Path(__file__).parent / "data" / "quizzes"


def bank_yaml(path: Path) -> dict:
    """The bank file as plain YAML data: the expected values, read without our loader."""
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def built(tmp_path: Path, bank: Path = GOOD_BANK, **options: object) -> Path:
    path = tmp_path / "quiz.yaml"
    toolkit.build(path, quiz_id="tk-quiz", title="Toolkit quiz", banks=[bank], seed=11, **options)
    return path


# --- build -----------------------------------------------------------------------------------
def test_build_writes_a_definition_of_the_filtered_questions(tmp_path: Path) -> None:
    path = built(tmp_path, types=["single", "numeric"], mode="exam", time_limit_minutes=20)
    expected = [
        q["id"] for q in bank_yaml(GOOD_BANK)["questions"] if q["type"] in ("single", "numeric")
    ]
    definition = load_quiz_definition(path, bank_dirs=[BANKS])
    assert [item.id for item in definition.items] == expected
    assert (definition.quiz, definition.mode, definition.time_limit_minutes) == (
        "tk-quiz",
        "exam",
        20,
    )
    assert toolkit.banks_not_shipped(definition) == ["good-bank"]


@pytest.mark.parametrize(
    ("options", "words"),
    [
        ({"mode": "quiz"}, "not a mode"),
        ({"partial_credit": "half"}, "not a choice"),
        ({"time_limit_minutes": 10}, "only to exam mode"),
        ({"mode": "exam", "time_limit_minutes": -1}, "positive number of minutes"),
    ],
)
def test_build_refuses_bad_options_in_words(tmp_path: Path, options: dict, words: str) -> None:
    with pytest.raises(toolkit.ToolkitError, match=words):
        built(tmp_path, **options)
    assert not (tmp_path / "quiz.yaml").exists()


def test_build_explains_a_bad_quiz_id(tmp_path: Path) -> None:
    with pytest.raises(toolkit.ToolkitError, match="may hold only letters, digits"):
        toolkit.build(tmp_path / "q.yaml", quiz_id="my quiz", banks=[GOOD_BANK])


def test_build_names_the_file_it_cannot_write(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    with pytest.raises(OSError) as raised:
        toolkit.build(blocker / "q.yaml", quiz_id="q", banks=[GOOD_BANK])
    assert raised.value.filename == str(blocker / "q.yaml")
    assert "a-file is a file, not a folder" in raised.value.strerror


# --- which kind of file ----------------------------------------------------------------------
def test_a_source_is_a_definition_only_when_its_first_top_level_key_is_quiz(
    tmp_path: Path,
) -> None:
    definition = built(tmp_path)
    assert type(toolkit.load_quiz_source(definition, bank_dirs=[BANKS])).__name__ == (
        "QuizDefinition"
    )
    # A bank whose comment and nested text mention "quiz:" is still a bank.
    bank = tmp_path / "good-bank.yaml"
    bank.write_text("# quiz: not a key\n" + GOOD_BANK.read_text("utf-8"), "utf-8")
    assert type(toolkit.load_quiz_source(bank)).__name__ == "Bank"
    assert type(toolkit.load_quiz_source("01-blood-supply")).__name__ == "Bank"


def test_a_broken_definition_reports_every_problem_with_its_line() -> None:
    bad = QUIZZES / "bad-quiz.yaml"
    expected_lines = [
        number
        for number, line in enumerate(bad.read_text("utf-8").splitlines(), start=1)
        if "# expect:" in line
    ]
    with pytest.raises(BankErrors) as raised:
        toolkit.quiz_for_export(bad, bank_dirs=[BANKS])
    assert [error.line for error in raised.value.errors] == expected_lines
    for error in raised.value.errors:
        assert error.file.endswith("bad-quiz.yaml")
        assert str(error).startswith(f"{error.file}:{error.line}: ")


def test_an_unknown_bank_name_is_a_bank_error() -> None:
    with pytest.raises(BankError, match="no quiz bank called 'no-such-bank'"):
        toolkit.quiz_for_export("no-such-bank")


# --- questions to export ---------------------------------------------------------------------
def test_a_bank_exports_every_question_with_the_self_check_variant() -> None:
    quiz = toolkit.quiz_for_export(ALL_TYPES)
    raw = bank_yaml(ALL_TYPES)
    assert (quiz.quiz_id, quiz.title) == (raw["bank"], raw["title"])
    assert [q.id for q in quiz.questions] == [q["id"] for q in raw["questions"]]
    template = load_bank(ALL_TYPES)["at-numeric-template"]
    made = next(q for q in quiz.questions if q.id == "at-numeric-template")
    assert made.generator is None
    # The variant the self-check widget shows first (QuizSession: quiz seed 0, student
    # 'anonymous') and the static page shows: one set of numbers for a bank everywhere.
    seed = exam.item_seed(0, "anonymous", "at-numeric-template")
    assert made.answer.value == concrete(template, seed).answer.value
    assert made.answer.value != concrete(template, 0).answer.value  # seed 0 differs: can fail


def test_a_definition_exports_the_lms_variant_in_definition_order(tmp_path: Path) -> None:
    path = built(tmp_path, bank=ALL_TYPES, mode="exam")
    quiz = toolkit.quiz_for_export(path, bank_dirs=[ALL_TYPES.parent])
    assert (quiz.quiz_id, quiz.title) == ("tk-quiz", "Toolkit quiz")
    assert [q.id for q in quiz.questions] == [q["id"] for q in bank_yaml(ALL_TYPES)["questions"]]
    template = load_bank(ALL_TYPES)["at-numeric-template"]
    seed = exam.item_seed(11, toolkit.EXPORT_STUDENT_ID, "at-numeric-template")
    made = next(q for q in quiz.questions if q.id == "at-numeric-template")
    assert made.answer.value == concrete(template, seed).answer.value


def test_a_students_paper_has_their_order_and_still_grades_right(tmp_path: Path) -> None:
    path = built(tmp_path, bank=ALL_TYPES, mode="exam")  # exam: questions and options shuffled
    bank = load_bank(ALL_TYPES)
    papers = {
        student: toolkit.quiz_for_export(path, student_id=student, bank_dirs=[ALL_TYPES.parent])
        for student in ("s001", "s002", " S001 ")
    }
    ids = {student: [q.id for q in paper.questions] for student, paper in papers.items()}
    assert sorted(ids["s001"]) == sorted(bank.ids)
    assert ids["s001"] == ids[" S001 "]  # the same student however the id is typed
    assert ids["s001"] != ids["s002"]  # 9 questions: 9! orders, so a tie would be a bug
    assert papers["s001"].title == "Toolkit quiz: s001"
    # Each paper carries its own student's numbers: the variant of item_seed(quiz seed 11,
    # that student, the question id), made here with variants.concrete, not by the toolkit.
    template = bank["at-numeric-template"]
    values = {}
    for student, paper in papers.items():
        made = next(q for q in paper.questions if q.id == "at-numeric-template")
        own = concrete(template, exam.item_seed(11, student, "at-numeric-template"))
        assert made.stem == own.stem and made.answer.value == own.answer.value
        values[student] = made.answer.value
    assert values["s001"] == values[" S001 "]
    assert values["s001"] != values["s002"]  # so the check above tells students apart
    for question in papers["s001"].questions:
        original = bank[question.id]
        if question.type == "ordering":
            # Bank order is the answer of an ordering question: never reordered.
            assert [i.id for i in question.items] == [i.id for i in original.items]
        if question.type in ("single", "multiple"):
            assert sorted(o.id for o in question.options) == sorted(original.option_ids)
            assert grade(question, question.answer).score == 1.0
    shuffled = [
        q
        for paper in papers.values()
        for q in paper.questions
        if q.type in ("single", "multiple") and q.option_ids != bank[q.id].option_ids
    ]
    assert shuffled, "shuffle_options is on, so some student sees another option order"


def test_a_students_paper_needs_a_definition() -> None:
    with pytest.raises(toolkit.ToolkitError, match="needs a quiz definition"):
        toolkit.quiz_for_export(GOOD_BANK, student_id="s001")


# --- export ----------------------------------------------------------------------------------
def test_every_format_gets_its_own_file_name_in_a_folder() -> None:
    names = {name: toolkit.export_file_name("q", name) for name in FORMATS}
    assert len(set(names.values())) == len(FORMATS)
    assert names["moodle"] == "q" + FORMATS["moodle"].suffix
    assert names["printable"] == "q.html" and names["printable-key"] == "q-key.html"
    assert toolkit.export_file_name("q", "printable", "A/B 1") == "q-a_b_1.html"


def test_export_into_a_folder_or_a_file(tmp_path: Path) -> None:
    into_folder = toolkit.export(GOOD_BANK, "gift", tmp_path)
    assert into_folder == tmp_path / "good-bank.gift.txt" and into_folder.stat().st_size > 0
    named = toolkit.export(GOOD_BANK, "moodle", tmp_path / "mine.xml")
    assert named == tmp_path / "mine.xml" and named.read_text("utf-8").startswith("<?xml")


def test_an_unknown_format_is_refused_before_reading(tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="did you mean moodle"):
        toolkit.export("no-such-bank", "moodel", tmp_path)


def test_export_all_writes_what_each_format_can_hold(tmp_path: Path) -> None:
    done = toolkit.export_all(ALL_TYPES, tmp_path / "out")
    assert set(done.written) | set(done.failed) == set(FORMATS)
    assert not set(done.written) & set(done.failed)
    assert "printable-key" in done.written  # print can show every type
    for path in done.written.values():
        assert path.parent == tmp_path / "out" and path.stat().st_size > 0
    bank_ids = set(load_bank(ALL_TYPES).ids)
    for reason in done.failed.values():
        assert reason.split(":")[0] in bank_ids  # each failure names the question


# --- import ----------------------------------------------------------------------------------
JUPYTERQUIZ = [
    {
        "question": "Which vessel brings most of the liver's inflow?",
        "type": "multiple_choice",
        "answers": [
            {"answer": "Portal vein", "correct": True},
            {"answer": "Hepatic artery", "correct": False},
        ],
    },
    {
        "question": "How many Couinaud segments are there?",
        "type": "numeric",
        "answers": [{"type": "value", "value": 8, "correct": True}],
    },
]


def test_import_writes_a_bank_the_loader_accepts(tmp_path: Path) -> None:
    source = tmp_path / "quiz.json"
    source.write_text(json.dumps(JUPYTERQUIZ), "utf-8")
    path = toolkit.import_jupyterquiz(
        source, bank_id="jq-test", title="T", lesson="01", source="S", output=tmp_path
    )
    assert path == tmp_path / "jq-test.yaml"
    bank = load_bank(path)
    assert [q.type for q in bank] == ["single", "numeric"]
    with pytest.raises(toolkit.ToolkitError, match="already exists"):
        toolkit.import_jupyterquiz(
            source, bank_id="jq-test", title="T", lesson="01", source="S", output=tmp_path
        )


def test_import_of_a_bad_file_writes_nothing(tmp_path: Path) -> None:
    source = tmp_path / "quiz.json"
    source.write_text('[{"question": "Q", "type": "string", "answers": []}]', "utf-8")
    with pytest.raises(JupyterquizImportError, match="question 1"):
        toolkit.import_jupyterquiz(
            source, bank_id="jq-bad", title="T", lesson="01", source="S", output=tmp_path
        )
    assert not (tmp_path / "jq-bad.yaml").exists()


# --- results and analysis --------------------------------------------------------------------
STUDENTS = 25


@pytest.fixture
def results_file(tmp_path: Path) -> Path:
    """Simulated exam results for good-bank plus one line cut short, as a crash leaves it."""
    path = tmp_path / "results.jsonl"
    for record in simulate_results(load_bank(GOOD_BANK), STUDENTS, 3, quiz_id="tk-quiz"):
        results.append_attempt(path, record)
    with path.open("a", encoding="utf-8") as stream:
        stream.write('{"format": "livermets-results", "version": 1, "attempt_id": "cut\n')
    return path


def test_collect_results_keeps_the_good_lines_and_names_the_bad(
    results_file: Path, tmp_path: Path
) -> None:
    summary = toolkit.collect_results(
        [results_file], csv_path=tmp_path / "scores.csv", merged_path=tmp_path / "merged.jsonl"
    )
    assert len(summary.records) == STUDENTS and len(summary.rows) == STUDENTS
    (problem,) = summary.problems
    assert (problem.file, problem.line) == (results_file, STUDENTS + 1)
    with (tmp_path / "scores.csv").open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    # Expected from the file itself: each good line's student and score, parsed with json.
    lines = [json.loads(line) for line in results_file.read_text("utf-8").splitlines()[:-1]]
    assert {row["student_id"]: float(row["best_score"]) for row in rows} == {
        line["student_id"]: line["score"] for line in lines
    }
    assert len((tmp_path / "merged.jsonl").read_text("utf-8").splitlines()) == STUDENTS


def test_analyse_results_reports_the_bad_line_and_writes_files(
    results_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "stats"
    analysis = toolkit.analyse_results(results_file, quiz=GOOD_BANK, quiz_id="tk-quiz", out_dir=out)
    assert analysis.problems[0].startswith(f"{results_file}:{STUDENTS + 1}: ")
    # Facility recomputed from the raw lines: mean item score × 100 (max_score is 1 each).
    lines = [json.loads(line) for line in results_file.read_text("utf-8").splitlines()[:-1]]
    for item in analysis.items:
        scores = [
            i["score"]
            for line in lines
            for i in line["items"]
            if i["question_id"] == item.question_id
        ]
        assert math.isclose(item.facility_percent, 100 * sum(scores) / len(scores))
    names = sorted(path.name for path in out.iterdir())
    assert names == sorted(
        [
            "tk-quiz-items.csv",
            "tk-quiz-responses.csv",
            "tk-quiz-facility-discrimination.png",
            "tk-quiz-total-scores.png",
        ]
    )
    with (out / "tk-quiz-responses.csv").open(encoding="utf-8", newline="") as stream:
        responses = list(csv.DictReader(stream))
    option_c = next(r for r in responses if r["question_id"] == "gb-single" and r["value"] == "c")
    assert option_c["text"] == "About 50%" and option_c["correct"] == "False"  # from the bank


def test_analyse_results_asks_which_quiz_when_there_are_several(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl"
    bank = load_bank(GOOD_BANK)
    for quiz_id in ("quiz-a", "quiz-b"):
        for record in simulate_results(bank, 3, 1, quiz_id=quiz_id):
            results.append_attempt(
                path, record.model_copy(update={"attempt_id": f"{quiz_id}{record.attempt_id[:20]}"})
            )
    with pytest.raises(toolkit.ToolkitError, match=r"several quizzes \(quiz-a, quiz-b\)"):
        toolkit.analyse_results(path)
    assert toolkit.analyse_results(path, quiz_id="quiz-b").quiz_id == "quiz-b"
    with pytest.raises(toolkit.ToolkitError, match="no attempts at quiz 'quiz-c'"):
        toolkit.analyse_results(path, quiz_id="quiz-c")


def test_analysis_csv_cells_cannot_run_as_formulas(tmp_path: Path) -> None:
    record = simulate_results(load_bank(GOOD_BANK), 1, 1, quiz_id="q")[0]
    items = [
        item.model_copy(update={"response": '=HYPERLINK("x")', "score": 0.0})
        if item.question_id == "gb-numeric-value"
        else item
        for item in record.items
    ]
    marks = math.fsum(item.mark for item in items)
    path = tmp_path / "r.jsonl"
    results.append_attempt(path, record.model_copy(update={"items": items, "score": marks}))
    toolkit.analyse_results(path, out_dir=tmp_path)
    text = (tmp_path / "q-responses.csv").read_text("utf-8")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


# --- outputs that must not be written --------------------------------------------------------
def test_is_results_file_finds_a_record_on_any_of_the_first_lines(tmp_path: Path) -> None:
    record = simulate_results(load_bank(GOOD_BANK), 1, 1, quiz_id="q")[0]
    real = results.append_attempt(tmp_path / "r.jsonl", record)
    attempts = real.read_text("utf-8")
    padded = tmp_path / "padded.jsonl"
    padded.write_text("\n  \n" + attempts, "utf-8")
    cut = tmp_path / "cut.jsonl"  # a first line cut short still holds attempts' file format
    cut.write_text('{"format": "livermets-results", "version": 1, "attempt_id": "x\n', "utf-8")
    # The reviewer's cases: a first line cut before its format, then good attempts; a BOM.
    cut_early = tmp_path / "cut-early.jsonl"
    cut_early.write_text('{"attempt_id": "y", "stud\n' + attempts, "utf-8")
    with_bom = tmp_path / "bom.jsonl"
    with_bom.write_bytes(b"\xef\xbb\xbf" + real.read_bytes())
    other = tmp_path / "other.jsonl"  # another first line, then attempts: still a results file
    other.write_text('{"format": "something-else"}\n' + attempts, "utf-8")
    # Line 50 is the last one looked at: 49 other lines and a record on line 50 is found,
    # 50 other lines push it to line 51, which is not read.
    line_50 = tmp_path / "line-50.jsonl"
    line_50.write_text("note\n" * 49 + attempts, "utf-8")
    line_51 = tmp_path / "line-51.jsonl"
    line_51.write_text("note\n" * 50 + attempts, "utf-8")
    bank = tmp_path / "bank.yaml"
    bank.write_text('bank: b  # "format": "livermets-results"\n', "utf-8")
    found = {
        path.name: output_guard.is_results_file(path)
        for path in (real, padded, cut, cut_early, with_bom, other, line_50, line_51, bank)
    }
    assert found == {
        "r.jsonl": True,
        "padded.jsonl": True,
        "cut.jsonl": True,
        "cut-early.jsonl": True,
        "bom.jsonl": True,
        "other.jsonl": True,
        "line-50.jsonl": True,
        "line-51.jsonl": False,
        "bank.yaml": False,
    }
    assert not output_guard.is_results_file(tmp_path / "absent.jsonl")
    assert not output_guard.is_results_file(tmp_path)  # a folder is not opened


def test_the_merged_file_and_the_csv_may_not_be_one_file(
    results_file: Path, tmp_path: Path
) -> None:
    both = tmp_path / "m.jsonl"
    with pytest.raises(toolkit.ToolkitError, match="one would replace the other"):
        toolkit.collect_results([results_file], csv_path=both, merged_path=both)
    # Another spelling of the same path is the same output.
    with pytest.raises(toolkit.ToolkitError, match="one would replace the other"):
        toolkit.collect_results(
            [results_file], csv_path=both, merged_path=tmp_path / "sub" / ".." / "m.jsonl"
        )
    assert not both.exists()


def test_no_output_may_replace_an_input_or_a_results_file(
    results_file: Path, tmp_path: Path
) -> None:
    before = results_file.read_bytes()
    # The reviewer's typo: --csv naming the results file itself.
    with pytest.raises(toolkit.ToolkitError, match="is also an input"):
        toolkit.collect_results([results_file], csv_path=results_file)
    # The same file by another name (a link) is still the input.
    link = tmp_path / "link.csv"
    link.symlink_to(results_file)
    with pytest.raises(toolkit.ToolkitError, match="is also an input"):
        toolkit.collect_results([results_file], csv_path=link)
    # Another results file, not read here, is never overwritten either, whatever overwrite says.
    other = tmp_path / "other.jsonl"
    other.write_bytes(before)
    with pytest.raises(toolkit.ToolkitError, match="is a results file"):
        toolkit.collect_results([GOOD_BANK.parent / "nothing"], csv_path=other)
    for action in (
        lambda: toolkit.build(other, quiz_id="q", banks=[GOOD_BANK], overwrite=True),
        lambda: toolkit.export(GOOD_BANK, "gift", other, overwrite=True),
        lambda: toolkit.export(GOOD_BANK, "moodle", results_file, overwrite=True),
    ):
        with pytest.raises(toolkit.ToolkitError, match="is a results file"):
            action()
    assert results_file.read_bytes() == before and other.read_bytes() == before
    # Nothing new beside them: the fixture's own files, the link and the other results file.
    written_by_fixture = {"results.jsonl", "results.jsonl.bak", "results.jsonl.lock"}
    assert {p.name for p in tmp_path.iterdir()} == written_by_fixture | {"link.csv", "other.jsonl"}


def test_build_and_export_refuse_an_existing_file_unless_told(tmp_path: Path) -> None:
    quiz = built(tmp_path)
    before = quiz.read_bytes()
    with pytest.raises(toolkit.ToolkitError, match="already exists.*--force"):
        built(tmp_path, mode="exam")
    assert quiz.read_bytes() == before
    built(tmp_path, mode="exam", overwrite=True)
    assert load_quiz_definition(quiz, bank_dirs=[BANKS]).mode == "exam"
    # A bank read by the build is an input: not even overwrite replaces it.
    copy = tmp_path / "good-bank.yaml"
    copy.write_bytes(GOOD_BANK.read_bytes())
    with pytest.raises(toolkit.ToolkitError, match="is also an input"):
        toolkit.build(copy, quiz_id="q", banks=[copy], overwrite=True)
    # Export: the definition and its banks are inputs; an existing file needs overwrite.
    with pytest.raises(toolkit.ToolkitError, match="is also an input"):
        toolkit.export(quiz, "gift", quiz, bank_dirs=[tmp_path], overwrite=True)
    with pytest.raises(toolkit.ToolkitError, match="is also an input"):
        toolkit.export(quiz, "gift", copy, bank_dirs=[tmp_path], overwrite=True)
    assert copy.read_bytes() == GOOD_BANK.read_bytes() and quiz.read_bytes() != b""
    gift = toolkit.export(quiz, "gift", tmp_path / "out.txt", bank_dirs=[tmp_path])
    with pytest.raises(toolkit.ToolkitError, match="already exists"):
        toolkit.export(quiz, "gift", gift, bank_dirs=[tmp_path])
    toolkit.export(quiz, "gift", gift, bank_dirs=[tmp_path], overwrite=True)


def test_export_all_checks_every_file_before_writing_any(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    first = toolkit.export_all(GOOD_BANK, folder)
    # One file changed by hand: a second export stops before touching any file.
    marked = first.written["gift"]
    marked.write_text("edited", "utf-8")
    with pytest.raises(toolkit.ToolkitError, match="already exists"):
        toolkit.export_all(GOOD_BANK, folder)
    assert marked.read_text("utf-8") == "edited"
    again = toolkit.export_all(GOOD_BANK, folder, overwrite=True)
    assert again.written.keys() == first.written.keys()
    assert marked.read_text("utf-8") != "edited"


def test_analysis_files_never_replace_the_results_read(results_file: Path, tmp_path: Path) -> None:
    out = tmp_path / "stats"
    out.mkdir()
    (out / "tk-quiz-items.csv").symlink_to(results_file)  # the items CSV would land on it
    before = results_file.read_bytes()
    with pytest.raises(toolkit.ToolkitError, match="is also an input"):
        toolkit.analyse_results(results_file, quiz_id="tk-quiz", out_dir=out)
    assert results_file.read_bytes() == before
    assert [p.name for p in out.iterdir()] == ["tk-quiz-items.csv"]  # nothing else written


def test_import_never_writes_over_a_results_file(results_file: Path, tmp_path: Path) -> None:
    source = tmp_path / "quiz.json"
    source.write_text(
        json.dumps([{"question": "Q?", "type": "numeric", "answers": [{"type": "value",
                     "value": 1, "correct": True}]}]),
        "utf-8",
    )  # fmt: skip
    options = {"bank_id": "jq", "title": "T", "lesson": "L", "source": "S", "overwrite": True}
    with pytest.raises(toolkit.ToolkitError, match="is a results file"):
        toolkit.import_jupyterquiz(source, output=results_file, **options)
    with pytest.raises(toolkit.ToolkitError, match="is also an input"):
        toolkit.import_jupyterquiz(source, output=source, **options)


def test_plots_and_pages_are_written_in_one_step(results_file: Path, tmp_path: Path) -> None:
    # atomic.write_* refuses a folder where a file would go (a plain write raised
    # IsADirectoryError, an OSError); so this tells the atomic path from the old one.
    from livermets_edu.quiz.atomic import NotARegularFileError
    from livermets_edu.quiz.static_html import show_static

    out = tmp_path / "stats"
    (out / "tk-quiz-total-scores.png").mkdir(parents=True)
    with pytest.raises(NotARegularFileError, match="is a folder"):
        toolkit.analyse_results(results_file, quiz_id="tk-quiz", out_dir=out)
    page = tmp_path / "page.html"
    page.mkdir()
    with pytest.raises(NotARegularFileError, match="is a folder"):
        show_static(GOOD_BANK).save(page)
    target = tmp_path / "real.html"
    link = tmp_path / "link.html"
    link.symlink_to(target)
    show_static(GOOD_BANK).save(link)
    assert link.is_symlink() and target.read_text("utf-8").startswith("<!DOCTYPE html>")


def test_build_refuses_a_time_limit_over_a_week(tmp_path: Path) -> None:
    with pytest.raises(toolkit.ToolkitError, match=r"at most 10080 minutes \(one week\)"):
        built(tmp_path, mode="exam", time_limit_minutes=1e308)
    assert not (tmp_path / "quiz.yaml").exists()
    built(tmp_path, mode="exam", time_limit_minutes=7 * 24 * 60)  # exactly a week is allowed
