"""Names through pipelines: the vectorizer's sparse DataFrame output names the estimator's keys.

Planted data: books in four topics, each linking to pages of its own topic. The link of
column 0 of topic 0 is called "Science fiction", so its nearest links are known: the other
pages of topic 0.
"""

from __future__ import annotations

import itertools
import pickle

import numpy as np
import pytest
import scipy.sparse as sp
import sklearn
from sklearn.base import clone
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import Pipeline, make_pipeline

from skbookembed import PairEmbeddingRecommender, WikilinkVectorizer

from .conftest import planted_groups

pd = pytest.importorskip("pandas")

FAST = dict(embedding_dim=16, epochs=30, n_positive=32, learning_rate=0.02, random_state=0)
LINKS_PER_TOPIC = 15


def _link_name(j: int) -> str:
    topic, rank = divmod(j, LINKS_PER_TOPIC)
    return "Science fiction" if j == 0 else f"Topic {topic} page {rank}"


@pytest.fixture(scope="module")
def books():
    """A Bunch-like dict of titles and link lists, and each book's topic."""
    X, groups = planted_groups(links_per_group=LINKS_PER_TOPIC)
    wikilinks = [[_link_name(j) for j in X.indices[a:b]] for a, b in itertools.pairwise(X.indptr)]
    titles = [f"Book {g}-{i}" for i, g in enumerate(groups)]
    return {"titles": titles, "wikilinks": wikilinks}, groups


@pytest.fixture
def routing():
    """Metadata routing on, as the issue's example sets it; the old config restored after."""
    before = sklearn.get_config()["enable_metadata_routing"]
    sklearn.set_config(enable_metadata_routing=True)
    try:
        yield
    finally:
        sklearn.set_config(enable_metadata_routing=before)


def _topic(link: str) -> int:
    return 0 if link == "science fiction" else int(link.split()[1])


def assert_named_and_planted(est: PairEmbeddingRecommender, titles: list[str]) -> None:
    """Links and books answer by name, with the planted neighbours."""
    similar = est.links_.most_similar("science fiction", topn=5)
    assert all(isinstance(link, str) for link, _ in similar)
    assert [_topic(link) for link, _ in similar] == [0] * 5
    assert est.book_names_.tolist() == titles
    books = est.most_similar(titles[0], topn=5)
    assert all(title.startswith("Book 0-") for title, _ in books)


# ---------------------------------------------------------------- the vectorizer's output


def test_pandas_output_is_the_csr_matrix_with_names(books):
    data, _ = books
    vectorizer = WikilinkVectorizer()
    X = vectorizer.fit_transform(data)
    frame = clone(vectorizer).set_output(transform="pandas").fit_transform(data)
    assert all(isinstance(dtype, pd.SparseDtype) for dtype in frame.dtypes)
    assert frame.columns.tolist() == vectorizer.get_feature_names_out().tolist()
    assert frame.index.tolist() == data["titles"]
    coo = frame.sparse.to_coo()
    assert (sp.csr_matrix(coo) != X).nnz == 0
    assert frame.sparse.density == pytest.approx(X.nnz / np.prod(X.shape))


def test_pandas_output_of_transform_and_plain_link_lists(books):
    data, _ = books
    vectorizer = WikilinkVectorizer().set_output(transform="pandas").fit(data)
    frame = vectorizer.transform(data["wikilinks"][:3])  # no titles: a default index
    assert frame.index.tolist() == [0, 1, 2]
    assert frame.shape == (3, len(vectorizer.vocabulary_))
    assert frame.columns.tolist() == vectorizer.get_feature_names_out().tolist()
    assert "science fiction" in frame.columns


def test_global_transform_output_config(books):
    data, _ = books
    with sklearn.config_context(transform_output="pandas"):
        frame = WikilinkVectorizer().fit_transform(data)
    assert isinstance(frame, pd.DataFrame)
    with sklearn.config_context(transform_output="pandas"):
        X = WikilinkVectorizer().set_output(transform="default").fit_transform(data)
    assert sp.issparse(X)


@pytest.mark.parametrize("container", ["polars", "dense"])
def test_unsupported_output_is_refused(container):
    with pytest.raises(ValueError, match="set_output\\(transform='pandas'\\)"):
        WikilinkVectorizer().set_output(transform=container)


def test_misaligned_titles_are_refused(books):
    data, _ = books
    bad = {"titles": data["titles"][:-1], "wikilinks": data["wikilinks"]}
    with pytest.raises(ValueError, match="47 titles for 48 books"):
        WikilinkVectorizer().set_output(transform="pandas").fit_transform(bad)


def test_estimator_reads_the_frame_without_densifying(books, monkeypatch):
    data, _ = books
    vectorizer = WikilinkVectorizer()
    X = vectorizer.fit_transform(data)
    frame = clone(vectorizer).set_output(transform="pandas").fit_transform(data)

    def refuse(*args, **kwargs):
        raise AssertionError("the sparse DataFrame was densified")

    monkeypatch.setattr(pd.DataFrame, "to_numpy", refuse)
    monkeypatch.setattr(pd.DataFrame, "__array__", refuse)
    monkeypatch.setattr(pd.core.arrays.sparse.accessor.SparseFrameAccessor, "to_dense", refuse)
    named = PairEmbeddingRecommender(**{**FAST, "epochs": 2}).fit(frame)
    monkeypatch.undo()
    plain = PairEmbeddingRecommender(**{**FAST, "epochs": 2}).fit(
        X, book_names=data["titles"], link_names=vectorizer.get_feature_names_out()
    )
    np.testing.assert_array_equal(named.book_embeddings_, plain.book_embeddings_)
    np.testing.assert_array_equal(named.link_names_, plain.link_names_)
    np.testing.assert_array_equal(named.book_names_, plain.book_names_)


def test_repeated_titles_in_the_index_are_refused(books):
    data, _ = books
    titles = list(data["titles"])
    titles[5] = titles[2]
    frame = (
        WikilinkVectorizer()
        .set_output(transform="pandas")
        .fit_transform({"titles": titles, "wikilinks": data["wikilinks"]})
    )
    with pytest.raises(ValueError, match=r"index gives the book names.*repeated: \['Book 0-2'\]"):
        PairEmbeddingRecommender(**FAST).fit(frame)


# ---------------------------------------------------------------- pipelines


def test_issue_example_make_pipeline_with_routing(books, routing):
    data, _ = books
    est = PairEmbeddingRecommender(**FAST).set_fit_request(book_names=True)
    pipe = make_pipeline(WikilinkVectorizer(min_count=2).set_output(transform="pandas"), est)
    pipe.fit(data["wikilinks"], book_names=data["titles"])
    assert_named_and_planted(pipe[-1], data["titles"])
    # New books go through the same named columns.
    vectors = pipe.transform([["Science fiction", "Topic 0 page 3"], ["nothing known"]])
    assert vectors.shape == (2, FAST["embedding_dim"])
    assert np.count_nonzero(vectors[1]) == 0
    assert 0.0 <= pipe.score(data["wikilinks"][:8]) <= 1.0


def test_pipeline_with_step_parameters_and_a_bunch(books):
    data, _ = books
    pipe = Pipeline(
        [
            ("links", WikilinkVectorizer().set_output(transform="pandas")),
            ("rec", PairEmbeddingRecommender(**FAST)),
        ]
    )
    pipe.fit(data)  # the Bunch: titles become the row names, nothing to route
    assert_named_and_planted(pipe[-1], data["titles"])


def test_clone_keeps_the_output_setting_and_pickling_keeps_the_names(books):
    data, _ = books
    pipe = make_pipeline(
        WikilinkVectorizer().set_output(transform="pandas"), PairEmbeddingRecommender(**FAST)
    )
    fitted = clone(pipe).fit(data)
    assert_named_and_planted(fitted[-1], data["titles"])
    restored = pickle.loads(pickle.dumps(fitted))
    np.testing.assert_array_equal(restored[-1].link_names_, fitted[-1].link_names_)
    assert restored[-1].links_.most_similar("science fiction", topn=5) == (
        fitted[-1].links_.most_similar("science fiction", topn=5)
    )
    assert restored[-1].most_similar(data["titles"][0]) == fitted[-1].most_similar(
        data["titles"][0]
    )


def test_grid_search_over_the_pipeline_queries_links_by_name(books, routing):
    data, groups = books
    quick = {**FAST, "epochs": 15, "learning_rate": 0.05}
    est = PairEmbeddingRecommender(**quick).set_fit_request(book_names=True)
    pipe = make_pipeline(WikilinkVectorizer().set_output(transform="pandas"), est)
    search = GridSearchCV(
        pipe,
        {"pairembeddingrecommender__embedding_dim": [8, 16]},
        cv=KFold(2, shuffle=True, random_state=0),
    )
    search.fit(data["wikilinks"], book_names=data["titles"])
    assert np.isfinite(search.cv_results_["mean_test_score"]).all()
    best = search.best_estimator_[-1]
    similar = best.links_.most_similar("science fiction", topn=5)
    assert [_topic(link) for link, _ in similar] == [0] * 5
    assert best.book_names_.tolist() == data["titles"]
    assert "science fiction" in best.links_
