"""Tests of skbookembed.metrics: hold-out split and ranking metrics, by hand-computed values."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp

from skbookembed.metrics import (
    auc_score,
    hit_rate_at_k,
    label_agreement,
    map_at_k,
    ndcg_at_k,
    precision_at_k,
    ranking_metrics,
    recall_at_k,
    top_k_items,
    train_test_split,
)


def _random_links(n_books=200, n_links=80, density=0.1, seed=0):
    rng = np.random.default_rng(seed)
    dense = (rng.random((n_books, n_links)) < density) * rng.integers(1, 4, (n_books, n_links))
    return sp.csr_array(dense.astype(np.float32))


# ----------------------------------------------------------------------
# train_test_split
# ----------------------------------------------------------------------
def test_split_is_disjoint_and_sums_to_x():
    X = _random_links()
    X_train, X_test = train_test_split(X, 0.25, random_state=0)
    assert X_train.shape == X_test.shape == X.shape
    assert isinstance(X_train, sp.csr_array) and X_train.dtype == X.dtype
    assert (X_train + X_test != X).nnz == 0
    assert X_train.multiply(X_test).nnz == 0


def test_split_fraction_per_row_and_small_rows_stay_in_train():
    X = _random_links(density=0.15)
    counts = np.diff(X.indptr)
    X_train, X_test = train_test_split(X, test_size=0.25, min_links=5, random_state=1)
    n_test = np.diff(X_test.indptr)
    expected = np.where(counts >= 5, np.clip(np.rint(counts * 0.25), 1, counts - 1), 0)
    np.testing.assert_array_equal(n_test, expected)
    assert (np.diff(X_train.indptr)[counts > 0] >= 1).all()  # every book keeps a link


def test_split_leave_k_out():
    X = sp.csr_array(np.array([[1, 1, 1, 1], [1, 1, 0, 0], [1, 0, 0, 0], [1, 1, 1, 0]]))
    X_train, X_test = train_test_split(X, leave_k_out=2, random_state=0)
    np.testing.assert_array_equal(np.diff(X_test.indptr), [2, 0, 0, 2])
    np.testing.assert_array_equal(np.diff(X_train.indptr), [2, 2, 1, 1])


def test_split_is_reproducible_and_seed_dependent():
    X = _random_links()
    a = train_test_split(X, random_state=3)[1]
    b = train_test_split(X, random_state=3)[1]
    c = train_test_split(X, random_state=4)[1]
    assert (a != b).nnz == 0 and (a != c).nnz > 0


def test_split_draws_uniformly_within_rows():
    # One row of 10 links, 1 held out: over many seeds each link is held out ~10%.
    X = sp.csr_array(np.ones((1, 10)))
    held = [train_test_split(X, leave_k_out=1, random_state=s)[1].indices[0] for s in range(400)]
    freq = np.bincount(held, minlength=10) / 400
    assert freq.min() > 0.04 and freq.max() < 0.17


def test_split_keeps_values_and_matrix_type():
    X = sp.csr_matrix(np.array([[5, 0, 2, 7], [1, 3, 0, 0]]))
    X_train, X_test = train_test_split(X, leave_k_out=1, random_state=0)
    assert isinstance(X_train, sp.csr_matrix) and isinstance(X_test, sp.csr_matrix)
    np.testing.assert_array_equal((X_train + X_test).toarray(), X.toarray())


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"test_size": 0.2, "leave_k_out": 1}, ValueError, "not both"),
        ({"test_size": 1.0}, ValueError, "test_size"),
        ({"test_size": True}, ValueError, "test_size"),
        ({"leave_k_out": 0}, ValueError, "leave_k_out"),
        ({"min_links": 0}, ValueError, "min_links"),
    ],
)
def test_split_parameter_errors(kwargs, error, match):
    with pytest.raises(error, match=match):
        train_test_split(sp.csr_array(np.eye(3)), **kwargs)


def test_split_rejects_dense_input():
    with pytest.raises(TypeError, match="scipy.sparse"):
        train_test_split(np.eye(3))


# ----------------------------------------------------------------------
# ranking metrics, by hand
# ----------------------------------------------------------------------
# Row 0: relevant {0, 2}; row 1: relevant {3}; row 2: no relevant item.
TEST = sp.csr_array(np.array([[1, 0, 1, 0, 0], [0, 0, 0, 1, 0], [0, 0, 0, 0, 0]]))
IDS = np.array([[2, 1, 0], [0, 1, 3], [4, 3, 2]])


def test_precision_recall_hit_rate_by_hand():
    np.testing.assert_allclose(precision_at_k(IDS, TEST, k=2, average=False), [1 / 2, 0.0, np.nan])
    np.testing.assert_allclose(recall_at_k(IDS, TEST, k=3, average=False), [1.0, 1.0, np.nan])
    np.testing.assert_allclose(recall_at_k(IDS, TEST, k=1, average=False), [0.5, 0.0, np.nan])
    np.testing.assert_allclose(hit_rate_at_k(IDS, TEST, k=2, average=False), [1.0, 0.0, np.nan])
    assert precision_at_k(IDS, TEST, k=3) == pytest.approx((2 / 3 + 1 / 3) / 2)
    assert recall_at_k(IDS, TEST, k=2) == pytest.approx((0.5 + 0.0) / 2)


def test_ndcg_and_map_by_hand():
    # Row 0 hits at ranks 0 and 2; row 1 hit at rank 2.
    dcg0 = 1 + 1 / np.log2(4)
    idcg0 = 1 + 1 / np.log2(3)
    dcg1, idcg1 = 1 / np.log2(4), 1.0
    np.testing.assert_allclose(
        ndcg_at_k(IDS, TEST, k=3, average=False), [dcg0 / idcg0, dcg1 / idcg1, np.nan]
    )
    ap0 = (1 / 1 + 2 / 3) / 2
    ap1 = (1 / 3) / 1
    np.testing.assert_allclose(map_at_k(IDS, TEST, k=3, average=False), [ap0, ap1, np.nan])
    # A perfect ranking scores 1.
    perfect = np.array([[0, 2, 1], [3, 0, 1], [0, 1, 2]])
    assert ndcg_at_k(perfect, TEST, k=3) == pytest.approx(1.0)
    assert map_at_k(perfect, TEST, k=3) == pytest.approx(1.0)


def test_ranking_metrics_equals_the_single_metrics():
    out = ranking_metrics(IDS, TEST, k=3)
    assert out["n_evaluated"] == 2
    assert out["precision"] == pytest.approx(precision_at_k(IDS, TEST, k=3))
    assert out["recall"] == pytest.approx(recall_at_k(IDS, TEST, k=3))
    assert out["ndcg"] == pytest.approx(ndcg_at_k(IDS, TEST, k=3))
    assert out["map"] == pytest.approx(map_at_k(IDS, TEST, k=3))
    assert out["hit_rate"] == pytest.approx(hit_rate_at_k(IDS, TEST, k=3))


def test_scores_and_ranked_ids_give_the_same_metrics():
    rng = np.random.default_rng(0)
    X = _random_links(n_books=50, n_links=30, density=0.3)
    X_train, X_test = train_test_split(X, 0.3, random_state=0)
    scores = rng.random(X.shape)
    ranked = np.argsort(-scores, axis=1)
    for metric in (precision_at_k, recall_at_k, ndcg_at_k, map_at_k, hit_rate_at_k):
        a = metric(scores, X_test, X_train, k=5, average=False)
        b = metric(ranked, X_test, X_train, k=5, average=False)
        np.testing.assert_allclose(a, b)


def test_train_items_are_excluded_from_the_top_k():
    scores = np.array([[0.9, 0.8, 0.1, 0.0]])
    train = sp.csr_array(np.array([[1, 0, 0, 0]]))
    test = sp.csr_array(np.array([[0, 0, 1, 0]]))
    # Without exclusion, item 0 (known) takes a slot and 2 falls out of the top 2.
    assert recall_at_k(scores, test, k=2) == 0.0
    assert recall_at_k(scores, test, train, k=2) == 1.0
    ids = np.array([[0, 1, 2, 3]])
    assert recall_at_k(ids, test, train, k=2) == 1.0


def test_top_k_items_pads_and_skips():
    scores = np.array([[0.3, 0.2, 0.1]])
    train = sp.csr_array(np.array([[0, 1, 0]]))
    np.testing.assert_array_equal(top_k_items(scores, 4, train), [[0, 2, -1, -1]])
    ids = np.array([[1, -1, 2]])
    np.testing.assert_array_equal(top_k_items(ids, 3, train), [[2, -1, -1]])
    np.testing.assert_array_equal(top_k_items(np.array([[0.0, -np.inf]]), 2), [[0, -1]])


def test_oracle_scores_recall_everything():
    X = _random_links(density=0.05)
    X_train, X_test = train_test_split(X, leave_k_out=1, random_state=0)
    oracle = X_test.toarray().astype(float) + 0.01 * np.random.default_rng(0).random(X.shape)
    assert recall_at_k(oracle, X_test, X_train, k=1) == 1.0
    assert ndcg_at_k(oracle, X_test, X_train, k=10) == 1.0


def test_metric_errors():
    with pytest.raises(ValueError, match="k must be"):
        recall_at_k(IDS, TEST, k=0)
    with pytest.raises(ValueError, match="rows"):
        recall_at_k(IDS[:2], TEST)
    with pytest.raises(ValueError, match="columns"):
        recall_at_k(np.zeros((3, 4)), TEST)
    with pytest.raises(ValueError, match="beyond"):
        recall_at_k(IDS + 3, TEST)
    with pytest.raises(TypeError, match="float scores or integer"):
        recall_at_k(IDS.astype(bool), TEST)
    with pytest.raises(ValueError, match="no stored entries"):
        recall_at_k(IDS, sp.csr_array((3, 5)))


# ----------------------------------------------------------------------
# AUC
# ----------------------------------------------------------------------
def test_auc_by_hand_with_ties_and_train_exclusion():
    scores = np.array([[0.9, 0.1, 0.5, 0.3], [0.5, 0.5, 0.2, 0.9]])
    test = sp.csr_array(np.array([[1, 0, 0, 1], [1, 0, 0, 0]]))
    # Row 0: pairs (0>1, 0>2, 3>1) won, 3<2 lost -> 3/4.
    # Row 1: positive 0 vs negatives {1 (tie), 2 (win), 3 (loss)} -> 1.5/3.
    np.testing.assert_allclose(auc_score(scores, test, average=False), [0.75, 0.5])
    train = sp.csr_array(np.array([[0, 0, 1, 0], [0, 0, 0, 1]]))
    # Known items leave the comparison: row 0 -> 2/2, row 1 -> 1.5/2.
    np.testing.assert_allclose(auc_score(scores, test, train, average=False), [1.0, 0.75])
    assert auc_score(scores, test, train) == pytest.approx(0.875)


def test_auc_matches_sklearn_per_row():
    from sklearn.metrics import roc_auc_score

    rng = np.random.default_rng(1)
    scores = rng.normal(size=(20, 15)).round(1)  # rounding creates ties
    test = sp.csr_array((rng.random((20, 15)) < 0.3).astype(float))
    ours = auc_score(scores, test, average=False)
    dense = test.toarray() > 0
    for i in range(20):
        if 0 < dense[i].sum() < 15:
            assert ours[i] == pytest.approx(roc_auc_score(dense[i], scores[i]))
        else:
            assert np.isnan(ours[i])


def test_auc_errors():
    with pytest.raises(ValueError, match="finite"):
        auc_score(np.array([[np.nan, 1.0]]), sp.csr_array(np.array([[1, 0]])))
    with pytest.raises(ValueError, match="undefined"):
        auc_score(np.array([[0.1, 1.0]]), sp.csr_array(np.array([[1, 1]])))
    with pytest.raises(ValueError, match="shape"):
        auc_score(np.ones((2, 2)), sp.csr_array(np.eye(3)))


# ----------------------------------------------------------------------
# label_agreement
# ----------------------------------------------------------------------
# Six items on a line of angles; neighbours by cosine are the nearest angles.
_ANGLES = np.array([0.0, 0.1, 0.3, 1.2, 1.3, 1.5])
_VECTORS = np.stack([np.cos(_ANGLES), np.sin(_ANGLES)], axis=1)


def test_label_agreement_known_answer():
    labels = ["a", "a", "b", "b", None, "b"]
    # k=2 neighbours: 0 -> (1, 2); 1 -> (0, 2); 2 -> (1, 0); 3 -> (4, 5); 5 -> (4, 3).
    # 0: labelled 2, same 1; 1: same as 0; 2: labelled 2, same 0; 3: labelled 1 (4 has
    # none), same 1; 5: labelled 1, same 1. Item 4 is skipped (missing label).
    out = label_agreement(_VECTORS, labels, k=2, average=False)
    np.testing.assert_allclose(out["precision"], [0.5, 0.5, 0.0, 1.0, np.nan, 1.0])
    np.testing.assert_array_equal(out["hit_rate"], [1, 1, 0, 1, np.nan, 1])
    np.testing.assert_array_equal(out["evaluated"], [True, True, True, True, False, True])
    mean = label_agreement(_VECTORS, labels, k=2)
    assert mean["n_evaluated"] == 5
    assert mean["precision"] == pytest.approx(3.0 / 5.0)
    assert mean["hit_rate"] == pytest.approx(4.0 / 5.0)


def test_label_agreement_skips_unique_labels_and_counts_unlabelled_neighbours():
    labels = ["a", "solo", "a", np.nan, None, "z"]
    # Evaluated: 0 and 2 only ("solo" and "z" are unique, 3 and 4 missing).
    # k=3: 0 -> (1, 2, 3): labelled 1 (solo), 2 (a): precision 1/2, hit 1.
    #      2 -> (1, 0, 3): labelled 1, 0: precision 1/2, hit 1.
    out = label_agreement(_VECTORS, labels, k=3)
    assert out == {"precision": pytest.approx(0.5), "hit_rate": 1.0, "n_evaluated": 2}


def test_label_agreement_no_labelled_neighbour_gives_nan_precision_and_a_miss():
    labels = ["a", None, None, None, None, "a"]
    out = label_agreement(_VECTORS, labels, k=2, average=False)
    assert np.isnan(out["precision"][[0, 5]]).all()
    np.testing.assert_array_equal(out["hit_rate"][[0, 5]], [0, 0])
    mean = label_agreement(_VECTORS, labels, k=2)
    assert np.isnan(mean["precision"]) and mean["hit_rate"] == 0.0 and mean["n_evaluated"] == 2
    # With k=5 every other item is a neighbour: each finds the other.
    assert label_agreement(_VECTORS, labels, k=5) == {
        "precision": 1.0,
        "hit_rate": 1.0,
        "n_evaluated": 2,
    }


def test_label_agreement_inputs_agree_and_zero_vectors_are_ignored():
    from skbookembed import KeyedEmbeddings

    vectors = np.vstack([_VECTORS * 3.0, np.zeros((1, 2))])
    labels = ["a", "a", "b", "b", "b", "a", "a"]
    expected = label_agreement(_VECTORS, labels[:6], k=2)
    # The zero row is neither evaluated nor anyone's neighbour.
    assert label_agreement(vectors, labels, k=2) == expected
    assert label_agreement(sp.csr_array(vectors), labels, k=2) == expected
    assert label_agreement(KeyedEmbeddings(vectors), labels, k=2) == expected
    # Neighbours (k=2): 0 -> (1, 2), 1 -> (0, 2), 2 -> (1, 0), 3 -> (4, 5), 4 -> (3, 5),
    # 5 -> (4, 3); precisions 1/2, 1/2, 0, 1/2, 1/2, 0.
    assert expected == {
        "precision": pytest.approx(1 / 3),
        "hit_rate": pytest.approx(4 / 6),
        "n_evaluated": 6,
    }


def test_label_agreement_chunked_matches_one_block(monkeypatch):
    import skbookembed._topk as topk

    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(300, 5))
    labels = rng.integers(0, 12, 300).astype(object)
    labels[rng.random(300) < 0.2] = None
    whole = label_agreement(vectors, labels, k=7, average=False)
    monkeypatch.setattr(topk, "CHUNK_SCORES", 300 * 11)  # chunks of 11 queries
    parts = label_agreement(vectors, labels, k=7, average=False)
    np.testing.assert_array_equal(parts["hit_rate"], whole["hit_rate"])
    np.testing.assert_allclose(parts["precision"], whole["precision"])
    # Brute force for one item.
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    i = int(np.flatnonzero(whole["evaluated"])[0])
    sims = unit @ unit[i]
    sims[i] = -np.inf
    top = np.argsort(-sims)[:7]
    lab = [labels[j] for j in top if labels[j] is not None]
    assert whole["precision"][i] == pytest.approx(np.mean([v == labels[i] for v in lab]))


def test_top_k_items_and_auc_chunked_match_one_block(monkeypatch):
    import skbookembed._topk as topk

    rng = np.random.default_rng(0)
    X = _random_links(n_books=60, n_links=25, density=0.3)
    X_train, X_test = train_test_split(X, 0.3, random_state=0)
    scores = rng.normal(size=X.shape)
    ids, auc = top_k_items(scores, 6, X_train), auc_score(scores, X_test, X_train, average=False)
    monkeypatch.setattr(topk, "CHUNK_SCORES", 25 * 7)  # chunks of 7 rows
    np.testing.assert_array_equal(top_k_items(scores, 6, X_train), ids)
    np.testing.assert_array_equal(auc_score(scores, X_test, X_train, average=False), auc)


def test_label_agreement_errors():
    with pytest.raises(ValueError, match="one label per item"):
        label_agreement(_VECTORS, ["a", "a"])
    with pytest.raises(TypeError, match="not a string"):
        label_agreement(_VECTORS, "aaaaaa")
    with pytest.raises(ValueError, match="k must be"):
        label_agreement(_VECTORS, list("aabbcc"), k=0)
    with pytest.raises(ValueError, match="no item can be evaluated"):
        label_agreement(_VECTORS, list("abcdef"))
