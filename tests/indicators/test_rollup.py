"""National figures and status summaries (roll-ups of the progress method)."""

from __future__ import annotations

import math

import pytest

from indicators.catalogue import Indicator
from indicators.rollup import NationalFigure, national_figure, status_summary


def indicator(rollup: str) -> Indicator:
    return Indicator(
        code="X",
        theme="T",
        name_id="x",
        name_en="x",
        unit="indeks",
        min=None,
        max=None,
        direction="higher_better",
        agency_types=("PROV",),
        national_rollup=rollup,
        scale="",
        frequency="annual",
        period_value="level",
    )


@pytest.mark.parametrize(
    ("rollup", "official", "values", "expected"),
    [
        # The official national value wins, whatever the agencies report.
        ("mean", 3.12, [2.0, 3.0], NationalFigure(3.12, "official", 2, 38)),
        ("none", 37, [], NationalFigure(37, "official", 0, 38)),
        # Computed: mean (2+3+4)/3 = 3, sum 100+250.5 = 350.5, over the 3 (2) of 38 that reported.
        ("mean", None, [2.0, 3.0, 4.0], NationalFigure(3.0, "computed", 3, 38)),
        ("sum", None, [100, 250.5], NationalFigure(350.5, "computed", 2, 38)),
        # Unreported values are not counted: mean (2+4)/2 = 3 from 2 agencies.
        ("mean", math.nan, [2.0, None, math.nan, 4.0], NationalFigure(3.0, "computed", 2, 38)),
        # `none` leaves the figure empty; so does an empty report.
        ("none", None, [2.0, 3.0], NationalFigure(None, "none", 2, 38)),
        ("mean", None, [], NationalFigure(None, "none", 0, 38)),
    ],
)
def test_national_figure(rollup, official, values, expected):
    assert national_figure(indicator(rollup), official, values, 38) == expected


@pytest.mark.parametrize(
    ("figure", "lang", "text"),
    [
        (NationalFigure(3.0, "computed", 3, 38), "en", "Computed from 3 of 38 agencies"),
        (NationalFigure(3.0, "computed", 3, 38), "id", "Dihitung dari 3 dari 38 instansi"),
        (NationalFigure(37, "official", 0, 38), "en", "Official national figure"),
        (NationalFigure(None, "none", 0, 38), "id", "Tidak ada angka nasional"),
    ],
)
def test_national_figure_says_where_it_comes_from(figure, lang, text):
    assert figure.describe(lang) == text


def test_status_summary_counts_and_shares_in_status_order():
    summary = status_summary(["off_track", "achieved", "off_track", "no_data"])
    assert [(s.status, s.count) for s in summary] == [
        ("achieved", 1),
        ("on_track", 0),
        ("needs_acceleration", 0),
        ("off_track", 2),
        ("deteriorating", 0),
        ("no_target", 0),
        ("no_data", 1),
        ("no_status", 0),
    ]
    # Shares of the 4 indicators: 1/4, 2/4, 1/4.
    shares = {s.status: s.share for s in summary if s.count}
    assert shares == {"achieved": 0.25, "off_track": 0.5, "no_data": 0.25}


def test_status_summary_of_nothing():
    assert all(s.count == 0 and s.share == 0 for s in status_summary([]))


def test_status_summary_rejects_an_unknown_status():
    with pytest.raises(ValueError):
        status_summary(["achieved", "late"])
