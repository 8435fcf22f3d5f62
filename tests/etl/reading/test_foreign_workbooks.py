"""Odd but valid files are read, broken ones refused for the right cause (issue 14).

Each file is built here by a real writer (openpyxl, xlwt, odfpy through pandas) or made by hand
with its origin stated. Every refusal is asserted for its code, the cell or row it names, both
languages present and different, no reader's English inside them, and at most 600 characters.
"""

from __future__ import annotations

import openpyxl
import pytest
from builders import LONG_HEADER, long_rows, make_xlsx
from openpyxl.styles import Font

from etl.core.issues import UploadError
from etl.reading.sandbox import read_upload
from etl.reading.scan.base import Limits

MAX_MESSAGE = 600
ROWS = [["31", "SPBE", 2024, 4, 3.1], ["32", "IRB", 2024, 4, 71.5]]


def refusal(file_name: str, data: bytes, limits: Limits | None = None):
    """The one issue a refused file gets, checked for what every refusal owes a clerk."""
    with pytest.raises(UploadError) as caught:
        read_upload(file_name, data, limits)
    (issue,) = caught.value.issues
    assert issue.message_id and issue.message_en and issue.message_id != issue.message_en
    assert len(issue.message_id) <= MAX_MESSAGE and len(issue.message_en) <= MAX_MESSAGE
    assert "RB_" not in issue.message_id + issue.message_en  # no setting names for a clerk
    if issue.detail:
        assert issue.detail not in issue.message_id and issue.detail not in issue.message_en
    return issue


def test_formatted_empty_rows_down_to_the_last_row_are_not_data(tmp_path):
    # Two data rows, then a formatted cell at A1048576 and a row given a height: Excel users
    # format whole columns. calamine builds three rows; the file is read.
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in [LONG_HEADER, *ROWS]:
        ws.append(row)
    ws["A1048576"].font = Font(bold=True)
    ws["E900000"].number_format = "0.00"
    ws.row_dimensions[1_048_000].height = 30
    wb.save(tmp_path / "berformat.xlsx")
    book = read_upload("berformat.xlsx", (tmp_path / "berformat.xlsx").read_bytes())
    assert len(book.sheets[0].data_rows()) == 2


def test_filled_cells_far_down_name_the_last_cell_not_a_setting(tmp_path):
    rows = [*ROWS, *([None] * 5 for _ in range(200)), ["99", "IRB", 2024, 4, 1]]
    data = make_xlsx(tmp_path / "jauh.xlsx", long_rows(*rows, title=False)).read_bytes()
    issue = refusal("jauh.xlsx", data, Limits(10**7, 100, 10**8, 100))
    assert issue.code == "too_many_rows" and issue.sheet == "Data"
    assert "E204" in issue.message_id and "E204" in issue.message_en  # the lowest filled cell
    assert "204" in issue.message_en and "100" in issue.message_en


def test_too_many_data_rows_gives_the_true_count_and_the_last_cell(tmp_path):
    rows = [["31", "SPBE", 2020 + i % 5, 1 + i % 4, i] for i in range(150)]
    data = make_xlsx(tmp_path / "banyak.xlsx", long_rows(*rows)).read_bytes()
    # 150 rows under a limit of 140 (plus the header area the scan allows): counted exactly.
    issue = refusal("banyak.xlsx", data, Limits(10**7, 140, 10**8, 100))
    assert issue.code == "too_many_data_rows"
    assert "150" in issue.message_id and "150" in issue.message_en
    assert "E153" in issue.message_en  # two title rows, the header, 150 rows


def test_csv_past_the_limit_is_counted_to_its_end(tmp_path):
    lines = [";".join(LONG_HEADER)] + [f"31;SPBE;2024;4;{i}" for i in range(300)]
    issue = refusal("panjang.csv", "\n".join(lines).encode(), Limits(10**7, 100, 10**8, 100))
    assert issue.code == "too_many_csv_rows" and issue.sheet is None
    assert "300" in issue.message_id and "E301" in issue.message_en


def test_a_damaged_zip_keeps_the_readers_text_in_detail(tmp_path):
    issue = refusal("rusak.xlsx", b"PK\x03\x04" + bytes(range(256)) * 40)
    assert issue.code == "corrupt_file" and issue.detail


# --- the bytes decide the reader, the name only words a warning -----------------------------
def _xls(tmp_path) -> bytes:
    import xlwt

    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for r, row in enumerate([LONG_HEADER, *ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.save(str(tmp_path / "lama.xls"))
    return (tmp_path / "lama.xls").read_bytes()


@pytest.mark.parametrize("named", ["laporan.xlsx", "laporan.xlsm", "laporan.csv", "laporan.ods"])
def test_an_xls_is_read_as_xls_whatever_its_name(tmp_path, named):
    book = read_upload(named, _xls(tmp_path))
    assert len(book.sheets[0].data_rows()) == 2
    (warning,) = [w for w in book.warnings if w.code == "format_mismatch"]
    assert not warning.is_error
    assert "Excel 97-2003 (.xls)" in warning.message_en and named[7:] in warning.message_id


@pytest.mark.parametrize("named", ["laporan.csv", "laporan.xls", "laporan.ods"])
def test_an_xlsx_is_read_as_xlsx_whatever_its_name(tmp_path, named):
    data = make_xlsx(tmp_path / "a.xlsx", long_rows(*ROWS)).read_bytes()
    book = read_upload(named, data)
    assert len(book.sheets[0].data_rows()) == 2
    assert [w.code for w in book.warnings] == ["format_mismatch"]


def test_a_matching_name_gets_no_warning(tmp_path):
    assert not read_upload("laporan.xls", _xls(tmp_path)).warnings


@pytest.mark.parametrize("data", [b"", b"   \r\n  "], ids=["zero bytes", "blank"])
@pytest.mark.parametrize("named", ["kosong.xlsx", "kosong.csv", "kosong.xls"])
def test_an_empty_file_is_told_it_is_empty(named, data):
    assert refusal(named, data).code == "empty_file"


def test_a_workbook_of_empty_sheets_names_them(tmp_path):
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    wb.create_sheet("Lembar2")
    wb.save(tmp_path / "kosong.xlsx")
    issue = refusal("kosong.xlsx", (tmp_path / "kosong.xlsx").read_bytes())
    assert issue.code == "empty_workbook"
    assert "Data" in issue.message_id and "Data" in issue.message_en


def test_an_encrypted_xlsx_is_password_protected_whatever_its_name(tmp_path):
    from builders import make_ole

    # What Excel writes for "Encrypt with Password": the package inside an OLE compound file.
    path = make_ole(tmp_path / "rahasia.xlsx", {"EncryptionInfo": b"\x04\x00\x04\x00" + bytes(60),
                                                  "EncryptedPackage": bytes(2000)})  # fmt: skip
    for named in ("rahasia.xlsx", "rahasia.xls"):
        assert refusal(named, path.read_bytes()).code == "password_protected"


def test_an_encrypted_ods_is_password_protected_not_damaged(tmp_path):
    import zipfile

    # LibreOffice's "Save with password": content.xml encrypted, the manifest says how.
    path = tmp_path / "rahasia.ods"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        z.writestr("content.xml", bytes(range(256)) * 8)
        z.writestr(
            "META-INF/manifest.xml",
            '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0">'
            '<manifest:file-entry manifest:full-path="content.xml"><manifest:encryption-data '
            'manifest:checksum-type="SHA1"/></manifest:file-entry></manifest:manifest>',
        )
    assert refusal("rahasia.ods", path.read_bytes()).code == "password_protected"


def test_excel_5_is_named_with_the_fix(tmp_path):
    from builders import make_ole

    # Excel 5.0/95 (BIFF5): a "Book" stream opening with a BOF of version 0x0500.
    bof = b"\x09\x08\x08\x00\x00\x05\x05\x00" + bytes(4)
    path = make_ole(tmp_path / "excel95.xls", {"Book": bof + b"\x0a\x00\x00\x00"})
    issue = refusal("excel95.xls", path.read_bytes())
    assert issue.code == "old_excel"
    assert "Excel 5.0/95" in issue.message_id and ".xlsx" in issue.message_en


@pytest.mark.parametrize(
    ("first", "version"),
    [(b"\x09\x00", "Excel 2.x"), (b"\x09\x02", "Excel 3.0"), (b"\x09\x04", "Excel 4.0")],
)
def test_excel_2_to_4_are_named_with_the_fix(first, version):
    # BIFF2-4 files are bare record streams: their first record is a BOF of 4-6 bytes.
    data = first + b"\x06\x00\x00\x00\x10\x00\x00\x00" + bytes(200)
    issue = refusal("lama.xls", data)
    assert issue.code == "old_excel" and version in issue.message_en


@pytest.mark.parametrize(
    ("data", "found"),
    [
        (b"\x1f\x8b\x08\x00" + bytes(100), "gzip"),
        (b"%PDF-1.7\n" + bytes(100), "PDF"),
    ],
)
def test_a_binary_file_named_csv_says_what_it_is(data, found):
    issue = refusal("data.csv", data)
    assert issue.code == "not_csv"
    assert found in issue.message_id and found in issue.message_en


def test_a_zip_named_csv_that_is_no_workbook_says_zip(tmp_path):
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("data.csv", "kode_instansi;nilai\n31;1\n")
    issue = refusal("data.csv", out.getvalue())
    assert issue.code == "not_csv" and "ZIP" in issue.message_en


def test_an_html_page_saved_as_xls_says_so():
    html = b"<html><body><table><tr><td>kode_instansi</td></tr></table></body></html>"
    issue = refusal("ekspor.xls", html)
    assert issue.code == "not_spreadsheet" and "HTML" in issue.message_en


def test_a_utf16_csv_names_its_encoding():
    text = "kode_instansi;kode_indikator;tahun;triwulan;nilai\r\n31;SPBE;2024;4;3,1\r\n"
    issue = refusal("unicode.csv", text.encode("utf-16"))
    assert issue.code == "csv_encoding" and "UTF-16" in issue.message_id


def test_a_windows_1252_csv_names_its_encoding_line_and_cell():
    text = "kode_instansi;kode_indikator;tahun;triwulan;nilai;catatan\r\n"
    text += "31;SPBE;2024;4;3,1;naik – sesuai target\r\n"  # an en dash, 0x96 in Windows-1252
    issue = refusal("ansi.csv", text.encode("cp1252"))
    assert issue.code == "csv_encoding"
    assert "Windows-1252" in issue.message_en and "F2" in issue.message_en
    assert "2" in issue.message_id and "F2" in issue.message_id


def test_no_header_stays_within_600_characters_however_long_its_texts_and_names(tmp_path):
    rows = [
        [f"sebuah teks panjang sekali nomor {r}-{c} " * 2 for c in range(30)] for r in range(30)
    ]
    extra = {f"Lembar tambahan bernama panjang {i}": rows[:3] for i in range(6)}
    path = make_xlsx(tmp_path / "panjang.xlsx", rows, sheet="Lembar pertama yang namanya panjang",
                     extra_sheets=extra)  # fmt: skip
    issue = refusal("panjang.xlsx", path.read_bytes())  # asserts the 600-character bound
    assert issue.code == "no_header" and "(+4)" in issue.message_en


def test_too_many_rows_in_file_names_its_sheets_within_600_characters(tmp_path):
    rows = [["31", "SPBE", 2024, 4, i] for i in range(40)]
    extra = {f"Data tambahan nomor {i} panjang": long_rows(*rows) for i in range(60)}
    path = make_xlsx(tmp_path / "banyak.xlsx", long_rows(*rows), extra_sheets=extra)
    issue = refusal("banyak.xlsx", path.read_bytes(), Limits(10**8, 100, 10**9, 100))
    assert issue.code == "too_many_rows_in_file"


def test_a_sheet_openpyxl_opens_but_cannot_read_is_damaged_not_a_crash(tmp_path):
    # The pre-scan hands a UTF-16 workbook to openpyxl; its sheet is cut in half.
    def broken(name: str, data: bytes) -> bytes:
        if name == "xl/workbook.xml":
            return _utf16(name, data)
        return data[: len(data) // 2] if "worksheets" in name else data

    issue = refusal("rusak.xlsx", _package(tmp_path, encode=broken))
    assert issue.code == "corrupt_file" and issue.detail


def test_no_header_names_the_sheets_and_rows_and_at_most_ten_texts(tmp_path):
    rows = [[f"teks {r}-{c}" for c in range(20)] for r in range(30)]
    sheets = {"Catatan": [["x"]]}
    data = make_xlsx(tmp_path / "teks.xlsx", rows, sheet="Lembar1", extra_sheets=sheets)
    issue = refusal("teks.xlsx", data.read_bytes())
    assert issue.code == "no_header"
    assert "Lembar1, Catatan" in issue.message_id and "Lembar1, Catatan" in issue.message_en
    assert "1-30" in issue.message_id and "1-30" in issue.message_en
    assert "; … and 591 more" in issue.message_en and "; … dan 591 lainnya" in issue.message_id
    assert issue.message_en.count("teks ") == 10


# --- odd but valid Office Open XML packages ------------------------------------------------
def _package(tmp_path, rename=lambda n: n, encode=lambda n, d: d) -> bytes:
    import io
    import zipfile

    base = make_xlsx(tmp_path / "asal.xlsx", long_rows(*ROWS), formats={"E4": "0.0%"})
    source = zipfile.ZipFile(base)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(rename(info.filename), encode(info.filename, source.read(info)))
    return out.getvalue()


def _utf16(name: str, data: bytes) -> bytes:
    if not name.endswith((".xml", ".rels")):
        return data
    text = data.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"')
    return text.encode("utf-16")


@pytest.mark.parametrize(
    "case",
    [
        dict(rename=lambda n: "/" + n),  # a leading slash, as some Windows zip tools write
        dict(rename=lambda n: "\\" + n.replace("/", "\\")),  # Windows separators as well
        dict(encode=_utf16),  # every XML part in UTF-16 (calamine reads none of it)
        dict(encode=lambda n, d: _utf16(n, d) if "worksheets" in n else d),  # one sheet only
    ],
    ids=["leading slash", "leading backslash", "utf-16 parts", "utf-16 sheet"],
)
def test_odd_but_valid_packages_are_read_with_their_values_and_formats(tmp_path, case):
    book = read_upload("laporan.xlsx", _package(tmp_path, **case))
    (sheet,) = book.sheets
    assert [row[4] for _, row in sheet.data_rows()] == [3.1, 71.5]
    assert sheet.percent_cells == {"E4"}  # the percent format is seen by either reader


def test_a_package_neither_reader_opens_is_refused_as_damaged(tmp_path):
    data = _package(tmp_path, rename=lambda n: n.replace("xl/", "xx/"))
    assert refusal("laporan.xlsx", data).code == "corrupt_file"


def test_a_workbook_with_blank_chart_sheets_is_read(tmp_path):
    # Chart sheets (here without a chart, as an .xlsm template may carry them) are no data.
    wb = openpyxl.Workbook()
    wb.active.title = "Data"
    for row in long_rows(*ROWS):
        wb.active.append(row)
    wb.create_chartsheet("Grafik")
    wb.create_chartsheet("Grafik2")
    wb.save(tmp_path / "grafik.xlsm")
    book = read_upload("grafik.xlsm", (tmp_path / "grafik.xlsm").read_bytes())
    assert [s.name for s in book.sheets] == ["Data"] and not book.warnings


def test_what_only_calamine_reads_is_read_with_a_warning_that_formats_were_not_checked(tmp_path):
    # Cells under a namespace prefix the sheet's root does not use (the scan cannot measure
    # them) in a package without [Content_Types].xml (openpyxl cannot open it): calamine reads
    # it, under the worker's limits, and the clerk is told that formats were not checked.
    ns = 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'

    def prefixed(name: str, data: bytes) -> bytes:
        if "worksheets" not in name:
            return data
        text = data.decode().replace("<c ", f"<x:c {ns} ").replace("</c>", "</x:c>")
        return text.encode()

    def without_types(name: str) -> str:
        return "junk/types.xml" if name == "[Content_Types].xml" else name

    book = read_upload("aneh.xlsx", _package(tmp_path, rename=without_types, encode=prefixed))
    assert [row[4] for _, row in book.sheets[0].data_rows()] == [3.1, 71.5]
    (warning,) = book.warnings
    assert warning.code == "formats_unchecked" and not warning.is_error
