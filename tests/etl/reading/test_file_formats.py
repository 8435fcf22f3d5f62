"""Every accepted file type ingests: .xls (Excel 97-2003), .ods (OpenDocument) and .xlsm."""

from __future__ import annotations

import pandas as pd
import pytest
import xlwt
from builders import LONG_HEADER, long_rows, make_xlsx

from etl.ingest import ingest_path
from etl.store import queries

ROWS = [[11.1, "PDN", 2023, 4, 45.5], ["31", "SPBE", 2023, 4, "2,75"]]


def values(engine):
    frame = queries.current_observations(engine, queries.Filters(year=2023, quarter=4))
    frame = frame[frame.agency_code != "ID"]
    return dict(zip(zip(frame.agency_code, frame.indicator_code), frame.value))


def test_xls_written_by_excel_97(sqlite_engine, tmp_path):
    book = xlwt.Workbook()
    sheet = book.add_sheet("Data")
    for r, row in enumerate([["Laporan RB"], [], LONG_HEADER, *ROWS]):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    path = tmp_path / "laporan.xls"
    book.save(str(path))
    result = ingest_path(sqlite_engine, path)
    assert result.status == "accepted", result.issues
    assert values(sqlite_engine) == {("11.10", "PDN"): 45.5, ("31", "SPBE"): 2.75}


def test_ods_from_libreoffice(sqlite_engine, tmp_path):
    path = tmp_path / "laporan.ods"
    pd.DataFrame(ROWS, columns=LONG_HEADER).to_excel(
        path, engine="odf", index=False, sheet_name="Data"
    )
    result = ingest_path(sqlite_engine, path)
    assert result.status == "accepted", result.issues
    assert values(sqlite_engine) == {("11.10", "PDN"): 45.5, ("31", "SPBE"): 2.75}


def test_xlsm_is_read_and_its_macros_never_run(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "dengan_makro.xlsm", long_rows(["31", "PDN", 2023, 4, 40]))
    result = ingest_path(sqlite_engine, path)
    assert result.status == "accepted" and result.rows.inserted == 1


def test_a_damaged_file_keeps_the_readers_text_out_of_the_indonesian_message(tmp_path):
    # Issue 14: the reader's English exception text is kept in Issue.detail.
    from etl.core.issues import UploadError
    from etl.reading.sandbox import read_upload

    data = b"PK\x03\x04" + bytes(range(256)) * 40
    with pytest.raises(UploadError) as caught:
        read_upload("rusak.xlsx", data)
    issue = caught.value.issues[0]
    assert issue.code == "corrupt_file" and issue.detail
    assert issue.detail not in issue.message_id and issue.detail in issue.message_en
    assert issue.message_id.startswith("Berkas tidak dapat dibaca") and "()" not in issue.message_id
    assert issue.as_dict()["detail"] == issue.detail
