"""Metodologi / Method: how statuses are decided, where every reference figure comes from."""

import pandas as pd
import streamlit as st

from etl.access import roles
from etl.store.catalogue import national_actuals_bytes, parse_national_actuals
from indicators import status as st_status
from ui import auth, badges, data, views
from ui.i18n import pick, t, unit_text
from ui.method_text import method

auth.require(roles.VIEW_ALL, roles.VIEW_OWN)

db = data.key()
cat = data.catalogue(db)
st.title(t("method"))
st.markdown(method())
st.caption(t("demo_note"))

st.subheader(t("statuses_title"))
views.show_table(
    pd.DataFrame({t("status"): [badges.text(s.code) for s in st_status.STATUSES],
                  t("code"): [s.code for s in st_status.STATUSES]}),
    statuses=(t("status"),), key="statuses",
)  # fmt: skip

st.subheader(t("roadmaps_title"))
roadmaps = sorted(cat.roadmaps.values(), key=lambda r: r.start_year)
views.show_table(
    pd.DataFrame({t("roadmap"): [pick(r.name_id, r.name_en) for r in roadmaps],
                  t("year"): [f"{r.start_year}-{r.end_year}" for r in roadmaps],
                  t("source"): [r.legal_basis for r in roadmaps],
                  t("status"): [r.status for r in roadmaps]}),
    statuses=(), key="roadmaps",
)  # fmt: skip

st.subheader(t("sources_title"))
# The national reference targets and their sources: agencies' own targets (tens of thousands
# once every region has uploaded its RPJMD) are shown with each agency's series.
targets = pd.DataFrame([vars(x) for x in cat.targets if x.agency == "ID"])
views.show_table(targets, statuses=(), numbers={"value": 2, "low": 2, "high": 2}, key="targets")
_, actuals = national_actuals_bytes()
views.show_table(pd.DataFrame(parse_national_actuals(actuals)), statuses=(), key="actuals")
indicators = pd.DataFrame(
    [(i.code, pick(i.name_id, i.name_en), unit_text(i.unit), i.definition_source, i.confidence)
     for i in cat.indicators.values()],
    columns=[t("code"), t("indicator"), t("unit"), t("source"), t("confidence")],
)  # fmt: skip
views.show_table(indicators, statuses=(), key="indicators")

st.subheader(t("scales_title"))
scales = pd.DataFrame([vars(b) for bands in cat.scales.values() for b in bands])
views.show_table(scales, statuses=(), numbers={"lower": 2, "upper": 2}, key="scales")
