"""How good is transform (fold-in) compared with the vectors learned in fit?

On a planted-topic matrix (``make_book_links``):

1. Training books: fold each one in from its own links and compare with its learned vector:
   cosine between the two, and the overlap of its 10 nearest training books computed with
   the folded vector vs with the learned one.
2. Held-out books (20% of the books, never seen in fit): fold them in and measure the
   precision@10 of their nearest training books sharing their planted topic, next to the
   same figure for training books with their learned vectors.

Run: ``python bench/bench_foldin.py [--books 5000 --links 8000 --topics 20]``.
"""

from __future__ import annotations

import argparse

import numpy as np

from skbookembed import PairEmbeddingRecommender
from skbookembed.datasets import make_book_links


def unit(v):
    n = np.linalg.norm(v, axis=1, keepdims=True)
    return np.divide(v, n, out=np.zeros_like(v), where=n > 0)


def topk(queries, base, k, self_offset=None):
    sims = queries @ base.T
    if self_offset is not None:
        sims[np.arange(sims.shape[0]), self_offset + np.arange(sims.shape[0])] = -np.inf
    return np.argsort(-sims, axis=1)[:, :k]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=5000)
    parser.add_argument("--links", type=int, default=8000)
    parser.add_argument("--topics", type=int, default=20)
    args = parser.parse_args()
    X, topics = make_book_links(args.books, args.links, args.topics, random_state=0)
    rng = np.random.default_rng(0)
    test = np.zeros(X.shape[0], bool)
    test[rng.choice(X.shape[0], X.shape[0] // 5, replace=False)] = True
    X_train, X_test = X[~test], X[test]
    t_train, t_test = topics[~test], topics[test]
    print(f"{X.shape[0]} books x {X.shape[1]} links; {test.sum()} books held out")
    print(
        "| estimator | cosine(folded, learned) median | top-10 overlap | "
        "precision@10 learned (train) | precision@10 folded (train) | "
        "precision@10 folded (held-out) |"
    )
    print("|---|---|---|---|---|---|")
    for name, est in [
        ("default", PairEmbeddingRecommender(random_state=0)),
        ("original recipe", PairEmbeddingRecommender.original_recipe(random_state=0)),
    ]:
        est.fit(X_train)
        learned = unit(est.book_embeddings_.astype(np.float64))
        folded = est.transform(X_train).astype(np.float64)
        cos = np.sum(learned * folded, axis=1)
        chunks = range(0, learned.shape[0], 1000)
        nn_learned = np.vstack([topk(learned[i : i + 1000], learned, 10, i) for i in chunks])
        nn_folded = np.vstack([topk(folded[i : i + 1000], learned, 10, i) for i in chunks])
        overlap = np.mean(
            [np.intersect1d(a, b).size / 10 for a, b in zip(nn_learned, nn_folded, strict=True)]
        )
        p_learned = (t_train[nn_learned] == t_train[:, None]).mean()
        p_folded = (t_train[nn_folded] == t_train[:, None]).mean()
        new = est.transform(X_test).astype(np.float64)
        nn_new = topk(new, learned, 10)
        p_new = (t_train[nn_new] == t_test[:, None]).mean()
        print(
            f"| {name} | {np.median(cos):.3f} | {overlap:.3f} | {p_learned:.3f} | "
            f"{p_folded:.3f} | {p_new:.3f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
