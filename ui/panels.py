"""Composite pieces used by more than one page: a series with its targets and status."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import status as st_status
from indicators.catalogue import NATIONAL
from indicators.rollup import NationalFigure, status_summary
from ui import badges, charts, data, national_views, views
from ui.i18n import as_of_label, confidence, lang, number, period_label, pick, t, unit_text

MAIN = (
    st_status.ACHIEVED, st_status.ON_TRACK, st_status.NEEDS_ACCELERATION, st_status.OFF_TRACK,
    st_status.DETERIORATING,
)  # fmt: skip
SERIES_NUMBERS = {"value": 2, "expected": 2, "low": 2, "high": 2}
TREND_POINTS = 8
HEADLINE = ("SPBE", "IRB", "KEMISKINAN", "INVESTASI", "INFLASI", "STUNTING", "PDN", "IPK")


def in_roadmap(frame: pd.DataFrame, roadmap, year: int, quarter: int) -> pd.DataFrame:
    """The road map's years up to the period, with the year before (where baselines sit)."""
    keep = (frame.year >= roadmap.start_year - 1) & (
        (frame.year < year) | ((frame.year == year) & (frame.quarter <= quarter))
    )
    return frame[keep]


def series_panel(
    db: tuple, code: str, roadmap_code: str, year: int, quarter: int, *,
    agency: str = NATIONAL, judged: pd.Series | None = None, key: str,
) -> None:  # fmt: skip
    """One indicator's series (national or one agency's) against its path, with the status."""
    fig, table, caption = _series_model(db, code, roadmap_code, year, quarter, agency, lang())
    views.chart(fig, table, key=key, numbers=SERIES_NUMBERS)
    if judged is not None and isinstance(judged.get("status"), str):
        st.markdown(status_line(judged))
        notes = status_notes(judged)
        if notes:
            st.caption(" · ".join(notes))
    if caption:
        st.caption(caption)


@st.cache_resource(ttl=data.TTL, max_entries=2000, show_spinner=False)
def _series_model(db, code, roadmap_code, year, quarter, agency, language):
    """The figure, its formatted data table and the source line, per language. A resource
    cache, not a data cache: unpickling a plotly figure validates it all over again, which
    costs more than drawing it; nothing downstream mutates these objects."""
    cat = data.catalogue(db)
    indicator = cat.indicators[code]
    if agency == NATIONAL:
        series = data.national_series(db, code)
        name = t("national")
    else:
        series = data.observations(db, indicator=code, agency=agency)
        name = cat.agencies[agency].code
    knots, targets, baselines = charts.target_path(cat, code, agency, series)
    path = (
        knots[knots.roadmap == roadmap_code],
        targets[targets.roadmap == roadmap_code],
        baselines[baselines.roadmap == roadmap_code],
    )
    roadmap = cat.roadmaps[roadmap_code]
    shown = charts.with_expected(cat, code, agency, in_roadmap(series, roadmap, year, quarter))
    reference = None if agency == NATIONAL else charts.national_reference(cat, roadmap, code)
    fig, table = charts.series_chart(
        indicator, shown, path, pick(indicator.name_id, indicator.name_en), name, reference
    )
    caption = None
    if agency == NATIONAL and len(shown):
        last = shown.iloc[-1]
        figure = NationalFigure(last.value, last.source, int(last.n), int(last.m))
        shown_value = "" if figure.source == "insufficient" else f" {number(last.value)} "
        caption = (
            f"{period_label(int(last.year), int(last.quarter))}:{shown_value}"
            f"{unit_text(indicator.unit) if shown_value else ''} · {figure.describe(language)}"
        )
        source = national_views.source_line(last)
        caption += f" · {source}" if source else ""
    return fig, table.drop(columns="t"), caption


def status_line(row: pd.Series) -> str:
    """The status with the period its value comes from and every component it was derived
    from: "**▲ Sesuai target** · TW4 2025 · Nilai 3,18 · Baseline 2,79 · …"."""
    when = as_of_label(row.get("year"), row.get("quarter"), row.get("lag_quarters"))
    return " · ".join(p for p in (f"**{badges.text(row['status'])}**", when, describe(row)) if p)


def describe(row: pd.Series) -> str:
    """The components a status was derived from, in one line."""
    parts = []
    for column, label_key in (
        ("value", "value"), ("baseline", "baseline"), ("expected", "expected"),
        ("target_used", "target"), ("final_target", "final_target"),
        ("achievement_pct", "achievement"), ("progress_ratio", "progress_ratio"),
    ):  # fmt: skip
        value = row.get(column)
        if value is not None and value == value:
            decimals = (
                1 if column == "achievement_pct" else (3 if column == "progress_ratio" else 2)
            )
            parts.append(f"{t(label_key)} {number(value, decimals)}")
    return " · ".join(parts)


def _given(value) -> bool:
    return value is not None and value == value


def status_notes(row: pd.Series) -> list[str]:
    """What a reader must know beside a status (its period is in `status_line`): a computed
    national figure, a target below the baseline."""
    notes = []
    if _given(row.get("computed")) and bool(row["computed"]):
        notes.append(t("computed_status", n=int(row["n"]), m=int(row["m"])))
    if _given(row.get("target_below_baseline")) and bool(row["target_below_baseline"]):
        notes.append(t("target_below_baseline"))
    return notes


def judged_table(judged: pd.DataFrame, cat) -> pd.DataFrame:
    """Statuses with their components, ready to show (status as symbol + label)."""
    out = views.with_status_text(judged)
    out["indicator"] = [
        pick(cat.indicators[c].name_id, cat.indicators[c].name_en) for c in out.indicator_code
    ]
    out["period"] = period_column(out)
    return out


def period_column(judged: pd.DataFrame) -> list[str]:
    """Each row's own period, marked where it lies before the heading's ("TW4 2025 (2
    triwulan lalu)"): one heading never silently mixes periods (progress-method.md)."""
    lags = judged.lag_quarters if "lag_quarters" in judged else [None] * len(judged)
    return [as_of_label(y, q, lag) for y, q, lag in zip(judged.year, judged.quarter, lags)]


def status_shares(statuses) -> list[str]:
    """One line per status: symbol, label and count (the five progress statuses always)."""
    lines = []
    for share in status_summary(list(statuses)):
        if share.status in MAIN or share.count:
            lines.append(f"{badges.text(share.status)}: **{share.count}**")
    return lines


def status_changes(cat, before: pd.DataFrame, now: pd.DataFrame) -> pd.DataFrame:
    """Indicators whose national status differs from the previous quarter's."""
    merged = now.merge(before, on="indicator_code", how="left", suffixes=("", "_before"))
    merged = merged[merged.status != merged.status_before]
    return pd.DataFrame(
        {
            t("indicator"): [
                pick(cat.indicators[c].name_id, cat.indicators[c].name_en)
                for c in merged.indicator_code
            ],
            t("previous"): [badges.text(s) for s in merged.status_before],
            t("now"): [badges.text(s) for s in merged.status],
            t("value"): merged.value.to_numpy(),
        }
    )


def definition(cat, indicator) -> None:
    """What the indicator is: definition, unit, direction, source and confidence."""
    theme = cat.themes.get(indicator.theme)
    direction = "target_band_dir" if indicator.direction == "target_band" else indicator.direction
    rows = [
        (t("code"), indicator.code),
        (t("theme"), pick(theme.name_id, theme.name_en) if theme else indicator.theme),
        (t("unit"), unit_text(indicator.unit)),
        (t("direction"), t(direction)),
        (t("source"), indicator.definition_source),
        (t("confidence"), confidence(indicator.confidence)),
        (t("agency_type"), ", ".join(t(a) for a in indicator.agency_types)),
    ]
    with st.expander(t("definition"), expanded=True):
        st.markdown("\n".join(f"- **{label}**: {value}" for label, value in rows))


def projection_note(db: tuple, roadmap: str, code: str, agency: str = NATIONAL) -> None:
    p = data.projection(db, roadmap, agency, code)
    text = t(f"projection_{p.outcome}")
    if p.value is not None:
        end = data.catalogue(db).roadmaps[roadmap].end_year
        text += " · " + t("projected_value", year=end, value=number(p.value))
    if p.final_target is not None:
        text += f" · {t('final_target')} {p.final_year}: {number(p.final_target)}"
    st.markdown(f"**{t('projection')}**: {text}")


def ranked_agencies(db, code, agency_type, roadmap_code, year, quarter) -> pd.DataFrame:
    """Agencies of one type, best first, with value, achievement, status and trend."""
    cat = data.catalogue(db)
    judged = data.statuses(db, year, quarter)
    judged = judged[judged.indicator_code == code]
    types = {a: cat.agencies[a].type for a in judged.agency_code}
    judged = judged[[types[a] == agency_type for a in judged.agency_code]].copy()
    if judged.empty:
        return judged
    judged["agency_name"] = [cat.agencies[a].name for a in judged.agency_code]
    # The last TREND_POINTS values up to the period, earlier road maps too: inside the road
    # map an annual indicator had two points, a diagonal that said nothing.
    observed = data.observations(db, indicator=code)
    observed = observed[
        (observed.year < year) | ((observed.year == year) & (observed.quarter <= quarter))
    ]
    trend = observed.groupby("agency_code").value.apply(lambda v: list(v)[-TREND_POINTS:])
    judged["trend"] = [trend.get(a, []) for a in judged.agency_code]
    # Best first: achievement where there is one, else the value in the indicator's direction.
    sign = -1 if cat.indicators[code].direction == "lower_better" else 1
    judged["_key"] = judged.value * sign
    judged = judged.sort_values(["achievement_pct", "_key"], ascending=False, na_position="last")
    judged["rank"] = range(1, len(judged) + 1)
    judged["period"] = period_column(judged)
    return views.with_status_text(judged.drop(columns="_key"))
