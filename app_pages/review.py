"""Tinjauan / Review: submissions awaiting review, filtered, their values old → new with their
context, approve or return one or several with a comment the agency sees; then every
submission with its origin and outcome."""

import streamlit as st

from etl.access import review, roles
from ui import auth, data, review_filters, review_views, state, submission_list
from ui.i18n import t

account = auth.require(roles.REVIEW)
engine = data.engine()
st.title(t("review_title"))

CHOSEN = "rsub"  # the chosen submissions, kept in the URL like every view


def _ask(submission_ids: tuple[int, ...], returning: bool) -> None:
    """A button's callback: it only notes which submissions were on screen when clicked; the
    decisions run below, after this run's login gate has re-checked the account."""
    st.session_state["review_intent"] = (submission_ids, returning)


def _decide(submission_ids: tuple[int, ...], returning: bool) -> None:
    """Each submission decided in its own transaction by the one review function, so each is
    audited as a single decision is and a refusal of one (another reviewer decided it since it
    was shown: the coded refusal, never a traceback) leaves the others decided."""
    comment = st.session_state.get("review_comment", "")
    done = []
    for submission_id in submission_ids:
        try:
            if returning:
                review.return_submission(
                    engine, submission_id, actor=account.username, comment=comment
                )
            else:
                review.approve(engine, submission_id, actor=account.username, comment=comment)
        except review.ReviewError as error:
            st.error(error.bilingual())
            if error.code == "review_comment_required":
                return  # the same for every one: said once, nothing decided
            continue
        done.append(submission_id)
    if not done:
        return
    data.clear()
    # The next run offers the first waiting submission again, with an empty comment.
    st.session_state.pop(f"url_{CHOSEN}", None)
    state.remember(CHOSEN, None)
    st.session_state["review_comment"] = ""
    key = "returned_msg" if returning else "approved_msg"
    if len(done) > 1:
        key += "_many"
    st.success(t(key, id=", ".join(map(str, done)), n=len(done)))


intent = st.session_state.pop("review_intent", None)
if intent:
    _decide(*intent)

waiting = review.pending_submissions(engine)
if waiting.empty:
    st.info(t("nothing_pending"))
else:
    catalogue = data.catalogue(data.key())
    values = review_views.cached_queue(waiting)
    chosen_filter = review_filters.choose(catalogue, waiting, values)
    shown = chosen_filter.submissions(waiting, values)
    kept = chosen_filter.values(values)
    st.caption(t("queue_count", shown=len(shown), n=len(waiting)))
    submission_list.show_waiting(shown, values)
    ids = [int(i) for i in shown.id]
    files = dict(zip(ids, shown.file_name))
    chosen = state.multiselect(
        CHOSEN, t("chosen_submissions"), ids, format_func=lambda i: f"{i} · {files[i]}",
        default=ids[:1], placeholder=t("choose_submissions"),
    )  # fmt: skip
    if chosen:
        several = len(chosen) > 1
        mine = kept[kept.submission_id.isin(chosen)] if len(kept) else kept
        total = int(values.submission_id.isin(chosen).sum()) if len(values) else 0
        if len(mine) < total:
            st.caption(t("values_filtered", shown=len(mine), n=total))
        review_views.show_values(mine, with_submission=several)
        review_views.show_targets(
            review.submission_target_changes(engine, chosen), with_submission=several
        )
        st.caption(t("decision_whole"))
    st.text_area(t("comment"), key="review_comment")
    left, right = st.columns(2)
    n = len(chosen)
    left.button(
        t("approve") if n <= 1 else t("approve_n", n=n), type="primary", key="approve",
        on_click=_ask, args=(tuple(chosen), False), disabled=not chosen,
    )  # fmt: skip
    right.button(
        t("return") if n <= 1 else t("return_n", n=n), key="return",
        on_click=_ask, args=(tuple(chosen), True), disabled=not chosen,
    )  # fmt: skip

st.subheader(t("all_submissions"))
submission_list.show_all(engine)
