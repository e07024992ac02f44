"""Pairwise similarities of :class:`~skbookembed.KeyedEmbeddings`: ``similarity`` and kin.

:class:`SimilarityMixin` answers the gensim queries that compare given keys rather than
search the whole collection for neighbours: similarities and distances of keys, the
rank of a key among another's neighbours, the odd one out.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ._neighbors import l2_normalize
from ._terms import Key, check_query_vector
from ._vocab import is_key

__all__ = ["SimilarityMixin"]


class SimilarityMixin:
    """Similarities and distances between given keys, gensim-style.

    ``similarity``, ``n_similarity``, ``distances``, ``distance``, ``closer_than``,
    ``rank``, ``doesnt_match`` and ``most_similar_to_given``. A mixin of
    :class:`~skbookembed.KeyedEmbeddings`, which provides what these rely on:
    ``normed_vectors``, ``vector_size``, ``index_to_key``, ``get_index(key)``,
    ``get_vector(key, norm=)`` and ``_indices_of(keys)`` (row indices of keys, as an
    int64 array). Every similarity is exact: none goes through the approximate index.
    """

    # Provided by KeyedEmbeddings (see the class docstring).
    vector_size: int
    normed_vectors: NDArray[np.float32]
    index_to_key: list[Any]
    get_index: Any
    get_vector: Any
    _indices_of: Any

    def similarity(self, key1: Key, key2: Key) -> float:
        """Cosine similarity of two keys.

        Parameters
        ----------
        key1, key2 : str or int
            Keys or row indices.

        Returns
        -------
        float
            The cosine of the two vectors, in [-1, 1] (0.0 when one is zero).

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [1.0, 1.0]], keys=["a", "b"])
        >>> round(kv.similarity("a", "b"), 4)
        0.7071
        """
        return float(self.get_vector(key1, norm=True) @ self.get_vector(key2, norm=True))

    def n_similarity(self, keys1: Iterable[Key], keys2: Iterable[Key]) -> float:
        """Cosine similarity of the mean normalised vectors of two sets of keys.

        Parameters
        ----------
        keys1, keys2 : iterable of str or int
            Keys or row indices; at least one on each side.

        Returns
        -------
        float
            The cosine of the two mean vectors.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.eye(3), keys=["a", "b", "c"])
        >>> round(kv.n_similarity(["a", "b"], ["a"]), 4)
        0.7071
        """
        k1, k2 = list(keys1), list(keys2)
        if not k1 or not k2:
            raise ValueError("n_similarity needs at least one key on each side.")
        m1 = l2_normalize(self.normed_vectors[self._indices_of(k1)].mean(axis=0))
        m2 = l2_normalize(self.normed_vectors[self._indices_of(k2)].mean(axis=0))
        return float(m1 @ m2)

    def distances(
        self, key_or_vector: Key | ArrayLike, other_keys: Iterable[Key] = ()
    ) -> NDArray[np.float32]:
        """Cosine distances (``1 - similarity``) from a key or vector to other keys.

        Parameters
        ----------
        key_or_vector : str, int or array-like of shape (vector_size,)
            A key, a row index or a query vector.
        other_keys : iterable of keys, optional
            Keys to measure; all rows when empty.

        Returns
        -------
        distances : ndarray of float32
            One distance per key of ``other_keys`` (per row when empty), in
            [0, 2].

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings(np.eye(2), keys=["a", "b"])
        >>> kv.distances("a")
        array([0., 1.], dtype=float32)
        """
        if is_key(key_or_vector):
            q = self.get_vector(key_or_vector, norm=True)  # type: ignore[arg-type]
        else:
            q = l2_normalize(check_query_vector(key_or_vector, self.vector_size))
        others = list(other_keys)
        vectors = self.normed_vectors[self._indices_of(others)] if others else self.normed_vectors
        return (1.0 - vectors @ q).astype(np.float32)

    def distance(self, key1: Key, key2: Key) -> float:
        """Cosine distance ``1 - similarity(key1, key2)``.

        Parameters
        ----------
        key1, key2 : str or int
            Keys or row indices.

        Returns
        -------
        float
            The distance, in [0, 2].

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> KeyedEmbeddings(np.eye(2), keys=["a", "b"]).distance("a", "b")
        1.0
        """
        return 1.0 - self.similarity(key1, key2)

    def closer_than(self, key1: Key, key2: Key) -> list[Any]:
        """Keys closer to ``key1`` than ``key2`` is (``key1`` excluded).

        Parameters
        ----------
        key1, key2 : str or int
            Keys or row indices.

        Returns
        -------
        list
            The keys (str, or int row indices) more similar to ``key1`` than
            ``key2``, in row order.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.9, 0.1], [0.5, 0.5], [0.0, 1.0]],
        ...                      keys=["a", "b", "c", "d"])
        >>> kv.closer_than("a", "c")
        ['b']
        """
        i1, i2 = self.get_index(key1), self.get_index(key2)
        scores = self.normed_vectors @ self.normed_vectors[i1]
        closer = np.flatnonzero(scores > scores[i2])
        keys = self.index_to_key
        return [keys[i] for i in closer.tolist() if i != i1]

    def rank(self, key1: Key, key2: Key) -> int:
        """Rank of ``key2`` among the neighbours of ``key1`` (1 = closest).

        Parameters
        ----------
        key1, key2 : str or int
            Keys or row indices.

        Returns
        -------
        int
            One plus the number of keys closer to ``key1`` than ``key2`` is.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.9, 0.1], [0.5, 0.5], [0.0, 1.0]],
        ...                      keys=["a", "b", "c", "d"])
        >>> kv.rank("a", "b"), kv.rank("a", "d")
        (1, 3)
        """
        return len(self.closer_than(key1, key2)) + 1

    def doesnt_match(self, keys: Iterable[Key]) -> Any:
        """The key least similar to the mean of the given keys.

        Parameters
        ----------
        keys : iterable of str or int
            At least two keys or row indices.

        Returns
        -------
        str or int
            The odd one out, as it was given.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.1], [1.0, 0.0], [0.9, 0.2], [0.0, 1.0]],
        ...                      keys=["Emma", "Persuasion", "Sanditon", "Dune"])
        >>> kv.doesnt_match(["Emma", "Persuasion", "Dune", "Sanditon"])
        'Dune'
        """
        items = list(keys)
        if len(items) < 2:
            raise ValueError("doesnt_match needs at least two keys.")
        rows = self._indices_of(items)
        vectors = self.normed_vectors[rows]
        mean = l2_normalize(vectors.mean(axis=0))
        return items[int(np.argmin(vectors @ mean))]

    def most_similar_to_given(self, key1: Key, keys_list: Iterable[Key]) -> Any:
        """The key of ``keys_list`` most similar to ``key1``.

        Parameters
        ----------
        key1 : str or int
            Key or row index.
        keys_list : iterable of str or int
            Candidates; at least one.

        Returns
        -------
        str or int
            The closest candidate, as it was given.

        Examples
        --------
        >>> import numpy as np
        >>> from skbookembed import KeyedEmbeddings
        >>> kv = KeyedEmbeddings([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]], keys=["a", "b", "c"])
        >>> kv.most_similar_to_given("a", ["c", "b"])
        'b'
        """
        items = list(keys_list)
        if not items:
            raise ValueError("keys_list must contain at least one key.")
        scores = self.normed_vectors[self._indices_of(items)] @ self.get_vector(key1, norm=True)
        return items[int(np.argmax(scores))]
