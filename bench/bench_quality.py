"""Quality benchmark: do a book's nearest neighbours share its author, its genre, its topic?

Every method embeds the books of the same matrix; the figures are computed from the book
vectors (cosine nearest neighbours) with :func:`skbookembed.metrics.label_agreement`, and, on
the real sample, from each method's own link scores:

* ``p15-2``, ``p15-4``: ``../shared/data/p15_books.ndjson`` (skipped when absent) through
  ``WikilinkVectorizer(min_count=2 or 4, count="books")``; labels from the infoboxes (never
  seen by any model): author hit@5 and @10 (normalised author names), genre precision@5 and
  @10 (coarse genres). Held-out link recall@10: 20% of each book's links hidden
  (``metrics.train_test_split``, the run's seed), fit on the rest, every link ranked for
  every book by the method's own scores, its shown links excluded.
* ``planted``: ``make_book_links(5000, 6000, 20)``: planted-topic precision@10.

Rows: skbookembed's defaults, its previous defaults and the original recipe; raw link cosine; tf-idf cosine;
TruncatedSVD(50) of tf-idf; implicit ALS and BPR (settings from a small grid, see
``bench/RESULTS.md``); gensim Doc2Vec PV-DBOW. Each figure is the mean of the seeds, ``±``
their standard deviation. Extra rows of skbookembed with other settings:
``--ours NAME:param=value,param=value``.

Run: ``python bench/bench_quality.py [--seeds 0 1 2] [--data p15-2 p15-4 planted]
[--only default cosine] [--ours ep60:epochs=60] [--quick]``.
"""

from __future__ import annotations

import argparse
import ast
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.preprocessing import normalize

from skbookembed import PairEmbeddingRecommender, WikilinkVectorizer
from skbookembed._params import LOSS_PRESETS, SAMPLING_PRESETS
from skbookembed.datasets import infobox_labels, load_wikipedia_books, make_book_links
from skbookembed.metrics import label_agreement, recall_at_k, train_test_split

P15 = Path(
    os.environ.get(
        "SKBOOKEMBED_P15",
        Path(__file__).resolve().parents[2] / "shared/data/p15_books.ndjson",
    )
)

PRESETS = {"sampling": SAMPLING_PRESETS, "loss": LOSS_PRESETS}

# A fit: (matrix, seed) -> (book vectors, function returning the (books, links) scores).
Fit = Callable[[sp.csr_matrix, int], tuple[np.ndarray, Callable[[], np.ndarray]]]


# ----------------------------------------------------------------------------- methods
def ours(**params) -> Fit:
    """The estimator; ``sampling__exponent=0.75`` style keys set fields of its objects."""
    nested = {k: params.pop(k) for k in list(params) if "__" in k}

    def run(X, seed):
        est = PairEmbeddingRecommender(**{"random_state": seed, **params})
        for key in {k.split("__")[0] for k in nested}:
            value = est.get_params()[key]
            if isinstance(value, str):  # a preset: replace it by its object
                est.set_params(**{key: clone(PRESETS[key][value])})
        est.set_params(**nested).fit(X)
        books, links = normalize(est.book_embeddings_), normalize(est.link_embeddings_)
        return books, lambda: books @ links.T

    return run


def original(X, seed):
    est = PairEmbeddingRecommender.original_recipe(random_state=seed).fit(X)
    books, links = normalize(est.book_embeddings_), normalize(est.link_embeddings_)
    return books, lambda: books @ links.T


def _item_cosine(X, rows):
    """Books' link rows (``X``) scored against every link by item-item cosine of ``rows``."""
    cols = normalize(sp.csc_matrix(rows), axis=0)
    return lambda: np.asarray((X @ (cols.T @ cols)).todense())


def cosine(X, seed):
    return normalize(X), _item_cosine(X, X)


def _tfidf(X):
    return normalize(TfidfTransformer(sublinear_tf=True).fit_transform(X))


def tfidf(X, seed):
    T = _tfidf(X)
    return T, _item_cosine(X, T)


def svd(X, seed):
    model = TruncatedSVD(50, algorithm="arpack", random_state=seed)
    books = model.fit_transform(_tfidf(X))
    return books, lambda: books @ model.components_


def implicit_model(kind: str, **params) -> Fit:
    def run(X, seed):
        from implicit.cpu.als import AlternatingLeastSquares
        from implicit.cpu.bpr import BayesianPersonalizedRanking
        from threadpoolctl import threadpool_limits

        cls = {"als": AlternatingLeastSquares, "bpr": BayesianPersonalizedRanking}[kind]
        model = cls(factors=50, random_state=seed, num_threads=1, **params)
        with threadpool_limits(1, "blas"):
            model.fit(sp.csr_matrix(X, dtype=np.float32), show_progress=False)
        users, items = np.asarray(model.user_factors), np.asarray(model.item_factors)
        return users, lambda: users @ items.T

    return run


def doc2vec(epochs: int = 100, **params) -> Fit:
    def run(X, seed):
        from gensim.models.doc2vec import Doc2Vec, TaggedDocument

        X = sp.csr_matrix(X)
        docs = [
            TaggedDocument([str(j) for j in X.indices[X.indptr[i] : X.indptr[i + 1]]], [i])
            for i in range(X.shape[0])
        ]
        options = dict(dm=0, vector_size=50, negative=5, ns_exponent=0.75, hs=0, min_count=1)
        model = Doc2Vec(docs, epochs=epochs, workers=1, seed=seed, **{**options, **params})
        books = np.asarray(model.dv.vectors)
        # The output weights of each link ("word"): what a book vector predicts.
        out = np.zeros((X.shape[1], books.shape[1]), dtype=np.float32)
        out[[int(w) for w in model.wv.index_to_key]] = model.syn1neg
        return books, lambda: books @ out.T

    return run


# Settings of the peers, the best of a small grid on each data set (see bench/RESULTS.md):
# BPR's learning rate, regularization and iterations; ALS's regularization and confidence
# scale alpha; Doc2Vec's epochs, a budget of about 3.5 million pair updates (converged:
# more epochs lower its genre and topic figures).
BPR = {
    "p15": {"learning_rate": 0.1, "regularization": 0.01, "iterations": 300},
    "planted": {"learning_rate": 0.01, "regularization": 0.01, "iterations": 100},
}
ALS = {"regularization": 0.1, "alpha": 20.0, "iterations": 15}
DOC2VEC_UPDATES = 3_500_000


def methods(data: str = "p15", n_pairs: int = 17_288) -> dict[str, Fit]:
    kind = "planted" if data == "planted" else "p15"
    return {
        "default": ours(),
        "previous": ours(epochs=30, sampling__exponent=0.0, loss__negative_target=-0.25),
        "original": original,
        "cosine": cosine,
        "tfidf": tfidf,
        "svd": svd,
        "als": implicit_model("als", **ALS),
        "bpr": implicit_model("bpr", **BPR[kind]),
        "doc2vec": doc2vec(max(1, round(DOC2VEC_UPDATES / n_pairs))),
    }


LABELS = {
    "default": "**skbookembed defaults**",
    "previous": "previous defaults (30 epochs, uniform negatives, target -0.25)",
    "original": "original recipe",
    "cosine": "raw link cosine",
    "tfidf": "tf-idf link cosine",
    "svd": "TruncatedSVD(50) of tf-idf",
    "als": "implicit ALS",
    "bpr": "implicit BPR",
    "doc2vec": "gensim Doc2Vec PV-DBOW",
}


# ----------------------------------------------------------------------------- data
@dataclass
class Data:
    name: str
    X: sp.csr_matrix
    labels: dict[str, np.ndarray]  # figure prefix -> labels


def load(name: str) -> Data | None:
    if name == "planted":
        X, topics = make_book_links(5000, 6000, 20, random_state=0)
        return Data(name, sp.csr_matrix(X), {"topic": topics})
    if not P15.is_file():
        print(f"{P15} not found: {name} is skipped")
        return None
    books = load_wikipedia_books(P15)
    min_count = name.split("-", 1)[1]
    min_count = min_count if min_count == "auto" else int(min_count)
    X = WikilinkVectorizer(min_count=min_count, count="books").fit_transform(books.wikilinks)
    labels = {f: infobox_labels(books.infobox, f) for f in ("author", "genre")}
    return Data(name, sp.csr_matrix(X), labels)


FIGURES = {
    "p15": [
        ("author hit@5", "author", "hit_rate", 5),
        ("author hit@10", "author", "hit_rate", 10),
        ("genre prec@5", "genre", "precision", 5),
        ("genre prec@10", "genre", "precision", 10),
    ],
    "planted": [("topic prec@10", "topic", "precision", 10)],
}


def one_data_set(parser: argparse.ArgumentParser) -> tuple[argparse.Namespace, Data | None]:
    """Parse ``--data NAME`` and ``--seeds`` (with the script's own options) and load it."""
    parser.add_argument("--data", default="p15-2", help="p15-2, p15-4 or planted")
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    return args, load(args.data)


def seed_summary(runs: list[dict[str, tuple]]) -> tuple[dict, dict]:
    """Mean and standard deviation over the seeds' runs of each point's figures."""
    mean = {name: np.mean([run[name] for run in runs], axis=0) for name in runs[0]}
    spread = {name: np.std([run[name] for run in runs], axis=0) for name in runs[0]}
    return mean, spread


def evaluate(data: Data, fit: Fit, seed: int, recall: bool) -> dict[str, float]:
    out = {}
    books, _ = fit(data.X, seed)
    for figure, field, kind, k in FIGURES["planted" if data.name == "planted" else "p15"]:
        out[figure] = label_agreement(books, data.labels[field], k=k)[kind]
    if recall and data.name != "planted":
        X_train, X_test = train_test_split(data.X, test_size=0.2, random_state=seed)
        X_train, X_test = sp.csr_matrix(X_train), sp.csr_matrix(X_test)
        _, scores = fit(X_train, seed)
        out["recall@10"] = recall_at_k(scores(), X_test, X_train, k=10)
    return out


def _parse_ours(spec: str) -> tuple[str, Fit]:
    name, _, body = spec.partition(":")
    params = {}
    for item in filter(None, body.split(",")):
        key, _, value = item.partition("=")
        try:
            params[key] = ast.literal_eval(value)
        except (ValueError, SyntaxError):
            params[key] = value
    return name, ours(**params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--data", nargs="+", default=["p15-2", "p15-4", "planted"])
    parser.add_argument("--only", nargs="*", help="rows to run (default: all)")
    parser.add_argument("--ours", action="append", default=[], help="NAME:param=value,...")
    parser.add_argument("--quick", action="store_true", help="skip held-out recall")
    args = parser.parse_args()
    for name in args.data:
        data = load(name)
        if data is None:
            continue
        peers = methods(name, data.X.nnz)
        todo = {k: v for k, v in peers.items() if not args.only or k in args.only}
        todo.update(_parse_ours(spec) for spec in args.ours)
        print(f"\n{name}: {data.X.shape[0]} books x {data.X.shape[1]} links, {data.X.nnz} pairs")
        rows = {}
        for method, fit in todo.items():
            t = time.perf_counter()
            runs = [evaluate(data, fit, seed, recall=not args.quick) for seed in args.seeds]
            rows[method] = {f: [r[f] for r in runs] for f in runs[0]}
            cells = "  ".join(f"{f} {np.mean(v):.3f}" for f, v in rows[method].items())
            print(f"  {method:12s} {cells}  ({time.perf_counter() - t:.0f} s)", flush=True)
        figures = list(next(iter(rows.values())))
        print(f"\n| {name} | " + " | ".join(figures) + " |")
        print("|---|" + "---:|" * len(figures))
        for method, values in rows.items():
            cells = [f"{np.mean(v):.3f} ± {np.std(v):.3f}" for v in values.values()]
            print(f"| {LABELS.get(method, method)} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
