"""The Alembic migrations build exactly the schema etl/store/schema.py declares, on both backends: an
index or column added to one and not the other would show here, not in production."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext

from etl.store import schema


def test_migrations_match_the_declared_schema(engine):
    with engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_server_default": False})
        differences = compare_metadata(context, schema.metadata)
    assert differences == []
