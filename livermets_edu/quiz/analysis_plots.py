"""Pictures of an item analysis: facility against discrimination, and the spread of totals.

The only quiz module that imports matplotlib, and only when a picture is asked for. It uses
``matplotlib.figure.Figure`` (never pyplot): no global state, the Agg renderer when saved.
No "good/weak" bands are drawn: Moodle's documentation gives targets for the test as a
whole (CIC, SD of totals) but none for an item's discrimination, so the plot shows the zero
line only (below it, stronger students did worse on the item than weaker ones).
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from livermets_edu.draw.diagram import figure_html
from livermets_edu.draw.theme import DEFAULT_THEME, OKABE_ITO

from . import atomic
from .analysis import QuizAnalysis

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "AnalysisPlot",
    "facility_discrimination_figure",
    "facility_discrimination_plot",
    "figure_alt_text",
    "plot_file_names",
    "save_analysis_plots",
    "total_score_histogram",
    "total_score_plot",
]

_MAX_LISTED = 20  # items named one by one in alt text; beyond this, a count


def _new_figure(width: float = 7.0, height: float = 4.8) -> Figure:
    from matplotlib.figure import Figure

    figure = Figure(figsize=(width, height), dpi=DEFAULT_THEME.dpi, layout="constrained")
    return figure


def _percent(value: float | None) -> str:
    return "not computable" if value is None else f"{value:.0f}%"


def _scatter_alt_text(analysis: QuizAnalysis) -> str:
    shown = [item for item in analysis.items if item.discrimination_index is not None]
    hidden = [item.question_id for item in analysis.items if item.discrimination_index is None]
    text = (
        f"Scatter plot of item facility (x axis, % of the item's marks) against "
        f"discrimination index (y axis, %) for {len(shown)} items of quiz {analysis.quiz_id}, "
        f"from {analysis.summary.attempts} attempts."
    )
    if len(shown) <= _MAX_LISTED:
        text += "".join(
            f" {item.question_id}: facility {_percent(item.facility_percent)}, "
            f"discrimination {_percent(item.discrimination_index)}."
            for item in shown
        )
    negative = [item.question_id for item in shown if (item.discrimination_index or 0) < 0]
    if negative:
        text += f" Negative discrimination: {', '.join(negative)}."
    if hidden:
        text += f" Not plotted (no discrimination index): {', '.join(hidden)}."
    return text


def facility_discrimination_figure(analysis: QuizAnalysis) -> Figure:
    """Each item as a point: facility (x) against discrimination index (y), labelled by id."""
    theme = DEFAULT_THEME
    figure = _new_figure()
    axes = figure.add_subplot()
    shown = [item for item in analysis.items if item.discrimination_index is not None]
    for negative, colour, marker, label in (
        (False, OKABE_ITO["blue"], "o", "item"),
        (True, OKABE_ITO["vermillion"], "v", "item with negative discrimination"),
    ):
        group = [item for item in shown if ((item.discrimination_index or 0) < 0) == negative]
        if not group:
            continue
        axes.scatter(
            [item.facility_percent for item in group],
            [item.discrimination_index for item in group],
            s=46,
            color=colour,
            marker=marker,
            edgecolor=theme.text_colour,
            linewidth=0.6,
            label=label,
            zorder=3,
        )
        for item in group:
            axes.annotate(
                item.question_id,
                (item.facility_percent, item.discrimination_index or 0.0),
                xytext=(5, 4),
                textcoords="offset points",
                fontsize=theme.small_font_size,
                color=theme.text_colour,
            )
    axes.axhline(0.0, color=theme.outline_colour, linewidth=0.9, linestyle="--", zorder=1)
    axes.set_xlim(-2, 105)
    lowest = min([0.0, *[item.discrimination_index or 0.0 for item in shown]])
    axes.set_ylim(min(-20.0, lowest - 10.0), 105)
    axes.set_xlabel("Facility (% of the item's marks)", fontsize=theme.font_size)
    axes.set_ylabel("Discrimination index (%)", fontsize=theme.font_size)
    axes.tick_params(labelsize=theme.small_font_size)
    axes.set_title(
        f"{analysis.quiz_id}: facility and discrimination ({analysis.summary.attempts} attempts)",
        fontsize=theme.title_font_size,
    )
    hidden = [item.question_id for item in analysis.items if item.discrimination_index is None]
    if hidden:  # under the axis label, where no point can hide it
        axes.set_xlabel(
            "Facility (% of the item's marks)\n"
            f"Not plotted (no discrimination index): {', '.join(hidden)}",
            fontsize=theme.font_size,
        )
    if any((item.discrimination_index or 0) < 0 for item in shown):
        axes.legend(fontsize=theme.small_font_size, loc="upper left", frameon=False)
    axes.grid(True, color="#DDDDDD", linewidth=0.6, zorder=0)
    figure.set_label(_scatter_alt_text(analysis))
    return figure


def _histogram_alt_text(analysis: QuizAnalysis, counts: list[int], edges: list[float]) -> str:
    summary = analysis.summary
    bins = ", ".join(
        f"{low:.0f}–{high:.0f}%: {count}"
        for low, high, count in zip(edges[:-1], edges[1:], counts, strict=True)
        if count
    )
    return (
        f"Histogram of the total scores of {summary.attempts} attempts at quiz "
        f"{analysis.quiz_id}, as % of the maximum {summary.max_total:g} marks: mean "
        f"{summary.mean_percent:.0f}%, median {summary.median_percent:.0f}%. Attempts per "
        f"band: {bins}."
    )


def total_score_histogram(analysis: QuizAnalysis) -> Figure:
    """A histogram of the total scores (% of the maximum), with the mean and median marked."""
    theme = DEFAULT_THEME
    figure = _new_figure(7.0, 4.2)
    axes = figure.add_subplot()
    summary = analysis.summary
    percents = [100.0 * total / summary.max_total for total in analysis.totals]
    edges = [10.0 * step for step in range(11)]
    counts, _, _ = axes.hist(
        percents,
        bins=edges,
        color=OKABE_ITO["sky_blue"],
        edgecolor=theme.text_colour,
        linewidth=0.8,
        hatch="//",
        label="attempts",
    )
    axes.axvline(
        summary.mean_percent,
        color=OKABE_ITO["vermillion"],
        linewidth=2.0,
        linestyle="-",
        label=f"mean {summary.mean_percent:.0f}%",
    )
    axes.axvline(
        summary.median_percent,
        color=OKABE_ITO["bluish_green"],
        linewidth=2.0,
        linestyle=":",
        label=f"median {summary.median_percent:.0f}%",
    )
    axes.set_xlim(0, 100)
    axes.set_xlabel("Total score (% of the maximum)", fontsize=theme.font_size)
    axes.set_ylabel("Attempts", fontsize=theme.font_size)
    axes.tick_params(labelsize=theme.small_font_size)
    axes.yaxis.get_major_locator().set_params(integer=True)
    axes.set_title(
        f"{analysis.quiz_id}: total scores ({summary.attempts} attempts)",
        fontsize=theme.title_font_size,
    )
    axes.legend(fontsize=theme.small_font_size, frameon=False)
    figure.set_label(_histogram_alt_text(analysis, [int(c) for c in counts], edges))
    return figure


def figure_alt_text(figure: Figure) -> str:
    """The alt text a figure from this module carries (it is kept as the figure's label)."""
    return figure.get_label()


def _png_with_alt_text(figure: Figure, title: str) -> bytes:
    from PIL import Image
    from PIL.PngImagePlugin import PngInfo

    rendered = io.BytesIO()
    figure.savefig(rendered, format="png", dpi=DEFAULT_THEME.dpi)
    info = PngInfo()
    info.add_itxt("Title", title)
    info.add_itxt("Description", figure_alt_text(figure))
    output = io.BytesIO()
    with Image.open(rendered) as image:
        image.save(output, format="PNG", pnginfo=info)
    return output.getvalue()


@dataclass(frozen=True)
class AnalysisPlot:
    """A plot that shows itself in Jupyter as the lessons' diagrams do: PNG with its alt text
    on the image, in a caption and as text/plain."""

    figure: Figure
    title: str

    @property
    def alt_text(self) -> str:
        """What the plot shows, in words."""
        return figure_alt_text(self.figure)

    def to_png(self) -> bytes:
        """The plot as PNG bytes, with the title and alt text in the PNG's metadata."""
        return _png_with_alt_text(self.figure, self.title)

    def _repr_mimebundle_(
        self, include: Any = None, exclude: Any = None, **kwargs: Any
    ) -> tuple[dict[str, str], dict[str, dict[str, str]]]:
        png = base64.b64encode(self.to_png()).decode("ascii")
        data = {
            "text/html": figure_html(f"data:image/png;base64,{png}", self.alt_text),
            "image/png": png,
            "text/plain": self.alt_text,
        }
        return data, {"image/png": {"alt": self.alt_text}}


def facility_discrimination_plot(analysis: QuizAnalysis) -> AnalysisPlot:
    """Facility against discrimination, ready to show in a notebook or save."""
    title = f"{analysis.quiz_id}: Facility and discrimination"
    return AnalysisPlot(facility_discrimination_figure(analysis), title)


def total_score_plot(analysis: QuizAnalysis) -> AnalysisPlot:
    """The spread of total scores, ready to show in a notebook or save."""
    return AnalysisPlot(total_score_histogram(analysis), f"{analysis.quiz_id}: Total scores")


_PLOTS = (
    ("facility-discrimination", facility_discrimination_plot),
    ("total-scores", total_score_plot),
)


def plot_file_names(quiz_id: str) -> list[str]:
    """The names ``save_analysis_plots`` gives its PNG files, e.g. 'y90-total-scores.png'."""
    return [f"{quiz_id}-{suffix}.png" for suffix, _ in _PLOTS]


def save_analysis_plots(analysis: QuizAnalysis, folder: str | Path) -> list[Path]:
    """Write both plots as PNG files (alt text in their 'Description') and return the paths."""
    target = Path(folder)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, (_, make) in zip(plot_file_names(analysis.quiz_id), _PLOTS, strict=True):
        # In one step, so an interrupted run never leaves half a PNG under the plot's name.
        written.append(atomic.write_bytes(target / name, make(analysis).to_png()))
    return written
