"""Write lesson 08 (liver-directed therapy through the hepatic artery), unexecuted.

Run from the repository root, then execute it so it is committed with outputs:

    python scripts/make_lesson_08.py
    python scripts/execute_lessons.py notebooks/08-liver-directed-therapy.ipynb

Numbers in the Markdown cells are not typed here: they are filled in from
:mod:`livermets_edu.facts` and :mod:`livermets_edu.derived` (confidence intervals and P values
are read from a fact's ``note``), so a corrected fact corrects the lesson when it is regenerated.
Code cells compute their numbers when run. What the lesson may and may not claim follows the
sources memo of issue 4.
"""

from __future__ import annotations

import re
from pathlib import Path

from lesson_tools import (
    FURTHER_REFERENCES,
    WIDGET_MARKER,
    build,
    fact,
    model,
    quiz_cells,
    value,
    write,
)

from livermets_edu import derived, facts

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "08-liver-directed-therapy.ipynb"
BANK = "08-liver-directed"

_CI = re.compile(r"95% CI (\d+(?:\.\d+)?)[–-](\d+(?:\.\d+)?)")


def ci(name: str) -> str:
    """A hazard ratio's 95% confidence interval as its fact's note prints it, e.g. '0.77–1.12'."""
    match = _CI.search(facts.get(name).note)
    if match is None:
        raise SystemExit(f"{name}'s note gives no 95% CI")
    return f"{match.group(1)}–{match.group(2)}"


def ci_bounds(name: str) -> tuple[float, float]:
    """The 95% confidence interval of a hazard ratio, as numbers."""
    low, high = ci(name).split("–")
    return float(low), float(high)


def from_note(name: str, pattern: str) -> str:
    """The words of a fact's note that match ``pattern`` (e.g. its P value), or stop the build."""
    match = re.search(pattern, facts.get(name).note)
    if match is None:
        raise SystemExit(f"{name}'s note no longer says {pattern!r}")
    return match.group(0)


def hr(name: str) -> str:
    """A hazard ratio with two decimals, as trials print it (0.90, not 0.9)."""
    return f"{facts.get(name).value:.2f}"


def count(name: str) -> str:
    """A number of patients without its unit, for a table column headed 'patients'."""
    return f"{facts.get(name).value:g}"


def percent(fraction: float) -> str:
    """A share of the case's inputs as a reader sees it, e.g. '5%'."""
    return f"{fraction * 100:g}%"


CASE = derived.Y90_CASE
#: The lung shunt at which the lesson shows the resin activity being cut (a derived quantity).
RESIN_CUT_SHUNT = 0.12
#: The earlier lung dose of the planner's fourth experiment.
EARLIER_LUNG_GY = 45.0
#: The lung shunts of the planner's first experiment, printed for readers without a kernel.
SHUNTS = (0.05, 0.10, 0.15, 0.20)

F = {
    # blood supply
    "portal": value("PORTAL_VEIN_FLOW_FRACTION"),
    "arterial": value("HEPATIC_ARTERY_FLOW_FRACTION"),
    "met_arterial": value("METASTASIS_ARTERIAL_SUPPLY_FRACTION"),
    "micro": value("MICROMETASTASIS_SINUSOIDAL_MAX_SIZE"),
    "dual": value("SMALL_METASTASIS_DUAL_SUPPLY_MAX_SIZE"),
    "rim": value("METASTASES_WITH_PORTAL_RIM_FRACTION"),
    # TACE
    "fio_n": value("FIORENTINI_PATIENTS"),
    "fio_os": value("FIORENTINI_MEDIAN_OS_DEBIRI"),
    "fio_os_c": value("FIORENTINI_MEDIAN_OS_FOLFIRI"),
    "fio_pfs": value("FIORENTINI_MEDIAN_PFS_DEBIRI"),
    "fio_pfs_c": value("FIORENTINI_MEDIAN_PFS_FOLFIRI"),
    "salv_os": value("DEBIRI_SALVAGE_MEDIAN_OS"),
    # Y-90 work-up and risks
    "interval": fact("Y90_PLANNING_TO_TREATMENT_INTERVAL"),
    "maa_extra": value("MAA_EXTRAHEPATIC_DEPOSITION_FRACTION"),
    "prs": value("POST_RADIOEMBOLIZATION_SYNDROME_INCIDENCE"),
    "prs_range": facts.POST_RADIOEMBOLIZATION_SYNDROME_INCIDENCE.range_text,
    "prs_time": from_note("POST_RADIOEMBOLIZATION_SYNDROME_INCIDENCE", r"within \w+ weeks"),
    "reild": fact("REILD_INCIDENCE"),
    "reild_time": from_note("REILD_INCIDENCE", r"\d+ weeks–\d+ months"),
    "ulcer": value("RADIOEMBOLIZATION_GI_ULCER_INCIDENCE_MAX"),
    "chole": value("RADIATION_CHOLECYSTITIS_INCIDENCE_MAX"),
    "pneum": value("RADIATION_PNEUMONITIS_INCIDENCE_MAX"),
    "ebrt": fact("EBRT_RILD_DOSE_THRESHOLD"),
    "re_safe": value("RADIOEMBOLIZATION_SAFE_LIVER_DOSE_REPORTED"),
    # trials
    "sf_n": count("SIRFLOX_PATIENTS"),
    "sf_pfs_c": value("SIRFLOX_MEDIAN_PFS_CONTROL"),
    "sf_pfs": value("SIRFLOX_MEDIAN_PFS_SIRT"),
    "sf_hr": hr("SIRFLOX_PFS_HR"),
    "sf_hr_ci": ci("SIRFLOX_PFS_HR"),
    "sf_lpfs_c": value("SIRFLOX_MEDIAN_LIVER_PFS_CONTROL"),
    "sf_lpfs": value("SIRFLOX_MEDIAN_LIVER_PFS_SIRT"),
    "sf_lhr": hr("SIRFLOX_LIVER_PFS_HR"),
    "sf_lhr_ci": ci("SIRFLOX_LIVER_PFS_HR"),
    "sf_primary": from_note("SIRFLOX_PFS_HR", r"P = [\d.]+"),
    "ff_n": count("FOXFIRE_COMBINED_PATIENTS"),
    "ff_patients": value("FOXFIRE_COMBINED_PATIENTS"),
    "ff_os_hr": hr("FOXFIRE_COMBINED_OS_HR"),
    "ff_os_ci": ci("FOXFIRE_COMBINED_OS_HR"),
    "ff_pfs_hr": hr("FOXFIRE_COMBINED_PFS_HR"),
    "ff_pfs_ci": ci("FOXFIRE_COMBINED_PFS_HR"),
    "ff_liver_hr": hr("FOXFIRE_COMBINED_LIVER_PROGRESSION_HR"),
    "ff_liver_ci": ci("FOXFIRE_COMBINED_LIVER_PROGRESSION_HR"),
    "ep_n": count("EPOCH_PATIENTS"),
    "ep_hr": hr("EPOCH_PFS_HR"),
    "ep_hr_ci": ci("EPOCH_PFS_HR"),
    "ep_hhr": hr("EPOCH_HEPATIC_PFS_HR"),
    "ep_hhr_ci": ci("EPOCH_HEPATIC_PFS_HR"),
    "ep_pfs": f"{facts.EPOCH_MEDIAN_PFS_TARE.value:.1f} months",
    "ep_pfs_c": value("EPOCH_MEDIAN_PFS_CONTROL"),
    "vegf": fact("SIRT_STOP_VEGF_INHIBITOR_WEEKS_BEFORE"),
    "gem_before": value("SIRT_STOP_GEMCITABINE_WEEKS_BEFORE"),
    "gem_after": fact("SIRT_RESTART_GEMCITABINE_WEEKS_AFTER"),
    # physics
    "half_life": value("Y90_HALF_LIFE"),
    "mean_range": value("Y90_MEAN_TISSUE_PENETRATION"),
    "max_range": fact("Y90_MAX_TISSUE_PENETRATION"),
    "day_11": f"{derived.value('Y90_PERCENT_OF_DOSE_DELIVERED_BY_DAY_11'):.3g}%",
    "days_90": model("Y90_DAYS_TO_DELIVER_90_PERCENT"),
    "k_label": value("Y90_DOSE_COEFFICIENT_LABEL"),
    "k_eanm": value("Y90_DOSE_COEFFICIENT_EANM"),
    "k_decay": model("Y90_ENERGY_PER_GBQ_FROM_DECAY"),
    "density": value("Y90_DOSIMETRY_LIVER_DENSITY"),
    "density_alt": f"{facts.Y90_DOSIMETRY_LIVER_DENSITY.high:g} g/mL",
    "bsa_offset": f"{facts.Y90_RESIN_BSA_METHOD_OFFSET.value:g}",
    "dubois_c": f"{facts.DUBOIS_COEFFICIENT.value:g}",
    "dubois_h": f"{facts.DUBOIS_HEIGHT_EXPONENT.value:g}",
    "dubois_w": f"{facts.DUBOIS_WEIGHT_EXPONENT.value:g}",
    "lsf_1": value("Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD"),
    "cut_1": value("Y90_RESIN_LSF_FIRST_ACTIVITY_REDUCTION"),
    "lsf_2": value("Y90_RESIN_LSF_SECOND_REDUCTION_THRESHOLD"),
    "cut_2": value("Y90_RESIN_LSF_SECOND_ACTIVITY_REDUCTION"),
    "lsf_stop": value("Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD"),
    "sangro": value("Y90_LSF_WITHHOLD_THRESHOLD_SANGRO"),
    "lung_mass": value("Y90_ASSUMED_LUNG_MASS"),
    "lung_session": value("LUNG_DOSE_LIMIT_PER_SESSION"),
    "lung_total": value("LUNG_DOSE_LIMIT_CUMULATIVE"),
    "glass_lung_gbq": value("Y90_GLASS_LUNG_ACTIVITY_LIMIT"),
    "glass_dose": fact("Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC"),
    "glass_dose_mid": value("Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC"),
    "normal_limit": value("Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT"),
    "tumour_aim": value("Y90_GLASS_TUMOUR_DOSE_MCRC"),
    "tn_warning": value("TARANIS_TUMOUR_TO_NORMAL_RATIO_WARNING"),
    "bsa_practice": fact("Y90_RESIN_BSA_ACTIVITY_IN_PRACTICE"),
    # the worked case
    "height": f"{CASE['height_cm']:g} cm",
    "weight": f"{CASE['weight_kg']:g} kg",
    "liver_ml": f"{CASE['liver_volume_ml']:g} mL",
    "tumour_ml": f"{CASE['tumour_volume_ml']:g} mL",
    "case_lsf": percent(CASE["lung_shunt"]),  # type: ignore[arg-type]
    "case_tn": f"{CASE['tumour_to_normal']:g}",
    "cut_shunt": percent(RESIN_CUT_SHUNT),
    "earlier_lung": f"{EARLIER_LUNG_GY:g} Gy",
    "shunt_ok": percent(SHUNTS[1]),
    "shunt_stop": percent(SHUNTS[2]),
    "case_bsa": model("Y90_CASE_BSA_DUBOIS"),
    "case_resin": model("Y90_CASE_RESIN_BSA_ACTIVITY"),
    "case_resin_cut": model("Y90_CASE_RESIN_BSA_ACTIVITY_LSF_12_PERCENT"),
    "case_glass": model("Y90_CASE_GLASS_ACTIVITY"),
    "case_glass_tumour": model("Y90_CASE_GLASS_TUMOUR_DOSE"),
    "case_partition": model("Y90_CASE_GLASS_PARTITION_ACTIVITY"),
    "case_partition_tumour": model("Y90_CASE_GLASS_PARTITION_TUMOUR_DOSE"),
    # HAI
    "k_n": value("KEMENY_1999_PATIENTS"),
    "k_2y": value("KEMENY_1999_2Y_OS_HAI"),
    "k_2y_c": value("KEMENY_1999_2Y_OS_SYSTEMIC"),
    "k_hep": value("KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_HAI"),
    "k_hep_c": value("KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_SYSTEMIC"),
    "ku_os": value("KEMENY_UPDATE_MEDIAN_OS_HAI"),
    "ku_pfs": value("KEMENY_UPDATE_MEDIAN_PFS_HAI"),
    "ku_pfs_c": value("KEMENY_UPDATE_MEDIAN_PFS_SYSTEMIC"),
    "ku_pfs_p": from_note("KEMENY_UPDATE_MEDIAN_PFS_HAI", r"P = \d+(?:\.\d+)?"),
    "ku_os_c": value("KEMENY_UPDATE_MEDIAN_OS_SYSTEMIC"),
    "ku_p": from_note("KEMENY_UPDATE_MEDIAN_OS_HAI", r"P = [\d.]+"),
    "ku_follow": from_note("KEMENY_UPDATE_MEDIAN_OS_HAI", r"median follow-up [\d.]+ years"),
    "ku_10y": value("KEMENY_UPDATE_10Y_OS_HAI"),
    "ku_10y_c": value("KEMENY_UPDATE_10Y_OS_SYSTEMIC"),
    "hai_hr": hr("HAI_PERIOPERATIVE_OS_HR"),
    "hai_hr_ci": ci("HAI_PERIOPERATIVE_OS_HR"),
    "bil_adj": value("HAI_BILIARY_SCLEROSIS_ADJUVANT"),
    "bil_unres": value("HAI_BILIARY_SCLEROSIS_UNRESECTABLE"),
    "bil_range": fact("HAI_HEPATOBILIARY_TOXICITY_REPORTED"),
}

NOTICE = """\
> **For education only.** This lesson is not medical advice and must not be used to diagnose or
> treat patients. The Y-90 planner is a teaching model: it is **not** a treatment-planning tool.
> Real activities are prescribed by a treating team from the patient's own imaging, with the
> device's instructions and current guidelines; the thresholds in this lesson vary by device and
> disease."""

CELLS: list[tuple[str, str]] = [
    ("md", f"""\
# Lesson 08 · Liver-directed therapy through the hepatic artery (TACE, Y-90, HAI)

{NOTICE}

## Overview
Lesson 01 showed that the liver has two blood supplies and that liver metastases are fed mainly
by one of them, the **hepatic artery**. This lesson uses that fact. A catheter or a pump in the
hepatic artery can deliver treatment that reaches the metastases in a higher concentration than
the normal liver around them. Three treatments work this way:

- **chemoembolization (TACE)**: chemotherapy together with particles that block the artery;
- **radioembolization (Y-90, also called SIRT or TARE)**: tiny radioactive spheres that
  irradiate the tumour from inside;
- **hepatic arterial infusion (HAI)**: chemotherapy pumped into the artery.

You will see how each one is done, what the trials in **colorectal liver metastases** showed
(and what they did not), and work through the physics and dose calculation of Y-90 with a small
planner. Unless a sentence says otherwise, every result here is about colorectal liver
metastases: results in primary liver cancer (hepatocellular carcinoma) do not transfer.

## Learning objectives
By the end you should be able to:
1. Explain why treatment given through the hepatic artery concentrates in metastases and gives
   the normal liver a smaller share (not none), and which tumour deposits it misses.
2. Describe conventional and drug-eluting-bead TACE and summarise the small body of evidence for
   it in colorectal liver metastases.
3. Describe Y-90 radioembolization: the microspheres, who is treated, the two-step work-up
   (mapping angiogram, MAA scan, lung shunt), how it kills, and its main risks.
4. Read the trials of Y-90 with chemotherapy (SIRFLOX, the FOXFIRE combined analysis, EPOCH):
   line of therapy, end points, what improved and what did not.
5. Compute the share of dose delivered over time, an activity by three methods, the tumour,
   normal-liver and lung doses, and check them against their limits.
6. Describe the HAI pump, the evidence for it after liver resection, and its main toxicity.

**Before you start:** [lesson 01](01-liver-and-blood-supply.ipynb) (the liver and its dual
blood supply) and [lesson 07](07-thermal-ablation.ipynb) (thermal ablation, the other local
treatment). Sections 4 to 6 use a little algebra; no physics beyond "radioactivity decays" is
assumed. **Time:** about 60 minutes."""),

    # --- 1 · Recap ----------------------------------------------------------------------------
    ("md", f"""\
## 1 · Recap: the dual blood supply
Normal liver gets about **{F["portal"]}** of its blood from the **portal vein** and only about
{F["arterial"]} from the hepatic artery. Established colorectal metastases are the other way
round: when the hepatic artery was blocked, blood flow into them fell to a small fraction of
what it had been, so about **{F["met_arterial"]}** of their supply is arterial.

So anything injected into the hepatic artery goes **preferentially to the tumour**, while the
normal liver, fed mostly by the portal vein, gets a smaller share. That is the whole idea of this
lesson."""),

    ("code", """\
from livermets_edu.lesson import fact_table

fact_table({
    "Normal liver: share of inflow from the portal vein": "PORTAL_VEIN_FLOW_FRACTION",
    "Normal liver: share of inflow from the hepatic artery": "HEPATIC_ARTERY_FLOW_FRACTION",
    "Colorectal metastasis: share of supply from the artery": "METASTASIS_ARTERIAL_SUPPLY_FRACTION",
})"""),

    ("md", """\
The diagram from lesson 01, with the hepatic artery highlighted: its branch runs to the
metastasis, while the portal vein (dashed) feeds the rest of the liver. The diagram simplifies the
artery's origin: the common hepatic artery comes from the **coeliac trunk**, a branch of the
abdominal aorta (the route the catheters take in sections 2 and 3)."""),

    ("code", """\
from livermets_edu.diagrams import dual_blood_supply

dual_blood_supply(highlight="hepatic_artery")"""),

    ("md", f"""\
**A common slip.** A patient-information page calls the hepatic artery "the main source of blood
and nutrients to the liver". It is the main source for the **tumour**; the liver as a whole gets
most of its flow from the portal vein.

**Not every deposit is arterial.** Micrometastases up to {F["micro"]} are fed from the
sinusoids, metastases up to {F["dual"]} have a dual (arterial and portal) supply, and more than
{F["rim"]} of metastases keep a portal supply at their rim. Treatment through the artery
therefore reaches the smallest deposits and the tumour's rim less well: one reason it controls
disease in the liver but does not cure it."""),

    ("code", """\
fact_table({
    "Micrometastases fed from the sinusoids, up to": "MICROMETASTASIS_SINUSOIDAL_MAX_SIZE",
    "Metastases with a dual supply, up to": "SMALL_METASTASIS_DUAL_SUPPLY_MAX_SIZE",
    "Metastases that keep a portal rim, more than": "METASTASES_WITH_PORTAL_RIM_FRACTION",
})"""),

    ("md", """\
### Three ways to use the artery
| | what goes in | what kills the tumour |
|---|---|---|
| **TACE** | chemotherapy and particles that block the artery | ischaemia **and** the drug |
| **Y-90** | radioactive microspheres | **radiation**; the embolic effect is small |
| **HAI** | chemotherapy, pumped continuously | the drug, taken up by the liver on first pass |

(*Ischaemia*: lack of blood.)

Two points in this table are often taught wrongly:
- **Y-90 does not work by starving the tumour.** Some patient pages say it restricts the
  tumour's blood supply. Reviews say the opposite: its effect "is predominantly due to
  radioactivity and not ischemia", the name *radioembolization* is "a misnomer", and it "needs
  blood flow to achieve optimal radiation effects".
- **HAI works because the liver extracts the drug.** The drug used, floxuridine (FUDR), has a
  short half-life and high hepatic (first-pass) extraction and total body clearance, so the liver
  gets a high exposure and the rest of the body a low one. (The often-quoted extraction
  percentage is not taught here: we could not trace it to a source.)

*Sources: Front Oncol 2014 review; Joo et al. 2018; MSKCC chapter; Semin Oncol 2002.*"""),

    # --- 2 · TACE ------------------------------------------------------------------------------
    ("md", """\
## 2 · Chemoembolization (TACE)
*Transarterial chemoembolization* delivers a high dose of chemotherapy **combined with tiny
particles** that block the tumour's blood supply: the tumour is hit by ischaemia and by the drug
at once. It is an image-guided treatment, usually given by interventional radiologists, through
a catheter placed in the artery that feeds the tumour.

In **conventional TACE** the chemotherapy and the blocking particles are given together as a
mixture (the exact mixture varies and is not taught here). The diagram shows it:"""),

    ("code", """\
from livermets_edu.diagrams import chemoembolization

chemoembolization(agent="conventional")"""),

    ("md", """\
In **drug-eluting-bead TACE (DEB-TACE)** the drug is loaded **onto the beads themselves**: the
beads block the tumour's blood flow and deliver the drug to it. With irinotecan-loaded beads it
is called **DEBIRI**, the form most studied in colorectal metastases."""),

    ("code", """\
chemoembolization(agent="drug_eluting_beads")"""),

    ("md", f"""\
### The evidence in colorectal metastases is small
Most TACE research, and the TACE-versus-Y-90 comparisons we found, are in **hepatocellular
carcinoma**; those results must not be borrowed for colorectal metastases. For colorectal
metastases:

- **One randomised trial** (Fiorentini) compared DEBIRI with systemic FOLFIRI chemotherapy in
  {F["fio_n"]}. Median overall survival was {F["fio_os"]} with DEBIRI against {F["fio_os_c"]},
  and progression-free survival {F["fio_pfs"]} against {F["fio_pfs_c"]}. It is one small
  trial, and the abstract we read does not say how many earlier treatments the patients had had,
  so we cannot say which line of therapy the result applies to.
- **A salvage series** (single-arm, no control group) of DEBIRI after at least one failed line of
  chemotherapy found a median survival of {F["salv_os"]}, with post-embolization pain in more than
  half of the patients. It is a different population (after failed chemotherapy) with no
  comparison group, so its survival cannot be set against the trial's.
  Its authors: DEBIRI "could be efficacious in a palliative setting" but the results "do not
  necessarily support routine use in clinical practice".
- **A systematic review** of DEBIRI (mostly observational studies plus that one trial) found
  post-embolization syndrome to be the most common adverse event and asked for more randomised
  trials.

So DEBIRI is an option that has been used, with promising response rates in some series, not a
standard treatment proven to extend survival."""),

    ("code", """\
fact_table({
    "DEBIRI vs FOLFIRI: patients randomised": "FIORENTINI_PATIENTS",
    "Median overall survival, DEBIRI": "FIORENTINI_MEDIAN_OS_DEBIRI",
    "Median overall survival, FOLFIRI": "FIORENTINI_MEDIAN_OS_FOLFIRI",
    "Median progression-free survival, DEBIRI": "FIORENTINI_MEDIAN_PFS_DEBIRI",
    "Median progression-free survival, FOLFIRI": "FIORENTINI_MEDIAN_PFS_FOLFIRI",
    "Salvage DEBIRI: median overall survival": "DEBIRI_SALVAGE_MEDIAN_OS",
    "Salvage DEBIRI: right-upper-quadrant pain afterwards": "DEBIRI_SALVAGE_RUQ_PAIN_FRACTION",
})"""),

    ("md", """\
How often post-embolization syndrome (pain, nausea, fever after the procedure) follows TACE for
colorectal metastases is **not taught here**: we found no sourced rate for it.

*Sources: Sofocleous et al., Embolization Therapy ch. 41; Fiorentini et al.; the salvage series
PMC4357048; Richardson, Laurence & Lam (systematic review).*"""),

    # --- 3 · Y-90 ------------------------------------------------------------------------------
    ("md", """\
## 3 · Y-90 radioembolization
In radioembolization a catheter is passed into the hepatic artery (or one of its branches) and
**microspheres containing yttrium-90 (Y-90)** are injected. The blood carries them into the
tumour's small vessels, where they lodge and irradiate the tissue around them for days. It is
also called *selective internal radiation therapy* (SIRT) or *transarterial radioembolization*
(TARE).

The catheter can enter through the artery in the **groin** (femoral) or the **wrist** (radial),
and the spheres can be given to a whole **lobe** (lobar) or to a single **segment** (segmental).
How these choices compare is not taught here. The first diagram shows a femoral approach and a
lobar injection of glass microspheres, with no lung shunt:"""),

    ("code", """\
from livermets_edu.diagrams import radioembolization

radioembolization(access="femoral", delivery="lobar", lung_shunt_fraction=0.0, device="glass")"""),

    ("md", """\
The second shows a radial approach and a segmental injection, in a patient whose tumour lets
some spheres pass through the liver to the **lungs** (a *lung shunt*): the work-up below measures
this before treatment."""),

    ("code", """\
radioembolization(access="radial", delivery="segmental", lung_shunt_fraction=0.12)"""),

    ("md", """\
### Glass and resin microspheres
Two kinds of Y-90 microsphere are used. They differ in size range and, above all, in how much
activity each sphere carries, so the same activity means very different numbers of spheres. The
treatments are planned differently too (section 4)."""),

    ("code", """\
fact_table({
    "Glass: diameter": "MICROSPHERE_DIAMETER_GLASS",
    "Resin: diameter": "MICROSPHERE_DIAMETER_RESIN",
    "Glass: activity per sphere": "MICROSPHERE_ACTIVITY_GLASS",
    "Resin: activity per sphere": "MICROSPHERE_ACTIVITY_RESIN",
    "Glass: spheres per 3 GBq": "MICROSPHERES_PER_3_GBQ_GLASS",
    "Resin: spheres per 3 GBq": "MICROSPHERES_PER_3_GBQ_RESIN",
    "Glass: specific gravity": "MICROSPHERE_SPECIFIC_GRAVITY_GLASS",
    "Resin: specific gravity": "MICROSPHERE_SPECIFIC_GRAVITY_RESIN",
})"""),

    ("code", """\
from livermets_edu import facts

ratio = facts.MICROSPHERE_ACTIVITY_GLASS.value / facts.MICROSPHERE_ACTIVITY_RESIN.value
print(f"A glass sphere carries about {ratio:.0f} times the activity of a resin sphere.")"""),

    ("md", """\
### Who is treated
The trials enrolled patients with colorectal metastases **confined to the liver or mainly in the
liver**, that could **not be treated with curative surgery or ablation**, and who were in good
general condition (good performance status). In practice radioembolization is used mainly in a
**palliative** setting, most often as **salvage** when chemotherapy has stopped working; its role
earlier in treatment has been tested in the trials below. Which treatment a patient gets is a
decision for the multidisciplinary team (lesson 04).

*Sources: SIRFLOX protocol (BMC Cancer 2014); Wasan 2017; Braat et al., J Nucl Med 2015; Kwan &
Pua, Cancers 2021.*"""),

    ("md", f"""\
### The work-up: map first, treat later
Radioembolization is done in **two steps**. First a **planning (mapping) angiogram**: contrast
is injected into the hepatic arteries to

1. show the arteries of the liver and tumour, needed for the dose calculation;
2. find vessels that would carry spheres to the **stomach, bowel or gallbladder**, and if needed
   block them with coils;
3. inject **technetium-99m macroaggregated albumin (Tc-99m MAA)**, radioactive particles, and
   image where they go.

The MAA scan stands in for the spheres: it shows **extrahepatic deposits** and measures the
**lung shunt fraction (LSF)**, the share of the particles that reaches the lungs. It is a
surrogate, not a measurement of the dose: MAA particles differ from microspheres in shape and
density, and the lung shunt is often overestimated. Treatment follows, typically {F["interval"]}
later.

Blocking gut vessels with coils as a **routine**, to prevent harm, is **not proven** to prevent
complications: a systematic review of non-randomised studies found no difference in
gastrointestinal complications with or without it, and advises blocking only arteries that arise
beyond or close to the injection point. Extrahepatic MAA was seen in {F["maa_extra"]} of patients
(primary and secondary liver cancers) in one centre despite coiling; a repeat angiogram removed it
in most.

*Sources: Thieme 2015 planning review; PMC9793490; Borggreve et al., CVIR 2016.*"""),

    ("code", """\
fact_table({
    "From the mapping angiogram to treatment": "Y90_PLANNING_TO_TREATMENT_INTERVAL",
    "Extrahepatic MAA despite initial coiling (one centre)": "MAA_EXTRAHEPATIC_DEPOSITION_FRACTION",
})"""),

    ("md", f"""\
### Risks: each follows where the spheres go
Radioembolization does **not** spare the rest of the body completely, whatever some patient pages
say. The main risks:

- **Post-radioembolization syndrome** (fatigue, nausea, vomiting, loss of appetite, fever,
  abdominal pain): common, usually mild and gone {F["prs_time"]}. Sources disagree on how
  common: up to {F["prs"]} in one, {F["prs_range"]} in a review table.
- **Radioembolization-induced liver disease (REILD)**: jaundice and new or worse ascites
  {F["reild_time"]} after treatment, without tumour progression or a blocked bile duct.
  Uncommon ({F["reild"]}) but serious, and series differ: one series of patients who had had
  chemotherapy reported far more (see the table's note). Risk factors include earlier liver
  treatment or chemotherapy, a high dose, treating the whole liver in one session, chemotherapy
  soon after, a small liver and raised baseline bilirubin.
- **Ulcers of the stomach or bowel** from spheres that reach the gut (under {F["ulcer"]}).
- **Radiation cholecystitis** from spheres in the gallbladder's artery (under {F["chole"]}).
- **Radiation pneumonitis** from the lung shunt (under {F["pneum"]} when the lung dose is kept
  within its limits, section 4).

REILD is not the same as radiation-induced liver disease after **external-beam** radiotherapy,
whose risk rises above {F["ebrt"]} to the liver. Doses of more than {F["re_safe"]} have been given
safely by radioembolization, so the two sets of doses must not be compared directly. That figure
is not a dose normal liver can take: the dose is concentrated in the tumour, and section 4 gives
the much lower line planners keep the **normal** liver below."""),

    ("code", """\
fact_table({
    "Post-radioembolization syndrome": "POST_RADIOEMBOLIZATION_SYNDROME_INCIDENCE",
    "Radioembolization-induced liver disease": "REILD_INCIDENCE",
    "Gastrointestinal ulcer, under": "RADIOEMBOLIZATION_GI_ULCER_INCIDENCE_MAX",
    "Radiation cholecystitis, under": "RADIATION_CHOLECYSTITIS_INCIDENCE_MAX",
    "Radiation pneumonitis, under": "RADIATION_PNEUMONITIS_INCIDENCE_MAX",
    "External-beam liver dose above which liver disease is likely": "EBRT_RILD_DOSE_THRESHOLD",
    "Given safely by radioembolization, over": "RADIOEMBOLIZATION_SAFE_LIVER_DOSE_REPORTED",
})"""),

    ("md", f"""\
### Y-90 with chemotherapy: what the trials showed
Randomised trials added Y-90 to chemotherapy. Read each result for **which line of therapy**,
**which microspheres** and **which end point**. The combined analysis pooled SIRFLOX with two
other trials (FOXFIRE and FOXFIRE-Global), so it includes SIRFLOX's patients: it is not an
independent confirmation of SIRFLOX.

| study | line | spheres | patients | primary end point | result |
|---|---|---|---|---|---|
| SIRFLOX | first | resin | {F["sf_n"]} | PFS (anywhere) | **not improved** |
| FOXFIRE, SIRFLOX, FOXFIRE-Global combined | first | resin | {F["ff_n"]} | OS | **not improved** |
| EPOCH | second | glass | {F["ep_n"]} | PFS and hepatic PFS | **both improved** |

(PFS: progression-free survival; OS: overall survival.)

**First line (SIRFLOX).** Progression-free survival anywhere, the primary end point, was
{F["sf_pfs_c"]} with chemotherapy alone and {F["sf_pfs"]} with Y-90: hazard ratio (HR)
{F["sf_hr"]}, 95% confidence interval {F["sf_hr_ci"]} ({F["sf_primary"]}). The interval
includes 1, so **no difference was shown**. Progression **in the liver** was delayed: median
{F["sf_lpfs_c"]} against {F["sf_lpfs"]}, HR {F["sf_lhr"]} ({F["sf_lhr_ci"]}). That was a
secondary end point.

**First line, combined analysis.** Pooling FOXFIRE, SIRFLOX and FOXFIRE-Global gave no
overall-survival benefit: HR {F["ff_os_hr"]} ({F["ff_os_ci"]}); progression-free survival was not
significantly better either, HR {F["ff_pfs_hr"]} ({F["ff_pfs_ci"]}). Liver progression was
reduced, HR {F["ff_liver_hr"]} ({F["ff_liver_ci"]}), but fewer liver progressions **did not make
patients live longer**.

**Second line (EPOCH).** In patients whose metastases progressed on first-line chemotherapy,
adding Y-90 to second-line chemotherapy lengthened progression-free survival (median
{F["ep_pfs"]} against {F["ep_pfs_c"]}; HR {F["ep_hr"]}, {F["ep_hr_ci"]}) and hepatic
progression-free survival (HR {F["ep_hhr"]}, {F["ep_hhr_ci"]}). An improvement in overall survival
was not shown, grade 3 or worse adverse events were more frequent with Y-90 (a secondary
source), and the authors ask for further analyses to find which patients benefit. One trial does
not make it standard care.

**Watch the two {F["ep_hr"]}s.** SIRFLOX's HR of {F["sf_lhr"]} is for **liver** progression, a
secondary end point, **first line**, resin. EPOCH's HR of {F["ep_hr"]} is for progression
**anywhere**, a primary end point, **second line**, glass. Same number, different questions."""),

    ("code", """\
fact_table({
    "SIRFLOX: PFS hazard ratio (first line)": "SIRFLOX_PFS_HR",
    "SIRFLOX: liver PFS hazard ratio (first line)": "SIRFLOX_LIVER_PFS_HR",
    "SIRFLOX: grade ≥3 adverse events, chemotherapy alone": "SIRFLOX_GRADE_3_AE_CONTROL",
    "SIRFLOX: grade ≥3 adverse events, with Y-90": "SIRFLOX_GRADE_3_AE_SIRT",
    "Combined analysis: overall-survival hazard ratio": "FOXFIRE_COMBINED_OS_HR",
    "Combined analysis: median OS with Y-90": "FOXFIRE_COMBINED_MEDIAN_OS_SIRT",
    "Combined analysis: median OS, chemotherapy alone": "FOXFIRE_COMBINED_MEDIAN_OS_CONTROL",
    "Combined analysis: liver-progression hazard ratio": "FOXFIRE_COMBINED_LIVER_PROGRESSION_HR",
    "EPOCH: PFS hazard ratio (second line)": "EPOCH_PFS_HR",
    "EPOCH: hepatic PFS hazard ratio (second line)": "EPOCH_HEPATIC_PFS_HR",
    "EPOCH: grade ≥3 adverse events with Y-90": "EPOCH_GRADE_3_AE_TARE",
    "EPOCH: grade ≥3 adverse events, chemotherapy alone": "EPOCH_GRADE_3_AE_CONTROL",
})"""),

    ("md", """\
Some figures are marked *to verify*: they were seen only in a secondary source. The table's
notes give each confidence interval. In SIRFLOX, how much longer the liver stayed free of
progression, in months:"""),

    ("code", """\
gain = facts.SIRFLOX_MEDIAN_LIVER_PFS_SIRT.value - facts.SIRFLOX_MEDIAN_LIVER_PFS_CONTROL.value
print(f"Median liver PFS: {facts.SIRFLOX_MEDIAN_LIVER_PFS_CONTROL.text} → "
      f"{facts.SIRFLOX_MEDIAN_LIVER_PFS_SIRT.text}: {gain:.1f} months more, in the liver only")"""),

    ("md", f"""\
So a fair summary: adding Y-90 to chemotherapy **controls disease in the liver for longer**; in
first-line treatment it did **not** lengthen survival, and in second line it lengthened
progression-free survival without a shown survival gain.

**Can chemotherapy continue around Y-90?** An expert consensus on **safety** (not a trial of
benefit) says systemic therapies "do not necessarily have to be stopped". It advises stopping
VEGF inhibitors (such as bevacizumab) {F["vegf"]} before and restarting after recovery, and says
it "may also be prudent" to stop strong radiosensitisers such as gemcitabine {F["gem_before"]}
before and restart at least {F["gem_after"]} after. Phase III data suggest blood-count toxicity is
more common with the combination, but there is "no evidence" that chemotherapy increases the liver
or gut toxicity of Y-90. This is expert opinion on safety, not a schedule to follow.

Results from hepatocellular carcinoma, and a company-reported subgroup analysis by the side of
the primary tumour, are not taught here.

*Sources: van Hazel 2016; Wasan 2017 and its ASCO abstract; Mulcahy 2021; Kennedy 2017.*"""),

    ("code", """\
fact_table({
    "Stop VEGF inhibitors before Y-90": "SIRT_STOP_VEGF_INHIBITOR_WEEKS_BEFORE",
    "Stop gemcitabine before Y-90 (may be prudent)": "SIRT_STOP_GEMCITABINE_WEEKS_BEFORE",
    "Restart gemcitabine after Y-90, at least": "SIRT_RESTART_GEMCITABINE_WEEKS_AFTER",
})"""),

    # --- 4 · Physics -----------------------------------------------------------------------------
    ("md", f"""\
## 4 · Y-90 physics and dosimetry
Y-90 is a pure **beta emitter**: it decays to stable zirconium-90 and gives off electrons, with a
half-life of **{F["half_life"]}**. The electrons travel on average only {F["mean_range"]} in tissue
(at most about {F["max_range"]}), so the dose stays close to where the spheres lodge."""),

    ("code", """\
fact_table({
    "Half-life": "Y90_HALF_LIFE",
    "Mean beta energy": "Y90_MEAN_BETA_ENERGY",
    "Maximum beta energy": "Y90_MAX_BETA_ENERGY",
    "Mean range in tissue": "Y90_MEAN_TISSUE_PENETRATION",
    "Maximum range in tissue": "Y90_MAX_TISSUE_PENETRATION",
})"""),

    ("md", """\
### The dose is delivered as Y-90 decays
The spheres stay where they lodge, so the dose builds up as the Y-90 decays. The share of the
total dose delivered by time $t$ is

$$f(t) = 1 - 2^{-t/T_{1/2}} .$$

`livermets_edu.models.dosimetry` computes it:"""),

    ("code", """\
from livermets_edu.models.dosimetry import fraction_of_dose_delivered

for days in (1, 3, 7, 11, 14):
    print(f"Day {days:>2}: {fraction_of_dose_delivered(days * 24):5.1%} of the dose delivered")"""),

    ("md", f"""\
Half the dose is given within the first half-life, 90% after about {F["days_90"]}, and by day
11 it is {F["day_11"]}. Radioembolization is a treatment given over **days to weeks**, not at
the moment of injection."""),

    ("md", f"""\
### Energy per GBq: 50 or 49.67?
Every dose formula below starts from one number $k$: the energy that **1 GBq of Y-90 deposits
as it decays completely**, in joules (J/GBq, the same as Gy·kg/GBq). From first principles it is
the number of decays times the mean beta energy, assuming all of that energy is absorbed in the
tissue around the spheres:

$$k = \\frac{{10^9\\,T_{{1/2}}}}{{\\ln 2}}\\,\\bar E_\\beta .$$

The TheraSphere label uses **{F["k_label"]}**; the EANM guideline and most software use
**{F["k_eanm"]}**. The first-principles value depends on which mean beta energy is quoted:"""),

    ("code", """\
from livermets_edu.models.dosimetry import dose_coefficient_from_decay

print(f"TheraSphere label: {facts.Y90_DOSE_COEFFICIENT_LABEL.text}; "
      f"EANM and most software: {facts.Y90_DOSE_COEFFICIENT_EANM.text}")
energy = facts.Y90_MEAN_BETA_ENERGY
for mev in (energy.low, energy.high):
    joules = dose_coefficient_from_decay(mean_beta_energy_mev=mev)
    print(f"Mean beta energy {mev} MeV: {joules:.2f} J/GBq")"""),

    ("md", f"""\
The two conventions differ by less than 1%: not a clinical difference, but a planner must say
which one it uses, and two programs only agree when they use the same $k$. The first-principles
value with the label's own beta energy, {F["k_decay"]}, lies between them. The planner in this
lesson uses {F["k_eanm"]} unless you change it.

### Three ways to choose the activity
**1. Single compartment (MIRD), used for glass microspheres.** The whole perfused liver (all the
liver the catheter feeds, tumour included) is treated as **one mass** $M$ that receives one mean
dose $D$:

$$D = \\frac{{k\\,A\\,(1-\\mathrm{{LSF}})}}{{M}}, \\qquad
  A = \\frac{{D\\,M}}{{k\\,(1-\\mathrm{{LSF}})}}$$

with $A$ the activity in GBq, LSF the lung shunt fraction and $M$ in kg (volume × {F["density"]};
some software uses {F["density_alt"]}). It ignores how the spheres split between tumour and normal
liver: the tumour's uptake does not appear in the formula.
EANM recommends {F["glass_dose"]} to the perfused liver for colorectal metastases in unilobar or
bilobar treatment (radiation lobectomy and segmentectomy aim higher); the planner starts at the
middle, {F["glass_dose_mid"]}.

**2. Body surface area (BSA), used for resin microspheres.** The activity follows the patient's
size and how much of the liver is tumour:

$$A_{{\\text{{GBq}}}} = (\\mathrm{{BSA}} - {F["bsa_offset"]}) + \\frac{{V_T}}{{V_T + V_N}},
\\qquad \\mathrm{{BSA}} = {F["dubois_c"]}\\,H^{{{F["dubois_h"]}}}\\,W^{{{F["dubois_w"]}}}$$

(BSA in m² by DuBois, with height $H$ in metres and weight $W$ in kg; $V_T$ and $V_N$ the tumour
and normal-liver volumes; this form is for treating the whole liver). The BSA method is
**empirical**: it calculates no absorbed dose. Body size stands in for liver size, and it uses
the tumour's share of the volume but not how well the tumour takes up the spheres (T/N), so the
same activity can give quite different doses in a small and a large liver.

A large lung shunt cuts the resin activity: by {F["cut_1"]} when LSF is above {F["lsf_1"]}, by
{F["cut_2"]} above {F["lsf_2"]}, and **no treatment** above {F["lsf_stop"]}. Practice varies:
Sangro proposes withholding treatment from {F["sangro"]}.

**3. The partition model, for either.** The activity reaching the liver splits between tumour
(mass $M_T$) and normal liver (mass $M_N$) by the **tumour-to-normal ratio** T/N:

$$D_N = \\frac{{k\\,A\\,(1-\\mathrm{{LSF}})}}{{(T/N)\\,M_T + M_N}}, \\qquad D_T = (T/N)\\,D_N .$$

**Careful with T/N.** Here T/N is a ratio of activity **concentrations** (activity per gram in
tumour over activity per gram in normal liver), read from the MAA scan. Kao's **R**, used in some
papers, is a ratio of **total** activities. They are different numbers; do not put one into the
other's formula."""),

    ("code", """\
fact_table({
    "Liver density used for dosimetry": "Y90_DOSIMETRY_LIVER_DENSITY",
    "Glass, colorectal: dose to the perfused liver": "Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC",
    "Glass, colorectal: keep normal liver below": "Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT",
    "Glass, colorectal: aim for a tumour dose of at least": "Y90_GLASS_TUMOUR_DOSE_MCRC",
    "BSA method offset": "Y90_RESIN_BSA_METHOD_OFFSET",
    "Resin: cut the activity when LSF is above": "Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD",
    "... a cut of": "Y90_RESIN_LSF_FIRST_ACTIVITY_REDUCTION",
    "Resin: cut it more when LSF is above": "Y90_RESIN_LSF_SECOND_REDUCTION_THRESHOLD",
    "... a total cut of": "Y90_RESIN_LSF_SECOND_ACTIVITY_REDUCTION",
    "Resin: no treatment when LSF is above": "Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD",
})"""),

    ("md", f"""\
The EANM doses come with a caveat: the normal-liver limit comes mostly from patients with
cirrhosis and hepatocellular carcinoma, and is considered safe for other tumours; the level of
evidence for colorectal metastases is modest (see the notes).

### Why the partition model matters
Put the same activity into the same liver and compare what each model says. Take the liver of
section 6 ({F["liver_ml"]} perfused, {F["tumour_ml"]} of it tumour), give it the activity that
section 6 computes ({F["case_glass"]}), and vary T/N:"""),

    ("code", """\
from livermets_edu import derived
from livermets_edu.models.dosimetry import liver_mass_kg, partition_doses

case = derived.Y90_CASE
tumour_kg = liver_mass_kg(case["tumour_volume_ml"])
normal_kg = liver_mass_kg(case["liver_volume_ml"] - case["tumour_volume_ml"])"""),

    ("code", """\
activity = derived.value("Y90_CASE_GLASS_ACTIVITY")
for ratio in (0.5, 1, 2, 3, 5):
    d = partition_doses(activity, ratio, tumour_kg, normal_kg, case["lung_shunt"])
    print(f"T/N {ratio:>3}: single compartment {d.perfused_liver_gy:.0f} Gy to all; "
          f"partition: tumour {d.tumour_gy:3.0f} Gy, normal liver {d.normal_liver_gy:3.0f} Gy")"""),

    ("md", """\
The single-compartment dose is the same whatever T/N is: it is the **mean** over the perfused
liver. The partition model splits it. When T/N is above 1 the tumour takes more than its share,
so **normal liver gets less than the single-compartment mean**; at T/N = 1 the two agree; below
1 normal liver gets more. That is why the partition model can give more activity safely when
the tumour takes up the spheres well, and why a low T/N is a warning sign."""),

    ("md", f"""\
### The lungs
Spheres that shunt to the lungs irradiate them. With the lung's mass taken as {F["lung_mass"]}:

$$D_L = \\frac{{k\\,A\\,\\mathrm{{LSF}}}}{{M_{{\\text{{lung}}}}}}$$

The lung dose should stay at or below **{F["lung_session"]} per session** and **{F["lung_total"]}
in total** over all sessions. These limits are widely used, but radiation pneumonitis is so rare
that an agreed threshold is hard to establish, and the lung dose is itself an estimate: it rests
on the MAA lung shunt (often overestimated) and an assumed lung mass. For glass microspheres the
label also limits the activity reaching the lungs to {F["glass_lung_gbq"]}."""),

    ("code", """\
from livermets_edu.models.dosimetry import lung_dose_gy

for activity, shunt in ((2.0, 0.10), (8.0, 0.08)):
    lung = lung_dose_gy(activity, shunt)
    print(f"{activity:g} GBq with a {shunt:.0%} lung shunt: lung dose {lung:.1f} Gy")"""),

    ("code", """\
fact_table({
    "Lung mass assumed": "Y90_ASSUMED_LUNG_MASS",
    "Lung dose limit per session": "LUNG_DOSE_LIMIT_PER_SESSION",
    "Lung dose limit, all sessions": "LUNG_DOSE_LIMIT_CUMULATIVE",
    "Glass: most activity allowed to reach the lungs": "Y90_GLASS_LUNG_ACTIVITY_LIMIT",
    "Lung shunt at which Sangro proposes withholding": "Y90_LSF_WITHHOLD_THRESHOLD_SANGRO",
})"""),

    # --- 5 · Planner ---------------------------------------------------------------------------
    ("md", f"""\
## 5 · Try it: the Y-90 planner
The planner takes a patient, an MAA scan (lung shunt and T/N) and a device, prescribes an
activity by the method you choose, and shows the tumour, normal-liver and lung doses against their
limits, with the source of each limit. Not every line is a guideline: for glass, the tumour and
normal-liver lines are EANM's; the T/N warning, and the resin tumour and normal-liver lines, are
**defaults of the open-source Taranis software**, not guidelines. It starts with the case of
section 6 and glass microspheres at {F["glass_dose_mid"]}, the middle of the EANM range (a
teaching default, not a prescription). Some experiments:

1. **Lung shunt.** Raise the lung shunt step by step. When does the lung dose pass
   {F["lung_session"]}? When does the glass label's {F["glass_lung_gbq"]} limit stop the plan?
   When does Sangro's {F["sangro"]} warning appear?
2. **Glass → resin.** Switch to resin: the method becomes BSA. How does the activity compare with
   glass? Now set the lung shunt to {F["cut_shunt"]}: what happens to the activity, and why?
3. **T/N down to 1.** With glass, lower T/N to 1. Where do the tumour and normal-liver doses
   end up? Which warning appears below {F["tn_warning"]} (a Taranis default, not a guideline)?
4. **An earlier treatment.** Set the earlier lung dose to {F["earlier_lung"]} (a patient treated
   before). Which limit now stops the plan?"""),

    ("code", f"""\
{WIDGET_MARKER}
from livermets_edu.widgets import y90_planner

y90_planner()"""),

    ("md", """\
Experiment 1 without the widget (for a printed copy), using the model directly:"""),

    ("code", f"""\
from livermets_edu.models.dosimetry import PlanInputs, plan_y90

for shunt in {SHUNTS}:
    plan = plan_y90(PlanInputs(**(case | {{"lung_shunt": shunt}})))
    stops = [c.name for c in plan.crossed if c.severity.value == "stop"]
    verdict = "treatable" if plan.treatable else "stopped by " + ", ".join(stops)
    print(f"LSF {{shunt:.0%}}: {{plan.activity_gbq:.2f}} GBq, "
          f"lung {{plan.doses.lung_gy:4.1f}} Gy, {{verdict}}")"""),

    ("md", f"""\
Notice that the single-compartment activity **rises** with the lung shunt (the formula
compensates for the spheres lost to the lungs), so the lung dose climbs faster than the shunt
itself: between a {F["shunt_ok"]} and a {F["shunt_stop"]} shunt this plan goes from treatable to
stopped."""),

    # --- 6 · Worked case -----------------------------------------------------------------------
    ("md", f"""\
## 6 · A worked case
A patient {F["height"]} tall weighing {F["weight"]} is to have the **whole liver** treated. The
perfused liver is {F["liver_ml"]}, of which {F["tumour_ml"]} is tumour. The MAA scan shows a lung
shunt of {F["case_lsf"]} and a tumour-to-normal ratio of {F["case_tn"]}. Step by step:

**Step 1: body surface area** (DuBois), needed for the resin method."""),

    ("code", """\
from livermets_edu.models.dosimetry import bsa_dubois

bsa = bsa_dubois(case["height_cm"], case["weight_kg"])
print(f"BSA: {bsa:.2f} m²")"""),

    ("md", """\
**Step 2: resin, BSA method.** BSA minus the offset, plus the tumour's share of the liver:"""),

    ("code", """\
from livermets_edu.models.dosimetry import bsa_activity_gbq

normal_ml = case["liver_volume_ml"] - case["tumour_volume_ml"]
resin = bsa_activity_gbq(bsa, case["tumour_volume_ml"], normal_ml)
print(f"Resin activity: {resin:.2f} GBq (no cut: the lung shunt is {case['lung_shunt']:.0%})")"""),

    ("md", f"""\
That lies inside the range of activities given by the BSA method in practice
({F["bsa_practice"]}). With a lung shunt of {F["cut_shunt"]} instead, the activity would be cut by
{F["cut_1"]}, from {F["case_resin"]} to {F["case_resin_cut"]}.

**Step 3: glass, single compartment** at the planner's default dose to the perfused liver:"""),

    ("code", """\
from livermets_edu.models.dosimetry import single_compartment_activity_gbq

liver_kg = liver_mass_kg(case["liver_volume_ml"])
target = facts.Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC.value
glass = single_compartment_activity_gbq(target, liver_kg, case["lung_shunt"],
                                        dose_coefficient=facts.Y90_DOSE_COEFFICIENT_EANM.value)
print(f"Liver mass {liver_kg:.2f} kg; glass activity for {target:g} Gy: {glass:.2f} GBq")"""),

    ("md", """\
**Step 4: what that activity really gives**, by the partition model, and the lung dose. The
planner (`plan_y90`) does steps 1 to 4 in one call:"""),

    ("code", """\
plan = plan_y90(PlanInputs(**case))
doses = plan.doses
print(f"Activity {plan.activity_gbq:.2f} GBq")
print(f"Tumour {doses.tumour_gy:.0f} Gy, normal liver {doses.normal_liver_gy:.0f} Gy, "
      f"whole perfused liver {doses.perfused_liver_gy:.0f} Gy, lungs {doses.lung_gy:.1f} Gy")"""),

    ("md", """\
**Step 5: read the checks.** `plan.crossed` lists every limit the plan crosses, stops first:"""),

    ("code", """\
for check in plan.crossed:
    print(f"{check.severity.value}: {check.message}")"""),

    ("md", f"""\
The lungs are well within their limit and the tumour gets {F["case_glass_tumour"]}, above the
{F["tumour_aim"]} aimed for. But **normal liver is above the EANM line of {F["normal_limit"]}**.
Why, when the plan used a dose inside the EANM range?

Because the single-compartment method only sets the **mean** dose over the whole perfused liver;
it does not see how the spheres split between tumour and normal liver. Here the tumour is a small
part of the perfused liver, so even though it takes {F["case_tn"]} times the concentration, the
normal liver still gets most of the mean. In whole-liver treatment, normal liver is most of what
is treated (and treating the whole liver in one session is itself a risk factor for REILD,
section 3).

**The partition model plans for it.** Let the normal-liver line cap the activity instead, and let
T/N decide the tumour dose. (Here the planner goes right up to the line to show the idea; the
guideline gives it as an upper bound, not a target.)"""),

    ("code", """\
partition = plan_y90(PlanInputs(**(case | {"method": "partition"})))
doses = partition.doses
print(f"Activity {partition.activity_gbq:.2f} GBq: tumour {doses.tumour_gy:.0f} Gy, "
      f"normal liver {doses.normal_liver_gy:.0f} Gy, lungs {doses.lung_gy:.1f} Gy")
print(f"Checks crossed: {[check.name for check in partition.crossed] or 'none'}")"""),

    ("md", f"""\
Less activity ({F["case_partition"]} instead of {F["case_glass"]}), normal liver at its limit, and
the tumour still at {F["case_partition_tumour"]}. The recommended single-compartment dose is
also a **range** ({F["glass_dose"]}): at its low end normal liver would stay under the line."""),

    ("code", """\
dose = facts.Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC
for target in (dose.low, dose.value, dose.high):
    doses = plan_y90(PlanInputs(**(case | {"target_dose_gy": target}))).doses
    print(f"{target:g} Gy to the perfused liver: normal liver {doses.normal_liver_gy:.0f} Gy, "
          f"tumour {doses.tumour_gy:.0f} Gy")"""),

    ("md", """\
What this case cannot tell you: every number rests on the MAA scan (a surrogate for the spheres),
on mean doses (the model ignores the electrons' range and how unevenly spheres lodge) and on
thresholds that vary by device and disease. It shows **why** planners look at the partition
doses, not what to give a patient.

*Sources: van Roekel thesis (formulas, lung limits, resin cuts); EANM 2022 (glass doses);
Grosser 2015 (BSA activities in practice); the TheraSphere label (lung activity limit).*"""),

    # --- 7 · HAI --------------------------------------------------------------------------------
    ("md", """\
## 7 · Hepatic arterial infusion (HAI) pump
A **pump about the size of a hockey puck** is placed by a surgeon inside the abdominal wall, as a
reservoir under the skin of the lower abdomen. Its catheter is most commonly placed in the
**gastroduodenal artery**, a branch of the common hepatic artery, with its tip where the two
meet, so the drug flows on up the proper hepatic artery into the liver. The pump delivers
chemotherapy continuously: **floxuridine (FUDR)**, given with **dexamethasone** in the trial below.

HAI has been used **after resection** of colorectal metastases (adjuvant), and as a
liver-directed option for metastases that could not be removed. The randomised evidence below is
for the first of these only.

*Sources: MSKCC chapters; Roswell Park; Memorial Sloan Kettering.*"""),

    ("code", """\
from livermets_edu.diagrams import hai_pump

hai_pump()"""),

    ("md", f"""\
### The evidence: after resection
**Kemeny 1999** randomised {F["k_n"]} after resection of colorectal liver metastases to HAI
floxuridine plus systemic chemotherapy, or systemic chemotherapy alone. The systemic
chemotherapy in both arms was fluorouracil with or without leucovorin, not the combinations
(such as FOLFOX) used today. At 2 years, overall survival was {F["k_2y"]} against {F["k_2y_c"]},
and survival free of recurrence **in the liver** {F["k_hep"]} against {F["k_hep_c"]}.

The **long-term update** ({F["ku_follow"]}) is more sobering. Progression-free survival stayed
longer ({F["ku_pfs"]} against {F["ku_pfs_c"]}, {F["ku_pfs_p"]}), but median overall survival was
{F["ku_os"]} against {F["ku_os_c"]}, a difference that was **not significant** ({F["ku_p"]});
10-year survival was {F["ku_10y"]} against {F["ku_10y_c"]}. A large **retrospective** series from
one centre found a lower risk of death with HAI (adjusted HR {F["hai_hr"]}, {F["hai_hr_ci"]}), but
without randomisation the patients who got HAI may have differed from those who did not.

So HAI **may improve survival** after resection, and it improved control in the liver; an
overall-survival benefit is not proven. Note the setting: the trial was **adjuvant, after
resection**, not in unresectable disease."""),

    ("code", """\
fact_table({
    "Kemeny 1999: patients (after resection)": "KEMENY_1999_PATIENTS",
    "2-year overall survival, HAI + systemic": "KEMENY_1999_2Y_OS_HAI",
    "2-year overall survival, systemic alone": "KEMENY_1999_2Y_OS_SYSTEMIC",
    "Median survival, HAI + systemic (1999)": "KEMENY_1999_MEDIAN_OS_HAI",
    "Median survival, systemic alone (1999)": "KEMENY_1999_MEDIAN_OS_SYSTEMIC",
    "2-year free of liver recurrence, HAI + systemic": "KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_HAI",
    "... systemic alone": "KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_SYSTEMIC",
    "Long-term: median OS, HAI + systemic": "KEMENY_UPDATE_MEDIAN_OS_HAI",
    "Long-term: median OS, systemic alone": "KEMENY_UPDATE_MEDIAN_OS_SYSTEMIC",
    "Long-term: median PFS, HAI + systemic": "KEMENY_UPDATE_MEDIAN_PFS_HAI",
    "Long-term: median PFS, systemic alone": "KEMENY_UPDATE_MEDIAN_PFS_SYSTEMIC",
    "Retrospective series: hazard ratio for death with HAI": "HAI_PERIOPERATIVE_OS_HR",
})"""),

    ("md", f"""\
### The main toxicity: the bile ducts
HAI does not simply have "fewer side effects" than systemic chemotherapy: it **trades**
whole-body toxicity for toxicity in the liver. **Biliary sclerosis** (scarring and narrowing of
the bile ducts), not chemical hepatitis, is the predominant toxicity of intra-arterial
floxuridine; in an early series every patient had a rise in alkaline phosphatase, a liver test.
How often it is serious depends on how it is defined: in
one large centre, a narrowing that needed a stent occurred in {F["bil_adj"]} of patients treated
after resection and {F["bil_unres"]} of those with unresectable disease; damage resembling
sclerosing cholangitis is cited in {F["bil_range"]}. Gastrointestinal ulcers also occur.

*Sources: J Clin Oncol 1985; the MSKCC series (Ann Surg Oncol 2012); Aldrighetti et al.; MSKCC
chapter.*"""),

    ("code", """\
fact_table({
    "Biliary narrowing needing a stent, after resection": "HAI_BILIARY_SCLEROSIS_ADJUVANT",
    "Biliary narrowing needing a stent, unresectable": "HAI_BILIARY_SCLEROSIS_UNRESECTABLE",
    "Sclerosing-cholangitis-like damage, reported": "HAI_HEPATOBILIARY_TOXICITY_REPORTED",
})"""),

    # --- 8 · Quiz ------------------------------------------------------------------------------
    *quiz_cells(BANK, 8),

    # --- Summary -------------------------------------------------------------------------------
    ("md", f"""\
## Summary
- Metastases are fed mainly by the **hepatic artery** (about {F["met_arterial"]}), normal liver
  mainly by the **portal vein** (about {F["portal"]}): treatment through the artery concentrates
  in the tumour. The smallest deposits and tumour rims escape it.
- **TACE** combines chemotherapy with blocking particles; **DEBIRI** loads irinotecan onto beads.
  In colorectal metastases the evidence is one small randomised trial and case series; results
  from hepatocellular carcinoma do not transfer.
- **Y-90 radioembolization** kills by **radiation**, not by starving the tumour. It needs a
  mapping angiogram and an **MAA scan** (extrahepatic deposits, **lung shunt**) first. Its risks
  follow where the spheres go: post-radioembolization syndrome, REILD, gut ulcers, cholecystitis,
  pneumonitis.
- Added to chemotherapy, Y-90 **delays progression in the liver**; first line it did **not**
  lengthen survival ({F["ff_patients"]} pooled); second line (EPOCH) it lengthened
  progression-free survival without a shown survival gain. The two HRs of {F["ep_hr"]} answer
  different questions.
- Y-90 delivers its dose over days (half-life {F["half_life"]}). Activity is chosen by the
  **single-compartment** (glass), **BSA** (resin, cut for a large lung shunt) or **partition**
  method; only the partition model separates tumour from normal liver, using T/N (a ratio of
  concentrations); the BSA method calculates no dose at all. Conventional lung-dose limits: at
  most {F["lung_session"]} a session, {F["lung_total"]} in total.
- **HAI** pumps floxuridine into the hepatic artery; after resection (against fluorouracil-based
  systemic therapy) it improved 2-year survival and liver control, but the long-term survival
  difference was not significant. **Biliary
  sclerosis** is its main toxicity.

## What's next
Lesson 09, *Radiation therapy and palliative care*, turns to external-beam radiotherapy of
liver metastases and to the care that relieves symptoms at every stage.

## References
<<REFERENCES>>
{FURTHER_REFERENCES}

*For education only; not medical advice. The planner is a teaching model, not a
treatment-planning tool.*"""),
]


def _check_claims() -> None:
    """The prose describes what the model and facts show; stop if they no longer do."""
    from livermets_edu.models.dosimetry import (
        PlanInputs,
        Severity,
        dose_coefficient_from_decay,
        fraction_of_dose_delivered,
        liver_mass_kg,
        partition_doses,
        plan_y90,
        resin_lsf_activity_reduction,
    )

    def plan(**changes: object):
        return plan_y90(PlanInputs(**(CASE | changes)))  # type: ignore[arg-type]

    def includes_one(name: str) -> bool:
        low, high = ci_bounds(name)
        return low <= 1.0 <= high

    def below_one(name: str) -> bool:
        return ci_bounds(name)[1] < 1.0

    def same(a: float, b: float) -> bool:
        return abs(a - b) < 1e-9

    def v(name: str) -> float:
        return facts.get(name).value

    def note(name: str) -> str:
        return facts.get(name).note

    tumour_ml, liver_ml = float(CASE["tumour_volume_ml"]), float(CASE["liver_volume_ml"])  # type: ignore[arg-type]
    tumour_kg, normal_kg = liver_mass_kg(tumour_ml), liver_mass_kg(liver_ml - tumour_ml)

    def split(ratio: float):
        shunt = float(CASE["lung_shunt"])  # type: ignore[arg-type]
        activity = derived.value("Y90_CASE_GLASS_ACTIVITY")
        return partition_doses(activity, ratio, tumour_kg, normal_kg, shunt)

    glass, partition = plan(), plan(method="partition")
    resin = plan(device="resin", method="bsa")
    resin_cut = plan(device="resin", method="bsa", lung_shunt=RESIN_CUT_SHUNT)
    shunts = [plan(lung_shunt=s) for s in SHUNTS]
    even = plan(tumour_to_normal=1.0)
    earlier = plan(previous_lung_dose_gy=EARLIER_LUNG_GY)
    dose = facts.Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC
    normal_limit = v("Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT")
    practice = facts.Y90_RESIN_BSA_ACTIVITY_IN_PRACTICE
    label, eanm = v("Y90_DOSE_COEFFICIENT_LABEL"), v("Y90_DOSE_COEFFICIENT_EANM")
    energy = facts.Y90_MEAN_BETA_ENERGY
    first_principles = [
        dose_coefficient_from_decay(mean_beta_energy_mev=e)
        for e in (energy.low, energy.high, energy.value)  # type: ignore[union-attr]
    ]
    days_90 = derived.value("Y90_DAYS_TO_DELIVER_90_PERCENT")
    resin_cut_derived = derived.value("Y90_CASE_RESIN_BSA_ACTIVITY_LSF_12_PERCENT")
    earlier_stops = [c.name for c in earlier.crossed if c.severity is Severity.STOP]
    claims = {
        # section 1
        "metastases mostly arterial, normal liver mostly portal": min(
            v("METASTASIS_ARTERIAL_SUPPLY_FRACTION"), v("PORTAL_VEIN_FLOW_FRACTION")
        )
        > 0.5,
        # section 2
        "DEBIRI trial: longer OS and PFS": v("FIORENTINI_MEDIAN_OS_DEBIRI")
        > v("FIORENTINI_MEDIAN_OS_FOLFIRI")
        and v("FIORENTINI_MEDIAN_PFS_DEBIRI") > v("FIORENTINI_MEDIAN_PFS_FOLFIRI"),
        "salvage DEBIRI: pain in more than half": v("DEBIRI_SALVAGE_RUQ_PAIN_FRACTION") > 0.5,
        "salvage DEBIRI: no comparison group": "Single-arm" in note("DEBIRI_SALVAGE_MEDIAN_OS"),
        # section 3
        "glass carries more activity per sphere": v("MICROSPHERE_ACTIVITY_GLASS")
        > v("MICROSPHERE_ACTIVITY_RESIN"),
        "MAA: repeat angiography removed most": "removed it in 30"
        in note("MAA_EXTRAHEPATIC_DEPOSITION_FRACTION"),
        "REILD: more in a chemotherapy-exposed series": "20%" in note("REILD_INCIDENCE"),
        "radioembolization gave more than the EBRT threshold": v(
            "RADIOEMBOLIZATION_SAFE_LIVER_DOSE_REPORTED"
        )
        > (facts.EBRT_RILD_DOSE_THRESHOLD.high or 0.0),
        "safe radioembolization dose far above the normal-liver line": v(
            "RADIOEMBOLIZATION_SAFE_LIVER_DOSE_REPORTED"
        )
        > v("Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT"),
        "the combined analysis includes SIRFLOX": "SIRFLOX"
        in facts.FOXFIRE_COMBINED_PATIENTS.source,
        "SIRFLOX PFS HR CI includes 1": includes_one("SIRFLOX_PFS_HR"),
        "SIRFLOX primary end point not met": "not met" in note("SIRFLOX_PFS_HR"),
        "SIRFLOX liver PFS HR CI excludes 1": below_one("SIRFLOX_LIVER_PFS_HR"),
        "SIRFLOX liver PFS a secondary end point": "secondary end point"
        in note("SIRFLOX_LIVER_PFS_HR"),
        "combined OS HR CI includes 1": includes_one("FOXFIRE_COMBINED_OS_HR"),
        "combined PFS HR CI includes 1": includes_one("FOXFIRE_COMBINED_PFS_HR"),
        "combined liver progression HR CI excludes 1": below_one(
            "FOXFIRE_COMBINED_LIVER_PROGRESSION_HR"
        ),
        "EPOCH PFS and hepatic PFS CIs exclude 1": below_one("EPOCH_PFS_HR")
        and below_one("EPOCH_HEPATIC_PFS_HR"),
        "EPOCH: more grade ≥3 events with Y-90, from a secondary source": v(
            "EPOCH_GRADE_3_AE_TARE"
        )
        > v("EPOCH_GRADE_3_AE_CONTROL")
        and not facts.EPOCH_GRADE_3_AE_TARE.verified,
        "two HRs of 0.69: SIRFLOX first line, EPOCH second line": v("SIRFLOX_LIVER_PFS_HR")
        == v("EPOCH_PFS_HR")
        and note("SIRFLOX_LIVER_PFS_HR").startswith("First-line")
        and note("EPOCH_PFS_HR").startswith("Second-line"),
        "trial table: lines and microspheres": note("SIRFLOX_PATIENTS").startswith("First-line")
        and note("FOXFIRE_COMBINED_PATIENTS").startswith("First-line")
        and note("EPOCH_PATIENTS").startswith("Second-line")
        and "resin" in note("SIRFLOX_PATIENTS")
        and "resin" in note("FOXFIRE_COMBINED_PATIENTS")
        and "glass" in note("EPOCH_PATIENTS"),
        # section 4
        "90% delivered after the stated days": same(
            fraction_of_dose_delivered(days_90 * 24), 0.9
        ),
        "label and EANM differ by less than 1%": abs(label - eanm) / label < 0.01,
        "first principles between the conventions with the label's energy": min(label, eanm)
        <= first_principles[2]
        <= max(label, eanm),
        "first principles near 50 J/GBq for every quoted energy": all(
            49.0 < k < 50.5 for k in first_principles
        ),
        "partition gives normal liver less than single compartment when T/N > 1": all(
            split(r).normal_liver_gy < split(r).perfused_liver_gy for r in (2, 3, 5)
        ),
        "... the same at T/N 1, more below": same(
            split(1).normal_liver_gy, split(1).perfused_liver_gy
        )
        and split(0.5).normal_liver_gy > split(0.5).perfused_liver_gy,
        "single-compartment dose does not depend on T/N": all(
            same(split(r).perfused_liver_gy, split(1).perfused_liver_gy) for r in (0.5, 2, 3, 5)
        ),
        "resin activity is cut 20% at LSF 12%": resin_lsf_activity_reduction(RESIN_CUT_SHUNT)
        == v("Y90_RESIN_LSF_FIRST_ACTIVITY_REDUCTION")
        == 0.2
        and same(resin_cut.activity_gbq, 0.8 * resin.activity_gbq)
        and same(resin_cut.activity_gbq, resin_cut_derived),
        # section 5
        "planner default is the middle of the EANM range": same(
            dose.value, ((dose.low or 0.0) + (dose.high or 0.0)) / 2
        ),
        "EANM normal-liver line is an upper bound": "keep the normal-liver dose below"
        in note("Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT"),
        "T/N warning and resin lines are Taranis defaults, not guidelines": all(
            "Taranis code default, not a guideline" in note(name)
            for name in (
                "TARANIS_TUMOUR_TO_NORMAL_RATIO_WARNING",
                "TARANIS_NORMAL_LIVER_WARNING_DOSE_RESIN",
                "TARANIS_TUMOUR_MIN_DOSE_RESIN",
            )
        ),
        "shunt experiment: second treatable, third stopped": shunts[1].treatable
        and not shunts[2].treatable,
        "single-compartment activity rises with the shunt": all(
            a.activity_gbq < b.activity_gbq for a, b in zip(shunts, shunts[1:], strict=False)
        ),
        "resin BSA activity below glass": resin.activity_gbq < glass.activity_gbq,
        "T/N 1: tumour and normal liver equal, and warned": same(
            even.doses.tumour_gy, even.doses.normal_liver_gy
        )
        and "tumour_to_normal_ratio" in [c.name for c in even.crossed],
        "earlier 45 Gy: the cumulative lung limit stops the plan": "lung_dose_cumulative"
        in earlier_stops,
        # section 6
        "case: resin BSA activity inside the range in practice": (practice.low or 0.0)
        <= resin.activity_gbq
        <= (practice.high or 0.0),
        "case: glass default crosses only the normal-liver line": [c.name for c in glass.crossed]
        == ["normal_liver_dose"]
        and glass.doses.normal_liver_gy > normal_limit,
        "case: lungs well within their limit": glass.doses.lung_gy
        < 0.5 * v("LUNG_DOSE_LIMIT_PER_SESSION"),
        "case: tumour above the EANM aim": glass.doses.tumour_gy >= v("Y90_GLASS_TUMOUR_DOSE_MCRC"),
        "case: tumour a small part of the perfused liver": tumour_ml < 0.25 * liver_ml,
        "case: normal liver gets most of the mean": glass.doses.normal_liver_gy
        > 0.5 * glass.doses.perfused_liver_gy,
        "case: partition at the limit, less activity, no check crossed": same(
            partition.doses.normal_liver_gy, normal_limit
        )
        and partition.activity_gbq < glass.activity_gbq
        and not partition.crossed,
        "case: the low end of the dose range keeps normal liver under the line": plan(
            target_dose_gy=dose.low
        ).doses.normal_liver_gy
        < normal_limit,
        "case: the lesson's derived figures are the planner's": same(
            derived.value("Y90_CASE_GLASS_ACTIVITY"), glass.activity_gbq
        )
        and same(derived.value("Y90_CASE_GLASS_PARTITION_ACTIVITY"), partition.activity_gbq),
        # section 7
        "Kemeny 1999: better 2-year OS and liver control": v("KEMENY_1999_2Y_OS_HAI")
        > v("KEMENY_1999_2Y_OS_SYSTEMIC")
        and v("KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_HAI")
        > v("KEMENY_1999_2Y_HEPATIC_RECURRENCE_FREE_SYSTEMIC"),
        "Kemeny 1999: systemic therapy was fluorouracil-based": "fluorouracil"
        in note("KEMENY_1999_PATIENTS"),
        "Kemeny update: PFS longer and significant": v("KEMENY_UPDATE_MEDIAN_PFS_HAI")
        > v("KEMENY_UPDATE_MEDIAN_PFS_SYSTEMIC")
        and float(F["ku_pfs_p"].split("= ")[1]) < 0.05,
        "Kemeny update: OS difference not significant": "not significant"
        in note("KEMENY_UPDATE_MEDIAN_OS_HAI")
        and float(F["ku_p"].split("= ")[1]) >= 0.05,
        "HAI propensity series retrospective": "retrospective" in note("HAI_PERIOPERATIVE_OS_HR"),
    }
    wrong = [claim for claim, holds in claims.items() if not holds]
    if wrong:
        raise SystemExit(f"the lesson's text no longer matches the model or facts: {wrong}")


#: (what it supports, a fact citing it): each reference is that fact's source, as in facts.py.
REFERENCES: tuple[tuple[str, str], ...] = (
    ("hepatic blood flow", "PORTAL_VEIN_FLOW_FRACTION"),
    ("arterial supply of colorectal metastases", "METASTASIS_ARTERIAL_SUPPLY_FRACTION"),
    ("small metastases and portal rims", "MICROMETASTASIS_SINUSOIDAL_MAX_SIZE"),
    ("DEBIRI versus FOLFIRI", "FIORENTINI_PATIENTS"),
    ("salvage DEBIRI", "DEBIRI_SALVAGE_MEDIAN_OS"),
    ("microspheres", "MICROSPHERE_DIAMETER_GLASS"),
    ("glass specific gravity", "MICROSPHERE_SPECIFIC_GRAVITY_GLASS"),
    ("planning angiography", "Y90_PLANNING_TO_TREATMENT_INTERVAL"),
    ("extrahepatic MAA", "MAA_EXTRAHEPATIC_DEPOSITION_FRACTION"),
    ("REILD", "REILD_INCIDENCE"),
    ("post-radioembolization syndrome", "POST_RADIOEMBOLIZATION_SYNDROME_INCIDENCE"),
    ("complications of Y-90", "RADIOEMBOLIZATION_GI_ULCER_INCIDENCE_MAX"),
    ("external-beam liver tolerance", "EBRT_RILD_DOSE_THRESHOLD"),
    ("SIRFLOX", "SIRFLOX_PFS_HR"),
    ("SIRFLOX adverse events", "SIRFLOX_GRADE_3_AE_CONTROL"),
    ("combined analysis (ASCO abstract)", "FOXFIRE_COMBINED_OS_HR"),
    ("combined analysis (Lancet Oncol)", "FOXFIRE_COMBINED_MEDIAN_OS_SIRT"),
    ("combined analysis (liver progression)", "FOXFIRE_COMBINED_LIVER_PROGRESSION_HR"),
    ("EPOCH", "EPOCH_PFS_HR"),
    ("EPOCH adverse events (secondary)", "EPOCH_GRADE_3_AE_TARE"),
    ("chemotherapy around Y-90", "SIRT_STOP_VEGF_INHIBITOR_WEEKS_BEFORE"),
    ("Y-90 physics", "Y90_HALF_LIFE"),
    ("maximum beta energy", "Y90_MAX_BETA_ENERGY"),
    ("mean range in tissue", "Y90_MEAN_TISSUE_PENETRATION"),
    ("maximum range in tissue", "Y90_MAX_TISSUE_PENETRATION"),
    ("energy per GBq, label", "Y90_DOSE_COEFFICIENT_LABEL"),
    ("energy per GBq, EANM", "Y90_DOSE_COEFFICIENT_EANM"),
    ("liver density for dosimetry", "Y90_DOSIMETRY_LIVER_DENSITY"),
    ("EANM doses, glass microspheres, colorectal metastases", "Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT"),
    ("BSA method", "Y90_RESIN_BSA_METHOD_OFFSET"),
    ("partition model, lung limits and DuBois BSA", "LUNG_DOSE_LIMIT_PER_SESSION"),
    (
        "resin lung-shunt cuts, Sangro's threshold, and why a lung-dose threshold is hard to set",
        "Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD",
    ),
    ("BSA activities in practice", "Y90_RESIN_BSA_ACTIVITY_IN_PRACTICE"),
    ("lung mass", "Y90_ASSUMED_LUNG_MASS"),
    ("glass lung activity limit", "Y90_GLASS_LUNG_ACTIVITY_LIMIT"),
    ("HAI after resection (1999)", "KEMENY_1999_PATIENTS"),
    ("HAI long-term update", "KEMENY_UPDATE_MEDIAN_OS_HAI"),
    ("HAI, propensity-score series", "HAI_PERIOPERATIVE_OS_HR"),
    ("biliary sclerosis after HAI", "HAI_BILIARY_SCLEROSIS_ADJUVANT"),
    ("sclerosing-cholangitis-like damage", "HAI_HEPATOBILIARY_TOXICITY_REPORTED"),
    ("the electronvolt", "ELECTRONVOLT"),
)

#: Sources the lesson cites in prose that hold no number in the facts (from the issue-4 memo).
OTHER_SOURCES = (
    "- How radioembolization kills: review 'Side Effects of Yttrium-90 Radioembolization', "
    "Front Oncol 2014, doi:10.3389/fonc.2014.00198; Joo et al., Korean J Radiol 2018, "
    "doi:10.3348/kjr.2018.19.2.209.",
    "- Who is treated: SIRFLOX protocol, BMC Cancer 2014, doi:10.1186/1471-2407-14-897; Braat et "
    "al., J Nucl Med 2015;56:1079, https://jnm.snmjournals.org/content/56/7/1079; Kwan & Pua, "
    "Cancers 2021, doi:10.3390/cancers13061371.",
    "- MAA as a surrogate for microspheres: https://pmc.ncbi.nlm.nih.gov/articles/PMC9793490.",
    "- Prophylactic coil embolization: Borggreve et al., Cardiovasc Intervent Radiol 2016, "
    "doi:10.1007/s00270-016-1310-9.",
    "- T/N versus Kao's R: Cardiovasc Intervent Radiol 2013, doi:10.1007/s00270-013-0783-z.",
    "- TACE and DEBIRI: Sofocleous et al., Embolization Therapy ch. 41; Richardson, Laurence & "
    "Lam, systematic review of DEBIRI (journal not seen).",
    "- HAI: MSKCC chapters, https://synapse.mskcc.org/synapse/works/226262 and "
    "https://synapse.mskcc.org/synapse/works/226265; Semin Oncol 2002, "
    "doi:10.1053/sonc.2002.31679; biliary sclerosis as the predominant toxicity, J Clin Oncol "
    "1985;3:98, doi:10.1200/JCO.1985.3.1.98.",
)


def main() -> None:
    """Write the lesson notebook (without outputs)."""
    _check_claims()
    write(build(CELLS, REFERENCES, OTHER_SOURCES), LESSON)


if __name__ == "__main__":
    main()
