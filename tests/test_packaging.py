"""The package as users get it: README commands, the wheel's quiz banks, a light import."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _readme_commands() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    return re.findall(r"```bash\n(python3 -m venv[^\n]*)\n```", readme)


def test_readme_keeps_two_setup_commands_and_ci_runs_the_test_one():
    commands = _readme_commands()
    assert len(commands) == 2, commands
    lab, test = commands
    assert lab.endswith("livermets-edu lab")
    assert test.endswith("pytest")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert test in ci, ".ci/run must run the README's test command verbatim"


def test_import_is_light():
    code = (
        "import sys, livermets_edu, livermets_edu.facts, livermets_edu.models.hemodynamics;"
        "heavy = [m for m in ('matplotlib', 'ipywidgets', 'scipy') if m in sys.modules];"
        "print(','.join(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "", f"importing the package pulled in {out.stdout.strip()}"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (found,) = out.glob("livermets_edu-*.whl")
    return found


def test_wheel_ships_every_bank(wheel: Path):
    names = zipfile.ZipFile(wheel).namelist()
    banks = sorted(p.name for p in (ROOT / "quizzes").glob("*.yaml"))
    assert banks, "the repository has no quiz banks"
    for bank in banks:
        assert f"livermets_edu/quizzes/{bank}" in names


def test_banks_load_from_an_install_outside_the_source_tree(wheel: Path, tmp_path: Path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
         str(wheel)],
        check=True,
        capture_output=True,
    )
    code = (
        "import livermets_edu, livermets_edu.quiz as q;"
        "print(livermets_edu.__file__); print(len(q.load_bank('01-blood-supply')))"
    )
    env = {**os.environ, "PYTHONPATH": str(target)}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True,
        check=True,
    )
    module_file, count = out.stdout.split()
    assert Path(module_file).is_relative_to(target), "imported the source tree, not the wheel"
    assert int(count) >= 15
