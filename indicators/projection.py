"""Where the trend leads by the road map's end, and which category a value falls in.

See ../shared/spec/progress-method.md, section "Projection"; the category scales are described
in the reference data's README (`closed_side`).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from indicators.achievement import meets_target
from indicators.catalogue import Indicator, Roadmap, ScaleBand, Target
from indicators.path import Band, Point, band_of, final_target, observation_series

MIN_POINTS = 3
WINDOW = 8


@dataclass(frozen=True)
class Projection:
    """`outcome`: likely, unlikely, not_enough_data or no_target (no final target F)."""

    roadmap: str
    outcome: str
    value: float | None = None  # projected value at the road map's end
    t: float | None = None
    slope: float | None = None  # change per year
    n: int = 0  # observations the line was fitted to
    final_target: float | None = None
    final_year: int | None = None
    final_band: Band | None = None


def _fit(points: Sequence[Point]) -> tuple[float, float]:
    """Least-squares intercept and slope of value on t."""
    mean_t = math.fsum(p.t for p in points) / len(points)
    mean_v = math.fsum(p.value for p in points) / len(points)
    sxx = math.fsum((p.t - mean_t) ** 2 for p in points)
    sxy = math.fsum((p.t - mean_t) * (p.value - mean_v) for p in points)
    slope = sxy / sxx
    return mean_v - slope * mean_t, slope


def project(
    indicator: Indicator,
    roadmap: Roadmap,
    targets: Sequence[Target],
    points: Iterable[Point],
) -> Projection:
    """A straight line through the last eight observations, read at t = the road map's end year."""
    series = [p for p in observation_series(points) if roadmap.contains(p.year)]
    if indicator.period_value == "ytd":
        # Year-to-date totals restart every January: only full-year (Q4) totals form a trend.
        series = [p for p in series if p.quarter == 4]
    final = final_target(roadmap, targets)
    facts = {
        "final_target": None if final is None else final.point,
        "final_year": None if final is None else final.year,
        "final_band": band_of(final),
    }
    if len(series) < MIN_POINTS:
        outcome = "no_target" if final is None else "not_enough_data"
        return Projection(roadmap.code, outcome, n=len(series), **facts)
    used = series[-WINDOW:]
    intercept, slope = _fit(used)
    end = float(roadmap.end_year)
    value = intercept + slope * end
    # A trend cannot carry an index past its scale (SPBE stops at 5).
    if indicator.max is not None:
        value = min(value, indicator.max)
    if indicator.min is not None:
        value = max(value, indicator.min)
    if final is None:
        outcome = "no_target"
    else:
        met = meets_target(indicator.direction, value, final.point, band_of(final))
        outcome = "likely" if met else "unlikely"
    return Projection(roadmap.code, outcome, value, end, slope, len(used), **facts)


def category_for(value: float | None, bands: Iterable[ScaleBand]) -> ScaleBand | None:
    """The scale band a value falls in, honouring each band's closed side.

    `lower`: [lower, upper); `upper`: (lower, upper]. The scale's own minimum and maximum belong
    to the outermost bands whatever their closed side. None outside the scale.
    """
    ordered = sorted(bands, key=lambda b: b.lower)
    if not ordered or value is None or math.isnan(value):
        return None
    if value == ordered[0].lower:
        return ordered[0]
    if value == ordered[-1].upper:
        return ordered[-1]
    for band in ordered:
        if band.closed_side == "upper":
            inside = band.lower < value <= band.upper
        else:
            inside = band.lower <= value < band.upper
        if inside:
            return band
    return None
