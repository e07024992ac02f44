"""Neighbour-label agreement: :func:`skbookembed.metrics.label_agreement`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from ._topk import top_k
from ._utils import check_positive_int

if TYPE_CHECKING:  # pragma: no cover
    from ._keyed import KeyedEmbeddings

__all__ = ["label_agreement"]


def _encode_labels(labels: Any, n: int) -> NDArray[np.int64]:
    """Integer codes of ``labels``, ``-1`` where missing (None or NaN)."""
    if isinstance(labels, str):
        raise TypeError("labels must be a sequence with one label per item, not a string.")
    values = np.asarray(labels, dtype=object)
    if values.ndim != 1 or values.shape[0] != n:
        raise ValueError(
            f"labels must be 1-D with one label per item ({n}), got shape {values.shape}."
        )
    codes = np.full(n, -1, dtype=np.int64)
    seen: dict[Any, int] = {}
    for i, value in enumerate(values.tolist()):
        if value is None or (isinstance(value, float) and value != value):
            continue
        codes[i] = seen.setdefault(value, len(seen))
    return codes


def _unit_rows(embeddings: Any) -> Any:
    """L2-normalised rows of an array, a sparse matrix or a KeyedEmbeddings."""
    from sklearn.preprocessing import normalize

    if hasattr(embeddings, "normed_vectors"):
        return np.asarray(embeddings.normed_vectors, dtype=np.float32)
    if sp.issparse(embeddings):
        return sp.csr_array(normalize(sp.csr_array(embeddings, dtype=np.float32)))
    arr = np.asarray(embeddings, dtype=np.float32)
    if arr.ndim != 2:
        raise ValueError(f"embeddings must be 2-D (n_items, dim), got shape {arr.shape}.")
    if not np.isfinite(arr).all():
        raise ValueError("embeddings must be finite.")
    return normalize(arr)


def _neighbour_codes(
    unit: Any, codes: NDArray[np.int64], nonzero: NDArray[np.bool_], queries: Any, k: int
) -> NDArray[np.int64]:
    """Label codes of the ``k`` nearest other non-zero items of each query, by cosine."""
    n = codes.size
    database = unit.T

    def similarities(rows: slice) -> NDArray[np.float32]:
        scores = unit[queries[rows]] @ database
        scores = scores.toarray() if sp.issparse(scores) else np.asarray(scores)
        return scores.astype(np.float32, copy=False)

    # Query i is item queries[i]: keep it out of its own neighbours.
    itself = sp.csr_array(
        (np.ones(queries.size), (np.arange(queries.size), queries)), shape=(queries.size, n)
    )
    ids, _ = top_k(
        similarities, queries.size, n, k, banned=np.flatnonzero(~nonzero), exclude=itself
    )
    return np.where(ids >= 0, codes[ids], -1)


def _agreement(
    unit: Any, codes: NDArray[np.int64], nonzero: NDArray[np.bool_], queries: Any, k: int
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Label precision@k and label hit@k of each item; ``nan`` outside ``queries``."""
    precision = np.full(codes.size, np.nan)
    hit = np.full(codes.size, np.nan)
    k_eff = min(k, int(nonzero.sum()) - 1)
    if not queries.size:
        return precision, hit
    if k_eff < 1:  # no other item to be a neighbour
        hit[queries] = 0.0
        return precision, hit
    neighbour = _neighbour_codes(unit, codes, nonzero, queries, k_eff)
    precision[queries], hit[queries] = neighbour_agreement(neighbour, codes[queries])
    return precision, hit


def neighbour_agreement(
    neighbour: NDArray[np.int64], own: NDArray[np.int64]
) -> tuple[NDArray[np.float64], NDArray[np.bool_]]:
    """Label precision (``nan`` without a labelled neighbour) and hit of each query.

    ``neighbour`` holds the label codes of each query's neighbours (``-1``: none or
    unlabelled), ``own`` the query's own code.
    """
    same = (neighbour == own[:, None]).sum(axis=1)
    labelled = (neighbour >= 0).sum(axis=1)
    return np.where(labelled > 0, same / np.maximum(labelled, 1), np.nan), same > 0


def evaluated_items(codes: NDArray[np.int64], nonzero: NDArray[np.bool_]) -> NDArray[np.bool_]:
    """Items with a vector and a label that another item carries too."""
    size = np.bincount(codes[codes >= 0], minlength=1)
    evaluated = (codes >= 0) & nonzero
    evaluated[evaluated] = size[codes[evaluated]] > 1
    return evaluated


def label_agreement(
    embeddings: ArrayLike | KeyedEmbeddings | Any,
    labels: ArrayLike,
    k: int = 10,
    *,
    average: bool = True,
) -> dict[str, Any]:
    """How often the nearest neighbours of each item share its label.

    Each item's ``k`` nearest other items by cosine similarity are found (ties
    broken by lower index; items with a zero vector have no direction and are
    neither queried nor returned). An item is evaluated when its label is
    present and at least one other item carries the same label; the others
    (missing or unique labels) are skipped. For an evaluated item:

    * **label precision@k**: among its ``k`` neighbours that have a label, the
      share whose label equals its own (undefined, ``nan``, when none of the
      ``k`` has a label);
    * **label hit@k**: 1 when any of its ``k`` neighbours has its label, else 0.

    Use it to judge embeddings with labels the model never saw, such as a
    book's author or genre.

    Parameters
    ----------
    embeddings : array-like or sparse matrix of shape (n_items, dim), or KeyedEmbeddings
        One vector per item (for example a book's raw link row, or its learned
        vector).
    labels : array-like of shape (n_items,)
        One label per item, any hashable values; None or NaN for a missing one.
    k : int, default=10
        Neighbours per item.
    average : bool, default=True
        Return means over the evaluated items; otherwise one value per item
        (``nan`` for the items skipped).

    Returns
    -------
    agreement : dict
        ``precision`` (mean label precision@k over the evaluated items whose
        neighbours include a labelled one), ``hit_rate`` (mean label hit@k over
        the evaluated items) and ``n_evaluated`` (evaluated items). With
        ``average=False``, ``precision`` and ``hit_rate`` are float arrays of
        shape (n_items,) and ``evaluated`` a boolean mask.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed.metrics import label_agreement
    >>> vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [0.1, 0.9], [0.7, 0.7]])
    >>> labels = ["a", "a", "b", None, "c"]
    >>> label_agreement(vectors, labels, k=2)  # item 0: (1 a, 4 c); item 1: (0 a, 4 c)
    {'precision': 0.5, 'hit_rate': 1.0, 'n_evaluated': 2}
    """
    k = check_positive_int(k, "k")
    unit = _unit_rows(embeddings)
    n = unit.shape[0]
    codes = _encode_labels(labels, n)
    nonzero = np.diff(unit.indptr) > 0 if sp.issparse(unit) else np.any(unit != 0, axis=1)
    evaluated = evaluated_items(codes, nonzero)
    queries = np.flatnonzero(evaluated)
    precision, hit = _agreement(unit, codes, nonzero, queries, k)
    if not average:
        return {"precision": precision, "hit_rate": hit, "evaluated": evaluated}
    if not queries.size:
        raise ValueError(
            "no item can be evaluated: every label is missing or unique, or every vector is 0."
        )
    has_precision = ~np.isnan(precision)
    return {
        "precision": float(precision[has_precision].mean())
        if has_precision.any()
        else float("nan"),
        "hit_rate": float(np.nanmean(hit)),
        "n_evaluated": int(queries.size),
    }
