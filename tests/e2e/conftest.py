"""Real `streamlit run` servers and Debian's Chromium for the end-to-end tests."""

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
SLOW = 120_000


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def serve():
    """`serve(db_url, **env)`: a streamlit server on a free port (127.0.0.1); its base URL."""
    started = []

    def start(url: str, **env: str) -> str:
        port = free_port()
        environ = {**os.environ, "RB_DATABASE_URL": url, **env}
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "dashboard.py"),
             "--server.port", str(port), "--server.address", "127.0.0.1",
             "--server.headless", "true", "--browser.gatherUsageStats", "false",
             "--server.fileWatcherType", "none"],
            cwd=ROOT, env=environ, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
        )  # fmt: skip
        started.append(process)
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
                return base
            except OSError:
                time.sleep(0.3)
        process.kill()
        pytest.fail("streamlit did not start: " + process.stderr.read().decode()[-2000:])

    yield start
    for process in started:
        process.terminate()
        process.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """`new_page()`: a fresh browser context (its own session, so its own login)."""
    contexts = []

    def make():
        context = browser.new_context(
            accept_downloads=True, viewport={"width": 1400, "height": 1000}
        )
        contexts.append(context)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def shots():
    """`shots(page, name)`: a screenshot artefact in RB_SCREENSHOTS (not committed)."""
    folder = Path(os.environ.get("RB_SCREENSHOTS", "/tmp/rb-screenshots"))
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> None:
        settle(page)
        page.screenshot(path=str(folder / f"{name}.png"), full_page=True)

    return take


@pytest.fixture
def fill_template():
    def fill(content: bytes, values: dict[str, float]) -> bytes:
        import io

        import openpyxl

        book = openpyxl.load_workbook(io.BytesIO(content))
        sheet = book["Data"]
        header = [c.value for c in sheet[7]]
        for row in sheet.iter_rows(min_row=8):
            if row[header.index("kode_indikator")].value in values:
                row[header.index("nilai")].value = values[row[0].value]
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    return fill
