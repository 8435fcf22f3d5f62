"""A progress bar on the terminal for long work (folders, large files); silent otherwise."""

from __future__ import annotations

import sys
from collections.abc import Sequence

from tqdm import tqdm


def progress(items: Sequence, **kwargs):
    quiet = len(items) < 2 or not sys.stderr.isatty()
    return tqdm(items, disable=quiet, file=sys.stderr, **kwargs)
