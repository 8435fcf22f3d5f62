"""A workbook's zip directory, parsed once per read: the format sniff, the pre-scan of an
.xlsx or .ods and the part-name repair all look into the same archive (calamine parses its own,
in Rust). Outside `once_per_read` every call parses afresh."""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# id(data) → (data, its ZipFile or the exception opening it raised), for the read under way.
_opened: ContextVar[dict[int, tuple[bytes, object]] | None] = ContextVar("zip_opened", default=None)


@contextmanager
def once_per_read() -> Iterator[None]:
    """Within this block a file's bytes are opened as a zip at most once (per thread: a
    context variable, dropped at the end, so no file outlives its read)."""
    token = _opened.set({})
    try:
        yield
    finally:
        _opened.reset(token)


def open_zip(data: bytes) -> zipfile.ZipFile:
    """`zipfile.ZipFile` over the bytes, shared within the read; raises what it raises."""
    opened = _opened.get()
    if opened is None:
        return zipfile.ZipFile(io.BytesIO(data))
    found = opened.get(id(data))
    if found is None or found[0] is not data:
        try:
            archive: object = zipfile.ZipFile(io.BytesIO(data))
        except Exception as exc:  # raised again to every caller, as a fresh parse would
            archive = exc
        opened[id(data)] = found = (data, archive)
    if isinstance(found[1], Exception):
        raise found[1]
    return found[1]
