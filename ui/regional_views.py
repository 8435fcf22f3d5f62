"""The map of the provinces as pages show it (toggle, map, attribution, the way into a province,
its table) and the pieces of the province page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.report import geo, regional
from etl.report.export import frame_csv, write_frame_xlsx
from indicators.catalogue import Catalogue
from ui import badges, charts, data, maps, panels, state, views
from ui.i18n import lang, number, period_label, pick, t

PROVINCE_PAGE = "app_pages/province.py"
TABLE_LABELS = {
    "agency_code": "code", "agency_name": "name", "indicator": "indicator", "value": "value",
    "period": "period", "status_text": "status", "achievement_pct": "achievement",
    "category": "category",
}  # fmt: skip


def open_province(code: str) -> None:
    """To the province's page, the province in its URL (the rest of the view is remembered)."""
    st.switch_page(PROVINCE_PAGE, query_params={"province": code})


def province_map(db: tuple, cat: Catalogue, code: str, period: tuple, key: str) -> None:
    """The provinces of one indicator on a map, coloured by status or value (URL `colour`),
    from the same judged rows as the ranking table (`panels.ranked_agencies`)."""
    roadmap, year, quarter = period
    indicator = cat.indicators[code]
    ranked = panels.ranked_agencies(db, code, "PROV", roadmap, year, quarter)
    frame = regional.map_frame(ranked, cat, geo.codes())
    mode = state.radio("colour", t("map_colour"), maps.MODES, format_func=lambda m: t(f"by_{m}"))
    title = f"{pick(indicator.name_id, indicator.name_en)} · {period_label(year, quarter)}"
    fig, table = maps.choropleth(frame, indicator, mode, title)
    event = st.plotly_chart(
        fig, key=key, on_select="rerun", selection_mode="points",
        config={"displaylogo": False, "scrollZoom": False},
    )  # fmt: skip
    st.caption(geo.ATTRIBUTION[0 if lang() == "id" else 1])
    chosen = maps.clicked(event)
    left, right = st.columns([2, 3])
    names = dict(zip(frame.agency_code, frame.agency_name))
    picked = left.selectbox(
        t("open_province"), ["", *names], key=f"{key}_open",
        format_func=lambda c: f"{c} · {names[c]}" if c else "—",
    )  # fmt: skip
    right.caption(t("map_click_hint"))
    if chosen in names or picked:
        open_province(chosen if chosen in names else picked)
    with st.expander(t("map_table")):
        show_map_table(table, key=f"{key}_table")


def show_map_table(table: pd.DataFrame, key: str) -> None:
    # Tall enough for every row: 38 provinces or a province's regencies, read side by side.
    views.show_table(
        table, numbers={"value": 2, "achievement_pct": 1},
        labels={c: t(k) for c, k in TABLE_LABELS.items() if c in table.columns}, key=key,
        height=min(1400, 35 * (len(table) + 1) + 3),
    )  # fmt: skip


def province_codes(cat: Catalogue, allowed: frozenset[str] | None) -> list[str]:
    """The provinces the reader may open: all, or the one an agency account coordinates (its
    own province when it was granted the province's regencies)."""
    codes = sorted(c for c, a in cat.agencies.items() if a.type == "PROV")
    return [c for c in codes if allowed is None or c in allowed]


def regency_rows(db: tuple, cat: Catalogue, province: str, allowed, year: int, quarter: int):
    """Every regency × indicator of the province, from the page's judged statuses, ready to
    show (indicator name, period, status text)."""
    judged = data.statuses(db, year, quarter)
    frame = regional.regency_frame(judged, cat, province, allowed)
    return frame.assign(
        indicator=[pick(cat.indicators[c].name_id, cat.indicators[c].name_en)
                   for c in frame.indicator_code],
        period=[period_label(int(y), int(q)) if y == y and y is not None else ""
                for y, q in zip(frame.year, frame.quarter)],
        status_text=[badges.text(s) for s in frame.status],
    )  # fmt: skip


def side_by_side(frame: pd.DataFrame, code: str, key: str) -> None:
    """One indicator, every regency and city: value, period, status, achievement, category."""
    rows = frame[frame.indicator_code == code]
    show_map_table(rows[[c for c in TABLE_LABELS if c != "indicator"]], key=key)


def status_count_chart(frame: pd.DataFrame, key: str) -> None:
    counts = views.status_counts(
        frame.assign(label=frame.agency_code + " " + frame.agency_name), "label"
    )
    # Bars are drawn bottom-up: reversed, the first code stands on top, as in the table.
    counts = counts.iloc[::-1]
    fig, table = charts.status_bars(counts, t("regency_status_counts"))
    views.chart(fig, table, key=key, numbers={})


def reporting(db: tuple, cat: Catalogue, province: str, allowed, period: tuple) -> None:
    """Who of the province and its regencies has sent this quarter (on time, late) and who not."""
    _, year, quarter = period
    sent = data.submissions(db)
    members = {province, *(a.code for a in regional.regencies(cat, province, allowed))}
    now = regional.reporting_now(sent[sent.agency_code.isin(members)], year, quarter)
    done = int((now.timeliness != "missing").sum())
    st.subheader(t("regency_reporting", sent=number(done, 0), n=number(len(now), 0)))
    table = pd.DataFrame({
        t("code"): now.agency_code, t("name"): now.agency_name,
        t("status"): [badges.text(badges.TIMELINESS_AS_STATUS[c]).split(" ")[0] + " " + t(c)
                      for c in now.timeliness],
        t("submitted_at"): now.submitted_at, t("deadline"): now.deadline,
    })  # fmt: skip
    views.show_table(table, statuses=(), key="province_reporting")


def export(frame: pd.DataFrame, province: str, period: tuple) -> None:
    """The regencies' table as XLSX (with its Keterangan sheet) and CSV, formula text escaped by
    the exports' one rule."""
    _, year, quarter = period
    out = frame[[c for c in regional.REGENCY_COLUMNS if c in frame.columns]]
    out = out.assign(status_label=frame.status_text)
    stem = f"rb_province_{province}_{year}_TW{quarter}"
    description = [
        ("Provinsi / Province", province),
        ("Periode / Period", f"{year} TW{quarter}"),
        ("Baris / Rows", str(len(out))),
    ]
    left, right = st.columns(2)
    left.download_button(
        t("download_xlsx"), write_frame_xlsx(out, "province", description),
        file_name=f"{stem}.xlsx", key="province_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )  # fmt: skip
    right.download_button(
        t("download_csv"), frame_csv(out), file_name=f"{stem}.csv", mime="text/csv",
        key="province_csv",
    )  # fmt: skip
