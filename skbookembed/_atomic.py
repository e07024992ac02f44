"""Atomic file writing: a file appears complete, or not at all.

Every file the library writes (model files, exports, figures, the projection cache,
downloads) goes through :class:`AtomicFiles` or :func:`atomic_open`:

* the content goes to a hidden temporary file in the destination's folder, named
  ``.{name}.{pid}.{token}.tmp`` and created with mode ``0o666`` so that the process's
  umask decides the permissions, as for a plain :func:`open`;
* once the writing succeeded, the temporary file is flushed to disk (:func:`os.fsync`)
  and moved onto the destination with :func:`os.replace` (atomic on POSIX and Windows);
* on an error the temporary file is deleted and an existing destination is untouched;
* temporary files that a killed writer left beside the destination are deleted by the
  next write to it (see :func:`remove_orphans`).
"""

from __future__ import annotations

import os
import secrets
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

__all__ = ["ORPHAN_AGE_S", "AtomicFiles", "atomic_open", "remove_orphans"]

#: A temporary file whose writer cannot be probed is an orphan once it is this old (s).
ORPHAN_AGE_S = 3600.0
_SUFFIX = ".tmp"


def _temporary_name(final: Path) -> Path:
    """A fresh temporary path beside ``final``: ``.{name}.{pid}.{token}.tmp``."""
    return final.with_name(f".{final.name}.{os.getpid()}.{secrets.token_hex(4)}{_SUFFIX}")


def _process_alive(pid: int) -> bool:
    if os.name != "posix":
        return True  # no safe probe here: fall back on the age of the file
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # it exists but belongs to someone else
    return True


def remove_orphans(final: Path) -> None:
    """Delete the temporary files that interrupted writes to ``final`` left behind.

    A temporary file is an orphan when its process is gone or, when that cannot be told
    (no process id in its name, or no way to probe one), when it is older than
    :data:`ORPHAN_AGE_S`. Writes in progress, of this process or another, are left alone.
    Errors (a folder that cannot be listed, a file already gone) are ignored.
    """
    prefix, now = f".{final.name}.", time.time()
    try:
        entries = list(os.scandir(final.parent))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(_SUFFIX)):
            continue
        middle = entry.name[len(prefix) : -len(_SUFFIX)].split(".")
        try:
            pid = int(middle[0]) if len(middle) == 2 else None
            old = now - entry.stat(follow_symlinks=False).st_mtime > ORPHAN_AGE_S
            if pid == os.getpid() or not entry.is_file(follow_symlinks=False):
                continue
            if (pid is not None and not _process_alive(pid)) or old:
                os.unlink(entry.path)
        except (OSError, ValueError):
            continue


def _fsync_path(path: Path, *, directory: bool = False) -> None:
    """Flush ``path`` (a file, or a folder's entries) to disk where the system allows it.

    POSIX syncs through a read-only descriptor; Windows needs one open for writing and
    cannot open folders, whose entries it does not sync.
    """
    if directory and os.name != "posix":
        return
    flags = (os.O_RDONLY if os.name == "posix" else os.O_RDWR) | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except OSError:
        if directory:
            return
        raise
    try:
        os.fsync(fd)
    except OSError:
        if not directory:
            raise
    finally:
        os.close(fd)


class AtomicFiles:
    """Write several files so that each appears complete or not at all.

    Use as a context manager; :meth:`open` returns a file object writing to a hidden
    temporary file beside the destination. When the ``with`` block ends without an
    error, every temporary file is flushed to disk and replaces its destination; on an
    error they are all deleted and no destination is touched. A failure while moving
    the files into place (rare: the disk is full or the folder was removed) can leave
    the files moved before it in place.

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from skbookembed._atomic import AtomicFiles
    >>> folder = Path(tempfile.mkdtemp())
    >>> with AtomicFiles() as files:
    ...     with files.open(folder / "a.txt") as handle:
    ...         _ = handle.write(b"first")
    ...     with files.open(folder / "b.txt") as handle:
    ...         _ = handle.write(b"second")
    ...     sorted(p.name for p in folder.iterdir() if not p.name.startswith("."))
    []
    >>> sorted(p.name for p in folder.iterdir())
    ['a.txt', 'b.txt']
    """

    def __init__(self) -> None:
        self._pending: list[tuple[Path, Path, IO[Any]]] = []

    def open(self, path: str | os.PathLike[str], mode: str = "wb") -> IO[Any]:
        """A new file object writing the future content of ``path``.

        ``mode`` is ``"wb"`` (bytes) or ``"w"`` (UTF-8 text). Orphaned temporary files of
        earlier writes to ``path`` are deleted first.
        """
        if mode not in ("wb", "w"):
            raise ValueError(f"mode must be 'wb' or 'w', got {mode!r}.")
        final = Path(path)
        remove_orphans(final)
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
        while True:
            temp = _temporary_name(final)
            try:
                fd = os.open(temp, flags, 0o666)  # the umask decides the final mode
                break
            except FileExistsError:  # pragma: no cover - 32 random bits collided
                continue
        handle = os.fdopen(fd, mode, **({"encoding": "utf-8"} if mode == "w" else {}))
        self._pending.append((temp, final, handle))
        return handle

    def __enter__(self) -> AtomicFiles:
        return self

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            for _, _, handle in self._pending:
                handle.close()
            if exc_type is None:
                for temp, _, _ in self._pending:
                    _fsync_path(temp)
                for temp, final, _ in self._pending:
                    os.replace(temp, final)
                for folder in {final.parent for _, final, _ in self._pending}:
                    _fsync_path(folder, directory=True)
        finally:
            for temp, _, _ in self._pending:
                try:
                    os.unlink(temp)
                except FileNotFoundError:
                    pass
            self._pending = []


@contextmanager
def atomic_open(path: str | os.PathLike[str], mode: str = "wb") -> Iterator[IO[Any]]:
    """Open ``path`` for writing through a temporary file (see :class:`AtomicFiles`).

    Examples
    --------
    >>> import tempfile
    >>> from pathlib import Path
    >>> from skbookembed._atomic import atomic_open
    >>> path = Path(tempfile.mkdtemp()) / "notes.txt"
    >>> with atomic_open(path, "w") as handle:
    ...     _ = handle.write("complete")
    >>> path.read_text()
    'complete'
    """
    with AtomicFiles() as files, files.open(path, mode) as handle:
        yield handle
