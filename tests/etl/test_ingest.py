"""Loading rules: all or nothing, the archived file, unchanged bytes, corrections with history."""

from __future__ import annotations

import hashlib

import pandas as pd
from builders import long_rows, make_xlsx
from sqlalchemy import func, select

from etl.ingest import Upload, ingest_path
from etl.store import queries, schema


def count(engine, table):
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(table)).scalar()


def test_accepted_file_is_archived_and_values_point_to_their_cells(engine, tmp_path):
    path = make_xlsx(tmp_path / "jakarta_2023_tw4.xlsx", long_rows(["31", "PDN", 2023, 4, 48.5]))
    result = ingest_path(engine, path, Upload(user="clerk.jakarta"))
    assert result.status == "accepted" and result.submission_id
    name, content = queries.submission_content(engine, result.submission_id)
    assert name == "jakarta_2023_tw4.xlsx" and content == path.read_bytes()
    frame = queries.history(engine, "31", "PDN")
    row = frame.iloc[0]
    assert (row.value, row.cell, row.recorded_by) == (48.5, "E4", "clerk.jakarta")
    assert row.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_rejected_file_changes_nothing(engine, tmp_path):
    before = (count(engine, schema.observation), count(engine, schema.submission))
    rows = long_rows(["31", "PDN", 2023, 4, 48.5], ["31", "PDN", 2023, 3, "empat puluh"])
    result = ingest_path(engine, make_xlsx(tmp_path / "salah.xlsx", rows))
    assert result.status == "rejected" and result.submission_id is None
    assert (count(engine, schema.observation), count(engine, schema.submission)) == before


def test_same_bytes_again_are_unchanged_with_the_first_submission_id(engine, tmp_path):
    path = make_xlsx(tmp_path / "sama.xlsx", long_rows(["31", "PDN", 2023, 4, 48.5]))
    first = ingest_path(engine, path)
    observations = count(engine, schema.observation)
    again = ingest_path(engine, path)
    assert again.status == "unchanged"
    assert again.submission_id == first.submission_id
    assert (again.rows.inserted, again.rows.unchanged) == (0, 1)
    assert count(engine, schema.observation) == observations


def test_corrected_file_keeps_the_replaced_values_in_history(engine, tmp_path):
    first = make_xlsx(
        tmp_path / "awal.xlsx",
        long_rows(
            ["31", "PDN", 2023, 4, 48.5], ["31", "IRB", 2023, 4, 70], ["31", "SAKIP", 2023, 4, 66]
        ),
    )
    assert ingest_path(engine, first, Upload(user="clerk")).rows.inserted == 3
    corrected = make_xlsx(
        tmp_path / "koreksi.xlsx",
        long_rows(["31", "PDN", 2023, 4, 51.0], ["31", "IRB", 2023, 4, 70]),  # SAKIP omitted
    )
    result = ingest_path(engine, corrected, Upload(user="reviewer"))
    assert result.status == "accepted"
    assert (result.rows.inserted, result.rows.updated, result.rows.unchanged) == (0, 1, 1)
    history = queries.history(engine, "31", "PDN")
    assert list(history.value) == [48.5, 51.0]
    old, new = history.iloc[0], history.iloc[1]
    assert old.superseded_by == result.submission_id and old.superseded_by_file == "koreksi.xlsx"
    assert not pd.isna(old.superseded_at) and pd.isna(new.superseded_at)
    assert new.recorded_by == "reviewer"
    # Nothing is deleted by omission.
    current = queries.current_observations(engine, queries.Filters(agency="31", year=2023))
    assert sorted(current.indicator_code) == ["IRB", "PDN", "SAKIP"]


def test_a_changed_target_is_an_update(engine, tmp_path):
    header = ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai", "target"]

    def make(name, target):
        return make_xlsx(tmp_path / name, [header, ["31", "PDN", 2023, 4, 48.5, target]])

    ingest_path(engine, make("a.xlsx", 40))
    result = ingest_path(engine, make("b.xlsx", 45))
    assert result.rows.updated == 1


def test_dry_run_plans_old_to_new_and_stores_nothing(engine, tmp_path):
    ingest_path(engine, make_xlsx(tmp_path / "a.xlsx", long_rows(["31", "PDN", 2023, 4, 48.5])))
    before = count(engine, schema.observation)
    path = make_xlsx(
        tmp_path / "b.xlsx", long_rows(["31", "PDN", 2023, 4, 50], ["31", "PDN", 2023, 3, 47])
    )
    result = ingest_path(engine, path, dry_run=True)
    assert result.status == "accepted" and result.dry_run and result.submission_id is None
    assert [(c.kind, c.old_value, c.row.value) for c in result.changes] == [
        ("updated", 48.5, 50.0),
        ("inserted", None, 47.0),
    ]
    assert count(engine, schema.observation) == before


def test_a_path_that_does_not_exist_is_a_rejected_file(engine, tmp_path):
    result = ingest_path(engine, tmp_path / "tidak_ada.xlsx")
    assert result.status == "rejected"
    assert result.issues[0].code == "file_not_found" and result.issues[0].cell is None


def test_national_figures_are_observations_of_agency_id(engine):
    frame = queries.current_observations(engine, queries.Filters(agency="ID", indicator="SPBE"))
    assert dict(zip(frame.year, frame.value)) == {
        2018: 1.98,
        2019: 2.18,
        2022: 2.34,
        2023: 2.79,
        2024: 3.12,
    }
    assert set(frame.source) == {"reference"}


def test_a_dry_run_neither_waits_for_nor_blocks_a_writer(tmp_path):
    # SQLite: another process holds the write lock; the check still answers at once (it only
    # reads), and commit waits its turn instead.
    import sqlite3
    import time

    from etl import ingest
    from etl.bootstrap import init_database
    from etl.store.database import make_engine

    db = tmp_path / "rb.sqlite"
    engine = make_engine(f"sqlite:///{db}")
    init_database(engine)
    path = make_xlsx(tmp_path / "f.xlsx", long_rows(["31", "PDN", 2023, 4, 48.5]))
    writer = sqlite3.connect(db, isolation_level=None)
    writer.execute("BEGIN IMMEDIATE")
    try:
        start = time.perf_counter()
        checked = ingest.check(engine, path.name, path.read_bytes())
        assert time.perf_counter() - start < 2
    finally:
        writer.execute("ROLLBACK")
        writer.close()
    assert checked.accepted and checked.result.rows.inserted == 1
    assert ingest.commit(engine, checked).submission_id is not None


def test_commit_plans_again_against_what_landed_after_the_check(engine, tmp_path):
    # Two corrections of one value: the second was checked before the first landed; its commit
    # supersedes the first one's value, not the value its dry run saw.
    from etl import ingest

    first = make_xlsx(tmp_path / "a.xlsx", long_rows(["31", "PDN", 2023, 4, 48.5]))
    second = make_xlsx(tmp_path / "b.xlsx", long_rows(["31", "PDN", 2023, 4, 50.0]))
    late = ingest.check(engine, second.name, second.read_bytes())
    assert [c.kind for c in late.result.changes] == ["inserted"]
    ingest_path(engine, first)
    stored = ingest.commit(engine, late)
    assert [(c.kind, c.old_value) for c in stored.changes] == [("updated", 48.5)]
    assert stored.rows.updated == 1 and stored.rows.inserted == 0


def test_a_file_reports_at_most_a_thousand_issues_then_how_many_more(engine, tmp_path):
    # 1,500 rows with a text value: 1,000 issues at their cells, then one saying 500 more (all
    # errors), and the file is rejected; nothing stored.
    from builders import make_csv

    from etl.core.issues import MAX_ISSUES

    rows = [["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai"]]
    rows += [["31", "PDN", 2023, 4, "banyak"] for _ in range(1500)]
    result = ingest_path(engine, make_csv(tmp_path / "buruk.csv", rows))
    assert result.status == "rejected"
    assert len(result.issues) == MAX_ISSUES + 1
    last = result.issues[-1]
    assert last.code == "more_issues" and last.is_error
    assert "500 masalah lain" in last.message_id and "500 more issues" in last.message_en
    assert (queries.submissions(engine).source != "reference").sum() == 0


def test_a_locked_period_is_reported_once_per_file(engine, tmp_path):
    # Fourteen values of one locked quarter (and one of another): one issue per period, at its
    # first cell, not fifteen identical ones.
    codes = ["PDN", "INFLASI", "KEMISKINAN", "IRB", "SAKIP", "SPBE", "IPP"]
    rows = long_rows(*[["31", code, 2023, 4, 10 + k] for k, code in enumerate(codes * 2)])
    rows.append(["31", "PDN", 2023, 3, 9])
    upload = Upload(user="clerk31", review="pending", enforce_locks=True)
    result = ingest_path(engine, make_xlsx(tmp_path / "telat.xlsx", rows), upload)
    locked = [i for i in result.issues if i.code == "period_locked"]
    assert [(i.cell, i.value) for i in locked] == [("E4", "2023 TW4"), ("E18", "2023 TW3")]
    assert "semua nilainya" in locked[0].message_id and "all its values" in locked[0].message_en


def test_a_check_kept_from_before_the_lock_date_does_not_store_after_it(engine, tmp_path):
    # The upload page keeps its dry run: checked on 10 Jan 2024 (TW4 2023 open until 15 Feb),
    # confirmed after the lock date, the file is refused with period_locked and stores nothing.
    import datetime as dt
    from dataclasses import replace

    from etl import ingest

    path = make_xlsx(tmp_path / "tw4.xlsx", long_rows(["31", "PDN", 2023, 4, 48.5]))
    upload = Upload(
        user="clerk31", review="pending", enforce_locks=True, today=dt.date(2024, 1, 10)
    )
    kept = ingest.check(engine, path.name, path.read_bytes(), upload)
    assert kept.accepted
    # Confirmed today (the app's uploads carry no fixed day: `today` None is the real one).
    late = ingest.commit(engine, replace(kept, upload=replace(kept.upload, today=None)))
    assert late.status == "rejected" and late.submission_id is None
    assert [(i.code, i.cell) for i in late.issues] == [("period_locked", "E4")]
    assert (queries.submissions(engine).source == "upload").sum() == 0


def test_a_check_kept_across_a_catalogue_refresh_is_stored_under_the_new_catalogue(
    engine, tmp_path
):
    # The upload page keeps a dry run while an operator runs `etl init` with a changed
    # catalogue (here the national inflation band stops applying to regions): the commit must
    # judge the file's values by the catalogue now stored, not by the one the check read, or
    # its statuses differ from what every other page computes.
    import shutil

    from etl import ingest
    from etl.bootstrap import init_database
    from etl.report.assessment_check import differences
    from etl.store.catalogue import load_catalogue, reference_dir

    path = make_xlsx(tmp_path / "f.xlsx", long_rows(["31", "INFLASI", 2023, 4, 2.8]))
    checked = ingest.check(engine, path.name, path.read_bytes())
    assert checked.accepted
    changed = tmp_path / "reference"
    shutil.copytree(reference_dir(), changed)
    indicators = changed / "indicators.csv"
    lines = indicators.read_text(encoding="utf-8").splitlines(keepends=True)
    lines = [ln.replace(",applies", ",reference") if ln.startswith("INFLASI,") else ln for ln in lines]  # fmt: skip
    indicators.write_text("".join(lines), encoding="utf-8")
    init_database(engine, changed)
    assert not load_catalogue(engine).indicators["INFLASI"].national_target_applies

    assert ingest.commit(engine, checked).submission_id is not None
    assert differences(engine)[0] == 0
