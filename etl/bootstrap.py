"""`etl init`: schema, reference catalogue and the national figures, idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from etl.core.rows import ValidRow
from etl.ingest import FileResult, Upload, commit_rows
from etl.store.assessments import is_current
from etl.store.catalogue import (
    load_catalogue,
    national_actuals_bytes,
    parse_national_actuals,
    refresh_reference,
)
from etl.store.database import migrate, write_transaction
from etl.store.reassess import rebuild
from indicators.catalogue import NATIONAL, NationalActual


@dataclass
class InitReport:
    catalogue_rows: dict[str, int]
    national: FileResult
    rebuilt: bool = True  # the stored results computed again (False: they were current)


def init_database(engine: Engine, folder: Path | None = None) -> InitReport:
    migrate(engine)
    written = refresh_reference(engine, folder)
    national = load_national_actuals(engine, folder)
    # Every stored status and national figure again when they may be stale: a catalogue change
    # marks them unbuilt, other settings give another fingerprint; new national figures were
    # stored through after_change. A restart on an unchanged database skips the rebuild (about
    # 10 s with the demo loaded); `etl assess --rebuild` forces one.
    with write_transaction(engine) as conn:
        rebuilt = not is_current(conn)
        if rebuilt:
            rebuild(conn)
    return InitReport(written, national, rebuilt)


def load_national_actuals(engine: Engine, folder: Path | None = None) -> FileResult:
    """The published national figures become observations of agency `ID`, stored through the
    same path as an upload (a submission with the CSV's bytes), so corrections keep history."""
    name, data = national_actuals_bytes(folder)
    # Only the indicators are needed, not every agency's targets (50,000 rows with the demo:
    # 3 s of each `etl init`, which `make run` runs at every start).
    catalogue = load_catalogue(engine, target_agencies=())
    rows = []
    for line, raw in enumerate(parse_national_actuals(data), start=2):
        actual = NationalActual.from_row(raw)
        if actual.indicator not in catalogue.indicators:
            continue
        rows.append(
            ValidRow(
                NATIONAL,
                actual.indicator,
                actual.year,
                actual.quarter,
                actual.value,
                None,
                catalogue.indicators[actual.indicator].unit,
                actual.source,
                None,
                None,
                f"D{line}",
                actual.confidence or None,
            )
        )
    upload = Upload(user="reference", source="reference")
    return commit_rows(engine, name, data, rows, upload, display=f"reference/{name}")
