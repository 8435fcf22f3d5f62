"""The progress method: status of an agency's indicator against a road map.

The contract is ../shared/spec/progress-method.md; this module and the ones it imports are the
only place it is computed. Everything works on plain values: the caller brings the indicator,
the road map, the targets that apply (`Catalogue.targets_for`) and the observations.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, fields, replace

from indicators import status as st
from indicators.achievement import achievement, meets_target
from indicators.catalogue import Catalogue, Indicator, Roadmap, Target
from indicators.path import (
    Band,
    ExpectedPath,
    PathModel,
    Point,
    annual_targets,
    band_of,
    band_row_for,
    observation_series,
    path_model,
    period_t,
)
from indicators.projection import Projection, category_for, project
from indicators.rules import (
    DEFAULT_THRESHOLDS,
    Components,
    Thresholds,
    below_baseline,
    decide,
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
    "project",
    "shown_as_of",
    "status_from_achievement",
    "status_from_ratio",
]


# Raised whenever a change to this package changes what it computes for the same data: the
# results kept in the database (etl.store.assessments) carry it in their fingerprint, so rows
# computed by an earlier method are never read as this one's.
METHOD_VERSION = 1


@dataclass(frozen=True)
class Assessment:
    """A status with every component it was derived from, for display and export.

    `reason` says which rule decided: final_met, ratio, flat_path, band, no_path_achievement,
    point_achievement, no_target, no_data, outdated or outside_roadmap.

    `year`/`quarter` are the period of the observation judged (`as_of`); `period` the one asked
    for (None: the latest). `expected` is E(t), the path; `target` is only an official figure:
    the target row of the observation's year at Q4, the band of the period, or an uploaded
    target (`target_source` uploaded, target_row or band; `target_year` the row's year). The
    achievement is measured against `achievement_basis` (`basis_source` uploaded, ytd, band,
    path or target_row), which may be E(t) and so is never called a target.
    """

    indicator: str
    roadmap: str
    status: str
    reason: str
    year: int | None = None
    quarter: int | None = None
    t: float | None = None
    value: float | None = None
    achievement: float | None = None
    target: float | None = None
    target_source: str | None = None
    target_year: int | None = None
    achievement_basis: float | None = None
    basis_source: str | None = None
    band: Band | None = None
    baseline: float | None = None
    baseline_t: float | None = None
    baseline_source: str | None = None  # target_row or observation
    expected: float | None = None
    final_target: float | None = None
    final_year: int | None = None
    final_band: Band | None = None
    progress_ratio: float | None = None
    target_below_baseline: bool = False
    period: tuple[int, int] | None = None
    lag: int | None = None  # quarters from the observation to `period`

    @property
    def as_of(self) -> tuple[int, int] | None:
        return None if self.year is None else (self.year, self.quarter)


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
        (p.year, p.quarter): _judgement(indicator, p, model, thresholds)
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


def _uploaded_band(point: Point, band_row: Target | None) -> Band | None:
    """An uploaded single number on a band indicator: the midpoint of a band of that year's
    width (none where the year has no band: the number is then a point target)."""
    year_band = band_of(band_row)
    if year_band is None:
        return None
    half = (year_band[1] - year_band[0]) / 2
    return (point.target - half, point.target + half)


def _official_target(
    indicator: Indicator, point: Point, year_row: Target | None, band_row: Target | None
) -> tuple[float | None, str | None, int | None]:
    """The target shown beside the value: an uploaded one, the band of the period, or the
    target row of the observation's year when the observation closes that year (Q4). Never
    a point of the path between targets."""
    if point.target is not None:
        return point.target, "uploaded", point.year
    if indicator.direction == "target_band" and band_row is not None:
        return band_row.point, "band", band_row.year
    if year_row is not None and point.quarter == 4:
        return year_row.point, "target_row", year_row.year
    return None, None, None


def _achievement_basis(
    indicator: Indicator,
    point: Point,
    year_row: Target | None,
    band_row: Target | None,
    path: ExpectedPath | None,
) -> tuple[float | None, str | None, Band | None]:
    """The period's T of the method page ("Achievement"), where it came from, and the band a
    `target_band` value meets."""
    if point.target is not None:
        band = _uploaded_band(point, band_row) if indicator.direction == "target_band" else None
        return point.target, "uploaded", band
    if indicator.period_value == "ytd":
        if year_row is None:
            return None, None, None
        return year_row.point * point.quarter / 4, "ytd", None
    if indicator.direction == "target_band" and band_row is not None:
        return band_row.point, "band", band_of(band_row)
    if path is not None:
        return path.at(point.t), "path", None
    if year_row is not None and point.quarter == 4:
        # No path (no baseline), but the year's own target at its end: E(t) would be T_y.
        return year_row.point, "target_row", None
    return None, None, None


def _evaluate(
    indicator: Indicator,
    roadmap: str,
    point: Point,
    model: PathModel,
    thresholds: Thresholds,
    period: tuple[int, int] | None = None,
    lag: int | None = None,
) -> Assessment:
    judged = _judgement(indicator, point, model, thresholds)
    return Assessment(indicator.code, roadmap, *judged, period, lag)


# The fields of an Assessment that `_judgement` computes, in its order (between the indicator
# and road map before and the period and lag after).
JUDGED = tuple(f.name for f in fields(Assessment))[2:-2]


def _judgement(
    indicator: Indicator, point: Point, model: PathModel, thresholds: Thresholds
) -> tuple:
    """The status of one observation and every component it was derived from, in the order
    of JUDGED: the one place the method's rules are applied to an observation."""
    annual, final, baseline, path = model.annual, model.final, model.baseline, model.path
    year_row = annual.get(point.year)
    band_row = model.band_row(point.year)
    basis, basis_source, band = _achievement_basis(indicator, point, year_row, band_row, path)
    target, target_source, target_year = _official_target(indicator, point, year_row, band_row)

    v, t = point.value, point.t
    expected = model.expected(point.year, point.quarter)
    ratio = None
    flat = path is None or math.isclose(expected, baseline.value, rel_tol=1e-12, abs_tol=1e-12)
    if not flat and indicator.direction != "target_band":
        ratio = (v - baseline.value) / (expected - baseline.value)
    capaian = None if basis is None else achievement(indicator.direction, v, basis, band)
    parts = Components(final, baseline, path, ratio, band, capaian)
    status, reason = decide(indicator, point, parts, thresholds)
    wrong_side = any(
        below_baseline(indicator.direction, row.point, baseline)
        for row in (final, year_row)
        if row is not None
    )
    shown_band = band if indicator.direction == "target_band" else band_of(year_row)
    return (
        status, reason, point.year, point.quarter, t, v, capaian,
        target, target_source, target_year, basis, basis_source, shown_band,
        None if baseline is None else baseline.value,
        None if baseline is None else baseline.t,
        None if baseline is None else baseline.source,
        expected,
        None if final is None else final.point,
        None if final is None else final.year,
        band_of(final), ratio, wrong_side,
    )  # fmt: skip


def period_target(
    indicator: Indicator, roadmap: Roadmap, targets: Sequence[Target], year: int, quarter: int
) -> float | None:
    """The official target of a period from the targets alone (what a template shows the
    agency before it has reported): the same rule as `Assessment.target`, so a template never
    prints a point of the path as a target."""
    if not roadmap.contains(year):
        return None
    annual = annual_targets(roadmap, targets)
    point = Point(year, quarter, math.nan)
    target, _, _ = _official_target(indicator, point, annual.get(year), band_row_for(annual, year))
    return target
