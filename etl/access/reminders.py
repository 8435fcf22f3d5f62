"""Deadline reminders (issue 17): an agency's uploaders (its active agency accounts with an
e-mail address) are e-mailed RB_REMIND_DAYS before a quarter's deadline and once the quarter is
overdue, while the agency has sent none of its values; once per agency, period and kind. Each
is recorded in sent_reminder and the audit trail in the transaction that sends it, so a mail
the server refused is tried again on the next run and two runs at once send it once."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from babel.dates import format_date
from sqlalchemy import Engine, false, select
from sqlalchemy.exc import IntegrityError

from etl.access.mail import MailError, Send
from etl.core import settings
from etl.core.messages_reminders import DAYS, REMINDERS, SIGNATURE
from etl.store import audit, periods, schema
from etl.store.database import write_transaction
from etl.store.periods import PeriodState
from indicators.catalogue import Catalogue

# The state of a period without values (etl.store.periods.waiting) → the reminder it earns.
KIND_OF_STATE = {"due_soon": "due_soon", "late": "overdue"}
UPLOAD_PATH = "unggah"  # the upload page's address (ui.routes)
sent_reminder = schema.sent_reminder


@dataclass(frozen=True)
class Reminder:
    kind: str  # due_soon or overdue
    period: PeriodState
    name: str  # the agency's name
    recipients: tuple[str, ...]

    @property
    def agency(self) -> str:
        return self.period.agency

    def label(self) -> str:
        return f"{self.kind} TW{self.period.quarter} {self.period.year} {self.agency}"


def _agency_accounts(engine: Engine):
    users = schema.app_user.c
    query = select(users.username, users.agency, users.email).where(
        users.role == "agency", users.disabled == false(), users.agency.is_not(None)
    )
    with engine.connect() as conn:
        return conn.execute(query.order_by(users.username)).all()


def uploaders(engine: Engine) -> dict[str, tuple[str, ...]]:
    """Agency code → the e-mail addresses of its active agency accounts."""
    out: dict[str, list[str]] = {}
    for _, agency, email in _agency_accounts(engine):
        if email and email.strip() and email.strip() not in out.get(agency, []):
            out.setdefault(agency, []).append(email.strip())
    return {a: tuple(e) for a, e in out.items()}


def without_email(engine: Engine) -> list[str]:
    """The active agency accounts no reminder can reach (`etl user set-email` gives one)."""
    return [name for name, _, email in _agency_accounts(engine) if not (email or "").strip()]


def _sent(engine: Engine) -> set[tuple[str, int, int, str]]:
    c = sent_reminder.c
    with engine.connect() as conn:
        return set(conn.execute(select(c.agency, c.year, c.quarter, c.kind)).all())


def due(engine: Engine, catalogue: Catalogue, today: dt.date) -> list[Reminder]:
    """The reminders to send today: periods waiting for an agency that has someone to mail,
    whose reminder of that kind has not gone out yet."""
    mailing = uploaders(engine)
    bodies = [catalogue.agencies[a] for a in mailing if a in catalogue.agencies]
    done = _sent(engine)
    out = []
    for period in periods.waiting(engine, bodies, today):
        kind = KIND_OF_STATE.get(period.state)
        if kind and (period.agency, period.year, period.quarter, kind) not in done:
            name = catalogue.agencies[period.agency].name
            out.append(Reminder(kind, period, name, mailing[period.agency]))
    return out


def _date(day: dt.date, locale: str) -> str:
    return format_date(day, format="d MMMM y", locale=locale)


def _days(n: int) -> tuple[str, str]:
    pair = DAYS["today"] if n <= 0 else DAYS["one"] if n == 1 else DAYS["many"]
    return pair[0].format(n=n), pair[1].format(n=n)


def message(reminder: Reminder, sender: str) -> EmailMessage:
    """The e-mail: subject and body in Bahasa Indonesia first, then in English."""
    p = reminder.period
    days_id, days_en = _days(p.days_left)
    last = p.lock_date - dt.timedelta(days=1)
    fields = {
        "agency": reminder.agency, "name": reminder.name,
        "period_id": f"TW{p.quarter} {p.year}", "period_en": f"Q{p.quarter} {p.year}",
        "deadline_id": _date(p.deadline, "id"), "deadline_en": _date(p.deadline, "en"),
        "last_id": _date(last, "id"), "last_en": _date(last, "en"),
        "days_id": days_id, "days_en": days_en,
        "url": f"{settings.get('RB_APP_URL').rstrip('/')}/{UPLOAD_PATH}",
    }  # fmt: skip
    mail = REMINDERS[reminder.kind]
    out = EmailMessage()
    out["Subject"] = mail.subject.format(**fields)
    out["From"] = sender
    out["To"] = ", ".join(reminder.recipients)
    out["Date"] = formatdate(localtime=True)
    out["Message-ID"] = make_msgid(domain=sender.rsplit("@", 1)[-1].strip("> ") or None)
    out["Content-Language"] = "id, en"
    out["Auto-Submitted"] = "auto-generated"  # RFC 3834: no out-of-office replies
    body_id = f"{mail.body_id.format(**fields)}\n\n{SIGNATURE[0]}"
    body_en = f"{mail.body_en.format(**fields)}\n\n{SIGNATURE[1]}"
    out.set_content(f"{body_id}\n\n-- English --\n\n{body_en}\n")
    return out


def deliver(
    engine: Engine, reminder: Reminder, send: Send, sender: str, *, actor: str
) -> dict[str, str] | None:
    """Send one reminder and record it: the recipients the server refused (empty: all took it),
    or None when another run recorded it first. A server refusing every recipient raises
    MailError and nothing is recorded."""
    p = reminder.period
    try:
        with write_transaction(engine) as conn:
            # The row first: its unique key makes a concurrent run wait here, then skip.
            row = {
                "agency": reminder.agency, "year": p.year, "quarter": p.quarter,
                "kind": reminder.kind, "recipients": ", ".join(reminder.recipients),
                "sent_at": dt.datetime.now(dt.UTC), "sent_by": actor,
            }  # fmt: skip
            inserted = conn.execute(sent_reminder.insert(), row).inserted_primary_key[0]
            refused = send(message(reminder, sender))
            if set(refused) >= set(reminder.recipients):
                reason = "; ".join(sorted(set(refused.values())))
                raise MailError(
                    "mail_refused", recipients=", ".join(sorted(refused)), reason=reason
                )
            taken = [r for r in reminder.recipients if r not in refused]
            conn.execute(
                sent_reminder.update()
                .where(sent_reminder.c.id == inserted)
                .values(recipients=", ".join(taken))
            )
            audit.record(
                conn, actor=actor, action="reminder_sent",
                entity=f"period:{reminder.agency}:{p.year}Q{p.quarter}",
                after={"kind": reminder.kind, "deadline": p.deadline, "recipients": taken,
                       "refused": sorted(refused)},
            )  # fmt: skip
    except IntegrityError:
        return None
    return refused
