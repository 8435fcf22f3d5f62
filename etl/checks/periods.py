"""When a value was reported: the values kept with a warning (upload-format.md, Validation)."""

from __future__ import annotations

import datetime as dt

from indicators.catalogue import Indicator
from indicators.path import quarter_end


def provisional(indicator: Indicator, period: tuple[int, int], today: dt.date) -> tuple[bool, bool]:
    """(the quarter has not ended yet, an annual indicator outside TW IV). The one statement of
    the rule: the full checks word the warnings, the shortcut leaves such values to them."""
    return today < quarter_end(*period), indicator.frequency == "annual" and period[1] != 4
