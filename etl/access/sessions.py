"""Sign-ins that survive a reload: a random token in a browser cookie, its SHA-256 in
`app_session` with the account's password stamp and an expiry (RB_SESSION_HOURS).

Kept in the database, not signed by one server's key, so every server of a deployment accepts
the same cookie and a revocation is seen by all of them at once: sign-out deletes every
session of the account (it ends the other browsers too, issue 13), a password change or reset
gives the account a new stamp that no stored session holds, a disabled account is refused.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets

from sqlalchemy import Engine, delete, select

from etl.access import accounts
from etl.core import settings
from etl.store import schema
from etl.store.database import write_transaction

table = schema.app_session


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def lifetime() -> dt.timedelta:
    return dt.timedelta(hours=settings.get("RB_SESSION_HOURS"))


def issue(engine: Engine, account: accounts.Account) -> str:
    """A new token for this account (shown once: only its digest is stored)."""
    token = secrets.token_urlsafe(32)
    now = _now()
    with write_transaction(engine) as conn:
        # Expired rows of anyone go here, so the table holds live sessions only.
        conn.execute(delete(table).where(table.c.expires_at < now))
        conn.execute(
            table.insert(),
            {"token_hash": _digest(token), "user_id": account.id, "stamp": account.stamp,
             "created_at": now, "expires_at": now + lifetime()},
        )  # fmt: skip
    return token


def restore(engine: Engine, token: str | None) -> accounts.Account | None:
    """The account a token signs in, as stored now; None when the token is unknown, expired,
    revoked, from before a password change, or the account is disabled."""
    if not isinstance(token, str) or not token:
        return None
    with engine.connect() as conn:
        row = conn.execute(
            select(table.c.stamp, table.c.expires_at, schema.app_user.c.username)
            .join(schema.app_user, schema.app_user.c.id == table.c.user_id)
            .where(table.c.token_hash == _digest(token))
        ).first()
    if row is None:
        return None
    expires = row.expires_at
    if expires.tzinfo is None:  # SQLite hands timestamps back naive; they are stored in UTC
        expires = expires.replace(tzinfo=dt.UTC)
    if expires <= _now():
        return None
    account = accounts.get_account(engine, row.username)
    if account is None or account.disabled or account.stamp != row.stamp:
        return None
    return account


def end(engine: Engine, account: accounts.Account) -> int:
    """Sign the account out everywhere: every stored session of it stops working."""
    with write_transaction(engine) as conn:
        return conn.execute(delete(table).where(table.c.user_id == account.id)).rowcount
