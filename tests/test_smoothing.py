"""Tests of the smoothing of book vectors over shared links (KeyedEmbeddings.smoothed)."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from skbookembed import KeyedEmbeddings
from skbookembed._smoothing import smooth_over_links
from skbookembed.datasets import make_book_links
from skbookembed.metrics import label_agreement


def _dense_reference(vectors, X, strength):
    """The definition, with the book-by-book cosine matrix formed."""
    X = np.asarray(X, dtype=np.float64)
    units = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-300)
    rows = X / np.maximum(np.linalg.norm(X, axis=1, keepdims=True), 1e-300)
    cos = rows @ rows.T
    np.fill_diagonal(cos, 0.0)
    out = units.copy()
    for i in range(len(X)):
        if cos[i].sum() > 0 and np.any(vectors[i]):
            moved = units[i] + strength * (cos[i] @ units) / cos[i].sum()
            out[i] = moved / np.linalg.norm(moved)
    return out


def test_three_books_by_hand():
    # a shares one of two links with b (cosine 1/2) and both of its links with c
    # (cosine 2 / (sqrt(2) sqrt(3)) = 0.8165); d shares nothing.
    X = np.array([[1, 1, 0, 0], [0, 1, 1, 0], [1, 1, 1, 0], [0, 0, 0, 1]])
    vectors = np.array([[2.0, 0.0], [0.0, 3.0], [0.0, -1.0], [1.0, 1.0]])
    w_b, w_c = 0.5, 2 / np.sqrt(6)
    mean_a = (w_b * np.array([0.0, 1.0]) + w_c * np.array([0.0, -1.0])) / (w_b + w_c)
    a = np.array([1.0, 0.0]) + mean_a
    got = smooth_over_links(vectors, sp.csr_matrix(X), 1.0)
    np.testing.assert_allclose(got[0], a / np.linalg.norm(a), atol=1e-6)
    np.testing.assert_allclose(got[3], [2**-0.5, 2**-0.5], atol=1e-6)  # no neighbour
    np.testing.assert_allclose(got, _dense_reference(vectors, X, 1.0), atol=1e-6)


@pytest.mark.parametrize("strength", [0.0, 0.3, 2.0])
def test_equals_the_definition_on_random_counts(strength):
    rng = np.random.default_rng(1)
    X = rng.poisson(0.15, size=(40, 25)) * rng.integers(1, 4, size=(40, 25))
    X[5] = 0  # a book without links
    vectors = rng.normal(size=(40, 6))
    vectors[7] = 0.0  # a book without a vector
    got = smooth_over_links(vectors, sp.csr_matrix(X), strength)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got, _dense_reference(vectors, X, strength), atol=1e-6)
    assert not got[7].any()
    np.testing.assert_allclose(got[5], vectors[5] / np.linalg.norm(vectors[5]), atol=1e-6)


def test_dense_and_sparse_X_agree():
    rng = np.random.default_rng(2)
    X = (rng.random((15, 10)) < 0.3).astype(np.float32)
    vectors = rng.normal(size=(15, 4))
    np.testing.assert_array_equal(
        smooth_over_links(vectors, X, 0.5), smooth_over_links(vectors, sp.csc_matrix(X), 0.5)
    )


def test_smoothing_recovers_planted_topics_from_noisy_vectors():
    X, topics = make_book_links(400, 500, 4, random_state=0)
    rng = np.random.default_rng(0)
    centres = rng.normal(size=(4, 16))
    vectors = centres[topics] + 2.5 * rng.normal(size=(400, 16))
    before = label_agreement(vectors, topics, k=10)["precision"]
    after = label_agreement(smooth_over_links(vectors, X, 1.0), topics, k=10)["precision"]
    assert before == pytest.approx(0.455, abs=0.01)
    assert after == pytest.approx(0.676, abs=0.01)


def test_keyed_smoothed_keeps_keys_name_and_index_and_leaves_the_original():
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [1.0, 1.0]], dtype=np.float32)
    kv = KeyedEmbeddings(vectors, keys=["a", "b", "c"], name="books", index="exact")
    X = sp.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [1, 0, 0]]))
    out = kv.smoothed(X, strength=0.5)
    assert out is not kv
    assert out.index_to_key == ["a", "b", "c"]
    assert (out.name, out.index) == ("books", "exact")
    np.testing.assert_array_equal(kv.vectors, vectors)
    np.testing.assert_allclose(out.vectors, _dense_reference(vectors, X.toarray(), 0.5), atol=1e-6)


def test_smoothed_with_a_fitted_estimator():
    pytest.importorskip("tensorflow")
    from skbookembed import PairEmbeddingRecommender

    X, _ = make_book_links(60, 80, 3, random_state=0)
    est = PairEmbeddingRecommender(embedding_dim=8, epochs=2, random_state=0).fit(X)
    out = est.books_.smoothed(X, 0.5)
    np.testing.assert_allclose(
        out.vectors, _dense_reference(est.book_embeddings_, X.toarray(), 0.5), atol=1e-5
    )
    assert out.index_to_key == est.books_.index_to_key


@pytest.mark.parametrize(
    ("X", "strength", "message"),
    [
        (np.ones((4, 3)), 0.5, "X has 4 rows but there are 3 vectors"),
        (-np.eye(3), 0.5, "non-negative"),
        (np.array([[1.0, np.nan, 0.0]] * 3), 0.5, "NaN or infinite"),
        (np.array(["a", "b", "c"]), 0.5, "2-D numeric"),
        (np.eye(3), -0.1, "strength must be a finite number >= 0"),
        (np.eye(3), float("nan"), "strength must be a finite number >= 0"),
        (np.eye(3), True, "strength must be a finite number >= 0"),
        (np.eye(3), "1", "strength must be a finite number >= 0"),
    ],
)
def test_bad_input_is_named(X, strength, message):
    with pytest.raises(ValueError, match=message):
        smooth_over_links(np.eye(3), X, strength)
