"""Small helpers that lessons call, so a lesson cell stays a line or two."""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from dataclasses import dataclass

from livermets_edu import facts

__all__ = ["FactTable", "fact_table", "taught"]


def taught(fact: facts.Fact) -> str:
    """What a lesson teaches for a fact: its value, or its range when the value is no more
    than a midpoint or one end of a range the sources disagree on."""
    if fact.low is None or fact.high is None:
        return fact.text
    midpoint = math.isclose(fact.value, (fact.low + fact.high) / 2, rel_tol=1e-9)
    at_an_end = fact.value in (fact.low, fact.high)
    return fact.range_text if midpoint or at_an_end else fact.text


def _spread(fact: facts.Fact) -> str:
    """Other values in the sources, when a lesson teaches one value of a disputed range."""
    return fact.range_text if fact.has_range and taught(fact) == fact.text else ""


@dataclass(frozen=True)
class FactTable:
    """Sourced facts shown as a table: what, the figure we teach, its spread, its source."""

    rows: tuple[tuple[str, facts.Fact], ...]

    def __repr__(self) -> str:
        lines = []
        for label, fact in self.rows:
            spread = f" (sources: {_spread(fact)})" if _spread(fact) else ""
            flag = " [to verify]" if not fact.verified else ""
            lines.append(f"{label}: {taught(fact)}{spread}{flag}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        def row(label: str, fact: facts.Fact) -> str:
            flag = " <em>(to verify)</em>" if not fact.verified else ""
            return (
                "<tr>"
                f"<td>{html.escape(label)}</td>"
                f"<td><strong>{html.escape(taught(fact))}</strong>{flag}</td>"
                f"<td>{html.escape(_spread(fact))}</td>"
                f"<td>{html.escape(fact.note)}</td>"
                f"<td style='font-size:0.85em'>{html.escape(fact.source)}</td>"
                "</tr>"
            )

        body = "".join(row(label, fact) for label, fact in self.rows)
        return (
            "<table><caption>Sourced figures (from livermets_edu.facts)</caption>"
            "<thead><tr><th scope='col'>What</th><th scope='col'>We teach</th>"
            "<th scope='col'>Other values in sources</th><th scope='col'>Note</th>"
            "<th scope='col'>Source</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )


def fact_table(labelled: Mapping[str, str]) -> FactTable:
    """A table of facts from {label: FACT_NAME}, e.g. {"Portal vein share": "PORTAL_..."}."""
    return FactTable(tuple((label, facts.get(name)) for label, name in labelled.items()))
