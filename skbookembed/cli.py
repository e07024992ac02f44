"""The ``skbookembed`` command line; it uses the public API only.

Subcommands: ``demo`` (fit on the shipped sample and show recommendations), ``fit``,
``similar``, ``plot`` and ``export``. Run ``skbookembed SUBCOMMAND --help`` for options.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

__all__ = ["main"]

DEMO_BOOKS = (
    "Dune",
    "The Fellowship of the Ring",
    "War and Peace",
    "Pride and Prejudice",
    "Nineteen Eighty-Four",
)
DEMO_LINKS = ("science fiction",)


class CommandError(Exception):
    """An error to report to the user as ``error: ...`` with exit status 1."""


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Parameters
    ----------
    argv : sequence of str, optional
        Arguments without the program name; ``sys.argv[1:]`` by default.

    Returns
    -------
    int
        0 on success, 1 on an error such as a missing file or an unknown key, 2 on bad
        options.

    Examples
    --------
    >>> from skbookembed.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    skbookembed ...
    0
    """
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or bad options
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        args.func(args)
    except (CommandError, KeyError, FileNotFoundError, ValueError, ImportError) as exc:
        # KeyError's str() adds quotes around its message; print the message itself.
        message = exc.args[0] if isinstance(exc, KeyError) and exc.args else exc
        print(f"error: {message}", file=sys.stderr)
        return 1
    return 0


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="skbookembed",
        description="Book and wikilink embeddings: fit, query, plot and export.",
    )
    parser.add_argument("--version", action="version", version=f"skbookembed {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    demo = sub.add_parser("demo", help="fit on the shipped sample and print recommendations")
    demo.add_argument("--epochs", type=int, default=None, help="training epochs")
    demo.add_argument("--random-state", type=int, default=0)
    demo.add_argument("-n", "--topn", type=int, default=5, help="neighbours per book")
    demo.add_argument("--book", action="append", dest="books", help="books to query")
    demo.add_argument("-o", "--output", type=Path, help="also save the fitted model here")
    demo.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    demo.set_defaults(func=_cmd_demo)

    fit = sub.add_parser("fit", help="fit a model on a data file and save it")
    fit.add_argument("data", type=Path, help="Wikipedia books .ndjson[.gz], or a .npz matrix")
    fit.add_argument("-o", "--output", type=Path, required=True, help="model file (.npz)")
    fit.add_argument("--book-names", type=Path, help="for a .npz matrix: one name a line")
    fit.add_argument("--link-names", type=Path, help="for a .npz matrix: one name a line")
    fit.add_argument("--min-count", type=int, default=4, help="keep links used this often")
    fit.add_argument(
        "--count",
        choices=("occurrences", "books", "books_raw"),
        default="occurrences",
        help="how links are counted for --min-count",
    )
    fit.add_argument("--skip-bad-lines", action="store_true", help="skip malformed lines")
    fit.add_argument(
        "--original-recipe",
        action="store_true",
        help="train exactly as the original notebook (other options override it)",
    )
    fit.add_argument("--embedding-dim", type=int)
    fit.add_argument("--epochs", type=int)
    fit.add_argument("--n-positive", type=int)
    fit.add_argument("--negative-ratio", type=float)
    fit.add_argument("--loss", choices=("mse", "binary_crossentropy"))
    fit.add_argument("--negative-target", type=float, help="regression target of negatives")
    fit.add_argument("--optimizer", choices=("lazy_adam", "adam", "adagrad"))
    fit.add_argument("--learning-rate", type=float)
    fit.add_argument("--engine", choices=("fused", "keras"))
    fit.add_argument("--random-state", type=int)
    fit.add_argument("-q", "--quiet", action="store_true", help="no progress bar")
    fit.set_defaults(func=_cmd_fit)

    similar = sub.add_parser("similar", help="most (or least) similar books or links")
    similar.add_argument("model", type=Path)
    similar.add_argument("key", nargs="+", help="book title (or link with --links)")
    similar.add_argument("-n", "--topn", type=int, default=10)
    similar.add_argument("--links", action="store_true", help="query links, not books")
    similar.add_argument("--least", action="store_true", help="least similar instead")
    similar.set_defaults(func=_cmd_similar)

    plot = sub.add_parser(
        "plot",
        help="write a map (PNG, or an interactive HTML page) or a closest/furthest bar chart",
        description="Write a 2-D map of the books (or links), coloured by genre when the model "
        "knows the genres, or the bar chart of the items closest to and furthest from one "
        "item. An output ending in .html is an interactive map page (needs bokeh: "
        'pip install "skbookembed[interactive]").',
        epilog="examples:\n"
        "  skbookembed plot books.npz map -o map.png\n"
        "  skbookembed plot books.npz map -o map.html --highlight Dune\n"
        "  skbookembed plot books.npz similar War and Peace -o war_and_peace.png",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    plot.add_argument("model", type=Path, help="model file (.npz) written by 'fit' or 'demo'")
    plot.add_argument(
        "kind", choices=("map", "similar"), help="'map' of all items, or 'similar' bar chart"
    )
    plot.add_argument(
        "key", nargs="*", help="for 'similar': the book (or link); quotes are optional"
    )
    plot.add_argument(
        "-o",
        "--output",
        type=Path,
        required=True,
        help="file to write; the extension picks the format: .png, .svg, .pdf, or .html for "
        "an interactive map page (required)",
    )
    plot.add_argument(
        "--links", action="store_true", help="plot links, not books (default: books)"
    )
    plot.add_argument(
        "-n",
        "--topn",
        type=int,
        default=10,
        help="for 'similar': closest and furthest items shown (default: %(default)s)",
    )
    plot.add_argument(
        "--method",
        choices=("umap", "tsne"),
        default="umap",
        help="projection of the map (default: %(default)s)",
    )
    plot.add_argument(
        "--highlight",
        action="append",
        default=None,
        metavar="KEY",
        help="for 'map': an item to circle and name; repeat for more (default: the most "
        "central book of each of the top genres)",
    )
    plot.add_argument(
        "--labels-from",
        type=Path,
        metavar="DATA",
        help="for 'map': books .ndjson[.gz] whose infoboxes colour the map (default: the "
        "labels kept in the model, if any)",
    )
    plot.add_argument(
        "--label-field",
        default="genre",
        help="for 'map': infobox field to colour by (default: %(default)s)",
    )
    plot.add_argument(
        "--random-state",
        type=int,
        default=0,
        help="seed of the map's projection (default: %(default)s)",
    )
    plot.add_argument(
        "--no-cache",
        action="store_true",
        help="for 'map': project again instead of reusing the projection kept beside the "
        "model in MODEL.map.npz (default: reuse it when the vectors and settings match)",
    )
    plot.add_argument(
        "--dpi", type=int, default=100, help="resolution of PNG output (default: %(default)s)"
    )
    plot.add_argument(
        "-q", "--quiet", action="store_true", help="print only the file written (default: off)"
    )
    plot.set_defaults(func=_cmd_plot)

    export = sub.add_parser("export", help="TensorBoard projector or word2vec files")
    export.add_argument("model", type=Path)
    export.add_argument("directory", type=Path)
    export.add_argument("--format", choices=("projector", "word2vec"), default="projector")
    export.add_argument("--links", action="store_true", help="links, not books")
    export.add_argument("--binary", action="store_true", help="word2vec binary format")
    export.add_argument("--normalize", action="store_true", help="unit-length vectors")
    export.set_defaults(func=_cmd_export)
    return parser


# ---------------------------------------------------------------------- helpers


def _load_model(path: Path) -> Any:
    from . import load

    if not path.exists():
        raise CommandError(f"model file '{path}' does not exist; create one with 'fit'.")
    return load(path)


def _print_neighbours(title: str, pairs: Sequence[tuple[Any, float]]) -> None:
    print(title)
    for rank, (key, score) in enumerate(pairs, start=1):
        print(f"  {rank:2d}. {score:+.3f}  {key}")


def _read_lines(path: Path) -> list[str]:
    if not path.exists():
        raise CommandError(f"names file '{path}' does not exist.")
    return path.read_text(encoding="utf-8").splitlines()


# ---------------------------------------------------------------------- commands


def _cmd_demo(args: argparse.Namespace) -> None:
    from . import PairEmbeddingRecommender
    from .datasets import load_sample_books
    from .preprocessing import WikilinkVectorizer

    books = load_sample_books()
    vectorizer = WikilinkVectorizer(min_count=2)
    X = vectorizer.fit_transform(books.wikilinks)
    print(
        f"Sample: {X.shape[0]} books, {X.shape[1]} links used at least twice, "
        f"{X.nnz} (book, link) pairs."
    )
    params: dict[str, Any] = {"random_state": args.random_state, "verbose": 0 if args.quiet else 2}
    if args.epochs is not None:
        params["epochs"] = args.epochs
    model = PairEmbeddingRecommender(**params)
    start = time.perf_counter()
    model.fit(X, book_names=books.titles, link_names=vectorizer.get_feature_names_out())
    print(f"Fitted in {time.perf_counter() - start:.1f} s.\n")
    for book in args.books or DEMO_BOOKS:
        if book in model.books_:
            _print_neighbours(f"Books like {book!r}:", model.most_similar(book, topn=args.topn))
    for link in DEMO_LINKS:
        if link in model.links_:
            pairs = model.links_.most_similar(link, topn=args.topn)
            _print_neighbours(f"Links like {link!r}:", pairs)
    if args.output is not None:
        model.save(args.output)
        print(f"Saved the model to {args.output}.")


def _cmd_fit(args: argparse.Namespace) -> None:
    from . import PairEmbeddingRecommender

    if not args.data.exists():
        raise CommandError(f"data file '{args.data}' does not exist.")
    if args.data.suffix == ".npz":
        import scipy.sparse as sp

        try:
            X = sp.load_npz(args.data)
        except Exception as exc:  # noqa: BLE001 - numpy/scipy raise many kinds here
            raise CommandError(
                f"'{args.data}' is not a scipy sparse .npz matrix ({exc})."
            ) from exc
        book_names = _read_lines(args.book_names) if args.book_names else None
        link_names = _read_lines(args.link_names) if args.link_names else None
    else:
        from .datasets import load_wikipedia_books
        from .preprocessing import WikilinkVectorizer

        books = load_wikipedia_books(
            args.data, on_bad_lines="skip" if args.skip_bad_lines else "error"
        )
        # The original kept one pair per link occurrence: counts, repeated in training.
        vectorizer = WikilinkVectorizer(
            min_count=args.min_count, count=args.count, binary=not args.original_recipe
        )
        X = vectorizer.fit_transform(books.wikilinks)
        book_names, link_names = books.titles, list(vectorizer.get_feature_names_out())
        if len(set(book_names)) != len(book_names):
            raise CommandError(f"'{args.data}' has repeated titles; de-duplicate them first.")
    print(f"Data: {X.shape[0]} books x {X.shape[1]} links, {X.nnz} pairs.")
    options = {
        "embedding_dim": args.embedding_dim,
        "epochs": args.epochs,
        "n_positive": args.n_positive,
        "negative_ratio": args.negative_ratio,
        "loss": args.loss,
        "negative_target": args.negative_target,
        "optimizer": args.optimizer,
        "learning_rate": args.learning_rate,
        "engine": args.engine,
        "random_state": args.random_state,
    }
    options = {k: v for k, v in options.items() if v is not None}
    options["verbose"] = 0 if args.quiet else 1
    if args.original_recipe:
        model = PairEmbeddingRecommender.original_recipe(**options)
    else:
        model = PairEmbeddingRecommender(**options)
    start = time.perf_counter()
    model.fit(X, book_names=book_names, link_names=link_names)
    model.save(args.output)
    loss = model.history_["loss"][-1]
    print(f"Fitted in {time.perf_counter() - start:.1f} s (final loss {loss:.4f}).")
    print(f"Saved the model to {args.output}.")


def _cmd_similar(args: argparse.Namespace) -> None:
    model = _load_model(args.model)
    keyed = model.links_ if args.links else model.books_
    key = " ".join(args.key)
    pairs = keyed.most_similar(key, topn=args.topn, least=args.least)
    what = "links" if args.links else "books"
    order = "least" if args.least else "most"
    resolved = keyed.index_to_key[keyed.get_index(key)]
    _print_neighbours(f"The {args.topn} {what} {order} similar to {resolved!r}:", pairs)


def _cmd_plot(args: argparse.Namespace) -> None:
    from . import plotting

    model = _load_model(args.model)
    which = "links" if args.links else "books"
    key = " ".join(args.key) if args.key else None
    if args.kind == "similar":
        if key is None:
            raise CommandError("'plot similar' needs a KEY: the book (or link) to chart.")
        plotting.plot_similar(model, key, n=args.topn, which=which, path=args.output,
                              dpi=args.dpi)  # fmt: skip
    else:
        if key is not None:
            raise CommandError(
                f"'plot map' takes no KEY (got {key!r}); to name books on the map, use "
                "--highlight KEY."
            )
        labels = authors = None
        if args.labels_from is not None:
            labels, authors = _labels_from(model, which, args.labels_from, args.label_field)
        elif args.label_field != "genre":
            table = getattr(model, f"{which[:-1]}_labels_", None) or {}
            if table.get(args.label_field) is None:
                known = ", ".join(sorted(table)) or "none"
                raise CommandError(
                    f"the model keeps no {args.label_field!r} labels (it keeps: {known}); "
                    "give the data with --labels-from DATA."
                )
            labels = table[args.label_field]
        interactive = args.output.suffix.lower() in (".html", ".htm")
        cache = None if args.no_cache else args.model.with_suffix(".map.npz")
        plotting.plot_map(
            model,
            which=which,
            method=args.method,
            labels=labels,
            authors=authors,
            legend_title=args.label_field if labels is not None else None,
            highlight="auto" if args.highlight is None else args.highlight,
            random_state=args.random_state,
            path=args.output,
            dpi=args.dpi,
            interactive=interactive,
            cache=cache,
            verbose=0 if args.quiet else 1,
        )
    print(f"Wrote {args.output}.")


def _labels_from(model: Any, which: str, path: Path, field: str) -> tuple[dict, dict]:
    """``{title: label}`` and ``{title: author}`` from the infoboxes of a data file."""
    from .datasets import infobox_labels, load_wikipedia_books

    if which != "books":
        raise CommandError("--labels-from colours books; it cannot be used with --links.")
    if not path.exists():
        raise CommandError(f"data file '{path}' does not exist.")
    books = load_wikipedia_books(path, on_bad_lines="skip")
    labels = infobox_labels(books.infobox, field)
    authors = {  # as written, for the page's tooltips
        title: str(info["author"]).strip()
        for title, info in zip(books.titles, books.infobox, strict=True)
        if isinstance(info, dict) and info.get("author")
    }
    return dict(zip(books.titles, labels.tolist(), strict=True)), authors


def _cmd_export(args: argparse.Namespace) -> None:
    from . import export

    model = _load_model(args.model)
    paths = export.export(
        model,
        args.directory,
        format=args.format,
        which="links" if args.links else "books",
        normalize=args.normalize,
        binary=args.binary,
    )
    for path in paths:
        print(f"Wrote {path}.")
