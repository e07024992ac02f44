"""Files for the TensorBoard Embedding Projector; public as :func:`skbookembed.export.to_projector`."""

from __future__ import annotations

import json
import math
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal, NamedTuple

from ._atomic import AtomicFiles
from ._resolve import resolve_embeddings
from ._utils import export_vectors, float32_strings

__all__ = ["ProjectorFiles", "to_projector"]

CONFIG_NAME = "projector_config.json"


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
    which: Literal["books", "links"] | None = None,
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

    Long only because of its parameter documentation.

    Parameters
    ----------
    embeddings : KeyedEmbeddings, fitted PairEmbeddingRecommender or ndarray
        What to export: ``model.books_``, ``model.links_``, a fitted model (its
        books) or a 2-D array (keyed by row number).
    directory : str or path-like
        Destination folder.
    metadata : mapping or pandas.DataFrame, optional
        Extra columns, ``{column: values}`` with one value per item in the
        order of ``index_to_key`` (a DataFrame is read column by column, its
        index ignored). Must not contain a column named ``name``.
    name : str, optional
        Prefix of the file names and the tensor's name in the config.
        Defaults to ``"links"`` for ``which="links"``, else ``"books"``.
    normalize : bool, default=False
        Write L2-normalised vectors (the projector's cosine view does not
        need it; its PCA and Euclidean views do differ).
    which : {"books", "links"}, optional
        Deprecated (FutureWarning; removed in 0.3): pass ``model.links_``
        instead of ``model, which="links"``.

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
    resolved = resolve_embeddings(embeddings, which)
    keyed, name = resolved.keyed, _file_prefix(resolved.table or "books" if name is None else name)
    if len(keyed) == 0:
        raise ValueError("There are no embeddings to export (0 items).")
    if metadata is not None and len(metadata) == 0:
        metadata = None
    columns = _metadata_columns(metadata, keyed.index_to_key, "name")
    vectors = export_vectors(keyed, normalize)
    directory = Path(directory)
    paths = ProjectorFiles(
        directory / f"{name}_vectors.tsv",
        directory / f"{name}_metadata.tsv",
        directory / CONFIG_NAME,
    )
    entry = {
        "tensorName": name,
        "tensorShape": [len(keyed), int(vectors.shape[1])],
        "tensorPath": paths.vectors.name,
        "metadataPath": paths.metadata.name,
    }
    config = json.dumps(_merged_config(paths.config, entry), indent=2) + "\n"
    texts = (_vectors_text(vectors), _metadata_text(columns), config)
    directory.mkdir(parents=True, exist_ok=True)
    with AtomicFiles() as files:
        for path, text in zip(paths, texts, strict=True):
            with files.open(path) as handle:
                handle.write(text.encode("utf-8"))
    return paths


def _file_prefix(name: Any) -> str:
    name = str(name)
    if not name or name in (".", "..") or any(sep in name for sep in ("/", "\\", os.sep)):
        raise ValueError(
            f"name must be a non-empty file-name prefix without slashes, got {name!r}."
        )
    return name


def _vectors_text(vectors: Any) -> str:
    return "".join("\t".join(row) + "\n" for row in float32_strings(vectors).tolist())


def _metadata_text(columns: list[tuple[str, list[Any]]]) -> str:
    """The keys alone, one a line; or a header row and one line of cells per item."""
    if len(columns) == 1:
        lines = [_tsv_cell(key) for key in columns[0][1]]
    else:
        header = "\t".join(_tsv_cell(column) for column, _ in columns)
        rows = zip(*(values for _, values in columns), strict=True)
        lines = [header] + ["\t".join(_tsv_cell(v) for v in row) for row in rows]
    return "".join(line + "\n" for line in lines)
