"""Query-side load time of an original-scale model, in a fresh process, without TensorFlow.

Builds a model of the original's size (37,020 books x 41,758 links x 50 dimensions, random
vectors: training does not matter for load time), saves it with joblib and with the safe
format, then times in a fresh Python process: the imports, ``joblib.load`` + the first
``most_similar``, and ``skbookembed.load`` + the first ``most_similar``.

Run: ``python bench/bench_load.py``.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import joblib
import numpy as np

from skbookembed import PairEmbeddingRecommender

CHILD = """
import time
t0 = time.perf_counter()
import sys, joblib, skbookembed
t1 = time.perf_counter()
m = joblib.load({joblib_path!r}); m.most_similar("book 17", topn=10)
t2 = time.perf_counter()
m = skbookembed.load({npz_path!r}); m.most_similar("Book 17", topn=10)
t3 = time.perf_counter()
print(f"| {{t1 - t0:.2f}} | {{t2 - t1:.3f}} | {{t3 - t2:.3f}} | {{'tensorflow' in sys.modules}} |")
"""


def main() -> None:
    rng = np.random.default_rng(0)
    est = PairEmbeddingRecommender()
    est.book_embeddings_ = rng.standard_normal((37020, 50), dtype=np.float32)
    est.link_embeddings_ = rng.standard_normal((41758, 50), dtype=np.float32)
    est.book_names_ = np.array([f"Book {i}" for i in range(37020)])
    est.link_names_ = np.array([f"link {i}" for i in range(41758)])
    est.history_, est.n_features_in_, est.n_pairs_ = {"loss": [0.0]}, 41758, 769544
    with tempfile.TemporaryDirectory() as tmp:
        joblib_path, npz_path = str(Path(tmp, "m.joblib")), str(Path(tmp, "m.npz"))
        joblib.dump(est, joblib_path)
        est.save(npz_path)
        print(
            "| import skbookembed (s) | joblib.load + first most_similar (s) | "
            "skbookembed.load + first most_similar (s) | TensorFlow imported |"
        )
        print("|---:|---:|---:|---|")
        for _ in range(3):
            code = CHILD.format(joblib_path=joblib_path, npz_path=npz_path)
            out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
            print(out.stdout.strip() or out.stderr[-2000:])


if __name__ == "__main__":
    main()
