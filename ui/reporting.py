"""Submissions for the reporting page: filtered by type, province and the road map's years."""

from __future__ import annotations

import pandas as pd

from indicators import status as st_status
from ui import badges, data
from ui.i18n import t


def label(code: str) -> str:
    """On time / late / missing with the symbol of the status colour it borrows."""
    return f"{st_status.symbol(badges.TIMELINESS_AS_STATUS[code])} {t(code)}"


def filtered(db, cat, agency_type, province, roadmap_code, year, quarter) -> pd.DataFrame:
    sent = data.submissions(db, agency_type)
    if province:
        sent = sent[(sent.parent == province) | (sent.agency_code == province)]
    roadmap = cat.roadmaps[roadmap_code]
    keep = (sent.year >= roadmap.start_year) & (
        (sent.year < year) | ((sent.year == year) & (sent.quarter <= quarter))
    )
    return sent[keep]
