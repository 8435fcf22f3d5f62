"""The reference catalogue in the database: refreshed from data/reference/, read back as a
`indicators.catalogue.Catalogue`."""

from __future__ import annotations

import csv
import dataclasses
import io
from collections.abc import Iterable
from pathlib import Path

from sqlalchemy import Connection, Engine, Table, bindparam, select, tuple_

from etl.core import settings
from etl.store import audit, schema
from etl.store.assessments import mark
from etl.store.database import write_transaction
from etl.store.queries import refresh_stamp
from indicators.catalogue import NATIONAL, Catalogue, Target

REFERENCE_FILES: dict[str, Table] = {
    "roadmaps.csv": schema.roadmap,
    "themes.csv": schema.theme,
    "indicators.csv": schema.indicator,
    "agencies.csv": schema.agency,
    "targets.csv": schema.target,
    "scales.csv": schema.scale_band,
}
NATURAL_KEYS: dict[str, tuple[str, ...]] = {
    "roadmap": ("code",),
    "theme": ("code",),
    "indicator": ("code",),
    "agency": ("code",),
    "target": ("roadmap", "indicator", "agency", "year", "kind"),
    "scale_band": ("scale", "label_id"),
}
# The target columns indicators.catalogue.Target is built from.
_TARGET_MODEL = ("roadmap", "indicator", "agency", "year", "kind", "value", "low", "high", "confidence", "source")  # fmt: skip
_NUMERIC = {"min", "max", "value", "low", "high", "lower", "upper"}
_INTEGER = {"start_year", "end_year", "year"}
_UPPER = {"code", "theme", "scale", "roadmap", "indicator", "agency", "type", "parent"}


def reference_dir() -> Path:
    return settings.REFERENCE_DIR / "rb"


def read_reference_csv(path: Path) -> list[dict]:
    with path.open(encoding="utf-8-sig", newline="") as fh:
        return list(csv.DictReader(fh))


def _typed(table: Table, row: dict) -> dict:
    out: dict = {}
    for column in table.columns:
        if column.name == "id" or column.name not in row:
            continue
        raw = (row[column.name] or "").strip()
        if column.name in _NUMERIC:
            out[column.name] = float(raw) if raw else None
        elif column.name in _INTEGER:
            out[column.name] = int(raw)
        elif column.name in _UPPER:
            out[column.name] = raw.upper() or (None if column.nullable else "")
        else:
            out[column.name] = raw
    return out


def refresh_reference(
    engine: Engine, folder: Path | None = None, *, actor: str = "init"
) -> dict[str, int]:
    """Insert new and update changed catalogue rows (never deletes: an administrator's own
    additions stay). Returns rows written per table. One transaction; every changed row is in
    the audit log with its values before and after."""
    folder = folder or reference_dir()
    written: dict[str, int] = {}
    with write_transaction(engine) as conn:
        for file_name, table in REFERENCE_FILES.items():
            rows = [_typed(table, r) for r in read_reference_csv(folder / file_name)]
            changes = _upsert(conn, table, rows)
            written[table.name] = len(changes)
            for key, before, after in changes:
                audit.record(
                    conn, actor=actor, action="catalogue_change",
                    entity=f"{table.name}:{'/'.join(map(str, key))}", before=before, after=after,
                )  # fmt: skip
        if any(written.values()):
            # Judged against the old catalogue: not read until `etl init` rebuilds them.
            mark(conn, built=False)
    return written


def _upsert(conn: Connection, table: Table, rows: list[dict]) -> list[tuple]:
    """(key, before, after) of each row inserted (before None) or changed."""
    keys = NATURAL_KEYS[table.name]
    key_cols = [table.c[k] for k in keys]
    # Targets an agency uploaded share the key of the reference rows but are not theirs: the
    # refresh reads and writes only rows without a submission.
    scope = [table.c.submission_id.is_(None)] if "submission_id" in table.c else []
    existing = {
        tuple(r[: len(keys)]): dict(r._mapping)
        for r in conn.execute(
            select(*key_cols, *[c for c in table.c if c.name not in keys]).where(*scope)
        )
    }
    inserts, changes = [], []
    for row in rows:
        key = tuple(row[k] for k in keys)
        old = existing.get(key)
        if old is None:
            inserts.append(row)
            changes.append((key, None, row))
        elif any(old.get(k) != v for k, v in row.items()):
            condition = tuple_(*key_cols) == key if len(keys) > 1 else key_cols[0] == key[0]
            conn.execute(table.update().where(condition, *scope).values(**row))
            before = {k: old.get(k) for k, v in row.items() if old.get(k) != v}
            changes.append((key, before, {k: row[k] for k in before}))
    if inserts and scope:
        inserts = _behind_uploads(conn, table, keys, inserts)
    if inserts:
        conn.execute(table.insert(), inserts)
    return changes


def _behind_uploads(
    conn: Connection, table: Table, keys: tuple[str, ...], rows: list[dict]
) -> list[dict]:
    """A new reference row whose key an agency's approved upload already holds goes straight
    to history, superseded by that upload: the agency's own figure stays the current one."""
    found = conn.execute(
        select(*(table.c[k] for k in keys), table.c.submission_id, table.c.recorded_at).where(
            schema.current(table), table.c.submission_id.is_not(None)
        )
    )
    uploaded = {tuple(r[: len(keys)]): (r.submission_id, r.recorded_at) for r in found}
    out = []
    for row in rows:
        # Every row gets both columns: one executemany needs the same columns in each.
        by, at = uploaded.get(tuple(row[k] for k in keys), (None, None))
        out.append({**row, "superseded_by": by, "superseded_at": at})
    return out


def load_catalogue(
    source: Engine | Connection,
    target_agencies: Iterable[str] | None = None,
    *,
    base: Catalogue | None = None,
) -> Catalogue:
    """The catalogue as stored in the database; with `target_agencies`, only their targets
    and the national ones (what judging those agencies needs: a file's commit judges its own
    agencies without reading every region's targets). With `base`, a catalogue read earlier,
    only the targets are read again and the rest is base's (a file's commit: 25 ms less)."""
    if isinstance(source, Engine):
        with source.connect() as conn:
            return load_catalogue(conn, target_agencies, base=base)
    if base is not None:  # its indicators, road maps and bodies keep their own `refreshed`
        found = _current_targets(source, target_agencies)
        return dataclasses.replace(base, targets=[Target.from_row(r) for r in found])
    stamp = refresh_stamp(source)  # before the tables: a refresh while they are read shows
    found = _current_targets(source, target_agencies)
    rows = {
        name: [dict(r._mapping) for r in source.execute(select(table))]
        for name, table in (
            ("roadmaps", schema.roadmap),
            ("themes", schema.theme),
            ("indicators", schema.indicator),
            ("scales", schema.scale_band),
            ("agencies", schema.agency),
        )
    }
    rows["targets"] = found
    return dataclasses.replace(Catalogue.from_rows(**rows), refreshed=stamp)


def _current_targets(conn: Connection, agencies: Iterable[str] | None) -> list[dict]:
    """Only the current, approved targets (of `agencies` and the national ones; None: all):
    an upload awaiting review, or one it corrected, is not what statuses are measured against."""
    tgt = schema.target
    wanted = [tgt.c[k] for k in _TARGET_MODEL]  # not the provenance: tens of thousands of rows
    scope = []
    if agencies is not None:
        codes = sorted({*agencies, NATIONAL})
        scope = [tgt.c.agency.in_(bindparam("agencies", codes, expanding=True))]
    found = conn.execute(select(*wanted).where(schema.current(tgt), *scope))
    return [dict(zip(_TARGET_MODEL, r, strict=True)) for r in found]


def national_actuals_bytes(folder: Path | None = None) -> tuple[str, bytes]:
    path = (folder or reference_dir()) / "national_actuals.csv"
    return path.name, path.read_bytes()


def parse_national_actuals(data: bytes) -> list[dict]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
