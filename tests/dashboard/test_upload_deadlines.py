"""The upload page says which period is due, its deadline and the days left, warns before the
deadline, says "late" after it, and for a locked period gives one message and no template
(issue 17). Dates follow today: the settings put the deadline and the lock around it."""

from __future__ import annotations

import datetime as dt

import pytest
from deadline_days import days_since_end, ended_quarter

from etl.access import accounts
from etl.store import periods
from indicators.path import quarter_end

AGENCY = "KL.KEMENPANRB"


@pytest.fixture
def clerk(engine):
    return accounts.create_user(engine, "kemenpan", "agency", agency=AGENCY, actor="test")[0]


def _notices(at) -> dict[str, list[str]]:
    return {kind: [e.value for e in getattr(at, kind)] for kind in ("info", "warning", "error")}


def _template_offered(at) -> bool:
    return any(b.label.startswith(("Unduh templat", "Download the template"))
               for b in at.get("download_button"))  # fmt: skip


@pytest.mark.parametrize("lang", ["id", "en"])
def test_days_left_are_said_and_a_near_deadline_warns(engine, clerk, signed_in, monkeypatch, lang):
    monkeypatch.setenv("RB_LOCK_DAYS", str(days_since_end() + 60))
    monkeypatch.setenv("RB_DEADLINE_DAYS", str(days_since_end() + 30))
    year, quarter = ended_quarter()
    label = f"TW{quarter} {year}" if lang == "id" else f"Q{quarter} {year}"
    at = signed_in(clerk, "upload", lang=lang)
    deadline = periods.deadline(year, quarter)
    info = " ".join(_notices(at)["info"])
    assert label in info and str(deadline.year) in info and "30" in info
    assert ("30 hari lagi" if lang == "id" else "30 days left") in info
    assert not _notices(at)["warning"] and _template_offered(at)

    monkeypatch.setenv("RB_DEADLINE_DAYS", str(days_since_end() + 3))
    at = signed_in(clerk, "upload", lang=lang)
    warning = " ".join(_notices(at)["warning"])
    assert label in warning
    assert ("3 hari lagi" if lang == "id" else "3 days left") in warning


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_passed_deadline_is_late_while_the_period_is_still_open(
    engine, clerk, signed_in, monkeypatch, lang
):
    monkeypatch.setenv("RB_LOCK_DAYS", str(days_since_end() + 10))
    monkeypatch.setenv("RB_DEADLINE_DAYS", str(days_since_end() - 4))
    at = signed_in(clerk, "upload", lang=lang)
    error = " ".join(_notices(at)["error"])
    assert ("Terlambat" if lang == "id" else "Late") in error
    assert ("4 hari lalu" if lang == "id" else "4 days ago") in error
    assert _template_offered(at)  # still accepted until it locks


@pytest.mark.parametrize("lang", ["id", "en"])
def test_a_locked_period_gets_one_message_and_no_template(engine, clerk, signed_in, lang):
    due = periods.period_to_report(engine, AGENCY)
    at = signed_in(clerk, "upload", lang=lang, tyear=str(due[0] - 3), tquarter="3")
    locked = [w for w in _notices(at)["warning"] if ("dikunci" if lang == "id" else "locked") in w]
    assert len(locked) == 1
    lock_day = periods.lock_date(due[0] - 3, 3)
    assert str(lock_day.day) in locked[0] and str(lock_day.year) in locked[0]
    open_label = f"TW{due[1]} {due[0]}" if lang == "id" else f"Q{due[1]} {due[0]}"
    assert open_label in locked[0]
    assert not _template_offered(at)
    assert not at.exception


def test_period_state_follows_the_calendar(engine):
    end = quarter_end(2026, 3)  # 30 September
    state = lambda day: periods.period_state(engine, AGENCY, 2026, 3, day)  # noqa: E731
    assert state(end - dt.timedelta(days=5)).state == "running"
    assert state(end + dt.timedelta(days=1)).state == "open"
    assert state(end + dt.timedelta(days=1)).days_left == 14
    assert state(end + dt.timedelta(days=7)).state == "open"  # 8 days left; RB_REMIND_DAYS 7
    assert state(end + dt.timedelta(days=8)).state == "due_soon"
    assert state(end + dt.timedelta(days=15)).state == "due_soon"  # the last day
    assert state(end + dt.timedelta(days=16)).state == "late"
    assert state(periods.lock_date(2026, 3)).state == "locked"
    periods.reopen(engine, AGENCY, 2026, 3, reason="bencana", actor="admin")
    assert state(periods.lock_date(2026, 3)).state == "late"
