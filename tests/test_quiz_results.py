"""Results files: atomic append-only writes, reading that reports bad lines, scores.

Simulated results are tested in test_quiz_simulation.py.
"""

import csv
import json
import os
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pydantic import ValidationError

from livermets_edu.quiz.results import (
    AttemptRecord,
    ItemResult,
    append_attempt,
    merge_results,
    read_results,
    scores_table,
    write_scores_csv,
)

DATA = Path(__file__).parent / "data" / "results"
START = datetime(2026, 11, 23, 10, 0, tzinfo=timezone.utc)


def record(attempt_id: str, student: str = "s001", marks=(1.0, 0.0), minutes: int = 20, **extra):
    """An attempt at two one-mark items; its score is the sum of the marks given."""
    items = [
        ItemResult(question_id=f"q{n}", type="true_false", response=bool(m), score=m, max_score=1.0)
        for n, m in enumerate(marks, start=1)
    ]
    fields = dict(
        attempt_id=attempt_id,
        student_id=student,
        quiz_id="y90-midterm",
        mode="exam",
        seed=123,
        started_at=START,
        submitted_at=START + timedelta(minutes=minutes),
        items=items,
        score=sum(marks),
        max_score=float(len(marks)),
    )
    fields.update(extra)
    return AttemptRecord(**fields)


# --- writing --------------------------------------------------------------------------------


def test_append_then_read_back_the_same_attempts(tmp_path):
    path = tmp_path / "new" / "folder" / "results.jsonl"  # parent folders are created
    first, second = record("a1"), record("a2", student="s002", marks=(1.0, 1.0))
    append_attempt(path, first)
    append_attempt(path, second)
    assert path.read_text(encoding="utf-8").count("\n") == 2  # one line per attempt
    read = read_results(path)
    assert read.records == [first, second] and read.ok
    # The previous version (one attempt) is kept beside the file.
    backup = Path(f"{path}.bak").read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["attempt_id"] for line in backup] == ["a1"]


def test_a_line_has_the_documented_fields(tmp_path):
    path = append_attempt(tmp_path / "r.jsonl", record("a1"))
    line = json.loads(path.read_text(encoding="utf-8"))
    # Field names from docs/design/quiz-library.md, "Results file".
    assert set(line) == {
        "format", "version", "attempt_id", "student_id", "quiz_id", "mode", "seed",
        "started_at", "submitted_at", "items", "score", "max_score", "late",
    }  # fmt: skip
    assert (line["format"], line["version"]) == ("livermets-results", 1)
    assert set(line["items"][0]) == {
        "question_id", "type", "variant_seed", "response", "score", "max_score",
    }  # fmt: skip


def test_append_accepts_a_plain_mapping(tmp_path):
    data = dict(record("a1"))  # datetimes and ItemResult objects inside
    path = append_attempt(tmp_path / "r.jsonl", data)
    assert read_results(path).records == [record("a1")]
    with pytest.raises(ValidationError, match="student_id"):
        append_attempt(path, {**data, "attempt_id": "a2", "student_id": ""})


def test_the_same_attempt_id_is_refused_and_the_file_is_unchanged(tmp_path):
    path = append_attempt(tmp_path / "r.jsonl", record("a1"))
    before = path.read_bytes()
    with pytest.raises(ValueError, match="a1 is already recorded"):
        append_attempt(path, record("a1", student="s999", marks=(0.0, 0.0)))
    assert path.read_bytes() == before


def test_a_crash_during_the_write_leaves_the_original_file_intact(tmp_path, monkeypatch):
    path = append_attempt(tmp_path / "r.jsonl", record("a1"))
    before = path.read_bytes()
    real_replace = os.replace

    def crash_on_the_results_file(source, destination):
        if Path(destination) == path:
            raise OSError("power cut")
        real_replace(source, destination)

    monkeypatch.setattr(os, "replace", crash_on_the_results_file)
    with pytest.raises(OSError, match="power cut"):
        append_attempt(path, record("a2"))
    assert path.read_bytes() == before
    # No temporary file is left behind: only the file, its backup and its lock file.
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.jsonl", "r.jsonl.bak", "r.jsonl.lock"]


def test_appending_after_a_corrupt_last_line_keeps_that_line(tmp_path):
    path = tmp_path / "r.jsonl"
    good = record("a1").to_line()
    torn = record("a2").to_line()[:70]  # a line cut short, with no newline
    path.write_text(good + "\n" + torn, encoding="utf-8")
    append_attempt(path, record("a3"))
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[:2] == [good, torn]  # the corrupt line is kept, byte for byte
    read = read_results(path)
    assert [r.attempt_id for r in read.records] == ["a1", "a3"]
    assert [(p.line, p.kind) for p in read.problems] == [(2, "json")]


def test_an_attempt_id_inside_a_corrupt_line_still_counts_as_taken(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_text(record("a1").to_line()[:80] + "\n", encoding="utf-8")  # id is within 80
    with pytest.raises(ValueError, match="already recorded"):
        append_attempt(path, record("a1"))


def test_concurrent_writers_lose_no_attempt(tmp_path):
    path = tmp_path / "r.jsonl"

    def write(prefix: str) -> None:
        for number in range(8):
            append_attempt(path, record(f"{prefix}{number}"))

    with ThreadPoolExecutor(max_workers=3) as pool:
        for done in [pool.submit(write, prefix) for prefix in "xyz"]:
            done.result()
    read = read_results(path)
    assert read.ok and len(read.records) == 24  # 3 writers x 8 attempts, no torn line


# --- the record model -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "change, message",
    [
        ({"score": 2.0}, "not the sum of the item marks"),
        ({"max_score": 3.0}, "not the sum of the items' max_score"),
        ({"submitted_at": START - timedelta(minutes=1)}, "earlier than started_at"),
        ({"started_at": datetime(2026, 11, 23, 10, 0)}, "timezone"),
        ({"mode": "homework"}, "exam"),
        ({"student_id": "s1\nfake"}, "pattern"),
    ],
)
def test_inconsistent_records_are_refused(change, message):
    with pytest.raises(ValidationError, match=message):
        record("a1", marks=(1.0, 0.0), **change)


def test_item_mark_is_share_of_credit_times_weight():
    item = ItemResult(question_id="q1", type="multiple", response=["a"], score=0.5, max_score=4.0)
    assert item.mark == 2.0  # 0.5 of 4 marks


# --- reading --------------------------------------------------------------------------------


def test_corrupt_lines_are_reported_with_file_and_line_and_good_lines_kept():
    # corrupt.jsonl, line by line: 1 good; 2 JSON cut short; 3 seed and a score as strings;
    # 4 no student_id; 5 blank (ignored); 6 attempt id of line 1 again; 7 a JSON list;
    # 8 an unknown field "grade"; 9 good (a student id that looks like a formula).
    path = DATA / "corrupt.jsonl"
    read = read_results(path)
    assert [r.attempt_id[-1] for r in read.records] == ["1", "7"]
    found = [(p.line, p.kind) for p in read.problems]
    assert found == [
        (2, "json"), (3, "field"), (4, "field"), (6, "duplicate"), (7, "json"), (8, "field"),
    ]  # fmt: skip
    text = [str(p) for p in read.problems]
    assert text[0].startswith(f"{path}:2: not valid JSON")
    assert text[1] == (
        f"{path}:3: seed: Input should be a valid integer; "
        "items[0].score: Input should be a valid number"
    )
    assert text[2] == f"{path}:4: student_id: field required"
    assert f"{path}:1" in text[3] and "a different attempt" in text[3]
    assert text[4] == f"{path}:7: expected a JSON object, got list"
    assert text[5] == f"{path}:8: grade: unknown field"
    assert "6 lines skipped" in read.report()


def test_a_duplicate_across_files_is_reported_once():
    first, second = DATA / "first.jsonl", DATA / "second.jsonl"
    read = read_results(first, second)
    # first.jsonl: attempts 2 and 1; second.jsonl: attempt 8, then a copy of attempt 2.
    assert [r.attempt_id[-1] for r in read.records] == ["2", "1", "8"]
    assert [str(p) for p in read.problems] == [
        f"{second}:2: duplicate attempt_id a0000000000000000000000000000002, a copy of "
        f"{first}:1; skipped"
    ]


def test_missing_file_and_no_file_are_clear_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="no results file at .*nothing.jsonl"):
        read_results(tmp_path / "nothing.jsonl")
    with pytest.raises(ValueError, match="at least one results file"):
        read_results()


def test_blank_lines_and_bad_bytes(tmp_path):
    path = tmp_path / "r.jsonl"
    path.write_bytes(b"\n  \n" + record("a1").to_line().encode() + b"\n\xff\xfe\n\n")
    read = read_results(path)
    assert [r.attempt_id for r in read.records] == ["a1"]
    assert [(p.line, p.kind) for p in read.problems] == [(4, "encoding")]


def test_merge_deduplicates_sorts_and_never_overwrites(tmp_path):
    out = tmp_path / "merged.jsonl"
    read = merge_results([DATA / "first.jsonl", DATA / "second.jsonl"], out)
    # Submitted at 10:20 (attempt 1), 10:25 (attempt 2), 10:50 (attempt 8).
    ids = [json.loads(line)["attempt_id"][-1] for line in out.read_text().splitlines()]
    assert ids == ["1", "2", "8"]
    assert len(read.problems) == 1  # the copy of attempt 2
    with pytest.raises(FileExistsError, match="never overwrites"):
        merge_results([DATA / "first.jsonl"], out)


# --- scores ---------------------------------------------------------------------------------


def test_scores_table_first_and_best_attempt():
    attempts = [
        record("a1", student="s1", marks=(0.0, 0.0), minutes=10),
        record("a2", student="s1", marks=(1.0, 0.5), minutes=30),
        record("a3", student="s1", marks=(1.0, 0.0), minutes=50),
        record("a4", student="s2", marks=(1.0, 1.0), minutes=15),
    ]
    rows = scores_table(attempts)
    assert rows == [
        {
            "student_id": "s1",
            "quiz_id": "y90-midterm",
            "attempts": 3,
            "first_score": 0.0,  # a1, the earliest
            "best_score": 1.5,  # a2
            "max_score": 2.0,
            "percent": 75.0,  # 1.5 / 2
            "submitted_at": "2026-11-23T10:50:00+00:00",  # a3, the last
        },
        {
            "student_id": "s2",
            "quiz_id": "y90-midterm",
            "attempts": 1,
            "first_score": 2.0,
            "best_score": 2.0,
            "max_score": 2.0,
            "percent": 100.0,
            "submitted_at": "2026-11-23T10:15:00+00:00",
        },
    ]


def test_scores_csv_cannot_run_formulas(tmp_path):
    read = read_results(DATA / "corrupt.jsonl")
    path = write_scores_csv(read.records, tmp_path / "scores.csv")
    with path.open(newline="", encoding="utf-8") as stream:
        rows = list(csv.DictReader(stream))
    assert [row["student_id"] for row in rows] == ['\'=HYPERLINK("http://x")', "s001"]
    assert rows[1]["best_score"] == "2" and rows[1]["percent"] == "100"


@pytest.mark.parametrize("student", ["+1", "-1", "@SUM(A1)", "=1+1"])
def test_a_student_id_that_starts_like_a_formula_is_quoted(tmp_path, student):
    path = write_scores_csv([record("b1", student=student)], tmp_path / "one.csv")
    with path.open(newline="", encoding="utf-8") as stream:
        (row,) = list(csv.DictReader(stream))
    assert row["student_id"] == "'" + student
