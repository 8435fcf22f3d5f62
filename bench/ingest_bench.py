"""Ingest throughput against the bare building blocks, measured in the same run.

    python -m bench.ingest_bench [--backend sqlite|postgresql|both] [--scales 1,4,16]

Scale 1 is one quarter of every agency's indicators (~8,200 rows), 4 is a year, 16 is four years
(~131,000 rows, the national workbook). For each scale and backend it prints:
- bare: python-calamine reading the sheet + a plain upsert (sqlite3 executemany on SQLite, COPY
  on PostgreSQL) of (agency, indicator, year, quarter, value) into an empty table;
- full: `etl.ingest.ingest_bytes` (scan, read, validate every cell, plan, store with history) into
  a freshly initialised database;
- floor: the same calamine read, then the rows stored into the real observation table
  (`etl.store.database.bulk_insert`, with the schema's indexes and foreign keys) and nothing else:
  what any load into this schema costs at least;
- full ÷ bare (target ≤ 2) and floor ÷ bare, and the peak RSS, each measured in a child
  process;
- plain: `full` without the update of the stored statuses and national figures (issue 15), and
  that update's own time inside `full` (assess ms) with full ÷ plain.
Also one agency's 60-row file end to end. Prints only; never a pass/fail.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import resource
import sqlite3
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

POSTGRES = os.environ.get(
    "RB_TEST_POSTGRES_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/test"
)
YEARS = {1: ([2024], (4,)), 4: ([2024], (1, 2, 3, 4)), 16: ([2021, 2022, 2023, 2024], (1, 2, 3, 4))}


def _rows(catalogue, scale: int) -> list[list]:
    from bench.workbooks import national_rows

    years, quarters = YEARS[scale]
    return [r for r in national_rows(catalogue, years) if r[3] in quarters]


def fresh_database(backend: str, folder: Path) -> str:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    if backend == "sqlite":
        return f"sqlite:///{folder / f'bench_{uuid.uuid4().hex[:8]}.sqlite'}"
    name = f"rbbench_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("CREATE DATABASE " + _quoted(conn, name))
    admin.dispose()
    return make_url(POSTGRES).set(database=name).render_as_string(hide_password=False)


def drop_database(url: str) -> None:
    from sqlalchemy import create_engine
    from sqlalchemy.engine import make_url

    name = make_url(url).database
    if url.startswith("sqlite"):
        for suffix in ("", "-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)
        return
    admin = create_engine(POSTGRES, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.exec_driver_sql("DROP DATABASE IF EXISTS " + _quoted(conn, name) + " WITH (FORCE)")
    admin.dispose()


def _quoted(conn, name: str) -> str:
    return conn.dialect.identifier_preparer.quote_identifier(name)


# --- what a child process measures ---------------------------------------------------------------
def measure_bare(path: Path, url: str) -> float:
    import python_calamine

    start = time.perf_counter()
    data = path.read_bytes()
    rows = (
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        .get_sheet_by_index(0)
        .to_python()
    )
    records = [(r[0], r[1], int(r[2]), int(r[3]), float(r[4])) for r in rows[3:] if r and r[0]]
    if url.startswith("sqlite"):
        conn = sqlite3.connect(url.removeprefix("sqlite:///") + ".bare")
        conn.execute(
            "CREATE TABLE obs (agency TEXT, indicator TEXT, year INT, quarter INT, value REAL,"
            " PRIMARY KEY (agency, indicator, year, quarter))"
        )
        conn.executemany(
            "INSERT INTO obs VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
            records,
        )
        conn.commit()
        conn.close()
    else:
        import psycopg

        with psycopg.connect(url.replace("postgresql+psycopg", "postgresql")) as conn:
            conn.execute(
                "CREATE TABLE bare_obs (agency TEXT, indicator TEXT, year INT, quarter INT,"
                " value DOUBLE PRECISION, PRIMARY KEY (agency, indicator, year, quarter))"
            )
            with conn.cursor() as cursor, cursor.copy("COPY bare_obs FROM STDIN") as copy:
                for record in records:
                    copy.write_row(record)
    return time.perf_counter() - start


def measure_floor(path: Path, url: str) -> float:
    """The least any load into this schema costs: the same calamine read, then the rows
    stored through `etl.store.database.bulk_insert` into the real observation table (its partial
    unique index, history indexes and foreign keys), without the pre-scan, validation or plan."""
    import datetime as dt

    from etl.cli.gc_pause import gc_paused
    from etl.store.database import make_engine

    engine = make_engine(url)
    now = dt.datetime.now(dt.UTC)
    start = time.perf_counter()
    with gc_paused():  # as the command line's full load does
        _floor(engine, path, now)
    return time.perf_counter() - start


def _floor(engine, path: Path, now) -> None:
    import python_calamine

    from etl.core.rows import ValidRow
    from etl.store import schema
    from etl.store.database import bulk_insert, write_transaction

    data = path.read_bytes()
    rows = (
        python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        .get_sheet_by_index(0)
        .to_python()
    )
    records = [
        ValidRow(r[0], r[1], int(r[2]), int(r[3]), float(r[4]), None, None, r[5], None, "Data",
                 f"E{i + 1}")
        for i, r in enumerate(rows[3:], start=3)
        if r and r[0]
    ]  # fmt: skip
    with write_transaction(engine) as conn:
        submission = conn.execute(
            schema.submission.insert().returning(schema.submission.c.id),
            {"file_name": path.name, "sha256": "floor", "size_bytes": len(data), "content": data,
             "uploaded_by": "bench", "uploaded_at": now, "issues": []},
        ).scalar_one()  # fmt: skip
        bulk_insert(
            conn, schema.observation, list(ValidRow._fields), records,
            {"submission_id": submission, "recorded_at": now, "recorded_by": "bench",
             "superseded_at": None, "superseded_by": None, "review": "approved"},
        )  # fmt: skip


ASSESSING = {"seconds": 0.0}


def _timed_assessment(on: bool):
    """Time the stored assessments' update inside the commit (`on`), or leave it out: the
    load without it, in the same run, is what its cost is measured against."""
    import etl.ingest

    update = etl.ingest.after_change

    def timed(*args, **kwargs):
        start = time.perf_counter()
        try:
            return update(*args, **kwargs) if on else None
        finally:
            ASSESSING["seconds"] += time.perf_counter() - start

    etl.ingest.after_change = timed


def measure_plain(path: Path, url: str) -> float:
    """`full` without the stored assessments' update (what the load cost before issue 15)."""
    _timed_assessment(False)
    return measure_full(path, url)


def measure_full(path: Path, url: str) -> float:
    """The national file as `python -m etl ingest` loads it (the command's collector pause),
    with the update of the stored statuses and national figures inside its transaction."""
    from etl.cli.gc_pause import gc_paused
    from etl.ingest import Upload, ingest_bytes
    from etl.reading import sandbox
    from etl.store.catalogue import load_catalogue
    from etl.store.database import make_engine

    engine = make_engine(url)
    catalogue = load_catalogue(engine)
    # A server's reading workers are warm (the upload page starts one as it draws); the CLI
    # pays a worker's start, about 0.25 s, once per command.
    sandbox.warm(wait=True)
    if etl_ingest_untimed():
        _timed_assessment(True)
    start = time.perf_counter()
    with gc_paused():
        result = ingest_bytes(
            engine, path.name, path.read_bytes(), Upload(user="bench"), catalogue=catalogue
        )
    elapsed = time.perf_counter() - start
    if result.status != "accepted":
        raise SystemExit(
            f"benchmark file not accepted: {[i.message_en for i in result.issues[:3]]}"
        )
    return elapsed


def etl_ingest_untimed() -> bool:
    import etl.ingest

    return etl.ingest.after_change.__name__ != "timed"


def peak_rss_mb() -> float:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss it is not inherited
    from the parent across exec)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _child(kind: str, path: Path, url: str) -> dict:
    out = subprocess.run(
        [sys.executable, "-m", "bench.ingest_bench", "--child", kind, str(path), url],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[1],
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def _init(url: str) -> None:
    from etl.bootstrap import init_database
    from etl.store.database import make_engine

    engine = make_engine(url)
    init_database(engine)
    engine.dispose()


def run(backends: list[str], scales: list[int]) -> None:
    from bench.workbooks import agency_rows, xlsx_bytes
    from etl.store.catalogue import load_catalogue
    from etl.store.database import make_engine

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        catalogue_url = fresh_database("sqlite", folder)
        _init(catalogue_url)
        catalogue = load_catalogue(make_engine(catalogue_url))
        files = {}
        for scale in scales:
            rows = _rows(catalogue, scale)
            files[scale] = (folder / f"national_x{scale}.xlsx", len(rows))
            files[scale][0].write_bytes(xlsx_bytes(rows))
        one = folder / "agency_31.71.xlsx"
        one.write_bytes(xlsx_bytes(agency_rows(catalogue, "31.71", 2024)))
        print(
            f"{'backend':10} {'file':14} {'rows':>8} {'bare s':>7} {'floor s':>7} {'full s':>7} "
            f"{'floor÷bare':>10} {'full÷bare':>9} {'bare MB':>8} {'full MB':>8} {'rows/s':>8} "
            f"{'plain s':>7} {'assess ms':>9} {'full÷plain':>10}"
        )
        for backend in backends:
            for label, (path, n) in [
                *[(f"national x{s}", files[s]) for s in scales],
                ("one agency", (one, 60)),
            ]:
                seconds = {}
                for kind in ("bare", "floor", "full", "plain"):  # each into a fresh database
                    url = fresh_database(backend, folder)
                    try:
                        _init(url)
                        seconds[kind] = _child(kind, path, url)
                    finally:
                        drop_database(url)
                bare, floor, full, plain = (seconds[k] for k in ("bare", "floor", "full", "plain"))
                print(
                    f"{backend:10} {label:14} {n:8d} {bare['seconds']:7.2f} "
                    f"{floor['seconds']:7.2f} {full['seconds']:7.2f} "
                    f"{floor['seconds'] / bare['seconds']:10.2f} "
                    f"{full['seconds'] / bare['seconds']:9.2f} {bare['rss_mb']:8.0f} "
                    f"{full['rss_mb']:8.0f} {n / full['seconds']:8.0f} "
                    f"{plain['seconds']:7.2f} {full['assess_s'] * 1000:9.1f} "
                    f"{full['seconds'] / plain['seconds']:10.2f}"
                )
        drop_database(catalogue_url)


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        kind, path, url = sys.argv[2], Path(sys.argv[3]), sys.argv[4]
        measure = {
            "bare": measure_bare, "floor": measure_floor, "full": measure_full,
            "plain": measure_plain,
        }[kind]  # fmt: skip
        seconds = measure(path, url)
        rss_mb = peak_rss_mb()
        print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "assess_s": ASSESSING["seconds"]}))
        return
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--backend", default="both", choices=("sqlite", "postgresql", "both"))
    parser.add_argument("--scales", default="1,4,16")
    args = parser.parse_args()
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    run(backends, [int(s) for s in args.scales.split(",")])


if __name__ == "__main__":
    main()
