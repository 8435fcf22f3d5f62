"""Many agencies at once, two corrections racing, and a load killed in the middle: on SQLite and
on PostgreSQL. Each test is bounded in count and time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
from builders import long_rows, make_xlsx
from processes import project_env, run_etl
from sqlalchemy import func, select, text

from etl.ingest import Upload, ingest_path
from etl.store import queries, schema
from etl.store.database import make_engine

PROVINCES = ["11", "12", "13", "14", "15", "16", "17", "18", "19", "21",
             "31", "32", "33", "34", "35", "36", "51", "52", "53", "61"]  # fmt: skip


def counts(engine) -> tuple[int, int]:
    with engine.connect() as conn:
        return (
            conn.execute(select(func.count()).select_from(schema.observation)).scalar(),
            conn.execute(select(func.count()).select_from(schema.submission)).scalar(),
        )


def test_twenty_agencies_upload_at_once(engine, tmp_path):
    files = [
        make_xlsx(
            tmp_path / f"{code}.xlsx",
            long_rows(*[[code, "PDN", 2023, q, 40 + q + i] for q in (1, 2, 3, 4)]),
        )
        for i, code in enumerate(PROVINCES)
    ]
    before_obs, before_sub = counts(engine)
    start = threading.Barrier(len(files))

    def upload(path):
        start.wait(timeout=60)
        return ingest_path(engine, path, Upload(user=f"clerk.{path.stem}"))

    with ThreadPoolExecutor(max_workers=len(files)) as pool:
        results = list(pool.map(upload, files, timeout=300))
    assert [r.status for r in results] == ["accepted"] * len(files)
    assert len({r.submission_id for r in results}) == len(files)
    assert counts(engine) == (before_obs + 4 * len(files), before_sub + len(files))
    frame = queries.current_observations(engine, queries.Filters(indicator="PDN", year=2023))
    assert sorted(set(frame.agency_code)) == sorted(PROVINCES)
    assert len(frame) == 4 * len(files)  # none lost, none duplicated


def test_two_corrections_racing_never_mix(engine, tmp_path):
    base = make_xlsx(
        tmp_path / "awal.xlsx", long_rows(["31", "PDN", 2023, 4, 40], ["31", "IRB", 2023, 4, 60])
    )
    assert ingest_path(engine, base).status == "accepted"
    a = make_xlsx(
        tmp_path / "koreksi_a.xlsx",
        long_rows(["31", "PDN", 2023, 4, 45], ["31", "IRB", 2023, 4, 65]),
    )
    b = make_xlsx(
        tmp_path / "koreksi_b.xlsx",
        long_rows(["31", "PDN", 2023, 4, 50], ["31", "IRB", 2023, 4, 70]),
    )
    for _ in range(3):  # a few rounds, each starting both at the same moment
        start = threading.Barrier(2)

        def upload(path, start=start):
            start.wait(timeout=60)
            return ingest_path(engine, path)

        with ThreadPoolExecutor(max_workers=2) as pool:
            results = list(pool.map(upload, (a, b), timeout=120))
        assert {r.status for r in results} <= {"accepted", "unchanged"}
        current = queries.current_observations(engine, queries.Filters(agency="31", year=2023))
        by_code = dict(zip(current.indicator_code, current.value))
        # All current values come from one file, never PDN from one and IRB from the other.
        assert (by_code["PDN"], by_code["IRB"]) in {(45, 65), (50, 70)}
        assert current.submission_id.nunique() == 1
    history = queries.history(engine, "31", "PDN")
    assert {40.0, 45.0, 50.0} <= set(history.value)
    assert history.superseded_at.isna().sum() == 1


def _writing(engine, url: str, wal: Path | None) -> bool:
    if wal is not None:
        return wal.exists() and wal.stat().st_size > 2_000_000
    with engine.connect() as conn:
        return bool(
            conn.execute(
                text(
                    "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                    " AND state = 'active' AND query ILIKE 'COPY%'"
                )
            ).scalar()
        )


@pytest.mark.slow
def test_load_killed_in_the_middle_leaves_the_state_before(db_url, tmp_path):
    from bench.workbooks import national_rows, xlsx_bytes
    from etl.store.catalogue import load_catalogue

    engine = make_engine(db_url)
    national = tmp_path / "nasional.xlsx"
    national.write_bytes(xlsx_bytes(national_rows(load_catalogue(engine), [2022, 2023, 2024])))
    before = counts(engine)
    wal = Path(engine.url.database + "-wal") if db_url.startswith("sqlite") else None
    child = subprocess.Popen(
        [sys.executable, "-m", "etl", "ingest", str(national), "--db", db_url],
        cwd=tmp_path, env=project_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 120
    while not _writing(engine, db_url, wal):
        assert child.poll() is None, "the load finished before it could be killed"
        assert time.monotonic() < deadline, "the load never started writing"
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=30)
    engine.dispose()
    engine = make_engine(db_url)
    assert counts(engine) == before
    init = run_etl("init", "--db", db_url, cwd=tmp_path, timeout=120)
    assert init.returncode == 0, init.stderr
    again = ingest_path(engine, national)
    assert again.status == "accepted" and again.rows.inserted > 90_000
    engine.dispose()


def test_eight_corrections_of_one_agency_and_quarter_all_land_in_order(engine, tmp_path):
    """Issue 13 #9: five or more corrections at once failed on PostgreSQL (unique index,
    deadlock) after three tries. Serialised per agency and period, every one lands."""
    from etl.ingest import check, commit

    base = make_xlsx(tmp_path / "awal.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    assert ingest_path(engine, base).status == "accepted"
    values = [41 + i for i in range(8)]
    checked = []
    for value in values:
        path = make_xlsx(
            tmp_path / f"koreksi_{value}.xlsx",
            long_rows(["31", "PDN", 2023, 4, value], ["31", "IRB", 2023, 4, value + 10]),
        )
        checked.append(check(engine, path.name, path.read_bytes(), Upload(user=f"c{value}")))
    start = threading.Barrier(len(checked))

    def land(one):
        start.wait(timeout=60)
        return commit(engine, one)

    began = time.monotonic()
    with ThreadPoolExecutor(max_workers=len(checked)) as pool:
        results = list(pool.map(land, checked, timeout=300))
    elapsed = time.monotonic() - began
    assert [r.status for r in results] == ["accepted"] * 8, [r.issues for r in results]
    assert elapsed < 60
    current = queries.current_observations(engine, queries.Filters(agency="31", year=2023))
    pdn = current[current.indicator_code == "PDN"]
    assert len(pdn) == 1 and pdn.value.iloc[0] in values
    history = queries.history(engine, "31", "PDN")
    assert sorted(history.value) == [40.0, *map(float, values)]
    assert history.superseded_at.isna().sum() == 1


def test_a_file_that_keeps_losing_the_race_is_refused_with_a_code(engine, tmp_path, monkeypatch):
    """After every retry, a coded bilingual refusal, never an exception for the user."""
    from sqlalchemy.exc import IntegrityError

    import etl.ingest
    from etl.ingest import check, commit

    path = make_xlsx(tmp_path / "kalah.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    checked = check(engine, path.name, path.read_bytes(), Upload())

    def always_beaten(*args, **kwargs):
        raise IntegrityError("INSERT", None, Exception("duplicate key"))

    monkeypatch.setattr(etl.ingest, "store_file", always_beaten)
    result = commit(engine, checked)
    assert result.status == "rejected" and result.submission_id is None
    assert [i.code for i in result.issues] == ["commit_conflict"]
    assert "kalah.xlsx" in result.issues[0].message_id and "retries" in result.issues[0].message_en
    assert counts(engine)[1] == 1  # only the reference submission of init
