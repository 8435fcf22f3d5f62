"""Accounts: argon2 password hashes, lockout after repeated failures, one-time passwords, OIDC
accounts, and which agencies an account may touch. Every change is audited."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, Engine, or_, select, update

from etl.access.roles import ROLES
from etl.core import settings
from etl.core.issues import CodedError
from etl.store import audit, schema
from etl.store.database import write_transaction
from indicators.catalogue import Catalogue

users = schema.app_user
_hasher = PasswordHasher()
MIN_PASSWORD = 10
EMAIL = re.compile(r"[^@\s,;<>]+@[^@\s,;<>]+\.[^@\s,;<>]+")
# The longest name both the account and its audit rows ("user:<name>") can hold on PostgreSQL,
# which refuses an overlong value where SQLite would silently store it.
MAX_USERNAME = min(users.c.username.type.length, schema.audit_log.c.entity.type.length - 5)


@dataclass(frozen=True)
class Account:
    id: int
    username: str
    display_name: str
    role: str | None
    agency: str | None
    include_children: bool
    disabled: bool
    must_change_password: bool
    # Changes with the password (a change, an admin's reset): a session holding an older stamp
    # is signed out (ui.auth), so a new password ends the account's other sessions.
    stamp: str = ""
    email: str | None = None  # where deadline reminders go (an agency account's)


class AuthError(CodedError):
    """A login or an account change refused; a coded message of etl.core.messages."""


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _aware(value: dt.datetime | None) -> dt.datetime | None:
    """SQLite hands timestamps back naive; they are stored in UTC."""
    if value is not None and value.tzinfo is None:
        return value.replace(tzinfo=dt.UTC)
    return value


def _account(row) -> Account:
    return Account(
        row.id, row.username, row.display_name, row.role, row.agency,
        bool(row.include_children), bool(row.disabled), bool(row.must_change_password),
        _stamp(row.password_hash), row.email,
    )  # fmt: skip


def _stamp(password_hash: str | None) -> str:
    """A digest of the hash (itself salted), so the session never holds the hash."""
    return hashlib.sha256(password_hash.encode()).hexdigest()[:16] if password_hash else ""


def _check_name(username: str) -> None:
    if len(username) > MAX_USERNAME:
        raise AuthError("username_too_long", length=len(username), limit=MAX_USERNAME)


def _row(conn: Connection, username: str):
    return conn.execute(select(users).where(users.c.username == username)).first()


def one_time_password() -> str:
    return secrets.token_urlsafe(12)


def _check_role(role: str, agency: str | None) -> None:
    if role not in ROLES:
        raise AuthError("bad_role", role=role)
    if role == "agency" and not agency:
        raise AuthError("agency_required")


def create_user(
    engine: Engine,
    username: str,
    role: str,
    *,
    agency: str | None = None,
    include_children: bool = False,
    display_name: str | None = None,
    email: str | None = None,
    actor: str,
) -> tuple[Account, str]:
    """A new account with a one-time password (returned once, never stored in clear)."""
    _check_name(username)
    _check_role(role, agency)
    email = _checked_email(email)
    password = one_time_password()
    with write_transaction(engine) as conn:
        if _row(conn, username) is not None:
            raise AuthError("user_exists", user=username)
        values = {
            "username": username,
            "display_name": display_name or username,
            "role": role,
            "agency": agency.upper() if agency else None,
            "include_children": include_children,
            "email": email,
            "password_hash": _hasher.hash(password),
            "must_change_password": True,
            "created_at": _now(),
        }
        conn.execute(users.insert(), values)
        shown = {k: v for k, v in values.items() if k != "password_hash"}
        audit.record(conn, actor=actor, action="user_add", entity=f"user:{username}", after=shown)
        return _account(_row(conn, username)), password


def ensure_first_admin(engine: Engine) -> str | None:
    """On the very first start: an `admin` with a one-time password (printed by the caller on
    the server's terminal, like Jupyter's token). None once any account exists."""
    with engine.connect() as conn:
        if conn.execute(select(users.c.id).limit(1)).first() is not None:
            return None
    try:
        return create_user(engine, "admin", "admin", display_name="Administrator", actor="system")[
            1
        ]
    except AuthError:  # another server process made it first
        return None


# What the app's server says when it made `admin` itself: never the password (its output is
# often kept in a log), only how an operator on the server gets one.
FIRST_ADMIN_CREATED = (
    "\nRB Monitor: akun admin dibuat / the admin account was created.\n"
    "  Kata sandi: jalankan / For its password run: python -m etl user reset-password admin\n"
)


def first_admin_notice(password: str) -> str:
    """What the server's terminal shows once, like Jupyter's token (never the app or a log)."""
    return (
        "\nRB Monitor: akun pertama / first account\n"
        f"  admin / {password}\n"
        "  Kata sandi sekali pakai: ganti setelah masuk. / "
        "One-time password: change it after logging in.\n"
    )


def authenticate(engine: Engine, username: str, password: str) -> Account:
    """The account for these credentials, or AuthError. A failure is recorded (and counts
    towards the lockout) even though the login is refused."""
    _check_name(username)  # no account has such a name; refused before the database is asked
    with write_transaction(engine) as conn:
        outcome = _attempt(conn, username, password)
    if isinstance(outcome, AuthError):
        raise outcome
    return outcome


def _attempt(conn: Connection, username: str, password: str) -> Account | AuthError:
    entity = f"user:{username}"
    row = _row(conn, username)
    if row is None or row.password_hash is None:
        _hasher.hash(password)  # the same work either way: no user-name probing by timing
        audit.record(conn, actor=username, action="login_failed", entity=entity)
        return AuthError("invalid_credentials")
    locked = _aware(row.locked_until)
    if locked is not None and locked > _now():
        return _refused_locked(conn, username, locked)
    try:
        _hasher.verify(row.password_hash, password)
    except (VerificationError, InvalidHashError):
        return _failed(conn, row.id, username)
    # Only after the password: a wrong one on a disabled account reads like any other wrong
    # password, so the answer tells a guesser nothing about the account.
    if row.disabled:
        audit.record(conn, actor=username, action="login_refused", entity=entity)
        return AuthError("account_disabled")
    # Conditional: a burst of wrong passwords may have locked the account since it was read.
    cleared = conn.execute(
        update(users)
        .where(
            users.c.id == row.id,
            or_(users.c.locked_until.is_(None), users.c.locked_until <= _now()),
        )
        .values(failed_logins=0, locked_until=None)
    ).rowcount
    if not cleared:
        until = conn.execute(select(users.c.locked_until).where(users.c.id == row.id)).scalar()
        return _refused_locked(conn, username, until)
    audit.record(conn, actor=username, action="login", entity=entity)
    return _account(row)


def _failed(conn: Connection, user_id: int, username: str) -> AuthError:
    """Count a wrong password in SQL (failed_logins + 1, RETURNING): parallel attempts each get
    their own count, where a count computed in Python let a burst slip past the limit. On
    PostgreSQL the UPDATE holds the row until commit, so the lock below follows its count."""
    failures = conn.execute(
        update(users)
        .where(users.c.id == user_id)
        .values(failed_logins=users.c.failed_logins + 1)
        .returning(users.c.failed_logins)
    ).scalar_one()
    locks = failures >= settings.get("RB_LOGIN_ATTEMPTS")
    if locks:
        lockout = dt.timedelta(minutes=settings.get("RB_LOCKOUT_MINUTES"))
        conn.execute(
            update(users)
            .where(users.c.id == user_id)
            .values(failed_logins=0, locked_until=_now() + lockout)
        )
    audit.record(
        conn, actor=username, action="login_failed", entity=f"user:{username}",
        after={"failed_logins": failures, "locked": locks},
    )  # fmt: skip
    return AuthError("invalid_credentials")


def _refused_locked(conn: Connection, username: str, until: dt.datetime | None) -> AuthError:
    audit.record(conn, actor=username, action="login_refused", entity=f"user:{username}")
    # None only when an admin's reset cleared the lock meanwhile: the next try will pass.
    shown = (_aware(until) or _now()).strftime("%Y-%m-%d %H:%M UTC")
    return AuthError("account_locked", until=shown)


def change_password(engine: Engine, username: str, old: str, new: str) -> Account:
    if len(new) < MIN_PASSWORD:
        raise AuthError("weak_password", n=MIN_PASSWORD)
    if new == old:  # the one-time password an admin handed over must not stay in use
        raise AuthError("password_reused")
    authenticate(engine, username, old)
    with write_transaction(engine) as conn:
        conn.execute(
            update(users)
            .where(users.c.username == username)
            .values(password_hash=_hasher.hash(new), must_change_password=False)
        )
        audit.record(conn, actor=username, action="password_change", entity=f"user:{username}")
        return _account(_row(conn, username))


def _change(engine: Engine, username: str, actor: str, action: str, **values) -> Account:
    with write_transaction(engine) as conn:
        row = _row(conn, username)
        if row is None:
            raise AuthError("unknown_user", user=username)
        before = {k: getattr(row, k) for k in values if k != "password_hash"}
        conn.execute(update(users).where(users.c.id == row.id).values(**values))
        after = {k: v for k, v in values.items() if k != "password_hash"}
        audit.record(
            conn, actor=actor, action=action, entity=f"user:{username}", before=before, after=after
        )
        return _account(_row(conn, username))


def set_role(
    engine: Engine,
    username: str,
    role: str,
    *,
    agency: str | None = None,
    include_children: bool = False,
    actor: str,
) -> Account:
    _check_role(role, agency)
    return _change(
        engine, username, actor, "user_set_role", role=role,
        agency=agency.upper() if agency else None, include_children=include_children,
    )  # fmt: skip


def _checked_email(email: str | None) -> str | None:
    """None for no address; else one plausible address (the mail server has the last word)."""
    email = (email or "").strip()
    if not email:
        return None
    if not EMAIL.fullmatch(email) or len(email) > users.c.email.type.length:
        raise AuthError("bad_email", email=email)
    return email


def set_email(engine: Engine, username: str, email: str | None, *, actor: str) -> Account:
    """The address deadline reminders go to (an agency account's); empty removes it."""
    return _change(engine, username, actor, "user_set_email", email=_checked_email(email))


def disable_user(engine: Engine, username: str, *, actor: str) -> Account:
    return _change(engine, username, actor, "user_disable", disabled=True)


def enable_user(engine: Engine, username: str, *, actor: str) -> Account:
    return _change(engine, username, actor, "user_enable", disabled=False)


def reset_password(engine: Engine, username: str, *, actor: str) -> str:
    password = one_time_password()
    _change(
        engine, username, actor, "user_reset_password", password_hash=_hasher.hash(password),
        must_change_password=True, failed_logins=0, locked_until=None,
    )  # fmt: skip
    return password


def get_account(engine: Engine, username: str) -> Account | None:
    """The account as stored now (the app re-checks a signed-in session on every run, so a
    disabled account or a changed role takes effect at once)."""
    with engine.connect() as conn:
        row = _row(conn, username)
    return None if row is None else _account(row)


def list_users(engine: Engine) -> list[Account]:
    with engine.connect() as conn:
        return [_account(r) for r in conn.execute(select(users).order_by(users.c.username))]


def oidc_account(
    engine: Engine,
    *,
    subject: str,
    email: str | None,
    name: str | None,
    claim_role: str | None = None,
    claim_agency: str | None = None,
) -> Account:
    """The account of a user signed in by the identity provider: found by subject, else made.
    A role from the provider's claim wins; else the role an admin assigned; a new account
    without one has no role and may see nothing until an admin grants it."""
    role = claim_role if claim_role in ROLES else None
    with write_transaction(engine) as conn:
        row = conn.execute(select(users).where(users.c.oidc_subject == subject)).first()
        if row is None:
            username = email or f"oidc:{subject}"
            _check_name(username)
            conn.execute(
                users.insert(),
                {
                    "username": username, "display_name": name or username, "role": role,
                    "agency": claim_agency.upper() if claim_agency else None,
                    "oidc_subject": subject, "email": email, "created_at": _now(),
                },
            )  # fmt: skip
            audit.record(
                conn, actor=username, action="user_add_oidc", entity=f"user:{username}",
                after={"role": role, "agency": claim_agency},
            )  # fmt: skip
        elif role and (row.role != role or (claim_agency and row.agency != claim_agency.upper())):
            conn.execute(
                update(users)
                .where(users.c.id == row.id)
                .values(role=role, agency=claim_agency.upper() if claim_agency else row.agency)
            )
        row = conn.execute(select(users).where(users.c.oidc_subject == subject)).first()
        refused = bool(row.disabled)
        audit.record(
            conn, actor=row.username, action="login_refused" if refused else "login",
            entity=f"user:{row.username}",
        )  # fmt: skip
    if refused:
        raise AuthError("account_disabled")
    return _account(row)


def allowed_agencies(catalogue: Catalogue, account: Account) -> frozenset[str] | None:
    """None: any agency (roles that see everything). An agency account: its own agency, plus a
    province's regencies when the account was granted them."""
    if account.role != "agency":
        return None
    if not account.agency:
        return frozenset()
    codes = {account.agency}
    if account.include_children:
        codes |= {a.code for a in catalogue.children(account.agency)}
    return frozenset(codes)
