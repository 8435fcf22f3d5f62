"""Statuses on screen: symbol + label + colour, all from `indicators.status`.

A status is never told by colour alone: the text always starts with the status's symbol.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from indicators import status as st_status
from ui.i18n import lang

TIMELINESS_AS_STATUS = {"on_time": "on_track", "late": "needs_acceleration", "missing": "off_track"}
# Action plans' schedule statuses borrow the same colours and symbols (one scheme everywhere).
SCHEDULE_AS_STATUS = {
    "on_schedule": "on_track", "lagging": "needs_acceleration", "not_started": "off_track",
}  # fmt: skip


def text(code: str | None) -> str:
    if not isinstance(code, str):
        return ""
    s = st_status.get(code)
    return f"{s.symbol} {s.label(lang())}"


def colour_by_text() -> dict[str, str]:
    return {text(s.code): s.colour for s in st_status.STATUSES}


def ink(colour: str) -> str:
    """Black or white text, whichever reads better on the background (WCAG luminance)."""
    r, g, b = (int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5))
    lin = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in (r, g, b)]
    luminance = 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    return "#000000" if luminance > 0.179 else "#FFFFFF"


def styled(frame: pd.DataFrame, columns: list[str]):
    """A Styler that paints the status text columns with the status colours."""
    colours = colour_by_text()

    def paint(value):
        colour = colours.get(value)
        return f"background-color: {colour}; color: {ink(colour)}" if colour else ""

    present = [c for c in columns if c in frame.columns]
    return frame.style.map(paint, subset=present) if present else frame


def badge(code: str) -> None:
    s = st_status.get(code)
    st.markdown(
        f'<span style="background:{s.colour};color:{ink(s.colour)};padding:2px 8px;'
        f'border-radius:8px">{s.symbol} {s.label(lang())}</span>',
        unsafe_allow_html=True,
    )


def legend() -> str:
    return " · ".join(text(s.code) for s in st_status.STATUSES[:5])
