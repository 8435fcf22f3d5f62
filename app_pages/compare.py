"""Perbandingan / Comparison: two to five agencies of one type (provinces by default), one
indicator, in one chart beside the national figure and the national targets, and a table."""

import streamlit as st

from etl.access import roles
from ui import auth, charts, data, panels, regional_charts, state, views
from ui.i18n import period_label, pick, t

auth.require(roles.VIEW_ALL)

db = data.key()
cat = data.catalogue(db)
roadmap, year, quarter = views.period()
st.title(f"{t('comparison')} · {period_label(year, quarter)}")

left, right = st.columns(2)
with left:
    codes = [c for c, i in cat.indicators.items() if set(i.agency_types) - {"NASIONAL"}]
    code = state.selectbox(
        "indicator", t("indicator"), codes, default="IRB",
        format_func=lambda c: f"{c} · {pick(cat.indicators[c].name_id, cat.indicators[c].name_en)}",
    )  # fmt: skip
    indicator = cat.indicators[code]
with right:
    types = [a for a in indicator.agency_types if a != "NASIONAL"]
    agency_type = state.selectbox("type", t("agency_type"), types, default="PROV", format_func=t)
members = sorted(
    c for c, a in cat.agencies.items() if a.type == agency_type and a.exists_in(year, quarter)
)
chosen = state.multiselect(
    "compare", t("compare_agencies"), members, default=("32", "35", "31"), max_selections=5,
    format_func=lambda c: f"{c} · {cat.agencies[c].name}",
)  # fmt: skip
if len(chosen) < 2:
    st.info(t("compare_pick"))
    st.stop()

window = cat.roadmaps[roadmap]
series = {
    f"{c} {cat.agencies[c].name}": panels.in_roadmap(
        data.observations(db, indicator=code, agency=c), window, year, quarter
    )
    for c in chosen
}
national = panels.in_roadmap(data.national_series(db, code), window, year, quarter)
reference = charts.national_reference(cat, window, code)
fig, table = regional_charts.comparison_chart(
    indicator, series, national, reference, pick(indicator.name_id, indicator.name_en)
)
views.chart(fig, table, key="comparison")
st.caption(t("compare_note"))

# The latest status of each, from the same judged rows as every other table.
judged = panels.ranked_agencies(db, code, agency_type, roadmap, year, quarter)
judged = judged[judged.agency_code.isin(chosen)]
views.show_table(
    panels.judged_table(judged, cat)[["agency_code", "agency_name", "period", "value",
                                      "status_text", "achievement_pct", "category"]],
    numbers={"value": 2, "achievement_pct": 1},
    labels={"agency_code": t("code"), "agency_name": t("name"), "period": t("period"),
            "value": t("value"), "status_text": t("status"), "achievement_pct": t("achievement"),
            "category": t("category")},
    key="compare_latest",
)  # fmt: skip
