"""The choropleth of the provinces: by status (the statuses' own colours and symbols) or by value
(a sequential scale, darker where the indicator is better). Figure building only: the frame
comes from `etl.report.regional.map_frame`, the boundaries from `etl.report.geo`.

No tiles and no network: plotly's geojson choropleth with the base map switched off and the
view fitted to the boundaries, so the map draws offline. Each status also stands as its symbol
at the province's label point, so a status is never told by colour alone.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from etl.report import geo
from indicators import status as st_status
from indicators.catalogue import Indicator
from ui import badges
from ui.i18n import number, period_label, plotly_separators, t, unit_text

STATUS, VALUE = "status", "value"
MODES = (STATUS, VALUE)
NO_DATA = st_status.get(st_status.NO_DATA)
BORDER = {"color": "#FFFFFF", "width": 0.6}
# Light to dark blue, starting darker than white so that a low value never reads as the
# no-data grey (#C8C8C8); reversed where lower is better, so darker is always better.
SEQUENTIAL = ["#C6DBEF", "#6BAED6", "#2171B5", "#08306B"]
HEIGHT = 430


def _hover(frame: pd.DataFrame, indicator: Indicator) -> list[list[str]]:
    """Name, value with unit, period of the value (as of), status and achievement, as text in
    the reader's number format (plotly would write 3.18 for an Indonesian reader)."""
    rows = []
    for r in frame.itertuples():
        given = r.value == r.value and r.value is not None
        period = period_label(int(r.year), int(r.quarter)) if r.year == r.year and given else "–"
        rows.append([
            r.agency_code, r.agency_name,
            f"{number(r.value)} {unit_text(indicator.unit)}" if given else "–", period,
            badges.text(r.status), number(r.achievement_pct, 1),
        ])  # fmt: skip
    return rows


def _hovertemplate() -> str:
    # Concatenated, not formatted: the template's own %{…} fields hold braces.
    return (
        "<b>%{customdata[1]}</b><br>"
        + t("value") + ": %{customdata[2]}<br>"
        + t("period") + ": %{customdata[3]}<br>"
        + t("status") + ": %{customdata[4]}<br>"
        + t("achievement") + ": %{customdata[5]}<extra></extra>"
    )  # fmt: skip


def _area(frame: pd.DataFrame, z: list, custom: list, **trace) -> dict:
    return {
        "type": "choropleth", "geojson": geo.provinces(), "featureidkey": geo.KEY,
        "locations": list(frame.agency_code), "z": z, "customdata": custom,
        "hovertemplate": _hovertemplate(), "marker": {"line": BORDER}, **trace,
    }  # fmt: skip


def _symbols(frame: pd.DataFrame, only: str | None = None) -> dict:
    """Each province's status symbol at its label point (in ink that reads on its colour)."""
    points = geo.label_points()
    shown = frame if only is None else frame[frame.status == only]
    codes = [c for c in shown.agency_code if c in points]
    statuses = shown.set_index("agency_code").status
    return {
        "type": "scattergeo", "mode": "text", "lon": [points[c][0] for c in codes],
        "lat": [points[c][1] for c in codes], "hoverinfo": "skip", "showlegend": False,
        "text": [st_status.symbol(statuses[c]) for c in codes],
        "textfont": {"size": 13, "color": [badges.ink(st_status.colour(statuses[c]))
                                           for c in codes]},
    }  # fmt: skip


def _key(status: st_status.Status) -> dict:
    """A legend entry: a square of the status's colour named by its symbol and label (a
    choropleth has no legend symbol of its own)."""
    return {
        "type": "scattergeo", "lon": [None], "lat": [None], "mode": "markers",
        "name": badges.text(status.code), "hoverinfo": "skip",
        "marker": {"symbol": "square", "size": 14, "color": status.colour,
                   "line": {"color": "#666666", "width": 0.5}},
    }  # fmt: skip


def _status_traces(frame: pd.DataFrame, custom: list) -> list[dict]:
    # One area trace for every status (a click anywhere is curve 0, point = row), its colours
    # stepwise by the statuses' order; the legend lists the statuses present, best first.
    n = len(st_status.STATUSES)
    scale = []
    for s in st_status.STATUSES:
        scale += [[s.order / n, s.colour], [(s.order + 1) / n, s.colour]]
    z = [st_status.get(s).order for s in frame.status]
    area = _area(
        frame, z, custom, colorscale=scale, zmin=-0.5, zmax=n - 0.5, showscale=False,
        name=t("status"),
    )  # fmt: skip
    present = set(frame.status)
    keys = [_key(s) for s in st_status.STATUSES if s.code in present]
    return [area, _symbols(frame), *keys]


def _value_traces(frame: pd.DataFrame, custom: list, indicator: Indicator) -> list[dict]:
    given = frame.value.notna().to_numpy()
    colours = SEQUENTIAL[::-1] if indicator.direction == "lower_better" else SEQUENTIAL
    steps = [[i / (len(colours) - 1), c] for i, c in enumerate(colours)]
    darker = {"higher_better": "darker_higher", "lower_better": "darker_lower"}
    title = f"{t('value')}<br>{unit_text(indicator.unit)}"
    if indicator.direction in darker:
        title += f"<br><sub>{t(darker[indicator.direction])}</sub>"
    traces = [
        _area(
            frame[given],
            list(frame.value[given]),
            [c for c, g in zip(custom, given) if g],
            colorscale=steps,
            name=t("value"),
            colorbar={"title": {"text": title}, "thickness": 14, "len": 0.8},
        )
    ]
    if (~given).any():
        missing = frame[~given].assign(status=st_status.NO_DATA)
        traces += [
            _area(
                missing,
                [0] * len(missing),
                [c for c, g in zip(custom, given) if not g],
                colorscale=[[0, NO_DATA.colour], [1, NO_DATA.colour]],
                showscale=False,
                name=badges.text(NO_DATA.code),
                showlegend=True,
            ),
            _symbols(missing),
        ]
    return traces


# First of every map: plotly.js asks its CDN for a world topojson when the first trace of a geo
# subplot has a `locationmode` (a choropleth always has one, "geojson-id"), and the map stays
# blank without network. A point-less scattergeo (no locationmode) in front keeps it offline.
OFFLINE = {
    "type": "scattergeo", "lon": [None], "lat": [None], "mode": "markers", "showlegend": False,
    "hoverinfo": "skip",
}  # fmt: skip


def _frame() -> dict:
    """The geo subplot framed on the boundaries' own extent. `fitbounds` alone zooms inside
    plotly's square world frame: the archipelago, five times wider than high, came out at a
    third of the width with Papua cut off; axis ranges give the frame Indonesia's shape."""
    (west, east), (south, north) = geo.bounds()
    return {
        "visible": False, "projection": {"type": "mercator"},
        "lonaxis": {"range": [west, east]}, "lataxis": {"range": [south, north]},
    }  # fmt: skip


def choropleth(
    frame: pd.DataFrame, indicator: Indicator, mode: str, title: str
) -> tuple[go.Figure, pd.DataFrame]:
    """The map of `frame` (regional.map_frame: every province once) coloured by `mode`, and the
    table it draws (the same rows: name, value, period, status, achievement, category)."""
    custom = _hover(frame, indicator)
    traces = (
        _status_traces(frame, custom) if mode == STATUS else _value_traces(frame, custom, indicator)
    )
    layout = {
        "title": {"text": title, "font": {"size": 15}},
        "height": HEIGHT,
        "margin": {"l": 0, "r": 0, "t": 40, "b": 0},
        "geo": _frame(),
        "legend": {"orientation": "h", "y": -0.02, "yanchor": "top"},
        "clickmode": "event+select",
        "dragmode": False,
        "separators": plotly_separators(),
    }
    return go.Figure(data=[OFFLINE, *traces], layout=layout), table(frame)


def table(frame: pd.DataFrame) -> pd.DataFrame:
    """The map's data as the reader reads it (status with its symbol)."""
    out = frame.assign(
        period=[
            period_label(int(y), int(q)) if y == y and y is not None else ""
            for y, q in zip(frame.year, frame.quarter)
        ],
        status_text=[badges.text(s) for s in frame.status],
    )
    return out[
        ["agency_code", "agency_name", "value", "period", "status_text", "achievement_pct",
         "category"]
    ]  # fmt: skip


def clicked(event) -> str | None:
    """The province code a click on the map selected (st.plotly_chart's selection), if any."""
    points = (getattr(event, "selection", None) or {}).get("points") or []
    for point in points:
        code = point.get("location")
        if code is None and point.get("customdata"):
            code = point["customdata"][0]
        if code:
            return str(code)
    return None
