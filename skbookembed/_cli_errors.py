"""Errors and path checks of the command line: what it prints after ``error:``.

The command line catches every exception of a command in one place (:func:`message` turns
it into the text after ``error:``). Problems the user can fix become precise messages, with
the command line's option names instead of the Python ones; anything else is reported as a
probable bug. The ``check_*`` functions run before any work, so that a bad output path is
found before training rather than after it.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

__all__ = [
    "CommandError",
    "check_input_file",
    "check_output_file",
    "check_output_folder",
    "cli_words",
    "looks_like_npz",
    "message",
]


class CommandError(Exception):
    """An error to report to the user as ``error: ...`` with exit status 1."""


#: Python spellings in library messages, and what to type on the command line instead.
_CLI_WORDS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"(?:pass )?on_bad_lines='skip'"), "pass --skip-bad-lines"),
    (re.compile(r"\bmin_count=(\d+)"), r"--min-count \1"),
    (re.compile(r"\bLower min_count\b"), "Lower --min-count"),
    (re.compile(r"\bcount='(\w+)'"), r"--count \1"),
)


def cli_words(text: str) -> str:
    """``text`` with the library's Python option names replaced by the command line's."""
    for pattern, replacement in _CLI_WORDS:
        text = pattern.sub(replacement, text)
    # scikit-learn's "The 'epochs' parameter of PairEmbeddingRecommender must be ..."
    return re.sub(
        r"The '(\w+)' parameter of PairEmbeddingRecommender",
        lambda m: f"The option --{m.group(1).replace('_', '-')}",
        text,
    )


def message(exc: BaseException) -> str:
    """What to print after ``error:`` for an exception raised by a command."""
    if isinstance(exc, CommandError):
        return str(exc)
    if isinstance(exc, KeyError):  # str() of a KeyError adds quotes: use the message itself
        return cli_words(str(exc.args[0]) if exc.args else "unknown key")
    if isinstance(exc, OSError) and exc.strerror:
        where = f" '{exc.filename}'" if exc.filename else ""
        return f"{exc.strerror}:{where}."
    if isinstance(exc, MemoryError):
        return "out of memory; try a smaller data file or a smaller --embedding-dim."
    if isinstance(exc, ValueError | ImportError | OSError):
        return cli_words(str(exc))
    return (
        f"unexpected {type(exc).__name__}: {exc}\n"
        "This is a bug in skbookembed: please report it to its maintainers with the command "
        "you ran and what the same command prints with --traceback."
    )


def check_input_file(path: Path, what: str) -> None:
    """Fail unless ``path`` is a readable file; ``what`` names it in the message."""
    if not path.exists():
        raise CommandError(f"{what} '{path}' does not exist.")
    if path.is_dir():
        raise CommandError(f"{what} '{path}' is a folder, not a file.")
    if not os.access(path, os.R_OK):
        raise CommandError(f"{what} '{path}' cannot be read (permission denied).")


def _probe_folder(folder: Path, option: str) -> None:
    """Fail unless a file can be created in ``folder`` (an existing folder)."""
    try:
        fd, probe = tempfile.mkstemp(prefix=".skbookembed-", suffix=".probe", dir=folder)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise CommandError(
            f"{option}: cannot write into the folder '{folder}' ({reason})."
        ) from exc
    os.close(fd)
    Path(probe).unlink(missing_ok=True)


def check_output_file(path: Path, option: str, example: str) -> None:
    """Fail now, before any work, unless ``path`` can be written as a file."""
    if path.is_dir():
        raise CommandError(
            f"{option} '{path}' is a folder; give a file name, e.g. '{path / example}'."
        )
    folder = path.parent
    if not folder.exists():
        raise CommandError(f"{option} '{path}': the folder '{folder}' does not exist.")
    if not folder.is_dir():
        raise CommandError(f"{option} '{path}': '{folder}' is not a folder.")
    _probe_folder(folder, option)


def check_output_folder(path: Path, what: str) -> None:
    """Fail now unless ``path`` is (or can be created as) a writable folder."""
    existing = path
    while not existing.exists() and existing != existing.parent:
        existing = existing.parent
    if not existing.is_dir():
        if existing == path:
            raise CommandError(f"{what} '{path}' is a file; give a folder to write into.")
        raise CommandError(f"{what} '{path}': '{existing}' is a file, not a folder.")
    _probe_folder(existing, what)


def looks_like_npz(path: Path) -> bool:
    """Whether ``path`` starts like a zip archive (what ``.npz`` files are)."""
    with open(path, "rb") as fh:
        return fh.read(4) in (b"PK\x03\x04", b"PK\x05\x06")
