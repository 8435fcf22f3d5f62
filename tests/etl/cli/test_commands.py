"""The app's other pages on the command line: review, reopening a period, the audit download and
the agency template, each through the same functions as the page."""

from __future__ import annotations

import openpyxl
import pytest
from builders import long_rows, make_xlsx
from processes import run_etl

from etl.cli.main import main
from etl.ingest import Upload, ingest_path
from etl.store import periods
from etl.store.audit import audit_frame
from etl.store.database import make_engine


def agency_upload(url, path, *rows):
    """An agency's upload in the app: it waits for a reviewer."""
    engine = make_engine(url)
    try:
        result = ingest_path(
            engine, make_xlsx(path, long_rows(*rows)),
            Upload(user="clerk31", review="pending", allowed_agencies=frozenset({"31"})),
        )  # fmt: skip
    finally:
        engine.dispose()
    assert result.status == "accepted", result.issues
    return result.submission_id


def listed(capsys, *args) -> dict[int, str]:
    """`review list ARGS`: submission id → the line's status."""
    assert main(["review", "list", *args]) == 0
    *lines, total = capsys.readouterr().out.splitlines()
    rows = [line.split() for line in lines[1:] if not line.startswith(" " * 8)]  # no comments
    assert total == f"{len(rows)} pengiriman / submissions"
    return {int(r[0]): r[1] for r in rows}


def test_review_list_approve_and_return_round_trip(db_url, tmp_path, capsys):
    db = ["--db", db_url]
    first = agency_upload(db_url, tmp_path / "koreksi.xlsx", ["31", "PDN", 2023, 4, 44])
    second = agency_upload(db_url, tmp_path / "salah.xlsx", ["31", "IRB", 2023, 4, 12])
    assert listed(capsys, "--status", "pending", *db) == {second: "pending", first: "pending"}
    assert listed(capsys, "--agency", "32", *db) == {}
    assert main(["review", "show", str(first), *db]) == 0
    assert "PDN" in capsys.readouterr().out

    assert main(["review", "approve", str(first), "--user", "rev1", *db]) == 0
    assert "1 values are now official" in capsys.readouterr().out
    assert main(["review", "return", str(second), "--user", "rev1", "--comment", " ", *db]) == 1
    assert "add a comment" in capsys.readouterr().err.lower()
    comment = "Nilai IRB tidak wajar"
    assert main(["review", "return", str(second), "--user", "rev1", "--comment", comment, *db]) == 0
    assert "returned to the agency" in capsys.readouterr().out

    assert listed(capsys, "--agency", "31", *db) == {second: "returned", first: "approved"}
    assert listed(capsys, "--status", "pending", *db) == {}
    assert main(["review", "list", "--status", "returned", *db]) == 0
    assert comment in capsys.readouterr().out
    # A decided submission cannot be decided again: refused (1) with the library's message.
    assert main(["review", "approve", str(second), "--user", "rev1", *db]) == 1
    assert "was already decided (returned)" in capsys.readouterr().err
    engine = make_engine(db_url)
    assert set(audit_frame(engine, actor="rev1").action) == {"review_approved", "review_returned"}
    engine.dispose()


def test_review_usage_errors_exit_2(sqlite_engine, capsys):
    db = ["--db", sqlite_engine.url.render_as_string()]
    with pytest.raises(SystemExit) as no_user:
        main(["review", "approve", "1", *db])
    with pytest.raises(SystemExit) as no_comment:
        main(["review", "return", "1", "--user", "rev", *db])
    with pytest.raises(SystemExit) as no_command:
        main(["review", *db])
    assert no_user.value.code == no_comment.value.code == no_command.value.code == 2
    capsys.readouterr()
    assert main(["review", "list", "--agency", "99.99", *db]) == 2
    assert "unknown agency code 99.99" in capsys.readouterr().err


def test_period_reopen_opens_one_agencys_quarter_with_a_reason(sqlite_engine, capsys):
    db = ["--db", sqlite_engine.url.render_as_string()]
    assert periods.is_locked(sqlite_engine, "31", 2023, 4)
    reopen = ["period", "reopen", "--year", "2023", "--quarter", "4", "--user", "admin", *db]
    assert main([*reopen, "--agency", "31", "--reason", "Server pemda rusak"]) == 0
    assert "31 2023 TW4" in capsys.readouterr().out
    assert not periods.is_locked(sqlite_engine, "31", 2023, 4)
    assert periods.is_locked(sqlite_engine, "32", 2023, 4)  # one agency only
    (entry,) = audit_frame(sqlite_engine, action="period_reopen").itertuples()
    assert entry.actor == "admin" and entry.after["reason"] == "Server pemda rusak"
    assert main(["period", "list", *db]) == 0
    assert "Server pemda rusak" in capsys.readouterr().out
    # Refused before anything is written: a blank reason, an unknown agency.
    assert main([*reopen, "--agency", "31", "--reason", "  "]) == 2
    assert "a reason is required" in capsys.readouterr().err
    assert main([*reopen, "--agency", "XX", "--reason", "?"]) == 2
    assert "unknown agency code XX" in capsys.readouterr().err
    assert len(periods.reopened(sqlite_engine)) == 1


def audit_sheets(path):
    book = openpyxl.load_workbook(path, read_only=True)
    assert book.sheetnames == ["Keterangan", "audit"]
    header, *rows = book["audit"].values
    assert header[:4] == ("at", "actor", "action", "entity")
    return dict(row[:2] for row in book["Keterangan"].values), rows


def test_audit_export_is_a_workbook_with_the_filters(sqlite_engine, tmp_path, capsys):
    db = ["--db", sqlite_engine.url.render_as_string()]
    assert main(["user", "add", "ana", "--role", "analyst", *db]) == 0
    assert main(["period", "reopen", "--agency", "31", "--year", "2023", "--quarter", "4",
                 "--reason", "uji", "--user", "=SUM(1)", *db]) == 0  # fmt: skip
    capsys.readouterr()
    out = tmp_path / "audit.xlsx"
    assert main(["audit", "export", "--out", str(out), "--action", "user_add", *db]) == 0
    assert "1 catatan / entries" in capsys.readouterr().out
    about, rows = audit_sheets(out)
    assert about["Filter"] == "action=user_add"
    assert [(r[1], r[2], r[3]) for r in rows] == [("cli", "user_add", "user:ana")]
    assert main(["audit", "export", "--out", str(out), "--actor", "=SUM(1)", *db]) == 0
    about, rows = audit_sheets(out)
    assert [(r[1], r[2]) for r in rows] == [("'=SUM(1)", "period_reopen")]  # text, not formula
    assert main(["audit", "export", "--out", str(tmp_path / "a.csv"), *db]) == 2


def test_template_from_the_command_line_ingests_back(sqlite_engine, tmp_path, capsys):
    db = ["--db", sqlite_engine.url.render_as_string()]
    assert main(["template", "--agency", "31", "--year", "2024", "--quarter", "4",
                 "--out", str(tmp_path), *db]) == 0  # fmt: skip
    path = tmp_path / "templat_31_2024_TW4.xlsx"
    book = openpyxl.load_workbook(path)
    rows = {r[0].value: r for r in book["Data"].iter_rows(min_row=8) if r[0].value}
    rows["SPBE"][4].value = 2.75
    rows["PDN"][4].value = 47.5
    book.save(path)
    capsys.readouterr()
    assert main(["ingest", str(path), *db]) == 0
    assert "2 baru/inserted" in capsys.readouterr().out
    assert main(["template", "--agency", "99", "--year", "2024", "--quarter", "4", *db]) == 2


def test_new_commands_run_as_a_module_from_any_folder(sqlite_engine, tmp_path):
    db = ["--db", sqlite_engine.url.render_as_string()]
    run = run_etl("template", "--agency", "31.71", "--year", "2024", "--quarter", "1", *db,
                  cwd=tmp_path)  # fmt: skip
    assert run.returncode == 0, run.stderr
    assert (tmp_path / "templat_31_71_2024_TW1.xlsx").is_file()  # the page's file name, here
    run = run_etl("review", "approve", "12345", "--user", "rev", *db, cwd=tmp_path)
    assert run.returncode == 1 and "12345" in run.stderr and "Traceback" not in run.stderr


def test_export_offers_every_table_of_the_report():
    from etl.cli.main import parser
    from etl.report.tables import TABLES

    export = parser()._subparsers._group_actions[0].choices["export"]
    (table,) = [a for a in export._actions if a.dest == "table"]
    assert tuple(table.choices) == tuple(TABLES) and table.default in TABLES
