"""Maps of embeddings and charts of nearest neighbours.

* :func:`project` reduces embeddings to 2 (or 3) dimensions with UMAP or
  t-SNE.
* :func:`plot_map` draws the projected points, coloured by the most common
  labels (genres, categories) and with chosen items marked and named; or
  builds an interactive web page of them.
* :func:`plot_similar` draws a horizontal bar chart of the items closest to
  and furthest from one item.

Every function accepts a :class:`~skbookembed.KeyedEmbeddings` (``model.books_``,
``model.links_``), a fitted :class:`~skbookembed.PairEmbeddingRecommender` (its
books, with the labels it keeps) or a 2-D numpy array of vectors.

matplotlib (``pip install skbookembed[plot]``) and umap-learn are imported
only when a function needs them. Figures are built with the object API
(:class:`matplotlib.figure.Figure`), never through :mod:`matplotlib.pyplot`,
so plotting changes no global state, works with any backend and leaks no
open figure. A figure saved with ``path=...`` is written atomically (to a
temporary file in the same folder, then renamed).
"""

from __future__ import annotations

import os
import time
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._figures import draw_map, draw_similar, import_matplotlib, shorten
from ._map_content import MapContent, map_content
from ._projection import METHOD_NAMES, project
from ._resolve import Resolved, resolve_embeddings

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["plot_map", "plot_similar", "project"]


def plot_map(
    embeddings: Any,
    *,
    coords: ArrayLike | None = None,
    labels: Sequence[Any] | Mapping[Any, Any] | None = None,
    top_k: int | None = 10,
    highlight: Iterable[Any] | Literal["auto"] | None = "auto",
    method: Literal["umap", "tsne"] = "umap",
    random_state: int | np.random.RandomState | None = None,
    which: Literal["books", "links"] | None = None,
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

    Each item is a point; the ``top_k`` most common labels (genres, categories) get their own colour and a
    legend entry with their count, every other or missing label is grey
    (drawn underneath); a few items are circled and named.

    With ``interactive=True`` the map is a web page instead (needs bokeh,
    ``pip install "skbookembed[interactive]"``): pan and zoom, a tooltip
    with each item's title, label and author, and a search box that
    highlights an item and its nearest neighbours. Saved with
    ``path="map.html"``, the page is one self-contained file that works
    offline.

    Long only because of its parameter documentation.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted estimator, or array of shape (n, 2)
        ``model.books_``, ``model.links_``, a fitted model (its books, with
        the labels it keeps) or a 2-D array. Embeddings are projected with
        :func:`project` (``method``, ``random_state``) unless ``coords`` is
        given. A numpy array with
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
    which : {"books", "links"}, optional
        Deprecated (FutureWarning; removed in 0.3): pass ``model.links_``
        instead of ``model, which="links"``.
    ax : matplotlib.axes.Axes, optional
        Draw into these axes (of an existing figure) instead of a new
        figure; ``figsize`` is then ignored.
    point_size : float, optional
        Marker area in points^2. Default: ``300 / sqrt(n)`` clipped to
        [1, 40] (30 for 100 points).
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
        from ._interactive import import_bokeh

        import_bokeh()
    else:
        import_matplotlib()
    bare = isinstance(embeddings, np.ndarray) and (
        coords is not None or (embeddings.ndim == 2 and embeddings.shape[1] == 2)
    )
    resolved = None
    if not bare and not (coords is not None and embeddings is None):
        resolved = resolve_embeddings(embeddings, which)
    xy, projected_by = _coordinates(embeddings, resolved, coords, method, random_state,
                                    cache, verbose)  # fmt: skip
    content = map_content(
        xy, resolved, projected_by=projected_by, labels=labels, top_k=top_k,
        highlight=highlight, legend_title=legend_title, authors=authors,
        with_authors=interactive,
    )  # fmt: skip
    if title is None and projected_by is not None:
        title = f"{METHOD_NAMES[projected_by]} map of {len(xy):,} {content.noun or 'items'}"
    start = time.perf_counter()
    if verbose:
        print(f"Drawing {'the page' if interactive else 'the map'} of {len(xy):,} points...")
    result = _draw(content, interactive, ax=ax, point_size=point_size, alpha=alpha,
                   title=title, legend=legend, path=path, figsize=figsize, dpi=dpi)  # fmt: skip
    if verbose:
        wrote = f"; wrote {path}" if path is not None else ""
        print(f"Drew in {time.perf_counter() - start:.1f} s{wrote}.")
    return result


def _coordinates(
    embeddings: Any,
    resolved: Resolved | None,
    coords: ArrayLike | None,
    method: str,
    random_state: Any,
    cache: str | os.PathLike[str] | None,
    verbose: int,
) -> tuple[NDArray[np.float64], str | None]:
    """The map's coordinates, and the method that computed them here (None: given)."""
    if coords is not None:
        return np.asarray(coords, dtype=np.float64), None
    if resolved is None:  # a bare (n, 2) array
        return np.asarray(embeddings, dtype=np.float64), None
    params: dict[str, Any] = {"method": method, "random_state": random_state}
    if cache is not None:
        params["cache"] = cache
    if verbose:
        params["verbose"] = verbose
    return project(resolved.keyed, **params).astype(np.float64), method


def _draw(content: MapContent, interactive: bool, *, dpi: float, ax: Any, **options: Any) -> Any:
    """The matplotlib figure of the map, or its bokeh page when ``interactive``."""
    if interactive:
        from ._interactive import map_page

        return map_page(content, **options)
    return draw_map(content, ax=ax, dpi=dpi, **options)


def plot_similar(
    embeddings: Any,
    key: Any,
    *,
    n: int = 10,
    n_least: int | None = None,
    which: Literal["books", "links"] | None = None,
    ax: Axes | None = None,
    title: str | None = None,
    path: str | os.PathLike[str] | None = None,
    figsize: tuple[float, float] | None = None,
    dpi: float = 100.0,
) -> Figure:
    """Bar chart of the items most and least similar to one item.

    Horizontal bars of cosine similarity: the ``n`` closest items in green at the top (most
    similar first), the ``n_least`` furthest in red below (least similar
    last), with each bar's value written beside it.

    Long only because of its parameter documentation.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        Where to search: ``model.books_``, ``model.links_``, a fitted model
        (its books) or a 2-D array (keyed by row number).
    key : str or int
        The item, looked up with ``get_index`` (exact, then
        case-insensitive).
    n : int, default=10
        Number of closest items.
    n_least : int, optional
        Number of furthest items; default ``n``. 0 draws the closest only.
    which : {"books", "links"}, optional
        Deprecated (FutureWarning; removed in 0.3): pass ``model.links_``
        instead of ``model, which="links"``.
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
    import_matplotlib()
    resolved = resolve_embeddings(embeddings, which)
    keyed = resolved.keyed
    for label, count in (("n", n), ("n_least", n_least)):
        if count is not None and (not isinstance(count, (int, np.integer)) or count < 0):
            raise ValueError(f"{label} must be a non-negative integer, got {count!r}.")
    if n < 1:
        raise ValueError(f"n must be at least 1, got {n}.")
    n_least = n if n_least is None else n_least
    index = keyed.get_index(key)
    closest = list(keyed.most_similar(index, topn=int(n)))
    furthest: list[tuple[Any, float]] = []
    if n_least:
        shown = {k for k, _ in closest}
        least = keyed.most_similar(index, topn=int(n_least), least=True)
        furthest = [(k, s) for k, s in least if k not in shown]
        furthest.sort(key=lambda item: -item[1])
    if title is None:
        what = resolved.noun.capitalize()
        how = "most and least similar" if furthest else "most similar"
        title = f"{what} {how} to \u201c{shorten(str(keyed.index_to_key[index]), 100)}\u201d"
    return draw_similar(closest, furthest, ax=ax, title=title, figsize=figsize, dpi=dpi, path=path)
