"""Audit: every login, upload, review, unlock, user and catalogue change: who, when, what,
before → after; filtered and downloaded (formula-safe XLSX)."""

import streamlit as st

from etl.access import roles
from etl.report.audit_log import readable
from etl.store import audit
from ui import auth, data, state, tables
from ui.i18n import t

auth.require(roles.AUDIT)
st.title(t("audit_title"))

everything = audit.audit_frame(data.engine())
cols = st.columns(2)
with cols[0]:
    action = state.selectbox(
        "action", t("action"), ["", *sorted(set(everything.action))],
        format_func=lambda a: a or t("all"),
    )  # fmt: skip
with cols[1]:
    actor = state.selectbox(
        "actor", t("actor"), ["", *sorted(set(everything.actor))],
        format_func=lambda a: a or t("all"),
    )  # fmt: skip
frame = audit.audit_frame(data.engine(), action=action or None, actor=actor or None)
st.caption(t("rows", n=len(frame)))
st.download_button(
    t("download_audit"), lambda: data.audit_file(frame), file_name="rb_audit.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", key="dl_audit",
    on_click="ignore",
)  # fmt: skip
# Before and after as a person reads them ("status: approved; rows: 60"), not JSON.
shown = frame.assign(before=frame.before.map(readable), after=frame.after.map(readable))
tables.show(
    shown, hide_index=True, key="audit_table", width="stretch",
    column_config={
        "at": t("submitted_at"), "actor": t("actor"), "action": t("action"),
        "entity": t("audit_entity"), "before": t("audit_before"), "after": t("audit_after"),
    },
)  # fmt: skip
