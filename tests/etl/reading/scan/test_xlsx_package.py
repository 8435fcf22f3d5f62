"""The parts calamine reads are the parts the pre-scan measures (etl.reading.scan.xlsx_package,
the .xls stream in etl.reading.scan.xls). The first tests hold python-calamine to the rules the
scan copies: an upgrade that changes one fails here, not in production."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import openpyxl
import pytest
import python_calamine
from builders import (
    FAR_SHEET,
    LONG_HEADER,
    SPREADSHEETML,
    make_ole,
    make_xlsx,
    rewrite_zip,
    xls_stream,
)

from etl.core.issues import UploadError
from etl.reading.sandbox import read_upload
from etl.reading.scan.base import Limits
from etl.reading.scan.xls import scan_xls
from etl.reading.scan.xlsx import scan_xlsx

LIMITS = Limits(
    max_bytes=20 << 20, max_rows=200_000, max_unpacked_bytes=500 << 20, max_columns=16384
)


def one_cell(value: int) -> bytes:
    return (
        f'<worksheet xmlns="{SPREADSHEETML}"><sheetData><row r="1"><c r="A1"><v>{value}</v></c></row>'
        "</sheetData></worksheet>"
    ).encode()


def base(tmp_path: Path) -> Path:
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.active["A1"] = 1
    wb.save(tmp_path / "dasar.xlsx")
    return tmp_path / "dasar.xlsx"


def calamine_cell(data: bytes):
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    return book.get_sheet_by_name(book.sheet_names[0]).to_python()[0][0]


@pytest.mark.parametrize("twin", ["xl/worksheets/Sheet1.xml", "xl\\worksheets\\sheet1.xml"])
def test_calamine_reads_the_last_entry_that_matches_ignoring_case_and_backslashes(tmp_path, twin):
    data = rewrite_zip(base(tmp_path), {}, add={twin: one_cell(2)}).read_bytes()
    assert calamine_cell(data) == 2.0  # the twin, not the sheet1.xml its rels name
    with pytest.raises(UploadError) as caught:
        scan_xlsx(data, LIMITS)
    assert caught.value.issues[0].code == "corrupt_file"
    assert twin in caught.value.issues[0].message_en


def redirected(tmp_path: Path, sheet: bytes, target: str = "worksheets/sheet1.xml") -> bytes:
    path = base(tmp_path)
    parts = zipfile.ZipFile(path)
    root = parts.read("_rels/.rels").replace(b"xl/workbook.xml", b"/Book/workbook.xml")
    rels = parts.read("xl/_rels/workbook.xml.rels")
    rels = rels.replace(b'"/xl/worksheets/sheet1.xml"', f'"{target}"'.encode())
    moved = {
        "_rels/.rels": root,
        "book/workbook.xml": parts.read("xl/workbook.xml").replace(b'"Data"', b'"Lain"'),
        "book/_rels/workbook.xml.rels": rels,
        "book/" + target: sheet,
    }
    return rewrite_zip(path, moved).read_bytes()


def test_calamine_finds_the_workbook_in_the_folder_of_the_package_root(tmp_path):
    data = redirected(tmp_path, one_cell(3))
    book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    assert book.sheet_names == ["Lain"] and calamine_cell(data) == 3.0
    assert list(scan_xlsx(data, LIMITS).sheets) == ["Lain"]
    with pytest.raises(UploadError) as caught:
        scan_xlsx(redirected(tmp_path, FAR_SHEET), LIMITS)
    assert caught.value.issues[0].code == "too_many_rows"


def test_targets_are_taken_literally_as_calamine_takes_them(tmp_path):
    # No %-decoding: calamine reads the entry named sheet%31.xml, not the sheet1.xml beside it.
    def package(sheet: bytes) -> bytes:
        redirected(tmp_path, sheet, target="worksheets/sheet%31.xml")
        beside = {"book/worksheets/sheet1.xml": one_cell(4)}
        return rewrite_zip(tmp_path / "dasar.xlsx", beside).read_bytes()

    assert calamine_cell(package(one_cell(5))) == 5.0
    with pytest.raises(UploadError) as caught:
        scan_xlsx(package(FAR_SHEET), LIMITS)
    assert caught.value.issues[0].code == "too_many_rows"


def test_calamine_reads_the_xls_stream_of_its_exact_name(tmp_path):
    path = make_ole(
        tmp_path / "kembar.xls", {"workbook": xls_stream(False), "Book": xls_stream(True)}
    )
    book = python_calamine.CalamineWorkbook.from_path(str(path))
    assert len(book.get_sheet_by_name("Data").to_python()) == 65536  # "Book", not "workbook"
    with pytest.raises(UploadError) as caught:
        scan_xls(path.read_bytes(), LIMITS)
    assert caught.value.issues[0].code == "too_many_cells"
    harmless = make_ole(tmp_path / "biasa.xls", {"Workbook": xls_stream(False)})
    assert list(scan_xls(harmless.read_bytes(), LIMITS).sheets) == ["Data"]


def test_data_rows_over_the_limit_across_sheets_are_refused_naming_them(tmp_path):
    rows = [LONG_HEADER, *(["31", "PDN", 2023, 4, i] for i in range(60))]
    # No sheet named Data: both are read.
    path = make_xlsx(tmp_path / "dua.xlsx", rows, sheet="Jalan", extra_sheets={"Air": rows})
    limits = Limits(max_bytes=10**7, max_rows=100, max_unpacked_bytes=10**8, max_columns=100)
    with pytest.raises(UploadError) as caught:
        read_upload(path.name, path.read_bytes(), limits)
    issue = caught.value.issues[0]
    assert issue.code == "too_many_rows_in_file"
    assert "Jalan, Air" in issue.message_id and "Jalan, Air" in issue.message_en
    assert read_upload(path.name, path.read_bytes(), Limits(10**7, 120, 10**8, 100)).sheets


REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def two_parts(tmp_path: Path, sheets: str, second: bytes) -> bytes:
    """The base workbook with `sheets` as the <workbook> content, rId1 → sheet1.xml (A1 = 1)
    and rId2 → sheet2.xml (`second`)."""
    rel = '<Relationship Id="rId{0}" Type="{1}/worksheet" Target="worksheets/sheet{0}.xml"/>'
    rels = "".join(rel.format(i, REL) for i in (1, 2))
    return rewrite_zip(
        base(tmp_path),
        {
            "xl/workbook.xml": f'<workbook xmlns="{SPREADSHEETML}" xmlns:r="{REL}">{sheets}'
            "</workbook>".encode(),
            "xl/_rels/workbook.xml.rels": b'<Relationships xmlns="http://schemas.openxmlformats'
            b'.org/package/2006/relationships">' + rels.encode() + b"</Relationships>",
            "xl/worksheets/sheet2.xml": second,
        },
    ).read_bytes()


def test_the_last_id_attribute_names_the_relationship_as_for_calamine(tmp_path):
    sheets = '<sheets><sheet name="Data" sheetId="1" r:id="rId1" id="rId2"/></sheets>'
    assert calamine_cell(two_parts(tmp_path, sheets, one_cell(2))) == 2.0
    with pytest.raises(UploadError) as caught:
        scan_xlsx(two_parts(tmp_path, sheets, FAR_SHEET), LIMITS)
    assert caught.value.issues[0].code == "too_many_rows"


def test_a_sheet_outside_sheets_counts_and_a_twice_used_name_is_refused(tmp_path):
    # calamine finds <sheet> at any depth and reads the first of two sheets of one name.
    hidden = '<extLst><sheet name="Data" sheetId="2" r:id="rId2"/></extLst>'
    sheets = hidden + '<sheets><sheet name="Data" sheetId="1" r:id="rId1"/></sheets>'
    data = two_parts(tmp_path, sheets, one_cell(2))
    assert calamine_cell(data) == 2.0
    with pytest.raises(UploadError) as caught:
        scan_xlsx(data, LIMITS)
    assert "two sheets named Data" in caught.value.issues[0].message_en
    with pytest.raises(UploadError) as caught:
        scan_xlsx(two_parts(tmp_path, sheets, FAR_SHEET), LIMITS)
    assert caught.value.issues[0].code == "too_many_rows"
