"""Unggah / Upload: the template, a dry run of one or several files (what would change, every
issue with its cell and fix), then the load itself and its receipt. Agencies' uploads wait for
a reviewer; the same function as `python -m etl ingest` does the work."""

import datetime as dt
import hashlib

import streamlit as st

from etl import review, roles
from etl.template import template_file_name
from indicators.catalogue import NATIONAL
from ui import auth, data, state, upload_views
from ui.i18n import t

account = auth.require(roles.UPLOAD)
db = data.key()
cat = data.catalogue(db)
st.title(t("upload_title"))

# 1. The template of one agency and quarter, the last quarter that ended by default.
allowed = auth.agencies(cat)
codes = sorted(a for a in cat.agencies if a != NATIONAL and (allowed is None or a in allowed))
today = dt.date.today()
ended = (today.year, (today.month - 1) // 3) if today.month > 3 else (today.year - 1, 4)
st.subheader(t("step_template"))
cols = st.columns([3, 1, 1, 2], vertical_alignment="bottom")
with cols[0]:
    agency = state.selectbox(
        "tagency", t("agency"), codes, default=account.agency,
        format_func=lambda c: f"{c} · {cat.agencies[c].name}",
    )  # fmt: skip
with cols[1]:
    year = state.selectbox(
        "tyear", t("year"), list(range(today.year, cat.earliest_year - 1, -1)), default=ended[0]
    )
with cols[2]:
    quarter = state.selectbox("tquarter", t("quarter"), [1, 2, 3, 4], default=ended[1])
if agency:
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
    t("files"), type=["xlsx", "xlsm", "xls", "csv"], accept_multiple_files=True,
    key=f"upload_files_{round_}",
)  # fmt: skip
files = [(f.name, f.getvalue()) for f in sent or []]
upload = upload_views.upload_for(account, cat)
checks = st.session_state.setdefault("upload_checks", {})
results = []
for name, content in files:
    check_key = (account.username, name, hashlib.sha256(content).hexdigest(), db[1])
    if check_key not in checks:
        checks[check_key] = upload_views.check([(name, content)], upload)[0]
    results.append(checks[check_key])
for i, result in enumerate(results):
    with st.container(border=True):
        upload_views.show_check(result, i)

# 3. Store what passed; keep the receipt.
receipts = st.session_state.setdefault("upload_receipts", [])
ready = [f for f, r in zip(files, results) if r.status == "accepted"]
if files:
    st.subheader(t("step_confirm"))
    if not ready:
        st.caption(t("nothing_to_store"))
    elif st.button(t("confirm", n=len(ready)), type="primary", key="confirm_upload"):
        stored = upload_views.store(ready, upload)
        receipts[:0] = [upload_views.receipt(r, upload.review) for r in stored]
        checks.clear()
        st.session_state["upload_round"] = round_ + 1
        st.rerun()
upload_views.show_receipts(receipts)

st.subheader(t("my_submissions"))
upload_views.show_submissions(review.submissions_for(data.engine(), allowed))
