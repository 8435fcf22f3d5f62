"""Real files for the tests: workbooks written by openpyxl, CSV written as agencies send it."""

from __future__ import annotations

import csv
import zipfile
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


# --- hand-made containers: what a hostile file would do to a saved workbook -----------------
def rewrite_zip(path: Path, replace: dict[str, bytes], add: dict[str, bytes] | None = None) -> Path:
    """Replace parts of a saved workbook (new names in `replace` are appended), then append the
    entries of `add` even where a part of that name exists already (a zip may hold twins)."""
    import io
    import zipfile

    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
        for name in replace.keys() - set(source.namelist()):
            target.writestr(name, replace[name])
        for name, data in (add or {}).items():
            target.writestr(name, data)
    path.write_bytes(out.getvalue())
    return path


_FREE, _END, _FAT_SECTOR, _NONE = 0xFFFFFFFF, 0xFFFFFFFE, 0xFFFFFFFD, 0xFFFFFFFF


def make_ole(path: Path, streams: dict[str, bytes]) -> Path:
    """A compound file (version 3, 512-byte sectors) holding `streams` at its root, in order:
    one FAT sector, one directory sector, then each stream padded to 4,096 bytes at least so
    that none lives in the mini stream. For streams named as no writer names them."""
    import struct

    assert len(streams) <= 3
    bodies = [data.ljust(max(len(data), 4096), b"\0") for data in streams.values()]
    bodies = [body.ljust(-(-len(body) // 512) * 512, b"\0") for body in bodies]
    fat, starts, sector = [_FAT_SECTOR, _END], [], 2
    for body in bodies:
        count = len(body) // 512
        starts.append(sector)
        fat += [sector + i + 1 for i in range(count - 1)] + [_END]
        sector += count
    assert len(fat) <= 128

    def entry(name: str, kind: int, right: int, child: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return struct.pack(
            "<64sHBBIII16sI16sII4x", encoded, len(encoded), kind, 1, _NONE, right, child,
            b"", 0, b"", start, size,
        )  # fmt: skip

    names = list(streams)
    directory = entry("Root Entry", 5, _NONE, 1, _END, 0)
    for i, name in enumerate(names, 1):
        right = i + 1 if i < len(names) else _NONE  # a chain of right siblings: a valid tree
        directory += entry(name, 2, right, _NONE, starts[i - 1], len(streams[name]))
    directory = directory.ljust(512, b"\0")
    header = struct.pack(
        "<8s16sHHHHH6sIIIIIIIII", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"", 0x3E, 3, 0xFFFE,
        9, 6, b"", 0, 1, 1, 0, 4096, _END, 0, _END, 0,
    ) + struct.pack("<109I", 0, *[_FREE] * 108)  # fmt: skip
    fat_sector = struct.pack("<128I", *fat, *[_FREE] * (128 - len(fat)))
    path.write_bytes(header + fat_sector + directory + b"".join(bodies))
    return path


# --- a hostile file's ingest, in a child process that reports its peak memory ---------------
_CHILD = r"""
import json, sys, time
from pathlib import Path
from etl.store.database import make_engine
from etl.ingest import ingest_path
started = time.monotonic()
result = ingest_path(make_engine(sys.argv[1]), Path(sys.argv[2]))
peak = next(int(l.split()[1]) for l in Path("/proc/self/status").read_text().splitlines()
            if l.startswith("VmHWM:")) / 1024
print(json.dumps({"status": result.status, "codes": [i.code for i in result.issues],
                  "messages": [i.message_en for i in result.issues][:3], "peak_mb": peak,
                  "seconds": time.monotonic() - started}))
"""


def ingest_in_child(db_url: str, path: Path) -> dict:
    """ingest_path on `path` in a fresh interpreter: its outcome, codes, first messages, peak
    resident memory (MB) and time (s). A crash (an allocation abort) fails the assertion with
    the child's stderr."""
    import json
    import subprocess
    import sys

    from processes import project_env

    # From the file's own folder, the project on PYTHONPATH: never from the checkout's root.
    run = subprocess.run(
        [sys.executable, "-c", _CHILD, db_url, str(path)],
        capture_output=True, text=True, cwd=path.parent, env=project_env(), timeout=300,
    )  # fmt: skip
    assert run.returncode == 0, (run.returncode, run.stderr[-2000:])
    return json.loads(run.stdout.strip().splitlines()[-1])


def refused_in_child(db_url: str, path: Path, code: str | None, peak_mb: float) -> dict:
    """ingest_in_child, asserting a clear refusal (with `code` its first error, unless None)
    within `peak_mb` of memory; the outcome for further checks."""
    from etl.core.messages import MESSAGES

    outcome = ingest_in_child(db_url, path)
    assert outcome["status"] == "rejected", outcome
    if code:
        errors = [c for c in outcome["codes"] if MESSAGES[c].severity == "error"]
        assert errors[0] == code, outcome
    assert outcome["messages"][0] and "Traceback" not in outcome["messages"][0]
    assert outcome["peak_mb"] < peak_mb, outcome
    return outcome


SPREADSHEETML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# One cell at the last cell of a sheet: calamine would build 1,048,576 × 16,384 cells and abort.
FAR_SHEET = (
    f'<?xml version="1.0"?><worksheet xmlns="{SPREADSHEETML}"><sheetData><row r="1048576">'
    '<c r="XFD1048576"><v>1</v></c></row></sheetData></worksheet>'
).encode()


def xls_stream(far: bool) -> bytes:
    """The Workbook stream of an xlwt .xls with a header cell, and if `far` a cell at IV65536
    (a 6 KB file, 1.2 GB in calamine's grid): for make_ole."""
    import io

    import olefile
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    sheet.write(0, 0, "kode_indikator")
    if far:
        sheet.write(65535, 255, 1)
    buf = io.BytesIO()
    book.save(buf)
    return olefile.OleFileIO(io.BytesIO(buf.getvalue())).openstream("Workbook").read()


def multi_sheet_row_bomb(path: Path) -> Path:
    """Three sheets of 199,000 rows each: every sheet under the limit, the file three times
    over it."""
    path = make_xlsx(
        path,
        [LONG_HEADER, ["31", "PDN", 2023, 4, 40]],
        extra_sheets={"Data2": [LONG_HEADER], "Data3": [LONG_HEADER]},
    )
    text = b'<c r="%s%d" t="inlineStr"><is><t>%s</t></is></c>'
    header = b"".join(
        text % (b"ABCDE"[i : i + 1], 1, h.encode()) for i, h in enumerate(LONG_HEADER)
    )
    rows = b"".join(
        b'<row r="%d">%s%s<c r="C%d"><v>2023</v></c><c r="D%d"><v>4</v></c><c r="E%d"><v>%d</v>'
        b"</c></row>" % (i, text % (b"A", i, b"31"), text % (b"B", i, b"PDN"), i, i, i, i)
        for i in range(2, 199_002)
    )
    sheet = (
        f'<?xml version="1.0"?><worksheet xmlns="{SPREADSHEETML}"><sheetData><row r="1">'.encode()
        + header
        + b"</row>"
        + rows
        + b"</sheetData></worksheet>"
    )
    return rewrite_zip(path, {f"xl/worksheets/sheet{i}.xml": sheet for i in (1, 2, 3)})


def redirected_root(tmp: Path) -> Path:
    """A package whose root (_rels/.rels) names another workbook part than xl/workbook.xml,
    whose sheet reaches a far cell (issue 13 #1)."""
    # _rels/.rels sends calamine to book/workbook.xml; xl/workbook.xml stays a harmless decoy.
    path = make_xlsx(tmp / "akar_lain.xlsx", [LONG_HEADER, ["31", "PDN", 2023, 4, 40]])
    parts = zipfile.ZipFile(path)
    root = parts.read("_rels/.rels").replace(b"xl/workbook.xml", b"book/workbook.xml")
    rels = parts.read("xl/_rels/workbook.xml.rels")
    rels = rels.replace(b'"/xl/worksheets/sheet1.xml"', b'"worksheets/sheet1.xml"')
    moved = {
        "_rels/.rels": root,
        "book/workbook.xml": parts.read("xl/workbook.xml"),
        "book/_rels/workbook.xml.rels": rels.replace(b'"styles.xml"', b'"../xl/styles.xml"'),
        "book/worksheets/sheet1.xml": FAR_SHEET,
    }
    return rewrite_zip(path, moved)


def xls_stream_twin(tmp: Path) -> Path:
    # olefile finds "Workbook" ignoring case (the harmless "workbook"); calamine asks for exact
    # names, "Workbook" then "Book", and builds the far one.
    streams = {"workbook": xls_stream(far=False), "Book": xls_stream(far=True)}
    return make_ole(tmp / "kembar.xls", streams)
