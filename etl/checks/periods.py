"""When a value was reported: the values kept with a warning (upload-format.md, Validation)."""

from __future__ import annotations

import datetime as dt

from indicators.catalogue import Indicator
from indicators.path import quarter_end


def provisional_warnings(
    indicator: Indicator, period: tuple[int, int], today: dt.date
) -> list[tuple[str, tuple]]:
    """The warnings a value of this period carries, each with the key under which a file says
    it once: the quarter has not ended yet; an annual indicator outside TW IV (its official
    result is the year's, reported in TW IV). The one statement of the rule."""
    year, quarter = period
    out = []
    if today < quarter_end(year, quarter):
        out.append(("quarter_in_progress", ("quarter_in_progress", year, quarter)))
    if indicator.frequency == "annual" and quarter != 4:
        out.append(("annual_outside_q4", ("annual_outside_q4", indicator.code, year, quarter)))
    return out
