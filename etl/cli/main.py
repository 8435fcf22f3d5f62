"""Command line: `python -m etl init|ingest|export|history|demo …`.

Library errors become messages that name the fix; exit codes: 0 success, 1 a file was
rejected, 2 a usage or connection error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from sqlalchemy.exc import OperationalError, SQLAlchemyError

from etl.cli.gc_pause import gc_paused
from etl.core import settings
from etl.core.states import REJECTED
from etl.ingest import Upload, ingest_path
from etl.reading.read import EXTENSIONS
from etl.store.database import is_migrated, make_engine

EXIT_OK, EXIT_REJECTED, EXIT_USAGE = 0, 1, 2


def main(argv: list[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except OperationalError as exc:
        _fail(
            "Tidak dapat terhubung ke basis data / cannot reach the database "
            f"({settings.database_url(args.db)!s:.60}): {str(exc.orig).splitlines()[0]}"
        )
    except SQLAlchemyError as exc:
        _fail(f"Kesalahan basis data / database error: {str(exc).splitlines()[0]}")
    except OSError as exc:
        _fail(
            f"Berkas tidak dapat ditulis atau dibaca / cannot write or read the file: "
            f"{exc.filename or ''} ({exc.strerror or exc})"
        )
    return EXIT_USAGE


def _fail(message: str) -> None:
    print(message, file=sys.stderr)


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    sub = parser.add_subparsers(dest="command")

    def command(name: str, run, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.add_argument("--db", help="database URL (default: RB_DATABASE_URL or data/rb.sqlite)")
        p.set_defaults(run=run)
        return p

    command("init", _init, "create or migrate the schema and load the reference catalogue")

    p = command("ingest", _ingest, "validate and load quarterly files (each file one transaction)")
    p.add_argument("paths", nargs="+", help="files, or folders holding spreadsheets")
    p.add_argument("--report", type=Path, help="write the JSON report to this file")
    p.add_argument("--user", default="cli", help="who sends the files (kept with each file)")
    p.add_argument("--dry-run", action="store_true", help="validate and plan, store nothing")
    p.add_argument(
        "--agency", help="agency code of action-plan sheets that do not state it (RAD files)"
    )
    p.add_argument("--year", type=int, help="year of action-plan sheets that do not state it")
    p.add_argument(
        "--theme", help="RB Tematik theme (code or name) of action-plan rows without a theme"
    )

    p = command("export", _export, "export a summary table as CSV or XLSX")
    p.add_argument("--out", type=Path, required=True, help="FILE.csv or FILE.xlsx")
    p.add_argument("--year", type=int)
    p.add_argument("--quarter", type=int, choices=(1, 2, 3, 4))
    p.add_argument("--agency")
    p.add_argument("--indicator")
    p.add_argument("--theme")
    p.add_argument(
        "--table",
        default="observations",
        choices=("observations", "scorecard", "themes", "submissions", "actions"),
        help="observations (default): one row per value; scorecard: agencies × indicators for "
        "one period; themes: statuses per theme and agency type; submissions: on time, late or "
        "missing per agency and quarter; actions: RB Tematik action plans, one row per action "
        "and year with output realisation and budget absorption",
    )
    p.add_argument("--type", dest="agency_type", help="agency type: KL, PROV or KABKOTA")
    p.add_argument("--sep", default=",", choices=(",", ";"), help="CSV delimiter")

    p = command("history", _history, "every revision of one agency's indicator, as CSV")
    p.add_argument("--agency", required=True)
    p.add_argument("--indicator", required=True)

    from etl.cli import users as cli_users

    cli_users.register(command)

    p = command("demo", _demo, "load seeded, clearly labelled demo submissions (2020-2025)")
    p.add_argument("--seed", type=int, default=2024)
    p.add_argument("--out", type=Path, help="keep the generated workbooks in this folder")
    return parser


def _engine(args):
    return make_engine(args.db)


def _ready_engine(args):
    """An engine on a migrated database (init runs first when needed)."""
    engine = _engine(args)
    if not is_migrated(engine):
        from etl.bootstrap import init_database

        init_database(engine)
    return engine


def _init(args) -> int:
    from etl.bootstrap import init_database

    engine = _engine(args)
    report = init_database(engine)
    rows = ", ".join(f"{k} {v}" for k, v in report.catalogue_rows.items())
    print(f"Skema mutakhir / schema up to date. Katalog / catalogue rows written: {rows}")
    n = report.national
    print(f"Angka nasional / national figures: {n.status} ({n.rows.inserted} new)")
    if settings.get("RB_AUTH_MODE") == "password":
        from etl.access import accounts

        password = accounts.ensure_first_admin(engine)
        if password:
            print(accounts.first_admin_notice(password))
    return EXIT_OK


def spreadsheet_paths(paths: list[str]) -> list[Path]:
    """Files as given; every spreadsheet under a folder, in name order."""
    out: list[Path] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(
                p
                for p in sorted(path.rglob("*"))
                if p.is_file() and p.suffix.lower() in EXTENSIONS and not p.name.startswith("~$")
            )
        else:
            out.append(path)
    return out


def _ingest(args) -> int:
    from etl.cli.progress import progress
    from etl.store.catalogue import load_catalogue

    engine = _ready_engine(args)
    catalogue = load_catalogue(engine)
    upload = Upload(user=args.user, agency=args.agency, year=args.year, theme=args.theme)
    results = []
    files = spreadsheet_paths(args.paths)
    if not files:
        _fail(
            "Tidak ada lembar kerja (.xlsx, .xlsm, .xls, .ods, .csv) di sana / no spreadsheet "
            "(.xlsx, .xlsm, .xls, .ods, .csv) found there"
        )
        return EXIT_USAGE
    # One file at a time in this process: the collector's pause (etl.cli.gc_pause) is a choice
    # the command line may make, never the library for a server's threads.
    for path in progress(files, desc="ingest", unit="file"):
        with gc_paused():
            result = ingest_path(engine, path, upload, catalogue=catalogue, dry_run=args.dry_run)
        results.append(result)
        _print_result(result)
    counts = {s: sum(r.status == s for r in results) for s in ("accepted", "unchanged", REJECTED)}
    print(
        f"{len(results)} berkas / files: {counts['accepted']} diterima / accepted, "
        f"{counts['unchanged']} tidak berubah / unchanged, {counts[REJECTED]} ditolak / rejected"
    )
    if args.report:
        args.report.write_text(
            json.dumps({"files": [r.as_report() for r in results]}, ensure_ascii=False, indent=2),
            encoding="utf-8",
        )
    return EXIT_REJECTED if counts[REJECTED] else EXIT_OK


def _print_result(result) -> None:
    rows = result.rows
    sid = f" #{result.submission_id}" if result.submission_id else ""
    print(
        f"{result.status.upper():9} {result.path}{sid}: {rows.inserted} baru/inserted, "
        f"{rows.updated} diubah/updated, {rows.unchanged} sama/unchanged, "
        f"{rows.skipped} kosong/skipped"
    )
    if result.actions is not None:
        a = result.actions
        print(
            f"  rencana aksi / actions: {a['inserted']} baru/inserted, {a['updated']} "
            f"diubah/updated, {a['unchanged']} sama/unchanged"
        )
    for used in result.action_context:
        print(
            f"  lembar/sheet {used['sheet']}: instansi/agency {used['agency']} "
            f"({used['agency_source']}), tahun/year {used['year']} ({used['year_source']})"
        )
    for issue in result.issues:
        print(f"  {issue.severity:7} {issue.code} [{issue.where()}] {issue.message_id}")
        print(f"  {'':7} {'':{len(issue.code)}} {'':{len(issue.where()) + 2}} {issue.message_en}")


def _export(args) -> int:
    from etl.report.export import export_table
    from etl.store.queries import Filters

    engine = _ready_engine(args)
    filters = Filters(
        args.year, args.quarter, args.agency, args.indicator, args.theme, args.agency_type
    )
    suffix = args.out.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        _fail("--out harus berakhiran .csv atau .xlsx / --out must end in .csv or .xlsx")
        return EXIT_USAGE
    rows = export_table(engine, args.table, filters, args.out, sep=args.sep)
    print(f"{rows} baris / rows → {args.out}")
    return EXIT_OK


def _history(args) -> int:
    from etl.store.queries import history

    frame = history(_ready_engine(args), args.agency, args.indicator)
    frame.to_csv(sys.stdout, index=False)
    return EXIT_OK


def _demo(args) -> int:
    from etl.demo.observations import load_demo

    results = load_demo(_ready_engine(args), seed=args.seed, keep=args.out)
    rejected = [r for r in results if r.status == REJECTED]
    for result in rejected:
        _print_result(result)
    print(f"Demo: {len(results)} berkas / files, {len(rejected)} ditolak / rejected")
    return EXIT_REJECTED if rejected else EXIT_OK
