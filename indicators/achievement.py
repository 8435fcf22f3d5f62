"""Achievement (capaian) of one observation against a period's target.

See ../shared/spec/progress-method.md, section "Achievement". Values are returned unrounded:
rounding to one decimal is the screen's business.
"""

from __future__ import annotations

import math

from indicators.catalogue import DIRECTIONS
from indicators.path import Band


def _check(direction: str) -> None:
    if direction not in DIRECTIONS:
        raise ValueError(f"unknown direction {direction!r}: expected one of {DIRECTIONS}")


def band_distance(value: float, band: Band) -> float:
    """How far a value lies outside a band (0 inside it)."""
    low, high = band
    return max(low - value, value - high, 0.0)


def meets_target(direction: str, value: float, target: float, band: Band | None = None) -> bool:
    """Whether a value meets a target, direction-aware.

    A band is met at its lenient bound on a higher/lower-better indicator (a poverty range
    7.0-8.0 is met at 8.0) and only inside it on a `target_band` indicator.
    """
    _check(direction)
    if direction == "higher_better":
        return value >= (band[0] if band else target)
    if direction == "lower_better":
        return value <= (band[1] if band else target)
    if band:
        return band[0] <= value <= band[1]
    return math.isclose(value, target, rel_tol=1e-9, abs_tol=1e-12)


def achievement(direction: str, value: float, target: float, band: Band | None = None) -> float:
    """100 × how far `value` goes toward `target`; `band` counts only for `target_band`.

    Written with |T| so that a negative target (a WGI score) keeps the direction; for T > 0 it
    is exactly 100·v/T and 100·(2T − v)/T. Never below 0: a negative share of a target means
    nothing to a reader.
    """
    _check(direction)
    if direction == "target_band" and band is not None and band[1] > band[0]:
        width = band[1] - band[0]
        return max(0.0, 100.0 * (1.0 - band_distance(value, band) / width))
    if target == 0:
        return 100.0 if meets_target(direction, value, target, band) else 0.0
    gap = (value - target) / abs(target)
    if direction == "higher_better":
        raw = 1.0 + gap
    elif direction == "lower_better":
        raw = 1.0 - gap
    else:
        raw = 1.0 - abs(gap)
    return max(0.0, 100.0 * raw)
