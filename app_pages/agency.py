"""Instansi / Agency: one agency's scorecard, history, submissions and peers."""

import streamlit as st

from etl.access import roles
from indicators.catalogue import NATIONAL
from ui import agency_views, auth, data, panels, state, value_history, views
from ui.i18n import period_label, t

account = auth.require(roles.VIEW_ALL, roles.VIEW_OWN)

db = data.key()
cat = data.catalogue(db)
roadmap, year, quarter = views.period()

# An agency account sees its own agency (and, if granted, a province's regencies) only.
allowed = auth.agencies(cat)
codes = [a for a in cat.agencies if a != NATIONAL and (allowed is None or a in allowed)]
if not codes:
    st.error(t("denied"))
    st.stop()
code = state.selectbox(
    "agency", t("search_agency"), codes, default=account.agency or "KL.KEMENPANRB",
    format_func=lambda c: f"{c} · {cat.agencies[c].name}",
)  # fmt: skip
agency = cat.agencies[code]
st.title(f"{agency.name} · {period_label(year, quarter)}")
agency_views.hierarchy(cat, agency, allowed)
agency_views.lineage(cat, agency, year, quarter)

card = agency_views.scorecard(db, code, year, quarter)
if card.empty or card.value.isna().all():
    views.empty_state()
else:
    st.subheader(t("scorecard"))
    st.markdown(" · ".join(panels.status_shares(card.status)))
    if (card.status == "no_target").any():
        # Measured only against its own targets (progress-method.md): say how to add them.
        st.info(t("own_targets_hint"), icon=":material/flag:")
    agency_views.show_scorecard(card)
    agency_views.show_targets(db, agency, roadmap)

    st.subheader(t("peers"))
    agency_views.show_peers(db, agency, year, quarter)

    st.subheader(t("history"))
    grid = st.columns(2)
    judged = card.set_index("indicator_code")
    for i, indicator in enumerate(
        c for c in judged.index if judged.loc[c].value == judged.loc[c].value
    ):
        with grid[i % 2]:
            panels.series_panel(
                db, indicator, roadmap, year, quarter, agency=code, judged=judged.loc[indicator],
                key=f"history_{indicator}",
            )  # fmt: skip

st.subheader(t("submissions"))
agency_views.show_submissions(db, agency)
value_history.show(db, cat, agency, allowed)
