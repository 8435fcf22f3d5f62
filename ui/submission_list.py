"""The review page's two lists of submissions: the waiting ones (with how many of their values
carry a warning) and every submission loaded, whatever its origin (the app, the command line,
the demo), newest first, a page at a time with the count (issue 17)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.access import review
from ui import state, tables
from ui.i18n import datetime_label, t

PAGE = 50  # submissions a page of the full list shows; the demo alone loads 306
SHORT = 4  # agencies named in a list cell before "(+n)": a national target file names 115


def headers() -> dict[str, str]:
    """The submissions' columns under the reader's words (of this run's language)."""
    return {c: t(c) for c in review.COLUMNS} | {
        "id": t("submission"), "source": t("origin"), "warned": t("warned_values"),
    }  # fmt: skip


def _short(agencies: str) -> str:
    codes = [a for a in agencies.split(", ") if a]
    if len(codes) <= SHORT:
        return ", ".join(codes)
    return f"{', '.join(codes[:SHORT])} … (+{len(codes) - SHORT})"


def _readable(frame: pd.DataFrame) -> pd.DataFrame:
    """Times in the reader's notation, long agency lists shortened, states in words."""
    out = frame.assign(
        agencies=[_short(a) for a in frame.agencies],
        uploaded_at=[datetime_label(m) for m in frame.uploaded_at],
    )
    if "reviewed_at" in out:
        out["reviewed_at"] = [datetime_label(m) for m in frame.reviewed_at]
    if "review_status" in out:
        out["review_status"] = [t(s) for s in frame.review_status]
    if "source" in out:
        out["source"] = [t(f"origin_{s}") for s in frame.source]
    return out


def show_waiting(waiting: pd.DataFrame, values: pd.DataFrame) -> None:
    """The waiting submissions the filters keep, oldest first."""
    if waiting.empty:
        st.info(t("nothing_matches"))
        return
    warned = values[values.warnings != ""].groupby("submission_id").size() if len(values) else {}
    shown = waiting[["id", "file_name", "uploaded_by", "uploaded_at", "agencies",
                     "rows_inserted", "rows_updated"]]  # fmt: skip
    shown = _readable(shown).assign(warned=[int(warned.get(i, 0)) for i in shown.id])
    tables.show(shown, hide_index=True, key="pending_table", width="stretch",
                column_config=headers())  # fmt: skip


def show_all(engine) -> None:
    every = review.submissions_for(engine, None, origins=review.ORIGINS)
    if every.empty:
        st.caption(t("no_submissions"))
        return
    origins = [o for o in review.ORIGINS if o in set(every.source)]
    left, right = st.columns([3, 1], vertical_alignment="bottom")
    origin = state.selectbox(
        "rorigin", t("origin"), ["all", *origins],
        format_func=lambda o: t("all") if o == "all" else t(f"origin_{o}"), container=left,
    )  # fmt: skip
    if origin != "all":
        every = every[every.source == origin]
    pages = max(1, -(-len(every) // PAGE))
    page = state.selectbox(
        "rpage", t("page"), range(1, pages + 1), format_func=lambda p: f"{p} / {pages}",
        container=right,
    )  # fmt: skip
    first = (int(page) - 1) * PAGE
    part = every.iloc[first : first + PAGE]
    st.caption(t("list_count", first=first + 1, last=first + len(part), n=len(every)))
    tables.show(_readable(part), hide_index=True, key="all_submissions", width="stretch",
                column_config=headers())  # fmt: skip
