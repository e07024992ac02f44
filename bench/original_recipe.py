"""The original notebook's training loop, re-implemented as the speed and quality baseline.

Standalone on purpose: it imports Keras and TensorFlow directly and nothing from
skbookembed, so that what it measures is the original recipe and not our code.

What it does, as the "Neural Network Embedding Recommendation System" notebook did:

* the training pairs are a Python list of ``(book, link)`` tuples, one per link occurrence
  (duplicates kept), and a ``set`` of them answers "is this a true pair?";
* a Python generator builds each batch: ``random.sample(pairs, n_positive)`` true pairs
  (label 1), then uniformly random ``(book, link)`` pairs, each redrawn while it is a true
  pair, until the batch holds ``n_positive * (1 + negative_ratio)`` examples (label -1, or
  0 for classification), shuffled with ``np.random.shuffle``;
* the model: two ``Input(shape=[1])``, two ``Embedding(..., 50)``, ``Dot(normalize=True,
  axes=2)``, ``Reshape([1])``, MSE and Adam with its defaults (or a ``Dense(1, sigmoid)``
  head with binary cross-entropy);
* ``Model.fit`` on the generator, ``steps_per_epoch = len(pairs) // n_positive``.

Usage::

    python bench/original_recipe.py --epochs 2      # original scale, planted topics

or, from Python::

    from original_recipe import pairs_from_matrix, train_original_recipe
    books, links, seconds, losses = train_original_recipe(pairs, n_books, n_links)
"""

from __future__ import annotations

import argparse
import os
import random
import time
from collections.abc import Iterator

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import scipy.sparse as sp  # noqa: E402

__all__ = ["batch_generator", "build_original_model", "pairs_from_matrix", "train_original_recipe"]


def pairs_from_matrix(X: sp.spmatrix, *, repeat_counts: bool = True) -> list[tuple[int, int]]:
    """The original's list of ``(book, link)`` tuples from a books x links matrix.

    With ``repeat_counts`` a pair appears as many times as its (rounded, at least 1) count,
    like the notebook's one pair per link occurrence.
    """
    X = sp.coo_matrix(X)
    reps = np.maximum(np.rint(X.data), 1).astype(np.int64) if repeat_counts else None
    books = X.row if reps is None else np.repeat(X.row, reps)
    links = X.col if reps is None else np.repeat(X.col, reps)
    return list(zip(books.tolist(), links.tolist(), strict=True))


def batch_generator(
    pairs: list[tuple[int, int]],
    n_books: int,
    n_links: int,
    *,
    n_positive: int = 1024,
    negative_ratio: int = 2,
    classification: bool = False,
) -> Iterator[tuple[dict[str, np.ndarray], np.ndarray]]:
    """The original batch generator: sampled true pairs plus rejection-sampled negatives."""
    batch_size = n_positive * (1 + negative_ratio)
    batch = np.zeros((batch_size, 3))
    pairs_set = set(pairs)
    negative_label = 0 if classification else -1
    while True:
        for idx, (book_id, link_id) in enumerate(random.sample(pairs, n_positive)):
            batch[idx, :] = (book_id, link_id, 1)
        idx = n_positive
        while idx < batch_size:
            random_book = random.randrange(n_books)
            random_link = random.randrange(n_links)
            if (random_book, random_link) not in pairs_set:
                batch[idx, :] = (random_book, random_link, negative_label)
                idx += 1
        np.random.shuffle(batch)  # noqa: NPY002 - the original used the global RNG
        yield {"book": batch[:, 0], "link": batch[:, 1]}, batch[:, 2]


def build_original_model(
    n_books: int, n_links: int, *, embedding_size: int = 50, classification: bool = False
) -> keras.Model:
    """The original model, compiled with Adam at its defaults."""
    book = keras.Input(name="book", shape=[1])
    link = keras.Input(name="link", shape=[1])
    book_embedding = keras.layers.Embedding(
        name="book_embedding", input_dim=n_books, output_dim=embedding_size
    )(book)
    link_embedding = keras.layers.Embedding(
        name="link_embedding", input_dim=n_links, output_dim=embedding_size
    )(link)
    merged = keras.layers.Dot(name="dot_product", normalize=True, axes=2)(
        [book_embedding, link_embedding]
    )
    merged = keras.layers.Reshape(target_shape=[1])(merged)
    if classification:
        merged = keras.layers.Dense(1, activation="sigmoid")(merged)
        model = keras.Model(inputs=[book, link], outputs=merged)
        model.compile(optimizer="Adam", loss="binary_crossentropy", metrics=["accuracy"])
    else:
        model = keras.Model(inputs=[book, link], outputs=merged)
        model.compile(optimizer="Adam", loss="mse")
    return model


class _EpochTimer(keras.callbacks.Callback):
    def __init__(self, out: list[float]) -> None:
        super().__init__()
        self.out = out
        self._start = 0.0

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.out.append(time.perf_counter() - self._start)


def train_original_recipe(
    pairs: list[tuple[int, int]],
    n_books: int,
    n_links: int,
    *,
    n_positive: int = 1024,
    negative_ratio: int = 2,
    epochs: int = 15,
    classification: bool = False,
    embedding_size: int = 50,
    seed: int = 0,
    verbose: int = 0,
    epoch_seconds: list[float] | None = None,
) -> tuple[np.ndarray, np.ndarray, float, list[float]]:
    """Train the original model the original way.

    Returns ``(book_vectors, link_vectors, seconds, losses)``: the two embedding tables,
    the wall-clock seconds of the whole training (model building and ``fit``), and the
    loss of each epoch. When ``epoch_seconds`` is a list, the seconds of each epoch are
    appended to it.
    """
    random.seed(seed)
    np.random.seed(seed)  # noqa: NPY002 - seeds the generator's np.random.shuffle
    keras.utils.set_random_seed(seed)
    start = time.perf_counter()
    model = build_original_model(
        n_books, n_links, embedding_size=embedding_size, classification=classification
    )
    gen = batch_generator(
        pairs,
        n_books,
        n_links,
        n_positive=n_positive,
        negative_ratio=negative_ratio,
        classification=classification,
    )
    callbacks = [_EpochTimer(epoch_seconds)] if epoch_seconds is not None else []
    history = model.fit(
        gen,
        epochs=epochs,
        steps_per_epoch=len(pairs) // n_positive,
        verbose=verbose,
        callbacks=callbacks,
        shuffle=False,  # the generator shuffles each batch itself
    )
    seconds = time.perf_counter() - start
    books = np.asarray(model.get_layer("book_embedding").get_weights()[0], dtype=np.float32)
    links = np.asarray(model.get_layer("link_embedding").get_weights()[0], dtype=np.float32)
    return books, links, seconds, [float(x) for x in history.history["loss"]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=15)
    parser.add_argument("--n-books", type=int, default=37_020)
    parser.add_argument("--n-links", type=int, default=41_758)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    from skbookembed.datasets import make_book_links  # only to make the data

    X, _ = make_book_links(
        n_books=args.n_books,
        n_links=args.n_links,
        n_topics=10,
        mean_links_per_book=20.8,
        binary=False,
        random_state=args.seed,
    )
    pairs = pairs_from_matrix(X)
    times: list[float] = []
    _, _, seconds, losses = train_original_recipe(
        pairs,
        X.shape[0],
        X.shape[1],
        epochs=args.epochs,
        seed=args.seed,
        verbose=2,
        epoch_seconds=times,
    )
    print(f"{len(pairs):,} pairs, {args.epochs} epochs in {seconds:.1f} s")
    print("seconds per epoch:", " ".join(f"{t:.2f}" for t in times))
    print("loss per epoch:", " ".join(f"{x:.4f}" for x in losses))


if __name__ == "__main__":
    main()
