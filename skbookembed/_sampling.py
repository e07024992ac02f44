"""Training examples from a books-by-links matrix, in vectorised numpy.

Everything here is a pure function of its inputs and a :class:`numpy.random.Generator`;
no TensorFlow. One epoch of training data is a :class:`GridEpoch`: per batch, the true
pairs plus blocks of random books by random links whose cells, true pairs excepted, are the
negatives. Blocks of one cell are negatives drawn one by one, as in the original recipe.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import numpy as np
import scipy.sparse as sp

__all__ = [
    "MAX_PAIRS",
    "EpochSampler",
    "GridEpoch",
    "IdDraw",
    "PairSet",
    "auto_grid_block",
    "grid_shape",
    "prefetched",
    "replica_shares",
]

#: Most training pairs a matrix may give (counts repeated with ``repeat_counts``): pair
#: indices are int32 in the batches, and every pair costs about 20 bytes per epoch.
MAX_PAIRS = 2**31 - 1

# Rejection sampling redraws the negatives that hit a true pair. Above MAX_DENSITY (share of
# true pairs among the pairs of non-empty books and links) negatives are drawn from an
# explicit list of the absent pairs instead, which the matrix is then small enough to hold.
_MAX_REJECTION_ROUNDS = 1000
MAX_DENSITY = 0.5
# Bits of the membership bitmap per true pair (2 bytes): about 6% false candidates.
_BITS_PER_PAIR = 16
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MAX_ENUMERATED = 2**25
# Grid cells tested for membership at once (see EpochSampler._grid_epoch).
_CELLS_PER_CHUNK = 2**22
# Buckets of the weighted id draw's lookup table (see _CdfBuckets).
_BUCKETS_PER_ID = 16
_MAX_BUCKETS = 2**22


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
            counts = np.maximum(np.rint(X.data.astype(np.float64)), 1.0)
            total = float(counts.sum())
            if not np.isfinite(total) or total > MAX_PAIRS:
                raise ValueError(
                    f"repeat_counts=True repeats each pair as many times as its count, and "
                    f"the counts of X add up to {total:.3g} pairs, more than the limit of "
                    f"{MAX_PAIRS:,} (largest count: {float(X.data.max()):.3g}). Use "
                    "Sampling(repeat_counts=False), or scale the counts down first (e.g. "
                    "np.log1p or a cap)."
                )
            reps = counts.astype(np.int64)
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
        """Boolean mask: which of the given (book, link) pairs are true pairs."""
        q = books.astype(np.int64) * self.n_links + links
        return self._true_among(_hash(q, self.log2_bits), lambda at: q.flat[at])

    def contains_blocks(self, books: np.ndarray, links: np.ndarray) -> np.ndarray:
        """Boolean mask of shape ``(..., side, side)``: whether ``(books[..., i],
        links[..., j])`` is a true pair, for blocks of ``side`` books by ``side`` links.

        The same test as :meth:`contains` on every cell; a pair code's hash, ``(book *
        n_links + link) * golden`` modulo 2**64, is computed as the sum of a book part and
        a link part, so that each cell costs one addition.
        """
        side = books.shape[-1]
        rows, cols = books.reshape(-1, side), links.reshape(-1, side)
        with np.errstate(over="ignore"):
            row_part = rows.astype(np.uint64) * (np.uint64(self.n_links) * _GOLDEN)
            col_part = cols.astype(np.uint64) * _GOLDEN
            mixed = row_part[:, :, None] + col_part[:, None, :]
        hashed = _bitmap_positions(mixed, self.log2_bits)

        def codes(at: np.ndarray) -> np.ndarray:
            block, cell = np.divmod(at, side * side)
            i, j = np.divmod(cell, side)
            return rows[block, i].astype(np.int64) * self.n_links + cols[block, j]

        out = self._true_among(hashed, codes)
        return out.reshape(*books.shape, side)

    def _true_among(
        self, hashed: np.ndarray, codes: Callable[[np.ndarray], np.ndarray]
    ) -> np.ndarray:
        """Boolean mask of ``hashed``'s shape: whether each hashed pair is a true pair.

        A hashed bitmap of the true pairs rules most queries out at once; only the few
        candidates it lets through (flat positions, whose pair codes ``codes`` gives) are
        looked up in the sorted codes.
        """
        maybe = (self.bitmap[hashed >> 3] >> (hashed & 7).astype(np.uint8)) & 1
        candidates = np.flatnonzero(maybe)
        qc = codes(candidates)
        pos = np.searchsorted(self.codes, qc)
        pos[pos == self.codes.shape[0]] = 0
        out = np.zeros(hashed.shape, dtype=bool)
        out.flat[candidates] = self.codes[pos] == qc
        return out


def _hash(codes: np.ndarray, log2_bits: int) -> np.ndarray:
    """Fibonacci hashing of pair codes to ``log2_bits``-bit bitmap positions."""
    with np.errstate(over="ignore"):
        mixed = codes.astype(np.uint64) * _GOLDEN
    return _bitmap_positions(mixed, log2_bits)


def _bitmap_positions(mixed: np.ndarray, log2_bits: int) -> np.ndarray:
    """The top ``log2_bits`` bits of Fibonacci-mixed codes: positions in the bitmap."""
    return (mixed >> np.uint64(64 - log2_bits)).astype(np.int64)


class IdDraw:
    """Draws book (or link) ids with probability proportional to ``degree ** exponent``.

    Only ids with at least one true pair are drawn. With exponent 0 the draw is uniform
    over them, by one integer draw per id.

    Parameters
    ----------
    ids : ndarray of int
        The book (or link) of every training pair; an id's degree is its number of pairs.
    n : int
        Number of books (or links).
    exponent : float
        Power of the degrees.
    """

    def __init__(self, ids: np.ndarray, n: int, exponent: float = 0.0) -> None:
        degree = np.bincount(ids, minlength=n)
        present = degree > 0
        self.n = int(n)
        self.pool = None if present.all() else np.flatnonzero(present).astype(np.int32)
        self.exponent = float(exponent)
        self.cdf = None
        if self.exponent != 0.0:
            weights = degree[present].astype(np.float64) ** self.exponent
            self.cdf = np.cumsum(weights)
            self.probability = weights / self.cdf[-1]
            self._buckets = _CdfBuckets(self.cdf)
        else:
            self.probability = np.full(int(present.sum()), 1.0 / max(int(present.sum()), 1))

    @property
    def size(self) -> int:
        """Number of ids that can be drawn."""
        return self.n if self.pool is None else int(self.pool.shape[0])

    def weights(self) -> np.ndarray:
        """Probability of each of ``range(n)`` (0 for ids without pairs)."""
        out = np.zeros(self.n)
        out[slice(None) if self.pool is None else self.pool] = self.probability
        return out

    def __call__(self, rng: np.random.Generator, size: int | tuple[int, ...]) -> np.ndarray:
        """int32 ids of the given shape."""
        if self.cdf is None:
            return _uniform_ids(rng, self.pool, self.n, size)
        at = self._buckets.lookup(rng.random(size))
        if self.pool is None:
            return at.astype(np.int32)
        return self.pool[at]


class _CdfBuckets:
    """``min(searchsorted(cdf, u * cdf[-1], "right"), len(cdf) - 1)`` for uniform ``u`` in
    [0, 1), by table lookup.

    ``[0, 1)`` is cut into ``2**b`` equal buckets, at least :data:`_BUCKETS_PER_ID` per id
    (up to :data:`_MAX_BUCKETS`). Multiplying ``u`` by a power of two is exact and
    ``u * cdf[-1]`` grows with ``u``, so every ``u`` of a bucket gets an answer between those
    of its two edges: where they agree, that is the answer; the few other draws are
    searched. The results are exactly those of the search, several times faster.
    """

    def __init__(self, cdf: np.ndarray) -> None:
        self.cdf, self.last = cdf, cdf.shape[0] - 1
        n = min(_MAX_BUCKETS, max(1024, _BUCKETS_PER_ID * cdf.shape[0]))
        self.n_buckets = 1 << int(np.ceil(np.log2(n)))
        edges = np.searchsorted(
            cdf, (np.arange(self.n_buckets + 1) / self.n_buckets) * cdf[-1], "right"
        )
        edges = np.minimum(edges, self.last)
        self.low = edges[:-1].astype(np.int32)
        self.exact = edges[:-1] == edges[1:]

    def lookup(self, u: np.ndarray) -> np.ndarray:
        bucket = (u * self.n_buckets).astype(np.intp)
        at = self.low[bucket]
        unsure = np.flatnonzero(~self.exact[bucket])
        if unsure.size:
            found = np.searchsorted(self.cdf, u.flat[unsure] * self.cdf[-1], "right")
            at.flat[unsure] = np.minimum(found, self.last)
        return at


def sample_negatives(
    pairs: PairSet,
    n: int,
    rng: np.random.Generator,
    book_draw: IdDraw | None = None,
    link_draw: IdDraw | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """``n`` random (book, link) pairs that are not true pairs.

    A book and a link are drawn independently (uniformly unless the draws say otherwise)
    and the pair is redrawn when it is a true one; all draws of a round happen at once. Large draws are made a few million at a time, so that the
    membership test's temporaries stay small.
    """
    book_draw = book_draw or IdDraw(pairs.books, pairs.n_books)
    link_draw = link_draw or IdDraw(pairs.links, pairs.n_links)
    if n > _CELLS_PER_CHUNK:
        books = np.empty(n, dtype=np.int32)
        links = np.empty(n, dtype=np.int32)
        for lo in range(0, n, _CELLS_PER_CHUNK):
            hi = min(n, lo + _CELLS_PER_CHUNK)
            books[lo:hi], links[lo:hi] = sample_negatives(
                pairs, hi - lo, rng, book_draw, link_draw
            )
        return books, links

    def draw(size: int) -> tuple[np.ndarray, np.ndarray]:
        return book_draw(rng, size), link_draw(rng, size)

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


# Largest side of the square blocks of grid negatives (see GridEpoch), and the number of
# times per epoch that the automatic side lets every book and link be drawn as a negative.
GRID_BLOCK = 8
_MIN_NEGATIVE_DRAWS = 8


def auto_grid_block(steps: int, n_negative: int, n_rows: int) -> int:
    """The side of the blocks of negatives chosen by ``Sampling(block="auto")``.

    With uniform negatives each of ``n_rows`` books (or links) is drawn as a negative about
    ``steps * n_negative / n_rows`` times per epoch; blocks of side ``s`` divide that by
    ``s`` (a row drawn into a block serves all of its cells at once). The automatic side is
    the largest one, up to :data:`GRID_BLOCK`, that still draws every row about
    ``_MIN_NEGATIVE_DRAWS`` times per epoch: large data sets get the fast blocks, small ones
    (few batches per epoch) stay close to uniform sampling, where each draw matters.
    """
    per_row = steps * n_negative / max(n_rows, 1)
    return int(np.clip(per_row // _MIN_NEGATIVE_DRAWS, 1, GRID_BLOCK))


def grid_shape(n_negative: int, block: int | None = None) -> tuple[int, int]:
    """``(n_blocks, side)``: blocks of ``side x side`` cells, at least ``n_negative`` cells.

    The side is ``block`` (default :data:`GRID_BLOCK`), or less when fewer negatives are
    needed than one block holds.
    """
    if n_negative <= 0:
        return 0, 0
    side = min(GRID_BLOCK if block is None else block, int(np.ceil(np.sqrt(n_negative))))
    return int(np.ceil(n_negative / side**2)), side


@dataclass(frozen=True)
class GridEpoch:
    """One epoch of batches whose negatives are blocks of random books by random links.

    Batch ``i`` holds the true pairs ``(books[i, j], links[i, j])`` and, as negatives, every
    cell ``(grid_books[i, b, g], grid_links[i, b, h])`` of each block ``b`` that is not a
    true pair (``grid_mask[i, b, g, h]``), each weighing ``grid_weight[i]``: together the
    negatives of a batch weigh ``n_negative``, as that many uniform negatives would. The
    loss of a batch is its weighted sum divided by ``normalizer = n_positive + n_negative``.

    Each cell is a uniformly random (book, link) pair, so the expected gradient is the one
    of uniform negatives. A block of ``side x side`` cells reads ``2 * side`` rows instead
    of ``2 * side**2`` and scores its cells with one small matrix product.

    Attributes
    ----------
    books, links : ndarray of int32 of shape (steps, n_positive)
        True pairs of each batch.
    grid_books, grid_links : ndarray of int32 of shape (steps, n_blocks, side)
        Books (rows) and links (columns) of each block.
    grid_mask : ndarray of bool of shape (steps, n_blocks, side, side)
        False where the cell is a true pair (not a negative).
    grid_weight : ndarray of float32 of shape (steps,)
        Weight of each negative cell of the batch.
    negative_label : float
        Target of the negatives.
    normalizer : float
        Divisor of each batch's weighted loss sum.
    positive_label : float
        Target of the true pairs.
    """

    books: np.ndarray
    links: np.ndarray
    grid_books: np.ndarray
    grid_links: np.ndarray
    grid_mask: np.ndarray
    grid_weight: np.ndarray
    negative_label: float
    normalizer: float
    positive_label: float = 1.0

    @property
    def steps(self) -> int:
        return int(self.books.shape[0])

    @property
    def examples_per_batch(self) -> int:
        """True pairs plus grid cells: the length of a batch of :meth:`examples`."""
        return int(self.books.shape[1] + self.grid_mask[0].size)

    def cells(self, steps: slice = slice(None)) -> tuple[np.ndarray, np.ndarray]:
        """Book and link of every cell of the given steps, ``(n_steps, n_blocks * side**2)``."""
        grid_books, grid_links = self.grid_books[steps], self.grid_links[steps]
        n_steps, n_blocks, side = grid_books.shape
        shape = (n_steps, n_blocks, side, side)
        books = np.broadcast_to(grid_books[..., :, None], shape).reshape(n_steps, -1)
        links = np.broadcast_to(grid_links[..., None, :], shape).reshape(n_steps, -1)
        return books, links

    def examples(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """The epoch as explicit examples: flat ``(books, links, labels, weights)``.

        Each batch of :attr:`examples_per_batch` entries lists the true pairs, then the
        cells block by block, row by row. The weights are scaled so that the mean weighted
        loss over a batch, the reduction of Keras' losses, equals the batch's loss
        (weighted sum over ``normalizer``).
        """
        steps, k = self.books.shape
        cell_books, cell_links = self.cells()
        scale = np.float32(self.examples_per_batch / self.normalizer)
        books = np.concatenate([self.books, cell_books], axis=1)
        links = np.concatenate([self.links, cell_links], axis=1)
        labels = np.empty(books.shape, dtype=np.float32)
        labels[:, :k] = self.positive_label
        labels[:, k:] = self.negative_label
        weights = np.empty(books.shape, dtype=np.float32)
        weights[:, :k] = scale
        weights[:, k:] = self.grid_mask.reshape(steps, -1) * (self.grid_weight * scale)[:, None]
        return books.ravel(), links.ravel(), labels.ravel(), weights.ravel()


class EpochSampler:
    """Makes each epoch's batches, as a :class:`GridEpoch`.

    Parameters
    ----------
    pairs : PairSet
        The true pairs.
    n_positive : int
        True pairs per batch (at most the number of pairs).
    negative_ratio : float
        Negatives per true pair; the negatives of a batch weigh ``round(n_positive *
        negative_ratio)`` in total.
    positives : {"epoch", "random"}
        ``"epoch"`` visits every true pair once per epoch in a fresh random order;
        ``"random"`` draws each batch's true pairs at random (without replacement inside a
        batch, independently across batches) for ``n_pairs // n_positive`` batches.
    negative_label : float
        Label of the negatives.
    rng : numpy.random.Generator
        Source of randomness; the sampler owns it.
    block : int or None, default=None
        Side of the blocks of negatives; None chooses it with :func:`auto_grid_block` from
        the larger of the two tables. With side 1 every negative is its own pair, redrawn
        while it is a true pair (or drawn from the list of absent pairs of a very dense
        matrix), so that every cell is a negative of weight 1.
    exponent : float, default=0.0
        Books and links are drawn in proportion to their number of pairs to this power
        (see :class:`IdDraw`); 0 is uniform.
    positive_label : float, default=1.0
        Label of the true pairs.
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
        block: int | None = None,
        exponent: float = 0.0,
        positive_label: float = 1.0,
    ) -> None:
        if positives not in ("epoch", "random"):
            raise ValueError(f"positives must be 'epoch' or 'random'; got {positives!r}")
        self.pairs = pairs
        self.n_positive = int(min(n_positive, pairs.n_pairs))
        self.n_negative = int(round(self.n_positive * negative_ratio))
        self.positives = positives
        self.negative_label = np.float32(negative_label)
        self.positive_label = np.float32(positive_label)
        self.rng = rng
        self.book_draw = IdDraw(pairs.books, pairs.n_books, exponent)
        self.link_draw = IdDraw(pairs.links, pairs.n_links, exponent)
        if block is None:
            n_rows = max(self.book_draw.size, self.link_draw.size)
            block = auto_grid_block(self.steps_per_epoch, self.n_negative, n_rows)
        self.grid = grid_shape(self.n_negative, block)
        self._absent = (
            _absent_pairs(pairs, self.book_draw, self.link_draw) if self.grid[1] == 1 else None
        )

    @property
    def batch_size(self) -> int:
        """Examples per batch: true pairs plus grid cells."""
        return self.n_positive + self.grid[0] * self.grid[1] ** 2

    @property
    def steps_per_epoch(self) -> int:
        return max(1, self.pairs.n_pairs // self.n_positive)

    @property
    def pairs_per_epoch(self) -> int:
        """True pairs trained on per epoch: ``steps_per_epoch * n_positive``."""
        return self.steps_per_epoch * self.n_positive

    def positive_indices(self) -> np.ndarray:
        """Indices into the pair arrays, :attr:`pairs_per_epoch` of them."""
        n_pairs, k, steps = self.pairs.n_pairs, self.n_positive, self.steps_per_epoch
        if self.positives == "epoch":
            return self.rng.permutation(n_pairs)[: steps * k]
        # One draw without replacement per batch, as random.sample(pairs, k) did.
        return np.concatenate([self.rng.choice(n_pairs, k, replace=False) for _ in range(steps)])

    def epoch(self) -> GridEpoch:
        """One epoch of batches."""
        steps, k, m = self.steps_per_epoch, self.n_positive, self.n_negative
        n_blocks, side = self.grid
        pos = self.positive_indices()
        shape = (steps, n_blocks, side)
        if side == 1:
            grid_books, grid_links = self._single_negatives(steps * n_blocks)
            grid_books, grid_links = grid_books.reshape(shape), grid_links.reshape(shape)
        else:
            grid_books = self.book_draw(self.rng, shape)
            grid_links = self.link_draw(self.rng, shape)
        epoch = GridEpoch(
            books=self.pairs.books[pos].reshape(steps, k),
            links=self.pairs.links[pos].reshape(steps, k),
            grid_books=grid_books,
            grid_links=grid_links,
            grid_mask=np.ones((steps, n_blocks, side, side), dtype=bool),
            grid_weight=np.ones(steps, dtype=np.float32),
            negative_label=float(self.negative_label),
            normalizer=float(k + m),
            positive_label=float(self.positive_label),
        )
        if side > 1:
            self._mask(epoch)
        return epoch

    def _single_negatives(self, n: int) -> tuple[np.ndarray, np.ndarray]:
        if self._absent is None:
            return sample_negatives(self.pairs, n, self.rng, self.book_draw, self.link_draw)
        absent, cdf = self._absent
        if cdf is None:
            at = self.rng.integers(0, absent.shape[0], size=n)
        else:
            at = np.minimum(
                np.searchsorted(cdf, self.rng.random(n) * cdf[-1], "right"), len(cdf) - 1
            )
        return absent[at, 0], absent[at, 1]

    def _mask(self, epoch: GridEpoch) -> None:
        """Mask the cells that are true pairs; weigh the rest to ``n_negative`` per batch."""
        steps, n_blocks, side = epoch.grid_books.shape
        # The membership test needs a few int64 temporaries per cell: run it on a few
        # million cells at a time, so that its memory does not grow with the epoch.
        chunk = max(1, _CELLS_PER_CHUNK // (n_blocks * side * side))
        for lo in range(0, steps, chunk):
            part = slice(lo, lo + chunk)
            true = self.pairs.contains_blocks(epoch.grid_books[part], epoch.grid_links[part])
            epoch.grid_mask[part] = ~true
        valid = epoch.grid_mask.reshape(steps, -1).sum(axis=1)
        # The negatives of a batch weigh m in total whatever the number of masked cells.
        m = self.n_negative
        epoch.grid_weight[...] = np.where(valid > 0, m / np.maximum(valid, 1), 0.0)


def _uniform_ids(
    rng: np.random.Generator, pool: np.ndarray | None, n: int, size: int | tuple[int, ...]
) -> np.ndarray:
    """Uniform int32 ids drawn from ``pool``, or from ``range(n)`` when it is None."""
    if pool is None:
        return rng.integers(0, n, size=size, dtype=np.int32)
    return pool[rng.integers(0, pool.shape[0], size=size)]


def _absent_pairs(
    pairs: PairSet, book_draw: IdDraw, link_draw: IdDraw
) -> tuple[np.ndarray, np.ndarray | None] | None:
    """All absent (book, link) pairs of a very dense matrix and the cumulative weights of
    the draw (None when uniform), or None for a sparse matrix.

    Drawing from this list with these weights has the same distribution as rejection
    sampling with the two id draws.
    """
    books = np.arange(pairs.n_books, dtype=np.int32) if book_draw.pool is None else book_draw.pool
    links = np.arange(pairs.n_links, dtype=np.int32) if link_draw.pool is None else link_draw.pool
    cells = books.shape[0] * links.shape[0]
    if pairs.codes.shape[0] <= MAX_DENSITY * cells or cells > _MAX_ENUMERATED:
        return None
    b = np.repeat(books, links.shape[0])
    l_ = np.tile(links, books.shape[0])
    keep = ~pairs.contains(b, l_)
    if not keep.any():
        raise ValueError("every (book, link) pair is present: there is nothing to sample")
    b, l_ = b[keep], l_[keep]
    cdf = None
    if book_draw.cdf is not None:
        cdf = np.cumsum(book_draw.weights()[b] * link_draw.weights()[l_])
    return np.stack([b, l_], axis=1), cdf


def replica_shares(epoch: GridEpoch, n: int) -> list[np.ndarray]:
    """The epoch's arrays, each batch cut into ``n`` shares (axis 1) for ``n`` replicas.

    Blocks are padded with fully masked ones to a multiple of ``n`` (their rows then count
    as rows of the batch, with zero gradients).
    """
    arrays = [
        epoch.books,
        epoch.links,
        epoch.grid_books,
        epoch.grid_links,
        epoch.grid_mask,
        epoch.grid_weight,
    ]
    if n == 1:
        return arrays
    steps, k = epoch.books.shape
    if k % n:
        raise ValueError(
            f"n_positive ({k}) must be a multiple of the number of replicas ({n}) under this "
            "strategy, so that every replica takes the same share of each batch"
        )
    books, links, gb, gl, mask, weight = arrays
    pad = -gb.shape[1] % n
    if pad:
        gb, gl = (
            np.concatenate([a, np.zeros((steps, pad, a.shape[2]), a.dtype)], 1) for a in (gb, gl)
        )
        mask = np.concatenate([mask, np.zeros((steps, pad, *mask.shape[2:]), bool)], 1)
    cut = lambda a: a.reshape(steps, n, a.shape[1] // n, *a.shape[2:])  # noqa: E731
    return [cut(books), cut(links), cut(gb), cut(gl), cut(mask), np.repeat(weight[:, None], n, 1)]


def prefetched(epoch_fn: Callable[[], GridEpoch], epochs: int) -> Iterator[GridEpoch]:
    """Yield ``epochs`` results of ``epoch_fn``, computing the next during the current.

    Calls happen one at a time and in order. Closing the generator (which the trainer
    does on any exit) waits for the background call, so that no thread outlives training.
    """
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["value"] = epoch_fn()
        except BaseException as exc:  # re-raised in the consumer
            result["error"] = exc

    current = epoch_fn() if epochs > 0 else None
    for epoch in range(epochs):
        worker = None
        if epoch + 1 < epochs:
            result.clear()
            worker = threading.Thread(target=work, name="skbookembed-sampler", daemon=True)
            worker.start()
        try:
            yield current
        finally:
            if worker is not None:
                worker.join()
        if worker is not None:
            if "error" in result:
                raise result["error"]
            current = result["value"]
