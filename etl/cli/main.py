"""Command line: `python -m etl COMMAND …`, everything a user can do in the app.

Library errors become messages that name the fix; exit codes: 0 success, 1 a file was
rejected or an action refused (a review, an account change), 2 a usage or connection error.
"""

from __future__ import annotations

import argparse

from sqlalchemy.exc import ArgumentError, OperationalError, SQLAlchemyError

from etl.cli import (
    assess,
    audit,
    demo,
    export,
    history,
    ingest,
    init,
    periods,
    remind,
    review,
    template,
    users,
)
from etl.cli.common import EXIT_USAGE, fail, shown_url, without_password

# In the order `python -m etl --help` lists them.
GROUPS = (
    init,
    ingest,
    export,
    history,
    template,
    review,
    periods,
    remind,
    audit,
    users,
    demo,
    assess,
)


def parser() -> argparse.ArgumentParser:
    built = argparse.ArgumentParser(prog="python -m etl", description=__doc__)
    subparsers = built.add_subparsers(dest="command", metavar="COMMAND")
    for module in GROUPS:
        module.register(subparsers)
    return built


def main(argv: list[str] | None = None) -> int:
    built = parser()
    args = built.parse_args(argv)
    if args.command is None:
        built.print_help()
        return EXIT_USAGE
    try:
        return args.run(args)
    except OperationalError as exc:
        reason = without_password(str(exc.orig).splitlines()[0], args.db)
        fail(
            "Tidak dapat terhubung ke basis data / cannot reach the database "
            f"({shown_url(args.db)}): {reason}"
        )
    except ArgumentError:
        fail(f"URL basis data tidak valid / invalid database URL: {shown_url(args.db)}")
    except SQLAlchemyError as exc:
        reason = without_password(str(exc).splitlines()[0], args.db)
        fail(f"Kesalahan basis data / database error: {reason}")
    except KeyboardInterrupt:
        # Each file and each decision is one transaction: what was under way is not stored.
        fail("Dibatalkan; yang sedang berjalan tidak disimpan / interrupted; what was under way "
             "was not stored")  # fmt: skip
    except OSError as exc:
        fail(
            f"Berkas tidak dapat ditulis atau dibaca / cannot write or read the file: "
            f"{exc.filename or ''} ({exc.strerror or exc})"
        )
    return EXIT_USAGE
