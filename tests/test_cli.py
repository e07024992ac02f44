"""The skbookembed command line: demo, fit, similar, plot, export, and its errors."""

from __future__ import annotations

import argparse
import json
import os
import re
import subprocess
import sys

import numpy as np
import pytest
import scipy.sparse as sp

import skbookembed
from skbookembed import _cli_parser
from skbookembed.cli import main

from .conftest import planted_groups

GENRES = ("Science fiction novel", "Fantasy", "Mystery novel", "Romance")


def _write_books(path, n_groups=3, per_group=10):
    """A tiny Wikipedia-format file: books of a group share their group's pages and genre."""
    X, groups = planted_groups(n_groups=n_groups, books_per_group=per_group)
    with open(path, "w", encoding="utf-8") as fh:
        for i in range(X.shape[0]):
            links = [f"Page {groups[i]}-{j}" for j in X.indices[X.indptr[i] : X.indptr[i + 1]]]
            links += ["Paperback"]
            infobox = {"genre": GENRES[groups[i]]}
            if i % 2 == 0:
                infobox["author"] = f"[[Author {groups[i]}]]"
            record = [f"Book {i}", infobox, links, [], "2018-01-01", 100]
            fh.write(json.dumps(record) + "\n")
    return groups


@pytest.fixture(scope="module")
def model_file(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("cli")
    _write_books(tmp / "books.ndjson")
    out = tmp / "model.npz"
    code = main(
        [
            "fit",
            str(tmp / "books.ndjson"),
            "-o",
            str(out),
            "--min-count",
            "1",
            "--epochs",
            "30",
            "--n-positive",
            "32",
            "--learning-rate",
            "0.02",
            "--embedding-dim",
            "8",
            "--random-state",
            "0",
            "--quiet",
        ]
    )
    assert code == 0
    return out


def test_version(capsys):
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.strip() == f"skbookembed {skbookembed.__version__}"


def test_fit_writes_a_loadable_model(model_file, capsys):
    model = skbookembed.load(model_file)
    assert model.book_names_[0] == "Book 0"
    assert "paperback" not in set(model.link_names_)  # the original cleaning ran
    assert model.embedding_dim == 8


def test_fit_keeps_genre_and_author_labels(model_file):
    labels = skbookembed.load(model_file).book_labels_
    assert sorted(labels) == ["author", "genre"]
    assert labels["genre"][:1].tolist() == ["science fiction"]
    assert labels["genre"][10] == "fantasy" and labels["genre"][29] == "crime"
    assert labels["author"][:2].tolist() == ["author 0", None]


def test_similar_prints_neighbours_of_the_same_group(model_file, capsys):
    assert main(["similar", str(model_file), "book", "0", "-n", "5"]) == 0
    out = capsys.readouterr().out
    assert "'Book 0'" in out  # case-insensitive lookup resolved the key
    listed = [line.split()[-1] for line in out.splitlines()[1:]]
    assert len(listed) == 5 and all(int(n) < 10 for n in listed)


def test_similar_least_and_links(model_file, capsys):
    assert main(["similar", str(model_file), "Book 0", "--least", "-n", "3"]) == 0
    out = capsys.readouterr().out
    assert "least similar" in out
    assert all(int(line.split()[-1]) >= 10 for line in out.splitlines()[1:])
    assert main(["similar", str(model_file), "page 0-3", "--links", "-n", "3"]) == 0
    assert "links most similar to 'page 0-3'" in capsys.readouterr().out


def test_unknown_key_suggests_close_matches(model_file, capsys):
    assert main(["similar", str(model_file), "Bok 1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:") and "Book 1" in err


def test_missing_files_and_bad_options(tmp_path, capsys):
    assert main(["similar", str(tmp_path / "none.npz"), "x"]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["fit", str(tmp_path / "none.ndjson"), "-o", str(tmp_path / "m.npz")]) == 1
    assert "does not exist" in capsys.readouterr().err
    assert main(["fit"]) == 2
    assert main(["similar", "m.npz", "x", "-n", "many"]) == 2
    assert main([]) == 2


def test_fit_from_an_npz_matrix_with_names(tmp_path, capsys):
    X, _ = planted_groups(n_groups=2)
    sp.save_npz(tmp_path / "X.npz", X)
    (tmp_path / "books.txt").write_text("\n".join(f"T{i}" for i in range(X.shape[0])))
    code = main(
        [
            "fit",
            str(tmp_path / "X.npz"),
            "-o",
            str(tmp_path / "m.npz"),
            "--book-names",
            str(tmp_path / "books.txt"),
            "--epochs",
            "2",
            "--quiet",
        ]
    )
    assert code == 0
    assert skbookembed.load(tmp_path / "m.npz").book_names_[3] == "T3"
    (tmp_path / "bad.npz").write_bytes(b"nope")
    assert main(["fit", str(tmp_path / "bad.npz"), "-o", str(tmp_path / "m2.npz")]) == 1
    assert "not a scipy sparse .npz matrix" in capsys.readouterr().err
    assert not (tmp_path / "m2.npz").exists()


def test_export_word2vec_and_projector(model_file, tmp_path):
    assert main(["export", str(model_file), str(tmp_path / "w2v"), "--format", "word2vec"]) == 0
    from skbookembed.export import load_word2vec_format

    files = list((tmp_path / "w2v").iterdir())
    assert len(files) == 1
    kv = load_word2vec_format(files[0])
    model = skbookembed.load(model_file)
    np.testing.assert_array_equal(kv.vectors, model.book_embeddings_)
    assert main(["export", str(model_file), str(tmp_path / "proj")]) == 0
    assert (tmp_path / "proj" / "projector_config.json").exists()


def test_plot_similar_writes_a_png(model_file, tmp_path):
    out = tmp_path / "bars.png"
    assert main(["plot", str(model_file), "similar", "Book 2", "-o", str(out), "-n", "4"]) == 0
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert main(["plot", str(model_file), "similar", "-o", str(out)]) == 1


def test_python_dash_m_runs_the_cli():
    out = subprocess.run(
        [sys.executable, "-m", "skbookembed", "--help"], capture_output=True, text=True
    )
    assert out.returncode == 0
    for command in ("demo", "fit", "similar", "plot", "export"):
        assert command in out.stdout


def _walk(parser):
    """(command, action) for every argument of the parser and its subcommands."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                for _, sub_action in _walk(sub):
                    yield name, sub_action
        else:
            yield "skbookembed", action


def test_every_option_and_positional_has_help():
    parser = _cli_parser.build_parser()
    missing = [
        f"{command} {'/'.join(action.option_strings) or action.dest}"
        for command, action in _walk(parser)
        if not action.help and not isinstance(action, argparse._HelpAction)
    ]
    assert missing == []
    commands = {command for command, _ in _walk(parser)}
    assert commands == {"skbookembed", "demo", "fit", "similar", "plot", "export"}


@pytest.mark.parametrize("command", ["demo", "fit", "similar", "plot", "export"])
def test_help_shows_defaults_and_ends_with_examples(command, capsys):
    assert main([command, "--help"]) == 0
    out = capsys.readouterr().out
    examples = out.split("examples:\n")[-1].strip().splitlines()
    assert 2 <= len(examples) <= 3
    assert all(line.strip().startswith(f"skbookembed {command}") for line in examples)
    if command in ("similar", "demo"):
        assert "(default: 10)" in out or "(default: 5)" in out


def test_fit_options_cover_the_estimator_parameters(capsys):
    params = set(skbookembed.PairEmbeddingRecommender().get_params(deep=False))
    table = {option.param for option in _cli_parser.FIT_OPTIONS}
    defaults = _cli_parser.estimator_defaults()  # with the parameter objects' fields as obj__field
    assert table - set(defaults) == set(), "rows for parameters the estimator no longer has"
    assert params - table - set(_cli_parser.NOT_FIT_OPTIONS) == set(), (
        "parameters without an option"
    )
    assert {"sampling__exponent", "sampling__block", "loss__negative_target"} <= table
    assert main(["fit", "--help"]) == 0
    out = capsys.readouterr().out
    for option in _cli_parser.FIT_OPTIONS:
        assert option.flag in out
        assert f"(default: {defaults[option.param]})" in " ".join(out.split())


def test_fit_options_set_fields_of_the_presets():
    parser = _cli_parser.build_parser()
    args = parser.parse_args(
        ["fit", "d.ndjson", "-o", "m.npz", "--negative-exponent", "0.75", "--block", "1"]
    )
    options = _cli_parser.model_options(args)
    assert set(options) == {"sampling"}
    assert options["sampling"].get_params() == {
        "positives": "epoch", "repeat_counts": False, "block": 1, "exponent": 0.75
    }  # fmt: skip
    args = parser.parse_args(
        ["fit", "d.ndjson", "-o", "m.npz", "--original-recipe", "--negative-target", "-0.5"]
    )
    loss = _cli_parser.model_options(args)["loss"]
    assert (loss.name, loss.negative_target) == ("mse", -0.5)
    args = parser.parse_args(
        ["fit", "d.ndjson", "-o", "m.npz", "--epochs", "3", "--loss", "original"]
    )
    assert _cli_parser.model_options(args) == {"epochs": 3, "loss": "original"}


def test_multi_word_titles_quoted_or_not(model_file, tmp_path, capsys):
    assert main(["similar", str(model_file), "Book", "3", "-n", "2"]) == 0
    unquoted = capsys.readouterr().out
    assert main(["similar", str(model_file), "Book 3", "-n", "2"]) == 0
    assert capsys.readouterr().out == unquoted
    out = tmp_path / "bars.png"
    assert main(["plot", str(model_file), "similar", "Book", "3", "-o", str(out), "-n", "2"]) == 0
    assert out.read_bytes()[:4] == b"\x89PNG"


def test_fit_prints_no_tensorflow_log_lines(tmp_path):
    _write_books(tmp_path / "books.ndjson", n_groups=2, per_group=4)
    env = {k: v for k, v in os.environ.items() if not k.startswith("TF_CPP")}
    argv = [sys.executable, "-m", "skbookembed", "fit", str(tmp_path / "books.ndjson")]
    argv += ["-o", str(tmp_path / "m.npz"), "--min-count", "1", "--epochs", "2"]
    out = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=600)
    assert out.returncode == 0, out.stderr
    noise = re.compile(r"^[IWE]\d{4} |cuInit|oneDNN|absl::InitializeLog", re.M)
    assert noise.findall(out.stderr) == [], out.stderr
    assert "Saved the model" in out.stdout


def test_book_labels_are_stored_compactly(model_file, tmp_path):
    with np.load(model_file, allow_pickle=False) as npz:
        codes, utf8 = npz["label_genre_codes"], npz["label_genre_utf8"]
        assert codes.dtype == np.int32 and codes.shape == (30,)
        assert utf8.tobytes() == b"crimefantasyscience fiction"  # distinct labels, once each
        assert npz["label_genre_offsets"].tolist() == [0, 5, 12, 27]
        arrays = {name: npz[name] for name in npz.files}
    arrays["label_genre_codes"] = np.full(30, 7, dtype=np.int32)  # no such label
    np.savez(tmp_path / "bad.npz", **arrays)
    with pytest.raises(ValueError, match="labels 'genre' do not match"):
        skbookembed.load(tmp_path / "bad.npz")
    model = skbookembed.load(model_file)
    del model.book_labels_
    model.save(tmp_path / "plain.npz")
    assert not hasattr(skbookembed.load(tmp_path / "plain.npz"), "book_labels_")


def test_quiet_tensorflow_keeps_the_users_setting_and_names_the_device():
    code = "import os; from skbookembed import _tf; "
    code += "print(os.environ['TF_CPP_MIN_LOG_LEVEL']); print(_tf.device_summary())"
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "1"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    assert out.returncode == 0, out.stderr
    level, device = out.stdout.splitlines()
    assert level == "1"
    assert re.fullmatch(r"CPU, \d+ threads|GPUs?: .+", device)


def test_similar_smooth_uses_the_link_rows_the_model_file_keeps(model_file, capsys):
    model = skbookembed.load(model_file)
    assert model.book_links_.shape == (30, len(model.link_names_))
    expected = model.books_.smoothed(model.book_links_, 1.0).most_similar("Book 0", topn=4)
    assert main(["similar", str(model_file), "Book 0", "-n", "4", "--smooth", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "The 4 books most similar to 'Book 0' (smoothed, strength 1):"
    assert [line.split(maxsplit=2)[2] for line in lines[1:]] == [k for k, _ in expected]
    scores = [float(line.split()[1]) for line in lines[1:]]
    np.testing.assert_allclose(scores, [s for _, s in expected], atol=5e-4)


def test_similar_smooth_errors(model_file, tmp_path, capsys):
    assert main(["similar", str(model_file), "page 0-3", "--links", "--smooth", "1"]) == 1
    assert "cannot be used with --links" in capsys.readouterr().err
    model = skbookembed.load(model_file)
    del model.book_links_
    model.save(tmp_path / "plain.npz")
    assert main(["similar", str(tmp_path / "plain.npz"), "Book 0", "--smooth", "1"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("error:") and "keeps no link rows" in err and "skbookembed fit" in err
    assert main(["similar", str(model_file), "Book 0", "--smooth", "-1"]) == 2
    assert "must be a finite number, 0 or more" in capsys.readouterr().err
