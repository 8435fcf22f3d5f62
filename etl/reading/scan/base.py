"""What every pre-scan shares: the limits it measures against, what it reports per sheet and
for the workbook (`WorkbookScan`), and the checks on the grids calamine would build."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from etl.core import settings
from etl.core.issues import UploadError
from etl.reading.cells import cell_name

HEADER_ROWS = 30  # the header search area, allowed on top of max_rows


class NotUnderstood(UploadError):
    """A refusal the pre-scan cannot prove: the file is not what it measures (UTF-16 parts, a
    missing part, cells under another prefix), not too large. `etl.reading.grids` then lets
    openpyxl try it, under the worker's limits, before it is refused as damaged."""


# A formula that reads another workbook ([1]Sheet1!A1, 'file:///…'#$Sheet1.A1) or a DDE
# source (cmd|' /c calc'!A0, DDE("cmd";…)): read by its cached value, never followed.
LINKED_FORMULA = re.compile(r"\w\|'?|\[\d+\]|'file:|\bDDE\s*\(", re.IGNORECASE)


@dataclass(frozen=True)
class Limits:
    max_bytes: int
    max_rows: int
    max_unpacked_bytes: int
    max_columns: int
    # rows × columns of a sheet's used area: 200,000 rows of 25 columns, or fewer rows of more
    max_cells: int = 5_000_000

    @classmethod
    def from_settings(cls) -> Limits:
        return cls(
            max_bytes=int(settings.get("RB_MAX_UPLOAD_MB") * 1024 * 1024),
            max_rows=settings.get("RB_MAX_ROWS"),
            max_unpacked_bytes=int(settings.get("RB_MAX_UNPACKED_MB") * 1024 * 1024),
            max_columns=settings.get("RB_MAX_COLUMNS"),
        )


@dataclass
class SheetScan:
    name: str  # as in workbook.xml, which is the name calamine reports
    hidden: bool
    rows: int = 0  # <row> elements holding at least one <c>
    max_column: int = 0
    percent_cells: set[str] = field(default_factory=set)
    formulas_without_value: set[str] = field(default_factory=set)
    error_cells: set[str] = field(default_factory=set)  # #DIV/0!, #N/A …: calamine gives ''
    # Highest row number of a cell holding a value: calamine allocates a dense grid down to it
    # (a formatted but empty cell or row does not count: calamine builds no row for it).
    max_row: int = 0
    last_cell: str = ""  # the lowest filled cell, named in a refusal


@dataclass
class WorkbookScan:
    """What a pre-scan (`scan_xlsx`, `scan_ods`, `scan_xls`) returns, whatever the format."""

    sheets: dict[str, SheetScan]  # by the name calamine reports
    source: str  # "xlsx", "ods" or "xls": the reader calamine will use
    has_external_links: bool = False
    has_macros: bool = False  # never run, only reported


def check_area(sheet: SheetScan, limits: Limits) -> None:
    """calamine builds the whole grid from A1 to the last cell: one stray cell at XFD200000
    would ask for billions of cells, so the area is bounded as well as rows and columns."""
    cells = sheet.max_row * sheet.max_column
    if cells > limits.max_cells:
        raise UploadError.one(
            "too_many_cells",
            sheet=sheet.name,
            corner=cell_name(sheet.max_column, sheet.max_row),
            count=cells,
            limit=limits.max_cells,
        )


def check_height(sheet: SheetScan, limits: Limits) -> None:
    """A sheet whose filled cells reach further down than the row limit (and its header area)
    is refused before calamine builds its grid; the message names the lowest filled cell."""
    if sheet.max_row > limits.max_rows + HEADER_ROWS:
        raise UploadError.one(
            "too_many_rows",
            sheet=sheet.name,
            last_row=sheet.max_row,
            corner=sheet.last_cell or cell_name(max(sheet.max_column, 1), sheet.max_row),
            limit=limits.max_rows,
        )


def check_grid(sheet: SheetScan, limits: Limits) -> None:
    """Both bounds of a sheet measured whole: its height, then its area."""
    check_height(sheet, limits)
    check_area(sheet, limits)


def check_file_rows(sheets: Iterable[SheetScan], limits: Limits) -> None:
    """The row limit holds for the file, not for each sheet: three sheets just under it cost
    three times the memory and time (issue 13 #4). Each sheet is measured by the height of the
    grid calamine builds for it, and keeps its own header area on top of the limit."""
    counted = [s for s in sheets if s.max_row]
    total = sum(s.max_row for s in counted)
    if len(counted) > 1 and total > limits.max_rows + HEADER_ROWS * len(counted):
        raise UploadError.one(
            "too_many_rows_in_file",
            sheets=sheet_names([s.name for s in counted]),
            count=total,
            limit=limits.max_rows,
        )


def sheet_names(names: list[str], most: int = 3) -> str:
    """Sheet names for a message, bounded: a few, each cut, then how many more (+57)."""
    shown = [cut(n, 20) for n in names[:most]]
    return ", ".join(shown) + (f" (+{len(names) - most})" if len(names) > most else "")


def cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"
