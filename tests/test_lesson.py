"""Lesson helpers: fact tables show what we teach, the spread in the sources, and the source."""

import pytest

from livermets_edu import facts
from livermets_edu.lesson import fact_table, taught


def test_a_chosen_value_is_taught_with_the_spread_beside_it():
    table = fact_table({"Portal vein share": "PORTAL_VEIN_FLOW_FRACTION",
                        "Total flow": "TOTAL_HEPATIC_BLOOD_FLOW"})
    assert repr(table).splitlines() == [
        "Portal vein share: 75% (sources: 67–80%)",
        "Total flow: 1.5 L/min",
    ]


def test_a_midpoint_or_an_end_of_a_disputed_range_is_taught_as_the_range():
    # ASA gives 50-55% of oxygen from the portal vein: 52.5% is only the midpoint.
    assert taught(facts.PORTAL_VEIN_O2_FRACTION) == "50–55%"
    # 26.5% vs about 50%: the stored 50% is one end of the disagreement.
    assert taught(facts.CRC_PATIENTS_WITH_LIVER_METASTASES) == "26.5–50%"
    assert "(sources:" not in repr(fact_table({"x": "PORTAL_VEIN_O2_FRACTION"}))


def test_unverified_facts_are_flagged_in_text_and_html():
    name = next(n for n, f in facts.ALL.items() if not f.verified)
    table = fact_table({"x": name})
    assert "[to verify]" in repr(table)
    assert "to verify" in table._repr_html_()


def test_fact_table_html_names_the_source_and_escapes_labels():
    html = fact_table({"<b>x</b>": "METASTASIS_ARTERIAL_SUPPLY_FRACTION"})._repr_html_()
    assert "doi:10.1038/bjc.1978.283" in html
    assert "&lt;b&gt;x&lt;/b&gt;" in html and "<b>x</b>" not in html


def test_fact_table_refuses_an_unknown_fact():
    with pytest.raises(KeyError, match="PORTAL_VEIN_FLOW_FRACTION"):
        fact_table({"typo": "PORTAL_VEIN_FLOW_FRACTON"})
