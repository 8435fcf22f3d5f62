"""Real databases for the tests: a SQLite file and a fresh PostgreSQL database per test.

PostgreSQL comes from RB_TEST_POSTGRES_URL (default: the local server). In CI a missing server
fails the run; on a developer's machine the PostgreSQL half is skipped with the reason.
"""

from __future__ import annotations

import os
import shutil
import uuid

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

POSTGRES_URL = os.environ.get(
    "RB_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
BACKENDS = ("sqlite", "postgresql")


def _admin_engine():
    return create_engine(POSTGRES_URL, isolation_level="AUTOCOMMIT")


def _postgres_or_fail():
    try:
        with _admin_engine().connect() as conn:
            conn.execute(text("SELECT 1"))
    except Exception as exc:
        message = f"PostgreSQL not reachable at {POSTGRES_URL}: {exc}"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _create_database(name: str, template: str | None = None) -> str:
    admin = _admin_engine()
    with admin.connect() as conn:
        statement = "CREATE DATABASE " + _quoted(conn, name)
        if template:
            statement += " TEMPLATE " + _quoted(conn, template)
        conn.exec_driver_sql(statement)
    admin.dispose()
    return make_url(POSTGRES_URL).set(database=name).render_as_string(hide_password=False)


def _drop_database(name: str) -> None:
    admin = _admin_engine()
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP DATABASE IF EXISTS " + _quoted(conn, name) + " WITH (FORCE)")
    admin.dispose()


def _quoted(conn, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


@pytest.fixture(scope="session")
def initialised_templates(tmp_path_factory):
    """One initialised database per backend, copied for each test (init takes a second)."""
    made: dict[str, str] = {}
    names: list[str] = []

    def get(backend: str) -> str:
        if backend in made:
            return made[backend]
        if backend == "sqlite":
            path = tmp_path_factory.mktemp("template") / "rb.sqlite"
            url = f"sqlite:///{path}"
        else:
            _postgres_or_fail()
            name = f"rbtpl_{uuid.uuid4().hex[:10]}"
            names.append(name)
            url = _create_database(name)
        from etl.bootstrap import init_database
        from etl.store.database import make_engine

        engine = make_engine(url)
        init_database(engine)
        engine.dispose()
        made[backend] = url
        return url

    yield get
    for name in names:
        _drop_database(name)


@pytest.fixture(params=BACKENDS)
def backend(request) -> str:
    return request.param


@pytest.fixture
def fresh_database(initialised_templates, tmp_path):
    """A factory: backend → URL of a new initialised database (catalogue + national figures),
    dropped after the test."""
    made: list[str] = []

    def make(backend: str) -> str:
        template = initialised_templates(backend)
        if backend == "sqlite":
            path = tmp_path / f"rb{len(made)}.sqlite"
            shutil.copy(make_url(template).database, path)
            made.append("")
            return f"sqlite:///{path}"
        name = f"rbtest_{uuid.uuid4().hex[:10]}"
        made.append(name)
        return _create_database(name, template=make_url(template).database)

    yield make
    for name in made:
        if name:
            _drop_database(name)


@pytest.fixture
def db_url(backend, fresh_database) -> str:
    """A fresh, initialised database of the test's backend."""
    return fresh_database(backend)


@pytest.fixture
def engine(db_url):
    from etl.store.database import make_engine

    engine = make_engine(db_url)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(fresh_database):
    """SQLite only, for tests of file handling that need a catalogue but no second backend."""
    from etl.store.database import make_engine

    engine = make_engine(fresh_database("sqlite"))
    yield engine
    engine.dispose()


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory) -> str:
    """One demo database (init + demo: every agency, 2020-2025) for the dashboard and browser
    tests, built once per session because the demo takes ~15 s."""
    from etl.bootstrap import init_database
    from etl.demo.load import load_demo
    from etl.store.database import make_engine

    url = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'demo.sqlite'}"
    engine = make_engine(url)
    init_database(engine)
    load_demo(engine)
    engine.dispose()
    return url
