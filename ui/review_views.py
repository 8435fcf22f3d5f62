"""The review queue's table: each value a submission would make official with what a reviewer
needs to judge it (issue 17): the indicator's name and unit, the official value it replaces,
the official value of the period before, the agency's target for the period, the notes and
evidence link of the file, and the warnings the checks raised on it."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from etl.access import review
from etl.checks.periods import provisional_warnings
from indicators.catalogue import Catalogue
from indicators.progress import period_target
from ui import tables
from ui.i18n import lang, number, period_label, pick, t


def _target(catalogue: Catalogue, agency: str, indicator, year: int, quarter: int):
    """The agency's official target of the period, by the template's rule; None when none is
    known (never a point of the path, never the national one unless it applies)."""
    roadmap = catalogue.roadmap_for(year)
    if roadmap is None or indicator is None:
        return None
    own = catalogue.targets_for(roadmap.code, indicator.code, agency)
    return period_target(indicator, roadmap, own, year, quarter)


def _warnings_by_cell(issues: list[dict]) -> dict[tuple, list[str]]:
    """The stored warnings of the file by the cell they point at, in the reader's language."""
    out: dict[tuple, list[str]] = {}
    for issue in issues:
        if issue.get("severity") == "error" or not issue.get("cell"):
            continue
        text = issue["message_id"] if lang() == "id" else issue["message_en"]
        out.setdefault((issue.get("sheet"), issue["cell"]), []).append(text)
    return out


def _provisional(indicator, year: int, quarter: int, sent: dt.date) -> list[str]:
    """The provisional warnings by their one rule (etl.checks.periods), per value: a file says
    each only once, at its first cell."""
    if indicator is None:
        return []
    return [t(f"warn_{code}") for code, _ in provisional_warnings(indicator, (year, quarter), sent)]


def queue_frame(engine, catalogue: Catalogue, submission_id: int, sent: dt.date) -> pd.DataFrame:
    values = review.submission_changes(engine, submission_id)
    before = review.previous_official(engine, submission_id)
    key = ["agency", "indicator", "year", "quarter"]
    if len(values):
        values = values.merge(before, on=key, how="left")
    by_cell = _warnings_by_cell(review.submission_issues(engine, submission_id))
    rows = []
    for v in values.itertuples(index=False):
        ind = catalogue.indicators.get(v.indicator)
        name = pick(ind.name_id, ind.name_en) if ind else ""
        previous = None
        if pd.notna(v.prev_value):
            previous = (
                f"{number(v.prev_value, 2)} ({period_label(int(v.prev_year), int(v.prev_quarter))})"
            )
        warnings = [*by_cell.get((v.sheet, v.cell), []),
                    *_provisional(ind, v.year, v.quarter, sent)]  # fmt: skip
        # What a reviewer weighs first comes first; the warnings before the notes explaining them.
        rows.append({
            t("indicator"): f"{v.indicator} · {name}" if name else v.indicator,
            t("period"): period_label(v.year, v.quarter),
            t("new_value"): v.value,
            t("unit"): v.unit or (ind.unit if ind else ""),
            t("old_value"): None if pd.isna(v.old_value) else v.old_value,
            t("previous_period_value"): previous,
            t("target"): _target(catalogue, v.agency, ind, v.year, v.quarter),
            t("warnings"): " · ".join(dict.fromkeys(warnings)),
            t("notes"): v.notes or "",
            t("evidence"): v.evidence_url or None,
            t("file_target"): None if pd.isna(v.target) else v.target,
            t("agency"): v.agency,
            t("cell"): "!".join(p for p in (v.sheet, v.cell) if p),
        })  # fmt: skip
    return pd.DataFrame(rows)


def show_queue(engine, catalogue: Catalogue, submission_id: int, sent: dt.date) -> None:
    frame = queue_frame(engine, catalogue, submission_id, sent)
    if frame.empty:
        return
    warned = int((frame[t("warnings")] != "").sum())
    if warned:
        st.warning(t("review_warned", n=warned), icon=":material/warning:")
    tables.show(
        frame, hide_index=True, key="pending_values", width="stretch",
        numbers={t(c): 2 for c in ("new_value", "old_value", "target", "file_target")},
        column_config={t("evidence"): st.column_config.LinkColumn(t("evidence"))},
    )  # fmt: skip
