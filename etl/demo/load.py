"""Loading the demo: its observation files (etl.demo.observations), action plans
(etl.demo.action_plans) and targets (etl.demo.targets) through `etl.ingest.ingest_bytes`, the
same path as an upload, in the order they were 'received'; the stored statuses rebuilt once at
the end; a complete load recorded with its fingerprint (etl.demo.fingerprint), so that the next
`etl demo` can tell that it would change nothing."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from etl.core import clock
from etl.core.states import REJECTED
from etl.demo.action_plans import load_demo_action_plans, plan_schedule
from etl.demo.fingerprint import fingerprint, loaded_fingerprint, record_load
from etl.demo.observations import build_files, plan_files
from etl.demo.targets import build_targets, target_schedule
from etl.demo.values import DemoValues
from etl.demo.workbook import DEMO_USER
from etl.ingest import FileResult, Upload, ingest_bytes
from etl.store.catalogue import load_catalogue
from etl.store.database import write_transaction
from etl.store.reassess import deferred
from indicators.catalogue import Catalogue

Notify = Callable[[str, int, int], None]  # (step, files done, files planned)


@dataclass(frozen=True)
class DemoPlan:
    """What a load would send now, and its fingerprint."""

    seed: int
    today: dt.date
    now: dt.datetime
    files: tuple[tuple[str, dt.datetime], ...]  # (name, received at) of every kind of file

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.seed, self.files)


def plan_demo(catalogue: Catalogue, seed: int, now: dt.datetime | None = None) -> DemoPlan:
    """Nothing rendered: which files, received when, as of `now` (default: now; quarters end,
    so the plan moves with the date)."""
    today = clock.today() if now is None else now.date()
    now = now or dt.datetime.now(dt.UTC)
    agencies = DemoValues(catalogue, seed).agencies
    files = [(f.name, f.received_at) for f in plan_files(agencies, seed, today, now)]
    files += [(p.name, p.received) for p in plan_schedule(catalogue, seed, now)]
    files += [(name, received) for name, received, *_ in target_schedule(catalogue, now)]
    return DemoPlan(seed, today, now, tuple(files))


def is_loaded(engine: Engine, seed: int) -> bool:
    """Whether the newest complete load had this seed, these sources, these reference files
    and these submissions: then loading again would store nothing."""
    # The plan reads the agencies only: not every agency's targets (2 s with the demo loaded).
    catalogue = load_catalogue(engine, target_agencies=())
    return loaded_fingerprint(engine) == plan_demo(catalogue, seed).fingerprint


def load_demo(
    engine: Engine, *, seed: int = 2024, keep: Path | None = None, notify: Notify | None = None
) -> list[FileResult]:
    """Write the demo files (into `keep`, else a temporary folder) and ingest them. Returns one
    result per file. The stored statuses are not updated per file but rebuilt once at the end
    (etl.store.reassess.deferred: 306 incremental updates were more than half the load).
    `notify(step, done, total)` hears of each file stored (step "file") and of the rebuild
    ("rebuild"): the command line's progress."""
    catalogue = load_catalogue(engine)
    plan = plan_demo(catalogue, seed)
    total = len(plan.files)
    tell = notify or (lambda step, done, total: None)
    results: list[FileResult] = []
    done = 0

    def stored(_name: str) -> None:
        nonlocal done
        done += 1
        tell("file", done, total)

    with tempfile.TemporaryDirectory(prefix="rb_demo_") as scratch, deferred(engine, DEMO_USER):
        folder = Path(keep) if keep is not None else Path(scratch)
        folder.mkdir(parents=True, exist_ok=True)

        def send(name: str, received: dt.datetime, data: bytes) -> None:
            (folder / name).write_bytes(data)
            upload = Upload(user=DEMO_USER, source="demo", received_at=received)
            results.append(ingest_bytes(engine, name, data, upload, catalogue=catalogue))
            stored(name)

        for file, data in build_files(catalogue, seed, plan.today, plan.now):
            send(file.name, file.received_at, data)
        results += load_demo_action_plans(
            engine, seed=seed, catalogue=catalogue, keep=folder, now=plan.now, sent=stored
        )
        # The agencies' own RPJMD/Renstra targets, last: they are checked against the catalogue
        # as it stood before them, and the statuses read them once stored.
        for name, received, data in build_targets(DemoValues(catalogue, seed), plan.now):
            send(name, received, data)
        tell("rebuild", done, total)
    # A load with a rejected file is not recorded: the next `etl demo` tries (and reports) again.
    if all(r.status != REJECTED for r in results):
        with write_transaction(engine) as conn:
            record_load(
                conn, fingerprint=plan.fingerprint, seed=seed, files=len(results), actor=DEMO_USER
            )
    return results
