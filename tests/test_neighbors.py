"""Tests of skbookembed._neighbors: exact top-k and the approximate index wrapper."""

from __future__ import annotations

import types

import numpy as np
import pytest
import scipy.sparse as sp

from skbookembed import _neighbors
from skbookembed._neighbors import ApproximateIndex, exact_search, l2_normalize
from skbookembed._topk import select_top


def _brute_force(q, db, k, *, least=False, allowed=None):
    """Reference answer: full stable sort of every score, one query at a time."""
    q, db = np.asarray(q, np.float32), np.asarray(db, np.float32)
    out_ids, out_scores = [], []
    for i, row in enumerate(q):
        scores = db @ row
        idx = np.arange(len(db))
        if allowed is not None:
            idx = idx[allowed[i]]
        s = scores[idx]
        order = np.lexsort((idx, s if least else -s))
        out_ids.append(idx[order][:k])
        out_scores.append(s[order][:k])
    return np.array(out_ids), np.array(out_scores)


def _clustered(n_clusters=20, per_cluster=30, dim=12, noise=0.2, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(n_clusters, dim))
    x = np.repeat(centres, per_cluster, axis=0) + noise * rng.normal(
        size=(n_clusters * per_cluster, dim)
    )
    return l2_normalize(x)


# ----------------------------------------------------------------------
# l2_normalize
# ----------------------------------------------------------------------
def test_l2_normalize_unit_rows_and_zero_rows_stay_zero():
    x = np.array([[3.0, 4.0], [0.0, 0.0], [1e-30, 0.0], [-2.0, 0.0]])
    out = l2_normalize(x)
    assert out.dtype == np.float32
    np.testing.assert_allclose(out, [[0.6, 0.8], [0, 0], [1, 0], [-1, 0]], rtol=1e-6)
    assert x[0, 0] == 3.0  # input untouched


# ----------------------------------------------------------------------
# exact_search: known answers
# ----------------------------------------------------------------------
def test_exact_search_known_neighbours_and_scores():
    db = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8], [-1.0, 0.0]])
    ids, scores = exact_search([[1.0, 0.0], [0.0, 1.0]], db, k=3)
    np.testing.assert_array_equal(ids, [[0, 2, 1], [1, 2, 0]])
    np.testing.assert_allclose(scores, [[1.0, 0.6, 0.0], [1.0, 0.8, 0.0]], atol=1e-6)
    assert ids.dtype == np.int64 and scores.dtype == np.float32


def test_exact_search_least_returns_least_similar_first():
    db = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8], [-1.0, 0.0]])
    ids, scores = exact_search([[1.0, 0.0]], db, k=2, least=True)
    np.testing.assert_array_equal(ids, [[3, 1]])
    np.testing.assert_allclose(scores, [[-1.0, 0.0]], atol=1e-6)


def test_exact_search_ties_broken_by_lower_index():
    db = np.ones((6, 3))
    ids, _ = exact_search(np.ones((2, 3)), db, k=4)
    np.testing.assert_array_equal(ids, [[0, 1, 2, 3]] * 2)
    ids, _ = exact_search(np.ones((1, 3)), db, k=4, least=True)
    np.testing.assert_array_equal(ids, [[0, 1, 2, 3]])


def test_exact_search_ties_at_the_cut_keep_the_lowest_indices():
    # One best vector, then 999 equal ones: the cut after k falls inside the tie,
    # where a partial sort alone keeps an arbitrary subset of the tied columns.
    db = np.zeros((1000, 2))
    db[:, 0] = 1.0
    db[-1] = [1.0, 1.0]
    ids, scores = exact_search([[1.0, 1.0]], db, k=5)
    np.testing.assert_array_equal(ids, [[999, 0, 1, 2, 3]])
    np.testing.assert_allclose(scores, [[2, 1, 1, 1, 1]], rtol=1e-6)


@pytest.mark.parametrize("seed", range(5))
@pytest.mark.parametrize("chunk_scores", [None, 64])
def test_select_top_matches_a_full_sort_on_heavily_tied_scores(seed, chunk_scores, monkeypatch):
    if chunk_scores is not None:  # the tied rows are redone a few rows at a time
        monkeypatch.setattr("skbookembed._topk.CHUNK_SCORES", chunk_scores)
    rng = np.random.default_rng(seed)
    for _ in range(20):
        n = int(rng.integers(2, 400))
        scores = rng.integers(0, 4, size=(6, n)).astype(np.float32)
        scores[rng.random(scores.shape) < 0.2] = -np.inf
        k = int(rng.integers(1, n + 1))
        ids, top = select_top(scores, k)
        columns = np.broadcast_to(np.arange(n), scores.shape)
        order = np.lexsort((columns, -scores), axis=1)[:, :k]
        np.testing.assert_array_equal(ids, order)
        np.testing.assert_array_equal(top, np.take_along_axis(scores, order, axis=1))


@pytest.mark.parametrize("k", [0, 1, 5, 40, 41, 100])
@pytest.mark.parametrize("least", [False, True])
def test_exact_search_matches_brute_force(k, least):
    rng = np.random.default_rng(1)
    db = l2_normalize(rng.normal(size=(41, 5)))
    q = l2_normalize(rng.normal(size=(7, 5)))
    ids, scores = exact_search(q, db, k, least=least, chunk_size=3)
    ref_ids, ref_scores = _brute_force(q, db, k, least=least)
    assert ids.shape == (7, min(k, 41))
    np.testing.assert_array_equal(ids, ref_ids.reshape(ids.shape))
    np.testing.assert_allclose(scores, ref_scores.reshape(scores.shape), atol=1e-6)


def test_exact_search_chunk_size_does_not_change_the_answer():
    rng = np.random.default_rng(2)
    db = l2_normalize(rng.normal(size=(50, 4)))
    q = l2_normalize(rng.normal(size=(13, 4)))
    full = exact_search(q, db, 5)
    for chunk in (1, 2, 5, 13, 100):
        got = exact_search(q, db, 5, chunk_size=chunk)
        np.testing.assert_array_equal(got[0], full[0])
        # BLAS may sum in another order for another block shape.
        np.testing.assert_allclose(got[1], full[1], atol=1e-6)


def test_exact_search_candidates_banned_and_per_query_exclusions():
    rng = np.random.default_rng(3)
    db = l2_normalize(rng.normal(size=(30, 4)))
    q = l2_normalize(rng.normal(size=(4, 4)))
    candidates = np.arange(0, 30, 2)  # even rows only
    banned = np.array([0, 4, 5])
    exclude = sp.csr_array((np.ones(4), ([0, 1, 2, 2], [6, 8, 10, 11])), shape=(4, 30))
    allowed = np.zeros((4, 30), bool)
    allowed[:, candidates] = True
    allowed[:, banned] = False
    allowed[exclude.nonzero()] = False
    for least in (False, True):
        ids, scores = exact_search(
            q, db, 5, least=least, candidates=candidates, banned=banned, exclude=exclude
        )
        ref_ids, ref_scores = _brute_force(q, db, 5, least=least, allowed=allowed)
        np.testing.assert_array_equal(ids, ref_ids)
        np.testing.assert_allclose(scores, ref_scores, atol=1e-6)


def test_exact_search_boolean_candidate_mask_equals_index_list():
    rng = np.random.default_rng(4)
    db = l2_normalize(rng.normal(size=(20, 3)))
    mask = np.zeros(20, bool)
    mask[[1, 3, 7, 19]] = True
    a = exact_search(db[:2], db, 3, candidates=mask)
    b = exact_search(db[:2], db, 3, candidates=[19, 7, 3, 1, 3])
    np.testing.assert_array_equal(a[0], b[0])
    assert set(a[0].ravel()) <= {1, 3, 7, 19}


def test_exact_search_pads_rows_left_without_candidates():
    db = np.eye(3)
    exclude = sp.csr_array(np.array([[1, 1, 0], [0, 0, 0]]))
    ids, scores = exact_search(np.eye(3)[:2], db, k=3, exclude=exclude)
    np.testing.assert_array_equal(ids, [[2, -1, -1], [1, 0, 2]])
    assert np.isnan(scores[0, 1:]).all() and not np.isnan(scores[1]).any()


def test_exact_search_explicit_zero_in_exclude_still_excludes():
    exclude = sp.csr_array((np.array([0.0]), (np.array([0]), np.array([0]))), shape=(1, 2))
    ids, _ = exact_search([[1.0, 0.0]], np.eye(2), k=2, exclude=exclude)
    np.testing.assert_array_equal(ids, [[1, -1]])


def test_exact_search_input_validation():
    db = np.eye(3)
    with pytest.raises(ValueError, match="2-D"):
        exact_search([1.0, 0.0, 0.0], db, 1)
    with pytest.raises(ValueError, match="dimensions"):
        exact_search(np.ones((1, 2)), db, 1)
    with pytest.raises(ValueError, match="k must be"):
        exact_search(db, db, -1)
    with pytest.raises(TypeError, match="scipy.sparse"):
        exact_search(db, db, 1, exclude=np.eye(3))
    with pytest.raises(ValueError, match="shape"):
        exact_search(db, db, 1, exclude=sp.eye(2))
    with pytest.raises(ValueError, match="outside"):
        exact_search(db, db, 1, candidates=[3])
    with pytest.raises(TypeError, match="integer"):
        exact_search(db, db, 1, banned=[0.5])
    with pytest.raises(ValueError, match="chunk_size"):
        exact_search(db, db, 1, chunk_size=0)


# ----------------------------------------------------------------------
# ApproximateIndex wrapper logic, with a stand-in for pynndescent
# ----------------------------------------------------------------------
class _StubNNDescent:
    """Mimics pynndescent.NNDescent: exact answers, optionally with gaps.

    ``gaps`` rows return -1 for all but their first neighbour, as an
    unfinished graph search would.
    """

    gaps: tuple[int, ...] = ()
    calls: list[int] = []

    def __init__(self, data, metric, n_neighbors, random_state, n_jobs, **kwargs):
        assert metric == "cosine"
        self.data = l2_normalize(data)

    def prepare(self):
        return None

    def query(self, q, k, epsilon):
        type(self).calls.append(k)
        ids, scores = exact_search(l2_normalize(q), self.data, k)
        for row in self.gaps:
            if row < len(ids):
                ids[row, 1:] = -1
        return ids.astype(np.int32), 1.0 - scores


@pytest.fixture
def stub_pynndescent(monkeypatch):
    _StubNNDescent.gaps = ()
    _StubNNDescent.calls = []
    module = types.SimpleNamespace(NNDescent=_StubNNDescent)
    monkeypatch.setattr(_neighbors, "_import_pynndescent", lambda: module)
    return _StubNNDescent


def test_approximate_query_equals_exact_when_graph_is_exact(stub_pynndescent):
    db = _clustered()
    index = ApproximateIndex(n_neighbors=10).fit(db)
    ids, scores = index.query(db[:25], 7)
    ref = exact_search(db[:25], db, 7)
    np.testing.assert_array_equal(ids, ref[0])
    np.testing.assert_allclose(scores, ref[1], atol=1e-6)
    assert stub_pynndescent.calls == [7]


def test_approximate_overfetches_to_skip_banned_and_excluded(stub_pynndescent):
    db = _clustered()
    q = db[:6]
    banned = np.array([1, 2])
    exclude = sp.csr_array((np.ones(3), ([0, 0, 3], [0, 3, 3])), shape=(6, len(db)))
    index = ApproximateIndex(n_neighbors=10, max_fetch_fraction=1.0).fit(db)
    ids, scores = index.query(q, 5, banned=banned, exclude=exclude)
    ref = exact_search(q, db, 5, banned=banned, exclude=exclude)
    np.testing.assert_array_equal(ids, ref[0])
    np.testing.assert_allclose(scores, ref[1], atol=1e-6)
    assert stub_pynndescent.calls == [5 + 2 + 2]


def test_approximate_rows_with_gaps_fall_back_to_exact(stub_pynndescent):
    stub_pynndescent.gaps = (1, 4)
    db = _clustered()
    index = ApproximateIndex(n_neighbors=10).fit(db)
    ids, scores = index.query(db[:6], 4)
    ref = exact_search(db[:6], db, 4)
    np.testing.assert_array_equal(ids, ref[0])
    np.testing.assert_allclose(scores, ref[1], atol=1e-6)


def test_approximate_large_k_least_and_candidates_use_exact_search(stub_pynndescent):
    db = _clustered()
    index = ApproximateIndex(n_neighbors=10, max_fetch_fraction=0.05).fit(db)
    big = index.query(db[:3], 100)  # 100 > 5% of 600 rows
    np.testing.assert_array_equal(big[0], exact_search(db[:3], db, 100)[0])
    least = index.query(db[:3], 4, least=True)
    np.testing.assert_array_equal(least[0], exact_search(db[:3], db, 4, least=True)[0])
    cand = index.query(db[:3], 4, candidates=np.arange(50))
    np.testing.assert_array_equal(
        cand[0], exact_search(db[:3], db, 4, candidates=np.arange(50))[0]
    )
    assert stub_pynndescent.calls == []


def test_approximate_index_validation(stub_pynndescent):
    with pytest.raises(ValueError, match="n_neighbors"):
        ApproximateIndex(n_neighbors=1)
    with pytest.raises(ValueError, match="epsilon"):
        ApproximateIndex(epsilon=2.0)
    with pytest.raises(ValueError, match="max_fetch_fraction"):
        ApproximateIndex(max_fetch_fraction=0.0)
    with pytest.raises(ValueError, match="metric"):
        ApproximateIndex(metric="euclidean")
    with pytest.raises(RuntimeError, match="fit"):
        ApproximateIndex().query(np.eye(2), 1)
    index = ApproximateIndex().fit(np.eye(3))
    with pytest.raises(ValueError, match="shape"):
        index.query(np.eye(2), 1)


def test_missing_pynndescent_names_the_package(monkeypatch):
    import builtins

    real_import = builtins.__import__

    def fake_import(name, *args, **kwargs):
        if name == "pynndescent":
            raise ImportError("no pynndescent")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake_import)
    with pytest.raises(ImportError, match="pip install umap-learn"):
        ApproximateIndex().fit(np.eye(3))


# ----------------------------------------------------------------------
# The real pynndescent: recall on planted clusters
# ----------------------------------------------------------------------
@pytest.mark.slow
def test_pynndescent_recall_on_clustered_data_is_high_and_reproducible():
    # Compiling pynndescent's numba code dominates this test (about a minute).
    pytest.importorskip("pynndescent")
    db = _clustered(n_clusters=40, per_cluster=50, dim=16, noise=0.3, seed=5)
    q = db[::20]
    index = ApproximateIndex(n_neighbors=15, random_state=0, n_jobs=1).fit(db)
    ids, scores = index.query(q, 10)
    ref_ids, _ = exact_search(q, db, 10)
    recall = np.mean([len(set(a) & set(b)) / 10 for a, b in zip(ids, ref_ids, strict=True)])
    assert recall >= 0.9
    # Scores are the exact cosines of the returned rows, best first.
    np.testing.assert_allclose(scores, np.einsum("qd,qkd->qk", q, db[ids]), atol=1e-6)
    assert (np.diff(scores, axis=1) <= 1e-7).all()
    again = ApproximateIndex(n_neighbors=15, random_state=0, n_jobs=1).fit(db)
    np.testing.assert_array_equal(again.query(q, 10)[0], ids)
