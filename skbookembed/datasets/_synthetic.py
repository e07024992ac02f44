"""Synthetic books x links matrices with planted topics."""

from __future__ import annotations

from numbers import Integral, Real

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray
from sklearn.utils import Bunch, check_random_state

from .._compat import Interval, validate_params
from .._utils import unique_sorted

__all__ = ["make_book_links"]

# Link draws sampled at once; bounds the temporary memory to a few hundred MB
# whatever the size of the matrix. Fixed, so the output depends on the seed only.
_DRAWS_PER_CHUNK = 1 << 22


def _guided_searchsorted(
    grid: NDArray[np.float64],
    guide: NDArray[np.int64],
    scale: float,
    values: NDArray[np.float64],
) -> NDArray[np.int64]:
    """``np.searchsorted(grid, values, side="right")`` helped by a guide table.

    ``guide[b]`` is the answer for ``b / scale``, a lower bound for every value
    in ``[b / scale, (b + 1) / scale)``; from there a few vectorised steps
    forward find the answer. With a guide about twice as long as ``grid`` this
    makes a handful of memory accesses per value instead of a binary search's
    twenty. Answers are capped at ``grid.size - 1`` (the callers clip to a
    topic's last link anyway).
    """
    last = grid.size - 1
    position = guide[np.minimum((values * scale).astype(np.int64), guide.size - 1)]
    active = np.flatnonzero(grid[position] <= values)
    while active.size:
        position[active] += 1
        moved = position[active]
        active = active[(grid[moved] <= values[active]) & (moved < last)]
    return position


def _plant_links(
    rng: np.random.Generator, n_links: int, n_topics: int, link_popularity: float
) -> tuple[NDArray[np.int64], NDArray[np.float64], NDArray[np.int64], NDArray[np.float64]]:
    """Give each link a topic and a within-topic sampling probability.

    Returns ``link_topics``, ``link_weights``, ``order`` (links grouped by
    topic, by increasing index within a topic) and ``grid``: for the grouped
    position ``i`` of a link of topic ``k``, ``k`` plus the cumulative
    within-topic probability up to and including that link. ``grid`` increases
    monotonically and each topic ends exactly at ``k + 1``, so the link drawn for
    topic ``k`` and a uniform ``v`` is ``order[searchsorted(grid, k + v, "right")]``.
    """
    link_topics = rng.permutation(np.arange(n_links, dtype=np.int64) % n_topics)
    order = np.argsort(link_topics, kind="stable")
    sizes = np.bincount(link_topics, minlength=n_topics)
    ends = np.cumsum(sizes)
    starts = ends - sizes
    rank = np.arange(n_links, dtype=np.float64) - np.repeat(starts, sizes)
    weights = (rank + 1.0) ** -link_popularity
    weights /= np.repeat(np.add.reduceat(weights, starts), sizes)
    cumulative = np.cumsum(weights)
    cumulative -= np.repeat(np.concatenate(([0.0], cumulative[ends[:-1] - 1])), sizes)
    cumulative[ends - 1] = 1.0
    grid = cumulative + np.repeat(np.arange(n_topics, dtype=np.float64), sizes)
    link_weights = np.empty(n_links, dtype=np.float64)
    link_weights[order] = weights
    return link_topics, link_weights, order, grid


@validate_params(
    {
        "n_books": [Interval(Integral, 1, None, closed="left")],
        "n_links": [Interval(Integral, 1, None, closed="left")],
        "n_topics": [Interval(Integral, 1, None, closed="left")],
        "mean_links_per_book": [Interval(Real, 1, None, closed="left")],
        "links_per_book_sigma": [Interval(Real, 0, 4, closed="both")],
        "link_popularity": [Interval(Real, 0, None, closed="left")],
        "dominant_weight": [Interval(Real, 0, 1, closed="both")],
        "topic_concentration": [Interval(Real, 0, None, closed="neither")],
        "noise": [Interval(Real, 0, 1, closed="both")],
        "binary": ["boolean"],
        "return_bunch": ["boolean"],
        "random_state": ["random_state"],
    },
    prefer_skip_nested_validation=True,
)
def make_book_links(
    n_books: int = 1000,
    n_links: int = 2000,
    n_topics: int = 10,
    *,
    mean_links_per_book: float = 20.0,
    links_per_book_sigma: float = 1.0,
    link_popularity: float = 1.0,
    dominant_weight: float = 0.8,
    topic_concentration: float = 0.1,
    noise: float = 0.05,
    binary: bool = True,
    return_bunch: bool = False,
    random_state: int | np.random.RandomState | None = None,
) -> tuple[sp.csr_matrix, NDArray[np.int64]] | Bunch:
    """Generate a books x links matrix with planted topics.

    A stand-in for the Wikipedia books x wikilinks matrix whose ground truth is
    known, to test that embeddings recover topics, and to benchmark at any
    scale. The generative model:

    1. Each link belongs to one of ``n_topics`` topics (balanced sizes, random
       assignment). Within a topic, the link of rank ``r = 0, 1, ...`` (ranks
       follow the link index) is drawn with probability proportional to
       ``(r + 1) ** -link_popularity`` (Zipf-like, long-tailed popularity).
    2. Each book has a dominant topic (uniform) and a topic mixture
       ``dominant_weight * onehot(dominant) + (1 - dominant_weight) * d`` with
       ``d ~ Dirichlet(topic_concentration)``: mostly one topic, with a sparse
       sprinkle of others when ``topic_concentration`` is small.
    3. Each book makes ``1 + Poisson(lam)`` link draws, ``lam = (m - 1) * L``
       with ``m = mean_links_per_book`` and ``L`` log-normal with mean 1 and
       log-scale ``links_per_book_sigma`` (long-tailed; mean exactly ``m``).
    4. Each draw picks a topic from the book's mixture and a link from that
       topic, except that with probability ``noise`` it picks a link uniformly
       among all links.

    Repeated draws of the same link by one book are merged (``binary=True``) or
    counted (``binary=False``), so a book's number of distinct links is at
    most its number of draws and the number of stored entries is somewhat below
    ``n_books * mean_links_per_book``. Every book has at least one link. Links
    that no book drew are possible (rare links of a topic, most often) and are
    kept as empty columns so that columns match ``link_topics``.

    Sampling is vectorised and made in chunks of about four million draws, so
    memory stays at a few hundred megabytes besides the output and the dense
    ``(n_books, n_topics)`` mixture, and the result depends on ``random_state``
    only.

    Long only because of its parameter documentation.

    Parameters
    ----------
    n_books : int, default=1000
        Number of books (rows).
    n_links : int, default=2000
        Number of links (columns). Must be at least ``n_topics``.
    n_topics : int, default=10
        Number of planted topics.
    mean_links_per_book : float, default=20.0
        Expected number of link draws per book (at least 1).
    links_per_book_sigma : float, default=1.0
        Spread (log-scale) of the number of draws per book; 0 gives
        ``1 + Poisson(mean_links_per_book - 1)``, larger values a longer tail.
    link_popularity : float, default=1.0
        Exponent of the Zipf-like popularity of links within a topic; 0 makes
        all links of a topic equally likely.
    dominant_weight : float, default=0.8
        Weight of each book's dominant topic in its mixture. Above 0.5 the
        dominant topic is also the largest weight of the mixture.
    topic_concentration : float, default=0.1
        Concentration of the symmetric Dirichlet distribution of the remaining
        ``1 - dominant_weight``; small values put it on few topics.
    noise : float, default=0.05
        Probability that a draw ignores the topics and picks any link.
    binary : bool, default=True
        If True, entries are 1.0; if False, the number of times the book drew
        the link (each draw is a training pair with ``repeat_counts``).
    return_bunch : bool, default=False
        If True, return a :class:`~sklearn.utils.Bunch` with the ground truth
        instead of the tuple ``(X, y)``.
    random_state : int, RandomState instance or None, default=None
        Seed for reproducible output.

    Returns
    -------
    X : scipy.sparse.csr_matrix of shape (n_books, n_links), dtype float32
        The books x links matrix, with sorted indices and no duplicates.
    y : ndarray of shape (n_books,), dtype int64
        The topic of largest weight in each book's mixture (the planted
        dominant topic when ``dominant_weight > 0.5``).
    data : :class:`~sklearn.utils.Bunch`
        Only when ``return_bunch=True``, instead of ``(X, y)``:

        data : scipy.sparse.csr_matrix
            ``X``.
        target : ndarray of shape (n_books,)
            ``y``.
        topic_mixture : ndarray of shape (n_books, n_topics), dtype float64
            Each book's topic mixture (rows sum to 1).
        link_topics : ndarray of shape (n_links,), dtype int64
            The topic of each link.
        link_weights : ndarray of shape (n_links,), dtype float64
            Probability of each link among the draws from its topic.

    See Also
    --------
    skbookembed.datasets.load_wikipedia_books : The real data this imitates.

    Examples
    --------
    >>> from skbookembed.datasets import make_book_links
    >>> X, y = make_book_links(n_books=100, n_links=300, n_topics=3, random_state=0)
    >>> X.shape, X.dtype, y.shape
    ((100, 300), dtype('float32'), (100,))
    >>> bool((X.getnnz(axis=1) >= 1).all())
    True
    >>> truth = make_book_links(n_books=100, n_links=300, n_topics=3, random_state=0,
    ...                         return_bunch=True)
    >>> truth.topic_mixture.shape, truth.link_topics.shape
    ((100, 3), (300,))
    """
    if n_topics > n_links:
        raise ValueError(
            f"n_topics={n_topics} exceeds n_links={n_links}: every topic needs at least one "
            "link. Lower n_topics or raise n_links."
        )
    seed_source = check_random_state(random_state)
    rng = np.random.default_rng(seed_source.randint(np.iinfo(np.int32).max, size=4))
    link_topics, link_weights, order, grid = _plant_links(
        rng, n_links, n_topics, float(link_popularity)
    )
    links = _LinkDraw(order, grid, n_topics, link_topics, float(noise))
    mixture, target = _book_topics(
        rng, n_books, n_topics, float(topic_concentration), float(dominant_weight)
    )
    n_draws = _draws_per_book(rng, n_books, float(mean_links_per_book), links_per_book_sigma)
    X = _draw_matrix(rng, links, mixture, n_draws, binary=binary)
    if not return_bunch:
        return X, target
    return Bunch(
        data=X,
        target=target,
        topic_mixture=mixture,
        link_topics=link_topics,
        link_weights=link_weights,
    )


def _book_topics(
    rng: np.random.Generator,
    n_books: int,
    n_topics: int,
    topic_concentration: float,
    dominant_weight: float,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Each book's topic mixture (a Dirichlet draw, plus a dominant topic) and main topic."""
    dominant = rng.integers(n_topics, size=n_books)
    mixture = rng.dirichlet(np.full(n_topics, topic_concentration), size=n_books)
    mixture *= 1.0 - dominant_weight
    mixture[np.arange(n_books), dominant] += dominant_weight
    return mixture, np.argmax(mixture, axis=1).astype(np.int64)


def _draws_per_book(
    rng: np.random.Generator, n_books: int, mean: float, sigma: float
) -> NDArray[np.int64]:
    """How many links each book draws: 1 plus a Poisson draw of a log-normal mean."""
    lam = np.full(n_books, mean - 1.0)
    if sigma > 0:
        lam *= rng.lognormal(-0.5 * float(sigma) ** 2, float(sigma), size=n_books)
    return 1 + rng.poisson(lam)


class _LinkDraw:
    """Draws links for topics: within a topic by popularity, or any link with ``noise``."""

    def __init__(
        self,
        order: NDArray[np.int64],
        grid: NDArray[np.float64],
        n_topics: int,
        link_topics: NDArray[np.int64],
        noise: float,
    ) -> None:
        n_links = order.size
        self.order, self.grid, self.noise, self.n_topics = order, grid, noise, n_topics
        self.topic_last = np.cumsum(np.bincount(link_topics, minlength=n_topics)) - 1
        self.guide_scale = 2.0 * n_links / n_topics
        guide = np.searchsorted(grid, np.arange(2 * n_links + 1) / self.guide_scale, side="right")
        self.guide = np.minimum(guide, n_links - 1)

    def __call__(self, rng: np.random.Generator, topic: NDArray[np.int64]) -> NDArray[np.int64]:
        """One link per entry of ``topic``."""
        size = topic.size
        position = _guided_searchsorted(
            self.grid, self.guide, self.guide_scale, topic + rng.random(size)
        )
        np.minimum(position, self.topic_last[topic], out=position)
        link = self.order[position]
        if self.noise > 0:
            flip = rng.random(size) < self.noise
            link[flip] = rng.integers(self.order.size, size=int(np.count_nonzero(flip)))
        return link


def _draw_topics(
    rng: np.random.Generator, mixture: NDArray[np.float64], start: int, local: NDArray[np.int64]
) -> NDArray[np.int64]:
    """A topic from its book's mixture for each draw; ``local`` is the book, from ``start``."""
    n_topics = mixture.shape[1]
    # Per book, the cumulative mixture shifted by the book's index, flattened: one
    # increasing array in which a searchsorted finds (book, topic) for book + u.
    book_grid = np.cumsum(mixture, axis=1)
    book_grid[:, -1] = 1.0
    book_grid += np.arange(start, start + mixture.shape[0], dtype=np.float64)[:, None]
    topic = np.searchsorted(
        book_grid.ravel(), local + start + rng.random(local.size), side="right"
    )
    topic -= local * n_topics
    np.minimum(topic, n_topics - 1, out=topic)
    return topic


def _draw_matrix(
    rng: np.random.Generator,
    links: _LinkDraw,
    mixture: NDArray[np.float64],
    n_draws: NDArray[np.int64],
    *,
    binary: bool,
) -> sp.csr_matrix:
    """The books x links matrix of the draws, built in chunks of :data:`_DRAWS_PER_CHUNK`."""
    n_books, n_links = n_draws.size, links.order.size
    cum_draws = np.cumsum(n_draws)
    index_dtype = np.int32 if n_links < np.iinfo(np.int32).max else np.int64
    row_nnz = np.zeros(n_books, dtype=np.int64)
    col_chunks: list[NDArray[np.integer]] = []
    count_chunks: list[NDArray[np.float32]] = []
    start = 0
    while start < n_books:
        before = int(cum_draws[start - 1]) if start else 0
        stop = int(np.searchsorted(cum_draws, before + _DRAWS_PER_CHUNK, side="right"))
        stop = min(max(stop, start + 1), n_books)
        local = np.repeat(np.arange(stop - start, dtype=np.int64), n_draws[start:stop])
        link = links(rng, _draw_topics(rng, mixture[start:stop], start, local))
        keys, counts = unique_sorted(local * n_links + link, return_counts=not binary)
        if counts is not None:
            count_chunks.append(counts.astype(np.float32))
        rows = keys // n_links
        col_chunks.append((keys - rows * n_links).astype(index_dtype))
        row_nnz[start:stop] = np.bincount(rows, minlength=stop - start)
        start = stop

    indptr = np.zeros(n_books + 1, dtype=np.int64)
    np.cumsum(row_nnz, out=indptr[1:])
    nnz = int(indptr[-1])
    if nnz < np.iinfo(np.int32).max and index_dtype == np.int32:
        indptr = indptr.astype(np.int32)
    else:
        index_dtype = np.int64
    indices = np.concatenate(col_chunks).astype(index_dtype, copy=False)
    del col_chunks
    values = np.ones(nnz, dtype=np.float32) if binary else np.concatenate(count_chunks)
    X = sp.csr_matrix((values, indices, indptr), shape=(n_books, n_links))
    X.has_sorted_indices = True
    return X
