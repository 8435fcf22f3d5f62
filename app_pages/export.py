"""Ekspor / Export: the analysts' tables, previewed and downloaded exactly as the command line
(`python -m etl export`) writes them."""

import streamlit as st

from etl.access import roles
from etl.store.queries import Filters
from ui import auth, data, state, tables, views
from ui.i18n import lang, pick, t

auth.require(roles.EXPORT)

db = data.key()
cat = data.catalogue(db)
roadmap, year, quarter = views.period()
st.title(t("export"))

TABLES = ("themes", "scorecard", "submissions", "observations", "national", "actions")
name = state.selectbox("table", t("table"), TABLES, format_func=lambda n: t(f"table_{n}"))
cols = st.columns(3)
years = ["", *range(cat.earliest_year, year + 1)]
with cols[0]:
    f_year = state.selectbox(
        "xyear", t("year"), years, default=year, format_func=lambda y: y or t("all")
    )
    f_quarter = state.selectbox(
        "xquarter", t("quarter"), ["", 1, 2, 3, 4], default=quarter,
        format_func=lambda q: q or t("all"),
    )  # fmt: skip
with cols[1]:
    f_type = state.selectbox(
        "xtype", t("agency_type"), ["", "KL", "PROV", "KABKOTA"],
        format_func=lambda c: t(c) if c else t("all"),
    )  # fmt: skip
    f_theme = state.selectbox(
        "xtheme", t("theme"), ["", *cat.themes],
        format_func=lambda c: pick(cat.themes[c].name_id, cat.themes[c].name_en) if c else t("all"),
    )  # fmt: skip
with cols[2]:
    f_indicator = state.selectbox(
        "xindicator", t("indicator"), ["", *cat.indicators],
        format_func=lambda c: f"{c} · {pick(cat.indicators[c].name_id, cat.indicators[c].name_en)}" if c else t("all"),
    )  # fmt: skip
    f_agency = state.selectbox(
        "xagency", t("agency"), ["", *cat.agencies],
        format_func=lambda c: f"{c} · {cat.agencies[c].name}" if c else t("all"),
    )  # fmt: skip

filters = Filters(
    year=f_year or None, quarter=f_quarter or None, agency=f_agency or None,
    indicator=f_indicator or None, theme=f_theme or None, agency_type=f_type or None,
)  # fmt: skip
frame = data.table(db, name, filters)
st.caption(f"{t('rows', n=len(frame))} · {t('cli_same')}")
# Plain text: the shell highlighting's colours (cyan options, green numbers) read at 2.5-3.6:1
# on the code block's grey, under WCAG AA's 4.5:1 (tests/e2e/test_accessibility.py).
st.code(views.cli_command(name, filters), language=None)
if frame.empty:
    views.empty_state()
    st.stop()

stem = f"rb_{name}" + "".join(f"_{v}" for v in vars(filters).values() if v)
left, right = st.columns(2)
views.table_download(t("download_xlsx"), db, name, filters, "xlsx", f"{stem}.xlsx", key="dl_xlsx", container=left)  # fmt: skip
# Excel set to Indonesian reads "," as the decimal mark: it opens a ";" file in columns.
sep = state.radio(
    "sep", t("csv_separator"), [";", ","] if lang() == "id" else [",", ";"],
    format_func=lambda c: t("sep_semicolon") if c == ";" else t("sep_comma"), container=right,
)  # fmt: skip
views.table_download(t("download_csv"), db, name, filters, "csv", f"{stem}.csv", key="dl_csv", container=right, sep=sep)  # fmt: skip
st.subheader(t("preview"))
st.caption(t("preview_as_file"))
tables.show(frame.head(100), hide_index=True, key="preview", as_file=True)
