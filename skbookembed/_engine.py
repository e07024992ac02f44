"""Training engine: the only module of skbookembed that imports TensorFlow and Keras.

Two ways to train the same Keras model:

* ``engine="keras"`` compiles the model with a Keras optimizer and calls ``Model.fit`` on
  each epoch's arrays. This is the original recipe's loop, and the one that runs under a
  ``tf.distribute.Strategy``.
* ``engine="fused"`` runs whole chunks of an epoch inside one compiled ``tf.function``.
  Gradients of the embedding tables stay sparse (``tf.IndexedSlices``) and the optimizer
  touches only the rows in the batch ("lazy" Adam), so a step costs in proportion to the
  batch, not to the size of the tables.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import Any

os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "2")

import keras  # noqa: E402
import numpy as np  # noqa: E402
import tensorflow as tf  # noqa: E402

__all__ = ["build_model", "train", "resolve_strategy"]

EpochFn = Callable[[], tuple[np.ndarray, np.ndarray, np.ndarray]]


def resolve_strategy(strategy: Any) -> tf.distribute.Strategy | None:
    """A ``tf.distribute.Strategy`` from an instance, a name, or None."""
    if strategy is None:
        return None
    if isinstance(strategy, tf.distribute.Strategy):
        return strategy
    if callable(strategy):
        return strategy()
    names = {
        "default": tf.distribute.get_strategy,
        "mirrored": tf.distribute.MirroredStrategy,
        "multi_worker_mirrored": tf.distribute.MultiWorkerMirroredStrategy,
    }
    return names[strategy]()


def build_model(
    n_books: int,
    n_links: int,
    embedding_dim: int,
    *,
    classification: bool,
    seed: int,
    book_init: np.ndarray | None = None,
    link_init: np.ndarray | None = None,
) -> keras.Model:
    """The original dot-product model.

    Two inputs (book id, link id), two ``Embedding`` tables, ``Dot(normalize=True)`` (the
    cosine of the two vectors), reshaped to one number; the classification head adds a
    ``Dense(1, sigmoid)`` on the cosine.
    """
    book = keras.Input(name="book", shape=(1,), dtype="int32")
    link = keras.Input(name="link", shape=(1,), dtype="int32")

    def initializer(init: np.ndarray | None, offset: int) -> Any:
        if init is not None:
            return keras.initializers.Constant(init)
        return keras.initializers.RandomUniform(-0.05, 0.05, seed=seed + offset)

    book_embedding = keras.layers.Embedding(
        n_books, embedding_dim, name="book_embedding",
        embeddings_initializer=initializer(book_init, 0),
    )(book)
    link_embedding = keras.layers.Embedding(
        n_links, embedding_dim, name="link_embedding",
        embeddings_initializer=initializer(link_init, 1),
    )(link)
    merged = keras.layers.Dot(name="dot_product", normalize=True, axes=2)(
        [book_embedding, link_embedding]
    )
    merged = keras.layers.Reshape(target_shape=(1,))(merged)
    if classification:
        merged = keras.layers.Dense(
            1, activation="sigmoid", kernel_initializer=keras.initializers.GlorotUniform(seed + 2)
        )(merged)
    return keras.Model(inputs=[book, link], outputs=merged, name="book_embedding_model")


def _loss_name(classification: bool) -> str:
    return "binary_crossentropy" if classification else "mse"


def train(
    epoch_fn: EpochFn,
    *,
    n_books: int,
    n_links: int,
    embedding_dim: int,
    batch_size: int,
    epochs: int,
    classification: bool,
    optimizer: str,
    learning_rate: float,
    engine: str,
    seed: int,
    strategy: Any = None,
    verbose: int = 0,
    book_init: np.ndarray | None = None,
    link_init: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, dict[str, list[float]]]:
    """Train the model and return ``(book_vectors, link_vectors, history)`` as numpy."""
    strategy = resolve_strategy(strategy)
    scope = strategy.scope() if strategy is not None else _nullscope()
    with scope:
        model = build_model(
            n_books, n_links, embedding_dim, classification=classification, seed=seed,
            book_init=book_init, link_init=link_init,
        )
        if engine == "keras" or strategy is not None:
            history = _train_keras(
                model, epoch_fn, batch_size=batch_size, epochs=epochs,
                classification=classification, optimizer=optimizer,
                learning_rate=learning_rate, verbose=verbose,
            )
        else:
            history = _train_fused(
                model, epoch_fn, batch_size=batch_size, epochs=epochs,
                classification=classification, optimizer=optimizer,
                learning_rate=learning_rate, verbose=verbose,
            )
    books = np.asarray(model.get_layer("book_embedding").embeddings, dtype=np.float32)
    links = np.asarray(model.get_layer("link_embedding").embeddings, dtype=np.float32)
    return books, links, history


class _nullscope:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _keras_optimizer(name: str, learning_rate: float) -> keras.optimizers.Optimizer:
    if name == "adagrad":
        return keras.optimizers.Adagrad(learning_rate=learning_rate)
    # "adam" and "lazy_adam": Keras' Adam updates every row's moments at every step.
    return keras.optimizers.Adam(learning_rate=learning_rate)


def _train_keras(
    model: keras.Model,
    epoch_fn: EpochFn,
    *,
    batch_size: int,
    epochs: int,
    classification: bool,
    optimizer: str,
    learning_rate: float,
    verbose: int,
) -> dict[str, list[float]]:
    model.compile(
        optimizer=_keras_optimizer(optimizer, learning_rate), loss=_loss_name(classification)
    )
    losses: list[float] = []
    for epoch in range(epochs):
        books, links, labels = epoch_fn()
        if verbose:
            print(f"Epoch {epoch + 1}/{epochs}")
        hist = model.fit(
            {"book": books[:, None], "link": links[:, None]},
            labels[:, None],
            batch_size=batch_size,
            epochs=1,
            shuffle=False,
            verbose=_keras_verbose(verbose),
        )
        losses.append(float(hist.history["loss"][-1]))
    return {"loss": losses}


def _keras_verbose(verbose: int) -> int | str:
    return {0: 0, 1: "auto", 2: 2}.get(int(verbose), 2)


class _FusedTrainer:
    """Chunks of steps in one ``tf.function``; sparse (lazy) Adam or Adagrad updates."""

    def __init__(
        self,
        model: keras.Model,
        *,
        batch_size: int,
        classification: bool,
        optimizer: str,
        learning_rate: float,
    ) -> None:
        self.model = model
        self.batch_size = batch_size
        self.classification = classification
        self.optimizer = optimizer
        self.variables = [v.value for v in model.trainable_variables]
        self.lr = tf.constant(learning_rate, tf.float32)
        self.b1, self.b2, self.eps = 0.9, 0.999, 1e-7
        self.step = tf.Variable(0, dtype=tf.int64, trainable=False)
        init = 0.1 if optimizer == "adagrad" else 0.0
        self.slots = [
            (
                tf.Variable(tf.fill(v.shape, init), trainable=False),
                tf.Variable(tf.zeros(v.shape), trainable=False),
            )
            for v in self.variables
        ]
        self.run_chunk = tf.function(self._run_chunk, reduce_retracing=True, jit_compile=os.environ.get("SKBE_JIT") == "1")

    def _loss(self, y_true: tf.Tensor, y_pred: tf.Tensor) -> tf.Tensor:
        if self.classification:
            return tf.reduce_mean(keras.losses.binary_crossentropy(y_true, y_pred))
        return tf.reduce_mean(tf.square(y_true - y_pred))

    def _apply(self, grad: Any, var: tf.Variable, m: tf.Variable, v: tf.Variable) -> None:
        if isinstance(grad, tf.IndexedSlices):
            rows, pos = tf.unique(grad.indices)
            g = tf.math.unsorted_segment_sum(grad.values, pos, tf.shape(rows)[0])
            m_rows, v_rows = tf.gather(m, rows), tf.gather(v, rows)
        else:
            rows, g, m_rows, v_rows = None, grad, m, v
        if self.optimizer == "adagrad":
            m_new = m_rows + g * g
            update = self.lr * g / (tf.sqrt(m_new) + self.eps)
            v_new = None
        else:
            t = tf.cast(self.step, tf.float32)
            m_new = self.b1 * m_rows + (1.0 - self.b1) * g
            v_new = self.b2 * v_rows + (1.0 - self.b2) * g * g
            lr_t = self.lr * tf.sqrt(1.0 - self.b2**t) / (1.0 - self.b1**t)
            update = lr_t * m_new / (tf.sqrt(v_new) + self.eps)
        if rows is None:
            m.assign(m_new)
            if v_new is not None:
                v.assign(v_new)
            var.assign_sub(update)
        else:
            m.scatter_update(tf.IndexedSlices(m_new, rows))
            if v_new is not None:
                v.scatter_update(tf.IndexedSlices(v_new, rows))
            var.scatter_sub(tf.IndexedSlices(update, rows))

    def _run_chunk(self, books: tf.Tensor, links: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
        n_steps = tf.shape(labels)[0] // self.batch_size
        total = tf.constant(0.0, tf.float32)
        for i in tf.range(n_steps):
            lo = i * self.batch_size
            b = books[lo : lo + self.batch_size]
            l_ = links[lo : lo + self.batch_size]
            y = labels[lo : lo + self.batch_size]
            self.step.assign_add(1)
            with tf.GradientTape() as tape:
                pred = self.model([b[:, None], l_[:, None]], training=True)
                loss = self._loss(y[:, None], pred)
            grads = tape.gradient(loss, self.variables)
            for grad, var, (m, v) in zip(grads, self.variables, self.slots, strict=True):
                self._apply(grad, var, m, v)
            total += loss
        return total


def _train_fused(
    model: keras.Model,
    epoch_fn: EpochFn,
    *,
    batch_size: int,
    epochs: int,
    classification: bool,
    optimizer: str,
    learning_rate: float,
    verbose: int,
) -> dict[str, list[float]]:
    trainer = _FusedTrainer(
        model, batch_size=batch_size, classification=classification,
        optimizer=optimizer, learning_rate=learning_rate,
    )
    losses: list[float] = []
    for epoch in range(epochs):
        start = time.perf_counter()
        books, links, labels = epoch_fn()
        steps = labels.shape[0] // batch_size
        # A progress bar needs a few chunks per epoch; without one, one call per epoch.
        n_chunks = min(steps, 20) if verbose == 1 else 1
        bounds = np.linspace(0, steps, n_chunks + 1).astype(int) * batch_size
        bar = keras.utils.Progbar(steps, verbose=1) if verbose == 1 else None
        if verbose == 1:
            print(f"Epoch {epoch + 1}/{epochs}")
        total = 0.0
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
            total += float(
                trainer.run_chunk(
                    tf.constant(books[lo:hi]), tf.constant(links[lo:hi]),
                    tf.constant(labels[lo:hi]),
                )
            )
            if bar is not None:
                done = hi // batch_size
                bar.update(done, values=[("loss", total / max(done, 1))], finalize=False)
        loss = total / max(steps, 1)
        losses.append(loss)
        if bar is not None:
            bar.update(steps, values=[("loss", loss)], finalize=True)
        elif verbose >= 2:
            elapsed = time.perf_counter() - start
            print(f"Epoch {epoch + 1}/{epochs} - {elapsed:.2f}s - loss: {loss:.4f}")
    return {"loss": losses}
