"""The training progress display: a bar on a terminal, plain lines elsewhere."""

from __future__ import annotations

import io
import re

from skbookembed._progress import EpochProgress


class FakeTerminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_plain_lines_when_not_a_terminal():
    out = io.StringIO()
    with EpochProgress(3, verbose=1, file=out) as progress:
        for epoch, loss in enumerate([0.9, 0.5, 0.25], start=1):
            progress(epoch, loss)
    text = out.getvalue()
    lines = text.splitlines()
    assert [line.split(" - ")[:2] for line in lines] == [
        ["Epoch 1/3", "loss 0.9000"],
        ["Epoch 2/3", "loss 0.5000"],
        ["Epoch 3/3", "loss 0.2500"],
    ]
    assert "ETA" in lines[0] and "ETA" not in lines[2]
    assert "\r" not in text and "\x1b" not in text


def test_live_bar_on_a_terminal():
    out = FakeTerminal()
    progress = EpochProgress(4, verbose=1, file=out)
    for epoch in range(1, 5):
        progress(epoch, 1.0 / epoch)
    progress.close()
    text = out.getvalue()
    assert "\r" in text  # redrawn in place
    assert "4/4" in text and "loss 0.2500" in text
    assert len(re.findall(r"^Epoch ", text, flags=re.M)) == 0  # no per-epoch lines


def test_verbose_zero_is_silent_and_two_is_plain_on_a_terminal():
    out = FakeTerminal()
    with EpochProgress(2, verbose=0, file=out) as progress:
        progress(1, 0.5)
    assert out.getvalue() == ""
    out = FakeTerminal()
    with EpochProgress(2, verbose=2, file=out) as progress:
        progress(1, 0.5)
        progress(2, 0.4)
    assert out.getvalue().count("\n") == 2 and "\r" not in out.getvalue()


def test_updates_after_close_are_ignored():
    out = io.StringIO()
    progress = EpochProgress(2, verbose=1, file=out)
    progress(1, 0.5)
    progress.close()
    progress(2, 0.4)
    progress.close()
    assert len(out.getvalue().splitlines()) == 1
