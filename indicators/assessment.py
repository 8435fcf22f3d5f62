"""An assessment: a status with every component it was derived from (the method's record)."""

from __future__ import annotations

from dataclasses import dataclass, fields

from indicators.path import Band


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


# The fields of an Assessment that `indicators.judgement.judgement` computes, in its order (between the indicator
# and road map before and the period and lag after).
JUDGED = tuple(f.name for f in fields(Assessment))[2:-2]
