"""The safe model format: numpy arrays and JSON metadata in one ``.npz``, no pickle.

Layout of the archive (``numpy.savez``, members stored uncompressed):

``__meta__``
    uint8 bytes of a UTF-8 JSON object: ``{"format": "skbookembed.PairEmbeddingRecommender",
    "format_version": 2, "library_version": ..., "params": {...}, "n_features_in_": ...,
    "n_pairs_": ..., "history_": {...}, "has_book_names": bool, "has_link_names": bool}``.
``book_embeddings``, ``link_embeddings``
    float32 matrices.
``book_names_utf8`` and ``book_names_offsets`` (and the same for links)
    present when the estimator has names: the names' UTF-8 bytes end to end (uint8) and
    ``n + 1`` int64 offsets, name ``i`` being ``utf8[offsets[i]:offsets[i + 1]]``. Format
    version 1 stored a fixed-width unicode array ``book_names`` instead; it is still read.
``label_<field>_utf8``, ``label_<field>_offsets``, ``label_<field>_codes`` (optional)
    Labels of the books, e.g. the coarse genre and the author that ``skbookembed fit`` keeps
    from Wikipedia infoboxes: the distinct labels (stored like the names) and one int32
    code per book (-1: no label). The metadata key ``"book_labels"`` lists the fields;
    files without it have no labels. Read back as ``book_labels_``, a dict of object arrays
    (None: no label).
``book_links_indptr``, ``book_links_indices``, ``book_links_data`` (optional)
    The books' link rows, the matrix the model was fitted on (``skbookembed fit`` keeps it
    so that ``similar --smooth`` can smooth): CSR arrays (int64, int32, float32) of the
    ``(n_books, n_features_in_)`` matrix of non-negative weights, present when the
    metadata's ``"has_book_links"`` is true. Read back as ``book_links_``, a
    ``scipy.sparse.csr_array``. Readers that predate it ignore these members.

:func:`read` is the one reader (used by :func:`skbookembed.load`, and through
:func:`read_table` by :meth:`KeyedEmbeddings.load <skbookembed.KeyedEmbeddings.load>`): it checks the metadata's
JSON types, each array's declared shape against the bytes the archive holds (before
allocating anything), finite tables and valid names.
"""

from __future__ import annotations

import json
import math
import struct
import zipfile
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np
import scipy.sparse as sp
from numpy.typing import NDArray

from ._atomic import atomic_open
from ._vocab import check_names

FORMAT = "skbookembed.PairEmbeddingRecommender"
FORMAT_VERSION = 2
_ARRAYS = ("book_embeddings", "link_embeddings")
#: The metadata is small JSON; a larger member is refused before it is read.
META_LIMIT = 64 << 20
#: A compressed member may hold at most this many times its compressed size (plus 1 MiB):
#: files written by :func:`save` are not compressed, so only a hostile file inflates more.
MAX_INFLATION = 64


def library_version() -> str:
    from . import __version__

    return __version__


def _json_params(est: Any) -> dict[str, Any]:
    params = {}
    for key, value in est.get_params(deep=False).items():
        if key == "strategy" and value is not None and not isinstance(value, str):
            value = None  # a live tf.distribute.Strategy cannot be stored; training-only
        if key == "random_state" and not (value is None or isinstance(value, int)):
            value = None
        if isinstance(value, np.generic):
            value = value.item()
        params[key] = value
    from ._params import params_to_json  # Sampling/Loss objects as JSON dicts

    return params_to_json(params)


def _encode_names(names: Any) -> tuple[np.ndarray, np.ndarray]:
    encoded = [str(name).encode("utf-8") for name in names]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(e) for e in encoded], out=offsets[1:])
    return np.frombuffer(b"".join(encoded), dtype=np.uint8), offsets


def _encode_labels(field: str, values: Any, n_books: int) -> dict[str, np.ndarray]:
    """The arrays of one label field: the distinct labels and one code per book."""
    if not isinstance(field, str) or not field.isidentifier():
        raise ValueError(f"book label fields must be identifiers, got {field!r}.")
    values = list(values)
    if len(values) != n_books:
        raise ValueError(f"book_labels_[{field!r}] has {len(values)} labels for {n_books} books.")
    distinct = sorted({str(v) for v in values if v is not None})
    code_of = {label: code for code, label in enumerate(distinct)}
    codes = np.fromiter(
        (-1 if v is None else code_of[str(v)] for v in values), dtype=np.int32, count=n_books
    )
    utf8, offsets = _encode_names(distinct)
    return {
        f"label_{field}_utf8": utf8,
        f"label_{field}_offsets": offsets,
        f"label_{field}_codes": codes,
    }


def _encode_link_rows(rows: Any, shape: tuple[int, int]) -> dict[str, np.ndarray]:
    """The CSR arrays of ``book_links_``, checked against the tables' ``shape``."""
    rows = rows if sp.issparse(rows) else np.asarray(rows)
    if rows.dtype.kind not in "biuf":
        raise ValueError(
            f"book_links_ must hold real link weights, not {rows.dtype}; it must be the "
            "matrix the model was fitted on."
        )
    csr = sp.csr_array(rows, dtype=np.float32, copy=True)
    if csr.shape != shape:
        raise ValueError(
            f"book_links_ has shape {csr.shape}, but the model has {shape[0]} books and "
            f"{shape[1]} links; it must be the matrix the model was fitted on."
        )
    csr.sum_duplicates()
    if not np.isfinite(csr.data).all() or (csr.nnz and csr.data.min() < 0):
        raise ValueError("book_links_ must hold finite, non-negative link weights.")
    return {
        "book_links_indptr": csr.indptr.astype(np.int64),
        "book_links_indices": csr.indices.astype(np.int32),
        "book_links_data": csr.data,
    }


def save(est: Any, path: str | PathLike[str]) -> None:
    """Write ``est`` to ``path`` atomically (see :mod:`skbookembed._atomic`).

    The file gets the mode a new file gets under the process's umask. Temporary files of
    earlier saves to the same path that were killed are removed first.
    """
    path = Path(path)
    meta = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "library_version": library_version(),
        "params": _json_params(est),
        "n_features_in_": int(est.n_features_in_),
        "n_pairs_": int(est.n_pairs_),
        "history_": est.history_,
        "has_book_names": est.book_names_ is not None,
        "has_link_names": est.link_names_ is not None,
    }
    arrays: dict[str, np.ndarray] = {
        "book_embeddings": np.asarray(est.book_embeddings_, dtype=np.float32),
        "link_embeddings": np.asarray(est.link_embeddings_, dtype=np.float32),
    }
    for kind in ("book", "link"):
        names = getattr(est, f"{kind}_names_")
        if names is not None:
            utf8, offsets = _encode_names(names)
            arrays[f"{kind}_names_utf8"], arrays[f"{kind}_names_offsets"] = utf8, offsets
    labels = getattr(est, "book_labels_", None) or {}
    if labels:
        meta["book_labels"] = list(labels)
        for field, values in labels.items():
            arrays.update(_encode_labels(field, values, len(est.book_embeddings_)))
    rows = getattr(est, "book_links_", None)
    if rows is not None:
        shape = (len(est.book_embeddings_), len(est.link_embeddings_))
        arrays.update(_encode_link_rows(rows, shape))
        meta["has_book_links"] = True
    arrays["__meta__"] = np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8)
    with atomic_open(path) as fh:
        np.savez(fh, **arrays)


# ---------------------------------------------------------------------------- reading


class _Damaged(ValueError):
    """Raised inside :func:`read`; re-raised with the file's name."""


class _TooNew(ValueError):
    """A model file of a newer format version (raised as it is)."""


def _json_kind(value: Any) -> str:
    for kind, name in ((dict, "an object"), (list, "an array"), (str, "a string")):
        if isinstance(value, kind):
            return name
    if isinstance(value, bool):
        return "a boolean"
    if value is None:
        return "null"
    return "a number"


def _read_member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int | None) -> np.ndarray:
    """One ``.npy`` member, its header checked against the archive before any allocation."""
    name = info.filename[: -len(".npy")]
    if limit is not None and info.file_size > limit:
        raise _Damaged(f"its member {name!r} is {info.file_size} bytes, over the {limit}")
    if info.compress_type != zipfile.ZIP_STORED and info.file_size > (
        MAX_INFLATION * info.compress_size + (1 << 20)
    ):
        raise _Damaged(
            f"its member {name!r} inflates from {info.compress_size} to {info.file_size} "
            f"bytes, more than {MAX_INFLATION} times"
        )
    with zf.open(info) as fh:
        try:
            version = np.lib.format.read_magic(fh)
            if version == (1, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_1_0(fh)
            elif version == (2, 0):
                shape, fortran, dtype = np.lib.format.read_array_header_2_0(fh)
            else:
                raise _Damaged(f"its member {name!r} has .npy version {version}")
        except (ValueError, SyntaxError, TypeError) as exc:
            raise _Damaged(f"its member {name!r} has an invalid .npy header ({exc})") from exc
        if dtype.hasobject:
            raise _Damaged(f"its member {name!r} holds Python objects, which are never loaded")
        declared = math.prod(shape) * dtype.itemsize
        held = info.file_size - fh.tell()
        if declared != held:
            raise _Damaged(
                f"its member {name!r} declares shape {tuple(shape)} of {dtype} "
                f"({declared} bytes) but holds {held} bytes"
            )
        data = np.empty(declared, dtype=np.uint8)
        view, done = memoryview(data), 0
        while done < declared:
            got = fh.readinto(view[done:])
            if not got:
                raise _Damaged(f"its member {name!r} ends early")
            done += got
        if fh.read(1):  # also makes zipfile check the CRC
            raise _Damaged(f"its member {name!r} is longer than declared")
    if dtype.itemsize == 0:
        return np.zeros(shape, dtype=dtype)
    return data.view(dtype).reshape(shape, order="F" if fortran else "C")


def _meta(raw: np.ndarray) -> dict[str, Any]:
    if raw.dtype != np.uint8 or raw.ndim != 1:
        raise _Damaged("its metadata is not a byte array")
    try:
        meta = json.loads(raw.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, ValueError, RecursionError) as exc:
        raise _Damaged(f"its metadata is not valid JSON ({exc})") from None
    if not isinstance(meta, dict):
        raise _Damaged(f"its metadata is {_json_kind(meta)}, not a JSON object")
    return meta


def _check_meta(meta: dict[str, Any], path: Path) -> None:
    if meta.get("format") != FORMAT:
        raise _Damaged(f"its format is {meta.get('format')!r}")
    version = meta.get("format_version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise _Damaged(f"its format_version is {version!r}, not an integer >= 1")
    if version > FORMAT_VERSION:
        raise _TooNew(
            f"'{path}' was written by skbookembed {meta.get('library_version')} in "
            f"format version {version}; this is skbookembed {library_version()}, "
            f"which reads format versions up to {FORMAT_VERSION}. Upgrade skbookembed."
        )
    expected = (
        ("n_features_in_", int, "an integer"),
        ("n_pairs_", int, "an integer"),
        ("has_book_names", bool, "a boolean"),
        ("has_link_names", bool, "a boolean"),
        ("params", dict, "an object"),
        ("history_", dict, "an object"),
    )
    for key, kind, kind_name in expected:
        value = meta.get(key)
        ok = isinstance(value, kind) and (kind is bool or not isinstance(value, bool))
        if ok and kind is int and value < 0:
            ok = False
        if not ok:
            shown = "missing" if key not in meta else f"{_json_kind(value)} ({value!r:.60})"
            raise _Damaged(f"its metadata field {key!r} is {shown}, not {kind_name}")


def _utf8_strings(
    zf: zipfile.ZipFile,
    members: dict[str, zipfile.ZipInfo],
    prefix: str,
    n: int,
    *,
    what: str,
    exact: bool = True,
) -> list[str]:
    """``n`` strings (at most ``n`` unless ``exact``) stored as ``<prefix>_utf8`` bytes and
    ``<prefix>_offsets``."""
    offsets_info = members.get(f"{prefix}_offsets.npy")
    if offsets_info is None or offsets_info.file_size > 8 * (n + 1) + 4096:
        raise _Damaged(f"its {what} offsets do not match the {n} entries")
    offsets = _read_member(zf, offsets_info, None)
    size_ok = offsets.shape == (n + 1,) if exact else (offsets.ndim == 1 and 1 <= offsets.size)
    if offsets.dtype.kind not in "iu" or not size_ok:
        raise _Damaged(f"its {what} offsets do not match the {n} entries")
    offsets = offsets.astype(np.int64)
    if offsets[0] != 0 or (np.diff(offsets) < 0).any():
        raise _Damaged(f"its {what} offsets are not increasing from 0")
    utf8_info = members.get(f"{prefix}_utf8.npy")
    if utf8_info is None:
        raise _Damaged(f"it has {what} offsets but no {what}")
    if utf8_info.file_size > int(offsets[-1]) + 4096:
        raise _Damaged(f"its {what} are larger than their offsets say")
    utf8 = _read_member(zf, utf8_info, None)
    if utf8.dtype != np.uint8 or utf8.shape != (int(offsets[-1]),):
        raise _Damaged(f"its {what} do not match their offsets")
    raw = utf8.tobytes()
    try:
        return [raw[a:b].decode("utf-8") for a, b in zip(offsets[:-1], offsets[1:], strict=True)]
    except UnicodeDecodeError as exc:
        raise _Damaged(f"its {what} are not valid UTF-8 ({exc})") from None


def _labels(
    zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], meta: dict[str, Any], n: int
) -> dict[str, np.ndarray] | None:
    """``{field: object array of labels or None}``, or None when the file has no labels."""
    fields = meta.get("book_labels") or []
    if not isinstance(fields, list) or not all(
        isinstance(f, str) and f.isidentifier() for f in fields
    ):
        raise _Damaged("its 'book_labels' metadata is not a list of field names")
    out: dict[str, np.ndarray] = {}
    for field in fields:
        codes_info = members.get(f"label_{field}_codes.npy")
        if codes_info is None or codes_info.file_size > 4 * n + 4096:
            raise _Damaged(f"its labels {field!r} do not match the books")
        codes = _read_member(zf, codes_info, None)
        values = _utf8_strings(
            zf, members, f"label_{field}", n, what=f"labels {field!r}", exact=False
        )
        if (
            codes.shape != (n,)
            or codes.dtype.kind != "i"
            or (codes.size and (codes.min() < -1 or codes.max() >= len(values)))
        ):
            raise _Damaged(f"its labels {field!r} do not match the books")
        labels = np.empty(n, dtype=object)
        labels[:] = [None if c < 0 else values[c] for c in codes]
        out[field] = labels
    return out or None


def _link_rows(
    zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], meta: dict[str, Any], shape: Any
) -> sp.csr_array | None:
    """The books' link rows (``book_links_``), or None when the file does not keep them."""
    present = meta.get("has_book_links", False)
    if not isinstance(present, bool):
        raise _Damaged("its 'has_book_links' metadata is not a boolean")
    if not present:
        return None
    parts = {}
    for part in ("indptr", "indices", "data"):
        info = members.get(f"book_links_{part}.npy")
        if info is None:
            raise _Damaged(f"it says it keeps link rows, but book_links_{part} is missing")
        # Offsets: at most 8 bytes for each book and one more, plus the header.
        limit = 8 * (shape[0] + 1) + 4096 if part == "indptr" else None
        parts[part] = _read_member(zf, info, limit)
    indptr, indices, data = parts["indptr"], parts["indices"], parts["data"]
    invalid = _Damaged("its link rows (book_links_*) are not a sparse matrix of its books")
    if indptr.shape != (shape[0] + 1,) or indptr.dtype.kind not in "iu":
        raise invalid
    # Unsigned offsets past int64's range wrap to negative ones, which the checks refuse.
    indptr = indptr.astype(np.int64)
    if indices.ndim != 1 or indices.dtype.kind not in "iu" or data.dtype.kind != "f":
        raise invalid
    if data.shape != indices.shape or indptr[0] != 0 or indptr[-1] != indices.size:
        raise invalid
    if (np.diff(indptr) < 0).any():
        raise invalid
    if indices.size and (indices.min() < 0 or indices.max() >= shape[1]):
        raise _Damaged("its link rows name links outside its link table")
    bad = _Damaged(
        "its link rows hold negative, NaN or infinite weights, or ones over float32's range"
    )
    if not np.isfinite(data).all() or (
        data.size and (data.min() < 0 or data.max() > np.finfo(np.float32).max)
    ):
        raise bad
    rows = sp.csr_array(
        (data.astype(np.float32, copy=False), indices.astype(np.int64), indptr), shape=shape
    )
    with np.errstate(over="ignore"):
        rows.sum_duplicates()  # the writer's canonical form: sorted, one entry per link
    if not np.isfinite(rows.data).all():  # repeated weights can add up past the range
        raise bad
    return rows


def _names(zf: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo], kind: str, n: int) -> Any:
    """The names of one table (an object array of str), from either format version."""
    if f"{kind}_names_offsets.npy" in members:
        names = _utf8_strings(zf, members, f"{kind}_names", n, what=f"{kind} names")
    else:
        info = members.get(f"{kind}_names.npy")
        if info is None:
            raise _Damaged(f"its metadata says it has {kind} names, but they are missing")
        old = _read_member(zf, info, None)
        if old.dtype.kind != "U" or old.shape != (n,):
            raise _Damaged(f"its {kind} names do not match the embeddings")
        names = old.tolist()
    try:
        return check_names(names, n, param=f"{kind}_names", holder=f"{kind}_embeddings")
    except (TypeError, ValueError) as exc:
        raise _Damaged(f"its {kind} names are invalid ({exc})") from None


def read(path: str | PathLike[str]) -> tuple[dict[str, Any], dict[str, Any]]:
    """The metadata and arrays of a model file, checked; numpy only.

    Returns ``(meta, arrays)`` with arrays ``book_embeddings``, ``link_embeddings`` (float32)
    and ``book_names``, ``link_names`` (object arrays of str, or None when the model has no
    names), ``book_labels`` (a dict of object arrays, or None when it has no labels) and
    ``book_links`` (a ``csr_array``, or None when the file keeps no link rows).

    Raises
    ------
    FileNotFoundError
        When ``path`` does not exist.
    ValueError
        For anything else that is not a valid model file: a directory, another format,
        damaged or hostile content (the message names the file and what is wrong), or a
        newer format version.
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such model file: '{path}'.")
    bad = f"'{path}' is not a skbookembed model file (written by PairEmbeddingRecommender.save)"
    if path.is_dir():
        raise ValueError(f"{bad}: it is a directory.")
    try:
        with open(path, "rb") as fh:
            magic = fh.read(6)
        if magic == b"\x93NUMPY":
            raise _Damaged("it is a single .npy array, not an .npz archive")
        if not zipfile.is_zipfile(path):
            raise _Damaged("it is not an .npz (zip) archive, or it is truncated or damaged")
        with zipfile.ZipFile(path) as zf:
            members = {
                info.filename: info for info in zf.infolist() if info.filename.endswith(".npy")
            }
            if "__meta__.npy" not in members:
                raise _Damaged("it has no metadata")
            meta = _meta(_read_member(zf, members["__meta__.npy"], META_LIMIT))
            _check_meta(meta, path)
            tables = {}
            for name in _ARRAYS:
                if f"{name}.npy" not in members:
                    raise _Damaged(f"it has no {name}")
                tables[name] = _read_member(zf, members[f"{name}.npy"], None)
            books, links = tables["book_embeddings"], tables["link_embeddings"]
            for name, table in tables.items():
                if table.dtype.kind != "f" or table.ndim != 2:
                    raise _Damaged(f"its {name} is not a 2-D float array")
            if books.shape[1] != links.shape[1]:
                raise _Damaged("its embedding arrays have inconsistent shapes")
            if links.shape[0] != meta["n_features_in_"]:
                raise _Damaged("its link embeddings do not match n_features_in_")
            for name, table in tables.items():
                if not np.isfinite(table).all():
                    raise _Damaged(f"its {name} contain NaN or infinite values")
            arrays: dict[str, Any] = {
                name: table.astype(np.float32, copy=False) for name, table in tables.items()
            }
            for kind, table in (("book", books), ("link", links)):
                present = meta[f"has_{kind}_names"]
                arrays[f"{kind}_names"] = (
                    _names(zf, members, kind, table.shape[0]) if present else None
                )
            arrays["book_labels"] = _labels(zf, members, meta, books.shape[0])
            shape = (books.shape[0], links.shape[0])
            arrays["book_links"] = _link_rows(zf, members, meta, shape)
    except _TooNew:
        raise
    except _Damaged as exc:
        raise ValueError(f"{bad}: {exc}.") from None
    except (
        ValueError,  # zipfile raises it for some damaged headers
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        OSError,
        NotImplementedError,
        OverflowError,
        struct.error,
    ) as exc:
        raise ValueError(f"{bad}, or it is truncated or damaged ({exc}).") from exc
    return meta, arrays


TABLES = ("books", "links")


def read_table(
    path: str | PathLike[str], table: str
) -> tuple[NDArray[np.float32], list[str] | None]:
    """The vectors and keys of one table of a model file (checked by :func:`read`).

    Parameters
    ----------
    path : str or path-like
        A model file.
    table : {"books", "links"}
        Which embeddings to read.

    Returns
    -------
    vectors : ndarray of float32, shape (n, dim)
        The table's embeddings.
    keys : list of str or None
        Their names, or None when the model was fitted without names.

    Raises
    ------
    ValueError
        If ``table`` is unknown (checked before the file is opened), or as :func:`read`.
    """
    if table not in TABLES:
        raise ValueError(f"table must be 'books' or 'links', got {table!r}.")
    _, arrays = read(path)
    kind = table[:-1]
    names = arrays[f"{kind}_names"]
    return arrays[f"{kind}_embeddings"], None if names is None else names.tolist()


def load(path: str | PathLike[str], cls: type) -> Any:
    """An estimator of class ``cls`` from a model file (checked by :func:`read`)."""
    meta, arrays = read(path)
    from ._params import params_from_json

    try:
        params = params_from_json(meta["params"])
    except (TypeError, ValueError) as exc:
        raise ValueError(
            f"'{path}' is not a skbookembed model file (written by "
            f"PairEmbeddingRecommender.save): its params are invalid ({exc})."
        ) from None
    valid = cls().get_params(deep=False)
    est = cls(**{k: v for k, v in params.items() if k in valid})
    est.book_embeddings_ = arrays["book_embeddings"]
    est.link_embeddings_ = arrays["link_embeddings"]
    est.book_names_ = arrays["book_names"]
    est.link_names_ = arrays["link_names"]
    est.history_ = meta["history_"]
    est.n_features_in_ = int(meta["n_features_in_"])
    est.n_pairs_ = int(meta["n_pairs_"])
    if arrays["book_labels"]:
        est.book_labels_ = arrays["book_labels"]
    if arrays["book_links"] is not None:
        est.book_links_ = arrays["book_links"]
    return est
