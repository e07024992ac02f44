"""Static figures with matplotlib: the map and the bar chart of one item's neighbours.

Private: reached through :mod:`skbookembed.plotting`. Figures are built with the object
API (:class:`matplotlib.figure.Figure`), never through :mod:`matplotlib.pyplot`, so
drawing changes no global state, works with any backend and leaks no open figure.
"""

from __future__ import annotations

import os
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ._atomic import atomic_open
from ._map_content import OTHER_COLOR, MapContent
from ._projection import METHOD_NAMES

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "CLOSE_COLOR",
    "FAR_COLOR",
    "auto_point_size",
    "decimals_to_tell_apart",
    "draw_map",
    "draw_similar",
    "import_matplotlib",
    "legend_text",
    "root_figure",
    "shorten",
]

_PLOT_EXTRA = "pip install skbookembed[plot]"
CLOSE_COLOR = "#2e8b3a"
FAR_COLOR = "#c8322d"


def import_matplotlib() -> Any:
    try:
        import matplotlib
        import matplotlib.figure  # noqa: F401
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"Plotting needs matplotlib, which is not installed: {_PLOT_EXTRA}"
        ) from error
    return matplotlib


def auto_point_size(n: int) -> float:
    """Marker area (points^2) that keeps tens of thousands of points legible."""
    return float(np.clip(300.0 / np.sqrt(max(n, 1)), 1.0, 40.0))


def _auto_alpha(n: int) -> float:
    return float(np.clip(0.9 * np.sqrt(1000.0 / max(n, 1)), 0.5, 0.9))


def shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, between words if it can."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "\u2026"


def _palette(matplotlib: Any, k: int) -> list[Any]:
    """``k`` distinct colours, none of them grey (grey means "other")."""
    tab10 = list(matplotlib.colormaps["tab10"].colors)
    tab20 = list(matplotlib.colormaps["tab20"].colors)
    tab20b = list(matplotlib.colormaps["tab20b"].colors)
    if k <= 10:
        return (tab10[:7] + tab10[8:] + [tab20b[0]])[:k]
    if k <= 20:
        return (tab20[:14] + tab20[16:] + tab20b[:2])[:k]
    return [matplotlib.colormaps["turbo"](x) for x in np.linspace(0.05, 0.95, k)]


def _new_figure(figsize: tuple[float, float], dpi: float) -> Figure:
    matplotlib = import_matplotlib()
    return matplotlib.figure.Figure(figsize=figsize, dpi=dpi, layout="constrained")


def root_figure(ax: Axes) -> Figure:
    """The top-level figure of ``ax`` (also when ``ax`` lives in a subfigure)."""
    try:
        return ax.get_figure(root=True)  # type: ignore[return-value]  # matplotlib >= 3.10
    except TypeError:  # pragma: no cover - older matplotlib
        fig = ax.figure
        return getattr(fig, "figure", None) or fig  # type: ignore[return-value]


def save_figure(fig: Figure, path: str | os.PathLike[str], dpi: float) -> None:
    target = Path(path)
    fmt = target.suffix[1:].lower() or "png"
    supported = fig.canvas.get_supported_filetypes()
    if fmt not in supported:
        raise ValueError(
            f"Cannot save a figure as {fmt!r}; use one of the extensions "
            f"{', '.join('.' + ext for ext in sorted(supported))}."
        )
    with atomic_open(target, "wb") as handle:
        fig.savefig(handle, format=fmt, dpi=dpi)


def legend_text(label: Any, count: int, width: int = 26) -> str:
    """``label (count)`` on at most two lines, shortened only between words."""
    lines = textwrap.wrap(str(label), width, break_long_words=False, break_on_hyphens=False)
    if len(lines) > 2:
        words = " ".join(lines[1:]).split()
        second = ""
        for word in words:
            if len(second) + len(word) + 1 > width - 1 and second:
                break
            second = f"{second} {word}".strip()
        lines = [lines[0], second + "\u2026"]
    lines = lines or [str(label)]
    return "\n".join(lines) + f" ({count:,})"


def draw_map(
    content: MapContent,
    *,
    ax: Axes | None,
    point_size: float | None,
    alpha: float | None,
    title: str | None,
    legend: bool,
    path: str | os.PathLike[str] | None,
    figsize: tuple[float, float],
    dpi: float,
) -> Figure:
    """Draw the map of ``content`` into ``ax`` (or a new figure); save it to ``path``."""
    matplotlib = import_matplotlib()
    xy, groups, n = content.xy, content.groups, content.xy.shape[0]
    if ax is None:
        fig = _new_figure(figsize, dpi)
        ax = fig.add_subplot()
    else:
        fig = root_figure(ax)
    size = auto_point_size(n) if point_size is None else float(point_size)
    opacity = _auto_alpha(n) if alpha is None else float(alpha)
    common = {"s": size, "alpha": opacity, "linewidths": 0, "rasterized": n > 5000}
    handles = []
    if groups is None:
        ax.scatter(xy[:, 0], xy[:, 1], color="#3b6ea8", **common)
    else:
        from matplotlib.lines import Line2D

        def handle(colour: Any, text: str) -> Line2D:
            return Line2D([], [], linestyle="", marker="o", markersize=7, color=colour, label=text)

        colours = _palette(matplotlib, len(groups.chosen))
        rest = groups.group < 0
        if rest.any():  # drawn first, underneath the coloured groups
            ax.scatter(xy[rest, 0], xy[rest, 1], color=OTHER_COLOR, **common)
        for g, label in enumerate(groups.chosen):
            mask = groups.group == g
            ax.scatter(xy[mask, 0], xy[mask, 1], color=colours[g], **common)
            handles.append(handle(colours[g], legend_text(label, groups.counts[label])))
        if rest.any():
            handles.append(handle(OTHER_COLOR, f"other ({groups.n_other:,})"))
    _mark(ax, xy, content.marked, size)
    ax.set_xticks([])
    ax.set_yticks([])
    if content.projected_by is not None:
        axis_name = METHOD_NAMES[content.projected_by]
        ax.set_xlabel(f"{axis_name} 1")
        ax.set_ylabel(f"{axis_name} 2")
    if title:
        ax.set_title(title, fontsize=14)
    if legend and handles:
        ax.legend(
            handles=handles, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False,
            fontsize=10, title=content.legend_title,
        )  # fmt: skip
    if path is not None:
        save_figure(fig, path, dpi)
    return fig


def _mark(ax: Axes, xy: NDArray[np.float64], marked: list[tuple[int, str]], size: float) -> None:
    """Circle the ``marked`` points and name each in a box beside it."""
    if not marked:
        return
    rows = np.array([index for index, _ in marked])
    ax.scatter(
        xy[rows, 0], xy[rows, 1], s=max(50.0, 4 * size), facecolors="none",
        edgecolors="black", linewidths=1.3, zorder=3,
    )  # fmt: skip
    box = {"boxstyle": "round,pad=0.2", "facecolor": "white", "edgecolor": "0.6", "alpha": 0.85}
    for index, name in marked:
        ax.annotate(
            shorten(name, 40), xy[index], xytext=(6, 6), textcoords="offset points",
            fontsize=9, zorder=4, bbox=box,
        )  # fmt: skip


def draw_similar(
    closest: list[tuple[Any, float]],
    furthest: list[tuple[Any, float]],
    *,
    ax: Axes | None,
    title: str,
    figsize: tuple[float, float] | None,
    dpi: float,
    path: str | os.PathLike[str] | None,
) -> Figure:
    """Horizontal bars of ``closest`` (green, on top) then ``furthest`` (red), with values."""
    import_matplotlib()
    items = closest + furthest
    scores = np.array([s for _, s in items], dtype=np.float64)
    own_figure = ax is None
    if ax is None:
        if figsize is None:
            figsize = (10.0, 1.6 + 0.38 * max(len(items), 2))
        fig = _new_figure(figsize, dpi)
        ax = fig.add_subplot()
    else:
        fig = root_figure(ax)
    y = np.arange(len(items))[::-1].astype(float)
    colours = [CLOSE_COLOR] * len(closest) + [FAR_COLOR] * len(furthest)
    ax.barh(y, scores, color=colours, edgecolor="black", linewidth=0.8, height=0.72)
    ax.set_yticks(y, [shorten(str(k), 45) for k, _ in items])
    ax.axvline(0.0, color="black", linewidth=1.0)
    if closest and furthest:
        ax.axhline(y[len(closest) - 1] - 0.5, color="0.5", linewidth=0.8, linestyle="--")
    high = _write_values(ax, y, scores, decimals_to_tell_apart(scores[: len(closest)]))
    ax.set_xlabel("Cosine similarity")
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    if furthest:
        from matplotlib.patches import Patch

        ax.legend(
            handles=[
                Patch(facecolor=CLOSE_COLOR, edgecolor="black", label="most similar"),
                Patch(facecolor=FAR_COLOR, edgecolor="black", label="least similar"),
            ],
            loc="lower right" if high else "lower left",
            fontsize=9,
        )
    # About 7 characters an inch at 13 points: wrapped, the title fits the figure. In a
    # figure of its own it is centred on the figure (the bars' labels take the left).
    title = textwrap.fill(title, max(30, int(6.5 * float(fig.get_size_inches()[0]))))
    if own_figure:
        fig.suptitle(title, fontsize=13)
    else:
        ax.set_title(title, fontsize=13)
    if path is not None:
        save_figure(fig, path, dpi)
    return fig


def _write_values(
    ax: Axes, y: NDArray[np.float64], scores: NDArray[np.float64], decimals: int
) -> bool:
    """Write each bar's value beside it and leave room for it; True if the bars lean right."""
    low = min(0.0, float(scores.min()) if scores.size else 0.0)
    high = max(0.0, float(scores.max()) if scores.size else 1.0)
    pad = 0.16 * max(high - low, 0.2)
    ax.set_xlim(low - pad, high + pad)
    offset = 0.01 * (high - low + 2 * pad)
    for yy, score in zip(y, scores, strict=True):
        ax.text(
            score + (offset if score >= 0 else -offset), yy, f"{score:.{decimals}f}",
            va="center", ha="left" if score >= 0 else "right", fontsize=9,
        )  # fmt: skip
    return high > -low


def decimals_to_tell_apart(scores: NDArray[np.float64], most: int = 4) -> int:
    """Fewest decimals (2 to ``most``) that print the distinct top scores differently."""
    top = np.sort(np.unique(scores))[::-1][:5]
    for decimals in range(2, most + 1):
        if len({f"{score:.{decimals}f}" for score in top}) == len(top):
            return decimals
    return most
