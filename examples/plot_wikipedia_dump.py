"""
=====================================
The Wikipedia book dump, end to end
=====================================

The data of the original notebook: Wikipedia articles with a book infobox, one
JSON array per line. This example reads such a file, cleans the links as the
notebook did, checks on held-out links that the embeddings beat a popularity
baseline, trains on everything, prints recommendations and saves the model.

It never downloads anything. It uses the first of these that exists:

1. the file named by the ``SKBOOKEMBED_DATA`` environment variable;
2. ``shared/data/p15_books.ndjson`` beside the repository (one partition of
   the dump, present on the project's development machines);
3. the full dump in the scikit-learn data folder, if
   :func:`~skbookembed.datasets.fetch_wikipedia_books` downloaded it before
   (call ``fetch_wikipedia_books()`` once, with network access, to get it);
4. the sample of books shipped with the package.
"""

import os
import tempfile
from pathlib import Path

import numpy as np

from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender, WikilinkVectorizer
from skbookembed.datasets import fetch_wikipedia_books, load_sample_books, load_wikipedia_books
from skbookembed.metrics import ranking_metrics, train_test_split

FAST = os.environ.get("SKBOOKEMBED_EXAMPLE_FAST") == "1"
OUTPUT = Path(
    os.environ.get("SKBOOKEMBED_EXAMPLE_OUTPUT") or tempfile.mkdtemp(prefix="skbookembed-")
)
OUTPUT.mkdir(parents=True, exist_ok=True)

# %%
# Find the data
# -------------


def find_books():
    """Return ``(books, description)`` from the first available source."""
    env = os.environ.get("SKBOOKEMBED_DATA")
    if env:
        return load_wikipedia_books(env), env
    if "__file__" in globals():  # not defined when the code is pasted into a console
        beside_repo = Path(__file__).resolve().parents[2] / "shared/data/p15_books.ndjson"
        if beside_repo.is_file():
            return load_wikipedia_books(beside_repo), str(beside_repo)
    try:
        return fetch_wikipedia_books(download_if_missing=False), "the cached full dump"
    except OSError:  # not cached (FileNotFoundError), or an unreadable cache
        pass
    return load_sample_books(), "the sample shipped with skbookembed"


books, source = find_books()
print(f"Data: {source}")
print(f"{len(books.titles)} books ({books.n_wikipedia_pages} 'Wikipedia:' project pages dropped)")

# %%
# Clean the links
# ---------------
#
# Lower-case the links, drop the six the notebook found uninformative, and keep
# the links used often enough: the notebook kept those used at least 4 times in
# the 37,020 books of the full dump; a smaller file needs a lower threshold.

min_count = 4 if len(books.titles) > 20_000 else 2
vectorizer = WikilinkVectorizer(min_count=min_count)
X = vectorizer.fit_transform(books.wikilinks)
print(
    f"Links: {vectorizer.n_distinct_raw_} distinct as written, {vectorizer.n_distinct_} "
    f"after lower-casing, {X.shape[1]} used at least {min_count} times"
)
removed = ", ".join(f"{link} ({n})" for link, n in sorted(vectorizer.removed_counts_.items()))
print(f"Removed as uninformative: {removed or 'none found'}")
print(f"Matrix: {X.shape[0]} books x {X.shape[1]} links, {X.nnz} (book, link) pairs")

# %%
# Training settings
# -----------------
#
# The defaults suit the full dump. A file of a few thousand books has far
# fewer pairs per epoch, so smaller batches and a larger learning rate make
# better use of the few steps.

if X.nnz < 200_000:
    params = dict(n_positive=64, learning_rate=0.01, epochs=5 if FAST else 20)
else:
    params = dict(epochs=3) if FAST else {}
params["random_state"] = 0

# %%
# Check on held-out links
# -----------------------
#
# Hide a fifth of each book's links, train on the rest, and rank every link for
# every book with its training links excluded. The books are placed by
# ``transform`` from their training links, the construction
# :meth:`~skbookembed.PairEmbeddingRecommender.score` uses. A model worth
# having must beat recommending the most popular links to everyone.

X_train, X_test = train_test_split(X, test_size=0.2, random_state=0)
held_out = PairEmbeddingRecommender(**params).fit(X_train)
ids, _ = held_out.links_.batch_most_similar(held_out.transform(X_train), topn=10, exclude=X_train)
model_metrics = ranking_metrics(ids, X_test, X_train, k=10)

popularity = np.asarray(X_train.sum(axis=0)).ravel().astype(np.float64)
baseline = ranking_metrics(np.tile(popularity, (X.shape[0], 1)), X_test, X_train, k=10)
print(f"Held-out recall@10: embeddings {model_metrics['recall']:.3f}, ", end="")
print(f"most popular links {baseline['recall']:.3f}")
print(f"Held-out NDCG@10:   embeddings {model_metrics['ndcg']:.3f}, ", end="")
print(f"most popular links {baseline['ndcg']:.3f}")

# %%
# Train on everything and recommend
# ---------------------------------

model = PairEmbeddingRecommender(**params).fit(
    X, book_names=books.titles, link_names=vectorizer.get_feature_names_out()
)

famous = [
    title for title in ("War and Peace", "The Fellowship of the Ring") if title in model.books_
]
most_linked = [books.titles[i] for i in np.argsort(-X.getnnz(axis=1), kind="stable")[:2]]
for title in famous + [t for t in most_linked if t not in famous]:
    print(f"Books most similar to {title!r}:")
    for neighbour, similarity in model.most_similar(title, topn=5):
        print(f"  {similarity:+.3f}  {neighbour}")

link = "science fiction" if "science fiction" in model.links_ else model.links_.index_to_key[0]
print(f"Links most similar to {link!r}:")
for neighbour, similarity in model.links_.most_similar(link, topn=5):
    print(f"  {similarity:+.3f}  {neighbour}")

# %%
# A book written after the dump
# -----------------------------
#
# Fold a new book in from a handful of links and find the closest books among
# the fold-in vectors of the known ones.

catalogue = KeyedEmbeddings(model.transform(X), keys=books.titles)
new_links = ["Science fiction", "Novel", "Dystopia", "Artificial intelligence"]
vector = model.transform(vectorizer.transform([new_links]))[0]
if np.any(vector):
    nearest = [title for title, _ in catalogue.similar_by_vector(vector, topn=5)]
    print(f"A new book linking to {new_links} is closest to: {nearest}")
else:
    print(f"None of {new_links} is a known link in this data.")

# %%
# Save the model
# --------------

path = OUTPUT / "wikipedia_books.npz"
model.save(path)
print(f"Saved the model to {path}")
