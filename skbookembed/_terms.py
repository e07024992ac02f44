"""Query terms of :class:`~skbookembed.KeyedEmbeddings`: keys, vectors, weights.

Shared by the modules that make up the class (:mod:`skbookembed._keyed` and its
mixins in :mod:`skbookembed._queries` and :mod:`skbookembed._similarity`): the type
aliases of its signatures and the checks that turn a user's query terms into keys,
vectors and ``(key, weight)`` pairs.
"""

from __future__ import annotations

import numbers
from collections.abc import Iterable, Mapping
from typing import Any, Literal, TypeAlias

import numpy as np
from numpy.typing import NDArray

from ._utils import is_int
from ._vocab import is_key

__all__ = [
    "IndexMode",
    "Key",
    "as_term_list",
    "check_query_vector",
    "is_vector",
    "term_weight",
]

#: A key: a str key, or an int row index.
Key: TypeAlias = str | int
#: How top-k queries are answered (see :meth:`KeyedEmbeddings.set_index`).
IndexMode: TypeAlias = Literal["auto", "exact", "approximate"]


def is_vector(value: Any) -> bool:
    """Whether ``value`` is a 1-D numpy array (a query vector rather than a key).

    Examples
    --------
    >>> import numpy as np
    >>> from skbookembed._terms import is_vector
    >>> is_vector(np.zeros(3)), is_vector([0.0, 0.0]), is_vector("Emma")
    (True, False, False)
    """
    return isinstance(value, np.ndarray) and value.ndim == 1


def as_term_list(value: Any, name: str) -> list[Any]:
    """The query terms of ``value`` as a list, a single key or vector wrapped, like gensim.

    Parameters
    ----------
    value : key, vector, (key, weight) pair, dict, 2-D array, iterable or None
        What a user passed as ``name``; a dict ``{key: weight}`` gives ``(key, weight)``
        pairs, a 2-D array one vector per row, None no terms.
    name : str
        The parameter's name, for error messages.

    Returns
    -------
    list
        Keys, vectors and ``(key, weight)`` pairs.

    Raises
    ------
    TypeError
        For bytes, non-numeric weights and values that are none of the above.
    ValueError
        For arrays of more than two dimensions and non-finite weights.

    Examples
    --------
    >>> from skbookembed._terms import as_term_list
    >>> as_term_list("Emma", "positive"), as_term_list({"Emma": 2}, "positive")
    (['Emma'], [('Emma', 2.0)])
    >>> as_term_list(("Emma", 0.5), "positive")
    [('Emma', 0.5)]
    """
    if value is None:
        return []
    if isinstance(value, (bytes, bytearray)):
        raise TypeError(
            f"{name} is bytes ({value!r}); keys are str or int row indices. Decode it first, "
            "for example key.decode('utf-8')."
        )
    if isinstance(value, Mapping):
        # {key: weight}, gensim's (key, weight) pairs written as a dict.
        return [(key, term_weight(weight, name)) for key, weight in value.items()]
    if is_key(value) or is_vector(value):
        return [value]
    if isinstance(value, np.ndarray):
        if value.ndim == 2:
            return list(value)
        raise ValueError(f"{name} as an array must be 1-D (a vector) or 2-D (vectors).")
    if isinstance(value, tuple) and len(value) == 2 and is_key(value[0]):
        if isinstance(value[1], numbers.Real) and not is_int(value[1]):
            # A single (key, weight) pair passed without the enclosing list.
            return [value]
    if isinstance(value, Iterable):
        return list(value)
    raise TypeError(
        f"{name} must be a key, an int index, a 1-D vector, a (key, weight) pair or a "
        f"list of those, got {type(value).__name__}."
    )


def term_weight(value: Any, name: str) -> float:
    """A term's weight as a float, refusing booleans, non-numbers and non-finite values.

    Examples
    --------
    >>> from skbookembed._terms import term_weight
    >>> term_weight(2, "positive")
    2.0
    """
    if not isinstance(value, numbers.Real) or isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} weights must be numbers, got {type(value).__name__} ({value!r}).")
    weight = float(value)
    if not np.isfinite(weight):
        raise ValueError(f"{name} weights must be finite, got {weight!r}.")
    return weight


def check_query_vector(vector: Any, vector_size: int) -> NDArray[np.float64]:
    """``vector`` as a float64 array of shape ``(vector_size,)`` with finite values.

    Raises
    ------
    TypeError
        For bytes (a key that was not decoded).
    ValueError
        For a wrong shape or NaN / infinite values.

    Examples
    --------
    >>> from skbookembed._terms import check_query_vector
    >>> check_query_vector([3, 4], 2)
    array([3., 4.])
    """
    if isinstance(vector, (bytes, bytearray)):
        raise TypeError(
            f"keys are str or int row indices, got bytes ({vector!r}); decode it first, "
            "for example key.decode('utf-8')."
        )
    arr = np.asarray(vector, dtype=np.float64)
    if arr.shape != (vector_size,):
        raise ValueError(f"query vectors must have shape ({vector_size},), got {arr.shape}.")
    if not np.isfinite(arr).all():
        raise ValueError("query vector contains NaN or infinite values.")
    return arr
