"""The progress method's results kept with the data (issue 15): every current official
observation judged as if it were the latest (table `assessment`), recomputed in the transaction
that changes what it is computed from, so a page reads a period's statuses instead of computing
them from every observation.

Rows are only ever read under the settings they were computed with: `assessment_state` holds
their fingerprint (the method's version and the thresholds RB_ON_TRACK_RATIO,
RB_ACCELERATION_RATIO, RB_MIN_COVERAGE). A process whose settings give another fingerprint
neither reads nor updates them: it computes live (slower, the same figures), until
`python -m etl assess --rebuild` or `etl init` rebuilds them under its settings. Recomputing
them on a reader's first view instead would make a page write, and two servers with different
settings would rebuild in turn.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable
from operator import itemgetter

from sqlalchemy import Connection, and_, bindparam, case, delete, func, select, update

from etl.core import settings
from etl.store import schema
from etl.store.database import bulk_insert
from indicators.catalogue import Catalogue, Indicator
from indicators.path import Point
from indicators.progress import JUDGED, METHOD_VERSION, Assessment, Thresholds, judge_each
from indicators.projection import category_for

# `target_used` is only an official target (a target row of the year at Q4, the period's
# band or an uploaded target) and may be empty where `expected`, the path E(t), is not; the
# achievement is measured against `achievement_basis` (`basis_source`: uploaded, ytd, band,
# path or target_row). `as_of_year`/`as_of_quarter` are the period of the observation judged,
# `lag_quarters` how far it lies before the period asked for.
ASSESSMENT_COLUMNS = [
    "roadmap", "achievement_pct", "status", "reason", "target_used", "target_source",
    "target_year", "achievement_basis", "basis_source", "expected", "baseline",
    "baseline_source", "final_target", "final_year", "progress_ratio", "target_below_baseline",
    "as_of_year", "as_of_quarter", "lag_quarters", "category",
]  # fmt: skip
# What a stored row holds: the observation's own period is its as_of, its lag 0 until a later
# period shows it (indicators.progress.shown_as_of).
AS_OF = ("as_of_year", "as_of_quarter", "lag_quarters")
STORED = [c for c in ASSESSMENT_COLUMNS if c not in AS_OF]
KEY = ("agency", "indicator", "year", "quarter")

table = schema.assessment
obs = schema.observation


def thresholds() -> Thresholds:
    return Thresholds(
        on_track=settings.get("RB_ON_TRACK_RATIO"),
        needs_acceleration=settings.get("RB_ACCELERATION_RATIO"),
    )


def fingerprint() -> str:
    """What the stored rows depend on besides the data: the method and its settings."""
    limits = thresholds()
    text = (
        f"method {METHOD_VERSION}; on_track {limits.on_track!r}; "
        f"needs_acceleration {limits.needs_acceleration!r}; "
        f"min_coverage {settings.get('RB_MIN_COVERAGE')!r}"
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def category_label(catalogue: Catalogue, indicator: Indicator, value: float | None, lang="id"):
    band = (
        category_for(value, catalogue.scales.get(indicator.scale, ())) if indicator.scale else None
    )
    if band is None:
        return None
    return band.label_id if lang == "id" else band.label_en


def components(a: Assessment | None) -> dict:
    """An assessment as the columns of ASSESSMENT_COLUMNS (None: an observation outside every
    road map, shown but never judged)."""
    if a is None:
        return {"status": "no_status", "reason": "outside_roadmap"}
    return {
        "roadmap": a.roadmap, "achievement_pct": a.achievement, "status": a.status,
        "reason": a.reason, "target_used": a.target, "target_source": a.target_source,
        "target_year": a.target_year, "achievement_basis": a.achievement_basis,
        "basis_source": a.basis_source, "expected": a.expected, "baseline": a.baseline,
        "baseline_source": a.baseline_source, "final_target": a.final_target,
        "final_year": a.final_year, "progress_ratio": a.progress_ratio,
        "target_below_baseline": a.target_below_baseline, "as_of_year": a.year,
        "as_of_quarter": a.quarter, "lag_quarters": a.lag,
    }  # fmt: skip


# Where each stored column between `roadmap` and `category` comes from in a judgement
# (indicators.progress.JUDGED): taken by index, as a national file judges 130,000 at once.
_RENAMED = {"achievement_pct": "achievement", "target_used": "target"}
assert STORED[0] == "roadmap" and STORED[-1] == "category"
_PICK = itemgetter(*(JUDGED.index(_RENAMED.get(c, c)) for c in STORED[1:-1]))
_OUTSIDE = tuple(components(None).get(c) for c in STORED[1:-1])


def judged_rows(
    catalogue: Catalogue, agency: str, code: str, points: list[Point], limits: Thresholds
) -> dict[tuple[int, int], tuple]:
    """(year, quarter) → the STORED columns of each point of one series, as if it were the
    latest (empty for an indicator the catalogue does not know)."""
    indicator = catalogue.indicators.get(code)
    if indicator is None:
        return {}
    judged = judge_each(catalogue, agency, indicator, points, thresholds=limits)
    values = {(p.year, p.quarter): p.value for p in points}
    scaled = bool(indicator.scale)
    out = {}
    for period, found in judged.items():
        category = category_label(catalogue, indicator, values[period]) if scaled else None
        if found is None:
            out[period] = (None, *_OUTSIDE, category)
        else:
            out[period] = (found[0], *_PICK(found[1]), category)
    return out


def judge(
    catalogue: Catalogue, agency: str, code: str, points: list[Point], limits: Thresholds
) -> dict[tuple[int, int], dict]:
    """(year, quarter) → the components (ASSESSMENT_COLUMNS) of each point of one series, as
    if it were the latest (empty for an indicator the catalogue does not know)."""
    out = {}
    for (year, quarter), row in judged_rows(catalogue, agency, code, points, limits).items():
        parts = dict(zip(STORED, row))
        if parts["roadmap"] is not None:
            parts.update(as_of_year=year, as_of_quarter=quarter, lag_quarters=0)
        out[(year, quarter)] = parts
    return out


# --- the state: built, and under which settings -----------------------------------------------
def is_current(conn: Connection) -> bool:
    """Whether the stored rows were built under this process's settings (else: compute live)."""
    state = schema.assessment_state.c
    stored = conn.execute(select(state.fingerprint).where(state.id == 1)).scalar()
    return stored == fingerprint()


def mark(conn: Connection, built: bool) -> None:
    """Record the rows as built under this process's settings, or as not to be read (a
    catalogue refresh until its rebuild)."""
    state = schema.assessment_state
    values = {"fingerprint": fingerprint() if built else None, "built_at": dt.datetime.now(dt.UTC)}
    if not conn.execute(update(state).where(state.c.id == 1).values(**values)).rowcount:
        conn.execute(state.insert().values(id=1, **values))


# --- agencies' series ----------------------------------------------------------------------------
def _within(column, values: Iterable[str] | None, name: str) -> list:
    if values is None:
        return []
    return [column.in_(bindparam(name, value=sorted(values), expanding=True))]


def store_series(
    conn: Connection,
    catalogue: Catalogue,
    indicators: Iterable[str] | None,
    agencies: Iterable[str] | None = None,
) -> int:
    """Recompute the stored rows of every series of `agencies` (None: all) in `indicators`
    (None: all) from their current official observations; returns the rows written."""
    where = [
        *_within(obs.c.indicator, indicators, "indicators"),
        *_within(obs.c.agency, agencies, "agencies"),
    ]
    found = conn.execute(
        select(obs.c.agency, obs.c.indicator, obs.c.year, obs.c.quarter, obs.c.value, obs.c.target)
        .where(schema.current(obs), *where)
    )  # fmt: skip
    series: dict[tuple[str, str], list[Point]] = {}
    for agency, code, year, quarter, value, target in found:
        series.setdefault((agency, code), []).append(Point(year, quarter, value, target))
    limits = thresholds()
    rows = []
    # In key order: SQLite inserts into the table's key in order several times faster.
    for (agency, code), points in sorted(series.items()):
        values = {(p.year, p.quarter): p.value for p in points}
        judged = judged_rows(catalogue, agency, code, points, limits)
        for (year, quarter), row in sorted(judged.items()):
            rows.append((agency, code, year, quarter, values[(year, quarter)], *row))
    conn.execute(
        delete(table).where(
            *_within(table.c.indicator, indicators, "indicators"),
            *_within(table.c.agency, agencies, "agencies"),
        )
    )
    if rows:
        bulk_insert(conn, table, [*KEY, "value", *STORED], rows)
    return len(rows)


def period_index(source):
    """A period as one number (year × 4 + quarter), for "latest at or before"."""
    return source.c.year * 4 + source.c.quarter


def as_of(
    conn: Connection, roadmap: str, period: tuple[int, int], where: Iterable = ()
) -> list[dict]:
    """For each agency × indicator with a stored row (within `where`, conditions on the
    assessment table): its latest row of `roadmap` dated at or before `period`, in one query
    (the lag and `outdated` are the caller's, by indicators.progress.shown_as_of). A series with
    rows, none of them in that road map up to the period, comes back with only its key."""
    at = period[0] * 4 + period[1]
    inside = and_(table.c.roadmap == roadmap, period_index(table) <= at)
    latest = (
        select(
            table.c.agency, table.c.indicator,
            func.max(case((inside, period_index(table)))).label("k"),
        )
        .where(*where)
        .group_by(table.c.agency, table.c.indicator)
        .subquery()
    )  # fmt: skip
    shown = table.alias("shown")
    joined = latest.outerjoin(
        shown,
        and_(
            shown.c.agency == latest.c.agency,
            shown.c.indicator == latest.c.indicator,
            period_index(shown) == latest.c.k,
        ),
    )
    query = select(
        latest.c.agency,
        latest.c.indicator,
        *(shown.c[c] for c in ("year", "quarter", "value", *STORED)),
    ).select_from(joined)
    return [dict(r) for r in conn.execute(query).mappings()]


ROW = (*KEY, "value", *STORED)


def stored_rows(conn: Connection, where: Iterable = ()) -> list[dict]:
    """Every stored row within `where`, as mappings of ROW (the check of `etl assess`)."""
    return [dict(zip(ROW, r)) for r in stored_tuples(conn, where)]


def stored_tuples(conn: Connection, where: Iterable = ()) -> list[tuple]:
    """Every stored row within `where`, as tuples in the order of ROW (the observations
    export: 80,000 rows as mappings cost a second more)."""
    return [tuple(r) for r in conn.execute(select(*(table.c[c] for c in ROW)).where(*where))]
