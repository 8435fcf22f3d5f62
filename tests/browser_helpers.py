"""Shared by the Playwright tests: wait until a Streamlit page has really drawn."""

from __future__ import annotations

import time


def settle(page, timeout_ms: int = 60_000) -> None:
    """A title is there and no placeholder (skeleton) has shown for a second: the charts and
    tables are drawn, so a screenshot shows what a person sees."""
    deadline = time.monotonic() + timeout_ms / 1000
    page.locator("h1").first.wait_for(timeout=timeout_ms)
    quiet = 0
    while quiet < 4 and time.monotonic() < deadline:
        quiet = 0 if page.locator('[data-testid="stSkeleton"]').count() else quiet + 1
        page.wait_for_timeout(250)
