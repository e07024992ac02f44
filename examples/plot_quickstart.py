"""
===========================================
A first model: books like the ones you like
===========================================

Train book and link embeddings on the sample of books shipped with skbookembed,
then ask for recommendations: the books nearest to a given book, the pages
nearest to a given page, and the neighbours of a book the model has never seen.

The sample has a few thousand (book, link) pairs, so the model uses small
batches and a larger learning rate than its defaults, which suit the full dump.
"""

import os
import tempfile
from pathlib import Path

from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender, WikilinkVectorizer, load
from skbookembed.datasets import load_sample_books

FAST = os.environ.get("SKBOOKEMBED_EXAMPLE_FAST") == "1"
OUTPUT = Path(
    os.environ.get("SKBOOKEMBED_EXAMPLE_OUTPUT") or tempfile.mkdtemp(prefix="skbookembed-")
)
OUTPUT.mkdir(parents=True, exist_ok=True)

# %%
# Load the books and build the books x links matrix
# -------------------------------------------------
#
# Each book comes with the wikilinks of its article, as written. The vectorizer
# lower-cases them, drops the links the original notebook found uninformative
# ("hardcover", "paperback", ...) and keeps the links used by at least two books.

books = load_sample_books()
vectorizer = WikilinkVectorizer(min_count=2)
X = vectorizer.fit_transform(books.wikilinks)
link_names = vectorizer.get_feature_names_out()
print(f"{X.shape[0]} books, {X.shape[1]} links, {X.nnz} (book, link) pairs")

# %%
# Train the model
# ---------------
#
# Every non-zero entry of ``X`` is a true (book, link) pair; the model learns
# one vector per book and per link so that true pairs score a higher cosine
# similarity than random ones.

model = PairEmbeddingRecommender(
    n_positive=64,
    learning_rate=0.01,
    epochs=10 if FAST else 30,
    random_state=0,
)
model.fit(X, book_names=books.titles, link_names=link_names)
print(
    f"Loss per epoch: first {model.history_['loss'][0]:.3f}, last {model.history_['loss'][-1]:.3f}"
)


def show(title, pairs):
    """Print ranked (key, similarity) pairs."""
    print(title)
    for rank, (key, similarity) in enumerate(pairs, start=1):
        print(f"  {rank}. {similarity:+.3f}  {key}")


# %%
# Books like a book
# -----------------
#
# Titles are matched case-insensitively when that is unambiguous.

for title in ("Dune", "War and Peace", "the fellowship of the ring"):
    show(f"Books most similar to {title!r}:", model.most_similar(title, topn=5))

# %%
# The least similar books, as the original ``find_similar(..., least=True)``:

show("Books least similar to 'Dune':", model.most_similar("Dune", topn=3, least=True))

# %%
# Links like a link
# -----------------
#
# The link vectors live in the same space and answer the same queries.

show(
    "Links most similar to 'science fiction':",
    model.links_.most_similar("science fiction", topn=5),
)

# %%
# A book the model has never seen
# -------------------------------
#
# ``transform`` places books from their links alone, with the link vectors
# fixed. A new book's vector is compared with the vectors ``transform`` gives
# the known books, which are built the same way.

catalogue = KeyedEmbeddings(model.transform(X), keys=books.titles)
new_book = vectorizer.transform(
    [["Science fiction", "Arrakis", "Sandworm (Dune)", "Melange (fictional drug)", "Ecology"]]
)
vector = model.transform(new_book)[0]
show("Books nearest to a new book about Arrakis:", catalogue.similar_by_vector(vector, topn=5))

# %%
# Save and load
# -------------
#
# The model is saved as numpy arrays and JSON (no pickle), and loading it does
# not need TensorFlow.

path = OUTPUT / "sample_model.npz"
model.save(path)
reloaded = load(path)
same = reloaded.most_similar("Dune", topn=5) == model.most_similar("Dune", topn=5)
print(f"Saved to {path}; the reloaded model gives the same neighbours: {same}")
