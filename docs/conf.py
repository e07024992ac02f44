"""Sphinx configuration of the skbookembed documentation.

Build with ``sphinx-build -W --keep-going -b html docs docs/_build/html`` after
``pip install ".[docs]"``. The example gallery runs the scripts of ``examples/``
in their quick mode (``SKBOOKEMBED_EXAMPLE_FAST=1``: the shipped sample, few
epochs), so its pages show the real output, maps and charts; the build needs
TensorFlow (to train) but no network. ``-D plot_gallery=0`` builds the gallery
without running anything.

Two pages show files that other parts of the project produce, and only when
they exist: ``bench/RESULTS.md`` (benchmark tables) and
``docs/_static/time_per_epoch.png`` (a benchmark plot). Without them the
pages say that no results were published, and the build still succeeds.
"""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

import skbookembed

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE / "_ext"))  # skbookembed_gallery: the figure scraper
# The gallery runs each example in its quick mode, with matplotlib drawing off screen.
os.environ.setdefault("SKBOOKEMBED_EXAMPLE_FAST", "1")
os.environ.setdefault("MPLBACKEND", "Agg")
BENCH_RESULTS = ROOT / "bench" / "RESULTS.md"
TIME_PER_EPOCH_PLOT = HERE / "_static" / "time_per_epoch.png"

# -- Project -----------------------------------------------------------------

project = "skbookembed"
author = "the skbookembed developers"
copyright = "the skbookembed developers, BSD-3-Clause licence"  # noqa: A001
release = skbookembed.__version__
version = ".".join(release.split(".")[:2])

# -- General -----------------------------------------------------------------

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.autosummary",
    "sphinx.ext.mathjax",
    "numpydoc",
    "sphinx_gallery.gen_gallery",
    "myst_parser",
]

source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
root_doc = "index"
templates_path = ["_templates"]
exclude_patterns = [
    "_build",
    "_ext",
    "Thumbs.db",
    ".DS_Store",
    "auto_examples/*.ipynb",
    "auto_examples/*.py",
    "auto_examples/*.zip",
    "auto_examples/*.md5",
    "auto_examples/*.codeobj.json",
]
default_role = "literal"
nitpicky = False

# -- autodoc / autosummary / numpydoc ---------------------------------------------

autosummary_generate = True
autodoc_default_options = {"member-order": "groupwise"}
autodoc_typehints = "none"  # numpydoc's Parameters sections already give the types
numpydoc_show_class_members = False  # the class template lists the members itself
numpydoc_class_members_toctree = False
numpydoc_attributes_as_param_list = True
numpydoc_xref_param_type = False
# Classes whose pages also document the methods of their skbookembed mixins (the
# class template adds :inherited-members: for them). Classes built on scikit-learn's
# bases are left out, so that its get_params, set_output ... stay off their pages.
autosummary_context = {"inherit_members": ["KeyedEmbeddings"]}

# -- sphinx-gallery -------------------------------------------------------------

sphinx_gallery_conf = {
    "examples_dirs": str(ROOT / "examples"),
    "gallery_dirs": "auto_examples",
    # Run the examples (quick mode, see above) so that the pages show their output.
    "plot_gallery": "True",
    "filename_pattern": r"/plot_",
    # The plotting functions never use pyplot: find their figures in the variables.
    "image_scrapers": ("skbookembed_gallery.figure_scraper",),
    "abort_on_example_error": True,
    "download_all_examples": False,
    # "Examples using ..." on the API pages (see _templates/autosummary).
    "doc_module": ("skbookembed",),
    "backreferences_dir": "generated/backreferences",
    "write_computation_times": False,
    "remove_config_comments": True,
    # By title: "A first model" (the quick start) comes first.
    "within_subsection_order": "ExampleTitleSortKey",
}

# -- myst ---------------------------------------------------------------------------

myst_enable_extensions = ["colon_fence"]
myst_heading_anchors = 3

# -- HTML ---------------------------------------------------------------------------

html_theme = "pydata_sphinx_theme"
html_title = f"skbookembed {release}"
html_static_path = ["_static"]
html_css_files = ["custom.css"]
html_show_sourcelink = False
html_theme_options = {
    "navigation_with_keys": False,
    "show_toc_level": 2,
    "footer_start": ["copyright"],
    "footer_end": ["sphinx-version"],
    "secondary_sidebar_items": ["page-toc"],
}
html_sidebars = {"index": [], "quickstart": [], "changelog": []}

# -- Optional content: benchmark results and plot --------------------------------------
#
# In a Markdown page, a line ``<!-- optional-content: NAME -->`` is replaced, when the
# page is read, by the content below if its file exists, or by a note otherwise.
# Doing it in ``source-read`` keeps a missing file from ever reaching an ``include``
# directive, which would fail the build.

_FENCE = re.compile(r"^\s*(```|~~~)")
_IMAGE = re.compile(r"!\[([^\]]*)\]\(([^)\s]+)\)")
_LINK = re.compile(r"(?<!!)\[([^\]]+)\]\(([^)\s]+)\)")
_HEADING = re.compile(r"^#{1,6}\s")
_EXTERNAL = ("http://", "https://", "mailto:", "#")


def _embeddable_markdown(path: Path, doc_dir: Path) -> str:
    """The Markdown of ``path``, made safe to paste into a page of ``doc_dir``.

    Headings move down so that the file's top level becomes the page's second
    level (the page has its own title). Images are
    re-pointed from the file's folder to the page's, and dropped with a note when
    missing. Links to local files, which are not documentation pages, become
    plain text naming the file. Fenced code blocks are left alone.
    """

    def image(match: re.Match[str]) -> str:
        alt, target = match.groups()
        if target.startswith(_EXTERNAL):
            return match.group(0)
        resolved = (path.parent / target).resolve()
        if not resolved.is_file():
            return f"*(image not found: {target})*"
        return f"![{alt}]({os.path.relpath(resolved, doc_dir).replace(os.sep, '/')})"

    def link(match: re.Match[str]) -> str:
        text, target = match.groups()
        if target.startswith(_EXTERNAL):
            return match.group(0)
        shown = os.path.relpath((path.parent / target).resolve(), ROOT).replace(os.sep, "/")
        return f"{text} (`{shown}`)"

    lines = path.read_text(encoding="utf-8").splitlines()
    prose, in_fence = [], False
    for line in lines:
        if _FENCE.match(line):
            in_fence = not in_fence
        prose.append(not in_fence and not _FENCE.match(line))
    levels = [
        len(line) - len(line.lstrip("#"))
        for line, is_prose in zip(lines, prose, strict=True)
        if is_prose and _HEADING.match(line)
    ]
    shift = "#" * (2 - min(levels)) if levels and min(levels) < 2 else ""
    out = []
    for line, is_prose in zip(lines, prose, strict=True):
        if is_prose:
            if _HEADING.match(line):
                line = shift + line
            line = _LINK.sub(link, _IMAGE.sub(image, line))
        out.append(line)
    return "\n".join(out) + "\n"


def _optional_blocks(docname: str) -> dict[str, str]:
    """The Markdown that replaces each optional-content marker of ``docname``."""
    doc_dir = (HERE / docname).parent

    def rel(path: Path) -> str:
        return os.path.relpath(path, doc_dir).replace(os.sep, "/")

    blocks = {}
    if BENCH_RESULTS.is_file():
        blocks["bench-results"] = _embeddable_markdown(BENCH_RESULTS, doc_dir)
    else:
        blocks["bench-results"] = (
            "## Results\n\n:::{note}\n:class: missing-bench-results\nThe benchmark results "
            "(`bench/RESULTS.md`) have not been published "
            "with this build of the documentation: run the scripts in `bench/` and "
            "rebuild.\n:::\n"
        )
    if TIME_PER_EPOCH_PLOT.is_file():
        blocks["time-per-epoch-plot"] = (
            f"```{{figure}} {rel(TIME_PER_EPOCH_PLOT)}\n:alt: Seconds per training epoch\n"
            ":width: 100%\n\nSeconds per training epoch.\n```\n"
        )
    else:
        blocks["time-per-epoch-plot"] = (
            ":::{note}\n:class: missing-time-per-epoch-plot\nThe plot of the time per epoch "
            "(`docs/_static/time_per_epoch.png`) "
            "has not been published with this build of the documentation.\n:::\n"
        )
    return blocks


def _fill_optional_content(app, docname, source):  # noqa: ARG001
    if "optional-content" not in source[0]:
        return
    blocks = _optional_blocks(docname)
    lines = []
    for line in source[0].splitlines():
        stripped = line.strip()
        if stripped.startswith("<!-- optional-content:") and stripped.endswith("-->"):
            name = stripped[len("<!-- optional-content:") : -len("-->")].strip()
            if name not in blocks:
                raise ValueError(f"{docname}: unknown optional content {name!r}")
            lines.append(blocks[name])
        else:
            lines.append(line)
    source[0] = "\n".join(lines) + "\n"


# -- Members left out of the API reference -----------------------------------------

# scikit-learn generates ``set_{method}_request`` on every estimator; their docstrings
# are scikit-learn's and point into scikit-learn's user guide. The routing they
# configure is explained in the user guide (Pipelines and metadata routing).
_GENERATED_BY_SKLEARN = ("set_fit_request", "set_score_request", "set_transform_request")


def _skip_member(app, what, name, obj, skip, options):  # noqa: ARG001
    if name in _GENERATED_BY_SKLEARN:
        return True
    qualname = getattr(obj, "__qualname__", "")
    if name in ("count", "index") and qualname.startswith("tuple."):
        return True  # the tuple methods of a NamedTuple such as ProjectorFiles
    return None


def _always_reread_optional_pages(app, env, added, changed, removed):  # noqa: ARG001
    # The optional files are not Sphinx dependencies: re-read their pages every build.
    return [name for name in env.found_docs if name.endswith("benchmarks")]


def setup(app):
    app.connect("source-read", _fill_optional_content)
    app.connect("env-get-outdated", _always_reread_optional_pages)
    app.connect("autodoc-skip-member", _skip_member)
