"""The Target / Sasaran sheet (issue 12, upload-format.md "Targets"): an agency's own baselines
and targets, one real workbook per rule, each error at its cell, then what is stored (history,
review, the catalogue that statuses read). Rules run on SQLite; storing on both backends."""

from __future__ import annotations

import io

import openpyxl
import pytest
from builders import long_rows, make_xlsx
from sqlalchemy import select

from etl.access import review
from etl.ingest import Upload, ingest_bytes, ingest_path
from etl.store import schema
from etl.store.catalogue import load_catalogue, refresh_reference

HEADER = ["kode_indikator", "tahun", "jenis", "nilai", "batas_bawah", "batas_atas", "sumber"]
HEADER += ["peta_jalan"]
SOURCE = "RPJMD Provinsi Jawa Barat 2025-2029"
RM = "RB-2025-2029"


def sheet(*data: list, agency="32", header=HEADER) -> list[list]:
    """Title, metadata block (Kode Instansi in B2), blank, header (row 4), data from row 5."""
    return [["TARGET RPJMD"], ["Kode Instansi", agency], [], header, *data]


def row(indicator="IRB", year=2029, kind="target", value=80, low=None, high=None, source=SOURCE, roadmap=None):  # fmt: skip
    return [indicator, year, kind, value, low, high, source, roadmap]


def targets_file(tmp_path, *data, name="target.xlsx", agency="32", **kw):
    return make_xlsx(tmp_path / name, sheet(*data, agency=agency), sheet="Target", **kw)


def codes(result):
    return [i.code for i in result.issues]


def at(result, code):
    found = [i for i in result.issues if i.code == code]
    assert found, f"expected {code}, got {codes(result)}"
    return found[0]


def own(engine, agency="32", indicator="IRB"):
    """(year, kind) → value of the catalogue's current targets of the agency."""
    catalogue = load_catalogue(engine)
    return {
        (t.year, t.kind): t.value
        for t in catalogue.targets
        if t.agency == agency and t.indicator == indicator
    }


ERRORS = [
    ("unknown_indicator", [row(indicator="IRB_X")], "A5"),
    ("value_out_of_range", [row(value=120)], "D5"),
    ("value_not_number", [row(value="delapan puluh")], "D5"),
    ("target_kind_unknown", [row(kind="rencana")], "C5"),
    ("target_band_reversed", [row("INFLASI", value=None, low=4, high=2)], "E5"),
    ("target_band_outside", [row("INFLASI", value=5, low=2, high=4)], "D5"),
    ("target_band_incomplete", [row("INFLASI", value=3, low=2)], "F5"),
    ("target_value_missing", [row(value=None)], "D5"),
    ("target_year_outside_roadmap", [row(year=2031, roadmap=RM)], "B5"),
    ("target_baseline_after_start", [row(year=2026, kind="baseline", roadmap=RM)], "B5"),
    ("target_roadmap_unknown", [row(roadmap="RB-2045")], "H5"),
    ("target_source_missing", [row(source=None)], "G5"),
    ("target_duplicate_conflict", [row(value=80), row(value=82)], "D6"),
]


@pytest.mark.parametrize(("code", "data", "cell"), ERRORS, ids=[e[0] for e in ERRORS])
def test_each_error_is_reported_at_its_cell(sqlite_engine, tmp_path, code, data, cell):
    result = ingest_path(sqlite_engine, targets_file(tmp_path, *data))
    assert result.status == "rejected" and result.submission_id is None
    issue = at(result, code)
    assert (issue.sheet, issue.cell) == ("Target", cell)
    assert issue.message_id and issue.message_en and issue.message_id != issue.message_en


@pytest.mark.parametrize(
    ("code", "agency", "upload"),
    [
        ("unknown_agency", "99", {}),
        ("agency_not_allowed", "32", {"allowed_agencies": frozenset({"33"})}),
        ("target_national_not_allowed", "ID", {"may_change_national": False}),
    ],
)
def test_agency_problems_at_the_metadata_cell(sqlite_engine, tmp_path, code, agency, upload):
    path = targets_file(tmp_path, row(), agency=agency)
    result = ingest_path(sqlite_engine, path, Upload(**upload))
    assert (at(result, code).cell, result.status) == ("B2", "rejected")


def test_three_problems_in_three_rows_all_reported(engine, tmp_path):
    path = targets_file(
        tmp_path, row(value=120), row("SAKIP", kind="rencana"), row("SPBE", value=4, source=None)
    )
    result = ingest_path(engine, path)
    found = {(i.code, i.cell) for i in result.issues if i.is_error}
    assert found == {
        ("value_out_of_range", "D5"),
        ("target_kind_unknown", "C6"),
        ("target_source_missing", "G7"),
    }


def test_a_file_of_targets_alone_is_accepted_and_reaches_the_catalogue(engine, tmp_path):
    path = targets_file(
        tmp_path,
        row(year=2024, kind="capaian awal", value=72.5),
        row(year=2029, kind="sasaran", value=80),
        row("INFLASI", 2029, value=None, low=1.5, high=3.5),
    )
    result = ingest_path(engine, path)
    assert result.status == "accepted", codes(result)
    assert result.targets == {"inserted": 3, "updated": 0, "unchanged": 0}
    assert result.as_report()["targets"]["inserted"] == 3
    assert own(engine) == {(2024, "baseline"): 72.5, (2029, "target"): 80}
    band = [t for t in load_catalogue(engine).targets if t.agency == "32" and t.is_band]
    assert [(t.roadmap, t.low, t.high) for t in band] == [(RM, 1.5, 3.5)]
    stored = engine.connect().execute(select(schema.target).where(schema.target.c.agency == "32"))
    for t in stored.mappings():
        assert t["submission_id"] == result.submission_id and t["recorded_by"] == "cli"
        assert t["sheet"] == "Target" and t["cell"]


def test_target_sheet_beside_the_data_sheet(engine, tmp_path):
    path = make_xlsx(
        tmp_path / "laporan.xlsx",
        long_rows(["32", "SPBE", 2024, 4, 3.1]),
        extra_sheets={"Sasaran": sheet(row("SPBE", 2029, value=4.0))},
    )
    result = ingest_path(engine, path)
    assert result.status == "accepted", codes(result)
    assert result.rows.inserted == 1 and result.targets["inserted"] == 1
    assert own(engine, indicator="SPBE") == {(2029, "target"): 4.0}


def test_a_corrected_target_supersedes_and_keeps_history(engine, tmp_path):
    path = targets_file(tmp_path, row(value=80), name="a.xlsx")
    first, again = ingest_path(engine, path), ingest_path(engine, path)
    second = ingest_path(engine, targets_file(tmp_path, row(value=82), name="b.xlsx"))
    assert again.status == "unchanged"
    assert second.targets == {"inserted": 0, "updated": 1, "unchanged": 0}
    assert own(engine) == {(2029, "target"): 82}
    t = schema.target.c
    with engine.connect() as conn:
        revisions = conn.execute(
            select(t.value, t.submission_id, t.superseded_by, t.superseded_at)
            .where(t.agency == "32", t.indicator == "IRB")
            .order_by(t.id)
        ).all()
    assert [(r.value, r.submission_id, r.superseded_by) for r in revisions] == [
        (80, first.submission_id, second.submission_id),
        (82, second.submission_id, None),
    ]
    assert revisions[0].superseded_at is not None


def test_pending_targets_wait_for_approval(engine, tmp_path):
    agency = Upload(
        user="jabar",
        review="pending",
        allowed_agencies=frozenset({"32"}),
        may_change_national=False,
    )
    sent = ingest_path(engine, targets_file(tmp_path, row(value=80)), agency)
    assert sent.status == "accepted"
    assert own(engine) == {}
    listed = review.pending_submissions(engine)
    assert listed.loc[listed.id == sent.submission_id, "agencies"].item() == "32"
    review.approve(engine, sent.submission_id, actor="reviewer")
    assert own(engine) == {(2029, "target"): 80}
    fixed = ingest_path(engine, targets_file(tmp_path, row(value=82), name="b.xlsx"), agency)
    review.return_submission(engine, fixed.submission_id, actor="reviewer", comment="sumber?")
    assert own(engine) == {(2029, "target"): 80}
    again = ingest_path(engine, targets_file(tmp_path, row(value=83), name="c.xlsx"), agency)
    review.approve(engine, again.submission_id, actor="reviewer")
    assert own(engine) == {(2029, "target"): 83}  # the approval superseded the earlier 80


def test_admin_corrects_a_national_target_and_init_keeps_it(engine, tmp_path):
    path = targets_file(tmp_path, row(value=78.0, source="RPJMN 2025-2029 (revisi)"), agency="ID")
    result = ingest_path(engine, path)
    assert result.status == "accepted" and result.targets["updated"] == 1
    assert own(engine, "ID")[(2029, "target")] == 78.0
    refresh_reference(engine)
    assert own(engine, "ID")[(2029, "target")] == 78.0
    t = schema.target.c
    with engine.connect() as conn:
        reference = conn.execute(
            select(t.value, t.superseded_by).where(
                t.agency == "ID", t.indicator == "IRB", t.year == 2029, t.submission_id.is_(None)
            )
        ).one()
    assert reference == (77.26, result.submission_id)


# --- the agency template ---------------------------------------------------------------------
def _target_sheet_rows(engine, agency):
    from etl.report.template import template_workbook

    data = template_workbook(engine, agency, 2025, 4)
    book = openpyxl.load_workbook(io.BytesIO(data))
    return data, [[c.value for c in r] for r in book["Target"].iter_rows(min_row=5)]


def test_template_target_sheet_is_empty_without_own_targets(engine):
    data, rows = _target_sheet_rows(engine, "32")
    assert rows == []
    result = ingest_bytes(engine, "templat_32.xlsx", data)
    assert (result.status, result.issues, result.targets["inserted"]) == ("accepted", [], 0)


def test_template_is_prefilled_with_current_targets_and_round_trips(engine, tmp_path):
    path = targets_file(
        tmp_path,
        row(year=2024, kind="baseline", value=72.5),
        row(year=2029, value=80),
        row("INFLASI", 2029, value=None, low=1.5, high=3.5),
    )
    assert ingest_path(engine, path).status == "accepted"
    data, rows = _target_sheet_rows(engine, "32")
    assert [(r[0], r[2], r[3], r[4], r[5], r[6], r[7], r[8]) for r in rows] == [
        ("INFLASI", 2029, "target", None, 1.5, 3.5, SOURCE, RM),
        ("IRB", 2024, "baseline", 72.5, None, None, SOURCE, RM),
        ("IRB", 2029, "target", 80, None, None, SOURCE, RM),
    ]
    back = ingest_bytes(engine, "templat_32.xlsx", data)
    assert back.status == "accepted" and back.issues == []
    assert back.targets == {"inserted": 0, "updated": 0, "unchanged": 3}


def test_command_line_prints_the_target_counts(db_url, tmp_path, capsys):
    from etl.__main__ import main

    path = targets_file(tmp_path, row(value=80), row("SAKIP", value=75))
    assert main(["ingest", "--db", db_url, str(path)]) == 0
    assert "target / targets: 2 baru/inserted" in capsys.readouterr().out


def test_agency_accounts_may_not_change_national_rows(sqlite_engine):
    from etl.access.accounts import Account
    from ui.upload_views import upload_for

    def account(role, agency=None):
        return Account(1, role, role, role, agency, False, False, False)

    catalogue = load_catalogue(sqlite_engine)
    assert upload_for(account("agency", "32"), catalogue).may_change_national is False
    assert upload_for(account("admin"), catalogue).may_change_national is True
    assert upload_for(account("reviewer"), catalogue).may_change_national is False
    assert Upload().may_change_national is True  # the command line is the operator's


def test_the_reviewer_sees_pending_targets_beside_the_official_ones(
    db_url, engine, tmp_path, capsys
):
    from etl.__main__ import main

    agency = Upload(user="jabar", review="pending", allowed_agencies=frozenset({"32"}))
    path = targets_file(tmp_path, row(value=80), agency="32")
    assert ingest_path(engine, path).status == "accepted"  # official: 80
    fixed = ingest_path(engine, targets_file(tmp_path, row(value=82), name="b.xlsx"), agency)
    frame = review.submission_target_changes(engine, fixed.submission_id)
    assert frame[["indicator", "year", "kind", "old_value", "value", "cell"]].values.tolist() == [
        ["IRB", 2029, "target", 80.0, 82.0, "D5"]
    ]
    assert main(["review", "show", "--db", db_url, str(fixed.submission_id)]) == 0
    assert "Target / targets:" in capsys.readouterr().out


def test_history_lists_every_revision_of_a_target(db_url, engine, tmp_path, capsys):
    from etl.__main__ import main

    path = targets_file(tmp_path, row(value=78.0, source="RPJMN revisi"), agency="ID")
    assert ingest_path(engine, path).status == "accepted"
    argv = ["history", "--db", db_url, "--agency", "ID", "--indicator", "IRB", "--targets"]
    assert main(argv) == 0
    lines = [line for line in capsys.readouterr().out.splitlines() if ",2029,target," in line]
    assert len(lines) == 2  # the reference row, superseded by the file, and the file's row
    assert "77.26" in lines[0] and "target.xlsx" in lines[0] and "78.0" in lines[1]


def test_a_new_reference_row_goes_behind_an_uploaded_target(engine, tmp_path):
    import shutil

    from etl.store.catalogue import reference_dir

    path = targets_file(tmp_path, row(year=2027, value=74.0, source="RPJMN revisi"), agency="ID")
    sent = ingest_path(engine, path)
    assert sent.status == "accepted" and sent.targets["inserted"] == 1
    folder = tmp_path / "reference"
    shutil.copytree(reference_dir(), folder)
    with (folder / "targets.csv").open("a", encoding="utf-8") as fh:
        fh.write(f"{RM},IRB,ID,2027,target,73.5,,,medium,RPJMN 2025-2029\n")
    refresh_reference(engine, folder)
    assert own(engine, "ID")[(2027, "target")] == 74.0
    t = schema.target.c
    with engine.connect() as conn:
        reference = conn.execute(
            select(t.value, t.superseded_by).where(
                t.agency == "ID", t.year == 2027, t.indicator == "IRB", t.submission_id.is_(None)
            )
        ).one()
    assert reference == (73.5, sent.submission_id)


def test_a_target_sheet_without_its_header_or_a_required_column_is_named(sqlite_engine, tmp_path):
    bare = make_xlsx(tmp_path / "a.xlsx", [["TARGET"], ["IRB", 2029, 80]], sheet="Sasaran")
    result = ingest_path(sqlite_engine, bare)
    assert (result.status, codes(result)) == ("rejected", ["target_no_header"])
    assert at(result, "target_no_header").sheet == "Sasaran"
    header = [h for h in HEADER if h != "sumber"]
    no_source = make_xlsx(
        tmp_path / "b.xlsx", sheet([*row()[:6], row()[7]], header=header), sheet="Target"
    )
    result = ingest_path(sqlite_engine, no_source)
    assert (result.status, codes(result)) == ("rejected", ["target_missing_column"])
    assert "sumber" in at(result, "target_missing_column").message_en


def test_the_apps_catalogue_version_moves_with_every_change_of_the_current_targets(
    engine, tmp_path
):
    """The app keeps its catalogue until this changes (ui.data.catalogue): an approval that
    supersedes one target by another, and nothing else, must change it too."""
    from etl.store.queries import catalogue_version

    agency = Upload(user="jabar", review="pending", allowed_agencies=frozenset({"32"}),
                    may_change_national=False)  # fmt: skip
    first = ingest_path(engine, targets_file(tmp_path, row(value=80)), agency)
    before = catalogue_version(engine)
    review.approve(engine, first.submission_id, actor="reviewer")
    approved = catalogue_version(engine)
    assert approved != before
    fixed = ingest_path(engine, targets_file(tmp_path, row(value=82), name="b.xlsx"), agency)
    assert catalogue_version(engine) == approved  # waiting: not yet what statuses use
    review.approve(engine, fixed.submission_id, actor="reviewer")
    assert own(engine) == {(2029, "target"): 82}
    assert catalogue_version(engine) != approved


def test_a_duplicate_bands_numbers_are_in_each_messages_notation(sqlite_engine, tmp_path):
    # "97,25–98,5" in Bahasa Indonesia (97.25 reads as 9.725 there), "97.25–98.5" in English.
    first = row("INFLASI", 2029, value=None, low=1.5, high=3.5)
    second = row("INFLASI", 2029, value=None, low=1.75, high=3.25)
    issue = at(ingest_path(sqlite_engine, targets_file(tmp_path, first, second)), "target_duplicate_conflict")  # fmt: skip
    assert "(1,75–3,25 dan 1,5–3,5 di" in issue.message_id
    assert "(1.75–3.25 and 1.5–3.5 at" in issue.message_en
