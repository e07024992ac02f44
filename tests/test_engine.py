"""The training engine: one trainer learns planted structure, with exact gradients.

Every test trains on a tiny planted matrix for a few epochs; the whole module runs in
well under a minute on two CPU cores.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import numpy as np
import pytest

from skbookembed._params import LOSSES
from skbookembed._sampling import EpochSampler, GridEpoch, PairSet, prefetched

from .conftest import planted_groups

tf = pytest.importorskip("tensorflow")
_engine = pytest.importorskip("skbookembed._engine")
_optimizers = pytest.importorskip("skbookembed._optimizers")

DIM = 16


def same_group_share(vectors: np.ndarray, groups: np.ndarray, topn: int = 5) -> float:
    """Share of each row's ``topn`` cosine neighbours (itself excluded) in its own group."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = unit @ unit.T
    np.fill_diagonal(sims, -np.inf)
    nearest = np.argsort(-sims, axis=1)[:, :topn]
    return float((groups[nearest] == groups[:, None]).mean())


def epochs_of(X, *, n_positive=32, ratio=2.0, label=-1.0, seed=0, epochs=1, block=1):
    """A fixed list of epochs from the sampler, and an epoch_fn replaying them in order."""
    sampler = EpochSampler(
        PairSet.from_matrix(X),
        n_positive=n_positive,
        negative_ratio=ratio,
        positives="epoch",
        negative_label=label,
        rng=np.random.default_rng(seed),
        block=block,
    )
    data = [sampler.epoch() for _ in range(epochs)]
    calls = iter(range(epochs))
    return data, lambda: data[next(calls)]


def train(X, *, epochs, optimizer="lazy_adam", lr=0.02, cls=False, seed=0, block=1, **kwargs):
    _, epoch_fn = epochs_of(X, label=0.0 if cls else -1.0, epochs=epochs, block=block)
    return _engine.train(
        epoch_fn,
        n_books=X.shape[0],
        n_links=X.shape[1],
        embedding_dim=DIM,
        epochs=epochs,
        loss=LOSSES["binary_crossentropy" if cls else "mse"],
        optimizer=optimizer,
        learning_rate=lr,
        seed=seed,
        **kwargs,
    )


@pytest.mark.parametrize(
    "optimizer, lr, cls, block",
    [
        ("lazy_adam", 0.05, False, 1),
        ("adagrad", 0.5, False, 1),
        ("adam", 0.03, False, 1),
        ("lazy_adam", 0.05, True, 1),
        ("lazy_adam", 0.05, False, 4),
        ("adam", 0.03, False, 4),
        ("lazy_adam", 0.05, True, 4),
        ("rowwise_adam", 0.05, False, 4),
        ("rowwise_adam", 0.05, True, 4),
    ],
    ids=[
        "lazy_adam",
        "adagrad",
        "adam",
        "classification",
        "blocks",
        "blocks-adam",
        "blocks-cls",
        "blocks-rowwise",
        "blocks-rowwise-cls",
    ],
)
def test_the_trainer_learns_the_planted_groups(groups_matrix, optimizer, lr, cls, block):
    X, groups = groups_matrix
    books, links, losses = train(X, epochs=12, optimizer=optimizer, lr=lr, cls=cls, block=block)
    assert books.dtype == links.dtype == np.float32
    assert books.shape == (X.shape[0], DIM) and links.shape == (X.shape[1], DIM)
    assert len(losses) == 12
    # MSE starts near 1 (cosines near 0, labels +-1); BCE near log 2.
    assert losses[0] == pytest.approx(np.log(2) if cls else 1.0, abs=0.1)
    assert losses[-1] < 0.8 * losses[0]
    assert same_group_share(books, groups) >= 0.9
    assert same_group_share(links, np.arange(X.shape[1]) // 15) >= 0.8  # 15 links a group


@pytest.mark.parametrize("optimizer", ["lazy_adam", "rowwise_adam", "adagrad", "adam"])
def test_training_is_deterministic(groups_matrix, optimizer):
    X, _ = groups_matrix
    first = train(X, epochs=3, optimizer=optimizer, block=3)
    second = train(X, epochs=3, optimizer=optimizer, block=3)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    assert first[2] == second[2]
    other_seed = train(X, epochs=3, optimizer=optimizer, seed=1, block=3)
    assert not np.array_equal(first[0], other_seed[0])


def _trainer(X, cls):
    model = _engine.build_model(X.shape[0], X.shape[1], DIM, classification=cls, seed=0)
    loss = LOSSES["binary_crossentropy" if cls else "mse"]
    strategy = tf.distribute.get_strategy()
    return model, _engine._Trainer(model, strategy, loss, _optimizers.LazyAdam(0.1))


def _gradients_of_one_step(X, cls, **kwargs):
    """The trainer's gradients next to those of autodiff through the Keras model."""
    data, _ = epochs_of(X, label=0.0 if cls else -0.5, **kwargs)
    grid = data[0]
    size = grid.examples_per_batch
    books, links, labels, weights = (tf.constant(a[:size]) for a in grid.examples())
    model, trainer = _trainer(X, cls)
    with tf.GradientTape() as tape:
        pred = model([books[:, None], links[:, None]], training=True)
        expected_loss = keras_loss(cls)(labels[:, None], pred, sample_weight=weights)
    expected = [
        tf.convert_to_tensor(g).numpy()
        for g in tape.gradient(expected_loss, model.trainable_variables)
    ]
    row_books = np.concatenate([grid.books[0], grid.grid_books[0].ravel()])
    row_links = np.concatenate([grid.links[0], grid.grid_links[0].ravel()])
    loss, grad_u, grad_v, grad_dense = trainer.loss_and_gradients(
        tf.gather(trainer.tables[0], row_books),
        tf.gather(trainer.tables[1], row_links),
        tf.constant(grid.books.shape[1]),
        tf.constant(grid.grid_books.shape[1:]),
        tf.constant(grid.grid_mask[0]),
        tf.constant(grid.grid_weight[0]),
        tf.constant([1.0, grid.negative_label], tf.float32),
        tf.constant(grid.normalizer, tf.float32),
    )
    got = [
        tf.math.unsorted_segment_sum(grad_u, row_books, X.shape[0]).numpy(),
        tf.math.unsorted_segment_sum(grad_v, row_links, X.shape[1]).numpy(),
        *[g.numpy() for g in grad_dense],
    ]
    return float(loss), float(expected_loss), got, expected, grid


def keras_loss(cls):
    keras = pytest.importorskip("keras")
    return keras.losses.BinaryCrossentropy() if cls else keras.losses.MeanSquaredError()


@pytest.mark.parametrize("cls", [False, True], ids=["regression", "classification"])
@pytest.mark.parametrize("block", [1, 5], ids=["single-negatives", "blocks"])
def test_step_gradients_are_those_of_the_keras_model(cls, block):
    # Dense enough that some block cells hit true pairs and are masked.
    X, _ = planted_groups(n_groups=3, books_per_group=8, links_per_group=6, links_per_book=4)
    loss, expected_loss, got, expected, grid = _gradients_of_one_step(
        X, cls, n_positive=16, ratio=3.0, block=block
    )
    if block == 5:
        assert grid.grid_books.shape[1:] == (2, 5)  # 48 negatives: two blocks of 5 x 5
        assert not grid.grid_mask[0].all()  # some cells are true pairs: masked out
    assert loss == pytest.approx(expected_loss, rel=1e-5)
    assert len(got) == len(expected) == (4 if cls else 2)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-4, atol=1e-6 * np.abs(e).max())


@pytest.mark.parametrize(
    "optimizer, lr, cls",
    [("adam", 0.01, False), ("adagrad", 0.1, False), ("adam", 0.01, True)],
    ids=["adam", "adagrad", "adam-classification"],
)
def test_the_trainer_matches_keras_fit(groups_matrix, optimizer, lr, cls):
    """Same batches, same initial weights: Keras' optimizers and ``Model.fit`` agree.

    With single negatives (the original's batches), where every example is one occurrence
    of its rows: Keras' Adam and Adagrad square each occurrence's gradient, while a block
    row's gradient is the sum over its cells (one occurrence).
    """
    keras = pytest.importorskip("keras")
    X, _ = groups_matrix
    data, epoch_fn = epochs_of(X, label=0.0 if cls else -1.0, epochs=2, block=1)
    ours = _engine.train(
        epoch_fn,
        n_books=X.shape[0],
        n_links=X.shape[1],
        embedding_dim=DIM,
        epochs=2,
        loss=LOSSES["binary_crossentropy" if cls else "mse"],
        optimizer=optimizer,
        learning_rate=lr,
        seed=0,
    )
    model = _engine.build_model(X.shape[0], X.shape[1], DIM, classification=cls, seed=0)
    if optimizer == "adam":
        opt = keras.optimizers.Adam(learning_rate=lr, epsilon=1e-7)
    else:
        opt = keras.optimizers.Adagrad(lr, initial_accumulator_value=0.1, epsilon=1e-7)
    model.compile(optimizer=opt, loss=keras_loss(cls))
    losses = []
    for grid in data:
        books, links, labels, weights = grid.examples()
        hist = model.fit(
            [books[:, None], links[:, None]],
            labels[:, None],
            sample_weight=weights,
            batch_size=grid.examples_per_batch,
            shuffle=False,
            verbose=0,
        )
        losses.append(hist.history["loss"][-1])
    np.testing.assert_allclose(ours[0], model.get_layer("book_embedding").embeddings, atol=2e-5)
    np.testing.assert_allclose(ours[1], model.get_layer("link_embedding").embeddings, atol=2e-5)
    np.testing.assert_allclose(ours[2], losses, rtol=1e-4)


def _grid_epoch(books, links, neg_books, neg_links, k):
    """Batches of ``k`` true pairs and ``k`` single negatives each."""
    steps = books.shape[0] // k
    return GridEpoch(
        books=books.reshape(steps, k),
        links=links.reshape(steps, k),
        grid_books=neg_books.reshape(steps, k, 1),
        grid_links=neg_links.reshape(steps, k, 1),
        grid_mask=np.ones((steps, k, 1, 1), bool),
        grid_weight=np.ones(steps, np.float32),
        negative_label=-1.0,
        normalizer=2.0 * k,
    )


@pytest.mark.parametrize(
    "optimizer, moves", [("lazy_adam", False), ("rowwise_adam", False), ("adam", True)]
)
def test_lazy_adam_moves_only_the_rows_of_the_batch(optimizer, moves):
    n_books, n_links, k = 20, 30, 8
    rng = np.random.default_rng(3)
    ids = [rng.integers(1, n, 2 * k).astype(np.int32) for n in (n_books, n_links) * 2]
    ids[0][0] = ids[1][0] = 0  # book 0 and link 0: only in the first batch

    def run(n_batches):
        n = n_batches * k
        return _engine.train(
            lambda: _grid_epoch(*(a[:n] for a in ids), k),
            n_books=n_books,
            n_links=n_links,
            embedding_dim=DIM,
            epochs=1,
            loss=LOSSES["mse"],
            optimizer=optimizer,
            learning_rate=0.05,
            seed=0,
        )

    after_first, after_both = run(1), run(2)
    initial = _engine.build_model(n_books, n_links, DIM, classification=False, seed=0)
    initial_books = initial.get_layer("book_embedding").embeddings.numpy()
    assert not np.allclose(after_first[0][0], initial_books[0])
    # Lazy Adam leaves book 0 alone in the second batch; Keras' dense Adam keeps moving it.
    assert np.array_equal(after_first[0][0], after_both[0][0]) != moves
    assert np.array_equal(after_first[1][0], after_both[1][0]) != moves
    # A row never in any batch never moves, whatever the optimizer.
    absent = np.setdiff1d(np.arange(n_books), np.concatenate([ids[0], ids[2]]))
    assert absent.size
    np.testing.assert_array_equal(after_both[0][absent], initial_books[absent])


def test_rowwise_adam_keeps_one_second_moment_per_row():
    opt = _optimizers.RowwiseAdam(0.1)
    assert opt.slot_shapes((7, 4)) == [(7, 4), (7, 1)]
    assert opt.slot_shapes((3,)) == [(3,), (3,)]
    rng = np.random.default_rng(0)
    value, m, grad = (rng.normal(size=(3, 4)).astype(np.float32) for _ in range(3))
    s = rng.random((3, 1)).astype(np.float32)
    new, (new_m, new_s) = opt.update(
        tf.constant(value), [tf.constant(m), tf.constant(s)], tf.constant(grad),
        tf.constant(grad**2), tf.constant(2.0),
    )  # fmt: skip
    expected_m = 0.9 * m + 0.1 * grad
    expected_s = 0.999 * s + 0.001 * (grad**2).mean(axis=1, keepdims=True)
    rate = 0.1 * np.sqrt(1 - 0.999**2) / (1 - 0.9**2)
    np.testing.assert_allclose(new_m, expected_m, rtol=1e-6)
    np.testing.assert_allclose(new_s, expected_s, rtol=1e-6)
    np.testing.assert_allclose(
        new, value - rate * expected_m / (np.sqrt(expected_s) + 1e-7), rtol=1e-5
    )


def test_a_new_optimizer_is_one_class(groups_matrix, monkeypatch):
    class SGD(_engine.Optimizer):
        def update(self, value, slots, grad, grad_squared, step):
            return value - self.lr * grad, []

    monkeypatch.setitem(_engine.OPTIMIZERS, "sgd", SGD)
    X, groups = groups_matrix
    books, _, losses = train(X, epochs=12, optimizer="sgd", lr=1.0, block=3)
    assert losses[-1] < 0.8 * losses[0]
    assert same_group_share(books, groups) >= 0.9


def test_initial_arrays_are_honoured(groups_matrix):
    X, _ = groups_matrix
    rng = np.random.default_rng(0)
    book_init = rng.normal(size=(X.shape[0], DIM)).astype(np.float32)
    link_init = rng.normal(size=(X.shape[1], DIM)).astype(np.float32)
    books, links, losses = train(X, epochs=0, book_init=book_init, link_init=link_init)
    np.testing.assert_array_equal(books, book_init)
    np.testing.assert_array_equal(links, link_init)
    assert losses == []
    # Training starts from them: one short epoch stays close to the initial arrays.
    books, _, _ = train(X, epochs=1, lr=1e-3, book_init=book_init, link_init=link_init)
    assert np.abs(books - book_init).max() < 0.05


def test_initial_arrays_of_the_wrong_shape(groups_matrix):
    X, _ = groups_matrix
    with pytest.raises(ValueError, match=r"initial book table.*expected \(48, 16\)"):
        train(X, epochs=1, book_init=np.zeros((3, DIM), np.float32))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(optimizer="sgd"), "optimizer must be one of"),
        (dict(strategy="tpu"), "unknown strategy"),
    ],
)
def test_bad_arguments(groups_matrix, kwargs, match):
    X, _ = groups_matrix
    with pytest.raises(ValueError, match=match):
        train(X, epochs=1, **kwargs)


def test_callbacks_see_each_epoch_and_can_stop_training(groups_matrix):
    X, _ = groups_matrix
    seen = []

    def record(epoch, loss, tables):
        seen.append((epoch, loss, tables.book_embeddings.copy()))
        assert not tables.link_embeddings.flags.writeable  # read-only access
        return epoch == 3  # stop after the third epoch

    books, _, losses = train(X, epochs=10, block=3, callbacks=[record])
    assert [e for e, _, _ in seen] == [1, 2, 3] and len(losses) == 3
    assert [loss for _, loss, _ in seen] == losses
    np.testing.assert_array_equal(seen[-1][2], books)
    assert not np.array_equal(seen[0][2], seen[1][2])


def test_a_diverging_loss_stops_training_with_a_clear_error(groups_matrix):
    X, _ = groups_matrix
    with pytest.raises(FloatingPointError, match="learning rate .*too large"):
        train(X, epochs=5, lr=1e20, block=3)


def test_epochs_are_drawn_in_order_and_errors_surface():
    calls = []

    def epoch_fn():
        calls.append(len(calls))
        if len(calls) == 3:
            raise RuntimeError("sampler broke")
        return calls[-1]

    seen = []
    with pytest.raises(RuntimeError, match="sampler broke"):
        for value in prefetched(epoch_fn, 5):
            seen.append(value)
    assert seen == [0, 1]
    assert calls == [0, 1, 2]
    assert list(prefetched(lambda: 7, 0)) == []


def test_no_sampler_thread_outlives_an_interrupted_fit(groups_matrix):
    X, _ = groups_matrix

    def interrupt(epoch, loss, tables):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        train(X, epochs=5, block=3, callbacks=[interrupt])
    names = [t.name for t in threading.enumerate()]
    assert "skbookembed-sampler" not in names


@pytest.mark.parametrize(
    ("before", "env", "expected"),
    [
        ("", {}, "1"),  # skbookembed starts TensorFlow: one thread per op
        ("", {"TF_NUM_INTRAOP_THREADS": "2"}, "0"),  # the user's variable stands
        ("tf.config.threading.set_intra_op_parallelism_threads(3); ", {}, "3"),
        ("tf.constant(1.0) + 1.0; ", {}, "0"),  # TensorFlow has started: left as it is
    ],
)
def test_tensorflow_runs_each_op_on_one_thread_unless_the_user_chose(before, env, expected):
    code = f"import tensorflow as tf; {before}from skbookembed import _tf; "
    code += "print(tf.config.threading.get_intra_op_parallelism_threads())"
    env = {k: v for k, v in os.environ.items() if k != "TF_NUM_INTRAOP_THREADS"} | env
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == [expected]
