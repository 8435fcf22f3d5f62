"""etl.reading.scan.xlsx on real workbooks: openpyxl-saved files and zips written by hand."""

from __future__ import annotations

import dataclasses
import io
import struct
import time
import tracemalloc
import zipfile
from collections.abc import Iterable
from pathlib import Path

import openpyxl
import pytest
import python_calamine

from etl.core.issues import UploadError
from etl.reading.scan import xlsx as xlsx_scan
from etl.reading.scan import xlsx_sheet
from etl.reading.scan.base import Limits
from etl.reading.scan.xlsx import scan_xlsx

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SHEET_REL = REL + "/worksheet"
# max_cells out of the way: these tests measure rows and columns, not areas.
LIMITS = Limits(
    max_bytes=20 << 20,
    max_rows=200_000,
    max_unpacked_bytes=500 << 20,
    max_columns=16384,
    max_cells=10**12,
)


def saved(wb: openpyxl.Workbook, tmp_path: Path) -> bytes:
    path = tmp_path / "upload.xlsx"
    wb.save(path)
    return path.read_bytes()


def sheet_xml(rows: str, prefix: str = "") -> bytes:
    root = f"{prefix}:worksheet xmlns:{prefix}" if prefix else "worksheet xmlns"
    end = f"{prefix}:" if prefix else ""
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{root}="{MAIN}">'
        f"<{end}sheetData>{rows}</{end}sheetData></{end}worksheet>"
    ).encode()


def styles_xml(*num_fmt_ids: int, custom: dict[int, str] | None = None) -> bytes:
    fmts = "".join(
        f'<numFmt numFmtId="{i}" formatCode="{code}"/>' for i, code in (custom or {}).items()
    )
    xfs = "".join(f'<xf numFmtId="{i}" fontId="0" fillId="0" borderId="0"/>' for i in num_fmt_ids)
    return f'<styleSheet xmlns="{MAIN}"><numFmts>{fmts}</numFmts><cellXfs>{xfs}</cellXfs></styleSheet>'.encode()


def workbook(
    sheets: dict[str, bytes | Iterable[bytes]],
    *,
    styles: bytes | None = None,
    extra: dict[str, bytes] | None = None,
    workbook_xml: bytes | None = None,
    rels: list[tuple[str, str, str]] | None = None,
) -> bytes:
    """A minimal .xlsx; a sheet given as an iterable of chunks is streamed into the zip."""
    entries = "".join(
        f'<sheet name="{name}" sheetId="{i}" r:id="rId{i}"/>' for i, name in enumerate(sheets, 1)
    )
    rels = rels or [
        (f"rId{i}", SHEET_REL, f"worksheets/sheet{i}.xml") for i in range(1, len(sheets) + 1)
    ]
    rel_xml = "".join(f'<Relationship Id="{i}" Type="{t}" Target="{p}"/>' for i, t, p in rels)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(
            "xl/workbook.xml",
            workbook_xml
            or f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets>{entries}</sheets></workbook>'.encode(),
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rel_xml}</Relationships>',
        )
        if styles is not None:
            zf.writestr("xl/styles.xml", styles)
        for i, body in enumerate(sheets.values(), 1):
            if isinstance(body, bytes):
                zf.writestr(f"xl/worksheets/sheet{i}.xml", body)
            else:
                with zf.open(f"xl/worksheets/sheet{i}.xml", "w") as fh:
                    for chunk in body:
                        fh.write(chunk)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return buf.getvalue()


def raised(data: bytes, **limits: int) -> UploadError:
    with pytest.raises(UploadError) as caught:
        scan_xlsx(data, dataclasses.replace(LIMITS, **limits))
    return caught.value


# --- what calamine cannot see ----------------------------------------------------------------


def test_percent_cells_are_found_by_number_format(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    cells = {
        "B2": (0.85, "0%"),
        "B3": (0.1234, "0.00%"),
        "B4": (0.85, "General"),
        "B5": (0.5, "0.0%"),  # custom format id
        "B6": (0.5, '0.0"%"'),  # a quoted % is printed, not applied
        "B7": ("85%", "0%"),  # text keeps its value whatever the format
        "B8": (0.5, "[Red]0.0%;[Blue]-0.0%"),
        "B9": (0.5, "0.0\\%"),  # escaped
    }
    for ref, (value, fmt) in cells.items():
        ws[ref] = value
        ws[ref].number_format = fmt
    ws["A1"] = "nilai"

    scan = scan_xlsx(saved(wb, tmp_path), LIMITS)

    assert scan.sheets["Data"].percent_cells == {"B2", "B3", "B5", "B8"}


def test_formula_saved_by_openpyxl_has_no_cached_value(tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = 2
    ws["B1"] = "=A1*2"
    ws["B2"] = "=SUM(A1:A1)"
    ws["C1"] = "plain text"

    sheet = scan_xlsx(saved(wb, tmp_path), LIMITS).sheets["Sheet"]

    assert sheet.formulas_without_value == {"B1", "B2"}
    assert sheet.percent_cells == set()


def test_formulas_with_cached_values_are_not_reported():
    rows = (
        '<row r="1">'
        '<c r="A1"><f>1+1</f><v>2</v></c>'
        '<c r="B1"><f t="shared" ref="B1:B2" si="0">A1*2</f><v>4</v></c>'
        '<c r="C1" t="str"><f>IF(A1=0,"x","")</f><v></v></c>'  # cached empty string
        '<c r="D1" t="inlineStr"><f>"hi"</f><is><t>hi</t></is></c>'
        '<c r="E1"><f>A1</f></c>'  # missing
        '<c s="0" r="F1"><f t="shared" si="1"/><v/></c>'  # empty, attributes reordered
        '<c r="G1" t="str"><f>A1&amp;"x"</f></c>'  # missing even with t="str"
        '<c r="H1"><f>IF(A1&gt;0,1,0)</f>\n  <v>1</v>\n</c>'
        "</row>"
        '<row r="2"><c r="B2"><f t="shared" si="0"/><v>4</v></c><c r="E2"><f>A1</f><v></v></c></row>'
    )
    scan = scan_xlsx(workbook({"Data": sheet_xml(rows)}), LIMITS)

    assert scan.sheets["Data"].formulas_without_value == {"E1", "F1", "G1", "E2"}


def test_hidden_sheets_are_flagged(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Petunjuk"
    wb.create_sheet("Referensi").sheet_state = "hidden"
    wb.create_sheet("Rahasia").sheet_state = "veryHidden"
    wb.create_sheet("Data")["A1"] = 1

    scan = scan_xlsx(saved(wb, tmp_path), LIMITS)

    assert list(scan.sheets) == ["Petunjuk", "Referensi", "Rahasia", "Data"]
    assert {n: s.hidden for n, s in scan.sheets.items()} == {
        "Petunjuk": False,
        "Referensi": True,
        "Rahasia": True,
        "Data": False,
    }
    assert not scan.has_external_links
    assert not scan.has_macros


def test_sheet_names_are_the_ones_calamine_reports(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Data & Isian"
    wb.create_sheet("Realisasi 'TW1'")
    data = saved(wb, tmp_path)

    calamine = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))

    assert list(scan_xlsx(data, LIMITS).sheets) == calamine.sheet_names


def test_rows_count_only_rows_with_cells():
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="2"/><row r="3" ht="30"></row>'
        '<row r="4">\n </row><row r="5" spans="1:3"><c r="C5" s="1"/></row>'
    )
    data = workbook({"Data": sheet_xml(rows)})
    sheet = scan_xlsx(data, LIMITS).sheets["Data"]

    # The formatted but empty C5 is no cell of calamine's grid: its height and width are 1.
    assert (sheet.rows, sheet.max_column, sheet.max_row) == (2, 1, 1)


def test_cells_without_r_are_placed_by_position():
    rows = (
        '<row><c><v>1</v></c><c s="1"><v>0.5</v></c></row>'
        '<row r="5"><c t="s"><v>0</v></c><c><f>A1</f></c><c s="1" t="s"><v>1</v></c></row>'
        '<row><c r="C6" s="1"><v>0.1</v></c><c s="1"><v>0.2</v></c></row>'
    )
    data = workbook({"Data": sheet_xml(rows)}, styles=styles_xml(0, 10))

    sheet = scan_xlsx(data, LIMITS).sheets["Data"]

    assert sheet.percent_cells == {"B1", "C6", "D6"}
    assert sheet.formulas_without_value == {"B5"}
    assert (sheet.rows, sheet.max_column, sheet.max_row) == (3, 4, 6)


def test_percent_style_zero_applies_to_cells_without_s():
    rows = '<row r="1"><c r="A1"><v>0.5</v></c><c r="B1" s="1"><v>2</v></c></row>'
    data = workbook({"Data": sheet_xml(rows)}, styles=styles_xml(9, 0))

    assert scan_xlsx(data, LIMITS).sheets["Data"].percent_cells == {"A1"}


def test_namespace_prefixed_sheet():
    rows = (
        '<x:row r="1"><x:c r="A1" s="1"><x:v>0.85</x:v></x:c><x:c r="B1"><x:f>A1</x:f></x:c>'
        '</x:row><x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row>'
    )
    data = workbook(
        {"Data": sheet_xml(rows, prefix="x")}, styles=styles_xml(0, 164, custom={164: "0.0%"})
    )

    sheet = scan_xlsx(data, LIMITS).sheets["Data"]

    assert (sheet.percent_cells, sheet.formulas_without_value, sheet.rows) == ({"A1"}, {"B1"}, 2)


def mixed_rows(n: int) -> tuple[str, set[str], set[str]]:
    """Rows of every kind the scanner handles, and the percent and no-result refs in them."""
    out, percent, missing = [], set(), set()
    for i in range(1, n + 1):
        if i % 97 == 0:
            out.append(f'<row r="{i}"/>')
            continue
        # Every fifth row omits r on the row and its cells: they are placed by position.
        bare = i % 5 == 0
        row = "<row>" if bare else f'<row r="{i}" spans="1:4">'
        ref = {col: "" if bare else f' r="{col}{i}"' for col in "ABCD"}
        pct = ' s="1"' if i % 7 == 0 else ""
        formula = f"<f>A{i}</f>" if i % 11 == 0 else f"<f>A{i}</f><v>{i}</v>"
        text = ' t="inlineStr"' if i % 13 == 0 else ""
        value = "<is><t>teks &amp; nilai</t></is>" if text else f"<v>{i / 1000}</v>"
        out.append(
            f'{row}<c{ref["A"]} t="s"><v>0</v></c><c{ref["B"]}{pct}{text}>{value}</c>'
            f'<c s="0"{ref["C"]}>{formula}</c><c{ref["D"]}{pct}/></row>'
        )
        percent |= {f"B{i}", f"D{i}"} if pct and not text else {f"D{i}"} if pct else set()
        missing |= {f"C{i}"} if i % 11 == 0 else set()
    return "".join(out), percent, missing


@pytest.mark.parametrize("chunk", [7, 61, 4096, 1 << 20])
def test_tags_split_across_chunks_are_not_missed(monkeypatch, chunk):
    rows, percent, missing = mixed_rows(3000)
    data = workbook({"Data": sheet_xml(rows)}, styles=styles_xml(0, 9))
    monkeypatch.setattr(xlsx_scan, "CHUNK", chunk)

    sheet = scan_xlsx(data, LIMITS).sheets["Data"]

    # Column D holds only formatted empty cells: calamine's grid ends at C.
    assert (sheet.rows, sheet.max_column, sheet.max_row) == (3000 - 3000 // 97, 3, 3000)
    assert "B91" not in sheet.percent_cells  # text
    assert sheet.percent_cells == percent
    assert sheet.formulas_without_value == missing


def test_window_stays_bounded_inside_a_huge_cell(monkeypatch):
    monkeypatch.setattr(xlsx_scan, "CHUNK", 1000)
    monkeypatch.setattr(xlsx_sheet, "MAX_CARRY", 5000)
    rows = (
        f'<row r="1"><c r="A1" t="inlineStr"><is><t>{"x" * 100_000}</t></is></c></row>'
        '<row r="2"><c r="A2" s="1"><v>0.5</v></c><c r="B2"><f>A2</f></c></row>'
    )
    data = workbook({"Data": sheet_xml(rows)}, styles=styles_xml(0, 9))

    sheet = scan_xlsx(data, LIMITS).sheets["Data"]

    assert (sheet.rows, sheet.percent_cells, sheet.formulas_without_value) == (2, {"A2"}, {"B2"})


# --- bombs ----------------------------------------------------------------------------------


def numbered_rows(start: int, stop: int) -> Iterable[bytes]:
    for first in range(start, stop, 10_000):
        yield "".join(
            f'<row r="{i}"><c r="A{i}" t="n"><v>1</v></c><c r="B{i}"><v>2</v></c></row>'
            for i in range(first, min(first + 10_000, stop))
        ).encode()


def test_row_bomb_is_refused_early_with_little_memory():
    def body() -> Iterable[bytes]:
        yield sheet_xml("").split(b"</sheetData>")[0]
        yield from numbered_rows(1, 250_000)
        # A scan that read on to here before checking rows would fail on this column instead.
        yield b'<row r="250000"><c r="ZZZ5"><v>1</v></c></row>'
        yield from numbered_rows(250_001, 300_001)
        yield b"</sheetData></worksheet>"

    data = workbook({"Data": body()})
    assert len(data) < 5 << 20

    tracemalloc.start()
    try:
        error = raised(data, max_rows=200_000)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()

    assert [i.code for i in error.issues] == ["too_many_rows"]
    assert error.issues[0].sheet == "Data"
    assert "200000" in error.issues[0].message_en
    assert peak < 50 << 20


def test_bomb_of_rows_without_references_is_refused_quickly():
    block = b"<row><c><v>1</v></c><c><v>2</v></c></row>" * 25_000  # ~1 MB

    def body() -> Iterable[bytes]:
        yield sheet_xml("").split(b"</sheetData>")[0]
        for _ in range(60):  # 1.5 million rows, 60 MB unpacked
            yield block
        yield b"</sheetData></worksheet>"

    data = workbook({"Data": body()})
    assert len(data) < 1 << 20

    started = time.perf_counter()
    assert raised(data, max_rows=200_000).issues[0].code == "too_many_rows"
    assert time.perf_counter() - started < 10


def test_sparse_cell_far_down_is_refused():
    # calamine allocates every row down to the last cell: 2 rows here, a million to it.
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c></row><row r="1000000"><c r="H1000000"><v>1</v></c></row>'
    )
    assert raised(workbook({"Data": sheet_xml(rows)})).issues[0].code == "too_many_rows"
    ordered_out = '<row r="9"><c r="A999999"><v>1</v></c><c r="B9"><v>1</v></c></row>'
    assert raised(workbook({"Data": sheet_xml(ordered_out)})).issues[0].code == "too_many_rows"


def test_rows_within_limit_plus_header_area_pass():
    def body() -> Iterable[bytes]:
        yield sheet_xml("").split(b"</sheetData>")[0]
        yield from numbered_rows(1, 1031)
        yield b"</sheetData></worksheet>"

    sheet = scan_xlsx(
        workbook({"Data": body()}),
        dataclasses.replace(LIMITS, max_rows=1000, max_unpacked_bytes=1 << 30),
    )
    assert sheet.sheets["Data"].rows == 1030
    assert raised(workbook({"Data": body()}), max_rows=999).issues[0].code == "too_many_rows"


def test_declared_size_over_limit_is_refused():
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>' * 30_000  # ~1.2 MB, compresses well
    error = raised(workbook({"Data": sheet_xml(rows)}), max_unpacked_bytes=1 << 20)

    assert [i.code for i in error.issues] == ["unpacked_too_large"]
    assert "1 MB" in error.issues[0].message_en


def test_streamed_size_over_limit_is_refused():
    # Each entry is within its declared size, but three sheets name the same part: calamine
    # would inflate it three times, and the scan counts what it actually inflates.
    part = sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>' * 10_000)
    rels = [(f"rId{i}", SHEET_REL, "worksheets/sheet1.xml") for i in (1, 2, 3)]
    data = workbook({"A": part, "B": b"", "C": b""}, rels=rels)
    declared = sum(i.file_size for i in zipfile.ZipFile(io.BytesIO(data)).infolist())
    assert declared < 2 * len(part)

    assert raised(data, max_unpacked_bytes=2 * len(part)).issues[0].code == "unpacked_too_large"


def test_lying_declared_size_is_not_trusted():
    rows = '<row r="1"><c r="A1"><v>1</v></c></row>' * 1000
    data = bytearray(workbook({"Data": sheet_xml(rows)}))
    # Shrink the central directory's uncompressed size of the sheet entry to 100 bytes.
    name = b"xl/worksheets/sheet1.xml"
    at = data.rindex(b"PK\x01\x02", 0, data.rindex(name))
    data[at + 24 : at + 28] = struct.pack("<I", 100)

    error = raised(bytes(data))

    assert error.issues[0].code == "corrupt_file"


# --- unreadable files ------------------------------------------------------------------------


def test_truncated_zip_is_corrupt(tmp_path):
    wb = openpyxl.Workbook()
    wb.active["A1"] = 1
    data = saved(wb, tmp_path)
    for broken in (data[: len(data) // 2], data[:-30], b"just some text, not a workbook"):
        error = raised(broken)
        assert error.issues[0].code == "corrupt_file"
        assert "Excel (.xlsx)" in error.issues[0].message_en


def test_zip_without_workbook_is_corrupt():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("word/document.xml", "<document/>")
    error = raised(buf.getvalue())
    assert error.issues[0].code == "corrupt_file"
    assert "xl/workbook.xml" in error.issues[0].detail


def test_malformed_sheet_xml_is_corrupt():
    data = workbook({"Data": b"<notasheet/>"})
    assert raised(data).issues[0].code == "corrupt_file"
    data = workbook({"Data": sheet_xml("")}, workbook_xml=b"<workbook><sheets>")
    assert raised(data).issues[0].code == "corrupt_file"


def test_ole_container_means_password_protected():
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 1024
    assert [i.code for i in raised(data).issues] == ["password_protected"]


def test_entity_expansion_in_workbook_xml_is_corrupt():
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE workbook [<!ENTITY a "lol">'
        b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]>'
        b'<workbook xmlns="' + MAIN.encode() + b'" xmlns:r="' + REL.encode() + b'"><sheets>'
        b'<sheet name="&c;" sheetId="1" r:id="rId1"/></sheets></workbook>'
    )
    error = raised(workbook({"Data": sheet_xml("")}, workbook_xml=laughs))
    assert error.issues[0].code == "corrupt_file"
    assert "xl/workbook.xml" in error.issues[0].detail


def test_dtd_in_sheet_is_corrupt():
    sheet = (
        b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]>' + sheet_xml("").split(b"?>", 1)[1]
    )
    assert raised(workbook({"Data": sheet})).issues[0].code == "corrupt_file"


def column_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def test_too_many_columns():
    cells = "".join(f'<c r="{column_letters(i)}1"><v>1</v></c>' for i in range(1, 20_001))
    error = raised(workbook({"Data": sheet_xml(f'<row r="1">{cells}</row>')}))

    assert [i.code for i in error.issues] == ["too_many_columns"]
    assert "20000" in error.issues[0].message_en and "16384" in error.issues[0].message_en


# --- the workbook around the sheets ----------------------------------------------------------


def test_external_links_macros_and_chartsheets():
    rels = [
        ("rId1", SHEET_REL, "worksheets/sheet1.xml"),
        ("rId2", REL + "/chartsheet", "chartsheets/sheet1.xml"),
    ]
    data = workbook(
        {"Data": sheet_xml('<row r="1"><c r="A1"><v>1</v></c></row>'), "Grafik": b""},
        rels=rels,
        extra={
            "xl/externalLinks/externalLink1.xml": b"<externalLink/>",
            "xl/vbaProject.bin": b"\x00" * 64,
            "xl/chartsheets/sheet1.xml": b"<chartsheet/>",
        },
    )

    scan = scan_xlsx(data, LIMITS)

    assert list(scan.sheets) == ["Data"]
    assert scan.has_external_links and scan.has_macros


def test_large_sheet_scans_fast():
    def body() -> Iterable[bytes]:
        yield sheet_xml("").split(b"</sheetData>")[0]
        yield from numbered_rows(1, 126_001)
        yield b"</sheetData></worksheet>"

    data = workbook({"Data": body()})
    started = time.perf_counter()
    sheet = scan_xlsx(data, LIMITS).sheets["Data"]
    elapsed = time.perf_counter() - started

    assert (sheet.rows, sheet.max_column, sheet.max_row) == (126_000, 2, 126_000)
    assert elapsed < 5  # ~0.15 s on a quiet machine; generous for shared CI


def test_absurdly_long_row_number_is_refused_not_a_crash():
    # 5,000 digits: past Python's int conversion limit, still a clear "too many rows".
    rows = f'<row r="1"><c r="A1"><v>1</v></c><c r="B{"9" * 5000}"><v>1</v></c></row>'
    assert raised(workbook({"Data": sheet_xml(rows)})).issues[0].code == "too_many_rows"
    # A row tag's number does not place a cell that carries its own r: calamine builds one row.
    tagged = f'<row r="{"9" * 5000}"><c r="A1"><v>1</v></c></row>'
    assert scan_xlsx(workbook({"Data": sheet_xml(tagged)}), LIMITS).sheets["Data"].max_row == 1


def test_widest_column_is_found_wherever_it_is():
    # The grid's width comes from the widest cell of any row, in upper or lower case letters.
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="C1"><v>1</v></c></row>'
        '<row r="2"><c r="b2"><v>1</v></c><c r="az2"><v>1</v></c></row>'
        '<row r="3"><c r="Z3"><v>1</v></c></row>'
    )
    scan = scan_xlsx(workbook({"Data": sheet_xml(rows)}), LIMITS)
    assert scan.sheets["Data"].max_column == 52


def test_tall_cell_inside_a_low_row_sizes_the_grid():
    # Found in review: r="B20000" inside <row r="1">, neither the widest nor the last cell.
    # calamine places it by its own r: 20,000 rows × 1,000 columns.
    rows = (
        '<row r="1"><c r="A1"><v>1</v></c><c r="ALL1"><v>1</v></c>'
        '<c r="B20000"><v>1</v></c><c r="C1"><v>1</v></c></row>'
    )
    scan = scan_xlsx(workbook({"Data": sheet_xml(rows)}), LIMITS)
    assert (scan.sheets["Data"].max_row, scan.sheets["Data"].max_column) == (20000, 1000)


def test_cells_under_another_prefix_than_the_sheet_are_refused():
    # Found in review: calamine reads cells whatever their prefix; the scan follows the root's.
    cells = '<row r="1"><c r="A1"><v>1</v></c><c r="ALL150000"><v>1</v></c></row>'
    mixed = (
        f'<?xml version="1.0"?><x:worksheet xmlns:x="{MAIN}" xmlns="{MAIN}">'
        f"<x:sheetData>{cells}</x:sheetData></x:worksheet>"
    ).encode()
    assert raised(workbook({"Data": mixed})).issues[0].code == "corrupt_file"
    prefixed = cells.replace("<row", "<y:row").replace("</row", "</y:row")
    prefixed = prefixed.replace("<c ", "<y:c ").replace("</c>", "</y:c>")
    other = (
        f'<?xml version="1.0"?><worksheet xmlns="{MAIN}" xmlns:y="{MAIN}">'
        f"<sheetData>{prefixed}</sheetData></worksheet>"
    ).encode()
    assert "prefix" in raised(workbook({"Data": other})).issues[0].detail
