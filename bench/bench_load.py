"""Query-side load time of an original-scale model, in a fresh process, without TensorFlow.

Builds a model of the original's size (37,020 books x 41,758 links x 50 dimensions, random
vectors: training does not matter for load time), saves it with joblib and with the safe
format, then times three ways to answer a first query, each in fresh Python processes, imports
included: ``joblib.load`` of the estimator, ``skbookembed.load`` of the safe format, and
``KeyedEmbeddings.load`` of its book table (numpy only), each followed by the first
``most_similar``.

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

# Each path runs in its own fresh interpreter and is timed from the first line of the
# script: imports included, interpreter start-up (about 20 ms) not.
PATHS = {
    "joblib.load": "import joblib\nm = joblib.load({joblib!r})\ntop = m.most_similar('book 17')",
    "skbookembed.load": "import skbookembed\nm = skbookembed.load({npz!r})\n"
    "top = m.most_similar('Book 17')",
    "KeyedEmbeddings.load": "from skbookembed import KeyedEmbeddings\n"
    "kv = KeyedEmbeddings.load({npz!r})\ntop = kv.most_similar('Book 17')",
}
CHILD = """
import time
t0 = time.perf_counter()
{body}
t1 = time.perf_counter()
import sys
print(f"{{t1 - t0:.3f}} {{'tensorflow' in sys.modules}} {{'sklearn' in sys.modules}}")
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
            "| path | import + load + first most_similar (s), 3 fresh processes | TensorFlow "
            "imported | scikit-learn imported |"
        )
        print("|---|---|---|---|")
        for name, body in PATHS.items():
            code = CHILD.format(body=body.format(joblib=joblib_path, npz=npz_path))
            runs = []
            for _ in range(3):
                out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
                if out.returncode:
                    raise RuntimeError(out.stderr[-2000:])
                runs.append(out.stdout.split())
            times = " / ".join(r[0] for r in runs)
            print(f"| `{name}` | {times} | {runs[0][1]} | {runs[0][2]} |")


if __name__ == "__main__":
    main()
