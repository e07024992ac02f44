"""Rank and score fusions of tf-idf cosine with the smoothed defaults: do they reach the corner?

``bench_frontier.py`` blends tf-idf cosine with other recommenders by a fixed weight on
the two similarities. This script tries the other usual ways of merging two neighbour
lists, each between tf-idf cosine (the best author figure of the peers) and skbookembed's
defaults through :meth:`KeyedEmbeddings.smoothed` (the library's best genre figure):

* ``blend w``: the similarity ``w * cos_tfidf + (1 - w) * cos_smoothed``;
* ``rrf w, c``: weighted reciprocal rank fusion, ``w / (c + rank_tfidf) + (1 - w) / (c +
  rank_smoothed)``, ranks from 1;
* ``head m``: tf-idf's ``m`` nearest books first, then the smoothed neighbours;
* ``gate t``: the smoothed similarity plus tf-idf's excess over a threshold,
  ``cos_smoothed + max(0, cos_tfidf - t)``: only strong tf-idf matches move a book up;
* ``pick m``: of tf-idf's ``m`` nearest books, the one with the highest equal blend
  ``(cos_tfidf + cos_smoothed) / 2`` first, then the list of ``blend 0.3``: one place for
  an exact match that the embedding also finds close, four for the smooth neighbours.

With ``--coherence P`` the tf-idf side weights each link by its coherence to the power
``P``: the mean cosine, under the same seed's defaults (or ``--ours``' fit), between two
books that use it. A link whose books the embedding already places together (an author's
page, a series) then counts more than one shared by unrelated books. No label is used.
``--idf-power Q`` raises the idf as well (to ``Q``, on binary rows), so that rare links weigh
even more. ``--length-norm B`` scores the tf-idf side by the dot product of its rows with
BM25's partial length normalisation instead of the cosine (:func:`length_normed`): ``B`` 1
divides a book's length out fully, 0 not at all. ``--blends`` sets the weights of the linear
blends.

Each book's own row and books with no links are left out, ties go to the lower index, and
the figures are those of ``bench_quality.FIGURES`` computed from the merged lists. The script
first checks that this computation gives :func:`~skbookembed.metrics.label_agreement`'s
figures for tf-idf cosine. ``*`` marks the points that reach the best peer figures of
``bench/RESULTS.md``, measured again on the same seeds (tf-idf's author hit@5 and BPR's
genre precision@5 on p15, ALS's topic precision@10 on the planted matrix).

``--oracle`` (p15) adds lists that put one of tf-idf's first five books first and continue
with the smoothed list or the blend 0.3, the book chosen by an oracle that reads the author
labels (the bound of such lists: what a perfect chooser would reach) or without labels
(tf-idf's first, the one sharing the rarest link, the equal blend of ``pick``); it prints
how often each chooser takes a same-author book when one is there. Oracle rows are marked
``oracle``: they are not recommenders, and not counted among the points that reach the
corner.

``--ours PARAMS`` fits the smoothed side with other settings (``bench_quality.py``'s
``--ours`` syntax, without a name), ``--head-scale S`` with ``head_prototype.py``'s
logistic loss on the cosine times ``S`` (negatives labelled ``(1 + t) / 2`` for the
``loss__negative_target`` t that ``--ours`` sets), ``--strengths`` chooses the smoothing
strengths (0 keeps the fitted vectors).

Run: ``python bench/bench_fusion.py [--data p15-2] [--seeds 0 1 2] [--coherence 0.5]
[--idf-power 4] [--length-norm 0.25] [--ours loss=binary_crossentropy,loss__negative_target=-0.5]
[--head-scale 6] [--strengths 0 0.5] [--blends 0.2 0.3 0.4]``.
"""

from __future__ import annotations

import argparse
import time

import bench_quality as bq
import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from skbookembed import KeyedEmbeddings
from skbookembed._label_metrics import _encode_labels, evaluated_items, neighbour_agreement
from skbookembed.metrics import label_agreement

STRENGTHS = (0.5, 1.0, 1.5)
MAPPED = ("author hit@5", "genre prec@5", "topic prec@10")


def similarities(vectors) -> np.ndarray:
    """Dense cosine similarities, each row's own entry and empty rows at ``-inf``.

    In float32, as label_agreement computes them, so that near ties fall the same way.
    """
    unit = normalize(
        sp.csr_array(vectors, dtype=np.float32)
        if sp.issparse(vectors)
        else np.asarray(vectors, dtype=np.float32)
    )
    sims = unit @ unit.T
    sims = np.asarray(sims.toarray() if sp.issparse(sims) else sims, dtype=np.float32)
    return _leave_out(sims, np.asarray(abs(unit).sum(axis=1)).ravel() == 0)


def _leave_out(sims: np.ndarray, empty: np.ndarray) -> np.ndarray:
    """``sims`` with each row's own entry and the ``empty`` books' columns at ``-inf``."""
    sims[:, empty] = -np.inf
    np.fill_diagonal(sims, -np.inf)
    return sims


def ranking(scores: np.ndarray) -> np.ndarray:
    """Columns of each row by decreasing score, ties by lower index."""
    return np.argsort(-scores, axis=1, kind="stable")


def ranks(order: np.ndarray) -> np.ndarray:
    """Rank (from 1) of every column in each row of ``order``."""
    out = np.empty_like(order)
    np.put_along_axis(out, order, np.arange(1, order.shape[1] + 1)[None, :], axis=1)
    return out


def list_figures(data: bq.Data, nonempty: np.ndarray, order: np.ndarray) -> tuple[float, ...]:
    """The mapped figures of neighbour lists, scored as label_agreement scores its own.

    Books with no links are neither queried nor (being at ``-inf`` in every row, hence
    last) among the first ``k`` of any order.
    """
    kind = "planted" if data.name == "planted" else "p15"
    out = []
    for figure, field, measure, k in bq.FIGURES[kind]:
        if figure not in MAPPED:
            continue
        codes = _encode_labels(data.labels[field], order.shape[0])
        query = np.flatnonzero(evaluated_items(codes, nonempty))
        precision, hit = neighbour_agreement(codes[order[query, :k]], codes[query])
        out.append(float(hit.mean() if measure == "hit_rate" else np.nanmean(precision)))
    return tuple(out)


BLENDS = (0.2, 0.3, 0.4)


def fusions(
    tfidf: np.ndarray, smooth: np.ndarray, blends: tuple[float, ...] = BLENDS
) -> dict[str, np.ndarray]:
    """Every merged neighbour order of the two similarity matrices."""
    out = {}
    for w in blends:
        out[f"blend {w}"] = ranking(w * tfidf + (1 - w) * smooth)
    order_t, order_s = ranking(tfidf), ranking(smooth)
    rank_t, rank_s = ranks(order_t), ranks(order_s)
    for w in (0.3, 0.5, 0.7):
        for c in (2, 10, 60):
            out[f"rrf {w}, {c}"] = ranking(w / (c + rank_t) + (1 - w) / (c + rank_s))
    for m in (1, 2):
        bonus = np.where(rank_t <= m, 10.0 + m - rank_t, 0.0)
        out[f"head {m}"] = ranking(np.where(np.isfinite(smooth), smooth + bonus, -np.inf))
    for t in (0.2, 0.3, 0.4):
        out[f"gate {t}"] = ranking(smooth + np.maximum(np.nan_to_num(tfidf - t, nan=0.0), 0))
    blend = 0.3 * tfidf + 0.7 * smooth
    for m in (3, 5):
        candidates = order_t[:, :m]
        judged = np.take_along_axis(tfidf + smooth, candidates, axis=1)
        first = np.take_along_axis(candidates, np.argmax(judged, axis=1)[:, None], axis=1)
        picked = blend.copy()
        np.put_along_axis(picked, first, np.inf, axis=1)
        out[f"pick {m}"] = ranking(picked)
    return out


def coherence(X, books: np.ndarray) -> np.ndarray:
    """Each link's mean cosine between the vectors of two different books that use it.

    ``0`` for a link used by one book, and clipped at ``0`` below.
    """
    unit = normalize(books)
    pattern = sp.csr_array(X > 0, dtype=np.float64)
    degree = np.asarray(pattern.sum(axis=0)).ravel()
    sums = pattern.T @ unit
    pairs = np.maximum(degree * (degree - 1), 1)
    return np.maximum(((sums**2).sum(axis=1) - degree) / pairs, 0.0)


def length_normed(X, weights: np.ndarray, b: float) -> np.ndarray:
    """Similarities of the tf-idf rows without unit length, as BM25 normalises documents.

    The rows (sublinear tf times idf, times ``weights``) are each divided by ``1 - b + b *
    n_links / mean n_links`` instead of by their length, and scored by dot product: at
    ``b`` 0 a book's length is ignored, at 1 fully divided out. The result is scaled so
    that the median of the books' best similarity is 1, as a cosine's is about, so that
    the blend weights of :func:`fusions` stay comparable. Own entries and books with no
    links are at ``-inf``, as in :func:`similarities`.
    """
    from sklearn.feature_extraction.text import TfidfTransformer

    rows = TfidfTransformer(sublinear_tf=True, norm=None).fit_transform(X)
    lengths = np.diff(sp.csr_matrix(X).indptr).astype(np.float64)
    scale = 1.0 / (1.0 - b + b * np.maximum(lengths, 1) / lengths[lengths > 0].mean())
    rows = sp.diags_array(scale) @ rows @ sp.diags_array(weights)
    empty = lengths == 0
    sims = _leave_out(np.asarray((rows @ rows.T).toarray(), dtype=np.float32), empty)
    best = sims[~empty].max(axis=1)
    return sims / np.median(best[np.isfinite(best)])


def rarest_shared(X, cand: np.ndarray) -> np.ndarray:
    """For each book ``i`` and candidate ``cand[i, r]``, the fewest books of a link they
    share (``inf`` when they share none)."""
    pattern = sp.csr_array(X > 0)
    degree = np.asarray(pattern.sum(axis=0)).ravel()
    out = np.full(cand.shape, np.inf)
    for i, row in enumerate(cand):
        mine = pattern.indices[pattern.indptr[i] : pattern.indptr[i + 1]]
        for r, j in enumerate(row):
            theirs = pattern.indices[pattern.indptr[j] : pattern.indptr[j + 1]]
            shared = np.intersect1d(mine, theirs, assume_unique=True)
            if shared.size:
                out[i, r] = degree[shared].min()
    return out


def first_places(data, tfidf, smooth, strength, m=5) -> tuple[dict, dict]:
    """One of tf-idf's first ``m`` books first, then the smoothed list or the blend 0.3.

    The book is chosen by an oracle that reads the author labels (a same-author book when
    there is one, else the pick's choice: the bound of this construction) or without
    labels: tf-idf's first, the one sharing the rarest link, the pick's equal blend.
    Returns the orders and, for each chooser, the share of the books with a same-author
    book among the ``m`` for which it chooses one.
    """
    n = tfidf.shape[0]
    cand = ranking(tfidf)[:, :m]
    codes = _encode_labels(data.labels["author"], n)
    same = (codes[cand] == codes[:, None]) & (codes[:, None] >= 0)
    has = same.any(axis=1)
    pick = np.argmax(np.take_along_axis(tfidf + smooth, cand, axis=1), axis=1)
    # argmin keeps the first (best tf-idf) candidate among equally rare ones
    choosers = {
        "oracle": np.where(has, np.argmax(same, axis=1), pick),
        "tf-idf's first": np.zeros(n, dtype=int),
        "rarest shared link": np.argmin(rarest_shared(data.X, cand), axis=1),
        "equal blend": pick,
    }
    orders, right = {}, {}
    for name, chosen in choosers.items():
        right[name] = float(same[np.arange(n), chosen][has].mean())
        first = cand[np.arange(n), chosen][:, None]
        for w in (0.0, 0.3):
            scores = w * tfidf + (1 - w) * smooth if w else smooth.copy()
            np.put_along_axis(scores, first, np.inf, axis=1)
            rest = f"blend {w}" if w else f"smoothed {strength}"
            orders[f"{name} of tf-idf's first {m}, then {rest}"] = ranking(scores)
    return orders, right


def name_is_oracle(name: str) -> bool:
    """Whether a point is one of :func:`first_places`' oracle bounds."""
    return ": oracle of " in name


def points(
    data,
    seed,
    tfidf_rows,
    nonempty,
    power,
    idf_extra,
    base,
    strengths,
    oracle,
    length_norm=None,
    blends=BLENDS,
) -> dict:
    """Every point's figures for one seed; ``power`` weights tf-idf's links by coherence.

    ``idf_extra`` multiplies the link weights as well. ``base`` fits the embedding that is
    smoothed (``bench_quality.ours()``: the defaults). With ``oracle``, :func:`first_places`
    as well (its choosers' shares are printed). ``length_norm`` scores the tf-idf side with
    :func:`length_normed` instead of the cosine; ``blends`` are the weights of the linear
    blends of :func:`fusions`.
    """
    books, _ = base(data.X, seed)
    keyed = KeyedEmbeddings(books)
    out, partner, weights = {}, "tf-idf", idf_extra
    if power is not None:  # links whose books the defaults already place together count more
        weights = coherence(data.X, books) ** power * idf_extra
        partner += f" x coherence^{power}"
    if not np.all(idf_extra == 1):
        partner += " x idf^(Q - 1)"
    if length_norm is None:
        tfidf = similarities(tfidf_rows @ sp.diags_array(weights))
    else:
        tfidf = length_normed(data.X, weights, length_norm)
        partner += f", length norm {length_norm}"
    if partner != "tf-idf":  # plain tf-idf's row is printed by main()
        out[partner] = list_figures(data, nonempty, ranking(tfidf))
    for strength in strengths:
        smooth = similarities(keyed.smoothed(data.X, strength).vectors)
        out[f"smoothed {strength}"] = list_figures(data, nonempty, ranking(smooth))
        for name, order in fusions(tfidf, smooth, blends).items():
            out[f"{partner} + smoothed {strength}: {name}"] = list_figures(data, nonempty, order)
        if oracle:
            orders, right = first_places(data, tfidf, smooth, strength)
            for name, order in orders.items():
                out[f"{partner} + smoothed {strength}: {name}"] = list_figures(
                    data, nonempty, order
                )
            shares = ", ".join(f"{name} {share:.3f}" for name, share in right.items())
            print(f"seed {seed}, smoothed {strength}: a same-author book chosen by {shares}")
    return out


def corner(data: bq.Data, seeds: list[int], tfidf_author: float) -> tuple[float, ...]:
    """The best peers' figures (bench/RESULTS.md), mean over ``seeds``: the corner to reach.

    tf-idf's author hit@5 and BPR's genre precision@5 on p15, ALS's topic precision on
    the planted matrix.
    """
    peers = bq.methods(data.name, data.X.nnz)
    if data.name == "planted":
        runs = [bq.evaluate(data, peers["als"], seed, recall=False) for seed in seeds]
        return (float(np.mean([run["topic prec@10"] for run in runs])),)
    runs = [bq.evaluate(data, peers["bpr"], seed, recall=False) for seed in seeds]
    return tfidf_author, float(np.mean([run["genre prec@5"] for run in runs]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--coherence",
        type=float,
        metavar="P",
        help="weight each tf-idf link by its coherence under the defaults, to the power P",
    )
    parser.add_argument(
        "--idf-power",
        type=float,
        default=1.0,
        metavar="Q",
        help="raise tf-idf's idf to the power Q (sharper rare links)",
    )
    parser.add_argument(
        "--ours",
        metavar="PARAMS",
        default="",
        help="the smoothed embedding's settings instead of the defaults, in bench_quality's "
        "--ours syntax without its name (for example loss=binary_crossentropy)",
    )
    parser.add_argument(
        "--length-norm",
        type=float,
        metavar="B",
        help="score the tf-idf side by dot product with BM25's length normalisation B "
        "(0: none, 1: full) instead of the cosine",
    )
    parser.add_argument(
        "--head-scale",
        type=float,
        metavar="S",
        help="fit the smoothed side with head_prototype.py's logistic loss of S times the "
        "cosine (negatives labelled (1 + loss__negative_target) / 2, set with --ours)",
    )
    parser.add_argument("--strengths", type=float, nargs="+", default=list(STRENGTHS))
    parser.add_argument("--blends", type=float, nargs="+", default=list(BLENDS))
    parser.add_argument(
        "--oracle",
        action="store_true",
        help="p15: one of tf-idf's first 5 books first, chosen with and without the labels",
    )
    args, data = bq.one_data_set(parser)
    if data is None:
        return
    start = time.perf_counter()
    tfidf_rows = bq._tfidf(data.X)
    nonempty = np.diff(tfidf_rows.indptr) > 0
    tfidf = similarities(tfidf_rows)
    own = list_figures(data, nonempty, ranking(tfidf))
    fields = bq.FIGURES["planted" if data.name == "planted" else "p15"]
    library = tuple(
        label_agreement(tfidf_rows, data.labels[field], k=k)[measure]
        for figure, field, measure, k in fields
        if figure in MAPPED
    )
    if not np.allclose(own, library, atol=1e-12):
        raise SystemExit(f"list figures {own} differ from label_agreement's {library}")
    degree = np.asarray((data.X > 0).sum(axis=0)).ravel()
    idf = np.log((1 + data.X.shape[0]) / (1 + degree)) + 1  # TfidfTransformer's smooth idf
    idf_extra = idf ** (args.idf_power - 1)
    if args.head_scale is not None:
        from head_prototype import patch_trainer

        patch_trainer("cosine", "logistic", args.head_scale)
    _, base = bq._parse_ours(f"base:{args.ours}")
    runs = [
        points(
            data,
            seed,
            tfidf_rows,
            nonempty,
            args.coherence,
            idf_extra,
            base,
            args.strengths,
            args.oracle and data.name != "planted",
            args.length_norm,
            tuple(args.blends),
        )
        for seed in args.seeds
    ]
    mean, spread = bq.seed_summary(runs)
    target = corner(data, args.seeds, own[0])
    heads = ("topic prec@10",) if data.name == "planted" else ("author hit@5", "genre prec@5")
    print(f"\n| {args.data}, seeds {args.seeds} | " + " | ".join(heads) + " |")
    print("|---|" + "---:|" * len(heads))
    print("| tf-idf link cosine | " + " | ".join(f"{v:.3f}" for v in own) + " |")
    reached, bounds = [], [name for name in mean if name_is_oracle(name)]
    for name in sorted(mean, key=lambda n: tuple(-mean[n])):
        hit = all(m >= c for m, c in zip(mean[name], target, strict=True))
        reached += [name] if hit and name not in bounds else []
        cells = " | ".join(
            f"{m:.3f} ± {s:.3f}" for m, s in zip(mean[name], spread[name], strict=True)
        )
        mark = "(bound) " if name in bounds else "* " if hit else ""
        print(f"| {mark}{name} | {cells} |")
    print(
        f"\n{len(reached)} of {len(mean) - len(bounds)} points reach "
        f"{tuple(round(t, 3) for t in target)}"
        + (f" (and {len(bounds)} oracle bounds, not counted)" if bounds else "")
        + f" ({time.perf_counter() - start:.0f} s)"
    )


if __name__ == "__main__":
    main()
