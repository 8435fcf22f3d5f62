"""Plotly chart builders. Each returns the figure and the frame it draws, so that every chart
can be shown with its data as a table (accessibility, copy-paste)."""

from __future__ import annotations

import random

import pandas as pd
import plotly.graph_objects as go

from indicators import status as st_status
from indicators.catalogue import Catalogue, Indicator
from indicators.path import annual_targets, period_t
from indicators.progress import path_model
from ui import badges
from ui.i18n import period_label, pick, plotly_separators, t, unit_text
from ui.quarter_axis import quarter_axis

LINE = "#000000"
PATH = "#0072B2"
TARGET = "#009E73"
BAND = "rgba(0,158,115,0.15)"
# Axis ticks, titles, legends and notes: plotly's own dark grey (9.7:1 on white). Streamlit's
# chart theme draws ticks in #808495 (3.7:1), under WCAG AA's 4.5:1 for text of that size.
INK = "#444444"
AXIS_TEXT = {"tickfont": {"color": INK}}
MARGIN = {"l": 10, "r": 10, "t": 40, "b": 10}


def figure(
    traces: list[dict], title: str, unit: str = "", height: int = 320, **layout
) -> go.Figure:
    """One figure built in one go: plotly validates every update, so adding traces and layout
    piecemeal costs several times more (the dashboard draws up to a dozen charts a page)."""
    base = {
        "title": {"text": title, "font": {"size": 15}},
        "font": {"color": INK},
        "height": height,
        "margin": MARGIN,
        "xaxis": {**AXIS_TEXT},
        "yaxis": {**AXIS_TEXT, "title": {"text": unit}},
        "legend": {"orientation": "h", "y": -0.15, "font": {"color": INK}},
        "hovermode": "closest",
        "separators": plotly_separators(),
    }
    for name, value in layout.items():
        base[name] = {**base.get(name, {}), **value} if isinstance(value, dict) else value
    for axis in ("xaxis", "yaxis"):  # a caller's axis title keeps the readable ink
        title = base[axis].get("title")
        if isinstance(title, dict):
            base[axis]["title"] = {"font": {"color": INK}, **title}
    return go.Figure(data=traces, layout=base)


def with_t(frame: pd.DataFrame) -> pd.DataFrame:
    frame = frame.copy()
    frame["t"] = [period_t(int(y), int(q)) for y, q in zip(frame.year, frame.quarter)]
    frame["period"] = [period_label(int(y), int(q)) for y, q in zip(frame.year, frame.quarter)]
    return frame


def _observed(series: pd.DataFrame) -> list[tuple[float, float]]:
    return [
        (period_t(int(y), int(q)), float(v))
        for y, q, v in zip(series.year, series.quarter, series.value)
        if v == v  # a period without a national figure (too few reported) is no baseline
    ]


def path_models(catalogue: Catalogue, code: str, agency: str, series: pd.DataFrame):
    """Per road map, the method's own `PathModel` of this series (the one `assess` judges
    with), so the chart never draws a baseline or an expected value of its own making."""
    indicator = catalogue.indicators[code]
    observed = _observed(series)
    return {
        roadmap.code: path_model(
            indicator, roadmap, catalogue.targets_for(roadmap.code, code, agency), observed
        )
        for roadmap in sorted(catalogue.roadmaps.values(), key=lambda r: r.start_year)
    }


def target_path(catalogue: Catalogue, code: str, agency: str, series: pd.DataFrame):
    """Per road map: the expected value's knots (one `segment` per line), the targets (annual
    rows at their year's end and uploaded ones at their quarter) and the baseline."""
    knots, targets, baselines = [], [], []
    for code_, model in path_models(catalogue, code, agency, series).items():
        for segment, line in enumerate(model.knots()):
            knots += [(code_, segment, k_t, k_v) for k_t, k_v in line]
        targets += [
            (code_, y, float(y), str(y), r.point, r.low, r.high) for y, r in model.annual.items()
        ]
        if model.baseline is not None:
            baselines.append((code_, model.baseline.t, model.baseline.value))
    if "target" in series:
        # A target uploaded with a value is that period's target T (progress-method.md).
        for y, q, v in zip(series.year, series.quarter, series.target):
            roadmap = catalogue.roadmap_for(int(y))
            if roadmap is not None and v is not None and v == v:
                t_ = period_t(int(y), int(q))
                targets.append((roadmap.code, int(y), t_, period_label(int(y), int(q)), float(v),
                                None, None))  # fmt: skip
    return (
        pd.DataFrame(knots, columns=["roadmap", "segment", "t", "expected"]),
        pd.DataFrame(targets, columns=["roadmap", "year", "t", "period", "target", "low", "high"]),
        pd.DataFrame(baselines, columns=["roadmap", "t", "baseline"]),
    )


def with_expected(catalogue: Catalogue, code: str, agency: str, series: pd.DataFrame):
    """The series with E(t) of each period (`expected`), by the road map its year belongs to."""
    models = path_models(catalogue, code, agency, series)
    expected = []
    for y, q in zip(series.year, series.quarter):
        roadmap = catalogue.roadmap_for(int(y))
        model = models.get(roadmap.code) if roadmap else None
        expected.append(None if model is None else model.expected(int(y), int(q)))
    return series.assign(expected=pd.Series(expected, index=series.index, dtype=float))


def national_reference(catalogue: Catalogue, roadmap, code: str) -> pd.DataFrame:
    """The national targets of a road map, drawn beside an agency's series for comparison only
    (`Catalogue.national_reference`: they never decide the agency's status)."""
    rows = annual_targets(roadmap, catalogue.national_reference(roadmap.code, code))
    return pd.DataFrame(
        [(y, r.point) for y, r in rows.items()], columns=["year", "target"], dtype=float
    )


def reference_trace(reference: pd.DataFrame) -> dict:
    """The national targets beside an agency's series: grey open diamonds, a reference only."""
    return {
        "type": "scatter", "x": list(reference.year), "y": list(reference.target),
        "mode": "markers", "name": t("national_reference"),
        "marker": {"symbol": "diamond-open", "size": 9, "color": "#999999"},
    }  # fmt: skip


def series_chart(
    indicator: Indicator, series: pd.DataFrame, path, title: str, name: str | None = None,
    reference: pd.DataFrame | None = None,
) -> tuple[go.Figure, pd.DataFrame]:  # fmt: skip
    """A series against its expected path, annual targets (bands as bands) and baseline, and,
    for an agency, the national targets as a reference."""
    knots, targets, baselines = path
    series = with_t(series)
    traces = []
    if reference is not None and len(reference):
        traces.append(reference_trace(reference))
    for i, row in enumerate(targets.dropna(subset=["low"]).itertuples()):
        # A band applies to the whole of its year: from the end of the previous year to its end.
        # One legend entry for all the years' bands (one each filled the legend over the axis).
        x0, x1 = row.year - 1, row.year
        traces.append({
            "type": "scatter", "x": [x0, x1, x1, x0, x0],
            "y": [row.low, row.low, row.high, row.high, row.low], "fill": "toself",
            "fillcolor": BAND, "line": {"width": 0}, "mode": "lines", "legendgroup": "band",
            "showlegend": i == 0, "name": t("target_band"),
            "text": f"{t('target_band')} {row.year}", "hoverinfo": "text",
        })  # fmt: skip
    for roadmap, group in knots.groupby("roadmap"):
        # Segments (a ytd indicator's years) apart: a gap (None) between them, never a join.
        xs, ys = [], []
        for _, line in group.groupby("segment") if "segment" in group else [(0, group)]:
            xs += [*line.t, None]
            ys += [*line.expected, None]
        traces.append({
            "type": "scatter", "x": xs[:-1], "y": ys[:-1], "mode": "lines",
            "line": {"dash": "dash", "color": PATH}, "name": f"{t('expected_path')} {roadmap}",
        })  # fmt: skip
    if len(targets):
        traces.append({
            "type": "scatter", "x": list(targets.t), "y": list(targets.target),
            "mode": "markers", "name": t("target"),
            "marker": {"symbol": "diamond", "size": 10, "color": TARGET},
        })  # fmt: skip
    if len(baselines):
        traces.append({
            "type": "scatter", "x": list(baselines.t), "y": list(baselines.baseline),
            "mode": "markers", "name": t("baseline"),
            "marker": {"symbol": "square", "size": 9, "color": "#999999"},
        })  # fmt: skip
    # A computed national figure is never joined to the official line (method page, "Roll-ups"):
    # its own hollow markers and legend entry; periods without a figure are left out.
    computed = series.computed.fillna(False).astype(bool) if "computed" in series else None
    official = series if computed is None else series[~computed]
    official = official.dropna(subset=["value"])
    observed = {
        "x": list(official.t), "y": list(official.value), "name": name or t("national"),
        "text": list(official.period), "hovertemplate": "%{text}: %{y}<extra></extra>",
    }  # fmt: skip
    if indicator.period_value == "ytd":
        # A year-to-date total restarts each year: bars per quarter rising to the year's
        # target (its diamond at TW IV), not a line that drops back every January.
        traces.insert(0, {**observed, "type": "bar", "marker": {"color": LINE, "opacity": 0.75}, "width": 0.18, "textposition": "none"})  # fmt: skip
    else:
        traces.append({**observed, "type": "scatter", "mode": "lines+markers", "line": {"color": LINE}})  # fmt: skip
    if computed is not None and computed.any():
        rolled = series[computed]
        traces.append({
            "type": "scatter", "x": list(rolled.t), "y": list(rolled.value), "mode": "markers",
            "name": t("computed_series"), "marker": {"symbol": "circle-open", "size": 9,
                                                       "color": LINE},
            "text": [f"{p} · {t('computed_from', n=int(n), m=int(m))}"
                     for p, n, m in zip(rolled.period, rolled.n, rolled.m)],
            "hovertemplate": "%{text}: %{y}<extra></extra>",
        })  # fmt: skip
    # Demo values (synthetic) are marked on the chart itself and in its table, not only in the
    # page's notice: a screenshot of the chart must not pass them off as reported figures.
    demo = _demo_flags(series)
    if demo.any():
        shown = series[demo.values].dropna(subset=["value"])
        traces.append({
            "type": "scatter", "x": list(shown.t), "y": list(shown.value), "mode": "markers",
            "name": t("demo_points"), "marker": {"symbol": "x-thin-open", "size": 12,
                                                  "color": "#555555", "line": {"width": 2}},
            "text": list(shown.period), "hovertemplate": "%{text}: %{y} (demo)<extra></extra>",
        })  # fmt: skip
    fig = figure(traces, title, unit_text(indicator.unit), xaxis=quarter_axis(traces))
    kinds = [
        t("computed_series") if c else (name or t("national"))
        for c in (computed if computed is not None else [False] * len(series))
    ]
    table = pd.concat(
        [
            series.assign(kind=kinds, demo=[t("yes") if d else "" for d in demo])[
                [
                    "kind",
                    "period",
                    "t",
                    "value",
                    *(["expected"] if "expected" in series else []),
                    *(["demo"] if demo.any() else []),
                ]
            ],
            targets.assign(kind=t("target"))[
                ["kind", "period", "t", "target", "low", "high"]
            ].rename(columns={"target": "value"}),
            baselines.assign(kind=t("baseline"), period=[_t_label(x) for x in baselines.t])[
                ["kind", "period", "t", "baseline"]
            ].rename(columns={"baseline": "value"}),
        ],
        ignore_index=True,
    )
    return fig, table


def _demo_flags(series: pd.DataFrame) -> pd.Series:
    """Which points are demo values: a national row says so itself, an agency's by its file."""
    if "demo" in series:
        return series.demo.fillna(False).astype(bool)
    if "source" in series:
        return series.source.eq("demo")
    return pd.Series(False, index=series.index)


def _t_label(t_: float) -> str:
    """The period at t (a baseline row for year y sits at t = y: TW4 y)."""
    year, rest = divmod(round(t_ * 4), 4)
    return period_label(int(year) + (1 if rest else 0), int(rest) or 4)


def distribution_chart(
    catalogue: Catalogue, indicator: Indicator, frame: pd.DataFrame, title: str
) -> tuple[go.Figure, pd.DataFrame]:
    """Box plot across agencies, each agency a point coloured and shaped by its status, over
    the category bands (SPBE predicates, RB categories) where the indicator has a scale."""
    frame = frame.dropna(subset=["value"])
    shapes, notes = [], []
    for i, band in enumerate(catalogue.scales.get(indicator.scale, [])):
        shapes.append({
            "type": "rect", "xref": "paper", "x0": 0, "x1": 1, "y0": band.lower, "y1": band.upper,
            "line": {"width": 0}, "layer": "below",
            "fillcolor": "rgba(0,0,0,0.07)" if i % 2 else "rgba(0,0,0,0.02)",
        })  # fmt: skip
        notes.append({
            "xref": "paper", "x": 1, "xanchor": "left", "y": (band.lower + band.upper) / 2,
            "text": pick(band.label_id, band.label_en), "showarrow": False,
        })  # fmt: skip
    traces = [{"type": "box", "y": list(frame.value), "x": [0.0] * len(frame), "name": "",
               "boxpoints": False, "width": 0.5, "showlegend": False}]  # fmt: skip
    jitter = random.Random(0)
    for s in st_status.STATUSES:
        group = frame[frame.status == s.code]
        if group.empty:
            continue
        traces.append({
            "type": "scatter", "x": [jitter.uniform(0.35, 0.75) for _ in range(len(group))],
            "y": list(group.value), "mode": "markers", "name": badges.text(s.code),
            "text": [f"{a} · {p}" for a, p in zip(group.agency_name, group.get("period", ""))]
            if "period" in group else list(group.agency_name),
            "hovertemplate": "%{text}: %{y}<extra></extra>",
            "marker": {"color": s.colour, "size": 7, "line": {"width": 0.5, "color": "#333"},
                       "symbol": MARKERS[s.order % len(MARKERS)]},
        })  # fmt: skip
    fig = figure(
        traces, title, unit_text(indicator.unit), height=420, xaxis={"visible": False},
        shapes=shapes, annotations=notes, margin={**MARGIN, "r": 90},
    )  # fmt: skip
    shown = ["agency_code", "agency_name", "period", "value", "status_text"]
    return fig, frame[[c for c in shown if c in frame]]


MARKERS = ("star", "circle", "diamond", "x", "triangle-down", "circle-open", "line-ew", "dot")


def status_bars(counts: pd.DataFrame, title: str) -> tuple[go.Figure, pd.DataFrame]:
    """Stacked horizontal bars: for each group (row), how many in each status (column)."""
    traces = [
        {"type": "bar", "y": list(counts.index), "x": list(counts[s.code]), "orientation": "h",
         "name": badges.text(s.code), "marker": {"color": s.colour},
         "text": list(counts[s.code]), "textposition": "inside",
         "insidetextfont": {"color": badges.ink(s.colour)}}
        for s in st_status.STATUSES
        if s.code in counts.columns and counts[s.code].sum()
    ]  # fmt: skip
    fig = figure(traces, title, height=100 + 40 * len(counts), barmode="stack")
    table = counts.rename(columns={c: badges.text(c) for c in counts.columns}).reset_index()
    return fig, table


def timeliness_heatmap(frame: pd.DataFrame, title: str) -> tuple[go.Figure, pd.DataFrame]:
    """Agencies × quarters: on time, late, missing, each with its status colour and symbol, in
    the colours of the bars above it, told apart by a legend (one entry per colour), not by a
    colour bar (it blended neighbouring colours into shades that meant nothing)."""
    codes = list(badges.TIMELINESS_AS_STATUS)
    frame = with_t(frame)
    frame["label"] = frame.agency_code + " " + frame.agency_name.str.slice(0, 30)
    frame["z"] = frame.timeliness.map({c: i for i, c in enumerate(codes)})
    wide = frame.pivot(index="label", columns="t", values="z").sort_index(ascending=False)
    periods = frame.drop_duplicates("t").set_index("t").period
    symbols = {i: st_status.symbol(badges.TIMELINESS_AS_STATUS[c]) for i, c in enumerate(codes)}
    colours = [st_status.colour(badges.TIMELINESS_AS_STATUS[c]) for c in codes]
    # Steps, not a gradient: each code owns a third of the scale, one colour from edge to edge.
    scale = []
    for i, colour in enumerate(colours):
        scale += [[i / len(colours), colour], [(i + 1) / len(colours), colour]]
    heatmap = {
        "type": "heatmap", "z": wide.values.tolist(), "x": [periods[c] for c in wide.columns],
        "y": list(wide.index), "zmin": -0.5, "zmax": len(codes) - 0.5, "colorscale": scale,
        "xgap": 1, "ygap": 1, "showscale": False,
        "text": [[symbols.get(v, "") if v == v else "" for v in row] for row in wide.values],
        "hovertemplate": "%{y} · %{x}: %{text}<extra></extra>",
    }  # fmt: skip
    # The symbols as a text layer of their own, each in the ink that reads on its cell (black
    # or white, badges.ink): the heatmap's own labels chose white on green and orange (3.4:1).
    cells = [(x, y, int(v)) for y, row in zip(wide.index, wide.values)
             for x, v in zip((periods[c] for c in wide.columns), row) if v == v]  # fmt: skip
    labels = {
        "type": "scatter", "mode": "text", "x": [c[0] for c in cells], "y": [c[1] for c in cells],
        "text": [symbols[c[2]] for c in cells], "hoverinfo": "skip", "showlegend": False,
        "textfont": {"color": [badges.ink(colours[c[2]]) for c in cells]},
    }  # fmt: skip
    legend = [
        {"type": "scatter", "x": [None], "y": [None], "mode": "markers", "showlegend": True,
         "name": f"{symbols[i]} {t(c)}", "marker": {"color": colours[i], "symbol": "square", "size": 12}}
        for i, c in enumerate(codes)
    ]  # fmt: skip
    fig = figure([heatmap, labels, *legend], title, height=min(4000, 160 + 18 * len(wide)))
    table = frame.assign(timeliness=[t(c) for c in frame.timeliness])[
        ["agency_code", "agency_name", "period", "timeliness", "submitted_at"]
    ]
    return fig, table


def timeliness_bars(frame: pd.DataFrame, title: str) -> tuple[go.Figure, pd.DataFrame]:
    counts = with_t(frame).groupby(["t", "period", "timeliness"]).size().unstack(fill_value=0)
    counts = counts.reset_index().sort_values("t")
    traces = [
        {"type": "bar", "x": list(counts.period), "y": list(counts[code]),
         "marker": {"color": st_status.colour(status)}, "name": f"{st_status.symbol(status)} {t(code)}"}
        for code, status in badges.TIMELINESS_AS_STATUS.items()
        if code in counts.columns
    ]  # fmt: skip
    fig = figure(traces, title, barmode="stack")
    columns = [c for c in badges.TIMELINESS_AS_STATUS if c in counts.columns]
    table = counts[["period", *columns]].rename(columns={c: t(c) for c in columns})
    return fig, table
