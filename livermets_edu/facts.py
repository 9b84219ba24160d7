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
        if (
            self.low is not None
            and self.high is not None
            and not (self.low <= self.value <= self.high)
        ):
            raise ValueError(f"value {self.value} lies outside its range {self.low}–{self.high}")

    @property
    def has_range(self) -> bool:
        """True where sources disagree and the fact carries a range."""
        return self.low is not None

    def _format(self, number: float) -> str:
        if self.unit == "fraction":
            return f"{number * 100:.4g}%"
        if 1e6 <= abs(number) < 1e9:  # "60 million", not "6e+07"
            return f"{number / 1e6:.4g} million"
        if 1e4 <= abs(number) < 1e6:
            return f"{number:,.0f}"
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
PAULSON_2001 = "Paulson EK, Semin Liver Dis 2001; https://www.medscape.com/viewarticle/410855_2"
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
    note=(
        "The complement of the portal share: ASA 25%, Paulson 20%; a physiology text's 67–80% "
        "portal share leaves 20–33%. We teach 25%."
    ),
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
    note=(
        "133Xe clearance in colorectal metastases: mean 41.5, SD 22.5 mL/min/100 g. The spread "
        "is between patients, not a disagreement between sources."
    ),
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

# --- §2 Y-90 radioembolization ---------------------------------------------------------------
THERASPHERE_INSERT = (
    "TheraSphere US package insert v12; "
    "https://ja.scribd.com/document/317860231/TS-PackageInsert-USA-v12"
)
RADIOLOGYKEY_DOSE = "https://radiologykey.com/and-dose-calculation"
EANM_2022 = "EANM guideline; doi:10.1007/s00259-021-05600-z"
TARANIS_DOSEGUARD = "4burakfe/SlicerRadioembolizationDosimetry Taranis/TaranisLib/doseguard.py"
TARANIS_LSF = "4burakfe/SlicerRadioembolizationDosimetry Taranis/TaranisLib/lsf.py"
VAN_ROEKEL_P30 = (
    "van Roekel, thesis ch. 2 p. 30; "
    "https://publicatie-online.nl/uploaded/flipbook/143091-Caren-van-Roekel/30"
)
VAN_ROEKEL_P41 = (
    "van Roekel, thesis p. 41, in the same online flipbook as p. 30 "
    "(https://publicatie-online.nl/uploaded/flipbook/143091-Caren-van-Roekel/)"
)
MICROSPHERE_TABLE = "https://pmc.ncbi.nlm.nih.gov/articles/PMC6095426/table/T3"
HICKEY_CHAPTER = (
    "Hickey/Lewandowski/Salem, Embolization Therapy ch. 37; "
    "https://doctorlib.info/therapy/embolization-therapy-principles-clinical-applications/37.html"
)
TARANIS_DEFAULT_NOTE = (
    "Taranis code default, not a guideline: thresholds vary by device and disease, and the "
    "guideline tables (EANM 2022, doi:10.1007/s00259-021-05600-z) were not seen."
)

Y90_HALF_LIFE = Fact(64.1, "h", THERASPHERE_INSERT, note="64.1 h = 2.67 days.")
Y90_MEAN_BETA_ENERGY = Fact(
    0.9367,
    "MeV",
    THERASPHERE_INSERT,
    low=0.9267,
    high=0.9367,
    note=(
        "The label gives 0.9367 MeV, which may be a variant of ≈0.93 MeV: 0.9267 and 0.9327 MeV "
        "also circulate. With 64.1 h they give 49.96, 49.43 and 49.7 J/GBq. Keep it a parameter."
    ),
    verified=False,
)
Y90_MAX_BETA_ENERGY = Fact(2.28, "MeV", 'Wikipedia "Yttrium-90"')
Y90_MEAN_TISSUE_PENETRATION = Fact(2.5, "mm", "patient guide")
Y90_MAX_TISSUE_PENETRATION = Fact(
    11.0,
    "mm",
    "4burakfe/SlicerRadioembolizationDosimetry (Taranis code comment); " + THERASPHERE_INSERT,
    low=10.0,
    high=11.0,
    note=(
        "About 11 mm in a Taranis code comment; the package insert may say 10 mm. An exam-prep "
        "site's '5.8 mm' (probably the radius holding 90% of the energy) is unreliable."
    ),
    verified=False,
)
Y90_DOSE_COEFFICIENT_LABEL = Fact(
    50.0,
    "J/GBq",
    "TheraSphere label convention; " + RADIOLOGYKEY_DOSE,
    note=(
        "J deposited per GBq fully decayed (Gy·kg/GBq): D[Gy] = 50·A[GBq]·(1−LSF)/M[kg]. "
        "EANM and most code use 49.67; first principles give 49.43–49.96 depending on the "
        "mean β energy. Keep it a parameter."
    ),
)
Y90_DOSE_COEFFICIENT_EANM = Fact(
    49.67,
    "J/GBq",
    EANM_2022 + "; " + TARANIS_DOSEGUARD,
    low=49.43,
    high=50.0,
    note=(
        "J deposited per GBq fully decayed (Gy·kg/GBq): A = D·M/(49.67·(1−LSF)); also used for "
        "lung dose and the partition model. The TheraSphere label uses 50; first principles "
        "give 49.43–49.96."
    ),
)
Y90_DOSIMETRY_LIVER_DENSITY = Fact(
    1.03,
    "g/mL",
    RADIOLOGYKEY_DOSE + "; blakkisrud/sirt_dosimetry constants.yaml",
    low=1.03,
    high=1.05,
    note=(
        "Liver mass = volume × 1.03 in the TheraSphere-style formula and most code; "
        "blakkisrud/sirt_dosimetry uses 1.05."
    ),
)

MICROSPHERE_DIAMETER_GLASS = Fact(
    25.0,
    "µm",
    MICROSPHERE_TABLE,
    low=20.0,
    high=30.0,
    note="Glass microspheres are 20–30 µm; value is the midpoint.",
)
MICROSPHERE_DIAMETER_RESIN = Fact(
    40.0,
    "µm",
    MICROSPHERE_TABLE,
    low=20.0,
    high=60.0,
    note="Resin microspheres are 20–60 µm; value is the midpoint.",
)
MICROSPHERE_ACTIVITY_GLASS = Fact(2500.0, "Bq", MICROSPHERE_TABLE, note="About 2500 Bq a sphere.")
MICROSPHERE_ACTIVITY_RESIN = Fact(50.0, "Bq", MICROSPHERE_TABLE, note="About 50 Bq a sphere.")
MICROSPHERES_PER_3_GBQ_GLASS = Fact(1.2e6, "spheres", MICROSPHERE_TABLE)
MICROSPHERES_PER_3_GBQ_RESIN = Fact(
    60e6,
    "spheres",
    MICROSPHERE_TABLE,
    low=40e6,
    high=80e6,
    note="40–80 million resin spheres per 3 GBq; value is the midpoint.",
)
MICROSPHERE_SPECIFIC_GRAVITY_GLASS = Fact(
    3.2,
    "1",
    MICROSPHERE_TABLE + "; WJH 2015, doi:10.4254/wjh.v7.i5.738",
    low=3.2,
    high=3.6,
    note="Sources disagree: 3.2 (PMC6095426 table) vs 3.6 (WJH 2015). An open issue.",
)
MICROSPHERE_SPECIFIC_GRAVITY_RESIN = Fact(1.6, "1", MICROSPHERE_TABLE)

Y90_ASSUMED_LUNG_MASS = Fact(
    1.0,
    "kg",
    TARANIS_LSF + " (tests)",
    note="Lung dose D_L = 49.67·A·LSF/M_lung with M_lung usually 1 kg; Taranis can also "
    "estimate lung mass from CT HU.",
)
Y90_GLASS_LUNG_ACTIVITY_LIMIT = Fact(
    0.61,
    "GBq",
    RADIOLOGYKEY_DOSE,
    note="TheraSphere: at most 0.61 GBq (16.5 mCi) shunted to the lung, i.e. 30.5 Gy at 50 J/GBq.",
)
LUNG_DOSE_LIMIT_PER_SESSION = Fact(
    30.0, "Gy", VAN_ROEKEL_P30, note="Derived from external-beam experience."
)
LUNG_DOSE_LIMIT_CUMULATIVE = Fact(
    50.0, "Gy", VAN_ROEKEL_P30, note="Derived from external-beam experience."
)
Y90_RESIN_BSA_METHOD_OFFSET = Fact(
    0.2,
    "GBq",
    VAN_ROEKEL_P30 + "; Kao et al., Ann Nucl Med 2011, doi:10.1007/s12149-011-0499-6",
    note="Resin BSA method: A[GBq] = (BSA[m²] − 0.2) + V_tumour/(V_tumour + V_normal liver).",
)
Y90_RESIN_BSA_ACTIVITY_IN_PRACTICE = Fact(
    1.86,
    "GBq",
    "Grosser, JVIR 2015; doi:10.1016/j.jvir.2015.07.021",
    low=1.01,
    high=2.71,
    note="Activities given by the BSA method ranged 1.01–2.71 GBq; value is the midpoint, "
    "not a recommended activity.",
)
RESIN_LSF_NOTE = (
    "Resin: reduce activity 20% / 40% / 100% (no treatment) when LSF is >10% / >15% / >20% "
    "(van Roekel, from Kennedy et al., IJROBP 2007;68:13, DOI not verified). Practice varies."
)
Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD = Fact(
    0.10, "fraction", VAN_ROEKEL_P41, note=RESIN_LSF_NOTE
)
Y90_RESIN_LSF_FIRST_ACTIVITY_REDUCTION = Fact(0.20, "fraction", VAN_ROEKEL_P41, note=RESIN_LSF_NOTE)
Y90_RESIN_LSF_SECOND_REDUCTION_THRESHOLD = Fact(
    0.15, "fraction", VAN_ROEKEL_P41, note=RESIN_LSF_NOTE
)
Y90_RESIN_LSF_SECOND_ACTIVITY_REDUCTION = Fact(
    0.40, "fraction", VAN_ROEKEL_P41, note=RESIN_LSF_NOTE
)
Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD = Fact(0.20, "fraction", VAN_ROEKEL_P41, note=RESIN_LSF_NOTE)
Y90_LSF_WITHHOLD_THRESHOLD_SANGRO = Fact(
    0.15,
    "fraction",
    VAN_ROEKEL_P41,
    note="Sangro proposes withholding treatment at LSF ≥15%. Practice varies.",
)

HO166_HALF_LIFE = Fact(26.8, "h", TARANIS_DOSEGUARD + "; rcpjournals table")
HO166_DOSE_COEFFICIENT = Fact(
    15.87,
    "J/GBq",
    TARANIS_DOSEGUARD + "; rcpjournals table",
    note="J deposited per GBq of Ho-166 fully decayed (Gy·kg/GBq).",
)
HO166_ACTIVITY_PER_KG_FOR_60_GY = Fact(
    3.78,
    "GBq/kg",
    TARANIS_DOSEGUARD + "; rcpjournals table",
    note="3.78 GBq/kg ≈ 60 Gy (× 15.87 J/GBq).",
)

EBRT_RILD_DOSE_THRESHOLD = Fact(
    37.5,
    "Gy",
    HICKEY_CHAPTER,
    low=35.0,
    high=40.0,
    note="External-beam radiation-induced liver disease risk is >50% above 35–40 Gy; "
    "value is the midpoint. Radioembolization has safely given far more.",
)
EBRT_RILD_RISK_ABOVE_THRESHOLD = Fact(
    0.50, "fraction", HICKEY_CHAPTER, note="A lower bound: 'more than 50%' above 35–40 Gy."
)
RADIOEMBOLIZATION_SAFE_LIVER_DOSE_REPORTED = Fact(
    150.0,
    "Gy",
    HICKEY_CHAPTER,
    note="More than 150 Gy has been given safely by radioembolization (a lower bound).",
)

TARANIS_NORMAL_LIVER_WARNING_DOSE_RESIN = Fact(
    40.0, "Gy", TARANIS_DOSEGUARD, note="Warn above this. " + TARANIS_DEFAULT_NOTE, verified=False
)
TARANIS_NORMAL_LIVER_WARNING_DOSE_GLASS = Fact(
    90.0, "Gy", TARANIS_DOSEGUARD, note="Warn above this. " + TARANIS_DEFAULT_NOTE, verified=False
)
TARANIS_TUMOUR_MIN_DOSE_RESIN = Fact(
    80.0,
    "Gy",
    TARANIS_DOSEGUARD,
    note="Below this: 'probably not enough'. " + TARANIS_DEFAULT_NOTE,
    verified=False,
)
TARANIS_TUMOUR_MIN_DOSE_GLASS = Fact(
    140.0,
    "Gy",
    TARANIS_DOSEGUARD,
    note="Below this: 'probably not enough'. " + TARANIS_DEFAULT_NOTE,
    verified=False,
)
TARANIS_TUMOUR_TO_NORMAL_RATIO_WARNING = Fact(
    1.5, "1", TARANIS_DOSEGUARD, note="Warn below this. " + TARANIS_DEFAULT_NOTE, verified=False
)
TARANIS_LSF_WARNING = Fact(
    0.20,
    "fraction",
    TARANIS_DOSEGUARD,
    note="Warn above this. " + TARANIS_DEFAULT_NOTE,
    verified=False,
)
TARANIS_LUNG_DOSE_WARNING = Fact(
    30.0, "Gy", TARANIS_DOSEGUARD, note="Warn above this. " + TARANIS_DEFAULT_NOTE, verified=False
)

EANM_GLASS_DOSE_TABLE = (
    EANM_2022 + ", Table 2; https://pmc.ncbi.nlm.nih.gov/articles/PMC8940802/table/Tab2"
)
EANM_MCRC_NOTE = (
    "EANM 2022 recommendation for glass microspheres in colorectal liver metastases (mCRC); "
    "level of evidence 3 (lobectomy: 4)."
)
Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC = Fact(
    115.0,
    "Gy",
    EANM_GLASS_DOSE_TABLE,
    low=80.0,
    high=150.0,
    note=EANM_MCRC_NOTE + " Single-compartment dose to the perfused volume for unilobar or "
    "bilobar treatment: 80–150 Gy; value is the midpoint, used as the planner's default. "
    "Lobectomy 140–150 Gy, segmentectomy more than 400 Gy.",
)
Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT = Fact(
    75.0,
    "Gy",
    EANM_GLASS_DOSE_TABLE,
    low=50.0,
    high=90.0,
    note=EANM_MCRC_NOTE + " Multi-compartment: keep the normal-liver dose below 75 Gy (range "
    "50/90 Gy for the whole normal liver: 50 Gy when bilirubin is above 1.1 mg/dL, 90 Gy "
    "below, in HCC). These thresholds come mostly from cirrhotic HCC patients treated "
    "unilobar without earlier radioembolization, and are considered safe for other tumours.",
)
Y90_GLASS_TUMOUR_DOSE_MCRC = Fact(
    189.0,
    "Gy",
    EANM_GLASS_DOSE_TABLE,
    note=EANM_MCRC_NOTE + " Multi-compartment: aim for a tumour dose of at least 189 Gy.",
)

# --- §2b Liver-directed therapy: clinical evidence (TACE, SIRT, HAI) --------------------------
# Trial numbers are copied as printed in the abstracts; 95% CIs sit in ``note`` (a CI is not a
# disagreement between sources, so it is never stored as ``low``/``high``). Every trial fact says
# which line of therapy and which disease (colorectal liver metastases unless stated).
SIRFLOX_2016 = "van Hazel G et al., J Clin Oncol 2016 (SIRFLOX); doi:10.1200/JCO.2015.66.1181"
SIRFLOX_COSA_2015 = (
    "SIRFLOX sub-analyses, COSA 2015 abstract; "
    "https://cosa-2015.p.asnevents.com.au/days/2015-11-17/abstract/29471"
)
FOXFIRE_COMBINED_2017 = (
    "Wasan HS et al., Lancet Oncol 2017;18:1159 (FOXFIRE, SIRFLOX, FOXFIRE-Global combined "
    "analysis); doi:10.1016/S1470-2045(17)30457-6"
)
FOXFIRE_COMBINED_ASCO_2017 = (
    "Sharma RA, Wasan HS et al., J Clin Oncol 2017;35:3507, ASCO abstract of the "
    "combined analysis; "
    "http://gastrointestinalcancer.elsevierresource.com/articles/"
    "overall-survival-analysis-foxfire-prospective-randomized-studies-first-line-selective"
)
ASCO_POST_FOXFIRE = "ASCO Post summary of Wasan 2017; http://ascopost.com/News/57949"
EPOCH_2021 = (
    "Mulcahy MF et al., J Clin Oncol 2021 (EPOCH); https://synapse.mskcc.org/synapse/works/191864"
)
EPOCH_NEWS = "Interventional News on EPOCH (ESMO 2021/JCO); https://interventionalnews.com/?p=12311"
KENNEDY_2017 = (
    "Kennedy A et al., J Gastrointest Oncol 2017;8:1079 (expert consensus); "
    "doi:10.21037/jgo.2017.09.10"
)
VAN_ROEKEL_P38_39 = (
    "van Roekel, thesis ch. 2 pp. 38–39; "
    "https://publicatie-online.nl/uploaded/flipbook/143091-Caren-van-Roekel/39"
)
Y90_COMPLICATION_TABLE = (
    "Review table 'Summary of Post-Y90 SIRT Complications'; "
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC4936170/table/T2"
)
FIORENTINI_DEBIRI = (
    "Fiorentini G et al., DEBIRI vs FOLFIRI, final results of a phase III study; "
    "https://moh-it.pure.elsevier.com/en/publications/"
    "intra-arterial-infusion-of-irinotecan-loaded-drug-eluting-beads-d"
)
DEBIRI_SALVAGE_SERIES = (
    "DEBIRI after ≥1 failed line, 27 patients; https://pmc.ncbi.nlm.nih.gov/articles/PMC4357048"
)
KEMENY_1999 = (
    "Kemeny N et al., N Engl J Med 1999;341:2039–48; https://www.ncbi.nlm.nih.gov/pubmed/10615075"
)
KEMENY_UPDATE = (
    "'Hepatic Arterial Infusion after Liver Resection', the 1999 NEJM trial's authors' "
    "long-term update; https://scilit.com/publications/2a2dee877ccec5fb7fb29b48b574a4f1"
)
MSKCC_BILIARY_2012 = (
    "MSKCC series, Ann Surg Oncol 2012;19:1609–17 (biliary sclerosis after HAI); "
    "doi:10.1245/s10434-011-2102-8"
)
GROOT_KOERKAMP_2017 = (
    "Groot Koerkamp B et al., J Clin Oncol 2017;35:1938 (propensity score); "
    "doi:10.1200/JCO.2016.71.8346"
)
SECONDARY = "Seen only in a secondary source, not in the trial's own abstract."

# SIRT/TARE + chemotherapy, first line (SIRFLOX; FOXFIRE/SIRFLOX/FOXFIRE-Global)
SIRFLOX_PATIENTS = Fact(
    530.0,
    "patients",
    SIRFLOX_2016,
    note="First-line, chemotherapy-naive, liver-only or liver-dominant colorectal metastases: "
    "263 mFOLFOX6 (control) vs 267 mFOLFOX6 + SIRT (resin), each ± bevacizumab.",
)
SIRFLOX_MEDIAN_PFS_CONTROL = Fact(
    10.2, "months", SIRFLOX_2016, note="First-line; PFS at any site (primary end point)."
)
SIRFLOX_MEDIAN_PFS_SIRT = Fact(
    10.7, "months", SIRFLOX_2016, note="First-line; PFS at any site (primary end point)."
)
SIRFLOX_PFS_HR = Fact(
    0.93,
    "1",
    SIRFLOX_2016,
    note="First-line; PFS at any site, SIRT vs control: HR 0.93, 95% CI 0.77–1.12, P = .43 — "
    "not significant; the primary end point was not met.",
)
SIRFLOX_MEDIAN_LIVER_PFS_CONTROL = Fact(
    12.6, "months", SIRFLOX_2016, note="First-line; PFS in the liver by competing-risk analysis."
)
SIRFLOX_MEDIAN_LIVER_PFS_SIRT = Fact(
    20.5, "months", SIRFLOX_2016, note="First-line; PFS in the liver by competing-risk analysis."
)
SIRFLOX_LIVER_PFS_HR = Fact(
    0.69,
    "1",
    SIRFLOX_2016,
    note="First-line; liver PFS, SIRT vs control: HR 0.69, 95% CI 0.55–0.90, P = .002 "
    "(a secondary end point). Not the same 0.69 as EPOCH's second-line PFS HR.",
)
SIRFLOX_ORR_CONTROL = Fact(
    0.681,
    "fraction",
    SIRFLOX_2016,
    note="First-line; response at any site (68.1% vs 76.4%, P = .113).",
)
SIRFLOX_ORR_SIRT = Fact(
    0.764,
    "fraction",
    SIRFLOX_2016,
    note="First-line; response at any site (68.1% vs 76.4%, P = .113).",
)
SIRFLOX_LIVER_ORR_CONTROL = Fact(
    0.688,
    "fraction",
    SIRFLOX_2016,
    note="First-line; response in the liver (68.8% vs 78.7%, P = .042).",
)
SIRFLOX_LIVER_ORR_SIRT = Fact(
    0.787,
    "fraction",
    SIRFLOX_2016,
    note="First-line; response in the liver (68.8% vs 78.7%, P = .042).",
)
SIRFLOX_GRADE_3_AE_CONTROL = Fact(
    0.734,
    "fraction",
    SIRFLOX_2016 + "; " + SIRFLOX_COSA_2015,
    low=0.733,
    high=0.734,
    note="First-line; grade ≥3 adverse events in the control arm: 73.4% in the JCO paper, 73.3% "
    "in the COSA 2015 abstract. We teach the published 73.4%.",
)
SIRFLOX_GRADE_3_AE_SIRT = Fact(
    0.854,
    "fraction",
    SIRFLOX_2016 + "; " + SIRFLOX_COSA_2015,
    note="First-line; grade ≥3 adverse events, including recognised SIRT-related effects.",
)
SIRFLOX_LIVER_FIRST_PROGRESSION_CONTROL = Fact(
    0.921,
    "fraction",
    SIRFLOX_COSA_2015,
    note="First-line; first progression involved the liver in 164/178 (control) vs 120/166 "
    "(SIRT), P < 0.001.",
)
SIRFLOX_LIVER_FIRST_PROGRESSION_SIRT = Fact(
    0.723,
    "fraction",
    SIRFLOX_COSA_2015,
    note="First-line; first progression involved the liver in 120/166 with SIRT.",
)
FOXFIRE_COMBINED_PATIENTS = Fact(
    1103.0,
    "patients",
    FOXFIRE_COMBINED_2017 + "; " + FOXFIRE_COMBINED_ASCO_2017,
    note="First-line, chemotherapy-naive colorectal liver metastases not suitable for curative "
    "resection or ablation; 554 oxaliplatin-based chemotherapy + one SIRT (resin) vs 549 "
    "chemotherapy alone; median follow-up 43.3 months.",
)
FOXFIRE_COMBINED_OS_HR = Fact(
    1.04,
    "1",
    FOXFIRE_COMBINED_ASCO_2017 + "; " + ASCO_POST_FOXFIRE,
    note="First-line; overall survival (primary end point), SIRT vs control: HR 1.04, 95% CI "
    "0.90–1.19, p = 0.609 — not significant: no overall-survival benefit.",
)
FOXFIRE_COMBINED_MEDIAN_OS_SIRT = Fact(
    22.6,
    "months",
    ASCO_POST_FOXFIRE + "; " + FOXFIRE_COMBINED_2017,
    note="First-line; median OS 22.6 (SIRT) vs 23.3 months (control). " + SECONDARY,
    verified=False,
)
FOXFIRE_COMBINED_MEDIAN_OS_CONTROL = Fact(
    23.3,
    "months",
    ASCO_POST_FOXFIRE + "; " + FOXFIRE_COMBINED_2017,
    note="First-line; median OS with chemotherapy alone. " + SECONDARY,
    verified=False,
)
FOXFIRE_COMBINED_PFS_HR = Fact(
    0.90,
    "1",
    FOXFIRE_COMBINED_ASCO_2017 + "; " + ASCO_POST_FOXFIRE,
    note="First-line; PFS at any site, SIRT vs control: HR 0.90, 95% CI 0.79–1.02, p = 0.108 — "
    "not significant.",
)
FOXFIRE_COMBINED_MEDIAN_PFS_SIRT = Fact(
    11.0,
    "months",
    ASCO_POST_FOXFIRE,
    note="First-line; median PFS 11.0 (SIRT) vs 10.3 months (control). " + SECONDARY,
    verified=False,
)
FOXFIRE_COMBINED_MEDIAN_PFS_CONTROL = Fact(
    10.3,
    "months",
    ASCO_POST_FOXFIRE,
    note="First-line; median PFS with chemotherapy alone. " + SECONDARY,
    verified=False,
)
FOXFIRE_COMBINED_LIVER_PROGRESSION_HR = Fact(
    0.51,
    "1",
    FOXFIRE_COMBINED_ASCO_2017,
    note="First-line; liver-specific progression, SIRT vs control: HR 0.51, 95% CI 0.43–0.62, "
    "p < 0.001. Fewer liver progressions did not translate into longer survival.",
)

# SIRT/TARE + chemotherapy, second line (EPOCH, glass microspheres)
EPOCH_PATIENTS = Fact(
    428.0,
    "patients",
    EPOCH_2021,
    note="Second-line: colorectal liver metastases progressing on oxaliplatin- or "
    "irinotecan-based first-line therapy; 215 chemotherapy + TARE (glass) vs 213 chemotherapy "
    "alone, 95 centres.",
)
EPOCH_PFS_HR = Fact(
    0.69,
    "1",
    EPOCH_2021,
    note="Second-line; PFS (a primary end point), TARE + chemotherapy vs chemotherapy: HR 0.69, "
    "95% CI 0.54–0.88, 1-sided P = .0013.",
)
EPOCH_MEDIAN_PFS_TARE = Fact(
    8.0, "months", EPOCH_2021, note="Second-line; median PFS 8.0 (95% CI 7.2–9.2) months."
)
EPOCH_MEDIAN_PFS_CONTROL = Fact(
    7.2, "months", EPOCH_2021, note="Second-line; median PFS 7.2 (95% CI 5.7–7.6) months."
)
EPOCH_HEPATIC_PFS_HR = Fact(
    0.59,
    "1",
    EPOCH_2021,
    note="Second-line; hepatic PFS (a primary end point), TARE + chemotherapy vs chemotherapy: "
    "HR 0.59, 95% CI 0.46–0.77, 1-sided P < .0001.",
)
EPOCH_MEDIAN_HEPATIC_PFS_TARE = Fact(
    9.1,
    "months",
    EPOCH_2021,
    note="Second-line; median hepatic PFS with TARE. The control arm's median was cut off in "
    "the text we saw and is not stored.",
)
EPOCH_GRADE_3_AE_TARE = Fact(
    0.684,
    "fraction",
    EPOCH_NEWS,
    note="Second-line; grade ≥3 adverse events 68.4% (TARE) vs 49.3% (chemotherapy alone). "
    + SECONDARY,
    verified=False,
)
EPOCH_GRADE_3_AE_CONTROL = Fact(
    0.493,
    "fraction",
    EPOCH_NEWS,
    note="Second-line; grade ≥3 adverse events with chemotherapy alone. " + SECONDARY,
    verified=False,
)

# Combining SIRT with systemic therapy (expert consensus, not a trial)
SIRT_STOP_VEGF_INHIBITOR_WEEKS_BEFORE = Fact(
    5.0,
    "weeks",
    KENNEDY_2017,
    low=4.0,
    high=6.0,
    note="Consensus: stop VEGF inhibitors 4–6 weeks before SIRT and restart after recovery from "
    "the procedure; value is the midpoint. Expert opinion, not trial evidence.",
)
SIRT_STOP_GEMCITABINE_WEEKS_BEFORE = Fact(
    4.0,
    "weeks",
    KENNEDY_2017,
    note="Consensus: it 'may be prudent' to stop potent radiosensitisers such as gemcitabine "
    "4 weeks before SIRT. Expert opinion.",
)
SIRT_RESTART_GEMCITABINE_WEEKS_AFTER = Fact(
    3.0,
    "weeks",
    KENNEDY_2017,
    low=2.0,
    high=4.0,
    note="Consensus: restart gemcitabine 'at least 2‒4 weeks' after SIRT; value is the midpoint. "
    "Expert opinion.",
)

# SIRT work-up and risks
Y90_PLANNING_TO_TREATMENT_INTERVAL = Fact(
    1.5,
    "weeks",
    "'Planning Arteriography for Yttrium-90 Microsphere Radioembolization' (Thieme, 2015); "
    "doi:10.1055/s-0035-1564708",
    low=1.0,
    high=2.0,
    note="Planning angiography with Tc-99m MAA comes first; treatment typically 1–2 weeks later. "
    "Value is the midpoint.",
)
MAA_EXTRAHEPATIC_DEPOSITION_FRACTION = Fact(
    0.097,
    "fraction",
    "Cardiovasc Intervent Radiol vol. 35 pp. 1083–1093 (online 2011; repeat angiography after "
    "extrahepatic MAA); "
    "doi:10.1007/s00270-011-0252-5",
    note="33 of 341 patients (primary and secondary liver cancer, one centre) had extrahepatic "
    "Tc-99m MAA despite initial prophylactic coil embolization; repeat angiography removed it "
    "in 30.",
)
REILD_INCIDENCE = Fact(
    0.054,
    "fraction",
    VAN_ROEKEL_P38_39,
    low=0.0,
    high=0.054,
    note="Radioembolization-induced liver disease is reported in 0–5.4% (value is the upper "
    "bound). Jaundice and new or worse ascites 2 weeks–4 months after treatment, without tumour "
    "progression or biliary obstruction; veno-occlusive histology. One chemotherapy-exposed "
    "series reported 20% (PMC4936170 table), so risk depends on the population.",
)
POST_RADIOEMBOLIZATION_SYNDROME_INCIDENCE = Fact(
    0.55,
    "fraction",
    VAN_ROEKEL_P38_39 + "; " + Y90_COMPLICATION_TABLE,
    low=0.10,
    high=0.70,
    note="Fatigue, nausea, vomiting, anorexia, fever, abdominal pain; usually mild and "
    "self-limiting within two weeks. Sources disagree: 'up to 55%' (van Roekel) vs 10–70% "
    "(review table). We teach 'common, up to about half'.",
)
RADIOEMBOLIZATION_GI_ULCER_INCIDENCE_MAX = Fact(
    0.05,
    "fraction",
    Y90_COMPLICATION_TABLE,
    note="GI ulceration from non-target microspheres: <5% (an upper bound).",
)
RADIATION_CHOLECYSTITIS_INCIDENCE_MAX = Fact(
    0.10,
    "fraction",
    Y90_COMPLICATION_TABLE,
    note="Radiation cholecystitis: <10% (an upper bound). Cholecystitis needing intervention "
    "is reported in <1% (case report, https://www.scilit.net/publications/"
    "ca83999d273bd598553f376ef865285a).",
)
RADIATION_PNEUMONITIS_INCIDENCE_MAX = Fact(
    0.01,
    "fraction",
    Y90_COMPLICATION_TABLE,
    note="Radiation pneumonitis: <1% (an upper bound), with lung dose kept <30 Gy per session "
    "and <50 Gy cumulative (see LUNG_DOSE_LIMIT_PER_SESSION).",
)

# TACE with irinotecan beads (DEBIRI)
FIORENTINI_PATIENTS = Fact(
    74.0,
    "patients",
    FIORENTINI_DEBIRI,
    note="Colorectal liver metastases: 36 DEBIRI vs 38 systemic FOLFIRI, randomised. Journal, "
    "year (the brief says Anticancer Res 2012) and prior lines were not in the text seen.",
)
FIORENTINI_MEDIAN_OS_DEBIRI = Fact(
    22.0,
    "months",
    FIORENTINI_DEBIRI,
    note="Colorectal liver metastases; median OS 22 (95% CI 21–23) vs 15 (12–18) months, "
    "p = 0.031 (log-rank). A small trial (74 patients).",
)
FIORENTINI_MEDIAN_OS_FOLFIRI = Fact(
    15.0, "months", FIORENTINI_DEBIRI, note="Colorectal liver metastases; systemic FOLFIRI arm."
)
FIORENTINI_MEDIAN_PFS_DEBIRI = Fact(
    7.0,
    "months",
    FIORENTINI_DEBIRI,
    note="Colorectal liver metastases; PFS 7 (95% CI 3–11) vs 4 (3–5) months, p = 0.006.",
)
FIORENTINI_MEDIAN_PFS_FOLFIRI = Fact(
    4.0, "months", FIORENTINI_DEBIRI, note="Colorectal liver metastases; systemic FOLFIRI arm."
)
DEBIRI_SALVAGE_MEDIAN_OS = Fact(
    5.4,
    "months",
    DEBIRI_SALVAGE_SERIES,
    note="Salvage: colorectal liver metastases after ≥1 failed line, ECOG 0–2, 100 mg irinotecan "
    "per 2 mL beads; median OS 5.4 months (95% CI 1.1–22.7). Single-arm.",
)
DEBIRI_SALVAGE_RUQ_PAIN_FRACTION = Fact(
    16 / 27,
    "fraction",
    DEBIRI_SALVAGE_SERIES,
    note="Salvage DEBIRI; post-embolization right-upper-quadrant pain in 16/27; also nausea 8/27, "
    "fatigue 9/27, vomiting 6/27, ascites 6/27; 5/26 hospitalised for severe pain.",
)

# Hepatic arterial infusion (HAI) pump with floxuridine (FUDR)
KEMENY_1999_PATIENTS = Fact(
    156.0,
    "patients",
    KEMENY_1999,
    note="Adjuvant, after resection of colorectal liver metastases: six cycles of HAI "
    "floxuridine + dexamethasone plus IV fluorouracil ± leucovorin vs six weeks of similar "
    "systemic therapy alone.",
)
KEMENY_1999_2Y_OS_HAI = Fact(
    0.86,
    "fraction",
    KEMENY_1999,
    note="Adjuvant; actuarial 2-year overall survival 86% (HAI + systemic) vs 72% (systemic), "
    "P = 0.03.",
)
KEMENY_1999_2Y_OS_SYSTEMIC = Fact(
    0.72,
    "fraction",
    KEMENY_1999,
    note="Adjuvant; 2-year overall survival with systemic therapy alone.",
)
KEMENY_1999_MEDIAN_OS_HAI = Fact(
    72.2,
    "months",
    KEMENY_1999,
    note="Adjuvant; median survival 72.2 vs 59.3 months at a median follow-up of 62.7 months "
    "(the abstract gives no P for the medians).",
)
KEMENY_1999_MEDIAN_OS_SYSTEMIC = Fact(
    59.3, "months", KEMENY_1999, note="Adjuvant; systemic therapy alone, 1999 report."
)
KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_HAI = Fact(
    0.90,
    "fraction",
    KEMENY_1999,
    note="Adjuvant; 2-year survival free of hepatic recurrence 90% (HAI + systemic) vs 60% "
    "(systemic), P < 0.001. The PubMed abstract misprints both groups as 'monotherapy'.",
)
KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_SYSTEMIC = Fact(
    0.60, "fraction", KEMENY_1999, note="Adjuvant; systemic therapy alone."
)
KEMENY_UPDATE_MEDIAN_OS_HAI = Fact(
    68.4,
    "months",
    KEMENY_UPDATE,
    note="Adjuvant; long-term update (median follow-up 10.3 years): median OS 68.4 vs 58.8 "
    "months, P = 0.10: not significant (the 1999 survival gain was at 2 years).",
)
KEMENY_UPDATE_MEDIAN_OS_SYSTEMIC = Fact(
    58.8, "months", KEMENY_UPDATE, note="Adjuvant; long-term update, systemic therapy alone."
)
KEMENY_UPDATE_10Y_OS_HAI = Fact(
    0.411, "fraction", KEMENY_UPDATE, note="Adjuvant; 10-year survival 41.1% vs 27.2%."
)
KEMENY_UPDATE_10Y_OS_SYSTEMIC = Fact(
    0.272, "fraction", KEMENY_UPDATE, note="Adjuvant; 10-year survival with systemic therapy alone."
)
KEMENY_UPDATE_MEDIAN_PFS_HAI = Fact(
    31.3,
    "months",
    KEMENY_UPDATE,
    note="Adjuvant; long-term update: overall PFS 31.3 vs 17.2 months, P = 0.02.",
)
KEMENY_UPDATE_MEDIAN_PFS_SYSTEMIC = Fact(
    17.2, "months", KEMENY_UPDATE, note="Adjuvant; long-term update, systemic therapy alone."
)
HAI_PERIOPERATIVE_OS_HR = Fact(
    0.67,
    "1",
    GROOT_KOERKAMP_2017,
    note="Adjuvant/perioperative, after complete resection, one centre (MSKCC), retrospective: "
    "propensity-adjusted hazard ratio for death with HAI: HR 0.67, 95% CI 0.59–0.76, "
    "P < .001; median OS 67 vs 44 months. Not randomised: selection bias remains.",
)
HAI_BILIARY_SCLEROSIS_ADJUVANT = Fact(
    0.055,
    "fraction",
    MSKCC_BILIARY_2012,
    note="Adjuvant HAI floxuridine after hepatectomy, MSKCC protocols: biliary sclerosis needing "
    "a stent in 16/293; the common hepatic duct was involved in 87.5%. No patient died of it.",
)
HAI_BILIARY_SCLEROSIS_UNRESECTABLE = Fact(
    0.02,
    "fraction",
    MSKCC_BILIARY_2012,
    note="Unresectable disease, HAI floxuridine: biliary sclerosis needing a stent in 2/100.",
)
HAI_HEPATOBILIARY_TOXICITY_REPORTED = Fact(
    0.17,
    "fraction",
    "Aldrighetti L et al., extrahepatic biliary stenoses after HAI of FUdR; "
    "https://moh-it.pure.elsevier.com/en/publications/"
    "extrahepatic-biliary-stenoses-after-hepatic-arterial-infusion-hai; " + MSKCC_BILIARY_2012,
    low=0.05,
    high=0.29,
    note="Sclerosing-cholangitis-like damage is cited in 5–29% of treated cases (value is the "
    "midpoint). Definitions differ: MSKCC counts only strictures needing a stent (2–5.5%); an "
    "older series found 8/46 (17.4%). A drug guide's 'over half' is outdated and not taught.",
)

# --- §3 Future liver remnant (FLR) -----------------------------------------------------------
VAUTHEY_2002 = "Vauthey, Liver Transpl 2002;8:233; doi:10.1053/jlts.2002.31654"
MIN_SFLR_TABLE = (
    "J Surg Oncol 2019;119:594; doi:10.1002/jso.25430; "
    "https://pmc.ncbi.nlm.nih.gov/articles/PMC6422720/table/T1"
)
SHINDOH_2013 = "Shindoh et al., J Am Coll Surg 2013;216:201; doi:10.1016/j.jamcollsurg.2012.10.018"
VAN_LIENDEN_2013 = "van Lienden, CVIR 2013; doi:10.1007/s00270-012-0440-y"

TELV_VAUTHEY_INTERCEPT = Fact(
    -794.41,
    "mL",
    VAUTHEY_2002,
    note="TELV[mL] = −794.41 + 1267.28 × BSA[m²].",
)
TELV_VAUTHEY_BSA_COEFFICIENT = Fact(
    1267.28,
    "mL/m^2",
    VAUTHEY_2002,
    note="TELV[mL] = −794.41 + 1267.28 × BSA[m²]; standardized FLR sFLR = FLR / TELV.",
)
TELV_VAUTHEY_R_SQUARED = Fact(
    0.46,
    "1",
    VAUTHEY_2002 + " (code note citing the paper)",
    note="Modest fit: BSA explains about half the variation in liver volume.",
)
LIVER_VOLUME_URATA_BSA_COEFFICIENT = Fact(
    706.2,
    "mL/m^2",
    "Urata formula (clinical-facts.md §3 gives no citation)",
    note="Liver volume[mL] = 706.2 × BSA[m²] + 2.4.",
)
LIVER_VOLUME_URATA_INTERCEPT = Fact(
    2.4,
    "mL",
    "Urata formula (clinical-facts.md §3 gives no citation)",
    note="Liver volume[mL] = 706.2 × BSA[m²] + 2.4.",
)
MIN_SFLR_NORMAL_LIVER = Fact(
    0.20,
    "fraction",
    MIN_SFLR_TABLE,
    low=0.20,
    high=0.25,
    note="Sources disagree: 20% (Kishi) vs 25% (Vauthey, Shoup) for a normal liver.",
)
MIN_SFLR_AFTER_CHEMOTHERAPY = Fact(
    0.30, "fraction", MIN_SFLR_TABLE, note="After more than 3 months of chemotherapy (Shindoh)."
)
MIN_SFLR_FIBROSIS_CIRRHOSIS = Fact(
    0.40,
    "fraction",
    MIN_SFLR_TABLE,
    low=0.40,
    high=0.50,
    note="40% with fibrosis or cirrhosis (Azoulay, Kubota); 40–50% when guided by ICG.",
)
MOSTELLER_DIVISOR = Fact(
    3600.0,
    "cm·kg/m^4",
    "Mosteller, NEJM 1987 (cited in a PMC abstract)",
    note="BSA[m²] = √(H[cm]·W[kg]/3600). The NEJM page was not opened.",
    verified=False,
)
DUBOIS_COEFFICIENT = Fact(
    0.20247,
    "m^2",
    VAN_ROEKEL_P30,
    note="BSA[m²] = 0.20247·H[m]^0.725·W[kg]^0.425 (DuBois).",
)
DUBOIS_HEIGHT_EXPONENT = Fact(
    0.725, "1", VAN_ROEKEL_P30, note="BSA[m²] = 0.20247·H[m]^0.725·W[kg]^0.425 (DuBois)."
)
DUBOIS_WEIGHT_EXPONENT = Fact(
    0.425, "1", VAN_ROEKEL_P30, note="BSA[m²] = 0.20247·H[m]^0.725·W[kg]^0.425 (DuBois)."
)
KGR_INSUFFICIENCY_CUTOFF = Fact(
    2.0,
    "%/week",
    SHINDOH_2013,
    note="Kinetic growth rate KGR = degree of hypertrophy / weeks since PVE. The most accurate "
    "predictor of hepatic insufficiency (AUC 0.830).",
)
KGR_INSUFFICIENCY_AUC = Fact(0.830, "1", SHINDOH_2013, note="Area under the ROC curve for KGR.")
SFLR_INSUFFICIENCY_CUTOFF = Fact(
    0.296, "fraction", SHINDOH_2013, note="sFLR cut-off for predicting hepatic insufficiency."
)
DEGREE_OF_HYPERTROPHY_INSUFFICIENCY_CUTOFF = Fact(
    0.075,
    "fraction",
    SHINDOH_2013,
    note="DH = sFLR after PVE − sFLR before (percentage points of TELV); cut-off 7.5%.",
)
HEPATIC_INSUFFICIENCY_KGR_BELOW_CUTOFF = Fact(
    0.216, "fraction", SHINDOH_2013, note="Hepatic insufficiency with KGR <2%/week."
)
HEPATIC_INSUFFICIENCY_KGR_AT_OR_ABOVE_CUTOFF = Fact(
    0.0, "fraction", SHINDOH_2013, note="Hepatic insufficiency with KGR ≥2%/week."
)
PVE_MEAN_HYPERTROPHY = Fact(0.379, "fraction", VAN_LIENDEN_2013, note="Mean FLR hypertrophy.")
PVE_MORTALITY = Fact(0.001, "fraction", VAN_LIENDEN_2013, note="Mortality of PVE itself.")
PVE_KGR_FIRST_WEEK = Fact(
    5.4,
    "%/week",
    "PMC6414468",
    note="Growth is fastest in week 1 after PVE: 'KGR 5.4 vs 1.5' (the comparison KGR is "
    "PVE_KGR_LATER).",
)
PVE_KGR_LATER = Fact(
    1.5,
    "%/week",
    "PMC6414468",
    note="The comparison figure in 'KGR 5.4 vs 1.5' (growth fastest in week 1); the sheet does "
    "not say which period 1.5 covers, so 'later' is our reading.",
    verified=False,
)

# --- §4 Prognostic scores (colorectal liver metastases) --------------------------------------
FONG_1999 = "Fong et al., Ann Surg 1999;230:309; doi:10.1097/00000658-199909000-00004"
MANN_2004 = "Mann 2004, Arch Surg 139:1168"
SASAKI_2018 = "Sasaki 2018, Ann Surg 267:132; doi:10.1097/SLA.0000000000002064"
MARGONIS_2018 = "Margonis, Br J Surg 2018;105:1210; doi:10.1002/bjs.10838"
BOLHUIS_2022 = "Bolhuis, Cancers 2022; doi:10.3390/cancers14102356"
FONG_BY_SCORE_NOTE = (
    "Disputed: widely quoted 5-year OS by score is 0: 60%, 1: 44%, 2: 40%, 3: 20%, 4: 25%, "
    "5: 14%; one public calculator's code gives 2: 30%, 3: 16%, 4: 11%. Not checked against "
    "Table 5 of the paper (PMC1420876); teach as uncertain."
)
FONG_BY_SCORE_SOURCE = (
    "widely quoted, attributed to " + FONG_1999 + " Table 5 (not checked); "
    "one public calculator's code"
)

FONG_COHORT_RESECTIONS = Fact(1001.0, "resections", FONG_1999)
FONG_DISEASE_FREE_INTERVAL_CUTOFF = Fact(
    12.0, "months", FONG_1999, note="One point for a disease-free interval under 12 months."
)
FONG_TUMOUR_COUNT_CUTOFF = Fact(
    1.0, "tumours", FONG_1999, note="One point for more than 1 hepatic tumour."
)
FONG_TUMOUR_SIZE_CUTOFF = Fact(
    5.0, "cm", FONG_1999, note="One point for a largest tumour over 5 cm."
)
FONG_CEA_CUTOFF = Fact(200.0, "ng/mL", FONG_1999, note="One point for CEA over 200 ng/mL.")
FONG_MAX_SCORE = Fact(
    5.0,
    "points",
    FONG_1999,
    note="One point each: node-positive primary, DFI <12 months, >1 tumour, >5 cm, CEA >200.",
)
FONG_HIGH_RISK_MIN_SCORE = Fact(
    3.0, "points", FONG_1999 + "; UpToDate table", note="Low risk 0–2, high risk 3–5."
)
FONG_COHORT_5Y_SURVIVAL = Fact(0.37, "fraction", FONG_1999, note="5-year OS after resection.")
FONG_COHORT_10Y_SURVIVAL = Fact(0.22, "fraction", FONG_1999, note="10-year OS after resection.")
FONG_SCORE_5_LONG_TERM_SURVIVAL = Fact(
    0.0, "fraction", FONG_1999, note="No patient with a score of 5 became a long-term survivor."
)
FONG_5Y_SURVIVAL_SCORE_0 = Fact(
    0.60, "fraction", FONG_BY_SCORE_SOURCE, note=FONG_BY_SCORE_NOTE, verified=False
)
FONG_5Y_SURVIVAL_SCORE_1 = Fact(
    0.44, "fraction", FONG_BY_SCORE_SOURCE, note=FONG_BY_SCORE_NOTE, verified=False
)
FONG_5Y_SURVIVAL_SCORE_2 = Fact(
    0.40,
    "fraction",
    FONG_BY_SCORE_SOURCE,
    low=0.30,
    high=0.40,
    note=FONG_BY_SCORE_NOTE,
    verified=False,
)
FONG_5Y_SURVIVAL_SCORE_3 = Fact(
    0.20,
    "fraction",
    FONG_BY_SCORE_SOURCE,
    low=0.16,
    high=0.20,
    note=FONG_BY_SCORE_NOTE,
    verified=False,
)
FONG_5Y_SURVIVAL_SCORE_4 = Fact(
    0.25,
    "fraction",
    FONG_BY_SCORE_SOURCE,
    low=0.11,
    high=0.25,
    note=FONG_BY_SCORE_NOTE,
    verified=False,
)
FONG_5Y_SURVIVAL_SCORE_5 = Fact(
    0.14, "fraction", FONG_BY_SCORE_SOURCE, note=FONG_BY_SCORE_NOTE, verified=False
)
MANN_5Y_SURVIVAL_FONG_0_TO_1 = Fact(
    0.725, "fraction", MANN_2004, note="Validation: 5-year OS for Fong score 0–1."
)
MANN_5Y_SURVIVAL_FONG_2_TO_3 = Fact(
    0.312, "fraction", MANN_2004, note="Validation: 5-year OS for Fong score 2–3."
)
MANN_5Y_SURVIVAL_FONG_4_TO_5 = Fact(
    0.0, "fraction", MANN_2004, note="Validation: 5-year OS for Fong score 4–5."
)

TBS_LOW_ZONE_UPPER_CUTOFF = Fact(
    3.0,
    "1",
    SASAKI_2018 + "; " + MARGONIS_2018,
    note="TBS² = (largest diameter, cm)² + (number of lesions)². Zones <3, 3–8.9, ≥9 "
    "(cut-offs as used in GAME). Survival by zone was not found.",
)
TBS_HIGH_ZONE_LOWER_CUTOFF = Fact(
    9.0,
    "1",
    SASAKI_2018 + "; " + MARGONIS_2018,
    note="TBS ≥9 is the high zone (cut-offs as used in GAME).",
)
GAME_POINTS_KRAS_MUTATION = Fact(1.0, "points", MARGONIS_2018)
GAME_POINTS_HIGH_CEA = Fact(1.0, "points", MARGONIS_2018, note="For CEA ≥20 ng/mL.")
GAME_CEA_CUTOFF = Fact(20.0, "ng/mL", MARGONIS_2018, note="One GAME point for CEA ≥20 ng/mL.")
GAME_POINTS_NODE_POSITIVE_PRIMARY = Fact(1.0, "points", MARGONIS_2018)
GAME_POINTS_TBS_3_TO_8 = Fact(1.0, "points", MARGONIS_2018)
GAME_POINTS_TBS_9_OR_MORE = Fact(2.0, "points", MARGONIS_2018)
GAME_POINTS_EXTRAHEPATIC_DISEASE = Fact(2.0, "points", MARGONIS_2018)
GAME_MEDIUM_RISK_MIN_SCORE = Fact(
    2.0, "points", MARGONIS_2018, note="Risk groups: low 0–1, medium 2–3, high ≥4."
)
GAME_HIGH_RISK_MIN_SCORE = Fact(
    4.0, "points", MARGONIS_2018, note="Risk groups: low 0–1, medium 2–3, high ≥4."
)
GAME_MEDIAN_OS_LOW_RISK = Fact(68.1, "months", BOLHUIS_2022, note="Population-based validation.")
GAME_MEDIAN_OS_MEDIUM_RISK = Fact(46.7, "months", BOLHUIS_2022, note="Population-based validation.")
GAME_MEDIAN_OS_HIGH_RISK = Fact(32.4, "months", BOLHUIS_2022, note="Population-based validation.")

# --- §5 Thermal ablation physics -------------------------------------------------------------
COMSOL_LIVER = "COMSOL microwave_cancer_therapy model (code; repository not identifiable)"
RFA_TUTORIAL = "rirastorza/RFA-tutorial example/RFA_script.py"
FIELDP_ARRHENIUS = "https://www.fieldp.com/fpblog/arrhenius.html"
CEM43_SOURCE = "SciencePedia summary; Sapareto & Dewey, IJROBP 1984 (not seen)"
SOOLUN = "soolun.net"
GOLDBERG_2000 = "Goldberg, AJR 2000; doi:10.2214/ajr.174.2.1740323"
MERTYNA_2009 = (
    "Mertyna, Acad Radiol 2009 (ClinicalTree.github.io _posts/2009-12-01-thermal-ablation.md)"
)
LIN_2016 = "Lin, J Cancer Res Ther 2016; doi:10.4103/jcrt.JCRT_959_16"
WANG_2013 = "Wang, CVIR 2013; doi:10.1007/s00270-012-0377-1"
SHADY_2018 = "Shady, JVIR 2018 (PMC5803367)"

LIVER_TISSUE_DENSITY = Fact(
    1079.0, "kg/m^3", COMSOL_LIVER, note="Human liver; said to match IT'IS database values."
)
LIVER_SPECIFIC_HEAT_CAPACITY = Fact(
    3540.0, "J/(kg·K)", COMSOL_LIVER, note="Human liver; said to match IT'IS database values."
)
LIVER_THERMAL_CONDUCTIVITY = Fact(
    0.52, "W/(m·K)", COMSOL_LIVER, note="Human liver; said to match IT'IS database values."
)
BLOOD_DENSITY = Fact(
    1000.0,
    "kg/m^3",
    COMSOL_LIVER + "; " + RFA_TUTORIAL,
    low=1000.0,
    high=1020.0,
    note="COMSOL liver model 1000; rirastorza/RFA-tutorial 1020.",
)
BLOOD_SPECIFIC_HEAT_CAPACITY = Fact(
    3639.0,
    "J/(kg·K)",
    COMSOL_LIVER + "; " + RFA_TUTORIAL,
    low=3639.0,
    high=3640.0,
    note="COMSOL liver model 3639; rirastorza/RFA-tutorial 3640.",
)
LIVER_BLOOD_PERFUSION_RATE = Fact(
    3.6e-3,
    "1/s",
    COMSOL_LIVER + "; " + RFA_TUTORIAL,
    low=3.6e-3,
    high=4.0e-3,
    note="Pennes ω_b in s⁻¹ (not kg·m⁻³·s⁻¹): COMSOL liver 0.0036, rirastorza/RFA-tutorial "
    "0.004. IT'IS liver perfusion not checked.",
)
ARTERIAL_BLOOD_TEMPERATURE = Fact(37.0, "°C", COMSOL_LIVER, note="T_a in the Pennes equation.")
MICROWAVE_ABLATION_FREQUENCY = Fact(
    2.45e9, "Hz", COMSOL_LIVER, note="The frequency of the liver's ε_r and σ given below."
)
LIVER_RELATIVE_PERMITTIVITY_2_45_GHZ = Fact(43.03, "1", COMSOL_LIVER, note="ε_r at 2.45 GHz.")
LIVER_ELECTRICAL_CONDUCTIVITY_2_45_GHZ = Fact(1.69, "S/m", COMSOL_LIVER, note="σ at 2.45 GHz.")
LIVER_ARRHENIUS_FREQUENCY_FACTOR = Fact(
    7.39e39,
    "1/s",
    COMSOL_LIVER + "; rirastorza/RFA-tutorial",
    note="Ω = ∫A·exp(−Ea/RT)dt. Original derivation (Jacques & Gaeeni / Chang & Nguyen 2004) "
    "not seen.",
)
LIVER_ARRHENIUS_ACTIVATION_ENERGY = Fact(
    2.577e5, "J/mol", COMSOL_LIVER + "; rirastorza/RFA-tutorial", note="Ea for liver."
)
ARTERY_ARRHENIUS_FREQUENCY_FACTOR = Fact(5.6e63, "1/s", "code comments (Agah)")
ARTERY_ARRHENIUS_ACTIVATION_ENERGY = Fact(4.3e5, "J/mol", "code comments (Agah)")
SKIN_ARRHENIUS_FREQUENCY_FACTOR = Fact(3.1e98, "1/s", "code comments")
SKIN_ARRHENIUS_ACTIVATION_ENERGY = Fact(6.28e5, "J/mol", "code comments")
ARRHENIUS_OMEGA_63_PERCENT_DAMAGE = Fact(
    1.0, "1", FIELDP_ARRHENIUS, note="Ω = 1 means about 63% of cells damaged."
)
ARRHENIUS_DAMAGE_AT_OMEGA_1 = Fact(0.63, "fraction", FIELDP_ARRHENIUS, note="1 − e⁻¹ ≈ 0.632.")
ARRHENIUS_OMEGA_99_PERCENT_DAMAGE = Fact(
    4.6, "1", FIELDP_ARRHENIUS, note="Ω = 4.6 means 99% of cells damaged."
)
ARRHENIUS_DAMAGE_AT_OMEGA_4_6 = Fact(0.99, "fraction", FIELDP_ARRHENIUS, note="1 − e⁻⁴·⁶ ≈ 0.990.")
CEM43_REFERENCE_TEMPERATURE = Fact(43.0, "°C", CEM43_SOURCE, note="CEM43 = Σ R^(43−T)·Δt.")
CEM43_R_AT_OR_ABOVE_43 = Fact(
    0.5, "1", CEM43_SOURCE, note="Each °C above 43 doubles the damage rate."
)
CEM43_R_BELOW_43 = Fact(0.25, "1", CEM43_SOURCE, note="Each °C below 43 quarters the damage rate.")
CEM43_NECROSIS_THRESHOLD = Fact(
    240.0,
    "min",
    CEM43_SOURCE + "; MRgFUS study PMC6181766",
    low=100.0,
    high=240.0,
    note="240 CEM43 is the usual necrosis threshold, not checked for liver. An MRgFUS study "
    "tested 17–240 CEM and found 100/200 CEM best matched lesion size; tissue-dependent.",
    verified=False,
)
HYPERTHERMIC_CELL_DEATH_TEMPERATURE = Fact(
    50.0,
    "°C",
    SOOLUN + "; " + GOLDBERG_2000,
    low=50.0,
    high=55.0,
    note="50 °C for 4–6 min starts cell death (soolun.net); Goldberg 2000 gives 50–55 °C "
    "(not verified). A rule of thumb.",
)
HYPERTHERMIC_CELL_DEATH_DURATION = Fact(
    5.0,
    "min",
    SOOLUN + "; " + GOLDBERG_2000,
    low=4.0,
    high=6.0,
    note="4–6 min at 50(–55) °C; value is the midpoint. A rule of thumb.",
)
IMMEDIATE_CELL_DEATH_TEMPERATURE = Fact(
    70.0,
    "°C",
    SOOLUN + "; " + GOLDBERG_2000,
    low=60.0,
    high=70.0,
    note="Above 70 °C death is immediate (soolun.net); Goldberg 2000 (not verified) gives "
    "near-instant coagulation at 60–100 °C.",
)
VAPORIZATION_TEMPERATURE = Fact(
    100.0,
    "°C",
    GOLDBERG_2000,
    low=100.0,
    high=110.0,
    note="Vaporization and charring above 100–110 °C (Goldberg 2000, not verified).",
    verified=False,
)
MARGIN_TEMPERATURE_NOTE = (
    "Ex vivo margin temperature: RF 33–58, laser 52–72, MW 42–95 °C, so there is no single "
    "lethal isotherm; value is the midpoint."
)
ABLATION_MARGIN_TEMPERATURE_RF = Fact(
    45.5, "°C", MERTYNA_2009, low=33.0, high=58.0, note=MARGIN_TEMPERATURE_NOTE
)
ABLATION_MARGIN_TEMPERATURE_LASER = Fact(
    62.0, "°C", MERTYNA_2009, low=52.0, high=72.0, note=MARGIN_TEMPERATURE_NOTE
)
ABLATION_MARGIN_TEMPERATURE_MW = Fact(
    68.5, "°C", MERTYNA_2009, low=42.0, high=95.0, note=MARGIN_TEMPERATURE_NOTE
)
HEAT_SINK_VESSEL_DIAMETER = Fact(
    3.0, "mm", LIN_2016, note="Vessels larger than 3 mm next to the tumour."
)
LOCAL_RECURRENCE_NEAR_LARGE_VESSEL = Fact(
    0.198, "fraction", LIN_2016, note="20/101 tumours next to vessels >3 mm recurred."
)
LOCAL_RECURRENCE_AWAY_FROM_LARGE_VESSEL = Fact(
    0.028, "fraction", LIN_2016, note="13/463 tumours not next to vessels >3 mm recurred."
)
PRIMAVESI_2018 = (
    "Primavesi F et al., Oncol Lett 2018 (online Dec 2017); doi:10.3892/ol.2017.7634 (PMC5778864)"
)
# clinical-facts.md §5 reads "47 vs 69 °C" as RFA vs MWA near vessels; the abstract compares
# RFA near central vessels with RFA at the periphery, and MWA was about 50 °C at both sites.
RFA_SURFACE_TEMPERATURE_NEAR_VESSEL = Fact(
    47.11,
    "°C",
    PRIMAVESI_2018,
    note="Perfused porcine liver, thermography: RFA next to central vessels (a heat sink).",
)
RFA_SURFACE_TEMPERATURE_PERIPHERAL = Fact(
    68.72, "°C", PRIMAVESI_2018, note="Perfused porcine liver: RFA at peripheral sites."
)
MWA_SURFACE_TEMPERATURE_NEAR_VESSEL = Fact(
    50.52,
    "°C",
    PRIMAVESI_2018,
    note="Perfused porcine liver: MWA next to central vessels; no significant difference from "
    "the periphery (no heat sink seen with MWA in this study).",
)
MWA_SURFACE_TEMPERATURE_PERIPHERAL = Fact(
    50.18, "°C", PRIMAVESI_2018, note="Perfused porcine liver: MWA at peripheral sites."
)
RFA_SHORT_AXIS_LOSS_PER_10_ML_MIN_100G = Fact(
    4.4,
    "mm",
    "Huang, Acad Radiol 2012",
    note="Ex vivo, each extra 10 mL/min/100 g of flow shrank the RFA short axis by 4.4 mm.",
)
MARGIN_LPFS_NOTE = (
    "2-year local-progression-free rate by minimal margin: 26% (0 mm), 46% (1–5 mm), "
    "74% (6–10 mm), 80% (11–15 mm)."
)
LPFS_2Y_MARGIN_0_MM = Fact(0.26, "fraction", WANG_2013, note=MARGIN_LPFS_NOTE)
LPFS_2Y_MARGIN_1_TO_5_MM = Fact(0.46, "fraction", WANG_2013, note=MARGIN_LPFS_NOTE)
LPFS_2Y_MARGIN_6_TO_10_MM = Fact(0.74, "fraction", WANG_2013, note=MARGIN_LPFS_NOTE)
LPFS_2Y_MARGIN_11_TO_15_MM = Fact(0.80, "fraction", WANG_2013, note=MARGIN_LPFS_NOTE)
LOCAL_PROGRESSION_RISK_REDUCTION_PER_5_MM = Fact(
    0.46, "fraction", WANG_2013, note="Risk of local progression falls 46% per extra 5 mm."
)
LOCAL_PROGRESSION_HR_MARGIN_5_MM_OR_LESS_RFA = Fact(
    14.6, "1", SHADY_2018, note="Hazard ratio for a margin ≤5 mm after RFA."
)
LOCAL_PROGRESSION_HR_MARGIN_5_MM_OR_LESS_MWA = Fact(
    11.6, "1", SHADY_2018, note="Hazard ratio for a margin ≤5 mm after MWA."
)
MARGIN_HIGH_RISK_MAX = Fact(
    5.0,
    "mm",
    SHADY_2018,
    note="Margins of 5 mm or less carried the highest risk of local progression (HR 14.6 "
    "after RFA); also the upper end of Wang 2013's 1–5 mm group.",
)
MARGIN_WITHOUT_LOCAL_PROGRESSION = Fact(
    10.0, "mm", SHADY_2018, note="No local progression with a margin over 10 mm."
)
IDEAL_ABLATION_LESION_MAX_SIZE = Fact(
    3.0,
    "cm",
    "Petre & Sofocleous, Visc Med 2017; doi:10.1159/000454697",
    note="The ideal lesion is solitary and ≤3 cm.",
)
COMPLETE_ABLATION_RATE_UNDER_3_CM = Fact(
    0.90,
    "fraction",
    "PMC3324186",
    note="More than 90% complete ablation under 3 cm (a lower bound).",
)
RFA_ABLATION_ZONE_DIAMETER = Fact(
    4.0, "cm", "PMC3036313", low=3.0, high=5.0, note="RFA zone 3–5 cm; value is the midpoint."
)
MWA_ABLATION_VOLUME_RCT = Fact(50.5, "cm^3", "doi:10.1016/j.ejro.2022.100399", note="RCT.")
RFA_ABLATION_VOLUME_RCT = Fact(22.9, "cm^3", "doi:10.1016/j.ejro.2022.100399", note="RCT.")
RFA_ABLATION_DIAMETER_PORCINE = Fact(3.17, "cm", PRIMAVESI_2018)
MWA_ABLATION_DIAMETER_PORCINE = Fact(3.38, "cm", PRIMAVESI_2018)
RFA_ABLATION_TIME_PORCINE = Fact(8.0, "min", PRIMAVESI_2018)
MWA_ABLATION_TIME_PORCINE = Fact(2.0, "min", PRIMAVESI_2018)
CRYOABLATION_LETHAL_TEMPERATURE = Fact(
    -40.0,
    "°C",
    "https://thoracickey.com/mechanisms-of-cryoablation; Gage & Baust 1998",
    low=-40.0,
    high=-20.0,
    note="Reach −40 °C or colder in the tumour; Gage & Baust 1998 (not verified) give "
    "−20 to −40 °C.",
)

# Physical constants the ablation model needs (exact or recommended values).
CODATA_2018 = "CODATA 2018 recommended values, NIST; https://physics.nist.gov/cuu/Constants/"
MOLAR_GAS_CONSTANT = Fact(8.314462618, "J/(mol·K)", CODATA_2018, note="R, exact since 2019.")
VACUUM_PERMITTIVITY = Fact(8.8541878128e-12, "F/m", CODATA_2018, note="ε0.")
VACUUM_PERMEABILITY = Fact(1.25663706212e-6, "H/m", CODATA_2018, note="μ0.")
ELECTRONVOLT = Fact(
    1.602176634e-19, "J", CODATA_2018, note="1 eV in joules, exact since 2019 (the charge e)."
)

# Device sizes and cryoablation isotherms (found while building the ablation model, issue 3).
SONG_2015 = "Song KD et al., Br J Radiol 2015; doi:10.1259/bjr.20140497 (PMC4628443)"
LITTRUP_2009 = "Littrup PJ et al., J Vasc Interv Radiol 2009; doi:10.1016/j.jvir.2009.05.038"
RF_ELECTRODE_DIAMETER = Fact(
    1.47,
    "mm",
    SONG_2015 + "; gauge-to-diameter from the standard needle gauge table (ISO 9626)",
    note="The conventional 17-gauge internally cooled RF electrode; 17 G is 1.47 mm across.",
)
CRYOPROBE_DIAMETER = Fact(
    2.4,
    "mm",
    LITTRUP_2009,
    low=1.7,
    high=2.4,
    note="Cryoprobes of 1.7 and 2.4 mm diameter were compared; the larger one is the value.",
)
CRYO_LETHAL_ICE_DIAMETER_SINGLE_PROBE = Fact(
    12.0,
    "mm",
    LITTRUP_2009,
    note="One 2.4 mm cryoprobe, 15 min freeze, 39 °C phantom: lethal ice (< −30 °C) 1.2 cm "
    "across, only 13% of the ice ball's surface area. Multiple probes are needed.",
)
CRYO_LETHAL_ISOTHERM_INSIDE_ICE_EDGE = Fact(
    10.0,
    "mm",
    "PMC4850244",
    note="The −40 °C isotherm lies about 1 cm inside the ice ball's 0 °C leading edge, so the "
    "visible ice ball overstates the lethal zone.",
)
ARGON_NORMAL_BOILING_POINT = Fact(
    -185.85,
    "°C",
    "NIST Chemistry WebBook, argon (normal boiling point 87.30 K)",
    note="Argon cryoprobes cool by Joule–Thomson expansion; the probe wall cannot be colder "
    "than this, so the ablation model uses it as a lower bound for the wall temperature.",
)

# --- §6 Epidemiology and clinical facts (continued) ------------------------------------------
MANFREDI_2006 = "Manfredi, Ann Surg 2006"
KANAS_2012 = "Kanas GP et al., Clin Epidemiol 2012; doi:10.2147/CLEP.S34285"
ABBAS_2011 = "Abbas S et al., ISRN Oncol 2011; doi:10.5402/2011/763245"
ENGSTRAND_2018 = "Engstrand J et al., BMC Cancer 2018; doi:10.1186/s12885-017-3925-x"
NIEKEL_2010 = "Niekel 2010, Radiology; doi:10.1148/radiol.10100729"
FLORIANI_2010 = "Floriani 2010, JMRI; doi:10.1002/jmri.22010"
TSILI_2020 = "Tsili 2020, Acta Radiol; doi:10.1177/0284185120925481"
POST_CHEMO_IMAGING = "PMC3433675"

CRC_SYNCHRONOUS_LIVER_METASTASES = Fact(
    0.145, "fraction", MANFREDI_2006, note="Synchronous liver metastases, population-based."
)
CRC_METACHRONOUS_LIVER_METASTASES_5Y = Fact(
    0.145, "fraction", MANFREDI_2006, note="Metachronous liver metastases within 5 years."
)
RESECTABLE_AT_PRESENTATION = Fact(0.20, "fraction", "PMC4398102", note="About 20%.")
CONVERSION_TO_RESECTABLE_AFTER_CHEMOTHERAPY = Fact(
    0.15,
    "fraction",
    "PMC4398102",
    low=0.10,
    high=0.20,
    note="Chemotherapy converts another 10–20%; value is the midpoint.",
)
CURATIVE_RESECTION_SYNCHRONOUS = Fact(
    0.063, "fraction", MANFREDI_2006, note="Population-based curative resection rate."
)
CURATIVE_RESECTION_METACHRONOUS = Fact(
    0.169, "fraction", MANFREDI_2006, note="Population-based curative resection rate."
)
SURVIVAL_5Y_AFTER_RESECTION = Fact(
    0.38,
    "fraction",
    KANAS_2012,
    low=0.16,
    high=0.74,
    note="5-year survival after resection ranges 16–74% across studies, median 38% (Kanas); "
    "Fong's cohort 37% (FONG_COHORT_5Y_SURVIVAL). Above 50% only in selected series.",
)
SURVIVAL_10Y_AFTER_RESECTION = Fact(
    0.26,
    "fraction",
    KANAS_2012 + "; " + ABBAS_2011,
    low=0.12,
    high=0.36,
    note="Median 26% (Kanas); 12–36% (Abbas).",
)
MEDIAN_OS_AFTER_RESECTION = Fact(3.6, "years", KANAS_2012)
UNTREATED_RESECTABLE_SURVIVAL = Fact(
    9.0,
    "months",
    ABBAS_2011,
    low=6.0,
    high=12.0,
    note="Untreated resectable disease: survival 6–12 months; value is the midpoint.",
)
RAS_MUTATION_PREVALENCE_TRIALS = Fact(
    0.559,
    "fraction",
    "doi:10.1016/j.ejca.2015.05.017",
    note="Pooled trials. Real-world data give 43.6% (RAS_MUTATION_PREVALENCE_REAL_WORLD).",
)
KRAS_EXON_2_MUTATION_PREVALENCE_TRIALS = Fact(
    0.426, "fraction", "doi:10.1016/j.ejca.2015.05.017", note="Pooled trials."
)
RAS_MUTATION_PREVALENCE_REAL_WORLD = Fact(
    0.436,
    "fraction",
    "doi:10.2217/bmm-2016-0358",
    low=0.337,
    high=0.541,
    note="Real-world 43.6% (range 33.7–54.1%); pooled trials 55.9%. Only RAS wild-type tumours "
    "should get cetuximab or panitumumab, per a secondary summary of NCCN guidance and FDA "
    "labels (the labels themselves were not opened).",
)
LIVER_METASTASES_LEFT_SIDED_PRIMARY = Fact(
    0.284, "fraction", ENGSTRAND_2018, note="Liver metastases from left-sided primaries."
)
LIVER_METASTASES_RIGHT_SIDED_PRIMARY = Fact(
    0.221, "fraction", ENGSTRAND_2018, note="Liver metastases from right-sided primaries."
)
LIVER_METASTATIC_LEFT_SIDED_5Y_SURVIVAL = Fact(
    0.166, "fraction", ENGSTRAND_2018, note="vs 4.3% for right-sided (HR 0.56)."
)
LIVER_METASTATIC_RIGHT_SIDED_5Y_SURVIVAL = Fact(
    0.043, "fraction", ENGSTRAND_2018, note="vs 16.6% for left-sided (HR 0.56)."
)
LIVER_METASTATIC_LEFT_VS_RIGHT_HR = Fact(
    0.56, "1", ENGSTRAND_2018, note="Hazard ratio for death, left- vs right-sided."
)
CEA_RELATIVE_RISK = Fact(
    1.9,
    "1",
    KANAS_2012,
    note="Relative risk for elevated CEA; the cut-off varies by score (Fong >200, GAME ≥20 ng/mL).",
)

NIEKEL_CT_SENSITIVITY_PER_LESION = Fact(0.744, "fraction", NIEKEL_2010)
NIEKEL_MRI_SENSITIVITY_PER_LESION = Fact(
    0.803, "fraction", NIEKEL_2010, note="MRI is better for lesions <10 mm (not verified)."
)
NIEKEL_PET_SENSITIVITY_PER_LESION = Fact(0.814, "fraction", NIEKEL_2010, note="FDG-PET.")
NIEKEL_CT_SENSITIVITY_PER_PATIENT = Fact(0.836, "fraction", NIEKEL_2010)
NIEKEL_MRI_SENSITIVITY_PER_PATIENT = Fact(0.882, "fraction", NIEKEL_2010)
NIEKEL_PET_SENSITIVITY_PER_PATIENT = Fact(0.941, "fraction", NIEKEL_2010, note="FDG-PET.")
FLORIANI_US_SENSITIVITY_PER_PATIENT = Fact(0.630, "fraction", FLORIANI_2010)
FLORIANI_US_SPECIFICITY_PER_PATIENT = Fact(0.976, "fraction", FLORIANI_2010)
FLORIANI_CT_SENSITIVITY_PER_PATIENT = Fact(0.748, "fraction", FLORIANI_2010)
FLORIANI_CT_SPECIFICITY_PER_PATIENT = Fact(0.956, "fraction", FLORIANI_2010)
FLORIANI_MRI_SENSITIVITY_PER_PATIENT = Fact(0.811, "fraction", FLORIANI_2010)
FLORIANI_MRI_SPECIFICITY_PER_PATIENT = Fact(0.972, "fraction", FLORIANI_2010)
FLORIANI_PET_SENSITIVITY_PER_PATIENT = Fact(0.938, "fraction", FLORIANI_2010, note="FDG-PET.")
FLORIANI_PET_SPECIFICITY_PER_PATIENT = Fact(0.987, "fraction", FLORIANI_2010, note="FDG-PET.")
FLORIANI_US_SENSITIVITY_PER_LESION = Fact(0.863, "fraction", FLORIANI_2010)
FLORIANI_CT_SENSITIVITY_PER_LESION = Fact(0.826, "fraction", FLORIANI_2010)
FLORIANI_MRI_SENSITIVITY_PER_LESION = Fact(0.863, "fraction", FLORIANI_2010)
FLORIANI_PET_SENSITIVITY_PER_LESION = Fact(0.860, "fraction", FLORIANI_2010, note="FDG-PET.")
TSILI_CEUS_SENSITIVITY_PER_LESION = Fact(0.86, "fraction", TSILI_2020)
TSILI_MDCT_SENSITIVITY_PER_LESION = Fact(0.84, "fraction", TSILI_2020)
TSILI_MRI_SENSITIVITY_PER_LESION = Fact(
    0.89, "fraction", TSILI_2020, note="MRI best for lesions both <10 and ≥10 mm."
)
TSILI_PET_CT_SENSITIVITY_PER_LESION = Fact(0.62, "fraction", TSILI_2020)
POST_CHEMO_MRI_SENSITIVITY = Fact(0.857, "fraction", POST_CHEMO_IMAGING, note="After chemotherapy.")
POST_CHEMO_CT_SENSITIVITY = Fact(0.699, "fraction", POST_CHEMO_IMAGING, note="After chemotherapy.")
POST_CHEMO_PET_SENSITIVITY = Fact(0.545, "fraction", POST_CHEMO_IMAGING, note="After chemotherapy.")
POST_CHEMO_PET_CT_SENSITIVITY = Fact(
    0.517, "fraction", POST_CHEMO_IMAGING, note="After chemotherapy."
)


def _collect() -> dict[str, Fact]:
    return {name: value for name, value in globals().items() if isinstance(value, Fact)}


ALL: dict[str, Fact] = _collect()


def get(name: str) -> Fact:
    """The fact called ``name``; a clear KeyError naming near matches when there is none."""
    try:
        return ALL[name]
    except KeyError:
        from livermets_edu.names import did_you_mean

        raise KeyError(f"no fact called {name!r}{did_you_mean(name, ALL)}") from None
