"""A period's statuses from a real database: which observation a period shows, and when it is
too old to be judged (issue 12)."""

from __future__ import annotations

import pandas as pd
from builders import LONG_HEADER, long_rows, make_xlsx

from etl.ingest import ingest_path
from etl.report.tables import statuses_as_of
from etl.store.queries import Filters


def test_a_stale_quarterly_value_is_outdated_with_its_period(engine, tmp_path):
    # Jakarta's PDN (quarterly) for Q1 2025 only, with its own target 40: A = 100*35/40 = 87.5.
    rows = long_rows(["31", "PDN", 2025, 1, 35.0, 40.0], header=[*LONG_HEADER, "target"])
    assert ingest_path(engine, make_xlsx(tmp_path / "dki.xlsx", rows)).status == "accepted"

    def pdn(year, quarter):
        judged, _, _ = statuses_as_of(engine, Filters(year=year, quarter=quarter, agency="31"))
        return judged.set_index("indicator_code").loc["PDN"]

    # Q1 2026: (2026*4+1) - (2025*4+1) = 4 quarters, the most a quarterly value may lag: judged.
    row = pdn(2026, 1)
    assert (row.status, row.as_of_year, row.as_of_quarter, row.lag_quarters) == (
        "needs_acceleration", 2025, 1, 4,
    )  # fmt: skip
    assert row.achievement_pct == 87.5
    # Q2 2026: 5 quarters: shown with its period and value, but outdated.
    row = pdn(2026, 2)
    assert (row.status, row.reason, row.value, row.lag_quarters) == (
        "outdated",
        "outdated",
        35.0,
        5,
    )
    assert (row.year, row.quarter) == (2025, 1)
    # The uploaded target belongs to Q1 2025 and is shown with it; no target is invented.
    assert row.target_used == 40.0 and row.target_source == "uploaded"
    assert pd.isna(row.expected)
