"""Training speed of skbookembed against the original recipe, in one run.

Usage::

    python bench/bench_speed.py --quick   # ~10 min on 2 cores: baseline 2 epochs, scaling to 1M pairs
    python bench/bench_speed.py           # default: as --quick, scaling to 3M pairs
    python bench/bench_speed.py --full    # hours: baseline 15 epochs, scaling to 50M pairs
                                          # (1M books x 1M links), quality at the original scale

What it measures, each configuration in its own process (so that peak memory, read from
``ru_maxrss``, belongs to that configuration alone; it includes the ~0.5 GB of importing
TensorFlow, which both sides pay):

1. Speed at the original scale (37,020 books x 41,758 links, ~770,000 pairs with
   duplicates, planted topics from ``make_book_links``): the original recipe
   (``bench/original_recipe.py``: Python generator, ``Model.fit``, dense Adam) for
   ``--baseline-epochs`` epochs, extrapolated to ``--epochs`` when fewer (stated in the
   output), against ``PairEmbeddingRecommender`` with its default settings trained for
   ``--epochs`` epochs on the same pairs (``repeat_counts=True``). Reported: whole-fit time,
   seconds per epoch, examples per second, peak memory, and the ratio.
2. Quality at equal epochs: neighbour precision@10 (the share of a book's 10 nearest books
   that share its planted topic) for both, on a 10,000 x 12,000 matrix with 30 topics, or
   at the original scale with ``--full``.
3. Time per epoch against the number of pairs, 100k to 3M pairs (``--quick``: 1M;
   ``--full``: 50M, the last with 1M books x 1M links), a linear fit, and a plot saved to
   ``docs/_static/time_per_epoch.png``.
4. Query-side load: ``joblib.load`` of the fitted original-scale estimator plus its first
   ``most_similar``, in a fresh process, and whether that imported TensorFlow.

The output ends with markdown tables ready for ``bench/RESULTS.md``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _util import ORIGINAL, QUALITY, Scale, peak_rss_mb, precision_at_k, run_worker  # noqa: E402

# Pairs per scaling point: (n_books, n_links, mean links per book); about n_books * mean.
SCALING = {
    "quick": [(5_000, 6_000, 20.8), (15_000, 17_000, 20.8), (48_000, 54_000, 20.8)],
    "default": [
        (5_000, 6_000, 20.8),
        (15_000, 17_000, 20.8),
        (48_000, 54_000, 20.8),
        (150_000, 170_000, 20.8),
    ],
    "full": [
        (5_000, 6_000, 20.8),
        (15_000, 17_000, 20.8),
        (48_000, 54_000, 20.8),
        (150_000, 170_000, 20.8),
        (480_000, 540_000, 20.8),
        (1_000_000, 1_000_000, 50.0),
    ],
}
EPOCH_LINE = re.compile(r"Epoch (\d+)/\d+ - ([0-9.]+)s")


# ----------------------------------------------------------------------------- workers
def _scale_from(args: argparse.Namespace) -> Scale:
    return Scale("worker", args.n_books, args.n_links, args.n_topics, args.mean_links, args.seed)


def worker_baseline(args: argparse.Namespace) -> dict:
    from original_recipe import pairs_from_matrix, train_original_recipe

    X, topics = _scale_from(args).make()
    pairs = pairs_from_matrix(X)
    epoch_seconds: list[float] = []
    books, _, seconds, losses = train_original_recipe(
        pairs,
        X.shape[0],
        X.shape[1],
        epochs=args.epochs,
        seed=args.seed,
        epoch_seconds=epoch_seconds,
    )
    steps = len(pairs) // 1024
    return {
        "seconds": seconds,
        "epoch_seconds": epoch_seconds,
        "losses": losses,
        "pairs": len(pairs),
        "examples_per_epoch": steps * 3072,
        "p10": precision_at_k(books, topics),
        "peak_rss_mb": peak_rss_mb(),
    }


def worker_ours(args: argparse.Namespace) -> dict:
    from skbookembed import PairEmbeddingRecommender, _engine  # noqa: F401

    # TensorFlow is imported above, outside the timed fit, as the baseline imports it
    # before its timer starts too.
    X, topics = _scale_from(args).make()
    params = json.loads(args.params)
    est = PairEmbeddingRecommender(
        epochs=args.epochs, repeat_counts=True, random_state=args.seed, verbose=2, **params
    )
    out = io.StringIO()
    start = time.perf_counter()
    with contextlib.redirect_stdout(out):
        est.fit(X)
    seconds = time.perf_counter() - start
    epoch_seconds = [float(m.group(2)) for m in EPOCH_LINE.finditer(out.getvalue())]
    n_positive = min(est.n_positive, est.n_pairs_)
    batch = n_positive + round(n_positive * est.negative_ratio)
    result = {
        "seconds": seconds,
        "epoch_seconds": epoch_seconds,
        "losses": est.history_["loss"],
        "pairs": est.n_pairs_,
        "examples_per_epoch": max(1, est.n_pairs_ // n_positive) * batch,
        "params": est.get_params(),
        "peak_rss_mb": peak_rss_mb(),
    }
    if args.quality:
        result["p10"] = precision_at_k(est.book_embeddings_, topics)
    if args.save:
        import joblib

        joblib.dump(est, args.save)
    return result


def worker_query(args: argparse.Namespace) -> dict:
    start = time.perf_counter()
    import joblib

    est = joblib.load(args.save)
    top = est.most_similar(0, topn=10)
    seconds = time.perf_counter() - start
    return {
        "seconds": seconds,
        "n_results": len(top),
        "tensorflow_imported": "tensorflow" in sys.modules,
        "peak_rss_mb": peak_rss_mb(),
    }


# ----------------------------------------------------------------------------- driver
def steady_epoch(epoch_seconds: list[float]) -> float:
    """Median epoch time, leaving out the first (graph tracing) when there are others."""
    rest = epoch_seconds[1:] or epoch_seconds
    return float(np.median(rest))


def extrapolate(result: dict, epochs: int) -> tuple[float, bool]:
    """Whole-fit time for ``epochs`` epochs from a run of fewer; True when extrapolated."""
    done = len(result["epoch_seconds"])
    if done >= epochs:
        return result["seconds"], False
    setup = result["seconds"] - sum(result["epoch_seconds"])
    first = result["epoch_seconds"][0]
    return setup + first + (epochs - 1) * steady_epoch(result["epoch_seconds"]), True


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--quick", action="store_true")
    mode.add_argument("--full", action="store_true")
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--baseline-epochs", type=int, default=None)
    parser.add_argument(
        "--params",
        default="{}",
        help="JSON of PairEmbeddingRecommender parameters to override its defaults",
    )
    parser.add_argument("--plot", default=str(HERE.parent / "docs/_static/time_per_epoch.png"))
    parser.add_argument("--no-plot", action="store_true")
    # Worker mode (internal): one configuration, in this process, JSON on stdout.
    parser.add_argument("--worker", choices=["baseline", "ours", "query"])
    parser.add_argument("--n-books", type=int)
    parser.add_argument("--n-links", type=int)
    parser.add_argument("--n-topics", type=int, default=10)
    parser.add_argument("--mean-links", type=float, default=20.8)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--quality", action="store_true")
    parser.add_argument("--save")
    args = parser.parse_args()

    if args.worker:
        os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
        worker = {"baseline": worker_baseline, "ours": worker_ours, "query": worker_query}
        print(json.dumps(worker[args.worker](args)), flush=True)
        return

    level = "full" if args.full else "quick" if args.quick else "default"
    baseline_epochs = args.baseline_epochs or (args.epochs if args.full else 2)
    script = Path(__file__).resolve()
    common = ["--params", args.params]
    print(f"# bench_speed ({level}): {time.strftime('%Y-%m-%d %H:%M')}, {os.cpu_count()} CPUs")
    print(f"# load average at start: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")

    with tempfile.TemporaryDirectory() as tmp:
        saved = str(Path(tmp) / "est.joblib")
        # 1. Speed at the original scale.
        print(f"\n## Original scale, baseline for {baseline_epochs} epochs ...", flush=True)
        base = run_worker(
            script,
            ["--worker=baseline", *ORIGINAL.args(), f"--epochs={baseline_epochs}"],
        )
        print(f"   baseline: {json.dumps({k: base[k] for k in ('seconds', 'epoch_seconds')})}")
        print(f"## Original scale, skbookembed for {args.epochs} epochs ...", flush=True)
        ours = run_worker(
            script,
            [
                "--worker=ours",
                *ORIGINAL.args(),
                f"--epochs={args.epochs}",
                f"--save={saved}",
                "--quality",
                *common,
            ],
        )
        print(f"   skbookembed: {json.dumps({k: ours[k] for k in ('seconds', 'epoch_seconds')})}")
        query = run_worker(script, ["--worker=query", f"--save={saved}"])

    # 2. Quality at equal epochs.
    if args.full and baseline_epochs >= args.epochs:
        quality_scale, base_q, ours_q = ORIGINAL, base, ours
    else:
        quality_scale = QUALITY
        print(
            f"\n## Quality, {QUALITY.n_books:,} x {QUALITY.n_links:,}, {args.epochs} epochs each ...",
            flush=True,
        )
        base_q = run_worker(
            script, ["--worker=baseline", *QUALITY.args(), f"--epochs={args.epochs}"]
        )
        ours_q = run_worker(
            script,
            ["--worker=ours", *QUALITY.args(), f"--epochs={args.epochs}", "--quality", *common],
        )

    # 3. Time per epoch against pairs.
    print("\n## Scaling ...", flush=True)
    scaling = []
    for n_books, n_links, mean in SCALING[level]:
        scale = Scale("scaling", n_books, n_links, n_topics=50, mean_links_per_book=mean)
        epochs = 1 if n_books >= 1_000_000 else 2
        res = run_worker(script, ["--worker=ours", *scale.args(), f"--epochs={epochs}", *common])
        res["n_books"], res["n_links"] = n_books, n_links
        res["epoch"] = steady_epoch(res["epoch_seconds"])
        scaling.append(res)
        print(
            f"   {res['pairs']:>12,} pairs: {res['epoch']:.2f} s/epoch, "
            f"{res['peak_rss_mb']:,.0f} MB",
            flush=True,
        )

    report(args, level, baseline_epochs, base, ours, query, quality_scale, base_q, ours_q, scaling)


def report(
    args, level, baseline_epochs, base, ours, query, quality_scale, base_q, ours_q, scaling
):
    epochs = args.epochs
    base_total, extrapolated = extrapolate(base, epochs)
    ours_total = ours["seconds"]
    base_epoch, ours_epoch = (
        steady_epoch(base["epoch_seconds"]),
        steady_epoch(ours["epoch_seconds"]),
    )
    note = (
        f"extrapolated from {baseline_epochs} measured epoch(s): setup + first epoch + "
        f"{epochs - 1} x median later epoch"
        if extrapolated
        else "measured"
    )
    keys = (
        "n_positive",
        "negative_ratio",
        "negative_target",
        "optimizer",
        "learning_rate",
        "positive_sampling",
        "negative_sampling",
        "grid_block",
        "engine",
    )
    params = {k: ours["params"][k] for k in keys if k in ours["params"]}
    print("\n## Results (markdown)\n")
    print(
        f"Matrix: `make_book_links(n_books={ORIGINAL.n_books}, n_links={ORIGINAL.n_links}, "
        f"n_topics={ORIGINAL.n_topics}, mean_links_per_book={ORIGINAL.mean_links_per_book}, "
        f"binary=False, random_state={ORIGINAL.seed})`, {ours['pairs']:,} pairs (one per link "
        f"occurrence, as the original). skbookembed: `PairEmbeddingRecommender` with "
        f"{params} (overrides: `{args.params}`), `repeat_counts=True`.\n"
    )
    print(f"| Original scale, {epochs} epochs | original recipe | skbookembed | ratio |")
    print("|---|---:|---:|---:|")
    print(
        f"| whole fit (s) | {base_total:,.1f} ({note}) | {ours_total:,.1f} (measured) | "
        f"**{base_total / ours_total:.1f}x** |"
    )
    print(
        f"| seconds per epoch (median, after the first) | {base_epoch:.2f} | {ours_epoch:.2f} | "
        f"{base_epoch / ours_epoch:.1f}x |"
    )
    base_eps = base["examples_per_epoch"] / base_epoch
    ours_eps = ours["examples_per_epoch"] / ours_epoch
    print(
        f"| examples per epoch | {base['examples_per_epoch']:,} | {ours['examples_per_epoch']:,} | |"
    )
    print(
        f"| examples per second | {base_eps:,.0f} | {ours_eps:,.0f} | {ours_eps / base_eps:.1f}x |"
    )
    print(
        f"| pairs per second (pairs x epochs / fit time) | "
        f"{base['pairs'] * epochs / base_total:,.0f} | {ours['pairs'] * epochs / ours_total:,.0f} | |"
    )
    print(
        f"| peak memory, whole process (MB) | {base['peak_rss_mb']:,.0f} | "
        f"{ours['peak_rss_mb']:,.0f} | |"
    )
    print(
        f"| final training loss | {base['losses'][-1]:.4f} (epoch {len(base['losses'])}) | "
        f"{ours['losses'][-1]:.4f} | |"
    )

    q = quality_scale
    print(
        f"\n| Neighbour precision@10, {q.n_books:,} x {q.n_links:,} matrix, {q.n_topics} topics, "
        f"{epochs} epochs | original recipe | skbookembed |"
    )
    print("|---|---:|---:|")
    print(f"| precision@10 (2,000 query books) | {base_q['p10']:.3f} | {ours_q['p10']:.3f} |")
    print(f"| fit time (s) | {base_q['seconds']:,.1f} | {ours_q['seconds']:,.1f} |")

    print("\n| Query side (fresh process) | value |")
    print("|---|---:|")
    print(f"| `joblib.load` + first `most_similar` (s) | {query['seconds']:.3f} |")
    print(f"| TensorFlow imported | {query['tensorflow_imported']} |")
    print(f"| peak memory (MB) | {query['peak_rss_mb']:,.0f} |")

    pairs = np.array([r["pairs"] for r in scaling], dtype=float)
    secs = np.array([r["epoch"] for r in scaling])
    slope, intercept = np.polyfit(pairs, secs, 1)
    print("\n| pairs | books x links | s/epoch | examples/s | us per pair | peak MB |")
    print("|---:|---|---:|---:|---:|---:|")
    for r in scaling:
        print(
            f"| {r['pairs']:,} | {r['n_books']:,} x {r['n_links']:,} | {r['epoch']:.2f} | "
            f"{r['examples_per_epoch'] / r['epoch']:,.0f} | {r['epoch'] / r['pairs'] * 1e6:.2f} | "
            f"{r['peak_rss_mb']:,.0f} |"
        )
    print(f"\nLinear fit: seconds per epoch = {slope * 1e6:.3f} us x pairs + {intercept:.2f} s.")
    print(f"Load average at the end: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")

    if not args.no_plot:
        plot(args.plot, scaling, slope, intercept, base, base_epoch, level)


def plot(path, scaling, slope, intercept, base, base_epoch, level):
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:  # pragma: no cover
        print("matplotlib is not installed: no plot (pip install skbookembed[plot])")
        return
    pairs = np.array([r["pairs"] for r in scaling], dtype=float)
    secs = np.array([r["epoch"] for r in scaling])
    fig, ax = plt.subplots(figsize=(6, 4), dpi=120)
    ax.loglog(pairs, secs, "o", color="C0", label="skbookembed (fused engine)")
    grid = np.geomspace(pairs.min(), pairs.max(), 50)
    ax.loglog(
        grid,
        np.maximum(slope * grid + intercept, 1e-3),
        "-",
        color="C0",
        alpha=0.5,
        label=f"linear fit: {slope * 1e6:.2f} us/pair",
    )
    ax.loglog([base["pairs"]], [base_epoch], "s", color="C3", label="original recipe")
    ax.set_xlabel("training pairs")
    ax.set_ylabel("seconds per epoch")
    ax.set_title(f"Time per epoch vs pairs ({os.cpu_count()} CPU cores, {level} run)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path)
    print(f"Plot saved to {path}")


if __name__ == "__main__":
    main()
