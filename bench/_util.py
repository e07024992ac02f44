"""Helpers shared by the benchmark scripts: data, neighbour quality, worker processes."""

from __future__ import annotations

import json
import resource
import subprocess
import sys
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
