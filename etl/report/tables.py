"""The analysts' summary tables: one function each, shared by `etl export` and the dashboard's
export page, so the screen and the file always agree."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import pandas as pd
from sqlalchemy import Engine, select

from etl.core import clock
from etl.report import national
from etl.report.assessments import (
    ASSESSMENT_COLUMNS,
    assess_frame,
    latest_assessments,
    stored_as_of,
)
from etl.store import assessments as stored
from etl.store import schema
from etl.store.action_plans import actions_table
from etl.store.catalogue import load_catalogue
from etl.store.periods import deadline as deadline_of
from etl.store.periods import first_sent
from etl.store.queries import Filters, current_observations, utc_timestamps
from indicators import status as st
from indicators.catalogue import NATIONAL, Catalogue
from indicators.path import quarter_end
from indicators.rollup import status_summary

OBSERVATION_COLUMNS = [
    "agency_code", "agency_name", "agency_type", "indicator_code", "indicator_name", "theme",
    "year", "quarter", "value", "unit", "target", "target_source", "target_year",
    "achievement_basis", "basis_source", "achievement_pct", "status", "status_label_id",
    "status_label_en", "expected", "baseline", "baseline_source", "final_target", "final_year",
    "progress_ratio", "target_below_baseline", "category", "roadmap", "submitted_at",
    "submitted_by", "file_name", "submission_id", "source", "confidence",
]  # fmt: skip


def _with_labels(frame: pd.DataFrame) -> pd.DataFrame:
    # Per distinct status, then mapped: a label per row cost half a second on 80,000 rows.
    for lang in ("id", "en"):
        labels = {
            s: st.label(s, lang) for s in frame.status.dropna().unique() if isinstance(s, str)
        }
        frame[f"status_label_{lang}"] = frame.status.map(labels)
    return frame


def _series_filters(filters: Filters) -> Filters:
    """The same filters without the period: earlier observations make baselines and paths."""
    return dataclasses.replace(filters, year=None, quarter=None)


def observations_table(
    engine: Engine, filters: Filters, catalogue: Catalogue | None = None
) -> pd.DataFrame:
    """One row per current observation with its achievement, status and their components."""
    frame = None if filters.include_pending else _stored_observations(engine, filters)
    if frame is None:  # computed live: values awaiting review, or rows of other settings
        catalogue = catalogue or load_catalogue(engine)
        frame = current_observations(engine, _series_filters(filters))
        frame = assess_frame(frame, catalogue)
        if filters.year is not None:
            frame = frame[frame.year == filters.year]
        if filters.quarter is not None:
            frame = frame[frame.quarter == filters.quarter]
    frame = frame.rename(columns={"target": "target_uploaded"})
    frame["target"] = frame["target_used"]
    return _with_labels(frame)[OBSERVATION_COLUMNS].reset_index(drop=True)


def _stored_observations(engine: Engine, filters: Filters) -> pd.DataFrame | None:
    """The filtered current observations beside their stored judgement (only the rows asked
    for are read); None when the stored rows were built under other settings."""
    table = schema.assessment
    with engine.connect() as conn:
        if not stored.is_current(conn):
            return None
        rows = stored.stored_tuples(conn, filters.conditions(table))
    judged = pd.DataFrame(rows, columns=list(stored.ROW)).drop(columns="value")
    judged = judged.rename(columns={"agency": "agency_code", "indicator": "indicator_code"})
    frame = current_observations(engine, filters)
    return frame.merge(judged, on=["agency_code", "indicator_code", "year", "quarter"], how="left")


def latest_period(engine: Engine) -> tuple[int, int] | None:
    """The most recent quarter holding any agency's (not only national) value."""
    obs = schema.observation.c
    with engine.connect() as conn:
        row = conn.execute(
            select(obs.year, obs.quarter)
            .where(obs.superseded_at.is_(None), obs.agency != NATIONAL)
            .order_by(obs.year.desc(), obs.quarter.desc())
            .limit(1)
        ).first()
    return None if row is None else (row.year, row.quarter)


def period_of(engine: Engine, filters: Filters) -> tuple[int, int]:
    if filters.year is not None:
        return (filters.year, filters.quarter or 4)
    return latest_period(engine) or (clock.today().year, 1)


def expected_pairs(
    catalogue: Catalogue, filters: Filters, period: tuple[int, int] | None = None
) -> list[tuple[str, str]]:
    """(agency, indicator) pairs that should report, within the filters (and, for a period,
    among the bodies that existed then: ministries follow their cabinet)."""
    pairs = []
    for agency in catalogue.agencies.values():
        if agency.code == NATIONAL or (filters.agency and agency.code != filters.agency.upper()):
            continue
        if period is not None and not agency.exists_in(*period):
            continue
        if filters.agency_type and agency.type != filters.agency_type.upper():
            continue
        for ind in catalogue.indicators_for_type(agency.type):
            if filters.indicator and ind.code != filters.indicator.upper():
                continue
            if filters.theme and ind.theme != filters.theme.upper():
                continue
            pairs.append((agency.code, ind.code))
    return pairs


def statuses_as_of(
    engine: Engine,
    filters: Filters,
    frame: pd.DataFrame | Callable[[], pd.DataFrame] | None = None,
    catalogue: Catalogue | None = None,
) -> tuple[pd.DataFrame, Catalogue, tuple]:
    """Each expected agency × indicator judged as of the filters' period (no_data if silent),
    read from the stored results; computed live from the observations when those were built
    under other settings, and for the view with values awaiting review (they are never
    stored: a pending upload changes no official status). `frame`: the current observations
    under the filters without the period (or what returns them), when the caller already holds
    them (the app's cache); `catalogue` likewise."""
    catalogue = catalogue or load_catalogue(engine)
    period = period_of(engine, filters)
    roadmap = catalogue.roadmap_for(period[0])
    # A period's table holds the bodies that existed in it; an ended ministry's history stays
    # on its own page, never as a stale row under a later period.
    existing = {a.code for a in catalogue.agencies.values() if a.exists_in(*period)}
    if roadmap is None:
        return pd.DataFrame(columns=["agency_code", "indicator_code", "status"]), catalogue, period
    pairs = expected_pairs(catalogue, filters, period)
    if not filters.include_pending:
        judged = stored_as_of(engine, catalogue, roadmap.code, period, filters, pairs, existing)
        if judged is not None:
            return judged, catalogue, period
    if callable(frame):
        frame = frame()
    if frame is None:
        frame = current_observations(engine, _series_filters(filters))
    frame = frame[(frame.agency_code != NATIONAL) & frame.agency_code.isin(existing)]
    judged = latest_assessments(frame, catalogue, roadmap.code, at=period, pairs=pairs)
    return judged, catalogue, period


NATIONAL_TABLE_COLUMNS = [
    "indicator_code", "indicator_name", "theme", "year", "quarter", "value", "unit", "computed",
    "n", "m", "coverage", "figure", "source", "confidence", "demo", "target", "target_source",
    "target_year", "achievement_basis", "basis_source", "achievement_pct", "status",
    "status_label_id", "status_label_en", "expected", "baseline", "baseline_source",
    "final_target", "final_year", "progress_ratio", "target_below_baseline", "roadmap",
]  # fmt: skip


def national_table(
    engine: Engine, filters: Filters, catalogue: Catalogue | None = None
) -> pd.DataFrame:
    """The national series of each indicator, one row per period: the official figure, or the
    one computed from the agencies (`computed`, with its coverage `n` of `m`), or none when too
    few reported (`figure` insufficient, no value), each judged by the progress method exactly
    as the indicator page's status line judges it."""
    catalogue = catalogue or load_catalogue(engine)
    scope = Filters(
        indicator=filters.indicator, theme=filters.theme, include_pending=filters.include_pending
    )
    frame = current_observations(engine, scope)
    every = national.every_series(frame, catalogue)
    if every is None:
        return pd.DataFrame(columns=NATIONAL_TABLE_COLUMNS)
    keep = pd.Series(True, index=every.index)
    if filters.year is not None:
        keep &= every.year == filters.year
    if filters.quarter is not None:
        keep &= every.quarter == filters.quarter
    table = every[keep]
    # Each period judged as if it were the latest, from the figures up to it (earlier ones make
    # baselines): what the indicator page's status line says for that period.
    judged = assess_frame(every.dropna(subset=["value"]).reset_index(drop=True), catalogue)
    keys = ["indicator_code", "year", "quarter"]
    table = table.merge(
        judged[[*keys, *ASSESSMENT_COLUMNS]], on=keys, how="left", suffixes=("", "_judged")
    )
    indicators = catalogue.indicators
    table["indicator_name"] = [indicators[c].name_id for c in table.indicator_code]
    table["theme"] = [indicators[c].theme for c in table.indicator_code]
    table["unit"] = [indicators[c].unit for c in table.indicator_code]
    table["coverage"] = [n / m if m else None for n, m in zip(table.n, table.m)]
    table["figure"] = table.source
    table["source"] = table.reference
    table["target"] = table.target_used
    return _with_labels(table)[NATIONAL_TABLE_COLUMNS].reset_index(drop=True)


def scorecard_table(
    engine: Engine, filters: Filters, catalogue: Catalogue | None = None
) -> pd.DataFrame:
    """Agencies × indicators for one period: value and status, the pivot officials print."""
    judged, catalogue, _ = statuses_as_of(engine, filters, catalogue=catalogue)
    if judged.empty:
        return pd.DataFrame(columns=["agency_code", "agency_name", "agency_type"])
    judged = _with_labels(judged)
    codes = [c for c in catalogue.indicators if c in set(judged.indicator_code)]
    # Each value's own period: under one period heading a value of an earlier quarter says so
    # ("2025 TW3, 1 triwulan lalu / 1 quarter earlier"), never passes for the heading's.
    judged["period"] = [
        _period_text(y, q, lag)
        for y, q, lag in zip(judged.year, judged.quarter, judged.lag_quarters)
    ]
    wide = judged.pivot(
        index="agency_code", columns="indicator_code", values=["value", "status", "period"]
    )
    out = pd.DataFrame(index=wide.index)
    for code in codes:
        out[f"{code} nilai/value"] = wide[("value", code)]
        out[f"{code} periode/period"] = wide[("period", code)]
        out[f"{code} status"] = wide[("status", code)]
    out = out.reset_index()
    agencies = catalogue.agencies
    out.insert(1, "agency_name", [agencies[a].name for a in out.agency_code])
    out.insert(2, "agency_type", [agencies[a].type for a in out.agency_code])
    order = {t: i for i, t in enumerate(("KL", "PROV", "KABKOTA"))}
    out["_order"] = [order.get(t, 9) for t in out.agency_type]
    return out.sort_values(["_order", "agency_code"]).drop(columns="_order").reset_index(drop=True)


def _period_text(year, quarter, lag) -> str | None:
    if year is None or year != year:
        return None
    text = f"{int(year)} TW{int(quarter)}"
    if lag is None or lag != lag or int(lag) <= 0:
        return text
    return f"{text}, {int(lag)} triwulan lalu / {int(lag)} quarter(s) earlier"


def themes_table(
    engine: Engine, filters: Filters, catalogue: Catalogue | None = None
) -> pd.DataFrame:
    """Per theme and agency type: how many agency indicators are in each status, and the share."""
    judged, catalogue, _ = statuses_as_of(engine, filters, catalogue=catalogue)
    if judged.empty:
        return pd.DataFrame(columns=["theme", "theme_name", "agency_type", "indicators"])
    judged["theme"] = [catalogue.indicators[c].theme for c in judged.indicator_code]
    judged["agency_type"] = [catalogue.agencies[a].type for a in judged.agency_code]
    rows = []
    for (theme, agency_type), group in judged.groupby(["theme", "agency_type"], sort=True):
        row = {
            "theme": theme,
            "theme_name": catalogue.themes[theme].name_id if theme in catalogue.themes else theme,
            "agency_type": agency_type,
            "indicators": len(group),
        }
        for share in status_summary(group.status):
            row[f"{share.status}_count"] = share.count
            row[f"{share.status}_share"] = share.share
        rows.append(row)
    return pd.DataFrame(rows)


def submissions_table(
    engine: Engine, filters: Filters, catalogue: Catalogue | None = None
) -> pd.DataFrame:
    """Per agency and quarter: submitted or not, when, and on time against the deadline."""
    catalogue = catalogue or load_catalogue(engine)
    bodies = [
        a for a in catalogue.agencies.values()
        if a.code != NATIONAL
        and not (filters.agency_type and a.type != filters.agency_type.upper())
        and not (filters.agency and a.code != filters.agency.upper())
    ]  # fmt: skip
    # Only the bodies asked for: the first-sent dates group every stored value, history too.
    sent = first_sent(
        engine, None if len(bodies) == len(catalogue.agencies) - 1 else [a.code for a in bodies]
    )
    today = clock.today()
    years = sorted({y for _, y, _ in sent}) or [today.year]
    if filters.year is not None:
        years = [filters.year]
    periods = [
        (y, q)
        for y in years
        for q in (1, 2, 3, 4)
        if (filters.quarter in (None, q)) and quarter_end(y, q) < today
    ]
    rows = []
    for agency in bodies:
        for y, q in periods:
            deadline = deadline_of(y, q)
            at = sent.get((agency.code, y, q))
            when = clock.local_date(at)
            rows.append(
                {
                    "agency_code": agency.code,
                    "agency_name": agency.name,
                    "agency_type": agency.type,
                    "parent": agency.parent,
                    "year": y,
                    "quarter": q,
                    "submitted_at": at,
                    "deadline": deadline,
                    "timeliness": "missing"
                    if at is None
                    else ("on_time" if when <= deadline else "late"),
                }
            )
    columns = [
        "agency_code", "agency_name", "agency_type", "parent", "year", "quarter", "submitted_at",
        "deadline", "timeliness",
    ]  # fmt: skip
    return utc_timestamps(pd.DataFrame(rows, columns=columns))


def _actions(engine: Engine, filters: Filters, catalogue: Catalogue | None = None) -> pd.DataFrame:
    return actions_table(engine, filters)


# Each table from the engine, the filters and (optionally) a catalogue the caller already holds:
# the app passes its own, as reading one (53,000 targets on the demo) takes a second.
TABLES: dict[str, Callable[..., pd.DataFrame]] = {
    "observations": observations_table,
    "national": national_table,  # the national series, official and computed apart
    "scorecard": scorecard_table,
    "themes": themes_table,
    "submissions": submissions_table,
    "actions": _actions,  # RB Tematik action plans (etl.store.action_plans)
}
