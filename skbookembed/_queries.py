"""Top-k queries of :class:`~skbookembed.KeyedEmbeddings`: ``most_similar`` and kin.

:class:`QueryMixin` turns query terms (keys, vectors, weighted pairs) and restrictions
into the normalised query vectors and candidate rows that
:meth:`KeyedEmbeddings._search <skbookembed.KeyedEmbeddings>` ranks, and the ranked rows
back into ``(key, similarity)`` pairs or arrays.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._neighbors import l2_normalize
from ._terms import Key, as_term_list, check_query_vector
from ._utils import is_int, is_sparse
from ._vocab import is_key

__all__ = ["QueryMixin"]


class QueryMixin:
    """Top-k similarity queries: the neighbours of keys, vectors and their combinations.

    ``most_similar``, ``similar_by_key``, ``similar_by_vector`` and
    ``batch_most_similar``. A mixin of :class:`~skbookembed.KeyedEmbeddings`, which
    provides what the queries rely on: ``normed_vectors``, ``vector_size``,
    ``index_to_key``, ``__len__``, ``get_index(key)``, ``_indices_of(keys)`` (row
    indices of keys, as an int64 array) and ``_search(queries, k, least=, candidates=,
    banned=, exclude=, chunk_size=)`` (the top-``k`` rows of normalised queries, as
    :func:`~skbookembed._neighbors.exact_search` returns them).
    """

    # Provided by KeyedEmbeddings (see the class docstring).
    vector_size: int
    normed_vectors: NDArray[np.float32]
    index_to_key: list[Any]
    get_index: Any
    _indices_of: Any
    _search: Any
    __len__: Any

    def _combine(self, positive: Any, negative: Any) -> tuple[NDArray[np.float32], list[int]]:
        """Normalised weighted mean of the query terms, and the rows of key terms."""
        terms: list[tuple[Any, float]] = []
        for items, sign, name in ((positive, 1.0, "positive"), (negative, -1.0, "negative")):
            for item in as_term_list(items, name):
                if isinstance(item, tuple):
                    if len(item) != 2:
                        raise ValueError(
                            f"{name} items must be keys, vectors or (key, weight) pairs, "
                            f"got a tuple of length {len(item)}."
                        )
                    term, weight = item
                    terms.append((term, sign * float(weight)))
                else:
                    terms.append((item, sign))
        if not terms:
            raise ValueError("cannot compute similarity with no input; pass positive keys.")
        rows = np.empty((len(terms), self.vector_size), dtype=np.float64)
        used: list[int] = []
        for i, (term, weight) in enumerate(terms):
            if is_key(term):
                index = self.get_index(term)
                used.append(index)
                rows[i] = weight * self.normed_vectors[index]
            else:
                rows[i] = weight * l2_normalize(check_query_vector(term, self.vector_size))
        mean = rows.mean(axis=0)
        norm = np.linalg.norm(mean)
        if not norm > 0:
            raise ValueError(
                "the query vector is zero (the inputs cancel out, or their vectors are "
                "zero); no similarity can be computed."
            )
        return (mean / norm).astype(np.float32), used

    def _restriction(
        self, restrict_to: Any, restrict_vocab: int | None
    ) -> NDArray[np.int64] | None:
        cand = None
        if restrict_to is not None:
            if isinstance(restrict_to, np.ndarray) and restrict_to.dtype == bool:
                if restrict_to.shape != (len(self),):
                    raise ValueError(
                        f"a boolean restrict_to must have shape ({len(self)},), "
                        f"got {restrict_to.shape}."
                    )
                cand = np.flatnonzero(restrict_to)
            else:
                if is_key(restrict_to):
                    restrict_to = [restrict_to]
                cand = np.unique(self._indices_of(restrict_to))
        if restrict_vocab is not None:
            if not is_int(restrict_vocab) or restrict_vocab < 0:
                raise ValueError(f"restrict_vocab must be an int >= 0, got {restrict_vocab!r}.")
            first = np.arange(min(int(restrict_vocab), len(self)))
            cand = first if cand is None else np.intersect1d(cand, first)
        return cand

    def _check_topn(self, topn: Any) -> int | None:
        if topn is None:
            return None
        if not is_int(topn) or topn < 0:
            raise ValueError(f"topn must be an int >= 0 or None, got {topn!r}.")
        return int(topn)

    def _ranked(
        self,
        query: NDArray[np.float32],
        topn: int | None,
        *,
        least: bool,
        banned: list[int],
        restrict_to: Any,
        restrict_vocab: int | None,
        exclude: Any,
    ) -> list[tuple[Any, float]] | NDArray[np.float32]:
        if topn is None:
            return self.normed_vectors @ query
        cand = self._restriction(restrict_to, restrict_vocab)
        if exclude is not None:
            if is_key(exclude):
                exclude = [exclude]
            banned = banned + self._indices_of(exclude).tolist()
        ban = np.unique(np.asarray(banned, dtype=np.int64)) if banned else None
        ids, scores = self._search(query[None, :], topn, least=least, candidates=cand, banned=ban)
        keys = self.index_to_key
        return [
            (keys[i], float(s))
            for i, s in zip(ids[0].tolist(), scores[0].tolist(), strict=True)
            if i >= 0
        ]

    def most_similar(
        self,
        positive: Any = None,
        negative: Any = None,
        topn: int | None = 10,
        *,
        least: bool = False,
        restrict_to: Any = None,
        restrict_vocab: int | None = None,
        exclude: Any = None,
    ) -> list[tuple[Any, float]] | NDArray[np.float32]:
        """Keys most similar to a combination of keys and vectors.

        The query is the normalised mean of the normalised vectors of the
        ``positive`` items minus those of the ``negative`` items (the
        "king - man + woman" arithmetic of word2vec); candidates are ranked
        by cosine similarity to it. Keys given as input never appear in
        the result.

        Long only because of its parameter documentation.

        Parameters
        ----------
        positive : key, vector, (key, weight) pair, or a list of those
            Items that pull the query towards them. Keys are str keys or
            int row indices; vectors are 1-D arrays of length
            ``vector_size``; a weight scales an item's contribution. A
            lone pair outside a list needs a float weight (``("Emma", 2.0)``);
            ``("Emma", 2)`` reads as the two keys ``"Emma"`` and row 2.
        negative : same types as ``positive``, optional
            Items that push the query away (their weights are subtracted).
        topn : int or None, default=10
            Number of results. ``None`` returns the similarity of the query
            to every row (an array of length ``n``, in row order,
            including the input keys and ignoring the restrictions).
        least : bool, default=False
            Return the ``topn`` *least* similar keys, least similar first
            (``find_similar(..., least=True)`` of the original notebook).
        restrict_to : iterable of keys or int indices, or bool mask, optional
            Only these keys may be returned.
        restrict_vocab : int, optional
            Only the first ``restrict_vocab`` rows may be returned (gensim's
            option; rows are usually sorted by decreasing frequency).
        exclude : iterable of keys or int indices, optional
            Keys never returned, in addition to the input keys.

        Returns
        -------
        result : list of (key, float) or ndarray of float32
            ``(key, cosine similarity)`` pairs, best first (least similar
            first when ``least=True``); fewer than ``topn`` when fewer
            candidates remain. An array of all similarities when
            ``topn=None``.

        Raises
        ------
        KeyError
            For an unknown key (the message suggests close matches).
        ValueError
            When no input is given or the inputs cancel out.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> # axes: royal, male, female, person
        >>> vectors = np.array(
        ...     [[1, 1, 0, 0], [1, 0, 1, 0], [0, 1, 0, 1], [0, 0, 1, 1], [0, 0, 0, 1]]
        ... )
        >>> kv = KeyedEmbeddings(vectors, keys=["king", "queen", "man", "woman", "person"])
        >>> [(k, round(s, 3)) for k, s in kv.most_similar(["king", "woman"], ["man"], topn=2)]
        [('queen', 1.0), ('person', 0.0)]
        >>> kv.most_similar("man", topn=None).round(3)
        array([0.5  , 0.   , 1.   , 0.5  , 0.707], dtype=float32)
        """
        topn = self._check_topn(topn)
        query, used = self._combine(positive, negative)
        return self._ranked(
            query,
            topn,
            least=least,
            banned=used,
            restrict_to=restrict_to,
            restrict_vocab=restrict_vocab,
            exclude=exclude,
        )

    def similar_by_key(
        self,
        key: Key,
        topn: int | None = 10,
        *,
        least: bool = False,
        restrict_to: Any = None,
        restrict_vocab: int | None = None,
        exclude: Any = None,
    ) -> list[tuple[Any, float]] | NDArray[np.float32]:
        """Keys most similar to one key (``most_similar(positive=[key])``).

        Parameters
        ----------
        key : str or int
            Key or row index; never part of the result.
        topn : int or None, default=10
            Number of results; None returns the similarity to every row.
        least : bool, default=False
            Return the least similar keys, least similar first.
        restrict_to : iterable of keys or int indices, or bool mask, optional
            Only these keys may be returned.
        restrict_vocab : int, optional
            Only the first ``restrict_vocab`` rows may be returned.
        exclude : iterable of keys or int indices, optional
            Keys never returned, in addition to ``key``.

        Returns
        -------
        result : list of (key, float) or ndarray of float32
            As in :meth:`most_similar`.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]]))
        >>> kv.similar_by_key(0, topn=2)
        [(1, 0.800000011920929), (2, 0.0)]
        """
        if not is_key(key):
            raise TypeError(f"key must be a str key or an int index, got {type(key).__name__}.")
        return self.most_similar(
            positive=[key],
            topn=topn,
            least=least,
            restrict_to=restrict_to,
            restrict_vocab=restrict_vocab,
            exclude=exclude,
        )

    def similar_by_vector(
        self,
        vector: ArrayLike,
        topn: int | None = 10,
        *,
        least: bool = False,
        restrict_to: Any = None,
        restrict_vocab: int | None = None,
        exclude: Any = None,
    ) -> list[tuple[Any, float]] | NDArray[np.float32]:
        """Keys most similar to a vector.

        Parameters
        ----------
        vector : array-like of shape (vector_size,)
            The query; its norm does not matter.
        topn : int or None, default=10
            Number of results; None returns the similarity to every row.
        least : bool, default=False
            Return the least similar keys, least similar first.
        restrict_to : iterable of keys or int indices, or bool mask, optional
            Only these keys may be returned.
        restrict_vocab : int, optional
            Only the first ``restrict_vocab`` rows may be returned.
        exclude : iterable of keys or int indices, optional
            Keys never returned (none by default).

        Returns
        -------
        result : list of (key, float) or ndarray of float32
            As in :meth:`most_similar`.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.eye(3), keys=["a", "b", "c"])
        >>> kv.similar_by_vector([0.0, 2.0, 0.0], topn=1)
        [('b', 1.0)]
        """
        topn = self._check_topn(topn)
        query, _ = self._combine([np.asarray(vector, dtype=np.float64)], None)
        return self._ranked(
            query,
            topn,
            least=least,
            banned=[],
            restrict_to=restrict_to,
            restrict_vocab=restrict_vocab,
            exclude=exclude,
        )

    def batch_most_similar(
        self,
        queries: Any,
        topn: int = 10,
        *,
        least: bool = False,
        filter_keys: Any = None,
        restrict_to: Any = None,
        exclude_self: bool = True,
        exclude: Any = None,
        chunk_size: int | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        """Top-``topn`` rows for many queries at once, as arrays.

        Vectorised: queries are scored in chunks, one matrix product each,
        so thousands of queries cost about as much as one pass over the
        vectors per chunk. Results equal repeated calls to
        :meth:`similar_by_key` / :meth:`similar_by_vector`, as row indices.

        Long only because of its parameter documentation.

        Parameters
        ----------
        queries : sequence of keys / int indices, or array of shape (n_queries, dim)
            Keys (or row indices) of this collection, or query vectors
            (for example book vectors to rank link vectors against).
        topn : int, default=10
            Neighbours per query.
        least : bool, default=False
            Rank the least similar first.
        filter_keys : iterable of keys or int indices, optional
            Deprecated alias of ``exclude`` given keys (a FutureWarning says so);
            its rows are excluded for every query, together with ``exclude``.
        restrict_to : iterable of keys or int indices, or bool mask, optional
            Only these rows may be returned.
        exclude_self : bool, default=True
            When queries are keys, drop each query's own row from its results.
        exclude : iterable of keys or int indices, or sparse matrix of shape (n_queries, n), optional
            Rows never returned. Keys or row indices are excluded for every
            query, as in :meth:`most_similar`. A scipy.sparse matrix gives
            per-query exclusions: a stored entry at ``(i, j)`` keeps row ``j``
            out of the results of query ``i`` (for example the links a book
            already has, when ranking links for books).
        chunk_size : int, optional
            Queries per matrix product (exact search); by default about 16
            million scores per chunk.

        Returns
        -------
        ids : ndarray of int64, shape (n_queries, min(topn, n_candidates))
            Row indices, best first; ``-1`` where a query has fewer
            admissible rows. Map to keys with
            ``np.asarray(kv.index_to_key, dtype=object)[ids]``.
        scores : ndarray of float32, same shape
            Cosine similarities; ``nan`` where ``ids`` is ``-1``.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0]]))
        >>> ids, scores = kv.batch_most_similar([0, 2], topn=1)
        >>> ids
        array([[1],
               [1]])
        >>> scores.round(2)
        array([[0.8],
               [0.6]], dtype=float32)
        >>> kv.batch_most_similar([0, 2], topn=1, exclude=[1])[0]
        array([[2],
               [0]])
        """
        k = self._check_topn(topn)
        if k is None:
            raise ValueError("batch_most_similar needs an int topn; use most_similar(topn=None).")
        if filter_keys is not None:
            warnings.warn(
                "batch_most_similar(filter_keys=) is deprecated and will be removed in 0.3; "
                "use exclude= (it takes the same keys).",
                FutureWarning,
                stacklevel=2,
            )
        q, query_rows = self._batch_queries(queries)
        per_query = exclude if is_sparse(exclude) else None
        banned = [] if per_query is not None else [exclude]
        ban = self._banned_rows([*banned, filter_keys])
        excl = self._per_query_exclusions(per_query, query_rows if exclude_self else None, len(q))
        return self._search(
            q,
            k,
            least=least,
            candidates=self._restriction(restrict_to, None),
            banned=ban,
            exclude=excl,
            chunk_size=chunk_size,
        )

    def _batch_queries(self, queries: Any) -> tuple[NDArray[np.float32], NDArray[np.int64] | None]:
        """Normalised query vectors of ``batch_most_similar``, and their rows for keys."""
        query_rows: NDArray[np.int64] | None = None
        if isinstance(queries, np.ndarray) and queries.ndim == 2:
            vectors = queries
        elif (
            isinstance(queries, (list, tuple))
            and queries
            and not is_key(queries[0])
            and not isinstance(queries[0], (bytes, bytearray))
            and isinstance(queries[0], (Sequence, np.ndarray))
        ):
            vectors = np.asarray(queries)
        else:
            if is_key(queries):
                raise TypeError("queries must be a sequence of keys or a 2-D array of vectors.")
            query_rows = self._indices_of(queries)
            vectors = None
        if vectors is not None:
            arr = np.asarray(vectors, dtype=np.float32)
            if arr.ndim != 2 or arr.shape[1] != self.vector_size:
                raise ValueError(
                    f"query vectors must have shape (n_queries, {self.vector_size}), "
                    f"got {arr.shape}."
                )
            if not np.isfinite(arr).all():
                raise ValueError("query vectors contain NaN or infinite values.")
            q = l2_normalize(arr)
        else:
            assert query_rows is not None
            q = self.normed_vectors[query_rows]
        zero = ~q.any(axis=1)
        if zero.any():
            first = int(np.flatnonzero(zero)[0])
            what = (
                f"the vector of {self.index_to_key[int(query_rows[first])]!r}"
                if query_rows is not None
                else f"query vector {first}"
            )
            raise ValueError(
                f"{what} is zero; no similarity can be computed ({int(zero.sum())} zero "
                "query vector(s) in all). Leave zero vectors out of batch queries."
            )
        return q, query_rows

    def _banned_rows(self, groups: list[Any]) -> NDArray[np.int64] | None:
        """Sorted unique rows of groups of keys / indices (None entries skipped)."""
        rows = []
        for group in groups:
            if group is None:
                continue
            if isinstance(group, np.ndarray) and group.ndim == 2:
                raise TypeError(
                    "exclude as a matrix must be a scipy.sparse matrix (n_queries, n) whose "
                    f"stored entries mark excluded rows, got a dense {type(group).__name__}."
                )
            rows.append(self._indices_of([group] if is_key(group) else group))
        banned = np.unique(np.concatenate(rows)) if rows else None
        return banned if banned is not None and banned.size else None

    def _per_query_exclusions(
        self, exclude: Any, self_rows: NDArray[np.int64] | None, n_queries: int
    ) -> Any:
        """The CSR matrix of per-query exclusions: ``exclude`` plus each query's own row."""
        import scipy.sparse as sp  # only batch queries need it; kept off the import path

        n = len(self)
        excl = None
        if exclude is not None:
            if exclude.shape != (n_queries, n):
                raise ValueError(
                    f"exclude must have shape (n_queries, n) = ({n_queries}, {n}), "
                    f"got {exclude.shape}."
                )
            excl = sp.coo_array(exclude)
        if self_rows is not None:
            rows = np.arange(n_queries)
            cols = self_rows
            if excl is not None:
                rows = np.concatenate([excl.row.astype(np.int64), rows])
                cols = np.concatenate([excl.col.astype(np.int64), self_rows])
            excl = sp.coo_array(
                (np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n_queries, n)
            )
        return None if excl is None else excl.tocsr()
