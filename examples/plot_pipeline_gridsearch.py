"""
==============================================
A pipeline tuned with a cross-validated search
==============================================

:class:`~skbookembed.preprocessing.WikilinkVectorizer` and
:class:`~skbookembed.PairEmbeddingRecommender` form a scikit-learn
:class:`~sklearn.pipeline.Pipeline` from link lists to book vectors, which
:class:`~sklearn.model_selection.GridSearchCV` tunes like any other.

The search splits the *books* into folds: each candidate is trained on some
books and scored on the others by
:meth:`~skbookembed.PairEmbeddingRecommender.score`, which hides part of each
held-out book's links, folds the book in from the rest and measures how many
hidden links come back among its top 10 (recall@10; higher is better).

The titles reach the recommender's ``fit`` through scikit-learn's metadata
routing: ``set_fit_request(book_names=True)`` declares that ``fit`` wants them,
and every meta-estimator on the way passes them through, split along with the
books of each fold. The link names come with the data: after
``set_output(transform="pandas")`` the vectorizer outputs a DataFrame of sparse
columns named by link, and the recommender keys its links by those names.
"""

import os

import sklearn
from sklearn.model_selection import GridSearchCV, KFold
from sklearn.pipeline import make_pipeline

from skbookembed import KeyedEmbeddings, PairEmbeddingRecommender, WikilinkVectorizer
from skbookembed.datasets import load_sample_books

FAST = os.environ.get("SKBOOKEMBED_EXAMPLE_FAST") == "1"

books = load_sample_books()

# %%
# The pipeline and the grid
# -------------------------
#
# ``set_fit_request`` is available while metadata routing is enabled, so the
# pipeline is built and searched inside :func:`sklearn.config_context`. The
# vectorizer's pandas output carries the link names into every fold and into
# the refitted model; clones made by the search keep that setting.
# ``make_pipeline`` names each step after its class, in lower case, which gives
# the prefixes of the grid's parameter names.

grid = {"pairembeddingrecommender__loss": ["mse", "binary_crossentropy"]}
if not FAST:
    grid["wikilinkvectorizer__min_count"] = [1, 2]
    grid["pairembeddingrecommender__embedding_dim"] = [32, 64]

with sklearn.config_context(enable_metadata_routing=True):
    recommender = PairEmbeddingRecommender(
        n_positive=64,
        learning_rate=0.01,
        epochs=10 if FAST else 30,
        random_state=0,
    ).set_fit_request(book_names=True)
    vectorizer = WikilinkVectorizer(min_count=2).set_output(transform="pandas")
    pipe = make_pipeline(vectorizer, recommender)
    search = GridSearchCV(pipe, grid, cv=KFold(2 if FAST else 3, shuffle=True, random_state=0))
    search.fit(books.wikilinks, book_names=books.titles)

# %%
# The results
# -----------
#
# ``cv_results_`` holds the score of every candidate on every fold.

results = search.cv_results_
for params, mean, std in zip(
    results["params"], results["mean_test_score"], results["std_test_score"], strict=True
):
    settings = ", ".join(f"{name.split('__')[1]}={value}" for name, value in params.items())
    print(f"recall@10 {mean:.3f} +/- {std:.3f}  {settings}")
print(f"Best parameters: {search.best_params_}")
print(f"Best cross-validated recall@10: {search.best_score_:.3f}")

# %%
# The refitted pipeline
# ---------------------
#
# With ``refit=True`` (the default) the best candidate is trained again on all
# the books. Its last step holds the book vectors, keyed by the routed titles.

best = search.best_estimator_
recommender = best[-1]
print("Books most similar to 'Pride and Prejudice':")
for title, similarity in recommender.most_similar("Pride and Prejudice", topn=5):
    print(f"  {similarity:+.3f}  {title}")

# %%
# Its links are keyed by name too, taken from the columns of the vectorizer's
# output, so links answer the same queries as books:

print("Links most similar to 'detective fiction':")
for link, similarity in recommender.links_.most_similar("detective fiction", topn=5):
    print(f"  {similarity:+.3f}  {link}")

# %%
# The pipeline also folds in books it has never seen, straight from their
# links. Their vectors are compared with the fold-in vectors of the known
# books, which are built the same way whichever loss won the search.

catalogue = KeyedEmbeddings(best.transform(books.wikilinks), keys=books.titles)
new_books = [
    ["Science fiction", "Arrakis", "Sandworm (Dune)"],
    ["Jane Austen", "Bath, Somerset", "Romance novel"],
]
for links_of_book, vector in zip(new_books, best.transform(new_books), strict=True):
    nearest = catalogue.similar_by_vector(vector, topn=3)
    print(f"{links_of_book} -> {[title for title, _ in nearest]}")
