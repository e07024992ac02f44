"""pickle/joblib and the safe .npz format; TensorFlow stays out of loading and queries."""

from __future__ import annotations

import json
import pickle
import subprocess
import sys
import textwrap
import zipfile

import joblib
import numpy as np
import pytest
import scipy.sparse as sp

import skbookembed
from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender, _persistence

from .conftest import planted_groups


@pytest.fixture(scope="module")
def fitted():
    X, _ = planted_groups()
    est = PairEmbeddingRecommender(
        embedding_dim=8, epochs=10, n_positive=32, learning_rate=0.02, random_state=0
    )
    return est.fit(X, book_names=[f"Book {i}" for i in range(X.shape[0])])


def assert_same_model(a, b):
    np.testing.assert_array_equal(a.book_embeddings_, b.book_embeddings_)
    np.testing.assert_array_equal(a.link_embeddings_, b.link_embeddings_)
    assert a.get_params() == b.get_params()
    assert a.history_ == b.history_
    assert_same_neighbours(a.most_similar("Book 3", topn=5), b.most_similar("Book 3", topn=5))


def assert_same_neighbours(got, expected):
    """Same keys in the same order (exactly) and the same scores (within float32 rounding)."""
    assert [k for k, _ in got] == [k for k, _ in expected]
    np.testing.assert_allclose([s for _, s in got], [s for _, s in expected], atol=1e-6)


def test_pickle_round_trip(fitted):
    fitted.most_similar("Book 0")  # builds the cached views, which must not be pickled
    blob = pickle.dumps(fitted)
    assert b"keras" not in blob and b"tensorflow" not in blob
    assert_same_model(fitted, pickle.loads(blob))


def test_joblib_round_trip(fitted, tmp_path):
    joblib.dump(fitted, tmp_path / "model.joblib")
    assert_same_model(fitted, joblib.load(tmp_path / "model.joblib"))


def test_save_load_round_trip(fitted, tmp_path):
    path = tmp_path / "model.npz"
    fitted.save(path)
    loaded = skbookembed.load(path)
    assert_same_model(fitted, loaded)
    assert loaded.book_names_.tolist() == fitted.book_names_.tolist()
    assert all(type(name) is str for name in loaded.book_names_)
    np.testing.assert_allclose(
        loaded.transform(planted_groups()[0]), fitted.transform(planted_groups()[0]), atol=1e-6
    )
    # The archive holds no pickled object: every member loads with allow_pickle=False.
    with np.load(path, allow_pickle=False) as npz:
        meta = json.loads(npz["__meta__"].tobytes())
        for name in npz.files:
            npz[name]
    assert meta["library_version"] == skbookembed.__version__
    assert meta["params"]["embedding_dim"] == 8


def test_save_without_names(tmp_path):
    X, _ = planted_groups()
    est = PairEmbeddingRecommender(embedding_dim=4, epochs=1, random_state=0).fit(X)
    est.save(tmp_path / "m.npz")
    loaded = PairEmbeddingRecommender.load(tmp_path / "m.npz")
    assert loaded.book_names_ is None and loaded.books_.index_to_key[0] == 0


def test_loaded_model_can_be_refit(fitted, tmp_path):
    fitted.save(tmp_path / "m.npz")
    loaded = skbookembed.load(tmp_path / "m.npz")
    X, _ = planted_groups(n_groups=2)
    loaded.set_params(epochs=1).fit(X)
    assert loaded.book_embeddings_.shape == (24, 8)
    assert loaded.book_names_ is None


def test_truncated_file_gives_a_clear_error(fitted, tmp_path):
    path = tmp_path / "m.npz"
    fitted.save(path)
    path.write_bytes(path.read_bytes()[:300])
    with pytest.raises(ValueError, match="truncated or damaged"):
        skbookembed.load(path)


def test_foreign_npz_gives_a_clear_error(tmp_path):
    path = tmp_path / "other.npz"
    np.savez(path, a=np.arange(3))
    with pytest.raises(ValueError, match="not a skbookembed model file"):
        skbookembed.load(path)
    path.write_text("hello")
    with pytest.raises(ValueError, match="not a skbookembed model file"):
        skbookembed.load(path)


def test_newer_format_version_is_refused(fitted, tmp_path, monkeypatch):
    monkeypatch.setattr(_persistence, "FORMAT_VERSION", 99)
    fitted.save(tmp_path / "m.npz")
    monkeypatch.setattr(_persistence, "FORMAT_VERSION", 1)
    with pytest.raises(ValueError, match="format version 99.*Upgrade skbookembed"):
        skbookembed.load(tmp_path / "m.npz")


def test_missing_file(tmp_path):
    with pytest.raises(FileNotFoundError, match="No such model file"):
        skbookembed.load(tmp_path / "nope.npz")


def test_failed_save_leaves_no_file(fitted, tmp_path, monkeypatch):
    def boom(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(np, "savez", boom)
    with pytest.raises(OSError, match="disk full"):
        fitted.save(tmp_path / "m.npz")
    assert list(tmp_path.iterdir()) == []


def test_save_before_fit(tmp_path):
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError):
        PairEmbeddingRecommender().save(tmp_path / "m.npz")


def test_archive_members(fitted, tmp_path):
    fitted.save(tmp_path / "m.npz")
    with zipfile.ZipFile(tmp_path / "m.npz") as zf:
        names = sorted(zf.namelist())
    assert names == [
        "__meta__.npy",
        "book_embeddings.npy",
        "book_names_offsets.npy",
        "book_names_utf8.npy",
        "link_embeddings.npy",
    ]


def _run_clean(code: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(code)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr[-3000:]
    return out.stdout.strip().splitlines()[-1]


def test_import_does_not_import_tensorflow():
    code = """
        import sys
        import skbookembed, skbookembed.datasets, skbookembed.metrics, skbookembed.export
        print(sorted(m for m in ("tensorflow", "keras") if m in sys.modules))
    """
    assert _run_clean(code) == "[]"


def test_loading_and_querying_do_not_import_tensorflow(fitted, tmp_path):
    fitted.save(tmp_path / "m.npz")
    joblib.dump(fitted, tmp_path / "m.joblib")
    code = f"""
        import sys, joblib, skbookembed
        from skbookembed.datasets import make_book_links
        a = skbookembed.load({str(tmp_path / "m.npz")!r})
        b = joblib.load({str(tmp_path / "m.joblib")!r})
        a.most_similar("book 1"); b.links_.most_similar(0)
        import numpy as np
        a.transform(np.ones((2, a.n_features_in_)))
        print(sorted(m for m in ("tensorflow", "keras") if m in sys.modules))
    """
    assert _run_clean(code) == "[]"


def test_import_is_lazy_and_public_names_resolve():
    code = """
        import sys
        import skbookembed
        before = sorted(m for m in ("sklearn", "scipy", "tensorflow") if m in sys.modules)
        names = [n for n in skbookembed.__all__ if n != "__version__"]
        assert all(n in dir(skbookembed) for n in names)
        assert skbookembed.PairEmbeddingRecommender.__name__ == "PairEmbeddingRecommender"
        assert skbookembed.metrics.__name__ == "skbookembed.metrics"
        try:
            skbookembed.NoSuchThing
        except AttributeError as exc:
            assert "NoSuchThing" in str(exc)
        else:
            raise AssertionError("no AttributeError")
        print(before, "sklearn" in sys.modules)
    """
    assert _run_clean(code) == "[] True"


def test_keyed_load_is_the_estimator_table(fitted, tmp_path):
    fitted.save(tmp_path / "m.npz")
    books = KeyedEmbeddings.load(tmp_path / "m.npz")
    links = KeyedEmbeddings.load(tmp_path / "m.npz", table="links")
    np.testing.assert_array_equal(books.vectors, fitted.book_embeddings_)
    np.testing.assert_array_equal(links.vectors, fitted.link_embeddings_)
    assert books.index_to_key == fitted.books_.index_to_key
    assert (books.name, links.name) == ("books", "links")
    assert (fitted.books_.name, fitted.links_.name) == ("books", "links")
    assert_same_neighbours(
        books.most_similar("book 1", topn=5), fitted.most_similar("book 1", topn=5)
    )
    with pytest.raises(ValueError, match="table must be"):
        KeyedEmbeddings.load(tmp_path / "m.npz", table="authors")
    (tmp_path / "bad.npz").write_bytes(b"not a zip")
    with pytest.raises(ValueError, match="not a skbookembed model file"):
        KeyedEmbeddings.load(tmp_path / "bad.npz")


def test_read_table_gives_vectors_and_keys_and_checks_the_table(fitted, tmp_path):
    fitted.save(tmp_path / "m.npz")
    vectors, keys = _persistence.read_table(tmp_path / "m.npz", "links")
    np.testing.assert_array_equal(vectors, fitted.link_embeddings_)
    assert keys == (None if fitted.link_names_ is None else list(fitted.link_names_))
    with pytest.raises(ValueError, match="table must be"):
        _persistence.read_table(tmp_path / "missing.npz", "book")  # before opening the file


def test_keyed_load_and_query_import_neither_sklearn_nor_tensorflow(fitted, tmp_path):
    fitted.save(tmp_path / "m.npz")
    code = f"""
        import sys
        from skbookembed import KeyedEmbeddings
        books = KeyedEmbeddings.load({str(tmp_path / "m.npz")!r})
        top = books.most_similar("book 1", topn=3)
        assert len(top) == 3
        print(sorted(m for m in ("sklearn", "tensorflow", "keras") if m in sys.modules))
    """
    assert _run_clean(code) == "[]"


def test_link_rows_round_trip_exactly_and_refits_drop_them(tmp_path):
    X, _ = planted_groups()
    est = PairEmbeddingRecommender(embedding_dim=4, epochs=1, random_state=0).fit(X)
    est.book_links_ = X.astype(np.float64) * 2.5  # any non-negative weights, kept as float32
    est.save(tmp_path / "m.npz")
    loaded = skbookembed.load(tmp_path / "m.npz")
    assert isinstance(loaded.book_links_, sp.csr_array)
    assert loaded.book_links_.shape == X.shape and loaded.book_links_.dtype == np.float32
    np.testing.assert_array_equal(loaded.book_links_.toarray(), X.toarray() * 2.5)
    smoothed = loaded.books_.smoothed(loaded.book_links_, 1.0)
    expected = est.books_.smoothed(X, 1.0)
    np.testing.assert_allclose(smoothed.vectors, expected.vectors, atol=1e-6)
    loaded.fit(X)  # a new fit replaces every fitted attribute: the rows were of the old one
    assert not hasattr(loaded, "book_links_")


def test_link_rows_of_the_wrong_shape_or_sign_are_refused_before_writing(tmp_path):
    X, _ = planted_groups()
    est = PairEmbeddingRecommender(embedding_dim=4, epochs=1, random_state=0).fit(X)
    est.book_links_ = X[:, :-1]
    with pytest.raises(ValueError, match=r"book_links_ has shape \(\d+, \d+\), but the model"):
        est.save(tmp_path / "m.npz")
    est.book_links_ = -X
    with pytest.raises(ValueError, match="finite, non-negative"):
        est.save(tmp_path / "m.npz")
    est.book_links_ = X.toarray() * (1 + 1j)
    with pytest.raises(ValueError, match="must hold real link weights, not complex"):
        est.save(tmp_path / "m.npz")
    est.book_links_ = X.toarray().astype(str)
    with pytest.raises(ValueError, match="must hold real link weights, not <U"):
        est.save(tmp_path / "m.npz")
    assert list(tmp_path.iterdir()) == []
