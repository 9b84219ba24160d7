"""Lesson helpers: fact tables show sourced values, ranges and sources."""

import pytest

from livermets_edu.lesson import fact_table


def test_fact_table_text_shows_value_and_disputed_range():
    table = fact_table({"Portal vein share": "PORTAL_VEIN_FLOW_FRACTION",
                        "Total flow": "TOTAL_HEPATIC_BLOOD_FLOW"})
    assert repr(table).splitlines() == [
        "Portal vein share: 75% (sources: 67–80%)",
        "Total flow: 1.5 L/min",
    ]


def test_fact_table_html_names_the_source_and_escapes_it():
    html = fact_table({"<b>x</b>": "METASTASIS_ARTERIAL_SUPPLY_FRACTION"})._repr_html_()
    assert "doi:10.1038/bjc.1978.283" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


def test_fact_table_refuses_an_unknown_fact():
    with pytest.raises(KeyError, match="PORTAL_VEIN_FLOW_FRACTION"):
        fact_table({"typo": "PORTAL_VEIN_FLOW_FRACTON"})
