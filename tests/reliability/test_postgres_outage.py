"""PostgreSQL going away during an upload: a clear message, nothing partial stored, and the
work goes through once the server is back."""

from __future__ import annotations

import subprocess
import threading
import time
from pathlib import Path

import pytest
from builders import long_rows, make_xlsx
from processes import run_etl
from sqlalchemy import func, select, text

from etl.bootstrap import init_database
from etl.store import schema
from etl.store.database import make_engine

ROOT = Path(__file__).resolve().parents[2]


def observations(url: str) -> int:
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return conn.execute(select(func.count()).select_from(schema.observation)).scalar()
    finally:
        engine.dispose()


def ingest(url: str, path: Path) -> subprocess.CompletedProcess:
    return run_etl("ingest", str(path), "--db", url, cwd=path.parent)


def test_upload_while_the_server_is_down_then_back(private_postgres, tmp_path):
    url = private_postgres.url
    engine = make_engine(url)
    init_database(engine)
    engine.dispose()
    before = observations(url)
    path = make_xlsx(tmp_path / "jakarta.xlsx", long_rows(["31", "PDN", 2023, 4, 44]))
    private_postgres.stop()
    down = ingest(url, path)
    assert down.returncode == 2
    assert "tidak dapat terhubung ke basis data / cannot reach the database" in down.stderr.lower()
    assert "Traceback" not in down.stderr + down.stdout
    private_postgres.start()
    assert observations(url) == before
    back = ingest(url, path)
    assert back.returncode == 0 and "ACCEPTED" in back.stdout
    assert observations(url) == before + 1


@pytest.mark.slow
def test_server_stopped_in_the_middle_of_a_load_keeps_nothing_partial(private_postgres, tmp_path):
    from bench.workbooks import national_rows, xlsx_bytes
    from etl.store.catalogue import load_catalogue

    url = private_postgres.url
    engine = make_engine(url)
    init_database(engine)
    national = tmp_path / "nasional.xlsx"
    national.write_bytes(xlsx_bytes(national_rows(load_catalogue(engine), [2023, 2024])))
    before = observations(url)

    copying = threading.Event()

    def watch():
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not copying.is_set():
            try:
                with engine.connect() as conn:
                    active = conn.execute(
                        text(
                            "SELECT count(*) FROM pg_stat_activity WHERE query ILIKE 'COPY %observation%' AND state = 'active'"
                        )
                    ).scalar()
            except Exception:
                active = 0
            if active:
                copying.set()
                private_postgres.stop()
            time.sleep(0.01)

    watcher = threading.Thread(target=watch)
    watcher.start()
    run = ingest(url, national)
    watcher.join(timeout=150)
    engine.dispose()
    assert copying.is_set(), "the load finished before the server could be stopped"
    assert run.returncode == 2, run.stdout[-500:] + run.stderr[-500:]
    assert "Traceback" not in run.stderr
    private_postgres.start()
    assert observations(url) == before  # the interrupted file left nothing
    again = ingest(url, national)
    assert again.returncode == 0, again.stderr[-500:]
    assert observations(url) > before + 60_000


def test_page_view_while_the_server_is_down_then_back(private_postgres, monkeypatch):
    from streamlit import config
    from streamlit.testing.v1 import AppTest

    engine = make_engine(private_postgres.url)
    init_database(engine)
    engine.dispose()
    monkeypatch.setenv("RB_DATABASE_URL", private_postgres.url)
    monkeypatch.setenv("RB_AUTH_MODE", "none")
    config.set_option("server.address", "127.0.0.1")
    try:
        private_postgres.stop()
        at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
        at.run()
        assert not at.exception
        assert "Basis data tidak dapat dihubungi" in at.error[0].value
        private_postgres.start()
        at.button(key="retry_database").click().run()
        assert not at.exception and not at.error
        assert at.title  # the overview is back
    finally:
        config.set_option("server.address", None)
