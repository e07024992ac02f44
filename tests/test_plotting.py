"""Tests of skbookembed.plotting: projections, maps and neighbour charts."""

from __future__ import annotations

import os
import struct
import subprocess
import sys
import textwrap

import numpy as np
import pytest
from sklearn.base import BaseEstimator

pytest.importorskip("matplotlib", reason="matplotlib is not installed")

from matplotlib.colors import to_hex, to_rgba  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from skbookembed import _figures, _map_content, plotting  # noqa: E402
from skbookembed._keyed import KeyedEmbeddings  # noqa: E402
from skbookembed.plotting import plot_map, plot_similar, project  # noqa: E402

N_PER_CLUSTER = 20


def _png_size(path) -> tuple[int, int]:
    data = open(path, "rb").read(24)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


@pytest.fixture(scope="module")
def clusters() -> tuple[KeyedEmbeddings, np.ndarray]:
    """Three well-separated directions in 16-D, 20 noisy points around each."""
    rng = np.random.default_rng(0)
    centres = np.zeros((3, 16))
    centres[0, :5] = centres[1, 5:10] = centres[2, 10:15] = 1.0
    vectors = np.concatenate(
        [c + rng.normal(scale=0.15, size=(N_PER_CLUSTER, 16)) for c in centres]
    )
    group = np.repeat(np.arange(3), N_PER_CLUSTER)
    keys = [f"{name} {i}" for name in ("Fantasy", "Crime", "Poetry") for i in range(N_PER_CLUSTER)]
    return KeyedEmbeddings(vectors.astype(np.float32), keys=keys), group


@pytest.fixture(scope="module")
def umap_coords(clusters) -> np.ndarray:
    pytest.importorskip("umap", reason="umap-learn is not installed")
    emb, _ = clusters
    # The only UMAP run of this file: numba compiles UMAP on first use (tens of seconds).
    return project(emb, method="umap", random_state=0)


@pytest.fixture(scope="module")
def tsne_coords(clusters) -> np.ndarray:
    emb, _ = clusters
    return project(emb, method="tsne", random_state=0, max_iter=300)


def _nearest_neighbour_in_own_cluster(coords: np.ndarray, group: np.ndarray) -> np.ndarray:
    dist = np.linalg.norm(coords[:, None, :] - coords[None, :, :], axis=-1)
    np.fill_diagonal(dist, np.inf)
    return group[dist.argmin(axis=1)] == group


# --------------------------------------------------------------------------
# project
# --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "fixture", [pytest.param("umap_coords", marks=pytest.mark.slow), "tsne_coords"]
)
def test_project_keeps_planted_clusters(request, clusters, fixture):
    coords = request.getfixturevalue(fixture)
    _, group = clusters
    assert coords.shape == (3 * N_PER_CLUSTER, 2)
    assert coords.dtype == np.float32
    assert coords.flags.c_contiguous
    assert np.isfinite(coords).all()
    assert _nearest_neighbour_in_own_cluster(coords, group).all()


def test_project_accepts_estimator_and_passes_settings(clusters, monkeypatch):
    emb, _ = clusters
    links = KeyedEmbeddings(np.eye(4, dtype=np.float32)[:, :3], keys=list("abcd"))
    model = _Fitted(books=emb, links=links).fit()
    seen = {}

    class FakeTSNE:
        def __init__(self, **params):
            seen.update(params)

        def fit_transform(self, X):
            seen["X"] = X
            return np.arange(2 * len(X), dtype=np.float64).reshape(-1, 2)

    import sklearn.manifold

    monkeypatch.setattr(sklearn.manifold, "TSNE", FakeTSNE)
    coords = project(model.links_, method="tsne", random_state=3, early_exaggeration=4)
    assert coords.dtype == np.float32 and coords.shape == (4, 2)
    np.testing.assert_array_equal(seen.pop("X"), links.vectors)
    assert seen == {
        "n_components": 2,
        "metric": "cosine",
        "init": "random",
        "random_state": 3,
        "perplexity": 1.0,  # (n - 1) / 3 for 4 items, below the usual 30
        "early_exaggeration": 4,
    }


def test_project_errors(clusters):
    emb, _ = clusters
    with pytest.raises(ValueError, match="method must be 'umap' or 'tsne'"):
        project(emb, method="pca")
    with pytest.raises(ValueError, match="at least 3 items"):
        project(np.ones((2, 4), dtype=np.float32), method="tsne")
    with pytest.raises(ValueError, match="n_components"):
        project(emb, method="tsne", n_components=0)


def test_umap_import_keeps_tensorflow_out():
    """Plotting and UMAP import neither TensorFlow nor pyplot (in a clean process)."""
    pytest.importorskip("umap", reason="umap-learn is not installed")
    code = textwrap.dedent(
        """
        import sys
        import numpy as np
        from skbookembed import _projection, plotting
        umap = _projection.import_umap()
        assert umap.UMAP.__name__ == "UMAP"
        assert "umap.parametric_umap" not in sys.modules
        assert "ParametricUMAP" not in vars(umap)  # resolved lazily, on first access
        plotting.plot_map(np.random.default_rng(0).normal(size=(30, 2)), labels=["a"] * 30)
        bad = sorted(m for m in ("tensorflow", "keras", "matplotlib.pyplot") if m in sys.modules)
        print("IMPORTED", bad)
        """
    )
    env = dict(os.environ, PYTHONPATH=os.pathsep.join(sys.path))
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert "IMPORTED []" in result.stdout


# --------------------------------------------------------------------------
# plot_map
# --------------------------------------------------------------------------


class _Fitted(BaseEstimator):
    """Smallest stand-in for a fitted PairEmbeddingRecommender: two tables."""

    def __init__(self, books=None, links=None):
        self.books = books
        self.links = links

    def fit(self, X=None, y=None):
        self.books_ = self.books
        self.links_ = self.links
        return self


def _collections_by_colour(ax) -> dict[str, int]:
    """Number of points drawn in each colour by the scatter calls."""
    out: dict[str, int] = {}
    for collection in ax.collections:
        colours = collection.get_facecolors()
        if len(colours) and colours[0][3] > 0:  # skip the hollow highlight rings
            out[to_hex(colours[0])] = out.get(to_hex(colours[0]), 0) + len(
                collection.get_offsets()
            )
    return out


def test_plot_map_png_size_legend_and_highlight(clusters, tsne_coords, tmp_path):
    emb, _ = clusters
    labels = ["fantasy"] * 20 + ["crime"] * 20 + ["poetry"] * 12 + [None] * 8
    path = tmp_path / "map.png"
    fig = plot_map(
        emb,
        coords=tsne_coords,
        labels=labels,
        top_k=2,
        highlight=["fantasy 3", "Poetry 0"],  # looked up case-insensitively
        path=path,
        figsize=(6, 4),
        dpi=50,
        legend_title="genre",
    )
    assert isinstance(fig, Figure)
    assert _png_size(path) == (300, 200)
    assert os.listdir(tmp_path) == ["map.png"]

    ax = fig.axes[0]
    legend = ax.get_legend()
    assert legend.get_title().get_text() == "genre"
    assert [t.get_text() for t in legend.get_texts()] == [
        "fantasy (20)",
        "crime (20)",
        "other (20)",
    ]
    counts = _collections_by_colour(ax)
    assert (
        counts[to_hex(_map_content.OTHER_COLOR)] == 20
    )  # 12 poetry (beyond top_k) + 8 unlabelled
    assert sorted(counts.values()) == [20, 20, 20]
    assert [t.get_text() for t in ax.texts] == ["Fantasy 3", "Poetry 0"]
    np.testing.assert_allclose(ax.texts[0].xy, tsne_coords[3], rtol=1e-6)


def test_plot_map_labels_as_mapping_and_all_colours(clusters, tsne_coords):
    emb, group = clusters
    labels = {"Fantasy 0": "x", "Fantasy 1": "x", "Crime 0": "y"}
    fig = plot_map(emb, coords=tsne_coords, labels=labels, top_k=None)
    texts = [t.get_text() for t in fig.axes[0].get_legend().get_texts()]
    assert texts == ["x (2)", "y (1)", "other (57)"]
    colours = set(_collections_by_colour(fig.axes[0]))
    assert len(colours) == 3 and to_hex(_map_content.OTHER_COLOR) in colours


def test_plot_map_projects_embeddings(clusters, monkeypatch):
    emb, _ = clusters
    calls = []

    def fake_project(embeddings, **params):
        calls.append(params)
        return np.zeros((len(embeddings), 2), dtype=np.float32)

    monkeypatch.setattr(plotting, "project", fake_project)
    model = _Fitted(books=emb, links=emb).fit()
    with pytest.warns(FutureWarning, match="which='links' is deprecated .* pass model.links_"):
        fig = plot_map(model, method="tsne", random_state=7, which="links")
    assert calls == [{"method": "tsne", "random_state": 7}]
    assert fig.axes[0].get_title() == "t-SNE map of 60 links"
    fig = plot_map(model, method="tsne", random_state=7)
    assert fig.axes[0].get_title() == "t-SNE map of 60 books"
    fig = plot_map(model.links_, method="tsne", random_state=7)
    ax = fig.axes[0]
    assert ax.get_title() == "t-SNE map of 60 items"
    named = KeyedEmbeddings(emb.vectors, name="links")
    assert plot_map(named, method="tsne").axes[0].get_title() == "t-SNE map of 60 links"
    assert ax.get_xlabel() == "t-SNE 1"
    assert ax.get_legend() is None  # no labels, no legend


def test_plot_map_coordinates_only_and_given_axes():
    rng = np.random.default_rng(1)
    coords = rng.normal(size=(40, 2))
    fig = Figure()
    ax = fig.add_subplot()
    assert plot_map(coords, ax=ax, highlight=[5, -1], title="given") is fig
    assert [t.get_text() for t in ax.texts] == ["5", "39"]
    assert ax.get_title() == "given"
    with pytest.raises(KeyError, match="row number"):
        plot_map(coords, highlight=["Dune"])


def test_plot_map_point_size_adapts():
    assert _figures.auto_point_size(100) == pytest.approx(30.0)
    assert 1.0 <= _figures.auto_point_size(37_000) < 2.0
    assert _figures.auto_point_size(5) == 40.0
    coords = np.random.default_rng(2).normal(size=(10_000, 2))
    fig = plot_map(coords, labels=["a", "b"] * 5000)
    sizes = [float(c.get_sizes()[0]) for c in fig.axes[0].collections]
    assert sizes == pytest.approx([3.0, 3.0])
    assert all(c.get_rasterized() for c in fig.axes[0].collections)


def test_plot_map_errors(clusters, tsne_coords):
    emb, _ = clusters
    with pytest.raises(ValueError, match="labels has 3 entries but there are 60 points"):
        plot_map(emb, coords=tsne_coords, labels=["a", "b", "c"])
    with pytest.raises(KeyError, match="Did you mean"):
        plot_map(emb, coords=tsne_coords, highlight=["Fantasy 300"])
    with pytest.raises(ValueError, match=r"shape \(n, 2\)"):
        plot_map(None, coords=np.ones((5, 3)))
    with pytest.raises(ValueError, match="coords has 5 rows"):
        plot_map(emb, coords=np.ones((5, 2)))
    with pytest.raises(ValueError, match="top_k"):
        plot_map(emb, coords=tsne_coords, labels=["a"] * 60, top_k=0)


def test_plot_map_save_is_atomic(tmp_path, monkeypatch):
    coords = np.random.default_rng(3).normal(size=(20, 2))
    target = tmp_path / "map.png"
    target.write_bytes(b"previous")
    with pytest.raises(ValueError, match="Cannot save a figure as 'xyz'"):
        plot_map(coords, path=tmp_path / "map.xyz")

    def broken_savefig(self, fname, **kwargs):
        fname.write(b"\x89PNG half")
        raise RuntimeError("renderer crashed")

    monkeypatch.setattr(Figure, "savefig", broken_savefig)
    with pytest.raises(RuntimeError, match="renderer crashed"):
        plot_map(coords, path=target)
    assert target.read_bytes() == b"previous"
    assert os.listdir(tmp_path) == ["map.png"]


# --------------------------------------------------------------------------
# plot_similar
# --------------------------------------------------------------------------


def test_plot_similar_bars(clusters, tmp_path):
    emb, _ = clusters
    path = tmp_path / "similar.png"
    fig = plot_similar(emb, "crime 4", n=5, n_least=3, path=path, figsize=(8, 5), dpi=40)
    assert _png_size(path) == (320, 200)

    ax = fig.axes[0]
    closest = emb.most_similar("Crime 4", topn=5)
    furthest = emb.most_similar("Crime 4", topn=3, least=True)[::-1]
    expected = closest + furthest
    labels = [t.get_text() for t in ax.get_yticklabels()]
    assert labels == [key for key, _ in expected]
    assert all(key.startswith("Crime") for key, _ in closest)
    assert not any(key.startswith("Crime") for key, _ in furthest)

    bars = ax.patches
    assert len(bars) == 8
    widths = [bar.get_width() for bar in bars]
    np.testing.assert_allclose(widths, [s for _, s in expected], rtol=1e-6)
    assert [bar.get_y() for bar in bars] == sorted((bar.get_y() for bar in bars), reverse=True)
    green, red = to_rgba(_figures.CLOSE_COLOR), to_rgba(_figures.FAR_COLOR)
    assert [bar.get_facecolor() for bar in bars] == [green] * 5 + [red] * 3
    decimals = _figures.decimals_to_tell_apart(np.array([s for _, s in closest]))
    assert [t.get_text() for t in ax.texts] == [f"{s:.{decimals}f}" for _, s in expected]
    assert ax.get_xlabel() == "Cosine similarity"
    assert fig.get_suptitle() == "Items most and least similar to \u201cCrime 4\u201d"
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["most similar", "least similar"]


def test_plot_similar_closest_only_and_links(clusters):
    emb, _ = clusters
    links = KeyedEmbeddings(
        np.array([[1, 0], [0.8, 0.6], [0, 1], [-1, 0]], dtype=np.float32),
        keys=["science fiction", "fantasy", "tor books", "poetry"],
    )
    model = _Fitted(books=emb, links=links).fit()
    fig = plot_similar(model.links_, "science fiction", n=2, n_least=0)
    ax = fig.axes[0]
    assert [t.get_text() for t in ax.get_yticklabels()] == ["fantasy", "tor books"]
    assert fig.get_suptitle() == "Items most similar to \u201cscience fiction\u201d"
    assert ax.get_legend() is None
    with pytest.warns(FutureWarning, match="which='links' is deprecated"):
        fig = plot_similar(model, "science fiction", which="links", n=2, n_least=0)
    assert fig.get_suptitle() == "Links most similar to \u201cscience fiction\u201d"
    # The default n_least is n; with 3 other items the furthest overlap the closest.
    fig = plot_similar(model.links_, "science fiction", n=2)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == ["fantasy", "tor books", "poetry"]


def test_plot_similar_errors(clusters):
    emb, _ = clusters
    with pytest.raises(KeyError, match="Did you mean"):
        plot_similar(emb, "Fantasy 99")
    with pytest.raises(ValueError, match="n must be at least 1"):
        plot_similar(emb, "Fantasy 1", n=0)
    with pytest.raises(ValueError, match="n_least must be a non-negative integer"):
        plot_similar(emb, "Fantasy 1", n_least=-1)


def test_plot_similar_decimals_tell_the_top_scores_apart():
    assert _figures.decimals_to_tell_apart(np.array([0.91, 0.85, 0.8])) == 2
    assert _figures.decimals_to_tell_apart(np.array([0.652, 0.648, 0.64])) == 3
    assert _figures.decimals_to_tell_apart(np.array([0.65221, 0.65234, 0.6])) == 4
    assert _figures.decimals_to_tell_apart(np.array([0.5, 0.5, 0.4])) == 2  # ties stay ties
    emb = KeyedEmbeddings(
        np.array([[1, 0], [0.652, 0.7582], [0.648, 0.7616], [-1, 0]], dtype=np.float32),
        keys=["q", "a", "b", "z"],
    )
    fig = plot_similar(emb, "q", n=2, n_least=1)
    assert [t.get_text() for t in fig.axes[0].texts] == ["0.652", "0.648", "-1.000"]


def test_plot_similar_long_title_fits_the_figure(tmp_path):
    long_key = "The Astonishing Life of Octavian Nothing, Traitor to the Nation, Volume I"
    emb = KeyedEmbeddings(
        np.random.default_rng(0).normal(size=(12, 4)).astype(np.float32),
        keys=[long_key] + [f"Book {i}" for i in range(11)],
    )
    fig = plot_similar(emb, long_key, n=5, figsize=(6, 4), dpi=50)
    fig.canvas.draw()
    box = fig.get_suptitle and fig._suptitle.get_window_extent()
    assert "\n" in fig.get_suptitle()
    assert box.x0 >= 0 and box.x1 <= fig.bbox.width
    for label in fig.axes[0].get_yticklabels():
        assert label.get_window_extent().x0 >= 0


# --------------------------------------------------------------------------
# labels a model carries, legend text, chosen items, projection cache
# --------------------------------------------------------------------------


def test_plot_map_colours_by_the_genres_a_model_carries(clusters, tsne_coords):
    emb, group = clusters
    genres = np.array(["Fantasy", "Crime", None], dtype=object)[group]
    model = _Fitted(books=emb, links=emb).fit()
    model.book_labels_ = {"genre": genres, "author": np.array([None] * 60, dtype=object)}
    fig = plot_map(model, coords=tsne_coords)
    legend = fig.axes[0].get_legend()
    assert legend.get_title().get_text() == "genre"
    assert [t.get_text() for t in legend.get_texts()] == [
        "Fantasy (20)",
        "Crime (20)",
        "other (20)",
    ]
    # "auto": the most central book of each genre is named.
    names = [t.get_text() for t in fig.axes[0].texts]
    assert len(names) == 2
    assert names[0].startswith("Fantasy ") and names[1].startswith("Crime ")
    vectors = emb.normed_vectors[:20].astype(np.float64)
    central = int(np.argmax(vectors @ vectors.mean(axis=0)))
    assert names[0] == f"Fantasy {central}"
    # Explicit labels win; the links table has no labels.
    fig = plot_map(model, coords=tsne_coords, labels=["x"] * 60, highlight=None)
    assert [t.get_text() for t in fig.axes[0].get_legend().get_texts()] == ["x (60)"]
    assert len(fig.axes[0].texts) == 0
    fig = plot_map(model.links_, coords=tsne_coords)
    assert fig.axes[0].get_legend() is None
    with pytest.warns(FutureWarning, match="which='links' is deprecated"):
        fig = plot_map(model, coords=tsne_coords, which="links")
    assert fig.axes[0].get_legend() is None


def test_plot_map_auto_highlight_without_labels_spreads_over_the_map(clusters, tsne_coords):
    emb, group = clusters
    fig = plot_map(emb, coords=tsne_coords)
    names = [t.get_text() for t in fig.axes[0].texts]
    assert 3 <= len(names) <= 5
    assert {name.split()[0] for name in names} == {"Fantasy", "Crime", "Poetry"}
    assert len(plot_map(tsne_coords).axes[0].texts) == 0  # bare coordinates: no names


def test_legend_text_is_never_cut_mid_word():
    assert _figures.legend_text("Science fiction", 12) == "Science fiction (12)"
    text = _figures.legend_text("Speculative fiction and alternate history novels", 3)
    assert text == "Speculative fiction and\nalternate history novels (3)"
    text = _figures.legend_text("one two three four five six seven eight nine ten eleven", 1)
    first, second = text.split("\n")
    assert second.endswith("\u2026 (1)")
    words = set("one two three four five six seven eight nine ten eleven".split())
    assert set(first.split()) <= words
    assert set(second[: -len("\u2026 (1)")].split()) <= words
    assert _figures.legend_text("Bildungsromanandmorestuckwords", 2) == (
        "Bildungsromanandmorestuckwords (2)"
    )


def test_project_cache_in_memory_and_on_disk(clusters, tmp_path, monkeypatch, capsys):
    emb, _ = clusters
    calls = []

    def fake_reduce(vectors, method, *args):
        calls.append(method)
        return np.arange(2 * len(vectors), dtype=np.float32).reshape(-1, 2)

    import skbookembed._projection as projection

    monkeypatch.setattr(projection, "_reduce", fake_reduce)
    monkeypatch.setattr(projection, "_PROJECTIONS", type(projection._PROJECTIONS)())
    cache = tmp_path / "model.map.npz"
    first = project(emb, method="tsne", random_state=0, cache=cache, verbose=1)
    assert calls == ["tsne"] and cache.is_file()
    assert "Projecting 60 items to 2-D with t-SNE..." in capsys.readouterr().out
    first[:] = -1  # the caller's copy: the cache keeps its own
    again = project(emb, method="tsne", random_state=0, cache=cache, verbose=1)
    assert calls == ["tsne"]
    assert "computed earlier in this process" in capsys.readouterr().out
    np.testing.assert_array_equal(again, np.arange(120, dtype=np.float32).reshape(-1, 2))
    # A new process (an empty memory) reads the file.
    projection._PROJECTIONS.clear()
    project(emb, method="tsne", random_state=0, cache=cache, verbose=1)
    assert calls == ["tsne"]
    assert f"from {cache}" in capsys.readouterr().out
    # Other settings, other vectors, or no seed: projected again.
    project(emb, method="tsne", random_state=1, cache=cache)
    project(emb, method="tsne", random_state=0, cache=cache, perplexity=5.0)
    other = KeyedEmbeddings(emb.vectors * 2, keys=emb.index_to_key)
    project(other, method="tsne", random_state=0, cache=cache)
    project(emb, method="tsne", random_state=None)
    project(emb, method="tsne", random_state=None)
    assert calls == ["tsne"] * 6
    # A damaged cache file is ignored and replaced.
    projection._PROJECTIONS.clear()
    cache.write_bytes(b"not an npz file")
    project(emb, method="tsne", random_state=0, cache=cache)
    assert calls == ["tsne"] * 7
    with np.load(cache) as data:
        assert data["coords"].shape == (60, 2)


def test_plot_map_verbose_says_what_it_does(clusters, monkeypatch, capsys):
    emb, _ = clusters
    monkeypatch.setattr(
        plotting, "project", lambda e, **p: np.zeros((len(e), 2), dtype=np.float32)
    )
    plot_map(emb, verbose=1, highlight=None)
    out = capsys.readouterr().out
    assert "Drawing the map of 60 points..." in out and "Drew in " in out
    plot_map(emb, highlight=None)
    assert capsys.readouterr().out == ""
