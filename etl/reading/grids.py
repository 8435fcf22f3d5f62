"""The reader behind a workbook's sheets: python-calamine, after the pre-scan has measured what it
will build, or openpyxl for an Office Open XML file calamine cannot read (issue 14).

calamine is fast but strict: it cannot open UTF-16 XML parts (and reads a UTF-16 sheet as
empty, silently), nor a zip whose part names start with `/`. When the pre-scan cannot make sense
of a file (`NotUnderstood`) or calamine cannot open an .xlsx, openpyxl gets it, row by row,
stopped at the row and column limits; both run inside the worker's memory and time limits
(`etl.reading.sandbox`). A file neither reader opens is refused as damaged, with the first
reason found.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field

import openpyxl
import python_calamine

from etl.core.issues import Issue, UploadError
from etl.reading.cells import cell_name
from etl.reading.scan.base import (
    HEADER_ROWS,
    Limits,
    NotUnderstood,
    SheetScan,
    WorkbookScan,
    check_height,
)
from etl.reading.scan.choose import prescan
from etl.reading.scan.xlsx_parts import is_percent_format
from etl.reading.sniff import Content
from etl.reading.zip_directory import open_zip


@dataclass
class Grid:
    """One sheet as a dense grid of values, and what its reader saw that values do not say."""

    rows: list[list]
    merged: list = field(default_factory=list)  # calamine's ((row, col), (row, col)) pairs
    scanned: SheetScan | None = None


class Grids:
    """The visible worksheets of a workbook, read on demand."""

    visible: list[str]

    def grid(self, name: str) -> Grid:
        raise NotImplementedError


def open_grids(content: Content, data: bytes, limits: Limits, warnings: list[Issue]) -> Grids:
    """The workbook in `data` behind one interface; raise UploadError for a file that neither
    reader may or can read."""
    kind = content.label
    if content.format == "xlsx":
        data = _without_leading_slashes(data, limits)
    try:
        scan = prescan(f".{content.format}", data, limits, kind)
    except NotUnderstood as refusal:
        try:
            return _OpenpyxlGrids.open(data, limits, refusal)
        except UploadError:
            pass
        # Neither the scan nor openpyxl understood it: calamine may still read it, within the
        # worker's limits, but what only the scan sees (percent formats, formulas without a
        # result) was not seen, and the clerk is told so.
        grids = _calamine(data, kind, WorkbookScan({}, "unscanned"), refusal)
        warnings.append(Issue.make("formats_unchecked"))
        return grids
    if scan.has_external_links:
        # Values from other workbooks or DDE links (cmd|...) arrive as the cached copy the
        # sender's Excel last saw: read, never refreshed, but the clerk should know.
        warnings.append(Issue.make("external_links"))
    try:
        return _calamine(data, kind, scan)
    except UploadError as refusal:
        if content.format != "xlsx" or refusal.issues[0].code != "corrupt_file":
            raise
        return _OpenpyxlGrids.open(data, limits, refusal)


def _calamine(data: bytes, kind: str, scan: WorkbookScan, refusal: UploadError | None = None):
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except python_calamine.PasswordError as exc:
        raise UploadError.one("password_protected") from exc
    except (python_calamine.CalamineError, ValueError, OSError) as exc:
        raise refusal or UploadError.one("corrupt_file", kind=kind, detail=short(exc)) from exc
    return _CalamineGrids(book, scan, kind)


class _CalamineGrids(Grids):
    def __init__(self, book, scan, kind: str):
        self.book, self.scan, self.kind = book, scan, kind
        self.visible = [
            m.name
            for m in book.sheets_metadata
            if str(m.visible).endswith("Visible") and "WorkSheet" in str(m.typ)
        ]
        if scan.source == "xlsx":  # only its scan reads the sheets' state
            self.visible = [
                n for n in self.visible if n in scan.sheets and not scan.sheets[n].hidden
            ]

    def grid(self, name: str) -> Grid:
        try:
            sheet = self.book.get_sheet_by_name(name)
            rows = sheet.to_python(skip_empty_area=False)
        except (python_calamine.CalamineError, ValueError) as exc:
            raise UploadError.one("corrupt_file", kind=self.kind, detail=short(exc)) from exc
        return Grid(rows, sheet.merged_cell_ranges, self.scan.sheets.get(name))


class _OpenpyxlGrids(Grids):
    """openpyxl in read-only mode, values as calamine gives them (numbers as floats, errors
    empty), percent formats and error cells reported as the pre-scan would."""

    def __init__(self, book, limits: Limits):
        self.book, self.limits = book, limits
        self.visible = [ws.title for ws in book.worksheets if ws.sheet_state == "visible"]

    @classmethod
    def open(cls, data: bytes, limits: Limits, refusal: UploadError) -> _OpenpyxlGrids:
        try:
            book = openpyxl.load_workbook(
                io.BytesIO(data), read_only=True, data_only=True, keep_links=False
            )
        except MemoryError:
            raise
        except Exception as exc:  # openpyxl raises anything from KeyError to TypeError
            raise refusal from exc
        return cls(book, limits)

    def grid(self, name: str) -> Grid:
        try:
            return self._grid(name)
        except (UploadError, MemoryError):
            raise
        except Exception as exc:  # a sheet openpyxl opened but cannot read: damaged
            raise UploadError.one("corrupt_file", kind="Excel (.xlsx)", detail=short(exc)) from exc

    def _grid(self, name: str) -> Grid:
        scanned = SheetScan(name=name, hidden=False)
        rows: list[list] = []
        width = self.limits.max_columns + 1  # one past the limit: _check_width refuses it
        for cells in self.book[name].iter_rows(max_col=width):
            row = [self._value(cell, scanned) for cell in cells]
            rows.append(row)
            if any(v is not None for v in row):
                scanned.max_row = len(rows)
                last = max(i for i, v in enumerate(row) if v is not None) + 1
                scanned.last_cell = cell_name(last, len(rows))
                scanned.max_column = max(scanned.max_column, last)
            if len(rows) > self.limits.max_rows + HEADER_ROWS:
                check_height(scanned, self.limits)
        del rows[scanned.max_row :]  # formatted rows below the last value are no data
        return Grid([r[: scanned.max_column] for r in rows], [], scanned)

    @staticmethod
    def _value(cell, scanned: SheetScan):
        value = getattr(cell, "value", None)
        if value is None:
            return None
        if cell.data_type == "e":  # #DIV/0!, #N/A: calamine gives '' too
            scanned.error_cells.add(cell.coordinate)
            return None
        if isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if isinstance(value, float) and is_percent_format(cell.number_format):
            scanned.percent_cells.add(cell.coordinate)
        return value


def _without_leading_slashes(data: bytes, limits: Limits) -> bytes:
    """A zip whose part names start with `/` or `\\` (some Windows tools write them), with the
    names as Office expects them: neither calamine nor openpyxl finds the parts otherwise."""
    try:
        source = open_zip(data)
        infos = source.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError):
        return data  # the scan says what is wrong with it
    if not any(i.filename.startswith(("/", "\\")) for i in infos):
        return data
    if sum(i.file_size for i in infos) > limits.max_unpacked_bytes:
        raise UploadError.one("unpacked_too_large", limit_mb=f"{limits.max_unpacked_bytes >> 20}")
    out = io.BytesIO()
    try:
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in infos:
                target.writestr(info.filename.lstrip("/\\"), source.read(info))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, NotImplementedError):
        return data
    return out.getvalue()


def short(exc: Exception) -> str:
    """A reader's exception as one line for Issue.detail."""
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:160]
