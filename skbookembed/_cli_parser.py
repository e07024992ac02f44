"""The ``skbookembed`` command line's parser: its subcommands, options and help.

Private: :mod:`skbookembed.cli` runs what it parses. The options of ``fit`` come from
:data:`FIT_OPTIONS`, one row per estimator parameter, with defaults read from the
estimator.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

__all__ = [
    "FIT_OPTIONS",
    "NOT_FIT_OPTIONS",
    "FitOption",
    "build_parser",
    "estimator_defaults",
    "model_options",
]


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
    FitOption(
        "n_positive",
        "true (book, link) pairs per batch ('auto': suited to the data's size)",
        _int_or_auto,
        metavar="N",
    ),
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
    FitOption(
        "optimizer",
        "optimizer of both tables",
        str,
        ("rowwise_adam", "lazy_adam", "adam", "adagrad"),
    ),
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


def estimator_defaults() -> dict[str, Any]:
    """The estimator's defaults, with the fields of its parameter objects as ``obj__field``."""
    from . import PairEmbeddingRecommender
    from ._params import resolve_loss, resolve_sampling

    params = PairEmbeddingRecommender().get_params(deep=False)
    for name, resolve in (("sampling", resolve_sampling), ("loss", resolve_loss)):
        for field, value in resolve(params[name]).get_params().items():
            params[f"{name}__{field}"] = value
    return params


def model_options(args: argparse.Namespace) -> dict[str, Any]:
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
    defaults = estimator_defaults()
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


def _non_negative_float(text: str) -> float:
    value = float(text)
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"must be a finite number, 0 or more, got {text}")
    return value


_non_negative_float.__name__ = "number"  # argparse's message: "invalid number value: 'x'"


def _positive_int(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    """The parser of the command line; ``args.command`` names the subcommand given."""
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

    _add_demo(command)
    _add_fit(command)
    _add_similar(command)
    _add_plot(command)
    _add_export(command)
    return parser


def _add_demo(command: Callable[..., argparse.ArgumentParser]) -> None:
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


def _add_fit(command: Callable[..., argparse.ArgumentParser]) -> None:
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
        help="train with the notebook's settings (model options given still apply)",
    )
    fit.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    _add_fit_options(fit)


def _add_similar(command: Callable[..., argparse.ArgumentParser]) -> None:
    similar = command(
        "similar",
        "most (or least) similar books or links",
        (
            "skbookembed similar model.npz Dune",
            "skbookembed similar model.npz The Fellowship of the Ring -n 5 --smooth 1",
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
    similar.add_argument(
        "--smooth",
        type=_non_negative_float,
        metavar="S",
        help="first move each book towards the books that share its links, by strength S "
        "(0.5-1: neighbours share a genre more often, an author less; see 'Choosing "
        "settings' in the user guide)",
    )


def _add_plot(command: Callable[..., argparse.ArgumentParser]) -> None:
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


def _add_export(command: Callable[..., argparse.ArgumentParser]) -> None:
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
