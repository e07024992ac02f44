"""
=====================================
A map of the books, coloured by genre
=====================================

The notebook's way of looking at the embedding space: project the book vectors
to two dimensions with UMAP (cosine metric, small neighbourhoods), colour each
book by the genre of its infobox, and mark a few well-known books. Then the
notebook's bar chart of the books closest to and furthest from one book.

Plotting needs matplotlib (``pip install skbookembed[plot]``); the figures are
written as PNG files.
"""

import os
import tempfile
from pathlib import Path

from skbookembed import PairEmbeddingRecommender, WikilinkVectorizer
from skbookembed.datasets import infobox_labels, load_sample_books
from skbookembed.plotting import plot_map, plot_similar, project

FAST = os.environ.get("SKBOOKEMBED_EXAMPLE_FAST") == "1"
OUTPUT = Path(
    os.environ.get("SKBOOKEMBED_EXAMPLE_OUTPUT") or tempfile.mkdtemp(prefix="skbookembed-")
)
OUTPUT.mkdir(parents=True, exist_ok=True)

# %%
# Train on the shipped sample
# ---------------------------

books = load_sample_books()
vectorizer = WikilinkVectorizer(min_count=2)
X = vectorizer.fit_transform(books.wikilinks)
model = PairEmbeddingRecommender(epochs=10 if FAST else 30, random_state=0)
model.fit(X, book_names=books.titles, link_names=vectorizer.get_feature_names_out())

# %%
# Project to two dimensions
# -------------------------
#
# :func:`~skbookembed.plotting.project` uses the notebook's UMAP settings by
# default. UMAP compiles its code on first use, which takes a while; the quick
# mode of this example (``SKBOOKEMBED_EXAMPLE_FAST=1``) uses a short t-SNE run
# instead.

if FAST:
    coords = project(model, method="tsne", random_state=0, max_iter=500)
else:
    coords = project(model, method="umap", random_state=0)
print(f"Projected {coords.shape[0]} books to {coords.shape[1]} dimensions")

# %%
# The map
# -------
#
# Infobox genres are free text ("Fantasy novel", "Science fiction, Space
# opera", ...); :func:`~skbookembed.datasets.infobox_labels` turns each into a
# coarse genre, so that "Science fiction" and "Science fiction novel" share a
# colour. The ten most common genres get a colour, the rest is grey; the most
# central book of each of the main genres is named.
#
# A model fitted with ``skbookembed fit`` on Wikipedia data keeps these genres
# itself, and ``skbookembed plot books.npz map -o map.png`` draws this map.

genre = infobox_labels(books.infobox, "genre")
map_path = OUTPUT / "books_by_genre.png"
fig = plot_map(
    model,
    coords=coords,
    labels=genre,
    legend_title="genre",
    title="Books of the sample, by genre",
    path=map_path,
    figsize=(10.0, 7.0),
    dpi=100,
)
legend = [text.get_text() for text in fig.axes[0].get_legend().get_texts()]
print(f"Wrote {map_path}; legend: {legend}")
print(f"Named on the map: {[text.get_text() for text in fig.axes[0].texts]}")

# %%
# The same map as a web page
# --------------------------
#
# With bokeh installed (``pip install "skbookembed[interactive]"``),
# ``interactive=True`` writes one self-contained HTML file, which opens offline:
# pan and zoom, hover over a book for its title, genre and author, and search a
# title to highlight it and its nearest neighbours. ``skbookembed plot
# books.npz map -o map.html`` writes the same page.

try:
    import bokeh  # noqa: F401
except ImportError:
    print("bokeh is not installed; skipping the interactive page.")
else:
    page = OUTPUT / "books_by_genre.html"
    plot_map(
        model,
        coords=coords,
        labels=genre,
        authors=infobox_labels(books.infobox, "author"),
        legend_title="genre",
        title="Books of the sample, by genre",
        interactive=True,
        path=page,
    )
    print(f"Wrote {page} ({page.stat().st_size // 1024} kB, no network needed)")

# %%
# Closest and furthest books
# --------------------------
#
# The chart of the notebook's ``find_similar(..., plot=True)``: the most
# similar books in green, the least similar in red.

chart_path = OUTPUT / "war_and_peace.png"
fig = plot_similar(model, "War and Peace", n=8, n_least=4, path=chart_path)
bars = [label.get_text() for label in fig.axes[0].get_yticklabels()]
print(f"Wrote {chart_path}; closest: {bars[:3]}")

# %%
# The same chart for a link: the pages used in the same books as "science
# fiction".

links_path = OUTPUT / "science_fiction_links.png"
fig = plot_similar(model.links_, "science fiction", n=8, n_least=0, path=links_path)
print(f"Wrote {links_path}")
