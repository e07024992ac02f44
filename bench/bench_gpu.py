"""Seconds per epoch of the defaults on the device TensorFlow finds (a GPU when there is one).

One command on a GPU machine::

    python bench/bench_gpu.py            # original scale, then 1M books x 1M links x 50M pairs
    python bench/bench_gpu.py --tiny     # a few seconds on a CPU: checks the script runs

For each scale (planted topics from ``make_book_links``): the defaults of
``PairEmbeddingRecommender`` trained for ``--epochs`` epochs; reported are the median
seconds of epochs 2 onwards (the first one includes tracing), examples per second
(true pairs plus negatives of an epoch over its seconds) and the device. The results are
printed as a markdown table and appended to ``bench/RESULTS.md`` (``--no-record`` to skip).
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from _util import Scale  # noqa: E402

SCALES = {
    "original": Scale("original scale", 37_020, 41_758),
    "large": Scale(
        "1M x 1M, 50M pairs", 1_000_000, 1_000_000, n_topics=100, mean_links_per_book=50
    ),
    "tiny": Scale("tiny", 2_000, 2_500),
}


def device_name() -> str:
    import tensorflow as tf

    from skbookembed._tf import device_summary

    gpus = tf.config.list_physical_devices("GPU")
    names = [tf.config.experimental.get_device_details(g).get("device_name", g.name) for g in gpus]
    return ", ".join(names) or f"CPU ({device_summary()})"


def measure(scale: Scale, epochs: int) -> dict:
    from skbookembed import PairEmbeddingRecommender

    X, _ = scale.make()
    stamps: list[float] = []
    est = PairEmbeddingRecommender(epochs=epochs, random_state=0)
    start = time.perf_counter()
    est.fit(X, callbacks=lambda epoch, loss, tables: stamps.append(time.perf_counter()))
    seconds = [b - a for a, b in zip([start, *stamps[:-1]], stamps, strict=True)]
    per_epoch = statistics.median(seconds[1:] or seconds)
    examples = est.n_pairs_ * (1 + est.negative_ratio)  # an epoch's true pairs and negatives
    return {
        "scale": scale.name,
        "shape": f"{X.shape[0]:,} x {X.shape[1]:,}",
        "pairs": est.n_pairs_,
        "first": seconds[0],
        "per_epoch": per_epoch,
        "examples_per_second": examples / per_epoch,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tiny", action="store_true", help="a small matrix, for a CPU check")
    parser.add_argument("--epochs", type=int, default=4)
    parser.add_argument("--no-record", action="store_true", help="do not append to RESULTS.md")
    args = parser.parse_args()
    names = ["tiny"] if args.tiny else ["original", "large"]
    device = device_name()
    print(f"device: {device}", flush=True)
    rows = []
    for name in names:
        row = measure(SCALES[name], args.epochs)
        rows.append(row)
        print(
            f"  {row['scale']}: {row['per_epoch']:.2f} s per epoch (first {row['first']:.1f} s), "
            f"{row['examples_per_second'] / 1e6:.2f} M examples/s",
            flush=True,
        )
    table = [
        f"\n### Seconds per epoch on {device} ({datetime.date.today()}, `python bench/bench_gpu.py"
        f"{' --tiny' if args.tiny else ''}`)\n",
        "| scale | books x links | pairs | s per epoch (median of epochs 2+) | first epoch s "
        "| examples per s |",
        "|---|---|---:|---:|---:|---:|",
    ]
    for r in rows:
        table.append(
            f"| {r['scale']} | {r['shape']} | {r['pairs']:,} | {r['per_epoch']:.2f} "
            f"| {r['first']:.1f} | {r['examples_per_second'] / 1e6:.2f} M |"
        )
    text = "\n".join(table) + "\n"
    print(text)
    if not args.no_record:
        with open(HERE / "RESULTS.md", "a", encoding="utf-8") as f:
            f.write(text)
        print(f"appended to {HERE / 'RESULTS.md'}")


if __name__ == "__main__":
    main()
