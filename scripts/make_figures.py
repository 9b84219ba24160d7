"""Write the README and docs figures to docs/images/.

Run from the repository root: ``python scripts/make_figures.py``. Each PNG carries its alt
text in the 'Description' metadata; the alt text is also printed, for the README.
"""

from __future__ import annotations

from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from livermets_edu.diagrams import dual_blood_supply  # noqa: E402

IMAGES = Path(__file__).resolve().parents[1] / "docs" / "images"
DPI = 150  # sharp on high-density screens; GitHub scales it to the column width


def main() -> None:
    """Draw each figure and save it as PNG."""
    IMAGES.mkdir(parents=True, exist_ok=True)
    figures = {
        "dual-blood-supply.png": dual_blood_supply(),
        "dual-blood-supply-artery-clamped.png": dual_blood_supply(
            occluded=["hepatic_artery"], title="Hepatic artery clamped"
        ),
    }
    for filename, diagram in figures.items():
        path = diagram.save(IMAGES / filename, dpi=DPI)
        print(f"{path.relative_to(IMAGES.parents[1])}: {path.stat().st_size / 1024:.0f} KiB")
        print(f"  alt: {diagram.alt_text}")


if __name__ == "__main__":
    main()
