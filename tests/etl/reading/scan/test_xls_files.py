"""Excel 97-2003 files: measured before calamine builds its grid, percent-formatted cells read as
percentages, and the pre-scan chosen by what the bytes are, not by the file's name."""

from __future__ import annotations

import struct

import xlwt
from builders import LONG_HEADER, long_rows, make_xlsx

from etl.ingest import ingest_path
from etl.reading.scan.base import Limits
from etl.reading.scan.xls import _Book
from etl.store import queries


def xls(path, rows, formats=None):
    """`formats`: (row, column) → number format, as a clerk sets them in Excel."""
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            style = xlwt.easyxf(num_format_str=(formats or {}).get((r, c), "General"))
            sheet.write(r, c, value, style)
    book.save(str(path))
    return path


def current(engine, agency, indicator):
    frame = queries.current_observations(engine, queries.Filters(year=2023, quarter=4))
    found = frame[(frame.agency_code == agency) & (frame.indicator_code == indicator)]
    return None if found.empty else float(found.value.iloc[0])


def test_percent_cell_is_read_as_the_percentage(sqlite_engine, tmp_path):
    rows = [LONG_HEADER, ["31", "PDN", 2023, 4, 0.455], ["32", "PDN", 2023, 4, 45.5]]
    path = xls(tmp_path / "persen.xls", rows, {(1, 4): "0.0%"})
    result = ingest_path(sqlite_engine, path)
    assert result.status == "accepted", [i.message_en for i in result.issues]
    assert current(sqlite_engine, "31", "PDN") == 45.5
    assert current(sqlite_engine, "32", "PDN") == 45.5


def test_far_cell_is_refused_before_calamine_builds_the_grid(sqlite_engine, tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for c, header in enumerate(LONG_HEADER):
        sheet.write(0, c, header)
    sheet.write(65535, 255, 1)  # IV65536: 16.7 million cells, 1.2 GB in calamine
    path = tmp_path / "jauh.xls"
    book.save(str(path))
    result = ingest_path(sqlite_engine, path)
    assert result.status == "rejected"
    assert result.issues[0].code == "too_many_cells"
    assert "IV65536" in result.issues[0].message_en


def test_xlsx_named_xls_is_scanned_as_xlsx_and_read(sqlite_engine, tmp_path):
    made = make_xlsx(tmp_path / "asli.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    path = tmp_path / "laporan.xls"
    path.write_bytes(made.read_bytes())
    result = ingest_path(sqlite_engine, path)
    assert result.status == "accepted", [i.message_en for i in result.issues]
    assert current(sqlite_engine, "31", "PDN") == 40.0


def _record(kind: int, data: bytes) -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def test_mulrk_records_size_the_grid_and_carry_percent_formats():
    # Excel writes neighbouring numbers of a row as one MULRK record: (XF, RK) pairs between
    # the first and the last column. XF 1 uses the built-in format 10 (0.00%).
    bof = _record(0x0809, struct.pack("<HH", 0x0600, 0x0010) + bytes(12))
    eof = _record(0x000A, b"")
    xfs = _record(0x00E0, struct.pack("<HH", 0, 0) + bytes(16))
    xfs += _record(0x00E0, struct.pack("<HH", 0, 10) + bytes(16))
    name = b"\x04\x00Data"
    globals_ = bof + xfs
    sheet_at = len(globals_) + len(_record(0x0085, bytes(6) + name)) + len(eof)
    globals_ += _record(0x0085, struct.pack("<IBB", sheet_at, 0, 0) + name) + eof
    mulrk = struct.pack("<HH", 2, 3) + struct.pack("<HI", 0, 0) + struct.pack("<HI", 1, 0)
    mulrk += struct.pack("<H", 4)  # row 3, columns D and E
    stream = globals_ + bof + _record(0x00BD, mulrk) + eof
    sheet = _Book(stream).sheets(Limits(10**7, 200_000, 10**8, 16384, max_cells=1000))["Data"]
    assert (sheet.max_row, sheet.max_column) == (3, 5)
    assert sheet.percent_cells == {"E3"}
