"""Training engine: the only module of skbookembed that imports TensorFlow and Keras.

Both engines train the same Keras model (:func:`build_model`: two ``Embedding`` tables,
``Dot(normalize=True)``, ``Reshape``, and an optional ``Dense`` sigmoid head):

* ``engine="keras"`` compiles the model with a Keras optimizer and calls ``Model.fit`` on
  each epoch's arrays. This is the original recipe's loop, and the one that runs under a
  ``tf.distribute.Strategy``.
* ``engine="fused"`` runs a whole epoch inside one compiled ``tf.function`` (a graph-mode
  ``while`` loop over the batches, no Python in between) and updates the model's own
  variables in place. A step reads each distinct row of the batch once (``tf.unique``,
  one gather per table), computes the cosine, the head and the loss on those rows, sums
  the gradients of repeated rows, and writes the new rows and optimizer slots back with
  row copies (``scatter_update``). It costs in proportion to the batch, never to the size
  of the tables, and gives the same gradients as autodiff through the Keras model (the
  head and the loss are differentiated by autodiff; the cosine's gradient is written out,
  which spares a dozen batch-sized temporaries).

An epoch is either flat ``(books, links, labels)`` arrays or a
:class:`~skbookembed._sampling.GridEpoch`, whose negatives are blocks of random books by
random links. The fused engine scores a block's cells with one small matrix product on the
block's rows; the Keras engine and the distributed loop train on the same batches written
out as weighted examples, which is the same loss.

Optimizers (Keras' defaults: beta_1 0.9, beta_2 0.999, epsilon 1e-7, Adagrad's initial
accumulator 0.1):

* ``"adam"``: Keras' Adam, dense: every row's moments decay and every row moves at every
  step. The fused engine reproduces ``Model.fit`` to float rounding, including Keras'
  second moment of an embedding row, which adds the squares of the gradients of each
  occurrence of the row in the batch. Exact, but each step touches both tables in full.
* ``"lazy_adam"``: Adam on the rows of the batch only (their moments and values; the bias
  correction uses the global step count), on the summed gradient of each row. The Keras
  engine has no lazy Adam and runs Keras' Adam instead.
* ``"adagrad"``: Keras' Adagrad, which is sparse by nature; both engines agree.

Training is deterministic on CPU for a given seed and given epoch data. (TensorFlow's
``scatter_add``/``scatter_sub`` on CPU apply repeated rows in parallel under locks, in no
fixed order; the fused engine therefore sums repeated rows first and only ever copies rows
into the variables.)
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import numpy as np

from ._sampling import GridEpoch
from ._tf import keras, tf

__all__ = ["ENGINES", "OPTIMIZERS", "build_model", "resolve_strategy", "train"]

EpochFn = Callable[[], "tuple[np.ndarray, np.ndarray, np.ndarray] | GridEpoch"]

ENGINES = ("keras", "fused")
OPTIMIZERS = ("adam", "lazy_adam", "adagrad")

# Keras' defaults, used by both engines.
_BETA_1 = 0.9
_BETA_2 = 0.999
_EPSILON = 1e-7
_ADAGRAD_INITIAL_ACCUMULATOR = 0.1
# Keras' ``ops.normalize`` caps the inverse norm at 1 / epsilon.
_MAX_INV_NORM = 1e7


# Strategies made from a name, one per name and process: every new MirroredStrategy numbers
# its collective operations from the same start, so a second one in the same process can
# clash with the first (tensorflow/tensorflow#62790).
_NAMED_STRATEGIES: dict[str, tf.distribute.Strategy] = {}
_STRATEGY_FACTORIES: dict[str, Callable[[], tf.distribute.Strategy]] = {
    "mirrored": tf.distribute.MirroredStrategy,
    "multi_worker_mirrored": tf.distribute.MultiWorkerMirroredStrategy,
}


def resolve_strategy(strategy: Any) -> tf.distribute.Strategy | None:
    """A ``tf.distribute.Strategy`` from an instance, a factory, a name, or None.

    Names: ``"default"`` (the current strategy), ``"mirrored"``
    (``tf.distribute.MirroredStrategy()``: all local GPUs, or the CPU),
    ``"multi_worker_mirrored"`` (``tf.distribute.MultiWorkerMirroredStrategy()``, configured
    by the ``TF_CONFIG`` environment variable). A name makes its strategy once per process
    and reuses it afterwards.
    """
    if strategy is None:
        return None
    if isinstance(strategy, tf.distribute.Strategy):
        return strategy
    if isinstance(strategy, str):
        if strategy == "default":
            return tf.distribute.get_strategy()
        if strategy not in _STRATEGY_FACTORIES:
            raise ValueError(
                f"unknown strategy name {strategy!r}; use one of "
                f"{sorted([*_STRATEGY_FACTORIES, 'default'])}, a tf.distribute.Strategy "
                "instance, or None"
            )
        if strategy not in _NAMED_STRATEGIES:
            _NAMED_STRATEGIES[strategy] = _STRATEGY_FACTORIES[strategy]()
        return _NAMED_STRATEGIES[strategy]
    if callable(strategy):
        made = strategy()
        if not isinstance(made, tf.distribute.Strategy):
            raise TypeError(
                f"strategy factory returned {type(made).__name__}, not a tf.distribute.Strategy"
            )
        return made
    raise TypeError(
        "strategy must be None, a name, a tf.distribute.Strategy or a callable returning "
        f"one; got {type(strategy).__name__}"
    )


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

    Two inputs (book id, link id), two ``Embedding`` tables initialised uniformly in
    [-0.05, 0.05] (Keras' default) unless initial arrays are given, ``Dot(normalize=True)``
    (the cosine of the two vectors), reshaped to one number; the classification head adds a
    ``Dense(1, sigmoid)`` on the cosine.
    """
    book = keras.Input(name="book", shape=(1,), dtype="int32")
    link = keras.Input(name="link", shape=(1,), dtype="int32")
    book_embedding = keras.layers.Embedding(
        n_books,
        embedding_dim,
        name="book_embedding",
        embeddings_initializer=keras.initializers.RandomUniform(-0.05, 0.05, seed=seed),
    )(book)
    link_embedding = keras.layers.Embedding(
        n_links,
        embedding_dim,
        name="link_embedding",
        embeddings_initializer=keras.initializers.RandomUniform(-0.05, 0.05, seed=seed + 1),
    )(link)
    merged = keras.layers.Dot(name="dot_product", normalize=True, axes=2)(
        [book_embedding, link_embedding]
    )
    merged = keras.layers.Reshape(name="reshape", target_shape=(1,))(merged)
    if classification:
        merged = keras.layers.Dense(
            1,
            activation="sigmoid",
            name="head",
            kernel_initializer=keras.initializers.GlorotUniform(seed=seed + 2),
        )(merged)
    model = keras.Model(inputs=[book, link], outputs=merged, name="book_embedding_model")
    for name, init, rows in (
        ("book_embedding", book_init, n_books),
        ("link_embedding", link_init, n_links),
    ):
        if init is not None:
            init = np.asarray(init, dtype=np.float32)
            if init.shape != (rows, embedding_dim):
                raise ValueError(
                    f"initial {name} array has shape {init.shape}; expected "
                    f"({rows}, {embedding_dim})"
                )
            model.get_layer(name).embeddings.assign(init)
    return model


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
    """Train the model and return ``(book_vectors, link_vectors, history)``.

    Parameters
    ----------
    epoch_fn : callable
        Called once per epoch, in order; returns ``(books, links, labels)`` (int32, int32,
        float32 arrays of equal length) whose consecutive slices of ``batch_size`` entries
        are the batches (a trailing partial batch is dropped), or a
        :class:`~skbookembed._sampling.GridEpoch`, which holds its own batches. The next
        epoch is drawn in a background thread while the current one trains.
    n_books, n_links, embedding_dim : int
        Shapes of the two embedding tables.
    batch_size : int
        Examples per step of flat epochs.
    epochs : int
        Number of calls to ``epoch_fn``.
    classification : bool
        Sigmoid head with binary cross-entropy (labels 1/0) instead of MSE on the cosine
        (labels +1/-1).
    optimizer : {"adam", "lazy_adam", "adagrad"}
        See the module docstring. The Keras engine runs ``"lazy_adam"`` as Keras' Adam.
    learning_rate : float
        Learning rate of the optimizer.
    engine : {"keras", "fused"}
        See the module docstring. Under a strategy the Keras engine is always used.
    seed : int
        Seed of the initial weights.
    strategy : tf.distribute.Strategy, str, callable or None
        Distribution strategy (see :func:`resolve_strategy`).
    verbose : int
        0 silent, 1 progress bar, 2 one line per epoch.
    book_init, link_init : ndarray or None
        Initial tables, replacing the random initialisation.

    Returns
    -------
    book_vectors, link_vectors : ndarray of float32
        The trained tables.
    history : dict
        ``{"loss": [mean training loss of each epoch]}``.
    """
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {ENGINES}; got {engine!r}")
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {OPTIMIZERS}; got {optimizer!r}")
    if batch_size < 1 or epochs < 0:
        raise ValueError(f"need batch_size >= 1 and epochs >= 0; got {batch_size}, {epochs}")
    strategy = resolve_strategy(strategy)
    scope = strategy.scope() if strategy is not None else _NullScope()
    with scope:
        model = build_model(
            n_books,
            n_links,
            embedding_dim,
            classification=classification,
            seed=seed,
            book_init=book_init,
            link_init=link_init,
        )
        if strategy is not None:
            run = functools.partial(_train_distributed, strategy=strategy)
        else:
            run = _train_keras if engine == "keras" else _train_fused
        history = run(
            model,
            epoch_fn,
            batch_size=batch_size,
            epochs=epochs,
            classification=classification,
            optimizer=optimizer,
            learning_rate=learning_rate,
            verbose=verbose,
        )
    books = np.array(model.get_layer("book_embedding").embeddings.numpy(), dtype=np.float32)
    links = np.array(model.get_layer("link_embedding").embeddings.numpy(), dtype=np.float32)
    return books, links, history


class _NullScope:
    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _prefetched(epoch_fn: EpochFn, epochs: int) -> Iterator[tuple[np.ndarray, ...]]:
    """Yield ``epochs`` results of ``epoch_fn``, computing the next during the current.

    Calls happen one at a time and in order, so a stateful ``epoch_fn`` (a sampler owning
    a random generator) gives the same epochs as a plain loop.
    """
    if epochs <= 0:
        return
    result: dict[str, Any] = {}

    def work() -> None:
        try:
            result["value"] = epoch_fn()
        except BaseException as exc:  # re-raised in the consumer
            result["error"] = exc

    current = epoch_fn()
    for epoch in range(epochs):
        worker = None
        if epoch + 1 < epochs:
            result.clear()
            worker = threading.Thread(target=work, name="skbookembed-sampler", daemon=True)
            worker.start()
        try:
            yield current
        finally:
            if worker is not None:
                worker.join()
        if worker is not None:
            if "error" in result:
                raise result["error"]
            current = result["value"]


def _keras_optimizer(name: str, learning_rate: float) -> keras.optimizers.Optimizer:
    if name == "adagrad":
        return keras.optimizers.Adagrad(
            learning_rate=learning_rate,
            initial_accumulator_value=_ADAGRAD_INITIAL_ACCUMULATOR,
            epsilon=_EPSILON,
        )
    # "adam" and "lazy_adam": Keras' Adam updates every row's moments at every step.
    return keras.optimizers.Adam(
        learning_rate=learning_rate, beta_1=_BETA_1, beta_2=_BETA_2, epsilon=_EPSILON
    )


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
    for epoch, data in enumerate(_prefetched(epoch_fn, epochs)):
        books, links, labels, weights, size = _examples(data, batch_size)
        n = (labels.shape[0] // size) * size
        if verbose:
            print(f"Epoch {epoch + 1}/{epochs}")
        hist = model.fit(
            {"book": books[:n, None], "link": links[:n, None]},
            labels[:n, None],
            sample_weight=None if weights is None else weights[:n],
            batch_size=size,
            epochs=1,
            shuffle=False,
            verbose=_keras_verbose(verbose),
        )
        losses.append(float(hist.history["loss"][-1]))
    return {"loss": losses}


def _train_distributed(
    model: keras.Model,
    epoch_fn: EpochFn,
    *,
    strategy: tf.distribute.Strategy,
    batch_size: int,
    epochs: int,
    classification: bool,
    optimizer: str,
    learning_rate: float,
    verbose: int,
) -> dict[str, list[float]]:
    """Keras' training step under ``strategy``, driven by a loop of our own.

    Keras 3's ``Model.fit`` fails under a multi-worker ``MultiWorkerMirroredStrategy``: before
    the first step it reduces the nested input batch across workers, which the collective
    strategy rejects (keras-team/keras#20585). This loop runs the same step with
    ``strategy.run``: every global batch of ``size`` examples is split between the
    replicas, each replica divides the weighted loss of its slice by ``size``, and the Keras
    optimizer sums the gradients of all replicas before updating the mirrored tables, which
    is the update of one device on the whole batch. Must run inside ``strategy.scope()``.
    """
    opt = _keras_optimizer(optimizer, learning_rate)
    variables = model.trainable_variables
    opt.build(variables)
    loss_cls = keras.losses.BinaryCrossentropy if classification else keras.losses.MeanSquaredError
    loss_fn = loss_cls(reduction=None)

    def replica_step(
        books: tf.Tensor, links: tf.Tensor, labels: tf.Tensor, weights: tf.Tensor, size: tf.Tensor
    ) -> tf.Tensor:
        with tf.GradientTape() as tape:
            pred = model({"book": books[:, None], "link": links[:, None]}, training=True)
            per_example = loss_fn(labels[:, None], pred) * weights
            # This replica's share of the mean over the global batch.
            loss = tf.reduce_sum(per_example) / size
        grads = tape.gradient(loss, variables)
        opt.apply_gradients(zip(grads, variables, strict=True))
        return loss

    @tf.function
    def run_epoch(iterator: Any, steps: tf.Tensor, size: tf.Tensor) -> tf.Tensor:
        total = tf.constant(0.0, tf.float32)
        for _ in tf.range(steps):
            per_replica = strategy.run(replica_step, args=(*next(iterator), size))
            total += strategy.reduce(tf.distribute.ReduceOp.SUM, per_replica, axis=None)
        return total

    # Each worker reads the same epoch (same data, same random_state) and keeps its replicas'
    # slices of every global batch.
    options = tf.data.Options()
    options.experimental_distribute.auto_shard_policy = tf.data.experimental.AutoShardPolicy.DATA
    losses: list[float] = []
    for epoch, data in enumerate(_prefetched(epoch_fn, epochs)):
        start = time.perf_counter()
        books, links, labels, weights, size = _examples(data, batch_size)
        if weights is None:
            weights = np.ones(labels.shape, dtype=np.float32)
        steps = labels.shape[0] // size
        n = steps * size
        dataset = (
            tf.data.Dataset.from_tensor_slices((books[:n], links[:n], labels[:n], weights[:n]))
            .batch(size, drop_remainder=True)
            .with_options(options)
        )
        iterator = iter(strategy.experimental_distribute_dataset(dataset))
        loss = float(run_epoch(iterator, tf.constant(steps), tf.constant(size, tf.float32)))
        loss /= max(steps, 1)
        losses.append(loss)
        if verbose:
            elapsed = time.perf_counter() - start
            print(f"Epoch {epoch + 1}/{epochs} - {elapsed:.2f}s - loss: {loss:.4f}")
    return {"loss": losses}


def _examples(
    data: tuple[np.ndarray, ...] | GridEpoch, batch_size: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray | None, int]:
    """An epoch as flat ``(books, links, labels, weights or None, examples per batch)``."""
    if isinstance(data, GridEpoch):
        return (*data.examples(), data.examples_per_batch)
    books, links, labels = data
    return books, links, labels, None, batch_size


def _keras_verbose(verbose: int) -> int | str:
    if verbose <= 0:
        return 0
    return "auto" if verbose == 1 else 2


class _FusedTrainer:
    """Chunks of training steps, each chunk one call of a compiled ``tf.function``.

    The trainer updates the model's own variables in place. Its slots (optimizer state)
    are plain ``tf.Variable`` objects of the shape of the variable they serve.
    """

    def __init__(
        self,
        model: keras.Model,
        *,
        batch_size: int,
        classification: bool,
        optimizer: str,
        learning_rate: float,
    ) -> None:
        self.batch_size = batch_size
        self.optimizer = optimizer
        self.head = model.get_layer("head") if classification else None
        self.loss_fn = (
            keras.losses.BinaryCrossentropy()
            if classification
            else keras.losses.MeanSquaredError()
        )
        self.tables = [
            model.get_layer("book_embedding").embeddings.value,
            model.get_layer("link_embedding").embeddings.value,
        ]
        self.dense = [w.value for w in self.head.trainable_weights] if self.head else []
        self.lr = tf.constant(learning_rate, tf.float32)
        self.iterations = tf.Variable(0, dtype=tf.int64, trainable=False, name="iterations")
        self.slots = {id(v): self._make_slots(v) for v in self.tables + self.dense}
        self.run_chunk = tf.function(self._run_chunk, reduce_retracing=True)
        self.run_grid_chunk = tf.function(self._run_grid_chunk, reduce_retracing=True)

    def _make_slots(self, var: tf.Variable) -> list[tf.Variable]:
        if self.optimizer == "adagrad":
            return [tf.Variable(tf.fill(var.shape, _ADAGRAD_INITIAL_ACCUMULATOR), trainable=False)]
        return [
            tf.Variable(tf.zeros(var.shape), trainable=False),
            tf.Variable(tf.zeros(var.shape), trainable=False),
        ]

    # -- one step ---------------------------------------------------------------------
    def _read(self, table: int, ids: tf.Tensor) -> tuple[tf.Tensor, tuple[tf.Tensor, ...]]:
        """The rows ``ids`` of a table, and what :meth:`_write` needs to update them.

        With a lazy optimizer each distinct row is read once (``tf.unique``) and the
        examples take their rows from that local copy.
        """
        if self.optimizer == "adam":
            return tf.gather(self.tables[table], ids), (ids,)
        rows, position = tf.unique(ids)
        values = tf.gather(self.tables[table], rows)
        return tf.gather(values, position), (rows, position, values)

    def _write(
        self, table: int, read: tuple[tf.Tensor, ...], grad: tf.Tensor, step: tf.Tensor
    ) -> None:
        var = self.tables[table]
        if self.optimizer != "adam":
            self._lazy_update(var, *read, grad, step)
            return
        (ids,) = read
        n_rows = tf.shape(var)[0]
        # Keras squares the gradient of each occurrence of a row, then adds them.
        self._dense_update(
            var,
            tf.math.unsorted_segment_sum(grad, ids, n_rows),
            step,
            tf.math.unsorted_segment_sum(tf.square(grad), ids, n_rows),
        )

    def _train_step(self, books: tf.Tensor, links: tf.Tensor, score: Callable) -> tf.Tensor:
        """One optimizer step on the rows ``books`` and ``links``.

        ``score(u, v)`` returns the loss of those rows and its gradients,
        ``(loss, grad_u, grad_v, grad_dense)``.
        """
        self.iterations.assign_add(1)
        step = tf.cast(self.iterations, tf.float32)
        u, book_read = self._read(0, books)
        v, link_read = self._read(1, links)
        loss, grad_u, grad_v, grad_dense = score(u, v)
        self._write(0, book_read, grad_u, step)
        self._write(1, link_read, grad_v, step)
        for var, grad in zip(self.dense, grad_dense, strict=True):
            self._dense_update(var, grad, step)
        return loss

    def _step(self, books: tf.Tensor, links: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
        return self._train_step(books, links, lambda u, v: self._loss_and_gradients(u, v, labels))

    def _grid_step(
        self,
        books: tf.Tensor,
        links: tf.Tensor,
        grid_books: tf.Tensor,
        grid_links: tf.Tensor,
        mask: tf.Tensor,
        weight: tf.Tensor,
        negative_label: tf.Tensor,
        normalizer: tf.Tensor,
    ) -> tf.Tensor:
        """One batch of a :class:`~skbookembed._sampling.GridEpoch`.

        The rows of the true pairs and of the blocks are read once, as in :meth:`_step`;
        :meth:`_grid_loss_and_gradients` scores them.
        """

        def score(u: tf.Tensor, v: tf.Tensor) -> tuple:
            return self._grid_loss_and_gradients(
                u,
                v,
                tf.shape(books)[0],
                tf.shape(grid_books),
                mask,
                weight,
                negative_label,
                normalizer,
            )

        return self._train_step(
            tf.concat([books, tf.reshape(grid_books, [-1])], 0),
            tf.concat([links, tf.reshape(grid_links, [-1])], 0),
            score,
        )

    def _grid_loss_and_gradients(
        self,
        u: tf.Tensor,
        v: tf.Tensor,
        n_positive: tf.Tensor,
        blocks: tf.Tensor,
        mask: tf.Tensor,
        weight: tf.Tensor,
        negative_label: tf.Tensor,
        normalizer: tf.Tensor,
    ) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor, list[tf.Tensor]]:
        """The loss of a grid batch and its gradients with respect to ``u`` and ``v``.

        ``u`` holds the books of the true pairs, then the books of the blocks, block by
        block (``blocks`` is ``(n_blocks, side)``); ``v`` likewise for links. The cosines of
        a block are one ``(side, dim) x (dim, side)`` product of unit rows and its
        gradients two more, so that ``side**2`` negatives cost ``2 * side`` rows. The loss
        is the model's: the head and Keras' loss function on every cosine, summed with the
        cells' weights (``mask * weight``) and divided by ``normalizer``.
        """
        k = n_positive
        inv_u = tf.minimum(tf.math.rsqrt(tf.reduce_sum(u * u, axis=1)), _MAX_INV_NORM)
        inv_v = tf.minimum(tf.math.rsqrt(tf.reduce_sum(v * v, axis=1)), _MAX_INV_NORM)
        unit_u = u * inv_u[:, None]
        unit_v = v * inv_v[:, None]
        dim = tf.shape(u)[1:]
        block_shape = tf.concat([blocks, dim], 0)
        flat_shape = tf.concat([[-1], dim], 0)
        pos_u, grid_u = unit_u[:k], tf.reshape(unit_u[k:], block_shape)
        pos_v, grid_v = unit_v[:k], tf.reshape(unit_v[k:], block_shape)
        cos = tf.reduce_sum(pos_u * pos_v, axis=1)
        cells = tf.matmul(grid_u, grid_v, transpose_b=True)
        cell_weight = tf.reshape(tf.cast(mask, tf.float32) * weight, [-1])
        with tf.GradientTape(watch_accessed_variables=False) as tape:
            tape.watch([cos, cells])
            for w in self.dense:
                tape.watch(w)
            pos_loss = self._elementwise_loss(tf.ones_like(cos), cos)
            flat = tf.reshape(cells, [-1])
            grid_loss = self._elementwise_loss(tf.fill(tf.shape(flat), negative_label), flat)
            loss = (tf.reduce_sum(pos_loss) + tf.reduce_sum(cell_weight * grid_loss)) / normalizer
        d_cos, d_cells, *grad_dense = tape.gradient(loss, [cos, cells, *self.dense])
        d_grid_u = tf.reshape(tf.matmul(d_cells, grid_v), flat_shape)
        d_grid_v = tf.reshape(tf.matmul(d_cells, grid_u, transpose_a=True), flat_shape)
        d_unit_u = tf.concat([d_cos[:, None] * pos_v, d_grid_u], 0)
        d_unit_v = tf.concat([d_cos[:, None] * pos_u, d_grid_v], 0)
        # Through the normalisation: d u = (d unit - (d unit . unit) unit) / |u|.
        grad_u = inv_u[:, None] * (
            d_unit_u - tf.reduce_sum(d_unit_u * unit_u, axis=1, keepdims=True) * unit_u
        )
        grad_v = inv_v[:, None] * (
            d_unit_v - tf.reduce_sum(d_unit_v * unit_v, axis=1, keepdims=True) * unit_v
        )
        return loss, grad_u, grad_v, grad_dense

    def _elementwise_loss(self, labels: tf.Tensor, cosines: tf.Tensor) -> tf.Tensor:
        """The head and the model's loss on each of a vector of cosines, unreduced."""
        out = cosines[:, None]
        if self.head is not None:
            out = self.head(out)
            return keras.losses.binary_crossentropy(labels[:, None], out)
        return keras.losses.mean_squared_error(labels[:, None], out)

    def _loss_and_gradients(
        self, u: tf.Tensor, v: tf.Tensor, labels: tf.Tensor
    ) -> tuple[tf.Tensor, tf.Tensor, tf.Tensor, list[tf.Tensor]]:
        """The model's loss on rows ``u``, ``v`` and its gradients.

        The cosine is the ``Dot(normalize=True)`` layer's: Keras normalises with
        ``x * min(rsqrt(sum(x**2)), 1 / epsilon)``. The head and the loss are the model's
        own layer and Keras' own loss, differentiated by autodiff on the (batch, 1) cosines,
        which is cheap. The cosine's gradient with respect to the rows is written out,
        ``d cos / d u = v / (|u| |v|) - cos u / |u|**2``, which spares the many
        (batch, dim) temporaries of differentiating the layer.
        """
        inv_u = tf.minimum(tf.math.rsqrt(tf.reduce_sum(u * u, axis=1)), _MAX_INV_NORM)
        inv_v = tf.minimum(tf.math.rsqrt(tf.reduce_sum(v * v, axis=1)), _MAX_INV_NORM)
        cos = tf.reduce_sum(u * v, axis=1) * inv_u * inv_v
        with tf.GradientTape(watch_accessed_variables=False) as tape:
            tape.watch(cos)
            for w in self.dense:
                tape.watch(w)
            out = cos[:, None]
            if self.head is not None:
                out = self.head(out)
            loss = self.loss_fn(labels[:, None], out)
        d_cos, *grad_dense = tape.gradient(loss, [cos, *self.dense])
        cross = (d_cos * inv_u * inv_v)[:, None]
        grad_u = cross * v - (d_cos * cos * inv_u * inv_u)[:, None] * u
        grad_v = cross * u - (d_cos * cos * inv_v * inv_v)[:, None] * v
        return loss, grad_u, grad_v, grad_dense

    def _adam_rate(self, step: tf.Tensor) -> tf.Tensor:
        return self.lr * tf.sqrt(1.0 - _BETA_2**step) / (1.0 - _BETA_1**step)

    def _lazy_update(
        self,
        var: tf.Variable,
        rows: tf.Tensor,
        position: tf.Tensor,
        values: tf.Tensor,
        grad: tf.Tensor,
        step: tf.Tensor,
    ) -> None:
        """Adam or Keras' Adagrad on the rows of the batch only.

        ``values`` holds ``var[rows]``; ``position`` maps each example to its row. The
        gradients of repeated rows are summed (the batch gradient on those rows). Like
        Keras, Adagrad accumulates the square of each occurrence's gradient; lazy Adam
        takes the square of the row's summed gradient, as Adam on that row would. The new
        rows and slots are written back with row copies (``scatter_update``), which are
        deterministic, unlike TensorFlow's locked parallel ``scatter_add``.
        """
        n_rows = tf.shape(rows)[0]
        summed = tf.math.unsorted_segment_sum(grad, position, n_rows)
        slots = self.slots[id(var)]
        if self.optimizer == "adagrad":
            squares = tf.math.unsorted_segment_sum(tf.square(grad), position, n_rows)
            accum = tf.gather(slots[0], rows) + squares
            values -= self.lr * summed / tf.sqrt(accum + _EPSILON)
            new_slots = [accum]
        else:
            m = tf.gather(slots[0], rows)
            s = tf.gather(slots[1], rows)
            m += (summed - m) * (1.0 - _BETA_1)
            s += (tf.square(summed) - s) * (1.0 - _BETA_2)
            values -= self._adam_rate(step) * m / (tf.sqrt(s) + _EPSILON)
            new_slots = [m, s]
        for slot, new in zip(slots, new_slots, strict=True):
            slot.scatter_update(tf.IndexedSlices(new, rows))
        var.scatter_update(tf.IndexedSlices(values, rows))

    def _dense_update(
        self,
        var: tf.Variable,
        grad: tf.Tensor,
        step: tf.Tensor,
        grad_squared: tf.Tensor | None = None,
    ) -> None:
        """Keras' Adam or Adagrad on a whole variable.

        ``grad_squared`` replaces ``grad**2`` in the second moment (Keras squares the
        gradient of each occurrence of an embedding row before adding them up).
        """
        slots = self.slots[id(var)]
        if grad_squared is None:
            grad_squared = tf.square(grad)
        if self.optimizer == "adagrad":
            slots[0].assign_add(grad_squared)
            var.assign_sub(self.lr * grad / tf.sqrt(slots[0] + _EPSILON))
            return
        m, s = slots
        m.assign_add((grad - m) * (1.0 - _BETA_1))
        s.assign_add((grad_squared - s) * (1.0 - _BETA_2))
        var.assign_sub(self._adam_rate(step) * m / (tf.sqrt(s) + _EPSILON))

    # -- a chunk of steps ---------------------------------------------------------------
    def _run_chunk(self, books: tf.Tensor, links: tf.Tensor, labels: tf.Tensor) -> tf.Tensor:
        """Train on consecutive batches; return the sum of their losses."""
        size = self.batch_size
        n_steps = tf.shape(labels)[0] // size
        total = tf.constant(0.0, tf.float32)
        for i in tf.range(n_steps):
            lo = i * size
            total += self._step(
                books[lo : lo + size], links[lo : lo + size], labels[lo : lo + size]
            )
        return total

    def _run_grid_chunk(
        self,
        books: tf.Tensor,
        links: tf.Tensor,
        grid_books: tf.Tensor,
        grid_links: tf.Tensor,
        mask: tf.Tensor,
        weight: tf.Tensor,
        negative_label: tf.Tensor,
        normalizer: tf.Tensor,
    ) -> tf.Tensor:
        """Train on consecutive grid batches; return the sum of their losses."""
        total = tf.constant(0.0, tf.float32)
        for i in tf.range(tf.shape(books)[0]):
            total += self._grid_step(
                books[i],
                links[i],
                grid_books[i],
                grid_links[i],
                mask[i],
                weight[i],
                negative_label,
                normalizer,
            )
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
        model,
        batch_size=batch_size,
        classification=classification,
        optimizer=optimizer,
        learning_rate=learning_rate,
    )
    losses: list[float] = []
    # An epoch's time runs from the end of the previous one, so that it includes any wait
    # for its data (drawn in the background while the previous epoch trained).
    start = time.perf_counter()
    for epoch, data in enumerate(_prefetched(epoch_fn, epochs)):
        if isinstance(data, GridEpoch):
            steps, unit = data.steps, 1
            fixed = [tf.constant(data.negative_label, tf.float32)]
            fixed.append(tf.constant(data.normalizer, tf.float32))
            arrays = (
                data.books,
                data.links,
                data.grid_books,
                data.grid_links,
                data.grid_mask,
                data.grid_weight,
            )
            chunk_fn = trainer.run_grid_chunk
        else:
            books, links, labels = data
            steps, unit, fixed = labels.shape[0] // batch_size, batch_size, []
            arrays = (books, links, labels)
            chunk_fn = trainer.run_chunk
        # A progress bar needs a few chunks per epoch; without one, one call per epoch.
        n_chunks = min(steps, 20) if verbose == 1 else 1
        bounds = np.linspace(0, steps, n_chunks + 1).astype(int) * unit
        bar = keras.utils.Progbar(steps, stateful_metrics=["loss"]) if verbose == 1 else None
        if verbose == 1:
            print(f"Epoch {epoch + 1}/{epochs}")
        total = 0.0
        for lo, hi in zip(bounds[:-1], bounds[1:], strict=True):
            if hi == lo:
                continue
            total += float(chunk_fn(*(tf.constant(a[lo:hi]) for a in arrays), *fixed))
            if bar is not None:
                done = hi // unit
                bar.update(done, values=[("loss", total / max(done, 1))], finalize=False)
        loss = total / max(steps, 1)
        losses.append(loss)
        if bar is not None:
            bar.update(steps, values=[("loss", loss)], finalize=True)
        elif verbose >= 2:
            now = time.perf_counter()
            print(f"Epoch {epoch + 1}/{epochs} - {now - start:.2f}s - loss: {loss:.4f}")
        start = time.perf_counter()
    return {"loss": losses}
