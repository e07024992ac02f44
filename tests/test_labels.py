"""Tests of the infobox label helpers: coarse genres and normalised authors."""

from __future__ import annotations

import collections
import json

import numpy as np
import pytest

from skbookembed.datasets import coarse_genre, infobox_labels, normalize_author


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Science fiction", "science fiction"),
        ("Science fiction novel", "science fiction"),
        ("science-fiction", "science fiction"),
        ("Science Fiction", "science fiction"),
        ("Sci-fi, fantasy", "science fiction"),
        ("Fantasy novel", "fantasy"),
        ("Sword and sorcery", "fantasy"),
        ("Fantasy, horror, science fiction", "fantasy"),
        ("Science fiction, fantasy, horror", "science fiction"),
        ("Crime / Mystery novel", "crime"),
        ("Detective fiction", "crime"),
        ("Gong'an fiction, Mystery, Detective novel, Crime", "crime"),
        ("Children's picture book", "children's"),
        ("Children's historical novel", "children's"),
        ("Young adult novel", "young adult"),
        ("Historical novel", "historical"),
        ("Historical fiction", "historical"),
        ("Non-fiction < br > Encyclopedic < br > Reference", "non-fiction"),
        ("Nonfiction", "non-fiction"),
        ("Epic fantasy < br > Historical fantasy", "fantasy"),
        ("Regency, Romance", "romance"),
        ("poetry", "poetry"),
        ("Novel", "fiction"),
        ("Fiction", "fiction"),
        ("[[Bildungsroman]] novel", "bildungsroman"),
        ("Irrealism", "irrealism"),
        ("", None),
        ("  ", None),
        (None, None),
        (12, None),
    ],
)
def test_coarse_genre_known_answers(value, expected):
    assert coarse_genre(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("Edgar Rice Burroughs", "edgar rice burroughs"),
        ("  Edgar  Rice\tBurroughs ", "edgar rice burroughs"),
        ("[[H. P. Lovecraft|Lovecraft]]", "lovecraft"),
        ("Jane Austen < br >", "jane austen"),
        ("Terry Pratchett and Neil Gaiman", "terry pratchett and neil gaiman"),
        ("", None),
        (None, None),
    ],
)
def test_normalize_author_known_answers(value, expected):
    assert normalize_author(value) == expected


def test_infobox_labels_per_field_and_missing_values():
    boxes = [
        {"genre": "Science fiction novel", "author": "Frank  Herbert", "country": "USA"},
        {"genre": "science-fiction"},
        {},
        None,
        {"author": "FRANK HERBERT", "country": " usa "},
    ]
    genres = infobox_labels(boxes, "genre")
    assert genres.dtype == object and genres.shape == (5,)
    assert genres.tolist() == ["science fiction", "science fiction", None, None, None]
    assert infobox_labels(boxes, "author").tolist() == [
        "frank herbert",
        None,
        None,
        None,
        "frank herbert",
    ]
    assert infobox_labels(boxes, "country").tolist() == ["usa", None, None, None, "usa"]
    assert infobox_labels(iter(boxes), "genre").tolist() == genres.tolist()
    assert infobox_labels([], "genre").shape == (0,)


def test_infobox_labels_rejects_a_non_string_field():
    with pytest.raises(TypeError, match="infobox key"):
        infobox_labels([{}], 3)


def test_real_sample_genres_are_few_and_cover_most_books(p15_path):
    boxes = [json.loads(line)[1] for line in p15_path.open(encoding="utf-8")]
    genres = infobox_labels(boxes, "genre")
    labelled = [g for g in genres.tolist() if g is not None]
    counts = collections.Counter(labelled)
    top = sum(n for _, n in counts.most_common(10))
    # The spellings of one genre merge: ten genres cover three quarters of labelled books.
    assert top / len(labelled) > 0.75
    assert counts["science fiction"] > 150 and counts["fantasy"] > 150
    assert np.sum(genres == None) == sum(1 for b in boxes if not b.get("genre"))  # noqa: E711
