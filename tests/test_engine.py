"""The training engine: both engines learn planted structure, the fused one exactly.

Every test trains on a tiny planted matrix for a few epochs; the whole module runs in
well under 30 seconds on two CPU cores.
"""

from __future__ import annotations

import numpy as np
import pytest

from skbookembed._sampling import EpochSampler, PairSet

from .conftest import planted_groups

tf = pytest.importorskip("tensorflow")
_engine = pytest.importorskip("skbookembed._engine")

DIM = 16


def same_group_share(vectors: np.ndarray, groups: np.ndarray, topn: int = 5) -> float:
    """Share of each row's ``topn`` cosine neighbours (itself excluded) in its own group."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = unit @ unit.T
    np.fill_diagonal(sims, -np.inf)
    nearest = np.argsort(-sims, axis=1)[:, :topn]
    return float((groups[nearest] == groups[:, None]).mean())


def epochs_of(
    X, *, n_positive=32, ratio=2.0, label=-1.0, seed=0, epochs=1, negatives="uniform", block=4
):
    """A fixed list of epochs from the sampler, and an epoch_fn replaying them in order."""
    sampler = EpochSampler(
        PairSet.from_matrix(X),
        n_positive=n_positive,
        negative_ratio=ratio,
        positives="epoch",
        negative_label=label,
        rng=np.random.default_rng(seed),
        block=1 if negatives == "uniform" else block,
    )
    data = [sampler.epoch() for _ in range(epochs)]
    if negatives == "uniform":  # flat (books, links, labels) batches
        data = [tuple(epoch.examples()[:3]) for epoch in data]

    def epoch_fn():
        return data[epoch_fn.calls.__next__()]

    epoch_fn.calls = iter(range(epochs))
    return data, epoch_fn, sampler.batch_size


def train(
    X,
    *,
    epochs,
    engine="fused",
    optimizer="lazy_adam",
    lr=0.02,
    cls=False,
    seed=0,
    data_seed=0,
    negatives="uniform",
    **kwargs,
):
    _, epoch_fn, batch_size = epochs_of(
        X, label=0.0 if cls else -1.0, seed=data_seed, epochs=epochs, negatives=negatives
    )
    return _engine.train(
        epoch_fn,
        n_books=X.shape[0],
        n_links=X.shape[1],
        embedding_dim=DIM,
        batch_size=batch_size,
        epochs=epochs,
        classification=cls,
        optimizer=optimizer,
        learning_rate=lr,
        engine=engine,
        seed=seed,
        **kwargs,
    )


@pytest.mark.parametrize(
    "engine, optimizer, lr, cls",
    [
        ("fused", "lazy_adam", 0.05, False),
        ("fused", "adagrad", 0.5, False),
        ("fused", "adam", 0.03, False),
        ("fused", "lazy_adam", 0.05, True),
        ("keras", "adam", 0.03, False),
    ],
    ids=["fused-lazy_adam", "fused-adagrad", "fused-dense-adam", "fused-classification", "keras"],
)
def test_engines_learn_the_planted_groups(groups_matrix, engine, optimizer, lr, cls):
    X, groups = groups_matrix
    books, links, history = train(X, epochs=12, engine=engine, optimizer=optimizer, lr=lr, cls=cls)
    assert books.dtype == links.dtype == np.float32
    assert books.shape == (X.shape[0], DIM) and links.shape == (X.shape[1], DIM)
    assert len(history["loss"]) == 12
    # MSE starts near 1 (cosines near 0, labels +-1); BCE near log 2.
    start = np.log(2) if cls else 1.0
    assert history["loss"][0] == pytest.approx(start, abs=0.1)
    assert history["loss"][-1] < 0.8 * history["loss"][0]
    assert same_group_share(books, groups) >= 0.9
    link_groups = np.arange(X.shape[1]) // 15  # planted_groups: 15 links per group
    assert same_group_share(links, link_groups) >= 0.8


@pytest.mark.parametrize(
    "engine, optimizer, cls",
    [
        ("fused", "lazy_adam", False),
        ("fused", "adam", False),
        ("fused", "lazy_adam", True),
        ("keras", "adam", False),
    ],
    ids=["fused-lazy_adam", "fused-dense-adam", "fused-classification", "keras"],
)
def test_grid_negatives_learn_the_planted_groups(groups_matrix, engine, optimizer, cls):
    X, groups = groups_matrix
    books, links, history = train(
        X, epochs=12, engine=engine, optimizer=optimizer, lr=0.05, cls=cls, negatives="grid"
    )
    start = np.log(2) if cls else 1.0
    assert history["loss"][0] == pytest.approx(start, abs=0.1)
    assert history["loss"][-1] < 0.8 * history["loss"][0]
    assert same_group_share(books, groups) >= 0.9
    assert same_group_share(links, np.arange(X.shape[1]) // 15) >= 0.8


@pytest.mark.parametrize("optimizer", ["lazy_adam", "adagrad", "adam"])
def test_fused_training_is_deterministic(groups_matrix, optimizer):
    X, _ = groups_matrix
    first = train(X, epochs=3, optimizer=optimizer)
    second = train(X, epochs=3, optimizer=optimizer)
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])
    assert first[2] == second[2]
    other_seed = train(X, epochs=3, optimizer=optimizer, seed=1)
    assert not np.array_equal(first[0], other_seed[0])


def test_keras_training_is_deterministic(groups_matrix):
    X, _ = groups_matrix
    first = train(X, epochs=2, engine="keras", optimizer="adam")
    second = train(X, epochs=2, engine="keras", optimizer="adam")
    np.testing.assert_array_equal(first[0], second[0])
    np.testing.assert_array_equal(first[1], second[1])


def _gradients_of_one_step(X, cls):
    """The fused step's gradients next to those of autodiff through the Keras model."""
    data, _, batch_size = epochs_of(X, label=0.0 if cls else -1.0)
    books, links, labels = (tf.constant(a[:batch_size]) for a in data[0])
    model = _engine.build_model(X.shape[0], X.shape[1], DIM, classification=cls, seed=0)
    trainer = _engine._FusedTrainer(
        model, batch_size=batch_size, classification=cls, optimizer="lazy_adam", learning_rate=0.1
    )
    with tf.GradientTape() as tape:
        pred = model([books[:, None], links[:, None]], training=True)
        expected_loss = trainer.loss_fn(labels[:, None], pred)
    expected = [
        tf.convert_to_tensor(g).numpy()
        for g in tape.gradient(expected_loss, model.trainable_variables)
    ]
    u = tf.gather(trainer.tables[0], books)
    v = tf.gather(trainer.tables[1], links)
    loss, grad_u, grad_v, grad_dense = trainer._loss_and_gradients(u, v, labels)
    got = [
        tf.math.unsorted_segment_sum(grad_u, books, X.shape[0]).numpy(),
        tf.math.unsorted_segment_sum(grad_v, links, X.shape[1]).numpy(),
        *[g.numpy() for g in grad_dense],
    ]
    return float(loss), float(expected_loss), got, expected


@pytest.mark.parametrize("cls", [False, True], ids=["regression", "classification"])
def test_fused_gradients_are_those_of_the_keras_model(groups_matrix, cls):
    X, _ = groups_matrix
    loss, expected_loss, got, expected = _gradients_of_one_step(X, cls)
    assert loss == pytest.approx(expected_loss, rel=1e-6)
    assert len(got) == len(expected) == (4 if cls else 2)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-4, atol=1e-7 * np.abs(e).max())


def _grid_gradients_of_one_step(X, cls):
    """A grid batch: the fused gradients, and autodiff on the batch written out."""
    data, _, _ = epochs_of(
        X, n_positive=16, ratio=3.0, label=0.0 if cls else -0.5, negatives="grid", block=5
    )
    grid = data[0]
    assert grid.grid_books.shape[1:] == (2, 5)  # 48 negatives: two blocks of 5 x 5
    assert not grid.grid_mask[0].all()  # some cells are true pairs: masked out
    size = grid.examples_per_batch
    books, links, labels, weights = (tf.constant(a[:size]) for a in grid.examples())
    model = _engine.build_model(X.shape[0], X.shape[1], DIM, classification=cls, seed=0)
    trainer = _engine._FusedTrainer(
        model, batch_size=size, classification=cls, optimizer="lazy_adam", learning_rate=0.1
    )
    with tf.GradientTape() as tape:
        pred = model([books[:, None], links[:, None]], training=True)
        expected_loss = trainer.loss_fn(labels[:, None], pred, sample_weight=weights)
    expected = [
        tf.convert_to_tensor(g).numpy()
        for g in tape.gradient(expected_loss, model.trainable_variables)
    ]
    row_books = np.concatenate([grid.books[0], grid.grid_books[0].ravel()])
    row_links = np.concatenate([grid.links[0], grid.grid_links[0].ravel()])
    u = tf.gather(trainer.tables[0], row_books)
    v = tf.gather(trainer.tables[1], row_links)
    loss, grad_u, grad_v, grad_dense = trainer._grid_loss_and_gradients(
        u,
        v,
        tf.constant(16),
        tf.constant([2, 5]),
        tf.constant(grid.grid_mask[0]),
        tf.constant(grid.grid_weight[0]),
        tf.constant(grid.negative_label, tf.float32),
        tf.constant(grid.normalizer, tf.float32),
    )
    got = [
        tf.math.unsorted_segment_sum(grad_u, row_books, X.shape[0]).numpy(),
        tf.math.unsorted_segment_sum(grad_v, row_links, X.shape[1]).numpy(),
        *[g.numpy() for g in grad_dense],
    ]
    return float(loss), float(expected_loss), got, expected


@pytest.mark.parametrize("cls", [False, True], ids=["regression", "classification"])
def test_grid_gradients_are_those_of_the_keras_model(cls):
    # Dense enough that some grid cells hit true pairs and are masked.
    X, _ = planted_groups(n_groups=3, books_per_group=8, links_per_group=6, links_per_book=4)
    loss, expected_loss, got, expected = _grid_gradients_of_one_step(X, cls)
    assert loss == pytest.approx(expected_loss, rel=1e-5)
    assert len(got) == len(expected) == (4 if cls else 2)
    for g, e in zip(got, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-4, atol=1e-6 * np.abs(e).max())


@pytest.mark.parametrize(
    "optimizer, lr, cls",
    [("adam", 0.01, False), ("adagrad", 0.1, False), ("adam", 0.01, True)],
    ids=["adam", "adagrad", "adam-classification"],
)
def test_fused_matches_keras_fit(groups_matrix, optimizer, lr, cls):
    # Same data, same initial weights, Keras' optimizer formulas: the two engines agree.
    X, _ = groups_matrix
    fused = train(X, epochs=2, engine="fused", optimizer=optimizer, lr=lr, cls=cls)
    keras_ = train(X, epochs=2, engine="keras", optimizer=optimizer, lr=lr, cls=cls)
    np.testing.assert_allclose(fused[0], keras_[0], atol=2e-5)
    np.testing.assert_allclose(fused[1], keras_[1], atol=2e-5)
    np.testing.assert_allclose(fused[2]["loss"], keras_[2]["loss"], rtol=1e-4)


def _one_row_then_others(n_books, n_links, batch):
    """Two batches: book 0 and link 0 only in the first one."""
    rng = np.random.default_rng(3)
    books = rng.integers(1, n_books, 2 * batch).astype(np.int32)
    links = rng.integers(1, n_links, 2 * batch).astype(np.int32)
    books[0] = links[0] = 0
    labels = np.where(rng.random(2 * batch) < 0.5, 1.0, -1.0).astype(np.float32)
    return books, links, labels


@pytest.mark.parametrize("optimizer, moves", [("lazy_adam", False), ("adam", True)])
def test_lazy_adam_moves_only_the_rows_of_the_batch(optimizer, moves):
    n_books, n_links, batch = 20, 30, 16
    books, links, labels = _one_row_then_others(n_books, n_links, batch)

    def run(n_batches):
        n = n_batches * batch
        return _engine.train(
            lambda: (books[:n], links[:n], labels[:n]),
            n_books=n_books,
            n_links=n_links,
            embedding_dim=DIM,
            batch_size=batch,
            epochs=1,
            classification=False,
            optimizer=optimizer,
            learning_rate=0.05,
            engine="fused",
            seed=0,
        )

    after_first, after_both = run(1), run(2)
    initial = _engine.build_model(n_books, n_links, DIM, classification=False, seed=0)
    initial_books = initial.get_layer("book_embedding").embeddings.numpy()
    # Book 0 was in the first batch: it moved then.
    assert not np.allclose(after_first[0][0], initial_books[0])
    # Lazy Adam leaves it alone in the second batch; Keras' dense Adam keeps moving it.
    assert np.array_equal(after_first[0][0], after_both[0][0]) != moves
    assert np.array_equal(after_first[1][0], after_both[1][0]) != moves
    # A row never in any batch never moves, whatever the optimizer.
    absent = np.setdiff1d(np.arange(n_books), books)
    if absent.size:
        np.testing.assert_array_equal(after_both[0][absent], initial_books[absent])


def test_initial_arrays_are_honoured(groups_matrix):
    X, _ = groups_matrix
    rng = np.random.default_rng(0)
    book_init = rng.normal(size=(X.shape[0], DIM)).astype(np.float32)
    link_init = rng.normal(size=(X.shape[1], DIM)).astype(np.float32)
    books, links, history = train(X, epochs=0, book_init=book_init, link_init=link_init)
    np.testing.assert_array_equal(books, book_init)
    np.testing.assert_array_equal(links, link_init)
    assert history == {"loss": []}
    # Training starts from them: one short epoch stays close to the initial arrays.
    books, _, _ = train(X, epochs=1, lr=1e-3, book_init=book_init, link_init=link_init)
    assert np.abs(books - book_init).max() < 0.05


def test_initial_arrays_of_the_wrong_shape(groups_matrix):
    X, _ = groups_matrix
    with pytest.raises(ValueError, match=r"book_embedding.*expected \(48, 16\)"):
        train(X, epochs=1, book_init=np.zeros((3, DIM), np.float32))


@pytest.mark.parametrize(
    "kwargs, match",
    [
        (dict(engine="torch"), "engine must be one of"),
        (dict(optimizer="sgd"), "optimizer must be one of"),
        (dict(strategy="tpu"), "unknown strategy name"),
    ],
)
def test_bad_arguments(groups_matrix, kwargs, match):
    X, _ = groups_matrix
    with pytest.raises(ValueError, match=match):
        train(X, epochs=1, **kwargs)


def test_a_trailing_partial_batch_is_dropped():
    X, _ = planted_groups(n_groups=2, books_per_group=4, links_per_group=5, links_per_book=3)
    data, _, batch = epochs_of(X, n_positive=4)
    books, links, labels = data[0]
    extra = (np.append(books, 0), np.append(links, 0), np.append(labels, np.float32(1.0)))
    kwargs = dict(
        n_books=X.shape[0],
        n_links=X.shape[1],
        embedding_dim=DIM,
        batch_size=batch,
        epochs=1,
        classification=False,
        optimizer="lazy_adam",
        learning_rate=0.01,
        engine="fused",
        seed=0,
    )
    plain = _engine.train(lambda: data[0], **kwargs)
    padded = _engine.train(lambda: extra, **kwargs)
    np.testing.assert_array_equal(plain[0], padded[0])


def test_epochs_are_drawn_in_order_and_errors_surface():
    calls = []

    def epoch_fn():
        calls.append(len(calls))
        if len(calls) == 3:
            raise RuntimeError("sampler broke")
        return calls[-1]

    seen = []
    with pytest.raises(RuntimeError, match="sampler broke"):
        for value in _engine._prefetched(epoch_fn, 5):
            seen.append(value)
    assert seen == [0, 1]
    assert calls == [0, 1, 2]
    assert list(_engine._prefetched(lambda: 7, 0)) == []
