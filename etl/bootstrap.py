"""`etl init`: schema, reference catalogue and the national figures, idempotent."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Engine

from etl.core.rows import ValidRow
from etl.ingest import FileResult, Upload, commit_rows
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


def init_database(engine: Engine, folder: Path | None = None) -> InitReport:
    migrate(engine)
    written = refresh_reference(engine, folder)
    national = load_national_actuals(engine, folder)
    # Every stored status and national figure again: the catalogue, the targets or the settings
    # they were judged under may have changed since they were built.
    with write_transaction(engine) as conn:
        rebuild(conn)
    return InitReport(written, national)


def load_national_actuals(engine: Engine, folder: Path | None = None) -> FileResult:
    """The published national figures become observations of agency `ID`, stored through the
    same path as an upload (a submission with the CSV's bytes), so corrections keep history."""
    name, data = national_actuals_bytes(folder)
    catalogue = load_catalogue(engine)
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
