"""Uploaded targets in the database: what a Target sheet changes and storing it, inside the
file's one transaction (see etl.ingest).

A target row is a catalogue row with provenance: the reference rows of `etl init` have no
submission; an uploaded row names its file, who and when, waits for review like a value, and
supersedes the current row of its key (reference or uploaded) when it becomes official, so the
earlier one stays as history.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
from sqlalchemy import Connection, Engine, bindparam, select

from etl.core.states import APPROVED
from etl.core.target_rows import TARGET_CONTENT, TARGET_KEY, TargetRow
from etl.store import schema
from etl.store.history import supersede
from etl.store.queries import utc_timestamps

tgt = schema.target


@dataclass(frozen=True)
class TargetChange:
    row: TargetRow
    old: tuple | None  # the current (value, low, high, source), None for a new target

    @property
    def kind(self) -> str:
        if self.old is None:
            return "inserted"
        return "unchanged" if self.old == self.row.content() else "updated"


def plan_target_changes(conn: Connection, rows: list[TargetRow]) -> list[TargetChange]:
    if not rows:
        return []
    query = select(*(tgt.c[k] for k in TARGET_KEY), *(tgt.c[k] for k in TARGET_CONTENT)).where(
        schema.current(tgt), tgt.c.agency.in_(bindparam("agencies", expanding=True))
    )
    found = conn.execute(query, {"agencies": sorted({r.agency for r in rows})})
    current = {tuple(s[:5]): tuple(s[5:]) for s in found}
    return [TargetChange(r, current.get(r.key)) for r in rows]


def store_targets(
    conn: Connection,
    changes: list[TargetChange],
    submission_id: int,
    received: dt.datetime,
    user: str,
    review: str = APPROVED,
) -> None:
    # Targets awaiting review replace nothing yet: approval does (etl.access.review.approve).
    replaced = [c.row for c in changes if c.kind == "updated" and review == APPROVED]
    written = [c.row for c in changes if c.kind != "unchanged"]
    supersede(conn, tgt, replaced, received, submission_id)
    if written:
        conn.execute(
            tgt.insert(),
            [
                {
                    **{k: getattr(r, k) for k in (*TARGET_KEY, *TARGET_CONTENT, "sheet", "cell")},
                    "confidence": "agency",
                    "submission_id": submission_id,
                    "recorded_at": received,
                    "recorded_by": user,
                    "review": review,
                }
                for r in written
            ],
        )


HISTORY_COLUMNS = (
    "roadmap", "year", "kind", *TARGET_CONTENT, "review", "recorded_at", "recorded_by",
    "sheet", "cell", "submission_id", "superseded_at", "superseded_by",
)  # fmt: skip


def target_history(engine: Engine, agency_code: str, indicator_code: str) -> pd.DataFrame:
    """Every revision of one agency's targets of an indicator, oldest first: the reference rows
    (no file) and each uploaded one with its file, who, when, review and what replaced it."""
    sub = schema.submission
    replacer = sub.alias("replacer")
    query = (
        select(
            *(tgt.c[k] for k in HISTORY_COLUMNS[:10]),
            sub.c.file_name,
            sub.c.sha256,
            *(tgt.c[k] for k in HISTORY_COLUMNS[10:]),
            replacer.c.file_name.label("superseded_by_file"),
        )
        .select_from(
            tgt.outerjoin(sub, sub.c.id == tgt.c.submission_id).outerjoin(
                replacer, replacer.c.id == tgt.c.superseded_by
            )
        )
        .where(tgt.c.agency == agency_code.upper(), tgt.c.indicator == indicator_code.upper())
        .order_by(tgt.c.roadmap, tgt.c.year, tgt.c.kind, tgt.c.id)
    )
    with engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    return utc_timestamps(pd.DataFrame(rows, columns=[c.name for c in query.selected_columns]))


def target_files(engine: Engine, agency_code: str) -> dict[tuple[str, str, int, str], str]:
    """(road map, indicator, year, kind) → the file an agency's current target came from; a
    reference row (data/reference, no submission) is absent. For the agency page's list of
    its targets with their sources."""
    sub = schema.submission
    query = (
        select(tgt.c.roadmap, tgt.c.indicator, tgt.c.year, tgt.c.kind, sub.c.file_name)
        .select_from(tgt.join(sub, sub.c.id == tgt.c.submission_id))
        .where(tgt.c.agency == agency_code.upper(), schema.current(tgt))
    )
    with engine.connect() as conn:
        return {(r, i, int(y), k): f for r, i, y, k, f in conn.execute(query)}
