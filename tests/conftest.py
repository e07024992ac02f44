"""Shared fixtures: small matrices with planted structure whose right answers are known."""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")


def planted_groups(
    n_groups: int = 4,
    books_per_group: int = 12,
    links_per_group: int = 15,
    links_per_book: int = 8,
    noise_links: int = 1,
    seed: int = 0,
) -> tuple[sp.csr_matrix, np.ndarray]:
    """Books in groups; each book links to pages of its own group (plus a little noise).

    Returns the books x links CSR matrix and the group of each book. Right answers: a book's
    nearest books are the other books of its group.
    """
    rng = np.random.default_rng(seed)
    n_links = n_groups * links_per_group
    rows, cols = [], []
    groups = np.repeat(np.arange(n_groups), books_per_group)
    for book, group in enumerate(groups):
        own = group * links_per_group + rng.choice(links_per_group, links_per_book, replace=False)
        other = rng.choice(n_links, noise_links, replace=False)
        links = np.unique(np.concatenate([own, other]))
        rows.extend([book] * links.size)
        cols.extend(links.tolist())
    X = sp.csr_matrix((np.ones(len(rows), np.float32), (rows, cols)), shape=(groups.size, n_links))
    return X, groups


@pytest.fixture(scope="session")
def groups_matrix() -> tuple[sp.csr_matrix, np.ndarray]:
    return planted_groups()


# The real data sample: the file named by the SKBOOKEMBED_P15 environment variable, or else
# shared/data/p15_books.ndjson in the folder that holds the repository (../shared/data).
# Documented in README.md ("Run the tests") and docs/user_guide/architecture.rst ("Tests").
@pytest.fixture(scope="session")
def p15_path() -> Path:
    """The real 1,413-book sample beside the repository; tests using it skip without it."""
    env = os.environ.get("SKBOOKEMBED_P15")
    path = (
        Path(env) if env else Path(__file__).resolve().parents[2] / "shared/data/p15_books.ndjson"
    )
    if not path.is_file():
        pytest.skip(f"real data sample not found at {path}")
    return path
