"""The one training progress display of skbookembed (``fit``, ``demo``, ``verbose=1``)."""

from __future__ import annotations

import math
import sys
import time
from types import TracebackType
from typing import Any, TextIO

__all__ = ["EpochProgress"]


def _is_terminal(stream: Any) -> bool:
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError, OSError):  # no isatty, or a closed stream
        return False


def _duration(seconds: float) -> str:
    if not math.isfinite(seconds):
        return "?"
    seconds = max(seconds, 0.0)
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, seconds = divmod(int(round(seconds)), 60)
    if minutes < 60:
        return f"{minutes}m{seconds:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h{minutes:02d}m"


class EpochProgress:
    """Progress of training, one update per epoch.

    On a terminal it is a live bar (tqdm) with the epoch, the last loss, the elapsed time and
    the estimated time left. On any other stream (a file, a pipe, a notebook's captured
    output) it writes one plain line per epoch, without carriage returns or ANSI codes::

        Epoch 3/30 - loss 0.1234 - 1.2s elapsed, ETA 10.8s

    Parameters
    ----------
    epochs : int
        Number of epochs that will be reported.
    verbose : int
        0: nothing is shown. 1: the bar on a terminal, plain lines elsewhere. 2 or more:
        plain lines, even on a terminal.
    file : text stream, optional
        Where to write; standard error (looked up when the display is created) by default.

    Examples
    --------
    >>> import io
    >>> out = io.StringIO()
    >>> with EpochProgress(2, verbose=1, file=out) as progress:
    ...     progress(1, 0.5)
    ...     progress(2, 0.25)
    >>> [line.split(" - ")[:2] for line in out.getvalue().splitlines()]
    [['Epoch 1/2', 'loss 0.5000'], ['Epoch 2/2', 'loss 0.2500']]
    """

    def __init__(self, epochs: int, *, verbose: int, file: TextIO | None = None) -> None:
        self.epochs = int(epochs)
        self.verbose = int(verbose)
        self.file = sys.stderr if file is None else file
        self._start = time.perf_counter()
        self._bar: Any = None
        self._closed = False
        if self.verbose == 1 and _is_terminal(self.file):
            from tqdm import tqdm

            self._bar = tqdm(
                total=self.epochs,
                file=self.file,
                unit="epoch",
                desc="Training",
                dynamic_ncols=True,
                leave=True,
            )

    def __call__(self, epoch: int, loss: float) -> None:
        """Report that epoch ``epoch`` (counting from 1) ended with mean loss ``loss``."""
        if self.verbose <= 0 or self._closed:
            return
        if self._bar is not None:
            self._bar.set_postfix_str(f"loss {loss:.4f}", refresh=False)
            self._bar.update(max(epoch - self._bar.n, 0))
            return
        elapsed = time.perf_counter() - self._start
        left = elapsed / epoch * (self.epochs - epoch) if epoch > 0 else float("nan")
        line = f"Epoch {epoch}/{self.epochs} - loss {loss:.4f} - {_duration(elapsed)} elapsed"
        if epoch < self.epochs:
            line += f", ETA {_duration(left)}"
        print(line, file=self.file, flush=True)

    def close(self) -> None:
        """End the display (the bar stays on screen); later updates are ignored."""
        if self._closed:
            return
        self._closed = True
        if self._bar is not None:
            self._bar.close()

    def __enter__(self) -> EpochProgress:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
