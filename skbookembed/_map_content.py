"""What a map shows, whatever draws it: points, their label groups, the items named.

Shared by the matplotlib figure (:mod:`skbookembed._figures`) and the interactive page
(:mod:`skbookembed._interactive`); :func:`map_content` gathers it for
:func:`skbookembed.plotting.plot_map`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ._resolve import Resolved

__all__ = ["OTHER_COLOR", "Groups", "MapContent", "is_missing", "label_list", "map_content"]

#: The colour of points whose label is missing or not among the most common.
OTHER_COLOR = "#bdbdbd"


def is_missing(label: Any) -> bool:
    """Whether ``label`` means "unlabelled": None, NaN or a blank string."""
    if label is None:
        return True
    if isinstance(label, (float, np.floating)):
        return bool(np.isnan(label))
    return isinstance(label, str) and not label.strip()


def label_list(labels: Any, keys: Sequence[Hashable], n: int) -> list[Any]:
    """One label per point (None for unlabelled) from a sequence or a mapping."""
    if isinstance(labels, Mapping):
        return [labels.get(key) for key in keys]
    if isinstance(labels, (str, bytes)):
        raise TypeError("labels must be a sequence with one label per point, not a string.")
    values = list(labels.tolist() if hasattr(labels, "tolist") else labels)
    if len(values) != n:
        raise ValueError(
            f"labels has {len(values)} entries but there are {n} points: give one label "
            "per point (in the order of index_to_key) or a mapping {key: label}."
        )
    return values


class Groups:
    """The ``top_k`` most common labels and each point's group (-1: other)."""

    def __init__(self, values: list[Any], top_k: int | None) -> None:
        present = [v for v in values if not is_missing(v)]
        self.counts = Counter(present)
        self.chosen = [label for label, _ in self.counts.most_common(top_k)]
        position = {label: g for g, label in enumerate(self.chosen)}
        self.group = np.array([position.get(v, -1) for v in values], dtype=np.intp)
        self.group = self.group.reshape(len(values))
        self.n_other = int((self.group < 0).sum())


@dataclass
class MapContent:
    """The points of a map and what is drawn on them."""

    xy: NDArray[np.float64]
    keyed: Any  # the KeyedEmbeddings of the points, or None for bare coordinates
    noun: str | None  # what the rows are called in the title (Resolved.noun)
    projected_by: str | None  # "umap" or "tsne" when the coordinates were computed here
    values: list[Any] | None  # one label per point
    groups: Groups | None
    marked: list[tuple[int, str]]  # (row, name) of the items circled and named
    legend_title: str | None
    authors: list[Any] | None  # one author per point, for the page's tooltips


def _resolve_highlight(highlight: Any, keyed: Any, n: int) -> list[tuple[int, str]]:
    if highlight is None:
        return []
    if isinstance(highlight, (str, bytes)) or not isinstance(highlight, Iterable):
        highlight = [highlight]
    out = []
    for item in highlight:
        if keyed is not None:
            index = keyed.get_index(item)
            out.append((int(index), str(keyed.index_to_key[index])))
        else:
            if not isinstance(item, (int, np.integer)) or not -n <= item < n:
                raise KeyError(
                    f"highlight item {item!r} is not a row number of the {n} coordinates; "
                    "pass the embeddings (or coords= with the embeddings) to highlight keys."
                )
            out.append((int(item) % n, str(int(item) % n)))
    return out


def _auto_highlight(
    keyed: Any, xy: NDArray[np.float64], groups: Groups | None, n_marked: int = 6
) -> list[tuple[int, str]]:
    """A few recognisable items spread over the map.

    With labels, the most central item of each of the most common labels (the
    one closest, by cosine, to the label's mean direction); without, the item
    closest to the centre of each of a few k-means clusters of the map.
    """
    if keyed is None or len(keyed) < 3:
        return []
    vectors = np.asarray(keyed.normed_vectors, dtype=np.float64)
    rows: list[int] = []
    if groups is not None and groups.chosen:
        for g in range(min(n_marked, len(groups.chosen))):
            members = np.flatnonzero(groups.group == g)
            centre = vectors[members].mean(axis=0)
            rows.append(int(members[np.argmax(vectors[members] @ centre)]))
    else:
        k = min(n_marked - 1, len(np.unique(xy, axis=0)))
        if k < 1:
            return []
        from sklearn.cluster import KMeans

        km = KMeans(n_clusters=k, n_init=1, random_state=0).fit(xy)
        for c, centre in enumerate(km.cluster_centers_):
            members = np.flatnonzero(km.labels_ == c)
            if len(members):
                near = members[np.argmin(((xy[members] - centre) ** 2).sum(axis=1))]
                rows.append(int(near))
    return [(row, str(keyed.index_to_key[row])) for row in dict.fromkeys(rows)]


def map_content(
    xy: NDArray[np.float64],
    resolved: Resolved | None,
    *,
    projected_by: str | None,
    labels: Any,
    top_k: int | None,
    highlight: Any,
    legend_title: str | None,
    authors: Any,
    with_authors: bool,
) -> MapContent:
    """Check the map's inputs against its points and gather what it shows.

    Labels and (with ``with_authors``) authors default to the ones a model keeps for
    its books; ``highlight="auto"`` picks a few items (see :func:`_auto_highlight`).
    """
    if xy.ndim != 2 or xy.shape[1] != 2:
        raise ValueError(f"Coordinates must have shape (n, 2), got {xy.shape}.")
    n = xy.shape[0]
    keyed = None if resolved is None else resolved.keyed
    if keyed is not None and len(keyed) != n:
        raise ValueError(f"coords has {n} rows but the embeddings have {len(keyed)} items.")
    if top_k is not None and (not isinstance(top_k, (int, np.integer)) or top_k < 1):
        raise ValueError(f"top_k must be a positive integer or None, got {top_k!r}.")
    keys: Sequence[Hashable] = keyed.index_to_key if keyed is not None else range(n)
    if labels is None and resolved is not None:
        labels = resolved.label_field("genre")
        if labels is not None and legend_title is None:
            legend_title = "genre"
    values = None if labels is None else label_list(labels, keys, n)
    groups = None if values is None else Groups(values, top_k)
    if isinstance(highlight, str) and highlight == "auto":
        marked = _auto_highlight(keyed, xy, groups)
    else:
        marked = _resolve_highlight(highlight, keyed, n)
    if with_authors and authors is None and resolved is not None:
        authors = resolved.label_field("author")
    authors = label_list(authors, keys, n) if with_authors and authors is not None else None
    noun = None if resolved is None else resolved.noun
    return MapContent(xy, keyed, noun, projected_by, values, groups, marked, legend_title, authors)
