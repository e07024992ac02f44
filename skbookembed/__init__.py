"""skbookembed: book and wikilink embeddings as a scikit-learn estimator.

A Keras dot-product model learns one vector per book and per link by telling true
(book, link) pairs from random ones; nearest neighbours are recommendations. TensorFlow
is imported only when a model is trained.

The public names are imported on first use, so that ``import skbookembed`` stays cheap
and a process that only answers queries (``KeyedEmbeddings.load``) never imports
scikit-learn either.
"""

from __future__ import annotations

import importlib
from importlib.metadata import PackageNotFoundError, version
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pragma: no cover - for type checkers and IDEs only
    from . import callbacks, datasets, export, metrics, plotting, preprocessing
    from ._estimator import PairEmbeddingRecommender
    from ._keyed import KeyedEmbeddings
    from ._params import Loss, Sampling
    from .preprocessing import WikilinkVectorizer

# Public name -> module that defines it (a submodule is its own entry).
_LAZY = {
    "PairEmbeddingRecommender": "._estimator",
    "KeyedEmbeddings": "._keyed",
    "Loss": "._params",
    "Sampling": "._params",
    "WikilinkVectorizer": ".preprocessing",
    "callbacks": ".callbacks",
    "datasets": ".datasets",
    "export": ".export",
    "metrics": ".metrics",
    "plotting": ".plotting",
    "preprocessing": ".preprocessing",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'skbookembed' has no attribute {name!r}")
    module = importlib.import_module(_LAZY[name], __name__)
    value = module if module.__name__ == f"{__name__}.{name}" else getattr(module, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_LAZY})


try:
    __version__ = version("skbookembed")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0+unknown"


def load(path):
    """Load a model saved by :meth:`PairEmbeddingRecommender.save` (no TensorFlow needed).

    Parameters
    ----------
    path : str or path-like
        The ``.npz`` file.

    Returns
    -------
    PairEmbeddingRecommender
        The fitted estimator.

    Examples
    --------
    >>> import tempfile, os
    >>> import numpy as np
    >>> import scipy.sparse as sp
    >>> import skbookembed
    >>> X = sp.csr_matrix(np.kron(np.eye(2), np.ones((3, 4))))
    >>> est = skbookembed.PairEmbeddingRecommender(embedding_dim=4, epochs=2, random_state=0)
    >>> est = est.fit(X)
    >>> path = os.path.join(tempfile.mkdtemp(), "model.npz")
    >>> est.save(path)
    >>> np.array_equal(skbookembed.load(path).book_embeddings_, est.book_embeddings_)
    True
    """
    from ._estimator import PairEmbeddingRecommender

    return PairEmbeddingRecommender.load(path)


__all__ = [
    "KeyedEmbeddings",
    "Loss",
    "PairEmbeddingRecommender",
    "Sampling",
    "WikilinkVectorizer",
    "__version__",
    "callbacks",
    "datasets",
    "export",
    "load",
    "metrics",
    "plotting",
    "preprocessing",
]
