"""Deadline tests follow today: the quarter that ended last and the days since it ended, from
which a test sets RB_DEADLINE_DAYS and RB_LOCK_DAYS around today."""

from __future__ import annotations

from etl.core import clock
from indicators.path import quarter_end


def ended_quarter() -> tuple[int, int]:
    today = clock.today()
    q = (today.month - 1) // 3 + 1
    return (today.year, q - 1) if q > 1 else (today.year - 1, 4)


def days_since_end() -> int:
    return (clock.today() - quarter_end(*ended_quarter())).days
