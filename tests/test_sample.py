"""The sample shipped with the package: its content, and the neighbourhoods it must produce."""

from __future__ import annotations

import importlib.util
import sys
from collections import Counter
from importlib import resources
from pathlib import Path

import numpy as np
import pytest
from sklearn.utils import Bunch

from skbookembed.datasets import load_sample_books, load_wikipedia_books

N_BOOKS = 346
N_PROJECT_PAGES = 2
BUILD_SCRIPT = Path(__file__).resolve().parents[1] / "tools" / "build_sample_books.py"
DUNE = [
    "Dune",
    "Dune Messiah",
    "Children of Dune",
    "God Emperor of Dune",
    "Heretics of Dune",
    "Chapterhouse: Dune",
]
TOLKIEN_LOTR = ["The Fellowship of the Ring", "The Two Towers", "The Return of the King"]


@pytest.fixture(scope="module")
def books() -> Bunch:
    return load_sample_books()


def by_author(books: Bunch, author: str) -> set[str]:
    """Titles whose infobox lists ``author`` among its authors."""
    return {
        t
        for t, box in zip(books.titles, books.infobox, strict=True)
        if author in box["author"].split(", ")
    }


def test_counts_and_fields(books):
    assert len(books.titles) == N_BOOKS
    for field in ("infobox", "wikilinks", "external_links", "last_edit"):
        assert len(books[field]) == N_BOOKS, field
    assert books.n_characters.shape == (N_BOOKS,)
    assert books.n_characters.dtype == np.int64
    assert (books.n_characters > 0).all()
    assert books.n_skipped == 0
    assert f"{N_BOOKS} well-known books" in books.DESCR
    assert "BSD-3-Clause" in books.DESCR


def test_same_as_generic_loader_except_descr(books):
    path = resources.files("skbookembed.datasets") / "data" / "sample_books.ndjson.gz"
    with resources.as_file(path) as real_path:
        generic = load_wikipedia_books(real_path)
    assert set(generic) == set(books)
    for key in generic:
        if key in ("DESCR", "filename"):
            continue
        if isinstance(generic[key], np.ndarray):
            np.testing.assert_array_equal(generic[key], books[key])
        else:
            assert generic[key] == books[key], key
    assert generic.DESCR != books.DESCR


def test_wikipedia_pages_are_dropped(books):
    assert books.n_wikipedia_pages == N_PROJECT_PAGES
    assert not any("Wikipedia:" in title for title in books.titles)
    path = resources.files("skbookembed.datasets") / "data" / "sample_books.ndjson.gz"
    with resources.as_file(path) as real_path:
        everything = load_wikipedia_books(real_path, drop_wikipedia_pages=False)
    dropped = [t for t in everything.titles if "Wikipedia:" in t]
    assert dropped == [
        "Wikipedia:WikiProject Books/Sample",
        "Wikipedia:WikiProject Novels/Article template",
    ]


def test_no_duplicated_titles(books):
    repeated = [t for t, n in Counter(books.titles).items() if n > 1]
    assert repeated == []


def test_every_book_is_well_formed(books):
    for title, box, links in zip(books.titles, books.infobox, books.wikilinks, strict=True):
        assert len(links) >= 5, title
        assert len(set(links)) >= 5, title
        assert {"name", "author", "country", "language", "genre", "release_date"} <= set(box)
        assert "isbn" not in box, title
        assert all(link and link == link.strip() for link in links), title
    assert all(edit.endswith("Z") and edit[:4] in ("2017", "2018") for edit in books.last_edit)


def test_links_need_the_original_cleaning(books):
    all_links = Counter(link for links in books.wikilinks for link in links)
    # the same link in two capitalisations, merged only by lower-casing
    assert all_links["Science fiction"] > 0 and all_links["science fiction"] > 0
    # format links that the original removed as uninformative
    assert all_links["Hardcover"] > 0 and all_links["Paperback"] > 0


def test_series_share_distinctive_links(books):
    titles = dict(zip(books.titles, books.wikilinks, strict=True))
    for title in DUNE:
        assert {"Arrakis", "Bene Gesserit", "Frank Herbert"} <= set(titles[title]), title
    for title in TOLKIEN_LOTR:
        assert {"Middle-earth", "J. R. R. Tolkien", "One Ring"} <= set(titles[title]), title
    assert "Category:1965 American novels" in titles["Dune"]
    assert "Category:Novels by Frank Herbert" in titles["Dune"]


def test_expected_groups_are_present(books):
    assert set(DUNE) <= set(books.titles)
    assert len(by_author(books, "J. R. R. Tolkien")) >= 8
    assert {"War and Peace", "Anna Karenina", "Crime and Punishment", "Poor Folk"} <= set(
        books.titles
    )
    for author in ("Isaac Asimov", "J. K. Rowling", "Jane Austen", "Charles Dickens"):
        assert len(by_author(books, author)) >= 5, author


@pytest.mark.skipif(not BUILD_SCRIPT.is_file(), reason="tools/ is not part of installed packages")
def test_shipped_file_is_what_the_build_script_writes(tmp_path):
    spec = importlib.util.spec_from_file_location("build_sample_books", BUILD_SCRIPT)
    build = importlib.util.module_from_spec(spec)
    saved_path = list(sys.path)
    try:
        spec.loader.exec_module(build)
        assert build.main(["--output", str(tmp_path / "sample.ndjson.gz")]) == 0
    finally:
        sys.path[:] = saved_path
    shipped = resources.files("skbookembed.datasets") / "data" / "sample_books.ndjson.gz"
    assert (tmp_path / "sample.ndjson.gz").read_bytes() == shipped.read_bytes()


# ---------------------------------------------------------------------------
# acceptance: the neighbourhoods a model trained on the sample must produce
# ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def model(books):
    pytest.importorskip("tensorflow")
    from skbookembed import PairEmbeddingRecommender
    from skbookembed.preprocessing import WikilinkVectorizer

    X = WikilinkVectorizer(min_count=2).fit_transform(books.wikilinks)
    # About 7,000 (book, link) pairs: 10 epochs of 256 pairs per step take a
    # second or two once TensorFlow is loaded.
    est = PairEmbeddingRecommender(n_positive=256, epochs=10, learning_rate=0.02, random_state=0)
    return est.fit(X, book_names=books.titles)


def test_dune_neighbours_are_dune_books(model):
    top = model.most_similar("dune", topn=5)  # resolved case-insensitively to "Dune"
    titles = [title for title, _ in top]
    assert "Dune" not in titles
    assert sum("Dune" in title for title in titles) >= 4, top
    scores = [score for _, score in top]
    assert scores == sorted(scores, reverse=True)


def test_fellowship_neighbours_are_tolkien_books(model, books):
    tolkien = by_author(books, "J. R. R. Tolkien")
    top = model.most_similar("The Fellowship of the Ring", topn=5)
    assert {title for title, _ in top} <= tolkien, top
    # the two other volumes of The Lord of the Rings come first
    assert {title for title, _ in top[:3]} >= {"The Two Towers", "The Return of the King"}, top


def test_russian_classics_stay_together(model, books):
    russian = {
        t
        for t, box in zip(books.titles, books.infobox, strict=True)
        if box["language"] == "Russian"
    }
    top = model.most_similar("War and Peace", topn=5)
    assert sum(title in russian for title, _ in top) >= 4, top
