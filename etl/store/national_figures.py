"""Each indicator's national figure per period, kept with the data (table `national_assessment`,
issue 15): the official figure of agency `ID`, else the roll-up of the agencies that reported
(indicators.rollup.national_series_rows), each with a value judged like an agency's
(etl.store.assessments). Only the periods a change touches are rolled up again; the series is
then judged again whole (a figure before the road map may be its baseline)."""

from __future__ import annotations

import math
from collections.abc import Iterable

from sqlalchemy import Connection, bindparam, delete, select, tuple_

from etl.core import settings
from etl.store import schema
from etl.store.assessments import STORED, judged_rows, thresholds
from etl.store.database import bulk_insert
from indicators.catalogue import NATIONAL, Catalogue, Indicator
from indicators.path import Point
from indicators.rollup import Official, SeriesRow, national_series_rows, rollup_types

Period = tuple[int, int]
# The figure's columns, as etl.report.national.COLUMNS names them (`reference` is the
# published source or the roll-up in words).
FIGURE = ("year", "quarter", "value", "source", "computed", "n", "m", "reference", "confidence", "demo")  # fmt: skip

table = schema.national_assessment
_UNJUDGED = (None,) * len(STORED)
obs = schema.observation
sub = schema.submission


def moves_national(catalogue: Catalogue, agency: str, code: str) -> bool:
    """Whether a value of `agency` can change the national figure of `code`."""
    indicator = catalogue.indicators.get(code)
    if indicator is None:
        return False
    if agency == NATIONAL:
        return True
    body = catalogue.agencies.get(agency)
    return body is not None and body.type in rollup_types(indicator)


def _reported(
    conn: Connection, codes: set[str], periods: set[Period] | None
) -> dict[str, list[tuple]]:
    """indicator → the current values (agency, year, quarter, value, notes, confidence,
    submission source) of `codes` in `periods` (None: all), read in one query."""
    query = (
        select(obs.c.indicator, obs.c.agency, obs.c.year, obs.c.quarter, obs.c.value,
               obs.c.notes, obs.c.confidence, sub.c.source)
        .select_from(obs.join(sub, sub.c.id == obs.c.submission_id))
        .where(schema.current(obs), obs.c.indicator.in_(bindparam("codes", expanding=True)))
    )  # fmt: skip
    params: dict = {"codes": sorted(codes)}
    if periods is not None:
        query = query.where(
            tuple_(obs.c.year, obs.c.quarter).in_(bindparam("periods", expanding=True))
        )
        params["periods"] = sorted(periods)
    out: dict[str, list[tuple]] = {}
    for row in conn.execute(query, params):
        out.setdefault(row[0], []).append(tuple(row[1:]))
    return out


def _figures(catalogue: Catalogue, indicator: Indicator, found: list[tuple]) -> list[SeriesRow]:
    """The national figure of each period of `found` (that indicator's current values)."""
    types = set(rollup_types(indicator))
    official: dict[Period, Official] = {}
    reported: dict[Period, list[float]] = {}
    demo: dict[Period, bool] = {}
    agencies = catalogue.agencies
    for agency, year, quarter, value, notes, confidence, source in found:
        period = (year, quarter)
        if agency == NATIONAL:
            official[period] = Official(value, notes or "", confidence or "", source == "demo")
        elif agency in agencies and agencies[agency].type in types:
            reported.setdefault(period, []).append(value)
            demo[period] = demo.get(period, False) or source == "demo"
    coverage = settings.get("RB_MIN_COVERAGE")
    return national_series_rows(indicator, agencies.values(), official, reported, demo, coverage)


def _stored(conn: Connection, codes: set[str]) -> dict[str, dict[Period, SeriesRow]]:
    """indicator → period → its stored figure, for `codes` in one query."""
    query = select(table.c.indicator, *(table.c[c] for c in FIGURE)).where(
        table.c.indicator.in_(bindparam("codes", sorted(codes), expanding=True))
    )
    out: dict[str, dict[Period, SeriesRow]] = {}
    for code, *row in conn.execute(query):
        value = math.nan if row[2] is None else row[2]
        out.setdefault(code, {})[(row[0], row[1])] = (row[0], row[1], value, *row[3:])
    return out


def store_national(
    conn: Connection, catalogue: Catalogue, periods: dict[str, set[Period] | None]
) -> int:
    """Roll up again the national figure of each indicator's changed periods (None: all), and
    judge its series again; returns the rows written (one read, one delete and one insert for
    all the indicators: an agency's file touches a dozen)."""
    limits = thresholds()
    codes = sorted(code for code in periods if code in catalogue.indicators)
    if not codes:
        return 0
    touched = None if any(periods[c] is None for c in codes) else set().union(*(periods[c] for c in codes))  # fmt: skip
    found = _reported(conn, set(codes), touched)
    partly = {code for code in codes if periods[code] is not None}
    stored = _stored(conn, partly) if partly else {}
    rows = []
    for code in codes:
        indicator, changed = catalogue.indicators[code], periods[code]
        mine = [r for r in found.get(code, []) if changed is None or (r[1], r[2]) in changed]
        fresh = {(r[0], r[1]): r for r in _figures(catalogue, indicator, mine)}
        if changed is None:
            series = fresh
        else:
            series = {p: r for p, r in stored.get(code, {}).items() if p not in changed}
            series.update(fresh)
        points = [Point(r[0], r[1], r[2]) for r in series.values() if not math.isnan(r[2])]
        judged = judged_rows(catalogue, NATIONAL, code, points, limits)
        for period, figure in sorted(series.items()):
            value = None if math.isnan(figure[2]) else figure[2]
            # A period without a value (too few reports) is shown, never judged.
            parts = judged.get(period, _UNJUDGED)
            rows.append((code, *period, value, *figure[3:], *parts))
    conn.execute(delete(table).where(table.c.indicator.in_(bindparam("codes", codes, expanding=True))))  # fmt: skip
    if rows:
        bulk_insert(conn, table, ["indicator", *FIGURE, *STORED], rows)
    return len(rows)


def stored_series(conn: Connection, codes: Iterable[str] | None = None) -> list[dict]:
    """The stored national rows (figure and judgement) of `codes` (None: all), by period."""
    query = select(table).order_by(table.c.indicator, table.c.year, table.c.quarter)
    if codes is not None:
        query = query.where(
            table.c.indicator.in_(bindparam("codes", sorted(codes), expanding=True))
        )
    return [dict(r) for r in conn.execute(query).mappings()]
