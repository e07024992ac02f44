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
from dataclasses import dataclass
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


# ---------------------------------------------------------------------- fit options


def _int_or_auto(text: str) -> int | str:
    return "auto" if text == "auto" else int(text)


@dataclass(frozen=True)
class FitOption:
    """One estimator parameter that ``skbookembed fit`` sets from an option."""

    param: str
    help: str
    type: Callable[[str], Any] | None = None  # None: a --flag/--no-flag boolean
    choices: tuple[str, ...] | None = None
    metavar: str | None = None
    flag_name: str | None = None  # for a field of a parameter object, e.g. sampling__block

    @property
    def flag(self) -> str:
        return "--" + (self.flag_name or self.param.replace("_", "-"))

    @property
    def dest(self) -> str:
        return self.flag[2:].replace("-", "_")


#: The estimator parameters ``fit`` exposes. Defaults are read from the estimator, so a row
#: needs only the parameter's name, its type and a line of help. A row whose parameter the
#: estimator does not have is left out of the parser (and flagged by the tests).
FIT_OPTIONS: tuple[FitOption, ...] = (
    FitOption("embedding_dim", "length of each book and link vector", int, metavar="N"),
    FitOption(
        "epochs",
        "passes over the true pairs ('auto': suited to the data's size)",
        _int_or_auto,
        metavar="N",
    ),
    FitOption("n_positive", "true (book, link) pairs per batch", int, metavar="N"),
    FitOption("negative_ratio", "random pairs sampled per true pair", float, metavar="R"),
    FitOption(
        "loss",
        "'mse': regression of the cosine; 'binary_crossentropy': a sigmoid head; "
        "'original': the notebook's regression (targets +1/-1)",
        str,
        ("mse", "binary_crossentropy", "original"),
    ),
    FitOption(
        "loss__negative_target",
        "target cosine of sampled pairs, in [-1, 1)",
        float,
        metavar="T",
        flag_name="negative-target",
    ),
    FitOption("optimizer", "optimizer of both tables", str, ("lazy_adam", "adam", "adagrad")),
    FitOption("learning_rate", "step size of the optimizer", float, metavar="LR"),
    FitOption(
        "sampling",
        "how pairs are drawn: 'auto', or 'original' (the notebook's)",
        str,
        ("auto", "original"),
    ),
    FitOption(
        "sampling__exponent",
        "negatives drawn in proportion to their pair counts to this power (0: uniformly)",
        float,
        metavar="A",
        flag_name="negative-exponent",
    ),
    FitOption(
        "sampling__block",
        "negatives in blocks of N books x N links (1: one by one)",
        _int_or_auto,
        metavar="N",
        flag_name="block",
    ),
    FitOption(
        "sampling__positives",
        "every true pair once per epoch, or batches drawn at random",
        str,
        ("epoch", "random"),
        flag_name="positives",
    ),
    FitOption(
        "sampling__repeat_counts",
        "repeat each pair as often as its count",
        flag_name="repeat-counts",
    ),
    FitOption("random_state", "seed; the same seed gives the same model", int, metavar="SEED"),
)
#: Estimator parameters deliberately without a ``fit`` option.
NOT_FIT_OPTIONS = {
    "strategy": "a tf.distribute strategy is set up in Python, not from a shell",
    "verbose": "set by --quiet",
    "warm_start": "the command always fits a new model",
}


def _estimator_defaults() -> dict[str, Any]:
    """The estimator's defaults, with the fields of its parameter objects as ``obj__field``."""
    from . import PairEmbeddingRecommender
    from ._params import resolve_loss, resolve_sampling

    params = PairEmbeddingRecommender().get_params(deep=False)
    for name, resolve in (("sampling", resolve_sampling), ("loss", resolve_loss)):
        for field, value in resolve(params[name]).get_params().items():
            params[f"{name}__{field}"] = value
    return params


def _model_options(args: argparse.Namespace) -> dict[str, Any]:
    """Estimator parameters from the ``fit`` options given (fields set on the presets)."""
    from ._params import resolve_loss, resolve_sampling

    given = {o.param: getattr(args, o.dest) for o in FIT_OPTIONS}
    given = {k: v for k, v in given.items() if v is not None}
    options = {k: v for k, v in given.items() if "__" not in k}
    for name, resolve in (("sampling", resolve_sampling), ("loss", resolve_loss)):
        fields = {k.split("__")[1]: v for k, v in given.items() if k.startswith(f"{name}__")}
        if fields:
            preset = options.get(name, "original" if args.original_recipe else "auto")
            options[name] = resolve(preset).set_params(**fields)
    return options


def _add_fit_options(parser: argparse.ArgumentParser) -> list[FitOption]:
    defaults = _estimator_defaults()
    group = parser.add_argument_group("model options (default: the estimator's)")
    added = []
    for option in FIT_OPTIONS:
        if option.param not in defaults:
            continue
        default = defaults[option.param]
        text = f"{option.help} (default: {default})"
        if option.type is None:
            group.add_argument(
                option.flag,
                dest=option.dest,
                action=argparse.BooleanOptionalAction,
                default=None,
                help=text,
            )
        else:
            group.add_argument(
                option.flag,
                dest=option.dest,
                type=option.type,
                choices=option.choices,
                metavar=option.metavar,
                default=None,
                help=text,
            )
        added.append(option)
    return added


# ---------------------------------------------------------------------- parser


class _HelpFormatter(argparse.RawDescriptionHelpFormatter):
    """Shows each option's default (unless it is None or False); keeps examples as written."""

    def _get_help_string(self, action: argparse.Action) -> str:
        text = action.help or ""
        if (
            "%(default)" not in text
            and "(default:" not in text
            and action.default not in (None, False, argparse.SUPPRESS)
            and action.option_strings
        ):
            text += " (default: %(default)s)"
        return text


def _examples(*lines: str) -> str:
    return "examples:\n" + "\n".join(f"  {line}" for line in lines)


def _non_negative_int(text: str) -> int:
    value = int(text)
    if value < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {value}")
    return value


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = argparse.ArgumentParser(
        prog="skbookembed",
        description="Book and wikilink embeddings: fit, query, plot and export.",
        formatter_class=_HelpFormatter,
        epilog=_examples(
            "skbookembed demo",
            "skbookembed fit books.ndjson.gz -o model.npz",
            "skbookembed similar model.npz Dune",
        ),
    )
    parser.add_argument("--version", action="version", version=f"skbookembed {__version__}")
    parser.add_argument(
        "--traceback",
        action="store_true",
        help="on an error, show Python's traceback too (for bug reports)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help: str, examples: Sequence[str]) -> argparse.ArgumentParser:
        return sub.add_parser(
            name,
            help=help,
            description=help[0].upper() + help[1:] + ".",
            formatter_class=_HelpFormatter,
            epilog=_examples(*examples),
        )

    demo = command(
        "demo",
        "fit on the shipped sample and print recommendations",
        (
            "skbookembed demo",
            "skbookembed demo --book Dune --book Emma -n 3",
            "skbookembed demo --epochs 10 -o sample_model.npz",
        ),
    )
    demo.add_argument(
        "--epochs", type=_positive_int, metavar="N", help="training epochs (default: 30)"
    )
    demo.add_argument("--random-state", type=int, default=0, help="seed of the fit")
    demo.add_argument(
        "-n",
        "--topn",
        type=_non_negative_int,
        default=5,
        metavar="N",
        help="neighbours shown per book",
    )
    demo.add_argument("--book", action="append", dest="books", help="a book to query (repeatable)")
    demo.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="also save the fitted model here"
    )
    demo.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    demo.set_defaults(func=_cmd_demo)

    fit = command(
        "fit",
        "fit a model on a data file and save it",
        (
            "skbookembed fit books.ndjson.gz -o model.npz",
            "skbookembed fit books.ndjson -o model.npz --epochs 50 --skip-bad-lines",
            "skbookembed fit X.npz --book-names titles.txt -o model.npz --original-recipe",
        ),
    )
    fit.add_argument(
        "data",
        type=Path,
        help="Wikipedia books (.ndjson or .ndjson.gz), or a scipy sparse .npz matrix",
    )
    fit.add_argument(
        "-o", "--output", type=Path, required=True, metavar="FILE", help="model file to write"
    )
    fit.add_argument(
        "--book-names", type=Path, metavar="FILE", help="for a .npz matrix: one book name a line"
    )
    fit.add_argument(
        "--link-names", type=Path, metavar="FILE", help="for a .npz matrix: one link name a line"
    )
    fit.add_argument(
        "--min-count",
        type=_int_or_auto,
        default="auto",
        metavar="N",
        help="keep the links used at least this often; 'auto': 2 below 20,000 books, then "
        "one more per 10,000 books (4 for the notebook's 37,000)",
    )
    fit.add_argument(
        "--count",
        choices=("occurrences", "books", "books_raw"),
        default="occurrences",
        help="how links are counted for --min-count",
    )
    fit.add_argument(
        "--skip-bad-lines", action="store_true", help="leave malformed lines out (with a warning)"
    )
    fit.add_argument(
        "--original-recipe",
        action="store_true",
        help="train as the original notebook did (model options given still apply)",
    )
    fit.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    _add_fit_options(fit)
    fit.set_defaults(func=_cmd_fit)

    similar = command(
        "similar",
        "most (or least) similar books or links",
        (
            "skbookembed similar model.npz Dune",
            "skbookembed similar model.npz The Fellowship of the Ring -n 5",
            "skbookembed similar model.npz 'science fiction' --links --least",
        ),
    )
    similar.add_argument("model", type=Path, help="model file written by 'fit'")
    similar.add_argument(
        "key",
        nargs="+",
        help="book title (or link with --links), quoted or not; a row number also works",
    )
    similar.add_argument(
        "-n", "--topn", type=_non_negative_int, default=10, metavar="N", help="results"
    )
    similar.add_argument("--links", action="store_true", help="query links, not books")
    similar.add_argument("--least", action="store_true", help="least similar instead")
    similar.set_defaults(func=_cmd_similar)

    plot = command(
        "plot",
        "write a map (PNG, or an interactive HTML page) or a closest/furthest bar chart",
        (
            "skbookembed plot model.npz map -o map.png",
            "skbookembed plot model.npz map -o map.html --highlight Dune",
            "skbookembed plot model.npz similar War and Peace -o war.png",
        ),
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
        type=_positive_int,
        default=10,
        help="for 'similar': closest and furthest items shown",
    )
    plot.add_argument(
        "--method",
        choices=("umap", "tsne"),
        default="umap",
        help="projection of the map",
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
        help="for 'map': infobox field to colour by",
    )
    plot.add_argument(
        "--random-state",
        type=int,
        default=0,
        help="seed of the map's projection",
    )
    plot.add_argument(
        "--no-cache",
        action="store_true",
        help="for 'map': project again instead of reusing the projection kept beside the "
        "model in MODEL.map.npz (default: reuse it when the vectors and settings match)",
    )
    plot.add_argument("--dpi", type=_positive_int, default=100, help="resolution of PNG output")
    plot.add_argument(
        "-q", "--quiet", action="store_true", help="print only the file written (default: off)"
    )
    plot.set_defaults(func=_cmd_plot)

    export = command(
        "export",
        "TensorBoard projector or word2vec files",
        (
            "skbookembed export model.npz projector/",
            "skbookembed export model.npz vectors/ --format word2vec --binary",
            "skbookembed export model.npz links/ --links --normalize",
        ),
    )
    export.add_argument("model", type=Path, help="model file written by 'fit'")
    export.add_argument("directory", type=Path, help="folder to write into (created if needed)")
    export.add_argument(
        "--format",
        choices=("projector", "word2vec"),
        default="projector",
        help="TensorBoard projector files, or word2vec's format (gensim reads it)",
    )
    export.add_argument("--links", action="store_true", help="links, not books")
    export.add_argument("--binary", action="store_true", help="word2vec binary format")
    export.add_argument("--normalize", action="store_true", help="unit-length vectors")
    export.set_defaults(func=_cmd_export)
    return parser


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
    # The original kept one pair per link occurrence: counts, repeated in training.
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
    options = _model_options(args)
    options["verbose"] = 0 if args.quiet else 1
    if args.original_recipe:
        model = PairEmbeddingRecommender.original_recipe(**options)
    else:
        model = PairEmbeddingRecommender(**options)
    start = time.perf_counter()
    model.fit(X, book_names=book_names, link_names=link_names)
    if labels:
        model.book_labels_ = labels
    model.save(args.output)
    loss = model.history_["loss"][-1]
    print(f"Fitted in {time.perf_counter() - start:.1f} s (final loss {loss:.4f}).")
    kept = f" with the books' {' and '.join(labels)} labels" if labels else ""
    print(f"Saved the model to {args.output}{kept}.")


def _cmd_similar(args: argparse.Namespace) -> None:
    model = _load_model(args.model)
    keyed = model.links_ if args.links else model.books_
    index, shown = _resolve_key(keyed, args.key)
    pairs = keyed.most_similar(index, topn=args.topn, least=args.least) if args.topn else []
    what = "links" if args.links else "books"
    order = "least" if args.least else "most"
    _print_neighbours(f"The {args.topn} {what} {order} similar to {shown!r}:", pairs)


def _cmd_plot(args: argparse.Namespace) -> None:
    from . import plotting

    check_output_file(args.output, "-o/--output", "map.png")
    model = _load_model(args.model)
    which = "links" if args.links else "books"
    key = " ".join(args.key) if args.key else None
    if args.kind == "similar":
        if not args.key:
            raise CommandError("'plot similar' needs a KEY: the book (or link) to chart.")
        keyed = model.links_ if args.links else model.books_
        key, _ = _resolve_key(keyed, args.key)
        plotting.plot_similar(model, key, n=args.topn, which=which, path=args.output, dpi=args.dpi)
    else:
        if key is not None:
            raise CommandError(
                f"'plot map' takes no KEY (got {key!r}); to name books on the map, use "
                "--highlight KEY."
            )
        labels = authors = None
        if args.labels_from is not None:
            labels, authors = _labels_from(which, args.labels_from, args.label_field)
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


def _labels_from(which: str, path: Path, field: str) -> tuple[dict, dict]:
    """``{title: label}`` and ``{title: author}`` from the infoboxes of a data file."""
    from .datasets import infobox_labels

    if which != "books":
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
