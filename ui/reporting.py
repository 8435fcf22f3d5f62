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


# Agencies on one page of the heatmap: its labels stay readable (one row each, 18 px).
PAGE = 40


def shares(counts: pd.Series, expected: int) -> list[tuple[str, int]]:
    """Completeness (sent at all) and timeliness (sent by the deadline), each a count of the
    agencies expected: two figures, as one "completeness and timeliness" was completeness only."""
    missing, on_time = int(counts.get("missing", 0)), int(counts.get("on_time", 0))
    return [("completeness_share", expected - missing), ("timeliness_share", on_time)]


def page_of(sent: pd.DataFrame, state) -> tuple[pd.DataFrame, str]:
    """The submissions of one page of agencies (a picker when there are more than PAGE), and
    the page said for the chart's title ("" for a single page)."""
    agencies = sorted(sent.agency_code.unique())
    count = -(-len(agencies) // PAGE)
    if count <= 1:
        return sent, ""
    page = state.selectbox(
        "hpage", t("heatmap_page"), list(range(1, count + 1)),
        format_func=lambda p: t("page_of", p=p, n=count, first=agencies[(p - 1) * PAGE],
                                last=agencies[min(p * PAGE, len(agencies)) - 1]),
    )  # fmt: skip
    chosen = set(agencies[(page - 1) * PAGE : page * PAGE])
    return sent[sent.agency_code.isin(chosen)], f" · {t('page_n', p=page, n=count)}"
