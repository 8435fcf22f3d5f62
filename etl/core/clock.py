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


def local_date(moment: dt.datetime | dt.date | None) -> dt.date | None:
    """The day a stored moment fell on in RB_TIMEZONE (a naive one is UTC, as stored): a file
    sent at 03.00 WIB on 16 November was sent on the 16th, late for a 15 November deadline."""
    if moment is None or not isinstance(moment, dt.datetime):
        return moment
    return today(moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC))
