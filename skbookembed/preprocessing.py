"""Turn lists of wikilinks into a books x links matrix.

:class:`WikilinkVectorizer` cleans the links as the notebook's recipe does
(lower-case, drop uninformative links, keep links used at least ``min_count``
times, columns by descending frequency) and returns a SciPy CSR matrix that
:class:`~skbookembed.PairEmbeddingRecommender` trains on, or, after
``set_output(transform="pandas")``, a DataFrame of pandas sparse columns named by
link (and indexed by title when the input is a Bunch), whose names the estimator
takes as its keys.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import chain, compress, pairwise, repeat
from numbers import Integral
from operator import itemgetter
from typing import Any, Literal

import numpy as np
import scipy.sparse as sp
from numpy.typing import DTypeLike, NDArray
from sklearn import get_config
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from ._compat import Interval, StrOptions
from ._compat import fit_context as _fit_context
from ._utils import unique_sorted

__all__ = ["ORIGINAL_TO_REMOVE", "WikilinkVectorizer"]

#: Links dropped by default as uninformative (lower-case): the notebook's list.
ORIGINAL_TO_REMOVE: tuple[str, ...] = (
    "hardcover",
    "paperback",
    "hardback",
    "e-book",
    "wikipedia:wikiproject books",
    "wikipedia:wikiproject novels",
)


def _as_documents(raw: Any) -> list[Any]:
    """Return the books of ``raw`` as a list, one iterable of links per book."""
    if isinstance(raw, str | bytes):
        raise TypeError(
            "WikilinkVectorizer expects an iterable of link lists (one list of str per "
            "book), got a single string. Wrap one book's links in a list: [links]."
        )
    if sp.issparse(raw):
        raise TypeError(
            "WikilinkVectorizer expects link lists, got a sparse matrix: the data is "
            "already vectorised, pass it to the estimator directly."
        )
    if isinstance(raw, Mapping):
        if "wikilinks" not in raw:
            raise TypeError(
                "WikilinkVectorizer got a mapping without a 'wikilinks' entry; pass the Bunch "
                "returned by load_wikipedia_books or an iterable of link lists."
            )
        raw = raw["wikilinks"]
    if not isinstance(raw, Iterable):
        raise TypeError(
            f"WikilinkVectorizer expects an iterable of link lists (one list of str per "
            f"book) or a Bunch with 'wikilinks', got {type(raw).__name__}."
        )
    return list(raw)


def _titles_of(raw: Any) -> list[str] | None:
    """The ``titles`` of a Bunch (or mapping) of books, or None for plain link lists."""
    if not isinstance(raw, Mapping) or raw.get("titles") is None:
        return None
    return [str(title) for title in raw["titles"]]


def _sparse_frame(X: sp.csr_matrix, columns: NDArray[np.object_], titles: list[str] | None) -> Any:
    """``X`` as a DataFrame of pandas sparse columns (fill value 0), never densified."""
    import pandas as pd  # imported only for DataFrame output

    if titles is not None and len(titles) != X.shape[0]:
        raise ValueError(
            f"The Bunch has {len(titles)} titles for {X.shape[0]} books; its 'titles' and "
            "'wikilinks' must be aligned, one title per book."
        )
    return pd.DataFrame.sparse.from_spmatrix(X, index=titles, columns=columns)


def _flatten(docs: list[Any]) -> tuple[list[str], NDArray[np.int64]]:
    """Concatenate the links of all books; return them and the count per book."""
    flat: list[str] = []
    lengths = np.empty(len(docs), dtype=np.int64)
    for i, doc in enumerate(docs):
        if isinstance(doc, str | bytes) or not isinstance(doc, Iterable):
            raise TypeError(
                f"Book {i}: expected a list of link strings, got {type(doc).__name__}. "
                "Pass one list of links per book."
            )
        before = len(flat)
        flat.extend(doc)
        lengths[i] = len(flat) - before
    if not all(issubclass(kind, str) for kind in set(map(type, flat))):
        offsets = np.concatenate(([0], np.cumsum(lengths)))
        position = next(j for j, link in enumerate(flat) if not isinstance(link, str))
        book = int(np.searchsorted(offsets, position, side="right")) - 1
        raise TypeError(
            f"Book {book}, link {position - offsets[book]}: links must be str, got "
            f"{type(flat[position]).__name__} ({flat[position]!r})."
        )
    return flat, lengths


class WikilinkVectorizer(TransformerMixin, BaseEstimator, auto_wrap_output_keys=None):
    """Convert the wikilinks of books into a sparse books x links matrix.

    The cleaning is the notebook's: links are lower-cased
    ("Science fiction" and "science fiction" become one link), the links of
    ``to_remove`` are dropped, links used fewer than ``min_count`` times are
    dropped, and the columns are ordered by descending count. Row ``i`` of the
    output has a non-zero entry in column ``j`` when book ``i`` links to the
    ``j``-th kept link.

    Parameters
    ----------
    lowercase : bool, default=True
        Lower-case the links before counting them and before looking them up.
    to_remove : iterable of str or None, default=ORIGINAL_TO_REMOVE
        Links to drop. They are compared case-insensitively (after lower-casing
        both sides, whatever ``lowercase``). The default is six links:
        hardcover, paperback, hardback, e-book, and the
        WikiProject Books / Novels pages. ``None`` or ``()`` removes nothing.
    min_count : int or "auto", default=1
        Keep the links whose count (see ``count``) is at least this.
        ``"auto"`` suits the cut to the
        number of books: ``max(2, ceil(n_books / 10_000))``, which is 2 (a
        link must join at least two books to relate them) up to 20,000 books
        and 4 at 37,000; the cut used is in ``min_count_``.
    count : {"occurrences", "books", "books_raw"}, default="occurrences"
        What ``min_count`` and the column order count:

        - ``"occurrences"``: every occurrence in the link lists, so a book that
          lists a link twice counts twice.
        - ``"books"``: the number of books that list the link at least once.
        - ``"books_raw"``: each book's distinct links as written (before
          lower-casing), then lower-cased and counted, so a book listing both
          "Science fiction" and "science fiction" counts twice.
    max_links : int or None, default=None
        If not None, keep only the ``max_links`` most frequent links (after
        ``min_count``).
    binary : bool, default=True
        If True, entries are 1.0. If False, entries count the occurrences of the
        link in the book's list (the sum of the matrix is then its number of
        training pairs with ``repeat_counts``).
    dtype : dtype, default=np.float32
        Type of the matrix entries.

    Attributes
    ----------
    vocabulary_ : dict of str to int
        Column index of each kept link.
    link_counts_ : ndarray of shape (n_links,), dtype int64
        Count of each kept link (as defined by ``count``), aligned with the
        columns; it does not increase with the column index.
    removed_counts_ : dict of str to int
        Number of occurrences of each link of ``to_remove`` found during fit.
    n_distinct_raw_ : int
        Distinct links seen during fit, as written (before lower-casing and
        removals).
    n_distinct_ : int
        Distinct links seen during fit after lower-casing (when ``lowercase``),
        before removals and ``min_count``.
    min_count_ : int
        The cut applied: ``min_count``, or the value ``"auto"`` chose.
    n_below_min_count_ : int
        Distinct links dropped because their count is below ``min_count``.
    n_unknown_ : int
        Set by :meth:`transform` and :meth:`fit_transform`: link occurrences of
        the last input that have no column (not in the vocabulary), not
        counting the links of ``to_remove``.

    See Also
    --------
    skbookembed.datasets.load_wikipedia_books : Records with a ``wikilinks`` field.
    sklearn.feature_extraction.text.CountVectorizer : The same idea for text.

    Notes
    -----
    Ties in the column order are broken by first appearance in the data given
    to fit, as a stable sort of the counts does.

    The input is read once into a flat list; lower-casing, counting and the
    lookups run over that list, and the matrix is assembled from index arrays
    without any dense intermediate.

    With ``set_output(transform="pandas")`` (or scikit-learn's global
    ``set_config(transform_output="pandas")``), :meth:`transform` and
    :meth:`fit_transform` return the same matrix as a DataFrame of pandas
    sparse columns: its columns are the links and, when the input is a Bunch
    with ``titles``, its index holds the titles. That is how the names reach
    :class:`~skbookembed.PairEmbeddingRecommender` in a
    :class:`~sklearn.pipeline.Pipeline`: its ``fit`` takes a DataFrame's
    columns (and a non-default index) as link (and book) names.

    Examples
    --------
    >>> from skbookembed.preprocessing import WikilinkVectorizer
    >>> books = [
    ...     ["Science fiction", "Hardcover", "Tor Books", "science fiction"],
    ...     ["Fantasy", "Tor Books"],
    ...     ["fantasy", "Science Fiction", "Paperback"],
    ... ]
    >>> vectorizer = WikilinkVectorizer()
    >>> X = vectorizer.fit_transform(books)
    >>> vectorizer.get_feature_names_out()
    array(['science fiction', 'tor books', 'fantasy'], dtype=object)
    >>> X.toarray()
    array([[1., 1., 0.],
           [0., 1., 1.],
           [1., 0., 1.]], dtype=float32)
    >>> vectorizer.link_counts_
    array([3, 2, 2])
    >>> WikilinkVectorizer(min_count=3).fit(books).vocabulary_
    {'science fiction': 0}
    """

    _parameter_constraints: dict[str, Any] = {
        "lowercase": ["boolean"],
        "to_remove": [None, tuple, list, set, frozenset],
        "min_count": [Interval(Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "count": [StrOptions({"occurrences", "books", "books_raw"})],
        "max_links": [None, Interval(Integral, 1, None, closed="left")],
        "binary": ["boolean"],
        "dtype": "no_validation",
    }

    def __init__(
        self,
        *,
        lowercase: bool = True,
        to_remove: Iterable[str] | None = ORIGINAL_TO_REMOVE,
        min_count: int | Literal["auto"] = 1,
        count: Literal["occurrences", "books", "books_raw"] = "occurrences",
        max_links: int | None = None,
        binary: bool = True,
        dtype: DTypeLike = np.float32,
    ) -> None:
        self.lowercase = lowercase
        self.to_remove = to_remove
        self.min_count = min_count
        self.count = count
        self.max_links = max_links
        self.binary = binary
        self.dtype = dtype

    def __sklearn_tags__(self):  # noqa: D105 - scikit-learn hook
        tags = super().__sklearn_tags__()
        tags.input_tags.two_d_array = False
        tags.input_tags.string = True
        return tags

    # -- helpers -------------------------------------------------------------

    def _removed(self) -> frozenset[str]:
        if self.to_remove is None:
            return frozenset()
        bad = [item for item in self.to_remove if not isinstance(item, str)]
        if bad:
            raise TypeError(f"to_remove must hold str links, got {bad[0]!r}.")
        return frozenset(item.lower() for item in self.to_remove)

    def _output_dtype(self) -> np.dtype[Any]:
        try:
            dtype = np.dtype(self.dtype)
        except TypeError as exc:
            raise TypeError(f"dtype must be a numeric NumPy dtype, got {self.dtype!r}.") from exc
        if dtype.kind not in "fiub":
            raise TypeError(f"dtype must be a numeric NumPy dtype, got {self.dtype!r}.")
        return dtype

    def _prepare(
        self, raw: Any
    ) -> tuple[list[str], list[str], NDArray[np.bool_], NDArray[np.int64]]:
        """Read ``raw``; return raw links, cleaned links, removal mask, links per book."""
        flat, lengths = _flatten(_as_documents(raw))
        removed = self._removed()
        lowered = list(map(str.lower, flat)) if (self.lowercase or removed) else flat
        keys = lowered if self.lowercase else flat
        if removed:
            drop = np.fromiter(map(removed.__contains__, lowered), dtype=bool, count=len(flat))
        else:
            drop = np.zeros(len(flat), dtype=bool)
        return flat, keys, drop, lengths

    def _learn_vocabulary(
        self,
        flat: list[str],
        keys: list[str],
        drop: NDArray[np.bool_],
        lengths: NDArray[np.int64],
    ) -> None:
        self._output_dtype()
        removed = self._removed()
        self.n_distinct_raw_ = len(set(flat))
        self.n_distinct_ = len(set(keys))
        self.removed_counts_ = dict(Counter(map(str.lower, compress(keys, drop.tolist()))))

        if self.count == "occurrences":
            counts = Counter(keys)
        else:
            bounds = np.concatenate(([0], np.cumsum(lengths))).tolist()
            source = flat if self.count == "books_raw" else keys
            per_book = (dict.fromkeys(source[a:b]) for a, b in pairwise(bounds))
            if self.count == "books_raw" and self.lowercase:
                counts = Counter(map(str.lower, chain.from_iterable(per_book)))
            else:
                counts = Counter(chain.from_iterable(per_book))
        for link in list(counts):
            if link.lower() in removed:
                del counts[link]

        ranked = sorted(counts.items(), key=itemgetter(1), reverse=True)
        self.min_count_ = (
            max(2, -(-lengths.size // 10_000)) if self.min_count == "auto" else self.min_count
        )
        kept = [item for item in ranked if item[1] >= self.min_count_]
        self.n_below_min_count_ = len(ranked) - len(kept)
        if self.max_links is not None:
            kept = kept[: self.max_links]
        if not kept:
            raise ValueError(
                f"No link is left after cleaning: {len(ranked)} distinct link(s), none with a "
                f"count >= min_count={self.min_count_} (count={self.count!r}). Lower min_count "
                "or pass more books."
            )
        self.vocabulary_ = {link: j for j, (link, _) in enumerate(kept)}
        self.link_counts_ = np.fromiter((n for _, n in kept), dtype=np.int64, count=len(kept))

    def _matrix(
        self, keys: list[str], drop: NDArray[np.bool_], lengths: NDArray[np.int64]
    ) -> sp.csr_matrix:
        vocabulary = self.vocabulary_
        n_books, n_links = lengths.size, len(vocabulary)
        cols = np.fromiter(
            map(vocabulary.get, keys, repeat(-1, len(keys))), dtype=np.int64, count=len(keys)
        )
        known = cols >= 0
        self.n_unknown_ = int(np.count_nonzero(~known & ~drop))
        rows = np.repeat(np.arange(n_books, dtype=np.int64), lengths)[known]
        pair_keys = rows * n_links + cols[known]
        pair_keys, counts = unique_sorted(pair_keys, return_counts=not self.binary)
        if counts is None:
            values = np.ones(pair_keys.size, dtype=self._output_dtype())
        else:
            values = counts.astype(self._output_dtype())
        rows = pair_keys // n_links
        indptr = np.zeros(n_books + 1, dtype=np.int64)
        np.cumsum(np.bincount(rows, minlength=n_books), out=indptr[1:])
        X = sp.csr_matrix((values, pair_keys - rows * n_links, indptr), shape=(n_books, n_links))
        X.has_sorted_indices = True
        return X

    # -- public API ----------------------------------------------------------

    @_fit_context(prefer_skip_nested_validation=True)
    def fit(self, raw: Any, y: None = None) -> WikilinkVectorizer:
        """Learn the vocabulary of kept links.

        Parameters
        ----------
        raw : iterable of iterable of str, or Bunch
            One list of links per book, or the Bunch returned by
            :func:`~skbookembed.datasets.load_wikipedia_books` (its
            ``wikilinks`` are used).
        y : None
            Ignored.

        Returns
        -------
        self : WikilinkVectorizer
            The fitted vectorizer.

        Examples
        --------
        >>> from skbookembed.preprocessing import WikilinkVectorizer
        >>> WikilinkVectorizer().fit([["b", "a"], ["A", "B", "c"]]).vocabulary_
        {'b': 0, 'a': 1, 'c': 2}
        """
        flat, keys, drop, lengths = self._prepare(raw)
        self._learn_vocabulary(flat, keys, drop, lengths)
        return self

    @_fit_context(prefer_skip_nested_validation=True)
    def fit_transform(self, raw: Any, y: None = None) -> Any:
        """Learn the vocabulary and return the books x links matrix.

        Equivalent to ``fit(raw).transform(raw)``, reading ``raw`` once (so a
        generator works too).

        Parameters
        ----------
        raw : iterable of iterable of str, or Bunch
            One list of links per book, or a Bunch with ``wikilinks``.
        y : None
            Ignored.

        Returns
        -------
        X : scipy.sparse.csr_matrix or pandas.DataFrame of shape (n_books, n_links)
            Row ``i`` holds the kept links of book ``i``; a DataFrame of sparse
            columns after ``set_output(transform="pandas")`` (see :meth:`set_output`).

        Examples
        --------
        >>> from skbookembed.preprocessing import WikilinkVectorizer
        >>> X = WikilinkVectorizer(binary=False).fit_transform([["a", "A", "b"], ["b"]])
        >>> X.toarray()
        array([[2., 1.],
               [0., 1.]], dtype=float32)
        """
        titles = _titles_of(raw)
        flat, keys, drop, lengths = self._prepare(raw)
        self._learn_vocabulary(flat, keys, drop, lengths)
        return self._wrap(self._matrix(keys, drop, lengths), titles)

    def transform(self, raw: Any) -> Any:
        """Return the books x links matrix of ``raw`` over the learned links.

        Links that are not in the vocabulary are ignored; how many occurrences
        were ignored is stored in ``n_unknown_``.

        Parameters
        ----------
        raw : iterable of iterable of str, or Bunch
            One list of links per book, or a Bunch with ``wikilinks``.

        Returns
        -------
        X : scipy.sparse.csr_matrix or pandas.DataFrame of shape (n_books, n_links)
            Row ``i`` holds the known links of book ``i``; a DataFrame of sparse
            columns after ``set_output(transform="pandas")`` (see :meth:`set_output`).

        Examples
        --------
        >>> from skbookembed.preprocessing import WikilinkVectorizer
        >>> vectorizer = WikilinkVectorizer().fit([["a", "b"], ["a"]])
        >>> vectorizer.transform([["B", "z"], []]).toarray()
        array([[0., 1.],
               [0., 0.]], dtype=float32)
        >>> vectorizer.n_unknown_
        1
        """
        check_is_fitted(self, "vocabulary_")
        titles = _titles_of(raw)
        _, keys, drop, lengths = self._prepare(raw)
        return self._wrap(self._matrix(keys, drop, lengths), titles)

    def get_feature_names_out(self, input_features: Any = None) -> NDArray[np.object_]:
        """Return the kept links in column order.

        Parameters
        ----------
        input_features : None
            Ignored; present for the scikit-learn API.

        Returns
        -------
        feature_names_out : ndarray of str objects, shape (n_links,)
            The link of each column.

        Examples
        --------
        >>> from skbookembed.preprocessing import WikilinkVectorizer
        >>> WikilinkVectorizer().fit([["x", "y", "y"]]).get_feature_names_out()
        array(['y', 'x'], dtype=object)
        """
        check_is_fitted(self, "vocabulary_")
        names = np.empty(len(self.vocabulary_), dtype=object)
        for link, j in self.vocabulary_.items():
            names[j] = link
        return names

    def set_output(self, *, transform: str | None = None) -> WikilinkVectorizer:
        """Choose what :meth:`transform` and :meth:`fit_transform` return.

        scikit-learn's ``set_output``, for a transformer whose output is sparse:
        ``"pandas"`` gives a DataFrame of pandas sparse columns (the matrix is
        never densified), named by link and, when the input is a Bunch with
        ``titles``, indexed by title. :class:`~skbookembed.PairEmbeddingRecommender`
        takes those names as its keys, so in a pipeline its ``links_`` (and
        ``books_``) answer queries by name. :func:`~sklearn.base.clone` and
        pickling keep the setting.

        Parameters
        ----------
        transform : {"default", "pandas"} or None, default=None
            ``"default"``: a SciPy CSR matrix (or what scikit-learn's global
            ``transform_output`` asks for); ``"pandas"``: a sparse DataFrame;
            None: leave the setting unchanged. Polars has no sparse columns, so
            ``"polars"`` is refused.

        Returns
        -------
        self : WikilinkVectorizer
            The vectorizer.

        Raises
        ------
        ValueError
            If ``transform`` is not one of the above.
        ImportError
            If ``transform="pandas"`` and pandas is not installed.

        Examples
        --------
        >>> from skbookembed.preprocessing import WikilinkVectorizer
        >>> books = {"titles": ["Dune", "Emma"], "wikilinks": [["Arrakis", "Spice"], ["Bath"]]}
        >>> X = WikilinkVectorizer().set_output(transform="pandas").fit_transform(books)
        >>> X.columns.tolist(), X.index.tolist()
        (['arrakis', 'spice', 'bath'], ['Dune', 'Emma'])
        >>> float(X.sparse.density)
        0.5
        """
        if transform is None:
            return self
        _check_container(transform)
        if not hasattr(self, "_sklearn_output_config"):
            self._sklearn_output_config = {}
        self._sklearn_output_config["transform"] = transform
        return self

    def _wrap(self, X: sp.csr_matrix, titles: list[str] | None) -> Any:
        """Return ``X`` in the container chosen by :meth:`set_output` or the global config."""
        config = getattr(self, "_sklearn_output_config", {})
        container = config.get("transform", get_config()["transform_output"])
        if container == "default":
            return X
        _check_container(container)
        return _sparse_frame(X, self.get_feature_names_out(), titles)


def _check_container(container: Any) -> None:
    if container not in ("default", "pandas"):
        raise ValueError(
            f"WikilinkVectorizer outputs a sparse matrix, which can be returned as a SciPy "
            f"CSR matrix ('default') or a DataFrame of pandas sparse columns ('pandas'); "
            f"got transform output {container!r}. Call "
            "set_output(transform='pandas') or set_output(transform='default') on it."
        )
