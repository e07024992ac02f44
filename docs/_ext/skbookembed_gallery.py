"""sphinx-gallery helpers of the skbookembed documentation.

The plotting functions build figures with matplotlib's object API, never
through pyplot, so sphinx-gallery's own scraper (which asks pyplot for its open
figures) finds none. :func:`figure_scraper` finds them instead among the
variables of the example.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

_SEEN = "skbookembed_figures_seen"


def figure_scraper(block: Any, block_vars: dict[str, Any], gallery_conf: dict[str, Any]) -> str:
    """Save the matplotlib figures an example's code block left in its variables.

    Each figure is shown once, after the block that first bound it to a name.
    """
    from matplotlib.figure import Figure
    from sphinx_gallery.scrapers import figure_rst

    seen = block_vars.setdefault(_SEEN, set())
    figures = [
        value
        for value in block_vars["example_globals"].values()
        if isinstance(value, Figure) and id(value) not in seen
    ]
    paths = []
    for figure, path in zip(figures, block_vars["image_path_iterator"], strict=False):
        seen.add(id(figure))
        figure.savefig(str(path), dpi=80)
        paths.append(PurePosixPath(path))
    if not paths:
        return ""
    return figure_rst(paths, gallery_conf["src_dir"])
