"""Sampling of training pairs: exact properties on small matrices."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from skbookembed._sampling import (
    MAX_PAIRS,
    EpochSampler,
    IdDraw,
    PairSet,
    _CdfBuckets,
    sample_negatives,
)

from .conftest import planted_groups


def _sampler(X, **kwargs):
    params = dict(
        n_positive=16,
        negative_ratio=2.0,
        positives="epoch",
        negative_label=-1.0,
        rng=np.random.default_rng(0),
        block=1,
    )
    params.update(kwargs)
    return EpochSampler(PairSet.from_matrix(sp.csr_matrix(X)), **params)


def _flat(sampler):
    """One epoch of blocks of one cell as flat (books, links, labels)."""
    books, links, labels, weights = sampler.epoch().examples()
    return books, links, labels


def test_pairs_of_a_matrix():
    X = sp.csr_matrix(np.array([[0, 2, 1], [1, 0, 0]], dtype=np.float32))
    pairs = PairSet.from_matrix(X)
    assert list(zip(pairs.books, pairs.links, strict=True)) == [(0, 1), (0, 2), (1, 0)]
    assert pairs.contains(np.array([0, 0, 1, 1]), np.array([1, 0, 0, 2])).tolist() == [
        True,
        False,
        True,
        False,
    ]
    repeated = PairSet.from_matrix(X, repeat_counts=True)
    assert list(zip(repeated.books, repeated.links, strict=True)) == [
        (0, 1),
        (0, 1),
        (0, 2),
        (1, 0),
    ]


def test_negatives_are_never_true_pairs():
    X, _ = planted_groups()
    pairs = PairSet.from_matrix(X)
    books, links = sample_negatives(pairs, 50_000, np.random.default_rng(0))
    assert not pairs.contains(books, links).any()
    dense = X.toarray()
    assert (dense[books, links] == 0).all()
    # Uniform over books and links: every book and link is drawn, none much more than others.
    assert np.bincount(books, minlength=X.shape[0]).min() > 0.5 * 50_000 / X.shape[0]


def test_an_epoch_visits_every_true_pair_once_and_labels_them():
    X, _ = planted_groups()
    s = _sampler(X)
    books, links, labels = _flat(s)
    assert s.batch_size == 48 and labels.shape == (s.steps_per_epoch * 48,)
    pos = labels == 1.0
    assert pos.sum() == s.steps_per_epoch * 16
    # Each batch: 16 positives then 32 negatives.
    per_batch = labels.reshape(-1, 48)
    assert (per_batch[:, :16] == 1).all() and (per_batch[:, 16:] == -1).all()
    codes = books[pos].astype(np.int64) * X.shape[1] + links[pos]
    assert np.unique(codes).size == codes.size  # no true pair twice in an epoch
    assert codes.size == (X.nnz // 16) * 16
    assert not PairSet.from_matrix(X).contains(books[~pos], links[~pos]).any()


def test_epochs_differ_and_are_reproducible():
    X, _ = planted_groups()
    a1, a2 = _flat(_sampler(X)), _flat(_sampler(X))
    for x, y in zip(a1, a2, strict=True):
        np.testing.assert_array_equal(x, y)
    s = _sampler(X)
    first, second = _flat(s), _flat(s)
    assert not np.array_equal(first[0], second[0])


def test_random_positives_draw_without_replacement_inside_a_batch():
    X, _ = planted_groups()
    s = _sampler(X, positives="random", n_positive=64, negative_label=0.0)
    books, links, labels = _flat(s)
    assert (labels[labels != 1.0] == 0.0).all()
    codes = (books.astype(np.int64) * X.shape[1] + links).reshape(-1, 64 * 3)[:, :64]
    assert all(np.unique(row).size == 64 for row in codes)


def test_empty_books_and_links_are_never_sampled():
    X, _ = planted_groups()
    X = sp.vstack([X, sp.csr_matrix((3, X.shape[1]))]).tocsr()
    s = _sampler(X)
    books, links, labels = _flat(s)
    assert books.max() < X.shape[0] - 3


def test_very_dense_matrix_samples_from_the_absent_pairs():
    X = np.ones((5, 4))
    X[1, 2] = X[4, 0] = 0
    books, links, labels = _flat(_sampler(X, n_positive=6))
    neg = labels != 1.0
    assert set(zip(books[neg].tolist(), links[neg].tolist(), strict=True)) == {(1, 2), (4, 0)}


def test_batch_larger_than_the_data_is_clipped():
    X = sp.csr_matrix(np.eye(4))
    s = _sampler(X, n_positive=100)
    assert s.n_positive == 4 and s.steps_per_epoch == 1


def test_membership_matches_a_plain_lookup_on_many_queries():
    X, _ = planted_groups(n_groups=6, books_per_group=40, links_per_group=30)
    pairs = PairSet.from_matrix(X)
    rng = np.random.default_rng(1)
    books = rng.integers(0, X.shape[0], 20_000)
    links = rng.integers(0, X.shape[1], 20_000)
    expected = X.toarray()[books, links] > 0
    assert expected.any() and not expected.all()
    np.testing.assert_array_equal(pairs.contains(books, links), expected)


def test_grid_shape():
    from skbookembed._sampling import grid_shape

    assert grid_shape(4096, 8) == (64, 8)  # 64 blocks of 8 x 8: exactly 4096 cells
    assert grid_shape(4096, 64) == (1, 64)
    assert grid_shape(2048, 64) == (1, 46)  # one block, no larger than needed: 46**2 >= 2048
    assert grid_shape(50, 8) == (1, 8)
    assert grid_shape(100, 8) == (2, 8)
    assert grid_shape(7, 1) == (7, 1)
    assert grid_shape(0, 8) == (0, 0)


def test_a_grid_epoch_visits_every_true_pair_and_masks_true_cells():
    X, _ = planted_groups()
    s = _sampler(X, block=3, negative_label=-0.25)
    g = s.epoch()
    steps = s.steps_per_epoch
    # 32 negatives per batch: four blocks of 3 x 3 (36 cells).
    assert s.grid == (4, 3) and s.batch_size == 16 + 36
    assert g.books.shape == g.links.shape == (steps, 16)
    assert g.grid_books.shape == g.grid_links.shape == (steps, 4, 3)
    assert g.grid_mask.shape == (steps, 4, 3, 3) and g.grid_weight.shape == (steps,)
    codes = g.books.astype(np.int64).ravel() * X.shape[1] + g.links.ravel()
    assert np.unique(codes).size == codes.size == (X.nnz // 16) * 16
    # The mask is False exactly on the cells that are true pairs.
    dense = X.toarray() > 0
    cell_books, cell_links = g.cells()
    np.testing.assert_array_equal(g.grid_mask.reshape(steps, -1), ~dense[cell_books, cell_links])
    assert not g.grid_mask.all()  # this matrix is dense enough for a few hits
    # The negatives of every batch weigh n_negative (32) in total.
    np.testing.assert_allclose(g.grid_mask.reshape(steps, -1).sum(1) * g.grid_weight, 32.0)
    assert g.normalizer == 48.0 and g.negative_label == -0.25


def test_grid_examples_write_out_the_same_batches():
    X, _ = planted_groups()
    g = _sampler(X, block=3, negative_label=-0.25).epoch()
    books, links, labels, weights = g.examples()
    size = g.examples_per_batch
    assert size == 16 + 36 and books.shape == (g.steps * size,)
    books, links = books.reshape(-1, size), links.reshape(-1, size)
    labels, weights = labels.reshape(-1, size), weights.reshape(-1, size)
    np.testing.assert_array_equal(books[:, :16], g.books)
    assert (labels[:, :16] == 1.0).all() and (labels[:, 16:] == -0.25).all()
    # Cells block by block, row by row: block b, row r, column c.
    b, r, c = 2, 1, 2
    np.testing.assert_array_equal(books[:, 16 + 9 * b + 3 * r + c], g.grid_books[:, b, r])
    np.testing.assert_array_equal(links[:, 16 + 9 * b + 3 * r + c], g.grid_links[:, b, c])
    # Keras' losses average the weighted losses over the batch: the weights make that
    # average the weighted sum over the normalizer.
    np.testing.assert_allclose(weights.sum(1) / size, 1.0, rtol=1e-6)
    assert (weights[:, 16:][~g.grid_mask.reshape(g.steps, -1)] == 0).all()


def test_grid_rows_are_uniform_over_nonempty_books_and_links():
    X, _ = planted_groups()
    X = sp.vstack([X, sp.csr_matrix((3, X.shape[1]))]).tocsr()
    s = _sampler(X, block=8, n_positive=8, negative_ratio=64.0)
    rows = np.concatenate([s.epoch().grid_books.ravel() for _ in range(5)])
    counts = np.bincount(rows, minlength=X.shape[0])
    assert (counts[-3:] == 0).all()  # empty books never drawn
    assert counts[:-3].min() > 0.6 * counts[:-3].mean()


def test_very_dense_matrix_grid_weights_follow_the_free_cells():
    X = np.ones((5, 4))
    X[1, 2] = X[4, 0] = 0
    g = _sampler(X, n_positive=6, block=2).epoch()
    free = g.grid_mask.reshape(g.steps, -1)
    cell_books, cell_links = g.cells()
    assert {(1, 2), (4, 0)} >= set(
        zip(cell_books[free].tolist(), cell_links[free].tolist(), strict=True)
    )
    expected = np.where(free.sum(1) > 0, 12 / np.maximum(free.sum(1), 1), 0.0)
    np.testing.assert_allclose(g.grid_weight, expected)


def test_unknown_positive_scheme():
    X, _ = planted_groups()
    with pytest.raises(ValueError, match="positives must be"):
        _sampler(X, positives="hard")


def test_grid_mask_is_the_same_when_tested_in_chunks(monkeypatch):
    import skbookembed._sampling as sampling

    X, _ = planted_groups()
    whole = _sampler(X, block=3).epoch()
    monkeypatch.setattr(sampling, "_CELLS_PER_CHUNK", 40)  # one step (36 cells) per chunk
    chunked = _sampler(X, block=3).epoch()
    assert whole.steps > 1 and not whole.grid_mask.all()
    np.testing.assert_array_equal(chunked.grid_mask, whole.grid_mask)
    np.testing.assert_array_equal(chunked.grid_weight, whole.grid_weight)


def test_large_negative_draws_are_made_in_chunks(monkeypatch):
    import skbookembed._sampling as sampling

    X, _ = planted_groups()
    pairs = PairSet.from_matrix(X)
    monkeypatch.setattr(sampling, "_CELLS_PER_CHUNK", 1000)
    books, links = sample_negatives(pairs, 4500, np.random.default_rng(0))
    assert books.shape == links.shape == (4500,) and books.dtype == np.int32
    assert not pairs.contains(books, links).any()
    # Every chunk is a fresh uniform draw: no chunk repeats another.
    assert not np.array_equal(books[:1000], books[1000:2000])
    assert np.bincount(books, minlength=X.shape[0]).min() > 0


def test_auto_grid_block_keeps_every_row_drawn_often_enough():
    from skbookembed._sampling import auto_grid_block

    # The notebook's scale: 751 batches of 4096 negatives over 41,758 links.
    assert auto_grid_block(751, 4096, 41_758) == 8
    # The real sample's training split: 14 batches over 5,794 links, ~10 draws per link.
    assert auto_grid_block(14, 4096, 5_794) == 1
    assert auto_grid_block(97, 4096, 8_000) == 6  # 49.7 draws per row: side 6
    assert auto_grid_block(10**6, 4096, 10) == 8 and auto_grid_block(1, 1, 10**6) == 1


def test_sampler_chooses_the_block_from_the_larger_nonempty_table():
    X, _ = planted_groups()  # 48 books, 60 links
    X = sp.hstack([X, sp.csr_matrix((X.shape[0], 500))]).tocsr()  # empty links do not count
    s = _sampler(X, block=None, n_positive=4, negative_ratio=16.0)
    # 106 batches x 64 negatives / 60 links = 113 draws per link: side 8 (the cap).
    assert s.steps_per_epoch == X.nnz // 4 and s.grid == (1, 8)
    s = _sampler(X, block=None, n_positive=64, negative_ratio=4.0)
    # 6 batches x 256 negatives / 60 links = 25.6 draws per link: side 3.
    assert s.steps_per_epoch == X.nnz // 64 and s.grid == (29, 3)  # 29 blocks of 3 x 3


def test_blocks_of_one_cell_are_uniform_sampling():
    X, _ = planted_groups()
    s = _sampler(X, block=1)
    assert s.grid == (32, 1) and s.batch_size == 48
    g = s.epoch()
    # Every cell is a negative of weight 1: drawn one by one, redrawn when a true pair.
    assert g.grid_mask.all() and (g.grid_weight == 1).all()
    books, links, labels = _flat(s)
    assert not PairSet.from_matrix(X).contains(books[labels != 1], links[labels != 1]).any()


# ----------------------------------------------------------------------------- exponent


def _degrees(X):
    X = sp.csr_matrix(X)
    return np.diff(X.indptr), np.bincount(X.indices, minlength=X.shape[1])


@pytest.mark.parametrize("exponent", [0.0, 0.75, 1.0])
def test_id_draw_follows_the_degree_to_the_power(exponent):
    X, _ = planted_groups()
    X = sp.vstack([X, sp.csr_matrix((3, X.shape[1]))]).tocsr()  # 3 books without pairs
    X = X.tolil()
    X[0, :] = 1.0  # book 0 links to everything: the largest degree by far
    X = X.tocsr()
    pairs = PairSet.from_matrix(X)
    degree, _ = _degrees(X)
    draw = IdDraw(pairs.books, pairs.n_books, exponent)
    expected = np.where(degree > 0, degree.astype(float) ** exponent, 0.0)
    expected /= expected.sum()
    np.testing.assert_allclose(draw.weights(), expected, rtol=1e-12)
    n = 200_000
    counts = np.bincount(draw(np.random.default_rng(0), n), minlength=X.shape[0])
    assert (counts[-3:] == 0).all()
    # Within 5 standard deviations of the expected counts (seeded: not a flaky test).
    sd = np.sqrt(n * expected * (1 - expected))
    assert (np.abs(counts - n * expected) <= 5 * sd + 1).all()


def test_exponent_zero_is_the_original_uniform_draw():
    X, _ = planted_groups()
    pairs = PairSet.from_matrix(X)
    a = IdDraw(pairs.links, pairs.n_links, 0.0)(np.random.default_rng(3), 100)
    b = np.random.default_rng(3).integers(0, X.shape[1], size=100, dtype=np.int32)
    np.testing.assert_array_equal(a, b)


@settings(max_examples=40, deadline=None)
@given(
    seed=st.integers(0, 2**31 - 1),
    n_books=st.integers(2, 12),
    n_links=st.integers(2, 12),
    density=st.floats(0.05, 0.9),
    exponent=st.sampled_from([0.0, 0.5, 0.75, 1.0, 2.0]),
    block=st.integers(1, 5),
    ratio=st.sampled_from([0.5, 1.0, 2.0, 5.0]),
    n_positive=st.integers(1, 8),
)
def test_negatives_are_never_true_pairs_and_weigh_exactly(
    seed, n_books, n_links, density, exponent, block, ratio, n_positive
):
    rng = np.random.default_rng(seed)
    dense = rng.random((n_books, n_links)) < density
    dense[0, 0] = True  # at least one pair
    # fit refuses a matrix without an absent pair between non-empty books and links.
    assume(not dense[dense.any(1)][:, dense.any(0)].all())
    X = sp.csr_matrix(dense.astype(np.float32))
    s = _sampler(
        X,
        n_positive=n_positive,
        negative_ratio=ratio,
        block=block,
        exponent=exponent,
        rng=np.random.default_rng(seed + 1),
    )
    g = s.epoch()
    cell_books, cell_links = g.cells()
    is_true = dense[cell_books, cell_links]
    mask = g.grid_mask.reshape(g.steps, -1)
    # Masked-in cells are never true pairs; the mask removes exactly the true pairs.
    assert not (mask & is_true).any()
    np.testing.assert_array_equal(mask, ~is_true)
    # Only books and links with pairs are drawn.
    assert dense[cell_books.ravel()].any(1).all() and dense[:, cell_links.ravel()].any(0).all()
    # The negatives of a batch weigh n_positive * ratio, whatever the masked cells.
    free = mask.sum(1)
    m = round(s.n_positive * ratio)
    weight = free * g.grid_weight
    np.testing.assert_allclose(weight[free > 0], m, rtol=1e-5)
    # The true pairs of a batch are true pairs.
    assert dense[g.books, g.links].all()


def test_repeat_counts_too_large_get_a_clear_error():
    X = sp.csr_matrix(np.array([[0, 1e30], [1, 0]], dtype=np.float32))
    with pytest.raises(ValueError, match=r"add up to 1e\+30 pairs.*limit of 2,147,483,647"):
        PairSet.from_matrix(X, repeat_counts=True)
    X = sp.csr_matrix(np.array([[0, 1e12], [1, 0]], dtype=np.float64))
    with pytest.raises(ValueError, match="repeat_counts=False"):
        PairSet.from_matrix(X, repeat_counts=True)
    assert MAX_PAIRS == 2**31 - 1
    ok = PairSet.from_matrix(sp.csr_matrix(np.array([[0, 3.0], [1, 0]])), repeat_counts=True)
    assert ok.n_pairs == 4


@pytest.mark.parametrize("n_ids", [1, 2, 7, 1000, 40_000])
def test_weighted_draw_lookup_gives_the_search_exactly(n_ids):
    rng = np.random.default_rng(n_ids)
    weights = rng.zipf(1.5, n_ids).astype(float) ** 0.5
    if n_ids >= 7:
        weights[3] = 0.0  # an id that can never be drawn: its bucket edges coincide
    cdf = np.cumsum(weights)
    u = rng.random((300, 700))
    # The edges of [0, 1) and of a bucket, and their neighbours.
    u.flat[:5] = [0.0, np.nextafter(1.0, 0.0), 0.5, np.nextafter(0.5, 0.0), 2.0**-20]
    expected = np.minimum(np.searchsorted(cdf, u * cdf[-1], "right"), n_ids - 1)
    got = _CdfBuckets(cdf).lookup(u)
    assert got.shape == u.shape
    np.testing.assert_array_equal(got, expected)
    if n_ids >= 7:
        assert not (got == 3).any()


@pytest.mark.parametrize("side", [1, 3, 8])
def test_block_membership_is_the_cell_by_cell_test(side):
    X, _ = planted_groups()
    pairs = PairSet.from_matrix(X)
    rng = np.random.default_rng(side)
    books = rng.integers(0, X.shape[0], (6, 5, side)).astype(np.int32)
    links = rng.integers(0, X.shape[1], (6, 5, side)).astype(np.int32)
    books[0, 0, 0], links[0, 0, side - 1] = pairs.books[0], pairs.links[0]  # one true pair
    got = pairs.contains_blocks(books, links)
    assert got.shape == (6, 5, side, side)
    cell_books = np.broadcast_to(books[..., :, None], got.shape)
    cell_links = np.broadcast_to(links[..., None, :], got.shape)
    dense = X.toarray()[cell_books, cell_links] != 0
    np.testing.assert_array_equal(got, dense)
    assert got[0, 0, 0, side - 1]
