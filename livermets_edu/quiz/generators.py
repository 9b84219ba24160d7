"""Parametrized questions: registered functions that make one variant of a numeric question.

A bank question names a generator (``generator: y90_lung_dose``); its text uses the
variant's params as ``{param:NAME}`` and its answer names one of them (``answer: {param:
lung_dose_gy}``). Nothing in a bank is evaluated: every generator is a Python function here,
and every answer comes from the package's models, never from a formula written again.

Each generator draws its inputs on round steps from teaching ranges (clinical ranges come
from :mod:`livermets_edu.facts`, named where used) and returns the inputs *as the stem shows
them* plus the answer computed from those shown inputs, so a learner who computes from the
stem gets the answer exactly.

The same seed gives the same variant on every run and Python version: each variant draws from
its own ``random.Random(seed)`` (integer seeding and ``randrange`` are stable across
versions), never from the global generator or ``hash()``.

For education only: not for treating patients.
"""

from __future__ import annotations

import math
import random
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from livermets_edu import facts
from livermets_edu.models import dosimetry, thermal_damage
from livermets_edu.names import did_you_mean

__all__ = [
    "GENERATORS",
    "Generator",
    "Steps",
    "Variant",
    "generator",
    "make_variant",
]

ParamValue = float | int | str
GeneratorFunction = Callable[[random.Random], dict[str, ParamValue]]

#: Longest text a param may hold: a word or short phrase for the stem, never a paragraph.
MAX_TEXT_PARAM = 60
_NAME = re.compile(r"^[a-z][a-z0-9_]*$")


@dataclass(frozen=True)
class Variant:
    """One concrete version of a parametrized question: its seed and every param's value."""

    seed: int
    params: Mapping[str, ParamValue]


@dataclass(frozen=True)
class Steps:
    """A teaching range drawn on round steps, e.g. height 150–195 cm in 5 cm steps."""

    low: float
    high: float
    step: float

    def __post_init__(self) -> None:
        if not (self.step > 0 and self.high >= self.low):
            raise ValueError(f"bad range {self.low}–{self.high} step {self.step}")
        if not math.isclose(self.count - 1, (self.high - self.low) / self.step):
            raise ValueError(f"{self.low}–{self.high} is not a whole number of {self.step} steps")

    @property
    def count(self) -> int:
        """How many values the range holds."""
        return round((self.high - self.low) / self.step) + 1

    @property
    def decimals(self) -> int:
        """Decimal places a value is shown with: as many as the step and the low end need."""
        return max(_decimals(self.low), _decimals(self.step))

    def value(self, index: int) -> float | int:
        """The ``index``-th value from the low end, rounded as shown (an int when whole)."""
        number = round(self.low + index * self.step, self.decimals)
        return int(number) if self.decimals == 0 else number

    def draw(self, rng: random.Random) -> float | int:
        """One value, every value equally likely."""
        return self.value(rng.randrange(self.count))

    def holds(self, number: float) -> bool:
        """True when ``number`` is one of the range's values."""
        index = (number - self.low) / self.step
        return 0 <= round(index) < self.count and math.isclose(index, round(index), abs_tol=1e-9)


def _decimals(number: float) -> int:
    text = f"{number:.10f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


@dataclass(frozen=True)
class Generator:
    """A registered generator: its name, what it asks, the function, and the params it gives.

    ``inputs`` are the drawn inputs with their ranges (the other params are computed);
    ``answers`` are the params computed from them, any of which a question may ask for.
    """

    name: str
    description: str
    function: GeneratorFunction
    param_names: frozenset[str]
    inputs: Mapping[str, Steps] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def answers(self) -> frozenset[str]:
        """The params that are not drawn: results computed from the inputs, and constants."""
        return self.param_names - set(self.inputs)


GENERATORS: dict[str, Generator] = {}


def _checked_params(name: str, params: object) -> dict[str, ParamValue]:
    """The params, or a clear error naming the generator when one is not a number or short text."""
    if not isinstance(params, dict):
        raise TypeError(f"generator {name!r} must return a dict, got {type(params).__name__}")
    for key, value in params.items():
        if not (isinstance(key, str) and _NAME.match(key)):
            raise ValueError(f"generator {name!r}: param name {key!r} must be snake_case")
        if isinstance(value, bool) or not isinstance(value, int | float | str):
            raise TypeError(
                f"generator {name!r}: param {key!r} must be a number or text, "
                f"got {type(value).__name__}"
            )
        if isinstance(value, float) and not math.isfinite(value):
            raise ValueError(f"generator {name!r}: param {key!r} is {value}, not a finite number")
        if isinstance(value, str) and not (0 < len(value) <= MAX_TEXT_PARAM):
            raise ValueError(
                f"generator {name!r}: text param {key!r} must be 1–{MAX_TEXT_PARAM} characters"
            )
    return dict(params)


def generator(
    name: str, description: str, *, inputs: Mapping[str, Steps] | None = None
) -> Callable[[GeneratorFunction], GeneratorFunction]:
    """Register ``f(rng) -> params`` under ``name``; its param names are read from seed 0."""
    if not _NAME.match(name):
        raise ValueError(f"generator name {name!r} must be snake_case")
    if name in GENERATORS:
        raise ValueError(f"a generator called {name!r} is already registered")

    def register(function: GeneratorFunction) -> GeneratorFunction:
        params = _checked_params(name, function(random.Random(0)))
        missing = set(inputs or {}) - set(params)
        if missing:
            raise ValueError(f"generator {name!r} declares inputs it never returns: {missing}")
        GENERATORS[name] = Generator(
            name=name,
            description=description,
            function=function,
            param_names=frozenset(params),
            inputs=MappingProxyType(dict(inputs or {})),
        )
        return function

    return register


def make_variant(name: str, seed: int) -> Variant:
    """The variant of generator ``name`` for ``seed``: the same seed gives the same variant."""
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"a variant seed must be an integer, got {seed!r}")
    try:
        chosen = GENERATORS[name]
    except KeyError:
        raise KeyError(f"no generator called {name!r}{did_you_mean(name, GENERATORS)}") from None
    params = _checked_params(name, chosen.function(random.Random(seed)))
    if set(params) != chosen.param_names:
        raise RuntimeError(
            f"generator {name!r} gave params {sorted(params)} for seed {seed}, "
            f"not the registered {sorted(chosen.param_names)}"
        )
    return Variant(seed=seed, params=MappingProxyType(params))


# --- redrawing ---------------------------------------------------------------------------------
#: Draws a generator may make before it gives up: every generator here accepts a good share of
#: its draws, so reaching this means its ranges and its limits no longer overlap (a bug).
MAX_DRAWS = 1000


def _redraw_until(
    name: str,
    rng: random.Random,
    draw: Callable[[random.Random], dict[str, ParamValue]],
    acceptable: Callable[[dict[str, ParamValue]], bool],
) -> dict[str, ParamValue]:
    """The first draw that is acceptable, drawing again from the same ``rng`` (so the same seed
    still gives the same variant); a RuntimeError if none is within ``MAX_DRAWS``."""
    for _ in range(MAX_DRAWS):
        params = draw(rng)
        if acceptable(params):
            return params
    raise RuntimeError(f"generator {name!r} found no acceptable variant in {MAX_DRAWS} draws")


def _lung_within_limits(activity_gbq: float, lung_shunt: float, *, glass: bool) -> bool:
    """True when the lung dose is within the per-session limit and, for glass, the activity
    shunted to the lungs within the TheraSphere limit: a plan that would not stop."""
    dose = dosimetry.lung_dose_gy(activity_gbq, lung_shunt, lung_mass_kg=LUNG_MASS_KG)
    if dose > facts.LUNG_DOSE_LIMIT_PER_SESSION.value:
        return False
    return not glass or activity_gbq * lung_shunt <= facts.Y90_GLASS_LUNG_ACTIVITY_LIMIT.value


# --- the generators ----------------------------------------------------------------------------
# Teaching ranges for a body, liver and tumour: plausible adults, on steps a stem can show.
HEIGHT_CM = Steps(150, 195, 5)
WEIGHT_KG = Steps(50, 110, 5)
# Teaching-input bounds, not clinical facts: a height and weight pair is redrawn when its BMI
# (kg/m²) falls outside this range, so no stem describes an implausible build.
TEACHING_BMI_RANGE = (18.5, 35.0)
TUMOUR_VOLUME_ML = Steps(50, 600, 50)
NORMAL_LIVER_VOLUME_ML = Steps(1000, 1800, 100)
PERFUSED_LIVER_VOLUME_ML = Steps(600, 1800, 100)
ACTIVITY_GBQ = Steps(1.0, 5.0, 0.1)
TUMOUR_TO_NORMAL = Steps(facts.TARANIS_TUMOUR_TO_NORMAL_RATIO_WARNING.value, 6.0, 0.5)
DAYS_AFTER_IMPLANT = Steps(1, 14, 1)


def _percent_steps(low: float, high: float, step: float = 1) -> Steps:
    """A range of fractions shown as whole percentages."""
    return Steps(round(low * 100), round(high * 100), step)


def _dose_steps(fact: facts.Fact, step: float = 5) -> Steps:
    """A fact's sourced dose range, on round steps."""
    assert fact.low is not None and fact.high is not None
    return Steps(fact.low, fact.high, step)


# Lung shunt: up to the resin no-treatment threshold (Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD, 20%)
# for the lung-dose question, which is about where the limits bite.
LSF_ANY_PERCENT = _percent_steps(0.01, facts.Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD.value)
# Below Sangro's withholding threshold (Y90_LSF_WITHHOLD_THRESHOLD_SANGRO, 15%) for questions
# that plan a treatment, so no variant plans one that would be withheld.
LSF_TREATABLE_PERCENT = _percent_steps(0.01, facts.Y90_LSF_WITHHOLD_THRESHOLD_SANGRO.value - 0.01)
# Up to the first resin reduction threshold (Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD, 10%) for
# the BSA method: at or below it the activity is not cut, so the answer is the BSA activity.
LSF_NO_REDUCTION_PERCENT = _percent_steps(0.01, facts.Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD.value)
# EANM glass dose range for colorectal metastases (Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC, 80–150 Gy
# to the perfused liver, single compartment).
PERFUSED_LIVER_DOSE_GY = _dose_steps(facts.Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC)
# Normal-liver target of the partition question: below EANM's glass limit for colorectal
# metastases (Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT: keep normal liver under 75 Gy), one step under
# it at most. Its 50/90 Gy range is the HCC whole-liver limit by bilirubin, not a target. The
# 40 Gy low end is a teaching input (no sourced floor), not a recommendation.
NORMAL_LIVER_DOSE_STEP_GY = 5
TEACHING_NORMAL_LIVER_DOSE_LOW_GY = 40
NORMAL_LIVER_DOSE_GY = Steps(
    TEACHING_NORMAL_LIVER_DOSE_LOW_GY,
    facts.Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT.value - NORMAL_LIVER_DOSE_STEP_GY,
    NORMAL_LIVER_DOSE_STEP_GY,
)
# From the CEM43 reference (CEM43_REFERENCE_TEMPERATURE, 43 °C) up to where cell death comes
# within minutes (HYPERTHERMIC_CELL_DEATH_TEMPERATURE, 50 °C).
HOLD_TEMPERATURE_C = Steps(
    facts.CEM43_REFERENCE_TEMPERATURE.value, facts.HYPERTHERMIC_CELL_DEATH_TEMPERATURE.value, 1
)

# Constants a stem shows, taken from facts so a bank can print them with the variant.
DOSE_COEFFICIENT = facts.Y90_DOSE_COEFFICIENT_EANM.value
LIVER_DENSITY = facts.Y90_DOSIMETRY_LIVER_DENSITY.value
LUNG_MASS_KG = facts.Y90_ASSUMED_LUNG_MASS.value
LUNG_LIMIT_GY = facts.LUNG_DOSE_LIMIT_PER_SESSION.value
#: The device a glass-microsphere question names, so its stem never leaves it to be guessed
#: (the limits differ: resin keeps normal liver under 40 Gy, glass under 75 Gy).
GLASS = "glass"


def _bmi(height_cm: float, weight_kg: float) -> float:
    """Body-mass index in kg/m²."""
    return weight_kg / (height_cm / 100) ** 2


def _draw_bsa_activity(rng: random.Random) -> dict[str, ParamValue]:
    """One draw of the BSA-method question, before its build is checked."""
    height_cm, weight_kg = HEIGHT_CM.draw(rng), WEIGHT_KG.draw(rng)
    tumour_ml, normal_ml = TUMOUR_VOLUME_ML.draw(rng), NORMAL_LIVER_VOLUME_ML.draw(rng)
    lsf_percent = LSF_NO_REDUCTION_PERCENT.draw(rng)
    # The stem shows BSA to 2 decimals, as a planning sheet does; the activity uses that figure.
    # DuBois, as the lesson and plan_y90 use.
    bsa_m2 = round(dosimetry.bsa_dubois(height_cm, weight_kg), 2)
    return {
        "height_cm": height_cm,
        "weight_kg": weight_kg,
        "bsa_m2": bsa_m2,
        "tumour_volume_ml": tumour_ml,
        "normal_liver_volume_ml": normal_ml,
        "lung_shunt_percent": lsf_percent,
        # The stem can say why no reduction applies: the shunt is at or below this threshold.
        "lsf_reduction_threshold_percent": round(
            100 * facts.Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD.value
        ),
        "bsa_offset": facts.Y90_RESIN_BSA_METHOD_OFFSET.value,
        # For the explanation only: the activity uses the volumes, which the stem shows exactly.
        "tumour_percent": round(100 * tumour_ml / (tumour_ml + normal_ml), 1),
        "activity_gbq": dosimetry.bsa_activity_gbq(bsa_m2, tumour_ml, normal_ml)
        * (1 - dosimetry.resin_lsf_activity_reduction(lsf_percent / 100)),
    }


def _plausible_build(params: Mapping[str, ParamValue]) -> bool:
    """True when the drawn height and weight give a BMI within the teaching range."""
    low, high = TEACHING_BMI_RANGE
    return low <= _bmi(float(params["height_cm"]), float(params["weight_kg"])) <= high


@generator(
    "y90_bsa_activity",
    "Resin Y-90 activity by the BSA method, from height, weight (DuBois BSA) and volumes, "
    "with a lung shunt too small to cut the activity.",
    inputs={
        "height_cm": HEIGHT_CM,
        "weight_kg": WEIGHT_KG,
        "tumour_volume_ml": TUMOUR_VOLUME_ML,
        "normal_liver_volume_ml": NORMAL_LIVER_VOLUME_ML,
        "lung_shunt_percent": LSF_NO_REDUCTION_PERCENT,
    },
)
def y90_bsa_activity(rng: random.Random) -> dict[str, ParamValue]:
    """Height, weight (a plausible build), BSA to 2 decimals, volumes and a lung shunt at or
    below the first reduction threshold; the BSA-method activity in GBq."""
    return _redraw_until("y90_bsa_activity", rng, _draw_bsa_activity, _plausible_build)


@generator(
    "y90_lung_dose",
    "Mean lung dose from the Y-90 activity and the lung shunt fraction (lung mass 1 kg); "
    "some variants are over the per-session limit, and say so.",
    inputs={"activity_gbq": ACTIVITY_GBQ, "lung_shunt_percent": LSF_ANY_PERCENT},
)
def y90_lung_dose(rng: random.Random) -> dict[str, ParamValue]:
    """Activity, LSF in %, the dose coefficient, lung mass and the per-session limit; the lung
    dose in Gy and whether it is over that limit ("yes" or "no")."""
    activity_gbq, lsf_percent = ACTIVITY_GBQ.draw(rng), LSF_ANY_PERCENT.draw(rng)
    lung_dose = dosimetry.lung_dose_gy(activity_gbq, lsf_percent / 100, lung_mass_kg=LUNG_MASS_KG)
    return {
        "activity_gbq": activity_gbq,
        "lung_shunt_percent": lsf_percent,
        "dose_coefficient": DOSE_COEFFICIENT,
        "lung_mass_kg": LUNG_MASS_KG,
        "lung_limit_gy": LUNG_LIMIT_GY,
        # A verdict, so a stem or explanation never presents a dose over the limit as given.
        "over_lung_limit": "yes" if lung_dose > LUNG_LIMIT_GY else "no",
        "lung_dose_gy": lung_dose,
    }


def _draw_single_compartment(rng: random.Random) -> dict[str, ParamValue]:
    """One draw of the single-compartment question, before its lungs are checked."""
    dose_gy = PERFUSED_LIVER_DOSE_GY.draw(rng)
    volume_ml = PERFUSED_LIVER_VOLUME_ML.draw(rng)
    lsf_percent = LSF_TREATABLE_PERCENT.draw(rng)
    mass_kg = dosimetry.liver_mass_kg(volume_ml, density_g_per_ml=LIVER_DENSITY)
    activity_gbq = dosimetry.single_compartment_activity_gbq(dose_gy, mass_kg, lsf_percent / 100)
    return {
        "device": GLASS,
        "target_dose_gy": dose_gy,
        "perfused_volume_ml": volume_ml,
        "liver_density": LIVER_DENSITY,
        "lung_shunt_percent": lsf_percent,
        "dose_coefficient": DOSE_COEFFICIENT,
        "perfused_mass_kg": round(mass_kg, 4),  # volume × 1.03 / 1000 has at most 4 decimals
        "activity_gbq": activity_gbq,
        "lung_dose_gy": dosimetry.lung_dose_gy(
            activity_gbq, lsf_percent / 100, lung_mass_kg=LUNG_MASS_KG
        ),
    }


def _glass_lungs_safe(params: Mapping[str, ParamValue]) -> bool:
    """True when a glass plan's lung dose and lung activity are within their limits."""
    lsf = float(params["lung_shunt_percent"]) / 100
    return _lung_within_limits(float(params["activity_gbq"]), lsf, glass=True)


@generator(
    "y90_single_compartment_activity",
    "Glass Y-90 activity for a target perfused-liver dose (single-compartment, MIRD), "
    "within the lung limits.",
    inputs={
        "target_dose_gy": PERFUSED_LIVER_DOSE_GY,
        "perfused_volume_ml": PERFUSED_LIVER_VOLUME_ML,
        "lung_shunt_percent": LSF_TREATABLE_PERCENT,
    },
)
def y90_single_compartment_activity(rng: random.Random) -> dict[str, ParamValue]:
    """Device, target dose, perfused volume, density, LSF in %; the perfused mass, the activity
    in GBq and the lung dose, redrawn until the lungs are within their limits."""
    return _redraw_until(
        "y90_single_compartment_activity", rng, _draw_single_compartment, _glass_lungs_safe
    )


def _draw_partition(rng: random.Random) -> dict[str, ParamValue]:
    """One draw of the partition question, before its tumour and lung doses are checked."""
    dose_gy = NORMAL_LIVER_DOSE_GY.draw(rng)
    ratio = TUMOUR_TO_NORMAL.draw(rng)
    tumour_ml, normal_ml = TUMOUR_VOLUME_ML.draw(rng), NORMAL_LIVER_VOLUME_ML.draw(rng)
    lsf_percent = LSF_TREATABLE_PERCENT.draw(rng)
    tumour_kg = dosimetry.liver_mass_kg(tumour_ml, density_g_per_ml=LIVER_DENSITY)
    normal_kg = dosimetry.liver_mass_kg(normal_ml, density_g_per_ml=LIVER_DENSITY)
    lsf = lsf_percent / 100
    activity_gbq = dosimetry.partition_activity_gbq(dose_gy, ratio, tumour_kg, normal_kg, lsf)
    doses = dosimetry.partition_doses(
        activity_gbq, ratio, tumour_kg, normal_kg, lsf, lung_mass_kg=LUNG_MASS_KG
    )
    return {
        "device": GLASS,
        "normal_liver_dose_gy": dose_gy,
        "normal_liver_limit_gy": facts.Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT.value,
        "tumour_dose_aim_gy": facts.Y90_GLASS_TUMOUR_DOSE_MCRC.value,
        "tumour_to_normal": ratio,
        "tumour_volume_ml": tumour_ml,
        "normal_liver_volume_ml": normal_ml,
        "liver_density": LIVER_DENSITY,
        "lung_shunt_percent": lsf_percent,
        "dose_coefficient": DOSE_COEFFICIENT,
        "tumour_mass_kg": round(tumour_kg, 4),
        "normal_liver_mass_kg": round(normal_kg, 4),
        "activity_gbq": activity_gbq,
        "tumour_dose_gy": doses.tumour_gy,
        "lung_dose_gy": doses.lung_gy,
    }


def _partition_plan_sound(params: Mapping[str, ParamValue]) -> bool:
    """The tumour reaches EANM's glass aim for colorectal metastases and the lungs are safe."""
    if float(params["tumour_dose_gy"]) < facts.Y90_GLASS_TUMOUR_DOSE_MCRC.value:
        return False
    return _glass_lungs_safe(params)


@generator(
    "y90_partition_activity",
    "Glass Y-90 activity that gives normal liver a chosen dose below its limit by the "
    "partition model (T/N ratio); the tumour reaches its aim and the lungs stay within limits.",
    inputs={
        "normal_liver_dose_gy": NORMAL_LIVER_DOSE_GY,
        "tumour_to_normal": TUMOUR_TO_NORMAL,
        "tumour_volume_ml": TUMOUR_VOLUME_ML,
        "normal_liver_volume_ml": NORMAL_LIVER_VOLUME_ML,
        "lung_shunt_percent": LSF_TREATABLE_PERCENT,
    },
)
def y90_partition_activity(rng: random.Random) -> dict[str, ParamValue]:
    """Device, normal-liver dose and limit, tumour aim, T/N, volumes, density, LSF in %; masses,
    activity, tumour and lung doses, redrawn until the plan is one EANM would accept."""
    return _redraw_until("y90_partition_activity", rng, _draw_partition, _partition_plan_sound)


@generator(
    "y90_dose_delivered",
    "Share of the total Y-90 dose delivered a whole number of days after implantation.",
    inputs={"days": DAYS_AFTER_IMPLANT},
)
def y90_dose_delivered(rng: random.Random) -> dict[str, ParamValue]:
    """Days, hours and the half-life; the percentage of the dose delivered by then."""
    days = DAYS_AFTER_IMPLANT.draw(rng)
    hours = 24 * days
    return {
        "days": days,
        "hours": hours,
        "half_life_h": dosimetry.HALF_LIFE_H,
        "percent_delivered": 100 * dosimetry.fraction_of_dose_delivered(hours),
    }


@generator(
    "thermal_dose_minutes",
    "Minutes at a constant temperature until the thermal dose reaches a CEM43 threshold given "
    "in the stem (a general threshold, not one checked for liver).",
    inputs={"temperature_c": HOLD_TEMPERATURE_C},
)
def thermal_dose_minutes(rng: random.Random) -> dict[str, ParamValue]:
    """Temperature, the CEM43 threshold and R; the minutes to reach the threshold.

    Caveat: the threshold (CEM43_NECROSIS_THRESHOLD, 240 CEM43 min) is unverified
    (``verified=False``), not checked for liver, and tissue-dependent (see the fact's note).
    A stem must present ``threshold_cem43_min`` as a given of the exercise, never as
    the liver's necrosis threshold.
    """
    temperature_c = HOLD_TEMPERATURE_C.draw(rng)
    return {
        "temperature_c": temperature_c,
        "threshold_cem43_min": facts.CEM43_NECROSIS_THRESHOLD.value,
        "r_above_43": facts.CEM43_R_AT_OR_ABOVE_43.value,
        "minutes": float(thermal_damage.time_to_cem43(temperature_c)),
    }
