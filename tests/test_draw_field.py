"""The drawing language's quantitative parts: fields, colour bars, frames, clipping, geometry."""

from __future__ import annotations

import math

import numpy as np
import pytest

from livermets_edu.draw import DEFAULT_THEME, ColourBar, Field, Frame, Group, Shape
from livermets_edu.draw.diagram import Diagram
from livermets_edu.draw.geometry import circle, contour_lines, inside, nice_ticks
from livermets_edu.draw.primitives import Raster, RenderContext, Stroke, Words

CTX = RenderContext(DEFAULT_THEME, units_per_point=0.15)
GRID = np.arange(-10.0, 11.0)  # 21 cell centres, 1 apart
X, Y = np.meshgrid(GRID, GRID)
BUMP = 100.0 * np.exp(-(X**2 + Y**2) / 40.0)


def _roles(primitives) -> list[str]:
    return [p.role for p in primitives]


# --- geometry ------------------------------------------------------------------------------------
def test_circle_has_its_radius_and_centre():
    points = circle(2.5, (1.0, -1.0), samples=40)
    assert points.shape == (40, 2)
    assert np.hypot(points[:, 0] - 1.0, points[:, 1] + 1.0) == pytest.approx(2.5)
    with pytest.raises(ValueError):
        circle(0.0)


def test_inside_tells_points_in_a_polygon_from_points_out():
    square = [(0, 0), (4, 0), (4, 4), (0, 4)]
    assert inside(square, [(1, 1), (5, 1), (2, 3.9), (-0.1, 2)]).tolist() == [
        True,
        False,
        True,
        False,
    ]
    ring = circle(5.0, samples=200)
    assert inside(ring, [(0, 4.9), (0, 5.1)]).tolist() == [True, False]


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [
        (-30, 30, [-30.0, -20.0, -10.0, 0.0, 10.0, 20.0, 30.0]),
        (37, 100, [40.0, 60.0, 80.0, 100.0]),
        (-186, 37, [-150.0, -100.0, -50.0, 0.0]),
        (0, 1, [0.0, 0.2, 0.4, 0.6, 0.8, 1.0]),
    ],
)
def test_nice_ticks_are_round_and_inside_the_range(low, high, expected):
    assert nice_ticks(low, high, count=6 if high - low == 60 else 5) == expected


def test_nice_ticks_refuse_an_empty_range():
    with pytest.raises(ValueError):
        nice_ticks(1.0, 1.0)


def test_contour_lines_follow_the_level():
    lines = contour_lines(GRID, GRID, BUMP, 50.0)
    assert len(lines) == 1
    radius = math.sqrt(-40.0 * math.log(0.5))
    assert np.hypot(*lines[0].T) == pytest.approx(radius, abs=0.1)
    assert lines[0][0] == pytest.approx(lines[0][-1])  # a closed loop
    assert contour_lines(GRID, GRID, BUMP, 1000.0) == []
    with pytest.raises(ValueError, match="shape"):
        contour_lines(GRID, GRID[:5], BUMP, 50.0)


# --- Field ---------------------------------------------------------------------------------------
def test_a_field_fills_its_cells_through_its_placement():
    field = Field(GRID, GRID, BUMP, colormap="viridis").at((50, 40)).scale(2.0)
    (raster,) = field.primitives(CTX)
    assert isinstance(raster, Raster)
    assert raster.extent == pytest.approx((50 - 21, 50 + 21, 40 - 21, 40 + 21))
    assert (raster.low, raster.high) == pytest.approx((BUMP.min(), BUMP.max()))
    assert raster.colormap == "viridis"


def test_field_contours_are_lines_with_labels_on_boxes():
    field = Field(GRID, GRID, BUMP).contours(
        [25, 75], colour=["#FFFFFF", "#000000"], label_format="{} °C", halo="#333333"
    )
    prims = field.primitives(CTX)
    assert _roles(prims).count("contour") == 2 and _roles(prims).count("contour_halo") == 2
    lines = [p for p in prims if p.role == "contour"]
    assert [line.colour for line in lines] == ["#FFFFFF", "#000000"]
    labels = [p for p in prims if p.role == "contour_label"]
    assert [w.text for w in labels] == ["25 °C", "75 °C"]
    assert all(isinstance(w, Words) and w.background == "#FFFFFF" for w in labels)
    assert all(w.zorder > line.zorder for w in labels for line in lines)


def test_contour_labels_use_a_true_minus_and_sit_where_asked():
    cold = -BUMP
    field = Field(GRID, GRID, cold).contours([-50], label_format="{} °C", label_angles=[0.0])
    (label,) = [p for p in field.primitives(CTX) if p.role == "contour_label"]
    assert label.text == "\u221250 °C"
    x, y = label.at
    assert x > 0 and abs(y) < 1.0  # the line's rightmost point


@pytest.mark.parametrize(
    ("args", "kwargs", "message"),
    [
        ((GRID, GRID, BUMP[:, :5]), {}, "shape"),
        ((GRID[::-1], GRID, BUMP), {}, "increasing"),
        ((np.array([0.0, 1.0, 3.0]), GRID[:3], np.zeros((3, 3))), {}, "evenly"),
        ((GRID, GRID, BUMP), {"limits": (5.0, 5.0)}, "low < high"),
        ((GRID, GRID, BUMP * np.nan), {}, "finite"),
    ],
)
def test_a_bad_field_is_refused(args, kwargs, message):
    with pytest.raises(ValueError, match=message):
        Field(*args, **kwargs)


def test_one_colour_or_one_per_level():
    with pytest.raises(ValueError, match="one per level"):
        Field(GRID, GRID, BUMP).contours([10, 20, 30], colour=["#FFFFFF", "#000000"])


def test_a_rotated_field_is_refused():
    group = Group().rotate(30)
    field = group.add(Field(GRID, GRID, BUMP))
    with pytest.raises(ValueError, match="cannot be rotated"):
        field.primitives(CTX)


# --- ColourBar and Frame -------------------------------------------------------------------------
def test_a_colour_bar_has_its_ramp_ticks_and_title():
    bar = ColourBar("cividis", 37, 100, length=40, thickness=2, title="T (°C)", horizontal=True)
    prims = bar.at((10, 5)).primitives(CTX)
    (ramp,) = [p for p in prims if isinstance(p, Raster)]
    assert ramp.extent == pytest.approx((10, 50, 5, 7))
    assert ramp.values.shape == (1, 256) and ramp.values[0, 0] == 37 and ramp.values[0, -1] == 100
    ticks = [p for p in prims if p.role == "tick_label"]
    assert [t.text for t in ticks] == ["40", "60", "80", "100"]
    assert [t.at[0] for t in ticks] == sorted(t.at[0] for t in ticks)
    assert [p.text for p in prims if p.role == "title"] == ["T (°C)"]
    assert all(t.size >= 10 for t in ticks)


def test_a_vertical_colour_bar_runs_up():
    prims = ColourBar("cividis", -50, 50, length=20, thickness=2).primitives(CTX)
    (ramp,) = [p for p in prims if isinstance(p, Raster)]
    assert ramp.values.shape == (256, 1) and ramp.values[0, 0] == -50
    ticks = [p for p in prims if p.role == "tick_label"]
    assert ticks[0].text == "\u221240" and ticks[0].at[1] < ticks[-1].at[1]
    with pytest.raises(ValueError):
        ColourBar("cividis", 5, 5, length=20, thickness=2)


def test_a_frame_ticks_its_axes_in_local_units():
    frame = Frame((-30, 30), (-30, 30), x_title="x (mm)", y_title="y (mm)").scale(0.5)
    prims = frame.at((50, 50)).primitives(CTX)
    box = next(p for p in prims if p.role == "main")
    assert box.points.min(axis=0) == pytest.approx((35, 35))
    labels = [p.text for p in prims if p.role == "tick_label"]
    assert labels.count("0") == 2 and "\u221220" in labels
    (ticks,) = [p for p in prims if isinstance(p, Stroke) and p.role == "tick"]
    assert np.isnan(ticks.points).any()  # one line, broken between ticks
    assert {p.text for p in prims if "title" in p.role} == {"x (mm)", "y (mm)"}


# --- clipping and rendering ----------------------------------------------------------------------
def test_clip_rectangle_follows_placement_and_parents():
    group = Group().at((10, 10)).scale(2.0).clip((-5, -5), (5, 5))
    child = group.add(Shape([(0, 0), (1, 0), (1, 1)]))
    assert group.clip_rectangle == pytest.approx((0, 0, 20, 20))
    assert child.clip_rectangle == pytest.approx((0, 0, 20, 20))
    child.clip((0, 0), (10, 10))
    assert child.clip_rectangle == pytest.approx((10, 10, 20, 20))  # the overlap of both
    assert Shape([(0, 0), (1, 0), (1, 1)]).clip_rectangle is None


def test_the_diagram_draws_fields_clipped_and_labels_on_boxes():
    from matplotlib.image import BboxImage
    from matplotlib.text import Text

    diagram = Diagram(size=(4, 4))
    panel = Group("panel").at((50, 50)).scale(2.0)
    panel.add(Field(GRID, GRID, BUMP, name="map").contours([50]).clip((-8, -8), (8, 8)))
    diagram.add(panel)
    image = diagram.regions["map"]
    assert isinstance(image, BboxImage) and image.get_cmap().name == "cividis"
    assert image.get_clip_box() is not None
    label = next(a for a in diagram.artists["map"] if a.get_label() == "contour_label")
    assert isinstance(label, Text) and label.get_bbox_patch() is not None
    assert label.get_bbox_patch().get_facecolor()[:3] == (1.0, 1.0, 1.0)


def test_smooth_rasters_are_sampled_finer_and_stay_linear():
    ramp = np.tile(np.arange(10.0), (10, 1))  # rises by 1 a cell along x
    diagram = Diagram(size=(4, 4))
    diagram.add(Field(np.arange(10.0), np.arange(10.0), ramp, name="smooth"))
    diagram.add(Field(np.arange(10.0), np.arange(10.0), ramp, smooth=False, name="blocks"))
    fine = np.asarray(diagram.regions["smooth"].get_array())
    assert fine.shape[0] >= 180 and fine.shape[0] % 10 == 0
    step = fine.shape[1] // 10
    middle = fine[0, step:-step]
    assert np.diff(middle) == pytest.approx(1.0 / step)  # bilinear: straight in between
    assert fine[0, 0] == 0.0 and fine[0, -1] == 9.0  # the outer half-cells stay flat
    assert np.asarray(diagram.regions["blocks"].get_array()).shape == (10, 10)


def test_svg_embeds_the_raster_at_its_own_size():
    import re

    diagram = Diagram(size=(6, 6))
    diagram.add(Field(GRID, GRID, BUMP, smooth=False, name="map").at((50, 50)).scale(2.0))
    svg = diagram.to_svg()
    sizes = re.findall(r'<image[^>]*?width="(\d+)" height="(\d+)"', svg)
    assert sizes == [("21", "21")]  # the grid itself, not a resampled page-sized picture
