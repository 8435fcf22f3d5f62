"""python -m etl remind against a real SMTP server started here (aiosmtpd on 127.0.0.1): the
mails it received, once per agency, period and kind, audited; a dry run sends nothing."""

from __future__ import annotations

import email
import socket

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import select

from etl.access import accounts
from etl.cli.main import main
from etl.store import schema

AGENCY = "KL.KEMENPANRB"


class Inbox:
    def __init__(self):
        self.mails = []

    async def handle_DATA(self, server, session, envelope):
        self.mails.append(email.message_from_bytes(envelope.content))
        return "250 OK"


@pytest.fixture
def smtp(monkeypatch):
    inbox = Inbox()
    with socket.socket() as probe:  # a free port
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    for name, value in {
        "RB_SMTP_HOST": "127.0.0.1", "RB_SMTP_PORT": str(port),
        "RB_SMTP_TLS": "none", "RB_SMTP_FROM": "rb@example.go.id", "RB_APP_URL": "https://rb.example.go.id",
    }.items():  # fmt: skip
        monkeypatch.setenv(name, value)
    yield inbox
    controller.stop()


def _body(mail) -> str:
    return mail.get_payload(decode=True).decode("utf-8")


def test_before_the_deadline_overdue_once_each_audited(sqlite_engine, smtp):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    accounts.create_user(
        sqlite_engine, "clerk", "agency", agency=AGENCY, email="c@x.go.id", actor="t"
    )
    db = ["--db", url]
    assert main(["remind", "--dry-run", "--today", "2026-10-12", *db]) == 0
    assert smtp.mails == []
    assert main(["remind", "--today", "2026-10-12", *db]) == 0
    (mail,) = smtp.mails
    assert mail["To"] == "c@x.go.id" and "TW3 2026" in mail["Subject"]
    body = _body(mail)
    assert body.index("Batas waktu") < body.index("deadline")  # Indonesian first
    assert "15 Oktober 2026" in body and "15 October 2026" in body
    assert AGENCY in body and "https://rb.example.go.id/unggah" in body
    assert main(["remind", "--today", "2026-10-13", *db]) == 0
    assert len(smtp.mails) == 1  # not twice
    assert main(["remind", "--today", "2026-10-20", *db]) == 0
    assert len(smtp.mails) == 2 and "terlambat" in smtp.mails[1]["Subject"]
    with sqlite_engine.connect() as conn:
        log = schema.audit_log.c
        kinds = [d["after"]["kind"] for (d,) in conn.execute(
            select(log.detail).where(log.action == "reminder_sent"))]  # fmt: skip
    assert kinds == ["due_soon", "overdue"]


def test_no_mail_server_is_a_usage_error(sqlite_engine, monkeypatch):
    url = sqlite_engine.url.render_as_string(hide_password=False)
    accounts.create_user(
        sqlite_engine, "clerk", "agency", agency=AGENCY, email="c@x.go.id", actor="t"
    )
    monkeypatch.delenv("RB_SMTP_HOST", raising=False)
    assert main(["remind", "--today", "2026-10-12", "--db", url]) == 2
