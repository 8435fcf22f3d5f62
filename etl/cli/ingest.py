"""`python -m etl ingest PATH…`: validate and load quarterly files, each in one transaction."""

from __future__ import annotations

import json
from pathlib import Path

from etl.cli.common import EXIT_OK, EXIT_REJECTED, EXIT_USAGE, command, fail, ready_engine
from etl.cli.gc_pause import gc_paused
from etl.core.states import REJECTED
from etl.ingest import Upload, ingest_path
from etl.reading.sniff import EXTENSIONS


def register(subparsers) -> None:
    p = command(
        subparsers, "ingest", run, "validate and load quarterly files (each file one transaction)"
    )
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


def run(args) -> int:
    from etl.cli.progress import progress
    from etl.store.catalogue import load_catalogue

    engine = ready_engine(args)
    catalogue = load_catalogue(engine)
    upload = Upload(
        user=args.user, source="cli", agency=args.agency, year=args.year, theme=args.theme
    )
    results = []
    files = spreadsheet_paths(args.paths)
    if not files:
        fail(
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
        print_result(result)
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


def print_result(result) -> None:
    rows = result.rows
    sid = f" #{result.submission_id}" if result.submission_id else ""
    print(
        f"{result.status.upper():9} {result.path}{sid}: {rows.inserted} baru/inserted, "
        f"{rows.updated} diubah/updated, {rows.unchanged} sama/unchanged, "
        f"{rows.skipped} kosong/skipped"
    )
    for label, counts in (("rencana aksi / actions", result.actions), ("target / targets", result.targets)):  # fmt: skip
        if counts is not None:
            print(
                f"  {label}: {counts['inserted']} baru/inserted, {counts['updated']} "
                f"diubah/updated, {counts['unchanged']} sama/unchanged"
            )
    for used in result.action_context:
        print(
            f"  lembar/sheet {used['sheet']}: instansi/agency {used['agency']} "
            f"({used['agency_source']}), tahun/year {used['year']} ({used['year_source']})"
        )
    for issue in result.issues:
        print(f"  {issue.severity:7} {issue.code} [{issue.where()}] {issue.message_id}")
        print(f"  {'':7} {'':{len(issue.code)}} {'':{len(issue.where()) + 2}} {issue.message_en}")
