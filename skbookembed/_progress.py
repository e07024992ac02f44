"""Per-epoch progress of a fit (a stub: one plain line per epoch)."""

from __future__ import annotations

from typing import Any

__all__ = ["EpochProgress"]


class EpochProgress:
    """Reports each epoch's loss: ``progress(epoch, loss)``; silent at ``verbose=0``."""

    def __init__(self, epochs: int, *, verbose: int = 0) -> None:
        self.epochs = epochs
        self.verbose = verbose

    def __call__(self, epoch: int, loss: float) -> None:
        if self.verbose >= 1:
            print(f"Epoch {epoch}/{self.epochs} - loss: {loss:.4f}", flush=True)

    def close(self) -> None:
        """End the report."""

    def __enter__(self) -> EpochProgress:
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()
