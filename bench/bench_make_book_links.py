"""Time ``make_book_links`` at the original scale and at one million books.

Usage::

    python bench/bench_make_book_links.py                  # both scales
    python bench/bench_make_book_links.py --scale original # 37,020 x 41,758
    python bench/bench_make_book_links.py --scale large    # 1,000,000 x 1,000,000

Each scale runs in its own process so that the peak resident memory printed
(``ru_maxrss``, which includes the interpreter and the imports, about 150 MB)
belongs to that scale alone.
"""

from __future__ import annotations

import argparse
import resource
import subprocess
import sys
import time

SCALES = {
    # The original notebook: 37,020 books, 41,758 published links, 768,821 pairs
    # (duplicates kept), i.e. about 20.8 pairs per book.
    "original": dict(n_books=37_020, n_links=41_758, n_topics=10, mean_links_per_book=20.8),
    # A million books and links, about fifty million link draws.
    "large": dict(n_books=1_000_000, n_links=1_000_000, n_topics=50, mean_links_per_book=50.0),
}


def run(scale: str, repeat: int) -> None:
    from skbookembed.datasets import make_book_links

    params = SCALES[scale]
    times = []
    for seed in range(repeat):
        start = time.perf_counter()
        X, _ = make_book_links(**params, binary=False, random_state=seed)
        times.append(time.perf_counter() - start)
    peak_gb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(
        f"{scale:>8}: {X.shape[0]:,} x {X.shape[1]:,}, {int(X.sum()):,} draws, "
        f"{X.nnz:,} distinct pairs, {(X.getnnz(axis=0) == 0).sum():,} empty columns | "
        f"best {min(times):.2f} s of {repeat}, peak RSS {peak_gb:.2f} GB",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scale", choices=["original", "large", "all"], default="all")
    parser.add_argument("--repeat", type=int, default=None, help="runs per scale (best kept)")
    args = parser.parse_args()
    if args.scale != "all":
        run(args.scale, args.repeat or (3 if args.scale == "original" else 1))
        return
    for scale in SCALES:
        command = [sys.executable, __file__, "--scale", scale]
        if args.repeat is not None:
            command += ["--repeat", str(args.repeat)]
        subprocess.run(command, check=True)


if __name__ == "__main__":
    main()
