"""How heat kills cells: the Arrhenius damage integral and thermal dose in CEM43.

Both are functions of a temperature history. The Arrhenius model says the damage rate is
``A·exp(−Ea/RT)``, so the damage integral Ω grows by that rate times the time spent at each
temperature; Ω = 1 means about 63% of cells damaged and Ω = 4.6 means 99%. CEM43 converts
any heating into the equivalent minutes at 43 °C, with the rate doubling for every degree
above 43 °C. Constants come from :mod:`livermets_edu.facts`.

For education only: not for treating patients.
"""

from __future__ import annotations

import math
from functools import cache

import numpy as np
from numpy.typing import ArrayLike, NDArray

from livermets_edu import facts

__all__ = [
    "KELVIN",
    "arrhenius_rate",
    "cem43_rate",
    "damage_fraction",
    "time_to_cem43",
    "time_to_omega",
]

#: 0 °C in kelvin (the definition of the Celsius scale).
KELVIN = 273.15


@cache
def _liver_constants() -> tuple[float, float]:
    """ln A and Ea/R for liver: looked up once, since the solver asks every time step."""
    return (
        math.log(facts.get("LIVER_ARRHENIUS_FREQUENCY_FACTOR").value),
        facts.get("LIVER_ARRHENIUS_ACTIVATION_ENERGY").value
        / facts.get("MOLAR_GAS_CONSTANT").value,
    )


@cache
def _cem43_constants() -> tuple[float, float, float]:
    """Reference temperature and ln R above and below it."""
    return (
        facts.get("CEM43_REFERENCE_TEMPERATURE").value,
        math.log(facts.get("CEM43_R_AT_OR_ABOVE_43").value),
        math.log(facts.get("CEM43_R_BELOW_43").value),
    )


def arrhenius_rate(
    temperature_c: ArrayLike,
    frequency_factor_per_s: float | None = None,
    activation_energy_j_per_mol: float | None = None,
) -> NDArray[np.float64]:
    """Damage rate dΩ/dt in 1/s at each temperature (liver constants by default)."""
    log_a, ea_over_r = _liver_constants()
    if frequency_factor_per_s is not None:
        log_a = math.log(frequency_factor_per_s)
    if activation_energy_j_per_mol is not None:
        ea_over_r = activation_energy_j_per_mol / facts.get("MOLAR_GAS_CONSTANT").value
    kelvin = np.asarray(temperature_c, dtype=float) + KELVIN
    if np.any(kelvin <= 0):
        raise ValueError("temperature_c must be above absolute zero (−273.15 °C)")
    # exp(ln A − Ea/RT) instead of A·exp(−Ea/RT): A (~1e40) times a tiny number would overflow.
    return np.exp(log_a - ea_over_r / kelvin)


def time_to_omega(temperature_c: ArrayLike, omega: float = 1.0) -> NDArray[np.float64]:
    """Seconds at a constant temperature until the Arrhenius integral reaches ``omega``."""
    if omega <= 0:
        raise ValueError(f"omega must be positive, got {omega:g}")
    return omega / arrhenius_rate(temperature_c)


def damage_fraction(omega: ArrayLike) -> NDArray[np.float64]:
    """Fraction of cells damaged for a damage integral Ω: 1 − exp(−Ω)."""
    return -np.expm1(-np.asarray(omega, dtype=float))


def cem43_rate(temperature_c: ArrayLike) -> NDArray[np.float64]:
    """Equivalent minutes at 43 °C accrued per minute at each temperature."""
    reference, log_r_hot, log_r_cold = _cem43_constants()
    temperature = np.asarray(temperature_c, dtype=float)
    exponent = np.where(temperature >= reference, log_r_hot, log_r_cold) * (reference - temperature)
    # exp(700) ≈ 1e304: an already astronomical dose, without overflow.
    return np.exp(np.minimum(exponent, 700.0))


def time_to_cem43(
    temperature_c: ArrayLike, threshold_min: float | None = None
) -> NDArray[np.float64]:
    """Minutes at a constant temperature until the thermal dose reaches the threshold."""
    if threshold_min is None:
        threshold_min = facts.get("CEM43_NECROSIS_THRESHOLD").value
    if threshold_min <= 0:
        raise ValueError(f"threshold_min must be positive, got {threshold_min:g}")
    return threshold_min / cem43_rate(temperature_c)
