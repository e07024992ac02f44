"""Steps of :meth:`PairEmbeddingRecommender.fit` that need no estimator: checks, state, tables.

Nothing here imports the estimator or TensorFlow.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

from ._neighbors import l2_normalize
from ._params import Loss, Sampling, auto_epochs, auto_n_positive
from ._progress import EpochProgress
from ._sampling import EpochSampler, PairSet

__all__ = [
    "SET_BY_VALIDATION",
    "FitData",
    "FitTables",
    "check_callbacks",
    "check_trainable",
    "epoch_sampler",
    "fitted_state",
    "is_range",
    "is_strategy_instance",
    "names_from_frame",
    "reseed_zero_rows",
    "restore_state",
    "same_keys",
    "train",
    "true_pairs_point_away",
    "warm_tables",
]

#: Fitted attributes that validate_data(reset=True) sets (or deletes) on the estimator.
SET_BY_VALIDATION = ("n_features_in_", "feature_names_in_")


class FitTables:
    """What a fit callback reads: the current tables, and a fitted snapshot to save."""

    def __init__(self, tables: Any, snapshot: Any) -> None:
        self._tables = tables
        self._snapshot = snapshot

    @property
    def book_embeddings(self) -> np.ndarray:
        """The current book table (read-only)."""
        return self._tables.book_embeddings

    @property
    def link_embeddings(self) -> np.ndarray:
        """The current link table (read-only)."""
        return self._tables.link_embeddings

    def snapshot(self) -> Any:
        """An unrelated fitted copy of the model as it is after this epoch (e.g. to save)."""
        return self._snapshot(self._tables)


def fitted_state(est: Any) -> dict[str, Any]:
    """The estimator's fitted attributes (names ending in ``_``) and cached views."""
    return {
        key: value
        for key, value in vars(est).items()
        if (key.endswith("_") and not key.startswith("__")) or key == "_views"
    }


def restore_state(est: Any, state: dict[str, Any]) -> None:
    """Make ``state`` the estimator's fitted attributes, exactly: others are removed."""
    for key in list(fitted_state(est)):
        delattr(est, key)
    vars(est).update(state)


def check_trainable(X: sp.csr_matrix) -> tuple[np.ndarray, np.ndarray]:
    """Which books and which links have pairs; raise when ``X`` has nothing to learn.

    ``X`` needs at least one true pair, and at least one absent pair among the books and
    links that have pairs, to sample as a negative.
    """
    if X.nnz == 0:
        raise ValueError(
            "X has no non-zero entry, so there is no (book, link) pair to learn from."
        )
    has_book = np.diff(X.indptr) > 0
    has_link = np.bincount(X.indices, minlength=X.shape[1]) > 0
    if X.nnz >= int(has_book.sum()) * int(has_link.sum()):
        raise ValueError(
            "Every (book, link) pair of X is present, so there are no absent pairs to "
            "sample as negatives. Add books or links, or check that X is not dense by "
            "mistake (a zero entry means 'no link')."
        )
    return has_book, has_link


def warm_tables(
    previous: dict[str, Any],
    shape: tuple[int, int],
    book_keys: Any,
    link_keys: Any,
    dim: int,
) -> tuple[np.ndarray, np.ndarray] | None:
    """The tables a warm start continues from, or None for a cold start.

    A warm start needs the fitted vocabulary: the same shape and the same names.
    """
    if "book_embeddings_" not in previous:
        return None  # not fitted yet: a warm start is a cold start
    books, links = previous["book_embeddings_"], previous["link_embeddings_"]
    same = (
        books.shape == (shape[0], dim)
        and links.shape == (shape[1], dim)
        and same_keys(previous.get("book_names_"), book_keys)
        and same_keys(previous.get("link_names_"), link_keys)
    )
    if not same:
        raise ValueError(
            "warm_start=True continues training the fitted tables, so it needs the same "
            f"vocabulary: fitted on {books.shape[0]} books x {links.shape[0]} links of "
            f"{books.shape[1]} dimensions with the same book and link names, but got "
            f"{shape[0]} x {shape[1]} (embedding_dim={dim}) or other names. Set "
            "warm_start=False to train from scratch."
        )
    return books.copy(), links.copy()


def same_keys(old: Any, new: Any) -> bool:
    """Whether two key lists are equal (None, for row indices, equals only None)."""
    if old is None or new is None:
        return old is None and new is None
    return bool(np.array_equal(np.asarray(old), np.asarray(new)))


def reseed_zero_rows(init: tuple[np.ndarray, np.ndarray] | None, rng: np.random.Generator) -> None:
    """Give the all-zero rows of warm-start tables small random values, in place.

    Rows without pairs were zeroed by the last fit; a zero row has no direction to train from.
    """
    for table in init or ():
        zero = ~table.any(axis=1)
        table[zero] = rng.uniform(-0.05, 0.05, (int(zero.sum()), table.shape[1]))


def check_callbacks(callbacks: Any) -> list:
    """``callbacks`` as a list of callables (None gives an empty list)."""
    if callbacks is None:
        return []
    if callable(callbacks):
        return [callbacks]
    callbacks = list(callbacks)
    for cb in callbacks:
        if not callable(cb):
            raise TypeError(
                f"callbacks must be callables called as callback(epoch, loss, tables); got "
                f"{type(cb).__name__}."
            )
    return callbacks


@dataclass
class FitData:
    """What a fit learns from, checked, and how its fitted attributes are made."""

    pairs: PairSet
    book_keys: Any
    link_keys: Any
    has_book: np.ndarray
    has_link: np.ndarray
    sigmoid_head: bool
    validated: dict[str, Any]

    def attributes(self, book_vectors: Any, link_vectors: Any, losses: list[float]) -> dict:
        """The fitted attributes from trained tables (the tables are copied)."""
        book_vectors = np.array(book_vectors, dtype=np.float32)
        link_vectors = np.array(link_vectors, dtype=np.float32)
        if self.sigmoid_head and true_pairs_point_away(
            book_vectors, link_vectors, self.pairs, np.random.default_rng(0)
        ):
            # The Dense head learned a negative weight: true pairs have the lower cosines.
            # Negating one table (and, implicitly, the weight) leaves every prediction the
            # same and makes "more similar" mean "more likely linked", as queries assume.
            book_vectors = -book_vectors
        book_vectors[~self.has_book] = 0.0
        link_vectors[~self.has_link] = 0.0
        return {
            **self.validated,
            "book_embeddings_": book_vectors,
            "link_embeddings_": link_vectors,
            "book_names_": self.book_keys,
            "link_names_": self.link_keys,
            "history_": {"loss": [float(v) for v in losses]},
            "n_pairs_": self.pairs.n_pairs,
        }


def epoch_sampler(
    pairs: PairSet,
    loss: Loss,
    sampling: Sampling,
    rng: np.random.Generator,
    *,
    n_positive: int | str,
    negative_ratio: float,
) -> EpochSampler:
    """The sampler of every epoch's batches, as the loss and sampling settings ask
    (``n_positive="auto"`` resolved by :func:`~skbookembed._params.auto_n_positive`)."""
    if n_positive == "auto":
        n_positive = auto_n_positive(pairs.n_pairs)
    return EpochSampler(
        pairs,
        n_positive=n_positive,
        negative_ratio=negative_ratio,
        positives=sampling.positives,
        negative_label=loss.negative_label,
        positive_label=loss.positive_label,
        rng=rng,
        block=None if sampling.block == "auto" else sampling.block,
        exponent=sampling.exponent,
    )


def train(
    sampler: EpochSampler,
    shape: tuple[int, int],
    loss: Loss,
    *,
    embedding_dim: int,
    epochs: int | str,
    optimizer: str,
    learning_rate: float,
    seed: int,
    strategy: Any,
    init: tuple[np.ndarray, np.ndarray] | None,
    callbacks: list,
    verbose: int,
) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Run the epochs; return the trained book and link tables and the epoch losses.

    TensorFlow is imported here. ``callbacks`` are called after every epoch, after the
    progress display; the settings are the estimator's parameters.
    """
    if epochs == "auto":
        epochs = auto_epochs(sampler.pairs_per_epoch)

    from . import _engine  # TensorFlow is imported here and only here.

    if verbose >= 1:
        print(f"Training on {_engine.device_summary()}.", file=sys.stderr, flush=True)
    book_init, link_init = (None, None) if init is None else init
    with EpochProgress(epochs, verbose=verbose) as progress:
        book_vectors, link_vectors, losses = _engine.train(
            sampler.epoch,
            n_books=shape[0],
            n_links=shape[1],
            embedding_dim=embedding_dim,
            epochs=epochs,
            loss=loss.entry,
            optimizer=optimizer,
            learning_rate=learning_rate,
            seed=seed,
            strategy=strategy,
            callbacks=[lambda epoch, value, _: progress(epoch, value), *callbacks],
            book_init=book_init,
            link_init=link_init,
        )
    return book_vectors, link_vectors, losses


def true_pairs_point_away(
    books: np.ndarray, links: np.ndarray, pairs: PairSet, rng: np.random.Generator
) -> bool:
    """Whether true pairs have a lower mean cosine than random pairs (a sample of each)."""
    n = min(pairs.n_pairs, 10_000)
    pos = rng.choice(pairs.n_pairs, n, replace=False)
    b_unit, l_unit = l2_normalize(books), l2_normalize(links)
    true_cos = np.einsum("ij,ij->i", b_unit[pairs.books[pos]], l_unit[pairs.links[pos]])
    rb = rng.integers(0, books.shape[0], n)
    rl = rng.integers(0, links.shape[0], n)
    random_cos = np.einsum("ij,ij->i", b_unit[rb], l_unit[rl])
    return bool(true_cos.mean() < random_cos.mean())


def is_strategy_instance(value: Any) -> bool:
    """Whether ``value`` is a ``tf.distribute.Strategy`` (never imports TensorFlow)."""
    tf = sys.modules.get("tensorflow")  # a Strategy exists only once TensorFlow is imported
    return tf is not None and isinstance(value, tf.distribute.Strategy)


def names_from_frame(X: Any, book_names: Any, link_names: Any) -> tuple[Any, Any]:
    """Take book and link names from a pandas DataFrame's index and columns."""
    index = getattr(X, "index", None)
    columns = getattr(X, "columns", None)
    if index is None or columns is None or not hasattr(X, "iloc"):
        return book_names, link_names
    if book_names is None and not is_range(index):
        if not index.is_unique:
            repeated = index[index.duplicated()].unique()[:5].tolist()
            raise ValueError(
                f"The DataFrame's index gives the book names, and they must be unique; "
                f"repeated: {repeated}. De-duplicate the index (e.g. the Bunch's titles) "
                "or pass book_names= explicitly."
            )
        book_names = [str(v) for v in index]
    if link_names is None and not is_range(columns):
        link_names = [str(v) for v in columns]
    return book_names, link_names


def is_range(index: Any) -> bool:
    """Whether an index holds exactly the integers 0, 1, ..., n - 1 (no names, row numbers)."""
    values = np.asarray(index)
    return values.dtype.kind in "iu" and np.array_equal(values, np.arange(values.shape[0]))
