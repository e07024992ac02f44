"""Optimizers of the training engine, behind one seam: a new optimizer is one class.

Each is pure tensor arithmetic on the rows being updated; the engine decides which rows
(all of them for dense optimizers, the rows of the batch for lazy ones) and writes the
results back. Imported by :mod:`skbookembed._engine` only.
"""

from __future__ import annotations

from ._tf import tf

__all__ = ["OPTIMIZERS", "Adagrad", "Adam", "LazyAdam", "Optimizer", "RowwiseAdam"]

# Keras' defaults.
_BETA_1, _BETA_2, _EPSILON = 0.9, 0.999, 1e-7
_ADAGRAD_INITIAL_ACCUMULATOR = 0.1


class Optimizer:
    """The seam of optimizers: slots, and the update of some rows (or a whole variable).

    Slots are variables of the shape :meth:`slot_shapes` gives (by default that of the
    variable), filled with :attr:`slot_init`.

    ``update`` is pure tensor arithmetic on the rows' values, slots, summed gradient and
    ``grad_squared`` (the sum of the squared gradient of each occurrence of a row when
    :attr:`occurrence_squares`, else the square of the summed gradient), at step ``step``
    (1, 2, ...). :attr:`lazy` optimizers are applied to the rows of the batch only; the
    others to whole tables at every step.
    """

    slot_init: tuple[float, ...] = ()
    lazy: bool = True
    occurrence_squares: bool = False

    def __init__(self, learning_rate: float) -> None:
        self.lr = tf.constant(learning_rate, tf.float32)

    def slot_shapes(self, shape: tuple[int, ...]) -> list[tuple[int, ...]]:
        """Shapes of the slots of a variable of ``shape``."""
        return [tuple(shape)] * len(self.slot_init)

    def update(
        self,
        value: tf.Tensor,
        slots: list[tf.Tensor],
        grad: tf.Tensor,
        grad_squared: tf.Tensor,
        step: tf.Tensor,
    ) -> tuple[tf.Tensor, list[tf.Tensor]]:
        raise NotImplementedError


class Adam(Optimizer):
    """Keras' Adam: every row's moments decay and every row moves at every step."""

    slot_init = (0.0, 0.0)
    lazy = False
    occurrence_squares = True  # Keras squares the gradient of each occurrence of a row

    def update(self, value, slots, grad, grad_squared, step):  # noqa: D102
        m, s = slots
        m = m + (grad - m) * (1.0 - _BETA_1)
        s = s + (grad_squared - s) * (1.0 - _BETA_2)
        rate = self.lr * tf.sqrt(1.0 - _BETA_2**step) / (1.0 - _BETA_1**step)
        return value - rate * m / (tf.sqrt(s) + _EPSILON), [m, s]


class LazyAdam(Adam):
    """Adam on the rows of the batch only, on each row's summed gradient; the bias
    correction uses the global step count."""

    lazy = True
    occurrence_squares = False


class RowwiseAdam(LazyAdam):
    """Lazy Adam with one second moment per row of a table: the mean of the row's squared
    gradient, as row-wise Adagrad keeps it for embedding tables. Each row then has one
    step size, and the second moment costs one number per row instead of one per entry.
    Variables of fewer than two dimensions keep one per entry."""

    def slot_shapes(self, shape):  # noqa: D102
        first = tuple(shape)
        return [first, (first[0], 1) if len(first) >= 2 else first]

    def update(self, value, slots, grad, grad_squared, step):  # noqa: D102
        if len(value.shape) >= 2:
            grad_squared = tf.reduce_mean(grad_squared, axis=1, keepdims=True)
        return super().update(value, slots, grad, grad_squared, step)


class Adagrad(Optimizer):
    """Keras' Adagrad, sparse by nature."""

    slot_init = (_ADAGRAD_INITIAL_ACCUMULATOR,)
    occurrence_squares = True

    def update(self, value, slots, grad, grad_squared, step):  # noqa: D102
        accum = slots[0] + grad_squared
        return value - self.lr * grad / tf.sqrt(accum + _EPSILON), [accum]


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "adam": Adam,
    "lazy_adam": LazyAdam,
    "rowwise_adam": RowwiseAdam,
    "adagrad": Adagrad,
}
