"""Helpers shared by the benchmark scripts: data, neighbour quality, worker processes."""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import scipy.sparse as sp


@dataclass(frozen=True)
class Scale:
    """A planted-topic books x links matrix made by ``make_book_links``."""

    name: str
    n_books: int
    n_links: int
    n_topics: int = 10
    mean_links_per_book: float = 20.8
    seed: int = 0

    def make(self) -> tuple[sp.csr_matrix, np.ndarray]:
        """The count matrix (one pair per link occurrence, as the original) and topics."""
        from skbookembed.datasets import make_book_links

        return make_book_links(
            n_books=self.n_books,
            n_links=self.n_links,
            n_topics=self.n_topics,
            mean_links_per_book=self.mean_links_per_book,
            binary=False,
            random_state=self.seed,
        )

    def args(self) -> list[str]:
        return [
            f"--n-books={self.n_books}",
            f"--n-links={self.n_links}",
            f"--n-topics={self.n_topics}",
            f"--mean-links={self.mean_links_per_book}",
            f"--seed={self.seed}",
        ]


# The original notebook: 37,020 books, 41,758 links, ~770,000 pairs (duplicates kept).
ORIGINAL = Scale("original", 37_020, 41_758)
# A smaller matrix with more topics, for quality runs that the baseline can afford.
QUALITY = Scale("quality", 10_000, 12_000, n_topics=30, seed=1)


def precision_at_k(
    vectors: np.ndarray, topics: np.ndarray, k: int = 10, n_queries: int = 2000, seed: int = 0
) -> float:
    """Share of the ``k`` cosine nearest books (the query excluded) that share its topic.

    Averaged over ``n_queries`` books drawn at random (all books when there are fewer).
    """
    norms = np.linalg.norm(vectors, axis=1, keepdims=True)
    unit = vectors / np.maximum(norms, 1e-12)
    rng = np.random.default_rng(seed)
    n = unit.shape[0]
    queries = rng.choice(n, min(n_queries, n), replace=False)
    hits = 0
    for start in range(0, queries.size, 500):
        q = queries[start : start + 500]
        sims = unit[q] @ unit.T
        sims[np.arange(q.size), q] = -np.inf
        top = np.argpartition(-sims, k, axis=1)[:, :k]
        hits += int((topics[top] == topics[q][:, None]).sum())
    return hits / (queries.size * k)


@dataclass(frozen=True)
class Interference:
    """What else used the machine while a child process ran (Linux; zeros elsewhere).

    ``others`` is the CPU time of every other process (the machine's busy time in
    ``/proc/stat`` less the child's own user and system time); ``steal`` the time the
    hypervisor gave this virtual machine's CPUs to other guests. Both in CPU seconds;
    ``share`` is their sum over the CPU seconds the machine had (wall time x CPUs). The
    kernel counts time stolen while the child ran in the child's own time too, so the
    difference behind ``others`` can come out below zero (by up to ``steal``); it is then
    zero.
    """

    wall: float
    others: float
    steal: float

    @property
    def share(self) -> float:
        return (self.others + self.steal) / max(self.wall * (os.cpu_count() or 1), 1e-9)


def _cpu_times() -> tuple[float, float]:
    """(busy, steal) CPU seconds of the whole machine since boot; zeros off Linux."""
    try:
        with open("/proc/stat") as f:
            fields = [int(x) for x in f.readline().split()[1:]]
    except OSError:
        return 0.0, 0.0
    tick = os.sysconf("SC_CLK_TCK")
    user, nice, system, _idle, _iowait, irq, softirq, steal = fields[:8]
    return (user + nice + system + irq + softirq) / tick, steal / tick


def run_measured(command: list[str], **kwargs) -> tuple[subprocess.CompletedProcess, Interference]:
    """``subprocess.run(command, **kwargs)``, and what else used the machine meanwhile."""
    busy0, steal0 = _cpu_times()
    child0 = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.run(command, **kwargs)
    wall = time.perf_counter() - start
    busy1, steal1 = _cpu_times()
    child1 = resource.getrusage(resource.RUSAGE_CHILDREN)
    own = (child1.ru_utime - child0.ru_utime) + (child1.ru_stime - child0.ru_stime)
    others = max((busy1 - busy0) - own, 0.0) if busy1 else 0.0
    return proc, Interference(wall, others, steal1 - steal0)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MB (Linux reports kB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_worker(script: Path, args: list[str], timeout: float | None = None) -> dict:
    """Run ``script --worker ...`` in a fresh interpreter; return its last JSON line."""
    proc = subprocess.run(
        [sys.executable, str(script), *args],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith("{"):
            return json.loads(line)
    raise RuntimeError(
        f"worker {' '.join(args)} failed (exit {proc.returncode}):\n{proc.stderr[-3000:]}"
    )
