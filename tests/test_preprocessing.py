"""Tests of skbookembed.preprocessing.WikilinkVectorizer."""

from __future__ import annotations

import json
import os
import pickle
from collections import Counter
from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.base import clone
from sklearn.decomposition import TruncatedSVD
from sklearn.exceptions import NotFittedError
from sklearn.pipeline import make_pipeline
from sklearn.utils import Bunch

from skbookembed.preprocessing import ORIGINAL_TO_REMOVE, WikilinkVectorizer

BOOKS = [
    ["Science fiction", "Hardcover", "Tor Books", "science fiction"],
    ["Fantasy", "Tor Books", "Paperback"],
    ["fantasy", "Science Fiction", "e-book"],
]


@pytest.fixture(scope="module")
def p15_path() -> Path:
    env = os.environ.get("SKBOOKEMBED_P15")
    path = (
        Path(env) if env else Path(__file__).resolve().parents[2] / "shared/data/p15_books.ndjson"
    )
    if not path.is_file():
        pytest.skip(f"real data sample not found at {path}")
    return path


def test_original_to_remove():
    assert ORIGINAL_TO_REMOVE == (
        "hardcover",
        "paperback",
        "hardback",
        "e-book",
        "wikipedia:wikiproject books",
        "wikipedia:wikiproject novels",
    )


def test_known_vocabulary_and_matrix():
    vectorizer = WikilinkVectorizer()
    X = vectorizer.fit_transform(BOOKS)
    # Lower-cased: science fiction x3, tor books x2, fantasy x2 (first seen after tor books).
    assert vectorizer.vocabulary_ == {"science fiction": 0, "tor books": 1, "fantasy": 2}
    np.testing.assert_array_equal(vectorizer.link_counts_, [3, 2, 2])
    assert vectorizer.link_counts_.dtype == np.int64
    assert vectorizer.removed_counts_ == {"hardcover": 1, "paperback": 1, "e-book": 1}
    assert vectorizer.n_distinct_raw_ == 9
    assert vectorizer.n_distinct_ == 6
    assert vectorizer.n_below_min_count_ == 0
    assert vectorizer.n_unknown_ == 0
    assert sp.isspmatrix_csr(X) and X.dtype == np.float32 and X.has_canonical_format
    np.testing.assert_array_equal(X.toarray(), [[1, 1, 0], [0, 1, 1], [1, 0, 1]])
    names = vectorizer.get_feature_names_out()
    assert names.dtype == object
    assert names.tolist() == ["science fiction", "tor books", "fantasy"]


def test_count_matrix_keeps_duplicate_pairs():
    vectorizer = WikilinkVectorizer(binary=False)
    X = vectorizer.fit_transform(BOOKS)
    np.testing.assert_array_equal(X.toarray(), [[2, 1, 0], [0, 1, 1], [1, 0, 1]])
    # As in the original: one training pair per kept occurrence.
    assert X.sum() == 7 == vectorizer.link_counts_.sum()


def test_ties_broken_by_first_appearance():
    vectorizer = WikilinkVectorizer().fit([["b", "a"], ["a", "b"], ["c", "c", "d"]])
    # All of a, b, c have two occurrences: order of first appearance, not alphabetical.
    assert vectorizer.get_feature_names_out().tolist() == ["b", "a", "c", "d"]
    np.testing.assert_array_equal(vectorizer.link_counts_, [2, 2, 2, 1])


COUNT_BOOKS = [["A", "a", "a", "b"], ["b", "c"], ["c"]]


@pytest.mark.parametrize(
    ("count", "names", "counts", "kept_at_2"),
    [
        ("occurrences", ["a", "b", "c"], [3, 2, 2], ["a", "b", "c"]),
        ("books", ["b", "c", "a"], [2, 2, 1], ["b", "c"]),
        # Distinct as written ("A", "a"), then lower-cased: the published notebook's counting.
        ("books_raw", ["a", "b", "c"], [2, 2, 2], ["a", "b", "c"]),
    ],
)
def test_count_modes(count, names, counts, kept_at_2):
    vectorizer = WikilinkVectorizer(count=count).fit(COUNT_BOOKS)
    assert vectorizer.get_feature_names_out().tolist() == names
    np.testing.assert_array_equal(vectorizer.link_counts_, counts)
    at_2 = WikilinkVectorizer(count=count, min_count=2).fit(COUNT_BOOKS)
    assert at_2.get_feature_names_out().tolist() == kept_at_2
    assert at_2.n_below_min_count_ == 3 - len(kept_at_2)


def test_min_count_and_max_links():
    vectorizer = WikilinkVectorizer(min_count=3).fit(BOOKS)
    assert vectorizer.vocabulary_ == {"science fiction": 0}
    assert vectorizer.n_below_min_count_ == 2
    top2 = WikilinkVectorizer(max_links=2).fit(BOOKS)
    assert top2.get_feature_names_out().tolist() == ["science fiction", "tor books"]
    X = top2.transform(BOOKS)
    assert X.shape == (3, 2)
    assert top2.n_unknown_ == 2  # the two "fantasy" occurrences


def test_lowercase_false_keeps_case_but_removes_case_insensitively():
    vectorizer = WikilinkVectorizer(lowercase=False).fit(BOOKS)
    assert vectorizer.get_feature_names_out().tolist() == [
        "Tor Books",
        "Science fiction",
        "science fiction",
        "Fantasy",
        "fantasy",
        "Science Fiction",
    ]
    assert vectorizer.removed_counts_ == {"hardcover": 1, "paperback": 1, "e-book": 1}
    assert vectorizer.n_distinct_raw_ == vectorizer.n_distinct_ == 9
    X = vectorizer.transform([["science fiction", "SCIENCE FICTION", "HARDCOVER"]])
    np.testing.assert_array_equal(X.toarray(), [[0, 0, 1, 0, 0, 0]])
    assert vectorizer.n_unknown_ == 1  # HARDCOVER is removed, not unknown


@pytest.mark.parametrize("to_remove", [None, ()])
def test_to_remove_nothing(to_remove):
    vectorizer = WikilinkVectorizer(to_remove=to_remove).fit(BOOKS)
    assert "hardcover" in vectorizer.vocabulary_ and "e-book" in vectorizer.vocabulary_
    assert vectorizer.removed_counts_ == {}


def test_custom_to_remove_is_case_insensitive():
    vectorizer = WikilinkVectorizer(to_remove=["TOR BOOKS"]).fit(BOOKS)
    assert "tor books" not in vectorizer.vocabulary_
    assert "hardcover" in vectorizer.vocabulary_
    assert vectorizer.removed_counts_ == {"tor books": 2}


def test_transform_unknown_links_and_empty_books():
    vectorizer = WikilinkVectorizer().fit(BOOKS)
    X = vectorizer.transform([["Fantasy", "Dragons", "fantasy"], [], ["Hardcover", "Elves"]])
    np.testing.assert_array_equal(X.toarray(), [[0, 0, 1], [0, 0, 0], [0, 0, 0]])
    assert vectorizer.n_unknown_ == 2  # Dragons, Elves; Hardcover is a removed link
    assert vectorizer.vocabulary_ == {"science fiction": 0, "tor books": 1, "fantasy": 2}
    empty = vectorizer.transform([])
    assert empty.shape == (0, 3) and vectorizer.n_unknown_ == 0


def test_fit_transform_equals_fit_then_transform_and_reads_generators_once():
    X1 = WikilinkVectorizer(binary=False).fit_transform(iter(BOOKS))
    vectorizer = WikilinkVectorizer(binary=False).fit(BOOKS)
    X2 = vectorizer.transform(list(b) for b in BOOKS)
    assert (X1 != X2).nnz == 0
    tuples = WikilinkVectorizer().fit_transform(tuple(tuple(b) for b in BOOKS))
    np.testing.assert_array_equal(tuples.toarray(), [[1, 1, 0], [0, 1, 1], [1, 0, 1]])


def test_accepts_bunch_and_numpy_str():
    bunch = Bunch(titles=["x", "y", "z"], wikilinks=BOOKS)
    X = WikilinkVectorizer().fit_transform(bunch)
    assert X.shape == (3, 3)
    links = [np.array(book) for book in BOOKS]  # numpy.str_ elements
    vectorizer = WikilinkVectorizer().fit(links)
    assert vectorizer.get_feature_names_out().tolist() == [
        "science fiction",
        "tor books",
        "fantasy",
    ]


@pytest.mark.parametrize("dtype", [np.float64, np.int32])
def test_dtype(dtype):
    X = WikilinkVectorizer(dtype=dtype, binary=False).fit_transform(BOOKS)
    assert X.dtype == dtype
    assert X.sum() == 7


@pytest.mark.parametrize(
    ("raw", "match"),
    [
        ("science fiction", "got a single string"),
        ({"titles": ["x"]}, "mapping without a 'wikilinks' entry"),
        (3, "expects an iterable of link lists .* got int"),
        (sp.eye(2, format="csr"), "got a sparse matrix"),
        ([["a"], "b"], "Book 1: expected a list of link strings, got str"),
        ([["a"], 5], "Book 1: expected a list of link strings, got int"),
        ([["a"], [], ["b", "c", 7]], r"Book 2, link 2: links must be str, got int \(7\)"),
        ([["a", None]], "Book 0, link 1: links must be str, got NoneType"),
        ([[b"a"]], "Book 0, link 0: links must be str, got bytes"),
    ],
)
def test_input_errors(raw, match):
    with pytest.raises(TypeError, match=match):
        WikilinkVectorizer().fit(raw)
    fitted = WikilinkVectorizer().fit([["a"]])
    with pytest.raises(TypeError, match=match):
        fitted.transform(raw)


def test_parameter_errors():
    with pytest.raises(ValueError, match="'min_count' parameter of WikilinkVectorizer"):
        WikilinkVectorizer(min_count=0).fit(BOOKS)
    with pytest.raises(ValueError, match="'count' parameter of WikilinkVectorizer"):
        WikilinkVectorizer(count="pages").fit(BOOKS)
    with pytest.raises(ValueError, match="'max_links' parameter of WikilinkVectorizer"):
        WikilinkVectorizer(max_links=0).fit_transform(BOOKS)
    with pytest.raises(ValueError, match="'to_remove' parameter of WikilinkVectorizer"):
        WikilinkVectorizer(to_remove="hardcover").fit(BOOKS)
    with pytest.raises(TypeError, match="to_remove must hold str links, got 3"):
        WikilinkVectorizer(to_remove=["a", 3]).fit(BOOKS)
    with pytest.raises(TypeError, match="dtype must be a numeric NumPy dtype"):
        WikilinkVectorizer(dtype=str).fit(BOOKS)
    with pytest.raises(ValueError, match=r"No link is left .* min_count=4"):
        WikilinkVectorizer(min_count=4).fit(BOOKS)
    with pytest.raises(ValueError, match="No link is left"):
        WikilinkVectorizer().fit([[], ["Hardcover"]])


def test_not_fitted():
    with pytest.raises(NotFittedError):
        WikilinkVectorizer().transform(BOOKS)
    with pytest.raises(NotFittedError):
        WikilinkVectorizer().get_feature_names_out()


def test_scikit_learn_conventions():
    vectorizer = WikilinkVectorizer(min_count=2, binary=False)
    assert vectorizer.get_params()["min_count"] == 2
    copy = clone(vectorizer)
    assert copy.get_params() == vectorizer.get_params()
    assert not hasattr(copy, "vocabulary_")
    assert "min_count=2" in repr(vectorizer)
    tags = vectorizer.__sklearn_tags__()
    assert not tags.input_tags.two_d_array and tags.input_tags.string
    fitted = pickle.loads(pickle.dumps(vectorizer.fit(BOOKS)))
    assert fitted.vocabulary_ == vectorizer.vocabulary_
    assert (fitted.transform(BOOKS) != vectorizer.transform(BOOKS)).nnz == 0


def test_in_a_pipeline():
    books = [["a", "b", "c"], ["a", "b"], ["c", "d"], ["d", "e", "a"], ["b", "e"]] * 3
    pipe = make_pipeline(WikilinkVectorizer(min_count=2), TruncatedSVD(2, random_state=0))
    Z = pipe.fit_transform(books)
    assert Z.shape == (15, 2)
    np.testing.assert_allclose(pipe.transform(books), Z, rtol=1e-5, atol=1e-6)
    assert pipe[0].get_feature_names_out().tolist() == ["a", "b", "c", "d", "e"]


def test_in_a_pipeline_with_the_recommender():
    try:
        from skbookembed import PairEmbeddingRecommender
    except ImportError:
        pytest.skip("PairEmbeddingRecommender is not available yet")
    books = [["a", "b", "c"], ["a", "b"], ["c", "d"], ["d", "e", "a"], ["b", "e"]] * 4
    pipe = make_pipeline(
        WikilinkVectorizer(min_count=2),
        PairEmbeddingRecommender(embedding_dim=4, epochs=1, random_state=0),
    )
    pipe.fit(books)
    recommender = pipe[-1]
    assert recommender.book_embeddings_.shape == (20, 4)
    assert recommender.link_embeddings_.shape == (5, 4)


# ---------------------------------------------------------------------------
# the real data sample
# ---------------------------------------------------------------------------


def _reference_counts(wikilinks, count):
    """The counting of the notebook, written out plainly."""
    if count == "occurrences":
        links = [link.lower() for book in wikilinks for link in book]
    elif count == "books":
        links = [link for book in wikilinks for link in {x.lower() for x in book}]
    else:  # books_raw
        links = [link.lower() for book in wikilinks for link in set(book)]
    counts = Counter(links)
    for link in ORIGINAL_TO_REMOVE:
        counts.pop(link, None)
    return counts


@pytest.fixture(scope="module")
def p15_books(p15_path):
    from skbookembed.datasets import load_wikipedia_books

    return load_wikipedia_books(p15_path)


def test_real_sample_lowercasing_and_removal(p15_books):
    raw = [link for book in p15_books.wikilinks for link in book]
    vectorizer = WikilinkVectorizer()
    X = vectorizer.fit_transform(p15_books)
    assert X.shape[0] == 1411  # Wikipedia: pages are not rows
    assert vectorizer.n_distinct_raw_ == len(set(raw))
    assert vectorizer.n_distinct_ == len({link.lower() for link in raw})
    assert vectorizer.n_distinct_ < vectorizer.n_distinct_raw_  # case variants merged
    assert set(vectorizer.removed_counts_) == set(ORIGINAL_TO_REMOVE)
    assert sum(vectorizer.removed_counts_.values()) == sum(
        link.lower() in ORIGINAL_TO_REMOVE for link in raw
    )
    assert X.shape[1] == vectorizer.n_distinct_ - len(ORIGINAL_TO_REMOVE)
    assert not set(ORIGINAL_TO_REMOVE) & set(vectorizer.vocabulary_)
    assert vectorizer.n_unknown_ == 0


@pytest.mark.parametrize("count", ["occurrences", "books", "books_raw"])
@pytest.mark.parametrize("min_count", [1, 4])
def test_real_sample_matches_reference_counting(p15_books, count, min_count):
    vectorizer = WikilinkVectorizer(min_count=min_count, count=count, binary=False)
    X = vectorizer.fit_transform(p15_books.wikilinks)
    counts = _reference_counts(p15_books.wikilinks, count)
    kept = {link: n for link, n in counts.items() if n >= min_count}
    names = vectorizer.get_feature_names_out().tolist()
    assert set(names) == set(kept)
    np.testing.assert_array_equal(vectorizer.link_counts_, [kept[name] for name in names])
    assert (np.diff(vectorizer.link_counts_) <= 0).all()
    # Count entries: one per kept occurrence, as the original's training pairs.
    n_pairs = sum(link.lower() in kept for book in p15_books.wikilinks for link in book)
    assert X.sum() == n_pairs
    if count == "occurrences":
        assert X.sum() == vectorizer.link_counts_.sum()
    # Binary entries: the distinct kept links of each book.
    binary = WikilinkVectorizer(min_count=min_count, count=count).fit_transform(p15_books)
    expected = [len({x.lower() for x in book} & kept.keys()) for book in p15_books.wikilinks]
    np.testing.assert_array_equal(binary.getnnz(axis=1), expected)
    np.testing.assert_array_equal(binary.data, 1.0)


def test_real_sample_min_count_shrinks_vocabulary(p15_books):
    sizes = [
        len(WikilinkVectorizer(min_count=n).fit(p15_books).vocabulary_) for n in (1, 2, 3, 4, 5)
    ]
    assert all(a > b for a, b in pairwise(sizes))
    # Most links are used once, as in the full dump (297,624 -> 102,921 at N=2).
    assert sizes[1] < sizes[0] / 2


def test_real_sample_row_order_and_json(p15_path, p15_books):
    # Row i is the i-th non-Wikipedia line of the file.
    with open(p15_path, encoding="utf-8") as stream:
        records = (json.loads(line) for line in stream if line.strip())
        first = next(record for record in records if "Wikipedia:" not in record[0])
    vectorizer = WikilinkVectorizer()
    X = vectorizer.fit_transform(p15_books)
    names = vectorizer.get_feature_names_out()
    row = set(names[X[0].indices].tolist())
    expected = {link.lower() for link in first[2]} - set(ORIGINAL_TO_REMOVE)
    assert row == expected


def test_min_count_auto_is_two_below_twenty_thousand_books_then_grows():
    # "a" is in 3 books, "b" in 2, "c" in 1: the automatic cut of small data is 2.
    books = [["a", "b"], ["a", "b", "c"], ["a"]]
    vectorizer = WikilinkVectorizer(min_count="auto", count="books").fit(books)
    assert vectorizer.min_count_ == 2
    assert vectorizer.vocabulary_ == {"a": 0, "b": 1}
    assert WikilinkVectorizer(min_count=3).fit(books).min_count_ == 3
    # 37,020 books (the notebook's): ceil(3.702) = 4, its cut.
    many = [["x", "y"]] * 37_019 + [["z"]]
    assert WikilinkVectorizer(min_count="auto").fit(many).min_count_ == 4
