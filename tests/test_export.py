"""Tests of skbookembed.export: projector files and the word2vec format."""

from __future__ import annotations

import json
import os

import numpy as np
import pytest
from sklearn.base import BaseEstimator
from sklearn.exceptions import NotFittedError

from skbookembed import _atomic, _word2vec
from skbookembed._keyed import KeyedEmbeddings
from skbookembed.export import (
    ProjectorFiles,
    export,
    load_word2vec_format,
    save_word2vec_format,
    to_projector,
)

KEYS = ["War and Peace", "Anna Karenina", "Candide", "Beren and Lúthien", "1984", "Demons"]


@pytest.fixture
def emb() -> KeyedEmbeddings:
    rng = np.random.default_rng(42)
    vectors = rng.normal(scale=0.3, size=(len(KEYS), 7)).astype(np.float32)
    vectors[0, 0] = 1e-30  # tiny and huge magnitudes must survive text formats exactly
    vectors[1, 1] = -3.4e38
    return KeyedEmbeddings(vectors, keys=KEYS)


class _Fitted(BaseEstimator):
    """Smallest stand-in for a fitted PairEmbeddingRecommender: two tables."""

    def __init__(self, books=None, links=None):
        self.books = books
        self.links = links

    def fit(self, X=None, y=None):
        self.books_ = self.books
        self.links_ = self.links
        return self


def _read_tsv_vectors(path) -> np.ndarray:
    rows = path.read_text(encoding="utf-8").splitlines()
    return np.array([row.split("\t") for row in rows], dtype=np.float32)


def _listing(folder) -> list[str]:
    return sorted(os.listdir(folder))


# --------------------------------------------------------------------------
# to_projector
# --------------------------------------------------------------------------


def test_projector_keys_only_round_trip(emb, tmp_path):
    files = to_projector(emb, tmp_path / "proj")
    assert isinstance(files, ProjectorFiles)
    assert [p.name for p in files] == [
        "books_vectors.tsv",
        "books_metadata.tsv",
        "projector_config.json",
    ]
    np.testing.assert_array_equal(_read_tsv_vectors(files.vectors), emb.vectors)
    # One column: no header, one key per line, in row order.
    assert files.metadata.read_text(encoding="utf-8").splitlines() == KEYS
    config = json.loads(files.config.read_text(encoding="utf-8"))
    assert config == {
        "embeddings": [
            {
                "tensorName": "books",
                "tensorShape": [6, 7],
                "tensorPath": "books_vectors.tsv",
                "metadataPath": "books_metadata.tsv",
            }
        ]
    }
    assert _listing(tmp_path / "proj") == sorted(p.name for p in files)  # no temp files left


def test_projector_metadata_columns_have_header(emb, tmp_path):
    genres = ["historical", "realist", "satire", None, "dystopian", float("nan")]
    files = to_projector(emb, tmp_path, metadata={"genre": genres, "year": list(range(6))})
    lines = files.metadata.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "name\tgenre\tyear"
    assert lines[1] == "War and Peace\thistorical\t0"
    assert lines[4] == "Beren and Lúthien\t\t3"  # missing values are empty cells
    assert lines[6] == "Demons\t\t5"
    assert len(lines) == 1 + len(KEYS)
    assert all(line.count("\t") == 2 for line in lines)


def test_projector_accepts_dataframe(emb, tmp_path):
    pd = pytest.importorskip("pandas")
    frame = pd.DataFrame({"genre": list("abcdef"), "links": [3, 1, 4, 1, 5, 9]}, index=KEYS)
    files = to_projector(emb, tmp_path, metadata=frame)
    lines = files.metadata.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "name\tgenre\tlinks"
    assert lines[-1] == "Demons\tf\t9"


def test_projector_escapes_tabs_and_newlines(tmp_path):
    keys = ["tab\there", "line\nbreak", "carriage\rreturn", "plain"]
    emb = KeyedEmbeddings(np.eye(4, dtype=np.float32), keys=keys)
    files = to_projector(emb, tmp_path, metadata={"note": ["a\tb", "c", "d\ne", "f"]})
    lines = files.metadata.read_text(encoding="utf-8").split("\n")
    assert lines == [
        "name\tnote",
        "tab\\there\ta\\tb",
        "line\\nbreak\tc",
        "carriage\\rreturn\td\\ne",
        "plain\tf",
        "",
    ]


def test_projector_normalize_and_int_keys(tmp_path):
    vectors = np.array([[3.0, 4.0], [0.0, 2.0], [1.0, 0.0]], dtype=np.float32)
    files = to_projector(vectors, tmp_path, normalize=True, name="unit")
    assert files.vectors.read_text() == "0.6\t0.8\n0.0\t1.0\n1.0\t0.0\n"
    assert files.metadata.read_text().splitlines() == ["0", "1", "2"]
    assert files.vectors.name == "unit_vectors.tsv"


def test_projector_books_and_links_share_config(emb, tmp_path):
    links = KeyedEmbeddings(np.eye(3, dtype=np.float32), keys=["fantasy", "tor books", "novel"])
    model = _Fitted(books=emb, links=links).fit()
    to_projector(model, tmp_path)  # a model means its books
    files = to_projector(model.links_, tmp_path, name="links")
    assert files.vectors.name == "links_vectors.tsv"
    assert files.metadata.read_text().splitlines() == ["fantasy", "tor books", "novel"]
    config = json.loads(files.config.read_text())
    assert [(e["tensorName"], e["tensorShape"]) for e in config["embeddings"]] == [
        ("books", [6, 7]),
        ("links", [3, 3]),
    ]
    # Exporting books again replaces their entry instead of adding a duplicate.
    to_projector(model.books_, tmp_path)
    config = json.loads(files.config.read_text())
    assert sorted(e["tensorName"] for e in config["embeddings"]) == ["books", "links"]


def test_which_is_deprecated_but_still_works(emb, tmp_path):
    links = KeyedEmbeddings(np.eye(3, dtype=np.float32), keys=["fantasy", "tor books", "novel"])
    model = _Fitted(books=emb, links=links).fit()
    deprecated = r"which='links' is deprecated and will be removed in 0.3; pass model.links_"
    with pytest.warns(FutureWarning, match=deprecated) as caught:
        files = to_projector(model, tmp_path / "p", which="links")
    assert caught[0].filename == __file__  # points at the caller
    assert files.vectors.name == "links_vectors.tsv"
    assert files.metadata.read_text().splitlines() == ["fantasy", "tor books", "novel"]
    with pytest.warns(FutureWarning, match=deprecated):
        path = save_word2vec_format(model, tmp_path / "l.txt", which="links")
    assert load_word2vec_format(path).index_to_key == ["fantasy", "tor_books", "novel"]
    with pytest.warns(FutureWarning, match=deprecated) as caught:
        paths = export(model, tmp_path / "w", format="word2vec", which="links")
    assert len(caught) == 1 and [p.name for p in paths] == ["links.txt"]
    with pytest.warns(FutureWarning, match=r"which='books' is deprecated .* the model itself"):
        to_projector(model, tmp_path / "b", which="books")


def test_projector_wrong_metadata_length_writes_nothing(emb, tmp_path):
    with pytest.raises(ValueError, match=r"column 'genre' has 5 values but there are 6"):
        to_projector(emb, tmp_path / "new", metadata={"genre": list("abcde")})
    assert not (tmp_path / "new").exists()

    files = to_projector(emb, tmp_path)
    before = {p.name: p.read_bytes() for p in files}
    with pytest.raises(ValueError, match="has 7 values"):
        to_projector(emb, tmp_path, metadata={"genre": list("abcdefg")})
    assert {p.name: p.read_bytes() for p in files} == before
    assert _listing(tmp_path) == sorted(before)


@pytest.mark.parametrize(
    ("metadata", "error", "match"),
    [
        ({"name": KEYS}, ValueError, "must not contain a column named 'name'"),
        ({"genre": "fantasy"}, TypeError, "one value per item"),
        (["a"] * 6, TypeError, "mapping"),
    ],
)
def test_projector_rejects_bad_metadata(emb, tmp_path, metadata, error, match):
    with pytest.raises(error, match=match):
        to_projector(emb, tmp_path, metadata=metadata)
    assert _listing(tmp_path) == []


def test_projector_failure_during_write_leaves_old_files(emb, tmp_path, monkeypatch):
    files = to_projector(emb, tmp_path)
    before = {p.name: p.read_bytes() for p in files}

    real_open = _atomic.AtomicFiles.open
    calls = []

    def failing_open(self, path, mode="wb"):
        calls.append(path)
        if len(calls) == 3:  # the config, after both TSV files were written
            raise OSError("disk full")
        return real_open(self, path, mode)

    monkeypatch.setattr(_atomic.AtomicFiles, "open", failing_open)
    with pytest.raises(OSError, match="disk full"):
        to_projector(emb, tmp_path, normalize=True)
    assert {p.name: p.read_bytes() for p in files} == before
    assert _listing(tmp_path) == sorted(before)  # temporary files removed


def test_projector_rejects_bad_config_and_name(emb, tmp_path):
    (tmp_path / "projector_config.json").write_text("not json")
    with pytest.raises(ValueError, match="not a projector config"):
        to_projector(emb, tmp_path)
    assert _listing(tmp_path) == ["projector_config.json"]
    with pytest.raises(ValueError, match="file-name prefix"):
        to_projector(emb, tmp_path / "x", name="../books")


# --------------------------------------------------------------------------
# input resolution
# --------------------------------------------------------------------------


def test_resolver_errors(emb, tmp_path):
    with pytest.raises(NotFittedError, match="not fitted"):
        to_projector(_Fitted(), tmp_path)
    with pytest.raises(TypeError, match="KeyedEmbeddings"):
        to_projector([[1.0, 2.0]], tmp_path)
    with pytest.raises(ValueError, match="which must be 'books' or 'links'"):
        to_projector(emb, tmp_path, which="pages")
    with pytest.raises(ValueError, match="2-D"):
        save_word2vec_format(np.ones(3), tmp_path / "v.txt")


# --------------------------------------------------------------------------
# word2vec format
# --------------------------------------------------------------------------


@pytest.mark.parametrize("binary", [False, True])
def test_word2vec_round_trip_exact(emb, tmp_path, binary):
    path = save_word2vec_format(emb, tmp_path / "books.w2v", binary=binary)
    back = load_word2vec_format(path, binary=binary)
    assert back.index_to_key == [k.replace(" ", "_") for k in KEYS]
    assert back.vectors.dtype == np.float32
    np.testing.assert_array_equal(back.vectors, emb.vectors)
    assert _listing(tmp_path) == ["books.w2v"]


def test_word2vec_text_layout(tmp_path):
    emb = KeyedEmbeddings(
        np.array([[0.1, -2.0], [1e-8, 3.0]], dtype=np.float32), keys=["a b", "c"]
    )
    path = save_word2vec_format(emb, tmp_path / "v.txt")
    assert path.read_text(encoding="utf-8") == "2 2\na_b 0.1 -2.0\nc 1e-08 3.0\n"


def test_word2vec_binary_layout(tmp_path):
    emb = KeyedEmbeddings(np.array([[1.0, -2.0]], dtype=np.float32), keys=["é"])
    path = save_word2vec_format(emb, tmp_path / "v.bin", binary=True)
    expected = b"1 2\n" + "é".encode() + b" " + np.array([1.0, -2.0], "<f4").tobytes() + b"\n"
    assert path.read_bytes() == expected


def test_word2vec_normalize_and_int_keys(tmp_path):
    vectors = np.array([[3.0, 4.0], [0.0, -5.0]], dtype=np.float32)
    path = save_word2vec_format(vectors, tmp_path / "v.txt", normalize=True)
    assert path.read_text().splitlines() == ["2 2", "0 0.6 0.8", "1 0.0 -1.0"]


def test_word2vec_whitespace_in_keys(tmp_path):
    emb = KeyedEmbeddings(np.eye(3, dtype=np.float32), keys=["a b", "c\td", "e\nf"])
    path = save_word2vec_format(emb, tmp_path / "v.txt", space_replacement="+")
    assert load_word2vec_format(path).index_to_key == ["a+b", "c+d", "e+f"]
    with pytest.raises(ValueError, match="contains whitespace"):
        save_word2vec_format(emb, tmp_path / "strict.txt", space_replacement=None)
    with pytest.raises(ValueError, match="space_replacement must not contain whitespace"):
        save_word2vec_format(emb, tmp_path / "spaces.txt", space_replacement=" ")
    clash = KeyedEmbeddings(np.eye(2, dtype=np.float32), keys=["a b", "a_b"])
    with pytest.raises(ValueError, match="both become 'a_b'"):
        save_word2vec_format(clash, tmp_path / "clash.txt")
    assert _listing(tmp_path) == ["v.txt"]


def test_word2vec_failure_keeps_existing_file(emb, tmp_path, monkeypatch):
    path = save_word2vec_format(emb, tmp_path / "v.txt")
    before = path.read_bytes()

    def boom(vectors):
        raise MemoryError("out of memory while formatting")

    monkeypatch.setattr(_word2vec, "float32_strings", boom)
    with pytest.raises(MemoryError):
        save_word2vec_format(emb, path, normalize=True)
    assert path.read_bytes() == before
    assert _listing(tmp_path) == ["v.txt"]


def test_load_reads_other_writers(tmp_path):
    # Keys with single spaces (some tools write them), extra blanks, CRLF.
    text = tmp_path / "other.txt"
    text.write_bytes(b"3 2\r\nNew York 1 2 \r\n  x  0.5   -0.5\r\ny 3 4\r\n")
    emb = load_word2vec_format(text)
    assert emb.index_to_key == ["New York", "x", "y"]
    np.testing.assert_array_equal(emb.vectors, [[1, 2], [0.5, -0.5], [3, 4]])
    # gensim-style binary: no newline between records.
    row = np.array([1.5, 2.5], "<f4").tobytes()
    binary = tmp_path / "gensim.bin"
    binary.write_bytes(b"2 2\na " + row + b"b " + row)
    emb = load_word2vec_format(binary, binary=True)
    assert emb.index_to_key == ["a", "b"]
    np.testing.assert_array_equal(emb.vectors, [[1.5, 2.5], [1.5, 2.5]])
    assert load_word2vec_format(binary, binary=True, limit=1).index_to_key == ["a"]


@pytest.mark.parametrize("binary", [False, True])
def test_load_limit(emb, tmp_path, binary):
    path = save_word2vec_format(emb, tmp_path / "v", binary=binary)
    part = load_word2vec_format(path, binary=binary, limit=2)
    assert part.index_to_key == ["War_and_Peace", "Anna_Karenina"]
    np.testing.assert_array_equal(part.vectors, emb.vectors[:2])


@pytest.mark.parametrize(
    ("content", "binary", "match"),
    [
        (b"hello world\n", False, "first line should be"),
        (b"", False, "first line should be"),
        (b"2 2\na 1 2\n", False, "ends after 1"),
        (b"1 3\na 1 2\n", False, "line 2: expected a key and 3 values"),
        (b"1 2\na 1 x\n", False, "not a number"),
        (b"2 2\na 1 2\na 3 4\n", False, "key 'a' appears twice"),
        (b"2 2\na " + np.zeros(2, "<f4").tobytes(), True, "ends after 1"),
        (b"1 2\na " + np.zeros(1, "<f4").tobytes(), True, "ends after 0"),
    ],
)
def test_load_rejects_damaged_files(tmp_path, content, binary, match):
    path = tmp_path / "bad"
    path.write_bytes(content)
    with pytest.raises(ValueError, match=match):
        load_word2vec_format(path, binary=binary)


# --------------------------------------------------------------------------
# gensim compatibility
# --------------------------------------------------------------------------


@pytest.mark.parametrize("binary", [False, True])
def test_gensim_loads_our_files(emb, tmp_path, binary):
    gensim_models = pytest.importorskip("gensim.models", reason="gensim is not installed")
    path = save_word2vec_format(emb, tmp_path / "books.w2v", binary=binary)
    kv = gensim_models.KeyedVectors.load_word2vec_format(str(path), binary=binary)
    assert kv.index_to_key == [k.replace(" ", "_") for k in KEYS]
    assert kv.vectors.dtype == np.float32
    # Exact in both modes: text values are the shortest exact float32 decimals.
    np.testing.assert_array_equal(kv.vectors, emb.vectors)


@pytest.mark.parametrize("binary", [False, True])
def test_we_load_gensim_files(tmp_path, binary):
    gensim_models = pytest.importorskip("gensim.models", reason="gensim is not installed")
    rng = np.random.default_rng(0)
    kv = gensim_models.KeyedVectors(vector_size=5)
    kv.add_vectors(["alpha", "beta", "gamma"], rng.normal(size=(3, 5)).astype(np.float32))
    path = tmp_path / "gensim.w2v"
    kv.save_word2vec_format(str(path), binary=binary)
    ours = load_word2vec_format(path, binary=binary)
    assert ours.index_to_key == ["alpha", "beta", "gamma"]
    np.testing.assert_array_equal(ours.vectors, kv.vectors)


# --------------------------------------------------------------------------
# export (CLI entry point)
# --------------------------------------------------------------------------


def test_export_dispatch(emb, tmp_path):
    links = KeyedEmbeddings(np.eye(2, dtype=np.float32), keys=["fantasy", "novel"])
    model = _Fitted(books=emb, links=links).fit()
    paths = export(model.links_, tmp_path / "out", format="word2vec", name="links", binary=True)
    assert [p.name for p in paths] == ["links.bin"]
    assert load_word2vec_format(paths[0], binary=True).index_to_key == ["fantasy", "novel"]
    paths = export(model, tmp_path / "out", format="projector")
    assert [p.name for p in paths] == [
        "books_vectors.tsv",
        "books_metadata.tsv",
        "projector_config.json",
    ]
    with pytest.raises(ValueError, match="format must be"):
        export(model, tmp_path, format="csv")
    with pytest.raises(ValueError, match="word2vec' only"):
        export(model, tmp_path, format="projector", binary=True)
