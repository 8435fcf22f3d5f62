"""The RB categories page's pieces: the distribution chart and table, the moves and the league
table, with the categories' labels in the reader's language."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from etl.report import categories
from indicators.catalogue import Indicator, ScaleBand
from ui import regional_charts, views
from ui.i18n import number, pick, t, unit_text

# The category indicators of the issue: the RB index, SAKIP and SPBE (their domains share the
# SPBE scale but are parts of it, not categories an agency is given).
HEADLINE = ("IRB", "SAKIP", "SPBE")
# Not "=" for the same category: a cell starting with "=" is written as text with a leading
# apostrophe (the exports' formula rule), and would read "'=" on screen.
MOVE_SYMBOLS = {
    categories.UP: "▲",
    categories.SAME: "＝",
    categories.DOWN: "▼",
    categories.NEW: "·",
}


def _labels(order: list[ScaleBand]) -> dict[str, str]:
    return {b.label_id: pick(b.label_id, b.label_en) for b in order}


def distribution(frame: pd.DataFrame, order: list[ScaleBand], year: int) -> None:
    """Counts per category, the year before beside the year, best category first."""
    fig, table = regional_charts.category_bars(
        frame, _labels(order), year, t("category_distribution")
    )
    views.chart(fig, table, key="category_distribution", numbers={})


def moves(counts: dict[str, int], year: int) -> None:
    cols = st.columns(4)
    for col, (move, n) in zip(cols, counts.items()):
        col.metric(f"{MOVE_SYMBOLS[move]} {t(f'move_{move}', before=year - 1)}", number(n, 0))


def league(table: pd.DataFrame, order: list[ScaleBand], indicator: Indicator) -> None:
    labels = _labels(order)
    shown = table.assign(
        category=table.category.map(labels),
        category_before=table.category_before.map(labels).fillna("–"),
        move=[f"{MOVE_SYMBOLS[m]} {t(f'move_{m}', before='')}".strip() for m in table.move],
    )
    st.caption(f"{t('unit')}: {unit_text(indicator.unit)}")
    views.show_table(
        shown, statuses=(), numbers={"value": 2},
        labels={"rank": t("rank"), "agency_code": t("code"), "agency_name": t("name"),
                "value": t("value"), "category": t("category"),
                "category_before": t("category_before"), "move": t("move")},
        key="league",
    )  # fmt: skip
