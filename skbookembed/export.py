"""Write embeddings for other tools: the TensorBoard projector and word2vec.

* :func:`to_projector` writes the files that the Embedding Projector
  (https://projector.tensorflow.org, or TensorBoard's projector plugin)
  reads: a TSV of vectors, a TSV of names and metadata, and a
  ``projector_config.json`` naming them.
* :func:`save_word2vec_format` writes the text or binary format of the
  C word2vec tool, which :mod:`gensim` and most embedding tools read;
  :func:`load_word2vec_format` reads it back with numpy only.
* :func:`export` is one entry point for both, used by the command line.

Every function accepts a :class:`~skbookembed.KeyedEmbeddings` (``model.books_``,
``model.links_``), a fitted :class:`~skbookembed.PairEmbeddingRecommender` (its
books) or a 2-D numpy array (keys are then the row numbers).

Every file is written atomically: its content goes to a hidden temporary
file in the destination folder, which replaces the destination only once
it is complete. An error, raised before or during the writes, leaves no
partial file and leaves any existing file untouched. Floats are written in
the shortest decimal form that reads back to the same float32, so text
exports round-trip exactly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Literal

from ._projector import ProjectorFiles, to_projector
from ._resolve import resolve_embeddings
from ._word2vec import load_word2vec_format, save_word2vec_format, word2vec_keys

__all__ = [
    "ProjectorFiles",
    "export",
    "load_word2vec_format",
    "save_word2vec_format",
    "to_projector",
]


def export(
    embeddings: Any,
    directory: str | os.PathLike[str],
    *,
    format: Literal["projector", "word2vec"] = "projector",
    which: Literal["books", "links"] | None = None,
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
        What to export: ``model.books_``, ``model.links_``, a fitted model (its
        books) or a 2-D array (keyed by row number).
    directory : str or path-like
        Destination folder, created if needed.
    format : {"projector", "word2vec"}, default="projector"
        Output format.
    which : {"books", "links"}, optional
        Deprecated (FutureWarning; removed in 0.3): pass ``model.links_``
        instead of ``model, which="links"``.
    name : str, optional
        Base name of the files; defaults to ``"links"`` for ``which="links"``,
        else ``"books"``.
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
    if format not in ("projector", "word2vec"):
        raise ValueError(f"format must be 'projector' or 'word2vec', got {format!r}.")
    if binary and format == "projector":
        raise ValueError("binary=True applies to format='word2vec' only.")
    if metadata is not None and format == "word2vec":
        raise ValueError("metadata applies to format='projector' only.")
    resolved = resolve_embeddings(embeddings, which)
    keyed, base = resolved.keyed, resolved.table or "books" if name is None else str(name)
    if format == "projector":
        files = to_projector(keyed, directory, metadata=metadata, name=base, normalize=normalize)
        return list(files)
    directory = Path(directory)
    word2vec_keys(list(keyed.index_to_key), "_")  # fail before creating the folder
    directory.mkdir(parents=True, exist_ok=True)
    target = directory / f"{base}{'.bin' if binary else '.txt'}"
    return [save_word2vec_format(keyed, target, binary=binary, normalize=normalize)]
