"""Engines and transactions: SQLite by default, PostgreSQL by URL; schema via Alembic."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic import command
from alembic.config import Config
from sqlalchemy import Connection, Engine, create_engine, event, inspect
from sqlalchemy.engine import make_url

from etl import settings

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


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
