"""Loading action plans on SQLite and PostgreSQL: one transaction with the indicator rows of the
same file, history on correction, stable codes, the template round trip, the command line."""

from __future__ import annotations

import csv
import datetime as dt
import io

from builders import long_rows, make_xlsx
from sqlalchemy import func, select

from etl.cli.main import main
from etl.ingest import Upload, ingest_path
from etl.store import schema
from etl.store.action_plans import action_plan_template_rows

TODAY = dt.date(2024, 8, 15)
Q = (1, 2, 3, 4)
HEADER = ["kode_aksi", "tema", "rencana_aksi", "indikator_output", "satuan_output"]
HEADER += [f"target_tw{q}" for q in Q] + [f"realisasi_tw{q}" for q in Q]
HEADER += [f"anggaran_tw{q}" for q in Q] + [f"realisasi_anggaran_tw{q}" for q in Q]
HEADER += ["koordinator", "pelaksana"]


def plan(*data, agency="31.71", year=2024):
    return [["Kode Instansi", agency], ["Tahun", year], [], HEADER, *data]


def row(code=None, action="Verifikasi DTKS", done=("1 Dokumen", None), spent=("250.000", None)):
    return [
        code, "KEMISKINAN", action, "Dokumen DTKS", "Dokumen", *["1 Dokumen"] * 4, *done,
        None, None, *["250.000"] * 4, *spent, None, None, "Bappeda", "Dinsos",
    ]  # fmt: skip


def book(tmp_path, name, *actions, indicator_value=48.5):
    return make_xlsx(
        tmp_path / name,
        long_rows(["31.71", "PDN", 2023, 4, indicator_value]),
        extra_sheets={"Rencana Aksi": plan(*actions)},
    )


def ingest(engine, path, **upload):
    return ingest_path(engine, path, Upload(today=TODAY, **upload))


def count(engine, table, current_only=False):
    query = select(func.count()).select_from(table)
    if current_only:
        query = query.where(table.c.superseded_at.is_(None))
    with engine.connect() as conn:
        return conn.execute(query).scalar()


def actions(engine):
    act = schema.action.c
    with engine.connect() as conn:
        query = select(schema.action).where(act.superseded_at.is_(None)).order_by(act.row)
        return [dict(r) for r in conn.execute(query).mappings()]


def test_indicator_and_action_rows_of_one_file_share_one_submission(engine, tmp_path):
    result = ingest(engine, book(tmp_path, "a.xlsx", row(), row(action="Rapat koordinasi")))
    assert result.status == "accepted", result.issues
    assert (result.rows.inserted, result.actions["inserted"]) == (1, 2)
    report = result.as_report()
    assert report["actions"] == {"inserted": 2, "updated": 0, "unchanged": 0}
    assert report["action_context"][0]["agency_source"] == "metadata"
    assert {a["submission_id"] for a in actions(engine)} == {result.submission_id}


def test_an_action_error_rejects_the_indicator_rows_too_and_vice_versa(engine, tmp_path):
    before = (count(engine, schema.observation), count(engine, schema.submission))
    # Q3 2024 has not ended on 15 August 2024
    bad_action = ingest(engine, book(tmp_path, "b.xlsx", [*row()[:11], "1 Dokumen", *row()[12:]]))
    assert bad_action.status == "rejected"
    assert [i.code for i in bad_action.issues] == ["action_quarter_not_ended"]
    bad_value = ingest(engine, book(tmp_path, "c.xlsx", row(), indicator_value="empat"))
    assert bad_value.status == "rejected"
    assert (count(engine, schema.observation), count(engine, schema.submission)) == before
    assert count(engine, schema.action) == 0


def test_same_bytes_again_are_unchanged_actions_included(engine, tmp_path):
    path = book(tmp_path, "a.xlsx", row())
    first = ingest(engine, path)
    again = ingest(engine, path)
    assert (again.status, again.submission_id) == ("unchanged", first.submission_id)
    assert again.actions == {"inserted": 0, "updated": 0, "unchanged": 1}


def test_corrected_quarter_supersedes_and_keeps_history(engine, tmp_path):
    ingest(engine, book(tmp_path, "q1.xlsx", row(), row(action="Rapat koordinasi")))
    # The Q2 file reports only the first action: the second stays as it was.
    second = ingest(engine, book(tmp_path, "q2.xlsx", row(done=("1 Dokumen", "1 Dokumen"))))
    assert second.actions == {"inserted": 0, "updated": 1, "unchanged": 0}
    assert count(engine, schema.action) == 3 and count(engine, schema.action, True) == 2
    current = actions(engine)[0]
    assert (current["realised_tw2"], current["submission_id"]) == (1, second.submission_id)
    act = schema.action.c
    with engine.connect() as conn:
        old = conn.execute(select(act.realised_tw2, act.superseded_by).where(
            act.superseded_at.is_not(None))).one()  # fmt: skip
    assert tuple(old) == (None, second.submission_id)


def test_generated_code_is_stable_and_kode_aksi_follows_a_renamed_action(engine, tmp_path):
    ingest(engine, book(tmp_path, "a.xlsx", row()))
    code = actions(engine)[0]["action_code"]
    assert code.startswith("RA-")
    # The same action written with other spaces and case is the same action.
    again = ingest(
        engine, book(tmp_path, "b.xlsx", row(action="verifikasi  DTKS"), indicator_value=49)
    )
    assert again.actions["inserted"] == 0 and actions(engine)[0]["action_code"] == code
    renamed = ingest(engine, book(tmp_path, "c.xlsx", row(code=code, action="Verifikasi data")))
    assert renamed.actions == {"inserted": 0, "updated": 1, "unchanged": 0}
    assert [a["action"] for a in actions(engine)] == ["Verifikasi data"]


def test_template_rows_ingest_back_unchanged(engine, tmp_path):
    first = ingest(engine, book(tmp_path, "a.xlsx", row(done=("1 Dokumen", "0 Dokumen")),
                                row(action="Rapat koordinasi")))  # fmt: skip
    assert first.status == "accepted", first.issues
    rows = action_plan_template_rows(engine, "31.71", 2024)
    assert rows[0][:3] == ["kode_aksi", "tema", "permasalahan"] and len(rows) == 3
    assert all(r[0] for r in rows[1:])  # kode_aksi filled
    sheet = [["Kode Instansi", "31.71"], ["Tahun", 2024], [], *rows]
    path = make_xlsx(tmp_path / "templat.xlsx", sheet, sheet="Rencana Aksi")
    back = ingest(engine, path)
    assert back.status == "accepted", back.issues
    assert back.actions == {"inserted": 0, "updated": 0, "unchanged": 2}
    assert action_plan_template_rows(engine, "31.71", 2025) == rows[:1]


def test_dry_run_plans_actions_and_stores_nothing(engine, tmp_path):
    from etl.ingest import ingest_bytes

    path = book(tmp_path, "a.xlsx", row())
    result = ingest_bytes(engine, path.name, path.read_bytes(), Upload(today=TODAY), dry_run=True)
    assert result.actions["inserted"] == 1 and count(engine, schema.action) == 0


def test_cli_ingest_with_form_values_and_export_actions(db_url, tmp_path, capsys):
    sheet = [["RENCANA AKSI RB TEMATIK"], HEADER[2:], row()[2:]]
    path = make_xlsx(tmp_path / "rad.xlsx", sheet, sheet="RAD")
    assert main(["ingest", "--db", db_url, str(path)]) == 1  # agency, year and theme unknown
    assert "action_missing_context" in capsys.readouterr().out
    argv = ["ingest", "--db", db_url, str(path), "--agency", "31.71", "--year", "2023"]
    assert main([*argv, "--theme", "Peningkatan Investasi"]) == 0
    out = capsys.readouterr().out
    assert "31.71 (form)" in out and "2023 (form)" in out and "1 baru/inserted" in out
    target = tmp_path / "actions.csv"
    assert main(["export", "--db", db_url, "--table", "actions", "--out", str(target)]) == 0
    rows = list(csv.DictReader(io.StringIO(target.read_text(encoding="utf-8-sig"))))
    required = ["agency_code", "year", "theme", "action_code", "action", "output_indicator",
                "output_unit", "budget", "budget_spent", "output_realisation_pct",
                "budget_absorption_pct", "schedule_status", "flag"]  # fmt: skip
    required += [f"{k}_tw{q}" for k in ("target", "realised", "planned_rp", "spent_rp") for q in Q]
    assert set(required) <= set(rows[0])
    got = rows[0]
    assert (got["agency_code"], got["year"], got["theme"]) == ("31.71", "2023", "INVESTASI")
    # Q1 only: 1 of 1 Dokumen; Rp 250.000 of 1.000.000
    assert float(got["output_realisation_pct"]) == 100 and float(got["budget_absorption_pct"]) == 25
    assert got["schedule_status"] == "on_schedule" and got["flag"] == ""


AGENCY = {"enforce_locks": True, "allowed_agencies": frozenset({"31.71"}), "review": "pending",
          "user": "dki", "source": "upload"}  # fmt: skip
AUGUST = dt.date(2024, 8, 1)  # 2024 TW1 is locked (16 May), TW2 still open (until 15 August)


def agency_book(tmp_path, name, *actions, year=2024):
    return make_xlsx(
        tmp_path / name,
        long_rows(["31.71", "PDN", 2024, 2, 48.5]),
        extra_sheets={"Rencana Aksi": plan(*actions, year=year)},
    )


def agency_ingest(engine, path, today=AUGUST):
    return ingest_path(engine, path, Upload(today=today, **AGENCY))


def test_agency_cannot_report_realisation_or_spending_of_a_locked_year(engine, tmp_path):
    done, spent = ("1 Dokumen", "1 Dokumen"), ("250.000", "250.000")
    path = agency_book(tmp_path, "ra2020.xlsx", row(done=done, spent=spent),
                       row(action="Rapat", done=done, spent=spent), year=2020)  # fmt: skip
    result = agency_ingest(engine, path)
    assert result.status == "rejected"
    locked = [i for i in result.issues if i.code == "period_locked"]
    # once per locked period and file, at its first cell, in both languages
    assert [(i.value, i.sheet, i.cell) for i in locked] == [
        ("2020 TW1", "Rencana Aksi", "J5"), ("2020 TW2", "Rencana Aksi", "K5"),
    ]  # fmt: skip
    assert "dikunci" in locked[0].message_id and "locked" in locked[0].message_en
    assert count(engine, schema.action) == 0


def test_a_locked_quarter_may_repeat_what_is_stored_but_not_change_it(engine, tmp_path):
    # The operator stored TW1 before the lock; in August the agency reports TW2 and repeats TW1.
    ingest_path(engine, agency_book(tmp_path, "q1.xlsx", row()), Upload(today=dt.date(2024, 4, 5)))
    repeat = agency_ingest(engine, agency_book(tmp_path, "q2.xlsx", row(done=("1 Dokumen", "1 Dokumen"))))  # fmt: skip
    assert repeat.status == "accepted", repeat.issues
    changed = agency_ingest(engine, agency_book(tmp_path, "q2b.xlsx", row(done=("2 Dokumen", "1 Dokumen"))))  # fmt: skip
    assert changed.status == "rejected"
    assert [(i.code, i.value) for i in changed.issues] == [("period_locked", "2024 TW1")]


def test_a_kept_check_does_not_store_realisation_of_a_quarter_locked_since(engine, tmp_path):
    """Issue 13 #6: the lock rule of the action plans is asked again at commit. Checked on
    1 August (2024 TW2 open until 15 August) with TW2 realised, confirmed on 20 August: refused
    with period_locked at the TW2 cell, nothing stored; a repeat of the stored TW2 still lands."""
    from dataclasses import replace

    from etl.ingest import check, commit

    def kept(name, done, implementer="Dinsos"):
        action = row(done=(None, done), spent=(None, None))
        action[-1] = implementer  # a text that may change in any quarter
        path = make_xlsx(tmp_path / name, plan(action), sheet="Rencana Aksi")
        checked = check(engine, path.name, path.read_bytes(), Upload(today=AUGUST, **AGENCY))
        assert checked.accepted, checked.result.issues
        return checked

    def confirmed_on(checked, day):
        return commit(engine, replace(checked, upload=replace(checked.upload, today=day)))

    late = confirmed_on(kept("tw2.xlsx", "1 Dokumen"), dt.date(2024, 8, 20))
    assert late.status == "rejected" and late.submission_id is None
    locked = [(i.code, i.value, i.sheet, i.cell) for i in late.issues if i.is_error]
    assert locked == [("period_locked", "2024 TW2", "Rencana Aksi", "K5")]
    assert "dikunci" in late.issues[-1].message_id and "locked" in late.issues[-1].message_en
    assert count(engine, schema.action) == 0
    # Confirmed in time, the same kind of file lands; later, repeating the stored TW2 is fine.
    assert confirmed_on(kept("tw2b.xlsx", "1 Dokumen"), AUGUST).status == "accepted"
    with engine.begin() as conn:  # the reviewer approved it: TW2 1 Dokumen is stored
        conn.execute(schema.action.update().values(review="approved"))
    again = confirmed_on(kept("tw2c.xlsx", "1 Dokumen", "Dinsos DKI"), dt.date(2024, 8, 20))
    assert again.status in ("accepted", "unchanged"), again.issues
    changed = confirmed_on(kept("tw2d.xlsx", "2 Dokumen"), dt.date(2024, 8, 20))
    assert [(i.code, i.value) for i in changed.issues if i.is_error] == [("period_locked", "2024 TW2")]  # fmt: skip
