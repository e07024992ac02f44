"""Hold-out splits and ranking metrics for book-link recommendation.

The evaluation protocol of implicit-feedback recommenders, for a books x
links matrix ``X``: hide some links of each book (:func:`train_test_split`),
fit on the rest, rank the links of every book by predicted score with its
training links excluded, and measure how many hidden links come back near
the top.

The metrics take the predictions first, then the held-out matrix, then the
training matrix whose entries must not count as recommendations, then ``k``
— the order of LightFM's ``precision_at_k(model, test_interactions,
train_interactions, k)``, with the predictions in place of the model:

* a float array of scores ``(n_rows, n_items)``: the top ``k`` items of
  each row are taken, skipping the items stored in ``train_matrix``;
* or an integer array of ranked item ids ``(n_rows, n_ranked)``, best
  first, ``-1`` for padding (the ``ids`` returned by
  :meth:`~skbookembed.KeyedEmbeddings.batch_most_similar`): items stored in
  ``train_matrix`` are dropped and the first ``k`` remaining ids are used.

A stored non-zero entry of ``test_matrix`` marks a relevant item. Rows
without any relevant item are left out of the means (their per-row value is
``nan``).

Examples
--------
>>> import numpy as np
>>> import scipy.sparse as sp
>>> from skbookembed.metrics import train_test_split, recall_at_k
>>> X = sp.csr_array(np.array([[1, 1, 1, 1, 0], [0, 1, 1, 1, 1]]))
>>> X_train, X_test = train_test_split(X, leave_k_out=1, random_state=0)
>>> (X_train + X_test != X).nnz, X_test.sum(axis=1).tolist()
(0, [1, 1])
>>> scores = X.toarray().astype(float)  # an oracle that knows every link
>>> recall_at_k(scores, X_test, X_train, k=1)
1.0
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray

from ._label_metrics import label_agreement
from ._split import train_test_split
from ._topk import pair_membership, row_chunks, top_k
from ._utils import check_positive_int

__all__ = [
    "auc_score",
    "hit_rate_at_k",
    "label_agreement",
    "map_at_k",
    "ndcg_at_k",
    "precision_at_k",
    "ranking_metrics",
    "recall_at_k",
    "top_k_items",
    "train_test_split",
]


def _as_csr(matrix: Any, name: str, shape: tuple[int, ...] | None = None) -> sp.csr_array:
    if matrix is None:
        raise TypeError(f"{name} is required.")
    if sp.issparse(matrix):
        out = sp.csr_array(matrix, copy=True)
    else:
        arr = np.asarray(matrix)
        if arr.ndim != 2:
            raise ValueError(f"{name} must be 2-D, got shape {arr.shape}.")
        out = sp.csr_array(arr)
    if shape is not None and out.shape != shape:
        raise ValueError(f"{name} has shape {out.shape}, expected {shape}.")
    out.sum_duplicates()
    out.eliminate_zeros()
    return out


def _pad_columns(ids: NDArray[np.int64], k: int) -> NDArray[np.int64]:
    """The first ``k`` columns of ``ids``, padded with ``-1`` when it has fewer."""
    if ids.shape[1] < k:
        pad = np.full((ids.shape[0], k - ids.shape[1]), -1, dtype=np.int64)
        ids = np.concatenate([ids, pad], axis=1)
    return ids[:, :k]


def top_k_items(
    predictions: ArrayLike,
    k: int = 10,
    train_matrix: Any = None,
) -> NDArray[np.int64]:
    """The ``k`` best items of each row, skipping the items of ``train_matrix``.

    Parameters
    ----------
    predictions : array of float (n_rows, n_items), or array of int (n_rows, n_ranked)
        Scores of every item, or item ids already ranked best first
        (``-1`` for padding).
    k : int, default=10
        Items per row.
    train_matrix : sparse matrix of shape (n_rows, n_items), optional
        Items stored in a row here are never returned for that row.

    Returns
    -------
    ids : ndarray of int64, shape (n_rows, k)
        Best first; ``-1`` where a row has fewer than ``k`` items left.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import top_k_items
    >>> scores = np.array([[0.9, 0.1, 0.5], [0.2, 0.8, 0.4]])
    >>> top_k_items(scores, k=2, train_matrix=sp.csr_array(np.array([[1, 0, 0], [0, 0, 0]])))
    array([[2, 1],
           [1, 2]])
    """
    k = check_positive_int(k, "k")
    pred = np.asarray(predictions)
    if pred.ndim != 2:
        raise ValueError(f"predictions must be 2-D (n_rows, n_items), got shape {pred.shape}.")
    train = None
    if np.issubdtype(pred.dtype, np.integer):
        ids = pred.astype(np.int64, copy=False)
        if train_matrix is not None:
            train = _as_csr(train_matrix, "train_matrix")
            if train.shape[0] != ids.shape[0]:
                raise ValueError(
                    f"train_matrix has {train.shape[0]} rows but predictions have {ids.shape[0]}."
                )
            if ids.size and ids.max() >= train.shape[1]:
                raise ValueError("predictions hold item ids beyond the columns of train_matrix.")
            drop = pair_membership(ids, train) | (ids < 0)
        else:
            drop = ids < 0
        # Stable-move the kept ids to the front of each row, then cut at k.
        order = np.argsort(drop, axis=1, kind="stable")
        ids = np.take_along_axis(ids, order, axis=1)
        ids = np.where(np.take_along_axis(drop, order, axis=1), -1, ids)
        return _pad_columns(ids, k)
    if not np.issubdtype(pred.dtype, np.floating):
        raise TypeError(
            f"predictions must be float scores or integer item ids, got dtype {pred.dtype}."
        )
    if np.isnan(pred).any():
        raise ValueError("predictions contain NaN scores.")
    if train_matrix is not None:
        train = _as_csr(train_matrix, "train_matrix", pred.shape)
    # Known items, and items scored -inf, are never recommended: top_k pads with -1.
    ids, _ = top_k(lambda rows: pred[rows].copy(), *pred.shape, k, exclude=train)
    return _pad_columns(ids, k)


def _relevance(
    predictions: ArrayLike, test_matrix: Any, train_matrix: Any, k: int
) -> tuple[NDArray[np.bool_], NDArray[np.int64]]:
    """Hit matrix (n_rows, k) and number of relevant items per row."""
    k = check_positive_int(k, "k")
    pred = np.asarray(predictions)
    if pred.ndim != 2:
        raise ValueError(f"predictions must be 2-D (n_rows, n_items), got shape {pred.shape}.")
    test = _as_csr(test_matrix, "test_matrix")
    if test.shape[0] != pred.shape[0]:
        raise ValueError(
            f"test_matrix has {test.shape[0]} rows but predictions have {pred.shape[0]}."
        )
    if np.issubdtype(pred.dtype, np.floating) and pred.shape[1] != test.shape[1]:
        raise ValueError(
            f"score predictions have {pred.shape[1]} columns but test_matrix has {test.shape[1]}."
        )
    if train_matrix is not None:
        train_matrix = _as_csr(train_matrix, "train_matrix", test.shape)
    ids = top_k_items(pred, k, train_matrix)
    if ids.size and ids.max() >= test.shape[1]:
        raise ValueError("predictions hold item ids beyond the columns of test_matrix.")
    hits = pair_membership(ids, test)
    return hits, np.diff(test.indptr).astype(np.int64)


def _finish(per_row: Any, n_relevant: NDArray[np.int64], average: bool) -> Any:
    per_row = np.where(n_relevant > 0, per_row, np.nan)
    if not average:
        return per_row
    if not (n_relevant > 0).any():
        raise ValueError("test_matrix has no stored entries; nothing to evaluate.")
    return float(np.nanmean(per_row))


# Per-row values of each metric, from the hit matrix (n_rows, k) and the number of
# relevant items of each row; rows without relevant items get a finite placeholder.
def _precision_rows(hits: NDArray[np.bool_], n_rel: NDArray[np.int64], k: int) -> Any:
    return hits.sum(axis=1) / k


def _recall_rows(hits: NDArray[np.bool_], n_rel: NDArray[np.int64], k: int) -> Any:
    return hits.sum(axis=1) / np.maximum(n_rel, 1)


def _hit_rate_rows(hits: NDArray[np.bool_], n_rel: NDArray[np.int64], k: int) -> Any:
    return hits.any(axis=1).astype(np.float64)


def _ndcg_rows(hits: NDArray[np.bool_], n_rel: NDArray[np.int64], k: int) -> Any:
    disc = 1.0 / np.log2(np.arange(2, k + 2))
    ideal = np.concatenate([[0.0], np.cumsum(disc)])[np.minimum(n_rel, k)]
    return (hits @ disc) / np.where(ideal > 0, ideal, 1.0)


def _ap_rows(hits: NDArray[np.bool_], n_rel: NDArray[np.int64], k: int) -> Any:
    precision_at_rank = np.cumsum(hits, axis=1) / np.arange(1, hits.shape[1] + 1)
    return (precision_at_rank * hits).sum(axis=1) / np.maximum(np.minimum(n_rel, k), 1)


#: The per-row function of each metric, in the order ranking_metrics reports them.
_PER_ROW = {
    "precision": _precision_rows,
    "recall": _recall_rows,
    "ndcg": _ndcg_rows,
    "map": _ap_rows,
    "hit_rate": _hit_rate_rows,
}


def _metric(
    per_row: Callable[..., Any],
    predictions: ArrayLike,
    test_matrix: Any,
    train_matrix: Any,
    k: int,
    average: bool,
) -> Any:
    """A metric of the predictions, from its per-row function: the mean, or each row's value."""
    hits, n_rel = _relevance(predictions, test_matrix, train_matrix, k)
    return _finish(per_row(hits, n_rel, k), n_rel, average)


_METRIC_PARAMS = """
    Parameters
    ----------
    predictions : array of float (n_rows, n_items), or array of int (n_rows, n_ranked)
        Scores of every item, or item ids ranked best first (``-1`` for
        padding); see the module description.
    test_matrix : sparse matrix of shape (n_rows, n_items)
        Held-out relevant items: a stored non-zero entry is a relevant item.
    train_matrix : sparse matrix of shape (n_rows, n_items), optional
        Known items, never counted as recommendations.
    k : int, default=10
        Cut-off rank.
    average : bool, default=True
        Return the mean over the rows that have relevant items; otherwise
        an array with one value per row (``nan`` for rows without any).
"""


def precision_at_k(
    predictions: ArrayLike,
    test_matrix: Any,
    train_matrix: Any = None,
    k: int = 10,
    *,
    average: bool = True,
) -> float | NDArray[np.float64]:
    """Fraction of the top ``k`` items that are relevant (hits / k).
    {params}
    Returns
    -------
    precision : float or ndarray of float
        Per row, the hits among the top ``k`` divided by ``k``, in [0, 1].
        The mean over the rows that have relevant items, or one value per
        row (``nan`` for rows without any) when ``average=False``.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import precision_at_k
    >>> ids = np.array([[0, 1, 2], [2, 3, 0]])
    >>> test = sp.csr_array(np.array([[1, 0, 1, 0], [0, 0, 0, 1]]))
    >>> precision_at_k(ids, test, k=2, average=False)
    array([0.5, 0.5])
    """
    return _metric(_precision_rows, predictions, test_matrix, train_matrix, k, average)


def recall_at_k(
    predictions: ArrayLike,
    test_matrix: Any,
    train_matrix: Any = None,
    k: int = 10,
    *,
    average: bool = True,
) -> float | NDArray[np.float64]:
    """Fraction of the relevant items found in the top ``k`` (hits / n_relevant).
    {params}
    Returns
    -------
    recall : float or ndarray of float
        Per row, the hits among the top ``k`` divided by the number of
        relevant items, in [0, 1].
        The mean over the rows that have relevant items, or one value per
        row (``nan`` for rows without any) when ``average=False``.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import recall_at_k
    >>> ids = np.array([[0, 1, 2], [2, 3, 0]])
    >>> test = sp.csr_array(np.array([[1, 0, 1, 0], [0, 0, 0, 1]]))
    >>> recall_at_k(ids, test, k=2, average=False)
    array([0.5, 1. ])
    """
    return _metric(_recall_rows, predictions, test_matrix, train_matrix, k, average)


def hit_rate_at_k(
    predictions: ArrayLike,
    test_matrix: Any,
    train_matrix: Any = None,
    k: int = 10,
    *,
    average: bool = True,
) -> float | NDArray[np.float64]:
    """Whether at least one relevant item is in the top ``k`` (1.0 or 0.0).
    {params}
    Returns
    -------
    hit_rate : float or ndarray of float
        Per row, 1.0 when a relevant item is in the top ``k``, else 0.0.
        The mean over the rows that have relevant items, or one value per
        row (``nan`` for rows without any) when ``average=False``.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import hit_rate_at_k
    >>> ids = np.array([[0, 1, 2], [2, 3, 0]])
    >>> test = sp.csr_array(np.array([[0, 0, 1, 0], [0, 0, 0, 1]]))
    >>> hit_rate_at_k(ids, test, k=2, average=False)
    array([0., 1.])
    """
    return _metric(_hit_rate_rows, predictions, test_matrix, train_matrix, k, average)


def ndcg_at_k(
    predictions: ArrayLike,
    test_matrix: Any,
    train_matrix: Any = None,
    k: int = 10,
    *,
    average: bool = True,
) -> float | NDArray[np.float64]:
    """Normalised discounted cumulative gain of the top ``k`` (binary relevance).

    ``DCG = sum_j rel_j / log2(j + 2)`` over ranks ``j = 0 .. k-1``, divided by
    the DCG of an ideal ranking (all relevant items first, at most ``k``).
    {params}
    Returns
    -------
    ndcg : float or ndarray of float
        Per row, the discounted cumulative gain divided by its ideal value.
        The mean over the rows that have relevant items, or one value per
        row (``nan`` for rows without any) when ``average=False``.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import ndcg_at_k
    >>> ids = np.array([[1, 0]])
    >>> test = sp.csr_array(np.array([[1, 0]]))
    >>> round(ndcg_at_k(ids, test, k=2), 4)  # (1 / log2(3)) / 1
    0.6309
    """
    return _metric(_ndcg_rows, predictions, test_matrix, train_matrix, k, average)


def map_at_k(
    predictions: ArrayLike,
    test_matrix: Any,
    train_matrix: Any = None,
    k: int = 10,
    *,
    average: bool = True,
) -> float | NDArray[np.float64]:
    """Mean average precision at ``k``.

    ``AP = sum_j precision@(j+1) * rel_j / min(k, n_relevant)``.
    {params}
    Returns
    -------
    map : float or ndarray of float
        Per row, the average precision at ``k``, in [0, 1].
        The mean over the rows that have relevant items, or one value per
        row (``nan`` for rows without any) when ``average=False``.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import map_at_k
    >>> ids = np.array([[1, 0, 2]])
    >>> test = sp.csr_array(np.array([[1, 0, 1]]))
    >>> round(map_at_k(ids, test, k=3), 4)  # (1/2 + 2/3) / 2
    0.5833
    """
    return _metric(_ap_rows, predictions, test_matrix, train_matrix, k, average)


for _func in (precision_at_k, recall_at_k, hit_rate_at_k, ndcg_at_k, map_at_k):
    assert _func.__doc__ is not None
    _func.__doc__ = _func.__doc__.replace("{params}", _METRIC_PARAMS)
del _func


def ranking_metrics(
    predictions: ArrayLike,
    test_matrix: Any,
    train_matrix: Any = None,
    k: int = 10,
) -> dict[str, float]:
    """All ranking metrics at ``k`` in one pass.

    Parameters
    ----------
    predictions : array of float (n_rows, n_items), or array of int (n_rows, n_ranked)
        Scores of every item, or item ids ranked best first (for example
        the ``ids`` of :meth:`~skbookembed.KeyedEmbeddings.batch_most_similar`
        called with ``exclude=X_train``).
    test_matrix : sparse matrix of shape (n_rows, n_items)
        Held-out relevant items.
    train_matrix : sparse matrix of shape (n_rows, n_items), optional
        Known items, never counted as recommendations.
    k : int, default=10
        Cut-off rank.

    Returns
    -------
    metrics : dict
        ``precision``, ``recall``, ``ndcg``, ``map`` and ``hit_rate`` (means
        over the evaluated rows) and ``n_evaluated`` (rows that have at
        least one relevant item).

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import ranking_metrics
    >>> ids = np.array([[0, 1], [2, 3]])
    >>> test = sp.csr_array(np.array([[1, 0, 0, 0], [0, 0, 0, 0]]))
    >>> ranking_metrics(ids, test, k=2)
    {'precision': 0.5, 'recall': 1.0, 'ndcg': 1.0, 'map': 1.0, 'hit_rate': 1.0, 'n_evaluated': 1}
    """
    hits, n_rel = _relevance(predictions, test_matrix, train_matrix, k)
    evaluated = n_rel > 0
    if not evaluated.any():
        raise ValueError("test_matrix has no stored entries; nothing to evaluate.")
    hits, n_rel = hits[evaluated], n_rel[evaluated]
    result: dict[str, Any] = {
        name: float(np.mean(per_row(hits, n_rel, k))) for name, per_row in _PER_ROW.items()
    }
    result["n_evaluated"] = int(evaluated.sum())
    return result


def auc_score(
    scores: ArrayLike,
    test_matrix: Any,
    train_matrix: Any = None,
    *,
    average: bool = True,
) -> float | NDArray[np.float64]:
    """Area under the ROC curve of each row's scores.

    For each row, the probability that a relevant (test) item scores
    higher than an irrelevant one, ties counting one half. Items of
    ``train_matrix`` are neither positive nor negative. Rows without a
    relevant item, or without an irrelevant one, are left out (``nan``).

    Parameters
    ----------
    scores : array of float, shape (n_rows, n_items)
        Score of every item for every row.
    test_matrix : sparse matrix of shape (n_rows, n_items)
        Relevant items.
    train_matrix : sparse matrix of shape (n_rows, n_items), optional
        Known items, excluded from the comparison.
    average : bool, default=True
        Return the mean over evaluated rows instead of one value per row.

    Returns
    -------
    auc : float or ndarray of float
        The AUC in [0, 1] (0.5 for random scores): the mean over the rows
        that have both relevant and irrelevant items, or one value per row
        (``nan`` for the others) when ``average=False``.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import auc_score
    >>> scores = np.array([[0.9, 0.1, 0.5, 0.3]])
    >>> test = sp.csr_array(np.array([[1, 0, 0, 1]]))
    >>> auc_score(scores, test)  # pairs won: (0>1, 0>2, 3>1) of 4
    0.75
    """
    from scipy.stats import rankdata

    s = np.asarray(scores, dtype=np.float64)
    if s.ndim != 2:
        raise ValueError(f"scores must be 2-D (n_rows, n_items), got shape {s.shape}.")
    if not np.isfinite(s).all():
        raise ValueError("scores must be finite.")
    test = _as_csr(test_matrix, "test_matrix", s.shape)
    train = None if train_matrix is None else _as_csr(train_matrix, "train_matrix", s.shape)
    n_rows, n_items = s.shape
    out = np.full(n_rows, np.nan)
    for rows in row_chunks(n_rows, n_items):
        block = s[rows].copy()
        pos = test[rows].toarray() != 0
        n_known = np.zeros(block.shape[0], dtype=np.int64)
        if train is not None:
            known = train[rows].toarray() != 0
            pos &= ~known
            # Known items all rank below every candidate; subtracting their
            # count turns the ranks into ranks among the candidates.
            block[known] = -np.inf
            n_known = known.sum(axis=1)
        ranks = rankdata(block, axis=1) - n_known[:, None]
        n_pos = pos.sum(axis=1)
        n_neg = n_items - n_known - n_pos
        rank_sum = np.where(pos, ranks, 0.0).sum(axis=1)
        ok = (n_pos > 0) & (n_neg > 0)
        auc = (rank_sum - n_pos * (n_pos + 1) / 2.0) / np.where(ok, n_pos * n_neg, 1)
        out[rows] = np.where(ok, auc, np.nan)
    if not average:
        return out
    if np.isnan(out).all():
        raise ValueError("no row has both relevant and irrelevant items; AUC is undefined.")
    return float(np.nanmean(out))
