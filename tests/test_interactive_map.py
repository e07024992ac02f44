"""The interactive map page: its content, and its behaviour in a headless Chromium.

The browser tests open the written file from disk with every network request
refused, as a reader offline would, and drive the page with playwright using the
system's Chromium (Debian's ``chromium`` package, which ``.ci/run`` installs).
They skip, saying why, when either is missing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys

import numpy as np
import pytest

pytest.importorskip(
    "bokeh", reason='the interactive map needs bokeh: pip install ".[interactive]"'
)

from skbookembed import _map_content  # noqa: E402
from skbookembed._keyed import KeyedEmbeddings  # noqa: E402
from skbookembed.cli import main  # noqa: E402
from skbookembed.plotting import plot_map  # noqa: E402

N = 20  # points per planted cluster
GENRES = ("fantasy", "crime", "poetry")


@pytest.fixture(scope="module")
def planted():
    """Three clusters of 20 books in 8-D, laid out as three blobs in 2-D."""
    rng = np.random.default_rng(0)
    centres = np.eye(3, 8)
    vectors = np.concatenate([c + rng.normal(scale=0.1, size=(N, 8)) for c in centres])
    keys = [f"{g.capitalize()} {i}" for g in GENRES for i in range(N)]
    keyed = KeyedEmbeddings(vectors.astype(np.float32), keys=keys)
    spots = np.array([[0.0, 0.0], [10.0, 0.0], [5.0, 8.0]])
    coords = np.repeat(spots, N, axis=0) + rng.normal(scale=0.6, size=(3 * N, 2))
    genre = np.array(GENRES, dtype=object).repeat(N)
    genre[-3:] = None  # unlabelled: "other"
    authors = [f"Author {i % 7}" for i in range(3 * N)]
    return keyed, coords, genre, authors


class _Fitted:
    """A fitted model as far as plotting sees it: two tables and the labels it keeps."""

    def __init__(self, keyed, genre, authors):
        self.books_ = self.links_ = keyed
        self.book_labels_ = {"genre": genre, "author": np.array(authors, dtype=object)}


@pytest.fixture(scope="module")
def page(planted, tmp_path_factory):
    keyed, coords, genre, authors = planted
    path = tmp_path_factory.mktemp("page") / "map.html"
    layout = plot_map(
        _Fitted(keyed, genre, authors), coords=coords, interactive=True, path=path, title="Planted"
    )
    return path, layout


def _models(layout, kind):
    return [m for m in layout.references() if type(m).__name__ == kind]


def test_page_is_one_self_contained_file(page):
    path, _ = page
    html = path.read_text(encoding="utf-8")
    assert os.listdir(path.parent) == ["map.html"]
    # bokeh's JavaScript is inline: no script or stylesheet is loaded from elsewhere.
    assert not re.search(r"<script[^>]+src=", html)
    assert not re.search(r"<link[^>]+href=[\"']https?:", html)
    assert "Bokeh" in html and "Poetry 7" in html and "Author 3" in html


def test_page_content(page, planted):
    _, layout = page
    keyed, _, genre, _ = planted
    (hover,) = _models(layout, "HoverTool")
    assert hover.tooltips == [("title", "@title"), ("genre", "@genre"), ("author", "@author")]
    (legend,) = _models(layout, "Legend")
    assert legend.title == "genre"
    labels = [item.label.value for item in legend.items]
    assert labels == ["fantasy (20)", "crime (20)", "poetry (17)", "other (3)"]
    source = next(m for m in _models(layout, "ColumnDataSource") if m.name == "points")
    data = source.data
    # "other" is drawn first (underneath), then the genres; every book once.
    assert sorted(data["title"]) == sorted(keyed.index_to_key)
    assert data["title"][:3] == ["Poetry 17", "Poetry 18", "Poetry 19"]
    assert set(data["colour"][:3]) == {_map_content.OTHER_COLOR}
    assert len(set(data["colour"][3:])) == 3
    assert data["genre"][:3] == ["", "", ""]
    row = data["title"].index("Crime 4")
    assert (data["genre"][row], data["author"][row]) == ("crime", "Author 3")
    # The neighbours searched in the page are the embeddings' nearest books.
    (search,) = _models(layout, "AutocompleteInput")
    callback = search.js_property_callbacks["change:value"][0]
    near = callback.args["neighbours"]
    shown = [data["title"][j] for j in near[row]]
    expected = [key for key, _ in keyed.most_similar("Crime 4", topn=len(shown))]
    assert shown == expected and len(shown) == 8
    assert sorted(search.completions) == sorted(keyed.index_to_key)


def test_missing_bokeh_says_what_to_install(planted, monkeypatch):
    keyed, coords, _, _ = planted
    monkeypatch.setitem(sys.modules, "bokeh", None)
    with pytest.raises(ImportError, match=r"skbookembed\[interactive\]"):
        plot_map(keyed, coords=coords, interactive=True)


# ----------------------------------------------------------------- in a real browser


def _chromium() -> str:
    for name in (os.environ.get("SKBOOKEMBED_CHROMIUM"), "chromium", "chromium-browser"):
        if name and shutil.which(name):
            return shutil.which(name)
    pytest.skip(
        "no Chromium found to test the map page in a browser: apt-get install chromium "
        "(.ci/run does), or set SKBOOKEMBED_CHROMIUM to its path"
    )


@pytest.fixture(scope="module")
def browser():
    executable = _chromium()
    sync_api = pytest.importorskip(
        "playwright.sync_api", reason="the browser tests need playwright: pip install '.[test]'"
    )
    with sync_api.sync_playwright() as driver:
        chromium = driver.chromium.launch(
            executable_path=executable, args=["--no-sandbox", "--disable-gpu"]
        )
        yield chromium
        chromium.close()


class Opened:
    """A page opened from disk with the network refused, and what went wrong in it."""

    def __init__(self, browser, path, fragment=""):
        self.errors: list[str] = []
        self.requests: list[str] = []
        self.page = browser.new_page(viewport={"width": 1400, "height": 850})
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else 0)
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        self.page.route("**/*", self._route)
        self.page.goto(path.as_uri() + fragment)
        self.page.wait_for_function(
            "() => window.Bokeh && Bokeh.documents.length > 0"
            " && Bokeh.documents[0].get_model_by_name('map') !== null"
            " && document.querySelector('.bk-Row, .bk-Column') !== null",
            timeout=30_000,
        )
        self.page.wait_for_timeout(300)  # the canvas paints on the next frames

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.requests.append(route.request.url)
            route.abort()

    def evaluate(self, code):
        return self.page.evaluate(code)

    def selected_titles(self):
        return self.evaluate(
            "() => { const s = Bokeh.documents[0].get_model_by_name('points');"
            " return s.selected.indices.map((i) => s.data.title[i]); }"
        )

    def status(self):
        return self.evaluate("() => Bokeh.documents[0].get_model_by_name('status').text")

    def screenshot(self, path):
        self.page.screenshot(path=str(path))
        from matplotlib.image import imread

        return imread(path)[..., :3]


def _pixels_of(image, colour_hex, alpha=1.0, tolerance=0.03):
    """Pixels of ``colour_hex`` painted with opacity ``alpha`` on white."""
    rgb = np.array([int(colour_hex[i : i + 2], 16) / 255 for i in (1, 3, 5)])
    rgb = alpha * rgb + (1 - alpha)
    return int((np.abs(image - rgb).max(axis=-1) < tolerance).sum())


def test_page_loads_offline_renders_and_searches(browser, page, tmp_path):
    pytest.importorskip("matplotlib", reason="reading the screenshot needs matplotlib")
    path, layout = page
    opened = Opened(browser, path)
    before = opened.screenshot(tmp_path / "before.png")
    assert opened.errors == []
    assert opened.requests == []
    # The points are drawn: many pixels of each genre's colour, not a blank page.
    source = next(m for m in _models(layout, "ColumnDataSource") if m.name == "points")
    (points,) = [m for m in layout.references() if getattr(m, "name", None) == "books"]
    alpha = points.glyph.fill_alpha
    for colour in sorted(set(source.data["colour"])):
        assert _pixels_of(before, colour, alpha) > 50, colour
    assert opened.selected_titles() == []

    box = opened.page.locator("input").first
    box.fill("poetry 3")
    box.press("Enter")
    opened.page.wait_for_function(
        "() => Bokeh.documents[0].get_model_by_name('points').selected.indices.length > 0"
    )
    titles = opened.selected_titles()
    assert titles[0] == "Poetry 3"
    assert len(titles) == 9 and all(t.startswith("Poetry") for t in titles), titles
    assert "<b>Poetry 3</b> and its 8 nearest neighbours" in opened.status()
    found = opened.evaluate("() => Bokeh.documents[0].get_model_by_name('found').data.title")
    assert found == ["Poetry 3"]
    after = opened.screenshot(tmp_path / "after.png")
    assert np.abs(after - before).max(axis=-1).astype(bool).sum() > 500  # the map changed
    assert _pixels_of(after, "#ffd700", tolerance=0.05) > 20  # the gold star on the book

    box.fill("no such book")
    box.press("Enter")
    opened.page.wait_for_function(
        "() => Bokeh.documents[0].get_model_by_name('status').text.startsWith('No title')"
    )
    assert opened.selected_titles() == []
    assert opened.errors == [] and opened.requests == []
    opened.page.close()


def test_url_fragment_searches_on_load(browser, page):
    path, _ = page
    opened = Opened(browser, path, fragment="#search=crime%2012")
    opened.page.wait_for_function(
        "() => Bokeh.documents[0].get_model_by_name('points').selected.indices.length > 0"
    )
    titles = opened.selected_titles()
    assert titles[0] == "Crime 12" and all(t.startswith("Crime") for t in titles)
    assert opened.errors == [] and opened.requests == []
    opened.page.close()


# ----------------------------------------------------------------- the command line


def test_cli_writes_the_page_and_keeps_the_projection(tmp_path, capsys):
    data = tmp_path / "books.ndjson"
    with open(data, "w", encoding="utf-8") as handle:
        for g, genre in enumerate(("Fantasy novel", "Crime novel", "Poetry")):
            for i in range(10):
                links = [f"Page {g}-{j}" for j in range(8) if (i + j) % 3]
                info = {"genre": genre, "author": f"Writer {g}"}
                handle.write(json.dumps([f"Book {g}-{i}", info, links, [], "2018", 100]) + "\n")
    model = tmp_path / "model.npz"
    fit = ["fit", str(data), "-o", str(model), "--min-count", "1", "--epochs", "2", "-q"]
    assert main(fit) == 0
    page = tmp_path / "map.html"
    plot = ["plot", str(model), "map", "-o", str(page), "--method", "tsne"]
    assert main([*plot, "--labels-from", str(data)]) == 0
    out = capsys.readouterr().out
    assert "Projecting 30 items to 2-D with t-SNE..." in out
    assert f"Wrote {page}." in out
    html = page.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=", html)
    assert "Book 1-7" in html and "Writer 2" in html and "crime (10)" in html
    assert (tmp_path / "model.map.npz").is_file()
    # The second map reuses the projection kept beside the model.
    assert main([*plot, "--highlight", "book 0-1", "-q"]) == 0
    assert capsys.readouterr().out == f"Wrote {page}.\n"
    (tmp_path / "model.map.npz").unlink()
    assert main([*plot, "--no-cache"]) == 0
    assert "model.map.npz" not in capsys.readouterr().out
    assert not (tmp_path / "model.map.npz").exists()
    assert main(["plot", str(model), "map", "Book", "0-1", "-o", str(page)]) == 1
    assert "--highlight" in capsys.readouterr().err
    # A title of several words needs no quotes.
    bars = tmp_path / "bars.png"
    assert main(["plot", str(model), "similar", "Book", "0-1", "-o", str(bars), "-q"]) == 0
    assert bars.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
