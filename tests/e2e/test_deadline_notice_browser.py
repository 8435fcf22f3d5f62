"""The deadline notice as a clerk meets it, in Chromium against a real server in password mode:
signed in, the overdue quarter is announced above the page, in Bahasa Indonesia with its date,
and stays announced on the next page and after a reload; a reviewer sees none."""

from __future__ import annotations

import pytest
from browser_helpers import SLOW, password_account, sign_in
from deadline_days import days_since_end, ended_quarter

from etl.store import periods
from etl.store.database import make_engine

pytestmark = pytest.mark.browser
MONTHS_ID = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
             "September", "Oktober", "November", "Desember"]  # fmt: skip


def test_a_clerk_sees_the_overdue_quarter_on_each_page(
    fresh_database, serve, new_page, shots, monkeypatch
):
    url = fresh_database("sqlite")
    engine = make_engine(url)
    password_account(engine, "dki", "agency", "31")
    password_account(engine, "rev", "reviewer")
    # The quarter that ended last: its deadline 4 days ago, data accepted for 10 more days.
    rules = {"RB_LOCK_DAYS": str(days_since_end() + 10), "RB_DEADLINE_DAYS": str(days_since_end() - 4)}  # fmt: skip
    base = serve(url, RB_AUTH_MODE="password", **rules)
    for name, value in rules.items():  # the deadline as the server computes it
        monkeypatch.setenv(name, value)
    year, quarter = ended_quarter()
    deadline = periods.deadline(year, quarter)

    page = new_page()
    page.goto(base + "/")
    sign_in(page, "dki")
    notice = page.locator('[data-testid="stAlert"]', has_text=f"TW{quarter} {year}: batas")
    notice.first.wait_for(timeout=SLOW)
    text = notice.first.inner_text()
    assert "terlambat 4 hari" in text and "halaman Unggah" in text
    assert f"{deadline.day} {MONTHS_ID[deadline.month - 1]} {deadline.year}" in text
    shots(page, "deadline_notice_overview")

    page.get_by_role("link", name="Instansi").first.click()
    page.locator("h1", has_text="DKI Jakarta").wait_for(timeout=SLOW)
    notice.first.wait_for(timeout=SLOW)
    assert notice.count() == 1
    page.reload()
    page.locator("h1", has_text="DKI Jakarta").wait_for(timeout=SLOW)
    notice.first.wait_for(timeout=SLOW)
    shots(page, "deadline_notice_agency_after_reload")

    reviewer = new_page()
    reviewer.goto(base + "/")
    sign_in(reviewer, "rev")
    reviewer.get_by_text("rev", exact=False).first.wait_for(timeout=SLOW)
    reviewer.wait_for_timeout(2000)
    assert reviewer.locator('[data-testid="stAlert"]', has_text="batas").count() == 0
