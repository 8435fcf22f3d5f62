"""Ringkasan / Overview: the national picture for the chosen road map and period."""

import streamlit as st

from etl.access import roles
from ui import auth, charts, data, panels, regional_views, state, views
from ui.i18n import period_label, pick, t

auth.require(roles.VIEW_ALL)

db = data.key()
cat = data.catalogue(db)
roadmap, year, quarter = views.period()
st.title(f"{t('overview')} · {period_label(year, quarter)}")

agencies = data.statuses(db, year, quarter)
if agencies.empty or agencies.value.isna().all():
    views.empty_state()
    st.stop()
national = data.national_statuses(db, roadmap, year, quarter)
national = national.assign(theme=[cat.indicators[c].theme for c in national.indicator_code])

st.subheader(t("theme_cards"))
columns = st.columns(len(cat.themes))
for column, theme in zip(columns, cat.themes.values()):
    with column.container(border=True):
        st.markdown(f"**{pick(theme.name_id, theme.name_en)}**")
        shares = panels.status_shares(national[national.theme == theme.code].status)
        for line in shares:
            st.markdown(line)

# The country by status, province by province: one indicator the provinces report.
st.subheader(t("map"))
provincial = [c for c, i in cat.indicators.items() if "PROV" in i.agency_types]
map_code = state.selectbox(
    "indicator", t("indicator"), provincial, default="IRB",
    format_func=lambda c: f"{c} · {pick(cat.indicators[c].name_id, cat.indicators[c].name_en)}",
)  # fmt: skip
regional_views.province_map(db, cat, map_code, (roadmap, year, quarter), key="overview_map")

theme_names = {
    code: pick(cat.themes[i.theme].name_id, cat.themes[i.theme].name_en)
    for code, i in cat.indicators.items()
}
agencies = agencies.assign(theme=agencies.indicator_code.map(theme_names))
fig, table = charts.status_bars(views.status_counts(agencies, "theme"), t("agency_statuses"))
views.chart(fig, table, key="theme_bars", numbers={})

st.subheader(t("headline_series"))
judged = national.set_index("indicator_code")
grid = st.columns(2)
for i, code in enumerate(c for c in panels.HEADLINE if c in cat.indicators):
    with grid[i % 2]:
        row = judged.loc[code] if code in judged.index else None
        panels.series_panel(db, code, roadmap, year, quarter, judged=row, key=f"series_{code}")

st.subheader(t("changes"))
before_period = views.previous(year, quarter)
before_roadmap = cat.roadmap_for(before_period[0])
before = data.national_statuses(db, (before_roadmap or cat.roadmaps[roadmap]).code, *before_period)
changed = panels.status_changes(cat, before, national)
if changed.empty:
    st.caption(t("no_changes"))
else:
    views.show_table(changed, statuses=(t("previous"), t("now")), key="changes")
