"""Smoothing of book vectors over the books that share their links.

Each book's unit vector is moved towards the mean unit vector of the other books that
share a link with it, each weighted by the cosine similarity of the two books' link rows.
The mean is computed through the links, ``Xn (Xn.T U)``, in ``O(nnz(X) * dim)`` time and
``O(n_links * dim)`` memory: the book-by-book similarity matrix, which popular links make
dense, is never formed.
"""

from __future__ import annotations

from numbers import Real
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ._neighbors import l2_normalize

__all__ = ["smooth_over_links"]


def _link_rows(X: Any, n_rows: int) -> sp.csr_matrix:
    """``X`` as a float64 CSR matrix of non-negative link weights, one row per vector."""
    if not sp.issparse(X):
        X = np.asarray(X)
        if X.ndim != 2 or X.dtype.kind not in "biuf":
            raise ValueError(
                "X must be the book-by-link matrix (a 2-D numeric array or sparse matrix); "
                f"got an array of shape {X.shape} and dtype {X.dtype}."
            )
    X = sp.csr_matrix(X, dtype=np.float64)
    if X.shape[0] != n_rows:
        raise ValueError(
            f"X has {X.shape[0]} rows but there are {n_rows} vectors: pass the matrix the "
            "vectors were fitted on, one row per vector, in the same order."
        )
    X.sum_duplicates()
    if X.data.size and not np.isfinite(X.data).all():
        raise ValueError("X contains NaN or infinite values.")
    if X.data.size and X.data.min() < 0:
        raise ValueError(
            "X must hold non-negative link counts or weights; it has negative entries."
        )
    X.eliminate_zeros()
    return X


def smooth_over_links(
    vectors: NDArray[np.float32], X: Any, strength: float
) -> NDArray[np.float32]:
    """Unit vectors moved towards those of the books that share their links.

    Row ``i`` of the result is the unit vector of ``u_i + strength * m_i``, where ``u_i``
    is the unit vector of ``vectors[i]`` and ``m_i`` the mean of the other rows' unit
    vectors weighted by ``cos(X[i], X[j])``. Rows that share no link with another row
    (and zero vectors) keep their unit vector; ``strength=0`` only normalises.

    Parameters
    ----------
    vectors : ndarray of shape (n, dim)
        One vector per row of ``X``.
    X : {array-like, sparse matrix} of shape (n, n_links)
        Non-negative link weights of each row (the matrix the vectors were fitted on).
    strength : float
        Weight of the neighbours' mean, ``>= 0``.

    Returns
    -------
    ndarray of float32, shape (n, dim)
        L2-normalised rows.
    """
    if (
        isinstance(strength, bool)
        or not isinstance(strength, Real)
        or not np.isfinite(strength)
        or strength < 0
    ):
        raise ValueError(f"strength must be a finite number >= 0; got {strength!r}.")
    units = l2_normalize(vectors).astype(np.float64)
    X = _link_rows(X, units.shape[0])
    if strength == 0 or X.nnz == 0:
        return units.astype(np.float32)
    lengths = np.sqrt(np.asarray(X.multiply(X).sum(axis=1)).ravel())
    Xn = sp.diags(1.0 / np.where(lengths > 0, lengths, 1.0)) @ X
    # Weighted sums over all rows sharing a link, the row itself included (its own cosine
    # is 1 for a row with links), then the row's own term taken out.
    sums = Xn @ (Xn.T @ units) - units * (lengths > 0)[:, None]
    weights = Xn @ np.asarray(Xn.sum(axis=0)).ravel() - (lengths > 0)
    # Which rows share a link with another row, decided on the pattern, not on rounding.
    shared_links = np.bincount(X.indices, minlength=X.shape[1]) >= 2
    has_neighbours = (X.astype(bool) @ shared_links.astype(np.int64)) > 0
    moved = has_neighbours & units.any(axis=1)  # a zero vector has no direction to keep
    means = np.zeros_like(units)
    means[moved] = sums[moved] / weights[moved, None]
    return l2_normalize(units + strength * means)
