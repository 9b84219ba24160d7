"""The diagrams a label-the-diagram question may use: their numbers, names and drawing.

A question says ``diagram: radioembolization`` and, optionally, which regions to ask
(``ask: [aorta, proper_hepatic_artery]``). The learner sees the figure drawn with numbers
instead of names and gives the name of each number asked.

Only a diagram's *askable* regions may be asked: anatomical structures (or devices) whose
number points at them and nothing else. A numbered label that describes rather than names
("Few in normal liver", "Max. ~10–11 mm") is never askable, nor is a region whose leader line
ends where another's does (two numbers on one vessel, or one number where two structures
meet), since a learner could not tell which name it wants. Each entry lists its askable
regions by hand, and the ambiguous ones with the reason, after looking at the numbered figure.

Everything a bank check or a grader needs (which number marks which region, and the name the
learner must give) is stored here as data, so importing this module loads no matplotlib and
grading stays fast; only :meth:`LabelDiagram.draw` and :meth:`LabelDiagram.png` import the
drawing code. The tests draw every diagram and check the stored numbering and names against
what the figure prints.

Display names are the names the figure prints when it is drawn *without* numbers (its labels,
joined onto one line with their bracketed notes dropped; see :func:`name_from_label`), so the
learner names each part as the lesson's labelled figure did: no name is invented here.
"""

from __future__ import annotations

import functools
import importlib
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from livermets_edu.names import did_you_mean

if TYPE_CHECKING:  # pragma: no cover
    from livermets_edu.draw.diagram import Diagram

__all__ = ["LABEL_DIAGRAMS", "LabelDiagram", "label_diagram", "name_from_label"]

_FUNCTION_PATH = re.compile(r"^[A-Za-z_][\w.]*:[A-Za-z_]\w*$")
_BRACKETED = re.compile(r"\s*\([^()]*\)")


def name_from_label(label: str) -> str:
    """The name a learner gives for a printed label: one line, bracketed notes dropped."""
    return _BRACKETED.sub("", " ".join(label.split())).strip()


@dataclass(frozen=True)
class LabelDiagram:
    """A figure for label-the-diagram questions: how to draw it, its numbers and their names.

    ``function`` is a dotted path, ``"package.module:function"``, called with
    ``numbered=True`` and ``kwargs``; ``numbering`` maps each number drawn to its region id,
    and ``display_names`` each region id to the name the learner must give. ``askable`` holds
    the regions a question may ask; ``ambiguous`` says, for a numbered structure that is not
    askable, why its number is ambiguous. Every other numbered region that is not askable is a
    description, not a structure.
    """

    name: str
    title: str
    function: str
    kwargs: Mapping[str, Any]
    numbering: Mapping[int, str]
    display_names: Mapping[str, str]
    askable: frozenset[str]
    ambiguous: Mapping[str, str] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not _FUNCTION_PATH.match(self.function):
            raise ValueError(
                f"label diagram {self.name!r}: function {self.function!r} must look like "
                "'package.module:function'"
            )
        numbers = sorted(self.numbering)
        if numbers != list(range(1, len(numbers) + 1)):
            raise ValueError(f"label diagram {self.name!r}: numbers must run 1, 2, 3… in order")
        regions = list(self.numbering.values())
        if len(set(regions)) != len(regions):
            raise ValueError(f"label diagram {self.name!r}: a region is numbered twice")
        if set(regions) != set(self.display_names):
            raise ValueError(
                f"label diagram {self.name!r}: display_names must name exactly the numbered "
                f"regions; differences: {sorted(set(regions) ^ set(self.display_names))}"
            )
        names = list(self.display_names.values())
        if len(set(names)) != len(names):
            raise ValueError(f"label diagram {self.name!r}: two regions share a display name")
        self._check_askable(set(regions))
        # Read-only copies: a registry entry is shared by every question that names it.
        object.__setattr__(self, "askable", frozenset(self.askable))
        object.__setattr__(self, "ambiguous", MappingProxyType(dict(self.ambiguous)))
        object.__setattr__(self, "kwargs", MappingProxyType(dict(self.kwargs)))
        object.__setattr__(
            self, "numbering", MappingProxyType(dict(sorted(self.numbering.items())))
        )
        object.__setattr__(self, "display_names", MappingProxyType(dict(self.display_names)))

    def _check_askable(self, regions: set[str]) -> None:
        if isinstance(self.askable, str) or not self.askable:
            raise ValueError(f"label diagram {self.name!r}: askable must name at least one region")
        for field_name, ids in (("askable", set(self.askable)), ("ambiguous", set(self.ambiguous))):
            if not ids <= regions:
                raise ValueError(
                    f"label diagram {self.name!r}: {field_name} names regions it does not "
                    f"number: {sorted(ids - regions)}"
                )
        both = set(self.askable) & set(self.ambiguous)
        if both:
            raise ValueError(
                f"label diagram {self.name!r}: {sorted(both)} cannot be askable and ambiguous"
            )

    @property
    def regions(self) -> list[str]:
        """Every numbered region id, in number order."""
        return list(self.numbering.values())

    @property
    def askable_regions(self) -> list[str]:
        """The regions a question may ask, in number order."""
        return [region for region in self.regions if region in self.askable]

    def refusal(self, region: str) -> str | None:
        """Why ``region`` may not be asked (a description, an ambiguous number); None if it may."""
        if region in self.askable or region not in self.display_names:
            return None
        if region in self.ambiguous:
            return (
                f"{region!r} cannot be asked in diagram {self.name!r}: its number is ambiguous "
                f"({self.ambiguous[region]})"
            )
        return (
            f"{region!r} is a description, not a structure, in diagram {self.name!r} "
            f"(its label reads {self.display_names[region]!r})"
        )

    def _asked(self, ask: Sequence[str] | None) -> list[str]:
        if ask is None:
            return self.askable_regions
        if isinstance(ask, str):
            raise TypeError(f"ask must be a list of region ids, not the text {ask!r}")
        unknown = [region for region in ask if region not in self.display_names]
        if unknown:
            hints = "".join(did_you_mean(region, self.display_names) for region in unknown)
            raise ValueError(
                f"diagram {self.name!r} numbers no region {', '.join(map(repr, unknown))}"
                f"{hints}; its regions are {', '.join(self.regions)}"
            )
        if len(set(ask)) != len(ask):
            raise ValueError(f"ask lists a region twice: {list(ask)}")
        refusals = [reason for reason in map(self.refusal, ask) if reason]
        if refusals:
            raise ValueError("; ".join(refusals))
        return list(ask)

    def number_of(self, region: str) -> int:
        """The number that marks ``region`` on the numbered figure (any numbered region)."""
        for number, name in self.numbering.items():
            if name == region:
                return number
        hint = did_you_mean(region, self.display_names)
        raise ValueError(f"diagram {self.name!r} numbers no region {region!r}{hint}")

    def names_for(self, ask: Sequence[str] | None = None) -> list[str]:
        """The names of the regions asked (every askable region when ``ask`` is None)."""
        return [self.display_names[region] for region in self._asked(ask)]

    def numbers_for(self, ask: Sequence[str] | None = None) -> list[int]:
        """The numbers a learner must name, in ascending order."""
        return sorted(self.number_of(region) for region in self._asked(ask))

    def answer_key(self, ask: Sequence[str] | None = None) -> dict[int, str]:
        """Number → correct name for the regions asked, in number order."""
        return {
            number: self.display_names[self.numbering[number]] for number in self.numbers_for(ask)
        }

    def draw(self) -> Diagram:
        """The figure with numbers instead of names (imports the drawing code)."""
        module_name, function_name = self.function.split(":")
        function = getattr(importlib.import_module(module_name), function_name)
        return function(numbered=True, **self.kwargs)

    def _rendered(self) -> tuple[bytes, str]:
        if LABEL_DIAGRAMS.get(self.name) is self:
            return _rendered(self.name)
        diagram = self.draw()
        return diagram.to_png(), diagram.alt_text

    def png(self) -> bytes:
        """The numbered figure as PNG bytes (drawn once per registered diagram, then reused)."""
        return self._rendered()[0]

    def alt_text(self) -> str:
        """What the numbered figure shows, in words, without saying which number marks what."""
        return self._rendered()[1]


@functools.cache
def _rendered(name: str) -> tuple[bytes, str]:
    """PNG and alt text of a registered diagram, drawn once: the result never changes."""
    diagram = LABEL_DIAGRAMS[name].draw()
    return diagram.to_png(), diagram.alt_text


def label_diagram(name: str) -> LabelDiagram:
    """The registered label diagram called ``name``; a KeyError naming near matches if none."""
    try:
        return LABEL_DIAGRAMS[name]
    except KeyError:
        hint = did_you_mean(name, LABEL_DIAGRAMS)
        raise KeyError(f"no label diagram called {name!r}{hint}") from None


def _numbered(*regions: str) -> dict[int, str]:
    return dict(enumerate(regions, start=1))


# --- the registry ------------------------------------------------------------------------------
# The numbering and names below are what each function draws and prints with these kwargs;
# tests/test_quiz_label_diagrams.py draws each figure and fails when they drift apart.
_BLOOD_SUPPLY_NAMES = {
    "heart": "Heart",
    "aorta": "Aorta",
    "hepatic_artery": "Hepatic artery",
    "portal_vein": "Portal vein",
    "hepatic_veins": "Hepatic veins",
    "ivc": "Inferior vena cava",
    "liver": "Liver",
    "right_lobe": "Right lobe",
    "left_lobe": "Left lobe",
    "intestines": "Intestines",
    "metastasis": "Metastasis",
    "tumour_artery": "Arterial branch to the metastasis",
}
_BLOOD_SUPPLY_ORDER = (
    "heart",
    "aorta",
    "hepatic_artery",
    "portal_vein",
    "hepatic_veins",
    "ivc",
    "liver",
    "right_lobe",
    "left_lobe",
    "intestines",
)
# Askable structures of the blood-supply figure. "Liver" and "Left lobe" are left out: both
# leader lines end on the left lobe. The tumour artery's label describes it.
_BLOOD_SUPPLY_ASKABLE = frozenset(
    {
        "heart",
        "aorta",
        "hepatic_artery",
        "portal_vein",
        "hepatic_veins",
        "ivc",
        "right_lobe",
        "intestines",
        "metastasis",
    }
)
_BLOOD_SUPPLY_AMBIGUOUS = {
    "liver": "its leader line ends on the left lobe, as the left lobe's does",
    "left_lobe": "its leader line ends on the liver's edge, as the liver's does",
}
# The three liver-directed figures draw the coeliac trunk and the common hepatic artery as one
# straight vessel, with both dots on it.
_ROUTE_AMBIGUOUS = {
    "common_hepatic_artery": "its dot and the coeliac trunk's lie on one straight vessel",
    "coeliac_trunk": "its dot and the common hepatic artery's lie on one straight vessel",
}
# The three liver-directed figures share the arterial route, so they share these names.
_ROUTE_NAMES = {
    "lungs": "Lungs",
    "right_hepatic_artery": "Right hepatic artery",
    "metastasis": "Metastasis",
    "heart": "Heart",
    "liver": "Liver",
    "left_hepatic_artery": "Left hepatic artery",
    "proper_hepatic_artery": "Proper hepatic artery",
    "common_hepatic_artery": "Common hepatic artery",
    "coeliac_trunk": "Coeliac trunk",
    "aorta": "Aorta",
}

_ENTRIES = (
    LabelDiagram(
        name="dual_blood_supply",
        title="The liver's dual blood supply",
        function="livermets_edu.diagrams:dual_blood_supply",
        kwargs={},
        numbering=_numbered(*_BLOOD_SUPPLY_ORDER, "metastasis", "tumour_artery"),
        display_names=_BLOOD_SUPPLY_NAMES,
        askable=_BLOOD_SUPPLY_ASKABLE,
        ambiguous=_BLOOD_SUPPLY_AMBIGUOUS,
    ),
    LabelDiagram(
        name="dual_blood_supply_bile_duct",
        title="The liver's dual blood supply, with the bile duct",
        function="livermets_edu.diagrams:dual_blood_supply",
        kwargs={"show_bile_duct": True},
        numbering=_numbered(*_BLOOD_SUPPLY_ORDER, "bile_duct", "metastasis", "tumour_artery"),
        display_names={**_BLOOD_SUPPLY_NAMES, "bile_duct": "Bile duct"},
        askable=_BLOOD_SUPPLY_ASKABLE | {"bile_duct"},
        ambiguous=_BLOOD_SUPPLY_AMBIGUOUS,
    ),
    LabelDiagram(
        name="ablation",
        title="Ultrasound-guided microwave ablation of a liver tumour",
        function="livermets_edu.diagrams:ablation",
        kwargs={},
        numbering=_numbered(
            "applicator",
            "ultrasound_probe",
            "ultrasound_beam",
            "tumour",
            "ablation_zone",
            "skin",
            "body_wall",
            "liver",
            "active_tip",
            "margin_5_mm",
            "margin_10_mm",
            "spine",
        ),
        display_names={
            "applicator": "Microwave antenna",
            "ultrasound_probe": "Ultrasound probe",
            "ultrasound_beam": "Ultrasound beam",
            "tumour": "Tumour",
            "ablation_zone": "Ablation zone",
            "skin": "Skin",
            "body_wall": "Body wall",
            "liver": "Liver",
            "active_tip": "Active tip",
            "margin_5_mm": "5 mm",
            "margin_10_mm": "10 mm margin",
            "spine": "Spine",
        },
        # The margins are distances, not structures.
        askable=frozenset(
            {
                "applicator",
                "ultrasound_probe",
                "tumour",
                "ablation_zone",
                "skin",
                "body_wall",
                "liver",
                "active_tip",
                "spine",
            }
        ),
        ambiguous={
            "ultrasound_beam": "its leader line ends on the edge of the ablation zone",
        },
    ),
    LabelDiagram(
        name="radioembolization",
        title="Radioembolization (Y-90) through the hepatic artery",
        function="livermets_edu.diagrams:radioembolization",
        kwargs={},
        numbering=_numbered(
            "lungs",
            "right_hepatic_artery",
            "metastasis",
            "tumour_microspheres",
            "treated_territory",
            "liver_microspheres",
            "portal_vein",
            "heart",
            "liver",
            "left_hepatic_artery",
            "proper_hepatic_artery",
            "common_hepatic_artery",
            "coeliac_trunk",
            "aorta",
            "catheter",
            "access_artery",
            "inset_tumour",
            "inset_microspheres",
            "beta_range",
            "beta_max_range",
        ),
        display_names={
            **_ROUTE_NAMES,
            "tumour_microspheres": "Microspheres packed in the metastasis",
            "treated_territory": "Treated territory: right lobe",
            "liver_microspheres": "Few in normal liver",
            "portal_vein": "Portal vein",
            "catheter": "Catheter",
            "access_artery": "Femoral artery",
            "inset_tumour": "Tumour",
            "inset_microspheres": "Microspheres in the tumour's arterioles",
            "beta_range": "Mean β range 2.5 mm",
            "beta_max_range": "Max. ~10–11 mm",
        },
        # Where the microspheres lie, the treated territory and the β ranges are descriptions.
        askable=frozenset(
            {
                "lungs",
                "right_hepatic_artery",
                "metastasis",
                "portal_vein",
                "heart",
                "liver",
                "left_hepatic_artery",
                "proper_hepatic_artery",
                "aorta",
                "access_artery",
                "inset_tumour",
            }
        ),
        ambiguous={
            **_ROUTE_AMBIGUOUS,
            "catheter": "its dot lies on the aorta, inside which the catheter runs",
        },
    ),
    LabelDiagram(
        name="chemoembolization",
        title="Chemoembolization (TACE) through the hepatic artery",
        function="livermets_edu.diagrams:chemoembolization",
        kwargs={},
        numbering=_numbered(
            "lungs",
            "right_hepatic_artery",
            "metastasis",
            "segmental_artery",
            "embolic_agent",
            "blocked_artery",
            "drug",
            "portal_vein",
            "heart",
            "liver",
            "left_hepatic_artery",
            "proper_hepatic_artery",
            "common_hepatic_artery",
            "coeliac_trunk",
            "aorta",
            "catheter",
            "access_artery",
            "inset_artery",
            "inset_embolic_agent",
            "inset_blocked_artery",
            "inset_drug",
            "inset_tumour",
            "inset_portal_vein",
        ),
        display_names={
            **_ROUTE_NAMES,
            "segmental_artery": "Branch feeding the metastasis",
            "embolic_agent": "Embolic particles with the drug",
            "blocked_artery": "Blocked: no arterial flow past",
            "drug": "Drug in the metastasis",
            "portal_vein": "Portal vein: still feeds normal liver",
            "catheter": "Catheter",
            "access_artery": "Femoral artery",
            "inset_artery": "Artery to the tumour",
            "inset_embolic_agent": "Particles block the artery",
            "inset_blocked_artery": "No flow past",
            "inset_drug": "Drug",
            "inset_tumour": "Tumour",
            "inset_portal_vein": "Portal vein branch: still feeds normal liver",
        },
        # The blocked artery, the drug's place and both portal veins' labels are descriptions.
        askable=frozenset(
            {
                "lungs",
                "right_hepatic_artery",
                "heart",
                "liver",
                "left_hepatic_artery",
                "proper_hepatic_artery",
                "aorta",
                "access_artery",
                "inset_artery",
                "inset_tumour",
            }
        ),
        ambiguous={
            **_ROUTE_AMBIGUOUS,
            "metastasis": "four leader lines meet at the tumour",
            "segmental_artery": "four leader lines meet at the tumour",
            "embolic_agent": "four leader lines meet at the tumour",
            "catheter": "its dot lies on the aorta, inside which the catheter runs",
            "inset_drug": "its dot and the inset tumour's both lie in the tumour",
        },
    ),
    LabelDiagram(
        name="hai_pump",
        title="Hepatic arterial infusion (HAI) pump",
        function="livermets_edu.diagrams:hai_pump",
        kwargs={},
        numbering=_numbered(
            "lungs",
            "right_hepatic_artery",
            "chemotherapy",
            "metastasis",
            "tumour_drug",
            "portal_vein",
            "heart",
            "liver",
            "left_hepatic_artery",
            "proper_hepatic_artery",
            "common_hepatic_artery",
            "coeliac_trunk",
            "gastroduodenal_artery",
            "aorta",
            "catheter",
            "pump",
            "inset_skin",
            "inset_abdominal_wall",
            "inset_pump",
            "inset_catheter",
            "inset_abdomen",
        ),
        display_names={
            **_ROUTE_NAMES,
            "chemotherapy": "Chemotherapy goes to the liver through the hepatic artery",
            "tumour_drug": "Most drug reaches the metastasis",
            "portal_vein": "Portal vein",
            "gastroduodenal_artery": "Gastroduodenal artery",
            "catheter": "Catheter from the pump",
            "pump": "Pump in the abdominal wall",
            "inset_skin": "Skin",
            "inset_abdominal_wall": "Abdominal wall",
            "inset_pump": "Pump",
            "inset_catheter": "Catheter to the hepatic artery",
            "inset_abdomen": "Inside the abdomen",
        },
        # The drug's path, the catheters' and the pump's labels say where they go or sit:
        # descriptions. The inset's pump is asked instead.
        askable=frozenset(
            {
                "lungs",
                "metastasis",
                "portal_vein",
                "heart",
                "liver",
                "left_hepatic_artery",
                "proper_hepatic_artery",
                "aorta",
                "inset_skin",
                "inset_abdominal_wall",
                "inset_pump",
            }
        ),
        ambiguous={
            **_ROUTE_AMBIGUOUS,
            "right_hepatic_artery": "two numbers end on the right hepatic artery",
            "gastroduodenal_artery": "its dot lies on the catheter from the pump",
        },
    ),
)

LABEL_DIAGRAMS: dict[str, LabelDiagram] = {entry.name: entry for entry in _ENTRIES}
