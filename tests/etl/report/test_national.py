"""National figures: official when published, else rolled up over one level of agencies."""

from __future__ import annotations

import pandas as pd
import pytest

from etl.report.national import national_series
from etl.store.catalogue import read_reference_csv, reference_dir
from indicators.catalogue import Catalogue
from indicators.rollup import rollup_types


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    tables = ("roadmaps", "themes", "indicators", "targets", "scales", "agencies")
    return Catalogue.from_rows(
        **{t: read_reference_csv(reference_dir() / f"{t}.csv") for t in tables}
    )


def frame(*rows):
    return pd.DataFrame(rows, columns=["agency_code", "year", "quarter", "value"])


def test_a_sum_counts_one_level_only(catalogue):
    # Investment is reported by provinces and by their regencies; the regencies' money is part
    # of their province's, so only provinces are added up: 100 + 50 = 150 (not 150 + 60).
    assert rollup_types(catalogue.indicators["INVESTASI"]) == ("PROV",)
    series = national_series(
        frame(("31", 2025, 2, 100.0), ("32", 2025, 2, 50.0), ("31.71", 2025, 2, 60.0)),
        catalogue,
        "INVESTASI",
    )
    row = series.iloc[0]
    assert (row.value, row.source, row.n, row.m) == (150.0, "computed", 2, 38)


def test_a_mean_uses_every_reporting_type(catalogue):
    assert rollup_types(catalogue.indicators["SPBE"]) == ("KL", "PROV", "KABKOTA")
    series = national_series(
        frame(("31", 2025, 4, 3.0), ("31.71", 2025, 4, 2.0), ("KL.KEMENPANRB", 2025, 4, 4.0)),
        catalogue,
        "SPBE",
    )
    # m: who had to report in Q4 2025: 38 provinces, 514 regencies and cities, and the 98
    # ministries and agencies that existed then (agencies.csv valid_from/valid_to).
    assert (series.iloc[0].value, series.iloc[0].n, series.iloc[0].m) == (3.0, 3, 650)


def test_the_official_figure_wins(catalogue):
    series = national_series(frame(("ID", 2024, 4, 3.12), ("31", 2024, 4, 2.0)), catalogue, "SPBE")
    assert (series.iloc[0].value, series.iloc[0].source) == (3.12, "official")


def test_none_leaves_the_national_figure_empty(catalogue):
    assert national_series(frame(("31", 2023, 4, 9.0)), catalogue, "KEMISKINAN").empty
