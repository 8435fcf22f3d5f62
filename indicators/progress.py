"""The progress method: status of an agency's indicator against a road map.

The contract is ../shared/spec/progress-method.md; this module and the ones it imports are the
only place it is computed. Everything works on plain values: the caller brings the indicator,
the road map, the targets that apply (`Catalogue.targets_for`) and the observations.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace

from indicators import status as st
from indicators.achievement import achievement, meets_target
from indicators.assessment import JUDGED, Assessment
from indicators.catalogue import Catalogue, Indicator, Roadmap, Target
from indicators.judgement import judgement, period_target
from indicators.path import (
    PathModel,
    Point,
    observation_series,
    path_model,
    period_t,
)
from indicators.projection import Projection, category_for, project
from indicators.rules import (
    DEFAULT_THRESHOLDS,
    Thresholds,
    is_outdated,
    lag_quarters,
    status_from_achievement,
    status_from_ratio,
)

__all__ = [
    "DEFAULT_THRESHOLDS",
    "JUDGED",
    "METHOD_VERSION",
    "Assessment",
    "PathModel",
    "Point",
    "Projection",
    "Thresholds",
    "achievement",
    "assess",
    "assess_each",
    "assess_series",
    "category_for",
    "judge_each",
    "meets_target",
    "path_model",
    "period_t",
    "period_target",
    "project",
    "shown_as_of",
    "status_from_achievement",
    "status_from_ratio",
]


# Raised whenever a change to this package changes what it computes for the same data: the
# results kept in the database (etl.store.assessments) carry it in their fingerprint, so rows
# computed by an earlier method are never read as this one's.
METHOD_VERSION = 1


def assess(
    indicator: Indicator,
    roadmap: Roadmap,
    targets: Sequence[Target],
    points: Iterable[Point],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    at: tuple[int, int] | None = None,
) -> Assessment:
    """The status of the latest observation in the road map's years.

    With `at=(year, quarter)`: as of that period, judging its own observation or else the
    latest earlier one of the road map, from the points up to it only; one older than the
    indicator's frequency allows is `outdated`. A period outside the road map is not judged
    against it: its observation, if any, gets `no_status`.
    """
    series = observation_series(points)
    if at is not None:
        year, quarter = at
        cutoff = period_t(year, quarter)
        if not roadmap.contains(year):
            exact = next((p for p in series if p.t == cutoff), None)
            if exact is None:
                return Assessment(indicator.code, roadmap.code, st.NO_DATA, "no_data", period=at)
            return _outside(indicator, roadmap, exact, at)
        series = [p for p in series if p.t <= cutoff]
    inside = [p for p in series if roadmap.contains(p.year)]
    if not inside:
        return Assessment(indicator.code, roadmap.code, st.NO_DATA, "no_data", period=at)
    current = inside[-1]
    observed = [(p.t, p.value) for p in series if p.t < current.t]
    model = path_model(indicator, roadmap, targets, observed, before=current.t)
    judged = _evaluate(indicator, roadmap.code, current, model, thresholds)
    if at is None:
        return judged
    status, reason, lag = shown_as_of(
        indicator, at, (current.year, current.quarter), judged.status, judged.reason
    )
    return replace(judged, status=status, reason=reason, period=at, lag=lag)


def shown_as_of(
    indicator: Indicator, at: tuple[int, int], observed: tuple[int, int], status: str, reason: str
) -> tuple[str, str, int]:
    """(status, reason, lag) of an observation judged as if it were the latest, shown for the
    later period `at`: the same judgement, or `outdated` when it is older than the indicator's
    frequency allows. The live `assess` and the stored results (etl.store.assessments) both
    pass through here, so an as-of view reads the same from either."""
    lag = lag_quarters(at, observed)
    if is_outdated(indicator, lag):
        # Shown with its period and every component, but not judged: a two-year-old figure
        # says nothing about where the agency stands now.
        return st.OUTDATED, "outdated", lag
    return status, reason, lag


def assess_series(
    indicator: Indicator,
    roadmap: Roadmap,
    targets: Sequence[Target],
    points: Iterable[Point],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[Assessment]:
    """One assessment per observation, each as if it were the latest (for exports): what
    `assess(at=(p.year, p.quarter))` says of each point p, in one pass. B, F and E(t) are the
    same for every point inside the road map (a baseline observation lies before the road map
    starts, so before each of them), so the path is built once."""
    series = observation_series(points)
    inside = _judge_inside(indicator, roadmap, targets, series, thresholds)
    return [
        inside.get((p.year, p.quarter)) or _outside(indicator, roadmap, p, (p.year, p.quarter))
        for p in series
    ]


def _judge_inside(
    indicator: Indicator,
    roadmap: Roadmap,
    targets: Sequence[Target],
    series: Sequence[Point],
    thresholds: Thresholds,
) -> dict[tuple[int, int], Assessment]:
    """(year, quarter) → the assessment of each point of an ordered series inside the road map."""
    code = indicator.code
    return {
        period: Assessment(code, roadmap.code, *judged, period, 0)
        for period, judged in _judged_inside(
            indicator, roadmap, targets, series, thresholds
        ).items()
    }


def _judged_inside(
    indicator: Indicator,
    roadmap: Roadmap,
    targets: Sequence[Target],
    series: Sequence[Point],
    thresholds: Thresholds,
) -> dict[tuple[int, int], tuple]:
    """(year, quarter) → the judgement (JUDGED) of each point of an ordered series inside the
    road map. B, F and E(t) are the same for every point inside the road map (a baseline
    observation lies before it starts, so before each of them): the path is built once."""
    model = path_model(indicator, roadmap, targets, [(p.t, p.value) for p in series])
    return {
        (p.year, p.quarter): judgement(indicator, p, model, thresholds)
        for p in series
        if roadmap.contains(p.year)
    }


def assess_each(
    catalogue: Catalogue,
    agency: str,
    indicator: Indicator,
    points: Iterable[Point],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> dict[tuple[int, int], Assessment | None]:
    """Each observation of one agency's series judged as if it were the latest, in the road
    map of its own year, against that agency's targets there; None for one outside every road
    map (shown, never judged)."""
    code = indicator.code
    return {
        period: None if judged is None else Assessment(code, judged[0], *judged[1], period, 0)
        for period, judged in judge_each(catalogue, agency, indicator, points, thresholds=thresholds).items()
    }  # fmt: skip


def judge_each(
    catalogue: Catalogue,
    agency: str,
    indicator: Indicator,
    points: Iterable[Point],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> dict[tuple[int, int], tuple[str, tuple] | None]:
    """What `assess_each` says, as (road map, judgement in the order of JUDGED) per period
    instead of one Assessment per observation: the stored assessments (etl.store.assessments)
    keep these tuples as rows, and a national file judges 130,000 observations at once."""
    series = observation_series(points)
    out: dict[tuple[int, int], tuple[str, tuple] | None] = {}
    judged: dict[str, dict[tuple[int, int], tuple]] = {}
    roadmaps: dict[int, Roadmap | None] = {}
    for p in series:
        if p.year not in roadmaps:
            roadmaps[p.year] = catalogue.roadmap_for(p.year)
        roadmap = roadmaps[p.year]
        if roadmap is None:
            out[(p.year, p.quarter)] = None
            continue
        if roadmap.code not in judged:
            targets = catalogue.targets_for(roadmap.code, indicator.code, agency)
            judged[roadmap.code] = _judged_inside(indicator, roadmap, targets, series, thresholds)
        out[(p.year, p.quarter)] = (roadmap.code, judged[roadmap.code][(p.year, p.quarter)])
    return out


def _outside(indicator: Indicator, roadmap: Roadmap, p: Point, at) -> Assessment:
    return Assessment(
        indicator.code, roadmap.code, st.NO_STATUS, "outside_roadmap",
        year=p.year, quarter=p.quarter, t=p.t, value=p.value, period=at, lag=0,
    )  # fmt: skip


def _evaluate(
    indicator: Indicator,
    roadmap: str,
    point: Point,
    model: PathModel,
    thresholds: Thresholds,
    period: tuple[int, int] | None = None,
    lag: int | None = None,
) -> Assessment:
    judged = judgement(indicator, point, model, thresholds)
    return Assessment(indicator.code, roadmap, *judged, period, lag)
