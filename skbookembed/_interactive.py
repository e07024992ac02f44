"""The interactive map: one self-contained HTML page built with bokeh.

Private: reached through :func:`skbookembed.plotting.plot_map` with
``interactive=True``. The page embeds bokeh's JavaScript (``INLINE``
resources), so it opens offline, from a file, with no request to a CDN.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._atomic import atomic_open
from ._map_content import OTHER_COLOR, Groups, MapContent, is_missing

_INTERACTIVE_EXTRA = 'pip install "skbookembed[interactive]"'
_SINGLE_COLOR = "#3b6ea8"
N_NEIGHBOURS = 8

# Runs in the page when the search box changes: find the title (exact, then by
# substring, case-insensitive), select it and its neighbours, mark it, centre on it.
_SEARCH_JS = """
const raw = (input.value || "").trim();
const query = raw.toLowerCase();
const titles = source.data.title;
const xs = source.data.x, ys = source.data.y;
const escape = (t) => String(t).replace(/[&<>"']/g, (c) => ({
  "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;"}[c]));
function clear(text) {
  source.selected.indices = [];
  found.data = {x: [], y: [], title: []};
  status.text = text;
}
if (!query) { clear(""); return; }
let i = titles.findIndex((t) => String(t).toLowerCase() === query);
if (i < 0) { i = titles.findIndex((t) => String(t).toLowerCase().includes(query)); }
if (i < 0) { clear(`No title matches \u201c${escape(raw)}\u201d.`); return; }
const near = neighbours[i];
source.selected.indices = [i].concat(near);
found.data = {x: [xs[i]], y: [ys[i]], title: [titles[i]]};
const names = near.map((j) => `<li>${escape(titles[j])}</li>`).join("");
status.text = `<b>${escape(titles[i])}</b> and its ${near.length} nearest ` +
  `neighbours:<ol>${names}</ol>`;
if (xs[i] < xr.start || xs[i] > xr.end || ys[i] < yr.start || ys[i] > yr.end) {
  const w = xr.end - xr.start, h = yr.end - yr.start;  // off screen: centre on it
  xr.start = xs[i] - w / 2; xr.end = xs[i] + w / 2;
  yr.start = ys[i] - h / 2; yr.end = ys[i] + h / 2;
}
"""

# Runs once the page is ready: ``map.html#search=Dune`` searches for "Dune".
_FRAGMENT_JS = """
const hash = window.location.hash || "";
if (hash.startsWith("#search=")) {
  input.value = decodeURIComponent(hash.slice("#search=".length).replace(/\\+/g, " "));
}
"""


def import_bokeh() -> Any:
    try:
        import bokeh
        import bokeh.embed  # noqa: F401
    except ImportError as error:
        raise ImportError(
            f"An interactive map needs bokeh, which is not installed: {_INTERACTIVE_EXTRA} "
            "(or pip install bokeh); without it, plot_map draws a static figure."
        ) from error
    return bokeh


def _colours(k: int) -> list[str]:
    """``k`` distinct colours, none of them grey (grey means "other")."""
    from bokeh import palettes

    if k <= 10:  # Category10 without its grey, then a dark blue
        return ([c for i, c in enumerate(palettes.Category10[10]) if i != 7] + ["#393b79"])[:k]
    if k <= 18:
        return [c for i, c in enumerate(palettes.Category20[20]) if i not in (14, 15)][:k]
    return list(palettes.turbo(k))


def _neighbours(keyed: Any, xy: NDArray[np.float64], k: int) -> NDArray[np.int64]:
    """Row numbers of each row's ``k`` nearest items (by the embeddings when known)."""
    n = xy.shape[0]
    k = min(k, n - 1)
    if k < 1:
        return np.zeros((n, 0), dtype=np.int64)
    if keyed is not None:
        ids, _ = keyed.batch_most_similar(np.arange(n), topn=k)
        return np.asarray(ids, dtype=np.int64)
    from sklearn.neighbors import NearestNeighbors

    _, ids = NearestNeighbors(n_neighbors=k + 1).fit(xy).kneighbors(xy)
    return np.asarray([[j for j in row if j != i][:k] for i, row in enumerate(ids)])


def _titled_points(plot: Any, source: Any, marker: dict, label: dict) -> None:
    """Black-outlined markers at ``source``'s points, each named by its ``title``."""
    from bokeh.models import LabelSet

    plot.scatter("x", "y", source=source, line_color="black", **marker)
    plot.add_layout(
        LabelSet(
            x="x", y="y", text="title", source=source, background_fill_color="white", **label
        )  # fmt: skip
    )


def _text_column(values: Any, n: int, missing: str = "") -> list[str]:
    if values is None:
        return [missing] * n
    return [missing if is_missing(v) else str(v) for v in list(values)]


def map_page(
    content: MapContent,
    *,
    title: str | None,
    legend: bool,
    point_size: float | None,
    alpha: float | None,
    figsize: tuple[float, float],
    path: str | os.PathLike[str] | None,
) -> Any:
    """Build the bokeh layout of the map page; write it to ``path`` when given."""
    import_bokeh()
    from bokeh.layouts import column, row
    from bokeh.models import ColumnDataSource, Div

    n = content.xy.shape[0]
    source, position, near = _point_source(content)
    size = float(np.clip(140.0 / np.sqrt(max(n, 1)), 3.0, 9.0))
    size = size if point_size is None else float(np.sqrt(point_size))
    opacity = float(np.clip(0.9 * np.sqrt(1000.0 / max(n, 1)), 0.5, 0.9))
    opacity = opacity if alpha is None else float(alpha)
    plot = _plot(title, content.projected_by, figsize)
    points = _points(plot, source, size, opacity)
    if content.marked:
        rows = [int(position[i]) for i, _ in content.marked]
        chosen = ColumnDataSource(
            {
                "x": [source.data["x"][r] for r in rows],
                "y": [source.data["y"][r] for r in rows],
                "title": [name for _, name in content.marked],
            }  # fmt: skip
        )
        _titled_points(plot, chosen, dict(size=size * 1.9, fill_color=None, line_width=1.2),
                       dict(x_offset=6, y_offset=6, text_font_size="9pt",
                            background_fill_alpha=0.8))  # fmt: skip
    found = ColumnDataSource({"x": [], "y": [], "title": []}, name="found")
    _titled_points(plot, found, dict(marker="star", size=size * 4, fill_color="gold",
                                     line_width=1.5),
                   dict(x_offset=10, y_offset=8, text_font_size="11pt",
                        text_font_style="bold", background_fill_alpha=0.9))  # fmt: skip
    if content.groups is not None and legend:
        _legend(plot, points, content.groups, position, content.legend_title)
    search, status = _search(source, found, near, plot)
    help_text = Div(
        text="Drag to pan, scroll to zoom, hover over a point for its details. Search a "
        "title to highlight it and its nearest neighbours.",
        width=340,
    )
    layout = row(plot, column(search, status, help_text))
    if path is not None:
        _write_page(layout, search, title, path)
    return layout


def _point_source(content: MapContent) -> tuple[Any, NDArray[np.int64], NDArray[np.int64]]:
    """The points' data, "other" first (drawn underneath); each point's row in it; and
    the rows of each row's nearest neighbours."""
    from bokeh.models import ColumnDataSource

    xy, keyed, groups, n = content.xy, content.keyed, content.groups, content.xy.shape[0]
    names = [str(k) for k in keyed.index_to_key] if keyed is not None else list(map(str, range(n)))
    if groups is None:
        colour = np.array([_SINGLE_COLOR] * n, dtype=object)
        order = np.arange(n)
    else:
        palette = np.array(_colours(len(groups.chosen)) + [OTHER_COLOR], dtype=object)
        colour = palette[groups.group]  # group -1 picks the last entry: grey
        order = np.argsort(groups.group >= 0, kind="stable")
    position = np.empty(n, dtype=np.int64)
    position[order] = np.arange(n)
    near = position[_neighbours(keyed, xy, N_NEIGHBOURS)][order]
    genre = _text_column(content.values, n)
    authors = np.asarray(_text_column(content.authors, n), dtype=object)
    source = ColumnDataSource(
        {
            "x": xy[order, 0].tolist(),
            "y": xy[order, 1].tolist(),
            "title": [names[i] for i in order],
            "genre": [genre[i] for i in order],
            "author": list(authors[order]),
            "colour": colour[order].tolist(),
        },
        name="points",
    )
    return source, position, near


def _plot(title: str | None, projected_by: str | None, figsize: tuple[float, float]) -> Any:
    """An empty bokeh figure without ticks or grid, at 100 pixels an inch."""
    from bokeh.plotting import figure

    from ._projection import METHOD_NAMES

    axis_name = METHOD_NAMES.get(projected_by or "", None)
    plot = figure(
        title=title or None,
        width=int(round(100 * figsize[0])),
        height=int(round(100 * figsize[1])),
        tools="pan,wheel_zoom,box_zoom,reset,save",
        active_scroll="wheel_zoom",
        x_axis_label=f"{axis_name} 1" if axis_name else None,
        y_axis_label=f"{axis_name} 2" if axis_name else None,
        toolbar_location="above",
        name="map",
    )
    plot.xaxis.major_label_text_font_size = plot.yaxis.major_label_text_font_size = "0pt"
    plot.xaxis.major_tick_line_color = plot.yaxis.major_tick_line_color = None
    plot.xaxis.minor_tick_line_color = plot.yaxis.minor_tick_line_color = None
    plot.grid.visible = False
    return plot


def _points(plot: Any, source: Any, size: float, opacity: float) -> Any:
    """The points' renderer, with its selected look and its tooltip."""
    from bokeh.models import HoverTool, Scatter

    points = plot.scatter(
        "x", "y", source=source, size=size, fill_color="colour", line_color=None,
        fill_alpha=opacity, name="books",
    )  # fmt: skip
    points.selection_glyph = Scatter(
        size=max(10.0, size * 1.8), fill_color="colour", fill_alpha=1.0, line_color="black",
        line_width=1.2,
    )  # fmt: skip
    points.nonselection_glyph = Scatter(
        size=size, fill_color="colour", fill_alpha=0.25, line_color=None
    )
    plot.add_tools(
        HoverTool(
            renderers=[points],
            tooltips=[("title", "@title"), ("genre", "@genre"), ("author", "@author")],
        )
    )
    return points


def _legend(
    plot: Any, points: Any, groups: Groups, position: NDArray[np.int64], title: str | None
) -> None:
    """One entry per coloured label (with its count), and one for "other"."""
    from bokeh.models import Legend, LegendItem

    items = []
    for g, label in enumerate(groups.chosen):
        first = int(position[np.flatnonzero(groups.group == g)[0]])
        items.append(
            LegendItem(
                label=f"{label} ({groups.counts[label]:,})", renderers=[points], index=first
            )  # fmt: skip
        )
    if groups.n_other:
        items.append(LegendItem(label=f"other ({groups.n_other:,})", renderers=[points], index=0))
    box = Legend(items=items, title=title, location="top_left")
    box.click_policy = "none"
    plot.add_layout(box, "right")


def _search(source: Any, found: Any, near: NDArray[np.int64], plot: Any) -> tuple[Any, Any]:
    """The search box and the text under it, wired to the page's script."""
    from bokeh.models import AutocompleteInput, CustomJS, Div

    search = AutocompleteInput(
        placeholder="Search a title\u2026 (Enter)",
        completions=sorted(set(source.data["title"]), key=str.lower),
        case_sensitive=False,
        search_strategy="includes",
        min_characters=2,
        max_completions=12,
        restrict=False,
        width=340,
        name="search",
    )
    status = Div(text="", width=340, name="status")
    args = {"input": search, "source": source, "found": found, "status": status,
            "neighbours": near.tolist(), "xr": plot.x_range, "yr": plot.y_range}  # fmt: skip
    search.js_on_change("value", CustomJS(args=args, code=_SEARCH_JS))
    return search, status


def _write_page(layout: Any, search: Any, title: str | None, path: str | os.PathLike[str]) -> None:
    from bokeh.document import Document
    from bokeh.embed import file_html
    from bokeh.models import CustomJS
    from bokeh.resources import INLINE

    document = Document()
    document.add_root(layout)
    document.title = title or "Map"
    document.js_on_event("document_ready", CustomJS(args={"input": search}, code=_FRAGMENT_JS))
    html = file_html(document, resources=INLINE, title=title or "Map")
    with atomic_open(Path(path), "wb") as handle:
        handle.write(html.encode("utf-8"))
