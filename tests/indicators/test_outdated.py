"""Which observation a period shows, and when it is too old to be judged."""

from __future__ import annotations

import dataclasses

import pytest

from indicators.catalogue import Indicator, Roadmap, Target
from indicators.progress import Point, assess
from indicators.rules import lag_quarters, max_lag

RM = Roadmap("RB-T", "Uji", "Test", 2020, 2024)
ROWS = [
    Target("RB-T", "X", "32", 2019, "baseline", 0),
    Target("RB-T", "X", "32", 2024, "target", 100),
]


def indicator(frequency: str) -> Indicator:
    return Indicator(
        code="X", theme="T", name_id="x", name_en="x", unit="indeks", min=None, max=None,
        direction="higher_better", agency_types=("PROV",), national_rollup="mean", scale="",
        frequency=frequency, period_value="level",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("period", "observed", "lag"),
    [((2022, 4), (2022, 4), 0), ((2023, 1), (2022, 4), 1), ((2024, 1), (2022, 4), 5),
     ((2024, 4), (2022, 3), 9)],
)  # fmt: skip
def test_lag_in_quarters(period, observed, lag):
    # (2024*4+1) - (2022*4+4) = 8097 - 8092 = 5, and so on.
    assert lag_quarters(period, observed) == lag


@pytest.mark.parametrize(
    ("frequency", "at", "status", "lag"),
    [
        # The value is Q4 2022 (E(2022.0) = 100*3/5 = 60, v = 60: P = 1, on track).
        ("quarterly", (2022, 4), "on_track", 0),  # its own period
        ("quarterly", (2023, 4), "on_track", 4),  # 4 quarters old: the most allowed
        ("quarterly", (2024, 1), "outdated", 5),  # 5 > 4
        ("monthly", (2024, 1), "outdated", 5),
        ("semiannual", (2024, 1), "outdated", 5),
        ("annual", (2024, 1), "on_track", 5),  # 5 <= 8: an annual figure may wait two years
        ("annual", (2024, 4), "on_track", 8),  # 8 <= 8
    ],
)
def test_outdated_after_its_frequency_allows(frequency, at, status, lag):
    a = assess(indicator(frequency), RM, ROWS, [Point(2022, 4, 60)], at=at)
    assert (a.status, a.lag, a.as_of, a.period) == (status, lag, (2022, 4), at)
    # Shown with its components all the same.
    assert (a.value, a.baseline) == (60, 0)


def test_annual_outdated_after_nine_quarters():
    # Q3 2022 to Q4 2024: (2024*4+4) - (2022*4+3) = 9 > 8.
    a = assess(indicator("annual"), RM, ROWS, [Point(2022, 3, 50)], at=(2024, 4))
    assert (a.status, a.reason, a.lag, a.as_of) == ("outdated", "outdated", 9, (2022, 3))


def test_outdated_replaces_even_achieved():
    # 100 >= F = 100 would be achieved; 6 quarters on, a quarterly figure is not judged.
    a = assess(indicator("quarterly"), RM, ROWS, [Point(2022, 2, 100)], at=(2023, 4))
    assert (a.status, a.lag) == ("outdated", 6)


def test_the_latest_observation_is_judged_without_a_period():
    a = assess(indicator("quarterly"), RM, ROWS, [Point(2020, 1, 1)])
    assert (a.period, a.lag, a.as_of) == (None, None, (2020, 1))


def test_max_lag_by_frequency():
    limits = {f: max_lag(indicator(f)) for f in ("monthly", "quarterly", "semiannual", "annual")}
    assert limits == {"monthly": 4, "quarterly": 4, "semiannual": 4, "annual": 8}
    assert dataclasses.replace(indicator("annual"), frequency="").frequency == ""
    assert max_lag(dataclasses.replace(indicator("annual"), frequency="")) == 4
