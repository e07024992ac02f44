"""Sampling of training pairs: exact properties on small matrices."""

from __future__ import annotations

import numpy as np
import scipy.sparse as sp

from skbookembed._sampling import EpochSampler, PairSet, sample_negatives

from .conftest import planted_groups


def _sampler(X, **kwargs):
    params = dict(
        n_positive=16,
        negative_ratio=2.0,
        positives="epoch",
        negative_label=-1.0,
        rng=np.random.default_rng(0),
    )
    params.update(kwargs)
    return EpochSampler(PairSet.from_matrix(sp.csr_matrix(X)), **params)


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
    books, links, labels = s.epoch()
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
    a1, a2 = _sampler(X).epoch(), _sampler(X).epoch()
    for x, y in zip(a1, a2, strict=True):
        np.testing.assert_array_equal(x, y)
    s = _sampler(X)
    first, second = s.epoch(), s.epoch()
    assert not np.array_equal(first[0], second[0])


def test_random_positives_draw_without_replacement_inside_a_batch():
    X, _ = planted_groups()
    s = _sampler(X, positives="random", n_positive=64, negative_label=0.0)
    books, links, labels = s.epoch()
    assert (labels[labels != 1.0] == 0.0).all()
    codes = (books.astype(np.int64) * X.shape[1] + links).reshape(-1, 64 * 3)[:, :64]
    assert all(np.unique(row).size == 64 for row in codes)


def test_empty_books_and_links_are_never_sampled():
    X, _ = planted_groups()
    X = sp.vstack([X, sp.csr_matrix((3, X.shape[1]))]).tocsr()
    s = _sampler(X)
    books, links, labels = s.epoch()
    assert books.max() < X.shape[0] - 3


def test_very_dense_matrix_samples_from_the_absent_pairs():
    X = np.ones((5, 4))
    X[1, 2] = X[4, 0] = 0
    books, links, labels = _sampler(X, n_positive=6).epoch()
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
