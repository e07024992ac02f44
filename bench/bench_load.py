"""Query-side load time of an original-scale model, in a fresh process, without TensorFlow.

Builds a model of the original's size (37,020 books x 41,758 links x 50 dimensions, random
vectors: training does not matter for load time), saves it with joblib and with the safe
format, then times three ways to answer a first query, each in fresh Python processes (the
medians of three): the imports, then ``joblib.load`` of the estimator, ``skbookembed.load``
of the safe format, or ``KeyedEmbeddings.load`` of its book table (numpy only), each
followed by the first ``most_similar``.

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

# Each path runs in its own fresh interpreter, timed from the first line of the script
# (interpreter start-up, about 20 ms, not included): first its imports, then the load and
# the first query. For joblib the imports are those that unpickling the estimator needs.
PATHS = {
    "joblib.load": (
        "import joblib, skbookembed._estimator",
        "m = joblib.load({joblib!r}); top = m.most_similar('Book 17')",
    ),
    "skbookembed.load": (
        "import skbookembed._estimator",
        "m = skbookembed.load({npz!r}); top = m.most_similar('Book 17')",
    ),
    "KeyedEmbeddings.load": (
        "from skbookembed import KeyedEmbeddings",
        "kv = KeyedEmbeddings.load({npz!r}); top = kv.most_similar('Book 17')",
    ),
}
CHILD = """
import time
t0 = time.perf_counter()
{imports}
t1 = time.perf_counter()
{work}
t2 = time.perf_counter()
import sys
print(f"{{t1 - t0:.3f}} {{t2 - t1:.3f}} {{'tensorflow' in sys.modules}} {{'sklearn' in sys.modules}}")
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
            "| path | imports (s) | load + first most_similar (s) | total (s) | "
            "TensorFlow imported | scikit-learn imported |"
        )
        print("|---|---:|---:|---:|---|---|")
        for name, (imports, work) in PATHS.items():
            code = CHILD.format(
                imports=imports, work=work.format(joblib=joblib_path, npz=npz_path)
            )
            runs = []
            for _ in range(3):
                out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
                if out.returncode:
                    raise RuntimeError(out.stderr[-2000:])
                runs.append(out.stdout.split())
            imp = np.median([float(r[0]) for r in runs])
            work_s = np.median([float(r[1]) for r in runs])
            print(
                f"| `{name}` | {imp:.2f} | {work_s:.3f} | {imp + work_s:.2f} | "
                f"{runs[0][2]} | {runs[0][3]} |"
            )


if __name__ == "__main__":
    main()
