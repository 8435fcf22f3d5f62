"""The national figure on the indicator page: each period's figure with where it came from
(official with its published source and confidence, or computed from n of m agencies), the
national targets with theirs, and the national series as a file (issue 12, "Sources")."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.store.queries import Filters
from indicators.catalogue import NATIONAL
from ui import data, tables, views
from ui.i18n import confidence, number, period_label, t


def figure_text(row) -> str:
    """Official, computed from n of m, or no figure (n of m reported)."""
    if row.figure == "official":
        return t("figure_official")
    if row.figure == "computed":
        return t("computed_from", n=int(row.n), m=int(row.m))
    return t("figure_insufficient", n=int(row.n), m=int(row.m))


def source_line(row: pd.Series) -> str:
    """Beside the latest national figure: its source and confidence (an official one's are the
    reference data's; a computed one's are its roll-up)."""
    if row.get("source") != "official":
        return ""
    return f"{t('source')}: {row.get('reference') or '–'} · {t('confidence')}: " + confidence(
        row.get("confidence")
    )


def series_table(db: tuple, code: str, year: int, quarter: int) -> pd.DataFrame:
    """The national series up to the period, as the export `national` table holds it."""
    frame = data.table(db, "national", Filters(indicator=code))
    frame = frame[(frame.year < year) | ((frame.year == year) & (frame.quarter <= quarter))]
    return pd.DataFrame(
        {
            t("period"): [period_label(int(y), int(q)) for y, q in zip(frame.year, frame.quarter)],
            t("value"): [number(v) for v in frame.value],
            t("figure_kind"): [figure_text(r) for r in frame.itertuples()],
            t("confidence"): [confidence(c) for c in frame.confidence],
            "demo": [t("yes") if d else "" for d in frame.demo],
            # A computed figure's source is its roll-up, already said under "figure".
            t("source"): [
                s if f == "official" else "–" for s, f in zip(frame.source, frame.figure)
            ],
        }
    )


def targets_table(db: tuple, roadmap: str, code: str) -> pd.DataFrame:
    """The national baseline and targets of the road map, each with its source."""
    rows = [
        r
        for r in data.catalogue(db).targets
        if r.agency == NATIONAL and r.indicator == code and r.roadmap == roadmap
    ]
    return target_rows_frame(rows)


def target_rows_frame(rows) -> pd.DataFrame:
    """Baseline and target rows as the reader reads them (a band as low–high)."""
    rows = sorted(rows, key=lambda r: (r.year, r.kind))
    return pd.DataFrame(
        {
            t("year"): [str(r.year) for r in rows],
            t("target_kind"): [t(r.kind) for r in rows],
            t("value"): [
                f"{number(r.low)}–{number(r.high)}" if r.is_band else number(r.value) for r in rows
            ],
            t("confidence"): [confidence(r.confidence) for r in rows],
            t("source"): [r.source or "–" for r in rows],
        }
    )


def national_sources(db: tuple, roadmap: str, code: str, year: int, quarter: int) -> None:
    """The expander under the national chart: figures, targets and the file to download."""
    with st.expander(t("national_sources")):
        series = series_table(db, code, year, quarter)
        tables.show(series, hide_index=True, key="national_sources_series")
        targets = targets_table(db, roadmap, code)
        if len(targets):
            st.caption(t("national_targets_sources"))
            tables.show(targets, hide_index=True, key="national_sources_targets")
        filters = Filters(indicator=code)
        views.table_download(
            t("download_national"), db, "national", filters, "xlsx",
            f"rb_national_{code}.xlsx", key="dl_national",
        )  # fmt: skip
