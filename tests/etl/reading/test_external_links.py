"""Issue 13 #11: a workbook whose formulas read other workbooks or DDE sources (cmd|...) is read
by its cached values, never by following the link, and the clerk is told so."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from builders import long_rows, make_xlsx

from etl.ingest import Upload, ingest_path

DDE_LINK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    b'<ddeLink ddeService="cmd" ddeTopic="/c calc"><ddeItems><ddeItem name="A0"/></ddeItems>'
    b"</ddeLink></externalLink>"
)


def _with_part(path, name: str, content: bytes):
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, source.read(info.filename))
        target.writestr(name, content)
    path.write_bytes(out.getvalue())
    return path


def test_linked_workbook_is_read_by_cached_values_with_a_warning(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "tautan.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    _with_part(path, "xl/externalLinks/externalLink1.xml", DDE_LINK)
    result = ingest_path(sqlite_engine, path, Upload())
    assert result.status == "accepted", result.issues
    warning = [i for i in result.issues if i.code == "external_links"]
    assert len(warning) == 1 and warning[0].severity == "warning"
    assert "tidak pernah diikuti" in warning[0].message_id
    assert "never followed" in warning[0].message_en


def test_a_workbook_without_links_carries_no_such_warning(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "biasa.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    result = ingest_path(sqlite_engine, path, Upload())
    assert "external_links" not in {i.code for i in result.issues}


def _with_formula(path, formula: str):
    """The workbook with E4's value given a formula (its cached value kept), no link part."""
    source = zipfile.ZipFile(io.BytesIO(path.read_bytes()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(
                    b'<c r="E4" t="n"><v>', f'<c r="E4"><f>{formula}</f><v>'.encode()
                )
            target.writestr(info.filename, data)
    path.write_bytes(out.getvalue())
    return path


def _warned(engine, path) -> bool:
    result = ingest_path(engine, path, Upload())
    assert result.status == "accepted", result.issues
    return "external_links" in {i.code for i in result.issues}


@pytest.mark.parametrize(
    "formula", ["cmd|' /C calc'!A0", "[1]Sheet1!A1", "'file:///C:/x.xlsx'#$A.A1"]
)
def test_a_linked_formula_without_a_link_part_is_warned(sqlite_engine, tmp_path, formula):
    # Issue 13 #11: a DDE or external formula typed into a cell, the package holding no
    # externalLinks part: still read by its cached value, and the clerk is told.
    path = make_xlsx(tmp_path / "dde.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    assert _warned(sqlite_engine, _with_formula(path, formula))


def test_an_ordinary_formula_is_no_link(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "biasa.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    assert not _warned(sqlite_engine, _with_formula(path, "SUM(C4:D4)*2"))


def test_a_dde_formula_in_an_ods_is_warned(sqlite_engine, tmp_path):
    from builders import LONG_HEADER, OdsCell, make_ods

    rows = [
        LONG_HEADER,
        ["31", "PDN", 2023, 4, OdsCell(40.0, formula='of:=DDE("cmd";"/c calc";"A0")')],
    ]
    assert _warned(sqlite_engine, make_ods(tmp_path / "dde.ods", rows))
    plain = [LONG_HEADER, ["31", "PDN", 2023, 4, OdsCell(40.0, formula="of:=20*2")]]
    assert not _warned(sqlite_engine, make_ods(tmp_path / "biasa.ods", plain))


def _xls_with_supbook(tmp_path):
    """An xlwt .xls whose globals carry a SUPBOOK naming another workbook (what Excel writes
    for a formula like ='[data.xls]Sheet1'!A1), the sheets' offsets moved along."""
    import olefile
    import xlwt
    from builders import LONG_HEADER, make_ole

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for r, row in enumerate([LONG_HEADER, ["31", "PDN", 2023, 4, 40]]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    buf = io.BytesIO()
    book.save(buf)
    stream = olefile.OleFileIO(io.BytesIO(buf.getvalue())).openstream("Workbook").read()
    path, name = b"\x01data.xls", b"Sheet1"
    body = struct.pack("<HHB", 1, len(path), 0) + path + struct.pack("<HB", len(name), 0) + name
    supbook = struct.pack("<HH", 0x01AE, len(body)) + body
    out, at, inserted = bytearray(), 0, False
    while at < len(stream):
        kind, size = struct.unpack_from("<HH", stream, at)
        record = bytearray(stream[at : at + 4 + size])
        if kind == 0x0085:  # BOUNDSHEET: its sheet's offset moves by the inserted record
            struct.pack_into("<I", record, 4, struct.unpack_from("<I", record, 4)[0] + len(supbook))
        if kind == 0x000A and not inserted:  # the globals' EOF
            out += supbook
            inserted = True
        out += record
        at += 4 + size
    return make_ole(tmp_path / "tautan.xls", {"Workbook": bytes(out)})


def test_an_xls_referring_to_another_workbook_is_warned(sqlite_engine, tmp_path):
    assert _warned(sqlite_engine, _xls_with_supbook(tmp_path))
