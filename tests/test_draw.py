"""The drawing language: theme, geometry, elements and the Diagram container."""

from __future__ import annotations

import base64
import html
import io
import math
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from livermets_edu.draw import (
    DEFAULT_THEME,
    OKABE_ITO,
    Group,
    Legend,
    LegendEntry,
    Shape,
    Theme,
    Vessel,
    tint,
)
from livermets_edu.draw.diagram import Diagram
from livermets_edu.draw.geometry import (
    Placement,
    path_length,
    point_along,
    rounded_path,
    smooth_closed,
)
from livermets_edu.draw.primitives import Area, Mark, RenderContext, Stroke

PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
DRAW_DIR = Path(__file__).resolve().parents[1] / "livermets_edu" / "draw"
CTX = RenderContext(DEFAULT_THEME, units_per_point=0.15)


# --- theme -------------------------------------------------------------------------------------
def test_palette_is_the_eight_okabe_ito_colours():
    assert len(OKABE_ITO) == 8
    assert len(set(OKABE_ITO.values())) == 8
    assert OKABE_ITO["vermillion"] == "#D55E00"
    assert OKABE_ITO["blue"] == "#0072B2"


def test_palette_matches_matplotlibs_okabe_ito_sequence_when_available():
    import matplotlib
    from matplotlib.colors import to_hex

    if "okabe_ito" not in matplotlib.color_sequences:
        pytest.skip("this matplotlib has no okabe_ito colour sequence")
    theirs = {to_hex(c).upper() for c in matplotlib.color_sequences["okabe_ito"]}
    assert set(OKABE_ITO.values()) == theirs


def test_default_text_is_at_least_10_pt():
    assert DEFAULT_THEME.font_size >= 10
    assert DEFAULT_THEME.small_font_size >= 10
    assert DEFAULT_THEME.title_font_size >= 10


@pytest.mark.parametrize("size", ["font_size", "small_font_size", "title_font_size"])
def test_a_theme_with_text_under_10_pt_is_refused(size):
    with pytest.raises(ValueError, match=f"10 pt.*{size}=9"):
        Theme(**{size: 9})


def test_line_width_grows_with_flow_and_stays_within_bounds():
    theme = DEFAULT_THEME
    widths = [theme.width_for_flow(f) for f in (0.0, 0.25, 0.75, 1.0)]
    assert widths == sorted(widths) and len(set(widths)) == 4
    assert widths[0] == theme.vessel_min_width
    assert widths[-1] == theme.vessel_max_width
    assert theme.width_for_flow(5.0) == theme.vessel_max_width


def test_tint_goes_from_the_colour_to_white():
    assert tint("#D55E00", 0.0) == "#D55E00"
    assert tint("#D55E00", 1.0) == "#FFFFFF"
    assert tint("#000000", 0.5) == "#808080"
    with pytest.raises(ValueError):
        tint("#D55E00", 1.5)
    with pytest.raises(ValueError):
        tint("red", 0.5)


# --- geometry ----------------------------------------------------------------------------------
def test_smooth_closed_curve_passes_through_its_control_points():
    control = [(0, 0), (10, 0), (12, 8), (3, 10)]
    curve = smooth_closed(control, samples_per_segment=8)
    assert curve.shape == (32, 2)
    np.testing.assert_allclose(curve[::8], control, atol=1e-9)


def test_rounded_path_keeps_its_ends_and_cuts_the_corner():
    path = rounded_path([(0, 0), (10, 0), (10, 10)], radius=2)
    np.testing.assert_allclose(path[0], (0, 0))
    np.testing.assert_allclose(path[-1], (10, 10))
    assert not np.any(np.all(np.isclose(path, (10, 0)), axis=1))  # the sharp corner is gone
    assert path_length(path) < 20


def test_point_along_gives_position_and_direction():
    (x, y), (dx, dy) = point_along([(0, 0), (10, 0), (10, 10)], 0.75)
    assert (x, y) == pytest.approx((10, 5))
    assert (dx, dy) == pytest.approx((0, 1))


def test_placement_scales_rotates_then_moves():
    moved = Placement(offset=(5, 5), scale=2, rotation=90).apply([(1, 0)])
    np.testing.assert_allclose(moved, [(5, 7)], atol=1e-12)


# --- elements ----------------------------------------------------------------------------------
def test_setters_chain_and_anchors_follow_the_placement():
    square = Shape([(0, 0), (2, 0), (2, 2), (0, 2)])
    assert square.at((10, 20)).scale(3).fill("#E69F00").named("box") is square
    assert square.anchor("centre") == pytest.approx((13, 23))
    assert square.anchors == {"centre": pytest.approx((13, 23))}
    with pytest.raises(KeyError, match="centre"):
        square.anchor("hilum")


def test_group_parts_move_with_the_group():
    group = Group("pair")
    part = group.add(Shape([(0, 0), (1, 0), (1, 1)], name="part"))
    before = part.anchor("centre")
    group.at((100, 0))
    assert part.anchor("centre") == pytest.approx((before[0] + 100, before[1]))
    assert group.part("part") is part


def test_bad_style_values_are_refused():
    vessel = Vessel([(0, 0), (1, 0)])
    with pytest.raises(ValueError, match="dashed"):
        vessel.style("wiggly")
    with pytest.raises(ValueError):
        vessel.flow(1.5)
    with pytest.raises(ValueError):
        vessel.opacity(-0.1)
    with pytest.raises(ValueError):
        vessel.scale(0)


def _main(prims):
    return next(p for p in prims if p.role == "main")


def test_vessel_width_follows_flow_and_carries_its_style():
    thin = _main(Vessel([(0, 0), (20, 0)]).flow(0.25).primitives(CTX))
    thick = _main(Vessel([(0, 0), (20, 0)]).flow(0.75).dashed().primitives(CTX))
    assert isinstance(thick, Stroke)
    assert thick.width > thin.width
    assert thick.style == "dashed" and thin.style == "solid"


def test_vessel_arrows_point_downstream():
    prims = Vessel([(0, 0), (30, 0)]).arrows(0.5).primitives(CTX)
    arrows = [p for p in prims if p.role == "arrow"]
    assert len(arrows) == 1 and isinstance(arrows[0], Area)
    tip, *base = arrows[0].points
    assert all(tip[0] > corner[0] for corner in base)  # left to right: tip is furthest right


def test_occluded_vessel_has_a_clamp_no_arrows_and_is_faded():
    prims = Vessel([(0, 0), (30, 0)]).arrows(0.3, 0.7).occlude(at=0.5).primitives(CTX)
    clamps = [p for p in prims if p.role == "clamp"]
    assert len(clamps) == 1 and isinstance(clamps[0], Mark)
    assert clamps[0].at == pytest.approx((15, 0))
    assert not [p for p in prims if p.role == "arrow"]
    assert _main(prims).alpha < 1


def test_emphasised_shape_gets_a_highlight_halo():
    plain = Shape([(0, 0), (1, 0), (1, 1)]).primitives(CTX)
    shown = Shape([(0, 0), (1, 0), (1, 1)]).emphasise().primitives(CTX)
    assert not [p for p in plain if p.role == "highlight"]
    assert [p for p in shown if p.role == "highlight"]


# --- Diagram -----------------------------------------------------------------------------------
@pytest.fixture
def small_diagram() -> Diagram:
    diagram = Diagram(size=(4, 3), title="Test", alt_text="A square and a pipe.")
    diagram.add(Shape([(10, 10), (30, 10), (30, 30), (10, 30)], name="box").fill("#E69F00"))
    pipe = Vessel([(40, 20), (90, 20)], name="pipe").colour(OKABE_ITO["blue"]).flow(0.5).dashed()
    diagram.add(pipe.label("Pipe", at=(60, 40), align="above"))
    diagram.label("box", "Box", at=(5, 50), target=(20, 20))
    diagram.add(Legend([LegendEntry("dashed: pipe", OKABE_ITO["blue"], "dashed")]).at((5, 8)))
    return diagram


def test_diagram_files_regions_and_labels(small_diagram):
    assert set(small_diagram.regions) >= {"box", "pipe", "legend"}
    assert small_diagram.labels == {"pipe": "Pipe", "box": "Box"}
    assert small_diagram.regions["pipe"].get_linestyle() == "--"
    roles = {a.get_label() for a in small_diagram.artists["pipe"]}
    assert {"main", "arrow"} <= roles


def test_figure_is_not_made_with_pyplot(small_diagram):
    from matplotlib.figure import Figure

    assert type(small_diagram.figure) is Figure
    assert not small_diagram.figure.axes  # artists sit on the figure: no Axes to build


def test_numbered_diagram_shows_numbers_and_keeps_the_key():
    diagram = Diagram(size=(4, 3), numbered=True)
    diagram.label("first", "First", at=(10, 10), target=(20, 20))
    diagram.label("second", "Second", at=(50, 10), target=(60, 20))
    assert diagram.numbering == {1: "first", 2: "second"}
    assert diagram.labels == {"first": "1", "second": "2"}
    texts = [t.get_text() for t in diagram.texts]
    assert "First" not in texts and "1" in texts


def test_png_has_signature_and_alt_text_metadata(small_diagram, tmp_path):
    from PIL import Image

    path = small_diagram.save(tmp_path / "figure.png")
    data = path.read_bytes()
    assert data.startswith(PNG_SIGNATURE)
    with Image.open(io.BytesIO(data)) as image:
        assert image.info["Description"] == small_diagram.alt_text
        assert image.size == small_diagram.size_pixels()


def test_png_is_a_palette_image_whose_white_stays_white(small_diagram):
    from PIL import Image

    with Image.open(io.BytesIO(small_diagram.to_png())) as image:
        assert image.mode == "P"  # 256 colours: a quarter of the size of full colour
        assert image.convert("RGB").getpixel((0, 0)) == (255, 255, 255)
        assert image.info["dpi"] == pytest.approx((small_diagram.theme.dpi,) * 2, abs=0.01)


def test_svg_is_written_with_its_description(small_diagram, tmp_path):
    text = small_diagram.save(tmp_path / "figure.svg").read_text(encoding="utf-8")
    assert text.lstrip().startswith("<?xml") and "<svg" in text
    assert small_diagram.alt_text in text


def test_save_refuses_unknown_formats(small_diagram, tmp_path):
    with pytest.raises(ValueError, match=".png or .svg"):
        small_diagram.save(tmp_path / "figure.jpg")


def test_mimebundle_is_html_png_and_plain_text_all_carrying_the_alt_text(small_diagram):
    data, metadata = small_diagram._repr_mimebundle_()
    assert set(data) == {"text/html", "image/png", "text/plain"}
    assert base64.b64decode(data["image/png"]).startswith(PNG_SIGNATURE)
    assert data["text/plain"] == small_diagram.alt_text
    assert metadata["image/png"]["alt"] == small_diagram.alt_text
    assert (metadata["image/png"]["width"], metadata["image/png"]["height"]) == (400, 345)


def test_html_is_a_figure_with_the_png_its_alt_text_and_a_text_caption(small_diagram):
    page = small_diagram._repr_mimebundle_()[0]["text/html"]
    png = small_diagram._repr_mimebundle_()[0]["image/png"]
    alt = small_diagram.alt_text
    assert page == (
        f'<figure><img src="data:image/png;base64,{png}" alt="{alt}" width="400" height="345" '
        'style="max-width:100%;height:auto"><figcaption><details>'
        f"<summary>Text description of the diagram</summary>{alt}</details></figcaption></figure>"
    )


def test_alt_text_cannot_break_out_of_the_html(small_diagram):
    small_diagram.alt_text = 'A "quoted" <b>bold</b> & <script>x</script> \'s'
    page = small_diagram._repr_mimebundle_()[0]["text/html"]
    escaped = html.escape(small_diagram.alt_text, quote=True)
    assert f'alt="{escaped}"' in page
    assert f"</summary>{escaped}</details>" in page
    assert "<script>" not in page and "<b>" not in page
    # One attribute value, no stray quote: the tag reads back as exactly these attributes.
    img = re.search(r"<img ([^>]*)>", page).group(1)
    names = re.findall(r'(\w+)="[^"]*"', img)
    assert names == ["src", "alt", "width", "height", "style"]
    assert html.unescape(re.search(r'alt="([^"]*)"', img).group(1)) == small_diagram.alt_text


def test_mimebundle_is_deterministic(small_diagram):
    assert small_diagram._repr_mimebundle_() == small_diagram._repr_mimebundle_()


def test_sanitize_file_hides_only_the_png_bytes_from_nbval(small_diagram):
    from nbval.plugin import get_sanitize_patterns

    config = Path(__file__).with_name("nbval-sanitize.cfg").read_text(encoding="utf-8")
    patterns = get_sanitize_patterns(config)
    assert patterns
    page = small_diagram._repr_mimebundle_()[0]["text/html"]
    for regex, replace in patterns:
        page = re.sub(regex, replace, page)
    assert '<img src="data:image/png;base64,<PNG>" alt="A square and a pipe."' in page
    assert "</summary>A square and a pipe.</details>" in page


def test_only_diagram_module_imports_matplotlib():
    importers = sorted(
        path.name
        for path in DRAW_DIR.glob("*.py")
        if "import matplotlib" in (text := path.read_text(encoding="utf-8"))
        or "from matplotlib" in text
    )
    assert importers == ["diagram.py"]


@pytest.mark.parametrize("module", ["livermets_edu", "livermets_edu.draw", "livermets_edu.anatomy"])
def test_importing_does_not_load_matplotlib(module):
    code = f"import sys, {module}; print('matplotlib' in sys.modules)"
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_drawing_never_loads_pyplot():
    code = (
        "import sys; from livermets_edu.diagrams import dual_blood_supply; "
        "dual_blood_supply().to_png(); print('matplotlib.pyplot' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"


def test_units_per_point_matches_the_figure_width():
    diagram = Diagram(size=(10, 5))
    # 100 units across 10 inches = 10 units per inch = 10/72 units per point.
    assert math.isclose(diagram.context.units(72), 10.0)
    assert math.isclose(diagram.height, 50.0)
