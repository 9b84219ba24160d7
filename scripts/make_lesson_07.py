"""Write lesson 07 (thermal ablation), unexecuted, to notebooks/07-thermal-ablation.ipynb.

Run from the repository root, then execute it so it is committed with outputs:

    python scripts/make_lesson_07.py
    python scripts/execute_lessons.py notebooks/07-thermal-ablation.ipynb

Numbers in the Markdown cells are not typed here: they are filled in from
:mod:`livermets_edu.facts`, :mod:`livermets_edu.derived` and the model's defaults, so a corrected
fact corrects the lesson when it is regenerated. Code cells compute their numbers when run.
"""

from __future__ import annotations

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
from livermets_edu.models.ablation import AblationSetup

LESSON = Path(__file__).resolve().parents[1] / "notebooks" / "07-thermal-ablation.ipynb"
BANK = "07-ablation"


DEFAULT = AblationSetup()
SINK = AblationSetup(**derived.HEAT_SINK_CASE)
F = {
    "ideal": value("IDEAL_ABLATION_LESION_MAX_SIZE"),
    "omega_1": value("ARRHENIUS_OMEGA_63_PERCENT_DAMAGE"),
    "omega_1_kill": value("ARRHENIUS_DAMAGE_AT_OMEGA_1"),
    "omega_99": value("ARRHENIUS_OMEGA_99_PERCENT_DAMAGE"),
    "omega_99_kill": value("ARRHENIUS_DAMAGE_AT_OMEGA_4_6"),
    "cem43_ref": value("CEM43_REFERENCE_TEMPERATURE"),
    "cem43": f"{facts.CEM43_NECROSIS_THRESHOLD.value:g} CEM43",
    "cem43_low": f"{facts.CEM43_NECROSIS_THRESHOLD.low:g}",
    "cem43_high": f"{facts.CEM43_NECROSIS_THRESHOLD.high:g}",
    "vapor": fact("VAPORIZATION_TEMPERATURE"),
    "mw_ghz": f"{facts.MICROWAVE_ABLATION_FREQUENCY.value / 1e9:g} GHz",
    "cryo_lethal": value("CRYOABLATION_LETHAL_TEMPERATURE"),
    "ice_edge": value("CRYO_LETHAL_ISOTHERM_INSIDE_ICE_EDGE"),
    "vessel": value("HEAT_SINK_VESSEL_DIAMETER"),
    "near": value("LOCAL_RECURRENCE_NEAR_LARGE_VESSEL"),
    "away": value("LOCAL_RECURRENCE_AWAY_FROM_LARGE_VESSEL"),
    "rf_near": value("RFA_SURFACE_TEMPERATURE_NEAR_VESSEL"),
    "rf_far": value("RFA_SURFACE_TEMPERATURE_PERIPHERAL"),
    "mw_near": value("MWA_SURFACE_TEMPERATURE_NEAR_VESSEL"),
    "mw_far": value("MWA_SURFACE_TEMPERATURE_PERIPHERAL"),
    "no_lp": value("MARGIN_WITHOUT_LOCAL_PROGRESSION"),
    "lpfs_0": value("LPFS_2Y_MARGIN_0_MM"),
    "lpfs_11": value("LPFS_2Y_MARGIN_11_TO_15_MM"),
    "hr_rf": value("LOCAL_PROGRESSION_HR_MARGIN_5_MM_OR_LESS_RFA"),
    "hr_mw": value("LOCAL_PROGRESSION_HR_MARGIN_5_MM_OR_LESS_MWA"),
    "thermal_length": model("THERMAL_LENGTH"),
    "tau": model("PERFUSION_TIME_CONSTANT"),
    "mw_depth": model("MICROWAVE_POWER_PENETRATION_DEPTH"),
    "tumour": f"{DEFAULT.tumour_diameter_mm:g} mm",
    "sink_vessel": f"{SINK.vessel_diameter_mm:g} mm",
    "sink_gap": f"{SINK.vessel_gap_mm:g} mm",
    "arterial": value("ARTERIAL_BLOOD_TEMPERATURE"),
}

NOTICE = """\
> **For education only.** This lesson is not medical advice and must not be used to diagnose or
> treat patients. The ablation simulator is a teaching model: it is **not** a treatment-planning
> tool."""

CELLS: list[tuple[str, str]] = [
    ("md", f"""\
# Lesson 07 · Thermal ablation

{NOTICE}

## Overview
Not every liver metastasis has to be cut out. A small tumour can be **destroyed where it lies**
with heat or cold delivered through a needle: this is *thermal ablation*. In this lesson you will
see how the needle is placed, learn how heat kills cells, compare radiofrequency, microwave and
cryoablation, find out why a nearby blood vessel can rescue tumour cells, and see why the
**margin** of dead liver around the tumour predicts whether the tumour comes back. A small
simulation of heat flow in the liver lets you try it yourself.

## Learning objectives
By the end you should be able to:
1. Describe what thermal ablation is, how the needle is guided, and when ablation is chosen
   instead of, or together with, surgery.
2. Explain how heat kills cells: temperature–time rules of thumb, the Arrhenius damage integral
   and the thermal dose (CEM43), and say which of these figures are uncertain.
3. Compare radiofrequency, microwave and cryoablation: how each one works and how large a zone it
   makes.
4. Explain the **heat-sink** effect of a large vessel next to the tumour and its clinical cost.
5. Explain why a tumour must be covered **with a margin**, and state the margins linked with
   local control.
6. Read the bioheat equation behind the simulator and name the model's main limitations.

**Before you start:** [lesson 01](01-liver-and-blood-supply.ipynb) (the liver and its blood
supply). No physics beyond "heat flows from hot to cold" is needed; section 4 is for the curious.
**Time:** about 45 minutes."""),

    # --- 1 · What ablation is ---------------------------------------------------------------
    ("md", """\
## 1 · What ablation is
*Ablation* means destroying tumour tissue in place instead of removing it. A thin needle-like
probe is passed **through the skin** (percutaneously) into the tumour. The doctor finds the tumour
and steers the needle with **ultrasound or CT** (computed tomography) images, then delivers
energy through it:

- **radiofrequency ablation (RFA)**: an electric current passed through the needle heats the
  tissue;
- **microwave ablation (MWA)**: microwaves from the needle heat the tissue;
- **cryoablation**: a cold gas freezes the tissue.

Ablation is **minimally invasive** and is frequently done as an **outpatient** procedure. It
aims to leave as much healthy liver intact as possible, and several tumours can be treated.

*Sources: a hospital patient-information page on liver metastases; Verywell Health; Roswell Park
Comprehensive Cancer Center; Memorial Sloan Kettering Cancer Center.*"""),

    ("md", f"""\
### When is ablation chosen?
When liver metastases are limited in size and number, an **operation to remove them** (resection)
is the most effective treatment for metastases of colorectal cancer. Ablation is used:

- when the metastases **cannot be removed with an operation**, or surgery is not an option for
  the patient;
- for **small tumours**, including small deep-seated ones, where it can be an alternative to
  surgery;
- **together with resection**: some tumours are removed and others ablated, so less
  healthy liver is removed (lesson 01 explains why enough liver must remain).

Ablation is done by itself, usually by interventional radiologists, or in combination with liver
resection by liver surgeons. It works best on small tumours: the ideal lesion is **solitary and no
larger than {F["ideal"]}**.

*Sources: a hospital patient-information page; Roswell Park; a patient-information article on
liver metastases; Petre & Sofocleous 2017; PMC3324186.*"""),

    ("code", """\
from livermets_edu.lesson import fact_table

fact_table({
    "Ideal lesion for ablation: solitary, and at most": "IDEAL_ABLATION_LESION_MAX_SIZE",
    "Tumours under 3 cm completely ablated, more than": "COMPLETE_ABLATION_RATE_UNDER_3_CM",
})"""),

    ("md", """\
### The procedure
The diagram shows a percutaneous ablation: the needle enters through the skin, crosses healthy
liver and ends with its **active tip** in the tumour. Around the tip, the **ablation zone** (the
tissue that will die) must cover the tumour **and a rim of healthy liver around it**, the
*margin* (section 6). Here a microwave antenna is guided by ultrasound."""),

    ("code", """\
from livermets_edu.diagrams import ablation

ablation(modality="microwave", guidance="ultrasound")"""),

    ("md", """\
The same procedure under CT guidance, with a radiofrequency electrode, and this time with a
large vessel next to the tumour. The zone is drawn pulled back beside the vessel; section 5
explains why."""),

    ("code", """\
ablation(modality="rfa", guidance="ct", vessel=True)"""),

    # --- 2 · How heat kills -----------------------------------------------------------------
    ("md", """\
## 2 · How heat kills
Cells die from heat when it is **hot enough for long enough**: the hotter the tissue, the less
time it takes. The rules of thumb used in ablation:"""),

    ("code", """\
fact_table({
    "Temperature at which cell death starts": "HYPERTHERMIC_CELL_DEATH_TEMPERATURE",
    "... if held for": "HYPERTHERMIC_CELL_DEATH_DURATION",
    "Temperature above which death is immediate": "IMMEDIATE_CELL_DEATH_TEMPERATURE",
    "Tissue vaporizes and chars above": "VAPORIZATION_TEMPERATURE",
})"""),

    ("md", f"""\
Rules of thumb are thresholds; cells do not really switch from alive to dead at one
temperature. Two models describe damage building up over time, and the simulator uses both.

**The Arrhenius damage integral Ω.** Damage builds up at a rate that rises steeply with
temperature, $A\\,e^{{-E_a/RT}}$, where $T$ is the absolute temperature and $A$ and $E_a$ are
constants measured for liver. Ω adds up that rate over the time spent at each temperature:

$$\\Omega = \\int A\\,e^{{-E_a/RT(t)}}\\,dt .$$

Ω = {F["omega_1"]} means about {F["omega_1_kill"]} of the cells are damaged; Ω = {F["omega_99"]}
means {F["omega_99_kill"]}. The simulator calls a cell dead at Ω = {F["omega_99"]}.

**The thermal dose in CEM43** (cumulative equivalent minutes at {F["cem43_ref"]}) converts any
heating into the minutes at {F["cem43_ref"]} that would do the same damage: above
{F["cem43_ref"]} each extra degree **doubles** the rate. The usual threshold for necrosis is
**{F["cem43"]}**, but it is **uncertain for the liver**: it has not been checked for liver
tissue, and a focused-ultrasound study in the brain that tested doses up to
{F["cem43_high"]} CEM43 found that lower thresholds, as low as {F["cem43_low"]} CEM43, matched
the size of the lesions better. The threshold depends on the tissue; the table marks it
*to verify*."""),

    ("code", """\
fact_table({
    "Ω at which about 63% of cells are damaged": "ARRHENIUS_OMEGA_63_PERCENT_DAMAGE",
    "Ω at which 99% of cells are damaged": "ARRHENIUS_OMEGA_99_PERCENT_DAMAGE",
    "Liver activation energy, Ea": "LIVER_ARRHENIUS_ACTIVATION_ENERGY",
    "Thermal dose for necrosis": "CEM43_NECROSIS_THRESHOLD",
})"""),

    ("md", """\
Both damage measures come from `livermets_edu.models.thermal_damage`. First, what share of cells
each value of Ω stands for (the fraction damaged is $1 - e^{-\\Omega}$):"""),

    ("code", """\
from livermets_edu import facts
from livermets_edu.models.thermal_damage import damage_fraction, time_to_cem43, time_to_omega

omega_63 = facts.ARRHENIUS_OMEGA_63_PERCENT_DAMAGE.value
omega_99 = facts.ARRHENIUS_OMEGA_99_PERCENT_DAMAGE.value
print(f"Ω = {omega_63:g}: {damage_fraction(omega_63):.0%} of cells damaged; "
      f"Ω = {omega_99:g}: {damage_fraction(omega_99):.0%}.")"""),

    ("md", """\
Now hold liver at a constant temperature: how long until each threshold is reached?"""),

    ("code", """\
dose = facts.CEM43_NECROSIS_THRESHOLD.value
for celsius in (50, 55, 60, 70):
    print(f"At {celsius} °C: Ω = {omega_63:g} after {time_to_omega(celsius, omega_63):.3g} s, "
          f"Ω = {omega_99:g} after {time_to_omega(celsius, omega_99):.3g} s; "
          f"{dose:g} CEM43 after {60 * time_to_cem43(celsius):.3g} s.")"""),

    ("md", """\
Read the table down, then across:
- **Down:** a few degrees make a huge difference. This is why ablation aims for high temperatures
  in the whole zone, and why the edge of the zone, where it is coolest, decides the outcome.
- **Across:** at a given temperature the two models disagree: they are different models, with
  constants from different sources. Both agree with the rules of thumb in the first table: a
  minute or more at the lowest temperature, seconds or less at the highest.

Because of that uncertainty there is **no single lethal temperature** at the edge of an ablation
zone. Measured in liver outside the body, the temperature at the zone's edge varied widely:"""),

    ("code", """\
fact_table({
    "Temperature at the zone's edge, radiofrequency": "ABLATION_MARGIN_TEMPERATURE_RF",
    "Temperature at the zone's edge, microwave": "ABLATION_MARGIN_TEMPERATURE_MW",
    "Temperature at the zone's edge, laser": "ABLATION_MARGIN_TEMPERATURE_LASER",
})"""),

    # --- 3 · RF, microwave, cryo ------------------------------------------------------------
    ("md", f"""\
## 3 · Radiofrequency, microwave and cryoablation
**Radiofrequency (RF).** An alternating electric current flows from the needle's bare tip (the
electrode) into the tissue. The tissue resists the current and heats up, but only within a few
millimetres of the electrode, where the current is concentrated; the rest of the zone is heated
by **conduction** from there. When tissue next to the electrode reaches about {F["vapor"]} it
boils and chars; dry, charred tissue conducts poorly, so the electrical **impedance rises** and
little current can flow: the *impedance roll-off*. Generators **back off** the power to keep the
tissue below that point. Either way the heating stalls, and RF zones are limited by this.

**Microwave (MWA).** An antenna in the needle radiates microwaves (at {F["mw_ghz"]} in our
model). The tissue absorbs them as they travel, so heat is made directly over a larger distance,
and there is no impedance limit: the power keeps going in even when tissue boils.

**Cryoablation.** Argon gas expands inside the probe and cools it far below freezing; an **ice
ball** grows around it. Tissue dies where it gets cold enough, {F["cryo_lethal"]} or colder,
which is only in the inner part of the ice ball (below).

How big are the zones? Published figures, from different devices, settings and studies:"""),

    ("code", """\
fact_table({
    "RF ablation zone, diameter": "RFA_ABLATION_ZONE_DIAMETER",
    "Ablation volume in a randomized trial, RF": "RFA_ABLATION_VOLUME_RCT",
    "Ablation volume in a randomized trial, microwave": "MWA_ABLATION_VOLUME_RCT",
    "Pig liver: zone diameter, RF": "RFA_ABLATION_DIAMETER_PORCINE",
    "Pig liver: zone diameter, microwave": "MWA_ABLATION_DIAMETER_PORCINE",
    "Pig liver: ablation time, RF": "RFA_ABLATION_TIME_PORCINE",
    "Pig liver: ablation time, microwave": "MWA_ABLATION_TIME_PORCINE",
})"""),

    ("md", f"""\
Microwave makes larger zones, faster. Now run the simulator (`livermets_edu.models.ablation`)
with its default settings for each method: one needle in the middle of a {F["tumour"]} tumour,
seen in a slice across the needle. The *minimal margin* is the thinnest rim of dead liver
around the tumour; a negative margin means part of the tumour survives."""),

    ("code", """\
from livermets_edu.models.ablation import AblationSetup, simulate_ablation

setup = AblationSetup()
print(f"Heating methods set to {setup.power_w:g} W for {setup.duration_s / 60:g} min: "
      f"{setup.power_w * setup.duration_s / 1000:g} kJ")"""),

    ("code", """\
for method in ("rfa", "microwave", "cryo"):
    run = simulate_ablation(AblationSetup(modality=method))
    print(f"{method:>9}: zone {run.zone_diameters_mm()[0]:.0f} mm across, minimal margin "
          f"{run.minimal_margin_mm:.1f} mm, energy in {run.delivered_energy_j / 1000:.1f} kJ")"""),

    ("md", """\
Three things to notice:
- **RF put in less energy than it was set to.** The model's generator backs off whenever tissue
  next to the electrode would pass the vaporization temperature, as a real generator does when
  impedance rises. Turning the power up does not help much (try it in section 7).
- **Microwave put in all of it** and made a larger zone, as in the published comparisons.
- **Cryo puts in no energy at all**: its probe draws heat *out*. With one probe its lethal zone
  is small, and here it does not even cover the tumour.

The RF zone in the model falls inside the published range. For the RF zone's volume the model's
side view (the needle in the plane) can be set against the trial's figure; devices and settings
differ, so only the order of magnitude should agree:"""),

    ("code", """\
from livermets_edu import derived

print(f"Simulator, RF, side view: {derived.get('MODEL_RFA_ZONE_VOLUME_10_MIN').text}; "
      f"randomized trial, RF: {facts.RFA_ABLATION_VOLUME_RCT.text}")"""),

    ("md", f"""\
### Cryoablation: the ice ball is not the kill zone
On imaging, the ice ball is easy to see. But its visible edge is at 0 °C, and tissue there
survives: the lethal isotherm ({F["cryo_lethal"]}) lies about {F["ice_edge"]} **inside** the
edge, so the visible ice ball overstates the zone that dies. And one probe makes little lethal
ice, so several probes are used together."""),

    ("code", """\
fact_table({
    "Lethal temperature in the tumour": "CRYOABLATION_LETHAL_TEMPERATURE",
    "Lethal isotherm inside the ice ball's edge, by": "CRYO_LETHAL_ISOTHERM_INSIDE_ICE_EDGE",
    "Lethal ice from one cryoprobe (phantom), diameter": "CRYO_LETHAL_ICE_DIAMETER_SINGLE_PROBE",
})"""),

    ("code", """\
simulated = derived.get("MODEL_CRYO_LETHAL_DIAMETER_10_MIN").text
published = facts.CRYO_LETHAL_ICE_DIAMETER_SINGLE_PROBE.text
print(f"Simulator, one probe:    lethal zone {simulated} across")
print(f"Littrup 2009, one probe: lethal ice {published} across")"""),

    ("md", """\
The two figures are of the same order, but they are **not measured under the same conditions**:
the published one is a warmed phantom, frozen for longer, with a different lethal
temperature (see the table's note), and the model ignores the heat released when water freezes
and holds the probe at the boiling point of argon. What both show is the teaching
point: **one probe kills only a small core**."""),

    # --- 4 · The model ----------------------------------------------------------------------
    ("md", """\
## 4 · The model behind the simulator (for the curious)
The simulator solves the **Pennes bioheat equation** (Pennes 1948), the usual description of
heat in tissue with blood flowing through it:

$$\\rho c\\,\\frac{\\partial T}{\\partial t}
  = \\nabla\\cdot(k\\,\\nabla T) + \\omega_b\\,\\rho_b\\,c_b\\,(T_a - T) + Q$$

In words: *how fast the tissue warms* (left) equals *heat conducted in from hotter neighbours*,
plus *heat carried away by blood* (perfusion pulls the tissue back towards arterial temperature
$T_a$), plus *heat made by the device* $Q$.

| symbol | meaning |
|---|---|
| $\\rho$, $c$ | density and specific heat of liver: how much heat it takes to warm it |
| $k$ | thermal conductivity: how easily heat flows through it |
| $\\omega_b$ | blood perfusion rate (per second: beware, some sources use other units) |
| $\\rho_b$, $c_b$ | density and specific heat of blood |
| $T_a$ | arterial blood temperature |
| $Q$ | power deposited by the needle per unit volume |"""),

    ("code", """\
fact_table({
    "Liver density, ρ": "LIVER_TISSUE_DENSITY",
    "Liver specific heat, c": "LIVER_SPECIFIC_HEAT_CAPACITY",
    "Liver thermal conductivity, k": "LIVER_THERMAL_CONDUCTIVITY",
    "Liver blood perfusion, ω_b": "LIVER_BLOOD_PERFUSION_RATE",
    "Arterial blood temperature, T_a": "ARTERIAL_BLOOD_TEMPERATURE",
})"""),

    ("md", """\
From these values the model derives a few scales that explain its behaviour:"""),

    ("code", """\
scales = {"Perfusion time constant": "PERFUSION_TIME_CONSTANT", "Thermal length": "THERMAL_LENGTH",
          "Microwave penetration depth": "MICROWAVE_POWER_PENETRATION_DEPTH"}
for label, name in scales.items():
    quantity = derived.get(name)
    print(f"{label}: {quantity.text}  ({quantity.how})")"""),

    ("md", f"""\
- The **perfusion time constant** (about {F["tau"]}) sets how fast blood flow alone would cool
  a warm spot back to body temperature.
- The **thermal length** (about {F["thermal_length"]}) is how far heat spreads by conduction
  before perfusion carries it off. RF makes its heat within millimetres of the electrode, so in
  the model its zone grows little beyond a few thermal lengths, however long it runs.
- The **microwave penetration depth** (about {F["mw_depth"]}) is how far microwaves carry their
  power into liver: in the model, microwave heat is made farther out, which is one reason its
  zones are larger there (RF's back-off at boiling is the other). Real devices differ too.

### What the model assumes (and so cannot tell you)
- It is a **2-D slice**: across the needle at the middle of a long active tip, or along the needle
  (without a vessel). One needle only.
- Tumour and liver have the **same** thermal and electrical properties (no tumour values are
  sourced), and perfusion is uniform; dead (coagulated) tissue stops being perfused.
- **RF:** the current is modelled from the electrode's shape; the electrode wall is held at body
  temperature (no coolant temperature is sourced); the generator backs off at the vaporization
  temperature instead of modelling charring and impedance.
- **Microwave:** the power simply fades with distance from the antenna, which has the RF
  electrode's size; boiling caps the temperature but does not reduce the power.
- **Cryo:** the probe wall is held at the boiling point of argon, and the heat released when water
  freezes is ignored, so the ice grows faster than in real tissue.
- A **large vessel** is a circle whose wall is held at arterial temperature ({F["arterial"]}) by its
  flow. Breathing, the liver's real anatomy and the patient are not modelled.

It is a teaching model for *why* ablation behaves as it does, not a tool to plan a treatment."""),

    # --- 5 · Heat sink ----------------------------------------------------------------------
    ("md", f"""\
## 5 · The heat sink: when a vessel steals the heat
Blood flowing through a **large vessel** next to the tumour carries heat away and keeps the
tissue around the vessel cool: the *heat-sink effect*. Tumour cells on the vessel's side may
survive. In one series of small liver tumours of several kinds treated with RF ablation,
tumours next to vessels larger than {F["vessel"]} recurred locally far more often than tumours
away from such vessels ({F["near"]} versus {F["away"]}; crude rates).

Does the method matter? In perfused pig livers, measured with a thermal camera, the heat sink was
seen with RF but not with microwave. With RF the liver's surface next to central vessels reached
only {F["rf_near"]}, against {F["rf_far"]} at peripheral sites; with microwave it was about the
same at both ({F["mw_near"]} and {F["mw_far"]})."""),

    ("code", """\
fact_table({
    "Vessels that cause a heat sink: diameter over": "HEAT_SINK_VESSEL_DIAMETER",
    "Local recurrence, tumour next to such a vessel": "LOCAL_RECURRENCE_NEAR_LARGE_VESSEL",
    "Local recurrence, tumour away from such vessels": "LOCAL_RECURRENCE_AWAY_FROM_LARGE_VESSEL",
    "Pig liver, RF: surface next to central vessels": "RFA_SURFACE_TEMPERATURE_NEAR_VESSEL",
    "Pig liver, RF: surface at peripheral sites": "RFA_SURFACE_TEMPERATURE_PERIPHERAL",
    "Pig liver, microwave: surface next to central vessels": "MWA_SURFACE_TEMPERATURE_NEAR_VESSEL",
    "Pig liver, microwave: surface at peripheral sites": "MWA_SURFACE_TEMPERATURE_PERIPHERAL",
    "RF zone's short axis lost per extra 10 mL/min/100 g of flow":
        "RFA_SHORT_AXIS_LOSS_PER_10_ML_MIN_100G",
})"""),

    ("md", f"""\
Now the simulator: the same {F["tumour"]} tumour and RF settings as before, but with a
{F["sink_vessel"]} vessel running alongside the needle, {F["sink_gap"]} from the tumour's edge."""),

    ("code", """\
near_vessel = simulate_ablation(AblationSetup(**derived.HEAT_SINK_CASE))
print(f"Margin toward the vessel:  {near_vessel.margin_toward_vessel_mm:.1f} mm")
print(f"Margin away from it:       {near_vessel.margin_away_from_vessel_mm:.1f} mm")"""),

    ("md", """\
The cross-section below is the plane across the needle, seen end-on. Colour shows the hottest
temperature each point reached, with labelled lines at 50 and 60 °C; the thick line is the edge
of the ablation zone; dashed rings lie 5 and 10 mm outside the tumour. The zone is **pulled
back** on the vessel's side."""),

    ("code", """\
from livermets_edu.diagrams import simulated_cross_section

simulated_cross_section(near_vessel)"""),

    ("md", """\
The tumour is still covered, but on the vessel's side only by a thin rim: a thin margin is
the setting in which local progression is more common (section 6).

A limit of the model: its vessel wall is held at blood temperature, so **every** method, microwave
included, stops short of the wall. In the pig-liver study above, microwave heated tissue next to
vessels as much as tissue away from them; the simulator does not reproduce that advantage, and
where model and measurement disagree, trust the measurement."""),

    # --- 6 · Margins ------------------------------------------------------------------------
    ("md", f"""\
## 6 · Margins: covering the tumour is not enough
A zone that only just covers the tumour on the scan often leaves tumour behind. What predicts
local control is the **minimal ablative margin**: the thinnest rim of dead liver around the
tumour, measured on imaging after the ablation. Two studies of ablated liver metastases:

- Wang 2013: the share of tumours free of local progression at 2 years climbed from
  {F["lpfs_0"]} with no margin to {F["lpfs_11"]} with the widest margins.
- Shady 2018: with a margin of 5 mm or less, the hazard ratio for local progression was
  {F["hr_rf"]} after RF and {F["hr_mw"]} after microwave; **no tumour progressed with a margin
  over {F["no_lp"]}**.

These studies are why the aim is a margin of **more than 5 mm, ideally more than
{F["no_lp"]}**."""),

    ("code", """\
fact_table({
    "Free of local progression at 2 years, margin 0 mm": "LPFS_2Y_MARGIN_0_MM",
    "... margin 1–5 mm": "LPFS_2Y_MARGIN_1_TO_5_MM",
    "... margin 6–10 mm": "LPFS_2Y_MARGIN_6_TO_10_MM",
    "... margin 11–15 mm": "LPFS_2Y_MARGIN_11_TO_15_MM",
    "Fall in risk of local progression per extra 5 mm": "LOCAL_PROGRESSION_RISK_REDUCTION_PER_5_MM",
    "Hazard ratio, margin ≤5 mm, after RF": "LOCAL_PROGRESSION_HR_MARGIN_5_MM_OR_LESS_RFA",
    "Hazard ratio, margin ≤5 mm, after microwave": "LOCAL_PROGRESSION_HR_MARGIN_5_MM_OR_LESS_MWA",
    "No local progression with a margin over": "MARGIN_WITHOUT_LOCAL_PROGRESSION",
})"""),

    ("md", """\
The simulator grades its margins against the same marks. Both RF runs above covered the
tumour, but their margins fall in different bands:"""),

    ("code", """\
away_from_vessels = simulate_ablation(AblationSetup())
for label, run in (("no vessel nearby", away_from_vessels), ("vessel nearby", near_vessel)):
    verdict = run.margin_verdict.value
    print(f"RF, {label:<16}: minimal margin {run.minimal_margin_mm:.1f} mm ({verdict})")"""),

    # --- 7 · Simulator ----------------------------------------------------------------------
    ("md", """\
## 7 · Try it: the ablation simulator
Choose the method, power, time, tumour size and an optional vessel; the map shows the hottest (or,
for cryo, coldest) temperature reached, the zone's edge and the margin against the 5 and 10 mm
marks. Some experiments:

1. **RF power.** Set RF and move the power up. Does the power delivered follow it? Why not?
2. **A vessel 1 mm away.** Add a vessel and bring it to 1 mm from the tumour. Watch the margin on
   the vessel's side, and the verdict.
3. **Microwave.** Switch to microwave with the same settings. How do the zone and margins change?
   Does the zone now reach the vessel wall? (Remember the model's limit in section 5.)
4. **A large tumour.** Set a 35 mm tumour, beyond the ideal size. What does RF at the default
   settings leave behind? What does it take to get a margin over 5 mm all round?"""),

    ("code", f"""\
{WIDGET_MARKER}
from livermets_edu.widgets import ablation_simulator

ablation_simulator()"""),

    ("md", """\
Experiment 1 without the widget (for a printed copy), using the model directly:"""),

    ("code", """\
for watts in (20, 40, 80):
    run = simulate_ablation(AblationSetup(power_w=watts))
    print(f"RF set to {watts} W: {run.delivered_energy_j / run.setup.duration_s:.0f} W delivered "
          f"on average, zone {run.zone_diameters_mm()[0]:.0f} mm across")"""),

    # --- 8 · With surgery -------------------------------------------------------------------
    ("md", """\
## 8 · Ablation and surgery together
Ablation is not only an alternative to surgery. It can be done by itself, usually by
interventional radiologists, or combined with liver resection by liver surgeons, so that less
healthy liver is removed. Which treatments a patient is offered is decided by a multidisciplinary
team (lesson 04), weighing among other things the number and location of the tumours, where the
veins and arteries lie in relation to them, the health of the rest of the liver, the patient's
age and overall health, and the treatments already given.

This lesson does not teach the complications of ablation or compare its survival with
resection: the kit does not yet have sourced figures for them.

*Sources: a hospital patient-information page; Verywell Health; a patient-information article
on liver metastases.*"""),

    # --- 9 · Quiz ---------------------------------------------------------------------------
    *quiz_cells(BANK, 9),

    # --- Summary ----------------------------------------------------------------------------
    ("md", f"""\
## Summary
- **Thermal ablation** destroys a tumour in place through a needle placed through the skin under
  **ultrasound or CT** guidance. It suits **small** tumours (ideally solitary and no larger than
  {F["ideal"]}), tumours that cannot be resected or patients who cannot have surgery, and it can
  be **combined with resection** to spare healthy liver.
- Heat kills when it is **hot enough for long enough**. The Arrhenius integral Ω and the thermal
  dose CEM43 describe the build-up of damage; the {F["cem43"]} threshold is **uncertain for
  liver**.
- **RF** heats near the electrode and is limited by **impedance roll-off**; **microwave** heats
  farther out and makes larger zones, faster; **cryoablation** kills only where the ice reaches
  {F["cryo_lethal"]}, well inside the visible ice ball.
- A **large vessel** (over {F["vessel"]}) next to the tumour acts as a **heat sink** and raises
  local recurrence.
- **Covering the tumour is not enough:** the minimal margin predicts local control; aim for over
  5 mm, ideally more than {F["no_lp"]}.
- The simulator is a Pennes bioheat model with stated assumptions: a teaching tool, not a
  planning tool.

## What's next
Lesson 08, *Liver-directed therapy through the hepatic artery*, uses the dual blood supply of
lesson 01 to deliver chemoembolization (TACE), radioembolization (Y-90) and hepatic arterial
infusion.

## References
<<REFERENCES>>
{FURTHER_REFERENCES}

*For education only; not medical advice. The simulator is a teaching model, not a planning
tool.*"""),
]


def _check_claims() -> None:
    """The prose describes what the model and facts show; stop if they no longer do."""
    from livermets_edu.models.ablation import simulate_ablation
    from livermets_edu.models.thermal_damage import time_to_cem43, time_to_omega

    runs = {m: simulate_ablation(AblationSetup(modality=m)) for m in ("rfa", "microwave", "cryo")}
    rf, mw, cryo = runs["rfa"], runs["microwave"], runs["cryo"]
    set_energy = DEFAULT.power_w * DEFAULT.duration_s
    rf_range = facts.RFA_ABLATION_ZONE_DIAMETER
    littrup = facts.CRYO_LETHAL_ICE_DIAMETER_SINGLE_PROBE
    sink = {m: simulate_ablation(AblationSetup(modality=m, **derived.HEAT_SINK_CASE))
            for m in ("rfa", "microwave")}
    flat = [simulate_ablation(AblationSetup(power_w=w)).delivered_energy_j for w in (40, 80)]
    hottest = max(time_to_omega(70, 4.6), 60 * time_to_cem43(70))
    claims = {
        "RF delivers less than set": rf.delivered_energy_j < 0.9 * set_energy,
        "microwave delivers what is set": abs(mw.delivered_energy_j / set_energy - 1) < 1e-6,
        "microwave zone larger": mw.zone_diameters_mm()[0] > rf.zone_diameters_mm()[0],
        "one cryoprobe leaves tumour": cryo.minimal_margin_mm < 0,
        "RF zone in published range": rf_range.low * 10 <= rf.zone_diameters_mm()[0]
        <= rf_range.high * 10,
        "cryo same order as Littrup": 0.5 < derived.value("MODEL_CRYO_LETHAL_DIAMETER_10_MIN")
        / littrup.value < 2,
        "Littrup froze longer": "15 min" in littrup.note and DEFAULT.duration_s < 15 * 60,
        "heat sink: covered, thin on vessel side": 0 < sink["rfa"].margin_toward_vessel_mm < 5
        < sink["rfa"].margin_away_from_vessel_mm,
        "no method reaches the vessel wall": all(
            r.margin_toward_vessel_mm < r.setup.vessel_gap_mm for r in sink.values()
        ),
        "RF delivered power flat": flat[1] < 1.1 * flat[0],
        "a minute or more at 50 °C": min(time_to_omega(50, 1.0), 60 * time_to_cem43(50)) >= 60,
        "seconds or less at 70 °C": hottest < 2,
        "microwave larger and faster": facts.MWA_ABLATION_VOLUME_RCT.value
        > facts.RFA_ABLATION_VOLUME_RCT.value
        and facts.MWA_ABLATION_TIME_PORCINE.value < facts.RFA_ABLATION_TIME_PORCINE.value,
        "recurrence higher near vessels": facts.LOCAL_RECURRENCE_NEAR_LARGE_VESSEL.value
        > facts.LOCAL_RECURRENCE_AWAY_FROM_LARGE_VESSEL.value,
        "pig liver: RF heat sink": facts.RFA_SURFACE_TEMPERATURE_NEAR_VESSEL.value
        < facts.RFA_SURFACE_TEMPERATURE_PERIPHERAL.value - 10,
        "pig liver: no microwave heat sink": "no heat sink"
        in facts.MWA_SURFACE_TEMPERATURE_NEAR_VESSEL.note
        and abs(facts.MWA_SURFACE_TEMPERATURE_NEAR_VESSEL.value
                - facts.MWA_SURFACE_TEMPERATURE_PERIPHERAL.value) < 2,
        "CEM43 threshold flagged uncertain": not facts.CEM43_NECROSIS_THRESHOLD.verified,
    }
    wrong = [claim for claim, holds in claims.items() if not holds]
    if wrong:
        raise SystemExit(f"the lesson's text no longer matches the model or facts: {wrong}")


#: The bioheat equation is cited in clinical-facts.md §5 but holds no number in the facts.
PENNES = "Pennes HH, J Appl Physiol 1948; doi:10.1152/jappl.1948.1.2.93"
#: (what it supports, a fact citing it): each reference is that fact's source, as in facts.py.
REFERENCES: tuple[tuple[str, str], ...] = (
    ("liver properties", "LIVER_TISSUE_DENSITY"),
    ("blood properties and perfusion", "LIVER_BLOOD_PERFUSION_RATE"),
    ("Arrhenius constants for liver", "LIVER_ARRHENIUS_FREQUENCY_FACTOR"),
    ("what Ω means", "ARRHENIUS_OMEGA_63_PERCENT_DAMAGE"),
    ("CEM43 and its threshold", "CEM43_NECROSIS_THRESHOLD"),
    ("temperature rules of thumb", "HYPERTHERMIC_CELL_DEATH_TEMPERATURE"),
    ("vaporization and charring (not verified)", "VAPORIZATION_TEMPERATURE"),
    ("temperature at the zone's edge", "ABLATION_MARGIN_TEMPERATURE_RF"),
    ("the ideal lesion", "IDEAL_ABLATION_LESION_MAX_SIZE"),
    ("complete ablation of small tumours", "COMPLETE_ABLATION_RATE_UNDER_3_CM"),
    ("RF zone size", "RFA_ABLATION_ZONE_DIAMETER"),
    ("randomized trial of ablation volumes", "MWA_ABLATION_VOLUME_RCT"),
    ("perfused pig liver, RF versus microwave", "RFA_SURFACE_TEMPERATURE_NEAR_VESSEL"),
    ("vessels and local recurrence", "LOCAL_RECURRENCE_NEAR_LARGE_VESSEL"),
    ("flow and RF zone size", "RFA_SHORT_AXIS_LOSS_PER_10_ML_MIN_100G"),
    ("margins and local progression", "LPFS_2Y_MARGIN_0_MM"),
    ("margins by method", "LOCAL_PROGRESSION_HR_MARGIN_5_MM_OR_LESS_RFA"),
    ("lethal cryo temperature", "CRYOABLATION_LETHAL_TEMPERATURE"),
    ("lethal isotherm inside the ice ball", "CRYO_LETHAL_ISOTHERM_INSIDE_ICE_EDGE"),
    ("one cryoprobe; probe size", "CRYO_LETHAL_ICE_DIAMETER_SINGLE_PROBE"),
    ("RF electrode size (model)", "RF_ELECTRODE_DIAMETER"),
    ("argon's boiling point (model)", "ARGON_NORMAL_BOILING_POINT"),
)


def main() -> None:
    """Write the lesson notebook (without outputs)."""
    _check_claims()
    write(build(CELLS, REFERENCES, [f"- The bioheat equation: {PENNES}."]), LESSON)


if __name__ == "__main__":
    main()
