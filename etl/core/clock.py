"""The date of the people who report: deadlines, locks and lateness are counted in the app's
time zone (RB_TIMEZONE, WIB by default), not the server's. A server on UTC still says
15 November for the first seven hours of 16 November in Jakarta, when the 15 November
deadline has passed there."""

from __future__ import annotations

import datetime as dt

from etl.core import settings


def today(now: dt.datetime | None = None) -> dt.date:
    """Today's date in RB_TIMEZONE (`now`: an aware moment instead of the current one)."""
    now = now or dt.datetime.now(dt.UTC)
    return now.astimezone(settings.get("RB_TIMEZONE")).date()
