"""Time, baseline, final target and the expected path E(t) of the progress method.

See ../shared/spec/progress-method.md, sections "Time" and "Targets and the expected path".
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from bisect import bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cached_property

from indicators.catalogue import Indicator, Roadmap, Target

Band = tuple[float, float]


def quarter_end(year: int, quarter: int) -> dt.date:
    """The last day of a quarter (deadlines and locks count from it)."""
    month = 3 * quarter
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def period_t(year: int, quarter: int) -> float:
    """A quarter placed at its end: Q4 2024 is 2024.0, Q1 2024 is 2023.25."""
    if quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1-4, not {quarter!r}")
    return (year - 1) + quarter / 4


@dataclass(frozen=True)
class Point:
    """One observation of an agency's indicator; `target` is a target uploaded with it."""

    year: int
    quarter: int
    value: float
    target: float | None = None

    @property
    def t(self) -> float:
        return period_t(self.year, self.quarter)


def observation_series(points: Iterable[Point]) -> list[Point]:
    """Points in time order, one per period (the last given wins), unreported values dropped."""
    by_period: dict[tuple[int, int], Point] = {}
    for p in points:
        if p.value is not None and not math.isnan(p.value):
            by_period[(p.year, p.quarter)] = p
    return sorted(by_period.values(), key=lambda p: p.t)


def band_of(row: Target | None) -> Band | None:
    return (row.low, row.high) if row is not None and row.is_band else None


def annual_targets(roadmap: Roadmap, targets: Iterable[Target]) -> dict[int, Target]:
    """The target rows with a value in the road map's years, one per year."""
    rows: dict[int, Target] = {}
    for row in sorted(targets, key=lambda r: r.year):
        if row.kind == "target" and row.point is not None and roadmap.contains(row.year):
            rows.setdefault(row.year, row)
    return rows


def final_target(roadmap: Roadmap, targets: Iterable[Target]) -> Target | None:
    """F: the target of the road map's last year that has one."""
    rows = annual_targets(roadmap, targets)
    return rows[max(rows)] if rows else None


@dataclass(frozen=True)
class Baseline:
    value: float
    t: float
    source: str  # "target_row" or "observation"


def band_row_for(annual: Mapping[int, Target], year: int) -> Target | None:
    """The band of a year: its own band row, else the latest earlier one (a band is held,
    like the path, until the next band row)."""
    rows = [row for y, row in annual.items() if y <= year and row.is_band]
    return max(rows, key=lambda row: row.year) if rows else None


def baseline_for(
    roadmap: Roadmap,
    targets: Iterable[Target],
    observations: Iterable[tuple[float, float]],
    *,
    before: float = math.inf,
) -> Baseline | None:
    """B: the road map's baseline row, else the series' latest observation before it starts.

    `observations` are (t, value) pairs. Only an observation dated at or before Q4 of the year
    before the road map (t <= start_year - 1) can be a baseline: a value reported inside the
    road map is progress, and taking one as the starting point made an agency's own 2025 Q4
    value the "target" its 2026 value was judged against. `before` excludes the observation
    being judged and anything after it.
    """
    rows = [r for r in targets if r.kind == "baseline" and r.point is not None]
    if rows:
        # Equally close rows on both sides of the start: the earlier one, as baselines
        # conventionally precede the plan.
        row = min(rows, key=lambda r: (abs(r.year - roadmap.start_year), r.year))
        return Baseline(row.point, float(row.year), "target_row")
    start = float(roadmap.start_year - 1)
    early = [(t, v) for t, v in observations if t <= start and t < before]
    if not early:
        return None
    t, value = max(early, key=lambda o: o[0])
    return Baseline(value, t, "observation")


@dataclass(frozen=True)
class ExpectedPath:
    """A polyline through (t, value) knots, held flat before the first and after the last."""

    knots: tuple[tuple[float, float], ...]

    @cached_property
    def _times(self) -> list[float]:
        # Read once per path: the stored assessments ask a path for every point of a series.
        return [k[0] for k in self.knots]

    @classmethod
    def build(cls, baseline: Baseline | None, targets: Mapping[int, Target]) -> ExpectedPath | None:
        """E(t) through (t_B, B) and each annual target dated after it; no baseline, no path
        (a line through the targets alone would invent targets between them)."""
        if baseline is None:
            return None
        knots = [(baseline.t, baseline.value)]
        knots += [(float(y), row.point) for y, row in sorted(targets.items()) if y > baseline.t]
        return cls(tuple(knots))

    def at(self, t: float) -> float:
        times = self._times
        if t <= times[0]:
            return self.knots[0][1]
        if t >= times[-1]:
            return self.knots[-1][1]
        i = bisect_right(times, t)
        (t0, v0), (t1, v1) = self.knots[i - 1], self.knots[i]
        return v0 + (v1 - v0) * (t - t0) / (t1 - t0)


@dataclass(frozen=True)
class PathModel:
    """The targets side of one agency's indicator in one road map: annual targets, F, B and
    E(t). The status (`indicators.progress`) and the chart (`ui.charts.target_path`) both read it, so
    what the chart draws is what the status line says (progress-method.md, "One set of
    components")."""

    ytd: bool
    annual: dict[int, Target]
    final: Target | None
    baseline: Baseline | None
    path: ExpectedPath | None
    # year → its band row (band_row_for), filled as asked: every point of a year asks again.
    _bands: dict[int, Target | None] = field(default_factory=dict, compare=False, repr=False)

    def band_row(self, year: int) -> Target | None:
        """The band of a year (band_row_for over the annual targets)."""
        if year not in self._bands:
            self._bands[year] = band_row_for(self.annual, year)
        return self._bands[year]

    def expected(self, year: int, quarter: int) -> float | None:
        """E(t) of the period: T_y × q/4 inside year y for a ytd indicator, else the path."""
        if self.ytd:
            row = self.annual.get(year)
            return None if row is None else row.point * quarter / 4
        return None if self.path is None else self.path.at(period_t(year, quarter))

    def knots(self) -> list[list[tuple[float, float]]]:
        """The expected value as drawn: one polyline for a path; for a ytd indicator one per
        year (T_y × q/4 restarts every year, so the years are never joined)."""
        if self.ytd:
            return [
                [(period_t(y, q), row.point * q / 4) for q in (1, 2, 3, 4)]
                for y, row in sorted(self.annual.items())
            ]
        return [list(self.path.knots)] if self.path is not None else []


def path_model(
    indicator: Indicator,
    roadmap: Roadmap,
    targets: Sequence[Target],
    observed: Iterable[tuple[float, float]],
    *,
    before: float = math.inf,
) -> PathModel:
    """B, the annual targets, F and E(t) from the targets and the (t, value) observations
    (those dated before `before` only: the one being judged is never its own baseline)."""
    annual = annual_targets(roadmap, targets)
    final = final_target(roadmap, targets)
    baseline = baseline_for(roadmap, targets, observed, before=before)
    ytd = indicator.period_value == "ytd"
    # A ytd indicator restarts every year: it has no multi-year path.
    has_path = not ytd and baseline is not None and final is not None
    path = ExpectedPath.build(baseline, annual) if has_path else None
    return PathModel(ytd, annual, final, baseline, path)
