"""Every table the app shows goes through `show`. Streamlit's toolbar offers "Download as CSV"
on each st.dataframe: a file made in the browser, past the app's own exports. So text cells are
neutralised here, by the exports' one rule (etl.report.export.neutralise), before a frame leaves
the server: a user name like `=HYPERLINK(...)` reaches an admin's spreadsheet as text."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st
from pandas.api.types import is_object_dtype, is_string_dtype

from etl.report.export import neutralise
from ui.i18n import number


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


def show(
    frame: pd.DataFrame,
    *,
    numbers: dict[str, int] | None = None,
    style: Callable[[pd.DataFrame], object] | None = None,
    **options,
) -> None:
    """st.dataframe of the neutralised frame; `numbers` formats columns as text, `style` turns
    the safe frame into a Styler (status colours)."""
    shown = safe(frame)
    if numbers:
        shown = formatted(shown, numbers)
    links = [c for c, config in (options.get("column_config") or {}).items() if _is_link(config)]
    shown = dashed(shown, links=links)
    st.dataframe(style(shown) if style else shown, **options)
