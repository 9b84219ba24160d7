"""The livermets-edu command: one clear line per bank problem, never a traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from livermets_edu import __version__, cli
from livermets_edu.quiz import loader

BANKS = Path(__file__).parent / "data" / "banks"
REPO = Path(__file__).resolve().parents[1]
BAD = {
    "missing-answer.yaml": ":10: questions[1].answer: required field is missing",
    "unknown-type.yaml": ":6: questions[0].type: 'essay' is not a question type",
    "duplicate-id.yaml": ":10: questions[1].id: question id 'di-001' is used twice",
    "malformed-yaml.yaml": ":12:24: questions[1].stem: invalid YAML:",
    "answer-not-option.yaml": ":17: questions[0].answer: 'e' is not one of the options a, b, c, d",
    "unknown-fact.yaml": ":9: questions[0].stem: {fact:PORTAL_FLOW_FRACTION} names no fact",
}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_a_good_bank(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "quiz", "validate", str(BANKS / "good-bank.yaml"))
    assert code == 0
    assert out == f"OK {BANKS / 'good-bank.yaml'} (5 questions)\n"


@pytest.mark.parametrize(("fixture", "expected"), sorted(BAD.items()))
def test_validate_a_bad_bank_prints_one_located_line(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    fixture: str,
    expected: str,
) -> None:
    monkeypatch.chdir(REPO)
    code, out, err = run(capsys, "quiz", "validate", f"tests/data/banks/{fixture}")
    assert code == 1
    lines = out.splitlines()
    assert len(lines) == 1, out
    assert lines[0].startswith(f"tests/data/banks/{fixture}{expected}")
    assert "Traceback" not in out + err


def test_validate_a_folder_reports_every_file(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quiz", "validate", str(BANKS))
    assert code == 1
    assert "good-bank.yaml (5 questions)" in out and "xss-bank.yaml (3 questions)" in out
    for fixture in BAD:
        assert sum(fixture in line for line in out.splitlines()) == 1


def test_validate_reports_missing_files_and_empty_folders(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "quiz", "validate", str(tmp_path / "absent.yaml"), str(tmp_path))
    assert code == 1
    assert "absent.yaml: cannot read the file" in out
    assert f"{tmp_path}: no .yaml quiz banks in this folder" in out
    assert "Traceback" not in out + err


def test_an_unexpected_failure_is_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(path: object) -> None:
        raise RuntimeError("something broke")

    monkeypatch.setattr(loader, "check_bank", explode)
    target = str(BANKS / "good-bank.yaml")
    code, out, err = run(capsys, "quiz", "validate", target)
    assert code == 1
    assert out == f"{target}: internal error while checking: RuntimeError: something broke\n"


def test_python_dash_m_never_shows_a_traceback() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "livermets_edu",
            "quiz",
            "validate",
            *sorted(map(str, BANKS.glob("*.yaml"))),
        ],
        capture_output=True,
        text=True,
        cwd=REPO,
    )
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    assert len(result.stdout.splitlines()) == len(BAD) + 2  # one line per bad bank, two OKs


def test_list_banks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "good-bank.yaml").write_text((BANKS / "good-bank.yaml").read_text("utf-8"), "utf-8")
    (tmp_path / "missing-answer.yaml").write_text(
        (BANKS / "missing-answer.yaml").read_text("utf-8"), "utf-8"
    )
    monkeypatch.setattr(loader, "bank_directories", lambda: [tmp_path])
    code, out, _ = run(capsys, "quiz", "list")
    assert code == 0
    good, bad = out.splitlines()
    assert good.split()[:3] == ["good-bank", "5", "questions"]
    assert "The liver and its dual blood supply (test bank)" in good
    assert bad.startswith("missing-answer") and "INVALID (1 problem(s)" in bad


def test_list_with_no_banks(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "bank_directories", lambda: [])
    assert run(capsys, "quiz", "list") == (0, "No quiz banks found.\n", "")


def test_html_writes_a_static_page(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    target = tmp_path / "out.html"
    code, _, err = run(capsys, "quiz", "html", str(BANKS / "good-bank.yaml"), "-o", str(target))
    assert code == 0 and "Wrote" in err
    page = target.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.count("<details>") == 5
    assert "<script" not in page


def test_html_to_stdout_as_a_fragment(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "quiz", "html", str(BANKS / "good-bank.yaml"), "--fragment")
    assert code == 0 and out.startswith('<section class="lm-quiz"')


def test_html_of_a_bad_bank_or_unwritable_target(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    code, out, err = run(capsys, "quiz", "html", str(BANKS / "unknown-type.yaml"))
    assert code == 1 and out == "" and "questions[0].type" in err and "Traceback" not in err
    code, _, err = run(
        capsys, "quiz", "html", str(BANKS / "good-bank.yaml"), "-o", str(tmp_path / "no" / "x.html")
    )
    assert code == 1 and "cannot write" in err


@pytest.fixture
def launched(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> list[list[str]]:
    calls: list[list[str]] = []
    monkeypatch.setattr(cli, "_launch", lambda command: calls.append(command) or 0)
    monkeypatch.setattr(cli, "notebook_dir", lambda: tmp_path)
    return calls


def test_lab_opens_the_start_notebook(
    capsys: pytest.CaptureFixture[str], launched: list[list[str]], tmp_path: Path
) -> None:
    (tmp_path / "00-start-here.ipynb").write_text("{}")
    code, _, err = run(capsys, "lab", "--no-browser", "--port", "9999")
    assert code == 0
    (command,) = launched
    assert command[:3] == [sys.executable, "-m", "jupyterlab"]
    assert f"--notebook-dir={tmp_path}" in command
    assert "--no-browser" in command
    assert command[command.index("--port") + 1] == "9999"  # extra options pass through
    assert command[-1] == str(tmp_path / "00-start-here.ipynb")
    assert "Starting JupyterLab" in err


def test_lab_without_a_start_notebook(
    capsys: pytest.CaptureFixture[str], launched: list[list[str]]
) -> None:
    assert run(capsys, "lab")[0] == 0
    (command,) = launched
    assert "--no-browser" not in command and not command[-1].endswith(".ipynb")


def test_lab_when_jupyterlab_is_missing(
    capsys: pytest.CaptureFixture[str], launched: list[list[str]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cli.importlib.util, "find_spec", lambda name: None)
    code, _, err = run(capsys, "lab")
    assert code == 1 and "pip install jupyterlab" in err and launched == []


def test_notebook_dir_is_the_checkout_lessons_folder() -> None:
    expected = REPO / "notebooks"
    assert cli.notebook_dir() == (expected if expected.is_dir() else Path.cwd())


def test_usage_errors_return_codes_not_exceptions(capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--version")[:2] == (0, f"livermets-edu {__version__}\n")
    code, out, _ = run(capsys)
    assert code == 2 and "quiz" in out and "lab" in out
    code, out, _ = run(capsys, "quiz")
    assert code == 2 and "validate" in out
    assert run(capsys, "quiz", "list", "--bogus")[0] == 2
    assert run(capsys, "quiz", "validate")[0] == 2
    assert run(capsys, "frobnicate")[0] == 2


def deep_bank(tmp_path: Path, levels: int = 2000) -> Path:
    """A bank with a 2000-level nested list in one question (an author's runaway brackets)."""
    path = tmp_path / "deep.yaml"
    path.write_text(
        "bank: deep\ntitle: T\nlesson: L\nquestions:\n"
        "  - {id: q, type: true_false, stem: S, answer: true, source: x}\n"
        f"  - {'[' * levels}{']' * levels}\n",
        encoding="utf-8",
    )
    return path


def test_validate_a_deeply_nested_bank_is_one_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = deep_bank(tmp_path)
    code, out, err = run(capsys, "quiz", "validate", str(path))
    assert code == 1 and err == ""
    (line,) = out.splitlines()
    assert line.startswith(f"{path}:6:") and "nested too deeply" in line


def test_python_dash_m_on_a_deeply_nested_bank(tmp_path: Path) -> None:
    path = deep_bank(tmp_path)
    for action in (["validate"], ["html"]):
        result = subprocess.run(
            [sys.executable, "-m", "livermets_edu", "quiz", *action, str(path)],
            capture_output=True,
            text=True,
            cwd=REPO,
        )
        assert result.returncode == 1
        assert "Traceback" not in result.stdout + result.stderr
        assert len((result.stdout + result.stderr).splitlines()) == 1
        assert "deep.yaml:6:" in result.stdout + result.stderr


def test_html_reports_an_unexpected_failure_as_one_line_naming_the_file(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def explode(name: object) -> None:
        raise RecursionError("maximum recursion depth exceeded\nwhile calling")

    monkeypatch.setattr(loader, "load_bank", explode)
    target = str(BANKS / "good-bank.yaml")
    code, out, err = run(capsys, "quiz", "html", target)
    assert code == 1 and out == ""
    assert err == (
        f"{target}: internal error while loading: "
        "RecursionError: maximum recursion depth exceeded while calling\n"
    )


def test_list_reports_an_unexpected_failure_on_one_line(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    (tmp_path / "good-bank.yaml").write_text((BANKS / "good-bank.yaml").read_text("utf-8"), "utf-8")
    monkeypatch.setattr(loader, "bank_directories", lambda: [tmp_path])

    def explode(name: object) -> None:
        raise RuntimeError("boom\x1b[2J")

    monkeypatch.setattr(loader, "check_bank", explode)
    code, out, _ = run(capsys, "quiz", "list")
    assert code == 0
    assert out == (
        "good-bank  ERROR (internal error while checking: RuntimeError: boom\\x1b[2J)\n"
    )


def test_control_characters_never_reach_the_terminal(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    text = (BANKS / "good-bank.yaml").read_text("utf-8").replace(
        "title: The liver and its dual blood supply (test bank)",
        'title: "\\e[2J\\e[31mThe liver and its dual blood supply"',
    )
    path = tmp_path / "good-bank.yaml"
    path.write_text(text, "utf-8")
    monkeypatch.setattr(loader, "bank_directories", lambda: [tmp_path])
    code, out, _ = run(capsys, "quiz", "list")
    assert code == 0 and "\x1b" not in out
    assert out.startswith("good-bank  INVALID (1 problem(s)")
    code, out, _ = run(capsys, "quiz", "validate", str(path))
    assert code == 1 and "\x1b" not in out
    assert out == (
        f"{path}:3: title: contains the control character U+001B; bank text may hold only "
        "printable characters, line breaks and tabs\n"
    )
