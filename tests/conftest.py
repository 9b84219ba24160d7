"""Shared test setup: a headless matplotlib backend and a loader for the lesson generators."""

import importlib.util
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")


@pytest.fixture
def lesson_generator(monkeypatch):
    """Load ``scripts/make_lesson_NN.py`` as a module (it imports the scripts' lesson_tools)."""
    scripts = Path(__file__).resolve().parents[1] / "scripts"
    monkeypatch.syspath_prepend(str(scripts))

    def load(number: str):
        name = f"make_lesson_{number}"
        spec = importlib.util.spec_from_file_location(name, scripts / f"{name}.py")
        assert spec is not None and spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        return module

    return load
