"""Numbers the models compute from the facts, by name, for quiz banks and lessons.

A fact (:mod:`livermets_edu.facts`) is a sourced number; a derived quantity is what a model
makes of the facts, e.g. how long liver must stay at 55 °C for the Arrhenius integral to
reach 1, or the zone a 10-minute RF ablation makes in the simulator. Banks name them as
``{derived:NAME}`` in text or ``derived: NAME`` in a numeric answer, so a question's answer
always agrees with the model that the lesson runs. Nothing here is evaluated from text: the
registry maps fixed names to Python functions.

For education only: not for treating patients.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from livermets_edu import facts
from livermets_edu.names import did_you_mean

__all__ = ["ALL", "Derived", "get", "value"]

# Figures quoted in the descriptions below, as the facts state them.
_T = facts.Y90_HALF_LIFE.text
_E = facts.Y90_MEAN_BETA_ENERGY.text
_K = facts.Y90_DOSE_COEFFICIENT_EANM.text
_L = facts.Y90_DOSE_COEFFICIENT_LABEL.text
_G = facts.Y90_GLASS_LUNG_ACTIVITY_LIMIT.text
_M = facts.Y90_ASSUMED_LUNG_MASS.text
_LIMIT = facts.LUNG_DOSE_LIMIT_PER_SESSION.text


@dataclass(frozen=True)
class Derived:
    """A model output with its unit and a sentence on how it is computed."""

    unit: str
    compute: Callable[[], float]
    how: str
    digits: int = 3

    @property
    def value(self) -> float:
        """The computed number (computed once, then remembered)."""
        return _value_of(self)

    @property
    def text(self) -> str:
        """The number as a reader sees it, e.g. '14.7 s'."""
        return f"{self.value:.{self.digits}g} {self.unit}".rstrip()


@cache
def _value_of(quantity: Derived) -> float:
    return float(quantity.compute())


def _arrhenius_seconds(temperature_c: float, omega: float) -> Callable[[], float]:
    def compute() -> float:
        from livermets_edu.models.thermal_damage import time_to_omega

        return float(time_to_omega(temperature_c, omega))

    return compute


def _cem43_minutes(temperature_c: float) -> Callable[[], float]:
    def compute() -> float:
        from livermets_edu.models.thermal_damage import time_to_cem43

        return float(time_to_cem43(temperature_c))

    return compute


def _tissue(attribute: str, scale: float = 1.0) -> Callable[[], float]:
    def compute() -> float:
        from livermets_edu.models.bioheat import Tissue

        return float(getattr(Tissue(), attribute)) * scale

    return compute


def _microwave_penetration_mm() -> float:
    from livermets_edu.models.ablation import microwave_attenuation_per_m

    return 1000.0 / (2.0 * microwave_attenuation_per_m())


def _simulated(read: Callable[[object], float], **setup: object) -> Callable[[], float]:
    def compute() -> float:
        from livermets_edu.models.ablation import AblationSetup, simulate_ablation

        return read(simulate_ablation(AblationSetup(**setup)))  # type: ignore[arg-type]

    return compute


def _dosimetry(function_name: str, *args: float, scale: float = 1.0) -> Callable[[], float]:
    def compute() -> float:
        from livermets_edu.models import dosimetry

        return float(getattr(dosimetry, function_name)(*args)) * scale

    return compute


def _y90_case(read: Callable[[object], float], **changes: object) -> Callable[[], float]:
    def compute() -> float:
        from livermets_edu.models.dosimetry import PlanInputs, plan_y90

        return read(plan_y90(PlanInputs(**(Y90_CASE | changes))))  # type: ignore[arg-type]

    return compute


#: Lesson 08's worked Y-90 case (also the planner's first state): whole-liver treatment.
Y90_CASE: dict[str, object] = {
    "height_cm": 175.0,
    "weight_kg": 75.0,
    "liver_volume_ml": 1600.0,
    "tumour_volume_ml": 200.0,
    "lung_shunt": 0.05,
    "tumour_to_normal": 3.0,
}

#: The lesson's standard heat-sink case: a 20 mm tumour, 2 mm from a 6 mm vessel.
HEAT_SINK_CASE = {"vessel_diameter_mm": 6.0, "vessel_gap_mm": 2.0}

ALL: dict[str, Derived] = {
    "ARRHENIUS_SECONDS_TO_OMEGA_1_AT_50_C": Derived(
        "s", _arrhenius_seconds(50.0, 1.0), "1 / (A·exp(−Ea/RT)) at 50 °C, liver constants"
    ),
    "ARRHENIUS_SECONDS_TO_OMEGA_1_AT_55_C": Derived(
        "s", _arrhenius_seconds(55.0, 1.0), "1 / (A·exp(−Ea/RT)) at 55 °C, liver constants"
    ),
    "ARRHENIUS_SECONDS_TO_OMEGA_1_AT_60_C": Derived(
        "s", _arrhenius_seconds(60.0, 1.0), "1 / (A·exp(−Ea/RT)) at 60 °C, liver constants"
    ),
    "ARRHENIUS_SECONDS_TO_OMEGA_1_AT_70_C": Derived(
        "s", _arrhenius_seconds(70.0, 1.0), "1 / (A·exp(−Ea/RT)) at 70 °C, liver constants"
    ),
    "ARRHENIUS_SECONDS_TO_OMEGA_4_6_AT_55_C": Derived(
        "s", _arrhenius_seconds(55.0, 4.6), "4.6 / (A·exp(−Ea/RT)) at 55 °C, liver constants"
    ),
    "CEM43_MINUTES_TO_THRESHOLD_AT_45_C": Derived(
        "min", _cem43_minutes(45.0), "240 CEM43 / R^(43−T) at 45 °C"
    ),
    "CEM43_MINUTES_TO_THRESHOLD_AT_50_C": Derived(
        "min", _cem43_minutes(50.0), "240 CEM43 / R^(43−T) at 50 °C", digits=4
    ),
    "CEM43_SECONDS_TO_THRESHOLD_AT_55_C": Derived(
        "s", lambda: 60.0 * _cem43_minutes(55.0)(), "240 CEM43 / R^(43−T) at 55 °C, in seconds"
    ),
    "LIVER_THERMAL_DIFFUSIVITY": Derived("m²/s", _tissue("diffusivity"), "k / (ρc) for liver"),
    "PERFUSION_TIME_CONSTANT": Derived(
        "s", _tissue("perfusion_time_constant_s"), "ρc / (ω_b ρ_b c_b) for liver"
    ),
    "THERMAL_LENGTH": Derived(
        "mm", _tissue("thermal_length_m", 1000.0), "√(k / (ω_b ρ_b c_b)) for liver", digits=2
    ),
    "MICROWAVE_POWER_PENETRATION_DEPTH": Derived(
        "mm",
        _microwave_penetration_mm,
        "1/(2α) in liver at 2.45 GHz from its permittivity and conductivity",
    ),
    "MODEL_RFA_ZONE_DIAMETER_10_MIN": Derived(
        "mm",
        _simulated(lambda r: r.zone_diameters_mm()[0]),  # type: ignore[attr-defined]
        "simulator: RF, 10 min, transverse view, shortest diameter with 99% cell kill",
        digits=2,
    ),
    "MODEL_RFA_ZONE_VOLUME_10_MIN": Derived(
        "cm³",
        _simulated(lambda r: r.zone_size(), view="axial"),  # type: ignore[attr-defined]
        "simulator: RF, 10 min, axial view, volume with 99% cell kill",
        digits=2,
    ),
    "MODEL_RFA_MEAN_DELIVERED_POWER_10_MIN": Derived(
        "W",
        _simulated(
            lambda r: r.delivered_energy_j / r.setup.duration_s,  # type: ignore[attr-defined]
            view="axial",
        ),
        "simulator: RF set to 40 W for 10 min, energy delivered / time, axial view",
        digits=2,
    ),
    "MODEL_HEAT_SINK_MARGIN_TOWARD_VESSEL": Derived(
        "mm",
        _simulated(lambda r: r.margin_toward_vessel_mm, **HEAT_SINK_CASE),  # type: ignore[attr-defined]
        "simulator: RF, 10 min, 20 mm tumour 2 mm from a 6 mm vessel: margin on its side",
        digits=2,
    ),
    "MODEL_HEAT_SINK_MARGIN_AWAY_FROM_VESSEL": Derived(
        "mm",
        _simulated(lambda r: r.margin_away_from_vessel_mm, **HEAT_SINK_CASE),  # type: ignore[attr-defined]
        "simulator: RF, 10 min, 20 mm tumour 2 mm from a 6 mm vessel: margin opposite",
        digits=2,
    ),
    "MODEL_CRYO_LETHAL_DIAMETER_10_MIN": Derived(
        "mm",
        _simulated(lambda r: r.zone_diameters_mm()[0], modality="cryo"),  # type: ignore[attr-defined]
        "simulator: one cryoprobe, 10 min, transverse view, diameter reaching −40 °C",
        digits=2,
    ),
    "Y90_PERCENT_OF_DOSE_DELIVERED_BY_DAY_11": Derived(
        "%",
        _dosimetry("fraction_of_dose_delivered", 11 * 24, scale=100.0),
        f"1 − 2^(−t/T½) at 11 days, T½ = {_T}",
    ),
    "Y90_DAYS_TO_DELIVER_90_PERCENT": Derived(
        "days",
        _dosimetry("hours_to_deliver", 0.9, scale=1 / 24),
        "−T½·log2(1 − 0.9), in days",
    ),
    "Y90_ENERGY_PER_GBQ_FROM_DECAY": Derived(
        "J/GBq",
        _dosimetry("dose_coefficient_from_decay"),
        f"1e9·T½/ln 2 decays × {_E} mean β energy",
        digits=4,
    ),
    "Y90_LUNG_DOSE_2_GBQ_LSF_10_PERCENT": Derived(
        "Gy",
        _dosimetry("lung_dose_gy", 2.0, 0.10),
        f"{_K} × 2 GBq × 10% / {_M} of lung",
        digits=4,
    ),
    "Y90_LUNG_DOSE_8_GBQ_LSF_8_PERCENT": Derived(
        "Gy",
        _dosimetry("lung_dose_gy", 8.0, 0.08),
        f"{_K} × 8 GBq × 8% / {_M} of lung",
        digits=4,
    ),
    "Y90_LSF_FROM_40_LUNG_720_LIVER_COUNTS": Derived(
        "%",
        _dosimetry("lung_shunt_fraction", 40.0, 720.0, scale=100.0),
        "40 / (40 + 720) counts",
    ),
    "Y90_CASE_BSA_DUBOIS": Derived(
        "m²",
        _y90_case(lambda p: p.bsa_m2),  # type: ignore[attr-defined]
        "DuBois BSA of the lesson's case: 175 cm, 75 kg",
    ),
    "Y90_CASE_GLASS_ACTIVITY": Derived(
        "GBq",
        _y90_case(lambda p: p.activity_gbq),  # type: ignore[attr-defined]
        "lesson case, glass, single compartment at the sourced perfused-liver dose",
    ),
    "Y90_CASE_GLASS_TUMOUR_DOSE": Derived(
        "Gy",
        _y90_case(lambda p: p.doses.tumour_gy),  # type: ignore[attr-defined]
        "lesson case, glass single-compartment activity, tumour dose by the partition model",
    ),
    "Y90_CASE_GLASS_LUNG_DOSE": Derived(
        "Gy",
        _y90_case(lambda p: p.doses.lung_gy),  # type: ignore[attr-defined]
        f"lesson case, glass single-compartment activity, lung dose ({_M})",
    ),
    "Y90_CASE_RESIN_BSA_ACTIVITY": Derived(
        "GBq",
        _y90_case(lambda p: p.activity_gbq, device="resin", method="bsa"),  # type: ignore[attr-defined]
        "lesson case, resin, BSA method: (BSA − 0.2) + tumour share",
    ),
    "Y90_CASE_RESIN_BSA_ACTIVITY_LSF_12_PERCENT": Derived(
        "GBq",
        _y90_case(
            lambda p: p.activity_gbq,  # type: ignore[attr-defined]
            device="resin",
            method="bsa",
            lung_shunt=0.12,
        ),
        "lesson case, resin, BSA method with a 12% lung shunt (activity cut by 20%)",
    ),
    "Y90_CASE_GLASS_PARTITION_ACTIVITY": Derived(
        "GBq",
        _y90_case(lambda p: p.activity_gbq, method="partition"),  # type: ignore[attr-defined]
        "lesson case, glass, partition model at the sourced normal-liver limit",
    ),
    "Y90_CASE_GLASS_PARTITION_TUMOUR_DOSE": Derived(
        "Gy",
        _y90_case(lambda p: p.doses.tumour_gy, method="partition"),  # type: ignore[attr-defined]
        "lesson case, glass, partition model: T/N × the normal-liver dose",
    ),
    # Bank 08 (liver-directed therapy): more outputs of the lesson's case and worked examples.
    "Y90_CASE_GLASS_NORMAL_LIVER_DOSE": Derived(
        "Gy",
        _y90_case(lambda p: p.doses.normal_liver_gy),  # type: ignore[attr-defined]
        "lesson case, glass single-compartment activity, normal-liver dose by the partition model",
    ),
    "Y90_CASE_GLASS_NORMAL_LIVER_DOSE_TN_5": Derived(
        "Gy",
        _y90_case(lambda p: p.doses.normal_liver_gy, tumour_to_normal=5.0),  # type: ignore[attr-defined]
        "lesson case with T/N 5, same glass single-compartment activity: normal-liver dose",
    ),
    "Y90_CASE_GLASS_TUMOUR_DOSE_TN_5": Derived(
        "Gy",
        _y90_case(lambda p: p.doses.tumour_gy, tumour_to_normal=5.0),  # type: ignore[attr-defined]
        "lesson case with T/N 5, same glass single-compartment activity: tumour dose",
    ),
    "Y90_LUNG_ACTIVITY_8_GBQ_LSF_8_PERCENT": Derived(
        "GBq",
        lambda: 8.0 * 0.08,
        "activity that shunts to the lungs: 8 GBq × 8%",
    ),
    "Y90_GLASS_MAX_ACTIVITY_LSF_8_PERCENT": Derived(
        "GBq",
        lambda: _fact_value("Y90_GLASS_LUNG_ACTIVITY_LIMIT") / 0.08,
        f"glass lung-activity limit ({_G}) / LSF 8%",
    ),
    "Y90_MAX_ACTIVITY_FOR_30_GY_LUNG_LSF_8_PERCENT": Derived(
        "GBq",
        lambda: (
            _fact_value("LUNG_DOSE_LIMIT_PER_SESSION") / _dosimetry("lung_dose_gy", 1.0, 0.08)()
        ),
        f"{_LIMIT} / ({_K} × 8% / {_M} of lung): activity at the per-session lung limit",
    ),
    "Y90_GLASS_LUNG_LIMIT_DOSE_AT_LABEL_COEFFICIENT": Derived(
        "Gy",
        lambda: _lung_dose_of_shunted_activity("Y90_GLASS_LUNG_ACTIVITY_LIMIT"),
        f"{_L} × {_G} / {_M} of lung",
    ),
    "Y90_CUMULATIVE_LUNG_DOSE_2_GBQ_LSF_10_THEN_8_GBQ_LSF_8": Derived(
        "Gy",
        lambda: _dosimetry("lung_dose_gy", 2.0, 0.10)() + _dosimetry("lung_dose_gy", 8.0, 0.08)(),
        f"lung dose of 2 GBq at LSF 10% plus 8 GBq at LSF 8% ({_K}, {_M} of lung)",
        digits=4,
    ),
    "Y90_LABEL_COEFFICIENT_EXCESS_OVER_EANM": Derived(
        "%",
        lambda: 100.0 * (_coefficient_ratio() - 1.0),
        f"({_L} / {_K} − 1) × 100: how much higher a dose computed with {_L} comes out",
        digits=2,
    ),
}


def _fact_value(name: str) -> float:
    from livermets_edu import facts

    return facts.get(name).value


def _lung_dose_of_shunted_activity(limit_fact: str) -> float:
    """Lung dose at the label's coefficient when the named activity reaches the lung."""
    from livermets_edu.models.dosimetry import lung_dose_from_lung_activity_gy

    return lung_dose_from_lung_activity_gy(
        _fact_value(limit_fact), dose_coefficient=_fact_value("Y90_DOSE_COEFFICIENT_LABEL")
    )


def _coefficient_ratio() -> float:
    """The label's energy per GBq over EANM's."""
    return _fact_value("Y90_DOSE_COEFFICIENT_LABEL") / _fact_value("Y90_DOSE_COEFFICIENT_EANM")


def get(name: str) -> Derived:
    """The derived quantity called ``name``; a KeyError suggests close names."""
    try:
        return ALL[name]
    except KeyError:
        raise KeyError(f"no derived quantity called {name!r}{did_you_mean(name, ALL)}") from None


def value(name: str) -> float:
    """The computed number of the derived quantity called ``name``."""
    return get(name).value
