"""How much do the sparse peers' figures owe to the rule that breaks ties at the k-th place?

Cosine similarities of binary link rows tie often: two books that share the same links
with a query score the same. Every ranking of the package keeps the lower index among
tied books; this script scores raw and tf-idf link cosine with that rule, with the
opposite one (higher index first), and with ``--draws`` random tie-breaks (the columns
shuffled, then sorted stably), and prints the mapped figures of ``bench_fusion`` for each:
author hit@5 and genre precision@5 on p15, topic precision@10 on the planted matrix. A
figure whose random draws spread widely says less than its digits suggest.

Run: ``python bench/bench_ties.py [--data p15-2] [--draws 20]``.
"""

from __future__ import annotations

import argparse

import bench_fusion as bf
import bench_quality as bq
import numpy as np
from sklearn.preprocessing import normalize


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--draws", type=int, default=20, help="random tie-breaks")
    args, data = bq.one_data_set(parser)
    if data is None:
        return
    tfidf = bq._tfidf(data.X)
    nonempty = np.diff(tfidf.indptr) > 0
    rng = np.random.default_rng(0)  # the draws are the same on every run (--seeds unused)
    heads = ("topic prec@10",) if data.name == "planted" else ("author hit@5", "genre prec@5")
    print(f"\n| {args.data} | tie rule | " + " | ".join(heads) + " |")
    print("|---|---|" + "---:|" * len(heads))
    for name, rows in (("raw link cosine", normalize(data.X)), ("tf-idf link cosine", tfidf)):
        sims = bf.similarities(rows)
        n = sims.shape[1]
        rules = {
            "lower index first": bf.ranking(sims),
            "higher index first": (n - 1) - bf.ranking(sims[:, ::-1]),
        }
        for rule, order in rules.items():
            cells = " | ".join(f"{v:.3f}" for v in bf.list_figures(data, nonempty, order))
            print(f"| {name} | {rule} | {cells} |")
        draws = []
        for _ in range(args.draws):
            perm = rng.permutation(n)
            draws.append(bf.list_figures(data, nonempty, perm[bf.ranking(sims[:, perm])]))
        low, mean, high = np.min(draws, 0), np.mean(draws, 0), np.max(draws, 0)
        cells = " | ".join(
            f"{m:.3f} ({lo:.3f}-{hi:.3f})" for m, lo, hi in zip(mean, low, high, strict=True)
        )
        print(f"| {name} | {args.draws} random draws: mean (range) | {cells} |")


if __name__ == "__main__":
    main()
