"""Labels from infobox values: authors and coarse genres, for evaluation and map colours.

Infobox values are free text written by many hands: ``"Science fiction"``, ``"Science
fiction novel"``, ``"science-fiction"`` and ``"Sci-fi, fantasy"`` all mean one genre. The
functions here turn such values into a small set of comparable labels. No model sees these
labels; they judge what the model learned (do neighbours share the author, the genre?) and
colour its maps.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np

__all__ = ["coarse_genre", "infobox_labels", "normalize_author"]

# Markup that infobox values carry: HTML line breaks (also with the spaces the dump puts
# inside the brackets), wiki links ``[[target|text]]``, templates ``{{...}}`` and comments.
_BREAK = re.compile(r"<\s*br\s*/?\s*>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]*>")
_TEMPLATE = re.compile(r"\{\{[^{}]*\}\}")
_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
_SPACE = re.compile(r"\s+")
_SWORD = re.compile(r"sword\s+and\s+sorcery")  # one genre, not a list of two
# What separates the genres of a list: commas, slashes, semicolons, line breaks, "and".
_LIST = re.compile(r"[,/;\n]|\band\b|&")

# Coarse genres, tried in order on the first genre of a value; the first whose pattern
# matches gives the label. Order settles the compound ones: "Science fiction short
# stories" is science fiction, "Children's historical novel" is children's.
_GENRES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (label, re.compile(pattern))
    for label, pattern in (
        ("children's", r"\bchild|\bpicture book|\bjuvenile|\bnursery"),
        ("young adult", r"\byoung adult|\bya\b|\bteen"),
        (
            "science fiction",
            r"\bscience fiction|\bsci ?fi\b|\bsf\b|\bcyberpunk|\bspace opera"
            r"|\balternate history|\bdystopi|\butopi|\bspeculative|\bpost apocalyptic",
        ),
        ("fantasy", r"\bfantasy|\bsword and sorcery|\bsword sorcery|\bfairy|\bmytholog"),
        ("horror", r"\bhorror|\bgothic|\bsupernatural|\bghost"),
        ("crime", r"\bcrime|\bmystery|\bdetective|\bgong ?an|\bnoir|\bwhodunit"),
        ("thriller", r"\bthriller|\bspy|\bespionage|\bsuspense"),
        ("romance", r"\bromance|\bromantic|\bregency|\bgeorgian"),
        ("historical", r"\bhistorical"),
        ("war", r"\bwar\b|\bmilitary"),
        ("western", r"\bwestern"),
        ("adventure", r"\badventure"),
        ("comedy", r"\bcomedy|\bcomic novel|\bhumou?r|\bsatir"),
        ("comics", r"\bgraphic|\bcomics?\b|\bmanga"),
        ("poetry", r"\bpoe(?:m|try|tic)|\bverse\b"),
        ("short stories", r"\bshort stor|\banthology|\bcollection"),
        ("drama", r"\bplay\b|\bdrama|\btragedy"),
        ("game", r"\bgame"),
        ("biography", r"\bbiograph|\bautobiograph|\bmemoir"),
        (
            "non-fiction",
            r"\bnon ?fiction|\breference|\bencyclop|\bdictionar|\bessay|\bself help"
            r"|\btextbook|\bphilosoph|\bhistory\b|\btravel|\bscience\b|\bpolitic|\breligio",
        ),
        ("literary fiction", r"\bliterary"),
    )
)
# Words that only say "this is a book": dropped from a genre that matched no coarse one.
_GENERIC = re.compile(r"\b(?:novels?|novellas?|fiction|books?|literature|stories|story)\b")


def _clean(value: Any) -> str | None:
    """Plain, lower-case, single-spaced text of an infobox value, or None when empty."""
    if value is None or not isinstance(value, str):
        return None
    text = _BREAK.sub("\n", value)
    text = _TEMPLATE.sub(" ", text)
    text = _LINK.sub(r"\1", text)
    text = _TAG.sub(" ", text)
    text = text.replace("\u2013", "-").replace("\u2014", "-")
    text = text.casefold()
    lines = [_SPACE.sub(" ", line).strip(" .:;,-") for line in text.split("\n")]
    text = "\n".join(line for line in lines if line)
    return text or None


def normalize_author(value: Any) -> str | None:
    """An author's name as given, with case, whitespace and markup normalised.

    Parameters
    ----------
    value : str or None
        An infobox ``author`` value.

    Returns
    -------
    str or None
        The lower-case name on one line with single spaces, or None when the value is
        missing or blank.

    Examples
    --------
    >>> from skbookembed.datasets import normalize_author
    >>> normalize_author("  Edgar Rice   Burroughs ")
    'edgar rice burroughs'
    >>> normalize_author("[[H. P. Lovecraft]]")
    'h. p. lovecraft'
    >>> normalize_author("") is None
    True
    """
    text = _clean(value)
    return None if text is None else text.replace("\n", " ")


def coarse_genre(value: Any) -> str | None:
    """The coarse genre of an infobox ``genre`` value.

    The first genre of a list (split at commas, slashes, semicolons, line breaks and
    "and") is matched against a small table of coarse genres ("science fiction",
    "fantasy", "horror", "crime", "children's", "non-fiction", ...), so that spellings
    such as ``"Science fiction novel"``, ``"science-fiction"`` and ``"Sci-fi"`` give one
    label. A genre that matches none keeps its own words, without "novel", "fiction",
    "book" and the like; a value that says only "Novel" or "Fiction" is ``"fiction"``.

    Parameters
    ----------
    value : str or None
        An infobox ``genre`` value.

    Returns
    -------
    str or None
        The coarse genre, lower-case, or None when the value is missing or blank.

    Examples
    --------
    >>> from skbookembed.datasets import coarse_genre
    >>> [coarse_genre(v) for v in ["Science fiction novel", "science-fiction", "Sci-fi"]]
    ['science fiction', 'science fiction', 'science fiction']
    >>> coarse_genre("Fantasy, horror, science fiction")
    'fantasy'
    >>> coarse_genre("Crime / Mystery novel"), coarse_genre("Novel")
    ('crime', 'fiction')
    """
    text = _clean(value)
    if text is None:
        return None
    text = text.replace("-", " ").replace("'", " ").replace("\u2019", " ")
    text = _SWORD.sub("sword sorcery", text)
    parts = [part.strip() for part in _LIST.split(text)]
    parts = [part for part in parts if part]
    if not parts:
        return None
    first = _SPACE.sub(" ", parts[0])
    for label, pattern in _GENRES:
        if pattern.search(first):
            return label
    rest = _SPACE.sub(" ", _GENERIC.sub(" ", first)).strip()
    return rest or "fiction"


_FIELDS = {"genre": coarse_genre, "author": normalize_author}


def infobox_labels(infoboxes: Iterable[Mapping[str, Any] | None], field: str) -> np.ndarray:
    """One label per book from a field of its infobox.

    Parameters
    ----------
    infoboxes : iterable of dict or None
        The books' infoboxes, e.g. the ``infobox`` field of
        :func:`~skbookembed.datasets.load_wikipedia_books`.
    field : str
        ``"genre"`` gives :func:`coarse_genre` of each ``genre`` value, ``"author"`` gives
        :func:`normalize_author` of each ``author`` value; any other infobox key gives its
        value with case, whitespace and markup normalised.

    Returns
    -------
    ndarray of object, shape (n_books,)
        The labels, None where a book has no such value.

    Examples
    --------
    >>> from skbookembed.datasets import infobox_labels
    >>> infobox_labels([{"genre": "Fantasy novel"}, {}, None], "genre").tolist()
    ['fantasy', None, None]
    """
    if not isinstance(field, str):
        raise TypeError(f"field must be an infobox key (a str); got {type(field).__name__}")
    label = _FIELDS.get(field, normalize_author)
    values = [label(box.get(field)) if isinstance(box, Mapping) else None for box in infoboxes]
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out
