"""Two-worker MultiWorkerMirroredStrategy on 127.0.0.1 against one process, same data.

Runs, one after the other, on a planted-topic matrix (``make_book_links``):

* ``single``      -- one process, no strategy: the same step on one device (the reference
  of the distributed run);
* ``2 workers``   -- two processes with their ``TF_CONFIG`` (cluster of two free localhost
  ports), each fitting ``strategy="multi_worker_mirrored"`` with the same data and
  ``random_state``; worker 0 saves the model.

Printed for each: wall time of the whole run (process start to exit), seconds inside
``fit``, replicas in sync, neighbour precision@10 (share of each book's 10 nearest books,
by cosine, sharing its dominant planted topic) and the largest difference from the
single-process vectors. Workers that fail or outlive ``--timeout`` are killed.

Run: ``python bench/bench_multiworker.py [--books 5000 --links 8000 --topics 20 --epochs 5]``.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import scipy.sparse as sp

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _multiworker import WorkerResult, launch  # noqa: E402

from skbookembed._sampling import grid_shape  # noqa: E402
from skbookembed.datasets import make_book_links  # noqa: E402

KERAS_MWMS_BUG = "unsupported type (<class 'dict'>) to a Tensor"


def neighbour_precision(vectors: np.ndarray, topics: np.ndarray, k: int = 10) -> float:
    """Share of each row's ``k`` nearest rows (cosine) with the same topic."""
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = np.divide(vectors, norms, out=np.zeros_like(vectors), where=norms > 0)
    hits = 0
    for lo in range(0, unit.shape[0], 2048):
        sims = unit[lo : lo + 2048] @ unit.T
        rows = np.arange(sims.shape[0])
        sims[rows, lo + rows] = -np.inf
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        hits += int((topics[top] == topics[lo : lo + 2048, None]).sum())
    return hits / (unit.shape[0] * k)


def run(
    name: str,
    matrix: Path,
    work: Path,
    n_workers: int,
    args: list[str],
    timeout: float,
) -> tuple[list[WorkerResult], float]:
    start = time.perf_counter()
    results = launch(
        matrix,
        work / name.replace("/", "_"),
        n_workers=n_workers,
        worker_args=args,
        timeout=timeout,
    )
    return results, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--books", type=int, default=5000)
    parser.add_argument("--links", type=int, default=8000)
    parser.add_argument("--topics", type=int, default=20)
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--n-positive", type=int, default=1024)
    parser.add_argument("--embedding-dim", type=int, default=50)
    parser.add_argument("--learning-rate", type=float, default=0.01)
    parser.add_argument("--timeout", type=float, default=900.0, help="seconds per run")
    opts = parser.parse_args()

    X, topics = make_book_links(opts.books, opts.links, opts.topics, random_state=0)
    # The estimator's defaults, as _multiworker uses them: 4 negatives per true pair, in
    # grid blocks, written out as one weighted example per cell under a strategy.
    n_blocks, side = grid_shape(round(opts.n_positive * 4.0))
    batch = opts.n_positive + n_blocks * side**2
    print(
        f"planted: {X.shape[0]} books x {X.shape[1]} links, {X.nnz} pairs, {opts.topics} "
        f"topics; {opts.epochs} epochs of {X.nnz // opts.n_positive} steps, global batch "
        f"{batch} ({batch // 2} per replica with 2 workers)"
    )
    common = [
        "--epochs", str(opts.epochs),
        "--n-positive", str(opts.n_positive),
        "--embedding-dim", str(opts.embedding_dim),
        "--learning-rate", str(opts.learning_rate),
        "--random-state", "0",
    ]  # fmt: skip
    runs = [
        ("single", 1, ["--strategy", "none"]),
        ("2 workers", 2, ["--strategy", "multi_worker_mirrored", "--save"]),
    ]
    with tempfile.TemporaryDirectory(prefix="skbookembed-mw-") as tmp:
        work = Path(tmp)
        sp.save_npz(work / "X.npz", X)
        reference = None
        header = (
            f"{'run':<14}{'wall s':>8}{'fit s':>8}{'replicas':>10}{'prec@10':>9}"
            f"{'max |diff|':>12}  notes"
        )
        print(header)
        print("-" * len(header))
        for name, n_workers, extra in runs:
            results, wall = run(
                name, work / "X.npz", work, n_workers, common + extra, opts.timeout
            )
            if not all(r.ok for r in results):
                why = "; ".join(
                    f"worker {r.index}: "
                    + (
                        "killed (deadline or failed peer)"
                        if r.returncode is None
                        else f"exit {r.returncode}"
                    )
                    for r in results
                    if not r.ok
                )
                print(f"{name:<14}{wall:>8.1f}{'-':>8}{'-':>10}{'-':>9}{'-':>12}  FAILED: {why}")
                for r in results:
                    if not r.ok:
                        print(r.log_tail(8))
                continue
            vectors = [np.load(r.out_dir / "books.npy") for r in results]
            if name == "single":
                reference = vectors[0]
            fit = max(r.report["fit_seconds"] for r in results)
            replicas = results[0].report["num_replicas_in_sync"]
            prec = neighbour_precision(vectors[0], topics)
            diff = np.abs(vectors[0] - reference).max() if reference is not None else float("nan")
            notes = ""
            if n_workers > 1:
                spread = max(np.abs(v - vectors[0]).max() for v in vectors[1:])
                saved = [r.index for r in results if r.report.get("saved_model")]
                notes = f"workers differ by {spread:.1e}; saved by worker {saved}"
            print(
                f"{name:<14}{wall:>8.1f}{fit:>8.1f}{replicas:>10}{prec:>9.3f}{diff:>12.1e}  {notes}"
            )


if __name__ == "__main__":
    main()
