"""Every clinical and physical number used by livermets-edu, once, with its unit and source.

Models, diagrams, widgets, quiz banks and lessons read numbers from here by name. Where
sources disagree the fact stores the range (``low``/``high``) and says so in ``note``; the
``value`` is then the figure we teach, and ``note`` explains why.

Source strings follow ``../shared/reference/clinical-facts.md``: a DOI where one was seen,
otherwise the document's URL or name. ``verified=False`` marks figures the sheet flags as
secondary or partial (⚠️); lessons must present those as uncertain.

For education only: not for treating patients.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Fact", "ALL", "get"]


@dataclass(frozen=True)
class Fact:
    """A sourced number: value, unit, source, and the range where sources disagree."""

    value: float
    unit: str
    source: str
    low: float | None = None
    high: float | None = None
    note: str = ""
    verified: bool = True

    def __post_init__(self) -> None:
        if not self.source.strip():
            raise ValueError("a fact needs a source")
        if (self.low is None) != (self.high is None):
            raise ValueError("a range needs both low and high")
        if self.low is not None and self.high is not None and not (
            self.low <= self.value <= self.high
        ):
            raise ValueError(f"value {self.value} lies outside its range {self.low}–{self.high}")

    @property
    def has_range(self) -> bool:
        """True where sources disagree and the fact carries a range."""
        return self.low is not None

    def _format(self, number: float) -> str:
        if self.unit == "fraction":
            return f"{number * 100:.4g}%"
        return f"{number:.4g}"

    @property
    def text(self) -> str:
        """The value as a reader sees it, e.g. '75%' or '1.5 L/min'."""
        unit = "" if self.unit in ("fraction", "1") else f" {self.unit}"
        return f"{self._format(self.value)}{unit}"

    @property
    def range_text(self) -> str:
        """The range as a reader sees it, e.g. '67–80%'; the value alone when there is none."""
        if self.low is None or self.high is None:
            return self.text
        unit = "" if self.unit in ("fraction", "1") else f" {self.unit}"
        low, high = self._format(self.low), self._format(self.high)
        if self.unit == "fraction":
            low = low.removesuffix("%")
        return f"{low}–{high}{unit}"


# --- Sources used more than once -------------------------------------------------------------
ASA_TOOLBOX = (
    "ASA Anesthesia Toolbox, hepatic blood supply; "
    "https://www.asahq.org/education-and-career/asa-resident-component/"
    "anesthesia-toolbox-sign-up/toolbox-question-5"
)
PAULSON_2001 = (
    "Paulson EK, Semin Liver Dis 2001; https://www.medscape.com/viewarticle/410855_2"
)
TAYLOR_1978 = "Taylor I et al., Br J Cancer 1978; doi:10.1038/bjc.1978.283"

# --- §1 Blood supply, physiology, regeneration -----------------------------------------------
TOTAL_HEPATIC_BLOOD_FLOW = Fact(1.5, "L/min", ASA_TOOLBOX, note="about 1.5 L/min in an adult")
HEPATIC_SHARE_OF_CARDIAC_OUTPUT = Fact(
    0.25,
    "fraction",
    ASA_TOOLBOX + "; OpenAnesthesia https://www.openanesthesia.org/keywords/hepatic-blood-supply/",
    low=0.20,
    high=0.30,
    note="ASA gives 20–30% of cardiac output; OpenAnesthesia 25%.",
)
PORTAL_VEIN_FLOW_FRACTION = Fact(
    0.75,
    "fraction",
    ASA_TOOLBOX + "; " + PAULSON_2001,
    low=0.67,
    high=0.80,
    note="Sources disagree: ASA 75%, Paulson 80%, a physiology text 67–80%. We teach 75%.",
)
HEPATIC_ARTERY_FLOW_FRACTION = Fact(
    0.25,
    "fraction",
    ASA_TOOLBOX + "; " + PAULSON_2001,
    low=0.20,
    high=0.33,
    note="The complement of the portal share: ASA 25%, Paulson 20%. We teach 25%.",
)
PORTAL_VEIN_O2_FRACTION = Fact(
    0.525,
    "fraction",
    ASA_TOOLBOX,
    low=0.50,
    high=0.55,
    note="ASA gives 50–55% of the liver's oxygen from the portal vein; value is the midpoint.",
)
HEPATIC_ARTERY_O2_FRACTION = Fact(
    0.475,
    "fraction",
    ASA_TOOLBOX,
    low=0.45,
    high=0.50,
    note="ASA gives 45–50% from the hepatic artery; value is the midpoint.",
)
ARTERIAL_BUFFER_RESPONSE = Fact(
    0.425,
    "fraction",
    ASA_TOOLBOX,
    low=0.25,
    high=0.60,
    note=(
        "The hepatic arterial buffer response makes up 25–60% of a drop in portal flow; "
        "value is the midpoint."
    ),
)
METASTASIS_ARTERIAL_SUPPLY_FRACTION = Fact(
    0.95,
    "fraction",
    TAYLOR_1978,
    note=(
        "With the hepatic artery occluded, flow into colorectal metastases fell to a mean of 5% "
        "of baseline, i.e. about 95% arterial."
    ),
)
METASTASIS_BASELINE_PERFUSION = Fact(
    41.5,
    "mL/min/100 g",
    TAYLOR_1978,
    low=19.0,
    high=64.0,
    note="133Xe clearance in colorectal metastases: 41.5 ± 22.5 mL/min/100 g (mean ± SD).",
)
MICROMETASTASIS_SINUSOIDAL_MAX_SIZE = Fact(
    0.2,
    "mm",
    "https://scilit.com/publications/5f39ed91671d1a909ec33b3bd9f8260c; " + PAULSON_2001,
    note="Micrometastases up to 200 µm are fed from the sinusoids, not by new arteries.",
)
SMALL_METASTASIS_DUAL_SUPPLY_MAX_SIZE = Fact(
    15.0,
    "mm",
    "https://scilit.com/publications/5f39ed91671d1a909ec33b3bd9f8260c; " + PAULSON_2001,
    note="Metastases up to 1.5 cm have a dual (arterial and portal) supply.",
)
METASTASES_WITH_PORTAL_RIM_FRACTION = Fact(
    0.5,
    "fraction",
    "https://scilit.com/publications/5f39ed91671d1a909ec33b3bd9f8260c; " + PAULSON_2001,
    note="More than 50% of metastases keep a portal supply at their rim (a lower bound).",
)
FLR_COMPLICATION_THRESHOLD = Fact(
    0.25,
    "fraction",
    "Vauthey JN et al., Surgery 2000;127:512",
    note="A future liver remnant ≤25% of standardized liver volume had more major complications.",
)
REGENERATION_PLATEAU_NORMAL_LIVER = Fact(
    1.5,
    "months",
    "Hepatology 1993;18:79; doi:10.1002/hep.1840180114",
    low=1.0,
    high=2.0,
    note="Normal liver reaches its regeneration plateau in 1–2 months.",
)
REGENERATION_PLATEAU_INJURED_LIVER = Fact(
    4.0,
    "months",
    "Hepatology 1993;18:79; doi:10.1002/hep.1840180114",
    low=3.0,
    high=5.0,
    note="Injured liver reaches its plateau in 3–5 months.",
)

# --- §6 Epidemiology used by lesson 01 and 02 --------------------------------------------------
CRC_PATIENTS_WITH_LIVER_METASTASES = Fact(
    0.50,
    "fraction",
    "Kanas GP et al., Clin Epidemiol 2012; doi:10.2147/CLEP.S34285; "
    "Engstrand J et al., BMC Cancer 2018; doi:10.1186/s12885-017-3925-x",
    low=0.265,
    high=0.50,
    note=(
        "Sources disagree: about 50% (Kanas) vs 26.5% within 5 years in a population-based "
        "cohort (Engstrand)."
    ),
)
ADVANCED_CRC_LIVER_INVOLVEMENT = Fact(
    0.65,
    "fraction",
    "Abbas S et al., ISRN Oncol 2011; doi:10.5402/2011/763245",
    low=0.60,
    high=0.70,
    note=(
        "60–70% of recurrent or advanced colorectal cancer involves the liver. 'Up to 70%' "
        "is this share, not 70% of all patients with colorectal cancer."
    ),
)


def _collect() -> dict[str, Fact]:
    return {name: value for name, value in globals().items() if isinstance(value, Fact)}


ALL: dict[str, Fact] = _collect()


def get(name: str) -> Fact:
    """The fact called ``name``; a clear KeyError naming near matches when there is none."""
    try:
        return ALL[name]
    except KeyError:
        import difflib

        close = difflib.get_close_matches(name, ALL, n=3)
        hint = f"; did you mean {', '.join(close)}?" if close else ""
        raise KeyError(f"no fact called {name!r}{hint}") from None
