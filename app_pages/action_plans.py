"""Rencana Aksi / Action plans: RB Tematik action plans beside the indicators.

Per theme the progress of actions across agencies; per agency its actions with quarterly target
against realisation and budget absorption; budget absorption against output realisation, where
money spent without results shows; lagging actions with who coordinates and implements them.
Every number comes from `etl.store.action_plans` and `indicators.action_plan`.
"""

import pandas as pd
import streamlit as st

from etl.access import roles
from etl.store.action_plans import summary_table
from etl.store.queries import Filters
from indicators import action_plan as ap
from ui import action_plan_charts, auth, data, state, tables, views
from ui.i18n import lang, pick, t

# Run on its own (tests, a direct link) the router has not set the language: take the URL's.
if "lang" not in st.session_state and st.query_params.get("lang") in ("id", "en"):
    st.session_state["lang"] = st.query_params["lang"]
auth.require(roles.VIEW_ALL)


def tr(key: str, **fields) -> str:
    """This page's texts: `ra_…` in the app's one text table (ui/texts_action_plans.py)."""
    return t(f"ra_{key}", **fields)


db = data.key()
cat = data.catalogue(db)
st.title(tr("title"))
everything = data.table(db, "actions", Filters())
if everything.empty:
    st.info(tr("empty"))
    st.stop()

left, right = st.columns(2)
years = sorted({int(y) for y in everything.year}, reverse=True)
with left:
    year = state.selectbox("ra_year", tr("year"), years)
tematik = [code for code, theme in cat.themes.items() if theme.is_tematik]
with right:
    theme = state.selectbox(
        "ra_theme", tr("theme"), ["", *tematik],
        format_func=lambda c: pick(cat.themes[c].name_id, cat.themes[c].name_en) if c else tr("all"),
    )  # fmt: skip
filters = Filters(year=year, theme=theme or None)
frame = data.table(db, "actions", filters)
if frame.empty:
    st.info(tr("empty"))
    st.stop()
frame = frame.assign(status_text=[tr(s) for s in frame.schedule_status])

# --- per theme: progress across agencies ------------------------------------------------------
st.subheader(tr("by_theme"))
summary = summary_table(frame, ["theme", "agency_code", "agency_name"])
summary["on_schedule_share"] = summary["on_schedule_share"] * 100
counts = summary.groupby("agency_name")[[*ap.SCHEDULE_STATUSES]].sum()
labels = {code: tr(code) for code in ap.SCHEDULE_STATUSES}
# Its counts as a table under it, like every chart (views.chart: the text alternative).
views.chart(
    action_plan_charts.schedule_bars(counts, labels, ""),
    counts.rename(columns=labels).rename_axis(tr("agency")).reset_index(),
    key="ra_bars",
)
tables.show(
    summary.rename(columns={
        "agency_name": tr("agency"), "actions": tr("actions"), "theme": tr("theme"),
        "on_schedule": tr(ap.ON_SCHEDULE), "lagging": tr(ap.LAGGING),
        "not_started": tr(ap.NOT_STARTED), "flagged": tr("flag"),
        "on_schedule_share": tr("on_schedule_share"), "budget_absorption_pct": tr("absorption_pct"),
    }),
    hide_index=True,
    column_config={tr("on_schedule_share"): st.column_config.NumberColumn(format="%.0f"),
                   tr("absorption_pct"): st.column_config.NumberColumn(format="%.1f")},
)  # fmt: skip

# --- budget absorption against output realisation --------------------------------------------
st.subheader(tr("scatter"))
points = frame.dropna(subset=["output_realisation_pct", "budget_absorption_pct"])
if len(points):
    figure = action_plan_charts.absorption_scatter(
        points, labels, (tr("output_pct"), tr("absorption_pct"))
    )
    views.chart(
        figure,
        points[["agency_name", "action", "status_text", "output_realisation_pct",
                "budget_absorption_pct"]].rename(columns={
            "agency_name": tr("agency"), "action": tr("action"), "status_text": tr("status"),
            "output_realisation_pct": tr("output_pct"), "budget_absorption_pct": tr("absorption_pct"),
        }),
        key="ra_scatter",
        numbers={tr("output_pct"): 1, tr("absorption_pct"): 1},
    )  # fmt: skip
st.caption(tr("scatter_note", n=int((frame.flag == ap.REVIEW).sum())))

# --- lagging actions --------------------------------------------------------------------------
st.subheader(tr("lagging_title"))
behind = frame[frame.schedule_status != ap.ON_SCHEDULE]
if behind.empty:
    st.success(tr("none_lagging"))
else:
    tables.show(
        behind[["agency_name", "action", "output_indicator", "status_text", "output_realisation_pct",
                "budget_absorption_pct", "coordinator", "implementer"]].rename(columns={
            "agency_name": tr("agency"), "action": tr("action"), "output_indicator": tr("output"),
            "status_text": tr("status"), "output_realisation_pct": tr("output_pct"),
            "budget_absorption_pct": tr("absorption_pct"), "coordinator": tr("coordinator"),
            "implementer": tr("implementer"),
        }),
        hide_index=True,
    )  # fmt: skip

# --- per agency: its actions, quarter by quarter ----------------------------------------------
st.subheader(tr("agency_actions"))
agencies = sorted(set(frame.agency_code))
names = dict(zip(frame.agency_code, frame.agency_name))
agency = state.selectbox(
    "ra_agency", tr("agency"), agencies, format_func=lambda c: f"{c} · {names[c]}"
)
own = frame[frame.agency_code == agency]
as_of = own.as_of_quarter.dropna()
if len(as_of):
    st.caption(tr("as_of", q=int(as_of.max())))
quarterly = pd.DataFrame({tr("action"): own.action, tr("output"): own.output_indicator})
for q in (1, 2, 3, 4):
    tw = f"TW{q}" if lang() == "id" else f"Q{q}"
    quarterly[f"{tw} {tr('target')}"] = own[f"target_tw{q}"].to_numpy()
    quarterly[f"{tw} {tr('realised')}"] = own[f"realised_tw{q}"].to_numpy()
quarterly[tr("output_pct")] = own.output_realisation_pct.to_numpy()
quarterly[tr("absorption_pct")] = own.budget_absorption_pct.to_numpy()
quarterly[tr("status")] = own.status_text.to_numpy()
quarterly[tr("flag")] = (own.flag == ap.REVIEW).to_numpy()
tables.show(quarterly, hide_index=True)

st.download_button(
    tr("download"), data.table_file(db, "actions", filters, "xlsx"),
    file_name=f"rb_actions_{year}{'_' + theme if theme else ''}.xlsx",
    mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
)  # fmt: skip
