"""Deadline tests follow today: the quarter that ended last and the days since it ended, from
which a test sets RB_DEADLINE_DAYS and RB_LOCK_DAYS around today."""

from __future__ import annotations

import datetime as dt

from indicators.path import quarter_end


def ended_quarter() -> tuple[int, int]:
    today = dt.date.today()
    q = (today.month - 1) // 3 + 1
    return (today.year, q - 1) if q > 1 else (today.year - 1, 4)


def days_since_end() -> int:
    return (dt.date.today() - quarter_end(*ended_quarter())).days
