"""Binder builds the same environment the tests run in: pins agree with pyproject's ranges."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

ROOT = Path(__file__).resolve().parents[1]
BINDER = ROOT / "binder"


def _project_dependencies() -> dict[str, Requirement]:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    requirements = (Requirement(r) for r in pyproject["project"]["dependencies"])
    return {canonicalize_name(r.name): r for r in requirements}


def _binder_pins() -> tuple[dict[str, str], list[str]]:
    pins: dict[str, str] = {}
    others: list[str] = []
    for raw in (BINDER / "requirements.txt").read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        if "==" in line:
            name, version = line.split("==", 1)
            pins[canonicalize_name(name)] = version
        else:
            others.append(line)
    return pins, others


def test_every_runtime_dependency_is_pinned_inside_its_range():
    pins, _ = _binder_pins()
    for name, requirement in _project_dependencies().items():
        assert name in pins, f"binder/requirements.txt does not pin {name}"
        assert requirement.specifier.contains(pins[name]), (
            f"binder pins {name}=={pins[name]}, outside pyproject's {requirement.specifier}"
        )


def test_binder_pins_nothing_that_pyproject_does_not_need():
    pins, _ = _binder_pins()
    extra = set(pins) - set(_project_dependencies())
    assert not extra, f"binder pins packages pyproject does not depend on: {sorted(extra)}"


def test_binder_installs_the_package_and_checks_the_banks():
    _, others = _binder_pins()
    assert others == ["."], "binder/requirements.txt must install the repository itself"
    post_build = BINDER / "postBuild"
    assert os.access(post_build, os.X_OK), "binder/postBuild must be executable"
    code = [
        line for line in post_build.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.lstrip().startswith("#")
    ]
    assert any("quiz.load_bank(" in line for line in code), "postBuild must load every bank"


def test_binder_python_matches_requires_python():
    runtime = (BINDER / "runtime.txt").read_text(encoding="utf-8").strip()
    assert runtime.startswith("python-")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    from packaging.specifiers import SpecifierSet

    assert SpecifierSet(pyproject["project"]["requires-python"]).contains(runtime[len("python-"):])


@pytest.mark.skipif(not (ROOT / "notebooks" / "00-start-here.ipynb").exists(), reason="no lessons")
def test_binder_badge_opens_the_start_here_lesson():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "mybinder.org/v2/gh/" in readme
    assert "notebooks/00-start-here.ipynb" in readme.split("mybinder.org/v2/gh/", 1)[1]
