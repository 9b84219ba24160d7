"""The liver's dual blood supply as numbers: inflow split, oxygen split, and occlusion.

A deliberately small, transparent model for teaching. Every input defaults to a sourced value
in :mod:`livermets_edu.facts`; every output is a share of the healthy baseline.

Assumptions, stated so a learner can question them:
- Oxygen follows the sourced share each vessel carries. (Those shares and the flow shares
  come from different sources; we do not combine them into an oxygen content per mL.)
- Occluding a vessel removes all of its flow to the territory (no collaterals); the hepatic
  arterial buffer response, by which the artery makes up part of lost *portal* flow, is a
  separate function.
- A metastasis's supply depends on its size: micrometastases are fed from the sinusoids (the
  same mixed blood as the liver around them), small ones have a dual supply whose split is not
  known (we return a band), established ones are fed about 95% by the hepatic artery.

For education only: not for treating patients.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum

from livermets_edu import facts

__all__ = [
    "Band",
    "InflowSplit",
    "OxygenSplit",
    "Occlusion",
    "SupplyRegime",
    "TumourSupply",
    "hepatic_inflow",
    "oxygen_delivery_split",
    "tumour_supply",
    "occlusion_effect",
    "liver_inflow_after_portal_occlusion",
]


def _check_fraction(name: str, value: float) -> float:
    value = float(value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(f"{name} must be a fraction between 0 and 1, got {value:g}")
    return value


@dataclass(frozen=True)
class Band:
    """A value known only within a range: low and high (equal when it is exact)."""

    low: float
    high: float

    def __post_init__(self) -> None:
        if self.low > self.high:
            raise ValueError(f"band low {self.low:g} is above high {self.high:g}")

    @property
    def is_exact(self) -> bool:
        """True when low and high agree."""
        return self.low == self.high


@dataclass(frozen=True)
class InflowSplit:
    """Blood flow into the liver by vessel, in L/min."""

    portal_l_min: float
    arterial_l_min: float

    @property
    def total_l_min(self) -> float:
        """Total hepatic inflow in L/min."""
        return self.portal_l_min + self.arterial_l_min

    @property
    def portal_fraction(self) -> float:
        """Share of inflow from the portal vein."""
        return self.portal_l_min / self.total_l_min


@dataclass(frozen=True)
class OxygenSplit:
    """Share of the liver's oxygen supply by vessel."""

    portal: float
    arterial: float


def hepatic_inflow(
    total_l_min: float = facts.TOTAL_HEPATIC_BLOOD_FLOW.value,
    portal_fraction: float = facts.PORTAL_VEIN_FLOW_FRACTION.value,
) -> InflowSplit:
    """Split total hepatic blood flow between the portal vein and the hepatic artery."""
    if not total_l_min > 0:
        raise ValueError(f"total hepatic blood flow must be positive, got {total_l_min:g} L/min")
    portal_fraction = _check_fraction("portal_fraction", portal_fraction)
    return InflowSplit(total_l_min * portal_fraction, total_l_min * (1 - portal_fraction))


def oxygen_delivery_split(
    portal_o2_fraction: float = facts.PORTAL_VEIN_O2_FRACTION.value,
) -> OxygenSplit:
    """Share of the liver's oxygen brought by the portal vein and by the hepatic artery."""
    portal_o2 = _check_fraction("portal_o2_fraction", portal_o2_fraction)
    return OxygenSplit(portal_o2, 1 - portal_o2)


class SupplyRegime(str, Enum):
    """How a metastasis of a given size gets its blood."""

    SINUSOIDAL = "sinusoidal"
    DUAL = "dual"
    ARTERIAL = "arterial"


@dataclass(frozen=True)
class TumourSupply:
    """A metastasis's arterial share of blood flow, as a band, and the regime behind it."""

    regime: SupplyRegime
    arterial_fraction: Band
    explanation: str


def tumour_supply(
    diameter_mm: float,
    liver_arterial_fraction: float = facts.HEPATIC_ARTERY_FLOW_FRACTION.value,
    established_arterial_fraction: float = facts.METASTASIS_ARTERIAL_SUPPLY_FRACTION.value,
) -> TumourSupply:
    """Where a metastasis of this diameter gets its blood: sinusoids, both vessels, or artery."""
    if not diameter_mm > 0:
        raise ValueError(f"tumour diameter must be positive, got {diameter_mm:g} mm")
    liver_arterial = _check_fraction("liver_arterial_fraction", liver_arterial_fraction)
    established = _check_fraction("established_arterial_fraction", established_arterial_fraction)
    micro_max = facts.MICROMETASTASIS_SINUSOIDAL_MAX_SIZE.value
    dual_max = facts.SMALL_METASTASIS_DUAL_SUPPLY_MAX_SIZE.value
    if diameter_mm <= micro_max:
        return TumourSupply(
            SupplyRegime.SINUSOIDAL,
            Band(liver_arterial, liver_arterial),
            f"Up to {facts.MICROMETASTASIS_SINUSOIDAL_MAX_SIZE.text} a micrometastasis is fed "
            "from the sinusoids: the same mixed portal and arterial blood as the liver.",
        )
    if diameter_mm <= dual_max:
        return TumourSupply(
            SupplyRegime.DUAL,
            Band(min(liver_arterial, established), max(liver_arterial, established)),
            f"Up to {facts.SMALL_METASTASIS_DUAL_SUPPLY_MAX_SIZE.text} a metastasis has a dual "
            "supply; its arterial share lies somewhere between the liver's and an established "
            "tumour's.",
        )
    return TumourSupply(
        SupplyRegime.ARTERIAL,
        Band(established, established),
        f"An established metastasis draws about {facts.METASTASIS_ARTERIAL_SUPPLY_FRACTION.text} "
        "of its blood from the hepatic artery (many keep some portal supply at the rim).",
    )


@dataclass(frozen=True)
class Occlusion:
    """Flow and oxygen reaching normal liver and a metastasis, as shares of their baseline."""

    liver_arterial_flow: float
    liver_portal_flow: float
    liver_oxygen: float
    tumour_flow: Band
    tumour: TumourSupply

    @property
    def liver_flow(self) -> float:
        """Total flow left to normal liver, as a share of its baseline inflow."""
        return self.liver_arterial_flow + self.liver_portal_flow


def occlusion_effect(
    *,
    artery_occluded: bool = False,
    portal_occluded: bool = False,
    tumour_diameter_mm: float = 30.0,
    portal_flow_fraction: float = facts.PORTAL_VEIN_FLOW_FRACTION.value,
    portal_o2_fraction: float = facts.PORTAL_VEIN_O2_FRACTION.value,
) -> Occlusion:
    """What is left for normal liver and for a metastasis when a vessel is occluded.

    Liver oxygen is the sourced oxygen share of the vessel(s) left open. The sources give no
    oxygen split for metastases, so the model reports tumour flow only.
    """
    portal_flow = _check_fraction("portal_flow_fraction", portal_flow_fraction)
    oxygen = oxygen_delivery_split(portal_o2_fraction)
    arterial_kept = 0.0 if artery_occluded else 1.0
    portal_kept = 0.0 if portal_occluded else 1.0
    liver_arterial = 1 - portal_flow
    liver_oxygen = oxygen.arterial * arterial_kept + oxygen.portal * portal_kept
    tumour = tumour_supply(tumour_diameter_mm, liver_arterial_fraction=liver_arterial)
    ends = sorted(
        a * arterial_kept + (1 - a) * portal_kept
        for a in (tumour.arterial_fraction.low, tumour.arterial_fraction.high)
    )
    return Occlusion(
        liver_arterial_flow=liver_arterial * arterial_kept,
        liver_portal_flow=portal_flow * portal_kept,
        liver_oxygen=liver_oxygen,
        tumour_flow=Band(*ends),
        tumour=tumour,
    )


def liver_inflow_after_portal_occlusion(
    buffer_response: float = facts.ARTERIAL_BUFFER_RESPONSE.value,
    portal_flow_fraction: float = facts.PORTAL_VEIN_FLOW_FRACTION.value,
) -> float:
    """Liver inflow left after portal occlusion, with the artery making up part of the loss.

    The hepatic arterial buffer response replaces ``buffer_response`` of the lost portal flow
    (sourced range in ``facts.ARTERIAL_BUFFER_RESPONSE``); 0 gives the immediate effect.
    """
    buffer = _check_fraction("buffer_response", buffer_response)
    portal_flow = _check_fraction("portal_flow_fraction", portal_flow_fraction)
    return (1 - portal_flow) + buffer * portal_flow
