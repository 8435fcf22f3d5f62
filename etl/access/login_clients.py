"""Failed logins counted per client in the database, beside the per-account lockout
(etl.access.accounts): every app server behind the proxy counts one client's tries together.

A client's row holds how many logins failed since its first failure; RB_LOCKOUT_MINUTES after
that first one the row is stale and deleted, so a client is refused for at most that long. Each
failure is one conditional UPDATE (`failures + 1` computed by the database, never read and
written back), so a burst of simultaneous tries from many sessions or servers counts every one.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import Engine, delete, select, update
from sqlalchemy.exc import IntegrityError

from etl.core import settings
from etl.store import schema
from etl.store.database import write_transaction

clients = schema.login_client
_TRIES = 3  # a first failure racing another's insert of the same client: count it again


def _cutoff(now: dt.datetime) -> dt.datetime:
    return now - dt.timedelta(minutes=settings.get("RB_LOCKOUT_MINUTES"))


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def failures(engine: Engine, client: str, now: dt.datetime | None = None) -> int:
    """This client's failed logins within the window of its first failure."""
    now = now or _now()
    with engine.connect() as conn:
        found = conn.execute(
            select(clients.c.failures).where(
                clients.c.client == client, clients.c.first_at > _cutoff(now)
            )
        ).scalar()
    return found or 0


def blocked(engine: Engine, client: str, now: dt.datetime | None = None) -> bool:
    """Whether this client has used up its RB_CLIENT_LOGIN_ATTEMPTS for now."""
    return failures(engine, client, now) >= settings.get("RB_CLIENT_LOGIN_ATTEMPTS")


def failed(engine: Engine, client: str, now: dt.datetime | None = None) -> None:
    """Count one failed login of this client; rows past their window go first (the pruning,
    and a stale row of this client starts a new window)."""
    now = now or _now()
    for _ in range(_TRIES):
        try:
            with write_transaction(engine) as conn:
                conn.execute(delete(clients).where(clients.c.first_at <= _cutoff(now)))
                counted = conn.execute(
                    update(clients)
                    .where(clients.c.client == client)
                    .values(failures=clients.c.failures + 1)
                ).rowcount
                if not counted:
                    conn.execute(clients.insert(), {"client": client, "failures": 1, "first_at": now})  # fmt: skip
            return
        except IntegrityError:
            # Another session's first failure of this client was inserted meanwhile (its
            # primary key refused ours): the UPDATE now finds that row.
            continue
