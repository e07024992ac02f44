"""PairEmbeddingRecommender: the Keras dot-product model as a scikit-learn estimator."""

from __future__ import annotations

from numbers import Integral, Real
from os import PathLike
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import ArrayLike, NDArray
from sklearn.base import BaseEstimator, TransformerMixin, clone
from sklearn.utils import check_random_state
from sklearn.utils.validation import check_is_fitted

from . import _persistence
from ._compat import Interval, StrOptions, fit_context, validate_data
from ._fitting import (
    SET_BY_VALIDATION,
    FitData,
    FitTables,
    check_callbacks,
    check_trainable,
    epoch_sampler,
    fitted_state,
    is_strategy_instance,
    names_from_frame,
    reseed_zero_rows,
    restore_state,
    train,
    warm_tables,
)
from ._keyed import KeyedEmbeddings
from ._neighbors import l2_normalize
from ._params import (
    LOSS_PRESETS,
    ORIGINAL_RECIPE,
    SAMPLING_PRESETS,
    Loss,
    Sampling,
    resolve_loss,
    resolve_sampling,
)
from ._sampling import PairSet
from ._vocab import check_names

__all__ = ["PairEmbeddingRecommender"]


class PairEmbeddingRecommender(TransformerMixin, BaseEstimator):
    """Book and link embeddings learned by telling true (book, link) pairs from random ones.

    The model is the one of the "Neural Network Embedding Recommendation System" notebook:
    one embedding table for books and one for links, the cosine of the two vectors
    (``keras.layers.Dot(normalize=True)``), and either a regression head (labels +1 for true
    pairs and -1 for sampled ones, mean squared error) or a classification head (a
    ``Dense(1, sigmoid)`` on the cosine, labels 1/0, binary cross-entropy). Books whose
    articles link to the same pages end up close; their nearest neighbours are
    recommendations.

    TensorFlow is imported only inside :meth:`fit`. A fitted estimator holds numpy arrays
    only, so pickling, :meth:`save`/:meth:`load`, :meth:`transform` and every query run
    without TensorFlow.

    Parameters
    ----------
    embedding_dim : int, default=50
        Length of each book and link vector.
    n_positive : int or "auto", default="auto"
        True pairs per batch; a batch also holds negatives weighing ``n_positive *
        negative_ratio``. ``"auto"``: 1,024, or 2,048 on data of at least 262,144 true
        pairs (128 batches of 2,048 an epoch), where larger batches cost less per pair (see
        :func:`skbookembed._params.auto_n_positive`).
    negative_ratio : float, default=4.0
        Random (book, link) pairs sampled per true pair. A sampled pair is never a true one.
    epochs : int or "auto", default="auto"
        Passes over the true pairs. ``"auto"`` gives a budget of about 8 million true pairs
        (8,000 batches of 1,024), between 10 and 300 epochs: many more epochs on small data
        sets than on large ones, whatever the batch size (see
        :func:`skbookembed._params.auto_epochs`).
    loss : {"mse", "binary_crossentropy", "original"} or Loss, default="mse"
        ``"mse"``: the regression head, mean squared error of the cosine against +1 for true
        pairs and -0.5 for sampled ones (``Loss()``); see the user guide's "Choosing
        settings". ``"original"``: the notebook's targets +1/-1.
        ``"binary_crossentropy"``: the classification head (a ``Dense(1, sigmoid)`` on the
        cosine, labels 1/0). A :class:`~skbookembed.Loss` object sets the target of
        the sampled pairs, e.g. ``Loss("mse", negative_target=0.0)``, and lets a search tune
        ``loss__negative_target``.
    optimizer : {"rowwise_adam", "lazy_adam", "adam", "adagrad"}, default="rowwise_adam"
        ``"adam"`` is Keras' Adam, which updates the moments of every row of both tables at
        every step. ``"lazy_adam"`` updates only the rows in the batch, which
        is what makes a step cost in proportion to the batch instead of the tables.
        ``"rowwise_adam"`` is lazy Adam with one second moment per row (the mean of the
        row's squared gradient) instead of one per entry, which costs less per step.
        ``"adagrad"`` is Keras' Adagrad.
    learning_rate : float, default=0.01
        Step size of the optimizer. Lazy Adam moves each row only when it is in a batch, so
        it needs a larger step than Keras' default of 0.001.
    sampling : {"auto", "original"} or Sampling, default="auto"
        How true pairs and negatives are drawn. ``"auto"``: every true pair once per epoch,
        negatives drawn in blocks whose side suits the data size, books and links in
        proportion to the square root of their number of pairs (``Sampling()``).
        ``"original"``: the notebook's sampling (random positives, each pair repeated by its
        count, uniform negatives one by one). A :class:`~skbookembed.Sampling`
        object sets each choice (``positives``, ``repeat_counts``, ``block``, ``exponent``:
        books and links drawn as negatives in proportion to their degree to a power, 0.75
        as in word2vec) and lets a search tune e.g. ``sampling__exponent``.
    warm_start : bool, default=False
        When fitted already, continue from the current tables instead of new random ones.
        Only on the same vocabulary: ``X`` with the same shape, and the same book and link
        names; otherwise fit raises a ValueError and the model is left as it was. The
        optimizer's state starts afresh.
    strategy : tf.distribute.Strategy, str or None, default=None
        Train under a distribution strategy: an instance, a callable returning one, or one
        of ``"mirrored"``, ``"multi_worker_mirrored"``, ``"default"``. The training step is
        the same with or without one.
    random_state : int, RandomState instance or None, default=None
        Seeds the initial embeddings and the sampling. With an int, fitting the same data
        twice gives identical embeddings on CPU.
    verbose : int, default=0
        0: silent; 1 or more: one line naming the device, then the progress of the epochs
        (a live bar with loss and time left on a terminal, one line per epoch otherwise).

    Attributes
    ----------
    book_embeddings_ : ndarray of float32, shape (n_books, embedding_dim)
        Learned book vectors (not normalised). Books without any link get zeros.
    link_embeddings_ : ndarray of float32, shape (n_links, embedding_dim)
        Learned link vectors (not normalised). Links of no book get zeros.
    book_names_ : ndarray of str or None
        Book keys given to :meth:`fit`, or None (keys are then row indices).
    link_names_ : ndarray of str or None
        Link keys given to :meth:`fit`, or None (keys are then column indices).
    history_ : dict
        ``{"loss": [...]}``, the mean training loss of each epoch.
    n_features_in_ : int
        Number of links (columns of ``X``).
    n_pairs_ : int
        True pairs trained on.

    See Also
    --------
    skbookembed.KeyedEmbeddings : The query API of :attr:`books_` and :attr:`links_`.
    skbookembed.preprocessing.WikilinkVectorizer : From link lists to the matrix ``X``.

    Notes
    -----
    :meth:`original_recipe` returns an estimator with the notebook's exact settings:
    n_positive 1024, negative_ratio 2 with uniform negatives, 15 epochs, the regression
    head with targets +1/-1, Keras' Adam at its default learning rate, batches of randomly
    drawn true pairs repeated by their counts, ``len(pairs) // 1024`` steps per epoch.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed import PairEmbeddingRecommender
    >>> X = sp.csr_matrix(np.kron(np.eye(2), np.ones((3, 4))))  # 2 groups of 3 books
    >>> est = PairEmbeddingRecommender(embedding_dim=8, epochs=20, n_positive=4,
    ...                                learning_rate=0.05, random_state=0)
    >>> est = est.fit(X, book_names=["a1", "a2", "a3", "b1", "b2", "b3"])
    >>> sorted(key for key, _ in est.most_similar("a1", topn=2))
    ['a2', 'a3']
    >>> est.transform(X).shape
    (6, 8)
    """

    _parameter_constraints: dict = {
        "embedding_dim": [Interval(Integral, 1, None, closed="left")],
        "n_positive": [Interval(Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "negative_ratio": [Interval(Real, 0, None, closed="neither")],
        "epochs": [Interval(Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "loss": [StrOptions(set(LOSS_PRESETS)), Loss],
        "optimizer": [StrOptions({"rowwise_adam", "lazy_adam", "adam", "adagrad"})],
        "learning_rate": [Interval(Real, 0, None, closed="neither")],
        "sampling": [StrOptions(set(SAMPLING_PRESETS)), Sampling],
        "warm_start": ["boolean"],
        "strategy": "no_validation",
        "random_state": ["random_state"],
        "verbose": ["verbose"],
    }

    def __init__(
        self,
        *,
        embedding_dim: int = 50,
        n_positive: int | str = "auto",
        negative_ratio: float = 4.0,
        epochs: int | str = "auto",
        loss: str | Loss = "mse",
        optimizer: str = "rowwise_adam",
        learning_rate: float = 0.01,
        sampling: str | Sampling = "auto",
        warm_start: bool = False,
        strategy: Any = None,
        random_state: Any = None,
        verbose: int = 0,
    ) -> None:
        self.embedding_dim = embedding_dim
        self.n_positive = n_positive
        self.negative_ratio = negative_ratio
        self.epochs = epochs
        self.loss = loss
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.sampling = sampling
        self.warm_start = warm_start
        self.strategy = strategy
        self.random_state = random_state
        self.verbose = verbose

    @classmethod
    def original_recipe(cls, **params: Any) -> PairEmbeddingRecommender:
        """An estimator set up exactly as the original notebook trained its model.

        Parameters
        ----------
        **params
            Overrides, e.g. ``random_state`` or ``verbose``.

        Returns
        -------
        PairEmbeddingRecommender
            Unfitted, with :data:`ORIGINAL_RECIPE` applied.

        Examples
        --------
        >>> from skbookembed import PairEmbeddingRecommender
        >>> est = PairEmbeddingRecommender.original_recipe(random_state=0)
        >>> est.n_positive, est.negative_ratio, est.epochs, est.optimizer, est.sampling
        (1024, 2.0, 15, 'adam', 'original')
        """
        return cls(**{**ORIGINAL_RECIPE, **params})

    def __sklearn_tags__(self):  # noqa: D105
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = True
        tags.input_tags.positive_only = True
        tags.transformer_tags.preserves_dtype = ["float32"]
        tags.non_deterministic = self.random_state is None
        return tags

    # ------------------------------------------------------------------ fitting

    @fit_context(prefer_skip_nested_validation=True)
    def fit(
        self,
        X: Any,
        y: Any = None,
        *,
        book_names: ArrayLike | None = None,
        link_names: ArrayLike | None = None,
        callbacks: Any = None,
    ) -> PairEmbeddingRecommender:
        """Learn book and link embeddings from a books-by-links matrix.

        Fit is all or nothing: when it raises, or is interrupted (Ctrl-C), the estimator
        keeps exactly the fitted state it had before (or stays unfitted).

        Parameters
        ----------
        X : {array-like, sparse matrix, DataFrame} of shape (n_books, n_links)
            Every non-zero entry is a (book, link) pair. Entries must be finite and
            non-negative. A DataFrame's index and columns become the book and link names
            unless these are given.
        y : None
            Ignored.
        book_names : array-like of str of shape (n_books,), default=None
            Keys of the books, e.g. titles; unique. Routed through metadata routing in a
            :class:`~sklearn.pipeline.Pipeline` (``set_fit_request(book_names=True)``).
        link_names : array-like of str of shape (n_links,), default=None
            Keys of the links; unique.
        callbacks : callable or list of callables, default=None
            Each is called after every epoch as ``callback(epoch, loss, tables)``: the epoch
            number (from 1), its mean training loss, and a read-only view of the current
            tables with attributes ``book_embeddings`` and ``link_embeddings`` (numpy
            arrays, valid during the call). A callback that returns True stops training
            after this epoch; the model is then fitted with the epochs done so far.

        Returns
        -------
        self : PairEmbeddingRecommender
            Fitted.

        Raises
        ------
        ValueError
            On negative, NaN or infinite entries, a matrix with no non-zero entry or one
            whose every entry is non-zero, names of the wrong length or with duplicates, or
            ``warm_start=True`` on another vocabulary than the fitted one.
        FloatingPointError
            When the loss or the tables become NaN or infinite (a learning rate too large).
        """
        book_names, link_names = names_from_frame(X, book_names, link_names)
        before = fitted_state(self)
        try:
            state = self._fit_state(X, book_names, link_names, callbacks)
        except BaseException:
            # All or nothing: an error or an interrupt leaves the estimator as it was.
            restore_state(self, before)
            raise
        # Success: the new state replaces the old one (cached views of old tables included).
        restore_state(self, state)
        return self

    def _fit_state(
        self, X: Any, book_names: Any, link_names: Any, callbacks: Any
    ) -> dict[str, Any]:
        """Train; return the fitted attributes, without setting any (but what
        ``validate_data`` sets, which :meth:`fit` restores on failure)."""
        previous = fitted_state(self) if self.warm_start else {}
        X = self._validate_matrix(X, reset=True)
        book_keys = check_names(book_names, X.shape[0], param="book_names")
        link_keys = check_names(link_names, X.shape[1], param="link_names")
        has_book, has_link = check_trainable(X)
        loss = resolve_loss(self.loss)
        sampling = resolve_sampling(self.sampling)
        pairs = PairSet.from_matrix(X, repeat_counts=sampling.repeat_counts)
        init = warm_tables(previous, X.shape, book_keys, link_keys, self.embedding_dim)
        callbacks = check_callbacks(callbacks)
        data = FitData(
            pairs,
            book_keys,
            link_keys,
            has_book,
            has_link,
            sigmoid_head=loss.entry.sigmoid_head,
            validated={key: vars(self)[key] for key in SET_BY_VALIDATION if key in vars(self)},
        )
        losses_so_far: list[float] = []

        def snapshot(tables: Any) -> PairEmbeddingRecommender:
            copy = clone(self)
            vars(copy).update(
                data.attributes(tables.book_embeddings, tables.link_embeddings, losses_so_far)
            )
            return copy

        def user_callback(cb: Any) -> Any:
            return lambda epoch, value, tables: cb(epoch, value, FitTables(tables, snapshot))

        rs = check_random_state(self.random_state)
        seed = int(rs.randint(np.iinfo(np.int32).max))
        rng = np.random.default_rng(int(rs.randint(np.iinfo(np.int32).max)))
        reseed_zero_rows(init, rng)
        sampler = epoch_sampler(
            pairs,
            loss,
            sampling,
            rng,
            n_positive=self.n_positive,
            negative_ratio=self.negative_ratio,
        )
        return data.attributes(
            *train(
                sampler,
                X.shape,
                loss,
                embedding_dim=self.embedding_dim,
                epochs=self.epochs,
                optimizer=self.optimizer,
                learning_rate=self.learning_rate,
                seed=seed,
                strategy=self.strategy,
                init=init,
                callbacks=[
                    lambda epoch, value, _: losses_so_far.append(value),
                    *map(user_callback, callbacks),
                ],
                verbose=self.verbose,
            )
        )

    def _validate_matrix(self, X: Any, *, reset: bool) -> sp.csr_matrix:
        X = validate_data(
            self,
            X,
            accept_sparse=("csr", "csc", "coo"),
            dtype=(np.float32, np.float64),
            reset=reset,
        )
        X = sp.csr_matrix(X, dtype=np.float32, copy=True)
        if X.data.size and X.data.min() < 0:
            raise ValueError(
                "Negative values in data passed to PairEmbeddingRecommender: X must hold "
                "non-negative link counts or weights (a non-zero entry means 'this book "
                "links to this page')."
            )
        X.sum_duplicates()
        X.eliminate_zeros()
        X.sort_indices()
        return X

    # ------------------------------------------------------------------ transform

    def transform(self, X: Any) -> NDArray[np.float32]:
        """Embed books from their links, with the link vectors fixed (fold-in).

        Each row is placed along the direction in which the training objective improves
        fastest for its links: the mean of its links' unit vectors, plus ``negative_ratio *
        t`` times the mean unit vector of all links, where ``t`` is the negatives' target
        (``negative_target``; -1 for the classification head), i.e. the expected pull of the
        sampled negatives. The result is
        deterministic and works for books never seen in :meth:`fit`; ``fit_transform(X)``
        equals ``fit(X).transform(X)``. Learned vectors of the training books are in
        :attr:`book_embeddings_`.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_books, n_links)
            Links of each book, columns as in :meth:`fit`; values weight the links.

        Returns
        -------
        ndarray of float32, shape (n_books, embedding_dim)
            L2-normalised book vectors; a row with no (known) link gives zeros.
        """
        check_is_fitted(self)
        X = self._validate_matrix(X, reset=False)
        return self._fold_in(X, l2_normalize(self.link_embeddings_))

    def _fold_in(self, X: sp.csr_matrix, links: NDArray[np.float32]) -> NDArray[np.float32]:
        """Fold-in of the rows of ``X`` against ``links``, the unit link vectors."""
        has_link = np.any(links != 0, axis=1)
        background = links[has_link].mean(axis=0) if has_link.any() else np.zeros(links.shape[1])
        weights = X.sum(axis=1).A1
        out = np.asarray(X @ links, dtype=np.float64)
        nonempty = weights > 0
        out[nonempty] /= weights[nonempty, None]
        target = resolve_loss(self.loss).negative_target
        out[nonempty] += self.negative_ratio * target * background
        out[~nonempty] = 0.0
        return l2_normalize(out)

    def score(
        self,
        X: Any,
        y: Any = None,
        sample_weight: ArrayLike | None = None,
        *,
        k: int = 10,
        test_size: float = 0.2,
    ) -> float:
        """Held-out link recall@k: how well books' hidden links are recovered.

        Of every book (row) with at least two links, a fixed random ``test_size`` share of
        its links is hidden (the same split for every estimator, so that scores compare);
        the book is folded in from the rest (:meth:`transform`), all links are ranked by
        cosine similarity, the book's shown links are skipped, and the share of hidden links
        among the top ``k`` is averaged over books. Higher is better, in [0, 1], so that
        :class:`~sklearn.model_selection.GridSearchCV` can tune the estimator.

        Parameters
        ----------
        X : {array-like, sparse matrix} of shape (n_books, n_links)
            Books to evaluate, usually not seen in :meth:`fit`; columns as in fit.
        y : None
            Ignored.
        sample_weight : array-like of shape (n_books,), default=None
            Weight of each book in the mean (books without hidden links are left out).
        k : int, default=10
            Length of the ranked list.
        test_size : float, default=0.2
            Share of each book's links hidden.

        Returns
        -------
        float
            Mean recall@k over books with hidden links (0.0 when there are none).
        """
        from ._topk import row_chunks
        from .metrics import recall_at_k, train_test_split

        check_is_fitted(self)
        X = self._validate_matrix(X, reset=False)
        X_shown, X_hidden = train_test_split(X, test_size=test_size, random_state=0)
        X_shown, X_hidden = sp.csr_matrix(X_shown), sp.csr_matrix(X_hidden)
        links = l2_normalize(self.link_embeddings_)
        per_book = []
        for rows in row_chunks(X.shape[0], links.shape[0]):
            scores = self._fold_in(X_shown[rows], links) @ links.T
            per_book.append(recall_at_k(scores, X_hidden[rows], X_shown[rows], k=k, average=False))
        values = np.concatenate(per_book)
        weights = np.ones_like(values)
        if sample_weight is not None:
            weights = np.asarray(sample_weight, dtype=np.float64)
            if weights.shape != values.shape:
                raise ValueError(
                    f"sample_weight has shape {weights.shape}; it needs one weight per book "
                    f"(row of X), shape ({values.shape[0]},)."
                )
        keep = ~np.isnan(values)
        total = weights[keep].sum()
        return float(np.dot(values[keep], weights[keep]) / total) if total > 0 else 0.0

    # ------------------------------------------------------------------ queries

    @property
    def books_(self) -> KeyedEmbeddings:
        """:class:`~skbookembed.KeyedEmbeddings` of the books (gensim-style queries)."""
        return self._view("books")

    @property
    def links_(self) -> KeyedEmbeddings:
        """:class:`~skbookembed.KeyedEmbeddings` of the links (gensim-style queries)."""
        return self._view("links")

    def _view(self, table: str) -> KeyedEmbeddings:
        check_is_fitted(self)
        cache = self.__dict__.setdefault("_views", {})
        if table not in cache:
            names = getattr(self, f"{table[:-1]}_names_")
            cache[table] = KeyedEmbeddings(
                getattr(self, f"{table[:-1]}_embeddings_"),
                keys=None if names is None else list(names),
                name=table,
            )
        return cache[table]

    def _clear_views(self) -> None:
        self.__dict__.pop("_views", None)

    def most_similar(self, *args: Any, **kwargs: Any) -> Any:
        """Books most similar to the given ones.

        A shortcut for ``self.books_.most_similar(*args, **kwargs)``.

        Parameters
        ----------
        *args, **kwargs
            Passed to :meth:`KeyedEmbeddings.most_similar` of :attr:`books_`:
            ``positive``, ``negative``, ``topn``, ``least``, ``restrict_to``,
            ``restrict_vocab`` and ``exclude``.

        Returns
        -------
        list of (str or int, float) or ndarray of float32
            ``(key, cosine similarity)`` pairs, best first, or every similarity
            when ``topn=None``.

        Examples
        --------
        >>> import numpy as np
        >>> import scipy.sparse as sp
        >>> from skbookembed import PairEmbeddingRecommender
        >>> X = sp.csr_matrix(np.kron(np.eye(2), np.ones((3, 4))))
        >>> est = PairEmbeddingRecommender(embedding_dim=8, epochs=20, n_positive=4,
        ...                                learning_rate=0.05, random_state=0).fit(X)
        >>> sorted(i for i, _ in est.most_similar(0, topn=2))
        [1, 2]
        """
        return self.books_.most_similar(*args, **kwargs)

    # ------------------------------------------------------------------ persistence

    def __getstate__(self) -> dict[str, Any]:
        state = super().__getstate__()
        state.pop("_views", None)
        if is_strategy_instance(state.get("strategy")):
            # A live tf.distribute.Strategy cannot be pickled and only matters to fit; save()
            # drops it too. Names and picklable factories are kept.
            state["strategy"] = None
        return state

    def save(self, path: str | PathLike[str]) -> None:
        """Write the fitted model to ``path`` in the safe ``.npz`` format.

        The file holds numpy arrays and JSON metadata (parameters, library version), and is
        read back with ``allow_pickle=False`` by :meth:`load`. It is written to a temporary
        file first and moved into place, so a failure never leaves a partial file.

        An attribute ``book_labels_`` (``{field: one label or None per book}``, e.g. the
        genre and author ``skbookembed fit`` keeps from Wikipedia infoboxes) is saved too,
        compactly, and :meth:`load` sets it again; models without labels have no such
        attribute. So is an attribute ``book_links_``: the ``(n_books, n_links)`` matrix of
        non-negative weights the model was fitted on, which ``skbookembed fit`` keeps so
        that ``skbookembed similar --smooth`` can call :meth:`KeyedEmbeddings.smoothed`;
        :meth:`load` sets it again as a ``scipy.sparse.csr_array``.

        Parameters
        ----------
        path : str or path-like
            Destination; ``.npz`` is conventional.
        """
        check_is_fitted(self)
        _persistence.save(self, path)

    @classmethod
    def load(cls, path: str | PathLike[str]) -> PairEmbeddingRecommender:
        """Read a model written by :meth:`save`; TensorFlow is not imported.

        Parameters
        ----------
        path : str or path-like
            File written by :meth:`save`.

        Returns
        -------
        PairEmbeddingRecommender
            Fitted, ready for queries, transform or a new fit.

        Raises
        ------
        ValueError
            When the file is not a skbookembed model, is truncated, or was written by a newer
            format version.
        """
        return _persistence.load(path, cls)
