"""A value's history on the agency page (issue 17): every revision of one indicator (who, when,
old → new, in force, superseded or returned) and the original file each came from, downloaded
as it was sent, with the download in the audit trail."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.store.submissions import original_file
from indicators.catalogue import Agency, Catalogue
from ui import auth, data, state, tables
from ui.i18n import datetime_label, number, period_label, pick, t


def _state(row) -> str:
    if row.review == "returned":
        return t("history_returned")
    if row.review == "pending":
        return t("history_pending")
    if pd.notna(row.superseded_at):
        return t("history_superseded", file=row.superseded_by_file or "–")
    return t("history_in_force")


def revisions(frame: pd.DataFrame) -> pd.DataFrame:
    """The revisions as the reader reads them, newest first."""
    frame = frame.iloc[::-1]
    return pd.DataFrame(
        {
            t("period"): [period_label(int(y), int(q)) for y, q in zip(frame.year, frame.quarter)],
            t("value"): [number(v) for v in frame.value],
            t("history_recorded"): [datetime_label(v) for v in frame.recorded_at],
            t("history_by"): frame.recorded_by.to_numpy(),
            t("history_file"): frame.file_name.to_numpy(),
            t("history_cell"): [f"{s}!{c}" if s else "–" for s, c in zip(frame.sheet, frame.cell)],
            t("history_state"): [_state(r) for r in frame.itertuples()],
        }
    )


def show(db: tuple, cat: Catalogue, agency: Agency, allowed) -> None:
    st.subheader(t("value_history"))
    codes = [i.code for i in cat.indicators_for_type(agency.type)]
    if not codes:
        return
    code = state.selectbox(
        "hindicator", t("indicator"), codes,
        format_func=lambda c: f"{c} · {pick(cat.indicators[c].name_id, cat.indicators[c].name_en)}",
    )  # fmt: skip
    frame = data.history(db, agency.code, code)
    if frame.empty:
        st.caption(t("history_none"))
        return
    tables.show(revisions(frame), hide_index=True, key="value_history")
    files = frame.drop_duplicates("submission_id").iloc[::-1]
    chosen = st.selectbox(
        t("history_original"), list(files.submission_id),
        format_func=lambda s: files.set_index("submission_id").loc[s, "file_name"],
        key="history_submission",
    )  # fmt: skip
    actor = auth.username()
    name = files.set_index("submission_id").loc[chosen, "file_name"]

    def _bytes() -> bytes:
        # Fetched and audited when clicked: who downloaded which file is in the audit trail.
        found = original_file(
            data.engine(), int(chosen), actor=actor,
            agencies=None if allowed is None else allowed,
        )  # fmt: skip
        return b"" if found is None else found[1]

    st.download_button(
        t("history_download"),
        _bytes,
        file_name=name,
        key="history_download",
        mime="application/octet-stream",
        on_click="ignore",
    )
