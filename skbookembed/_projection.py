"""Projection of embeddings to 2-D (UMAP or t-SNE), with a cache of results.

Private: :func:`project` is public as :func:`skbookembed.plotting.project`.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import time
import warnings
from collections import OrderedDict
from pathlib import Path
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._atomic import atomic_open
from ._resolve import resolve_embeddings

_PLOT_EXTRA = "pip install skbookembed[plot]"


def _missing_umap() -> ImportError:
    return ImportError(f"UMAP projection needs umap-learn: pip install umap-learn ({_PLOT_EXTRA})")


def import_umap() -> Any:
    """Import :mod:`umap` without letting it import TensorFlow.

    ``umap/__init__`` imports ``umap.parametric_umap``, which imports TensorFlow
    (a large import) to offer ``ParametricUMAP``; every submodule, ``umap.umap_``
    included, runs that ``__init__`` first, so no plain import avoids it. Unless
    TensorFlow is already loaded, that one submodule is hidden during the import;
    afterwards ``umap.ParametricUMAP`` imports the real class on first access, as
    it would have been.

    Raises
    ------
    ImportError
        If umap-learn is not installed (the message names the package to install).
    """
    if "umap" in sys.modules or "tensorflow" in sys.modules:
        try:
            import umap
        except ImportError as error:  # pragma: no cover
            raise _missing_umap() from error
        return umap
    hidden = "umap.parametric_umap"
    sys.modules[hidden] = None  # type: ignore[assignment]  # makes `import` raise ImportError
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", ImportWarning)
            import umap
    except ImportError as error:  # pragma: no cover - depends on the environment
        raise _missing_umap() from error
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


def project(
    embeddings: Any,
    *,
    method: Literal["umap", "tsne"] = "umap",
    n_components: int = 2,
    metric: str = "cosine",
    n_neighbors: int = 5,
    init: str | ArrayLike = "random",
    random_state: int | np.random.RandomState | None = None,
    which: Literal["books", "links"] | None = None,
    cache: str | os.PathLike[str] | None = None,
    verbose: int = 0,
    **kwargs: Any,
) -> NDArray[np.float32]:
    """Reduce embeddings to a few dimensions with UMAP or t-SNE.

    By default the distance is the cosine and the initial layout random; UMAP
    looks at ``n_neighbors=5`` neighbours. Small neighbourhoods keep local
    structure (series, authors) at the expense of the global layout; raise
    ``n_neighbors`` (UMAP) or ``perplexity`` (t-SNE) for a smoother map.

    Long only because of its parameter documentation.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        What to project: ``model.books_``, ``model.links_``, a fitted model
        (its books) or a 2-D array; the learned ``vectors`` are used (with
        the cosine metric their norms do not matter).
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
    which : {"books", "links"}, optional
        Deprecated (FutureWarning; removed in 0.3): pass ``model.links_``
        instead of ``model, which="links"``.
    cache : str or path-like, optional
        A ``.npz`` file that keeps the result: when it holds coordinates
        computed from the same vectors with the same settings they are
        read back instead of projecting again, otherwise it is
        (over)written. Used only with an integer ``random_state``, the one
        case where projecting again would give the same result. Whatever
        ``cache`` is, seeded results are also kept in memory for the rest
        of the process (the last few, keyed by a hash of the vectors).
    verbose : int, default=0
        With 1 or more, print what is being done and how long it took.
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
    vectors = np.asarray(resolve_embeddings(embeddings, which).keyed.vectors, dtype=np.float32)
    n = vectors.shape[0]
    if method not in ("umap", "tsne"):
        raise ValueError(f"method must be 'umap' or 'tsne', got {method!r}.")
    if n < 3:
        raise ValueError(f"Projecting needs at least 3 items, got {n}.")
    if not isinstance(n_components, (int, np.integer)) or n_components < 1:
        raise ValueError(f"n_components must be a positive integer, got {n_components!r}.")
    settings = {
        "method": method,
        "n_components": int(n_components),
        "metric": metric,
        "n_neighbors": int(n_neighbors),
        "init": init,
        "random_state": random_state,
        **kwargs,
    }
    key = _projection_key(vectors, settings)
    found = _kept_projection(key, cache, n, int(n_components), verbose and METHOD_NAMES[method])
    if found is not None:
        return found
    if verbose:
        print(f"Projecting {n:,} items to {int(n_components)}-D with {METHOD_NAMES[method]}...")
    start = time.perf_counter()
    coords = _reduce(vectors, method, int(n_components), metric, n_neighbors, init,
                     random_state, kwargs)  # fmt: skip
    if verbose:
        print(f"Projected in {time.perf_counter() - start:.1f} s.")
    if key is not None:
        _remember_projection(key, coords)
        if cache is not None:
            _write_cached_projection(cache, key, coords)
            if verbose:
                print(f"Kept the projection in {cache} for next time.")
    return coords.copy() if key is not None else coords


def _kept_projection(
    key: str | None,
    cache: str | os.PathLike[str] | None,
    n: int,
    n_components: int,
    shown_name: str | bool,
) -> NDArray[np.float32] | None:
    """A copy of the projection kept in memory or in ``cache`` under ``key``, if any.

    ``shown_name`` is the method's name to print what was found, or False to print nothing.
    """
    if key is None:
        return None
    found = _PROJECTIONS.get(key)
    if found is not None:
        if shown_name:
            print(f"Reusing the {shown_name} projection of {n:,} items "
                  "computed earlier in this process.")  # fmt: skip
        return found.copy()
    found = _read_cached_projection(cache, key, n, n_components)
    if found is not None:
        if shown_name:
            print(f"Read the {shown_name} projection of {n:,} items from {cache}.")
        _remember_projection(key, found)
        return found.copy()
    return None


METHOD_NAMES = {"umap": "UMAP", "tsne": "t-SNE"}
_PROJECTIONS: OrderedDict[str, NDArray[np.float32]] = OrderedDict()
_PROJECTIONS_KEPT = 4


def _projection_key(vectors: NDArray[np.float32], settings: dict[str, Any]) -> str | None:
    """A digest of the vectors and settings; None when the result is not reproducible."""
    seed = settings["random_state"]
    if not isinstance(seed, (int, np.integer)) or isinstance(seed, bool):
        return None
    if not isinstance(settings["init"], str):
        return None
    try:
        text = json.dumps({k: settings[k] for k in sorted(settings)}, default=repr)
    except (TypeError, ValueError):  # pragma: no cover - exotic reducer parameters
        return None
    digest = hashlib.blake2b(digest_size=20)
    digest.update(str(vectors.shape).encode())
    digest.update(np.ascontiguousarray(vectors).tobytes())
    digest.update(text.encode())
    return digest.hexdigest()


def _remember_projection(key: str, coords: NDArray[np.float32]) -> None:
    _PROJECTIONS[key] = coords.copy()
    _PROJECTIONS.move_to_end(key)
    while len(_PROJECTIONS) > _PROJECTIONS_KEPT:
        _PROJECTIONS.popitem(last=False)


def _read_cached_projection(
    cache: str | os.PathLike[str] | None, key: str, n: int, n_components: int
) -> NDArray[np.float32] | None:
    if cache is None or not Path(cache).is_file():
        return None
    try:
        with np.load(cache, allow_pickle=False) as data:
            if str(data["key"]) != key:
                return None
            coords = np.ascontiguousarray(data["coords"], dtype=np.float32)
    except (OSError, KeyError, ValueError):  # unreadable or foreign file: project again
        return None
    return coords if coords.shape == (n, n_components) else None


def _write_cached_projection(
    cache: str | os.PathLike[str], key: str, coords: NDArray[np.float32]
) -> None:
    with atomic_open(Path(cache), "wb") as handle:
        np.savez(handle, key=np.array(key), coords=coords)


def _reduce(
    vectors: NDArray[np.float32],
    method: str,
    n_components: int,
    metric: str,
    n_neighbors: int,
    init: Any,
    random_state: Any,
    kwargs: dict[str, Any],
) -> NDArray[np.float32]:
    n = vectors.shape[0]
    if method == "tsne":
        from sklearn.manifold import TSNE

        params: dict[str, Any] = {"perplexity": min(30.0, (n - 1) / 3.0)}
        params.update(kwargs)
        reducer = TSNE(
            n_components=n_components,
            metric=metric,
            init=init,
            random_state=random_state,
            **params,
        )
        coords = reducer.fit_transform(vectors)
    else:
        umap = import_umap()
        reducer = umap.UMAP(
            n_components=n_components,
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
