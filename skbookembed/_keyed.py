"""Keyed embeddings: named vectors with gensim-style similarity queries.

:class:`KeyedEmbeddings` maps keys (book titles, wikilinks) to rows of a
matrix and answers cosine-similarity queries over them, with the semantics of
:class:`gensim.models.KeyedVectors` where it makes sense. It depends on numpy
and scipy only; the optional approximate index imports pynndescent lazily.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._gensim import GensimMixin
from ._neighbors import ApproximateIndex, ExactSearcher, LazySearcher, l2_normalize
from ._queries import QueryMixin
from ._similarity import SimilarityMixin
from ._terms import IndexMode, Key, as_term_list, check_query_vector, term_weight
from ._utils import is_sparse
from ._vocab import MISSING, Vocabulary, is_key

__all__ = ["APPROXIMATE_THRESHOLD", "KeyedEmbeddings"]

#: Above this many vectors, ``index="auto"`` answers top-k queries with the
#: approximate index (see :class:`~skbookembed._neighbors.ApproximateIndex`).
#: Below it an exact query over 50-d vectors takes milliseconds (tens of
#: milliseconds at one million rows, see ``bench/bench_ann.py``), while
#: building the index takes minutes: the index only pays for itself after
#: tens of thousands of queries, so smaller collections stay exact unless
#: ``index="approximate"`` is asked for.
APPROXIMATE_THRESHOLD = 1_000_000

_INDEX_MODES = ("auto", "exact", "approximate")


class KeyedEmbeddings(QueryMixin, SimilarityMixin, GensimMixin):
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
    name : str, optional
        What the rows are, such as ``"books"`` or ``"links"``: shown in the
        repr and in the titles of plots. The tables of a fitted estimator
        (``books_``, ``links_``) and those read by :meth:`load` are named
        after their table.

    Attributes
    ----------
    name : str or None
        The collection's name, as given.
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
    _exact: LazySearcher
    _ann: LazySearcher
    _searcher: LazySearcher

    def __init__(
        self,
        vectors: ArrayLike,
        keys: Sequence[str] | None = None,
        *,
        index: IndexMode = "auto",
        index_params: dict[str, Any] | None = None,
        name: str | None = None,
    ) -> None:
        if name is not None and not isinstance(name, str):
            raise TypeError(f"name must be a str or None, got {type(name).__name__}.")
        self.name = name
        self._build_lock = threading.Lock()
        self.vectors = vectors  # validated by the property setter
        self._vocab = Vocabulary(keys, len(self._vectors))
        self._index_mode: str = "auto"
        self._index_params: dict[str, Any] = {}
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
            The same vectors and keys as the estimator's ``books_`` or ``links_``,
            named ``table``.

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
        from ._persistence import read_table

        vectors, keys = read_table(path, table)
        return cls(vectors, keys=keys, name=table)

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
            "name": self.name,
        }

    def __setstate__(self, state: dict[str, Any]) -> None:
        self._vectors = state["vectors"]
        self._normed = None
        self._vocab = Vocabulary(state["keys"], len(self._vectors))
        self._build_lock = threading.Lock()
        self._index_mode = state["index"]
        self._index_params = dict(state["index_params"])
        self.name = state.get("name")  # pickles from before names have none
        self._choose_searcher()

    def __repr__(self) -> str:
        named = "" if self.name is None else f", name={self.name!r}"
        return (
            f"{type(self).__name__}(n={len(self)}, vector_size={self.vector_size}, "
            f"index={self._index_mode!r}{named})"
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
        if vocab is not None and keys is None:
            self._vocab = Vocabulary(None, len(arr))
        if hasattr(self, "_index_mode"):  # new vectors: the mode is resolved again
            self._choose_searcher()

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
        if is_key(key_or_keys) or isinstance(key_or_keys, (bytes, bytearray)):
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
        if not is_key(key):
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
            keys, weights = list(keys), [term_weight(w, "keys") for w in keys.values()]
        items = as_term_list(keys, "keys")
        if not items:
            raise ValueError("get_mean_vector needs at least one key or vector.")
        w = np.ones(len(items)) if weights is None else np.asarray(weights, dtype=np.float64)
        if w.shape != (len(items),):
            raise ValueError(f"weights must have shape ({len(items)},), got {w.shape}.")
        rows = np.empty((len(items), self.vector_size), dtype=np.float64)
        for i, item in enumerate(items):
            if is_key(item):
                rows[i] = self.get_vector(item, norm=pre_normalize)
            else:
                rows[i] = check_query_vector(item, self.vector_size)
        mean = (rows * w[:, None]).sum(axis=0) / len(items)
        if post_normalize:
            mean = l2_normalize(mean)
        return mean.astype(np.float32)

    def smoothed(self, X: Any, strength: float = 0.5) -> KeyedEmbeddings:
        """A copy whose vectors are moved towards those of the rows that share their links.

        Row ``i`` becomes the unit vector of ``u_i + strength * m_i``: ``u_i`` is its
        unit vector and ``m_i`` the mean unit vector of the other rows that share a link
        with it, each weighted by the cosine similarity of the two rows of ``X``. Rows
        without such neighbours, and zero vectors, keep their unit vector. Neighbours
        then share broad traits (a genre) more often and narrow ones (an author) less
        often; the user guide's "Choosing settings" measures both. Use the copy for
        book-to-book queries; pair scores belong to the fitted tables.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n, n_links)
            Non-negative link weights of each row, in row order: the matrix the
            vectors were fitted on.
        strength : float, default=0.5
            Weight of the neighbours' mean, ``>= 0``; 0 only normalises the rows.

        Returns
        -------
        KeyedEmbeddings
            Unit vectors with the same keys, name and index settings.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], keys=["a", "b", "c"])
        >>> X = np.array([[1, 1, 0], [0, 1, 1], [0, 0, 0]])  # a and b share a link
        >>> kv.smoothed(X, strength=1.0).vectors.round(3)
        array([[0.707, 0.707],
               [0.707, 0.707],
               [0.707, 0.707]], dtype=float32)
        """
        from ._smoothing import smooth_over_links

        out = KeyedEmbeddings(
            smooth_over_links(self._vectors, X, strength), keys=self._keys, name=self.name
        )
        return out.set_index(self._index_mode, **self._index_params)

    # ------------------------------------------------------------------
    # index selection
    # ------------------------------------------------------------------
    @property
    def index(self) -> str:
        """Requested search mode: ``"auto"``, ``"exact"`` or ``"approximate"``."""
        return self._index_mode

    @property
    def uses_approximate_index(self) -> bool:
        """Whether top-k queries currently go through the approximate index.

        Decided when the mode is set and when new :attr:`vectors` are assigned:
        ``"auto"`` compares the number of vectors with :data:`APPROXIMATE_THRESHOLD`
        then.
        """
        return self._approximate

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
        self._choose_searcher()
        return self

    def _choose_searcher(self) -> None:
        """Resolve the index mode to the searcher of top-k queries, and drop built ones.

        Both searchers are built on first use: the exact one over :attr:`normed_vectors`,
        the approximate one (an :class:`~skbookembed._neighbors.ApproximateIndex` with
        the index parameters) on the first query or :meth:`build_index`. Collections of
        two rows or fewer are searched exactly whatever the mode.
        """
        params = dict(self._index_params)
        lock = self._build_lock
        self._exact = LazySearcher(ExactSearcher, self, lock)
        self._ann = LazySearcher(
            lambda vectors: ApproximateIndex(**params).fit(vectors), self, lock
        )
        mode = self._index_mode
        self._approximate = mode == "approximate" or (
            mode == "auto" and len(self) > APPROXIMATE_THRESHOLD
        )
        self._searcher = self._ann if self._approximate and len(self) > 2 else self._exact

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
        self._ann.get()  # threads making the first query wait for this one build
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
        # Restricted queries are exact: the approximate index searches all rows.
        searcher = self._searcher if candidates is None else self._exact
        return searcher.query(
            queries,
            k,
            least=least,
            candidates=candidates,
            banned=banned,
            exclude=exclude,
            chunk_size=chunk_size,
        )
