"""Indikator / Indicator: one indicator nationally and across agencies of one type."""

import streamlit as st

from etl.access import roles
from ui import auth, charts, data, national_views, panels, regional_views, state, views
from ui.i18n import number, period_label, pick, t, unit_text

auth.require(roles.VIEW_ALL)

db = data.key()
cat = data.catalogue(db)
roadmap, year, quarter = views.period()

codes = list(cat.indicators)
code = state.selectbox(
    "indicator", t("indicator"), codes, default="SPBE",
    format_func=lambda c: f"{c} · {pick(cat.indicators[c].name_id, cat.indicators[c].name_en)}",
)  # fmt: skip
indicator = cat.indicators[code]
st.title(f"{pick(indicator.name_id, indicator.name_en)} · {period_label(year, quarter)}")
panels.definition(cat, indicator)

national = data.national_statuses(db, roadmap, year, quarter).set_index("indicator_code")
row = national.loc[code] if code in national.index else None
panels.series_panel(db, code, roadmap, year, quarter, judged=row, key="national_series")
national_views.national_sources(db, roadmap, code, year, quarter)
panels.projection_note(db, roadmap, code)

if "PROV" in indicator.agency_types:
    st.subheader(t("map"))
    regional_views.province_map(db, cat, code, (roadmap, year, quarter), key="indicator_map")

types = [a for a in indicator.agency_types if a != "NASIONAL"]
if not types:
    st.stop()
agency_type = state.selectbox("type", t("agency_type"), types, default="PROV", format_func=t)
ranked = panels.ranked_agencies(db, code, agency_type, roadmap, year, quarter)
if ranked.empty or ranked.value.isna().all():
    views.empty_state()
    st.stop()

st.subheader(f"{t('distribution')} · {t(agency_type)}")
fig, table = charts.distribution_chart(cat, indicator, ranked, t("distribution"))
views.chart(fig, table, key="distribution")

st.subheader(f"{t('ranking')} · {t('agencies_n', n=len(ranked))}")
st.caption(f"{t('unit')}: {unit_text(indicator.unit)} · {number(ranked.value.median())} (median)")
views.show_table(
    ranked[["rank", "agency_code", "agency_name", "period", "value", "achievement_pct",
            "status_text", "category", "trend"]],
    numbers={"value": 2, "achievement_pct": 1},
    labels={"rank": t("rank"), "agency_code": t("code"), "agency_name": t("name"),
            "period": t("period"), "value": t("value"), "achievement_pct": t("achievement"),
            "status_text": t("status"), "category": t("category")},
    # A neutral line, wide enough to read (the theme's red primary colour read as an alarm).
    config={"trend": st.column_config.LineChartColumn(
        t("trend"), width="medium", color="gray", help=t("trend_points", n=panels.TREND_POINTS)
    )},
    key="ranking",
)  # fmt: skip
