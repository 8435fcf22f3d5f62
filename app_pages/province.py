"""Provinsi / Province: a province's own scorecard and all its regencies and cities side by side,
for the Biro Organisasi that coordinates reform there (who lands here after signing in)."""

import streamlit as st

from etl.access import roles
from ui import agency_views, auth, data, panels, regional_views, state, views
from ui.i18n import period_label, pick, t, unit_text

account = auth.require(roles.VIEW_ALL, roles.VIEW_OWN)

db = data.key()
cat = data.catalogue(db)
period = views.period()
roadmap, year, quarter = period

# Everyone who sees all agencies opens any province; an agency account only the province it
# coordinates, and only its regencies (auth.agencies).
allowed = auth.agencies(cat)
mine = auth.coordinated_province(cat)
codes = regional_views.province_codes(cat, None if allowed is None else frozenset({mine}))
if not codes:
    st.error(t("denied"))
    st.stop()
code = state.selectbox(
    "province", t("province"), codes, default=mine or "32",
    format_func=lambda c: f"{c} · {cat.agencies[c].name}",
)  # fmt: skip
province = cat.agencies[code]
st.title(f"{province.name} · {period_label(year, quarter)}")

card = agency_views.scorecard(db, code, year, quarter)
st.subheader(t("province_scorecard"))
if card.empty or card.value.isna().all():
    views.empty_state()
else:
    st.markdown(" · ".join(panels.status_shares(card.status)))
    agency_views.show_scorecard(card)

rows = regional_views.regency_rows(db, cat, code, allowed, year, quarter)
if rows.empty:
    st.info(t("no_regencies"))
    st.stop()
reported = [c for c in cat.indicators if c in set(rows.indicator_code)]
indicator = state.selectbox(
    "indicator", t("indicator"), reported, default="IRB",
    format_func=lambda c: f"{c} · {pick(cat.indicators[c].name_id, cat.indicators[c].name_en)}",
)  # fmt: skip
name = pick(cat.indicators[indicator].name_id, cat.indicators[indicator].name_en)
st.subheader(t("regencies_side_by_side", indicator=name))
st.caption(f"{t('unit')}: {unit_text(cat.indicators[indicator].unit)}")
regional_views.side_by_side(rows, indicator, key="regencies")

regional_views.status_count_chart(rows, key="regency_counts")
regional_views.reporting(db, cat, code, allowed, period)

st.subheader(t("regency_export"))
regional_views.export(rows, code, period)
