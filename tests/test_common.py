"""scikit-learn's own estimator checks, run on PairEmbeddingRecommender."""

from sklearn.utils.estimator_checks import parametrize_with_checks

from skbookembed import PairEmbeddingRecommender

_ALL_PRESENT = (
    "the check fits a matrix with a single {what} whose entries are all non-zero: every "
    "(book, link) pair is present, so no negative pair can be sampled, and fit raises a "
    "ValueError that says so instead of the wording the check looks for"
)
EXPECTED_FAILED_CHECKS: dict[str, str] = {
    "check_fit2d_1sample": _ALL_PRESENT.format(what="row (book)"),
    "check_fit2d_1feature": _ALL_PRESENT.format(what="column (link)"),
}


def _small() -> PairEmbeddingRecommender:
    # Small and quick: the checks fit dozens of times on tiny dense matrices.
    return PairEmbeddingRecommender(embedding_dim=4, epochs=2, n_positive=16, random_state=0)


@parametrize_with_checks(
    [_small()],
    expected_failed_checks=lambda est: EXPECTED_FAILED_CHECKS,
)
def test_sklearn_compatible_estimator(estimator, check):
    check(estimator)
