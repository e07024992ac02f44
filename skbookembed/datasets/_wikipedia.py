"""Read, and download once, the public Wikipedia book dump.

The dump is newline-delimited JSON (ndjson): one JSON array per line,
``[title, infobox, wikilinks, external_links, last_edit, n_characters]``.
:func:`load_wikipedia_books` reads any file in that format (plain or gzip);
:func:`fetch_wikipedia_books` downloads the full public dump into the
scikit-learn data folder once and then reads it from there.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import urllib.parse
import warnings
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO, Literal

import numpy as np
from sklearn.datasets import get_data_home
from sklearn.utils import Bunch

from ._download import download_with_retries, sha256_of

__all__ = [
    "WIKIPEDIA_BOOKS_SHA256",
    "WIKIPEDIA_BOOKS_URL",
    "SkippedLinesWarning",
    "fetch_wikipedia_books",
    "load_wikipedia_books",
]

logger = logging.getLogger(__name__)

#: Address of the full public dump (about 59 MB, 37,020 books once the
#: ``Wikipedia:`` pages are dropped).
WIKIPEDIA_BOOKS_URL = (
    "https://raw.githubusercontent.com/WillKoehrsen/wikipedia-data-science/"
    "master/data/found_books_filtered.ndjson"
)

#: SHA-256 of the file at :data:`WIKIPEDIA_BOOKS_URL`, or ``None``: no
#: checksum is pinned, so downloads are checked against the server's
#: ``Content-Length`` only. Pass ``sha256=`` to
#: :func:`fetch_wikipedia_books` to pin the content you expect.
WIKIPEDIA_BOOKS_SHA256: str | None = None

_CACHE_SUBFOLDER = "skbookembed"
_DEFAULT_FILENAME = "found_books_filtered.ndjson"
_GZIP_MAGIC = b"\x1f\x8b"
_INT64_MIN, _INT64_MAX = -(1 << 63), (1 << 63) - 1


class SkippedLinesWarning(UserWarning):
    """Malformed lines were left out by ``load_wikipedia_books(..., on_bad_lines="skip")``.

    Its message says how many lines were skipped and why the first one was, and holds no
    source code, so a command-line tool can print it as it is (``str(warning.message)``).
    The count is also in the returned Bunch, as ``n_skipped``.

    Examples
    --------
    >>> import pathlib, tempfile, warnings
    >>> from skbookembed.datasets import SkippedLinesWarning, load_wikipedia_books
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "books.ndjson"
    >>> _ = path.write_text('["Dune", {}, ["Arrakis"], [], "t", 1]\\nnot json\\n')
    >>> with warnings.catch_warnings(record=True) as caught:
    ...     warnings.simplefilter("always", SkippedLinesWarning)
    ...     books = load_wikipedia_books(path, on_bad_lines="skip")
    >>> books.n_skipped, caught[0].category.__name__
    (1, 'SkippedLinesWarning')
    >>> str(caught[0].message).split(";")[0].startswith("Skipped 1 malformed line(s)")
    True
    """


# (name, expected Python type, how the error message names the expected JSON type)
_FIELDS = (
    ("title", str, "a string"),
    ("infobox", dict, "an object"),
    ("wikilinks", list, "an array of strings"),
    ("external_links", list, "an array of strings"),
    ("last_edit", str, "a string"),
    ("n_characters", int, "an integer"),
)

DESCR = """\
Wikipedia books
---------------

Wikipedia articles that use the book infobox, as collected for the notebook
"Neural Network Embedding Recommendation System" (Will Koehrsen, 2018) from a
dump of the English Wikipedia. Each line of the source file is one JSON
array ``[title, infobox, wikilinks, external_links, last_edit, n_characters]``.

Fields of the returned Bunch (one entry per book, in file order):

- ``titles``: article titles (list of str).
- ``infobox``: the book infobox as a dict of str -> str.
- ``wikilinks``: the internal links of the article, as written (list of list
  of str; duplicates and mixed case kept; lower-case them before counting,
  see ``skbookembed.preprocessing.WikilinkVectorizer``).
- ``external_links``: the external URLs of the article (list of list of str).
- ``last_edit``: time of the last edit, ISO 8601 in UTC (list of str).
- ``n_characters``: length of the article text (int64 array).
- ``n_skipped``: number of malformed lines skipped (``on_bad_lines="skip"``).
- ``n_wikipedia_pages``: number of ``Wikipedia:`` project pages dropped.
- ``filename``: the file read.

The full dump (``found_books_filtered.ndjson``, about 59 MB) holds 37,020
books once the titles containing ``Wikipedia:`` are dropped.
"""


def _json_type(value: Any) -> str:
    """Name the JSON type of a decoded value, for error messages."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "a string"
    if isinstance(value, list):
        return "an array"
    if isinstance(value, dict):
        return "an object"
    return type(value).__name__  # pragma: no cover - json only makes the above


_NOT_FOUND = object()


def _check_record(record: Any) -> str | None:
    """Return why ``record`` is not a valid book line, or None when it is."""
    if not isinstance(record, list):
        return f"expected a JSON array, got {_json_type(record)}"
    if len(record) != len(_FIELDS):
        return (
            f"expected an array of {len(_FIELDS)} fields [title, infobox, wikilinks, "
            f"external_links, last_edit, n_characters], got {len(record)} field(s)"
        )
    for position, (value, (name, kind, kind_name)) in enumerate(
        zip(record, _FIELDS, strict=True), start=1
    ):
        ok = isinstance(value, kind) and not isinstance(value, bool)
        if ok and kind is int and not _INT64_MIN <= value <= _INT64_MAX:
            return f"field {position} ({name}) is {value}, out of the 64-bit integer range"
        if ok and kind is dict:
            bad = next((v for v in value.values() if not isinstance(v, str)), _NOT_FOUND)
            if bad is not _NOT_FOUND:
                return (
                    f"field {position} ({name}) must be an object of strings, got an object "
                    f"containing {_json_type(bad)}"
                )
        if ok and kind is list:
            ok = all(isinstance(item, str) for item in value)
            if not ok:
                bad = next(item for item in value if not isinstance(item, str))
                return (
                    f"field {position} ({name}) must be {kind_name}, got an array "
                    f"containing {_json_type(bad)}"
                )
        if not ok:
            return f"field {position} ({name}) must be {kind_name}, got {_json_type(value)}"
    return None


def _open_binary(path: Path) -> BinaryIO:
    """Open ``path`` for reading bytes, decompressing gzip (found by magic bytes)."""
    with open(path, "rb") as probe:
        magic = probe.read(len(_GZIP_MAGIC))
    if magic == _GZIP_MAGIC:
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return open(path, "rb")


def load_wikipedia_books(
    path: str | os.PathLike[str],
    *,
    drop_wikipedia_pages: bool = True,
    on_bad_lines: Literal["error", "skip"] = "error",
) -> Bunch:
    """Load Wikipedia book articles from an ndjson file (plain or gzip).

    Each non-blank line must be one JSON array ``[title, infobox, wikilinks,
    external_links, last_edit, n_characters]`` of types string, object, array
    of strings, array of strings, string and integer: the format of the public
    dump (see :func:`fetch_wikipedia_books`).

    Long only because of its parameter documentation.

    Parameters
    ----------
    path : str or os.PathLike
        The file to read. Gzip compression is detected from the first bytes of
        the file, whatever its name.
    drop_wikipedia_pages : bool, default=True
        Drop the lines whose title contains ``"Wikipedia:"`` (project pages
        that use the book infobox, not books).
    on_bad_lines : {"error", "skip"}, default="error"
        What to do with a malformed line (invalid JSON, JSON nested too deeply
        to read, wrong number of fields, a field of the wrong type, an infobox
        value that is not a string, ``n_characters`` outside the 64-bit
        integer range). ``"error"`` raises a ValueError naming the file and the
        1-based line number. ``"skip"`` leaves the line out, emits one
        :class:`SkippedLinesWarning` (a :class:`UserWarning`) with the number
        of lines skipped, and records it in ``n_skipped``. Blank lines are
        always ignored.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        Dictionary-like object with the following attributes, one entry per
        book in file order:

        titles : list of str
            Article titles.
        infobox : list of dict
            The book infobox of each article.
        wikilinks : list of list of str
            Internal links as written in the file (duplicates and case kept).
        external_links : list of list of str
            External URLs.
        last_edit : list of str
            Time of the last edit (ISO 8601, UTC), as written in the file.
        n_characters : ndarray of shape (n_books,), dtype int64
            Length of the article text.
        n_skipped : int
            Malformed lines skipped (always 0 with ``on_bad_lines="error"``).
        n_wikipedia_pages : int
            ``Wikipedia:`` pages dropped (0 when ``drop_wikipedia_pages=False``).
        filename : str
            The file read.
        DESCR : str
            Description of the data set.

    Raises
    ------
    FileNotFoundError
        If ``path`` does not exist.
    ValueError
        If ``path`` is a directory; if a line is malformed and
        ``on_bad_lines="error"``; if a gzip file is corrupt or truncated; or if
        the file holds no book (it is empty, or every line was skipped or
        dropped). The message names the file (and the line).

    See Also
    --------
    fetch_wikipedia_books : Download the full dump once and load it.
    skbookembed.preprocessing.WikilinkVectorizer : Turn ``wikilinks`` into a
        books x links matrix.

    Examples
    --------
    >>> import json, tempfile, pathlib
    >>> from skbookembed.datasets import load_wikipedia_books
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> lines = [
    ...     ["Dune", {"author": "Frank Herbert"}, ["Science fiction", "Chilton Books"],
    ...      [], "2018-01-02T03:04:05Z", 5120],
    ...     ["Wikipedia:WikiProject Books", {}, [], [], "2018-01-01T00:00:00Z", 10],
    ... ]
    >>> _ = (folder / "books.ndjson").write_text("\\n".join(map(json.dumps, lines)))
    >>> books = load_wikipedia_books(folder / "books.ndjson")
    >>> books.titles, books.wikilinks
    (['Dune'], [['Science fiction', 'Chilton Books']])
    >>> books.n_wikipedia_pages
    1
    """
    path = _check_path(path, on_bad_lines)
    with _open_binary(path) as stream:
        read = _read_books(stream, path, drop_wikipedia_pages, on_bad_lines)
    if not read.books:
        raise ValueError(f"{path} holds no books: {read.why_empty()}.")
    if read.first_bad is not None:
        bad_line, bad_reason = read.first_bad
        warnings.warn(
            f"Skipped {read.n_skipped} malformed line(s) in {path}; the first is line "
            f"{bad_line}: {bad_reason}.",
            SkippedLinesWarning,
            stacklevel=2,
        )
    titles, infobox, wikilinks, external_links, last_edit, n_characters = map(
        list, zip(*read.books, strict=True)
    )
    return Bunch(
        titles=titles,
        infobox=infobox,
        wikilinks=wikilinks,
        external_links=external_links,
        last_edit=last_edit,
        n_characters=np.asarray(n_characters, dtype=np.int64),
        n_skipped=read.n_skipped,
        n_wikipedia_pages=read.n_wikipedia_pages,
        filename=str(path),
        DESCR=DESCR,
    )


def _check_path(path: Any, on_bad_lines: str) -> Path:
    """``path`` as a Path to a file that is not a folder; check ``on_bad_lines`` too."""
    if not isinstance(path, str | os.PathLike):
        raise TypeError(
            f"path must be a str or os.PathLike pointing to an ndjson file, got "
            f"{type(path).__name__}."
        )
    if on_bad_lines not in ("error", "skip"):
        raise ValueError(f"on_bad_lines must be 'error' or 'skip', got {on_bad_lines!r}.")
    path = Path(path)
    if path.is_dir():
        raise ValueError(f"{path} is a directory; pass the ndjson file to read, not its folder.")
    return path


@dataclass
class _Read:
    """What :func:`_read_books` found: the books' records, and what it left out."""

    books: list[list[Any]] = field(default_factory=list)
    n_skipped: int = 0
    n_wikipedia_pages: int = 0
    first_bad: tuple[int, str] | None = None

    def why_empty(self) -> str:
        """Why no book was read, for the error message."""
        if self.n_skipped:
            why = f"all {self.n_skipped} non-blank line(s) are malformed"
            if self.first_bad is not None:
                why += f" (the first, line {self.first_bad[0]}: {self.first_bad[1]})"
            return why
        if self.n_wikipedia_pages:
            return f"its {self.n_wikipedia_pages} line(s) are all 'Wikipedia:' project pages"
        return "it is empty (or holds blank lines only)"


def _parse_line(line: bytes) -> tuple[Any, str | None]:
    """The decoded record of a line, and why it is malformed (None when it is not)."""
    try:
        record = json.loads(line)
    except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
        return None, f"invalid JSON ({exc})"
    except RecursionError:
        return None, "invalid JSON (nested too deeply to read)"
    except OverflowError as exc:
        return None, f"invalid JSON ({exc})"
    return record, _check_record(record)


def _read_books(
    stream: BinaryIO, path: Path, drop_wikipedia_pages: bool, on_bad_lines: str
) -> _Read:
    """Read the book records of ``stream``, raising or counting malformed lines."""
    read = _Read()
    lineno = 0
    try:
        for lineno, line in enumerate(stream, start=1):  # noqa: B007 - used after the loop
            if not line.strip():
                continue
            record, reason = _parse_line(line)
            if reason is not None:
                if on_bad_lines == "error":
                    raise ValueError(
                        f"{path}, line {lineno}: {reason}. Fix or remove that line, "
                        "or pass on_bad_lines='skip' to leave malformed lines out."
                    )
                read.n_skipped += 1
                if read.first_bad is None:
                    read.first_bad = (lineno, reason)
            elif drop_wikipedia_pages and "Wikipedia:" in record[0]:
                read.n_wikipedia_pages += 1
            else:
                read.books.append(record)
    except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
        raise ValueError(
            f"{path}: the gzip stream is corrupt or truncated after line {lineno} "
            f"({exc}). Download or decompress the file again."
        ) from exc
    return read


def fetch_wikipedia_books(
    *,
    data_home: str | os.PathLike[str] | None = None,
    download_if_missing: bool = True,
    url: str = WIKIPEDIA_BOOKS_URL,
    sha256: str | None = WIKIPEDIA_BOOKS_SHA256,
    expected_size: int | None = None,
    drop_wikipedia_pages: bool = True,
    on_bad_lines: Literal["error", "skip"] = "error",
    n_retries: int = 3,
    delay: float = 1.0,
    timeout: float = 60.0,
) -> Bunch:
    """Load the full Wikipedia book dump, downloading it once if needed.

    The file ``found_books_filtered.ndjson`` (about 59 MB; 37,020 books once
    the ``Wikipedia:`` pages are dropped) comes from the public repository
    ``WillKoehrsen/wikipedia-data-science``.
    It is kept in ``<data_home>/skbookembed/`` and read from there on later
    calls, without contacting the server.

    The download streams into a temporary file in that folder, which replaces
    the cached file (:func:`os.replace`, atomic) only when the download is
    complete: the byte count must equal the server's ``Content-Length`` and
    ``expected_size`` when given, and the SHA-256 must equal ``sha256`` when
    given. A failed or interrupted download therefore never leaves a partial
    file in the cache.

    Long only because of its parameter documentation.

    Parameters
    ----------
    data_home : str or os.PathLike, default=None
        Folder of the scikit-learn data cache; ``None`` uses
        :func:`sklearn.datasets.get_data_home` (``~/scikit_learn_data`` unless
        the ``SCIKIT_LEARN_DATA`` environment variable says otherwise).
    download_if_missing : bool, default=True
        If False, raise a FileNotFoundError when the file is not cached instead
        of downloading it.
    url : str, default=WIKIPEDIA_BOOKS_URL
        Where to download from. The cached file takes the last part of the
        address as its name.
    sha256 : str, default=WIKIPEDIA_BOOKS_SHA256
        Expected SHA-256 (hexadecimal) of the file. The default is ``None``:
        no checksum check, the download is checked against ``Content-Length``
        only. When given, both a
        new download and an already cached file are checked; a cached file that
        does not match is downloaded again (or, with
        ``download_if_missing=False``, reported as an OSError).
    expected_size : int, default=None
        Expected size of the file in bytes, checked after download when given.
    drop_wikipedia_pages : bool, default=True
        Passed to :func:`load_wikipedia_books`.
    on_bad_lines : {"error", "skip"}, default="error"
        Passed to :func:`load_wikipedia_books`.
    n_retries : int, default=3
        How many times to try again after a network error or an incomplete
        download (not after a size or checksum mismatch, nor an HTTP 4xx
        answer).
    delay : float, default=1.0
        Seconds to wait between attempts.
    timeout : float, default=60.0
        Socket timeout in seconds for the connection and each read.

    Returns
    -------
    data : :class:`~sklearn.utils.Bunch`
        As returned by :func:`load_wikipedia_books` for the cached file.

    Raises
    ------
    FileNotFoundError
        If the file is not cached and ``download_if_missing=False``.
    OSError
        If the download fails (offline, server error, incomplete body after
        every retry) or the size or checksum does not match.

    See Also
    --------
    load_wikipedia_books : Read a file in the same format from anywhere.
    load_sample_books : A small sample shipped with the package.

    Examples
    --------
    Reading from the cache only, which fails clearly when the file was never
    downloaded:

    >>> import tempfile
    >>> from skbookembed.datasets import fetch_wikipedia_books
    >>> try:
    ...     fetch_wikipedia_books(data_home=tempfile.mkdtemp(), download_if_missing=False)
    ... except FileNotFoundError as exc:
    ...     print("not cached")
    not cached

    With network access, ``books = fetch_wikipedia_books()`` downloads the
    dump once (about 59 MB) and returns its 37,020 books.
    """
    _check_fetch_args(url, sha256, expected_size, n_retries, delay, timeout)
    folder = Path(get_data_home(data_home)) / _CACHE_SUBFOLDER
    name = Path(urllib.parse.unquote(urllib.parse.urlparse(url).path)).name or _DEFAULT_FILENAME
    target = folder / name

    if target.exists() and sha256 is not None and sha256_of(target) != sha256.lower():
        if not download_if_missing:
            raise OSError(
                f"The cached file {target} does not have the expected SHA-256 {sha256.lower()}. "
                "Delete it, or call again with download_if_missing=True to download it again."
            )
        logger.warning("Cached %s does not match the expected SHA-256; downloading again.", target)
        target.unlink()

    if not target.exists():
        if not download_if_missing:
            raise FileNotFoundError(
                f"{target} is not cached and download_if_missing=False. Call "
                "fetch_wikipedia_books() with network access, or put the file there yourself "
                "(or read any copy with load_wikipedia_books(path))."
            )
        folder.mkdir(parents=True, exist_ok=True)
        download_with_retries(
            url,
            target,
            sha256=sha256,
            expected_size=expected_size,
            timeout=timeout,
            n_retries=n_retries,
            delay=delay,
        )
    return load_wikipedia_books(
        target, drop_wikipedia_pages=drop_wikipedia_pages, on_bad_lines=on_bad_lines
    )


def _check_fetch_args(
    url: Any, sha256: Any, expected_size: Any, n_retries: Any, delay: Any, timeout: Any
) -> None:
    """Raise TypeError or ValueError on an argument of :func:`fetch_wikipedia_books`."""
    if not isinstance(url, str) or not url:
        raise TypeError(f"url must be a non-empty str, got {url!r}.")
    if sha256 is not None and (
        not isinstance(sha256, str)
        or len(sha256) != 64
        or any(c not in "0123456789abcdefABCDEF" for c in sha256)
    ):
        raise ValueError(f"sha256 must be 64 hexadecimal characters or None, got {sha256!r}.")
    if expected_size is not None and (
        isinstance(expected_size, bool) or not isinstance(expected_size, int) or expected_size < 0
    ):
        raise ValueError(
            f"expected_size must be a non-negative int or None, got {expected_size!r}."
        )
    if isinstance(n_retries, bool) or not isinstance(n_retries, int) or n_retries < 0:
        raise ValueError(f"n_retries must be a non-negative int, got {n_retries!r}.")
    if not (isinstance(delay, int | float) and delay >= 0):
        raise ValueError(f"delay must be a non-negative number of seconds, got {delay!r}.")
    if not (isinstance(timeout, int | float) and timeout > 0):
        raise ValueError(f"timeout must be a positive number of seconds, got {timeout!r}.")
