"""Small helpers that lessons call, so a lesson cell stays a line or two."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass

from livermets_edu import facts

__all__ = ["FactTable", "fact_table", "DISCLAIMER"]

DISCLAIMER = (
    "For education only: this lesson is not medical advice and must not be used to diagnose "
    "or treat patients."
)


@dataclass(frozen=True)
class FactTable:
    """Sourced facts shown as a table: what, value, range where sources disagree, source."""

    rows: tuple[tuple[str, facts.Fact], ...]

    def __repr__(self) -> str:
        lines = []
        for label, fact in self.rows:
            spread = f" (sources: {fact.range_text})" if fact.has_range else ""
            flag = " [to verify]" if not fact.verified else ""
            lines.append(f"{label}: {fact.text}{spread}{flag}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        body = "".join(
            "<tr>"
            f"<td>{html.escape(label)}</td>"
            f"<td><strong>{html.escape(fact.text)}</strong></td>"
            f"<td>{html.escape(fact.range_text if fact.has_range else '')}</td>"
            f"<td>{html.escape(fact.note)}</td>"
            f"<td style='font-size:0.85em'>{html.escape(fact.source)}</td>"
            "</tr>"
            for label, fact in self.rows
        )
        return (
            "<table><caption>Sourced figures (from livermets_edu.facts)</caption>"
            "<thead><tr><th scope='col'>What</th><th scope='col'>We teach</th>"
            "<th scope='col'>Range in sources</th><th scope='col'>Note</th>"
            "<th scope='col'>Source</th></tr></thead>"
            f"<tbody>{body}</tbody></table>"
        )


def fact_table(labelled: Mapping[str, str]) -> FactTable:
    """A table of facts from {label: FACT_NAME}, e.g. {"Portal vein share": "PORTAL_..."}."""
    return FactTable(tuple((label, facts.get(name)) for label, name in labelled.items()))
