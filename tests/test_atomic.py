"""Tests of skbookembed._atomic, the one writer behind every file the library writes."""

from __future__ import annotations

import os
import subprocess
import sys
import time

import pytest

from skbookembed import _atomic
from skbookembed._atomic import ORPHAN_AGE_S, AtomicFiles, atomic_open, remove_orphans


def _listing(folder):
    return sorted(p.name for p in folder.iterdir())


def test_writes_bytes_and_text(tmp_path):
    with atomic_open(tmp_path / "a.bin") as handle:
        handle.write(b"\x00\x01")
    with atomic_open(tmp_path / "b.txt", "w") as handle:
        handle.write("caf\u00e9\n")
    assert (tmp_path / "a.bin").read_bytes() == b"\x00\x01"
    assert (tmp_path / "b.txt").read_bytes() == "caf\u00e9\n".encode()
    assert _listing(tmp_path) == ["a.bin", "b.txt"]


def test_nothing_appears_before_the_end(tmp_path):
    with atomic_open(tmp_path / "a.txt") as handle:
        handle.write(b"partial")
        handle.flush()
        names = _listing(tmp_path)
        assert "a.txt" not in names
        assert len(names) == 1 and names[0].startswith(".a.txt.") and names[0].endswith(".tmp")
    assert _listing(tmp_path) == ["a.txt"]


def test_failure_mid_write_leaves_no_file_and_no_temporary(tmp_path):
    with pytest.raises(RuntimeError, match="crashed"):
        with atomic_open(tmp_path / "a.txt") as handle:
            handle.write(b"half")
            raise RuntimeError("crashed")
    assert _listing(tmp_path) == []


def test_failure_leaves_an_existing_file_untouched(tmp_path):
    target = tmp_path / "a.txt"
    target.write_bytes(b"previous")
    with pytest.raises(KeyboardInterrupt):
        with atomic_open(target) as handle:
            handle.write(b"new and half")
            raise KeyboardInterrupt
    assert target.read_bytes() == b"previous"
    assert _listing(tmp_path) == ["a.txt"]


def test_several_files_appear_together_or_not_at_all(tmp_path):
    (tmp_path / "b.txt").write_bytes(b"old b")
    with pytest.raises(OSError, match="disk full"):
        with AtomicFiles() as files:
            with files.open(tmp_path / "a.txt") as handle:
                handle.write(b"new a")
            with files.open(tmp_path / "b.txt") as handle:
                handle.write(b"new b")
            raise OSError("disk full")
    assert _listing(tmp_path) == ["b.txt"]
    assert (tmp_path / "b.txt").read_bytes() == b"old b"
    with AtomicFiles() as files:
        files.open(tmp_path / "a.txt").write(b"new a")  # closed on exit
        files.open(tmp_path / "b.txt").write(b"new b")
    assert (tmp_path / "a.txt").read_bytes() == b"new a"
    assert (tmp_path / "b.txt").read_bytes() == b"new b"


def test_a_failed_fsync_keeps_the_old_file(tmp_path, monkeypatch):
    target = tmp_path / "a.txt"
    target.write_bytes(b"previous")

    def broken_fsync(fd):
        raise OSError("I/O error")

    monkeypatch.setattr(_atomic.os, "fsync", broken_fsync)
    with pytest.raises(OSError, match="I/O error"):
        with atomic_open(target) as handle:
            handle.write(b"new")
    assert target.read_bytes() == b"previous"
    assert _listing(tmp_path) == ["a.txt"]


def test_the_file_is_synced_before_it_is_renamed(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(_atomic.os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(
        _atomic.os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b))
    )
    with atomic_open(tmp_path / "a.txt") as handle:
        handle.write(b"data")
    assert events[:2] == ["fsync", "replace"]


@pytest.mark.skipif(os.name != "posix", reason="the umask is a POSIX notion")
@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_the_mode_follows_the_umask(tmp_path, umask, mode):
    old = os.umask(umask)
    try:
        with atomic_open(tmp_path / "a.txt") as handle:
            handle.write(b"data")
    finally:
        os.umask(old)
    assert (tmp_path / "a.txt").stat().st_mode & 0o777 == mode


def test_bad_mode_is_refused(tmp_path):
    with pytest.raises(ValueError, match="mode must be"):
        with atomic_open(tmp_path / "a.txt", "ab"):
            pass
    assert _listing(tmp_path) == []


def _dead_pid():
    done = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        check=True,
        capture_output=True,
        text=True,
    )
    return int(done.stdout)


def test_orphans_of_killed_writers_are_removed(tmp_path):
    dead_pid = _dead_pid()
    dead = tmp_path / f".a.txt.{dead_pid}.0a1b2c3d.tmp"
    unnamed_old = tmp_path / ".a.txt.k3j2h1g0.tmp"  # no process id: judged by its age
    unnamed_new = tmp_path / ".a.txt.z9y8x7w6.tmp"
    live = tmp_path / f".a.txt.{os.getppid()}.99999999.tmp"  # another process, still writing
    mine = tmp_path / f".a.txt.{os.getpid()}.12345678.tmp"  # this process, still writing
    other = tmp_path / f".b.txt.{dead_pid}.0a1b2c3d.tmp"  # a write to another file
    for path in (dead, unnamed_old, unnamed_new, live, mine, other):
        path.write_bytes(b"partial")
    long_ago = time.time() - 2 * ORPHAN_AGE_S
    os.utime(unnamed_old, (long_ago, long_ago))
    with atomic_open(tmp_path / "a.txt") as handle:
        handle.write(b"data")
    expected = ["a.txt", unnamed_new.name, live.name, mine.name, other.name]
    assert _listing(tmp_path) == sorted(expected)


def test_remove_orphans_ignores_a_missing_folder(tmp_path):
    remove_orphans(tmp_path / "missing" / "a.txt")  # no error
