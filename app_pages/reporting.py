"""Pelaporan / Reporting: who submitted each quarter, on time or late, and who has not."""

import streamlit as st

from etl.access import roles
from ui import auth, charts, data, reporting, state, views
from ui.i18n import number, period_label, t

auth.require(roles.VIEW_ALL)

db = data.key()
cat = data.catalogue(db)
roadmap, year, quarter = views.period()
st.title(f"{t('completeness')} · {period_label(year, quarter)}")

left, right = st.columns(2)
with left:
    agency_type = state.selectbox(
        "type", t("agency_type"), ["", "KL", "PROV", "KABKOTA"], default="PROV",
        format_func=lambda c: t(c) if c else t("all"),
    )  # fmt: skip
with right:
    provinces = ["", *sorted(c for c, a in cat.agencies.items() if a.type == "PROV")]
    province = state.selectbox(
        "province", t("province"), provinces,
        format_func=lambda c: cat.agencies[c].name if c else t("all"),
    )  # fmt: skip

sent = reporting.filtered(db, cat, agency_type or None, province or None, roadmap, year, quarter)
if sent.empty:
    views.empty_state()
    st.stop()

now = sent[(sent.year == year) & (sent.quarter == quarter)]
counts = now.timeliness.value_counts()
cols = st.columns(3)
for col, code in zip(cols, ("on_time", "late", "missing")):
    col.metric(reporting.label(code), number(int(counts.get(code, 0)), 0))
cols = st.columns(2)
for col, (name, n) in zip(cols, reporting.shares(counts, len(now))):
    col.metric(
        t(name),
        f"{number(100 * n / len(now) if len(now) else 0, 1)} %",
        help=t(f"{name}_help"),
        border=True,
    )
    col.caption(t("of_expected", n=number(n, 0), m=number(len(now), 0)))

fig, table = charts.timeliness_bars(sent, t("completeness"))
views.chart(fig, table, key="timeliness_bars", numbers={})
# 514 regencies on one chart lost every second label: a page of agencies at a time.
page, pages = reporting.page_of(sent, state)
fig, table = charts.timeliness_heatmap(page, f"{t('agency')} × {t('quarter')}" + pages)
views.chart(fig, table, key="heatmap", numbers={})

missing = now[now.timeliness == "missing"]
st.subheader(f"{t('not_submitted')} · {t('agencies_n', n=len(missing))}")
views.show_table(
    missing[["agency_code", "agency_name", "agency_type", "parent", "deadline"]],
    statuses=(),
    labels={"agency_code": t("code"), "agency_name": t("name"), "agency_type": t("agency_type"),
            "parent": t("parent_agency"), "deadline": t("deadline")},
    key="missing",
)  # fmt: skip
