"""Write embeddings for other tools: the TensorBoard projector and word2vec.

* :func:`to_projector` writes the files that the Embedding Projector
  (https://projector.tensorflow.org, or TensorBoard's projector plugin)
  reads: a TSV of vectors, a TSV of names and metadata, and a
  ``projector_config.json`` naming them.
* :func:`save_word2vec_format` writes the text or binary format of the
  original C word2vec tool, which :mod:`gensim` and most embedding tools
  read; :func:`load_word2vec_format` reads it back with numpy only.
* :func:`export` is one entry point for both, used by the command line.

Every function accepts a :class:`~skbookembed.KeyedEmbeddings`, a fitted
:class:`~skbookembed.PairEmbeddingRecommender` (choose its ``which="books"``
or ``"links"`` table) or a 2-D numpy array (keys are then the row numbers).

Every file is written atomically: its content goes to a hidden temporary
file in the destination folder, which replaces the destination only once
it is complete. An error, raised before or during the writes, leaves no
partial file and leaves any existing file untouched. Floats are written in
the shortest decimal form that reads back to the same float32, so text
exports round-trip exactly.
"""

from __future__ import annotations

import json
import math
import mmap
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import IO, Any, Literal, NamedTuple

import numpy as np
from numpy.typing import NDArray

from ._atomic import AtomicFiles, atomic_open
from ._keyed import KeyedEmbeddings

__all__ = [
    "ProjectorFiles",
    "export",
    "load_word2vec_format",
    "save_word2vec_format",
    "to_projector",
]

_WHICH = ("books", "links")
_CONFIG_NAME = "projector_config.json"


# --------------------------------------------------------------------------
# Shared private helpers (also used by skbookembed.plotting)
# --------------------------------------------------------------------------


def _resolve_embeddings(obj: Any, which: str = "books") -> tuple[KeyedEmbeddings, str | None]:
    """Return ``(keyed_embeddings, kind)`` for any accepted input.

    ``obj`` is a :class:`KeyedEmbeddings`, a fitted estimator exposing
    ``books_`` and ``links_`` (``which`` selects one; ``kind`` is then
    ``which``) or a 2-D numpy array of vectors (``kind`` is None).
    """
    if which not in _WHICH:
        raise ValueError(f"which must be 'books' or 'links', got {which!r}.")
    if isinstance(obj, KeyedEmbeddings):
        return obj, None
    if isinstance(obj, np.ndarray):
        if obj.ndim != 2:
            raise ValueError(
                f"Expected a 2-D array of vectors (n_items, dim), got shape {obj.shape}."
            )
        return KeyedEmbeddings(np.asarray(obj, dtype=np.float32)), None
    table = getattr(obj, which + "_", None)
    if isinstance(table, KeyedEmbeddings):
        return table, which
    if hasattr(obj, "fit") and hasattr(obj, "get_params"):
        from sklearn.exceptions import NotFittedError

        raise NotFittedError(
            f"This {type(obj).__name__} instance is not fitted yet: call fit (or load a "
            "saved model) before plotting or exporting its embeddings."
        )
    raise TypeError(
        "Expected a KeyedEmbeddings, a fitted PairEmbeddingRecommender or a 2-D numpy "
        f"array of vectors, got {type(obj).__name__}."
    )


def _float_strings(vectors: NDArray[np.float32]) -> NDArray[np.str_]:
    """Shortest decimal strings that read back to exactly the same float32."""
    return np.asarray(vectors, dtype=np.float32).astype(str)


def _vectors_of(keyed: KeyedEmbeddings, normalize: bool) -> NDArray[np.float32]:
    vectors = keyed.normed_vectors if normalize else keyed.vectors
    return np.ascontiguousarray(vectors, dtype=np.float32)


# --------------------------------------------------------------------------
# TensorBoard projector
# --------------------------------------------------------------------------


class ProjectorFiles(NamedTuple):
    """Paths written by :func:`to_projector`.

    A named tuple, so it also unpacks as ``vectors, metadata, config``.

    Parameters
    ----------
    vectors : pathlib.Path
        The TSV of vectors, one row per item.
    metadata : pathlib.Path
        The TSV of keys (and metadata columns).
    config : pathlib.Path
        The ``projector_config.json`` of the folder.

    Examples
    --------
    >>> from pathlib import Path
    >>> from skbookembed.export import ProjectorFiles
    >>> files = ProjectorFiles(Path("books_vectors.tsv"), Path("books_metadata.tsv"),
    ...                        Path("projector_config.json"))
    >>> files.metadata.name
    'books_metadata.tsv'
    >>> vectors, metadata, config = files
    """

    vectors: Path
    metadata: Path
    config: Path


_WHITESPACE = re.compile(r"\s")
_TSV_ESCAPES = str.maketrans({"\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _tsv_cell(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).translate(_TSV_ESCAPES)


def _metadata_columns(
    metadata: Any, keys: Sequence[Any], key_column: str
) -> list[tuple[str, list[Any]]]:
    """Validate ``metadata`` and return ``[(column, values), ...]``, keys first."""
    n = len(keys)
    columns: list[tuple[str, list[Any]]] = [(key_column, list(keys))]
    if metadata is None:
        return columns
    if hasattr(metadata, "columns") and hasattr(metadata, "iloc"):  # a pandas DataFrame
        items = [(name, metadata[name].tolist()) for name in metadata.columns]
    elif isinstance(metadata, Mapping):
        items = list(metadata.items())
    else:
        raise TypeError(
            "metadata must be a mapping {column: values} or a pandas DataFrame, "
            f"got {type(metadata).__name__}."
        )
    for name, values in items:
        column = str(name)
        if isinstance(values, (str, bytes)) or not hasattr(values, "__len__"):
            raise TypeError(
                f"metadata column {column!r} must be a sequence with one value per item, "
                f"got {type(values).__name__}."
            )
        if len(values) != n:
            raise ValueError(
                f"metadata column {column!r} has {len(values)} values but there are "
                f"{n} embeddings: give one value per item, in the order of index_to_key."
            )
        if column == key_column:
            raise ValueError(
                f"metadata must not contain a column named {key_column!r}: that column "
                "holds the keys and is added automatically. Rename it."
            )
        columns.append((column, list(values)))
    return columns


def _merged_config(config_path: Path, entry: dict[str, Any]) -> dict[str, Any]:
    """The projector config in ``config_path`` with ``entry`` added or replaced."""
    if not config_path.exists():
        return {"embeddings": [entry]}
    try:
        config = json.loads(config_path.read_text(encoding="utf-8"))
        embeddings = config["embeddings"]
        if not isinstance(embeddings, list):
            raise TypeError
    except (ValueError, KeyError, TypeError):
        raise ValueError(
            f"{config_path} exists but is not a projector config with an 'embeddings' "
            "list; delete it or export to another directory."
        ) from None
    others = [
        e
        for e in embeddings
        if not (isinstance(e, dict) and e.get("tensorName") == entry["tensorName"])
    ]
    config["embeddings"] = others + [entry]
    return config


def to_projector(
    embeddings: Any,
    directory: str | os.PathLike[str],
    *,
    metadata: Mapping[str, Sequence[Any]] | Any | None = None,
    name: str | None = None,
    normalize: bool = False,
    which: Literal["books", "links"] = "books",
) -> ProjectorFiles:
    """Write files for the TensorBoard Embedding Projector.

    Three files are written into ``directory`` (created if needed):

    * ``<name>_vectors.tsv``: one row per item, the vector's values separated
      by tabs, no header;
    * ``<name>_metadata.tsv``: the keys alone, one per line and without a
      header; or, when ``metadata`` is given, a header row and one column
      ``name`` holding the keys followed by the metadata columns (the
      projector reads a header only when there are several columns);
    * ``projector_config.json``: ``{"embeddings": [{"tensorName",
      "tensorShape", "tensorPath", "metadataPath"}]}`` with paths relative
      to ``directory``. An existing config there keeps its other entries,
      so books and links can be exported side by side.

    On https://projector.tensorflow.org, "Load" the two TSV files; with
    TensorBoard, point ``--logdir`` at ``directory``. Tabs, newlines and
    carriage returns inside keys and metadata values are written as the
    two-character escapes ``\\t``, ``\\n`` and ``\\r``, since TSV cannot
    hold them; missing values (None, NaN) are written as empty cells.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        What to export; a 2-D array gets the row numbers as keys.
    directory : str or path-like
        Destination folder.
    metadata : mapping or pandas.DataFrame, optional
        Extra columns, ``{column: values}`` with one value per item in the
        order of ``index_to_key`` (a DataFrame is read column by column, its
        index ignored). Must not contain a column named ``name``.
    name : str, optional
        Prefix of the file names and the tensor's name in the config.
        Defaults to ``which`` (``"books"``).
    normalize : bool, default=False
        Write L2-normalised vectors (the projector's cosine view does not
        need it; its PCA and Euclidean views do differ).
    which : {"books", "links"}, default="books"
        Table of a fitted estimator to export; ignored otherwise.

    Returns
    -------
    ProjectorFiles
        Named tuple ``(vectors, metadata, config)`` of the paths written.

    Raises
    ------
    ValueError
        If a metadata column does not have one value per item, ``name`` is
        not a plain file-name prefix, or there is nothing to export; no file
        is written then.

    See Also
    --------
    save_word2vec_format : Export for gensim and other word2vec readers.

    Examples
    --------
    >>> import tempfile
    >>> import numpy as np
    >>> from skbookembed import KeyedEmbeddings
    >>> from skbookembed.export import to_projector
    >>> emb = KeyedEmbeddings(np.eye(3, dtype=np.float32), keys=["Dune", "Emma", "Ulysses"])
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     files = to_projector(emb, folder, metadata={"genre": ["sf", "romance", "modernist"]})
    ...     print(files.vectors.read_text(), end="")
    ...     print(files.metadata.read_text(), end="")
    ...     print(files.config.name)
    1.0	0.0	0.0
    0.0	1.0	0.0
    0.0	0.0	1.0
    name	genre
    Dune	sf
    Emma	romance
    Ulysses	modernist
    projector_config.json
    """
    keyed, _ = _resolve_embeddings(embeddings, which)
    name = which if name is None else str(name)
    if not name or name in (".", "..") or any(sep in name for sep in ("/", "\\", os.sep)):
        raise ValueError(
            f"name must be a non-empty file-name prefix without slashes, got {name!r}."
        )
    n = len(keyed)
    if n == 0:
        raise ValueError("There are no embeddings to export (0 items).")
    if metadata is not None and len(metadata) == 0:
        metadata = None
    columns = _metadata_columns(metadata, keyed.index_to_key, "name")
    vectors = _vectors_of(keyed, normalize)

    directory = Path(directory)
    vectors_path = directory / f"{name}_vectors.tsv"
    metadata_path = directory / f"{name}_metadata.tsv"
    config_path = directory / _CONFIG_NAME
    entry = {
        "tensorName": name,
        "tensorShape": [int(n), int(vectors.shape[1])],
        "tensorPath": vectors_path.name,
        "metadataPath": metadata_path.name,
    }
    config = _merged_config(config_path, entry)

    vector_text = "".join("\t".join(row) + "\n" for row in _float_strings(vectors).tolist())
    if len(columns) == 1:
        meta_lines = [_tsv_cell(key) for key in columns[0][1]]
    else:
        header = "\t".join(_tsv_cell(column) for column, _ in columns)
        rows = zip(*(values for _, values in columns), strict=True)
        meta_lines = [header] + ["\t".join(_tsv_cell(v) for v in row) for row in rows]
    meta_text = "".join(line + "\n" for line in meta_lines)

    directory.mkdir(parents=True, exist_ok=True)
    with AtomicFiles() as files:
        with files.open(vectors_path) as handle:
            handle.write(vector_text.encode("utf-8"))
        with files.open(metadata_path) as handle:
            handle.write(meta_text.encode("utf-8"))
        with files.open(config_path) as handle:
            handle.write((json.dumps(config, indent=2) + "\n").encode("utf-8"))
    return ProjectorFiles(vectors_path, metadata_path, config_path)


# --------------------------------------------------------------------------
# word2vec format
# --------------------------------------------------------------------------


def _word2vec_keys(keys: Sequence[Any], space_replacement: str | None) -> list[str]:
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
    which: Literal["books", "links"] = "books",
) -> Path:
    """Save embeddings in the word2vec text or binary format.

    The format of the original C word2vec tool, read by
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

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        What to save; a 2-D array gets the row numbers as keys.
    path : str or path-like
        Destination file; its folder must exist.
    binary : bool, default=False
        Write the binary format (smaller, faster to read) instead of text.
    normalize : bool, default=False
        Save L2-normalised vectors instead of the learned ones.
    space_replacement : str or None, default="_"
        What replaces each whitespace character in keys. None raises a
        ValueError for keys that contain whitespace instead.
    which : {"books", "links"}, default="books"
        Table of a fitted estimator to save; ignored otherwise.

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
    keyed, _ = _resolve_embeddings(embeddings, which)
    keys = _word2vec_keys(list(keyed.index_to_key), space_replacement)
    vectors = _vectors_of(keyed, normalize)
    n, dim = vectors.shape
    path = Path(path)
    with atomic_open(path, "wb") as handle:
        handle.write(f"{n} {dim}\n".encode())
        if binary:
            little = vectors.astype("<f4", copy=False)
            for key, row in zip(keys, little, strict=True):
                handle.write(key.encode("utf-8") + b" " + row.tobytes() + b"\n")
        else:
            strings = _float_strings(vectors).tolist()
            lines = (
                key + " " + " ".join(row) + "\n" for key, row in zip(keys, strings, strict=True)
            )
            handle.write("".join(lines).encode("utf-8"))
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
    seen: dict[str, int] = {}
    for i, key in enumerate(keys):
        if key in seen:
            raise ValueError(
                f"{path}: key {key!r} appears twice (items {seen[key] + 1} and {i + 1})."
            )
        seen[key] = i
    return KeyedEmbeddings(vectors, keys=keys)


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


# --------------------------------------------------------------------------
# One entry point for the command line
# --------------------------------------------------------------------------


def export(
    embeddings: Any,
    directory: str | os.PathLike[str],
    *,
    format: Literal["projector", "word2vec"] = "projector",
    which: Literal["books", "links"] = "books",
    name: str | None = None,
    normalize: bool = False,
    binary: bool = False,
    metadata: Mapping[str, Sequence[Any]] | Any | None = None,
) -> list[Path]:
    """Export one embedding table into a folder, in the chosen format.

    The function behind ``skbookembed export MODEL --format ... DIR``.
    ``"projector"`` calls :func:`to_projector`; ``"word2vec"`` calls
    :func:`save_word2vec_format` and writes ``<name>.txt``, or
    ``<name>.bin`` when ``binary`` is True.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        What to export.
    directory : str or path-like
        Destination folder, created if needed.
    format : {"projector", "word2vec"}, default="projector"
        Output format.
    which : {"books", "links"}, default="books"
        Table of a fitted estimator to export; ignored otherwise.
    name : str, optional
        Base name of the files; defaults to ``which``.
    normalize : bool, default=False
        Export L2-normalised vectors.
    binary : bool, default=False
        For ``"word2vec"``: write the binary format.
    metadata : mapping or pandas.DataFrame, optional
        For ``"projector"``: extra metadata columns (see :func:`to_projector`).

    Returns
    -------
    list of pathlib.Path
        The files written.

    Examples
    --------
    >>> import tempfile
    >>> import numpy as np
    >>> from skbookembed.export import export
    >>> with tempfile.TemporaryDirectory() as folder:
    ...     paths = export(np.ones((2, 3), dtype=np.float32), folder, format="word2vec")
    ...     print([p.name for p in paths], paths[0].read_text().splitlines()[1])
    ['books.txt'] 0 1.0 1.0 1.0
    """
    if format == "projector":
        if binary:
            raise ValueError("binary=True applies to format='word2vec' only.")
        return list(
            to_projector(
                embeddings,
                directory,
                metadata=metadata,
                name=name,
                normalize=normalize,
                which=which,
            )
        )
    if format == "word2vec":
        if metadata is not None:
            raise ValueError("metadata applies to format='projector' only.")
        base = which if name is None else str(name)
        directory = Path(directory)
        keyed, _ = _resolve_embeddings(embeddings, which)
        _word2vec_keys(list(keyed.index_to_key), "_")  # fail before creating the folder
        directory.mkdir(parents=True, exist_ok=True)
        target = directory / f"{base}{'.bin' if binary else '.txt'}"
        return [save_word2vec_format(keyed, target, binary=binary, normalize=normalize)]
    raise ValueError(f"format must be 'projector' or 'word2vec', got {format!r}.")
