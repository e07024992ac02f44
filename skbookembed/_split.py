"""The per-book hold-out split of :func:`skbookembed.metrics.train_test_split`."""

from __future__ import annotations

from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.utils import check_random_state

from ._utils import check_positive_int

__all__ = ["train_test_split"]


def _check_sizes(test_size: Any, leave_k_out: Any, min_links: Any) -> float:
    """The fraction of each row held out (unused with ``leave_k_out``), arguments checked."""
    if leave_k_out is not None and test_size is not None:
        raise ValueError("pass either test_size or leave_k_out, not both.")
    if leave_k_out is not None:
        check_positive_int(leave_k_out, "leave_k_out")
        fraction = 0.0
    else:
        test_size = 0.2 if test_size is None else test_size
        if isinstance(test_size, bool) or not 0.0 < float(test_size) < 1.0:
            raise ValueError(f"test_size must be a float in (0, 1), got {test_size!r}.")
        fraction = float(test_size)
    check_positive_int(min_links, "min_links")
    return fraction


def _n_test(
    counts: NDArray[np.int64], fraction: float, leave_k_out: int | None, min_links: int
) -> NDArray[np.int64]:
    """Entries each row gives to the test matrix, from its number of entries ``counts``."""
    if leave_k_out is not None:
        eligible = (counts >= min_links) & (counts > leave_k_out)
        return np.where(eligible, leave_k_out, 0)
    eligible = (counts >= min_links) & (counts >= 2)
    wanted = np.rint(counts * fraction).astype(np.int64)
    return np.where(eligible, np.clip(wanted, 1, np.maximum(counts - 1, 1)), 0)


def train_test_split(
    X: Any,
    test_size: float | None = None,
    *,
    leave_k_out: int | None = None,
    min_links: int = 2,
    random_state: int | np.random.RandomState | None = None,
) -> tuple[sp.csr_array | sp.csr_matrix, sp.csr_array | sp.csr_matrix]:
    """Hold out some links of each book for evaluation.

    Each row (book) with enough stored entries (links) gives a random part
    of them to the test matrix and keeps the rest for training; rows with
    too few entries stay entirely in the training matrix. Every row that
    gives links away keeps at least one.

    Parameters
    ----------
    X : sparse matrix of shape (n_books, n_links)
        Links of each book; stored values (e.g. counts) are carried over.
    test_size : float, default=0.2
        Fraction of each eligible row's entries held out, rounded to the
        nearest integer but at least 1 and at most ``n_row_links - 1``.
        Must be None when ``leave_k_out`` is given.
    leave_k_out : int, optional
        Hold out exactly this many entries of each eligible row instead.
    min_links : int, default=2
        Rows with fewer entries keep all of them in training. With
        ``leave_k_out``, rows also need more than ``leave_k_out`` entries.
    random_state : int, RandomState instance or None, default=None
        Seed of the draw.

    Returns
    -------
    X_train, X_test : CSR matrices of the shape of ``X``
        Disjoint, with ``X_train + X_test == X``; a ``csr_array`` when
        ``X`` is a sparse array, a ``csr_matrix`` otherwise.

    Examples
    --------
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> from skbookembed.metrics import train_test_split
    >>> X = sp.csr_array(np.array([[1, 1, 1, 1, 1], [1, 0, 0, 0, 0]]))
    >>> X_train, X_test = train_test_split(X, test_size=0.4, random_state=0)
    >>> np.diff(X_train.indptr).tolist(), np.diff(X_test.indptr).tolist()
    ([3, 1], [2, 0])
    """
    fraction = _check_sizes(test_size, leave_k_out, min_links)
    if not sp.issparse(X):
        raise TypeError(
            f"X must be a scipy.sparse matrix (books x links), got {type(X).__name__}."
        )
    is_array = isinstance(X, sp.sparray)
    X = sp.csr_array(X, copy=True)
    X.sum_duplicates()
    X.eliminate_zeros()
    rng = check_random_state(random_state)

    counts = np.diff(X.indptr)
    n_test = _n_test(counts, fraction, leave_k_out, min_links)

    # Rank the entries of each row in a random order; the first n_test go to test.
    rows = np.repeat(np.arange(X.shape[0]), counts)
    order = np.lexsort((rng.random_sample(X.nnz), rows))
    rank_in_row = np.empty(X.nnz, dtype=np.int64)
    rank_in_row[order] = np.arange(X.nnz) - X.indptr[rows[order]]
    to_test = rank_in_row < n_test[rows]

    def part(mask: NDArray[np.bool_]) -> sp.csr_array:
        coo = (X.data[mask], (rows[mask], X.indices[mask]))
        return sp.csr_array(coo, shape=X.shape, dtype=X.dtype)

    X_train, X_test = part(~to_test), part(to_test)
    if not is_array:
        return sp.csr_matrix(X_train), sp.csr_matrix(X_test)
    return X_train, X_test
