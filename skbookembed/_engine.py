"""Training engine: the only module of skbookembed that imports TensorFlow and Keras.

One trainer runs one step, on one device and under any ``tf.distribute`` strategy (without
one, under TensorFlow's default strategy, which has one replica):

* The model is :func:`build_model`'s: two ``Embedding`` tables, ``Dot(normalize=True)``,
  and the head of the loss (a ``Dense`` sigmoid for the classification loss).
* A batch is one step of a :class:`~skbookembed._sampling.GridEpoch`: true pairs, and blocks
  of books by links whose cells, true pairs masked out, are the negatives. Each replica
  takes its share of the pairs and blocks. A step reads the rows of the batch, scores a
  block's cells with one small matrix product, differentiates the head and the loss by
  autodiff on the cosines and writes the cosine's gradient out, then sums the gradients of
  each distinct row (``tf.unique``): the gradients of autodiff through the Keras model.
* Gradients are summed across replicas (``all_reduce``; rows as ``IndexedSlices``) and the
  optimizer updates every copy of the variables in the same way (``merge_call`` and
  ``extended.update``): data-parallel training gives the update of one device.
* Optimizers sit behind one seam, :class:`~skbookembed._optimizers.Optimizer`; lazy ones
  update only the rows of the batch, dense ones whole tables.

Training is deterministic on CPU for a given seed and given epoch data.
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ._optimizers import OPTIMIZERS, Optimizer
from ._sampling import GridEpoch, prefetched, replica_shares
from ._strategies import resolve_strategy
from ._tf import device_summary, keras, tf

__all__ = [
    "OPTIMIZERS",
    "Optimizer",
    "Tables",
    "build_model",
    "device_summary",
    "resolve_strategy",
    "train",
]

# Keras' ``ops.normalize`` caps the inverse norm at 1 / epsilon.
_MAX_INV_NORM = 1e7


def build_model(
    n_books: int, n_links: int, embedding_dim: int, *, classification: bool, seed: int
) -> keras.Model:
    """The dot-product model: two ``Embedding`` tables initialised uniformly in
    [-0.05, 0.05], ``Dot(normalize=True)``, reshaped to one number; the classification head
    adds a ``Dense(1, sigmoid)`` on the cosine."""
    inputs, rows = [], []
    for i, (name, n) in enumerate((("book", n_books), ("link", n_links))):
        inputs.append(keras.Input(name=name, shape=(1,), dtype="int32"))
        init = keras.initializers.RandomUniform(-0.05, 0.05, seed=seed + i)
        layer = keras.layers.Embedding(
            n, embedding_dim, name=f"{name}_embedding", embeddings_initializer=init
        )
        rows.append(layer(inputs[-1]))
    out = keras.layers.Dot(name="dot_product", normalize=True, axes=2)(rows)
    out = keras.layers.Reshape(name="reshape", target_shape=(1,))(out)
    if classification:
        glorot = keras.initializers.GlorotUniform(seed=seed + 2)
        out = keras.layers.Dense(1, activation="sigmoid", name="head", kernel_initializer=glorot)(
            out
        )
    return keras.Model(inputs=inputs, outputs=out, name="book_embedding_model")


# ----------------------------------------------------------------------------- trainer


def _unit(x: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    """Rows scaled to unit length, as ``Dot(normalize=True)`` does, and their scales."""
    inv = tf.minimum(tf.math.rsqrt(tf.reduce_sum(x * x, axis=1)), _MAX_INV_NORM)
    return x * inv[:, None], inv


def _loop(first_step, n_steps, one_step) -> tf.Tensor:
    """Run ``one_step(step, i)`` for ``i`` in ``range(n_steps)``, where ``step`` counts the
    optimizer's steps from ``first_step + 1`` (a float); return the sum of its losses."""

    first = tf.cast(first_step, tf.float32) + 1.0

    def body(i, total):
        return i + 1, total + one_step(first + tf.cast(i, tf.float32), i)

    start = (tf.constant(0, tf.int32), tf.constant(0.0, tf.float32))
    _, total = tf.while_loop(lambda i, _: i < tf.cast(n_steps, tf.int32), body, start)
    return total


class Tables:
    """Read access to the current tables, given to callbacks (arrays valid during the call)."""

    def __init__(self, trainer: _Trainer) -> None:
        self._trainer = trainer

    @staticmethod
    def _read(table: tf.Variable) -> np.ndarray:
        out = np.array(table.numpy(), dtype=np.float32)
        out.flags.writeable = False
        return out

    @property
    def book_embeddings(self) -> np.ndarray:
        book_table, _ = self._trainer.tables
        return self._read(book_table)

    @property
    def link_embeddings(self) -> np.ndarray:
        _, link_table = self._trainer.tables
        return self._read(link_table)


class _Trainer:
    def __init__(self, model: keras.Model, strategy: Any, loss: Any, optimizer: Optimizer) -> None:
        self.strategy = strategy
        self.optimizer = optimizer
        self.head = model.get_layer("head") if loss.sigmoid_head else None
        self.loss_fn = keras.losses.get(loss.keras_loss)
        self.tables = [
            model.get_layer(f"{n}_embedding").embeddings.value for n in ("book", "link")
        ]
        self.dense = [w.value for w in self.head.trainable_weights] if self.head else []
        self.slots = {
            id(v): [
                tf.Variable(tf.fill(shape, x), trainable=False)
                for x, shape in zip(
                    optimizer.slot_init, optimizer.slot_shapes(v.shape), strict=True
                )
            ]
            for v in self.tables + self.dense
        }
        # Plain graph code: AutoGraph would spend seconds converting the step's source.
        compile_ = functools.partial(tf.function, reduce_retracing=True, autograph=False)
        self.run_local = compile_(self._run_local)
        self.run_distributed = compile_(self._run_distributed)

    # -- the step, on one replica ---------------------------------------------------------
    def elementwise_loss(self, labels: tf.Tensor, cosines: tf.Tensor) -> tf.Tensor:
        """The head and the loss on a vector of cosines, unreduced."""
        out = cosines[:, None] if self.head is None else self.head(cosines[:, None])
        return self.loss_fn(labels[:, None], out)

    def loss_and_gradients(self, u, v, n_positive, blocks, mask, weight, labels, normalizer):
        """The loss of a batch and its gradients with respect to its rows ``u``, ``v``.

        ``u`` holds the books of the true pairs, then those of the blocks, block by block
        (``blocks`` is ``(n_blocks, side)``); ``v`` likewise for links. The loss is the
        model's on every cosine, summed with the cells' weights (``mask * weight``) and
        divided by ``normalizer``. ``labels`` is ``(positive, negative)``.
        """
        k = n_positive
        dim = tf.shape(u)[1:]
        block_shape, flat_shape = tf.concat([blocks, dim], 0), tf.concat([[-1], dim], 0)
        (pos_u, inv_pu), (flat_u, inv_gu) = _unit(u[:k]), _unit(u[k:])
        (pos_v, inv_pv), (flat_v, inv_gv) = _unit(v[:k]), _unit(v[k:])
        grid_u, grid_v = tf.reshape(flat_u, block_shape), tf.reshape(flat_v, block_shape)
        cos = tf.reduce_sum(pos_u * pos_v, axis=1)
        cells = tf.matmul(grid_u, grid_v, transpose_b=True)
        cell_weight = tf.reshape(tf.cast(mask, tf.float32) * weight, [-1])
        with tf.GradientTape(watch_accessed_variables=False) as tape:
            tape.watch([cos, cells, *self.dense])
            pos_loss = self.elementwise_loss(tf.fill(tf.shape(cos), labels[0]), cos)
            flat = tf.reshape(cells, [-1])
            grid_loss = self.elementwise_loss(tf.fill(tf.shape(flat), labels[1]), flat)
            loss = (tf.reduce_sum(pos_loss) + tf.reduce_sum(cell_weight * grid_loss)) / normalizer
        d_cos, d_cells, *grad_dense = tape.gradient(loss, [cos, cells, *self.dense])
        # Through the normalisation: d x = (d unit - (d unit . unit) unit) / |x|. For a
        # cosine c = a . b of unit rows, d unit_a = d_c b, so (d unit_a . a) is d_c c: the
        # projections come from the cosines, without another pass over the rows.
        projected = d_cells * cells

        def rows_gradient(pos, inv_pos, partner, flat, inv_flat, d_flat, projection):
            return tf.concat(
                [
                    (d_cos * inv_pos)[:, None] * (partner - cos[:, None] * pos),
                    inv_flat[:, None]
                    * (tf.reshape(d_flat, flat_shape) - tf.reshape(projection, [-1, 1]) * flat),
                ],
                0,
            )

        grad_u = rows_gradient(
            pos_u, inv_pu, pos_v, flat_u, inv_gu,
            tf.matmul(d_cells, grid_v), tf.reduce_sum(projected, 2),
        )  # fmt: skip
        grad_v = rows_gradient(
            pos_v, inv_pv, pos_u, flat_v, inv_gv,
            tf.matmul(d_cells, grid_u, transpose_a=True), tf.reduce_sum(projected, 1),
        )  # fmt: skip
        return loss, grad_u, grad_v, grad_dense

    def _row_gradients(self, ids, grad, n_rows, ctx):
        """Distinct rows, their summed gradients and summed squares, over all replicas.

        Replicas exchange one gradient per occurrence (every replica has as many), which
        collective all-reduces need; then each sums them per row. The squares are summed
        only for optimizers that use them.
        """
        squares = self.optimizer.occurrence_squares
        both = tf.concat([grad, tf.square(grad)], axis=1) if squares else grad
        if ctx.num_replicas_in_sync > 1:
            shape = tf.stack([tf.cast(n_rows, tf.int64), tf.cast(tf.shape(both)[1], tf.int64)])
            slices = tf.IndexedSlices(both, ids, shape)
            slices = ctx.all_reduce(tf.distribute.ReduceOp.SUM, slices)
            ids, both = slices.indices, slices.values
        rows, position = tf.unique(ids)
        # Sorted segment sums cost a third of unsorted ones on CPU; a stable order keeps
        # each row's occurrences in their order.
        order = tf.argsort(position, stable=True)
        both = tf.math.segment_sum(tf.gather(both, order), tf.gather(position, order))
        if not squares:
            return rows, both, tf.square(both)
        summed, squared = tf.split(both, 2, axis=1)
        return rows, summed, squared

    def step(self, step, books, links, grid_books, grid_links, mask, weight, labels, normalizer):
        """One step on this replica's share of a batch; returns the share's loss."""
        ctx = tf.distribute.get_replica_context()
        ids = [
            tf.concat([books, tf.reshape(grid_books, [-1])], 0),
            tf.concat([links, tf.reshape(grid_links, [-1])], 0),
        ]
        reads = [tf.gather(table, idx) for table, idx in zip(self.tables, ids, strict=True)]
        loss, grad_u, grad_v, grad_dense = self.loss_and_gradients(
            *reads, tf.shape(books)[0], tf.shape(grid_books), mask, weight, labels, normalizer
        )
        updates = [
            self._row_gradients(idx, grad, tf.shape(table)[0], ctx)
            for table, idx, grad in zip(self.tables, ids, (grad_u, grad_v), strict=True)
        ]
        if grad_dense and ctx.num_replicas_in_sync > 1:
            grad_dense = ctx.all_reduce(tf.distribute.ReduceOp.SUM, grad_dense)
        ctx.merge_call(self._apply, args=(step, updates, grad_dense))
        return loss

    # -- the update, on every copy of the variables --------------------------------------
    def _apply(self, strategy: Any, step, updates, grad_dense) -> None:
        for table, (rows, summed, squares) in zip(self.tables, updates, strict=True):
            strategy.extended.update(
                table,
                self._update_rows,
                args=(self.slots[id(table)], step, rows, summed, squares),
                group=False,
            )
        for var, grad in zip(self.dense, grad_dense, strict=True):
            strategy.extended.update(
                var, self._update_whole, args=(self.slots[id(var)], step, grad), group=False
            )

    def _update_rows(self, var, slots, step, rows, summed, squares) -> None:
        opt = self.optimizer
        squared = squares
        if not opt.lazy:
            shape = tf.shape(var, out_type=tf.int64)
            scatter = lambda x: tf.scatter_nd(tf.cast(rows[:, None], tf.int64), x, shape)  # noqa: E731
            self._update_whole(var, slots, step, scatter(summed), scatter(squared))
            return
        new, new_slots = opt.update(
            tf.gather(var, rows), [tf.gather(s, rows) for s in slots], summed, squared, step
        )
        for slot, value in zip(slots, new_slots, strict=True):
            slot.scatter_update(tf.IndexedSlices(value, rows))
        var.scatter_update(tf.IndexedSlices(new, rows))

    def _update_whole(self, var, slots, step, grad, squared=None) -> None:
        squared = tf.square(grad) if squared is None else squared
        new, new_slots = self.optimizer.update(
            var, [tf.convert_to_tensor(s) for s in slots], grad, squared, step
        )
        for slot, value in zip(slots, new_slots, strict=True):
            slot.assign(value)
        var.assign(new)

    # -- steps --------------------------------------------------------------------------
    def _run_local(self, first_step, data, labels, normalizer) -> tf.Tensor:
        """Train on the steps of ``data`` (one replica); return the sum of their losses."""

        def one_step(step, i):
            batch = [tf.gather(a, i) for a in data]
            return self.strategy.run(self.step, args=(step, *batch, labels, normalizer))

        return _loop(first_step, tf.shape(data[0])[0], one_step)

    def _run_distributed(self, first_step, iterator, n_steps, labels, normalizer) -> tf.Tensor:
        """Train on ``n_steps`` global batches of a distributed iterator."""

        def share_step(step, *batch):  # each replica gets one share, with a leading axis
            return self.step(step, *(tf.squeeze(a, 0) for a in batch), labels, normalizer)

        def one_step(step, _):
            share = self.strategy.run(share_step, args=(step, *next(iterator)))
            return self.strategy.reduce(tf.distribute.ReduceOp.SUM, share, axis=None)

        return _loop(first_step, n_steps, one_step)

    def finite(self) -> bool:
        """Whether every row's squared length (what the cosine needs) is finite."""
        return all(
            bool(tf.reduce_all(tf.math.is_finite(tf.reduce_sum(tf.square(t), axis=1))))
            for t in self.tables
        )

    def run_epoch(self, epoch: GridEpoch, first_step: int) -> float:
        """Train on one epoch; return its mean batch loss."""
        labels = tf.constant([epoch.positive_label, epoch.negative_label], tf.float32)
        normalizer = tf.constant(epoch.normalizer, tf.float32)
        arrays = replica_shares(epoch, self.strategy.num_replicas_in_sync)
        first = tf.constant(first_step, tf.int64)
        if self.strategy.num_replicas_in_sync == 1:
            data = tuple(tf.constant(a) for a in arrays)
            total = self.run_local(first, data, labels, normalizer)
        else:
            # Each worker reads the same epoch and keeps its replicas' shares of each batch.
            options = tf.data.Options()
            options.experimental_distribute.auto_shard_policy = (
                tf.data.experimental.AutoShardPolicy.DATA
            )
            n = self.strategy.num_replicas_in_sync
            flat = [a.reshape(-1, *a.shape[2:]) for a in arrays]
            dataset = tf.data.Dataset.from_tensor_slices(tuple(flat)).batch(n, drop_remainder=True)
            dist = self.strategy.experimental_distribute_dataset(dataset.with_options(options))
            total = self.run_distributed(
                first, iter(dist), tf.constant(epoch.steps), labels, normalizer
            )
        return float(total) / max(epoch.steps, 1)


def train(
    epoch_fn: Callable[[], GridEpoch],
    *,
    n_books: int,
    n_links: int,
    embedding_dim: int,
    epochs: int,
    loss: Any,
    optimizer: str,
    learning_rate: float,
    seed: int,
    strategy: Any = None,
    callbacks: Sequence[Callable[[int, float, Tables], Any]] = (),
    book_init: np.ndarray | None = None,
    link_init: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray, list[float]]:
    """Train the model and return ``(book_vectors, link_vectors, losses)``.

    ``epoch_fn`` is called once per epoch, in order, and returns a
    :class:`~skbookembed._sampling.GridEpoch` (the next one is drawn in a background thread
    while the current one trains). ``loss`` is an entry of :data:`skbookembed._params.LOSSES`,
    ``optimizer`` a key of :data:`OPTIMIZERS`, ``strategy`` anything :func:`resolve_strategy`
    accepts (None: TensorFlow's default strategy). Each callback is called after each epoch
    as ``callback(epoch, loss, tables)`` (epochs from 1, :class:`Tables`); one that returns
    True ends training. ``book_init``/``link_init`` replace the random initial tables.
    Raises FloatingPointError as soon as an epoch's loss or a row's length is not finite.
    """
    if optimizer not in OPTIMIZERS:
        raise ValueError(f"optimizer must be one of {sorted(OPTIMIZERS)}; got {optimizer!r}")
    strategy = resolve_strategy(strategy) or tf.distribute.get_strategy()
    with strategy.scope():
        model = build_model(
            n_books, n_links, embedding_dim, classification=loss.sigmoid_head, seed=seed
        )
        for name, init, rows in (("book", book_init, n_books), ("link", link_init, n_links)):
            if init is not None:
                init = np.asarray(init, dtype=np.float32)
                if init.shape != (rows, embedding_dim):
                    raise ValueError(
                        f"initial {name} table has shape {init.shape}; expected ({rows}, {embedding_dim})"
                    )
                model.get_layer(f"{name}_embedding").embeddings.assign(init)
        trainer = _Trainer(model, strategy, loss, OPTIMIZERS[optimizer](learning_rate))
    tables, losses, done = Tables(trainer), [], 0
    with contextlib.closing(prefetched(epoch_fn, epochs)) as stream:
        for epoch, data in enumerate(stream, start=1):
            value = trainer.run_epoch(data, done)
            done += data.steps
            losses.append(value)
            if not (np.isfinite(value) and trainer.finite()):
                raise FloatingPointError(
                    f"training diverged at epoch {epoch}: its loss is {value} and the squared "
                    "length of some vectors is no longer a finite float32. The learning "
                    f"rate ({learning_rate}) is most likely too large for the {optimizer!r} "
                    "optimizer; try one 10 or 100 times smaller."
                )
            stop = [bool(cb(epoch, value, tables)) for cb in callbacks]
            if any(stop):
                break
    return tables.book_embeddings.copy(), tables.link_embeddings.copy(), losses
