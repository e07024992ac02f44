"""The word2vec text and binary formats; public in :mod:`skbookembed.export`.

The format of the C word2vec tool, which :mod:`gensim` and most embedding tools read:
a header line ``"<n_items> <dim>"``, then one record per item.
"""

from __future__ import annotations

import mmap
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any, Literal

import numpy as np
from numpy.typing import NDArray

from ._atomic import atomic_open
from ._keyed import KeyedEmbeddings
from ._resolve import resolve_embeddings
from ._utils import export_vectors, float32_strings

__all__ = ["load_word2vec_format", "save_word2vec_format", "word2vec_keys"]

_WHITESPACE = re.compile(r"\s")


def word2vec_keys(keys: Sequence[Any], space_replacement: str | None) -> list[str]:
    """Keys as strings that word2vec readers can split off their vectors."""
    if space_replacement is not None and _WHITESPACE.search(space_replacement):
        raise ValueError(
            f"space_replacement must not contain whitespace, got {space_replacement!r}."
        )
    out = []
    for key in keys:
        text = str(key)
        if _WHITESPACE.search(text):
            if space_replacement is None:
                raise ValueError(
                    f"Key {text!r} contains whitespace, which the word2vec format uses as "
                    "separator. Pass space_replacement='_' (or another string) to replace it."
                )
            text = _WHITESPACE.sub(lambda _: space_replacement, text)
        if not text:
            raise ValueError("The word2vec format cannot store an empty key.")
        out.append(text)
    seen: dict[str, int] = {}
    for i, text in enumerate(out):
        if text in seen:
            raise ValueError(
                f"Keys {keys[seen[text]]!r} and {keys[i]!r} both become {text!r} in the "
                "word2vec file; choose another space_replacement or rename one of them."
            )
        seen[text] = i
    return out


def save_word2vec_format(
    embeddings: Any,
    path: str | os.PathLike[str],
    *,
    binary: bool = False,
    normalize: bool = False,
    space_replacement: str | None = "_",
    which: Literal["books", "links"] | None = None,
) -> Path:
    """Save embeddings in the word2vec text or binary format.

    The format of the C word2vec tool, read by
    ``gensim.models.KeyedVectors.load_word2vec_format`` and by
    :func:`load_word2vec_format`. A header line ``"<n_items> <dim>"`` is
    followed by one record per item: in text mode ``key v1 v2 ...`` on one
    line, in binary mode ``key``, a space, ``dim`` little-endian float32
    values and a newline. Text values are the shortest decimals that read
    back to the same float32, so both modes round-trip exactly. Keys are
    encoded as UTF-8; integer keys are written as their decimal strings.

    Readers split a record at the first space, so keys must not contain
    whitespace: by default every whitespace character in a key (space, tab,
    newline, ...) is replaced by ``"_"``, so ``"War and Peace"`` is stored
    as ``"War_and_Peace"``.

    Long only because of its parameter documentation.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        What to save: ``model.books_``, ``model.links_``, a fitted model (its
        books) or a 2-D array (keyed by row number).
    path : str or path-like
        Destination file; its folder must exist.
    binary : bool, default=False
        Write the binary format (smaller, faster to read) instead of text.
    normalize : bool, default=False
        Save L2-normalised vectors instead of the learned ones.
    space_replacement : str or None, default="_"
        What replaces each whitespace character in keys. None raises a
        ValueError for keys that contain whitespace instead.
    which : {"books", "links"}, optional
        Deprecated (FutureWarning; removed in 0.3): pass ``model.links_``
        instead of ``model, which="links"``.

    Returns
    -------
    pathlib.Path
        The path written.

    Raises
    ------
    ValueError
        If a key is empty, contains whitespace while ``space_replacement``
        is None, or two keys become equal after replacement. Nothing is
        written then.

    See Also
    --------
    load_word2vec_format : Read the file back.
    to_projector : Export for the TensorBoard projector.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> import numpy as np
    >>> from skbookembed import KeyedEmbeddings
    >>> from skbookembed.export import load_word2vec_format, save_word2vec_format
    >>> emb = KeyedEmbeddings(np.array([[0.5, -1.0], [0.25, 2.0]], dtype=np.float32),
    ...                       keys=["War and Peace", "Emma"])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = save_word2vec_format(emb, Path(folder) / "books.txt")
    ...     print(path.read_text(), end="")
    ...     back = load_word2vec_format(path)
    2 2
    War_and_Peace 0.5 -1.0
    Emma 0.25 2.0
    >>> back.index_to_key
    ['War_and_Peace', 'Emma']
    >>> bool(np.array_equal(back.vectors, emb.vectors))
    True
    """
    keyed = resolve_embeddings(embeddings, which).keyed
    keys = word2vec_keys(list(keyed.index_to_key), space_replacement)
    vectors = export_vectors(keyed, normalize)
    path = Path(path)
    with atomic_open(path, "wb") as handle:
        handle.write("{} {}\n".format(*vectors.shape).encode())
        if binary:
            little = vectors.astype("<f4", copy=False)
            for key, row in zip(keys, little, strict=True):
                handle.write(key.encode("utf-8") + b" " + row.tobytes() + b"\n")
        else:
            rows = zip(keys, float32_strings(vectors).tolist(), strict=True)
            handle.write("".join(f"{key} {' '.join(row)}\n" for key, row in rows).encode("utf-8"))
    return path


def _parse_header(line: bytes, path: Path, encoding: str) -> tuple[int, int]:
    try:
        n_text, dim_text = line.decode(encoding).split()
        n, dim = int(n_text), int(dim_text)
        if n < 0 or dim < 1:
            raise ValueError
    except ValueError:
        raise ValueError(
            f"{path} is not a word2vec file: its first line should be '<n_items> <dim>', "
            f"got {line[:80]!r}."
        ) from None
    return n, dim


def load_word2vec_format(
    path: str | os.PathLike[str],
    *,
    binary: bool = False,
    encoding: str = "utf-8",
    unicode_errors: str = "strict",
    limit: int | None = None,
) -> KeyedEmbeddings:
    """Load a word2vec text or binary file as :class:`KeyedEmbeddings`.

    Reads the format written by :func:`save_word2vec_format`, by gensim and
    by the C word2vec tool, with numpy only. Keys are returned as strings,
    exactly as stored (underscores that replaced spaces stay underscores).
    In text files the last ``dim`` fields of a line are the vector and the
    rest is the key, so keys containing single spaces, as some other tools
    write them, are read whole. Binary files are memory-mapped, not read
    into memory at once.

    Parameters
    ----------
    path : str or path-like
        File to read.
    binary : bool, default=False
        Whether the file is in the binary format.
    encoding : str, default="utf-8"
        Encoding of the keys.
    unicode_errors : str, default="strict"
        How to handle undecodable keys (``"strict"``, ``"replace"``,
        ``"ignore"``): files cut by the C tool may split a character.
    limit : int, optional
        Read at most this many items (the first ones in the file).

    Returns
    -------
    KeyedEmbeddings
        The file's float32 vectors, with its keys.

    Raises
    ------
    ValueError
        If the header is malformed, a record has the wrong number of values,
        the file ends early, or a key appears twice.

    See Also
    --------
    save_word2vec_format : Write such a file.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from skbookembed.export import load_word2vec_format
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     path = Path(folder) / "tiny.txt"
    ...     _ = path.write_text("2 3\\nsea 1 0 0\\nsky 0 0.5 1\\n")
    ...     emb = load_word2vec_format(path)
    >>> emb.index_to_key
    ['sea', 'sky']
    >>> emb.vectors
    array([[1. , 0. , 0. ],
           [0. , 0.5, 1. ]], dtype=float32)
    """
    path = Path(path)
    if limit is not None and limit < 0:
        raise ValueError(f"limit must be None or >= 0, got {limit}.")
    with open(path, "rb") as handle:
        n, dim = _parse_header(handle.readline(), path, encoding)
        if limit is not None:
            n = min(n, limit)
        if binary:
            keys, vectors = _read_binary(handle, path, n, dim, encoding, unicode_errors)
        else:
            keys, vectors = _read_text(handle, path, n, dim, encoding, unicode_errors)
    _check_unique(keys, path)
    return KeyedEmbeddings(vectors, keys=keys)


def _check_unique(keys: list[str], path: Path) -> None:
    seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in seen:
            raise ValueError(
                f"{path}: key {key!r} appears twice (items {seen[key] + 1} and {i + 1})."
            )
        seen[key] = i


def _read_text(
    handle: IO[bytes], path: Path, n: int, dim: int, encoding: str, unicode_errors: str
) -> tuple[list[str], NDArray[np.float32]]:
    keys: list[str] = []
    values: list[str] = []
    for i in range(n):
        raw = handle.readline()
        if not raw:
            raise ValueError(
                f"{path}: the header announces {n} items but the file ends after {i}."
            )
        parts = raw.decode(encoding, errors=unicode_errors).rstrip().rsplit(None, dim)
        if len(parts) != dim + 1 or not parts[0].strip():
            raise ValueError(
                f"{path}, line {i + 2}: expected a key and {dim} values, got {raw[:80]!r}."
            )
        keys.append(parts[0].lstrip())
        values.extend(parts[1:])
    try:
        vectors = np.array(values, dtype=np.float32).reshape(n, dim)
    except ValueError as error:
        raise ValueError(
            f"{path}: a vector holds a value that is not a number ({error})."
        ) from None
    return keys, vectors


def _read_binary(
    handle: IO[bytes], path: Path, n: int, dim: int, encoding: str, unicode_errors: str
) -> tuple[list[str], NDArray[np.float32]]:
    keys: list[str] = []
    vectors = np.empty((n, dim), dtype=np.float32)
    if n == 0:
        return keys, vectors
    start = handle.tell()
    size = os.fstat(handle.fileno()).st_size
    row_bytes = 4 * dim
    if size <= start:
        raise ValueError(f"{path}: the header announces {n} items but the file ends after 0.")
    with mmap.mmap(handle.fileno(), 0, access=mmap.ACCESS_READ) as data:
        pos = start
        for i in range(n):
            while pos < size and data[pos] == 0x0A:  # newline ending the previous record
                pos += 1
            space = data.find(b" ", pos)
            if space < 0 or space + 1 + row_bytes > size:
                raise ValueError(
                    f"{path}: the header announces {n} items but the file ends after {i}."
                )
            keys.append(data[pos:space].decode(encoding, errors=unicode_errors))
            vectors[i] = np.frombuffer(data, dtype="<f4", count=dim, offset=space + 1)
            pos = space + 1 + row_bytes
    return keys, vectors
