"""`python -m etl template`: an agency's quarterly template, the upload page's download."""

from __future__ import annotations

from pathlib import Path

from etl.cli.common import (
    EXIT_OK,
    EXIT_USAGE,
    command,
    fail,
    known_agency,
    period_options,
    ready_engine,
)


def register(subparsers) -> None:
    p = command(
        subparsers, "template", run,
        "write an agency's quarterly template (XLSX): filled in and sent back, it ingests as is",
    )  # fmt: skip
    period_options(p, "the agency code, e.g. 31 or KL.KEMENPANRB")
    p.add_argument(
        "--out", type=Path, help="FILE.xlsx or a folder (default: the page's file name, here)"
    )


def run(args) -> int:
    from etl.report.template import template_file_name, template_workbook

    engine = ready_engine(args)
    code = known_agency(engine, args.agency)
    if code is None:
        return EXIT_USAGE
    out = args.out or Path(template_file_name(code, args.year, args.quarter))
    if out.is_dir():
        out = out / template_file_name(code, args.year, args.quarter)
    if out.suffix.lower() != ".xlsx":
        fail("--out harus berakhiran .xlsx / --out must end in .xlsx")
        return EXIT_USAGE
    out.write_bytes(template_workbook(engine, code, args.year, args.quarter))
    print(f"Templat / template {code} {args.year} TW{args.quarter} → {out}")
    return EXIT_OK
