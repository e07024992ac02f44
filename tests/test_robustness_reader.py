"""One test per case of a damaged or hostile model file, and of how files are written."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
import time
import tracemalloc
import zipfile

import numpy as np
import pytest

import skbookembed
from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender, _persistence

READERS = [skbookembed.load, KeyedEmbeddings.load]


def _model(books=None, names=("Dune", "Emma", "Ulysses")):
    est = PairEmbeddingRecommender(embedding_dim=2)
    rng = np.random.default_rng(0)
    est.book_embeddings_ = (
        rng.normal(size=(3, 2)).astype(np.float32) if books is None else np.asarray(books)
    )
    est.link_embeddings_ = rng.normal(size=(4, 2)).astype(np.float32)
    est.book_names_ = None if names is None else np.array(names, dtype=object)
    est.link_names_ = None
    est.history_ = {"loss": [0.5]}
    est.n_features_in_ = 4
    est.n_pairs_ = 6
    return est


@pytest.fixture
def model_file(tmp_path):
    path = tmp_path / "m.npz"
    _persistence.save(_model(), path)
    return path


def _members(path):
    with zipfile.ZipFile(path) as zf:
        return {
            info.filename[:-4]: np.lib.format.read_array(zf.open(info), allow_pickle=False)
            for info in zf.infolist()
        }


def _write(path, arrays):
    with open(path, "wb") as fh:
        np.savez(fh, **arrays)
    return path


def _with_meta(path, **changes):
    arrays = _members(path)
    meta = json.loads(arrays["__meta__"].tobytes())
    meta.update(changes)
    arrays["__meta__"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    return _write(path, arrays)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("value", [np.nan, np.inf, -np.inf])
def test_both_readers_refuse_non_finite_tables(tmp_path, reader, value):
    books = np.ones((3, 2), dtype=np.float32)
    books[1, 0] = value
    path = tmp_path / "m.npz"
    _persistence.save(_model(books=books), path)
    with pytest.raises(ValueError, match="m.npz.*NaN or infinite"):
        reader(path)


@pytest.mark.parametrize("reader", READERS)
def test_both_readers_refuse_repeated_names(tmp_path, reader):
    path = tmp_path / "m.npz"
    _persistence.save(_model(names=("Dune", "Dune", "Emma")), path)
    with pytest.raises(ValueError, match="book names are invalid.*repeated: 'Dune'"):
        reader(path)


@pytest.mark.parametrize("reader", READERS)
def test_both_readers_refuse_names_that_are_not_utf8(model_file, reader):
    arrays = _members(model_file)
    arrays["book_names_utf8"] = arrays["book_names_utf8"].copy()
    arrays["book_names_utf8"][0] = 0xFF
    _write(model_file, arrays)
    with pytest.raises(ValueError, match="not valid UTF-8"):
        reader(model_file)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize(
    ("meta", "kind"), [([1, 2], "an array"), ('"x"', "a string"), ("3", "a number")]
)
def test_metadata_of_the_wrong_json_type(model_file, reader, meta, kind):
    arrays = _members(model_file)
    text = meta if isinstance(meta, str) else json.dumps(meta)
    arrays["__meta__"] = np.frombuffer(text.encode(), dtype=np.uint8)
    _write(model_file, arrays)
    with pytest.raises(ValueError, match=f"m.npz.*metadata is {kind}, not a JSON object"):
        reader(model_file)


@pytest.mark.parametrize("reader", READERS)
def test_invalid_json_metadata_names_the_file(model_file, reader):
    arrays = _members(model_file)
    arrays["__meta__"] = np.frombuffer(b'{"format": ', dtype=np.uint8)
    _write(model_file, arrays)
    with pytest.raises(ValueError, match=r"'.*m\.npz'.*metadata is not valid JSON"):
        reader(model_file)


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("version", [0, -1, True, "1", 1.0, None])
def test_invalid_format_versions_are_refused(model_file, reader, version):
    _with_meta(model_file, format_version=version)
    with pytest.raises(ValueError, match="format_version is .*not an integer >= 1") as info:
        reader(model_file)
    assert "Upgrade" not in str(info.value)


@pytest.mark.parametrize(
    ("field", "value"),
    [("n_features_in_", "4"), ("has_book_names", 1), ("params", []), ("history_", None)],
)
def test_metadata_fields_of_the_wrong_type(model_file, field, value):
    _with_meta(model_file, **{field: value})
    with pytest.raises(ValueError, match=f"metadata field '{field}'"):
        skbookembed.load(model_file)


def test_format_version_1_files_still_load(tmp_path):
    """A file as version 1 wrote it: names as a fixed-width unicode array."""
    path = tmp_path / "old.npz"
    _persistence.save(_model(), path)
    arrays = _members(path)
    del arrays["book_names_utf8"], arrays["book_names_offsets"]
    arrays["book_names"] = np.array(["Dune", "Emma", "Ulysses"])
    _write(path, arrays)
    _with_meta(path, format_version=1)
    assert skbookembed.load(path).book_names_.tolist() == ["Dune", "Emma", "Ulysses"]
    assert KeyedEmbeddings.load(path).get_index("emma") == 1


def _zip_with_member(path, name, header: dict, payload: bytes):
    """Rewrite ``path`` so that its member ``name`` has the given .npy header and payload."""
    arrays = _members(path)
    buffer = io.BytesIO()
    np.lib.format.write_array_header_1_0(buffer, header)
    with zipfile.ZipFile(path, "w") as zf:
        for key, array in arrays.items():
            if key != name:
                with zf.open(f"{key}.npy", "w") as fh:
                    np.lib.format.write_array(fh, array, allow_pickle=False)
        zf.writestr(f"{name}.npy", buffer.getvalue() + payload)


def _peak_bytes(call):
    tracemalloc.start()
    try:
        call()
    finally:
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    return peak


def test_header_claiming_a_trillion_rows_is_refused_before_allocating(model_file):
    header = {"descr": "<f4", "fortran_order": False, "shape": (10**12, 2)}
    _zip_with_member(model_file, "book_embeddings", header, b"\0" * 24)

    def read():
        with pytest.raises(ValueError, match="declares shape .*1000000000000"):
            skbookembed.load(model_file)

    assert _peak_bytes(read) < 20_000_000


def test_small_file_inflating_to_a_huge_member_is_refused(tmp_path):
    path = tmp_path / "bomb.npz"
    _persistence.save(_model(), path)
    rows = 16 << 20  # 16 M rows x 2 float32: 128 MiB of zeros, deflated to ~130 kB
    arrays = _members(path)
    meta = json.loads(arrays["__meta__"].tobytes())
    meta["n_features_in_"] = rows
    arrays["__meta__"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    with zipfile.ZipFile(path, "w") as zf:
        for key, array in arrays.items():
            if key == "link_embeddings":
                continue
            with zf.open(f"{key}.npy", "w") as fh:
                np.lib.format.write_array(fh, array, allow_pickle=False)
        info = zipfile.ZipInfo("link_embeddings.npy")
        info.compress_type = zipfile.ZIP_DEFLATED
        with zf.open(info, "w", force_zip64=True) as fh:
            header = {"descr": "<f4", "fortran_order": False, "shape": (rows, 2)}
            np.lib.format.write_array_header_1_0(fh, header)
            chunk = b"\0" * (1 << 22)
            for _ in range(rows * 8 // len(chunk)):
                fh.write(chunk)
    assert path.stat().st_size < 2_000_000

    def read():
        with pytest.raises(ValueError, match="inflates .* more than 64 times"):
            KeyedEmbeddings.load(path, table="links")

    assert _peak_bytes(read) < 20_000_000


def test_saved_file_gets_the_umask_default_mode(tmp_path):
    old = os.umask(0o022)
    try:
        _persistence.save(_model(), tmp_path / "m.npz")
    finally:
        os.umask(old)
    if os.name == "posix":
        assert (tmp_path / "m.npz").stat().st_mode & 0o777 == 0o644


def test_orphans_of_killed_saves_are_removed_by_the_next_save(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    dead_pid = int(done.stdout)
    dead = tmp_path / f".m.npz.{dead_pid}.0a1b2c3d.tmp"  # its writer is gone
    old_style = tmp_path / ".m.npz.k3j2h1g0.tmp"  # mkstemp's name, from older versions
    live = tmp_path / f".m.npz.{os.getppid()}.99999999.tmp"  # another process, still saving
    other = tmp_path / f".other.npz.{dead_pid}.0a1b2c3d.tmp"  # a save to another path
    for orphan in (dead, old_style, live, other):
        orphan.write_bytes(b"partial")
    an_hour_ago = time.time() - 2 * 3600
    os.utime(old_style, (an_hour_ago, an_hour_ago))
    _persistence.save(_model(), tmp_path / "m.npz")
    left = sorted(p.name for p in tmp_path.iterdir())
    assert left == sorted(["m.npz", live.name, other.name])


def test_a_directory_or_a_text_file_is_a_clear_error(tmp_path):
    with pytest.raises(ValueError, match="it is a directory"):
        skbookembed.load(tmp_path)
    (tmp_path / "notes.txt").write_text("hello")
    with pytest.raises(ValueError, match="not an .npz \\(zip\\) archive") as info:
        KeyedEmbeddings.load(tmp_path / "notes.txt")
    assert "allow_pickle" not in str(info.value)


def _with_link_rows(path, **replace):
    """The model file with link rows (3 books x 4 links), some of its arrays replaced."""
    arrays = _members(path)
    meta = json.loads(arrays["__meta__"].tobytes())
    meta["has_book_links"] = True
    arrays["__meta__"] = np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8)
    arrays["book_links_indptr"] = np.array([0, 2, 2, 3], dtype=np.int64)
    arrays["book_links_indices"] = np.array([0, 3, 1], dtype=np.int32)
    arrays["book_links_data"] = np.array([1.0, 2.0, 0.5], dtype=np.float32)
    for name, value in replace.items():
        if value is None:
            del arrays[name]
        else:
            arrays[name] = value
    return _write(path, arrays)


def test_link_rows_are_read_back(model_file):
    rows = skbookembed.load(_with_link_rows(model_file)).book_links_
    np.testing.assert_array_equal(
        rows.toarray(), [[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.5, 0.0, 0.0]]
    )


@pytest.mark.parametrize(
    ("replace", "message"),
    [
        ({"book_links_data": None}, "book_links_data is missing"),
        ({"book_links_indptr": np.array([0, 2, 3], dtype=np.int64)}, "not a sparse matrix"),
        ({"book_links_indptr": np.array([0, 3, 2, 3], dtype=np.int64)}, "not a sparse matrix"),
        ({"book_links_indptr": np.array([1, 2, 2, 3], dtype=np.int64)}, "not a sparse matrix"),
        ({"book_links_indices": np.array([0, 3], dtype=np.int32)}, "not a sparse matrix"),
        ({"book_links_indices": np.array([0.0, 3.0, 1.0])}, "not a sparse matrix"),
        ({"book_links_indices": np.array([0, 4, 1], dtype=np.int32)}, "outside its link table"),
        ({"book_links_indices": np.array([0, -1, 1], dtype=np.int32)}, "outside its link"),
        ({"book_links_data": np.array([1.0, -2.0, 0.5], dtype=np.float32)}, "negative, NaN"),
        ({"book_links_data": np.array([1.0, np.nan, 0.5], dtype=np.float32)}, "negative, NaN"),
        # Unsigned offsets that fall back: their differences do not go below zero.
        ({"book_links_indptr": np.array([0, 3, 2, 3], dtype=np.uint64)}, "not a sparse matrix"),
        ({"book_links_indptr": np.array([0, 2**63, 2, 3], dtype=np.uint64)}, "not a sparse"),
        ({"book_links_indptr": np.array([0, 2, 2, 3], dtype=bool)}, "not a sparse matrix"),
        ({"book_links_indptr": np.array(3, dtype=np.int64)}, "not a sparse matrix"),
        ({"book_links_indptr": np.zeros((4, 1), dtype=np.int64)}, "not a sparse matrix"),
        ({"book_links_indices": np.array([[0, 3, 1]], dtype=np.int32)}, "not a sparse matrix"),
        ({"book_links_data": np.array([1, 2, 1], dtype=np.int32)}, "not a sparse matrix"),
        ({"book_links_data": np.array([1.0, 2.0], dtype=np.float32)}, "not a sparse matrix"),
        ({"book_links_indptr": np.zeros(1000, dtype=np.int64)}, "over the"),
        (  # two finite weights of one link that add up to an infinite one
            {
                "book_links_indices": np.array([3, 3, 1], dtype=np.int32),
                "book_links_data": np.array([3e38, 3e38, 0.5], dtype=np.float32),
            },
            "negative, NaN or infinite",
        ),
        ({"book_links_data": np.array([1.0, 2.0, 1e39])}, "negative, NaN or infinite"),
    ],
)
def test_damaged_link_rows_are_refused(model_file, replace, message):
    path = _with_link_rows(model_file, **replace)
    with pytest.raises(ValueError, match=message) as info:
        skbookembed.load(path)
    assert str(path) in str(info.value)


def test_link_rows_of_other_dtypes_are_read_as_the_writer_s(model_file):
    path = _with_link_rows(
        model_file,
        book_links_indptr=np.array([0, 2, 2, 3], dtype=">u4"),
        book_links_indices=np.array([0, 3, 1], dtype=np.uint8),
        book_links_data=np.array([1.0, 2.0, 0.5], dtype=np.float16),
    )
    rows = skbookembed.load(path).book_links_
    assert rows.dtype == np.float32
    np.testing.assert_array_equal(
        rows.toarray(), [[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.5, 0.0, 0.0]]
    )


def test_link_rows_with_repeated_or_unsorted_links_are_read_summed_and_sorted(model_file):
    path = _with_link_rows(
        model_file,
        book_links_indptr=np.array([0, 3, 3, 4], dtype=np.int64),
        book_links_indices=np.array([3, 0, 3, 1], dtype=np.int32),
        book_links_data=np.array([1.0, 1.0, 1.0, 0.5], dtype=np.float32),
    )
    rows = skbookembed.load(path).book_links_
    assert rows.has_canonical_format
    np.testing.assert_array_equal(rows.indices, [0, 3, 1])
    np.testing.assert_array_equal(
        rows.toarray(), [[1.0, 0.0, 0.0, 2.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.5, 0.0, 0.0]]
    )


def test_link_rows_flag_of_the_wrong_type_is_refused(model_file):
    with pytest.raises(ValueError, match="'has_book_links' metadata is not a boolean"):
        skbookembed.load(_with_meta(model_file, has_book_links="yes"))
