"""National figures per period: the official observation of agency `ID` when there is one,
else the catalogue's roll-up over the agencies that reported (`indicators.rollup`), only when
they cover at least RB_MIN_COVERAGE of the agencies that had to report."""

from __future__ import annotations

import pandas as pd

from etl.core import settings
from etl.report.assessments import latest_assessments
from indicators.catalogue import NATIONAL, Catalogue
from indicators.rollup import national_figure, rollup_types

# `value` is NaN on an `insufficient` row: the period had too few reports for a figure, and
# `n` of `m` says how many ("12 dari 38 provinsi melapor"). `computed` is True only for a
# figure rolled up from the agencies, never for the official one. `source` is where the figure
# came from (official, computed, insufficient); `reference` and `confidence` are the published
# source and its confidence of an official figure (data/reference/rb/national_actuals.csv), or
# for a computed one the roll-up in words; `demo` marks a figure holding demo values.
COLUMNS = [
    "year", "quarter", "value", "source", "computed", "n", "m", "reference", "confidence", "demo",
]  # fmt: skip


def min_coverage() -> float:
    return settings.get("RB_MIN_COVERAGE")


def national_series(
    frame: pd.DataFrame, catalogue: Catalogue, code: str, coverage: float | None = None
) -> pd.DataFrame:
    """`frame`: current observations of indicator `code` (all agencies, as from
    `etl.store.queries.current_observations`). One row per period with where the figure came from
    ("official", "computed" from n of m agencies, or "insufficient" with no value)."""
    indicator = catalogue.indicators[code]
    coverage = min_coverage() if coverage is None else coverage
    if frame.empty:
        return pd.DataFrame(columns=COLUMNS)
    types = rollup_types(indicator)
    members = [a for a in catalogue.agencies.values() if a.code != NATIONAL and a.type in types]
    national = frame[frame.agency_code == NATIONAL].set_index(["year", "quarter"])
    official = national.value
    level = frame[frame.agency_code.map(lambda a: catalogue.agencies[a].type in types)]
    values = {period: list(group) for period, group in level.groupby(["year", "quarter"]).value}
    demo = _demo_periods(level)
    rows = []
    for period in sorted(set(values) | set(official.index)):
        # Who had to report is who existed then (ministries change with cabinets).
        expected = sum(a.exists_in(*period) for a in members)
        figure = national_figure(
            indicator, official.get(period), values.get(period, []), expected, coverage
        )
        if figure.source == "none":
            continue
        value = float("nan") if figure.value is None else figure.value
        if figure.source == "official":
            row = national.loc[period]
            about = (
                _text(row.get("notes")),
                _text(row.get("confidence")),
                row.get("source") == "demo",
            )
        elif figure.computed:
            # A computed figure is as sure as its roll-up: said in words, never as "high".
            words = (
                f"{figure.describe('id')} ({indicator.national_rollup}) / {figure.describe('en')}"
            )
            about = (words, "computed", demo.get(period, False))
        else:
            about = (f"{figure.describe('id')} / {figure.describe('en')}", "", False)
        rows.append((*period, value, figure.source, figure.computed, figure.n, figure.m, *about))
    return pd.DataFrame(rows, columns=COLUMNS)


def _text(value) -> str:
    return value if isinstance(value, str) else ""


def _demo_periods(level: pd.DataFrame) -> dict[tuple[int, int], bool]:
    """Periods where any agency value is a demo value (a roll-up of them is demo too)."""
    if "source" not in level or level.empty:
        return {}
    flags = level.source.eq("demo").groupby([level.year, level.quarter]).any()
    return {(int(y), int(q)): bool(f) for (y, q), f in flags.items()}


def national_statuses(
    series: dict[str, pd.DataFrame], catalogue: Catalogue, roadmap: str, at: tuple[int, int]
) -> pd.DataFrame:
    """The status of each indicator's national figure as of the period, from the series of
    `national_series` by indicator code. `computed`, `n` and `m` say where the judged figure
    came from, so a status drawn from a computed figure is labelled as such."""
    frames = [
        s.dropna(subset=["value"]).assign(agency_code=NATIONAL, indicator_code=code, target=None)
        for code, s in series.items()
        if len(s)
    ]
    frames = [f for f in frames if len(f)]
    columns = ["agency_code", "indicator_code", "year", "quarter", "value", "target"]
    frame = pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)
    pairs = [(NATIONAL, code) for code in catalogue.indicators]
    judged = latest_assessments(frame, catalogue, roadmap, at=at, pairs=pairs)
    source = {
        (code, int(y), int(q)): (bool(c), int(n), int(m))
        for code, s in series.items()
        for y, q, c, n, m in zip(s.year, s.quarter, s.computed, s.n, s.m)
    }
    origin = [
        source.get((code, int(y), int(q))) if y == y and y is not None else None
        for code, y, q in zip(judged.indicator_code, judged.year, judged.quarter)
    ]
    judged["computed"] = [bool(o and o[0]) for o in origin]
    judged["n"] = [o[1] if o else None for o in origin]
    judged["m"] = [o[2] if o else None for o in origin]
    return judged
