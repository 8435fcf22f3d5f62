"""Real files for the tests: workbooks written by openpyxl, CSV written as agencies send it."""

from __future__ import annotations

import csv
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter

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


# --- the "RAD RB Tematik" layout regional governments export ---------------------------------
def rad_rows(year=2024, indicator="Tingkat kemiskinan", realised_q3=("-", "-")):
    top = ["NO", "PERMASALAHAN", "SASARAN TEMATIK", "INDIKATOR", "TARGET", "SATUAN"]
    top += ["RENCANA AKSI", "OUTPUT", None, "TARGET TAHUN", "ANGGARAN TAHUN"]
    top += ["RENCANA AKSI PER TRIWULAN", *[None] * 7, "REALISASI RENAKSI", *[None] * 7]
    top += ["RUMUS", "KOORDINATOR", "PELAKSANA"]
    middle = [None] * 7 + ["SATUAN", "INDIKATOR", None, None]
    middle += [x for q in (1, 2, 3, 4) for x in (f"TW{q}", None)] * 2 + [None] * 3
    bottom = [None] * 11 + ["Target", "Rp"] * 8 + [None] * 3

    def quarters(planned, done):
        return [x for pair in (*planned, *done) for x in pair]

    first = [1, "Data kemiskinan tidak padu", "Menurunnya kemiskinan", indicator, "9,5", "%"]
    first += ["Verifikasi DTKS", "Dokumen", "Dokumen DTKS terverifikasi", "4 Dokumen"]
    first += [
        "Rp 1.500.000",
        *quarters(
            [("1 Dokumen", "375.000")] * 4,
            [("1 Dokumen", "350.000"), ("1 Dokumen", "400.000"), realised_q3, ("-", "-")],
        ),
    ]
    first += ["kumulatif", "Bappeda", "Dinas Sosial"]  # fmt: skip
    second = [2, None, None, None, None, None, "Layanan pengaduan daring", "%", "Layanan aktif"]
    second += [
        "100%",
        "2.000.000",
        *quarters(
            [("25%", "500.000"), ("50%", "500.000"), ("75%", "500.000"), ("100%", "500.000")],
            [("25%", "1.500.000"), ("30 %", "300.000"), (None, None), (None, None)],
        ),
    ]
    second += [None, "Diskominfo", "Dinas Sosial"]  # fmt: skip
    return [[f"RENCANA AKSI RB TEMATIK TAHUN {year}"], top, middle, bottom, first, second]


RAD_MERGED = (
    "A1:AD1", "A2:A4", "B2:B4", "C2:C4", "D2:D4", "E2:E4", "F2:F4", "G2:G4", "H2:I2", "H3:H4",
    "I3:I4", "J2:J4", "K2:K4", "L2:S2", "T2:AA2", "AB2:AB4", "AC2:AC4", "AD2:AD4",
    # one problem, objective and impact indicator over both actions
    "B5:B6", "C5:C6", "D5:D6",
    *(f"{get_column_letter(c)}3:{get_column_letter(c + 1)}3" for c in range(12, 28, 2)),
)  # fmt: skip


# --- OpenDocument spreadsheets as LibreOffice Calc writes them (odfpy) -----------------------
class OdsCell:
    """A cell of `make_ods`: a value with its ODF value type, repeated across columns."""

    def __init__(self, value, value_type: str = "float", repeat: int = 1, formula: str = ""):
        self.value, self.value_type, self.repeat, self.formula = value, value_type, repeat, formula


def make_ods(path: Path, rows: list, *, sheet: str = "Data") -> Path:
    """`rows`: lists of plain values or OdsCell, or (row, repeat) to repeat a row."""
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    doc = OpenDocumentSpreadsheet()
    table = Table(name=sheet)
    for spec in rows:
        cells, repeat = spec if isinstance(spec, tuple) else (spec, 1)
        row = TableRow(numberrowsrepeated=repeat) if repeat > 1 else TableRow()
        for value in cells:
            cell = value if isinstance(value, OdsCell) else None
            if cell is None:
                kind = "string" if isinstance(value, str) else "float"
                cell = OdsCell(value, kind) if value is not None else OdsCell(None, "")
            attrs = {"numbercolumnsrepeated": cell.repeat} if cell.repeat > 1 else {}
            if cell.formula:
                attrs["formula"] = cell.formula
            if cell.value_type == "string":
                element = TableCell(valuetype="string", **attrs)
                element.addElement(P(text=str(cell.value)))
            elif cell.value_type:
                element = TableCell(valuetype=cell.value_type, value=cell.value, **attrs)
                element.addElement(P(text=str(cell.value)))
            else:
                element = TableCell(**attrs)
            row.addElement(element)
        table.addElement(row)
    doc.spreadsheet.addElement(table)
    doc.save(str(path))
    return path
