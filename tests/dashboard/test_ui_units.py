"""The dashboard's pure helpers, without a running app."""

from __future__ import annotations

import pytest

from etl.store.queries import Filters
from indicators import status as st_status
from ui import badges, i18n, views


@pytest.mark.parametrize(("lang", "expected"), [("id", "1.234,50"), ("en", "1,234.50")])
def test_numbers_follow_the_reader_language(monkeypatch, lang, expected):
    monkeypatch.setattr(i18n, "lang", lambda: lang)
    assert i18n.number(1234.5) == expected
    assert i18n.number(None) == "–"


def test_every_text_has_both_languages():
    for key, (id_text, en_text) in i18n.TEXT.items():
        assert id_text and en_text, key


def test_status_text_is_never_colour_alone(monkeypatch):
    monkeypatch.setattr(badges, "lang", lambda: "en")
    for s in st_status.STATUSES:
        assert badges.text(s.code) == f"{s.symbol} {s.label_en}"
        assert badges.ink(s.colour) in ("#000000", "#FFFFFF")
    assert badges.ink("#0072B2") == "#FFFFFF"
    assert badges.ink("#E69F00") == "#000000"


def test_cli_command_names_the_same_filters():
    command = views.cli_command("scorecard", Filters(year=2025, quarter=4, agency_type="PROV"))
    assert command == (
        "python -m etl export --table scorecard --year 2025 --quarter 4 --type PROV "
        "--out rb_scorecard.xlsx"
    )


def test_the_status_line_says_its_period_and_the_notes_computed_and_below_baseline(
    monkeypatch,
):
    import pandas as pd

    from ui import panels

    monkeypatch.setattr(i18n, "lang", lambda: "en")
    row = pd.Series(
        {"status": "on_track", "year": 2025, "quarter": 1, "lag_quarters": 5, "value": 2.5,
         "computed": True, "n": 520, "m": 650, "target_below_baseline": True}
    )  # fmt: skip
    line = panels.status_line(row)
    assert line.startswith("**✓ ") and "** · Q1 2025 (5 quarters earlier) · Value 2.50" in line
    assert panels.status_notes(row) == [
        "status of a computed figure (520 of 650 agencies)",
        "target below baseline",
    ]
    # The period's own, official observation with an ordinary target: nothing to add.
    plain = pd.Series({"year": 2025, "quarter": 1, "lag_quarters": 0, "computed": False})
    assert panels.status_notes(plain) == []


@pytest.mark.parametrize(
    ("lang", "lag", "text"),
    [
        ("id", 0, "TW4 2025"),
        ("id", 1, "TW4 2025 (1 triwulan lalu)"),
        ("id", 2, "TW4 2025 (2 triwulan lalu)"),
        ("en", 1, "Q4 2025 (1 quarter earlier)"),
        ("en", 2, "Q4 2025 (2 quarters earlier)"),
        ("en", None, "Q4 2025"),
    ],
)
def test_a_value_older_than_the_heading_says_how_much(monkeypatch, lang, lag, text):
    monkeypatch.setattr(i18n, "lang", lambda: lang)
    assert i18n.as_of_label(2025, 4, lag) == text
    assert i18n.as_of_label(None, None, lag) == ""  # a row without a value has no period


def test_a_computed_national_point_is_not_joined_to_the_official_line(monkeypatch):
    import pandas as pd

    from ui import charts

    monkeypatch.setattr(i18n, "lang", lambda: "en")
    from indicators.catalogue import Indicator

    indicator = Indicator("X", "T", "x", "x", "indeks", None, None, "higher_better", ("PROV",),
                          "mean", "", "annual", "level")  # fmt: skip
    series = pd.DataFrame(
        {"year": [2024, 2025, 2026], "quarter": [4, 4, 4], "value": [3.0, 3.1, float("nan")],
         "source": ["official", "computed", "insufficient"], "computed": [False, True, False],
         "n": [0, 600, 12], "m": [650, 650, 650]}
    )  # fmt: skip
    empty = (pd.DataFrame(columns=["roadmap", "segment", "t", "expected"]),
             pd.DataFrame(columns=["roadmap", "year", "t", "period", "target", "low", "high"]),
             pd.DataFrame(columns=["roadmap", "t", "baseline"]))  # fmt: skip
    fig, table = charts.series_chart(indicator, series, empty, "x")
    lines = {trace.name: list(trace.y) for trace in fig.data}
    assert lines["National"] == [3.0]  # the official 2024 only; 2026 has no figure
    assert lines["Computed from agencies"] == [3.1]
    assert list(table.kind[:3]) == ["National", "Computed from agencies", "National"]


@pytest.mark.parametrize(
    ("lang", "first", "ytick"), [("id", "TW I 2024", "TW IV 2024"), ("en", "Q1 2024", "Q4 2024")]
)
def test_a_quarter_sits_under_its_own_label(monkeypatch, lang, first, ytick):
    """TW I 2024 is drawn at t = 2023.25: its tick says TW I 2024, not "2023" (issue 17)."""
    from ui import quarter_axis as charts

    monkeypatch.setattr(charts, "lang", lambda: lang)
    axis = charts.quarter_axis([{"x": [2023.25, 2023.5, None, 2024.0]}])
    assert dict(zip(axis["tickvals"], axis["ticktext"]))[2023.25] == first
    assert dict(zip(axis["tickvals"], axis["ticktext"]))[2024.0] == ytick
    long = charts.quarter_axis([{"x": [2019.25, 2025.0]}])  # six years: each year's TW I only
    assert len(long["ticktext"]) == 6 and long["tickvals"][0] == 2019.25


def test_a_year_to_date_series_is_drawn_as_bars(monkeypatch):
    """Investment (ytd) rises through the year and restarts: bars per quarter, not a line that
    drops back every January; a point-in-time series stays a line."""
    import pandas as pd

    from indicators.catalogue import Indicator
    from ui import charts

    monkeypatch.setattr("ui.quarter_axis.lang", lambda: "id")

    def indicator(period_value: str) -> Indicator:
        return Indicator("X", "T", "x", "x", "Rp triliun", None, None, "higher_better", ("PROV",),
                         "sum", "", "quarterly", period_value)  # fmt: skip

    series = pd.DataFrame(
        {"year": [2025] * 4, "quarter": [1, 2, 3, 4], "value": [3.0, 6.0, 10.0, 14.0]}
    )
    empty = (pd.DataFrame(columns=["roadmap", "segment", "t", "expected"]),
             pd.DataFrame(columns=["roadmap", "year", "t", "period", "target", "low", "high"]),
             pd.DataFrame(columns=["roadmap", "t", "baseline"]))  # fmt: skip
    for period_value, kind in (("ytd", "bar"), ("level", "scatter")):
        fig, _ = charts.series_chart(indicator(period_value), series, empty, "X")
        drawn = [trace.type for trace in fig.data if list(trace.y or []) == [3.0, 6.0, 10.0, 14.0]]
        assert drawn == [kind], period_value
