"""Keyed embeddings: named vectors with gensim-style similarity queries.

:class:`KeyedEmbeddings` maps keys (book titles, wikilinks) to rows of a
matrix and answers cosine-similarity queries over them, with the semantics of
:class:`gensim.models.KeyedVectors` where it makes sense. It depends on numpy
and scipy only; the optional approximate index imports pynndescent lazily.
"""

from __future__ import annotations

import numbers
import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._neighbors import ApproximateIndex, exact_search, l2_normalize
from ._utils import is_int, is_sparse
from ._vocab import MISSING, Vocabulary
from ._vocab import is_key as _is_key

__all__ = ["APPROXIMATE_THRESHOLD", "KeyedEmbeddings"]

#: Above this many vectors, ``index="auto"`` answers top-k queries with the
#: approximate index (see :class:`~skbookembed._neighbors.ApproximateIndex`).
#: Below it an exact query over 50-d vectors takes milliseconds (tens of
#: milliseconds at one million rows, see ``bench/bench_ann.py``), while
#: building the index takes minutes: the index only pays for itself after
#: tens of thousands of queries, so smaller collections stay exact unless
#: ``index="approximate"`` is asked for.
APPROXIMATE_THRESHOLD = 1_000_000

Key: TypeAlias = str | int
IndexMode: TypeAlias = Literal["auto", "exact", "approximate"]

_INDEX_MODES = ("auto", "exact", "approximate")


def _is_vector(value: Any) -> bool:
    return isinstance(value, np.ndarray) and value.ndim == 1


def _as_term_list(value: Any, name: str) -> list[Any]:
    """Wrap a single key or vector in a list, like gensim does."""
    if value is None:
        return []
    if isinstance(value, (bytes, bytearray)):
        raise TypeError(
            f"{name} is bytes ({value!r}); keys are str or int row indices. Decode it first, "
            "for example key.decode('utf-8')."
        )
    if isinstance(value, Mapping):
        # {key: weight}, gensim's (key, weight) pairs written as a dict.
        return [(key, _weight(weight, name)) for key, weight in value.items()]
    if _is_key(value) or _is_vector(value):
        return [value]
    if isinstance(value, np.ndarray):
        if value.ndim == 2:
            return list(value)
        raise ValueError(f"{name} as an array must be 1-D (a vector) or 2-D (vectors).")
    if isinstance(value, tuple) and len(value) == 2 and _is_key(value[0]):
        if isinstance(value[1], numbers.Real) and not is_int(value[1]):
            # A single (key, weight) pair passed without the enclosing list.
            return [value]
    if isinstance(value, Iterable):
        return list(value)
    raise TypeError(
        f"{name} must be a key, an int index, a 1-D vector, a (key, weight) pair or a "
        f"list of those, got {type(value).__name__}."
    )


def _weight(value: Any, name: str) -> float:
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} weights must be numbers, got {type(value).__name__} ({value!r}).")
    weight = float(value)
    if not np.isfinite(weight):
        raise ValueError(f"{name} weights must be finite, got {weight!r}.")
    return weight


class KeyedEmbeddings:
    """Vectors addressed by key, with cosine-similarity queries.

    A light, picklable container in the spirit of gensim's ``KeyedVectors``:
    one row of ``vectors`` per key, lookups by key or by row index, and
    ``most_similar``-style queries ranked by cosine similarity. Top-k
    queries use an exact search (one matrix product) or, for large
    collections, an approximate nearest-neighbour index built on first use.

    Parameters
    ----------
    vectors : array-like of shape (n, dim)
        One vector per key. Stored as ``float32``, without a copy when it
        already is a C-ordered ``float32`` array. Treat it as read-only
        once wrapped: cached normalised vectors and indexes are not
        refreshed after in-place changes (assign a new array to
        :attr:`vectors` instead, which resets them).
    keys : sequence of str, optional
        One unique ``str`` key per row. When omitted, the keys are the
        integer row indices ``0 .. n-1``.
    index : {"auto", "exact", "approximate"}, default="auto"
        How top-k queries are answered. ``"exact"`` scores every vector;
        ``"approximate"`` queries a pynndescent graph index (needs the
        ``umap-learn`` or ``pynndescent`` package), built lazily on the
        first query; ``"auto"`` is approximate when there are more than
        :data:`APPROXIMATE_THRESHOLD` (1,000,000) vectors, exact otherwise.
        Ask for ``"approximate"`` explicitly (and call :meth:`build_index`)
        for large batch workloads, such as neighbours of every row of a
        collection of 100,000 rows or more.
        Full score vectors (``topn=None``), pairwise similarities and
        queries restricted with ``restrict_to`` are always exact.
    index_params : dict, optional
        Keyword arguments for
        :class:`~skbookembed._neighbors.ApproximateIndex` (for example
        ``n_neighbors``, ``epsilon``, ``random_state``, ``n_jobs``).

    Attributes
    ----------
    vectors : ndarray of float32, shape (n, dim)
        The vectors as given.
    normed_vectors : ndarray of float32, shape (n, dim)
        L2-normalised rows (zero rows stay zero), computed once, on first use.
    index_to_key : list
        Key of each row (str, or int when ``keys`` is None).
    key_to_index : dict
        Row index of each key.
    vector_size : int
        Dimensionality of the vectors.

    See Also
    --------
    gensim.models.KeyedVectors : The interface this class follows.

    Notes
    -----
    Anywhere a key is expected, an ``int`` is read as a row index (when
    ``keys`` is None the keys *are* the row indices, and a string of decimal
    digits such as ``"3"`` reads as one too). String lookups try the exact
    key first, then a case-insensitive match when exactly one key matches;
    otherwise a :class:`KeyError` lists close matches. Keys must be ``str``:
    bytes, None, NaN and numbers are refused (see
    :func:`skbookembed._vocab.check_names`), and keys are kept exactly as
    given (a trailing NUL is part of the key). ``positive`` / ``negative``
    may also be a dict ``{key: weight}``.

    Differences from gensim: vectors passed to :meth:`most_similar` are
    normalised like the vectors of keys (gensim uses them as given); weights
    of ``(key, weight)`` pairs in ``negative`` are subtracted (gensim adds
    them as given); unknown keys raise instead of being skipped.

    The object pickles as its arrays, keys and settings only; caches and
    the approximate index are rebuilt on demand after unpickling.

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed import KeyedEmbeddings
    >>> vectors = np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0], [-1.0, 0.0]])
    >>> kv = KeyedEmbeddings(vectors, keys=["Dune", "Hyperion", "Emma", "Persuasion"])
    >>> [(key, round(score, 3)) for key, score in kv.most_similar("Dune", topn=2)]
    [('Hyperion', 0.994), ('Emma', 0.0)]
    >>> kv.most_similar("dune", topn=1, least=True)
    [('Persuasion', -1.0)]
    >>> kv["Emma"]
    array([0., 1.], dtype=float32)
    >>> len(kv), "Emma" in kv, kv.vector_size
    (4, True, 2)
    """

    _vectors: NDArray[np.float32]
    _normed: NDArray[np.float32] | None
    _vocab: Vocabulary
    _ann: ApproximateIndex | None

    def __init__(
        self,
        vectors: ArrayLike,
        keys: Sequence[str] | None = None,
        *,
        index: IndexMode = "auto",
        index_params: dict[str, Any] | None = None,
    ) -> None:
        self._build_lock = threading.Lock()
        self.vectors = vectors  # validated by the property setter
        self._vocab = Vocabulary(keys, len(self._vectors))
        self._index_mode: str = "auto"
        self._index_params: dict[str, Any] = {}
        self._ann = None
        self.set_index(index, **(index_params or {}))

    @classmethod
    def load(
        cls, path: str | os.PathLike[str], *, table: Literal["books", "links"] = "books"
    ) -> KeyedEmbeddings:
        """One table of a model saved by :meth:`PairEmbeddingRecommender.save`, for queries.

        Reads only the arrays, with numpy: neither TensorFlow nor scikit-learn is imported,
        so a process that serves queries starts quickly. Load the whole estimator with
        :func:`skbookembed.load` to transform or refit.

        Parameters
        ----------
        path : str or path-like
            File written by :meth:`PairEmbeddingRecommender.save`.
        table : {"books", "links"}, default="books"
            Which vectors to load, keyed by the names given to ``fit`` (row indices when
            there were none).

        Returns
        -------
        KeyedEmbeddings
            The same vectors and keys as the estimator's ``books_`` or ``links_``.

        Raises
        ------
        ValueError
            When the file is not a model file, is damaged, or ``table`` is unknown.

        Examples
        --------
        >>> import os, tempfile
        >>> import numpy as np
        >>> import scipy.sparse as sp
        >>> from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender
        >>> X = sp.csr_matrix(np.kron(np.eye(2), np.ones((3, 4))))
        >>> est = PairEmbeddingRecommender(embedding_dim=4, epochs=2, random_state=0)
        >>> est = est.fit(X, book_names=["a1", "a2", "a3", "b1", "b2", "b3"])
        >>> path = os.path.join(tempfile.mkdtemp(), "model.npz")
        >>> est.save(path)
        >>> books = KeyedEmbeddings.load(path)
        >>> books.index_to_key[:3], np.array_equal(books.vectors, est.book_embeddings_)
        (['a1', 'a2', 'a3'], True)
        """
        from . import _persistence

        if table not in ("books", "links"):
            raise ValueError(f"table must be 'books' or 'links', got {table!r}.")
        _, arrays = _persistence.read(path)
        kind = table[:-1]
        names = arrays[f"{kind}_names"]
        return cls(arrays[f"{kind}_embeddings"], keys=None if names is None else names.tolist())

    # ------------------------------------------------------------------
    # construction helpers, pickling
    # ------------------------------------------------------------------
    @staticmethod
    def _validate_vectors(vectors: ArrayLike) -> NDArray[np.float32]:
        if is_sparse(vectors):
            raise TypeError("vectors must be a dense array, got a sparse matrix.")
        arr = np.ascontiguousarray(vectors, dtype=np.float32)
        if arr.ndim != 2:
            raise ValueError(f"vectors must be a 2-D array (n, dim), got shape {arr.shape}.")
        if not np.isfinite(arr).all():
            raise ValueError("vectors contain NaN or infinite values.")
        return arr

    def __getstate__(self) -> dict[str, Any]:
        return {
            "vectors": self._vectors,
            "keys": self._vocab.keys,
            "index": self._index_mode,
            "index_params": dict(self._index_params),
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._vectors = state["vectors"]
        self._normed = None
        self._vocab = Vocabulary(state["keys"], len(self._vectors))
        self._build_lock = threading.Lock()
        self._index_mode = state["index"]
        self._index_params = dict(state["index_params"])
        self._ann = None

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(n={len(self)}, vector_size={self.vector_size}, "
            f"index={self._index_mode!r})"
        )

    # ------------------------------------------------------------------
    # basic attributes
    # ------------------------------------------------------------------
    @property
    def vectors(self) -> NDArray[np.float32]:
        """The vectors, ``float32`` of shape ``(n, dim)``."""
        return self._vectors

    @vectors.setter
    def vectors(self, value: ArrayLike) -> None:
        arr = self._validate_vectors(value)
        vocab = getattr(self, "_vocab", None)
        keys = None if vocab is None else vocab.keys
        if keys is not None and len(keys) != len(arr):
            raise ValueError(f"got {len(arr)} vectors for {len(keys)} keys.")
        self._vectors = arr
        self._normed = None
        self._ann = None
        if vocab is not None and keys is None:
            self._vocab = Vocabulary(None, len(arr))

    @property
    def normed_vectors(self) -> NDArray[np.float32]:
        """L2-normalised vectors (zero rows stay zero), computed on first use."""
        if self._normed is None:
            self._normed = l2_normalize(self._vectors)
        return self._normed

    @property
    def vector_size(self) -> int:
        """Dimensionality of the vectors."""
        return int(self._vectors.shape[1])

    @property
    def index_to_key(self) -> list[Any]:
        """Key of each row: the given str keys, or ``[0, 1, ..., n-1]``."""
        return self._vocab.index_to_key

    @property
    def key_to_index(self) -> dict[Any, int]:
        """Row index of each key."""
        return self._vocab.key_to_index

    @property
    def _keys(self) -> list[str] | None:
        """The str keys, or None when rows are addressed by index only."""
        return self._vocab.keys

    def __len__(self) -> int:
        return int(self._vectors.shape[0])

    def __iter__(self) -> Iterator[Any]:
        """Iterate over the keys, in row order."""
        return iter(self.index_to_key)

    def __contains__(self, key: Any) -> bool:
        return self.has_index_for(key)

    def __getitem__(self, key_or_keys: Any) -> NDArray[np.float32]:
        """Vector of one key, or a 2-D array of the vectors of several keys."""
        if _is_key(key_or_keys) or isinstance(key_or_keys, (bytes, bytearray)):
            return self._vectors[self.get_index(key_or_keys)]
        if isinstance(key_or_keys, Iterable):
            return self._vectors[self._indices_of(key_or_keys)]
        raise TypeError(
            f"index with a key, an int or a list of keys, got {type(key_or_keys).__name__}."
        )

    # ------------------------------------------------------------------
    # key lookup
    # ------------------------------------------------------------------
    def get_index(self, key: Key, default: Any = MISSING) -> int:
        """Row index of a key.

        Parameters
        ----------
        key : str or int
            A key, or a row index (an int is always read as a row index).
            A string that is not a key matches a key case-insensitively
            when exactly one key matches. Without keys, a string of decimal
            digits (``"3"``) is read as a row index too. Bytes are refused.
        default : object, optional
            Returned when the key is unknown, instead of raising.

        Returns
        -------
        index : int
            Row of ``key`` in :attr:`vectors`, or ``default`` for an unknown key.

        Raises
        ------
        KeyError
            When the key is unknown and no ``default`` is given; the message
            lists keys that start with it, contain its words or are spelled
            alike, or says that no key is close.
        TypeError
            When ``key`` is neither a str nor an int (bytes included) and no
            ``default`` is given.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.eye(3), keys=["Emma", "Dune", "Ulysses"])
        >>> kv.get_index("Dune"), kv.get_index("ULYSSES"), kv.get_index(0)
        (1, 2, 0)
        >>> kv.get_index("Dunes")
        Traceback (most recent call last):
        ...
        KeyError: "'Dunes' is not a known key. Did you mean: 'Dune'?"
        """
        return self._vocab.get_index(key, default)

    def has_index_for(self, key: Any) -> bool:
        """Whether :meth:`get_index` resolves ``key`` (key, case variant or row index).

        Parameters
        ----------
        key : object
            A key, a case variant of a key, or an int row index. Anything else
            (a vector, a list) gives False.

        Returns
        -------
        bool
            True when ``key`` can be looked up.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.eye(2), keys=["Emma", "Dune"])
        >>> kv.has_index_for("emma"), kv.has_index_for("Ulysses"), kv.has_index_for(5)
        (True, False, False)
        """
        if not _is_key(key):
            return False
        return self.get_index(key, default=-1) >= 0

    def _indices_of(self, keys: Any) -> NDArray[np.int64]:
        return self._vocab.indices_of(keys)

    def get_vector(self, key: Key, norm: bool = False) -> NDArray[np.float32]:
        """Vector of one key.

        Parameters
        ----------
        key : str or int
            Key or row index.
        norm : bool, default=False
            Return the L2-normalised vector.

        Returns
        -------
        vector : ndarray of float32, shape (vector_size,)
            A view of the stored row (of :attr:`normed_vectors` when ``norm``);
            copy it before modifying it.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[3.0, 4.0]], keys=["Emma"])
        >>> kv.get_vector("Emma"), kv.get_vector("Emma", norm=True)
        (array([3., 4.], dtype=float32), array([0.6, 0.8], dtype=float32))
        """
        index = self.get_index(key)
        return self.normed_vectors[index] if norm else self._vectors[index]

    def get_mean_vector(
        self,
        keys: Any,
        weights: ArrayLike | None = None,
        *,
        pre_normalize: bool = True,
        post_normalize: bool = False,
    ) -> NDArray[np.float32]:
        """Weighted mean of the vectors of keys (or of given vectors).

        Parameters
        ----------
        keys : key, vector, list of keys / vectors, or dict
            Items to average; vectors are used as given. A dict
            ``{key: weight}`` gives the keys and their weights.
        weights : array-like of float, optional
            One weight per item (default: all ones).
        pre_normalize : bool, default=True
            Normalise the key vectors before averaging.
        post_normalize : bool, default=False
            Normalise the mean.

        Returns
        -------
        mean : ndarray of float32, shape (vector_size,)
            The sum of the weighted items divided by their number.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[2.0, 0.0], [0.0, 4.0]], keys=["a", "b"])
        >>> kv.get_mean_vector(["a", "b"])
        array([0.5, 0.5], dtype=float32)
        """
        if isinstance(keys, Mapping):
            if weights is not None:
                raise ValueError("pass weights either in a {key: weight} dict or as weights=.")
            keys, weights = list(keys), [_weight(w, "keys") for w in keys.values()]
        items = _as_term_list(keys, "keys")
        if not items:
            raise ValueError("get_mean_vector needs at least one key or vector.")
        w = np.ones(len(items)) if weights is None else np.asarray(weights, dtype=np.float64)
        if w.shape != (len(items),):
            raise ValueError(f"weights must have shape ({len(items)},), got {w.shape}.")
        rows = np.empty((len(items), self.vector_size), dtype=np.float64)
        for i, item in enumerate(items):
            if _is_key(item):
                rows[i] = self.get_vector(item, norm=pre_normalize)
            else:
                rows[i] = self._check_query_vector(item)
        mean = (rows * w[:, None]).sum(axis=0) / len(items)
        if post_normalize:
            mean = l2_normalize(mean)
        return mean.astype(np.float32)

    # ------------------------------------------------------------------
    # index selection
    # ------------------------------------------------------------------
    @property
    def index(self) -> str:
        """Requested search mode: ``"auto"``, ``"exact"`` or ``"approximate"``."""
        return self._index_mode

    @property
    def uses_approximate_index(self) -> bool:
        """Whether top-k queries currently go through the approximate index."""
        if self._index_mode == "approximate":
            return True
        return self._index_mode == "auto" and len(self) > APPROXIMATE_THRESHOLD

    def set_index(self, index: IndexMode = "auto", **params: Any) -> KeyedEmbeddings:
        """Choose how top-k queries are answered.

        Parameters
        ----------
        index : {"auto", "exact", "approximate"}, default="auto"
            See the class parameters.
        **params
            Keyword arguments for
            :class:`~skbookembed._neighbors.ApproximateIndex`; they replace
            earlier ones. Any built index is discarded.

        Returns
        -------
        self : KeyedEmbeddings
            This object, for chaining.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.eye(3)).set_index("exact")
        >>> kv.index, kv.uses_approximate_index
        ('exact', False)
        """
        if index not in _INDEX_MODES:
            raise ValueError(f"index must be one of {_INDEX_MODES}, got {index!r}.")
        ApproximateIndex(**params)  # validate the parameters now, build nothing
        self._index_mode = index
        self._index_params = dict(params)
        self._ann = None
        return self

    def build_index(self) -> KeyedEmbeddings:
        """Build the approximate index now instead of on the first query.

        Building compiles pynndescent's code on first use in a process and then
        indexes :attr:`normed_vectors`; doing it ahead of time keeps that cost
        out of the first query. Nothing is rebuilt when an index exists, and
        threads that ask at the same time wait for one build.

        Returns
        -------
        self : KeyedEmbeddings
            This object, for chaining.
        """
        if self._ann is None:
            with self._build_lock:  # threads making the first query build it once
                if self._ann is None:
                    index = ApproximateIndex(**self._index_params).fit(self.normed_vectors)
                    self._ann = index
        return self

    def _search(
        self,
        queries: NDArray[np.float32],
        k: int,
        *,
        least: bool = False,
        candidates: NDArray[np.int64] | None = None,
        banned: NDArray[np.int64] | None = None,
        exclude: Any = None,
        chunk_size: int | None = None,
    ) -> tuple[NDArray[np.int64], NDArray[np.float32]]:
        if self.uses_approximate_index and candidates is None and len(self) > 2:
            ann = self.build_index()._ann
            assert ann is not None
            return ann.query(queries, k, least=least, banned=banned, exclude=exclude)
        return exact_search(
            queries,
            self.normed_vectors,
            k,
            least=least,
            candidates=candidates,
            banned=banned,
            exclude=exclude,
            chunk_size=chunk_size,
        )

    # ------------------------------------------------------------------
    # queries
    # ------------------------------------------------------------------
    def _check_query_vector(self, vector: Any) -> NDArray[np.float64]:
        if isinstance(vector, (bytes, bytearray)):
            raise TypeError(
                f"keys are str or int row indices, got bytes ({vector!r}); decode it first, "
                "for example key.decode('utf-8')."
            )
        arr = np.asarray(vector, dtype=np.float64)
        if arr.shape != (self.vector_size,):
            raise ValueError(
                f"query vectors must have shape ({self.vector_size},), got {arr.shape}."
            )
        if not np.isfinite(arr).all():
            raise ValueError("query vector contains NaN or infinite values.")
        return arr

    def _combine(self, positive: Any, negative: Any) -> tuple[NDArray[np.float32], list[int]]:
        """Normalised weighted mean of the query terms, and the rows of key terms."""
        terms: list[tuple[Any, float]] = []
        for items, sign, name in ((positive, 1.0, "positive"), (negative, -1.0, "negative")):
            for item in _as_term_list(items, name):
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
            if _is_key(term):
                index = self.get_index(term)
                used.append(index)
                rows[i] = weight * self.normed_vectors[index]
            else:
                rows[i] = weight * l2_normalize(self._check_query_vector(term))
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
                if _is_key(restrict_to):
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
            if _is_key(exclude):
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
        if not _is_key(key):
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
            Rows never returned.
        restrict_to : iterable of keys or int indices, or bool mask, optional
            Only these rows may be returned.
        exclude_self : bool, default=True
            When queries are keys, drop each query's own row from its results.
        exclude : sparse matrix of shape (n_queries, n), optional
            Per-query exclusions: a stored entry at ``(i, j)`` keeps row
            ``j`` out of the results of query ``i`` (for example the links a
            book already has, when ranking links for books).
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
        """
        k = self._check_topn(topn)
        if k is None:
            raise ValueError("batch_most_similar needs an int topn; use most_similar(topn=None).")
        n = len(self)
        query_rows: NDArray[np.int64] | None = None
        if isinstance(queries, np.ndarray) and queries.ndim == 2:
            vectors = queries
        elif (
            isinstance(queries, (list, tuple))
            and queries
            and not _is_key(queries[0])
            and not isinstance(queries[0], (bytes, bytearray))
            and isinstance(queries[0], (Sequence, np.ndarray))
        ):
            vectors = np.asarray(queries)
        else:
            if _is_key(queries):
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
        n_queries = q.shape[0]

        cand = self._restriction(restrict_to, None)
        ban = None
        if filter_keys is not None:
            if _is_key(filter_keys):
                filter_keys = [filter_keys]
            ban = np.unique(self._indices_of(filter_keys))
        import scipy.sparse as sp  # only batch queries need it; kept off the import path

        excl = None
        if exclude is not None:
            if not is_sparse(exclude):
                raise TypeError(
                    "exclude must be a scipy.sparse matrix (n_queries, n) whose stored "
                    f"entries mark excluded rows, got {type(exclude).__name__}."
                )
            if exclude.shape != (n_queries, n):
                raise ValueError(
                    f"exclude must have shape (n_queries, n) = ({n_queries}, {n}), "
                    f"got {exclude.shape}."
                )
            excl = sp.coo_array(exclude)
        if exclude_self and query_rows is not None:
            rows = np.arange(n_queries)
            if excl is not None:
                rows = np.concatenate([excl.row.astype(np.int64), rows])
                cols = np.concatenate([excl.col.astype(np.int64), query_rows])
            else:
                cols = query_rows
            excl = sp.coo_array(
                (np.ones(len(rows), dtype=np.int8), (rows, cols)), shape=(n_queries, n)
            )
        if excl is not None:
            excl = excl.tocsr()
        return self._search(
            q,
            k,
            least=least,
            candidates=cand,
            banned=ban,
            exclude=excl,
            chunk_size=chunk_size,
        )

    def similarity(self, key1: Key, key2: Key) -> float:
        """Cosine similarity of two keys.

        Parameters
        ----------
        key1, key2 : str or int
            Keys or row indices.

        Returns
        -------
        float
            The cosine of the two vectors, in [-1, 1] (0.0 when one is zero).

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [1.0, 1.0]], keys=["a", "b"])
        >>> round(kv.similarity("a", "b"), 4)
        0.7071
        """
        return float(self.get_vector(key1, norm=True) @ self.get_vector(key2, norm=True))

    def n_similarity(self, keys1: Iterable[Key], keys2: Iterable[Key]) -> float:
        """Cosine similarity of the mean normalised vectors of two sets of keys.

        Parameters
        ----------
        keys1, keys2 : iterable of str or int
            Keys or row indices; at least one on each side.

        Returns
        -------
        float
            The cosine of the two mean vectors.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.eye(3), keys=["a", "b", "c"])
        >>> round(kv.n_similarity(["a", "b"], ["a"]), 4)
        0.7071
        """
        k1, k2 = list(keys1), list(keys2)
        if not k1 or not k2:
            raise ValueError("n_similarity needs at least one key on each side.")
        m1 = l2_normalize(self.normed_vectors[self._indices_of(k1)].mean(axis=0))
        m2 = l2_normalize(self.normed_vectors[self._indices_of(k2)].mean(axis=0))
        return float(m1 @ m2)

    def distances(
        self, key_or_vector: Key | ArrayLike, other_keys: Iterable[Key] = ()
    ) -> NDArray[np.float32]:
        """Cosine distances (``1 - similarity``) from a key or vector to other keys.

        Parameters
        ----------
        key_or_vector : str, int or array-like of shape (vector_size,)
            A key, a row index or a query vector.
        other_keys : iterable of keys, optional
            Keys to measure; all rows when empty.

        Returns
        -------
        distances : ndarray of float32
            One distance per key of ``other_keys`` (per row when empty), in
            [0, 2].

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.eye(2), keys=["a", "b"])
        >>> kv.distances("a")
        array([0., 1.], dtype=float32)
        """
        if _is_key(key_or_vector):
            q = self.get_vector(key_or_vector, norm=True)  # type: ignore[arg-type]
        else:
            q = l2_normalize(self._check_query_vector(key_or_vector))
        others = list(other_keys)
        vectors = self.normed_vectors[self._indices_of(others)] if others else self.normed_vectors
        return (1.0 - vectors @ q).astype(np.float32)

    def distance(self, key1: Key, key2: Key) -> float:
        """Cosine distance ``1 - similarity(key1, key2)``.

        Parameters
        ----------
        key1, key2 : str or int
            Keys or row indices.

        Returns
        -------
        float
            The distance, in [0, 2].

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> KeyedEmbeddings(np.eye(2), keys=["a", "b"]).distance("a", "b")
        1.0
        """
        return 1.0 - self.similarity(key1, key2)

    def closer_than(self, key1: Key, key2: Key) -> list[Any]:
        """Keys closer to ``key1`` than ``key2`` is (``key1`` excluded).

        Parameters
        ----------
        key1, key2 : str or int
            Keys or row indices.

        Returns
        -------
        list
            The keys (str, or int row indices) more similar to ``key1`` than
            ``key2``, in row order.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.9, 0.1], [0.5, 0.5], [0.0, 1.0]],
        ...                      keys=["a", "b", "c", "d"])
        >>> kv.closer_than("a", "c")
        ['b']
        """
        i1, i2 = self.get_index(key1), self.get_index(key2)
        scores = self.normed_vectors @ self.normed_vectors[i1]
        closer = np.flatnonzero(scores > scores[i2])
        keys = self.index_to_key
        return [keys[i] for i in closer.tolist() if i != i1]

    def rank(self, key1: Key, key2: Key) -> int:
        """Rank of ``key2`` among the neighbours of ``key1`` (1 = closest).

        Parameters
        ----------
        key1, key2 : str or int
            Keys or row indices.

        Returns
        -------
        int
            One plus the number of keys closer to ``key1`` than ``key2`` is.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.9, 0.1], [0.5, 0.5], [0.0, 1.0]],
        ...                      keys=["a", "b", "c", "d"])
        >>> kv.rank("a", "b"), kv.rank("a", "d")
        (1, 3)
        """
        return len(self.closer_than(key1, key2)) + 1

    def doesnt_match(self, keys: Iterable[Key]) -> Any:
        """The key least similar to the mean of the given keys.

        Parameters
        ----------
        keys : iterable of str or int
            At least two keys or row indices.

        Returns
        -------
        str or int
            The odd one out, as it was given.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.1], [1.0, 0.0], [0.9, 0.2], [0.0, 1.0]],
        ...                      keys=["Emma", "Persuasion", "Sanditon", "Dune"])
        >>> kv.doesnt_match(["Emma", "Persuasion", "Dune", "Sanditon"])
        'Dune'
        """
        items = list(keys)
        if len(items) < 2:
            raise ValueError("doesnt_match needs at least two keys.")
        rows = self._indices_of(items)
        vectors = self.normed_vectors[rows]
        mean = l2_normalize(vectors.mean(axis=0))
        return items[int(np.argmin(vectors @ mean))]

    def most_similar_to_given(self, key1: Key, keys_list: Iterable[Key]) -> Any:
        """The key of ``keys_list`` most similar to ``key1``.

        Parameters
        ----------
        key1 : str or int
            Key or row index.
        keys_list : iterable of str or int
            Candidates; at least one.

        Returns
        -------
        str or int
            The closest candidate, as it was given.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]], keys=["a", "b", "c"])
        >>> kv.most_similar_to_given("a", ["c", "b"])
        'b'
        """
        items = list(keys_list)
        if not items:
            raise ValueError("keys_list must contain at least one key.")
        scores = self.normed_vectors[self._indices_of(items)] @ self.get_vector(key1, norm=True)
        return items[int(np.argmax(scores))]

    # ------------------------------------------------------------------
    # gensim
    # ------------------------------------------------------------------
    def to_gensim(self) -> Any:
        """These vectors as a :class:`gensim.models.KeyedVectors`.

        The keys (or the row indices, when there are none) and a copy of
        :attr:`vectors` go into a new ``KeyedVectors``, so gensim's tools (its
        evaluation helpers, similarity indexes, word2vec-format I/O) work on
        them directly: its ``most_similar`` returns the same keys, with the
        same cosine similarities up to float32 rounding. Needs gensim, an
        optional extra: ``pip install "skbookembed[gensim]"``.

        Returns
        -------
        gensim.models.KeyedVectors
            ``index_to_key`` equal to :attr:`index_to_key` and ``vectors``
            equal to :attr:`vectors`.

        Raises
        ------
        ImportError
            If gensim is not installed.

        See Also
        --------
        from_gensim : The way back.

        Notes
        -----
        gensim looks keys up exactly (no case-insensitive fallback), and it
        normalises a zero vector (such as the vector of a book without links)
        to NaN, where this class keeps it at zero.

        Examples
        --------
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]], keys=["a", "b", "c"])
        >>> gensim_kv = kv.to_gensim()
        >>> type(gensim_kv).__name__, gensim_kv.index_to_key
        ('KeyedVectors', ['a', 'b', 'c'])
        >>> gensim_kv.most_similar("a", topn=1)[0][0] == kv.most_similar("a", topn=1)[0][0]
        True
        """
        from ._gensim import to_keyed_vectors

        return to_keyed_vectors(self._vectors, self.index_to_key)

    @classmethod
    def from_gensim(
        cls,
        kv: Any,
        *,
        index: IndexMode = "auto",
        index_params: dict[str, Any] | None = None,
    ) -> KeyedEmbeddings:
        """Read the vectors and keys of a :class:`gensim.models.KeyedVectors`.

        Parameters
        ----------
        kv : gensim.models.KeyedVectors
            For example ``Word2Vec(...).wv`` or ``KeyedVectors.load_word2vec_format(...)``.
            Its keys must be str, or the integer row indices ``0 .. n-1`` in
            order (they become the integer keys of this class). The vectors
            are copied as float32.
        index : {"auto", "exact", "approximate"}, default="auto"
            As in :class:`KeyedEmbeddings`.
        index_params : dict, optional
            As in :class:`KeyedEmbeddings`.

        Returns
        -------
        KeyedEmbeddings
            The same keys and vectors.

        Raises
        ------
        ImportError
            If gensim is not installed.
        TypeError
            If ``kv`` is not a ``KeyedVectors`` (a gensim model is pointed to
            its ``wv``), or its keys are neither str nor row indices.

        See Also
        --------
        to_gensim : The way there.

        Examples
        --------
        >>> import numpy as np
        >>> from gensim.models import KeyedVectors
        >>> from skbookembed import KeyedEmbeddings
        >>> gensim_kv = KeyedVectors(vector_size=2)
        >>> gensim_kv.add_vectors(["dune", "emma"], np.array([[1.0, 0.0], [0.0, 1.0]]))
        >>> kv = KeyedEmbeddings.from_gensim(gensim_kv)
        >>> kv.index_to_key, kv["Emma"]
        (['dune', 'emma'], array([0., 1.], dtype=float32))
        """
        from ._gensim import from_keyed_vectors

        vectors, keys = from_keyed_vectors(kv)
        return cls(vectors, keys=keys, index=index, index_params=index_params)
