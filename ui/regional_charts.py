"""The regional views' charts: the spread over RB categories, and two to five agencies side by
side. Built from the shared pieces of `ui.charts` (one figure style, one set of markers)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from indicators.catalogue import Indicator
from ui.charts import LINE, MARKERS, PATH, figure, reference_trace, with_t
from ui.i18n import t, unit_text
from ui.quarter_axis import quarter_axis


def category_bars(
    frame: pd.DataFrame, labels: dict[str, str], year: int, title: str
) -> tuple[go.Figure, pd.DataFrame]:
    """Agencies per RB category (etl.report.categories.distribution), the year before in grey
    beside the year, best category first; the table adds the change."""
    shown = [labels[c] for c in frame.category]
    traces = [
        {"type": "bar", "x": shown, "y": list(frame.before), "name": str(year - 1),
         "marker": {"color": "#999999"}, "text": list(frame.before), "textposition": "outside"},
        {"type": "bar", "x": shown, "y": list(frame.now), "name": str(year),
         "marker": {"color": PATH}, "text": list(frame.now), "textposition": "outside"},
    ]  # fmt: skip
    fig = figure(traces, title, t("count"), barmode="group")
    table = pd.DataFrame({
        t("category"): shown, str(year - 1): frame.before.to_numpy(),
        str(year): frame.now.to_numpy(), t("change"): [f"{c:+d}" for c in frame.change],
    })  # fmt: skip
    return fig, table


def comparison_chart(
    indicator: Indicator, series: dict[str, pd.DataFrame], national: pd.DataFrame,
    reference: pd.DataFrame, title: str,
) -> tuple[go.Figure, pd.DataFrame]:  # fmt: skip
    """Two to five agencies' series of one indicator in one chart, each with its own marker
    (never told by colour alone), the national figure as a black dashed line and the national
    targets as grey diamonds (a reference: they judge no agency)."""
    traces, rows = [], []
    for i, (name, frame) in enumerate(series.items()):
        frame = with_t(frame.dropna(subset=["value"]))
        traces.append({
            "type": "scatter", "x": list(frame.t), "y": list(frame.value), "name": name,
            "mode": "lines+markers", "marker": {"symbol": MARKERS[i % len(MARKERS)], "size": 8},
            "text": list(frame.period), "hovertemplate": f"{name} · %{{text}}: %{{y}}<extra></extra>",
        })  # fmt: skip
        rows.append(frame.assign(kind=name)[["kind", "period", "t", "value"]])
    national = with_t(national.dropna(subset=["value"]))
    if len(national):
        traces.append({
            "type": "scatter", "x": list(national.t), "y": list(national.value),
            "name": t("national"), "mode": "lines", "line": {"color": LINE, "dash": "dash"},
            "text": list(national.period), "hovertemplate": "%{text}: %{y}<extra></extra>",
        })  # fmt: skip
        rows.append(national.assign(kind=t("national"))[["kind", "period", "t", "value"]])
    if len(reference):
        traces.append(reference_trace(reference))
        rows.append(
            reference.assign(
                kind=t("national_reference"),
                period=reference.year.astype(int).astype(str),
                t=reference.year,
            ).rename(columns={"target": "value"})[["kind", "period", "t", "value"]]
        )
    fig = figure(traces, title, unit_text(indicator.unit), height=420, xaxis=quarter_axis(traces))
    table = pd.concat(rows, ignore_index=True) if rows else pd.DataFrame()
    return fig, table.drop(columns="t") if len(table) else table
