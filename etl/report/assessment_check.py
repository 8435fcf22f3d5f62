"""Whether the stored results (etl.store.assessments, etl.store.national_figures) equal what the
live computation from the current observations gives, row by row: `python -m etl assess` and
the tests run it."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pandas as pd
from sqlalchemy import Engine

from etl.report import national
from etl.report.assessments import assess_frame
from etl.store import assessments as stored
from etl.store import national_figures
from etl.store.catalogue import load_catalogue
from etl.store.queries import current_observations

# The national figure's own columns beside the judgement's.
FIGURE = [c for c in national_figures.FIGURE if c not in ("year", "quarter")]


def differences(engine: Engine, limit: int = 50) -> tuple[int, list[str]]:
    """(how many rows differ, up to `limit` lines saying how). Rows built under other settings
    count as one difference: they are not read, so nothing else is compared."""
    with engine.connect() as conn:
        if not stored.is_current(conn):
            return 1, [
                "Hasil tersimpan belum dibangun dengan setelan ini / the stored results were not "
                "built under these settings: run `python -m etl assess --rebuild`"
            ]
        agency_rows = stored.stored_rows(conn)
        national_rows = national_figures.stored_series(conn)
    catalogue = load_catalogue(engine)
    frame = current_observations(engine)
    live = assess_frame(frame, catalogue)
    live = live[live.indicator_code.isin(list(catalogue.indicators))]
    lines: list[str] = []
    count = 0
    for line in _compare(
        "assessment", _keyed(live, ("agency_code", "indicator_code", "year", "quarter")),
        {tuple(r[k] for k in stored.KEY): r for r in agency_rows}, ["value", *stored.STORED],
    ):  # fmt: skip
        count += 1
        if len(lines) < limit:
            lines.append(line)
    for line in _compare(
        "national_assessment", _keyed(_live_national(frame, catalogue), ("indicator_code", "year", "quarter")),
        {(r["indicator"], r["year"], r["quarter"]): r for r in national_rows}, [*FIGURE, *stored.STORED],
    ):  # fmt: skip
        count += 1
        if len(lines) < limit:
            lines.append(line)
    return count, lines


def _live_national(frame: pd.DataFrame, catalogue) -> pd.DataFrame:
    """Every indicator's national series with each figure judged, as national_table does."""
    every = national.every_series(frame, catalogue)
    if every is None:
        return pd.DataFrame(columns=["indicator_code", "year", "quarter", *FIGURE])
    valued = every.dropna(subset=["value"]).reset_index(drop=True)
    judged = assess_frame(valued, catalogue)
    keys = ["indicator_code", "year", "quarter"]
    return every.merge(judged[[*keys, *stored.STORED]], on=keys, how="left")


def _keyed(frame: pd.DataFrame, key: tuple[str, ...]) -> dict[tuple, dict]:
    return {tuple(r[k] for k in key): r for r in frame.to_dict("records")}


def _compare(name: str, live: dict, kept: dict, columns: list[str]) -> Iterator[str]:
    for key in sorted(set(live) | set(kept), key=str):
        if key not in kept:
            yield f"{name} {'/'.join(map(str, key))}: tidak tersimpan / missing from the store"
        elif key not in live:
            yield f"{name} {'/'.join(map(str, key))}: tersimpan, tidak dihitung / stored, not computed"
        else:
            wrong = [
                f"{c} {kept[key][c]!r} ≠ {live[key][c]!r}"
                for c in columns
                if not _same(live[key][c], kept[key][c])
            ]
            if wrong:
                yield f"{name} {'/'.join(map(str, key))}: " + "; ".join(wrong)


def _missing(value) -> bool:
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def _same(a, b) -> bool:
    if _missing(a) or _missing(b):
        return _missing(a) and _missing(b)
    if isinstance(a, bool | str) or isinstance(b, bool | str):
        return a == b
    try:
        return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)
    except (TypeError, ValueError):
        return a == b
