"""Checks across the rows of a file: the same key twice, and values far from the agency's own
history, trend included (Theil–Sen line and robust z-score, as upload-format.md defines it)."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable

from etl.core.issues import Issue, Number
from etl.core.rows import ValidRow
from indicators.path import period_t

Key = tuple[str, str, int, int]
# (agency, indicator) → [(year, quarter, value)] of the stored current values.
HistoryLookup = Callable[[Iterable[tuple[str, str]]], dict[tuple[str, str], list]]


def fmt(number: float | None) -> Number:
    """A number for an issue's message, in each language's notation (None: an open bound)."""
    return Number(number)


def deduplicate(rows: list[ValidRow], issues: list[Issue]) -> list[ValidRow]:
    first: dict[Key, ValidRow] = {}
    kept: list[ValidRow] = []
    for row in rows:
        key = (row.agency, row.indicator, row.year, row.quarter)
        earlier = first.get(key)
        if earlier is None:
            first[key] = row
            kept.append(row)
            continue
        same = earlier.value == row.value and earlier.target == row.target
        issues.append(
            Issue.make(
                "duplicate_same" if same else "duplicate_conflict",
                sheet=row.sheet,
                cell=row.cell,
                row=_row_number(row.cell),
                value=fmt(row.value),
                agency=row.agency,
                indicator=row.indicator,
                year=row.year,
                quarter=row.quarter,
                other=fmt(earlier.value),
                first=earlier.cell,
            )
        )
    return kept


def _row_number(cell: str) -> int:
    return int("".join(ch for ch in cell if ch.isdigit()))


OUTLIER_Z = 3.5
OUTLIER_FLAT_SHARE = 0.10
OUTLIER_MIN_HISTORY = 4


def theil_sen(points: list[tuple[float, float]]) -> tuple[float, float]:
    """(slope, intercept) of the Theil–Sen line: the median of the pairwise slopes, then the
    median of v − slope·t. Robust: one wild earlier value does not tilt it."""
    slopes = [
        (v2 - v1) / (t2 - t1)
        for i, (t1, v1) in enumerate(points)
        for t2, v2 in points[i + 1 :]
        if t2 != t1
    ]
    slope = statistics.median(slopes) if slopes else 0.0
    return slope, statistics.median(v - slope * t for t, v in points)


def is_outlier(
    value: float, at: float, earlier: list[tuple[float, float]]
) -> tuple[bool, float | None]:
    """The value at time `at` against the agency's own earlier (t, value) points, trend
    included (upload-format.md): the Theil–Sen line predicts the value; it is far when its
    residual lies more than OUTLIER_Z robust z-scores from the earlier residuals, or, when those
    do not vary (MAD 0), more than 10 % from the prediction. Returns (far, prediction)."""
    if len(earlier) < OUTLIER_MIN_HISTORY:
        return (False, None)
    slope, intercept = theil_sen(earlier)
    predicted = intercept + slope * at
    residuals = [v - (intercept + slope * t) for t, v in earlier]
    median = statistics.median(residuals)
    mad = statistics.median(abs(r - median) for r in residuals)
    residual = value - predicted
    if mad == 0:
        return (abs(residual) > OUTLIER_FLAT_SHARE * abs(predicted), predicted)
    return (abs(0.6745 * (residual - median) / mad) > OUTLIER_Z, predicted)


def flag_outliers(
    rows: list[ValidRow],
    history: HistoryLookup,
    issues: list[Issue],
    ytd: frozenset[str] = frozenset(),
) -> None:
    """Warn at each value far from its agency's own earlier values. A year-to-date indicator
    (`ytd`: a running total that restarts every January) is compared with the same quarter of
    earlier years only: a line through its quarterly sawtooth predicts nothing."""
    stored = history({(r.agency, r.indicator) for r in rows})
    for row in rows:
        past = stored.get((row.agency, row.indicator), ())
        if row.indicator in ytd:
            past = [p for p in past if p[1] == row.quarter]
        if len(past) < OUTLIER_MIN_HISTORY:
            continue  # a first upload: nothing to compare with (is_outlier would say so)
        earlier = [(period_t(y, q), v) for (y, q, v) in past if (y, q) < (row.year, row.quarter)]
        far, predicted = is_outlier(row.value, period_t(row.year, row.quarter), earlier)
        if far:
            issues.append(
                Issue.make(
                    "value_outlier",
                    sheet=row.sheet,
                    cell=row.cell,
                    row=_row_number(row.cell),
                    value=fmt(row.value),
                    expected=fmt(predicted and round(predicted, 4)),
                )
            )
