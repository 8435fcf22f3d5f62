"""The whole upload flow in Chromium against a real server in password mode: an agency signs
in, downloads its template, fills it, drops it on the upload page, reads the dry run, confirms
and keeps the receipt; a reviewer approves; the agency page shows the value."""

from __future__ import annotations

import pytest
from browser_helpers import SLOW

from etl.access import accounts
from etl.core import clock
from etl.store.database import make_engine

pytestmark = pytest.mark.browser
PASSWORD = "long-enough-secret"


def _account(engine, name, role, agency=None):
    _, once = accounts.create_user(engine, name, role, agency=agency, actor="test")
    accounts.change_password(engine, name, once, PASSWORD)


def _login(page, base, name):
    page.goto(base)
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def _pick(page, label, option):
    box = page.locator("[data-testid='stSelectbox']", has_text=label).first
    box.click()
    page.get_by_role("option", name=option, exact=True).click()


def _no_exception(page):
    assert not page.locator("[data-testid='stException']").count()


def test_agency_uploads_the_filled_template_and_a_reviewer_approves_it(
    fresh_database, serve, new_page, shots, fill_template, tmp_path
):
    url = fresh_database("sqlite")
    engine = make_engine(url)
    _account(engine, "kemenpan", "agency", "KL.KEMENPANRB")
    _account(engine, "rev", "reviewer")
    base = serve(url, RB_AUTH_MODE="password", RB_LOCK_DAYS="100000")

    page = new_page()
    page.goto(base)
    page.get_by_role("button", name="Masuk").wait_for(timeout=SLOW)
    shots(page, "login")
    _login(page, base, "kemenpan")
    page.get_by_role("link", name="Unggah data").first.click()
    page.locator("h1", has_text="Unggah data triwulan").wait_for(timeout=SLOW)
    # A reload would be a new session (signed out): the template's period defaults to the last
    # quarter that ended, and the server's locks are far away (RB_LOCK_DAYS).
    button = page.get_by_role("button", name="Unduh templat (XLSX)")
    button.wait_for(timeout=SLOW)
    with page.expect_download(timeout=SLOW) as download:
        button.click()
    assert download.value.suggested_filename.startswith("templat_KL_KEMENPANRB_")
    blank = tmp_path / "blank.xlsx"
    download.value.save_as(blank)
    filled = tmp_path / download.value.suggested_filename
    filled.write_bytes(fill_template(blank.read_bytes(), {"IRB": 77.5, "SPBE": 3.9}))

    page.locator("input[type='file']").set_input_files(str(filled))
    page.get_by_text("siap disimpan").wait_for(timeout=SLOW)
    assert not accounts.list_users(engine)[0].disabled
    shots(page, "upload_dry_run")
    page.get_by_role("button", name="Simpan 1 berkas").click()
    page.get_by_text("Tanda terima").wait_for(timeout=SLOW)
    receipt = page.get_by_text("SHA-256").first.inner_text()
    assert "Pengiriman" in receipt
    shots(page, "upload_receipt")
    _no_exception(page)

    reviewer = new_page()
    _login(reviewer, base, "rev")
    reviewer.get_by_role("link", name="Tinjauan").first.click()
    reviewer.get_by_role("button", name="Setujui").click()
    reviewer.get_by_text("disetujui").first.wait_for(timeout=SLOW)
    shots(reviewer, "review")
    _no_exception(reviewer)

    page.get_by_role("link", name="Instansi").first.click()
    page.locator("h1", has_text="Kementerian Pendayagunaan").wait_for(timeout=SLOW)
    # The sidebar's period was picked before the data existed: pick the uploaded quarter.
    today = clock.today()
    year, quarter = (today.year, (today.month - 1) // 3) if today.month > 3 else (today.year - 1, 4)
    _pick(page, "Tahun", str(year))
    _pick(page, "Triwulan", f"TW{quarter}")
    page.locator("h1", has_text=f"TW{quarter} {year}").wait_for(timeout=SLOW)
    # Visible somewhere (the scorecard grid keeps a hidden copy of its cells for screen readers).
    page.get_by_text("77,50").filter(visible=True).first.wait_for(timeout=SLOW)
    shots(page, "agency_after_upload")
    _no_exception(page)
