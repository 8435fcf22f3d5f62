"""What every pre-scan shares: the limits it measures against and what it reports per sheet."""

from __future__ import annotations

from dataclasses import dataclass, field

from etl.core import settings

HEADER_ROWS = 30  # the header search area, allowed on top of max_rows


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
    # Highest row number of a cell: calamine allocates a dense grid down to it.
    max_row: int = 0
