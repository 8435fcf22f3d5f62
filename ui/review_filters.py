"""The review queue's filters (issue 17): agency, indicator, period and "with warnings only",
kept in the URL like every view. They narrow which values are shown and which submissions are
offered for a decision; a decision still covers each chosen submission whole."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st

from indicators.catalogue import Catalogue
from ui import state
from ui.i18n import period_label, pick, t

ALL = "all"


def _period_key(year, quarter) -> str:
    return f"{int(year)}-{int(quarter)}"


@dataclass(frozen=True)
class QueueFilter:
    agency: str = ALL
    indicator: str = ALL
    period: str = ALL  # "2025-1"
    warned_only: bool = False

    @property
    def on_values_only(self) -> bool:
        """Whether only a value can match: a submission of targets or action plans alone has
        no indicator period or warning of its own."""
        return self.indicator != ALL or self.period != ALL or self.warned_only

    def values(self, values: pd.DataFrame) -> pd.DataFrame:
        """The queue's values (ui.review_views.queue_values) these filters keep."""
        if values.empty:
            return values
        keep = pd.Series(True, index=values.index)
        if self.agency != ALL:
            keep &= values.agency == self.agency
        if self.indicator != ALL:
            keep &= values.indicator == self.indicator
        if self.period != ALL:
            periods = [_period_key(y, q) for y, q in zip(values.year, values.quarter)]
            keep &= pd.Series(periods, index=values.index) == self.period
        if self.warned_only:
            keep &= values.warnings != ""
        return values[keep]

    def submissions(self, waiting: pd.DataFrame, values: pd.DataFrame) -> pd.DataFrame:
        """The waiting submissions with a value these filters keep; one without values (targets
        or action plans only) by its agencies, while no value-only filter is set."""
        kept = set(self.values(values).submission_id) if len(values) else set()
        with_values = set(values.submission_id) if len(values) else set()
        rest = waiting[~waiting.id.isin(with_values)]
        if not self.on_values_only:
            names = [a.split(", ") for a in rest.agencies]
            kept |= {int(i) for i, codes in zip(rest.id, names)
                     if self.agency == ALL or self.agency in codes}  # fmt: skip
        return waiting[waiting.id.isin(kept)]


def choose(catalogue: Catalogue, waiting: pd.DataFrame, values: pd.DataFrame) -> QueueFilter:
    """The filter widgets, offering what the queue holds."""
    agencies = set(values.agency) if len(values) else set()
    for listed in waiting.agencies:
        agencies |= {a for a in listed.split(", ") if a}
    indicators = sorted(set(values.indicator)) if len(values) else []
    periods = sorted({(int(y), int(q)) for y, q in zip(values.year, values.quarter)}
                     if len(values) else set(), reverse=True)  # fmt: skip

    def agency_label(code: str) -> str:
        found = catalogue.agencies.get(code)
        return t("all") if code == ALL else f"{code} · {found.name}" if found else code

    def indicator_label(code: str) -> str:
        found = catalogue.indicators.get(code)
        name = pick(found.name_id, found.name_en) if found else ""
        return t("all") if code == ALL else f"{code} · {name}" if name else code

    by_key = {_period_key(*p): period_label(*p) for p in periods}
    left, middle, right, last = st.columns([3, 3, 2, 3], vertical_alignment="bottom")
    agency = state.selectbox("ragency", t("agency"), [ALL, *sorted(agencies)],
                             format_func=agency_label, container=left)  # fmt: skip
    indicator = state.selectbox("rindicator", t("indicator"), [ALL, *indicators],
                                format_func=indicator_label, container=middle)  # fmt: skip
    period = state.selectbox("rperiod", t("period"), [ALL, *by_key],
                             format_func=lambda k: by_key.get(k, t("all")), container=right)  # fmt: skip
    warned = state.toggle("rwarned", t("warnings_only"), container=last)
    return QueueFilter(agency, indicator, period, warned)
