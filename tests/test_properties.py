"""Property-based tests: whatever bytes or JSON the readers get, they raise only documented errors.

Every test runs a bounded, derandomized search (a fixed number of examples, the same ones on
every run, no example database), so the suite never flakes and stays fast.
"""

from __future__ import annotations

import gzip
import io
import json
import os
import warnings
import zipfile
from pathlib import Path

import numpy as np
import pytest

hypothesis = pytest.importorskip("hypothesis")
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

import skbookembed  # noqa: E402
from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender, _atomic, _persistence  # noqa: E402
from skbookembed.datasets import load_wikipedia_books  # noqa: E402

BOUNDED = settings(
    max_examples=60,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

RECORDS = [
    ["Dune", {"author": "Frank Herbert"}, ["Science fiction", "Arrakis"], [], "t1", 5120],
    ["Emma", {"genre": "Novel"}, ["Jane Austen", "Novel"], ["http://e.x"], "t2", 300],
    ["Wikipedia:Books", {}, [], [], "t3", 10],
]
NDJSON = "\n".join(json.dumps(r) for r in RECORDS).encode("utf-8") + b"\n"

JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(10**30), max_value=10**30)
    | st.floats(allow_nan=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=6) | st.dictionaries(st.text(max_size=6), inner),
    max_leaves=20,
)


def _mutate(data: bytes, edits: list[tuple[int, int, int]]) -> bytes:
    """Apply (kind, position, byte) edits: 0 overwrites, 1 inserts, 2 deletes."""
    buf = bytearray(data)
    for kind, position, value in edits:
        if not buf:
            buf.append(value)
            continue
        i = position % len(buf)
        if kind == 0:
            buf[i] = value
        elif kind == 1:
            buf.insert(i, value)
        else:
            del buf[i]
    return bytes(buf)


EDITS = st.lists(
    st.tuples(st.integers(0, 2), st.integers(0, 1 << 30), st.integers(0, 255)),
    min_size=1,
    max_size=8,
)


def _load_books(path: Path, on_bad_lines: str):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return load_wikipedia_books(path, on_bad_lines=on_bad_lines)


def _check_loader_outcome(path: Path, on_bad_lines: str) -> None:
    try:
        books = _load_books(path, on_bad_lines)
    except ValueError as exc:
        assert str(path) in str(exc)  # the documented error names the file
    else:
        assert books.titles and all(isinstance(t, str) for t in books.titles)
        assert books.n_characters.dtype == np.int64
        assert len(books.titles) == len(books.wikilinks) == books.n_characters.shape[0]


# ---------------------------------------------------------------------------- ndjson loader


@BOUNDED
@given(edits=EDITS, compress=st.booleans(), on_bad_lines=st.sampled_from(["error", "skip"]))
def test_loader_mutated_bytes_raise_only_value_error(
    tmp_path_factory, edits, compress, on_bad_lines
):
    data = gzip.compress(NDJSON, mtime=0) if compress else NDJSON
    path = tmp_path_factory.mktemp("ndjson") / "books.ndjson"
    path.write_bytes(_mutate(data, edits))
    _check_loader_outcome(path, on_bad_lines)


@BOUNDED
@given(
    lines=st.lists(JSON, min_size=0, max_size=5), on_bad_lines=st.sampled_from(["error", "skip"])
)
def test_loader_random_json_lines_raise_only_value_error(tmp_path_factory, lines, on_bad_lines):
    path = tmp_path_factory.mktemp("ndjson") / "books.ndjson"
    path.write_text("\n".join([json.dumps(RECORDS[0]), *map(json.dumps, lines)]))
    _check_loader_outcome(path, on_bad_lines)
    books = _load_books(path, "skip")  # the good first line always survives skipping
    assert books.titles[0] == "Dune"


@BOUNDED
@given(field=st.integers(0, 5), value=JSON, on_bad_lines=st.sampled_from(["error", "skip"]))
def test_loader_random_field_values(tmp_path_factory, field, value, on_bad_lines):
    record = list(RECORDS[1])
    record[field] = value
    path = tmp_path_factory.mktemp("ndjson") / "books.ndjson"
    path.write_text(json.dumps(RECORDS[0]) + "\n" + json.dumps(record))
    _check_loader_outcome(path, on_bad_lines)


# ---------------------------------------------------------------------------- model reader


def _tiny_model() -> PairEmbeddingRecommender:
    est = PairEmbeddingRecommender(embedding_dim=3)
    rng = np.random.default_rng(0)
    est.book_embeddings_ = rng.normal(size=(4, 3)).astype(np.float32)
    est.link_embeddings_ = rng.normal(size=(5, 3)).astype(np.float32)
    est.book_names_ = np.array(["Dune", "Emma", "Война и мир", "It\x00"], dtype=object)
    est.link_names_ = None
    est.history_ = {"loss": [0.5, 0.25]}
    est.n_features_in_ = 5
    est.n_pairs_ = 9
    return est


@pytest.fixture(scope="module")
def model_bytes(tmp_path_factory) -> bytes:
    path = tmp_path_factory.mktemp("model") / "m.npz"
    _persistence.save(_tiny_model(), path)
    return path.read_bytes()


def _check_reader_outcome(path: Path) -> None:
    outcomes = []
    for reader in (skbookembed.load, KeyedEmbeddings.load):
        try:
            result = reader(path)
        except ValueError as exc:
            assert str(path) in str(exc)
            outcomes.append("refused")
        else:
            vectors = result.vectors if isinstance(result, KeyedEmbeddings) else None
            if vectors is None:
                vectors = result.book_embeddings_
            assert np.isfinite(vectors).all()
            outcomes.append("loaded")
    assert outcomes[0] == outcomes[1]  # one validation for both readers


@BOUNDED
@given(edits=EDITS)
def test_reader_mutated_bytes_raise_only_value_error(tmp_path_factory, model_bytes, edits):
    path = tmp_path_factory.mktemp("mut") / "m.npz"
    path.write_bytes(_mutate(model_bytes, edits))
    _check_reader_outcome(path)


META_KEYS = [
    "format",
    "format_version",
    "n_features_in_",
    "n_pairs_",
    "has_book_names",
    "has_link_names",
    "params",
    "history_",
]


def _rewrite(model_bytes: bytes, path: Path, **members: np.ndarray) -> None:
    """Copy the archive, replacing (or adding) the given members."""
    with zipfile.ZipFile(io.BytesIO(model_bytes)) as zin:
        arrays = {
            info.filename[:-4]: np.lib.format.read_array(zin.open(info), allow_pickle=False)
            for info in zin.infolist()
        }
    arrays.update(members)
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)


@BOUNDED
@given(meta=JSON)
def test_reader_random_metadata_shapes(tmp_path_factory, model_bytes, meta):
    path = tmp_path_factory.mktemp("meta") / "m.npz"
    raw = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    _rewrite(model_bytes, path, __meta__=raw)
    with pytest.raises(ValueError, match="m.npz"):
        skbookembed.load(path)


@BOUNDED
@given(key=st.sampled_from(META_KEYS), value=JSON)
def test_reader_random_metadata_values(tmp_path_factory, model_bytes, key, value):
    with zipfile.ZipFile(io.BytesIO(model_bytes)) as zin:
        meta = json.loads(np.lib.format.read_array(zin.open("__meta__.npy")).tobytes())
    meta[key] = value
    path = tmp_path_factory.mktemp("meta") / "m.npz"
    raw = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    _rewrite(model_bytes, path, __meta__=raw)
    _check_reader_outcome(path)


# ---------------------------------------------------------------------------- no partial file


@BOUNDED
@given(fail_after=st.integers(0, 4000), existing=st.booleans())
def test_failed_save_never_leaves_a_partial_file(
    tmp_path_factory, monkeypatch, fail_after, existing
):
    folder = tmp_path_factory.mktemp("save")
    path = folder / "m.npz"
    est = _tiny_model()
    if existing:
        _persistence.save(est, path)
    before = path.read_bytes() if existing else None
    real_fdopen = os.fdopen

    class Failing(io.RawIOBase):
        """A file that raises OSError ('disk full') once ``fail_after`` bytes are written."""

        def __init__(self, fh):
            self.fh, self.left = fh, fail_after

        def writable(self):
            return True

        def write(self, b):
            if len(b) > self.left:
                raise OSError("disk full")
            self.left -= len(b)
            return self.fh.write(b)

        def close(self):
            self.fh.close()
            super().close()

    monkeypatch.setattr(
        _atomic.os, "fdopen", lambda fd, mode, **kw: Failing(real_fdopen(fd, mode, **kw))
    )
    try:
        _persistence.save(est, path)
    except OSError as exc:
        assert "disk full" in str(exc)
        after = path.read_bytes() if path.exists() else None
        assert after == before  # the old model, untouched, or still no file
    else:
        skbookembed.load(path)  # complete
    finally:
        monkeypatch.undo()
    assert sorted(p.name for p in folder.iterdir()) == (["m.npz"] if path.exists() else [])
