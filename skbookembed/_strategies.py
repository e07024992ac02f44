"""``tf.distribute`` strategies from what a user passes as ``strategy=``.

Imported by :mod:`skbookembed._engine` only.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ._tf import tf

__all__ = ["resolve_strategy"]

# Strategies made from a name, one per name and process: every new MirroredStrategy numbers
# its collective operations from the same start, so a second one in the same process can
# clash with the first (tensorflow/tensorflow#62790).
_NAMED_STRATEGIES: dict[str, Any] = {}
_STRATEGY_FACTORIES: dict[str, Callable[[], Any]] = {
    "mirrored": tf.distribute.MirroredStrategy,
    "multi_worker_mirrored": tf.distribute.MultiWorkerMirroredStrategy,
}


def resolve_strategy(strategy: Any) -> Any:
    """A ``tf.distribute.Strategy`` from an instance, a factory, a name, or None.

    Names: ``"default"`` (the current strategy), ``"mirrored"`` (all local GPUs, or the
    CPU), ``"multi_worker_mirrored"`` (configured by ``TF_CONFIG``). A name makes its
    strategy once per process and reuses it afterwards.
    """
    if strategy is None or isinstance(strategy, tf.distribute.Strategy):
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
