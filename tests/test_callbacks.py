"""Tests of skbookembed.callbacks: early stopping on held-out books."""

from __future__ import annotations

import numpy as np
import pytest

from skbookembed import PairEmbeddingRecommender
from skbookembed.callbacks import EarlyStopping

from .conftest import planted_groups

PARAMS = dict(embedding_dim=8, n_positive=16, learning_rate=0.05, random_state=0)


@pytest.fixture(scope="module")
def split():
    X, groups = planted_groups(n_groups=3, books_per_group=8, links_per_group=10)
    val = np.arange(X.shape[0]) % 4 == 0
    return X[~val], X[val]


def planned(scores):
    """A scoring function returning the given scores in turn, recording the models it saw."""
    seen = []

    def scoring(model, X_val):
        seen.append(model)
        return scores[len(seen) - 1]

    return scoring, seen


def test_stops_after_patience_evaluations_without_improvement(split):
    X_fit, X_val = split
    scoring, seen = planned([0.1, 0.3, 0.3, 0.302, 0.5, 0.9])
    stop = EarlyStopping(X_val, patience=2, min_delta=0.005, scoring=scoring)
    est = PairEmbeddingRecommender(epochs=20, **PARAMS).fit(X_fit, callbacks=[stop])
    # 0.3 and 0.302 do not beat 0.3 by more than 0.005: stop after epoch 4.
    assert len(est.history_["loss"]) == 4 and stop.stopped_epoch_ == 4
    assert [epoch for epoch, _ in stop.scores_] == [1, 2, 3, 4]
    assert stop.best_epoch_ == 2 and stop.best_score_ == pytest.approx(0.3)
    assert stop.best_model_ is seen[1]
    # The best copy is the model after epoch 2: a 2-epoch fit gives the same tables.
    two = PairEmbeddingRecommender(epochs=2, **PARAMS).fit(X_fit)
    np.testing.assert_allclose(stop.best_model_.book_embeddings_, two.book_embeddings_, atol=1e-6)
    np.testing.assert_allclose(est.book_embeddings_, seen[3].book_embeddings_, atol=1e-6)


def test_evaluates_every_nth_epoch_and_restarts_with_a_new_fit(split):
    X_fit, X_val = split
    scoring, _ = planned([0.5, 0.4, 0.3, 0.2, 0.1, 0.0])
    stop = EarlyStopping(X_val, patience=1, every=2, scoring=scoring)
    est = PairEmbeddingRecommender(epochs=9, **PARAMS).fit(X_fit, callbacks=[stop])
    assert [epoch for epoch, _ in stop.scores_] == [2, 4]
    assert len(est.history_["loss"]) == 4 and stop.best_epoch_ == 2
    est.fit(X_fit, callbacks=[stop])  # a new fit forgets the old evaluations
    assert [epoch for epoch, _ in stop.scores_] == [2, 4] and stop.best_score_ == 0.3


def test_default_score_is_held_out_recall(split):
    X_fit, X_val = split
    stop = EarlyStopping(X_val, patience=2, k=5)
    est = PairEmbeddingRecommender(epochs=60, **PARAMS).fit(X_fit, callbacks=[stop])
    assert len(stop.scores_) == len(est.history_["loss"])
    assert all(0.0 <= score <= 1.0 for _, score in stop.scores_)
    assert stop.best_score_ == pytest.approx(stop.best_model_.score(X_val, k=5), abs=1e-9)
    assert stop.best_score_ > 0.5  # planted groups: hidden links of a group rank high
    assert stop.stopped_epoch_ is not None and stop.stopped_epoch_ < 60


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"patience": 0}, "patience"),
        ({"every": 1.5}, "every"),
        ({"min_delta": -1}, "min_delta"),
        ({"scoring": "recall"}, "scoring"),
    ],
)
def test_bad_settings_are_clear_errors(kwargs, match):
    with pytest.raises((ValueError, TypeError), match=match):
        EarlyStopping(None, **kwargs)
