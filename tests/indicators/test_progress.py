"""The progress method of ../shared/spec/progress-method.md, rule by rule.

Every expected number is worked out by hand in the comment beside it; times follow the method's
convention t = (year - 1) + quarter/4, so Q4 2024 is t = 2024.0 and a target for 2024 sits there.
"""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as hs

from indicators import status as st
from indicators.catalogue import NATIONAL, Catalogue, Indicator, Roadmap, ScaleBand, Target
from indicators.path import Baseline, ExpectedPath, annual_targets, baseline_for, final_target
from indicators.progress import (
    Point,
    Thresholds,
    achievement,
    assess,
    assess_series,
    category_for,
    meets_target,
    period_t,
    project,
    status_from_achievement,
    status_from_ratio,
)

REFERENCE = Path(__file__).resolve().parents[2] / "data" / "reference" / "rb"
RM = Roadmap("RB-T", "Uji", "Test", 2020, 2024)


def indicator(direction="higher_better", period_value="level", lo=None, hi=None) -> Indicator:
    return Indicator(
        code="X",
        theme="T",
        name_id="x",
        name_en="x",
        unit="indeks",
        min=lo,
        max=hi,
        direction=direction,
        agency_types=("KL",),
        national_rollup="mean",
        scale="",
        frequency="annual",
        period_value=period_value,
    )


def target(year, value=None, kind="target", low=None, high=None) -> Target:
    return Target("RB-T", "X", "KL.A", year, kind, value, low, high)


def base(year, value) -> Target:
    return target(year, value, kind="baseline")


def annual(*pairs) -> list[Point]:
    return [Point(year, 4, value) for year, value in pairs]


def _rows(name: str) -> list[dict[str, str]]:
    with (REFERENCE / f"{name}.csv").open(encoding="utf-8") as f:
        return list(csv.DictReader(f))


@pytest.fixture(scope="module")
def ref() -> tuple[Catalogue, list[dict[str, str]]]:
    """The shipped reference catalogue and the published national values."""
    cat = Catalogue.from_rows(
        roadmaps=_rows("roadmaps"),
        indicators=_rows("indicators"),
        targets=_rows("targets"),
        scales=_rows("scales"),
    )
    return cat, _rows("national_actuals")


def national(ref, code: str, roadmap: str, *extra: Point):
    """Indicator, road map, national targets and national values (extras appended: they win)."""
    cat, actuals = ref
    pts = [
        Point(int(r["year"]), int(r["quarter"]), float(r["value"]))
        for r in actuals
        if r["indicator"] == code
    ]
    rm = cat.roadmaps[roadmap]
    return cat.indicators[code], rm, cat.targets_for(rm.code, code, NATIONAL), [*pts, *extra]


# --- Time --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("year", "quarter", "t"),
    [
        (2024, 4, 2024.0),  # (2024-1) + 4/4
        (2024, 1, 2023.25),  # (2024-1) + 1/4
        (2025, 2, 2024.5),  # (2025-1) + 2/4
        (2021, 3, 2020.75),  # (2021-1) + 3/4: a September release
    ],
)
def test_period_t_places_a_quarter_at_its_end(year, quarter, t):
    assert period_t(year, quarter) == t
    assert Point(year, quarter, 1.0).t == t


@pytest.mark.parametrize("quarter", [0, 5])
def test_period_t_rejects_a_quarter_outside_1_to_4(quarter):
    with pytest.raises(ValueError):
        period_t(2024, quarter)


# --- Baseline and final target -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("rows", "observations", "before", "expected"),
    [
        # The road map's baseline row wins over observations.
        ([base(2019, 40)], [(2020.0, 37)], 2024.0, Baseline(40, 2019.0, "target_row")),
        # Several rows: the one closest to the start year 2020 (2019 is 1 away, 2017 is 3).
        ([base(2017, 1), base(2019, 2), base(2023, 3)], [], 2024.0, Baseline(2, 2019.0, "target_row")),
        # Equally close (2019 and 2021 both 1 away): the earlier one.
        ([base(2021, 3), base(2019, 2)], [], 2024.0, Baseline(2, 2019.0, "target_row")),
        # No row: the latest observation at or before the end of 2020 (t <= 2020.0).
        ([], [(2019.0, 1.0), (2019.5, 2.0), (2020.0, 3.0), (2020.25, 4.0)], 2024.0,
         Baseline(3.0, 2020.0, "observation")),
        # ... and earlier than the observation being judged, so Q4 2020 is not its own baseline.
        ([], [(2019.0, 1.0), (2019.5, 2.0), (2020.0, 3.0)], 2020.0, Baseline(2.0, 2019.5, "observation")),
        # No row and nothing early enough: no baseline.
        ([], [(2020.25, 4.0)], 2024.0, None),
        # A baseline row without a value does not count.
        ([base(2019, None)], [], 2024.0, None),
    ],
)  # fmt: skip
def test_baseline_selection(rows, observations, before, expected):
    assert baseline_for(RM, rows, observations, before=before) == expected


def test_final_target_is_the_last_year_with_a_target():
    rows = [base(2019, 1), target(2022, 2), target(2023, 3), target(2024, None), target(2026, 9)]
    # 2024 has no value and 2026 lies outside 2020-2024: F is 2023's target.
    assert final_target(RM, rows).value == 3
    assert sorted(annual_targets(RM, rows)) == [2022, 2023]
    assert final_target(RM, [base(2019, 1)]) is None


# --- Expected path -----------------------------------------------------------------------------

SPBE_PATH = ExpectedPath.build(
    Baseline(1.98, 2018.0, "target_row"), {2022: target(2022, 2.30), 2024: target(2024, 2.60)}
)


@pytest.mark.parametrize(
    ("t", "expected"),
    [
        (2017.0, 1.98),  # before t_B: B
        (2018.0, 1.98),  # at t_B: B
        (2020.0, 2.14),  # 1.98 + (2.30-1.98)*2/4
        (2022.0, 2.30),  # at a target year's end: T2022
        (2023.0, 2.45),  # 2.30 + (2.60-2.30)*1/2
        (2023.5, 2.525),  # Q2 2024: 2.30 + 0.30*1.5/2
        (2024.0, 2.60),  # T2024
        (2026.0, 2.60),  # flat after the last target
    ],
)
def test_expected_path_spbe(t, expected):
    assert SPBE_PATH.at(t) == pytest.approx(expected)


def test_path_ignores_targets_dated_at_or_before_the_baseline():
    rows = {2021: target(2021, 50), 2022: target(2022, 60), 2024: target(2024, 80)}
    path = ExpectedPath.build(Baseline(55, 2022.0, "observation"), rows)
    # Knots (2022, 55) and (2024, 80): E(2023.0) = 55 + 25/2 = 67.5; 2022's 60 is not on it.
    assert path.knots == ((2022.0, 55), (2024.0, 80))
    assert path.at(2023.0) == pytest.approx(67.5)


def test_path_without_targets_after_the_baseline_is_flat():
    path = ExpectedPath.build(Baseline(55, 2024.0, "observation"), {2023: target(2023, 60)})
    assert path.at(2020.0) == path.at(2030.0) == 55


# --- Achievement -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("direction", "value", "t", "band", "expected"),
    [
        ("higher_better", 2.34, 2.30, None, 101.73913043),  # 100*2.34/2.30
        ("higher_better", 3.12, 2.60, None, 120.0),  # 100*3.12/2.60
        ("higher_better", 37, 45, None, 82.2222222),  # 100*37/45
        ("higher_better", -0.5, 0.5, None, 0.0),  # 100*(-0.5)/0.5 = -100, floored at 0
        ("higher_better", -0.25, -0.5, None, 150.0),  # negative T: 100*(1 + 0.25/0.5)
        ("lower_better", 8.0, 7.0, None, 85.7142857),  # 100*(2*7-8)/7
        ("lower_better", 6.0, 7.0, None, 114.2857143),  # 100*(2*7-6)/7
        ("lower_better", 15.0, 7.0, None, 0.0),  # 100*(14-15)/7 = -14.3, floored at 0
        ("lower_better", 9.03, 7.6775, None, 82.3835884),  # 100*(2*7.6775-9.03)/7.6775
        ("target_band", 2.61, 3.0, (2.0, 4.0), 100.0),  # inside the band
        ("target_band", 4.5, 3.0, (2.0, 4.0), 75.0),  # 100*(1 - 0.5/2)
        ("target_band", 1.8, 3.0, (2.0, 4.0), 90.0),  # 100*(1 - 0.2/2)
        ("target_band", 7.0, 3.0, (2.0, 4.0), 0.0),  # 100*(1 - 3/2) = -50, floored at 0
        ("target_band", 1.87, 2.56, None, 73.046875),  # a point: 100*(1 - 0.69/2.56)
        ("target_band", 5.51, 2.56, None, 0.0),  # 100*(1 - 2.95/2.56) < 0, floored at 0
        # T = 0: 100 when met, else 0.
        ("lower_better", 0.0, 0.0, None, 100.0),
        ("lower_better", 0.3, 0.0, None, 0.0),
        ("higher_better", 1.0, 0.0, None, 100.0),
        ("higher_better", -1.0, 0.0, None, 0.0),
        ("target_band", 0.0, 0.0, None, 100.0),
        ("target_band", 0.1, 0.0, None, 0.0),
    ],
)
def test_achievement(direction, value, t, band, expected):
    assert achievement(direction, value, t, band) == pytest.approx(expected)


def test_achievement_rejects_an_unknown_direction():
    with pytest.raises(ValueError):
        achievement("sideways", 1.0, 1.0)


@pytest.mark.parametrize(
    ("direction", "value", "t", "band", "met"),
    [
        ("higher_better", 45, 45, None, True),
        ("higher_better", 44.9, 45, None, False),
        ("lower_better", 7.0, 7.0, None, True),
        ("lower_better", 8.0, 7.5, (7.0, 8.0), True),  # a range is met at its lenient bound
        ("lower_better", 8.01, 7.5, (7.0, 8.0), False),
        ("higher_better", 7.0, 7.5, (7.0, 8.0), True),
        ("target_band", 3.5, 2.5, (1.5, 3.5), True),  # met inside, bounds included
        ("target_band", 1.4, 2.5, (1.5, 3.5), False),
        ("target_band", 2.5, 2.5, None, True),
    ],
)
def test_meets_target(direction, value, t, band, met):
    assert meets_target(direction, value, t, band) is met
