"""Two `streamlit run` servers on one PostgreSQL database: a file uploaded on server A shows on
the agency page of server B (no shared process, only the database)."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
from browser_helpers import SLOW
from conftest import _create_database, _drop_database, _postgres_or_fail
from processes import run_etl

from etl.report.template import template_workbook
from etl.store.database import make_engine

pytestmark = pytest.mark.browser


@pytest.fixture
def postgres_url(tmp_path):
    """A fresh database on the RB_TEST_POSTGRES_URL server, made by `python -m etl init`; in CI
    (CI=true) a missing server fails the test."""
    _postgres_or_fail()
    name = f"rbtwo_{uuid.uuid4().hex[:10]}"
    url = _create_database(name)
    run_etl("init", "--db", url, cwd=tmp_path, check=True)
    yield url
    _drop_database(name)


def test_upload_on_one_server_shows_on_the_other(
    postgres_url, serve, new_page, shots, fill_template, tmp_path
):
    # The local demo mode: both servers on 127.0.0.1, the session is an admin (approved at once).
    env = {"RB_AUTH_MODE": "none"}
    server_a, server_b = serve(postgres_url, **env), serve(postgres_url, **env)
    year, quarter = dt.date.today().year - 1, 4
    engine = make_engine(postgres_url)
    filled = tmp_path / "kemenpan.xlsx"
    filled.write_bytes(
        fill_template(template_workbook(engine, "KL.KEMENPANRB", year, quarter), {"IRB": 81.25})
    )
    engine.dispose()

    # B first: its caches hold the empty database before A's upload.
    b = new_page()
    b.goto(f"{server_b}/instansi?agency=KL.KEMENPANRB")
    b.get_by_text("Belum ada data untuk periode ini.").first.wait_for(timeout=SLOW)

    a = new_page()
    a.goto(server_a)
    a.get_by_role("link", name="Unggah data").first.click()
    a.locator("h1", has_text="Unggah data triwulan").wait_for(timeout=SLOW)
    a.locator("input[type='file']").set_input_files(str(filled))
    a.get_by_text("siap disimpan").wait_for(timeout=SLOW)
    shots(a, "two_servers_dry_run_a")
    a.get_by_role("button", name="Simpan 1 berkas").click()
    a.get_by_text("SHA-256").first.wait_for(timeout=SLOW)
    shots(a, "two_servers_upload_a")

    b.goto(f"{server_b}/instansi?agency=KL.KEMENPANRB&year={year}&quarter={quarter}")
    b.locator("h1", has_text=f"TW{quarter} {year}").wait_for(timeout=SLOW)
    # The scorecard grid draws on a canvas, so its cell with the value counts as hidden:
    # wait for the visible text (the metric above it).
    b.locator("text=81,25 >> visible=true").first.wait_for(timeout=SLOW)
    shots(b, "two_servers_agency_b")
    assert not b.locator("[data-testid='stException']").count()
