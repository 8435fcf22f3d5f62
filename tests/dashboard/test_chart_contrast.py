"""Text on a status colour reads at WCAG 2.1 AA (4.5:1), where the browser test cannot see the
colour behind it: table cells (drawn on a canvas), the heatmap's symbols and the map's labels
(over an image and map areas). The browser test (tests/e2e/test_accessibility.py) checks the
rest of the charts' text and the pages themselves with axe-core."""

from __future__ import annotations

import pandas as pd

from indicators import status as st_status
from ui import badges, charts, i18n


def _contrast(a: str, b: str) -> float:
    """WCAG 2.1's contrast ratio of two #rrggbb colours (written out here, not the app's)."""

    def luminance(colour: str) -> float:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
        lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_every_status_colour_has_an_ink_that_reads_on_it():
    for s in st_status.STATUSES:
        assert _contrast(badges.ink(s.colour), s.colour) >= 4.5, s.code
    # The palette keeps its meaning: white would not do on green (3.4:1) or orange (2.3:1).
    assert badges.ink(st_status.colour("achieved")) == "#000000"
    assert badges.ink(st_status.colour("off_track")) == "#000000"


def test_the_heatmaps_symbols_are_in_their_cells_ink(monkeypatch):
    monkeypatch.setattr(i18n, "lang", lambda: "en")
    frame = pd.DataFrame({
        "agency_code": ["A", "A", "B", "B"], "agency_name": ["Aceh", "Aceh", "Bali", "Bali"],
        "year": [2025] * 4, "quarter": [1, 2, 1, 2],
        "timeliness": ["on_time", "late", "missing", "on_time"], "submitted_at": [None] * 4,
    })  # fmt: skip
    fig, _ = charts.timeliness_heatmap(frame, "x")
    heatmap, labels = fig.data[0], fig.data[1]
    assert heatmap.type == "heatmap" and not heatmap.texttemplate  # plotly's own pick: white
    colour_of = {
        st_status.symbol(status): st_status.colour(status)
        for status in badges.TIMELINESS_AS_STATUS.values()
    }
    assert sorted(labels.text) == sorted(["✓", "!", "✗", "✓"])
    for symbol, ink in zip(labels.text, labels.textfont.color):
        assert _contrast(ink, colour_of[symbol]) >= 4.5, symbol


def test_the_counts_inside_status_bars_are_in_their_status_ink():
    counts = pd.DataFrame({"achieved": [3, 1], "off_track": [2, 4]}, index=["A", "B"])
    fig, _ = charts.status_bars(counts, "x")
    for trace in fig.data:
        colour = trace.marker.color
        assert _contrast(trace.insidetextfont.color, colour) >= 4.5, trace.name


def test_chart_text_outside_the_marks_reads_on_white():
    fig = charts.figure([], "title", "unit", xaxis={"title": {"text": "axis"}})
    layout = fig.layout
    for colour in (layout.font.color, layout.xaxis.tickfont.color, layout.yaxis.tickfont.color,
                   layout.xaxis.title.font.color, layout.legend.font.color):  # fmt: skip
        assert _contrast(colour, "#FFFFFF") >= 4.5
