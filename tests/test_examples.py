"""Run every script of examples/ in quick mode and check what it prints and writes.

Each example runs in a subprocess, as a user would run it, with
``SKBOOKEMBED_EXAMPLE_FAST=1`` (fewer epochs, smaller searches) and
``SKBOOKEMBED_EXAMPLE_OUTPUT`` pointing into a temporary folder. The checks are
known answers on the shipped sample: the neighbours of a book are books of the same
series, author or literature, files are real and complete.
"""

from __future__ import annotations

import ast
import os
import re
import struct
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from skbookembed.datasets import load_sample_books

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
TIMEOUT = 600  # seconds per script; each takes well under a minute in quick mode


@pytest.fixture(scope="module")
def sample_infobox() -> dict[str, dict[str, str]]:
    books = load_sample_books()
    return dict(zip(books.titles, books.infobox, strict=True))


def run_example(name: str, tmp_path: Path, **env: str) -> str:
    """Run ``examples/<name>`` in quick mode; return its standard output."""
    environ = {
        **os.environ,
        "SKBOOKEMBED_EXAMPLE_FAST": "1",
        "SKBOOKEMBED_EXAMPLE_OUTPUT": str(tmp_path / "output"),
        # Never read a full dump cached on this machine: it would make the run long.
        "SCIKIT_LEARN_DATA": str(tmp_path / "scikit_learn_data"),
        "MPLBACKEND": "Agg",
        "TF_CPP_MIN_LOG_LEVEL": "3",
        **env,
    }
    if "SKBOOKEMBED_DATA" not in env:
        environ.pop("SKBOOKEMBED_DATA", None)
    done = subprocess.run(
        [sys.executable, str(EXAMPLES / name)],
        cwd=tmp_path,
        env=environ,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
    )
    assert done.returncode == 0, (
        f"{name} exited with {done.returncode}\n--- stdout\n{done.stdout}\n"
        f"--- stderr\n{done.stderr[-5000:]}"
    )
    return done.stdout


def ranked_after(output: str, heading: str) -> list[str]:
    """Keys of the ranked lines printed after ``heading`` ("  1. +0.912  Key" or "  +0.912  Key")."""
    lines = output.splitlines()
    start = lines.index(heading) + 1
    keys = []
    for line in lines[start:]:
        match = re.match(r"^\s+(?:\d+\.\s+)?[+-]\d\.\d{3}\s+(.+)$", line)
        if not match:
            break
        keys.append(match.group(1))
    return keys


def share(keys: list[str], predicate: Callable[[str], bool]) -> int:
    return sum(1 for key in keys if predicate(key))


def png_size(path: Path) -> tuple[int, int]:
    """Width and height of a PNG file, read from its header."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG file"
    assert data[12:16] == b"IHDR"
    assert data[-8:-4] == b"IEND", f"{path} is truncated"
    return struct.unpack(">II", data[16:24])


# ------------------------------------------------------------------------ the examples


def test_every_example_is_tested_and_has_a_gallery_header():
    scripts = sorted(path.name for path in EXAMPLES.glob("*.py"))
    assert scripts == sorted(TESTED), "add the new example to TESTED in this file"
    for name in scripts:
        docstring = ast.get_docstring(ast.parse((EXAMPLES / name).read_text(encoding="utf-8")))
        assert docstring, f"{name} needs a docstring: sphinx-gallery takes its title from it"
        title, underline = docstring.splitlines()[1:3]
        assert set(underline) == {"="} and len(underline) >= len(title), name


def test_quickstart(tmp_path, sample_infobox):
    out = run_example("plot_quickstart.py", tmp_path)
    dune = ranked_after(out, "Books most similar to 'Dune':")
    assert len(dune) == 5
    assert share(dune, lambda title: "Dune" in title) >= 4, dune
    russian = ranked_after(out, "Books most similar to 'War and Peace':")
    assert share(russian, lambda t: sample_infobox[t]["language"] == "Russian") >= 4, russian
    tolkien = ranked_after(out, "Books most similar to 'the fellowship of the ring':")
    assert share(tolkien, lambda t: sample_infobox[t]["author"] == "J. R. R. Tolkien") >= 4
    links = ranked_after(out, "Links most similar to 'science fiction':")
    assert len(links) == 5 and "science fiction" not in links
    arrakis = ranked_after(out, "Books nearest to a new book about Arrakis:")
    assert share(arrakis, lambda t: "Herbert" in sample_infobox[t]["author"]) >= 4, arrakis
    assert "the reloaded model gives the same neighbours: True" in out
    # The quick start prints what it shows: a line for every query it makes.
    assert re.search(r"^\d+ epochs, loss from \d\.\d{3} to \d\.\d{3}$", out, flags=re.M), out
    for heading in (
        "Books least similar to 'Dune':",
        "Books like 'Dune' + 'The Hobbit' - 'Emma (novel)':",
    ):
        assert len(ranked_after(out, heading)) == 3, heading
    assert (tmp_path / "output" / "sample_model.npz").is_file()


def test_pipeline_gridsearch(tmp_path, sample_infobox):
    out = run_example("plot_pipeline_gridsearch.py", tmp_path)
    scores = [float(s) for s in re.findall(r"^recall@10 (\d\.\d{3}) ", out, flags=re.M)]
    assert len(scores) == 2 and all(0.0 < s <= 1.0 for s in scores), out
    best = float(re.search(r"Best cross-validated recall@10: (\d\.\d{3})", out).group(1))
    assert best == max(scores)
    # Far above recommending the most popular links (about 0.16 on this sample).
    assert best > 0.3
    austen = ranked_after(out, "Books most similar to 'Pride and Prejudice':")
    assert share(austen, lambda t: sample_infobox[t]["author"] == "Jane Austen") >= 4, austen
    detective = ranked_after(out, "Links most similar to 'detective fiction':")
    assert len(detective) == 5
    dune_line = next(line for line in out.splitlines() if line.startswith("['Science fiction'"))
    assert dune_line.count("Dune") >= 2, dune_line


def check_wikipedia_output(out: str, tmp_path: Path, data: Path) -> None:
    assert out.splitlines()[0] == f"Data: {data}"
    match = re.search(
        r"Held-out recall@10: embeddings (\d\.\d{3}), most popular links (\d\.\d{3})", out
    )
    assert match, out
    model, popularity = map(float, match.groups())
    assert model > popularity, out
    assert "Links most similar to" in out
    assert (tmp_path / "output" / "wikipedia_books.npz").is_file()


def test_wikipedia_dump_on_the_sample(tmp_path, sample_infobox):
    data = Path(load_sample_books().filename)
    out = run_example("plot_wikipedia_dump.py", tmp_path, SKBOOKEMBED_DATA=str(data))
    check_wikipedia_output(out, tmp_path, data)
    assert out.splitlines()[1].startswith(f"{len(sample_infobox)} books")
    russian = ranked_after(out, "Books most similar to 'War and Peace':")
    assert share(russian, lambda t: sample_infobox[t]["language"] == "Russian") >= 4, russian


def test_wikipedia_dump_on_the_real_partition(tmp_path, p15_path):
    """The real data: only aggregate results are checked, no title."""
    out = run_example("plot_wikipedia_dump.py", tmp_path, SKBOOKEMBED_DATA=str(p15_path))
    check_wikipedia_output(out, tmp_path, p15_path)
    assert "Books most similar to" in out


def test_map(tmp_path):
    pytest.importorskip("matplotlib", reason="the map example needs matplotlib")
    out = run_example("plot_map.py", tmp_path)
    assert "Projected 346 books to 2 dimensions" in out
    legend = re.search(r"legend: (\[.*\])", out).group(1)
    # Normalised genres: one "science fiction", the most common genre of the sample.
    assert legend.startswith("['science fiction (") and "'other (" in legend, legend
    assert "Science fiction" not in legend and "novel" not in legend
    named = re.search(r"Named on the map: (\[.*\])", out).group(1)
    assert 3 <= named.count("', '") + 1 <= 6, named
    output = tmp_path / "output"
    assert png_size(output / "books_by_genre.png") == (1000, 700)
    if _has("bokeh"):
        html = (output / "books_by_genre.html").read_text(encoding="utf-8")
        assert "War and Peace" in html and not re.search(r"<script[^>]+src=", html)
    width, height = png_size(output / "war_and_peace.png")
    assert width == 1000 and height > 300
    png_size(output / "science_fiction_links.png")
    closest = re.search(r"closest: (\[.*\])", out).group(1)
    assert "Tolstoy" in closest or "Anna Karenina" in closest or "Ivan Ilyich" in closest


def test_export(tmp_path):
    out = run_example("plot_export.py", tmp_path)
    output = tmp_path / "output"
    projector = output / "projector"
    for name in ("books_vectors.tsv", "books_metadata.tsv", "links_vectors.tsv"):
        assert (projector / name).is_file(), name
    header, first = (projector / "books_metadata.tsv").read_text(encoding="utf-8").splitlines()[:2]
    assert header == "name\tauthor\tgenre"
    assert first == "Dune\tFrank Herbert\tScience fiction"
    assert '"tensorName": "links"' in out
    assert out.count("identical vectors: True") == (3 if _has("gensim") else 2), out
    first_row = (projector / "books_vectors.tsv").read_text(encoding="utf-8").splitlines()[0]
    dim = len(first_row.split("\t"))
    assert (output / "books.txt").read_text(encoding="utf-8").startswith(f"346 {dim}\n")
    assert (output / "books.bin").stat().st_size > 346 * dim * 4


def _has(module: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(module) is not None


def test_checkpoint(tmp_path):
    out = run_example("plot_checkpoint.py", tmp_path)
    saved = sorted((tmp_path / "output").glob("checkpoint-*.npz"))
    assert [p.name for p in saved] == [f"checkpoint-{e:03d}.npz" for e in range(1, len(saved) + 1)]
    assert f"epoch {len(saved)}: loss" in out and len(saved) >= 2
    assert "checkpoint of epoch" in out and "Dune" in out
    assert "2 more epochs: loss" in out


TESTED = (
    "plot_checkpoint.py",
    "plot_export.py",
    "plot_map.py",
    "plot_pipeline_gridsearch.py",
    "plot_quickstart.py",
    "plot_wikipedia_dump.py",
)
