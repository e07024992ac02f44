"""Expand compact book entries into records of the Wikipedia book dump format.

Every module of this package defines ``BOOKS``, a list of records built with
:func:`book`. A record is the JSON array of one line of the dump::

    [title, infobox, wikilinks, external_links, last_edit, n_characters]

The entries are written by hand from general knowledge. :func:`book` adds what
every article of the dump carries and what follows from the entry itself: the
infobox, the links of the infobox (author, country, genre, publisher, media
type, series), the usual categories ("Category:1965 American novels",
"Category:Novels by Frank Herbert", ...), a deterministic last-edit time and a
deterministic article length. Those two numbers are synthetic.
"""

from __future__ import annotations

import datetime
import re
import zlib
from collections.abc import Callable, Iterable, Sequence
from typing import Any

Record = list[Any]

#: Adjective used in category names for each country of publication.
DEMONYMS = {
    "United States": "American",
    "United Kingdom": "British",
    "Russia": "Russian",
    "Russian Empire": "Russian",
    "Soviet Union": "Soviet",
    "France": "French",
    "Canada": "Canadian",
    "Germany": "German",
    "Ireland": "Irish",
    "Poland": "Polish",
    "Spain": "Spanish",
    "Italy": "Italian",
    "Austria": "Austrian",
    "Czechoslovakia": "Czech",
    "Colombia": "Colombian",
    "Sweden": "Swedish",
    "Ancient Greece": "Ancient Greek",
    "Roman Empire": "Ancient Roman",
    "Netherlands": "Dutch",
    "Israel": "Israeli",
}

#: Category shelf of each kind of work ("Category:1965 American novels").
_SHELVES = {
    "novel": "novels",
    "novella": "novels",
    "story": "short stories",
    "collection": "short story collections",
    "play": "plays",
    "poem": "poems",
    "book": "books",
}

_EPOCH = datetime.datetime(2017, 1, 1, tzinfo=datetime.timezone.utc)


def _seed(title: str) -> int:
    """A stable number derived from the title (crc32, same on every machine)."""
    return zlib.crc32(title.encode("utf-8"))


def _as_tuple(value: str | Sequence[str] | None) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        return (value,)
    return tuple(value)


def _media_links(media: str) -> list[str]:
    """The formats a media type names, as the infobox links them."""
    found = []
    for fmt in ("Hardcover", "Paperback", "Hardback", "E-book"):
        if fmt.lower() in media.lower():
            found.append(fmt)
    return found


def L(text: str) -> list[str]:
    """Split ``"a; b; c"`` into ``["a", "b", "c"]`` (compact link lists)."""
    return [part.strip() for part in text.split(";") if part.strip()]


#: Genre categories that do not follow "<genre> novels" (None: no such category).
_GENRE_SHELVES: dict[str, str | None] = {
    "novel": None,
    "novella": None,
    "short story": None,
    "satire": "satirical novels",
    "allegory": "allegorical novels",
    "bildungsroman": "bildungsromans",
    "roman à clef": "romans à clef",
    "modernist literature": "modernist novels",
    "magical realism": "magic realism novels",
    "romanticism": None,
    "tragicomedy": None,
    "literary fiction": None,
    "realistic fiction": None,
    "literary nonsense": None,
    "drama": None,
    "speculative fiction": "speculative fiction novels",
}


def _genre_shelf(genre: str) -> str | None:
    """The genre part of "Category:American <...>": "science fiction novels"..."""
    genre = genre.lower()
    if genre in _GENRE_SHELVES:
        return _GENRE_SHELVES[genre]
    words = genre.split()
    if "novel" in words:  # "historical novel" -> "historical novels"
        words[words.index("novel")] = "novels"
        return " ".join(words)
    if genre.endswith(" fiction") and not genre.endswith("science fiction"):
        genre = genre[: -len(" fiction")]  # "horror fiction" -> "horror novels"
    return f"{genre} novels"


def _century(year: int) -> str:
    """'4th-century BC' for -375, '2nd-century' for 180."""
    number = (abs(year) - 1) // 100 + 1
    suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10 if number // 10 != 1 else 0, "th")
    return f"{number}{suffix}-century" + (" BC" if year < 0 else "")


def _release_date(year: int) -> str:
    return f"c. {-year} BC" if year < 0 else str(year)


def book(
    title: str,
    *,
    author: str | Sequence[str],
    year: int,
    genre: str | Sequence[str],
    publisher: str | None = None,
    links: Iterable[str] = (),
    country: str = "United States",
    language: str = "English",
    kind: str = "novel",
    series: str | None = None,
    preceded_by: str | None = None,
    followed_by: str | None = None,
    media: str = "Print (Hardcover)",
    pages: int | None = None,
    name: str | None = None,
    site: str | None = None,
    categories: Iterable[str] = (),
) -> Record:
    """Build one record of the dump format from a compact entry.

    Parameters
    ----------
    title : str
        Article title.
    author : str or sequence of str
        Author(s), linked from the infobox and the text.
    year : int
        Year of first publication.
    genre : str or sequence of str
        Genre(s) as the infobox links them; the first gives the
        "Category:<demonym> <genre> novels" category of a novel.
    publisher : str, optional
        First publisher; None for works older than printing.
    links : iterable of str
        Links specific to the article (characters, places, themes, films...).
    country, language : str
        Country and language of first publication.
    kind : {"novel", "novella", "story", "collection", "play", "poem", "book"}
        Gives the category shelf: "Category:1965 American novels",
        "Category:Novels by Frank Herbert", or "books", "plays"... for the others.
    series, preceded_by, followed_by : str, optional
        Series and neighbours in the series, linked from the infobox.
    media : str
        Media type of the infobox; "Hardcover", "Paperback", "E-book" in it
        become links, as on Wikipedia.
    pages : int, optional
        Pages of the first edition, when known.
    name : str, optional
        Name in the infobox when it differs from the title.
    site : str, optional
        External link (official site); no external link when None.
    categories : iterable of str
        Extra categories, added after the generated ones.

    Returns
    -------
    record : list
        ``[title, infobox, wikilinks, external_links, last_edit, n_characters]``.
    """
    authors = _as_tuple(author)
    genres = _as_tuple(genre)
    demonym = DEMONYMS[country]
    seed = _seed(title)

    infobox: dict[str, str] = {"name": name or title, "author": ", ".join(authors)}
    infobox.update(country=country, language=language, genre=", ".join(genres))
    if series is not None:
        infobox["series"] = series
    if publisher is not None:
        infobox["publisher"] = publisher
    infobox.update(release_date=_release_date(year), media_type=media)
    if pages is not None:
        infobox["pages"] = str(pages)
    if preceded_by is not None:
        infobox["preceded_by"] = preceded_by
    if followed_by is not None:
        infobox["followed_by"] = followed_by

    # Infobox links first, in infobox order, then the text, then the categories.
    wikilinks = [*authors, country, f"{language} language", *genres]
    if series is not None:
        wikilinks.append(series)
    if publisher is not None:
        wikilinks.append(publisher)
    wikilinks.extend(_media_links(media))
    wikilinks.extend(x for x in (preceded_by, followed_by) if x is not None)
    # The text names the author again, and often the genre in lower case.
    wikilinks.append(authors[0])
    if seed % 3 != 0:
        wikilinks.append(genres[0].lower())
    wikilinks.extend(links)

    shelf = _SHELVES.get(kind, "books")
    if year >= 1500:
        wikilinks.append(f"Category:{year} {demonym} {shelf}")
    else:
        wikilinks.append(f"Category:{_century(year)} {shelf}")
    if shelf == "novels":
        kind_of = _genre_shelf(genres[0])
        if kind_of is not None:
            wikilinks.append(f"Category:{demonym} {kind_of}")
    wikilinks.extend(f"Category:{shelf.capitalize()} by {a}" for a in authors)
    if series is not None:
        wikilinks.append(f"Category:{re.sub(r' [(].*[)]$', '', series)} {shelf}")
    if publisher is not None:
        wikilinks.append(f"Category:{publisher} books")
    wikilinks.append(f"Category:{language}-language {shelf}")
    wikilinks.extend(categories)

    last_edit = _EPOCH + datetime.timedelta(seconds=seed % (540 * 86400))
    n_characters = 1500 + 180 * len(wikilinks) + seed % 9000
    external = [site] if site else []
    return [
        title,
        infobox,
        wikilinks,
        external,
        last_edit.strftime("%Y-%m-%dT%H:%M:%SZ"),
        n_characters,
    ]


def shelf(common: Iterable[str] = (), **defaults: Any) -> Callable[..., Record]:
    """A :func:`book` maker for one author or series.

    ``shelf(common, **defaults)(title, year, links, **overrides)`` is
    ``book(title, year=year, links=common + L(links), **defaults, **overrides)``:
    the links shared by the whole shelf come first, then those of the book.
    """
    shared = list(common)

    def make(title: str, year: int, links: str | Iterable[str] = "", **overrides: Any) -> Record:
        own = L(links) if isinstance(links, str) else list(links)
        return book(title, year=year, links=shared + own, **{**defaults, **overrides})

    return make


def project_page(title: str, links: Iterable[str]) -> Record:
    """A ``Wikipedia:`` project page that uses the book infobox (not a book).

    The dump holds a few of these; loaders are expected to drop them.
    """
    seed = _seed(title)
    last_edit = _EPOCH + datetime.timedelta(seconds=seed % (540 * 86400))
    infobox = {"name": "Book title", "author": "Author name", "media_type": "Print (Hardcover)"}
    return [title, infobox, list(links), [], last_edit.strftime("%Y-%m-%dT%H:%M:%SZ"), 800]
