"""Observations from the database, judged by the progress method of `indicators.progress`.

The pages and the exports read statuses from here only, so screen and file always agree.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from etl.core import settings
from indicators import progress
from indicators.catalogue import Catalogue, Indicator
from indicators.path import Point
from indicators.progress import Assessment, Thresholds, assess, assess_series
from indicators.projection import category_for

# `target_used` is only an official target (a target row of the year at Q4, the period's
# band or an uploaded target) and may be empty where `expected`, the path E(t), is not; the
# achievement is measured against `achievement_basis` (`basis_source`: uploaded, ytd, band,
# path or target_row). `as_of_year`/`as_of_quarter` are the period of the observation judged,
# `lag_quarters` how far it lies before the period asked for.
ASSESSMENT_COLUMNS = [
    "roadmap",
    "achievement_pct",
    "status",
    "reason",
    "target_used",
    "target_source",
    "target_year",
    "achievement_basis",
    "basis_source",
    "expected",
    "baseline",
    "baseline_source",
    "final_target",
    "final_year",
    "progress_ratio",
    "target_below_baseline",
    "as_of_year",
    "as_of_quarter",
    "lag_quarters",
    "category",
]


def thresholds() -> Thresholds:
    return Thresholds(
        on_track=settings.get("RB_ON_TRACK_RATIO"),
        needs_acceleration=settings.get("RB_ACCELERATION_RATIO"),
    )


def category_label(catalogue: Catalogue, indicator: Indicator, value: float | None, lang="id"):
    band = (
        category_for(value, catalogue.scales.get(indicator.scale, ())) if indicator.scale else None
    )
    if band is None:
        return None
    return band.label_id if lang == "id" else band.label_en


def _components(a: Assessment) -> dict:
    return {
        "roadmap": a.roadmap,
        "achievement_pct": a.achievement,
        "status": a.status,
        "reason": a.reason,
        "target_used": a.target,
        "target_source": a.target_source,
        "target_year": a.target_year,
        "achievement_basis": a.achievement_basis,
        "basis_source": a.basis_source,
        "expected": a.expected,
        "baseline": a.baseline,
        "baseline_source": a.baseline_source,
        "final_target": a.final_target,
        "final_year": a.final_year,
        "progress_ratio": a.progress_ratio,
        "target_below_baseline": a.target_below_baseline,
        "as_of_year": a.year,
        "as_of_quarter": a.quarter,
        "lag_quarters": a.lag,
    }


def points_of(group: pd.DataFrame) -> list[Point]:
    """The points of one agency's indicator series (year, quarter, value, optional target)."""
    targets = group.target if "target" in group else [None] * len(group)
    return [
        Point(int(y), int(q), float(v), None if t is None or t != t else float(t))
        for y, q, v, t in zip(group.year, group.quarter, group.value, targets)
    ]


def series_by_key(frame: pd.DataFrame) -> dict[tuple[str, str], list[tuple[int, Point]]]:
    """(agency, indicator) → [(row index, Point)], in the frame's order. Plain Python over the
    columns once: a pandas groupby over ~8,000 small groups costs seconds."""
    out: dict[tuple[str, str], list[tuple[int, Point]]] = {}
    # Lists first: iterating a pandas (Arrow) string column item by item is five times slower.
    names = ("agency_code", "indicator_code", "year", "quarter", "value", "target")
    columns = [frame.index.tolist(), *(frame[name].tolist() for name in names)]
    for index, agency, code, y, q, v, t in zip(*columns):
        target = None if t is None or t != t else float(t)
        out.setdefault((agency, code), []).append((index, Point(int(y), int(q), float(v), target)))
    return out


def assess_frame(
    frame: pd.DataFrame, catalogue: Catalogue, limits: Thresholds | None = None
) -> pd.DataFrame:
    """Each observation judged as if it were the latest (for the observations export).

    `frame` holds every observation that matters for the rows (earlier years make baselines);
    the result has the same rows with the columns of ASSESSMENT_COLUMNS added.
    """
    limits = limits or thresholds()
    out = frame.copy()
    components: dict[int, dict] = {}
    for (agency, code), indexed in series_by_key(frame).items():
        indicator = catalogue.indicators.get(code)
        if indicator is None:
            continue
        points = [point for _, point in indexed]
        by_roadmap: dict[str, dict] = {}
        for index, point in indexed:
            roadmap = catalogue.roadmap_for(point.year)
            if roadmap is None:
                components[index] = {"status": "no_status", "reason": "outside_roadmap"}
            else:
                if roadmap.code not in by_roadmap:
                    targets = catalogue.targets_for(roadmap.code, code, agency)
                    by_roadmap[roadmap.code] = {
                        (a.year, a.quarter): a
                        for a in assess_series(
                            indicator, roadmap, targets, points, thresholds=limits
                        )
                    }
                found = by_roadmap[roadmap.code].get((point.year, point.quarter))
                components[index] = _components(found) if found else {"status": "no_data"}
            components[index]["category"] = category_label(catalogue, indicator, point.value)
    extra = pd.DataFrame.from_dict(components, orient="index").reindex(columns=ASSESSMENT_COLUMNS)
    for column in ASSESSMENT_COLUMNS:
        out[column] = extra[column] if len(extra) else None
    return out


def latest_assessments(
    frame: pd.DataFrame,
    catalogue: Catalogue,
    roadmap_code: str,
    at: tuple[int, int],
    pairs: Iterable[tuple[str, str]] = (),
    limits: Thresholds | None = None,
) -> pd.DataFrame:
    """Per agency and indicator, the status as of period `at` in one road map.

    `pairs` adds (agency, indicator) pairs that should have reported but have no observation,
    so they show as `no_data` rather than disappear.
    """
    limits = limits or thresholds()
    roadmap = catalogue.roadmaps[roadmap_code]
    rows = []
    seen = set()
    for (agency, code), indexed in series_by_key(frame).items():
        indicator = catalogue.indicators.get(code)
        if indicator is None:
            continue
        seen.add((agency, code))
        targets = catalogue.targets_for(roadmap.code, code, agency)
        points = [point for _, point in indexed]
        a = assess(indicator, roadmap, targets, points, thresholds=limits, at=at)
        rows.append(
            {
                "agency_code": agency,
                "indicator_code": code,
                "year": a.year,
                "quarter": a.quarter,
                "value": a.value,
                **_components(a),
                "category": category_label(catalogue, indicator, a.value),
            }
        )
    for agency, code in pairs:
        if (agency, code) not in seen:
            rows.append(
                {
                    "agency_code": agency,
                    "indicator_code": code,
                    "status": "no_data",
                    "roadmap": roadmap.code,
                }
            )
    columns = ["agency_code", "indicator_code", "year", "quarter", "value", *ASSESSMENT_COLUMNS]
    return pd.DataFrame(rows, columns=columns)


def projection_for(
    catalogue: Catalogue, roadmap_code: str, agency: str, code: str, group: pd.DataFrame
):
    """Where the indicator is heading by the road map's end (least squares, last eight points)."""
    roadmap = catalogue.roadmaps[roadmap_code]
    indicator = catalogue.indicators[code]
    targets = catalogue.targets_for(roadmap_code, code, agency)
    return progress.project(indicator, roadmap, targets, points_of(group))
