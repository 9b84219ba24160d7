"""Replacing a file in one step: links followed, special files refused, the umask left alone.

No test writes to /dev: a named pipe (os.mkfifo) in tmp_path stands in for a device, since
both are existing paths that are not regular files, and links are made in tmp_path too.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from livermets_edu.quiz import atomic
from livermets_edu.quiz.atomic import NotARegularFileError, real_target, write_bytes, write_text
from livermets_edu.quiz.results import append_attempt, read_results

posix_only = pytest.mark.skipif(os.name != "posix", reason="links, FIFOs and modes are POSIX")


def record(attempt_id: str) -> dict:
    """A minimal valid results record (the design note's example, one item)."""
    return {
        "attempt_id": attempt_id,
        "student_id": "s001",
        "quiz_id": "q",
        "mode": "exam",
        "seed": 1,
        "started_at": "2026-11-23T10:00:00+00:00",
        "submitted_at": "2026-11-23T10:20:00+00:00",
        "items": [
            {
                "question_id": "q1",
                "type": "single",
                "response": "b",
                "score": 1.0,
                "max_score": 1.0,
            }
        ],
        "score": 1.0,
        "max_score": 1.0,
    }


def test_write_replaces_the_content_and_keeps_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "f.txt"
    write_text(path, "one\n")
    write_text(path, "two\n", keep_backup=True)
    assert path.read_text() == "two\n"
    assert (tmp_path / "f.txt.bak").read_text() == "one\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.txt", "f.txt.bak"]  # no temp left


@posix_only
def test_a_link_is_followed_and_stays_a_link(tmp_path: Path) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "results.jsonl"
    real.write_text("old\n")
    link = tmp_path / "results.jsonl"
    link.symlink_to(real)
    write_text(link, "new\n", keep_backup=True)
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert real.read_text() == "new\n"
    # The backup sits beside the real file, not beside the link.
    assert (shared / "results.jsonl.bak").read_text() == "old\n"
    assert not (tmp_path / "results.jsonl.bak").exists()
    assert real_target(link) == Path(os.path.realpath(real))


@posix_only
def test_a_link_to_a_file_not_yet_made_creates_that_file(tmp_path: Path) -> None:
    real = tmp_path / "later.txt"
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_text(link, "made\n")
    assert link.is_symlink() and real.read_text() == "made\n"


@posix_only
def test_appending_through_two_links_reaches_the_shared_file(tmp_path: Path) -> None:
    # The reviewer's case: a results file that links into a shared folder became a local file,
    # so the shared file never got the attempt. Both links must now add to the one real file.
    shared = tmp_path / "shared"
    shared.mkdir()
    real = shared / "r.jsonl"
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.symlink_to(real)
    second.symlink_to(real)
    append_attempt(first, record("a1"))
    append_attempt(second, record("a2"))
    assert first.is_symlink() and second.is_symlink()
    assert [r.attempt_id for r in read_results(real).records] == ["a1", "a2"]


@posix_only
@pytest.mark.parametrize("through_link", [False, True])
def test_a_pipe_is_refused_and_left_as_it_is(tmp_path: Path, through_link: bool) -> None:
    # A FIFO stands in for a device such as /dev/full: an existing path that is not a file.
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    target = pipe
    if through_link:
        target = tmp_path / "link"
        target.symlink_to(pipe)
    with pytest.raises(NotARegularFileError, match="is a named pipe"):
        write_bytes(target, b"data")
    assert stat.S_ISFIFO(os.stat(pipe).st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted({"pipe", target.name})


def test_a_folder_is_refused_with_a_clear_message(tmp_path: Path) -> None:
    folder = tmp_path / "out"
    folder.mkdir()
    with pytest.raises(NotARegularFileError, match=r"out is a folder, not a file"):
        write_text(folder, "x")
    assert isinstance(NotARegularFileError("x"), ValueError)  # commands report it in one line


@posix_only
def test_permissions_kept_given_or_from_the_umask(tmp_path: Path) -> None:
    kept = tmp_path / "kept"
    kept.write_text("a")
    os.chmod(kept, 0o640)
    write_text(kept, "b")
    assert stat.S_IMODE(kept.stat().st_mode) == 0o640
    write_text(kept, "c", mode=0o600)
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    # A new file: 0666 less the umask, as open() gives; the expected mode is what open() made.
    reference = tmp_path / "reference"
    reference.write_text("r")
    fresh = write_text(tmp_path / "fresh", "f")
    assert stat.S_IMODE(fresh.stat().st_mode) == stat.S_IMODE(reference.stat().st_mode)


@posix_only
def test_the_umask_is_never_changed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Setting the umask to 0, even for a moment, lets another thread create a world-writable
    # file. Any call to os.umask fails this test.
    def no_umask(*_: object) -> int:
        raise AssertionError("os.umask was called")

    monkeypatch.setattr(atomic.os, "umask", no_umask)
    write_text(tmp_path / "new", "x")
    write_text(tmp_path / "new", "y", keep_backup=True)
    assert (tmp_path / "new").read_text() == "y"


@posix_only
def test_a_thread_creating_files_meanwhile_gets_its_own_umask(tmp_path: Path) -> None:
    # A file made by another thread while we write gets the same permissions as before.
    reference = tmp_path / "reference"
    reference.write_text("r")
    expected = stat.S_IMODE(reference.stat().st_mode)
    modes: list[int] = []

    def create_files() -> None:
        for index in range(200):
            made = tmp_path / f"other-{index}"
            made.write_text("o")
            modes.append(stat.S_IMODE(made.stat().st_mode))

    other = threading.Thread(target=create_files)
    other.start()
    for index in range(200):
        write_text(tmp_path / f"ours-{index % 5}", str(index))
    other.join()
    assert set(modes) == {expected}
