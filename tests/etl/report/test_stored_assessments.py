"""Statuses computed when data changes (issue 15): the stored results equal the live computation
for several periods, are brought up to date by an upload and an approval in their own
transaction, and `python -m etl assess` finds any difference, on both backends."""

from __future__ import annotations

import math

import pandas as pd
import pytest
from builders import LONG_HEADER, long_rows, make_xlsx
from sqlalchemy import update

from etl.access import review
from etl.cli.main import main
from etl.ingest import Upload, ingest_path
from etl.report import national
from etl.report.assessment_check import differences
from etl.report.tables import TABLES, statuses_as_of
from etl.store import assessments, schema
from etl.store.catalogue import load_catalogue
from etl.store.queries import Filters, current_observations

PERIODS = [(2024, 4), (2025, 1), (2025, 3), (2026, 2), (2026, 3)]
KEY = ["agency_code", "indicator_code"]
KL_CODES = ("IRB", "PDN")  # what a ministry reports of these


def _values(engine, tmp_path, name: str, agencies, value, upload: Upload | None = None):
    rows = [
        [agency, code, year, quarter, value(i, year, quarter)]
        for agency in agencies
        for i, code in enumerate(("IRB", "PDN", "INFLASI", "KEMISKINAN", "INVESTASI"))
        for year in (2023, 2024, 2025, 2026)
        for quarter in (1, 2, 3, 4)
        if (year, quarter) < (2026, 4)
        and not (code == "IRB" and quarter != 4)
        and (code in KL_CODES or not agency.startswith("KL."))
    ]
    path = make_xlsx(tmp_path / name, long_rows(*rows, header=LONG_HEADER))
    return ingest_path(engine, path, upload)


def _same(a, b) -> bool:
    missing = [v is None or (isinstance(v, float) and math.isnan(v)) for v in (a, b)]
    if any(missing):
        return all(missing)
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-12)


def _assert_frames_equal(stored: pd.DataFrame, live: pd.DataFrame, key: list[str]) -> None:
    stored = stored.sort_values(key).reset_index(drop=True)
    live = live.sort_values(key).reset_index(drop=True)
    assert list(stored.columns) == list(live.columns)
    assert len(stored) == len(live)
    wrong = [
        (row[key[0]], row[key[-1]], column, row[column], other[column])
        for (_, row), (_, other) in zip(stored.iterrows(), live.iterrows())
        for column in stored.columns
        if not _same(row[column], other[column])
    ]
    assert wrong == []


@pytest.fixture
def loaded(engine, tmp_path):
    result = _values(engine, tmp_path, "a.xlsx", ["31", "32", "KL.KEMENPANRB"], lambda i, y, q: 50 + 3 * i + (y - 2023) * 4 + q)  # fmt: skip
    assert result.status == "accepted"
    return engine


def test_stored_statuses_equal_the_live_computation_for_several_periods(loaded, monkeypatch):
    catalogue = load_catalogue(loaded)
    stored = {p: statuses_as_of(loaded, Filters(year=p[0], quarter=p[1]))[0] for p in PERIODS}
    national_stored = {
        p: national.stored_statuses(loaded, catalogue, catalogue.roadmap_for(p[0]).code, p)
        for p in PERIODS
    }
    series = national.stored_series(loaded)
    monkeypatch.setattr(assessments, "is_current", lambda conn: False)  # the live path
    frame = current_observations(loaded)
    live_series = {
        code: national.national_series(frame[frame.indicator_code == code], catalogue, code)
        for code in catalogue.indicators
    }
    for period in PERIODS:
        live, _, _ = statuses_as_of(loaded, Filters(year=period[0], quarter=period[1]))
        assert set(live.status) - {"no_data"}, "the fixture judges something"
        _assert_frames_equal(stored[period], live, KEY)
        roadmap = catalogue.roadmap_for(period[0]).code
        live = national.national_statuses(live_series, catalogue, roadmap, period)
        _assert_frames_equal(national_stored[period], live, KEY)
    assert national.stored_series(loaded) is None
    for code, kept in series.items():
        _assert_frames_equal(kept, live_series[code], ["year", "quarter"])


def test_an_upload_and_an_approval_update_the_stored_rows_and_etl_assess_checks_them(
    loaded, db_url, tmp_path, capsys
):
    assert main(["assess", "--db", db_url]) == 0
    # A correction sent for review changes no official status until it is approved.
    pending = _values(loaded, tmp_path, "b.xlsx", ["31"], lambda i, y, q: 90.0, Upload(user="clerk31", review="pending"))  # fmt: skip
    assert pending.status == "accepted"
    assert differences(loaded)[0] == 0
    review.approve(loaded, pending.submission_id, actor="reviewer")
    count, lines = differences(loaded)
    assert (count, lines) == (0, [])
    judged, _, _ = statuses_as_of(loaded, Filters(year=2026, quarter=3, agency="31"))
    assert set(judged[judged.value.notna()].value) == {90.0}
    # A stored row that no longer equals the computation is found and named; a rebuild mends it.
    with loaded.begin() as conn:
        conn.execute(
            update(schema.assessment)
            .where(schema.assessment.c.agency == "31", schema.assessment.c.indicator == "PDN")
            .values(status="deteriorating")
        )
    capsys.readouterr()
    assert main(["assess", "--db", db_url]) == 1
    out = capsys.readouterr().out
    assert "assessment 31/PDN/" in out and "'deteriorating'" in out
    assert main(["assess", "--rebuild", "--db", db_url]) == 0


def test_rows_built_under_other_thresholds_are_not_read(loaded, db_url, monkeypatch, capsys):
    monkeypatch.setenv("RB_ON_TRACK_RATIO", "0.9")
    assert national.stored_series(loaded) is None  # the pages compute live meanwhile
    assert main(["assess", "--db", db_url]) == 1
    assert "--rebuild" in capsys.readouterr().out
    assert main(["assess", "--rebuild", "--db", db_url]) == 0
    assert national.stored_series(loaded) is not None


def test_the_observations_export_reads_the_stored_rows_as_the_live_one_computes(
    loaded, monkeypatch
):
    filters = [Filters(), Filters(year=2025), Filters(year=2026, quarter=2, agency="31")]
    stored = [TABLES["observations"](loaded, f) for f in filters]
    monkeypatch.setattr(assessments, "is_current", lambda conn: False)
    for kept, f in zip(stored, filters, strict=True):
        live = TABLES["observations"](loaded, f)
        assert len(live) and list(kept.columns) == list(live.columns)
        key = ["agency_code", "indicator_code", "year", "quarter"]
        _assert_frames_equal(kept.drop(columns=["submitted_at"]), live.drop(columns=["submitted_at"]), key)  # fmt: skip


def test_targets_an_agency_sends_and_the_national_band_move_the_stored_rows(loaded, tmp_path):
    header = ["kode_indikator", "tahun", "jenis", "nilai", "batas_bawah", "batas_atas", "sumber"]

    def targets(agency, *data):
        rows = [["TARGET"], ["Kode Instansi", agency], [], header, *data]
        return ingest_path(loaded, make_xlsx(tmp_path / f"t_{agency}.xlsx", rows, sheet="Target"))

    before, _, _ = statuses_as_of(loaded, Filters(year=2026, quarter=3, agency="31"))
    own = targets("31", ["PDN", 2024, "baseline", 40, None, None, "RPJMD"], ["PDN", 2029, "target", 99, None, None, "RPJMD"])  # fmt: skip
    assert own.status == "accepted"
    # The national inflation band applies to every region: a new one judges them all again.
    band = targets("ID", ["INFLASI", 2026, "target", None, 10.0, 12.0, "RPJMN"])
    assert band.status == "accepted"
    assert differences(loaded) == (0, [])
    after, _, _ = statuses_as_of(loaded, Filters(year=2026, quarter=3, agency="31"))
    pdn = after.set_index("indicator_code").loc["PDN"]
    assert (pdn.final_target, pdn.baseline) == (99.0, 40.0)
    assert not before.set_index("indicator_code").loc["PDN"].equals(pdn)
