"""The bridge to gensim: :class:`~skbookembed.KeyedEmbeddings` to and from ``KeyedVectors``.

gensim is an optional extra (``pip install "skbookembed[gensim]"``), imported only by the
two functions here, which :meth:`KeyedEmbeddings.to_gensim` and
:meth:`KeyedEmbeddings.from_gensim` call.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from numpy.typing import NDArray

__all__ = ["from_keyed_vectors", "to_keyed_vectors"]


def _keyed_vectors_class() -> Any:
    try:
        from gensim.models import KeyedVectors
    except ImportError as exc:
        raise ImportError(
            "The gensim bridge (KeyedEmbeddings.to_gensim / from_gensim) needs gensim: "
            'pip install "skbookembed[gensim]".'
        ) from exc
    return KeyedVectors


def to_keyed_vectors(vectors: NDArray[np.float32], keys: Sequence[Any]) -> Any:
    """A ``gensim.models.KeyedVectors`` holding a copy of ``vectors`` under ``keys``."""
    keyed_vectors = _keyed_vectors_class()
    kv = keyed_vectors(vector_size=int(vectors.shape[1]), count=0, dtype=np.float32)
    kv.add_vectors(list(keys), np.array(vectors, dtype=np.float32, copy=True))
    return kv


def from_keyed_vectors(kv: Any) -> tuple[NDArray[np.float32], list[str] | None]:
    """The vectors (a float32 copy) and keys of a gensim ``KeyedVectors``.

    String keys are returned as they are; integer keys ``0 .. n-1`` in row order give
    ``None`` (rows addressed by index). Other keys are refused with a TypeError.
    """
    keyed_vectors = _keyed_vectors_class()
    if not isinstance(kv, keyed_vectors):
        hint = (
            " It looks like a trained gensim model: pass its vectors, model.wv."
            if isinstance(getattr(kv, "wv", None), keyed_vectors)
            else ""
        )
        raise TypeError(
            f"from_gensim expects a gensim.models.KeyedVectors, got {type(kv).__name__}.{hint}"
        )
    keys = list(kv.index_to_key)
    vectors = np.array(kv.vectors, dtype=np.float32, copy=True)
    if all(isinstance(key, str) for key in keys):
        return vectors, keys
    if keys == list(range(len(keys))):
        return vectors, None
    bad = next(key for key in keys if not isinstance(key, str))
    raise TypeError(
        f"KeyedEmbeddings keys are str (or the row indices 0 .. n-1), but this KeyedVectors "
        f"has the key {bad!r} ({type(bad).__name__}). Convert them first, e.g. "
        "KeyedEmbeddings(kv.vectors, keys=[str(key) for key in kv.index_to_key])."
    )
