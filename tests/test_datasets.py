"""Tests of skbookembed.datasets: ndjson loader, cached download, synthetic data."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import json
import os
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
import scipy.sparse as sp
from sklearn.utils import Bunch

import skbookembed.datasets as datasets
from skbookembed.datasets import (
    _synthetic,
    fetch_wikipedia_books,
    load_wikipedia_books,
    make_book_links,
)

# ---------------------------------------------------------------------------
# helpers and fixtures
# ---------------------------------------------------------------------------

RECORDS = [
    ["Dune", {"author": "Frank Herbert"}, ["Science fiction", "Chilton Books"], [], "t1", 100],
    ["Wikipedia:WikiProject Books", {}, ["Hardcover"], [], "t2", 5],
    ["Emma", {"genre": "Novel"}, ["Jane Austen", "novel", "Novel"], ["http://e.x"], "t3", 42],
]


def write_ndjson(path: Path, lines: list, *, compress: bool = False) -> Path:
    """Write ``lines`` (records, or raw str lines) as ndjson, optionally gzip."""
    text = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines)
    data = (text + "\n").encode("utf-8")
    path.write_bytes(gzip.compress(data) if compress else data)
    return path


@pytest.fixture(scope="module")
def p15_path() -> Path:
    env = os.environ.get("SKBOOKEMBED_P15")
    path = (
        Path(env) if env else Path(__file__).resolve().parents[2] / "shared/data/p15_books.ndjson"
    )
    if not path.is_file():
        pytest.skip(f"real data sample not found at {path}")
    return path


def test_public_names():
    assert sorted(datasets.__all__) == [
        "SkippedLinesWarning",
        "coarse_genre",
        "fetch_wikipedia_books",
        "infobox_labels",
        "load_sample_books",
        "load_wikipedia_books",
        "make_book_links",
        "normalize_author",
    ]
    for name in datasets.__all__:
        assert callable(getattr(datasets, name))


# ---------------------------------------------------------------------------
# load_wikipedia_books
# ---------------------------------------------------------------------------


def test_load_fields_and_wikipedia_pages_dropped(tmp_path):
    path = write_ndjson(tmp_path / "books.ndjson", RECORDS)
    books = load_wikipedia_books(path)
    assert isinstance(books, Bunch)
    assert books.titles == ["Dune", "Emma"]
    assert books.infobox == [{"author": "Frank Herbert"}, {"genre": "Novel"}]
    assert books.wikilinks == [
        ["Science fiction", "Chilton Books"],
        ["Jane Austen", "novel", "Novel"],
    ]
    assert books.external_links == [[], ["http://e.x"]]
    assert books.last_edit == ["t1", "t3"]
    assert books.n_characters.dtype == np.int64
    np.testing.assert_array_equal(books.n_characters, [100, 42])
    assert books.n_skipped == 0
    assert books.n_wikipedia_pages == 1
    assert books.filename == str(path)
    assert "found_books_filtered" in books.DESCR


def test_load_keeps_wikipedia_pages_when_asked(tmp_path):
    path = write_ndjson(tmp_path / "books.ndjson", RECORDS)
    books = load_wikipedia_books(str(path), drop_wikipedia_pages=False)
    assert books.titles == ["Dune", "Wikipedia:WikiProject Books", "Emma"]
    assert books.n_wikipedia_pages == 0
    assert len(books.wikilinks) == len(books.infobox) == len(books.n_characters) == 3


@pytest.mark.parametrize(("name", "compress"), [("a.ndjson", True), ("b.ndjson.gz", False)])
def test_load_detects_gzip_by_magic_bytes_not_name(tmp_path, name, compress):
    path = write_ndjson(tmp_path / name, RECORDS, compress=compress)
    assert (path.read_bytes()[:2] == b"\x1f\x8b") is compress
    assert load_wikipedia_books(path).titles == ["Dune", "Emma"]


def test_load_ignores_blank_lines_and_crlf(tmp_path):
    lines = ["", json.dumps(RECORDS[0]) + "\r", "   ", "\t", json.dumps(RECORDS[2]), ""]
    path = write_ndjson(tmp_path / "blank.ndjson", lines)
    books = load_wikipedia_books(path)
    assert books.titles == ["Dune", "Emma"]
    assert books.n_skipped == 0


def test_load_empty_file(tmp_path):
    path = tmp_path / "empty.ndjson"
    path.write_bytes(b"")
    with pytest.raises(ValueError, match="empty.ndjson holds no books: it is empty"):
        load_wikipedia_books(path)


def test_load_unicode(tmp_path):
    record = ["Война и мир", {"author": "Лев Толстой"}, ["роман"], [], "t", 1]
    books = load_wikipedia_books(write_ndjson(tmp_path / "u.ndjson", [record], compress=True))
    assert books.titles == ["Война и мир"] and books.wikilinks == [["роман"]]


GOOD = json.dumps(RECORDS[0])
BAD_LINES = [
    ('["Dune", {}, [], [], "t", 1', "invalid JSON"),
    ('{"title": "Dune"}', "expected a JSON array, got an object"),
    ('["Dune", {}, [], [], "t"]', "expected an array of 6 fields .* got 5 field"),
    ('["Dune", {}, [], [], "t", 1, 2]', "expected an array of 6 fields .* got 7 field"),
    ('[7, {}, [], [], "t", 1]', r"field 1 \(title\) must be a string, got a number"),
    ('["Dune", [], [], [], "t", 1]', r"field 2 \(infobox\) must be an object, got an array"),
    ('["Dune", {}, ["a", 3], [], "t", 1]', r"field 3 \(wikilinks\) .* containing a number"),
    ('["Dune", {}, [], "http://x", "t", 1]', r"field 4 \(external_links\) .* got a string"),
    ('["Dune", {}, [], [], null, 1]', r"field 5 \(last_edit\) must be a string, got null"),
    ('["Dune", {}, [], [], "t", 1.5]', r"field 6 \(n_characters\) must be an integer"),
    ('["Dune", {}, [], [], "t", true]', r"field 6 \(n_characters\) .* got a boolean"),
]


@pytest.mark.parametrize(("bad", "reason"), BAD_LINES)
def test_load_malformed_line_names_file_and_line(tmp_path, bad, reason):
    # The blank line counts: line numbers are those of the file.
    path = write_ndjson(tmp_path / "bad.ndjson", [GOOD, "", bad, GOOD])
    with pytest.raises(ValueError, match=rf"bad\.ndjson, line 3: {reason}") as info:
        load_wikipedia_books(path)
    assert "on_bad_lines='skip'" in str(info.value)


def test_load_invalid_utf8_is_a_bad_line(tmp_path):
    path = tmp_path / "latin1.ndjson"
    path.write_bytes(GOOD.encode() + b"\n" + '["Andr\xe9", {}, [], [], "t", 1]'.encode("latin-1"))
    with pytest.raises(ValueError, match=r"line 2: invalid JSON"):
        load_wikipedia_books(path)


def test_load_skip_bad_lines_warns_once(tmp_path):
    lines = [GOOD, BAD_LINES[0][0], json.dumps(RECORDS[2]), BAD_LINES[4][0], BAD_LINES[8][0]]
    path = write_ndjson(tmp_path / "mixed.ndjson", lines, compress=True)
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        books = load_wikipedia_books(path, on_bad_lines="skip")
    assert len(caught) == 1
    assert issubclass(caught[0].category, datasets.SkippedLinesWarning)
    assert issubclass(caught[0].category, UserWarning)
    message = str(caught[0].message)
    assert "Skipped 3 malformed line(s)" in message and "line 2: invalid JSON" in message
    assert caught[0].filename == __file__  # stacklevel points at the caller
    assert books.n_skipped == 3
    assert books.titles == ["Dune", "Emma"]


def test_load_skip_without_bad_lines_is_silent(tmp_path):
    path = write_ndjson(tmp_path / "ok.ndjson", RECORDS)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert load_wikipedia_books(path, on_bad_lines="skip").n_skipped == 0


def test_load_truncated_gzip(tmp_path):
    data = gzip.compress(("\n".join([GOOD] * 200) + "\n").encode())
    path = tmp_path / "cut.ndjson.gz"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(
        ValueError, match=r"cut\.ndjson\.gz: the gzip stream is corrupt or truncated"
    ):
        load_wikipedia_books(path)


def test_load_argument_errors(tmp_path):
    path = write_ndjson(tmp_path / "ok.ndjson", RECORDS)
    with pytest.raises(ValueError, match="on_bad_lines must be 'error' or 'skip', got 'warn'"):
        load_wikipedia_books(path, on_bad_lines="warn")
    with pytest.raises(TypeError, match="path must be a str or os.PathLike.*got list"):
        load_wikipedia_books([path])
    with pytest.raises(FileNotFoundError):
        load_wikipedia_books(tmp_path / "missing.ndjson")


def test_load_real_sample(p15_path):
    books = load_wikipedia_books(p15_path)
    everything = load_wikipedia_books(p15_path, drop_wikipedia_pages=False)
    assert len(everything.titles) == 1413
    assert len(books.titles) == 1411
    assert books.n_wikipedia_pages == 2
    assert sum("Wikipedia:" in title for title in books.titles) == 0
    assert sum("Wikipedia:" in title for title in everything.titles) == 2
    # Same records as a plain json reading, in file order.
    with open(p15_path, encoding="utf-8") as stream:
        raw = [json.loads(line) for line in stream if line.strip()]
    kept = [record for record in raw if "Wikipedia:" not in record[0]]
    assert books.titles == [record[0] for record in kept]
    assert books.wikilinks == [record[2] for record in kept]
    np.testing.assert_array_equal(books.n_characters, [record[5] for record in kept])


def test_load_real_sample_gzip_roundtrip(p15_path, tmp_path):
    gz = tmp_path / "p15.ndjson.gz"
    gz.write_bytes(gzip.compress(p15_path.read_bytes(), compresslevel=1))
    plain, packed = load_wikipedia_books(p15_path), load_wikipedia_books(gz)
    assert plain.titles == packed.titles and plain.wikilinks == packed.wikilinks


# ---------------------------------------------------------------------------
# fetch_wikipedia_books, against a local HTTP server
# ---------------------------------------------------------------------------

BODY = ("\n".join(json.dumps(record) for record in RECORDS) + "\n").encode()
BODY_SHA256 = hashlib.sha256(BODY).hexdigest()


class _Handler(http.server.BaseHTTPRequestHandler):
    routes: dict[str, tuple[int, bytes, int | None]] = {}
    requests: list[str] = []

    def do_GET(self):  # noqa: N802 - http.server API
        type(self).requests.append(self.path)
        status, body, announced = self.routes.get(self.path, (404, b"not found", None))
        self.send_response(status)
        self.send_header("Content-Length", str(len(body) if announced is None else announced))
        self.end_headers()
        self.wfile.write(body)
        self.wfile.flush()
        self.close_connection = True

    def log_message(self, *args):  # keep pytest output clean
        pass


@pytest.fixture
def server() -> Iterator[tuple[str, type[_Handler]]]:
    handler = type("Handler", (_Handler,), {"routes": {}, "requests": []})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, args=(0.05,), daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", handler
    finally:
        httpd.shutdown()
        httpd.server_close()


def cache_listing(data_home: Path) -> list[str]:
    folder = data_home / "skbookembed"
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


FAST = {"n_retries": 0, "delay": 0.0, "timeout": 5.0}


def test_fetch_downloads_once_then_uses_cache(server, tmp_path):
    base, handler = server
    handler.routes["/data/found_books_filtered.ndjson"] = (200, BODY, None)
    url = base + "/data/found_books_filtered.ndjson"
    books = fetch_wikipedia_books(data_home=tmp_path, url=url, **FAST)
    assert books.titles == ["Dune", "Emma"]
    assert cache_listing(tmp_path) == ["found_books_filtered.ndjson"]
    cached = tmp_path / "skbookembed" / "found_books_filtered.ndjson"
    assert cached.read_bytes() == BODY
    assert books.filename == str(cached)
    # Second call: read from the cache, no request, even with the server gone.
    handler.routes.clear()
    again = fetch_wikipedia_books(data_home=tmp_path, url=url, download_if_missing=False)
    assert again.titles == books.titles
    assert handler.requests == ["/data/found_books_filtered.ndjson"]


def test_fetch_passes_loader_options(server, tmp_path):
    base, handler = server
    handler.routes["/x.ndjson"] = (200, BODY + b"not json\n", None)
    with pytest.warns(UserWarning, match="Skipped 1 malformed line"):
        books = fetch_wikipedia_books(
            data_home=tmp_path,
            url=base + "/x.ndjson",
            drop_wikipedia_pages=False,
            on_bad_lines="skip",
            **FAST,
        )
    assert len(books.titles) == 3 and books.n_skipped == 1


def test_fetch_default_data_home_from_environment(server, tmp_path, monkeypatch):
    base, handler = server
    handler.routes["/books.ndjson"] = (200, BODY, None)
    monkeypatch.setenv("SCIKIT_LEARN_DATA", str(tmp_path / "sk"))
    books = fetch_wikipedia_books(url=base + "/books.ndjson", **FAST)
    assert Path(books.filename) == tmp_path / "sk" / "skbookembed" / "books.ndjson"


def test_fetch_truncated_body_leaves_no_file(server, tmp_path):
    base, handler = server
    # The server announces the full length but sends half of the body.
    handler.routes["/cut.ndjson"] = (200, BODY[: len(BODY) // 2], len(BODY))
    with pytest.raises(OSError, match=r"Could not download .*incomplete download: received \d+"):
        fetch_wikipedia_books(data_home=tmp_path, url=base + "/cut.ndjson", **FAST)
    assert cache_listing(tmp_path) == []  # neither the file nor a temporary one


def test_fetch_retries_incomplete_download(server, tmp_path):
    base, handler = server
    handler.routes["/cut.ndjson"] = (200, BODY[:10], len(BODY))
    with pytest.raises(OSError, match="incomplete download"):
        fetch_wikipedia_books(
            data_home=tmp_path, url=base + "/cut.ndjson", n_retries=2, delay=0.0, timeout=5.0
        )
    assert handler.requests == ["/cut.ndjson"] * 3
    assert cache_listing(tmp_path) == []


def test_fetch_checks_sha256(server, tmp_path):
    base, handler = server
    handler.routes["/b.ndjson"] = (200, BODY, None)
    url = base + "/b.ndjson"
    with pytest.raises(OSError, match=rf"SHA-256 .* expected {'0' * 64}"):
        fetch_wikipedia_books(data_home=tmp_path, url=url, sha256="0" * 64, n_retries=3, delay=0)
    assert handler.requests == ["/b.ndjson"]  # a checksum mismatch is not retried
    assert cache_listing(tmp_path) == []
    books = fetch_wikipedia_books(data_home=tmp_path, url=url, sha256=BODY_SHA256.upper(), **FAST)
    assert books.titles == ["Dune", "Emma"]


def test_fetch_cached_file_with_wrong_checksum(server, tmp_path):
    base, handler = server
    handler.routes["/b.ndjson"] = (200, BODY, None)
    url = base + "/b.ndjson"
    folder = tmp_path / "skbookembed"
    folder.mkdir()
    (folder / "b.ndjson").write_bytes(b"stale\n")
    with pytest.raises(OSError, match="does not have the expected SHA-256"):
        fetch_wikipedia_books(
            data_home=tmp_path, url=url, sha256=BODY_SHA256, download_if_missing=False
        )
    assert handler.requests == []
    books = fetch_wikipedia_books(data_home=tmp_path, url=url, sha256=BODY_SHA256, **FAST)
    assert books.titles == ["Dune", "Emma"]
    assert (folder / "b.ndjson").read_bytes() == BODY


def test_fetch_checks_expected_size(server, tmp_path):
    base, handler = server
    handler.routes["/b.ndjson"] = (200, BODY, None)
    with pytest.raises(OSError, match=rf"downloaded {len(BODY)} bytes .* expected 12"):
        fetch_wikipedia_books(data_home=tmp_path, url=base + "/b.ndjson", expected_size=12, **FAST)
    assert cache_listing(tmp_path) == []
    books = fetch_wikipedia_books(
        data_home=tmp_path, url=base + "/b.ndjson", expected_size=len(BODY), **FAST
    )
    assert len(books.titles) == 2


def test_fetch_http_error_not_retried(server, tmp_path):
    base, handler = server
    with pytest.raises(OSError, match="Could not download .*404"):
        fetch_wikipedia_books(
            data_home=tmp_path, url=base + "/nothing.ndjson", n_retries=3, delay=0
        )
    assert handler.requests == ["/nothing.ndjson"]
    assert cache_listing(tmp_path) == []


def test_fetch_offline(tmp_path):
    # A port nobody listens on: the connection is refused, as when offline.
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    with pytest.raises(OSError, match="Could not download .*Check the network connection"):
        fetch_wikipedia_books(
            data_home=tmp_path, url=f"http://127.0.0.1:{port}/books.ndjson", **FAST
        )
    assert cache_listing(tmp_path) == []


def test_fetch_not_cached_and_no_download(tmp_path):
    with pytest.raises(FileNotFoundError, match="is not cached and download_if_missing=False"):
        fetch_wikipedia_books(data_home=tmp_path, download_if_missing=False)
    assert cache_listing(tmp_path) == []


@pytest.mark.parametrize(
    ("kwargs", "error", "match"),
    [
        ({"sha256": "abc"}, ValueError, "sha256 must be 64 hexadecimal"),
        ({"sha256": "g" * 64}, ValueError, "sha256 must be 64 hexadecimal"),
        ({"expected_size": -1}, ValueError, "expected_size must be a non-negative int"),
        ({"n_retries": -1}, ValueError, "n_retries must be a non-negative int"),
        ({"delay": -1}, ValueError, "delay must be a non-negative"),
        ({"timeout": 0}, ValueError, "timeout must be a positive"),
        ({"url": ""}, TypeError, "url must be a non-empty str"),
    ],
)
def test_fetch_argument_errors(tmp_path, kwargs, error, match):
    with pytest.raises(error, match=match):
        fetch_wikipedia_books(data_home=tmp_path, download_if_missing=False, **kwargs)


def test_fetch_default_url_points_at_the_original_dump():
    from skbookembed.datasets._wikipedia import WIKIPEDIA_BOOKS_SHA256, WIKIPEDIA_BOOKS_URL

    assert WIKIPEDIA_BOOKS_URL == (
        "https://raw.githubusercontent.com/WillKoehrsen/wikipedia-data-science/"
        "master/data/found_books_filtered.ndjson"
    )
    assert WIKIPEDIA_BOOKS_SHA256 is None  # unknown: documented, checked only when given


# ---------------------------------------------------------------------------
# make_book_links
# ---------------------------------------------------------------------------


def _topic_of_entries(X, link_topics):
    rows = np.repeat(np.arange(X.shape[0]), np.diff(X.indptr))
    return rows, link_topics[X.indices]


def test_make_book_links_format():
    X, y = make_book_links(n_books=300, n_links=500, n_topics=4, random_state=0)
    assert sp.isspmatrix_csr(X)
    assert X.shape == (300, 500) and X.dtype == np.float32
    assert y.shape == (300,) and y.dtype == np.int64 and set(y) <= {0, 1, 2, 3}
    X.check_format(full_check=True)
    assert X.has_canonical_format  # sorted indices, no duplicates
    np.testing.assert_array_equal(X.data, 1.0)
    assert X.getnnz(axis=1).min() >= 1  # every book has a link


def test_make_book_links_is_deterministic():
    a = make_book_links(200, 300, 3, random_state=7, return_bunch=True)
    b = make_book_links(200, 300, 3, random_state=np.random.RandomState(7), return_bunch=True)
    c = make_book_links(200, 300, 3, random_state=8, return_bunch=True)
    assert (a.data != b.data).nnz == 0
    np.testing.assert_array_equal(a.target, b.target)
    np.testing.assert_array_equal(a.topic_mixture, b.topic_mixture)
    np.testing.assert_array_equal(a.link_topics, b.link_topics)
    assert (a.data != c.data).nnz > 0


def test_make_book_links_ground_truth():
    n_topics = 5
    truth = make_book_links(
        n_books=400, n_links=1003, n_topics=n_topics, random_state=0, return_bunch=True
    )
    assert set(truth) == {"data", "target", "topic_mixture", "link_topics", "link_weights"}
    mixture = truth.topic_mixture
    assert mixture.shape == (400, n_topics)
    np.testing.assert_allclose(mixture.sum(axis=1), 1.0)
    # dominant_weight=0.8 > 0.5: the target is the planted dominant topic.
    np.testing.assert_array_equal(truth.target, mixture.argmax(axis=1))
    assert (mixture[np.arange(400), truth.target] >= 0.8).all()
    # Balanced link topics: 1003 = 5 * 200 + 3.
    np.testing.assert_array_equal(
        np.sort(np.bincount(truth.link_topics)), [200, 200, 201, 201, 201]
    )
    # Zipf weights within each topic: sum to one, decrease with the link index.
    for k in range(n_topics):
        weights = truth.link_weights[truth.link_topics == k]
        np.testing.assert_allclose(weights.sum(), 1.0)
        assert (np.diff(weights) < 0).all()
        np.testing.assert_allclose(weights[0] / weights[1], 2.0)  # (1/1) / (1/2), exponent 1


def test_make_book_links_planted_topics_are_recoverable():
    truth = make_book_links(
        n_books=2000, n_links=1000, n_topics=10, noise=0.05, random_state=1, return_bunch=True
    )
    rows, entry_topics = _topic_of_entries(truth.data, truth.link_topics)
    in_dominant = np.mean(entry_topics == truth.target[rows])
    # Expected share of draws from the dominant topic: about 0.95 * (0.8 + 0.2 * E[d_k]) + 0.05 / 10;
    # merging repeated draws of popular links lowers it a little.
    assert 0.7 < in_dominant < 0.95
    # Majority vote over a book's links finds its dominant topic for nearly every book.
    votes = sp.csr_matrix((np.ones_like(rows), (rows, entry_topics)), shape=(2000, 10)).toarray()
    assert np.mean(votes.argmax(axis=1) == truth.target) > 0.95


def test_make_book_links_pure_topics_and_pure_noise():
    pure = make_book_links(
        500, 400, 4, dominant_weight=1.0, noise=0.0, random_state=2, return_bunch=True
    )
    rows, entry_topics = _topic_of_entries(pure.data, pure.link_topics)
    np.testing.assert_array_equal(entry_topics, pure.target[rows])

    noisy = make_book_links(500, 400, 4, noise=1.0, random_state=2, return_bunch=True)
    rows, entry_topics = _topic_of_entries(noisy.data, noisy.link_topics)
    assert abs(np.mean(entry_topics == noisy.target[rows]) - 0.25) < 0.03


def test_make_book_links_counts_and_mean_draws():
    X, _ = make_book_links(4000, 5000, 5, mean_links_per_book=12.0, binary=False, random_state=3)
    # Counts keep repeated draws: the total is the number of draws, mean 12 per book.
    assert X.data.min() >= 1 and X.data.max() > 1
    assert abs(X.sum() / 4000 - 12.0) < 0.5
    binary, _ = make_book_links(
        4000, 5000, 5, mean_links_per_book=12.0, binary=True, random_state=3
    )
    # Same draws, merged.
    np.testing.assert_array_equal(binary.indices, X.indices)
    np.testing.assert_array_equal(binary.indptr, X.indptr)


def test_make_book_links_long_tails():
    X, _ = make_book_links(3000, 2000, 4, mean_links_per_book=20, random_state=4)
    degrees = X.getnnz(axis=1)
    assert degrees.min() >= 1
    assert np.percentile(degrees, 99) > 3 * np.median(degrees)  # long-tailed books
    flat, _ = make_book_links(
        3000, 2000, 4, mean_links_per_book=20, links_per_book_sigma=0.0, random_state=4
    )
    assert np.percentile(flat.getnnz(axis=1), 99) < 2 * np.median(flat.getnnz(axis=1))

    truth = make_book_links(
        3000, 2000, 4, link_popularity=1.0, noise=0.0, random_state=5, return_bunch=True
    )
    popularity = truth.data.getnnz(axis=0)
    # The most likely link of each topic is the most linked-to one of that topic.
    for k in range(4):
        links = np.flatnonzero(truth.link_topics == k)
        assert popularity[links].argmax() == 0
    uniform = make_book_links(
        3000, 2000, 4, link_popularity=0.0, noise=0.0, random_state=5, return_bunch=True
    )
    np.testing.assert_allclose(uniform.link_weights, 1 / 500)
    counts = uniform.data.getnnz(axis=0)
    assert counts.max() < 3 * counts.mean()


def test_make_book_links_small_edge_cases():
    X, y = make_book_links(n_books=1, n_links=1, n_topics=1, random_state=0)
    assert X.toarray().tolist() == [[1.0]] and y.tolist() == [0]
    X, y = make_book_links(n_books=50, n_links=3, n_topics=3, random_state=0)
    assert X.shape == (50, 3) and X.getnnz(axis=1).min() >= 1


def test_make_book_links_chunked_sampling(monkeypatch):
    # Tiny chunks (smaller than one book's draws, too) give a valid matrix.
    monkeypatch.setattr(_synthetic, "_DRAWS_PER_CHUNK", 7)
    truth = make_book_links(
        300,
        200,
        3,
        mean_links_per_book=15,
        binary=False,
        noise=0.0,
        dominant_weight=1.0,
        random_state=0,
        return_bunch=True,
    )
    X = truth.data
    X.check_format(full_check=True)
    assert X.has_canonical_format and X.getnnz(axis=1).min() >= 1
    rows, entry_topics = _topic_of_entries(X, truth.link_topics)
    np.testing.assert_array_equal(entry_topics, truth.target[rows])
    assert abs(X.sum() / 300 - 15) < 2


def test_make_book_links_guided_search_matches_searchsorted():
    rng = np.random.default_rng(0)
    grid = np.concatenate([np.cumsum(rng.random(50)) / 25 + k for k in range(3)])
    grid = np.sort(grid)
    scale = 2 * grid.size / 3
    guide = np.minimum(
        np.searchsorted(grid, np.arange(2 * grid.size + 1) / scale, side="right"), grid.size - 1
    )
    values = rng.random(10_000) * grid[-1]
    expected = np.minimum(np.searchsorted(grid, values, side="right"), grid.size - 1)
    np.testing.assert_array_equal(
        _synthetic._guided_searchsorted(grid, guide, scale, values), expected
    )


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"n_books": 0}, "'n_books' parameter"),
        ({"n_links": 1.5}, "'n_links' parameter"),
        ({"noise": 1.5}, "'noise' parameter"),
        ({"mean_links_per_book": 0.5}, "'mean_links_per_book' parameter"),
        ({"topic_concentration": 0}, "'topic_concentration' parameter"),
        ({"dominant_weight": -0.1}, "'dominant_weight' parameter"),
        ({"random_state": "seed"}, "'random_state' parameter"),
        ({"n_links": 3, "n_topics": 4}, "n_topics=4 exceeds n_links=3"),
    ],
)
def test_make_book_links_parameter_errors(kwargs, match):
    with pytest.raises(ValueError, match=match):
        make_book_links(**kwargs)
