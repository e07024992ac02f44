"""Keys and rows: name validation, lookups (exact, case-insensitive, row numbers), suggestions.

:func:`check_names` is the one validation of names for the whole package: the estimator's
``book_names`` / ``link_names`` and the ``keys`` of :class:`~skbookembed.KeyedEmbeddings`.
:class:`Vocabulary` maps keys to rows and back and explains unknown keys.
"""

from __future__ import annotations

import difflib
import math
import re
from collections.abc import Iterable, Mapping
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._utils import is_int

__all__ = ["MISSING", "Vocabulary", "bytes_key_error", "check_names", "is_key"]

#: Default of :meth:`Vocabulary.get_index`: raise for an unknown key instead of returning.
MISSING = object()
_WORD = re.compile(r"\w+")
_ROW_NUMBER = re.compile(r"[0-9]+")


def is_key(value: Any) -> bool:
    """Whether ``value`` is a single key: a str or an int row index."""
    return isinstance(value, str) or is_int(value)


def bytes_key_error(value: bytes | bytearray) -> TypeError:
    """The error for a bytes value given where a key (str or int row index) is expected."""
    return TypeError(
        f"keys are str or int row indices, got bytes ({value!r}); decode it first, "
        "for example key.decode('utf-8')."
    )


def _name_type_error(value: Any, position: int, param: str) -> TypeError:
    where = f"{param}[{position}]"
    if isinstance(value, (bytes, bytearray, np.bytes_)):
        return TypeError(
            f"{where} is bytes ({value!r}); names must be str. Decode them first, for "
            f"example [name.decode('utf-8') for name in {param}]."
        )
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return TypeError(
            f"{where} is missing ({value!r}); every row needs a str name. Fill in the "
            "missing names (or leave the names out to address rows by index)."
        )
    if is_int(value):
        return TypeError(
            f"{param} must be str, got int ({value!r}) at position {position}: an int in a "
            "query always means a row index, so int names would be ambiguous. Pass "
            f"[str(v) for v in {param}] to key rows by their decimal text, or leave the names "
            "out to address rows by index."
        )
    return TypeError(
        f"{param} must be str, got {type(value).__name__} ({value!r}) at position {position}."
    )


def _validated(names: Any, n: int, param: str, holder: str) -> tuple[list[str], dict[str, int]]:
    if isinstance(names, (str, bytes)):
        raise TypeError(f"{param} must be a sequence of {n} names, not a single string.")
    if isinstance(names, Mapping):
        raise TypeError(f"{param} must be a sequence of {n} names, not a mapping.")
    if isinstance(names, np.ndarray) and names.ndim != 1:
        raise ValueError(f"{param} must be 1-D, got an array of shape {names.shape}.")
    values = list(names)
    if len(values) != n:
        raise ValueError(f"{param} has {len(values)} names but {holder} has {n} rows.")
    for position, value in enumerate(values):
        if not isinstance(value, str):
            raise _name_type_error(value, position, param)
    values = [str(v) for v in values]  # numpy.str_ -> str, nothing stripped
    try:
        "".join(values).encode("utf-8")
    except UnicodeEncodeError:
        position = next(i for i, v in enumerate(values) if not _is_utf8(v))
        raise ValueError(
            f"{param}[{position}] ({values[position]!r}) is not valid Unicode text (it holds "
            "a lone surrogate); names must be encodable as UTF-8."
        ) from None
    mapping = {v: i for i, v in enumerate(values)}
    if len(mapping) != n:
        seen: set[str] = set()
        repeated: list[str] = []
        for v in values:
            if v in seen and v not in repeated:
                repeated.append(v)
            seen.add(v)
        shown = ", ".join(repr(r) for r in repeated[:5])
        more = f" and {len(repeated) - 5} more" if len(repeated) > 5 else ""
        raise ValueError(f"{param} must be unique; repeated: {shown}{more}. De-duplicate them.")
    return values, mapping


def _is_utf8(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def check_names(
    names: Any, n: int, *, param: str = "names", holder: str = "X"
) -> NDArray[np.object_] | None:
    """Validate one name per row and return them as an object array of ``str``.

    Names must be ``str`` (numpy strings become plain ``str``), unique, and encodable as
    UTF-8; they are kept exactly as given (no stripping, no case folding). Bytes, ``None``,
    NaN and numbers are refused rather than converted: ``b"x"`` and ``"b'x'"`` or ``3`` and
    ``"3"`` would otherwise become the same key, and an int in a query means a row index.
    The result is an object array, so one long name costs its own length only.

    Parameters
    ----------
    names : sequence of str or None
        The names; None means no names.
    n : int
        Number of rows the names describe.
    param : str, default="names"
        Name of the argument, for error messages.
    holder : str, default="X"
        What holds the rows, for error messages.

    Returns
    -------
    ndarray of object, shape (n,), or None
        The names as Python ``str``; None when ``names`` is None.

    Raises
    ------
    TypeError
        For a single string, a mapping, or a name that is not a ``str``.
    ValueError
        For the wrong number of names, repeated names, or text that is not valid Unicode.
    """
    if names is None:
        return None
    values, _ = _validated(names, n, param, holder)
    out = np.empty(n, dtype=object)
    out[:] = values
    return out


def _tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


class Vocabulary:
    """Keys of ``n`` rows: lookups by key, case-insensitive key or row index, and suggestions.

    Without keys, the keys are the row indices ``0 .. n-1`` and a string of decimal digits
    (``"3"``) is read as a row index too, so text interfaces can address such rows.

    Parameters
    ----------
    keys : sequence of str or None
        One unique key per row (validated by :func:`check_names`), or None.
    n : int
        Number of rows.
    """

    def __init__(self, keys: Iterable[Any] | None, n: int, *, param: str = "keys") -> None:
        self.n = int(n)
        self.keys: list[str] | None = None
        self._map: dict[Any, int] | None = None
        self._lower: dict[str, int] | None = None
        self._ints: list[int] | None = None
        self._words: list[list[str]] | None = None
        if keys is not None:
            self.keys, self._map = _validated(keys, self.n, param, "vectors")

    @property
    def index_to_key(self) -> list[Any]:
        """Key of each row: the str keys, or ``[0, 1, ..., n-1]``."""
        if self.keys is not None:
            return self.keys
        if self._ints is None:
            self._ints = list(range(self.n))
        return self._ints

    @property
    def key_to_index(self) -> dict[Any, int]:
        """Row index of each key."""
        if self._map is None:
            self._map = {k: i for i, k in enumerate(self.index_to_key)}
        return self._map

    def _lower_map(self) -> dict[str, int]:
        """Lower-cased key -> row index, or -1 when several keys share it."""
        if self._lower is None:
            lower: dict[str, int] = {}
            for i, k in enumerate(self.keys or ()):
                lk = k.lower()
                lower[lk] = -1 if lk in lower else i
            self._lower = lower
        return self._lower

    def suggest(self, key: str, n: int = 5) -> list[str]:
        """Keys close to ``key``: by prefix, by words, then by spelling (best first).

        Keys that start with ``key`` come first, then keys containing all the words of
        ``key``, then keys whose words start with them, then near spellings (difflib ratio
        of at least 0.75, ignoring case); shorter keys first within each group.
        """
        keys = self.keys or []
        query = key.lower().strip()
        if not query:
            return []
        if self._words is None:
            self._words = [_tokens(k) for k in keys]
        words = _tokens(query)
        prefix, whole, partial = [], [], []
        for i, k in enumerate(keys):
            lk = k.lower()
            if lk.startswith(query) and len(query) >= 2:
                prefix.append(i)
            elif words and all(w in self._words[i] for w in words):
                whole.append(i)
            elif words and all(
                len(w) >= 3 and any(t.startswith(w) for t in self._words[i]) for w in words
            ):
                partial.append(i)
        found: list[str] = []
        for group in (prefix, whole, partial):
            found.extend(keys[i] for i in sorted(group, key=lambda i: (len(keys[i]), i)))
            if len(found) >= n:
                return found[:n]
        by_lower: dict[str, list[str]] = {}
        for k in keys:
            by_lower.setdefault(k.lower(), []).append(k)
        close = difflib.get_close_matches(query, list(by_lower), n=n, cutoff=0.75)
        for lk in close:
            found.extend(k for k in by_lower[lk] if k not in found)
        return found[:n]

    def get_index(self, key: Any, default: Any = MISSING) -> Any:
        """Row of ``key`` (see :meth:`KeyedEmbeddings.get_index`), or ``default``."""
        n = self.n
        if is_int(key):
            if 0 <= int(key) < n:
                return int(key)
            if default is not MISSING:
                return default
            raise KeyError(f"row index {key} is out of range for {n} vectors.")
        if not isinstance(key, str):
            if default is not MISSING:
                return default
            if isinstance(key, (bytes, bytearray)):
                raise bytes_key_error(key)
            raise TypeError(f"keys are str or int row indices, got {type(key).__name__}.")
        if self.keys is None:
            text = key.strip()
            if _ROW_NUMBER.fullmatch(text):
                return self.get_index(int(text), default)
            if default is not MISSING:
                return default
            raise KeyError(
                f"{key!r} is not a key: these embeddings have no keys, address rows by "
                f"row number 0..{n - 1}."
            )
        index = self.key_to_index.get(key)
        if index is not None:
            return index
        index = self._lower_map().get(key.lower())
        if index is not None and index >= 0:
            return index
        if default is not MISSING:
            return default
        if index == -1:
            matches = [k for k in self.keys if k.lower() == key.lower()]
            shown = ", ".join(repr(m) for m in matches[:5])
            raise KeyError(
                f"{key!r} is not a known key and matches several keys case-insensitively: "
                f"{shown}. Use the exact spelling."
            )
        suggestions = self.suggest(key)
        if suggestions:
            hint = " Did you mean: " + ", ".join(repr(s) for s in suggestions) + "?"
        else:
            hint = " No key is close to it (by prefix, words or spelling)."
        raise KeyError(f"{key!r} is not a known key.{hint}")

    def indices_of(self, keys: Any) -> NDArray[np.int64]:
        """Rows of several keys (a list of keys or row indices, or an int array)."""
        if isinstance(keys, (str, bytes, bytearray)) or is_int(keys):
            raise TypeError(
                f"expected a list of keys, got a single {type(keys).__name__} ({keys!r}); "
                "wrap it in a list."
            )
        if isinstance(keys, Mapping):
            raise TypeError("expected a list of keys, got a mapping; pass list(...) of its keys.")
        if isinstance(keys, np.ndarray) and np.issubdtype(keys.dtype, np.integer):
            arr = keys.astype(np.int64).reshape(-1)
            if arr.size and (arr.min() < 0 or arr.max() >= self.n):
                bad = arr[(arr < 0) | (arr >= self.n)][0]
                raise KeyError(f"row index {bad} is out of range for {self.n} vectors.")
            return arr
        if not isinstance(keys, Iterable):
            raise TypeError(f"expected a list of keys, got {type(keys).__name__}.")
        return np.fromiter((self.get_index(k) for k in keys), dtype=np.int64)

    def unique_rows(self, keys: Any) -> NDArray[np.int64]:
        """Sorted distinct rows of one key or of several keys."""
        if is_key(keys):
            keys = [keys]
        return np.unique(self.indices_of(keys))
