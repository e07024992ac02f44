"""Callbacks for :meth:`PairEmbeddingRecommender.fit <skbookembed.PairEmbeddingRecommender.fit>`.

``fit(X, callbacks=[...])`` calls each callback after every epoch as ``callback(epoch,
loss, tables)``; a callback that returns True stops training, and the model is then fitted
with the epochs done so far. ``tables.snapshot()`` is a fitted copy of the model as it is
after that epoch. Any callable works; this module holds the ones most fits need.
"""

from __future__ import annotations

from collections.abc import Callable
from numbers import Integral, Real
from typing import Any

__all__ = ["EarlyStopping"]


class EarlyStopping:
    """Stop training when a score on held-out books stops improving.

    After every ``every``-th epoch the callback scores a fitted copy of the model
    (``tables.snapshot()``) on held-out books, by default with
    :meth:`~skbookembed.PairEmbeddingRecommender.score` (held-out link recall@k: each
    held-out book is folded in from part of its links and the rest must rank high).
    Training stops once the score has not improved by more than ``min_delta`` for
    ``patience`` evaluations in a row. The best copy is kept in :attr:`best_model_`, since
    the fitted model itself ends with the tables of the last epoch.

    Parameters
    ----------
    X_val : {array-like, sparse matrix} of shape (n_held_out_books, n_links)
        Books not given to ``fit``, with the same columns (links) as its ``X``; e.g. rows
        split off with :func:`sklearn.model_selection.train_test_split`.
    patience : int, default=3
        Evaluations without improvement after which training stops.
    min_delta : float, default=0.0
        Improvement a score must exceed to count as one.
    every : int, default=1
        Evaluate after every ``every``-th epoch (an evaluation folds in ``X_val``).
    scoring : callable or None, default=None
        ``scoring(model, X_val) -> float``, higher is better; None uses
        ``model.score(X_val, k=k)``.
    k : int, default=10
        Length of the ranked list of the default score.

    Attributes
    ----------
    scores_ : list of (int, float)
        ``(epoch, score)`` of every evaluation of the latest fit.
    best_score_ : float or None
        The best score so far.
    best_epoch_ : int or None
        The epoch that gave it.
    best_model_ : PairEmbeddingRecommender or None
        A fitted copy of the model after that epoch.
    stopped_epoch_ : int or None
        The epoch after which the callback stopped training, or None.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed import PairEmbeddingRecommender
    >>> from skbookembed.callbacks import EarlyStopping
    >>> X = sp.csr_matrix(np.kron(np.eye(3), np.ones((6, 8))))  # 3 groups of 6 books
    >>> X_fit, X_val = X[[i for i in range(18) if i % 6]], X[::6]
    >>> stop = EarlyStopping(X_val, patience=2)
    >>> est = PairEmbeddingRecommender(embedding_dim=8, n_positive=8, epochs=50,
    ...                                learning_rate=0.05, random_state=0)
    >>> est = est.fit(X_fit, callbacks=[stop])
    >>> len(est.history_["loss"]) < 50, stop.best_epoch_ <= len(est.history_["loss"])
    (True, True)
    """

    def __init__(
        self,
        X_val: Any,
        *,
        patience: int = 3,
        min_delta: float = 0.0,
        every: int = 1,
        scoring: Callable[[Any, Any], float] | None = None,
        k: int = 10,
    ) -> None:
        for name, value, low in (("patience", patience, 1), ("every", every, 1), ("k", k, 1)):
            if not isinstance(value, Integral) or isinstance(value, bool) or value < low:
                raise ValueError(f"{name} must be an integer >= {low}; got {value!r}.")
        if not isinstance(min_delta, Real) or min_delta < 0:
            raise ValueError(f"min_delta must be a number >= 0; got {min_delta!r}.")
        if scoring is not None and not callable(scoring):
            raise TypeError(f"scoring must be a callable or None; got {type(scoring).__name__}.")
        self.X_val = X_val
        self.patience = int(patience)
        self.min_delta = float(min_delta)
        self.every = int(every)
        self.scoring = scoring
        self.k = int(k)
        self._reset()

    def _reset(self) -> None:
        self.scores_: list[tuple[int, float]] = []
        self.best_score_: float | None = None
        self.best_epoch_: int | None = None
        self.best_model_: Any = None
        self.stopped_epoch_: int | None = None
        self._waited = 0
        self._last_epoch = 0

    def __call__(self, epoch: int, loss: float, tables: Any) -> bool:
        """Evaluate after this epoch when due; return True to stop training."""
        if epoch <= self._last_epoch:  # a new fit: forget the previous one
            self._reset()
        self._last_epoch = epoch
        if epoch % self.every:
            return False
        model = tables.snapshot()
        if self.scoring is None:
            score = float(model.score(self.X_val, k=self.k))
        else:
            score = float(self.scoring(model, self.X_val))
        self.scores_.append((epoch, score))
        if self.best_score_ is None or score > self.best_score_ + self.min_delta:
            self.best_score_, self.best_epoch_, self.best_model_ = score, epoch, model
            self._waited = 0
            return False
        self._waited += 1
        if self._waited >= self.patience:
            self.stopped_epoch_ = epoch
            return True
        return False
