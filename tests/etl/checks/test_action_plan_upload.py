"""Reading and checking the Rencana Aksi sheet (issue 6): one real workbook per rule, the RAD RB
Tematik layout as regional governments export it, the template layout, and the cells as clerks
fill them in. Pure reading rules run on SQLite."""

from __future__ import annotations

import datetime as dt

import pytest
from builders import RAD_MERGED, long_rows, make_xlsx, rad_rows
from openpyxl.utils import get_column_letter
from sqlalchemy import select

from etl.checks import action_plan_cells as ac
from etl.ingest import Upload, ingest_path
from etl.reading.cells import CellProblem
from etl.store import schema

SUMMER_2024 = dt.date(2024, 8, 15)  # Q2 2024 has ended, Q3 has not
HEADER = ["tema", "permasalahan", "rencana_aksi", "indikator_output", "satuan_output"]
HEADER += [f"target_tw{q}" for q in (1, 2, 3, 4)] + [f"realisasi_tw{q}" for q in (1, 2, 3, 4)]
HEADER += ["anggaran", "realisasi_anggaran", "fokus_intervensi", "koordinator", "pelaksana"]
HEADER += ["catatan", "tautan_bukti"]


def plan(*data: list, agency="31.71", year=2024, header=HEADER) -> list[list]:
    """A template-layout action-plan sheet: title, metadata block, header (row 5), data."""
    return [["RENCANA AKSI"], ["Kode Instansi", agency], ["Tahun", year], [], header, *data]


def action(**cells) -> list:
    """One template row; cells by header name, the rest a plain counted output."""
    row = dict.fromkeys(HEADER)
    row.update(tema="KEMISKINAN", permasalahan="Data tidak padu", rencana_aksi="Verifikasi DTKS")
    row.update(indikator_output="Dokumen DTKS", satuan_output="Dokumen")
    row.update({f"target_tw{q}": "1 Dokumen" for q in (1, 2, 3, 4)}, anggaran="Rp 1.000.000")
    row.update(cells)
    return [row[h] for h in HEADER]


def col(name: str) -> str:
    return get_column_letter(HEADER.index(name) + 1)


def ingest(engine, path, **upload):
    return ingest_path(engine, path, Upload(**{"today": SUMMER_2024, **upload}))


def codes(result, severity=None):
    return [i.code for i in result.issues if severity is None or i.severity == severity]


def only(result, code):
    found = [i for i in result.issues if i.code == code]
    assert found, f"expected {code}, got {[(i.code, i.message_en) for i in result.issues]}"
    return found[0]


def stored(engine, **where):
    act = schema.action.c
    query = select(schema.action).where(act.superseded_at.is_(None))
    for name, value in where.items():
        query = query.where(act[name] == value)
    with engine.connect() as conn:
        return [dict(r) for r in conn.execute(query.order_by(act.row)).mappings()]


# --- the RAD RB Tematik layout (rows and merged ranges in builders.py) ----------------------
def rad_file(tmp_path, name="RAD_RB_Tematik_31.71_2024.xlsx", **kwargs):
    return make_xlsx(tmp_path / name, rad_rows(**kwargs), sheet="RAD", merged=RAD_MERGED)


def test_rad_layout_ingests_as_it_is_with_merged_headers_joined(sqlite_engine, tmp_path):
    result = ingest(sqlite_engine, rad_file(tmp_path))
    assert result.status == "accepted", result.issues
    assert result.actions == {"inserted": 2, "updated": 0, "unchanged": 0}
    assert codes(result) == []  # every column of the layout is recognised
    first, second = stored(sqlite_engine, agency="31.71", year=2024)
    # "REALISASI RENAKSI / TW2 / Rp" is the budget spent in Q2
    assert (first["spent_rp_tw1"], first["spent_rp_tw2"], first["spent_rp_tw3"]) == (
        350_000, 400_000, None)  # fmt: skip
    assert [first[f"planned_rp_tw{q}"] for q in (1, 2, 3, 4)] == [375_000] * 4
    assert (first["budget"], first["budget_spent"], first["target_year"]) == (1_500_000, 750_000, 4)
    assert (first["output_indicator"], first["output_unit"]) == (
        "Dokumen DTKS terverifikasi",
        "Dokumen",
    )
    assert (first["coordinator"], first["implementer"]) == ("Bappeda", "Dinas Sosial")
    assert first["target_kind"] == "increments" and second["target_kind"] == "levels"
    assert [second[f"realised_tw{q}"] for q in (1, 2, 3, 4)] == [25, 30, None, None]
    # the merged problem and INDIKATOR cover the second action; its theme comes from INDIKATOR
    assert second["problem"] == "Data kemiskinan tidak padu"
    assert first["theme"] == second["theme"] == "KEMISKINAN"


def test_report_says_where_agency_and_year_came_from(sqlite_engine, tmp_path):
    result = ingest(sqlite_engine, rad_file(tmp_path))
    used = result.as_report()["action_context"][0]
    assert (used["agency"], used["agency_source"]) == ("31.71", "file_name")
    assert (used["year"], used["year_source"]) == (2024, "title")
    plain = rad_file(tmp_path, name="rad.xlsx", year=2023)
    by_form = ingest(sqlite_engine, plain, agency="31.71", year=2023)
    used = by_form.action_context[0]
    assert (used["agency_source"], used["year_source"]) == ("form", "title")


def test_agency_unknown_everywhere_is_an_error_naming_the_options(sqlite_engine, tmp_path):
    result = ingest(sqlite_engine, rad_file(tmp_path, name="rad.xlsx"))
    issue = only(result, "action_missing_context")
    assert result.status == "rejected" and "--agency" in issue.message_en


def test_metadata_and_form_must_agree(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "ra.xlsx", plan(action()), sheet="Rencana Aksi")
    issue = only(ingest(sqlite_engine, path, agency="32"), "action_context_conflict")
    assert issue.cell == "B2"


def test_theme_from_indicator_code_form_or_name_and_errors(sqlite_engine, tmp_path):
    by_code = ingest(sqlite_engine, rad_file(tmp_path, name="a_31.71.xlsx", indicator="kemiskinan"))
    assert by_code.status == "accepted"
    unknown = ingest(sqlite_engine, rad_file(tmp_path, name="b_31.71.xlsx", indicator="Lainnya"))
    issue = only(unknown, "action_theme_unknown")
    assert (issue.cell, unknown.status) == ("D5", "rejected")  # the INDIKATOR cell
    by_form = ingest(
        sqlite_engine, rad_file(tmp_path, name="c_31.72.xlsx", indicator="Lainnya"),
        theme="Peningkatan Investasi",
    )  # fmt: skip
    assert by_form.status == "accepted"
    assert {a["theme"] for a in stored(sqlite_engine, agency="31.72")} == {"INVESTASI"}


def test_theme_that_is_not_rb_tematik_is_an_error(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "ra.xlsx", plan(action(tema="GENERAL")), sheet="Renaksi")
    issue = only(ingest(sqlite_engine, path), "action_theme_not_tematik")
    assert issue.cell == "A6" and "KEMISKINAN" in issue.message_en


def test_realisation_for_a_quarter_not_ended_is_an_error_at_its_cell(sqlite_engine, tmp_path):
    result = ingest(sqlite_engine, rad_file(tmp_path, realised_q3=("1 Dokumen", "100.000")))
    found = {i.cell for i in result.issues if i.code == "action_quarter_not_ended"}
    assert found == {"X5", "Y5"} and result.status == "rejected"  # REALISASI TW3 Target and Rp


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.500.000", 1_500_000), ("1.500", 1_500), ("Rp 1.500", 1_500), ("Rp. 2.750.000", 2_750_000),
        ("1.500.000,50", 1_500_000.5), ("2,5", 2.5), ("1500000", 1_500_000), (1.5e6, 1_500_000),
        ("1,234,567", 1_234_567),
    ],
)  # fmt: skip
def test_money_reads_a_dot_as_a_thousands_separator(text, expected):
    assert ac.parse_money(text) == expected


@pytest.mark.parametrize(("text", "code"), [("1,500", "value_ambiguous"), ("-5", "action_negative"),
                                            ("seribu", "value_not_number")])  # fmt: skip
def test_money_that_cannot_be_told_is_a_problem(text, code):
    with pytest.raises(CellProblem) as caught:
        ac.parse_money(text)
    assert caught.value.code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [("1 Dokumen", (1, "Dokumen")), ("100%", (100, "%")), ("25 %", (25, "%")),
     ("2,5 Laporan", (2.5, "Laporan")), ("3", (3, None)), (4.0, (4, None))],
)  # fmt: skip
def test_quantity_is_a_number_followed_by_the_unit(text, expected):
    assert ac.parse_quantity(text) == expected


def test_unit_word_differing_from_the_output_unit_is_a_warning(sqlite_engine, tmp_path):
    path = make_xlsx(
        tmp_path / "ra.xlsx", plan(action(target_tw2="1 Laporan", realisasi_tw1="-")),
        sheet="Rencana Aksi",
    )  # fmt: skip
    result = ingest(sqlite_engine, path)
    issue = only(result, "action_unit_differs")
    assert (result.status, issue.severity, issue.cell) == (
        "accepted",
        "warning",
        f"{col('target_tw2')}6",
    )
    assert (
        stored(sqlite_engine)[0]["target_tw2"] == 1
        and stored(sqlite_engine)[0]["realised_tw1"] is None
    )


def test_budget_spent_above_budget_is_a_warning(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "ra.xlsx", plan(action(realisasi_anggaran="1.200.000")),
                     sheet="Rencana Aksi")  # fmt: skip
    result = ingest(sqlite_engine, path)
    issue = only(result, "action_overspent")
    assert (result.status, issue.cell) == ("accepted", f"{col('realisasi_anggaran')}6")


def test_intervention_focus_is_one_of_six(sqlite_engine, tmp_path):
    good = make_xlsx(tmp_path / "a.xlsx", plan(action(fokus_intervensi="human resources")),
                     sheet="Rencana Aksi")  # fmt: skip
    assert ingest(sqlite_engine, good).status == "accepted"
    assert stored(sqlite_engine)[0]["focus"] == "SDM"
    bad = make_xlsx(tmp_path / "b.xlsx", plan(action(fokus_intervensi="Sosialisasi")),
                    sheet="Rencana Aksi")  # fmt: skip
    assert "Inovasi" in only(ingest(sqlite_engine, bad), "action_focus_invalid").message_en


def test_evidence_link_must_be_http(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", plan(action(tautan_bukti="drive/bukti.pdf")),
                     sheet="Rencana Aksi")  # fmt: skip
    assert only(ingest(sqlite_engine, path), "invalid_url").cell == f"{col('tautan_bukti')}6"


def test_targets_that_neither_add_up_nor_end_at_the_year_warn(sqlite_engine, tmp_path):
    header = [*HEADER, "target_tahun"]
    row = [*action(target_tw4="2 Dokumen"), "4 Dokumen"]  # 1+1+1+2 = 5, last 2: neither is 4
    path = make_xlsx(tmp_path / "a.xlsx", plan(row, header=header), sheet="Rencana Aksi")
    result = ingest(sqlite_engine, path)
    assert codes(result) == ["action_target_kind_unclear"] and result.status == "accepted"
    assert stored(sqlite_engine)[0]["target_kind"] == "increments"


def test_same_action_twice_is_an_error_naming_the_first_row(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", plan(action(), action()), sheet="Rencana Aksi")
    issue = only(ingest(sqlite_engine, path), "action_duplicate")
    assert issue.cell == f"{col('rencana_aksi')}7" and "6" in issue.message_en


def test_row_with_data_but_no_action_is_an_error(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", plan(action(rencana_aksi=None)), sheet="Rencana Aksi")
    assert only(ingest(sqlite_engine, path), "action_missing").cell == f"{col('rencana_aksi')}6"


def test_action_sheet_only_is_not_a_no_header_error(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", plan(action()), sheet="Action plan")
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted", result.issues
    assert result.rows.inserted == 0
    assert result.actions["inserted"] == 1


def test_action_sheet_beside_data_is_never_read_as_indicator_data(sqlite_engine, tmp_path):
    # The action sheet holds an indicator-like header; it must still be read as an action plan.
    header = [*HEADER, "kode_indikator", "nilai"]
    path = make_xlsx(
        tmp_path / "a.xlsx", long_rows(["31.71", "SPBE", 2023, 4, 2.5]),
        extra_sheets={"Rencana Aksi": plan([*action(), "SPBE", 3], header=header)},
    )  # fmt: skip
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted" and result.rows.inserted == 1
    assert result.actions["inserted"] == 1 and "unknown_columns" in codes(result)


def test_named_action_sheet_without_its_header_is_an_error(sqlite_engine, tmp_path):
    path = make_xlsx(tmp_path / "a.xlsx", [["Judul"], ["apa", "saja"]], sheet="Rencana Aksi")
    issue = only(ingest(sqlite_engine, path), "action_no_header")
    assert "apa" in issue.message_en


def test_percent_formatted_numeric_target_reads_as_percent(sqlite_engine, tmp_path):
    row = action(satuan_output="%", **{f"target_tw{q}": q / 4 for q in (1, 2, 3, 4)})
    path = make_xlsx(tmp_path / "a.xlsx", plan(row), sheet="Rencana Aksi",
                     formats={f"{col(f'target_tw{q}')}6": "0%" for q in (1, 2, 3, 4)})  # fmt: skip
    assert ingest(sqlite_engine, path).status == "accepted"
    saved = stored(sqlite_engine)[0]
    assert [saved[f"target_tw{q}"] for q in (1, 2, 3, 4)] == [25, 50, 75, 100]
    assert saved["target_kind"] == "levels"


def test_rad_layout_without_merge_information_reads_the_same(sqlite_engine, tmp_path):
    # Files re-saved by other tools may lose their merged ranges: the header levels are then
    # told by their words (TW1, Target, Rp) and a group title covers the columns to its right.
    path = make_xlsx(tmp_path / "RAD_31.71.xlsx", rad_rows(), sheet="Sheet1")
    result = ingest(sqlite_engine, path)
    assert result.status == "accepted", result.issues
    first = stored(sqlite_engine)[0]
    assert (first["spent_rp_tw2"], first["target_tw3"], first["output_unit"]) == (
        400_000, 1, "Dokumen")  # fmt: skip


def test_formula_without_result_and_excel_error_in_an_action_cell(sqlite_engine, tmp_path):
    rows = plan(
        action(rencana_aksi="Verifikasi DTKS", anggaran="=1+1", realisasi_anggaran="#DIV/0!")
    )
    result = ingest(
        sqlite_engine, make_xlsx(tmp_path / "rumus_aksi.xlsx", rows, sheet="Rencana Aksi")
    )
    found = {i.code for i in result.issues}
    assert {"formula_without_value", "cell_error"} <= found and result.status == "rejected"


def test_a_problem_with_the_agency_of_the_file_name_names_no_empty_cell(sqlite_engine, tmp_path):
    # Issue 13 #11: the agency came from the file name (no cell), yet the message said "Cell :".
    refused = ingest(sqlite_engine, rad_file(tmp_path), allowed_agencies=frozenset({"32"}))
    unknown = ingest(sqlite_engine, rad_file(tmp_path, name="rad.xlsx"), agency="99.99")
    issues = [only(refused, "agency_not_allowed"), only(unknown, "unknown_agency")]
    for issue in [*refused.issues, *unknown.issues]:
        for text in (issue.message_id, issue.message_en):
            assert "Sel :" not in text and "Cell :" not in text and "()" not in text, text
    assert issues[0].message_en.startswith("Sheet RAD: your account may not send data for agency")
    assert issues[0].message_id.startswith("Lembar RAD: akun Anda tidak berhak")
