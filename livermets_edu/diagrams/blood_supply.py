"""The liver's dual blood supply: hepatic artery and portal vein in, hepatic veins out.

The figure draws the numbers it is given and computes none: flow shares set line widths,
and their defaults come from :mod:`livermets_edu.facts`.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping

from livermets_edu import facts
from livermets_edu.anatomy import (
    ARTERY,
    BILE,
    PORTAL,
    VEIN,
    Heart,
    Intestines,
    Liver,
    Metastasis,
    vessel,
)
from livermets_edu.draw import (
    DEFAULT_THEME,
    Element,
    Group,
    Legend,
    Point,
    Theme,
    Vessel,
    tint,
)
from livermets_edu.draw.diagram import Diagram

__all__ = [
    "dual_blood_supply",
    "REGIONS",
    "VESSELS",
    "FLOW_VESSELS",
    "DISPLAY_NAMES",
]

#: Every region the figure can contain (``bile_duct`` only when asked for).
REGIONS = (
    "liver",
    "right_lobe",
    "left_lobe",
    "heart",
    "aorta",
    "hepatic_artery",
    "intestines",
    "portal_vein",
    "hepatic_veins",
    "ivc",
    "metastasis",
    "tumour_artery",
    "bile_duct",
)
#: Regions drawn as vessels: these can be clamped with ``occluded``.
VESSELS = (
    "aorta",
    "hepatic_artery",
    "tumour_artery",
    "portal_vein",
    "hepatic_veins",
    "ivc",
    "bile_duct",
)
#: Vessels whose line width follows ``flows`` (share of total hepatic inflow).
FLOW_VESSELS = ("hepatic_artery", "portal_vein", "hepatic_veins", "tumour_artery")

#: How each region is named in words (alt text, labels).
DISPLAY_NAMES = {
    "liver": "liver",
    "right_lobe": "right lobe",
    "left_lobe": "left lobe",
    "heart": "heart",
    "aorta": "aorta",
    "hepatic_artery": "hepatic artery",
    "intestines": "intestines",
    "portal_vein": "portal vein",
    "hepatic_veins": "hepatic veins",
    "ivc": "inferior vena cava",
    "metastasis": "metastasis",
    "tumour_artery": "tumour artery",
    "bile_duct": "bile duct",
}

# A clamp stops flow in the vessels fed only through the clamped one (anatomy, not physiology).
_FED_ONLY_THROUGH = {
    "aorta": ("hepatic_artery", "tumour_artery"),
    "hepatic_artery": ("tumour_artery",),
}
# Labels and alt text say it in the same words.
_NO_FLOW = "no flow: fed only through the clamp"
_NO_FLOW_LABEL = _NO_FLOW.replace(" through", "\nthrough")

# --- layout, in drawing units (100 across; see Diagram) -------------------------------------
_SIZE = (9.0, 6.8)
_LIVER_AT = (24.0, 33.5)
_HEART_AT = (56.0, 68.5)
_INTESTINES_AT = (44.5, 12.0)
_TRUNK_BOTTOM = 12.0
_AORTA_X = 88.0
_IVC_X = 18.0
_ARTERY_Y = 27.0
_LEGEND_AT = (2.0, 8.6)
_LEGEND_COLUMN = 50.0


def _check_names(kind: str, names: Iterable[str], valid: Iterable[str]) -> None:
    valid = tuple(valid)
    unknown = [name for name in names if name not in valid]
    if unknown:
        raise ValueError(
            f"unknown {kind} {', '.join(map(repr, unknown))}; valid names are {', '.join(valid)}"
        )


def _percent(share: float) -> str:
    return f"{share * 100:.0f}%"


def dual_blood_supply(
    *,
    flows: Mapping[str, float] | None = None,
    occluded: Iterable[str] = (),
    highlight: str | None = None,
    show_labels: bool = True,
    numbered: bool = False,
    show_bile_duct: bool = False,
    show_metastasis: bool = True,
    tumour_diameter_mm: float = 30.0,
    tumour_artery: bool = True,
    title: str | None = None,
    theme: Theme = DEFAULT_THEME,
) -> Diagram:
    """Draw the liver's two blood supplies (artery and portal vein), its drainage, and a metastasis.

    ``flows`` gives each vessel's share of total hepatic inflow (0..1) and sets its line
    width; ``occluded`` vessels are drawn clamped, and those fed only through a clamp faded.
    ``numbered`` replaces labels by numbers for a label-the-diagram question: the key is
    ``Diagram.numbering``, and the alt text does not say which number marks what.
    ``tumour_artery=False`` draws the metastasis without an artery of its own, as for a
    micrometastasis fed from the sinusoids (the caller decides, e.g. from
    ``models.hemodynamics.tumour_supply``); the alt text says only what is drawn.
    """
    present = [
        name
        for name in REGIONS
        if (name != "bile_duct" or show_bile_duct)
        and (name not in ("metastasis", "tumour_artery") or show_metastasis)
        and (name != "tumour_artery" or tumour_artery)
    ]
    given_flows = dict(flows or {})
    _check_names("vessel in flows", given_flows, FLOW_VESSELS)
    for name, share in given_flows.items():
        if not (math.isfinite(share) and 0.0 <= share <= 1.0):
            raise ValueError(f"flow for {name} must be a share between 0 and 1, got {share!r}")
    clamped = list(dict.fromkeys(occluded))
    _check_names("vessel to occlude", clamped, [v for v in VESSELS if v in present])
    if highlight is not None:
        _check_names("region to highlight", [highlight], present)
    if not (math.isfinite(tumour_diameter_mm) and tumour_diameter_mm > 0):
        raise ValueError(f"tumour_diameter_mm must be positive, got {tumour_diameter_mm!r}")

    downstream = [
        name
        for clamp in clamped
        for name in _FED_ONLY_THROUGH.get(clamp, ())
        if name in present and name not in clamped
    ]
    downstream = list(dict.fromkeys(downstream))
    shares, share_text = _flow_shares(given_flows)

    palette = theme.palette
    diagram = Diagram(size=_SIZE, theme=theme, title=title, numbered=numbered)

    liver = Liver(fill=tint(palette["orange"], 0.62), left_lobe_fill=tint(palette["orange"], 0.72))
    liver.at(_LIVER_AT)
    heart = Heart(fill=tint(palette["vermillion"], 0.6)).at(_HEART_AT)
    gut = Intestines(fill=tint(palette["yellow"], 0.55), loop_colour=tint(palette["black"], 0.45))
    gut.at(_INTESTINES_AT)

    metastasis = None
    if show_metastasis:
        metastasis = Metastasis(
            tumour_diameter_mm, fill=tint(palette["black"], 0.82), edge=palette["black"]
        ).at(liver.anchor("tumour_site"))
    vessels = _vessels(
        liver, heart, gut, metastasis if tumour_artery else None, show_bile_duct, theme
    )
    for name, item in vessels.items():
        if name in shares:
            item.flow(shares[name])
        if name in clamped:
            item.occlude(at=_CLAMP_AT.get(name, 0.5))
        elif name in downstream:
            item.fade()

    parts: list[Element] = [liver, heart, gut, *vessels.values()]
    if metastasis is not None:
        parts.append(metastasis)
    for part in parts:
        _emphasise(part, highlight)
    diagram.add_all(parts)

    if show_labels or numbered:
        label_text = _label_texts(share_text, clamped, downstream, tumour_diameter_mm)
        for name, (at, target, align) in _label_layout(
            liver, heart, gut, vessels, metastasis
        ).items():
            if name in present:
                diagram.label(
                    name,
                    label_text[name],
                    at=at,
                    target=target,
                    align=align,
                    bold=name == highlight,
                )
    if not numbered:
        entries = [ARTERY.legend_entry(), PORTAL.legend_entry(), VEIN.legend_entry()]
        if show_bile_duct:
            entries.append(BILE.legend_entry())
        legend = Legend(
            entries,
            title="Arrows show the direction of flow; wider line, more flow.",
            columns=2,
            column_width=_LEGEND_COLUMN,
        ).at(_LEGEND_AT)
        diagram.add(legend)

    if numbered:
        alt_text = _numbered_alt_text(clamped, downstream, highlight, diagram.numbering)
    else:
        alt_text = _alt_text(
            present,
            share_text,
            clamped,
            downstream,
            highlight,
            show_metastasis,
            tumour_diameter_mm,
            tumour_artery,
        )
    # The title is drawn in the figure, so the words say it too.
    diagram.alt_text = f"{title.rstrip('.')}. {alt_text}" if title else alt_text
    return diagram


def _flow_shares(given: Mapping[str, float]) -> tuple[dict[str, float], dict[str, str]]:
    """Share per vessel and how to say it: the taught fact by default, else the given number."""
    shares = {
        "hepatic_artery": facts.HEPATIC_ARTERY_FLOW_FRACTION.value,
        "portal_vein": facts.PORTAL_VEIN_FLOW_FRACTION.value,
        "hepatic_veins": 1.0,  # everything that flows in flows out
    }
    text = {
        "hepatic_artery": f"~{facts.HEPATIC_ARTERY_FLOW_FRACTION.text}",
        "portal_vein": f"~{facts.PORTAL_VEIN_FLOW_FRACTION.text}",
        "hepatic_veins": "all",
    }
    for name, share in given.items():
        shares[name] = float(share)
        text[name] = f"~{_percent(share)}"
    return shares, text


_CLAMP_AT = {
    "hepatic_artery": 0.5,
    "portal_vein": 0.22,
    "hepatic_veins": 0.82,
    "aorta": 0.3,
    "ivc": 0.2,
    "tumour_artery": 0.3,
    "bile_duct": 0.5,
}


def _vessels(
    liver: Liver,
    heart: Heart,
    gut: Intestines,
    tumour: Metastasis | None,
    bile: bool,
    theme: Theme,
) -> dict[str, Vessel]:
    """Every vessel, routed between the organs' anchors, upstream first."""
    hilum_portal = liver.anchor("portal_inlet")
    division = liver.anchor("portal_division")
    artery_in = liver.anchor("artery_inlet")
    root = heart.anchor("aortic_root")
    atrium = heart.anchor("right_atrium")
    outlet = gut.anchor("venous_outlet")
    top_y = root[1] + 1.2
    out: dict[str, Vessel] = {}

    out["aorta"] = (
        vessel(
            ARTERY,
            [root, (root[0] + 1.0, top_y), (_AORTA_X, top_y), (_AORTA_X, _TRUNK_BOTTOM)],
            name="aorta",
        )
        .width(theme.trunk_width)
        .arrows(0.2, 0.7)
        .layer(2.8)
    )
    out["hepatic_artery"] = (
        vessel(
            ARTERY,
            [(_AORTA_X, _ARTERY_Y), (artery_in[0], _ARTERY_Y), artery_in],
            name="hepatic_artery",
        )
        .arrows(0.3, 0.8)
        .branch(
            [artery_in, (artery_in[0] + 4.0, artery_in[1] + 1.6), liver.anchor("left_artery_end")],
            width_scale=0.55,
        )
    )
    out["portal_vein"] = (
        vessel(PORTAL, [outlet, (outlet[0], hilum_portal[1]), division], name="portal_vein")
        .arrows(0.42)
        .branch(
            [division, (division[0] - 7.5, division[1] - 3.5), liver.anchor("right_portal_end")]
        )
        .branch([division, (division[0] + 6.0, division[1] + 3.5), liver.anchor("left_portal_end")])
        .layer(2.6)
    )
    join = liver.anchor("vein_outlet")
    out["hepatic_veins"] = (
        vessel(
            VEIN,
            [
                liver.anchor("left_vein_start"),
                liver.anchor("vein_bend"),
                join,
                (join[0], atrium[1]),
            ],
            name="hepatic_veins",
        )
        .arrows(0.35, 0.93)
        .branch(
            [liver.anchor("right_vein_start"), liver.anchor("right_vein_bend"), join],
            arrows=(0.45,),
        )
        .layer(2.7)
    )
    out["ivc"] = (
        vessel(VEIN, [(_IVC_X, _TRUNK_BOTTOM), (_IVC_X, atrium[1]), atrium], name="ivc")
        .width(theme.trunk_width)
        .arrows(0.3, 0.88)
        .layer(2.8)
    )
    if tumour is not None:
        centre = tumour.anchor("centre")
        edge = (centre[0] + tumour.radius * 0.9, centre[1])
        out["tumour_artery"] = (
            vessel(ARTERY, [artery_in, (artery_in[0] - 2.5, centre[1]), edge], name="tumour_artery")
            .arrows(0.55)
            .bridge()
            .layer(4.0)
        )
    if bile:
        inlet = gut.anchor("bile_inlet")
        start = liver.anchor("bile_outlet")
        out["bile_duct"] = (
            vessel(
                BILE, [start, (start[0], _ARTERY_Y + 3.0), (start[0], inlet[1])], name="bile_duct"
            )
            .width(theme.vessel_min_width * 1.4)
            .arrows(0.5)
            .layer(2.9)
        )
    return out


def _emphasise(part: Element, highlight: str | None) -> None:
    if isinstance(part, Group):
        for child in part.children:
            _emphasise(child, highlight)
    if highlight is not None and part.name == highlight:
        part.emphasise()


def _label_texts(
    share_text: Mapping[str, str], clamped: list[str], downstream: list[str], diameter: float
) -> dict[str, str]:
    def flow_label(name: str, title: str) -> str:
        if name in clamped:
            return f"{title}\n(clamped)"
        if name in downstream:
            return f"{title}\n({_NO_FLOW_LABEL})"
        share = share_text.get(name)
        if share is None:
            return title
        if share == "all":
            return f"{title}\n(all of the flow)"
        return f"{title}\n({share} of flow)"

    return {
        "liver": "Liver",
        "right_lobe": "Right lobe",
        "left_lobe": "Left lobe",
        "heart": "Heart",
        "aorta": flow_label("aorta", "Aorta"),
        "hepatic_artery": flow_label("hepatic_artery", "Hepatic artery"),
        "intestines": "Intestines",
        "portal_vein": flow_label("portal_vein", "Portal vein"),
        "hepatic_veins": flow_label("hepatic_veins", "Hepatic veins"),
        "ivc": flow_label("ivc", "Inferior\nvena cava"),
        "metastasis": f"Metastasis\n({diameter:g} mm)",
        "tumour_artery": flow_label("tumour_artery", "Arterial branch\nto the metastasis"),
        "bile_duct": flow_label("bile_duct", "Bile duct"),
    }


def _label_layout(
    liver: Liver,
    heart: Heart,
    gut: Intestines,
    vessels: Mapping[str, Vessel],
    metastasis: Metastasis | None,
) -> dict[str, tuple[Point, Point, str]]:
    """Where each label goes: (text position, leader target, alignment)."""
    layout = {
        "heart": ((64.0, 68.5), (61.5, 68.5), "left"),
        "aorta": ((89.8, 56.0), (_AORTA_X + 0.9, 56.0), "left"),
        "hepatic_artery": ((77.0, 25.6), (77.0, _ARTERY_Y - 0.6), "below"),
        "portal_vein": ((52.0, 32.0), (54.0, 32.0), "right"),
        "hepatic_veins": ((35.6, 61.5), (34.6, 61.5), "left"),
        "ivc": ((16.4, 24.0), (17.3, 24.0), "right"),
        "liver": ((68.0, 62.5), (65.0, 56.2), "left"),
        "right_lobe": ((27.0, 62.0), (28.5, 55.0), "above"),
        "left_lobe": ((78.0, 41.5), (74.0, 48.0), "below"),
        "intestines": ((42.5, 15.0), (44.8, 15.0), "right"),
        "bile_duct": ((59.0, 24.4), (57.9, 24.4), "left"),
    }
    if metastasis is not None:
        centre = metastasis.anchor("centre")
        layout["metastasis"] = (
            (33.0, 31.0),
            (centre[0] - 0.3 * metastasis.radius, centre[1] - 0.8 * metastasis.radius),
            "below",
        )
    if "tumour_artery" in vessels:
        layout["tumour_artery"] = ((65.5, 35.0), vessels["tumour_artery"].point_at(0.12), "left")
    return layout


def _alt_text(
    present: list[str],
    share_text: Mapping[str, str],
    clamped: list[str],
    downstream: list[str],
    highlight: str | None,
    show_metastasis: bool,
    diameter: float,
    tumour_artery: bool,
) -> str:
    """The figure in words, saying only what is drawn (labelled mode)."""

    def share(name: str, whole: str, clamped_text: str) -> str:
        if name in clamped:
            return clamped_text
        if name in downstream:
            return f"but here it has {_NO_FLOW}"
        text = share_text[name]
        amount = "all" if text == "all" else f"about {text.lstrip('~')}"
        return f"{amount} of {whole}"

    none_now = "but here it is clamped and carries none"

    sentences = [
        "Schematic of the liver's dual blood supply, front view, right lobe on the left.",
        "The hepatic artery (solid vermillion line), which comes off the abdominal aorta through "
        "the coeliac trunk, "
        "carries oxygen-rich blood, "
        f"{share('hepatic_artery', 'the blood entering the liver', none_now)}.",
        "The portal vein (dashed blue line) carries nutrient-rich blood from the intestines, "
        f"{share('portal_vein', 'the inflow', none_now)}. Both enter the liver at the hilum "
        "and branch into the right and left lobes.",
        "The hepatic veins (dotted purple line) carry blood out of the liver into the inferior "
        "vena cava, which returns it to the heart; they carry "
        f"{share('hepatic_veins', 'the flow', 'nothing here, as they are clamped')}.",
    ]
    # Only what is drawn: how a metastasis of this size is really fed is the model's call.
    if show_metastasis and tumour_artery:
        sentences.append(
            f"A {diameter:g} mm metastasis sits in the right lobe. An arterial branch of the "
            "hepatic artery (the tumour artery) runs into it."
        )
    elif show_metastasis:
        sentences.append(
            f"A {diameter:g} mm metastasis sits in the right lobe; no artery of its own is drawn."
        )
    if "bile_duct" in present:
        sentences.append(
            "The bile duct (dash-dot green line) carries bile from the hilum to the intestines."
        )
    sentences.append("Arrows show the direction of flow; line width shows the share of flow.")
    if clamped:
        names = ", ".join(DISPLAY_NAMES[n] for n in clamped)
        sentences.append(f"Occluded (clamped, marked with a cross and faded, no flow): {names}.")
    if downstream:
        names = ", ".join(DISPLAY_NAMES[n] for n in downstream)
        sentences.append(f"Faded ({_NO_FLOW}): {names}.")
    if highlight is not None:
        sentences.append(f"Highlighted: {DISPLAY_NAMES[highlight]}.")
    return " ".join(sentences)


def _numbered_alt_text(
    clamped: list[str],
    downstream: list[str],
    highlight: str | None,
    numbering: Mapping[int, str],
) -> str:
    """The figure in words for a label-the-diagram question, never saying what a number marks."""
    number_of = {name: number for number, name in numbering.items()}

    def numbers(names: Iterable[str]) -> str:
        words = [str(n) for n in sorted(number_of[name] for name in names)]
        listed = words[0] if len(words) == 1 else f"{', '.join(words[:-1])} and {words[-1]}"
        return f"{'Number' if len(words) == 1 else 'Numbers'} {listed}"

    sentences = [
        "Schematic of the liver, its blood vessels, the heart and the intestines; "
        f"numbers 1 to {len(numbering)} mark the structures to identify.",
        "Arrows show the direction of flow; line width shows the share of flow.",
    ]
    if clamped:
        verb = "is" if len(clamped) == 1 else "are"
        sentences.append(f"{numbers(clamped)} {verb} clamped, marked with a cross and faded.")
    if downstream:
        verb = "is" if len(downstream) == 1 else "are"
        sentences.append(f"{numbers(downstream)} {verb} faded ({_NO_FLOW}).")
    if highlight is not None:
        sentences.append(f"{numbers([highlight])} is highlighted.")
    return " ".join(sentences)
