"""Revisions: a new value of a key (an observation's agency/indicator/period, an action's
agency/year/code, a target's road map/indicator/agency/year/kind) moves the current approved row
into history instead of overwriting it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Connection, Table, bindparam, update

from etl.store import schema

KEYS: dict[str, tuple[str, ...]] = {
    "observation": ("agency", "indicator", "year", "quarter"),
    "action": ("agency", "year", "action_code"),
    "target": ("roadmap", "indicator", "agency", "year", "kind"),
}


def supersede(
    conn: Connection, table: Table, rows: Iterable, when: dt.datetime, submission_id: int
) -> None:
    """Mark the current approved row of each row's key as replaced by `submission_id`. Run it
    before inserting the new rows: the partial unique index allows one current approved row."""
    keys = KEYS[table.name]
    params = [{f"k_{k}": getattr(r, k) for k in keys} for r in rows]
    if not params:
        return
    conn.execute(
        update(table)
        .where(
            *(table.c[k] == bindparam(f"k_{k}") for k in keys),
            schema.current(table),
        )
        .values(superseded_at=when, superseded_by=submission_id),
        params,
    )


def supersede_observations(conn: Connection, rows: Iterable, when, submission_id: int) -> None:
    supersede(conn, schema.observation, rows, when, submission_id)


def supersede_actions(conn: Connection, rows: Iterable, when, submission_id: int) -> None:
    supersede(conn, schema.action, rows, when, submission_id)
