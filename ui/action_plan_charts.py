"""The action plans' charts (RB Tematik): actions per schedule status, and budget absorbed
against output realised. The schedule statuses borrow the progress statuses' colours and
symbols (`badges.SCHEDULE_AS_STATUS`), drawn with the shared figure style of `ui.charts`."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators import status as st_status
from ui import badges
from ui.charts import MARKERS, figure


def schedule_bars(counts: pd.DataFrame, labels: dict[str, str], title: str) -> go.Figure:
    """Per agency (row), how many actions are on schedule, lagging or not started."""
    traces = [
        {"type": "bar", "y": list(counts.index), "x": list(counts[code]), "orientation": "h",
         "name": f"{st_status.symbol(status)} {labels[code]}",
         "marker": {"color": st_status.colour(status)}}
        for code, status in badges.SCHEDULE_AS_STATUS.items()
        if code in counts.columns
    ]  # fmt: skip
    return figure(traces, title, height=120 + 22 * len(counts), barmode="stack")


def absorption_scatter(points: pd.DataFrame, labels: dict[str, str], axes: tuple[str, str]):
    """Budget absorbed (y) against output realised (x), one marker shape and colour per
    schedule status; the diagonal is "money in step with results"."""
    traces = [
        {"type": "scatter", "mode": "markers", "x": list(group.output_realisation_pct),
         "y": list(group.budget_absorption_pct), "name": f"{st_status.symbol(status)} {labels[code]}",
         "text": list(group.agency_name + " · " + group.action.astype(str)),
         "marker": {"color": st_status.colour(status), "symbol": MARKERS[i], "size": 8},
         "hovertemplate": "%{text}<br>%{x:.0f} % / %{y:.0f} %<extra></extra>"}
        for i, (code, status) in enumerate(badges.SCHEDULE_AS_STATUS.items())
        if len(group := points[points.schedule_status == code])
    ]  # fmt: skip
    diagonal = {"type": "scatter", "mode": "lines", "x": [0, 100], "y": [0, 100],
                "line": {"color": "#999999", "dash": "dot"}, "showlegend": False}  # fmt: skip
    return figure(
        [diagonal, *traces], "", height=420, xaxis={"title": {"text": axes[0]}},
        yaxis={"title": {"text": axes[1]}},
    )  # fmt: skip
