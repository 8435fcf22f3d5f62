"""`python -m etl export`: the analysts' tables as CSV or XLSX, the export page's writer."""

from __future__ import annotations

from pathlib import Path

from etl.cli.common import EXIT_OK, EXIT_USAGE, command, fail, ready_engine
from etl.report.tables import TABLES


def _first_line(text: str | None) -> str:
    line = (text or "").strip().split("\n\n")[0].replace("\n", " ").split(". ")[0].rstrip(".")
    return line[:1].lower() + line[1:]


def register(subparsers) -> None:
    p = command(subparsers, "export", run, "export a summary table as CSV or XLSX")
    p.add_argument("--out", type=Path, required=True, help="FILE.csv or FILE.xlsx")
    p.add_argument("--year", type=int, help="only this year")
    p.add_argument("--quarter", type=int, choices=(1, 2, 3, 4), help="only this quarter")
    p.add_argument("--agency", help="only this agency code")
    p.add_argument("--indicator", help="only this indicator code")
    p.add_argument("--theme", help="only this theme code")
    # The choices are the tables themselves: a new table in etl.report.tables is exportable here.
    p.add_argument(
        "--table",
        default="observations",
        choices=tuple(TABLES),
        help="; ".join(f"{name}: {_first_line(table.__doc__)}" for name, table in TABLES.items())
        + " (default: observations)",
    )
    p.add_argument("--type", dest="agency_type", help="agency type: KL, PROV or KABKOTA")
    p.add_argument(
        "--sep",
        default=",",
        choices=(",", ";"),
        help="CSV delimiter (';' writes ',' as the decimal mark)",
    )


def run(args) -> int:
    from etl.report.export import export_table
    from etl.store.queries import Filters

    if args.out.suffix.lower() not in (".csv", ".xlsx"):
        fail("--out harus berakhiran .csv atau .xlsx / --out must end in .csv or .xlsx")
        return EXIT_USAGE
    engine = ready_engine(args)
    filters = Filters(
        args.year, args.quarter, args.agency, args.indicator, args.theme, args.agency_type
    )
    rows = export_table(engine, args.table, filters, args.out, sep=args.sep)
    print(f"{rows} baris / rows → {args.out}")
    return EXIT_OK
