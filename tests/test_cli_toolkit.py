"""The instructor's quiz commands: build, export, import, results, analyse; errors in one line."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from livermets_edu import cli
from livermets_edu.quiz import results
from livermets_edu.quiz.export import FORMATS
from livermets_edu.quiz.loader import load_bank
from livermets_edu.quiz.schema import QUESTION_TYPES
from livermets_edu.quiz.simulation import simulate_results

BANKS = Path(__file__).parent / "data" / "banks"
GOOD_BANK = BANKS / "good-bank.yaml"
BAD_QUIZ = Path(__file__).parent / "data" / "quizzes" / "bad-quiz.yaml"
STUDENTS = 20


def run(capsys: pytest.CaptureFixture[str], *argv: str | Path) -> tuple[int, str, str]:
    code = cli.main([str(arg) for arg in argv])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    return code, out, err


def build(capsys: pytest.CaptureFixture[str], tmp_path: Path, *extra: str) -> Path:
    target = tmp_path / "quiz.yaml"
    code, out, err = run(
        capsys, "quiz", "build", "--id", "cli-quiz", "--title", "CLI quiz", "--bank", GOOD_BANK,
        "--seed", "5", "--mode", "exam", "--time-limit", "25", "-o", target, *extra,
    )  # fmt: skip
    assert code == 0, err
    assert out == f"Wrote {target} (cli-quiz: 5 questions, exam, 25 min, seed 5)\n"
    assert "bank good-bank does not ship" in err  # so the instructor knows to give --bank-dir
    return target


# --- the whole workflow ----------------------------------------------------------------------
def test_build_export_results_analyse(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quiz = build(capsys, tmp_path)

    # Export: every format into a folder; each file named after the quiz, never empty.
    out_dir = tmp_path / "exports"
    code, out, err = run(
        capsys, "quiz", "export", quiz, "--format", "all", "-o", out_dir, "--bank-dir", BANKS
    )
    assert code == 0 and err == ""
    written = [Path(line.split(" ")[1].rstrip(":")) for line in out.splitlines()]
    assert len(written) == len(FORMATS) == len(set(written))
    for path in written:
        assert path.parent == out_dir and path.name.startswith("cli-quiz")
        assert path.stat().st_size > 0

    # Results: simulated attempts at the quiz's questions, one line cut short at the end.
    results_file = tmp_path / "results.jsonl"
    for record in simulate_results(load_bank(GOOD_BANK), STUDENTS, 9, quiz_id="cli-quiz"):
        results.append_attempt(results_file, record)
    with results_file.open("a", encoding="utf-8") as stream:
        stream.write('{"format": "livermets-results", "version": 1, "attempt_id": "cut\n')

    scores = tmp_path / "scores.csv"
    code, out, err = run(capsys, "quiz", "results", results_file, "--csv", scores)
    assert code == 0  # the good lines were used; the bad one is a warning
    assert err.splitlines()[0].startswith(f"{results_file}:{STUDENTS + 1}: not valid JSON")
    assert "warning: 1 line skipped" in err
    table = out.splitlines()
    assert table[0].split()[:3] == ["student", "quiz", "attempts"]
    assert len(table) == 1 + STUDENTS + 1  # header, a row per student, "Wrote scores.csv"
    assert table[-1] == f"Wrote {scores}"
    with scores.open(encoding="utf-8", newline="") as stream:
        assert len(list(csv.DictReader(stream))) == STUDENTS

    stats = tmp_path / "stats"
    code, out, err = run(
        capsys, "quiz", "analyse", results_file, "--quiz", quiz, "--bank-dir", BANKS,
        "--out", stats,
    )  # fmt: skip
    assert code == 0
    assert err.startswith(f"{results_file}:{STUDENTS + 1}: ")  # reported, and analysis ran
    lines = out.splitlines()
    assert lines[0] == f"Quiz cli-quiz: {STUDENTS} attempts, 5 items"
    assert lines[1].split()[:4] == ["item", "type", "attempts", "facility"]
    # Items in the definition's order, which build kept as the bank's order.
    assert [line.split()[0] for line in lines[2:7]] == load_bank(GOOD_BANK).ids
    assert any(line.startswith("CIC ") and "ER " in line and "SE " in line for line in lines)
    for name in (
        "cli-quiz-items.csv",
        "cli-quiz-responses.csv",
        "cli-quiz-facility-discrimination.png",
        "cli-quiz-total-scores.png",
    ):
        assert (stats / name).stat().st_size > 0
        assert f"Wrote {stats / name}" in lines


@pytest.mark.parametrize("format_name", sorted(FORMATS))
def test_export_each_format_names_the_file_after_the_quiz(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, format_name: str
) -> None:
    code, out, _ = run(capsys, "quiz", "export", GOOD_BANK, "--format", format_name, "-o", tmp_path)
    assert code == 0
    (path,) = tmp_path.iterdir()
    tag = "-key" if format_name == "printable-key" else ""
    assert path.name.startswith(f"good-bank{tag}") and path.name.endswith(
        FORMATS[format_name].suffix
    )
    assert out == f"Wrote {path}: {FORMATS[format_name].description}\n"
    assert path.stat().st_size > 0


def test_export_a_students_paper(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    quiz = build(capsys, tmp_path)
    code, out, _ = run(
        capsys, "quiz", "export", quiz, "--format", "printable", "--student", "S042",
        "-o", tmp_path, "--bank-dir", BANKS,
    )  # fmt: skip
    assert code == 0
    page = (tmp_path / "cli-quiz-s042.html").read_text("utf-8")
    assert "S042" in page


def test_import_a_jupyterquiz_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    source = tmp_path / "quiz.json"
    source.write_text(
        json.dumps(
            [
                {
                    "question": "The liver has a dual blood supply.",
                    "type": "multiple_choice",
                    "answers": [
                        {"answer": "True", "correct": True},
                        {"answer": "False", "correct": False},
                    ],
                }
            ]
        ),
        "utf-8",
    )
    argv = ["quiz", "import", source, "--bank-id", "jq", "--title", "T", "--lesson", "01"]
    code, out, _ = run(capsys, *argv, "--source", "S", "-o", tmp_path)
    assert code == 0 and out.startswith(f"Wrote {tmp_path / 'jq.yaml'}")
    assert load_bank(tmp_path / "jq.yaml")["jq-001"].type == "true_false"
    code, _, err = run(capsys, *argv, "--source", "S", "-o", tmp_path)
    assert code == 1 and "already exists" in err and len(err.splitlines()) == 1
    code, out, _ = run(capsys, *argv, "--source", "S", "-o", tmp_path, "--force")
    assert code == 0


# --- mistakes: one line each on stderr, exit status 1 ----------------------------------------
def test_unknown_bank(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(
        capsys, "quiz", "build", "--id", "q", "--bank", "no-such-bank", "-o", tmp_path / "q.yaml"
    )
    assert (code, out) == (1, "")
    assert err.startswith("no-such-bank: no quiz bank called 'no-such-bank'")
    assert len(err.splitlines()) == 1
    code, out, err = run(capsys, "quiz", "export", "no-such-bank", "--format", "gift")
    assert (code, out, len(err.splitlines())) == (1, "", 1) and "no quiz bank" in err


def test_bad_definition_file_gives_one_line_per_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(
        capsys, "quiz", "export", BAD_QUIZ, "--format", "moodle", "-o", tmp_path,
        "--bank-dir", BANKS,
    )  # fmt: skip
    assert (code, out) == (1, "")
    # The fixture marks each faulty line with "# expect:"; every one is reported, in order.
    expected = [
        number
        for number, line in enumerate(BAD_QUIZ.read_text("utf-8").splitlines(), start=1)
        if "# expect:" in line
    ]
    reported = [int(line.split(":")[1]) for line in err.splitlines()]
    assert reported == expected
    assert all(line.split(":")[0].endswith("bad-quiz.yaml") for line in err.splitlines())
    assert list(tmp_path.iterdir()) == []


def test_unknown_format(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    code, out, err = run(capsys, "quiz", "export", GOOD_BANK, "--format", "moodel", "-o", tmp_path)
    assert (code, out) == (1, "")
    assert err == (
        f"unknown export format 'moodel'; choose one of {', '.join(FORMATS)}; "
        "did you mean moodle?\n"
    )


def test_unwritable_output(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for argv in (
        ["quiz", "export", GOOD_BANK, "--format", "moodle", "-o", blocker / "x.xml"],
        ["quiz", "export", GOOD_BANK, "--format", "anki", "-o", blocker / "x.apkg"],
        ["quiz", "build", "--id", "q", "--bank", GOOD_BANK, "-o", blocker / "q.yaml"],
    ):
        code, out, err = run(capsys, *argv)
        assert (code, out) == (1, "")
        assert err == f"{argv[-1]}: cannot write: {blocker} is a file, not a folder\n"
    code, _, err = run(capsys, "quiz", "export", GOOD_BANK, "--format", "all", "-o", blocker)
    assert code == 1 and err == f"{blocker}: every format goes into a folder, and this is a file\n"


def test_results_of_missing_or_unreadable_files(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "quiz", "results", tmp_path / "absent.jsonl")
    assert (code, out, err) == (1, "", f"no results file at {tmp_path / 'absent.jsonl'}\n")
    broken = tmp_path / "broken.jsonl"
    broken.write_text("not json\n", "utf-8")
    code, out, err = run(capsys, "quiz", "results", broken)
    assert (code, out) == (1, "")
    assert err.splitlines()[0].startswith(f"{broken}:1: not valid JSON")
    assert err.splitlines()[-1] == "no readable attempts in these files"
    code, _, err = run(capsys, "quiz", "analyse", broken)
    assert code == 1 and f"no readable attempts in {broken}" in err


def test_bad_build_options(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "q.yaml"
    base = ["quiz", "build", "--id", "q", "--bank", GOOD_BANK, "-o", target]
    for extra, words in (
        (["--time-limit", "10"], "a time limit applies only to exam mode"),
        (["--difficulty", "hrad"], "did you mean hard?"),
        (["-n", "99"], "cannot draw 99"),
        (["--type", "essay"], "'essay' is not a question type"),
    ):
        code, out, err = run(capsys, *base, *extra)
        assert (code, out, len(err.splitlines())) == (1, "", 1) and words in err
    assert not target.exists()
    assert run(capsys, *base, "--mode", "quiz")[0] == 2  # argparse's usage error


def test_an_unexpected_failure_is_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from livermets_edu.quiz import toolkit

    def explode(*args: object, **kwargs: object) -> None:
        raise RuntimeError("boom\nsecond line")

    monkeypatch.setattr(toolkit, "export", explode)
    code, out, err = run(capsys, "quiz", "export", "01-blood-supply", "--format", "gift")
    assert (code, out) == (1, "")
    assert err == "01-blood-supply: internal error: RuntimeError: boom second line\n"


# --- help ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("action", "words"),
    [
        ("build", ["--id", "--lesson", "--time-limit", "--partial-credit", *QUESTION_TYPES]),
        ("export", ["--format", "--student", "all", *FORMATS]),
        ("import", ["--bank-id", "--source", "--force"]),
        ("results", ["--csv", "--merge", "exit status is 0"]),
        ("analyse", ["--quiz", "--out", "CIC"]),
    ],
)
def test_help_in_users_words(
    capsys: pytest.CaptureFixture[str], action: str, words: list[str]
) -> None:
    code, out, _ = run(capsys, "quiz", action, "--help")
    assert code == 0
    flat = " ".join(out.split())
    for word in words:
        assert word in flat


def test_opening_the_lessons_does_not_load_the_quiz_package() -> None:
    assert cli._quiz_words(["lab", "--no-browser"]) == cli.QuizWords()
    assert cli._quiz_words(["quiz", "export"]).formats == list(FORMATS)


# --- outputs that must not be written --------------------------------------------------------
def results_file(path: Path) -> Path:
    for record in simulate_results(load_bank(GOOD_BANK), 3, 1, quiz_id="cli-quiz"):
        results.append_attempt(path, record)
    return path


def refused(capsys: pytest.CaptureFixture[str], words: str, *argv: str | Path) -> str:
    """Run a command that must stop: exit 1, nothing on stdout, one line on stderr."""
    code, out, err = run(capsys, *argv)
    assert (code, out) == (1, ""), err
    assert len(err.splitlines()) == 1 and words in err, err
    return err


def test_a_results_file_survives_every_typo(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    attempts = results_file(tmp_path / "r.jsonl")
    before = attempts.read_bytes()
    # The reviewer's case: `quiz results r.jsonl --csv r.jsonl` replaced the attempts by CSV.
    err = refused(capsys, "is also an input", "quiz", "results", attempts, "--csv", attempts)
    assert err.startswith(f"{attempts} is also an input")
    refused(capsys, "is also an input", "quiz", "results", attempts, "--merge", attempts)
    build = ["quiz", "build", "--id", "q", "--bank", GOOD_BANK, "--force", "-o", attempts]
    refused(capsys, "is a results file", *build)
    export = ["quiz", "export", GOOD_BANK, "--format", "gift", "--force", "-o", attempts]
    refused(capsys, "is a results file", *export)
    refused(capsys, "is a results file", "quiz", "html", GOOD_BANK, "-o", attempts)
    assert attempts.read_bytes() == before


def test_a_results_file_with_a_damaged_first_line_or_a_bom_is_never_replaced(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    source = results_file(tmp_path / "a.jsonl")
    attempts = results_file(tmp_path / "b.jsonl").read_bytes()
    damaged = tmp_path / "d.jsonl"  # the reviewer's file: first line cut short, then attempts
    damaged.write_bytes(b'{"attempt_id": "cut", "stu\n' + attempts)
    with_bom = tmp_path / "bom.jsonl"
    with_bom.write_bytes(b"\xef\xbb\xbf" + attempts)
    for target in (damaged, with_bom):
        before = target.read_bytes()
        refused(capsys, "is a results file", "quiz", "results", source, "--csv", target)
        assert target.read_bytes() == before
    merged = tmp_path / "m.jsonl"
    argv = ["quiz", "results", source, "--merge", merged, "--csv", merged]
    refused(capsys, "one would replace the other", *argv)
    assert not merged.exists()


def test_build_and_export_need_force_to_replace_a_file(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    quiz = build(capsys, tmp_path)
    before = quiz.read_bytes()
    again = [
        "quiz", "build", "--id", "other", "--bank", GOOD_BANK, "--seed", "6", "-o", quiz,
    ]  # fmt: skip
    err = refused(capsys, "already exists", *again)
    assert "--force" in err and quiz.read_bytes() == before
    code, out, _ = run(capsys, *again, "--force")
    assert code == 0 and "other: 5 questions" in out and quiz.read_bytes() != before
    # Export into a folder twice: the second time every file exists already.
    out = tmp_path / "out"
    export = ["quiz", "export", quiz, "--format", "all", "-o", out, "--bank-dir", BANKS]
    assert run(capsys, *export)[0] == 0
    refused(capsys, "already exists", *export)
    assert run(capsys, *export, "--force")[0] == 0
    # A quiz definition or a bank it reads is an input, even with --force.
    refused(
        capsys, "is also an input",
        "quiz", "export", quiz, "--format", "gift", "-o", quiz, "--bank-dir", BANKS, "--force",
    )  # fmt: skip
    # A copy of the bank, so a broken guard could never damage the test data.
    bank = tmp_path / "good-bank.yaml"
    bank.write_bytes(GOOD_BANK.read_bytes())
    refused(
        capsys, "is also an input",
        "quiz", "build", "--id", "q", "--bank", bank, "-o", bank, "--force",
    )  # fmt: skip
    refused(capsys, "is also an input", "quiz", "html", bank, "-o", bank)
    assert bank.read_bytes() == GOOD_BANK.read_bytes()


def test_the_html_page_is_written_in_one_step(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    # A folder where the page would go: the atomic writer refuses it in words (a plain
    # write_text said "Is a directory"), and a link is followed, not replaced.
    folder = tmp_path / "page.html"
    folder.mkdir()
    refused(capsys, "is a folder, not a file", "quiz", "html", GOOD_BANK, "-o", folder)
    link = tmp_path / "link.html"
    link.symlink_to(tmp_path / "real.html")
    code, _, err = run(capsys, "quiz", "html", GOOD_BANK, "-o", link)
    assert code == 0 and err.startswith(f"Wrote {link}")
    assert link.is_symlink() and (tmp_path / "real.html").read_text("utf-8").startswith("<!DOC")


def test_a_time_limit_over_a_week_is_refused(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    target = tmp_path / "q.yaml"
    base = ["quiz", "build", "--id", "q", "--bank", GOOD_BANK, "--mode", "exam", "-o", target]
    refused(capsys, "at most 10080 minutes (one week)", *base, "--time-limit", "1e308")
    refused(capsys, "at most 10080 minutes (one week)", *base, "--time-limit", "10081")
    assert not target.exists()
    assert run(capsys, *base, "--time-limit", "10080")[0] == 0
