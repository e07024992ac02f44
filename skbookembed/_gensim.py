"""The bridge to gensim: :class:`~skbookembed.KeyedEmbeddings` to and from ``KeyedVectors``.

gensim is an optional extra (``pip install "skbookembed[gensim]"``), imported only when
:func:`to_keyed_vectors` or :func:`from_keyed_vectors` runs; :class:`GensimMixin` gives
:class:`~skbookembed.KeyedEmbeddings` its ``to_gensim`` and ``from_gensim`` methods on
top of them.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import NDArray

from ._terms import IndexMode

if TYPE_CHECKING:
    from ._keyed import KeyedEmbeddings

__all__ = ["GensimMixin", "from_keyed_vectors", "to_keyed_vectors"]


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


class GensimMixin:
    """``to_gensim`` and ``from_gensim``: conversion to and from ``gensim.models.KeyedVectors``.

    A mixin of :class:`~skbookembed.KeyedEmbeddings`, which provides what the conversion
    relies on: ``vectors``, ``index_to_key`` and a constructor
    ``cls(vectors, keys=, index=, index_params=)``.
    """

    # Provided by KeyedEmbeddings (see the class docstring).
    vectors: NDArray[np.float32]
    index_to_key: list[Any]

    def to_gensim(self) -> Any:
        """These vectors as a :class:`gensim.models.KeyedVectors`.

        The keys (or the row indices, when there are none) and a copy of
        :attr:`vectors` go into a new ``KeyedVectors``, so gensim's tools (its
        evaluation helpers, similarity indexes, word2vec-format I/O) work on
        them directly: its ``most_similar`` returns the same keys, with the
        same cosine similarities up to float32 rounding. Needs gensim, an
        optional extra: ``pip install "skbookembed[gensim]"``.

        Returns
        -------
        gensim.models.KeyedVectors
            ``index_to_key`` equal to :attr:`index_to_key` and ``vectors``
            equal to :attr:`vectors`.

        Raises
        ------
        ImportError
            If gensim is not installed.

        See Also
        --------
        from_gensim : The way back.

        Notes
        -----
        gensim looks keys up exactly (no case-insensitive fallback), and it
        normalises a zero vector (such as the vector of a book without links)
        to NaN, where this class keeps it at zero.

        Examples
        --------
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]], keys=["a", "b", "c"])
        >>> gensim_kv = kv.to_gensim()
        >>> type(gensim_kv).__name__, gensim_kv.index_to_key
        ('KeyedVectors', ['a', 'b', 'c'])
        >>> gensim_kv.most_similar("a", topn=1)[0][0] == kv.most_similar("a", topn=1)[0][0]
        True
        """
        return to_keyed_vectors(self.vectors, self.index_to_key)

    @classmethod
    def from_gensim(
        cls,
        kv: Any,
        *,
        index: IndexMode = "auto",
        index_params: dict[str, Any] | None = None,
    ) -> KeyedEmbeddings:
        """Read the vectors and keys of a :class:`gensim.models.KeyedVectors`.

        Parameters
        ----------
        kv : gensim.models.KeyedVectors
            For example ``Word2Vec(...).wv`` or ``KeyedVectors.load_word2vec_format(...)``.
            Its keys must be str, or the integer row indices ``0 .. n-1`` in
            order (they become the integer keys of this class). The vectors
            are copied as float32.
        index : {"auto", "exact", "approximate"}, default="auto"
            As in :class:`KeyedEmbeddings`.
        index_params : dict, optional
            As in :class:`KeyedEmbeddings`.

        Returns
        -------
        KeyedEmbeddings
            The same keys and vectors.

        Raises
        ------
        ImportError
            If gensim is not installed.
        TypeError
            If ``kv`` is not a ``KeyedVectors`` (a gensim model is pointed to
            its ``wv``), or its keys are neither str nor row indices.

        See Also
        --------
        to_gensim : The way there.

        Examples
        --------
        >>> import numpy as np
        >>> from gensim.models import KeyedVectors
        >>> from skbookembed import KeyedEmbeddings
        >>> gensim_kv = KeyedVectors(vector_size=2)
        >>> gensim_kv.add_vectors(["dune", "emma"], np.array([[1.0, 0.0], [0.0, 1.0]]))
        >>> kv = KeyedEmbeddings.from_gensim(gensim_kv)
        >>> kv.index_to_key, kv["Emma"]
        (['dune', 'emma'], array([0., 1.], dtype=float32))
        """
        vectors, keys = from_keyed_vectors(kv)
        return cls(vectors, keys=keys, index=index, index_params=index_params)
