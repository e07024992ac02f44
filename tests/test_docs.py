"""Build the documentation with warnings as errors.

The build runs on a copy of ``docs/`` and ``examples/`` in a temporary folder, so
that the files Sphinx generates (API stubs, the example gallery) never land in the
working tree.

Two builds cover both states of the optional benchmark files (``bench/RESULTS.md``
and ``docs/_static/time_per_epoch.png``): one as the repository has them, which runs
the example gallery as the published build does (quick mode), one with the opposite
(present files removed, missing ones replaced by stand-ins) and the gallery not run
(``-D plot_gallery=0``), which tests/test_examples.py covers anyway.

The quick start is one: the Python code of ``docs/quickstart.rst`` is the code of
``examples/plot_quickstart.py``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import shutil
import struct
import subprocess
import sys
import zlib
from pathlib import Path

import pytest

for _module, _package in (
    ("sphinx", "sphinx"),
    ("numpydoc", "numpydoc"),
    ("sphinx_gallery", "sphinx-gallery"),
    ("pydata_sphinx_theme", "pydata-sphinx-theme"),
    ("myst_parser", "myst-parser"),
):
    if importlib.util.find_spec(_module) is None:
        pytest.skip(
            f"building the docs needs {_package}: pip install '.[docs]'",
            allow_module_level=True,
        )

ROOT = Path(__file__).resolve().parents[1]
RESULTS = Path("bench") / "RESULTS.md"
PLOT = Path("docs") / "_static" / "time_per_epoch.png"
GENERATED = ("_build", "auto_examples", "generated", "sg_execution_times.rst")
TIMEOUT = 600
TF_LOG = re.compile(
    r"^(?:[IWEF]\d{4} \d\d:\d\d:\d+\.\d+ +\d+ \S+:\d+\] "
    r"|WARNING: All log messages before absl::InitializeLog\(\))"
)

STAND_IN_RESULTS = """\
# Benchmark results

Run by the test suite; see [the quality script](bench_quality.py) and
[scikit-learn](https://scikit-learn.org).

## Speed

| engine | seconds per epoch |
| --- | --- |
| fused | 1.0 |

![plot](../docs/_static/time_per_epoch.png)
"""


def copy_sources(target: Path, *, toggle: bool) -> tuple[bool, bool]:
    """Copy what the build reads into ``target``; return whether RESULTS.md and the plot exist."""
    shutil.copytree(ROOT / "docs", target / "docs", ignore=shutil.ignore_patterns(*GENERATED))
    shutil.copytree(ROOT / "examples", target / "examples")
    (target / "bench").mkdir()
    if (ROOT / RESULTS).is_file():
        shutil.copy2(ROOT / RESULTS, target / RESULTS)
    if toggle:
        for path in (RESULTS, PLOT):
            if (target / path).is_file():
                (target / path).unlink()
            elif path == RESULTS:
                (target / path).write_text(STAND_IN_RESULTS, encoding="utf-8")
            else:
                (target / path).write_bytes(tiny_png())
    return (target / RESULTS).is_file(), (target / PLOT).is_file()


def tiny_png() -> bytes:
    """A valid 1 x 1 grey PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)  # 1 x 1, 8-bit greyscale
    pixels = zlib.compress(b"\x00\x80")  # filter byte, one grey pixel
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", pixels)
        + chunk(b"IEND", b"")
    )


def build(source: Path, output: Path, *, run_gallery: bool = True) -> str:
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "MPLBACKEND": "Agg"}
    env.pop("SKBOOKEMBED_DATA", None)
    env["SCIKIT_LEARN_DATA"] = str(output.parent / "scikit_learn_data")  # never a full dump
    options = [] if run_gallery else ["-D", "plot_gallery=0"]
    done = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "--keep-going", "-q", "-b", "html", *options,
         str(source), str(output)],
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        env=env,
    )  # fmt: skip
    assert done.returncode == 0, f"sphinx-build failed:\n{done.stdout}\n{done.stderr}"
    # TensorFlow's C++ logging (the gallery trains models) is not Sphinx's: leave it out.
    sphinx_lines = [line for line in done.stderr.splitlines() if not TF_LOG.match(line)]
    assert not [line for line in sphinx_lines if "WARNING" in line], done.stderr
    return done.stderr


@pytest.mark.parametrize("toggle", [False, True], ids=["as-in-repository", "toggled"])
def test_docs_build_without_warnings(tmp_path, toggle):
    has_results, has_plot = copy_sources(tmp_path, toggle=toggle)
    html = tmp_path / "html"
    build(tmp_path / "docs", html, run_gallery=not toggle)

    for page in (
        "index.html",
        "quickstart.html",
        "api.html",
        "changelog.html",
        "user_guide/pipelines.html",
        "generated/skbookembed.PairEmbeddingRecommender.html",
        "generated/skbookembed.KeyedEmbeddings.html",
        "generated/skbookembed.preprocessing.WikilinkVectorizer.html",
        "generated/skbookembed.datasets.load_sample_books.html",
        "auto_examples/index.html",
        "auto_examples/plot_quickstart.html",
    ):
        assert (html / page).is_file(), page

    # numpydoc rendered the sections, autodoc the members, sphinx-gallery the links to
    # the examples that use the class.
    estimator = (html / "generated/skbookembed.PairEmbeddingRecommender.html").read_text("utf-8")
    for text in ("Parameters", "Attributes", "Examples using"):
        assert text in estimator, text
    for member in ("fit", "transform", "score", "most_similar", "save", "load", "books_"):
        assert f'id="skbookembed.PairEmbeddingRecommender.{member}"' in estimator, member
    # The gallery shows the code of the examples.
    assert "set_fit_request" in (html / "auto_examples/plot_pipeline_gridsearch.html").read_text(
        "utf-8"
    )

    if not toggle:
        # The gallery ran: the pages show the scripts' output and their figures.
        quickstart = (html / "auto_examples/plot_quickstart.html").read_text("utf-8")
        assert "sphx-glr-script-out" in quickstart
        assert "Books most similar to 'Dune':" in quickstart
        maps = (html / "auto_examples/plot_map.html").read_text("utf-8")
        images = re.findall(r'src="(\.\./_images/sphx_glr_plot_map_\d+\.png)"', maps)
        assert len(images) == 3, images  # the map and two bar charts
        for image in images:
            assert (html / "auto_examples" / image).stat().st_size > 10_000, image
        thumb = html / "_images/sphx_glr_plot_map_thumb.png"
        assert thumb.is_file() and thumb.stat().st_size > 5_000
        assert "legend: ['science fiction (" in maps

    # The optional benchmark content appears when its file exists, a note otherwise.
    benchmarks = (html / "user_guide/benchmarks.html").read_text("utf-8")
    assert ("missing-bench-results" in benchmarks) is not has_results
    assert ("missing-time-per-epoch-plot" in benchmarks) is not has_plot
    if has_plot:
        assert (html / "_images" / "time_per_epoch.png").is_file()
    if has_results and toggle:
        assert "seconds per epoch" in benchmarks  # the stand-in's table
        assert "bench/bench_quality.py" in benchmarks  # its local link, as plain text


# ------------------------------------------------------------------------ one quick start


def _code_lines(code: str) -> list[str]:
    return [line.rstrip() for line in code.splitlines() if line.strip()]


def _rst_python_blocks(text: str) -> list[str]:
    blocks = re.findall(r"^\.\. code-block:: python\n\n((?:   .*\n|\n)+)", text, flags=re.M)
    return ["\n".join(line[3:] for line in block.splitlines()) for block in blocks]


def _in_order(lines: list[str], within: list[str]) -> list[str]:
    """The lines of ``lines`` not found, in order, in ``within``."""
    missing, position = [], 0
    for line in lines:
        try:
            position = within.index(line, position) + 1
        except ValueError:
            missing.append(line)
    return missing


EXAMPLE = ROOT / "examples" / "plot_quickstart.py"


def test_docs_quick_start_is_the_example():
    example = _code_lines(EXAMPLE.read_text(encoding="utf-8"))
    blocks = _rst_python_blocks((ROOT / "docs" / "quickstart.rst").read_text(encoding="utf-8"))
    assert len(blocks) >= 6
    for block in blocks:
        assert _in_order(_code_lines(block), example) == [], block
