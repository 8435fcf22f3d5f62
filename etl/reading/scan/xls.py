"""One pass over the records of an .xls (Excel 97-2003) before python-calamine reads it.

calamine builds a dense grid from A1 to the last cell with a value: a 5.6 KB file with values in
A1 and IV65536 took 1.2 s and 1.2 GB. This pass reads the BIFF records of the Workbook stream
(olefile opens the compound file) and measures each sheet's grid, so that the limits refuse it
first; it also reports the numeric cells whose format is a percentage (typed `85%`, stored 0.85),
which calamine cannot see, by the same rule as for .xlsx (`etl.reading.scan.xlsx_parts.percent_formats`).
"""

from __future__ import annotations

import io
import struct
from collections.abc import Iterator

import olefile

from etl.core.issues import UploadError
from etl.reading.cells import cell_name
from etl.reading.scan.base import Limits, SheetScan, WorkbookScan, check_file_rows, check_grid
from etl.reading.scan.xlsx_parts import percent_formats

KIND = "Excel 97-2003 (.xls)"
BOF, EOF, FILEPASS, BOUNDSHEET, FORMAT, XF = 0x0809, 0x000A, 0x002F, 0x0085, 0x041E, 0x00E0
DIMENSIONS = 0x0200
# SUPBOOK: a workbook the formulas refer to; this one (0x0401) and add-ins (0x3A01) are not
# links, anything else names another file or a DDE/OLE source.
SUPBOOK, SELF_SUPBOOK, ADDIN_SUPBOOK = 0x01AE, 0x0401, 0x3A01
BIFF8 = 0x0600
# Records of one cell with a value: row, column and format (XF) index first. Blank cells are
# left out, as calamine leaves them out of its grid.
NUMERIC = {0x0203, 0x027E, 0x0006}  # NUMBER, RK, FORMULA (its cached result)
TEXTUAL = {0x00FD, 0x0204, 0x00D6, 0x0205}  # LABELSST, LABEL, RSTRING, BOOLERR
MULRK = 0x00BD  # several RK numbers in one row: (XF, RK) pairs, the last column at the end
# calamine's names for the workbook stream, tried in this order, each matched exactly.
STREAM_NAMES = ("Workbook", "Book", "WORKBOOK", "BOOK")
MINI_CUTOFF = 4096
_HEAD = struct.Struct("<HH")
_CELL = struct.Struct("<HHH")


def scan_xls(data: bytes, limits: Limits) -> WorkbookScan:
    """What the pre-scan found; raise UploadError for a file calamine must not read."""
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            stream = _workbook_stream(ole)
        book = _Book(stream)
        return WorkbookScan(book.sheets(limits), source="xls", has_external_links=book.linked)
    except UploadError:
        raise
    except (OSError, ValueError, struct.error, IndexError, UnicodeDecodeError) as exc:
        raise _corrupt(str(exc) or type(exc).__name__) from exc


def _workbook_stream(ole: olefile.OleFileIO) -> bytes:
    """The stream calamine reads, found as it finds it: the first directory entry, in directory
    order and anywhere in the tree, whose name is exactly one of STREAM_NAMES tried in turn.
    olefile's own lookup ignores case and walks only the tree, so a harmless `workbook` beside
    a far-cell `Book` would be measured instead of the stream calamine builds (issue 13 #1)."""
    ole.directory_fp.seek(0)
    directory = ole.directory_fp.read()
    entries = [_entry(directory[at : at + 128]) for at in range(0, len(directory) - 127, 128)]
    for wanted in STREAM_NAMES:
        for name, start, size in entries:
            if name == wanted:
                # As calamine: under 4,096 bytes from the mini stream, else from the sectors.
                return ole._open(start, size, force_FAT=size >= MINI_CUTOFF).read()
    raise _corrupt("no Workbook stream")


def _entry(raw: bytes) -> tuple[str, int, int]:
    """(name, first sector, size) of a 128-byte directory entry, its name cut at the first NUL
    as calamine cuts it; the size's high half ignored, as in version 3 files."""
    name = raw[:64].decode("utf-16-le", "replace").split("\x00", 1)[0]
    start, size = struct.unpack_from("<II", raw, 116)
    return name, start, size


def _corrupt(detail: str) -> UploadError:
    return UploadError.one("corrupt_file", kind=KIND, detail=detail[:160])


def _records(stream: bytes, at: int) -> Iterator[tuple[int, int, int]]:
    """(type, data offset, data length) from `at` to the EOF closing the substream there."""
    depth = 0
    while at + 4 <= len(stream):
        kind, size = _HEAD.unpack_from(stream, at)
        yield kind, at + 4, size
        at += 4 + size
        if kind == BOF:
            depth += 1
        elif kind == EOF:
            depth -= 1
            if depth <= 0:
                return


class _Book:
    def __init__(self, stream: bytes):
        self.stream = stream
        self.biff8 = True
        self.bounds: list[tuple[int, bool, str]] = []  # (substream offset, hidden, name)
        self.formats: dict[int, str] = {}
        self.xf_formats: list[int] = []
        self.linked = False
        for kind, at, size in _records(stream, 0):
            if kind == BOF:
                self.biff8 = _HEAD.unpack_from(stream, at)[0] == BIFF8
            elif kind == FILEPASS:
                raise UploadError.one("password_protected")
            # Every sheet, hidden or not, worksheet or macro sheet: calamine builds them all
            # when it opens the file.
            elif kind == BOUNDSHEET:
                text = self._text(at + 6, wide_length=False)
                self.bounds.append(
                    (struct.unpack_from("<I", stream, at)[0], stream[at + 4] != 0, text)
                )
            elif kind == FORMAT:
                self.formats[_HEAD.unpack_from(stream, at)[0]] = self._text(at + 2, self.biff8)
            elif kind == XF:
                self.xf_formats.append(_HEAD.unpack_from(stream, at)[1])
            elif kind == SUPBOOK and size >= 4:
                marker = _HEAD.unpack_from(stream, at)[1]
                self.linked |= marker not in (SELF_SUPBOOK, ADDIN_SUPBOOK)

    def _text(self, at: int, wide_length: bool) -> str:
        """A BIFF string: its length (2 bytes in a BIFF8 FORMAT, else 1), then in BIFF8 a flag
        byte saying whether characters take one byte or two."""
        count = _HEAD.unpack_from(self.stream, at)[0] if wide_length else self.stream[at]
        at += 2 if wide_length else 1
        if not self.biff8:
            return self.stream[at : at + count].decode("cp1252", "replace")
        two_bytes = self.stream[at] & 1
        at += 1
        if two_bytes:
            return self.stream[at : at + 2 * count].decode("utf-16-le", "replace")
        return self.stream[at : at + count].decode("latin-1")

    def _check_dimensions(self, name: str, at: int) -> None:
        """The used range the sheet declares: calamine sizes a buffer from it, and an inverted
        one (first row after the last) asks for hundreds of gigabytes and aborts the process."""
        fields = "<IIHH" if self.biff8 else "<HHHH"
        first_row, end_row, first_col, end_col = struct.unpack_from(fields, self.stream, at)
        if first_row > end_row or first_col > end_col:
            raise _corrupt(f"sheet {name} declares rows {first_row}-{end_row}, "
                           f"columns {first_col}-{end_col}")  # fmt: skip

    def sheets(self, limits: Limits) -> dict[str, SheetScan]:
        percent_ids = percent_formats(self.formats)
        percent_xf = {i for i, f in enumerate(self.xf_formats) if f in percent_ids}
        found = {}
        for offset, hidden, name in self.bounds:
            sheet = found[name] = SheetScan(name=name, hidden=hidden)
            percent: list[tuple[int, int]] = []
            rows: set[int] = set()
            for kind, at, size in _records(self.stream, offset):
                if kind == DIMENSIONS:
                    self._check_dimensions(name, at)
                    continue
                if kind in NUMERIC or kind in TEXTUAL:
                    row, col, xf = _CELL.unpack_from(self.stream, at)
                    cells = ((col, xf),)
                    if kind in NUMERIC and xf in percent_xf:
                        percent.append((row, col))
                elif kind == MULRK and size >= 10:
                    row, first = _HEAD.unpack_from(self.stream, at)
                    last = _HEAD.unpack_from(self.stream, at + size - 2)[0]
                    cells = [
                        (col, _HEAD.unpack_from(self.stream, at + 4 + 6 * i)[0])
                        for i, col in enumerate(range(first, last + 1))
                    ]
                    percent.extend((row, c) for c, xf in cells if xf in percent_xf)
                else:
                    continue
                rows.add(row)
                if row + 1 > sheet.max_row:
                    sheet.last_cell = cell_name(max(c for c, _ in cells) + 1, row + 1)
                sheet.max_row = max(sheet.max_row, row + 1)
                sheet.max_column = max(sheet.max_column, max(c for c, _ in cells) + 1)
            sheet.rows = len(rows)
            # Every sheet counts, hidden ones too: calamine builds them all when it opens the file.
            check_grid(sheet, limits)
            check_file_rows(found.values(), limits)
            sheet.percent_cells.update(cell_name(c + 1, r + 1) for r, c in percent)
        return found
