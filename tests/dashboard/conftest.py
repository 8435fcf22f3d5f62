"""The dashboard tests on the one demo database (`demo_url`, tests/conftest.py); the app finds
it through RB_DATABASE_URL."""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

import pytest
from streamlit import config
from streamlit.testing.v1 import AppTest

from etl.store.database import make_engine

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")


@pytest.fixture(autouse=True)
def demo_mode(monkeypatch):
    """The page tests run as the local demo's admin (RB_AUTH_MODE=none on 127.0.0.1); the
    login and role tests set RB_AUTH_MODE=password themselves."""
    monkeypatch.setenv("RB_AUTH_MODE", "none")
    monkeypatch.setenv("STREAMLIT_SERVER_ADDRESS", "127.0.0.1")
    config.set_option("server.address", "127.0.0.1")
    # The app hides error details from users; a failing test should show them.
    config.set_option("client.showErrorDetails", "full")
    yield
    config.set_option("server.address", None)


@pytest.fixture(scope="module")
def server(demo_url):
    """A real `streamlit run` of the local demo mode (no login, allowed because the server
    listens on 127.0.0.1 only) on the demo database: its base URL, for the browser tests."""
    from browser_helpers import start_streamlit, stop

    process, base = start_streamlit(demo_url, RB_AUTH_MODE="none")
    yield base
    stop(process)


@pytest.fixture
def app(demo_url, monkeypatch):
    """An AppTest of the router against the demo database; open it with `open_page`."""
    monkeypatch.setenv("RB_DATABASE_URL", demo_url)
    return AppTest.from_file(APP, default_timeout=120)


@pytest.fixture
def open_page():
    """`open_page(app, "indicator", indicator="SPBE")`: run, then switch to the page."""
    return _open_page


@pytest.fixture
def texts():
    """Everything a reader sees as text on the page, for `in` checks."""
    return _texts


@pytest.fixture
def app_file():
    return APP


def _open_page(at: AppTest, page: str | None = None, **params) -> AppTest:
    """Run the app with these URL parameters, then switch to `app_pages/<page>.py`."""
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(f"app_pages/{page}.py")
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.title, *at.markdown, *at.caption, *at.subheader, *at.info)]
    return "\n".join(str(p) for p in parts)


@pytest.fixture
def password_mode(monkeypatch):
    monkeypatch.setenv("RB_AUTH_MODE", "password")


@pytest.fixture
def fresh_url(fresh_database, monkeypatch) -> str:
    """A new initialised SQLite database (catalogue, no agency data) the app points at."""
    url = fresh_database("sqlite")
    monkeypatch.setenv("RB_DATABASE_URL", url)
    return url


@pytest.fixture
def engine(fresh_url, password_mode):
    """An engine on the fresh database the app points at, with the login gate on."""
    engine = make_engine(fresh_url)
    yield engine
    engine.dispose()


@pytest.fixture
def signed_in(app_file):
    """`signed_in(account, page=None, **params)`: an AppTest of the router with this account
    in the session (as after a login), run and switched to `app_pages/<page>.py`."""

    def run(account, page: str | None = None, **params) -> AppTest:
        _password_changed(account.username)
        at = AppTest.from_file(app_file, default_timeout=120)
        at.session_state["account"] = replace(account, must_change_password=False)
        return _open_page(at, page, **params)

    return run


def _password_changed(username: str) -> None:
    """As after the first login's forced change: the app re-reads the account every run."""
    from sqlalchemy import update

    from etl.store import schema
    from etl.store.database import make_engine

    engine = make_engine(os.environ["RB_DATABASE_URL"])
    with engine.begin() as conn:
        conn.execute(
            update(schema.app_user)
            .where(schema.app_user.c.username == username)
            .values(must_change_password=False)
        )
    engine.dispose()


@pytest.fixture
def fill_template():
    """`fill_template(xlsx_bytes, {"IRB": 77.5})`: the template filled as an agency would,
    with openpyxl, only in the input cells."""

    def fill(content: bytes, values: dict[str, float]) -> bytes:
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content))
        sheet = book["Data"]
        header = [c.value for c in sheet[7]]
        for row in sheet.iter_rows(min_row=8):
            code = row[header.index("kode_indikator")].value
            if code in values:
                row[header.index("nilai")].value = values[code]
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return fill


@pytest.fixture
def menu():
    """`menu(at)`: the pages st.navigation registered for this session (the menu)."""
    return _menu


def _menu(at: AppTest) -> set[str]:
    # The page scripts; the app's other addresses (ui.routes: aliases, refusals) are callables.
    return {Path(str(i["script_path"])).stem for i in at._registered_pages.values()
            if i["script_path"]}  # fmt: skip
