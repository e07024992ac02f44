"""
===========================================
A first model: books like the ones you like
===========================================

The quick start, as a script: train book and link embeddings on the sample of
books shipped with skbookembed, then ask for recommendations: the books nearest
to a given book, the pages nearest to a given page, and the neighbours of a
book the model has never seen. It runs offline in seconds, with the default
settings, and prints everything it shows.
"""

import os
import tempfile
from pathlib import Path

from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender, WikilinkVectorizer, load
from skbookembed.datasets import load_sample_books

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

books = load_sample_books()  # 346 books: titles, wikilinks, infoboxes
vectorizer = WikilinkVectorizer(min_count=2)  # lower-case, drop "paperback" & co.
X = vectorizer.fit_transform(books.wikilinks)  # CSR matrix, books x links
print(f"{X.shape[0]} books, {X.shape[1]} links, {X.nnz} (book, link) pairs")

# %%
# Train the model
# ---------------
#
# Every non-zero entry of ``X`` is a true (book, link) pair; the model learns
# one vector per book and per link so that true pairs score a higher cosine
# similarity than random ones. The defaults suit the sample as well as the
# full dump; ``random_state`` makes the result reproducible on CPU.

model = PairEmbeddingRecommender(random_state=0)
model.fit(X, book_names=books.titles, link_names=vectorizer.get_feature_names_out())
loss = model.history_["loss"]
print(f"{len(loss)} epochs, loss from {loss[0]:.3f} to {loss[-1]:.3f}")


def show(heading, pairs):
    """Print ranked (key, similarity) pairs."""
    print(heading)
    for rank, (key, similarity) in enumerate(pairs, start=1):
        print(f"  {rank}. {similarity:+.3f}  {key}")


# %%
# Books like a book
# -----------------
#
# Titles are matched case-insensitively when that is unambiguous.

show("Books most similar to 'Dune':", model.most_similar("dune", topn=5))
show("Books most similar to 'War and Peace':", model.most_similar("War and Peace", topn=5))
show(
    "Books most similar to 'the fellowship of the ring':",
    model.most_similar("the fellowship of the ring", topn=5),
)

# %%
# The least similar books, as the original ``find_similar(..., least=True)``,
# and vector arithmetic: like *Dune* and *The Hobbit*, unlike *Emma*.

show("Books least similar to 'Dune':", model.most_similar("Dune", topn=3, least=True))
show(
    "Books like 'Dune' + 'The Hobbit' - 'Emma (novel)':",
    model.books_.most_similar(positive=["Dune", "The Hobbit"], negative=["Emma (novel)"], topn=3),
)

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
links = ["Science fiction", "Arrakis", "Sandworm (Dune)", "Melange (fictional drug)", "Ecology"]
new_book = model.transform(vectorizer.transform([links]))[0]
show("Books nearest to a new book about Arrakis:", catalogue.similar_by_vector(new_book, topn=5))

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
