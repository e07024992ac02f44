"""Tests of KeyedEmbeddings: lookups, gensim-style queries, batch queries, indexes."""

from __future__ import annotations

import pickle
import types

import numpy as np
import pytest
import scipy.sparse as sp

from skbookembed import _keyed, _neighbors
from skbookembed._keyed import KeyedEmbeddings
from skbookembed._neighbors import exact_search, l2_normalize

# Axes: royal, male, female, person. king - man + woman == queen exactly.
WORDS = ["king", "queen", "man", "woman", "person", "castle"]
WORD_VECTORS = np.array(
    [
        [1, 1, 0, 0],
        [1, 0, 1, 0],
        [0, 1, 0, 1],
        [0, 0, 1, 1],
        [0, 0, 0, 1],
        [2, 0, 0, 0.2],
    ],
    dtype=np.float32,
)


@pytest.fixture
def words():
    return KeyedEmbeddings(WORD_VECTORS, keys=WORDS)


@pytest.fixture
def random_kv():
    rng = np.random.default_rng(0)
    vectors = rng.normal(size=(60, 8)).astype(np.float32)
    keys = [f"Book {i}" for i in range(60)]
    return KeyedEmbeddings(vectors, keys=keys)


def assert_same_neighbours(got, expected):
    """Same keys in the same order (exactly) and the same scores (within float32 rounding)."""
    assert [k for k, _ in got] == [k for k, _ in expected]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in expected], atol=1e-6)


def _scores(kv, query):
    return kv.normed_vectors @ l2_normalize(query)


# ----------------------------------------------------------------------
# construction
# ----------------------------------------------------------------------
def test_construction_keeps_float32_without_copy_and_converts_others():
    v = np.ones((3, 2), dtype=np.float32)
    kv = KeyedEmbeddings(v)
    assert np.shares_memory(kv.vectors, v)
    kv64 = KeyedEmbeddings(np.ones((3, 2)))
    assert kv64.vectors.dtype == np.float32
    assert len(kv) == 3 and kv.vector_size == 2


def test_normed_vectors_are_unit_and_zero_rows_stay_zero():
    kv = KeyedEmbeddings([[3.0, 4.0], [0.0, 0.0]], keys=["a", "b"])
    np.testing.assert_allclose(kv.normed_vectors, [[0.6, 0.8], [0.0, 0.0]], rtol=1e-6)
    assert kv.normed_vectors is kv.normed_vectors  # computed once


def test_duplicate_keys_are_rejected_by_name():
    with pytest.raises(ValueError, match="must be unique; repeated: 'Emma', 'Dune'"):
        KeyedEmbeddings(np.eye(5), keys=["Emma", "Dune", "Emma", "Dune", "Emma"])


@pytest.mark.parametrize(
    ("vectors", "keys", "error", "match"),
    [
        (np.eye(3), ["a", "b"], ValueError, "keys has 2 names but vectors has 3 rows"),
        (np.eye(2), ["a", 1], TypeError, "keys must be str"),
        (np.eye(2), "ab", TypeError, "single string"),
        (np.ones(3), None, ValueError, "2-D"),
        (np.array([[np.nan, 1.0]]), None, ValueError, "NaN"),
        (sp.eye(2), None, TypeError, "dense"),
    ],
)
def test_construction_errors(vectors, keys, error, match):
    with pytest.raises(error, match=match):
        KeyedEmbeddings(vectors, keys=keys)


def test_numpy_string_keys_become_python_str():
    kv = KeyedEmbeddings(np.eye(2), keys=np.array(["a", "b"]))
    assert kv.index_to_key == ["a", "b"] and type(kv.index_to_key[0]) is str
    assert kv.key_to_index == {"a": 0, "b": 1}


def test_integer_keys_when_no_keys_given():
    kv = KeyedEmbeddings(np.eye(3))
    assert kv.index_to_key == [0, 1, 2]
    assert kv.key_to_index == {0: 0, 1: 1, 2: 2}
    assert list(kv) == [0, 1, 2]
    assert kv.most_similar(0, topn=1)[0][0] in (1, 2)
    assert kv.get_index("2") == 2 and kv.get_index(" 1 ") == 1  # row numbers as text
    with pytest.raises(KeyError, match="no keys"):
        kv.get_index("first")
    with pytest.raises(KeyError, match="out of range"):
        kv.get_index("3")


def test_assigning_vectors_resets_caches(words):
    _ = words.normed_vectors
    words.vectors = WORD_VECTORS * 2
    np.testing.assert_allclose(words.normed_vectors, l2_normalize(WORD_VECTORS), atol=1e-6)
    with pytest.raises(ValueError, match="for 6 keys"):
        words.vectors = np.eye(3)
    unkeyed = KeyedEmbeddings(np.eye(2))
    assert unkeyed.key_to_index == {0: 0, 1: 1}
    unkeyed.vectors = np.eye(3)
    assert unkeyed.index_to_key == [0, 1, 2] and unkeyed.key_to_index[2] == 2


# ----------------------------------------------------------------------
# lookup
# ----------------------------------------------------------------------
def test_get_index_exact_case_insensitive_and_int(words):
    assert words.get_index("queen") == 1
    assert words.get_index("QUEEN") == 1
    assert words.get_index(np.int64(3)) == 3
    assert words.get_index("nobody", default=-1) == -1
    assert words.get_index(99, default=None) is None


def test_exact_key_wins_over_case_insensitive_match():
    kv = KeyedEmbeddings(np.eye(2), keys=["It", "IT"])
    assert kv.get_index("It") == 0 and kv.get_index("IT") == 1


def test_ambiguous_case_insensitive_match_raises_listing_the_keys():
    kv = KeyedEmbeddings(np.eye(3), keys=["It", "IT", "Emma"])
    with pytest.raises(KeyError, match="several keys.*'It', 'IT'"):
        kv.get_index("it")
    assert "it" not in kv and "emma" in kv


def test_unknown_key_suggests_close_matches():
    kv = KeyedEmbeddings(np.eye(4), keys=["War and Peace", "Anna Karenina", "Candide", "Demons"])
    with pytest.raises(KeyError, match="Did you mean: 'War and Peace'"):
        kv.get_index("war and peas")
    with pytest.raises(KeyError, match="Did you mean: 'Anna Karenina'"):
        kv.most_similar("Ana Karenina")
    with pytest.raises(KeyError) as info:
        kv.get_index("Zzyzx")
    assert "Did you mean" not in str(info.value)


def test_out_of_range_index_and_bad_key_type(words):
    with pytest.raises(KeyError, match="out of range"):
        words.get_index(6)
    with pytest.raises(KeyError, match="out of range"):
        words.get_index(-1)
    with pytest.raises(TypeError, match="str or int"):
        words.get_index(1.5)
    with pytest.raises(KeyError, match="out of range"):
        words[np.array([0, 9])]


def test_getitem_contains_len_iter(words):
    np.testing.assert_array_equal(words["king"], WORD_VECTORS[0])
    np.testing.assert_array_equal(words[["man", 0]], WORD_VECTORS[[2, 0]])
    np.testing.assert_array_equal(
        words.get_vector("man", norm=True), l2_normalize(WORD_VECTORS[2])
    )
    assert "king" in words and "King" in words and 5 in words
    assert "prince" not in words and 6 not in words and 1.0 not in words
    assert words.has_index_for("woman") and not words.has_index_for(None)
    assert len(words) == 6 and list(words) == WORDS
    assert repr(words) == "KeyedEmbeddings(n=6, vector_size=4, index='auto')"


# ----------------------------------------------------------------------
# most_similar and friends
# ----------------------------------------------------------------------
def test_analogy_king_minus_man_plus_woman_is_queen(words):
    result = words.most_similar(positive=["king", "woman"], negative=["man"], topn=3)
    assert result[0][0] == "queen"
    assert result[0][1] == pytest.approx(1.0, abs=1e-6)
    assert {k for k, _ in result}.isdisjoint({"king", "woman", "man"})
    assert all(isinstance(s, float) for _, s in result)


def test_most_similar_scores_are_cosines_to_the_normalised_mean(words):
    mean = (l2_normalize(WORD_VECTORS[0]) + l2_normalize(WORD_VECTORS[3])) / 2
    expected = _scores(words, mean)
    result = dict(words.most_similar(["king", "woman"], topn=10))
    for key, score in result.items():
        assert score == pytest.approx(expected[WORDS.index(key)], abs=1e-6)
    order = [
        k
        for k in np.array(WORDS)[np.argsort(-expected, kind="stable")]
        if k not in ("king", "woman")
    ]
    assert list(result) == order


def test_topn_none_returns_every_score_in_row_order(words):
    scores = words.most_similar("man", topn=None)
    assert isinstance(scores, np.ndarray) and scores.shape == (6,)
    np.testing.assert_allclose(scores, _scores(words, WORD_VECTORS[2]), atol=1e-6)
    assert scores[2] == pytest.approx(1.0)  # the input is included


def test_least_gives_least_similar_first(words):
    result = words.most_similar("castle", topn=2, least=True)
    expected = _scores(words, WORD_VECTORS[5])
    order = np.argsort(expected, kind="stable")
    assert [k for k, _ in result] == [WORDS[i] for i in order[:2]]
    assert result[0][1] <= result[1][1]


def test_weights_vectors_and_indices_as_inputs(words):
    by_key = words.most_similar(positive=["king", "woman"], negative=["man"], topn=2)
    by_index = words.most_similar(positive=[0, 3], negative=[2], topn=2)
    assert_same_neighbours(by_key, by_index)
    by_vector = words.most_similar(positive=[WORD_VECTORS[0] * 5, "woman"], negative=["man"])
    assert by_vector[0][0] == "queen" and "king" in dict(by_vector)  # vectors are not excluded
    # A pair's weight scales its contribution; in negative it is subtracted.
    weighted = words.most_similar(
        positive=[("king", 1.0), ("woman", 1.0)], negative=[("man", 1.0)]
    )
    assert_same_neighbours(
        weighted, words.most_similar(positive=["king", "woman"], negative=["man"])
    )
    single_pair = words.most_similar(("queen", 2.0), topn=1)
    assert_same_neighbours(single_pair, words.most_similar("queen", topn=1))
    as_dict = words.most_similar({"king": 1.0, "woman": 1.0}, {"man": 1.0})
    assert_same_neighbours(as_dict, weighted)  # a dict holds (key, weight) pairs


def test_weighted_query_matches_hand_computed_mean(words):
    normed = l2_normalize(WORD_VECTORS)
    mean = (2.0 * normed[4] - 0.5 * normed[0]) / 2
    expected = _scores(words, mean)
    result = dict(words.most_similar([("person", 2.0)], [("king", 0.5)], topn=10))
    for key, score in result.items():
        assert score == pytest.approx(expected[WORDS.index(key)], abs=1e-6)


def test_restrict_to_restrict_vocab_and_exclude(words):
    r = words.most_similar("king", restrict_to=["man", "woman", "person"])
    assert [k for k, _ in r] == ["man", "woman", "person"]  # tie at 0: lower row first
    r = words.most_similar("king", restrict_vocab=3)
    assert [k for k, _ in r] == ["queen", "man"]
    r = words.most_similar("king", exclude=["castle", "queen"], topn=2)
    assert [k for k, _ in r] == ["man", "woman"]
    mask = np.array([False, True, False, False, False, True])
    assert [k for k, _ in words.most_similar("king", restrict_to=mask)] == ["castle", "queen"]


def test_topn_larger_than_candidates_and_zero(words):
    assert len(words.most_similar("king", topn=100)) == 5
    assert words.most_similar("king", topn=0) == []


def test_most_similar_errors(words):
    with pytest.raises(ValueError, match="no input"):
        words.most_similar()
    with pytest.raises(ValueError, match="zero"):
        words.most_similar(positive=["man"], negative=["man"])
    with pytest.raises(ValueError, match="topn"):
        words.most_similar("man", topn=-1)
    with pytest.raises(ValueError, match="shape"):
        words.most_similar(np.ones(3))
    with pytest.raises(KeyError):
        words.most_similar("prince")


def test_similar_by_vector_and_by_key(words):
    assert words.similar_by_vector(WORD_VECTORS[1], topn=1) == [("queen", pytest.approx(1.0))]
    assert_same_neighbours(
        words.similar_by_key("queen", topn=3), words.most_similar(["queen"], topn=3)
    )
    assert words.similar_by_vector([0, 0, 1, 1], least=True, topn=1)[0][0] == "king"


def test_pairwise_similarities(words):
    n = l2_normalize(WORD_VECTORS)
    assert words.similarity("king", "man") == pytest.approx(float(n[0] @ n[2]))
    assert words.distance("king", "man") == pytest.approx(1 - float(n[0] @ n[2]))
    mean1 = l2_normalize(n[[0, 1]].mean(axis=0))
    assert words.n_similarity(["king", "queen"], ["castle"]) == pytest.approx(float(mean1 @ n[5]))
    np.testing.assert_allclose(words.distances("king"), 1 - n @ n[0], atol=1e-6)
    np.testing.assert_allclose(
        words.distances(WORD_VECTORS[0], ["man", "queen"]), 1 - n[[2, 1]] @ n[0], atol=1e-6
    )
    with pytest.raises(ValueError, match="at least one"):
        words.n_similarity([], ["king"])


def test_rank_closer_than_doesnt_match_most_similar_to_given(words, random_kv):
    order = [k for k, _ in random_kv.most_similar("Book 0", topn=59)]
    for position, key in enumerate(order, start=1):
        assert random_kv.rank("Book 0", key) == position
    assert random_kv.closer_than("Book 0", order[3]) == sorted(order[:3], key=random_kv.get_index)
    # Ties share a rank: queen and man are equally close to king, behind castle.
    assert words.rank("king", "queen") == words.rank("king", "man") == 2
    assert words.doesnt_match(["king", "queen", "castle", "woman"]) == "woman"
    assert words.most_similar_to_given("king", ["woman", "castle", "person"]) == "castle"
    with pytest.raises(ValueError, match="two keys"):
        words.doesnt_match(["king"])


def test_get_mean_vector(words):
    n = l2_normalize(WORD_VECTORS)
    np.testing.assert_allclose(
        words.get_mean_vector(["king", "man"]), (n[0] + n[2]) / 2, atol=1e-6
    )
    np.testing.assert_allclose(
        words.get_mean_vector(
            ["king", "man"], weights=[1.0, 3.0], pre_normalize=False, post_normalize=True
        ),
        l2_normalize(WORD_VECTORS[0] + 3 * WORD_VECTORS[2]),
        atol=1e-6,
    )


def test_same_answers_as_gensim(random_kv):
    gensim_models = pytest.importorskip("gensim.models")
    gkv = gensim_models.KeyedVectors(vector_size=8)
    gkv.add_vectors(random_kv.index_to_key, random_kv.vectors)
    for positive, negative in [(["Book 1"], []), (["Book 2", "Book 7"], ["Book 9"])]:
        ours = random_kv.most_similar(positive, negative, topn=8)
        theirs = gkv.most_similar(positive, negative, topn=8)
        assert [k for k, _ in ours] == [k for k, _ in theirs]
        np.testing.assert_allclose([s for _, s in ours], [s for _, s in theirs], atol=1e-5)
    assert random_kv.similarity("Book 1", "Book 2") == pytest.approx(
        gkv.similarity("Book 1", "Book 2"), abs=1e-6
    )
    assert random_kv.rank("Book 3", "Book 40") == gkv.rank("Book 3", "Book 40")
    keys = ["Book 1", "Book 2", "Book 3", "Book 4"]
    assert random_kv.doesnt_match(keys) == gkv.doesnt_match(keys)
    np.testing.assert_allclose(random_kv.distances("Book 5"), gkv.distances("Book 5"), atol=1e-5)
    np.testing.assert_allclose(
        random_kv.most_similar("Book 5", topn=None),
        gkv.most_similar("Book 5", topn=None),
        atol=1e-5,
    )


# ----------------------------------------------------------------------
# batch queries
# ----------------------------------------------------------------------
def test_batch_by_keys_equals_loop_of_single_queries(random_kv):
    queries = ["Book 3", "Book 17", "Book 59", "Book 0"]
    ids, scores = random_kv.batch_most_similar(queries, topn=6, chunk_size=3)
    assert ids.shape == (4, 6) and ids.dtype == np.int64 and scores.dtype == np.float32
    for row, key in enumerate(queries):
        single = random_kv.most_similar(key, topn=6)
        assert [random_kv.index_to_key[i] for i in ids[row]] == [k for k, _ in single]
        np.testing.assert_allclose(scores[row], [s for _, s in single], atol=1e-6)


def test_batch_by_vectors_equals_similar_by_vector(random_kv):
    rng = np.random.default_rng(1)
    q = rng.normal(size=(5, 8))
    ids, scores = random_kv.batch_most_similar(q, topn=4, least=True)
    for row in range(5):
        single = random_kv.similar_by_vector(q[row], topn=4, least=True)
        assert [random_kv.index_to_key[i] for i in ids[row]] == [k for k, _ in single]
    ids_list, _ = random_kv.batch_most_similar([list(v) for v in q], topn=4, least=True)
    np.testing.assert_array_equal(ids_list, ids)


def test_batch_filters_restrictions_and_per_query_exclusions(random_kv):
    queries = [1, 2, 3]
    own = sp.csr_array((np.ones(4), ([0, 0, 1, 2], [10, 11, 12, 13])), shape=(3, 60))
    restrict = np.arange(0, 40)
    with pytest.warns(FutureWarning, match="use exclude="):
        ids, _ = random_kv.batch_most_similar(
            queries, topn=5, filter_keys=["Book 5", 6], restrict_to=restrict, exclude=own
        )
    for row, q in enumerate(queries):
        excluded = [f"Book {j}" for j in own[[row]].indices] + ["Book 5", "Book 6"]
        single = random_kv.most_similar(q, topn=5, restrict_to=restrict, exclude=excluded)
        assert ids[row].tolist() == [random_kv.get_index(k) for k, _ in single]
    # exclude= takes keys too, like most_similar's, for every query.
    by_keys, _ = random_kv.batch_most_similar(queries, topn=5, exclude=["Book 5", 6])
    for row, q in enumerate(queries):
        single = random_kv.most_similar(q, topn=5, exclude=["Book 5", 6])
        assert by_keys[row].tolist() == [random_kv.get_index(k) for k, _ in single]
    one_key, _ = random_kv.batch_most_similar(queries, topn=5, exclude="Book 5")
    assert 5 not in one_key
    with pytest.warns(FutureWarning, match="use exclude="):
        merged, _ = random_kv.batch_most_similar(
            queries, topn=5, filter_keys=["Book 5"], exclude=[6]
        )
    np.testing.assert_array_equal(merged, by_keys)
    empty, _ = random_kv.batch_most_similar(queries, topn=5, exclude=[])
    np.testing.assert_array_equal(empty, random_kv.batch_most_similar(queries, topn=5)[0])
    ids_self, _ = random_kv.batch_most_similar(["Book 1"], topn=1, exclude_self=False)
    assert ids_self[0, 0] == 1


def test_batch_pads_when_exclusions_exhaust_candidates():
    kv = KeyedEmbeddings(np.eye(3))
    ids, scores = kv.batch_most_similar([0, 1], topn=5, restrict_to=[0, 1])
    np.testing.assert_array_equal(ids, [[1, -1], [0, -1]])
    assert np.isnan(scores[:, 1]).all()


def test_batch_errors(random_kv):
    with pytest.raises(ValueError, match="int topn"):
        random_kv.batch_most_similar(["Book 1"], topn=None)
    with pytest.raises(TypeError, match="sequence of keys"):
        random_kv.batch_most_similar("Book 1")
    with pytest.raises(ValueError, match="shape"):
        random_kv.batch_most_similar(np.ones((2, 3)))
    with pytest.raises(ValueError, match=r"\(2, 60\)"):
        random_kv.batch_most_similar([1, 2], exclude=sp.csr_array((3, 60)))
    with pytest.raises(TypeError, match="scipy.sparse"):
        random_kv.batch_most_similar([1, 2], exclude=np.zeros((2, 60)))


# ----------------------------------------------------------------------
# approximate index selection, pickling
# ----------------------------------------------------------------------
class _ExactStub:
    """Stands in for pynndescent.NNDescent with exact answers."""

    built = 0

    def __init__(self, data, **kwargs):
        type(self).built += 1
        self.data = l2_normalize(data)

    def prepare(self):
        return None

    def query(self, q, k, epsilon):
        ids, scores = exact_search(l2_normalize(q), self.data, k)
        return ids, 1.0 - scores


@pytest.fixture
def stub_index(monkeypatch):
    _ExactStub.built = 0
    module = types.SimpleNamespace(NNDescent=_ExactStub)
    monkeypatch.setattr(_neighbors, "_import_pynndescent", lambda: module)
    return _ExactStub


def test_auto_mode_switches_above_threshold(monkeypatch, random_kv):
    assert random_kv.index == "auto" and not random_kv.uses_approximate_index
    monkeypatch.setattr(_keyed, "APPROXIMATE_THRESHOLD", 50)
    # The mode is resolved when it is set, and again when new vectors are assigned.
    assert not random_kv.uses_approximate_index
    assert random_kv.set_index("auto").uses_approximate_index
    unkeyed = KeyedEmbeddings(np.ones((40, 2)))
    assert not unkeyed.uses_approximate_index
    unkeyed.vectors = np.ones((60, 2))
    assert unkeyed.uses_approximate_index
    assert not random_kv.set_index("exact").uses_approximate_index
    assert KeyedEmbeddings(np.eye(3), index="approximate").uses_approximate_index


def test_approximate_mode_same_answers_and_lazy_build(stub_index, random_kv):
    exact = random_kv.most_similar("Book 4", topn=5)
    exact_batch = random_kv.batch_most_similar(["Book 4", "Book 8"], topn=5, exclude=[0])
    kv = KeyedEmbeddings(
        random_kv.vectors,
        keys=random_kv.index_to_key,
        index="approximate",
        index_params={"n_neighbors": 5},
    )
    assert stub_index.built == 0  # nothing built at construction
    assert_same_neighbours(kv.most_similar("Book 4", topn=5), exact)
    batch = kv.batch_most_similar(["Book 4", "Book 8"], topn=5, exclude=[0])
    np.testing.assert_array_equal(batch[0], exact_batch[0])
    assert stub_index.built == 1  # built once, reused
    kv.set_index("approximate", n_neighbors=8)
    kv.most_similar("Book 4")
    assert stub_index.built == 2


def test_set_index_validates():
    kv = KeyedEmbeddings(np.eye(3))
    with pytest.raises(ValueError, match="index must be one of"):
        kv.set_index("fast")
    with pytest.raises(ValueError, match="n_neighbors"):
        kv.set_index("approximate", n_neighbors=0)
    with pytest.raises(ValueError, match="index must be one of"):
        KeyedEmbeddings(np.eye(3), index="hnsw")


def test_pickle_is_small_and_drops_caches_and_index(stub_index, random_kv):
    random_kv.set_index("approximate", n_neighbors=5).build_index()
    _ = random_kv.most_similar("BOOK 3")  # fills the case-insensitive map
    payload = pickle.dumps(random_kv)
    assert len(payload) < random_kv.vectors.nbytes + 2000
    restored = pickle.loads(payload)
    assert restored._ann.built is None and restored._normed is None
    assert restored.index == "approximate"
    assert_same_neighbours(
        restored.most_similar("Book 3", topn=4), random_kv.most_similar("Book 3", topn=4)
    )
    assert restored.key_to_index == random_kv.key_to_index
    assert restored.get_index("book 7") == 7
    np.testing.assert_array_equal(restored.vectors, random_kv.vectors)


def test_name_is_stored_shown_and_pickled():
    kv = KeyedEmbeddings(np.eye(3), name="books")
    assert kv.name == "books"
    assert repr(kv) == "KeyedEmbeddings(n=3, vector_size=3, index='auto', name='books')"
    assert pickle.loads(pickle.dumps(kv)).name == "books"
    assert KeyedEmbeddings(np.eye(3)).name is None
    with pytest.raises(TypeError, match="name must be a str"):
        KeyedEmbeddings(np.eye(3), name=3)


def test_pickle_from_before_names_loads_without_a_name():
    state = KeyedEmbeddings(np.eye(3)).__getstate__()
    del state["name"]
    old = KeyedEmbeddings.__new__(KeyedEmbeddings)
    old.__setstate__(state)
    assert old.name is None and old.most_similar(0, topn=1)[0][0] in (1, 2)


def test_pickle_without_keys_roundtrips():
    kv = pickle.loads(pickle.dumps(KeyedEmbeddings(np.eye(3))))
    assert kv.index_to_key == [0, 1, 2] and kv.get_index(2) == 2
