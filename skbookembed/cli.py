"""The ``skbookembed`` command line; it uses the public API only.

Subcommands: ``demo`` (fit on the shipped sample and show recommendations), ``fit``,
``similar``, ``plot`` and ``export``. Run ``skbookembed SUBCOMMAND --help`` for options.

Every failure the user can fix is reported as one ``error: ...`` line on standard error
with exit status 1; bad options exit with 2 (argparse). An exception nobody expected is
reported the same way, with a request to report it (``--traceback`` shows where it came
from).
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import warnings
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ._cli_errors import (
    CommandError,
    check_input_file,
    check_output_file,
    check_output_folder,
    cli_words,
    looks_like_npz,
    message,
)
from ._cli_parser import build_parser, model_options

__all__ = ["main"]

DEMO_BOOKS = (
    "Dune",
    "The Fellowship of the Ring",
    "War and Peace",
    "Pride and Prejudice",
    "Nineteen Eighty-Four",
)
DEMO_LINKS = ("science fiction",)
#: Infobox fields whose labels ``fit`` keeps in the model file (``book_labels_``).
LABEL_FIELDS = ("genre", "author")


# ---------------------------------------------------------------------- running


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
        options, 130 when interrupted.

    Examples
    --------
    >>> from skbookembed.cli import main
    >>> main(["--version"])  # doctest: +ELLIPSIS
    skbookembed ...
    0
    """
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help, --version, or bad options
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help()
        return 2
    try:
        _command(args.command)(args)
    except KeyboardInterrupt:
        print("error: interrupted; nothing was saved.", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.traceback:
            import traceback

            traceback.print_exc()
        print(f"error: {message(exc)}", file=sys.stderr)
        return 1
    return 0


# ---------------------------------------------------------------------- helpers


def _load_model(path: Path) -> Any:
    from . import load

    check_input_file(path, "model file")
    if not looks_like_npz(path):
        raise CommandError(
            f"'{path}' is not a skbookembed model file (not an .npz archive); "
            "write one with 'skbookembed fit'."
        )
    try:
        model = load(path)
    except (ValueError, KeyError, TypeError, AttributeError, IndexError, OverflowError) as exc:
        # Whatever a damaged or foreign file makes the reader trip over.
        text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
        if "skbookembed model file" in text:
            raise CommandError(text) from exc
        raise CommandError(
            f"'{path}' is not a skbookembed model file, or it is damaged ({text})."
        ) from exc
    for attr in ("book_names_", "link_names_"):
        names = getattr(model, attr, None)
        if names is not None and not all(isinstance(n, str) for n in names):
            setattr(model, attr, [str(n) for n in names])  # the command line's keys are str
    return model


def _print_neighbours(title: str, pairs: Sequence[tuple[Any, float]]) -> None:
    print(title)
    for rank, (key, score) in enumerate(pairs, start=1):
        print(f"  {rank:2d}. {score:+.3f}  {key}")


def _read_lines(path: Path, option: str) -> list[str]:
    check_input_file(path, f"{option} file")
    try:
        return path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as exc:
        raise CommandError(f"{option} file '{path}' is not UTF-8 text ({exc}).") from exc


def _resolve_key(keyed: Any, words: Sequence[str]) -> tuple[str | int, Any]:
    """The key to query (a name, or a row number) and how to show it."""
    key = " ".join(words).strip()
    is_row = re.fullmatch(r"\d+", key) is not None
    if keyed.index_to_key and isinstance(keyed.index_to_key[0], str):
        index = keyed.get_index(key, default=None)
        if index is None and is_row:
            index = keyed.get_index(int(key))  # a row number; raises if out of range
        elif index is None:
            keyed.get_index(key)  # raises the KeyError with suggestions
        return index, keyed.index_to_key[index]
    if not is_row:
        raise CommandError(
            f"this model has no names: give a row number 0..{len(keyed) - 1}, not {key!r}."
        )
    index = keyed.get_index(int(key))
    return index, index


def _load_books(path: Path, skip_bad_lines: bool) -> Any:
    """Wikipedia books from ``path``, with the loader's warnings as one clean line each."""
    from .datasets import load_wikipedia_books

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            books = load_wikipedia_books(path, on_bad_lines="skip" if skip_bad_lines else "error")
        except RecursionError as exc:
            raise CommandError(
                f"'{path}' has a line nested too deeply to read; fix or remove it."
            ) from exc
        except OverflowError as exc:
            raise CommandError(
                f"'{path}' has a number too large for a 64-bit integer ({exc}); fix or remove "
                "that line."
            ) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"'{path}' is not UTF-8 text ({exc}).") from exc
    for warning in caught:
        print(f"warning: {cli_words(str(warning.message))}", file=sys.stderr)
    return books


def _book_labels(books: Any) -> dict[str, Any]:
    """The genre and author labels of the books, for the model file (empty: none)."""
    from .datasets import infobox_labels

    labels = {}
    for field in LABEL_FIELDS:
        values = infobox_labels(books.infobox, field)
        if any(value is not None for value in values):
            labels[field] = values
    return labels


# ---------------------------------------------------------------------- commands


def _cmd_demo(args: argparse.Namespace) -> None:
    from . import PairEmbeddingRecommender
    from .datasets import load_sample_books
    from .preprocessing import WikilinkVectorizer

    if args.output is not None:
        check_output_file(args.output, "-o/--output", "model.npz")
    books = load_sample_books()
    vectorizer = WikilinkVectorizer(min_count=2)
    X = vectorizer.fit_transform(books.wikilinks)
    print(
        f"Sample: {X.shape[0]} books, {X.shape[1]} links used at least twice, "
        f"{X.nnz} (book, link) pairs."
    )
    params: dict[str, Any] = {"random_state": args.random_state, "verbose": 0 if args.quiet else 1}
    if args.epochs is not None:
        params["epochs"] = args.epochs
    model = PairEmbeddingRecommender(**params)
    start = time.perf_counter()
    model.fit(X, book_names=books.titles, link_names=vectorizer.get_feature_names_out())
    print(f"Fitted in {time.perf_counter() - start:.1f} s.\n")
    for book in args.books or DEMO_BOOKS:
        if book in model.books_:
            _print_neighbours(f"Books like {book!r}:", model.most_similar(book, topn=args.topn))
        elif args.books:
            print(f"{book!r} is not in the sample.")
    for link in DEMO_LINKS:
        if link in model.links_:
            pairs = model.links_.most_similar(link, topn=args.topn)
            _print_neighbours(f"Links like {link!r}:", pairs)
    if args.output is not None:
        model.book_labels_ = _book_labels(books)
        model.book_links_ = X
        model.save(args.output)
        print(f"Saved the model to {args.output}.")


def _read_npz_matrix(args: argparse.Namespace) -> tuple[Any, Any, Any]:
    import scipy.sparse as sp

    try:
        X = sp.load_npz(args.data)
    except (ValueError, OSError, KeyError, EOFError) as exc:
        raise CommandError(f"'{args.data}' is not a scipy sparse .npz matrix ({exc}).") from exc
    book_names = _read_lines(args.book_names, "--book-names") if args.book_names else None
    link_names = _read_lines(args.link_names, "--link-names") if args.link_names else None
    print(f"Data: {X.shape[0]} books x {X.shape[1]} links, {X.nnz} pairs.")
    return X, book_names, link_names


def _read_books_matrix(args: argparse.Namespace) -> tuple[Any, Any, Any, dict[str, Any]]:
    from .preprocessing import WikilinkVectorizer

    books = _load_books(args.data, args.skip_bad_lines)
    dropped = []
    if books.n_wikipedia_pages:
        dropped.append(f"{books.n_wikipedia_pages} 'Wikipedia:' project page(s), not books")
    if books.n_skipped:
        dropped.append(f"{books.n_skipped} malformed line(s) (--skip-bad-lines)")
    if not books.titles:
        why = f" ({'; '.join(dropped)} dropped)" if dropped else ""
        raise CommandError(f"'{args.data}' has no books{why}; nothing to fit.")
    if len(set(books.titles)) != len(books.titles):
        raise CommandError(f"'{args.data}' has repeated titles; de-duplicate them first.")
    n_read = len(books.titles) + books.n_wikipedia_pages + books.n_skipped
    print(f"Data: {n_read} rows read from '{args.data}'.")
    if dropped:
        print(f"  dropped {' and '.join(dropped)}")
    # The original recipe trains on one pair per link occurrence: counts, repeated.
    vectorizer = WikilinkVectorizer(
        min_count=args.min_count, count=args.count, binary=not args.original_recipe
    )
    X = vectorizer.fit_transform(books.wikilinks)
    below = getattr(vectorizer, "n_below_min_count_", 0)
    print(
        f"  kept {X.shape[0]} books x {X.shape[1]} links ({below} link(s) used fewer than "
        f"{vectorizer.min_count_} times left out), {X.nnz} pairs."
    )
    return X, books.titles, list(vectorizer.get_feature_names_out()), _book_labels(books)


def _cmd_fit(args: argparse.Namespace) -> None:
    from . import PairEmbeddingRecommender

    check_input_file(args.data, "data file")
    check_output_file(args.output, "-o/--output", "model.npz")
    for option, path in (("--book-names", args.book_names), ("--link-names", args.link_names)):
        if path is not None:
            check_input_file(path, f"{option} file")
    labels: dict[str, Any] = {}
    if args.data.suffix == ".npz" or looks_like_npz(args.data):
        X, book_names, link_names = _read_npz_matrix(args)
    else:
        X, book_names, link_names, labels = _read_books_matrix(args)
    options = model_options(args)
    options["verbose"] = 0 if args.quiet else 1
    if args.original_recipe:
        model = PairEmbeddingRecommender.original_recipe(**options)
    else:
        model = PairEmbeddingRecommender(**options)
    start = time.perf_counter()
    model.fit(X, book_names=book_names, link_names=link_names)
    if labels:
        model.book_labels_ = labels
    model.book_links_ = X  # for 'similar --smooth'
    model.save(args.output)
    loss = model.history_["loss"][-1]
    print(f"Fitted in {time.perf_counter() - start:.1f} s (final loss {loss:.4f}).")
    kept = f" with the books' {' and '.join(labels)} labels" if labels else ""
    print(f"Saved the model to {args.output}{kept}.")


def _cmd_similar(args: argparse.Namespace) -> None:
    model = _load_model(args.model)
    table = "links" if args.links else "books"
    keyed = getattr(model, f"{table}_")
    if args.smooth is not None:
        keyed = _smoothed_books(args, model)
    index, shown = _resolve_key(keyed, args.key)
    pairs = keyed.most_similar(index, topn=args.topn, least=args.least) if args.topn else []
    order = "least" if args.least else "most"
    smoothed = "" if args.smooth is None else f" (smoothed, strength {args.smooth:g})"
    _print_neighbours(f"The {args.topn} {table} {order} similar to {shown!r}{smoothed}:", pairs)


def _smoothed_books(args: argparse.Namespace, model: Any) -> Any:
    """The model's books smoothed over the link rows its file keeps (``--smooth``)."""
    if args.links:
        raise CommandError("--smooth moves book vectors; it cannot be used with --links.")
    rows = getattr(model, "book_links_", None)
    if rows is None:
        raise CommandError(
            f"'{args.model}' keeps no link rows to smooth over (skbookembed 0.1 did not "
            "keep them, and PairEmbeddingRecommender.save keeps them only when book_links_ "
            "is set); fit it again with 'skbookembed fit', which keeps them."
        )
    return model.books_.smoothed(rows, args.smooth)


def _cmd_plot(args: argparse.Namespace) -> None:
    from . import plotting

    check_output_file(args.output, "-o/--output", "map.png")
    model = _load_model(args.model)
    embeddings = model.links_ if args.links else model  # a model means its books and labels
    if args.kind == "similar":
        if not args.key:
            raise CommandError("'plot similar' needs a KEY: the book (or link) to chart.")
        key, _ = _resolve_key(model.links_ if args.links else model.books_, args.key)
        plotting.plot_similar(embeddings, key, n=args.topn, path=args.output, dpi=args.dpi)
    else:
        if args.key:
            raise CommandError(
                f"'plot map' takes no KEY (got {' '.join(args.key)!r}); to name books on the "
                "map, use --highlight KEY."
            )
        labels, authors = _map_labels(args, model)
        plotting.plot_map(
            embeddings,
            method=args.method,
            labels=labels,
            authors=authors,
            legend_title=args.label_field if labels is not None else None,
            highlight="auto" if args.highlight is None else args.highlight,
            random_state=args.random_state,
            path=args.output,
            dpi=args.dpi,
            interactive=args.output.suffix.lower() in (".html", ".htm"),
            cache=None if args.no_cache else args.model.with_suffix(".map.npz"),
            verbose=0 if args.quiet else 1,
        )
    print(f"Wrote {args.output}.")


def _map_labels(args: argparse.Namespace, model: Any) -> tuple[Any, Any]:
    """The labels (and authors) that colour the map; None: the model's own, if any."""
    if args.labels_from is not None:
        return _labels_from(args.links, args.labels_from, args.label_field)
    if args.label_field == "genre":
        return None, None
    kept = {} if args.links else getattr(model, "book_labels_", None) or {}
    if kept.get(args.label_field) is None:
        known = ", ".join(sorted(kept)) or "none"
        raise CommandError(
            f"the model keeps no {args.label_field!r} labels (it keeps: {known}); "
            "give the data with --labels-from DATA."
        )
    return kept[args.label_field], None


def _labels_from(links: bool, path: Path, field: str) -> tuple[dict, dict]:
    """``{title: label}`` and ``{title: author}`` from the infoboxes of a data file."""
    from .datasets import infobox_labels

    if links:
        raise CommandError("--labels-from colours books; it cannot be used with --links.")
    check_input_file(path, "--labels-from file")
    books = _load_books(path, skip_bad_lines=True)
    labels = infobox_labels(books.infobox, field)
    authors = {  # as written, for the page's tooltips
        title: str(info["author"]).strip()
        for title, info in zip(books.titles, books.infobox, strict=True)
        if isinstance(info, dict) and info.get("author")
    }
    return dict(zip(books.titles, labels.tolist(), strict=True)), authors


def _cmd_export(args: argparse.Namespace) -> None:
    from . import export

    check_output_folder(args.directory, "output folder")
    model = _load_model(args.model)
    table = "links" if args.links else "books"
    paths = export.export(
        model.links_ if args.links else model,
        args.directory,
        format=args.format,
        name=table,
        normalize=args.normalize,
        binary=args.binary,
    )
    for path in paths:
        print(f"Wrote {path}.")


def _command(name: str) -> Callable[[argparse.Namespace], None]:
    """The function that runs the subcommand ``name``."""
    commands = {
        "demo": _cmd_demo,
        "fit": _cmd_fit,
        "similar": _cmd_similar,
        "plot": _cmd_plot,
        "export": _cmd_export,
    }
    return commands[name]
