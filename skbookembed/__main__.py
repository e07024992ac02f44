"""``python -m skbookembed``: the command line."""

from .cli import main

raise SystemExit(main())
