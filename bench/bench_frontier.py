"""Author against genre agreement on the real sample: the trade-off, and the corner.

Issue 10's target asks one recommender for tf-idf cosine's author hit@5 and BPR's genre
precision@5 at once. This script maps what every method family reaches on both figures
(``bench_quality.py``'s data, labels and metrics; mean of the seeds):

* the peers of ``bench_quality.py`` (raw and tf-idf cosine, SVD, ALS, BPR, Doc2Vec);
* blends of the two best peers, tf-idf and BPR: each book's vector is
  ``[sqrt(w) * tfidf_row, sqrt(1 - w) * bpr_unit]``, so that a similarity is ``w * cos_tfidf
  + (1 - w) * cos_bpr``, for ``w`` from 0.1 to 0.9; and the same blends of tf-idf with
  skbookembed's defaults smoothed at strength 1 (its best genre);
* skbookembed: the defaults and the lever sweep's ends (``Sampling(exponent=0)`` and
  ``exponent=1``), each as fitted and through :meth:`KeyedEmbeddings.smoothed` at several
  strengths;
* with ``--softmax``: the softmax prototype (``softmax_prototype.py``, temperature 0.2),
  as trained and smoothed.

``--data planted`` prints the planted-topic precision@10 of the same points instead.
Each point is printed with its two figures; ``*`` marks the points that no other point
beats on both (the Pareto front), and the last line counts the points that reach the
corner.

Run: ``python bench/bench_frontier.py [--data p15-2] [--seeds 0 1 2] [--softmax]
[--skip doc2vec]``.
"""

from __future__ import annotations

import argparse
import time

import bench_quality as bq
import numpy as np
from sklearn.preprocessing import normalize

from skbookembed import KeyedEmbeddings
from skbookembed.metrics import label_agreement

PEERS = ("cosine", "tfidf", "svd", "als", "bpr", "doc2vec")
BLEND_WEIGHTS = (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9)
STRENGTHS = (0.25, 0.5, 1.0, 1.5)
OURS = {
    "defaults": bq.ours(),
    "exponent 0": bq.ours(sampling__exponent=0.0),
    "exponent 1": bq.ours(sampling__exponent=1.0),
}


# The figures mapped, by their names in bench_quality.FIGURES.
MAPPED = {"p15": ("author hit@5", "genre prec@5"), "planted": ("topic prec@10",)}


def figures(data: bq.Data, vectors) -> tuple[float, ...]:
    kind = "planted" if data.name == "planted" else "p15"
    return tuple(
        label_agreement(vectors, data.labels[field], k=k)[measure]
        for figure, field, measure, k in bq.FIGURES[kind]
        if figure in MAPPED[kind]
    )


def points(data: bq.Data, seed: int, args: argparse.Namespace) -> dict[str, tuple]:
    """Every point's figures (those of MAPPED) for one seed."""
    peers = bq.methods(data.name, data.X.nnz)
    out, books = {}, {}
    for name in PEERS:
        if name in args.skip:
            continue
        books[name], _ = peers[name](data.X, seed)
        out[bq.LABELS[name]] = figures(data, books[name])
    fitted = dict(OURS)
    if args.softmax:
        import softmax_prototype

        settings = dict(
            dim=50, temperature=0.2, batch=1024, epochs=100, lr=0.01, logq=1.0, group=0
        )
        fitted["softmax prototype"] = lambda X, s: softmax_prototype.fit(X, s, **settings)
    smoothed = {}
    for name, fit in fitted.items():
        kv = KeyedEmbeddings(fit(data.X, seed)[0])
        out[f"skbookembed {name}"] = figures(data, kv.vectors)
        for strength in STRENGTHS:
            smoothed[name, strength] = kv.smoothed(data.X, strength).vectors
            out[f"skbookembed {name}, smoothed {strength}"] = figures(
                data, smoothed[name, strength]
            )
    partners = {"skbookembed smoothed 1.0": smoothed["defaults", 1.0]}
    if "bpr" in books:
        partners = {"BPR": normalize(books["bpr"]), **partners}
    if "tfidf" in books:
        tfidf = books["tfidf"].toarray()
        for label, vectors in partners.items():
            for w in BLEND_WEIGHTS:
                blend = np.hstack([np.sqrt(w) * tfidf, np.sqrt(1 - w) * vectors])
                out[f"blend {w:.1f} tf-idf + {1 - w:.1f} {label}"] = figures(data, blend)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--softmax", action="store_true", help="add the softmax prototype")
    parser.add_argument("--skip", nargs="*", default=[], choices=PEERS, help="peers left out")
    args, data = bq.one_data_set(parser)
    if data is None:
        return
    start = time.perf_counter()
    runs = [points(data, seed, args) for seed in args.seeds]
    mean, spread = bq.seed_summary(runs)
    if data.name == "planted":  # one figure: no trade-off to map
        print(f"\n| planted, seeds {args.seeds} | topic prec@10 |\n|---|---:|")
        for name in sorted(mean, key=lambda n: -mean[n][0]):
            print(f"| {name} | {mean[name][0]:.3f} ± {spread[name][0]:.3f} |")
        return
    front = {
        name
        for name, (a, g) in mean.items()
        if not any(a2 >= a and g2 >= g and (a2, g2) != (a, g) for a2, g2 in mean.values())
    }
    peers = [bq.LABELS[p] for p in PEERS if bq.LABELS[p] in mean]
    best_author = max(mean[p][0] for p in peers)
    best_genre = max(mean[p][1] for p in peers)
    print(f"\n| {args.data}, seeds {args.seeds} | author hit@5 | genre prec@5 |")
    print("|---|---:|---:|")
    for name in sorted(mean, key=lambda n: -mean[n][0]):
        (a, g), (sa, sg) = mean[name], spread[name]
        print(
            f"| {'* ' if name in front else ''}{name} | {a:.3f} ± {sa:.3f} | {g:.3f} ± {sg:.3f} |"
        )
    corner = [n for n, (a, g) in mean.items() if a >= best_author and g >= best_genre]
    print(
        f"\nBest peer author hit@5 {best_author:.3f}, best peer genre precision@5 "
        f"{best_genre:.3f}: {len(corner)} of {len(mean)} points reach both"
        f"{': ' + ', '.join(corner) if corner else ''} "
        f"({time.perf_counter() - start:.0f} s)."
    )


if __name__ == "__main__":
    main()
