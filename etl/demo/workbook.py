"""What every demo file shares: the note on every row, the uploader, fixed workbook properties
(so that the same seed gives the same bytes)."""

from __future__ import annotations

import datetime as dt
import io

import xlsxwriter

DEMO_NOTE = "DATA DEMO (sintetis) / DEMO DATA (synthetic)"
DEMO_USER = "demo"
# Fixed workbook timestamps (docProps/core.xml) so that the same seed gives the same bytes.
FIXED_CREATED = dt.datetime(2024, 1, 1, tzinfo=dt.UTC)


def workbook(buffer: io.BytesIO, title: str) -> xlsxwriter.Workbook:
    book = xlsxwriter.Workbook(buffer, {"in_memory": True})
    book.set_properties(
        {
            "title": title,
            "subject": DEMO_NOTE,
            "author": "RB Monitor (demo)",
            "comments": DEMO_NOTE,
            "created": FIXED_CREATED,
        }
    )
    return book
