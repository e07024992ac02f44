"""Top-``k`` selection over score matrices, a chunk of rows at a time.

Every ranking in the package goes through here: the exact neighbour search,
:func:`skbookembed.metrics.top_k_items`, the chunked scoring of the metrics and
of :meth:`PairEmbeddingRecommender.score`.

* :func:`row_chunks` cuts ``n_rows`` rows into blocks of about
  :data:`CHUNK_SCORES` scores, so that memory stays bounded whatever the
  number of rows;
* :func:`select_top` keeps the best ``k`` columns of each row of one block;
* :func:`top_k` scores the blocks, bans columns for every row or for single
  rows, and selects;
* :func:`pair_membership` tells which entries of a ranked id matrix are stored
  in the rows of a sparse matrix (the exclusions, or the relevant items).

A sparse ``(n_rows, n_cols)`` matrix marks pairs: a stored entry at ``(i, j)``,
whatever its value, concerns column ``j`` of row ``i``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["CHUNK_SCORES", "pair_membership", "row_chunks", "select_top", "top_k"]

#: Number of scores one block may hold at once (64 MiB of float32).
CHUNK_SCORES = 16 * 1024 * 1024


def row_chunks(n_rows: int, n_cols: int, chunk_size: int | None = None) -> Iterator[slice]:
    """Consecutive slices covering ``range(n_rows)``, each of ``chunk_size`` rows.

    Parameters
    ----------
    n_rows : int
        Rows to cover.
    n_cols : int
        Scores per row; sets the default chunk size.
    chunk_size : int, optional
        Rows per slice. By default as many as fit in :data:`CHUNK_SCORES` scores
        (at least one).

    Returns
    -------
    slices : iterator of slice
        ``slice(start, stop)`` with ``stop - start <= chunk_size``.

    Raises
    ------
    ValueError
        When ``chunk_size`` is smaller than 1.

    Examples
    --------
    >>> from skbookembed._topk import row_chunks
    >>> list(row_chunks(5, 10, chunk_size=2))
    [slice(0, 2, None), slice(2, 4, None), slice(4, 5, None)]
    """
    if chunk_size is None:
        chunk_size = max(1, CHUNK_SCORES // max(int(n_cols), 1))
    size = int(chunk_size)
    if size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}.")
    return (slice(start, min(start + size, n_rows)) for start in range(0, n_rows, size))


def select_top(scores: NDArray[Any], k: int) -> tuple[NDArray[np.int64], NDArray[Any]]:
    """Top ``k`` columns of each row of ``scores``, best first (ties: lower column first).

    Parameters
    ----------
    scores : ndarray of shape (n_rows, n_cols)
        Scores; higher is better.
    k : int
        Columns kept, at most ``n_cols``.

    Returns
    -------
    ids : ndarray of int64, shape (n_rows, k)
        Column indices, best first.
    top : ndarray, shape (n_rows, k)
        Their scores.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed._topk import select_top
    >>> ids, top = select_top(np.array([[0.1, 0.9, 0.5, 0.9]]), 3)
    >>> ids, top
    (array([[1, 3, 2]]), array([[0.9, 0.9, 0.5]]))
    """
    n_cols = scores.shape[1]
    if k < n_cols:
        # Partitioning at k (not k - 1) also places the (k+1)-th best column, which
        # tells the rows whose ties spill over the cut.
        split = np.argpartition(-scores, k, axis=1)
        part = split[:, :k]
        _lowest_ties(scores, part, np.take_along_axis(scores, split[:, k : k + 1], axis=1))
    else:
        part = np.broadcast_to(np.arange(n_cols), scores.shape)
    part_scores = np.take_along_axis(scores, part, axis=1)
    # Sort the kept block by descending score, then ascending id for ties.
    order = np.lexsort((part, -part_scores), axis=1)
    ids = np.take_along_axis(part, order, axis=1).astype(np.int64, copy=False)
    return ids, np.take_along_axis(part_scores, order, axis=1)


def _lowest_ties(scores: NDArray[Any], part: NDArray[np.intp], after: NDArray[Any]) -> None:
    """Make ``part`` keep the lowest columns among those tied at each row's k-th score.

    ``argpartition`` keeps the right scores but, when several columns tie at the
    boundary, an arbitrary subset of them. Those are the rows whose ``(k+1)``-th
    score (``after``, one column) equals the k-th; they are redone from the
    scores, in place.
    """
    k = part.shape[1]
    kth = np.take_along_axis(scores, part, axis=1).min(axis=1)
    spill = np.flatnonzero(after[:, 0] == kth)
    # A few rows at a time, so that the masks stay small next to the scores.
    for rows in row_chunks(spill.size, scores.shape[1], CHUNK_SCORES // 8):
        ids = spill[rows]
        block, bound = scores[ids], kth[ids, None]
        above, tied = block > bound, block == bound
        wanted = k - np.count_nonzero(above, axis=1)[:, None]
        keep = above | (tied & (np.cumsum(tied, axis=1, dtype=np.int32) <= wanted))
        part[ids] = np.nonzero(keep)[1].reshape(ids.size, k)


def _pair_rows(matrix: Any) -> NDArray[np.int64]:
    """Row index of each stored entry of a CSR matrix."""
    return np.repeat(np.arange(matrix.shape[0], dtype=np.int64), np.diff(matrix.indptr))


def top_k(
    score_rows: Callable[[slice], NDArray[Any]],
    n_rows: int,
    n_cols: int,
    k: int,
    *,
    banned: ArrayLike | None = None,
    exclude: Any = None,
    chunk_size: int | None = None,
) -> tuple[NDArray[np.int64], NDArray[Any]]:
    """Best ``k`` columns of each row of a score matrix computed a block of rows at a time.

    Parameters
    ----------
    score_rows : callable
        ``score_rows(rows)`` returns the scores of the rows of the slice ``rows``, an
        array of shape ``(len(rows), n_cols)`` that this function may modify.
    n_rows, n_cols : int
        Shape of the whole score matrix.
    k : int
        Columns wanted per row; ``min(k, n_cols)`` are returned.
    banned : array-like of int, optional
        Columns never returned.
    exclude : sparse matrix of shape (n_rows, n_cols), optional
        Pairs never returned, in CSR form: a stored entry at ``(i, j)`` keeps column
        ``j`` out of row ``i``.
    chunk_size : int, optional
        Rows scored at once (see :func:`row_chunks`).

    Returns
    -------
    ids : ndarray of int64, shape (n_rows, min(k, n_cols))
        Columns, best first (ties: lower column first); ``-1`` where a row has fewer
        admissible columns (banned, excluded or scored ``-inf``).
    scores : ndarray, same shape
        Their scores; ``-inf`` where ``ids`` is ``-1``.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed._topk import top_k
    >>> scores = np.array([[3.0, 2.0, 1.0], [1.0, 2.0, 3.0]])
    >>> exclude = sp.csr_array(np.array([[1, 0, 0], [0, 0, 0]]))
    >>> ids, top = top_k(lambda rows: scores[rows].copy(), 2, 3, 2, banned=[2], exclude=exclude)
    >>> ids
    array([[ 1, -1],
           [ 1,  0]])
    >>> top
    array([[  2., -inf],
           [  2.,   1.]])
    """
    k_out = min(int(k), int(n_cols))
    ids_out = np.full((n_rows, k_out), -1, dtype=np.int64)
    scores_out: NDArray[Any] = np.full((n_rows, k_out), -np.inf, dtype=np.float32)
    if k_out == 0 or n_rows == 0:
        return ids_out, scores_out
    ban = None if banned is None else np.asarray(banned, dtype=np.int64)
    first = True
    for rows in row_chunks(n_rows, n_cols, chunk_size):
        block = score_rows(rows)
        if first:
            scores_out = scores_out.astype(block.dtype, copy=False)
            first = False
        if ban is not None and ban.size:
            block[:, ban] = -np.inf
        if exclude is not None:
            part = exclude[rows]
            block[_pair_rows(part), part.indices] = -np.inf
        ids, top = select_top(block, k_out)
        ids[np.isneginf(top)] = -1
        ids_out[rows] = ids
        scores_out[rows] = top
    return ids_out, scores_out


def pair_membership(ids: NDArray[np.int64], matrix: Any) -> NDArray[np.bool_]:
    """Which entries of a ranked id matrix are stored pairs of a sparse matrix.

    Parameters
    ----------
    ids : ndarray of int, shape (n_rows, n_ranked)
        Column ids per row; negative ids are padding.
    matrix : sparse matrix of shape (n_rows, n_cols), CSR
        The stored pairs.

    Returns
    -------
    found : ndarray of bool, same shape as ``ids``
        ``found[i, j]`` is True when ``(i, ids[i, j])`` is stored in ``matrix``;
        always False for padding.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed._topk import pair_membership
    >>> stored = sp.csr_array(np.array([[0, 1, 1], [1, 0, 0]]))
    >>> pair_membership(np.array([[2, 0, -1], [0, 1, 2]]), stored)
    array([[ True, False, False],
           [ True, False, False]])
    """
    ids = np.asarray(ids, dtype=np.int64)
    n_cols = int(matrix.shape[1])
    stored = _pair_rows(matrix) * n_cols + matrix.indices.astype(np.int64)
    codes = np.arange(ids.shape[0], dtype=np.int64)[:, None] * n_cols + ids
    return np.isin(codes, stored) & (ids >= 0)
