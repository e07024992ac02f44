"""One test per case of careless or hostile input: clear errors, never silent garbage.

Names, queries and the ndjson loader; the model reader's cases are in
``test_robustness_reader.py``.
"""

from __future__ import annotations

import json
import sys
import threading
import types
import warnings

import numpy as np
import pytest
import scipy.sparse as sp

from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender, _neighbors, load
from skbookembed._vocab import Vocabulary, check_names
from skbookembed.datasets import SkippedLinesWarning, load_wikipedia_books

GOOD = ["Dune", {"author": "Frank Herbert"}, ["Science fiction"], [], "t1", 5120]
GOOD2 = ["Emma", {"genre": "Novel"}, ["Jane Austen"], [], "t2", 300]


def _matrix(n_books=4, n_links=6):
    dense = np.zeros((n_books, n_links))
    dense[np.arange(n_books), np.arange(n_books) % n_links] = 1.0
    dense[:, -1] = 1.0
    return sp.csr_matrix(dense)


# ---------------------------------------------------------------------------- names


@pytest.mark.parametrize(
    ("bad", "match"),
    [
        (b"b0", "is bytes.*decode"),
        (None, "is missing"),
        (float("nan"), "is missing"),
        (3, "int.*row index"),
        (2.5, "must be str, got float"),
    ],
)
def test_non_str_names_are_refused_by_fit_and_keyed(bad, match):
    names = ["a", bad, "c", "d"]
    with pytest.raises(TypeError, match=match):
        PairEmbeddingRecommender(epochs=1).fit(_matrix(), book_names=names)
    with pytest.raises(TypeError, match=match):
        KeyedEmbeddings(np.eye(4), keys=names)


def test_trailing_nul_is_part_of_the_name():
    names = check_names(["a", "a\x00", "b", "c"], 4, param="book_names")
    assert names.tolist() == ["a", "a\x00", "b", "c"]
    kv = KeyedEmbeddings(np.eye(4), keys=names)
    assert kv.get_index("a\x00") == 1 and kv.get_index("a") == 0


def test_lone_surrogate_names_are_refused():
    with pytest.raises(ValueError, match="not valid Unicode"):
        check_names(["a", "\udc80"], 2, param="book_names")


def test_keyless_model_is_queried_by_int_or_row_number_text():
    kv = KeyedEmbeddings(np.array([[1.0, 0.0], [0.9, 0.1], [0.0, 1.0]]))
    assert kv.get_index(2) == kv.get_index("2") == 2
    assert [k for k, _ in kv.most_similar("0", topn=1)] == [1]
    with pytest.raises(KeyError, match="out of range"):
        kv.get_index("7")


def test_long_name_costs_its_length_only(tmp_path):
    names = [f"Book {i}" for i in range(2000)]
    names[1234] = "x" * 100_000
    stored = check_names(names, 2000, param="book_names")
    in_memory = stored.nbytes + sum(sys.getsizeof(name) for name in stored)
    assert in_memory < 1_000_000  # a fixed-width '<U100000' array would take 800 MB
    est = PairEmbeddingRecommender()
    est.book_embeddings_ = np.zeros((2000, 2), dtype=np.float32)
    est.link_embeddings_ = np.zeros((3, 2), dtype=np.float32)
    est.book_names_, est.link_names_ = stored, None
    est.history_, est.n_features_in_, est.n_pairs_ = {"loss": []}, 3, 1
    est.save(tmp_path / "m.npz")
    assert (tmp_path / "m.npz").stat().st_size < 300_000
    loaded = load(tmp_path / "m.npz")
    assert loaded.book_names_.tolist() == names


# ---------------------------------------------------------------------------- queries


@pytest.fixture
def kv():
    return KeyedEmbeddings(
        np.array([[1.0, 0.0], [0.8, 0.6], [0.0, 1.0], [0.0, 0.0]]),
        keys=["Dune", "Hyperion", "Emma", "Blank"],
    )


@pytest.mark.parametrize(
    "call",
    [
        lambda kv: kv[b"AB"],
        lambda kv: kv.get_index(b"Dune"),
        lambda kv: kv.most_similar(b"AB"),
        lambda kv: kv.most_similar([b"AB"]),
        lambda kv: kv.batch_most_similar(b"AB"),
        lambda kv: kv.most_similar("Dune", restrict_to=b"AB"),
        lambda kv: kv.most_similar("Dune", exclude=b"AB"),
    ],
)
def test_bytes_keys_are_refused_not_read_as_rows(kv, call):
    with pytest.raises(TypeError, match="bytes"):
        call(kv)


def test_dict_of_weights_is_used_like_pairs(kv):
    as_dict = kv.most_similar({"Dune": 2.0, "Emma": 1.0}, topn=1)
    as_pairs = kv.most_similar([("Dune", 2.0), ("Emma", 1.0)], topn=1)
    assert [k for k, _ in as_dict] == [k for k, _ in as_pairs] == ["Hyperion"]
    np.testing.assert_allclose(as_dict[0][1], as_pairs[0][1], atol=1e-6)
    assert [k for k, _ in kv.most_similar({"Dune": 1.0, "Emma": 3.0}, topn=1)] == ["Hyperion"]
    np.testing.assert_allclose(
        kv.get_mean_vector({"Dune": 3.0, "Emma": 1.0}), [1.5, 0.5], atol=1e-6
    )
    with pytest.raises(TypeError, match="weights must be numbers"):
        kv.most_similar({"Dune": "heavy"})
    with pytest.raises(ValueError, match="either"):
        kv.get_mean_vector({"Dune": 1.0}, weights=[1.0])


def test_batch_query_of_a_zero_vector_raises_like_the_single_query(kv):
    with pytest.raises(ValueError, match="zero"):
        kv.most_similar("Blank")
    with pytest.raises(ValueError, match="vector of 'Blank' is zero"):
        kv.batch_most_similar(["Dune", "Blank"], topn=2)
    with pytest.raises(ValueError, match="query vector 1 is zero"):
        kv.batch_most_similar(np.array([[1.0, 0.0], [0.0, 0.0]]), topn=2)


class _CountingIndex:
    """A pynndescent stand-in that counts builds and holds each build open a moment.

    Every builder waits at a barrier for all eight threads: without a lock all eight would
    arrive and be counted; with the lock the single builder waits alone until the barrier
    times out, and the count is 1 whatever the thread timing.
    """

    builds = 0
    barrier: threading.Barrier

    def __init__(self, data, **kwargs):
        type(self).builds += 1
        try:
            type(self).barrier.wait()
        except threading.BrokenBarrierError:
            pass
        self.data = data

    def prepare(self):
        pass

    def query(self, queries, k, epsilon=0.1):
        scores = queries @ self.data.T
        ids = np.argsort(-scores, axis=1)[:, :k]
        return ids, 1.0 - np.take_along_axis(scores, ids, axis=1)


def test_eight_threads_build_the_approximate_index_once(monkeypatch):
    _CountingIndex.builds = 0
    _CountingIndex.barrier = threading.Barrier(8, timeout=0.5)
    module = types.SimpleNamespace(NNDescent=_CountingIndex)
    monkeypatch.setattr(_neighbors, "_import_pynndescent", lambda: module)
    rng = np.random.default_rng(0)
    kv = KeyedEmbeddings(rng.normal(size=(40, 4)), index="approximate")
    start = threading.Barrier(8)
    results, errors = [], []

    def first_query():
        start.wait()
        try:
            results.append(kv.most_similar(0, topn=3))
        except Exception as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=first_query) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert _CountingIndex.builds == 1
    assert all([k for k, _ in r] == [k for k, _ in results[0]] for r in results)


# ---------------------------------------------------------------------------- ndjson loader


def _write(path, lines):
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("line", "reason"),
    [
        ('["Big", {}, [], [], "t", 100000000000000000000]', "64-bit integer range"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('["Odd", {"genre": ["a"]}, [], [], "t", 1]', "object of strings"),
    ],
)
def test_overflowing_and_deep_lines_are_bad_lines(tmp_path, line, reason):
    path = _write(tmp_path / "b.ndjson", [json.dumps(GOOD), line, json.dumps(GOOD2)])
    with pytest.raises(ValueError, match=rf"b\.ndjson, line 2: .*{reason}"):
        load_wikipedia_books(path)
    with pytest.warns(SkippedLinesWarning, match="Skipped 1 malformed line"):
        books = load_wikipedia_books(path, on_bad_lines="skip")
    assert books.titles == ["Dune", "Emma"] and books.n_skipped == 1
    assert books.n_characters.tolist() == [5120, 300]


def test_directory_path_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="is a directory"):
        load_wikipedia_books(tmp_path)


@pytest.mark.parametrize(
    ("lines", "on_bad_lines", "why"),
    [
        ([], "error", "it is empty"),
        (["", "   "], "error", "it is empty"),
        (["{not json", "[1]"], "skip", "all 2 non-blank line"),
        (
            [json.dumps(["Wikipedia:Books", {}, [], [], "t", 1])],
            "error",
            "its 1 line.*'Wikipedia:' project",
        ),
    ],
)
def test_no_books_is_a_clear_error(tmp_path, lines, on_bad_lines, why):
    path = tmp_path / "none.ndjson"
    path.write_text("\n".join(lines), encoding="utf-8")
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", SkippedLinesWarning)
        with pytest.raises(ValueError, match=f"none.ndjson holds no books: {why}"):
            load_wikipedia_books(path, on_bad_lines=on_bad_lines)


def test_skipped_lines_warning_is_a_clean_user_warning(tmp_path):
    path = _write(tmp_path / "s.ndjson", [json.dumps(GOOD), "oops"])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        books = load_wikipedia_books(path, on_bad_lines="skip")
    assert books.n_skipped == 1
    assert [w.category for w in caught] == [SkippedLinesWarning]
    assert issubclass(SkippedLinesWarning, UserWarning)
    message = str(caught[0].message)
    assert (
        message.startswith("Skipped 1 malformed line(s) in ") and "line 2: invalid JSON" in message
    )
    assert "\n" not in message


def test_vocabulary_suggestions_by_prefix_words_and_spelling():
    vocab = Vocabulary(
        ["Dune Messiah", "Children of Dune", "Dunwich", "Unless", "The Lord of the Rings"], 5
    )
    assert vocab.suggest("Dune") == ["Dune Messiah", "Children of Dune"]
    assert vocab.suggest("lord rings") == ["The Lord of the Rings"]
    assert vocab.suggest("Childrn of Dune") == ["Children of Dune"]
    assert vocab.suggest("Zzyzx") == []
    with pytest.raises(KeyError, match="No key is close to it"):
        Vocabulary(["Unless", "Emma"], 2).get_index("Dune")
