"""Y-90 radioembolization dosimetry: decay, activity planning, and the doses a plan gives.

The formulas teachers and planning software use, each with its source in
:mod:`livermets_edu.facts`:

- **Decay.** Y-90 decays with a 64.1 h half-life; the dose is delivered as it decays, so the
  share delivered by time t is 1 − 2^(−t/T½).
- **Energy per GBq.** One GBq decaying completely deposits about 50 J (the TheraSphere label's
  convention) or 49.67 J (EANM and most code); first principles give 49.4–50.0 J depending on
  the mean β energy quoted. Every function takes it as ``dose_coefficient`` (J/GBq = Gy·kg/GBq).
- **Single-compartment (MIRD)**, glass: D = k·A·(1 − LSF)/M over the perfused liver.
- **BSA method**, resin: A = (BSA − 0.2) + V_tumour/(V_tumour + V_normal), reduced by 20% / 40%
  or withheld when the lung shunt exceeds 10% / 15% / 20%.
- **Partition model** (Ho 1996): the activity reaching the liver splits between tumour and normal
  liver by the tumour-to-normal ratio T/N of activity *concentrations*:
  D_N = k·A·(1 − LSF)/(T/N·M_T + M_N), D_T = T/N·D_N.
- **Lung dose**: D_L = k·A·LSF/M_lung, with M_lung usually 1 kg; limits 30 Gy a session and
  50 Gy cumulative.

Assumptions, stated so a learner can question them: microspheres stay where they lodge and
deposit all their energy locally (no β range, so doses are compartment means); the perfused
liver is everything the catheter feeds, with tumour inside it; T/N and LSF come from a Tc-99m
MAA scan that predicts where the spheres will go.

For education only: not for treating patients.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from enum import Enum

from livermets_edu import facts

__all__ = [
    "Check",
    "Device",
    "Doses",
    "Method",
    "PlanInputs",
    "Severity",
    "Y90Plan",
    "activity_remaining_gbq",
    "bsa_activity_gbq",
    "bsa_dubois",
    "bsa_mosteller",
    "dose_coefficient_from_decay",
    "fraction_of_dose_delivered",
    "hours_to_deliver",
    "liver_mass_kg",
    "lung_dose_from_lung_activity_gy",
    "lung_dose_gy",
    "lung_mass_from_ct_g",
    "lung_shunt_fraction",
    "lung_shunt_fraction_planar",
    "partition_activity_gbq",
    "partition_doses",
    "plan_y90",
    "resin_lsf_activity_reduction",
    "single_compartment_activity_gbq",
    "single_compartment_dose_gy",
]

HALF_LIFE_H = facts.Y90_HALF_LIFE.value
EANM_COEFFICIENT = facts.Y90_DOSE_COEFFICIENT_EANM.value
LABEL_COEFFICIENT = facts.Y90_DOSE_COEFFICIENT_LABEL.value
LIVER_DENSITY = facts.Y90_DOSIMETRY_LIVER_DENSITY.value
LUNG_MASS_KG = facts.Y90_ASSUMED_LUNG_MASS.value
_SECONDS_PER_HOUR = 3600.0


# --- input checks ------------------------------------------------------------------------------
#: Relative slack when a dose is held against its limit: a plan aimed exactly at a limit must
#: not be flagged as over it because of floating-point round-off.
_LIMIT_SLACK = 1e-9


def _number(name: str, value: float) -> float:
    try:
        return float(value)
    except (TypeError, ValueError):
        raise ValueError(f"{name} must be a number, got {value!r}") from None


def _positive(name: str, value: float) -> float:
    value = _number(name, value)
    if not math.isfinite(value) or value <= 0.0:
        raise ValueError(f"{name} must be a positive number, got {value:g}")
    return value


def _non_negative(name: str, value: float) -> float:
    value = _number(name, value)
    if not math.isfinite(value) or value < 0.0:
        raise ValueError(f"{name} must be zero or more, got {value:g}")
    return value


def _shunt(name: str, value: float) -> float:
    value = _number(name, value)
    if not math.isfinite(value) or not 0.0 <= value < 1.0:
        raise ValueError(
            f"{name} must be a fraction from 0 up to (not including) 1, got {value:g}; "
            "a lung shunt of 1 would send every microsphere to the lungs"
        )
    return value


# --- decay -------------------------------------------------------------------------------------
def activity_remaining_gbq(
    activity_gbq: float, hours: float, *, half_life_h: float = HALF_LIFE_H
) -> float:
    """Activity left after ``hours`` of decay."""
    _non_negative("activity_gbq", activity_gbq)
    _non_negative("hours", hours)
    _positive("half_life_h", half_life_h)
    return activity_gbq * 2.0 ** (-hours / half_life_h)


def fraction_of_dose_delivered(hours: float, *, half_life_h: float = HALF_LIFE_H) -> float:
    """Share of the total dose delivered ``hours`` after implantation: 1 − 2^(−t/T½)."""
    _non_negative("hours", hours)
    _positive("half_life_h", half_life_h)
    return 1.0 - 2.0 ** (-hours / half_life_h)


def hours_to_deliver(fraction: float, *, half_life_h: float = HALF_LIFE_H) -> float:
    """Hours until ``fraction`` of the total dose has been delivered."""
    fraction = _number("fraction", fraction)
    if not 0.0 <= fraction < 1.0:
        raise ValueError(f"fraction must lie in [0, 1), got {fraction:g}")
    _positive("half_life_h", half_life_h)
    return -half_life_h * math.log2(1.0 - fraction)


def dose_coefficient_from_decay(
    *,
    half_life_h: float = HALF_LIFE_H,
    mean_beta_energy_mev: float = facts.Y90_MEAN_BETA_ENERGY.value,
) -> float:
    """J deposited by 1 GBq decaying completely: decays (1e9·T½/ln 2) × mean β energy."""
    _positive("half_life_h", half_life_h)
    _positive("mean_beta_energy_mev", mean_beta_energy_mev)
    decays = 1e9 * half_life_h * _SECONDS_PER_HOUR / math.log(2.0)
    joules_per_mev = 1e6 * facts.ELECTRONVOLT.value
    return decays * mean_beta_energy_mev * joules_per_mev


# --- body size and masses ----------------------------------------------------------------------
def bsa_mosteller(height_cm: float, weight_kg: float) -> float:
    """Body surface area in m² by Mosteller: √(H[cm]·W[kg]/3600)."""
    _positive("height_cm", height_cm)
    _positive("weight_kg", weight_kg)
    return math.sqrt(height_cm * weight_kg / facts.MOSTELLER_DIVISOR.value)


def bsa_dubois(height_cm: float, weight_kg: float) -> float:
    """Body surface area in m² by DuBois: 0.20247·H[m]^0.725·W[kg]^0.425."""
    _positive("height_cm", height_cm)
    _positive("weight_kg", weight_kg)
    return (
        facts.DUBOIS_COEFFICIENT.value
        * (height_cm / 100.0) ** facts.DUBOIS_HEIGHT_EXPONENT.value
        * weight_kg**facts.DUBOIS_WEIGHT_EXPONENT.value
    )


def liver_mass_kg(volume_ml: float, *, density_g_per_ml: float = LIVER_DENSITY) -> float:
    """Mass in kg of liver (or tumour) tissue of the given volume."""
    _non_negative("volume_ml", volume_ml)
    _positive("density_g_per_ml", density_g_per_ml)
    return volume_ml * density_g_per_ml / 1000.0


def lung_mass_from_ct_g(volume_ml: float, mean_hu: float) -> float:
    """Lung mass in g from its CT volume and mean attenuation: density = (HU + 1000)/1000 g/mL.

    Air is −1000 HU (no mass) and water 0 HU (1 g/mL); a lung typically sits near −700 HU.
    """
    _non_negative("volume_ml", volume_ml)
    mean_hu = _number("mean_hu", mean_hu)
    if not math.isfinite(mean_hu) or mean_hu < -1000.0:
        raise ValueError(f"mean_hu cannot be below −1000 HU (air), got {mean_hu:g}")
    return volume_ml * (mean_hu + 1000.0) / 1000.0


# --- lung shunt --------------------------------------------------------------------------------
def lung_shunt_fraction(lung_counts: float, liver_counts: float) -> float:
    """LSF from counts on a Tc-99m MAA scan: lung / (lung + liver)."""
    _non_negative("lung_counts", lung_counts)
    _non_negative("liver_counts", liver_counts)
    if liver_counts == 0.0:
        raise ValueError("liver_counts must be above 0: with no liver counts there is no shunt")
    return lung_counts / (lung_counts + liver_counts)


def lung_shunt_fraction_planar(
    lung_anterior: float, lung_posterior: float, liver_anterior: float, liver_posterior: float
) -> float:
    """LSF from planar anterior and posterior views, by the geometric mean of each pair."""
    counts = {
        "lung_anterior": lung_anterior,
        "lung_posterior": lung_posterior,
        "liver_anterior": liver_anterior,
        "liver_posterior": liver_posterior,
    }
    for name, value in counts.items():
        _non_negative(name, value)
    lung = math.sqrt(lung_anterior * lung_posterior)
    liver = math.sqrt(liver_anterior * liver_posterior)
    return lung_shunt_fraction(lung, liver)


def lung_dose_from_lung_activity_gy(
    lung_activity_gbq: float,
    *,
    lung_mass_kg: float = LUNG_MASS_KG,
    dose_coefficient: float = EANM_COEFFICIENT,
) -> float:
    """Mean lung dose in Gy when ``lung_activity_gbq`` lodges in the lungs: k·A_lung / M_lung."""
    _non_negative("lung_activity_gbq", lung_activity_gbq)
    _positive("lung_mass_kg", lung_mass_kg)
    _positive("dose_coefficient", dose_coefficient)
    return dose_coefficient * lung_activity_gbq / lung_mass_kg


def lung_dose_gy(
    activity_gbq: float,
    lung_shunt: float,
    *,
    lung_mass_kg: float = LUNG_MASS_KG,
    dose_coefficient: float = EANM_COEFFICIENT,
) -> float:
    """Mean lung dose in Gy: k·A·LSF / M_lung."""
    _non_negative("activity_gbq", activity_gbq)
    _shunt("lung_shunt", lung_shunt)
    return lung_dose_from_lung_activity_gy(
        activity_gbq * lung_shunt, lung_mass_kg=lung_mass_kg, dose_coefficient=dose_coefficient
    )


# --- activity planning -------------------------------------------------------------------------
def single_compartment_dose_gy(
    activity_gbq: float,
    perfused_mass_kg: float,
    lung_shunt: float,
    *,
    dose_coefficient: float = EANM_COEFFICIENT,
) -> float:
    """Mean dose to the perfused liver (tumour and normal alike): k·A·(1 − LSF)/M."""
    _non_negative("activity_gbq", activity_gbq)
    _positive("perfused_mass_kg", perfused_mass_kg)
    _shunt("lung_shunt", lung_shunt)
    _positive("dose_coefficient", dose_coefficient)
    return dose_coefficient * activity_gbq * (1.0 - lung_shunt) / perfused_mass_kg


def single_compartment_activity_gbq(
    target_dose_gy: float,
    perfused_mass_kg: float,
    lung_shunt: float,
    *,
    dose_coefficient: float = EANM_COEFFICIENT,
) -> float:
    """Activity giving the perfused liver a mean dose of ``target_dose_gy``: D·M/(k·(1 − LSF))."""
    _non_negative("target_dose_gy", target_dose_gy)
    _positive("perfused_mass_kg", perfused_mass_kg)
    _shunt("lung_shunt", lung_shunt)
    _positive("dose_coefficient", dose_coefficient)
    return target_dose_gy * perfused_mass_kg / (dose_coefficient * (1.0 - lung_shunt))


def bsa_activity_gbq(
    bsa_m2: float, tumour_volume_ml: float, normal_liver_volume_ml: float
) -> float:
    """Resin BSA-method activity before any lung-shunt reduction: (BSA − 0.2) + tumour share."""
    _positive("bsa_m2", bsa_m2)
    _non_negative("tumour_volume_ml", tumour_volume_ml)
    _positive("normal_liver_volume_ml", normal_liver_volume_ml)
    offset = facts.Y90_RESIN_BSA_METHOD_OFFSET.value
    if bsa_m2 <= offset:
        raise ValueError(f"bsa_m2 must be above {offset:g} m² for the BSA method, got {bsa_m2:g}")
    involvement = tumour_volume_ml / (tumour_volume_ml + normal_liver_volume_ml)
    return (bsa_m2 - offset) + involvement


def resin_lsf_activity_reduction(lung_shunt: float) -> float:
    """Share by which the resin BSA activity is cut for this lung shunt: 0, 0.2, 0.4 or 1 (none).

    The tiers (>10%, >15%, >20%) follow van Roekel's summary of Kennedy 2007; practice varies.
    """
    _shunt("lung_shunt", lung_shunt)
    tiers = (
        (facts.Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD.value, 1.0),
        (
            facts.Y90_RESIN_LSF_SECOND_REDUCTION_THRESHOLD.value,
            facts.Y90_RESIN_LSF_SECOND_ACTIVITY_REDUCTION.value,
        ),
        (
            facts.Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD.value,
            facts.Y90_RESIN_LSF_FIRST_ACTIVITY_REDUCTION.value,
        ),
    )
    for threshold, reduction in tiers:
        if lung_shunt > threshold:
            return reduction
    return 0.0


def _partition_inputs(
    tumour_to_normal: float, tumour_mass_kg: float, normal_mass_kg: float, lung_shunt: float
) -> None:
    _positive("tumour_to_normal", tumour_to_normal)
    _non_negative("tumour_mass_kg", tumour_mass_kg)
    _positive("normal_mass_kg", normal_mass_kg)
    _shunt("lung_shunt", lung_shunt)


def partition_activity_gbq(
    normal_liver_dose_gy: float,
    tumour_to_normal: float,
    tumour_mass_kg: float,
    normal_mass_kg: float,
    lung_shunt: float,
    *,
    dose_coefficient: float = EANM_COEFFICIENT,
) -> float:
    """Activity giving normal liver ``normal_liver_dose_gy``: D_N·(T/N·M_T + M_N)/(k·(1 − LSF))."""
    _non_negative("normal_liver_dose_gy", normal_liver_dose_gy)
    _partition_inputs(tumour_to_normal, tumour_mass_kg, normal_mass_kg, lung_shunt)
    _positive("dose_coefficient", dose_coefficient)
    weighted_mass = tumour_to_normal * tumour_mass_kg + normal_mass_kg
    return normal_liver_dose_gy * weighted_mass / (dose_coefficient * (1.0 - lung_shunt))


@dataclass(frozen=True)
class Doses:
    """Mean absorbed doses in Gy from one activity, by compartment."""

    tumour_gy: float
    normal_liver_gy: float
    perfused_liver_gy: float
    lung_gy: float


def partition_doses(
    activity_gbq: float,
    tumour_to_normal: float,
    tumour_mass_kg: float,
    normal_mass_kg: float,
    lung_shunt: float,
    *,
    lung_mass_kg: float = LUNG_MASS_KG,
    dose_coefficient: float = EANM_COEFFICIENT,
) -> Doses:
    """Tumour, normal-liver, whole-perfused-liver and lung doses by the partition model."""
    _non_negative("activity_gbq", activity_gbq)
    _partition_inputs(tumour_to_normal, tumour_mass_kg, normal_mass_kg, lung_shunt)
    _positive("dose_coefficient", dose_coefficient)
    liver_energy_j = dose_coefficient * activity_gbq * (1.0 - lung_shunt)
    normal = liver_energy_j / (tumour_to_normal * tumour_mass_kg + normal_mass_kg)
    return Doses(
        tumour_gy=tumour_to_normal * normal,
        normal_liver_gy=normal,
        perfused_liver_gy=liver_energy_j / (tumour_mass_kg + normal_mass_kg),
        lung_gy=lung_dose_gy(
            activity_gbq,
            lung_shunt,
            lung_mass_kg=lung_mass_kg,
            dose_coefficient=dose_coefficient,
        ),
    )


# --- a whole plan ------------------------------------------------------------------------------
class Device(str, Enum):
    """Y-90 microsphere type."""

    GLASS = "glass"
    RESIN = "resin"


class Method(str, Enum):
    """How the activity is chosen."""

    SINGLE_COMPARTMENT = "single_compartment"
    BSA = "bsa"
    PARTITION = "partition"


class Severity(str, Enum):
    """How much a crossed check matters: a stop blocks treatment, a warning needs a second look."""

    STOP = "stop"
    WARNING = "warning"


@dataclass(frozen=True)
class Check:
    """One threshold a plan is held against: the value, the limit, whether it is crossed, why
    it matters and the fact the limit comes from."""

    name: str
    value: float
    limit: float
    crossed: bool
    severity: Severity
    message: str
    fact: str

    @property
    def source(self) -> str:
        """Where the threshold comes from."""
        return facts.get(self.fact).source


#: The target a method aims at, by default: a sourced dose (the partition model aims at the
#: normal-liver limit, i.e. the most activity normal liver tolerates).
DEFAULT_TARGET_FACT = {
    (Device.GLASS, Method.SINGLE_COMPARTMENT): "Y90_GLASS_PERFUSED_LIVER_DOSE_MCRC",
    (Device.GLASS, Method.PARTITION): "Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT",
    (Device.RESIN, Method.PARTITION): "TARANIS_NORMAL_LIVER_WARNING_DOSE_RESIN",
}


@dataclass(frozen=True)
class PlanInputs:
    """What a planner needs: the patient, the MAA scan, the device and the method.

    ``liver_volume_ml`` is the perfused liver (all the catheter feeds), tumour included. The
    BSA method is defined for treating the whole liver, so with it ``liver_volume_ml`` must be
    the whole liver; scaling its activity to one lobe is not modelled (no source at hand).
    ``target_dose_gy`` is the perfused-liver dose (single compartment) or the normal-liver
    dose (partition) and is ignored by the BSA method. ``None`` takes the sourced default.
    """

    height_cm: float
    weight_kg: float
    liver_volume_ml: float
    tumour_volume_ml: float
    lung_shunt: float
    tumour_to_normal: float
    device: Device = Device.GLASS
    method: Method = Method.SINGLE_COMPARTMENT
    target_dose_gy: float | None = None
    dose_coefficient: float = EANM_COEFFICIENT
    lung_mass_kg: float = LUNG_MASS_KG
    previous_lung_dose_gy: float = 0.0
    density_g_per_ml: float = LIVER_DENSITY

    def __post_init__(self) -> None:
        object.__setattr__(self, "device", Device(self.device))
        object.__setattr__(self, "method", Method(self.method))
        _positive("height_cm", self.height_cm)
        _positive("weight_kg", self.weight_kg)
        _positive("liver_volume_ml", self.liver_volume_ml)
        _non_negative("tumour_volume_ml", self.tumour_volume_ml)
        if self.tumour_volume_ml >= self.liver_volume_ml:
            raise ValueError(
                f"tumour_volume_ml ({self.tumour_volume_ml:g}) must be less than "
                f"liver_volume_ml ({self.liver_volume_ml:g}), which includes the tumour"
            )
        _shunt("lung_shunt", self.lung_shunt)
        _positive("tumour_to_normal", self.tumour_to_normal)
        if self.target_dose_gy is not None:
            _positive("target_dose_gy", self.target_dose_gy)
        _positive("dose_coefficient", self.dose_coefficient)
        _positive("lung_mass_kg", self.lung_mass_kg)
        _non_negative("previous_lung_dose_gy", self.previous_lung_dose_gy)
        _positive("density_g_per_ml", self.density_g_per_ml)
        if self.method is Method.BSA and self.device is not Device.RESIN:
            raise ValueError("method 'bsa' is the resin-microsphere method; use device 'resin'")
        if self.method is Method.SINGLE_COMPARTMENT and self.device is not Device.GLASS:
            raise ValueError(
                "method 'single_compartment' is the glass-microsphere method here; "
                "for resin use 'bsa' or 'partition'"
            )

    @property
    def normal_liver_volume_ml(self) -> float:
        """Perfused liver that is not tumour."""
        return self.liver_volume_ml - self.tumour_volume_ml

    @property
    def target_dose(self) -> float | None:
        """The target dose in Gy: the one given, else the sourced default for device and method;
        None for the BSA method, which has no target dose."""
        if self.method is Method.BSA:
            return None
        if self.target_dose_gy is not None:
            return self.target_dose_gy
        return facts.get(DEFAULT_TARGET_FACT[self.device, self.method]).value


@dataclass(frozen=True)
class Y90Plan:
    """A prescribed activity, the doses it gives, and the checks it passes or fails."""

    inputs: PlanInputs
    bsa_m2: float
    planned_activity_gbq: float
    lsf_reduction: float
    activity_gbq: float
    doses: Doses
    cumulative_lung_gy: float
    checks: tuple[Check, ...] = field(default=())

    @property
    def lung_activity_gbq(self) -> float:
        """Activity that shunts to the lungs."""
        return self.activity_gbq * self.inputs.lung_shunt

    @property
    def crossed(self) -> tuple[Check, ...]:
        """The checks this plan fails, stops first."""
        order = {Severity.STOP: 0, Severity.WARNING: 1}
        return tuple(sorted((c for c in self.checks if c.crossed), key=lambda c: order[c.severity]))

    @property
    def treatable(self) -> bool:
        """False when any stop is crossed (e.g. the lung would get more than its limit)."""
        return self.activity_gbq > 0.0 and not any(
            c.severity is Severity.STOP for c in self.crossed
        )


def plan_y90(inputs: PlanInputs) -> Y90Plan:
    """Prescribe an activity by the chosen method and compute every dose and check."""
    bsa = bsa_dubois(inputs.height_cm, inputs.weight_kg)
    tumour_mass = liver_mass_kg(inputs.tumour_volume_ml, density_g_per_ml=inputs.density_g_per_ml)
    normal_mass = liver_mass_kg(
        inputs.normal_liver_volume_ml, density_g_per_ml=inputs.density_g_per_ml
    )
    reduction = 0.0
    if inputs.method is Method.SINGLE_COMPARTMENT:
        planned = single_compartment_activity_gbq(
            inputs.target_dose,  # type: ignore[arg-type]  # not None for this method
            tumour_mass + normal_mass,
            inputs.lung_shunt,
            dose_coefficient=inputs.dose_coefficient,
        )
    elif inputs.method is Method.PARTITION:
        planned = partition_activity_gbq(
            inputs.target_dose,  # type: ignore[arg-type]  # not None for this method
            inputs.tumour_to_normal,
            tumour_mass,
            normal_mass,
            inputs.lung_shunt,
            dose_coefficient=inputs.dose_coefficient,
        )
    else:
        planned = bsa_activity_gbq(bsa, inputs.tumour_volume_ml, inputs.normal_liver_volume_ml)
        reduction = resin_lsf_activity_reduction(inputs.lung_shunt)
    activity = planned * (1.0 - reduction)
    doses = partition_doses(
        activity,
        inputs.tumour_to_normal,
        tumour_mass,
        normal_mass,
        inputs.lung_shunt,
        lung_mass_kg=inputs.lung_mass_kg,
        dose_coefficient=inputs.dose_coefficient,
    )
    cumulative = inputs.previous_lung_dose_gy + doses.lung_gy
    plan = Y90Plan(inputs, bsa, planned, reduction, activity, doses, cumulative)
    return replace(plan, checks=_checks(plan))


def _over(value: float, limit: float) -> bool:
    return value > limit * (1.0 + _LIMIT_SLACK)


def _under(value: float, limit: float) -> bool:
    return value < limit * (1.0 - _LIMIT_SLACK)


def _fact_check(
    name: str, value: float, fact: str, *, minimum: bool, severity: Severity, message: str
) -> Check:
    """A check of ``value`` against the fact's value: a minimum to reach or a maximum to keep."""
    limit = facts.get(fact).value
    crossed = _under(value, limit) if minimum else _over(value, limit)
    return Check(name, value, limit, crossed, severity, message, fact)


def _checks(plan: Y90Plan) -> tuple[Check, ...]:
    inputs, doses = plan.inputs, plan.doses
    glass = inputs.device is Device.GLASS
    lsf = inputs.lung_shunt
    device = inputs.device.value
    checks = [
        _fact_check(
            "lung_dose_per_session",
            doses.lung_gy,
            "LUNG_DOSE_LIMIT_PER_SESSION",
            minimum=False,
            severity=Severity.STOP,
            message=f"Lung dose {doses.lung_gy:.1f} Gy against a limit of "
            f"{facts.LUNG_DOSE_LIMIT_PER_SESSION.text} a session: above it, radiation "
            "pneumonitis becomes a risk.",
        ),
        _fact_check(
            "lung_dose_cumulative",
            plan.cumulative_lung_gy,
            "LUNG_DOSE_LIMIT_CUMULATIVE",
            minimum=False,
            severity=Severity.STOP,
            message=f"Cumulative lung dose {plan.cumulative_lung_gy:.1f} Gy against a limit of "
            f"{facts.LUNG_DOSE_LIMIT_CUMULATIVE.text} over all sessions.",
        ),
    ]
    if glass:
        checks.append(
            _fact_check(
                "glass_lung_activity",
                plan.lung_activity_gbq,
                "Y90_GLASS_LUNG_ACTIVITY_LIMIT",
                minimum=False,
                severity=Severity.STOP,
                message=f"{plan.lung_activity_gbq:.2f} GBq would shunt to the lungs; the "
                f"TheraSphere label allows at most {facts.Y90_GLASS_LUNG_ACTIVITY_LIMIT.text}.",
            )
        )
    if inputs.method is Method.BSA:
        withheld = plan.lsf_reduction >= 1.0
        threshold = (
            "Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD"
            if withheld
            else "Y90_RESIN_LSF_FIRST_REDUCTION_THRESHOLD"
        )
        checks.append(
            Check(
                "resin_lsf_reduction",
                lsf,
                facts.get(threshold).value,
                plan.lsf_reduction > 0.0,
                Severity.STOP if withheld else Severity.WARNING,
                (
                    f"Lung shunt {lsf:.0%} is above "
                    f"{facts.Y90_RESIN_LSF_NO_TREATMENT_THRESHOLD.text}: no resin treatment."
                    if withheld
                    else f"Lung shunt {lsf:.0%}: the BSA activity is cut by "
                    f"{plan.lsf_reduction:.0%} to {plan.activity_gbq:.2f} GBq."
                ),
                threshold,
            )
        )
    sangro = facts.Y90_LSF_WITHHOLD_THRESHOLD_SANGRO.value
    checks.append(
        Check(
            "lsf_withhold_sangro",
            lsf,
            sangro,
            lsf >= sangro * (1.0 - _LIMIT_SLACK),
            Severity.WARNING,
            f"Lung shunt {lsf:.0%}: Sangro proposes withholding treatment from "
            f"{sangro:.0%}; practice varies.",
            "Y90_LSF_WITHHOLD_THRESHOLD_SANGRO",
        )
    )
    normal_fact = (
        "Y90_GLASS_NORMAL_LIVER_DOSE_LIMIT" if glass else "TARANIS_NORMAL_LIVER_WARNING_DOSE_RESIN"
    )
    checks.append(
        _fact_check(
            "normal_liver_dose",
            doses.normal_liver_gy,
            normal_fact,
            minimum=False,
            severity=Severity.WARNING,
            message=f"Normal liver {doses.normal_liver_gy:.0f} Gy against "
            f"{facts.get(normal_fact).text} for {device} microspheres: above it, "
            "radioembolization-induced liver disease becomes more likely.",
        )
    )
    tumour_fact = "Y90_GLASS_TUMOUR_DOSE_MCRC" if glass else "TARANIS_TUMOUR_MIN_DOSE_RESIN"
    checks.append(
        _fact_check(
            "tumour_dose",
            doses.tumour_gy,
            tumour_fact,
            minimum=True,
            severity=Severity.WARNING,
            message=f"Tumour {doses.tumour_gy:.0f} Gy against at least "
            f"{facts.get(tumour_fact).text} for {device} microspheres: below it, the tumour "
            "may not respond.",
        )
    )
    ratio = facts.TARANIS_TUMOUR_TO_NORMAL_RATIO_WARNING.value
    checks.append(
        _fact_check(
            "tumour_to_normal_ratio",
            inputs.tumour_to_normal,
            "TARANIS_TUMOUR_TO_NORMAL_RATIO_WARNING",
            minimum=True,
            severity=Severity.WARNING,
            message=f"T/N {inputs.tumour_to_normal:g} is below {ratio:g}: the spheres barely "
            "favour the tumour, so normal liver takes nearly as much dose.",
        )
    )
    return tuple(checks)
