"""
===============================================
Exports: the TensorBoard projector and word2vec
===============================================

Hand the embeddings to other tools:

* the `Embedding Projector <https://projector.tensorflow.org>`_ (or
  TensorBoard's projector plugin) reads a TSV of vectors, a TSV of metadata
  and a small JSON config;
* the word2vec text and binary formats are read by gensim and most embedding
  libraries.

Both formats store float32 vectors exactly, which this example checks by
reading the files back.
"""

import os
import tempfile
from pathlib import Path

import numpy as np

from skbookembed import PairEmbeddingRecommender, WikilinkVectorizer
from skbookembed.datasets import load_sample_books
from skbookembed.export import load_word2vec_format, save_word2vec_format, to_projector

FAST = os.environ.get("SKBOOKEMBED_EXAMPLE_FAST") == "1"
OUTPUT = Path(
    os.environ.get("SKBOOKEMBED_EXAMPLE_OUTPUT") or tempfile.mkdtemp(prefix="skbookembed-")
)
OUTPUT.mkdir(parents=True, exist_ok=True)

books = load_sample_books()
vectorizer = WikilinkVectorizer(min_count=2)
X = vectorizer.fit_transform(books.wikilinks)
model = PairEmbeddingRecommender(epochs=10 if FAST else 30, random_state=0)
model.fit(X, book_names=books.titles, link_names=vectorizer.get_feature_names_out())

# %%
# The TensorBoard projector
# -------------------------
#
# Metadata columns follow the order of the model's keys, which is the order of
# the titles given to ``fit``. With metadata, the metadata file has a header
# row and the keys in a first column named ``name``.

projector = OUTPUT / "projector"
files = to_projector(
    model,
    projector,
    metadata={
        "author": [info.get("author", "") for info in books.infobox],
        "genre": [info.get("genre", "").split(",")[0].strip() for info in books.infobox],
    },
)
print(f"Projector files in {projector}: {[path.name for path in files]}")
print("Metadata, first lines:")
for line in files.metadata.read_text(encoding="utf-8").splitlines()[:3]:
    print(f"  {line}")

# %%
# The links go into the same folder; the config then lists both tables.

to_projector(model.links_, projector, name="links")
print(f"projector_config.json:\n{files.config.read_text(encoding='utf-8')}")

# %%
# The word2vec format
# -------------------
#
# Readers split a word2vec record at its first space, so spaces in titles are
# written as underscores: "War and Peace" becomes "War_and_Peace".

text_path = save_word2vec_format(model, OUTPUT / "books.txt")
binary_path = save_word2vec_format(model, OUTPUT / "books.bin", binary=True)
print(f"Wrote {text_path.name} ({text_path.stat().st_size} bytes) and ", end="")
print(f"{binary_path.name} ({binary_path.stat().st_size} bytes)")

for path, binary in ((text_path, False), (binary_path, True)):
    back = load_word2vec_format(path, binary=binary)
    same = np.array_equal(back.vectors, model.book_embeddings_)
    print(f"{path.name}: {len(back)} books read back, identical vectors: {same}")

# %%
# gensim reads the same files (``pip install gensim``):

try:
    from gensim.models import KeyedVectors
except ImportError:
    print("gensim is not installed; skipping the gensim check.")
else:
    kv = KeyedVectors.load_word2vec_format(binary_path, binary=True)
    same = np.array_equal(kv.vectors, model.book_embeddings_)
    print(f"gensim read {len(kv.index_to_key)} books, identical vectors: {same}")
    neighbours = [key for key, _ in kv.most_similar("War_and_Peace", topn=3)]
    print(f"gensim's neighbours of War_and_Peace: {neighbours}")
