"""What every command shares: exit codes, messages on stderr, the `--db` option, engines, and
library errors turned into one line the operator can act on."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable

from sqlalchemy import Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from etl.core import settings
from etl.store.database import is_migrated, make_engine

EXIT_OK, EXIT_REFUSED, EXIT_USAGE = 0, 1, 2
EXIT_REJECTED = EXIT_REFUSED  # a file was rejected: the ingest's name for the same code
DB_HELP = "database URL (default: the RB_DATABASE_URL setting, else data/rb.sqlite)"

Run = Callable[[argparse.Namespace], int]


def fail(message: str) -> None:
    print(message, file=sys.stderr)


def command(subparsers, name: str, run: Run, help_text: str) -> argparse.ArgumentParser:
    """A command that does something: its help, `--db`, and the function that runs it."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    parser.add_argument("--db", help=DB_HELP)
    parser.set_defaults(run=run)
    return parser


def group(subparsers, name: str, help_text: str):
    """A command made of sub-commands (`review list`, `review approve` …): their subparsers."""
    parser = subparsers.add_parser(name, help=help_text, description=help_text)
    inner = parser.add_subparsers(dest=f"{name}_command", metavar="COMMAND", required=True)
    return inner


def engine(args: argparse.Namespace) -> Engine:
    return make_engine(args.db)


def ready_engine(args: argparse.Namespace) -> Engine:
    """An engine on a migrated database (init runs first when needed)."""
    found = engine(args)
    if not is_migrated(found):
        from etl.bootstrap import init_database

        init_database(found)
    return found


def shown_url(override: str | None) -> str:
    """The database URL as it may be printed: never with its password."""
    try:
        return make_url(settings.database_url(override)).render_as_string(hide_password=True)
    except ArgumentError:
        return "(URL tidak dapat dibaca / unreadable URL)"


def without_password(text: str, override: str | None) -> str:
    """A driver's message with the URL's password blanked, should the driver ever repeat it."""
    try:
        password = make_url(settings.database_url(override)).password
    except ArgumentError:
        return text
    return text.replace(str(password), "***") if password else text


def message_of(error: Exception) -> str:
    """A library error in both languages when it carries them, else its own text."""
    message_id, message_en = getattr(error, "message_id", None), getattr(error, "message_en", None)
    if message_id and message_en:
        return f"{message_id} / {message_en}"
    return str(error)


def known_agency(found: Engine, code: str) -> str | None:
    """The agency code as the catalogue spells it, or None after saying it is unknown."""
    from etl.store.catalogue import load_catalogue

    agencies = load_catalogue(found).agencies
    if code.upper() in agencies:
        return code.upper()
    fail(
        f"Kode instansi {code} tidak dikenal / unknown agency code {code} "
        "(lihat / see data/reference/)"
    )
    return None


def printable(value: object) -> str:
    """Text from an upload (a file name, a comment) safe on a terminal: no control characters."""
    if value is None or value != value:  # None or NaN
        return "-"
    return "".join(c if c.isprintable() else "?" for c in str(value)) or "-"


def period_options(parser: argparse.ArgumentParser, agency_help: str) -> None:
    """`--agency CODE --year Y --quarter Q`, all required: one agency's quarter."""
    parser.add_argument("--agency", required=True, help=agency_help)
    parser.add_argument("--year", type=int, required=True, help="the period's year")
    parser.add_argument(
        "--quarter", type=int, choices=(1, 2, 3, 4), required=True, help="the period's quarter"
    )
