"""Data sets: the Wikipedia book dump, a shipped sample, and synthetic matrices.

- :func:`load_wikipedia_books` reads the ndjson format of the public dump.
- :func:`fetch_wikipedia_books` downloads the full dump once (cached).
- :func:`load_sample_books` loads a small sample shipped with the package.
- :func:`make_book_links` generates a books x links matrix with planted topics.
- :func:`infobox_labels` turns infobox values into labels (coarse genres, authors).
"""

from ._labels import coarse_genre, infobox_labels, normalize_author
from ._sample import load_sample_books
from ._synthetic import make_book_links
from ._wikipedia import SkippedLinesWarning, fetch_wikipedia_books, load_wikipedia_books

__all__ = [
    "SkippedLinesWarning",
    "coarse_genre",
    "infobox_labels",
    "normalize_author",
    "fetch_wikipedia_books",
    "load_sample_books",
    "load_wikipedia_books",
    "make_book_links",
]
