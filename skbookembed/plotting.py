"""Maps of embeddings and charts of nearest neighbours.

* :func:`project` reduces embeddings to 2 (or 3) dimensions with UMAP or
  t-SNE, by default with the settings of the original Kaggle notebook.
* :func:`plot_map` draws the projected points, coloured by the most common
  labels (genres, categories) and with chosen items marked and named.
* :func:`plot_similar` draws the original's horizontal bar chart of the
  items closest to and furthest from one item.

Every function accepts a :class:`~skbookembed.KeyedEmbeddings`, a fitted
:class:`~skbookembed.PairEmbeddingRecommender` (choose its ``which="books"``
or ``"links"`` table) or a 2-D numpy array of vectors.

matplotlib (``pip install skbookembed[plot]``) and umap-learn are imported
only when a function needs them. Figures are built with the object API
(:class:`matplotlib.figure.Figure`), never through :mod:`matplotlib.pyplot`,
so plotting changes no global state, works with any backend and leaks no
open figure. A figure saved with ``path=...`` is written atomically (to a
temporary file in the same folder, then renamed).
"""

from __future__ import annotations

import os
import textwrap
import time
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._atomic import atomic_open
from ._projection import _METHOD_NAMES, _import_umap, project  # noqa: F401  (_import_umap: for tests)
from .export import _resolve_embeddings

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_map", "plot_similar", "project"]

_PLOT_EXTRA = "pip install skbookembed[plot]"
_OTHER_COLOR = "#bdbdbd"
_CLOSE_COLOR = "#2e8b3a"
_FAR_COLOR = "#c8322d"


def _import_matplotlib() -> Any:
    try:
        import matplotlib
        import matplotlib.figure  # noqa: F401
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"Plotting needs matplotlib, which is not installed: {_PLOT_EXTRA}"
        ) from error
    return matplotlib


def _auto_point_size(n: int) -> float:
    """Marker area (points^2) that keeps tens of thousands of points legible."""
    return float(np.clip(300.0 / np.sqrt(max(n, 1)), 1.0, 40.0))


def _auto_alpha(n: int) -> float:
    return float(np.clip(0.9 * np.sqrt(1000.0 / max(n, 1)), 0.5, 0.9))


def _shorten(text: str, width: int) -> str:
    """``text`` cut to ``width`` characters with an ellipsis, between words if it can."""
    if len(text) <= width:
        return text
    cut = text[: width - 1]
    space = cut.rfind(" ")
    if space >= width // 2:
        cut = cut[:space]
    return cut.rstrip(" ,;:-") + "\u2026"


def _is_missing(label: Any) -> bool:
    if label is None:
        return True
    if isinstance(label, (float, np.floating)):
        return bool(np.isnan(label))
    return isinstance(label, str) and not label.strip()


def _label_list(labels: Any, keys: Sequence[Hashable], n: int) -> list[Any]:
    """One label per point (None for unlabelled) from a sequence or a mapping."""
    if isinstance(labels, Mapping):
        return [labels.get(key) for key in keys]
    if isinstance(labels, (str, bytes)):
        raise TypeError("labels must be a sequence with one label per point, not a string.")
    values = list(labels.tolist() if hasattr(labels, "tolist") else labels)
    if len(values) != n:
        raise ValueError(
            f"labels has {len(values)} entries but there are {n} points: give one label "
            "per point (in the order of index_to_key) or a mapping {key: label}."
        )
    return values


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
    matplotlib = _import_matplotlib()
    return matplotlib.figure.Figure(figsize=figsize, dpi=dpi, layout="constrained")


def _root_figure(ax: Axes) -> Figure:
    """The top-level figure of ``ax`` (also when ``ax`` lives in a subfigure)."""
    try:
        return ax.get_figure(root=True)  # type: ignore[return-value]  # matplotlib >= 3.10
    except TypeError:  # pragma: no cover - older matplotlib
        fig = ax.figure
        return getattr(fig, "figure", None) or fig  # type: ignore[return-value]


def _save(fig: Figure, path: str | os.PathLike[str], dpi: float) -> None:
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


def _resolve_highlight(highlight: Any, keyed: Any, n: int) -> list[tuple[int, str]]:
    if highlight is None:
        return []
    if isinstance(highlight, (str, bytes)) or not isinstance(highlight, Iterable):
        highlight = [highlight]
    out = []
    for item in highlight:
        if keyed is not None:
            index = keyed.get_index(item)
            out.append((int(index), str(keyed.index_to_key[index])))
        else:
            if not isinstance(item, (int, np.integer)) or not -n <= item < n:
                raise KeyError(
                    f"highlight item {item!r} is not a row number of the {n} coordinates; "
                    "pass the embeddings (or coords= with the embeddings) to highlight keys."
                )
            out.append((int(item) % n, str(int(item) % n)))
    return out


def _legend_text(label: Any, count: int, width: int = 26) -> str:
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


class _Groups:
    """The ``top_k`` most common labels and each point's group (-1: other)."""

    def __init__(self, values: list[Any], top_k: int | None) -> None:
        present = [v for v in values if not _is_missing(v)]
        self.counts = Counter(present)
        self.chosen = [label for label, _ in self.counts.most_common(top_k)]
        position = {label: g for g, label in enumerate(self.chosen)}
        self.group = np.array([position.get(v, -1) for v in values], dtype=np.intp)
        self.group = self.group.reshape(len(values))
        self.n_other = int((self.group < 0).sum())


def _model_labels(embeddings: Any, which: str, field: str) -> NDArray[Any] | None:
    """The ``field`` labels a fitted model carries for its ``which`` table, if any."""
    table = getattr(embeddings, f"{which[:-1]}_labels_", None)
    if isinstance(table, Mapping) and table.get(field) is not None:
        return np.asarray(table[field], dtype=object)
    return None


def _auto_highlight(
    keyed: Any, xy: NDArray[np.float64], groups: _Groups | None, n_marked: int = 6
) -> list[tuple[int, str]]:
    """A few recognisable items spread over the map.

    With labels, the most central item of each of the most common labels (the
    one closest, by cosine, to the label's mean direction); without, the item
    closest to the centre of each of a few k-means clusters of the map.
    """
    if keyed is None or len(keyed) < 3:
        return []
    vectors = np.asarray(keyed.normed_vectors, dtype=np.float64)
    rows: list[int] = []
    if groups is not None and groups.chosen:
        for g in range(min(n_marked, len(groups.chosen))):
            members = np.flatnonzero(groups.group == g)
            centre = vectors[members].mean(axis=0)
            rows.append(int(members[np.argmax(vectors[members] @ centre)]))
    else:
        k = min(n_marked - 1, len(np.unique(xy, axis=0)))
        if k < 1:
            return []
        from sklearn.cluster import KMeans

        km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(xy)
        for c, centre in enumerate(km.cluster_centers_):
            members = np.flatnonzero(km.labels_ == c)
            if len(members):
                near = members[np.argmin(((xy[members] - centre) ** 2).sum(axis=1))]
                rows.append(int(near))
    return [(row, str(keyed.index_to_key[row])) for row in dict.fromkeys(rows)]


def plot_map(
    embeddings: Any,
    *,
    coords: ArrayLike | None = None,
    labels: Sequence[Any] | Mapping[Any, Any] | None = None,
    top_k: int | None = 10,
    highlight: Iterable[Any] | Literal["auto"] | None = "auto",
    method: Literal["umap", "tsne"] = "umap",
    random_state: int | np.random.RandomState | None = None,
    which: Literal["books", "links"] = "books",
    ax: Axes | None = None,
    point_size: float | None = None,
    alpha: float | None = None,
    title: str | None = None,
    legend: bool = True,
    legend_title: str | None = None,
    path: str | os.PathLike[str] | None = None,
    figsize: tuple[float, float] = (11.0, 8.0),
    dpi: float = 100.0,
    interactive: bool = False,
    authors: Sequence[Any] | Mapping[Any, Any] | None = None,
    cache: str | os.PathLike[str] | None = None,
    verbose: int = 0,
) -> Any:
    """Draw a 2-D map of embeddings, coloured by label.

    The map of the original notebook: each item is a point; the ``top_k``
    most common labels (genres, categories) get their own colour and a
    legend entry with their count, every other or missing label is grey
    (drawn underneath); a few items are circled and named.

    With ``interactive=True`` the map is a web page instead (needs bokeh,
    ``pip install "skbookembed[interactive]"``): pan and zoom, a tooltip
    with each item's title, label and author, and a search box that
    highlights an item and its nearest neighbours. Saved with
    ``path="map.html"``, the page is one self-contained file that works
    offline.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted estimator, or array of shape (n, 2)
        Embeddings are projected with :func:`project` (``method``,
        ``random_state``) unless ``coords`` is given. A numpy array with
        two columns is taken as coordinates already (items are then named by
        their row numbers); one with more columns is projected.
    coords : array-like of shape (n, 2), optional
        Coordinates computed before (by :func:`project`), to draw several
        maps of the same embeddings without projecting again.
    labels : sequence or mapping, optional
        One label per point in the order of ``index_to_key``, or a mapping
        ``{key: label}`` (keys not in it are unlabelled). None, NaN and
        empty strings mean unlabelled. By default, the genres that a model
        fitted by ``skbookembed fit`` on Wikipedia data keeps
        (``book_labels_["genre"]``); without labels all points share one
        colour.
    top_k : int or None, default=10
        Number of most common labels to colour (ties: first seen first);
        None colours them all.
    highlight : iterable of keys, "auto" or None, default="auto"
        Items to circle and annotate with their key (looked up with
        ``get_index``, so case-insensitive matches work); with bare
        coordinates, row numbers. ``"auto"`` names the most central item
        of each of the six most common labels (or, without labels, one
        item per region of the map); None names none.
    method : {"umap", "tsne"}, default="umap"
        Projection, when one is needed.
    random_state : int, RandomState or None, default=None
        Seed of the projection.
    which : {"books", "links"}, default="books"
        Table of a fitted estimator to draw; ignored otherwise.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (of an existing figure) instead of a new
        figure; ``figsize`` is then ignored.
    point_size : float, optional
        Marker area in points^2. Default: ``300 / sqrt(n)`` clipped to
        [1, 40], i.e. 30 for 100 points and about 1.6 for 37,000.
    alpha : float, optional
        Marker opacity. Default: 0.9 up to 1,000 points, then decreasing to
        0.5 so that dense regions stay readable.
    title : str, optional
        Figure title; default names the method and the number of items.
    legend : bool, default=True
        Draw the legend of labels (outside the axes, on the right). Long
        labels take two lines and are shortened between words only.
    legend_title : str, optional
        Title of the legend; ``"genre"`` for a model's own genres.
    path : str or path-like, optional
        Also save the figure there; the format follows the extension
        (``.png`` when there is none; ``.html`` with ``interactive=True``).
    figsize : (float, float), default=(11, 8)
        Size of a new figure in inches (of the page's plot, at 100 pixels
        an inch, when interactive).
    dpi : float, default=100
        Resolution of a new figure and of the saved file: a saved PNG is
        ``figsize[0] * dpi`` by ``figsize[1] * dpi`` pixels.
    interactive : bool, default=False
        Build a bokeh web page instead of a matplotlib figure.
    authors : sequence or mapping, optional
        For the interactive page's tooltips: one author per point, or a
        mapping ``{key: author}``, as ``labels``. By default the authors a
        model fitted by ``skbookembed fit`` keeps (``book_labels_["author"]``).
    cache : str or path-like, optional
        File that keeps the projection between runs (see :func:`project`).
    verbose : int, default=0
        With 1 or more, print each step (projection, drawing) and its time.

    Returns
    -------
    matplotlib.figure.Figure or bokeh.models.LayoutDOM
        The figure drawn into; with ``interactive=True``, the bokeh layout of
        the page (show it in a notebook with ``bokeh.io.show``).

    Raises
    ------
    ValueError
        If labels, coordinates or options do not match the points.
    KeyError
        If a ``highlight`` key is unknown.
    ImportError
        If matplotlib (``pip install skbookembed[plot]``) or, for an
        interactive map, bokeh is missing.

    See Also
    --------
    project : Compute the coordinates.
    plot_similar : Bar chart of one item's neighbours.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed.plotting import plot_map
    >>> rng = np.random.default_rng(0)
    >>> coords = np.concatenate([rng.normal(0, 1, (50, 2)), rng.normal(6, 1, (50, 2))])
    >>> fig = plot_map(coords, labels=["fantasy"] * 50 + ["crime"] * 50, highlight=[0])
    >>> [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    ['fantasy (50)', 'crime (50)']
    """
    if interactive:
        from ._interactive import _import_bokeh

        _import_bokeh()
    else:
        _import_matplotlib()
    keyed = None
    kind: str | None = None
    xy: NDArray[np.float64]
    if coords is not None:
        if embeddings is not None and not isinstance(embeddings, np.ndarray):
            keyed, kind = _resolve_embeddings(embeddings, which)
        xy = np.asarray(coords, dtype=np.float64)
        projected_by = None
    elif isinstance(embeddings, np.ndarray) and embeddings.ndim == 2 and embeddings.shape[1] == 2:
        xy = np.asarray(embeddings, dtype=np.float64)
        projected_by = None
    else:
        keyed, kind = _resolve_embeddings(embeddings, which)
        params: dict[str, Any] = {"method": method, "random_state": random_state}
        if cache is not None:
            params["cache"] = cache
        if verbose:
            params["verbose"] = verbose
        xy = project(keyed, **params).astype(np.float64)
        projected_by = method
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"Coordinates must have shape (n, 2), got {xy.shape}.")
    n = xy.shape[0]
    if keyed is not None and len(keyed) != n:
        raise ValueError(f"coords has {n} rows but the embeddings have {len(keyed)} items.")
    if top_k is not None and (not isinstance(top_k, (int, np.integer)) or top_k < 1):
        raise ValueError(f"top_k must be a positive integer or None, got {top_k!r}.")
    keys: Sequence[Hashable] = keyed.index_to_key if keyed is not None else range(n)
    if labels is None and keyed is not None and kind is not None:
        labels = _model_labels(embeddings, kind, "genre")
        if labels is not None and legend_title is None:
            legend_title = "genre"
    values = None if labels is None else _label_list(labels, keys, n)
    groups = None if values is None else _Groups(values, top_k)
    if isinstance(highlight, str) and highlight == "auto":
        marked = _auto_highlight(keyed, xy, groups)
    else:
        marked = _resolve_highlight(highlight, keyed, n)
    if title is None and projected_by is not None:
        title = f"{_METHOD_NAMES[projected_by]} map of {n:,} {kind or 'items'}"

    start = time.perf_counter()
    if verbose:
        print(f"Drawing {'the page' if interactive else 'the map'} of {n:,} points...")
    if interactive:
        from ._interactive import map_page

        if authors is None and keyed is not None and kind is not None:
            authors = _model_labels(embeddings, kind, "author")
        if authors is not None:
            authors = _label_list(authors, keys, n)
        result = map_page(
            xy,
            keyed=keyed,
            values=values,
            groups=groups,
            authors=authors,
            marked=marked,
            title=title,
            legend=legend,
            legend_title=legend_title,
            axis_name=_METHOD_NAMES.get(projected_by or "", None),
            point_size=point_size,
            alpha=alpha,
            figsize=figsize,
            path=path,
        )
    else:
        result = _draw_map(
            xy,
            groups=groups,
            marked=marked,
            projected_by=projected_by,
            ax=ax,
            point_size=point_size,
            alpha=alpha,
            title=title,
            legend=legend,
            legend_title=legend_title,
            path=path,
            figsize=figsize,
            dpi=dpi,
        )
    if verbose:
        wrote = f"; wrote {path}" if path is not None else ""
        print(f"Drew in {time.perf_counter() - start:.1f} s{wrote}.")
    return result


def _draw_map(
    xy: NDArray[np.float64],
    *,
    groups: _Groups | None,
    marked: list[tuple[int, str]],
    projected_by: str | None,
    ax: Axes | None,
    point_size: float | None,
    alpha: float | None,
    title: str | None,
    legend: bool,
    legend_title: str | None,
    path: str | os.PathLike[str] | None,
    figsize: tuple[float, float],
    dpi: float,
) -> Figure:
    matplotlib = _import_matplotlib()
    n = xy.shape[0]
    if ax is None:
        fig = _new_figure(figsize, dpi)
        ax = fig.add_subplot()
    else:
        fig = _root_figure(ax)
    size = _auto_point_size(n) if point_size is None else float(point_size)
    opacity = _auto_alpha(n) if alpha is None else float(alpha)
    raster = n > 5000
    common = {"s": size, "alpha": opacity, "linewidths": 0, "rasterized": raster}

    handles = []
    if groups is None:
        ax.scatter(xy[:, 0], xy[:, 1], color="#3b6ea8", **common)
    else:
        from matplotlib.lines import Line2D

        colours = _palette(matplotlib, len(groups.chosen))
        rest = groups.group < 0
        if rest.any():
            ax.scatter(xy[rest, 0], xy[rest, 1], color=_OTHER_COLOR, **common)

        def handle(colour: Any, text: str) -> Line2D:
            return Line2D([], [], linestyle="", marker="o", markersize=7, color=colour, label=text)

        for g, label in enumerate(groups.chosen):
            mask = groups.group == g
            ax.scatter(xy[mask, 0], xy[mask, 1], color=colours[g], **common)
            handles.append(handle(colours[g], _legend_text(label, groups.counts[label])))
        if rest.any():
            handles.append(handle(_OTHER_COLOR, f"other ({groups.n_other:,})"))

    if marked:
        rows = np.array([index for index, _ in marked])
        ax.scatter(
            xy[rows, 0],
            xy[rows, 1],
            s=max(50.0, 4 * size),
            facecolors="none",
            edgecolors="black",
            linewidths=1.3,
            zorder=3,
        )
        for index, name in marked:
            ax.annotate(
                _shorten(name, 40),
                xy[index],
                xytext=(6, 6),
                textcoords="offset points",
                fontsize=9,
                zorder=4,
                bbox={
                    "boxstyle": "round,pad=0.2",
                    "facecolor": "white",
                    "edgecolor": "0.6",
                    "alpha": 0.85,
                },
            )

    ax.set_xticks([])
    ax.set_yticks([])
    if projected_by is not None:
        axis_name = _METHOD_NAMES[projected_by]
        ax.set_xlabel(f"{axis_name} 1")
        ax.set_ylabel(f"{axis_name} 2")
    if title:
        ax.set_title(title, fontsize=14)
    if legend and handles:
        ax.legend(
            handles=handles,
            loc="upper left",
            bbox_to_anchor=(1.01, 1.0),
            frameon=False,
            fontsize=10,
            title=legend_title,
        )
    if path is not None:
        _save(fig, path, dpi)
    return fig


def plot_similar(
    embeddings: Any,
    key: Any,
    *,
    n: int = 10,
    n_least: int | None = None,
    which: Literal["books", "links"] = "books",
    ax: Axes | None = None,
    title: str | None = None,
    path: str | os.PathLike[str] | None = None,
    figsize: tuple[float, float] | None = None,
    dpi: float = 100.0,
) -> Figure:
    """Bar chart of the items most and least similar to one item.

    The original ``find_similar(..., plot=True)`` chart: horizontal bars of
    cosine similarity, the ``n`` closest items in green at the top (most
    similar first), the ``n_least`` furthest in red below (least similar
    last), with each bar's value written beside it.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        Where to search.
    key : str or int
        The item, looked up with ``get_index`` (exact, then
        case-insensitive).
    n : int, default=10
        Number of closest items.
    n_least : int, optional
        Number of furthest items; default ``n`` (the original showed
        ``n // 2``). 0 draws the closest only.
    which : {"books", "links"}, default="books"
        Table of a fitted estimator; ignored otherwise.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes instead of a new figure.
    title : str, optional
        Default: "Books most and least similar to <key>".
    path : str or path-like, optional
        Also save the figure there (format from the extension).
    figsize : (float, float), optional
        Default: 10 inches wide, 0.38 inch per bar plus margins.
    dpi : float, default=100
        Resolution of a new figure and of the saved file.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn into.

    Raises
    ------
    KeyError
        If ``key`` is unknown (the message suggests close matches).
    ValueError
        If ``n`` or ``n_least`` is not a valid count.

    See Also
    --------
    plot_map : Map of all items.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed import KeyedEmbeddings
    >>> from skbookembed.plotting import plot_similar
    >>> emb = KeyedEmbeddings(np.array([[1, 0], [0.9, 0.1], [0, 1], [-1, 0]], dtype=np.float32),
    ...                       keys=["Dune", "Hyperion", "Emma", "Ulysses"])
    >>> fig = plot_similar(emb, "dune", n=1)
    >>> [t.get_text() for t in fig.axes[0].get_yticklabels()]
    ['Hyperion', 'Ulysses']
    """
    _import_matplotlib()
    keyed, kind = _resolve_embeddings(embeddings, which)
    for label, count in (("n", n), ("n_least", n_least)):
        if count is not None and (not isinstance(count, (int, np.integer)) or count < 0):
            raise ValueError(f"{label} must be a non-negative integer, got {count!r}.")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}.")
    n_least = n if n_least is None else n_least
    index = keyed.get_index(key)
    name = keyed.index_to_key[index]

    closest = list(keyed.most_similar(index, topn=int(n)))
    furthest: list[tuple[Any, float]] = []
    if n_least:
        shown = {k for k, _ in closest}
        least = keyed.most_similar(index, topn=int(n_least), least=True)
        furthest = [(k, s) for k, s in least if k not in shown]
        furthest.sort(key=lambda item: -item[1])
    items = closest + furthest
    scores = np.array([s for _, s in items], dtype=np.float64)
    colours = [_CLOSE_COLOR] * len(closest) + [_FAR_COLOR] * len(furthest)

    own_figure = ax is None
    if ax is None:
        if figsize is None:
            figsize = (10.0, 1.6 + 0.38 * max(len(items), 2))
        fig = _new_figure(figsize, dpi)
        ax = fig.add_subplot()
    else:
        fig = _root_figure(ax)
    y = np.arange(len(items))[::-1].astype(float)
    ax.barh(y, scores, color=colours, edgecolor="black", linewidth=0.8, height=0.72)
    ax.set_yticks(y, [_shorten(str(k), 45) for k, _ in items])
    ax.axvline(0.0, color="black", linewidth=1.0)
    if closest and furthest:
        ax.axhline(y[len(closest) - 1] - 0.5, color="0.5", linewidth=0.8, linestyle="--")

    low = min(0.0, float(scores.min()) if items else 0.0)
    high = max(0.0, float(scores.max()) if items else 1.0)
    pad = 0.16 * max(high - low, 0.2)
    ax.set_xlim(low - pad, high + pad)
    decimals = _decimals_to_tell_apart(scores[: len(closest)])
    for yy, score in zip(y, scores, strict=True):
        offset = 0.01 * (high - low + 2 * pad)
        ax.text(
            score + (offset if score >= 0 else -offset),
            yy,
            f"{score:.{decimals}f}",
            va="center",
            ha="left" if score >= 0 else "right",
            fontsize=9,
        )
    ax.set_xlabel("Cosine similarity")
    ax.grid(axis="x", color="0.9", linewidth=0.8)
    ax.set_axisbelow(True)
    if furthest:
        from matplotlib.patches import Patch

        ax.legend(
            handles=[
                Patch(facecolor=_CLOSE_COLOR, edgecolor="black", label="most similar"),
                Patch(facecolor=_FAR_COLOR, edgecolor="black", label="least similar"),
            ],
            loc="lower right" if high > -low else "lower left",
            fontsize=9,
        )
    if title is None:
        what = (kind or "items").capitalize()
        title = f"{what} most and least similar to \u201c{_shorten(str(name), 100)}\u201d"
        if not furthest:
            title = f"{what} most similar to \u201c{_shorten(str(name), 100)}\u201d"
    # About 7 characters an inch at 13 points: wrapped, the title fits the figure. In a
    # figure of its own it is centred on the figure (the bars' labels take the left).
    width_inches = float(fig.get_size_inches()[0])
    title = textwrap.fill(title, max(30, int(6.5 * width_inches)))
    if own_figure:
        fig.suptitle(title, fontsize=13)
    else:
        ax.set_title(title, fontsize=13)
    if path is not None:
        _save(fig, path, dpi)
    return fig


def _decimals_to_tell_apart(scores: NDArray[np.float64], most: int = 4) -> int:
    """Fewest decimals (2 to ``most``) that print the distinct top scores differently."""
    top = np.sort(np.unique(scores))[::-1][:5]
    for decimals in range(2, most + 1):
        if len({f"{score:.{decimals}f}" for score in top}) == len(top):
            return decimals
    return most
