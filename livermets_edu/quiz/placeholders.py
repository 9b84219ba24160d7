"""Fill ``{fact:NAME}``, ``{fact_range:NAME}``, ``{derived:NAME}`` and ``{param:NAME}`` in text.

Facts come from :mod:`livermets_edu.facts`; derived quantities (model outputs such as the
time to Ω = 1 at 55 °C) from :mod:`livermets_edu.derived`. ``{param:NAME}`` placeholders belong
to parametrized questions: they stay in the validated text and are filled per variant, from a
registered generator's parameters, by :func:`fill_param_placeholders`.

Bank text is untrusted data, so placeholders are found with one regular expression and
looked up by name; nothing is evaluated and ``str.format`` never sees the text.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from livermets_edu import derived, facts
from livermets_edu.names import did_you_mean

__all__ = [
    "PlaceholderError",
    "fill_fact_placeholders",
    "fill_param_placeholders",
    "param_placeholders",
]

_PLACEHOLDER = re.compile(r"\{(fact|fact_range|derived):([A-Za-z_][A-Za-z0-9_]*)\}")
# Anything that starts like a placeholder but does not parse, e.g. "{fact: NAME}" or "{facts:X}".
_ALMOST_A_PLACEHOLDER = re.compile(r"\{\s*(?:facts?(?:_range)?|derived)\s*:[^}\n]*\}?")
_PARAM_PLACEHOLDER = re.compile(r"\{param:([A-Za-z_][A-Za-z0-9_]*)\}")
_ALMOST_A_PARAM = re.compile(r"\{\s*params?\s*:[^}\n]*\}?")


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


def param_placeholders(text: str) -> list[tuple[str, str]]:
    """Each ``{param:NAME}`` in the text as (NAME, placeholder), in order; raises if malformed."""
    found = [(match.group(1), match.group(0)) for match in _PARAM_PLACEHOLDER.finditer(text)]
    leftover = _ALMOST_A_PARAM.search(_PARAM_PLACEHOLDER.sub("", text))
    if leftover:
        raise PlaceholderError(
            f"malformed placeholder {leftover.group(0)!r}; write {{param:NAME}} with no spaces",
            leftover.group(0),
        )
    return found


def fill_param_placeholders(text: str, params: Mapping[str, object]) -> str:
    """Replace each ``{param:NAME}`` with the variant's value; KeyError naming a missing one."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in params:
            raise KeyError(
                f"{match.group(0)} has no value in this variant{did_you_mean(name, params)}"
            )
        value = params[name]
        # Floats print as a reader writes them (0.25, not 0.25000000000000006).
        return f"{value:.6g}" if isinstance(value, float) else str(value)

    return _PARAM_PLACEHOLDER.sub(replace, text)
