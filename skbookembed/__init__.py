"""skbookembed: book and wikilink embeddings as a scikit-learn estimator.

A Keras dot-product model learns one vector per book and per link by telling true
(book, link) pairs from random ones; nearest neighbours are recommendations. TensorFlow
is imported only when a model is trained.
"""

from importlib.metadata import PackageNotFoundError, version

from . import datasets, export, metrics, plotting, preprocessing
from ._estimator import PairEmbeddingRecommender
from ._keyed import KeyedEmbeddings
from .preprocessing import WikilinkVectorizer

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
    return PairEmbeddingRecommender.load(path)


__all__ = [
    "KeyedEmbeddings",
    "PairEmbeddingRecommender",
    "WikilinkVectorizer",
    "__version__",
    "datasets",
    "export",
    "load",
    "metrics",
    "plotting",
    "preprocessing",
]
