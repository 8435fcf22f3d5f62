"""Action-plan measures, hand-computed: increments or levels, output realisation, budget
absorption, schedule status and the review flag."""

from __future__ import annotations

import pytest

from indicators import action_plan as ap

N = None


@pytest.mark.parametrize(
    ("targets", "year_target", "unit", "expected"),
    [
        ([1, 1, 1, 1], 4, "Dokumen", (ap.INCREMENTS, True)),  # adds up to the year
        ([25, 50, 75, 100], 100, "%", (ap.LEVELS, True)),  # ends at the year
        ([0, 0, 0, 4], 4, "Dokumen", (ap.INCREMENTS, True)),  # both hold: same reading
        ([1, 2, 3, 5], 8, "Dokumen", (ap.INCREMENTS, False)),  # neither: warn, increments
        ([1, N, 1, N], 2, "Laporan", (ap.INCREMENTS, True)),  # empty quarters are skipped
        ([25, 50, 75, 100], N, "%", (ap.LEVELS, True)),  # no year target: rising percentages
        ([25, 25, 25, 25], N, "persen", (ap.LEVELS, True)),
        ([1, 1, 1, 1], N, "Dokumen", (ap.INCREMENTS, True)),  # no year target: counts add
        ([N, N, N, N], 4, "Dokumen", (ap.INCREMENTS, True)),
    ],
)
def test_target_kind(targets, year_target, unit, expected):
    assert ap.target_kind(targets, year_target, unit) == expected


@pytest.mark.parametrize(
    ("values", "kind", "quarter", "expected"),
    [
        ([1, 1, 1, 1], ap.INCREMENTS, 2, 2),
        ([1, N, 1, 1], ap.INCREMENTS, 3, 2),
        ([25, 50, 75, 100], ap.LEVELS, 3, 75),
        ([25, N, N, 100], ap.LEVELS, 3, 25),  # the latest level so far
        ([N, N, 1, 1], ap.INCREMENTS, 2, N),
    ],
)
def test_cumulative(values, kind, quarter, expected):
    assert ap.cumulative(values, kind, quarter) == expected


@pytest.mark.parametrize(
    ("targets", "realised", "kind", "as_of", "expected"),
    [
        # increments: (1 + 1) / (1 + 1) as of the latest quarter reported (Q2)
        ([1, 1, 1, 1], [1, 1, N, N], ap.INCREMENTS, N, 100.0),
        # (1 + 0) / (1 + 1): a zero is a report
        ([1, 1, 1, 1], [1, 0, N, N], ap.INCREMENTS, N, 50.0),
        # levels: the quarter's level over its target: 30 / 50
        ([25, 50, 75, 100], [25, 30, N, N], ap.LEVELS, N, 60.0),
        # as of Q3 for the whole agency: nothing new in Q3 → (2) / (3)
        ([1, 1, 1, 1], [1, 1, N, N], ap.INCREMENTS, 3, 200 / 3),
        # levels as of Q3 without a Q3 level: the Q2 level 30 over the Q3 target 75
        ([25, 50, 75, 100], [25, 30, N, N], ap.LEVELS, 3, 40.0),
        # nothing reported, nothing due
        ([1, 1, 1, 1], [N, N, N, N], ap.INCREMENTS, N, N),
        ([N, N, 2, 2], [1, N, N, N], ap.INCREMENTS, N, N),  # no target due by Q1
        # more than planned
        ([2, 2, N, N], [3, 3, N, N], ap.INCREMENTS, N, 150.0),
    ],
)
def test_output_realisation(targets, realised, kind, as_of, expected):
    got = ap.output_realisation(targets, realised, kind, as_of)
    assert got == pytest.approx(expected) if expected is not None else got is None


@pytest.mark.parametrize(
    ("budget", "spent", "expected"),
    [(1_500_000, 750_000, 50.0), (2_000_000, 2_200_000, 110.0), (0, 10, N), (N, 10, N), (10, N, N)],
)
def test_budget_absorption(budget, spent, expected):
    assert ap.budget_absorption(budget, spent) == expected


@pytest.mark.parametrize(
    ("targets", "realised", "kind", "as_of", "expected"),
    [
        ([1, 1, 1, 1], [1, 1, N, N], ap.INCREMENTS, N, ap.ON_SCHEDULE),  # 100 %
        ([20, 20, 20, 20], [19, 19, N, N], ap.INCREMENTS, N, ap.ON_SCHEDULE),  # 95 % exactly
        ([20, 20, 20, 20], [19, 18, N, N], ap.INCREMENTS, N, ap.LAGGING),  # 92.5 %
        ([25, 50, 75, 100], [25, 30, N, N], ap.LEVELS, N, ap.LAGGING),  # 60 %
        ([1, 1, 1, 1], [N, N, N, N], ap.INCREMENTS, 2, ap.NOT_STARTED),  # nothing reported
        ([1, 1, 1, 1], [0, 0, N, N], ap.INCREMENTS, N, ap.NOT_STARTED),  # only zeros
        ([N, N, 1, 1], [1, N, N, N], ap.INCREMENTS, N, ap.ON_SCHEDULE),  # ahead of plan
        ([1, 1, 1, 1], [1, N, N, N], ap.INCREMENTS, 2, ap.LAGGING),  # silent in Q2: 1 of 2
    ],
)
def test_schedule_status(targets, realised, kind, as_of, expected):
    assert ap.schedule_status(targets, realised, kind, as_of) == expected


@pytest.mark.parametrize(
    ("absorption", "realisation", "expected"),
    [(90, 60, False), (90.1, 60, True), (40, N, True), (20, N, False), (N, 0, False)],
)
def test_needs_review_when_spending_runs_30_points_ahead(absorption, realisation, expected):
    assert ap.needs_review(absorption, realisation) is expected


def _action(**values):
    base = {f"{k}_tw{q}": None for k in ("target", "realised", "planned_rp", "spent_rp")
            for q in (1, 2, 3, 4)}  # fmt: skip
    return {**base, "budget": None, "budget_spent": None, "target_year": None, **values}


def test_measure_of_one_action_uses_quarterly_money_when_totals_are_missing():
    action = _action(
        target_tw1=1, target_tw2=1, target_tw3=1, target_tw4=1, realised_tw1=0, realised_tw2=1,
        planned_rp_tw1=250, planned_rp_tw2=250, planned_rp_tw3=250, planned_rp_tw4=250,
        spent_rp_tw1=400, spent_rp_tw2=400, target_year=4,
    )  # fmt: skip
    m = ap.measure(action)
    # output 1 of 2 = 50 %; money 800 of 1000 = 80 %; 80 - 50 = 30, not above 30
    assert (m.as_of, m.output_realisation_pct, m.budget_absorption_pct) == (2, 50.0, 80.0)
    assert (m.schedule_status, m.flag) == (ap.LAGGING, None)
    m = ap.measure({**action, "budget_spent": 900})
    assert (m.budget_absorption_pct, m.flag) == (90.0, ap.REVIEW)


def test_summarise_counts_shares_and_absorbs_per_group():
    rows = [
        {"schedule_status": ap.ON_SCHEDULE, "flag": None, "budget": 100, "budget_spent": 50},
        {"schedule_status": ap.LAGGING, "flag": ap.REVIEW, "budget": 300, "budget_spent": 250},
        {"schedule_status": ap.NOT_STARTED, "flag": None, "budget": 100, "budget_spent": None},
        {"schedule_status": ap.ON_SCHEDULE, "flag": None, "budget": None, "budget_spent": None},
    ]
    s = ap.summarise(rows)
    assert (s.actions, s.on_schedule, s.lagging, s.not_started, s.flagged) == (4, 2, 1, 1, 1)
    assert s.share(ap.ON_SCHEDULE) == 0.5
    assert s.absorption_pct == pytest.approx(100 * 300 / 500)
    assert ap.summarise([]).share(ap.ON_SCHEDULE) is None
