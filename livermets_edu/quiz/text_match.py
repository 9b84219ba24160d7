"""Decide whether a typed answer matches an accepted text: normalisation and edit distance.

Pure functions on short texts, no dependencies. The rule follows jupyterquiz's ``string``
questions (jupyterquiz/js/string.js), so a quiz imported from jupyterquiz grades the same way:

- both texts are compared after :func:`normalise`: trimmed, runs of whitespace made one space,
  Unicode NFC, and lower-cased unless the answer sets ``match_case``. Lower-casing
  (``str.lower``, JavaScript's ``toLowerCase``) is the rule of every place a quiz goes:
  jupyterquiz lower-cases both texts, and Moodle, GIFT and Canvas compare case-insensitively
  by lower case too. Full case folding (``str.casefold``) would be kinder ("strasse" would
  match "Straße"), but then a learner marked right here is marked wrong in the exported quiz,
  so it is not used: "Straße" accepts "STRAßE" and "straße", not "strasse" or "STRASSE".
  (jupyterquiz only trims the learner's text; merging double spaces is ours: "portal  vein"
  with two spaces is the exact text.)
- with ``fuzzy`` below 1, a text matches when its similarity reaches ``fuzzy``, where
  similarity = 1 − Levenshtein distance ÷ the length of the longer text. That is jupyterquiz's
  ``1 - levenshteinDistance(submission, answer) / max(submission.length, answer.length)``.
- the answers are tried in order and the first that matches decides (jupyterquiz, Moodle).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from typing import NamedTuple

__all__ = ["TextPattern", "first_match", "levenshtein", "matches", "normalise", "similarity"]

# Float slack at the threshold, so 1 - 2/10 ≥ 0.8 holds however binary rounding falls.
_SLACK = 1e-12


class TextPattern(NamedTuple):
    """An accepted text, whether case counts, and the least similarity that matches it."""

    text: str
    match_case: bool = False
    fuzzy: float = 1.0


def normalise(text: str, *, match_case: bool = False) -> str:
    """The text as compared: trimmed, one space between words, NFC, lower-cased unless asked."""
    text = " ".join(unicodedata.normalize("NFC", text).split())
    # lower() can decompose a letter (İ → i + combining dot): compose again afterwards.
    return text if match_case else unicodedata.normalize("NFC", text.lower())


def levenshtein(first: str, second: str, *, limit: int | None = None) -> int:
    """The fewest one-character insertions, deletions or substitutions between two texts.

    With ``limit``, any distance above it is returned as ``limit + 1``, and the work stops
    as soon as that is certain (a long text cannot make grading slow).
    """
    if len(first) < len(second):
        first, second = second, first  # rows as long as the shorter text
    if limit is not None and len(first) - len(second) > limit:
        return limit + 1  # the length difference alone needs more edits
    previous = list(range(len(second) + 1))
    for row, char in enumerate(first, start=1):
        current = [row]
        for column, other in enumerate(second, start=1):
            current.append(
                min(
                    previous[column] + 1,  # delete char
                    current[column - 1] + 1,  # insert other
                    previous[column - 1] + (char != other),  # substitute (free if equal)
                )
            )
        # A row's smallest entry never falls in later rows: past the limit, it stays past.
        if limit is not None and min(current) > limit:
            return limit + 1
        previous = current
    distance = previous[-1]
    return distance if limit is None else min(distance, limit + 1)


def similarity(first: str, second: str) -> float:
    """1 − edit distance ÷ the longer text's length: 1 for the same text, 0 for nothing shared."""
    longest = max(len(first), len(second))
    if longest == 0:
        return 1.0
    return 1.0 - levenshtein(first, second) / longest


def matches(response: str, pattern: TextPattern) -> bool:
    """True when the typed text matches the pattern, after normalising both."""
    typed = normalise(response, match_case=pattern.match_case)
    accepted = normalise(pattern.text, match_case=pattern.match_case)
    if typed == accepted:
        return True
    if pattern.fuzzy >= 1.0:
        return False
    longest = max(len(typed), len(accepted))
    # Any distance above this cannot reach the threshold; one extra edit is headroom for
    # rounding, and the exact comparison below decides.
    limit = int((1.0 - pattern.fuzzy) * longest) + 1
    distance = levenshtein(typed, accepted, limit=limit)
    return 1.0 - distance / longest >= pattern.fuzzy - _SLACK


def first_match(response: str, patterns: Sequence[TextPattern]) -> int | None:
    """The index of the first pattern the typed text matches, or None if none does."""
    for index, pattern in enumerate(patterns):
        if matches(response, pattern):
            return index
    return None
