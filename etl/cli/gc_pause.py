"""Python's cyclic garbage collector paused while one file is read, checked and stored.

A national workbook becomes ~130,000 row lists and as many checked rows; none holds a reference
cycle, yet each full collection walks all of them. Measured on the 131,000-row benchmark file:
validation 0.47 s → 0.32 s, the whole ingest 3.1 s → 2.5 s. Reference counting still frees
everything as usual; only the search for cycles waits until the file is done. The pause is
process-wide, so only the command line takes it (one file at a time); the app's server threads
never do. Nested pauses share one: the collector runs again when the last ends.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_active = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    global _active, _was_enabled
    with _lock:
        if _active == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _active += 1
    try:
        yield
    finally:
        with _lock:
            _active -= 1
            if _active == 0 and _was_enabled:
                gc.enable()
