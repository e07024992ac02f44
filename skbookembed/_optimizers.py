"""Optimizers of the training engine, behind one seam: a new optimizer is one class.

Each is pure tensor arithmetic on the rows being updated; the engine decides which rows
(all of them for dense optimizers, the rows of the batch for lazy ones) and writes the
results back. Imported by :mod:`skbookembed._engine` only.
"""

from __future__ import annotations

from ._tf import tf

__all__ = ["OPTIMIZERS", "Adagrad", "Adam", "LazyAdam", "Optimizer"]

# Keras' defaults.
_BETA_1, _BETA_2, _EPSILON = 0.9, 0.999, 1e-7
_ADAGRAD_INITIAL_ACCUMULATOR = 0.1


class Optimizer:
    """The seam of optimizers: slots, and the update of some rows (or a whole variable).

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


class Adagrad(Optimizer):
    """Keras' Adagrad, sparse by nature."""

    slot_init = (_ADAGRAD_INITIAL_ACCUMULATOR,)
    occurrence_squares = True

    def update(self, value, slots, grad, grad_squared, step):  # noqa: D102
        accum = slots[0] + grad_squared
        return value - self.lr * grad / tf.sqrt(accum + _EPSILON), [accum]


OPTIMIZERS: dict[str, type[Optimizer]] = {"adam": Adam, "lazy_adam": LazyAdam, "adagrad": Adagrad}
