"""Prototype of a lever that was measured and not kept: a softmax over the batch.

Each batch of true pairs is cut into groups (the whole batch by default). Within a group,
each book is scored against every link of the group, and each link against every book, by
cosine over a temperature; the softmax cross-entropy asks that a pair's own link (book) win.
The log of each candidate's degree times ``--logq`` is subtracted from its score (in-batch
candidates are drawn in proportion to their degree; 1 removes that). Candidates with the
row's own link (or book) id are masked. Dense Adam on both tables.

The figures are those of ``bench_quality.py`` (same data, labels and metrics), for the
seeds given; the user guide's "Choosing settings" quotes them.

Run: ``python bench/softmax_prototype.py --data p15-2 --temperature 0.1 --logq 1
[--epochs 100] [--dim 50] [--group 0] [--seeds 0] [--recall]``.
"""

from __future__ import annotations

import argparse
import os
import time

import bench_quality as bq
import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize


def fit(X, seed, *, dim, temperature, batch, epochs, lr, logq, group):
    import tensorflow as tf

    X = sp.csr_matrix(X, dtype=np.float32)
    X.data[:] = 1.0
    coo = X.tocoo()
    books, links = coo.row.astype(np.int32), coo.col.astype(np.int32)
    log_degree = [
        tf.constant(np.log(np.maximum(np.asarray(X.sum(axis)).ravel(), 1)), tf.float32)
        for axis in (1, 0)
    ]
    tables = [
        tf.Variable(tf.random.stateless_uniform((n, dim), [seed, i], -0.05, 0.05))
        for i, n in enumerate(X.shape)
    ]
    opt = tf.keras.optimizers.Adam(lr)
    size = group or batch

    def direction(logits, ids, other_ids, other_log_degree):
        eye = tf.eye(size)[None]
        same = tf.cast(tf.equal(other_ids[:, :, None], other_ids[:, None, :]), tf.float32)
        logits = logits - logq * tf.gather(other_log_degree, other_ids)[:, None, :]
        logits -= 1e9 * same * (1.0 - eye)
        labels = tf.tile(tf.range(size)[None], [tf.shape(ids)[0], 1])
        return tf.reduce_mean(tf.nn.sparse_softmax_cross_entropy_with_logits(labels, logits))

    @tf.function
    def step(book_ids, link_ids):
        with tf.GradientTape() as tape:
            u = tf.math.l2_normalize(tf.gather(tables[0], book_ids), 1)
            v = tf.math.l2_normalize(tf.gather(tables[1], link_ids), 1)
            bg, lg = tf.reshape(book_ids, [-1, size]), tf.reshape(link_ids, [-1, size])
            u, v = tf.reshape(u, [-1, size, dim]), tf.reshape(v, [-1, size, dim])
            logits = tf.matmul(u, v, transpose_b=True) / temperature
            loss = direction(logits, bg, lg, log_degree[1])
            loss += direction(tf.transpose(logits, [0, 2, 1]), lg, bg, log_degree[0])
        opt.apply_gradients(zip(tape.gradient(loss, tables), tables, strict=True))

    rng = np.random.default_rng(seed)
    for _ in range(epochs):
        order = rng.permutation(len(books))
        for i in range(0, len(books) - batch + 1, batch):
            idx = order[i : i + batch]
            step(tf.constant(books[idx]), tf.constant(links[idx]))
    book_vectors, link_vectors = (normalize(t.numpy()) for t in tables)
    return book_vectors, lambda: book_vectors @ link_vectors.T


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", default="p15-2", help="p15-2, p15-4 or planted")
    parser.add_argument("--temperature", type=float, default=0.1)
    parser.add_argument("--logq", type=float, default=1.0)
    parser.add_argument("--epochs", type=int, default=100)
    parser.add_argument("--dim", type=int, default=50)
    parser.add_argument("--batch", type=int, default=1024)
    parser.add_argument("--group", type=int, default=0, help="pairs per softmax group (0: batch)")
    parser.add_argument("--lr", type=float, default=0.01)
    parser.add_argument("--seeds", type=int, nargs="+", default=[0])
    parser.add_argument("--recall", action="store_true", help="also held-out recall@10")
    args = parser.parse_args()
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    data = bq.load(args.data)
    if data is None:
        return
    settings = dict(
        dim=args.dim, temperature=args.temperature, batch=args.batch, epochs=args.epochs,
        lr=args.lr, logq=args.logq, group=args.group,
    )  # fmt: skip
    start = time.perf_counter()
    runs = [
        bq.evaluate(data, lambda X, s: fit(X, s, **settings), seed, recall=args.recall)
        for seed in args.seeds
    ]
    figures = "  ".join(f"{f} {np.mean([r[f] for r in runs]):.3f}" for f in runs[0])
    print(f"{args.data} {settings}: {figures}  ({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
