"""One streaming pass over an .ods before python-calamine reads it.

calamine expands repeated rows and cells (`table:number-rows-repeated`,
`table:number-columns-repeated`) into a dense grid: an 800-byte file repeating one value over
2,000 rows × 16,000 columns took 8 s and 3.2 GB. This pass measures the grid calamine would build
(only cells with a value count, as for calamine: LibreOffice ends every sheet with a million
repeated empty rows) and refuses it beyond the limits, counting the real inflated bytes of every
part. It also reports what calamine cannot see: cells formatted as a percentage (typed `85%`,
stored 0.85) and formulas without a saved result. expat streams the XML; a DTD, which is how
entity-expansion bombs arrive, is refused. Names are matched as written (`table:table-row`),
as calamine matches them, not by namespace: a file binding `table:` elsewhere is read the same.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from xml.parsers import expat

from etl.core.issues import UploadError
from etl.reading.cells import cell_name
from etl.reading.scan.base import (
    HEADER_ROWS,
    LINKED_FORMULA,
    Limits,
    SheetScan,
    WorkbookScan,
    check_area,
    check_file_rows,
    check_height,
)
from etl.reading.zip_directory import open_zip

KIND = "OpenDocument (.ods)"
CHUNK = 1 << 20
_TABLE = "table:table"
_ROW = "table:table-row"
_CELLS = ("table:table-cell", "table:covered-table-cell")
_ROWS_REPEATED = "table:number-rows-repeated"
_COLUMNS_REPEATED = "table:number-columns-repeated"
_VALUE_TYPE = "office:value-type"
_FORMULA = "table:formula"
_BAD_ZIP = (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, EOFError, OSError, ValueError)
_BAD_ZIP += (NotImplementedError, RuntimeError)


class _Refused(Exception):
    """Raised from inside an expat handler: expat passes it through as it is."""

    def __init__(self, error: UploadError):
        self.error = error


def scan_ods(data: bytes, limits: Limits) -> WorkbookScan:
    """What the pre-scan found; raise UploadError for a file calamine must not read."""
    try:
        archive = open_zip(data)
        if "content.xml" not in archive.namelist():
            raise _corrupt("content.xml is missing")
        sheets = _Sheets(limits)
        max_unpacked_bytes = limits.max_unpacked_bytes
        unpacked = 0
        for info in archive.infolist():
            for chunk in _chunks(archive, info):
                unpacked += len(chunk)
                if unpacked > max_unpacked_bytes:
                    limit = f"{max_unpacked_bytes / 2**20:g}"
                    raise UploadError.one("unpacked_too_large", limit_mb=limit)
                if info.filename == "content.xml":
                    sheets.feed(chunk)
        sheets.feed(b"", final=True)
        return WorkbookScan(sheets.found, source="ods", has_external_links=sheets.linked)
    except _Refused as refused:
        raise refused.error from None
    except expat.ExpatError as exc:
        raise _corrupt(f"invalid XML in content.xml ({expat.ErrorString(exc.code)})") from exc
    except _BAD_ZIP as exc:
        raise _corrupt(str(exc)) from exc


def _chunks(archive: zipfile.ZipFile, info: zipfile.ZipInfo) -> Iterator[bytes]:
    with archive.open(info) as fh:
        while chunk := fh.read(CHUNK):
            yield chunk


def _corrupt(detail: str) -> UploadError:
    return UploadError.one("corrupt_file", kind=KIND, detail=detail[:160])


def _count(value: str | None) -> int:
    """A repeat count, read as leniently as calamine reads it (`+8000` is 8000); at least 1, and
    a hostile 5,000-digit one capped, not converted."""
    digits = (value or "").strip().removeprefix("+")
    if not digits.isdigit():
        return 1
    return max(1, int(digits)) if len(digits) <= 12 else 10**12


def _valued(attrs: dict[str, str]) -> bool:
    """Whether calamine sees a value in the cell: any value attribute counts (`office:value`
    without `office:value-type` too), whatever its prefix."""
    return any("value" in name.partition(":")[2] for name in attrs)


class _Sheets:
    """expat handlers following tables, rows and cells, with their repeats."""

    def __init__(self, limits: Limits):
        self.limits, self.row_limit = limits, limits.max_rows + HEADER_ROWS
        self.max_rows, self.max_columns = limits.max_rows, limits.max_columns
        self.found: dict[str, SheetScan] = {}
        self.sheet: SheetScan | None = None
        self.linked = False  # a formula reading another file or a DDE source
        self.row = self.col = self.repeat = self.widest = 0
        self.marked: list[tuple[int, int, bool]] = []  # (column, span, percent) in this row
        self.parser = expat.ParserCreate()
        self.parser.StartDoctypeDeclHandler = self._no_dtd
        self.parser.EntityDeclHandler = self._no_dtd
        self.parser.StartElementHandler = self._start
        self.parser.EndElementHandler = self._end

    def feed(self, chunk: bytes, final: bool = False) -> None:
        self.parser.Parse(chunk, final)

    def _no_dtd(self, *_args) -> None:
        raise _Refused(_corrupt("a DTD in content.xml"))

    def _start(self, name: str, attrs: dict[str, str]) -> None:
        if name == _TABLE:
            if self.sheet is not None:  # spreadsheets have none; it would hide the rest
                raise _Refused(_corrupt(f"a table inside sheet {self.sheet.name}"))
            self.sheet = SheetScan(name=attrs.get("table:name", ""), hidden=False)
            self.found.setdefault(self.sheet.name, self.sheet)
            self.row = 0
        elif self.sheet is None:
            return
        elif name == _ROW:
            self.repeat = _count(attrs.get(_ROWS_REPEATED))
            self.col, self.widest, self.marked = 0, 0, []
        elif name in _CELLS:
            if _FORMULA in attrs and LINKED_FORMULA.search(attrs[_FORMULA]):
                self.linked = True
            span = _count(attrs.get(_COLUMNS_REPEATED))
            # Past the limit the row is only measured (refused at its end, with its true
            # width): nothing more is marked, so no repeat is ever expanded.
            wide = self.widest > self.max_columns
            if _valued(attrs):
                self.widest = self.col + span
                if attrs.get(_VALUE_TYPE) == "percentage" and not wide:
                    self.marked.append((self.col, span, True))
            elif _FORMULA in attrs:  # a formula whose result was not saved: calamine reads ''
                if not wide:
                    self.marked.append((self.col, span, False))
                self.widest = max(self.widest, self.col + span)
            self.col += span

    def _end(self, name: str) -> None:
        sheet = self.sheet
        if name == _TABLE:
            self.sheet = None
            self._check(check_file_rows, self.found.values())  # before the next sheet is read
        elif sheet is None or name != _ROW:
            return
        elif self.widest:
            sheet.max_column = max(sheet.max_column, self.widest)
            if sheet.max_column > self.max_columns:  # before the rows' repeats count
                self._refuse_width()
            sheet.rows += self.repeat
            sheet.max_row = self.row + self.repeat
            sheet.last_cell = cell_name(self.widest, sheet.max_row)
            self._check(check_height, sheet)
            self._check(check_area, sheet)
            # Within the limits now, so expanding the repeats is bounded.
            for col, span, percent in self.marked:
                found = sheet.percent_cells if percent else sheet.formulas_without_value
                for r in range(self.row + 1, self.row + self.repeat + 1):
                    found.update(cell_name(c, r) for c in range(col + 1, col + span + 1))
        self.row += self.repeat

    def _check(self, check, measured) -> None:
        """A shared check (`etl.reading.scan.base`), its refusal passed out through expat."""
        try:
            check(measured, self.limits)
        except UploadError as error:
            raise _Refused(error) from None

    def _refuse_width(self) -> None:
        sheet = self.sheet
        count = max(sheet.max_column, self.widest)
        raise _Refused(
            UploadError.one(
                "too_many_columns", sheet=sheet.name, count=count, limit=self.max_columns
            )
        )
