"""What plotting and export accept as embeddings, turned into a :class:`KeyedEmbeddings`.

Every plotting and export function takes a :class:`~skbookembed.KeyedEmbeddings`
(``model.books_``, ``model.links_``, a loaded table), a fitted estimator (its books, with
the labels it keeps) or a 2-D numpy array of vectors (keyed by row number).
:func:`resolve_embeddings` is the one place that turns any of them into a table.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from typing import Any, NamedTuple

import numpy as np

from ._keyed import KeyedEmbeddings

__all__ = ["Resolved", "resolve_embeddings"]

_TABLES = ("books", "links")


class Resolved(NamedTuple):
    """A table to plot or export, and what is known of where it came from."""

    keyed: KeyedEmbeddings
    #: ``"books"`` or ``"links"`` for a table taken from a fitted estimator, else None.
    table: str | None
    #: The estimator's ``book_labels_`` (``{field: labels}``) for its books, else None.
    labels: Mapping[str, Any] | None

    @property
    def noun(self) -> str:
        """What the rows are, for titles: the table's name (``"books"``), else ``"items"``."""
        return self.keyed.name or self.table or "items"

    def label_field(self, field: str) -> np.ndarray | None:
        """The ``field`` labels the estimator keeps for this table, if any."""
        if self.labels is None or self.labels.get(field) is None:
            return None
        return np.asarray(self.labels[field], dtype=object)


def _warn_which(which: str) -> None:
    instead = "the model itself (its books)" if which == "books" else f"model.{which}_"
    warnings.warn(
        f"which={which!r} is deprecated and will be removed in 0.3; pass {instead} instead.",
        FutureWarning,
        stacklevel=4,  # the user's call of the public function
    )


def resolve_embeddings(obj: Any, which: str | None = None) -> Resolved:
    """The :class:`Resolved` table of ``obj``, for a public function to call directly.

    ``obj`` is a :class:`KeyedEmbeddings`, a fitted estimator exposing ``books_`` and
    ``links_`` (its books, or the table ``which`` names) or a 2-D numpy array of vectors.
    ``which`` is the deprecated way to choose a table: given, it raises a FutureWarning
    pointing at the caller's caller; it is ignored for anything but an estimator.

    Raises
    ------
    ValueError
        If ``which`` is not ``"books"`` or ``"links"``, or an array is not 2-D.
    sklearn.exceptions.NotFittedError
        If ``obj`` is an estimator that is not fitted.
    TypeError
        If ``obj`` is none of the accepted inputs.
    """
    if which is not None:
        if which not in _TABLES:
            raise ValueError(f"which must be 'books' or 'links', got {which!r}.")
        _warn_which(which)
    if isinstance(obj, KeyedEmbeddings):
        return Resolved(obj, None, None)
    if isinstance(obj, np.ndarray):
        if obj.ndim != 2:
            raise ValueError(
                f"Expected a 2-D array of vectors (n_items, dim), got shape {obj.shape}."
            )
        return Resolved(KeyedEmbeddings(np.asarray(obj, dtype=np.float32)), None, None)
    table = which or "books"
    keyed = getattr(obj, table + "_", None)
    if isinstance(keyed, KeyedEmbeddings):
        labels = getattr(obj, "book_labels_", None) if table == "books" else None
        return Resolved(keyed, table, labels if isinstance(labels, Mapping) else None)
    if hasattr(obj, "fit") and hasattr(obj, "get_params"):
        from sklearn.exceptions import NotFittedError

        raise NotFittedError(
            f"This {type(obj).__name__} instance is not fitted yet: call fit (or load a "
            "saved model) before plotting or exporting its embeddings."
        )
    raise TypeError(
        "Expected a KeyedEmbeddings, a fitted PairEmbeddingRecommender or a 2-D numpy "
        f"array of vectors, got {type(obj).__name__}."
    )
