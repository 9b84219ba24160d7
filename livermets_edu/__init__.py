"""livermets-edu: lessons, diagrams, models and quizzes that teach liver metastases.

For education only: not medical advice and not for treating patients.

The top level stays light: subpackages (and matplotlib, ipywidgets) load only when used.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

_SUBMODULES = ("facts", "models", "draw", "anatomy", "diagrams", "widgets", "quiz")

if TYPE_CHECKING:  # pragma: no cover
    from . import anatomy, diagrams, draw, facts, models, quiz, widgets  # noqa: F401


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return importlib.import_module(f"{__name__}.{name}")
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted([*globals(), *_SUBMODULES])
