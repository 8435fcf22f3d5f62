"""Shared by the Playwright tests: Debian's Chromium, a `streamlit run` server on a free port,
waiting until a page has drawn, and screenshots as artefacts of the run."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Without the background-networking flags Chromium keeps calling hosts this machine cannot reach.
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]  # fmt: skip


# How long a browser test waits for the app: the first view of a period judges every agency.
SLOW = 120_000


def require_chromium() -> None:
    """CI installs Debian's chromium (.ci/run): there a missing browser fails the run."""
    if not Path(CHROMIUM).exists():
        message = "Debian's chromium is not installed (apt-get install -y chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def launch(playwright):
    require_chromium()
    return playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)


def new_context(browser):
    return browser.new_context(accept_downloads=True, viewport={"width": 1400, "height": 1000})


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_streamlit(
    database_url: str, *, script: Path = ROOT / "dashboard.py", port: int | None = None, **env: str
) -> tuple[subprocess.Popen, str]:
    """`streamlit run dashboard.py` (or `script`) on 127.0.0.1 and a free port (or `port`);
    (process, base URL) once its health check answers."""
    port = port or free_port()
    process = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(script),
         "--server.port", str(port), "--server.address", "127.0.0.1", "--server.headless", "true",
         "--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"],
        cwd=ROOT, env={**os.environ, "RB_DATABASE_URL": database_url, **env},
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            urllib.request.urlopen(f"{base}/_stcore/health", timeout=2)
            return process, base
        except OSError:
            time.sleep(0.3)
    process.kill()
    pytest.fail("streamlit did not start: " + process.stderr.read().decode()[-2000:])


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    process.wait(timeout=20)


def settle(page, timeout_ms: int = 60_000) -> None:
    """A title is there and no placeholder (skeleton) has shown for a second: the charts and
    tables are drawn, so a screenshot shows what a person sees."""
    deadline = time.monotonic() + timeout_ms / 1000
    page.locator("h1").first.wait_for(timeout=timeout_ms)
    quiet = 0
    while quiet < 4 and time.monotonic() < deadline:
        quiet = 0 if page.locator('[data-testid="stSkeleton"]').count() else quiet + 1
        page.wait_for_timeout(250)


def screenshot(page, name: str) -> None:
    """The page as an artefact of the run (not committed), in RB_SCREENSHOTS."""
    folder = Path(os.environ.get("RB_SCREENSHOTS", "/tmp/rb-screenshots"))
    folder.mkdir(parents=True, exist_ok=True)
    settle(page)
    page.screenshot(path=str(folder / f"{name}.png"), full_page=True)


# Password-mode accounts for the browser tests: created with the one-time password, then given
# this one (the first sign-in would otherwise ask for a new password).
PASSWORD = "long-enough-secret"


def password_account(engine, name: str, role: str, agency: str | None = None) -> None:
    from etl.access import accounts

    _, once = accounts.create_user(engine, name, role, agency=agency, actor="test")
    accounts.change_password(engine, name, once, PASSWORD)


def sign_in(page, name: str) -> None:
    """Fill the login form shown on `page` (it waits for it) and press Masuk."""
    page.get_by_role("button", name="Masuk").wait_for(timeout=SLOW)
    page.get_by_label("Nama pengguna").fill(name)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
