"""`make run` at every start (issue 17): `etl demo` skips a demo already loaded with the same seed
and files, loads again with `--force` (and asks for another seed's load), shows counted progress and rebuilds the
stored statuses once (equal to a fresh computation); `etl init` on an unchanged database does
not rebuild them. One real SQLite file, the demo loaded once for the module."""

from __future__ import annotations

import contextlib
import datetime as dt
import io

import pytest
from sqlalchemy import func, select

from etl.bootstrap import init_database
from etl.cli.main import main
from etl.demo.fingerprint import ACTION
from etl.demo.load import is_loaded, plan_demo
from etl.store import assessments, schema
from etl.store.catalogue import load_catalogue
from etl.store.database import make_engine

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def loaded(tmp_path_factory):
    """(URL, engine, what the first `etl demo` printed on stderr): a database with the demo."""
    url = f"sqlite:///{tmp_path_factory.mktemp('start') / 'rb.sqlite'}"
    engine = make_engine(url)
    init_database(engine)
    err = io.StringIO()  # capsys is per test: the module's load is captured by hand
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        assert main(["demo", "--db", url]) == 0
    yield url, engine, err.getvalue()
    engine.dispose()


def _count(engine, action: str | None = None, source: str | None = None) -> int:
    if source is not None:
        query = select(func.count()).where(schema.submission.c.source == source)
    else:
        query = select(func.count()).where(schema.audit_log.c.action == action)
    with engine.connect() as conn:
        return conn.execute(query).scalar()


def test_the_first_load_shows_counted_progress_and_its_statuses_equal_a_fresh_computation(
    loaded, capsys
):
    url, engine, err = loaded
    total = len(plan_demo(load_catalogue(engine), 2024).files)
    assert total > 300
    # Not a terminal here: counted lines, one per tenth of the files, the last one complete.
    counted = [line for line in err.splitlines() if "files loaded" in line]
    assert 9 <= len(counted) <= 12
    assert counted[-1].endswith(f"{total}/{total} berkas / files")
    assert "recomputing the statuses" in err
    # One rebuild for the whole load (init's and the demo's), the rows current and right.
    assert _count(engine, "assessment_rebuild") == 2
    with engine.connect() as conn:
        assert assessments.is_current(conn)
    assert main(["assess", "--db", url]) == 0
    assert "equal a fresh computation" in capsys.readouterr().out


def test_a_second_demo_with_the_same_seed_and_files_is_skipped(loaded, capsys):
    url, engine, _ = loaded
    counts = [(_count(engine, source="demo"), _count(engine, ACTION), _count(engine, "ingest"))]
    assert main(["demo", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "Data demo sudah dimuat" in out and "Demo data already loaded" in out
    assert "skipped" in out
    counts.append((_count(engine, source="demo"), _count(engine, ACTION), _count(engine, "ingest")))  # fmt: skip
    assert counts[1] == counts[0]


def test_init_on_the_unchanged_database_does_not_rebuild(loaded, capsys, monkeypatch):
    url, engine, _ = loaded
    rebuilds = _count(engine, "assessment_rebuild")
    assert main(["init", "--db", url]) == 0
    assert "not recomputed" in capsys.readouterr().out
    assert _count(engine, "assessment_rebuild") == rebuilds
    # Other thresholds: the stored rows are not theirs, init rebuilds them.
    monkeypatch.setenv("RB_ON_TRACK_RATIO", "0.9")
    assert main(["init", "--db", url]) == 0
    assert "statuses and national figures recomputed" in capsys.readouterr().out
    assert _count(engine, "assessment_rebuild") == rebuilds + 1
    # (Back under the usual settings: the next load's rebuild is theirs again.)


def test_force_loads_again_and_records_the_load(loaded, capsys):
    url, engine, _ = loaded
    loads = _count(engine, ACTION)
    assert main(["demo", "--force", "--db", url]) == 0
    out = capsys.readouterr().out
    assert "skipped" not in out
    assert "(0 disimpan / stored)" in out  # the same bytes: every file unchanged
    assert _count(engine, ACTION) == loads + 1


def test_another_seed_is_not_the_loaded_demo(loaded):
    # What `etl demo --seed 2025` asks before loading (a full second load is 2-5 minutes here;
    # the load path itself is the --force test's).
    engine = loaded[1]
    assert is_loaded(engine, 2024) and not is_loaded(engine, 2025)


def test_the_fingerprint_follows_the_seed_and_the_quarters_ended(loaded):
    catalogue = load_catalogue(loaded[1])
    august = dt.datetime(2025, 8, 1, 12, tzinfo=dt.UTC)
    plan = plan_demo(catalogue, 2024, august)
    assert plan_demo(catalogue, 2024, august).fingerprint == plan.fingerprint
    assert plan_demo(catalogue, 2025, august).fingerprint != plan.fingerprint
    # Three months on, another quarter has ended: more files, another fingerprint.
    later = plan_demo(catalogue, 2024, dt.datetime(2025, 11, 1, 12, tzinfo=dt.UTC))
    assert len(later.files) > len(plan.files)
    assert later.fingerprint != plan.fingerprint
