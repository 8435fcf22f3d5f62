"""`python -m etl init`: the schema up to date and the reference catalogue loaded."""

from __future__ import annotations

import sys

from etl.cli.common import EXIT_OK, command, engine
from etl.core import settings


def register(subparsers) -> None:
    command(
        subparsers, "init", run,
        "create or migrate the schema (Alembic) and load or refresh the reference catalogue; "
        "idempotent",
    )  # fmt: skip


def run(args) -> int:
    from etl.bootstrap import init_database

    found = engine(args)
    print("Init: skema, katalog, angka nasional / schema, catalogue, national figures …", file=sys.stderr, flush=True)  # fmt: skip
    report = init_database(found)
    rows = ", ".join(f"{k} {v}" for k, v in report.catalogue_rows.items())
    print(f"Skema mutakhir / schema up to date. Katalog / catalogue rows written: {rows}")
    n = report.national
    print(f"Angka nasional / national figures: {n.status} ({n.rows.inserted} new)")
    if report.rebuilt:
        print("Status dan angka nasional dihitung ulang / statuses and national figures recomputed")  # fmt: skip
    else:
        print("Status tersimpan masih mutakhir / stored statuses up to date: tidak dihitung ulang / not recomputed")  # fmt: skip
    if settings.get("RB_AUTH_MODE") == "password":
        from etl.access import accounts

        password = accounts.ensure_first_admin(found)
        if password:
            print(accounts.first_admin_notice(password))
    return EXIT_OK
