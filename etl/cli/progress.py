"""Progress on the terminal for long work (folders, large files, the demo): a bar when stderr is
a terminal; counted lines otherwise (a log, `make run` piped), so that a minute of work never
prints nothing."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tqdm import tqdm

LINE_STEPS = 10  # counted lines: one per tenth of the work, and the last


def progress(items: Sequence, **kwargs):
    quiet = len(items) < 2 or not sys.stderr.isatty()
    return tqdm(items, disable=quiet, file=sys.stderr, **kwargs)


class Counter:
    """`update(done)` of `total` things named `unit`, under `label`."""

    def __init__(self, label: str, total: int, unit: str):
        self.label, self.total, self.unit, self.shown = label, total, unit, 0
        self.bar = (
            tqdm(total=total, desc=label, unit=unit, file=sys.stderr)
            if sys.stderr.isatty()
            else None
        )

    def update(self, done: int) -> None:
        if self.bar is not None:
            self.bar.update(done - self.bar.n)
            return
        step = max(1, self.total // LINE_STEPS)
        if done == self.total or done - self.shown >= step:
            self.shown = done
            print(f"{self.label}: {done}/{self.total} {self.unit}", file=sys.stderr, flush=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()
