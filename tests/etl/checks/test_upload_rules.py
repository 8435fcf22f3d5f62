"""One test per rule of the upload format page (../shared/spec/upload-format.md), each with a
real workbook or CSV file written the way an agency would send it."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import LONG_HEADER, long_rows, make_csv, make_xlsx
from sqlalchemy import func, select

from etl.ingest import Upload, ingest_path
from etl.reading.scan.base import Limits
from etl.store import schema

NEXT_YEAR = dt.date.today().year + 1


def ingest(engine, path, **upload):
    return ingest_path(engine, path, Upload(**upload) if upload else None)


def codes(result, severity=None):
    return [i.code for i in result.issues if severity is None or i.severity == severity]


def only(result, code):
    found = [i for i in result.issues if i.code == code]
    assert found, f"expected {code}, got {codes(result)}"
    return found[0]


def current(engine, agency, indicator, year, quarter):
    obs = schema.observation.c
    with engine.connect() as conn:
        return conn.execute(
            select(obs.value).where(
                obs.agency == agency,
                obs.indicator == indicator,
                obs.year == year,
                obs.quarter == quarter,
                obs.superseded_at.is_(None),
            )
        ).scalar()


def observation_count(engine):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.observation)).scalar()


# --- Files -----------------------------------------------------------------------------------
def test_unsupported_extension_is_rejected(sqlite_engine, tmp_path):
    path = tmp_path / "laporan.txt"
    path.write_text("kode_instansi;nilai\n31;1\n")
    result = ingest(sqlite_engine, path)
    assert result.status == "rejected" and result.submission_id is None
    assert ".txt" in only(result, "unsupported_file").message_en
    # A PDF is told what it is, whatever its name (the bytes decide, issue 14).
    path = tmp_path / "laporan.pdf"
    path.write_bytes(b"%PDF-1.4")
    assert "PDF" in only(ingest(sqlite_engine, path), "not_spreadsheet").message_en


def test_corrupt_workbook_is_rejected(sqlite_engine, tmp_path):
    good = make_xlsx(tmp_path / "good.xlsx", long_rows(["31", "SPBE", 2023, 4, 2.5]))
    bad = tmp_path / "rusak.xlsx"
    bad.write_bytes(good.read_bytes()[:500])
    result = ingest(sqlite_engine, bad)
    assert result.status == "rejected"
    assert codes(result) == ["corrupt_file"]


def test_password_protected_workbook_is_rejected(sqlite_engine, tmp_path):
    from builders import make_ole

    # An encrypted xlsx is an OLE container around the encrypted package.
    streams = {"EncryptionInfo": bytes(64), "EncryptedPackage": bytes(2000)}
    path = make_ole(tmp_path / "terkunci.xlsx", streams)
    assert codes(ingest(sqlite_engine, path)) == ["password_protected"]


def test_file_over_the_size_limit_is_rejected(sqlite_engine, tmp_path):
    from etl.ingest import ingest_bytes

    path = make_xlsx(tmp_path / "besar.xlsx", long_rows(["31", "SPBE", 2023, 4, 2.5]))
    limits = Limits(max_bytes=1000, max_rows=100, max_unpacked_bytes=10**8, max_columns=100)
    result = ingest_bytes(sqlite_engine, path.name, path.read_bytes(), limits=limits)
    assert codes(result) == ["file_too_large"]


def test_workbook_without_data_rows_is_rejected(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "kosong.xlsx", long_rows())
    assert codes(ingest(sqlite_engine, path)) == ["no_data_rows"]


def test_more_rows_than_the_limit_is_rejected(sqlite_engine, tmp_path):
    from etl.ingest import ingest_bytes

    rows = long_rows(*[["31", "SPBE", 2023, 4, 2.5]] * 50)
    path = make_xlsx(tmp_path / "banyak.xlsx", rows)
    limits = Limits(max_bytes=10**7, max_rows=10, max_unpacked_bytes=10**8, max_columns=100)
    result = ingest_bytes(sqlite_engine, path.name, path.read_bytes(), limits=limits)
    assert codes(result) == ["too_many_rows"]


def test_regency_code_stored_as_number_is_read_with_two_decimals(engine, tmp_path):
    # 11.10 (Kota Banda Aceh... any regency ending in 0) typed into Excel becomes the number 11.1
    path = make_xlsx(tmp_path / "angka.xlsx", long_rows([11.1, "SPBE", 2023, 4, 2.5]))
    result = ingest(engine, path)
    assert result.status == "accepted", result.issues
    assert current(engine, "11.10", "SPBE", 2023, 4) == 2.5


def test_codes_are_matched_case_insensitively(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "kecil.xlsx", long_rows(["kl.kemenpanrb", "spbe", 2023, 4, 3.1]))
    assert ingest(sqlite_engine, path).status == "accepted"
    assert current(sqlite_engine, "KL.KEMENPANRB", "SPBE", 2023, 4) == 3.1


# --- Which sheet, which header row -------------------------------------------------------------
def test_sheet_named_data_is_read_and_others_ignored(sqlite_engine, tmp_path):
    path = make_xlsx(
        tmp_path / "lembar.xlsx",
        long_rows(["31", "SPBE", 2023, 4, 2.5]),
        sheet="Isian",
        extra_sheets={"Rekap": long_rows(["31", "SPBE", 2022, 4, 9.9])},
    )
    result = ingest(sqlite_engine, path)
    assert result.rows.inserted == 1
    assert current(sqlite_engine, "31", "SPBE", 2022, 4) is None


def test_instruction_and_hidden_sheets_are_skipped(sqlite_engine, tmp_path):
    path = make_xlsx(
        tmp_path / "petunjuk.xlsx",
        [["Petunjuk pengisian"], ["Isi nilai per triwulan"]],
        sheet="Petunjuk",
        extra_sheets={
            "Laporan": long_rows(["31", "SPBE", 2023, 4, 2.5]),
            "Lama": long_rows(["31", "SPBE", 2022, 4, 2.0]),
        },
        hidden=("Lama",),
    )
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted", result.issues
    assert result.rows.inserted == 1


def test_no_sheet_with_a_header_lists_the_headers_seen(sqlite_engine, tmp_path):
    path = make_xlsx(
        tmp_path / "salah.xlsx", [["instansi", "indikator_x", "angka"], ["31", "SPBE", 1]]
    )
    issue = only(ingest(sqlite_engine, path), "no_header")
    assert "indikator_x" in issue.message_en and "angka" in issue.message_id


def test_header_row_found_below_titles_and_merged_cells(sqlite_engine, tmp_path):
    rows = [
        ["PEMERINTAH PROVINSI DKI JAKARTA"],
        ["Laporan RB Triwulan IV"],
        [],
        [None, "logo"],
        LONG_HEADER,
        ["31", "SPBE", 2023, 4, 2.5],
    ]
    path = make_xlsx(tmp_path / "judul.xlsx", rows, merged=("A1:E1", "A2:E2"))
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted"
    assert result.changes[0].row.cell == "E6"


@pytest.mark.parametrize("missing", ["kode_instansi", "tahun", "triwulan"])
def test_a_missing_agency_year_or_quarter_is_named(sqlite_engine, tmp_path, missing):
    header = [h for h in LONG_HEADER if h != missing]
    values = {
        "kode_instansi": "31",
        "kode_indikator": "SPBE",
        "tahun": 2023,
        "triwulan": 4,
        "nilai": 2,
    }
    path = make_xlsx(tmp_path / "kurang.xlsx", [header, [values[h] for h in header]])
    issue = only(ingest(sqlite_engine, path), "missing_field")
    assert missing in issue.message_id


def test_headers_match_ignoring_case_spaces_and_units(sqlite_engine, tmp_path):
    header = ["KODE INSTANSI", "Kode-Indikator", "Tahun", "TW", "Nilai (%)"]
    path = make_xlsx(tmp_path / "judul_kolom.xlsx", [header, ["31", "PDN", 2023, 2, 45]])
    assert ingest(sqlite_engine, path).rows.inserted == 1


# --- Columns ---------------------------------------------------------------------------------
def test_english_headers_and_optional_columns(sqlite_engine, tmp_path):
    header = [
        "agency_code",
        "agency_name",
        "indicator_code",
        "indicator_name",
        "year",
        "quarter",
        "value",
        "target",
        "unit",
        "notes",
        "evidence_url",
    ]
    row = [
        "31",
        "DKI Jakarta",
        "PDN",
        "Domestic products",
        2023,
        3,
        52.5,
        50,
        "percent",
        "ok",
        "https://jakarta.go.id/bukti.pdf",
    ]
    path = make_xlsx(tmp_path / "english.xlsx", [header, row])
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted", result.issues
    obs = schema.observation.c
    with sqlite_engine.connect() as conn:
        query = select(obs.target, obs.notes, obs.evidence_url).where(obs.agency == "31")
        stored = conn.execute(query).first()
    assert tuple(stored) == (50, "ok", "https://jakarta.go.id/bukti.pdf")


def test_agency_name_that_differs_is_a_warning(sqlite_engine, tmp_path):
    header = ["kode_instansi", "nama_instansi", "kode_indikator", "tahun", "triwulan", "nilai"]
    path = make_xlsx(tmp_path / "nama.xlsx", [header, ["31", "Jakarta Raya", "SPBE", 2023, 4, 2.5]])
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted"
    assert codes(result, "warning") == ["agency_name_differs"]
    assert only(result, "agency_name_differs").cell == "B2"


def test_unknown_columns_are_ignored_with_a_warning(sqlite_engine, tmp_path):
    path = make_xlsx(
        tmp_path / "tambahan.xlsx", [[*LONG_HEADER, "paraf"], ["31", "SPBE", 2023, 4, 2.5, "x"]]
    )
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted"
    assert "paraf" in only(result, "unknown_columns").message_en


# --- Metadata block ----------------------------------------------------------------------------
def template_rows(*data, agency="31.71", year=2023, quarter="TW IV"):
    return [
        ["TEMPLAT LAPORAN TRIWULAN RB"],
        ["Kode Instansi", None, agency],
        [f"Tahun: {year}"],
        ["Triwulan", quarter],
        [],
        ["kode_indikator", "nama_indikator", "nilai", "triwulan"],
        *data,
    ]


def test_template_metadata_block_gives_agency_year_and_quarter(engine, tmp_path):
    rows = template_rows(["SPBE", "Indeks SPBE", 2.8, None], ["IRB", "Indeks RB", 71.5, "4"])
    path = make_xlsx(tmp_path / "templat.xlsx", rows, merged=("A2:B2",))
    result = ingest(engine, path)
    assert result.status == "accepted", result.issues
    assert current(engine, "31.71", "IRB", 2023, 4) == 71.5


def test_row_contradicting_the_metadata_is_an_error_at_its_cell(sqlite_engine, tmp_path):
    rows = template_rows(["SPBE", "Indeks SPBE", 2.8, 3])
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "beda.xlsx", rows))
    issue = only(result, "metadata_conflict")
    assert (issue.sheet, issue.cell, issue.row, issue.column) == ("Data", "D7", 7, "triwulan")
    assert result.status == "rejected"


# --- Wide layout ---------------------------------------------------------------------------------
def test_wide_layout_quarters_as_columns(engine, tmp_path):
    header = [
        "kode_instansi",
        "kode_indikator",
        "TW I 2023",
        "TW II 2023",
        "Triwulan III 2023",
        "Q4 2023",
    ]
    rows = [header, ["31", "PDN", 40, 42.5, None, 47], ["31", "INFLASI", "2,9", "-", 3.1, 2.6]]
    result = ingest(engine, make_xlsx(tmp_path / "lebar.xlsx", rows))
    assert result.status == "accepted", result.issues
    assert result.rows.inserted == 6 and result.rows.skipped == 1  # "-" skipped, empty absent
    assert current(engine, "31", "INFLASI", 2023, 1) == 2.9
    assert current(engine, "31", "PDN", 2023, 3) is None


def test_wide_layout_with_year_column(sqlite_engine, tmp_path):
    rows = [
        ["kode_instansi", "kode_indikator", "tahun", "TW 1", "TW 2"],
        ["31", "PDN", 2022, 40, 41],
    ]
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "lebar2.xlsx", rows))
    assert result.rows.inserted == 2
    assert current(sqlite_engine, "31", "PDN", 2022, 2) == 41


# --- Cell values -------------------------------------------------------------------------------
def test_year_and_quarter_spellings(sqlite_engine, tmp_path):
    rows = long_rows(
        ["31", "PDN", "2023", "TW I", 40],
        ["31", "PDN", 2023.0, "Triwulan 2", 41],
        ["31", "PDN", 2023, "q3", 42],
        ["31", "PDN", 2023, "Kuartal IV", 43],
    )
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "ejaan.xlsx", rows))
    assert result.rows.inserted == 4, result.issues


def test_text_values_in_indonesian_and_english_notation(sqlite_engine, tmp_path):
    rows = long_rows(
        ["31", "INVESTASI", 2023, 4, "1.234,5"],
        ["31.71", "INVESTASI", 2023, 4, "Rp 1,234.5"],
        ["31", "SPBE", 2023, 4, "2,75"],
    )
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "notasi.xlsx", rows))
    assert result.status == "accepted", result.issues
    assert current(sqlite_engine, "31", "INVESTASI", 2023, 4) == 1234.5
    assert current(sqlite_engine, "31.71", "INVESTASI", 2023, 4) == 1234.5
    assert current(sqlite_engine, "31", "SPBE", 2023, 4) == 2.75


def test_ambiguous_text_value_is_refused_even_for_rupiah(sqlite_engine, tmp_path):
    rows = long_rows(["31", "INVESTASI", 2023, 4, "1.234"])
    issue = only(
        ingest(sqlite_engine, make_xlsx(tmp_path / "ambigu.xlsx", rows)), "value_ambiguous"
    )
    assert issue.cell == "E4" and "1234" in issue.message_en and "1.234" in issue.message_en


def test_percent_formatted_cell_is_read_as_percent(sqlite_engine, tmp_path):
    rows = long_rows(["31", "PDN", 2023, 4, 0.85], ["31", "IRB", 2023, 4, 0.85], title=False)
    path = make_xlsx(tmp_path / "persen.xlsx", rows, formats={"E2": "0%", "E3": "0%"})
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted", result.issues
    assert current(sqlite_engine, "31", "PDN", 2023, 4) == pytest.approx(85)
    # IRB is an index, not a percent: the number stays as stored
    assert current(sqlite_engine, "31", "IRB", 2023, 4) == pytest.approx(0.85)


def test_not_reported_markers_are_skipped_never_zero(sqlite_engine, tmp_path):
    rows = long_rows(
        ["31", "PDN", 2023, 1, "-"],
        ["31", "PDN", 2023, 2, "n/a"],
        ["31", "PDN", 2023, 3, "tidak ada"],
        ["31", "PDN", 2023, 4, None],
    )
    rows[-1].append(None)
    before = observation_count(sqlite_engine)
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "kosong_nilai.xlsx", rows))
    assert result.status == "accepted"
    assert (result.rows.inserted, result.rows.skipped) == (0, 4)
    assert observation_count(sqlite_engine) == before
    assert current(sqlite_engine, "31", "PDN", 2023, 1) is None


def test_formula_without_cached_value_is_refused_by_cell(sqlite_engine, tmp_path):
    rows = long_rows(["31", "PDN", 2023, 4, "=40+5"], title=False)
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "rumus.xlsx", rows))
    issue = only(result, "formula_without_value")
    assert (issue.cell, result.status) == ("E2", "rejected")
    assert "save" in issue.message_en


def test_excel_error_in_a_value_cell_is_an_error_not_a_skip(sqlite_engine, tmp_path):
    rows = long_rows(["31", "PDN", 2023, 4, "#DIV/0!"], ["31", "IRB", 2023, 4, "#N/A"], title=False)
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "galat.xlsx", rows))
    assert [(i.code, i.cell) for i in result.issues] == [("cell_error", "E2"), ("cell_error", "E3")]
    assert result.status == "rejected" and "#DIV/0!" in result.issues[0].message_en


def test_date_in_a_value_cell_is_an_error(sqlite_engine, tmp_path):
    rows = long_rows(["31", "PDN", 2023, 4, dt.datetime(2023, 12, 31)], title=False)
    issue = only(
        ingest(sqlite_engine, make_xlsx(tmp_path / "tanggal.xlsx", rows)), "date_not_allowed"
    )
    assert issue.cell == "E2"


def test_unit_that_means_something_else_names_the_expected_unit(sqlite_engine, tmp_path):
    rows = [
        [*LONG_HEADER, "satuan"],
        ["31", "INVESTASI", 2023, 4, 15, "Rp miliar"],
        ["31.71", "INVESTASI", 2023, 4, 15, "rupiah triliun"],
        ["31", "PDN", 2023, 4, 50, "%"],
    ]
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "satuan.xlsx", rows))
    assert codes(result, "error") == ["unit_mismatch"]
    issue = only(result, "unit_mismatch")
    assert issue.cell == "F2" and "Rp triliun" in issue.message_en


def test_evidence_link_must_be_http(sqlite_engine, tmp_path):
    rows = [[*LONG_HEADER, "tautan_bukti"], ["31", "PDN", 2023, 4, 50, "file:///C:/bukti.pdf"]]
    issue = only(ingest(sqlite_engine, make_xlsx(tmp_path / "tautan.xlsx", rows)), "invalid_url")
    assert issue.cell == "F2"


# --- Validation --------------------------------------------------------------------------------
def test_every_problem_is_collected_with_cell_and_both_languages(engine, tmp_path):
    before = observation_count(engine)
    rows = long_rows(
        ["99.99", "SPBE", 2023, 4, 2.5],  # unknown agency
        ["31", "XYZ", 2023, 4, 2.5],  # unknown indicator
        ["KL.KEMENPANRB", "STUNTING", 2023, 4, 20],  # not reported by a ministry
        ["31", "SPBE", 2014, 4, 2.5],  # before 2015
        ["31", "SPBE", NEXT_YEAR, 1, 2.5],  # quarter not started
        ["31", "SPBE", 2023, 4, 7],  # SPBE index above 5
        ["31", "PDN", 2023, 4, 101],  # percentage above 100
        ["31", "IRB", 2023, 4, "banyak"],  # not a number
        ["31", "PDN", 2022, 4, 40],  # fine, but the file is rejected as a whole
    )
    result = ingest(engine, make_xlsx(tmp_path / "banyak_salah.xlsx", rows))
    assert result.status == "rejected" and result.submission_id is None
    assert codes(result, "error") == [
        "unknown_agency",
        "unknown_indicator",
        "indicator_not_for_agency",
        "year_too_early",
        "quarter_not_started",
        "value_out_of_range",
        "value_out_of_range",
        "value_not_number",
    ]
    cells = [i.cell for i in result.issues]
    assert cells == ["A4", "B5", "B6", "C7", "E8", "E9", "E10", "E11"]
    for issue in result.issues:
        assert issue.sheet == "Data" and issue.row and issue.message_id and issue.message_en
        assert issue.message_id != issue.message_en
    assert observation_count(engine) == before


def test_same_key_twice_different_values_is_an_error(sqlite_engine, tmp_path):
    rows = long_rows(["31", "PDN", 2023, 4, 50], ["31", "PDN", 2023, 4, 55])
    issue = only(
        ingest(sqlite_engine, make_xlsx(tmp_path / "ganda.xlsx", rows)), "duplicate_conflict"
    )
    assert issue.cell == "E5" and "E4" in issue.message_en


def test_same_key_twice_same_value_is_stored_once(sqlite_engine, tmp_path):
    rows = long_rows(["31", "PDN", 2023, 4, 50], ["31", "PDN", 2023, 4, "50"])
    result = ingest(sqlite_engine, make_xlsx(tmp_path / "ganda_sama.xlsx", rows))
    assert result.status == "accepted" and result.rows.inserted == 1
    assert codes(result) == ["duplicate_same"]


def test_agency_not_allowed_for_the_uploading_user(sqlite_engine, tmp_path):
    rows = long_rows(["31", "PDN", 2023, 4, 50], ["32", "PDN", 2023, 4, 50])
    path = make_xlsx(tmp_path / "milik_lain.xlsx", rows)
    result = ingest(sqlite_engine, path, user="jakarta", allowed_agencies=frozenset({"31"}))
    issue = only(result, "agency_not_allowed")
    assert (issue.cell, issue.value, result.status) == ("A5", "32", "rejected")


def test_value_far_from_the_agency_history_is_a_warning(sqlite_engine, tmp_path):
    history = long_rows(
        *[["31", "PDN", 2022, q, v] for q, v in zip((1, 2, 3, 4), (40, 41, 42, 43))]
    )
    assert ingest(sqlite_engine, make_xlsx(tmp_path / "riwayat.xlsx", history)).status == "accepted"
    result = ingest(
        sqlite_engine, make_xlsx(tmp_path / "aneh.xlsx", long_rows(["31", "PDN", 2023, 1, 95]))
    )
    assert result.status == "accepted"
    assert only(result, "value_outlier").cell == "E4"
    normal = ingest(
        sqlite_engine, make_xlsx(tmp_path / "wajar.xlsx", long_rows(["31", "PDN", 2023, 2, 44]))
    )
    assert "value_outlier" not in codes(normal)


# --- CSV -------------------------------------------------------------------------------------
def test_csv_with_indonesian_locale(engine, tmp_path):
    rows = [
        ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai"],
        ["31.71", "SPBE", "2023", "IV", "2,75"],
        ["31.71", "INVESTASI", "2023", "4", "1.234.567,5"],
    ]
    result = ingest(engine, make_csv(tmp_path / "laporan.csv", rows, delimiter=";"))
    assert result.status == "accepted", result.issues
    assert current(engine, "31.71", "INVESTASI", 2023, 4) == 1234567.5


def test_csv_comma_delimited_without_bom_and_issue_sheet_is_null(sqlite_engine, tmp_path):
    rows = [
        ["agency_code", "indicator_code", "year", "quarter", "value"],
        ["31", "PDN", "2023", "4", "abc"],
    ]
    path = make_csv(tmp_path / "report.csv", rows, delimiter=",", bom=False)
    issue = only(ingest(sqlite_engine, path), "value_not_number")
    assert (issue.sheet, issue.cell) == (None, "E2")


def test_csv_that_is_not_utf8_is_rejected(sqlite_engine, tmp_path):
    path = tmp_path / "latin1.csv"
    path.write_bytes(
        "kode_instansi;kode_indikator;tahun;triwulan;nilai\n31;PDN;2023;4;50\nDKI Jakarta é\n".encode(
            "latin-1"
        )
    )
    issue = only(ingest(sqlite_engine, path), "csv_encoding")  # Latin-1 reads as Windows-1252
    assert "line 3, cell A3" in issue.message_en and "baris 3, sel A3" in issue.message_id


def test_a_ministry_reports_only_while_it_exists_and_is_told_its_successors(
    sqlite_engine, tmp_path
):
    # Kemenko Polhukam ended on 21 October 2024 (agencies.csv valid_to), split into
    # Kemenko Polkam and Kemenko Kumham Imipas: it still reports TW4 2024 (it existed part of
    # that quarter), not TW1 2025; the refusal names both successors, once for the period.
    ended = "KL.KEMENKOPOLHUKAM"
    q4 = ingest(
        sqlite_engine, make_xlsx(tmp_path / "q4.xlsx", long_rows([ended, "IRB", 2024, 4, 70]))
    )
    assert q4.status == "accepted"
    rows = long_rows([ended, "IRB", 2025, 1, 71], [ended, "SAKIP", 2025, 1, 72])
    late = ingest(sqlite_engine, make_xlsx(tmp_path / "q1.xlsx", rows))
    assert late.status == "rejected"
    issue = only(late, "agency_not_in_period")
    assert (issue.cell, issue.value) == ("E4", "2025 TW1")
    assert "KL.KEMENKOPOLKAM" in issue.message_en and "KL.KEMENKOKUMHAMIMIPAS" in issue.message_id
    assert "2024-10-21" in issue.message_en
