"""OpenDocument files (LibreOffice Calc, common in regional governments): a cell formatted as a
percentage is read as the percentage, a formula without a saved result is an error at its cell,
and repeated rows or cells are measured before calamine expands them."""

from __future__ import annotations

from builders import LONG_HEADER, OdsCell, make_ods, make_xlsx

from etl.ingest import ingest_path
from etl.store import queries


def current(engine, agency, indicator):
    frame = queries.current_observations(engine, queries.Filters(year=2023, quarter=4))
    found = frame[(frame.agency_code == agency) & (frame.indicator_code == indicator)]
    return None if found.empty else float(found.value.iloc[0])


def test_percent_cell_is_read_as_the_percentage(sqlite_engine, tmp_path):
    # A clerk types 45,5% into a Calc cell: the file holds 0.455 with value type "percentage".
    rows = [
        LONG_HEADER,
        ["31", "PDN", 2023, 4, OdsCell(0.455, "percentage")],
        ["32", "PDN", 2023, 4, 45.5],
        # SPBE is an index (1-5), not a percentage: its number is taken as it is.
        ["33", "SPBE", 2023, 4, OdsCell(1.5, "percentage")],
    ]
    result = ingest_path(sqlite_engine, make_ods(tmp_path / "persen.ods", rows))
    assert result.status == "accepted", [i.message_en for i in result.issues]
    assert current(sqlite_engine, "31", "PDN") == 45.5
    assert current(sqlite_engine, "32", "PDN") == 45.5
    assert current(sqlite_engine, "33", "SPBE") == 1.5


def test_repeated_percent_cells_are_all_read_as_percentages(sqlite_engine, tmp_path):
    # Calc stores equal neighbours once, with a repeat count: every one is still a percentage.
    header = ["kode_instansi", "kode_indikator", "tahun", "TW I", "TW II", "TW III", "TW IV"]
    rows = [header, (["31", "PDN", 2023, OdsCell(0.4, "percentage", repeat=4)], 1)]
    result = ingest_path(sqlite_engine, make_ods(tmp_path / "ulang.ods", rows))
    assert result.status == "accepted", [i.message_en for i in result.issues]
    assert current(sqlite_engine, "31", "PDN") == 40.0


def test_formula_without_saved_result_is_an_error_at_its_cell(sqlite_engine, tmp_path):
    rows = [
        LONG_HEADER,
        ["31", "PDN", 2023, 4, OdsCell(None, "", formula="of:=[.A9]*2")],
    ]
    result = ingest_path(sqlite_engine, make_ods(tmp_path / "rumus.ods", rows))
    assert result.status == "rejected"
    issue = next(i for i in result.issues if i.code == "formula_without_value")
    assert issue.cell == "E2" and issue.sheet == "Data"


def test_repeated_cells_bomb_is_refused_before_reading(sqlite_engine, tmp_path):
    # 800 bytes that calamine would expand to 2,000 × 16,000 cells (3 GB).
    rows = [LONG_HEADER, ([OdsCell(1.0, repeat=16_000)], 2_000)]
    result = ingest_path(sqlite_engine, make_ods(tmp_path / "bom.ods", rows))
    assert result.status == "rejected"
    assert result.issues[0].code == "too_many_columns", result.issues[0].message_en
    rows = [LONG_HEADER, ([OdsCell(1.0, repeat=900)], 10_000)]
    result = ingest_path(sqlite_engine, make_ods(tmp_path / "luas.ods", rows))
    assert result.issues[0].code == "too_many_cells", result.issues[0].message_en
    assert "Data" in result.issues[0].message_id


def test_trailing_empty_rows_of_calc_do_not_count(sqlite_engine, tmp_path):
    # Calc ends a sheet with a million repeated empty rows: the file is read as usual.
    rows = [
        LONG_HEADER,
        ["31", "PDN", 2023, 4, 45.5],
        ([OdsCell(None, "", repeat=1024)], 1_048_000),
    ]
    result = ingest_path(sqlite_engine, make_ods(tmp_path / "biasa.ods", rows))
    assert result.status == "accepted", [i.message_en for i in result.issues]
    assert current(sqlite_engine, "31", "PDN") == 45.5


def test_a_too_wide_sheet_is_reported_with_its_true_width(sqlite_engine, tmp_path):
    # Issue 13 #11: the refusal came at the first cell past the limit and said 1001 columns.
    header = [*LONG_HEADER, *(f"kolom{i}" for i in range(10_000))]
    ods = make_ods(tmp_path / "lebar.ods", [header, ["31", "PDN", 2023, 4, 40]])
    xlsx = make_xlsx(tmp_path / "lebar.xlsx", [header, ["31", "PDN", 2023, 4, 40]])
    for path in (ods, xlsx):
        issue = ingest_path(sqlite_engine, path).issues[0]
        assert issue.code == "too_many_columns", issue.message_en
        assert "10005" in issue.message_en and "10005" in issue.message_id, issue.message_en
