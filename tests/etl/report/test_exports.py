"""The analysts' tables (observations, scorecard, themes, submissions) as CSV and XLSX."""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest
from builders import LONG_HEADER, long_rows, make_xlsx

from etl.cli.main import main
from etl.ingest import Upload, ingest_path
from etl.report.tables import TABLES, quarter_end
from etl.store.database import make_engine
from etl.store.queries import Filters

UTC = dt.UTC


@pytest.fixture
def loaded(db_url, tmp_path):
    """Jakarta (31) and West Java (32) report SPBE and PDN; Jakarta on time, West Java late.
    Neither has target rows of its own (issue 12: the national SPBE path no longer judges
    them); Jakarta uploads its own target with each value, West Java none."""
    engine = make_engine(db_url)
    jakarta = long_rows(
        ["31", "SPBE", 2023, 4, 2.40, 2.30],
        ["31", "SPBE", 2024, 4, 2.75, 2.60],  # A = 100*2.75/2.60 = 105.8: on track
        ["31", "PDN", 2024, 4, 35.0, 40.0],  # A = 100*35/40 = 87.5: needs acceleration
        header=[*LONG_HEADER, "target"],
    )
    west_java = long_rows(["32", "SPBE", 2023, 4, 2.0], ["32", "SPBE", 2024, 4, 1.9])
    on_time = dt.datetime(2025, 1, 10, 3, 0, tzinfo=UTC)
    late = dt.datetime(2025, 2, 20, 3, 0, tzinfo=UTC)
    for name, rows, received, user in (
        ("jakarta.xlsx", jakarta, on_time, "=2+3"),  # a user name that looks like a formula
        ("jabar.xlsx", west_java, late, "clerk.jabar"),
    ):
        result = ingest_path(
            engine, make_xlsx(tmp_path / name, rows), Upload(user=user, received_at=received)
        )
        assert result.status == "accepted", result.issues
    yield engine, db_url
    engine.dispose()


def test_observations_table_fills_achievement_and_status(loaded):
    engine, _ = loaded
    frame = TABLES["observations"](engine, Filters(year=2024, agency="31"))
    spbe = frame[frame.indicator_code == "SPBE"].iloc[0]
    # Jakarta's own uploaded target 2.60 (was: the national path, F = 2.60, "achieved");
    # achievement 100 × 2.75 / 2.60 = 105.769… ≥ 95 → on track; an uploaded target is no
    # final target, so never "achieved".
    assert spbe.status == "on_track" and spbe.status_label_id == "Sesuai target"
    assert spbe.achievement_pct == pytest.approx(105.769, abs=1e-3)
    assert (spbe.target, spbe.target_source, spbe.basis_source) == (2.60, "uploaded", "uploaded")
    assert spbe.final_target is None or spbe.final_target != spbe.final_target  # none
    assert spbe.category == "Baik"
    assert spbe.roadmap == "RB-2020-2024"


def test_scorecard_pivots_agencies_by_indicators_for_one_period(loaded):
    engine, _ = loaded
    frame = TABLES["scorecard"](engine, Filters(year=2024, quarter=4, agency_type="PROV"))
    assert len(frame) == 38  # every province, reported or not
    jakarta = frame.set_index("agency_code").loc["31"]
    assert jakarta["SPBE nilai/value"] == 2.75 and jakarta["SPBE status"] == "on_track"
    assert jakarta["SPBE periode/period"] == "2024 TW4"  # each value with its own period
    # West Java has no target of its own: no_target (was "deteriorating" against the national
    # path B = 1.98, E(2024.0) = 2.60, which it never committed to).
    assert frame.set_index("agency_code").loc["32", "SPBE status"] == "no_target"
    assert frame.set_index("agency_code").loc["33", "SPBE status"] == "no_data"


def test_themes_counts_and_shares_statuses_never_averages(loaded):
    engine, _ = loaded
    frame = TABLES["themes"](
        engine, Filters(year=2024, quarter=4, agency_type="PROV", theme="DIGITAL")
    )
    row = frame.set_index("agency_type").loc["PROV"]
    # DIGITAL for provinces: SPBE and its four domains plus stunting = 6 indicators × 38 provinces
    assert row.indicators == 6 * 38
    assert (row.on_track_count, row.no_target_count, row.achieved_count) == (1, 1, 0)
    assert row.no_data_count == 6 * 38 - 2
    assert row.on_track_share == pytest.approx(1 / 228)


def test_submissions_on_time_late_or_missing(loaded):
    engine, _ = loaded
    frame = TABLES["submissions"](engine, Filters(year=2024, quarter=4, agency_type="PROV"))
    by_agency = frame.set_index("agency_code").timeliness
    assert (by_agency["31"], by_agency["32"], by_agency["33"]) == ("on_time", "late", "missing")
    deadline = frame.set_index("agency_code").loc["31", "deadline"]
    assert deadline == quarter_end(2024, 4) + dt.timedelta(days=15) == dt.date(2025, 1, 15)


def test_a_file_sent_after_midnight_in_jakarta_is_late(engine, tmp_path):
    # 15 Jan 2025 20:00 UTC is 16 Jan 03:00 WIB: a day after TW4 2024's deadline (15 Jan),
    # late in Jakarta as the deadline notice and the lock count it, though still the 15th in UTC.
    sent = dt.datetime(2025, 1, 15, 20, 0, tzinfo=dt.UTC)
    path = make_xlsx(tmp_path / "dki.xlsx", long_rows(["31", "PDN", 2024, 4, 40.0]))
    assert ingest_path(engine, path, Upload(user="dki", received_at=sent)).status == "accepted"
    frame = TABLES["submissions"](engine, Filters(year=2024, quarter=4, agency="31"))
    row = frame.set_index("agency_code").loc["31"]
    assert row.deadline == dt.date(2025, 1, 15) and row.timeliness == "late"


@pytest.mark.parametrize("table", ["observations", "scorecard", "themes", "submissions"])
def test_csv_and_xlsx_of_the_same_table_hold_the_same_values(loaded, tmp_path, table):
    _, url = loaded
    args = ["--year", "2024", "--type", "PROV"] if table != "observations" else ["--agency", "31"]
    assert (
        main(["export", "--table", table, "--out", str(tmp_path / "t.csv"), "--db", url, *args])
        == 0
    )
    assert (
        main(["export", "--table", table, "--out", str(tmp_path / "t.xlsx"), "--db", url, *args])
        == 0
    )
    raw = (tmp_path / "t.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    from_csv = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    book = openpyxl.load_workbook(tmp_path / "t.xlsx")
    assert book.sheetnames[0] == "Keterangan"
    sheet = book[book.sheetnames[1]]
    from_xlsx = [[c.value for c in row] for row in sheet.iter_rows()]
    assert from_csv[0] == from_xlsx[0]
    assert len(from_csv) == len(from_xlsx) > 1
    for csv_row, xlsx_row in zip(from_csv[1:], from_xlsx[1:]):
        for text, cell in zip(csv_row, xlsx_row):
            if isinstance(cell, (int, float)) and not isinstance(cell, bool):
                assert float(text) == pytest.approx(cell)
            elif isinstance(cell, (dt.datetime, dt.date)):
                assert text[:10] == cell.isoformat()[:10]
            else:
                assert text == ("" if cell is None else str(cell))
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref


def test_xlsx_states_filters_and_colours_statuses_and_never_writes_formulas(loaded, tmp_path):
    _, url = loaded
    out = tmp_path / "jakarta.xlsx"
    assert main(["export", "--out", str(out), "--db", url, "--agency", "31"]) == 0
    book = openpyxl.load_workbook(out)
    about = {row[0].value: row[1].value for row in book["Keterangan"].iter_rows()}
    assert "agency=31" in about["Filter"]
    # the cut-off is the newest stored submission (here the reference figures loaded at init)
    cutoff = dt.datetime.fromisoformat(about["Data sampai / Data cut-off"])
    assert cutoff >= dt.datetime(2025, 2, 20, 3, 0, tzinfo=UTC)
    assert dt.datetime.fromisoformat(about["Dibuat / Generated"]) >= cutoff
    assert "Open SDG" in about["Metode / Method"]
    sheet = book[book.sheetnames[1]]
    header = [c.value for c in sheet[1]]
    status_col = header.index("status")
    by_user = header.index("submitted_by")
    cells = [
        row for row in sheet.iter_rows(min_row=2) if row[header.index("agency_code")].value == "31"
    ]
    # Jakarta's uploaded targets put its SPBE on track (no longer "achieved" against the
    # national final target): the status colour is Okabe-Ito blue.
    on_track = next(row[status_col] for row in cells if row[status_col].value == "on_track")
    assert on_track.fill.fgColor.rgb.endswith("0072B2")
    user_cell = cells[0][by_user]
    assert user_cell.data_type == "s" and user_cell.value == "'=2+3"
    assert all(c.data_type != "f" for row in sheet.iter_rows() for c in row)


def test_csv_neutralises_formula_text_and_honours_semicolon(loaded, tmp_path):
    _, url = loaded
    out = tmp_path / "obs.csv"
    assert main(["export", "--out", str(out), "--db", url, "--agency", "31", "--sep", ";"]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig")), delimiter=";"))
    assert {r["submitted_by"] for r in rows} == {"'=2+3"}


def test_xlsx_number_formats_follow_each_rows_unit(loaded, tmp_path):
    engine, url = loaded
    path = make_xlsx(tmp_path / "investasi.xlsx", long_rows(["31", "INVESTASI", 2024, 4, 1234.5]))
    assert ingest_path(engine, path).status == "accepted"
    out = tmp_path / "obs.xlsx"
    assert main(["export", "--out", str(out), "--db", url, "--agency", "31", "--year", "2024"]) == 0
    sheet = openpyxl.load_workbook(out)["observations"]
    header = [c.value for c in sheet[1]]
    formats = {
        row[header.index("indicator_code")].value: row[header.index("value")].number_format
        for row in sheet.iter_rows(min_row=2)
    }
    assert formats["INVESTASI"] == "#,##0.0"  # Rp triliun
    assert formats["PDN"] == formats["SPBE"] == "0.00"  # percent, index


def test_every_csv_and_xlsx_writer_of_report_and_cli_neutralises():
    """A new writer in etl/report or etl/cli must use the one rule (export.neutralise), or, for
    an XLSX that writes typed string cells only, turn xlsxwriter's formula guessing off."""
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[3] / "etl"
    writer = re.compile(r"to_csv\(|to_excel\(|csv\.writer\(|DictWriter\(|Workbook\(|ExcelWriter\(")
    unsafe = []
    for path in sorted([*(root / "report").glob("*.py"), *(root / "cli").glob("*.py")]):
        text = path.read_text()
        if not writer.search(text):
            continue
        csv_writer = re.search(r"to_csv\(|csv\.writer\(|DictWriter\(", text)
        if "neutralise" in text or (not csv_writer and '"strings_to_formulas": False' in text):
            continue
        unsafe.append(path.name)
    assert unsafe == []


def test_the_issue_list_download_carries_the_readers_detail_apart(tmp_path):
    # A damaged file: the reader's English words go to their own column, never into the
    # Indonesian message (issue 14).
    import io

    import openpyxl

    from etl.core.issues import Issue
    from etl.report.export import issues_workbook

    issue = Issue.make("corrupt_file", kind="Excel (.xlsx)", detail="File is not a zip file")
    book = openpyxl.load_workbook(io.BytesIO(issues_workbook([issue], "rusak.xlsx")))
    sheet = next(ws for ws in book.worksheets if ws.title != "Keterangan")
    rows = list(sheet.iter_rows(values_only=True))
    header, first = rows[0], dict(zip(rows[0], rows[1], strict=True))
    assert "detail" in header
    assert first["detail"] == "File is not a zip file"
    assert "zip" not in first["message_id"]


def test_the_metadata_sheet_states_the_filters_as_chosen_and_sources_by_name(loaded, tmp_path):
    """Issue 17: a year/quarter filter is the file's period (was "Periode: -"), each filter is
    named with what it picks, and the sources are publications, not a repository path."""
    _, url = loaded
    out = tmp_path / "spbe.xlsx"
    args = ["export", "--out", str(out), "--db", url, "--indicator", "SPBE", "--year", "2025",
            "--quarter", "4", "--table", "observations"]  # fmt: skip
    assert main(args) == 0
    about = {
        row[0].value: row[1].value for row in openpyxl.load_workbook(out)["Keterangan"].iter_rows()
    }
    assert about["Periode / Period"] == "TW4 2025"
    chosen = about["Filter (dipilih / as chosen)"]
    assert "Indikator / Indicator: SPBE Indeks Sistem Pemerintahan Berbasis Elektronik" in chosen
    assert "Tahun / Year: 2025" in chosen and "Triwulan / Quarter: TW4" in chosen
    assert (
        "SPBE" in about["Sumber data / Sources"]
        and "data/reference" not in about["Sumber data / Sources"]
    )
