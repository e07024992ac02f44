"""Nearest-neighbour search by cosine similarity: exact and approximate.

Two searchers share one contract, ``query(queries, k, *, least, candidates,
banned, exclude, chunk_size)``. Both take L2-normalised query rows and
return ``(ids, scores)``: ``ids`` is an ``int64`` array ``(n_queries, k)``
of row indices into the database, best first, and ``scores`` the matching
``float32`` cosine similarities. Slots that cannot be filled (every
candidate of that row was excluded) hold the id ``-1`` and the score ``nan``.

* :class:`ExactSearcher` (:func:`exact_search`) scores every candidate with
  one matrix product per chunk of queries and keeps the top ``k``
  (:func:`skbookembed._topk.top_k`).
* :class:`ApproximateIndex` wraps :class:`pynndescent.NNDescent`, a graph
  index that answers in sub-linear time at the cost of a small loss of
  recall; it is imported lazily, only when an index is built.

Both accept the same candidate controls: a set of allowed database rows
(``candidates``), rows banned for every query (``banned``) and rows banned
per query (``exclude``, a sparse ``(n_queries, n_database)`` matrix whose
stored entries mark the excluded pairs).

:class:`LazySearcher` defers the build of either one to its first query.
"""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._topk import pair_membership, row_chunks, top_k
from ._utils import is_int, is_sparse

if TYPE_CHECKING:  # pragma: no cover
    import scipy.sparse as sp

__all__ = [
    "ApproximateIndex",
    "ExactSearcher",
    "LazySearcher",
    "Searcher",
    "exact_search",
    "l2_normalize",
]


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


def _local_columns(
    matrix: sp.csr_array, global_to_local: NDArray[np.int64], n_local: int
) -> sp.csr_array:
    """``matrix`` with its columns renumbered by ``global_to_local`` (``-1``: dropped)."""
    import scipy.sparse as sp

    rows = np.repeat(np.arange(matrix.shape[0]), np.diff(matrix.indptr))
    cols = global_to_local[matrix.indices]
    keep = cols >= 0
    data = np.ones(int(keep.sum()), dtype=np.int8)
    return sp.csr_array((data, (rows[keep], cols[keep])), shape=(matrix.shape[0], n_local))


def _search_inputs(
    queries: ArrayLike, database: ArrayLike, k: Any
) -> tuple[NDArray[np.float32], NDArray[np.float32], int]:
    """Queries and database as float32 matrices of the same width, and ``k``, checked."""
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
    return q, db, k


def _to_candidate_columns(cand: Any, ban: Any, excl: Any, n: int) -> tuple[Any, Any]:
    """``banned`` rows and per-query exclusions renumbered among the candidates."""
    if cand is None or (ban is None and excl is None):
        return ban, excl
    global_to_local = np.full(n, -1, dtype=np.int64)
    global_to_local[cand] = np.arange(cand.size)
    if ban is not None:
        ban = global_to_local[ban]
        ban = ban[ban >= 0]
    if excl is not None:
        excl = _local_columns(excl, global_to_local, cand.size)
    return ban, excl


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
    Queries are scored a chunk at a time (:func:`skbookembed._topk.top_k`),
    so memory stays bounded.

    Long only because of its parameter documentation.

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
        chunk holds about :data:`skbookembed._topk.CHUNK_SCORES` scores.

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
    q, db, k = _search_inputs(queries, database, k)
    n_queries, n = q.shape[0], db.shape[0]
    cand = _as_index_array(candidates, n, "candidates")
    ban = _as_index_array(banned, n, "banned")
    excl = _check_exclude(exclude, n_queries, n)
    row_chunks(n_queries, n, chunk_size)  # validates chunk_size

    # Work in a local space of admissible columns (all rows, or the candidates).
    local_db = db if cand is None else db[cand]
    ban, excl = _to_candidate_columns(cand, ban, excl, n)

    sign = np.float32(-1.0 if least else 1.0)

    def score_rows(rows: slice) -> NDArray[np.float32]:
        scores = q[rows] @ local_db.T
        if least:
            scores *= sign
        return scores

    ids, top = top_k(
        score_rows,
        n_queries,
        local_db.shape[0],
        k,
        banned=ban,
        exclude=excl,
        chunk_size=chunk_size,
    )
    missing = ids < 0
    if cand is not None:
        ids = np.where(missing, -1, cand[ids])
    top = top * sign
    top[missing] = np.nan
    return ids, top


class ExactSearcher:
    """Exact cosine search over fixed vectors, with the query interface of :class:`ApproximateIndex`.

    Parameters
    ----------
    vectors : array-like of shape (n, dim)
        Rows searched, normally L2-normalised.

    Attributes
    ----------
    vectors_ : ndarray of float32, shape (n, dim)
        The searched vectors.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed._neighbors import ExactSearcher
    >>> searcher = ExactSearcher(np.eye(3))
    >>> searcher.query(np.eye(3)[:1], 2, banned=[0])[0]
    array([[1, 2]])
    """

    def __init__(self, vectors: ArrayLike) -> None:
        self.vectors_ = np.asarray(vectors, dtype=np.float32)

    def query(
        self,
        queries: ArrayLike,
        k: int,
        *,
        least: bool = False,
        candidates: ArrayLike | None = None,
        banned: ArrayLike | None = None,
        exclude: Any = None,
        chunk_size: int | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Top-``k`` rows by cosine similarity; as :func:`exact_search`.

        Parameters
        ----------
        queries : array-like of shape (n_queries, dim)
            Query vectors, normally L2-normalised.
        k : int
            Neighbours per query.
        least, candidates, banned, exclude, chunk_size
            As in :func:`exact_search`.

        Returns
        -------
        ids : ndarray of int64, shape (n_queries, min(k, n_candidates))
        scores : ndarray of float32, same shape
        """
        return exact_search(
            queries,
            self.vectors_,
            k,
            least=least,
            candidates=candidates,
            banned=banned,
            exclude=exclude,
            chunk_size=chunk_size,
        )


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
    ids: NDArray[np.int64], banned: NDArray[np.int64] | None, exclude: sp.csr_array | None
) -> NDArray[np.bool_]:
    """Boolean mask of the entries of ``ids`` that are padding, banned or excluded."""
    mask = ids < 0
    if banned is not None and banned.size:
        mask |= np.isin(ids, banned)
    if exclude is not None and exclude.nnz:
        mask |= pair_membership(ids, exclude)
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
        slower builds; clustered data needs a smaller graph than isotropic
        data (see the user guide's page on queries).
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

    The first build in a Python process compiles pynndescent's numba code;
    later builds pay only for the graph.

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
    >>> # Building compiles pynndescent's numba code on first use.
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
        if not is_int(n_neighbors) or n_neighbors < 2:
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
        chunk_size: int | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Approximate top-``k`` rows by cosine similarity.

        Parameters and return values are those of :func:`exact_search`;
        ``chunk_size`` applies to the queries answered exactly.

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
                q,
                db,
                k,
                least=least,
                candidates=candidates,
                banned=banned,
                exclude=exclude,
                chunk_size=chunk_size,
            )
        ban = _as_index_array(banned, n, "banned")
        excl = _check_exclude(exclude, q.shape[0], n)
        n_banned = 0 if ban is None else ban.size
        k_out = min(k, n)
        per_row = np.zeros(q.shape[0], dtype=np.int64) if excl is None else np.diff(excl.indptr)
        fetch = k_out + n_banned + int(per_row.max(initial=0))
        if k_out == 0 or q.shape[0] == 0 or fetch > self.max_fetch_fraction * n:
            return exact_search(q, db, k, banned=ban, exclude=excl, chunk_size=chunk_size)
        ids, scores, short = self._graph_query(q, k_out, fetch, ban, excl)
        # Rows where the graph search found fewer admissible rows than asked
        # (n_admissible may still exceed k_out): answer them exactly.
        if short.any():
            rows = np.flatnonzero(short)
            sub_excl = None if excl is None else excl[rows]
            ids[rows], scores[rows] = exact_search(
                q[rows], db, k, banned=ban, exclude=sub_excl, chunk_size=chunk_size
            )
        return ids, scores

    def _graph_query(
        self,
        q: NDArray[np.float32],
        k_out: int,
        fetch: int,
        ban: NDArray[np.int64] | None,
        excl: sp.csr_array | None,
    ) -> tuple[NDArray[np.int64], NDArray[np.float32], NDArray[np.bool_]]:
        """Best ``k_out`` admissible rows among ``fetch`` graph neighbours, and short rows."""
        db = self.vectors_
        ids, _ = self.index_.query(q, k=fetch, epsilon=self.epsilon)
        ids = ids.astype(np.int64, copy=False)
        valid = ids >= 0
        scores = np.einsum("qd,qkd->qk", q, db[np.where(valid, ids, 0)])
        scores = np.where(valid, scores, np.nan).astype(np.float32)
        drop = _excluded_pairs(ids, ban, excl)
        # Rank admissible entries first, then by descending score, ties by lower id.
        key = np.where(drop, np.inf, -scores)
        order = np.lexsort((ids, key), axis=1)[:, :k_out]
        out_ids = np.take_along_axis(ids, order, axis=1)
        out_scores = np.take_along_axis(scores, order, axis=1)
        short = np.take_along_axis(drop, order, axis=1).any(axis=1)
        return out_ids, out_scores, short


class Searcher(Protocol):
    """What both searchers offer: the ``query`` of the module docstring."""

    def query(
        self,
        queries: ArrayLike,
        k: int,
        *,
        least: bool = False,
        candidates: ArrayLike | None = None,
        banned: ArrayLike | None = None,
        exclude: Any = None,
        chunk_size: int | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]: ...


class LazySearcher:
    """A searcher over the normalised vectors of ``owner``, built on its first query.

    Lets :class:`~skbookembed.KeyedEmbeddings` choose its searcher when its index mode
    is set, and still build it (for the approximate index, a costly build) only when a
    query needs it.

    ``make(owner.normed_vectors)`` builds it, once: threads that query (or call
    :meth:`get`) at the same time wait under ``lock`` for a single build. ``built`` is
    the searcher once built, None before. ``owner`` is any object with a
    ``normed_vectors`` attribute, held by a weak reference so that it and its
    searchers form no reference cycle.
    """

    def __init__(
        self,
        make: Callable[[NDArray[np.float32]], Searcher],
        owner: Any,
        lock: threading.Lock,
    ) -> None:
        self._make = make
        self._owner = weakref.ref(owner)
        self._lock = lock
        self.built: Searcher | None = None

    def get(self) -> Searcher:
        """The searcher, built now if it is not yet."""
        if self.built is None:
            with self._lock:
                if self.built is None:
                    owner = self._owner()
                    assert owner is not None, "the searcher outlived its KeyedEmbeddings"
                    self.built = self._make(owner.normed_vectors)
        return self.built

    def query(
        self, queries: ArrayLike, k: int, **options: Any
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """The built searcher's ``query`` (building it first if needed)."""
        return self.get().query(queries, k, **options)
