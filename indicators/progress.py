"""The progress method: status of an agency's indicator against a road map.

The contract is ../shared/spec/progress-method.md; this module and the ones it imports are the
only place it is computed. Everything works on plain values: the caller brings the indicator,
the road map, the targets that apply (`Catalogue.targets_for`) and the observations.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from indicators import status as st
from indicators.achievement import achievement, band_distance, meets_target
from indicators.catalogue import Indicator, Roadmap, Target
from indicators.path import (
    Band,
    Baseline,
    ExpectedPath,
    Point,
    annual_targets,
    band_of,
    baseline_for,
    final_target,
    observation_series,
    period_t,
)
from indicators.projection import Projection, category_for, project

__all__ = [
    "DEFAULT_THRESHOLDS",
    "Assessment",
    "Point",
    "Projection",
    "Thresholds",
    "achievement",
    "assess",
    "assess_series",
    "category_for",
    "meets_target",
    "period_t",
    "project",
    "status_from_achievement",
    "status_from_ratio",
]


@dataclass(frozen=True)
class Thresholds:
    """Status cut-offs (UN/Open SDG progress assessment); a setting, not code."""

    on_track: float = 0.95
    needs_acceleration: float = 0.6
    achievement_on_track: float = 95.0
    achievement_needs_acceleration: float = 60.0

    def __post_init__(self) -> None:
        if not (0 <= self.needs_acceleration <= self.on_track):
            raise ValueError("thresholds: need 0 <= needs_acceleration <= on_track")
        if not (0 <= self.achievement_needs_acceleration <= self.achievement_on_track):
            raise ValueError(
                "thresholds: need 0 <= achievement_needs_acceleration <= achievement_on_track"
            )


DEFAULT_THRESHOLDS = Thresholds()


@dataclass(frozen=True)
class Assessment:
    """A status with every component it was derived from, for display and export.

    `reason` says which rule decided: final_met, ratio, flat_path, band, no_path_achievement,
    point_achievement, no_target, no_data or outside_roadmap. `band` is the band the value is
    judged against on a `target_band` indicator, else this year's target band for reference.
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
    target_source: str | None = None  # uploaded, ytd, band, path or targets
    band: Band | None = None
    baseline: float | None = None
    baseline_t: float | None = None
    baseline_source: str | None = None  # target_row or observation
    expected: float | None = None
    final_target: float | None = None
    final_year: int | None = None
    final_band: Band | None = None
    progress_ratio: float | None = None


def status_from_ratio(ratio: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    if ratio >= thresholds.on_track:
        return st.ON_TRACK
    if ratio >= thresholds.needs_acceleration:
        return st.NEEDS_ACCELERATION
    return st.OFF_TRACK if ratio >= 0 else st.DETERIORATING


def status_from_achievement(value: float, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> str:
    if value >= thresholds.achievement_on_track:
        return st.ON_TRACK
    if value >= thresholds.achievement_needs_acceleration:
        return st.NEEDS_ACCELERATION
    return st.OFF_TRACK


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

    With `at=(year, quarter)`: as of that period, judging its latest observation at or before it
    from the points up to it only. A period outside the road map is not judged against it: its
    observation, if any, gets `no_status`.
    """
    series = observation_series(points)
    if at is not None:
        year, quarter = at
        cutoff = period_t(year, quarter)
        if not roadmap.contains(year):
            exact = next((p for p in series if p.t == cutoff), None)
            if exact is None:
                return Assessment(indicator.code, roadmap.code, st.NO_DATA, "no_data")
            return _outside(indicator, roadmap, exact)
        series = [p for p in series if p.t <= cutoff]
    inside = [p for p in series if roadmap.contains(p.year)]
    if not inside:
        return Assessment(indicator.code, roadmap.code, st.NO_DATA, "no_data")
    current = inside[-1]
    history = [p for p in series if p.t < current.t]
    return _evaluate(indicator, roadmap, targets, current, history, thresholds)


def assess_series(
    indicator: Indicator,
    roadmap: Roadmap,
    targets: Sequence[Target],
    points: Iterable[Point],
    *,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
) -> list[Assessment]:
    """One assessment per observation, each as if it were the latest (for exports)."""
    series = observation_series(points)
    return [
        assess(indicator, roadmap, targets, series, thresholds=thresholds, at=(p.year, p.quarter))
        for p in series
    ]


def _outside(indicator: Indicator, roadmap: Roadmap, p: Point) -> Assessment:
    return Assessment(
        indicator.code,
        roadmap.code,
        st.NO_STATUS,
        "outside_roadmap",
        year=p.year,
        quarter=p.quarter,
        t=p.t,
        value=p.value,
    )


def _period_target(
    indicator: Indicator,
    point: Point,
    year_row: Target | None,
    line: ExpectedPath | None,
    line_source: str,
) -> tuple[float | None, str | None, Band | None]:
    """The period's target T, where it came from, and the band a `target_band` value meets."""
    band_direction = indicator.direction == "target_band"
    year_band = band_of(year_row)
    if point.target is not None:
        band = None
        if band_direction and year_band is not None:
            half = (year_band[1] - year_band[0]) / 2
            band = (point.target - half, point.target + half)
        return point.target, "uploaded", band
    if indicator.period_value == "ytd":
        if year_row is None:
            return None, None, None
        return year_row.point * point.quarter / 4, "ytd", None
    if band_direction and year_band is not None:
        return year_row.point, "band", year_band
    if line is None:
        return None, None, None
    if line_source == "targets" and point.year < line.knots[0][0]:
        # Without a baseline nothing anchors the line before the first target's year: a 2020
        # value is not judged against a 2023 target.
        return None, None, None
    return line.at(point.t), line_source, None


def _final_met(indicator: Indicator, point: Point, final: Target) -> bool:
    if indicator.period_value == "ytd" and point.quarter != 4:
        return False
    own_year_only = indicator.period_value == "ytd" or indicator.direction == "target_band"
    if own_year_only and point.year != final.year:
        return False
    return meets_target(indicator.direction, point.value, final.point, band_of(final))


def _band_status(value: float, band: Band, baseline: Baseline | None) -> str:
    distance = band_distance(value, band)
    if distance == 0:
        return st.ON_TRACK
    if baseline is not None and distance > band_distance(baseline.value, band):
        return st.DETERIORATING
    return st.NEEDS_ACCELERATION if distance <= band[1] - band[0] else st.OFF_TRACK


def _decide(
    indicator: Indicator,
    point: Point,
    *,
    final: Target | None,
    baseline: Baseline | None,
    path: ExpectedPath | None,
    ratio: float | None,
    band: Band | None,
    capaian: float | None,
    thresholds: Thresholds,
) -> tuple[str, str]:
    """(status, reason) by the rules of the method page, in its order."""
    direction = indicator.direction
    if final is not None and _final_met(indicator, point, final):
        return st.ACHIEVED, "final_met"
    if direction == "target_band" and band is not None:
        return _band_status(point.value, band, baseline), "band"
    if path is not None and direction != "target_band":
        if ratio is not None:
            return status_from_ratio(ratio, thresholds), "ratio"
        if _not_worse(direction, point.value, baseline.value):
            return st.ON_TRACK, "flat_path"
        return st.DETERIORATING, "flat_path"
    if capaian is not None:
        # A target_band period without a band (only a point target) falls back on the
        # achievement too, as the band rule has nothing to measure against.
        reason = "point_achievement" if direction == "target_band" else "no_path_achievement"
        return status_from_achievement(capaian, thresholds), reason
    return st.NO_TARGET, "no_target"


def _not_worse(direction: str, value: float, baseline: float) -> bool:
    return value <= baseline if direction == "lower_better" else value >= baseline


def _evaluate(
    indicator: Indicator,
    roadmap: Roadmap,
    targets: Sequence[Target],
    point: Point,
    history: Sequence[Point],
    thresholds: Thresholds,
) -> Assessment:
    annual = annual_targets(roadmap, targets)
    final = final_target(roadmap, targets)
    observed = [(p.t, p.value) for p in history]
    baseline = baseline_for(roadmap, targets, observed, before=point.t)
    ytd = indicator.period_value == "ytd"
    # A ytd indicator restarts every year: it has no multi-year path.
    has_path = not ytd and baseline is not None and final is not None
    path = ExpectedPath.build(baseline, annual) if has_path else None
    year_row = annual.get(point.year)
    # Without a baseline the targets alone still give the period a target T.
    line, line_source = (path, "path") if path else (ExpectedPath.build(None, annual), "targets")
    target, source, band = _period_target(indicator, point, year_row, line, line_source)

    v, t = point.value, point.t
    expected = None
    if ytd and year_row is not None:
        expected = year_row.point * point.quarter / 4
    elif path is not None:
        expected = path.at(t)
    ratio = None
    flat = path is None or math.isclose(expected, baseline.value, rel_tol=1e-12, abs_tol=1e-12)
    if not flat and indicator.direction != "target_band":
        ratio = (v - baseline.value) / (expected - baseline.value)
    capaian = None if target is None else achievement(indicator.direction, v, target, band)
    status, reason = _decide(
        indicator,
        point,
        final=final,
        baseline=baseline,
        path=path,
        ratio=ratio,
        band=band,
        capaian=capaian,
        thresholds=thresholds,
    )
    return Assessment(
        indicator.code,
        roadmap.code,
        status,
        reason,
        year=point.year,
        quarter=point.quarter,
        t=t,
        value=v,
        achievement=capaian,
        target=target,
        target_source=source,
        band=band if indicator.direction == "target_band" else band_of(year_row),
        baseline=None if baseline is None else baseline.value,
        baseline_t=None if baseline is None else baseline.t,
        baseline_source=None if baseline is None else baseline.source,
        expected=expected,
        final_target=None if final is None else final.point,
        final_year=None if final is None else final.year,
        final_band=band_of(final),
        progress_ratio=ratio,
    )


def period_target(
    indicator: Indicator, roadmap: Roadmap, targets: Sequence[Target], year: int, quarter: int
) -> float | None:
    """The target T of a period from the targets alone (what a template shows the agency
    before it has reported): the same rules as `assess`, without an uploaded target."""
    if not roadmap.contains(year):
        return None
    point = Point(year, quarter, math.nan)
    annual = annual_targets(roadmap, targets)
    baseline = baseline_for(roadmap, targets, (), before=point.t)
    line = ExpectedPath.build(baseline, annual)
    source = "path" if baseline is not None else "targets"
    target, _, _ = _period_target(indicator, point, annual.get(year), line, source)
    return target
