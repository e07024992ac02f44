"""Quality benchmark: neighbour precision and held-out link recall of several methods.

Compares, on the same data in one run:

* ``original``  -- PairEmbeddingRecommender.original_recipe() (the notebook's setup)
* ``default``   -- PairEmbeddingRecommender() with its defaults (grid negatives)
* ``uniform``   -- the defaults with ``negative_sampling="uniform"``
* ``svd50``     -- TruncatedSVD(50) of the books x links matrix
* ``cosine``    -- raw link vectors: books by cosine of their link rows; links scored for a
                   book by item-item cosine with its known links
* ``bpr``, ``als`` -- implicit's BayesianPersonalizedRanking / AlternatingLeastSquares with 50
                   factors (only when ``implicit`` is installed)

Figures:

1. Planted-topic matrix (``make_book_links``): precision@10 of each book's 10 nearest books
   (cosine of book vectors) sharing its dominant planted topic.
2. ``../shared/data/p15_books.ndjson`` (skipped when absent): hide 20% of each book's links
   (``metrics.train_test_split``, seed 0), fit on the rest, rank all links for every book
   (its shown links excluded), recall@10 of the hidden links.

Run: ``python bench/bench_quality.py [--books 5000 --links 8000 --topics 20]``.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.decomposition import TruncatedSVD

from skbookembed import PairEmbeddingRecommender, WikilinkVectorizer
from skbookembed.datasets import load_wikipedia_books, make_book_links
from skbookembed.metrics import recall_at_k, train_test_split

P15 = Path(
    os.environ.get(
        "SKBOOKEMBED_P15",
        Path(__file__).resolve().parents[2] / "shared/data/p15_books.ndjson",
    )
)


def unit(v: np.ndarray) -> np.ndarray:
    v = np.asarray(v, dtype=np.float64)
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, n, out=np.zeros_like(v), where=n > 0)


# Each method: X -> (book vectors, link-score function of the book rows)
Method = Callable[[sp.csr_matrix], tuple[np.ndarray, np.ndarray]]


def fit_ours(est: PairEmbeddingRecommender) -> Method:
    def run(X):
        est.fit(X)
        books, links = unit(est.book_embeddings_), unit(est.link_embeddings_)
        return books, books @ links.T

    return run


def fit_svd(X):
    svd = TruncatedSVD(50, random_state=0)
    books = svd.fit_transform(X)
    return books, books @ svd.components_


def fit_cosine(X):
    books = unit(X.toarray())
    links = unit(X.T.toarray())
    return books, np.asarray(X @ (links @ links.T))


def fit_implicit(kind: str) -> Method:
    def run(X):
        import implicit
        from threadpoolctl import threadpool_limits

        cls = {
            "bpr": implicit.cpu.bpr.BayesianPersonalizedRanking,
            "als": implicit.cpu.als.AlternatingLeastSquares,
        }[kind]
        model = cls(factors=50, random_state=0)
        with threadpool_limits(1, "blas"):
            model.fit(sp.csr_matrix(X), show_progress=False)
        users, items = np.asarray(model.user_factors), np.asarray(model.item_factors)
        return users, users @ items.T

    return run


def methods() -> dict[str, Method]:
    out: dict[str, Method] = {
        "original": fit_ours(PairEmbeddingRecommender.original_recipe(random_state=0)),
        "default": fit_ours(PairEmbeddingRecommender(random_state=0)),
        "uniform": fit_ours(PairEmbeddingRecommender(negative_sampling="uniform", random_state=0)),
        "svd50": fit_svd,
        "cosine": fit_cosine,
    }
    try:
        import implicit  # noqa: F401

        out["bpr"] = fit_implicit("bpr")
        out["als"] = fit_implicit("als")
    except ImportError:
        print("implicit is not installed: BPR and ALS are left out")
    return out


def neighbour_precision(books: np.ndarray, topics: np.ndarray, k: int = 10) -> float:
    b = unit(books)
    hits, total = 0, 0
    for lo in range(0, b.shape[0], 2048):
        sims = b[lo : lo + 2048] @ b.T
        rows = np.arange(sims.shape[0])
        sims[rows, lo + rows] = -np.inf
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        hits += int((topics[top] == topics[lo : lo + 2048, None]).sum())
        total += top.size
    return hits / total


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=5000)
    parser.add_argument("--links", type=int, default=8000)
    parser.add_argument("--topics", type=int, default=20)
    parser.add_argument("--only", nargs="*", help="methods to run")
    args = parser.parse_args()
    todo = {k: v for k, v in methods().items() if not args.only or k in args.only}

    X, topics = make_book_links(args.books, args.links, args.topics, random_state=0)
    print(f"planted: {X.shape[0]} books x {X.shape[1]} links, {X.nnz} pairs, {args.topics} topics")
    rows = {}
    for name, run in todo.items():
        t = time.perf_counter()
        books, _ = run(X)
        rows[name] = [neighbour_precision(books, topics), time.perf_counter() - t]
        print(f"  {name:9s} precision@10 {rows[name][0]:.3f}  ({rows[name][1]:.1f} s)", flush=True)

    if P15.is_file():
        data = load_wikipedia_books(P15)
        Xp = WikilinkVectorizer(min_count=2).fit_transform(data.wikilinks)
        X_train, X_test = train_test_split(Xp, test_size=0.2, random_state=0)
        X_train, X_test = sp.csr_matrix(X_train), sp.csr_matrix(X_test)
        print(
            f"p15: {Xp.shape[0]} books x {Xp.shape[1]} links, {Xp.nnz} pairs "
            f"({X_test.nnz} held out)"
        )
        for name, run in todo.items():
            t = time.perf_counter()
            _, scores = run(X_train)
            rec = recall_at_k(scores, X_test, X_train, k=10)
            rows[name] += [rec, time.perf_counter() - t]
            print(f"  {name:9s} recall@10 {rec:.3f}  ({rows[name][3]:.1f} s)", flush=True)
    else:
        print(f"{P15} not found: the held-out recall part is skipped")

    print("\n| method | planted precision@10 | fit s | p15 held-out recall@10 | fit s |")
    print("|---|---|---|---|---|")
    for name, r in rows.items():
        cells = [f"{r[0]:.3f}", f"{r[1]:.1f}"]
        cells += [f"{r[2]:.3f}", f"{r[3]:.1f}"] if len(r) > 2 else ["-", "-"]
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
