"""Training time and planted-topic quality of skbookembed against the original recipe and peers.

Usage::

    python bench/bench_speed.py            # original scale (37,020 x 41,758, ~770k pairs)
    python bench/bench_speed.py --quick    # 8,000 x 9,000, original recipe for 3 epochs
    python bench/bench_speed.py --n-books 500 --n-links 600 --rounds 1   # smoke test

Methods, on the same planted-topic matrix (``make_book_links``, counts: one pair per link
occurrence, as the notebook kept them):

* ``original``: the notebook's loop (``bench/original_recipe.py``: Python generator,
  ``Model.fit``, dense Adam, 15 epochs; ``--original-epochs``);
* ``defaults``: ``PairEmbeddingRecommender()`` with its defaults (``--params`` adds
  ``name=value`` overrides, evaluated as Python literals);
* ``bpr``: implicit's ``BayesianPersonalizedRanking(factors=50, iterations=100)``, 2 threads;
* ``doc2vec``: gensim's ``Doc2Vec`` PV-DBOW (books as documents, links as words, ``dm=0``,
  50 dims, 5 negatives, ``ns_exponent=0.75``, ``--doc2vec-epochs``), 2 workers.

Each fit runs in its own fresh process (timed from the start of fit to its end, imports
excluded), and the methods are **interleaved**: round 1 runs every method once, round 2
again, and so on (``--rounds``, at least 3 for figures). Reported per method: the median
and the spread (min-max) of the fit times, and planted precision@10 (share of a book's 10
nearest books, by cosine, with its dominant topic; 2,000 query books).

Whether the machine was quiet is measured for every fit: the CPU time other processes used
while its process ran, and the time the hypervisor stole from this virtual machine (from
``/proc/stat``, on Linux). The load average, printed before and after, cannot say it: the
benchmark's own threads raise it. When others and steal together took more than
``--max-interference`` of the machine's CPU time during any fit, the script prints no time
ratio, since it would not be reproducible.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _util import Scale, precision_at_k, run_measured  # noqa: E402

METHODS = ("original", "defaults", "bpr", "doc2vec")


# ----------------------------------------------------------------------------- workers


def _fit(method: str, X, args: argparse.Namespace):
    """Fit one method on ``X``; return the book vectors (the timed part)."""
    import numpy as np

    if method == "original":
        from original_recipe import pairs_from_matrix, train_original_recipe

        books, _, _, _ = train_original_recipe(
            pairs_from_matrix(X), X.shape[0], X.shape[1], epochs=args.original_epochs,
            seed=args.seed,
        )  # fmt: skip
        return books
    if method == "defaults":
        from skbookembed import PairEmbeddingRecommender

        params = dict(_parse_params(args.params))
        est = PairEmbeddingRecommender(random_state=args.seed, **params).fit(X)
        return est.book_embeddings_
    if method == "bpr":
        from implicit.cpu.bpr import BayesianPersonalizedRanking

        model = BayesianPersonalizedRanking(
            factors=50, iterations=100, num_threads=2, random_state=args.seed
        )
        model.fit(X.tocsr().astype(np.float32), show_progress=False)
        return np.asarray(model.user_factors)
    if method == "doc2vec":
        from gensim.models.doc2vec import Doc2Vec, TaggedDocument

        docs = [
            TaggedDocument([str(j) for j in X.indices[X.indptr[i] : X.indptr[i + 1]]], [i])
            for i in range(X.shape[0])
        ]
        model = Doc2Vec(
            docs, dm=0, vector_size=50, negative=5, ns_exponent=0.75, min_count=1,
            epochs=args.doc2vec_epochs, workers=2, seed=args.seed,
        )  # fmt: skip
        return np.asarray(model.dv.vectors)
    raise ValueError(f"unknown method {method!r}")


def _parse_params(items: list[str]) -> list[tuple[str, object]]:
    out = []
    for item in items:
        key, _, value = item.partition("=")
        try:
            out.append((key, ast.literal_eval(value)))
        except (ValueError, SyntaxError):
            out.append((key, value))
    return out


# What each method imports, loaded before the clock starts: TensorFlow for the two Keras
# methods (skbookembed imports it inside fit), the peers' packages for theirs.
PRELOAD = {
    "original": ("original_recipe",),
    "defaults": ("skbookembed", "skbookembed._engine"),
    "bpr": ("implicit.cpu.bpr",),
    "doc2vec": ("gensim.models.doc2vec",),
}


def _worker(args: argparse.Namespace) -> None:
    import importlib

    X, topics = _scale(args).make()
    for module in PRELOAD[args.worker]:
        importlib.import_module(module)
    start = time.perf_counter()
    books = _fit(args.worker, X, args)
    seconds = time.perf_counter() - start
    print(json.dumps({"seconds": seconds, "precision": precision_at_k(books, topics)}))


def _scale(args: argparse.Namespace) -> Scale:
    return Scale("bench", args.n_books, args.n_links, args.n_topics, seed=args.seed)


def _run(method: str, argv: list[str], timeout: float) -> dict:
    proc, interference = run_measured(
        [sys.executable, __file__, "--worker", method, *argv],
        capture_output=True, text=True, timeout=timeout, check=False,
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )  # fmt: skip
    measured = {"others": interference.others, "steal": interference.steal,
                "interference": interference.share}  # fmt: skip
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            return {**json.loads(line), **measured}
    return {"error": f"exit {proc.returncode}: {proc.stderr.strip()[-400:]}", **measured}


# ----------------------------------------------------------------------------- main


def _available(method: str) -> bool:
    module = {"bpr": "implicit", "doc2vec": "gensim"}.get(method)
    if module is None:
        return True
    try:
        __import__(module)
    except ImportError:
        print(f"{module} is not installed: {method} is left out (pip install skbookembed[bench])")
        return False
    return True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="8,000 x 9,000; original 3 epochs")
    parser.add_argument("--n-books", type=int)
    parser.add_argument("--n-links", type=int)
    parser.add_argument("--n-topics", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--methods", nargs="+", default=list(METHODS), choices=METHODS)
    parser.add_argument("--original-epochs", type=int)
    parser.add_argument("--doc2vec-epochs", type=int, default=20)
    parser.add_argument("--params", nargs="*", default=[], help="overrides of the defaults")
    parser.add_argument(
        "--max-interference",
        type=float,
        default=0.05,
        help="largest share of the CPU time that others and steal may take during a fit",
    )
    parser.add_argument("--timeout", type=float, default=3600)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    args.n_books = args.n_books or (8_000 if args.quick else 37_020)
    args.n_links = args.n_links or (9_000 if args.quick else 41_758)
    args.original_epochs = args.original_epochs or (3 if args.quick else 15)
    if args.worker:
        _worker(args)
        return

    argv = [
        f"--n-books={args.n_books}", f"--n-links={args.n_links}", f"--n-topics={args.n_topics}",
        f"--original-epochs={args.original_epochs}", f"--doc2vec-epochs={args.doc2vec_epochs}",
        f"--seed={args.seed}", "--params", *args.params,
    ]  # fmt: skip
    methods = [m for m in args.methods if _available(m)]
    X, _ = _scale(args).make()
    print(
        f"{X.shape[0]:,} books x {X.shape[1]:,} links, {int(X.sum()):,} pairs with duplicates "
        f"({X.nnz:,} distinct); {args.rounds} interleaved rounds of {', '.join(methods)}"
    )
    load_before = os.getloadavg()
    print(f"load average before: {' '.join(f'{x:.2f}' for x in load_before)}", flush=True)
    results: dict[str, list[dict]] = {m: [] for m in methods}
    for r in range(args.rounds):
        for method in methods:
            out = _run(method, argv, args.timeout)
            results[method].append(out)
            shown = (
                out.get("error") or f"{out['seconds']:.1f} s, precision@10 {out['precision']:.3f}"
            )
            print(
                f"  round {r + 1} {method:<9} {shown}  (others {out['others']:.1f} CPU s, "
                f"steal {out['steal']:.1f} s: {100 * out['interference']:.1f}% of the machine)",
                flush=True,
            )
    load_after = os.getloadavg()
    print(f"load average after:  {' '.join(f'{x:.2f}' for x in load_after)}")

    print("\n| method | fit seconds, median (min-max) | planted precision@10 |")
    print("|---|---:|---:|")
    medians = {}
    for method, runs in results.items():
        ok = [x for x in runs if "error" not in x]
        if not ok:
            print(f"| {method} | failed: {runs[0]['error'][:80]} | - |")
            continue
        secs = [x["seconds"] for x in ok]
        medians[method] = statistics.median(secs)
        prec = statistics.median(x["precision"] for x in ok)
        print(
            f"| {method} | {medians[method]:.1f} ({min(secs):.1f}-{max(secs):.1f}) | {prec:.3f} |"
        )
    worst = max(x["interference"] for runs in results.values() for x in runs)
    print(f"\nMost interference during a fit: {100 * worst:.1f}% of the machine's CPU time.")
    if worst > args.max_interference:
        print(
            f"That is more than {100 * args.max_interference:.0f}%: the machine was not quiet, "
            "so no time ratio is reported. Run again on an idle machine."
        )
        return
    if "defaults" in medians:
        print()
        for method, seconds in medians.items():
            if method != "defaults":
                print(f"{method} / defaults: {seconds / medians['defaults']:.2f}x the time")


if __name__ == "__main__":
    main()
