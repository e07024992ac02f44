"""Training examples from a books-by-links matrix, in vectorised numpy.

Everything here is a pure function of its inputs and a :class:`numpy.random.Generator`;
no TensorFlow. One epoch of training data is three flat arrays ``(books, links, labels)``
whose consecutive slices of ``batch_size`` entries are the batches.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

__all__ = ["PairSet", "EpochSampler"]

# Rejection sampling redraws the negatives that hit a true pair. Above MAX_DENSITY (share of
# true pairs among the pairs of non-empty books and links) negatives are drawn from an
# explicit list of the absent pairs instead, which the matrix is then small enough to hold.
_MAX_REJECTION_ROUNDS = 1000
MAX_DENSITY = 0.5
# Bits of the membership bitmap per true pair (2 bytes): about 6% false candidates.
_BITS_PER_PAIR = 16
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MAX_ENUMERATED = 2**25


@dataclass(frozen=True)
class PairSet:
    """The true (book, link) pairs of a matrix, for sampling and membership tests.

    Attributes
    ----------
    books, links : ndarray of int32
        One entry per training pair (a non-zero entry, repeated ``count`` times when the
        matrix holds counts and ``repeat_counts`` was set).
    codes : ndarray of int64
        Sorted unique ``book * n_links + link`` codes of the true pairs.
    n_books, n_links : int
        Shape of the matrix.
    """

    books: np.ndarray
    links: np.ndarray
    codes: np.ndarray
    n_books: int
    n_links: int
    bitmap: np.ndarray
    log2_bits: int

    @classmethod
    def from_matrix(cls, X: sp.csr_matrix, *, repeat_counts: bool = False) -> PairSet:
        """Pairs of a CSR matrix with sorted indices and no explicit zeros."""
        n_books, n_links = X.shape
        books = np.repeat(np.arange(n_books, dtype=np.int32), np.diff(X.indptr))
        links = X.indices.astype(np.int32, copy=False)
        codes = books.astype(np.int64) * n_links + links
        if repeat_counts:
            reps = np.maximum(np.rint(X.data), 1).astype(np.int64)
            books = np.repeat(books, reps)
            links = np.repeat(links, reps)
        # CSR with sorted indices gives codes already sorted and unique.
        log2_bits = max(16, int(np.ceil(np.log2(max(codes.size, 1) * _BITS_PER_PAIR))))
        bitmap = np.zeros(1 << (log2_bits - 3), dtype=np.uint8)
        hashed = _hash(codes, log2_bits)
        np.bitwise_or.at(bitmap, hashed >> 3, np.left_shift(1, hashed & 7).astype(np.uint8))
        return cls(books, links, codes, int(n_books), int(n_links), bitmap, log2_bits)

    @property
    def n_pairs(self) -> int:
        return int(self.books.shape[0])

    def contains(self, books: np.ndarray, links: np.ndarray) -> np.ndarray:
        """Boolean mask: which of the given (book, link) pairs are true pairs.

        A hashed bitmap of the true pairs rules most queries out at once; only the few
        candidates it lets through are looked up in the sorted codes.
        """
        q = books.astype(np.int64) * self.n_links + links
        hashed = _hash(q, self.log2_bits)
        maybe = (self.bitmap[hashed >> 3] >> (hashed & 7).astype(np.uint8)) & 1
        candidates = np.flatnonzero(maybe)
        out = np.zeros(q.shape, dtype=bool)
        qc = q[candidates]
        pos = np.searchsorted(self.codes, qc)
        pos[pos == self.codes.shape[0]] = 0
        out[candidates] = self.codes[pos] == qc
        return out


def _hash(codes: np.ndarray, log2_bits: int) -> np.ndarray:
    """Fibonacci hashing of pair codes to ``log2_bits``-bit bitmap positions."""
    with np.errstate(over="ignore"):
        mixed = codes.astype(np.uint64) * _GOLDEN
    return (mixed >> np.uint64(64 - log2_bits)).astype(np.int64)


def sample_negatives(
    pairs: PairSet,
    n: int,
    rng: np.random.Generator,
    book_pool: np.ndarray | None = None,
    link_pool: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` uniformly random (book, link) pairs that are not true pairs.

    Like the original recipe, a book and a link are drawn uniformly and independently and the
    pair is redrawn when it is a true one; here all draws of a round happen at once. The pools
    restrict the draw to books and links that have at least one pair.
    """

    def draw(size: int) -> tuple[np.ndarray, np.ndarray]:
        if book_pool is None:
            b = rng.integers(0, pairs.n_books, size=size, dtype=np.int32)
        else:
            b = book_pool[rng.integers(0, book_pool.shape[0], size=size)]
        if link_pool is None:
            l_ = rng.integers(0, pairs.n_links, size=size, dtype=np.int32)
        else:
            l_ = link_pool[rng.integers(0, link_pool.shape[0], size=size)]
        return b, l_

    books, links = draw(n)
    bad = np.flatnonzero(pairs.contains(books, links))
    for _ in range(_MAX_REJECTION_ROUNDS):
        if bad.size == 0:
            return books, links
        books[bad], links[bad] = draw(bad.size)
        bad = bad[pairs.contains(books[bad], links[bad])]
    raise RuntimeError(  # pragma: no cover - prevented by the density check in fit
        "could not draw negative pairs: the matrix is too dense for negative sampling"
    )


class EpochSampler:
    """Makes each epoch's ``(books, links, labels)`` arrays.

    Parameters
    ----------
    pairs : PairSet
        The true pairs.
    n_positive : int
        True pairs per batch.
    negative_ratio : float
        Negatives per true pair; each batch holds ``round(n_positive * negative_ratio)``.
    positives : {"epoch", "random"}
        ``"epoch"`` visits every true pair once per epoch in a fresh random order;
        ``"random"`` draws each batch's true pairs at random (without replacement inside a
        batch, independently across batches) for ``n_pairs // n_positive`` batches, as the
        original recipe's ``random.sample`` generator did.
    negative_label : float
        Label of the negatives (-1 for the regression head, 0 for classification).
    rng : numpy.random.Generator
        Source of randomness; the sampler owns it.
    """

    def __init__(
        self,
        pairs: PairSet,
        *,
        n_positive: int,
        negative_ratio: float,
        positives: str,
        negative_label: float,
        rng: np.random.Generator,
    ) -> None:
        self.pairs = pairs
        self.n_positive = int(min(n_positive, pairs.n_pairs))
        self.n_negative = int(round(self.n_positive * negative_ratio))
        self.positives = positives
        self.negative_label = np.float32(negative_label)
        self.rng = rng
        self._book_pool = _pool(pairs.books, pairs.n_books)
        self._link_pool = _pool(pairs.links, pairs.n_links)
        self._absent = _absent_pairs(pairs, self._book_pool, self._link_pool)

    @property
    def batch_size(self) -> int:
        return self.n_positive + self.n_negative

    @property
    def steps_per_epoch(self) -> int:
        return max(1, self.pairs.n_pairs // self.n_positive)

    def positive_indices(self) -> np.ndarray:
        """Indices into the pair arrays, ``steps_per_epoch * n_positive`` of them."""
        n_pairs, k, steps = self.pairs.n_pairs, self.n_positive, self.steps_per_epoch
        if self.positives == "epoch":
            return self.rng.permutation(n_pairs)[: steps * k]
        # One draw without replacement per batch, as random.sample(pairs, k) did.
        return np.concatenate([self.rng.choice(n_pairs, k, replace=False) for _ in range(steps)])

    def epoch(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """One epoch: int32 books, int32 links, float32 labels, batch after batch."""
        steps, k, m = self.steps_per_epoch, self.n_positive, self.n_negative
        pos = self.positive_indices()
        if self._absent is None:
            neg_b, neg_l = sample_negatives(
                self.pairs, steps * m, self.rng, self._book_pool, self._link_pool
            )
        else:
            absent = self._absent[self.rng.integers(0, self._absent.shape[0], size=steps * m)]
            neg_b, neg_l = absent[:, 0], absent[:, 1]
        size = k + m
        books = np.empty((steps, size), dtype=np.int32)
        links = np.empty((steps, size), dtype=np.int32)
        labels = np.empty((steps, size), dtype=np.float32)
        books[:, :k] = self.pairs.books[pos].reshape(steps, k)
        links[:, :k] = self.pairs.links[pos].reshape(steps, k)
        labels[:, :k] = 1.0
        books[:, k:] = neg_b.reshape(steps, m)
        links[:, k:] = neg_l.reshape(steps, m)
        labels[:, k:] = self.negative_label
        return books.ravel(), links.ravel(), labels.ravel()


def _pool(ids: np.ndarray, n: int) -> np.ndarray | None:
    """The ids that occur at least once, or None when all of ``range(n)`` do."""
    present = np.bincount(ids, minlength=n) > 0
    if present.all():
        return None
    return np.flatnonzero(present).astype(np.int32)


def _absent_pairs(
    pairs: PairSet, book_pool: np.ndarray | None, link_pool: np.ndarray | None
) -> np.ndarray | None:
    """All absent (book, link) pairs of a very dense matrix, or None for a sparse one.

    Drawing uniformly from this list has the same distribution as rejection sampling.
    """
    books = np.arange(pairs.n_books, dtype=np.int32) if book_pool is None else book_pool
    links = np.arange(pairs.n_links, dtype=np.int32) if link_pool is None else link_pool
    cells = books.shape[0] * links.shape[0]
    if pairs.codes.shape[0] <= MAX_DENSITY * cells or cells > _MAX_ENUMERATED:
        return None
    b = np.repeat(books, links.shape[0])
    l_ = np.tile(links, books.shape[0])
    keep = ~pairs.contains(b, l_)
    if not keep.any():
        raise ValueError("every (book, link) pair is present: there is nothing to sample")
    return np.stack([b[keep], l_[keep]], axis=1)
