"""Real files for the tests: workbooks written by openpyxl, CSV written as agencies send it."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl

LONG_HEADER = ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai"]


def make_xlsx(
    path: Path,
    rows: list[list],
    *,
    sheet: str = "Data",
    formats: dict[str, str] | None = None,
    extra_sheets: dict[str, list[list]] | None = None,
    hidden: tuple[str, ...] = (),
    merged: tuple[str, ...] = (),
) -> Path:
    """A workbook whose first sheet holds `rows` from A1; `formats` sets number formats by cell."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for ref, fmt in (formats or {}).items():
        ws[ref].number_format = fmt
    for rng in merged:
        ws.merge_cells(rng)
    for name, sheet_rows in (extra_sheets or {}).items():
        extra = wb.create_sheet(name)
        for row in sheet_rows:
            extra.append(row)
        if name in hidden:
            extra.sheet_state = "hidden"
    wb.save(path)
    return path


def long_rows(*data: list, header: list[str] = LONG_HEADER, title: bool = True) -> list[list]:
    """A long-layout sheet: optional title rows, the header, the data."""
    top = [["LAPORAN TRIWULAN REFORMASI BIROKRASI"], []] if title else []
    return [*top, header, *data]


def make_csv(path: Path, rows: list[list], *, delimiter: str = ";", bom: bool = True) -> Path:
    with path.open("w", encoding="utf-8-sig" if bom else "utf-8", newline="") as fh:
        writer = csv.writer(fh, delimiter=delimiter)
        for row in rows:
            writer.writerow(row)
    return path
