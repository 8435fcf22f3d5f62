"""Failed logins per client in the database (issue 13 #3, #10): a burst from many sessions at
once counts every try, two app servers (two engines, two connection pools) count one client
together, and a row past RB_LOCKOUT_MINUTES is gone. On SQLite and PostgreSQL."""

from __future__ import annotations

import datetime as dt
import threading
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from etl.access import login_clients
from etl.store import schema
from etl.store.database import make_engine

CLIENT = "ip:203.0.113.7"


def _rows(engine) -> int:
    with engine.connect() as conn:
        return conn.execute(select(func.count()).select_from(schema.login_client)).scalar()


def test_a_burst_of_failures_from_one_client_counts_every_one(engine, monkeypatch):
    monkeypatch.setenv("RB_CLIENT_LOGIN_ATTEMPTS", "20")
    start = threading.Barrier(20)

    def fail(_):
        start.wait(timeout=60)
        login_clients.failed(engine, CLIENT)

    for burst in range(3):  # the first burst inserts the row, the later ones race increments
        with ThreadPoolExecutor(max_workers=20) as pool:
            list(pool.map(fail, range(20), timeout=300))
        assert login_clients.failures(engine, CLIENT) == 20 * (burst + 1)
        assert login_clients.blocked(engine, CLIENT)
    assert not login_clients.blocked(engine, "ip:203.0.113.8")  # another client is not


def test_two_app_servers_count_one_client_together(db_url, monkeypatch):
    monkeypatch.setenv("RB_CLIENT_LOGIN_ATTEMPTS", "3")
    server_a, server_b = make_engine(db_url), make_engine(db_url)
    try:
        login_clients.failed(server_a, CLIENT)
        login_clients.failed(server_b, CLIENT)
        assert not login_clients.blocked(server_a, CLIENT)
        login_clients.failed(server_a, CLIENT)
        assert login_clients.blocked(server_b, CLIENT) and login_clients.blocked(server_a, CLIENT)
    finally:
        server_a.dispose(), server_b.dispose()


def test_a_client_is_refused_for_the_window_then_counted_afresh(engine, monkeypatch):
    monkeypatch.setenv("RB_CLIENT_LOGIN_ATTEMPTS", "3")
    monkeypatch.setenv("RB_LOCKOUT_MINUTES", "15")
    first = dt.datetime(2026, 12, 2, 8, 0, tzinfo=dt.UTC)
    for minute in (0, 1, 2):
        login_clients.failed(engine, CLIENT, first + dt.timedelta(minutes=minute))
    login_clients.failed(engine, "ip:198.51.100.1", first)
    assert login_clients.blocked(engine, CLIENT, first + dt.timedelta(minutes=14))
    later = first + dt.timedelta(minutes=16)
    assert not login_clients.blocked(engine, CLIENT, later)
    # The next failure prunes every row past its window and starts this client's anew.
    login_clients.failed(engine, CLIENT, later)
    assert login_clients.failures(engine, CLIENT, later) == 1 and _rows(engine) == 1
