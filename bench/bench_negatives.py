"""Uniform against grid negatives: time per epoch and quality, for several block sizes.

For each setting of the defaults' negatives (``Sampling(block=1)``, uniform one by one; blocks
of side ``"auto"``, 4, 8, 16 and 64; ``"auto"`` with ``exponent=0.75``), in one run:

1. seconds per epoch at the original scale (``make_book_links``, 37,020 x 41,758, 769,544
   pairs with duplicates, ``Sampling(repeat_counts=True)``): the median of epochs 2-4 of a 4-epoch fit;
2. neighbour precision@10 on a 5,000 x 8,000 planted matrix (20 topics);
3. held-out recall@10 on ``../shared/data/p15_books.ndjson`` (as ``bench_quality.py``;
   skipped when the file is absent),

2 and 3 averaged over ``--seeds`` random states. Speed is also given as a ratio to uniform
sampling measured in the same run.

Run: ``python bench/bench_negatives.py [--seeds 3]``.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _util import ORIGINAL  # noqa: E402
from bench_quality import P15, fit_ours, neighbour_precision  # noqa: E402

from skbookembed import PairEmbeddingRecommender, WikilinkVectorizer  # noqa: E402
from skbookembed._params import Sampling  # noqa: E402
from skbookembed._sampling import EpochSampler, PairSet  # noqa: E402
from skbookembed.datasets import load_wikipedia_books, make_book_links  # noqa: E402
from skbookembed.metrics import recall_at_k, train_test_split  # noqa: E402

SETTINGS = {
    "one by one (block 1)": {"sampling": Sampling(block=1)},
    "grid, auto (default)": {},
    "grid, block 4": {"sampling": Sampling(block=4)},
    "grid, block 8": {"sampling": Sampling(block=8)},
    "grid, block 16": {"sampling": Sampling(block=16)},
    "grid, block 64": {"sampling": Sampling(block=64)},
    "grid, auto, exponent 0.75": {"sampling": Sampling(exponent=0.75)},
}


def seconds_per_epoch(X: sp.csr_matrix, params: dict) -> float:
    """Median seconds of epochs 2-4 of a 4-epoch fit (pairs repeated by their counts)."""
    sampling = params.get("sampling", Sampling()).set_params(repeat_counts=True)
    est = PairEmbeddingRecommender(epochs=4, random_state=0, **{**params, "sampling": sampling})
    stamps = []
    est.fit(X, callbacks=lambda epoch, loss, tables: stamps.append(time.perf_counter()))
    return float(np.median(np.diff(stamps)))


def auto_sides(*matrices) -> dict[str, int]:
    """The side ``Sampling(block="auto")`` picks for each data set (defaults otherwise)."""
    sides = {}
    for name, X in zip(("original scale", "planted", "p15 train"), matrices, strict=True):
        if X is None:
            continue
        X = X[0] if isinstance(X, tuple) else X
        sampler = EpochSampler(
            PairSet.from_matrix(sp.csr_matrix(X), repeat_counts=name == "original scale"),
            n_positive=1024,
            negative_ratio=4.0,
            positives="epoch",
            negative_label=-0.25,
            rng=np.random.default_rng(0),
        )
        sides[name] = sampler.grid[1]
    return sides


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    seeds = range(args.seeds)

    X_orig, _ = ORIGINAL.make()
    X_plant, topics = make_book_links(5000, 8000, 20, random_state=0)
    p15 = None
    if P15.is_file():
        data = load_wikipedia_books(P15)
        Xp = WikilinkVectorizer(min_count=2).fit_transform(data.wikilinks)
        train, test = train_test_split(Xp, test_size=0.2, random_state=0)
        p15 = sp.csr_matrix(train), sp.csr_matrix(test)
    else:
        print(f"{P15} not found: held-out recall is skipped")

    rows = {}
    for name, params in SETTINGS.items():
        t = time.perf_counter()
        epoch = seconds_per_epoch(X_orig, params)
        prec = [
            neighbour_precision(
                fit_ours(PairEmbeddingRecommender(random_state=s, **params))(X_plant)[0], topics
            )
            for s in seeds
        ]
        rec = []
        if p15 is not None:
            for s in seeds:
                _, scores = fit_ours(PairEmbeddingRecommender(random_state=s, **params))(p15[0])
                rec.append(recall_at_k(scores, p15[1], p15[0], k=10))
        rows[name] = (epoch, prec, rec)
        if not params:
            print(f"  auto block sides: {auto_sides(X_orig, X_plant, p15)}")
        print(
            f"  {name:24s} {epoch:.2f} s/epoch  precision@10 {np.mean(prec):.3f}  "
            f"recall@10 {np.mean(rec) if rec else float('nan'):.3f}  "
            f"({time.perf_counter() - t:.0f} s)",
            flush=True,
        )

    base = rows["one by one (block 1)"][0]
    print(
        f"\n| negatives | s/epoch, original scale | speed-up over uniform | planted "
        f"precision@10 (mean of {args.seeds}) | p15 held-out recall@10 (mean of "
        f"{args.seeds}; per seed) |"
    )
    print("|---|---:|---:|---:|---|")
    for name, (epoch, prec, rec) in rows.items():
        recall = f"{np.mean(rec):.3f} ({' / '.join(f'{r:.3f}' for r in rec)})" if rec else "-"
        print(f"| {name} | {epoch:.2f} | {base / epoch:.1f}x | {np.mean(prec):.3f} | {recall} |")


if __name__ == "__main__":
    main()
