"""Prototype of two levers that were measured and not kept: the pair score and its head.

The library scores a pair by the cosine of its two rows and regresses it on a target (1
for true pairs, ``negative_target`` for sampled ones). This script trains the estimator
with its defaults otherwise (the same sampler, grid negatives, optimizer and epochs) and
one of these in its place:

* ``--score dot``: the dot product of the rows instead of their cosine;
* ``--head logistic --scale S``: the logistic loss of ``S * score``, labels 1 for true
  pairs and ``(1 + negative_target) / 2`` for sampled ones (0 at target -1): word2vec's
  loss at ``--score dot --scale 1``, a cosine with a fixed temperature ``1 / S`` otherwise.

It does so by replacing the trainer's analytic gradients with TensorFlow's autodiff of the
chosen score and loss (``--check`` runs the library's own score and loss through the same
replacement, which must give the defaults' figures). The figures are those of
``bench_quality.py`` (same data, labels and metrics); neighbours are the cosine of the book
vectors, as ``KeyedEmbeddings`` gives them, and held-out links are ranked by the score the
model was trained on. The user guide's "Choosing settings" quotes them.

Run: ``python bench/head_prototype.py --data p15-2 --score dot --head mse --target -0.5
[--scale 1] [--seeds 0 1 2] [--recall] [--check]``.
"""

from __future__ import annotations

import argparse
import time

import bench_quality as bq
from sklearn.preprocessing import normalize

from skbookembed import Loss, PairEmbeddingRecommender


def patch_trainer(score: str, head: str, scale: float) -> None:
    """Make the engine's trainer differentiate ``score`` and ``head`` by autodiff."""
    from skbookembed import _engine  # first: it imports TensorFlow quietly
    from skbookembed._tf import tf

    def prepare(rows):
        return tf.math.l2_normalize(rows, 1) if score == "cosine" else rows

    def elementwise(trainer, label, s):
        if head == "mse":
            return trainer.elementwise_loss(tf.fill(tf.shape(s), label), s)
        target = tf.fill(tf.shape(s), (1.0 + label) / 2.0)
        return tf.nn.sigmoid_cross_entropy_with_logits(target, scale * s)

    def loss_and_gradients(self, u, v, n_positive, blocks, mask, weight, labels, normalizer):
        k = n_positive
        block_shape = tf.concat([blocks, tf.shape(u)[1:]], 0)
        with tf.GradientTape(watch_accessed_variables=False) as tape:
            tape.watch([u, v, *self.dense])
            pos = tf.reduce_sum(prepare(u[:k]) * prepare(v[:k]), axis=1)
            grid_u = tf.reshape(prepare(u[k:]), block_shape)
            grid_v = tf.reshape(prepare(v[k:]), block_shape)
            cells = tf.reshape(tf.matmul(grid_u, grid_v, transpose_b=True), [-1])
            cell_weight = tf.reshape(tf.cast(mask, tf.float32) * weight, [-1])
            loss = (
                tf.reduce_sum(elementwise(self, labels[0], pos))
                + tf.reduce_sum(cell_weight * elementwise(self, labels[1], cells))
            ) / normalizer
        grad_u, grad_v, *grad_dense = tape.gradient(loss, [u, v, *self.dense])
        return loss, grad_u, grad_v, grad_dense

    _engine._Trainer.loss_and_gradients = loss_and_gradients


def fit_with(score: str, target: float) -> bq.Fit:
    def run(X, seed):
        est = PairEmbeddingRecommender(random_state=seed, loss=Loss("mse", target)).fit(X)
        books, links = est.book_embeddings_, est.link_embeddings_
        if score == "cosine":
            books, links = normalize(books), normalize(links)
        return normalize(books), lambda: books @ links.T

    return run


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--score", choices=["cosine", "dot"], default="dot")
    parser.add_argument("--head", choices=["mse", "logistic"], default="mse")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--target", type=float, default=-0.5, help="negatives' target")
    parser.add_argument("--recall", action="store_true", help="also held-out recall@10")
    parser.add_argument("--check", action="store_true", help="the library's own score/loss")
    args, data = bq.one_data_set(parser)
    if data is None:
        return
    if args.check:
        args.score, args.head = "cosine", "mse"
    patch_trainer(args.score, args.head, args.scale)
    fit = fit_with(args.score, args.target)
    start = time.perf_counter()
    runs = [bq.evaluate(data, fit, seed, recall=args.recall) for seed in args.seeds]
    mean, spread = bq.seed_summary(runs)
    what = f"{args.score}, {args.head}" + (f" x{args.scale:g}" if args.head == "logistic" else "")
    cells = ", ".join(f"{k} {mean[k]:.3f} ± {spread[k]:.3f}" for k in mean)
    print(f"{data.name} {what}, target {args.target:g}, seeds {args.seeds}: {cells}")
    print(f"({time.perf_counter() - start:.0f} s)")


if __name__ == "__main__":
    main()
