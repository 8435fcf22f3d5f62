"""Settings: declared once with a default and a help text, read from the environment or
`.streamlit/secrets.toml` (the environment wins)."""

from __future__ import annotations

import os
import tomllib
import zoneinfo
from dataclasses import dataclass
from functools import cache
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = ROOT / "data"
REFERENCE_DIR = DATA_DIR / "reference"


@dataclass(frozen=True)
class Setting:
    name: str
    default: str
    help: str
    cast: type = str
    # A secret (a password): never printed; keep it in `.streamlit/secrets.toml` (readable by
    # the service account only) or the service's environment, not on a command line.
    secret: bool = False


SETTINGS: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting(
            "RB_DATABASE_URL",
            f"sqlite:///{DATA_DIR / 'rb.sqlite'}",
            "SQLAlchemy URL of the database; SQLite file by default, "
            "postgresql+psycopg://… for a national deployment.",
        ),
        Setting("RB_MAX_UPLOAD_MB", "20", "Largest upload accepted, in megabytes.", float),
        Setting("RB_MAX_ROWS", "200000", "Most data rows accepted in one sheet.", int),
        Setting(
            "RB_MAX_UNPACKED_MB",
            "400",
            "Most bytes a workbook may unpack to (protects against decompression bombs).",
            float,
        ),
        Setting("RB_MAX_COLUMNS", "1000", "Most columns accepted in one sheet.", int),
        Setting(
            "RB_READ_MEMORY_MB",
            "1536",
            "Memory one workbook's reading may take, in megabytes, in its worker process "
            "(past it the file is refused and only the worker ends).",
            float,
        ),
        Setting(
            "RB_READ_SECONDS",
            "60",
            "Seconds one workbook's reading may take before its worker is stopped.",
            float,
        ),
        Setting(
            "RB_READ_WORKERS",
            "2",
            "Worker processes that read uploads, started once and kept warm (per app server).",
            int,
        ),
        Setting(
            "RB_ON_TRACK_RATIO", "0.95", "Progress ratio from which a status is on track.", float
        ),
        Setting(
            "RB_ACCELERATION_RATIO",
            "0.6",
            "Progress ratio from which a status needs acceleration (below: off track).",
            float,
        ),
        Setting(
            "RB_MIN_COVERAGE",
            "0.8",
            "Share of the agencies that must report an indicator (and existed in the period) "
            "before a national figure is computed from them (a sum needs all of them); below "
            "it no national figure is shown, only how many reported.",
            float,
        ),
        Setting(
            "RB_DEADLINE_DAYS",
            "15",
            "Days after a quarter ends by which its submission is on time.",
            int,
        ),
        Setting(
            "RB_REMIND_DAYS",
            "7",
            "Days before a quarter's deadline from which the upload page warns that it is due, "
            "every page of an agency account that has not sent it says so, and "
            "`python -m etl remind` e-mails the agencies that have not sent it.",
            int,
        ),
        Setting("RB_AUTH_MODE", "password", "Login mode of the app: password, oidc or none.", str),
        Setting(
            "RB_LOCK_DAYS",
            "45",
            "Days after a quarter ends after which agencies can no longer upload for it "
            "(an admin can reopen it for one agency).",
            int,
        ),
        Setting("RB_LOGIN_ATTEMPTS", "5", "Failed logins in a row that lock an account.", int),
        Setting("RB_LOCKOUT_MINUTES", "15", "How long a locked account stays locked.", int),
        Setting(
            "RB_CLIENT_LOGIN_ATTEMPTS",
            "3",
            "Failed logins from one client (address, else browser session) within "
            "RB_LOCKOUT_MINUTES after which that client is refused for a while, its tries "
            "counting against no account; below RB_LOGIN_ATTEMPTS, one client cannot lock "
            "someone else's account. Counted in the database, across every app server.",
            int,
        ),
        Setting(
            "RB_TRUSTED_PROXIES",
            "",
            "Addresses or networks of the reverse proxies in front of the app (comma-separated, "
            "e.g. 10.0.0.5 or 127.0.0.1): only a connection from one of them has its client "
            "read from X-Forwarded-For; any other connection is its own client.",
        ),
        Setting(
            "RB_SESSION_HOURS",
            "8",
            "Hours a password sign-in lasts in a browser, reloads included (a cookie holding a "
            "random token; sign-out, a password change or disabling the account end it at once).",
            float,
        ),
        Setting(
            "RB_APP_URL",
            "http://localhost:8501",
            "The app's address as its users open it (https://rb.example.go.id): the link in the "
            "reminder e-mails.",
        ),
        Setting(
            "RB_SMTP_HOST",
            "",
            "Mail server that `python -m etl remind` sends through (empty: no mail is sent).",
        ),
        Setting("RB_SMTP_PORT", "587", "Port of the mail server.", int),
        Setting(
            "RB_SMTP_TLS",
            "starttls",
            "How the mail connection is encrypted: starttls (port 587), ssl (port 465) or none "
            "(a relay on the same machine or the private network only).",
        ),
        Setting("RB_SMTP_USER", "", "User name at the mail server (empty: no login)."),
        Setting(
            "RB_SMTP_PASSWORD",
            "",
            "Password at the mail server; a secret: keep it in .streamlit/secrets.toml or the "
            "service's environment.",
            secret=True,
        ),
        Setting(
            "RB_SMTP_FROM",
            "",
            "Sender address of the reminder e-mails (e.g. RB Monitor <rb-monitor@example.go.id>).",
        ),
        Setting(
            "RB_TIMEZONE",
            "Asia/Jakarta",
            "Time zone the app shows times in and counts dates by (deadlines, locks, lateness; "
            "IANA name: Asia/Jakarta is WIB, Asia/Makassar WITA, Asia/Jayapura WIT); stored "
            "times stay in UTC.",
            zoneinfo.ZoneInfo,
        ),
        Setting(
            "RB_OIDC_ROLE_CLAIM",
            "rb_role",
            "Claim of the identity provider's token that carries the RB Monitor role.",
        ),
        Setting(
            "RB_OIDC_AGENCY_CLAIM",
            "rb_agency",
            "Claim that carries an agency account's agency code.",
        ),
    )
}


@cache
def _secrets() -> dict:
    path = ROOT / ".streamlit" / "secrets.toml"
    if not path.is_file():
        return {}
    with path.open("rb") as fh:
        return tomllib.load(fh)


def get(name: str):
    """The value of a setting, typed."""
    setting = SETTINGS[name]
    raw = os.environ.get(name)
    if raw is None:
        raw = _secrets().get(name, setting.default)
    return setting.cast(raw)


def database_url(override: str | None = None) -> str:
    return override or get("RB_DATABASE_URL")
