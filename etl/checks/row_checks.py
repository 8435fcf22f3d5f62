"""Checks across the rows of a file: the same key twice, and values far from the agency's own
history (robust z-score, as the upload format page defines it)."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable

from etl.core.issues import Issue
from etl.core.rows import ValidRow

Key = tuple[str, str, int, int]
# (agency, indicator) → [(year, quarter, value)] of the stored current values.
HistoryLookup = Callable[[Iterable[tuple[str, str]]], dict[tuple[str, str], list]]


def fmt(number: float | None) -> str:
    if number is None:
        return "∞"
    return f"{number:g}"


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


def is_outlier(value: float, earlier: list[float]) -> tuple[bool, float | None]:
    """Robust z-score test against the agency's own earlier values (spec: 'far from history')."""
    if len(earlier) < OUTLIER_MIN_HISTORY:
        return (False, None)
    median = statistics.median(earlier)
    mad = statistics.median(abs(v - median) for v in earlier)
    if mad == 0:
        return (abs(value - median) > OUTLIER_FLAT_SHARE * abs(median), median)
    return (abs(0.6745 * (value - median) / mad) > OUTLIER_Z, median)


def flag_outliers(rows: list[ValidRow], history: HistoryLookup, issues: list[Issue]) -> None:
    stored = history({(r.agency, r.indicator) for r in rows})
    for row in rows:
        past = stored.get((row.agency, row.indicator), ())
        if len(past) < OUTLIER_MIN_HISTORY:
            continue  # a first upload: nothing to compare with (is_outlier would say so)
        earlier = [v for (y, q, v) in past if (y, q) < (row.year, row.quarter)]
        far, median = is_outlier(row.value, earlier)
        if far:
            issues.append(
                Issue.make(
                    "value_outlier",
                    sheet=row.sheet,
                    cell=row.cell,
                    row=_row_number(row.cell),
                    value=fmt(row.value),
                    median=fmt(median),
                )
            )
