"""The synthetic values of the demo: every agency's series, scattered around the national one.

A value is the national level of the indicator at that time (the published national figures,
interpolated linearly between published periods and held flat beyond them), moved by a
persistent per-agency effect (partly a general "quality" of the agency, partly specific to the
indicator), a small per-agency drift per year and small noise per period. Some agencies are
therefore clearly ahead and some clearly behind, and some improve while others slip: every
status occurs. Everything is drawn from `random.Random` streams named after the seed, the
agency and the indicator, so a value never depends on which other values are generated.
"""

from __future__ import annotations

import bisect
import math
import random
from dataclasses import dataclass

from etl.store.catalogue import national_actuals_bytes, parse_national_actuals
from indicators.catalogue import NATIONAL, Agency, Catalogue, Indicator

YEARS = tuple(range(2020, 2026))
QUARTERS_BY_FREQUENCY = {
    "annual": (4,),
    "semiannual": (1, 3),
    "quarterly": (1, 2, 3, 4),
    "monthly": (1, 2, 3, 4),  # reported per quarter: the quarter's last month
}
# Year-to-date share of the year's total at the end of each quarter (INVESTASI).
YTD_SHARE = {1: 0.22, 2: 0.47, 3: 0.72, 4: 1.0}

# Indicators with no published national series get a plausible level instead (t in years):
# SAKIP about 65 in 2020 rising about one point a year; PDN (domestic products' share of
# procurement spending) from about 42 % in 2020 to about 59 % in 2025, within the 40-60 % range
# reported since Inpres 2/2022.
FALLBACK_LEVELS = {
    "SAKIP": lambda t: 65.0 + (t - 2020.0),
    "PDN": lambda t: 42.0 + 3.5 * (t - 2020.0),
}
# SPBE domains without a published national series: the composite SPBE index plus an offset
# (internal policy usually scores above the composite, governance slightly below).
DERIVED_LEVELS = {"SPBE_KI": ("SPBE", 0.35), "SPBE_TK": ("SPBE", -0.15)}


@dataclass(frozen=True)
class Spread:
    between: float  # sd of the persistent per-agency effect
    noise: float  # sd of the noise of one period
    relative: bool = False  # on a log scale: rates that differ by multiples between regions


SPREADS = {
    "IRB": Spread(7.0, 1.2),
    "SAKIP": Spread(8.0, 1.5),
    "IPP": Spread(0.45, 0.08),
    "SPBE": Spread(0.55, 0.1),
    "SPBE_KI": Spread(0.6, 0.12),
    "SPBE_TK": Spread(0.6, 0.12),
    "SPBE_MAN": Spread(0.55, 0.12),
    "SPBE_LAY": Spread(0.6, 0.12),
    "STUNTING": Spread(0.3, 0.04, relative=True),
    "KEMISKINAN": Spread(0.45, 0.03, relative=True),
    "KEMISKINAN_EKSTREM": Spread(0.6, 0.08, relative=True),
    "PDN": Spread(9.0, 3.0),
    "INFLASI": Spread(0.6, 0.3),
}
DRIFT = 0.12  # sd of an agency's drift per year, in units of `between`


def period_t(year: int, quarter: int) -> float:
    """A quarter placed at its end (progress-method.md): Q4 2024 is t = 2024.0."""
    return (year - 1) + quarter / 4


def quarters_for(indicator: Indicator) -> tuple[int, ...]:
    return QUARTERS_BY_FREQUENCY.get(indicator.frequency, (4,))


def national_points() -> dict[str, list[tuple[float, float]]]:
    """indicator → [(t, value)] of the published national figures, in time order."""
    points: dict[str, list[tuple[float, float]]] = {}
    for row in parse_national_actuals(national_actuals_bytes()[1]):
        t = period_t(int(row["year"]), int(row["quarter"]))
        points.setdefault(row["indicator"].strip().upper(), []).append((t, float(row["value"])))
    return {code: sorted(p) for code, p in points.items()}


def interpolate(points: list[tuple[float, float]], t: float) -> float:
    """Linear between published points, flat before the first and after the last."""
    times = [p[0] for p in points]
    if t <= times[0]:
        return points[0][1]
    if t >= times[-1]:
        return points[-1][1]
    i = bisect.bisect_right(times, t)
    (t0, v0), (t1, v1) = points[i - 1], points[i]
    return v0 + (v1 - v0) * (t - t0) / (t1 - t0)


class DemoValues:
    """Values per (agency, indicator); see the module docstring."""

    def __init__(self, catalogue: Catalogue, seed: int):
        self.catalogue, self.seed = catalogue, seed
        self.points = national_points()
        self.agencies = sorted(
            (a for a in catalogue.agencies.values() if a.type != "NASIONAL" and a.code != NATIONAL),
            key=lambda a: a.code,
        )
        self.quality = {
            a.code: random.Random(f"{seed}:quality:{a.code}").gauss(0, 1) for a in self.agencies
        }
        self.investment_share = self._investment_shares()

    def national(self, indicator: Indicator, t: float) -> float:
        code = indicator.code
        if code in self.points:
            return interpolate(self.points[code], t)
        if code in DERIVED_LEVELS and DERIVED_LEVELS[code][0] in self.points:
            base, offset = DERIVED_LEVELS[code]
            return interpolate(self.points[base], t) + offset
        if code in FALLBACK_LEVELS:
            return FALLBACK_LEVELS[code](t)
        low, high = indicator.min or 0.0, indicator.max
        return (low + high) / 2 if high is not None else max(low, 1.0)

    def series(self, agency: Agency, indicator: Indicator) -> dict[tuple[int, int], float]:
        """(year, quarter) → value of one agency's indicator over every demo period."""
        rng = random.Random(f"{self.seed}:{agency.code}:{indicator.code}")
        if indicator.period_value == "ytd":
            return self._ytd_series(rng, agency, indicator)
        spread = SPREADS.get(indicator.code) or self._default_spread(indicator)
        sign = -1.0 if indicator.direction == "lower_better" else 1.0
        effect = 0.6 * self.quality[agency.code] + 0.8 * rng.gauss(0, 1)
        if indicator.direction == "target_band":
            effect = rng.gauss(0, 1)  # inflation: regional differences, not merit
        drift = rng.gauss(0, DRIFT)
        out = {}
        for year in YEARS:
            for quarter in quarters_for(indicator):
                t = period_t(year, quarter)
                z = effect + drift * (t - 2022.5)
                level = self.national(indicator, t)
                if spread.relative:
                    value = level * math.exp(sign * spread.between * z + rng.gauss(0, spread.noise))
                else:
                    value = level + sign * spread.between * z + rng.gauss(0, spread.noise)
                out[(year, quarter)] = finish(indicator, value)
        return out

    def _default_spread(self, indicator: Indicator) -> Spread:
        if indicator.min is not None and indicator.max is not None:
            width = indicator.max - indicator.min
            return Spread(0.08 * width, 0.015 * width)
        return Spread(0.3, 0.05, relative=True)

    def _investment_shares(self) -> dict[str, float]:
        """Share of the national total per region: provinces' shares sum to 1, and each
        regency's share is a part of its province's, so regencies also sum to the nation."""

        def weight(code: str) -> float:
            return math.exp(random.Random(f"{self.seed}:invest:{code}").gauss(0, 0.9))

        provinces = [a for a in self.agencies if a.type == "PROV"]
        total = sum(weight(p.code) for p in provinces) or 1.0
        shares = {p.code: weight(p.code) / total for p in provinces}
        regencies: dict[str, list[Agency]] = {}
        for a in self.agencies:
            if a.type == "KABKOTA":
                regencies.setdefault(a.parent, []).append(a)
        for parent, members in regencies.items():
            inside = sum(weight(m.code) for m in members)
            for m in members:
                parent_share = shares.get(parent, 1.0 / max(len(provinces), 1))
                shares[m.code] = parent_share * weight(m.code) / inside
        return shares

    def _ytd_series(
        self, rng: random.Random, agency: Agency, indicator: Indicator
    ) -> dict[tuple[int, int], float]:
        """Year-to-date totals (Rp triliun): the region's share of the national annual total,
        cumulative within the year (Q1 about 22 %, Q2 47 %, Q3 72 %, Q4 the whole year)."""
        share = self.investment_share.get(agency.code, 0.0)
        out = {}
        for year in YEARS:
            annual = share * self.national(indicator, float(year)) * math.exp(rng.gauss(0, 0.08))
            for quarter in quarters_for(indicator):
                part = YTD_SHARE[quarter] + (rng.uniform(-0.02, 0.02) if quarter < 4 else 0.0)
                out[(year, quarter)] = finish(indicator, max(0.01, annual * part))
        return out


def finish(indicator: Indicator, value: float) -> float:
    """Clipped into the indicator's valid range, rounded to two decimals."""
    if indicator.min is not None:
        value = max(indicator.min, value)
    if indicator.max is not None:
        value = min(indicator.max, value)
    return round(value, 2)
