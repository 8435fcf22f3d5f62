"""The review queue's table: each value the waiting submissions would make official with what a
reviewer needs to judge it (issue 17): the indicator's name and unit, the official value it
replaces, the official value of the period before and the last official quarters as a trend,
the agency's target for the period, the notes and evidence link of the file, and the warnings
the checks raised on it; and the filters that narrow the queue (ui.review_filters)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from etl.access import review
from etl.checks.periods import provisional_warnings
from etl.core import clock
from indicators.catalogue import Catalogue
from indicators.progress import period_target
from ui import data, tables
from ui.i18n import lang, number, period_label, pick, t, unit_text

TREND = 8  # official quarters a value's sparkline shows: two years, enough to see a jump
KEY = ["submission_id", "agency", "indicator", "year", "quarter"]


def _target(catalogue: Catalogue, agency: str, indicator, year: int, quarter: int):
    """The agency's official target of the period, by the template's rule; None when none is
    known (never a point of the path, never the national one unless it applies)."""
    roadmap = catalogue.roadmap_for(year)
    if roadmap is None or indicator is None:
        return None
    own = catalogue.targets_for(roadmap.code, indicator.code, agency)
    return period_target(indicator, roadmap, own, year, quarter)


def _warnings_by_cell(issues: list[dict]) -> dict[tuple, dict[str, str]]:
    """The stored warnings of the file by the cell they point at: code → text in the reader's
    language."""
    out: dict[tuple, dict[str, str]] = {}
    for issue in issues:
        if issue.get("severity") == "error" or not issue.get("cell"):
            continue
        text = issue["message_id"] if lang() == "id" else issue["message_en"]
        out.setdefault((issue.get("sheet"), issue["cell"]), {})[issue.get("code")] = text
    return out


def _provisional(indicator, year: int, quarter: int, sent: dt.date, stored) -> list[str]:
    """The provisional warnings by their one rule (etl.checks.periods), per value: a file says
    each only once, at its first cell, and there the stored text says it already."""
    if indicator is None:
        return []
    found = provisional_warnings(indicator, (year, quarter), sent)
    return [t(f"warn_{code}") for code, _ in found if code not in stored]


def _history(engine, ids: list[int]) -> dict[tuple, list[tuple[int, int, float]]]:
    """Each value's earlier official values (year, quarter, value; oldest first), by its key:
    plain tuples, read once (a national file waiting holds thousands of values)."""
    earlier = review.earlier_official(engine, ids)
    out: dict[tuple, list[tuple[int, int, float]]] = {}
    for row in earlier.itertuples(index=False):
        key = tuple(getattr(row, k) for k in KEY)
        out.setdefault(key, []).append((row.prev_year, row.prev_quarter, row.prev_value))
    return out


def queue_values(engine, catalogue: Catalogue, waiting: pd.DataFrame) -> pd.DataFrame:
    """One row per value of the waiting submissions, under internal names: the codes and period
    the filters read (submission_id, agency, indicator, year, quarter) and what is shown."""
    ids = [int(i) for i in waiting.id]
    values = review.submission_changes(engine, ids)
    if values.empty:
        return values
    sent = {int(i): clock.local_date(pd.Timestamp(at).to_pydatetime()) for i, at in zip(waiting.id, waiting.uploaded_at)}  # fmt: skip
    history = _history(engine, ids)
    issues = review.submission_issues(engine, ids)
    by_cell = {sid: _warnings_by_cell(found) for sid, found in issues.items()}
    rows = []
    for v in values.itertuples(index=False):
        ind = catalogue.indicators.get(v.indicator)
        name = pick(ind.name_id, ind.name_en) if ind else ""
        earlier = history.get(tuple(getattr(v, k) for k in KEY))
        previous, trend = None, []
        if earlier:
            year, quarter, value = earlier[-1]
            previous = f"{number(value, 2)} ({period_label(int(year), int(quarter))})"
            trend = [float(e[2]) for e in earlier[-(TREND - 1) :]] + [float(v.value)]
        stored = by_cell.get(v.submission_id, {}).get((v.sheet, v.cell), {})
        warnings = [*stored.values(),
                    *_provisional(ind, v.year, v.quarter, sent[v.submission_id], stored)]  # fmt: skip
        rows.append({
            "submission_id": v.submission_id, "agency": v.agency, "indicator": v.indicator,
            "year": v.year, "quarter": v.quarter,
            "name": f"{v.indicator} · {name}" if name else v.indicator,
            "period": period_label(v.year, v.quarter),
            "value": v.value,
            "unit": unit_text(v.unit or (ind.unit if ind else None)),
            "old_value": None if pd.isna(v.old_value) else v.old_value,
            "previous": previous,
            # The official quarters before it, then the value sent: the jump a reviewer weighs.
            "trend": trend,
            "target": _target(catalogue, v.agency, ind, v.year, v.quarter),
            "warnings": " · ".join(dict.fromkeys(warnings)),
            "notes": v.notes or None,
            "evidence": v.evidence_url or None,
            "file_target": None if pd.isna(v.target) else v.target,
            "cell": "!".join(p for p in (v.sheet, v.cell) if p) or None,
        })  # fmt: skip
    return pd.DataFrame(rows)


@st.cache_data(ttl=data.TTL, max_entries=8, show_spinner=False)
def _cached_queue(db: tuple, waiting: pd.DataFrame, language: str) -> pd.DataFrame:
    return queue_values(data.engine(), data.catalogue(db), waiting)


def cached_queue(waiting: pd.DataFrame) -> pd.DataFrame:
    """The queue's values, computed once per data version (every upload and decision makes a
    new one) and language: a national file waiting holds thousands of values (33 files of
    the demo's largest, 43,540 values: 6 s a run), and every click on the page runs it again."""
    return _cached_queue(data.key(), waiting, lang())


# Shown columns (internal name → text key), in the order a reviewer weighs them: the value and
# what it replaces, the trend, the warnings, the target, then the notes explaining them.
SHOWN = {
    "submission_id": "submission", "name": "indicator", "period": "period",
    "value": "new_value", "unit": "unit", "old_value": "old_value",
    "previous": "previous_period_value", "trend": "trend_official", "warnings": "warnings",
    "target": "target", "notes": "notes", "evidence": "evidence",
    "file_target": "file_target", "agency": "agency", "cell": "cell",
}  # fmt: skip


def reader_frame(values: pd.DataFrame, *, with_submission: bool) -> pd.DataFrame:
    """The values under the reader's headers; the submission's number only when several are
    shown together."""
    columns = [c for c in SHOWN if with_submission or c != "submission_id"]
    return values[columns].rename(columns={c: t(SHOWN[c]) for c in columns})


def show_values(values: pd.DataFrame, *, with_submission: bool) -> None:
    if values.empty:
        return
    warned = int((values.warnings != "").sum())
    if warned:
        st.warning(t("review_warned", n=warned), icon=":material/warning:")
    frame = reader_frame(values, with_submission=with_submission)
    trend = t("trend_official")
    tables.show(
        frame, hide_index=True, key="pending_values", width="stretch",
        numbers={t(c): 2 for c in ("new_value", "old_value", "target", "file_target")},
        column_config={
            t("evidence"): st.column_config.LinkColumn(t("evidence")),
            trend: st.column_config.LineChartColumn(
                trend, help=t("trend_help", n=TREND), width="medium"
            ),
            t("submission"): st.column_config.NumberColumn(t("submission"), format="%d"),
            t("warnings"): st.column_config.TextColumn(t("warnings"), width="large"),
        },
    )  # fmt: skip


def show_targets(targets: pd.DataFrame, *, with_submission: bool) -> None:
    """The chosen submissions' own targets (a Target sheet), beside the official ones they
    would replace."""
    if targets.empty:
        return
    if not with_submission:
        targets = targets.drop(columns="submission_id")
    targets = targets.assign(kind=[t(k) for k in targets.kind])  # baseline | target
    words = {"submission_id": "submission", "agency": "agency", "indicator": "indicator",
             "roadmap": "roadmap", "year": "year", "kind": "kind", "old_value": "old_target",
             "value": "target", "low": "target_low", "high": "target_high", "source": "source",
             "sheet": "sheet", "cell": "cell"}  # fmt: skip
    tables.show(
        targets, hide_index=True, key="pending_targets", width="stretch",
        numbers=dict.fromkeys(("old_value", "value", "low", "high"), 2),
        column_config={c: t(w) for c, w in words.items()},
    )  # fmt: skip
