"""What the named (pandas sparse) output of WikilinkVectorizer costs at the original scale.

Builds synthetic link lists the size of the Wikipedia dump (37,020 books, 42,000 links,
about 770,000 pairs) from :func:`~skbookembed.datasets.make_book_links`, then times and
measures (``tracemalloc``: the memory the output holds and the peak, in separate passes so the tracing does
not slow the timings) the two routes from link lists to the CSR matrix that training reads:

* ``csr``: ``WikilinkVectorizer().fit_transform`` (SciPy CSR), then the estimator's
  validation (``_validate_matrix``), as ``fit`` runs it;
* ``pandas``: the same after ``set_output(transform="pandas")``: a DataFrame of pandas
  sparse columns, named by link and indexed by title, which the estimator turns back into
  CSR (scikit-learn's ``check_array`` calls ``DataFrame.sparse.to_coo``; nothing is
  densified) and whose index and columns become the names.

Usage: ``python bench/bench_pipeline_names.py [--books 37020 --links 42000 --repeat 3]``
(times: the best of the repeats).
"""

from __future__ import annotations

import argparse
import gc
import itertools
import time
import tracemalloc

import numpy as np

from skbookembed import PairEmbeddingRecommender, WikilinkVectorizer
from skbookembed._fitting import names_from_frame
from skbookembed.datasets import make_book_links


def _link_lists(n_books: int, n_links: int) -> dict:
    X, _ = make_book_links(n_books, n_links, 50, mean_links_per_book=25, random_state=0)
    names = np.array([f"Link {j}" for j in range(n_links)], dtype=object)
    wikilinks = [names[X.indices[a:b]].tolist() for a, b in itertools.pairwise(X.indptr)]
    return {"titles": [f"Book {i}" for i in range(n_books)], "wikilinks": wikilinks}


def _route(books: dict, container: str) -> tuple[int, int]:
    vectorizer = WikilinkVectorizer().set_output(transform=container)
    X = vectorizer.fit_transform(books)
    _steps["vectorize"] = time.perf_counter()
    if tracemalloc.is_tracing():
        _steps["held"] = tracemalloc.get_traced_memory()[0]
    book_names, link_names = names_from_frame(X, None, None)
    csr = PairEmbeddingRecommender()._validate_matrix(X, reset=True)
    _steps["to CSR"] = time.perf_counter()
    named = (book_names is not None) + (link_names is not None)
    return csr.nnz, named


_steps: dict[str, float] = {}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=37_020)
    parser.add_argument("--links", type=int, default=42_000)
    parser.add_argument("--repeat", type=int, default=3, help="timed runs; the best is shown")
    args = parser.parse_args()
    books = _link_lists(args.books, args.links)
    for container in ("default", "pandas"):
        vec = conv = float("inf")
        for _ in range(args.repeat):
            gc.collect()
            start = time.perf_counter()
            nnz, named = _route(books, container)
            vec = min(vec, _steps["vectorize"] - start)
            conv = min(conv, _steps["to CSR"] - _steps["vectorize"])
        gc.collect()
        tracemalloc.start()
        _route(books, container)
        _, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        print(
            f"{container:>7}: nnz {nnz:,}, named tables {named}, vectorize {vec:.2f} s, "
            f"to CSR {conv:.2f} s; memory: output and vocabulary "
            f"{_steps['held'] / 2**20:.0f} MiB, peak {peak / 2**20:.0f} MiB"
        )


if __name__ == "__main__":
    main()
