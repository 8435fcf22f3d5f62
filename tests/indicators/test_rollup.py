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
    ("rollup", "official", "values", "m", "expected"),
    [
        # The official national value wins, whatever the agencies report.
        ("mean", 3.12, [2.0, 3.0], 38, NationalFigure(3.12, "official", 2, 38)),
        ("none", 37, [], 38, NationalFigure(37, "official", 0, 38)),
        # Computed only from at least 0.8 of the m expected: mean (2+3+4)/3 = 3 from 3 of 3;
        # 4 of 5 is exactly 0.8: mean (1+2+3+6)/4 = 3.
        ("mean", None, [2.0, 3.0, 4.0], 3, NationalFigure(3.0, "computed", 3, 3)),
        ("mean", None, [1, 2, 3, 6], 5, NationalFigure(3.0, "computed", 4, 5)),
        # 3 of 38 = 0.079 (the old rule computed a "national" mean from them): no figure, but
        # n and m are kept so the page can say "3 of 38 reported".
        ("mean", None, [2.0, 3.0, 4.0], 38, NationalFigure(None, "insufficient", 3, 38)),
        ("mean", None, [1, 2, 3], 5, NationalFigure(None, "insufficient", 3, 5)),  # 0.6 < 0.8
        # A sum needs every agency: 100 + 250.5 = 350.5 from 2 of 2; 37 of 38 is not enough.
        ("sum", None, [100, 250.5], 2, NationalFigure(350.5, "computed", 2, 2)),
        ("sum", None, [1.0] * 37, 38, NationalFigure(None, "insufficient", 37, 38)),
        # Unreported values are not counted: mean (2+4)/2 = 3 from 2 of 2.
        ("mean", math.nan, [2.0, None, math.nan, 4.0], 2, NationalFigure(3.0, "computed", 2, 2)),
        # `none` leaves the figure empty; so does an empty report.
        ("none", None, [2.0, 3.0], 2, NationalFigure(None, "none", 2, 2)),
        ("mean", None, [], 38, NationalFigure(None, "none", 0, 38)),
    ],
)
def test_national_figure(rollup, official, values, m, expected):
    figure = national_figure(indicator(rollup), official, values, m, min_coverage=0.8)
    assert figure == expected
    assert figure.computed is (expected.source == "computed")


def test_national_figure_coverage_is_a_parameter():
    # 3 of 5 = 0.6: enough at a 0.5 threshold, mean (1+2+3)/3 = 2.
    figure = national_figure(indicator("mean"), None, [1, 2, 3], 5, min_coverage=0.5)
    assert figure == NationalFigure(2.0, "computed", 3, 5)


@pytest.mark.parametrize(
    ("figure", "lang", "text"),
    [
        (NationalFigure(3.0, "computed", 3, 38), "en", "Computed from 3 of 38 agencies"),
        (NationalFigure(3.0, "computed", 3, 38), "id", "Dihitung dari 3 dari 38 instansi"),
        (NationalFigure(37, "official", 0, 38), "en", "Official national figure"),
        (NationalFigure(None, "none", 0, 38), "id", "Tidak ada angka nasional"),
        (
            NationalFigure(None, "insufficient", 12, 38),
            "id",
            "Tidak ada angka nasional: 12 dari 38 instansi melapor",
        ),
        (
            NationalFigure(None, "insufficient", 12, 38),
            "en",
            "No national figure: 12 of 38 agencies reported",
        ),
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
        ("outdated", 0),
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
