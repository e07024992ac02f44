"""Nearest-neighbour search by cosine similarity: exact and approximate.

Two search paths share one contract. Both take L2-normalised query rows and
return ``(ids, scores)``: ``ids`` is an ``int64`` array ``(n_queries, k)``
of row indices into the database, best first, and ``scores`` the matching
``float32`` cosine similarities. Slots that cannot be filled (every
candidate of that row was excluded) hold the id ``-1`` and the score ``nan``.

* :func:`exact_search` scores every candidate with one matrix product per
  chunk of queries and keeps the top ``k`` with :func:`numpy.argpartition`.
* :class:`ApproximateIndex` wraps :class:`pynndescent.NNDescent`, a graph
  index that answers in sub-linear time at the cost of a small loss of
  recall; it is imported lazily, only when an index is built.

Both accept the same candidate controls: a set of allowed database rows
(``candidates``), rows banned for every query (``banned``) and rows banned
per query (``exclude``, a sparse ``(n_queries, n_database)`` matrix whose
stored entries mark the excluded pairs).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._utils import is_sparse

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

__all__ = ["ApproximateIndex", "exact_search", "l2_normalize"]

#: Number of float32 scores one chunk of the exact search may hold at once
#: (64 MiB). Bounds memory whatever the number of queries.
_CHUNK_SCORES = 16 * 1024 * 1024


def l2_normalize(vectors: ArrayLike) -> NDArray[np.float32]:
    """Scale each row to unit Euclidean norm; zero rows stay zero.

    Parameters
    ----------
    vectors : array-like of shape (n, dim) or (dim,)
        Rows to normalise.

    Returns
    -------
    normed : ndarray of float32, same shape as ``vectors``
        A new array; ``vectors`` is not modified.

    Examples
    --------
    >>> from skbookembed._neighbors import l2_normalize
    >>> l2_normalize([[3.0, 4.0], [0.0, 0.0]])
    array([[0.6, 0.8],
           [0. , 0. ]], dtype=float32)
    """
    arr = np.array(vectors, dtype=np.float32, copy=True)
    # Norms in float64 so that very large or very small entries do not
    # overflow or underflow in the squares.
    norms = np.linalg.norm(arr.astype(np.float64, copy=False), axis=-1, keepdims=True)
    np.divide(arr, norms, out=arr, where=norms > 0)
    return arr


def _as_index_array(values: ArrayLike | None, n: int, name: str) -> NDArray[np.int64] | None:
    """Validate a 1-D array of row indices (or a boolean mask) into ``range(n)``."""
    if values is None:
        return None
    arr = np.asarray(values)
    if arr.dtype == bool:
        if arr.shape != (n,):
            raise ValueError(f"boolean {name} must have shape ({n},), got {arr.shape}.")
        return np.flatnonzero(arr).astype(np.int64)
    arr = arr.reshape(-1)
    if arr.size == 0:
        return arr.astype(np.int64)
    if not np.issubdtype(arr.dtype, np.integer):
        raise TypeError(f"{name} must hold integer row indices, got dtype {arr.dtype}.")
    if arr.min() < 0 or arr.max() >= n:
        raise ValueError(f"{name} holds row indices outside [0, {n}).")
    return np.unique(arr.astype(np.int64))


def _check_exclude(exclude: Any, n_queries: int, n: int) -> sp.csr_array | None:
    """Validate the per-query exclusion matrix and return it as CSR."""
    if exclude is None:
        return None
    if not is_sparse(exclude):
        raise TypeError(
            "exclude must be a scipy.sparse matrix of shape (n_queries, n_database) "
            f"whose stored entries mark excluded pairs, got {type(exclude).__name__}."
        )
    if exclude.shape != (n_queries, n):
        raise ValueError(
            f"exclude must have shape (n_queries, n_database) = ({n_queries}, {n}), "
            f"got {exclude.shape}."
        )
    import scipy.sparse as sp

    return sp.csr_array(exclude)


def _select_top(scores: NDArray[np.float32], k: int) -> tuple[NDArray[np.int64], NDArray]:
    """Top ``k`` columns of each row of ``scores``, best first (ties: lower id first)."""
    n_cols = scores.shape[1]
    if k < n_cols:
        part = np.argpartition(-scores, k - 1, axis=1)[:, :k]
    else:
        part = np.broadcast_to(np.arange(n_cols), scores.shape)
    part_scores = np.take_along_axis(scores, part, axis=1)
    # Sort the kept block by descending score, then ascending id for ties.
    order = np.lexsort((part, -part_scores), axis=1)
    ids = np.take_along_axis(part, order, axis=1).astype(np.int64, copy=False)
    return ids, np.take_along_axis(part_scores, order, axis=1)


def exact_search(
    queries: ArrayLike,
    database: ArrayLike,
    k: int,
    *,
    least: bool = False,
    candidates: ArrayLike | None = None,
    banned: ArrayLike | None = None,
    exclude: Any = None,
    chunk_size: int | None = None,
) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
    """Exact top-``k`` rows of ``database`` by dot product with each query.

    With L2-normalised inputs the dot product is the cosine similarity.
    Queries are processed in chunks (one matrix product and one
    :func:`numpy.argpartition` per chunk), so memory stays bounded.

    Parameters
    ----------
    queries : array-like of shape (n_queries, dim)
        Query vectors, normally L2-normalised.
    database : array-like of shape (n, dim)
        Vectors searched, normally L2-normalised.
    k : int
        Number of neighbours wanted. When fewer candidates exist, the
        output has as many columns as there are candidates.
    least : bool, default=False
        Return the ``k`` *least* similar rows instead, least similar first.
    candidates : array-like of int or bool mask, optional
        Only these database rows may be returned.
    banned : array-like of int or bool mask, optional
        These database rows are never returned.
    exclude : sparse matrix of shape (n_queries, n), optional
        Per-query exclusions: a stored entry at ``(i, j)`` (whatever its
        value) keeps row ``j`` out of the results of query ``i``.
    chunk_size : int, optional
        Queries scored per matrix product. By default chosen so that one
        chunk holds about 16 million scores (64 MiB).

    Returns
    -------
    ids : ndarray of int64, shape (n_queries, min(k, n_candidates))
        Row indices, best first (ties broken by lower index). ``-1`` where
        a query had fewer than ``k`` admissible rows.
    scores : ndarray of float32, same shape
        Similarities of ``ids``; ``nan`` where ``ids`` is ``-1``.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed._neighbors import exact_search
    >>> db = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]])
    >>> ids, scores = exact_search([[1.0, 0.0]], db, k=2)
    >>> ids
    array([[0, 2]])
    >>> scores
    array([[1. , 0.6]], dtype=float32)
    >>> exact_search([[1.0, 0.0]], db, k=1, least=True)[0]
    array([[1]])
    """
    q = np.asarray(queries, dtype=np.float32)
    db = np.asarray(database, dtype=np.float32)
    if q.ndim != 2 or db.ndim != 2:
        raise ValueError(f"queries and database must be 2-D, got shapes {q.shape} and {db.shape}.")
    if q.shape[1] != db.shape[1]:
        raise ValueError(
            f"queries have {q.shape[1]} dimensions but the database has {db.shape[1]}."
        )
    k = int(k)
    if k < 0:
        raise ValueError(f"k must be >= 0, got {k}.")
    n_queries, n = q.shape[0], db.shape[0]
    cand = _as_index_array(candidates, n, "candidates")
    ban = _as_index_array(banned, n, "banned")
    excl = _check_exclude(exclude, n_queries, n)

    # Work in a local space of admissible columns (all rows, or the candidates).
    local_db = db if cand is None else db[cand]
    n_local = local_db.shape[0]
    global_to_local: NDArray[np.int64] | None = None
    if cand is not None and (ban is not None or excl is not None):
        global_to_local = np.full(n, -1, dtype=np.int64)
        global_to_local[cand] = np.arange(n_local)
    ban_local = None
    if ban is not None and ban.size:
        ban_local = ban if global_to_local is None else global_to_local[ban]
        ban_local = ban_local[ban_local >= 0]

    k_out = min(k, n_local)
    ids_out = np.empty((n_queries, k_out), dtype=np.int64)
    scores_out = np.empty((n_queries, k_out), dtype=np.float32)
    if k_out == 0 or n_queries == 0:
        return ids_out, scores_out

    if chunk_size is None:
        chunk_size = max(1, _CHUNK_SCORES // max(n_local, 1))
    chunk_size = int(chunk_size)
    if chunk_size < 1:
        raise ValueError(f"chunk_size must be >= 1, got {chunk_size}.")

    sign = np.float32(-1.0 if least else 1.0)
    for start in range(0, n_queries, chunk_size):
        stop = min(start + chunk_size, n_queries)
        scores = q[start:stop] @ local_db.T
        if least:
            scores *= sign
        if ban_local is not None and ban_local.size:
            scores[:, ban_local] = -np.inf
        if excl is not None:
            block = excl[start:stop]
            rows = np.repeat(np.arange(stop - start), np.diff(block.indptr))
            cols = block.indices.astype(np.int64, copy=False)
            if global_to_local is not None:
                cols = global_to_local[cols]
                keep = cols >= 0
                rows, cols = rows[keep], cols[keep]
            scores[rows, cols] = -np.inf
        ids, top = _select_top(scores, k_out)
        missing = np.isneginf(top)
        if cand is not None:
            ids = cand[ids]
        top = top * sign
        ids[missing] = -1
        top[missing] = np.nan
        ids_out[start:stop] = ids
        scores_out[start:stop] = top
    return ids_out, scores_out


def _import_pynndescent() -> Any:
    try:
        import pynndescent
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError(
            "the approximate index needs pynndescent, which comes with umap-learn: "
            "`pip install umap-learn` (or `pip install pynndescent`), or use index='exact'."
        ) from exc
    return pynndescent


def _excluded_pairs(
    ids: NDArray[np.int64], banned: NDArray[np.int64] | None, exclude: sp.csr_array | None, n: int
) -> NDArray[np.bool_]:
    """Boolean mask of the entries of ``ids`` that are banned or excluded."""
    mask = ids < 0
    if banned is not None and banned.size:
        mask |= np.isin(ids, banned)
    if exclude is not None and exclude.nnz:
        rows = np.repeat(np.arange(exclude.shape[0], dtype=np.int64), np.diff(exclude.indptr))
        codes = rows * n + exclude.indices.astype(np.int64)
        found = np.arange(ids.shape[0], dtype=np.int64)[:, None] * n + ids
        mask |= np.isin(found, codes)
    return mask


class ApproximateIndex:
    """Approximate cosine nearest neighbours with a pynndescent graph index.

    Builds a :class:`pynndescent.NNDescent` k-nearest-neighbour graph over
    the vectors (metric ``"cosine"``) and searches it for each query. The
    returned scores are exact cosine similarities of the returned rows
    (recomputed from the vectors), only the candidate set is approximate.

    Parameters
    ----------
    n_neighbors : int, default=60
        Degree of the neighbour graph. Larger graphs give higher recall and
        slower builds. On isotropic random 50-d data, the hardest case,
        30 gives a recall@10 near 0.8 and 60 near 0.98 (see
        ``bench/bench_ann.py``); clustered data needs less.
    epsilon : float, default=0.1
        Search breadth of queries (pynndescent's ``epsilon``; 0.0-0.3).
        Larger is slower and more accurate.
    random_state : int or None, default=0
        Seed of the graph construction. With an int seed and ``n_jobs=1``
        the index, and so the answers, are reproducible.
    n_jobs : int or None, default=None
        Threads used to build the index (numba); None uses numba's default.
    max_fetch_fraction : float, default=0.1
        Queries needing more than this fraction of all rows (large ``k``,
        or many exclusions to skip) are answered by exact search instead.
    **nndescent_params
        Further keyword arguments for :class:`pynndescent.NNDescent`.

    Attributes
    ----------
    index_ : pynndescent.NNDescent
        The built graph (after :meth:`fit`).
    vectors_ : ndarray of float32, shape (n, dim)
        The indexed (L2-normalised) vectors.

    Notes
    -----
    ``least=True`` queries are answered exactly: searching the graph for
    the negated query (``cos(x, -q) = -cos(x, q)``) lands far from every
    indexed point, where graph search recalls poorly. Banned and excluded rows are
    skipped by fetching more neighbours than asked (``k`` plus the number of
    exclusions); a query left with fewer than ``k`` admissible rows is
    answered exactly, so results are always complete. Restricting to a
    candidate set is always exact.

    The first build in a Python process compiles pynndescent's numba code,
    which takes one to two minutes on a small machine; later builds pay only
    for the graph (about a minute for 100,000 x 50 on two cores).

    The index is not meant to be pickled: :class:`KeyedEmbeddings` drops it
    when pickled and rebuilds it on demand.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed._neighbors import ApproximateIndex, l2_normalize
    >>> rng = np.random.default_rng(0)
    >>> vectors = l2_normalize(rng.normal(size=(500, 8)))
    >>> index = ApproximateIndex(n_neighbors=15, random_state=0, n_jobs=1)
    >>> index.n_neighbors, index.epsilon
    (15, 0.1)
    >>> # Building compiles pynndescent's numba code on first use (a minute).
    >>> index = index.fit(vectors)  # doctest: +SKIP
    >>> index.query(vectors[:3], k=1)[0].ravel().tolist()  # doctest: +SKIP
    [0, 1, 2]
    """

    def __init__(
        self,
        n_neighbors: int = 60,
        *,
        epsilon: float = 0.1,
        random_state: int | None = 0,
        n_jobs: int | None = None,
        max_fetch_fraction: float = 0.1,
        **nndescent_params: Any,
    ) -> None:
        if not _is_positive_int(n_neighbors) or n_neighbors < 2:
            raise ValueError(f"n_neighbors must be an int >= 2, got {n_neighbors!r}.")
        if not 0.0 <= float(epsilon) <= 1.0:
            raise ValueError(f"epsilon must be in [0, 1], got {epsilon!r}.")
        if not 0.0 < float(max_fetch_fraction) <= 1.0:
            raise ValueError(f"max_fetch_fraction must be in (0, 1], got {max_fetch_fraction!r}.")
        if "metric" in nndescent_params:
            raise ValueError("the metric is fixed to cosine; do not pass metric.")
        self.n_neighbors = int(n_neighbors)
        self.epsilon = float(epsilon)
        self.random_state = random_state
        self.n_jobs = n_jobs
        self.max_fetch_fraction = float(max_fetch_fraction)
        self.nndescent_params = dict(nndescent_params)

    def fit(self, vectors: ArrayLike) -> ApproximateIndex:
        """Build the graph index over L2-normalised ``vectors``.

        Parameters
        ----------
        vectors : array-like of shape (n, dim)
            Rows to index, normally L2-normalised.

        Returns
        -------
        self : ApproximateIndex
        """
        pynndescent = _import_pynndescent()
        data = np.ascontiguousarray(vectors, dtype=np.float32)
        if data.ndim != 2 or data.shape[0] < 2:
            raise ValueError(f"need a 2-D array of at least 2 rows, got shape {data.shape}.")
        self.vectors_ = data
        self.index_ = pynndescent.NNDescent(
            data,
            metric="cosine",
            n_neighbors=min(self.n_neighbors, data.shape[0] - 1),
            random_state=self.random_state,
            n_jobs=self.n_jobs,
            **self.nndescent_params,
        )
        self.index_.prepare()
        return self

    def query(
        self,
        queries: ArrayLike,
        k: int,
        *,
        least: bool = False,
        candidates: ArrayLike | None = None,
        banned: ArrayLike | None = None,
        exclude: Any = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Approximate top-``k`` rows by cosine similarity.

        Parameters and return values are those of :func:`exact_search`.

        Returns
        -------
        ids : ndarray of int64, shape (n_queries, min(k, n_candidates))
        scores : ndarray of float32, same shape
        """
        if not hasattr(self, "index_"):
            raise RuntimeError("this ApproximateIndex is not built yet; call fit(vectors) first.")
        db = self.vectors_
        n = db.shape[0]
        q = np.asarray(queries, dtype=np.float32)
        if q.ndim != 2 or q.shape[1] != db.shape[1]:
            raise ValueError(f"queries must have shape (n_queries, {db.shape[1]}), got {q.shape}.")
        k = int(k)
        if k < 0:
            raise ValueError(f"k must be >= 0, got {k}.")
        if candidates is not None or least:
            return exact_search(
                q, db, k, least=least, candidates=candidates, banned=banned, exclude=exclude
            )
        ban = _as_index_array(banned, n, "banned")
        excl = _check_exclude(exclude, q.shape[0], n)
        n_banned = 0 if ban is None else ban.size
        k_out = min(k, n)
        if k_out == 0 or q.shape[0] == 0:
            return exact_search(q, db, k, least=least, banned=ban, exclude=excl)
        per_row = np.zeros(q.shape[0], dtype=np.int64) if excl is None else np.diff(excl.indptr)
        fetch = k_out + n_banned + int(per_row.max(initial=0))
        if fetch > self.max_fetch_fraction * n:
            return exact_search(q, db, k, least=least, banned=ban, exclude=excl)

        ids, _ = self.index_.query(q, k=fetch, epsilon=self.epsilon)
        ids = ids.astype(np.int64, copy=False)
        valid = ids >= 0
        scores = np.einsum("qd,qkd->qk", q, db[np.where(valid, ids, 0)])
        scores = np.where(valid, scores, np.nan).astype(np.float32)
        drop = _excluded_pairs(ids, ban, excl, n)
        # Rank admissible entries first, then by descending score, ties by lower id.
        key = np.where(drop, np.inf, -scores)
        order = np.lexsort((ids, key), axis=1)[:, :k_out]
        out_ids = np.take_along_axis(ids, order, axis=1)
        out_scores = np.take_along_axis(scores, order, axis=1)
        short = np.take_along_axis(drop, order, axis=1).any(axis=1)
        # Rows where the graph search found fewer admissible rows than asked
        # (n_admissible may still exceed k_out): answer them exactly.
        if short.any():
            rows = np.flatnonzero(short)
            sub_excl = None if excl is None else excl[rows]
            e_ids, e_scores = exact_search(
                q[rows], db, k, least=least, banned=ban, exclude=sub_excl
            )
            out_ids[rows] = e_ids
            out_scores[rows] = e_scores
        return out_ids, out_scores


def _is_positive_int(value: Any) -> bool:
    return bool(isinstance(value, (int, np.integer)) and not isinstance(value, bool) and value > 0)
