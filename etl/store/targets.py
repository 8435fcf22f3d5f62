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

from sqlalchemy import Connection, bindparam, select

from etl.core.states import APPROVED
from etl.core.target_rows import TARGET_CONTENT, TARGET_KEY, TargetRow
from etl.store import schema
from etl.store.history import supersede

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


def count_target_changes(changes: list[TargetChange]) -> dict[str, int]:
    counts = {"inserted": 0, "updated": 0, "unchanged": 0}
    for change in changes:
        counts[change.kind] += 1
    return counts


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
