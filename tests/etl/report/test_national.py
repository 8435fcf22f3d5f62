"""National figures: official when published, else rolled up over one level of agencies, and
only when enough of them reported (RB_MIN_COVERAGE)."""

from __future__ import annotations

import pandas as pd
import pytest
from builders import long_rows, make_xlsx

from etl.ingest import ingest_path
from etl.report.national import national_series, national_statuses
from etl.report.tables import TABLES, statuses_as_of
from etl.store.catalogue import load_catalogue, read_reference_csv, reference_dir
from etl.store.queries import Filters, current_observations
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


def provinces(catalogue, count: int, value: float = 1.0, year=2025, quarter=2):
    codes = sorted(a.code for a in catalogue.agencies.values() if a.type == "PROV")[:count]
    return [(c, year, quarter, value) for c in codes]


def test_a_sum_counts_one_level_only_and_needs_every_agency(catalogue):
    # Investment is reported by provinces and by their regencies; the regencies' money is part
    # of their province's, so only provinces are added up: 38 × 10 = 380 (the regency's 60
    # is not added). A sum needs all 38: one missing would understate the nation.
    assert rollup_types(catalogue.indicators["INVESTASI"]) == ("PROV",)
    rows = [*provinces(catalogue, 38, 10.0), ("31.71", 2025, 2, 60.0)]
    row = national_series(frame(*rows), catalogue, "INVESTASI", coverage=0.8).iloc[0]
    assert (row.value, row.source, row.computed, row.n, row.m) == (380.0, "computed", True, 38, 38)
    # 37 of 38 (0.97 >= 0.8, but a sum needs all): no figure, the coverage is kept.
    row = national_series(frame(*provinces(catalogue, 37)), catalogue, "INVESTASI").iloc[0]
    assert row.value != row.value and (row.source, row.computed, row.n, row.m) == (
        "insufficient", False, 37, 38,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("reported", "coverage", "source"),
    [
        # m = 650 in Q4 2025: 38 provinces, 514 regencies and cities, and the 98 ministries and
        # agencies that existed then (agencies.csv valid_from/valid_to). 0.8 × 650 = 520.
        (520, 0.8, "computed"),  # 520/650 = 0.8
        (519, 0.8, "insufficient"),  # 519/650 = 0.798
        (3, 0.8, "insufficient"),  # the old rule computed a "national" mean from 3 agencies
        (3, 0.0, "computed"),  # the setting decides
    ],
)
def test_a_mean_needs_the_minimum_coverage(catalogue, reported, coverage, source):
    assert rollup_types(catalogue.indicators["SPBE"]) == ("KL", "PROV", "KABKOTA")
    members = sorted(
        a.code
        for a in catalogue.agencies.values()
        if a.type in ("KL", "PROV", "KABKOTA") and a.exists_in(2025, 4)
    )
    rows = [(code, 2025, 4, 3.0) for code in members[:reported]]
    row = national_series(frame(*rows), catalogue, "SPBE", coverage=coverage).iloc[0]
    assert (row.source, row.n, row.m) == (source, reported, 650)
    assert bool(row.computed) is (source == "computed")
    assert (row.value == 3.0) if source == "computed" else (row.value != row.value)


def test_the_official_figure_wins(catalogue):
    series = national_series(frame(("ID", 2024, 4, 3.12), ("31", 2024, 4, 2.0)), catalogue, "SPBE")
    assert (series.iloc[0].value, series.iloc[0].source, series.iloc[0].computed) == (
        3.12, "official", False,
    )  # fmt: skip


def test_none_leaves_the_national_figure_empty(catalogue):
    assert national_series(frame(("31", 2023, 4, 9.0)), catalogue, "KEMISKINAN").empty


def test_a_computed_national_status_says_it_is_computed(catalogue):
    # All 38 provinces report PDN 50 in Q4 2025; m counts the ministries and regencies too
    # (PDN is reported by KL, PROV and KABKOTA), so the coverage is set to 0 to compute it.
    series = {"PDN": national_series(frame(*provinces(catalogue, 38, 50.0, 2025, 4)), catalogue,
                                     "PDN", coverage=0.0)}  # fmt: skip
    judged = national_statuses(series, catalogue, "RB-2025-2029", (2025, 4))
    pdn = judged.set_index("indicator_code").loc["PDN"]
    assert (pdn.value, pdn.computed, pdn.n) == (50.0, True, 38)
    assert not judged.set_index("indicator_code").loc["SPBE"].computed  # no_data, not computed


def test_one_approved_upload_makes_no_national_figure(engine, tmp_path):
    # KemenPANRB alone reports its IRB for Q4 2025: 1 of 650 agencies. There is no official
    # national IRB for 2025, and one ministry is not the nation: no national figure, no status.
    path = make_xlsx(tmp_path / "panrb.xlsx", long_rows(["KL.KEMENPANRB", "IRB", 2025, 4, 80.0]))
    assert ingest_path(engine, path).status == "accepted"
    catalogue = load_catalogue(engine)
    observed = current_observations(engine, Filters(indicator="IRB"))
    series = national_series(observed, catalogue, "IRB")
    q4 = series[(series.year == 2025) & (series.quarter == 4)].iloc[0]
    assert q4.value != q4.value and (q4.source, q4.computed, q4.n, q4.m) == (
        "insufficient", False, 1, 650,
    )  # fmt: skip
    judged = national_statuses({"IRB": series}, catalogue, "RB-2025-2029", (2025, 4))
    irb = judged.set_index("indicator_code").loc["IRB"]
    # The official 2024 figure belongs to the previous road map: nothing to judge in 2025.
    assert (irb.status, irb.computed) == ("no_data", False)
    # The ministry itself has no IRB target of its own: no_target, not "Memburuk" against the
    # national baseline 69.98 it never committed to.
    own, _, _ = statuses_as_of(engine, Filters(year=2025, quarter=4, agency="KL.KEMENPANRB"))
    row = own.set_index("indicator_code").loc["IRB"]
    assert (row.status, row.value) == ("no_target", 80.0)
    assert pd.isna(row.target_used) and pd.isna(row.baseline) and pd.isna(row.expected)


@pytest.mark.parametrize(("setting", "source"), [("0.8", "insufficient"), ("0.004", "computed")])
def test_the_coverage_is_the_setting_rb_min_coverage(catalogue, monkeypatch, setting, source):
    # 3 of 650 = 0.0046: below the default 0.8, above 0.004.
    monkeypatch.setenv("RB_MIN_COVERAGE", setting)
    rows = frame(("31", 2025, 4, 3.0), ("31.71", 2025, 4, 2.0), ("KL.KEMENPANRB", 2025, 4, 4.0))
    row = national_series(rows, catalogue, "SPBE").iloc[0]
    assert (row.source, row.n, row.m) == (source, 3, 650)


def test_the_national_export_carries_computed_coverage_source_and_confidence(engine, tmp_path):
    # One province's IRB for Q4 2025 beside the official figures of `etl init`: the official
    # 2024 row names its reference source and confidence; the 2025 row is no figure (1 of 650),
    # never a computed one, and says how many reported.
    path = make_xlsx(tmp_path / "jabar.xlsx", long_rows(["32", "IRB", 2025, 4, 77.0]))
    assert ingest_path(engine, path).status == "accepted"
    table = TABLES["national"](engine, Filters(indicator="IRB"))
    rows = table.set_index(["year", "quarter"])
    official = rows.loc[(2024, 4)]
    assert (official.figure, bool(official.computed), bool(official.demo)) == (
        "official", False, False,
    )  # fmt: skip
    assert official.source == "RPJMN 2025-2029 baseline" and official.confidence == "medium"
    lone = rows.loc[(2025, 4)]
    assert (lone.figure, bool(lone.computed), lone.n, lone.m) == ("insufficient", False, 1, 650)
    assert pd.isna(lone.value) and pd.isna(lone.status) and "1 of 650" in lone.source
    # Filtered to a period, the row is still judged from the whole series (its baseline).
    only = TABLES["national"](engine, Filters(indicator="IRB", year=2024, quarter=4))
    assert len(only) == 1 and only.iloc[0].figure == "official"
