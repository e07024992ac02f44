"""Run PairEmbeddingRecommender on a local two-worker MultiWorkerMirroredStrategy cluster.

Two roles in one file, shared by ``tests/test_distribute.py`` and
``bench/bench_multiworker.py``:

* As a script, one *worker*: it reads ``TF_CONFIG`` (set by the launcher), loads a
  books x links matrix written with :func:`scipy.sparse.save_npz`, fits the estimator
  with the given strategy, and writes what the parent checks: a JSON report and the book
  vectors. The chief (worker 0) also saves the model with ``save``, as a user would.
* Imported, :func:`launch` starts the workers on free 127.0.0.1 ports, waits for them
  under a deadline, and kills both (whole process groups) when one fails or time runs
  out, so that a stuck collective never hangs the caller.

Worker usage (normally through :func:`launch`)::

    TF_CONFIG='{"cluster": {"worker": ["127.0.0.1:2222", "127.0.0.1:2223"]},
                "task": {"type": "worker", "index": 0}}' \\
    python bench/_multiworker.py --matrix X.npz --out-dir out/ --epochs 5
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

__all__ = ["WorkerResult", "free_ports", "launch", "tf_config"]

WORKER_SCRIPT = Path(__file__).resolve()


# ----------------------------------------------------------------------------- launcher


def free_ports(n: int, host: str = "127.0.0.1") -> list[int]:
    """``n`` distinct ports that were free on ``host`` a moment ago (bound to port 0).

    The sockets stay open until all ports are chosen, so the ports differ; they are closed
    before returning, which leaves a small window in which another process could take one.
    """
    socks = []
    try:
        for _ in range(n):
            s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
            s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            s.bind((host, 0))
            socks.append(s)
        return [s.getsockname()[1] for s in socks]
    finally:
        for s in socks:
            s.close()


def tf_config(addresses: list[str], index: int) -> str:
    """The ``TF_CONFIG`` value of worker ``index`` in a cluster of ``addresses``."""
    return json.dumps(
        {"cluster": {"worker": list(addresses)}, "task": {"type": "worker", "index": index}}
    )


@dataclass
class WorkerResult:
    """What one worker process left behind."""

    index: int
    returncode: int | None  # None: killed by the launcher (deadline, or a peer failed)
    log: str
    report: dict[str, Any] = field(default_factory=dict)
    out_dir: Path | None = None

    @property
    def ok(self) -> bool:
        return self.returncode == 0 and bool(self.report)

    def log_tail(self, n: int = 30) -> str:
        lines = [
            line
            for line in self.log.splitlines()
            if line.strip() and not line.startswith(("WARNING: All log", "I0000", "W0000"))
        ]
        return "\n".join(lines[-n:])


def _kill_group(proc: subprocess.Popen) -> bool:
    """Kill the process group of ``proc`` (started with ``start_new_session=True``).

    Returns whether it was still running, i.e. whether this call ended it.
    """
    if proc.poll() is not None:
        return False
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):
        proc.wait(timeout=10)
    return True


def launch(
    matrix: str | os.PathLike[str],
    work_dir: str | os.PathLike[str],
    *,
    n_workers: int = 2,
    timeout: float = 300.0,
    worker_args: list[str] | None = None,
    env: dict[str, str] | None = None,
) -> list[WorkerResult]:
    """Start ``n_workers`` workers on 127.0.0.1 and wait for all of them.

    Parameters
    ----------
    matrix : path
        ``.npz`` file of the books x links matrix (:func:`scipy.sparse.save_npz`).
    work_dir : path
        Each worker writes to ``work_dir/worker<i>/``; logs go to ``worker<i>.log``.
    n_workers : int
        Cluster size (1 runs the strategy with a single worker).
    timeout : float
        Seconds for the whole run. When it passes, or as soon as one worker exits with an
        error (its peers would wait for it forever), every worker still running is killed.
    worker_args : list of str
        Extra command-line arguments of every worker (``--epochs 5`` ...).
    env : dict
        Environment of the workers (default: this process's); ``TF_CONFIG`` is set here.

    Returns
    -------
    list of WorkerResult
        In task order; ``returncode`` is None for a worker the launcher killed.
    """
    work_dir = Path(work_dir)
    work_dir.mkdir(parents=True, exist_ok=True)
    addresses = [f"127.0.0.1:{port}" for port in free_ports(n_workers)]
    base_env = dict(os.environ if env is None else env)
    base_env.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    procs: list[subprocess.Popen] = []
    killed: set[int] = set()
    logs = []
    out_dirs = []
    try:
        for index in range(n_workers):
            out_dir = work_dir / f"worker{index}"
            out_dir.mkdir(exist_ok=True)
            log = open(work_dir / f"worker{index}.log", "wb")  # noqa: SIM115
            logs.append(log)
            out_dirs.append(out_dir)
            worker_env = {**base_env, "TF_CONFIG": tf_config(addresses, index)}
            cmd = [
                sys.executable,
                str(WORKER_SCRIPT),
                "--matrix",
                str(matrix),
                "--out-dir",
                str(out_dir),
                *(worker_args or []),
            ]
            procs.append(
                subprocess.Popen(
                    cmd,
                    stdout=log,
                    stderr=subprocess.STDOUT,
                    stdin=subprocess.DEVNULL,
                    env=worker_env,
                    start_new_session=True,
                )
            )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            codes = [p.poll() for p in procs]
            if all(c is not None for c in codes):
                break
            if any(c not in (None, 0) for c in codes):
                break  # a failed worker: the others would wait for it forever
            time.sleep(0.2)
    finally:
        for index, proc in enumerate(procs):
            if _kill_group(proc):
                killed.add(index)
        for log in logs:
            log.close()
    results = []
    for index, (proc, out_dir) in enumerate(zip(procs, out_dirs, strict=True)):
        report_path = out_dir / "report.json"
        report = json.loads(report_path.read_text()) if report_path.is_file() else {}
        log_text = (work_dir / f"worker{index}.log").read_text(errors="replace")
        code = None if index in killed else proc.returncode
        results.append(WorkerResult(index, code, log_text, report, out_dir))
    return results


# ----------------------------------------------------------------------------- worker


def _worker(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="one worker of a local training cluster")
    parser.add_argument("--matrix", required=True)
    parser.add_argument("--out-dir", required=True)
    parser.add_argument("--strategy", default="multi_worker_mirrored")
    parser.add_argument("--epochs", type=int, default=5)
    parser.add_argument("--n-positive", type=int, default=16)
    parser.add_argument("--negative-ratio", type=float, default=4.0)
    parser.add_argument("--loss", default="mse")
    parser.add_argument("--embedding-dim", type=int, default=16)
    parser.add_argument("--learning-rate", type=float, default=0.05)
    parser.add_argument("--optimizer", help="default: the estimator's")
    parser.add_argument("--random-state", type=int, default=0)
    parser.add_argument("--save", action="store_true", help="the chief saves model.npz")
    args = parser.parse_args(argv)

    start = time.perf_counter()
    import numpy as np
    import scipy.sparse as sp

    # _engine imports TensorFlow but creates no op or device: the strategy is still the
    # first thing TensorFlow sets up, as a multi-worker strategy requires.
    from skbookembed import PairEmbeddingRecommender, _engine

    # Record the strategy the estimator's name turns into, and count its `run` calls
    # (the training step of Keras' fit and of a custom loop both go through it).
    made: list[Any] = []
    runs = [0]
    resolve = _engine.resolve_strategy

    def recording_resolve(strategy: Any) -> Any:
        resolved = resolve(strategy)
        if resolved is not None:
            plain_run = resolved.run

            def counting_run(*a: Any, **k: Any) -> Any:
                runs[0] += 1
                return plain_run(*a, **k)

            resolved.run = counting_run
            made.append(resolved)
        return resolved

    _engine.resolve_strategy = recording_resolve

    X = sp.load_npz(args.matrix).tocsr()
    config = json.loads(os.environ.get("TF_CONFIG", "{}") or "{}")
    task = config.get("task", {}).get("index", 0)
    n_workers = len(config.get("cluster", {}).get("worker", [])) or 1
    est = PairEmbeddingRecommender(
        embedding_dim=args.embedding_dim,
        n_positive=args.n_positive,
        negative_ratio=args.negative_ratio,
        loss=args.loss,
        epochs=args.epochs,
        learning_rate=args.learning_rate,
        **({} if args.optimizer is None else {"optimizer": args.optimizer}),
        strategy=None if args.strategy == "none" else args.strategy,
        random_state=args.random_state,
    )
    imported = time.perf_counter()
    est.fit(X)
    fitted = time.perf_counter()

    out = Path(args.out_dir)
    np.save(out / "books.npy", est.book_embeddings_)
    saved = None
    if args.save and task == 0:
        saved = str(out / "model.npz")
        est.save(saved)
    strategy = made[0] if made else None
    report = {
        "task_index": task,
        "n_workers": n_workers,
        "strategy": type(strategy).__name__ if strategy is not None else None,
        "is_multi_worker_mirrored": isinstance(
            strategy, _engine.tf.distribute.MultiWorkerMirroredStrategy
        ),
        "num_replicas_in_sync": strategy.num_replicas_in_sync if strategy is not None else 1,
        "strategy_run_calls": runs[0],
        "startup_seconds": imported - start,
        "fit_seconds": fitted - imported,
        "loss": est.history_["loss"],
        "n_pairs": est.n_pairs_,
        "saved_model": saved,
    }
    # Written last and atomically: a report means the worker finished.
    tmp = out / "report.json.tmp"
    tmp.write_text(json.dumps(report))
    tmp.replace(out / "report.json")
    print(json.dumps(report), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(_worker())
