"""Build the sample of Wikipedia-like book records shipped with skbookembed.

The entries live in ``tools/sample_books/`` (one module per group of authors,
written by hand from general knowledge). This script expands them, checks them
and writes ``skbookembed/datasets/data/sample_books.ndjson.gz``, one JSON array
per line, in the format of the Wikipedia book dump::

    [title, infobox, wikilinks, external_links, last_edit, n_characters]

The output is byte-for-byte reproducible (fixed order, gzip mtime 0, no file
name in the gzip header). Run it from the repository root::

    python tools/build_sample_books.py
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))

from sample_books._base import Record, project_page  # noqa: E402

#: The modules of ``tools/sample_books``, in the order their books are written.
MODULES = (
    "dune",
    "tolkien_narnia",
    "asimov",
    "dick_leguin",
    "scifi",
    "fantasy",
    "dystopia",
    "english_classics",
    "russian",
    "european",
    "lost_generation",
    "american",
    "crime",
    "horror",
    "philosophy",
    "science",
    "business",
    "children",
)

#: Project pages that use the book infobox; the loader drops them. They are
#: written after the books of the module named with them.
PROJECT_PAGES = (
    (
        "tolkien_narnia",
        project_page(
            "Wikipedia:WikiProject Books/Sample",
            [
                "Wikipedia:WikiProject Books",
                "Template:Infobox book",
                "Hardcover",
                "Paperback",
                "E-book",
                "Category:WikiProject Books",
            ],
        ),
    ),
    (
        "crime",
        project_page(
            "Wikipedia:WikiProject Novels/Article template",
            [
                "Wikipedia:WikiProject Novels",
                "Wikipedia:WikiProject Books",
                "Template:Infobox book",
                "Novel",
                "Hardback",
                "Category:WikiProject Novels",
            ],
        ),
    ),
)

OUTPUT = ROOT / "skbookembed" / "datasets" / "data" / "sample_books.ndjson.gz"
MIN_LINKS = 5


def collect() -> list[Record]:
    """All records in output order: each module's books, then its project pages."""
    records: list[Record] = []
    for name in MODULES:
        module = importlib.import_module(f"sample_books.{name}")
        records.extend(module.BOOKS)
        records.extend(page for after, page in PROJECT_PAGES if after == name)
    return records


def check(records: list[Record]) -> None:
    """Raise ValueError when a record is malformed, duplicated or too thin."""
    problems = []
    titles = Counter(record[0] for record in records)
    problems += [f"duplicated title {t!r} ({n} times)" for t, n in titles.items() if n > 1]
    for title, infobox, links, external, last_edit, n_characters in records:
        if not (isinstance(title, str) and isinstance(infobox, dict)):
            problems.append(f"{title!r}: title must be a str and infobox a dict")
        if not all(isinstance(x, str) and x.strip() == x and x for x in links + external):
            problems.append(f"{title!r}: links must be non-empty stripped strings")
        if any(";" in x for x in links):
            problems.append(f"{title!r}: a link contains ';' (unsplit link list?)")
        if "Wikipedia:" not in title and len(links) < MIN_LINKS:
            problems.append(f"{title!r}: only {len(links)} links (at least {MIN_LINKS})")
        if not (isinstance(last_edit, str) and isinstance(n_characters, int)):
            problems.append(f"{title!r}: last_edit must be a str and n_characters an int")
        if "isbn" in infobox:
            problems.append(f"{title!r}: the sample carries no ISBN")
    if problems:
        raise ValueError("Invalid sample:\n  " + "\n  ".join(problems))


def write(records: list[Record], path: Path) -> None:
    """Write ``records`` as gzip-compressed ndjson, reproducibly."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0) as out,
    ):
        for record in records:
            out.write(json.dumps(record, ensure_ascii=False).encode("utf-8") + b"\n")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--output", type=Path, default=OUTPUT, help="where to write the file")
    args = parser.parse_args(argv)
    records = collect()
    check(records)
    write(records, args.output)
    books = [r for r in records if "Wikipedia:" not in r[0]]
    links = {link.lower() for r in books for link in r[2]}
    print(
        f"Wrote {args.output}: {len(books)} books (+{len(records) - len(books)} project "
        f"pages), {sum(len(r[2]) for r in books)} link occurrences, {len(links)} distinct "
        "links after lower-casing."
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
