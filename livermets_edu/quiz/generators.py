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


# --- the generators ----------------------------------------------------------------------------
# Teaching ranges for a body, liver and tumour: plausible adults, on steps a stem can show.
HEIGHT_CM = Steps(150, 195, 5)
WEIGHT_KG = Steps(50, 110, 5)
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
# EANM glass dose ranges for colorectal metastases (Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC,
# 80–150 Gy to the perfused liver; Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT, 50–90 Gy to normal liver).
PERFUSED_LIVER_DOSE_GY = _dose_steps(facts.Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC)
NORMAL_LIVER_DOSE_GY = _dose_steps(facts.Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT)
# From the CEM43 reference (CEM43_REFERENCE_TEMPERATURE, 43 °C) up to where cell death comes
# within minutes (HYPERTHERMIC_CELL_DEATH_TEMPERATURE, 50 °C).
HOLD_TEMPERATURE_C = Steps(
    facts.CEM43_REFERENCE_TEMPERATURE.value, facts.HYPERTHERMIC_CELL_DEATH_TEMPERATURE.value, 1
)

# Constants a stem shows, taken from facts so a bank can print them with the variant.
DOSE_COEFFICIENT = facts.Y90_DOSE_COEFFICIENT_EANM.value
LIVER_DENSITY = facts.Y90_DOSIMETRY_LIVER_DENSITY.value
LUNG_MASS_KG = facts.Y90_ASSUMED_LUNG_MASS.value


@generator(
    "y90_bsa_activity",
    "Resin Y-90 activity by the BSA method, from height, weight (Mosteller BSA) and volumes.",
    inputs={
        "height_cm": HEIGHT_CM,
        "weight_kg": WEIGHT_KG,
        "tumour_volume_ml": TUMOUR_VOLUME_ML,
        "normal_liver_volume_ml": NORMAL_LIVER_VOLUME_ML,
    },
)
def y90_bsa_activity(rng: random.Random) -> dict[str, ParamValue]:
    """Height, weight, BSA (2 decimals, as shown) and volumes; the BSA-method activity in GBq."""
    height_cm, weight_kg = HEIGHT_CM.draw(rng), WEIGHT_KG.draw(rng)
    tumour_ml, normal_ml = TUMOUR_VOLUME_ML.draw(rng), NORMAL_LIVER_VOLUME_ML.draw(rng)
    # The stem shows BSA to 2 decimals, as a planning sheet does; the activity uses that figure.
    bsa_m2 = round(dosimetry.bsa_mosteller(height_cm, weight_kg), 2)
    return {
        "height_cm": height_cm,
        "weight_kg": weight_kg,
        "bsa_m2": bsa_m2,
        "tumour_volume_ml": tumour_ml,
        "normal_liver_volume_ml": normal_ml,
        "bsa_offset": facts.Y90_RESIN_BSA_METHOD_OFFSET.value,
        # For the explanation only: the activity uses the volumes, which the stem shows exactly.
        "tumour_percent": round(100 * tumour_ml / (tumour_ml + normal_ml), 1),
        "activity_gbq": dosimetry.bsa_activity_gbq(bsa_m2, tumour_ml, normal_ml),
    }


@generator(
    "y90_lung_dose",
    "Mean lung dose from the Y-90 activity and the lung shunt fraction (lung mass 1 kg).",
    inputs={"activity_gbq": ACTIVITY_GBQ, "lung_shunt_percent": LSF_ANY_PERCENT},
)
def y90_lung_dose(rng: random.Random) -> dict[str, ParamValue]:
    """Activity, LSF in %, the dose coefficient and lung mass; the lung dose in Gy."""
    activity_gbq, lsf_percent = ACTIVITY_GBQ.draw(rng), LSF_ANY_PERCENT.draw(rng)
    return {
        "activity_gbq": activity_gbq,
        "lung_shunt_percent": lsf_percent,
        "dose_coefficient": DOSE_COEFFICIENT,
        "lung_mass_kg": LUNG_MASS_KG,
        "lung_dose_gy": dosimetry.lung_dose_gy(
            activity_gbq, lsf_percent / 100, lung_mass_kg=LUNG_MASS_KG
        ),
    }


@generator(
    "y90_single_compartment_activity",
    "Glass Y-90 activity for a target perfused-liver dose (single-compartment, MIRD).",
    inputs={
        "target_dose_gy": PERFUSED_LIVER_DOSE_GY,
        "perfused_volume_ml": PERFUSED_LIVER_VOLUME_ML,
        "lung_shunt_percent": LSF_TREATABLE_PERCENT,
    },
)
def y90_single_compartment_activity(rng: random.Random) -> dict[str, ParamValue]:
    """Target dose, perfused volume, density, LSF in %; the perfused mass and activity in GBq."""
    dose_gy = PERFUSED_LIVER_DOSE_GY.draw(rng)
    volume_ml = PERFUSED_LIVER_VOLUME_ML.draw(rng)
    lsf_percent = LSF_TREATABLE_PERCENT.draw(rng)
    mass_kg = dosimetry.liver_mass_kg(volume_ml, density_g_per_ml=LIVER_DENSITY)
    return {
        "target_dose_gy": dose_gy,
        "perfused_volume_ml": volume_ml,
        "liver_density": LIVER_DENSITY,
        "lung_shunt_percent": lsf_percent,
        "dose_coefficient": DOSE_COEFFICIENT,
        "perfused_mass_kg": round(mass_kg, 4),  # volume × 1.03 / 1000 has at most 4 decimals
        "activity_gbq": dosimetry.single_compartment_activity_gbq(
            dose_gy, mass_kg, lsf_percent / 100
        ),
    }


@generator(
    "y90_partition_activity",
    "Y-90 activity that gives normal liver a chosen dose by the partition model (T/N ratio).",
    inputs={
        "normal_liver_dose_gy": NORMAL_LIVER_DOSE_GY,
        "tumour_to_normal": TUMOUR_TO_NORMAL,
        "tumour_volume_ml": TUMOUR_VOLUME_ML,
        "normal_liver_volume_ml": NORMAL_LIVER_VOLUME_ML,
        "lung_shunt_percent": LSF_TREATABLE_PERCENT,
    },
)
def y90_partition_activity(rng: random.Random) -> dict[str, ParamValue]:
    """Normal-liver dose, T/N, volumes, density, LSF in %; masses, activity and tumour dose."""
    dose_gy = NORMAL_LIVER_DOSE_GY.draw(rng)
    ratio = TUMOUR_TO_NORMAL.draw(rng)
    tumour_ml, normal_ml = TUMOUR_VOLUME_ML.draw(rng), NORMAL_LIVER_VOLUME_ML.draw(rng)
    lsf_percent = LSF_TREATABLE_PERCENT.draw(rng)
    tumour_kg = dosimetry.liver_mass_kg(tumour_ml, density_g_per_ml=LIVER_DENSITY)
    normal_kg = dosimetry.liver_mass_kg(normal_ml, density_g_per_ml=LIVER_DENSITY)
    lsf = lsf_percent / 100
    activity_gbq = dosimetry.partition_activity_gbq(dose_gy, ratio, tumour_kg, normal_kg, lsf)
    doses = dosimetry.partition_doses(activity_gbq, ratio, tumour_kg, normal_kg, lsf)
    return {
        "normal_liver_dose_gy": dose_gy,
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
    }


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
    "Minutes at a constant temperature until the thermal dose reaches the CEM43 threshold.",
    inputs={"temperature_c": HOLD_TEMPERATURE_C},
)
def thermal_dose_minutes(rng: random.Random) -> dict[str, ParamValue]:
    """Temperature, the CEM43 threshold and R; the minutes to reach the threshold."""
    temperature_c = HOLD_TEMPERATURE_C.draw(rng)
    return {
        "temperature_c": temperature_c,
        "threshold_cem43_min": facts.CEM43_NECROSIS_THRESHOLD.value,
        "r_above_43": facts.CEM43_R_AT_OR_ABOVE_43.value,
        "minutes": float(thermal_damage.time_to_cem43(temperature_c)),
    }
