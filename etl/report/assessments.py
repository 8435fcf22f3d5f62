"""Observations from the database, judged by the progress method of `indicators.progress`.

The pages and the exports read statuses from here only, so screen and file always agree.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable

import pandas as pd
from sqlalchemy import Engine

from etl.store import assessments as stored
from etl.store import schema
from etl.store.assessments import (
    ASSESSMENT_COLUMNS,
    category_label,
    components,
    judge,
    thresholds,
)
from etl.store.queries import Filters
from indicators import progress
from indicators.catalogue import NATIONAL, Catalogue
from indicators.path import Point
from indicators.progress import Thresholds, assess, shown_as_of

__all__ = [
    "ASSESSMENT_COLUMNS", "assess_frame", "category_label", "latest_assessments", "stored_as_of",
    "thresholds",
]  # fmt: skip


# A latest-status frame: one row per agency and indicator, its judged observation's period and
# value, then the method's components.
LATEST_COLUMNS = ["agency_code", "indicator_code", "year", "quarter", "value", *ASSESSMENT_COLUMNS]


def points_of(group: pd.DataFrame) -> list[Point]:
    """The points of one agency's indicator series (year, quarter, value, optional target)."""
    targets = group.target if "target" in group else [None] * len(group)
    return [
        Point(int(y), int(q), float(v), None if t is None or t != t else float(t))
        for y, q, v, t in zip(group.year, group.quarter, group.value, targets)
    ]


def series_by_key(frame: pd.DataFrame) -> dict[tuple[str, str], list[tuple[int, Point]]]:
    """(agency, indicator) → [(row index, Point)], in the frame's order. Plain Python over the
    columns once: a pandas groupby over ~8,000 small groups costs seconds."""
    out: dict[tuple[str, str], list[tuple[int, Point]]] = {}
    # Lists first: iterating a pandas (Arrow) string column item by item is five times slower.
    names = ("agency_code", "indicator_code", "year", "quarter", "value", "target")
    columns = [frame.index.tolist(), *(frame[name].tolist() for name in names)]
    for index, agency, code, y, q, v, t in zip(*columns):
        target = None if t is None or t != t else float(t)
        out.setdefault((agency, code), []).append((index, Point(int(y), int(q), float(v), target)))
    return out


def assess_frame(
    frame: pd.DataFrame, catalogue: Catalogue, limits: Thresholds | None = None
) -> pd.DataFrame:
    """Each observation judged as if it were the latest (for the observations export).

    `frame` holds every observation that matters for the rows (earlier years make baselines);
    the result has the same rows with the columns of ASSESSMENT_COLUMNS added.
    """
    limits = limits or thresholds()
    out = frame.copy()
    judged: dict[int, dict] = {}
    for (agency, code), indexed in series_by_key(frame).items():
        if code not in catalogue.indicators:
            continue
        rows = judge(catalogue, agency, code, [point for _, point in indexed], limits)
        for index, point in indexed:
            judged[index] = rows.get((point.year, point.quarter), {"status": "no_data"})
    extra = pd.DataFrame.from_dict(judged, orient="index").reindex(columns=ASSESSMENT_COLUMNS)
    for column in ASSESSMENT_COLUMNS:
        out[column] = extra[column] if len(extra) else None
    return out


def latest_assessments(
    frame: pd.DataFrame,
    catalogue: Catalogue,
    roadmap_code: str,
    at: tuple[int, int],
    pairs: Iterable[tuple[str, str]] = (),
    limits: Thresholds | None = None,
) -> pd.DataFrame:
    """Per agency and indicator, the status as of period `at` in one road map.

    `pairs` adds (agency, indicator) pairs that should have reported but have no observation,
    so they show as `no_data` rather than disappear.
    """
    limits = limits or thresholds()
    roadmap = catalogue.roadmaps[roadmap_code]
    rows = []
    seen = set()
    for (agency, code), indexed in series_by_key(frame).items():
        indicator = catalogue.indicators.get(code)
        if indicator is None:
            continue
        seen.add((agency, code))
        targets = catalogue.targets_for(roadmap.code, code, agency)
        points = [point for _, point in indexed]
        a = assess(indicator, roadmap, targets, points, thresholds=limits, at=at)
        rows.append(
            {
                "agency_code": agency,
                "indicator_code": code,
                "year": a.year,
                "quarter": a.quarter,
                "value": a.value,
                **components(a),
                "category": category_label(catalogue, indicator, a.value),
            }
        )
    rows += [unjudged(a, c, roadmap.code) for a, c in pairs if (a, c) not in seen]
    return pd.DataFrame(rows, columns=LATEST_COLUMNS)


def stored_as_of(
    engine: Engine,
    catalogue: Catalogue,
    roadmap_code: str,
    at: tuple[int, int],
    filters: Filters,
    pairs: Iterable[tuple[str, str]] = (),
    agencies: set[str] | None = None,
) -> pd.DataFrame | None:
    """What `latest_assessments` computes, read from the stored results (one query): per
    agency and indicator within the filters (and `agencies`), its latest judged observation of
    the road map at or before `at`, shown as of `at` (indicators.progress.shown_as_of). None
    when the stored rows were not built under this process's settings: compute live then."""
    scope = dataclasses.replace(filters, year=None, quarter=None)
    table = schema.assessment
    with engine.connect() as conn:
        if not stored.is_current(conn):
            return None
        where = [*scope.conditions(table), table.c.agency != NATIONAL]
        found = stored.as_of(conn, roadmap_code, at, where)
    rows, seen = [], set()
    for r in found:
        agency, code = r["agency"], r["indicator"]
        indicator = catalogue.indicators.get(code)
        if indicator is None or (agencies is not None and agency not in agencies):
            continue
        seen.add((agency, code))
        if r["year"] is None:  # observations, none of this road map up to the period
            rows.append(unjudged(agency, code, roadmap_code, observed=True))
            continue
        observed = (r["year"], r["quarter"])
        status, reason, lag = shown_as_of(indicator, at, observed, r["status"], r["reason"])
        rows.append(
            {
                "agency_code": agency, "indicator_code": code, **r, "status": status,
                "reason": reason, "as_of_year": observed[0], "as_of_quarter": observed[1],
                "lag_quarters": lag,
            }
        )  # fmt: skip
    rows += [unjudged(a, c, roadmap_code) for a, c in pairs if (a, c) not in seen]
    return pd.DataFrame(rows, columns=LATEST_COLUMNS)


def unjudged(agency: str, code: str, roadmap: str, *, observed: bool = False) -> dict:
    """The row of a pair with nothing to judge as of the period: `observed`, it has values but
    none of this road map up to then (the method's no_data reason, as the live path gives);
    else it has none at all (only the status is known)."""
    row = {"agency_code": agency, "indicator_code": code, "status": "no_data", "roadmap": roadmap}
    return {**row, "reason": "no_data", "target_below_baseline": False} if observed else row


def projection_for(
    catalogue: Catalogue, roadmap_code: str, agency: str, code: str, group: pd.DataFrame
):
    """Where the indicator is heading by the road map's end (least squares, last eight points)."""
    roadmap = catalogue.roadmaps[roadmap_code]
    indicator = catalogue.indicators[code]
    targets = catalogue.targets_for(roadmap_code, code, agency)
    return progress.project(indicator, roadmap, targets, points_of(group))
