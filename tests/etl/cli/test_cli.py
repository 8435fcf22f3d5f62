"""The operator's command line: exit codes, the JSON report, export and history, and the same
files giving identical exports on SQLite and PostgreSQL."""

from __future__ import annotations

import csv
import io
import json

import openpyxl
import pytest
from builders import long_rows, make_csv, make_xlsx
from processes import run_etl

from etl.cli.main import main

REPORT_ISSUE_KEYS = {
    "severity",
    "code",
    "sheet",
    "cell",
    "row",
    "column",
    "value",
    "message_id",
    "message_en",
}


@pytest.fixture
def quarter_files(tmp_path):
    folder = tmp_path / "masuk"
    (folder / "jakarta").mkdir(parents=True)
    make_xlsx(
        folder / "jakarta" / "31_2023_tw4.xlsx",
        long_rows(["31", "PDN", 2023, 4, 48.5], ["31", "IRB", 2023, 4, 71.2]),
    )
    make_csv(
        folder / "3171_2023.csv",
        [
            ["kode_instansi", "kode_indikator", "tahun", "triwulan", "nilai"],
            ["31.71", "SPBE", "2023", "4", "2,91"],
        ],
    )
    (folder / "catatan.txt").write_text("bukan lembar kerja")
    return folder


def test_ingest_a_folder_prints_a_line_per_file_and_a_summary(
    db_url, quarter_files, tmp_path, capsys
):
    report = tmp_path / "laporan.json"
    assert (
        main(
            [
                "ingest",
                str(quarter_files),
                "--db",
                db_url,
                "--report",
                str(report),
                "--user",
                "operator",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert out.count("ACCEPTED") == 2 and "2 berkas / files: 2 diterima / accepted" in out
    files = json.loads(report.read_text())["files"]
    assert [f["status"] for f in files] == ["accepted", "accepted"]
    for entry in files:
        assert {"path", "status", "submission_id", "rows", "issues"} <= set(entry)
        assert set(entry["rows"]) == {"inserted", "updated", "unchanged", "skipped"}
    # the same files again: unchanged, exit 0
    assert main(["ingest", str(quarter_files), "--db", db_url]) == 0
    assert capsys.readouterr().out.count("UNCHANGED") == 2


def test_ingest_exit_1_when_a_file_is_rejected_with_the_report_shape(
    sqlite_engine, tmp_path, capsys
):
    db = sqlite_engine.url.render_as_string()
    bad = make_xlsx(tmp_path / "salah.xlsx", long_rows(["31", "PDN", 2023, 4, "1.234"]))
    good = make_xlsx(tmp_path / "benar.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    report = tmp_path / "r.json"
    code = main(
        [
            "ingest",
            str(bad),
            str(good),
            str(tmp_path / "hilang.xlsx"),
            "--db",
            db,
            "--report",
            str(report),
        ]
    )
    assert code == 1
    files = json.loads(report.read_text())["files"]
    assert [f["status"] for f in files] == ["rejected", "accepted", "rejected"]
    assert files[0]["submission_id"] is None
    issue = files[0]["issues"][0]
    assert set(issue) >= REPORT_ISSUE_KEYS
    assert (
        issue["severity"],
        issue["code"],
        issue["sheet"],
        issue["cell"],
        issue["row"],
        issue["column"],
        issue["value"],
    ) == ("error", "value_ambiguous", "Data", "E4", 4, "nilai", "1.234")
    assert files[2]["issues"][0]["cell"] is None
    out = capsys.readouterr().out
    assert "value_ambiguous [Data!E4]" in out


def test_usage_and_connection_errors_exit_2(tmp_path):
    with pytest.raises(SystemExit) as usage:
        main(["ingest"])
    assert usage.value.code == 2
    unreachable = "postgresql+psycopg://nobody@127.0.0.1:1/none?connect_timeout=2"
    assert main(["ingest", str(tmp_path), "--db", unreachable]) == 2


def test_a_database_that_cannot_be_reached_is_named_without_its_password(tmp_path):
    secret = "s3cret-Pw"
    unreachable = f"postgresql+psycopg://rb_app:{secret}@127.0.0.1:1/rb?connect_timeout=2"
    run = run_etl("export", "--out", str(tmp_path / "x.csv"), "--db", unreachable, cwd=tmp_path)
    assert run.returncode == 2
    assert "cannot reach the database" in run.stderr and "rb_app:***@127.0.0.1:1/rb" in run.stderr
    assert secret not in run.stderr + run.stdout and "Traceback" not in run.stderr


def test_an_unknown_kind_of_database_url_is_a_usage_error_without_its_password(capsys):
    assert main(["history", "--agency", "31", "--indicator", "PDN", "--db", "pg://u:pw@@"]) == 2
    err = capsys.readouterr().err
    assert "invalid database URL: pg://u:***@" in err and ":pw" not in err


def test_cli_runs_as_a_module_with_exit_codes(sqlite_engine, tmp_path):
    db = sqlite_engine.url.render_as_string()
    bad = make_xlsx(tmp_path / "salah.xlsx", long_rows(["31", "XYZ", 2023, 4, 1]))
    run = run_etl("ingest", str(bad), "--db", db, cwd=tmp_path)
    assert run.returncode == 1 and "unknown_indicator" in run.stdout
    assert "Traceback" not in run.stderr


def export_rows(db_url, tmp_path, name, *args):
    out = tmp_path / name
    assert main(["export", "--out", str(out), "--db", db_url, *args]) == 0
    if out.suffix == ".csv":
        raw = out.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # BOM: Excel opens UTF-8 right
        return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))))
    book = openpyxl.load_workbook(out, read_only=True)
    values = list(book[book.sheetnames[-1]].values)
    return [dict(zip(values[0], row)) for row in values[1:]]


EXPORT_COLUMNS = [
    "agency_code",
    "agency_name",
    "agency_type",
    "indicator_code",
    "indicator_name",
    "theme",
    "year",
    "quarter",
    "value",
    "unit",
    "target",
    "achievement_pct",
    "status",
    "submitted_at",
]


def test_export_filters_and_columns(db_url, quarter_files, tmp_path):
    assert main(["ingest", str(quarter_files), "--db", db_url]) == 0
    rows = export_rows(db_url, tmp_path, "jakarta.csv", "--agency", "31", "--year", "2023")
    assert [r["indicator_code"] for r in rows] == ["IRB", "PDN"]
    assert set(EXPORT_COLUMNS) <= set(rows[0])
    pdn = rows[1]
    assert (pdn["agency_name"], pdn["agency_type"], pdn["theme"], pdn["value"], pdn["unit"]) == (
        "Provinsi DKI Jakarta",
        "PROV",
        "PRIORITAS",
        "48.5",
        "persen belanja",
    )
    spbe = export_rows(
        db_url,
        tmp_path,
        "spbe.csv",
        "--indicator",
        "spbe",
        "--theme",
        "DIGITAL",
        "--quarter",
        "4",
        "--year",
        "2023",
    )
    assert sorted((r["agency_code"], r["value"]) for r in spbe) == [
        ("31.71", "2.91"),
        ("ID", "2.79"),
    ]


def test_history_prints_every_revision_as_csv(db_url, tmp_path, capsys):
    make_xlsx(tmp_path / "v1.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    make_xlsx(tmp_path / "v2.xlsx", long_rows(["31", "PDN", 2023, 4, 44]))
    assert main(["ingest", str(tmp_path / "v1.xlsx"), "--db", db_url, "--user", "a"]) == 0
    assert main(["ingest", str(tmp_path / "v2.xlsx"), "--db", db_url, "--user", "b"]) == 0
    capsys.readouterr()
    assert main(["history", "--agency", "31", "--indicator", "PDN", "--db", db_url]) == 0
    rows = list(csv.DictReader(io.StringIO(capsys.readouterr().out)))
    assert [(r["value"], r["recorded_by"], r["file_name"]) for r in rows] == [
        ("40.0", "a", "v1.xlsx"),
        ("44.0", "b", "v2.xlsx"),
    ]
    assert rows[0]["superseded_at"] and not rows[1]["superseded_at"]
    assert len(rows[0]["sha256"]) == 64


def test_history_writes_formula_looking_names_as_text(sqlite_engine, tmp_path, capsys):
    db = sqlite_engine.url.render_as_string()
    path = make_xlsx(tmp_path / "=1+2.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    assert main(["ingest", str(path), "--db", db, "--user", "@SUM(A1)"]) == 0
    capsys.readouterr()
    assert main(["history", "--agency", "31", "--indicator", "PDN", "--db", db]) == 0
    (row,) = csv.DictReader(io.StringIO(capsys.readouterr().out))
    assert (row["file_name"], row["recorded_by"], row["value"]) == (
        "'=1+2.xlsx",
        "'@SUM(A1)",
        "40.0",
    )


def test_same_files_give_identical_exports_on_sqlite_and_postgresql(
    fresh_database, quarter_files, tmp_path
):
    from conftest import BACKENDS  # the two backends the suite runs against

    exports = {}
    for backend in BACKENDS:
        url = fresh_database(backend)
        assert main(["ingest", str(quarter_files), "--db", url]) == 0
        rows = export_rows(url, tmp_path, f"{backend}.csv")
        exports[backend] = [{k: v for k, v in r.items() if k != "submitted_at"} for r in rows]
    assert exports["sqlite"] == exports["postgresql"]
    assert len(exports["sqlite"]) > 40


def test_unwritable_export_and_an_empty_folder_are_usage_errors(sqlite_engine, tmp_path, capsys):
    db = sqlite_engine.url.render_as_string()
    assert main(["export", "--out", str(tmp_path / "no" / "such" / "x.csv"), "--db", db]) == 2
    assert "cannot write or read the file" in capsys.readouterr().err
    (tmp_path / "kosong").mkdir()
    assert main(["ingest", str(tmp_path / "kosong"), "--db", db]) == 2
    assert "no spreadsheet" in capsys.readouterr().err
