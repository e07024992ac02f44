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
import sys
import warnings
from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from .export import _atomic_open, _resolve_embeddings

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


def _import_umap() -> Any:
    """Import :mod:`umap` without letting it import TensorFlow.

    ``umap/__init__`` imports ``umap.parametric_umap``, which imports
    TensorFlow (seconds and hundreds of MB) to offer ``ParametricUMAP``.
    Unless TensorFlow is already loaded, that one submodule is hidden during
    the import; afterwards ``umap.ParametricUMAP`` is made to import the
    real class on first access, as it would have been.
    """
    if "umap" in sys.modules or "tensorflow" in sys.modules:
        try:
            import umap
        except ImportError as error:  # pragma: no cover
            raise ImportError(
                f"UMAP projection needs umap-learn: pip install umap-learn ({_PLOT_EXTRA})"
            ) from error
        return umap
    hidden = "umap.parametric_umap"
    sys.modules[hidden] = None  # type: ignore[assignment]  # makes `import` raise ImportError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ImportWarning)
            import umap
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise ImportError(
            f"UMAP projection needs umap-learn: pip install umap-learn ({_PLOT_EXTRA})"
        ) from error
    finally:
        if sys.modules.get(hidden, 0) is None:
            del sys.modules[hidden]
    lazy = ("ParametricUMAP", "load_ParametricUMAP")
    if (
        getattr(umap, "ParametricUMAP", None) is not None
        and umap.ParametricUMAP.__module__ == "umap"
    ):
        # umap installed placeholders that raise "TensorFlow not installed":
        # drop them and resolve the names from the real submodule on demand.
        for attr in lazy:
            umap.__dict__.pop(attr, None)

        def __getattr__(attr: str) -> Any:
            if attr in lazy:
                import importlib

                return getattr(importlib.import_module(hidden), attr)
            raise AttributeError(f"module 'umap' has no attribute {attr!r}")

        umap.__getattr__ = __getattr__
    return umap


def _as_vectors(embeddings: Any, which: str) -> NDArray[np.float32]:
    keyed, _ = _resolve_embeddings(embeddings, which)
    return np.asarray(keyed.vectors, dtype=np.float32)


def project(
    embeddings: Any,
    *,
    method: Literal["umap", "tsne"] = "umap",
    n_components: int = 2,
    metric: str = "cosine",
    n_neighbors: int = 5,
    init: str | ArrayLike = "random",
    random_state: int | np.random.RandomState | None = None,
    which: Literal["books", "links"] = "books",
    **kwargs: Any,
) -> NDArray[np.float32]:
    """Reduce embeddings to a few dimensions with UMAP or t-SNE.

    The defaults are the original notebook's: cosine distance, and for UMAP
    ``n_neighbors=5`` and a random initialisation (``init="random"``); its
    t-SNE used the cosine metric and, as scikit-learn did then, a random
    initialisation. Small neighbourhoods keep local structure (series,
    authors) at the expense of the global layout; raise ``n_neighbors``
    (UMAP) or ``perplexity`` (t-SNE) for a smoother map.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        What to project; its learned ``vectors`` are used (with the cosine
        metric their norms do not matter).
    method : {"umap", "tsne"}, default="umap"
        ``"umap"`` uses :class:`umap.UMAP`; ``"tsne"`` uses
        :class:`sklearn.manifold.TSNE`, slower beyond a few thousand items.
    n_components : int, default=2
        Dimensions of the result.
    metric : str, default="cosine"
        Distance between vectors, passed to the reducer.
    n_neighbors : int, default=5
        UMAP's neighbourhood size, lowered to ``n_items - 1`` for tiny
        inputs. Not used by t-SNE.
    init : {"random", "pca", "spectral"} or ndarray, default="random"
        Initial layout (t-SNE accepts ``"random"`` and ``"pca"``).
    random_state : int, RandomState or None, default=None
        Seed for a reproducible layout. With UMAP it also makes the
        computation single-threaded (a umap-learn rule).
    which : {"books", "links"}, default="books"
        Table of a fitted estimator to project; ignored otherwise.
    **kwargs
        Further parameters of the reducer, e.g. ``min_dist`` for UMAP or
        ``perplexity`` for t-SNE (default ``min(30, (n_items - 1) / 3)``).

    Returns
    -------
    ndarray of float32, shape (n_items, n_components)
        Coordinates, one row per item in the order of ``index_to_key``.

    Raises
    ------
    ValueError
        If ``method`` is unknown or there are fewer than 3 items.
    ImportError
        If umap-learn is needed but missing.

    See Also
    --------
    plot_map : Draw the projected points.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed.plotting import project
    >>> rng = np.random.default_rng(0)
    >>> vectors = rng.normal(size=(40, 8)).astype(np.float32)
    >>> coords = project(vectors, method="tsne", random_state=0)
    >>> coords.shape, coords.dtype
    ((40, 2), dtype('float32'))
    """
    vectors = _as_vectors(embeddings, which)
    n = vectors.shape[0]
    if method not in ("umap", "tsne"):
        raise ValueError(f"method must be 'umap' or 'tsne', got {method!r}.")
    if n < 3:
        raise ValueError(f"Projecting needs at least 3 items, got {n}.")
    if not isinstance(n_components, (int, np.integer)) or n_components < 1:
        raise ValueError(f"n_components must be a positive integer, got {n_components!r}.")

    if method == "tsne":
        from sklearn.manifold import TSNE

        params: dict[str, Any] = {"perplexity": min(30.0, (n - 1) / 3.0)}
        params.update(kwargs)
        reducer = TSNE(
            n_components=int(n_components),
            metric=metric,
            init=init,
            random_state=random_state,
            **params,
        )
        coords = reducer.fit_transform(vectors)
    else:
        umap = _import_umap()
        reducer = umap.UMAP(
            n_components=int(n_components),
            metric=metric,
            n_neighbors=int(max(2, min(n_neighbors, n - 1))),
            init=init,
            random_state=random_state,
            **kwargs,
        )
        with warnings.catch_warnings():
            # umap-learn warns that a seed turns off parallelism: documented above.
            warnings.filterwarnings("ignore", message="n_jobs value", category=UserWarning)
            coords = reducer.fit_transform(vectors)
    return np.ascontiguousarray(coords, dtype=np.float32)


def _auto_point_size(n: int) -> float:
    """Marker area (points^2) that keeps tens of thousands of points legible."""
    return float(np.clip(300.0 / np.sqrt(max(n, 1)), 1.0, 40.0))


def _auto_alpha(n: int) -> float:
    return float(np.clip(0.9 * np.sqrt(1000.0 / max(n, 1)), 0.5, 0.9))


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"


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
    with _atomic_open(target, "wb") as handle:
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


def plot_map(
    embeddings: Any,
    *,
    coords: ArrayLike | None = None,
    labels: Sequence[Any] | Mapping[Any, Any] | None = None,
    top_k: int | None = 10,
    highlight: Iterable[Any] | None = None,
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
) -> Figure:
    """Draw a 2-D map of embeddings, coloured by label.

    The map of the original notebook: each item is a point; the ``top_k``
    most common labels (genres, categories) get their own colour and a
    legend entry with their count, every other or missing label is grey
    (drawn underneath); the ``highlight`` items are circled and named.

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
        empty strings mean unlabelled. Without labels all points share one
        colour.
    top_k : int or None, default=10
        Number of most common labels to colour (ties: first seen first);
        None colours them all.
    highlight : iterable of keys, optional
        Items to circle and annotate with their key (looked up with
        ``get_index``, so case-insensitive matches work). With bare
        coordinates, row numbers.
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
        Draw the legend of labels (outside the axes, on the right).
    legend_title : str, optional
        Title of the legend, e.g. ``"genre"``.
    path : str or path-like, optional
        Also save the figure there; the format follows the extension
        (``.png`` when there is none).
    figsize : (float, float), default=(11, 8)
        Size of a new figure in inches.
    dpi : float, default=100
        Resolution of a new figure and of the saved file: a saved PNG is
        ``figsize[0] * dpi`` by ``figsize[1] * dpi`` pixels.

    Returns
    -------
    matplotlib.figure.Figure
        The figure drawn into.

    Raises
    ------
    ValueError
        If labels, coordinates or options do not match the points.
    KeyError
        If a ``highlight`` key is unknown.
    ImportError
        If matplotlib is missing (``pip install skbookembed[plot]``).

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
    matplotlib = _import_matplotlib()
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
        xy = project(keyed, method=method, random_state=random_state).astype(np.float64)
        projected_by = method
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"Coordinates must have shape (n, 2), got {xy.shape}.")
    n = xy.shape[0]
    if keyed is not None and len(keyed) != n:
        raise ValueError(f"coords has {n} rows but the embeddings have {len(keyed)} items.")
    if top_k is not None and (not isinstance(top_k, (int, np.integer)) or top_k < 1):
        raise ValueError(f"top_k must be a positive integer or None, got {top_k!r}.")
    keys: Sequence[Hashable] = keyed.index_to_key if keyed is not None else range(n)
    marked = _resolve_highlight(highlight, keyed, n)

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
    if labels is None:
        ax.scatter(xy[:, 0], xy[:, 1], color="#3b6ea8", **common)
    else:
        values = _label_list(labels, keys, n)
        present = [v for v in values if not _is_missing(v)]
        counts = Counter(present)
        chosen = [label for label, _ in counts.most_common(top_k)]
        colour_of = dict(zip(chosen, _palette(matplotlib, len(chosen)), strict=True))
        position = {label: g for g, label in enumerate(chosen)}
        group = np.array([position.get(v, -1) for v in values], dtype=np.intp).reshape(n)
        rest = group < 0
        if rest.any():
            ax.scatter(xy[rest, 0], xy[rest, 1], color=_OTHER_COLOR, **common)
        from matplotlib.lines import Line2D

        for g, label in enumerate(chosen):
            mask = group == g
            ax.scatter(xy[mask, 0], xy[mask, 1], color=colour_of[label], **common)
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="",
                    marker="o",
                    markersize=7,
                    color=colour_of[label],
                    label=f"{_shorten(str(label), 28)} ({counts[label]:,})",
                )
            )
        if rest.any():
            handles.append(
                Line2D(
                    [],
                    [],
                    linestyle="",
                    marker="o",
                    markersize=7,
                    color=_OTHER_COLOR,
                    label=f"other ({int(rest.sum()):,})",
                )
            )

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
        axis_name = "UMAP" if projected_by == "umap" else "t-SNE"
        ax.set_xlabel(f"{axis_name} 1")
        ax.set_ylabel(f"{axis_name} 2")
        if title is None:
            title = f"{axis_name} map of {n:,} {kind or 'items'}"
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
    for yy, score in zip(y, scores, strict=True):
        offset = 0.01 * (high - low + 2 * pad)
        ax.text(
            score + (offset if score >= 0 else -offset),
            yy,
            f"{score:.2f}",
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
        title = f"{what} most and least similar to \u201c{_shorten(str(name), 60)}\u201d"
        if not furthest:
            title = f"{what} most similar to \u201c{_shorten(str(name), 60)}\u201d"
    ax.set_title(title, fontsize=13, wrap=True)
    if path is not None:
        _save(fig, path, dpi)
    return fig
