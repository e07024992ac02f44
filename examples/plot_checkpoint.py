"""
==========================================
Checkpoints: save the model after an epoch
==========================================

Long fits can be checkpointed: ``fit`` calls each of its ``callbacks`` after
every epoch with the epoch number, its loss and the current tables, whose
``snapshot()`` is a fitted copy of the model that can be saved. A callback
that returns True stops training early; and ``warm_start=True`` continues a
later fit from the tables of the current one.
"""

import os
import tempfile
from pathlib import Path

import skbookembed
from skbookembed import PairEmbeddingRecommender, WikilinkVectorizer
from skbookembed.datasets import load_sample_books

FAST = os.environ.get("SKBOOKEMBED_EXAMPLE_FAST") == "1"
OUTPUT = Path(
    os.environ.get("SKBOOKEMBED_EXAMPLE_OUTPUT") or tempfile.mkdtemp(prefix="skbookembed-")
)
OUTPUT.mkdir(parents=True, exist_ok=True)

books = load_sample_books()
vectorizer = WikilinkVectorizer(min_count=2)
X = vectorizer.fit_transform(books.wikilinks)

# %%
# Save a checkpoint after every epoch
# -----------------------------------
#
# The callback writes ``checkpoint-<epoch>.npz``, and stops training once the
# loss improves by less than 1% over an epoch.

saved = []


def checkpoint(epoch, loss, tables):
    path = OUTPUT / f"checkpoint-{epoch:03d}.npz"
    tables.snapshot().save(path)
    saved.append((epoch, loss, path))
    previous = saved[-2][1] if len(saved) > 1 else None
    return previous is not None and loss > 0.99 * previous


model = PairEmbeddingRecommender(
    n_positive=64, learning_rate=0.01, epochs=4 if FAST else 20, random_state=0
)
model.fit(
    X,
    book_names=books.titles,
    link_names=vectorizer.get_feature_names_out(),
    callbacks=[checkpoint],
)
for epoch, loss, path in saved:
    print(f"epoch {epoch}: loss {loss:.4f} -> {path.name}")

# %%
# Load a checkpoint and continue training
# ---------------------------------------
#
# A checkpoint is a model like any other: it answers queries, and with
# ``warm_start=True`` a new fit continues from its tables.

epoch, _, path = saved[-1]
restored = skbookembed.load(path)
print(f"checkpoint of epoch {epoch}:", [key for key, _ in restored.most_similar("dune", topn=3)])
restored.set_params(warm_start=True, epochs=2)
restored.fit(X, book_names=books.titles, link_names=vectorizer.get_feature_names_out())
print(f"2 more epochs: loss {restored.history_['loss'][-1]:.4f}")
