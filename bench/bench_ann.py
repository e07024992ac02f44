"""Approximate vs exact nearest-neighbour search in KeyedEmbeddings.

Measures, on synthetic vectors of 100k-1M rows x 50 dimensions:

* recall@10 of the approximate (pynndescent) index against exact search,
  over the same ``batch_most_similar`` queries (each query's own row excluded);
* the time to build the index (done lazily by the first approximate query);
* query latency of both paths, one query at a time (``most_similar``) and
  in a batch (``batch_most_similar``, reported per query).

Two kinds of data: isotropic Gaussian vectors (no structure, the hardest case
for graph indexes) and clustered vectors (Gaussian blobs, closer to learned
embeddings). The numba code of pynndescent is compiled once, on a small
warm-up index, and that time is reported separately.

Usage::

    python bench/bench_ann.py                  # 100k rows, both kinds; 1M exact only
    python bench/bench_ann.py --sizes 100000 1000000 --exact-only-sizes

Prints a markdown table.

Recorded result (2 shared CPUs under load from other jobs, so latencies are
noisy; pynndescent 0.7.0, numpy 2.4; default arguments; JIT warm-up 101 s)::

    | data      |         n | recall@10 | build (s) | exact single | approx single | exact batch | approx batch |
    |-----------|----------:|----------:|----------:|-------------:|--------------:|------------:|-------------:|
    | random    |   100,000 |     0.986 |      59.8 |     16.02 ms |       0.36 ms |    4.188 ms |     0.087 ms |
    | clustered |   100,000 |     0.997 |      46.3 |      8.07 ms |       1.07 ms |    2.625 ms |     0.172 ms |
    | random    | 1,000,000 |         - |         - |     29.25 ms |             - |   41.877 ms |            - |

(latencies per query). With ``n_neighbors=30`` the recall@10 on random
100k x 50 data was 0.81, whatever the search ``epsilon``: hence the default
of 60.
"""

from __future__ import annotations

import argparse
import os
import platform
import time

import numpy as np

from skbookembed._keyed import KeyedEmbeddings


def make_vectors(kind: str, n: int, dim: int, seed: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    if kind == "random":
        return rng.standard_normal((n, dim), dtype=np.float32)
    if kind == "clustered":
        n_clusters = max(10, n // 500)
        centres = rng.standard_normal((n_clusters, dim), dtype=np.float32)
        labels = rng.integers(0, n_clusters, size=n)
        return centres[labels] + 0.5 * rng.standard_normal((n, dim), dtype=np.float32)
    raise ValueError(f"unknown data kind {kind!r}")


def recall(approx: np.ndarray, exact: np.ndarray) -> float:
    hits = sum(len(set(a) & set(e)) for a, e in zip(approx.tolist(), exact.tolist(), strict=True))
    return hits / exact.size


def time_single(kv: KeyedEmbeddings, keys: np.ndarray, topn: int) -> float:
    start = time.perf_counter()
    for key in keys.tolist():
        kv.most_similar(key, topn=topn)
    return (time.perf_counter() - start) / len(keys) * 1e3


def time_batch(kv: KeyedEmbeddings, keys: np.ndarray, topn: int) -> tuple[np.ndarray, float]:
    start = time.perf_counter()
    ids, _ = kv.batch_most_similar(keys, topn=topn)
    return ids, (time.perf_counter() - start) / len(keys) * 1e3


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000])
    parser.add_argument("--dim", type=int, default=50)
    parser.add_argument("--kinds", nargs="+", default=["random", "clustered"])
    parser.add_argument(
        "--exact-only-sizes",
        type=int,
        nargs="*",
        default=[1_000_000],
        help="sizes (random data) timed with exact search only, no index build",
    )
    parser.add_argument("--n-queries", type=int, default=1000)
    parser.add_argument("--n-single", type=int, default=100, help="queries timed one by one")
    parser.add_argument("--topn", type=int, default=10)
    parser.add_argument("--n-neighbors", type=int, default=60)
    parser.add_argument("--epsilon", type=float, default=0.1)
    parser.add_argument("--n-jobs", type=int, default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    params = {
        "n_neighbors": args.n_neighbors,
        "epsilon": args.epsilon,
        "random_state": args.seed,
        "n_jobs": args.n_jobs,
    }
    start = time.perf_counter()
    warm = KeyedEmbeddings(make_vectors("random", 5000, args.dim, 1), index="approximate")
    warm.set_index("approximate", **params).most_similar(0)
    compile_s = time.perf_counter() - start

    rows = []
    for n in args.sizes:
        for kind in args.kinds:
            vectors = make_vectors(kind, n, args.dim, args.seed)
            rng = np.random.default_rng(args.seed + 1)
            keys = rng.choice(n, size=min(args.n_queries, n), replace=False)
            single = keys[: args.n_single]

            exact = KeyedEmbeddings(vectors, index="exact")
            exact_ids, exact_batch_ms = time_batch(exact, keys, args.topn)
            exact_single_ms = time_single(exact, single, args.topn)

            approx = KeyedEmbeddings(vectors, index="approximate", index_params=params)
            start = time.perf_counter()
            approx.build_index()
            build_s = time.perf_counter() - start
            approx_ids, approx_batch_ms = time_batch(approx, keys, args.topn)
            approx_single_ms = time_single(approx, single, args.topn)

            rows.append(
                (
                    kind,
                    n,
                    recall(approx_ids, exact_ids),
                    build_s,
                    exact_single_ms,
                    approx_single_ms,
                    exact_batch_ms,
                    approx_batch_ms,
                )
            )
            print(f"done: {kind} n={n}", flush=True)

    for n in args.exact_only_sizes:
        vectors = make_vectors("random", n, args.dim, args.seed)
        keys = np.random.default_rng(args.seed + 1).choice(n, size=args.n_queries, replace=False)
        exact = KeyedEmbeddings(vectors, index="exact")
        _, exact_batch_ms = time_batch(exact, keys, args.topn)
        exact_single_ms = time_single(exact, keys[: args.n_single], args.topn)
        rows.append(("random", n, None, None, exact_single_ms, None, exact_batch_ms, None))
        print(f"done: exact only n={n}", flush=True)

    print()
    print(
        f"Machine: {os.cpu_count()} CPUs, {platform.python_implementation()} "
        f"{platform.python_version()}; dim={args.dim}, topn={args.topn}, "
        f"{args.n_queries} batch queries, {args.n_single} single queries; "
        f"n_neighbors={args.n_neighbors}, epsilon={args.epsilon}, n_jobs={args.n_jobs}; "
        f"pynndescent compile (warm-up) {compile_s:.1f} s"
    )
    print()
    print(
        "| data | n | recall@10 | index build (s) | exact single (ms/q) "
        "| approx single (ms/q) | exact batch (ms/q) | approx batch (ms/q) |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|")

    def fmt(value: float | None, spec: str) -> str:
        return "-" if value is None else format(value, spec)

    for kind, n, rec, build, es, as_, eb, ab in rows:
        print(
            f"| {kind} | {n:,} | {fmt(rec, '.3f')} | {fmt(build, '.1f')} | {fmt(es, '.2f')} "
            f"| {fmt(as_, '.2f')} | {fmt(eb, '.3f')} | {fmt(ab, '.3f')} |"
        )


if __name__ == "__main__":
    main()
