"""A corpus of hostile files: each is refused with a clear message, nothing is stored, and the
ingest stays within bounded memory (each runs in a child process that reports its peak)."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import openpyxl
import pytest
from builders import LONG_HEADER, OdsCell, make_ods, make_xlsx, refused_in_child, rewrite_zip

PEAK_MB_BOUND = 1200  # far below the machine, far above a normal ingest (~250 MB)


def _valid(path: Path) -> Path:
    return make_xlsx(path, [LONG_HEADER, ["31", "PDN", 2023, 4, 40]])


def corrupt_zip(tmp: Path) -> Path:
    path = tmp / "rusak.xlsx"
    path.write_bytes(b"PK\x03\x04" + bytes(range(256)) * 40)
    return path


def pdf_named_xls(tmp: Path) -> Path:
    path = tmp / "laporan.xls"
    path.write_bytes(b"%PDF-1.7\n" + b"0" * 5000)
    return path


def huge_shared_strings(tmp: Path) -> Path:
    path = _valid(tmp / "teks.xlsx")
    items = b"".join(b"<si><t>%d</t></si>" % i for i in range(1_200_000))
    sst = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/'
        b'spreadsheetml/2006/main" count="1200000" uniqueCount="1200000">' + items + b"</sst>"
    )
    rewrite_zip(path, {"xl/sharedStrings.xml": sst})
    return path


def entity_expansion(tmp: Path) -> Path:
    path = _valid(tmp / "entitas.xlsx")
    lol = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, b"&lol%d;" % (i - 1) * 10 if i > 1 else b"&lol;" * 10)
            for i in range(1, 10)
        )
        + b']><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">&lol9;</workbook>'
    )
    rewrite_zip(path, {"xl/workbook.xml": lol})
    return path


def deeply_nested_xml(tmp: Path) -> Path:
    path = _valid(tmp / "bersarang.xlsx")
    depth = 200_000
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is>'
        + b"<r>" * depth
        + b"<t>x</t>"
        + b"</r>" * depth
        + b"</is></c></row></sheetData></worksheet>"
    )
    rewrite_zip(path, {"xl/worksheets/sheet1.xml": sheet})
    return path


def invalid_utf8_csv(tmp: Path) -> Path:
    path = tmp / "ansi.csv"
    path.write_bytes(
        b"kode_instansi;kode_indikator;tahun;triwulan;nilai\n31;PDN;2023;4;40\n\xff\xfe\xfa;x\n"
    )
    return path


def ten_thousand_columns(tmp: Path) -> Path:
    header = [*LONG_HEADER, *(f"kolom{i}" for i in range(10_000))]
    return make_xlsx(tmp / "lebar_sekali.xlsx", [header, ["31", "PDN", 2023, 4, 40]])


def stray_far_cell(tmp: Path) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    ws.append(LONG_HEADER)
    ws.append(["31", "PDN", 2023, 4, 40])
    ws.cell(row=190_000, column=900, value="x")
    path = tmp / "sel_jauh.xlsx"
    wb.save(path)
    return path


def external_link_formula(tmp: Path) -> Path:
    rows = [
        LONG_HEADER,
        ["31", "PDN", 2023, 4, "='[1]Sheet1'!A1"],
        ["31", "IRB", 2023, 4, '=WEBSERVICE("http://127.0.0.1:9/x")'],
    ]
    return make_xlsx(tmp / "tautan_luar.xlsx", rows)


def row_bomb(tmp: Path) -> Path:
    rows = b"".join(
        b'<row r="%d"><c r="A%d"><v>1</v></c></row>' % (i, i) for i in range(1, 300_001)
    )
    sheet = (
        b'<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/'
        b'2006/main"><sheetData>' + rows + b"</sheetData></worksheet>"
    )
    path = _valid(tmp / "bom.xlsx")
    rewrite_zip(path, {"xl/worksheets/sheet1.xml": sheet})
    return path


def ods_repeat_bomb(tmp: Path) -> Path:
    # A few hundred bytes that calamine would expand into 100,000 × 900 cells.
    return make_ods(tmp / "ulang.ods", [LONG_HEADER, ([OdsCell(1.0, repeat=900)], 100_000)])


def ods_zip_bomb(tmp: Path) -> Path:
    # content.xml of 450 MB of spaces (past the 400 MB default): about 450 KB compressed.
    made = make_ods(tmp / "biasa.ods", [LONG_HEADER, ["31", "PDN", 2023, 4, 40]])
    source = zipfile.ZipFile(made)
    head, tail = source.read("content.xml").split(b"<office:body>", 1)
    path = tmp / "zip_bom.ods"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            if info.filename != "content.xml":
                target.writestr(info, source.read(info))
        with target.open("content.xml", "w", force_zip64=True) as fh:
            fh.write(head + b"<office:body>")
            for _ in range(450):
                fh.write(b" " * 1_000_000)
            fh.write(tail)
    return path


def _ods_with(tmp: Path, name: str, change) -> Path:
    """A small valid .ods whose content.xml is changed by `change` (text → text)."""
    path = make_ods(tmp / name, [LONG_HEADER, ["31", "PDN", 2023, 4, 40]])
    content = zipfile.ZipFile(path).read("content.xml").decode()
    rewrite_zip(path, {"content.xml": change(content).encode()})
    return path


_END = "</table:table></office:spreadsheet>"


def _big_row(rows: str, cells: str, cell_attrs: str) -> str:
    # 8,000 rows × 900 cells once calamine expands the repeats: 7.2 million cells.
    return (
        f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
        f'table:number-columns-repeated="{cells}" {cell_attrs}/></table:table-row>'
    )


def ods_value_without_type(tmp: Path) -> Path:
    # calamine reads office:value even without office:value-type (found in review).
    return _ods_with(
        tmp,
        "tanpa_tipe.ods",
        lambda c: c.replace(_END, _big_row("8000", "900", 'office:value="1"') + _END),
    )


def ods_plus_signed_repeats(tmp: Path) -> Path:
    # "+8000" is 8000 to calamine (found in review).
    row = _big_row("+8000", "+900", 'office:value-type="float" office:value="1"')
    return _ods_with(tmp, "plus.ods", lambda c: c.replace(_END, row + _END))


def ods_table_prefix_elsewhere(tmp: Path) -> Path:
    # calamine matches "table:" as written, whatever namespace it is bound to (found in review).
    row = _big_row("8000", "900", 'office:value-type="float" office:value="1"')
    uri = 'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
    return _ods_with(
        tmp,
        "awalan.ods",
        lambda c: c.replace(uri, 'xmlns:table="urn:example:other"').replace(_END, row + _END),
    )


def ods_table_in_a_cell(tmp: Path) -> Path:
    # A table inside a cell once ended the measuring of the sheet around it (found in review).
    inner = (
        '<table:table-cell><table:table table:name="sub"><table:table-row><table:table-cell/>'
        "</table:table-row></table:table></table:table-cell>"
    )
    row = _big_row("8000", "900", 'office:value-type="float" office:value="1"')
    return _ods_with(
        tmp,
        "bersarang.ods",
        lambda c: c.replace("</table:table-row>", inner + "</table:table-row>", 1).replace(
            _END, row + _END
        ),
    )


def ods_entity_expansion(tmp: Path) -> Path:
    path = make_ods(tmp / "entitas.ods", [LONG_HEADER, ["31", "PDN", 2023, 4, 40]])
    content = zipfile.ZipFile(path).read("content.xml")
    dtd = b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]>'
    rewrite_zip(path, {"content.xml": content.replace(b"?>", b"?>" + dtd, 1)})
    return path


def _xls_far(tmp: Path, name: str, hidden: bool) -> Path:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    sheet.write(0, 0, "kode_indikator")
    if hidden:  # calamine builds every sheet of an .xls when it opens it, hidden or not
        sheet = book.add_sheet("Lain")
        sheet.visibility = 1
    sheet.write(65535, 255, 1)  # a 6 KB file, 1.2 GB in calamine's grid
    path = tmp / name
    book.save(str(path))
    return path


def xls_far_cell(tmp: Path) -> Path:
    return _xls_far(tmp, "jauh.xls", hidden=False)


def xls_hidden_far_sheet(tmp: Path) -> Path:
    return _xls_far(tmp, "tersembunyi.xls", hidden=True)


def xls_inverted_dimensions(tmp: Path) -> Path:
    # First row after the last: calamine asks for 859 GB and aborts the process.
    import olefile
    import xlwt

    book = xlwt.Workbook()
    book.add_sheet("Data").write(0, 0, "kode_indikator")
    made = tmp / "asli.xls"
    book.save(str(made))
    data = made.read_bytes()
    old = olefile.OleFileIO(io.BytesIO(data)).openstream("Workbook").read()
    new, at = bytearray(old), 0
    while at + 4 <= len(new):
        kind, size = struct.unpack_from("<HH", new, at)
        if kind == 0x0200:  # DIMENSIONS
            struct.pack_into("<IIHH", new, at + 4, 32768, 4, 0, 5)
        at += 4 + size
    start = data.find(old[:512])  # xlwt writes the stream in one piece
    path = tmp / "terbalik.xls"
    path.write_bytes(data[:start] + bytes(new) + data[start + len(old) :])
    return path


def xlsx_bomb_named_ods(tmp: Path) -> Path:
    # calamine tries its .xlsx reader before the .ods one: a content.xml must not hide the rest.
    path = tmp / "campuran.ods"
    far = stray_far_cell(tmp)
    rewrite_zip(far, {"content.xml": b"<x/>"})
    path.write_bytes(far.read_bytes())
    return path


def xlsx_bomb_named_xls(tmp: Path) -> Path:
    # calamine reads by content: the name must not decide which pre-scan runs.
    path = tmp / "bukan_xls.xls"
    path.write_bytes(stray_far_cell(tmp).read_bytes())
    return path


CORPUS = {
    corrupt_zip: "corrupt_file",
    pdf_named_xls: "not_spreadsheet",  # the bytes decide (issue 14); an .xlsx named .csv is read
    huge_shared_strings: "too_many_strings",
    entity_expansion: "corrupt_file",
    deeply_nested_xml: None,  # any refusal naming the file's problem
    invalid_utf8_csv: "csv_encoding",  # these bytes are Windows-1252 text
    ten_thousand_columns: "too_many_columns",
    stray_far_cell: "too_many_cells",
    external_link_formula: "formula_without_value",
    row_bomb: "too_many_rows",
    ods_repeat_bomb: "too_many_cells",
    ods_zip_bomb: "unpacked_too_large",
    ods_entity_expansion: "corrupt_file",
    xls_far_cell: "too_many_cells",
    xlsx_bomb_named_xls: "too_many_cells",
    xls_hidden_far_sheet: "too_many_cells",
    xls_inverted_dimensions: "corrupt_file",
    xlsx_bomb_named_ods: "too_many_cells",
    ods_value_without_type: "too_many_cells",
    ods_plus_signed_repeats: "too_many_cells",
    ods_table_prefix_elsewhere: "too_many_cells",
    ods_table_in_a_cell: "corrupt_file",
}


@pytest.mark.parametrize("make", CORPUS, ids=[f.__name__ for f in CORPUS])
def test_hostile_file_is_refused_in_bounded_memory(make, sqlite_engine, tmp_path):
    from sqlalchemy import func, select

    from etl.store import schema

    path = make(tmp_path)
    url = sqlite_engine.url.render_as_string(hide_password=False)
    with sqlite_engine.connect() as conn:
        before = conn.execute(select(func.count()).select_from(schema.submission)).scalar()
    refused_in_child(url, path, CORPUS[make], PEAK_MB_BOUND)
    with sqlite_engine.connect() as conn:
        after = conn.execute(select(func.count()).select_from(schema.submission)).scalar()
    assert after == before


def test_csv_with_a_giant_field_is_refused_clearly(sqlite_engine, tmp_path):
    from etl.ingest import ingest_path

    path = tmp_path / "raksasa.csv"
    path.write_bytes(
        b'kode_instansi,kode_indikator,tahun,triwulan,nilai,catatan\n31,PDN,2023,4,40,"'
        + b"x" * 200_000
        + b'"\n'
    )
    result = ingest_path(sqlite_engine, path)
    assert result.status == "rejected" and result.issues[0].code == "corrupt_file"
    assert "CSV" in result.issues[0].message_en
