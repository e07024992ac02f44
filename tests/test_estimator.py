"""PairEmbeddingRecommender: known answers on planted matrices, the estimator contract."""

from __future__ import annotations

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.exceptions import NotFittedError
from sklearn.model_selection import GridSearchCV, KFold

from skbookembed import PairEmbeddingRecommender
from skbookembed._estimator import ORIGINAL_RECIPE
from skbookembed._params import Loss, Sampling

from .conftest import planted_groups

FAST = dict(embedding_dim=16, epochs=30, n_positive=32, learning_rate=0.02, random_state=0)


def same_group_share(vectors: np.ndarray, groups: np.ndarray, topn: int) -> float:
    """Share of each book's ``topn`` cosine neighbours (itself excluded) in its own group."""
    unit = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
    sims = unit @ unit.T
    np.fill_diagonal(sims, -np.inf)
    nearest = np.argsort(-sims, axis=1)[:, :topn]
    return float((groups[nearest] == groups[:, None]).mean())


@pytest.fixture(scope="module")
def fitted(groups_matrix):
    X, groups = groups_matrix
    names = [f"book {i}" for i in range(X.shape[0])]
    links = [f"link {j}" for j in range(X.shape[1])]
    return PairEmbeddingRecommender(**FAST).fit(X, book_names=names, link_names=links)


def test_neighbours_come_from_the_same_group(fitted, groups_matrix):
    X, groups = groups_matrix
    assert same_group_share(fitted.book_embeddings_, groups, topn=5) >= 0.95
    # Queries by key: the five most similar books of "book 0" are in its group (0..11).
    top = fitted.most_similar("book 0", topn=5)
    assert all(int(key.split()[1]) < 12 for key, _ in top)
    assert [s for _, s in top] == sorted((s for _, s in top), reverse=True)


def test_link_neighbours_come_from_the_same_group(fitted):
    # Links 0..14 belong to group 0.
    top = fitted.links_.most_similar("link 3", topn=5)
    assert all(int(key.split()[1]) < 15 for key, _ in top)


@pytest.mark.parametrize(
    "params",
    [
        dict(loss="binary_crossentropy"),
        dict(optimizer="adam"),
        dict(optimizer="adagrad", learning_rate=0.2),
        dict(sampling=Sampling(positives="random")),
        dict(sampling=Sampling(block=1)),
        dict(sampling=Sampling(block=4)),
        dict(sampling=Sampling(exponent=0.75)),
        dict(sampling=Sampling(block=1, exponent=0.75)),
        dict(epochs="auto"),
    ],
    ids=[
        "classification-head",
        "dense-adam",
        "adagrad",
        "random-positives",
        "uniform-negatives",
        "blocks-of-4",
        "exponent-0.75",
        "uniform-exponent-0.75",
        "auto-epochs",
    ],
)
def test_variants_learn_the_planted_groups(groups_matrix, params):
    X, groups = groups_matrix
    est = PairEmbeddingRecommender(**{**FAST, **params}).fit(X)
    assert same_group_share(est.book_embeddings_, groups, topn=5) >= 0.9
    assert est.history_["loss"][-1] < est.history_["loss"][0]


def test_fitted_attributes(fitted, groups_matrix):
    X, _ = groups_matrix
    assert fitted.book_embeddings_.shape == (X.shape[0], 16)
    assert fitted.link_embeddings_.shape == (X.shape[1], 16)
    assert fitted.book_embeddings_.dtype == np.float32
    assert fitted.link_embeddings_.dtype == np.float32
    assert fitted.n_features_in_ == X.shape[1]
    assert fitted.n_pairs_ == X.nnz
    assert len(fitted.history_["loss"]) == 30
    assert fitted.book_names_[3] == "book 3"
    assert fitted.books_.index_to_key[3] == "book 3"


def test_same_seed_gives_identical_embeddings(groups_matrix):
    X, _ = groups_matrix
    params = {**FAST, "epochs": 3}
    a = PairEmbeddingRecommender(**params).fit(X)
    b = PairEmbeddingRecommender(**params).fit(X)
    np.testing.assert_array_equal(a.book_embeddings_, b.book_embeddings_)
    np.testing.assert_array_equal(a.link_embeddings_, b.link_embeddings_)
    c = PairEmbeddingRecommender(**{**params, "random_state": 1}).fit(X)
    assert not np.array_equal(a.book_embeddings_, c.book_embeddings_)


def test_same_seed_identical_with_dense_adam(groups_matrix):
    X, _ = groups_matrix
    params = {**FAST, "epochs": 2, "optimizer": "adam", "sampling": "original"}
    a = PairEmbeddingRecommender(**params).fit(X)
    b = PairEmbeddingRecommender(**params).fit(X)
    np.testing.assert_array_equal(a.book_embeddings_, b.book_embeddings_)


def test_at_most_twelve_parameters_and_auto_epochs(groups_matrix):
    from skbookembed._params import auto_epochs, auto_n_positive

    assert len(PairEmbeddingRecommender().get_params(deep=False)) <= 12
    assert auto_epochs(770_000) == 11  # the notebook's 770,000 pairs
    assert auto_epochs(3 * 1024) == 300 and auto_epochs(10**9) == 10
    assert auto_epochs(752 * 1024) == auto_epochs(376 * 2048)  # whatever the batch size
    assert [auto_n_positive(n) for n in (17_288, 262_143, 262_144, 770_000)] == [
        1024,
        1024,
        2048,
        2048,
    ]
    X, _ = groups_matrix  # 427 pairs, batches of 32: 13 steps an epoch
    est = PairEmbeddingRecommender(**{**FAST, "epochs": "auto"}).fit(X)
    assert len(est.history_["loss"]) == auto_epochs(13 * 32)


def test_auto_batch_size_follows_the_number_of_pairs():
    from skbookembed._fitting import epoch_sampler
    from skbookembed._params import Loss, Sampling
    from skbookembed._sampling import PairSet

    rng = np.random.default_rng(0)
    for n_pairs, expected in ((262_143, 1024), (262_144, 2048)):
        X = sp.coo_matrix(
            (np.ones(n_pairs), np.divmod(rng.permutation(2000 * 2000)[:n_pairs], 2000)),
            shape=(2000, 2000),
        ).tocsr()
        sampler = epoch_sampler(
            PairSet.from_matrix(X), Loss(), Sampling(), rng, n_positive="auto", negative_ratio=4.0
        )
        assert sampler.n_positive == expected
        assert sampler.steps_per_epoch == n_pairs // expected


def test_original_recipe_settings():
    est = PairEmbeddingRecommender.original_recipe(random_state=3)
    params = est.get_params()
    for key, value in ORIGINAL_RECIPE.items():
        assert params[key] == value
    assert params["random_state"] == 3
    assert (est.n_positive, est.negative_ratio, est.epochs) == (1024, 2.0, 15)


def test_original_recipe_trains(groups_matrix):
    X, groups = groups_matrix
    est = PairEmbeddingRecommender.original_recipe(
        embedding_dim=16, n_positive=32, epochs=30, learning_rate=0.02, random_state=0
    ).fit(X)
    assert same_group_share(est.book_embeddings_, groups, topn=5) >= 0.9


# ---------------------------------------------------------------- transform (fold-in)


def test_fit_transform_equals_fit_then_transform(groups_matrix):
    X, _ = groups_matrix
    params = {**FAST, "epochs": 3}
    a = PairEmbeddingRecommender(**params).fit_transform(X)
    b = PairEmbeddingRecommender(**params).fit(X).transform(X)
    np.testing.assert_array_equal(a, b)
    assert a.dtype == np.float32


def test_transform_is_deterministic_and_normalised(fitted, groups_matrix):
    X, _ = groups_matrix
    a, b = fitted.transform(X), fitted.transform(X)
    np.testing.assert_array_equal(a, b)
    np.testing.assert_allclose(np.linalg.norm(a, axis=1), 1.0, rtol=1e-5)


def test_folded_in_vectors_agree_with_learned_ones(fitted, groups_matrix):
    X, groups = groups_matrix
    folded = fitted.transform(X)
    learned = fitted.book_embeddings_ / np.linalg.norm(
        fitted.book_embeddings_, axis=1, keepdims=True
    )
    cosine = np.sum(folded * learned, axis=1)
    assert np.median(cosine) > 0.8
    assert same_group_share(folded, groups, topn=5) >= 0.95


def test_transform_places_unseen_books_in_their_group():
    X, groups = planted_groups(seed=0)
    X_new, groups_new = planted_groups(books_per_group=3, seed=1)
    est = PairEmbeddingRecommender(**FAST).fit(X)
    new = est.transform(X_new)
    ids, _ = est.books_.batch_most_similar(new, topn=5, exclude_self=False)
    assert (groups[ids] == groups_new[:, None]).mean() >= 0.95


def test_transform_of_a_book_without_links_is_zero(fitted, groups_matrix):
    X, _ = groups_matrix
    empty = sp.csr_matrix((2, X.shape[1]), dtype=np.float32)
    np.testing.assert_array_equal(fitted.transform(empty), 0.0)


def test_transform_checks_the_number_of_links(fitted):
    with pytest.raises(ValueError, match="features"):
        fitted.transform(sp.csr_matrix((2, 3)))


def test_transform_before_fit():
    with pytest.raises(NotFittedError):
        PairEmbeddingRecommender().transform(np.ones((2, 2)))


# ---------------------------------------------------------------- score


def test_score_is_high_for_learned_structure_and_low_for_noise(fitted, groups_matrix):
    X, _ = groups_matrix
    good = fitted.score(X)
    assert 0.5 < good <= 1.0
    noise = clone(fitted)
    noise.__dict__.update({k: v for k, v in vars(fitted).items() if k.endswith("_")})
    rng = np.random.default_rng(0)
    noise.link_embeddings_ = rng.normal(size=fitted.link_embeddings_.shape).astype(np.float32)
    noise._clear_views()
    assert noise.score(X) < good / 2


def test_grid_search_tunes_two_hyper_parameters(groups_matrix):
    X, _ = groups_matrix
    search = GridSearchCV(
        PairEmbeddingRecommender(**{**FAST, "epochs": 10}),
        {"embedding_dim": [2, 16], "learning_rate": [1e-5, 0.02]},
        cv=KFold(3, shuffle=True, random_state=0),
    )
    search.fit(X)
    assert search.best_params_["learning_rate"] == 0.02
    scores = search.cv_results_["mean_test_score"]
    assert scores.max() > 0.5 and scores.min() < scores.max()


# ---------------------------------------------------------------- names and bad input


def test_dataframe_index_and_columns_become_names(groups_matrix):
    pd = pytest.importorskip("pandas")
    X, _ = groups_matrix
    df = pd.DataFrame(
        X.toarray(),
        index=[f"title {i}" for i in range(X.shape[0])],
        columns=[f"page {j}" for j in range(X.shape[1])],
    )
    est = PairEmbeddingRecommender(**{**FAST, "epochs": 1}).fit(df)
    assert est.book_names_[0] == "title 0" and est.link_names_[5] == "page 5"
    assert "title 7" in est.books_


def test_without_names_keys_are_indices(groups_matrix):
    X, _ = groups_matrix
    est = PairEmbeddingRecommender(**{**FAST, "epochs": 1}).fit(X)
    assert est.book_names_ is None
    assert est.books_.index_to_key[:3] == [0, 1, 2]


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        (dict(book_names=["a", "b"]), ValueError, "book_names has 2 names but X has 48 rows"),
        (dict(link_names=["a"] * 60), ValueError, "link_names must be unique"),
        (dict(book_names="abc"), TypeError, "not a single string"),
    ],
)
def test_bad_names(groups_matrix, kwargs, error, match):
    X, _ = groups_matrix
    est = PairEmbeddingRecommender(**FAST)
    with pytest.raises(error, match=match):
        est.fit(X, **kwargs)
    assert not hasattr(est, "book_embeddings_")


@pytest.mark.parametrize(
    ("X", "match"),
    [
        (sp.csr_matrix(np.array([[1.0, -1.0, 0.0], [0.0, 1.0, 0.0]])), "Negative values"),
        (np.array([[1.0, np.nan], [0.0, 1.0]]), "NaN"),
        (np.array([[1.0, np.inf], [0.0, 1.0]]), "infinity"),
        (np.zeros((0, 3)), "0 sample"),
        (np.zeros((3, 3)), "no non-zero entry"),
        (np.ones((3, 3)), "Every \\(book, link\\) pair of X is present"),
    ],
    ids=["negative", "nan", "inf", "empty", "all-zero", "all-present"],
)
def test_bad_matrices_get_clear_errors(X, match):
    est = PairEmbeddingRecommender(**FAST)
    with pytest.raises(ValueError, match=match):
        est.fit(X)
    assert not hasattr(est, "book_embeddings_")


@pytest.mark.parametrize(
    ("param", "value"),
    [
        ("embedding_dim", 0),
        ("negative_ratio", -1.0),
        ("loss", "hinge"),
        ("loss", Loss(name="hinge")),
        ("loss", Loss(negative_target=1.0)),
        ("sampling", "hard"),
        ("sampling", Sampling(block=0)),
        ("sampling", Sampling(block="big")),
        ("sampling", Sampling(positives="all")),
        ("sampling", Sampling(exponent=np.nan)),
        ("epochs", "many"),
        ("warm_start", "yes"),
    ],
)
def test_bad_parameters(groups_matrix, param, value):
    X, _ = groups_matrix
    field = ""
    if isinstance(value, (Loss, Sampling)):
        field = next(
            k for k, v in value.get_params().items() if v != type(value)().get_params()[k]
        )
    with pytest.raises(ValueError, match=field or param):
        PairEmbeddingRecommender(**{param: value}).fit(X)


def test_a_search_tunes_fields_of_the_parameter_objects(groups_matrix):
    X, _ = groups_matrix
    est = PairEmbeddingRecommender(
        **{**FAST, "epochs": 3}, sampling=Sampling(), loss=Loss("mse", -0.25)
    )
    assert est.get_params()["sampling__exponent"] == 0.5
    search = GridSearchCV(
        est,
        {"sampling__exponent": [0.0, 0.75], "loss__negative_target": [-0.25, 0.0]},
        cv=KFold(2, shuffle=True, random_state=0),
    ).fit(X)
    assert len(search.cv_results_["params"]) == 4
    assert search.best_estimator_.sampling.exponent in (0.0, 0.75)
    assert est.sampling.exponent == 0.5  # the search worked on clones
    twin = clone(est.set_params(sampling__block=2))
    assert twin.sampling is not est.sampling and twin.sampling == Sampling(block=2)


def test_books_and_links_without_pairs_get_zero_vectors():
    X, groups = planted_groups()
    X = sp.vstack([X, sp.csr_matrix((1, X.shape[1]))]).tocsr()  # a book with no link
    X = sp.hstack([X, sp.csr_matrix((X.shape[0], 1))]).tocsr()  # a link of no book
    est = PairEmbeddingRecommender(**FAST).fit(X)
    np.testing.assert_array_equal(est.book_embeddings_[-1], 0.0)
    np.testing.assert_array_equal(est.link_embeddings_[-1], 0.0)
    assert same_group_share(est.book_embeddings_[:-1], groups, topn=5) >= 0.9


def test_dense_matrix_with_few_absent_pairs_still_trains():
    X = np.ones((6, 5))
    X[0, 0] = X[3, 4] = 0.0
    est = PairEmbeddingRecommender(embedding_dim=4, epochs=2, n_positive=4, random_state=0)
    est.fit(X)
    assert np.isfinite(est.book_embeddings_).all()


def test_count_matrix_repeats_pairs_when_asked(groups_matrix):
    X, _ = groups_matrix
    counts = X.copy()
    counts.data[::2] = 3.0
    repeat = Sampling(repeat_counts=True)
    est = PairEmbeddingRecommender(**{**FAST, "epochs": 1, "sampling": repeat}).fit(counts)
    assert est.n_pairs_ == X.nnz + 2 * counts.data[::2].size
    est = PairEmbeddingRecommender(**{**FAST, "epochs": 1}).fit(counts)
    assert est.n_pairs_ == X.nnz


def test_verbose_names_the_device_then_one_line_per_epoch(groups_matrix, capsys):
    X, _ = groups_matrix
    PairEmbeddingRecommender(**{**FAST, "epochs": 2, "verbose": 1}).fit(X)
    err = capsys.readouterr().err  # not a terminal here: plain lines, no bar
    lines = err.splitlines()
    assert len(lines) == 3 and lines[0].startswith(("Training on CPU", "Training on GPU")), err
    assert lines[1].startswith("Epoch 1/2 - loss ") and lines[2].startswith("Epoch 2/2 - loss ")
    assert "\r" not in err and "\x1b" not in err


def test_clone_and_params():
    est = PairEmbeddingRecommender(embedding_dim=7, learning_rate=0.1)
    twin = clone(est)
    assert twin.get_params() == est.get_params()
    twin.set_params(epochs=3)
    assert twin.epochs == 3 and est.epochs == "auto"


# ---------------------------------------------------------------- pipelines


def _link_lists(X: sp.csr_matrix) -> list[list[str]]:
    return [
        [f"Page {j}" for j in X.indices[X.indptr[i] : X.indptr[i + 1]]] for i in range(X.shape[0])
    ]


def test_pipeline_routes_book_names_with_metadata_routing(groups_matrix):
    from sklearn import config_context
    from sklearn.pipeline import make_pipeline

    from skbookembed import WikilinkVectorizer

    X, groups = groups_matrix
    titles = [f"Title {i}" for i in range(X.shape[0])]
    with config_context(enable_metadata_routing=True):
        est = PairEmbeddingRecommender(**FAST).set_fit_request(book_names=True)
        pipe = make_pipeline(WikilinkVectorizer(), est)
        pipe.fit(_link_lists(X), book_names=titles)
    fitted = pipe[-1]
    assert list(fitted.book_names_) == titles
    top = [key for key, _ in fitted.most_similar("title 0", topn=5)]
    assert all(groups[titles.index(key)] == groups[0] for key in top)
    # transform runs the vectorizer then folds the books in.
    assert pipe.transform(_link_lists(X)[:3]).shape == (3, 16)


def test_pipeline_step_parameters_without_routing(groups_matrix):
    from sklearn.pipeline import Pipeline

    from skbookembed import WikilinkVectorizer

    X, _ = groups_matrix
    titles = [f"Title {i}" for i in range(X.shape[0])]
    pipe = Pipeline([("links", WikilinkVectorizer()), ("rec", PairEmbeddingRecommender(**FAST))])
    pipe.set_params(rec__epochs=2).fit(_link_lists(X), rec__book_names=titles)
    assert pipe.named_steps["rec"].book_names_[5] == "Title 5"
    assert pipe.named_steps["rec"].epochs == 2


def test_negative_target_sets_the_label_of_sampled_pairs(groups_matrix):
    X, groups = groups_matrix
    absent = X.toarray() == 0
    means = []
    for target in (-1.0, -0.2, 0.0):
        est = PairEmbeddingRecommender(**{**FAST, "loss": Loss("mse", target)}).fit(X)
        assert same_group_share(est.book_embeddings_, groups, topn=5) >= 0.9
        cosines = est.books_.normed_vectors @ est.links_.normed_vectors.T
        means.append(cosines[absent].mean())
    # Unrelated (book, link) pairs are pulled towards the target: -1 cannot be reached by
    # all of them at once, 0 (orthogonal) can.
    assert means[0] < means[1] < means[2]
    assert abs(means[2]) < 0.15
    with pytest.raises(ValueError, match="negative_target"):
        PairEmbeddingRecommender(loss=Loss(negative_target=1.0)).fit(X)


def test_classification_head_similarity_means_linked(groups_matrix):
    X, _ = groups_matrix
    est = PairEmbeddingRecommender(**{**FAST, "loss": "binary_crossentropy"}).fit(X)
    cosines = est.books_.normed_vectors @ est.links_.normed_vectors.T
    present = X.toarray() > 0
    assert cosines[present].mean() > cosines[~present].mean() + 0.3
    assert est.score(X) > 0.5


def test_score_in_a_routed_pipeline_and_sample_weight(groups_matrix):
    from sklearn import config_context
    from sklearn.pipeline import make_pipeline

    from skbookembed import WikilinkVectorizer

    X, _ = groups_matrix
    docs = _link_lists(X)
    with config_context(enable_metadata_routing=True):
        est = PairEmbeddingRecommender(**FAST).set_fit_request(book_names=True)
        est.set_score_request(sample_weight=True)
        pipe = make_pipeline(WikilinkVectorizer(), est).fit(
            docs, book_names=[f"b{i}" for i in range(48)]
        )
        assert 0.5 < pipe.score(docs) <= 1.0
    plain = est.score(X)
    assert est.score(X, sample_weight=np.full(X.shape[0], 2.0)) == pytest.approx(plain)
    assert est.score(X, sample_weight=np.zeros(X.shape[0])) == 0.0
    with pytest.raises(ValueError, match="one weight per book"):
        est.score(X, sample_weight=np.ones(3))


# ---------------------------------------------------------------- all-or-nothing fit


def _fitted_attributes(est):
    return {k: v for k, v in vars(est).items() if k.endswith("_") and not k.startswith("__")}


def _assert_same_state(before, est):
    after = _fitted_attributes(est)
    assert sorted(after) == sorted(before)
    for key, value in before.items():
        if isinstance(value, np.ndarray):
            np.testing.assert_array_equal(after[key], value)
            assert after[key] is value
        else:
            assert after[key] == value


def _interrupt_mid_training(monkeypatch):
    """The second epoch's sampling raises KeyboardInterrupt (Ctrl-C during training)."""
    from skbookembed._sampling import EpochSampler

    epoch = EpochSampler.epoch
    calls = []

    def interrupted(self):
        calls.append(1)
        if len(calls) == 2:
            raise KeyboardInterrupt
        return epoch(self)

    monkeypatch.setattr(EpochSampler, "epoch", interrupted)


FAILURES = {
    "wrong-length-names": (lambda X: dict(X=X, book_names=["a"]), ValueError),
    "all-zero-other-width": (lambda X: dict(X=np.zeros((5, 7))), ValueError),
    "bad-strategy": (lambda X: dict(X=X, strategy="mirored"), ValueError),
    "diverging": (lambda X: dict(X=X, learning_rate=1e20), FloatingPointError),
    "dataframe-of-text": (lambda X: dict(X="frame"), ValueError),
    "ctrl-c": (lambda X: dict(X=X, interrupt=True), KeyboardInterrupt),
    "ctrl-c-in-callback": (lambda X: dict(X=X, callback_interrupt=True), KeyboardInterrupt),
}


def _failing_fit(est, case, X, monkeypatch):
    kwargs = FAILURES[case][0](X)
    X = kwargs.pop("X")
    if isinstance(X, str):
        pd = pytest.importorskip("pandas")
        X = pd.DataFrame({"a": ["x", "y"], "b": ["z", "w"]})
    for param in ("strategy", "learning_rate"):
        if param in kwargs:
            est.set_params(**{param: kwargs.pop(param)})
    if kwargs.pop("interrupt", False):
        _interrupt_mid_training(monkeypatch)
    if kwargs.pop("callback_interrupt", False):

        def stop(epoch, loss, tables):
            raise KeyboardInterrupt

        kwargs["callbacks"] = [stop]
    with pytest.raises(FAILURES[case][1]):
        est.fit(X, **kwargs)


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_a_failed_refit_keeps_the_previous_model(groups_matrix, case, monkeypatch, tmp_path):
    import threading

    X, _ = groups_matrix
    est = PairEmbeddingRecommender(**{**FAST, "epochs": 3}).fit(
        X, book_names=[f"b{i}" for i in range(48)]
    )
    top = est.most_similar("b0", topn=3)
    before = _fitted_attributes(est)
    _failing_fit(est, case, X, monkeypatch)
    _assert_same_state(before, est)
    assert est.most_similar("b0", topn=3) == top
    assert est.transform(X).shape == (48, 16)
    est.save(tmp_path / "m.npz")  # still a valid model file
    assert "skbookembed-sampler" not in [t.name for t in threading.enumerate()]


@pytest.mark.parametrize("case", sorted(FAILURES))
def test_a_failed_first_fit_leaves_no_fitted_attribute(groups_matrix, case, monkeypatch):
    X, _ = groups_matrix
    est = PairEmbeddingRecommender(**{**FAST, "epochs": 3})
    _failing_fit(est, case, X, monkeypatch)
    assert _fitted_attributes(est) == {}
    with pytest.raises(NotFittedError):
        est.most_similar(0)


def test_callbacks_see_every_epoch_and_can_stop_fit(groups_matrix):
    X, _ = groups_matrix
    seen = []

    def cb(epoch, loss, tables):
        seen.append((epoch, loss, tables.book_embeddings.shape))
        return epoch == 4

    est = PairEmbeddingRecommender(**FAST).fit(X, callbacks=cb)
    assert [e for e, _, _ in seen] == [1, 2, 3, 4]
    assert [v for _, v, _ in seen] == est.history_["loss"]
    assert seen[0][2] == (48, 16)
    with pytest.raises(TypeError, match="callbacks must be callables"):
        PairEmbeddingRecommender(**FAST).fit(X, callbacks=[3])


def test_warm_start_continues_from_the_current_tables(groups_matrix):
    X, groups = groups_matrix
    params = {**FAST, "epochs": 2}
    cold = PairEmbeddingRecommender(**params).fit(X)
    warm = PairEmbeddingRecommender(**params, warm_start=True).fit(X)
    np.testing.assert_array_equal(warm.book_embeddings_, cold.book_embeddings_)  # first fit
    first_loss = warm.history_["loss"]
    warm.fit(X)
    # Continues: starts below where a fresh fit starts, and is not a fresh fit.
    assert warm.history_["loss"][0] < first_loss[0]
    assert not np.array_equal(warm.book_embeddings_, cold.book_embeddings_)
    # Without warm_start, a refit starts afresh: the same result as the first fit.
    refit = PairEmbeddingRecommender(**params).fit(X).fit(X)
    np.testing.assert_array_equal(refit.book_embeddings_, cold.book_embeddings_)


@pytest.mark.parametrize("other", ["shape", "names", "dim"])
def test_warm_start_on_another_vocabulary_is_refused_and_keeps_the_model(groups_matrix, other):
    X, _ = groups_matrix
    names = [f"b{i}" for i in range(48)]
    est = PairEmbeddingRecommender(**{**FAST, "epochs": 2}, warm_start=True).fit(
        X, book_names=names
    )
    before = _fitted_attributes(est)
    kwargs = {"book_names": names}
    if other == "shape":
        X = X[:40]
        kwargs["book_names"] = names[:40]
    elif other == "names":
        kwargs["book_names"] = names[::-1]
    else:
        est.set_params(embedding_dim=8)
    with pytest.raises(ValueError, match="warm_start=True .*same vocabulary"):
        est.fit(X, **kwargs)
    _assert_same_state(before, est)


# The notebook's published MSE per epoch (REFERENCE.md), first three of 15 epochs.
PUBLISHED_LOSS = [0.9529, 0.7226, 0.5133]


@pytest.mark.slow
def test_original_recipe_follows_the_published_loss_curve():
    """The original recipe on a seed-scale matrix: within 0.05 of the published curve.

    37,020 x 41,758 books x links, ~740,000 pairs with duplicates. The planted topics are
    made about as hard to learn as the real links (a dominant topic of weight 0.4, mixtures
    from Dirichlet(1), 30% noise): with the default, cleaner topics the loss falls faster
    than the published one. Three epochs (about a minute on 2 cores) of the 15.
    """
    from skbookembed.datasets import make_book_links

    X, _ = make_book_links(
        n_books=37_020,
        n_links=41_758,
        n_topics=10,
        mean_links_per_book=20.8,
        dominant_weight=0.4,
        topic_concentration=1.0,
        noise=0.3,
        binary=False,
        random_state=0,
    )
    est = PairEmbeddingRecommender.original_recipe(random_state=0, epochs=3).fit(X)
    assert est.n_pairs_ == int(X.sum())  # one pair per link occurrence
    np.testing.assert_allclose(est.history_["loss"], PUBLISHED_LOSS, atol=0.05)
    assert est.history_["loss"][0] > est.history_["loss"][1] > est.history_["loss"][2]


def test_parameter_objects_survive_save_and_load(groups_matrix, tmp_path):
    import skbookembed

    X, _ = groups_matrix
    est = PairEmbeddingRecommender(
        **{**FAST, "epochs": 2},
        sampling=Sampling(exponent=0.75, block=2),
        loss=Loss("mse", negative_target=0.0),
    ).fit(X)
    est.save(tmp_path / "m.npz")
    back = skbookembed.load(tmp_path / "m.npz")
    assert back.sampling == Sampling(exponent=0.75, block=2)
    assert back.loss == Loss("mse", negative_target=0.0)
    np.testing.assert_allclose(back.transform(X), est.transform(X), atol=1e-6)
