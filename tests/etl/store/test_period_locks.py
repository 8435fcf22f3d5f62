"""The period locks of a commit stay within PostgreSQL's shared lock table: a national file of
10,000 periods holds one advisory lock, a small file one per period plus the shared one."""

from __future__ import annotations

from sqlalchemy import text

from etl.store.database import MAX_PERIOD_LOCKS, serialise_periods, write_transaction


def _advisory_locks(conn) -> int:
    if conn.dialect.name != "postgresql":
        return 0
    return conn.execute(
        text("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid()")
    ).scalar()


def test_a_national_file_takes_one_lock_and_a_small_one_a_lock_per_period(engine):
    national = [(f"A{i}", 2024, q) for i in range(2500) for q in (1, 2, 3, 4)]
    with write_transaction(engine) as conn:
        serialise_periods(conn, national)
        many = _advisory_locks(conn)
    small = [("31", 2024, q) for q in (1, 2, 3)]
    with write_transaction(engine) as conn:
        serialise_periods(conn, small)
        few = _advisory_locks(conn)
    if engine.dialect.name == "postgresql":
        assert many == 1  # 10,000 periods > MAX_PERIOD_LOCKS: the one exclusive lock
        assert few == len(small) + 1  # each period, and the shared key every writer holds
    else:
        assert many == few == 0  # SQLite: BEGIN IMMEDIATE serialises writers already
    assert len(national) > MAX_PERIOD_LOCKS >= len(small)
