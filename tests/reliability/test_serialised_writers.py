"""Writers of one agency and period queue behind each other on PostgreSQL (issue 13 #2, #9): a
review's approval behind a corrected file and the other way round, files of targets alone like
files of values. On SQLite BEGIN IMMEDIATE queues every writer already; the same tests hold
there. Threads start together at a barrier; rounds are bounded."""

from __future__ import annotations

import datetime as dt
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import replace

import pytest
from builders import long_rows, make_xlsx
from sqlalchemy import select

from etl.access import review
from etl.ingest import Upload, check, commit, ingest_path
from etl.store import queries, schema
from etl.store.database import serialise_periods, write_transaction

ROUNDS = 20
KEY = queries.Filters(agency="31", indicator="PDN", year=2023, quarter=4)
obs = schema.observation


def _together(*calls) -> list:
    """Run the calls in threads released at once; each gives its result or refusal's code."""
    start = threading.Barrier(len(calls))

    def run(call):
        start.wait(timeout=60)
        try:
            return call()
        except review.ReviewError as refused:
            return refused.code

    with ThreadPoolExecutor(max_workers=len(calls)) as pool:
        return list(pool.map(run, calls, timeout=300))


@pytest.fixture
def files(engine, tmp_path):
    """`files(name, value, user, review)`: a checked correction of 31/PDN/2023 Q4 (the
    official 40), not yet committed."""
    base = make_xlsx(tmp_path / "resmi.xlsx", long_rows(["31", "PDN", 2023, 4, 40]))
    assert ingest_path(engine, base).status == "accepted"

    def make(name: str, value: float, user: str, status: str = "approved"):
        path = make_xlsx(tmp_path / name, long_rows(["31", "PDN", 2023, 4, value]))
        return check(engine, path.name, path.read_bytes(), Upload(user=user, review=status))

    return make


def _self_superseded(engine) -> list:
    with engine.connect() as conn:
        return conn.execute(
            select(obs.c.id, obs.c.submission_id).where(obs.c.superseded_by == obs.c.submission_id)
        ).all()


def test_an_approval_waits_for_a_file_writing_its_period(engine, files):
    """A file's commit holding 31/2023 TW4 keeps an approval of that period waiting until it
    ends (the approval then supersedes what the file stored), as it keeps another file."""
    pending = commit(engine, files("koreksi.xlsx", 41, "clerk31", "pending")).submission_id
    holding, done = threading.Event(), threading.Event()
    release = threading.Event()

    def file_writing():
        with write_transaction(engine) as conn:
            serialise_periods(conn, {("31", 2023, 4)})
            conn.execute(obs.update().where(obs.c.id == -1).values(value=0))  # a write (SQLite)
            holding.set()
            release.wait(timeout=30)

    def approval():
        holding.wait(timeout=30)
        review.approve(engine, pending, actor="rev")
        done.set()

    with ThreadPoolExecutor(max_workers=2) as pool:
        writer, approver = pool.submit(file_writing), pool.submit(approval)
        holding.wait(timeout=30)
        assert not done.wait(timeout=1.0), "the approval did not wait for the file's period lock"
        release.set()
        writer.result(timeout=30), approver.result(timeout=30)
    assert done.is_set() and list(queries.current_observations(engine, KEY).value) == [41.0]


def test_an_approval_racing_a_corrected_file_leaves_one_current_value(engine, files):
    """Twenty rounds: a reviewer approves the agency's pending 1x while an operator's corrected
    file 5x (stored at once) lands. Whichever comes last is current; the other is history
    superseded by it; nothing superseded by itself; the file's receipt says old → new as it
    was when it landed."""
    corrupt = []
    for i in range(ROUNDS):
        pending = commit(engine, files(f"p{i}.xlsx", 10 + i, "clerk31", "pending")).submission_id
        correction = files(f"o{i}.xlsx", 50 + i / 2, "operator")
        approved, landed = _together(
            lambda sid=pending: review.approve(engine, sid, actor="rev"),
            lambda one=correction: commit(engine, one),
        )
        current = queries.current_observations(engine, KEY)
        history = queries.history(engine, "31", "PDN").set_index("submission_id")
        last = int(current.submission_id.iloc[0]) if len(current) == 1 else None
        first = pending if last == landed.submission_id else landed.submission_id
        old = landed.changes[0].old_value if landed.changes else None
        good = (
            approved == 1
            and landed.status == "accepted"
            and len(current) == 1
            and last in (pending, landed.submission_id)
            and int(history.loc[first].superseded_by) == last
            and (last == pending or old == 10 + i)  # landed after the approval: replaced 1x
            and not _self_superseded(engine)
        )
        corrupt += [] if good else [(i, approved, landed.status, list(current.value), old)]
    assert corrupt == [], f"{len(corrupt)} of {ROUNDS} rounds corrupt: {corrupt}"
    assert queries.history(engine, "31", "PDN").superseded_at.isna().sum() == 1


def test_approving_after_the_period_locked_makes_the_values_official(engine, files):
    """The lock date bounds when an agency may send a file; one sent in time is approved after
    it (the choice noted in review._approve: upload-format.md is silent)."""
    late_check = files("tw4.xlsx", 44, "clerk31", "pending")
    upload = Upload(user="clerk31", review="pending", enforce_locks=True, today=dt.date(2024, 1, 10))  # fmt: skip
    sid = commit(engine, replace(late_check, upload=upload)).submission_id
    assert sid is not None
    assert review.approve(engine, sid, actor="rev") == 1  # today is long past 15 Feb 2024
    assert list(queries.current_observations(engine, KEY).value) == [44.0]


TARGET_HEADER = ["kode_indikator", "tahun", "jenis", "nilai", "batas_bawah", "batas_atas", "sumber"]  # fmt: skip


def test_files_of_targets_alone_for_one_agency_and_year_all_land_in_order(engine, tmp_path):
    """Issue 13 #9 for a Target sheet alone: eight corrections of 32's IRB 2029 target at once.
    Each lands (or the loser is told why, never a database error); one is current, seven are
    history."""
    values = [80 + i for i in range(8)]
    checked = []
    for value in values:
        rows = [["TARGET RPJMD"], ["Kode Instansi", "32"], [], TARGET_HEADER,
                ["IRB", 2029, "target", value, None, None, "RPJMD Jawa Barat 2025-2029"],
                ["SAKIP", 2029, "target", value - 10, None, None, "RPJMD Jawa Barat 2025-2029"]]  # fmt: skip
        path = make_xlsx(tmp_path / f"target_{value}.xlsx", rows, sheet="Target")
        checked.append(check(engine, path.name, path.read_bytes(), Upload(user=f"op{value}")))
        assert checked[-1].accepted, checked[-1].result.issues
    began = time.monotonic()
    results = _together(*[lambda one=one: commit(engine, one) for one in checked])
    assert time.monotonic() - began < 60
    assert [r.status for r in results] == ["accepted"] * 8, [r.issues for r in results]
    tgt = schema.target.c
    with engine.connect() as conn:
        rows = conn.execute(
            select(tgt.value, tgt.superseded_at, tgt.submission_id).where(
                tgt.agency == "32",
                tgt.indicator == "IRB",
                tgt.year == 2029,
                tgt.kind == "target",
                tgt.submission_id.is_not(None),
            )
        ).all()
    assert sorted(r.value for r in rows) == values
    assert sum(r.superseded_at is None for r in rows) == 1
