"""Engines and transactions: SQLite by default, PostgreSQL by URL; schema via Alembic."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

import psycopg
from alembic import command
from alembic.config import Config
from psycopg import sql as psycopg_sql
from sqlalchemy import Connection, Engine, Table, create_engine, event, inspect, text
from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from etl.core import settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"

# sqlite3 binds int, float and str directly but looks every None up as a type to adapt, and
# fails two attribute lookups before binding NULL: with a None adapter (a C-level callable that
# returns None) the lookup hits at once. Rows of 22 columns, 12 of them empty: 1.35 s → 0.61 s
# for 136,000 (a national file's stored assessments; observations have empty cells too).
sqlite3.register_adapter(type(None), {}.get)


def make_engine(url: str | None = None) -> Engine:
    """An engine for `url` (default: the RB_DATABASE_URL setting)."""
    url = make_url(settings.database_url(url))
    if url.get_backend_name() == "sqlite":
        if url.database and url.database != ":memory:":
            Path(url.database).parent.mkdir(parents=True, exist_ok=True)
        # A writer waits up to 30 s for another instead of failing with "database is locked".
        engine = create_engine(url, connect_args={"timeout": 30})
        event.listen(engine, "connect", _sqlite_pragmas)
        event.listen(engine, "begin", _sqlite_begin)
        return engine
    return create_engine(url, pool_pre_ping=True)


def _sqlite_pragmas(dbapi_connection, _record) -> None:
    # pysqlite's own transaction handling is switched off so that a writer's transaction can
    # start with BEGIN IMMEDIATE (see write_transaction).
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


_BEGIN = {"DEFERRED": "BEGIN", "IMMEDIATE": "BEGIN IMMEDIATE"}


def _sqlite_begin(connection) -> None:
    mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
    connection.exec_driver_sql(_BEGIN[mode])


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """A transaction that will write. On SQLite it takes the write lock at its start, so two
    writers queue (busy timeout) instead of one failing later with "database is locked" when
    it upgrades a read lock; readers are never blocked (WAL)."""
    with engine.connect() as conn:
        conn.execution_options(sqlite_begin="IMMEDIATE")
        with conn.begin():
            yield conn


# Past this many periods a file takes one exclusive lock instead: PostgreSQL keeps every
# advisory lock in its shared lock table (max_locks_per_transaction × connections), and a
# national file's 10,000 periods exhausted it ("out of shared memory") beside other writers.
MAX_PERIOD_LOCKS = 256
_ALL_PERIODS = "*"
# The period of what is kept per agency and year (action plans, targets): quarter 0.
WHOLE_YEAR = 0


def serialise_periods(conn: Connection, periods: Iterable[tuple[str, int, int]]) -> None:
    """Queue this transaction behind any other writing the same (agency, year, quarter), on
    PostgreSQL: without it, five corrections of one quarter at once plan against the same
    current row and all but one hit the unique index or a deadlock. Locks are taken in one
    sorted order (no two writers wait on each other) and freed at commit or rollback. Every
    writer also holds a shared lock on one key that a large file takes exclusively, so a
    national file queues behind all writers (and they behind it) with a single lock. Every
    writer of values takes them: a file's commit and a review's approval alike. SQLite
    needs none: BEGIN IMMEDIATE already lets one writer in at a time."""
    if conn.dialect.name != "postgresql":
        return
    keys = sorted({_lock_key(*p) for p in periods})
    if not keys:
        return
    everything = _lock_key(_ALL_PERIODS, 0, 0)
    if len(keys) > MAX_PERIOD_LOCKS:
        conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": everything})
        return
    conn.execute(text("SELECT pg_advisory_xact_lock_shared(:k)"), {"k": everything})
    conn.execute(
        text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k"),
        {"keys": keys},
    )


def serialise_indicators(conn: Connection, codes: Iterable[str]) -> None:
    """Queue this transaction behind any other recomputing the stored results of the same
    indicators (etl.store.assessments), on PostgreSQL: two agencies' uploads each roll up the
    national figure of a shared indicator, and the second must read the first's values. Taken
    after the period locks, in one sorted order; SQLite has one writer at a time anyway."""
    keys = sorted({_lock_key(f"assess/{code}", 0, 0) for code in codes})
    if conn.dialect.name != "postgresql" or not keys:
        return
    conn.execute(
        text("SELECT pg_advisory_xact_lock(k) FROM unnest(CAST(:keys AS bigint[])) AS k"),
        {"keys": keys},
    )


def lost_race(error: sa_exc.DBAPIError) -> bool:
    """Whether a failed write lost to another writer (worth planning again): a unique key
    stored first, a deadlock or serialisation failure, SQLite busy past its timeout. A database
    that is down is not a race: that error goes on to the caller."""
    if isinstance(error, sa_exc.IntegrityError):
        return True
    orig = error.orig
    if isinstance(orig, psycopg.Error):  # class 40: deadlock, serialisation failure
        return (orig.sqlstate or "").startswith("40")
    return isinstance(orig, sqlite3.OperationalError) and "locked" in str(orig)


def _lock_key(agency: str, year: int, quarter: int) -> int:
    """A stable signed 64-bit key (Python's hash() changes per process)."""
    digest = hashlib.blake2b(f"rb:{agency}:{year}:{quarter}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big", signed=True)


def alembic_config(engine: Engine) -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.attributes["engine"] = engine
    return config


def migrate(engine: Engine) -> None:
    """Create or upgrade the schema to the newest migration (idempotent)."""
    command.upgrade(alembic_config(engine), "head")


def is_migrated(engine: Engine) -> bool:
    return inspect(engine).has_table("alembic_version")


def bulk_insert(
    conn: Connection,
    table: Table,
    columns: list[str],
    rows: Iterable[tuple],
    constants: dict | None = None,
) -> None:
    """Insert many rows at the driver's full speed, inside the connection's transaction.

    `rows` hold the values of `columns` in order; `constants` are the same for every row (the
    submission, the time). SQLAlchemy's executemany costs about 2.5× the bare driver on large
    files, so SQLite gets the driver's executemany (with the column types' own conversions,
    applied once to the constants) and PostgreSQL gets COPY.
    """
    constants = constants or {}
    names = [*columns, *constants]
    if conn.dialect.name == "postgresql":
        tail = tuple(constants.values())
        statement = psycopg_sql.SQL("COPY {} ({}) FROM STDIN").format(
            psycopg_sql.Identifier(table.name),
            psycopg_sql.SQL(", ").join(psycopg_sql.Identifier(n) for n in names),
        )
        with (
            _driver_errors("COPY " + table.name),
            conn.connection.driver_connection.cursor() as cursor,
            cursor.copy(statement) as copy,
        ):
            for row in rows:
                copy.write_row(row + tail)
        return
    if conn.dialect.name != "sqlite" or any(_converted(conn, table.c[n]) for n in columns):
        raw = tuple(constants.values())
        conn.execute(table.insert(), [dict(zip(names, row + raw)) for row in rows])
        return
    tail = tuple(_bound(conn, table.c[k], v) for k, v in constants.items())
    # The columns in the rows' own order, so that each row is passed as it is.
    quote = conn.dialect.identifier_preparer.quote
    statement = "INSERT INTO {} ({}) VALUES ({})".format(
        quote(table.name), ", ".join(map(quote, names)), ", ".join("?" * len(names))
    )
    cursor = conn.connection.driver_connection.cursor()
    try:
        with _driver_errors(statement):
            cursor.executemany(statement, (row + tail for row in rows))
    finally:
        cursor.close()


@contextmanager
def _driver_errors(statement: str) -> Iterator[None]:
    """The driver's own errors as SQLAlchemy's, as if SQLAlchemy had run the statement: callers
    retry a lost race (IntegrityError) or a busy database (OperationalError) the same way."""
    try:
        yield
    except (sqlite3.IntegrityError, psycopg.IntegrityError) as exc:
        raise sa_exc.IntegrityError(statement, None, exc) from exc
    except (sqlite3.OperationalError, psycopg.OperationalError) as exc:
        raise sa_exc.OperationalError(statement, None, exc) from exc


def _processor(conn: Connection, column):
    return column.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)


def _converted(conn: Connection, column) -> bool:
    """Whether the column's values need the type's conversion (numbers arrive as numbers)."""
    # A bool is an int to sqlite3: stored as 1/0, as the Boolean type would convert it.
    return _processor(conn, column) is not None and column.type.python_type not in (
        int,
        float,
        bool,
    )


def _bound(conn: Connection, column, value):
    process = _processor(conn, column)
    return value if process is None or value is None else process(value)
