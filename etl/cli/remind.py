"""`python -m etl remind [--dry-run] [--today YYYY-MM-DD]`: e-mail the deadline reminders due
today (etl.access.reminders), for cron or a systemd timer (docs/deploy.md). Run it as often as
you like: each reminder goes out once.

Exit codes: 0 every reminder due was sent (or none was due); 1 the mail server refused some
recipients (the others got it; a reminder refused to all is tried again next run); 2 a usage
error, no mail server set, or the database or mail server cannot be reached."""

from __future__ import annotations

import datetime as dt

from etl.access import mail, reminders
from etl.cli.common import (
    EXIT_OK,
    EXIT_REFUSED,
    EXIT_USAGE,
    command,
    fail,
    message_of,
    ready_engine,
)
from etl.core import clock
from etl.store.catalogue import load_catalogue


def register(subparsers) -> None:
    p = command(
        subparsers, "remind", run,
        "e-mail agencies' uploaders RB_REMIND_DAYS before a quarter's deadline and when it is "
        "overdue (once per agency, period and kind; audited)",
    )  # fmt: skip
    p.add_argument(
        "--dry-run", action="store_true", help="list the reminders due; send and record nothing"
    )
    p.add_argument(
        "--today", type=dt.date.fromisoformat, metavar="YYYY-MM-DD",
        help="the day to judge the deadlines by (default: today)",
    )  # fmt: skip
    p.add_argument("--user", default="cli", help="the audit trail's actor (default: cli)")


def run(args) -> int:
    found = ready_engine(args)
    today = args.today or clock.today()
    due = reminders.due(found, load_catalogue(found), today)
    unreachable = reminders.without_email(found)
    if unreachable:
        fail(
            "Akun instansi tanpa e-mail (tidak diingatkan) / agency accounts without an e-mail "
            f"(not reminded): {', '.join(unreachable)} — python -m etl user set-email USER --email …"
        )
    if args.dry_run:
        for reminder in due:
            print(f"[dry-run] {reminder.label()} → {', '.join(reminder.recipients)}")
        print(f"Pengingat yang akan dikirim / reminders due: {len(due)} (dry run)")
        return EXIT_OK
    try:
        sender = mail.sender()
        sent, partly = _send_all(found, due, sender, args.user)
    except mail.MailError as error:
        fail(message_of(error))
        return EXIT_USAGE
    print(f"Pengingat terkirim / reminders sent: {sent} dari / of {len(due)}")
    return EXIT_REFUSED if partly else EXIT_OK


def _send_all(found, due: list, sender: str, actor: str) -> tuple[int, bool]:
    """Sent and whether any recipient was refused. A reminder refused to every recipient is
    said and left for the next run; a server that goes away stops the run (MailError)."""
    sent, partly = 0, False
    if not due:
        return sent, partly
    with mail.connection() as send:
        for reminder in due:
            try:
                refused = reminders.deliver(found, reminder, send, sender, actor=actor)
            except mail.MailError as error:
                if error.code != "mail_refused":
                    raise
                fail(f"{reminder.label()}: {message_of(error)}")
                partly = True
                continue
            if refused is None:
                continue  # another run sent it meanwhile
            sent += 1
            print(f"{reminder.label()} → {', '.join(reminder.recipients)}")
            if refused:
                partly = True
                shown = "; ".join(f"{who} ({why})" for who, why in sorted(refused.items()))
                fail(f"{reminder.label()}: ditolak / refused: {shown}")
    return sent, partly
