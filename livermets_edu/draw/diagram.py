"""The Diagram: a matplotlib figure plus alt text, named regions and labels.

This is the only module in :mod:`livermets_edu.draw` that imports matplotlib. It uses
``matplotlib.figure.Figure`` directly (never pyplot), so there is no global state and a
notebook shows a diagram once, through :meth:`Diagram._repr_mimebundle_`.

Artists go straight onto the figure (no Axes): one transform maps drawing units to inches,
which keeps building a diagram cheap enough to redraw on every slider move.
"""

from __future__ import annotations

import base64
import html
import io
import math
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

import numpy as np
from matplotlib import colormaps, rc_context
from matplotlib import text as matplotlib_text
from matplotlib.artist import Artist
from matplotlib.colors import Normalize
from matplotlib.figure import Figure
from matplotlib.image import BboxImage
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon
from matplotlib.text import Text
from matplotlib.transforms import Affine2D, Bbox, TransformedBbox
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from livermets_edu.draw.elements import Element, Group, Label
from livermets_edu.draw.geometry import Point
from livermets_edu.draw.primitives import (
    LINE_STYLES,
    Area,
    Mark,
    Primitive,
    Raster,
    RenderContext,
    Stroke,
    Symbols,
    Words,
)
from livermets_edu.draw.theme import DEFAULT_THEME, Theme

__all__ = ["DRAWING_WIDTH", "Diagram", "figure_html"]

E = TypeVar("E", bound=Element)

DRAWING_WIDTH = 100.0  # drawing units across the figure; the height follows the aspect ratio
_TITLE_BAND_INCHES = 0.45
_POINTS_PER_INCH = 72.0
_SMOOTH_SAMPLES = 180  # a smooth raster is sampled this finely across before it is drawn
_SYMBOL_MARKERS = {"dot": "o", "square": "s", "diamond": "D"}
# How SVG output writes text: as glyph outlines (the same everywhere) or as <text> elements.
_SVG_TEXT = {"paths": "path", "text": "none"}

#: Palette entries at least this light in every channel are printed as pure white.
_NEAR_WHITE = 248


# Text sizes measured for earlier SVGs: (renderer kind, text, font, math, dpi) → sizes.
_TEXT_SIZES: dict[tuple[Any, ...], Any] = {}
_TEXT_SIZES_LIMIT = 4096
_TEXT_SIZES_LOCK = threading.Lock()


@contextmanager
def _remembered_text_sizes() -> Iterator[None]:
    """While an SVG is written, reuse the sizes of texts measured for earlier ones.

    matplotlib measures every line of text afresh for each file (its own cache lives only as
    long as one renderer), and that is half the time an SVG of a labelled figure takes. A
    text's size depends only on the kind of renderer, the text, its font and the dpi, so the
    file written is the same, byte for byte.
    """
    measure = getattr(matplotlib_text, "_get_text_metrics_with_cache", None)
    if measure is None:  # pragma: no cover - a matplotlib without this function
        yield
        return

    def remembered(renderer: Any, text: str, font: Any, ismath: Any, dpi: float) -> Any:
        kind = type(getattr(renderer, "_renderer", renderer))
        key = (kind, text, font.copy(), ismath, dpi)
        size = _TEXT_SIZES.get(key)
        if size is None:
            size = measure(renderer, text, font, ismath, dpi)
            if len(_TEXT_SIZES) >= _TEXT_SIZES_LIMIT:
                _TEXT_SIZES.clear()
            _TEXT_SIZES[key] = size
        return size

    with _TEXT_SIZES_LOCK:
        matplotlib_text._get_text_metrics_with_cache = remembered
        try:
            yield
        finally:
            matplotlib_text._get_text_metrics_with_cache = measure


class _UnresampledImage(BboxImage):
    """An image that vector formats (SVG) embed at its own resolution, scaled by the viewer.

    matplotlib otherwise resamples it to the page's pixels and PNG-encodes the result, which
    is most of the time an SVG with a colour map takes to write. PNG output is unchanged.
    """

    def _check_unsampled_image(self) -> bool:
        return True


def _finer(values: np.ndarray, samples: int) -> np.ndarray:
    """Bilinear samples over the same cells, about ``samples`` across (for smooth rasters)."""
    factor = max(1, math.ceil(samples / max(values.shape)))
    if factor == 1:
        return values

    def along(array: np.ndarray, axis: int) -> np.ndarray:
        n = array.shape[axis]
        if n < 2:
            return np.repeat(array, factor, axis=axis)
        # Fine sample centres in units of coarse cells; the outer half-cells stay flat.
        where = np.clip((np.arange(n * factor) + 0.5) / factor - 0.5, 0.0, n - 1.0)
        low = np.minimum(where.astype(int), n - 2)
        weight = where - low
        shape = [1, 1]
        shape[axis] = -1
        weight = weight.reshape(shape)
        first = np.take(array, low, axis=axis)
        second = np.take(array, low + 1, axis=axis)
        return first * (1 - weight) + second * weight

    return along(along(values, 1), 0)


def figure_html(
    source: str, alt_text: str, size: str = "", summary: str = "Text description of the diagram"
) -> str:
    """An image in an HTML <figure>, with the alt text on the image and in its caption."""
    # JupyterLab's image renderer drops the alt metadata and hides text/plain behind a PNG,
    # so the alt text travels in the HTML itself: on the <img> for screen readers and in a
    # collapsed caption for anyone who wants to read it.
    alt = html.escape(alt_text, quote=True)
    return (
        f'<figure><img src="{source}" alt="{alt}"{size} style="max-width:100%;height:auto">'
        f"<figcaption><details><summary>{html.escape(summary)}</summary>"
        f"{alt}</details></figcaption></figure>"
    )


class Diagram:
    """A figure with alt text, named regions and labels, ready to save or show in Jupyter.

    Attributes:
        figure: the matplotlib Figure.
        alt_text: what the figure shows, in words: the PNG's description, the notebook's
            image alt text, text/plain and the HTML caption.
        regions: region name → its main artist.
        artists: region name → every artist drawn for it (outline, arrows, clamp marks...),
            and ``'label:<name>'`` → its label's text and leader; each artist's
            ``get_label()`` is its role ('main', 'arrow', 'clamp', 'text', 'leader', ...).
        labels: region name → the label text shown (a number in numbered mode).
        numbering: label number → region name (numbered mode only).
        svg_text: how :meth:`to_svg` writes text: 'paths' (glyph outlines, the default: the
            same in every viewer) or 'text' (``<text>`` elements naming the font: smaller,
            about twice as fast to write and selectable, drawn in the viewer's own font when
            it lacks DejaVu Sans).
    """

    def __init__(
        self,
        *,
        size: tuple[float, float] | None = None,
        theme: Theme = DEFAULT_THEME,
        title: str | None = None,
        numbered: bool = False,
        alt_text: str = "",
        svg_text: str = "paths",
    ) -> None:
        if svg_text not in _SVG_TEXT:
            raise ValueError(f"svg_text must be 'paths' or 'text'; got {svg_text!r}")
        width_in, height_in = size or theme.figure_size
        self.svg_text = svg_text
        self.theme = theme
        self.numbered = numbered
        self.title = title
        self.alt_text = alt_text
        band = _TITLE_BAND_INCHES if title else 0.0
        self.figure = Figure(figsize=(width_in, height_in + band), dpi=theme.dpi, facecolor="white")
        units_per_inch = DRAWING_WIDTH / width_in
        self.width = DRAWING_WIDTH
        self.height = height_in * units_per_inch
        self.context = RenderContext(theme, units_per_inch / _POINTS_PER_INCH)
        self._transform = Affine2D().scale(1.0 / units_per_inch) + self.figure.dpi_scale_trans
        self.regions: dict[str, Artist] = {}
        self.artists: dict[str, list[Artist]] = {}
        self.labels: dict[str, str] = {}
        self.numbering: dict[int, str] = {}
        self._elements: dict[str, Element] = {}
        if title:
            centre = (self.width / 2, self.height + band * units_per_inch / 2)
            self._draw(
                [
                    Words(
                        centre,
                        title,
                        theme.title_font_size,
                        theme.text_colour,
                        "center",
                        "center",
                        True,
                        False,
                        5.0,
                        "title",
                    )
                ],
                None,
            )

    # --- building -------------------------------------------------------------------------------
    def add(self, element: E) -> E:
        """Draw ``element`` (and a group's parts) and file its artists under its name."""
        if isinstance(element, Group):
            for child in element.children:
                self.add(child)
        self._draw(element.primitives(self.context), element.name, clip=element.clip_rectangle)
        if element.name is not None:
            self._elements[element.name] = element
        pending = element.pending_label
        if pending is not None and element.name is not None:
            self.label(
                element.name,
                str(pending["text"]),
                at=pending["at"],  # type: ignore[arg-type]
                target=element.label_target(pending["target"]),  # type: ignore[arg-type]
                align=str(pending["align"]),
            )
        return element

    def add_all(self, elements: Iterable[Element]) -> None:
        """Add several elements in order."""
        for element in elements:
            self.add(element)

    @property
    def texts(self) -> list[Text]:
        """Every text drawn: labels, legend, title."""
        return [artist for artist in self.figure.artists if isinstance(artist, Text)]

    def element(self, name: str) -> Element:
        """The element drawn under region ``name``."""
        return self._elements[name]

    def label(
        self,
        name: str,
        text: str,
        *,
        at: Point,
        target: Point | None = None,
        align: str = "left",
        bold: bool = False,
        background: str | None = None,
    ) -> Label:
        """Label region ``name``: ``text`` at ``at`` with a leader line to ``target``.

        In numbered mode the next number is shown instead and :attr:`numbering` records it.
        ``background`` puts the text on a box of that colour (for labels over a picture).
        """
        if self.numbered:
            number = len(self.numbering) + 1
            self.numbering[number] = name
            shown, circled = str(number), True
        else:
            shown, circled = text, False
        element = Label(
            shown,
            at=at,
            target=target,
            align=align,
            bold=bold,
            circled=circled,
            background=background,
        )
        self.labels[name] = shown
        self._draw(element.primitives(self.context), f"label:{name}", region=False)
        return element

    # --- output ---------------------------------------------------------------------------------
    def size_pixels(self, dpi: float | None = None) -> tuple[int, int]:
        """(width, height) of the PNG in pixels at ``dpi`` (default: the theme's)."""
        width_in, height_in = self.figure.get_size_inches()
        dpi = dpi or self.theme.dpi
        return round(width_in * dpi), round(height_in * dpi)

    def to_png(self, dpi: float | None = None) -> bytes:
        """The figure as PNG bytes, with the alt text in the PNG's 'Description'.

        Saved with a 256-colour palette: a schematic's flat colours survive, and the file is
        about a quarter of the full-colour size, which keeps executed lessons small.
        """
        dpi = dpi or self.theme.dpi
        rendered = io.BytesIO()
        # Uncompressed first: the compressing is done once, on the palette image.
        self.figure.savefig(rendered, format="png", dpi=dpi, pil_kwargs={"compress_level": 0})
        with Image.open(rendered) as image:
            palette = image.convert("RGB").quantize(
                colors=256, method=Image.Quantize.FASTOCTREE, dither=Image.Dither.NONE
            )
        # The fast quantizer averages white into near-white; a page's white must stay white.
        colours = palette.getpalette() or []
        for start in range(0, len(colours), 3):
            if min(colours[start : start + 3]) >= _NEAR_WHITE:
                colours[start : start + 3] = [255, 255, 255]
        palette.putpalette(colours)
        info = PngInfo()
        for key, value in self._metadata().items():
            info.add_itxt(key, value)
        buffer = io.BytesIO()
        palette.save(buffer, format="PNG", pnginfo=info, compress_level=6, dpi=(dpi, dpi))
        return buffer.getvalue()

    def _metadata(self) -> dict[str, str]:
        metadata = {"Description": self.alt_text}
        if self.title:
            metadata["Title"] = self.title
        return metadata

    def to_svg(self) -> str:
        """The figure as SVG text, with the alt text as its description."""
        buffer = io.StringIO()
        # A fixed salt for the ids of clip paths makes the same figure the same SVG every time.
        settings = {"svg.fonttype": _SVG_TEXT[self.svg_text], "svg.hashsalt": "livermets-edu"}
        with rc_context(settings), _remembered_text_sizes():
            self.figure.savefig(
                buffer,
                format="svg",
                metadata={**self._metadata(), "Date": None},
            )
        return buffer.getvalue()

    def save(self, path: str | Path, *, dpi: float | None = None) -> Path:
        """Write the figure to ``path``: PNG or SVG, chosen by the file's suffix."""
        target = Path(path)
        suffix = target.suffix.lower()
        if suffix == ".png":
            target.write_bytes(self.to_png(dpi))
        elif suffix == ".svg":
            target.write_text(self.to_svg(), encoding="utf-8")
        else:
            raise ValueError(f"save as .png or .svg, not {target.suffix or 'no suffix'!r}")
        return target

    def to_svg_html(self, summary: str = "Text description of the diagram") -> str:
        """The figure as SVG in an HTML <figure>, with alt text and a caption (for widgets).

        SVG keeps text at its true point size at any zoom and renders faster than a PNG;
        inside an <img>, an SVG cannot run scripts.
        """
        svg = base64.b64encode(self.to_svg().encode("utf-8")).decode("ascii")
        return self._figure_html(f"data:image/svg+xml;base64,{svg}", summary=summary)

    def _figure_html(
        self, source: str, size: str = "", summary: str = "Text description of the diagram"
    ) -> str:
        """An image in an HTML <figure>, with the alt text on the image and in its caption."""
        return figure_html(source, self.alt_text, size, summary)

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None, **kwargs: Any
    ) -> tuple[dict[str, str], dict[str, dict[str, Any]]]:
        """What Jupyter shows: HTML with alt text and caption, the PNG, and the alt text.

        Each front end shows the richest type it can: JupyterLab the HTML, a viewer without
        HTML the PNG with its alt metadata, a terminal the text.
        """
        png = base64.b64encode(self.to_png()).decode("ascii")
        width, height = self.size_pixels()
        data = {
            "text/html": self._figure_html(
                f"data:image/png;base64,{png}", f' width="{width}" height="{height}"'
            ),
            "image/png": png,
            "text/plain": self.alt_text,
        }
        metadata = {"image/png": {"alt": self.alt_text, "width": width, "height": height}}
        return data, metadata

    def __repr__(self) -> str:
        return f"<Diagram {self.title or 'untitled'}: {len(self.regions)} regions>"

    # --- rendering ----------------------------------------------------------------------------
    def _draw(
        self,
        primitives: list[Primitive],
        name: str | None,
        region: bool = True,
        clip: tuple[float, float, float, float] | None = None,
    ) -> None:
        """Draw primitives; file them under ``name`` and, as a region, its main artist.

        ``clip`` (x0, y0, x1, y1 in drawing units) hides whatever falls outside it.
        """
        drawn = [self._artist(p) for p in primitives]
        if clip is not None:
            box = TransformedBbox(Bbox.from_extents(*clip), self._transform)
            for artist in drawn:
                artist.set_clip_box(box)
        if name is None:
            return
        start = len(self.artists.get(name, ()))
        for index, artist in enumerate(drawn, start):
            artist.set_gid(f"{name}-{artist.get_label()}-{index}")
        self.artists.setdefault(name, []).extend(drawn)
        if region and name not in self.regions and drawn:
            roles = [primitive.role for primitive in primitives]
            self.regions[name] = drawn[roles.index("main")] if "main" in roles else drawn[0]

    def _artist(self, primitive: Primitive) -> Artist:
        figure, transform = self.figure, self._transform
        artist: Artist
        if isinstance(primitive, Stroke):
            style = LINE_STYLES[primitive.style]
            artist = Line2D(
                primitive.points[:, 0],
                primitive.points[:, 1],
                color=primitive.colour,
                linewidth=primitive.width,
                linestyle=style,
                alpha=primitive.alpha,
                solid_capstyle="round",
                dash_capstyle="butt" if primitive.style == "dashed" else "round",
                solid_joinstyle="round",
                dash_joinstyle="round",
                zorder=primitive.zorder,
                transform=transform,
            )
            if primitive.end_dot:
                artist.set(
                    marker="o",
                    markevery=[len(primitive.points) - 1],
                    markersize=primitive.end_dot,
                    markerfacecolor=primitive.colour,
                    markeredgewidth=0.0,
                )
        elif isinstance(primitive, Area):
            artist = Polygon(
                primitive.points,
                closed=True,
                facecolor=primitive.fill or "none",
                edgecolor=primitive.edge or "none",
                linewidth=primitive.width if primitive.edge else 0.0,
                linestyle=LINE_STYLES[primitive.style],
                alpha=None if primitive.alpha == 1.0 else primitive.alpha,
                hatch=primitive.hatch,
                joinstyle="round",
                zorder=primitive.zorder,
                transform=transform,
            )
        elif isinstance(primitive, Raster):
            x0, x1, y0, y1 = primitive.extent
            smooth = primitive.smooth
            artist = _UnresampledImage(
                TransformedBbox(Bbox.from_extents(x0, y0, x1, y1), transform),
                cmap=colormaps[primitive.colormap],
                norm=Normalize(primitive.low, primitive.high),
                interpolation="bilinear" if smooth else "nearest",
                origin="lower",
                zorder=primitive.zorder,
            )
            values = np.asarray(primitive.values, dtype=float)
            artist.set_data(_finer(values, _SMOOTH_SAMPLES) if smooth else values)
        elif isinstance(primitive, Mark):
            marker = {"clamp": "X", "dot": "o"}[primitive.symbol]
            artist = Line2D(
                [primitive.at[0]],
                [primitive.at[1]],
                linestyle="none",
                marker=marker,
                markersize=primitive.size,
                markerfacecolor=primitive.colour,
                markeredgecolor=primitive.edge,
                markeredgewidth=1.5 if primitive.symbol == "clamp" else 0.0,
                zorder=primitive.zorder,
                transform=transform,
            )
        elif isinstance(primitive, Symbols):
            # One line of markers for all the symbols: a patch each would cost an artist apiece.
            artist = Line2D(
                primitive.points[:, 0],
                primitive.points[:, 1],
                linestyle="none",
                marker=_SYMBOL_MARKERS[primitive.symbol],
                markersize=primitive.size,
                markerfacecolor=primitive.colour,
                markeredgecolor=primitive.edge or "none",
                markeredgewidth=primitive.edge_width if primitive.edge else 0.0,
                zorder=primitive.zorder,
                transform=transform,
            )
        else:
            box = (
                {
                    "boxstyle": "circle,pad=0.3",
                    "facecolor": "white",
                    "edgecolor": self.theme.text_colour,
                    "linewidth": 1.2,
                }
                if primitive.circled
                else {
                    "boxstyle": "round,pad=0.15",
                    "facecolor": primitive.background,
                    "edgecolor": "none",
                }
                if primitive.background
                else None
            )
            artist = Text(
                primitive.at[0],
                primitive.at[1],
                primitive.text,
                color=primitive.colour,
                fontsize=primitive.size,
                fontweight="bold" if primitive.bold else "normal",
                ha=primitive.ha,
                va=primitive.va,
                bbox=box,
                zorder=primitive.zorder,
                transform=transform,
            )
        artist.set_label(primitive.role)
        figure.add_artist(artist)
        return artist
