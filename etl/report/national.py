"""National figures per period: the official observation of agency `ID` when there is one,
else the catalogue's roll-up over the agencies that reported (`indicators.rollup`), only when
they cover at least RB_MIN_COVERAGE of the agencies that had to report."""

from __future__ import annotations

import pandas as pd
from sqlalchemy import Engine

from etl.core import settings
from etl.report.assessments import LATEST_COLUMNS, latest_assessments, unjudged
from etl.store import assessments as stored
from etl.store import national_figures
from etl.store.assessments import STORED
from indicators.catalogue import NATIONAL, Catalogue
from indicators.progress import shown_as_of
from indicators.rollup import Official, national_series_rows, rollup_types

# `value` is NaN on an `insufficient` row: the period had too few reports for a figure, and
# `n` of `m` says how many ("12 dari 38 provinsi melapor"). `computed` is True only for a
# figure rolled up from the agencies, never for the official one. `source` is where the figure
# came from (official, computed, insufficient); `reference` and `confidence` are the published
# source and its confidence of an official figure (data/reference/rb/national_actuals.csv), or
# for a computed one the roll-up in words; `demo` marks a figure holding demo values.
COLUMNS = list(national_figures.FIGURE)


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
    national = frame[frame.agency_code == NATIONAL]
    official = {
        (int(y), int(q)): Official(float(v), _text(n), _text(c), s == "demo")
        for y, q, v, n, c, s in zip(
            national.year, national.quarter, national.value, national.get("notes", [""] * len(national)),
            national.get("confidence", [""] * len(national)), national.get("source", [""] * len(national)),
        )
    }  # fmt: skip
    level = frame[frame.agency_code.map(lambda a: catalogue.agencies[a].type in types)]
    values = {
        (int(y), int(q)): list(group) for (y, q), group in level.groupby(["year", "quarter"]).value
    }
    rows = national_series_rows(
        indicator, catalogue.agencies.values(), official, values, _demo_periods(level), coverage
    )
    return pd.DataFrame(rows, columns=COLUMNS)


def every_series(frame: pd.DataFrame, catalogue: Catalogue) -> pd.DataFrame | None:
    """Every indicator's national series in one frame (`indicator_code`, agency `ID`), from the
    current observations of all agencies; None when no indicator has one."""
    codes = set(frame.indicator_code)
    full = [
        national_series(frame[frame.indicator_code == code], catalogue, code).assign(
            indicator_code=code, agency_code=NATIONAL, target=None
        )
        for code in catalogue.indicators
        if code in codes
    ]
    full = [s for s in full if len(s)]
    return pd.concat(full, ignore_index=True) if full else None


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


def stored_series(engine: Engine) -> dict[str, pd.DataFrame] | None:
    """Every indicator's national series (the frame of `national_series`) as stored with the
    data (etl.store.national_figures); None when not built under this process's settings."""
    with engine.connect() as conn:
        if not stored.is_current(conn):
            return None
        rows = national_figures.stored_series(conn)
    frame = pd.DataFrame(rows, columns=["indicator", *national_figures.FIGURE])
    frame["value"] = frame.value.astype(float)
    return {
        code: group[COLUMNS].reset_index(drop=True)
        for code, group in frame.rename(columns={"indicator": "_code"}).groupby("_code")
    }


def stored_statuses(
    engine: Engine, catalogue: Catalogue, roadmap: str, at: tuple[int, int]
) -> pd.DataFrame | None:
    """What `national_statuses` computes, from the stored national rows: each indicator's
    latest judged figure of the road map at or before `at`, shown as of `at`; None when the
    rows were not built under this process's settings."""
    with engine.connect() as conn:
        if not stored.is_current(conn):
            return None
        rows = national_figures.stored_series(conn)
    latest: dict[str, dict] = {}
    seen = set()
    for r in rows:
        if r["value"] is None:
            continue
        seen.add(r["indicator"])
        if r["roadmap"] == roadmap and (r["year"], r["quarter"]) <= at:
            latest[r["indicator"]] = r  # rows come in period order: the last is the latest
    out = []
    for code, indicator in catalogue.indicators.items():
        r = latest.get(code)
        base = {"agency_code": NATIONAL, "indicator_code": code, "roadmap": roadmap}
        if r is None:
            out.append({**unjudged(NATIONAL, code, roadmap, observed=code in seen), "computed": False})  # fmt: skip
            continue
        observed = (r["year"], r["quarter"])
        status, reason, lag = shown_as_of(indicator, at, observed, r["status"], r["reason"])
        out.append(
            {
                **base, **{c: r[c] for c in ("year", "quarter", "value", *STORED)},
                "status": status, "reason": reason, "as_of_year": observed[0],
                "as_of_quarter": observed[1], "lag_quarters": lag,
                "computed": bool(r["computed"]), "n": r["n"], "m": r["m"],
            }
        )  # fmt: skip
    return pd.DataFrame(out, columns=[*LATEST_COLUMNS, "computed", "n", "m"])
