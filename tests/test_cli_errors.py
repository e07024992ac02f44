"""Every way the command line used to end in a Python traceback: now ``error: ...``, exit 1.

Most cases fail before any training, so they run without TensorFlow; one small fit makes the
model file the query cases start from.
"""

from __future__ import annotations

import json
import os
import tempfile

import numpy as np
import pytest

from skbookembed import cli
from skbookembed.cli import main

from .test_cli import _write_books


def _error(capsys, argv) -> str:
    """Run the command line; it must fail cleanly with one ``error:`` message."""
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert err.startswith("error: ") or "\nerror: " in err, err
    assert "Traceback" not in err
    return err


@pytest.fixture(scope="module")
def books_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("books") / "books.ndjson"
    _write_books(path, n_groups=2, per_group=6)
    return path


@pytest.fixture(scope="module")
def model_file(tmp_path_factory, books_file):
    out = tmp_path_factory.mktemp("model") / "model.npz"
    argv = ["fit", str(books_file), "-o", str(out), "--min-count", "1", "--epochs", "1"]
    assert main([*argv, "--embedding-dim", "4", "--random-state", "0", "--quiet"]) == 0
    return out


def _rewrite(source, target, **changes):
    """A copy of a model file with some arrays replaced (None removes one)."""
    with np.load(source, allow_pickle=False) as npz:
        arrays = {name: npz[name] for name in npz.files}
    for name, value in changes.items():
        if value is None:
            arrays.pop(name, None)
        else:
            arrays[name] = value
    np.savez(target, **arrays)
    return target


def _meta(obj) -> np.ndarray:
    return np.frombuffer(json.dumps(obj).encode(), dtype=np.uint8)


def _read_only_folder(tmp_path, monkeypatch):
    """A folder nobody may write into (for root, whom chmod does not stop, a refusing OS)."""
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        tempfile.TemporaryFile(dir=folder).close()
    except OSError:
        return folder
    real = tempfile.mkstemp

    def refuse(*args, dir=None, **kwargs):
        if dir is not None and os.path.realpath(dir).startswith(os.path.realpath(folder)):
            raise PermissionError(13, "Permission denied", str(dir))
        return real(*args, dir=dir, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", refuse)
    return folder


# ---------------------------------------------------------------------- fit


def test_fit_on_a_directory(tmp_path, capsys):
    err = _error(capsys, ["fit", str(tmp_path), "-o", str(tmp_path / "m.npz")])
    assert "is a folder" in err


@pytest.mark.parametrize("skip", [False, True])
def test_fit_on_a_line_with_a_huge_integer(tmp_path, capsys, skip):
    data = tmp_path / "big.ndjson"
    data.write_text(json.dumps(["A", {}, ["x"], [], "2018", 10**20]) + "\n")
    argv = ["fit", str(data), "-o", str(tmp_path / "m.npz")]
    _error(capsys, [*argv, "--skip-bad-lines"] if skip else argv)
    assert not (tmp_path / "m.npz").exists()


@pytest.mark.parametrize("skip", [False, True])
def test_fit_on_a_deeply_nested_line(tmp_path, capsys, skip):
    data = tmp_path / "deep.ndjson"
    data.write_text("[" * 100_000 + "]" * 100_000 + "\n")
    argv = ["fit", str(data), "-o", str(tmp_path / "m.npz")]
    _error(capsys, [*argv, "--skip-bad-lines"] if skip else argv)


def test_fit_book_names_is_a_directory(tmp_path, capsys):
    import scipy.sparse as sp

    sp.save_npz(tmp_path / "X.npz", sp.csr_matrix(np.eye(3)))
    argv = ["fit", str(tmp_path / "X.npz"), "-o", str(tmp_path / "m.npz")]
    err = _error(capsys, [*argv, "--book-names", str(tmp_path)])
    assert "--book-names" in err and "is a folder" in err


def test_fit_output_is_a_directory(books_file, tmp_path, capsys):
    err = _error(capsys, ["fit", str(books_file), "-o", str(tmp_path), "--min-count", "1"])
    assert "-o/--output" in err and "is a folder" in err
    assert "Data:" not in capsys.readouterr().out  # refused before reading or training


def test_fit_output_in_a_read_only_folder(books_file, tmp_path, capsys, monkeypatch):
    folder = _read_only_folder(tmp_path, monkeypatch)
    argv = ["fit", str(books_file), "-o", str(folder / "m.npz"), "--min-count", "1"]
    err = _error(capsys, argv)
    assert "cannot write into the folder" in err


def test_fit_empty_file_says_no_books(tmp_path, capsys):
    (tmp_path / "empty.ndjson").write_text("")
    err = _error(capsys, ["fit", str(tmp_path / "empty.ndjson"), "-o", str(tmp_path / "m")])
    assert "no books" in err and "No link is left" not in err


def test_fit_errors_name_the_command_line_options(books_file, tmp_path, capsys):
    data = tmp_path / "bad.ndjson"
    data.write_text(books_file.read_text() + "not json\n")
    err = _error(capsys, ["fit", str(data), "-o", str(tmp_path / "m.npz")])
    assert "--skip-bad-lines" in err and "on_bad_lines" not in err
    argv = ["fit", str(books_file), "-o", str(tmp_path / "m.npz"), "--min-count", "1000"]
    err = _error(capsys, argv)
    assert "--min-count 1000" in err and "min_count" not in err


def test_skip_bad_lines_prints_one_clean_warning(books_file, tmp_path, capsys):
    data = tmp_path / "bad.ndjson"
    wiki = json.dumps(["Wikipedia:Books", {}, ["x"], [], "2018", 1])
    data.write_text(books_file.read_text() + "not json\n" + wiki + "\n")
    argv = ["fit", str(data), "-o", str(tmp_path / "m.npz"), "--skip-bad-lines"]
    assert main([*argv, "--min-count", "1000"]) == 1  # stops after reading: no training
    captured = capsys.readouterr()
    warnings = [line for line in captured.err.splitlines() if line.startswith("warning:")]
    assert len(warnings) == 1 and "line 13" in warnings[0]
    assert "UserWarning" not in captured.err and "warnings.warn" not in captured.err
    assert "1 'Wikipedia:' project page(s)" in captured.out
    assert "1 malformed line(s) (--skip-bad-lines)" in captured.out


def test_bad_model_option_names_the_option(books_file, tmp_path, capsys):
    argv = ["fit", str(books_file), "-o", str(tmp_path / "m.npz"), "--min-count", "1"]
    err = _error(capsys, [*argv, "--embedding-dim", "0"])
    assert "--embedding-dim" in err and "PairEmbeddingRecommender" not in err


# ---------------------------------------------------------------------- models


def test_int_names_in_a_model_file_are_a_clean_error(model_file, tmp_path, capsys):
    # Names are strings (the reader refuses others); an old-layout file holding int names
    # gets a clean error from every command that reads it, not a traceback.
    ints = _rewrite(
        model_file,
        tmp_path / "ints.npz",
        book_names=np.arange(12),
        book_names_utf8=None,
        book_names_offsets=None,
    )
    for argv in (
        ["similar", str(ints), "3", "-n", "2"],
        ["export", str(ints), str(tmp_path / "out"), "--format", "word2vec"],
    ):
        err = _error(capsys, argv)
        assert "not a skbookembed model file" in err and "names" in err


def test_model_metadata_of_the_wrong_type(model_file, tmp_path, capsys):
    bad = _rewrite(model_file, tmp_path / "list.npz", __meta__=_meta([1, 2]))
    err = _error(capsys, ["similar", str(bad), "Book 0"])
    assert "not a skbookembed model file" in err


def test_text_file_is_not_a_model(tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("hello\n")
    err = _error(capsys, ["similar", str(tmp_path / "notes.txt"), "x"])
    assert "not a skbookembed model file" in err and "allow_pickle" not in err


def test_model_without_names_is_queried_by_row(model_file, tmp_path, capsys):
    with np.load(model_file, allow_pickle=False) as npz:
        meta = json.loads(npz["__meta__"].tobytes())
    meta["has_book_names"] = False
    rows = _rewrite(model_file, tmp_path / "rows.npz", __meta__=_meta(meta), book_names=None)
    assert main(["similar", str(rows), "0", "-n", "3"]) == 0
    out = capsys.readouterr().out
    assert "similar to 0" in out and len(out.splitlines()) == 4
    err = _error(capsys, ["similar", str(rows), "Book", "0"])
    assert "row number" in err


def test_topn_zero_prints_an_empty_list(model_file, capsys):
    assert main(["similar", str(model_file), "Book 0", "-n", "0"]) == 0
    assert capsys.readouterr().out.splitlines() == ["The 0 books most similar to 'Book 0':"]


def test_plot_output_is_a_directory(model_file, tmp_path, capsys):
    err = _error(capsys, ["plot", str(model_file), "map", "-o", str(tmp_path)])
    assert "is a folder" in err


def test_plot_labels_from_a_directory(model_file, tmp_path, capsys):
    argv = ["plot", str(model_file), "map", "-o", str(tmp_path / "map.png")]
    err = _error(capsys, [*argv, "--labels-from", str(tmp_path)])
    assert "--labels-from" in err and "is a folder" in err


def test_export_into_a_file(model_file, tmp_path, capsys):
    (tmp_path / "file").write_text("x")
    err = _error(capsys, ["export", str(model_file), str(tmp_path / "file")])
    assert "is a file" in err
    err = _error(capsys, ["export", str(model_file), str(tmp_path / "file" / "sub")])
    assert "is a file" in err


def test_export_into_a_read_only_folder(model_file, tmp_path, capsys, monkeypatch):
    folder = _read_only_folder(tmp_path, monkeypatch)
    err = _error(capsys, ["export", str(model_file), str(folder / "out")])
    assert "cannot write into the folder" in err


def test_demo_output_is_a_directory(tmp_path, capsys):
    err = _error(capsys, ["demo", "-o", str(tmp_path)])
    assert "is a folder" in err
    assert "Sample:" not in capsys.readouterr().out  # refused before fitting


# ---------------------------------------------------------------------- unexpected errors


def test_unexpected_errors_ask_for_a_report(model_file, capsys, monkeypatch):
    def broken(args):
        raise RuntimeError("boom")

    monkeypatch.setattr(cli, "_cmd_similar", broken)
    err = _error(capsys, ["similar", str(model_file), "x"])
    assert "unexpected RuntimeError: boom" in err and "bug" in err
    assert main(["--traceback", "similar", str(model_file), "x"]) == 1
    assert "Traceback" in capsys.readouterr().err


def test_interrupt_exits_130(model_file, capsys, monkeypatch):
    def interrupted(args):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "_cmd_similar", interrupted)
    assert main(["similar", str(model_file), "x"]) == 130
    assert capsys.readouterr().err.startswith("error: interrupted")
