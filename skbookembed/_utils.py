"""Small numpy helpers shared by several modules."""

from __future__ import annotations

import numbers
import sys
from typing import Any

import numpy as np
from numpy.typing import NDArray


def is_int(value: Any) -> bool:
    """Whether ``value`` is an integer (Python or numpy), booleans excluded."""
    return isinstance(value, (numbers.Integral, np.integer)) and not isinstance(
        value, (bool, np.bool_)
    )


def check_positive_int(value: Any, name: str) -> int:
    """``value`` as an int, or a ValueError naming ``name`` when it is not an int >= 1."""
    if not is_int(value) or value < 1:
        raise ValueError(f"{name} must be an int >= 1, got {value!r}.")
    return int(value)


def is_sparse(x: Any) -> bool:
    """``scipy.sparse.issparse(x)``, without importing scipy when it is not loaded yet.

    Nothing can be a scipy sparse matrix before ``scipy.sparse`` is imported, so the query
    side of the library can answer this without paying scipy's import time.
    """
    module = sys.modules.get("scipy.sparse")
    return module is not None and bool(module.issparse(x))


def unique_sorted(
    keys: NDArray[np.int64], *, return_counts: bool = False
) -> tuple[NDArray[np.int64], NDArray[np.int64] | None]:
    """Sorted distinct values of ``keys`` (and their counts); sorts ``keys`` in place.

    A sort and a comparison of neighbours, which is much faster than
    :func:`numpy.unique` on large integer arrays.
    """
    keys.sort()
    first = np.empty(keys.size, dtype=bool)
    first[:1] = True
    np.not_equal(keys[1:], keys[:-1], out=first[1:])
    distinct = keys[first]
    if not return_counts:
        return distinct, None
    starts = np.flatnonzero(first)
    return distinct, np.diff(starts, append=keys.size)


def float32_strings(vectors: NDArray[np.float32]) -> NDArray[np.str_]:
    """Shortest decimal strings that read back to exactly the same float32 values."""
    return np.asarray(vectors, dtype=np.float32).astype(str)


def export_vectors(keyed: Any, normalize: bool) -> NDArray[np.float32]:
    """The C-contiguous float32 vectors of a table, L2-normalised when ``normalize``."""
    vectors = keyed.normed_vectors if normalize else keyed.vectors
    return np.ascontiguousarray(vectors, dtype=np.float32)
