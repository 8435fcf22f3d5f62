"""The status rules of the progress method, in the order of the method page.

See ../shared/spec/progress-method.md, "Status for the observation" and "Which observation a
period shows". `indicators.progress` gathers the components; this module only decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import NamedTuple

from indicators import status as st
from indicators.achievement import band_distance, meets_target
from indicators.catalogue import Indicator, Target
from indicators.path import Band, Baseline, ExpectedPath, Point, band_of


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

# How many quarters an observation may lie before the period it is shown for. An annual
# figure (IRB, SPBE) is published once a year, months after the year ends, so it may be two
# years old before it counts as stale; everything published more often, one year.
MAX_LAG_QUARTERS = {"annual": 8}
DEFAULT_MAX_LAG = 4


def max_lag(indicator: Indicator) -> int:
    return MAX_LAG_QUARTERS.get(indicator.frequency, DEFAULT_MAX_LAG)


def lag_quarters(period: tuple[int, int], observed: tuple[int, int]) -> int:
    """Quarters from the observation to the period (0: the period's own)."""
    return (period[0] * 4 + period[1]) - (observed[0] * 4 + observed[1])


def is_outdated(indicator: Indicator, lag: int | None) -> bool:
    return lag is not None and lag > max_lag(indicator)


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


def final_met(indicator: Indicator, point: Point, final: Target) -> bool:
    if indicator.period_value == "ytd" and point.quarter != 4:
        return False
    own_year_only = indicator.period_value == "ytd" or indicator.direction == "target_band"
    if own_year_only and point.year != final.year:
        return False
    return meets_target(indicator.direction, point.value, final.point, band_of(final))


def band_status(value: float, band: Band, baseline: Baseline | None) -> str:
    distance = band_distance(value, band)
    if distance == 0:
        return st.ON_TRACK
    if baseline is not None and distance > band_distance(baseline.value, band):
        return st.DETERIORATING
    return st.NEEDS_ACCELERATION if distance <= band[1] - band[0] else st.OFF_TRACK


def not_worse(direction: str, value: float, baseline: float) -> bool:
    return value <= baseline if direction == "lower_better" else value >= baseline


def below_baseline(direction: str, target: float | None, baseline: Baseline | None) -> bool:
    """A target on the wrong side of the baseline (a higher_better target below it): the
    ratio then runs backwards, and `achieved` beside a negative ratio needs this note."""
    if target is None or baseline is None or direction == "target_band":
        return False
    if direction == "higher_better":
        return target < baseline.value
    return target > baseline.value


class Components(NamedTuple):
    """What a status is decided from (see `decide`); a named tuple, as one is built per
    observation judged (the stored assessments judge every one)."""

    final: Target | None
    baseline: Baseline | None
    path: ExpectedPath | None
    ratio: float | None
    band: Band | None
    capaian: float | None


def decide(
    indicator: Indicator, point: Point, c: Components, thresholds: Thresholds
) -> tuple[str, str]:
    """(status, reason) by the rules of the method page, in its order."""
    direction = indicator.direction
    if c.final is not None and final_met(indicator, point, c.final):
        return st.ACHIEVED, "final_met"
    if direction == "target_band" and c.band is not None:
        return band_status(point.value, c.band, c.baseline), "band"
    if c.path is not None and direction != "target_band":
        if c.ratio is not None:
            return status_from_ratio(c.ratio, thresholds), "ratio"
        if not_worse(direction, point.value, c.baseline.value):
            return st.ON_TRACK, "flat_path"
        return st.DETERIORATING, "flat_path"
    if c.capaian is not None:
        # A target_band period without a band (only a point target) falls back on the
        # achievement too, as the band rule has nothing to measure against.
        reason = "point_achievement" if direction == "target_band" else "no_path_achievement"
        return status_from_achievement(c.capaian, thresholds), reason
    return st.NO_TARGET, "no_target"
