"""Tinjauan / Review: submissions awaiting review, their values old → new, approve or return
with a comment the agency sees; then every upload with its outcome."""

import pandas as pd
import streamlit as st

from etl.access import review, roles
from ui import auth, data, review_views, state, tables
from ui.i18n import t

account = auth.require(roles.REVIEW)
engine = data.engine()
st.title(t("review_title"))


def _ask(submission_id: int, returning: bool) -> None:
    """A button's callback: it only notes which submission was on screen when clicked; the
    decision runs below, after this run's login gate has re-checked the account."""
    st.session_state["review_intent"] = (submission_id, returning)


def _decide(submission_id: int, returning: bool) -> None:
    """Another reviewer may have decided the submission since it was shown: then the coded
    refusal is shown (nothing changed), never a traceback."""
    comment = st.session_state.get(f"review_comment_{submission_id}", "")
    try:
        if returning:
            review.return_submission(engine, submission_id, actor=account.username, comment=comment)
        else:
            review.approve(engine, submission_id, actor=account.username, comment=comment)
    except review.ReviewError as error:
        st.error(error.bilingual())
        return
    data.clear()
    st.success(t("returned_msg" if returning else "approved_msg", id=submission_id))


# The submissions' columns under the reader's words.
HEADERS = {c: t(c) for c in review.COLUMNS} | {"id": t("submission"), "source": t("origin")}

intent = st.session_state.pop("review_intent", None)
if intent:
    _decide(*intent)

waiting = review.pending_submissions(engine)
if waiting.empty:
    st.info(t("nothing_pending"))
else:
    tables.show(
        waiting[["id", "file_name", "uploaded_by", "uploaded_at", "agencies", "rows_inserted",
                 "rows_updated"]],
        hide_index=True, key="pending_table", width="stretch", column_config=HEADERS,
    )  # fmt: skip
    ids = [int(i) for i in waiting.id]
    chosen = state.selectbox(
        "submission", t("submission"), ids,
        format_func=lambda i: f"{i} · {waiting.set_index('id').loc[i, 'file_name']}",
    )  # fmt: skip
    row = waiting.set_index("id").loc[chosen]
    # The values this submission would make official, beside the official ones now, with the
    # indicator, the period before, the target, the file's notes and the checks' warnings.
    sent = pd.Timestamp(row.uploaded_at).date()
    review_views.show_queue(engine, data.catalogue(data.key()), chosen, sent)
    # Its own targets (a Target sheet), beside the official ones they would replace.
    targets = review.submission_target_changes(engine, chosen)
    if not targets.empty:
        tables.show(
            targets, hide_index=True, key="pending_targets", width="stretch",
            column_config={"old_value": t("old_value"), "value": t("target"),
                           "agency": t("agency"), "indicator": t("indicator")},
        )  # fmt: skip
    comment = st.text_area(t("comment"), key=f"review_comment_{chosen}")
    left, right = st.columns(2)
    left.button(t("approve"), type="primary", key="approve", on_click=_ask, args=(chosen, False))
    right.button(t("return"), key="return", on_click=_ask, args=(chosen, True))

st.subheader(t("all_submissions"))
# Every file loaded, whatever its origin (the demo's, the command line's), not only the app's.
every = review.submissions_for(engine, None, origins=review.ORIGINS)
if every.empty:
    st.caption(t("no_submissions"))
else:
    every = every.assign(
        review_status=[t(s) for s in every.review_status],
        source=[t(f"origin_{s}") for s in every.source],
    )
    tables.show(
        every, hide_index=True, key="all_submissions", width="stretch", column_config=HEADERS,
    )  # fmt: skip
