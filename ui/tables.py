"""Every table the app shows goes through `show`. Streamlit's toolbar offers "Download as CSV"
on each st.dataframe: a file made in the browser, past the app's own exports. So text cells are
neutralised here, by the exports' one rule (etl.report.export.neutralise), before a frame leaves
the server: a user name like `=HYPERLINK(...)` reaches an admin's spreadsheet as text."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pandas as pd
import streamlit as st
from pandas.api.types import is_datetime64_any_dtype, is_object_dtype, is_string_dtype

from etl.report.export import neutralise
from ui.i18n import code_text, confidence, date_label, datetime_label, number, t


def safe(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with every text cell that a spreadsheet would run as a formula escaped."""
    text = [c for c in frame.columns if is_object_dtype(frame[c]) or is_string_dtype(frame[c])]
    if not text or not len(frame):
        return frame
    frame = frame.copy()
    for column in text:
        frame[column] = frame[column].map(neutralise, na_action="ignore")
    return frame


EMPTY = "–"  # an empty text cell, never Streamlit's "None"


def _is_link(config) -> bool:
    return isinstance(config, dict) and config.get("type_config", {}).get("type") == "link"


def local_times(frame: pd.DataFrame) -> pd.DataFrame:
    """Date-time columns as text in the app's time zone ("3 Des 2026 14.05 WIB"): Streamlit
    showed stored UTC times as "2026-12-03 07:05:00+00:00". Columns of days (deadlines) as
    "15 Okt 2025", not "2025-10-15"."""
    moments = [c for c in frame.columns if is_datetime64_any_dtype(frame[c])]
    days = [c for c in frame.columns if is_object_dtype(frame[c]) and _holds_days(frame[c])]
    if not moments and not days:
        return frame
    frame = frame.copy()
    for column in moments:
        frame[column] = [datetime_label(v) for v in frame[column]]
    for column in days:
        frame[column] = [date_label(v, short=True) if v is not None else EMPTY for v in frame[column]]  # fmt: skip
    return frame


def _holds_days(column: pd.Series) -> bool:
    """An object column whose values are days (datetime.date but not datetime)."""
    given = column.dropna()
    return len(given) > 0 and all(type(v) is dt.date for v in given.head(50))


def dashed(frame: pd.DataFrame, links=()) -> pd.DataFrame:
    """Text columns with "–" for a missing value: st.dataframe shows an empty cell as "None",
    an English word in a Bahasa page (issue 17). Numeric columns keep their type (sorting). A
    link column gets an empty text instead: "–" would be drawn as a link, and a missing link
    too is drawn as "None"."""
    text = [c for c in frame.columns if (is_object_dtype(frame[c]) or is_string_dtype(frame[c]))
            and frame[c].isna().any()]  # fmt: skip
    if not text:
        return frame
    frame = frame.copy()
    for column in text:
        empty = "" if column in links else EMPTY
        frame[column] = frame[column].astype(object).where(frame[column].notna(), empty)
    return frame


def formatted(frame: pd.DataFrame, numbers: dict[str, int]) -> pd.DataFrame:
    """Numbers as the reader writes them (1.234,5), as text. Applied after `safe`: the app's
    own number text (digits, sign, separators) is not a formula, and "-1,5" must stay readable."""
    frame = frame.copy()
    for column, decimals in numbers.items():
        if column in frame.columns:
            frame[column] = [number(v, decimals) for v in frame[column]]
    return frame


# A column shown under its stored name gets the reader's header (and its codes their words):
# chart data tables and the method page's reference tables come as the catalogue stores them.
HEADERS = {
    "kind": "target_kind", "period": "period", "value": "value", "expected": "expected",
    "demo": "head_demo", "low": "head_low", "high": "head_high", "roadmap": "roadmap",
    "indicator": "indicator", "agency": "agency", "year": "year", "quarter": "quarter",
    "confidence": "confidence", "source": "source", "scale": "head_scale",
    "label_id": "head_label_id", "label_en": "head_label_en", "lower": "head_low",
    "upper": "head_high", "closed_side": "head_closed_side", "unit": "unit",
    "agency_code": "head_agency_code", "agency_name": "agency", "status_text": "status",
    "theme": "theme", "label": "head_label", "timeliness": "head_timeliness",
    "submitted_at": "submitted_at", "budget": "head_budget", "budget_spent": "head_budget_spent",
    "id": "head_id", "reason": "reason", "opened_by": "head_opened_by",
    "opened_at": "head_opened_at", "open_until": "head_open_until",
}  # fmt: skip
CODES = {
    "kind": code_text, "confidence": confidence, "closed_side": code_text,
    "timeliness": code_text,
}  # fmt: skip


def readers_headers(frame: pd.DataFrame, column_config: dict | None) -> tuple[pd.DataFrame, dict]:
    """The frame with stored codes in words and a header for every stored column name that
    the caller did not label (an English word in a Bahasa page, issue 17)."""
    config = dict(column_config or {})
    raw = [c for c in frame.columns if c in HEADERS and c not in config]
    for column in raw:
        config[column] = t(HEADERS[column])
    codes = [c for c in raw if c in CODES]
    if codes:
        frame = frame.assign(**{c: frame[c].map(CODES[c]) for c in codes})
    return frame, config


def show(
    frame: pd.DataFrame,
    *,
    numbers: dict[str, int] | None = None,
    style: Callable[[pd.DataFrame], object] | None = None,
    as_file: bool = False,
    **options,
) -> None:
    """st.dataframe of the neutralised frame; `numbers` formats columns as text, `style` turns
    the safe frame into a Styler (status colours); `as_file`: an export's preview, under the
    column names of the file it previews."""
    shown = local_times(safe(frame))
    if numbers:
        shown = formatted(shown, numbers)
    links = [c for c, config in (options.get("column_config") or {}).items() if _is_link(config)]
    if not as_file:  # a file's preview keeps the file's own column names
        shown, options["column_config"] = readers_headers(shown, options.get("column_config"))
    shown = dashed(shown, links=links)
    st.dataframe(style(shown) if style else shown, **options)
