"""Kategori RB / RB categories: how the agencies of one type spread over the categories of IRB,
SAKIP and SPBE in a year, the move from the year before, and the league table."""

import streamlit as st

from etl.access import roles
from etl.report import categories
from ui import auth, category_views, data, state, views
from ui.i18n import pick, t

auth.require(roles.VIEW_ALL)

db = data.key()
cat = data.catalogue(db)
roadmap, year, quarter = views.period()
st.title(f"{t('categories')} · {year}")

scaled = [c for c, i in cat.indicators.items() if i.scale and c in category_views.HEADLINE]
left, right = st.columns(2)
with left:
    code = state.selectbox(
        "indicator", t("indicator"), scaled, default="IRB",
        format_func=lambda c: f"{c} · {pick(cat.indicators[c].name_id, cat.indicators[c].name_en)}",
    )  # fmt: skip
with right:
    types = [a for a in cat.indicators[code].agency_types if a != "NASIONAL"]
    agency_type = state.selectbox("type", t("agency_type"), types, default="PROV", format_func=t)

order = categories.bands(cat, code)
now = categories.of_year(data.statuses(db, year, quarter), cat, code, agency_type, year)
before = categories.of_year(data.statuses(db, year - 1, 4), cat, code, agency_type, year - 1)
if now.empty and before.empty:
    views.empty_state()
    st.stop()

st.subheader(f"{t('category_distribution')} · {t(agency_type)}")
st.caption(t("category_year_note", year=year, before=year - 1))
category_views.distribution(categories.distribution(now, before, order), order, year)

table = categories.league(now, before, cat, order)
category_views.moves(categories.moves(table), year)
st.subheader(f"{t('league_table')} · {t('agencies_n', n=len(table))}")
category_views.league(table, order, cat.indicators[code])
