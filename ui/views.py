"""Rendering pieces every page shares: the period picker, charts with their data, tables with
status colours and the reader's number format, and the helpful empty state."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import streamlit as st

from etl.access import roles
from ui import auth, badges, data, state, tables
from ui.i18n import number, period_label, pick, t

UPLOAD_PAGE = Path(__file__).resolve().parent.parent / "app_pages" / "upload.py"


def period_picker(db: tuple, container=st.sidebar) -> tuple[str, int, int]:
    """Road map, year and quarter, in the URL as `roadmap`, `year`, `quarter`."""
    cat = data.catalogue(db)
    latest = data.latest_period(db) or (pd.Timestamp.today().year, 1)
    roadmaps = sorted(cat.roadmaps.values(), key=lambda r: r.start_year)
    default = cat.roadmap_for(latest[0]) or roadmaps[-1]
    roadmap = state.selectbox(
        "roadmap", t("roadmap"), [r.code for r in roadmaps], default=default.code,
        format_func=lambda c: pick(cat.roadmaps[c].name_id, cat.roadmaps[c].name_en),
        container=container,
    )  # fmt: skip
    chosen = cat.roadmaps[roadmap]
    years = [y for y in range(chosen.start_year, chosen.end_year + 1) if y <= latest[0]]
    years = years or [chosen.start_year]
    year = state.selectbox(
        "year", t("year"), years, default=min(latest[0], years[-1]), container=container
    )
    quarters = [q for q in (1, 2, 3, 4) if (year, q) <= tuple(latest)] or [1]
    quarter = state.selectbox(
        "quarter", t("quarter"), quarters, default=quarters[-1], container=container,
        format_func=lambda q: period_label(year, q).split(" ")[0],
    )  # fmt: skip
    st.session_state["period"] = (roadmap, year, quarter)
    return roadmap, year, quarter


def period() -> tuple[str, int, int]:
    """The period chosen in the router's sidebar (drawn here when a page runs on its own)."""
    if "period" not in st.session_state:
        return period_picker(data.key())
    return st.session_state["period"]


def previous(year: int, quarter: int) -> tuple[int, int]:
    return (year, quarter - 1) if quarter > 1 else (year - 1, 4)


def chart(fig, table: pd.DataFrame, key: str, numbers: dict | None = None) -> None:
    """The chart and, under it, its data as a table (numbers already in the reader's format,
    as text: this table is for reading and copying, and skipping the Styler keeps pages fast)."""
    st.plotly_chart(fig, key=key, config={"displaylogo": False})
    with st.expander(t("data_table")):
        tables.show(table, numbers=numbers or {"value": 2}, hide_index=True, key=f"{key}_table")


def show_table(
    frame: pd.DataFrame,
    *,
    statuses: tuple[str, ...] = ("status_text",),
    numbers: dict[str, int] | None = None,
    labels: dict[str, str] | None = None,
    config: dict | None = None,
    key: str | None = None,
    height: int | str = "auto",
) -> None:
    """A table with status colours (and symbols in the text) and numbers as the reader writes
    them (1.234,5 in Bahasa Indonesia); sorting still uses the underlying numbers."""
    numbers = {c: d for c, d in (numbers or {}).items() if c in frame.columns}
    # Streamlit draws a missing number as "None" whatever the Styler says: a column with gaps
    # becomes the reader's text with "–" (it then sorts as text); a full one stays numeric.
    gaps = {c: d for c, d in numbers.items() if frame[c].isna().any()}
    numbers = {c: d for c, d in numbers.items() if c not in gaps}

    def style(safe: pd.DataFrame):
        styler = badges.styled(safe, list(statuses))
        if numbers:
            styler = safe.style if styler is safe else styler
            for column, decimals in numbers.items():
                styler = styler.format(lambda v, d=decimals: number(v, d), subset=[column])
        return styler

    column_config = {c: st.column_config.Column(label) for c, label in (labels or {}).items()}
    if "period" in frame.columns:
        # Wide enough for "TW3 2025 (1 triwulan lalu)": the mark of an older value must show.
        label = (labels or {}).get("period", t("period"))
        column_config["period"] = st.column_config.TextColumn(label, width="medium")
    column_config.update(config or {})
    tables.show(
        frame, numbers=gaps, style=style, hide_index=True, column_config=column_config, key=key,
        height=height, width="stretch",
    )  # fmt: skip


def empty_state(message_key: str = "no_data_period") -> None:
    """Say there is nothing yet and where data comes from."""
    st.info(t(message_key))
    if UPLOAD_PAGE.is_file() and auth.allowed(roles.UPLOAD):
        st.page_link("app_pages/upload.py", label=t("upload_link"), icon=":material/upload:")
    st.caption(t("upload_hint_cli"))


def status_counts(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    """Rows: values of `by`; columns: status codes; cells: how many."""
    if frame.empty:
        return pd.DataFrame()
    return frame.groupby(by).status.value_counts().unstack(fill_value=0)


MIME = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv",
}


def table_download(label: str, db: tuple, name: str, filters, fmt: str, file_name: str, *,
                   key: str, container=st, sep: str = ",") -> None:  # fmt: skip
    """A download button for an export table (the writer of `python -m etl export`). The file
    is written when the button is clicked, not on every run: the XLSX of 44,000 observations
    took seconds, and most views are only looked at."""
    container.download_button(
        label, lambda: data.table_file(db, name, filters, fmt, sep), file_name=file_name,
        mime=MIME[fmt], key=key, on_click="ignore",
    )  # fmt: skip


def with_status_text(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.assign(status_text=[badges.text(s) for s in frame.status])


def cli_command(table: str, filters) -> str:
    """The command line that writes the same file."""
    flags = {"year": "--year", "quarter": "--quarter", "agency": "--agency",
             "indicator": "--indicator", "theme": "--theme", "agency_type": "--type"}  # fmt: skip
    parts = ["python -m etl export", f"--table {table}"]
    parts += [
        f"{flag} {getattr(filters, field)}"
        for field, flag in flags.items()
        if getattr(filters, field)
    ]
    return " ".join([*parts, f"--out rb_{table}.xlsx"])


def database_unreachable() -> None:
    st.error(t("db_unreachable"))
    if st.button(t("retry"), key="retry_database"):
        st.rerun()
