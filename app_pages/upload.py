"""Unggah / Upload: the template, a dry run of one or several files (what would change, every
issue with its cell and fix), then the load itself and its receipt. Agencies' uploads wait for
a reviewer; the same function as `python -m etl ingest` does the work."""

from dataclasses import replace

import streamlit as st

from etl.access import review, roles
from etl.core import clock
from etl.reading import sandbox
from etl.report.template import template_file_name
from etl.store import periods
from indicators.catalogue import NATIONAL
from ui import auth, data, state, upload_views
from ui.i18n import t

account = auth.require(roles.UPLOAD)
# A clerk on this page is about to send a file: its reading worker starts now, not then.
sandbox.warm()
db = data.key()
cat = data.catalogue(db)
st.title(t("upload_title"))

# 1. The template of one agency and quarter: by default the quarter it still has to report
# (the last one that ended while it is open for this agency, else the one in progress).
allowed = auth.agencies(cat)
mine = sorted(a for a in cat.agencies if a != NATIONAL and (allowed is None or a in allowed))
today = clock.today()
first = account.agency or (mine[0] if mine else None)
due = periods.period_to_report(data.engine(), first, today) if first else (today.year, 1)
locks = upload_views.upload_for(account, cat).enforce_locks
if locks and first:
    # Where the period to report stands: its deadline, the days left, late (issue 17).
    upload_views.show_due(periods.period_state(data.engine(), first, *due, today))
st.subheader(t("step_template"))
cols = st.columns([3, 1, 1, 2], vertical_alignment="bottom")
with cols[1]:
    year = state.selectbox(
        "tyear", t("year"), list(range(today.year, cat.earliest_year - 1, -1)), default=due[0]
    )
with cols[2]:
    quarter = state.selectbox("tquarter", t("quarter"), [1, 2, 3, 4], default=due[1])
# Only the bodies that existed in that quarter (ministries follow their cabinet).
codes = [a for a in mine if cat.agencies[a].exists_in(year, quarter)]
with cols[0]:
    agency = state.selectbox(
        "tagency", t("agency"), codes, default=account.agency,
        format_func=lambda c: f"{c} · {cat.agencies[c].name}",
    )  # fmt: skip
if account.agency and account.agency not in codes:
    st.warning(t("agency_not_in_period", agency=account.agency, period=f"{year} TW{quarter}"))
picked = periods.period_state(data.engine(), agency, year, quarter, today) if agency else None
if picked is not None and locks and picked.state == "locked":
    # One clear message now, instead of a template whose every value would be refused later.
    upload_views.show_locked(picked, periods.period_to_report(data.engine(), agency, today))
elif agency:
    if locks and (year, quarter) != due and picked.state == "late":
        upload_views.show_due(picked)
    with cols[3]:
        st.download_button(
            t("download_template"), data.template(db, agency, year, quarter),
            file_name=template_file_name(agency, year, quarter), mime=upload_views.XLSX_MIME,
            key="dl_template", icon=":material/download:",
        )  # fmt: skip

# 2. The files, checked without storing anything.
st.subheader(t("step_files"))
st.caption(t("dry_run_note"))
round_ = st.session_state.setdefault("upload_round", 0)
sent = st.file_uploader(
    t("files"), type=["xlsx", "xlsm", "xls", "ods", "csv"], accept_multiple_files=True,
    key=f"upload_files_{round_}",
)  # fmt: skip
files = list(sent or [])
# An action plan exported as "RAD RB Tematik" says neither agency, year nor theme: the form does.
with st.expander(t("action_context")):
    themes = [c for c, th in cat.themes.items() if th.is_tematik]
    c1, c2, c3 = st.columns(3)
    form_agency = c1.selectbox(
        t("agency"), [None, *codes], key="form_agency",
        format_func=lambda c: t("from_file") if c is None else f"{c} · {cat.agencies[c].name}",
    )  # fmt: skip
    form_year = c2.selectbox(
        t("year"), [None, *range(today.year, cat.earliest_year - 1, -1)], key="form_year",
        format_func=lambda y: t("from_file") if y is None else str(y),
    )  # fmt: skip
    form_theme = c3.selectbox(
        t("theme"), [None, *themes], key="form_theme",
        format_func=lambda c: t("from_file") if c is None else cat.themes[c].name_id,
    )  # fmt: skip
upload = replace(
    upload_views.upload_for(account, cat), agency=form_agency, year=form_year, theme=form_theme
)
checks = st.session_state.setdefault("upload_checks", {})
checked, kept = [], {}
for sent_file in files:
    # Streamlit's file_id names these bytes: a file is hashed once, by the check itself. The
    # uploader's rights and the day are in the key: a changed role or a new day checks again.
    context = (form_agency, form_year, form_theme, repr(upload), today)
    check_key = (account.username, sent_file.name, sent_file.file_id, db[1], context)
    if check_key not in checks:
        checks[check_key] = upload_views.check(sent_file.name, sent_file.getvalue(), upload)
    kept[check_key] = checks[check_key]
    checked.append(kept[check_key])
# Only the checks of the files on the page stay in the session (each holds a file's rows).
st.session_state["upload_checks"] = checks = kept
results = [c.result for c in checked]
for i, result in enumerate(results):
    with st.container(border=True):
        upload_views.show_check(result, i)

# 3. Store what passed; keep the receipt.
receipts = st.session_state.setdefault("upload_receipts", [])
ready = [c for c in checked if c.accepted]
if files:
    st.subheader(t("step_confirm"))
    if not ready:
        st.caption(t("nothing_to_store"))
    elif st.button(t("confirm", n=len(ready)), type="primary", key="confirm_upload"):
        stored = upload_views.store(ready)
        receipts[:0] = [upload_views.receipt(r, upload.review) for r in stored]
        checks.clear()
        st.session_state["upload_round"] = round_ + 1
        st.rerun()
upload_views.show_receipts(receipts)

st.subheader(t("my_submissions"))
upload_views.show_submissions(review.submissions_for(data.engine(), allowed))
