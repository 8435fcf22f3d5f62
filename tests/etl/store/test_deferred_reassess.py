"""`etl.store.reassess.deferred`: files committed inside it leave the stored statuses to one
rebuild at its end; a block that fails leaves them marked unbuilt (read live, never stale)."""

from __future__ import annotations

import pytest
from builders import long_rows, make_xlsx
from sqlalchemy import func, select

from etl.ingest import ingest_path
from etl.report.assessment_check import differences
from etl.store import assessments, schema
from etl.store.reassess import deferred


def _rows(engine, agency: str) -> int:
    table = schema.assessment
    with engine.connect() as conn:
        return conn.execute(select(func.count()).where(table.c.agency == agency)).scalar()


def _current(engine) -> bool:
    with engine.connect() as conn:
        return assessments.is_current(conn)


def test_files_inside_are_assessed_once_at_the_end(sqlite_engine, tmp_path):
    engine = sqlite_engine
    assert _current(engine) and _rows(engine, "31") == 0
    with deferred(engine, "test"):
        for n, value in enumerate((40.0, 42.0)):
            path = make_xlsx(tmp_path / f"f{n}.xlsx", long_rows(["31", "PDN", 2023, 4 - n, value]))
            assert ingest_path(engine, path).status == "accepted"
        assert not _current(engine) and _rows(engine, "31") == 0  # not per file
    assert _current(engine) and _rows(engine, "31") == 2
    assert differences(engine)[0] == 0


def test_a_block_that_fails_leaves_the_rows_unread_until_a_rebuild(sqlite_engine, tmp_path):
    engine = sqlite_engine
    path = make_xlsx(tmp_path / "f.xlsx", long_rows(["31", "PDN", 2023, 4, 40.0]))
    with pytest.raises(RuntimeError), deferred(engine, "test"):
        assert ingest_path(engine, path).status == "accepted"
        raise RuntimeError("stopped half-way")
    assert not _current(engine)
    from etl.bootstrap import init_database

    assert init_database(engine).rebuilt
    assert _current(engine) and _rows(engine, "31") == 1
