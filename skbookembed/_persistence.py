"""The safe model format: numpy arrays and JSON metadata in one ``.npz``, no pickle.

Layout of the archive (``numpy.savez``):

``__meta__``
    uint8 bytes of a UTF-8 JSON document: ``{"format": "skbookembed.PairEmbeddingRecommender",
    "format_version": 1, "library_version": ..., "params": {...}, "n_features_in_": ...,
    "n_pairs_": ..., "history_": {...}, "has_book_names": bool, "has_link_names": bool}``.
``book_embeddings``, ``link_embeddings``
    float32 matrices.
``book_names``, ``link_names``
    unicode arrays, present when the estimator has names.
"""

from __future__ import annotations

import json
import os
import tempfile
import zipfile
from os import PathLike
from pathlib import Path
from typing import Any

import numpy as np

FORMAT = "skbookembed.PairEmbeddingRecommender"
FORMAT_VERSION = 1
_ARRAYS = ("book_embeddings", "link_embeddings")


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


def save(est: Any, path: str | PathLike[str]) -> None:
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
        "__meta__": np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        "book_embeddings": np.asarray(est.book_embeddings_, dtype=np.float32),
        "link_embeddings": np.asarray(est.link_embeddings_, dtype=np.float32),
    }
    if est.book_names_ is not None:
        arrays["book_names"] = np.asarray(est.book_names_, dtype=str)
    if est.link_names_ is not None:
        arrays["link_names"] = np.asarray(est.link_names_, dtype=str)
    directory = path.parent if str(path.parent) else Path(".")
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as fh:
            np.savez(fh, **arrays)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read(path: str | PathLike[str]) -> tuple[dict[str, Any], dict[str, np.ndarray | None]]:
    """The metadata and arrays of a model file, checked; numpy only.

    Returns ``(meta, arrays)`` with arrays ``book_embeddings``, ``link_embeddings``,
    ``book_names`` and ``link_names`` (None when the model has no names).
    """
    path = Path(path)
    if not path.exists():
        raise FileNotFoundError(f"No such model file: '{path}'.")
    bad = f"'{path}' is not a skbookembed model file (written by PairEmbeddingRecommender.save)"
    try:
        npz = np.load(path, allow_pickle=False)
    except (ValueError, OSError, EOFError, zipfile.BadZipFile) as exc:
        raise ValueError(f"{bad}, or it is truncated or damaged ({exc}).") from exc
    if not isinstance(npz, np.lib.npyio.NpzFile):
        raise ValueError(f"{bad}: it is a single .npy array, not an .npz archive.")
    try:
        with npz:
            if "__meta__" not in npz.files:
                raise ValueError(f"{bad}: it has no metadata.")
            meta = json.loads(npz["__meta__"].tobytes().decode("utf-8"))
            if meta.get("format") != FORMAT:
                raise ValueError(f"{bad}: its format is {meta.get('format')!r}.")
            version = meta.get("format_version")
            if not isinstance(version, int) or version > FORMAT_VERSION:
                raise ValueError(
                    f"'{path}' was written by skbookembed {meta.get('library_version')} in "
                    f"format version {version}; this is skbookembed {library_version()}, "
                    f"which reads format versions up to {FORMAT_VERSION}. Upgrade skbookembed."
                )
            arrays = {name: npz[name] for name in _ARRAYS}
            book_names = npz["book_names"] if meta["has_book_names"] else None
            link_names = npz["link_names"] if meta["has_link_names"] else None
    except (zipfile.BadZipFile, EOFError, OSError, KeyError, UnicodeDecodeError) as exc:
        raise ValueError(f"{bad}, or it is truncated or damaged ({exc}).") from exc
    books, links = arrays["book_embeddings"], arrays["link_embeddings"]
    if books.ndim != 2 or links.ndim != 2 or books.shape[1] != links.shape[1]:
        raise ValueError(f"{bad}: its embedding arrays have inconsistent shapes.")
    if links.shape[0] != meta["n_features_in_"]:
        raise ValueError(f"{bad}: link embeddings do not match n_features_in_.")
    for names, table in ((book_names, books), (link_names, links)):
        if names is not None and names.shape != (table.shape[0],):
            raise ValueError(f"{bad}: names do not match the embeddings.")
    arrays["book_names"], arrays["link_names"] = book_names, link_names
    return meta, arrays


def load(path: str | PathLike[str], cls: type) -> Any:
    """An estimator of class ``cls`` from a model file."""
    meta, arrays = read(path)
    books, links = arrays["book_embeddings"], arrays["link_embeddings"]
    book_names, link_names = arrays["book_names"], arrays["link_names"]
    from ._params import params_from_json

    params = params_from_json(meta["params"])
    valid = cls().get_params(deep=False)
    est = cls(**{k: v for k, v in params.items() if k in valid})
    est.book_embeddings_ = books.astype(np.float32, copy=False)
    est.link_embeddings_ = links.astype(np.float32, copy=False)
    est.book_names_ = book_names
    est.link_names_ = link_names
    est.history_ = meta["history_"]
    est.n_features_in_ = int(meta["n_features_in_"])
    est.n_pairs_ = int(meta["n_pairs_"])
    return est
