"""The judgement of one observation: the one place the method's rules meet a value, its
targets and its path (../shared/spec/progress-method.md)."""

from __future__ import annotations

import math
from collections.abc import Sequence

from indicators.achievement import achievement
from indicators.catalogue import Indicator, Roadmap, Target
from indicators.path import (
    Band,
    ExpectedPath,
    PathModel,
    Point,
    annual_targets,
    band_of,
    band_row_for,
)
from indicators.rules import Components, Thresholds, below_baseline, decide


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


def judgement(
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
