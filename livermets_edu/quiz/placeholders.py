"""Fill ``{fact:NAME}``, ``{fact_range:NAME}`` and ``{derived:NAME}`` in bank text.

Facts come from :mod:`livermets_edu.facts`; derived quantities (model outputs such as the
time to Ω = 1 at 55 °C) from :mod:`livermets_edu.derived`.

Bank text is untrusted data, so placeholders are found with one regular expression and
looked up by name; nothing is evaluated and ``str.format`` never sees the text.
"""

from __future__ import annotations

import re

from livermets_edu import derived, facts
from livermets_edu.names import did_you_mean

__all__ = ["PlaceholderError", "fill_fact_placeholders"]

_PLACEHOLDER = re.compile(r"\{(fact|fact_range|derived):([A-Za-z_][A-Za-z0-9_]*)\}")
# Anything that starts like a placeholder but does not parse, e.g. "{fact: NAME}" or "{facts:X}".
_ALMOST_A_PLACEHOLDER = re.compile(r"\{\s*(?:facts?(?:_range)?|derived)\s*:[^}\n]*\}?")


class PlaceholderError(ValueError):
    """A placeholder names no fact, or is misspelt; ``needle`` is the offending text."""

    def __init__(self, message: str, needle: str) -> None:
        super().__init__(message)
        self.needle = needle


def fill_fact_placeholders(text: str) -> str:
    """Replace each ``{fact:NAME}`` / ``{fact_range:NAME}`` / ``{derived:NAME}`` with its text."""

    def replace(match: re.Match[str]) -> str:
        kind, name = match.groups()
        if kind == "derived":
            if name not in derived.ALL:
                raise PlaceholderError(
                    f"{match.group(0)} names no quantity in livermets_edu.derived"
                    f"{did_you_mean(name, derived.ALL)}",
                    match.group(0),
                )
            return derived.get(name).text
        try:
            fact = facts.get(name)
        except KeyError:
            raise PlaceholderError(
                f"{match.group(0)} names no fact in livermets_edu.facts"
                f"{did_you_mean(name, facts.ALL)}",
                match.group(0),
            ) from None
        return fact.text if kind == "fact" else fact.range_text

    filled = _PLACEHOLDER.sub(replace, text)
    leftover = _ALMOST_A_PLACEHOLDER.search(filled)
    if leftover:
        raise PlaceholderError(
            f"malformed placeholder {leftover.group(0)!r}; write {{fact:NAME}}, "
            "{fact_range:NAME} or {derived:NAME} with no spaces",
            leftover.group(0),
        )
    return filled
