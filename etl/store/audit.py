"""The audit trail: who did what, when, before → after. Written in the same transaction as
the change it records, so a change without its audit row cannot exist."""

from __future__ import annotations

import datetime as dt

import pandas as pd
from sqlalchemy import Connection, Engine, select

from etl.store import schema
from etl.store.queries import utc_timestamps

log = schema.audit_log


def record(
    conn: Connection,
    *,
    actor: str,
    action: str,
    entity: str,
    before: dict | None = None,
    after: dict | None = None,
) -> None:
    conn.execute(
        log.insert(),
        {
            "at": dt.datetime.now(dt.UTC),
            "actor": actor,
            "action": action,
            "entity": entity,
            "detail": {"before": _plain(before), "after": _plain(after)},
        },
    )


def _plain(value):
    """JSON-safe copies (dates as ISO text); never a secret: callers pass no password."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set, frozenset)):
        return [_plain(v) for v in value]
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return value


def audit_frame(
    engine: Engine, *, action: str | None = None, actor: str | None = None, limit: int = 5000
) -> pd.DataFrame:
    """The newest entries first."""
    query = select(log.c.at, log.c.actor, log.c.action, log.c.entity, log.c.detail)
    if action:
        query = query.where(log.c.action == action)
    if actor:
        query = query.where(log.c.actor == actor)
    query = query.order_by(log.c.id.desc()).limit(limit)
    with engine.connect() as conn:
        rows = conn.execute(query).all()
    frame = pd.DataFrame(
        [
            {
                "at": at,
                "actor": who,
                "action": what,
                "entity": entity,
                "before": (detail or {}).get("before"),
                "after": (detail or {}).get("after"),
            }
            for at, who, what, entity, detail in rows
        ],
        columns=["at", "actor", "action", "entity", "before", "after"],
    )
    return utc_timestamps(frame)
