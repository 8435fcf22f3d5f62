"""One demo database for the dashboard tests (init + demo: every agency, 2020-2025), built once
per session because the demo takes ~15 s; the app finds it through RB_DATABASE_URL."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from etl.bootstrap import init_database
from etl.database import make_engine
from etl.demo import load_demo

ROOT = Path(__file__).resolve().parents[2]
APP = str(ROOT / "dashboard.py")


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('dash') / 'demo.sqlite'}"
    engine = make_engine(url)
    init_database(engine)
    load_demo(engine)
    engine.dispose()
    return url


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
    """Run the app with these URL parameters, then switch to `pages/<page>.py`."""
    for name, value in params.items():
        at.query_params[name] = value
    at.run()
    if page:
        at.switch_page(f"pages/{page}.py")
        at.run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def _texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.title, *at.markdown, *at.caption, *at.subheader, *at.info)]
    return "\n".join(str(p) for p in parts)
