"""The gensim bridge: KeyedEmbeddings.to_gensim / from_gensim give the same answers both ways."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from skbookembed import KeyedEmbeddings

gensim_models = pytest.importorskip("gensim.models")
KeyedVectors = gensim_models.KeyedVectors

N, DIM = 40, 8


@pytest.fixture(scope="module")
def ours() -> KeyedEmbeddings:
    # Gaussian vectors: no ties, no zero rows, so both sides rank the same keys.
    vectors = np.random.default_rng(0).standard_normal((N, DIM)).astype(np.float32)
    return KeyedEmbeddings(vectors, keys=[f"key {i}" for i in range(N)])


def assert_same_answers(a: list[tuple], b: list[tuple]) -> None:
    assert [key for key, _ in a] == [key for key, _ in b]
    np.testing.assert_allclose([s for _, s in a], [s for _, s in b], rtol=0, atol=1e-5)


def test_to_gensim_is_a_real_keyed_vectors_with_the_same_keys_and_vectors(ours):
    kv = ours.to_gensim()
    assert type(kv) is KeyedVectors
    assert kv.index_to_key == ours.index_to_key
    assert kv.vectors.dtype == np.float32
    np.testing.assert_array_equal(kv.vectors, ours.vectors)
    assert not np.shares_memory(kv.vectors, ours.vectors)
    np.testing.assert_array_equal(kv["key 3"], ours["key 3"])


@pytest.mark.parametrize(
    "query",
    [
        dict(positive="key 0"),
        dict(positive=["key 1", "key 2"], negative=["key 3"]),
        dict(positive=["key 4"], negative=["key 5", "key 6"]),
    ],
)
def test_most_similar_answers_match_gensim(ours, query):
    kv = ours.to_gensim()
    for topn in (1, 5, N - 4):
        assert_same_answers(
            ours.most_similar(**query, topn=topn), kv.most_similar(**query, topn=topn)
        )


def test_similarities_and_vector_queries_match_gensim(ours):
    kv = ours.to_gensim()
    assert ours.similarity("key 0", "key 9") == pytest.approx(
        kv.similarity("key 0", "key 9"), abs=1e-6
    )
    vector = np.linspace(-1, 1, DIM).astype(np.float32)
    assert_same_answers(
        ours.similar_by_vector(vector, topn=5), kv.similar_by_vector(vector, topn=5)
    )
    assert ours.doesnt_match(["key 0", "key 1", "key 2", "key 3"]) == kv.doesnt_match(
        ["key 0", "key 1", "key 2", "key 3"]
    )


def test_from_gensim_reads_a_gensim_table_and_answers_the_same(ours):
    rng = np.random.default_rng(1)
    kv = KeyedVectors(vector_size=DIM)
    kv.add_vectors([f"word {i}" for i in range(N)], rng.standard_normal((N, DIM)))
    back = KeyedEmbeddings.from_gensim(kv)
    assert back.index_to_key == kv.index_to_key
    np.testing.assert_array_equal(back.vectors, kv.vectors)
    for key in ("word 0", "word 17"):
        assert_same_answers(back.most_similar(key, topn=6), kv.most_similar(key, topn=6))


def test_round_trip_keeps_keys_vectors_and_answers(ours):
    back = KeyedEmbeddings.from_gensim(ours.to_gensim(), index="exact")
    assert back.index_to_key == ours.index_to_key
    np.testing.assert_array_equal(back.vectors, ours.vectors)
    assert back.index == "exact"
    assert back.most_similar("key 7", topn=5) == ours.most_similar("key 7", topn=5)
    again = back.to_gensim()
    np.testing.assert_array_equal(again.vectors, ours.to_gensim().vectors)


def test_integer_keys_round_trip(ours):
    unkeyed = KeyedEmbeddings(ours.vectors)
    kv = unkeyed.to_gensim()
    assert kv.index_to_key == list(range(N))
    assert_same_answers(unkeyed.most_similar(0, topn=5), kv.most_similar(0, topn=5))
    back = KeyedEmbeddings.from_gensim(kv)
    assert back.index_to_key == list(range(N))
    np.testing.assert_array_equal(back.vectors, ours.vectors)


def test_from_gensim_refuses_other_objects_and_keys():
    with pytest.raises(TypeError, match="expects a gensim.models.KeyedVectors, got dict"):
        KeyedEmbeddings.from_gensim({"a": [1.0, 0.0]})
    model = gensim_models.Word2Vec(
        [["dune", "arrakis"], ["emma", "bath"]],
        vector_size=4,
        min_count=1,
        epochs=1,
        workers=1,
        seed=0,
    )
    with pytest.raises(TypeError, match="model.wv"):
        KeyedEmbeddings.from_gensim(model)
    assert KeyedEmbeddings.from_gensim(model.wv).index_to_key == model.wv.index_to_key
    mixed = KeyedVectors(vector_size=2)
    mixed.add_vectors(["a", 7], np.eye(2))
    with pytest.raises(TypeError, match="has the key 7"):
        KeyedEmbeddings.from_gensim(mixed)


def test_missing_gensim_names_the_extra(ours, monkeypatch):
    monkeypatch.setitem(sys.modules, "gensim", None)
    monkeypatch.setitem(sys.modules, "gensim.models", None)
    with pytest.raises(ImportError, match=r'pip install "skbookembed\[gensim\]"'):
        ours.to_gensim()
    with pytest.raises(ImportError, match=r'pip install "skbookembed\[gensim\]"'):
        KeyedEmbeddings.from_gensim(object())
