"""The real app in Debian's Chromium: every page, the language switch and an export download."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest
from browser_helpers import settle

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip
# The first view of a period judges every agency (several seconds on this data).
SLOW = 120_000

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Debian's chromium is not installed"),
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(demo_url):
    port = _free_port()
    # The local demo mode: no login, allowed because the server listens on 127.0.0.1 only.
    env = {**os.environ, "RB_DATABASE_URL": demo_url, "RB_AUTH_MODE": "none"}
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
            break
        except OSError:
            time.sleep(0.5)
    else:
        process.kill()
        pytest.fail("streamlit did not start: " + process.stderr.read().decode()[-2000:])
    yield base
    process.terminate()
    process.wait(timeout=20)


@pytest.fixture(scope="module")
def page(server):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1400, "height": 1000}
        )
        yield context.new_page()
        browser.close()


def _heading(page, text: str) -> None:
    page.locator("h1", has_text=text).first.wait_for(timeout=SLOW)


def _screenshot(page, name: str) -> None:
    """Each page as an artefact of the run (not committed), in RB_SCREENSHOTS."""
    folder = Path(os.environ.get("RB_SCREENSHOTS", "/tmp/rb-screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    settle(page)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


def test_every_page_language_switch_and_export(server, page, demo_url, tmp_path):
    page.goto(server)
    _heading(page, "Ringkasan")
    assert page.get_by_text("Mode demo tanpa login").count()
    for link, heading in (
        ("Indikator", "Indeks Sistem Pemerintahan Berbasis Elektronik"),
        ("Instansi", "Kementerian Pendayagunaan Aparatur Negara"),
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
        _screenshot(page, f"page_{link.lower().replace(' ', '_')}")

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
    subprocess.run(
        [sys.executable, "-m", "etl", "export", "--db", demo_url, "--table", "submissions",
         "--type", "PROV", "--year", "2025", "--quarter", "4", "--out", str(cli)],
        cwd=ROOT, check=True, capture_output=True,
    )  # fmt: skip
    assert saved.read_bytes() == cli.read_bytes()
