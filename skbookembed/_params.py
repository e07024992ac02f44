"""Parameter objects of PairEmbeddingRecommender: how pairs are sampled, which loss.

Both are small scikit-learn-style objects (``get_params``/``set_params``, cloned with the
estimator), so that a search can tune one of their fields, e.g.
``GridSearchCV(PairEmbeddingRecommender(sampling=Sampling()), {"sampling__exponent":
[0, 0.75]})``, as scikit-learn tunes a Gaussian process's ``kernel__length_scale``. Each
also has string presets, which is what the estimator's defaults use. No TensorFlow here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from numbers import Integral, Real
from typing import Any

import numpy as np
from sklearn.base import BaseEstimator

from ._compat import Interval, StrOptions

__all__ = [
    "LOSSES",
    "LOSS_PRESETS",
    "ORIGINAL_RECIPE",
    "SAMPLING_PRESETS",
    "Loss",
    "LossEntry",
    "Sampling",
    "auto_epochs",
    "auto_n_positive",
    "params_from_json",
    "params_to_json",
    "resolve_loss",
    "resolve_sampling",
]


class _ParamObject(BaseEstimator):
    """get_params/set_params/repr from scikit-learn, validation against constraints."""

    _parameter_constraints: dict = {}

    def validated(self) -> Any:
        """A validated copy (raises ``InvalidParameterError`` naming the bad field).

        Returns
        -------
        copy : same type as self
            A new object with the same parameters, once they are checked.
        """
        self._validate_params()
        return type(self)(**self.get_params())

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.get_params() == self.get_params()

    def __hash__(self) -> int:
        return hash((type(self).__name__, tuple(sorted(self.get_params().items()))))


class Sampling(_ParamObject):
    """How each epoch's true pairs and negative pairs are drawn.

    Parameters
    ----------
    positives : {"epoch", "random"}, default="epoch"
        ``"epoch"``: every true pair once per epoch, in a fresh random order. ``"random"``:
        each batch draws its true pairs at random (some pairs are seen several times per
        epoch, others never).
    repeat_counts : bool, default=False
        When ``X`` holds counts, repeat each pair as many times as its (rounded) count (one
        pair per link occurrence). Otherwise every non-zero entry is
        one pair. The repeated pairs may number at most :data:`MAX_PAIRS`.
    block : int or "auto", default="auto"
        Negatives come in square blocks of ``block`` random books by ``block`` random
        links; every cell of a block that is not a true pair is a negative, and the cells
        of a batch weigh ``n_positive * negative_ratio`` in total. A block reads ``2 *
        block`` rows of the tables instead of two per negative, and scores its cells with
        one small matrix product. 1 draws every negative as its own pair. ``"auto"`` takes
        the largest side up to 8 at which every book and link is still drawn as a negative
        about 8 times per epoch on average: smaller sides on smaller data sets.
    exponent : float, default=0.5
        Books and links are drawn as negatives in proportion to their number of true pairs
        to this power (independently, a pair that is a true one never becomes a negative).
        0 draws them uniformly; word2vec draws its negative words
        with 0.75. The default, between the two, is discussed in the user guide's
        "Choosing settings".

    Examples
    --------
    >>> from skbookembed import Sampling
    >>> Sampling(exponent=0.75).set_params(block=4)
    Sampling(block=4, exponent=0.75)
    >>> Sampling()  # the "auto" preset
    Sampling()
    """

    _parameter_constraints: dict = {
        "positives": [StrOptions({"epoch", "random"})],
        "repeat_counts": ["boolean"],
        "block": [Interval(Integral, 1, None, closed="left"), StrOptions({"auto"})],
        "exponent": [Interval(Real, -4, 4, closed="both")],
    }

    def __init__(
        self,
        positives: str = "epoch",
        repeat_counts: bool = False,
        block: int | str = "auto",
        exponent: float = 0.5,
    ) -> None:
        self.positives = positives
        self.repeat_counts = repeat_counts
        self.block = block
        self.exponent = exponent


#: Named samplings: ``"auto"`` is :class:`Sampling`'s defaults; ``"original"`` the
#: notebook's (random positives, each pair repeated by its count, uniform negatives drawn
#: one by one).
SAMPLING_PRESETS: dict[str, Sampling] = {
    "auto": Sampling(),
    "original": Sampling(positives="random", repeat_counts=True, block=1, exponent=0.0),
}


@dataclass(frozen=True)
class LossEntry:
    """One loss of the table :data:`LOSSES`.

    Attributes
    ----------
    keras_loss : str
        Name of the Keras loss function applied to the model's output.
    sigmoid_head : bool
        Whether a ``Dense(1, sigmoid)`` head sits on the cosine.
    label : callable
        Model-output label of a pair whose target cosine is ``t`` (1 for true pairs,
        ``negative_target`` for sampled ones).
    """

    keras_loss: str
    sigmoid_head: bool
    label: Callable[[float], float]


#: The losses: a new loss is one entry. The fold-in target of every entry is the
#: negatives' target cosine, ``Loss.negative_target``.
LOSSES: dict[str, LossEntry] = {
    # Regression on the cosine: labels are target cosines.
    "mse": LossEntry("mean_squared_error", sigmoid_head=False, label=float),
    # Classification: a sigmoid on the cosine; target cosines t in [-1, 1] map to 1/0
    # probabilities by (1 + t) / 2, so the default t = -1 gives the usual labels 1/0.
    "binary_crossentropy": LossEntry(
        "binary_crossentropy", sigmoid_head=True, label=lambda t: (1.0 + float(t)) / 2.0
    ),
}


class Loss(_ParamObject):
    """The training loss: an entry of :data:`LOSSES` and the negatives' target.

    Parameters
    ----------
    name : {"mse", "binary_crossentropy"}, default="mse"
        ``"mse"``: mean squared error on the cosine of true pairs (target 1) and sampled
        pairs (target ``negative_target``). ``"binary_crossentropy"``: a ``Dense(1,
        sigmoid)`` head on the cosine, labels 1 for true pairs and ``(1 +
        negative_target) / 2`` for sampled ones.
    negative_target : float, default=-0.5
        Target cosine of the sampled (negative) pairs, in [-1, 1). The ``"original"``
        preset uses -1 (random pairs pushed to opposite directions); 0 asks only that they be orthogonal.
        It is also the pull of the negatives in the fold-in of :meth:`transform`.

    Examples
    --------
    >>> from skbookembed import Loss
    >>> Loss("binary_crossentropy", negative_target=-1.0)
    Loss(name='binary_crossentropy', negative_target=-1.0)
    """

    _parameter_constraints: dict = {
        "name": [StrOptions(set(LOSSES))],
        "negative_target": [Interval(Real, -1, 1, closed="left")],
    }

    def __init__(self, name: str = "mse", negative_target: float = -0.5) -> None:
        self.name = name
        self.negative_target = negative_target

    @property
    def entry(self) -> LossEntry:
        """The entry of :data:`LOSSES` named by ``name``."""
        return LOSSES[self.name]

    @property
    def negative_label(self) -> float:
        """The model-output label of a sampled (negative) pair."""
        return self.entry.label(self.negative_target)

    @property
    def positive_label(self) -> float:
        """The model-output label of a true pair."""
        return self.entry.label(1.0)


#: Named losses: ``"mse"`` (negatives' target -0.5), ``"binary_crossentropy"`` (labels 1/0)
#: and ``"original"``, the notebook's regression head (targets +1/-1).
LOSS_PRESETS: dict[str, Loss] = {
    "mse": Loss(),
    "binary_crossentropy": Loss("binary_crossentropy", -1.0),
    "original": Loss("mse", -1.0),
}


#: The notebook's training settings, which :meth:`PairEmbeddingRecommender.original_recipe`
#: applies.
ORIGINAL_RECIPE: dict[str, Any] = {
    "embedding_dim": 50,
    "n_positive": 1024,
    "negative_ratio": 2.0,
    "epochs": 15,
    "loss": "original",
    "optimizer": "adam",
    "learning_rate": 0.001,
    "sampling": "original",
}


def _resolve(value: Any, presets: dict[str, Any], cls: type, param: str) -> Any:
    if isinstance(value, str):
        if value not in presets:
            raise ValueError(
                f"{param}={value!r} is not a known preset; use one of {sorted(presets)} or a "
                f"{cls.__name__}(...) object."
            )
        return presets[value].validated()
    if isinstance(value, cls):
        return value.validated()
    raise TypeError(
        f"{param} must be one of {sorted(presets)} or a {cls.__name__}(...) object; got "
        f"{type(value).__name__}."
    )


def resolve_sampling(value: str | Sampling) -> Sampling:
    """A validated :class:`Sampling` from a preset name or an object."""
    return _resolve(value, SAMPLING_PRESETS, Sampling, "sampling")


def resolve_loss(value: str | Loss) -> Loss:
    """A validated :class:`Loss` from a preset name or an object."""
    return _resolve(value, LOSS_PRESETS, Loss, "loss")


#: ``epochs="auto"``: enough epochs to train on about this many true pairs in all (8,000
#: batches of 1,024) ...
AUTO_PAIRS = 8_000 * 1024
#: ... but at least and at most this many epochs.
AUTO_EPOCHS_RANGE = (10, 300)
#: ``n_positive="auto"``: batches of the first size, or of the second on data that gives
#: at least :data:`AUTO_LARGE_BATCHES` batches of it per epoch.
AUTO_N_POSITIVE = (1024, 2048)
AUTO_LARGE_BATCHES = 128


def auto_epochs(pairs_per_epoch: int) -> int:
    """Epochs chosen by ``epochs="auto"`` when an epoch trains on ``pairs_per_epoch`` pairs.

    A budget of :data:`AUTO_PAIRS` true pairs, within :data:`AUTO_EPOCHS_RANGE`: few epochs
    on large data, many more passes on small data, where an epoch is a few batches. The
    batch size does not change the number of epochs.
    """
    lo, hi = AUTO_EPOCHS_RANGE
    return int(np.clip(round(AUTO_PAIRS / max(pairs_per_epoch, 1)), lo, hi))


def auto_n_positive(n_pairs: int) -> int:
    """True pairs per batch chosen by ``n_positive="auto"`` for ``n_pairs`` true pairs.

    :data:`AUTO_N_POSITIVE`'s first size, or its second when ``n_pairs`` makes at least
    :data:`AUTO_LARGE_BATCHES` batches of it (262,144 pairs or more): a larger batch costs
    less per pair, and large data still gives enough optimizer steps per epoch.
    """
    small, large = AUTO_N_POSITIVE
    return large if n_pairs >= AUTO_LARGE_BATCHES * large else small


_OBJECTS = {"Sampling": Sampling, "Loss": Loss}


def params_to_json(params: dict[str, Any]) -> dict[str, Any]:
    """Parameters with :class:`Sampling`/:class:`Loss` objects as JSON-ready dicts."""
    out = {}
    for key, value in params.items():
        if isinstance(value, _ParamObject):
            value = {"__class__": type(value).__name__, **value.get_params()}
        out[key] = value
    return out


def params_from_json(params: dict[str, Any]) -> dict[str, Any]:
    """The inverse of :func:`params_to_json`."""
    out = {}
    for key, value in params.items():
        if isinstance(value, dict) and value.get("__class__") in _OBJECTS:
            fields = {k: v for k, v in value.items() if k != "__class__"}
            value = _OBJECTS[value["__class__"]](**fields)
        out[key] = value
    return out
