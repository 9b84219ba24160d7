"""One way to suggest the name a user probably meant, for every "unknown name" message."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

__all__ = ["did_you_mean"]


def did_you_mean(name: str, names: Iterable[str]) -> str:
    """'; did you mean A, B?' for up to three close names, or '' when none is close."""
    close = difflib.get_close_matches(name, list(names), n=3)
    return f"; did you mean {', '.join(close)}?" if close else ""
